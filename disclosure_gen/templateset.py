"""Template sets: a jurisdiction's rules, glossary and layout, found by name in template folders."""

from __future__ import annotations

import re
from collections.abc import Iterable
from enum import Enum
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from .errors import DisclosureError, InputFileError, Location
from .formspec import DepartmentForm, ProjectForm
from .load import error_message
from .model import DisclosureInput
from .model.fieldpath import resolve
from .resources import builtin_templates
from .tablespec import READ_BY_NAME, READ_LINES, ChangeSpec, QuerySpec, ShareSpec, TableSpec, unknown_cell
from .yamlsource import line_of_key, load_plain_yaml

BUILTIN_TEMPLATES = builtin_templates()
TEMPLATE_NAME = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")  # like the shipped changji-2023: a name, never a path
TEMPLATE_CHECK = "template"  # the check id of a problem in a template set (not in the department's file)
NAME_RULE = "模板名只能由小写英文字母、数字和连字符（-）组成，以字母或数字开头，最长 64 个字符（如 changji-2024），不能是路径"


class CheckLevel(str, Enum):
    """How a rule-dependent check reports: as an error, a warning, or not at all."""

    ERROR = "error"
    WARNING = "warning"
    OFF = "off"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class NumberStyle(_Strict):
    """How a template set prints numbers."""

    thousands: bool = False  # 1,133.31
    fixed_percent: bool = False  # 0.00%, 100.00% (else trailing zeros dropped: 0%, 6.1%)
    fixed_prose_amount: bool = False  # 75.00 万元 in text (else 75 万元)
    fixed_cell: bool = True  # 500.00 in a table cell (else 500, as Bayingol's 绩效目标表 prints it)


class PartPlace(str, Enum):
    """Where a part of the disclosure is published."""

    PRINTED = "printed"  # in the disclosure
    APART = "apart"  # in a document of its own beside it (only the tables)
    OMITTED = "omitted"  # nowhere


class Parts(_Strict):
    """The four parts of the disclosure and where each is published; the 目录 follows what is printed."""

    overview: PartPlace = PartPlace.PRINTED  # 第一部分 部门概况
    tables: PartPlace = PartPlace.PRINTED  # 第二部分 预算公开表
    explanation: PartPlace = PartPlace.PRINTED  # 第三部分 部门预算情况说明
    glossary: PartPlace = PartPlace.PRINTED  # 第四部分 名词解释

    @model_validator(mode="after")
    def _only_tables_apart(self) -> "Parts":
        apart = [name for name, place in self if place is PartPlace.APART and name != "tables"]
        if apart:
            raise ValueError(f"只有 tables（预算公开表）可以另行公开（apart），不能是 {'、'.join(apart)}")
        return self

    @property
    def tables_apart(self) -> bool:
        """True when the tables go out as a document of their own."""
        return self.tables is PartPlace.APART

    def shown(self, apart: bool) -> dict[str, bool]:
        """Which parts a document prints: the disclosure's printed parts, or (apart) the parts published apart."""
        wanted = PartPlace.APART if apart else PartPlace.PRINTED
        return {name: place is wanted for name, place in self}


class Fonts(_Strict):
    """Font faces by role; official names by default, since government PCs have them."""

    title: str = "方正小标宋简体"
    heading: str = "黑体"
    kai: str = "楷体_GB2312"
    body: str = "仿宋_GB2312"
    table: str = "宋体"
    latin: str = "Times New Roman"
    fallbacks: dict[str, tuple[str, ...]] = Field(default_factory=dict)  # role → free faces for the PDF

    def stack(self, role: str) -> tuple[str, ...]:
        """The faces to try for a role, official first, then the free fallbacks."""
        return (getattr(self, role), *self.fallbacks.get(role, ()))


