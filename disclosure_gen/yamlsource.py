"""Reads a YAML file into plain data plus the line of every field; refuses what YAML lets slip."""

from __future__ import annotations

import errno
import os
import re
import stat
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from .errors import InputFileError, Location

Path_ = tuple[str | int, ...]

MAX_BYTES = 5 * 1024 * 1024  # a department file is a few dozen KB; 5 MB is far beyond any real one
MAX_DEPTH = 50  # a department file nests about 7 levels deep; PyYAML recurses once per level
_INT_TAG = "tag:yaml.org,2002:int"
_FLOAT_TAG = "tag:yaml.org,2002:float"
_BOOL_TAG = "tag:yaml.org,2002:bool"
_NULL_TAG = "tag:yaml.org,2002:null"
_DECIMAL_INT = re.compile(r"[-+]?[0-9]+")


@dataclass(frozen=True)
class Move:
    """Fields that stand at `to` in the file but at `at` in the data the checks read (a unit's money, summed)."""

    at: Path_
    to: Path_
    keep_rest: bool = True  # False: every field under `at` is written at `to` itself (a sum of the units' fields)


@dataclass(frozen=True)
class SourceMap:
    """The line each field path starts on, so messages can point at it."""

    file: Path
    lines: dict[Path_, int] = field(default_factory=dict)
    included: dict[Path_, Path] = field(default_factory=dict)  # a field written in a file of its own (a unit's file)
    moves: tuple[Move, ...] = ()

    def line_of(self, path: Path_) -> int | None:
        """The line of `path`, or of its nearest enclosing field that has one."""
        for end in range(len(path), -1, -1):
            line = self.lines.get(tuple(path[:end]))
            if line is not None:
                return line
        return None

    def locate(self, path: Path_) -> Location:
        """A Location for `path`, written the way the user wrote the keys (a.b[2].c), in the file that holds it."""
        path = self.written(path)
        for prefix in sorted(self.included, key=len, reverse=True):
            if path[: len(prefix)] == prefix:
                return Location(self.included[prefix], self.line_of(path), format_path(path[len(prefix):]))
        return Location(self.file, self.line_of(path), format_path(path))

    def written(self, path: Path_) -> Path_:
        """Where the user wrote the field the data holds at `path`."""
        move = max((m for m in self.moves if path[: len(m.at)] == m.at), key=lambda m: len(m.at), default=None)
        if move is None:
            return path
        return move.to + path[len(move.at):] if move.keep_rest else move.to

    def include(self, prefix: Path_, other: "SourceMap") -> "SourceMap":
        """This map with `other` (another file's) holding the fields under `prefix`."""
        lines = {**self.lines, **{prefix + path: line for path, line in other.lines.items()}}
        return replace(self, lines=lines, included={**self.included, prefix: other.file})

    def moved(self, moves: tuple[Move, ...]) -> "SourceMap":
        """This map for data whose fields stand elsewhere than written (see Move)."""
        return replace(self, moves=moves)


