"""The derived tables: read by column name, and computed by one pivot engine from the set's declarations."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from disclosure_gen.cli import main
from disclosure_gen.derive.facts import Fact
from disclosure_gen.derive.figures import Row, RowLevel, Table, Tail, UnknownColumnError
from disclosure_gen.derive.ledger import build_ledger
from disclosure_gen.derive.pivot import Context, by_book, pivot
from disclosure_gen.derive.published_names import public_names
from disclosure_gen.model import BudgetKind
from disclosure_gen.money import change, round_half_up
from disclosure_gen.pipeline import catalogue_for, prepare
from disclosure_gen.tablespec import QuerySpec
from disclosure_gen.templateset import (
    BUILTIN_TEMPLATES, InvalidTemplateError, Rules, builtin_queries, load_template_set, search_folders,
)

from ..conftest import EXAMPLES, edited_example
from ..docx_text import open_docx, table_rows, text_dump


@pytest.fixture(scope="module")
def statistics_2024():
    """A 2024 department with projects in two units, carried-over items and 元 amounts."""
    return prepare(EXAMPLES / "changji-statistics-bureau-2024.yaml")


def test_a_column_is_read_by_its_name(statistics_2024):
    t6 = statistics_2024.figures.tables["t6"]
    assert t6.total_of("personnel") + t6.total_of("public") == t6.total_of("total")
    assert statistics_2024.figures.personnel == t6.total_of("personnel")
    row = next(r for r in t6.rows if r.level is RowLevel.ITEM and r.value("public"))
    assert row.named()["public"] == row.value("public") and row.value("personnel") == 0


def test_asking_for_a_column_the_table_does_not_have_names_it_and_the_table(statistics_2024):
    """A column renamed in one place only fails at once, saying which name is missing and what exists."""
    t6 = statistics_2024.figures.tables["t6"]
    with pytest.raises(UnknownColumnError, match="表「t6」没有列「personel」；可用的有：total、personnel、public"):
        t6.total_of("personel")
    with pytest.raises(UnknownColumnError, match="没有列「basic」"):
        t6.rows[0].value("basic")


def test_row_levels_are_an_enum_that_templates_name_by_value(statistics_2024):
    rows = statistics_2024.figures.tables["t7_grouped"].rows
    assert {r.level for r in rows} <= set(RowLevel)
    assert rows[0].level is RowLevel.UNIT and rows[0].level == "unit"
    assert statistics_2024.figures.tables["t3"].total.level is RowLevel.TOTAL


# --- the engine on a small hand-made department -----------------------------------------------------------------


def _query(**spec) -> QuerySpec:
    return QuerySpec.model_validate(spec)


def _pivot(key: str, query: QuerySpec, facts: tuple[Fact, ...], ctx: Context) -> Table:
    return pivot(key, query, by_book(facts), ctx)


def _fact(amount: str, code: str, nature: str = "basic", kind: str = "general", **dims) -> Fact:
    dims = {"fiscal": kind in ("general", "fund", "capital"), "carryover": False, "transfer": False, **dims}
    return Fact("spending", Decimal(amount), code, None, nature, None, kind, **dims)


@pytest.fixture(scope="module")
def ctx(statistics_2024) -> Context:
    """Names, projects and rules of a real department; the facts each test gives are its own."""
    prepared = statistics_2024
    return Context(prepared.data, catalogue_for(prepared.data, prepared.template), prepared.template.rules,
                   public_names(prepared.data))


SPENDING = {"total": {"sum": ["basic", "project"]}, "basic": {"nature": "basic"}, "project": {"nature": "project"}}
HAND_MADE = (
    _fact("1.005", "2010101"), _fact("2.005", "2010102", "project"), _fact("3", "2010301"),
    _fact("4", "2050101", "project"), _fact("0.005", "2050101"),
    _fact("7", "2120101", kind="fund"), _fact("5", "2010101", kind="general", carryover=True),
    _fact("6", "2010101", "project", kind="general", transfer=True),
)


def test_rows_are_grouped_by_class_and_section_with_subtotals_in_code_order(ctx):
    table = _pivot("t", _query(rows="function", where={"kind": "general", "carryover": False}, columns=SPENDING), HAND_MADE, ctx)
    assert [(r.code, r.level.value) for r in table.rows] == [
        ("201", "class"), ("20101", "section"), ("2010101", "item"), ("2010102", "item"),
        ("20103", "section"), ("2010301", "item"), ("205", "class"), ("20501", "section"), ("2050101", "item"),
    ]
    rows = {r.code: r.named() for r in table.rows}
    assert rows["2010101"] == {"total": Decimal("7.01"), "basic": Decimal("1.01"), "project": Decimal("6.00")}
    assert rows["20101"]["total"] == Decimal("9.01")  # 1.005 + 2.005 + 6 = 9.010, rounded once
    assert rows["201"]["total"] == Decimal("12.01")
    assert table.total.named() == {"total": Decimal("16.02"), "basic": Decimal("4.01"), "project": Decimal("12.01")}
    assert table.row("2010101").name == ctx.names.function_name("2010101")


def test_filters_keep_only_the_facts_every_dimension_matches(ctx):
    columns = {
        "own": {"transfer": False, "carryover": False}, "transfer": {"transfer": True},
        "carried": {"carryover": True}, "fund": {"kind": "fund"}, "either": {"kind": ["fund", "general"], "function": "201"},
    }
    table = _pivot("t", _query(rows=["function_class"], columns=columns), HAND_MADE, ctx)
    assert {r.code: r.named() for r in table.rows} == {
        "201": {"own": Decimal("6.01"), "transfer": Decimal("6.00"), "carried": Decimal("5.00"), "fund": 0, "either": Decimal("17.01")},
        "205": {"own": Decimal("4.01"), "transfer": 0, "carried": 0, "fund": 0, "either": 0},
        "212": {"own": Decimal("7.00"), "transfer": 0, "carried": 0, "fund": Decimal("7.00"), "either": 0},
    }


def test_carryover_by_rule_follows_the_sets_rule(ctx, statistics_2024):
    query = _query(rows=["function_class"], where={"carryover": "by_rule", "kind": "general"}, columns={"total": {}})
    without = _pivot("t", query, HAND_MADE, ctx)
    assert not statistics_2024.template.rules.fiscal_tables_include_carryover
    with_carryover = _pivot("t", query, HAND_MADE, Context(ctx.data, ctx.names, Rules(), ctx.published))
    assert with_carryover.total_of("total") - without.total_of("total") == Decimal("5.00")


def test_a_blank_column_stays_empty_and_rows_without_money_are_left_out(ctx):
    query = _query(rows="function", where={"kind": "fund"}, columns={"total": {}, "note": {"blank": True}})
    table = _pivot("t", query, HAND_MADE, ctx)
    assert [r.code for r in table.rows] == ["212", "21201", "2120101"]
    assert all(r.value("note") == 0 for r in (*table.rows, table.total))
    everything = _pivot("t", _query(rows=["function_class"], keep_rows="note", columns={"total": {}, "note": {"blank": True}}), HAND_MADE, ctx)
    assert everything.rows == ()


def test_a_sum_column_and_a_subtotal_that_differ_from_their_shown_parts_are_tails(ctx):
    facts = (_fact("0.005", "2010101"), _fact("0.005", "2010101", "project"), _fact("0.005", "2010102"))
    table = _pivot("t", _query(rows="function", columns=SPENDING), facts, ctx)
    assert table.row("2010101").named() == {"total": Decimal("0.01"), "basic": Decimal("0.01"), "project": Decimal("0.01")}
    tails = {(t.row, t.column, t.shown_total, t.parts_sum) for t in table.tails}
    assert ("2010101", "total", Decimal("0.01"), Decimal("0.02")) in tails  # 合计 ≠ 基本 + 项目 as printed
    assert ("20101", "basic", Decimal("0.01"), Decimal("0.02")) in tails  # 款 ≠ its 项 as printed
    assert ("合计", "total", Decimal("0.02"), Decimal("0.02")) not in tails


def test_rows_by_class_list_the_sets_classes_money_or_not_and_the_total_checks_them(ctx):
    query = _query(rows=[{"by": "function_class", "always": "class_rows"}], total_name="支出总计", columns={"amount": {}})
    facts = (*HAND_MADE, _fact("0.004", "2220101"), _fact("0.004", "2220102"))
    table = _pivot("t", query, facts, Context(ctx.data, ctx.names, ctx.rules, ctx.published, ("201", "203", "205")))
    assert [(r.code, r.value("amount")) for r in table.rows] == [
        ("201", Decimal("17.01")), ("203", Decimal("0.00")), ("205", Decimal("4.01")), ("212", Decimal("7.00")), ("222", Decimal("0.01")),
    ]
    assert {r.level for r in table.rows} == {RowLevel.CLASS}
    assert table.tails == (Tail("t", "支出总计", "amount", Decimal("28.02"), Decimal("28.03")),)


def test_fixed_lines_may_overlap_and_the_total_is_every_fact_the_query_keeps(ctx):
    facts = tuple(
        Fact("three_public", Decimal(amount), kind=kind, fiscal=True, line=line)
        for line, kind, amount in (("car_buy", "general", "1.004"), ("car_run", "general", "2.004"), ("car_run", "fund", "3"), ("trip", "general", "0.5"))
    )
    query = _query(
        facts="three_public", total_parts=["cars", "trip"],
        columns={"total": {}, "general": {"kind": "general"}, "fund": {"kind": "fund"}, "capital": {"kind": "capital"}},
        lines=[{"code": "cars", "name": "车（小计）", "where": {"line": ["car_buy", "car_run"]}},
               {"code": "car_buy", "name": "其中：购置", "where": {"line": "car_buy"}}, {"code": "trip", "name": "出国", "where": {"line": "trip"}}],
    )
    table = _pivot("t10", query, facts, ctx)
    assert [(r.code, r.level, r.name, r.named()) for r in table.rows] == [
        ("cars", RowLevel.LINE, "车（小计）", {"total": Decimal("6.01"), "general": Decimal("3.01"), "fund": Decimal("3.00"), "capital": 0}),
        ("car_buy", RowLevel.LINE, "其中：购置", {"total": Decimal("1.00"), "general": Decimal("1.00"), "fund": 0, "capital": 0}),
        ("trip", RowLevel.LINE, "出国", {"total": Decimal("0.50"), "general": Decimal("0.50"), "fund": 0, "capital": 0}),
    ]
    assert table.total.named() == {"total": Decimal("6.51"), "general": Decimal("3.51"), "fund": Decimal("3.00"), "capital": 0}
    assert table.tails == ()  # 6.01 + 0.50 = 6.51: the total equals its parts as printed
    halves = tuple(Fact("three_public", Decimal("0.005"), kind="general", fiscal=True, line=line) for line in ("car_run", "trip"))
    assert _pivot("t10", query, halves, ctx).tails == (
        Tail("t10", "合计", "total", Decimal("0.01"), Decimal("0.02")), Tail("t10", "合计", "general", Decimal("0.01"), Decimal("0.02")),
    )


def test_shown_subtotals_add_up_the_printed_project_rows_of_each_unit_and_subject(statistics_2024):
    """The 2024 表7: unit → 类 → 款 → projects (sorted by 项), each group the sum of its printed projects."""
    table = statistics_2024.figures.tables["t7_grouped"]
    rows = list(table.rows)
    for i, row in enumerate(rows):
        if row.level is RowLevel.PROJECT:
            continue
        depth = ("unit", "class", "section").index(row.level.value)
        members = []
        for below in rows[i + 1:]:
            if below.level is not RowLevel.PROJECT and ("unit", "class", "section").index(below.level.value) <= depth:
                break
            members.append(below)
        projects = [r for r in members if r.level is RowLevel.PROJECT]
        assert projects and row.values == tuple(sum(v) for v in zip(*(p.values for p in projects)))
        assert all(p.code.startswith(row.code) for p in projects)
    projects = [r for r in rows if r.level is RowLevel.PROJECT]
    assert table.total.values == tuple(sum(v) for v in zip(*(p.values for p in projects)))
    assert table.tails == ()


PROJECT_LEVELS = (  # 项目类型 and 一级项目 of the 2024 statistics bureau's three projects, not in input order
    ("    资金来源: 48\n", "    资金来源: 48\n    项目类型: 其他运转类\n    一级项目: 统计调查\n"),
    ("    资金来源: {上级一般公共预算转移支付: 30}\n",
     "    资金来源: {上级一般公共预算转移支付: 30}\n    项目类型: 特定目标类\n    一级项目: 统计调查\n"),
    ("    资金来源: 26\n", "    资金来源: 26\n    项目类型: 其他运转类\n"),  # in no 一级项目
)


def test_projects_group_by_kind_then_parent_and_a_project_in_no_parent_stands_alone(tmp_path):
    """Rows by 项目类型 → 一级项目 → project: each group gathers its projects wherever they are in the input, and
    prints their subtotal; the same 一级项目 under two 项目类型 is two groups; a project without one has no group row."""
    folder = _user_set(tmp_path, """
