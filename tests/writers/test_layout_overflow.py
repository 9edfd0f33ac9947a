"""Long and strange text prints inside its cell or line (issue #14): the laid-out boxes are checked.

The PDF is checked on WeasyPrint's layout itself: every text box must lie between its table cell's
left and right borders and inside the page's content area (a page number inside its margin box).
WeasyPrint has no public API for the laid-out boxes; `Page._page_box` is what its own drawing code
walks. The DOCX is checked as LibreOffice lays it out: converted to PDF, every word inside the text area.
"""

from __future__ import annotations

import math
import re
import subprocess
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from weasyprint.formatting_structure import boxes

from disclosure_gen.build import BuildOptions, render
from disclosure_gen.compose import compose
from disclosure_gen.compose.docmodel import CellKind, Table
from disclosure_gen.pipeline import prepare
from disclosure_gen.writers.docx_styles import MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP
from disclosure_gen.writers.pdf import laid_out

from ..conftest import ALL_EXAMPLES, edited_example

pytestmark = pytest.mark.slow  # every test here renders, builds or runs a subprocess

TOLERANCE = 1.0  # CSS px (0.75 pt): rounding in the layout, never a visible overflow
CPC, STATS = "changji-cpc-office-2023", "changji-statistics-bureau-2024"  # the 2023 and the 2024 format
URL = "https://www.changji.gov.cn/zwgk/bmys/2024/t20240220_" + "0123456789abcdef" * 16 + ".html"


@dataclass(frozen=True)
class LongText:
    """An example with one field made long; `marker` is printed at least `count` times if nothing is lost."""

    example: str
    old: str
    new: str
    marker: str
    count: int


CASES = {
    "paragraph-2023": LongText(CPC, "  其他说明: 无其他需要说明的事项。", "  其他说明: " + "A" * 3000, "A", 3000),
    "paragraph-2024": LongText(STATS, "  其他说明: 无其他需说明的事项。", "  其他说明: " + "A" * 3000, "A", 3000),
    "url-in-functions": LongText(CPC, "    - 负责市委日常工作的综合协调；", f"    - 详见{URL}", "0123456789abcdef", 16),
    "digits-in-functions": LongText(STATS, "工作规划，组织实施", "工作规划，" + "7" * 600 + "组织实施", "7", 600),
    "indicator-2023": LongText(CPC, "三级指标: 消防设施检测,", "三级指标: " + "X" * 400 + ",", "X", 400),
    "indicator-2024": LongText(STATS, "三级指标: 完成常规统计调查项目数,", "三级指标: " + "X" * 400 + ",", "X", 400),
    "carry-over-name": LongText(STATS, "  - 名称: 第五次全国经济普查经费\n", "  - 名称: " + "N" * 190 + "\n", "N", 190),
    "phone-digits": LongText(STATS, "  联系电话: 0994-2345678", '  联系电话: "' + "9" * 40 + '"', "9" * 40, 1),
    "project-name-cjk": LongText(CPC, "  - 名称: 昌吉市档案馆档案保护费项目", "  - 名称: " + "档案保护" * 50, "档案保护", 50),
    "department-name-cjk": LongText(STATS, "  名称: 昌吉市统计局", "  名称: " + "昌吉市统计局" * 15, "昌吉市统计局", 15),
}


# The PDF, on WeasyPrint's boxes ----------------------------------------------------------------
@dataclass(frozen=True)
class Overflow:
    """A text box reaching past the box that should hold it."""

    page: int
    text: str
    box: tuple[float, float, float, float]
    container: str
    limits: tuple[float, float, float, float]

    def __str__(self) -> str:
        x0, y0, x1, y1 = (round(v, 1) for v in self.box)
        return f"第 {self.page} 页 {self.text[:20]!r}…（{x0}–{x1}, {y0}–{y1}）超出{self.container} {tuple(round(v, 1) for v in self.limits)}"


def content_area(box) -> tuple[float, float, float, float]:
    """A box's content area as (left, top, right, bottom)."""
    x, y = box.content_box_x(), box.content_box_y()
    return (x, y, x + box.width, y + box.height)


def between_borders(box) -> tuple[float, float, float, float]:
    """A cell's width inside its left and right borders, as (left, top, right, bottom) with any height.

    Only the width: a text box is as tall as its font's ascent and descent, taller than the 1.2
    line height a cell's rows are spaced by, so its height says nothing about overflowing."""
    x = box.padding_box_x()
    return (x, -math.inf, x + box.padding_width(), math.inf)


def overflows(document) -> list[Overflow]:
    """Every text box of the laid-out document outside the page's content area (or its margin box) or its cell."""
    found = []
    for number, page in enumerate(document.pages, 1):
        page_box = page._page_box
        for child in page_box.children:
            margin = isinstance(child, boxes.MarginBox)
            frame = ("页边区", content_area(child)) if margin else ("版心", content_area(page_box))
            found += _outside(child, number, (frame,))
    return found


