"""Template sets as data: inheritance, table definitions, and a jurisdiction added without Python."""

from __future__ import annotations

from pathlib import Path

import pytest

from disclosure_gen.build import BuildOptions, render
from disclosure_gen.pipeline import prepare
from disclosure_gen.templateset import InvalidTemplateError, load_template_set, search_folders

from ..conftest import edited_example
from ..docx_text import open_docx, table_rows, tables_by_title, text_dump

NAME_2024 = "changji-statistics-bureau-2024"


def _write(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_the_2024_set_inherits_what_it_does_not_change():
    base, child = load_template_set("changji-2023"), load_template_set("changji-2024")
    assert child.class_rows == base.class_rows and child.fonts == base.fonts
    assert [t.term for t in child.glossary] == [t.term for t in base.glossary] and child.glossary != base.glossary  # 七、八 as published
    assert child.rules.personnel_ties == base.rules.personnel_ties
    assert child.rules.staff_total_check.value == "error" and base.rules.staff_total_check.value == "warning"
    assert set(child.tables) == {*base.tables, "t11"} and child.tables["t3"] != base.tables["t3"]
    assert child.rules.personnel_economic_classes == base.rules.personnel_economic_classes
    assert child.file("docx/reference.docx") == base.file("docx/reference.docx")
    assert child.file("text/document.j2") != base.file("text/document.j2")


@pytest.mark.slow
def test_a_jurisdiction_is_added_in_a_user_folder_without_python(tmp_path):
    templates = _write(tmp_path / "templates", {
        "demo-2024/set.yaml": "name: demo-2024\nbase: changji-2024\ntitle: 示范县\nyear: 2024\n"
                              "glossary:\n  - {term: 一般公共预算, text: 示范县的解释。}\n",
        "demo-2024/tables.yaml": "t10:\n  body: items\n  source: t10\n  header:\n    - [三公经费项目, 合计, 一般公共预算, 政府性基金, 国有资本经营预算]\n"
                                 "  kinds: [text, amount, amount, amount, amount]\n  widths: [4, 1, 1, 1, 1]\n  total: bottom\n",
        "demo-2024/text/document.j2": '{% extends "changji-2024/text/document.j2" %}\n'
                                      "{% block other_notes %}\n<p>示范县的其他说明。</p>\n{% endblock %}\n",
    })
    path = edited_example(tmp_path, NAME_2024, ("  模板: changji-2024\n", "  模板: demo-2024\n"))
    prepared = prepare(path, (templates,))
    assert prepared.ok, [str(p) for p in prepared.problems]
    document = open_docx(render(prepared, BuildOptions(("docx",)))["docx"])
    text = text_dump(document)
    assert "示范县的其他说明。" in text and "一、一般公共预算:示范县的解释。" in text
    assert "十一、关于" in text, "the rest of the 2024 text is inherited"
    rows = table_rows(tables_by_title(document)["财政拨款“三公”经费支出情况表"])
    assert rows[0][0] == "三公经费项目" and rows[-1][0] == "合  计"


@pytest.mark.parametrize("tables_yaml, message", [
    ("t3:\n  body: tree\n  source: t3\n  header: [[类, 款]]\n  kinds: [code, code, code]\n  widths: [1, 1, 1]\n", "表头各行覆盖的列数 [2]"),
    ("t3:\n  body: tree\n  source: t3\n  header: [[类]]\n  kinds: [code]\n  widths: [1, 2]\n", "kinds 有 1 列，widths 有 2 列"),
    ("t3:\n  body: pie\n  header: [[类]]\n  kinds: [code]\n  widths: [1]\n", "t3.body"),
])
def test_a_wrong_table_definition_is_reported_to_the_template_author(tmp_path, tables_yaml, message):
    templates = _write(tmp_path / "templates", {
        "bad/set.yaml": "name: bad\nbase: changji-2023\ntitle: 坏模板\nyear: 2023\n",
        "bad/tables.yaml": tables_yaml,
    })
    with pytest.raises(InvalidTemplateError, match="模板「bad」的定义有误") as error:
        load_template_set("bad", search_folders((templates,)))
    assert message in str(error.value)


def test_a_table_that_does_not_fit_its_rows_is_named(tmp_path):
    templates = _write(tmp_path / "templates", {
        "narrow/set.yaml": "name: narrow\nbase: changji-2023\ntitle: 窄表\nyear: 2023\n",
        "narrow/tables.yaml": "t3:\n  body: tree\n  source: t3\n  header: [[类, 款, 项, 名称, 合计]]\n"
                              "  kinds: [code, code, code, text, amount]\n  widths: [1, 1, 1, 3, 1]\n",
    })
    path = edited_example(tmp_path, "changji-npc-office-2023", ("  模板: changji-2023\n", "  模板: narrow\n"))
    with pytest.raises(InvalidTemplateError, match="表 t3 的定义有 5 列"):
        render(prepare(path, (templates,)), BuildOptions(("docx",)))


def test_a_base_cycle_and_an_unknown_base_are_errors_at_the_sets_base_line(tmp_path):
    templates = _write(tmp_path / "templates", {
        "a/set.yaml": "name: a\nbase: b\ntitle: A\nyear: 2023\n",
        "b/set.yaml": "name: b\nbase: a\ntitle: B\nyear: 2023\n",
        "c/set.yaml": "name: c\ntitle: C\nyear: 2023\nbase: nowhere\n",
    })
    cases = (("a", "形成循环：a → b → a", templates / "b" / "set.yaml", 2), ("c", "找不到模板「nowhere」", templates / "c" / "set.yaml", 4))
    for name, message, set_file, line in cases:
        path = edited_example(tmp_path, "changji-npc-office-2023", ("  模板: changji-2023\n", f"  模板: {name}\n"))
        (problem,) = prepare(path, (templates,)).problems
        assert message in problem.message and problem.check == "template"
        assert (problem.location.file, problem.location.line, problem.location.field) == (set_file, line, "base")


def test_an_unknown_set_is_the_departments_choice_and_is_reported_at_its_line(tmp_path):
    path = edited_example(tmp_path, "changji-npc-office-2023", ("  模板: changji-2023\n", "  模板: nowhere\n"))
    (problem,) = prepare(path, ()).problems
    assert "找不到模板「nowhere」" in problem.message and problem.check == "file"
    assert problem.location.file == path and problem.location.field == "部门.模板" and problem.location.line


def _other_notes(body: str, blank_lines: int = 0) -> str:
    """A 2023-based document.j2 whose other_notes block is `body`, starting on line 3 + blank_lines."""
    return '{% extends "changji-2023/text/document.j2" %}\n' + "\n" * blank_lines + "{% block other_notes %}\n" + body + "\n{% endblock %}\n"


@pytest.mark.slow
@pytest.mark.parametrize("document_j2, message", [
    (_other_notes("<para>说明</para>"), "demo/text/document.j2 第 3 行：正文标记中没有 <para> 元素"),
    (_other_notes('\n\n<p style="x">说明</p>', 1), "demo/text/document.j2 第 6 行：<p> 没有 style 属性"),
    (_other_notes('<p align="left">说明</p>'), '<p align="left"> 的取值应为 right、center'),
    (_other_notes("<p>说明"), "模板「demo」的 text/document.j2 渲染出的正文标记第"),
    (_other_notes("<p>一<note>二</note></p>"), "<p> 中只能有文字，不能有 <note>"),
    (_other_notes("说明"), "文字「说明」应放在 <p>、<h>、<title> 或 <note> 中"),
    ('<!DOCTYPE document [<!ENTITY e "伪造">]>\n<document><p>&e;</p></document>\n', "不能有 DOCTYPE 声明"),
    ("<document><p>&nbsp;</p></document>\n", "undefined entity"),
])
def test_a_text_template_outside_the_markup_vocabulary_is_named_with_its_line(tmp_path, document_j2, message):
    files = {"demo/set.yaml": "name: demo\nbase: changji-2023\ntitle: 示范\nyear: 2023\n", "demo/text/document.j2": document_j2}
    templates = _write(tmp_path / "templates", files)
    path = edited_example(tmp_path, "changji-npc-office-2023", ("  模板: changji-2023\n", "  模板: demo\n"))
    with pytest.raises(InvalidTemplateError) as error:
        render(prepare(path, (templates,)), BuildOptions(("docx",)))
    assert message in str(error.value)


@pytest.mark.slow
def test_a_secret_project_in_the_2023_format_prints_nothing_it_may_omit(tmp_path):
    from disclosure_gen.build import BuildOptions, render
    from disclosure_gen.pipeline import prepare

    from ..conftest import edited_example
    from ..docx_text import open_docx, text_dump

    path = edited_example(tmp_path, "changji-cpc-office-2023", (
        "    政策依据: 昌市党财领〔2012〕3号会议纪要\n    承担单位: 昌吉市档案馆\n    资金分配:\n"
        "      - {用途: 消防设施检测, 金额: 0.4}\n      - {用途: 消防设施维保, 金额: 0.6}\n"
        "      - {用途: 档案数字化扫描费, 金额: 3}\n      - {用途: 查档用相关办公物资款, 金额: 1}\n"
        "    执行期: {开始: 2023-01-01, 结束: 2023-12-31}\n",
        "    承担单位: 昌吉市档案馆\n    涉密: true\n"))
    prepared = prepare(path)
    assert prepared.ok, prepared.problems
    text = text_dump(open_docx(render(prepared, BuildOptions(("docx",)))["docx"]))
    for field in ("设立的政策依据", "资金分配情况", "资金执行时间"):
        assert f"{field}：完全不予公开。" in text
    assert "None" not in text and "昌吉市档案馆档案保护费项目" not in text


@pytest.mark.parametrize("set_yaml, message", [
    ("name: bad\nbase: changji-2023\ntitle: 坏模板\nyear: !!int ²\n", "第 4 行：「²」不符合 YAML 标签「!!int」的写法"),
    ("name: bad\nbase: changji-2023\ntitle: " + "[" * 600 + "]" * 600 + "\n", "第 3 行：嵌套超过 50 层"),
    ("name: bad\n---\ntitle: 坏模板\n", "第 2 行：YAML 格式错误：文件里有第二个 YAML 文档"),
], ids=["tag-does-not-fit", "nesting", "second-document"])
def test_a_template_file_pyyaml_cannot_read_is_refused_in_chinese(tmp_path, set_yaml, message):
    templates = _write(tmp_path / "templates", {"bad/set.yaml": set_yaml})
    with pytest.raises(InvalidTemplateError, match=message):
        load_template_set("bad", (templates,))



def test_a_template_that_prints_a_raw_number_is_named_in_chinese(tmp_path):
    from click.testing import CliRunner

    from disclosure_gen.cli import main

    files = {"demo/set.yaml": "name: demo\nbase: changji-2023\ntitle: 示范\nyear: 2023\n",
             "demo/text/document.j2": _other_notes("<p>{{ f.income_total }}</p>")}
    templates = _write(tmp_path / "templates", files)
    path = edited_example(tmp_path, "changji-npc-office-2023", ("  模板: changji-2023\n", "  模板: demo\n"))
    result = CliRunner().invoke(main, ["build", str(path), "-o", str(tmp_path / "out"), "--templates", str(templates)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "document.j2 第 3 行" in result.output and "未格式化的数字" in result.output and "|wan" in result.output
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def _demo_set(tmp_path: Path, files: dict[str, str]) -> tuple[Path, Path]:
    """A user set `demo` over changji-2023 with `files`, and the NPC example switched to it."""
    templates = _write(tmp_path / "templates", {"demo/set.yaml": "name: demo\nbase: changji-2023\ntitle: 示范\nyear: 2023\n", **files})
    path = edited_example(tmp_path, "changji-npc-office-2023", ("  模板: changji-2023\n", "  模板: demo\n"))
    return templates, path


def _rehearsed_errors(path: Path, templates: Path):
    from disclosure_gen.build import rehearse

    prepared = rehearse(prepare(path, (templates,)))
    assert not prepared.ok
    return [p for p in prepared.problems if p.level.value == "error"]


@pytest.mark.parametrize("file_name, text, line, field, message", [
    ("demo/set.yaml", "name: demo\nbase: changji-2023\ntitle: 示范\nyear: 2023\nrules:\n  staff_total_chek: error\n",
     6, "rules.staff_total_chek", "没有「staff_total_chek」这一项"),
    ("demo/set.yaml", "name: demo\nbase: changji-2023\ntitle: 示范\nyear: 2023\nrules:\n  staff_total_check: sometimes\n",
     6, "rules.staff_total_check", "「sometimes」不是可选的值；可选：error、warning、off"),
    ("demo/tables.yaml", "t3:\n  body: tree\n  source: t3\n  header: [[类]]\n  kinds: [code]\n  widths: [one]\n",
     6, "t3.widths.0", "应当填写数字，这里是「one」"),
])
def test_a_wrong_set_definition_is_reported_at_the_sets_file_and_line(tmp_path, file_name, text, line, field, message):
    templates, path = _demo_set(tmp_path, {file_name: text})
    (problem,) = prepare(path, (templates,)).problems
    assert problem.check == "template" and message in problem.message, problem
    assert (problem.location.file, problem.location.line, problem.location.field) == (templates / file_name, line, field)


def test_a_misspelt_name_in_a_text_template_is_found_by_check_with_the_name_meant(tmp_path):
    document = '{% extends "changji-2023/text/document.j2" %}\n\n{% block other_notes %}<p>{{ f.procurment.total|wan }}</p>{% endblock %}\n'
    templates, path = _demo_set(tmp_path, {"demo/text/document.j2": document})
    (problem,) = _rehearsed_errors(path, templates)
    assert problem.check == "template" and (problem.location.file, problem.location.line) == (templates / "demo/text/document.j2", 3)
    assert problem.message == "模板用到了不存在的数据「procurment」（可能是拼写错误）；是不是「procurement」？"


def test_a_block_the_base_does_not_define_is_an_error_not_vanished_text(tmp_path):
    document = '{% extends "changji-2023/text/document.j2" %}\n{% block other_notes %}<p>有</p>{% endblock %}\n{% block other_note %}<p>无</p>{% endblock %}\n'
    templates, path = _demo_set(tmp_path, {"demo/text/document.j2": document})
    (problem,) = _rehearsed_errors(path, templates)
    assert (problem.location.file, problem.location.line) == (templates / "demo/text/document.j2", 3)
    assert "block「other_note」在它所继承的 changji-2023/text/document.j2 中没有定义" in problem.message
    with pytest.raises(InvalidTemplateError, match="other_note"):
        render(prepare(path, (templates,)), BuildOptions(("docx",)))


@pytest.mark.slow
def test_a_block_of_a_grandparent_or_nested_in_an_override_is_allowed(tmp_path):
    """A set over changji-2024 may fill a block only changji-2023 defines, and open a new block inside one it fills."""
    document = ('{% extends "changji-2024/text/document.j2" %}\n{% block other_notes %}{% block mine %}<p>本县说明</p>{% endblock %}{% endblock %}\n'
                '{% block project_basis scoped %}见本县文件{% endblock %}\n')
    templates = _write(tmp_path / "templates", {"demo/set.yaml": "name: demo\nbase: changji-2024\ntitle: 示范\nyear: 2024\n",
                                                "demo/text/document.j2": document})
    path = edited_example(tmp_path, NAME_2024, ("  模板: changji-2024\n", "  模板: demo\n"))
    text = text_dump(open_docx(render(prepare(path, (templates,)), BuildOptions(("docx",)))["docx"]))
    assert "本县说明" in text and "设立的政策依据：见本县文件" in text


CAPTIONS_DOCUMENT = """<document>
<title>{{ f.department }}</title>
<toc depth="1"/>
<pagebreak/>
<h level="1">第一部分 概况</h>
<h level="2">一、职能</h>
<p>正文</p>
<h level="1" toc="no">附表</h>
<table key="t3" title="部门支出总体情况表" lines="no"/>
<table key="t5" number="表5" title="一般公共预算支出情况表" toc="一般公共预算支出（另题）"/>
<table key="t6" title="一般公共预算基本支出情况表" toc=""/>
<landscape>
<performance toc="yes"/>
<department-performance toc="yes"/>
</landscape>
</document>
"""


@pytest.mark.slow
def test_captions_and_the_toc_are_the_templates_choice(tmp_path):
    """No 表N, no 编制部门/单位 line, a 目录 text of its own or none, headings left out, forms listed."""
    from disclosure_gen.writers.xlsx import published_tables

    from disclosure_gen.compose import compose

    templates = _write(tmp_path / "templates", {"plain/set.yaml": "name: plain\nbase: changji-2024\ntitle: 简式\nyear: 2024\n",
                                                "plain/text/document.j2": CAPTIONS_DOCUMENT})
    path = edited_example(tmp_path, "changji-government-office-2024", ("  模板: changji-2024\n", "  模板: plain\n"))
    prepared = prepare(path, (templates,))
    document = open_docx(render(prepared, BuildOptions(("docx",)))["docx"])
    toc = [p.text for p in document.paragraphs if p.style.name.lower().startswith("toc ") and p.text]
    assert toc[1:] == ["第一部分 概况", "一、部门支出总体情况表", "一般公共预算支出（另题）", "项目支出绩效目标表（电子政务网络设备维护）",
                   "项目支出绩效目标表（招商考差工作经费）", "部门整体绩效目标表"]
    text = text_dump(document)
    assert "表5" in text and "表3" not in text and "附表" in text
    assert text.count("编制部门：昌吉市人民政府办公室") == 2  # 表5 and 表6; 部门支出总体情况表 has no such line
    tables = published_tables(compose(prepared.data, prepared.figures, prepared.template))
    assert [t.caption for t in tables] == ["部门支出总体情况表", "表5 一般公共预算支出情况表", "一般公共预算基本支出情况表"]
