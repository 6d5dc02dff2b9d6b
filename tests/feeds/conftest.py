"""Shared fixtures of the feed tests: the real-world feed files (see fixtures/PROVENANCE.md)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def fixture_bytes() -> Callable[[str], bytes]:
    """Read a fixture file by name, as the bytes a server would send."""

    def read(name: str) -> bytes:
        return (FIXTURES / name).read_bytes()

    return read
