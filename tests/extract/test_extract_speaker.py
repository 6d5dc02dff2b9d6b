"""Speaker: attribution patterns per language, pronoun and role resolution, names."""

import pytest

from bot.extract.quotes import find_lead_quote
from bot.extract.speaker.attribution import attribution_after, attribution_before
from bot.extract.speaker.names import mid_sentence_words, names_in


def speaker(body: str, lang: str = "en", title: str | None = None) -> str | None:
    found = find_lead_quote(body, lang, title)
    assert found is not None, "the test body must hold a quotation"
    return found.speaker


@pytest.mark.parametrize(
    ("body", "lang", "expected"),
    [
        ('"The low dollar makes our prices attractive," said Robert Sinche, head.', "en", "Sinche"),
        ('"Assets are one thing, and companies another," Crandall said.', "en", "Crandall"),
        ('Dr Fox told BBC Radio: "If you are willing to lie about the war, you lie."', "en", "Fox"),
        ('According to Kevin Yearout, "it has been a very slow climb back."', "en", "Yearout"),
        ("«Он вступил в КПСС в 1966 году», — сказал Путин.", "ru", "Путин"),
        ('"Люди остались отрезанными от города", - сообщили в Минобороны.', "ru", "Минобороны"),
        ("По словам Голиковой, «смертность от рака снизилась впервые за годы».", "ru", "Голиковой"),
        (
            "“Ми допомагаємо українцям захищатися”, – сказав Матеуш Моравецький.",
            "uk",
            "Моравецький",
        ),
        (
            "„Die Altenpflege ist kein Hotspot der Pandemie“, sagt Heinz-Josef Kessmann.",
            "de",
            "Kessmann",
        ),
        ("„Man muss aufpassen, dass das klappt“, so Fabian Stenger.", "de", "Stenger"),
        ("« Nous ne sommes pas que des chiffres », a déclaré Zakaria Shehab.", "fr", "Shehab"),
        ('"No vamos a negociar con nadie más", dijo Pedro Sánchez.', "es", "Sánchez"),
    ],
)
def test_attribution_patterns(body: str, lang: str, expected: str) -> None:
    found = speaker(body, lang)
    assert found is not None and expected in found


def test_pronoun_resolves_to_last_named_speaker() -> None:
    body = (
        "Unilever Plc chairman Michael Angus said margins improved. "
        "Volumes in North America increased, he noted. "
        'Acquisitions would take place "from time to time," he said.'
    )
    assert speaker(body) == "Michael Angus"


def test_russian_pronoun_resolves_to_person_in_previous_sentence() -> None:
    body = (
        "По словам генпрокурора Ирины Венедиктовой, специалисты работают на месте. "
        '"Пострадали гражданские люди. Мы квалифицируем это как теракт", - подчеркнула она.'
    )
    assert "Венедиктов" in speaker(body, "ru")


def test_organisation_role_resolves_to_named_role_mention() -> None:
    body = (
        "Снаряды не представляют угрозы, сообщает агентство Киодо.\n"
        '"Правительство Японии заявило в субботу, что угрозы нет", - пишет агентство.'
    )
    # The fuller organisation phrase the earlier sentence reported.
    assert speaker(body, "ru") == "агентство Киодо"


def test_spokesman_speaks_for_the_organisation() -> None:
    body = (
        "Two bloggers have been banned from entering the UK, the Home Office has said. "
        'A government spokesman said their presence "is not conducive to the public good".'
    )
    assert speaker(body) == "Home Office"


def test_unnamed_individual_gives_no_speaker() -> None:
    assert speaker('"Prices will keep rising all year," one analyst said.') is None


def test_speaker_label_in_title_when_body_names_nobody() -> None:
    body = '"Ми не могли суспільству сказати, що завтра буде війна."'
    assert speaker(body, "uk", title="Секретар РНБО Данілов:") == "Данілов"


def test_attribution_after_and_before() -> None:
    after = attribution_after(", he said at a preview.")
    assert after is not None and after.is_pronoun
    before = attribution_before("Секретар РНБО Данілов: \n\n")
    assert before is not None and before.subject == "Секретар РНБО Данілов"
    assert attribution_after(". The company reported a rise in profit.") is None


def test_names_skip_sentence_initial_common_words() -> None:
    text = (
        "The minister met Jens Stoltenberg. Later Stoltenberg spoke. Глава государства Зеленский."
    )
    found = [name.text for name in names_in(text, mid_sentence_words(text))]
    assert found == ["Jens Stoltenberg", "Stoltenberg", "Зеленский"]
