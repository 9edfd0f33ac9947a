"""Composition: derived figures and the input's text become one format-neutral Document."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from ..compiled_templates import ProcessBytecodeCache
from ..derive import Figures
from ..formspec import filled
from ..model import DisclosureInput
from ..model.common import LINE_BREAK
from ..names import clipped, document_title
from ..sandbox import NoArithmeticEnvironment
from ..templateset import InvalidTemplateError, TemplateSet
from . import markup
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
from .inheritance import check_overrides
from .numbers import Formatter, chinese_numeral
from .performance import department_performance_table, performance_table

__all__ = ["compose"]

DOCUMENT_TEMPLATE = "text/document.j2"


def compose(data: DisclosureInput, figures: Figures, template: TemplateSet, apart: bool = False) -> Document:
    """Builds the whole disclosure: the template's text with the tables set in where it says.

    The template prints the parts the set publishes in the disclosure; with `apart`, only the parts it
    publishes as a document of their own (see `Parts`).
    """
    fmt = Formatter(template.numbers)
    env = text_environment(template, fmt)
    source = f"模板「{template.name}」的 {DOCUMENT_TEMPLATE}"
    rendered = env.get_template(DOCUMENT_TEMPLATE).render(f=figures, d=data, parts=template.parts.shown(apart), apart=apart)
    tree = markup.parse(rendered, source)
    builder = _Builder(data, figures, template, fmt, env)
    builder.take_all(tree.children)
    chunks = builder.finish()
    return Document(
        title=document_title(figures.department, figures.year),
        author=clipped(figures.department),
        language="zh-CN",
        date=data.department.published_on.isoformat(),
        chunks=chunks,
    )


_COMPILED = ProcessBytecodeCache()  # this module's environment options only


def text_environment(template: TemplateSet, fmt: Formatter) -> jinja2.Environment:
    """A sandboxed jinja2 environment over the template set's folder that renders XML, with the number filters."""
    env = NoArithmeticEnvironment(
        bytecode_cache=_COMPILED,
        loader=_LintingLoader(template_loader(template)),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        finalize=_finalize,
    )
    env.filters.update(wan=fmt.amount, pct=fmt.percent, cn=chinese_numeral, cell=fmt.cell, paragraphs=paragraphs)
    return env


def template_loader(template: TemplateSet) -> jinja2.BaseLoader:
    """Finds `text/x.j2` in the set or its bases (own first), and `<set name>/text/x.j2` in that set only."""
    by_name = {folder.name: jinja2.FileSystemLoader(folder) for folder in template.folders}
    return jinja2.ChoiceLoader([jinja2.FileSystemLoader(template.folders), jinja2.PrefixLoader(by_name)])


class _LintingLoader(jinja2.BaseLoader):
    """Checks each text template's source as it is loaded (XML vocabulary, blocks its base defines), naming its line."""

    def __init__(self, inner: jinja2.BaseLoader):
        self.inner = inner

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str | None, Any]:
        source, filename, uptodate = self.inner.get_source(environment, template)
        file = Path(filename or template)
        markup.lint(source, file)
        check_overrides(environment, self.inner, source, template, file)
        return source, filename, uptodate