def _outside(box, page: int, frames: tuple[tuple[str, tuple], ...]) -> list[Overflow]:
    """The text boxes under `box` reaching past one of `frames`: the page's area and the innermost cell."""
    if isinstance(box, boxes.TableCellBox):
        frames = (frames[0], ("单元格", between_borders(box)))
    if isinstance(box, boxes.TextBox):
        extent = (box.position_x, box.position_y, box.position_x + box.width, box.position_y + box.height)
        return [Overflow(page, box.text, extent, name, area) for name, area in frames if _beyond(extent, area)]
    return [found for child in getattr(box, "children", ()) for found in _outside(child, page, frames)]


def _beyond(extent, area) -> bool:
    (x0, y0, x1, y1), (left, top, right, bottom) = extent, area
    return x0 < left - TOLERANCE or y0 < top - TOLERANCE or x1 > right + TOLERANCE or y1 > bottom + TOLERANCE


def printed_text(document) -> str:
    """The text of every text box in the page areas, in order (page numbers left out)."""
    return "".join(
        box.text
        for page in document.pages
        for child in page._page_box.children
        if not isinstance(child, boxes.MarginBox)
        for box in child.descendants()
        if isinstance(box, boxes.TextBox)
    )


def layout_of(prepared):
    assert prepared.figures is not None, [str(p) for p in prepared.problems]
    return laid_out(compose(prepared.data, prepared.figures, prepared.template), prepared.template)


@pytest.mark.parametrize("name", ALL_EXAMPLES)
def test_examples_print_inside_their_cells_and_pages(name, prepared_examples):
    assert [str(o) for o in overflows(layout_of(prepared_examples[name]))] == []


@pytest.mark.parametrize("case", sorted(CASES))
def test_long_text_wraps_inside_its_cell_or_line_in_the_pdf(case, tmp_path):
    long = CASES[case]
    document = layout_of(prepare(edited_example(tmp_path, long.example, (long.old, long.new))))
    assert [str(o) for o in overflows(document)] == []
    assert printed_text(document).count(long.marker) >= long.count


# The DOCX, as LibreOffice lays it out ------------------------------------------------------------
DOCX_CASES = {  # several long fields per file: one LibreOffice conversion per format
    CPC: ("paragraph-2023", "url-in-functions", "indicator-2023"),
    STATS: ("carry-over-name", "indicator-2024", "digits-in-functions", "phone-digits"),
}
_WORD = re.compile(r'<word xMin="([-\d.]+)" yMin="[-\d.]+" xMax="([-\d.]+)" yMax="[-\d.]+">([^<]*)</word>')
_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
_PT_PER_EMU = 1 / 12700


def words_outside_text_area(pdf: Path) -> list[str]:
    """Every word LibreOffice placed left of the left margin or right of the right margin."""
    layout = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    found = []
    for number, (width, height, body) in enumerate(_PAGE.findall(layout), 1):
        landscape = float(width) > float(height)
        left, right = (MARGIN_TOP, MARGIN_BOTTOM) if landscape else (MARGIN_LEFT, MARGIN_RIGHT)
        low, high = left * _PT_PER_EMU - TOLERANCE, float(width) - right * _PT_PER_EMU + TOLERANCE
        found += [f"第 {number} 页 {text[:20]!r}（{x0}–{x1}）" for x0, x1, text in _WORD.findall(body) if float(x0) < low or float(x1) > high]
    return found


@pytest.mark.parametrize("example", sorted(DOCX_CASES))
def test_long_text_wraps_inside_the_text_area_in_the_docx(example, tmp_path):
    cases = [CASES[case] for case in DOCX_CASES[example]]
    path = edited_example(tmp_path, example, *((case.old, case.new) for case in cases))
    pdf = libreoffice_pdf(prepare(path), tmp_path)
    assert words_outside_text_area(pdf) == []
    text = "".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split())
    assert all(text.count(case.marker) >= case.count for case in cases)


def libreoffice_pdf(prepared, folder: Path) -> Path:
    """The prepared input's DOCX, as LibreOffice lays it out and prints it to PDF."""
    source = folder / "document.docx"
    source.write_bytes(render(prepared, BuildOptions(("docx",)))["docx"])
    subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{folder}/lo", "--convert-to", "pdf", "--outdir", str(folder), str(source)],
        check=True, capture_output=True, timeout=180,
    )
    return folder / "document.pdf"


def table_figures(prepared) -> Counter:
    """How many times each figure is printed in the amount columns of the document's tables."""
    document = compose(prepared.data, prepared.figures, prepared.template)
    return Counter(
        row.cells[col]
        for block in document.blocks() if isinstance(block, Table)
        for row in block.rows
        for col, kind in enumerate(block.kinds) if kind is CellKind.AMOUNT and row.cells[col]
    )


@pytest.mark.parametrize("name", ALL_EXAMPLES)
def test_no_amount_is_split_across_lines_in_the_docx(name, prepared_examples, tmp_path):
    """Every figure of the tables is one word in LibreOffice's print: none wraps inside its cell (“1,128.6” / “9”)."""
    layout = subprocess.run(["pdftotext", "-bbox", str(libreoffice_pdf(prepared_examples[name], tmp_path)), "-"], capture_output=True, text=True, check=True).stdout
    words = Counter(re.findall(r"<word [^>]*>([^<]*)</word>", layout))
    assert {figure: words[figure] for figure, count in table_figures(prepared_examples[name]).items() if words[figure] < count} == {}
