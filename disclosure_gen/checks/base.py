"""What every check sees and gives back: the context, and a way to report a located problem."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from ..catalogue import Catalogue
from ..derive import Figures
from ..derive.ledger import Line
from ..model import DisclosureInput
from ..model.paths import Step, key_path
from ..money import Unit, round_half_up
from ..problems import Level, Problem
from ..templateset import TemplateSet
from ..yamlsource import SourceMap


@dataclass(frozen=True)
class CheckContext:
    """The validated input, where its fields are, and what was derived from it."""

    data: DisclosureInput
    source: SourceMap
    template: TemplateSet
    names: Catalogue
    ledger: tuple[Line, ...]
    figures: Figures

    def problem(self, check: "Check", path: tuple, message: str, level: Level | None = None) -> Problem:
        """A problem of `check` at the field `path` (written with the YAML keys)."""
        return Problem(check.id, level or check.level, self.source.locate(path), message)


def at(*steps: Step) -> tuple[Step, ...]:
    """The YAML key path of a field of the input, from the model's aliases: at("income", "special_account") is ("收入", "财政专户核拨")."""
    return key_path(DisclosureInput, *steps)


@dataclass(frozen=True)
class Check:
    """A named check: its id, its level, what it guards against, and the function that runs it.

    A `per_unit` check compares a budget's own money (income with spending, 基本支出 with its 经济分类):
    for a department of several units it runs on each unit, where the money is written, not on their sum.
    """

    id: str
    level: Level
    summary: str
    run: Callable[[CheckContext], Iterator[Problem]]
    per_unit: bool = False


def wan(amount: Decimal) -> str:
    """An amount for a message: 1159.04 万元."""
    return f"{amount:.2f} 万元"


def gap(left: Decimal, right: Decimal) -> str:
    """How far apart two amounts are: （差 5.00）."""
    return f"（差 {abs(left - right):.2f}）"


CENT = Decimal("0.01")


def mismatch_advice(ctx: CheckContext, left: Decimal, right: Decimal, parts: int, otherwise: str) -> str:
    """What to do about two amounts that differ: a rounding tail when typed from a 万元 document, else `otherwise`.

    Typed from a published 万元 document, every summed part can be a cent off the 元 figure it was
    rounded from; a gap no larger than that is the document's tail, not the department's mistake.
    """
    if ctx.data.unit is Unit.WAN and abs(round_half_up(left) - round_half_up(right)) <= CENT * max(parts, 1):
        return (
            f"相差不超过每个相加分项 0.01 万元（{max(parts, 1)} 项），多半是公开件四舍五入到万元留下的尾差："
            "把金额按预算系统的元录入（「单位: 元」）即可消除，工具会印出与公开件一致的合计并注明尾差"
        )
    return otherwise
