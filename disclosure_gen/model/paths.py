"""YAML key paths and mappings taken from the model's aliases, so a renamed key fails where it is used."""

from __future__ import annotations

import types
from enum import Enum
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel

Step = str | int
"""One step of a field path: a field name, a list index, or a key of a mapping field (a code, a source)."""


class UnknownField(LookupError):
    """A field path names a field the model does not have (a programming error, never the user's)."""


def key_path(model: type[BaseModel], *steps: Step | Enum) -> tuple[Step, ...]:
    """The YAML keys of a field path of `model`: field names become their aliases; indexes and mapping keys stay.

    `key_path(DisclosureInput, "income", "general", "own")` is `("收入", "一般公共预算", "一般财力")`;
    `key_path(DisclosureInput, "projects", 2, "function_code")` is `("项目", 2, "科目")`.
    """
    keys: list[Step] = []
    shape: Any = model
    for step in steps:
        try:
            key, shape = _step(shape, step)
        except UnknownField as exc:
            raise UnknownField(f"{model.__name__}.{'.'.join(map(str, steps))}: {exc}") from None
        keys.append(key)
    return tuple(keys)


def aliased(model: type[BaseModel], data: dict[str, Any]) -> dict[str, Any]:
    """`data`, written with the field names of `model`, keyed by the YAML keys instead (nested sections too, order kept)."""
    return _aliased(model, data)


def _aliased(shape: Any, value: Any) -> Any:
    if isinstance(value, dict):
        result = {}
        for step, item in value.items():
            key, inner = _step(shape, step)
            result[key] = _aliased(inner, item)
        return result
    if isinstance(value, list):
        return [_aliased(_step(shape, index)[1], item) for index, item in enumerate(value)]
    return value


def _step(shape: Any, step: Step | Enum) -> tuple[Step, Any]:
    """The YAML key of `step` inside a value of type `shape`, and the type of the value it leads to."""
    for member in concrete_types(shape):
        if isinstance(member, type) and issubclass(member, BaseModel):
            field = member.model_fields.get(step) if isinstance(step, str) else None
            if field is not None:
                return field.alias or step, field.annotation
        elif get_origin(member) is list and isinstance(step, int) and not isinstance(step, bool):
            return step, get_args(member)[0]
        elif get_origin(member) is dict and isinstance(step, str | int):
            return (step.value if isinstance(step, Enum) else step), get_args(member)[1]
    raise UnknownField(f"{_describe(shape)} has no field, index or key {step!r}")


def concrete_types(shape: Any) -> tuple[Any, ...]:
    """The concrete types a field's type stands for: Annotated and Optional/Union unwrapped."""
    origin = get_origin(shape)
    if origin is Annotated:
        return concrete_types(get_args(shape)[0])
    if origin is Union or origin is types.UnionType:
        return tuple(m for arg in get_args(shape) if arg is not type(None) for m in concrete_types(arg))
    return (shape,)


def _describe(shape: Any) -> str:
    return " | ".join(getattr(m, "__name__", str(m)) for m in concrete_types(shape))
