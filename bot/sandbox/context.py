"""What every Bot API method implementation receives: typed parameters and the shared state."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import overload

from .disruptions import DisruptionQueue
from .errors import bad_request
from .faults import FaultQueue
from .flood import FloodControl
from .holds import HoldQueue
from .world import World

__all__ = ["ApiContext", "Method", "Params", "register", "registry"]


class Params:
    """Request parameters from a form, multipart or JSON body, read with Telegram's coercions.

    Form values are strings (python-telegram-bot JSON-encodes objects and booleans into them);
    JSON bodies carry native values. Both are accepted everywhere.
    """

    def __init__(self, values: dict[str, object]) -> None:
        self.values = values

    def has(self, name: str) -> bool:
        return self.values.get(name) not in (None, "")

    def raw(self, name: str) -> object:
        return self.values.get(name)

    @overload
    def get_str(self, name: str, default: str) -> str: ...
    @overload
    def get_str(self, name: str, default: None = None) -> str | None: ...
    def get_str(self, name: str, default: str | None = None) -> str | None:
        value = self.values.get(name)
        return default if value is None else str(value)

    def get_int(self, name: str, default: int | None = None) -> int | None:
        value = self.values.get(name)
        if value in (None, ""):
            return default
        try:
            return int(value)  # type: ignore[call-overload]
        except (TypeError, ValueError):
            raise bad_request(f"invalid {name} specified") from None

    def get_bool(self, name: str, default: bool = False) -> bool:
        value = self.values.get(name)
        if value in (None, ""):
            return default
        if isinstance(value, bool):
            return value
        return str(value).lower() in ("true", "1")

    def get_json(self, name: str) -> object:
        """A JSON-valued parameter (reply_markup, entities, results...), decoded if a string."""
        value = self.values.get(name)
        if not isinstance(value, str):
            return value
        if value == "":
            return None
        try:
            return json.loads(value)
        except ValueError:
            raise bad_request(f"can't parse {name} JSON object") from None


@dataclass
class ApiContext:
    world: World
    strict_ampersand: bool = True
    query_timeout: float = 15.0
    flood: FloodControl | None = None
    faults: FaultQueue = field(default_factory=FaultQueue)
    holds: HoldQueue = field(default_factory=HoldQueue)
    disruptions: DisruptionQueue = field(default_factory=DisruptionQueue)
    poll_generation: int = 0


Method = Callable[[ApiContext, Params], object | Awaitable[object]]
# lower-cased method name -> (the name as the Bot API spells it, implementation)
registry: dict[str, tuple[str, Method]] = {}


def register(name: str) -> Callable[[Method], Method]:
    """Register a method implementation under its Bot API name (matched case-insensitively)."""

    def decorator(function: Method) -> Method:
        registry[name.lower()] = (name, function)
        return function

    return decorator
