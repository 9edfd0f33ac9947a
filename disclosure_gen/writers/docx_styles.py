"""Builds a template set's DOCX reference document: page setup, footer and every style the writer uses."""

from __future__ import annotations

from dataclasses import dataclass

from docx import Document as new_document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from ..templateset import Fonts
from .archive import saved

A4_WIDTH, A4_HEIGHT = Mm(210), Mm(297)
# GB/T 9704-2012: 天头 37 mm, 订口 28 mm; text block 156 × 225 mm.
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = Mm(37), Mm(35), Mm(28), Mm(26)
BODY_SIZE = Pt(16)  # 3号
TITLE_SIZE = Pt(22)  # 2号
LINE = Pt(28.9)  # 22 lines on the 225 mm text block


@dataclass(frozen=True)
class StyleSpec:
    """A paragraph style: id, font role, size and layout."""

    name: str
    font: str  # a Fonts field
    size: Pt
    bold: bool = False
    align: WD_ALIGN_PARAGRAPH | None = None
    indent_chars: int = 0  # first-line indent in characters (×100 in w:firstLineChars)
    line: Pt | None = None  # exact line height; None is single spacing
    before: Pt = Pt(0)
    after: Pt = Pt(0)
    outline: int | None = None  # outline level for the 目录 (0 = level 1)
    keep_with_next: bool = False


STYLES = (
    StyleSpec("Normal", "body", BODY_SIZE, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent_chars=2, line=LINE),
    StyleSpec("Title", "title", TITLE_SIZE, align=WD_ALIGN_PARAGRAPH.CENTER, line=Pt(40), after=Pt(6)),
    StyleSpec("Heading 1", "heading", BODY_SIZE, align=WD_ALIGN_PARAGRAPH.CENTER, line=LINE, before=Pt(12), after=Pt(12), outline=0, keep_with_next=True),
    StyleSpec("Heading 2", "heading", BODY_SIZE, indent_chars=2, line=LINE, outline=1, keep_with_next=True),
    StyleSpec("Heading 3", "kai", BODY_SIZE, indent_chars=2, line=LINE, outline=2, keep_with_next=True),
    StyleSpec("Heading 4", "body", BODY_SIZE, bold=True, indent_chars=2, line=LINE, outline=3, keep_with_next=True),
    StyleSpec("TOC Heading", "heading", TITLE_SIZE, align=WD_ALIGN_PARAGRAPH.CENTER, line=Pt(40), after=Pt(12)),
    StyleSpec("toc 1", "heading", BODY_SIZE, line=LINE),
    StyleSpec("toc 2", "body", BODY_SIZE, indent_chars=2, line=LINE),
    StyleSpec("Table Number", "heading", Pt(12), keep_with_next=True),
    StyleSpec("Table Title", "title", Pt(18), align=WD_ALIGN_PARAGRAPH.CENTER, before=Pt(6), after=Pt(6), outline=1, keep_with_next=True),
    StyleSpec("Table Subtitle", "body", Pt(12), align=WD_ALIGN_PARAGRAPH.CENTER, after=Pt(6), keep_with_next=True),
    StyleSpec("Table Meta", "body", Pt(12), after=Pt(3), keep_with_next=True),
    StyleSpec("Table Text", "table", Pt(10.5)),
    StyleSpec("Table Header", "table", Pt(10.5), bold=True, align=WD_ALIGN_PARAGRAPH.CENTER),
    StyleSpec("Table Small", "table", Pt(9)),
    StyleSpec("Table Small Header", "table", Pt(9), bold=True, align=WD_ALIGN_PARAGRAPH.CENTER),
    StyleSpec("Table Note", "body", Pt(12), before=Pt(6), line=Pt(20)),
    StyleSpec("Footer", "table", Pt(14), align=WD_ALIGN_PARAGRAPH.CENTER),
)

SPECS = {spec.name: spec for spec in STYLES}


