"""Plain-text shapes of the fifth fresh set: Markdown posts with front matter, Markdown links,
and kicker lines above a title. Invented examples."""

from bot.extract.frontmatter import front_matter_as_lines
from bot.extract.markup import markdown_links_as_text
from bot.extract.text import read_text

_POST = (
    "---\n"
    'title: "Операція \\"Чисті вікна\\" - депутати стали прозорішими"\n'
    "date: 2011-11-26\n"
    "author:\n"
    '  username: "redakciya"\n'
    "tags:\n"
    '  - "novini"\n'
    "---\n\n"
    "Учасники акції вимили вікна у міській раді.\n"
)


def test_front_matter_gives_the_title_and_the_date() -> None:
    lines = front_matter_as_lines(_POST)
    assert lines is not None
    assert lines.startswith('Операція "Чисті вікна" - депутати стали прозорішими\n2011-11-26\n\n')
    reading = read_text(_POST)
    assert reading.headline == 'Операція "Чисті вікна" - депутати стали прозорішими'
    assert reading.published is not None and reading.published.isoformat()[:10] == "2011-11-26"
    assert "username" not in reading.body


def test_no_front_matter_or_no_title_leaves_the_text_alone() -> None:
    assert front_matter_as_lines("A title\n\n---\nnot: front matter\n---\n") is None
    assert front_matter_as_lines("---\nimage: /a.jpg\n---\n\nBody.\n") is None


def test_markdown_links_keep_their_text_and_lose_their_titles() -> None:
    text = (
        'Журналісти мали на увазі [серію публікацій](http://example.org/a "Назва статті") '
        'і фото [![](https://example.org/b.jpg "Підпис")](https://example.org/b.jpg) тут.'
    )
    assert markdown_links_as_text(text) == "Журналісти мали на увазі серію публікацій і фото  тут."


def test_short_kicker_lines_above_a_longer_title() -> None:
    reading = read_text(
        "Bundestagswahl 2025\nDigitale Gedenkmünze\n"
        "Marktwert in Milliardenhöhe für einen neuen Krypto-Coin\n\n\n"
        "Stand: 20.01.2025 13:10 Uhr\n\n\n"
        "Zu seiner Amtseinführung hat er eine digitale Gedenkmünze veröffentlicht. Sie ist "
        "innerhalb weniger Stunden Milliarden wert geworden.\n"
    )
    assert reading.headline == "Marktwert in Milliardenhöhe für einen neuen Krypto-Coin"


def test_a_title_above_a_longer_deck_stays_the_title() -> None:
    reading = read_text(
        "Council expands the bus network\n"
        "The plan adds twelve routes and night buses across the northern districts.\n\n"
        "The council voted on Tuesday to expand the network after two years of debate. The first "
        "routes open in spring.\n"
    )
    assert reading.headline == "Council expands the bus network"


def test_a_title_ending_in_an_abbreviation_is_still_a_title() -> None:
    reading = read_text(
        "Los viajeros necesitarán una prueba negativa para volar a EE.UU.\n12 enero 2021\n\n"
        "Los viajeros aéreos tendrán que mostrar una prueba negativa antes de abordar un vuelo, "
        "dijeron el martes las autoridades sanitarias.\n"
    )
    assert reading.headline == "Los viajeros necesitarán una prueba negativa para volar a EE.UU."
    assert reading.published is not None and reading.published.isoformat()[:10] == "2021-01-12"
