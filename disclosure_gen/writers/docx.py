"""The DOCX writer: walks the document model into a copy of the template set's reference document."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import docx
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Mm, Pt

from ..compose.docmodel import (
    Align,
    Chunk,
    Document,
    Heading,
    Note,
    PageBreak,
    Paragraph,
    Table,
    TableOfContents,
    Title,
)
from ..templateset import TemplateSet
from .archive import saved
from .docx_styles import A4_HEIGHT, A4_WIDTH, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, SPECS, StyleSpec
from .docx_tables import paragraph_element, table_element
from .layout import KEPT_CHARACTERS, lone_last_line

# A digit of running text with the space Word and LibreOffice set between it and a 汉字: Times New Roman
# 0.5 em (+0.25), DejaVu Serif, LibreOffice's stand-in, 0.64 em (+0.2)
_DIGIT_EM = 0.7

_ALIGN = {
    Align.LEFT: WD_ALIGN_PARAGRAPH.LEFT,
    Align.CENTER: WD_ALIGN_PARAGRAPH.CENTER,
    Align.RIGHT: WD_ALIGN_PARAGRAPH.RIGHT,
    Align.JUSTIFY: WD_ALIGN_PARAGRAPH.JUSTIFY,
}


def reference_path(template: TemplateSet) -> Path:
    """The template set's reference document."""
    return template.file("docx/reference.docx")


def docx_bytes(document: Document, template: TemplateSet) -> bytes:
    """The document as DOCX bytes; the same document always gives the same bytes."""
    return _DocxWriter(template).write(document)


