"""The performance forms of a template set as data: header cells, indicator columns, framework and title."""

from __future__ import annotations

import re
from typing import Annotated, Any, ClassVar, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, field_validator, model_validator

from .tablespec import CellKindName, header_widths

# A 项目支出绩效目标表's header cell may print one of these (amounts are set like an amount column)
HeaderField = Literal["部门", "预算单位", "项目名称", "项目负责人", "年度预算总额", "财政拨款", "其他资金", "项目总体目标"]
# A 部门整体绩效目标表's header cell may print one of these
DepartmentField = Literal["部门名称", "联系人", "联系电话", "年度绩效目标", "年度重点工作", "资金总额", "上级安排", "本级安排", "其他资金"]
# A task row of the 部门整体绩效目标表 prints these fields of a task
TaskField = Literal["任务名称", "主要内容", "金额"]
AMOUNT_FIELDS = frozenset({"年度预算总额", "财政拨款", "其他资金", "资金总额", "上级安排", "本级安排", "金额"})
# A form's body columns print these fields of an indicator
ColumnField = Literal["一级指标", "二级指标", "三级指标", "指标值", "阶段性指标值", "设置依据", "上年完成值", "分值权重", "赋分规则", "佐证资料"]
DepartmentColumn = Literal["一级指标", "二级指标", "三级指标", "指标值", "设定依据", "分值权重"]
MERGED_FIELDS = ("一级指标", "二级指标")  # runs of equal text merge vertically


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _cell_from_text(value: Any) -> Any:
    """A bare string in a header row is a one-by-one literal cell."""
    return {"text": value} if isinstance(value, str) else value


class FormCell(_Strict):
    """A header cell of a form: literal `text`, or the value of a named `field`; spans `cols` columns, `rows` rows."""

    text: str | None = None
    field: str | None = None
    cols: int = 1
    rows: int = 1

    @model_validator(mode="after")
    def _text_or_field(self) -> "FormCell":
        if (self.text is None) == (self.field is None):
            raise ValueError("表头的一格写 text（照印的文字）或 field（表的一项内容），二者只写一个")
        return self


class ProjectCell(FormCell):
    """A header cell of the 项目支出绩效目标表."""

    field: HeaderField | None = None


class DepartmentCell(FormCell):
    """A header cell of the 部门整体绩效目标表."""

    field: DepartmentField | None = None


class TaskCell(FormCell):
    """A cell of the task rows of the 部门整体绩效目标表: one row high, text or a field of the task."""

    field: TaskField | None = None


def _rows_of(cell: type[FormCell]) -> Any:
    """The type of a form's header rows made of `cell` (a bare string is a literal cell)."""
    return tuple[tuple[Annotated[cell, BeforeValidator(_cell_from_text)], ...], ...]


ProjectRows = _rows_of(ProjectCell)
DepartmentRows = _rows_of(DepartmentCell)


class Category(_Strict):
    """One 一级指标 of an indicator framework and its 二级指标, in printed order."""

    first: str
    second: tuple[str, ...]


_PLACEHOLDER = re.compile(r"\{(\w*)\}")


def _known_names(pattern: str, names: tuple[str, ...]) -> str:
    """`pattern` if each of its {name}s is one of `names`."""
    unknown = [name for name in _PLACEHOLDER.findall(pattern) if name not in names]
    if unknown:
        raise ValueError(f"「{{{unknown[0]}}}」不是可用的名字；可用：{'、'.join('{' + name + '}' for name in names)}")
    return pattern


def filled(pattern: str, values: dict[str, str]) -> str:
    """`pattern` with each {name} replaced by its value (the names were checked when the set was loaded)."""
    return _PLACEHOLDER.sub(lambda match: values[match[1]], pattern)


