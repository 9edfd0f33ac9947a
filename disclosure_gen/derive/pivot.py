"""The pivot engine: any derived table a set declares (`query:` in tables.yaml), computed from the facts.

Rows are leaves of one dimension (a 功能分类 项, a 经济分类 款, a project, a carried-over item) under
optional group levels (unit → 类 → 款 …, 项目类型 → 一级项目), each group printing a subtotal row unless told not to; or fixed
lines, each adding up the facts its own filter keeps (表1, 表4, 表10). Columns
add up the facts their filter keeps, or other columns, or stay blank. Every shown value is rounded half up
to 0.01; a shown subtotal or sum that differs from its shown parts is a rounding tail.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from operator import attrgetter
from typing import Any

from ..catalogue import Catalogue
from ..model import DisclosureInput
from ..money import ZERO, round_half_up
from ..tablespec import ColumnSpec, Filter, QuerySpec
from ..templateset import Rules
from .facts import Fact
from .figures import Row, RowLevel, Table, Tail


@dataclass(frozen=True)
class Context:
    """What names and orders rows: the input, the catalogue of codes, the set's rules and published names."""

    data: DisclosureInput
    names: Catalogue
    rules: Rules
    published: dict[str, str]  # a project's name → its name as printed (涉密项目一 …)
    class_rows: tuple[str, ...] = ()  # the 功能分类 类 the set always lists (set.yaml class_rows)


@dataclass(frozen=True)
class _Leaf:
    key: Any
    known: dict[str, Any]  # the values the group levels above it read (function, unit, …)
    exact: tuple[Decimal, ...]


@dataclass(frozen=True)
class _Node:
    """A row to print (or a hidden group) and the nodes under it."""

    row: Row | None  # None for a group that prints no subtotal row
    exact: tuple[Decimal, ...]
    shown_leaves: tuple[Decimal, ...]  # the sum of the shown values of the leaf rows under it
    children: tuple["_Node", ...] = ()


Facts = Mapping[str, Sequence[Fact]]  # the facts of each book


def by_book(facts: Iterable[Fact]) -> dict[str, tuple[Fact, ...]]:
    """The facts grouped by their book, in their order."""
    books: dict[str, list[Fact]] = {}
    for fact in facts:
        books.setdefault(fact.book, []).append(fact)
    return {book: tuple(kept) for book, kept in books.items()}


def pivot(key: str, query: QuerySpec, facts: Facts, ctx: Context) -> Table:
    """The table `query` declares, from `facts` (by book): rows, the total row and every rounding tail."""
    if query.lines:
        return _lines_table(key, query, facts, ctx)
    columns = tuple(query.columns)
    leaves = _leaves(query, facts, ctx)
    nodes = _group(query, leaves, 0, ctx, columns)
    rows = tuple(_printed(nodes))
    if query.subtotals == "shown":
        total_values = _sum_exact([_shown(leaf.exact) for leaf in leaves], len(columns))
        vertical: tuple[Tail, ...] = ()
    else:
        total_values = _shown(_sum_exact([leaf.exact for leaf in leaves], len(columns)))
        vertical = _vertical_tails(key, nodes, query.total_name, total_values, columns)
    total = Row("", RowLevel.TOTAL, query.total_name, total_values, columns=columns)
    return Table(key, columns, rows, total, vertical + _horizontal_tails(key, (*rows, total), query))


def _lines_table(key: str, query: QuerySpec, facts: Facts, ctx: Context) -> Table:
    """Fixed lines, each its own filter of the facts; the total row adds up every fact the query keeps."""
    columns = tuple(query.columns)
    rows = tuple(
        Row(line.code, RowLevel.LINE, line.name, _shown(_amounts(query, facts, ctx, line.where)), columns=columns)
        for line in query.lines
    )
    total = Row("", RowLevel.TOTAL, query.total_name, _shown(_amounts(query, facts, ctx, Filter())), columns=columns)
    parts = [row.values for row in rows if row.code in query.total_parts]
    vertical = _tails_against(key, query.total_name, total.values, parts, columns) if parts else ()
    return Table(key, columns, rows, total, vertical + _horizontal_tails(key, (*rows, total), query))


def _amounts(query: QuerySpec, facts: Facts, ctx: Context, line: Filter) -> tuple[Decimal, ...]:
    """The exact amount of each column over the facts the line's filter keeps."""
    cells = [ZERO] * len(query.columns)
    for i, column in enumerate(query.columns.values()):
        if (found := _column(query, column, ctx, line)) is not None:
            book, keep = found
            cells[i] = sum((fact.amount for fact in facts.get(book, ()) if keep(fact)), ZERO)
    _add_sum_columns(query, cells)
    return tuple(cells)


