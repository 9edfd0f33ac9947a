"""Figures of the explanation sections (第三部分): shares, changes and the lists they print."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal

from ..catalogue import Catalogue
from ..model import Comparison, DisclosureInput, PerformanceTarget, Project
from ..model.other import threshold_key
from ..money import ZERO, change, percent, round_half_up
from ..templateset import TemplateSet
from .figures import (
    Allocation,
    Assets,
    BudgetKindSection,
    Explained,
    IndicatorRow,
    ItemExplained,
    Labelled,
    PerformanceSummary,
    PerformanceTable,
    Procurement,
    ProjectFigures,
    RowLevel,
    Staff,
    StaffLine,
    Table,
)
from .ledger import Line
from .published_names import public_names

Levels = tuple[tuple[str, str], ...]  # a performance framework: (一级指标, 二级指标) pairs in printed order


def explained(key: str, label: str, amount: Decimal, whole: Decimal | None, comparison: Comparison) -> Explained:
    """An amount as printed, its share of `whole` (if any) and its change against last year."""
    shown = round_half_up(amount)
    share = percent(shown, round_half_up(whole)) if whole is not None else None
    return Explained(key, label, shown, share, change(shown, comparison.previous), comparison.reason)


def staff_figures(data: DisclosureInput) -> Staff | None:
    """编制数, 实有人数 (given, or 在职 + 退休 + 离休) and each kind's change."""
    staffing = data.overview.staffing
    if staffing is None:
        return None
    kinds = (("在职", staffing.serving), ("退休", staffing.retired), ("离休", staffing.veteran_retired))
    lines = tuple(StaffLine(label, h.current, h.current - h.previous) for label, h in kinds if h is not None)
    counted = sum(line.count for line in lines)
    actual = staffing.actual if staffing.actual is not None else counted
    return Staff(staffing.authorised, actual, counted, lines)


def income_explained(data: DisclosureInput, income: Table, template: TemplateSet) -> tuple[Explained, ...]:
    """Section 二: each income kind with its share of total income and its change."""
    shown = {row.code: row.value("amount") for row in income.rows}
    prior = data.prior.income
    general = shown["general"] if template.rules.income_general_includes_transfer else shown["general_own"]
    kinds = (
        ("general", "一般公共预算", general, prior.general),
        ("general_transfer", "上级一般公共预算安排的转移支付资金", shown["general_transfer"], prior.general_transfer),
        ("fund", "政府性基金预算", shown["fund_own"], prior.fund),
        ("fund_transfer", "上级政府性基金安排的转移支付资金", shown["fund_transfer"], prior.fund_transfer),
        ("capital", "国有资本经营预算", shown["capital_own"], prior.capital),
        ("capital_transfer", "上级国有资本经营预算安排的转移支付资金", shown["capital_transfer"], prior.capital_transfer),
        ("special_account", "财政专户管理资金", shown["special_account"], prior.special_account),
        ("unit_funds", "单位资金", shown["unit_funds"], prior.unit_funds),
        ("fiscal_carryover", "财政拨款结转", shown["fiscal_carryover"], prior.fiscal_carryover),
        ("other_carryover", "非财政拨款结转结余", shown["other_carryover"], prior.other_carryover),
    )
    total = income.total_of("amount")
    return tuple(explained(key, label, amount, total, comparison) for key, label, amount, comparison in kinds)


def spending_explained(table: Table, prior_basic: Comparison, prior_project: Comparison) -> tuple[Explained, ...]:
    """基本支出 and 项目支出 of a spending table, with shares of its total and changes."""
    total, basic, project = (table.total_of(c) for c in ("total", "basic", "project"))
    return (
        explained("basic", "基本支出", basic, total, prior_basic),
        explained("project", "项目支出", project, total, prior_project),
    )


def class_amounts(table: Table, purposes: dict[str, str] | None = None) -> tuple[Labelled, ...]:
    """The 类 rows of a spending table with their amounts, shares of the total and purposes."""
    total = table.total_of("total")
    return tuple(
        Labelled(row.code, row.name, row.value("total"), percent(row.value("total"), total), (purposes or {}).get(row.code))
        for row in table.rows
        if row.level is RowLevel.CLASS and row.value("total")
    )


