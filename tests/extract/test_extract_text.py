"""extract_text / extract_bytes end to end: the seed article, SGML records, dispatch, hashes."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import bot.extract as extract
from bot.extract import (
    ArticleFileError,
    ChatExportError,
    EmptyArticleError,
    Extracted,
    ExtractError,
    content_hash,
    extract_bytes,
    extract_file,
    extract_text,
)

SEED = """ date 2018-07-12 Register
12 July 2018
    NATO Secretary-General Jens Stoltenberg is holding a press-conference.

    NATO Secretary-General Holds Press Conference Following Bloc's Two-Day Summit

    © Sputnik / Aleksei Vitvitsky
    Europe
    103

    Leaders of NATO member-states convened the day before in Brussels to discuss the problems.

    "We had a very frank discussion on burden-sharing… The fact that we had this open discussion \
has also clearly stated that we will redouble our efforts," Stoltenberg told reporters.

    READ MORE: Trudeau Calls for 'Firm NATO Response' to Russia Ahead of Putin-Trump Talks

    The Iskander-M missile system during a demonstration at the training ground. File photo
    © Sputnik / Grigoriy Sisoev
    Iskander Missiles in Kaliningrad Just 'Excuse' for NATO Buildup – Retired Officer
    The NATO chief also said that establishing the dialogue is particularly important.
"""

SGML = """<REUTERS NEWID="1">
<DATE> 3-MAR-1987 09:46:36.82</DATE>
<TEXT>&#2;
<TITLE>CHINA CALLS FOR BETTER TRADE DEAL WITH U.S.</TITLE>
<DATELINE>    PEKING, March 3 - </DATELINE><BODY>China called on the United States to
remove curbs on its exports &amp; ease restrictions.
    "It is extremely important that the U.S. Market reduce its
restrictions," the editorial said.
 Reuter
