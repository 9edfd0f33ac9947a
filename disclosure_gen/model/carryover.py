"""Input model of 上年结转结余明细: each carried-over item, its money by kind and its use (表 11)."""

from __future__ import annotations

from decimal import Decimal
from enum import Enum

from pydantic import Field, model_validator

from ..money import ZERO
from .common import Amount, FunctionCode, InputModel, Text


class Origin(str, Enum):
    """Which level of government gave the money that was carried over."""

    UPPER = "上级"
    OWN = "本级"


class CarryoverSpending(InputModel):
    """How one kind of carried-over money is spent: 基本支出 (人员经费, 公用经费) and 项目支出."""

    personnel: Amount = Field(ZERO, alias="人员经费", title="基本支出：人员经费")
    public: Amount = Field(ZERO, alias="公用经费", title="基本支出：公用经费")
    project: Amount = Field(ZERO, alias="项目支出", title="项目支出")

    @property
    def basic(self) -> Decimal:
        """人员经费 + 公用经费."""
        return self.personnel + self.public

    @property
    def total(self) -> Decimal:
        """基本支出 + 项目支出."""
        return self.basic + self.project


class CarryoverItem(InputModel):
    """One carried-over item of 表 11 and section 十一 (2024 format)."""

    name: Text = Field(alias="名称", max_length=200, title="结转结余事项名称")
    use: Text = Field(alias="用途", title="资金用途", description="如：用于支付 2023 年未完工的办公楼维修工程尾款")
    fiscal: CarryoverSpending = Field(default_factory=CarryoverSpending, alias="财政拨款", title="财政拨款结转")
    other: CarryoverSpending = Field(default_factory=CarryoverSpending, alias="非财政拨款", title="非财政拨款结转结余")
    function_code: FunctionCode | None = Field(
        None, alias="科目", title="项目支出的功能分类科目（项）",
        description="有项目支出的结转事项，写明在哪个 7 位功能分类项下安排（如 2299999）；写了就不必再在「项目」中录入",
    )
    origin: Origin = Field(
        Origin.OWN, alias="来源", title="结转资金的来源",
        description="上级 或 本级（默认）：部门整体绩效目标表的「上级安排」「本级安排」按此分列财政拨款结转",
    )

    @property
    def project(self) -> Decimal:
        """项目支出 carried over, 财政拨款 and 非财政拨款 together."""
        return self.fiscal.project + self.other.project

    @model_validator(mode="after")
    def _code_only_for_project_money(self) -> "CarryoverItem":
        if self.function_code is not None and self.project == ZERO:
            raise ValueError(f"结转事项「{self.name}」没有项目支出，不需要「科目」（基本支出结转在「基本支出」中按科目录入）")
        return self
