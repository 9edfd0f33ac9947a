"""Reads a DOCX back as the reader sees it: paragraphs and tables in body order."""

from __future__ import annotations

import io

import docx
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph


def open_docx(data: bytes):
    """A python-docx Document over DOCX bytes."""
    return docx.Document(io.BytesIO(data))


def body_items(document) -> list:
    """Paragraphs and tables in the order they stand in the body."""
    items = []
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            items.append(Paragraph(child, document._body))
        elif child.tag == qn("w:tbl"):
            items.append(Table(child, document._body))
    return items


def table_rows(table: Table) -> list[list[str]]:
    """Each row's cell texts, one entry per grid cell (merged cells repeat)."""
    return [[cell.text for cell in row.cells] for row in table.rows]


def table_rows_as_printed(table: Table) -> list[list[str]]:
    """Each row's cell texts as a reader sees them: a cell merged across columns counts once."""
    rows = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) not in seen:
                seen.add(id(cell._tc))
                cells.append(cell.text)
        rows.append(cells)
    return rows


def text_dump(document) -> str:
    """The whole document as text: paragraphs as lines, table rows as tab-joined cells."""
    lines = []
    for item in body_items(document):
        if isinstance(item, Paragraph):
            if item.text:
                lines.append(item.text)
        else:
            lines += ["\t".join(row) for row in table_rows_as_printed(item)]
    return "\n".join(lines) + "\n"


def tables_by_title(document) -> dict:
    """Each table keyed by the Table Title paragraph above it (performance tables by project)."""
    found, title = {}, None
    for item in body_items(document):
        if isinstance(item, Paragraph):
            if item.style.name == "Table Title":
                title = item.text
        elif title:
            key = title if title != "项目支出绩效目标表" else f"{title}:{item.rows[1].cells[2].text}"
            found[key] = item
            title = None
    return found
