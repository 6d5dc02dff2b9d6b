"""Telegram Desktop chat export files: read the header, stream the messages.

A channel's history comes as ``result.json`` ("Export chat history", format JSON), alone or in a
zip (``ChatExport_2024-01-01/result.json``). The file is never loaded whole: :class:`ChatExport`
reads the header (``name``, ``type``, ``id``) from the first bytes and then streams ``messages``
with ijson, so a 500 MB export costs the memory of one message at a time.

Everything here is pure of Telegram and of storage; :mod:`bot.intake.export` turns the messages
into articles.
"""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from types import TracebackType
from typing import IO, Any

# ijson ships no type information; its three calls here (parse, items, JSONError) are simple.
import ijson  # type: ignore[import-untyped]

from bot.i18n import N_, LocalizedError

__all__ = [
    "ChatExport",
    "EXPORT_FILE_NAME",
    "ExportChatMismatchError",
    "ExportFormatError",
    "ExportHeader",
    "ExportNotFoundError",
    "ExportTruncatedError",
    "HistoryError",
    "check_export_chat",
    "int_or_none",
    "is_chat_export",
    "open_export",
]

EXPORT_FILE_NAME = "result.json"
_ZIP_MAGIC = b"PK\x03\x04"
_CHANNEL_TYPES = frozenset({"public_channel", "private_channel"})
_SUPERGROUP_TYPES = frozenset({"public_supergroup", "private_supergroup"})
_BASIC_GROUP_TYPES = frozenset({"private_group"})


class HistoryError(LocalizedError):
    """Base class: a chat export cannot be read (the message says what to do, in the reader's
    language on request: :meth:`bot.i18n.LocalizedError.in_language`)."""


class ExportNotFoundError(HistoryError):
    """The file is missing, or the zip holds no ``result.json``."""


class ExportFormatError(HistoryError):
    """The file is not a Telegram Desktop single-chat JSON export."""


class ExportTruncatedError(HistoryError):
    """The JSON breaks off or is malformed part-way; ``messages_read`` were read before."""

    def __init__(self, message: str, /, *, messages_read: int, **fields: object) -> None:
        super().__init__(message, **fields)
        self.messages_read = messages_read


class ExportChatMismatchError(HistoryError):
    """The export is of another chat than the collection it was to be imported into."""


@dataclass(frozen=True, slots=True)
class ExportHeader:
    """The export's own description of the chat: ``name``, ``type`` and ``id`` as exported."""

    name: str | None
    type: str | None
    id: int | None

    @property
    def chat_id(self) -> int | None:
        """The Bot API chat id: ``-100<id>`` for channels and supergroups, ``-<id>`` for groups."""
        if self.id is None:
            return None
        if self.type in _CHANNEL_TYPES or self.type in _SUPERGROUP_TYPES:
            return int(f"-100{self.id}")
        if self.type in _BASIC_GROUP_TYPES:
            return -self.id
        return self.id

    @property
    def chat_type(self) -> str:
        """The Bot API chat type (``channel``, ``supergroup``, ``group`` or ``private``)."""
        if self.type in _CHANNEL_TYPES:
            return "channel"
        if self.type in _SUPERGROUP_TYPES:
            return "supergroup"
        if self.type in _BASIC_GROUP_TYPES:
            return "group"
        return "private"


class _CountingReader:
    """A binary stream that remembers how many bytes were read (for progress)."""

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream
        self.count = 0

    def read(self, size: int = -1) -> bytes:
        data = self._stream.read(size)
        self.count += len(data)
        return data


class ChatExport:
    """An open chat export: its :attr:`header`, then :meth:`messages` streamed once.

    Create it with :func:`open_export`; close it (or use ``with``) to release the file.
    """

    def __init__(self, opener: _Opener, label: str) -> None:
        self._opener = opener
        self.label = label
        self._reader: _CountingReader | None = None
        self._closers: list[IO[bytes]] = []
        try:
            self.header = self._read_header()
        except BaseException:
            self.close()
            raise

    @property
    def total_bytes(self) -> int:
        """Size of the JSON text (uncompressed, for a zip)."""
        return self._opener.size

    @property
    def bytes_read(self) -> int:
        """How much of the JSON text :meth:`messages` has consumed so far."""
        return self._reader.count if self._reader is not None else 0

    def _open(self) -> IO[bytes]:
        stream = self._opener.open()
        self._closers.append(stream)
        return stream

    def _read_header(self) -> ExportHeader:
        found: dict[str, Any] = {}
        stream = self._open()
        try:
            for prefix, event, value in ijson.parse(stream, use_float=True):
                if prefix == "" and event == "start_array":
                    raise ExportFormatError(_NOT_AN_EXPORT, label=self.label)
                if prefix == "" and event == "map_key" and value in ("messages", "chats"):
                    if value == "chats":
                        raise ExportFormatError(
                            N_(
                                "{label} is a whole-account export. In Telegram Desktop open "
                                "the channel, choose ⋮ > Export chat history, format JSON."
                            ),
                            label=self.label,
                        )
                    return ExportHeader(
                        name=_text_or_none(found.get("name")),
                        type=_text_or_none(found.get("type")),
                        id=int_or_none(found.get("id")),
                    )
                if prefix in ("name", "type", "id") and event in ("string", "number"):
                    found[prefix] = value
        except ijson.JSONError as error:
            raise ExportFormatError(
                N_("{label}: not valid JSON ({detail})."),
                label=self.label,
                detail=_first_line(error),
            ) from error
        finally:
            stream.close()
        raise ExportFormatError(_NOT_AN_EXPORT, label=self.label)

    def messages(self) -> Iterator[Any]:
        """Every element of ``messages``, in file order, parsed one at a time.

        Raises:
            ExportTruncatedError: the JSON ends early or is malformed; elements before the fault
                were yielded already.
        """
        self._reader = _CountingReader(self._open())
        read = 0
        try:
            for message in ijson.items(self._reader, "messages.item", use_float=True):
                read += 1
                yield message
        except ijson.JSONError as error:
            raise ExportTruncatedError(
                N_(
                    "{label} is truncated or malformed after {read} messages "
                    "(byte {byte} of {total}: {detail}). Messages read before the fault "
                    "were kept; export the chat again to get the rest."
                ),
                messages_read=read,
                label=self.label,
                read=read,
                byte=self.bytes_read,
                total=self.total_bytes,
                detail=_first_line(error),
            ) from error

    def close(self) -> None:
        for stream in self._closers:
            stream.close()
        self._closers.clear()
        self._opener.close()

    def __enter__(self) -> ChatExport:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


