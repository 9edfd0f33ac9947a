"""Which input file owns each output: two files for one department and year are both refused."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .build import output_stem
from .errors import Location
from .load import load_input
from .problems import Level, Problem
from .unitfiles import Included

SAME_DEPARTMENT_CHECK = "same-department"
NAME_FIELD = ("部门", "名称")


@dataclass(frozen=True)
class Claim:
    """A file's claim on the outputs `<stem>.*`: its department, and the line where it names it."""

    file: Path
    department: str
    stem: str
    line: int | None


def claim_of(
    path: Path, defaults: dict[str, Any] | None = None, content: bytes | None = None, included: Included | None = None,
) -> Claim | None:
    """The outputs `path` (or its bytes `content`, its unit files' `included`) would write, or None when it cannot
    even be loaded (it writes nothing then)."""
    loaded = load_input(path, defaults, content, included)
    if isinstance(loaded, list):
        return None
    department = loaded.data.department
    return Claim(path, department.name, output_stem(department.name, department.year), loaded.source.line_of(NAME_FIELD))


def contested(claims: Iterable[Claim]) -> dict[Path, Problem]:
    """A problem for every file whose outputs another file claims too; neither may write them."""
    by_stem: dict[str, dict[Path, Claim]] = defaultdict(dict)
    for claim in claims:
        by_stem[claim.stem].setdefault(claim.file.resolve(), claim)  # one file named twice is one claim
    problems = {}
    for stem, by_file in by_stem.items():
        rivals = list(by_file.values())
        for claim in rivals if len(rivals) > 1 else ():
            others = "、".join(str(c.file) for c in rivals if c is not claim)
            message = f"与 {others} 是同一部门同一年度（输出都是 {stem}.*）：都不生成，请只保留其中一个文件"
            location = Location(claim.file, claim.line, ".".join(NAME_FIELD))
            problems[claim.file] = Problem(SAME_DEPARTMENT_CHECK, Level.ERROR, location, message)
    return problems
