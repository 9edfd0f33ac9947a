"""Checks: every problem of an input, each with an id, a level and a located Chinese message."""

from __future__ import annotations

from ..catalogue import Catalogue
from ..derive import Figures
from ..derive.ledger import build_ledger
from ..load import Loaded
from ..problems import Problem
from ..templateset import TemplateSet
from . import balances, carryover, codes, fonts, other, projects, reasons, required  # noqa: F401  (registers the checks)
from .base import Check, CheckContext
from .registry import CHECKS

__all__ = ["CHECKS", "Check", "run_checks"]


def run_checks(loaded: Loaded, template: TemplateSet, names: Catalogue, figures: Figures) -> list[Problem]:
    """Runs every check on a validated input and its derived figures; errors come first."""
    ctx = CheckContext(loaded.data, loaded.source, template, names, build_ledger(loaded.data), figures)
    problems = [problem for check in CHECKS for problem in check.run(ctx)]
    return sorted(problems, key=lambda p: (p.level.value != "error", p.location.line or 0))