query:
  by_level:
    rows: [project_kind, parent_project, project]
    where: {nature: project}
    columns: {total: {}, transfer: {transfer: true}}
""")
    path = edited_example(tmp_path, "changji-statistics-bureau-2024", ("  模板: changji-2024\n", "  模板: my-2024\n"), *PROJECT_LEVELS)
    prepared = prepare(path, (folder,))
    table = prepared.figures.tables["by_level"]
    names = public_names(prepared.data)
    assert [(r.level, r.detail or r.name, r.named()) for r in table.rows] == [
        (RowLevel.PROJECT_KIND, "其他运转类", {"total": Decimal("74.00"), "transfer": Decimal("0.00")}),
        (RowLevel.PARENT_PROJECT, "统计调查", {"total": Decimal("48.00"), "transfer": Decimal("0.00")}),
        (RowLevel.PROJECT, "统计调查业务经费", {"total": Decimal("48.00"), "transfer": Decimal("0.00")}),
        (RowLevel.PROJECT, names["专项统计调查保密经费"], {"total": Decimal("26.00"), "transfer": Decimal("0.00")}),
        (RowLevel.PROJECT_KIND, "特定目标类", {"total": Decimal("30.00"), "transfer": Decimal("30.00")}),
        (RowLevel.PARENT_PROJECT, "统计调查", {"total": Decimal("30.00"), "transfer": Decimal("30.00")}),
        (RowLevel.PROJECT, "自治区农业农村统计调查补助经费", {"total": Decimal("30.00"), "transfer": Decimal("30.00")}),
    ]
    assert table.total.named() == {"total": Decimal("104.00"), "transfer": Decimal("30.00")} and table.tails == ()


def test_project_levels_cannot_group_rows_that_are_not_projects(tmp_path):
    folder = _user_set(tmp_path, "query:\n  by_kind: {rows: [project_kind, function_item], columns: {total: {}}}\n")
    with pytest.raises(InvalidTemplateError, match="rows 中「project_kind」不能作为「function_item」行的分组"):
        load_template_set("my-2024", search_folders((folder,)))


# --- the built-in tables against the ledger, computed another way --------------------------------------------


@pytest.mark.parametrize("name", ["changji-cpc-office-2023", "changji-government-office-2024", "bayingol-cpc-office-2023"])
def test_the_spending_tables_equal_the_ledger_added_up_by_hand(name):
    prepared = prepare(EXAMPLES / f"{name}.yaml")
    ledger = build_ledger(prepared.data)
    carry = prepared.template.rules.fiscal_tables_include_carryover
    for key, keep in (("t3", lambda s: True), ("t5", lambda s: s.kind is BudgetKind.GENERAL and (carry or not s.is_carryover))):
        table = prepared.figures.tables[key]
        for length in (3, 5, 7):
            by_code: dict[str, dict[str, Decimal]] = {}
            for line in ledger:
                if keep(line.source):
                    cells = by_code.setdefault(line.code[:length], {"basic": Decimal(0), "project": Decimal(0)})
                    cells[line.nature.value] += line.amount
            shown = {code: {c: round_half_up(v) for c, v in cells.items()} for code, cells in by_code.items() if any(cells.values())}
            printed = {r.code: {"basic": r.value("basic"), "project": r.value("project")} for r in table.rows if len(r.code) == length}
            assert printed == shown, (key, length)


def test_t6_splits_basic_spending_by_the_personnel_classes_of_the_rules(statistics_2024):
    data, t6 = statistics_2024.data, statistics_2024.figures.tables["t6"]
    personnel = sum((v for c, v in data.basic_economic.items() if c[:3] in ("301", "303")), Decimal(0))
    assert t6.total_of("personnel") == round_half_up(personnel)
    assert t6.total_of("public") == round_half_up(sum(data.basic_economic.values(), Decimal(0)) - personnel)


def test_t11_lists_every_carried_over_item_under_the_department(statistics_2024):
    t11, grouped = statistics_2024.figures.tables["t11"], statistics_2024.figures.tables["t11_grouped"]
    items = statistics_2024.data.carryover_items
    assert [r.name for r in t11.rows] == [i.name for i in items] and [r.code for r in t11.rows] == [str(n) for n in range(1, len(items) + 1)]
    for row, item in zip(t11.rows, items):
        assert row.value("fiscal_project") == round_half_up(item.fiscal.project)
        assert row.value("other_total") == round_half_up(item.other.total)
    assert grouped.rows[0].level is RowLevel.UNIT and grouped.rows[0].name == statistics_2024.data.department.name
    assert grouped.rows[0].values == t11.total.values and grouped.rows[1:] == t11.rows


# --- queries in a set's tables.yaml ------------------------------------------------------------------------------


def _user_set(tmp_path: Path, tables: str) -> Path:
    folder = tmp_path / "sets" / "my-2024"
    folder.mkdir(parents=True)
    (folder / "set.yaml").write_text("name: my-2024\nbase: changji-2024\ntitle: 测试\nyear: 2024\n", encoding="utf-8")
    (folder / "tables.yaml").write_text(tables, encoding="utf-8")
    return tmp_path / "sets"


def test_a_set_declares_its_own_table_and_replaces_a_built_in_one(tmp_path):
    folders = search_folders((_user_set(tmp_path, """