class _DocxWriter:
    """Writes blocks in order, one handler per block type."""

    def __init__(self, template: TemplateSet):
        self.doc = docx.Document(str(reference_path(template)))
        self.style_ids = {style.name: style.style_id for style in self.doc.styles}
        self.fonts = template.fonts
        self.page_break_pending = False
        self.bookmarks = 0
        self.handlers: dict[type, Callable] = {
            Title: self.title,
            Heading: self.heading,
            Paragraph: self.paragraph,
            Note: self.note,
            TableOfContents: self.toc,
            Table: self.table,
            PageBreak: self.page_break,
        }

    def write(self, document: Document) -> bytes:
        for index, chunk in enumerate(document.chunks):
            self._start_chunk(chunk, first=index == 0)
            for block in chunk.blocks:
                self.handlers[type(block)](block)
        self._core_properties(document)
        return saved(self.doc)

    # Blocks ---------------------------------------------------------------------------------
    def title(self, block: Title) -> None:
        for line in block.lines:
            self._paragraph(line, "Title")

    def heading(self, block: Heading) -> None:
        style = f"Heading {block.level}"
        paragraph = self._paragraph(block.text, style)
        if block.anchor:
            self._bookmark(paragraph, block.anchor)
        self._keep_tail_together(paragraph, block.text, SPECS[style])

    def paragraph(self, block: Paragraph) -> None:
        paragraph = self._paragraph(block.text, "Normal")
        if block.align is not Align.JUSTIFY:
            paragraph.alignment = _ALIGN[block.align]
        if not block.indent:
            _no_first_line_indent(paragraph)
        if block.keep_with_next:
            paragraph.paragraph_format.keep_with_next = True

    def note(self, block: Note) -> None:
        self._paragraph(block.text, "Table Note")

    def page_break(self, block: PageBreak) -> None:
        self.page_break_pending = True

    def toc(self, block: TableOfContents) -> None:
        self._paragraph("目  录", "TOC Heading")
        entries = block.entries or ()
        first = self._paragraph("", "toc 1")
        _field_begin(first, 'TOC \\o "1-2" \\h \\z \\u')
        last = first
        for entry in entries:
            last = self._paragraph(entry.text, f"toc {min(entry.level, 2)}")
        _field_end(last)

    def table(self, block: Table) -> None:
        if block.number:
            self._paragraph(block.number, "Table Number")
        if block.title:
            self._paragraph(block.title, "Table Title")
        if block.subtitle:
            self._paragraph(block.subtitle, "Table Subtitle")
        if block.department_line or block.unit_line:
            self._meta_line(block.department_line or "", block.unit_line or "")
        self._grid(block)
        if block.empty_statement:
            self._paragraph(block.empty_statement, "Table Note")

    # Pieces ---------------------------------------------------------------------------------
    def _paragraph(self, text: str, style: str):
        element = paragraph_element(text, self.style_ids[style], (self._font_of(style), self.fonts.latin))
        self.doc.element.body._insert_p(element)
        paragraph = DocxParagraph(element, self.doc._body)
        if self.page_break_pending:
            paragraph.paragraph_format.page_break_before = True
            self.page_break_pending = False
        return paragraph

    def _font_of(self, name: str) -> str:
        if name in ("Title", "Table Title"):
            return self.fonts.title
        if name in ("Heading 1", "Heading 2", "TOC Heading", "toc 1", "Table Number"):
            return self.fonts.heading
        if name == "Heading 3":
            return self.fonts.kai
        if name.startswith("Table") and name not in ("Table Meta", "Table Note", "Table Subtitle"):
            return self.fonts.table
        return self.fonts.body

    def _keep_tail_together(self, paragraph, text: str, spec: StyleSpec) -> None:
        """A heading that would end on a line of one character is set on a measure `KEPT_CHARACTERS` narrower.

        Word has no way to keep two characters of a line together; the lines are estimated as the
        table widths are, with a character to spare, and a narrower measure moves characters down.
        """
        size = spec.size.pt
        line_em = Emu(self._text_width()).pt / size
        if lone_last_line(text, line_em - spec.indent_chars, line_em, _DIGIT_EM, fewer_than=KEPT_CHARACTERS + 1):
            paragraph.paragraph_format.right_indent = Pt(KEPT_CHARACTERS * size)

    def _meta_line(self, left: str, right: str) -> None:
        paragraph = self._paragraph(f"{left}\t{right}", "Table Meta")
        width = self._text_width()
        paragraph.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)

    def _grid(self, block: Table) -> None:
        section = self.doc.sections[-1]
        height = section.page_height - section.top_margin - section.bottom_margin
        element = table_element(block, self._text_width(), height, self.style_ids, self.fonts)
        self.doc.element.body._insert_tbl(element)

    def _text_width(self) -> int:
        section = self.doc.sections[-1]
        return section.page_width - section.left_margin - section.right_margin

    def _start_chunk(self, chunk: Chunk, first: bool) -> None:
        section = self.doc.sections[0] if first else self.doc.add_section(WD_SECTION.NEW_PAGE)
        if not first:
            self.page_break_pending = False
        if chunk.landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = A4_HEIGHT, A4_WIDTH
            section.top_margin, section.bottom_margin = MARGIN_LEFT, MARGIN_RIGHT
            section.left_margin, section.right_margin = MARGIN_TOP, MARGIN_BOTTOM
        else:
            section.orientation = WD_ORIENT.PORTRAIT
            section.page_width, section.page_height = A4_WIDTH, A4_HEIGHT
            section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM
            section.left_margin, section.right_margin = MARGIN_LEFT, MARGIN_RIGHT
        section.footer_distance = Mm(25) if not chunk.landscape else Mm(15)

    def _bookmark(self, paragraph, name: str) -> None:
        self.bookmarks += 1
        start, end = OxmlElement("w:bookmarkStart"), OxmlElement("w:bookmarkEnd")
        start.set(qn("w:id"), str(self.bookmarks))
        start.set(qn("w:name"), f"_{name}")
        end.set(qn("w:id"), str(self.bookmarks))
        paragraph._p.insert(1, start)
        paragraph._p.append(end)

    def _core_properties(self, document: Document) -> None:
        core = self.doc.core_properties
        moment = dt.datetime.fromisoformat(document.date)
        core.title = document.title
        core.author = document.author
        core.last_modified_by = document.author
        core.created = core.modified = moment
        core.last_printed = moment
        core.revision = 1
        core.language = document.language
        core.subject = "部门预算公开"
        core.comments = ""
        core.keywords = ""
        core.category = ""


def _no_first_line_indent(paragraph) -> None:
    ind = paragraph._p.get_or_add_pPr().get_or_add_ind()
    ind.set(qn("w:firstLineChars"), "0")
    ind.set(qn("w:firstLine"), "0")


def _field_begin(paragraph, instruction: str) -> None:
    run = paragraph.add_run()
    begin, text, separate = OxmlElement("w:fldChar"), OxmlElement("w:instrText"), OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    separate.set(qn("w:fldCharType"), "separate")
    for element in (begin, text, separate):
        run._element.append(element)


def _field_end(paragraph) -> None:
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    paragraph.add_run()._element.append(end)
