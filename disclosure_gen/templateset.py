"""Template sets: a jurisdiction's rules, glossary and layout, found by name in template folders."""

from __future__ import annotations

from enum import Enum
from functools import cache
from pathlib import Path
import yaml
from pydantic import BaseModel, ConfigDict, Field

from .errors import DisclosureError

BUILTIN_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


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
    """Everything a jurisdiction's format decides, loaded from `<folder>/<name>/set.yaml`."""

    name: str
    title: str
    year: int
    rules: Rules = Field(default_factory=Rules)
    class_rows: tuple[str, ...]
    glossary: tuple[GlossaryTerm, ...]
    numbers: NumberStyle = Field(default_factory=NumberStyle)
    fonts: Fonts = Field(default_factory=Fonts)
    folder: Path | None = None


class UnknownTemplateError(DisclosureError):
    """No template set of that name exists in any template folder."""


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
    """Loads the named template set, searching the user's folder before the built-in one."""
    for folder in template_folders(user_folder):
        path = folder / name / "set.yaml"
        if path.is_file():
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            return TemplateSet.model_validate({**data, "folder": path.parent})
    known = sorted({p.parent.name for f in template_folders(user_folder) for p in f.glob("*/set.yaml")})
    raise UnknownTemplateError(f"找不到模板「{name}」；可用的模板：{'、'.join(known)}")
