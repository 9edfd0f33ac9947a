"""The 2024 example's DOCX reads, paragraph by paragraph, as the published 2024 disclosure (issue #15).

The seed is the publication's text as extracted: hard line breaks, a blank line after each line, a
space between figures and words, a leading space where a page begins. `Stream` drops every
whitespace character and remembers where each seed line ended; the DOCX paragraphs (not table
cells) must then follow one another through the seed's prose with nothing skipped, and each must
end where a seed line ends (so a paragraph of ours never stops in the middle of one of theirs).

What may differ is listed in `SEED_SLIPS` and `OURS_ONLY`, each with its reason. Choices made for
the department's own text: its typing slips inside its own sentences (招商考差, 开斋, 预算的的) are
transcribed as published, so the document prints them; slips at the joint of its text with the
template's sentence frame (the frame's own words typed again, a second 。) are not the frame's
wording and are not reproduced, nor is a word the frame itself dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from click.testing import CliRunner
from docx.text.paragraph import Paragraph

from disclosure_gen.build import BuildOptions, render
from disclosure_gen.cli import main
from disclosure_gen.pipeline import prepare
from disclosure_gen.yamlsource import read_yaml

from ..conftest import EXAMPLES, SEEDS, edited_example, problems_of
from ..docx_text import body_items, open_docx, tables_by_title

NAME = "changji-government-office-2024"

SEED_SLIPS: tuple[tuple[str, str, int, str], ...] = (
    # (published, printed by the tool, times, reason)
    ("和国有资本经营预算。", "和国有资本经营预算拨款。", 1,
     "说明四：框架的句子少了「拨款」（与前面的「政府性基金预算拨款」并列），不照抄"),
    ("主要用于主要用于", "主要用于", 3,
     "说明四：部门在「支出用途」里又打了一遍句子框架的「主要用于」（另一处 208 类只印一次）"),
    ("主要原因是主要原因是", "主要原因是", 1,
     "说明五（三）3：部门的原因又以框架的「主要原因是」开头"),
    ("办公经费减少。。", "办公经费减少。", 1,
     "说明五（三）3：部门的原因以「。」结尾，框架又加一个「。」"),
)
"""Slips of the publication, not reproduced: one of the frame, the others at the joint of the department's text and the frame."""

OURS_ONLY: tuple[tuple[str, str], ...] = (
    ("注：本部门预算数据以元为单位编制，公开表以万元列示，个别合计数与所列分项之和存在的尾差系四舍五入所致。",
     "公开件的表2、表3、表5、表6有同样的尾差而不加说明；工具以元汇总，检查［rounding-tail］承诺文中注明尾差"),
)
"""Paragraphs the tool prints in 第二部分 that the publication does not have."""

PROSE_STYLES = ("Heading 1", "Heading 2", "Heading 3", "Normal")
TABLE_PART_STYLES = ("Table Number", "Table Title", "Table Meta", "Table Note")
WHITESPACE = re.compile(r"\s+")


@dataclass
class Stream:
    """Text with all whitespace removed, and which of its characters ended a line of the source."""

    text: str
    line_ends: list[bool]

    @classmethod
    def of(cls, lines: list[str]) -> "Stream":
        text, ends = "", []
        for line in lines:
            squeezed = squeeze(line)
            if squeezed:
                text += squeezed
                ends += [False] * (len(squeezed) - 1) + [True]
        return cls(text, ends)

    def replace(self, old: str, new: str) -> int:
        """Replaces every `old` by `new`; the last character of `new` ends a line where `old`'s did."""
        count = 0
        while (at := self.text.find(old)) >= 0:
            end = at + len(old)
            self.line_ends[at:end] = [False] * (len(new) - 1) + [self.line_ends[end - 1]]
            self.text = self.text[:at] + new + self.text[end:]
            count += 1
        return count


def squeeze(text: str) -> str:
    """`text` without whitespace of any kind (spaces, tabs, ideographic and no-break spaces)."""
    return WHITESPACE.sub("", text)