def format_path(path: Path_) -> str:
    """Renders a field path as 收入.一般公共预算 or 项目[2].名称 (items counted from 1)."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part + 1}]"
        else:
            text += ("." if text else "") + str(part)
    return text


def read_yaml(path: Path, content: bytes | None = None) -> tuple[Any, SourceMap]:
    """Parses `path` (or `content`, its bytes read elsewhere) into dicts, lists, str, int, Decimal, bool and None, with a SourceMap."""
    text = read_text(path) if content is None else _decode(path, content)
    source = SourceMap(path)
    node = _parsed(path, text, lambda: yaml.compose(text, Loader=_StrictLoader))
    if node is None:
        raise InputFileError(Location(path, 1, ""), "文件是空的，没有任何数据")
    return _build(node, (), source), source


def load_plain_yaml(path: Path) -> Any:
    """`path` read as safe_load would (anchors allowed: template files), within the same size and depth limits."""
    text = read_text(path)
    return _parsed(path, text, lambda: yaml.load(text, Loader=_BoundedLoader))


def line_of_key(path: Path, keys: Path_) -> int | None:
    """The line where `keys` (or the deepest of its leading keys that exists) is written in a template file."""
    text = read_text(path)
    node = _parsed(path, text, lambda: yaml.compose(text, Loader=_BoundedLoader))
    line = None
    for key in keys:
        if isinstance(node, yaml.MappingNode):
            found = next(((k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == str(key)), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            found = (node.value[key], node.value[key])
        else:
            found = None
        if found is None:
            break
        line, node = found[0].start_mark.line + 1, found[1]
    return line


def read_text(path: Path) -> str:
    """The text of a regular UTF-8 file of at most MAX_BYTES; anything else is refused with a message."""
    return _decode(path, read_limited(path))


def read_limited(path: Path, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file, reading at most `limit` + 1 of them: a device, pipe or folder is refused unread."""
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            raise _not_a_file(path)
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
        with os.fdopen(handle, "rb") as stream:
            if not stat.S_ISREG(os.fstat(handle).st_mode):  # replaced between stat and open
                raise _not_a_file(path)
            raw = stream.read(limit + 1)
    except OSError as exc:
        raise InputFileError(Location(path, None, ""), _os_error_message(exc)) from None
    if len(raw) > limit:
        raise InputFileError(
            Location(path, None, ""),
            f"文件超过 {limit // 1024 // 1024} MB 的上限，远超一个部门数据应有的大小；请确认选对了文件",
        )
    return raw


def _not_a_file(path: Path) -> InputFileError:
    return InputFileError(Location(path, None, ""), "不是普通文件（是文件夹、设备或管道）；请给出 YAML 数据文件")


_OS_ERRORS = {
    errno.ENOENT: "文件不存在",
    errno.EACCES: "没有读取这个文件的权限",
    errno.EPERM: "没有读取这个文件的权限",
    errno.EISDIR: "这是文件夹，不是文件",
    errno.ENAMETOOLONG: "文件名太长",
}


def _os_error_message(exc: OSError) -> str:
    return "无法读取文件：" + _OS_ERRORS.get(exc.errno or 0, f"系统错误 {exc.errno}")


def _decode(path: Path, raw: bytes) -> str:
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


def _parsed(path: Path, text: str, parse: Any) -> Any:
    """What `parse` returns, with every way PyYAML can fail turned into a located Chinese message."""
    try:
        return parse()
    except _Refused as exc:
        raise InputFileError(Location(path, exc.line, ""), exc.message) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise InputFileError(Location(path, line, ""), _describe_yaml_error(exc)) from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        message = f"文件中有不可打印的控制字符 U+{exc.character:04X}，请删去" if isinstance(exc.character, int) else "文件中有无法识别的字符"
        raise InputFileError(Location(path, line, ""), message) from None
    except (yaml.YAMLError, ValueError, TypeError, OverflowError):
        raise InputFileError(Location(path, None, ""), "YAML 格式错误：有无法识别的写法") from None


_YAML_PROBLEMS = (
    (r"found character '\\t'", "YAML 不允许用 Tab 键缩进，请改用空格"),
    (r"another document", "文件里有第二个 YAML 文档（「---」之后还有内容）；一个文件只写一个部门，请删去「---」及其后的内容，或另存为一个文件"),
    (r"mapping values are not allowed", "这里不能出现「字段: 值」：常见原因是缩进不齐，或值里有「冒号加空格」（请给整个值加引号）"),
    (r"could not find expected ':'", "找不到应有的冒号「:」：常见原因是缩进不齐，或上一行的引号没有成对"),
    (r"expected <block end>", "缩进不齐：这一行与上面同一层的字段没有对齐"),
    (r"expected ',' or '\}'", "花括号 {…} 中的写法不对：括号没有成对，或值里有逗号、冒号（请给这个值加引号）"),
    (r"expected ',' or '\]'", "方括号 […] 中的写法不对：括号没有成对，或值里有逗号（请给这个值加引号）"),
    (r"unexpected end of stream|unexpected document separator", "引号没有成对：从这里开始的引号一直没有结束"),
    (r"unknown escape character", "双引号中的反斜杠「\\」后面不是有效的转义；请改用单引号，或写成两个反斜杠"),
    (r"sequence entries are not allowed", "这里不能出现列表项「- 」：请检查缩进"),
    (r"cannot start any token", "这里的第一个字符不能作为值的开头（如 @、`、%）；请给整个值加引号"),
    (r"while scanning an? (alias|anchor)", "「&」或「*」后应当是名称；如果这是文字内容，请给整个值加引号"),
    (r"while scanning a (tag|directive)|tag handle|non-specific tag|YAML directive|document start", "「!」或「%」开头的写法不对；如果这是文字内容，请给整个值加引号"),
    (r"block scalar", "多行文字（「|」或「>」）的写法不对"),
    (r"expected the node content", "这里缺少值，或多了符号"),
    (r"mapping keys are not allowed", "这里不能出现「? 」；如果这是文字内容，请给整个值加引号"),
)


