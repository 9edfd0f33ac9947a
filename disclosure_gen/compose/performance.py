"""Lays out the performance tables: one 项目支出绩效目标表 per project, and the 部门整体绩效目标表."""

from __future__ import annotations

from ..derive.figures import DepartmentPerformanceTable, IndicatorRow, PerformanceTable
from ..formspec import AMOUNT_FIELDS, FormCell
from ..templateset import PerformanceForm
from .docmodel import BodyRow, CellKind, HeaderCell as H, Table
from .numbers import Formatter

_T, _C = CellKind.TEXT, CellKind.CODE
_DEPARTMENT_COLUMNS = ("一级指标", "二级指标", "三级指标", "指标值", "指标设定依据", "分值权重")


def performance_table(table: PerformanceTable, department: str, goal: str, year: int, fmt: Formatter, form: PerformanceForm) -> Table:
    """The 项目支出绩效目标表 as the set declares it: its header cells, then one row of its columns per indicator."""
    spec, money = form.project, _money(fmt, form)
    values = {
        "部门": department, "项目名称": table.project, "项目负责人": table.manager, "项目总体目标": goal,
        "年度预算总额": money(table.budget_total), "财政拨款": money(table.fiscal), "其他资金": money(table.other),
    }
    header = tuple(tuple(_header_cell(cell, values) for cell in row) for row in spec.header)
    rows = tuple(BodyRow(tuple(_indicator_cell(row, field) for field in spec.columns)) for row in table.rows)
    return Table(
        header, tuple(CellKind(kind) for kind in spec.kinds), spec.widths, rows,
        title=spec.title, subtitle=f"（{year}年）", font_size=spec.font_size, merged_columns=spec.merged_columns,
    )


def _header_cell(cell: FormCell, values: dict[str, str]) -> H:
    """A declared header cell: its literal text as a label, or its field's value (an amount set as one)."""
    if cell.field is None:
        return H(cell.text or "", cols=cell.cols, rows=cell.rows)
    return H(values[cell.field], cols=cell.cols, rows=cell.rows, value=True, amount=cell.field in AMOUNT_FIELDS)


def _indicator_cell(row: IndicatorRow, field: str) -> str:
    """The text an indicator row prints in the column of `field`."""
    if field == "分值权重":
        return "" if row.weight is None else str(row.weight)
    return getattr(row, _INDICATOR_ATTRIBUTES[field])


_INDICATOR_ATTRIBUTES = {
    "一级指标": "first_level", "二级指标": "second_level", "三级指标": "name", "指标值": "target",
    "阶段性指标值": "interim_target", "设置依据": "basis", "上年完成值": "last_result", "赋分规则": "scoring", "佐证资料": "evidence",
}


def department_performance_table(
    table: DepartmentPerformanceTable, department: str, year: int, fmt: Formatter, form: PerformanceForm
) -> Table:
    """The 部门整体绩效目标表 as published: department, contact and goal, the money by source, then the indicators."""
    money = _money(fmt, form)
    header = (
        (H("部门名称（盖章）", cols=2), H(department, cols=4, value=True)),
        (H("部门联系人", cols=2), H(table.contact, value=True), H("联系电话"), H(table.phone, cols=2, value=True)),
        (H("年度绩效目标", cols=2), H(table.goal, cols=4, value=True)),
        (H("年度预算(万元)", rows=4), H("资金来源", cols=2), H("资金总额（万元）", cols=3)),
        (H("财政资金（万元）", rows=2), H("上级安排"), _amount(money(table.upper), cols=3)),
        (H("本级安排"), _amount(money(table.own), cols=3)),
        (H("其他资金（万元）"), H("其他"), _amount(money(table.other), cols=3)),
        tuple(H(name) for name in _DEPARTMENT_COLUMNS),
    )
    rows = tuple(BodyRow((r.first_level, r.second_level, r.name, r.target, r.basis, str(r.weight))) for r in table.rows)
    return Table(
        header, (_C, _C, _T, _C, _C, _C), (1.3, 1.5, 3.6, 1.6, 1.8, 1.0), rows,
        title="部门整体绩效目标表", subtitle=f"（{year}年）", merged_columns=(0, 1),
    )


def _amount(text: str, cols: int = 1) -> H:
    """A filled-in amount of a form's header block, set like the amounts of a table's columns."""
    return H(text, cols=cols, value=True, amount=True)


def _money(fmt: Formatter, form: PerformanceForm):
    """How the forms print an amount: zero as 0.00 or blank, as the template set says."""
    return fmt.fixed if form.zero_shown else fmt.cell
