"""Loading: a YAML file becomes a validated input model, or a list of located problems."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .errors import InputFileError
from .model import DisclosureInput, Unit
from .model.common import UNIT_CONTEXT_KEY
from .model.consolidation import department_view, unit_view
from .problems import Level, Problem
from .unitfiles import Included, with_unit_files
from .yamlsource import SourceMap, read_yaml

SCHEMA_CHECK = "schema"
FILE_CHECK = "file"
UNFILLED_CHECK = "unfilled"
UNFILLED = "待填"


@dataclass(frozen=True)
class Loaded:
    """A validated department (its units' money added up) and the source map that locates its fields."""

    data: DisclosureInput
    source: SourceMap

    def unit(self, index: int) -> "Loaded":
        """Budget unit `index` as a department of its own, located in the files where it is written."""
        view = unit_view(self.data, index)
        return Loaded(view.data, self.source.moved(view.moves))


def load_input(
    path: Path, defaults: dict[str, Any] | None = None, content: bytes | None = None, included: Included | None = None,
) -> Loaded | list[Problem]:
    """Reads and validates one department file (and its unit files); returns the model or every problem found.

    `defaults` (a county manifest's shared values) fill in whatever the file does not say itself;
    `content` is the file's bytes and `included` its unit files' when they were read elsewhere (a batch
    worker on another machine).
    """
    try:
        raw, source = read_yaml(path, content)
    except InputFileError as exc:
        return [unreadable(exc)]
    if not isinstance(raw, dict):
        return [Problem(FILE_CHECK, Level.ERROR, source.locate(()), "文件顶层应当是「字段: 值」的形式，而不是列表或单个值")]
    raw, source, unit_files = with_unit_files(raw, source, path, included)
    if unit_files:
        return unit_files
    if defaults:
        raw = merged(defaults, raw)
    unit = _unit_of(raw)
    unfilled = list(_unfilled_paths(raw, ()))
    to_fill = [Problem(UNFILLED_CHECK, Level.ERROR, source.locate(path), "尚未填写（把「待填」换成实际内容）") for path in unfilled]
    try:
        data = DisclosureInput.model_validate(raw, context={UNIT_CONTEXT_KEY: unit or Unit.WAN})
    except ValidationError as exc:
        problems = _deepest([problem for error in exc.errors() for problem in _problems_of(error, source, raw)])
        return to_fill + [p for p in problems if not _under_any(p, to_fill)]
    view = department_view(data)
    return to_fill or Loaded(view.data, source.moved(view.moves))


def unreadable(exc: InputFileError) -> Problem:
    """The problem of a file that cannot be read as YAML data at all."""
    return Problem(FILE_CHECK, Level.ERROR, exc.location, exc.message)


def _unfilled_paths(value: Any, path: tuple) -> Any:
    """Paths whose value is the placeholder 待填 that `init` writes."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _unfilled_paths(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _unfilled_paths(item, path + (index,))
    elif value == UNFILLED:
        yield path


def _under_any(problem: Problem, unfilled: list[Problem]) -> bool:
    field = problem.location.field
    return any(field == u.location.field or field.startswith(u.location.field + ".") for u in unfilled)


def merged(defaults: dict[str, Any], own: dict[str, Any]) -> dict[str, Any]:
    """`own` laid over `defaults`, mapping by mapping: what the department says wins."""
    result = dict(defaults)
    for key, value in own.items():
        if isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = merged(result[key], value)
        else:
            result[key] = value
    return result


def _unit_of(raw: dict[str, Any]) -> Unit | None:
    try:
        return Unit(raw.get("单位"))
    except ValueError:
        return None


def _deepest(problems: list[Problem]) -> list[Problem]:
    """Drops a “wrong type” problem when a deeper one explains the same field (a union's other branch)."""
    fields = [p.location.field for p in problems]
    return [
        p for p in problems
        if not (p.message.startswith(_TYPE_MESSAGES) and any(f.startswith(p.location.field) and f != p.location.field for f in fields))
    ]


def _problems_of(error: Any, source: SourceMap, raw: dict[str, Any]) -> list[Problem]:
    """The error's problem; an error of the whole input that names its fields, one problem at each field."""
    fields = (error.get("ctx") or {}).get("fields")
    if fields and not error["loc"]:
        return [Problem(SCHEMA_CHECK, Level.ERROR, source.locate((name,)), error["msg"]) for name in fields]
    return [_problem_of(error, source, raw)]


def _problem_of(error: Any, source: SourceMap, raw: dict[str, Any]) -> Problem:
    path = _written_path(tuple(part for part in error["loc"] if part != "[key]"), raw)
    if error["type"] != "missing":
        path = _as_written(path, source)
    return Problem(SCHEMA_CHECK, Level.ERROR, source.locate(path), _message(error, path, raw))


def _written_path(loc: tuple, raw: Any) -> tuple:
    """The error's location in the data as written: drops a union's branch names (list[AllocationItem])."""
    path: list = []
    node = raw
    for index, part in enumerate(loc):
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
        elif index < len(loc) - 1:
            continue
        path.append(part)
    return tuple(path)


def _as_written(path: tuple, source: SourceMap) -> tuple:
    """Drops trailing keys the user did not write (a bare amount is read as 一般公共预算 money)."""
    while path and path not in source.lines and path[:-1] in source.lines and isinstance(path[-1], str):
        path = path[:-1]
    return path


def _message(error: Any, path: tuple, raw: dict[str, Any]) -> str:
    """The error in Chinese; pydantic's English never reaches the user, whatever the error type."""
    if error["type"] == "extra_forbidden":
        return _unknown_field_message(path, raw)
    return error_message(error)


def error_message(error: Any) -> str:
    """A pydantic error (other than an unknown key) in Chinese, for any model: the input's or a template set's."""
    kind, ctx, shown = error["type"], error.get("ctx") or {}, _shown(error.get("input"))
    if kind == "missing":
        return "缺少必填字段"
    if kind in ("enum", "literal_error"):
        expected = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        return f"「{shown}」不是可选的值；可选：{'、'.join(expected)}"
    if kind == "string_pattern_mismatch":
        return f"编码「{shown}」位数不对：{_pattern_hint(error)}"
    if kind == "value_error" and isinstance(ctx.get("error"), ValueError):
        return str(ctx["error"])  # the model's own validators speak Chinese
    if kind == "date_from_datetime_inexact":
        return f"「{shown}」带有时间；这里只填日期，如 2023-01-31"
    if kind == "string_too_long":
        return f"文字太长（最多 {ctx.get('max_length')} 字）"
    if kind == "too_long":
        return f"项数太多（最多 {ctx.get('max_length')} 项）"
    for kinds, message in _KIND_MESSAGES:
        if kind in kinds or kind.startswith(kinds):
            return message.format(shown=shown)
    return f"「{shown}」不符合这里的要求"


_TYPE_MESSAGES = ("应当填写文字", "这里应当是下一级字段", "这里应当是列表")
_KIND_MESSAGES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("int_",), "应当填写整数，这里是「{shown}」"),
    (("date_",), "「{shown}」不是有效日期，请写成 2023-01-31 的形式"),
    (("bool_",), "应当填写 true（是）或 false（否），这里是「{shown}」"),
    (("decimal_max", "decimal_whole"), "数字「{shown}」的位数太多"),
    (("decimal_", "float_", "finite_number"), "应当填写数字，这里是「{shown}」"),
    (("string_type", "string_unicode", "string_sub_type"), _TYPE_MESSAGES[0] + "，这里是「{shown}」（如是编号，请加引号）"),
    (("dict_type", "model_type", "model_attributes_type", "dataclass_type"), _TYPE_MESSAGES[1] + "（「字段: 值」），而不是单个值或列表"),
    (("list_type", "tuple_type", "set_type", "frozen_set_type", "iterable_type"), _TYPE_MESSAGES[2] + "（每项以「- 」开头）"),
    (("string_too_short",), "不能为空"),
    (("too_short",), "至少要有一项"),
    (("greater_than", "less_than", "multiple_of"), "数值「{shown}」超出允许范围"),
)


