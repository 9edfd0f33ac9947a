"""Layout helpers shared by the writers: where merged header cells sit, which body cells merge down, column widths."""

from __future__ import annotations

from dataclasses import dataclass

from ..compose.docmodel import CellKind, Table
from .docx_styles import A4_HEIGHT, A4_WIDTH, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP

TABLE_FONT_PT = {"table": 10.5, "small": 9.0}  # 五号 and 小五; the CSS and the DOCX styles use the same sizes
CELL_PADDING_PT = 6.0  # both sides' padding and borders, with a little room to spare
_NARROW_EM = 0.35  # a separator (, . -) in a Latin face, as a fraction of the font size
_TEXT_MIN_EM = 3  # a text column keeps room for three characters


@dataclass(frozen=True)
class PlacedCell:
    """A header cell at its grid position."""

    row: int
    col: int
    rows: int
    cols: int
    text: str
    value: bool = False


def place_header(table: Table) -> list[PlacedCell]:
    """Grid positions of header cells, skipping columns covered by cells spanning from rows above."""
    covered: set[tuple[int, int]] = set()
    placed = []
    for r, header_row in enumerate(table.header):
        col = 0
        for cell in header_row:
            while (r, col) in covered:
                col += 1
            placed.append(PlacedCell(r, col, cell.rows, cell.cols, cell.text, cell.value))
            for dr in range(cell.rows):
                for dc in range(cell.cols):
                    covered.add((r + dr, col + dc))
            col += cell.cols
    return placed


def vertical_runs(table: Table) -> list[tuple[int, int, int]]:
    """(column, first body row, row count) for runs of equal text in the table's merged columns."""
    runs = []
    for col in table.merged_columns:
        start = 0
        for i in range(1, len(table.rows) + 1):
            if i == len(table.rows) or table.rows[i].cells[col] != table.rows[start].cells[col]:
                if i - start > 1 and table.rows[start].cells[col]:
                    runs.append((col, start, i - start))
                start = i
    return runs

TAIL_ROWS = 3  # a table's last rows that go to a new page together rather than leave one there alone


def kept_with_previous(table: Table) -> frozenset[int]:
    """Body rows never to start a page: every total row, and the last rows but the first of `TAIL_ROWS`."""
    tail = range(max(1, len(table.rows) - TAIL_ROWS + 1), len(table.rows))
    return frozenset(tail) | {i for i, row in enumerate(table.rows) if row.total and i > 0}


def text_width_pt(landscape: bool) -> float:
    """The width of the GB/T 9704 text block in points, on a portrait or a landscape (turned) page."""
    width = A4_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM if landscape else A4_WIDTH - MARGIN_LEFT - MARGIN_RIGHT
    return width / 12700  # EMU per point


def fitted_widths(table: Table, width_pt: float, digit_em: float) -> tuple[float, ...]:
    """Column widths in points over `width_pt`: every amount column as wide as its widest (bold) figure.

    The designed relative widths are kept where the figures fit. Room an amount column needs is taken
    from text columns: first what they have beyond their longest text, then, in proportion, what they
    have beyond three characters. `digit_em` is a bold digit's advance in the writer's Latin face, in em.
    """
    size = TABLE_FONT_PT[table.font_size]
    total = sum(table.widths)
    widths = [width_pt * w / total for w in table.widths]
    needed = [_figure_width(table, col, size, digit_em) for col in range(len(widths))]
    missing = sum(max(0.0, need - have) for need, have in zip(needed, widths))
    widths = [max(need, have) for need, have in zip(needed, widths)]
    floor = _TEXT_MIN_EM * size + CELL_PADDING_PT
    for keep in (lambda col: max(floor, _longest_text(table, col, size, digit_em)), lambda col: floor):
        spare = [max(0.0, w - keep(col)) if kind is CellKind.TEXT else 0.0 for col, (w, kind) in enumerate(zip(widths, table.kinds))]
        taken = min(missing, sum(spare))
        if taken > 0:
            widths = [w - taken * s / sum(spare) for w, s in zip(widths, spare)]
            missing -= taken
    if missing > 0:  # text columns at their floor: the amount columns share what there is
        scale = width_pt / sum(widths)
        widths = [w * scale for w in widths]
    return tuple(widths)


def _longest_text(table: Table, col: int, size: float, digit_em: float) -> float:
    """The width the longest text of a column needs on one line, padding included."""
    return max((_text_em(row.cells[col], digit_em) for row in table.rows), default=0.0) * size + CELL_PADDING_PT


def _figure_width(table: Table, col: int, size: float, digit_em: float) -> float:
    """The width the widest figure of an amount column needs, padding included; 0 for other columns."""
    if table.kinds[col] is not CellKind.AMOUNT:
        return 0.0
    widest = max((_text_em(row.cells[col], digit_em) for row in table.rows), default=0.0)
    return widest * size + CELL_PADDING_PT if widest else 0.0


def _text_em(text: str, digit_em: float) -> float:
    """A text's width in em: digits at `digit_em`, separators and spaces narrow, anything else (％, 汉字) a full em."""
    return sum(digit_em if c.isdigit() else _NARROW_EM if c in ",.- " else 1.0 for c in text)
