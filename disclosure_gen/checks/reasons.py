"""Checks of 比上年 sentences: every change has a reason, and reasons read right."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..model import Comparison
from ..model.paths import key_path
from ..money import ZERO, Change, Direction, round_half_up
from ..problems import Level, Problem
from .base import CheckContext, at, gap, wan
from .registry import check

_CHANGE_WORDS = re.compile(r"增加|减少|增长|下降|上涨|调增|调减|提高|降低|新增|取消")
_SAME_WORDS = re.compile(r"持平|一致|无变化|无增减|没有变化|均未")  # a claim that nothing changed
# 未安排 is not among them: "上年未安排…今年安排了" explains an increase.
_REPEATED = re.compile(r"(.{4,}?)\1")


@dataclass(frozen=True)
class Compared:
    """A figure the document compares with last year, and where its reason is written."""

    path: tuple
    label: str
    change: Change
    reason: str | None

    @property
    def reason_path(self) -> tuple:
        """Where the reason is written: the comparison's 原因."""
        return self.path + _REASON


_REASON = key_path(Comparison, "reason")


def compared_figures(ctx: CheckContext) -> Iterator[Compared]:
    """Every figure printed with 比上年: income kinds, spending, allocation, 项, 三公, 机关运行经费."""
    fig = ctx.figures
    groups = (("income", fig.income), ("spending", fig.spending), ("general_allocation", fig.general_allocation),
              ("three_public", fig.three_public))
    for group, items in groups:
        for item in items:
            yield Compared(at("prior", group, item.key), item.label, item.change, item.reason)
    for item in fig.general_items:
        yield Compared(at("prior", "items", item.code), f"{item.code} {item.item_name}", item.change, item.reason)
    rc = fig.running_costs
    yield Compared(at("prior", "running_costs"), rc.label, rc.change, rc.reason)


@check("reason-missing", Level.ERROR, "比上年有增减，但没有写明变动原因")
def reasons_missing(ctx: CheckContext) -> Iterator[Problem]:
    """The document says 主要原因是… after every change; an empty reason cannot be printed (where the set says so)."""
    if not ctx.template.rules.change_reasons_required:
        return
    for item in compared_figures(ctx):
        if item.change.direction is not Direction.SAME and not item.reason:
            ch = item.change
            yield ctx.problem(
                reasons_missing, item.path,
                f"「{item.label}」本年 {wan(ch.current)}，上年 {wan(ch.previous)}，{ch.amount_word} {ch.amount:.2f} 万元；"
                f"请在「{'.'.join(map(str, item.reason_path))}」写明主要原因",
            )


@check("reason-prefix", Level.ERROR, "变动原因以“主要原因是”开头，印出来会重复")
def reason_prefix(ctx: CheckContext) -> Iterator[Problem]:
    """Templates already print 主要原因是：; a reason that repeats it reads 主要原因是：主要原因是."""
    for item in compared_figures(ctx):
        if item.reason and item.reason.lstrip().startswith(("主要原因", "原因是", "原因：")):
            yield ctx.problem(reason_prefix, item.reason_path, f"「{item.reason}」：请删去开头的“主要原因是”，文中会自动加上")


@check("reason-contradicts", Level.WARNING, "变动原因与金额变动方向不符（未变动却说增减，或有增减却说持平）")
def reason_contradicts(ctx: CheckContext) -> Iterator[Problem]:
    """A reason that speaks only of a change for a figure that did not change, or the other way round.

    A reason that also says what the figure did ("提高公车利用率…与上年持平") is not a contradiction.
    """
    for item in compared_figures(ctx):
        if not item.reason:
            continue
        speaks_of_change = bool(_CHANGE_WORDS.search(item.reason))
        speaks_of_none = bool(_SAME_WORDS.search(item.reason))
        if item.change.direction is Direction.SAME and speaks_of_change and not speaks_of_none:
            yield ctx.problem(
                reason_contradicts, item.reason_path,
                f"「{item.label}」与上年相同（{wan(item.change.current)}），原因却写「{item.reason}」；请确认金额或原因",
            )
        elif item.change.direction is not Direction.SAME and speaks_of_none and not speaks_of_change:
            yield ctx.problem(
                reason_contradicts, item.reason_path,
                f"「{item.label}」比上年{item.change.amount_word} {item.change.amount:.2f} 万元，原因却写「{item.reason}」；请确认",
            )


@check("repeated-phrase", Level.WARNING, "文字中有紧挨着重复的词句")
def repeated_phrases(ctx: CheckContext) -> Iterator[Problem]:
    """Catches typing slips such as 主要原因是：主要原因是."""
    for path, text in _texts(ctx):
        match = _REPEATED.search(text)
        if match:
            yield ctx.problem(repeated_phrases, path, f"「{match.group(1)}」连续出现两次：{text[:60]}")


def _texts(ctx: CheckContext) -> Iterator[tuple[tuple, str]]:
    for item in compared_figures(ctx):
        if item.reason:
            yield item.reason_path, item.reason
    for i, project in enumerate(ctx.data.projects):
        if project.basis:
            yield at("projects", i, "basis"), project.basis
        if isinstance(project.allocation, str):
            yield at("projects", i, "allocation"), project.allocation
        if project.performance:
            target = project.performance
            for field, text in (("goal", target.goal), ("content", target.content), ("outcome", target.outcome)):
                if text:
                    yield at("projects", i, "performance", field), text


@check("prior-items-total", Level.WARNING, "上年各功能分类项之和与上年一般公共预算当年拨款总数不符")
def prior_items_total(ctx: CheckContext) -> Iterator[Problem]:
    """Item changes reconcile with the total's change only if last year's items add up to last year's total."""
    prior = ctx.data.prior
    if not prior.items:
        return
    items = round_half_up(sum((c.previous for c in prior.items.values()), ZERO))
    allocation = prior.general_allocation
    total = round_half_up(allocation.basic.previous + allocation.project.previous)
    if items != total:
        yield ctx.problem(
            prior_items_total, at("prior", "items"),
            f"上年各项合计 {wan(items)}，而上年一般公共预算当年拨款 基本支出 {allocation.basic.previous:.2f} + 项目支出 "
            f"{allocation.project.previous:.2f} = {wan(total)}{gap(items, total)}；说明五中各项增减之和将与总额增减不一致",
        )
