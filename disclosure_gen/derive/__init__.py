"""Derivation: one pure function from a validated input to every figure the disclosure prints."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..catalogue import Catalogue
from ..model import Comparison, DisclosureInput
from ..model.consolidation import department_view
from ..money import ZERO, Change, change, percent, round_half_up
from ..tablespec import QuerySpec, prior_steps
from ..templateset import TemplateSet
from . import sections as sx
from .carryover import carryover_section
from .facts import department_facts
from .figures import Explained, Figures, Labelled, Table, printed_cell
from .ledger import build_ledger
from .overall import department_performance, secret_summary
from .pivot import Context, Facts, by_book, pivot
from .published_names import public_names

__all__ = ["Figures", "derive"]


def derive(data: DisclosureInput, template: TemplateSet, names: Catalogue) -> Figures:
    """Computes every total, subtotal, share and change of one department's disclosure (with budget units, of their sum)."""
    data = department_view(data).data
    ledger = build_ledger(data)
    facts = by_book(department_facts(data, ledger, template.rules))
    ctx = Context(data, names, template.rules, public_names(data), template.class_rows)
    tables = _tables(facts, ctx, template)
    income, spending = tables["t1_income"], tables["t1_expenditure"]
    current = pivot("general_current", GENERAL_CURRENT, facts, ctx)
    t6 = tables["t6"]
    three_public = sx.three_public_explained(tables["t10"], data)
    projects = sx.project_figures(
        data, ledger, names, template.performance_form.project.levels, template.rules.performance_empty_levels,
    )
    return Figures(
        department=data.department.name,
        year=data.department.year,
        template=template.name,
        staff=sx.staff_figures(data),
        tables=tables,
        printed_tables=template.printed_tables(),
        income_total=income.total_of("amount"),
        expenditure_total=spending.total_of("amount"),
        overall_income=_overall_income(income),
        overall_expenditure=tuple(Labelled(r.code, r.name, r.value("amount")) for r in spending.rows if r.value("amount")),
        income=sx.income_explained(data, income, template),
        spending=sx.spending_explained(tables["t3"], data.prior.spending.basic, data.prior.spending.project),
        fiscal_total=tables["t4_income"].total_of("amount"),
        fiscal_kinds=_fiscal_kinds(tables["t4_income"]),
        fiscal_classes=sx.class_amounts(tables["t5"], data.class_purposes),
        general_total=current.total_of("total"),
        general_allocation=sx.spending_explained(
            current, data.prior.general_allocation.basic, data.prior.general_allocation.project
        ),
        general_classes=sx.class_amounts(current),
        general_items=sx.general_items(current, data, names),
        basic_total=t6.total_of("total"),
        personnel=t6.total_of("personnel"),
        personnel_items=sx.economic_item_names(t6, "personnel"),
        public=t6.total_of("public"),
        public_items=sx.economic_item_names(t6, "public"),
        projects=projects,
        performance_forms=sx.performance_forms(
            data, ledger, projects, template.performance_form.project.levels, template.rules.performance_empty_levels,
        ),
        fund=sx.kind_section(tables["t8"]),
        capital=sx.kind_section(tables["t9"]),
        three_public_total=_total_change(three_public),
        three_public=three_public,
        running_costs=sx.explained("running_costs", "机关运行经费", t6.total_of("public"), None, data.prior.running_costs),
        procurement=sx.procurement_figures(data),
        assets=sx.asset_figures(data, template.rules.equipment_thresholds),
        performance=sx.performance_summary(projects),
        carryover=carryover_section(tables["t11"], data),
        department_performance=department_performance(data, income),
        secret=secret_summary(projects),
        glossary=sx.glossary(data, template),
        tails=tuple(tail for key in template.printed_tables() if key in tables for tail in tables[key].tails) + current.tails,
        shares={name: percent(*(printed_cell(tables, side) for side in (share.part, share.of))) for name, share in template.shares.items()},
        changes={name: change(printed_cell(tables, spec.current), _previous(data, spec.previous)) for name, spec in template.changes.items()},
    )


# Section 五's table: current-year 一般公共预算 (本级 and 上级转移支付) by 功能分类, never printed.
GENERAL_CURRENT = QuerySpec.model_validate({
    "rows": "function",
    "where": {"kind": "general", "carryover": False},
    "columns": {"total": {"sum": ["basic", "project"]}, "basic": {"nature": "basic"}, "project": {"nature": "project"}},
})
# The order of the built-in tables in the figures (the set's own queries follow).
_ORDER = ("t1_income", "t1_expenditure", "t2", "t3", "t4_income", "t4_expenditure", "t5", "t6", "t7", "t7_grouped",
          "t8", "t9", "t8_by_cost", "t9_by_cost", "t10", "t11", "t11_grouped")


def _tables(facts: Facts, ctx: Context, template: TemplateSet) -> dict[str, Table]:
    """Every table the set declares as a query (the built-in ones first, in their published order)."""
    tables = {key: pivot(key, query, facts, ctx) for key, query in template.queries.items()}
    rank = {key: i for i, key in enumerate(_ORDER)}
    return dict(sorted(tables.items(), key=lambda item: rank.get(item[0], len(rank))))


def _overall_income(income: Table) -> tuple[Labelled, ...]:
    """Section 一's income list: the kinds of 表 1 with money, by their printed names."""
    shown = {row.code: row.value("amount") for row in income.rows}
    kinds = (
        ("general", "一般公共预算"), ("fund", "政府性基金预算"), ("capital", "国有资本经营预算"),
        ("special_account", "财政专户管理资金"), ("unit_funds", "单位资金"), ("carryover", "上年结转结余"),
    )
    return tuple(Labelled(key, label, shown[key]) for key, label in kinds if shown[key])


def _previous(data: DisclosureInput, paths: tuple[str, ...]) -> Decimal:
    """Last year's figures at the 上年对比 paths, added up (an item not entered is 0)."""
    total = ZERO
    for path in paths:
        node: Any = data.prior
        for kind, name in prior_steps(path):
            node = getattr(node, name) if kind == "field" else node.get(name, Comparison())
        total += node.previous
    return total


def _fiscal_kinds(income: Table) -> tuple[Labelled, ...]:
    """Section 四's list: each budget kind of 表 4's 财政拨款 income with money (the line 财政拨款 itself left out)."""
    kinds = (row for row in income.rows if row.code != "fiscal")
    return tuple(Labelled(r.code, r.name + "拨款", r.value("amount")) for r in kinds if r.value("amount"))


def _total_change(items: tuple[Explained, ...]) -> Change:
    current = sum((i.amount for i in items), ZERO)
    previous = sum((i.change.previous for i in items), ZERO)
    return change(round_half_up(current), previous)
