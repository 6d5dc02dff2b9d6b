"""Name finding around speakers: roles, qualifiers, organisations, sentence-initial given names.

Every example is written for these tests (invented people and organisations), not corpus text.
"""

import pytest

from bot.extract.speaker.names import (
    NameHint,
    is_role_word,
    mid_sentence_words,
    names_in,
    title_surnames,
)
from bot.extract.speechverbs import is_speech_verb, speech_verbs_in


def found(text: str) -> list[str]:
    return [name.text for name in names_in(text, mid_sentence_words(text))]


def hints(text: str) -> dict[str, NameHint]:
    return {name.text: name.hint for name in names_in(text, mid_sentence_words(text))}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A dotted abbreviation stands alone; the recased word after it opens a new run.
        ("The U.S. Automaker Crestline Motors will sell 900 trucks.", ["U.S.", "Crestline Motors"]),
        # A role word splits a run: the place before it, the person after it.
        (
            "On Friday Springfield City Mayor Nora Fenwick cut the ribbon.",
            ["Springfield City", "Nora Fenwick"],
        ),
        # A possessive ends a name.
        ("We then read Mr Halloran's e-mail to Quentin Marsh.", ["Mr Halloran", "Quentin Marsh"]),
        # 'role of/for X Y Z': the complement goes, the person stays.
        ("It was signed by the Secretary of Agriculture Tom Vance today.", ["Tom Vance"]),
        # The script changes between two names.
        ("эксперт компании Larkspur Analytics Павел Сомов", ["Larkspur Analytics", "Павел Сомов"]),
        # A genitive place between a role and a person qualifies the role.
        ("Заявил министр финансов Эстонии Марта Кукк вчера.", ["Марта Кукк"]),
        ("Про це повідомив голова РДА Остап Гнатюк.", ["Остап Гнатюк"]),
        # A German compound that ends in a role is no name, the surname 'Richter' is.
        ("Am Montag sagte Bahnchefin Ida Lorenz zu Tom Richter.", ["Ida Lorenz", "Tom Richter"]),
        # A name alone in guillemets is a name, not a sentence start.
        ("Об этом сообщила компания «Северсталь».", ["Северсталь"]),
    ],
)
def test_names_are_cut_at_roles_qualifiers_and_scripts(text: str, expected: list[str]) -> None:
    assert found(text) == expected


def test_name_after_a_role_is_a_person_and_before_it_a_qualifier() -> None:
    found_hints = hints(
        "Yesterday Brackwell Foods chairman Ian Pollock resigned. Mayor Oduya left."
    )
    assert found_hints["Ian Pollock"] is NameHint.PERSON
    assert found_hints["Oduya"] is NameHint.PERSON
    assert found_hints["Brackwell Foods"] is NameHint.QUALIFIER


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A fine was imposed by the Ruritanian government on Monday.", "Ruritanian government"),
        ("It was printed by the Daily Lantern newspaper in March.", "Daily Lantern newspaper"),
        ("Later the British government said nothing.", "British government"),
        ("The plan was drafted at the Ministry of Fisheries last year.", "Ministry of Fisheries"),
        (
            "Вчера Министерство культуры и туризма Калужской области объявило конкурс.",
            "Министерство культуры и туризма Калужской области",
        ),
    ],
)
def test_organisation_phrases_run_through_lower_case_words(text: str, expected: str) -> None:
    organisations = [n for n in names_in(text, mid_sentence_words(text)) if n.is_organisation]
    assert [name.text for name in organisations] == [expected]


def test_organisation_head_stops_at_a_verb() -> None:
    text = "Вчера Министерство объявило о конкурсе в Калуге."
    assert "Министерство объявило о конкурсе в Калуге" not in found(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ebba Lindqvist, a nurse, said she was tired.", ["Ebba Lindqvist"]),
        ("Ebba Lindqvist has worked nights for a decade.", ["Ebba Lindqvist"]),
        # Words a sentence may open with are no given names.
        ("Yesterday Lindqvist spoke to the board.", ["Lindqvist"]),
        # The text uses the opening word in lower case elsewhere: an ordinary word.
        ("Tonnes Halvorsen said nothing about the tonnes of grain.", ["Halvorsen"]),
        ("Тепер Ужгород чекає. Ужгород спить.", ["Ужгород"]),
    ],
)
def test_sentence_initial_given_name_is_kept_only_before_a_subject_cue(
    text: str, expected: list[str]
) -> None:
    assert found(text)[:1] == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Mayor", True),
        ("spokeswoman", True),
        ("Director-General", True),
        ("Bundespräsidentin", True),
        ("прем’єр-міністр", True),
        ("Richter", False),
        ("Westminster", False),
    ],
)
def test_role_words(word: str, expected: bool) -> None:
    assert is_role_word(word) is expected


def test_title_surnames_read_full_names_of_a_headline() -> None:
    assert title_surnames("Greta Holm wins the Lakeside marathon") == {"holm"}
    assert title_surnames(None) == frozenset()


def test_speech_verbs_are_found_as_whole_words_and_phrases() -> None:
    text = "Il a déclaré hier, puis Lea sagte es; Tom shot back and the sayings stayed."
    spans = [text[span.start : span.end] for span in speech_verbs_in(text)]
    assert spans == ["a déclaré", "sagte", "shot back"]
    assert is_speech_verb("Заявила") and not is_speech_verb("sayings")


def test_reporting_words_count_only_when_asked_for() -> None:
    text = "The agency reported a fall."
    assert speech_verbs_in(text) == []
    assert [text[s.start : s.end] for s in speech_verbs_in(text, reporting=True)] == ["reported"]
