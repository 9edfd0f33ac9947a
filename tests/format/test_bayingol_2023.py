"""The Bayingol 2023 disclosure regenerated with the bayingol-2023 template set, against the publication.

tests/published/bayingol-cpc-office-2023.yaml pins each figure the publication prints to its seed line;
the document is compared with the seed paragraph by paragraph, and every remaining difference is
listed below with its reason. The published errors (FORMAT.md) are shown corrected, each with the
check that flags the data that would cause it.
"""

from __future__ import annotations

import os
import re
from decimal import Decimal

import pytest
from docx.text.paragraph import Paragraph

from disclosure_gen.build import render, write_outputs, BuildOptions
from disclosure_gen.compose.numbers import Formatter
from disclosure_gen.pipeline import prepare
from disclosure_gen.report import to_jsonable
from disclosure_gen.templateset import InvalidTemplateError, NumberStyle, load_template_set, search_folders

from ..conftest import EXAMPLES, ROOT, edited_example
from ..docx_text import body_items, open_docx, table_rows, table_rows_as_printed, text_dump
from ..figure_paths import as_decimal, resolve
from ..checks.test_checks import flagged
from ..writers.test_pdf import pdftotext
from .test_published_figures import _expectations, _seed_lines, required_paths

NAME = "bayingol-cpc-office-2023"
PINNED = [pytest.param(e, id=e["at"]) for e in _expectations(NAME)["figures"]]
ERRORS = [pytest.param(e, id=e["at"]) for e in _expectations(NAME)["published_errors"]]
PARTS_ONE_AND_THREE = range(1, 1052)  # seed lines up to 第四部分 名词解释
PERFORMANCE_LINES = range(457, 1049)  # the two 项目支出绩效目标表, flattened
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


@pytest.fixture(scope="module")
def prepared():
    return prepare(EXAMPLES / f"{NAME}.yaml")


@pytest.fixture(scope="module")
def figures(prepared):
    return to_jsonable(prepared.figures)


@pytest.fixture(scope="module")
def disclosure(prepared):
    """The disclosure (parts 一, 三, 四) as DOCX and PDF bytes."""
    return render(prepared)


@pytest.fixture(scope="module")
def tables_apart(prepared):
    """The tables published apart (part 二) as DOCX and PDF bytes."""
    return render(prepared, apart=True)


def normalised(text: str) -> str:
    """Text without any whitespace: the seed is a PDF's text, broken into lines at the page width."""
    return re.sub(r"\s+", "", text)


def numbers(text: str) -> set[Decimal]:
    return {Decimal(n) for n in _NUMBER.findall(text)}


def docx_text(data: bytes) -> str:
    lines = []
    for item in body_items(open_docx(data)):
        lines += [item.text] if isinstance(item, Paragraph) else ["\t".join(row) for row in table_rows(item)]
    return "\n".join(lines)


def pdf_text(data: bytes) -> str:
    return pdftotext(data, "-layout")


# --- figures pinned to the seed's lines ---------------------------------------------------------


@pytest.mark.parametrize("entry", PINNED + ERRORS)
def test_pinned_figure_is_printed_on_its_seed_line(entry):
    line = _seed_lines(NAME)[entry["line"] - 1]
    printed = Decimal(str(entry.get("published", entry.get("value"))))
    assert printed in numbers(line), f"seed line {entry['line']} does not print {printed}: {line}"


@pytest.mark.parametrize("entry", PINNED)
def test_derived_figure_equals_published(entry, figures):
    assert as_decimal(resolve(figures, entry["at"])) == Decimal(str(entry["value"]))


@pytest.mark.parametrize("entry", ERRORS)
def test_published_error_is_corrected(entry, figures):
    derived = as_decimal(resolve(figures, entry["at"]))
    assert derived == Decimal(str(entry["derived"])) != Decimal(str(entry["published"]))