query:
  fund_by_class:
    rows: [function_class]
    where: {kind: fund, carryover: false}
    columns: {total: {sum: [own, transfer]}, own: {transfer: false}, transfer: {transfer: true}, note: {blank: true}}
  t5:
    rows: [function_class]
    where: {kind: general, carryover: false}
    columns: {total: {}, basic: {nature: basic}, project: {nature: project}, note: {blank: true}}
"""),))
    template = load_template_set("my-2024", folders)
    assert list(template.queries)[:3] == ["t1_income", "t1_expenditure", "t2"] and "fund_by_class" in template.queries
    path = edited_example(tmp_path, "changji-statistics-bureau-2024", ("模板: changji-2024", "模板: my-2024"))
    tables = prepare(path, (folders[0],)).figures.tables
    assert tables["fund_by_class"].columns == ("total", "own", "transfer", "note")
    built_in = prepare(EXAMPLES / path.name).figures.tables
    assert tables["t5"].rows == tuple(  # the set's t5: 类 rows only, with a blank column
        Row(r.code, r.level, r.name, (*r.values, Decimal(0)), columns=(*r.columns, "note")) for r in built_in["t5"].rows if len(r.code) == 3
    )
    assert tables["t3"] == built_in["t3"]  # the built-in t3, as the base set has it


@pytest.mark.parametrize("query, message", [
    ("t5: {rows: function, columns: {basic: {nature: 基本}}}", "query.t5.columns.basic.nature：应是 'basic' or 'project' 之一，而不是「基本」"),
    ("t5: {rows: function, columns: {total: {sum: [basic]}}}", "query.t5：sum 中的列 basic 不存在；本表的列有：total"),
    ("t5: {rows: function, columns: {total: {colour: red}}}", "query.t5.columns.total.colour：不认识的键"),
    ("t5: {rows: [unit, function_item], columns: {total: {}}}", "query.t5：rows 中「unit」不能作为「function_item」行的分组"),
    ("t5: {rows: function, columns: {a: {sum: [b]}, b: {sum: [a]}}}", "query.t5：sum 列互相引用：a、b"),
    ("t5: {columns: {total: {}}}", "query.t5：rows 和 lines 须写其一（且只写其一）"),
    ("t1_income: {facts: income, columns: {amount: {}}, lines: [{code: a, name: 甲}], total_parts: [b]}", "query.t1_income：total_parts 中的行 b 不在 lines 中"),
    ("t5: {rows: function, columns: {total: {}}}", "query.t5 缺少列 basic、project：第三部分的说明和检查按名字读这些列"),
    ("t10: {facts: three_public, columns: {total: {}}, lines: [{code: overseas, name: 出国}]}", "query.t10 缺少行 reception、vehicle_purchase、vehicle_running"),
])
def test_a_bad_query_is_a_chinese_message_naming_the_file_and_the_key(tmp_path, query, message):
    folder = _user_set(tmp_path, "query:\n  " + query + "\n")
    with pytest.raises(InvalidTemplateError) as caught:
        load_template_set("my-2024", search_folders((folder,)))
    assert str(folder / "my-2024" / "tables.yaml") in str(caught.value) and message in str(caught.value)


def test_a_department_naming_a_set_with_a_bad_query_gets_a_located_problem_not_a_traceback(tmp_path):
    folder = _user_set(tmp_path, "query:\n  t5: {rows: function, columns: {total: {kind: general_budget}}}\n")
    path = edited_example(tmp_path, "changji-statistics-bureau-2024", ("模板: changji-2024", "模板: my-2024"))
    prepared = prepare(path, (folder,))
    [problem] = prepared.problems
    assert problem.check == "template" and "query.t5.columns.total.kind.0" in problem.message
    assert (problem.location.file, problem.location.line) == (folder / "my-2024" / "tables.yaml", 2)  # the set's line, not the department's


# --- shares asked for by name; templates cannot compute ------------------------------------------------------------

SHARES = """
shares:
  personnel_of_basic: {part: t6.personnel, of: t6.total}
  class_208: {part: t3.total@208, of: t3.total}
  absent_class: {part: t3.total@299, of: t3.total}
