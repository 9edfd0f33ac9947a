"""The in-process cache of compiled templates reuses code only while the template's source is unchanged."""

from __future__ import annotations

import jinja2

from disclosure_gen.compiled_templates import ProcessBytecodeCache


def _environment(folder, cache) -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(folder), bytecode_cache=cache)


def test_a_new_environment_reuses_the_compiled_template(tmp_path, monkeypatch):
    (tmp_path / "t.j2").write_text("甲{{ x }}", encoding="utf-8")
    cache = ProcessBytecodeCache()
    assert _environment(tmp_path, cache).get_template("t.j2").render(x=1) == "甲1"
    compiled = []
    monkeypatch.setattr(jinja2.Environment, "_compile", lambda self, *a: compiled.append(a) or None)
    assert _environment(tmp_path, cache).get_template("t.j2").render(x=2) == "甲2"
    assert compiled == []


def test_an_edited_template_is_compiled_again(tmp_path):
    path = tmp_path / "t.j2"
    path.write_text("甲{{ x }}", encoding="utf-8")
    cache = ProcessBytecodeCache()
    _environment(tmp_path, cache).get_template("t.j2").render(x=1)
    path.write_text("乙{{ x }}", encoding="utf-8")
    assert _environment(tmp_path, cache).get_template("t.j2").render(x=1) == "乙1"
