"""The error an input raises when it cannot be imported."""
from __future__ import annotations


class InputError(Exception):
    """A rejected input: `str()` is one line naming the input and the reason."""

    def __init__(self, name: str, reason: str, line: int | None = None):
        self.name = name
        self.reason = reason
        self.line = line
        where = f"{name}:{line}" if line is not None else name
        super().__init__(f"{where}: {reason}")
