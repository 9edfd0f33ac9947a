"""The 2024 publication of 昌吉市人民政府办公室 against the figures derived from its transcription.

tests/published/changji-government-office-2024.yaml pins each figure the tool already derives as
printed to the seed line that prints it. The figures are derived here directly, so that a figure is
pinned even while a check would stop the file.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from disclosure_gen.derive import derive
from disclosure_gen.load import load_input
from disclosure_gen.pipeline import catalogue_for
from disclosure_gen.report import to_jsonable
from disclosure_gen.templateset import load_template_set

from ..conftest import EXAMPLES
from ..figure_paths import as_decimal, resolve
from .test_published_figures import _expectations, _numbers_on, _seed_lines

NAME = "changji-government-office-2024"
PINNED = [pytest.param(entry, id=entry["at"]) for entry in _expectations(NAME)["figures"]]


@pytest.fixture(scope="module")
def figures() -> dict:
    """The example's derived figures in their JSON form."""
    loaded = load_input(EXAMPLES / f"{NAME}.yaml")
    template = load_template_set(loaded.data.department.template)
    return to_jsonable(derive(loaded.data, template, catalogue_for(loaded.data, template)))


@pytest.mark.parametrize("entry", PINNED)
def test_pinned_figure_is_printed_on_its_seed_line(entry):
    line = _seed_lines(NAME)[entry["line"] - 1]
    assert Decimal(str(entry["value"])) in _numbers_on(line), f"seed line {entry['line']} does not print {entry['value']}: {line}"


@pytest.mark.parametrize("entry", PINNED)
def test_derived_figure_equals_published(entry, figures):
    assert as_decimal(resolve(figures, entry["at"])) == Decimal(str(entry["value"]))


def test_the_rounding_tails_of_the_publication_come_out_of_the_amounts_in_yuan(figures):
    """Shown parts and shown totals differ by the publication's cent, not by a sum of rounded parts."""
    tails = {(t["table"], t["row"], t["shown_total"], t["parts_sum"]) for t in figures["tails"]}
    assert {("t3", "20103", "838.59", "838.60"), ("t6", "301", "904.29", "904.30")} <= tails
    assert resolve(figures, "tables.t6.rows[30110].values.total") == "55.24"
    assert resolve(figures, "tables.t3.total.values.basic") == "1063.39"

