"""Pages that read like the published ones (#15): read back from the PDF and from the DOCX as LibreOffice prints it.

No paragraph leaves one line alone on a page and no heading ends one; no heading ends on a line of
one character; no body line is stretched; a form's amounts are right-aligned; （五） follows the last
performance table as in the published document.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from weasyprint.formatting_structure import boxes

from disclosure_gen.build import BuildOptions, render
from disclosure_gen.compose import compose
from disclosure_gen.compose.docmodel import Heading
from disclosure_gen.compose.numbers import Formatter
from disclosure_gen.pipeline import prepare
from disclosure_gen.writers.pdf import laid_out

from ..conftest import ALL_EXAMPLES, EXAMPLES
from ..docx_text import open_docx, tables_by_title
from .test_layout_overflow import libreoffice_pdf

pytestmark = pytest.mark.slow  # renders every example, and prints its DOCX through LibreOffice

EXAMPLES_2024 = "changji-government-office-2024"
EVERY_EXAMPLE = (*ALL_EXAMPLES, "bayingol-cpc-office-2023")
CLOSING = "，。、；：？！）》〉」』】”’,.;:?!)"
BODY_PT = 16.0  # 3号: headings and body text


@dataclass(frozen=True)
class Rendered:
    """An example's PDF, and its DOCX with the PDF LibreOffice prints from it."""

    prepared: object
    pdf: Path
    docx: bytes
    docx_pdf: Path


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """Each example rendered once for this module, in both formats (the DOCX through LibreOffice)."""
    out = {}
    for name in EVERY_EXAMPLE:
        folder = tmp_path_factory.mktemp(name)
        prepared = prepare(EXAMPLES / f"{name}.yaml")
        outputs = render(prepared, BuildOptions(("pdf", "docx")))
        (folder / "weasyprint.pdf").write_bytes(outputs["pdf"])
        out[name] = Rendered(prepared, folder / "weasyprint.pdf", outputs["docx"], libreoffice_pdf(prepared, folder))
    return out


def pages_text(pdf: Path) -> list[str]:
    """Each page's text, spaces removed."""
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [re.sub(r"[ \u3000]", "", page) for page in text.split("\f")]


def headings(prepared) -> list[str]:
    document = compose(prepared.data, prepared.figures, prepared.template)
    return [block.text.replace(" ", "") for block in document.blocks() if isinstance(block, Heading)]


def body_pages(pages: list[str], first_heading: str) -> list[str]:
    """The pages from the body's first heading on: the 目录 lists the same texts (in the DOCX before Word updates it)."""
    start = next(i for i, page in enumerate(pages) if first_heading in page and "目录" not in page and ".." not in page)
    return pages[start:]


# 1. Widows, orphans and headings at the foot of a page --------------------------------------------
HEADINGS = ("h2", "h3", "h4", "h5")  # h1 is the document's title
FLOW = ("p", "a", "table", *HEADINGS)  # what follows a heading: text, the 目录's entries, a table


def _heads_what_follows(box) -> bool:
    """A heading, or a line a template keeps with the next (说明七's 项目名称)."""
    return box.element_tag in HEADINGS or "keep-next" in (box.element.get("class") or "").split()


def _lines(box):
    if isinstance(box, boxes.LineBox):
        return [box]
    return [line for child in getattr(box, "children", ()) for line in _lines(child)]


@pytest.mark.parametrize("name", EVERY_EXAMPLE)
def test_no_paragraph_leaves_one_line_alone_and_no_heading_ends_a_page_in_the_pdf(name, rendered):
    prepared = rendered[name].prepared
    document = laid_out(compose(prepared.data, prepared.figures, prepared.template), prepared.template)
    parts, ending = {}, []  # each paragraph's lines on each page it stands on; headings last on their page
    for number, page in enumerate(document.pages, 1):
        flow = [box for box in page._page_box.descendants() if isinstance(box, boxes.BlockBox | boxes.TableBox) and box.element_tag in FLOW]
        for box in flow:
            parts.setdefault(box.element, []).append(len(_lines(box)))
        if flow and _heads_what_follows(flow[-1]) and number < len(document.pages):
            ending.append((number, flow[-1].element.text))
    alone = [("".join(element.itertext())[:20], lines) for element, lines in parts.items() if element.tag != "table" and len(lines) > 1 and min(lines) < 2]
    assert alone == [] and ending == []


@pytest.mark.parametrize("name", EVERY_EXAMPLE)
def test_no_project_name_line_ends_a_page(name, rendered):
    """说明七's 项目名称 line heads its project: it ended page 22 of the 2024 government office's PDF."""
    for pdf in (rendered[name].pdf, rendered[name].docx_pdf):
        last_lines = [[line for line in page.splitlines() if line.strip() and "—" not in line][-1:] for page in pages_text(pdf)]
        assert [lines for lines in last_lines if lines and "项目名称：" in lines[0]] == [], pdf.name


