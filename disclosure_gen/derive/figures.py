"""The derived figures: an immutable record of every number the disclosure prints."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum

from ..money import ZERO, Change, round_half_up
from ..tablespec import cell


class RowLevel(str, Enum):
    """What a table row stands for; a template's `indent` names rows by these values."""

    CLASS = "class"  # 功能分类 or 经济分类 类
    SECTION = "section"  # 功能分类 款
    ITEM = "item"  # 功能分类 项, 经济分类 款, or a carried-over item
    PROJECT = "project"
    UNIT = "unit"  # a unit (单位) heading its rows
    PROJECT_KIND = "project_kind"  # a 项目类型 heading its projects
    PARENT_PROJECT = "parent_project"  # a 一级项目 heading its (二级) projects
    LINE = "line"  # a fixed line of an overview table
    TOTAL = "total"


class UnknownColumnError(LookupError):
    """A table was asked for a column it does not have (a column renamed in one place only)."""


@dataclass(frozen=True)
class Row:
    """A table row: its code (split 类/款/项 by the writers), level, name and shown values, by column name."""

    code: str
    level: RowLevel
    name: str
    values: tuple[Decimal, ...]
    detail: str = ""  # a second name column (the project name in 表 7)
    columns: tuple[str, ...] = ()  # the name of each value

    def value(self, column: str) -> Decimal:
        """The shown value of the named column."""
        return self.values[column_index(self.columns, column)]

    def named(self) -> dict[str, Decimal]:
        """The shown values by column name."""
        return dict(zip(self.columns, self.values, strict=True))


def column_index(columns: tuple[str, ...], column: str) -> int:
    """Where the named column is; asking for a column the table does not have is an error naming it."""
    try:
        return columns.index(column)
    except ValueError:
        raise UnknownColumnError(f"没有列「{column}」；可用的有：{'、'.join(columns) or '（无）'}") from None


@dataclass(frozen=True)
class Tail:
    """A rounding tail: a shown total that differs from the sum of its shown parts."""

    table: str
    row: str
    column: str
    shown_total: Decimal
    parts_sum: Decimal


@dataclass(frozen=True)
class Table:
    """One 预算公开表: column keys, rows (without the total) and the total row."""

    key: str
    columns: tuple[str, ...]
    rows: tuple[Row, ...]
    total: Row
    tails: tuple[Tail, ...] = ()

    def __post_init__(self) -> None:
        for row in (*self.rows, self.total):
            if row.columns != self.columns:
                raise ValueError(f"表「{self.key}」的行「{row.name}」的列 {row.columns} 与表的列 {self.columns} 不同")

    def column(self, name: str) -> int:
        """The index of a named column (an unknown name is an error naming it and the table)."""
        try:
            return column_index(self.columns, name)
        except UnknownColumnError as exc:
            raise UnknownColumnError(f"表「{self.key}」{exc}") from None

    def total_of(self, column: str) -> Decimal:
        """The total row's shown value of the named column."""
        return self.total.values[self.column(column)]

    @property
    def is_empty(self) -> bool:
        """True when the table has no row with money in it."""
        return not self.rows

    def row(self, code: str) -> Row | None:
        """The row with this code, if any."""
        return next((r for r in self.rows if r.code == code), None)


@dataclass(frozen=True)
class Explained:
    """An amount with its share of a whole, its change against last year and the stated reason."""

    key: str
    label: str
    amount: Decimal
    share: Decimal | None
    change: Change
    reason: str | None

    @property
    def arranged(self) -> bool:
        """False when the amount is 0 both this year and last (printed as 未安排)."""
        return self.amount != 0 or self.change.previous != 0


@dataclass(frozen=True)
class Labelled:
    """A named amount, as listed in prose (一般公共服务支出 897.46 万元)."""

    key: str
    label: str
    amount: Decimal
    share: Decimal | None = None
    note: str | None = None


