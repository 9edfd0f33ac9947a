"""Reads a YAML file into plain data plus the line of every field; refuses what YAML lets slip."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from .errors import InputFileError, Location

Path_ = tuple[str | int, ...]

MAX_BYTES = 5 * 1024 * 1024  # a department file is a few dozen KB; 5 MB is far beyond any real one
_INT_TAG = "tag:yaml.org,2002:int"
_FLOAT_TAG = "tag:yaml.org,2002:float"
_BOOL_TAG = "tag:yaml.org,2002:bool"
_NULL_TAG = "tag:yaml.org,2002:null"


@dataclass(frozen=True)
class SourceMap:
    """The line each field path starts on, so messages can point at it."""

    file: Path
    lines: dict[Path_, int] = field(default_factory=dict)

    def line_of(self, path: Path_) -> int | None:
        """The line of `path`, or of its nearest enclosing field that has one."""
        for end in range(len(path), -1, -1):
            line = self.lines.get(tuple(path[:end]))
            if line is not None:
                return line
        return None

    def locate(self, path: Path_) -> Location:
        """A Location for `path`, written the way the user wrote the keys (a.b[2].c)."""
        return Location(self.file, self.line_of(path), format_path(path))


def format_path(path: Path_) -> str:
    """Renders a field path as 收入.一般公共预算 or 项目[2].名称 (items counted from 1)."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part + 1}]"
        else:
            text += ("." if text else "") + str(part)
    return text


def read_yaml(path: Path) -> tuple[Any, SourceMap]:
    """Parses `path` into dicts, lists, str, int, Decimal, bool and None, with a SourceMap."""
    text = _decode(path)
    source = SourceMap(path)
    try:
        node = yaml.compose(text, Loader=_StrictLoader)
    except _AliasFound as exc:
        raise InputFileError(
            Location(path, exc.line, ""), "不支持 YAML 别名（*名称）：请把内容直接写出"
        ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise InputFileError(Location(path, line, ""), _describe_yaml_error(exc)) from None
    except yaml.YAMLError as exc:
        raise InputFileError(Location(path, None, ""), f"不是有效的 YAML：{exc}") from None
    if node is None:
        raise InputFileError(Location(path, 1, ""), "文件是空的，没有任何数据")
    return _build(node, (), source), source


def _decode(path: Path) -> str:
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise InputFileError(
            Location(path, None, ""), f"文件有 {size / 1024 / 1024:.0f} MB，远超一个部门数据应有的大小（上限 {MAX_BYTES // 1024 // 1024} MB）；请确认选对了文件"
        )
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        raw.decode("gbk")
        hint = "看起来是 GBK/GB2312 编码，请用记事本或 VS Code 另存为 UTF-8 编码"
    except UnicodeDecodeError:
        hint = "请另存为 UTF-8 编码"
    raise InputFileError(Location(path, None, ""), f"文件不是 UTF-8 编码（{hint}）")


def _describe_yaml_error(exc: yaml.MarkedYAMLError) -> str:
    problem = exc.problem or ""
    if "found character '\\t'" in problem:
        return "YAML 不允许用 Tab 键缩进，请改用空格"
    return f"YAML 格式错误：{problem}".rstrip("：")


def _build(node: yaml.Node, path: Path_, source: SourceMap) -> Any:
    source.lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        return _build_mapping(node, path, source)
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, path + (i,), source) for i, item in enumerate(node.value)]
    return _scalar(node, path, source)


def _build_mapping(node: yaml.MappingNode, path: Path_, source: SourceMap) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            raise InputFileError(source.locate(path), "字段名必须是简单文字")
        key = key_node.value
        if key == "<<":
            raise InputFileError(
                Location(source.file, key_node.start_mark.line + 1, format_path(path)),
                "不支持 YAML 合并键（<<），请把内容直接写出",
            )
        if key in result:
            first = source.lines.get(path + (key,))
            raise InputFileError(
                Location(source.file, key_node.start_mark.line + 1, format_path(path + (key,))),
                f"字段「{key}」重复出现（第一次在第 {first} 行）；YAML 会悄悄丢掉前一个，请删去或合并其中一个",
            )
        source.lines[path + (key,)] = key_node.start_mark.line + 1
        result[key] = _build(value_node, path + (key,), source)
    return result


def _scalar(node: yaml.ScalarNode, path: Path_, source: SourceMap) -> Any:
    if node.style in ("'", '"') or node.tag not in (_INT_TAG, _FLOAT_TAG, _BOOL_TAG, _NULL_TAG):
        return node.value
    if node.tag == _NULL_TAG:
        return None
    if node.tag == _BOOL_TAG:
        return node.value.lower() in ("true", "yes", "on", "y")
    if node.tag == _INT_TAG:
        cleaned = node.value.replace("_", "")
        return int(cleaned) if cleaned.lstrip("+-").isdigit() else node.value
    try:
        return Decimal(node.value.replace("_", ""))
    except InvalidOperation:
        return node.value


class _AliasFound(Exception):
    def __init__(self, line: int):
        super().__init__(line)
        self.line = line


class _StrictLoader(yaml.SafeLoader):
    """A SafeLoader that stops at the first alias: no billion laughs, no hidden sharing."""

    def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
        if self.check_event(yaml.AliasEvent):
            raise _AliasFound(self.peek_event().start_mark.line + 1)
        return super().compose_node(parent, index)
