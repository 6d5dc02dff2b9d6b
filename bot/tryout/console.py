"""The terminal chat of ``digest-bot try``: typed (or scripted) lines in, the bot's replies out."""

from __future__ import annotations

import asyncio
import codecs
import contextlib
import os
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TextIO

from bot.config import Config
from bot.sandbox import SandboxError
from bot.tryout.inputs import (
    HELP_TEXT,
    PASTE_END,
    Command,
    Help,
    Inline,
    InputError,
    Paste,
    Press,
    Quit,
    SendFile,
    Text,
    TryInput,
    parse_input,
)
from bot.tryout.samples import SAMPLE_CHANNEL
from bot.tryout.session import TryActionError, TrySession

__all__ = [
    "DB_FILE_NAME",
    "PASTE_PROMPT",
    "PROMPT",
    "ScriptLines",
    "TerminalReader",
    "chat",
    "run_try",
]

#: The demo library's file name inside the temporary directory.
DB_FILE_NAME = "try-library.sqlite3"

Echo = Callable[[str], None]
_READ_SIZE = 65536


PROMPT = "> "
PASTE_PROMPT = "... "


class TerminalReader:
    """Reads typed lines from standard input on a daemon thread, so the bot keeps running.

    The thread reads the raw file descriptor, not ``sys.stdin``: a daemon thread blocked inside
    the buffered ``sys.stdin`` holds its lock, and the interpreter then dies with a fatal error
    when it shuts down after Ctrl-C.
    """

    def __init__(self, *, fd: int = 0, prompt_stream: TextIO | None = None) -> None:
        self._fd = fd
        self._prompt_stream = prompt_stream if prompt_stream is not None else sys.stdout
        self._lines: asyncio.Queue[str | None] = asyncio.Queue()
        self._loop = asyncio.get_running_loop()
        threading.Thread(target=self._pump, name="digest-bot-try-stdin", daemon=True).start()

    def _pump(self) -> None:
        decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        pending = ""
        while chunk := os.read(self._fd, _READ_SIZE):
            pending += decoder.decode(chunk)
            *lines, pending = pending.split("\n")
            for line in lines:
                self._loop.call_soon_threadsafe(self._lines.put_nowait, line.rstrip("\r"))
        pending += decoder.decode(b"", final=True)
        if pending:
            self._loop.call_soon_threadsafe(self._lines.put_nowait, pending)
        self._loop.call_soon_threadsafe(self._lines.put_nowait, None)

    async def read(self, *, pasting: bool = False) -> str | None:
        """The next typed line, after showing the prompt; None at the end of input (Ctrl-D)."""
        self._prompt_stream.write(PASTE_PROMPT if pasting else PROMPT)
        self._prompt_stream.flush()
        line = await self._lines.get()
        if line is None:
            self._lines.put_nowait(None)  # stay at the end for later reads
        return line


class ScriptLines:
    """Lines of a ``--script`` file, each echoed after the prompt a user would have seen.

    Outside ``:paste`` blocks, blank lines and lines starting with ``#`` (comments) are skipped.
    """

    def __init__(self, lines: Sequence[str], echo: Echo) -> None:
        self._lines: Iterator[str] = iter(lines)
        self._echo = echo

    async def read(self, *, pasting: bool = False) -> str | None:
        for line in self._lines:
            if not pasting and (not line.strip() or line.lstrip().startswith("#")):
                continue
            self._echo(((PASTE_PROMPT if pasting else PROMPT) + line).rstrip())
            return line
        return None


async def _read_paste(reader: TerminalReader | ScriptLines) -> str:
    lines: list[str] = []
    while (line := await reader.read(pasting=True)) is not None and line.strip() != PASTE_END:
        lines.append(line)
    return "\n".join(lines).strip("\n")


async def _perform(session: TrySession, action: TryInput) -> list[str]:
    """Carry out one instruction; :paste and :quit are handled by :func:`chat`."""
    match action:
        case Command(text=text):
            return await session.send_command(text)
        case Text(text=text):
            return await session.send_text(text)
        case SendFile(path=path):
            return await session.send_file(path)
        case Press(number=number):
            return await session.press(number)
        case Inline(query=query):
            return await session.inline(query)
        case Help():
            return [HELP_TEXT]
    raise TypeError(f"{action!r} is handled by the chat loop")


async def chat(session: TrySession, reader: TerminalReader | ScriptLines, echo: Echo) -> int:
    """Read lines until :quit or the end of input, showing the replies to each one.

    Returns how many lines failed (answered with ``!``): a script with any is a failed run.
    """
    failed = 0
    while (line := await reader.read()) is not None:
        try:
            action = parse_input(line)
            if action is None:
                continue
            if isinstance(action, Quit):
                break
            if isinstance(action, Paste):
                pasted = await _read_paste(reader)
                if not pasted:
                    raise InputError("nothing pasted: type the lines after :paste, then :end")
                action = Text(pasted)
            replies = await _perform(session, action)
        except (InputError, TryActionError, SandboxError) as error:
            replies = [f"! {error}"]
            failed += 1
        for reply in replies:
            echo(reply)
        echo("")
    return failed


async def run_try(
    config: Config,
    *,
    echo: Echo,
    script: Sequence[str] | None = None,
    db_path: Path | None = None,
) -> int:
    """Start the sandbox and the bot, load the samples, then chat from ``script`` or stdin.

    Without ``db_path`` the library lives in a temporary directory removed afterwards.
    Returns how many input lines failed (see :func:`chat`).
    """
    with contextlib.ExitStack() as stack:
        if db_path is None:
            folder = stack.enter_context(tempfile.TemporaryDirectory(prefix="digest-bot-try-"))
            db_path = Path(folder) / DB_FILE_NAME
        async with TrySession(config, db_path=db_path) as session:
            if script is None:
                echo(_banner(session))
                failed = await chat(session, TerminalReader(), echo)
                echo("")  # end the last prompt's line
                return failed
            return await chat(session, ScriptLines(script, echo), echo)


def _banner(session: TrySession) -> str:
    loaded = session.samples.added + session.samples.already_stored
    return (
        f"digest-bot try: the real bot against a local Telegram sandbox (no token, no network).\n"
        f"{loaded} sample articles are in the public collection @{SAMPLE_CHANNEL.username}.\n"
        "You are a user in a private chat with the bot. Try /start, /help, a word to search,\n"
        "/latest, or :paste a whole article. :help lists the terminal commands, :quit leaves.\n"
    )
