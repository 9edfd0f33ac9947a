"""Writes the published tables as a workbook: one sheet per 预算公开表, amounts as numbers."""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal

from ..compose.docmodel import CellKind, Document, Note, Table
from ..templateset import TemplateSet
from .archive import reproducible_zip
from .layout import place_header

FIXED_TIME = dt.datetime(2000, 1, 1)
SHEET_NAME_LIMIT = 31
_FORBIDDEN_IN_SHEET_NAME = re.compile(r"[\[\]:*?/\\\x00-\x1f]")
_ALIGN = {CellKind.TEXT: "left", CellKind.CODE: "center", CellKind.AMOUNT: "right"}
_WIDE_COLUMNS = 8  # a table with more columns than this is printed landscape even in a portrait chunk
_MIN_WIDTH, _MAX_WIDTH = 6, 48
_LINE_HEIGHT = 14  # points per line of 11-point text


@dataclass
class PublishedTable:
    """A 预算公开表 of the document, with the notes printed right under it."""

    table: Table
    landscape: bool
    notes: list[str] = field(default_factory=list)

    @property
    def caption(self) -> str:
        return " ".join(part for part in (self.table.number, self.table.title) if part)


def published_tables(document: Document) -> list[PublishedTable]:
    """The document's 预算公开表 (those of tables.yaml, numbered or not) in reading order, each with the notes that follow it."""
    found: list[PublishedTable] = []
    for chunk in document.chunks:
        current = None
        for block in chunk.blocks:
            if isinstance(block, Table) and block.key:
                current = PublishedTable(block, chunk.landscape or len(block.kinds) > _WIDE_COLUMNS)
                found.append(current)
            elif isinstance(block, Note) and current is not None:
                current.notes.append(block.text)
            else:
                current = None
    return found


def sheet_names(captions: list[str]) -> list[str]:
    """Excel sheet names for the captions: forbidden characters replaced, at most 31 characters, unique."""
    names: list[str] = []
    for caption in captions:
        base = _FORBIDDEN_IN_SHEET_NAME.sub("_", caption).strip().strip("'") or "表"
        name, n = base[:SHEET_NAME_LIMIT], 1
        while name.casefold() in {taken.casefold() for taken in names}:
            n += 1
            suffix = f"({n})"
            name = base[: SHEET_NAME_LIMIT - len(suffix)] + suffix
        names.append(name)
    return names


def printed_amount(text: str) -> Decimal | None:
    """The number an amount cell prints ("1,128.69" → 1128.69); None where it prints nothing."""
    cleaned = text.replace(",", "").strip()
    return Decimal(cleaned) if cleaned else None


def xlsx_bytes(document: Document, template: TemplateSet) -> bytes:
    """The workbook's bytes: same document, same bytes (fixed properties and zip times)."""
    from openpyxl import Workbook  # imported only when a workbook is asked for

    book = Workbook()
    book.remove(book.active)
    tables = published_tables(document)
    number_format = "#,##0.00" if template.numbers.thousands else "0.00"
    for published, name in zip(tables, sheet_names([t.caption for t in tables])):
        _SheetWriter(book.create_sheet(name), published, number_format).write()
    if not tables:
        book.create_sheet("表")
    book.properties.title = document.title
    return workbook_bytes(book)


def workbook_bytes(book) -> bytes:
    """An openpyxl workbook's bytes with fixed dates and zip times, so equal content gives equal bytes.

    `Workbook.save` stamps the modification time with the clock; its writer is called directly instead.
    """
    from openpyxl.writer.excel import ExcelWriter

    book.properties.creator = "disclosure-gen"
    book.properties.created = book.properties.modified = FIXED_TIME
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).save()
    return reproducible_zip(buffer.getvalue())


