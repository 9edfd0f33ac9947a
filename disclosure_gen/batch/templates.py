"""The template folders a batch uses: read where they are, or carried as bytes to a worker on another machine."""

from __future__ import annotations

import atexit
import hashlib
import os
import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..errors import DisclosureError
from ..templateset import search_folders


@dataclass(frozen=True)
class LocalTemplates:
    """Template folders on a disk the workers share with the coordinator (the local process pool)."""

    chosen: tuple[Path, ...]  # the operator's folders; the built-in one is searched after them

    def folders(self) -> tuple[Path, ...]:
        return self.chosen

    def shown(self, message: str) -> str:
        """A message as the operator reads it: the folders are the operator's own already."""
        return message


@dataclass(frozen=True)
class ShippedTemplates:
    """Every file of every template folder searched (the built-in one too), as bytes, and their digest.

    The coordinator sends it to each worker once per digest (see `receive`), so a worker needs no
    access to the coordinator's disk and uses exactly the templates the coordinator has.
    """

    digest: str
    trees: tuple[tuple[tuple[str, bytes], ...], ...]  # per folder, in search order: (relative path, bytes)
    origins: tuple[str, ...]  # the folders the trees were read from, in the same order

    def received(self) -> ReceivedTemplates:
        """What each task carries to name this bundle."""
        return ReceivedTemplates(self.digest, self.origins)


@dataclass(frozen=True)
class ReceivedTemplates:
    """A template bundle named by its digest only: what a task carries; the worker received the bytes before."""

    digest: str
    origins: tuple[str, ...] = ()  # the coordinator's folders, in search order: what messages name instead of the worker's copies

    def folders(self) -> tuple[Path, ...]:
        try:
            return _UNPACKED[self.digest]
        except KeyError:
            raise DisclosureError(f"工作进程没有收到模板（摘要 {self.digest[:12]}）：请重新运行；仍然如此时，检查各工作机器上的 disclosure-gen 是否与主控同一版本") from None

    def shown(self, message: str) -> str:
        """A message naming a template file as the operator reads it: at its folder on the coordinator, not the worker's copy."""
        for copy, origin in zip(_UNPACKED.get(self.digest, ()), self.origins):
            message = message.replace(f"{copy}{os.sep}", f"{origin}{os.sep}")  # the separator: folder 1 is not folder 10
        return message


def shipped(chosen: tuple[Path, ...]) -> ShippedTemplates:
    """The operator's folders and the built-in one, read into bytes."""
    folders = search_folders(chosen)
    trees = tuple(_tree(folder) for folder in folders)
    return ShippedTemplates(templates_digest(trees), trees, tuple(map(str, folders)))


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


# In a worker process: the folders each received bundle was written to, by digest. A template set is
# then loaded and compiled once per process and digest (`load_template_set` caches by folder).
_UNPACKED: dict[str, tuple[Path, ...]] = {}
RECEIVED: Counter[str] = Counter()  # how many times this process was sent each digest


def receive(bundle: ShippedTemplates) -> None:
    """In a worker: keeps the bundle's files, written once into a private folder, for the tasks that name its digest."""
    RECEIVED[bundle.digest] += 1
    if bundle.digest not in _UNPACKED:
        _UNPACKED[bundle.digest] = _unpack(bundle.trees)


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
