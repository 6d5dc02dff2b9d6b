"""A quotation is speech: titles, slogans, programme names and terms in quotation marks are
not the lead quote; the first spoken sentence after them is (en, ru, uk, de, fr)."""

from __future__ import annotations

import pytest

from bot.extract.quotes import find_lead_quote

EN_QUOTE = '"We will defend our freedom at any cost," said Jane Roe.'
DE_QUOTE = "„Wir wollen Frieden für unser Land“, sagte Anna Weber."
FR_QUOTE = "« Nous voulons la paix pour notre pays », a déclaré Marie Dubois."


@pytest.mark.parametrize(
    ("lang", "text", "lead"),
    [
        (
            "ru",
            "Студенты выбирают направление «Культура, СМИ и массовые коммуникации» всё чаще.\n\n"
            "«Это самое востребованное направление», — сказала Анна Орлова.",
            "Это самое востребованное направление",
        ),
        (
            "uk",
            "Учасники тримали плакати «мир для всіх народів світу» біля посольства.\n\n"
            "«Ми вимагаємо миру для нашої країни», — сказала Олена Коваль.",
            "Ми вимагаємо миру для нашої країни",
        ),
        (
            "en",
            'Critics describe Taiwan as "an island of democracy" in a sea of autocracy.\n\n'
            + EN_QUOTE,
            "We will defend our freedom at any cost,",
        ),
        (
            "en",
            f'Booksellers credit "the Richard & Judy effect" for the rise.\n\n{EN_QUOTE}',
            "We will defend our freedom at any cost,",
        ),
        (
            "en",
            f'Protesters carried banners reading "no war in our name" to the square.\n\n{EN_QUOTE}',
            "We will defend our freedom at any cost,",
        ),
        (
            "de",
            "Die Demonstranten trugen Plakate „Frieden für alle Völker der Welt“ vor der "
            f"Botschaft.\n\n{DE_QUOTE}",
            "Wir wollen Frieden für unser Land",
        ),
        (
            "de",
            "Kritiker sehen in dem Plan „eine Insel der Demokratie“ mitten in Europa.\n\n"
            + DE_QUOTE,
            "Wir wollen Frieden für unser Land",
        ),
        (
            "fr",
            "Les manifestants brandissaient des pancartes « paix pour tous les peuples du monde » "
            f"devant l’ambassade.\n\n{FR_QUOTE}",
            "Nous voulons la paix pour notre pays",
        ),
        (
            "fr",
            "Les critiques voient dans ce plan « une île de démocratie » au cœur de l’Europe.\n\n"
            f"{FR_QUOTE}",
            "Nous voulons la paix pour notre pays",
        ),
    ],
)
def test_titles_slogans_and_terms_are_not_the_lead_quote(lang: str, text: str, lead: str) -> None:
    quote = find_lead_quote(text, lang)
    assert quote is not None
    assert quote.text == lead


@pytest.mark.parametrize(
    ("lang", "text", "lead"),
    [
        # verbless partial quotations that a verb of saying attributes, or that complete a clause
        (
            "en",
            'Mr Balls said Labour would win the vote "with a margin to spare" next week.',
            "with a margin to spare",
        ),
        ("en", 'The levy was "a waste of public money", she wrote.', "a waste of public money"),
        (
            "de",
            'Als Präsidentin will Jane Doe "leidenschaftlich für Reformen kämpfen".',
            "leidenschaftlich für Reformen kämpfen",
        ),
        (
            "ru",
            "«Работает армия, работает весь оборонный сектор», — сказал Зеленский.",
            "Работает армия, работает весь оборонный сектор",
        ),
    ],
)
def test_partial_and_verbless_speech_stays(lang: str, text: str, lead: str) -> None:
    quote = find_lead_quote(text, lang)
    assert quote is not None
    assert quote.text == lead
