"""Composition on its own: the Document tree of each example, and the input's text kept as text.

The golden dumps in tests/golden/document/ are the reviewed Document trees. After an intended
change, regenerate them with `UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/compose/test_compose.py`
and review the diff (`git diff tests/golden/document/`) before committing.
"""

from __future__ import annotations

import json
import os
from dataclasses import replace

import pytest

from disclosure_gen.build import BuildOptions, render
from disclosure_gen.compose import compose
from disclosure_gen.compose.docmodel import Heading, PageBreak, Paragraph, TableOfContents, Title
from disclosure_gen.pipeline import prepare

from ..conftest import ALL_EXAMPLES, ROOT, edited_example
from ..document_dump import document_dump
from ..docx_text import open_docx, text_dump

GOLDEN = ROOT / "tests" / "golden" / "document"


@pytest.mark.parametrize("name", ALL_EXAMPLES)
def test_the_document_tree_of_each_example_is_as_reviewed(name, prepared_examples):
    prepared = prepared_examples[name]
    actual = document_dump(compose(prepared.data, prepared.figures, prepared.template))
    golden = GOLDEN / f"{name}.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(actual, encoding="utf-8")
    assert actual == golden.read_text(encoding="utf-8")


# The input's text is data, never markup -------------------------------------------------------

CPC = "changji-cpc-office-2023"
CPC_NAME = "中国共产党昌吉市委员会办公室"
HOSTILE_NAMES = ("# 伪造标题", "@pagebreak", "@landscape", "@table t1 表1 伪造", "<p>x</p>", "]]>", "&amp;", "<!DOCTYPE x>")


def _prepared(tmp_path, name: str, *replacements: tuple[str, str]):
    prepared = prepare(edited_example(tmp_path, name, *replacements))
    assert prepared.ok, [str(p) for p in prepared.problems]
    return prepared


def _composed(prepared):
    return compose(prepared.data, prepared.figures, prepared.template)


def _docx_text(prepared) -> str:
    return text_dump(open_docx(render(prepared, BuildOptions(("docx",)))["docx"]))


@pytest.fixture(scope="module")
def cpc_as_published(prepared_examples):
    prepared = prepared_examples[CPC]
    return document_dump(_composed(prepared)), _docx_text(prepared)


@pytest.mark.slow
@pytest.mark.parametrize("hostile", HOSTILE_NAMES)
def test_a_department_name_that_looks_like_markup_is_printed_as_text(hostile, tmp_path, cpc_as_published):
    """Same tree, same 目录, same DOCX as the real name, with the hostile name in its place."""
    prepared = _prepared(tmp_path, CPC, (f"  名称: {CPC_NAME}\n", f"  名称: {json.dumps(hostile)}\n"))
    document = _composed(prepared)
    assert document.blocks()[0] == Title((hostile,))
    tree, docx_text = cpc_as_published
    assert document_dump(document).replace(hostile, CPC_NAME) == tree
    assert _docx_text(prepared).replace(hostile, CPC_NAME) == docx_text


def test_the_2024_template_prints_a_hostile_name_as_text(tmp_path, prepared_examples):
    name = "changji-statistics-bureau-2024"
    real = prepared_examples[name].data.department.name
    prepared = _prepared(tmp_path, name, (f"  名称: {real}\n", '  名称: "# 伪造标题 @landscape"\n'))
    expected = (GOLDEN / f"{name}.txt").read_text(encoding="utf-8")
    assert document_dump(_composed(prepared)).replace("# 伪造标题 @landscape", real) == expected


@pytest.mark.slow
@pytest.mark.parametrize("separator", ["\n", "\u2028", "\u2029", "\x85"])
def test_other_notes_keep_their_paragraphs_whatever_separates_them(separator, tmp_path, prepared_examples):
    notes = separator.join(["第一段说明。", "第二段 <p>说明</p>。", "第三段 @pagebreak 说明。"])
    prepared = _prepared(tmp_path, CPC, ("  其他说明: 无其他需要说明的事项。\n", f"  其他说明: {json.dumps(notes)}\n"))
    document = _composed(prepared)
    assert _other_notes(document) == [Paragraph("第一段说明。"), Paragraph("第二段 <p>说明</p>。"), Paragraph("第三段 @pagebreak 说明。")]
    assert _toc(document) == _toc(_composed(prepared_examples[CPC]))
    text = _docx_text(prepared)
    assert "第一段说明。\n第二段 <p>说明</p>。\n第三段 @pagebreak 说明。\n" in text


def test_other_notes_written_as_a_yaml_block_keep_their_paragraphs(tmp_path):
    block = "  其他说明: |\n    第一段。\n\n    第二段。\n    第三段。\n"
    document = _composed(_prepared(tmp_path, CPC, ("  其他说明: 无其他需要说明的事项。\n", block)))
    assert _other_notes(document) == [Paragraph("第一段。"), Paragraph("第二段。"), Paragraph("第三段。")]


@pytest.mark.parametrize("separator", ["\n", "\r", "\u2028", "\u2029", "\x85"])
def test_check_refuses_a_line_break_in_a_one_line_field_and_names_it(separator, tmp_path):
    path = edited_example(tmp_path, CPC, (f"  名称: {CPC_NAME}\n", f"  名称: {json.dumps('中共' + separator + '办公室')}\n"))
    problems = prepare(path).problems
    assert len(problems) == 1, [str(p) for p in problems]
    assert problems[0].location.field == "部门.名称" and "应写成一行" in problems[0].message


def test_a_line_break_that_bypassed_check_stays_inside_its_paragraph(prepared_examples):
    prepared = prepared_examples[CPC]
    scope = "本级\u2028# 伪造\n@pagebreak\u2029&amp;\x85]]>"
    document = _composed(_bypassing_check(prepared, running_costs_scope=scope))
    original = _composed(prepared)
    assert sum(scope in getattr(b, "text", "") for b in document.blocks()) == 1
    assert len(document.blocks()) == len(original.blocks()) and _toc(document) == _toc(original)


def test_a_control_character_that_bypassed_check_is_a_clear_error(prepared_examples):
    with pytest.raises(ValueError, match="控制字符 U\\+0001"):
        _composed(_bypassing_check(prepared_examples[CPC], running_costs_scope="本级\x01"))


def _bypassing_check(prepared, **other):
    """The prepared department with `其他事项` fields replaced without validation, as if check had been skipped."""
    data = prepared.data.model_copy(update={"other": prepared.data.other.model_copy(update=other)})
    return replace(prepared, data=data)


def _toc(document) -> tuple:
    return next(b for b in document.blocks() if isinstance(b, TableOfContents)).entries


def _other_notes(document) -> list:
    """The blocks between the （五）其他需说明的事项 heading and the page break that ends the part."""
    blocks = document.blocks()
    start = blocks.index(Heading(3, "（五）其他需说明的事项"))
    return blocks[start + 1 : blocks.index(PageBreak(), start)]
