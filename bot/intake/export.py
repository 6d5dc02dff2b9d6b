"""Records of a Telegram Desktop chat export to articles, stored batch by batch.

:mod:`bot.intake.export_file` reads the file; here each message is classified and extracted
(:func:`parse_message`, pure and CPU-bound, so the CLI runs it in worker processes) and grouped
into batches of articles (:func:`article_batches`). The CLI (``digest-bot ingest``) and the
bot's ``/import`` (:func:`store_export`) store each batch in one transaction, so what was read
before a fault is kept when the file turns out truncated.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Awaitable, Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from bot.extract import EmptyArticleError, Extracted, ExtractError
from bot.extract.telegram import export_message_date, export_message_text, extract_telegram_post
from bot.intake.article import Origin, SourceKind, new_article, post_link
from bot.intake.export_file import (
    ChatExport,
    HistoryError,
    check_export_chat,
    int_or_none,
    open_export,
)
from storage.aio import AsyncLibrary
from storage.models import AddResult, Chat, NewArticle

__all__ = [
    "BATCH_SIZE",
    "ExportPost",
    "IngestTally",
    "SkipReason",
    "SkippedMessage",
    "article_batches",
    "parse_message",
    "parse_messages",
    "store_export",
]

#: Articles stored per transaction: large enough for speed, small enough that a fault loses
#: nothing already read (each batch is committed before the next is parsed).
BATCH_SIZE = 500


class SkipReason(StrEnum):
    """Why a message of an export is not an article."""

    SERVICE = "service message"
    POLL = "poll"
    NO_TEXT = "no text"
    MALFORMED = "malformed message"


@dataclass(frozen=True, slots=True)
class ExportPost:
    """A message of the export that is an article."""

    message_id: int | None
    extracted: Extracted


@dataclass(frozen=True, slots=True)
class SkippedMessage:
    """A message that is not an article, and why."""

    message_id: int | None
    reason: SkipReason


def parse_message(obj: object) -> ExportPost | SkippedMessage:
    """Classify and extract one element of an export's ``messages`` (CPU-bound, pure)."""
    if not isinstance(obj, Mapping):
        return SkippedMessage(None, SkipReason.MALFORMED)
    message_id = int_or_none(obj.get("id"))
    if obj.get("type") != "message":
        return SkippedMessage(message_id, SkipReason.SERVICE)
    if "poll" in obj:
        return SkippedMessage(message_id, SkipReason.POLL)
    try:
        text, entities = export_message_text(obj)
        if not text.strip():
            return SkippedMessage(message_id, SkipReason.NO_TEXT)
        posted_at = export_message_date(obj)
        return ExportPost(message_id, extract_telegram_post(text, entities, posted_at))
    except EmptyArticleError:
        return SkippedMessage(message_id, SkipReason.NO_TEXT)
    except ExtractError:
        return SkippedMessage(message_id, SkipReason.MALFORMED)


def parse_messages(chunk: Sequence[object]) -> list[ExportPost | SkippedMessage]:
    """:func:`parse_message` over a chunk: the unit of work handed to a worker process."""
    return [parse_message(obj) for obj in chunk]


@dataclass
class IngestTally:
    """Counts of one ingest run: what was stored, already there, skipped or refused, and why.

    ``skipped`` counts messages of an export that are not articles; ``skipped_files`` the files
    a directory walk passed over.
    """

    stored: int = 0
    duplicates: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    skipped_files: Counter[str] = field(default_factory=Counter)
    refused: Counter[str] = field(default_factory=Counter)

    def count_stored(self, results: Iterable[AddResult]) -> None:
        for result in results:
            if result.duplicate:
                self.duplicates += 1
            else:
                self.stored += 1

    def summary_lines(self) -> list[str]:
        """Plain-text lines: stored, duplicates, then skipped messages and files and refusals
        by reason."""
        lines = [
            f"stored: {self.stored}",
            f"duplicates (already in the library): {self.duplicates}",
        ]
        counted = (
            ("skipped", self.skipped),
            ("skipped files", self.skipped_files),
            ("refused", self.refused),
        )
        for label, counts in counted:
            if counts:
                reasons = ", ".join(f"{reason} {n}" for reason, n in counts.most_common())
                lines.append(f"{label}: {sum(counts.values())} ({reasons})")
        return lines


def article_batches(
    parsed: Iterable[ExportPost | SkippedMessage],
    *,
    chat_id: int,
    username: str | None,
    source_title: str | None,
    tally: IngestTally,
    submitted_by: int | None = None,
    batch_size: int = BATCH_SIZE,
) -> Iterator[list[NewArticle]]:
    """Group parsed messages into batches of articles; skips are counted in ``tally``.

    Each post keeps its message id, and ``source_url`` is its ``t.me`` link when ``username``
    (the public chat's username) is known. When ``parsed`` raises (a truncated export), the
    articles read so far are yielded as a last batch first, then the error propagates.
    """
    batch: list[NewArticle] = []
    try:
        for item in parsed:
            if isinstance(item, SkippedMessage):
                tally.skipped[item.reason.value] += 1
                continue
            origin = Origin(
                chat_id=chat_id,
                message_id=item.message_id,
                submitted_by=submitted_by,
                source_url=post_link(username, item.message_id),
                source_title=source_title,
                kind=SourceKind.IMPORT,
            )
            batch.append(new_article(item.extracted, origin))
            if len(batch) >= batch_size:
                yield batch
                batch = []
    except HistoryError:
        if batch:
            yield batch
        raise
    if batch:
        yield batch


async def store_export(
    library: AsyncLibrary,
    data: bytes,
    *,
    label: str,
    chat: Chat,
    submitted_by: int | None,
    tally: IngestTally,
    after_batch: Callable[[ChatExport], Awaitable[None]],
) -> None:
    """Read the export in ``data`` off the event loop and store its posts in ``chat``'s
    collection, batch by batch, calling ``after_batch`` after each (progress reports).

    ``tally`` counts what was stored, so a caller can report it when this raises half-way.

    Raises:
        HistoryError: the file is not a usable export of ``chat`` (or breaks off; what was read
            before is stored).
    """
    export = await asyncio.to_thread(open_export, data, label=label)
    try:
        check_export_chat(export.header, chat.chat_id, label)
        await library.upsert_chat(chat)
        batches = article_batches(
            (parse_message(obj) for obj in export.messages()),
            chat_id=chat.chat_id,
            username=chat.username,
            source_title=chat.title or export.header.name,
            tally=tally,
            submitted_by=submitted_by,
        )
        while (batch := await asyncio.to_thread(next, batches, None)) is not None:
            tally.count_stored(await library.add_articles(batch))
            await after_batch(export)
    finally:
        await asyncio.to_thread(export.close)
