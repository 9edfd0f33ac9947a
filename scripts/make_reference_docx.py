"""Regenerates each template set's DOCX reference document (styles, page setup, footer).

Run after changing disclosure_gen/writers/docx_styles.py or a set's fonts:
    .venv/bin/python scripts/make_reference_docx.py
"""

from __future__ import annotations

from disclosure_gen.templateset import BUILTIN_TEMPLATES, load_template_set
from disclosure_gen.writers.archive import write_atomically
from disclosure_gen.writers.docx_styles import build_reference


def main() -> None:
    for set_file in sorted(BUILTIN_TEMPLATES.glob("*/set.yaml")):
        if not (set_file.parent / "docx").is_dir():
            continue  # the set takes its reference document from its base
        template = load_template_set(set_file.parent.name)
        target = set_file.parent / "docx" / "reference.docx"
        write_atomically(target, build_reference(template.fonts))
        print(f"wrote {target.relative_to(BUILTIN_TEMPLATES.parent)}")


if __name__ == "__main__":
    main()
