"""Table definitions of a template set: body shape, header layout, columns and where the total goes."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, model_validator

BodyShape = Literal["overview", "fiscal_overview", "tree", "economic_tree", "projects", "items", "static"]
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
        return self

    def zero_shown(self, column: int) -> bool:
        """Whether a zero amount in this column prints as 0.00 rather than blank."""
        return (self.zero[column] if len(self.zero) > 1 else self.zero[0]) == "shown"

    @property
    def sources(self) -> tuple[str, ...]:
        """The derived tables this table prints."""
        return _FIXED_SOURCES.get(self.body, (self.source,) if self.source else ())

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