_CHARACTER_REFERENCES = str.maketrans({"\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})


def _finalize(value: Any) -> Any:
    """Escapes the input's text as XML character data, and keeps numbers out unless a filter formatted them.

    Line breaks and tabs become character references, so they reach the document exactly, even in
    an attribute (where an XML parser would turn them into spaces).
    """
    if isinstance(value, Decimal | float):
        raise jinja2.TemplateRuntimeError(f"直接输出了未格式化的数字 {value}：请用 |wan（金额）、|pct（百分比）或 |cell（表格中的数）过滤器")
    if isinstance(value, str) and not isinstance(value, Markup):
        return Markup(str(escape(value)).translate(_CHARACTER_REFERENCES))
    return value


def paragraphs(text: str) -> list[str]:
    """A multi-paragraph field's paragraphs: one per line (any line or paragraph separator), blank ones dropped."""
    return [part.strip() for part in LINE_BREAK.split(text) if part.strip()]


class _Builder:
    """Turns the rendered template's elements into blocks, chunks and the 目录."""

    def __init__(self, data: DisclosureInput, figures: Figures, template: TemplateSet, fmt: Formatter, env: jinja2.Environment):
        self.data, self.figures, self.template, self.fmt, self.env = data, figures, template, fmt, env
        self.chunks: list[Chunk] = []
        self.blocks: list[Block] = []
        self.landscape = False
        self.toc: list[TocEntry] = []
        self.toc_depth = 2  # headings of this level or above enter the 目录 (<toc depth>)
        self.tables_in_part = 0

    def take_all(self, nodes: list[markup.Node]) -> None:
        """Adds the blocks the elements stand for, in order."""
        for node in nodes:
            self.take(node)

    def take(self, node: markup.Node) -> None:
        """Adds the block(s) one element stands for."""
        tag, attrs, text = node.tag, node.attrs, node.text
        if tag == "title":
            self.blocks.append(Title((text,)))
        elif tag == "toc":
            self.toc_depth = int(attrs.get("depth", "2"))
            self.blocks.append(TableOfContents(()))
        elif tag == "pagebreak":
            self.blocks.append(PageBreak())
        elif tag == "h":
            self._heading(int(attrs["level"]), text, attrs.get("toc") != "no")
        elif tag == "p":
            self._paragraph(text, attrs.get("align"), attrs.get("keep") == "next")
        elif tag == "note":
            self.blocks.append(Note(text))
        elif tag == "table":
            self._table(attrs["key"], attrs.get("number"), attrs["title"], attrs.get("toc"), attrs.get("lines") != "no")
        elif tag == "performance":
            self._performance_tables(attrs.get("toc") == "yes")
        elif tag == "department-performance":
            self._department_performance_table(attrs.get("toc") == "yes")
        elif tag == "landscape":
            self._orientation(True)
            self.take_all(node.children)
            self._orientation(False)
        else:  # markup.parse admits only the vocabulary; a name added there must be handled here
            raise AssertionError(f"element <{tag}> has no block")

    def finish(self) -> tuple[Chunk, ...]:
        """The chunks, with the 目录 filled in."""
        self._close_chunk()
        toc = TableOfContents(tuple(self.toc))
        return tuple(
            Chunk(c.landscape, tuple(toc if isinstance(b, TableOfContents) else b for b in c.blocks)) for c in self.chunks
        )

    def _paragraph(self, text: str, align: str | None, keep_with_next: bool) -> None:
        if not text:
            return
        if align is None:
            self.blocks.append(Paragraph(text, keep_with_next=keep_with_next))
        else:
            self.blocks.append(Paragraph(text, Align(align), indent=False, keep_with_next=keep_with_next))

    def _heading(self, level: int, text: str, listed: bool) -> None:
        anchor = self._listed(level, text, f"h{len(self.toc) + 1}") if listed and level <= self.toc_depth else None
        if level == 1:
            self.tables_in_part = 0
        self.blocks.append(Heading(level, text, anchor))

    def _listed(self, level: int, text: str, anchor: str) -> str:
        """Adds a 目录 entry pointing at `anchor`; returns the anchor."""
        self.toc.append(TocEntry(level, text, anchor))
        return anchor

    def _table(self, key: str, number: str | None, title: str, toc: str | None, lines: bool) -> None:
        """A 预算公开表: its 目录 entry is `toc` (default 一、<title>; empty: none), with or without the 编制部门/单位 line."""
        self._new_page_unless_fresh()
        self.tables_in_part += 1
        entry = f"{chinese_numeral(self.tables_in_part)}、{title}" if toc is None else toc
        anchor = self._listed(min(self.toc_depth, 2), entry, key) if entry else None
        table = replace(self._layout(key), number=number or None, title=title, anchor=anchor, key=key)
        if lines:
            table = replace(table, department_line=f"编制部门：{self.figures.department}", unit_line="单位：万元")
        self.blocks.append(table)

    def _layout(self, key: str) -> Table:
        spec = self.template.tables.get(key)
        if spec is None:
            raise InvalidTemplateError(f"正文模板引用了表「{key}」，而模板「{self.template.name}」的 tables.yaml 没有定义它")
        return layouts.layout(key, spec, self.figures, self.fmt)

    def _performance_tables(self, listed: bool) -> None:
        """The 项目支出绩效目标表 in the figures' order (一级项目's among them); with `listed`, each enters the 目录 as
        the form's `toc` says (「<title>（<project>）」 unless the set says otherwise)."""
        goal = self.env.get_template("text/macros.j2").module.performance_goal  # type: ignore[attr-defined]
        for performance in self.figures.performance_forms:
            if self.blocks and isinstance(self.blocks[-1], Table):
                self.blocks.append(PageBreak())
            text = self._text_of(goal(performance))
            form = self.template.performance_form
            table = performance_table(performance, self.figures.department, text, self.figures.year, self.fmt, form)
            entry = filled(form.project.toc, {"title": table.title, "project": performance.project, "year": str(self.figures.year)})
            self.blocks.append(self._form_listed(table, entry) if listed else table)

    def _form_listed(self, table: Table, entry: str) -> Table:
        """A performance form entered in the 目录 as `entry`."""
        return replace(table, anchor=self._listed(min(self.toc_depth, 2), entry, f"form{len(self.toc) + 1}"))

    def _text_of(self, rendered: str) -> str:
        return markup.leaf_text(rendered, f"模板「{self.template.name}」的 text/macros.j2")

    def _department_performance_table(self, listed: bool) -> None:
        table = self.figures.department_performance
        if table is not None:
            form = self.template.performance_form
            if form.department is None:
                raise InvalidTemplateError(
                    f"正文模板印部门整体绩效目标表（<department-performance/>），而模板「{self.template.name}」的 set.yaml "
                    "没有声明它的版式 performance_form.department（见 docs/templates.md「绩效目标表」）"
                )
            laid = department_performance_table(table, self.figures.department, self.figures.year, self.fmt, form)
            entry = filled(form.department.toc, {"title": laid.title, "department": self.figures.department, "year": str(self.figures.year)})
            self.blocks.append(self._form_listed(laid, entry) if listed else laid)

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

