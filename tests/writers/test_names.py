"""A department's name in file names and metadata: shortened safely, never carrying invisible or path characters."""

from __future__ import annotations

import io

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from disclosure_gen.cli import main
from disclosure_gen.names import NAME_BYTES, PROPERTY_CHARS, output_stem

from ..conftest import edited_example
from ..docx_text import open_docx, text_dump

NPC = "changji-npc-office-2023"
TEMPORARY_OVERHEAD = len(".") + len(".12345678.part")  # the temporary file's name around the output's


def long_name(characters: int) -> str:
    return ("新疆维吾尔自治区昌吉回族自治州昌吉市人大常委会办公室" * 20)[:characters]


@pytest.mark.slow
@pytest.mark.parametrize("characters", [77, 300])
def test_a_long_name_is_shortened_in_file_names_and_metadata_but_not_in_the_text(characters, tmp_path):
    name = long_name(characters)
    source = edited_example(tmp_path, NPC, ("  名称: 昌吉市人大常委会办公室", f"  名称: {name}"))
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output

    docx_file, pdf_file = sorted(out.iterdir())
    assert (docx_file.suffix, pdf_file.suffix) == (".docx", ".pdf") and docx_file.stem == pdf_file.stem
    kept, rest = docx_file.stem.split("~")
    assert name.startswith(kept) and len(kept.encode()) <= NAME_BYTES and rest.endswith("-2023")
    assert len(f".{docx_file.name}.".encode()) + TEMPORARY_OVERHEAD <= 255

    document = open_docx(docx_file.read_bytes())
    core = document.core_properties
    assert len(core.title) <= PROPERTY_CHARS and len(core.author) <= PROPERTY_CHARS
    assert core.title.endswith("2023年部门预算公开") and core.title.startswith(name[:70])
    assert name.startswith(core.author.rstrip("…"))
    assert name in text_dump(document)

    metadata = PdfReader(io.BytesIO(pdf_file.read_bytes())).metadata
    assert (metadata.title, metadata.author) == (core.title, core.author)


@pytest.mark.parametrize(
    "name, expected",
    [
        ("\u202e部门\u202c办公室", "部门办公室-2023"),  # right-to-left override … pop
        ("\u202a\u202b\u202d部门", "部门-2023"),  # embeddings and left-to-right override
        ("\u2066部门\u2069\u2067甲\u2068乙\u2069", "部门甲乙-2023"),  # isolates
        ("部\u200b门\u200f\ufeff", "部门-2023"),  # zero-width space, right-to-left mark, BOM
        ("部门\u2028办公室\u2029", "部门_办公室_-2023"),  # line and paragraph separators
        ("部门\u0085办公室", "部门_办公室-2023"),  # a C1 control character (next line)
        ("\u202e../\u202e../etc", "___etc-2023"),  # an override cannot hide a way out of the folder
    ],
)
def test_invisible_and_control_characters_never_reach_a_file_name(name, expected):
    assert output_stem(name, 2023) == expected


def test_two_long_names_that_begin_alike_get_different_files():
    first, second = long_name(100) + "甲", long_name(100) + "乙"
    assert output_stem(first, 2023) != output_stem(second, 2023)
    assert len(output_stem(first, 2023).encode()) <= NAME_BYTES + len("-2023")


def test_a_name_is_cut_on_a_character_boundary():
    name = "a" + "部" * 100  # 1 + 300 bytes: a cut by bytes alone would fall inside a character
    kept = output_stem(name, 2023).split("~")[0]
    assert kept == "a" + "部" * ((NAME_BYTES - 9 - 1) // 3)
