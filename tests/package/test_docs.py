"""The documentation stays true to the code."""

from disclosure_gen.checks import CHECKS

from ..conftest import ROOT


def test_every_check_is_documented():
    text = (ROOT / "docs" / "checks.md").read_text(encoding="utf-8")
    missing = [c.id for c in CHECKS if f"`{c.id}`" not in text]
    assert not missing, f"checks missing from docs/checks.md: {missing}"


def test_readme_starts_with_the_two_commands_ci_runs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()[-1]
    commands = [line for line in readme.splitlines() if line.startswith("bash scripts/setup.sh")]
    assert len(commands) == 2 and commands[1] == ci