def test_every_share_change_and_total_of_the_text_is_pinned(prepared):
    """Every figure the text prints has an expectation; table totals do not: the tables are published apart."""
    data = _expectations(NAME)
    covered = {e["at"] for e in data["figures"] + data["published_errors"]}
    required = {path for path in required_paths(prepared.figures) if not path.startswith("tables.")}
    assert sorted(required - covered) == []


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["docx", "pdf"])
def test_every_figure_of_parts_one_and_three_is_in_the_document(kind, disclosure):
    """Each number on a seed line of parts 一 and 三 is printed, except the published errors."""
    lines = _seed_lines(NAME)
    errors = {(e["line"], Decimal(str(e["published"]))) for e in _expectations(NAME)["published_errors"]}
    printed = numbers(docx_text(disclosure["docx"]) if kind == "docx" else pdf_text(disclosure["pdf"]))
    missing = [
        (n, number) for n in PARTS_ONE_AND_THREE for number in numbers(lines[n - 1])
        if number not in printed and (n, number) not in errors
    ]
    assert missing == []
    assert all(number not in printed for _, number in errors)


# --- the wording, paragraph by paragraph -----------------------------------------------------------

_SKIPPED_STYLES = ("toc", "TOC", "Table", "Title")  # the 目录 and title (see below); table titles go with their tables
_WINDOW = 400  # how far ahead of the last match a paragraph may be found in the seed


def seed_stream(lines: range | None = None, skip: range = PERFORMANCE_LINES) -> str:
    """The seed's text (all of it, or `lines`) without whitespace, the performance tables left out."""
    seed = _seed_lines(NAME)
    chosen = lines or range(1, len(seed) + 1)
    return normalised("".join(seed[n - 1] for n in chosen if n not in skip))


def document_paragraphs(data: bytes) -> list[str]:
    """The DOCX's paragraphs in order (titles, headings, text, table titles), without the 目录 and tables."""
    return [
        normalised(item.text) for item in body_items(open_docx(data))
        if isinstance(item, Paragraph) and item.text.strip() and not item.style.name.startswith(_SKIPPED_STYLES)
    ]


def differences(paragraphs: list[str], stream: str) -> list[tuple[str, str]]:
    """Walks the document's paragraphs through the seed's text: ("ours", p) for a paragraph the seed does
    not print there, ("seed", s) for seed text no paragraph printed."""
    found, cursor = [], 0
    for paragraph in paragraphs:
        at = stream.find(paragraph, cursor, cursor + _WINDOW + len(paragraph))
        if at < 0:
            found.append(("ours", paragraph))
            continue
        if at > cursor:
            found.append(("seed", stream[cursor:at]))
        cursor = at + len(paragraph)
    if cursor < len(stream):
        found.append(("seed", stream[cursor:]))
    return found


def performance_tables(data: bytes) -> dict[str, list[str]]:
    """Each 项目支出绩效目标表 of the DOCX by project, as items to find in the seed: title, subtitle, each
    header cell, the column names, and each indicator row from 三级指标 on (the seed merges 一级 and 二级
    指标 cells differently from table to table, see DIFFERENCES)."""
    tables, title = {}, []
    for item in body_items(open_docx(data)):
        if isinstance(item, Paragraph):
            title = [*title, normalised(item.text)] if item.style.name.startswith("Table") else []
            continue
        rows = [[normalised(c) for c in row] for row in table_rows(item)]
        columns = next(i for i, row in enumerate(rows) if row[0] == "一级指标")
        header = [cell for row in rows[:columns] for i, cell in enumerate(row) if cell and (i == 0 or cell != row[i - 1])]
        indicators = ["".join(row[2:]) for row in rows[columns + 1:]]
        tables[header[header.index("项目名称") + 1]] = [*title, *header, "".join(rows[columns]), *indicators]
        title = []
    return tables


def seed_performance_table(project: str) -> str:
    """The seed's flattened 项目支出绩效目标表 of a project."""
    region = seed_stream(PERFORMANCE_LINES, skip=range(0))
    [table] = [t for t in region.split("项目支出绩效目标表")[1:] if f"项目名称{project}项目负责人" in t]
    return "项目支出绩效目标表" + re.sub(_LEVELS, "", table)


