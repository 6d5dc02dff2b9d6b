"""HTML extraction: headline choice, publication date, body cleaning, robustness.

Accuracy on the gold corpus is measured, per format, by ``test_extract_corpus_eval.py``.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.extract.html import extract_html
from bot.extract.html.title import strip_site_name, title_similarity
from bot.extract.model import ExtractError

BODY = (
    "<p>The city council voted on Tuesday to expand the bus network across the northern "
    "districts, a plan that had been debated for more than two years.</p>"
    '<p>"We finally have a network that serves everyone who lives here," said Mayor Jane Doe '
    "after the vote, adding that the first routes would open in spring.</p>"
    "<p>Opponents argued that the cost estimates were too optimistic and that the money "
    "should have gone to road repairs instead of new buses.</p>"
)


def page(head: str = "", before_body: str = "", after_h1: str = "", h1: str = "") -> str:
    heading = f"<h1>{h1}</h1>" if h1 else ""
    return (
        f"<!DOCTYPE html><html><head>{head}</head><body>{before_body}<article>{heading}"
        f"{after_h1}{BODY}</article></body></html>"
    )


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Council expands bus network | City Times", "Council expands bus network"),
        ("Council expands bus network - City Times", "Council expands bus network"),
        ("Council expands bus network — City Times", "Council expands bus network"),
        ("Council expands bus network | Local | City Times", "Council expands bus network"),
        ("Council expands bus network - citytimes.com", "Council expands bus network"),
        ("Council expands bus network : NPR", "Council expands bus network"),
        ("Apologie du terrorisme : un imam condamné", "Apologie du terrorisme : un imam condamné"),
        ("Decision on Donbas due today - Putin says", "Decision on Donbas due today - Putin says"),
        # A site's name may hold lower-case function words after its first word.
        (
            "Council cuts already vacant positions - The Star and Herald",
            "Council cuts already vacant positions",
        ),
        (
            "Council cuts vacant positions - live and direct",
            "Council cuts vacant positions - live and direct",
        ),
    ],
)
def test_site_name_is_stripped_from_title(title: str, expected: str) -> None:
    assert strip_site_name(title) == expected


def test_site_name_from_og_site_name_is_stripped_even_when_long() -> None:
    names = {"thenortherndailychronicle"}
    assert (
        strip_site_name("Council expands bus - The Northern Daily Chronicle", names)
        == "Council expands bus"
    )


def test_similarity_accepts_a_shortened_og_title() -> None:
    long = "Boyfriend of star Natalie Guercio will sue Brooklyn club where he was attacked"
    assert title_similarity(long, "Boyfriend of star will sue Brooklyn club") >= 0.5
    assert title_similarity(long, "Sign Up / Sign In") < 0.5


def test_displayed_h1_wins_over_differently_worded_og_title() -> None:
    html = page(
        head='<meta property="og:title" content="Bus network grows in the north">'
        "<title>Bus network grows in the north | City Times</title>",
        h1="Council votes to expand the bus network in the north",
    )
    assert extract_html(html).headline == "Council votes to expand the bus network in the north"


def test_site_name_h1_and_widget_h1_are_not_the_headline() -> None:
    html = page(
        head='<meta property="og:site_name" content="City Times">'
        '<meta property="og:title" content="Council expands bus network">',
        before_body='<div class="logo"><h1>City Times</h1></div><h1>Sign Up / Sign In</h1>',
        h1="Council expands bus network",
    )
    assert extract_html(html).headline == "Council expands bus network"


def test_title_without_site_name_when_page_has_no_h1() -> None:
    html = page(head="<title>Council expands bus network | City Times</title>")
    assert extract_html(html).headline == "Council expands bus network"


def test_kicker_marked_up_inside_h1_is_dropped() -> None:
    h1 = (
        '<span class="article-heading__kicker">Transport</span><span class="visually-hidden">'
        ': </span><span class="article-heading__title">Council expands bus network</span>'
    )
    html = page(head='<meta property="og:title" content="Transport: Council expands bus network">')
    html = html.replace("<article>", f"<article><h1>{h1}</h1>")
    assert extract_html(html).headline == "Council expands bus network"


def test_ui_link_glued_into_h1_is_dropped() -> None:
    html = page(
        head='<meta property="og:title" content="Council expands bus network">',
        h1='Council expands bus network <a href="#" class="watch">Add to ...</a>',
    )
    assert extract_html(html).headline == "Council expands bus network"


def test_published_date_wins_over_modified_date() -> None:
    html = page(
        head='<meta property="article:modified_time" content="2021-04-07T08:09:49+02:00">'
        '<meta property="article:published_time" content="2020-10-23T10:03:19+02:00">',
        h1="Council expands bus network",
    )
    result = extract_html(html)
    assert result.published == dt.date(2020, 10, 23)
    assert result.date_source == "html-meta"


def test_displayed_updated_date_is_skipped() -> None:
    html = page(
        h1="Council expands bus network",
        after_h1="<p class='byline'>Updated: January 5, 2021</p><p>January 3, 2021</p>",
    )
    assert extract_html(html).published == dt.date(2021, 1, 3)


def test_utc_timestamp_that_shifts_the_day_loses_to_the_displayed_date() -> None:
    html = page(
        head='<meta property="article:published_time" content="2014-12-19T04:38:49+00:00">',
        h1="Council expands bus network",
        after_h1="<div class='meta'>By Jane Roe</div><div>December 18, 2014 | 11:38pm</div>",
    )
    assert extract_html(html).published == dt.date(2014, 12, 18)


def test_displayed_date_far_from_metadata_is_a_teaser_date() -> None:
    html = page(
        head='<meta property="article:published_time" content="2019-05-15T05:28:00+02:00">',
        h1="Council expands bus network",
        after_h1="<aside>More: 17. Mai 2019</aside>",
    )
    assert extract_html(html).published == dt.date(2019, 5, 15)


def test_crawl_day_in_page_header_is_not_the_publication_date() -> None:
    html = page(
        before_body="<nav><time>Samstag, 19. Oktober 2019</time></nav>",
        h1="Sparkassen wollen mehr Investitionen",
        after_h1="<span>18.10.2019 - 17:08 Uhr</span>",
    )
    assert extract_html(html).published == dt.date(2019, 10, 18)


def test_teaser_dates_repeated_with_different_values_are_ignored() -> None:
    teasers = "".join(
        f'<meta itemprop="datePublished" content="2014-11-{day}T16:00:00Z">' for day in (14, 17)
    )
    html = page(
        head=f'{teasers}<meta name="dc.date" content="2014-12-29">',
        h1="Council expands bus network",
    )
    assert extract_html(html).published == dt.date(2014, 12, 29)


def test_url_date_is_the_last_resort() -> None:
    result = extract_html(
        page(h1="Council expands bus network"),
        url="https://news.example.org/2018/07/12/council-buses",
    )
    assert (result.published, result.date_source) == (dt.date(2018, 7, 12), "url")


def test_page_without_any_date_has_none() -> None:
    result = extract_html(page(h1="Council expands bus network"))
    assert (result.published, result.date_source) == (None, None)


def test_body_leaves_out_headline_and_read_more_lines_and_keeps_wrapped_paragraphs() -> None:
    html = page(h1="Council expands bus network").replace(
        "<p>Opponents",
        "<p>READ MORE: Mayor promises cheaper tickets</p><p>Photo: John Smith</p><p>Opponents",
    )
    html = html.replace("network across the northern", "network across\nthe northern")
    result = extract_html(html)
    assert not result.body.startswith("Council expands bus network")
    assert "READ MORE" not in result.body
    assert "Photo:" not in result.body
    assert "network across the northern districts" in result.body
    assert result.lead.startswith("The city council voted on Tuesday")


def test_lead_quote_comes_from_the_body() -> None:
    result = extract_html(page(h1="Council expands bus network"))
    assert result.lead_quote == "We finally have a network that serves everyone who lives here,"
    assert result.lang == "en"
    assert result.format == "html"


def test_empty_page_is_refused() -> None:
    with pytest.raises(ExtractError):
        extract_html("   ")
    with pytest.raises(ExtractError):
        extract_html("<html><head></head><body></body></html>")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400) | st.builds(page, h1=st.text(max_size=60), after_h1=st.text()))
def test_extract_html_raises_only_extract_errors(html: str) -> None:
    try:
        result = extract_html(html)
    except ExtractError:
        return
    assert isinstance(result.headline, str)
    assert result.format == "html"
    assert result.published is None or isinstance(result.published, dt.date)


def test_a_date_in_the_page_s_address_beats_a_widget_date_near_the_headline() -> None:
    widget = '<div class="card"><span>Founded:</span> <span>April 1, 1976</span></div>'
    head = '<meta property="og:url" content="https://news.example/2012/10/23/council-buses/">'
    article = extract_html(page(head=head, h1="Council expands bus network", after_h1=widget))
    assert article.published == dt.date(2012, 10, 23)
    assert article.date_source == "url"


def test_a_date_older_than_the_web_shown_near_the_headline_is_not_the_page_s_date() -> None:
    highlights = "<p>Signed into law: August 14, 1935</p>"
    article = extract_html(
        page(h1="Democrats to use Social Security this fall", after_h1=highlights)
    )
    assert article.published is None or article.published.year >= 1991