@dataclass(frozen=True)
class StaffLine:
    """One kind of staff: this year's count and the change against last year."""

    label: str
    count: int
    change: int  # signed


@dataclass(frozen=True)
class Staff:
    """编制数, 实有人数 and each kind's change."""

    authorised: int | None  # None where the set does not require it and it was not given
    actual: int  # as given, or the sum of the kinds when not given
    counted: int  # 在职 + 退休 + 离休
    lines: tuple[StaffLine, ...]


@dataclass(frozen=True)
class Allocation:
    """A project's 资金分配: itemised with a total, or free text."""

    items: tuple[Labelled, ...]
    total: Decimal | None
    text: str | None
    note: str | None


@dataclass(frozen=True)
class IndicatorRow:
    """One printed row of a performance table (empty 二级 rows included)."""

    first_level: str
    second_level: str
    name: str
    target: str
    basis: str
    last_result: str
    weight: Decimal | None
    scoring: str
    evidence: str
    interim_target: str = ""  # 阶段性指标值, printed by forms that declare its column


@dataclass(frozen=True)
class PerformanceTable:
    """A 项目支出绩效目标表 with its money and goal sentence parts."""

    project: str
    manager: str | None  # None: not given (the form prints an empty cell)
    budget_total: Decimal
    fiscal: Decimal
    other: Decimal
    goal: str | None  # the department's own 项目总体目标; None: the template's sentence from the parts below
    purpose: str
    content: str | None
    outcome: str | None
    finish_date: dt.date
    rows: tuple[IndicatorRow, ...]
    weight_total: Decimal
    unit: str | None = None  # the budget unit (预算单位) whose project it is, when the department has units


@dataclass(frozen=True)
class ProjectFigures:
    """A project as section 七 describes it."""

    name: str
    code: str
    code_name: str
    total: Decimal
    basis: str | None  # None, like allocation and the dates, only for a secret project
    unit: str
    allocation: Allocation | None
    start: dt.date | None
    end: dt.date | None
    secret: bool
    performance: PerformanceTable | None
    assessed: Decimal | None = None  # the amount its 事前绩效评估 covered; None without one


@dataclass(frozen=True)
class ItemExplained:
    """A 功能分类 项 of section 五(三): its full name, amount, change and reason."""

    code: str
    class_name: str
    section_name: str
    item_name: str
    amount: Decimal
    change: Change
    reason: str | None


@dataclass(frozen=True)
class BudgetKindSection:
    """Sections 八 and 九: a budget kind's spending, or nothing."""

    total: Decimal
    basic: Decimal
    project: Decimal
    classes: tuple[Labelled, ...]


@dataclass(frozen=True)
class Procurement:
    """政府采购 figures."""

    total: Decimal
    goods: Decimal
    works: Decimal
    services: Decimal
    sme_reserved: Decimal
    small_micro_reserved: Decimal


@dataclass(frozen=True)
class Assets:
    """国有资产 figures."""

    building_area: Decimal
    building_value: Decimal
    vehicle_count: int
    vehicle_value: Decimal
    vehicles: tuple[tuple[str, int, Decimal], ...]
    furniture: Decimal
    other: Decimal
    equipment_over_50: int
    equipment_over_100: int
    planned_vehicle_count: int
    planned_vehicle_value: Decimal
    planned_equipment_over_50: int
    planned_equipment_over_100: int
    equipment: tuple[tuple[int, int], ...] = ()  # (threshold in 万元, count) at each threshold the set prints
    planned_equipment: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class CarryoverSection:
    """Section 十一 (2024 format): carried-over money, its fiscal and other parts, each item with its use."""

    total: Decimal
    fiscal: Decimal
    other: Decimal
    items: tuple[Labelled, ...]  # label = item name, note = its use


@dataclass(frozen=True)
class DepartmentIndicatorRow:
    """One indicator row of the 部门整体绩效目标表."""

    first_level: str
    second_level: str
    name: str
    target: str
    basis: str
    weight: Decimal