_NOT_AN_EXPORT = N_(
    "{label}: not a Telegram chat export (no 'messages' list). In Telegram Desktop open the "
    "channel, choose ⋮ > Export chat history and pick the JSON format."
)


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__


def _text_or_none(value: object) -> str | None:
    return value if isinstance(value, str) else None


def int_or_none(value: object) -> int | None:
    """An integer JSON value (``3`` or ``3.0``), else None (booleans too)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


class _Opener:
    """Opens the JSON text afresh each time (the header and the messages are read separately)."""

    def __init__(
        self,
        size: int,
        open_stream: Callable[[], IO[bytes]],
        archive: zipfile.ZipFile | None = None,
    ) -> None:
        self.size = size
        self._open_stream = open_stream
        self._archive = archive

    def open(self) -> IO[bytes]:
        return self._open_stream()

    def close(self) -> None:
        if self._archive is not None:
            self._archive.close()


def _export_member(archive: zipfile.ZipFile, label: str) -> zipfile.ZipInfo:
    """The shallowest ``result.json`` in the archive, at any depth."""
    candidates = [
        info
        for info in archive.infolist()
        if not info.is_dir() and PurePosixPath(info.filename).name == EXPORT_FILE_NAME
    ]
    if not candidates:
        raise ExportNotFoundError(
            N_(
                "{label} holds no result.json: zip the folder Telegram Desktop wrote "
                "(Export chat history, format JSON), or give the result.json itself."
            ),
            label=label,
        )
    return min(candidates, key=lambda info: (info.filename.count("/"), info.filename))


def _zip_opener(source: IO[bytes] | str, label: str) -> _Opener:
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError) as error:
        raise ExportFormatError(
            N_("{label} is not a readable zip file ({detail})."), label=label, detail=str(error)
        ) from error
    try:
        member = _export_member(archive, label)
    except HistoryError:
        archive.close()
        raise
    return _Opener(member.file_size, lambda: archive.open(member), archive)


def open_export(source: str | os.PathLike[str] | bytes, *, label: str | None = None) -> ChatExport:
    """Open a ``result.json`` or a zip holding one, from a path or from bytes in memory.

    ``label`` names the source in error messages (default: the path, or "the export").

    Raises:
        ExportNotFoundError: the file is missing, or the zip has no result.json.
        ExportFormatError: it is not a single-chat JSON export (or not a readable zip).
    """
    if isinstance(source, bytes):
        name = label or "the export"
        if source.startswith(_ZIP_MAGIC):
            return ChatExport(_zip_opener(io.BytesIO(source), name), name)
        opener = _Opener(len(source), lambda: io.BytesIO(source))
        return ChatExport(opener, name)
    path = Path(source)
    name = label or str(path)
    if not path.is_file():
        raise ExportNotFoundError(N_("{name}: no such file."), name=name)
    with path.open("rb") as probe:
        is_zip = probe.read(len(_ZIP_MAGIC)) == _ZIP_MAGIC
    if is_zip:
        return ChatExport(_zip_opener(str(path), name), name)
    return ChatExport(_Opener(path.stat().st_size, lambda: path.open("rb")), name)


def is_chat_export(path: str | os.PathLike[str]) -> bool:
    """Whether a ``.json`` file is a whole chat export rather than one message.

    Reads only up to the top-level ``messages`` key, so a huge export answers at once.
    """
    try:
        with Path(path).open("rb") as stream:
            for prefix, event, value in ijson.parse(stream):
                if prefix == "" and event == "map_key" and value in ("messages", "chats"):
                    return True
                if prefix == "" and event in ("end_map", "start_array"):
                    return False
    except (OSError, ijson.JSONError):
        return False
    return False


def check_export_chat(header: ExportHeader, chat_id: int, label: str) -> None:
    """Refuse to file an export of one chat under another chat's collection.

    Raises:
        ExportChatMismatchError: the header names a different chat than ``chat_id``.
    """
    if header.chat_id is not None and header.chat_id != chat_id:
        raise ExportChatMismatchError(
            N_(
                "{label} is the history of {name} (chat id {export_chat}), not of chat "
                "{chat}: check the file, or the target chat."
            ),
            label=label,
            name=header.name or "?",
            export_chat=str(header.chat_id),
            chat=str(chat_id),
        )