def style_id(name: str) -> str:
    """The w:styleId python-docx gives a style name (spaces removed)."""
    return name.replace(" ", "")


def build_reference(fonts: Fonts) -> bytes:
    """A reference .docx with A4 GB/T 9704 page setup, a “— N —” footer and the styles above."""
    document = new_document()
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = A4_WIDTH, A4_HEIGHT
    section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM
    section.left_margin, section.right_margin = MARGIN_LEFT, MARGIN_RIGHT
    section.footer_distance = Mm(25)
    for spec in STYLES:
        _define(document, spec, fonts)
    _page_number_footer(section, fonts)
    _update_fields_on_open(document)
    return saved(document)


def set_run_fonts(rpr, east_asian: str, latin: str) -> None:
    """Sets w:rFonts on a run or style: the East Asian face and the Latin face."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attribute), latin)
    fonts.set(qn("w:eastAsia"), east_asian)


def _define(document, spec: StyleSpec, fonts: Fonts) -> None:
    styles = document.styles
    try:
        style = styles[spec.name]
    except KeyError:
        style = styles.add_style(spec.name, WD_STYLE_TYPE.PARAGRAPH)
    if spec.name != "Normal":
        style.base_style = styles["Normal"]
    style.quick_style = True
    font = style.font
    font.size = spec.size
    font.bold = spec.bold
    font.italic = False
    font.color.rgb = None
    set_run_fonts(style.element.get_or_add_rPr(), getattr(fonts, spec.font), fonts.latin)
    fmt = style.paragraph_format
    fmt.alignment = spec.align if spec.align is not None else WD_ALIGN_PARAGRAPH.LEFT
    fmt.space_before, fmt.space_after = spec.before, spec.after
    fmt.keep_with_next = spec.keep_with_next
    fmt.widow_control = True  # no paragraph leaves its first or last line alone on a page (Word's default is off)
    if spec.line is None:
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    else:
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = spec.line
    ppr = style.element.get_or_add_pPr()
    _set_first_line_chars(ppr, spec.indent_chars)
    _set_outline(ppr, spec.outline)
    _remove_borders(ppr)


def _set_first_line_chars(ppr, chars: int) -> None:
    ind = ppr.find(qn("w:ind"))
    if ind is None:
        ind = OxmlElement("w:ind")
        ppr.append(ind)
    ind.set(qn("w:firstLineChars"), str(chars * 100))
    ind.set(qn("w:firstLine"), str(chars * 320))


def _set_outline(ppr, level: int | None) -> None:
    existing = ppr.find(qn("w:outlineLvl"))
    if existing is not None:
        ppr.remove(existing)
    if level is not None:
        outline = OxmlElement("w:outlineLvl")
        outline.set(qn("w:val"), str(level))
        ppr.append(outline)


def _remove_borders(ppr) -> None:
    border = ppr.find(qn("w:pBdr"))
    if border is not None:
        ppr.remove(border)


def _page_number_footer(section, fonts: Fonts) -> None:
    paragraph = section.footer.paragraphs[0]
    paragraph.style = "Footer"
    for text, field in (("— ", None), (None, "PAGE"), (" —", None)):
        run = paragraph.add_run(text or "")
        set_run_fonts(run._element.get_or_add_rPr(), fonts.table, fonts.latin)
        run.font.size = Pt(14)
        if field:
            _add_field(run, field)


def _add_field(run, instruction: str) -> None:
    begin, text, separate, result, end = (OxmlElement("w:fldChar"), OxmlElement("w:instrText"),
                                          OxmlElement("w:fldChar"), OxmlElement("w:t"), OxmlElement("w:fldChar"))
    begin.set(qn("w:fldCharType"), "begin")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    separate.set(qn("w:fldCharType"), "separate")
    result.text = "1"
    end.set(qn("w:fldCharType"), "end")
    for element in (begin, text, separate, result, end):
        run._element.append(element)


def _update_fields_on_open(document) -> None:
    settings = document.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings.append(update)
