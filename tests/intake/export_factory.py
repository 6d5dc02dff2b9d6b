"""Telegram Desktop exports made up by the tests, written message by message (never whole).

The mix follows real channel exports: posts whose ``text`` is a list of plain strings and
``{type, text}`` parts (bold headline, links), plain-string posts, forwards, edited posts,
Russian posts, service messages, polls, photos without a caption, and reposts of a text the
channel already posted (stored once). :class:`ExportCounts` says what an import must find.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

CHANNEL_EXPORT_ID = 1000000003  # Bot API chat id -1001000000003 (the e2e channel)
CHANNEL_NAME = "Newsroom"

TOPICS = ["harbour", "railway", "budget", "vaccine", "drought", "festival", "tariff", "bridge"]
NAMES = ["Jens Olsen", "Maria Keller", "Ahmed Nasser", "Li Wei", "Ana Souza", "Tom Brady"]
CITIES = ["Oslo", "Lyon", "Porto", "Tartu", "Gdansk", "Cork", "Bergen", "Aarhus"]


@dataclass
class ExportCounts:
    """What an import of the export must report."""

    posts: int = 0  # distinct articles
    reposts: int = 0  # same text as an earlier post: duplicates
    service: int = 0
    polls: int = 0
    no_text: int = 0


def _date(index: int) -> str:
    moment = dt.datetime(2023, 1, 1, 8, 0) + dt.timedelta(minutes=37 * index)
    return moment.isoformat()


def _base(index: int, kind: str = "message") -> dict[str, Any]:
    date = _date(index)
    return {
        "id": index + 1,
        "type": kind,
        "date": date,
        "date_unixtime": str(int(dt.datetime.fromisoformat(date).timestamp())),
    }


def _english_text(index: int) -> tuple[str, str]:
    topic, city = TOPICS[index % len(TOPICS)], CITIES[index % len(CITIES)]
    speaker = NAMES[index % len(NAMES)]
    headline = f"{city} council approves {topic} plan number {index}"
    body = (
        f"The council of {city} voted on Tuesday for the {topic} plan, item {index} of the "
        f'session. "We will finish the {topic} works before the winter of {2024 + index % 5}," '
        f"{speaker} told reporters after the vote. Critics said the plan came too late."
    )
    return headline, body


def _russian_text(index: int) -> str:
    return (
        f"В городе {CITIES[index % len(CITIES)]} открыли новый мост номер {index}\n\n"
        f"«Мы закончим все работы до конца года и откроем движение», — сказал мэр "
        f"{NAMES[index % len(NAMES)]}. Строительство моста {index} шло три года."
    )


def make_message(index: int, counts: ExportCounts) -> dict[str, Any]:
    """The ``index``-th message of the export; ``counts`` is updated with what it is."""
    kind = index % 20
    if kind in (0, 10):
        counts.service += 1
        return {
            **_base(index, "service"),
            "actor": CHANNEL_NAME,
            "action": "pin_message",
            "message_id": index,
            "text": "",
            "text_entities": [],
        }
    if kind == 1:
        counts.polls += 1
        return {
            **_base(index),
            "from": CHANNEL_NAME,
            "text": "",
            "text_entities": [],
            "poll": {
                "question": f"Poll {index}?",
                "closed": False,
                "total_voters": 3,
                "answers": [{"text": "Yes", "voters": 2}, {"text": "No", "voters": 1}],
            },
        }
    if kind == 2:
        counts.no_text += 1
        return {
            **_base(index),
            "from": CHANNEL_NAME,
            "photo": "photos/photo.jpg",
            "width": 800,
            "height": 600,
            "text": "",
            "text_entities": [],
        }
    if kind == 3 and index >= 20:
        counts.reposts += 1
        headline, body = _english_text(index - 18)  # the text of an earlier plain post
        return {**_base(index), "from": CHANNEL_NAME, "text": f"{headline}\n\n{body}"}
    counts.posts += 1
    headline, body = _english_text(index)
    message: dict[str, Any] = {**_base(index), "from": CHANNEL_NAME}
    if kind in (4, 8, 12, 16):
        parts: list[Any] = [
            {"type": "bold", "text": f"⚡️ {headline}"},
            f"\n\n{body} ",
            {"type": "text_link", "text": "Read more", "href": f"https://example.org/{index}"},
            "\n",
            {"type": "hashtag", "text": f"#{TOPICS[index % len(TOPICS)]}"},
        ]
        message["text"] = parts
        message["text_entities"] = [
            p if isinstance(p, dict) else {"type": "plain", "text": p} for p in parts
        ]
    elif kind in (6, 14):
        message["text"] = _russian_text(index)
    elif kind == 9:
        message["forwarded_from"] = "Other Channel"
        message["text"] = f"{headline}\n{body}"
    elif kind == 11:
        message["edited"] = _date(index + 1)
        message["edited_unixtime"] = str(
            int(dt.datetime.fromisoformat(_date(index + 1)).timestamp())
        )
        message["text"] = f"{headline}\n\n{body}"
    else:
        message["text"] = f"{headline}\n\n{body}"
    return message


def _write_json(out: TextIO, count: int, channel_id: int) -> ExportCounts:
    counts = ExportCounts()
    header = {"name": CHANNEL_NAME, "type": "public_channel", "id": channel_id}
    out.write(json.dumps(header, ensure_ascii=False)[:-1] + ',\n "messages": [\n')
    for index in range(count):
        if index:
            out.write(",\n")
        out.write(json.dumps(make_message(index, counts), ensure_ascii=False, indent=1))
    out.write("\n ]\n}\n")
    return counts


def write_export(
    path: Path, count: int, *, channel_id: int = CHANNEL_EXPORT_ID, zipped_as: str | None = None
) -> ExportCounts:
    """Write an export of ``count`` messages to ``path`` (a zip when ``zipped_as`` names the
    member, e.g. ``"ChatExport_2024-01-01/result.json"``)."""
    if zipped_as is None:
        with path.open("w", encoding="utf-8") as out:
            return _write_json(out, count, channel_id)
    with (
        zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive,
        archive.open(zipped_as, "w") as member,
    ):
        text = io.TextIOWrapper(member, encoding="utf-8")
        counts = _write_json(text, count, channel_id)
        text.flush()
        text.detach()
        return counts
