"""Input model of the 部门整体绩效目标表: contact, the year's goal and the indicator rows."""

from __future__ import annotations

from decimal import Decimal

from pydantic import Field

from .common import Amount, InputModel, Text


class DepartmentIndicator(InputModel):
    """One 三级指标 row of the department's overall performance table."""

    first_level: Text = Field(alias="一级指标", title="一级指标", description="如：产出指标、效益指标、满意度指标")
    second_level: Text = Field(alias="二级指标", title="二级指标", description="如：数量指标、社会效益指标")
    name: Text = Field(alias="三级指标", title="三级指标")
    target: Text = Field(alias="指标值", title="指标值", description="如 ≥12 次、≥95%")
    basis: Text | None = Field(None, alias="设定依据", title="指标设定依据", description="如：计划标准、行业标准、历史标准")
    weight: Decimal | None = Field(None, alias="分值权重", ge=0, le=100, title="分值权重", json_schema_extra={"x-kind": "数字"})


class Task(InputModel):
    """One task of the department's task list (部门整体绩效目标表's 任务名称 / 主要内容 / 金额)."""

    name: Text = Field(alias="任务名称", max_length=200, title="任务名称")
    content: Text | None = Field(None, alias="主要内容", title="主要内容")
    amount: Amount | None = Field(None, alias="金额", title="金额")


class DepartmentPerformance(InputModel):
    """部门整体绩效目标 (2024 format): the funding by source is derived from the budget."""

    contact: Text | None = Field(None, alias="联系人", title="联系人")
    phone: Text | None = Field(None, alias="联系电话", max_length=40, title="联系电话")
    goal: Text = Field(alias="年度目标", title="年度总体目标")
    indicators: list[DepartmentIndicator] = Field(alias="指标", min_length=1, title="绩效指标")
    tasks: list[Task] = Field(
        default_factory=list, alias="任务", title="部门任务清单", description="部门整体的任务：任务名称、主要内容、金额（印任务清单的格式才填）",
    )
    key_work: Text | None = Field(None, alias="年度重点工作", title="年度重点工作", description="一段文字（印在表格的一格中，写成一行）")
