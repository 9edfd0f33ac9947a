"""The command line's own errors and help pages speak Chinese: no click English reaches the accountant."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from disclosure_gen.cli import main

CASES = [
    (["check"], "错误：缺少参数 部门文件..."),
    (["bild"], "错误：没有命令「bild」；是不是「build」？"),
    (["xyz"], "错误：没有命令「xyz」（可用的命令见 disclosure-gen --help）"),
    (["build", "--formt", "pdf", "a.yaml"], "错误：没有选项 --formt；是不是 --format？"),
    (["batch", "/nonexistent-county", "-o", "out"], "错误：县文件夹或清单 的值不对：「/nonexistent-county」不存在"),
    (["batch", ".", "-o", "out", "--workers", "0"], "错误：--workers 的值不对：0 太小：最小为 1"),
    (["batch", ".", "-o", "out", "--engine", "spark"], "错误：--engine 的值不对：「spark」不是可选的值；可选：local、dask"),
    (["figures", "a.yaml", "b.yaml"], "错误：多出了参数：b.yaml"),
    (["build", "-o"], "错误：选项 -o 后面要写一个值"),
    (["build", "--format", "odt", "a.yaml"], "错误：--format 的值不对：不支持的格式：odt"),
]


@pytest.mark.parametrize("args, message", CASES, ids=[" ".join(a) for a, _ in CASES])
def test_a_usage_error_is_a_chinese_message_with_exit_code_2(tmp_path, args, message):
    result = CliRunner().invoke(main, args, prog_name="disclosure-gen")
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "Error" not in result.output and "Usage" not in result.output and "Traceback" not in result.output


def test_the_usage_line_and_where_to_find_help_come_with_the_error():
    result = CliRunner().invoke(main, ["check"], prog_name="disclosure-gen")
    assert result.output.splitlines()[:2] == ["用法：disclosure-gen check [选项] 部门文件...", "（运行 disclosure-gen check --help 查看帮助）"]


@pytest.mark.parametrize("args", [["--help"], ["check", "--help"], ["batch", "--help"]])
def test_help_pages_have_chinese_headings(args):
    result = CliRunner().invoke(main, args, prog_name="disclosure-gen")
    assert result.exit_code == 0
    assert result.output.startswith("用法：disclosure-gen") and "选项:" in result.output and "显示本帮助并退出" in result.output
    assert not any(word in result.output for word in ("Usage:", "Options:", "Commands:", "Show this message", "default:", "DIRECTORY", "TEXT"))


@pytest.mark.slow
def test_the_installed_command_exits_2_on_a_usage_error_and_0_on_help():
    command = [str(Path(sys.executable).parent / "disclosure-gen")]
    wrong = subprocess.run([*command, "bild"], capture_output=True, text=True, encoding="utf-8")
    assert wrong.returncode == 2 and "没有命令「bild」" in wrong.stderr
    assert subprocess.run([*command, "--version"], capture_output=True, text=True).stdout.startswith("disclosure-gen ")
    assert subprocess.run([*command, "--help"], capture_output=True).returncode == 0
