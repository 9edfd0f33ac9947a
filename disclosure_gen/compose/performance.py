"""Lays out the performance tables: one 项目支出绩效目标表 per project, and the 部门整体绩效目标表."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from ..derive.figures import DepartmentIndicatorRow, DepartmentPerformanceTable, IndicatorRow, PerformanceTable, TaskRow
from ..formspec import AMOUNT_FIELDS, DepartmentForm, FormCell, ProjectForm, filled
from ..templateset import PerformanceForm
from .docmodel import BodyRow, CellKind, HeaderCell as H, Table
from .numbers import Formatter


def performance_table(table: PerformanceTable, department: str, goal: str, year: int, fmt: Formatter, form: PerformanceForm) -> Table:
    """The 项目支出绩效目标表 as the set declares it: its header cells, then one row of its columns per indicator."""
    spec, money = form.project, _money(fmt, form)
    values = {
        "部门": department, "预算单位": table.unit or department, "项目名称": table.project, "项目负责人": table.manager or "", "项目总体目标": goal,
        "年度预算总额": money(table.budget_total), "财政拨款": money(table.fiscal), "其他资金": money(table.other),
    }
    header = _header_rows(spec.header, values)
    return _form_table(spec, header, table.rows, year)


def _form_table(
    spec: ProjectForm | DepartmentForm, header: tuple[tuple[H, ...], ...],
    indicators: tuple[IndicatorRow | DepartmentIndicatorRow, ...], year: int,
) -> Table:
    """A form under its title and year: the filled-in header, then one row of the declared columns per indicator."""
    rows = tuple(BodyRow(tuple(_indicator_cell(row, field) for field in spec.columns)) for row in indicators)
    return Table(
        header, tuple(CellKind(kind) for kind in spec.kinds), spec.widths, rows,
        title=spec.title, subtitle=filled(spec.subtitle, {"year": str(year)}), font_size=spec.font_size,
        merged_columns=spec.merged_columns,
    )


def _header_rows(rows: tuple[tuple[FormCell, ...], ...], values: dict[str, str]) -> tuple[tuple[H, ...], ...]:
    """Declared header rows with each field cell filled in from `values`."""
    return tuple(tuple(_header_cell(cell, values) for cell in row) for row in rows)


def _header_cell(cell: FormCell, values: dict[str, str]) -> H:
    """A declared header cell: its literal text as a label, or its field's value (an amount set as one)."""
    if cell.field is None:
        return H(cell.text or "", cols=cell.cols, rows=cell.rows)
    return H(values[cell.field], cols=cell.cols, rows=cell.rows, value=True, amount=cell.field in AMOUNT_FIELDS)


def _indicator_cell(row: IndicatorRow | DepartmentIndicatorRow, field: str) -> str:
    """The text an indicator row prints in the column of `field`."""
    if field == "分值权重":
        return "" if row.weight is None else str(row.weight)
    return getattr(row, _INDICATOR_ATTRIBUTES[field])


_INDICATOR_ATTRIBUTES = {
    "一级指标": "first_level", "二级指标": "second_level", "三级指标": "name", "指标值": "target",
    "阶段性指标值": "interim_target", "设置依据": "basis", "设定依据": "basis", "上年完成值": "last_result", "赋分规则": "scoring", "佐证资料": "evidence",
}


def department_performance_table(
    table: DepartmentPerformanceTable, department: str, year: int, fmt: Formatter, form: PerformanceForm
) -> Table:
    """The 部门整体绩效目标表 as the set declares it: header, task rows, indicator column names, one row per indicator."""
    spec, money = form.department, _money(fmt, form)
    values = {
        "部门名称": department, "联系人": table.contact or "", "联系电话": table.phone or "", "年度绩效目标": table.goal,
        "年度重点工作": table.key_work, "资金总额": money(table.total), "上级安排": money(table.upper),
        "本级安排": money(table.own), "其他资金": money(table.other),
    }
    header = _header_rows(spec.header, values)
    if spec.tasks is not None:
        header += _header_rows(spec.tasks.header, values)
        header += tuple(_header_rows((spec.tasks.row,), _task_values(task, money))[0] for task in table.tasks)
    header += _header_rows(spec.indicator_header, values)
    return _form_table(spec, header, table.rows, year)


def _task_values(task: TaskRow, money: Callable[[Decimal], str]) -> dict[str, str]:
    """What a task row's fields print (an amount not given is blank)."""
    return {"任务名称": task.name, "主要内容": task.content, "金额": "" if task.amount is None else money(task.amount)}


def _money(fmt: Formatter, form: PerformanceForm) -> Callable[[Decimal], str]:
    """How the forms print an amount: zero as 0.00 or blank, as the template set says."""
    return fmt.fixed if form.zero_shown else fmt.cell
