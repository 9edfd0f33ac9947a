"""The classification catalogue: 功能分类 and 经济分类 names by code, per budget year."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from types import MappingProxyType
from typing import Mapping

_HERE = files(__name__)  # the package data: one folder of code tables per year


@dataclass(frozen=True)
class Catalogue:
    """Names of classification codes for one budget year, plus a user's own additions."""

    year: int
    functional: Mapping[str, str]
    economic: Mapping[str, str]

    def function_name(self, code: str) -> str | None:
        """The name of a 功能分类 类 (3 digits), 款 (5) or 项 (7), or None if unknown."""
        return self.functional.get(code)

    def economic_name(self, code: str) -> str | None:
        """The name of an 经济分类 类 (3 digits) or 款 (5), or None if unknown."""
        return self.economic.get(code)

    def extended(self, extra: Mapping[str, str]) -> "Catalogue":
        """This catalogue with a user's extra codes: 7 digits or non-3xx codes are 功能分类."""
        if not extra:
            return self
        functional = dict(self.functional)
        economic = dict(self.economic)
        for code, name in extra.items():
            target = economic if code.startswith("3") and len(code) in (3, 5) else functional
            target[code] = name
        return Catalogue(self.year, _frozen(functional), _frozen(economic))


def available_years() -> list[int]:
    """The budget years the built-in catalogue covers."""
    return sorted(int(p.name) for p in _HERE.iterdir() if p.is_dir() and p.name.isdigit())


@cache
def builtin_catalogue(year: int) -> Catalogue:
    """The built-in catalogue for `year`, or for the nearest earlier year it covers."""
    years = [y for y in available_years() if y <= year] or available_years()[:1]
    folder = _HERE / str(years[-1])
    return Catalogue(
        year,
        _frozen(read_code_table(folder / "functional.tsv")),
        _frozen(read_code_table(folder / "economic.tsv")),
    )


def read_code_table(path: Traversable) -> dict[str, str]:
    """Reads a `CODE<TAB>NAME` file."""
    table: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            code, name = line.split("\t", 1)
            table[code.strip()] = name.strip()
    return table


def _frozen(table: dict[str, str]) -> Mapping[str, str]:
    return MappingProxyType(dict(sorted(table.items())))
