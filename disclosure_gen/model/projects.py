"""Input model of projects: money, description, allocation and performance targets."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pydantic import Field, model_validator

from .common import Amount, EconomicClassCode, FunctionCode, InputModel, SourcedAmounts, Text
from .paths import key_path


class Indicator(InputModel):
    """One 三级指标 row of a performance-target table."""

    second_level: Text = Field(
        alias="二级指标", title="二级指标",
        description="模板指标体系中的二级指标，如 数量指标、经济成本指标、满意度指标（昌吉格式）；可用的见模板的 performance_form",
    )
    name: Text = Field(alias="三级指标", title="三级指标")
    target: Text = Field(alias="指标值", title="指标值", description="如 ≥12 次、≥95%、≤0.4 万元")
    interim_target: Text | None = Field(
        None, alias="阶段性指标值", title="阶段性指标值", description="年度中某一阶段应达到的值，印在年度指标值旁的格式才填",
    )
    basis: Text | None = Field(None, alias="设置依据", title="指标值设置依据", description="如 历史标准、计划标准、预算支出标准")
    last_result: Text = Field("——", alias="上年完成值", title="上年完成值")
    weight: Decimal | None = Field(
        None, alias="分值权重", ge=0, le=100, title="指标分值权重", json_schema_extra={"x-kind": "数字"}
    )
    scoring: Text | None = Field(None, alias="赋分规则", title="指标赋分规则")
    evidence: Text | None = Field(None, alias="佐证资料", title="佐证资料")


class PerformanceTarget(InputModel):
    """The 项目支出绩效目标表 of one project."""

    manager: Text | None = Field(None, alias="项目负责人", title="项目负责人")
    goal: Text | None = Field(
        None, alias="总体目标", title="项目总体目标",
        description="部门自己写的项目总体目标，照录；不填则由模板用用途、主要内容、预期效果和完成日期组成一句",
    )
    purpose: Text | None = Field(None, alias="用途", title="资金用途", description="“本项目拟投入 X 万元用于……”；不填则用项目名称")
    content: Text | None = Field(None, alias="主要内容", title="主要建设内容", description="不填「总体目标」时必填")
    outcome: Text | None = Field(
        None, alias="预期效果", title="预期效果", description="“通过本项目的实施……”之后的文字；不填「总体目标」时必填",
    )
    indicators: list[Indicator] = Field(alias="指标", min_length=1, title="绩效指标")

    @model_validator(mode="after")
    def _goal_given(self) -> "PerformanceTarget":
        """The 项目总体目标 is either the department's own text or the parts of the template's sentence."""
        if self.goal is None:
            missing = [key_path(type(self), field)[0] for field in ("content", "outcome") if getattr(self, field) is None]
            if missing:
                raise ValueError(f"绩效目标没有填写「总体目标」，须填写「{'」「'.join(missing)}」以组成项目总体目标")
        return self


class AllocationItem(InputModel):
    """One line of a project's 资金分配情况."""

    use: Text = Field(alias="用途", title="用途")
    amount: Amount = Field(alias="金额", title="金额")


class Period(InputModel):
    """资金执行时间."""

    start: dt.date = Field(alias="开始", title="开始日期")
    end: dt.date = Field(alias="结束", title="结束日期")

    @model_validator(mode="after")
    def _in_order(self) -> "Period":
        if self.end < self.start:
            raise ValueError("结束日期早于开始日期")
        return self


class ParentProject(InputModel):
    """A 一级项目 with its own 绩效目标: its 二级项目 name it in their 「一级项目」."""

    name: Text = Field(alias="名称", max_length=200, title="一级项目名称", description="二级项目的「一级项目」写这个名称")
    performance: PerformanceTarget | None = Field(
        None, alias="绩效目标", title="一级项目绩效目标", description="印在它的二级项目的绩效目标表之前；资金为其二级项目之和",
    )


class Project(InputModel):
    """A project (项目支出): its money by source and economic class, and its description."""

    name: Text = Field(alias="名称", max_length=200, title="项目名称")
    function_code: FunctionCode = Field(alias="科目", title="功能分类科目（项）", description="7 位编码，如 2013199")
    sources: SourcedAmounts = Field(
        alias="资金来源", title="资金来源",
        description="按来源列金额；只写一个数字即为一般公共预算（本级）资金",
    )
    economic: dict[EconomicClassCode, Amount] = Field(
        alias="经济分类", title="经济分类（类）", description="按经济分类类（如 302）列金额，合计应等于项目金额"
    )
    basis: Text | None = Field(None, alias="政策依据", title="设立的政策依据", description="模板要求时必填（昌吉格式：涉密项目以外必填，涉密项目文中印“完全不予公开”）")
    unit: Text = Field(alias="承担单位", title="项目承担单位")
    allocation: list[AllocationItem] | Text | None = Field(
        None, alias="资金分配", title="资金分配情况",
        description="逐项列出用途和金额（会核对合计）；无法逐项列出时写一段文字；模板要求时必填（昌吉格式：涉密项目以外必填）",
    )
    allocation_note: Text | None = Field(None, alias="资金分配补充说明", title="资金分配补充说明")
    period: Period | None = Field(None, alias="执行期", title="资金执行时间", description="模板要求时必填（昌吉格式：涉密项目以外必填）")
    kind: Text | None = Field(None, alias="项目类型", max_length=60, title="项目类型", description="如 其他运转类、特定目标类")
    parent: Text | None = Field(
        None, alias="一级项目", max_length=200, title="所属一级项目", description="本项目（二级项目）所属的一级项目名称",
    )
    assessed: bool = Field(False, alias="事前绩效评估", title="已开展事前绩效评估", description="本项目开展了事前绩效评估时写 true")
    assessed_amount: Amount | None = Field(
        None, alias="事前绩效评估金额", title="事前绩效评估涉及金额", description="不填则为项目预算安排规模（资金来源合计）",
    )
    secret: bool = Field(False, alias="涉密", title="涉密项目")
    cover_name: Text | None = Field(
        None, alias="代号", max_length=60, title="涉密项目代号",
        description="涉密项目在公开文件中使用的名称；不填则为“涉密项目一”“涉密项目二”……",
    )
    performance: PerformanceTarget | None = Field(None, alias="绩效目标", title="项目支出绩效目标")

    @model_validator(mode="after")
    def _amount_of_an_assessment(self) -> "Project":
        if self.assessed_amount is not None and not self.assessed:
            raise ValueError(f"项目「{self.name}」填写了「事前绩效评估金额」，却没有写「事前绩效评估: true」")
        return self
