"""The 2024 county format on our 2024 example: 表11, grouped 表7, number style, secret projects, checks."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from disclosure_gen.compose.numbers import Formatter
from disclosure_gen.compose.tables import COLUMN_NUMBER_MARK
from disclosure_gen.money import percent, round_half_up

from ..conftest import edited_example, problems_of
from ..docx_text import open_docx, table_rows, tables_by_title, text_dump
from ..writers.test_pdf import pdftotext

NAME = "changji-statistics-bureau-2024"
_UNGROUPED_AMOUNT = re.compile(r"(?<![\d,])\d{4,}\.\d{2}")
_PERCENT = re.compile(r"(?:占|增长|下降)(\d+(?:\.\d+)?)%")  # the derived shares and rates (not indicator values)


@pytest.fixture(scope="module")
def example(prepared_examples):
    prepared = prepared_examples[NAME]
    assert prepared.ok and not prepared.problems, [str(p) for p in prepared.problems]
    return prepared


@pytest.fixture(scope="module")
def texts(built_examples):
    """The 2024 example's DOCX text and PDF text."""
    outputs = built_examples[NAME]
    return text_dump(open_docx(outputs["docx"])), pdftotext(outputs["pdf"])


def test_the_2024_example_is_rendered_with_the_2024_set(example):
    assert example.template.name == "changji-2024" and example.template.base == "changji-2023"


def test_carryover_spent_under_229_is_in_tables_1_to_3_but_not_4_and_5(example):
    t = example.figures.tables
    carried = sum((i.fiscal.project for i in example.data.carryover_items if i.function_code == "2299999"), Decimal(0))
    assert carried and t["t1_expenditure"].row("229").values[0] == carried
    assert t["t2"].row("2299999").values[t["t2"].columns.index("fiscal_carryover")] == carried
    assert t["t3"].row("2299999").values == (carried, Decimal("0.00"), carried)
    assert t["t4_expenditure"].row("229").values[0] == 0
    assert t["t5"].row("229") is None and t["t5"].total.values[0] < t["t3"].total.values[0]


def test_table_11_has_a_row_per_item_and_agrees_with_table_1(example):
    t11, t1 = example.figures.tables["t11"], example.figures.tables["t1_income"]
    for item, row in zip(example.data.carryover_items, t11.rows, strict=True):
        f, o = item.fiscal, item.other
        exact = (f.total + o.total, f.total, f.personnel, f.public, f.project, o.total, o.personnel, o.public, o.project)
        assert row.name == item.name and row.values == tuple(round_half_up(v) for v in exact)
    assert t11.total.values[0] == t1.row("carryover").values[0]
    assert t11.total.values[1] == t1.row("fiscal_carryover").values[0]
    assert not t11.tails


def test_table_7_groups_projects_by_unit_class_and_section(example):
    rows = example.figures.tables["t7_grouped"].rows
    assert [r.level for r in rows[:3]] == ["unit", "class", "section"]
    projects = [r for r in rows if r.level == "project"]
    for group in (r for r in rows if r.level != "project"):
        members = [p for p in projects if p.code.startswith(group.code)] if group.code else projects
        assert group.values == tuple(sum((p.values[i] for p in members), Decimal(0)) for i in range(len(group.values)))
    assert example.figures.tables["t7_grouped"].total.values == rows[0].values
    current_general = {p.name for p in example.data.projects if "一般公共预算结转" not in p.sources}
    assert len(projects) == len(current_general), "the carried-over project has no current-year money for 表7"


@pytest.mark.slow
def test_a_secret_project_is_published_only_under_its_code_name(example, texts):
    secret = next(p for p in example.data.projects if p.secret)
    for text in texts:
        assert secret.name not in text
        assert "涉密项目一" in text
    docx_text = texts[0]
    assert docx_text.count("完全不予公开") == 4  # 说明七 three times, 说明十二（五） once
    fmt = Formatter(example.template.numbers)
    s = example.figures.secret
    assert s.count == 1 and s.amount == sum(secret.sources.values())
    assert f"部门有{s.count}个涉密项目，涉及预算资金{fmt.amount(s.amount)}万元" in docx_text
    assert docx_text.count("项目支出绩效目标表") == sum(1 for p in example.data.projects if p.performance and not p.secret)
    assert docx_text.count("项目支出绩效目标表") == example.figures.performance.tables
    managed = [p for p in example.figures.projects if not p.secret and p.performance and p.performance.fiscal]
    assert example.figures.performance.fiscal_count == len(managed)


