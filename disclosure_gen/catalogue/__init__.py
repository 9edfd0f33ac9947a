"""The classification catalogue: 功能分类 and 经济分类 names by code, per budget year."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from types import MappingProxyType
from typing import Mapping

_HERE = files(__name__)  # the package data: one folder of code tables per year
BASE_FILES = ("functional.tsv", "economic.tsv")
CHANGES_FILE = "changes.tsv"


@dataclass(frozen=True)
class Catalogue:
    """Names of classification codes for one budget year, plus a user's own additions."""

    year: int
    functional: Mapping[str, str]
    economic: Mapping[str, str]
    source_year: int | None = None

    @property
    def used_year(self) -> int:
        """The year whose built-in catalogue these names come from."""
        return self.year if self.source_year is None else self.source_year

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
            (economic if is_economic(code) else functional)[code] = name
        return replace(self, functional=_frozen(functional), economic=_frozen(economic))

    def title(self) -> str:
        """Which catalogue this is, in words; says so when it stands in for a year without one."""
        if self.used_year == self.year:
            return f"{self.year} 年分类目录"
        return f"{self.used_year} 年分类目录（内置目录没有 {self.year} 年的，用的是 {self.used_year} 年的）"

    def unknown_message(self, kind: str, code: str) -> str:
        """Says that `code` (a 功能分类款 and the like, named by `kind`) is missing, and how to add it."""
        return (
            f"{kind}「{code}」不在 {self.title()} 中；请核对编码。确是目录里没有的科目时，"
            f"在输入文件「补充科目」中照财政部《政府收支分类科目》原文写明名称，"
            f'如：补充科目: {{"{code}": 科目名称}}'
        )


def is_economic(code: str) -> bool:
    """True for an 经济分类 类 or 款 (3xx, 3xxxx); every other code is 功能分类."""
    return code.startswith("3") and len(code) in (3, 5)


def available_years() -> list[int]:
    """The budget years the built-in catalogue covers."""
    return sorted(int(p.name) for p in _HERE.iterdir() if p.is_dir() and p.name.isdigit())


def catalogue_year(year: int) -> int:
    """The built-in year used for `year`: itself, else the nearest earlier one, else the earliest."""
    years = available_years()
    return max((y for y in years if y <= year), default=years[0])


@cache
def builtin_catalogue(year: int) -> Catalogue:
    """The built-in catalogue for `year`, or for the nearest earlier year it covers."""
    used = catalogue_year(year)
    functional, economic = _year_tables(used)
    return Catalogue(year, _frozen(functional), _frozen(economic), used)


@cache
def _year_tables(year: int) -> tuple[dict[str, str], dict[str, str]]:
    """A built-in year's 功能分类 and 经济分类 tables: the base year's files, then each year's changes."""
    folder = _HERE / str(year)
    if all((folder / name).is_file() for name in BASE_FILES):
        return tuple(read_code_table(folder / name) for name in BASE_FILES)
    earlier = [y for y in available_years() if y < year]
    functional, economic = (dict(table) for table in _year_tables(earlier[-1]))
    for change in read_changes(folder / CHANGES_FILE):
        change.apply(economic if is_economic(change.code) else functional)
    return functional, economic


@dataclass(frozen=True)
class Change:
    """One line of a year's changes.tsv: a code added (+), renamed (=) or removed (-), with its source."""

    action: str
    code: str
    name: str
    source: str

    def apply(self, table: dict[str, str]) -> None:
        """Applies this change to the previous year's table."""
        if self.action == "-":
            table.pop(self.code, None)
        else:
            table[self.code] = self.name


def read_changes(path: Traversable) -> list[Change]:
    """Reads `ACTION<TAB>CODE<TAB>NAME<TAB>SOURCE` lines; every change must name its source."""
    changes = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = [field.strip() for field in line.split("\t")]
        if len(fields) != 4 or fields[0] not in ("+", "=", "-") or not all(fields[1:]):
            raise ValueError(f"{path}:{number}: 应为「动作<TAB>编码<TAB>名称<TAB>出处」四列")
        changes.append(Change(*fields))
    return changes


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
