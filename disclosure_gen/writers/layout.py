"""Layout helpers shared by the writers: where merged header cells sit, which body cells merge down, column widths,
whether a form fits a page, and where a heading's last line would end."""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..compose.docmodel import CellKind, Table
from .docx_styles import A4_HEIGHT, A4_WIDTH, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP

TABLE_FONT_PT = {"table": 10.5, "small": 9.0}  # 五号 and 小五; the CSS and the DOCX styles use the same sizes
_SAFETY_EM = 1.0  # what a text column keeps beyond its estimated need, so that no estimate error adds a line
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
    amount: bool = False


def place_header(table: Table) -> list[PlacedCell]:
    """Grid positions of header cells, skipping columns covered by cells spanning from rows above."""
    covered: set[tuple[int, int]] = set()
    placed = []
    for r, header_row in enumerate(table.header):
        col = 0
        for cell in header_row:
            while (r, col) in covered:
                col += 1
            placed.append(PlacedCell(r, col, cell.rows, cell.cols, cell.text, cell.value, cell.amount))
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

@dataclass(frozen=True)
class CellMetrics:
    """A writer's table type, as widths are estimated: a bold digit's advance in em, and a cell's padding and borders in points."""

    digit_em: float
    padding_pt: float


TAIL_ROWS = 3  # a table's last rows that go to a new page together rather than leave one there alone


def kept_with_previous(table: Table) -> frozenset[int]:
    """Body rows never to start a page: every total row, and the last rows but the first of `TAIL_ROWS`."""
    tail = range(max(1, len(table.rows) - TAIL_ROWS + 1), len(table.rows))
    return frozenset(tail) | {i for i, row in enumerate(table.rows) if row.total and i > 0}


_LINE_EM = 1.3  # a table line in em: single spacing of the CJK faces, and the row's borders
_TITLE_PT = 90.0  # a form's number, title, year and the space around them


def fits_one_page(table: Table, width_pt: float, height_pt: float, metrics: CellMetrics) -> bool:
    """Whether a table and its title are estimated to fit one page `height_pt` tall, every row as many lines as its
    fullest cell wraps to at the widths `fitted_widths` gives (a header cell spanning rows counts in its first)."""
    size = TABLE_FONT_PT[table.font_size]
    widths = fitted_widths(table, width_pt, metrics)
    cells: list[list[tuple[str, float]]] = [[] for _ in table.header]
    for cell in place_header(table):
        cells[cell.row].append((cell.text, sum(widths[cell.col:cell.col + cell.cols])))
    cells += [list(zip(row.cells, widths)) for row in table.rows]
    lines = sum(max((_wrapped_lines(text, width, size, metrics) for text, width in row), default=1) for row in cells)
    return _TITLE_PT + lines * _LINE_EM * size <= height_pt


def _wrapped_lines(text: str, width: float, size: float, metrics: CellMetrics) -> int:
    room = max(width - metrics.padding_pt, size)
    return max(1, math.ceil(_text_em(text, metrics.digit_em) * size / room))


def text_width_pt(landscape: bool) -> float:
    """The width of the GB/T 9704 text block in points, on a portrait or a landscape (turned) page."""
    width = A4_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM if landscape else A4_WIDTH - MARGIN_LEFT - MARGIN_RIGHT
    return width / 12700  # EMU per point


