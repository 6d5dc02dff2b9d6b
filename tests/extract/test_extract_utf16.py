"""UTF-16 offsets (Telegram entity positions) -> Python indexes, without a per-character table."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.extract.telegram import PostEntity, export_message_text, extract_telegram_post
from bot.utf16 import Utf16Index, utf16_len

# Letters, spaces, a BMP symbol and astral characters (emoji, a flag half, a CJK extension).
TEXT = st.text(alphabet=st.sampled_from(list("ab é\nя—🔴🇺🇦⚡\u2003") + ["\U00020000"]))


def reference_index(text: str) -> list[int]:
    """The obvious table: one entry per UTF-16 unit, a surrogate pair's two units -> its char."""
    table = []
    for index, char in enumerate(text):
        table.extend([index] * (2 if ord(char) > 0xFFFF else 1))
    return [*table, len(text)]


@given(TEXT, st.integers(min_value=0, max_value=40))
def test_index_matches_the_per_unit_table(text: str, offset: int) -> None:
    table = reference_index(text)
    assert Utf16Index(text).index(offset) == table[min(offset, len(table) - 1)]


@given(TEXT)
def test_units_and_length_count_astral_characters_twice(text: str) -> None:
    expected = len(text.encode("utf-16-le")) // 2
    assert Utf16Index(text).units == expected
    assert utf16_len(text) == expected


@pytest.mark.parametrize(
    ("text", "offset", "index"),
    [
        ("abc", 2, 2),
        ("abc", 99, 3),  # past the end: the end
        ("🔴a", 1, 0),  # inside the surrogate pair: the emoji itself
        ("🔴a", 2, 1),
        ("a🔴🔴b", 5, 3),
    ],
)
def test_index_examples(text: str, offset: int, index: int) -> None:
    assert Utf16Index(text).index(offset) == index


def test_lone_surrogate_counts_one_unit_in_length_and_index() -> None:
    # JSON may decode to a lone surrogate ("\\ud83d" cut from its pair): one code unit, no error.
    assert utf16_len("a\ud800") == 2
    assert Utf16Index("a\ud800b").units == 3


def test_export_part_with_a_lone_surrogate_gets_offsets_not_an_error() -> None:
    message = {"text": ["a\ud83d ", {"type": "bold", "text": "Title"}]}
    text, entities = export_message_text(message)
    assert text == "a\ud83d Title"
    assert entities == [PostEntity("bold", 3, 5, None)]


def test_bold_headline_after_many_emoji_is_found_by_its_utf16_offset() -> None:
    prefix = "🔴" * 50 + " "
    title = "Рада ухвалила бюджет"
    text = f"{prefix}{title}. Подробиці згодом\n\nДепутати проголосували за бюджет на рік."
    entities = [PostEntity("bold", 101, len(title))]  # 50 emoji = 100 units, then a space
    result = extract_telegram_post(text, entities, dt.datetime(2024, 1, 2, 9, 0))
    assert result.headline == title


def test_export_parts_after_emoji_get_offsets_in_utf16_units() -> None:
    message = {
        "id": 7,
        "text": [
            "🔴🔴 ",
            {"type": "bold", "text": "Title"},
            " body ",
            {"type": "link", "text": "x"},
        ],
    }
    text, entities = export_message_text(message)
    assert text == "🔴🔴 Title body x"
    assert [(e.type, e.offset, e.length) for e in entities] == [("bold", 5, 5), ("link", 16, 1)]
