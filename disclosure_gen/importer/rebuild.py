"""Rebuilds the input's amounts (income, spending by 项 and source, projects, 三公, 结转) from the tables' leaf rows.

Only leaf rows are taken; where a table cannot say which source pays which part of a 项, the
rules below decide, and the figures derived from the result are compared with the workbook.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ..catalogue import Catalogue
from ..load import UNFILLED
from ..model import CarryoverItem, Income, Project, Source, ThreePublic
from ..model.income import CarryoverIncome, FiscalCarryover, OtherCarryover
from ..model.paths import aliased, key_path
from ..templateset import TemplateSet
from .tables import ZERO, Comparisons, Line, item_leaves, project_leaves, tree_leaves
from .workbook import WorkbookError, normalised


def _income(*fields: str) -> tuple:
    """Where a field of 收入 is, as the YAML keys under 收入."""
    return key_path(Income, *fields)


# 表1's leaf lines: printed label (spaces and full-width forms folded) → where it goes in 收入.
INCOME_LINES: dict[str, tuple[str, ...]] = {
    "其中:一般财力": _income("general", "own"),
    "上级一般公共预算安排转移支付": _income("general", "transfer"),
    "其中:政府性基金收入": _income("fund", "own"),
    "上级政府性基金安排转移支付": _income("fund", "transfer"),
    "其中:国有资本经营收入": _income("capital", "own"),
    "上级国有资本经营预算安排转移支付": _income("capital", "transfer"),
    "4.财政专户核拨": _income("special_account"),
    "其中:事业收入": _income("unit_funds", "operations"),
    "上级补助收入": _income("unit_funds", "grants_from_above"),
    "附属单位上缴收入": _income("unit_funds", "from_subsidiaries"),
    "事业单位经营收入": _income("unit_funds", "business"),
    "其他收入": _income("unit_funds", "other"),
    "其中:一般公共预算拨款": _income("carryover", "fiscal", "general"),
    "基金预算拨款": _income("carryover", "fiscal", "fund"),
    "国有资本经营预算拨款": _income("carryover", "fiscal", "capital"),
    "其中:财政专户核拨": _income("carryover", "other", "special_account"),
    "单位资金": _income("carryover", "other", "unit_funds"),
}
# 表1's subtotal lines: label → the leading parts of the paths they add up (() is every line).
INCOME_SUBTOTALS: dict[str, tuple[tuple[str, ...], ...]] = {
    "一、本年收入": tuple(_income(f) for f in ("general", "fund", "capital", "special_account", "unit_funds")),
    "1.一般公共预算拨款": (_income("general"),),
    "2.基金预算拨款": (_income("fund"),),
    "3.国有资本经营预算拨款": (_income("capital"),),
    "5.单位资金": (_income("unit_funds"),),
    "二、上年结转结余": (_income("carryover"),),
    "1.财政拨款结转": (_income("carryover", "fiscal"),),
    "2.非财政拨款结转结余": (_income("carryover", "other"),),
    "收入总计": ((),),
}
THREE_PUBLIC_LINES = {label: key_path(ThreePublic, field)[0] for label, field in (
    ("因公出国(境)费", "overseas"), ("公务接待费", "reception"), ("其中:公务用车购置费", "vehicle_purchase"), ("公务用车运行费", "vehicle_running"))}
_VEHICLES = "公务用车购置及运行费(小计)"
_KINDS = (("general", "一般公共预算"), ("fund", "政府性基金预算"), ("capital", "国有资本经营预算"))
_SECRET_NAME = re.compile(r"涉密项目[一二三四五六七八九十百]+")
# 表2's current-year source columns and the input's source names.
_CURRENT = {"general": Source.GENERAL, "general_transfer": Source.GENERAL_TRANSFER, "fund": Source.FUND,
            "fund_transfer": Source.FUND_TRANSFER, "capital": Source.CAPITAL, "capital_transfer": Source.CAPITAL_TRANSFER,
            "special_account": Source.SPECIAL_ACCOUNT, "unit_funds": Source.UNIT_FUNDS}
_FISCAL_CARRY = tuple((key_path(FiscalCarryover, field)[0], source) for field, source in (
    ("general", Source.CARRYOVER_GENERAL), ("fund", Source.CARRYOVER_FUND), ("capital", Source.CARRYOVER_CAPITAL)))
_OTHER_CARRY = tuple((key_path(OtherCarryover, field)[0], source) for field, source in (
    ("unit_funds", Source.CARRYOVER_UNIT_FUNDS), ("special_account", Source.CARRYOVER_SPECIAL_ACCOUNT)))
# Which money a project not in 表7 (not 一般公共预算) is paid from first.
_OTHER_PROJECT_ORDER = ("fund", "fund_transfer", "capital", "capital_transfer", "special_account", "unit_funds",
                        "general_transfer", "general", "fiscal_carryover", "other_carryover")


@dataclass
class Imported:
    """The amounts read from a workbook, as the input's sections."""

    income: dict[str, Any]
    basic: dict[str, Any]
    basic_economic: dict[str, Decimal]
    projects: list[dict[str, Any]]
    three_public: dict[str, Any]
    carryover_items: list[dict[str, Any]]
    problems: list = field(default_factory=list)


