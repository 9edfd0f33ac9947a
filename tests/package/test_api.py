"""The public API an embedding program uses: only the names `disclosure_gen` exports."""

from __future__ import annotations

import importlib.metadata
import io
import subprocess
import sys
import zipfile

import pypdf
import pytest

import disclosure_gen

from ..conftest import EXAMPLES, edited_example

NPC = "changji-npc-office-2023"


def test_every_exported_name_exists_and_the_version_is_the_installed_one():
    assert all(hasattr(disclosure_gen, name) for name in disclosure_gen.__all__)
    assert disclosure_gen.__version__ == importlib.metadata.version("disclosure-gen")


@pytest.mark.slow
def test_an_example_is_prepared_rendered_and_written_through_the_public_api(tmp_path):
    prepared = disclosure_gen.prepare(EXAMPLES / f"{NPC}.yaml")
    assert isinstance(prepared, disclosure_gen.Prepared) and prepared.ok
    outputs = disclosure_gen.render(prepared, disclosure_gen.BuildOptions(formats=disclosure_gen.FORMATS))
    assert set(outputs) == {"docx", "pdf", "xlsx"} and disclosure_gen.DEFAULT_FORMATS == ("docx", "pdf")
    assert "xl/workbook.xml" in zipfile.ZipFile(io.BytesIO(outputs["xlsx"])).namelist()
    assert "word/document.xml" in zipfile.ZipFile(io.BytesIO(outputs["docx"])).namelist()
    assert "昌吉市人大常委会办公室" in pypdf.PdfReader(io.BytesIO(outputs["pdf"])).pages[0].extract_text()
    written = disclosure_gen.write_outputs(prepared, disclosure_gen.BuildOptions(formats=("docx",)), tmp_path)
    assert [p.name for p in written] == ["昌吉市人大常委会办公室-2023.docx"]
    assert written[0].read_bytes() == outputs["docx"]


def test_bad_input_is_reported_as_problems_not_raised(tmp_path):
    bad = edited_example(tmp_path, NPC, ("  30110: 28.19", "  30110: 28.20"))
    prepared = disclosure_gen.prepare(bad)
    assert not prepared.ok
    errors = [p for p in prepared.problems if p.level is disclosure_gen.Level.ERROR]
    assert "personnel-tie" in {p.check for p in errors}
    assert all(p.location.file == bad for p in errors)


@pytest.mark.slow
def test_importing_the_package_does_not_load_the_pdf_renderer():
    code = "import sys, disclosure_gen; print('weasyprint' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "False"


def test_rendering_a_department_with_errors_is_refused_with_a_chinese_message(tmp_path):
    bad = edited_example(tmp_path, NPC, ("  30110: 28.19", "  30110: 28.20"))
    prepared = disclosure_gen.prepare(bad)
    for attempt in (lambda: disclosure_gen.render(prepared), lambda: disclosure_gen.write_outputs(prepared, disclosure_gen.BuildOptions(), tmp_path / "out")):
        try:
            attempt()
        except disclosure_gen.NotReadyError as error:
            assert str(bad) in str(error) and "disclosure-gen check" in str(error)
        else:
            raise AssertionError("a department with errors was rendered")
    assert not (tmp_path / "out").exists()
