"""Checks of staff counts, procurement, assets and section texts."""

from __future__ import annotations

from collections.abc import Iterator

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
    total = ctx.figures.staff.counted if ctx.figures.staff else 0
    if staffing.actual != total:
        yield ctx.problem(
            staff_total, at("overview", "staffing", "actual"),
            f"实有人数 {staffing.actual} 人，而在职 {staffing.serving.current} + 退休 {staffing.retired.current} + "
            f"离休 {staffing.veteran_retired.current} = {total} 人",
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


@check("equipment-counts", Level.ERROR, "单位价值 100 万元以上设备多于 50 万元以上设备")
def equipment_counts(ctx: CheckContext) -> Iterator[Problem]:
    """Equipment worth over 100 万 is also worth over 50 万."""
    assets = ctx.data.other.assets
    for path, equipment in ((at("other", "assets", "equipment"), assets.equipment),
                            (at("other", "assets", "planned", "equipment"), assets.planned.equipment)):
        if equipment.over_100 > equipment.over_50:
            yield ctx.problem(
                equipment_counts, path,
                f"100万元以上 {equipment.over_100} 台（套）多于 50万元以上 {equipment.over_50} 台（套）；后者应包含前者",
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
