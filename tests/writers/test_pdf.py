"""The PDF read back: same figures in the same order as the DOCX, embedded CJK fonts, orientations, bookmarks."""

from __future__ import annotations

import io
import os
import re
import subprocess

import pytest
from pypdf import PdfReader

from disclosure_gen.build import BuildOptions, render
from disclosure_gen.glyphs import CJK_FONT, MissingGlyphsError, font_installed
from disclosure_gen.writers.pdf import PdfRenderError, TemplateOnlyFetcher

from ..conftest import ALL_EXAMPLES, EXAMPLE_NAMES, ROOT, edited_example
from ..docx_text import open_docx, text_dump

_DECIMAL = re.compile(r"\d[\d,]*\.\d+")


def pdftotext(data: bytes, *args: str) -> str:
    return subprocess.run(["pdftotext", *args, "-", "-"], input=data, capture_output=True, check=True).stdout.decode()


def decimals(text: str) -> list[str]:
    return _DECIMAL.findall(text)


@pytest.mark.slow
@pytest.mark.parametrize("name", ALL_EXAMPLES)
def test_pdf_has_the_docx_figures_in_the_same_order(name, built_examples):
    pdf_numbers = decimals(pdftotext(built_examples[name]["pdf"], "-layout"))
    docx_numbers = decimals(text_dump(open_docx(built_examples[name]["docx"])))
    assert len(docx_numbers) > 300
    assert pdf_numbers == docx_numbers


@pytest.mark.slow
@pytest.mark.parametrize("name", ALL_EXAMPLES)
def test_every_font_is_embedded_and_one_is_cjk(name, built_examples, tmp_path):
    path = tmp_path / "doc.pdf"
    path.write_bytes(built_examples[name]["pdf"])
    rows = subprocess.run(["pdffonts", str(path)], capture_output=True, check=True, text=True).stdout.splitlines()[2:]
    assert rows
    for row in rows:
        emb, sub = row.split()[-5:-3]
        assert (emb, sub) == ("yes", "yes"), row
    assert any("CJK" in row or "UKai" in row for row in rows)


@pytest.mark.slow
@pytest.mark.parametrize("name", ALL_EXAMPLES)
def test_wide_tables_are_on_landscape_pages(name, built_examples):
    reader = PdfReader(io.BytesIO(built_examples[name]["pdf"]))
    pages = [(page.mediabox.width > page.mediabox.height, page.extract_text()) for page in reader.pages]
    assert not pages[0][0]
    for title in ("部门收入总体情况表", "一般公共预算项目支出情况表", "项目支出绩效目标表"):
        landscape = [wide for wide, text in pages[2:] if title in text]
        assert landscape and all(landscape), title
    for title in ("部门支出总体情况表", "名词解释"):
        assert not any(wide for wide, text in pages[2:] if title in text), title


@pytest.mark.slow
@pytest.mark.parametrize("name", ALL_EXAMPLES)
def test_bookmarks_name_parts_sections_and_tables(name, built_examples):
    reader = PdfReader(io.BytesIO(built_examples[name]["pdf"]))

    def titles(outline):
        for item in outline:
            yield from titles(item) if isinstance(item, list) else [item.title]

    found = list(titles(reader.outline))
    assert sum(t.startswith("第") and "部分" in t for t in found) == 4
    assert "部门收支总体情况表" in found and "财政拨款“三公”经费支出情况表" in found
    assert any(t.startswith("十一、") for t in found)


@pytest.mark.slow
@pytest.mark.parametrize("name", ALL_EXAMPLES)
def test_metadata_and_page_numbers(name, built_examples, prepared_examples):
    reader = PdfReader(io.BytesIO(built_examples[name]["pdf"]))
    assert reader.metadata.title.startswith(prepared_examples[name].figures.department)
    assert reader.metadata.author == prepared_examples[name].figures.department
    assert "— 3 —" in reader.pages[2].extract_text()
    # the 目录 takes one or two pages after the cover
    toc = pdftotext(built_examples[name]["pdf"], "-f", "1", "-l", "3", "-layout")
    assert re.search(r"第四部分 名词解释\s*\.+\s*\d+", toc)


@pytest.mark.slow
@pytest.mark.parametrize("name", ALL_EXAMPLES)
def test_same_input_gives_the_same_pdf(name, built_examples, prepared_examples):
    assert render(prepared_examples[name], BuildOptions(("pdf",)))["pdf"] == built_examples[name]["pdf"]


@pytest.mark.slow
def test_a_pdf_rendered_after_other_documents_equals_a_fresh_process_one(tmp_path, built_examples, prepared_examples):
    """A process reuses its font configuration from document to document; nothing of the earlier ones shows in a later one."""
    import sys

    name = ALL_EXAMPLES[0]
    after_all = render(prepared_examples[name], BuildOptions(("pdf",)))["pdf"]  # every example was rendered before it
    subprocess.run([sys.executable, "-m", "disclosure_gen.cli", "build", str(ROOT / "examples" / f"{name}.yaml"),
                    "-o", str(tmp_path), "--format", "pdf"], check=True, cwd=ROOT, capture_output=True)
    (fresh,) = tmp_path.glob("*.pdf")
    assert fresh.read_bytes() == after_all


