"""The derived figures equal every figure the two published Changji documents print.

Expectations live in tests/published/<example>.yaml; each names the seed line that prints it,
and the first test proves the line really does, so expectations cannot drift from the publication.
Figures the publication should print but left out are listed under `not_printed`.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
import yaml

from disclosure_gen.report import to_jsonable

from ..conftest import EXAMPLE_NAMES, ROOT, SEEDS
from ..figure_paths import as_decimal, resolve

_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")


def _expectations(name: str) -> dict:
    return yaml.safe_load((ROOT / "tests" / "published" / f"{name}.yaml").read_text(encoding="utf-8"))


def _seed_lines(name: str) -> list[str]:
    path = SEEDS / f"{name}.txt"
    if not path.is_file():
        pytest.fail(f"the published seed {path} is missing (tests/seeds/, or DISCLOSURE_GEN_SEEDS)")
    return path.read_text(encoding="utf-8").splitlines()


def _numbers_on(line: str) -> set[Decimal]:
    """Numbers a seed line prints: 1,133.31 is one number; numbers apart, or digits a space split, both count."""
    found = _NUMBER.findall(line) + _NUMBER.findall(line.replace(" ", ""))
    return {Decimal(n.replace(",", "")) for n in found}


def _cases(kind: str) -> list:
    return [
        pytest.param(name, entry, id=f"{name}:{entry['at']}")
        for name in EXAMPLE_NAMES
        for entry in _expectations(name)[kind]
    ]


@pytest.mark.parametrize("name, entry", _cases("figures") + _cases("published_errors"))
def test_expectation_is_printed_on_its_seed_line(name, entry):
    line = _seed_lines(name)[entry["line"] - 1]
    printed = Decimal(str(entry.get("published", entry.get("value"))))
    assert printed in _numbers_on(line), f"seed line {entry['line']} does not print {printed}: {line}"


@pytest.mark.parametrize("name, entry", _cases("figures"))
def test_derived_figure_equals_published(name, entry, prepared_examples):
    figures = to_jsonable(prepared_examples[name].figures)
    assert as_decimal(resolve(figures, entry["at"])) == Decimal(str(entry["value"]))


@pytest.mark.parametrize("name, entry", _cases("published_errors"))
def test_published_error_is_corrected(name, entry, prepared_examples):
    figures = to_jsonable(prepared_examples[name].figures)
    derived = as_decimal(resolve(figures, entry["at"]))
    assert derived == Decimal(str(entry["derived"]))
    assert derived != Decimal(str(entry["published"]))


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_every_share_change_and_total_is_covered(name, prepared_examples):
    """Each printed share, change and table total has an expectation (or a published error)."""
    data = _expectations(name)
    required = required_paths(prepared_examples[name].figures)
    omitted = {entry["at"] for entry in data.get("not_printed") or []}
    covered = {entry["at"] for entry in data["figures"] + data["published_errors"]}
    assert omitted <= required, f"not_printed entries that are not required figures: {sorted(omitted - required)}"
    assert not omitted & covered, "a figure cannot be both printed and not printed"
    missing = sorted(required - covered - omitted)
    assert not missing, f"figures without a published expectation: {missing}"


def required_paths(figures) -> set[str]:
    """The paths of every share, change and table total the document prints."""
    paths = {"income_total", "expenditure_total", "fiscal_total", "general_total", "basic_total", "personnel", "public"}
    for e in figures.income:
        if e.arranged:
            paths |= {f"income[{e.key}].amount", f"income[{e.key}].share", f"income[{e.key}].change.amount", f"income[{e.key}].change.rate"}
    for group in ("spending", "general_allocation"):
        for e in getattr(figures, group):
            paths |= {f"{group}[{e.key}].amount", f"{group}[{e.key}].change.amount", f"{group}[{e.key}].change.rate"}
            if group == "spending":
                paths.add(f"{group}[{e.key}].share")
    for c in figures.general_classes:
        paths |= {f"general_classes[{c.key}].amount", f"general_classes[{c.key}].share"}
    for i in figures.general_items:
        paths |= {f"general_items[{i.code}].amount", f"general_items[{i.code}].change.amount", f"general_items[{i.code}].change.rate"}
    for e in figures.three_public:
        paths |= {f"three_public[{e.key}].amount", f"three_public[{e.key}].change.amount", f"three_public[{e.key}].change.rate"}
    paths |= {"three_public_total.current", "three_public_total.amount", "three_public_total.rate"}
    paths |= {"running_costs.amount", "running_costs.change.amount", "running_costs.change.rate"}
    for key in figures.printed_tables:
        table = figures.tables[key]
        if table.rows:
            paths |= {f"tables.{key}.total.values.{column}" for column, value in zip(table.columns, table.total.values) if value}
    return paths
