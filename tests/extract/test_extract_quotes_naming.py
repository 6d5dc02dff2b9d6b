"""Lead quote: a name or a title right after a naming noun is not a quotation.

Invented sentences: a German title after a sentence-initial article and noun ('Die Ausstellung
„…“ zeigt'), Russian and Ukrainian names in «» after an inflected naming noun ('фонду «…»',
'компании «…»'), legal forms ('ООО «…»') and French naming nouns ('le rapport « … »').
"""

import pytest

from bot.extract.quotes import LeadQuote, find_lead_quote, is_direct_quote


@pytest.mark.parametrize(
    "body",
    [
        "Die Ausstellung „Licht und Schatten im alten Hafen“ zeigt Fotografien aus 80 Jahren.",
        "Der Roman „Ein Winter an der kalten Küste“ erzählt von zwei Schwestern.",
        "Seit Montag läuft der Film. Das Stück „Die Stadt unter dem Eis“ hat am Freitag Premiere.",
        "Im Bildband „Die letzten Tage der alten Werft“ sind 120 Aufnahmen versammelt.",
    ],
)
def test_german_title_after_article_and_noun_is_not_a_quote(body: str) -> None:
    assert find_lead_quote(body, "de") is None


def test_german_title_before_real_quote_gives_the_quote() -> None:
    body = (
        "Die Ausstellung „Licht und Schatten im alten Hafen“ zeigt Fotografien. "
        "„Mit so vielen Besuchern hatten wir nicht gerechnet“, sagte Kuratorin Jana Brandt."
    )
    assert find_lead_quote(body, "de") == LeadQuote(
        "Mit so vielen Besuchern hatten wir nicht gerechnet", "Jana Brandt"
    )


def test_german_sentence_after_speaker_noun_is_still_a_quote() -> None:
    body = "Der Bürgermeister sagte: „Die Brücke wird im Mai für den Verkehr freigegeben.“"
    assert find_lead_quote(body, "de") == LeadQuote(
        "Die Brücke wird im Mai für den Verkehr freigegeben.", None
    )


@pytest.mark.parametrize(
    ("noun", "lang"),
    [
        ("фонду", "uk"),
        ("фондом", "ru"),
        ("компании", "ru"),
        ("компанією", "uk"),
        ("партії", "uk"),
        ("партией", "ru"),
        ("газеты", "ru"),
        ("газеті", "uk"),
        ("телеканала", "ru"),
        ("программы", "ru"),
        ("програми", "uk"),
        ("операции", "ru"),
        ("кампанії", "uk"),
        ("проекта", "ru"),
        ("проєкту", "uk"),
        ("движения", "ru"),
        ("руху", "uk"),
        ("ассоциации", "ru"),
        ("об'єднання", "uk"),
        ("Фонд", "ru"),
        ("ООО", "ru"),
        ("ТОВ", "uk"),
    ],
)
def test_cyrillic_name_after_naming_noun_is_not_a_quote(noun: str, lang: str) -> None:
    body = f"Деньги выделили {noun} «Тепло для каждого дома и двора». Работы начнутся в мае."
    assert find_lead_quote(body, lang) is None


def test_cyrillic_name_before_real_quote_gives_the_quote() -> None:
    body = (
        "Кошти виділив благодійний фонд «Освіта без тривог і страху».\n\n"
        "«До вересня всі укриття мають бути готові прийняти дітей», — заявив начальник "
        "управління освіти Сергій Литвиненко."
    )
    found = find_lead_quote(body, "uk")
    assert found is not None
    assert found.text == "До вересня всі укриття мають бути готові прийняти дітей"


@pytest.mark.parametrize(
    "before",
    ["заявил глава компании: ", "сообщили в компании, ", "Он сказал: ", "— "],
)
def test_cyrillic_speech_after_colon_or_comma_is_still_a_quote(before: str) -> None:
    assert is_direct_quote("Мы завершим работы до конца года", before, "ru")


def test_naming_noun_must_stand_right_before_the_marks() -> None:
    assert is_direct_quote("Мы завершим работы до конца года", "фонд помог, и директор: ", "ru")
    assert not is_direct_quote("Мы завершим работы до конца года", "директор фонда ", "ru")


def test_french_report_title_is_not_a_quote() -> None:
    body = (
        "Le rapport «\u00a0L'école au cœur des territoires\u00a0» dresse un constat sévère. "
        "«\u00a0Nous avons besoin de plus de moyens pour les écoles\u00a0», a déclaré "
        "la ministre Claire Dubois."
    )
    found = find_lead_quote(body, "fr")
    assert found is not None
    assert found.text == "Nous avons besoin de plus de moyens pour les écoles"
