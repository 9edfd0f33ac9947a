"""The Bayingol 2023 disclosure regenerated with the bayingol-2023 template set, against the publication.

tests/published/bayingol-cpc-office-2023.yaml pins each figure the publication prints to its seed line;
the document is compared with the seed paragraph by paragraph, and every remaining difference is
listed below with its reason. The published errors (FORMAT.md) are shown corrected, each with the
check that flags the data that would cause it.
"""

from __future__ import annotations

import re
import subprocess
from decimal import Decimal

import pytest
from docx.text.paragraph import Paragraph

from disclosure_gen.build import render, write_outputs, BuildOptions
from disclosure_gen.compose.numbers import Formatter
from disclosure_gen.pipeline import prepare
from disclosure_gen.report import to_jsonable
from disclosure_gen.templateset import InvalidTemplateError, NumberStyle, load_template_set, search_folders

from .conftest import EXAMPLES, edited_example, problems_of
from .docx_text import body_items, open_docx, table_rows
from .figure_paths import as_decimal, resolve
from .test_published_figures import _expectations, _seed_lines, required_paths

NAME = "bayingol-cpc-office-2023"
PINNED = [pytest.param(e, id=e["at"]) for e in _expectations(NAME)["figures"]]
ERRORS = [pytest.param(e, id=e["at"]) for e in _expectations(NAME)["published_errors"]]
PARTS_ONE_AND_THREE = range(1, 1052)  # seed lines up to 第四部分 名词解释
PERFORMANCE_LINES = range(457, 1049)  # the two 项目支出绩效目标表, flattened
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


@pytest.fixture(scope="module")
def prepared():
    return prepare(EXAMPLES / f"{NAME}.yaml")


@pytest.fixture(scope="module")
def figures(prepared):
    return to_jsonable(prepared.figures)


@pytest.fixture(scope="module")
def disclosure(prepared):
    """The disclosure (parts 一, 三, 四) as DOCX and PDF bytes."""
    return render(prepared)


@pytest.fixture(scope="module")
def tables_apart(prepared):
    """The tables published apart (part 二) as DOCX and PDF bytes."""
    return render(prepared, apart=True)


def normalised(text: str) -> str:
    """Text without any whitespace: the seed is a PDF's text, broken into lines at the page width."""
    return re.sub(r"\s+", "", text)


def numbers(text: str) -> set[Decimal]:
    return {Decimal(n) for n in _NUMBER.findall(text)}


def docx_text(data: bytes) -> str:
    lines = []
    for item in body_items(open_docx(data)):
        lines += [item.text] if isinstance(item, Paragraph) else ["\t".join(row) for row in table_rows(item)]
    return "\n".join(lines)


def pdf_text(data: bytes) -> str:
    return subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True).stdout.decode()


# --- figures pinned to the seed's lines ---------------------------------------------------------


@pytest.mark.parametrize("entry", PINNED + ERRORS)
def test_pinned_figure_is_printed_on_its_seed_line(entry):
    line = _seed_lines(NAME)[entry["line"] - 1]
    printed = Decimal(str(entry.get("published", entry.get("value"))))
    assert printed in numbers(line), f"seed line {entry['line']} does not print {printed}: {line}"


@pytest.mark.parametrize("entry", PINNED)
def test_derived_figure_equals_published(entry, figures):
    assert as_decimal(resolve(figures, entry["at"])) == Decimal(str(entry["value"]))


@pytest.mark.parametrize("entry", ERRORS)
def test_published_error_is_corrected(entry, figures):
    derived = as_decimal(resolve(figures, entry["at"]))
    assert derived == Decimal(str(entry["derived"])) != Decimal(str(entry["published"]))


def test_every_share_change_and_total_of_the_text_is_pinned(prepared):
    """Every figure the text prints has an expectation; table totals do not: the tables are published apart."""
    data = _expectations(NAME)
    covered = {e["at"] for e in data["figures"] + data["published_errors"]}
    required = {path for path in required_paths(prepared.figures) if not path.startswith("tables.")}
    assert sorted(required - covered) == []


@pytest.mark.parametrize("kind", ["docx", "pdf"])
def test_every_figure_of_parts_one_and_three_is_in_the_document(kind, disclosure):
    """Each number on a seed line of parts 一 and 三 is printed, except the published errors."""
    lines = _seed_lines(NAME)
    errors = {(e["line"], Decimal(str(e["published"]))) for e in _expectations(NAME)["published_errors"]}
    printed = numbers(docx_text(disclosure["docx"]) if kind == "docx" else pdf_text(disclosure["pdf"]))
    missing = [
        (n, number) for n in PARTS_ONE_AND_THREE for number in numbers(lines[n - 1])
        if number not in printed and (n, number) not in errors
    ]
    assert missing == []
    assert all(number not in printed for _, number in errors)
