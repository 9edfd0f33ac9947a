"""Input model of income, line for line as 表 1 部门收支总体情况表 lists it."""

from __future__ import annotations

from pydantic import Field

from ..money import ZERO
from .common import Amount, InputModel


class GeneralIncome(InputModel):
    """1. 一般公共预算拨款."""

    own: Amount = Field(ZERO, alias="一般财力", title="一般财力（本级）")
    transfer: Amount = Field(ZERO, alias="上级转移支付", title="上级一般公共预算安排转移支付")


class FundIncome(InputModel):
    """2. 基金预算拨款."""

    own: Amount = Field(ZERO, alias="政府性基金收入", title="政府性基金收入")
    transfer: Amount = Field(ZERO, alias="上级转移支付", title="上级政府性基金安排转移支付")


class CapitalIncome(InputModel):
    """3. 国有资本经营预算拨款."""

    own: Amount = Field(ZERO, alias="国有资本经营收入", title="国有资本经营收入")
    transfer: Amount = Field(ZERO, alias="上级转移支付", title="上级国有资本经营预算安排转移支付")


class UnitFundsIncome(InputModel):
    """5. 单位资金 and its five kinds."""

    operations: Amount = Field(ZERO, alias="事业收入", title="事业收入")
    grants_from_above: Amount = Field(ZERO, alias="上级补助收入", title="上级补助收入")
    from_subsidiaries: Amount = Field(ZERO, alias="附属单位上缴收入", title="附属单位上缴收入")
    business: Amount = Field(ZERO, alias="事业单位经营收入", title="事业单位经营收入")
    other: Amount = Field(ZERO, alias="其他收入", title="其他收入")


class FiscalCarryover(InputModel):
    """二、1. 财政拨款结转, by budget kind."""

    general: Amount = Field(ZERO, alias="一般公共预算", title="一般公共预算拨款结转")
    fund: Amount = Field(ZERO, alias="政府性基金预算", title="基金预算拨款结转")
    capital: Amount = Field(ZERO, alias="国有资本经营预算", title="国有资本经营预算拨款结转")


class OtherCarryover(InputModel):
    """二、2. 非财政拨款结转结余."""

    special_account: Amount = Field(ZERO, alias="财政专户", title="财政专户核拨结转结余")
    unit_funds: Amount = Field(ZERO, alias="单位资金", title="单位资金结转结余")


class CarryoverIncome(InputModel):
    """二、上年结转结余."""

    fiscal: FiscalCarryover = Field(default_factory=FiscalCarryover, alias="财政拨款结转")
    other: OtherCarryover = Field(default_factory=OtherCarryover, alias="非财政拨款结转结余")


class Income(InputModel):
    """The income side of 表 1; every line defaults to 0."""

    general: GeneralIncome = Field(default_factory=GeneralIncome, alias="一般公共预算")
    fund: FundIncome = Field(default_factory=FundIncome, alias="政府性基金预算")
    capital: CapitalIncome = Field(default_factory=CapitalIncome, alias="国有资本经营预算")
    special_account: Amount = Field(ZERO, alias="财政专户核拨", title="财政专户核拨")
    unit_funds: UnitFundsIncome = Field(default_factory=UnitFundsIncome, alias="单位资金")
    carryover: CarryoverIncome = Field(default_factory=CarryoverIncome, alias="上年结转结余")