def lines_between(lines: list[str], start: str, stop: str | None) -> list[str]:
    """The seed lines from the first whose squeezed text starts with `start` up to, not including, `stop`."""
    first = next(i for i, line in enumerate(lines) if squeeze(line).startswith(squeeze(start)))
    if stop is None:
        return lines[first:]
    last = next(i for i in range(first + 1, len(lines)) if squeeze(lines[i]).startswith(squeeze(stop)))
    return lines[first:last]


def walk(paragraphs: list[str], seed: Stream) -> list[str]:
    """Each way the paragraphs fail to follow one another through the seed, at most the first."""
    at = 0
    for number, paragraph in enumerate(paragraphs, 1):
        text = squeeze(paragraph)
        if not seed.text.startswith(text, at):
            common = next((i for i, (a, b) in enumerate(zip(text, seed.text[at:])) if a != b), min(len(text), len(seed.text) - at))
            return [f"段 {number} 与公开件不同（第 {common + 1} 字起）：\n  本工具：{text[common:common + 60]}\n  公开件：{seed.text[at + common:at + common + 60]}\n  段落：{paragraph}"]
        at += len(text)
        if not seed.line_ends[at - 1]:
            return [f"段 {number} 在公开件的一行中间结束：{paragraph}\n  公开件接着是：{seed.text[at:at + 40]}"]
    return [] if at == len(seed.text) else [f"公开件还有文字没有印出：{seed.text[at:at + 80]}"]


# --- the normaliser itself --------------------------------------------------------------------


def test_squeeze_drops_every_kind_of_whitespace():
    assert squeeze(" 第一部分  2024年\u3000昌吉市\xa0人民政府办公室\t部门概况\n") == "第一部分2024年昌吉市人民政府办公室部门概况"


def test_stream_joins_wrapped_lines_and_remembers_where_lines_ended():
    stream = Stream.of(["一般公共预算 1,106.39万元，占 97.62%，", "", " 下降 1.74%。", ""])
    assert stream.text == "一般公共预算1,106.39万元，占97.62%，下降1.74%。"
    assert [i for i, end in enumerate(stream.line_ends) if end] == [len("一般公共预算1,106.39万元，占97.62%，") - 1, len(stream.text) - 1]


def test_a_replacement_keeps_the_line_end_of_the_text_it_replaces():
    stream = Stream.of(["主要原因是主要", "原因是减少。。"])
    assert stream.replace("主要原因是主要原因是", "主要原因是") == 1
    assert stream.replace("减少。。", "减少。") == 1
    assert stream.text == "主要原因是减少。"
    assert stream.line_ends == [False] * 7 + [True]


def test_walk_reports_a_paragraph_that_stops_inside_a_seed_line_and_text_left_over():
    seed = Stream.of(["甲乙丙。", "丁戊。"])
    assert walk(["甲乙丙。", "丁戊。"], seed) == []
    assert "一行中间" in walk(["甲乙", "丙。丁戊。"], seed)[0]
    assert "没有印出" in walk(["甲乙丙。"], seed)[0]
    assert "与公开件不同" in walk(["甲乙丁。"], seed)[0]


# --- the example against the publication -------------------------------------------------------


@pytest.fixture(scope="module")
def seed_lines() -> list[str]:
    return (SEEDS / f"{NAME}.txt").read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="module")
def document():
    prepared = prepare(EXAMPLES / f"{NAME}.yaml")
    return open_docx(render(prepared, BuildOptions(formats=("docx",)))["docx"])


def _paragraphs(document, styles: tuple[str, ...]) -> list[str]:
    """The body paragraphs (not table cells) of the given styles, from 第一部分 on."""
    items = [item for item in body_items(document) if isinstance(item, Paragraph) and item.text.strip()]
    start = next(i for i, p in enumerate(items) if p.style.name == "Heading 1")
    return [p.text for p in items[start:] if p.style.name in styles]


@pytest.mark.slow
def test_every_paragraph_of_parts_one_three_and_four_is_the_published_one(document, seed_lines):
    prose = (
        lines_between(seed_lines, "第一部分", "表 1")  # and the heading of 第二部分
        + lines_between(seed_lines, "第三部分", "部门整体绩效目标表")
        + lines_between(seed_lines, "(五) 其他需说明的事项", None)
    )
    seed = Stream.of(prose)
    for published, printed, times, reason in SEED_SLIPS:
        assert seed.replace(published, printed) == times, f"公开件不再有「{published}」{times} 处（{reason}）：更新 SEED_SLIPS"
    assert walk(_paragraphs(document, PROSE_STYLES), seed) == []


