"""The sample articles shipped in ``bot/samples/``, loaded into a public sample collection.

The samples are short, original, fictional news items (English plain text and HTML, German,
Russian). ``digest-bot try`` stores them in the collection of a sample channel that is listed in
``[library] public_sources``, so every chat of the demo sees them, the way a real deployment
shares a public news channel.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files
from importlib.resources.abc import Traversable

from bot.extract import ExtractError, extract_bytes
from bot.intake.article import Origin, SourceKind, new_article
from storage.library import Library
from storage.models import Chat

__all__ = [
    "ARTICLE_SUFFIXES",
    "SAMPLE_CHANNEL",
    "SAMPLE_SCRIPT",
    "SampleLoadError",
    "SampleSummary",
    "load_samples",
    "sample_articles",
    "sample_script",
]

#: The channel whose collection holds the samples (a public source in the demo).
SAMPLE_CHANNEL = Chat(
    chat_id=-1009990000001, type="channel", title="Sample news", username="samples"
)
#: File name of the sample conversation, next to the articles.
SAMPLE_SCRIPT = "conversation.txt"
#: Which files of ``bot/samples/`` are articles.
ARTICLE_SUFFIXES = (".txt", ".html")


class SampleLoadError(Exception):
    """A shipped sample article could not be extracted (a packaging or extraction bug)."""


@dataclass(frozen=True)
class SampleSummary:
    """How loading went: articles stored now, and those the library already had."""

    added: int
    already_stored: int


def _samples_dir() -> Traversable:
    return files("bot") / "samples"


def sample_articles() -> list[Traversable]:
    """The shipped sample articles, sorted by file name."""
    return sorted(
        (
            entry
            for entry in _samples_dir().iterdir()
            if entry.is_file()
            and entry.name != SAMPLE_SCRIPT
            and entry.name.endswith(ARTICLE_SUFFIXES)
        ),
        key=lambda entry: entry.name,
    )


def sample_script() -> Traversable:
    """The shipped sample conversation (``digest-bot try --script`` input)."""
    return _samples_dir() / SAMPLE_SCRIPT


def load_samples(library: Library, channel: Chat = SAMPLE_CHANNEL) -> SampleSummary:
    """Extract every sample article and store it in ``channel``'s collection.

    Idempotent: articles already in the collection are recognised by content hash and kept.
    Blocking (extraction and SQLite): call it from a worker thread in async code.

    Raises:
        SampleLoadError: a sample could not be extracted.
    """
    library.upsert_chat(channel)
    added = already_stored = 0
    for entry in sample_articles():
        try:
            extracted = extract_bytes(entry.read_bytes(), filename=entry.name)
        except ExtractError as error:
            raise SampleLoadError(f"sample article {entry.name}: {error}") from error
        origin = Origin(chat_id=channel.chat_id, source_title=channel.title, kind=SourceKind.SAMPLE)
        result = library.add_article(new_article(extracted, origin))
        if result.duplicate:
            already_stored += 1
        else:
            added += 1
    return SampleSummary(added=added, already_stored=already_stored)
