"""Template sets: a jurisdiction's rules, glossary and layout, found by name in template folders."""

from __future__ import annotations

from enum import Enum
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .errors import DisclosureError
from .resources import builtin_templates
from .tablespec import TableSpec

BUILTIN_TEMPLATES = builtin_templates()


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
    carryover_items_required: bool = False  # 上年结转结余 must be itemised (表 11)
    staff_total_check: CheckLevel = CheckLevel.WARNING
    fiscal_tables_include_carryover: bool = True
    income_general_includes_transfer: bool = True
    personnel_economic_classes: tuple[str, ...] = ("301", "303")
    personnel_ties: dict[str, tuple[str, ...]] = Field(default_factory=dict)


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
    fonts: Fonts = Field(default_factory=Fonts)
    tables: dict[str, TableSpec] = Field(default_factory=dict)
    folders: tuple[Path, ...] = ()  # this set's folder, then its base's, and so on

    def printed_tables(self) -> tuple[str, ...]:
        """The keys of the derived tables this set's table definitions print."""
        return tuple(dict.fromkeys(source for spec in self.tables.values() for source in spec.sources))

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
    """A template set cannot be used."""


class UnknownTemplateError(TemplateError):
    """No template set of that name exists in any template folder."""


class InvalidTemplateError(TemplateError):
    """A template set's definition files are wrong (a template author's mistake, not the user's)."""


def template_folders(user_folder: Path | None = None) -> list[Path]:
    """Where template sets are searched: the user's folder first, then the built-in one."""
    return ([user_folder] if user_folder else []) + [BUILTIN_TEMPLATES]


def default_template_name(year: int, folders: list[Path]) -> str:
    """The template set for a budget year: the latest default whose year is not after it."""
    defaults: dict[int, str] = {}
    for folder in reversed(folders):
        path = folder / "defaults.yaml"
        if path.is_file():
            defaults.update(yaml.safe_load(path.read_text(encoding="utf-8")) or {})
    eligible = [y for y in defaults if y <= year] or sorted(defaults)[:1]
    if not eligible:
        raise UnknownTemplateError("没有任何默认模板")
    return defaults[max(eligible)]


@cache
def load_template_set(name: str, user_folder: Path | None = None) -> TemplateSet:
    """Loads the named template set and its bases, searching the user's folder before the built-in one."""
    data, tables, folders = _resolve(name, template_folders(user_folder), ())
    try:
        return TemplateSet.model_validate({**data, "tables": tables, "folders": folders})
    except ValidationError as exc:
        details = "；".join(f"{'.'.join(map(str, e['loc']))}：{e['msg']}" for e in exc.errors())
        raise InvalidTemplateError(f"模板「{name}」的定义有误：{details}") from exc


def _resolve(name: str, search: list[Path], chain: tuple[str, ...]) -> tuple[dict, dict, tuple[Path, ...]]:
    """The set's merged set.yaml, merged table definitions and folder chain."""
    if name in chain:
        raise InvalidTemplateError(f"模板的 base 形成循环：{' → '.join((*chain, name))}")
    folder = _find(name, search)
    data = _read_yaml(folder / "set.yaml")
    tables = _read_yaml(folder / "tables.yaml") if (folder / "tables.yaml").is_file() else {}
    if not data.get("base"):
        return data, tables, (folder,)
    base_data, base_tables, base_folders = _resolve(data["base"], search, (*chain, name))
    return _merged(base_data, data), {**base_tables, **tables}, (folder, *base_folders)


def _find(name: str, search: list[Path]) -> Path:
    for folder in search:
        if (folder / name / "set.yaml").is_file():
            return folder / name
    known = sorted({p.parent.name for f in search for p in f.glob("*/set.yaml")})
    raise UnknownTemplateError(f"找不到模板「{name}」；可用的模板：{'、'.join(known)}")


def _read_yaml(path: Path) -> dict:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise InvalidTemplateError(f"{path} 不是有效的 YAML：{exc}") from exc
    if not isinstance(data, dict):
        raise InvalidTemplateError(f"{path} 应是键值对")
    return data


def _merged(base: dict[str, Any], own: dict[str, Any]) -> dict[str, Any]:
    """`own` over `base`: mappings merge key by key, anything else is replaced."""
    result = dict(base)
    for key, value in own.items():
        result[key] = _merged(base[key], value) if isinstance(value, dict) and isinstance(base.get(key), dict) else value
    return result
