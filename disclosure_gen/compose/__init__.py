"""Composition: derived figures and the input's text become one format-neutral Document."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Any

import jinja2

from ..compiled_templates import ProcessBytecodeCache
from ..derive import Figures
from ..model import DisclosureInput
from ..sandbox import SandboxedEnvironment
from ..templateset import InvalidTemplateError, TemplateSet
from . import tables as layouts
from .docmodel import (
    Align,
    Block,
    Chunk,
    Document,
    Heading,
    Note,
    PageBreak,
    Paragraph,
    Table,
    TableOfContents,
    Title,
    TocEntry,
)
from .numbers import Formatter, chinese_numeral
from .performance import department_performance_table, performance_table

__all__ = ["compose"]

DOCUMENT_TEMPLATE = "text/document.j2"


def compose(data: DisclosureInput, figures: Figures, template: TemplateSet) -> Document:
    """Builds the whole disclosure: the template's text with the tables set in where it says."""
    fmt = Formatter(template.numbers)
    env = text_environment(template, fmt)
    text = env.get_template(DOCUMENT_TEMPLATE).render(f=figures, d=data)
    builder = _Builder(data, figures, template, fmt, env)
    for line in text.splitlines():
        builder.take(line.strip())
    chunks = builder.finish()
    return Document(
        title=f"{figures.department}{figures.year}年部门预算公开",
        author=figures.department,
        language="zh-CN",
        date=data.department.published_on.isoformat(),
        chunks=chunks,
    )


_COMPILED = ProcessBytecodeCache()  # this module's environment options only


def text_environment(template: TemplateSet, fmt: Formatter) -> jinja2.Environment:
    """A jinja2 environment over the template set's folder, with the number filters."""
    env = SandboxedEnvironment(
        bytecode_cache=_COMPILED,
        loader=template_loader(template),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        finalize=_finalize,
    )
    env.filters.update(wan=fmt.amount, pct=fmt.percent, cn=chinese_numeral, cell=fmt.cell)
    return env


def template_loader(template: TemplateSet) -> jinja2.BaseLoader:
    """Finds `text/x.j2` in the set or its bases (own first), and `<set name>/text/x.j2` in that set only."""
    by_name = {folder.name: jinja2.FileSystemLoader(folder) for folder in template.folders}
    return jinja2.ChoiceLoader([jinja2.FileSystemLoader(template.folders), jinja2.PrefixLoader(by_name)])


def _finalize(value: Any) -> Any:
    """Guards the one-line-per-block markup, and keeps numbers out unless a filter formatted them."""
    if isinstance(value, Decimal | float):
        raise TypeError(f"unformatted number {value!r} in a text template: use |wan, |pct or |cell")
    if isinstance(value, str):
        return value.replace("\r", "").replace("\n", "")
    return value


class _Builder:
    """Turns the rendered template's lines into blocks, chunks and the 目录."""

    def __init__(self, data: DisclosureInput, figures: Figures, template: TemplateSet, fmt: Formatter, env: jinja2.Environment):
        self.data, self.figures, self.template, self.fmt, self.env = data, figures, template, fmt, env
        self.chunks: list[Chunk] = []
        self.blocks: list[Block] = []
        self.landscape = False
        self.toc: list[TocEntry] = []
        self.tables_in_part = 0

    def take(self, line: str) -> None:
        """Adds the block(s) one rendered line stands for."""
        if not line:
            return
        if line.startswith("@"):
            self._directive(*line[1:].partition(" ")[::2])
        elif line.startswith("#"):
            marks, _, text = line.partition(" ")
            self._heading(len(marks), text)
        elif line.startswith("> "):
            self.blocks.append(Note(line[2:]))
        else:
            self.blocks.append(Paragraph(line.removeprefix("= ")))

    def finish(self) -> tuple[Chunk, ...]:
        """The chunks, with the 目录 filled in."""
        self._close_chunk()
        toc = TableOfContents(tuple(self.toc))
        return tuple(
            Chunk(c.landscape, tuple(toc if isinstance(b, TableOfContents) else b for b in c.blocks)) for c in self.chunks
        )

    def _directive(self, name: str, argument: str) -> None:
        if name == "title":
            self.blocks.append(Title((argument,)))
        elif name == "toc":
            self.blocks.append(TableOfContents(()))
        elif name == "pagebreak":
            self.blocks.append(PageBreak())
        elif name in ("landscape", "portrait"):
            self._orientation(name == "landscape")
        elif name == "table":
            key, number, title = argument.split(" ", 2)
            self._table(key, number, title)
        elif name == "performance":
            self._performance_tables()
        elif name == "department_performance":
            self._department_performance_table()
        elif name in ("right", "center"):
            self.blocks.append(Paragraph(argument, Align.RIGHT if name == "right" else Align.CENTER, indent=False))
        else:
            raise ValueError(f"unknown directive @{name} in the text template")

    def _heading(self, level: int, text: str) -> None:
        anchor = None
        if level <= 2:
            anchor = f"h{len(self.toc) + 1}"
            self.toc.append(TocEntry(level, text, anchor))
        if level == 1:
            self.tables_in_part = 0
        self.blocks.append(Heading(level, text, anchor))

    def _table(self, key: str, number: str, title: str) -> None:
        self._new_page_unless_fresh()
        self.tables_in_part += 1
        anchor = f"{key}"
        self.toc.append(TocEntry(2, f"{chinese_numeral(self.tables_in_part)}、{title}", anchor))
        table = self._layout(key)
        self.blocks.append(_titled(table, number, title, anchor, f"编制部门：{self.figures.department}", "单位：万元"))

    def _layout(self, key: str) -> Table:
        spec = self.template.tables.get(key)
        if spec is None:
            raise InvalidTemplateError(f"正文模板引用了表「{key}」，而模板「{self.template.name}」的 tables.yaml 没有定义它")
        return layouts.layout(key, spec, self.figures, self.fmt)

    def _performance_tables(self) -> None:
        goal = self.env.get_template("text/macros.j2").module.performance_goal  # type: ignore[attr-defined]
        for project in self.figures.projects:
            if project.performance is None:
                continue
            if self.blocks and isinstance(self.blocks[-1], Table):
                self.blocks.append(PageBreak())
            self.blocks.append(
                performance_table(project.performance, self.figures.department, _finalize(str(goal(project.performance))), self.figures.year, self.fmt)
            )

    def _department_performance_table(self) -> None:
        table = self.figures.department_performance
        if table is not None:
            self.blocks.append(department_performance_table(table, self.figures.department, self.figures.year, self.fmt))

    def _orientation(self, landscape: bool) -> None:
        if landscape != self.landscape:
            self._close_chunk()
            self.landscape = landscape

    def _close_chunk(self) -> None:
        if self.blocks:
            self.chunks.append(Chunk(self.landscape, tuple(self.blocks)))
        self.blocks = []

    def _new_page_unless_fresh(self) -> None:
        if self.blocks and not isinstance(self.blocks[-1], Heading | PageBreak):
            self.blocks.append(PageBreak())


def _titled(table: Table, number: str, title: str, anchor: str, department: str, unit: str) -> Table:
    return replace(table, number=number, title=title, anchor=anchor, department_line=department, unit_line=unit)