_LEVELS = "|".join(("产出指标", "成本指标", "效益指标", "满意度指标", "数量指标", "质量指标", "时效指标", "经济成本指标", "社会成本指标", "经济效益指标", "社会效益指标"))


# Every difference between the document and the seed, in document order: (side, text, reason).
# "ours" is a paragraph the seed does not print at that place, "seed" is seed text no paragraph printed.
DIFFERENCES = [
    ("seed", "部门预算公开",
     "the title: the seed's text lost the department's name and year of its title page (kept in ours, as in Changji's)"),
    ("ours", "一般公共服务支出（类）2174.49万元，占77.57%。", "published error: share 77.41% where 2174.49 / 2803.23 = 77.57%"),
    ("ours", "教育支出（类）5.53万元，占0.2%。", "published error: share 0.22% where 5.53 / 2803.23 = 0.20%"),
    ("ours", "社会保障和就业支出（类）347.09万元，占12.38%。",
     "published errors: 347.08 where 说明四 prints 347.09 for the same class, and share 12.33% where 347.09 / 2803.23 = 12.38%"),
    ("ours", "卫生健康支出（类）151.7万元，占5.41%。",
     "published error: share 5.32% (151.70 / 2803.23 = 5.41%); and the seed prints 151.70 here but 151.7 in 说明四: one number style"),
    ("ours", "住房保障支出（类）124.42万元，占4.44%。", "published error: share 4.72% where 124.42 / 2803.23 = 4.44%"),
    ("seed", "一般公共服务支出（类）2174.49万元，占77.41%。教育支出（类）5.53万元，占0.22%。社会保障和就业支出（类）347.08万元，"
             "占12.33%。卫生健康支出（类）151.70万元，占5.32%。住房保障支出（类）124.42万元，占4.72%。", "the same five lines as published"),
    ("ours", "5.一般公共服务支出（类）党委办公厅（室）及相关机构事务（款）事业运行（项）：2023年预算数为169.39万元，比上年预算增加76.97万元，"
             "增长83.28%，主要原因是：在职人员工资调整，人员及相关日常公用经费增加，预算较上年增加。",
     "published error: the seed repeats 主要原因是：主要原因是："),
    ("seed", "5.一般公共服务支出（类）党委办公厅（室）及相关机构事务（款）事业运行（项）：2023年预算数为169.39万元，比上年预算增加76.97万元，"
             "增长83.28%，主要原因是：主要原因是：在职人员工资调整，人员及相关日常公用经费增加，预算较上年增加。", "as published"),
    ("ours", "9.社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）：2023年预算数为177.54万元，"
             "比上年预算增加32.93万元，增长22.77%，主要原因是：在职人员工资调整，基本养老保险缴费基数调整，因此预算增加。",
     "published error: the class name lost 社会 (保障和就业支出); the catalogue names the class"),
    ("seed", "9.保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）：2023年预算数为177.54万元，"
             "比上年预算增加32.93万元，增长22.77%，主要原因是：在职人员工资调整，基本养老保险缴费基数调整，因此预算增加。", "as published"),
    ("ours", "预算安排规模：36万元", "the seed drops 元 for the second project only (36 万); one frame prints 万元 for both"),
    ("seed", "预算安排规模：36万", "as published"),
    ("ours", "资金执行时间：2023年1月—12月", "the seed writes 1 月—12 月 for the first project and 1 月-12 月 for the second; one frame"),
    ("seed", "资金执行时间：2023年1月-12月", "as published"),
    ("ours", "1.房屋7530.2平方米，价值191.23万元。",
     "the seed prints the area with its trailing zero (7530.20) beside amounts without; the set's one style drops it"),
    ("ours", "2.车辆23辆，价值683.91万元；其中：一般公务用车23辆，价值683.91万元；执法执勤用车0辆，价值0万元；其他车辆0辆，价值0万元。",
     "published error: the same 23 vehicles are worth 609.57 in the total and 683.91 in their only kind; the total is derived"),
    ("seed", "1.房屋7530.20平方米，价值191.23万元。2.车辆23辆，价值609.57万元；其中：一般公务用车23辆，价值683.91万元；"
             "执法执勤用车0辆，价值0万元；其他车辆0辆，价值0万元。", "as published"),
]

