"""detect_language and the sentence splitter H and Q build on."""

from __future__ import annotations

import pytest

from bot.extract.lang import detect_language
from bot.extract.sentences import LEAD_MAX_CHARS, lead_sentences, split_sentences


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The president said that the plan was good for the country.", "en"),
        ("Der Präsident sagte, dass der Plan gut für das Land ist.", "de"),
        ("Le président a dit que le plan est bon pour les gens et la France.", "fr"),
        ("El presidente dijo que el plan es bueno para los ciudadanos del país.", "es"),
        ("Президент заявил, что этот план хороший и выгодный.", "ru"),
        ("Президент заявив, що план добрий і його підтримують у країні.", "uk"),
        ("Ο πρόεδρος είπε ότι το σχέδιο είναι καλό.", "el"),
    ],
)
def test_detects_language(text: str, lang: str) -> None:
    assert detect_language(text) == lang


def test_russian_text_quoting_a_ukrainian_name_stays_russian() -> None:
    text = "Как заявил Зеленський, переговоры будут продолжены на этой неделе в Стамбуле."
    assert detect_language(text) == "ru"


def test_no_letters_gives_the_default() -> None:
    assert detect_language("12345 !!!") == "en"


def test_split_respects_abbreviations_and_initials() -> None:
    text = 'Mr. Smith met J. R. Doe. He said: "It is fine." Then he left.\n\nNew paragraph.'
    assert split_sentences(text) == [
        "Mr. Smith met J. R. Doe.",
        'He said: "It is fine."',
        "Then he left.",
        "New paragraph.",
    ]


def test_lead_takes_two_sentences_within_the_limit() -> None:
    assert lead_sentences("One two. Three four. Five six.") == "One two. Three four."
    long_second = "First one. " + "Word " * LEAD_MAX_CHARS + "end."
    assert lead_sentences(long_second) == "First one."