def test_a_secret_project_can_be_given_its_own_code_name(tmp_path):
    from disclosure_gen.pipeline import prepare

    path = edited_example(tmp_path, NAME, ("    涉密: true\n", "    涉密: true\n    代号: 统计专项甲\n"))
    figures = prepare(path).figures
    assert "统计专项甲" in [r.detail for r in figures.tables["t7_grouped"].rows]
    assert "统计专项甲" in [p.name for p in figures.projects]


@pytest.mark.slow
def test_amounts_have_thousands_separators_and_percentages_two_decimals(example, texts):
    fmt = Formatter(example.template.numbers)
    assert example.figures.income_total >= 1000
    for text in texts:
        assert fmt.amount(example.figures.income_total) in text and "," in fmt.amount(example.figures.income_total)
        assert not _UNGROUPED_AMOUNT.findall(text)
        percentages = _PERCENT.findall(text)
        assert percentages and all(re.fullmatch(r"\d+\.\d{2}", p) for p in percentages), percentages


@pytest.mark.slow
@pytest.mark.parametrize("key, title", [
    ("t2", "部门收入总体情况表"), ("t3", "部门支出总体情况表"), ("t5", "一般公共预算支出情况表"),
    ("t6", "一般公共预算基本支出情况表"), ("t7", "一般公共预算项目支出情况表"), ("t11", "上年结转结余情况明细表"),
])
def test_tables_carry_column_numbers_and_the_total_on_top(key, title, example, built_docx):
    spec = example.template.tables[key]
    rows = table_rows(tables_by_title(open_docx(built_docx[NAME]))[title])
    numbers, total = rows[len(spec.header)], rows[len(spec.header) + 1]
    labels = spec.label_columns
    assert numbers[:labels] == [COLUMN_NUMBER_MARK] * labels
    assert numbers[labels:] == [str(i) for i in range(1, len(spec.kinds) - labels + 1)]
    assert "总计" in total
    derived = example.figures.tables[spec.source]
    assert total[labels:] == [Formatter(example.template.numbers).cell(v) for v in derived.total.values]


@pytest.mark.slow
def test_income_and_spending_explanations_follow_the_2024_rules(example, texts):
    f, t = example.figures, example.figures.tables
    general = next(e for e in f.income if e.key == "general")
    assert general.amount == t["t1_income"].row("general_own").values[0]
    assert general.share == percent(general.amount, f.income_total)
    basic = next(e for e in f.spending if e.key == "basic")
    assert basic.share == percent(t["t3"].total.values[1], t["t3"].total.values[0])
    assert f.general_total == t["t5"].total.values[0] < f.expenditure_total
    fmt = Formatter(example.template.numbers)
    assert f"\n一般公共预算{fmt.amount(general.amount)}万元，占{fmt.percent(general.share)}%" in texts[0]
    carry = next(e for e in f.income if e.key == "fiscal_carryover")
    assert f"财政拨款结转{fmt.amount(carry.amount)}万元，占{fmt.percent(carry.share)}%" in texts[0]


@pytest.mark.slow
def test_sections_eleven_and_twelve(example, texts):
    dept, year = example.figures.department, example.figures.year
    fmt = Formatter(example.template.numbers)
    text = texts[0]
    section = text[text.rindex(f"十一、关于{dept}{year}年上年结转结余预算情况说明"):text.rindex("十二、其他重要事项的情况说明")]
    for item in example.figures.carryover.items:
        assert f"{item.label}{fmt.amount(item.amount)}万元，{item.note}" in section


@pytest.mark.slow
def test_the_department_performance_table(example, built_docx):
    p = example.figures.department_performance
    shown = {r.code: r.values[0] for r in example.figures.tables["t1_income"].rows}
    assert p.total == example.figures.income_total == p.upper + p.own + p.other
    from_above = round_half_up(sum((i.fiscal.total for i in example.data.carryover_items if i.origin.value == "上级"), Decimal(0)))
    assert p.upper == shown["general_transfer"] + shown["fund_transfer"] + shown["capital_transfer"] + from_above
    assert p.own == shown["general_own"] + shown["fund_own"] + shown["capital_own"] + shown["fiscal_carryover"] - from_above
    assert p.weight_total == example.template.rules.department_performance_weight_total
    rows = table_rows(tables_by_title(open_docx(built_docx[NAME]))["部门整体绩效目标表"])
    flat = [cell for row in rows for cell in row]
    fmt = Formatter(example.template.numbers)
    for value in (p.contact, p.phone, p.goal, fmt.fixed(p.upper), fmt.fixed(p.own), fmt.fixed(p.other)):
        assert value in flat
    for indicator in example.data.department_performance.indicators:
        assert [indicator.first_level, indicator.second_level, indicator.name, indicator.target, indicator.basis,
                str(indicator.weight)] in rows


