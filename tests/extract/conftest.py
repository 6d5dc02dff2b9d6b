"""Shared fixtures of the extraction tests: where the gold corpus is."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

#: Environment variable that points the tests at a corpus elsewhere.
CORPUS_ENV = "DIGEST_BOT_CORPUS"


@pytest.fixture(scope="session")
def corpus_labels() -> Path:
    """``labels.jsonl`` of the shared gold corpus (``$DIGEST_BOT_CORPUS``, else
    ``/work/shared/corpus`` beside the repository); the test is skipped when it is absent."""
    default = Path(__file__).resolve().parents[3] / "shared" / "corpus"
    labels = Path(os.environ.get(CORPUS_ENV) or default) / "labels.jsonl"
    if not labels.is_file():
        pytest.skip(f"corpus not found at {labels.parent} (set {CORPUS_ENV})")
    return labels
