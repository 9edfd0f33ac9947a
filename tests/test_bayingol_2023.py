"""The Bayingol 2023 disclosure regenerated with the bayingol-2023 template set, against the publication.

tests/published/bayingol-cpc-office-2023.yaml pins each figure the publication prints to its seed line;
the document is compared with the seed paragraph by paragraph, and every remaining difference is
listed below with its reason. The published errors (FORMAT.md) are shown corrected, each with the
check that flags the data that would cause it.
"""

from __future__ import annotations

import re
import subprocess
from decimal import Decimal

import pytest
from docx.text.paragraph import Paragraph

from disclosure_gen.build import render, write_outputs, BuildOptions
from disclosure_gen.compose.numbers import Formatter
from disclosure_gen.pipeline import prepare
from disclosure_gen.report import to_jsonable
from disclosure_gen.templateset import InvalidTemplateError, NumberStyle, load_template_set, search_folders

from .conftest import EXAMPLES, edited_example, problems_of
from .docx_text import body_items, open_docx, table_rows, table_rows_as_printed
from .figure_paths import as_decimal, resolve
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
    return subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True).stdout.decode()


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


def test_the_text_differs_from_the_seed_only_where_listed(disclosure):
    found = differences(document_paragraphs(disclosure["docx"]), seed_stream())
    assert found == [(side, text) for side, text, _ in DIFFERENCES]


def test_the_title_ends_as_the_seeds_and_the_toc_lists_only_the_printed_parts(disclosure):
    items = [i for i in body_items(open_docx(disclosure["docx"])) if isinstance(i, Paragraph)]
    titles = [normalised(i.text) for i in items if i.style.name == "Title"]
    assert titles == ["中共新疆巴音郭楞蒙古自治州委员会办公室", "2023年部门预算公开"]
    assert titles[-1].endswith(normalised(_seed_lines(NAME)[0]))
    parts = [i.text for i in items if i.style.name == "toc 1" and i.text]
    assert parts == ["第一部分 中共新疆巴音郭楞蒙古自治州委员会办公室部门概况", "第三部分 2023年部门预算情况说明", "第四部分 名词解释"]


@pytest.mark.parametrize("project", PERFORMANCE_DIFFERENCES)
def test_each_performance_table_differs_from_the_seed_only_where_listed(project, disclosure):
    found = differences(performance_tables(disclosure["docx"])[project], seed_performance_table(project))
    assert found == [(side, text) for side, text, _ in PERFORMANCE_DIFFERENCES[project]]