class Rules(_Strict):
    """The jurisdiction's rules that change figures or checks."""

    performance_weight_total: int = 90
    department_performance_weight_total: int = 100
    department_performance_required: bool = False  # 部门整体绩效目标表 is part of the format
    performance_empty_levels: bool = True  # 项目绩效目标表 prints every 二级指标, an empty row where none is entered
    carryover_items_required: bool = False  # 上年结转结余 must be itemised (表 11)
    change_reasons_required: bool = False  # every 比上年 change needs its reason (the text prints 主要原因是…)
    staff_total_check: CheckLevel = CheckLevel.WARNING
    fiscal_tables_include_carryover: bool = True
    income_general_includes_transfer: bool = True
    equipment_thresholds: tuple[int, ...] = (50, 100)  # 大型设备 counts printed: unit value over each, in 万元
    personnel_economic_classes: tuple[str, ...] = ("301", "303")
    personnel_ties: dict[str, tuple[str, ...]] = Field(default_factory=dict)


class PerformanceForm(_Strict):
    """The performance forms: whether they print a zero amount, the 项目支出绩效目标表 and 部门整体绩效目标表 as declared."""

    zero_shown: bool = False  # 其他资金 0 printed 0.00 (else blank)
    project: ProjectForm  # the 项目支出绩效目标表 (docs/templates.md「绩效目标表」)
    department: DepartmentForm | None = None  # the 部门整体绩效目标表, for a set whose text prints one


class Requirement(_Strict):
    """A field the set's documents print, so an input must fill it; `unless` names a field beside it that waives it."""

    reason: str = Field(min_length=1)  # shown to the user: why the set needs the field
    unless: str | None = None  # e.g. 涉密: not required where that field is filled (true)


class GlossaryTerm(_Strict):
    """One term of 第四部分 名词解释."""

    term: str
    text: str


class TemplateSet(_Strict):
    """Everything a jurisdiction's format decides, loaded from `<folder>/<name>/set.yaml`.

    A set may name a `base` set: its set.yaml and tables.yaml are merged over the base's, and a
    file it does not have (text, HTML, DOCX reference) is taken from the base.
    """

    name: str
    title: str
    year: int
    base: str | None = None
    rules: Rules = Field(default_factory=Rules)
    class_rows: tuple[str, ...]
    glossary: tuple[GlossaryTerm, ...]
    numbers: NumberStyle = Field(default_factory=NumberStyle)
    parts: Parts = Field(default_factory=Parts)
    fonts: Fonts = Field(default_factory=Fonts)
    performance_form: PerformanceForm
    tables: dict[str, TableSpec] = Field(default_factory=dict)
    requires: dict[str, Requirement | None] = Field(default_factory=dict)  # field path → requirement; null drops a base's
    queries: dict[str, QuerySpec] = Field(default_factory=dict)  # derived tables: the built-in ones, then the set's
    shares: dict[str, ShareSpec] = Field(default_factory=dict)  # shares the text templates ask for by name
    changes: dict[str, ChangeSpec] = Field(default_factory=dict)  # changes against last year, by name
    folders: tuple[Path, ...] = ()  # this set's folder, then its base's, and so on

    def printed_tables(self) -> tuple[str, ...]:
        """The keys of the derived tables this set's table definitions print."""
        return tuple(dict.fromkeys(source for spec in self.tables.values() for source in spec.sources))

    def required_fields(self) -> dict[str, Requirement]:
        """The fields this set requires (its own and its bases', less those it dropped), by field path."""
        return {path: requirement for path, requirement in self.requires.items() if requirement is not None}

    def file(self, relative: str) -> Path:
        """The set's file at `relative`, from its own folder or else from its bases'."""
        for folder in self.folders:
            if (folder / relative).is_file():
                return folder / relative
        raise InvalidTemplateError(f"模板「{self.name}」缺少文件 {relative}")

    def subfolders(self, relative: str) -> list[Path]:
        """The existing `relative` folders of this set and its bases, own first."""
        return [folder / relative for folder in self.folders if (folder / relative).is_dir()]


class TemplateError(DisclosureError):
    """A template set cannot be used; `location` is the set's file and line at fault, when known."""

    def __init__(self, reason: str, location: Location | None = None):
        super().__init__(f"{location}：{reason}" if location else reason)
        self.reason = reason  # what is wrong, without where
        self.location = location


class UnknownTemplateError(TemplateError):
    """No template set of that name exists in any template folder."""


class InvalidTemplateError(TemplateError):
    """A template set's definition files are wrong (a template author's mistake, not the user's)."""


def is_template_name(name: object) -> bool:
    """True for a plain set name (see NAME_RULE); a path never is one."""
    return isinstance(name, str) and TEMPLATE_NAME.fullmatch(name) is not None


