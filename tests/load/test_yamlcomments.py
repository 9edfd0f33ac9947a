"""Comments carried from one YAML file to the same fields of another: what is a comment and where it lands."""

from __future__ import annotations

import pytest

from disclosure_gen.errors import InputFileError
from disclosure_gen.yamlcomments import GONE_HEADING, read_comments, with_comments
from disclosure_gen.yamlsource import read_yaml
from disclosure_gen.yamlwriter import dump_yaml

LAST = """\
# 顶部说明
单位: 万元 # 单位
说明: |
  # 这一行是文字，不是注释
  正文
部门:

  # 空行之后的注释
  名称: 甲   # 名称
  在职: {本年: 1, 上年: 2}  # 流式
  旧字段: 1  # 删除的字段
列表:
  - a  # 第一项
  # 第二项之前
  - b
'引号': "a # b"  # 真注释
# 文件末尾
"""

NEW = {"单位": "万元", "说明": "# 这一行是文字，不是注释\n正文\n", "部门": {"名称": "甲", "在职": {"本年": "待填", "上年": 1}},
       "列表": ["a", "b"], "引号": "a # b"}

EXPECTED = """\
# 顶部说明
单位: 万元  # 单位
说明: '# 这一行是文字，不是注释

  正文

  '
部门:
  # 空行之后的注释
  名称: 甲  # 名称
  在职:  # 流式
    本年: 待填
    上年: 1
列表:
- a  # 第一项
# 第二项之前
- b
引号: 'a # b'  # 真注释
# 文件末尾
# 去年文件中的注释（对应字段今年已不存在）：
# 部门.旧字段：删除的字段
"""


def test_each_comment_lands_at_its_field_and_text_stays_text(tmp_path):
    last = tmp_path / "last.yaml"
    last.write_text(LAST, encoding="utf-8")
    new = tmp_path / "new.yaml"
    text = with_comments(dump_yaml(NEW), read_comments(last), new)
    assert text == EXPECTED
    new.write_text(text, encoding="utf-8")
    assert read_yaml(new)[0] == NEW


def test_the_strict_reader_goes_first(tmp_path):
    """ruamel.yaml reads only a file the bounded, strict reader accepts: a Python tag is refused with a message."""
    last = tmp_path / "last.yaml"
    last.write_text("单位: !!python/object/apply:os.system ['echo 不应执行']  # 注释\n", encoding="utf-8")
    with pytest.raises(InputFileError) as refused:
        read_comments(last)
    assert refused.value.location.line == 1 and "不支持 YAML 标签" in refused.value.message


def test_comments_of_fields_gone_in_two_years_stand_under_one_heading(tmp_path):
    last = tmp_path / "last.yaml"
    last.write_text(f"a: 1  # 留下\nb: 2  # 今年删去\n{GONE_HEADING}\n# 旧.字段：前年删去\n", encoding="utf-8")
    text = with_comments(dump_yaml({"a": 1}), read_comments(last), tmp_path / "new.yaml")
    assert text == f"a: 1  # 留下\n{GONE_HEADING}\n# 旧.字段：前年删去\n# b：今年删去\n"
