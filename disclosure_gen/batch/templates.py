"""The template folders a batch uses: read where they are, or carried as bytes to a worker on another machine."""

from __future__ import annotations

import atexit
import hashlib
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..templateset import search_folders


@dataclass(frozen=True)
class LocalTemplates:
    """Template folders on a disk the workers share with the coordinator (the local process pool)."""

    chosen: tuple[Path, ...]  # the operator's folders; the built-in one is searched after them

    def folders(self) -> tuple[Path, ...]:
        return self.chosen


@dataclass(frozen=True)
class ShippedTemplates:
    """Every file of every template folder searched (the built-in one too), as bytes, and their digest.

    A worker writes them once into a private folder of its own (per process and digest), so it needs
    no access to the coordinator's disk and uses exactly the templates the coordinator has.
    """

    digest: str
    trees: tuple[tuple[tuple[str, bytes], ...], ...]  # per folder, in search order: (relative path, bytes)

    def folders(self) -> tuple[Path, ...]:
        if self.digest not in _UNPACKED:
            _UNPACKED[self.digest] = _unpack(self.trees)
        return _UNPACKED[self.digest]


def shipped(chosen: tuple[Path, ...]) -> ShippedTemplates:
    """The operator's folders and the built-in one, read into bytes."""
    trees = tuple(_tree(folder) for folder in search_folders(chosen))
    return ShippedTemplates(templates_digest(trees), trees)


def digest_of(chosen: tuple[Path, ...]) -> str:
    """A hash of every template file the batch may use (the incremental state's template key)."""
    return shipped(chosen).digest


def templates_digest(trees: tuple[tuple[tuple[str, bytes], ...], ...]) -> str:
    digest = hashlib.sha256()
    for tree in trees:
        for relative, data in tree:
            digest.update(relative.encode())
            digest.update(data)
    return digest.hexdigest()


def _tree(folder: Path) -> tuple[tuple[str, bytes], ...]:
    return tuple((str(p.relative_to(folder)), p.read_bytes()) for p in sorted(q for q in folder.rglob("*") if q.is_file()))


_UNPACKED: dict[str, tuple[Path, ...]] = {}


def _unpack(trees: tuple[tuple[tuple[str, bytes], ...], ...]) -> tuple[Path, ...]:
    """The trees written under a new private temporary folder (removed when the process ends)."""
    home = Path(tempfile.mkdtemp(prefix="disclosure-gen-templates-"))
    atexit.register(shutil.rmtree, home, True)
    folders = []
    for index, tree in enumerate(trees):
        folder = home / str(index)
        for relative, data in tree:
            target = (folder / relative).resolve()
            if not target.is_relative_to(folder.resolve()):
                raise ValueError(f"template file outside its folder: {relative}")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        folder.mkdir(parents=True, exist_ok=True)
        folders.append(folder)
    return tuple(folders)
