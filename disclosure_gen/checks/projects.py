"""Checks of projects: money adds up, names are unique, performance weights are complete."""

from __future__ import annotations

from collections.abc import Iterator

from ..derive.ledger import of_kind
from ..model import BudgetKind, DisclosureInput, PerformanceTarget
from ..money import ZERO, round_half_up
from ..problems import Level, Problem
from .base import CheckContext, at, gap, wan
from .registry import check


@check("duplicate-project", Level.ERROR, "两个项目同名")
def duplicate_projects(ctx: CheckContext) -> Iterator[Problem]:
    """Projects are told apart by name in every table and section."""
    seen: dict[str, int] = {}
    for i, project in enumerate(ctx.data.projects):
        if project.name in seen:
            yield ctx.problem(
                duplicate_projects, at("projects", i, "name"),
                f"项目「{project.name}」与第 {seen[project.name] + 1} 个项目同名；同一项目请合并，不同项目请改名",
            )
        seen.setdefault(project.name, i)


@check("allocation-sum", Level.ERROR, "项目资金分配各项之和不等于项目预算规模")
def allocation_sums(ctx: CheckContext) -> Iterator[Problem]:
    """A project's allocation items add up to its scale (资金来源 合计)."""
    for i, project in enumerate(ctx.figures.projects):
        allocated = project.allocation.total if project.allocation else None
        if allocated is not None and allocated != project.total:
            parts = " + ".join(f"{item.amount:.2f}" for item in project.allocation.items)
            yield ctx.problem(
                allocation_sums, at("projects", i, "allocation"),
                f"项目「{project.name}」资金分配 {parts} = {wan(allocated)}，与预算安排规模 {wan(project.total)} 不符"
                f"{gap(allocated, project.total)}",
            )


@check("project-economic-sum", Level.ERROR, "项目按经济分类拆分的金额之和不等于其一般公共预算资金")
def project_economic_sums(ctx: CheckContext) -> Iterator[Problem]:
    """表 7 splits each project's general-budget money by 经济分类 类; the split must add up."""
    general_money = of_kind(BudgetKind.GENERAL, ctx.template.rules.fiscal_tables_include_carryover)
    for i, project in enumerate(ctx.data.projects):
        general = sum((line.amount for line in ctx.ledger if line.project == project.name and general_money(line)), ZERO)
        split = sum(project.economic.values(), ZERO)
        if round_half_up(general) != round_half_up(split):
            yield ctx.problem(
                project_economic_sums, at("projects", i, "economic"),
                f"项目「{project.name}」经济分类合计 {wan(split)}，与其一般公共预算资金 {wan(general)} 不符{gap(split, general)}",
            )


def weighted(rows) -> bool:
    """True when any indicator row has a weight (a set that does not require weights may have none)."""
    return any(row.weight is not None for row in rows)


@check("performance-weights", Level.ERROR, "项目绩效指标分值权重合计不等于模板规定的总分")
def performance_weights(ctx: CheckContext) -> Iterator[Problem]:
    """Indicator weights add up to the jurisdiction's total (90 here; 10 more are for the execution rate)."""
    expected = ctx.template.rules.performance_weight_total
    for field, i, label, target in _targets(ctx.data):
        secret = field == "projects" and ctx.data.projects[i].secret  # its form is not printed
        total = sum((indicator.weight for indicator in target.indicators if indicator.weight is not None), ZERO)
        if not secret and weighted(target.indicators) and total != expected:
            yield ctx.problem(
                performance_weights, at(field, i, "performance", "indicators"),
                f"{label}绩效指标分值合计 {total}，应为 {expected}（差 {abs(total - expected)}）",
            )


@check("indicator-level", Level.ERROR, "绩效指标的二级指标不在模板的指标体系中")
def indicator_levels(ctx: CheckContext) -> Iterator[Problem]:
    """The set's form prints indicators by its framework: one under another 二级指标 would never print."""
    known = [second for _, second in ctx.template.performance_form.project.levels]
    for field, i, label, target in _targets(ctx.data):
        for j, indicator in enumerate(target.indicators):
            if indicator.second_level not in known:
                yield ctx.problem(
                    indicator_levels, at(field, i, "performance", "indicators", j, "second_level"),
                    f"{label}的指标「{indicator.name}」的二级指标「{indicator.second_level}」不在模板"
                    f"「{ctx.template.name}」的指标体系中，印不出来；可用的二级指标：{'、'.join(known)}",
                )


def _targets(data: DisclosureInput) -> Iterator[tuple[str, int, str, PerformanceTarget]]:
    """Each performance target of the input: the field and index of its project (or 一级项目), how a message names it."""
    for field, noun, entries in (("projects", "项目", data.projects), ("parent_projects", "一级项目", data.parent_projects)):
        for i, entry in enumerate(entries):
            if entry.performance is not None:
                yield field, i, f"{noun}「{entry.name}」", entry.performance


@check("parent-project-unknown", Level.ERROR, "项目的一级项目不在列出的「一级项目」中")
def parent_projects_known(ctx: CheckContext) -> Iterator[Problem]:
    """Where the department lists its 一级项目, every project names one of them (a misspelt name loses its form)."""
    listed = [parent.name for parent in ctx.data.parent_projects]
    for i, project in enumerate(ctx.data.projects if listed else ()):
        if project.parent is not None and project.parent not in listed:
            yield ctx.problem(
                parent_projects_known, at("projects", i, "parent"),
                f"项目「{project.name}」的一级项目「{project.parent}」不在「一级项目」中；列出的一级项目有：{'、'.join(listed)}",
            )


@check("performance-missing", Level.WARNING, "非涉密项目没有填写绩效目标")
def performance_missing(ctx: CheckContext) -> Iterator[Problem]:
    """Every project that is not secret gets a 项目支出绩效目标表."""
    for i, project in enumerate(ctx.data.projects):
        if project.performance is None and not project.secret:
            yield ctx.problem(performance_missing, at("projects", i), f"项目「{project.name}」没有填写「绩效目标」，文中将缺少它的绩效目标表")


@check("period-year", Level.WARNING, "项目资金执行时间不在预算年度内")
def period_in_year(ctx: CheckContext) -> Iterator[Problem]:
    """A budget year's project money is normally spent within that year."""
    year = ctx.data.department.year
    for i, project in enumerate(ctx.data.projects):
        if project.period and (project.period.start.year != year or project.period.end.year != year):
            yield ctx.problem(
                period_in_year, at("projects", i, "period"),
                f"项目「{project.name}」执行期 {project.period.start} 至 {project.period.end} 不在 {year} 年内，请确认",
            )


@check("secret-name-published", Level.ERROR, "涉密项目的真实名称出现在会公开的文字中")
def secret_name_published(ctx: CheckContext) -> Iterator[Problem]:
    """A secret project is published under its 代号; its real name must not appear in any other text."""
    secret = [(i, p.name) for i, p in enumerate(ctx.data.projects) if p.secret]
    if not secret:
        return
    for path, text in _texts(ctx.data.model_dump(by_alias=True, mode="json")):
        for i, name in secret:
            if name in text and path != at("projects", i, "name"):
                yield ctx.problem(
                    secret_name_published, path,
                    f"这里写了涉密项目的名称「{name}」，公开文件中会出现；请改用代号或概括的说法",
                )


def _texts(value: object, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """Every string of the input with its path (keys as the user wrote them)."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, (*path, index))