# The 项目支出绩效目标表, compared table by table (the seed prints the archive's first, ours follows the
# projects' order, as section 七 does: the engine has no separate order for these tables).
PERFORMANCE_DIFFERENCES = {
    "巴州党委办公室运行保障项目": [],
    "档案征集、保护、数字化与安全保障": [
        ("ours", "中共新疆巴音郭楞蒙古自治州委员会办公室",
         "预算单位: the seed names the project's unit 新疆巴州档案馆 (the other table names the department); the engine prints the department"),
        ("seed", "新疆巴州档案馆", "as published"),
        ("seed", "0", "其他资金: the seed prints 0 here and leaves it blank in the other table; a zero cell is blank"),
    ],
}


@pytest.mark.slow
def test_the_text_differs_from_the_seed_only_where_listed(disclosure):
    found = differences(document_paragraphs(disclosure["docx"]), seed_stream())
    assert found == [(side, text) for side, text, _ in DIFFERENCES]


@pytest.mark.slow
def test_the_title_ends_as_the_seeds_and_the_toc_lists_only_the_printed_parts(disclosure):
    items = [i for i in body_items(open_docx(disclosure["docx"])) if isinstance(i, Paragraph)]
    titles = [normalised(i.text) for i in items if i.style.name == "Title"]
    assert titles == ["中共新疆巴音郭楞蒙古自治州委员会办公室", "2023年部门预算公开"]
    assert titles[-1].endswith(normalised(_seed_lines(NAME)[0]))
    parts = [i.text for i in items if i.style.name == "toc 1" and i.text]
    assert parts == ["第一部分 中共新疆巴音郭楞蒙古自治州委员会办公室部门概况", "第三部分 2023年部门预算情况说明", "第四部分 名词解释"]


@pytest.mark.slow
@pytest.mark.parametrize("project", PERFORMANCE_DIFFERENCES)
def test_each_performance_table_differs_from_the_seed_only_where_listed(project, disclosure):
    found = differences(performance_tables(disclosure["docx"])[project], seed_performance_table(project))
    assert found == [(side, text) for side, text, _ in PERFORMANCE_DIFFERENCES[project]]


# --- the published errors: the data that would cause each, and the check that flags it -----------


def test_the_classes_and_basic_spending_that_disagree_with_their_parts_are_rounding_tails_the_check_reports():
    """347.09 beside items adding to 347.08, 151.70 beside 151.69, 2267.23 beside 1975.94 + 291.3: the amounts
    in 元 leave these tails, and rounding-tail names each (the tables published apart carry the note)."""
    messages = [p.message for p in flagged(EXAMPLES / f"{NAME}.yaml", "rounding-tail")]
    assert any("「20805」合计 347.09 与分项之和 347.08" in m for m in messages)
    assert any("「21011」合计 151.70 与分项之和 151.69" in m for m in messages)
    assert any("表6 「合计」合计 2267.23 与分项之和 2267.24" in m for m in messages)


def test_items_entered_as_printed_with_the_printed_total_unbalance_the_budget(tmp_path):
    """Entered in 万元 exactly as section 五 prints them, the items add to 2803.21, not the income 2803.23."""
    path = edited_example(tmp_path, NAME, *[(f"{code}: {yuan}", f"{code}: {printed}") for code, yuan, printed in (
        ("2080501", 800830, 800800), ("2080502", 6930, 6900), ("2080505", 1775430, 1775400), ("2080506", 887730, 887700),
        ("2101101", 912340, 912300), ("2101102", 76440, 76400), ("2101103", 486040, 486000), ("2101199", 42220, 42200),
        ("2210201", 1244180, 1244200),
    )])
    [balance] = flagged(path, "income-balance")
    assert "2803.23" in balance.message and "2803.21" in balance.message


