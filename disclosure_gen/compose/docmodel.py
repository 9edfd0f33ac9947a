"""The document model: the only thing writers see. Blocks hold finished text, never figures."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Align(str, Enum):
    """Horizontal alignment of a paragraph or cell."""

    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"
    JUSTIFY = "justify"


@dataclass(frozen=True)
class Title:
    """The document title (小标宋 2号), one or more centred lines."""

    lines: tuple[str, ...]


@dataclass(frozen=True)
class Heading:
    """A heading: level 1 第一部分, 2 一、, 3 （一）, 4 1.; `anchor` links it from the 目录."""

    level: int
    text: str
    anchor: str | None = None


@dataclass(frozen=True)
class Paragraph:
    """Body text (仿宋 3号), first line indented two characters unless aligned otherwise."""

    text: str
    align: Align = Align.JUSTIFY
    indent: bool = True
    keep_with_next: bool = False  # a line heading what follows (项目名称): never last on its page


@dataclass(frozen=True)
class Note:
    """A note under a table or section (备注、尾差说明), in smaller type."""

    text: str


@dataclass(frozen=True)
class TocEntry:
    """One line of the 目录: its level (1 part, 2 section or table), text and target anchor."""

    level: int
    text: str
    anchor: str


@dataclass(frozen=True)
class TableOfContents:
    """The 目录, listing every part, table and section."""

    entries: tuple[TocEntry, ...]


@dataclass(frozen=True)
class HeaderCell:
    """A header cell spanning `cols` columns and `rows` rows of the header."""

    text: str
    cols: int = 1
    rows: int = 1
    value: bool = False  # a filled-in value (left, regular) rather than a label (centred, bold)
    amount: bool = False  # a filled-in amount: right-aligned on one line, as in an amount column


class CellKind(str, Enum):
    """How a body column is laid out: text left, codes centred, amounts right."""

    TEXT = "text"
    CODE = "code"
    AMOUNT = "amount"


@dataclass(frozen=True)
class BodyRow:
    """A body row: finished cell texts; `total` rows are bold and never repeated on a new page."""

    cells: tuple[str, ...]
    total: bool = False
    spans: tuple[int, ...] = ()  # per cell, how many columns it spans (default 1 each)


@dataclass(frozen=True)
class Table:
    """A table with a multi-row merged header, column kinds and relative widths."""

    header: tuple[tuple[HeaderCell, ...], ...]
    kinds: tuple[CellKind, ...]
    widths: tuple[float, ...]
    rows: tuple[BodyRow, ...]
    number: str | None = None  # 表 1
    title: str | None = None
    key: str | None = None  # the tables.yaml key of a 预算公开表 (None for the performance forms)
    subtitle: str | None = None  # （2023年） under a performance table's title
    anchor: str | None = None
    department_line: str | None = None  # 编制部门：…
    unit_line: str | None = None  # 单位：万元
    empty_statement: str | None = None
    font_size: str = "table"  # "table" or "small" for wide tables
    merged_columns: tuple[int, ...] = ()  # columns whose runs of equal text merge vertically


@dataclass(frozen=True)
class PageBreak:
    """Starts a new page."""


Block = Title | Heading | Paragraph | Note | TableOfContents | Table | PageBreak


@dataclass(frozen=True)
class Chunk:
    """A run of blocks on pages of one orientation; each chunk starts on a new page."""

    landscape: bool
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Document:
    """A whole disclosure: metadata and its chunks, in reading order."""

    title: str
    author: str
    language: str
    date: str
    chunks: tuple[Chunk, ...] = field(default_factory=tuple)

    def blocks(self) -> list[Block]:
        """Every block in reading order."""
        return [block for chunk in self.chunks for block in chunk.blocks]