def _problem(path, check):
    found = [p for p in problems_of(path) if p.check == check]
    assert found, [str(p) for p in problems_of(path)]
    return found[0]


def test_staff_total_is_an_error_in_the_2024_format(tmp_path):
    problem = _problem(edited_example(tmp_path, NAME, ("    实有人数: 29\n", "    实有人数: 30\n")), "staff-total")
    assert problem.level.value == "error" and problem.location.field == "概况.人员情况.实有人数"


def test_carryover_must_be_itemised_in_the_2024_format(tmp_path):
    path = edited_example(tmp_path, NAME, ("上年结转结余明细:\n", "旧明细:\n"))
    source = path.read_text(encoding="utf-8")
    block = source[source.index("旧明细:\n"):source.index("部门整体绩效目标:")]
    path.write_text(source.replace(block, ""), encoding="utf-8")
    problem = _problem(path, "carryover-items-missing")
    assert problem.level.value == "error" and "上年结转结余明细" in problem.message and problem.location.line


def test_carryover_items_must_match_the_carried_spending(tmp_path):
    path = edited_example(tmp_path, NAME, ("    财政拨款: {公用经费: 7.6}\n", "    财政拨款: {公用经费: 5.6}\n"))
    problem = _problem(path, "carryover-items-sum")
    assert "5.60 万元" in problem.message and "7.60 万元" in problem.message and "差 2.00" in problem.message


def test_department_indicator_weights_must_total_90_as_published(tmp_path):
    path = edited_example(tmp_path, NAME, ("设定依据: 计划标准, 分值权重: 10}", "设定依据: 计划标准, 分值权重: 15}"))
    problem = _problem(path, "department-performance-weights")
    assert problem.level.value == "error" and "分值合计 95，应为 90" in problem.message


@pytest.mark.slow
def test_a_missing_department_table_is_a_warning_and_the_document_still_builds(tmp_path):
    from disclosure_gen.build import BuildOptions, render
    from disclosure_gen.pipeline import prepare

    path = edited_example(tmp_path, NAME, ("部门整体绩效目标:\n", "三公经费_:\n"))
    source = path.read_text(encoding="utf-8")
    path.write_text(source[:source.index("三公经费_:\n")] + source[source.index("三公经费:\n"):], encoding="utf-8")
    prepared = prepare(path)
    assert [p.check for p in prepared.problems] == ["department-performance-missing"] and prepared.ok
    assert "部门整体绩效目标表" not in text_dump(open_docx(render(prepared, BuildOptions(("docx",)))["docx"]))


def test_a_secret_projects_name_in_other_text_is_an_error(tmp_path):
    path = edited_example(tmp_path, NAME, ("原因: 新增涉密项目}\n", "原因: 新增专项统计调查保密经费}\n"))
    problem = _problem(path, "secret-name-published")
    assert problem.location.field == "上年对比.功能分类项.2010599.原因" and problem.location.line


@pytest.mark.parametrize(
    ("name", "project_tables", "department_table", "pointed"),
    [
        ("changji-npc-office-2023", 5, False, True),
        ("changji-npc-office-2023", 0, False, False),
        (NAME, 0, True, True),  # the 2024 format's 部门整体绩效目标表 follows even with no project table
        (NAME, 0, False, False),
    ],
)
def test_the_text_points_to_performance_tables_only_when_some_follow(name, project_tables, department_table, pointed, prepared_examples):
    from dataclasses import replace

    from disclosure_gen.compose import compose

    prepared = prepared_examples[name]
    figures = prepared.figures
    figures = replace(
        figures,
        performance=replace(figures.performance, tables=project_tables),
        department_performance=figures.department_performance if department_table else None,
    )
    text = "".join(getattr(block, "text", "") for chunk in compose(prepared.data, figures, prepared.template).chunks for block in chunk.blocks)
    assert ("具体情况见下表" in text) is pointed


