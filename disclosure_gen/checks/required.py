"""The fields a template set requires (set.yaml `requires`): each missing one reported with the set's reason."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..model import DisclosureInput
from ..model.fieldpath import FieldPath, is_missing, resolve
from ..problems import Level, Problem
from ..yamlsource import format_path
from .base import CheckContext
from .registry import check


@check("required-field", Level.ERROR, "模板要求填写的字段没有填写（要求及原因见模板 set.yaml 的 requires）")
def required_fields(ctx: CheckContext) -> Iterator[Problem]:
    """Each object missing fields its set requires, once per reason: its line, the fields, the set's reason."""
    missing: dict[tuple, list[str]] = {}
    for text, requirement in ctx.template.required_fields().items():
        path = resolve(text, DisclosureInput)
        for at, owner in path.owners(ctx.data):
            waiver = _waiver(path, requirement.unless, at, owner)
            if waiver is not None and is_missing(getattr(owner, path.field.attribute)):
                missing.setdefault((at, _label(path, at, owner), waiver, requirement.reason), []).append(path.field.key)
    for (at, label, waiver, reason), fields in missing.items():
        where = (*at, fields[0]) if len(fields) == 1 else at
        yield ctx.problem(
            required_fields, where,
            f"{label}缺少必填字段「{'」「'.join(fields)}」{waiver}：模板「{ctx.template.name}」要求填写，因为{reason}",
        )


def _label(path: FieldPath, at: tuple, owner: Any) -> str:
    """The object as the user knows it: 项目「名称」 for a named list item, else its key path (概况、项目[2].绩效目标)."""
    name = getattr(owner, "name", None)
    if path.owner and path.owner[-1].each and isinstance(name, str):
        return f"{path.owner[-1].key}「{name}」"
    return f"「{format_path(at)}」" if at else ""


def _waiver(path: FieldPath, unless: str | None, at: tuple, owner: Any) -> str | None:
    """None when `unless` is filled here (the field is not required); else how it could be left out, for the message.

    A yes/no field reads （只有涉密项目可以不填）; any other （填写了「不予公开说明」时可以不填）.
    """
    if unless is None:
        return ""
    value = getattr(owner, path.sibling(unless, DisclosureInput).attribute)
    if value is not False and not is_missing(value):
        return None
    if isinstance(value, bool) and len(at) >= 2 and isinstance(at[-1], int):
        return f"（只有{unless}{at[-2]}可以不填）"
    return f"（填写了「{unless}」时可以不填）"