@dataclass(frozen=True)
class TaskRow:
    """One task of the 部门整体绩效目标表's task list."""

    name: str
    content: str
    amount: Decimal | None


@dataclass(frozen=True)
class DepartmentPerformanceTable:
    """部门整体绩效目标表: contact, money by source (from 表 1), goal and indicator rows."""

    contact: str
    phone: str
    total: Decimal  # 上级安排 + 本级安排 + 其他
    upper: Decimal  # 上级转移支付 of the three budget kinds
    own: Decimal  # 本级: 一般财力, 政府性基金收入, 国有资本经营收入
    other: Decimal  # 财政专户, 单位资金, 上年结转结余
    goal: str
    rows: tuple[DepartmentIndicatorRow, ...]
    weight_total: Decimal
    tasks: tuple[TaskRow, ...] = ()
    key_work: str = ""  # 年度重点工作, one line (it is printed in a form cell)


@dataclass(frozen=True)
class SecretSummary:
    """How many 涉密 projects there are and how much money they involve."""

    count: int
    amount: Decimal


@dataclass(frozen=True)
class PerformanceSummary:
    """预算绩效 counts: projects under performance management by kind of money, and the tables printed."""

    fiscal_count: int
    fiscal_amount: Decimal
    other_count: int
    other_amount: Decimal
    tables: int  # 项目支出绩效目标表 that follow the sentence (secret projects have none)
    assessed_count: int = 0  # projects with a 事前绩效评估 (secret ones not counted, as above)
    assessed_amount: Decimal = ZERO  # the money those assessments covered


@dataclass(frozen=True)
class Figures:
    """Every figure of one department's disclosure, derived from its input by `derive`."""

    department: str
    year: int
    template: str
    staff: Staff | None
    tables: dict[str, Table]  # every derived table, printed or not
    printed_tables: tuple[str, ...]  # the keys of those the template set prints
    income_total: Decimal
    expenditure_total: Decimal
    overall_income: tuple[Labelled, ...]
    overall_expenditure: tuple[Labelled, ...]
    income: tuple[Explained, ...]
    spending: tuple[Explained, ...]
    fiscal_total: Decimal
    fiscal_kinds: tuple[Labelled, ...]
    fiscal_classes: tuple[Labelled, ...]
    general_total: Decimal
    general_allocation: tuple[Explained, ...]
    general_classes: tuple[Labelled, ...]
    general_items: tuple[ItemExplained, ...]
    basic_total: Decimal
    personnel: Decimal
    personnel_items: tuple[str, ...]
    public: Decimal
    public_items: tuple[str, ...]
    projects: tuple[ProjectFigures, ...]
    performance_forms: tuple[PerformanceTable, ...]  # the 项目支出绩效目标表 in printed order, 一级项目's among them
    fund: BudgetKindSection
    capital: BudgetKindSection
    three_public_total: Change
    three_public: tuple[Explained, ...]
    running_costs: Explained
    procurement: Procurement
    assets: Assets
    performance: PerformanceSummary
    carryover: CarryoverSection
    department_performance: DepartmentPerformanceTable | None
    secret: SecretSummary
    glossary: tuple[tuple[str, str], ...]
    tails: tuple[Tail, ...]
    shares: dict[str, Decimal]  # the shares the set's tables.yaml names (`shares:`), in percent
    changes: dict[str, Change]  # the changes against last year it names (`changes:`)

    def printed(self, reference: str) -> Decimal:
        """The printed value a reference names (t6.personnel: the total row; t3.total@201: row 201, 0.00 if absent)."""
        return printed_cell(self.tables, reference)


def printed_cell(tables: dict[str, Table], reference: str) -> Decimal:
    """The printed value a reference names in `tables` (the total row without @row; a missing row is 0.00)."""
    key, column, code = cell(reference)
    table = tables[key]
    row = table.total if code is None else table.row(code)
    return row.value(column) if row else round_half_up(ZERO)