def _add_sum_columns(query: QuerySpec, cells: list[Decimal]) -> None:
    """Fills in the `sum` columns of one row's exact amounts, each after its parts."""
    names = list(query.columns)
    for name in query.sum_order:
        cells[names.index(name)] = sum((cells[names.index(part)] for part in query.columns[name].sum or ()), ZERO)


# --- leaves: the exact amounts of each row of the last level ----------------------------------------------


def _leaves(query: QuerySpec, facts: Facts, ctx: Context) -> list[_Leaf]:
    leaf = _leaf_dimension(query)
    names = list(query.columns)
    by_book: dict[str, list[tuple[int, Callable[[Fact], bool]]]] = {}
    for i, column in enumerate(query.columns.values()):
        if (found := _column(query, column, ctx)) is not None:
            by_book.setdefault(found[0], []).append((i, found[1]))
    sums: dict[Any, list[Decimal]] = {}
    for book, keeps in by_book.items():
        for fact in facts.get(book, ()):
            key = leaf.key_of(fact)
            if key is None:
                continue
            cells = sums.setdefault(key, [ZERO] * len(names))
            for i, keep in keeps:
                if keep(fact):
                    cells[i] += fact.amount
    for cells in sums.values():
        _add_sum_columns(query, cells)
    result = []
    for key in leaf.universe(ctx, sums):
        exact = tuple(sums.get(key, [ZERO] * len(names)))
        if _kept(query.keep_rows, names, exact):
            result.append(_Leaf(key, {**leaf.known(key, ctx), "department": ctx.data.department.name}, exact))
    return result


def _kept(rule: str, names: list[str], exact: tuple[Decimal, ...]) -> bool:
    if rule == "all":
        return True
    if rule == "with_money":
        return any(exact)
    return exact[names.index(rule)] != ZERO


_PREFIXES = ("function", "economic")  # codes match by their leading digits
_ONE_OF = ("kind", "line")  # a list of values, any of which matches


def _column(
    query: QuerySpec, column: ColumnSpec, ctx: Context, line: Filter = Filter()
) -> tuple[str, Callable[[Fact], bool]] | None:
    """The book and the predicate of a filter column (the query's `where`, under a fixed line's, under the
    column's own); None for sum and blank columns."""
    if column.sum is not None or column.blank:
        return None
    wanted = {**query.where.constraints, **line.constraints, **column.constraints}
    book = wanted.pop("facts", None) or query.facts
    if wanted.get("carryover") == "by_rule":
        wanted.pop("carryover")
        if not ctx.rules.fiscal_tables_include_carryover:
            wanted["carryover"] = False
    return book, _predicate(wanted)


def _predicate(wanted: dict[str, Any]) -> Callable[[Fact], bool]:
    """True for a fact that matches every wanted dimension."""
    checks: list[Callable[[Fact], bool]] = []
    equal = [name for name in wanted if name not in _PREFIXES + _ONE_OF]
    if equal:
        same = attrgetter(*equal)
        expected = tuple(wanted[name] for name in equal) if len(equal) > 1 else wanted[equal[0]]
        checks.append(lambda fact: same(fact) == expected)
    for name in _PREFIXES:
        if name in wanted:
            checks.append(lambda fact, name=name, start=wanted[name]: (getattr(fact, name) or "").startswith(start))
    for name in _ONE_OF:
        if name in wanted:
            checks.append(lambda fact, name=name, values=wanted[name]: getattr(fact, name) in values)
    if len(checks) == 1:
        return checks[0]
    return lambda fact: all(check(fact) for check in checks)


@dataclass(frozen=True)
class _LeafDimension:
    """How facts find their row, which rows exist and in what order, what a row knows, and how it prints."""

    key_of: Callable[[Fact], Any]
    universe: Callable[[Context, dict], list]
    known: Callable[[Any, Context], dict[str, Any]]
    row: Callable[[Any, Context, tuple[Decimal, ...], tuple[str, ...]], Row]


def _project_row(name: str, ctx: Context, values: tuple[Decimal, ...], columns: tuple[str, ...]) -> Row:
    project = next(p for p in ctx.data.projects if p.name == name)
    code = project.function_code
    return Row(code, RowLevel.PROJECT, ctx.names.function_name(code) or "", values, ctx.published[name], columns)


def _project_known(name: str, ctx: Context) -> dict[str, Any]:
    project = next(p for p in ctx.data.projects if p.name == name)
    budget_unit = next((u.code for u in ctx.data.units if any(p.name == name for p in u.projects)), None)
    return {"function": project.function_code, "unit": project.unit, "kind": project.kind, "parent": project.parent,
            "budget_unit": budget_unit}


