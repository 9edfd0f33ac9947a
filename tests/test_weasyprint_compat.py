"""Each hook of `weasyprint_compat`: it fails when WeasyPrint changes under it, and it changes nothing outside its scope."""

from __future__ import annotations

import re
import tomllib

import pytest
import weasyprint
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher

from disclosure_gen.errors import PdfRenderError
from disclosure_gen.writers import weasyprint_compat as compat
from disclosure_gen.writers.base_styles import well_formed_root
from disclosure_gen.writers.weasyprint_compat import TemplateHTML, missing_characters

from .conftest import ROOT
from .test_pdf import pdftotext

DATED = '<head><meta name="dcterms.created" content="2023-01-01"/><base href="file:///tmp/a/"/></head>'


def test_the_pinned_weasyprint_is_the_installed_one_and_the_one_the_hooks_were_written_for():
    dependencies = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    constraints = (ROOT / "constraints.txt").read_text(encoding="utf-8")
    assert f"weasyprint=={compat.WEASYPRINT_VERSION}" in dependencies
    assert re.search(rf"^weasyprint=={re.escape(compat.WEASYPRINT_VERSION)}$", constraints, re.MULTILINE)
    assert weasyprint.__version__ == compat.WEASYPRINT_VERSION
    compat.check_version()


def test_another_weasyprint_is_refused_with_a_clear_message(monkeypatch):
    monkeypatch.setattr(weasyprint, "__version__", "99.0")
    with pytest.raises(PdfRenderError, match="99.0.*setup.sh"), compat.hooks_active():
        pass


def _peak_bytes(html: str) -> int:
    """The most memory Python held while WeasyPrint wrote the PDF of `html`."""
    import tracemalloc

    tracemalloc.start()
    try:
        HTML(string=html).write_pdf()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_font_files_are_read_on_demand_only_under_the_hooks():
    """Under the hooks no whole CJK font file (17–27 MB) is copied; elsewhere WeasyPrint keeps its own way."""
    html = '<p style="font-family: Noto Serif CJK SC">正文</p>'
    with compat.hooks_active():
        assert _peak_bytes(html) < 12_000_000
    assert _peak_bytes(html) > 15_000_000


def test_the_base_stylesheet_replaces_weasyprints_default_styles():
    html = TemplateHTML(CSS(string="p { display: none }"), None, "<p>隐藏</p><div>显示</div>", None, URLFetcher())
    text = pdftotext(html.write_pdf())
    assert "显示" in text and "隐藏" not in text


def test_a_tree_from_the_xml_parser_makes_the_document_weasyprints_parser_makes():
    text = f'<html>{DATED}<body><p>甲</p><table><tr><td>1.00</td></tr></table></body></html>'
    from_tree = TemplateHTML(None, well_formed_root(text), text, "file:///b/", URLFetcher())
    own = HTML(string=text, base_url="file:///b/")
    assert from_tree.base_url == own.base_url == "file:///tmp/a/"
    assert from_tree.write_pdf() == own.write_pdf()


def test_characters_no_font_has_are_found():
    rendered = HTML(string=f"<html>{DATED}<body><p>甲\U0001FAE8</p></body></html>").render()
    rendered.write_pdf()
    assert missing_characters(rendered) == {"\U0001FAE8"}
