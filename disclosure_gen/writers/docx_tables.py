"""Builds DOCX tables directly as OOXML: fixed widths, gridSpan/vMerge merges, repeated headers."""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from ..compose.docmodel import CellKind, Table
from ..templateset import Fonts
from .layout import PlacedCell, place_header, vertical_runs

_JC = {CellKind.TEXT: "left", CellKind.CODE: "center", CellKind.AMOUNT: "right"}


def table_element(block: Table, width: int, styles: dict[str, str], fonts: Fonts):
    """A w:tbl for the block, `width` in EMU wide, cells styled by the given style ids."""
    twips = [int(width * w / sum(block.widths) / 635) for w in block.widths]
    tbl = _element("w:tbl")
    tbl.append(_table_properties(styles["Table Grid"], sum(twips)))
    grid = _element("w:tblGrid")
    for twip in twips:
        grid.append(_element("w:gridCol", {"w:w": str(twip)}))
    tbl.append(grid)
    small = block.font_size == "small"
    header_style = styles["Table Small Header" if small else "Table Header"]
    text_style = styles["Table Small" if small else "Table Text"]
    run_fonts = (fonts.table, fonts.latin)
    for r in range(len(block.header)):
        tr = _row(header=True)
        for cell, continued in _header_cells(place_header(block), r, len(block.kinds)):
            span = sum(twips[cell.col:cell.col + cell.cols])
            vmerge = None if cell.rows == 1 else ("continue" if continued else "restart")
            style, jc = (text_style, "left") if cell.value else (header_style, "center")
            tr.append(_cell(span, cell.cols, vmerge, "" if continued else cell.text, style, jc, False, run_fonts))
        tbl.append(tr)
    merges = {}
    for col, start, count in vertical_runs(block):
        merges[(start, col)] = "restart"
        merges.update({(start + k, col): "continue" for k in range(1, count)})
    for i, row in enumerate(block.rows):
        tr = _row(header=False)
        for j, text in enumerate(row.cells):
            vmerge = merges.get((i, j))
            shown = "" if vmerge == "continue" else text
            tr.append(_cell(twips[j], 1, vmerge, shown, text_style, _JC[block.kinds[j]], row.total, run_fonts))
        tbl.append(tr)
    return tbl


def paragraph_element(text: str, style: str, fonts: tuple[str, str], jc: str | None = None, bold: bool = False):
    """A w:p with a style id, optional alignment, and one run whose East Asian font is set."""
    p = _element("w:p")
    ppr = _element("w:pPr")
    ppr.append(_element("w:pStyle", {"w:val": style}))
    if jc:
        ppr.append(_element("w:jc", {"w:val": jc}))
    p.append(ppr)
    if text:
        p.append(run_element(text, fonts, bold))
    return p


def run_element(text: str, fonts: tuple[str, str], bold: bool = False):
    """A w:r with rFonts (eastAsia and Latin faces) and its text."""
    r = _element("w:r")
    rpr = _element("w:rPr")
    east_asian, latin = fonts
    rpr.append(_element("w:rFonts", {"w:ascii": latin, "w:hAnsi": latin, "w:cs": latin, "w:eastAsia": east_asian}))
    if bold:
        rpr.append(_element("w:b"))
    r.append(rpr)
    t = _element("w:t", {"xml:space": "preserve"})
    t.text = text
    r.append(t)
    return r


def _header_cells(placed: list[PlacedCell], row: int, columns: int):
    """The cells to emit in header row `row`: (placed cell, True if continuing a vertical merge)."""
    out = []
    for cell in sorted(placed, key=lambda c: c.col):
        if cell.row == row:
            out.append((cell, False))
        elif cell.row < row < cell.row + cell.rows:
            out.append((cell, True))
    return out


def _table_properties(style: str, width: int):
    pr = _element("w:tblPr")
    pr.append(_element("w:tblStyle", {"w:val": style}))
    pr.append(_element("w:tblW", {"w:w": str(width), "w:type": "dxa"}))
    pr.append(_element("w:jc", {"w:val": "center"}))
    pr.append(_element("w:tblLayout", {"w:type": "fixed"}))
    margins = _element("w:tblCellMar")
    for side in ("left", "right"):
        margins.append(_element(f"w:{side}", {"w:w": "57", "w:type": "dxa"}))
    pr.append(margins)
    return pr


def _row(header: bool):
    tr = _element("w:tr")
    pr = _element("w:trPr")
    pr.append(_element("w:cantSplit"))
    if header:
        pr.append(_element("w:tblHeader"))
    tr.append(pr)
    return tr


def _cell(width: int, span: int, vmerge: str | None, text: str, style: str, jc: str, bold: bool, fonts):
    tc = _element("w:tc")
    pr = _element("w:tcPr")
    pr.append(_element("w:tcW", {"w:w": str(width), "w:type": "dxa"}))
    if span > 1:
        pr.append(_element("w:gridSpan", {"w:val": str(span)}))
    if vmerge:
        pr.append(_element("w:vMerge", {"w:val": vmerge}))
    pr.append(_element("w:vAlign", {"w:val": "center"}))
    tc.append(pr)
    tc.append(paragraph_element(text, style, fonts, jc, bold))
    return tc


def _element(tag: str, attributes: dict[str, str] | None = None):
    element = OxmlElement(tag)
    for name, value in (attributes or {}).items():
        element.set(qn(name), value)
    return element
