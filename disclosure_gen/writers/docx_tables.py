"""Builds DOCX tables directly as OOXML: fixed widths, gridSpan/vMerge merges, repeated headers.

A table's XML is written as text and parsed once by lxml: making its ~10,000 elements one by one
through python-docx took most of the DOCX writer's time.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from docx.oxml.ns import nsdecls
from docx.oxml.parser import parse_xml

from ..compose.docmodel import CellKind, Table
from ..templateset import Fonts
from .layout import CellMetrics, PlacedCell, fitted_widths, fits_one_page, kept_with_previous, place_header, vertical_runs

_JC = {CellKind.TEXT: "left", CellKind.CODE: "center", CellKind.AMOUNT: "right"}
_VALUE_JC = {False: _JC[CellKind.TEXT], True: _JC[CellKind.AMOUNT]}  # a form's filled-in text, or amount
_W = nsdecls("w")
# A bold digit of DejaVu Serif, LibreOffice's stand-in for Times New Roman (Times itself: 0.5 em);
# the cell margins below (57 twips a side) and the border; the wide digit leaves room to spare
_CELL_METRICS = CellMetrics(digit_em=0.7, padding_pt=6.0)
_EMU_PER_PT = 12700


def table_element(block: Table, width: int, height: int, styles: dict[str, str], fonts: Fonts):
    """A w:tbl for the block on a text area `width` × `height` EMU, cells styled by the given style ids."""
    return parse_xml(table_xml(block, width, height, styles, fonts))


def table_xml(block: Table, width: int, height: int, styles: dict[str, str], fonts: Fonts) -> str:
    """The w:tbl element of `table_element`, as XML text declaring the w namespace."""
    twips = [int(20 * w) for w in fitted_widths(block, width / _EMU_PER_PT, _CELL_METRICS)]
    small = block.font_size == "small"
    header_style = styles["Table Small Header" if small else "Table Header"]
    text_style = styles["Table Small" if small else "Table Text"]
    run_fonts = (fonts.table, fonts.latin)
    parts = [f"<w:tbl {_W}>", _table_properties(styles["Table Grid"], sum(twips)), "<w:tblGrid>"]
    parts += [f'<w:gridCol w:w="{twip}"/>' for twip in twips]
    parts.append("</w:tblGrid>")
    # a form (titled with its year) moves whole to the next page if it fits one, as in the PDF
    whole = bool(block.subtitle) and fits_one_page(block, width / _EMU_PER_PT, height / _EMU_PER_PT, _CELL_METRICS)
    for r in range(len(block.header)):
        parts.append(_row_start(header=True))
        for cell, continued in _header_cells(place_header(block), r, len(block.kinds)):
            span = sum(twips[cell.col:cell.col + cell.cols])
            vmerge = None if cell.rows == 1 else ("continue" if continued else "restart")
            style, jc = (text_style, _VALUE_JC[cell.amount]) if cell.value else (header_style, "center")
            parts.append(_cell(span, cell.cols, vmerge, "" if continued else cell.text, style, jc, False, run_fonts, whole))
        parts.append("</w:tr>")
    merges = {}
    for col, start, count in vertical_runs(block):
        merges[(start, col)] = "restart"
        merges.update({(start + k, col): "continue" for k in range(1, count)})
    kept = kept_with_previous(block)
    for i, row in enumerate(block.rows):
        parts.append(_row_start(header=False))
        keep_next = i + 1 in kept or (whole and i + 1 < len(block.rows))  # Word and LibreOffice keep a row with the next when its paragraphs are kept
        for j, text in enumerate(row.cells):
            vmerge = merges.get((i, j))
            shown = "" if vmerge == "continue" else text
            parts.append(_cell(twips[j], 1, vmerge, shown, text_style, _JC[block.kinds[j]], row.total, run_fonts, keep_next))
        parts.append("</w:tr>")
    parts.append("</w:tbl>")
    return "".join(parts)


def paragraph_element(text: str, style: str, fonts: tuple[str, str], jc: str | None = None, bold: bool = False):
    """A w:p with a style id, optional alignment, and one run whose East Asian font is set."""
    return parse_xml(_paragraph(text, style, fonts, jc, bold, _W))


def _paragraph(
    text: str, style: str, fonts: tuple[str, str], jc: str | None, bold: bool, declarations: str = "", keep_next: bool = False
) -> str:
    opening = f"<w:p {declarations}>" if declarations else "<w:p>"
    keep = "<w:keepNext/>" if keep_next else ""
    alignment = f'<w:jc w:val="{jc}"/>' if jc else ""
    run = _run(text, fonts, bold) if text else ""
    return f'{opening}<w:pPr><w:pStyle w:val={quoteattr(style)}/>{keep}{alignment}</w:pPr>{run}</w:p>'


def _run(text: str, fonts: tuple[str, str], bold: bool) -> str:
    """A w:r with rFonts (eastAsia and Latin faces) and its text."""
    east_asian, latin = (quoteattr(font) for font in fonts)
    bold_mark = "<w:b/>" if bold else ""
    return (
        f"<w:r><w:rPr><w:rFonts w:ascii={latin} w:hAnsi={latin} w:cs={latin} w:eastAsia={east_asian}/>"
        f'{bold_mark}</w:rPr><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'
    )


def _header_cells(placed: list[PlacedCell], row: int, columns: int):
    """The cells to emit in header row `row`: (placed cell, True if continuing a vertical merge)."""
    out = []
    for cell in sorted(placed, key=lambda c: c.col):
        if cell.row == row:
            out.append((cell, False))
        elif cell.row < row < cell.row + cell.rows:
            out.append((cell, True))
    return out


def _table_properties(style: str, width: int) -> str:
    margins = "".join(f'<w:{side} w:w="57" w:type="dxa"/>' for side in ("left", "right"))
    return (
        f'<w:tblPr><w:tblStyle w:val={quoteattr(style)}/><w:tblW w:w="{width}" w:type="dxa"/>'
        f'<w:jc w:val="center"/><w:tblLayout w:type="fixed"/><w:tblCellMar>{margins}</w:tblCellMar></w:tblPr>'
    )


def _row_start(header: bool) -> str:
    return "<w:tr><w:trPr><w:cantSplit/>" + ("<w:tblHeader/>" if header else "") + "</w:trPr>"


def _cell(width: int, span: int, vmerge: str | None, text: str, style: str, jc: str, bold: bool, fonts, keep_next: bool) -> str:
    grid_span = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    merge = f'<w:vMerge w:val="{vmerge}"/>' if vmerge else ""
    properties = f'<w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{grid_span}{merge}<w:vAlign w:val="center"/></w:tcPr>'
    return f"<w:tc>{properties}{_paragraph(text, style, fonts, jc, bold, keep_next=keep_next)}</w:tc>"
