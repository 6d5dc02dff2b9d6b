"""Verbs of saying beyond the commonest, attributions set inside the marks with dashes, French
spacing inside the marks, and a role read as a name ('Trainer von Bayern'). Invented examples."""

import pytest

from bot.extract import lines
from bot.extract.quotes import find_lead_quote
from bot.extract.speaker.attribution import attribution_after
from bot.extract.speaker.names import is_role_word
from bot.extract.speaker.personcheck import is_acceptable_speaker
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


def test_so_with_an_article_points_at_the_organisation_of_that_kind() -> None:
    body = (
        "Die Antwort stufte das Innenministerium als Verschlusssache ein. Der Bundestag darf sie "
        'nicht weitergeben. "Eine Benennung der Firmen birgt Gefahren für alle Beteiligten", '
        "so das Ministerium."
    )
    assert speaker(body, "de") == "Innenministerium"


def test_a_role_compound_is_resolved_to_the_person_named_with_it() -> None:
    assert is_role_word("FDP-Landeschef")
    body = (
        "Dort twittert FDP-Landeschef Martin Hagen eine Botschaft. Die Grünen antworten schnell. "
        'Kurz darauf antwortet der FDP-Landeschef: "Auf die FDP können sie dabei nicht setzen."'
    )
    assert speaker(body, "de") == "Martin Hagen"


def test_in_cyrillic_text_a_latin_name_beside_a_person_is_a_company() -> None:
    body = (
        '"Мы надеемся, что наши действия наконец разбудят гигантов", отметил CEO Acmetronics '
        "Уилл Кирилюк во время анонса."
    )
    assert speaker(body, "ru") == "Уилл Кирилюк"


def test_a_quotation_label_takes_the_person_of_the_source_line() -> None:
    body = (
        "Виконавчий директор компанії Юрій Вітренко заявив, що не знає про такі плани.\n\n"
        'Джерело: виступ Вітренка в ефірі "Свободи слова" на ICTV\n\n'
        'Пряма мова: "Мені не відомо, чесно кажучи, про якусь конкретну роботу в цьому форматі."'
    )
    assert speaker(body, "uk") == "Юрій Вітренко"


def test_a_quotation_label_gives_way_to_the_attribution_after_the_quotation() -> None:
    body = (
        'Джерело: агентство з посиланням на МЗС РФ\n\nДослівно: "Пропозиція весь цей час не '
        'втрачала своєї актуальності", - заявили в МЗС РФ.'
    )
    assert speaker(body, "uk") == "МЗС РФ"


@pytest.mark.parametrize(
    ("tail", "expected"),
    [
        # A lower-case letter before a period is no initial: the name ends at the sentence.
        (", a déclaré Eto'o. Le football", "Eto'o"),
        (", ha comentado la presentadora.", "la presentadora"),
        (" rapporte Simon Gongo, correspondant à Ouagadougou.", "Simon Gongo"),
    ],
)
def test_attribution_phrases_of_news(tail: str, expected: str) -> None:
    found = attribution_after(tail)
    assert found is not None and found.subject == expected


def test_a_verb_with_its_pronoun_dropped_speaks_of_the_person_named_before() -> None:
    found = attribution_after(", dijo. Después")
    assert found is not None and found.is_pronoun
    body = (
        "La cantante Lucía Ferrer habló de su enfermedad.\n\n"
        '"Cuando la cirugía terminó abrí mis ojos y empecé a hablar pero nada pasó", dijo.'
    )
    assert speaker(body, "es") == "Lucía Ferrer"


def test_the_last_clause_of_the_quotation_s_sentence_attributes_it() -> None:
    body = (
        'Rather than backing measures that "threaten the peace of the whole region," the '
        "capital should answer the offer instead, Jane Doe said."
    )
    assert speaker(body, "en") == "Jane Doe"


