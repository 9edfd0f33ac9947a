"""Lays out the ten 预算公开表 from the derived tables: headers, code columns, formatted cells."""

from __future__ import annotations

from itertools import zip_longest

from ..derive.figures import Row, Table as Derived
from .docmodel import BodyRow, CellKind, HeaderCell as H, Table
from .numbers import Formatter

_A, _C, _T = CellKind.AMOUNT, CellKind.CODE, CellKind.TEXT
_CODE_HEADER = (H("类"), H("款"), H("项"))


def split_code(code: str) -> tuple[str, str, str]:
    """A 功能分类 code as the 类 / 款 / 项 columns print it: 2013101 → 201, 31, 01."""
    return code[:3], code[3:5], code[5:7]


def overview(income: Derived, spending: Derived, fmt: Formatter) -> Table:
    """表 1 部门收支总体情况表: income lines beside every 功能分类 类."""
    header = (
        (H("收  入", cols=2), H("支  出", cols=2)),
        (H("项  目"), H("预算数"), H("功能分类"), H("预算数")),
    )
    rows = [
        BodyRow((i.name if i else "", fmt.cell(i.values[0]) if i else "", _class_label(s) if s else "", fmt.cell(s.values[0]) if s else ""))
        for i, s in zip_longest(income.rows, spending.rows)
    ]
    rows.append(BodyRow(("收 入 总 计", fmt.cell(income.total.values[0]), "支 出 总 计", fmt.cell(spending.total.values[0])), total=True))
    return Table(header, (_T, _A, _T, _A), (3.7, 1.2, 3.1, 1.2), tuple(rows))


def income_by_item(table: Derived, fmt: Formatter) -> Table:
    """表 2 部门收入总体情况表: the 功能分类 tree × funding source."""
    header = (
        (H("功能分类科目编码", cols=3), H("功能分类科目名称", rows=2), H("总计", rows=2), H("财政拨款（补助）", cols=7),
         H("财政专户（教育收费）", rows=2), H("单位资金", rows=2), H("财政拨款结转", rows=2), H("非财政拨款结转结余", rows=2)),
        (*_CODE_HEADER, H("小计"), H("一般公共预算"), H("上级一般公共预算安排的转移支付"), H("政府性基金预算"),
         H("上级政府性基金安排的转移支付"), H("国有资本经营预算"), H("上级国有资本经营预算安排的转移支付")),
    )
    kinds = (_C, _C, _C, _T) + (_A,) * 12
    widths = (0.75, 0.5, 0.5, 2.6) + (1.15,) * 12
    return Table(header, kinds, widths, _tree_rows(table, fmt), font_size="small")


def spending(table: Derived, fmt: Formatter, money: str) -> Table:
    """表 3, 5, 8, 9: the 功能分类 tree × 合计 / 基本支出 / 项目支出."""
    header = (
        (H("项  目", cols=4), H(money, cols=3)),
        (H("功能分类科目编码", cols=3), H("功能分类科目名称", rows=2), H("合  计", rows=2), H("基本支出", rows=2), H("项目支出", rows=2)),
        _CODE_HEADER,
    )
    return Table(header, (_C, _C, _C, _T, _A, _A, _A), (0.7, 0.5, 0.5, 4.0, 1.5, 1.5, 1.5), _tree_rows(table, fmt))


def fiscal_overview(income: Derived, spending_: Derived, fmt: Formatter) -> Table:
    """表 4 财政拨款收支总体情况表."""
    header = (
        (H("财政拨款收入", cols=2), H("财政拨款支出", cols=5)),
        (H("项  目"), H("合  计"), H("功 能 分 类"), H("合  计"), H("一般公共预算"), H("政府性基金预算"), H("国有资本经营预算")),
    )
    rows = []
    for i, s in zip_longest(income.rows, spending_.rows):
        left = (i.name, fmt.cell(i.values[0])) if i else ("", "")
        right = (_class_label(s), *(fmt.cell(v) for v in s.values)) if s else ("", "", "", "", "")
        rows.append(BodyRow(left + right))
    rows.append(BodyRow(("收 入 总 计", fmt.cell(income.total.values[0]), "支 出 总 计", *(fmt.cell(v) for v in spending_.total.values)), total=True))
    return Table(header, (_T, _A, _T, _A, _A, _A, _A), (2.2, 1.1, 3.6, 1.1, 1.1, 1.1, 1.1), tuple(rows))


def basic_economic(table: Derived, fmt: Formatter) -> Table:
    """表 6 一般公共预算基本支出情况表: 经济分类 类/款 × 合计 / 人员经费 / 公用经费."""
    header = (
        (H("项  目", cols=3), H("一般公共预算基本支出", cols=3)),
        (H("经济分类科目编码", cols=2), H("经济分类科目名称", rows=2), H("合  计", rows=2), H("人员经费", rows=2), H("公用经费", rows=2)),
        (H("类"), H("款")),
    )
    rows = [BodyRow((row.code[:3], row.code[3:5], row.name, *(fmt.cell(v) for v in row.values))) for row in table.rows]
    rows.append(_total_row(table, fmt, 3))
    return Table(header, (_C, _C, _T, _A, _A, _A), (0.7, 0.5, 4.3, 1.5, 1.5, 1.5), tuple(rows))


def projects(table: Derived, fmt: Formatter, class_names: tuple[str, ...]) -> Table:
    """表 7 一般公共预算项目支出情况表: one row per project × 经济分类 类."""
    header = (
        (H("科目编码", cols=3), H("科目名称", rows=2), H("项目名称", rows=2), H("项目支出合计", rows=2), *(H(n, rows=2) for n in class_names)),
        _CODE_HEADER,
    )
    rows = [BodyRow((*split_code(r.code), r.name, r.detail, *(fmt.cell(v) for v in r.values))) for r in table.rows]
    rows.append(_total_row(table, fmt, 5))
    kinds = (_C, _C, _C, _T, _T) + (_A,) * (1 + len(class_names))
    widths = (0.75, 0.5, 0.5, 2.2, 2.6) + (1.15,) * (1 + len(class_names))
    return Table(header, kinds, widths, tuple(rows), font_size="small")


def three_public(table: Derived, fmt: Formatter) -> Table:
    """表 10 财政拨款“三公”经费支出情况表: 合计 first, then each item."""
    header = (
        (H("三公支出内容", rows=2), H("合计", rows=2), H("资金来源", cols=3)),
        (H("一般公共预算"), H("政府性基金"), H("国有资本经营预算")),
    )
    rows = [BodyRow(("合计", *(fmt.cell(v) for v in table.total.values)), total=True)]
    rows += [BodyRow((row.name, *(fmt.cell(v) for v in row.values))) for row in table.rows]
    return Table(header, (_T, _A, _A, _A, _A), (3.6, 1.4, 1.4, 1.4, 1.4), tuple(rows))


def _tree_rows(table: Derived, fmt: Formatter) -> tuple[BodyRow, ...]:
    rows = [BodyRow((*split_code(row.code), row.name, *(fmt.cell(v) for v in row.values))) for row in table.rows]
    rows.append(_total_row(table, fmt, 4))
    return tuple(rows)


def _total_row(table: Derived, fmt: Formatter, label_column: int) -> BodyRow:
    blanks = ("",) * (label_column - 1)
    return BodyRow((*blanks, "合  计", *(fmt.cell(v) for v in table.total.values)), total=True)


def _class_label(row: Row) -> str:
    return f"{row.code} {row.name}"
