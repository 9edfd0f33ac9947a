"""Loading: a YAML file becomes a validated input model, or a list of located problems."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .errors import InputFileError, Location
from .model import DisclosureInput, Unit
from .model.common import UNIT_CONTEXT_KEY
from .problems import Level, Problem
from .yamlsource import SourceMap, read_yaml

SCHEMA_CHECK = "schema"
FILE_CHECK = "file"


@dataclass(frozen=True)
class Loaded:
    """A validated input and the source map that locates its fields."""

    data: DisclosureInput
    source: SourceMap


def load_input(path: Path, defaults: dict[str, Any] | None = None) -> Loaded | list[Problem]:
    """Reads and validates one department file; returns the model or every problem found.

    `defaults` (a county manifest's shared values) fill in whatever the file does not say itself.
    """
    try:
        raw, source = read_yaml(path)
    except InputFileError as exc:
        return [Problem(FILE_CHECK, Level.ERROR, exc.location, exc.message)]
    except OSError as exc:
        return [Problem(FILE_CHECK, Level.ERROR, Location(path, None, ""), f"无法读取文件：{exc.strerror}")]
    if not isinstance(raw, dict):
        return [Problem(FILE_CHECK, Level.ERROR, source.locate(()), "文件顶层应当是「字段: 值」的形式，而不是列表或单个值")]
    if defaults:
        raw = merged(defaults, raw)
    unit = _unit_of(raw)
    try:
        data = DisclosureInput.model_validate(raw, context={UNIT_CONTEXT_KEY: unit or Unit.WAN})
    except ValidationError as exc:
        return [_problem_of(error, source, raw) for error in exc.errors()]
    return Loaded(data, source)


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


def _problem_of(error: Any, source: SourceMap, raw: dict[str, Any]) -> Problem:
    path = tuple(part for part in error["loc"] if part != "[key]")
    if error["type"] != "missing":
        path = _as_written(path, source)
    return Problem(SCHEMA_CHECK, Level.ERROR, source.locate(path), _message(error, path, raw))


def _as_written(path: tuple, source: SourceMap) -> tuple:
    """Drops trailing keys the user did not write (a bare amount is read as 一般公共预算 money)."""
    while path and path not in source.lines and path[:-1] in source.lines and isinstance(path[-1], str):
        path = path[:-1]
    return path


def _message(error: Any, path: tuple, raw: dict[str, Any]) -> str:
    kind = error["type"]
    if kind == "missing":
        return "缺少必填字段"
    if kind == "extra_forbidden":
        return _unknown_field_message(path, raw)
    if kind == "enum":
        expected = re.findall(r"'([^']*)'", error.get("ctx", {}).get("expected", ""))
        return f"「{error.get('input')}」不是可选的值；可选：{'、'.join(expected)}"
    if kind == "string_pattern_mismatch":
        return f"编码「{error.get('input')}」位数不对：{_pattern_hint(error)}"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"应当填写整数，这里是「{error.get('input')}」"
    if kind in ("date_from_datetime_parsing", "date_parsing", "date_type"):
        return f"「{error.get('input')}」不是有效日期，请写成 2023-01-31 的形式"
    if kind == "string_type":
        return f"应当填写文字，这里是「{error.get('input')}」（如是编号，请加引号）"
    if kind in ("dict_type", "model_type"):
        return "这里应当是下一级字段（「字段: 值」），而不是单个值或列表"
    if kind == "list_type":
        return "这里应当是列表（每项以「- 」开头）"
    if kind == "string_too_long":
        return f"文字太长（最多 {error.get('ctx', {}).get('max_length')} 字）"
    if kind == "string_too_short":
        return "不能为空"
    if kind == "too_short":
        return "至少要有一项"
    if kind in ("greater_than_equal", "less_than_equal"):
        return f"数值「{error.get('input')}」超出允许范围"
    message = str(error.get("msg", ""))
    return message.removeprefix("Value error, ")


def _pattern_hint(error: Any) -> str:
    pattern = error.get("ctx", {}).get("pattern", "")
    digits = "".join(ch for ch in pattern if ch.isdigit())
    return f"应为 {digits} 位数字" if digits else "格式不对"


def _unknown_field_message(path: tuple, raw: dict[str, Any]) -> str:
    name = str(path[-1])
    allowed = _allowed_fields(path[:-1])
    close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.3)
    hint = f"，是不是「{close[0]}」？" if close else f"；这里可以填写：{'、'.join(allowed)}" if allowed else ""
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
