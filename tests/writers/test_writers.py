"""Every writer handles every block type of the document model, and the reference DOCX is current."""

from __future__ import annotations

import subprocess
import typing

import pytest

from disclosure_gen.compose import docmodel as dm
from disclosure_gen.templateset import load_template_set
from disclosure_gen.writers.docx import docx_bytes, reference_path
from disclosure_gen.writers.docx_styles import build_reference
from disclosure_gen.writers.pdf import pdf_bytes

from ..docx_text import open_docx, text_dump

TEMPLATE = load_template_set("changji-2023")

SAMPLES: dict[type, dm.Block] = {
    dm.Title: dm.Title(("标题甲", "标题乙")),
    dm.Heading: dm.Heading(2, "一、标题丙", "h1"),
    dm.Paragraph: dm.Paragraph("正文丁"),
    dm.Note: dm.Note("备注戊"),
    dm.TableOfContents: dm.TableOfContents((dm.TocEntry(2, "一、标题丙", "h1"),)),
    dm.Table: dm.Table(
        header=((dm.HeaderCell("表头己", cols=2), dm.HeaderCell("表头庚", rows=2)), (dm.HeaderCell("甲"), dm.HeaderCell("乙"))),
        kinds=(dm.CellKind.CODE, dm.CellKind.TEXT, dm.CellKind.AMOUNT),
        widths=(1, 2, 1),
        rows=(dm.BodyRow(("201", "单元辛", "12.34")), dm.BodyRow(("", "合计", "12.34"), total=True)),
        number="表1", title="表题壬", department_line="编制部门：癸", unit_line="单位：万元",
    ),
    dm.PageBreak: dm.PageBreak(),
}
EXPECTED_TEXT = {
    dm.Title: ["标题甲", "标题乙"], dm.Heading: ["一、标题丙"], dm.Paragraph: ["正文丁"], dm.Note: ["备注戊"],
    dm.TableOfContents: ["目"], dm.Table: ["表题壬", "表头己", "单元辛", "12.34", "编制部门：癸"], dm.PageBreak: [],
}


def test_samples_cover_every_block_type():
    assert set(SAMPLES) == set(typing.get_args(dm.Block))


def _document(block: dm.Block) -> dm.Document:
    target = () if isinstance(block, dm.Heading) else (dm.Heading(3, "（一）锚点", "h1"),)
    chunks = (dm.Chunk(False, (dm.Paragraph("前文"), block, dm.Paragraph("后文"), *target)), dm.Chunk(True, (dm.Paragraph("横页"),)))
    return dm.Document("题", "作者", "zh-CN", "2023-02-15", chunks)


@pytest.mark.slow
@pytest.mark.parametrize("block_type", list(SAMPLES), ids=lambda t: t.__name__)
def test_docx_writer_handles_block(block_type):
    text = text_dump(open_docx(docx_bytes(_document(SAMPLES[block_type]), TEMPLATE)))
    for expected in EXPECTED_TEXT[block_type] + ["前文", "后文", "横页"]:
        assert expected in text


@pytest.mark.slow
@pytest.mark.parametrize("block_type", list(SAMPLES), ids=lambda t: t.__name__)
def test_pdf_writer_handles_block(block_type):
    data = pdf_bytes(_document(SAMPLES[block_type]), TEMPLATE)
    text = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True).stdout.decode()
    for expected in EXPECTED_TEXT[block_type] + ["前文", "后文", "横页"]:
        assert expected in text


def test_reference_docx_is_what_the_script_generates():
    """Styles live in the committed reference document; it must match scripts/make_reference_docx.py."""
    assert reference_path(TEMPLATE).read_bytes() == build_reference(TEMPLATE.fonts)


@pytest.mark.slow
def test_base_css_lays_out_every_block_as_weasyprints_own_defaults(monkeypatch):
    """html/base.css replaces WeasyPrint's HTML5 stylesheet for speed; the PDF must not change."""
    from disclosure_gen.writers import pdf

    chunks = (dm.Chunk(False, tuple(SAMPLES.values())), dm.Chunk(True, (dm.Paragraph("横页"),)))
    document = dm.Document("题", "作者", "zh-CN", "2023-02-15", chunks)
    with_base = pdf_bytes(document, TEMPLATE)
    monkeypatch.setattr(pdf, "base_stylesheet", lambda folder, **kwargs: None)
    assert pdf_bytes(document, TEMPLATE) == with_base


@pytest.mark.slow
def test_html_parsed_as_xml_gives_the_same_pdf_as_weasyprints_parser(monkeypatch):
    """The templates' HTML is read by the XML parser for speed; WeasyPrint's HTML5 parser must agree."""
    from disclosure_gen.writers import base_styles, pdf

    chunks = (dm.Chunk(False, (*SAMPLES.values(), *_markup_document().chunks[0].blocks)), dm.Chunk(True, (dm.Paragraph("横页"),)))
    document = dm.Document("题", "作者", "zh-CN", "2023-02-15", chunks)
    assert base_styles.well_formed_root(pdf.document_html(document, TEMPLATE)) is not None
    as_xml = pdf_bytes(document, TEMPLATE)
    monkeypatch.setattr(pdf, "well_formed_root", lambda text: None)
    assert pdf_bytes(document, TEMPLATE) == as_xml


def test_html_that_is_not_xml_is_still_read():
    from disclosure_gen.writers.base_styles import well_formed_root

    assert well_formed_root("<p>甲</p><p>乙</p>") is None
    assert well_formed_root('<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>') is None
    assert well_formed_root("<html><body><p>甲&nbsp;</p></body></html>") is None


MARKUP = 'R&D <研发> "项目" \'甲\''


def _markup_document() -> dm.Document:
    table = dm.Table(
        header=((dm.HeaderCell(MARKUP), dm.HeaderCell("金额")),),
        kinds=(dm.CellKind.TEXT, dm.CellKind.AMOUNT),
        widths=(3, 1),
        rows=(dm.BodyRow((MARKUP, "1.00")),),
        title=MARKUP,
    )
    return dm.Document(MARKUP, MARKUP, "zh-CN", "2023-02-15", (dm.Chunk(False, (dm.Paragraph(MARKUP), table)),))


@pytest.mark.slow
def test_markup_characters_are_text_in_docx():
    """The DOCX writer writes table XML as text: &, <, > and quotes must come back as written."""
    text = text_dump(open_docx(docx_bytes(_markup_document(), TEMPLATE)))
    assert text.count(MARKUP) == 4  # paragraph, title, header cell, body cell


@pytest.mark.slow
def test_markup_characters_are_text_in_pdf():
    data = pdf_bytes(_markup_document(), TEMPLATE)
    text = subprocess.run(["pdftotext", "-raw", "-", "-"], input=data, capture_output=True, check=True).stdout.decode()
    assert text.count("R&D <研发>") == 4
