"""The headline of an HTML page: the article's displayed ``<h1>``, checked against the metadata.

Pages carry their headline several times: ``og:title``, ``twitter:title``, JSON-LD ``headline``,
``<title>`` (usually with the site name glued on) and the ``<h1>`` readers see. The labelling
rules say the displayed ``<h1>`` wins, but pages also use ``<h1>`` for the logo, for widgets
("Sign Up", "See Also") and for teasers. So each ``<h1>`` is compared with the metadata titles and
the one that agrees best is taken; when none agrees, the metadata title (site name removed) is.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from bot.extract.lexicon import ALL

__all__ = [
    "Headline",
    "PageTitles",
    "choose_headline",
    "clean_h1_text",
    "collapse_spaces",
    "site_names",
    "strip_site_name",
    "title_similarity",
]

_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"\w+")
_QUOTES = str.maketrans({c: "'" for c in '‘’‚‛′`´"“”„‟«»‹›'})

# Pieces of a <title> or og:title: "Headline | Section | Site", "Headline - Site".
_BAR_SEPARATOR = re.compile(r"\s*[|•·]\s*")
_DASH_SEPARATOR = re.compile(r"\s+[-–—]\s+|(?<=\w)-\s+(?=\S)|\s+:\s+(?=[^:]+$)")
_SITE_SUFFIX_MAX_WORDS = 5
#: Lower-case words a site's name may hold after its first word ('The Globe and Mail').
_NAME_MINOR_WORDS = frozenset(ALL.headline_minor_words)

_LOGO_CLASS = re.compile(r"logo|brand|masthead|site-?title|site-?name", re.I)

_MIN_SIMILARITY = 0.5
_MIN_STANDALONE_WORDS = 4


def collapse_spaces(text: str) -> str:
    """Whitespace (including no-break and zero-width spaces) collapsed to single spaces."""
    text = text.replace("\u200b", "").replace("\u200c", "").replace("\ufeff", "")
    return _SPACES.sub(" ", text).strip()


def _tokens(text: str) -> list[str]:
    normal = unicodedata.normalize("NFKC", text).casefold().translate(_QUOTES)
    return _WORD.findall(normal)


def title_similarity(first: str, second: str) -> float:
    """How much two wordings of a title agree, 0..1.

    The larger of the Dice coefficient over word sets and, when both have 3+ words, the share of
    the shorter one found in the longer (a shortened og:title of a long ``<h1>`` still agrees).
    """
    a, b = set(_tokens(first)), set(_tokens(second))
    if not a or not b:
        return 0.0
    common = len(a & b)
    dice = 2 * common / (len(a) + len(b))
    if min(len(a), len(b)) >= 3:
        return max(dice, common / min(len(a), len(b)) * 0.9)
    return dice


def _squash(text: str) -> str:
    return "".join(_tokens(text))


def site_names(*, og_site_name: str | None, url: str | None) -> set[str]:
    """Squashed forms (lower-case letters and digits only) a page's site name may take."""
    names: set[str] = set()
    if og_site_name:
        names.add(_squash(og_site_name))
    if url:
        host = urlsplit(url).hostname or ""
        parts = [part for part in host.split(".") if part not in {"www", "m", "amp"}]
        if parts:
            names.add(_squash(".".join(parts)))
            if len(parts) >= 2:
                names.add(_squash(parts[-2]))
    names.discard("")
    return names


def _looks_like_site_name(piece: str, names: set[str]) -> bool:
    squashed = _squash(piece)
    if not squashed:
        return True
    if any(squashed == name or (len(name) >= 4 and name in squashed) for name in names):
        return True
    # "skispringen.com", "wien.ORF.at", "NOLA.com": a host name printed as the site's name.
    return re.fullmatch(r"[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}", piece.strip(), re.IGNORECASE) is not None


def strip_site_name(title: str, names: set[str] | None = None) -> str:
    """``title`` without the site name and section labels glued to it.

    "Headline | Section | Site" keeps the first piece (or the second when the first is the
    site name); "Headline - Site" / "Headline — Site" / "Headline : Site" drop the last piece when
    it is a known site name, a host name, or a short capitalised name after a longer headline.
    """
    names = names or set()
    title = collapse_spaces(title)
    pieces = [piece for piece in _BAR_SEPARATOR.split(title) if piece.strip()]
    if len(pieces) > 1:
        if _looks_like_site_name(pieces[0], names) and len(pieces) > 1:
            pieces = pieces[1:]
        title = pieces[0]
    dashed = _DASH_SEPARATOR.split(title)
    while len(dashed) > 1:
        last = dashed[-1]
        rest = title[: title.rfind(last)].rstrip(" -–—:")
        words = last.split()
        short_name = (
            len(words) <= _SITE_SUFFIX_MAX_WORDS
            and words[0][:1].isupper()
            and all(
                word[:1].isupper() or not word[:1].isalpha() or word in _NAME_MINOR_WORDS
                for word in words
            )
            and len(rest.split()) > len(words)
        )
        if not (_looks_like_site_name(last, names) or short_name):
            break
        title = rest
        dashed = dashed[:-1]
    return title.strip()


