"""The YAML reader: exact numbers, line numbers, and refusal of what YAML silently allows."""

from decimal import Decimal

import pytest

from disclosure_gen.errors import InputFileError
from disclosure_gen.yamlsource import read_yaml


def write(tmp_path, text, encoding="utf-8"):
    path = tmp_path / "in.yaml"
    path.write_bytes(text.encode(encoding))
    return path


def test_numbers_are_decimal_never_float(tmp_path):
    data, _ = read_yaml(write(tmp_path, "a: 0.1\nb: 1159.04\nc: 7\nd: '2.5'\n"))
    assert data == {"a": Decimal("0.1"), "b": Decimal("1159.04"), "c": 7, "d": "2.5"}
    assert isinstance(data["a"], Decimal)


def test_every_field_has_its_line(tmp_path):
    _, source = read_yaml(write(tmp_path, "部门:\n  名称: 甲\n项目:\n  - 名称: 乙\n    金额: 5\n"))
    assert source.line_of(("部门", "名称")) == 2
    assert source.line_of(("项目", 0, "金额")) == 5
    assert source.line_of(("项目", 0, "金额", "不存在")) == 5


def test_duplicate_keys_are_refused_with_both_lines(tmp_path):
    with pytest.raises(InputFileError) as error:
        read_yaml(write(tmp_path, "基本支出:\n  2013101: 1\n  2013101: 2\n"))
    assert error.value.location.line == 3
    assert "重复" in error.value.message and "第 2 行" in error.value.message


def test_aliases_are_refused(tmp_path):
    with pytest.raises(InputFileError) as error:
        read_yaml(write(tmp_path, "a: &x [1, 2]\nb: *x\n"))
    assert "别名" in error.value.message and error.value.location.line == 2


def test_tabs_are_explained(tmp_path):
    with pytest.raises(InputFileError) as error:
        read_yaml(write(tmp_path, "a:\n\tb: 1\n"))
    assert "Tab" in error.value.message


def test_gbk_file_is_named_as_such(tmp_path):
    with pytest.raises(InputFileError) as error:
        read_yaml(write(tmp_path, "名称: 中国共产党昌吉市委员会办公室\n", encoding="gbk"))
    assert "GBK" in error.value.message


def test_empty_file(tmp_path):
    with pytest.raises(InputFileError) as error:
        read_yaml(write(tmp_path, "# nothing\n"))
    assert "空" in error.value.message


def test_utf8_bom_is_read(tmp_path):
    data, _ = read_yaml(write(tmp_path, "\ufeffa: 1\n"))
    assert data == {"a": 1}
