"""Lays out the performance tables: one 项目支出绩效目标表 per project, and the 部门整体绩效目标表."""

from __future__ import annotations

from ..derive.figures import DepartmentPerformanceTable, PerformanceTable
from ..templateset import PerformanceForm
from .docmodel import BodyRow, CellKind, HeaderCell as H, Table
from .numbers import Formatter

_T, _C = CellKind.TEXT, CellKind.CODE
_DEPARTMENT_COLUMNS = ("一级指标", "二级指标", "三级指标", "指标值", "指标设定依据", "分值权重")
_COLUMNS = ("一级指标", "二级指标", "三级指标", "指标值", "指标值设置依据", "上年完成值", "指标分值权重", "指标赋分规则", "佐证资料")


def performance_table(table: PerformanceTable, department: str, goal: str, year: int, fmt: Formatter, form: PerformanceForm) -> Table:
    """The form: unit, project, money and goal rows above the indicator rows; 一级/二级 cells merged."""
    money = _money(fmt, form)
    header = (
        (H("预算单位", cols=2), H(department, cols=7, value=True)),
        (H("项目名称", cols=2), H(table.project, cols=3, value=True), H("项目负责人", cols=2), H(table.manager, cols=2, value=True)),
        (H(form.funds, cols=2), H(form.budget_total), _amount(money(table.budget_total)), H(form.fiscal),
         _amount(money(table.fiscal)), H(form.other), _amount(money(table.other), cols=2)),
        (H("项目总体目标", cols=2), H(goal, cols=7, value=True)),
        tuple(H(name) for name in _COLUMNS),
    )
    rows = tuple(
        BodyRow((r.first_level, r.second_level, r.name, r.target, r.basis, r.last_result,
                 "" if r.weight is None else str(r.weight), r.scoring, r.evidence))
        for r in table.rows
    )
    return Table(
        header, (_C, _C, _T, _C, _C, _C, _C, _C, _C), (1.0, 1.2, 3.2, 1.3, 1.4, 1.0, 0.9, 1.6, 1.0), rows,
        title="项目支出绩效目标表", subtitle=f"（{year}年）", font_size="small", merged_columns=(0, 1),
    )


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