def general_items(current: Table, data: DisclosureInput, names: Catalogue) -> tuple[ItemExplained, ...]:
    """Section 五(三): every 项 with current-year general-budget money this year or last."""
    amounts = {row.code: row.value("total") for row in current.rows if row.level is RowLevel.ITEM}
    codes = sorted(set(amounts) | set(data.prior.items))
    result = []
    for code in codes:
        comparison = data.prior.items.get(code, Comparison())
        amount = amounts.get(code, round_half_up(ZERO))
        result.append(
            ItemExplained(
                code, names.function_name(code[:3]) or code[:3], names.function_name(code[:5]) or code[:5],
                names.function_name(code) or code, amount, change(amount, comparison.previous), comparison.reason,
            )
        )
    return tuple(result)


def economic_item_names(table: Table, column: str) -> tuple[str, ...]:
    """Names of the 款 rows with money in the named column of 表 6 (personnel or public)."""
    return tuple(row.name for row in table.rows if row.level is RowLevel.ITEM and row.value(column))


def kind_section(table: Table) -> BudgetKindSection:
    """Sections 八 and 九 from 表 8 or 表 9."""
    total, basic, project = (table.total_of(c) for c in ("total", "basic", "project"))
    return BudgetKindSection(total, basic, project, class_amounts(table))


def project_figures(
    data: DisclosureInput, ledger: tuple[Line, ...], names: Catalogue, levels: Levels, empty_levels: bool = True,
) -> tuple[ProjectFigures, ...]:
    """Section 七 and the performance tables: each project as the document describes it (by its published name).

    A performance table's rows follow the set's framework `levels` ((一级指标, 二级指标) pairs, in printed order;
    check `indicator-level` refuses an indicator outside it); with `empty_levels`, every 二级指标 has a row, empty where none is entered.
    """
    published = public_names(data)
    result = []
    for project in data.projects:
        total, fiscal = _money(ledger, {project.name})
        target = None if project.secret else project.performance
        end = project.period.end if project.period else None
        performance = None if target is None else _performance(project.name, target, end, total, fiscal, levels, empty_levels)
        result.append(
            ProjectFigures(
                published[project.name], project.function_code, names.function_name(project.function_code) or "",
                total, project.basis, project.unit, _allocation(project),
                project.period.start if project.period else None, project.period.end if project.period else None,
                project.secret, performance,
                _assessed(project, total),
            )
        )
    return tuple(result)


def _allocation(project: Project) -> Allocation | None:
    if project.allocation is None:
        return None
    if isinstance(project.allocation, str):
        return Allocation((), None, project.allocation, project.allocation_note)
    items = tuple(Labelled(str(i), item.use, round_half_up(item.amount)) for i, item in enumerate(project.allocation))
    return Allocation(items, sum((item.amount for item in items), ZERO), None, project.allocation_note)


def performance_forms(
    data: DisclosureInput, ledger: tuple[Line, ...], projects: tuple[ProjectFigures, ...], levels: Levels, empty_levels: bool,
) -> tuple[PerformanceTable, ...]:
    """The 项目支出绩效目标表 in printed order: the projects' in input order, a 一级项目's own before its first project's.

    A 一级项目's money is the sum of its projects'; one no project names prints last.
    """
    parents = {parent.name: parent.performance for parent in data.parent_projects if parent.performance is not None}
    units = {project.name: unit.name for unit in data.units for project in unit.projects}
    forms: list[PerformanceTable] = []
    for project, figures in zip(data.projects, projects, strict=True):
        if project.parent in parents:
            forms.append(_parent_form(project.parent, parents.pop(project.parent), data, ledger, levels, empty_levels))
        if figures.performance is not None:
            forms.append(replace(figures.performance, unit=units.get(project.name)))
    return (*forms, *(_parent_form(name, target, data, ledger, levels, empty_levels) for name, target in parents.items()))


def _parent_form(
    name: str, target: PerformanceTarget, data: DisclosureInput, ledger: tuple[Line, ...], levels: Levels, empty_levels: bool,
) -> PerformanceTable:
    """A 一级项目's form: its own target, over the money and latest end date of the projects that name it."""
    children = [project for project in data.projects if project.parent == name]
    total, fiscal = _money(ledger, {project.name for project in children})
    end = max((project.period.end for project in children if project.period), default=None)
    return _performance(name, target, end, total, fiscal, levels, empty_levels)


def _money(ledger: tuple[Line, ...], names: set[str]) -> tuple[Decimal, Decimal]:
    """The rounded total and 财政拨款 of the ledger lines of the named projects."""
    lines = [line for line in ledger if line.project in names]
    total = round_half_up(sum((line.amount for line in lines), ZERO))
    return total, round_half_up(sum((line.amount for line in lines if line.source.is_fiscal), ZERO))


