"""Speaker resolution: pronouns, roles, reported sources, sentence subjects, name filters."""

import pytest

from bot.extract.quotes import find_lead_quote
from bot.extract.speaker.attribution import attribution_after, attribution_before
from bot.extract.speaker.coreference import (
    NOBODY,
    SpeakerContext,
    person_with_role,
    reported_source_before,
    sentences_before,
    subject_before,
)
from bot.extract.speaker.names import mid_sentence_words, names_in


def speaker(body: str, lang: str = "en", title: str | None = None) -> str | None:
    found = find_lead_quote(body, lang, title)
    assert found is not None, "the test body must hold a quotation"
    return found.speaker


def names(text: str) -> list[str]:
    return [name.text for name in names_in(text, mid_sentence_words(text))]


# --- names -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The talks failed, the Syrian envoy Abdul Al-Atassi said.", ["Abdul Al-Atassi"]),
        ("About 2.2 million Ethiopians need help, says Henri Josserand.", ["Henri Josserand"]),
        ("Gestern sprach VW-Chef Herbert Diess in Wolfsburg.", ["Herbert Diess", "Wolfsburg"]),
        ("Ajouter à mes favoris L'article a été ajouté par Yassin E. hier.", ["Yassin E"]),
    ],
)
def test_names_skip_demonyms_roles_particles_and_elided_articles(
    text: str, expected: list[str]
) -> None:
    assert names(text) == expected


def test_a_particle_left_first_is_dropped() -> None:
    found = names("16 Jahre lang prägte die Schauspielerin als Organisatorin den Opernball.")
    assert "Opernball" in found and "den Opernball" not in found


# --- sentences ---------------------------------------------------------------------------------


def test_sentences_do_not_end_at_abbreviations_or_wrapped_lines() -> None:
    text = "Mr. Smith met Dr. Jones in the U.S. Capitol. The agency\nKyodo reported it. Then"
    context = SpeakerContext(text)
    found = [text[start:end] for start, end in sentences_before(context, len(text))]
    assert found == [
        "Then",
        "The agency\nKyodo reported it. ",
        "Mr. Smith met Dr. Jones in the U.S. Capitol. ",
    ]


# --- pronouns ----------------------------------------------------------------------------------


def test_pronoun_takes_the_subject_of_the_previous_sentence_past_an_apposition() -> None:
    body = (
        "Leeann Tweeden, a radio news anchor, says Al Franken kissed her during a tour. "
        'She says Franken "aggressively stuck his tongue in my mouth" at a rehearsal.'
    )
    assert speaker(body) in {"Leeann Tweeden", "Tweeden"}


def test_pronoun_skips_sentences_whose_speaker_is_also_a_pronoun() -> None:
    body = (
        "Unilever chairman Michael Angus said margins improved. "
        "Volumes in North America increased, he noted. "
        'Acquisitions would take place "from time to time, as it suits us," he said.'
    )
    assert speaker(body) == "Michael Angus"


def test_pronoun_after_an_unnamed_speaker_gives_no_speaker() -> None:
    body = (
        "Rep. Frank Guarini introduced a bill. The bill is not needed now, one analyst said. "
        '"You are going to have a hard time convincing Congress now," the coffee analyst said.'
    )
    assert speaker(body) is None


def test_subject_before_reports_nobody_for_an_unnamed_speaker() -> None:
    text = "Как считает эксперт, россиянам не стоит переживать. Он добавил"
    assert subject_before(SpeakerContext(text), len(text) - 10) is NOBODY


def test_pronoun_finds_the_person_named_after_the_verb_in_the_clause() -> None:
    body = (
        "Про це повідомив екс-міністр внутрішніх справ України Арсен Аваков\n\n"
        '"Безповоротні втрати особового складу становлять 11034 людей", — пише він.'
    )
    assert speaker(body, "uk").endswith("Арсен Аваков")


# --- roles -------------------------------------------------------------------------------------


def test_person_role_resolves_to_the_person_named_with_that_role() -> None:
    text = (
        "Прем'єр Словаччини Едуард Геґер підтримав заявку. "
        "Про це повідомив прем’єр-міністр України Денис Шмигаль. Далі"
    )
    found = person_with_role(SpeakerContext(text), "прем’єр", len(text))
    assert found is not None and found.text.endswith("Денис Шмигаль")


def test_role_does_not_match_inside_a_compound_role() -> None:
    text = "Вице-президент Уго Веласкес молчал. Президент Марио Абдо Бенитес ответил. Далее"
    found = person_with_role(SpeakerContext(text), "президент", len(text))
    assert found is not None and found.text == "Марио Абдо Бенитес"


