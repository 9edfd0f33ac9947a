"""Floor areas are 平方米 whatever unit the file keeps its money in."""

from __future__ import annotations

from decimal import Decimal

import pytest

from disclosure_gen.build import render
from disclosure_gen.pipeline import prepare
from disclosure_gen.problems import has_errors

from ..conftest import edited_example, example_in_yuan, problems_of
from ..docx_text import open_docx, text_dump


@pytest.mark.slow
def test_an_area_in_a_file_kept_in_yuan_prints_as_entered(tmp_path):
    prepared = prepare(example_in_yuan(tmp_path, "changji-cpc-office-2023", ("房屋: {面积: 0, 价值: 0}", "房屋: {面积: 1280, 价值: 3568000}")))
    assert not has_errors(prepared.problems), prepared.problems
    assert prepared.figures.assets.building_area == Decimal("1280")
    assert prepared.figures.assets.building_value == Decimal("356.80")
    text = text_dump(open_docx(render(prepared)["docx"]))
    assert "房屋1280平方米，价值356.8万元" in text.replace(" ", "")


def test_an_area_refuses_a_unit_word_naming_square_metres(tmp_path):
    path = edited_example(tmp_path, "changji-statistics-bureau-2024", ("面积: 1280", "面积: 1280平方米"))
    messages = [p.message for p in problems_of(path)]
    assert any("不是面积数字" in m and "平方米" in m for m in messages), messages