def search_folders(chosen: Iterable[Path] = ()) -> tuple[Path, ...]:
    """Where template sets are searched: the folders the operator chose, in order, then the built-in one."""
    return (*chosen, BUILTIN_TEMPLATES)


def default_template_name(year: int, folders: tuple[Path, ...]) -> str:
    """The template set for a budget year: the latest default whose year is not after it."""
    defaults: dict[int, str] = {}
    for folder in reversed(folders):
        path = folder / "defaults.yaml"
        if path.is_file():
            defaults.update(_read_yaml(path))
    eligible = [y for y in defaults if y <= year] or sorted(defaults)[:1]
    if not eligible:
        raise UnknownTemplateError("没有任何默认模板")
    return defaults[max(eligible)]


@cache
def load_template_set(name: str, folders: tuple[Path, ...] = search_folders()) -> TemplateSet:
    """Loads the named template set and its bases, searching only `folders` (see `search_folders`)."""
    _check_name(name, folders, "模板名")
    data, tables, defined, chain = _resolve(name, folders, ())
    queries = {**builtin_queries(), **{key: spec for key, (_, spec) in defined["query"].items()}}
    cells = {"shares": ("part", "of"), "changes": ("current",)}
    for section, sides in cells.items():
        for key, (path, spec) in defined[section].items():
            for side in sides:
                if (problem := unknown_cell(getattr(spec, side), queries)) is not None:
                    where = Location(path, line_of_key(path, (section, key, side)), f"{section}.{key}.{side}")
                    raise InvalidTemplateError(f"{section}.{key}.{side}「{getattr(spec, side)}」：{problem}", where)
    named = {section: {key: spec for key, (_, spec) in defined[section].items()} for section in cells}
    try:
        found = TemplateSet.model_validate(
            {**data, "tables": tables, "queries": queries, **named, "folders": chain}
        )
    except ValidationError as exc:
        (first, reason), *others = [_located(error, chain) for error in exc.errors()]
        more = "".join(f"；{where}：{message}" for where, message in others)
        raise InvalidTemplateError(f"模板「{name}」的定义有误：{reason}{more}", first) from None
    _check_sources(found)
    return found


def _located(error: Any, chain: tuple[Path, ...]) -> tuple[Location, str]:
    """Where in the set's own files a definition error lies, and what it is (a retired key says how to update)."""
    loc = tuple(error["loc"])
    if error["type"] != "extra_forbidden":
        return _location(loc, chain), error_message(error)
    retired = _RETIRED.get(loc[-2:])
    return _location(loc, chain), retired or f"没有「{loc[-1]}」这一项（可用的键见 docs/templates.md）"


_RETIRED = {
    ("performance_form", key): f"「{key}」已不再使用：项目支出绩效目标表「项目资金」一行的字样现在直接写在 performance_form.project.header "
    "的单元格中（见 docs/templates.md「绩效目标表」）；请删去这一项，需要改字样时在 header 中改写"
    for key in ("funds", "budget_total", "fiscal", "other")
}


def _location(loc: tuple, chain: tuple[Path, ...]) -> Location:
    """The file (set.yaml, or tables.yaml for tables.*; own set first, then its bases) and line of a definition key."""
    file_name, keys = ("tables.yaml", loc[1:]) if loc[:1] == ("tables",) else ("set.yaml", loc)
    files = [folder / file_name for folder in chain if (folder / file_name).is_file()]
    path = next((f for f in files if line_of_key(f, keys[:1]) is not None), files[0] if files else chain[0] / file_name)
    line = line_of_key(path, keys) if path.is_file() else None
    return Location(path, line, ".".join(map(str, keys)))