class _SheetWriter:
    """Writes one table onto its sheet: caption, 编制部门/单位 line, merged header, body, notes, print setup."""

    def __init__(self, sheet, published: PublishedTable, number_format: str):
        self.sheet, self.published, self.table, self.number_format = sheet, published, published.table, number_format
        self.columns = len(self.table.kinds)

    def write(self) -> None:
        from openpyxl.styles import Alignment, Font

        sheet, table = self.sheet, self.table
        self._merged_text(1, 1, 1, self.columns, self.published.caption, Font(bold=True, size=14), Alignment(horizontal="center"))
        next_row = 2
        if table.subtitle:
            self._merged_text(next_row, 1, 1, self.columns, table.subtitle, None, Alignment(horizontal="center"))
            next_row += 1
        if table.department_line or table.unit_line:
            self._meta_line(next_row)
            next_row += 1
        header_top = next_row
        self._header(header_top)
        body_top = header_top + len(table.header)
        self._body(body_top)
        widths = self._widths()
        for offset, note in enumerate(self.published.notes):
            row = body_top + len(table.rows) + 1 + offset
            self._merged_text(row, 1, 1, self.columns, note, None, Alignment(horizontal="left", vertical="top", wrap_text=True))
            sheet.row_dimensions[row].height = _LINE_HEIGHT * _lines(note, sum(widths)) + 4
        sheet.freeze_panes = sheet.cell(body_top, 1)
        self._header_heights(header_top, widths)
        self._print_setup(header_top, body_top - 1)

    def _meta_line(self, row: int) -> None:
        from openpyxl.styles import Alignment

        left = max(1, self.columns // 2)
        self._merged_text(row, 1, 1, left, self.table.department_line or "", None, Alignment(horizontal="left"))
        self._merged_text(row, left + 1, 1, self.columns - left, self.table.unit_line or "", None, Alignment(horizontal="right"))

    def _header(self, top: int) -> None:
        from openpyxl.styles import Alignment, Font

        label = (Font(bold=True), Alignment(horizontal="center", vertical="center", wrap_text=True))
        value = (None, Alignment(horizontal="left", vertical="center", wrap_text=True))
        for cell in place_header(self.table):
            font, alignment = value if cell.value else label
            self._merged_text(top + cell.row, cell.col + 1, cell.rows, cell.cols, cell.text, font, alignment, boxed=True)

    def _body(self, top: int) -> None:
        from openpyxl.styles import Alignment, Font

        bold = Font(bold=True)
        for i, row in enumerate(self.table.rows):
            column = 1
            for j, text in enumerate(row.cells):
                span = row.spans[j] if j < len(row.spans) else 1
                kind = self.table.kinds[column - 1]
                alignment = Alignment(horizontal=_ALIGN[kind], vertical="center", wrap_text=kind is not CellKind.AMOUNT)
                cell = self._merged_text(top + i, column, 1, span, text, bold if row.total else None, alignment, boxed=True)
                if kind is CellKind.AMOUNT:
                    cell.value = printed_amount(text)
                    cell.number_format = self.number_format
                column += span

    def _merged_text(self, row: int, col: int, rows: int, cols: int, text: str, font, alignment, boxed: bool = False):
        """Writes text (always as text, never a formula) into a cell, merged over rows × cols, styled."""
        from openpyxl.styles import Border, Side

        cell = self.sheet.cell(row, col)
        cell.value = text if text else None
        if text:
            cell.data_type = "s"
        thin = Side(style="thin")
        border = Border(left=thin, right=thin, top=thin, bottom=thin) if boxed else None
        for r in range(row, row + rows):
            for c in range(col, col + cols):
                target = self.sheet.cell(r, c)
                if font is not None:
                    target.font = font
                if alignment is not None:
                    target.alignment = alignment
                if border is not None:
                    target.border = border
        if rows > 1 or cols > 1:
            self.sheet.merge_cells(start_row=row, start_column=col, end_row=row + rows - 1, end_column=col + cols - 1)
        return cell

    def _widths(self) -> list[int]:
        """Each column as wide as its longest body text or one-column header label, within bounds."""
        from openpyxl.utils import get_column_letter

        fits = [_MIN_WIDTH] * self.columns
        for cell in place_header(self.table):
            if cell.cols == 1:
                fits[cell.col] = max(fits[cell.col], min(display_width(cell.text), 14))
        for row in self.table.rows:
            if not row.spans:
                for j, text in enumerate(row.cells):
                    fits[j] = max(fits[j], display_width(text))
        margins = [3 if kind is CellKind.AMOUNT else 2 for kind in self.table.kinds]  # bold totals need room
        widths = [min(fit + margin, _MAX_WIDTH) for fit, margin in zip(fits, margins)]
        for j, width in enumerate(widths):
            self.sheet.column_dimensions[get_column_letter(j + 1)].width = width
        return widths

    def _header_heights(self, top: int, widths: list[int]) -> None:
        """Header rows tall enough for their wrapped labels (spreadsheets do not grow merged rows)."""
        lines = [1] * len(self.table.header)
        for cell in place_header(self.table):
            per_row = -(-_lines(cell.text, sum(widths[cell.col:cell.col + cell.cols])) // cell.rows)
            for r in range(cell.row, cell.row + cell.rows):
                lines[r] = max(lines[r], per_row)
        for r, count in enumerate(lines):
            self.sheet.row_dimensions[top + r].height = _LINE_HEIGHT * count + 4

    def _print_setup(self, header_top: int, header_bottom: int) -> None:
        """A4, landscape for wide tables, fitted to the page width, header rows repeated on every page."""
        from openpyxl.worksheet.properties import PageSetupProperties

        setup = self.sheet.page_setup
        setup.paperSize = self.sheet.PAPERSIZE_A4
        setup.orientation = "landscape" if self.published.landscape else "portrait"
        setup.fitToWidth, setup.fitToHeight = 1, 0
        self.sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        self.sheet.print_options.horizontalCentered = True
        self.sheet.print_title_rows = f"{header_top}:{header_bottom}"


def _lines(text: str, width: int) -> int:
    """How many lines a wrapped text takes in cells `width` characters wide (less the padding)."""
    return max(1, -(-display_width(text) // max(1, width - 2)))


def display_width(text: str) -> int:
    """How many character widths a text takes on screen: CJK and full-width characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
