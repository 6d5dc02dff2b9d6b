"""OPML subscription lists: read (1.0, 1.1, 2.0; outlines nested in folders) and write (2.0).

Reading uses expat directly with a handler that refuses any entity declaration, so an OPML file
can neither expand without end nor pull in a local file. Folders (outlines without ``xmlUrl``)
become each feed's ``category`` path, and are written back the same way.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, field
from xml.parsers import expat

from bot.feeds.model import ENTITY_DECLARATION, OpmlError
from bot.feeds.urls import canonical_url, resolve_link
from bot.i18n import N_

__all__ = ["OpmlFeed", "OpmlImport", "read_opml", "write_opml"]

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True, slots=True)
class OpmlFeed:
    """One subscription: the feed's URL, its title, its site and the folders it sits in."""

    xml_url: str
    title: str | None = None
    html_url: str | None = None
    category: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class OpmlImport:
    """What an OPML file holds: its title, its feeds (first occurrence of each), and the
    ``xmlUrl`` values that are not web addresses (skipped, so they can be reported)."""

    title: str | None
    feeds: tuple[OpmlFeed, ...]
    rejected: tuple[str, ...] = field(default=())


class _OpmlReader:
    def __init__(self) -> None:
        self.root: str | None = None
        self.folders: list[str | None] = []
        self.feeds: list[OpmlFeed] = []
        self.rejected: list[str] = []
        self.seen: set[str] = set()
        self.title_parts: list[str] | None = None
        self.title: str | None = None

    def start(self, name: str, attributes: dict[str, str]) -> None:
        if self.root is None:
            self.root = name
            if name.lower() != "opml":
                raise OpmlError(
                    N_("The file is XML with a {root} root, not an OPML list."), root=f"<{name}>"
                )
        if name == "title" and self.title is None and not self.folders:
            self.title_parts = []
        if name != "outline":
            return
        values = {key.lower(): value.strip() for key, value in attributes.items()}
        label = values.get("title") or values.get("text") or None
        raw_url = values.get("xmlurl")
        if raw_url is None:
            self.folders.append(label)
            return
        self.folders.append(None)
        url = resolve_link(raw_url, None)
        if url is None:
            self.rejected.append(raw_url)
        elif canonical_url(url) not in self.seen:
            self.seen.add(canonical_url(url))
            category = tuple(folder for folder in self.folders[:-1] if folder)
            html_url = resolve_link(values.get("htmlurl"), None)
            self.feeds.append(OpmlFeed(url, label, html_url, category))

    def end(self, name: str) -> None:
        if name == "outline" and self.folders:
            self.folders.pop()
        elif name == "title" and self.title_parts is not None:
            self.title = "".join(self.title_parts).strip() or None
            self.title_parts = None

    def text(self, data: str) -> None:
        if self.title_parts is not None:
            self.title_parts.append(data)


def _refuse_entities(*_declaration: object) -> None:
    raise OpmlError(
        N_("The OPML file declares XML entities ({declaration}); it is refused for safety."),
        declaration=ENTITY_DECLARATION,
    )


def read_opml(data: bytes) -> OpmlImport:
    """The feeds of an OPML document.

    Raises:
        OpmlError: not well-formed XML, not OPML, or declaring entities.
    """
    reader = _OpmlReader()
    parser = expat.ParserCreate()
    parser.StartElementHandler = reader.start
    parser.EndElementHandler = reader.end
    parser.CharacterDataHandler = reader.text
    parser.EntityDeclHandler = _refuse_entities
    try:
        parser.Parse(data, True)
    except expat.ExpatError as error:
        raise OpmlError(
            N_("The OPML file is not well-formed XML (line {line}, column {column}: {reason})."),
            line=error.lineno,
            column=error.offset,
            reason=expat.errors.messages[error.code],
        ) from None
    return OpmlImport(reader.title, tuple(reader.feeds), tuple(reader.rejected))


def _clean(value: str) -> str:
    return _XML_INVALID.sub("", value)


def _folder(
    parent: ET.Element, name: str, folders: dict[tuple[ET.Element, str], ET.Element]
) -> ET.Element:
    key = (parent, name)
    if key not in folders:
        folders[key] = ET.SubElement(parent, "outline", text=_clean(name), title=_clean(name))
    return folders[key]


def write_opml(feeds: Iterable[OpmlFeed], *, title: str, created: dt.datetime | None = None) -> str:
    """An OPML 2.0 document listing ``feeds``, folders nested by their ``category`` path."""
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = _clean(title)
    if created is not None:
        ET.SubElement(head, "dateCreated").text = email.utils.format_datetime(created)
    body = ET.SubElement(root, "body")
    folders: dict[tuple[ET.Element, str], ET.Element] = {}
    for feed in feeds:
        parent = body
        for name in feed.category:
            parent = _folder(parent, name, folders)
        label = _clean(feed.title or feed.xml_url)
        outline = ET.SubElement(parent, "outline", type="rss", text=label, title=label)
        outline.set("xmlUrl", _clean(feed.xml_url))
        if feed.html_url:
            outline.set("htmlUrl", _clean(feed.html_url))
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