def _check_sources(found: TemplateSet) -> None:
    """Every table prints a declared query, and only columns that query has; a mistake names the tables.yaml line."""
    for key, spec in found.tables.items():
        for source in spec.sources:
            if source not in found.queries:
                raise InvalidTemplateError(
                    f"模板「{found.name}」tables.yaml 中表 {key} 的 source「{source}」不是已声明的派生表；"
                    f"可用的有：{'、'.join(found.queries)}（自己的表请在 tables.yaml 的 query 中声明）",
                    _location(("tables", key, "source"), found.folders),
                )
        for reference in spec.references:
            if (problem := unknown_cell(reference, found.queries)) is not None:
                raise InvalidTemplateError(f"模板「{found.name}」tables.yaml 中表 {key} 的 footer「{reference}」：{problem}",
                                           _location(("tables", key, "footer"), found.folders))
        picked = spec.values_source
        unknown = [v for v in spec.values or () if picked and v not in found.queries[picked].columns]
        if unknown:
            raise InvalidTemplateError(
                f"模板「{found.name}」tables.yaml 中表 {key} 的 values 有 {'、'.join(unknown)}，而「{picked}」"
                f"没有这些列；它的列有：{'、'.join(found.queries[picked].columns)}",
                _location(("tables", key, "values"), found.folders),
            )


@cache
def builtin_queries() -> dict[str, QuerySpec]:
    """The derived tables every set can name (t2 … t11_grouped): the built-in changji-2023's queries."""
    path = BUILTIN_TEMPLATES / "changji-2023" / "tables.yaml"
    return {key: spec for key, (_, spec) in _defined(path, "query", _read_yaml(path).get("query")).items()}


Defined = dict[str, dict[str, tuple[Path, Any]]]  # query / shares / changes → name → (its tables.yaml, its spec)
_SECTIONS: dict[str, type[BaseModel]] = {"query": QuerySpec, "shares": ShareSpec, "changes": ChangeSpec}


def _resolve(name: str, search: tuple[Path, ...], chain: tuple[str, ...]) -> tuple[dict, dict, Defined, tuple[Path, ...]]:
    """The set's merged set.yaml, table definitions, queries and shares (each merged by name), and folder chain."""
    folder = _find(name, search)
    data = _read_yaml(folder / "set.yaml")
    _check_requirements(folder / "set.yaml", data)
    path = folder / "tables.yaml"
    tables = _read_yaml(path) if path.is_file() else {}
    defined = {section: _defined(path, section, tables.pop(section, None)) for section in _SECTIONS}
    if not data.get("base"):
        return data, tables, defined, (folder,)
    _check_base(data["base"], folder / "set.yaml", search, (*chain, name))
    base_data, base_tables, base_defined, base_folders = _resolve(data["base"], search, (*chain, name))
    merged = {section: {**base_defined[section], **defined[section]} for section in _SECTIONS}
    return _merged(base_data, data), {**base_tables, **tables}, merged, (folder, *base_folders)


def _defined(path: Path, section: str, declared: object) -> dict[str, tuple[Path, Any]]:
    """The `query:` or `shares:` section of a tables.yaml, each entry checked; a mistake names the file and the key."""
    if declared is None:
        return {}
    if not isinstance(declared, dict):
        raise InvalidTemplateError(f"{section} 应是「名字: 定义」的键值对", Location(path, line_of_key(path, (section,)), section))
    result = {}
    for key, spec in declared.items():
        try:
            result[str(key)] = (path, _SECTIONS[section].model_validate(spec))
        except ValidationError as exc:
            details = "；".join(_query_error(f"{section}.{key}", e) for e in exc.errors())
            where = Location(path, line_of_key(path, (section, str(key), *exc.errors()[0]["loc"])), f"{section}.{key}")
            raise InvalidTemplateError(f"{section} 有误：{details}（写法见 docs/templates.md「派生表的查询」）", where) from None
        if section == "query":
            _keeps_what_is_read(path, str(key), result[str(key)][1])
    return result


def _keeps_what_is_read(path: Path, key: str, query: QuerySpec) -> None:
    """A set replacing a built-in query keeps the columns and lines the explanation sections and checks read."""
    for what, names, has in (("列", READ_BY_NAME, set(query.columns)), ("行", READ_LINES, {line.code for line in query.lines})):
        missing = [name for name in names.get(key, ()) if name not in has]
        if missing:
            raise InvalidTemplateError(
                f"查询 query.{key} 缺少{what} {'、'.join(missing)}：第三部分的说明和检查按名字读这些{what}，"
                f"替换内置的 {key} 时须保留（见 docs/templates.md「派生表的查询」）",
                Location(path, line_of_key(path, ("query", key)), f"query.{key}"),
            )


