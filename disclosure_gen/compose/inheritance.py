"""A child template may only fill blocks its base defines: a block the base lacks would never print."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import jinja2
from jinja2 import nodes

from ..errors import Location
from ..templateset import InvalidTemplateError


def check_overrides(env: jinja2.Environment, loader: jinja2.BaseLoader, source: str, name: str, file: Path) -> None:
    """Refuses a `{% block %}` in a template that extends another, when no template it extends defines that block."""
    tree = env.parse(source, name)
    base = _extended(tree)
    if base is None:
        return
    known = _defined_blocks(env, loader, base, ())
    for block in _outermost_blocks(tree):
        if block.name not in known:
            reason = (
                f"block「{block.name}」在它所继承的 {base} 中没有定义，这段内容不会印出；"
                f"请改用 {base} 中已有的 block 名（见 docs/templates.md 的「可改写的 block」）"
            )
            raise InvalidTemplateError(reason, Location(file, block.lineno, ""))


def _extended(tree: nodes.Template) -> str | None:
    """The name of the template `tree` extends, when it names one literally."""
    extends = next(tree.find_all(nodes.Extends), None)
    return extends.template.value if extends and isinstance(extends.template, nodes.Const) else None


def _defined_blocks(env: jinja2.Environment, loader: jinja2.BaseLoader, name: str, seen: tuple[str, ...]) -> set[str]:
    """Every block `name` and the templates it extends define."""
    if name in seen:
        return set()
    tree = env.parse(loader.get_source(env, name)[0], name)
    base = _extended(tree)
    own = {block.name for block in tree.find_all(nodes.Block)}
    return own | (_defined_blocks(env, loader, base, (*seen, name)) if base else set())


def _outermost_blocks(node: nodes.Node) -> Iterator[nodes.Block]:
    """The blocks not nested in another block: those a child template fills in its base."""
    for child in node.iter_child_nodes():
        if isinstance(child, nodes.Block):
            yield child
        else:
            yield from _outermost_blocks(child)
