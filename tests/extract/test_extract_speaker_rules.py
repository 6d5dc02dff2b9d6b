"""Attribution and resolution rules of the speaker finder, one invented example each."""

import pytest

from bot.extract.quotes import find_lead_quote, is_direct_quote
from bot.extract.speaker.attribution import attribution_after, attribution_before


def speaker(body: str, lang: str = "en", title: str | None = None) -> str | None:
    found = find_lead_quote(body, lang, title)
    assert found is not None, "the test body must hold a quotation"
    return found.speaker


# --- attribution patterns -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tail", "expected"),
    [
        (", the Lakeside Courier quoted Hanna Moss as saying.", "Hanna Moss"),
        (" Dorrit shot back at the panel.", "Dorrit"),
        (", said a lawyer for the family, Oskar Brandt.", "Oskar Brandt"),
        (", sagte der Technische Leiter des Vereins, Uwe Kamp.", "Uwe Kamp"),
        (", — повідомили в компанії «Світлотех».", "в компанії «Світлотех»"),
    ],
)
def test_attribution_after_the_quote(tail: str, expected: str) -> None:
    found = attribution_after(tail)
    assert found is not None and found.subject == expected


@pytest.mark.parametrize(
    ("lead", "expected"),
    [
        # An apposition in dashes and a perfect tense: 'X — ... — has written:'.
        ("Among the critics, Ines Farrow — a retired judge — has written: ", "Ines Farrow"),
        # Two appositions in commas.
        ("Lena Ortiz, the head of Corbel Tools, a maker of drills, said: ", "Lena Ortiz"),
        # A preposition after a bare role keeps the name that ends the phrase.
        (
            "acting Attorney for Wexford County Sam Ibe said: ",
            "acting Attorney for Wexford County Sam Ibe",
        ),
    ],
)
def test_attribution_before_the_quote(lead: str, expected: str) -> None:
    found = attribution_before(lead)
    assert found is not None and found.subject == expected


def test_so_introduces_a_source_only_before_a_name() -> None:
    assert attribution_before("because doing so would mean that ") is None
    found = attribution_after(", so Greta Vahl.")
    assert found is not None and found.subject == "Greta Vahl"


def test_a_long_clause_before_a_colon_is_no_speaker_label() -> None:
    assert (
        attribution_before("The draft law came with an explanatory note from the clerk: ") is None
    )
    found = attribution_before("Адвокат Ковальчук: ")
    assert found is not None and found.subject == "Адвокат Ковальчук"


# --- resolution -------------------------------------------------------------------------------


def test_pronoun_after_a_named_subject_is_not_the_speaker_of_says() -> None:
    body = (
        "Corin Webb sells hunting rifles. Webb says he met the buyer twice in May.\n"
        '"He seemed calm and polite to me," he said.'
    )
    assert speaker(body) == "Webb"


def test_speaker_of_a_verb_is_its_direct_subject_past_a_role_apposition() -> None:
    body = (
        "Harbor Freightways plans to hire 300 drivers this year, Mira Kent, director of Harbor "
        "Freightways Logistics Division told a briefing. "
        '"Demand keeps growing every month," she said.'
    )
    assert speaker(body) == "Mira Kent"


def test_role_resolves_to_the_titled_name_that_comes_later() -> None:
    body = (
        'The governor said the dam "will be rebuilt before the spring floods". '
        "Governor Elsa Brandvold visited the site on Tuesday."
    )
    assert speaker(body) == "Elsa Brandvold"


def test_role_resolves_to_the_last_person_introduced_with_a_role() -> None:
    body = (
        "Премьер-министр Руритании Иван Горский поручил снизить налоги. Об этом сообщил "
        'британский лидер.\n"Мы должны помочь малому бизнесу уже этой осенью", - пояснил глава '
        "правительства."
    )
    assert speaker(body, "ru") == "Иван Горский"


@pytest.mark.parametrize(
    "body",
    [
        # An unnamed individual by a common noun.
        'We heard the boy shout, "Somebody has taken my bicycle away!" Then he ran.',
        # A role nobody is named with, after an unnamed one.
        'One broker said prices would fall. "It will be a rough quarter for sellers," the '
        "broker said.",
        # A colon introduction that names no one: a document speaks.
        "The council published a short notice:\n\n"
        '"All libraries will close at noon on Friday for repairs."',
    ],
)
def test_unnamed_speakers_give_none(body: str) -> None:
    assert speaker(body) is None


