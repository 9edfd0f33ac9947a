"""Checks of staff counts, procurement, assets and section texts."""

from __future__ import annotations

from collections.abc import Iterator

from ..model.other import threshold_key, threshold_of
from ..problems import Level, Problem
from ..templateset import CheckLevel
from .base import CheckContext, at, gap, wan
from .registry import check


@check("staff-total", Level.WARNING, "实有人数与在职、退休、离休人数之和不符（级别由模板规定）")
def staff_total(ctx: CheckContext) -> Iterator[Problem]:
    """实有人数 = 在职 + 退休 + 离休 where the template says so."""
    staffing = ctx.data.overview.staffing
    rule = ctx.template.rules.staff_total_check
    if staffing is None or staffing.actual is None or rule is CheckLevel.OFF:
        return
    staff = ctx.figures.staff
    total = staff.counted if staff else 0
    if staffing.actual != total:
        counts = " + ".join(f"{line.label} {line.count}" for line in staff.lines) if staff else "0"
        yield ctx.problem(
            staff_total, at("overview", "staffing", "actual"),
            f"实有人数 {staffing.actual} 人，而{counts} = {total} 人",
            Level(rule.value),
        )


@check("procurement-reserved", Level.ERROR, "面向中小企业、小微企业预留金额超过政府采购预算")
def procurement_reserved(ctx: CheckContext) -> Iterator[Problem]:
    """小微企业 ⊂ 中小企业 ⊂ 政府采购预算."""
    p = ctx.figures.procurement
    if p.sme_reserved > p.total:
        yield ctx.problem(
            procurement_reserved, at("other", "procurement", "sme_reserved"),
            f"面向中小企业预留 {wan(p.sme_reserved)} 超过政府采购预算 货物+工程+服务 = {wan(p.total)}{gap(p.sme_reserved, p.total)}",
        )
    if p.small_micro_reserved > p.sme_reserved:
        yield ctx.problem(
            procurement_reserved, at("other", "procurement", "small_micro_reserved"),
            f"面向小微企业预留 {wan(p.small_micro_reserved)} 超过面向中小企业预留 {wan(p.sme_reserved)}",
        )


_EQUIPMENT_PATHS = (at("other", "assets", "equipment"), at("other", "assets", "planned", "equipment"))


def _equipment(ctx: CheckContext) -> tuple[tuple[tuple, dict[int, int]], ...]:
    """Each 大型设备 mapping's path and its counts by threshold (万元)."""
    assets = ctx.data.other.assets
    counts = ({threshold_of(key): count for key, count in given.items()} for given in (assets.equipment, assets.planned.equipment))
    return tuple(zip(_EQUIPMENT_PATHS, counts))


@check("equipment-counts", Level.ERROR, "单位价值较高一档（如 100 万元以上）的设备多于较低一档（如 50 万元以上）的")
def equipment_counts(ctx: CheckContext) -> Iterator[Problem]:
    """Equipment worth over 100 万 is also worth over 50 万: counts never grow with the threshold."""
    thresholds = ctx.template.rules.equipment_thresholds
    for path, counts in _equipment(ctx):
        levels = sorted({*thresholds, *counts})
        for low, high in zip(levels, levels[1:]):
            if counts.get(high, 0) > counts.get(low, 0):
                yield ctx.problem(
                    equipment_counts, path,
                    f"{high}万元以上 {counts.get(high, 0)} 台（套）多于 {low}万元以上 {counts.get(low, 0)} 台（套）；后者应包含前者",
                )


@check("equipment-threshold", Level.ERROR, "大型设备按模板不印的价值档次填写（模板规定印哪些档次）")
def equipment_threshold(ctx: CheckContext) -> Iterator[Problem]:
    """A count at a threshold the set does not print would be lost; the set's thresholds are rules.equipment_thresholds."""
    thresholds = ctx.template.rules.equipment_thresholds
    for path, counts in _equipment(ctx):
        for threshold in sorted(set(counts) - set(thresholds)):
            yield ctx.problem(
                equipment_threshold, (*path, threshold_key(threshold)),
                f"模板「{ctx.template.name}」印出单位价值 {'、'.join(map(str, thresholds))} 万元以上的大型设备数，"
                f"「{threshold}万元以上」不会印出；请按这些档次填写",
            )


@check("class-purpose-missing", Level.WARNING, "说明四缺少某类支出的主要用途")
def class_purpose_missing(ctx: CheckContext) -> Iterator[Problem]:
    """Section 四 says what each 类 of general-budget spending is mainly used for."""
    for item in ctx.figures.fiscal_classes:
        if item.note is None:
            yield ctx.problem(
                class_purpose_missing, at("class_purposes"),
                f"请在「支出用途」中写明 {item.key} {item.label}（{wan(item.amount)}）的主要用途",
            )
