"""Verbs of saying beyond the commonest, attributions set inside the marks with dashes, French
spacing inside the marks, and a role read as a name ('Trainer von Bayern'). Invented examples."""

import pytest

from bot.extract import lines
from bot.extract.quotes import find_lead_quote
from bot.extract.speaker.attribution import attribution_after
from bot.extract.speechverbs import is_speech_verb
from bot.extract.text import read_text


def speaker(body: str, lang: str) -> str | None:
    found = find_lead_quote(body, lang)
    assert found is not None, "the test body must hold a quotation"
    return found.speaker


@pytest.mark.parametrize(
    ("tail", "expected"),
    [
        (", sostiene Marta Vidal.", "Marta Vidal"),
        (", advirtió Pedro Sanz.", "Pedro Sanz"),
        (" —dice Lucía Gómez—.", "Lucía Gómez"),
        (", a martelé Claire Fontaine.", "Claire Fontaine"),
        (", poursuit Paul Girard.", "Paul Girard"),
        (", verriet Jonas Hartmann.", "Jonas Hartmann"),
        (", unterstrich Eva Krause.", "Eva Krause"),
        (", — ответил Игорь Смирнов.", "Игорь Смирнов"),
        (", — пояснює Олена Коваль.", "Олена Коваль"),
        (" Dana Reyes recalls.", "Dana Reyes"),
    ],
)
def test_verbs_of_saying_in_news(tail: str, expected: str) -> None:
    """The present tense and the less common verbs that news attributes quotations with."""
    found = attribution_after(tail)
    assert found is not None and found.subject == expected


@pytest.mark.parametrize("word", ["говорят", "кажуть", "повідомляє", "вважає", "считают"])
def test_impersonal_and_reporting_verbs_do_not_introduce_a_speaker(word: str) -> None:
    """'— говорят ему' names nobody (an impersonal plural), 'Про це повідомляє' introduces an
    outlet's report and 'вважає' an opinion: as verbs of saying they made the next person named
    the speaker."""
    assert not is_speech_verb(word)


def test_an_attribution_set_between_dashes_inside_the_marks() -> None:
    body = (
        "La operación se desarrolló el martes.\n\n"
        '"No vamos a permitir que esto siga ocurriendo —dice el comisario Juan Pérez—. '
        'Seguiremos investigando."'
    )
    assert speaker(body, "es") == "Juan Pérez"


def test_a_role_and_whose_it_is_is_no_name() -> None:
    body = (
        "Der Trainer Hans Müller bat am Montag um Entschuldigung. „Das war unser schlechtestes "
        "Spiel seit Jahren“, sagte der 55 Jahre alte Trainer von Bayern."
    )
    assert speaker(body, "de") == "Hans Müller"


def test_a_french_quotation_paragraph_with_inner_spaces_is_body_not_a_pull_quote() -> None:
    paragraph = "« Nous ne pouvons pas attendre, rappelle Marc Dubois. Les prix s'effondrent. »"
    assert not lines.is_heading_like(paragraph)
    assert lines.is_heading_like("« Le retour des beaux jours »")
    reading = read_text(
        "Les agriculteurs manifestent\n12 mars 2024\n\n"
        "Le ministre a reçu les syndicats mardi.\n\n"
        f"{paragraph}\n\nLa réunion reprend jeudi.\n"
    )
    assert "Marc Dubois" in reading.body
    assert speaker(reading.body, "fr") == "Marc Dubois"


def test_an_organisation_the_text_never_names_is_nobody_not_the_next_person() -> None:
    body = (
        '"We will hire two hundred people in the region next year," the company said. '
        "Mayor Jane Doe welcomed the plan."
    )
    assert speaker(body, "en") is None
