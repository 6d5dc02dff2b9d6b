"""Speakers and titles the tuning set showed wrong on main: a name in quotation marks (an outlet,
a band, a company) next to the speaker, an outlet that quotes someone, and titles of laws,
decrees, orders and legends in «» taken for the lead quote (ru, uk)."""

from __future__ import annotations

import pytest

from bot.extract.quotes import find_lead_quote


@pytest.mark.parametrize(
    ("lang", "text", "speaker"),
    [
        # the outlet the speaker talked to, in «» after the name: the person speaks
        (
            "ru",
            "Вечером стало известно о пожаре на складе.\n\n"
            "«Огонь удалось остановить до прихода утренней смены», — сообщил Семёнов «Ведомостям».",
            "Семёнов",
        ),
        (
            "uk",
            "Увечері стало відомо про пожежу на складі.\n\n"
            "«Вогонь вдалося зупинити до приходу ранкової зміни», — розповів Мельник «Дзеркалу».",
            "Мельник",
        ),
    ],
)
def test_the_person_beats_a_quoted_outlet_in_the_subject(
    lang: str, text: str, speaker: str
) -> None:
    lead = find_lead_quote(text, lang)
    assert lead is not None
    assert lead.speaker == speaker


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # a band's name is the only name near an unattributed quotation
        (
            "uk",
            "Після концерту гурту «Тихий Океан» зала довго не розходилася.\n\n"
            "«Ми грали цю програму вперше і дуже хвилювалися перед виходом»",
        ),
        # an outlet quoting an unnamed 'leader': the outlet is not the speaker
        (
            "ru",
            "Совещание прошло в закрытом режиме.\n\n"
            "«Решение будет принято до конца месяца», — цитирует ТАСС одного из участников.",
        ),
    ],
)
def test_quoted_names_and_citing_outlets_are_no_speakers(lang: str, text: str) -> None:
    lead = find_lead_quote(text, lang)
    assert lead is not None
    assert lead.speaker is None


@pytest.mark.parametrize(
    ("lang", "text", "lead"),
    [
        (
            "uk",
            "Уряд ухвалив постанову «Про посилення соціального захисту населення в умовах "
            "підвищення цін і тарифів на комунальні послуги».\n\n"
            "«Виплати почнуться вже наступного місяця», — сказала Олена Коваль.",
            "Виплати почнуться вже наступного місяця",
        ),
        (
            "ru",
            "В законе «О государственном регулировании производства и оборота этилового "
            "спирта…» сказано иначе.\n\n"
            "«Норму придётся поменять уже весной», — заявил Иван Смирнов.",
            "Норму придётся поменять уже весной",
        ),
        (
            "ru",
            "Певицу наградили орденом «За заслуги перед Отечеством» первой степени.\n\n"
            "«Мы все гордимся её работой», — сказал Пётр Волков.",
            "Мы все гордимся её работой",
        ),
        (
            "uk",
            "З цим місцем пов'язана легенда «Про соколів із Пилипенкової гори».\n\n"
            "«Її тут знає кожна дитина», — розповіла Ганна Бойко.",
            "Її тут знає кожна дитина",
        ),
    ],
)
def test_document_titles_and_award_names_are_not_the_lead_quote(
    lang: str, text: str, lead: str
) -> None:
    found = find_lead_quote(text, lang)
    assert found is not None
    assert found.text == lead


@pytest.mark.parametrize(
    ("word", "fragment"),
    [("Первого", True), ("Державної", True), ("Зеленський", False), ("Петрова", False)],
)
def test_an_adjective_cut_off_from_its_noun_is_a_fragment(word: str, fragment: bool) -> None:
    """'говорится в сообщении Первого канала': 'Первого' alone names nobody; an adjective-shaped
    surname ('Зеленський') stays a name."""
    from bot.extract.speaker.personcheck import SpeakerKind, speaker_kind

    assert (speaker_kind(word, "ru") is SpeakerKind.FRAGMENT) is fragment


@pytest.mark.parametrize(
    ("lang", "text", "speaker"),
    [
        (
            "ru",
            "Вечером в редакцию пришла печальная новость.\n\n"
            "«Он был очень близким другом и потрясающим человеком», — сказал в интервью "
            "информационному каналу «Вести» руководитель дирекции ВГТРК по радиовещанию "
            "Сергей Архипов.",
            "Сергей Архипов",
        ),
        (
            "uk",
            "Увечері до редакції надійшла сумна новина.\n\n"
            "«Він був дуже близьким другом і чудовою людиною», — сказав в інтерв'ю "
            "телеканалу «Вісті» керівник дирекції НТКУ з радіомовлення Сергій Архипенко.",
            "Сергій Архипенко",
        ),
    ],
)
def test_the_person_after_a_role_of_an_abbreviated_organisation_speaks(
    lang: str, text: str, speaker: str
) -> None:
    """'руководитель дирекции ВГТРК … Сергей Архипов': the initials say whose role it is; the
    person named last speaks, however long the phrase before the name runs."""
    lead = find_lead_quote(text, lang)
    assert lead is not None
    assert lead.speaker == speaker


def test_a_movement_reached_through_a_pronoun_is_no_speaker() -> None:
    """'the Workers Brotherhood' is an organisation's name, not a person's full name."""
    text = (
        "The Workers Brotherhood held a rally outside the plant on Monday.\n\n"
        '"We will not stop until the factory reopens its gates," he said.'
    )
    lead = find_lead_quote(text, "en")
    assert lead is not None
    assert lead.speaker is None
