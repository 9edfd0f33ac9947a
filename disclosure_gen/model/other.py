"""Input model of 三公 and the other matters of section 十一: procurement, assets, notes."""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field, WithJsonSchema

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
    """车辆 by category: the first two and 其他车辆 are always printed, the others where given."""

    official: CountAndValue = Field(default_factory=CountAndValue, alias="一般公务用车")
    enforcement: CountAndValue = Field(default_factory=CountAndValue, alias="执法执勤用车")
    leaders: CountAndValue | None = Field(None, alias="领导干部用车", title="领导干部用车（填写了才印）")
    special: CountAndValue | None = Field(None, alias="特种专业技术用车", title="特种专业技术用车（填写了才印）")
    other: CountAndValue = Field(default_factory=CountAndValue, alias="其他车辆", title="其他车辆")

    def categories(self) -> tuple[tuple[str, CountAndValue], ...]:
        """Each category as printed, in order: the always-printed ones and those given."""
        fields = type(self).model_fields
        given = ((fields[name].alias, getattr(self, name)) for name in fields)
        return tuple((label, kind) for label, kind in given if kind is not None)


_THRESHOLD = re.compile(r"(\d{1,6})万元以上")
THRESHOLD_RULE = "写作「50万元以上」「100万元以上」「200万元以上」等"


def _threshold_key(key: Any) -> Any:
    if not isinstance(key, str) or _THRESHOLD.fullmatch(key) is None:
        raise ValueError(f"「{key}」不是设备价值档次；{THRESHOLD_RULE}")
    return key


def threshold_key(threshold: int) -> str:
    """The input key of a value threshold in 万元: 50 → 50万元以上."""
    return f"{threshold}万元以上"


def threshold_of(key: str) -> int:
    """The value threshold in 万元 of an input key: 50万元以上 → 50."""
    match = _THRESHOLD.fullmatch(key)
    assert match is not None  # keys are validated by LargeEquipment
    return int(match.group(1))


LargeEquipment = Annotated[
    dict[Annotated[str, AfterValidator(_threshold_key)], Annotated[int, Field(ge=0)]],
    WithJsonSchema({
        "type": "object", "propertyNames": {"pattern": r"^\d{1,6}万元以上$"},
        "additionalProperties": {"type": "integer", "minimum": 0},
    }),
]
"""Counts of large equipment by unit value, keyed 50万元以上 etc. (the 100 万 count is part of the 50 万 one)."""


class PlannedPurchases(InputModel):
    """What this year's budget buys: vehicles and large equipment."""

    vehicles: CountAndValue = Field(default_factory=CountAndValue, alias="车辆")
    equipment: LargeEquipment = Field(
        default_factory=dict, alias="大型设备", title="大型设备",
        description="键为价值档次（如 50万元以上），值为单位价值在该档次以上的台（套）数，如 {50万元以上: 2, 100万元以上: 0}；印哪些档次由模板规定（rules.equipment_thresholds）",
    )


class Assets(InputModel):
    """国有资产占用使用情况 at the end of last year."""

    buildings: Buildings = Field(default_factory=Buildings, alias="房屋")
    vehicles: Vehicles = Field(default_factory=Vehicles, alias="车辆")
    furniture: Amount = Field(ZERO, alias="办公家具价值")
    other: Amount = Field(ZERO, alias="其他资产价值")
    equipment: LargeEquipment = Field(
        default_factory=dict, alias="大型设备", title="大型设备",
        description="键为价值档次（如 50万元以上），值为单位价值在该档次以上的台（套）数，如 {50万元以上: 2, 100万元以上: 0}；印哪些档次由模板规定（rules.equipment_thresholds）",
    )
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
