"""The faster `resolve_percentages` gives WeasyPrint's own used values: the same PDF bytes, box for box."""

from __future__ import annotations

import sys

import pytest
from weasyprint import HTML
from weasyprint.layout import percent

from disclosure_gen.build import BuildOptions, render
from disclosure_gen.writers import pdf as pdf_writer
from disclosure_gen.writers import used_values

from .conftest import ALL_EXAMPLES

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


@pytest.fixture
def restore_replacement():
    yield
    used_values.resolve_percentages_faster()


def test_the_replacement_mirrors_the_installed_weasyprint():
    """Fails when WeasyPrint's percent.py changes: read the new source, mirror it, update the hash."""
    assert used_values.weasyprint_source_is_mirrored()
    assert used_values.resolve_percentages_faster()
    users = [m for name, m in sys.modules.items() if name.startswith("weasyprint.") and hasattr(m, "resolve_percentages")]
    assert len(users) >= 8
    assert all(module.resolve_percentages is used_values.resolve_percentages for module in users)


def test_without_it_weasyprint_gets_its_own_back(restore_replacement):
    assert not used_values.resolve_percentages_faster(enabled=False)
    assert sys.modules["weasyprint.layout.table"].resolve_percentages is percent.resolve_percentages
    assert used_values.ORIGINAL is percent.resolve_percentages


def test_every_kind_of_length_gives_the_same_pdf(restore_replacement):
    used_values.resolve_percentages_faster(enabled=False)
    own = HTML(string=STRESS_HTML).write_pdf()
    assert used_values.resolve_percentages_faster()
    assert HTML(string=STRESS_HTML).write_pdf() == own


@pytest.mark.parametrize("name", ALL_EXAMPLES)
def test_each_example_gives_the_same_pdf(name, prepared_examples, monkeypatch, restore_replacement):
    faster = render(prepared_examples[name], BuildOptions(("pdf",)))["pdf"]
    monkeypatch.setattr(pdf_writer, "resolve_percentages_faster", lambda: used_values.resolve_percentages_faster(False))
    own = render(prepared_examples[name], BuildOptions(("pdf",)))["pdf"]
    assert sys.modules["weasyprint.layout.block"].resolve_percentages is percent.resolve_percentages
    assert faster == own
