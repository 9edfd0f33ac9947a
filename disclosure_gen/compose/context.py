"""The names a text template can use: its context, its filters and every attribute reachable from them."""

from __future__ import annotations

import dataclasses
import types
import typing
from functools import cache

from pydantic import BaseModel

from ..derive import Figures
from ..model import DisclosureInput

CONTEXT = {
    "f": Figures,  # every figure the tool derives
    "d": DisclosureInput,  # the department's input file
    "parts": dict,  # the parts this document prints (see Parts.shown)
    "apart": bool,  # whether this is the set's separate tables document
}
FILTERS = ("wan", "pct", "cn", "cell", "paragraphs")


@cache
def template_names() -> frozenset[str]:
    """Every name a template may write: context names, filters, and the attributes of every type they reach."""
    names = set(CONTEXT) | set(FILTERS)
    for kind in reachable_types(tuple(CONTEXT.values())):
        names |= set(fields_of(kind)) | set(members_of(kind))
    return frozenset(names)


def members_of(kind: type) -> list[str]:
    """The public properties and methods a class itself defines (Change.rate_word, Table.row)."""
    return [
        name for klass in kind.__mro__ if klass.__module__.startswith("disclosure_gen")
        for name, value in vars(klass).items()
        if not name.startswith("_") and isinstance(value, property | types.FunctionType)
    ]


def reachable_types(roots: tuple[type, ...]) -> list[type]:
    """The dataclasses and models reachable from `roots` through their fields, each once, roots first."""
    found: list[type] = []
    pending = list(roots)
    while pending:
        kind = pending.pop(0)
        if kind in found or not fields_of(kind):
            continue
        found.append(kind)
        pending += [inner for hint in fields_of(kind).values() for inner in _named_types(hint)]
    return found


def fields_of(kind: type) -> dict[str, typing.Any]:
    """A dataclass's or model's field names (as a template writes them) and their types; {} for anything else."""
    if dataclasses.is_dataclass(kind):
        return typing.get_type_hints(kind)
    if isinstance(kind, type) and issubclass(kind, BaseModel):
        return {name: info.annotation for name, info in kind.model_fields.items()}
    return {}


def _named_types(hint: typing.Any) -> list[type]:
    """The classes inside a type hint (tuple[Row, ...] → Row; X | None → X; dict[str, Y] → str, Y)."""
    args = typing.get_args(hint)
    if args or isinstance(hint, types.UnionType):
        return [inner for arg in args for inner in _named_types(arg)]
    return [hint] if isinstance(hint, type) else []
