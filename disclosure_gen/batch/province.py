"""A province: the county folders its manifest province.yaml lists, each built into its own output subfolder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import Location
from ..problems import Level, Problem
from ..yamlsource import SourceMap
from .manifest import MANIFEST_CHECK, MANIFEST_NAME, County, ManifestError, _problem, _refuse, _short, load_county, read_manifest, taken_once

PROVINCE_NAME = "province.yaml"
_FIELDS = ("省名称", "县")


@dataclass(frozen=True)
class Province:
    """The counties to build, in order, each with its folder's path inside the province folder (its output subfolder)."""

    name: str
    counties: tuple[tuple[str, County], ...]


def is_province(target: Path) -> bool:
    """True for a province manifest, or a folder holding one."""
    return (target.is_file() and target.name == PROVINCE_NAME) or (target / PROVINCE_NAME).is_file()


def load_province(target: Path) -> Province:
    """The province a manifest (or the folder holding it) describes; every county is loaded and checked first."""
    manifest = target / PROVINCE_NAME if target.is_dir() else target
    if (manifest.parent / MANIFEST_NAME).is_file():
        raise ManifestError(f"{manifest.parent} 中同时有省清单 {PROVINCE_NAME} 和县清单 {MANIFEST_NAME}：各县应当放在省文件夹的子文件夹中")
    raw, source = read_manifest(manifest, "省清单")
    _refuse(list(_field_problems(raw, source)))
    home = manifest.parent
    folders = _listed_counties(home, raw["县"], source) if "县" in raw else _county_subfolders(home, manifest)
    keys = [folder.resolve().relative_to(home.resolve()).as_posix() for folder in folders]
    return Province(str(raw.get("省名称") or home.name), tuple((key, load_county(folder)) for key, folder in zip(keys, folders)))


def _field_problems(raw: dict[str, Any], source: SourceMap):
    for name in raw:
        if name not in _FIELDS:
            yield _problem(source, (name,), f"省清单中没有这个字段（可用：{'、'.join(_FIELDS)}）")
    name = raw.get("省名称")
    if name is not None and not isinstance(name, str):
        yield _problem(source, ("省名称",), f"应当填写文字（省或地区的名称），这里是「{_short(name)}」")
    listed = raw.get("县", [None])
    if not isinstance(listed, list) or not listed:
        yield _problem(source, ("县",), f"应当是县文件夹的列表（每项以「- 」开头，如「- 昌吉市」），这里是「{_short(listed)}」")


def _listed_counties(home: Path, listed: list[Any], source: SourceMap) -> list[Path]:
    """The county folders the manifest lists: each inside the province folder, listed once, none inside another."""
    problems, folders, seen = [], [], {}
    for index, name in enumerate(listed):
        if not isinstance(name, str) or not name.strip():
            problems.append(_problem(source, ("县", index), f"应当填写县文件夹的路径，这里是「{_short(name)}」"))
        elif trouble := _trouble(home, name, seen):
            problems.append(_problem(source, ("县", index), f"县文件夹「{name}」{trouble}"))
        else:
            folders.append(home / name)
    for index, name in enumerate(listed):
        if isinstance(name, str) and (outer := _outer((home / name).resolve(), seen)):
            problems.append(_problem(source, ("县", index), f"县文件夹「{name}」在县文件夹「{outer}」之内：县文件夹不能互相包含"))
    _refuse(problems)
    return folders


def _county_subfolders(home: Path, manifest: Path) -> list[Path]:
    """Without 县: every subfolder holding a county manifest or department files, by name."""
    folders = sorted(p for p in home.iterdir() if p.is_dir() and not p.name.startswith(".") and any(p.glob("*.yaml")))
    seen: dict[Path, str] = {}
    _refuse([_unlocated(folder, trouble) for folder in folders if (trouble := _trouble(home, folder.name, seen))])
    if not folders:
        _refuse([_unlocated(manifest, f"省文件夹 {home} 中没有县文件夹（含 {MANIFEST_NAME} 或 *.yaml 的子文件夹）；或在「县」中列出")])
    return folders


def _unlocated(path: Path, message: str) -> str:
    return str(Problem(MANIFEST_CHECK, Level.ERROR, Location(path, None, ""), message))


def _trouble(home: Path, name: str, seen: dict[Path, str]) -> str | None:
    """Why `name` is no county folder of the province folder `home`, or None; `seen` remembers those taken."""
    if Path(name).is_absolute():
        return "是绝对路径：请写成相对省清单所在文件夹的路径"
    root, target = home.resolve(), (home / name).resolve()
    if target == root:
        return "是省文件夹本身：每个县应当是省文件夹中的一个子文件夹"
    if root not in target.parents:
        return f"指向省文件夹之外（{target}）：只读取省文件夹 {home} 内的县文件夹"
    if not target.is_dir():
        return "不存在或不是文件夹"
    return taken_once(target, name, seen, "文件夹")


def _outer(target: Path, seen: dict[Path, str]) -> str | None:
    """The name of the listed county folder that contains `target`, if any."""
    return next((name for folder, name in seen.items() if folder in target.parents), None)
