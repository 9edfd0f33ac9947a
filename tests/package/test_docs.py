"""The documentation stays true to the code."""

import re

import jinja2

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


def _section(text: str, heading: str) -> str:
    """The text of a docs section, from its heading to the next heading of the same or a higher level."""
    level = heading.split(" ")[0]
    start = text.index(heading + "\n")
    following = [text.find("\n" + "#" * n + " ", start + len(heading)) for n in range(1, len(level) + 1)]
    ends = [i for i in following if i != -1]
    return text[start : min(ends) if ends else len(text)]


TEMPLATES_MD = ROOT / "docs" / "templates.md"


def test_every_name_a_text_template_can_use_is_documented():
    from disclosure_gen.compose.context import CONTEXT, FILTERS, fields_of, members_of, reachable_types
    from disclosure_gen.derive import Figures

    reference = _section(TEMPLATES_MD.read_text(encoding="utf-8"), "## 模板可用的数据")
    missing = [f"`{name}`" for name in (*CONTEXT, *FILTERS) if f"| `{name}` |" not in reference]
    missing += [f"`f.{name}`" for name in fields_of(Figures) if f"| `f.{name}` |" not in reference]
    rows = {line.split("|")[1].strip(): line for line in reference.splitlines() if line.startswith("| ")}
    for kind in reachable_types((Figures,))[1:]:
        row = rows.get(kind.__name__, "")
        missing += [f"{kind.__name__}.{name}" for name in (*fields_of(kind), *members_of(kind)) if not re.search(f"`{name}[`(]", row)]
    assert not missing, f"missing from docs/templates.md「模板可用的数据」: {missing}"


def test_the_filters_documented_are_the_filters_templates_get():
    from disclosure_gen.compose import text_environment
    from disclosure_gen.compose.context import FILTERS
    from disclosure_gen.compose.numbers import Formatter
    from disclosure_gen.templateset import load_template_set

    template = load_template_set("changji-2023")
    ours = set(text_environment(template, Formatter(template.numbers)).filters) - set(jinja2.Environment().filters)
    assert ours == set(FILTERS)


def test_every_block_of_the_base_text_template_is_documented():
    source = (ROOT / "templates" / "changji-2023" / "text" / "document.j2").read_text(encoding="utf-8")
    blocks = re.findall(r"\{% block (\w+)", source)
    reference = _section(TEMPLATES_MD.read_text(encoding="utf-8"), "### 可改写的 block")
    assert blocks and not [b for b in blocks if f"`{b}`" not in reference]


def test_every_table_option_is_documented():
    from disclosure_gen.tablespec import TableSpec

    reference = _section(TEMPLATES_MD.read_text(encoding="utf-8"), "## 表的定义（tables.yaml）")
    assert not [name for name in TableSpec.model_fields if f"{name}:" not in reference]


def test_every_performance_form_option_and_field_is_documented():
    from typing import get_args

    from disclosure_gen.formspec import (
        ColumnField, DepartmentColumn, DepartmentField, DepartmentForm, HeaderField, ProjectForm, TaskField, TaskList,
    )

    reference = _section(TEMPLATES_MD.read_text(encoding="utf-8"), "## 绩效目标表（set.yaml 的 performance_form）")
    options = [f"{name}:" for form in (ProjectForm, DepartmentForm, TaskList) for name in form.model_fields]
    literals = (HeaderField, ColumnField, DepartmentField, TaskField, DepartmentColumn)
    fields = [f"`{name}`" for literal in literals for name in get_args(literal)]
    assert not [item for item in (*options, *fields) if item not in reference]
