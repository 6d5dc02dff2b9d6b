"""Article files on disk (``digest-bot ingest``) to storable articles.

Article files are .txt, .md, .html, .htm and one-message .json files; directories are walked
recursively for those types; a ``.zip`` or a ``.json`` holding a whole chat export is an export
(read by :mod:`bot.intake.export`). Reading runs in worker processes, so
:func:`read_article_files` is pure of the library: it returns the storable articles, or why not.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bot.extract import (
    ArticleFileError,
    BinaryContentError,
    ChatExportError,
    EmptyArticleError,
    ExtractError,
    extract_file,
)
from bot.intake.article import Origin, new_article
from bot.intake.export_file import is_chat_export
from storage.models import NewArticle

__all__ = ["ARTICLE_SUFFIXES", "FileRefusal", "collect_paths", "read_article_files"]

#: File types taken from directories; a path named explicitly is tried whatever its suffix.
ARTICLE_SUFFIXES = frozenset({".txt", ".md", ".html", ".htm", ".json"})
_REFUSAL_REASONS: tuple[tuple[type[ExtractError], str], ...] = (
    (BinaryContentError, "not text"),
    (EmptyArticleError, "no readable text"),
    (ArticleFileError, "unreadable file"),
    (ChatExportError, "chat export"),
)


@dataclass(frozen=True, slots=True)
class FileRefusal:
    """An article file that was not stored: a short reason (for counts) and the full message."""

    reason: str
    message: str


def _refusal_reason(error: ExtractError) -> str:
    return next(
        (label for kind, label in _REFUSAL_REASONS if isinstance(error, kind)),
        "not an article",
    )


def read_article_files(
    paths: Sequence[str], max_bytes: int, chat_id: int
) -> list[NewArticle | FileRefusal]:
    """The storable article of each file, or why not (runs in a worker process).

    The article (content hash included, ~0.13 ms) is built here rather than in the main
    process, whose single core also writes SQLite: the more of the per-file work runs in the
    workers, the less the writer holds the others up.
    """
    outcomes: list[NewArticle | FileRefusal] = []
    for path in paths:
        try:
            size = os.stat(path).st_size
            if size > max_bytes:
                outcomes.append(
                    FileRefusal(
                        "too large",
                        f"{size:,} bytes is over the {max_bytes:,}-byte limit "
                        "([limits] max_document_bytes)",
                    )
                )
                continue
            outcomes.append(new_article(extract_file(path), Origin(chat_id=chat_id)))
        except ExtractError as error:
            outcomes.append(FileRefusal(_refusal_reason(error), str(error)))
        except OSError as error:
            outcomes.append(FileRefusal("unreadable file", error.strerror or str(error)))
    return outcomes


def _walk(directory: Path) -> list[Path]:
    """The article files under ``directory``, recursively, in sorted order."""
    return sorted(
        path
        for path in directory.rglob("*")
        if path.is_file() and path.suffix.lower() in ARTICLE_SUFFIXES
    )


def collect_paths(paths: Sequence[str]) -> tuple[list[Path], list[Path]]:
    """Article files and exports, in the order given; directories walked in sorted order."""
    files: list[Path] = []
    exports: list[Path] = []
    for name in paths:
        path = Path(name)
        found = _walk(path) if path.is_dir() else [path]
        for file in found:
            suffix = file.suffix.lower()
            is_export = suffix == ".zip" or (suffix == ".json" and is_chat_export(file))
            (exports if is_export else files).append(file)
    return files, exports
