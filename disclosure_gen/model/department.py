"""Input model of the department itself: identity, functions, organisation and staff."""

from __future__ import annotations

import datetime as dt

from pydantic import Field, model_validator

from .common import InputModel, Paragraphs, Text


class Department(InputModel):
    """Who publishes the disclosure, for which year, and when."""

    name: Text = Field(alias="名称", title="部门名称", description="部门全称，如：中国共产党昌吉市委员会办公室")
    code: str | None = Field(None, alias="编码", title="部门编码", description="预算系统中的部门编码（可选）")
    year: int = Field(alias="年度", ge=2000, le=2100, title="预算年度", description="如 2023")
    published_on: dt.date = Field(alias="公开日期", title="公开日期", description="如 2023-02-10")
    template: str | None = Field(
        None, alias="模板", title="模板", description="公开格式模板名，不填则按年度选用默认模板"
    )


class Headcount(InputModel):
    """One kind of staff this year and last year."""

    current: int = Field(alias="本年", ge=0, title="本年人数")
    previous: int = Field(alias="上年", ge=0, title="上年人数")


class Staffing(InputModel):
    """编制数 and 实有人数 with 在职 / 退休 / 离休 against last year."""

    authorised: int | None = Field(None, alias="编制数", ge=0, title="编制数")
    actual: int | None = Field(
        None, alias="实有人数", ge=0, title="实有人数",
        description="不填则为 在职 + 退休 + 离休；填写时按模板规则核对",
    )
    serving: Headcount | None = Field(None, alias="在职", title="在职人数")
    retired: Headcount | None = Field(None, alias="退休", title="退休人数")
    veteran_retired: Headcount | None = Field(None, alias="离休", title="离休人数")
    text: Paragraphs | None = Field(
        None, alias="说明", title="人员编制情况（文字）",
        description="人员编制、领导职数等的一段文字，如：行政编制 10 名，事业编制 5 名；领导职数 3 名。可与人数同时填写，或只填这段文字（格式不要求人数时）",
    )


class Organisation(InputModel):
    """Sub-units and internal divisions."""

    sub_units: list[Text] = Field(
        default_factory=list, alias="下属单位",
        title="下属预算单位", description="纳入部门预算的二级预算单位名称，没有则不填",
    )
    admin_units: int | None = Field(None, alias="行政单位数", ge=0, title="行政单位数")
    public_institutions: int | None = Field(None, alias="事业单位数", ge=0, title="事业单位数")
    division_word: Text = Field("处室", alias="内设机构称谓", title="内设机构称谓", description="如 处室、科室、处室局")
    divisions: list[Text] = Field(default_factory=list, alias="内设机构", title="内设机构名称")


class Overview(InputModel):
    """第一部分 部门概况."""

    functions: list[Text] = Field(alias="主要职能", min_length=1, title="主要职能", description="每条职能一项")
    organisation: Organisation | None = Field(None, alias="机构设置", title="机构设置")
    staffing: Staffing | None = Field(None, alias="人员情况", title="人员情况")
    withheld_statement: Paragraphs | None = Field(
        None, alias="不予公开说明", title="不予公开说明",
        description="机构和人员情况不宜公开时填写的说明，此时不填 机构设置 和 人员情况",
    )

    @model_validator(mode="after")
    def _statement_instead_of_organisation(self) -> "Overview":
        """Which of them a set requires is its rule (set.yaml requires); both at once contradict each other."""
        if self.withheld_statement is not None and (self.organisation or self.staffing):
            raise ValueError("填写了 不予公开说明，就不要再填 机构设置 或 人员情况")
        return self