class _Form(_Strict):
    """What every form declares: title, the line under it, its 目录 entry, indicator column kinds and widths, font size."""

    title: str
    subtitle: str = "（{year}年）"  # under the title; {year}: the budget year; "" prints none
    toc: str  # its 目录 entry (when the text lists the forms): see TOC_NAMES
    kinds: tuple[CellKindName, ...]
    widths: tuple[float, ...]
    font_size: Literal["table", "small"] = "small"

    TOC_NAMES: ClassVar[tuple[str, ...]] = ("title", "year")

    @field_validator("subtitle")
    @classmethod
    def _subtitle_names(cls, value: str) -> str:
        return _known_names(value, ("year",))

    @field_validator("toc")
    @classmethod
    def _toc_names(cls, value: str) -> str:
        return _known_names(value, cls.TOC_NAMES)

    def _check_columns(self, columns: tuple[str, ...], blocks: dict[str, tuple[tuple[FormCell, ...], ...]]) -> None:
        """Columns, kinds and widths agree, no column twice, and every row of each header block covers every column."""
        if not len(columns) == len(self.kinds) == len(self.widths):
            raise ValueError(f"columns 有 {len(columns)} 列，kinds 有 {len(self.kinds)} 列，widths 有 {len(self.widths)} 列，应当相同")
        for name, rows in blocks.items():
            widths = header_widths(rows)
            if any(w != len(columns) for w in widths):
                raise ValueError(f"{name}各行覆盖的列数 {widths} 与 columns 的 {len(columns)} 列不符")
            spilled = [cell.text or cell.field for r, row in enumerate(rows) for cell in row if r + cell.rows > len(rows)]
            if spilled:
                raise ValueError(f"{name}中「{'、'.join(spilled)}」向下合并的行数超出了{name}")
        repeated = sorted({c for c in columns if columns.count(c) > 1})
        if repeated:
            raise ValueError(f"columns 中 {'、'.join(repeated)} 写了不止一次")

    @property
    def merged_columns(self) -> tuple[int, ...]:
        """The columns (一级指标, 二级指标) whose runs of equal text merge vertically."""
        return tuple(i for i, field in enumerate(self.columns) if field in MERGED_FIELDS)  # type: ignore[attr-defined]


class ProjectForm(_Form):
    """The 项目支出绩效目标表: title, header rows above the indicators, indicator columns and framework."""

    header: ProjectRows
    columns: tuple[ColumnField, ...]
    framework: tuple[Category, ...]
    toc: str = "{title}（{project}）"

    TOC_NAMES: ClassVar[tuple[str, ...]] = ("title", "year", "project")

    @model_validator(mode="after")
    def _consistent(self) -> "ProjectForm":
        self._check_columns(self.columns, {"表头": self.header})
        seconds = [s for category in self.framework for s in category.second]
        twice = sorted({s for s in seconds if seconds.count(s) > 1})
        if twice:
            raise ValueError(f"framework 中二级指标 {'、'.join(twice)} 属于不止一个位置")
        return self

    @property
    def levels(self) -> tuple[tuple[str, str], ...]:
        """The framework as (一级指标, 二级指标) pairs, in printed order."""
        return tuple((category.first, second) for category in self.framework for second in category.second)


class TaskList(_Strict):
    """The 部门整体绩效目标表's task list: its label rows, then `row` printed once per task."""

    header: DepartmentRows
    row: tuple[Annotated[TaskCell, BeforeValidator(_cell_from_text)], ...]

    @model_validator(mode="after")
    def _one_row_high(self) -> "TaskList":
        if any(cell.rows != 1 for cell in self.row):
            raise ValueError("任务行（row）的格只占一行，不能写 rows")
        return self


class DepartmentForm(_Form):
    """The 部门整体绩效目标表: header rows, an optional task list, the rows naming the indicator columns, the columns."""

    header: DepartmentRows
    tasks: TaskList | None = None
    indicator_header: DepartmentRows
    columns: tuple[DepartmentColumn, ...]
    toc: str = "{title}"

    TOC_NAMES: ClassVar[tuple[str, ...]] = ("title", "year", "department")

    @model_validator(mode="after")
    def _consistent(self) -> "DepartmentForm":
        blocks = {"表头": self.header, "指标列名（indicator_header）": self.indicator_header}
        if self.tasks is not None:
            blocks |= {"任务清单的表头": self.tasks.header, "任务行（row）": (self.tasks.row,)}
        self._check_columns(self.columns, blocks)
        return self
