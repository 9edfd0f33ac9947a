"""A county: its department files and the defaults they share, from a folder or a manifest file."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import DisclosureError, InputFileError, Location
from ..problems import Level, Problem
from ..templateset import NAME_RULE, is_template_name
from ..yamlsource import SourceMap, read_yaml

MANIFEST_NAME = "county.yaml"
MANIFEST_CHECK = "manifest"
_FIELDS = ("县名称", "年度", "模板", "模板文件夹", "默认", "部门")


class ManifestError(DisclosureError):
    """The county manifest cannot be used."""


@dataclass(frozen=True)
class County:
    """The departments to build and what they share; every file lies inside `folder`."""

    name: str
    files: tuple[Path, ...]
    folder: Path
    defaults: dict[str, Any] = field(default_factory=dict)
    manifest: Path | None = None
    template_folders: tuple[Path, ...] = ()  # the manifest's 模板文件夹, searched after --templates

    def key_of(self, file: Path) -> str:
        """The file's path inside the county folder (a/dept.yaml): unique, unlike its name."""
        return file.resolve().relative_to(self.folder.resolve()).as_posix()


def load_county(target: Path) -> County:
    """A county from a folder (all *.yaml files, with county.yaml as manifest if present) or a manifest file."""
    if target.is_dir():
        manifest = target / MANIFEST_NAME
        if manifest.is_file():
            return _from_manifest(manifest)
        return County(target.name, _folder_files(target), target)
    if target.is_file():
        return _from_manifest(target)
    raise ManifestError(f"找不到「{target}」：请给出部门文件所在的文件夹，或县清单文件 {MANIFEST_NAME}")


def _from_manifest(path: Path) -> County:
    raw, source = read_manifest(path, "县清单")
    _refuse(list(_field_problems(raw, source)))
    defaults = dict(raw.get("默认") or {})
    department = dict(defaults.get("部门") or {})
    for key in ("年度", "模板"):
        if key in raw:
            department.setdefault(key, raw[key])
    if department:
        defaults["部门"] = department
    listed = raw.get("部门")
    files = _listed_files(path.parent, listed, source) if listed else _folder_files(path.parent, path)
    folders = _template_folders(raw.get("模板文件夹"), path, source)
    return County(str(raw.get("县名称") or path.parent.name), files, path.parent, defaults, path, folders)


def read_manifest(path: Path, kind: str) -> tuple[dict[str, Any], SourceMap]:
    """A manifest's fields and where each was written; refused, located, unless it is a readable mapping."""
    try:
        raw, source = read_yaml(path)
    except InputFileError as exc:
        raise ManifestError(str(exc)) from None
    if not isinstance(raw, dict):
        _refuse([_problem(source, (), f"{kind}应当是「字段: 值」的形式")])
    return raw, source


def _template_folders(value: Any, manifest: Path, source: SourceMap) -> tuple[Path, ...]:
    """The manifest's 模板文件夹: folders inside the manifest's own folder, written relative to it."""
    names = [value] if isinstance(value, str) else value if value is not None else []
    if not isinstance(names, list) or not all(isinstance(name, str) and name.strip() for name in names):
        _refuse([_problem(source, ("模板文件夹",), "应当是一个文件夹路径（文字），或文件夹路径的列表")])
    home = manifest.parent.resolve()
    folders, problems = [], []
    for name in names:
        folder = (home / name).resolve()
        if Path(name).is_absolute() or not folder.is_relative_to(home):
            problems.append(_problem(source, ("模板文件夹",), f"「{name}」不在县清单所在的文件夹内；请写相对于县清单的路径，不含 .."))
        elif not folder.is_dir():
            problems.append(_problem(source, ("模板文件夹",), f"「{name}」不存在或不是文件夹"))
        else:
            folders.append(folder)
    _refuse(problems)
    return tuple(folders)


