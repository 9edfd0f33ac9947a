"""The comments of a YAML file, each tied to the field it sits at, and put back at the same fields of another file."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError
from ruamel.yaml.tokens import CommentToken

from .errors import InputFileError, Location
from .yamlsource import Path_, SourceMap, format_path, read_text, read_yaml

GONE_HEADING = "# 去年文件中的注释（对应字段今年已不存在）："


@dataclass(frozen=True)
class Comment:
    """One comment line: above its field (indented `offset` columns from the field's key) or at the end of its value."""

    path: Path_ | None  # None: after the last field of the file
    text: str
    end_of_line: bool
    offset: int = 0


def read_comments(path: Path) -> list[Comment]:
    """The comments of `path`, in file order; the file goes through the bounded, strict reader first."""
    text = read_text(path)
    _, source = read_yaml(path, text.encode("utf-8"))
    lines = text.splitlines()
    fields = _fields(source)
    return [_comment(lines, fields, line, column) for line, column in _comment_starts(path, text, lines)]


def with_comments(text: str, comments: list[Comment], name: Path) -> str:
    """`text` (YAML written by yamlwriter) with each comment put at the same field; comments of fields it lacks go last."""
    _, source = read_yaml(name, text.encode("utf-8"))
    lines = text.splitlines()
    starts = sorted(set(source.lines.values()))
    above: dict[int, list[str]] = {}
    after: dict[int, list[str]] = {}
    trailing: list[str] = []
    gone: list[str] = []
    for comment in comments:
        if comment.path is None:
            trailing.append(comment.text)
        elif (line := source.lines.get(comment.path)) is None:
            gone.append(f"# {format_path(comment.path)}：{comment.text.lstrip('#').strip()}")
        elif comment.end_of_line:
            after.setdefault(_value_end(line, starts, len(lines)), []).append(comment.text)
        else:
            indent = max(0, _indent(lines[line - 1]) + comment.offset)
            above.setdefault(line, []).append(" " * indent + comment.text)
    result: list[str] = []
    for number, content in enumerate(lines, start=1):
        result.extend(above.get(number, []))
        result.append("  ".join([content, *after.get(number, [])]))
    result.extend(trailing)
    if gone and GONE_HEADING not in trailing:  # the heading carried from last year already stands last
        result.append(GONE_HEADING)
    result.extend(gone)
    return "\n".join(result) + "\n"


def _comment_starts(path: Path, text: str, lines: list[str]) -> list[tuple[int, int]]:
    """(line, column) of every comment, from ruamel.yaml's round-trip parse (which keeps comments PyYAML drops)."""
    try:
        data = YAML(typ="rt", pure=True).load(text)
    except YAMLError:
        raise InputFileError(Location(path, None, ""), "无法读出文件中的注释：YAML 写法有歧义，请改正后再试") from None
    starts: set[tuple[int, int]] = set()
    for token in _tokens(data):
        parts = token.value.split("\n")
        first = next((i for i, part in enumerate(parts) if part.strip()), 0)
        for i, part in enumerate(parts):
            if part.strip():
                starts.add(_located(path, lines, token.start_mark.line + 1 + i - first, part.strip()))
    return sorted(starts)


def _located(path: Path, lines: list[str], line: int, comment: str) -> tuple[int, int]:
    """(line, column) of `comment` on `line`, or on a line next to it (ruamel.yaml counts a leading line break its own way)."""
    for candidate in (line, line - 1, line + 1):
        content = lines[candidate - 1].rstrip() if 0 < candidate <= len(lines) else ""
        if content.endswith(comment):
            return candidate, len(content) - len(comment)
    raise InputFileError(Location(path, line, ""), f"无法确定注释「{comment}」所在的位置；请把它移到单独一行后再试")


def _tokens(node: Any) -> Iterator[CommentToken]:
    """Every comment token ruamel.yaml hung on `node` and the nodes inside it (a comment may hang in two places)."""
    comments = getattr(node, "ca", None)
    if comments is not None:
        yield from _flatten([comments.comment, list(comments.items.values()), comments.end])
    children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else ()
    for child in children:
        yield from _tokens(child)


def _flatten(value: Any) -> Iterator[CommentToken]:
    if isinstance(value, CommentToken):
        yield value
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _flatten(item)


def _fields(source: SourceMap) -> list[tuple[int, Path_]]:
    """Each field path with its line, in file order, the outer path first where several start on one line."""
    return sorted(((line, path) for path, line in source.lines.items() if path), key=lambda item: (item[0], len(item[1])))


def _comment(lines: list[str], fields: list[tuple[int, Path_]], line: int, column: int) -> Comment:
    """The comment starting at `line`, `column`, tied to its field."""
    content = lines[line - 1]
    text = content[column:].rstrip()
    if content[:column].strip():
        return Comment(_field_at(fields, line), text, end_of_line=True)
    below = next(((start, path) for start, path in fields if start > line), None)
    if below is None:
        return Comment(None, text, end_of_line=False)
    return Comment(below[1], text, end_of_line=False, offset=column - _indent(lines[below[0] - 1]))


def _field_at(fields: list[tuple[int, Path_]], line: int) -> Path_ | None:
    """The field an end-of-line comment follows: the outermost starting on its line, else the innermost before it."""
    on_line = [path for start, path in fields if start == line]
    before = [path for start, path in fields if start < line]
    return on_line[0] if on_line else before[-1] if before else None


def _value_end(line: int, starts: list[int], last: int) -> int:
    """The last line of the value of the field on `line` (the line before the next field starts)."""
    return next((start - 1 for start in starts if start > line), last)


def _indent(content: str) -> int:
    return len(content) - len(content.lstrip(" "))

