"""German attributions the tuning set showed wrong on main: a spokesperson speaks for the
organisation in the genitive, an outlet that cites an eyewitness is not the speaker, a person
named in the next paragraph does not speak, and a work named before a colon is a title."""

from __future__ import annotations

import pytest

from bot.extract.quotes import find_lead_quote


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Der DAX fiel am Montag deutlich. Ein Sprecher des Finanzministeriums sagte: "
            "„Wir sind zuversichtlich, dass die Lage beherrschbar bleibt.“",
            "Finanzministerium",
        ),
        (
            "Der Zug blieb im Tunnel stehen. Die Sprecherin des Verkehrsverbandes erklärte: "
            "„Alle Fahrgäste konnten den Zug sicher verlassen.“",
            "Verkehrsverband",
        ),
    ],
)
def test_a_spokesperson_speaks_for_the_organisation_in_the_genitive(
    text: str, speaker: str
) -> None:
    lead = find_lead_quote(text, "de")
    assert lead is not None
    assert lead.speaker == speaker


@pytest.mark.parametrize(
    "text",
    [
        # an outlet citing an unnamed eyewitness
        "Die Polizei sperrte den Platz ab. Die Frankfurter Rundschau zitiert einen Augenzeugen "
        "mit den Worten: „Der Mann ist einfach weitergegangen und hat nichts gesagt.“",
        # the only person named after the quotation is in the next paragraph
        "In einem Papier des Ministeriums heißt es, es sei „folgerichtig, die bewährten "
        "Regeln beizubehalten“.\n\nDie Opposition widersprach. Volker Roth nannte die Pläne "
        "einen Fehler.",
    ],
)
def test_outlets_and_people_of_the_next_paragraph_are_no_speakers(text: str) -> None:
    lead = find_lead_quote(text, "de")
    assert lead is not None
    assert lead.speaker is None


def test_a_work_named_before_a_colon_is_a_title() -> None:
    text = (
        "Das Buch ist ihr literarisches Erstwerk: „Sie befinden sich hier“. Sie sagte: "
        "„Ich hätte nie gedacht, dass ich gewinne.“"
    )
    lead = find_lead_quote(text, "de")
    assert lead is not None
    assert lead.text == "Ich hätte nie gedacht, dass ich gewinne."
