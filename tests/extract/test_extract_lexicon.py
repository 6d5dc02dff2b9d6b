"""The per-language lexicon: every language module registered, its words reaching the rules."""

import importlib
import pkgutil
import re
from dataclasses import fields

import pytest

import bot.extract.lexicon as lexicon_package
from bot.extract.dates import month_number
from bot.extract.lexicon import ALL, LANGUAGES, Lexicon, alternation
from bot.extract.speechverbs import is_speech_verb

_LANGUAGE_MODULES = sorted(
    name for _, name, _ in pkgutil.iter_modules(lexicon_package.__path__) if name != "model"
)
_ENTRY_FIELDS = [field.name for field in fields(Lexicon) if field.name not in {"code", "months"}]


def test_every_language_module_is_registered_once_under_its_own_code() -> None:
    codes = [lexicon.code for lexicon in LANGUAGES]
    assert sorted(codes) == _LANGUAGE_MODULES
    for name in _LANGUAGE_MODULES:
        module = importlib.import_module(f"bot.extract.lexicon.{name}")
        assert module.LEXICON.code == name


@pytest.mark.parametrize("lexicon", LANGUAGES, ids=lambda lexicon: lexicon.code)
def test_every_entry_of_a_language_is_in_the_union_the_rules_read(lexicon: Lexicon) -> None:
    for name in _ENTRY_FIELDS:
        assert set(getattr(lexicon, name)) <= set(getattr(ALL, name)), name
    for number, names in enumerate(lexicon.months, start=1):
        assert all(month_number(name) == number for name in names.split())


@pytest.mark.parametrize("lexicon", LANGUAGES, ids=lambda lexicon: lexicon.code)
def test_every_entry_is_a_pattern_that_needs_text(lexicon: Lexicon) -> None:
    for name in _ENTRY_FIELDS:
        for entry in getattr(lexicon, name):
            assert entry.strip() == entry, (name, entry)
            assert re.fullmatch(alternation([entry]), "") is None, (name, entry)


def test_alternation_keeps_spaces_in_verbose_patterns() -> None:
    pattern = re.compile(rf"^{alternation(['a dit', 'dit'])}$", re.VERBOSE)
    assert pattern.match("a dit") and pattern.match("dit") and not pattern.match("adit")


def test_a_language_module_brings_its_words_to_the_rules() -> None:
    assert is_speech_verb("sagte") and is_speech_verb("повідомила") and is_speech_verb("dijo")
    assert month_number("березня") == 3 and month_number("juillet") == 7
    assert month_number("maart") == 3  # Dutch: dates only, no speech rules yet


def test_a_lexicon_needs_all_twelve_months() -> None:
    with pytest.raises(ValueError, match="twelve"):
        Lexicon(code="xx", months=("january",))