def _title_child(h1: HtmlElement, metadata_titles: Iterable[str]) -> HtmlElement | None:
    """The child element of a multi-part ``<h1>`` that holds the title the metadata gives.

    "<span>Verkehr</span> <span>Bahnstreik legt …</span>" with the metadata title "Bahnstreik
    legt …" (or "Verkehr: Bahnstreik legt …", the kicker form) gives the second span: what
    comes before it is a kicker. No class names are needed.
    """
    children = [child for child in h1 if isinstance(child.tag, str)]
    if sum(1 for child in children if _WORD.search(child.text_content())) < 2:
        return None
    targets = {_squash(title) for title in metadata_titles} - {""}
    before = h1.text or ""
    for child in children:
        text = child.text_content()
        squashed = _squash(text)
        if squashed in targets:
            return child
        # The kicker form: a shorter lead-in before the title, both in the metadata title.
        kicker = _squash(before)
        if kicker and kicker + squashed in targets and len(_tokens(before)) < len(_tokens(text)):
            return child
        before += f" {text} {child.tail or ''}"
    return None


def clean_h1_text(h1: HtmlElement, metadata_titles: Iterable[str] = ()) -> str:
    """The displayed text of an ``<h1>`` without a kicker or glued-on UI links.

    When the heading is made of several elements and one of them is the title the metadata
    gives, that element alone is the headline (a kicker printed above it is dropped). Links and
    buttons are dropped when the heading has text of its own besides them ("Final manoeuvre…
    <a>Add to …</a>").
    """
    title = _title_child(h1, metadata_titles)
    if title is not None:
        return collapse_spaces(title.text_content())
    children = [child for child in h1 if isinstance(child.tag, str)]
    has_own_text = bool(collapse_spaces(h1.text or "")) or any(
        collapse_spaces(child.tail or "") for child in children
    )
    parts = [h1.text or ""]
    for child in children:
        if not (child.tag in {"a", "button"} and has_own_text):
            parts.append(child.text_content())
        parts.append(child.tail or "")
    return collapse_spaces(" ".join(parts))


def _is_logo(h1: HtmlElement) -> bool:
    node: HtmlElement | None = h1
    for _ in range(3):
        if node is None:
            return False
        if _LOGO_CLASS.search(f"{node.get('class', '')} {node.get('id', '')}"):
            return True
        node = node.getparent()
    return False


@dataclass(frozen=True, slots=True)
class Headline:
    """The chosen headline and, when it is a displayed ``<h1>``, that element."""

    text: str
    element: HtmlElement | None


@dataclass(slots=True)
class PageTitles:
    """The headline candidates a page offers, cleaned; metadata titles in order of trust."""

    h1s: list[Headline]
    metadata_titles: list[str]

    @classmethod
    def from_tree(
        cls,
        tree: HtmlElement,
        metadata_titles: Iterable[str],
        names: set[str],
    ) -> PageTitles:
        cleaned = [strip_site_name(collapse_spaces(title), names) for title in metadata_titles]
        cleaned = [title for title in cleaned if title]
        h1s = []
        for h1 in tree.iter("h1"):
            if _is_logo(h1):
                continue
            text = clean_h1_text(h1, cleaned)
            if text and not _looks_like_site_name(text, names):
                h1s.append(Headline(text, h1))
        return cls(h1s, cleaned)


def choose_headline(titles: PageTitles) -> Headline | None:
    """The displayed ``<h1>`` that agrees best with the metadata, else the best metadata title.

    Without metadata to compare with, the first ``<h1>`` of 4+ words is taken.
    """
    best, best_score = None, 0.0
    for h1 in titles.h1s:
        score = max(
            (title_similarity(h1.text, meta) for meta in titles.metadata_titles), default=0.0
        )
        if score > best_score:
            best, best_score = h1, score
    if best is not None and best_score >= _MIN_SIMILARITY:
        return best
    if titles.metadata_titles:
        return Headline(titles.metadata_titles[0], None)
    for h1 in titles.h1s:
        if len(h1.text.split()) >= _MIN_STANDALONE_WORDS:
            return h1
    return titles.h1s[0] if titles.h1s else None