def _shown(value: Any) -> str:
    """A value as the user wrote it: empty as 空, a list or mapping by its kind, long text cut short."""
    if value is None or value == "":
        return "空"
    if isinstance(value, list):
        return "列表"
    if isinstance(value, dict):
        return "下一级字段"
    return _short(value)


def _short(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:40] + "…"


def _pattern_hint(error: Any) -> str:
    pattern = error.get("ctx", {}).get("pattern", "")
    digits = "".join(ch for ch in pattern if ch.isdigit())
    return f"应为 {digits} 位数字" if digits else "格式不对"


def _unknown_field_message(path: tuple, raw: dict[str, Any]) -> str:
    name = str(path[-1])
    allowed = _allowed_fields(path[:-1])
    close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.3)
    hint = f"，是不是「{close[0]}」？" if close else f"；这里可以填写：{'、'.join(allowed)}" if allowed else ""
    if name[:1].isdigit() and not close:
        hint += "。若上一项的值里有逗号（如 1,063.86），在 {…} 中逗号会把它断开，请给这个值加引号"
    return f"没有「{name}」这个字段{hint}"


def _allowed_fields(parent: tuple) -> list[str]:
    """The field names the model accepts at `parent` (a path of aliases and indexes)."""
    model: Any = DisclosureInput
    for part in parent:
        if isinstance(part, int):
            continue
        field = next((f for f in model.model_fields.values() if f.alias == part), None)
        if field is None:
            return []
        model = _model_in(field.annotation)
        if model is None:
            return []
    return [f.alias for f in model.model_fields.values() if f.alias]


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_in(arg)
        if found is not None:
            return found
    return None