def test_a_thread_reuses_its_font_configuration_per_template_set_and_threads_do_not_share_one():
    from concurrent.futures import ThreadPoolExecutor

    from disclosure_gen.writers.font_configs import MAX_SETS, font_configuration

    first = font_configuration(("set-a",))
    assert font_configuration(("set-a",)) is first and font_configuration(("set-b",)) is not first
    with ThreadPoolExecutor(1) as other:
        assert other.submit(font_configuration, ("set-a",)).result() is not first
    for index in range(MAX_SETS):
        font_configuration(("another", index))
    assert font_configuration(("set-a",)) is not first  # the least recently used set was let go


@pytest.mark.parametrize("name", ALL_EXAMPLES)
def test_document_html_is_read_by_the_fast_xml_parser(name, prepared_examples):
    from disclosure_gen.compose import compose
    from disclosure_gen.writers.base_styles import well_formed_root
    from disclosure_gen.writers.pdf import document_html

    prepared = prepared_examples[name]
    html = document_html(compose(prepared.data, prepared.figures, prepared.template), prepared.template)
    assert well_formed_root(html) is not None


@pytest.mark.slow
@pytest.mark.parametrize("name", ALL_EXAMPLES)
def test_golden_text(name, built_examples):
    actual = pdftotext(built_examples[name]["pdf"])
    golden = ROOT / "tests" / "golden" / f"{name}.pdf.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(actual, encoding="utf-8")
    assert actual == golden.read_text(encoding="utf-8")


@pytest.mark.slow
def test_pdf_a_and_tagged_variants(prepared_examples):
    prepared = prepared_examples[EXAMPLE_NAMES[0]]
    data = render(prepared, BuildOptions(("pdf",), pdf_a=True, tagged=True))["pdf"]
    reader = PdfReader(io.BytesIO(data))
    assert b"pdfaid:part" in reader.trailer["/Root"]["/Metadata"].get_object().get_data()
    assert "/StructTreeRoot" in reader.trailer["/Root"]


@pytest.mark.slow
def test_a_character_no_font_has_is_an_error_not_a_box(tmp_path):
    path = edited_example(tmp_path, EXAMPLE_NAMES[0], ("  其他说明: 无其他需要说明的事项。", "  其他说明: 无其他需要说明的事项\U0001FAE8"))
    from disclosure_gen.pipeline import prepare

    with pytest.raises(MissingGlyphsError, match="方框") as raised:
        render(prepare(path), BuildOptions(("pdf",)))
    message = str(raised.value)
    assert "「\U0001FAE8」U+1FAE8，在「其他事项.其他说明」中" in message
    assert font_installed(CJK_FONT) and "apt-get" not in message  # never asks to install what is installed


@pytest.mark.slow
def test_input_text_cannot_make_the_renderer_fetch(tmp_path, monkeypatch):
    hostile = '<img src="http://127.0.0.1:9/x.png"><link rel=stylesheet href="file:///etc/passwd">'
    path = edited_example(tmp_path, EXAMPLE_NAMES[0], ("  其他说明: 无其他需要说明的事项。", f"  其他说明: '{hostile}'"))
    from disclosure_gen.pipeline import prepare

    fetched = []
    original = TemplateOnlyFetcher.fetch
    monkeypatch.setattr(TemplateOnlyFetcher, "fetch", lambda self, url, headers=None: fetched.append(url) or original(self, url, headers))
    data = render(prepare(path), BuildOptions(("pdf",)))["pdf"]
    assert fetched == []
    assert "127.0.0.1:9/x.png" in pdftotext(data).replace("\n", "")


def test_fetcher_refuses_everything_outside_the_template(tmp_path):
    fetcher = TemplateOnlyFetcher(ROOT / "templates" / "changji-2023" / "html")
    for url in ("http://127.0.0.1:9/x", "file:///etc/passwd", f"file://{tmp_path}/x.css"):
        with pytest.raises(PdfRenderError):
            fetcher.fetch(url)


@pytest.mark.slow
def test_font_files_are_not_copied_whole():
    """The renderer never holds a whole CJK font file (17–27 MB each) in memory just to subset it."""
    import tracemalloc

    from disclosure_gen.compose import docmodel as dm
    from disclosure_gen.templateset import load_template_set
    from disclosure_gen.writers.pdf import pdf_bytes

    blocks = (dm.Title(("标题",)), dm.Heading(3, "（一）楷体", "a"), dm.Paragraph("正文"))
    document = dm.Document("题", "作者", "zh-CN", "2023-02-15", (dm.Chunk(False, blocks),))
    tracemalloc.start()
    try:
        data = pdf_bytes(document, load_template_set("changji-2023"))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert "楷体" in pdftotext(data)
    assert peak < 12_000_000
