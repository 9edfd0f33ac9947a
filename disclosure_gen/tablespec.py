"""Table definitions of a template set: body shape, header layout, columns and where the total goes."""

from __future__ import annotations

import re
from functools import cached_property
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, field_validator, model_validator

from .model import Comparison, PriorYear

BodyShape = Literal["overview", "fiscal_overview", "tree", "economic_tree", "projects", "items", "units", "static"]
CellKindName = Literal["text", "code", "amount"]
ZeroStyle = Literal["blank", "shown"]  # a zero amount printed as nothing, or as 0.00
_FIXED_SOURCES = {"overview": ("t1_income", "t1_expenditure"), "fiscal_overview": ("t4_income", "t4_expenditure")}


def _cell_from_text(value: Any) -> Any:
    """A bare string in a header row is a one-by-one cell."""
    return {"text": value} if isinstance(value, str) else value


def _as_tuple(value: Any) -> Any:
    return (value,) if isinstance(value, str) else value


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class HeaderSpec(_Strict):
    """A header cell: its text and how many columns and header rows it spans."""

    text: str
    cols: int = 1
    rows: int = 1


_REFERENCE = re.compile(r"(?P<table>[A-Za-z0-9_]+)\.(?P<column>[A-Za-z0-9_]+)(?:@(?P<row>[A-Za-z0-9_]+))?")


def _reference(value: Any) -> Any:
    if not isinstance(value, str) or not _REFERENCE.fullmatch(value):
        raise ValueError(f"「{value}」应写成 表.列（合计行）或 表.列@行代码，如 t6.personnel、t3.total@201")
    return value


Reference = Annotated[str, BeforeValidator(_reference)]


class TableSpec(_Strict):
    """How one 预算公开表 is laid out; `body` names the shape of its rows (see docs/templates.md)."""

    body: BodyShape
    source: str | None = None  # the derived table (figures.tables key); overview shapes need none
    values: tuple[str, ...] | None = None  # derived columns to print, in order (default: all)
    header: tuple[tuple[Annotated[HeaderSpec, BeforeValidator(_cell_from_text)], ...], ...]
    kinds: tuple[CellKindName, ...]
    widths: tuple[float, ...]
    font_size: Literal["table", "small"] = "table"
    total: Literal["top", "bottom"] = "bottom"
    total_label: Annotated[tuple[str, ...], BeforeValidator(_as_tuple)] = ("合  计",)
    total_label_column: int | None = None  # default: the last text or code column before the amounts
    column_numbers: bool = False  # a row ※ ※ … 1 2 3 … under the header
    empty_total: bool = True  # print the total row of a table without rows
    labels: dict[str, str] = {}  # row code → the label printed instead of the derived name
    indent: dict[str, int] = {}  # row code or level → characters the row's label is indented by
    codes: Literal["split", "joined"] = "split"  # codes in 类/款/项 columns, or whole in one column
    zero: Annotated[tuple[ZeroStyle, ...], BeforeValidator(_as_tuple)] = ("blank",)  # one style, or one per column
    class_label: Literal["code", "numbered", "bracketed"] = "code"  # 表1/表4 类 rows: 201 名称 / 一、名称 / （一）名称
    rows: tuple[tuple[str, ...], ...] = ()  # the literal rows of a static table (body: static)
    sides: tuple[str, str] | None = None  # overview shapes: the income and the spending table (default t1_/t4_ ones)
    footer: tuple[tuple[str, Reference | None, str, Reference | None], ...] = ()  # overview shapes: rows above 总计
    totals: tuple[Reference, Reference] | None = None  # overview shapes: the 总计 row's cells (default: each side's total)

    @model_validator(mode="after")
    def _consistent(self) -> "TableSpec":
        if len(self.widths) != len(self.kinds):
            raise ValueError(f"kinds 有 {len(self.kinds)} 列，widths 有 {len(self.widths)} 列")
        widths = header_widths(self.header)
        if any(w != len(self.kinds) for w in widths):
            raise ValueError(f"表头各行覆盖的列数 {widths} 与 kinds 的 {len(self.kinds)} 列不符")
        if len(self.zero) not in (1, len(self.kinds)):
            raise ValueError(f"zero 写一个值，或按列写 {len(self.kinds)} 个值（现有 {len(self.zero)} 个）")
        if (self.body == "static") != bool(self.rows) or any(len(row) != len(self.kinds) for row in self.rows):
            raise ValueError(f"rows 只用于 body: static，且每行应有 {len(self.kinds)} 格（与 kinds 相同）")
        if (self.sides or self.footer or self.totals) and self.body not in _FIXED_SOURCES:
            raise ValueError("sides、footer 和 totals 只用于 body: overview 或 fiscal_overview")
        return self

    def zero_shown(self, column: int) -> bool:
        """Whether a zero amount in this column prints as 0.00 rather than blank."""
        return (self.zero[column] if len(self.zero) > 1 else self.zero[0]) == "shown"

    @property
    def sources(self) -> tuple[str, ...]:
        """The derived tables this table prints."""
        if self.body in _FIXED_SOURCES:
            return self.sides or _FIXED_SOURCES[self.body]
        return (self.source,) if self.source else ()

    @property
    def references(self) -> tuple[str, ...]:
        """The printed cells the footer and 总计 rows name."""
        return tuple(ref for row in self.footer for ref in (row[1], row[3]) if ref) + (self.totals or ())

    @property
    def values_source(self) -> str | None:
        """The derived table whose columns `values` picks: the source, or 表4's spending side."""
        return self.sources[1] if self.body == "fiscal_overview" else self.source

    @property
    def label_columns(self) -> int:
        """How many columns before the first amount column."""
        return next((i for i, kind in enumerate(self.kinds) if kind == "amount"), len(self.kinds))