@pytest.mark.slow
def test_the_table_numbers_titles_and_notes_of_part_two_are_the_published_ones(document, seed_lines):
    seed = Stream.of(lines_between(seed_lines, "第二部分", "第三部分")).text
    printed = [squeeze(p) for p in _paragraphs(document, TABLE_PART_STYLES + ("Heading 1",))]
    part_two = printed[printed.index(squeeze("第二部分2024年部门预算公开表")) + 1:printed.index(squeeze("第三部分2024年部门预算情况说明"))]
    extra = {squeeze(text) for text, _reason in OURS_ONLY}
    at, missing = 0, []
    for text in part_two:
        found = seed.find(text, at)
        if found < 0:
            missing.append(text)
        else:
            at = found + len(text)
    assert missing == [t for t in missing if t in extra] and set(missing) == extra, missing


@pytest.mark.slow
@pytest.mark.parametrize("project", ["电子政务网络设备维护", "招商考差工作经费"])
def test_each_projects_overall_goal_is_the_departments_own_text(document, seed_lines, project):
    table = tables_by_title(document)[f"项目支出绩效目标表:{project}"]
    goal = next(row.cells[-1].text for row in table.rows if row.cells[0].text == "项目总体目标")
    assert squeeze(goal) in Stream.of(seed_lines).text
    assert "拟投入" not in goal


# --- the inputs the published wording depends on ------------------------------------------------


def _docx_text(path) -> str:
    prepared = prepare(path)
    return "\n".join(_paragraphs(open_docx(render(prepared, BuildOptions(formats=("docx",)))["docx"]), PROSE_STYLES))


@pytest.mark.slow
def test_assets_are_those_of_the_sub_units_too_only_when_there_are_sub_units(tmp_path, document):
    assert "截至2023年底，昌吉市人民政府办公室占用使用国有资产总体情况为：" in _paragraphs(document, PROSE_STYLES)
    path = edited_example(tmp_path, NAME, ("    内设机构称谓: 处室\n", "    内设机构称谓: 处室\n    下属单位: [昌吉市政务服务中心]\n"))
    assert "截至2023年底，昌吉市人民政府办公室及下属各预算单位占用使用国有资产总体情况为：" in _docx_text(path)


@pytest.mark.slow
def test_other_matters_print_what_the_department_entered_and_no_more(tmp_path, document):
    section = _paragraphs(document, PROSE_STYLES)
    after = section[section.index("(五)其他需说明的事项") + 1:section.index("第四部分 名词解释")]
    assert after == ["部门有1个涉密项目，涉及预算资金22.30万元，项目绩效目标表完全不予公开。"]
    path = edited_example(tmp_path, NAME, ("  机关运行经费范围:", "  其他说明: 本部门无政府债务。\n  机关运行经费范围:"))
    assert "项目绩效目标表完全不予公开。\n本部门无政府债务。\n第四部分" in _docx_text(path)


def test_a_goal_needs_the_departments_text_or_the_parts_of_the_sentence(tmp_path):
    path = edited_example(tmp_path, NAME, ("      总体目标: 本项目资金共需33万元。", "      预期效果: 本项目资金共需33万元。"))
    messages = [str(p) for p in problems_of(path)]
    assert any("「总体目标」" in m and "「主要内容」" in m and " 第 " in m for m in messages), messages


def test_next_years_file_keeps_the_departments_goal_text(tmp_path):
    path = tmp_path / "2025.yaml"
    result = CliRunner().invoke(main, ["init", str(path), "--from", str(EXAMPLES / f"{NAME}.yaml")])
    assert result.exit_code == 0, result.output
    targets = [p["绩效目标"] for p in read_yaml(path)[0]["项目"] if "绩效目标" in p]
    assert targets[0]["总体目标"].startswith("本项目资金共需33万元。") and "主要内容" not in targets[0]
