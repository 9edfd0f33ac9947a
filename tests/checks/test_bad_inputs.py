"""The catalogue of bad inputs (tests/bad_inputs/): each gives a located Chinese message, exit 1, no output."""

from __future__ import annotations

import os
import re
import resource
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from disclosure_gen.build import output_stem
from disclosure_gen.cli import main

from ..conftest import ROOT

BAD = ROOT / "tests" / "bad_inputs"
CASES = yaml.safe_load((BAD / "cases.yaml").read_text(encoding="utf-8"))["cases"]


def build(path: Path, out: Path):
    return CliRunner().invoke(main, ["build", str(path), "-o", str(out), "--format", "docx"])


def test_the_catalogue_has_at_least_forty_real_files():
    assert len(CASES) >= 40
    assert all((BAD / case["file"]).is_file() for case in CASES)


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_bad_input_is_refused_with_a_located_message(case, tmp_path):
    path = BAD / case["file"]
    out = tmp_path / "out"
    result = build(path, out)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    lines = [line for line in result.output.splitlines() if f"［{case['check']}］" in line]
    assert lines, result.output
    matching = [line for line in lines if case["contains"] in line]
    assert matching, lines
    message = matching[0]
    assert message.startswith(str(path))
    if case["line"] is not None:
        assert f" 第 {case['line']} 行" in message, message
    if case["field"] is not None:
        assert f"「{case['field']}」" in message, message
    assert not out.exists() or not any(out.iterdir())
    assert not english_in(result.output, path), result.output


# Words a Chinese message may contain: the format's name and the values YAML itself spells in English.
ALLOWED_WORDS = {"YAML", "Code", "true", "false"}  # Code: “VS Code”, the editor named in the GBK hint


def english_in(output: str, path: Path) -> list[str]:
    """English words in the messages, leaving out the file's path, the check's id (［file］, documented in
    docs/checks.md), what the user wrote (quoted in 「」) and template set names (changji-2024).

    `None` is looked for before the quotes go: an empty value must be shown as 空, even inside 「」.
    """
    text = output.replace(str(path), "")
    if "None" in text:
        return ["None"]
    text = re.sub(r"「[^「」]*」|［[a-z-]+］|\b[a-z0-9]+(?:-[a-z0-9]+)*-\d{4}\b", "", text)  # quotes, ids, set names
    return [w for w in re.findall(r"[A-Za-z]{4,}", text) if w not in ALLOWED_WORDS]


def test_the_english_check_finds_pydantic_and_pyyaml_wording(tmp_path):
    path = tmp_path / "x.yaml"
    assert english_in(f"{path} 第 5 行：错误［file］YAML 格式错误：but found another document", path) == ["found", "another", "document"]
    assert english_in(f"{path}「部门.名称」：错误［schema］这里是「None」", path) == ["None"]
    assert english_in(f"{path}「部门.name」：错误［schema］没有「name」这个字段", path) == []
    assert english_in(f"{path}：错误［file］Input should be a valid decimal", path) == ["Input", "should", "valid", "decimal"]


def cli_in_subprocess(*args: str) -> subprocess.CompletedProcess:
    """The CLI in its own process, with 1 GB of memory and 60 s: old code that reads forever fails, not hangs."""

    def limit_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    return subprocess.run(
        [sys.executable, "-m", "disclosure_gen.cli", *args],
        capture_output=True, text=True, timeout=60, preexec_fn=limit_memory, cwd=ROOT,
    )


@pytest.mark.slow
@pytest.mark.parametrize("make", [lambda tmp: Path("/dev/zero"), lambda tmp: (os.mkfifo(tmp / "pipe.yaml"), tmp / "pipe.yaml")[1]],
                         ids=["dev-zero", "fifo"])
def test_a_device_or_pipe_is_refused_unread(make, tmp_path):
    path = make(tmp_path)
    result = cli_in_subprocess("check", str(path))
    assert result.returncode == 1, result.stderr
    assert f"{path}：错误［file］不是普通文件" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_a_pipe_among_a_countys_files_is_reported_not_waited_on(tmp_path):
    county = tmp_path / "county"
    county.mkdir()
    (county / "统计局.yaml").write_bytes((BAD / "27-date-that-does-not-exist.yaml").read_bytes().replace(b"2023-02-30", b"2023-02-15"))
    os.mkfifo(county / "pipe.yaml")
    result = cli_in_subprocess("batch", str(county), "-o", str(tmp_path / "out"), "--format", "docx", "--workers", "1")
    assert result.returncode == 1, result.stderr
    assert f"{county / 'pipe.yaml'}：错误［manifest］不是普通文件" in result.stderr, result.stderr
    assert not (tmp_path / "out" / "示范县统计局-2023.docx").exists()  # a county with an unreadable file is refused whole


def test_a_hundred_megabyte_file_is_refused_quickly(tmp_path):
    path = tmp_path / "huge.yaml"
    with path.open("w", encoding="utf-8") as stream:
        stream.write("单位: 万元\n项目:\n")
        line = "  - {名称: 项目, 科目: 2010501, 资金来源: 1}\n"
        stream.write(line * (100 * 1024 * 1024 // len(line.encode())))
    result = build(path, tmp_path / "out")
    assert result.exit_code == 1 and "MB" in result.output and "[file]" not in result.output
    assert "［file］" in result.output


@pytest.mark.slow
def test_a_utf8_bom_is_accepted(tmp_path):
    """Windows Notepad writes a BOM; the file is still UTF-8, so it is read (docs/checks.md says so)."""
    text = (ROOT / "examples" / "changji-cpc-office-2023.yaml").read_bytes()
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + text)
    result = build(path, tmp_path / "out")
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    "name, expected",
    [
        ("../../etc/passwd", "___etc_passwd-2023"),
        ("/absolute/部门", "_absolute_部门-2023"),
        ("CON", "_CON-2023"),
        ("lpt1.txt", "_lpt1.txt-2023"),
        ("部门:一*二?", "部门_一_二_-2023"),
        ("...", "部门-2023"),
    ],
)
def test_output_names_cannot_leave_the_output_folder(name, expected, tmp_path):
    stem = output_stem(name, 2023)
    assert stem == expected
    target = (tmp_path / f"{stem}.docx").resolve()
    assert target.parent == tmp_path.resolve()
