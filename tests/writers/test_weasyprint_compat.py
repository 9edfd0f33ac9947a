"""Each hook of `weasyprint_compat`: it fails when WeasyPrint changes under it, and it changes nothing outside its scope."""

from __future__ import annotations

import hashlib
import re
import sys
import tomllib
from functools import partial
from pathlib import Path

import pytest
import weasyprint
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher
from weasyprint.layout import percent

from disclosure_gen.build import BuildOptions, render
from disclosure_gen.errors import PdfRenderError
from disclosure_gen.writers import pdf as pdf_writer
from disclosure_gen.writers import weasyprint_compat as compat
from disclosure_gen.writers.base_styles import well_formed_root
from disclosure_gen.writers.weasyprint_compat import TemplateHTML, missing_characters

from ..conftest import ALL_EXAMPLES, ROOT
from .test_pdf import pdftotext

DATED = '<head><meta name="dcterms.created" content="2023-01-01"/><base href="file:///tmp/a/"/></head>'

# Every path through resolve_percentages: lengths, percentages of the width and of a definite or
# content-sized height, calc(), auto, min/max, the three box-sizing values, collapsed and separate
# table borders, page margins in % with a margin box, floats, absolute and fixed positions, flex.
STRESS_HTML = """<html><head><meta name="dcterms.created" content="2023-01-01"/><style>
@page { size: 120mm 160mm; margin: 5% 8% 6% 4%; @bottom-center { content: counter(page); width: 40%; } }
body { margin: 2mm; font-family: "Noto Serif CJK SC"; font-size: 9pt; }
.a { margin: 3% auto 2mm 5%; padding: 1% 2px 3% 4mm; width: calc(60% - 12px); min-width: 20%; max-width: 90%; }
.b { box-sizing: border-box; width: 50%; padding: 5%; border: 2px solid; height: 30mm; min-height: 10%; max-height: 40mm; }
.c { box-sizing: padding-box; width: 70%; padding: 3mm; height: 50%; }
.fixed-height { height: 40mm; } .fixed-height .c { height: 50%; min-height: 20%; max-height: 80%; }
.d { height: calc(10mm + 5%); min-height: auto; max-height: none; }
.e { float: right; width: 30%; margin: 1%; } .f { position: absolute; left: 10%; top: 20%; width: 25%; }
.g { position: fixed; right: 5%; bottom: 5%; }
.flex { display: flex; gap: 2mm; } .flex > div { flex: 1 1 20%; padding: 2%; }
table.c1 { border-collapse: collapse; width: 100%; } table.c2 { border-collapse: separate; width: 80%; }
td, th { border: 0.5pt solid; padding: 1% 2pt; width: 25%; } span.i { display: inline-block; width: 30%; padding: 1%; }
</style></head><body>
<div class="a">甲 <span class="i">乙</span> 丙</div><div class="b">边框盒</div>
<div class="fixed-height"><div class="c">填充盒</div></div><div class="c">内容高</div><div class="d">计算高</div>
<div class="e">浮动</div><div class="f">绝对</div><div class="g">固定</div>
<div class="flex"><div>一</div><div>二</div><div>三</div></div>
<table class="c1"><tr><th>表头</th><td>1.00</td><td rowspan="2">2.00</td></tr><tr><td colspan="2">合并</td></tr></table>
<table class="c2"><tr><td>3.00</td><td>4.00</td></tr></table>
</body></html>"""


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


def test_the_used_values_copy_mirrors_the_installed_percent_py():
    """Fails when WeasyPrint's percent.py changes: read the new source, mirror it, update the hash."""
    assert hashlib.sha256(Path(percent.__file__).read_bytes()).hexdigest() == compat.PERCENT_PY_SHA256
    with compat.hooks_active():
        pass
    users = [m for name, m in sys.modules.items() if name.startswith("weasyprint.") and hasattr(m, "resolve_percentages")]
    assert len(users) >= 8
    assert all(module.resolve_percentages is compat._resolve_percentages for module in users)


@pytest.mark.slow
def test_outside_the_hooks_weasyprint_resolves_used_values_itself(monkeypatch):
    with compat.hooks_active():
        pass
    calls, weasyprints = [], compat._RESOLVE_PERCENTAGES
    monkeypatch.setattr(compat, "_RESOLVE_PERCENTAGES", lambda box, block: calls.append(box) or weasyprints(box, block))
    HTML(string="<p>甲</p>").write_pdf()
    outside = len(calls)
    with compat.hooks_active():
        HTML(string="<p>甲</p>").write_pdf()
    assert outside > 0 and len(calls) == outside


@pytest.mark.slow
def test_every_kind_of_length_gives_the_same_pdf():
    own = HTML(string=STRESS_HTML).write_pdf()
    with compat.hooks_active():
        assert HTML(string=STRESS_HTML).write_pdf() == own


@pytest.mark.slow
@pytest.mark.parametrize("name", ALL_EXAMPLES)
def test_each_example_gives_the_same_pdf(name, prepared_examples, monkeypatch):
    inline = render(prepared_examples[name], BuildOptions(("pdf",)))["pdf"]
    monkeypatch.setattr(pdf_writer, "hooks_active", partial(compat.hooks_active, inline_used_values=False))
    assert render(prepared_examples[name], BuildOptions(("pdf",)))["pdf"] == inline


def _peak_bytes(html: str) -> int:
    """The most memory Python held while WeasyPrint wrote the PDF of `html`."""
    import tracemalloc

    tracemalloc.start()
    try:
        HTML(string=html).write_pdf()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.slow
def test_font_files_are_read_on_demand_only_under_the_hooks():
    """Under the hooks no whole CJK font file (17–27 MB) is copied; elsewhere WeasyPrint keeps its own way."""
    html = '<p style="font-family: Noto Serif CJK SC">正文</p>'
    with compat.hooks_active():
        assert _peak_bytes(html) < 12_000_000
    assert _peak_bytes(html) > 15_000_000


@pytest.mark.slow
def test_the_base_stylesheet_replaces_weasyprints_default_styles():
    html = TemplateHTML(CSS(string="p { display: none }"), None, "<p>隐藏</p><div>显示</div>", None, URLFetcher())
    text = pdftotext(html.write_pdf())
    assert "显示" in text and "隐藏" not in text


@pytest.mark.slow
def test_a_tree_from_the_xml_parser_makes_the_document_weasyprints_parser_makes():
    text = f'<html>{DATED}<body><p>甲</p><table><tr><td>1.00</td></tr></table></body></html>'
    from_tree = TemplateHTML(None, well_formed_root(text), text, "file:///b/", URLFetcher())
    own = HTML(string=text, base_url="file:///b/")
    assert from_tree.base_url == own.base_url == "file:///tmp/a/"
    assert from_tree.write_pdf() == own.write_pdf()


@pytest.mark.slow
def test_characters_no_font_has_are_found():
    rendered = HTML(string=f"<html>{DATED}<body><p>甲\U0001FAE8</p></body></html>").render()
    rendered.write_pdf()
    assert missing_characters(rendered) == {"\U0001FAE8"}