_PYDANTIC_WORDS = {
    "extra_forbidden": "不认识的键",
    "missing": "缺少此项",
    "dict_type": "应是键值对",
    "bool_type": "应是 true 或 false",
    "bool_parsing": "应是 true 或 false",
    "string_type": "应是文字",
    "tuple_type": "应是列表",
    "model_type": "应是键值对",
}


def _query_error(key: str, error: Any) -> str:
    """One validation error of a query or share, in Chinese, at its key path (query.t5.columns.basic.kind)."""
    where = ".".join(str(part) for part in (key, *error["loc"]) if not str(part).startswith("function-"))
    kind = error["type"]
    if kind == "literal_error":
        message = f"应是 {error['ctx']['expected']} 之一，而不是「{_shown(error['input'])}」"
    elif kind == "value_error":
        message = str(error["ctx"]["error"])
    else:
        message = _PYDANTIC_WORDS.get(kind, error["msg"])
    return f"{where}：{message}"


def _check_base(base: object, set_file: Path, search: tuple[Path, ...], chain: tuple[str, ...]) -> None:
    """Refuses a base that is not a set name, cannot be found or closes a loop, at the set.yaml's `base` line."""
    where = Location(set_file, line_of_key(set_file, ("base",)), "base")
    if base in chain:
        raise InvalidTemplateError(f"模板的 base 形成循环：{' → '.join((*chain, str(base)))}", where)
    try:
        _check_name(base, search, f"{set_file} 中的 base")
        _find(str(base), search)
    except UnknownTemplateError as exc:
        raise InvalidTemplateError(exc.reason, where) from None


def _check_requirements(path: Path, data: dict) -> None:
    """Every field path a set.yaml's `requires` names (and each `unless`) is a field of the input model."""
    requires = data.get("requires") or {}
    if not isinstance(requires, dict):
        where = Location(path, line_of_key(path, ("requires",)), "requires")
        raise InvalidTemplateError("requires 应是键值对：字段路径: {reason: 原因, unless: 字段}", where)
    for key, requirement in requires.items():
        try:
            found = resolve(str(key), DisclosureInput)
            if isinstance(requirement, dict) and requirement.get("unless"):
                found.sibling(str(requirement["unless"]), DisclosureInput)
        except ValueError as exc:
            where = Location(path, line_of_key(path, ("requires", str(key))), f"requires.{key}")
            raise InvalidTemplateError(f"requires 的「{key}」有误：{exc}", where) from None


def _check_name(name: object, search: tuple[Path, ...], subject: str) -> None:
    """Refuses anything but a plain set name: a path would load a set from anywhere on disk."""
    if not is_template_name(name):
        raise UnknownTemplateError(f"{subject}「{_shown(name)}」不可用：{NAME_RULE}；可用的模板：{_known(search)}")


def _find(name: str, search: tuple[Path, ...]) -> Path:
    for folder in search:
        if (folder / name / "set.yaml").is_file():
            return folder / name
    raise UnknownTemplateError(f"找不到模板「{name}」；可用的模板：{_known(search)}")


def _known(search: tuple[Path, ...]) -> str:
    """The set names found in the search folders, for a message."""
    return "、".join(sorted({p.parent.name for f in search for p in f.glob("*/set.yaml") if is_template_name(p.parent.name)}))


def _shown(value: object) -> str:
    """A value as printable text of bounded length (control characters such as NUL escaped)."""
    text = "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in str(value))
    return text if len(text) <= 80 else text[:80] + "…"


def _read_yaml(path: Path) -> dict:
    try:
        data = load_plain_yaml(path) or {}
    except InputFileError as exc:
        raise InvalidTemplateError(f"模板文件 {exc}", exc.location) from None
    if not isinstance(data, dict):
        raise InvalidTemplateError(f"{path} 应是键值对", Location(path, None, ""))
    return data


def _merged(base: dict[str, Any], own: dict[str, Any]) -> dict[str, Any]:
    """`own` over `base`: mappings merge key by key, anything else is replaced."""
    result = dict(base)
    for key, value in own.items():
        result[key] = _merged(base[key], value) if isinstance(value, dict) and isinstance(base.get(key), dict) else value
    return result
