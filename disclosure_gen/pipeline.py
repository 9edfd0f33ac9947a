"""The library API: prepare a department file (load, choose template, check, derive) in one call."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .catalogue import Catalogue, builtin_catalogue
from .checks import run_checks
from .derive import Figures, derive
from .load import FILE_CHECK, load_input
from .model import DisclosureInput
from .problems import Level, Problem, has_errors
from .templateset import (
    TemplateSet,
    TemplateError,
    default_template_name,
    load_template_set,
    search_folders,
)


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


def prepare(path: Path, templates: tuple[Path, ...] = (), defaults: dict | None = None, content: bytes | None = None) -> Prepared:
    """Loads, checks and derives one department file (or its bytes `content`); never raises for bad input.

    Template sets are looked up only in `templates` (the folders the operator chose) and the built-in folder.
    """
    loaded = load_input(path, defaults, content)
    if isinstance(loaded, list):
        return Prepared(path, None, None, None, tuple(loaded))
    data = loaded.data
    try:
        folders = search_folders(templates)
        name = data.department.template or default_template_name(data.department.year, folders)
        template = load_template_set(name, folders)
    except TemplateError as exc:
        problem = Problem(FILE_CHECK, Level.ERROR, loaded.source.locate(("部门", "模板")), str(exc))
        return Prepared(path, data, None, None, (problem,))
    names = catalogue_for(data, template)
    figures = derive(data, template, names)
    problems = tuple(run_checks(loaded, template, names, figures))
    return Prepared(path, data, template, None if has_errors(problems) else figures, problems)


def catalogue_for(data: DisclosureInput, template: TemplateSet) -> Catalogue:
    """The budget year's catalogue with the department's own extra codes."""
    return builtin_catalogue(data.department.year).extended(data.extra_codes)
