"""`digest-bot ingest`: store article files and Telegram Desktop exports in one collection.

Article files (.txt, .md, .html, .htm, one-message .json, any text; directories are walked by
the rules of :mod:`bot.intake.files`) and chat exports (``result.json`` or a zip holding one)
go through the same extraction as the bot, are stored in batches of
:data:`bot.intake.export.BATCH_SIZE` per transaction, and are de-duplicated per collection by
content hash, so running the same import twice stores nothing the second time.

Extraction is CPU-bound and pure, so it runs in worker processes (``--jobs``, default: one per
CPU) while this process reads the files and writes SQLite. Results come back in input order.
The workers end when this process dies, however it dies (:mod:`bot.cli.workers`).

Which chat: ``--chat`` takes a Bot API chat id or ``@username``. An export's header has the
chat id but no username, so post links (``https://t.me/<username>/<id>``) need the username from
``--chat @channel`` or from the chats table (a chat the bot has seen). An ``@username`` the
library does not know is resolved through the export's header, or else gets a collection of its
own before the bot has met the chat (see :func:`_resolve_target`).

A run that fails leaves no empty library behind: a file it created and stored nothing in is
removed (see :mod:`bot.cli.library_file`).
"""

from __future__ import annotations

import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor, Future
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TypeVar

import click

from bot.cli.chat_reference import parse_chat_reference
from bot.cli.library import resolve_library, story_rules
from bot.cli.library_file import library_kept_if_used
from bot.cli.workers import extraction_pool
from bot.config import Config
from bot.intake.export import (
    BATCH_SIZE,
    ExportPost,
    IngestTally,
    SkippedMessage,
    article_batches,
    parse_messages,
)
from bot.intake.export_file import (
    ChatExport,
    ExportChatMismatchError,
    ExportFormatError,
    ExportHeader,
    ExportNotFoundError,
    ExportTruncatedError,
    HistoryError,
    check_export_chat,
    open_export,
)
from bot.intake.files import NOT_TEXT, ArticleFile, FileRefusal, read_article_files, scan_paths
from bot.stories.matcher import LexicalStoryMatcher, PreparedText, prepare_text
from storage import Chat, Library, NewArticle, StorageError
from storage.chats import is_placeholder_chat_id

__all__ = ["ingest_command"]

_EXPORT_CHUNK = 250  # messages per unit of work sent to a worker process
_FILE_CHUNK = 16  # article files per unit of work
_EXPORT_REFUSAL_REASONS: dict[type[HistoryError], str] = {
    ExportNotFoundError: "no result.json",
    ExportFormatError: "not a chat export",
    ExportTruncatedError: "truncated export",
    ExportChatMismatchError: "another chat's export",
}

T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class _Target:
    """The collection articles go into, and the username that makes post links."""

    chat_id: int
    username: str | None