def header_widths(header: tuple[tuple[HeaderSpec, ...], ...]) -> list[int]:
    """How many columns each header row covers, counting cells that reach down from rows above."""
    carried: dict[int, int] = {}  # row index → columns taken by cells spanning down into it
    widths = []
    for r, row in enumerate(header):
        widths.append(carried.get(r, 0) + sum(cell.cols for cell in row))
        for cell in row:
            for below in range(r + 1, r + cell.rows):
                carried[below] = carried.get(below, 0) + cell.cols
    return widths


# --- derived tables as queries (`query:` in tables.yaml; see docs/templates.md「派生表的查询」) -------------

FactBook = Literal["spending", "economic", "project_economic", "carryover", "income", "three_public"]
KindName = Literal["general", "fund", "capital", "special_account", "unit_funds"]
RowDimension = Literal[
    "function_class", "function_section", "function_item", "economic_class", "economic_item",
    "project", "unit", "department", "item", "project_kind", "parent_project", "budget_unit",
]
_SHORTHANDS = {"function": ("function_class", "function_section", "function_item"), "economic": ("economic_class", "economic_item")}
# What each leaf dimension (a row's own dimension, the last of `rows`) knows, so which groups can stand above it.
_LEAF_KNOWS = {
    "function_item": {"function", "department", "budget_unit"},
    "economic_item": {"economic", "department", "budget_unit"},
    "project": {"function", "unit", "department", "kind", "parent", "budget_unit"},
    "item": {"department", "budget_unit"},
    "budget_unit": {"department"},
}
_GROUP_NEEDS = {
    "function_class": "function", "function_section": "function", "function_item": "function",
    "economic_class": "economic", "economic_item": "economic", "unit": "unit", "department": "department",
    "project_kind": "kind", "parent_project": "parent",  # a project's 项目类型 and 一级项目
    "budget_unit": "budget_unit",  # the 预算单位 whose money it is
}


# The queries the explanation sections and the checks read, and the columns they read of each: a set may
# replace these queries, keeping these columns (a check of the set when it is loaded).
READ_BY_NAME = {
    "t1_income": ("amount",),
    "t1_expenditure": ("amount",),
    "t4_income": ("amount",),
    "t10": ("total",),
    "t3": ("total", "basic", "project"),
    "t5": ("total", "basic", "project"),
    "t6": ("total", "personnel", "public"),
    "t8": ("total", "basic", "project"),
    "t9": ("total", "basic", "project"),
    "t11": ("total", "fiscal_total", "other_total"),
}
# …and the fixed lines they read by code.
READ_LINES = {
    "t1_income": ("general", "general_own", "general_transfer", "fund", "fund_own", "fund_transfer", "capital",
                  "capital_own", "capital_transfer", "special_account", "unit_funds", "carryover", "fiscal_carryover",
                  "other_carryover"),
    "t10": ("overseas", "reception", "vehicle_purchase", "vehicle_running"),
}
_HIDDEN_LEAF = {"function_class": "function_item", "function_section": "function_item", "economic_class": "economic_item"}