def fitted_widths(table: Table, width_pt: float, metrics: CellMetrics) -> tuple[float, ...]:
    """Column widths in points over `width_pt`: every amount column as wide as its widest (bold) figure.

    The designed relative widths are kept where the figures fit. Room an amount column needs is taken
    from text columns and from amount columns with no figure at all (政府性基金 in most departments): first
    what they can give without any of their cells taking another line, then what they have beyond three
    characters.
    """
    size = TABLE_FONT_PT[table.font_size]
    total = sum(table.widths)
    widths = [width_pt * w / total for w in table.widths]
    needed = [_figure_width(table, col, size, metrics) for col in range(len(widths))]
    missing = sum(max(0.0, need - have) for need, have in zip(needed, widths))
    widths = [max(need, have) for need, have in zip(needed, widths)]
    floor = _TEXT_MIN_EM * size + metrics.padding_pt
    donors = [kind is CellKind.TEXT or (kind is CellKind.AMOUNT and not need) for kind, need in zip(table.kinds, needed)]
    for keep in (lambda col, w: max(floor, _as_few_lines(table, col, w, size, metrics)), lambda col, w: floor):
        spare = [max(0.0, w - keep(col, w)) if donor else 0.0 for col, (w, donor) in enumerate(zip(widths, donors))]
        taken = min(missing, sum(spare))
        if taken > 0:
            widths = [w - taken * s / sum(spare) for w, s in zip(widths, spare)]
            missing -= taken
    if missing > 0:  # text columns at their floor: the amount columns share what there is
        scale = width_pt / sum(widths)
        widths = [w * scale for w in widths]
    return tuple(widths)


def _as_few_lines(table: Table, col: int, width: float, size: float, metrics: CellMetrics) -> float:
    """The narrowest width, padding included, at which no cell of a column `width` wide takes more lines."""
    room, narrowest = width - metrics.padding_pt, 0.0
    for row in table.rows:
        text = _text_em(row.cells[col], metrics.digit_em) * size
        if text > 0 and room > 0:
            narrowest = max(narrowest, text / math.ceil(text / room))
    return narrowest + metrics.padding_pt + _SAFETY_EM * size  # estimates are not metrics: leave a character to spare


def _figure_width(table: Table, col: int, size: float, metrics: CellMetrics) -> float:
    """The width the widest figure of an amount column needs, padding included; 0 for other columns."""
    if table.kinds[col] is not CellKind.AMOUNT:
        return 0.0
    widest = max((_text_em(row.cells[col], metrics.digit_em) for row in table.rows), default=0.0)
    return widest * size + metrics.padding_pt if widest else 0.0


def _text_em(text: str, digit_em: float) -> float:
    """A text's width in em: digits at `digit_em`, separators and spaces narrow, anything else (％, 汉字) a full em."""
    return sum(digit_em if c.isdigit() else _NARROW_EM if c in ",.- " else 1.0 for c in text)


# A heading never ends on a line of one character -------------------------------------------------
_CLOSING = "，。、；：？！）》〉」』】”’,.;:?!)"  # punctuation that never starts a line (禁则)
KEPT_CHARACTERS = 2  # a heading's last line holds at least this many characters besides punctuation


def tail_start(text: str) -> int:
    """Where a heading's unbreakable tail starts: its last `KEPT_CHARACTERS` characters and the punctuation after them."""
    body = len(text.rstrip(_CLOSING))
    return max(0, body - KEPT_CHARACTERS)


def lone_last_line(text: str, first_em: float, rest_em: float, digit_em: float, fewer_than: int = KEPT_CHARACTERS) -> bool:
    """Whether a paragraph, broken greedily into lines `first_em` then `rest_em` wide, ends on a line of
    fewer than `fewer_than` characters (punctuation aside), as the writer's estimate has it."""
    line, capacity, count, wrapped = 0.0, first_em, 0, False
    for unit in _units(text):
        width = _text_em(unit, digit_em)
        if line and line + width > capacity:
            line, capacity, count, wrapped = 0.0, rest_em, 0, True
        line += width
        count += 1 if unit[0].isascii() else len(unit.rstrip(_CLOSING))
    return wrapped and count < fewer_than


def _units(text: str) -> list[str]:
    """The pieces a line breaks between: a Latin run or one other character, each with the closing punctuation after it."""
    units: list[str] = []
    for char in text:
        joins_latin = char.isascii() and char not in " " and units and units[-1][-1].isascii() and units[-1][-1] != " "
        if units and (char in _CLOSING or joins_latin):
            units[-1] += char
        else:
            units.append(char)
    return units
