"""Money arithmetic: half-up rounding, shares and the year-on-year conventions of FORMAT.md."""

from decimal import Decimal as D

import pytest

from disclosure_gen.money import Direction, Unit, change, decimals_of, percent, round_half_up


@pytest.mark.parametrize("value, expected", [("2.675", "2.68"), ("0.005", "0.01"), ("0.125", "0.13"), ("1.994", "1.99")])
def test_rounding_is_half_up_not_bankers(value, expected):
    assert round_half_up(D(value)) == D(expected)


def test_percent_of_published_share():
    assert percent(D("1084.04"), D("1159.04")) == D("93.53")
    assert percent(D("1"), D("0")) == D("0.00")


def test_change_up_and_down():
    up = change(D("1159.04"), D("1091.81"))
    assert (up.amount, up.rate, up.amount_word, up.rate_word) == (D("67.23"), D("6.16"), "增加", "增长")
    down = change(D("578.54"), D("579.76"))
    assert (down.amount, down.rate, down.amount_word, down.rate_word) == (D("1.22"), D("0.21"), "减少", "下降")


def test_change_conventions_for_zero_and_unchanged():
    new = change(D("9"), D("0"))
    assert (new.rate, new.rate_word) == (D("100.00"), "增长")
    gone = change(D("0"), D("30"))
    assert (gone.amount, gone.rate, gone.rate_word) == (D("30.00"), D("100.00"), "下降")
    same = change(D("75"), D("75"))
    assert (same.amount, same.rate, same.amount_word, same.direction) == (D("0.00"), D("0.00"), "增加", Direction.SAME)
    nothing = change(D("0"), D("0"))
    assert nothing.rate == D("0.00")


def test_change_uses_shown_figures():
    """A change is computed from the rounded figures the reader sees, so the sentence adds up."""
    result = change(D("10.005"), D("5.004"))
    assert result.amount == D("10.01") - D("5.00")


def test_units_convert_exactly():
    assert Unit.YUAN.to_wan(D("11590400")) == D("1159.04")
    assert Unit.YUAN.to_wan(D("1")) == D("0.0001")
    assert decimals_of(D("1.50")) == 2 and decimals_of(D("3")) == 0


def test_figures_json_prints_each_direction_as_its_documented_word():
    import json

    from click.testing import CliRunner

    from disclosure_gen.cli import main

    from ..conftest import EXAMPLES

    result = CliRunner().invoke(main, ["figures", "--json", str(EXAMPLES / "changji-cpc-office-2023.yaml")])
    assert result.exit_code == 0, result.output
    directions = set()

    def walk(value):
        if isinstance(value, dict):
            if "direction" in value:
                directions.add(value["direction"])
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(json.loads(result.output))
    assert directions and directions <= {"up", "down", "same"} and "down" in directions
