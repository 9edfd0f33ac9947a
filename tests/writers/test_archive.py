"""Atomic writes: an existing output is replaced only by a complete one; a failure leaves no partial file."""

from __future__ import annotations

import os

import pytest

from disclosure_gen.writers import archive
from disclosure_gen.writers.archive import write_atomically


def test_replaces_an_existing_file_whole(tmp_path):
    target = tmp_path / "部门-2023.docx"
    target.write_bytes(b"old")
    write_atomically(target, b"new contents")
    assert target.read_bytes() == b"new contents"
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


def test_a_failure_before_the_rename_keeps_the_old_file_and_leaves_nothing(tmp_path, monkeypatch):
    target = tmp_path / "部门-2023.pdf"
    target.write_bytes(b"old")

    def interrupted(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(archive.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomically(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


def test_written_files_get_ordinary_permissions(tmp_path):
    target = tmp_path / "x.docx"
    write_atomically(target, b"x")
    mask = os.umask(0)
    os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask
