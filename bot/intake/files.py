"""Article files on disk (``digest-bot ingest``) to storable articles.

Article files are .txt, .md, .html, .htm, .sgm, any other text and one-message .json files; a
``.zip`` or a ``.json`` holding a whole chat export is an export (read by
:mod:`bot.intake.export`). Reading runs in worker processes, so :func:`read_article_files` is
pure of the library: it returns the storable articles, or why not.

Which files: a path named on the command line is always tried, whatever its type. A directory
is walked recursively, in sorted order, and accepts the same types; it skips, and counts by
reason (:func:`scan_paths`):

* hidden files and folders (``.git``, ``.DS_Store``): tooling, not articles;
* symbolic links that lead out of the directory (a link to ``/etc/passwd`` is not followed);
* anything that is not a regular file (a broken link, a FIFO that would block the read).

A file that turns out not to be text is refused when it was named, or has an article's suffix
(a ``.txt`` that is binary is a broken article); found in a directory under any other name
(``.pdf``, ``.jpg``: the photos of an exported chat folder) it is skipped and counted.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bot.extract import (
    ArticleFileError,
    BinaryContentError,
    ChatExportError,
    EmptyArticleError,
    ExtractError,
    ForeignJsonError,
    extract_file,
)
from bot.intake.article import Origin, SourceKind, new_article
from bot.intake.export_file import is_chat_export
from storage.models import NewArticle

__all__ = [
    "ARTICLE_SUFFIXES",
    "ArticleFile",
    "FileRefusal",
    "HIDDEN",
    "IngestPaths",
    "NOT_A_REGULAR_FILE",
    "NOT_TEXT",
    "SYMLINK_OUT_OF_THE_FOLDER",
    "read_article_files",
    "scan_paths",
]

#: Suffixes that promise an article: such a file is refused, never skipped, when it is not text.
ARTICLE_SUFFIXES = frozenset({".txt", ".md", ".html", ".htm", ".json"})
#: The refusal that is a skip for some files found in directories (see the module docstring).
NOT_TEXT = "not text"
HIDDEN = "hidden"
SYMLINK_OUT_OF_THE_FOLDER = "symlink out of the folder"
NOT_A_REGULAR_FILE = "not a regular file"
_REFUSAL_REASONS: tuple[tuple[type[ExtractError], str], ...] = (
    (BinaryContentError, NOT_TEXT),
    (EmptyArticleError, "no readable text"),
    (ArticleFileError, "unreadable file"),
    (ChatExportError, "chat export"),
    (ForeignJsonError, "JSON but not a message"),
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
            outcomes.append(
                new_article(extract_file(path), Origin(chat_id=chat_id, kind=SourceKind.FILE))
            )
        except ExtractError as error:
            outcomes.append(FileRefusal(_refusal_reason(error), str(error)))
        except OSError as error:
            outcomes.append(FileRefusal("unreadable file", error.strerror or str(error)))
    return outcomes


@dataclass(frozen=True, slots=True)
class ArticleFile:
    """A file to extract one article from; ``skip_if_binary``: see the module docstring."""

    path: Path
    skip_if_binary: bool


@dataclass
class IngestPaths:
    """Article files and chat exports, in the order given, and the files skipped, by reason."""

    files: list[ArticleFile] = field(default_factory=list)
    exports: list[Path] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)

    def add(self, path: Path, *, in_directory: bool) -> None:
        suffix = path.suffix.lower()
        if suffix == ".zip" or (suffix == ".json" and is_chat_export(path)):
            self.exports.append(path)
        else:
            self.files.append(ArticleFile(path, in_directory and suffix not in ARTICLE_SUFFIXES))


def _is_inside(path: Path, root: Path) -> bool:
    return path == root or path.is_relative_to(root)


def _walk(directory: Path, found: IngestPaths) -> None:
    root = directory.resolve()
    for current, folders, names in os.walk(directory, followlinks=False):
        folder = Path(current)
        for name in sorted(folders):
            entry = folder / name
            if name.startswith("."):
                found.skipped[HIDDEN] += 1
            elif entry.is_symlink() and not _is_inside(entry.resolve(), root):
                found.skipped[SYMLINK_OUT_OF_THE_FOLDER] += 1
        # os.walk does not descend into linked folders; those inside are walked as themselves.
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        for name in sorted(names):
            entry = folder / name
            if name.startswith("."):
                found.skipped[HIDDEN] += 1
            elif entry.is_symlink() and not _is_inside(entry.resolve(), root):
                found.skipped[SYMLINK_OUT_OF_THE_FOLDER] += 1
            elif not entry.is_file():
                found.skipped[NOT_A_REGULAR_FILE] += 1
            else:
                found.add(entry, in_directory=True)


def scan_paths(paths: Sequence[str]) -> IngestPaths:
    """The article files and exports behind ``paths`` (files, directories), and the skips."""
    found = IngestPaths()
    for name in paths:
        path = Path(name)
        if path.is_dir():
            _walk(path, found)
        else:
            found.add(path, in_directory=False)
    return found
