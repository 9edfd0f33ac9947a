"""The built-in template sets, installed as the package data `disclosure_gen.templates` (see pyproject.toml)."""