class Filter(_Strict):
    """Which facts an amount adds up: every given dimension must match (a code matches by its leading digits)."""

    facts: FactBook | None = None  # the book of facts (default: the query's)
    kind: Annotated[tuple[KindName, ...], BeforeValidator(_as_tuple)] | None = None
    fiscal: bool | None = None  # 财政拨款 or not
    carryover: bool | Literal["by_rule"] | None = None  # 上年结转; by_rule: as rules.fiscal_tables_include_carryover says
    transfer: bool | None = None  # 上级转移支付
    nature: Literal["basic", "project"] | None = None  # 基本支出 / 项目支出
    cost: Literal["personnel", "public"] | None = None  # 人员经费 / 公用经费
    function: Annotated[str, BeforeValidator(str)] | None = None  # 功能分类 code prefix
    economic: Annotated[str, BeforeValidator(str)] | None = None  # 经济分类 code prefix
    line: Annotated[tuple[str, ...], BeforeValidator(_as_tuple)] | None = None  # 单位资金 kind, “三公” item
    budget_unit: Annotated[str, BeforeValidator(str)] | None = None  # one 预算单位's money, by its 编码

    @cached_property
    def constraints(self) -> dict[str, Any]:
        """The dimensions this filter constrains (a column's sum and blank are not dimensions)."""
        return {name: value for name, value in self if value is not None and name not in ("sum", "blank")}


class ColumnSpec(Filter):
    """A column: the amount of the facts its filter keeps, the sum of other columns, or blank."""

    sum: tuple[str, ...] | None = None
    blank: bool = False

    @model_validator(mode="after")
    def _one_meaning(self) -> "ColumnSpec":
        if (self.sum is not None) + self.blank + bool(self.constraints) > 1:
            raise ValueError("一列只能是筛选条件、sum（其他列之和）或 blank（空列）之一")
        return self


def _level(value: Any) -> Any:
    return {"by": value} if isinstance(value, str) else value


class RowLevelSpec(_Strict):
    """One level of the rows: the dimension, whether its groups print a subtotal row, which always print."""

    by: RowDimension
    subtotal: bool = True
    always: Literal["class_rows"] | None = None  # 功能分类 类 the set lists (set.yaml class_rows), money or not


class LineSpec(_Strict):
    """A fixed row: its code, its printed name and the facts it adds up (on top of the query's `where`)."""

    code: str
    name: str
    where: Filter = Filter()


def _levels(value: Any) -> Any:
    if isinstance(value, str):
        value = [value]
    if isinstance(value, list | tuple):
        return [{"by": by} for item in value for by in _SHORTHANDS.get(item, (item,))] if all(
            isinstance(item, str) for item in value
        ) else [_level(item) for item in value]
    return value


class QuerySpec(_Strict):
    """A derived table declared as a pivot of the department's facts: its rows, columns and totals."""

    facts: FactBook = "spending"
    where: Filter = Filter()
    rows: Annotated[tuple[RowLevelSpec, ...], BeforeValidator(_levels)] = ()
    lines: tuple[LineSpec, ...] = ()  # fixed rows instead of `rows` (表1, 表4, 表10)
    columns: dict[str, ColumnSpec]
    total_parts: tuple[str, ...] = ()  # fixed rows whose printed sum the total must equal (rounding tails)
    sums: dict[str, tuple[str, ...]] = {}  # a column → the columns it must equal the sum of (rounding tails)
    keep_rows: str = "with_money"  # with_money (any column), all, or a column name
    subtotals: Literal["exact", "shown"] = "exact"
    total_name: str = "合计"

    @model_validator(mode="after")
    def _consistent(self) -> "QuerySpec":
        names = list(self.columns)
        if not names:
            raise ValueError("columns 不能为空")
        if self.where.facts is not None:
            raise ValueError("facts 写在查询上，不写在 where 中")
        for column, parts in self.all_sums.items():
            unknown = [p for p in (column, *parts) if p not in self.columns]
            if unknown:
                raise ValueError(f"sum 中的列 {'、'.join(unknown)} 不存在；本表的列有：{'、'.join(names)}")
        _ = self.sum_order  # refuses sum columns that refer to each other
        if bool(self.rows) == bool(self.lines):
            raise ValueError("rows 和 lines 须写其一（且只写其一）")
        unknown = [code for code in self.total_parts if code not in {line.code for line in self.lines}]
        if unknown:
            raise ValueError(f"total_parts 中的行 {'、'.join(unknown)} 不在 lines 中")
        if self.lines:
            return self
        if self.keep_rows not in ("with_money", "all", *names):
            raise ValueError(f"keep_rows 应是 with_money、all 或本表的一列（{'、'.join(names)}），而不是「{self.keep_rows}」")
        self._check_levels()
        return self

    @cached_property
    def levels(self) -> tuple[RowLevelSpec, ...]:
        """The row levels, ending in a leaf dimension: rows by 类 or 款 add up 项 (or 经济分类款) rows they do not print."""
        hidden = _HIDDEN_LEAF.get(self.rows[-1].by)
        return (*self.rows, RowLevelSpec(by=hidden, subtotal=False)) if hidden else self.rows

    def _check_levels(self) -> None:
        *groups, leaf = (level.by for level in self.levels)
        if leaf not in _LEAF_KNOWS:
            raise ValueError(f"rows 的最后一级应是 {'、'.join((*_LEAF_KNOWS, *_HIDDEN_LEAF))} 之一，而不是「{leaf}」")
        if any(level.always and level.by != "function_class" for level in self.rows):
            raise ValueError("always: class_rows 只能写在 function_class 一级")
        for level in self.levels[:-1]:
            needs = _GROUP_NEEDS.get(level.by)
            if level.by in ("project", "item") or needs not in _LEAF_KNOWS[leaf]:
                raise ValueError(f"rows 中「{level.by}」不能作为「{leaf}」行的分组")

    @cached_property
    def all_sums(self) -> dict[str, tuple[str, ...]]:
        """Every column that must equal the sum of others: the `sum` columns and the `sums` checks."""
        declared = {name: column.sum for name, column in self.columns.items() if column.sum is not None}
        return {**declared, **self.sums}

    @cached_property
    def sum_order(self) -> tuple[str, ...]:
        """The `sum` columns in an order where each comes after the columns it adds up."""
        pending = {name: column.sum for name, column in self.columns.items() if column.sum is not None}
        ordered: list[str] = []
        while pending:
            ready = [name for name, parts in pending.items() if not set(parts) & set(pending)]
            if not ready:
                raise ValueError(f"sum 列互相引用：{'、'.join(pending)}")
            ordered += ready
            pending = {name: parts for name, parts in pending.items() if name not in ready}
        return tuple(ordered)


