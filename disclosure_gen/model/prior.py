"""Input model of last year's figures and the stated reason for each change."""

from __future__ import annotations

from pydantic import Field

from ..money import ZERO
from .common import Amount, FunctionCode, InputModel, Text


class Comparison(InputModel):
    """Last year's budget figure and the reason this year's differs."""

    previous: Amount = Field(ZERO, alias="上年", title="上年预算数")
    reason: Text | None = Field(
        None, alias="原因", title="变动原因",
        description="不要以“主要原因是”开头，文中会自动加上",
    )


class IncomeComparisons(InputModel):
    """Last year's income by the kinds section 二 explains."""

    general: Comparison = Field(default_factory=Comparison, alias="一般公共预算")
    general_transfer: Comparison = Field(default_factory=Comparison, alias="上级一般公共预算转移支付")
    fund: Comparison = Field(default_factory=Comparison, alias="政府性基金预算")
    fund_transfer: Comparison = Field(default_factory=Comparison, alias="上级政府性基金转移支付")
    capital: Comparison = Field(default_factory=Comparison, alias="国有资本经营预算")
    capital_transfer: Comparison = Field(default_factory=Comparison, alias="上级国有资本经营预算转移支付")
    special_account: Comparison = Field(default_factory=Comparison, alias="财政专户")
    unit_funds: Comparison = Field(default_factory=Comparison, alias="单位资金")
    fiscal_carryover: Comparison = Field(default_factory=Comparison, alias="财政拨款结转")
    other_carryover: Comparison = Field(default_factory=Comparison, alias="非财政拨款结转结余")


class SpendingComparisons(InputModel):
    """Last year's 基本支出 and 项目支出."""

    basic: Comparison = Field(default_factory=Comparison, alias="基本支出")
    project: Comparison = Field(default_factory=Comparison, alias="项目支出")


class ThreePublicComparisons(InputModel):
    """Last year's 三公 items."""

    overseas: Comparison = Field(default_factory=Comparison, alias="因公出国（境）费")
    reception: Comparison = Field(default_factory=Comparison, alias="公务接待费")
    vehicle_purchase: Comparison = Field(default_factory=Comparison, alias="公务用车购置费")
    vehicle_running: Comparison = Field(default_factory=Comparison, alias="公务用车运行费")


class PriorYear(InputModel):
    """Every 比上年 figure the disclosure prints needs last year's amount and a reason."""

    income: IncomeComparisons = Field(default_factory=IncomeComparisons, alias="收入", title="收入（说明二）")
    spending: SpendingComparisons = Field(
        default_factory=SpendingComparisons, alias="支出", title="支出（说明三，含结转）"
    )
    general_allocation: SpendingComparisons = Field(
        default_factory=SpendingComparisons, alias="一般公共预算当年拨款", title="一般公共预算当年拨款（说明五）"
    )
    items: dict[FunctionCode, Comparison] = Field(
        default_factory=dict, alias="功能分类项", title="功能分类项（说明五）",
        description="一般公共预算当年拨款各项的上年数和原因；本年为 0 但上年有的项也要列出",
    )
    three_public: ThreePublicComparisons = Field(
        default_factory=ThreePublicComparisons, alias="三公经费", title="“三公”经费（说明十）"
    )
    running_costs: Comparison = Field(default_factory=Comparison, alias="机关运行经费", title="机关运行经费")