def test_role_compound_spokeswoman_speaks_for_the_organisation() -> None:
    body = (
        "Die Deutsche Bahn ändert die Regeln für die Lounge. "
        "„In den letzten Jahren konnten wir ein starkes Wachstum verzeichnen“, erklärte "
        "eine Bahn-Sprecherin dem Blog."
    )
    assert speaker(body, "de") == "Deutsche Bahn"


def test_role_compound_chief_is_the_person_named_with_that_prefix() -> None:
    body = (
        "VW-Chef Herbert Diess zeigte sich besorgt. "
        '"Gerade Wolfsburg ist wichtig für den Konzern, muss die Speerspitze sein", betonte der '
        "VW-Boss seinem Redetext zufolge."
    )
    assert speaker(body, "de") == "Herbert Diess"


def test_german_verb_first_introduction_names_the_organisation() -> None:
    body = (
        "Auf Anfrage unserer Redaktion erklärte der Sprecher der Deutschen Bank: "
        '"Wir überprüfen unsere Standorte kontinuierlich und sorgfältig."'
    )
    assert speaker(body, "de") == "Deutschen Bank"


def test_attribution_phrase_is_cut_at_a_german_preposition() -> None:
    found = attribution_after(", sagte Lindner beim Dreikönigstreffen der FDP.")
    assert found is not None and found.subject == "Lindner"


# --- reported sources --------------------------------------------------------------------------


def test_statement_resolves_to_the_full_organisation_an_earlier_sentence_reported() -> None:
    body = (
        "Туристы застряли на пляже из-за ливней, сообщает ГУ МЧС РФ по Приморскому краю.\n"
        '"На пляже находятся 18 человек, из них двое детей", - сообщает региональный главк МЧС.'
    )
    assert speaker(body, "ru") == "ГУ МЧС РФ по Приморскому краю"


def test_document_attribution_uses_the_reported_source() -> None:
    body = (
        "Обвинения предъявлены, говорится в заявлении гособвинителя округа Грин Дэна "
        "Паттерсона.\n"
        '"Андрейченко предъявлено обвинение в создании угрозы", - отмечается в документе.'
    )
    assert "Паттерсона" in speaker(body, "ru")


def test_press_office_of_a_role_resolves_to_the_organisation_named_before() -> None:
    text = (
        "Министерство экологии Подмосковья объявило конкурс. "
        "Об этом в четверг сообщает пресс-служба ведомства. Далее"
    )
    found = reported_source_before(SpeakerContext(text), len(text))
    assert found == "Министерство экологии Подмосковья"


def test_government_spokesman_speaks_for_the_organisation_that_said_it() -> None:
    text = "Two bloggers were banned from the UK, the Home Office has said.\n\nA spokesman"
    assert reported_source_before(SpeakerContext(text), len(text)) == "Home Office"


def test_document_attribution_falls_back_to_the_title() -> None:
    body = (
        "Мобилизация проводится в течение 90 суток.\n\n"
        '"Мобилизацию провести на территории всех областей страны", - говорится в документе.'
    )
    title = "Президент Владимир Зеленский подписал указ о всеобщей мобилизации."
    assert speaker(body, "ru", title) == "Владимир Зеленский"


# --- unattributed quotations and paragraphs ----------------------------------------------------


def test_attribution_does_not_cross_into_the_next_paragraph() -> None:
    body = (
        "Ryan Petty, whose daughter was killed, hailed the vote in a tweet.\n\n"
        'He said: "We know that today\'s vote is just the beginning of our journey."\n\n'
        "State Democratic Party legislators who backed the bill said it was necessary."
    )
    assert speaker(body) in {"Ryan Petty", "Petty"}


def test_speaker_label_title_gives_its_first_name() -> None:
    body = "- «Не позволяйте использовать ваших детей в качестве живого щита»"
    assert speaker(body, "ru", title="Путин на заседании Совбеза:") == "Путин"


def test_unattributed_quote_near_only_a_place_has_no_speaker() -> None:
    body = (
        "A deer lost its antler in a Dallas park last week.\n\n"
        '"Hey, you lost your antler." The video went viral.'
    )
    assert speaker(body) is None


def test_colon_introduction_wins_over_text_after_the_quote() -> None:
    before = attribution_before("Colin Asplin, Blackpool Hotel Association said: ")
    assert before is not None
    body = (
        "Colin Asplin, Blackpool Hotel Association said: "
        '"We have tried very hard to make sure they come back to Blackpool." Nobody answered.'
    )
    assert speaker(body) == "Colin Asplin"