def test_personnel_and_public_costs_that_do_not_add_up_to_basic_spending(tmp_path):
    """人员经费 one cent more than the functional items allow: 基本支出 no longer equals its economic breakdown."""
    path = edited_example(tmp_path, NAME, ("30302: 757780", "30302: 757880"))
    assert flagged(path, "basic-economic-total")


def test_a_reason_that_repeats_the_frames_phrase(tmp_path):
    """主要原因是：主要原因是：(item 5): the frame prints 主要原因是：, so a reason may not start with it."""
    reason = "在职人员工资调整，人员及相关日常公用经费增加，预算较上年增加"
    path = edited_example(tmp_path, NAME, (f"2013150: {{上年: 924200, 原因: {reason}", f"2013150: {{上年: 924200, 原因: 主要原因是：{reason}"))
    [problem] = flagged(path, "reason-prefix")
    assert problem.level.value == "error"


def test_the_items_changes_do_not_reconcile_with_the_totals_and_the_check_says_so():
    """Section 五's item changes add to 346.43 against the total's 346.44: last year's items add to 2456.78."""
    [problem] = flagged(EXAMPLES / f"{NAME}.yaml", "prior-items-total")
    assert "2456.78" in problem.message and "2456.79" in problem.message


def test_the_vehicle_total_is_the_sum_of_its_kinds_so_it_cannot_be_printed_two_ways(tmp_path):
    """609.57 against 683.91 for the same 23 cars: the input has no total to disagree; whatever the kind's value
    is, the total prints the same."""
    path = edited_example(tmp_path, NAME, ("一般公务用车: {数量: 23, 价值: 6839100}", "一般公务用车: {数量: 23, 价值: 6095700}"))
    assets = prepare(path).figures.assets
    assert (assets.vehicle_count, assets.vehicle_value, assets.vehicles[0][2]) == (23, Decimal("609.57"), Decimal("609.57"))


# --- parts as data: the tables published apart ----------------------------------------------------


@pytest.mark.slow
def test_the_disclosure_has_no_budget_tables_and_the_tables_document_has_only_them(disclosure, tables_apart):
    main = docx_text(disclosure["docx"])
    assert "第二部分" not in main and "部门收支总体情况表" not in main
    document = open_docx(tables_apart["docx"])
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    titles = [p.text for p in document.paragraphs if p.style.name == "Title"]
    assert headings == ["第二部分 2023年部门预算公开表"]
    assert titles == ["中共新疆巴音郭楞蒙古自治州委员会办公室", "2023年部门预算公开表"]
    numbers_ = [p.text for p in document.paragraphs if p.style.name == "Table Number"]
    assert numbers_ == [f"表{n}" for n in range(1, 11)]
    assert "尾差系四舍五入所致" in docx_text(tables_apart["docx"])  # the amounts in 元 leave tails in the tables
    assert "2803.23" in pdf_text(tables_apart["pdf"])


@pytest.mark.slow
def test_build_writes_the_tables_apart_beside_the_disclosure(prepared, tmp_path):
    written = write_outputs(prepared, BuildOptions(("docx",)), tmp_path)
    assert sorted(p.name for p in written) == [
        "中共新疆巴音郭楞蒙古自治州委员会办公室-2023-预算公开表.docx", "中共新疆巴音郭楞蒙古自治州委员会办公室-2023.docx",
    ]


def _template_folder(tmp_path, parts: str):
    folder = tmp_path / "templates" / "demo"
    folder.mkdir(parents=True)
    (folder / "set.yaml").write_text(f"name: demo\nbase: changji-2023\ntitle: 示例\nyear: 2023\nparts:\n{parts}", encoding="utf-8")
    return folder.parent