# --- shares asked for by name (`shares:` in tables.yaml): derive computes them, a text template prints them ----



class ShareSpec(_Strict):
    """A share a text template asks for by name: `part` as a percentage of `of` (each a table cell, as printed)."""

    part: Reference
    of: Reference

    def cells(self) -> tuple[tuple[str, str, str | None], tuple[str, str, str | None]]:
        """(table, column, row code or None for the total row) of the part and of the whole."""
        return cell(self.part), cell(self.of)


PRIOR = "上年对比"
Step = tuple[str, str]  # ("field", attribute name) or ("key", a 功能分类 code)


class ChangeSpec(_Strict):
    """A change a text template asks for by name: a printed cell against last year's figures (上年对比 paths, added up)."""

    current: Reference
    previous: Annotated[tuple[str, ...], BeforeValidator(_as_tuple)]

    @field_validator("previous")
    @classmethod
    def _known_paths(cls, paths: tuple[str, ...]) -> tuple[str, ...]:
        for path in paths:
            prior_steps(path)
        return paths


def prior_steps(path: str) -> tuple[Step, ...]:
    """How to reach a 上年 figure from the input's 上年对比 by its keys (上年对比.支出.基本支出, 上年对比.功能分类项.2013101)."""
    first, *parts = path.split(".")
    if first != PRIOR or not parts:
        raise ValueError(f"「{path}」应写成输入文件中上年数的位置，以「{PRIOR}.」开头，如 {PRIOR}.支出.基本支出")
    model: Any = PriorYear
    steps: list[Step] = []
    for part in parts:
        if model is dict:
            steps.append(("key", part))
            model = Comparison
            continue
        fields = {f.alias: (name, f.annotation) for name, f in model.model_fields.items()} if model is not Comparison else {}
        if part not in fields:
            where = ".".join((first, *parts[: len(steps)]))
            allowed = "、".join(fields) or "（这里已是一项上年数）"
            raise ValueError(f"「{path}」中「{where}」下没有「{part}」；可以写：{allowed}")
        name, annotation = fields[part]
        steps.append(("field", name))
        model = dict if getattr(annotation, "__origin__", None) is dict else annotation
    if model is not Comparison:
        raise ValueError(f"「{path}」不是一项上年数；请写到具体的一项，如 {PRIOR}.支出.基本支出")
    return tuple(steps)


def cell(reference: str) -> tuple[str, str, str | None]:
    """A reference `t3.total@201` as (table, column, row code); no row code means the total row."""
    match = _REFERENCE.fullmatch(reference)
    if match is None:
        raise ValueError(reference)
    return match["table"], match["column"], match["row"]


def unknown_cell(reference: str, queries: dict[str, QuerySpec]) -> str | None:
    """Why a reference names no table column of the set (None when it does)."""
    table, column, _ = cell(reference)
    if table not in queries:
        return f"表「{table}」不存在；可用的有：{'、'.join(queries)}"
    columns = tuple(queries[table].columns)
    if column not in columns:
        return f"表「{table}」没有列「{column}」；可用的有：{'、'.join(columns)}"
    return None
