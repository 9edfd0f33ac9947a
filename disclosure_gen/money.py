"""Money and percentage arithmetic: Decimal only, rounded half up (四舍五入)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum

CENT = Decimal("0.01")
HUNDRED = Decimal(100)
ZERO = Decimal(0)
YUAN_PER_WAN = Decimal(10000)


class Unit(str, Enum):
    """The unit a file's amounts are written in."""

    WAN = "万元"
    YUAN = "元"

    @property
    def max_decimals(self) -> int:
        """How many decimal places an amount in this unit may carry."""
        return 2

    def to_wan(self, amount: Decimal) -> Decimal:
        """Converts an amount in this unit to 万元, exactly (no rounding)."""
        return amount if self is Unit.WAN else amount / YUAN_PER_WAN


def round_half_up(value: Decimal, step: Decimal = CENT) -> Decimal:
    """Rounds to `step` (0.01 by default) with 四舍五入, never banker's rounding."""
    return value.quantize(step, rounding=ROUND_HALF_UP)


def decimals_of(value: Decimal) -> int:
    """Counts the decimal places written in `value` (1.50 has 2, 3 has 0)."""
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def percent(part: Decimal, whole: Decimal) -> Decimal:
    """`part` as a percentage of `whole`, rounded half up to 0.01; 0 when the whole is 0."""
    if whole == ZERO:
        return round_half_up(ZERO)
    return round_half_up(part * HUNDRED / whole)


class Direction(str, Enum):
    """Which way a figure moved from last year (the value is what `figures --json` prints)."""

    UP = "up"
    DOWN = "down"
    SAME = "same"


@dataclass(frozen=True)
class Change:
    """A year-on-year change as the disclosure prints it: 增加/减少 A 万元，增长/下降 B%."""

    current: Decimal
    previous: Decimal
    amount: Decimal  # always >= 0; the direction says which way
    rate: Decimal  # always >= 0, in percent
    direction: Direction

    @property
    def amount_word(self) -> str:
        """增加 or 减少 (an unchanged figure reads 增加 0)."""
        return "减少" if self.direction is Direction.DOWN else "增加"

    @property
    def rate_word(self) -> str:
        """增长 or 下降 (an unchanged figure reads 增长 0%)."""
        return "下降" if self.direction is Direction.DOWN else "增长"


def change(current: Decimal, previous: Decimal) -> Change:
    """The change from `previous` to `current`, both as printed (rounded to 0.01).

    Conventions: last year 0 and this year not: 增长 100%; this year 0: 下降 100%;
    no change: 增加 0，增长 0%.
    """
    current, previous = round_half_up(current), round_half_up(previous)
    difference = current - previous
    if difference > ZERO:
        direction = Direction.UP
    elif difference < ZERO:
        direction = Direction.DOWN
    else:
        direction = Direction.SAME
    if previous == ZERO:
        rate = HUNDRED if current != ZERO else ZERO
    else:
        rate = abs(difference) * HUNDRED / previous
    return Change(current, previous, abs(difference), round_half_up(rate), direction)
