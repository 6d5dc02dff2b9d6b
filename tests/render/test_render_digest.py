"""Digests split into messages on article boundaries, within Telegram's limits."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from bot.i18n import translator
from bot.render import render_digest
from bot.render.packing import BlockTooLargeError, pack_blocks

EN = translator("en")

DAY = dt.date(2026, 3, 29)
_NUMBERED = re.compile(r"^(\d+)\. ", re.MULTILINE)


def _articles(make_article, count: int, **changes):
    """``count`` articles, newest (highest id) first, each with its own public post as source."""
    return [
        make_article(
            **{
                "id": count - i,
                "headline": f"Headline {count - i} " + "news " * 30,
                "source_url": f"https://t.me/news/{count - i}",
                **changes,
            }
        )
        for i in range(count)
    ]


def _check_parts(parts, count, valid_message):
    """Every part valid and within limits; every article present once, in order."""
    numbers = []
    for index, part in enumerate(parts, start=1):
        text = valid_message(part).text
        if len(parts) > 1:
            assert text.splitlines()[0].endswith(f"({index}/{len(parts)})")
        numbers += [int(n) for n in _NUMBERED.findall(text)]
    assert numbers == list(range(1, count + 1))


@pytest.mark.parametrize("count", [1, 40, 400])
def test_digest_split(make_article, valid_message, count: int) -> None:
    articles = _articles(make_article, count)
    parts = render_digest(EN, articles, title_date=DAY, total=count)
    _check_parts(parts, count, valid_message)
    assert (len(parts) == 1) == (count == 1)
    joined = "".join(parts)
    positions = [joined.index(f'https://t.me/news/{a.id}"') for a in articles]
    assert positions == sorted(positions)
    assert parts[0].startswith(f"<b>Digest · 29 March 2026</b> · {count} new article")


def test_digest_packs_parts_close_to_the_limit(make_article, valid_message) -> None:
    parts = render_digest(EN, _articles(make_article, 400), title_date=DAY, total=400)
    # Greedy packing: all parts but the last are nearly full (within one block of the limit).
    for part in parts[:-1]:
        assert len(valid_message(part).text.encode("utf-16-le")) // 2 > 4096 - 1200


def test_digest_with_a_5000_character_headline(make_article, valid_message) -> None:
    articles = [
        make_article(id=3, headline="Short one"),
        make_article(
            id=2, headline="😀 Huge " * 700, lead_quote="q " * 3000, quote_speaker="s" * 5000
        ),
        make_article(id=1, headline="Last one"),
    ]
    parts = render_digest(EN, articles, title_date=DAY, total=3)
    _check_parts(parts, 3, valid_message)
    shown = "\n".join(valid_message(p).text for p in parts)
    assert "Short one" in shown and "Last one" in shown and "😀 Huge" in shown
    assert "…" in shown


def test_digest_with_hostile_fields(make_article, valid_message, hostile, hostile_shown) -> None:
    articles = _articles(
        make_article,
        30,
        lead_quote=hostile * 3,
        quote_speaker=hostile,
        source_title=hostile,
        source_url=hostile,
    )
    articles += [
        make_article(
            id=99, headline=hostile * 100, lead_quote=None, lead=hostile, source_url=hostile
        )
    ]
    parts = render_digest(EN, articles, title_date=DAY, total=31)
    _check_parts(parts, 31, valid_message)
    shown = "\n".join(valid_message(part).text for part in parts)
    assert shown.count(f"— {hostile_shown}") == 30  # every speaker, as written
    assert hostile_shown in shown.splitlines()  # the lead of article 99, on its own line


def test_digest_entity_limit_splits_many_tiny_articles(make_article, valid_message) -> None:
    articles = [
        make_article(id=i, headline="x", lead_quote="a b c d", quote_speaker="y", lead="")
        for i in range(300, 0, -1)
    ]
    parts = render_digest(EN, articles, title_date=DAY, total=300)
    _check_parts(parts, 300, valid_message)
    assert all(len(valid_message(p).entities) <= 100 for p in parts)


def test_digest_is_deterministic(make_article) -> None:
    articles = _articles(make_article, 120)
    first = render_digest(EN, articles, title_date=DAY, total=120)
    again = render_digest(EN, list(articles), title_date=DAY, total=120)
    assert first == again


def test_empty_digest_says_nothing_is_new(valid_message) -> None:
    (part,) = render_digest(EN, [], title_date=DAY, total=0)
    assert (
        valid_message(part).text
        == "Digest · 29 March 2026 · 0 new articles\n\nNothing new since the last digest."
    )


def test_capped_digest_says_how_many_are_shown(make_article, valid_message) -> None:
    parts = render_digest(EN, _articles(make_article, 2), title_date=DAY, total=50)
    assert "50 new articles, the newest 2 shown" in valid_message(parts[0]).text


def test_digest_block_shows_quote_or_lead_and_source(make_article, valid_message) -> None:
    articles = [make_article(id=2), make_article(id=1, lead_quote=None, source_url=None)]
    (part,) = render_digest(EN, articles, title_date=DAY, total=2)
    text = valid_message(part).text
    head = "Minister resigns over budget row\n12 July 2018 · Example News\n"
    assert f"1. {head}“We have done nothing wrong” — Jane Doe" in text
    assert f"2. {head}The minister resigned on Tuesday." in text


def test_pack_refuses_a_block_larger_than_a_message() -> None:
    with pytest.raises(BlockTooLargeError, match="does not fit one message"):
        pack_blocks(["x" * 5000], reserved_units=50, reserved_entities=1)


LABEL = "<i>Subscription #2 · 09:00 UTC · daily · keywords: a &lt;b&gt;</i>"
FOOTER = "<i>A preview. For a digest every day: <code>/subscribe 09:00 UTC</code></i>"


@pytest.mark.parametrize("count", [1, 400])
def test_a_label_heads_every_part_and_a_footer_ends_the_last(
    make_article, valid_message, count: int
) -> None:
    parts = render_digest(
        EN, _articles(make_article, count), title_date=DAY, total=count, label=LABEL, footer=FOOTER
    )
    _check_parts(parts, count, valid_message)
    texts = [valid_message(part).text for part in parts]
    assert all(
        text.splitlines()[1] == "Subscription #2 · 09:00 UTC · daily · keywords: a <b>"
        for text in texts
    )
    assert texts[-1].endswith("\n\nA preview. For a digest every day: /subscribe 09:00 UTC")
    assert not any("/subscribe" in text for text in texts[:-1])


def test_an_empty_preview_says_what_it_was_given(valid_message) -> None:
    (part,) = render_digest(
        EN, [], title_date=DAY, total=0, footer=FOOTER, nothing_new="Nothing in the last day."
    )
    assert valid_message(part).text == (
        "Digest · 29 March 2026 · 0 new articles\n\nNothing in the last day.\n\n"
        "A preview. For a digest every day: /subscribe 09:00 UTC"
    )