@dataclass
class _Pools:
    """What is left of one 项's money by 表2 column, drawn on as projects and basic spending are placed."""

    left: dict[str, Decimal]

    def draw(self, amount: Decimal, order: tuple[str, ...]) -> dict[str, Decimal]:
        taken: dict[str, Decimal] = {}
        for column in order:
            part = min(amount, self.left.get(column, ZERO))
            if part > 0:
                taken[column] = part
                self.left[column] -= part
                amount -= part
        if amount > 0:
            taken[order[-1]] = taken.get(order[-1], ZERO) + amount
            self.left[order[-1]] = self.left.get(order[-1], ZERO) - amount
        return taken


def rebuild(tables: dict[str, list[Line]], template: TemplateSet, names: Catalogue, checks: Comparisons, path) -> Imported:
    """The input's amounts from the tables (each a list of lines, keyed as in tables.yaml)."""
    income = _income_tree(tables["t1"], checks)
    by_item = {leaf.code: leaf for leaf in tree_leaves("t2", tables["t2"], 7, checks)}
    spending = {leaf.code: leaf for leaf in tree_leaves("t3", tables["t3"], 7, checks)}
    tree_leaves("t5", tables["t5"], 7, checks)
    economic = tree_leaves("t6", tables["t6"], 5, checks)
    projects = project_leaves("t7", tables["t7"], checks)
    items = item_leaves("t11", tables["t11"], checks, grouped=True) if "t11" in tables else []
    for line in [*by_item.values(), *spending.values(), *(p for p, _ in projects)]:
        _known(names.function_name(line.code), "功能分类项", line, names, path)
    for line in economic:
        _known(names.economic_name(line.code), "经济分类款", line, names, path)
    placing = _Placing(by_item, spending, income, template, checks)
    project_entries = [placing.project(line, unit, template.year) for line, unit in projects]
    carryover = [placing.carryover_item(line) for line in items]
    project_entries += placing.other_projects()
    return Imported(
        income=income,
        basic=placing.basic(),
        basic_economic={line.code: line["total"] for line in economic if line["total"]},
        projects=project_entries,
        three_public=_three_public(tables["t10"], checks),
        carryover_items=carryover,
        problems=checks.problems,
    )


def _known(name: str | None, kind: str, line: Line, names: Catalogue, path) -> None:
    if name is None:
        raise WorkbookError(f"{path} {line.label_cell}：{kind}「{line.code}」不在 {names.title()} 中；请核对工作簿中的编码")


