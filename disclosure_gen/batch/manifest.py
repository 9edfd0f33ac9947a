"""A county: its department files and the defaults they share, from a folder or a manifest file."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import DisclosureError, InputFileError
from ..templateset import NAME_RULE, is_template_name
from ..yamlsource import read_yaml

MANIFEST_NAME = "county.yaml"


class ManifestError(DisclosureError):
    """The county manifest cannot be used."""


@dataclass(frozen=True)
class County:
    """The departments to build and what they share."""

    name: str
    files: tuple[Path, ...]
    defaults: dict[str, Any] = field(default_factory=dict)
    manifest: Path | None = None
    template_folders: tuple[Path, ...] = ()  # the manifest's 模板文件夹, searched after --templates


def load_county(target: Path) -> County:
    """A county from a folder (all *.yaml files, with county.yaml as manifest if present) or a manifest file."""
    if target.is_dir():
        manifest = target / MANIFEST_NAME
        if manifest.is_file():
            return _from_manifest(manifest)
        return County(target.name, _department_files(target, None))
    if target.is_file():
        return _from_manifest(target)
    raise ManifestError(f"找不到「{target}」：请给出部门文件所在的文件夹，或县清单文件 {MANIFEST_NAME}")


def _from_manifest(path: Path) -> County:
    try:
        raw, _ = read_yaml(path)
    except InputFileError as exc:
        raise ManifestError(str(exc)) from None
    if not isinstance(raw, dict):
        raise ManifestError(f"{path}：县清单应当是「字段: 值」的形式")
    unknown = set(raw) - {"县名称", "年度", "模板", "模板文件夹", "默认", "部门"}
    if unknown:
        raise ManifestError(f"{path}：县清单中没有这些字段：{'、'.join(sorted(unknown))}（可用：县名称、年度、模板、模板文件夹、默认、部门）")
    _check_template_name(raw.get("模板"), path)
    defaults = dict(raw.get("默认") or {})
    department = dict(defaults.get("部门") or {})
    for key, target in (("年度", "年度"), ("模板", "模板")):
        if key in raw:
            department.setdefault(target, raw[key])
    if department:
        defaults["部门"] = department
    listed = raw.get("部门")
    files = _department_files(path.parent, [path.parent / str(name) for name in listed] if listed else None, path)
    return County(str(raw.get("县名称") or path.parent.name), files, defaults, path, _template_folders(raw.get("模板文件夹"), path))


def _check_template_name(value: Any, manifest: Path) -> None:
    """The manifest's 模板 is a set name like a department's, never a path."""
    if value is not None and not is_template_name(value):
        raise ManifestError(f"{manifest}：县清单「模板」不可用：{NAME_RULE}")


def _template_folders(value: Any, manifest: Path) -> tuple[Path, ...]:
    """The manifest's 模板文件夹: folders inside the manifest's own folder, written relative to it."""
    names = [value] if isinstance(value, str) else value if value is not None else []
    if not isinstance(names, list) or not all(isinstance(name, str) and name.strip() for name in names):
        raise ManifestError(f"{manifest}：县清单「模板文件夹」应当是一个文件夹路径（文字），或文件夹路径的列表")
    home = manifest.parent.resolve()
    folders = []
    for name in names:
        folder = (home / name).resolve()
        if Path(name).is_absolute() or not folder.is_relative_to(home):
            raise ManifestError(f"{manifest}：县清单「模板文件夹」中的「{name}」不在县清单所在的文件夹内；请写相对于县清单的路径，不含 ..")
        if not folder.is_dir():
            raise ManifestError(f"{manifest}：县清单「模板文件夹」中的「{name}」不存在或不是文件夹")
        folders.append(folder)
    return tuple(folders)


def _department_files(folder: Path, listed: list[Path] | None, manifest: Path | None = None) -> tuple[Path, ...]:
    if listed is not None:
        missing = [str(p) for p in listed if not p.is_file()]
        if missing:
            raise ManifestError(f"县清单列出的部门文件不存在：{'、'.join(missing)}")
        return tuple(listed)
    return tuple(sorted(p for p in folder.glob("*.yaml") if p.name != MANIFEST_NAME and p != manifest))
