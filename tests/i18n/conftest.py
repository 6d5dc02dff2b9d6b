"""Fixtures for the i18n tests: small catalogs written as real ``.po`` files."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.i18n.catalogs import catalog_path

#: A plural message in the three-form languages, as a fluent editor writes it.
ARTICLES_PO = {
    "ru": """
        "Plural-Forms: nplurals=3; plural=n % 10 == 1 && n % 100 != 11 ? 0 : n % 10 >= 2 && "
        "n % 10 <= 4 && (n % 100 < 12 || n % 100 > 14) ? 1 : 2;\\n"

        msgid "{count} article"
        msgid_plural "{count} articles"
        msgstr[0] "{count} статья"
        msgstr[1] "{count} статьи"
        msgstr[2] "{count} статей"
    """,
    "uk": """
        "Plural-Forms: nplurals=3; plural=n % 10 == 1 && n % 100 != 11 ? 0 : n % 10 >= 2 && "
        "n % 10 <= 4 && (n % 100 < 12 || n % 100 > 14) ? 1 : 2;\\n"

        msgid "{count} article"
        msgid_plural "{count} articles"
        msgstr[0] "{count} стаття"
        msgstr[1] "{count} статті"
        msgstr[2] "{count} статей"
    """,
}

WritePo = Callable[[str, str], Path]


@pytest.fixture
def write_po(tmp_path: Path) -> WritePo:
    """Write a ``.po`` file for a language under ``tmp_path``: a header naming the language
    (the body may continue the header with more header lines), then the body's entries."""

    def write(code: str, body: str) -> Path:
        path = catalog_path(code, tmp_path)
        path.parent.mkdir(parents=True, exist_ok=True)
        header = (
            'msgid ""\nmsgstr ""\n'
            '"Content-Type: text/plain; charset=utf-8\\n"\n'
            f'"Language: {code}\\n"\n'
        )
        path.write_text(header + textwrap.dedent(body).lstrip("\n"), encoding="utf-8")
        return tmp_path

    return write
