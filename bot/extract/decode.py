"""Bytes of unknown encoding -> clean text, or a clear refusal for binary content.

Order: a byte-order mark decides; else strict UTF-8; else charset-normalizer's best guess
(cp1251, latin-1, UTF-16 without a BOM...). The result is NFC-normalised, without zero-width
characters and without control characters other than new lines and tabs.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from charset_normalizer import from_bytes

from bot.extract.model import BinaryContentError
from bot.i18n import N_

__all__ = ["clean_text", "decode_bytes"]

_BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 first: its little-endian BOM starts with UTF-16's.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Signatures of formats people upload by mistake instead of text.
_BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"RIFF", "a RIFF (WebP/WAV/AVI) file"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.xlsx/.epub document)"),
    (b"%PDF-", "a PDF document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"\x7fELF", "an executable"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
)

# When charset-normalizer rates several code pages equally (short Western text often reads
# equally well as cp1250 and cp1252), the one met most often in practice wins.
_PREFERRED_ENCODINGS = ("utf_8", "cp1252", "latin_1", "iso8859_15", "cp1251", "koi8_r", "utf_16")

_SNIFF_BYTES = 4096
_MIN_PRINTABLE_RATIO = 0.85
_MIN_SAMPLE_CHARS = 32
_MAX_STRAY_NUL_RATIO = 0.01

# Zero-width and invisible formatting characters that break matching and search.
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e]")
# C0/C1 controls except tab and line feed (carriage returns are turned into new lines first).
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _magic_kind(data: bytes) -> str | None:
    for magic, kind in _BINARY_MAGIC:
        if data.startswith(magic):
            return kind
    return None


def _utf16_encoding(head: bytes) -> str | None:
    """UTF-16 without a BOM puts its NUL bytes (high bytes of Latin text, spaces, digits)
    in one byte position only; binary data scatters them."""
    even_nuls = head[0::2].count(0)
    odd_nuls = head[1::2].count(0)
    if min(even_nuls, odd_nuls) > 0.02 * len(head):
        return None
    # ASCII-range characters little-endian put the NUL second.
    return "utf-16-le" if odd_nuls > even_nuls else "utf-16-be"


def _decode_utf16_without_bom(data: bytes) -> str | None:
    encoding = _utf16_encoding(data[:_SNIFF_BYTES])
    if encoding is None:
        return None
    try:
        text = data[: len(data) - len(data) % 2].decode(encoding)
    except UnicodeDecodeError:
        return None
    return text if _printable_ratio(text) >= _MIN_PRINTABLE_RATIO else None


def _decode_utf8_with_stray_nuls(data: bytes) -> str | None:
    """UTF-8 text with a few NUL bytes (a damaged or padded file), NULs removed.

    UTF-16 puts a NUL in every other byte of Latin text and in a good share of any other text
    (spaces, digits, punctuation); a few NULs in valid UTF-8 are damage, not another encoding.
    """
    if data.count(0) > _MAX_STRAY_NUL_RATIO * len(data):
        return None
    try:
        return data.replace(b"\x00", b"").decode("utf-8")
    except UnicodeDecodeError:
        return None


def _best_guess(data: bytes) -> str | None:
    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        return None
    tied = [
        match
        for match in matches
        if abs(match.chaos - best.chaos) < 1e-9 and abs(match.coherence - best.coherence) < 1e-9
    ]

    def rank(encoding: str) -> int:
        if encoding in _PREFERRED_ENCODINGS:
            return _PREFERRED_ENCODINGS.index(encoding)
        return len(_PREFERRED_ENCODINGS)

    return str(min(tied, key=lambda match: rank(match.encoding)))


def _printable_ratio(text: str) -> float:
    sample = text[:_SNIFF_BYTES]
    if len(sample) < _MIN_SAMPLE_CHARS:
        return 1.0  # too short to judge; a few stray controls are simply removed
    if sample.replace("\n", "").replace("\r", "").replace("\t", "").isprintable():
        return 1.0  # the usual case, decided in C
    printable = sum(1 for char in sample if char.isprintable() or char in "\n\r\t")
    return printable / len(sample)


def _decode(data: bytes) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")
    kind = _magic_kind(data)
    if kind is not None:
        raise BinaryContentError(
            N_("This file is {kind}, not text: send the article as text or HTML."),
            kind=kind,
        )
    if b"\x00" in data[:_SNIFF_BYTES]:
        text = _decode_utf8_with_stray_nuls(data)
        if text is not None:
            return text
        text = _decode_utf16_without_bom(data)
        if text is None:
            raise BinaryContentError(
                N_(
                    "This file holds binary data (NUL bytes), not text: "
                    "send the article as text or HTML."
                )
            )
        return text
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    text = _best_guess(data)
    if text is None:
        raise BinaryContentError(
            N_(
                "The file's encoding could not be recognised: save it as UTF-8 text and send "
                "it again."
            )
        )
    return text


def clean_text(text: str) -> str:
    """NFC-normalise ``text``, unify line ends and drop zero-width and control characters.

    Tabs and new lines stay; ``\\x02``/``\\x03`` go too (storage uses them as snippet marks).
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ZERO_WIDTH.sub("", text)
    text = _CONTROLS.sub("", text)
    return unicodedata.normalize("NFC", text)


def decode_bytes(data: bytes) -> str:
    """Decode uploaded bytes to clean text.

    Raises:
        BinaryContentError: the bytes are an image, archive, executable or other binary data,
            or no text encoding fits them.
    """
    text = _decode(data)
    if _printable_ratio(text) < _MIN_PRINTABLE_RATIO:
        raise BinaryContentError(
            N_(
                "This file does not look like text (too many unprintable characters): "
                "send the article as text or HTML."
            )
        )
    return clean_text(text)
