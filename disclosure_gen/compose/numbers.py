"""Number formatting: the one place a figure becomes text, per the template set's number style."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..money import round_half_up
from ..numerals import chinese_numeral
from ..templateset import NumberStyle

__all__ = ["Formatter", "chinese_numeral"]


@dataclass(frozen=True)
class Formatter:
    """Turns derived figures into the text the document prints."""

    style: NumberStyle

    def cell(self, amount: Decimal, zero_shown: bool = False) -> str:
        """A table amount: blank for zero (or 0.00 if `zero_shown`), else two decimals (or trailing zeros dropped, as the style says)."""
        if amount == 0:
            return self._fixed(amount) if zero_shown else ""
        return self._fixed(amount) if self.style.fixed_cell else self._trimmed(amount)

    def fixed(self, amount: Decimal) -> str:
        """An amount in a form: two decimals, zero as 0.00."""
        return self._fixed(amount)

    def amount(self, amount: Decimal) -> str:
        """An amount in running text."""
        return self._fixed(amount) if self.style.fixed_prose_amount else self._trimmed(amount)

    def percent(self, rate: Decimal) -> str:
        """A percentage without the % sign."""
        return self._fixed(rate, grouping=False) if self.style.fixed_percent else self._trimmed(rate, grouping=False)

    def _fixed(self, value: Decimal, grouping: bool = True) -> str:
        """Two decimals, rounded half up (四舍五入; Decimal's own formatting would round half to even)."""
        value = round_half_up(value)
        return f"{value:,.2f}" if self.style.thousands and grouping else f"{value:.2f}"

    def _trimmed(self, value: Decimal, grouping: bool = True) -> str:
        """Two decimals rounded half up, then the trailing zeros dropped: 536, 98.5, 14.1."""
        text = self._fixed(value, grouping)
        return text.rstrip("0").rstrip(".") if "." in text else text
