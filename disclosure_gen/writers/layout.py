"""Layout helpers shared by the writers: where merged header cells sit, which body cells merge down."""

from __future__ import annotations

from dataclasses import dataclass

from ..compose.docmodel import Table


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
