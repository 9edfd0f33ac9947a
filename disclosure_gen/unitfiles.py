"""Unit files: a department's 预算单位 written in files of their own, read only from inside its folder."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path, PurePosixPath
from typing import Any

from .errors import InputFileError
from .problems import Level, Problem
from .yamlsource import SourceMap, read_limited, read_yaml

FILE_CHECK = "file"
UNITS_KEY = "预算单位"
FILE_KEY = "文件"
MONEY_UNIT_KEY = "单位"
# The unit files' bytes by the name the department's file gives them, or why one cannot be read (a batch
# reads them where the department's file is and sends them with it, so a worker never opens a file).
Included = Mapping[str, bytes | str]


def referenced(raw: Any) -> Iterator[tuple[int, Any]]:
    """(position, name) of each 预算单位 entry written as 「文件: …」."""
    units = raw.get(UNITS_KEY) if isinstance(raw, dict) else None
    for index, unit in enumerate(units if isinstance(units, list) else ()):
        if isinstance(unit, dict) and FILE_KEY in unit:
            yield index, unit[FILE_KEY]


def included_files(department: Path, content: bytes) -> dict[str, bytes | str]:
    """The unit files the department file's bytes name, read as loading it would; {} when it names none or is no YAML."""
    if FILE_KEY.encode() not in content:
        return {}
    try:
        raw, _ = read_yaml(department, content)
    except InputFileError:
        return {}  # loading the file reports why
    return read_included(department, raw)


def read_included(department: Path, raw: Any) -> dict[str, bytes | str]:
    """The bytes of every unit file `raw` (the department file's data) names, or why each cannot be read."""
    found: dict[str, bytes | str] = {}
    for _, name in referenced(raw):
        if isinstance(name, str) and name not in found:
            found[name] = _bytes_or_reason(department, name)
    return found


def with_unit_files(
    raw: dict[str, Any], source: SourceMap, department: Path, included: Included | None
) -> tuple[dict[str, Any], SourceMap, list[Problem]]:
    """`raw` with each 「文件: …」 unit replaced by that file's data, the source map locating its fields there."""
    problems: list[Problem] = []
    units = list(raw.get(UNITS_KEY) or ())
    for index, name in referenced(raw):
        at = (UNITS_KEY, index)
        if len(raw[UNITS_KEY][index]) > 1:
            problems.append(_problem(source, at, f"写了「{FILE_KEY}」就不要在这里再写其他字段：单位的内容都写在那个文件里"))
            continue
        content = _bytes_or_reason(department, name) if included is None else _refused(department, name) or included.get(name, "文件不存在")
        if isinstance(content, str):
            named = f"单位文件「{name}」" if isinstance(name, str) else f"「{FILE_KEY}」"
            problems.append(_problem(source, (*at, FILE_KEY), named + content))
            continue
        try:
            unit_raw, unit_source = read_yaml(_resolved(department, name), content)
        except InputFileError as exc:
            problems.append(Problem(FILE_CHECK, Level.ERROR, exc.location, exc.message))
            continue
        if not isinstance(unit_raw, dict):
            problems.append(Problem(FILE_CHECK, Level.ERROR, unit_source.locate(()), "单位文件顶层应当是「字段: 值」的形式"))
            continue
        money_unit = unit_raw.pop(MONEY_UNIT_KEY, raw.get(MONEY_UNIT_KEY))
        if money_unit != raw.get(MONEY_UNIT_KEY):
            problems.append(Problem(
                FILE_CHECK, Level.ERROR, unit_source.locate((MONEY_UNIT_KEY,)),
                f"单位文件的金额单位「{money_unit}」与部门文件的「{raw.get(MONEY_UNIT_KEY)}」不同；请改成一致（或删去这一行）",
            ))
            continue
        units[index] = unit_raw
        source = source.include(at, unit_source)
    return ({**raw, UNITS_KEY: units} if units else raw), source, problems


def _bytes_or_reason(department: Path, name: Any) -> bytes | str:
    """The unit file's bytes, or why it may not or cannot be read."""
    reason = _refused(department, name)
    if reason:
        return reason
    try:
        return read_limited(_resolved(department, name))
    except InputFileError as exc:
        return exc.message


def _refused(department: Path, name: Any) -> str | None:
    """Why a unit file name may not be opened: it must be a YAML file inside the department file's folder."""
    if not isinstance(name, str) or not name.strip():
        return "应当写一个文件名，如 units/第一中学.yaml"
    written = PurePosixPath(name.replace("\\", "/"))
    if written.is_absolute() or ".." in written.parts or not name.endswith((".yaml", ".yml")):
        return "只能是部门文件所在文件夹（或其子文件夹）中的 .yaml 文件，写相对路径，不能含「..」"
    folder = department.parent.resolve()
    target = _resolved(department, name).resolve()
    if not target.is_relative_to(folder):
        return "经链接指向了部门文件所在文件夹之外；只能引用这个文件夹中的文件"
    if target == department.resolve():
        return "就是部门文件本身"
    return None


def _resolved(department: Path, name: str) -> Path:
    return department.parent / PurePosixPath(name.replace("\\", "/"))


def _problem(source: SourceMap, path: tuple, message: str) -> Problem:
    return Problem(FILE_CHECK, Level.ERROR, source.locate(path), message)
