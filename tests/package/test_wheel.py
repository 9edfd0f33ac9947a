"""The tool as a user gets it: built into a wheel, installed in a fresh environment, run outside the repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from ..conftest import EXAMPLES, ROOT

pytestmark = pytest.mark.slow  # every test here renders, builds or runs a subprocess

EXAMPLE = "changji-cpc-office-2023"
_NOT_SOURCE = shutil.ignore_patterns(".venv", ".git", "build", "out", "*.egg-info", "__pycache__", ".pytest_cache", ".hypothesis")


def _run(*args: object, cwd: Path) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    result = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel built from a copy of the repository's files, so the build cannot lean on the working tree."""
    tmp = tmp_path_factory.mktemp("wheel")
    source = tmp / "source"
    shutil.copytree(ROOT, source, ignore=_NOT_SOURCE)
    _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--disable-pip-version-check", "-q", "-w", tmp / "dist", source, cwd=tmp)
    return next((tmp / "dist").glob("disclosure_gen-*.whl"))


def _files(folder: Path, installed_as: str) -> set[str]:
    return {
        f"{installed_as}/{path.relative_to(folder).as_posix()}"
        for path in folder.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }


def test_the_wheel_holds_every_module_and_built_in_template_file(wheel):
    shipped = set(zipfile.ZipFile(wheel).namelist())
    wanted = _files(ROOT / "disclosure_gen", "disclosure_gen") | _files(ROOT / "templates", "disclosure_gen/templates")
    assert "disclosure_gen/templates/changji-2023/set.yaml" in wanted
    assert wanted <= shipped, sorted(wanted - shipped)


def test_installed_wheel_builds_an_example_outside_the_repository(wheel, tmp_path):
    environment = tmp_path / "env"
    venv.EnvBuilder(with_pip=True).create(environment)  # a plain venv: the repository's editable install is not in it
    python = environment / "bin" / "python"
    _run(python, "-m", "pip", "install", "-q", "--disable-pip-version-check", "-c", ROOT / "constraints.txt", wheel, cwd=tmp_path)
    work = tmp_path / "work"
    work.mkdir()
    shutil.copy(EXAMPLES / f"{EXAMPLE}.yaml", work)

    location = _run(python, "-c", "import disclosure_gen.templateset as t; print(t.__file__); print(t.BUILTIN_TEMPLATES)", cwd=work)
    assert all(Path(line).is_relative_to(environment) for line in location.split()), location
    _run(environment / "bin" / "disclosure-gen", "build", f"{EXAMPLE}.yaml", "-o", "out", cwd=work)

    outputs = sorted((work / "out").iterdir())
    assert [p.suffix for p in outputs] == [".docx", ".pdf"]
    assert zipfile.ZipFile(outputs[0]).testzip() is None
    assert outputs[1].read_bytes().startswith(b"%PDF-")
