"""部门汇总: a department's input as the sum of its units', and one unit's own input, with where each field was written."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from pydantic import BaseModel

from ..yamlsource import Move
from . import DisclosureInput, PriorYear
from .paths import key_path
from .units import UNIT_MONEY_FIELDS, UNIT_OWN_FIELDS, BudgetUnit

UNITS_KEY = key_path(DisclosureInput, "units")


@dataclass(frozen=True)
class View:
    """An input the pipeline reads as one department's, and where its fields stand in the files."""

    data: DisclosureInput
    moves: tuple[Move, ...] = ()


def department_view(data: DisclosureInput) -> View:
    """The department: its own input, or (with 预算单位) every unit's money added up, lists joined in unit order."""
    if not data.units:
        return View(data)
    units = data.units
    summed = {name: _added([getattr(unit, name) for unit in units]) for name in ("income", "basic", "basic_economic", "three_public")}
    joined = {name: [item for unit in units for item in getattr(unit, name)] for name in ("projects", "carryover_items")}
    consolidated = data.model_copy(update={**summed, **joined})
    moves = tuple(Move(key_path(DisclosureInput, name), UNITS_KEY, keep_rest=False) for name in summed)
    moves += tuple(
        Move(key_path(DisclosureInput, name, index), key_path(DisclosureInput, "units", u, name, i))
        for name in joined for index, (u, i) in enumerate(_positions(units, name))
    )
    return View(consolidated, moves)


def unit_view(data: DisclosureInput, index: int) -> View:
    """Unit `index` as a department of its own: its money, its own texts (the department's where it gives none),
    its own 上年对比 and 其他事项 (none where it gives none), and the department's year, template and glossary."""
    unit = data.units[index]
    here = key_path(DisclosureInput, "units", index)
    own = {name: getattr(unit, name) for name in UNIT_MONEY_FIELDS}
    own |= {name: getattr(unit, name) for name in UNIT_OWN_FIELDS if getattr(unit, name) is not None}
    own.setdefault("prior", PriorYear())
    own.setdefault("other", type(data.other)())
    own.setdefault("department_performance", None)
    department = data.department.model_copy(update={"name": unit.name, "code": unit.code})
    parents = {project.parent for project in unit.projects}
    view = data.model_copy(update={
        **own, "department": department, "units": [unit],
        "parent_projects": [parent for parent in data.parent_projects if parent.name in parents],
    })
    moves = tuple(
        Move(key_path(DisclosureInput, name), here + key_path(BudgetUnit, name))
        for name in (*UNIT_MONEY_FIELDS, *UNIT_OWN_FIELDS) if getattr(unit, name) is not None
    ) + (Move(key_path(DisclosureInput, "department", "name"), here + key_path(BudgetUnit, "name")),)
    return View(view, moves)


def unit_index(data: DisclosureInput, code: str) -> int | None:
    """The position of the unit with this 编码 (or 名称), None when the department has no such unit."""
    return next((i for i, unit in enumerate(data.units) if code in (unit.code, unit.name)), None)


def _positions(units: list[BudgetUnit], name: str) -> list[tuple[int, int]]:
    """(unit, position in the unit) of each item of the department's joined list `name`."""
    return [(u, i) for u, unit in enumerate(units) for i in range(len(getattr(unit, name)))]


def _added(values: list[Any]) -> Any:
    """The sum of the units' amounts: numbers added, models and tables field by field (keys in first-seen order)."""
    first = values[0]
    if isinstance(first, Decimal):
        return sum(values, Decimal(0))
    if isinstance(first, BaseModel):
        fields = {name: _added([getattr(value, name) for value in values]) for name in type(first).model_fields}
        return type(first).model_construct(**fields)
    if isinstance(first, dict):
        keys = dict.fromkeys(key for value in values for key in value)
        return {key: _added([value[key] for value in values if key in value]) for key in keys}
    raise TypeError(f"cannot add up {type(first).__name__}")
