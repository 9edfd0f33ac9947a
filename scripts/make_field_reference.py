"""Regenerates docs/fields.md from the input model: .venv/bin/python scripts/make_field_reference.py"""

from pathlib import Path

from disclosure_gen.schema import field_reference

TARGET = Path(__file__).resolve().parent.parent / "docs" / "fields.md"

if __name__ == "__main__":
    TARGET.write_text(field_reference(), encoding="utf-8")
    print(f"wrote {TARGET}")
