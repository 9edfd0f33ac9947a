"""The list of checks, filled by the `check` decorator in each check module."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ..problems import Level, Problem
from .base import Check, CheckContext

CHECKS: list[Check] = []


def check(
    id: str, level: Level, summary: str, per_unit: bool = False
) -> Callable[[Callable[[CheckContext], Iterator[Problem]]], Check]:
    """Registers a check function under `id`, with its level and a one-line summary; `per_unit`: see Check."""

    def register(run: Callable[[CheckContext], Iterator[Problem]]) -> Check:
        found = Check(id, level, summary, run, per_unit)
        CHECKS.append(found)
        return found

    return register
