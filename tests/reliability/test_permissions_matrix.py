"""Who may run each settings and destructive command, where: the whole matrix, end to end.

:data:`MATRIX` is the expected answer of every cell: command × place × actor. ``allow`` means the
command takes effect (checked in the library, or by the digest arriving); ``refuse`` means it
has no effect and the bot answers with a refusal; ``ignore`` means no effect and no answer;
``n/a`` cells cannot happen on Telegram (see :data:`NOT_APPLICABLE`) and are not sent.

Actors: the bot's owner (``[access] owners``; a plain member of the groups), a group
administrator, a group member, a stranger (in no chat), an administrator of the channel
@newsroom, and a non-administrator (a subscriber) of @newsroom. Places: the actor's private chat
with the bot, a supergroup, a topic of a forum supergroup, and the channel @newsroom (commands
there are channel posts, so only its administrators can send them).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import pytest

from bot.sandbox import Sandbox
from storage.models import Chat, NewArticle

from .harness import article_text

OWNER, ADMIN, MEMBER, STRANGER, CHANNEL_ADMIN, NON_ADMIN = 1009, 1001, 1002, 1003, 1004, 1005
SUBMITTER = 1010
GROUP_ID = -1001000000001
FORUM_ID = -1001000000005
TOPIC = 7
CHANNEL_ID = -1001000000003  # @newsroom
WIRE_ID = -1001000000004  # @wire: a public channel the bot reads; every chat sees it
ACTORS = {
    "owner": OWNER,
    "admin": ADMIN,
    "member": MEMBER,
    "stranger": STRANGER,
    "ch_admin": CHANNEL_ADMIN,
    "non_admin": NON_ADMIN,
}

#: command | place | owner admin member stranger ch_admin non_admin
MATRIX = """
subscribe          | private | allow  allow  allow  allow  allow  allow
subscribe          | group   | allow  allow  refuse n/a    n/a    n/a
subscribe          | topic   | allow  allow  refuse n/a    n/a    n/a
subscribe          | channel | n/a    n/a    n/a    n/a    allow  n/a
subscribe_channel  | private | refuse refuse refuse refuse allow  refuse
subscribe_channel  | group   | refuse refuse refuse n/a    n/a    n/a
subscribe_channel  | topic   | refuse refuse refuse n/a    n/a    n/a
subscribe_channel  | channel | n/a    n/a    n/a    n/a    refuse n/a
unsubscribe        | private | allow  allow  allow  allow  allow  allow
unsubscribe        | group   | allow  allow  refuse n/a    n/a    n/a
unsubscribe        | topic   | allow  allow  refuse n/a    n/a    n/a
unsubscribe        | channel | n/a    n/a    n/a    n/a    allow  n/a
digest             | private | allow  allow  allow  allow  allow  allow
digest             | group   | allow  allow  refuse n/a    n/a    n/a
digest             | topic   | allow  allow  refuse n/a    n/a    n/a
digest             | channel | n/a    n/a    n/a    n/a    allow  n/a
follow             | private | allow  allow  allow  allow  allow  allow
follow             | group   | allow  allow  refuse n/a    n/a    n/a
follow             | topic   | allow  allow  refuse n/a    n/a    n/a
follow             | channel | n/a    n/a    n/a    n/a    allow  n/a
unfollow           | private | allow  allow  allow  allow  allow  allow
unfollow           | group   | allow  allow  refuse n/a    n/a    n/a
unfollow           | topic   | allow  allow  refuse n/a    n/a    n/a
unfollow           | channel | n/a    n/a    n/a    n/a    allow  n/a
autoingest         | private | refuse refuse refuse refuse refuse refuse
autoingest         | group   | allow  allow  refuse n/a    n/a    n/a
autoingest         | topic   | allow  allow  refuse n/a    n/a    n/a
autoingest         | channel | n/a    n/a    n/a    n/a    refuse n/a
delete             | private | allow  refuse refuse refuse refuse refuse
delete             | group   | allow  refuse refuse n/a    n/a    n/a
delete             | topic   | allow  refuse refuse n/a    n/a    n/a
delete             | channel | n/a    n/a    n/a    n/a    refuse n/a
import             | private | refuse refuse refuse refuse allow  refuse
import             | group   | refuse refuse refuse n/a    n/a    n/a
import             | topic   | refuse refuse refuse n/a    n/a    n/a
import             | channel | n/a    n/a    n/a    n/a    ignore n/a
add                | private | n/a    n/a    n/a    n/a    n/a    n/a
add                | group   | allow  allow  allow  n/a    n/a    n/a
add                | topic   | allow  allow  allow  n/a    n/a    n/a
add                | channel | n/a    n/a    n/a    n/a    n/a    n/a
"""

#: Why the n/a cells cannot happen.
NOT_APPLICABLE = {
    "group": "Telegram delivers no message from a user who is not a member of the group",
    "topic": "Telegram delivers no message from a user who is not a member of the forum",
    "channel": "only a channel's administrators post in it, and a post does not name them",
    "add private": "a private chat stores every article without /add",
    "add channel": "a channel's posts are stored as they come; /add is for groups",
}


def _cells() -> list[tuple[str, str, str, str]]:
    names = list(ACTORS)
    cells = []
    for line in MATRIX.strip().splitlines():
        command, place, expected = (part.strip() for part in line.split("|"))
        for actor, outcome in zip(names, expected.split(), strict=True):
            cells.append((command, place, actor, outcome))
    return cells


CELLS = _cells()
ROWS = list(dict.fromkeys((command, place) for command, place, _, _ in CELLS))


def test_matrix_covers_every_command_place_and_actor() -> None:
    commands = {command for command, _, _, _ in CELLS}
    assert len(CELLS) == len(commands) * 4 * len(ACTORS) == 240
    assert {outcome for *_, outcome in CELLS} == {"allow", "refuse", "ignore", "n/a"}
    for command, place, _, outcome in CELLS:
        if outcome == "n/a":
            assert f"{command} {place}" in NOT_APPLICABLE or place in NOT_APPLICABLE


@dataclass
class Cell:
    """One command sent by one actor in one place, and where the answer goes."""

    command: str
    place: str
    actor: str

    @property
    def user_id(self) -> int:
        return ACTORS[self.actor]

    @property
    def chat_id(self) -> int:
        return {"private": self.user_id, "group": GROUP_ID, "topic": FORUM_ID}.get(
            self.place, CHANNEL_ID
        )

    @property
    def thread_id(self) -> int | None:
        return TOPIC if self.place == "topic" else None


def _set_up_world(sandbox: Sandbox) -> None:
    for user_id, name in (
        (OWNER, "Olga"),
        (STRANGER, "Sam"),
        (CHANNEL_ADMIN, "Cleo"),
        (NON_ADMIN, "Nils"),
        (SUBMITTER, "Sue"),
    ):
        sandbox.add_user(user_id, name)
    sandbox.add_chat(FORUM_ID, "supergroup", title="Forum desk", is_forum=True)
    sandbox.add_chat(WIRE_ID, "channel", title="Wire", username="wire")
    for chat_id in (GROUP_ID, FORUM_ID):
        sandbox.set_member(chat_id, ADMIN, "administrator")
        for user_id in (MEMBER, OWNER, SUBMITTER):
            sandbox.set_member(chat_id, user_id, "member")
    sandbox.set_member(CHANNEL_ID, CHANNEL_ADMIN, "administrator", can_post_messages=True)
    sandbox.set_member(CHANNEL_ID, NON_ADMIN, "member")


def _export() -> bytes:
    """A one-post Telegram Desktop export of @newsroom."""
    post = {
        "id": 1,
        "type": "message",
        "date": "2024-03-01T08:00:00",
        "date_unixtime": "1709280000",
        "from": "Newsroom",
        "from_id": "channel1000000003",
        "text": article_text(1, "imported"),
        "text_entities": [],
    }
    header = {"name": "Newsroom", "type": "public_channel", "id": 1000000003}
    return json.dumps({**header, "messages": [post]}).encode()


async def _send(sandbox: Sandbox, cell: Cell, text: str, reply_to: int | None = None) -> None:
    if cell.place == "channel":
        command = text.split()[0]
        entity = {"type": "bot_command", "offset": 0, "length": len(command)}
        sandbox.channel_post(CHANNEL_ID, text, entities=[entity])
    else:
        sandbox.send_command(
            cell.chat_id, cell.user_id, text, reply_to=reply_to, thread_id=cell.thread_id
        )


class Probe:
    """Prepares one cell, runs its command and tells whether it took effect."""

    def __init__(self, env: Any) -> None:
        self.env = env
        self.library = env.library
        self.sandbox: Sandbox = env.sandbox
        self.answers: list[str] = []
        self.added = 0

    async def _subscription(self, chat_id: int, thread_id: int | None) -> None:
        await self.library.upsert_chat(Chat(chat_id, "supergroup" if chat_id < 0 else "private"))
        await self.library.add_subscription(
            chat_id=chat_id,
            thread_id=thread_id,
            local_time=dt.time(9),
            timezone="UTC",
            weekdays=frozenset(range(7)),
            keywords="",
            next_due_at=dt.datetime.now(dt.UTC) + dt.timedelta(hours=1),
            created_by=None,
        )

    async def run(self, cell: Cell) -> bool:
        """Send the cell's command; True when it took effect."""
        library, chat_id = self.library, cell.chat_id
        command = cell.command
        if command == "subscribe":
            await library.remove_all_subscriptions(chat_id)
            await self._command(cell, "/subscribe 09:00 UTC")
            subs = await library.list_subscriptions(chat_id)
            return any(sub.thread_id == cell.thread_id for sub in subs)
        if command == "subscribe_channel":
            await library.remove_all_subscriptions(CHANNEL_ID)
            await self._command(cell, "/subscribe @newsroom 09:00 UTC")
            return bool(await library.list_subscriptions(CHANNEL_ID))
        if command == "unsubscribe":
            await library.remove_all_subscriptions(chat_id)
            await self._subscription(chat_id, cell.thread_id)
            await self._command(cell, "/unsubscribe all")
            return not await library.list_subscriptions(chat_id)
        if command == "digest":
            await library.remove_all_subscriptions(chat_id)
            await self._subscription(chat_id, cell.thread_id)
            await self._command(cell, "/digest")
            return any(answer.startswith("Digest") for answer in self.answers)
        if command in ("follow", "unfollow"):
            await library.upsert_chat(Chat(WIRE_ID, "channel", title="Wire", username="wire"))
            await library.unfollow(chat_id, WIRE_ID)
            if command == "unfollow":
                await library.follow(chat_id, WIRE_ID)
            await self._command(cell, f"/{command} @wire")
            follows = WIRE_ID in {chat.chat_id for chat in await library.following(chat_id)}
            return follows if command == "follow" else not follows
        if command == "autoingest":
            await library.upsert_chat(Chat(chat_id, "supergroup" if chat_id < 0 else "private"))
            await library.set_auto_ingest(chat_id, False)
            await self._command(cell, "/settings autoingest on")
            stored = await library.get_chat(chat_id)
            return stored is not None and stored.auto_ingest
        if command == "delete":
            article_id = await self._wire_article()
            await self._command(cell, f"/delete {article_id}")
            return await library.get_article(article_id, viewer_chat_id=None) is None
        if command == "import":
            return await self._import(cell)
        if command == "add":
            self.added += 1
            posted = self.sandbox.send_text(
                chat_id,
                SUBMITTER,
                article_text(self.added, "added"),
                thread_id=cell.thread_id,
            )
            await self._command(cell, "/add", reply_to=posted["message_id"])
            return bool(await library.latest(chat_id, 1)) and any(
                "/article" in answer for answer in self.answers
            )
        raise AssertionError(f"no probe for {command}")

    async def _wire_article(self) -> int:
        await self.library.upsert_chat(Chat(WIRE_ID, "channel", title="Wire", username="wire"))
        headline = f"Wire story {len(self.sandbox.sent)}"
        result = await self.library.add_article(
            NewArticle(
                chat_id=WIRE_ID,
                headline=headline,
                body=f"{headline}. The text.",
                content_hash=hashlib.sha256(headline.encode()).hexdigest(),
                submitted_by=SUBMITTER,
            )
        )
        return result.article_id

    async def _command(self, cell: Cell, text: str, reply_to: int | None = None) -> None:
        await _send(self.sandbox, cell, text, reply_to)
        self.answers = [m.text for m in await self.sandbox.wait_for_messages(cell.chat_id)]

    async def _import(self, cell: Cell) -> bool:
        if cell.place != "private":
            await _send(self.sandbox, cell, "/import @newsroom")
            if cell.place == "channel":  # the bot polls twice more: the post was handled
                polls = len(self.sandbox.calls("getUpdates")) + 2
                await self.sandbox.wait_for_call("getUpdates", polls)
                self.answers = [m.text for m in self.sandbox.messages_to(CHANNEL_ID)]
                return bool(await self.library.latest(CHANNEL_ID, 1))
            self.answers = [m.text for m in await self.sandbox.wait_for_messages(cell.chat_id)]
            return False
        self.sandbox.send_document(
            cell.chat_id, cell.user_id, _export(), "result.json", caption="/import @newsroom"
        )
        [first] = await self.sandbox.wait_for_messages(cell.chat_id)
        self.answers = [first.text]
        if not first.text.startswith("Downloading"):
            return False
        while not any("finished" in answer for answer in self.answers):
            self.answers += [m.text for m in await self.sandbox.wait_for_messages(cell.chat_id)]
        return bool(await self.library.latest(CHANNEL_ID, 1))


@pytest.mark.parametrize(("command", "place"), ROWS, ids=[f"{c}-{p}" for c, p in ROWS])
async def test_permission_matrix_row(
    make_bot: Callable[..., Awaitable[Any]], command: str, place: str
) -> None:
    env = await make_bot(access={"owners": (OWNER,)}, library={"public_sources": (WIRE_ID,)})
    _set_up_world(env.sandbox)
    probe = Probe(env)
    wrong = []
    for row_command, row_place, actor, expected in CELLS:
        if (row_command, row_place) != (command, place) or expected == "n/a":
            continue
        cell = Cell(command, place, actor)
        took_effect = await probe.run(cell)
        answered = bool(probe.answers)
        outcome = "allow" if took_effect else "refuse" if answered else "ignore"
        if outcome != expected:
            wrong.append(f"{actor}: expected {expected}, got {outcome}: {probe.answers}")
    assert wrong == []
    assert env.sandbox.rejected == []
