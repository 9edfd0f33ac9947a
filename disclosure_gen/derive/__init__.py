"""Derivation: one pure function from a validated input to every figure the disclosure prints."""

from __future__ import annotations

from ..catalogue import Catalogue
from ..model import BudgetKind, DisclosureInput
from ..money import ZERO, Change, change, round_half_up
from ..templateset import TemplateSet
from . import budget_tables as bt
from . import sections as sx
from .carryover import carryover_section, carryover_table, grouped_carryover_table
from .overall import department_performance, secret_summary
from .project_tables import grouped_project_table, project_rows, project_table
from .figures import Explained, Figures, Labelled, Table
from .ledger import build_ledger

__all__ = ["Figures", "derive"]


def derive(data: DisclosureInput, template: TemplateSet, names: Catalogue) -> Figures:
    """Computes every total, subtotal, share and change of one department's disclosure."""
    ledger = build_ledger(data)
    tables = _tables(data, ledger, template, names)
    income, spending = tables["t1_income"], tables["t1_expenditure"]
    current = bt.spending_table("general_current", sx.current_general(ledger), bt.everything, names)
    t6 = tables["t6"]
    three_public = sx.three_public_explained(tables["t10"], data)
    projects = sx.project_figures(data, ledger, names, template.rules.performance_empty_levels)
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
        fund=sx.kind_section(tables["t8"]),
        capital=sx.kind_section(tables["t9"]),
        three_public_total=_total_change(three_public),
        three_public=three_public,
        running_costs=sx.explained("running_costs", "机关运行经费", t6.total_of("public"), None, data.prior.running_costs),
        procurement=sx.procurement_figures(data),
        assets=sx.asset_figures(data),
        performance=sx.performance_summary(projects),
        carryover=carryover_section(tables["t11"], data),
        department_performance=department_performance(data, income),
        secret=secret_summary(projects),
        glossary=sx.glossary(data, template),
        tails=tuple(tail for key in template.printed_tables() if key in tables for tail in tables[key].tails) + current.tails,
    )


def _tables(data: DisclosureInput, ledger, template: TemplateSet, names: Catalogue) -> dict[str, Table]:
    rules = template.rules
    carry = rules.fiscal_tables_include_carryover
    t1_income, t1_spending = bt.overview_table(data, ledger, names, template.class_rows)
    t4_income, t4_spending = bt.fiscal_overview_table(ledger, names, rules, template.class_rows)
    projects = project_rows(data, ledger, names, rules)
    t11 = carryover_table(data)
    return {
        "t1_income": t1_income,
        "t1_expenditure": t1_spending,
        "t2": bt.income_by_item_table(ledger, names),
        "t3": bt.spending_table("t3", ledger, bt.everything, names),
        "t4_income": t4_income,
        "t4_expenditure": t4_spending,
        "t5": bt.spending_table("t5", ledger, bt.of_kind(BudgetKind.GENERAL, carry), names),
        "t6": bt.basic_economic_table(data, names, rules),
        "t7": project_table(projects),
        "t7_grouped": grouped_project_table(projects, data, names),
        "t8": bt.spending_table("t8", ledger, bt.of_kind(BudgetKind.FUND, carry), names),
        "t9": bt.spending_table("t9", ledger, bt.of_kind(BudgetKind.CAPITAL, carry), names),
        "t8_by_cost": bt.cost_split_spending_table("t8_by_cost", ledger, bt.of_kind(BudgetKind.FUND, carry), names),
        "t9_by_cost": bt.cost_split_spending_table("t9_by_cost", ledger, bt.of_kind(BudgetKind.CAPITAL, carry), names),
        "t10": bt.three_public_table(data),
        "t11": t11,
        "t11_grouped": grouped_carryover_table(t11, data.department.name),
    }


def _overall_income(income: Table) -> tuple[Labelled, ...]:
    """Section 一's income list: the kinds of 表 1 with money, by their printed names."""
    shown = {row.code: row.value("amount") for row in income.rows}
    kinds = (
        ("general", "一般公共预算"), ("fund", "政府性基金预算"), ("capital", "国有资本经营预算"),
        ("special_account", "财政专户管理资金"), ("unit_funds", "单位资金"), ("carryover", "上年结转结余"),
    )
    return tuple(Labelled(key, label, shown[key]) for key, label in kinds if shown[key])


def _fiscal_kinds(income: Table) -> tuple[Labelled, ...]:
    """Section 四's list: each budget kind of 表 4's 财政拨款 income with money (the line 财政拨款 itself left out)."""
    kinds = (row for row in income.rows if row.code != "fiscal")
    return tuple(Labelled(r.code, r.name + "拨款", r.value("amount")) for r in kinds if r.value("amount"))


def _total_change(items: tuple[Explained, ...]) -> Change:
    current = sum((i.amount for i in items), ZERO)
    previous = sum((i.change.previous for i in items), ZERO)
    return change(round_half_up(current), previous)
