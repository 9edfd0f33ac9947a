"""The derived tables: read by column name, and computed by one pivot engine from the set's declarations."""

from __future__ import annotations

import pytest

from disclosure_gen.derive.figures import RowLevel, UnknownColumnError
from disclosure_gen.pipeline import prepare

from .conftest import EXAMPLES


@pytest.fixture(scope="module")
def statistics_2024():
    """A 2024 department with projects in two units, carried-over items and 元 amounts."""
    return prepare(EXAMPLES / "changji-statistics-bureau-2024.yaml")


def test_a_column_is_read_by_its_name(statistics_2024):
    t6 = statistics_2024.figures.tables["t6"]
    assert t6.total_of("personnel") + t6.total_of("public") == t6.total_of("total")
    assert statistics_2024.figures.personnel == t6.total_of("personnel")
    row = next(r for r in t6.rows if r.level is RowLevel.ITEM and r.value("public"))
    assert row.named()["public"] == row.value("public") and row.value("personnel") == 0


def test_asking_for_a_column_the_table_does_not_have_names_it_and_the_table(statistics_2024):
    """A column renamed in one place only fails at once, saying which name is missing and what exists."""
    t6 = statistics_2024.figures.tables["t6"]
    with pytest.raises(UnknownColumnError, match="表「t6」没有列「personel」；可用的有：total、personnel、public"):
        t6.total_of("personel")
    with pytest.raises(UnknownColumnError, match="没有列「basic」"):
        t6.rows[0].value("basic")


def test_row_levels_are_an_enum_that_templates_name_by_value(statistics_2024):
    rows = statistics_2024.figures.tables["t7_grouped"].rows
    assert {r.level for r in rows} <= set(RowLevel)
    assert rows[0].level is RowLevel.UNIT and rows[0].level == "unit"
    assert statistics_2024.figures.tables["t3"].total.level is RowLevel.TOTAL