def _performance(
    name: str, target: PerformanceTarget, end: dt.date | None, total: Decimal, fiscal: Decimal, levels: Levels, empty_levels: bool,
) -> PerformanceTable:
    rows: list[IndicatorRow] = []
    for first, second in levels:
        indicators = [i for i in target.indicators if i.second_level == second]
        rows += [
            IndicatorRow(first, second, i.name, i.target, i.basis or "", i.last_result, i.weight, i.scoring or "",
                         i.evidence or "", i.interim_target or "")
            for i in indicators
        ] or ([IndicatorRow(first, second, "", "", "", "", None, "", "")] if empty_levels else [])
    weights = sum((i.weight for i in target.indicators if i.weight is not None), ZERO)
    return PerformanceTable(
        name, target.manager, total, fiscal, total - fiscal, target.goal, target.purpose or name,
        target.content, target.outcome, end, tuple(rows), weights,
    )


def three_public_explained(table: Table, data: DisclosureInput) -> tuple[Explained, ...]:
    """Section 十: each 三公 item (as the section orders them) with its change and reason."""
    shown = {row.code: row.value("total") for row in table.rows}
    prior = data.prior.three_public
    items = (
        ("overseas", "因公出国（境）费", prior.overseas),
        ("vehicle_purchase", "公务用车购置费", prior.vehicle_purchase),
        ("vehicle_running", "公务用车运行费", prior.vehicle_running),
        ("reception", "公务接待费", prior.reception),
    )
    return tuple(explained(key, label, shown[key], None, comparison) for key, label, comparison in items)


def procurement_figures(data: DisclosureInput) -> Procurement:
    """政府采购: the total is goods + works + services."""
    p = data.other.procurement
    r = round_half_up
    return Procurement(r(p.goods + p.works + p.services), r(p.goods), r(p.works), r(p.services), r(p.sme_reserved), r(p.small_micro_reserved))


def asset_figures(data: DisclosureInput, thresholds: tuple[int, ...] = (50, 100)) -> Assets:
    """国有资产: vehicle count and value are the sums of the categories; equipment counts at the set's `thresholds`."""
    a = data.other.assets
    r = round_half_up
    kinds = a.vehicles.categories()
    return Assets(
        r(a.buildings.area), r(a.buildings.value),
        sum(v.count for _, v in kinds), r(sum((v.value for _, v in kinds), ZERO)),
        tuple((label, v.count, r(v.value)) for label, v in kinds),
        r(a.furniture), r(a.other), *_over(a.equipment, (50, 100)),
        a.planned.vehicles.count, r(a.planned.vehicles.value),
        *_over(a.planned.equipment, (50, 100)),
        tuple(zip(thresholds, _over(a.equipment, thresholds))), tuple(zip(thresholds, _over(a.planned.equipment, thresholds))),
    )


def _over(counts: dict[str, int], thresholds: tuple[int, ...]) -> tuple[int, ...]:
    """The equipment count at each threshold (0 where not given)."""
    return tuple(counts.get(threshold_key(t), 0) for t in thresholds)


def _assessed(project: Project, total: Decimal) -> Decimal | None:
    """The amount a 事前绩效评估 covered (the project's scale unless given), or None without one."""
    if not project.assessed:
        return None
    return total if project.assessed_amount is None else round_half_up(project.assessed_amount)


def performance_summary(projects: tuple[ProjectFigures, ...]) -> PerformanceSummary:
    """预算绩效: projects under management by whether they have 财政拨款 or other money."""
    managed = [p for p in projects if not p.secret]
    fiscal = [p for p in managed if p.performance and p.performance.fiscal]
    other = [p for p in managed if p.performance and p.performance.other]
    return PerformanceSummary(
        len(fiscal), round_half_up(sum((p.performance.fiscal for p in fiscal if p.performance), ZERO)),
        len(other), round_half_up(sum((p.performance.other for p in other if p.performance), ZERO)),
        sum(1 for p in managed if p.performance is not None),
        sum(1 for p in managed if p.assessed is not None),
        round_half_up(sum((p.assessed for p in managed if p.assessed is not None), ZERO)),
    )


def glossary(data: DisclosureInput, template: TemplateSet) -> tuple[tuple[str, str], ...]:
    """The template's terms with the department's overrides; new terms go at the end."""
    terms = [(t.term, data.glossary.get(t.term, t.text)) for t in template.glossary]
    known = {t.term for t in template.glossary}
    return tuple(terms + [(term, text) for term, text in data.glossary.items() if term not in known])
