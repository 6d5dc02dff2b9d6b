"""Held-out speaker check: short English news paragraphs written for this test (not corpus text),
one per attribution shape the finder must handle, with the speaker each one names."""

import pytest

from bot.extract.quotes import find_lead_quote

PARAGRAPHS = [
    pytest.param(
        "Marta Kowalczyk, the chief executive of Brightwater Foods, a maker of frozen meals, "
        'said on Tuesday: "Demand has never been this strong, and we are hiring again."',
        "Marta Kowalczyk",
        id="apposition-before-the-verb",
    ),
    pytest.param(
        '"The bridge will stay closed for at least three weeks," said Daniel Okafor, who leads '
        "the city's transport department.",
        "Daniel Okafor",
        id="said-x-who",
    ),
    pytest.param(
        "Harlow Rail cancelled half of its evening trains. Harlow Rail's spokeswoman said the "
        'strike "will not change our timetable for the rest of the week".',
        "Harlow Rail",
        id="organisation-spokeswoman",
    ),
    pytest.param(
        "Residents were told to boil tap water on Monday. According to a statement from the "
        'Northfield Water Authority, "the supply is safe again and no further testing is needed".',
        "Northfield Water Authority",
        id="according-to-a-statement-from",
    ),
    pytest.param(
        "Senator Alice Brennan told reporters outside the chamber: "
        '"This bill is not going to pass in its current form."',
        "Alice Brennan",
        id="told-reporters",
    ),
    pytest.param(
        "The mayor, Tomas Lindqvist, opened the new library on Saturday. "
        '"Every child in this town deserves a quiet place to read," Lindqvist added.',
        "Lindqvist",
        id="surname-added",
    ),
    pytest.param(
        "Priya Raman has coached the national hockey team for six years. "
        'She said on Sunday: "I have never been prouder of a group of players."',
        "Priya Raman",
        id="pronoun-after-named-person",
    ),
    pytest.param(
        "Oakridge Motors recalled 40,000 vehicles on Thursday over a faulty brake sensor. "
        '"No injuries have been reported so far," the company said in a statement.',
        "Oakridge Motors",
        id="the-company-after-named-company",
    ),
    pytest.param(
        '"Prices are likely to keep rising through the winter," Helena Voss, an economist at '
        "the Institute for Fiscal Research, told the radio station.",
        "Helena Voss",
        id="apposition-after-the-quote",
    ),
    pytest.param(
        'The defence minister said the exercises "pose no threat to any neighbouring country". '
        "Defence Minister Ruth Adeyemi made the remarks during a visit to the northern border.",
        "Ruth Adeyemi",
        id="role-named-later",
    ),
]


@pytest.mark.parametrize(("body", "expected"), PARAGRAPHS)
def test_held_out_paragraph_names_its_speaker(body: str, expected: str) -> None:
    found = find_lead_quote(body, "en")
    assert found is not None
    assert found.speaker == expected


@pytest.mark.parametrize(
    "body",
    [
        'One local resident said the flooding was "the worst we have seen in thirty years".',
        'Nobody signed the leaflet. "Stay at home on Friday and keep the shutters closed," the '
        "caller told the shop owners.",
    ],
)
def test_held_out_unnamed_speaker_is_none(body: str) -> None:
    found = find_lead_quote(body, "en")
    assert found is not None
    assert found.speaker is None
