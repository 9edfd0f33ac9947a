"""A stable text dump of the composed Document tree: one line per block, tables cell by cell."""

from __future__ import annotations

from disclosure_gen.compose.docmodel import Chunk, Document, Heading, Note, PageBreak, Paragraph, Table, TableOfContents, Title


def document_dump(document: Document) -> str:
    """The whole tree as text; each value is written with repr() so any character stays visible."""
    lines = [f"document title={document.title!r} author={document.author!r} language={document.language!r} date={document.date!r}"]
    for chunk in document.chunks:
        lines.extend(_chunk(chunk))
    return "\n".join(lines) + "\n"


def _chunk(chunk: Chunk) -> list[str]:
    lines = [f"chunk {'landscape' if chunk.landscape else 'portrait'}"]
    for block in chunk.blocks:
        lines.extend("  " + line for line in _block(block))
    return lines


def _block(block) -> list[str]:
    if isinstance(block, Title):
        return [f"title {block.lines!r}"]
    if isinstance(block, Heading):
        return [f"heading {block.level} anchor={block.anchor!r} {block.text!r}"]
    if isinstance(block, Paragraph):
        return [f"paragraph {block.align.value} indent={block.indent} {block.text!r}"]
    if isinstance(block, Note):
        return [f"note {block.text!r}"]
    if isinstance(block, PageBreak):
        return ["pagebreak"]
    if isinstance(block, TableOfContents):
        return ["toc"] + [f"  entry {e.level} {e.anchor!r} {e.text!r}" for e in block.entries]
    if isinstance(block, Table):
        return _table(block)
    raise TypeError(f"unknown block {block!r}")


def _table(table: Table) -> list[str]:
    lines = [
        f"table number={table.number!r} title={table.title!r} subtitle={table.subtitle!r} anchor={table.anchor!r}",
        f"  meta department={table.department_line!r} unit={table.unit_line!r} empty={table.empty_statement!r}",
        f"  layout kinds={[k.value for k in table.kinds]} widths={list(table.widths)} font={table.font_size} merged={list(table.merged_columns)}",
    ]
    lines += [f"  header {[(c.text, c.cols, c.rows, c.value) for c in row]!r}" for row in table.header]
    lines += [f"  row{' total' if row.total else ''} spans={list(row.spans)} {list(row.cells)!r}" for row in table.rows]
    return lines
