"""Plain text over a marked-up body: a dataset's title line, date line and page fragment."""

from bot.extract import extract_bytes
from bot.extract.markup import is_marked_up_text, markup_to_text

_FRAGMENT_ARTICLE = (
    "Міська рада ухвалила бюджет на наступний рік\r\n"
    "2019-11-15 02:20:00\n\n"
    "<p> <p>Депутати міської ради ухвалили бюджет на 2020 рік.</p> "
    "<p><strong>Джерело: </strong><a href='https://example.org/x'>пресслужба</a> ради</p>"
    "<script type='text/javascript'></p><p>ads.push(function() {});</p><p></script>"
    "<p>&laquo;Ми нарешті маємо збалансований бюджет для всіх районів&raquo;, &ndash; "
    "сказав міський голова Петро Іваненко.&nbsp;</p>\n"
)

_OWN_TAGS_ARTICLE = (
    "Le conseil adopte le budget\n2024-08-28 04:19:29+02\n\n"
    "<tx><ld><p>Le conseil municipal a adopté mardi le budget.</p></ld>"
    "<p>« Ce budget protège les services publics de la commune », a déclaré Anne Roux.</p></tx>\n"
)


def test_plain_lines_over_markup_are_marked_up_text() -> None:
    assert is_marked_up_text(_FRAGMENT_ARTICLE)
    assert is_marked_up_text(_OWN_TAGS_ARTICLE)
    assert not is_marked_up_text("<html><head><title>T</title></head><body><p>a</p></body>")
    assert not is_marked_up_text("<h1>Title</h1><p>One.</p><p>Two.</p>")  # a fragment
    assert not is_marked_up_text("Title\n\nA body that mentions <b> once.\n")


def test_markup_becomes_paragraphs_and_entities_characters() -> None:
    text = markup_to_text(_FRAGMENT_ARTICLE)
    assert text.startswith("Міська рада ухвалила бюджет на наступний рік\n2019-11-15 02:20:00\n\n")
    assert "ads.push" not in text and "<" not in text
    assert "«Ми нарешті маємо збалансований бюджет для всіх районів», – сказав" in text
    assert "Джерело: пресслужба ради" in text  # inline tags stay inside their paragraph


def test_marked_up_text_is_read_as_text() -> None:
    article = extract_bytes(_FRAGMENT_ARTICLE.encode(), filename="item.txt")
    assert article.headline == "Міська рада ухвалила бюджет на наступний рік"
    assert article.published is not None and article.published.date().isoformat() == "2019-11-15"
    assert article.quote_speaker == "Петро Іваненко"


def test_a_dataset_s_own_tags_no_longer_fail_as_an_html_page() -> None:
    article = extract_bytes(_OWN_TAGS_ARTICLE.encode(), filename="row.txt")
    assert article.headline == "Le conseil adopte le budget"
    assert article.published is not None and article.published.date().isoformat() == "2024-08-28"
    assert article.quote_speaker == "Anne Roux"
