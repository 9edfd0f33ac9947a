"""Input chooses no code: a template name is a name, sets come only from folders the operator chose, jinja is sandboxed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from disclosure_gen.batch import ManifestError, load_county
from disclosure_gen.cli import main
from disclosure_gen.pipeline import prepare
from disclosure_gen.templateset import BUILTIN_TEMPLATES

from ..conftest import EXAMPLES, edited_example

EXAMPLE = "changji-npc-office-2023"
SHIPPED = ("  模板: changji-2023\n",)

# Each payload would create the marker file if the template could reach Python's object graph.
PAYLOADS = {
    "cycler-globals": '{{ cycler.__init__.__globals__.os.popen("touch MARKER").read() }}',
    "str-mro-subclasses": (
        "{% for c in ''.__class__.__mro__[1].__subclasses__() %}{% if c.__name__ == '_wrap_close' %}"
        "{{ c.__init__.__globals__['popen']('touch MARKER').read() }}{% endif %}{% endfor %}"
    ),
    "lipsum-globals": '{{ lipsum.__globals__["os"].popen("touch MARKER").read() }}',
}


def hostile_set(folder: Path, marker: Path, payload: str = PAYLOADS["cycler-globals"], name: str = "evil") -> Path:
    """A template set named `name` in `folder` whose text template runs `payload` against `marker`."""
    (folder / name / "text").mkdir(parents=True)
    (folder / name / "set.yaml").write_text(f"name: {name}\nbase: changji-2023\ntitle: 恶意\nyear: 2023\n", encoding="utf-8")
    (folder / name / "text" / "document.j2").write_text(
        f"@title 标题\n{payload.replace('MARKER', str(marker))}\n", encoding="utf-8"
    )
    return folder / name


def department(folder: Path, template: str) -> Path:
    """The example department in `folder`, choosing `template`."""
    folder.mkdir(parents=True, exist_ok=True)
    return edited_example(folder, EXAMPLE, (SHIPPED[0], f"  模板: '{template}'\n"))


def run(command: str, target: Path, out: Path, *templates: Path):
    """The CLI command on `target`; build and batch write DOCX to `out`."""
    args = [command, str(target)]
    args += ["-o", str(out), "--format", "docx"] if command != "check" else []
    for folder in templates:
        args += ["--templates", str(folder)]
    return CliRunner().invoke(main, args)


def assert_refused(result, out: Path, marker: Path, *expected: str) -> None:
    """Exit 1, the clear message, no traceback, nothing written, and the payload never ran."""
    assert not marker.exists(), "the template's payload ran"
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and isinstance(result.exception, SystemExit | None), result.exception
    for text in expected:
        assert text in result.output, result.output
    assert not list(out.glob("*.docx"))


COMMANDS = ("check", "build", "batch")


def _target(command: str, path: Path) -> Path:
    return path.parent if command == "batch" else path


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("style", ["absolute", "parent"])
def test_a_template_path_in_the_input_is_refused(tmp_path, command, style):
    marker = tmp_path / "PWNED"
    evil = hostile_set(tmp_path / "elsewhere", marker)
    name = str(evil) if style == "absolute" else os.path.relpath(evil, BUILTIN_TEMPLATES)
    path = department(tmp_path / "county", name)
    result = run(command, _target(command, path), tmp_path / "out")
    assert_refused(result, tmp_path / "out", marker, "「部门.模板」", "不能是路径", "可用的模板：bayingol-2023、changji-2023、changji-2024")


@pytest.mark.parametrize("command", COMMANDS)
def test_a_base_that_is_a_path_is_refused(tmp_path, command):
    marker = tmp_path / "PWNED"
    evil = hostile_set(tmp_path / "elsewhere", marker)
    chosen = tmp_path / "templates"
    (chosen / "innocent").mkdir(parents=True)
    (chosen / "innocent" / "set.yaml").write_text(f"name: innocent\nbase: {evil}\ntitle: 看似无害\nyear: 2023\n", encoding="utf-8")
    path = department(tmp_path / "county", "innocent")
    result = run(command, _target(command, path), tmp_path / "out", chosen)
    assert_refused(result, tmp_path / "out", marker, "中的 base「", "不能是路径")


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("payload", PAYLOADS, ids=list(PAYLOADS))
def test_a_hostile_set_in_a_templates_folder_runs_no_code(tmp_path, command, payload):
    marker = tmp_path / "PWNED"
    chosen = tmp_path / "templates"
    hostile_set(chosen, marker, PAYLOADS[payload])
    path = department(tmp_path / "county", "evil")
    result = run(command, _target(command, path), tmp_path / "out", chosen)
    template = chosen / "evil" / "text" / "document.j2"
    assert_refused(result, tmp_path / "out", marker, f"{template} 第 2 行", "模板试图访问不允许的内容")


@pytest.mark.parametrize("payload", PAYLOADS, ids=list(PAYLOADS))
def test_a_hostile_set_in_the_county_template_folder_runs_no_code(tmp_path, payload):
    marker = tmp_path / "PWNED"
    county = tmp_path / "county"
    hostile_set(county / "模板", marker, PAYLOADS[payload])
    department(county, "evil")
    (county / "county.yaml").write_text("县名称: 示范县\n模板文件夹: 模板\n", encoding="utf-8")
    result = run("batch", county, tmp_path / "out")
    template = (county / "模板" / "evil" / "text" / "document.j2").resolve()
    assert_refused(result, tmp_path / "out", marker, f"{template} 第 2 行", "模板试图访问不允许的内容")


@pytest.mark.slow
def test_the_county_template_folder_is_searched(tmp_path):
    county = tmp_path / "county"
    shared = county / "模板" / "local-2023"
    shared.mkdir(parents=True)
    (shared / "set.yaml").write_text("name: local-2023\nbase: changji-2023\ntitle: 本县\nyear: 2023\n", encoding="utf-8")
    department(county, "local-2023")
    (county / "county.yaml").write_text("县名称: 示范县\n模板文件夹: [模板]\n", encoding="utf-8")
    result = run("batch", county, tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert len(list((tmp_path / "out").glob("*.docx"))) == 1


@pytest.mark.parametrize("value, message", [
    ("3", "应当是一个文件夹路径"),
    ("{a: b}", "应当是一个文件夹路径"),
    ("/etc", "不在县清单所在的文件夹内"),
    ("../elsewhere", "不在县清单所在的文件夹内"),
    ("没有这个文件夹", "不存在或不是文件夹"),
])
def test_a_wrong_county_template_folder_is_refused(tmp_path, value, message):
    county = tmp_path / "county"
    county.mkdir()
    (tmp_path / "elsewhere").mkdir()
    (county / "county.yaml").write_text(f"县名称: 示范县\n模板文件夹: {value}\n", encoding="utf-8")
    with pytest.raises(ManifestError, match=message):
        load_county(county)


@pytest.mark.parametrize("name", [
    "/tmp/x/evil", "../../x", "a/b", "a\\\\b", "changji.2023", "evil\\0", "Changji-2023", "-x", "x" * 65, "变电站",
])
def test_only_plain_names_are_template_names(tmp_path, name):
    path = edited_example(tmp_path, EXAMPLE, (SHIPPED[0], f'  模板: "{name}"\n'))
    problems = prepare(path).problems
    assert len(problems) == 1, [str(p) for p in problems]
    assert problems[0].location.field == "部门.模板" and "不能是路径" in problems[0].message
    assert "\x00" not in problems[0].message


def test_a_template_path_in_the_county_manifest_is_refused(tmp_path):
    marker = tmp_path / "PWNED"
    evil = hostile_set(tmp_path / "elsewhere", marker)
    county = tmp_path / "county"
    county.mkdir()
    (county / "npc.yaml").write_text(
        (EXAMPLES / f"{EXAMPLE}.yaml").read_text(encoding="utf-8").replace(SHIPPED[0], ""), encoding="utf-8"
    )
    (county / "county.yaml").write_text(f"县名称: 示范县\n模板: {evil}\n", encoding="utf-8")
    result = run("batch", county, tmp_path / "out")
    assert_refused(result, tmp_path / "out", marker, "第 2 行「模板」：错误［manifest］", "不能是路径")