@pytest.mark.slow
def test_a_secret_project_needs_only_what_is_printed_for_it(tmp_path):
    from disclosure_gen.build import BuildOptions, render
    from disclosure_gen.pipeline import prepare

    path = edited_example(
        tmp_path, NAME,
        ("    政策依据: 按保密规定不予公开\n    承担单位: 昌吉市统计局\n    资金分配: 按保密规定不予公开\n    执行期: {开始: 2024-01-01, 结束: 2024-12-31}\n    涉密: true\n",
         "    承担单位: 昌吉市统计局\n    涉密: true\n"),
    )
    prepared = prepare(path)
    assert prepared.ok and not [p for p in prepared.problems if p.location.field.startswith("项目")], prepared.problems
    text = text_dump(open_docx(render(prepared, BuildOptions(("docx",)))["docx"]))
    assert text.count("完全不予公开") >= 3 and "专项统计调查保密经费" not in text


def test_a_project_that_is_not_secret_must_say_its_basis_allocation_and_period(tmp_path):
    from disclosure_gen.pipeline import prepare

    path = edited_example(
        tmp_path, NAME,
        ("    政策依据: 按保密规定不予公开\n    承担单位: 昌吉市统计局\n    资金分配: 按保密规定不予公开\n    执行期: {开始: 2024-01-01, 结束: 2024-12-31}\n    涉密: true\n",
         "    承担单位: 昌吉市统计局\n"),
    )
    [problem] = [p for p in prepare(path).problems if "只有涉密项目可以不填" in p.message]
    assert "「政策依据」「资金分配」「执行期」" in problem.message and problem.location.line == 120


def test_project_performance_tables_list_only_entered_indicators_in_2024_and_every_level_in_2023(prepared_examples):
    def empty_rows(name: str) -> list:
        return [row for project in prepared_examples[name].figures.projects if project.performance
                for row in project.performance.rows if not row.name]

    assert not empty_rows(NAME)
    assert {row.second_level for row in empty_rows("changji-cpc-office-2023")} >= {"社会成本指标", "生态成本指标", "生态效益指标"}


def test_a_carried_over_project_is_entered_once_and_kept_out_of_section_seven(prepared_examples):
    figures = prepared_examples[NAME].figures
    assert "第五次全国经济普查经费" not in {p.name for p in figures.projects}
    from disclosure_gen.derive.ledger import build_ledger

    ledger = build_ledger(prepared_examples[NAME].data)
    assert any(line.project == "第五次全国经济普查经费" and line.code == "2299999" for line in ledger)
    assert prepared_examples[NAME].ok and not prepared_examples[NAME].problems


def test_carried_over_money_from_above_counts_as_upper_level_in_the_department_table(prepared_examples, tmp_path):
    from disclosure_gen.pipeline import prepare

    table = prepared_examples[NAME].figures.department_performance
    assert (table.upper, table.own, table.other) == (Decimal("568.00"), Decimal("495.86"), Decimal("0.00"))
    own = prepare(edited_example(tmp_path, NAME, ("    来源: 上级        # 国家和自治区安排的普查经费\n", ""))).figures.department_performance
    assert (own.upper, own.own, own.other) == (Decimal("30.00"), Decimal("1033.86"), Decimal("0.00"))


def test_a_carried_over_project_typed_twice_is_refused_with_advice(tmp_path):
    path = edited_example(tmp_path, NAME, ("  - 名称: 专项统计调查保密经费\n", (
        "  - 名称: 第五次全国经济普查经费（上年结转）\n    科目: 2299999\n    资金来源: {一般公共预算结转: 538}\n"
        "    经济分类: {}\n    承担单位: 昌吉市统计局\n    涉密: true\n  - 名称: 专项统计调查保密经费\n")))
    problem = _problem(path, "carryover-items-sum")
    assert "1076.00" in problem.message and "只录入一次" in problem.message


def test_a_code_on_a_carried_over_item_without_project_money_is_refused(tmp_path):
    from disclosure_gen.pipeline import prepare

    path = edited_example(tmp_path, NAME, ("    财政拨款: {公用经费: 7.6}\n", "    财政拨款: {公用经费: 7.6}\n    科目: 2010501\n"))
    assert any("不需要「科目」" in p.message for p in prepare(path).problems)


def test_an_unknown_code_on_a_carried_over_item_is_located(tmp_path):
    path = edited_example(tmp_path, NAME, ("    科目: 2299999     #", "    科目: 2299998     #"))
    problem = _problem(path, "unknown-code")
    assert problem.location.field == "上年结转结余明细[1].科目" and "2299998" in problem.message
