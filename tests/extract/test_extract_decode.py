"""decode_bytes: BOMs, UTF-8, legacy code pages, UTF-16 without a BOM, binary refusal."""

from __future__ import annotations

import codecs

import pytest

from bot.extract.decode import clean_text, decode_bytes
from bot.extract.model import BinaryContentError

RUSSIAN = "Президент России заявил журналистам, что переговоры продолжатся на следующей неделе."
FRENCH = "Le président a déclaré à la presse que les négociations reprendront à Genève. Élève, été."
GERMAN = "Der Bundespräsident äußerte sich über die Lage. Die Größe der Straße ist schön."


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (RUSSIAN, "cp1251"),
        (FRENCH, "latin-1"),
        (GERMAN, "latin-1"),
        (RUSSIAN, "utf-16-le"),
        (FRENCH, "utf-16-be"),
        (RUSSIAN, "utf-8"),
    ],
)
def test_decodes_without_bom(text: str, encoding: str) -> None:
    assert decode_bytes(text.encode(encoding)) == text


@pytest.mark.parametrize(
    ("bom", "encoding"),
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
    ],
)
def test_bom_decides_and_is_dropped(bom: bytes, encoding: str) -> None:
    assert decode_bytes(bom + GERMAN.encode(encoding)) == GERMAN


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n" + bytes(200),
        b"PK\x03\x04" + b"x" * 200,
        b"%PDF-1.7\n" + b"x" * 200,
        bytes(range(256)) * 8,
    ],
)
def test_binary_is_refused_with_a_clear_message(data: bytes) -> None:
    with pytest.raises(BinaryContentError, match="not text|binary|not look like text"):
        decode_bytes(data)


def test_clean_text_strips_zero_width_and_controls_but_keeps_lines_and_tabs() -> None:
    assert clean_text("a\u200bb\x02c\x03d\r\ne\tf\u00ad") == "abcd\ne\tf"


def test_output_is_nfc() -> None:
    decomposed = "Cafe\u0301 ouvert a\u0300 Gene\u0300ve, le pre\u0301sident est arrive\u0301."
    assert (
        decode_bytes(decomposed.encode("utf-8")) == "Café ouvert à Genève, le président est arrivé."
    )
