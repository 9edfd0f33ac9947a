"""The catalogue of bad inputs (tests/bad_inputs/): each gives a located Chinese message, exit 1, no output."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from disclosure_gen.build import output_stem
from disclosure_gen.cli import main

from .conftest import ROOT

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


def test_a_hundred_megabyte_file_is_refused_quickly(tmp_path):
    path = tmp_path / "huge.yaml"
    with path.open("w", encoding="utf-8") as stream:
        stream.write("单位: 万元\n项目:\n")
        line = "  - {名称: 项目, 科目: 2010501, 资金来源: 1}\n"
        stream.write(line * (100 * 1024 * 1024 // len(line.encode())))
    result = build(path, tmp_path / "out")
    assert result.exit_code == 1 and "MB" in result.output and "[file]" not in result.output
    assert "［file］" in result.output


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
