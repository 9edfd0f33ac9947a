"""部门汇总: every derived table of a department of units is the sum of its units' own tables, and tables pivot by unit."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

import pytest

from disclosure_gen.derive import derive
from disclosure_gen.derive.facts import department_facts
from disclosure_gen.derive.figures import RowLevel
from disclosure_gen.derive.ledger import build_ledger
from disclosure_gen.derive.pivot import Context, by_book, pivot
from disclosure_gen.derive.published_names import public_names
from disclosure_gen.pipeline import catalogue_for, prepare
from disclosure_gen.tablespec import QuerySpec

from ..conftest import ROOT

BUREAU = ROOT / "tests" / "format" / "units" / "education-bureau.yaml"
TEMPLATES = (ROOT / "tests" / "user_templates",)
UNIT_CODES = ("301001", "301002")


@pytest.fixture(scope="module")
def department():
    prepared = prepare(BUREAU, TEMPLATES)
    assert prepared.ok, [str(p) for p in prepared.problems]
    return prepared


@pytest.fixture(scope="module")
def units():
    prepared = [prepare(BUREAU, TEMPLATES, unit=code) for code in UNIT_CODES]
    assert all(p.ok for p in prepared), [str(p) for u in prepared for p in u.problems]
    return prepared


def _cells(table) -> dict[tuple, Decimal]:
    """Every shown value of a table, by (the unit heading it, row level, code, name, project, column)."""
    cells, heading = {}, ""
    for row in (*table.rows, table.total):
        if row.level in (RowLevel.UNIT, RowLevel.TOTAL):
            heading = row.name if row.level is RowLevel.UNIT else ""
        for column, value in row.named().items():
            cell = (heading, row.level.value, row.code, row.name, row.detail, column)
            assert cell not in cells, cell
            cells[cell] = value
    return cells


def test_every_table_of_the_department_is_the_sum_of_its_units_own_tables(department, units):
    """The figures of a department are those of its units added up, cell by cell, in every derived table."""
    compared = 0
    for key, table in department.figures.tables.items():
        added: dict[tuple, Decimal] = defaultdict(Decimal)
        for unit in units:
            for cell, value in _cells(unit.figures.tables[key]).items():
                added[cell] += value
        mine = _cells(table)
        for cell in mine.keys() | added.keys():
            assert mine.get(cell, Decimal(0)) == added.get(cell, Decimal(0)), (key, cell)
            compared += 1
    assert compared > 400


def test_the_departments_headline_figures_are_the_sum_of_its_units(department, units):
    for name in ("income_total", "expenditure_total", "fiscal_total", "general_total", "basic_total", "personnel", "public"):
        assert getattr(department.figures, name) == sum(getattr(u.figures, name) for u in units), name
    assert department.figures.three_public_total.current == sum(u.figures.three_public_total.current for u in units)
    assert department.figures.income_total == Decimal(1420)


def test_the_income_table_by_unit_has_a_row_per_unit_equal_to_its_own_income(department, units):
    table = department.figures.tables["qs_income_by_unit"]
    assert [(row.code, row.name) for row in table.rows] == [("301001", "青水市教育局（本级）"), ("301002", "青水市第一中学")]
    for row, unit in zip(table.rows, units):
        assert row.value("total") == unit.figures.income_total
        general = next(line for line in unit.figures.tables["t1_income"].rows if line.code == "general")
        assert row.value("general") == general.value("amount")
    school = table.rows[1]
    assert (school.value("operations"), school.value("current"), school.value("business")) == (Decimal(120), Decimal(920), 0)
    assert table.total.value("total") == department.figures.income_total


def _pivot(department, query: dict):
    data, template = department.data, department.template
    names = catalogue_for(data, template)
    ledger = build_ledger(data)
    ctx = Context(data, names, template.rules, public_names(data), template.class_rows)
    return pivot("q", QuerySpec.model_validate(query), by_book(department_facts(data, ledger, template.rules)), ctx)


def test_rows_grouped_by_unit_split_a_code_both_units_spend_on(department):
    table = _pivot(department, {"rows": ["budget_unit", "function_item"], "columns": {"amount": {}}})
    rows = [(row.level.value, row.code, row.value("amount")) for row in table.rows]
    assert rows == [
        ("unit", "301001", 500), ("item", "2050101", 300), ("item", "2050199", 150), ("item", "2080505", 30), ("item", "2210201", 20),
        ("unit", "301002", 920), ("item", "2050203", 850), ("item", "2080505", 40), ("item", "2210201", 30),
    ]
    assert table.rows[0].name == "青水市教育局（本级）" and table.total.value("amount") == 1420


def test_projects_group_under_their_unit_and_a_column_can_keep_one_unit(department):
    table = _pivot(department, {
        "where": {"nature": "project"}, "rows": ["budget_unit", "project"],
        "columns": {"amount": {}, "school": {"budget_unit": "301002"}},
    })
    assert [(row.level.value, row.code, row.detail, row.value("amount"), row.value("school")) for row in table.rows] == [
        ("unit", "301001", "", 150, 0), ("project", "2050199", "全市教育督导评估", 150, 0),
        ("unit", "301002", "", 30, 30), ("project", "2050203", "第一中学校舍维修改造", 30, 30),
    ]


def test_a_department_without_units_has_no_unit_rows(department):
    """Derivation of an input that lists no units is unchanged: a unit query has no rows and no money."""
    plain = prepare(ROOT / "examples" / "changji-government-office-2024.yaml")
    figures = derive(plain.data, department.template, catalogue_for(plain.data, department.template))
    assert figures.tables["qs_income_by_unit"].rows == () and figures.tables["qs_income_by_unit"].total.value("total") == 0
