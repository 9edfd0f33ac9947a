"""Field paths written with the YAML keys (项目[].政策依据), resolved against the input model by alias."""

from __future__ import annotations

import typing
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from .paths import concrete_types

EACH = "[]"  # after a key: every item of that list


@dataclass(frozen=True)
class Step:
    """One key of a field path: its YAML key, the model attribute it names, and whether it is a list walked item by item."""

    key: str
    attribute: str
    each: bool


@dataclass(frozen=True)
class FieldPath:
    """A resolved path such as 项目[].绩效目标.指标[].设置依据: the steps to the object holding the field, then the field."""

    text: str
    owner: tuple[Step, ...]
    field: Step

    def owners(self, data: BaseModel) -> Iterator[tuple[tuple, BaseModel]]:
        """Every object that holds the field in `data`, with its path in YAML keys (list items counted from 0)."""
        yield from _walk(data, (), self.owner)

    def sibling(self, key: str, root: type[BaseModel]) -> Step:
        """The field `key` of the same object as this path's field (for a condition such as 涉密)."""
        model = _model_at(root, self.owner)
        return _step(model, key, self.text)


def resolve(text: str, root: type[BaseModel]) -> FieldPath:
    """Resolves `text` (keys joined by “.”, a list followed by “[]”) against `root`; a wrong key is a ValueError in Chinese."""
    keys = text.split(".")
    if not text or any(not part or part == EACH for part in keys):
        raise ValueError(f"字段路径「{text}」写法有误：用“.”连接各级键名，列表的键后加“[]”，如 项目[].政策依据")
    steps: list[Step] = []
    model: type[BaseModel] | None = root
    for i, part in enumerate(keys):
        if model is None:
            raise ValueError(f"字段路径「{text}」中「{keys[i - 1]}」不是一组字段，其下没有「{part}」")
        step = _step(model, part, text)
        steps.append(step)
        annotation = model.model_fields[step.attribute].annotation
        model = _inner_model(annotation, step.each)
        if step.each and model is None:
            raise ValueError(f"字段路径「{text}」中「{step.key}」不是由若干项组成的列表，不能写“[]”")
        if model is None and i + 1 < len(keys) and _inner_model(annotation, True) is not None:
            raise ValueError(f"字段路径「{text}」中「{step.key}」是由若干项组成的列表，要写作「{step.key}[]」")
    if steps[-1].each:
        raise ValueError(f"字段路径「{text}」应以字段名结尾，不能以“[]”结尾")
    return FieldPath(text, tuple(steps[:-1]), steps[-1])


def is_missing(value: Any) -> bool:
    """A field counts as not filled when it is absent (None) or an empty text, list or mapping."""
    return value is None or (isinstance(value, str | list | tuple | dict) and not value)


def _step(model: type[BaseModel], part: str, text: str) -> Step:
    key, each = (part[: -len(EACH)], True) if part.endswith(EACH) else (part, False)
    for attribute, info in model.model_fields.items():
        if info.alias == key:
            return Step(key, attribute, each)
    known = "、".join(info.alias or name for name, info in model.model_fields.items())
    raise ValueError(f"字段路径「{text}」中没有「{key}」这个字段；这一级可用的字段：{known}")


def _model_at(root: type[BaseModel], steps: tuple[Step, ...]) -> type[BaseModel]:
    model = root
    for step in steps:
        inner = _inner_model(model.model_fields[step.attribute].annotation, step.each)
        assert inner is not None  # resolve() refused any path through a plain value
        model = inner
    return model


def _inner_model(annotation: Any, each: bool) -> type[BaseModel] | None:
    """The model a field holds (each: the model of its list's items), or None for a plain value."""
    for option in concrete_types(annotation):
        origin = typing.get_origin(option)
        if each and origin is list:
            return _inner_model(typing.get_args(option)[0], False)
        if not each and isinstance(option, type) and issubclass(option, BaseModel):
            return option
    return None


def _walk(node: Any, at: tuple, steps: tuple[Step, ...]) -> Iterator[tuple[tuple, BaseModel]]:
    if node is None:
        return
    if not steps:
        yield at, node
        return
    step, rest = steps[0], steps[1:]
    value = getattr(node, step.attribute)
    if step.each:
        for i, item in enumerate(value if isinstance(value, list | tuple) else ()):
            yield from _walk(item, (*at, step.key, i), rest)
    else:
        yield from _walk(value, (*at, step.key), rest)
