"""Names that say whose role it is, outlets in adverbials, unnamed sources at the head of the
subject, and particles inside full names (en, fr, es, de, ru)."""

from __future__ import annotations

import pytest

from bot.extract.quotes import find_lead_quote


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # the town of 'le maire de Lyon' is not the mayor
        (
            "fr",
            "Interrogé par un quotidien, le maire de Lyon a estimé que « la ville ne peut plus "
            "accueillir autant de touristes ».",
        ),
        # the paper of the interview is an adverbial; the pronoun after the verb speaks
        (
            "de",
            "Im Interview mit der Süddeutschen Zeitung sagte sie: „Ich habe nie daran "
            "gezweifelt, dass wir gewinnen.“",
        ),
        # the outlet's unnamed source
        (
            "ru",
            "Об этом сообщает «Коммерсант». «Сделка будет закрыта до конца года», — сказал "
            "собеседник издания.",
        ),
    ],
)
def test_no_speaker_when_only_a_qualifier_or_an_outlet_is_named(lang: str, text: str) -> None:
    lead = find_lead_quote(text, lang)
    assert lead is not None
    assert lead.speaker is None


@pytest.mark.parametrize(
    ("lang", "text", "speaker"),
    [
        (
            "en",
            '"It was a tough game but we never gave up," Manchester United manager Erik ten Hag '
            "told reporters.",
            "Erik ten Hag",
        ),
        (
            "es",
            'De acuerdo con la Organización Mundial de la Salud, "la pandemia todavía no ha '
            'terminado en Europa".',
            "Organización Mundial de la Salud",
        ),
    ],
)
def test_full_names_with_particles_and_sources_by_preposition(
    lang: str, text: str, speaker: str
) -> None:
    lead = find_lead_quote(text, lang)
    assert lead is not None
    assert lead.speaker == speaker


def test_a_name_opening_the_sentence_before_an_apposition_speaks() -> None:
    """'Biden, speaking at the White House, said:': the name set off by the apposition is the
    subject, not the place inside it."""
    text = 'Biden, speaking at the White House, said: "We will not stand by while this happens."'
    lead = find_lead_quote(text, "en")
    assert lead is not None
    assert lead.speaker == "Biden"
