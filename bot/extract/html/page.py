"""HTML pages -> Extracted: trafilatura for the main text, our own reading of the metadata.

The page is parsed once (with trafilatura's own loader, so its HTML repairs apply) and the tree
is handed to ``trafilatura.bare_extraction``, which copies it before cleaning. Titles and dates
are read from the same tree (``meta``, ``title``, ``published``), so trafilatura's
metadata pass and htmldate's extensive search do not run at all; htmldate is asked, in its
cheap mode, only when neither the metadata nor the text under the headline gives a date.
"""

from __future__ import annotations

import datetime as dt
import logging

from htmldate import find_date
from lxml.etree import LxmlError
from lxml.html import HtmlElement
from trafilatura import bare_extraction
from trafilatura.settings import Document
from trafilatura.utils import load_html

from bot.extract.dates import date_from_url
from bot.extract.headline import clean_headline
from bot.extract.html.body import body_paragraphs, clean_body
from bot.extract.html.meta import PageMetadata, read_page_metadata
from bot.extract.html.published import displayed_date_after, is_near, pick_published_date
from bot.extract.html.title import Headline, PageTitles, choose_headline, site_names
from bot.extract.lang import detect_language
from bot.extract.model import DateSource, EmptyArticleError, Extracted, ExtractError
from bot.extract.quotes import find_lead_quote
from bot.extract.sentences import lead_sentences
from bot.i18n import N_

__all__ = ["HtmlParseError", "extract_html"]

# trafilatura and htmldate log every page they give up on; that is our EmptyArticleError.
for _noisy in ("trafilatura", "htmldate"):
    logging.getLogger(_noisy).setLevel(logging.CRITICAL)


class HtmlParseError(ExtractError):
    """The input is not an HTML document that can be parsed."""


def _parse(html: str) -> HtmlElement:
    try:
        tree = load_html(html)
    except (LxmlError, ValueError, TypeError) as error:
        raise HtmlParseError(
            N_("The file is not readable HTML ({detail})."), detail=str(error)
        ) from error
    if tree is None:
        raise HtmlParseError(N_("The file is not an HTML page: no document structure was found."))
    return tree


def _main_text(tree: HtmlElement, url: str | None, headline: str | None) -> str:
    try:
        document = bare_extraction(tree, url=url, include_comments=False, with_metadata=False)
    except (LxmlError, ValueError, TypeError, RecursionError):
        return ""
    # Without ``as_dict`` trafilatura answers a Document (or None when it finds no text).
    if not isinstance(document, Document) or document.body is None:
        return ""
    return clean_body(body_paragraphs(document.body), headline)


#: No web page was published before this: a date shown on a page that is older is a date the
#: article mentions, not its own (metadata dates are trusted as given).
_FIRST_WEB_PAGES = dt.date(1991, 1, 1)


def _published(
    tree: HtmlElement,
    metadata: PageMetadata,
    headline: Headline | None,
    url: str | None,
    lang: str,
) -> tuple[dt.date | None, DateSource | None]:
    displayed = None
    if headline is not None and headline.element is not None:
        displayed = displayed_date_after(headline.element, lang)
    if displayed is not None and displayed < _FIRST_WEB_PAGES:
        displayed = None  # 'signed into law on August 14, 1935' in a list of highlights
    from_meta = metadata.published_date()
    published = pick_published_date(from_meta, displayed)
    # A date in the page's own address ('/2012/10/23/…') is the publication date. With no
    # metadata date, it beats a date shown near the headline that is far from it, and
    # htmldate's search of the page text: both can take any date a widget shows ('Launch
    # Date: April 1, 1976').
    from_url = date_from_url(url or metadata.canonical_url)
    if from_meta is None and from_url is not None and not is_near(published, from_url):
        return from_url, "url"
    if published is not None:
        return published, "html-meta"
    try:
        found = find_date(tree, extensive_search=False, original_date=True, outputformat="%Y-%m-%d")
    except (LxmlError, ValueError, TypeError):
        found = None
    if found and dt.date.fromisoformat(found) >= _FIRST_WEB_PAGES:
        return dt.date.fromisoformat(found), "html-meta"
    return None, None


def extract_html(html: str, *, url: str | None = None) -> Extracted:
    """Extract headline, publication date, lead quote, lead and body from an HTML page.

    ``url`` (where the page came from, when known) helps to recognise the site name and gives
    a last-resort date. Raises ``HtmlParseError`` for input that is not HTML and
    ``EmptyArticleError`` when the page holds neither a headline nor article text.
    """
    if not html.strip():
        raise EmptyArticleError(N_("The HTML file is empty."))
    tree = _parse(html)
    metadata = read_page_metadata(tree)
    names = site_names(og_site_name=metadata.site_name, url=url or metadata.canonical_url)
    headline = choose_headline(PageTitles.from_tree(tree, metadata.metadata_titles(), names))
    headline_text = clean_headline(headline.text) if headline is not None else ""
    body = _main_text(tree, url, headline_text)
    if not body and not headline_text:
        raise EmptyArticleError(N_("The page has no headline and no article text to store."))
    lang = detect_language(f"{headline_text}\n{body}")
    published, date_source = _published(tree, metadata, headline, url, lang)
    quote = find_lead_quote(body, lang, headline_text) if body else None
    return Extracted(
        headline=headline_text or lead_sentences(body, n=1),
        published=published,
        date_source=date_source,
        lead_quote=quote.text if quote is not None else None,
        quote_speaker=quote.speaker if quote is not None else None,
        lead=lead_sentences(body),
        body=body,
        lang=lang,
        format="html",
    )
