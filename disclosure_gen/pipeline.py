"""The library API: prepare a department file (load, choose template, check, derive) in one call."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .catalogue import Catalogue, builtin_catalogue
from .checks import run_checks
from .derive import Figures, derive
from .errors import Location
from .load import FILE_CHECK, Loaded, load_input
from .model import BudgetUnit, DisclosureInput
from .model.consolidation import unit_index
from .model.paths import key_path
from .problems import Level, Problem, has_errors
from .unitfiles import Included
from .templateset import (
    TEMPLATE_CHECK,
    InvalidTemplateError,
    TemplateSet,
    TemplateError,
    default_template_name,
    load_template_set,
    search_folders,
)


UNITS_CHECK = "unit"


@dataclass(frozen=True)
class Prepared:
    """A checked department: its input, template, figures (None when errors block) and problems."""

    path: Path
    data: DisclosureInput | None
    template: TemplateSet | None
    figures: Figures | None
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        """True when nothing blocks rendering."""
        return self.figures is not None


def prepare(
    path: Path, templates: tuple[Path, ...] = (), defaults: dict | None = None, content: bytes | None = None,
    unit: str | None = None, included: Included | None = None,
) -> Prepared:
    """Loads, checks and derives one department file (or its bytes `content`, its unit files' `included`);
    never raises for bad input. `unit` (a 预算单位's 编码 or 名称): that unit's own disclosure instead.

    Template sets are looked up only in `templates` (the folders the operator chose) and the built-in folder.
    """
    loaded = load_input(path, defaults, content, included)
    if isinstance(loaded, list):
        return Prepared(path, None, None, None, tuple(loaded))
    if unit is not None:
        loaded = own_disclosure(loaded, unit)
        if isinstance(loaded, Problem):
            return Prepared(path, None, None, None, (loaded,))
    data = loaded.data
    try:
        folders = search_folders(templates)
        name = data.department.template or default_template_name(data.department.year, folders)
        template = load_template_set(name, folders)
    except TemplateError as exc:
        problem = _template_problem(exc, loaded.source.locate(key_path(DisclosureInput, "department", "template")))
        return Prepared(path, data, None, None, (problem,))
    names = catalogue_for(data, template)
    figures = derive(data, template, names)
    problems = tuple(run_checks(loaded, template, names, figures))
    return Prepared(path, data, template, None if has_errors(problems) else figures, problems)


def own_disclosure(loaded: Loaded, unit: str) -> Loaded | Problem:
    """The budget unit `unit` (编码 or 名称) as a department of its own, or why it cannot have its own disclosure."""
    units = key_path(DisclosureInput, "units")
    index = unit_index(loaded.data, unit)
    if index is None:
        known = "、".join(f"{u.code} {u.name}" for u in loaded.data.units) or "（没有列出预算单位）"
        return Problem(UNITS_CHECK, Level.ERROR, loaded.source.locate(units), f"没有编码或名称为「{unit}」的预算单位；本部门的单位：{known}")
    missing = [key_path(BudgetUnit, name)[0] for name in ("overview", "prior") if getattr(loaded.data.units[index], name) is None]
    if missing:
        return Problem(
            UNITS_CHECK, Level.ERROR, loaded.source.locate((*units, index)),
            f"单独公开本单位，须在本单位下填写「{'」「'.join(missing)}」（本单位自己的概况和上年预算数，不能沿用部门的）",
        )
    return loaded.unit(index)


def _template_problem(exc: TemplateError, choice: Location) -> Problem:
    """A set that cannot be found is the department's choice (its 部门.模板 line); a broken set is the set's own file."""
    if isinstance(exc, InvalidTemplateError):
        return template_problem(exc, choice)
    return Problem(FILE_CHECK, Level.ERROR, choice, str(exc))


def template_problem(exc: TemplateError, fallback: Location) -> Problem:
    """A broken set's problem, at the set's own file and line when known, else at `fallback`."""
    if exc.location:
        return Problem(TEMPLATE_CHECK, Level.ERROR, exc.location, exc.reason)
    return Problem(TEMPLATE_CHECK, Level.ERROR, fallback, str(exc))


def catalogue_for(data: DisclosureInput, template: TemplateSet) -> Catalogue:
    """The budget year's catalogue with the department's own extra codes."""
    return builtin_catalogue(data.department.year).extended(data.extra_codes)
