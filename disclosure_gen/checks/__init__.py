"""Checks: every problem of an input, each with an id, a level and a located Chinese message."""

from __future__ import annotations

from ..catalogue import Catalogue
from ..derive import Figures, derive
from ..derive.ledger import build_ledger
from ..load import Loaded
from ..problems import Problem
from ..templateset import TemplateSet
from . import balances, carryover, codes, fonts, other, projects, reasons, required  # noqa: F401  (registers the checks)
from .base import Check, CheckContext
from .registry import CHECKS

__all__ = ["CHECKS", "Check", "run_checks"]


def run_checks(loaded: Loaded, template: TemplateSet, names: Catalogue, figures: Figures) -> list[Problem]:
    """Runs every check on a validated input and its derived figures (the per-unit checks on each of
    several budget units); errors come first."""
    ctx = _context(loaded, template, names, figures)
    units = loaded.data.units
    each_unit = [ctx] if len(units) < 2 else [
        _context(unit, template, names, derive(unit.data, template, names)) for unit in map(loaded.unit, range(len(units)))
    ]
    problems = [problem for check in CHECKS if not check.per_unit for problem in check.run(ctx)]
    problems += [problem for unit in each_unit for check in CHECKS if check.per_unit for problem in check.run(unit)]
    return sorted(problems, key=lambda p: (p.level.value != "error", str(p.location.file), p.location.line or 0))


def _context(loaded: Loaded, template: TemplateSet, names: Catalogue, figures: Figures) -> CheckContext:
    return CheckContext(loaded.data, loaded.source, template, names, build_ledger(loaded.data), figures)
