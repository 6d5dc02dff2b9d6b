"""Stories as readers see them: one digest entry per story with "also:" links, header counts of
stories and articles, "+N more" under a search hit, and the /story list."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from bot.i18n import translator
from bot.render import group_stories, render_digest, search_results, story_versions
from bot.render.digest_parts import DIGEST_LIMITS
from bot.render.story_groups import first_per_story, representative
from bot.render.story_links import ALSO_SHOWN, also_line
from storage.models import SearchHit

EN = translator("en")
DAY = dt.date(2026, 3, 29)
_NUMBERED = re.compile(r"^(\d+)\. ", re.MULTILINE)


@pytest.fixture
def three_sources(make_article):
    """A story told by three outlets (Wire first but without a quote), newest arrival first, as
    a digest window lists it, and a singleton in between."""
    wire = make_article(
        id=10,
        story_id=10,
        headline="Port strike halts exports",
        published=dt.datetime(2026, 3, 28, 6, 0, tzinfo=dt.UTC),
        lead_quote=None,
        source_title="Wire",
        source_url="https://wire.example/strike",
    )
    herald = make_article(
        id=11,
        story_id=10,
        headline="Dockers walk out, exports stop",
        published=dt.datetime(2026, 3, 28, 8, 0, tzinfo=dt.UTC),
        lead_quote="We will not load a single ship",
        source_title="Herald",
        source_url="https://herald.example/dockers",
    )
    single = make_article(id=12, story_id=12, headline="Rain expected", source_url=None)
    post = make_article(
        id=13,
        story_id=10,
        headline="Strike at the port",
        published=dt.datetime(2026, 3, 28, 9, 30, tzinfo=dt.UTC),
        lead_quote="Talks resume on Monday",
        source_title="Port Channel",
        source_url="https://t.me/portchannel/77",
    )
    return [post, single, herald, wire]


def test_the_earliest_complete_article_leads_and_the_others_follow_oldest_first(
    three_sources,
) -> None:
    post, single, herald, wire = three_sources
    story, alone = group_stories(three_sources)
    # Wire was first but lacks a quote: the Herald is the earliest complete version.
    assert story.lead == herald and story.others == (wire, post)
    assert (story.story_id, story.size) == (10, 3)
    assert alone.lead == single and alone.others == ()


def test_without_a_complete_version_the_most_complete_earliest_leads(make_article) -> None:
    undated = make_article(id=1, story_id=1, published=None)
    bare = make_article(id=2, story_id=1, published=None, lead_quote=None)
    late = make_article(id=3, story_id=1, published=dt.date(2026, 3, 2), lead_quote=None)
    early = make_article(id=4, story_id=1, published=dt.date(2026, 3, 1), lead_quote=None)
    assert representative([bare, undated, late, early]) == early
    assert representative([bare, undated]) == undated


def test_articles_without_a_story_stay_apart(make_article) -> None:
    first, second = make_article(id=1), make_article(id=2)
    assert [e.lead for e in group_stories([first, second])] == [first, second]


def test_a_digest_shows_one_entry_per_story_with_also_links(three_sources, valid_message) -> None:
    [part] = render_digest(EN, three_sources, title_date=DAY, total=4)
    text = valid_message(part).text
    assert text.startswith("Digest · 29 March 2026 · 2 new stories (4 articles)")
    assert _NUMBERED.findall(text) == ["1", "2"]
    # The story sits where its newest article was (first), led by the Herald's version.
    assert text.index("Dockers walk out") < text.index("Rain expected")
    assert "Strike at the port" not in text and "Port strike halts" not in text
    assert "We will not load a single ship" in text
    assert "also: Wire, Port Channel · /story_10" in text
    assert '<a href="https://wire.example/strike">Wire</a>' in part
    assert '<a href="https://t.me/portchannel/77">Port Channel</a>' in part
    # The singleton has no "also:" line.
    assert text.count("also:") == 1


def test_a_channel_digest_names_the_sources_without_a_command_its_readers_cannot_send(
    three_sources, valid_message
) -> None:
    [part] = render_digest(EN, three_sources, title_date=DAY, total=4, story_commands=False)
    text = valid_message(part).text
    assert "also: Wire, Port Channel" in text
    assert "/story" not in text


def test_digest_counts_are_plural_forms_of_the_readers_language(three_sources) -> None:
    ru = translator("ru")
    [part] = render_digest(ru, three_sources, title_date=DAY, total=4)
    assert "2 новых сюжета (4 статьи)" in part
    [one] = render_digest(ru, three_sources[2:] + three_sources[:1], title_date=DAY, total=3)
    assert "1 новый сюжет (3 статьи)" in one


def test_a_capped_digest_says_how_many_stories_the_shown_articles_make(three_sources) -> None:
    [part] = render_digest(EN, three_sources, title_date=DAY, total=40)
    assert "40 new articles, the newest 4 shown as 2 stories" in part


def test_a_digest_without_shared_stories_keeps_counting_articles(make_article) -> None:
    articles = [make_article(id=n, story_id=n) for n in (3, 2, 1)]
    [part] = render_digest(EN, articles, title_date=DAY, total=3)
    assert "· 3 new articles" in part and "stor" not in part


def test_a_large_story_names_a_few_sources_and_counts_the_rest(make_article, valid_message):
    members = [
        make_article(
            id=n,
            story_id=1,
            source_title=f"Outlet {n} " + "w" * 80,
            source_url=f"https://outlet{n}.example/a",
            published=dt.date(2026, 3, 1) + dt.timedelta(days=n),
        )
        for n in range(1, 31)
    ]
    [entry] = group_stories(members)
    line = also_line(EN, entry)
    assert line is not None
    assert line.count("<a ") == ALSO_SHOWN
    assert f"and {29 - ALSO_SHOWN} more · /story_1" in line
    [part] = render_digest(EN, members, title_date=DAY, total=30)
    valid_message(part)


def test_a_story_is_never_split_across_parts(make_article, valid_message) -> None:
    """Forty long stories of three versions each: every part is valid, every story is one
    numbered entry whose "also:" line is in the same part as its headline."""
    articles = []
    for story in range(40, 0, -1):
        for version in range(3):
            articles.append(
                make_article(
                    id=story * 10 + version,
                    story_id=story * 10,
                    headline=f"Story {story} version {version} " + "h" * DIGEST_LIMITS.headline,
                    lead_quote="q" * DIGEST_LIMITS.quote,
                    source_title=f"Source {version} " + "s" * 100,
                    source_url=f"https://s{version}.example/{story}",
                )
            )
    parts = render_digest(EN, articles, title_date=DAY, total=len(articles))
    assert len(parts) > 5
    numbers = []
    for index, part in enumerate(parts, start=1):
        text = valid_message(part).text
        assert f"40 new stories (120 articles) ({index}/{len(parts)})" in text.splitlines()[0]
        entries = _NUMBERED.findall(text)
        numbers += [int(n) for n in entries]
        assert text.count("also: ") == len(entries)
        stories = re.findall(r"Story (\d+) version 0", text)
        commands = re.findall(r"/story_(\d+)", text)
        assert [int(s) * 10 for s in stories] == [int(c) for c in commands]
    assert numbers == list(range(1, 41))
    assert render_digest(EN, articles, title_date=DAY, total=len(articles)) == parts


def test_search_hits_say_how_many_more_versions_the_reader_sees(make_article) -> None:
    hits = [
        SearchHit(make_article(id=5, story_id=3, headline="Port strike"), "port \x02strike\x03", 1),
        SearchHit(make_article(id=6, story_id=6, headline="Rain"), "rain", 1),
    ]
    text = search_results(EN, hits, 0, 2, "strike", {3: 2})
    assert "+2 more · /story_3" in text
    assert "/story_6" not in text and text.count("more") == 1
    assert "+2 ещё · /story_3" in search_results(translator("ru"), hits, 0, 2, "x", {3: 2})


def test_first_per_story_keeps_the_best_ranked_version(make_article) -> None:
    best, other, lone, worse = (
        make_article(id=1, story_id=7),
        make_article(id=2, story_id=9),
        make_article(id=3),
        make_article(id=4, story_id=7),
    )
    assert first_per_story([best, other, lone, worse], lambda a: a) == [best, other, lone]


def test_story_versions_lists_time_source_headline_and_link(three_sources, valid_message):
    post, _, herald, wire = three_sources
    text = story_versions(EN, 10, [wire, herald, post])
    shown = valid_message(text).text
    assert shown.startswith("Story #10 · 3 versions")
    assert "1. 28 March 2026" in shown and "06:00" in shown
    assert shown.index("Port strike halts exports") < shown.index("Strike at the port")
    assert '<a href="https://t.me/portchannel/77"><b>' not in text
    assert '<b><a href="https://t.me/portchannel/77">Strike at the port</a></b>' in text
    assert "#13" in shown


def test_an_empty_story_says_there_is_none_here() -> None:
    text = story_versions(EN, 99, [])
    assert text.startswith("There is no story #99 here.")