changes:
  spending_total: {current: t3.total, previous: [上年对比.支出.基本支出, 上年对比.支出.项目支出]}
  item_2013101: {current: t5.total@2013101, previous: 上年对比.功能分类项.2013101}
"""


def _text_set(tmp_path: Path, block: str, tables: str = SHARES) -> Path:
    """A set over changji-2023 whose 机关运行经费 sentence is `block`, with `tables` as its tables.yaml."""
    folder = tmp_path / "sets" / "my-2023"
    (folder / "text").mkdir(parents=True)
    (folder / "set.yaml").write_text("name: my-2023\nbase: changji-2023\ntitle: 测试\nyear: 2023\n", encoding="utf-8")
    (folder / "tables.yaml").write_text(tables, encoding="utf-8")
    (folder / "text" / "document.j2").write_text(
        '{% extends "changji-2023/text/document.j2" %}{% block running_costs %}<p>' + block + "</p>{% endblock %}\n",
        encoding="utf-8",
    )
    return tmp_path / "sets"


def _department(tmp_path: Path) -> Path:
    return edited_example(tmp_path, "changji-cpc-office-2023", ("  模板: changji-2023\n", "  模板: my-2023\n"))


@pytest.mark.slow
def test_a_share_named_in_the_set_is_computed_from_the_printed_cells(tmp_path):
    folder = _text_set(tmp_path, "人员经费占基本支出的{{ f.shares.personnel_of_basic|pct }}%，支出{{ f.changes.spending_total.amount_word }}")
    prepared = prepare(_department(tmp_path), (folder,))
    assert prepared.ok, [str(p) for p in prepared.problems]
    t3, t6 = prepared.figures.tables["t3"], prepared.figures.tables["t6"]
    assert prepared.figures.shares == {
        "personnel_of_basic": round_half_up(t6.total_of("personnel") * 100 / t6.total_of("total")),
        "class_208": round_half_up(t3.row("208").value("total") * 100 / t3.total_of("total")),
        "absent_class": Decimal("0.00"),
    }
    prior = prepared.data.prior
    assert prepared.figures.changes == {
        "spending_total": change(t3.total_of("total"), prior.spending.basic.previous + prior.spending.project.previous),
        "item_2013101": change(prepared.figures.tables["t5"].row("2013101").value("total"), prior.items["2013101"].previous),
    }
    assert prepared.figures.changes["spending_total"].previous != 0
    result = CliRunner().invoke(main, ["build", str(_department(tmp_path)), "-o", str(tmp_path / "out"), "--format", "docx",
                                       "--templates", str(folder)])
    assert result.exit_code == 0, result.output
    [docx] = (tmp_path / "out").glob("*.docx")
    printed = text_dump(open_docx(docx.read_bytes()))
    share = f"{prepared.figures.shares['personnel_of_basic']:.2f}".rstrip("0").rstrip(".")
    assert f"人员经费占基本支出的{share}%，支出{prepared.figures.changes['spending_total'].amount_word}" in printed


@pytest.mark.parametrize("share, message", [
    ("x: {part: t66.total, of: t3.total}", "shares.x.part「t66.total」：表「t66」不存在"),
    ("x: {part: t6.personel, of: t6.total}", "shares.x.part「t6.personel」：表「t6」没有列「personel」；可用的有：total、personnel、public"),
    ("x: {part: t6 personnel, of: t6.total}", "shares.x.part：「t6 personnel」应写成 表.列（合计行）或 表.列@行代码"),
    ("x: {current: t3.totl, previous: 上年对比.支出.基本支出}", "changes.x.current「t3.totl」：表「t3」没有列「totl」"),
    ("x: {current: t3.total, previous: 上年对比.支出.基本}", "changes.x.previous：「上年对比.支出.基本」中「上年对比.支出」下没有「基本」；可以写：基本支出、项目支出"),
])
def test_a_bad_share_or_change_names_the_file_and_the_key(tmp_path, share, message):
    section = "changes" if "current" in share else "shares"
    folder = _text_set(tmp_path, "", f"{section}:\n  " + share + "\n")
    with pytest.raises(InvalidTemplateError) as caught:
        load_template_set("my-2023", search_folders((folder,)))
    assert str(folder / "my-2023" / "tables.yaml") in str(caught.value) and message in str(caught.value)


@pytest.mark.parametrize("block", [
    "人员经费占{{ (f.personnel / f.basic_total * 100)|pct }}%",
    "{{ f.personnel + f.public }}",
    "{{ -f.public }}",
])
def test_a_text_template_cannot_compute_with_amounts(tmp_path, block):
    folder = _text_set(tmp_path, block)
    result = CliRunner().invoke(main, ["check", str(_department(tmp_path)), "--templates", str(folder)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "my-2023/text/document.j2 第 1 行：模板不能计算金额或百分比" in result.output


def test_counting_in_a_text_template_is_still_allowed(tmp_path):
    folder = _text_set(tmp_path, "{{ f.year - 1 }}年、第{{ 1 + 1 }}项")
    result = CliRunner().invoke(main, ["check", str(_department(tmp_path)), "--templates", str(folder)])
    assert "模板不能计算" not in result.output, result.output


def test_a_table_printing_an_undeclared_source_or_column_is_refused_when_the_set_loads(tmp_path):
    spec = "  body: tree\n  header: [[a, b, c, d, e]]\n  kinds: [code, code, code, text, amount]\n  widths: [1, 1, 1, 1, 1]\n"
    folder = _user_set(tmp_path, "t3:\n  source: t33\n" + spec)
    with pytest.raises(InvalidTemplateError, match="表 t3 的 source「t33」不是已声明的派生表；可用的有：t1_income、"):
        load_template_set("my-2024", search_folders((folder,)))
    (folder / "my-2024" / "tables.yaml").write_text("t3:\n  source: t3\n  values: [basics]\n" + spec, encoding="utf-8")
    load_template_set.cache_clear()
    with pytest.raises(InvalidTemplateError, match="表 t3 的 values 有 basics，而「t3」没有这些列；它的列有：total、basic、project"):
        load_template_set("my-2024", search_folders((folder,)))


def test_a_set_without_a_base_still_finds_the_built_in_tables_by_their_old_names(tmp_path):
    folder = tmp_path / "sets" / "solo-2023"
    folder.mkdir(parents=True)
    own = (BUILTIN_TEMPLATES / "changji-2023" / "set.yaml").read_text(encoding="utf-8").replace("name: changji-2023", "name: solo-2023")
    (folder / "set.yaml").write_text(own, encoding="utf-8")
    (folder / "tables.yaml").write_text("t5:\n  body: tree\n  source: t5\n  header: [[a, b, c, d, e, f, g]]\n"
                                        "  kinds: [code, code, code, text, amount, amount, amount]\n  widths: [1, 1, 1, 1, 1, 1, 1]\n",
                                        encoding="utf-8")
    template = load_template_set("solo-2023", search_folders((tmp_path / "sets",)))
    assert template.base is None and template.queries["t5"] == builtin_queries()["t5"]


@pytest.mark.slow
def test_the_fiscal_overview_prints_the_columns_its_values_name(tmp_path):
    """表4 from a set that prints only 合计 and 一般公共预算 of its spending side (a 4-column 表4)."""
    folder = _user_set(tmp_path, """
t4:
  body: fiscal_overview
  values: [total, general]
  header: [[项目, 金额, 功能分类, 合计, 一般公共预算]]
  kinds: [text, amount, text, amount, amount]
  widths: [2, 1, 3, 1, 1]
  total_label: [收入总计, 支出总计]
""")
    path = edited_example(tmp_path, "changji-statistics-bureau-2024", ("模板: changji-2024", "模板: my-2024"))
    result = CliRunner().invoke(main, ["build", str(path), "-o", str(tmp_path / "out"), "--format", "docx", "--templates", str(folder)])
    assert result.exit_code == 0, result.output
    [docx] = (tmp_path / "out").glob("*.docx")
    t4 = prepare(path, (folder,)).figures.tables["t4_expenditure"]
    printed = [row for table in open_docx(docx.read_bytes()).tables for row in table_rows(table) if row and row[0] == "收入总计"]
    assert printed == [["收入总计", f"{t4.total_of('total'):,}", "支出总计", f"{t4.total_of('total'):,}", f"{t4.total_of('general'):,}"]]