def _chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Lists of ``size`` items; when the source fails, the partial list is yielded first."""
    chunk: list[T] = []
    try:
        for item in items:
            chunk.append(item)
            if len(chunk) >= size:
                yield chunk
                chunk = []
    except HistoryError:
        if chunk:
            yield chunk
        raise
    if chunk:
        yield chunk


def _ordered_map(
    executor: Executor | None,
    work: Callable[[list[T]], list[R]],
    chunks: Iterable[list[T]],
    window: int,
) -> Iterator[R]:
    """``work`` over each chunk, results flattened in input order, ``window`` chunks in flight.

    Without an executor the work runs here. When ``chunks`` fails with a HistoryError (a
    truncated export), the results of every chunk already submitted are yielded first.
    """
    if executor is None:
        for chunk in chunks:
            yield from work(chunk)
        return
    pending: deque[Future[list[R]]] = deque()
    try:
        for chunk in chunks:
            pending.append(executor.submit(work, chunk))
            if len(pending) >= window:
                yield from pending.popleft().result()
    except HistoryError:
        while pending:
            yield from pending.popleft().result()
        raise
    while pending:
        yield from pending.popleft().result()


def _read_and_prepare(
    paths: Sequence[str], max_bytes: int, chat_id: int
) -> list[tuple[NewArticle | FileRefusal, PreparedText | None]]:
    """:func:`read_article_files`, each article with its story text prepared: in the worker,
    so the one process that writes the library has less to do per article."""
    return [
        (outcome, prepare_text(outcome.headline, outcome.lead))
        if isinstance(outcome, NewArticle)
        else (outcome, None)
        for outcome in read_article_files(paths, max_bytes, chat_id)
    ]


def _parse_and_prepare(
    chunk: Sequence[object],
) -> list[tuple[ExportPost | SkippedMessage, PreparedText | None]]:
    """:func:`parse_messages`, each post with its story text prepared (see above)."""
    return [
        (item, prepare_text(item.extracted.headline, item.extracted.lead))
        if isinstance(item, ExportPost)
        else (item, None)
        for item in parse_messages(chunk)
    ]


def _export_chat(exports: Sequence[Path]) -> tuple[Path, ExportHeader] | None:
    """The first export whose header names its chat id, and that header."""
    for path in exports:
        try:
            with open_export(path) as export:
                if export.header.chat_id is not None:
                    return path, export.header
        except HistoryError:
            continue
    return None


def _resolve_target(library: Library, chat: int | str, exports: Sequence[Path]) -> _Target:
    """The chat id and username behind ``--chat`` (see the module docstring).

    A ``@username`` the library knows as a chat the bot has met is that chat. Otherwise an
    export's header gives the id, unless the library knows that id under another username (the
    wrong ``@username`` would build wrong post links); else the username gets a placeholder
    collection (:meth:`storage.Library.collection_for_username`), which becomes the real chat's
    once the bot meets it.
    """
    if isinstance(chat, int):
        known = library.get_chat(chat)
        return _Target(chat, known.username if known else None)
    known = library.find_chat(chat)
    if known is not None and not is_placeholder_chat_id(known.chat_id):
        return _Target(known.chat_id, chat)
    exported = _export_chat(exports)
    if exported is None:
        return _Target(library.collection_for_username(chat).chat_id, chat)
    path, header = exported
    assert header.chat_id is not None
    named = library.get_chat(header.chat_id)
    if named is not None and named.username and named.username.lower() != chat.lower():
        raise click.ClickException(
            f"{path} is the history of @{named.username} (chat id {header.chat_id}), "
            f"not of @{chat}: check the file, or give --chat @{named.username}"
        )
    if named is None or not named.username:
        library.upsert_chat(
            Chat(header.chat_id, header.chat_type, title=header.name, username=chat)
        )
    return _Target(header.chat_id, chat)


class _Ingest:
    """One run: the library, the target collection, the worker pool and the tally."""

    def __init__(
        self,
        library: Library,
        stories: LexicalStoryMatcher,
        target: _Target,
        executor: Executor | None,
        *,
        workers: int,
        max_bytes: int,
    ) -> None:
        self.library = library
        self.stories = stories
        self.target = target
        self.executor = executor
        self.workers = workers
        self.max_bytes = max_bytes
        self.tally = IngestTally()
        self.failed = False

    def _window(self, chunk_size: int) -> int:
        """Chunks in flight: two per worker, plus a stored batch's worth, so the workers go on
        extracting while this process stores a batch (with two per worker only, they waited
        for most of each batch's storing). Memory: at most about one more batch of articles
        than the batch being gathered."""
        return 2 * self.workers + -(-BATCH_SIZE // chunk_size)

    def refuse(self, label: str, reason: str, message: str) -> None:
        self.tally.refused[reason] += 1
        self.failed = True
        click.echo(f"{label}: refused: {message}", err=True)

    def store(self, batch: list[NewArticle]) -> None:
        self.tally.count_stored(self.library.add_articles(batch))

    def article_files(self, files: Sequence[ArticleFile]) -> None:
        work = partial(_read_and_prepare, max_bytes=self.max_bytes, chat_id=self.target.chat_id)
        paths = (str(file.path) for file in files)
        outcomes = _ordered_map(
            self.executor, work, _chunks(paths, _FILE_CHUNK), self._window(_FILE_CHUNK)
        )
        batch: list[NewArticle] = []
        with click.progressbar(length=len(files), label="articles", file=sys.stderr) as bar:
            for file, (outcome, prepared) in zip(files, outcomes, strict=True):
                bar.update(1)
                if isinstance(outcome, FileRefusal):
                    if file.skip_if_binary and outcome.reason == NOT_TEXT:
                        self.tally.skipped_files[outcome.reason] += 1
                    else:
                        self.refuse(str(file.path), outcome.reason, outcome.message)
                    continue
                if prepared is not None:
                    self.stories.remember(outcome.headline, outcome.lead, prepared)
                batch.append(outcome)
                if len(batch) >= BATCH_SIZE:
                    self.store(batch)
                    batch = []
            if batch:
                self.store(batch)

    def export(self, path: Path) -> None:
        try:
            with open_export(path) as export:
                check_export_chat(export.header, self.target.chat_id, str(path))
                self._register_chat(export)
                self._stream(export)
        except HistoryError as error:
            self.refuse(
                str(path), _EXPORT_REFUSAL_REASONS.get(type(error), "bad export"), str(error)
            )

    def _register_chat(self, export: ChatExport) -> None:
        """Make the chat known (type, title, username) so ``from:@channel`` finds it."""
        if self.library.get_chat(self.target.chat_id) is None:
            header = export.header
            self.library.upsert_chat(
                Chat(
                    self.target.chat_id,
                    header.chat_type,
                    title=header.name,
                    username=self.target.username,
                )
            )

    def _remembered(
        self, parsed: Iterable[tuple[ExportPost | SkippedMessage, PreparedText | None]]
    ) -> Iterator[ExportPost | SkippedMessage]:
        for item, prepared in parsed:
            if isinstance(item, ExportPost) and prepared is not None:
                extracted = item.extracted
                self.stories.remember(extracted.headline, extracted.lead, prepared)
            yield item

    def _stream(self, export: ChatExport) -> None:
        parsed = _ordered_map(
            self.executor,
            _parse_and_prepare,
            _chunks(export.messages(), _EXPORT_CHUNK),
            self._window(_EXPORT_CHUNK),
        )
        batches = article_batches(
            self._remembered(parsed),
            chat_id=self.target.chat_id,
            username=self.target.username,
            source_title=export.header.name,
            tally=self.tally,
        )
        shown = 0
        with click.progressbar(
            length=max(export.total_bytes, 1),
            label=export.label,
            file=sys.stderr,
        ) as bar:
            for batch in batches:
                self.store(batch)
                bar.update(export.bytes_read - shown)
                shown = export.bytes_read
            bar.update(export.total_bytes - shown)


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option(
    "--chat",
    "chat",
    required=True,
    help="The collection: a chat id (-1001234567890) or a public @username.",
)
@click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False),
    default=None,
    help="SQLite library file (created when missing) or PostgreSQL URL. "
    "Default: [storage] url, else path.",
)
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes for extraction. Default: the number of CPUs.",
)
@click.pass_obj
def ingest_command(
    config: Config, paths: tuple[str, ...], chat: str, db_path: str | None, jobs: int | None
) -> None:
    """Store article files and Telegram Desktop chat exports in a chat's collection.

    PATHS are article files (.txt .md .html .htm .sgm and other text, one-message .json),
    directories (walked recursively; files that are not text, hidden ones and symlinks leading
    out of the directory are skipped and counted) and chat exports (result.json, or a .zip
    holding one). Prints a summary: stored, duplicates, skipped and refused by reason. Exit
    code 1 when a file was refused; importing the same files again stores nothing new.
    """
    chat_ref = parse_chat_reference(chat)
    found = scan_paths(paths)
    files, exports = found.files, found.exports
    workers = jobs or os.cpu_count() or 1
    executor = extraction_pool(workers, len(files) + len(exports))
    stories = story_rules(config)
    try:
        with library_kept_if_used(
            resolve_library(config, db_path),
            public_sources=config.library.public_sources,
            stories=stories,
        ) as library:
            run = _Ingest(
                library,
                stories,
                _resolve_target(library, chat_ref, exports),
                executor,
                workers=workers,
                max_bytes=config.limits.max_document_bytes,
            )
            run.tally.skipped_files.update(found.skipped)
            if files:
                run.article_files(files)
            for export in exports:
                run.export(export)
            for line in run.tally.summary_lines():
                click.echo(line)
            if run.failed:
                raise SystemExit(1)
    except StorageError as error:
        raise click.ClickException(str(error)) from error
    finally:
        if executor is not None:
            executor.shutdown(cancel_futures=True)
