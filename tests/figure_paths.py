"""Addresses figures in their JSON form: income[general].change.rate, tables.t3.rows[201].values.basic."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

_SEGMENT = re.compile(r"([^.\[\]]+)?((?:\[[^\]]+\])*)")
_SELECTORS = ("key", "code", "label", "detail", "name", "project")


def resolve(data: Any, path: str) -> Any:
    """The value at `path` in JSON-shaped figures; list items are picked by key, code, label or name."""
    value = data
    for name, selectors in _segments(path):
        if name:
            value = value[name]
        for selector in re.findall(r"\[([^\]]+)\]", selectors):
            value = _select(value, selector)
    return value


def as_decimal(value: Any) -> Decimal:
    """A figure as a Decimal, for numeric comparison."""
    return Decimal(str(value))


def _segments(path: str) -> list[tuple[str, str]]:
    parts = []
    for piece in re.findall(r"[^.\[]+(?:\[[^\]]+\])*|(?:\[[^\]]+\])+", path):
        match = _SEGMENT.fullmatch(piece)
        assert match, f"bad figure path segment {piece!r} in {path!r}"
        parts.append((match.group(1) or "", match.group(2) or ""))
    return parts


def _select(value: Any, selector: str) -> Any:
    if isinstance(value, dict):
        return value[selector]
    for item in value:
        if isinstance(item, dict) and any(str(item.get(k)) == selector for k in _SELECTORS):
            return item
    raise KeyError(f"no item {selector!r}")
