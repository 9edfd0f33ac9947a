"""A third format, written only as data in tests/user_templates/qingshui-2024: every table and 目录 option at once.

青水市 is fictional. Its set has no Python: joined codes, 一、/（一） class rows, zeros as 0.00, a 4-column
财政拨款收支总表 with 本年收入合计 / 结转下年 rows, a static form, captions without 表N, a 目录 without part
three's sections but with the performance forms, and shares asked for by name; its 项目支出绩效目标表 is
its own: an older indicator framework (成本指标 under 产出指标, 可持续影响指标) and a 阶段性指标值 column; so is its
部门整体绩效目标表, with the money by source on one row, 年度重点工作 and a task list; and a 项目支出预算表 by fund
source with subtotals by 项目类型 and 一级项目. The department is the 2024 government office example (with a task
list, 年度重点工作, 项目类型 and 一级项目 added); every expected figure below is read from the document itself or from its figures.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest

from disclosure_gen.build import BuildOptions, render
from disclosure_gen.numerals import chinese_numeral
from disclosure_gen.pipeline import prepare

from ..conftest import ROOT, edited_example
from ..docx_text import body_items, open_docx, table_rows_as_printed, tables_by_title, text_dump
from ..writers.test_pdf import pdftotext

pytestmark = pytest.mark.slow  # renders the department to DOCX and PDF

USER_TEMPLATES = ROOT / "tests" / "user_templates"
NAME = "changji-government-office-2024"
NETWORK = "电子政务网络设备维护"
OLDER_FRAMEWORK = (  # the department's indicators in the set's older framework, one with a 阶段性指标值
    *((f"二级指标: 经济成本指标, 三级指标: {name}", f"二级指标: 成本指标, 三级指标: {name}")
      for name in ("政府网站服务的费用", "其他电子政务网络维护的费用", "招商考察费用", "学习培训费用")),
    ("三级指标: 外网维护次数, 指标值: ＞=1次,", "三级指标: 外网维护次数, 指标值: ＞=1次, 阶段性指标值: 6月底前1次,"),
)
PROJECT_LEVELS = (  # 项目类型 and 一级项目: the first and third project share both, the second has its own
    ("    资金来源: 330000\n", "    资金来源: 330000\n    项目类型: 其他运转类\n    一级项目: 政务运行保障\n"),
    ("    资金来源: 100000\n", "    资金来源: 100000\n    项目类型: 特定目标类\n    一级项目: 招商引资\n"),
    ("    资金来源: {上级一般公共预算转移支付: 223000}\n",
     "    资金来源: {上级一般公共预算转移支付: 223000}\n    项目类型: 其他运转类\n    一级项目: 政务运行保障\n"),
)
PARENT = "政务运行保障"
PARENT_FORM = ("\n项目:\n", f"\n一级项目:\n  - 名称: {PARENT}\n    绩效目标:\n      总体目标: 保障政府办公室网络和信访工作正常运转。\n"
               "      指标:\n        - {二级指标: 数量指标, 三级指标: 保障事项数, 指标值: ＞=2项, 阶段性指标值: 6月底前1项}\n"
               "  - 名称: 招商引资\n\n项目:\n")  # the first has its own form over its 二级项目 (the first and the 涉密 project)
TASKS = ("  联系电话: \"13094012267\"\n", "  联系电话: \"13094012267\"\n  年度重点工作: 办好市政府会议，推进政务公开。\n  任务:\n"
         "    - {任务名称: 会议保障, 主要内容: 市政府常务会议和专题会议的筹备, 金额: 300000}\n"
         "    - {任务名称: 电子政务, 主要内容: 电子政务网络维护, 金额: 150000}\n")


ASSETS = (  # vehicles in four categories and equipment at the set's one threshold, 200 万元
    ("      一般公务用车: {数量: 5, 价值: 2317900}\n",
     "      一般公务用车: {数量: 5, 价值: 2317900}\n      执法执勤用车: {数量: 2, 价值: 500000}\n"
     "      领导干部用车: {数量: 1, 价值: 300000}\n      特种专业技术用车: {数量: 1, 价值: 800000}\n"),
    ("    大型设备: {50万元以上: 0, 100万元以上: 0}", "    大型设备: {200万元以上: 1}"),
)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The department under the third format: prepared, its DOCX (read back) and its PDF text."""
    tmp_path = tmp_path_factory.mktemp("third")
    path = edited_example(tmp_path, NAME, ("  模板: changji-2024\n", "  模板: qingshui-2024\n"), *OLDER_FRAMEWORK, TASKS, *PROJECT_LEVELS,
                          PARENT_FORM, *ASSETS)
    prepared = prepare(path, (USER_TEMPLATES,))
    assert prepared.ok, [str(p) for p in prepared.problems]
    files = render(prepared, BuildOptions(("docx", "pdf")))
    document = open_docx(files["docx"])
    tables = {title: table_rows_as_printed(t) for title, t in tables_by_title(document).items()}
    return prepared, document, tables, pdftotext(files["pdf"])