def _describe_yaml_error(exc: yaml.MarkedYAMLError) -> str:
    text = f"{exc.context or ''} {exc.problem or ''}"
    for pattern, message in _YAML_PROBLEMS:
        if re.search(pattern, text):
            return message if "Tab" in message else f"YAML 格式错误：{message}"
    return "YAML 格式错误：这里的写法无法识别（常见原因：缩进不齐、冒号后缺空格、引号或括号没有成对）"


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
        return int(cleaned) if _DECIMAL_INT.fullmatch(cleaned) else node.value
    try:
        return Decimal(node.value.replace("_", ""))
    except InvalidOperation:
        return node.value


class _Refused(Exception):
    """Something the loaders refuse on purpose, with its line and the message to show."""

    def __init__(self, line: int, message: str):
        super().__init__(line, message)
        self.line = line
        self.message = message


_STANDARD_TAG = "tag:yaml.org,2002:"
_PLAIN_TAGS = {f"{_STANDARD_TAG}{name}": f"!!{name}" for name in ("str", "int", "float", "bool", "null", "map", "seq")}


class _BoundedLoader(yaml.SafeLoader):
    """A SafeLoader that refuses nesting deeper than MAX_DEPTH before PyYAML's recursion runs out, and tags that change a value."""

    _depth = 0

    def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
        event = self.peek_event()
        if getattr(event, "tag", None) not in (None, "!"):
            self._check_tag(event)
        if self._depth >= MAX_DEPTH:
            raise _Refused(event.start_mark.line + 1, f"嵌套超过 {MAX_DEPTH} 层，远超部门数据应有的结构；请检查缩进或括号")
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def _check_tag(self, event: yaml.Event) -> None:
        """An explicit tag is allowed only where it says what the value already is (!!str 2010501 keeps its digits)."""
        line, tag = event.start_mark.line + 1, event.tag  # type: ignore[attr-defined]
        if tag not in _PLAIN_TAGS:
            raise _Refused(line, f"不支持 YAML 标签「{tag.replace(_STANDARD_TAG, '!!')}」：请去掉标签，直接写出内容")
        if isinstance(event, yaml.ScalarEvent):
            resolved = self.resolve(yaml.ScalarNode, event.value, (True, False))
            fits = tag in (resolved, _STANDARD_TAG + "str") or (tag, resolved) == (_FLOAT_TAG, _INT_TAG)  # init writes !!float '10'
            written = f"「{event.value or '空'}」"
        else:
            fits = tag == _STANDARD_TAG + ("map" if isinstance(event, yaml.MappingStartEvent) else "seq")
            written = "这里的内容"
        if not fits:
            raise _Refused(line, f"{written}不符合 YAML 标签「{_PLAIN_TAGS[tag]}」的写法；请去掉标签，或改正这个值")


class _StrictLoader(_BoundedLoader):
    """Also stops at the first alias: no billion laughs, no hidden sharing."""

    def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            raise _Refused(event.start_mark.line + 1, "不支持 YAML 别名（*名称）：请把内容直接写出")
        return super().compose_node(parent, index)