def test_every_paragraph_style_of_the_docx_keeps_widows_and_orphans_off_a_page(rendered):
    styles = open_docx(rendered[EXAMPLES_2024].docx).styles
    used = ("Normal", "Heading 1", "Heading 2", "Heading 3", "Heading 4", "Table Note", "Table Title")
    assert {name: styles[name].paragraph_format.widow_control for name in used} == dict.fromkeys(used, True)


@pytest.mark.parametrize("output", ["pdf", "docx_pdf"])
def test_the_department_form_stands_whole_on_one_page(output, rendered):
    """A form that fits a page moves whole to the next one (the DOCX printed its last rows on a page of their own)."""
    table = rendered[EXAMPLES_2024].prepared.figures.department_performance
    page = next(page for page in pages_text(getattr(rendered[EXAMPLES_2024], output)) if "部门整体绩效目标表" in page and "本级安排" in page)
    assert [row.name for row in table.rows if row.name.replace(" ", "") not in page] == []


# 2. No heading ends on a line of one character -----------------------------------------------------
def lone_heading_lines(pages: list[str], texts: list[str]) -> list[str]:
    """Each heading broken so that its last line holds one character (punctuation aside)."""
    lines = [line.strip() for page in pages for line in page.splitlines()]
    return [
        f"{a}｜{b}" for a, b in zip(lines, lines[1:])
        if a and b and len(b.rstrip(CLOSING)) < 2 and any(text.endswith(a + b) for text in texts)
    ]


@pytest.mark.parametrize("name", EVERY_EXAMPLE)
def test_no_heading_ends_on_a_line_of_one_character(name, rendered):
    texts = headings(rendered[name].prepared)
    for pdf in (rendered[name].pdf, rendered[name].docx_pdf):
        assert lone_heading_lines(body_pages(pages_text(pdf), texts[0]), texts) == [], pdf.name


# 3. No stretched body line ------------------------------------------------------------------------
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')
_LINE = re.compile(r"<line[^>]*>(.*?)</line>", re.S)
WIDEST_GAP = 0.5 * BODY_PT  # a space of 3号 text is a quarter em; justified lines stretched theirs to 12–13 pt


@pytest.mark.parametrize("name", EVERY_EXAMPLE)
def test_no_body_line_of_the_pdf_is_stretched_at_its_spaces(name, rendered):
    layout = subprocess.run(["pdftotext", "-bbox-layout", str(rendered[name].pdf), "-"], capture_output=True, text=True, check=True).stdout
    stretched = []
    for line in _LINE.findall(layout):
        words = [(float(x0), float(y0), float(x1), float(y1), text) for x0, y0, x1, y1, text in _WORD.findall(line)]
        if ".." in "".join(w[4] for w in words) or not 19 < words[0][3] - words[0][1] < 23.5:
            continue  # the 目录's leaders, and text that is not 3号
        gaps = [b[0] - a[2] for a, b in zip(words, words[1:])]
        if gaps and max(gaps) > WIDEST_GAP:
            stretched.append(" ".join(w[4] for w in words)[:40])
    assert stretched == []


# 4. The amounts of the 部门整体绩效目标表 header block -----------------------------------------------
def department_form_amounts(prepared) -> list[str]:
    """上级安排, 本级安排 and 其他 as the form prints them."""
    table, fmt = prepared.figures.department_performance, Formatter(prepared.template.numbers)
    return [fmt.fixed(amount) for amount in (table.upper, table.own, table.other)]


def test_the_department_form_amounts_are_right_aligned_in_the_pdf(rendered):
    amounts = department_form_amounts(rendered[EXAMPLES_2024].prepared)
    layout = subprocess.run(["pdftotext", "-bbox", str(rendered[EXAMPLES_2024].pdf), "-"], capture_output=True, text=True, check=True).stdout
    page = next(p for p in layout.split("</page>") if "部门整体绩效目标表" in p)
    right_edges = {text: round(float(x1)) for x0, _, x1, _, text in _WORD.findall(page) if text in amounts}
    assert len(right_edges) == len(set(amounts)) and len(set(right_edges.values())) == 1, right_edges


def test_the_department_form_amounts_are_right_aligned_in_the_docx(rendered):
    amounts = set(department_form_amounts(rendered[EXAMPLES_2024].prepared))
    table = tables_by_title(open_docx(rendered[EXAMPLES_2024].docx))["部门整体绩效目标表"]
    alignment = {p.text: p.alignment for row in table.rows for cell in row.cells for p in cell.paragraphs if p.text in amounts}
    assert alignment == dict.fromkeys(amounts, WD_ALIGN_PARAGRAPH.RIGHT)


# 5. （五） follows the last performance table, as published ------------------------------------------
@pytest.mark.parametrize("name", EVERY_EXAMPLE)
def test_other_matters_follow_the_last_performance_table_on_its_page(name, rendered):
    """（五） stood alone on a portrait page between the landscape tables and 第四部分."""
    for pdf in (rendered[name].pdf, rendered[name].docx_pdf):
        page = next(page for page in pages_text(pdf) if re.search(r"[（(]五[）)]其他需说明的事项", page))
        assert "项目支出绩效目标表" in page, pdf.name
