"""Each check catches the data that would cause an error found in the published documents."""

from decimal import Decimal

import pytest

from disclosure_gen.checks import CHECKS
from disclosure_gen.pipeline import prepare
from disclosure_gen.problems import Level

from ..conftest import EXAMPLES, edited_example, example_in_yuan, example_files, problems_of

CPC = "changji-cpc-office-2023"
NPC = "changji-npc-office-2023"


def flagged(path, check_id):
    """The problems of one check for a file."""
    return [p for p in problems_of(path) if p.check == check_id]


def test_examples_have_no_errors():
    for path in example_files():
        prepared = prepare(path)
        assert prepared.ok, [str(p) for p in prepared.problems]


def test_check_ids_are_unique_and_documented():
    ids = [c.id for c in CHECKS]
    assert len(ids) == len(set(ids))
    assert all(c.summary for c in CHECKS)


def test_npc_30110_that_does_not_tie_to_its_medical_items(tmp_path):
    """NPC: 30110 printed 28.20 beside 2101101 26.50 + 2101102 1.69."""
    path = edited_example(tmp_path, NPC, ("  30110: 28.19", "  30110: 28.20"), ("  30199: 6.57", "  30199: 6.56"))
    [problem] = flagged(path, "personnel-tie")
    assert problem.level is Level.ERROR
    assert "28.20" in problem.message and "28.19" in problem.message and "差 0.01" in problem.message
    assert problem.location.line == 56


def test_npc_allocation_that_exceeds_the_project_scale(tmp_path):
    """NPC 人大会议: 35 + 2 + 1.5 + 1.5 = 40 against a scale of 38."""
    path = edited_example(tmp_path, NPC, ("{用途: 昌吉市十届三次人代会, 金额: 33}", "{用途: 昌吉市十届三次人代会, 金额: 35}"))
    [problem] = flagged(path, "allocation-sum")
    assert "40.00" in problem.message and "38.00" in problem.message and "差 2.00" in problem.message


def test_npc_item_that_makes_a_class_disagree_with_its_parts(tmp_path):
    """NPC 201 基本支出 491.23 against 473.27 + 17.97: a mistyped part unbalances the budget."""
    path = edited_example(tmp_path, NPC, ("  2010101: 473.27", "  2010101: 473.26"))
    [balance] = flagged(path, "income-balance")
    assert "825.94" in balance.message and "825.93" in balance.message
    assert flagged(path, "basic-economic-total")


def test_basic_spending_that_differs_from_its_economic_breakdown(tmp_path):
    """Bayingol: 人员经费 1975.94 + 公用经费 291.3 against 基本支出 2267.23."""
    path = edited_example(tmp_path, CPC, ("  30101: 290.86", "  30101: 300.86"))
    [problem] = flagged(path, "basic-economic-total")
    assert "1094.04" in problem.message and "1084.04" in problem.message and "差 10.00" in problem.message


def test_npc_items_left_unexplained(tmp_path):
    """NPC: three 21011 items of table 3 had no sentence in section 五."""
    path = edited_example(tmp_path, NPC, ("    2101102: {上年: 2.05, 原因: 事业单位人员减少}\n", ""))
    [problem] = flagged(path, "reason-missing")
    assert "2101102" in problem.message and problem.level is Level.ERROR


def test_reason_that_repeats_the_template_phrase(tmp_path):
    """Bayingol: 主要原因是：主要原因是：在职人员工资调整."""
    path = edited_example(tmp_path, CPC, ("原因: 加强管理精简开支}", "原因: 主要原因是：加强管理精简开支}"))
    assert flagged(path, "reason-prefix")


def test_cpc_last_year_items_that_do_not_reconcile():
    """CPC: item changes add to 67.21 while the total changed by 67.23."""
    [problem] = flagged(EXAMPLES / f"{CPC}.yaml", "prior-items-total")
    assert problem.level is Level.WARNING and "差 0.02" in problem.message


def test_cpc_actual_staff_against_its_parts():
    [problem] = flagged(EXAMPLES / f"{CPC}.yaml", "staff-total")
    assert "96" in problem.message and problem.level is Level.WARNING


def test_vehicle_total_is_derived_from_its_kinds(tmp_path):
    """Bayingol printed the same 23 vehicles worth 609.57 and 683.91; the tool prints one derived sum."""
    path = edited_example(
        tmp_path, CPC, ("      一般公务用车: {数量: 7, 价值: 168.79}", "      一般公务用车: {数量: 7, 价值: 168.79}\n      其他车辆: {数量: 2, 价值: 10.5}")
    )
    assets = prepare(path).figures.assets
    assert (assets.vehicle_count, assets.vehicle_value) == (9, Decimal("179.29"))