def _budget_unit_row(code: str, ctx: Context, values: tuple[Decimal, ...], columns: tuple[str, ...]) -> Row:
    return Row(code, RowLevel.UNIT, _budget_unit_name(code, ctx), values, columns=columns)


def _budget_unit_name(code: str, ctx: Context) -> str:
    return next(unit.name for unit in ctx.data.units if unit.code == code)


_LEAVES = {
    "function_item": _LeafDimension(
        lambda fact: fact.function, lambda ctx, sums: sorted(sums), lambda key, ctx: {"function": key},
        lambda key, ctx, values, columns: Row(key, RowLevel.ITEM, ctx.names.function_name(key) or key, values, columns=columns),
    ),
    "economic_item": _LeafDimension(
        lambda fact: fact.economic, lambda ctx, sums: sorted(sums), lambda key, ctx: {"economic": key},
        lambda key, ctx, values, columns: Row(key, RowLevel.ITEM, ctx.names.economic_name(key) or key, values, columns=columns),
    ),
    "project": _LeafDimension(
        lambda fact: fact.project, lambda ctx, sums: [p.name for p in ctx.data.projects], _project_known, _project_row,
    ),
    "item": _LeafDimension(
        lambda fact: fact.item, lambda ctx, sums: list(range(1, len(ctx.data.carryover_items) + 1)), lambda key, ctx: {},
        lambda key, ctx, values, columns: Row(
            str(key), RowLevel.ITEM, ctx.data.carryover_items[key - 1].name, values, columns=columns
        ),
    ),
    "budget_unit": _LeafDimension(
        lambda fact: fact.budget_unit, lambda ctx, sums: [unit.code for unit in ctx.data.units], lambda key, ctx: {},
        _budget_unit_row,
    ),
}


def _leaf_dimension(query: QuerySpec) -> _LeafDimension:
    """The rows' own dimension; under a budget-unit group, a row per unit and 项 (款, item): the same code in two
    units is two rows. A project is one unit's, so it needs no such split."""
    by = query.levels[-1].by
    leaf = _LEAVES[by]
    if by in ("budget_unit", "project") or all(level.by != "budget_unit" for level in query.levels):
        return leaf
    return _LeafDimension(
        lambda fact: None if fact.budget_unit is None or (key := leaf.key_of(fact)) is None else (fact.budget_unit, key),
        lambda ctx, sums: [
            (unit.code, key) for unit in ctx.data.units
            for key in leaf.universe(ctx, {key: cells for (code, key), cells in sums.items() if code == unit.code})
        ],
        lambda key, ctx: {**leaf.known(key[1], ctx), "budget_unit": key[0]},
        lambda key, ctx, values, columns: leaf.row(key[1], ctx, values, columns),
    )


# --- groups: the levels above the leaves, each with its subtotal row ---------------------------------------


@dataclass(frozen=True)
class _GroupDimension:
    """A group level: its key from what a leaf knows, whether groups sort by code, and its row."""

    key_of: Callable[[dict[str, Any]], str | None]  # None: the leaf is in no group of this level
    by_code: bool
    level: RowLevel
    name: Callable[[str, Context], str]
    coded: bool = True  # the row prints the group's code


def _function_name(code: str, ctx: Context) -> str:
    return ctx.names.function_name(code) or code


_GROUPS = {
    "function_class": _GroupDimension(lambda k: k["function"][:3], True, RowLevel.CLASS, _function_name),
    "function_section": _GroupDimension(lambda k: k["function"][:5], True, RowLevel.SECTION, _function_name),
    "function_item": _GroupDimension(lambda k: k["function"], True, RowLevel.ITEM, _function_name),
    "economic_class": _GroupDimension(
        lambda k: k["economic"][:3], True, RowLevel.CLASS, lambda code, ctx: ctx.names.economic_name(code) or code
    ),
    "economic_item": _GroupDimension(
        lambda k: k["economic"], True, RowLevel.ITEM, lambda code, ctx: ctx.names.economic_name(code) or code
    ),
    "unit": _GroupDimension(lambda k: k["unit"], False, RowLevel.UNIT, lambda unit, ctx: unit, coded=False),
    "department": _GroupDimension(lambda k: k["department"], False, RowLevel.UNIT, lambda name, ctx: name, coded=False),
    "budget_unit": _GroupDimension(lambda k: k["budget_unit"], False, RowLevel.UNIT, _budget_unit_name),
    "project_kind": _GroupDimension(lambda k: k["kind"], False, RowLevel.PROJECT_KIND, lambda name, ctx: name, coded=False),
    "parent_project": _GroupDimension(
        lambda k: k["parent"], False, RowLevel.PARENT_PROJECT, lambda name, ctx: name, coded=False
    ),
}