@pytest.mark.slow
def test_a_set_that_omits_the_tables_writes_one_document_whose_toc_follows(tmp_path):
    folder = _template_folder(tmp_path, "  tables: omitted\n")
    path = edited_example(tmp_path, "changji-cpc-office-2023", ("模板: changji-2023", "模板: demo"))
    written = write_outputs(prepare(path, (folder,)), BuildOptions(("docx",)), tmp_path)
    assert [p.name for p in written] == ["中国共产党昌吉市委员会办公室-2023.docx"]
    document = open_docx(written[0].read_bytes())
    assert [p.text for p in document.paragraphs if p.style.name == "toc 1" and p.text] == [
        "第一部分 中国共产党昌吉市委员会办公室部门概况", "第三部分 2023年部门预算情况说明", "第四部分 名词解释",
    ]


def test_only_the_tables_can_be_published_apart(tmp_path):
    folder = _template_folder(tmp_path, "  glossary: apart\n")
    with pytest.raises(InvalidTemplateError, match="只有 tables"):
        load_template_set("demo", search_folders((folder,)))


# --- number style --------------------------------------------------------------------------------


def test_trimmed_numbers_round_half_up_then_drop_trailing_zeros():
    trimmed = Formatter(load_template_set("bayingol-2023").numbers)
    assert [trimmed.amount(Decimal(v)) for v in ("536.00", "98.50", "0.125", "2.675", "0")] == ["536", "98.5", "0.13", "2.68", "0"]
    assert [trimmed.percent(Decimal(v)) for v in ("14.10", "3.90", "0.00", "100.00")] == ["14.1", "3.9", "0", "100"]
    assert [trimmed.cell(Decimal(v)) for v in ("500.00", "36", "0")] == ["500", "36", ""]


def test_fixed_numbers_round_half_up_too():
    fixed = Formatter(NumberStyle(thousands=True, fixed_percent=True, fixed_prose_amount=True))
    assert [fixed.amount(Decimal("1234.005")), fixed.percent(Decimal("0.125")), fixed.cell(Decimal("0.125"))] == ["1,234.01", "0.13", "0.13"]


# --- golden text: the disclosure and the tables document as reviewed -------------------------------
# (not in conftest.ALL_EXAMPLES: the structural tests there expect Changji's four parts in one document)


@pytest.mark.slow
@pytest.mark.parametrize("document", ["disclosure", "tables_apart"])
@pytest.mark.parametrize("kind", ["docx", "pdf"])
def test_golden_text(document, kind, request):
    data = request.getfixturevalue(document)[kind]
    actual = text_dump(open_docx(data)) if kind == "docx" else pdftotext(data)
    golden = ROOT / "tests" / "golden" / f"{NAME}{'-tables' if document == 'tables_apart' else ''}.{kind}.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(actual, encoding="utf-8")
    assert actual == golden.read_text(encoding="utf-8")


@pytest.mark.slow
@pytest.mark.parametrize("document", ["disclosure", "tables_apart"])
def test_the_pdf_has_the_docx_figures_in_the_same_order(document, request):
    data = request.getfixturevalue(document)
    decimal = re.compile(r"\d[\d,]*\.\d+")
    assert decimal.findall(pdf_text(data["pdf"])) == decimal.findall(text_dump(open_docx(data["docx"])))


@pytest.mark.slow
def test_a_workbook_is_written_only_for_the_document_that_has_the_tables(tmp_path):
    written = write_outputs(prepare(EXAMPLES / "bayingol-cpc-office-2023.yaml"), BuildOptions(("docx", "xlsx")), tmp_path)
    assert sorted(p.name for p in written) == [
        "中共新疆巴音郭楞蒙古自治州委员会办公室-2023-预算公开表.docx",
        "中共新疆巴音郭楞蒙古自治州委员会办公室-2023-预算公开表.xlsx",
        "中共新疆巴音郭楞蒙古自治州委员会办公室-2023.docx",
    ]
