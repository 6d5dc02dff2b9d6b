"""Bot API error answers, worded as Telegram words them."""

from __future__ import annotations

__all__ = [
    "ApiError",
    "SandboxError",
    "SandboxTimeout",
    "bad_request",
    "forbidden",
    "too_many_requests",
]


class ApiError(Exception):
    """A Bot API call answered with ``{"ok": false, ...}`` and HTTP status ``error_code``."""

    def __init__(self, error_code: int, description: str, parameters: dict | None = None) -> None:
        super().__init__(f"{error_code} {description}")
        self.error_code = error_code
        self.description = description
        self.parameters = parameters

    def to_json(self) -> dict:
        body: dict = {"ok": False, "error_code": self.error_code, "description": self.description}
        if self.parameters:
            body["parameters"] = self.parameters
        return body


class SandboxError(Exception):
    """A scripting call made no sense for the sandbox's state (unknown chat, missing button...)."""


class SandboxTimeout(AssertionError, TimeoutError):
    """An awaited event did not happen in time; the message says what did happen instead."""


def bad_request(reason: str) -> ApiError:
    return ApiError(400, f"Bad Request: {reason}")


def forbidden(reason: str) -> ApiError:
    return ApiError(403, f"Forbidden: {reason}")


def too_many_requests(retry_after: int) -> ApiError:
    return ApiError(
        429, f"Too Many Requests: retry after {retry_after}", {"retry_after": retry_after}
    )