def test_quotation_after_another_continues_its_speaker() -> None:
    body = (
        'Ada Pike runs the shelter. "Is anybody there?" the caller asked. '
        '"Please send someone to the bridge at once."'
    )
    assert speaker(body) is None


def test_main_clause_subject_wins_over_names_in_a_fronted_clause() -> None:
    body = (
        "Rather than praising Otto Lind for the reform, Vera Sand argued that it "
        '"changed nothing for the people who needed it most".'
    )
    assert speaker(body) == "Vera Sand"


def test_attribution_inserted_inside_an_unclosed_quotation() -> None:
    body = (
        "“Les marchés restent fragiles, rappelle Odile Ferrand, économiste à Lyon. "
        "Personne ne sait ce que l’hiver nous réserve.”"
    )
    assert speaker(body, "fr") == "Odile Ferrand"


def test_a_place_in_the_title_is_no_speaker() -> None:
    body = 'Crowds gathered at dawn. "We will stay here until the road opens again."'
    assert speaker(body, title="Protest grows in Northvale") is None


def test_an_organisation_opening_the_sentence_speaks_through_its_spokeswoman() -> None:
    body = (
        "Tarn Valley Rail cancelled twelve trains. Tarn Valley Rail's spokeswoman said the "
        'strike "will not change the weekend timetable".'
    )
    assert speaker(body) == "Tarn Valley Rail"


def test_a_statement_from_an_organisation_names_the_organisation() -> None:
    body = (
        "According to a statement from the Eastbrook Port Authority, "
        '"all berths will reopen on Monday morning".'
    )
    assert speaker(body) == "Eastbrook Port Authority"


def test_inflected_surname_after_a_role_names_the_person() -> None:
    body = (
        "Так считает аналитик агентства Lakemont Research Олег Бурцев.\n"
        "По мнению Бурцева, цены не вырастут. "
        '"Рынок уже учел все риски этого сезона", - сказал эксперт.'
    )
    assert speaker(body, "ru") == "Олег Бурцев"


# --- quotations that are names ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("quoted", "before", "lang", "expected"),
    [
        # 'Facebook' ends in 'book' but names no work.
        (
            "Мы продолжим работу над проектом и дальше",
            "в ходе трансляции в Facebook.\n",
            "ru",
            True,
        ),
        ("Весна без війни. Виходь на площу!", "відбудуться мітингів ", "uk", False),
        ("Who Runs the City Hall, Anyway", "the findings of the study ", "en", False),
    ],
)
def test_naming_words_are_whole_words_with_their_inflections(
    quoted: str, before: str, lang: str, expected: bool
) -> None:
    assert is_direct_quote(quoted, before, lang) is expected


@pytest.mark.parametrize(
    ("body", "lang", "expected"),
    [
        # A role-headed subject with the name set off in commas.
        (
            "The Green councillor for Eastmoor, Rita Vance, said the budget was "
            '"a betrayal of every promise made last spring".',
            "en",
            "Rita Vance",
        ),
        # The person named after a role wins over the firm after 'of'.
        (
            '"Margins will shrink again this quarter," said broker Lev Aronson of Pike Cabot.',
            "en",
            "Lev Aronson",
        ),
        # 'sagte der Zeitung': a dative object, not the speaker.
        (
            "Landrat Jens Ohlig sagte der Zeitung: „Die Straße bleibt bis Ende Mai gesperrt.“",
            "de",
            "Jens Ohlig",
        ),
        # A role, an organisation in the genitive, then the person.
        (
            "Глава Росгидромета Игорь Шумаков заявил: «Жара продержится до конца недели».",
            "ru",
            "Игорь Шумаков",
        ),
        # A speaker label opening the text.
        ("Гнатюк: «Ми відновимо міст до кінця літа»", "uk", "Гнатюк"),
        # A common noun for a body of people names no one.
        ('Officials said the dam "was never at risk of collapse this year".', "en", None),
    ],
)
def test_subject_heads_labels_and_objects(body: str, lang: str, expected: str | None) -> None:
    assert speaker(body, lang) == expected