def test_reason_for_a_change_that_says_unchanged(tmp_path):
    path = edited_example(tmp_path, CPC, ("原因: 加强管理精简开支}", "原因: 较上年持平}"))
    [problem] = flagged(path, "reason-contradicts")
    assert problem.level is Level.WARNING and "1.22" in problem.message


def test_unknown_code_is_named(tmp_path):
    path = edited_example(tmp_path, CPC, ("  2101199: 0.42", "  2101198: 0.42"))
    messages = [p.message for p in flagged(path, "unknown-code")]
    assert any("2101198" in m for m in messages)


def test_extra_codes_extend_the_catalogue(tmp_path):
    path = edited_example(
        tmp_path, CPC, ("  2013150: 243.92", "  2013198: 243.92"),
        ("其他事项:\n", "补充科目:\n  2013198: 本地试点事务\n\n其他事项:\n"),
        ("    2013150: {上年: 201.04,", "    2013198: {上年: 201.04,"),
    )
    assert not flagged(path, "unknown-code")
    assert prepare(path).figures.tables["t3"].row("2013198").name == "本地试点事务"


def test_duplicate_project_names(tmp_path):
    path = edited_example(tmp_path, CPC, ("  - 名称: 线路租赁费", "  - 名称: 电子政务内网运维"))
    assert flagged(path, "duplicate-project")


def test_performance_weights_must_total_ninety(tmp_path):
    path = edited_example(tmp_path, CPC, ("三级指标: 网络线路搭建, 指标值: ≥4条, 设置依据: 历史标准, 分值权重: 6", "三级指标: 网络线路搭建, 指标值: ≥4条, 设置依据: 历史标准, 分值权重: 7"))
    [problem] = flagged(path, "performance-weights")
    assert "91" in problem.message and "90" in problem.message


def test_project_economic_split_must_add_up(tmp_path):
    path = edited_example(tmp_path, CPC, ("    经济分类: {302: 10}", "    经济分类: {302: 9}"))
    assert flagged(path, "project-economic-sum")


def test_procurement_reserve_cannot_exceed_budget(tmp_path):
    path = edited_example(tmp_path, CPC, ("    面向小微企业预留: 147.7", "    面向小微企业预留: 150"))
    assert flagged(path, "procurement-reserved")


def test_errors_block_the_figures(tmp_path):
    path = edited_example(tmp_path, NPC, ("  30110: 28.19", "  30110: 28.20"), ("  30199: 6.57", "  30199: 6.56"))
    prepared = prepare(path)
    assert not prepared.ok and prepared.figures is None


def test_rounding_tails_of_amounts_kept_in_yuan(tmp_path):
    """Bayingol printed 卫生健康 151.69 beside 151.7: 元 amounts leave tails the document must note."""
    path = example_in_yuan(
        tmp_path, CPC,
        ("  2101101: 412700", "  2101101: 412705"), ("  2101102: 229900", "  2101102: 229945"),
        ("  30110: 642600", "  30110: 642650"), ("    一般财力: 11590400", "    一般财力: 11590450"),
    )
    prepared = prepare(path)
    assert prepared.ok, [str(p) for p in prepared.problems]
    t3 = prepared.figures.tables["t3"]
    assert t3.row("21011").values[0] == Decimal("71.45")
    assert [r.values[0] for r in t3.rows if r.code.startswith("21011") and len(r.code) == 7] == [
        Decimal("41.27"), Decimal("22.99"), Decimal("6.76"), Decimal("0.42")
    ]
    tails = {(t.table, t.row) for t in prepared.figures.tails}
    assert ("t3", "21011") in tails and ("t3", "210") not in tails
    assert any("71.45" in p.message and "71.44" in p.message for p in flagged(path, "rounding-tail"))


def test_a_reason_that_explains_an_increase_by_last_years_gap_is_not_a_contradiction(tmp_path):
    reason = "2023年度未安排招商考察及电子政务项目经费两项工作经费，2024年度根据工作需要年初安排了两项项目经费"
    path = edited_example(tmp_path, "changji-statistics-bureau-2024", ("原因: 新增涉密项目，统计调查补助标准提高}", f"原因: {reason}}}"))
    assert not flagged(path, "reason-contradicts")


def test_an_unchanged_item_whose_reason_says_unchanged_is_not_a_contradiction(tmp_path):
    reason = "厉行节俭，提高公车利用率，未计划购置公务用车，与上年持平"
    path = edited_example(tmp_path, "changji-statistics-bureau-2024", ("公务用车购置费: {上年: 0, 原因: 未安排}", f"公务用车购置费: {{上年: 0, 原因: {reason}}}"))
    assert not flagged(path, "reason-contradicts")


