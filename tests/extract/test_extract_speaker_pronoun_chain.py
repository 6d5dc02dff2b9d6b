"""A pronoun's person, an organisation's neuter speech verb and places read as places: invented
examples of the errors found on fresh real articles (en, de, ru, uk)."""

import pytest

from bot.extract.quotes import find_lead_quote
from bot.extract.speaker.attribution import Attribution, attribution_after
from bot.extract.speaker.morphology import CyrillicWord, cyrillic_word_kind
from bot.extract.speaker.personcheck import SpeakerKind, speaker_kind


def speaker_of(body: str, lang: str) -> str | None:
    found = find_lead_quote(body, lang, None)
    assert found is not None, "the test body must hold a quotation"
    return found.speaker


@pytest.mark.parametrize(
    ("body", "lang", "surname"),
    [
        (
            "Im Frühjahr war Jan Weber schwer erkrankt. Er wünschte Anna Schulz auf Twitter gute "
            "Besserung. „Es tut mir leid, das zu hören, liebe Kollegin“, schrieb er.",
            "de",
            "Weber",
        ),
        (
            "Tom Fisher lost the vote on Tuesday. He thanked Jane Doe for her help. “We will be "
            "back next year, stronger than ever,” he said.",
            "en",
            "Fisher",
        ),
    ],
)
def test_a_sentence_opened_by_the_pronoun_passes_it_on(body: str, lang: str, surname: str) -> None:
    """The name in 'He thanked Jane Doe' is the object: 'he' is still the earlier subject."""
    found = speaker_of(body, lang)
    assert found is not None and found.split()[-1] == surname


@pytest.mark.parametrize(
    ("body", "lang", "speaker"),
    [
        # the country after the role is not its holder
        (
            "Про це заявив Надзвичайний і Повноважний Посол Держави Ізраїль в Україні Міхаель "
            'Бродський. "Ми вивчаємо цей досвід і будемо вивчати його далі", - сказав він.',
            "uk",
            "Міхаель Бродський",
        ),
        # no given name the data knows, but a role word names a person
        (
            "President Tolu Adebayo cut short a visit abroad and met survivors at the hospital. "
            "“It is a tragedy for all of us,” she said.",
            "en",
            "Tolu Adebayo",
        ),
    ],
)
def test_the_person_named_after_a_role(body: str, lang: str, speaker: str) -> None:
    assert speaker_of(body, lang) == speaker


@pytest.mark.parametrize(
    ("word", "kind"),
    [
        ("Держави", CyrillicWord.OTHER),  # a Ukrainian noun the Russian dictionary only guesses
        ("Ізраїль", CyrillicWord.PLACE),  # a country, and a rare given name
        ("Ізраїлю", CyrillicWord.PLACE),
        ("Бродський", CyrillicWord.PERSON),
        ("Путина", CyrillicWord.PERSON),
    ],
)
def test_cyrillic_word_kind(word: str, kind: CyrillicWord) -> None:
    assert cyrillic_word_kind(word) is kind


@pytest.mark.parametrize(
    ("body", "lang"),
    [
        (
            "Про це повідомило МЗС у середу, 13 листопада. "
            '"У Брюсселі розпочалися переговори міністрів двох країн", – зазначило відомство.',
            "uk",
        ),
        (
            "Об этом сообщило МЗС в среду, 13 ноября. "
            "«В Брюсселе начались переговоры министров двух стран», — отметило ведомство.",
            "ru",
        ),
    ],
)
def test_an_organisation_speaks_in_the_neuter(body: str, lang: str) -> None:
    """'зазначило відомство', 'отметило ведомство': the ministry named before, without the day
    it spoke on."""
    assert speaker_of(body, lang) == "МЗС"


@pytest.mark.parametrize(
    ("tail", "pronoun"),
    [
        (", déclare-t-il sur le plateau.", "il"),
        (", a-t-elle ajouté.", "elle"),
        (" », glisse-t-il.", "il"),
        (", avait-il asséné.", "il"),
    ],
)
def test_a_french_verb_with_its_pronoun_attributes(tail: str, pronoun: str) -> None:
    """French inverts the pronoun after the verb with a hyphen: any verb there attributes."""
    assert attribution_after(tail.removeprefix(" »")) == Attribution(pronoun, is_pronoun=True)


def test_a_role_of_a_thing_is_no_person() -> None:
    """'Глава Альянсу' is the head of the Alliance: the pronoun goes back to the person named
    before, never to the thing the role is of."""
    body = (
        "Генсек НАТО Марк Рютте обговорив з державним секретарем США підтримку України. "
        "Глава Альянсу заявив про це під час спілкування з пресою в Брюсселі. "
        '"Ми маємо зробити більше для того, щоб Україна могла залишатися в боротьбі", '
        "- зазначив він."
    )
    assert speaker_of(body, "uk") != "Альянсу"


def test_an_outlet_named_with_its_agency_quotes_someone() -> None:
    tail = ", — цитирует РИА «Новости» черногорского президента."
    assert attribution_after(tail) == Attribution("черногорского президента", is_pronoun=False)


@pytest.mark.parametrize(
    ("body", "lang", "surname"),
    [
        (
            "Après son admission à l’hôpital mercredi, l’état de Paul Martin «s’est rapidement "
            "dégradé» et il a «dû être opéré en urgence».",
            "fr",
            None,
        ),
        (
            "Dr Jane Doe pledged that the cuts would not “in any way affect our ability to do "
            "our business” this year.",
            "en",
            "Doe",
        ),
    ],
)
def test_words_set_into_the_writers_sentence(body: str, lang: str, surname: str | None) -> None:
    """A lower-case fragment with no verb of saying in its sentence is the writer's wording
    about whoever the sentence names, by nobody it says; with one, its subject speaks."""
    found = find_lead_quote(body, lang, None)
    assert found is not None
    assert (found.speaker.split()[-1] if found.speaker else None) == surname


@pytest.mark.parametrize(
    ("name", "lang", "kind"),
    [
        ("Александром Вучичем", "ru", SpeakerKind.OBLIQUE),  # 'встреча с … Вучичем'
        ("Зеленським", "uk", SpeakerKind.PERSON),  # instrumental or dative: may be the speaker's
        ("S3-compatible REST API", "en", SpeakerKind.FRAGMENT),
    ],
)
def test_names_no_speaker_can_be(name: str, lang: str, kind: SpeakerKind) -> None:
    assert speaker_kind(name, lang) is kind


def test_a_role_phrase_ends_at_during() -> None:
    """'Trump durante el Desayuno Nacional de Oración': the event is no part of the subject."""
    body = (
        "«Créanme, cuando oyen hablar de las llamadas telefónicas que hago, no se preocupen», "
        "dijo Trump durante el Desayuno Nacional de Oración."
    )
    assert speaker_of(body, "es") == "Trump"
