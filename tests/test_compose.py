"""Composition on its own: the Document tree of each example, and the input's text kept as text.

The golden dumps in tests/golden/document/ are the reviewed Document trees. After an intended
change, regenerate them with `UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_compose.py`
and review the diff (`git diff tests/golden/document/`) before committing.
"""

from __future__ import annotations

import os

import pytest

from disclosure_gen.compose import compose

from .conftest import ALL_EXAMPLES, ROOT
from .document_dump import document_dump

GOLDEN = ROOT / "tests" / "golden" / "document"


@pytest.mark.parametrize("name", ALL_EXAMPLES)
def test_the_document_tree_of_each_example_is_as_reviewed(name, prepared_examples):
    prepared = prepared_examples[name]
    actual = document_dump(compose(prepared.data, prepared.figures, prepared.template))
    golden = GOLDEN / f"{name}.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(actual, encoding="utf-8")
    assert actual == golden.read_text(encoding="utf-8")