def _amount(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def test_the_department_checks_clean_under_the_third_format(built):
    prepared, *_ = built
    assert prepared.template.name == "qingshui-2024"
    assert not [p for p in prepared.problems if p.level.value == "error"]


def test_codes_are_joined_and_zeros_print_as_0_00(built):
    prepared, _, tables, _ = built
    spending = tables["部门支出总表"]
    codes = [row[0] for row in spending[1:-1]]
    assert codes == [row.code for row in prepared.figures.tables["t3"].rows] and {len(c) for c in codes} == {3, 5, 7}
    assert "0.00" in {cell for row in spending for cell in row}
    assert "" not in {cell for row in spending[1:] for cell in row[2:]}  # no blank amount anywhere


def test_the_overview_numbers_its_classes_and_adds_the_current_year_and_carry_over_rows(built):
    prepared, _, tables, _ = built
    overview = tables["部门收支总表"]
    classes = [row[2] for row in overview[2:] if row[2] and not row[2].startswith(("本年", "结转", "支出总计"))]
    names = [row.name for row in prepared.figures.tables["t1_expenditure"].rows]
    assert classes == [f"{chinese_numeral(n)}、{name}" for n, name in enumerate(names, 1)]
    by_label = {row[0]: row for row in overview}
    current, carried, total = by_label["本年收入合计"], by_label["上年结转结余"], by_label["收入总计"]
    incomes = [_amount(row[1]) for row in overview[2:] if row[0].startswith(("一、", "二、", "三、", "四、", "五、"))]
    assert sum(incomes) == _amount(current[1])
    assert _amount(current[1]) + _amount(carried[1]) == _amount(total[1])
    assert current[2] == "本年支出合计" and _amount(current[3]) == _amount(total[3])
    assert carried[2:] == ["结转下年", "0.00"]


def test_the_fiscal_overview_has_four_columns_and_its_own_rows(built):
    prepared, _, tables, _ = built
    fiscal = tables["财政拨款收支总表"]
    assert {len(row) for row in fiscal[1:]} == {4}  # under the two-cell 收入 / 支出 heading
    assert [row[0] for row in fiscal[-3:]] == ["本年收入合计", "上年结转", "收入总计"]
    assert [row[2] for row in fiscal[-3:]] == ["本年支出合计", "结转下年", "支出总计"]
    assert fiscal[2][2].startswith("（一）")
    assert _amount(fiscal[-1][1]) == prepared.figures.fiscal_total


def test_the_static_form_prints_as_written_without_the_department_line(built):
    _, document, tables, _ = built
    assert tables["事前绩效评估情况表"] == [["项目名称", "评估内容", "评估结论", "备注"], [""] * 4, [""] * 4,
                                        ["评估单位（盖章）：", "", "日期：", ""]]
    items = body_items(document)
    at = next(i for i, item in enumerate(items) if getattr(item, "text", None) == "事前绩效评估情况表")
    assert "编制部门" not in getattr(items[at + 1], "text", "")


def test_captions_carry_no_table_number(built):
    _, document, _, pdf = built
    assert not [p.text for p in document.paragraphs if p.style.name == "Table Number"]
    assert "表1" not in pdf and "表 1" not in pdf


def test_the_toc_lists_parts_tables_and_forms_but_not_part_threes_sections(built):
    prepared, document, _, pdf = built
    toc = [p.text for p in document.paragraphs if p.style.name.lower().startswith("toc ") and p.text][1:]
    forms = [f"绩效目标表：{form.project}" for form in prepared.figures.performance_forms]  # the set's own entry
    assert forms[:2] == [f"绩效目标表：{PARENT}", f"绩效目标表：{NETWORK}"]
    assert toc == ["第一部分 部门概况", "一、部门职责", "二、机构设置和人员", "第二部分 部门预算表",
                   "一、部门收支总表", "二、部门收入总表", "三、部门支出总表", "四、财政拨款收支总表", "五、一般公共预算支出表",
                   "六、一般公共预算基本支出表", "七、一般公共预算项目支出表", "八、“三公”经费支出表", "九、项目支出预算表",
                   "事前绩效评估情况表（空表）",
                   "第三部分 部门预算情况说明", *forms, "部门整体绩效目标表（2024年度）", "第四部分 名词解释"]
    contents = pdf[: pdf.index("第一部分 部门概况", pdf.index("第四部分 名词解释"))]  # the PDF's 目录 pages
    assert "事前绩效评估情况表（空表）" in contents and "一、收支预算总体情况" not in contents


def test_shares_asked_for_by_name_match_the_printed_table(built):
    _, document, tables, pdf = built
    total_row = next(row for row in tables["一般公共预算基本支出表"] if row[1] == "合  计" or row[0] == "合  计")
    total, personnel, public = (_amount(cell) for cell in total_row[-3:])
    def share(part: Decimal) -> str:
        return f"{(part / total * 100).quantize(Decimal('0.01'), ROUND_HALF_UP)}%"
    text = text_dump(document)
    sentence = f"人员经费{personnel:,.2f}万元，占{share(personnel)}；公用经费{public:,.2f}万元，占{share(public)}"
    assert sentence in text and sentence in pdf.replace("\n", "")


def test_projects_by_fund_source_are_subtotalled_by_kind_then_parent_project(built):
    """项目支出预算表: the 涉密 project, third in the input, is printed under the first project's 项目类型 and 一级项目."""
    prepared, _, tables, _ = built
    rows = tables["项目支出预算表"]
    assert rows[0][3:] == ["合计", "本年财政拨款", "财政拨款结转", "财政专户", "单位资金"]
    assert rows[1][4:] == [*(["一般公共预算", "政府性基金预算", "国有资本经营预算"] * 2), "财政专户", "单位资金"]
    secret = prepared.figures.tables["qs_projects"].rows[3].detail
    assert secret == "特定目标 02100016"  # the 涉密 project's printed name, third in the input
    assert [row[1:4] for row in rows[2:]] == [
        ["其他运转类", "", "55.30"], ["\u3000政务运行保障", "", "55.30"],
        [rows[4][1], NETWORK, "33.00"], [rows[5][1], secret, "22.30"],
        ["特定目标类", "", "10.00"], ["\u3000招商引资", "", "10.00"],
        [rows[8][1], "招商考差工作经费", "10.00"], ["", "合  计", "65.30"],
    ]
    # all three projects are this year's 一般公共预算 money: the other sources print 0.00
    assert [row[4:] for row in rows[2:]] == [[row[3], *["0.00"] * 7] for row in rows[2:]]


def test_the_forms_print_the_sets_own_line_under_their_title(built):
    _, document, _, pdf = built
    subtitles = [p.text for p in document.paragraphs if p.style.name == "Table Subtitle"]
    assert subtitles and set(subtitles) == {"（2024年度）"}
    assert pdf.count("（2024年度）") == len(subtitles) + 1 and "（2024年）" not in pdf  # and the department form's 目录 entry


def test_the_project_form_is_the_sets_own_older_form_with_an_interim_target_column(built):
    _, _, tables, _ = built
    rows = tables[f"项目支出绩效目标表:{NETWORK}"]
    assert rows[1] == ["项目名称", NETWORK, "项目负责人", rows[1][3]]
    assert rows[2][0] == "资金总额（万元）" and rows[2][2::2] == ["财政拨款", "其他资金"]
    assert rows[4] == ["一级指标", "二级指标", "三级指标", "指标值", "设置依据", "分值", "佐证资料"]
    assert rows[5] == ["一级指标", "二级指标", "三级指标", "年度指标值", "阶段性指标值", "设置依据", "分值", "佐证资料"]
    body = rows[6:]
    assert body[0] == ["产出指标", "数量指标", "外网维护次数", "＞=1次", "6月底前1次", "计划标准", "5", "工作资料"]
    assert ["产出指标", "成本指标", "政府网站服务的费用", "＜=8万元", "", "计划标准", "10", "原始凭证"] in body
    levels = list(dict.fromkeys((row[0], row[1]) for row in body))
    assert levels == [("产出指标", "数量指标"), ("产出指标", "质量指标"), ("产出指标", "时效指标"), ("产出指标", "成本指标"),
                      ("效益指标", "经济效益指标"), ("效益指标", "社会效益指标"), ("效益指标", "生态效益指标"),
                      ("效益指标", "可持续影响指标"), ("满意度指标", "服务对象满意度指标")]
    assert ["效益指标", "可持续影响指标", "", "", "", "", "", ""] in body  # an absent level, padded


def test_a_one_level_project_prints_its_own_form_over_its_projects_money(built):
    _, _, tables, _ = built
    rows = tables[f"项目支出绩效目标表:{PARENT}"]
    assert rows[1] == ["项目名称", PARENT, "项目负责人", ""]
    assert rows[2] == ["资金总额（万元）", "55.30", "财政拨款", "55.30", "其他资金", "0.00"]  # 33.00 + 22.30 (涉密)
    assert rows[3] == ["年度总体目标", "保障政府办公室网络和信访工作正常运转。"]
    assert rows[6] == ["产出指标", "数量指标", "保障事项数", "＞=2项", "6月底前1项", "", "", ""]


def test_the_department_form_is_the_sets_own_with_key_work_and_a_task_list(built):
    prepared, _, tables, pdf = built
    rows, money = tables["部门整体绩效目标表"], prepared.figures.department_performance
    assert rows[0] == ["部门名称", "昌吉市人民政府办公室"]
    assert rows[1] == ["联系人", "胡丽琼", "联系电话", "13094012267"]
    assert rows[2] == ["年度预算（万元）", "资金总额", "上级安排", "本级安排", "其他资金"]
    assert rows[3] == ["年度预算（万元）", *(f"{amount:,.2f}" for amount in (money.total, money.upper, money.own, money.other))]
    assert rows[4] == ["年度重点工作", "办好市政府会议，推进政务公开。"]
    assert rows[5][0] == "年度绩效目标" and rows[5][1].startswith("2024年昌吉市人民政府办公室办公经费")
    assert rows[6:9] == [["任务名称", "主要内容", "金额（万元）"], ["会议保障", "市政府常务会议和专题会议的筹备", "30.00"],
                         ["电子政务", "电子政务网络维护", "15.00"]]
    assert rows[9] == ["一级指标", "二级指标", "三级指标", "指标值", "设定依据", "分值"]
    assert rows[10] == ["履职效能", "数量指标", "编发政务信息内刊期数", "＞=200期", "2023年工作总结", "15"] and len(rows) == 16
    assert "市政府常务会议和专题会议的筹备" in pdf and "办好市政府会议，推进政务公开。" in pdf


def test_vehicles_in_four_categories_and_equipment_at_the_sets_200_wan_threshold(built):
    prepared, _, _, pdf = built
    flat = pdf.replace("\n", "")
    assert ("截至2023年底，昌吉市人民政府办公室共有车辆9辆，其中：一般公务用车5辆，执法执勤用车2辆，领导干部用车1辆，"
            "特种专业技术用车1辆，其他车辆0辆。单位价值200万元以上大型设备1台（套）。") in flat
    assert "50万元以上" not in flat and "100万元以上" not in flat
    assert prepared.template.rules.equipment_thresholds == (200,)


def test_a_50_wan_count_is_refused_by_a_set_that_prints_200(tmp_path):
    path = edited_example(tmp_path, NAME, ("  模板: changji-2024\n", "  模板: qingshui-2024\n"), *OLDER_FRAMEWORK, TASKS,
                          *PROJECT_LEVELS, PARENT_FORM)
    found = [p for p in prepare(path, (USER_TEMPLATES,)).problems if p.check == "equipment-threshold"]
    assert found and "200 万元以上" in found[0].message and "「50万元以上」不会印出" in found[0].message and found[0].location.line
