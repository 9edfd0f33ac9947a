"""Properties of random valid departments (hypothesis drives the synthetic generator)."""

from __future__ import annotations

import random
import re
import subprocess
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from disclosure_gen.build import BuildOptions, render
from disclosure_gen.pipeline import prepare
from disclosure_gen.yamlwriter import dump_yaml

from ..docx_text import open_docx, text_dump
from ..support.fuzz import run
from ..support.synthetic import department

pytestmark = pytest.mark.slow  # many random departments each (hypothesis, the fuzzing sample); one renders them

_NEXT_LEVEL = {3: 5, 5: 7}  # 类 → 款 → 项 (经济分类: 类 → 款)
seeds = st.integers(min_value=0, max_value=2**32 - 1)
_SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def prepared_department(tmp_path, seed: int):
    rng = random.Random(seed)
    path = tmp_path / f"d{seed}.yaml"
    text = dump_yaml(department(rng, seed % 40, 2023))
    path.write_text("单位: 万元\n" + text, encoding="utf-8")
    prepared = prepare(path)
    assert prepared.ok, [str(p) for p in prepared.problems]
    return prepared


@_SETTINGS
@given(seed=seeds)
def test_every_tree_table_adds_up_to_its_totals(tmp_path, seed):
    figures = prepared_department(tmp_path, seed).figures
    for key in ("t2", "t3", "t5", "t6", "t8", "t9"):
        table = figures.tables[key]
        top = [r for r in table.rows if r.level == "class"]
        for i, value in enumerate(table.total.values):
            assert sum((r.values[i] for r in top), Decimal(0)) == value, (key, i)
        for parent in table.rows:
            children = [r for r in table.rows if len(r.code) == _NEXT_LEVEL.get(len(parent.code)) and r.code.startswith(parent.code)]
            if children:
                for i, value in enumerate(parent.values):
                    assert sum((c.values[i] for c in children), Decimal(0)) == value, (key, parent.code, i)
    assert figures.income_total == figures.expenditure_total


@_SETTINGS
@given(seed=seeds)
def test_shares_of_one_whole_add_up_to_a_hundred(tmp_path, seed):
    figures = prepared_department(tmp_path, seed).figures
    spending = sum((e.share for e in figures.spending), Decimal(0))
    assert abs(spending - 100) <= Decimal("0.01")
    classes = figures.general_classes
    if classes:
        assert abs(sum((c.share for c in classes), Decimal(0)) - 100) <= Decimal("0.01") * len(classes)


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=seeds)
def test_docx_and_pdf_carry_the_same_figures(tmp_path, seed):
    outputs = render(prepared_department(tmp_path, seed))
    pdf_text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=outputs["pdf"], capture_output=True, check=True).stdout.decode()
    number = re.compile(r"\d[\d,]*\.\d+")
    assert number.findall(pdf_text) == number.findall(text_dump(open_docx(outputs["docx"])))


def test_fuzzing_sample_never_crashes():
    """A small sample of benchmarks/fuzz.py: valid and mutated inputs give messages, never tracebacks."""
    report = run(60, seed=7)
    assert report.crashes == [], report.crashes[0]
    assert report.built and report.refused
