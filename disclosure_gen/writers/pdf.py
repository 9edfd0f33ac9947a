"""The PDF writer: the document model as HTML and CSS from the template set, laid out by WeasyPrint."""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import jinja2
from weasyprint import CSS
from weasyprint.urls import URLFetcher

from ..compiled_templates import ProcessBytecodeCache
from ..compose.docmodel import Chunk, Document, Heading, Note, PageBreak, Paragraph, Table, TableOfContents, Title
from ..errors import PdfRenderError
from ..glyphs import MissingGlyphsError
from ..sandbox import SandboxedEnvironment
from ..templateset import TemplateSet
from .base_styles import base_stylesheet, well_formed_root
from .collector import collector_paused
from .font_configs import font_configuration
from .layout import CellMetrics, fitted_widths, kept_with_previous, tail_start, text_width_pt, vertical_runs
from .weasyprint_compat import TemplateHTML, hooks_active, missing_characters

_FONT_ROLES = ("title", "heading", "kai", "body", "table", "latin")
# Noto Serif CJK Bold, the stacks' Latin face: digits 0.47–0.6 em; 2 pt padding and 0.5 pt border a cell, 1 pt to spare
_CELL_METRICS = CellMetrics(digit_em=0.57, padding_pt=5.5)


@dataclass(frozen=True)
class PdfOptions:
    """Variants of the PDF: PDF/A-2b for archiving, tagged PDF for accessibility."""

    pdf_a: bool = False
    tagged: bool = False


@dataclass(frozen=True)
class TableLayout:
    """What the table macro needs beyond the block: column widths in %, vertical merges, rows kept with the one above."""

    widths: tuple[str, ...]
    rowspans: dict[tuple[int, int], int]
    hidden: frozenset[tuple[int, int]]
    kept: frozenset[int]


def pdf_bytes(document: Document, template: TemplateSet, options: PdfOptions = PdfOptions()) -> bytes:
    """The document as PDF bytes; fails with a clear message rather than print boxes for glyphs."""
    html, css = document_html(document, template), stylesheet(template)
    return _weasyprint_pdf(html, css, template.subfolders("html"), options)


def laid_out(document: Document, template: TemplateSet):
    """The document laid out into pages by WeasyPrint, as `pdf_bytes` writes it (tests inspect its boxes)."""
    html, css = document_html(document, template), stylesheet(template)
    with hooks_active(), collector_paused():
        return _weasyprint_layout(html, css, template.subfolders("html"))


def _weasyprint_pdf(html: str, css: str, folders: list[Path], options: PdfOptions) -> bytes:
    """HTML and CSS laid out and written by WeasyPrint, with the hooks of `weasyprint_compat`."""
    with _weasyprint_warnings() as warnings, hooks_active():
        with collector_paused():  # what the render leaves behind is garbage on return
            rendered = _weasyprint_layout(html, css, folders)
            data = rendered.write_pdf(
                pdf_variant="pdf/a-2b" if options.pdf_a else None,
                pdf_tags=options.tagged,
                uncompressed_pdf=False,
            )
    _refuse_missing_glyphs(rendered)
    if warnings:
        raise PdfRenderError("生成 PDF 时出现问题：" + "；".join(warnings))
    return data


def _weasyprint_layout(html: str, css: str, folders: list[Path]):
    """HTML and CSS laid out by WeasyPrint into a `weasyprint.Document`, fetching only template files.

    Call it with `weasyprint_compat.hooks_active()`, as `_weasyprint_pdf` and `laid_out` do.
    """
    fetcher = TemplateOnlyFetcher(*folders)
    base = base_stylesheet(folders, url_fetcher=fetcher)
    page = TemplateHTML(base, well_formed_root(html), html, str(folders[0]), fetcher)
    fonts = font_configuration((tuple(folders), css))
    return page.render(stylesheets=[CSS(string=css, base_url=str(folders[0]), url_fetcher=fetcher)], font_config=fonts)


def document_html(document: Document, template: TemplateSet) -> str:
    """The whole document as one HTML page, every block rendered by its macro."""
    env = _environment(template)
    macros = env.get_template("blocks.html.j2").module
    handlers: dict[type, Callable] = {
        Title: macros.title,
        Heading: lambda block: macros.heading(block, tail_start(block.text)),
        Paragraph: macros.paragraph,
        Note: macros.note,
        TableOfContents: macros.toc,
        PageBreak: macros.page_break,
    }

    def render_block(block, chunk: Chunk) -> str:
        if isinstance(block, Table):
            return macros.table(block, table_layout(block, chunk.landscape))
        return handlers[type(block)](block)

    return env.get_template("document.html.j2").render(document=document, render_block=render_block)


def stylesheet(template: TemplateSet) -> str:
    """The template set's CSS with its font stacks filled in."""
    stacks = {role: ", ".join(f'"{face}"' for face in template.fonts.stack(role)) for role in _FONT_ROLES}
    return _environment(template).get_template("style.css.j2").render(fonts=stacks)


def table_layout(block: Table, landscape: bool) -> TableLayout:
    """Column widths as percentages (amount columns fitted to their figures) and the rowspans of merged columns."""
    page = text_width_pt(landscape)
    widths = tuple(f"{100 * w / page:.3f}" for w in fitted_widths(block, page, _CELL_METRICS))
    rowspans, hidden = {}, set()
    for col, start, count in vertical_runs(block):
        rowspans[(start, col)] = count
        hidden.update((start + k, col) for k in range(1, count))
    return TableLayout(widths, rowspans, frozenset(hidden), kept_with_previous(block))


class TemplateOnlyFetcher(URLFetcher):
    """Serves files inside the template set's HTML folders and refuses every other URL."""

    def __init__(self, *folders: Path):
        super().__init__()
        self.folders = tuple(folder.resolve() for folder in folders)

    def fetch(self, url, headers=None):  # type: ignore[no-untyped-def]
        if url.startswith("file://"):
            path = Path(url.removeprefix("file://")).resolve()
            if path.is_file() and any(path.is_relative_to(f) for f in self.folders):
                return super().fetch(url, headers)
        raise PdfRenderError(f"拒绝读取模板以外的资源：{url}")


_COMPILED = ProcessBytecodeCache()  # this module's environment options only


def _environment(template: TemplateSet) -> SandboxedEnvironment:
    return SandboxedEnvironment(
        bytecode_cache=_COMPILED,
        loader=jinja2.FileSystemLoader(template.subfolders("html")),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2",), default=False),
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )


def _refuse_missing_glyphs(rendered) -> None:
    missing = "".join(sorted(missing_characters(rendered)))
    if missing:
        raise MissingGlyphsError(missing)


@contextmanager
def _weasyprint_warnings():
    """Collects what WeasyPrint logs at warning level, which it otherwise tells nobody."""
    messages: list[str] = []

    class Collector(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            messages.append(record.getMessage())

    logger = logging.getLogger("weasyprint")
    handler = Collector(logging.WARNING)
    logger.addHandler(handler)
    try:
        yield messages
    finally:
        logger.removeHandler(handler)
