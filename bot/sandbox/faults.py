"""Failures scripted by tests: the next N calls (of one method, or any) answer an error."""

from __future__ import annotations

from dataclasses import dataclass, field

from .errors import ApiError

__all__ = ["Fault", "FaultQueue"]

_DEFAULT_DESCRIPTIONS = {
    400: "Bad Request: failure injected by the sandbox",
    403: "Forbidden: bot was blocked by the user",
    409: "Conflict: terminated by other getUpdates request; "
    "make sure that only one bot instance is running",
    500: "Internal Server Error",
    502: "Bad Gateway",
}


@dataclass
class Fault:
    """``remaining`` more calls of ``method`` (None: any method but getUpdates) fail."""

    remaining: int
    method: str | None
    error: ApiError


@dataclass
class FaultQueue:
    faults: list[Fault] = field(default_factory=list)

    def add(
        self,
        count: int,
        *,
        method: str | None = None,
        error_code: int = 429,
        retry_after: int = 1,
        description: str | None = None,
    ) -> None:
        if error_code == 429:
            error = ApiError(
                429,
                description or f"Too Many Requests: retry after {retry_after}",
                {"retry_after": retry_after},
            )
        else:
            default = _DEFAULT_DESCRIPTIONS.get(error_code, f"Error {error_code}")
            error = ApiError(error_code, description or default)
        self.faults.append(Fault(count, method.lower() if method else None, error))

    def take(self, method: str) -> ApiError | None:
        """The error the call of ``method`` must answer now, if a scripted fault matches it."""
        name = method.lower()
        for fault in self.faults:
            matches = fault.method == name if fault.method else name != "getupdates"
            if matches and fault.remaining > 0:
                fault.remaining -= 1
                if fault.remaining == 0:
                    self.faults.remove(fault)
                return fault.error
        return None
