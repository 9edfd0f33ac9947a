"""Reproducible zip packages and all-or-nothing file writes, shared by the writers."""

from __future__ import annotations

import errno
import io
import os
import re
import secrets
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TypeVar

from ..errors import DisclosureError

T = TypeVar("T")

FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
# Our temporary files: `.disclosure-gen-tmp.<final name>.<8 random characters from mkstemp>.part`.
TEMPORARY_PREFIX = ".disclosure-gen-tmp."
TEMPORARY_NAME = re.compile(rf"{re.escape(TEMPORARY_PREFIX)}.+\.[a-z0-9_]{{8}}\.part")


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_FILE_MODE = 0o666 & ~_current_umask()


def saved(document) -> bytes:
    """A python-docx document's bytes, with fixed zip timestamps so equal input gives equal bytes."""
    buffer = io.BytesIO()
    document.save(buffer)
    return reproducible_zip(buffer.getvalue())


def reproducible_zip(data: bytes) -> bytes:
    """Rewrites a zip with fixed timestamps and attributes, keeping member order."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            info = zipfile.ZipInfo(member.filename, FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(member.filename))
    return out.getvalue()


def write_atomically(path: Path, data: bytes) -> None:
    """Writes one file through a temporary file in the same folder; see `write_together`."""
    write_together({path: data})


def write_together(files: Mapping[Path, bytes]) -> None:
    """Writes every file or none: an existing file is replaced only when all new ones are complete.

    Each file is first written in full to a temporary `.disclosure-gen-tmp.<name>.<random>.part` beside it and synced;
    then all are renamed into place. Until the last rename succeeds the old files are kept as hard
    links (same pattern of name); if a rename fails, the files already replaced get their old
    contents back. No temporary file remains. A failure raises `WriteError` naming the path and why.
    """
    for path in files:
        prepare_folder(path.parent)
        if path.is_dir() and not path.is_symlink():
            raise WriteError(path, "这里已有一个同名的文件夹，不是文件")
    temporaries: dict[Path, Path] = {}
    try:
        for path, data in files.items():
            temporaries[path] = _guarded(path, _temporary_copy, path, data)
        _replace_all(temporaries)
    finally:
        for temporary in temporaries.values():
            temporary.unlink(missing_ok=True)


def prepare_folder(folder: Path) -> None:
    """Creates the folder (and its parents) if needed; raises `WriteError` if it cannot be one."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise _folder_failure(folder, error) from None


class WriteError(DisclosureError):
    """An output file cannot be written; nothing was changed."""

    def __init__(self, path: Path, reason: str):
        super().__init__(f"不能写入 {path}：{reason}")
        self.path = path
        self.reason = reason


_REASONS = {
    errno.EACCES: "权限不足",
    errno.EPERM: "权限不足",
    errno.EROFS: "所在的磁盘是只读的",
    errno.ENOSPC: "磁盘已满",
    errno.EDQUOT: "磁盘已满（超出配额）",
    errno.EFBIG: "文件过大",
    errno.ENOTDIR: "路径中有一项不是文件夹",
    errno.EEXIST: "不是文件夹",
    errno.EISDIR: "这里已有一个同名的文件夹，不是文件",
    errno.ENAMETOOLONG: "文件名过长",
    errno.ELOOP: "链接层数过多（可能是循环链接）",
}


def _reason(error: OSError) -> str:
    return _REASONS.get(error.errno or 0, error.strerror or str(error))


def _folder_failure(folder: Path, error: OSError) -> WriteError:
    """Names the first part of the folder's path that is a dead link or a file, if one is."""
    for part in (*reversed(folder.parents), folder):
        if part.is_symlink() and not part.exists():
            return WriteError(part, "路径是失效的链接（指向的位置不存在）")
        if part.exists() and not part.is_dir():
            return WriteError(part, "不是文件夹")
    return WriteError(folder, _reason(error))


def _guarded(path: Path, action: Callable[..., T], *args: Any) -> T:
    try:
        return action(*args)
    except OSError as error:
        raise WriteError(path, _reason(error)) from None


def _temporary_copy(path: Path, data: bytes) -> Path:
    """`data` written in full and synced to a new temporary file beside `path`."""
    handle, name = open_temporary(path)
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, _FILE_MODE)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def _replace_all(temporaries: dict[Path, Path]) -> None:
    """Renames each temporary file onto its path; on any failure the replaced paths are restored."""
    backups: dict[Path, Path] = {}
    replaced: list[Path] = []
    try:
        for path, temporary in temporaries.items():
            if os.path.lexists(path):
                backups[path] = _guarded(path, _backup, path)
            _guarded(path, os.replace, temporary, path)
            replaced.append(path)
    except BaseException:
        for path in replaced:
            if path in backups:
                os.replace(backups.pop(path), path)
            else:
                path.unlink(missing_ok=True)
        raise
    finally:
        for backup in backups.values():
            backup.unlink(missing_ok=True)


def _backup(path: Path) -> Path:
    """A second name for the existing file (a hard link, or a copy where links are not allowed)."""
    while True:
        backup = path.with_name(f"{TEMPORARY_PREFIX}{path.name}.{secrets.token_hex(4)}.part")
        try:
            os.link(path, backup, follow_symlinks=False)
            return backup
        except FileExistsError:
            continue
        except OSError:
            shutil.copy2(path, backup, follow_symlinks=False)
            return backup


def open_temporary(path: Path) -> tuple[int, str]:
    """A new temporary file beside `path`, named so that it matches TEMPORARY_NAME: (handle, path)."""
    return tempfile.mkstemp(prefix=f"{TEMPORARY_PREFIX}{path.name}.", suffix=".part", dir=path.parent)
