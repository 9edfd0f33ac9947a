"""Checks that every classification code is known and sits where it belongs."""

from __future__ import annotations

from collections.abc import Iterator

from ..problems import Level, Problem
from .base import CheckContext, at
from .registry import check


@check("unknown-code", Level.ERROR, "功能分类或经济分类编码不在分类目录中（可在「补充科目」中补充）")
def unknown_codes(ctx: CheckContext) -> Iterator[Problem]:
    """Every 功能分类 项 and its 款 and 类, and every 经济分类 款 and 类, must be in the catalogue."""
    names = ctx.names
    for code in ctx.data.basic:
        yield from _function_code(ctx, code, at("basic", code))
    for i, project in enumerate(ctx.data.projects):
        yield from _function_code(ctx, project.function_code, at("projects", i, "function_code"))
        for code in project.economic:
            if names.economic_name(code) is None:
                yield ctx.problem(unknown_codes, at("projects", i, "economic", code), f"经济分类类「{code}」不存在")
    for i, item in enumerate(ctx.data.carryover_items):
        if item.function_code:
            yield from _function_code(ctx, item.function_code, at("carryover_items", i, "function_code"))
    for code in ctx.data.prior.items:
        yield from _function_code(ctx, code, at("prior", "items", code))
    for code in ctx.data.basic_economic:
        for part in (code[:3], code):
            if names.economic_name(part) is None:
                yield ctx.problem(unknown_codes, at("basic_economic", code), names.unknown_message("经济分类编码", part))
                break
    for code in ctx.data.class_purposes:
        if len(code) != 3 or names.function_name(code) is None:
            yield ctx.problem(unknown_codes, at("class_purposes", code), f"「{code}」不是功能分类的类编码（应为 3 位，如 201）")


def _function_code(ctx: CheckContext, code: str, path: tuple) -> Iterator[Problem]:
    for part, level in ((code[:3], "类"), (code[:5], "款"), (code, "项")):
        if ctx.names.function_name(part) is None:
            yield ctx.problem(unknown_codes, path, ctx.names.unknown_message(f"功能分类{level}", part))
            return

