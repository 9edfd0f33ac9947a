"""Problems found in an input: an id, a level, a Chinese message and where in the file."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from .errors import Location


class Level(str, Enum):
    """An error blocks rendering; a warning is reported only."""

    ERROR = "error"
    WARNING = "warning"

    @property
    def label(self) -> str:
        """The level as the accountant reads it."""
        return "错误" if self is Level.ERROR else "警告"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file."""

    check: str
    level: Level
    location: Location
    message: str

    def __str__(self) -> str:
        return f"{self.location}：{self.level.label}［{self.check}］{self.message}"


def has_errors(problems: list[Problem] | tuple[Problem, ...]) -> bool:
    """True when any problem is an error."""
    return any(p.level is Level.ERROR for p in problems)
