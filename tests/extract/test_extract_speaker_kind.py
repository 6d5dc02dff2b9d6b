"""What a would-be speaker's name names (places, peoples, parties, titles, fragments,
organisations, persons in en, ru, uk, de, fr), and which kinds pass the person check."""

from __future__ import annotations

import pytest

from bot.extract import extract_text
from bot.extract.speaker.personcheck import SpeakerKind, is_acceptable_speaker, speaker_kind


@pytest.mark.parametrize(
    ("name", "lang", "kind"),
    [
        ("United States", "en", SpeakerKind.PLACE),
        ("the United Kingdom", "en", SpeakerKind.PLACE),
        ("California", "en", SpeakerKind.PLACE),
        ("RU", "en", SpeakerKind.PLACE),
        ("России", "ru", SpeakerKind.PLACE),
        ("України", "uk", SpeakerKind.PLACE),
        ("Deutschland", "de", SpeakerKind.PLACE),
        ("Bayern", "de", SpeakerKind.PLACE),
        ("Allemagne", "fr", SpeakerKind.PLACE),
        ("Ukrainian", "en", SpeakerKind.NATIONALITY),
        ("Russische", "de", SpeakerKind.NATIONALITY),
        ("Français", "fr", SpeakerKind.NATIONALITY),
        ("House Democratic", "en", SpeakerKind.PARTY),
        ("Rep", "en", SpeakerKind.TITLE),
        ("California Sen", "en", SpeakerKind.TITLE),
        ("Bundeskanzler", "de", SpeakerKind.TITLE),
        ("Президент", "ru", SpeakerKind.TITLE),
        ("Linux-based", "en", SpeakerKind.FRAGMENT),
        ("пресс-служба клуба в среду", "ru", SpeakerKind.FRAGMENT),
        ("Минобороны", "ru", SpeakerKind.ORGANISATION),
        ("Роспотребнадзора", "ru", SpeakerKind.ORGANISATION),
        ("Acme Corp", "en", SpeakerKind.ORGANISATION),
        ("Bayerischen Rundfunk", "de", SpeakerKind.ORGANISATION),
        ("Jens Stoltenberg", "en", SpeakerKind.PERSON),
        ("Mr Beith", "en", SpeakerKind.PERSON),
        ("C. Fred Bergsten", "en", SpeakerKind.PERSON),
        ("Путина", "ru", SpeakerKind.PERSON),
        ("Кулеба", "uk", SpeakerKind.PERSON),
        ("Marita Kramer", "de", SpeakerKind.PERSON),
        ("Zakaria Shehab", "fr", SpeakerKind.PERSON),
        ("Kodak", "en", SpeakerKind.UNKNOWN),
    ],
)
def test_speaker_kind(name: str, lang: str, kind: SpeakerKind) -> None:
    assert speaker_kind(name, lang) is kind


def test_only_a_person_passes_without_an_attribution_pointing_at_it() -> None:
    assert is_acceptable_speaker("Kodak", pointed_at=True)
    assert not is_acceptable_speaker("Kodak", pointed_at=False)
    assert not is_acceptable_speaker("United States", pointed_at=True)
    # a surname passes when the text gives it in full with a given name
    assert is_acceptable_speaker("Webb", pointed_at=False, text="Corin Webb sells rifles.")
    full_names = {"holm": "Grete Holm"}
    assert is_acceptable_speaker("Holm", pointed_at=False, full_names=full_names)
    assert not is_acceptable_speaker("Bromwich", pointed_at=False, full_names={})


@pytest.mark.parametrize(
    "name", ["Harvest Moon Parade", "Tedros Adhanom Ghebreyesus", "Amtsgericht Lohberg"]
)
def test_a_name_shape_alone_is_no_person(name: str) -> None:
    """Capitalised words with no person evidence (no given name, honorific, initial or
    dictionary tag) are as often an event, a place or a body as a person: printed only when the
    attribution names them itself."""
    assert speaker_kind(name, "en") is SpeakerKind.UNKNOWN
    assert is_acceptable_speaker(name, pointed_at=True)
    assert not is_acceptable_speaker(name, pointed_at=False)
    surname = name.split()[-1]
    assert not is_acceptable_speaker(
        surname, pointed_at=False, full_names={surname.casefold(): name}
    )


def test_an_event_named_before_an_unattributed_quotation_is_no_speaker() -> None:
    text = (
        "Copper Valley Fair returns\n\n"
        "Crowds lined Main Street on Saturday. Copper Valley Fair drew floats from twelve "
        "towns this year.\n\n"
        "“We have never had so many entries, and the weather held all afternoon.”\n\n"
        "The floats were judged in the evening.\n"
    )
    found = extract_text(text)
    assert found.lead_quote is not None and found.lead_quote.startswith("We have never had")
    assert found.quote_speaker is None
