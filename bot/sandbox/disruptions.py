"""Transport faults scripted by tests: calls that hang past the client's timeout, connections cut.

:mod:`.faults` answers a well-formed Bot API error (429, 5xx); these are the failures below it,
which a client sees as a timeout or a broken connection and which leave it not knowing whether
Telegram acted on the call:

* a **stall** holds the call ``seconds`` before answering. With ``execute=False`` the call is
  never carried out (the request was lost on the way); with ``execute=True`` it is carried out at
  once and only the answer is late (the message was sent, the client timed out waiting);
* a **drop** closes the connection without any answer, before the call is carried out or, with
  ``execute=True``, after it.

``getUpdates`` is covered like any other method: a dropped poll that was carried out has
handed out updates nobody received; they are confirmed only by a later ``offset``, as on Telegram.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

__all__ = ["Disruption", "DisruptionQueue"]

DisruptionKind = Literal["stall", "drop"]


@dataclass
class Disruption:
    """``remaining`` more calls of ``method`` are stalled or dropped."""

    remaining: int
    method: str
    kind: DisruptionKind
    execute: bool
    seconds: float = 0.0


@dataclass
class DisruptionQueue:
    disruptions: list[Disruption] = field(default_factory=list)

    def add(
        self,
        count: int,
        *,
        method: str,
        kind: DisruptionKind,
        execute: bool,
        seconds: float = 0.0,
    ) -> None:
        if count < 1:
            raise ValueError("count must be at least 1")
        if kind == "stall" and seconds <= 0:
            raise ValueError("a stall needs seconds > 0 (longer than the client's timeout)")
        self.disruptions.append(Disruption(count, method.lower(), kind, execute, seconds))

    def take(self, method: str) -> Disruption | None:
        """The disruption the call of ``method`` suffers now, if one is scripted for it."""
        name = method.lower()
        for disruption in self.disruptions:
            if disruption.method == name:
                disruption.remaining -= 1
                if disruption.remaining == 0:
                    self.disruptions.remove(disruption)
                return disruption
        return None
