"""Shared fixtures: paths to the examples and seeds, and prepared example departments."""

from __future__ import annotations

import os
import re
from decimal import Decimal
from pathlib import Path

import pytest

from disclosure_gen.pipeline import prepare

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SEEDS = Path(os.environ.get("DISCLOSURE_GEN_SEEDS", ROOT / "tests" / "seeds"))  # the published text, see its README
EXAMPLE_NAMES = ("changji-cpc-office-2023", "changji-npc-office-2023")  # transcribed from the published seeds
ALL_EXAMPLES = (*EXAMPLE_NAMES, "changji-statistics-bureau-2024", "changji-government-office-2024")  # and the 2024-format departments
def example_files() -> list[Path]:
    """Every example file, each of which must check with no error."""
    return sorted(EXAMPLES.glob("*.yaml"))


@pytest.fixture(scope="session")
def prepared_examples():
    """Each example department, loaded, checked and derived once per test session."""
    return {name: prepare(EXAMPLES / f"{name}.yaml") for name in ALL_EXAMPLES}


def edited_example(tmp_path: Path, name: str, *replacements: tuple[str, str]) -> Path:
    """A copy of an example YAML file with text replaced (each old text must occur exactly once)."""
    text = replaced((EXAMPLES / f"{name}.yaml").read_text(encoding="utf-8"), replacements)
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def replaced(text: str, replacements: tuple[tuple[str, str], ...]) -> str:
    """`text` with each old text (which must occur exactly once) replaced."""
    for old, new in replacements:
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
        text = text.replace(old, new)
    return text


def problems_of(path: Path) -> list:
    """All problems `prepare` reports for a file."""
    return list(prepare(path).problems)


def example_in_yuan(tmp_path: Path, name: str, *replacements: tuple[str, str]) -> Path:
    """The CPC-style example rewritten with every amount in 元, then text replaced as in edited_example."""
    money = (
        r"(一般财力: |上年: |金额: |资金来源: |货物: |工程: |服务: |预留: |价值: |家具价值: |资产价值: "
        r"|公务用车运行费: |\b30\d{3}: |\b2[012]\d{5}: |\{302: )(\d+(?:\.\d+)?)"
    )

    def scale(match: re.Match) -> str:
        return f"{match.group(1)}{Decimal(match.group(2)) * 10000:f}"

    text = (EXAMPLES / f"{name}.yaml").read_text(encoding="utf-8").replace("单位: 万元", "单位: 元")
    text = "".join(line if "本年:" in line else re.sub(money, scale, line) for line in text.splitlines(keepends=True))
    text = replaced(text, replacements)
    path = tmp_path / f"{name}-yuan.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def built_docx(built_examples):
    """Each example rendered to DOCX bytes once per session."""
    return {name: outputs["docx"] for name, outputs in built_examples.items()}


@pytest.fixture(scope="session")
def built_examples(prepared_examples):
    """Each example rendered to DOCX and PDF (one composition) once per session."""
    from disclosure_gen.build import render

    return {name: render(prepared) for name, prepared in prepared_examples.items()}