def test_as_someone_put_it() -> None:
    body = 'As the campaigner Ines Farrow put it after the vote: "We have only just begun."'
    assert speaker(body, "en") == "Ines Farrow"


def test_a_party_after_a_nickname_is_whose_it_is_not_the_speaker() -> None:
    body = (
        "En una entrevista, Teodoro García Egea ha defendido el acuerdo.\n\n"
        '"Lo que hay son tres personas que firmaron un pacto con nosotros", aseguró el '
        "'número dos' del PP."
    )
    assert speaker(body, "es") == "Teodoro García Egea"


def test_a_read_more_label_before_a_quotation_is_no_speaker() -> None:
    body = (
        "Samuel Eto'o a parlé à Lagos. A lire aussi sur Radio Exemple: \"Il n'y a pas de pays "
        "parfait dans le monde et ce jeu peut unir les peuples\", a déclaré Eto'o."
    )
    assert speaker(body, "fr") in {"Eto'o", "Samuel Eto'o"}


def test_a_name_with_digits_is_a_code_not_a_speaker() -> None:
    body = (
        "Новые ядра основаны на архитектуре A78. Как сообщает компания, ядра оптимизированы для "
        '"обеспечения высокой производительности при большой нагрузке".'
    )
    assert speaker(body, "ru") != "A78"


def test_an_outlet_citing_the_person_by_a_pronoun() -> None:
    body = (
        "Глава комитета Ярослав Нилов выступил против предложения.\n\n"
        "«Мы должны отдавать себе отчёт, что перенос — это нагрузка на бизнес», — цитирует его "
        "слова «РИА Новости»."
    )
    assert speaker(body, "ru") == "Ярослав Нилов"


def test_a_relative_clause_speaks_for_the_name_before_it() -> None:
    body = (
        "Газета Global Times цитирует демографа Хэ Яфу, который говорит, что «политике "
        "планирования, вероятно, будет положен конец»."
    )
    assert speaker(body, "ru") == "Хэ Яфу"


def test_a_quotation_label_naming_an_unnamed_source_is_nobody() -> None:
    body = (
        "Лідеру партії підготували підозру.\n\nДжерело: співрозмовники видання у прокуратурі\n\n"
        'Пряма мова джерела УП: "Підозра за статтею 346. На понеділок викликають для вручення".'
    )
    assert speaker(body, "uk") is None


def test_an_attribution_after_the_quotation_is_read_where_it_stands() -> None:
    body = (
        "Gianni Infantino continuera d'exercer ses fonctions.\n\n"
        '"Le président de la Fifa va continuer d\'exercer pleinement ses fonctions", indique la '
        "Fifa."
    )
    assert speaker(body, "fr") == "Fifa"


def test_an_organisation_with_a_lower_case_adjective() -> None:
    body = (
        "Les rentes seront relevées en 2025.\n\n"
        "« Le relèvement des rentes engendrera des dépenses supplémentaires », indique le Conseil "
        "fédéral."
    )
    assert speaker(body, "fr") == "Conseil fédéral"


def test_an_organisation_in_the_genitive_after_a_role_is_no_person() -> None:
    body = (
        "В Госдуме подняли вопрос о переносе праздников.\n\nГлава Госдумы по труду Ярослав "
        "Нилов выступил против этого предложения.\n\n«Мы должны отдавать себе отчёт, что "
        "перенос — это нагрузка на бизнес», — цитирует его слова «РИА Новости»."
    )
    # Neither the outlet nor the Duma: the person, or nobody when unsure.
    assert speaker(body, "ru") in {None, "Ярослав Нилов"}


def test_a_romanised_korean_given_name_is_no_adjective_compound() -> None:
    body = (
        '"Concerted efforts are necessary to bring attention to the richness of the arts," '
        "Yoon Keum-jin, a vice president of the foundation, wrote in an email."
    )
    assert speaker(body, "en") == "Yoon Keum-jin"


