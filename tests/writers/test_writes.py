"""Every write fails cleanly, and a department's outputs change together (all written or none)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from disclosure_gen.cli import main
from disclosure_gen.writers.archive import WriteError, write_together

from ..conftest import EXAMPLES

NPC = EXAMPLES / "changji-npc-office-2023.yaml"
STEM = "昌吉市人大常委会办公室-2023"
OLD = {"docx": b"old docx", "pdf": b"old pdf"}


def build(source: Path, out: Path, formats: str = "docx,pdf"):
    return CliRunner().invoke(main, ["build", str(source), "-o", str(out), "--format", formats])


def with_old_outputs(out: Path) -> dict[Path, bytes]:
    """The output folder holding last year's files, as a user would have them."""
    out.mkdir(parents=True, exist_ok=True)
    old = {out / f"{STEM}.{fmt}": data for fmt, data in OLD.items()}
    for path, data in old.items():
        path.write_bytes(data)
    return old


def assert_refused_cleanly(result, path: Path, reason: str) -> None:
    """Exit 1 with a Chinese message naming the path and the reason, and no traceback."""
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), result.exception
    assert f"不能写入 {path}：{reason}" in result.output, result.output


def assert_unchanged(out: Path, old: dict[Path, bytes]) -> None:
    """The old files are all still there as they were, and nothing else (no temporary file)."""
    assert {path: path.read_bytes() for path in old} == old
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in old)


@pytest.fixture
def immutable():
    """Marks paths immutable (`chattr +i`): even root cannot change them, as a user cannot a folder not theirs."""
    marked: list[Path] = []

    def mark(path: Path) -> None:
        subprocess.run(["chattr", "+i", str(path)], check=True)
        marked.append(path)

    yield mark
    for path in marked:
        subprocess.run(["chattr", "-i", str(path)], check=True)


@pytest.fixture
def small_disk(tmp_path):
    """A 256 KiB file system: room for a department's DOCX (about 64 KiB), not for its PDF as well."""
    folder = tmp_path / "small"
    folder.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(folder)], check=True)
    yield folder
    subprocess.run(["umount", str(folder)], check=True)


@pytest.mark.slow
def test_an_output_folder_that_is_a_dead_link_is_named(tmp_path):
    link = tmp_path / "out"
    link.symlink_to(tmp_path / "gone")
    result = build(NPC, link, "docx")
    assert_refused_cleanly(result, link, "路径是失效的链接")
    assert not (tmp_path / "gone").exists()


@pytest.mark.slow
def test_an_output_folder_that_is_a_file_is_named(tmp_path):
    file = tmp_path / "out"
    file.write_bytes(b"notes")
    result = build(NPC, file / "2023", "docx")
    assert_refused_cleanly(result, file, "不是文件夹")
    assert file.read_bytes() == b"notes"


@pytest.mark.slow
def test_a_folder_where_the_pdf_should_go_keeps_the_old_docx(tmp_path):
    out = tmp_path / "out"
    old = with_old_outputs(out)
    (out / f"{STEM}.pdf").unlink()
    (out / f"{STEM}.pdf").mkdir()
    del old[out / f"{STEM}.pdf"]
    result = build(NPC, out)
    assert_refused_cleanly(result, out / f"{STEM}.pdf", "这里已有一个同名的文件夹")
    assert (out / f"{STEM}.docx").read_bytes() == OLD["docx"]
    assert sorted(p.name for p in out.iterdir()) == [f"{STEM}.docx", f"{STEM}.pdf"]


@pytest.mark.slow
def test_an_unwritable_folder_keeps_both_old_files(tmp_path, immutable):
    out = tmp_path / "out"
    old = with_old_outputs(out)
    immutable(out)
    result = build(NPC, out)
    assert_refused_cleanly(result, out / f"{STEM}.docx", "权限不足")
    assert_unchanged(out, old)


@pytest.mark.slow
def test_a_failure_between_the_two_renames_puts_the_docx_back(tmp_path, immutable):
    """The DOCX is renamed into place first; when the PDF's rename fails, the old DOCX returns."""
    out = tmp_path / "out"
    old = with_old_outputs(out)
    immutable(out / f"{STEM}.pdf")
    result = build(NPC, out)
    assert_refused_cleanly(result, out / f"{STEM}.pdf", "权限不足")
    assert_unchanged(out, old)


@pytest.mark.slow
def test_a_new_file_written_before_a_failed_rename_is_taken_away(tmp_path, immutable):
    old = tmp_path / "部门-2023.pdf"
    old.write_bytes(b"old pdf")
    immutable(old)
    with pytest.raises(WriteError, match="权限不足"):
        write_together({tmp_path / "部门-2023.docx": b"new docx", old: b"new pdf"})
    assert [p.name for p in tmp_path.iterdir()] == [old.name] and old.read_bytes() == b"old pdf"


@pytest.mark.slow
def test_a_full_disk_keeps_both_old_files(small_disk):
    old = with_old_outputs(small_disk)
    result = build(NPC, small_disk)
    assert_refused_cleanly(result, small_disk / f"{STEM}.pdf", "磁盘已满")
    assert_unchanged(small_disk, old)


@pytest.mark.slow
def test_a_full_disk_leaves_nothing_in_an_empty_folder(small_disk):
    result = build(NPC, small_disk)
    assert result.exit_code == 1 and "磁盘已满" in result.output
    assert list(small_disk.iterdir()) == []


@pytest.mark.slow
def test_a_batch_department_is_written_whole_or_not_at_all(tmp_path, immutable):
    county = tmp_path / "county"
    county.mkdir()
    (county / NPC.name).write_bytes(NPC.read_bytes())
    out = tmp_path / "out"
    old = with_old_outputs(out)
    immutable(out / f"{STEM}.pdf")
    result = CliRunner().invoke(main, ["batch", str(county), "-o", str(out), "--workers", "1"])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.output
    assert f"不能写入 {out / f'{STEM}.pdf'}：权限不足" in result.output
    assert {path: path.read_bytes() for path in old} == old
    assert not [p.name for p in out.iterdir() if p.name.endswith(".part")]


def test_a_batch_into_a_dead_link_is_refused_with_a_message(tmp_path):
    county = tmp_path / "county"
    county.mkdir()
    (county / NPC.name).write_bytes(NPC.read_bytes())
    link = tmp_path / "out"
    link.symlink_to(tmp_path / "gone")
    result = CliRunner().invoke(main, ["batch", str(county), "-o", str(link)])
    assert_refused_cleanly(result, link, "路径是失效的链接")
