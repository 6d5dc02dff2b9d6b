"""'a déclaré le ministre de l’Économie, Jean Dupont, sur France Inter': after a role of an
organisation, the name set off by commas speaks, not the organisation (fr, es, en), and a name cut
off at a particle ('Ministerio del') is a fragment, never printed."""

from __future__ import annotations

import pytest

from bot.extract.quotes import find_lead_quote


@pytest.mark.parametrize(
    ("lang", "text", "speaker"),
    [
        (
            "fr",
            "Le gouvernement a présenté son budget mardi.\n\n« Nous ne laisserons personne au "
            "bord du chemin », a déclaré le ministre de l’Économie, Jean Dupont, sur France Inter.",
            "Jean Dupont",
        ),
        (
            "es",
            'El Gobierno aprobó el decreto. "Es una medida necesaria para proteger a las '
            'familias", dijo el ministro de Economía, Carlos Ruiz, en Madrid.',
            "Carlos Ruiz",
        ),
        (
            "es",
            '"La economía crecerá más de lo previsto este año", señaló el gobernador del Banco '
            "de España, Pablo Hernández de Cos.",
            "Pablo Hernández de Cos",
        ),
        (
            "es",
            "La presidenta de la Comunidad de Madrid, Isabel Díaz Ayuso, aseguró: "
            '"Madrid no se va a parar por nadie".',
            "Isabel Díaz Ayuso",
        ),
        (
            "en",
            '"We will not accept these terms," said the President of the European Commission, '
            "Ursula von der Leyen.",
            "Ursula von der Leyen",
        ),
    ],
)
def test_the_name_after_a_role_of_an_organisation_speaks(
    lang: str, text: str, speaker: str
) -> None:
    lead = find_lead_quote(text, lang)
    assert lead is not None
    assert lead.speaker == speaker


def test_a_name_cut_at_a_particle_is_no_speaker() -> None:
    text = (
        '"No vamos a permitir que esto vuelva a ocurrir", afirmó la portavoz del Ministerio '
        "del Interior."
    )
    lead = find_lead_quote(text, "es")
    assert lead is not None
    assert lead.speaker in {None, "Ministerio del Interior"}
