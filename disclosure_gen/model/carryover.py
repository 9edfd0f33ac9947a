"""Input model of 上年结转结余明细: each carried-over item, its money by kind and its use (表 11)."""

from __future__ import annotations

from decimal import Decimal

from pydantic import Field

from ..money import ZERO
from .common import Amount, InputModel, Text


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