def test_an_unchanged_item_whose_reason_speaks_only_of_a_change_is_still_flagged(tmp_path):
    path = edited_example(tmp_path, "changji-statistics-bureau-2024", ("公务用车购置费: {上年: 0, 原因: 未安排}", "公务用车购置费: {上年: 0, 原因: 提高公车利用率}"))
    [problem] = flagged(path, "reason-contradicts")
    assert "公务用车购置费" in problem.message and "与上年相同" in problem.message


@pytest.mark.slow
def test_an_empty_running_costs_scope_is_accepted_and_the_sentence_reads_without_it(tmp_path):
    from disclosure_gen.build import BuildOptions, render
    from disclosure_gen.pipeline import prepare

    from ..docx_text import open_docx, text_dump

    path = edited_example(tmp_path, CPC, ("机关运行经费范围: 本级及下属的8个科室及5个下属事业单位、2个下属局", '机关运行经费范围: ""'))
    prepared = prepare(path)
    assert not [p for p in prepared.problems if p.location.field == "其他事项.机关运行经费范围"], prepared.problems
    text = text_dump(open_docx(render(prepared, BuildOptions(("docx",)))["docx"]))
    assert "2023年，中国共产党昌吉市委员会办公室机关运行经费财政拨款预算" in text.replace(" ", "")


def test_a_one_cent_tie_gap_in_a_wan_file_is_explained_as_a_rounding_tail(tmp_path):
    path = edited_example(tmp_path, NPC, ("  30110: 28.19", "  30110: 28.20"), ("  30199: 6.57", "  30199: 6.56"))
    [problem] = flagged(path, "personnel-tie")
    assert "尾差" in problem.message and "「单位: 元」" in problem.message


def test_a_larger_tie_gap_asks_for_a_correction_not_a_unit_change(tmp_path):
    path = edited_example(tmp_path, NPC, ("  30110: 28.19", "  30110: 28.50"), ("  30199: 6.57", "  30199: 6.26"))
    [problem] = flagged(path, "personnel-tie")
    assert "尾差" not in problem.message and "请改正其中一边" in problem.message


def test_a_one_cent_income_gap_in_a_wan_file_is_explained_as_a_rounding_tail(tmp_path):
    path = edited_example(tmp_path, NPC, ("  2010101: 473.27", "  2010101: 473.26"))
    [balance] = flagged(path, "income-balance")
    assert "尾差" in balance.message and "「单位: 元」" in balance.message


def test_a_larger_income_gap_asks_to_check_income_or_spending(tmp_path):
    path = edited_example(tmp_path, NPC, ("  2010101: 473.27", "  2010101: 463.27"))
    [balance] = flagged(path, "income-balance")
    assert "尾差" not in balance.message and "请核对收入或支出" in balance.message

def test_characters_no_installed_font_has_are_reported_where_they_are(tmp_path):
    """U+10000 (Linear B) and U+10FFFD (private use): `fc-list ':charset=10000'` finds no font on the build machine.

    龘 (U+9F98) is rare but Noto CJK has it: the 主要职能 that holds it is not reported.
    """
    path = edited_example(
        tmp_path, CPC,
        ("  名称: 中国共产党昌吉市委员会办公室", "  名称: 中国共产党昌吉市委员会办公室\U00010000"),
        ("  其他说明: 无其他需要说明的事项。", "  其他说明: 无其他需要说明的事项\U0010FFFD\U00010000。"),
        ("  主要职能:\n    - ", "  主要职能:\n    - 龘、①、—、……"),
    )
    problems = flagged(path, "missing-glyph")
    assert [(p.level, p.location.field, p.location.line) for p in problems] == [
        (Level.WARNING, "部门.名称", 6), (Level.WARNING, "其他事项.其他说明", 253)
    ]
    assert "「\U00010000」U+10000" in problems[0].message
    assert "「\U00010000」U+10000、「\U0010FFFD」U+10FFFD" in problems[1].message
    assert prepare(path).ok  # a warning: the DOCX is still made, and a PDF refuses with the same fields


def test_a_project_naming_a_one_level_project_that_is_not_listed(tmp_path):
    """Once the department lists its 一级项目, a misspelt one in a project is a located error (its form would be lost)."""
    path = edited_example(
        tmp_path, "changji-government-office-2024",
        ("\n项目:\n", "\n一级项目:\n  - 名称: 政务运行保障\n\n项目:\n"),
        ("    资金来源: 330000\n", "    资金来源: 330000\n    一级项目: 政务运行保障\n"),
        ("    资金来源: 100000\n", "    资金来源: 100000\n    一级项目: 政务运行\n"),
    )
    found = flagged(path, "parent-project-unknown")
    assert [p.message for p in found] == ["项目「招商考差工作经费」的一级项目「政务运行」不在「一级项目」中；列出的一级项目有：政务运行保障"]
    assert found[0].location.field == "项目[2].一级项目" and found[0].location.line is not None