def _group(query: QuerySpec, leaves: list[_Leaf], depth: int, ctx: Context, columns: tuple[str, ...]) -> tuple[_Node, ...]:
    levels = query.levels
    level = levels[depth]
    if depth == len(levels) - 1:  # the leaves; not printed under rows by 类 or 款
        return tuple(_leaf_node(level.subtotal, _leaf_dimension(query).row, leaf, ctx, columns) for leaf in leaves)
    group = _GROUPS[level.by]
    members: dict[str | None, list[_Leaf]] = {}
    for leaf in leaves:
        members.setdefault(group.key_of(leaf.known), []).append(leaf)
    listed = ctx.class_rows if level.always else ()
    nodes = []
    for key in sorted(set(members) | set(listed)) if group.by_code else members:
        children = _group(query, members.get(key, []), depth + 1, ctx, columns)
        exact = _sum_exact([child.exact for child in children], len(columns))
        shown_leaves = _sum_exact([child.shown_leaves for child in children], len(columns))
        # a subtotal is the rounded exact sum, or (subtotals: shown) the sum of the shown rows under it
        values = shown_leaves if query.subtotals == "shown" else _shown(exact)
        shown = level.subtotal and key is not None  # leaves in no group (a project without 一级项目) stand alone
        row = Row(key if group.coded else "", group.level, group.name(key, ctx), values, columns=columns) if shown else None
        nodes.append(_Node(row, exact, shown_leaves, children))
    return tuple(nodes)


def _leaf_node(printed: bool, row: Callable, leaf: _Leaf, ctx: Context, columns: tuple[str, ...]) -> _Node:
    shown = _shown(leaf.exact)
    return _Node(row(leaf.key, ctx, shown, columns) if printed else None, leaf.exact, shown)


def _printed(nodes: Iterable[_Node]) -> Iterable[Row]:
    for node in nodes:
        if node.row is not None:
            yield node.row
        yield from _printed(node.children)


def _visible(nodes: Iterable[_Node]) -> Iterable[_Node]:
    """The nearest printed nodes: a hidden group stands for its children."""
    for node in nodes:
        if node.row is not None:
            yield node
        else:
            yield from _visible(node.children)


# --- sums and tails --------------------------------------------------------------------------------------------


def _sum_exact(rows: list[tuple[Decimal, ...]], width: int) -> tuple[Decimal, ...]:
    return tuple(sum(column, ZERO) for column in zip(*rows)) if rows else (ZERO,) * width


def _shown(values: tuple[Decimal, ...]) -> tuple[Decimal, ...]:
    return tuple(round_half_up(v) for v in values)


def _vertical_tails(
    key: str, nodes: tuple[_Node, ...], total_name: str, total: tuple[Decimal, ...], columns: tuple[str, ...]
) -> tuple[Tail, ...]:
    """Subtotals (and the total) whose shown value differs from the sum of the shown rows just under them."""
    tails: list[Tail] = []

    def compare(label: str, shown: tuple[Decimal, ...], children: Iterable[_Node]) -> None:
        printed = [child.row.values for child in _visible(children) if child.row]
        if printed:  # the lowest printed rows have no printed parts
            tails.extend(_tails_against(key, label, shown, printed, columns))

    def walk(level: Iterable[_Node]) -> None:
        for node in _visible(level):
            if node.children and node.row is not None:
                compare(node.row.code or "合计", node.row.values, node.children)
                walk(node.children)

    walk(nodes)
    compare(total_name, total, nodes)
    return tuple(tails)


def _tails_against(
    key: str, label: str, shown: tuple[Decimal, ...], parts: list[tuple[Decimal, ...]], columns: tuple[str, ...]
) -> tuple[Tail, ...]:
    """A shown row's values that differ from the sum of the shown rows it is made of."""
    added = _sum_exact(parts, len(columns))
    return tuple(Tail(key, label, column, s, p) for column, s, p in zip(columns, shown, added) if s != p)


def _horizontal_tails(key: str, rows: tuple[Row, ...], query: QuerySpec) -> tuple[Tail, ...]:
    """Rows where a column declared the sum of others differs from the sum of their shown values."""
    tails: list[Tail] = []
    for whole, parts in query.all_sums.items():
        for row in rows:
            parts_sum = sum((row.value(part) for part in parts), ZERO)
            if parts_sum != row.value(whole):
                label = query.total_name if row.level is RowLevel.TOTAL else row.code or "合计"
                tails.append(Tail(key, label, whole, row.value(whole), parts_sum))
    return tuple(tails)