def test_a_lead_in_ending_in_a_colon_gives_way_to_the_attribution_after_the_quotation() -> None:
    body = (
        'Nach wie vor stehen russische Truppen auch in Teilen Georgiens: "Ich glaube, dass der '
        'Rückzug etwas ist, was Russland akzeptieren muss", so Bundesaußenminister Frank-Walter '
        "Steinmeier beim Treffen."
    )
    assert speaker(body, "de") == "Frank-Walter Steinmeier"


def test_the_adjective_of_a_role_is_no_name() -> None:
    body = (
        "El fiscal Francisco Barbosa habló en el simposio.\n\n"
        '"La Fiscalía ayudará en todo lo relativo a ese proceso de paz", afirmó el Fiscal General.'
    )
    assert speaker(body, "es") != "General"


def test_the_sentence_before_names_who_goes_on_speaking() -> None:
    body = (
        "Trainer Hans Meier habe das Team gut vorbereitet, sagt Seun Adigun. "
        '"Wir kommen von einem Kontinent, wo niemand auf die Idee käme, Bob zu fahren."'
    )
    # Not the subject of that sentence: the name its closing attribution gives.
    assert speaker(body, "de") == "Seun Adigun"


@pytest.mark.parametrize(
    ("tail", "expected"),
    [
        (", Ahram Online reported him as saying.", "him"),
        (", formuliert Amadeu Altafaj, der Sprecher.", "Amadeu Altafaj"),
    ],
)
def test_more_attribution_phrases(tail: str, expected: str) -> None:
    found = attribution_after(tail)
    assert found is not None and found.subject == expected


def test_heard_saying() -> None:
    body = 'Lewis Hamilton was heard on the team radio saying "we should be going now, all of us".'
    assert speaker(body, "en") == "Lewis Hamilton"


def test_whose_role_after_an_elided_article_is_no_speaker() -> None:
    body = (
        "Le gouvernement veut inscrire les personnes menacées d'expulsion au fichier.\n\n"
        '"On doit désormais être méchants avec les méchants et gentils avec les gentils" a '
        "résumé le ministre de l'Intérieur."
    )
    assert speaker(body, "fr") != "Intérieur"


def test_a_french_subject_ends_before_au_cours() -> None:
    found = attribution_after(", a lancé le ministre au cours d'un débat au Sénat, alors que")
    assert found is not None and found.subject == "le ministre"


def test_an_apposed_name_may_carry_its_party_in_brackets() -> None:
    found = attribution_after(
        ", a déclaré jeudi le ministre de l’Intérieur de la région, Peter Beuth (CDU). Mercredi"
    )
    assert found is not None and found.subject == "Peter Beuth"


def test_a_place_named_after_a_saint_is_no_speaker() -> None:
    assert not is_acceptable_speaker("San Francisco", pointed_at=True)
    assert not is_acceptable_speaker("Saint-Denis", pointed_at=True, lang="fr")
    assert is_acceptable_speaker("Jane Doe", pointed_at=True)


def test_a_lower_case_phrase_is_no_name_in_a_lower_case_text() -> None:
    phrase = "журналистам в управлении пресс-службы"
    lower_text = "москва, 1 дек — риа новости. об этом сообщили журналистам в управлении."
    assert not is_acceptable_speaker(phrase, pointed_at=True, lang="ru", text=lower_text)
    assert is_acceptable_speaker("иван чедан", pointed_at=True, lang="ru", text=lower_text)
    # In a text with capitals a lower-case organisation phrase is still a speaker.
    normal_text = "Об этом сообщили в пресс-службе правительства Москвы."
    assert is_acceptable_speaker(
        "пресс-служба главы и правительства региона", pointed_at=True, lang="ru", text=normal_text
    )


def test_a_french_subject_ends_before_a() -> None:
    found = attribution_after(", a déclaré l'entreprise à l'AFP. Un responsable")
    assert found is not None and found.subject == "l'entreprise"
