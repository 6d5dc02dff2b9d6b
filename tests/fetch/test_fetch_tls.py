"""Every fetch shares one TLS context, and it still verifies certificates and host names."""

from __future__ import annotations

import ssl

from bot.fetch import _tls_context


def test_one_verifying_tls_context_for_every_fetch() -> None:
    context = _tls_context()
    assert context is _tls_context()
    assert context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname
    assert context.cert_store_stats()["x509_ca"] > 0  # the CA bundle is loaded