_MAPPING = "应当是下一级字段（「字段: 值」），而不是单个值或列表"
_EXPECTED = (  # each field's path, type and what to say when it has another type
    (("县名称",), str, "应当填写文字（县的名称）"),
    (("年度",), int, "应当填写整数年份（如 2023）"),
    (("模板",), str, "应当填写模板名称（如 changji-2023）"),
    (("默认",), dict, _MAPPING),
    (("默认", "部门"), dict, _MAPPING),
    (("部门",), list, "应当是部门文件的列表（每项以「- 」开头，如「- 财政局.yaml」）"),
)


def _field_problems(raw: dict[str, Any], source: SourceMap) -> Iterator[str]:
    """Unknown fields and fields of the wrong type, each located."""
    for name in raw:
        if name not in _FIELDS:
            yield _problem(source, (name,), f"县清单中没有这个字段（可用：{'、'.join(_FIELDS)}）")
    for path, kind, message in _EXPECTED:
        value = _value_at(raw, path)
        if value is not None and (not isinstance(value, kind) or isinstance(value, bool)):
            yield _problem(source, path, f"{message}，这里是「{_short(value)}」")
    name = raw.get("模板")
    if isinstance(name, str) and not is_template_name(name):
        yield _problem(source, ("模板",), f"「{_short(name)}」不可用：{NAME_RULE}")


def _value_at(raw: dict[str, Any], path: tuple[str, ...]) -> Any:
    """The value at `path`, or None when it or a mapping above it is missing."""
    value: Any = raw
    for key in path:
        value = value.get(key) if isinstance(value, dict) else None
    return value


def _listed_files(folder: Path, listed: list[Any], source: SourceMap) -> tuple[Path, ...]:
    """The files the manifest lists, each a relative path to an existing file inside the county folder."""
    problems, files, seen = [], [], {}
    for index, name in enumerate(listed):
        if not isinstance(name, str):
            problems.append(_problem(source, ("部门", index), f"应当填写部门文件的路径，这里是「{_short(name)}」"))
        elif trouble := "是绝对路径：请写成相对县清单所在文件夹的路径" if Path(name).is_absolute() else _trouble(folder, name, seen):
            problems.append(_problem(source, ("部门", index), f"部门文件「{name}」{trouble}"))
        else:
            files.append(folder / name)
    _refuse(problems)
    return tuple(files)


def _folder_files(folder: Path, manifest: Path | None = None) -> tuple[Path, ...]:
    """Every *.yaml file in the folder except the manifest; none may lead out of it."""
    files = sorted(p for p in folder.glob("*.yaml") if p.name != MANIFEST_NAME and p != manifest)
    seen: dict[Path, str] = {}
    _refuse([
        str(Problem(MANIFEST_CHECK, Level.ERROR, Location(file, None, ""), trouble))
        for file in files if (trouble := _trouble(folder, file.name, seen))
    ])
    return tuple(files)


def _trouble(folder: Path, name: str, seen: dict[Path, str]) -> str | None:
    """Why the department file `name` may not be read, or None; `seen` remembers the files already taken.

    A file must lie inside the county folder once `..` and links are followed, and be taken only once.
    """
    home, target = folder.resolve(), (folder / name).resolve()
    if target != home and home not in target.parents:
        return f"指向县文件夹之外（{target}）：只读取县文件夹 {folder} 内的部门文件"
    if not target.exists():
        return "不存在"
    if not target.is_file():
        return "不是普通文件（是文件夹、管道或设备）：部门文件应当是 YAML 文本文件"
    return taken_once(target, name, seen, "文件")


def taken_once(target: Path, name: str, seen: dict[Path, str], kind: str) -> str | None:
    """Why `target` may not be taken again (it was, as another name in `seen`), or None after remembering it."""
    if target in seen:
        return f"与「{seen[target]}」是同一个{kind}"
    seen[target] = name
    return None


def _problem(source: SourceMap, path: tuple, message: str) -> str:
    return str(Problem(MANIFEST_CHECK, Level.ERROR, source.locate(path), message))


def _refuse(problems: list[str]) -> None:
    if problems:
        raise ManifestError("\n".join(problems))


def _short(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:40] + "…"
