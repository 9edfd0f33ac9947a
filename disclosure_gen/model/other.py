"""Input model of 三公 and the other matters of section 十一: procurement, assets, notes."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BeforeValidator, Field

from ..money import ZERO
from .common import Amount, Area, BudgetKind, InputModel, OptionalText, Paragraphs, Text


def _by_kind(value: Any) -> Any:
    """A bare amount means 一般公共预算 money."""
    if isinstance(value, dict):
        return value
    return {BudgetKind.GENERAL.value: value}


KindAmounts = Annotated[dict[BudgetKind, Amount], BeforeValidator(_by_kind)]


class ThreePublic(InputModel):
    """This year's 财政拨款 三公 items, each by budget kind (a bare amount is 一般公共预算)."""

    overseas: KindAmounts = Field(default_factory=dict, alias="因公出国（境）费")
    reception: KindAmounts = Field(default_factory=dict, alias="公务接待费")
    vehicle_purchase: KindAmounts = Field(default_factory=dict, alias="公务用车购置费")
    vehicle_running: KindAmounts = Field(default_factory=dict, alias="公务用车运行费")


class Procurement(InputModel):
    """政府采购 budget and the amounts reserved for small firms."""

    goods: Amount = Field(ZERO, alias="货物", title="政府采购货物预算")
    works: Amount = Field(ZERO, alias="工程", title="政府采购工程预算")
    services: Amount = Field(ZERO, alias="服务", title="政府采购服务预算")
    sme_reserved: Amount = Field(ZERO, alias="面向中小企业预留", title="面向中小企业预留金额")
    small_micro_reserved: Amount = Field(ZERO, alias="面向小微企业预留", title="其中面向小微企业预留金额")


class CountAndValue(InputModel):
    """A number of things and what they are worth."""

    count: int = Field(0, alias="数量", ge=0)
    value: Amount = Field(ZERO, alias="价值")


class Buildings(InputModel):
    """房屋: floor area and value."""

    area: Area = Field(ZERO, alias="面积", title="面积（平方米）")
    value: Amount = Field(ZERO, alias="价值")


class Vehicles(InputModel):
    """车辆 by kind."""

    official: CountAndValue = Field(default_factory=CountAndValue, alias="一般公务用车")
    enforcement: CountAndValue = Field(default_factory=CountAndValue, alias="执法执勤用车")
    other: CountAndValue = Field(default_factory=CountAndValue, alias="其他车辆")


class LargeEquipment(InputModel):
    """Counts of large equipment by unit value (the 100 万 count is part of the 50 万 one)."""

    over_50: int = Field(0, alias="50万元以上", ge=0)
    over_100: int = Field(0, alias="100万元以上", ge=0)


class PlannedPurchases(InputModel):
    """What this year's budget buys: vehicles and large equipment."""

    vehicles: CountAndValue = Field(default_factory=CountAndValue, alias="车辆")
    equipment: LargeEquipment = Field(default_factory=LargeEquipment, alias="大型设备")


class Assets(InputModel):
    """国有资产占用使用情况 at the end of last year."""

    buildings: Buildings = Field(default_factory=Buildings, alias="房屋")
    vehicles: Vehicles = Field(default_factory=Vehicles, alias="车辆")
    furniture: Amount = Field(ZERO, alias="办公家具价值")
    other: Amount = Field(ZERO, alias="其他资产价值")
    equipment: LargeEquipment = Field(default_factory=LargeEquipment, alias="大型设备")
    planned: PlannedPurchases = Field(default_factory=PlannedPurchases, alias="本年购置")


class OtherMatters(InputModel):
    """第三部分 十一、其他重要事项."""

    running_costs_scope: OptionalText = Field(
        "本级", alias="机关运行经费范围", title="机关运行经费范围",
        description="如：本级及下属的 8 个科室及 5 个下属事业单位；可为空（句中不写范围，如昌吉 2024 年公开件）",
    )
    procurement: Procurement = Field(default_factory=Procurement, alias="政府采购")
    assets: Assets = Field(default_factory=Assets, alias="国有资产")
    notes: Paragraphs | None = Field(
        None, alias="其他说明", title="其他需说明的事项", description="不填时由模板决定（2023 年格式印“无其他需要说明的事项。”）",
    )