def _income_tree(lines: list[Line], checks: Comparisons) -> dict[str, Any]:
    """收入 from 表1's left side: leaf lines taken, subtotal lines checked against them."""
    leaves: dict[tuple[str, ...], Decimal] = {}
    subtotals = []
    for line in lines:
        label = normalised(line.labels[0]) if line.labels else ""
        if label in INCOME_LINES:
            leaves[INCOME_LINES[label]] = line["income"]
        elif label in INCOME_SUBTOTALS:
            subtotals.append((line, INCOME_SUBTOTALS[label]))
    for line, prefixes in subtotals:
        derived = sum((v for p, v in leaves.items() if any(p[: len(prefix)] == prefix for prefix in prefixes)), ZERO)
        checks.compare(line.cells["income"], line["income"], derived, f"表1「{line.labels[0]}」")
    own = _income("general", "own")
    tree: dict[str, Any] = {own[0]: {own[1]: leaves.get(own, ZERO)}}
    for place, amount in leaves.items():
        if amount:
            node = tree
            for part in place[:-1]:
                node = node.setdefault(part, {})
            node[place[-1]] = amount
    return tree


class _Placing:
    """Splits each 项's money (表2 by source, 表3 basic/project) between projects, 结转 items and basic spending."""

    def __init__(self, by_item: dict[str, Line], spending: dict[str, Line], income: dict[str, Any], template: TemplateSet, checks: Comparisons):
        self.checks, self.spending = checks, spending
        self.pools = {code: _Pools(dict(line.values)) for code, line in by_item.items()}
        self.project_left = {code: line["project"] for code, line in spending.items()}
        for code in spending.keys() - self.pools.keys():
            self.pools[code] = _Pools({})
        carry = income.get(_income("carryover")[0], {})
        fiscal, other = (key_path(CarryoverIncome, side)[0] for side in ("fiscal", "other"))
        self.fiscal_carry = {kind: carry.get(fiscal, {}).get(kind, ZERO) for kind, _ in _FISCAL_CARRY}
        self.other_carry = {kind: carry.get(other, {}).get(kind, ZERO) for kind, _ in _OTHER_CARRY}
        self.with_carryover = template.rules.fiscal_tables_include_carryover

    def project(self, line: Line, unit: str, year: int) -> dict[str, Any]:
        """A 表7 project: its 一般公共预算 money drawn from the 项's transfer, (结转,) then own money."""
        order = ("general_transfer", "fiscal_carryover", "general") if self.with_carryover else ("general_transfer", "general")
        taken = self.pools[line.code].draw(line["total"], order)
        self.project_left[line.code] = self.project_left.get(line.code, ZERO) - line["total"]
        sources = self._sources(taken)
        name = line.labels[-1]
        entry: dict[str, Any] = {"name": name, "function_code": line.code, "sources": sources,
                                 "economic": {c[1:]: line[c] for c in line.values if c.startswith("e") and line[c]}}
        if _SECRET_NAME.fullmatch(normalised(name)):
            return aliased(Project, entry | {"unit": unit or UNFILLED, "secret": True})
        return aliased(Project, entry | {"basis": UNFILLED, "unit": unit or UNFILLED, "allocation": UNFILLED,
                                         "period": {"start": dt.date(year, 1, 1), "end": dt.date(year, 12, 31)}})

    def carryover_item(self, line: Line) -> dict[str, Any]:
        """A 表11 item; one with project money is placed in the 项 whose 结转 project money it matches."""
        entry: dict[str, Any] = {"name": line.labels[0], "use": UNFILLED}
        for side in ("fiscal", "other"):
            amounts = {part: line[f"{side}_{part}"] for part in ("personnel", "public", "project")}
            if any(amounts.values()):
                entry[side] = {k: v for k, v in amounts.items() if v}
        fiscal, other = line["fiscal_project"], line["other_project"]
        if fiscal or other:
            code = self._carryover_code(fiscal, other)
            entry["function_code"] = code or UNFILLED
            if code:
                self.pools[code].draw(fiscal, ("fiscal_carryover",))
                self.pools[code].draw(other, ("other_carryover",))
                self.project_left[code] -= fiscal + other
                # carried-over project money counts first against the first kind of each (一般公共预算, 单位资金)
                self.fiscal_carry[_FISCAL_CARRY[0][0]] -= fiscal
                self.other_carry[_OTHER_CARRY[0][0]] -= other
        return aliased(CarryoverItem, entry)

    def _carryover_code(self, fiscal: Decimal, other: Decimal) -> str | None:
        fits = [code for code, pools in self.pools.items()
                if pools.left.get("fiscal_carryover", ZERO) >= fiscal and pools.left.get("other_carryover", ZERO) >= other
                and self.project_left.get(code, ZERO) >= fiscal + other]
        exact = [code for code in fits if self.project_left[code] == fiscal + other]
        return (exact or fits or [None])[0]

    def other_projects(self) -> list[dict[str, Any]]:
        """Project money 表7 does not list (not 一般公共预算): one project to name per 项."""
        entries = []
        for code, left in self.project_left.items():
            if left > 0:
                taken = self.pools[code].draw(left, _OTHER_PROJECT_ORDER)
                sources = self._sources(taken)
                entries.append(aliased(Project, {
                    "name": UNFILLED, "function_code": code, "sources": sources, "economic": {"302": UNFILLED},
                    "basis": UNFILLED, "unit": UNFILLED, "allocation": UNFILLED}))
        return entries

    def basic(self) -> dict[str, Any]:
        """基本支出 by 项: what is left of each 项's money; checked against 表3's 基本支出."""
        basic = {}
        for code, pools in self.pools.items():
            left = {column: amount for column, amount in pools.left.items() if column in (*_CURRENT, "fiscal_carryover", "other_carryover") and amount}
            sources = self._sources(left)
            total = sum(left.values(), ZERO)
            if code in self.spending:
                line = self.spending[code]
                self.checks.compare(line.cells["basic"], line["basic"], total, f"「{code}」的基本支出（表2 各来源减去项目支出）")
            if sources:
                basic[code] = sources
        return basic

    def _sources(self, taken: dict[str, Decimal]) -> Any:
        """表2 columns → the input's sources; carried-over money is placed by the kinds 表1 shows."""
        sources: dict[str, Decimal] = {}
        for column, amount in taken.items():
            if column in _CURRENT:
                sources[_CURRENT[column].value] = sources.get(_CURRENT[column].value, ZERO) + amount
            elif column in ("fiscal_carryover", "other_carryover"):
                carry, kinds = (self.fiscal_carry, _FISCAL_CARRY) if column == "fiscal_carryover" else (self.other_carry, _OTHER_CARRY)
                for (kind, source), part in _spread(amount, carry, kinds).items():
                    sources[source.value] = sources.get(source.value, ZERO) + part
                    carry[kind] -= part
        sources = {k: v for k, v in sources.items() if v}
        if set(sources) == {Source.GENERAL.value}:
            return sources[Source.GENERAL.value]
        return sources


