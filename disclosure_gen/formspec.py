"""The 项目支出绩效目标表 of a template set as data: header cells, indicator columns, framework and title."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, model_validator

from .tablespec import CellKindName, header_widths

# A form's header cell may print one of these (amounts are set like an amount column)
HeaderField = Literal["部门", "项目名称", "项目负责人", "年度预算总额", "财政拨款", "其他资金", "项目总体目标"]
AMOUNT_FIELDS = frozenset({"年度预算总额", "财政拨款", "其他资金"})
# A form's body columns print these fields of an indicator
ColumnField = Literal["一级指标", "二级指标", "三级指标", "指标值", "阶段性指标值", "设置依据", "上年完成值", "分值权重", "赋分规则", "佐证资料"]
MERGED_FIELDS = ("一级指标", "二级指标")  # runs of equal text merge vertically


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _cell_from_text(value: Any) -> Any:
    """A bare string in a header row is a one-by-one literal cell."""
    return {"text": value} if isinstance(value, str) else value


class FormCell(_Strict):
    """A header cell of a form: literal `text`, or the value of a named `field`; spans `cols` columns, `rows` rows."""

    text: str | None = None
    field: HeaderField | None = None
    cols: int = 1
    rows: int = 1

    @model_validator(mode="after")
    def _text_or_field(self) -> "FormCell":
        if (self.text is None) == (self.field is None):
            raise ValueError("表头的一格写 text（照印的文字）或 field（表的一项内容），二者只写一个")
        return self


class Category(_Strict):
    """One 一级指标 of an indicator framework and its 二级指标, in printed order."""

    first: str
    second: tuple[str, ...]


class ProjectForm(_Strict):
    """The 项目支出绩效目标表: title, header rows above the indicators, indicator columns and framework."""

    title: str
    header: tuple[tuple[Annotated[FormCell, BeforeValidator(_cell_from_text)], ...], ...]
    columns: tuple[ColumnField, ...]
    kinds: tuple[CellKindName, ...]
    widths: tuple[float, ...]
    font_size: Literal["table", "small"] = "small"
    framework: tuple[Category, ...]

    @model_validator(mode="after")
    def _consistent(self) -> "ProjectForm":
        if not len(self.columns) == len(self.kinds) == len(self.widths):
            raise ValueError(f"columns 有 {len(self.columns)} 列，kinds 有 {len(self.kinds)} 列，widths 有 {len(self.widths)} 列，应当相同")
        widths = header_widths(self.header)
        if any(w != len(self.columns) for w in widths):
            raise ValueError(f"表头各行覆盖的列数 {widths} 与 columns 的 {len(self.columns)} 列不符")
        repeated = sorted({c for c in self.columns if self.columns.count(c) > 1})
        if repeated:
            raise ValueError(f"columns 中 {'、'.join(repeated)} 写了不止一次")
        seconds = [s for category in self.framework for s in category.second]
        twice = sorted({s for s in seconds if seconds.count(s) > 1})
        if twice:
            raise ValueError(f"framework 中二级指标 {'、'.join(twice)} 属于不止一个位置")
        return self

    @property
    def levels(self) -> tuple[tuple[str, str], ...]:
        """The framework as (一级指标, 二级指标) pairs, in printed order."""
        return tuple((category.first, second) for category in self.framework for second in category.second)

    @property
    def merged_columns(self) -> tuple[int, ...]:
        """The columns (一级指标, 二级指标) whose runs of equal text merge vertically."""
        return tuple(i for i, field in enumerate(self.columns) if field in MERGED_FIELDS)
