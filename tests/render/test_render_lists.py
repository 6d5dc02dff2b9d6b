"""Search results, /latest and /subscriptions."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.delivery import PAUSED_FORBIDDEN
from bot.i18n import translator
from bot.render import (
    latest_list,
    no_results,
    search_results,
    snippet_html,
    subscription_label,
    subscriptions_list,
    weekdays_text,
)
from storage.models import SNIPPET_END, SNIPPET_START, SearchHit, Subscription

EN = translator("en")

S, E = SNIPPET_START, SNIPPET_END


def _hit(article, snippet: str) -> SearchHit:
    return SearchHit(article=article, snippet=snippet, rank=-1.0)


def test_snippet_marks_become_bold_after_escaping(valid_message) -> None:
    html = snippet_html(f"the {S}<budget>{E} & {S}row{E} today")
    assert html == "the <b>&lt;budget&gt;</b> &amp; <b>row</b> today"
    parsed = valid_message(html)
    assert [(e["type"], e["offset"], e["length"]) for e in parsed.entities] == [
        ("bold", 4, 8),
        ("bold", 15, 3),
    ]


def test_snippet_with_stray_and_unclosed_marks_stays_balanced(valid_message) -> None:
    for snippet in (f"{E}a {S}b", f"{S}{S}x{E}{E}", f"{S}", f"{S}   {E}tail"):
        shown = valid_message(snippet_html(snippet)).text
        assert shown == snippet.replace(S, "").replace(E, "").strip()


def test_snippet_is_truncated_by_visible_length(valid_message) -> None:
    html = snippet_html(f"{S}😀{E}" * 400, max_units=50)
    assert len(valid_message(html).text.encode("utf-16-le")) // 2 <= 50


def test_search_results_numbered_linked_with_snippets(make_article, valid_message) -> None:
    hits = [
        _hit(
            make_article(id=i, headline=f"Head {i}", source_url=f"https://t.me/news/{i}"),
            f"x {S}word{E} y",
        )
        for i in (3, 4)
    ]
    html = search_results(EN, hits, 5, 12, "word <b>")
    parsed = valid_message(html)
    lines = parsed.text.splitlines()
    assert lines[0] == "Results 6–7 of 12 for “word <b>”"
    assert "6. Head 3 · 12 July 2018 · Example News · #3" in lines
    assert "7. Head 4 · 12 July 2018 · Example News · #4" in lines
    assert "x word y" in lines
    urls = [e.get("url") for e in parsed.entities if e["type"] == "text_link"]
    assert urls == ["https://t.me/news/3", "https://t.me/news/4"]


def test_a_search_result_names_its_feed(make_article, valid_message) -> None:
    article = make_article(id=9, headline="Dam holds", source_title="Valley <Wire>", format="feed")
    text = valid_message(search_results(EN, [_hit(article, f"{S}dam{E}")], 0, 1, "dam")).text
    assert "1. Dam holds · 12 July 2018 · Valley <Wire> · #9" in text.splitlines()


def test_search_results_without_hits_is_no_results(valid_message) -> None:
    assert search_results(EN, [], 0, 0, "zzz") == no_results(EN, "zzz")
    assert "Nothing found for “zzz”" in valid_message(no_results(EN, "zzz")).text


def test_search_results_with_hostile_query_and_fields(
    make_article, valid_message, hostile, hostile_shown
):
    hits = [_hit(make_article(headline=hostile), f"{hostile} {S}{hostile}{E}")] * 5
    lines = valid_message(search_results(EN, hits, 0, 5, hostile * 100)).text.splitlines()
    assert lines[0].startswith(f"Results 1–5 for “{hostile_shown}")
    assert (
        sum(line.startswith(f"{n}. {hostile_shown} · ") for n in range(1, 6) for line in lines) == 5
    )
    assert lines.count(f"{hostile_shown} {hostile_shown}") == 5  # the snippets


def test_too_many_results_are_cut_on_whole_items(make_article, valid_message) -> None:
    hits = [_hit(make_article(id=i, headline="H" * 250), "s" * 400) for i in range(60)]
    shown = valid_message(search_results(EN, hits, 0, 60, "q")).text
    assert shown.rstrip().endswith("more not shown")
    assert "60. " not in shown


def test_latest_list(make_article, valid_message) -> None:
    articles = [
        make_article(id=9, headline="Nine", source_url="https://t.me/news/9"),
        make_article(id=8, published=None, source_url=None),
    ]
    parsed = valid_message(latest_list(EN, articles))
    shown = parsed.text
    assert shown.startswith("Latest added (2)")
    assert shown.index("#9 · 12 July 2018\nNine") < shown.index("#8 · date unknown")
    # The headline links to the article's source; one without a source is plain text.
    links = [e for e in parsed.entities if e["type"] == "text_link"]
    assert [(shown[e["offset"] :][: e["length"]], e["url"]) for e in links] == [
        ("Nine", "https://t.me/news/9")
    ]
    assert "No articles yet" in valid_message(latest_list(EN, [])).text


def _sub(**changes) -> Subscription:
    values = dict(
        id=3,
        chat_id=-100,
        thread_id=None,
        local_time=dt.time(9, 0),
        timezone="Europe/Berlin",
        weekdays=frozenset(range(5)),
        keywords="climate <b>",
        active=True,
        paused_reason=None,
        next_due_at=dt.datetime(2026, 1, 5, 8, 0, tzinfo=dt.UTC),
        cursor=0,
        created_by=1,
    )
    values.update(changes)
    return Subscription(**values)


def test_subscriptions_list_shows_each_next_run_in_its_own_zone(valid_message) -> None:
    now = dt.datetime(2026, 1, 4, 20, 0, tzinfo=dt.UTC)
    new_york = _sub(
        id=4,
        timezone="America/New_York",
        next_due_at=dt.datetime(2026, 1, 5, 14, 0, tzinfo=dt.UTC),
    )
    shown = valid_message(subscriptions_list(EN, [_sub(), new_york], now)).text
    assert "#3 · 09:00 Europe/Berlin · Mon–Fri" in shown
    assert "keywords: climate <b>" in shown
    assert "next: 5 January 2026, 09:00 CET (in 12 hours)" in shown
    assert "next: 5 January 2026, 09:00 UTC-5 (in 18 hours)" in shown


def test_subscriptions_list_in_the_reader_s_language(valid_message) -> None:
    now = dt.datetime(2026, 1, 4, 20, 0, tzinfo=dt.UTC)
    shown = valid_message(subscriptions_list(translator("de"), [_sub()], now)).text
    assert "#3 · 09:00 Europe/Berlin · Mo.–Fr." in shown
    assert "5. Januar 2026, 09:00 MEZ" in shown
    paused = _sub(active=False, paused_reason=PAUSED_FORBIDDEN)
    shown = valid_message(subscriptions_list(translator("ru"), [paused], now)).text
    assert "the bot" not in shown and "пн–пт" in shown


@pytest.mark.parametrize(
    ("code", "days", "expected"),
    [
        ("en", frozenset(range(7)), "daily"),
        ("en", frozenset({0, 2, 4}), "Mon, Wed, Fri"),
        ("ru", frozenset({0, 1, 2, 3, 4}), "пн–пт"),
        ("fr", frozenset({5, 6}), "le week-end"),
    ],
)
def test_weekdays_in_each_language(code: str, days: frozenset[int], expected: str) -> None:
    assert weekdays_text(translator(code), days) == expected


def test_subscriptions_list_shows_paused_reason(valid_message, hostile, hostile_shown) -> None:
    now = dt.datetime(2026, 1, 4, 20, 0, tzinfo=dt.UTC)
    sub = _sub(active=False, paused_reason=hostile, keywords="")
    shown = valid_message(subscriptions_list(EN, [sub], now)).text
    assert f"paused: {hostile_shown}" in shown
    assert "all new articles" in shown
    assert "next:" not in shown


def test_subscriptions_list_empty_hints_at_subscribe(valid_message) -> None:
    now = dt.datetime(2026, 1, 4, tzinfo=dt.UTC)
    assert "/subscribe 09:00" in valid_message(subscriptions_list(EN, [], now)).text


def test_subscription_label_names_id_time_zone_days_and_keywords(valid_message) -> None:
    assert valid_message(subscription_label(EN, _sub())).text == (
        "Subscription #3 · 09:00 Europe/Berlin · Mon–Fri · keywords: climate <b>"
    )
    assert valid_message(subscription_label(EN, _sub(keywords=""))).text == (
        "Subscription #3 · 09:00 Europe/Berlin · Mon–Fri · all new articles"
    )
    shown = valid_message(subscription_label(translator("de"), _sub(keywords=""))).text
    assert "Mo.–Fr." in shown and "Subscription" not in shown
