"""The expenditure ledger: every amount of the budget as one line (项, basic/project, source)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import Enum

from ..model import DisclosureInput, Source


class Nature(str, Enum):
    """Basic (基本支出) or project (项目支出) spending."""

    BASIC = "basic"
    PROJECT = "project"


@dataclass(frozen=True)
class Line:
    """One amount of expenditure, exact (not rounded), in 万元."""

    code: str  # 7-digit 功能分类 项
    nature: Nature
    source: Source
    amount: Decimal
    project: str | None = None  # the project's name, for project lines


def build_ledger(data: DisclosureInput) -> tuple[Line, ...]:
    """All expenditure lines: basic lines in input order, then each project's lines."""
    lines = [
        Line(code, Nature.BASIC, source, amount)
        for code, by_source in data.basic.items()
        for source, amount in by_source.items()
    ]
    lines += [
        Line(p.function_code, Nature.PROJECT, source, amount, p.name)
        for p in data.projects
        for source, amount in p.sources.items()
    ]
    return tuple(lines)