def _spread(amount: Decimal, carry: dict[str, Decimal], kinds) -> dict[tuple, Decimal]:
    """Carried-over money spread over the kinds 表1 still has left, in order; any excess on the first kind."""
    parts: dict[tuple, Decimal] = {}
    for kind, source in kinds:
        part = min(amount, max(carry[kind], ZERO))
        if part > 0:
            parts[(kind, source)] = part
            amount -= part
    if amount > 0:
        parts[kinds[0]] = parts.get(kinds[0], ZERO) + amount
    return parts


def _three_public(lines: list[Line], checks: Comparisons) -> dict[str, Any]:
    """三公经费 from 表10: each item by budget kind (a bare amount when only 一般公共预算)."""
    items = item_leaves("t10", [line for line in lines if normalised(line.labels[0]) != _VEHICLES], checks)
    result: dict[str, Any] = {}
    for line in items:
        key = THREE_PUBLIC_LINES.get(normalised(line.labels[0]))
        if key is None:
            continue
        by_kind = {label: line[column] for column, label in _KINDS if line[column]}
        if by_kind:
            result[key] = by_kind["一般公共预算"] if set(by_kind) == {"一般公共预算"} else by_kind
    vehicles = [line for line in lines if normalised(line.labels[0]) == _VEHICLES]
    parts = [line for line in items if normalised(line.labels[0]) in ("其中:公务用车购置费", "公务用车运行费")]
    for line in vehicles:
        checks.rows(line, parts, "「公务用车购置及运行费（小计）」行")
    return result
