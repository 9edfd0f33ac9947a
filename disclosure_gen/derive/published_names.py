"""Projects as the disclosure names them: a secret project under its cover name."""

from __future__ import annotations

from ..model import DisclosureInput
from ..numerals import chinese_numeral


def public_names(data: DisclosureInput) -> dict[str, str]:
    """Each project's name as published: a secret project's cover name (涉密项目一, …) instead."""
    names, secret = {}, 0
    for project in data.projects:
        if project.secret:
            secret += 1
            names[project.name] = project.cover_name or f"涉密项目{chinese_numeral(secret)}"
        else:
            names[project.name] = project.name
    return names
