"""The person check: a place, a people, a party, a bare title, a fragment, or an organisation
reached only through a person's pronoun is never printed as the speaker (en, ru, uk, de, fr).

Each article below names something that is no speaker where the speaker should be; the
extractor leaves the speaker empty rather than print it. The last cases keep the right speaker.
"""

from __future__ import annotations

import pytest

from bot.extract.quotes import find_lead_quote

NO_DEAL = '"We will not accept these terms under any circumstances,"'
RU_QUOTE = "«Мы не примем эти условия ни при каких обстоятельствах»"
UK_QUOTE = "«Ми не приймемо ці умови за жодних обставин»"
DE_QUOTE = "„Wir werden diese Bedingungen unter keinen Umständen akzeptieren“"
FR_QUOTE = "« Nous n’accepterons jamais ces conditions, quelles que soient les circonstances »"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # places and countries
        ("en", f"Talks in Geneva ended late on Monday.\n\n{NO_DEAL} the United States said."),
        ("en", f"The talks collapsed on Monday. {NO_DEAL} Kyrgyz Republic officials said."),
        ("ru", f"Переговоры в Стамбуле завершились.\n\n{RU_QUOTE}, — заявили в России."),
        ("uk", f"Переговори у Стамбулі завершилися.\n\n{UK_QUOTE}, — заявили в Україні."),
        ("fr", f"Les négociations ont échoué lundi.\n\n{FR_QUOTE}, a déclaré la France."),
        # a place reached through a person's pronoun
        (
            "ru",
            "Власти России ввели новые ограничения.\n\n"
            "«Это вынужденная мера для защиты внутреннего рынка», — сказал он.",
        ),
        (
            "uk",
            "Уряд Польщі ухвалив нові обмеження.\n\n"
            "«Це вимушений крок для захисту внутрішнього ринку», — сказав він.",
        ),
        (
            "en",
            "Acme Corp cut 300 jobs in Leeds on Monday.\n\n"
            '"We regret the decision but the market left us no choice," she said.',
        ),
        # a nationality
        ("fr", f"Les négociations ont échoué lundi.\n\n{FR_QUOTE}, a déclaré l’Allemand."),
        # a party, a title with no name, a fragment
        ("en", f"The vote was delayed again. {NO_DEAL} House Democratic leaders said."),
        ("en", f"The bill passed the House on Tuesday. {NO_DEAL} said Rep."),
        ("en", f"The bill passed on Tuesday.\n\n{NO_DEAL} California Sen. told reporters."),
        ("fr", f"Les négociations ont échoué lundi.\n\n{FR_QUOTE}, a déclaré Mme."),
        ("en", 'The firm sells a new phone. "It will change how people work," Linux-based said.'),
        # an organisation or outlet where a person's pronoun speaks
        (
            "en",
            "The Daily Planet newspaper published the figures on Monday.\n\n"
            '"Prices have doubled since the spring and nobody can say why," he said.',
        ),
        (
            "de",
            f"Die Verhandlungen wurden am Montag abgebrochen.\n\n{DE_QUOTE}, sagte er dem "
            "Bayerischen Rundfunk.",
        ),
    ],
)
def test_no_speaker_rather_than_a_wrong_one(lang: str, text: str) -> None:
    quote = find_lead_quote(text, lang)
    assert quote is not None
    assert quote.speaker is None


@pytest.mark.parametrize(
    ("lang", "text", "speaker"),
    [
        ("en", f"Jane Roe runs a bakery in Leeds.\n\n{NO_DEAL} she said.", "Roe"),
        ("en", f"Acme Corp cut 300 jobs on Monday. {NO_DEAL} the company said.", "Corp"),
        (
            "ru",
            f"Министр финансов Антон Силуанов выступил в Думе.\n\n{RU_QUOTE}, — сказал он.",
            "Антон Силуанов",
        ),
        (
            "ru",
            f"Переговоры в Стамбуле завершились.\n\n{RU_QUOTE}, — заявили в Минобороны.",
            "Минобороны",
        ),
        (
            "uk",
            f"Прем’єр-міністр Денис Шмигаль виступив у Раді.\n\n{UK_QUOTE}, — сказав він.",
            "Денис Шмигаль",
        ),
        ("de", f"Die Gespräche scheiterten.\n\n{DE_QUOTE}, sagte Olaf Scholz.", "Olaf Scholz"),
        (
            "fr",
            f"Les négociations ont échoué lundi.\n\n{FR_QUOTE}, a déclaré Emmanuel Macron.",
            "Emmanuel Macron",
        ),
    ],
)
def test_people_and_organisations_the_attribution_names_stay(
    lang: str, text: str, speaker: str
) -> None:
    quote = find_lead_quote(text, lang)
    assert quote is not None
    assert quote.speaker == speaker