&#3;</BODY></TEXT>
</REUTERS>
"""


def test_seed_article_gives_exactly_the_expected_values() -> None:
    result = extract_text(SEED)
    assert result.headline == (
        "NATO Secretary-General Holds Press Conference Following Bloc's Two-Day Summit"
    )
    assert result.published == dt.date(2018, 7, 12)
    assert result.date_source == "header"
    assert result.lead_quote is not None
    assert result.lead_quote.startswith("We had a very frank discussion on burden-sharing…")
    assert result.quote_speaker == "Stoltenberg"
    assert result.lead.startswith("Leaders of NATO member-states convened")
    for noise in (
        "© Sputnik",
        "Europe\n",
        "103",
        "READ MORE",
        "is holding",
        "File photo",
        "Iskander Missiles in Kaliningrad",
    ):
        assert noise not in result.body
    assert result.lang == "en" and result.format == "text"


def test_sgml_record_is_recognised_generically() -> None:
    result = extract_text(SGML)
    assert result.headline == "CHINA CALLS FOR BETTER TRADE DEAL WITH U.S."
    assert result.published == dt.datetime(1987, 3, 3, 9, 46, 36)
    assert result.date_source == "header"
    assert "exports & ease" in result.body
    assert "Reuter" not in result.body.split()
    assert result.lead_quote is not None
    assert result.lead_quote.startswith("It is extremely important that the U.S. Market reduce")


def test_headline_split_over_two_lines_is_joined() -> None:
    text = "Dallas Police Dept.\nfires officer who shot a man\n\n" + "Body sentence here. " * 5
    assert extract_text(text).headline == "Dallas Police Dept. fires officer who shot a man"


def test_body_event_dates_are_never_the_publication_date() -> None:
    text = (
        "Summit ends without a deal\n\n"
        "Leaders met on 12 July 2018 in Brussels and talked for hours about defence spending.\n"
    )
    result = extract_text(text)
    assert result.published is None and result.date_source is None


def test_date_falls_back_to_the_url() -> None:
    text = "Summit ends without a deal\n\nLeaders met in Brussels and talked for hours about it."
    result = extract_text(text, url="https://example.org/news/2018/12/14/summit")
    assert result.published == dt.date(2018, 12, 14) and result.date_source == "url"


def test_byline_date_is_a_dateline() -> None:
    text = "Summit ends without a deal\nBy Jane Roe | July 12, 2018\n\nLeaders met in Brussels."
    result = extract_text(text)
    assert (result.published, result.date_source) == (dt.date(2018, 7, 12), "dateline")
    assert "Jane Roe" not in result.body


def test_no_quotation_means_no_quote() -> None:
    text = "Markets rise\n\nShares rose on Monday as investors welcomed the figures."
    result = extract_text(text)
    assert result.lead_quote is None and result.quote_speaker is None


def test_glued_line_breaks_in_cyrillic_exports_are_repaired() -> None:
    text = "Заголовок новости дня\n2019-08-10 06:35:00\n\nПервый абзац текста.nВторой абзац."
    result = extract_text(text)
    assert result.body == "Первый абзац текста.\nВторой абзац."
    assert result.published == dt.datetime(2019, 8, 10, 6, 35)


def test_empty_text_is_refused() -> None:
    with pytest.raises(EmptyArticleError):
        extract_text(" \n\u200b\n ")


def test_bytes_dispatch_text_html_and_sgml() -> None:
    assert extract_bytes(SEED.encode("cp1252")).format == "text"
    assert extract_bytes(SGML.encode()).headline.startswith("CHINA CALLS")
    page = (
        "<!doctype html><html><head><title>Summit ends</title></head><body><article>"
        "<h1>Summit ends without a deal</h1><p>Leaders met in Brussels and talked for hours "
        "about defence spending and other things that matter.</p></article></body></html>"
    )
    assert extract_bytes(page.encode(), filename="page.html").format == "html"


def test_whole_chat_export_is_refused() -> None:
    with pytest.raises(ChatExportError, match="ingest"):
        extract_bytes(json.dumps({"name": "x", "messages": []}).encode(), filename="result.json")


def test_extract_file_reports_unreadable_files(tmp_path: Path) -> None:
    with pytest.raises(ArticleFileError, match="Cannot read"):
        extract_file(tmp_path / "missing.txt")
    article = tmp_path / "a.txt"
    article.write_text(SEED, encoding="utf-16")
    assert extract_file(article).published == dt.date(2018, 7, 12)


def test_content_hash_ignores_spacing_and_case() -> None:
    first = extract_text(SEED)
    again = extract_text(SEED.replace("\n\n", "\n\n\n").replace("    ", "  "))
    assert content_hash(first) == content_hash(again)
    assert content_hash("A  b\nC") == content_hash("a b c")
    assert content_hash("a b c") != content_hash("a b d")


def test_content_hash_is_the_one_stored_libraries_hold() -> None:
    """Stored articles are de-duplicated by this hash: its value for a text must never change
    (NFKC, case-folded, every run of Unicode white space one space, ends stripped)."""
    text = "\u2003Ｒiver\u00a0\u00a0Floods\u2028\t North  \n"
    expected = hashlib.sha256(b"river floods north").hexdigest()
    assert content_hash(text) == expected


def test_content_hash_tells_one_line_posts_apart() -> None:
    from bot.extract.telegram import extract_telegram_post

    posted = dt.datetime(2024, 5, 1, 9, 0, tzinfo=dt.UTC)
    first = extract_telegram_post("Parliament approves the budget", [], posted)
    second = extract_telegram_post("Strike closes the port for a day", [], posted)
    assert first.body == second.body == ""
    assert content_hash(first) != content_hash(second)


def test_public_names() -> None:
    assert set(extract.__all__) == {
        "ArticleFileError",
        "BinaryContentError",
        "ChatExportError",
        "EmptyArticleError",
        "ExtractError",
        "Extracted",
        "ForeignJsonError",
        "content_hash",
        "extract_bytes",
        "extract_file",
        "extract_html",
        "extract_text",
        "looks_like_html",
    }


def _well_formed(result: Extracted) -> None:
    assert isinstance(result.headline, str) and result.headline.strip()
    assert isinstance(result.body, str) and result.body.strip()
    assert result.published is None or isinstance(result.published, dt.date)
    assert (result.published is None) == (result.date_source is None)
    assert (result.lead_quote is None) <= (result.quote_speaker is None)
    assert len(result.lang) == 2


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(), max_size=400))
def test_extract_text_never_raises_anything_but_extract_errors(text: str) -> None:
    try:
        result = extract_text(text)
    except ExtractError:
        return
    _well_formed(result)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400), st.sampled_from([None, "a.txt", "a.json", "a.md"]))
def test_extract_bytes_never_raises_anything_but_extract_errors(
    data: bytes, filename: str | None
) -> None:
    try:
        result = extract_bytes(data, filename=filename)
    except ExtractError:
        return
    _well_formed(result)
