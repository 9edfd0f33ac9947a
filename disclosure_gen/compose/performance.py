"""Lays out one 项目支出绩效目标表 per project."""

from __future__ import annotations

from ..derive.figures import PerformanceTable
from .docmodel import BodyRow, CellKind, HeaderCell as H, Table
from .numbers import Formatter

_T, _C = CellKind.TEXT, CellKind.CODE
_COLUMNS = ("一级指标", "二级指标", "三级指标", "指标值", "指标值设置依据", "上年完成值", "指标分值权重", "指标赋分规则", "佐证资料")


def performance_table(table: PerformanceTable, department: str, goal: str, year: int, fmt: Formatter) -> Table:
    """The form: unit, project, money and goal rows above the indicator rows; 一级/二级 cells merged."""
    header = (
        (H("预算单位", cols=2), H(department, cols=7, value=True)),
        (H("项目名称", cols=2), H(table.project, cols=3, value=True), H("项目负责人", cols=2), H(table.manager, cols=2, value=True)),
        (H("项目资金（万元）", cols=2), H("年度预算总额："), H(fmt.cell(table.budget_total), value=True), H("其中：财政拨款"),
         H(fmt.cell(table.fiscal), value=True), H("其他资金："), H(fmt.cell(table.other), cols=2, value=True)),
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
