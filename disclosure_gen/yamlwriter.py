"""Writing YAML the way `yamlsource` reads it back: Decimal amounts as typed, Chinese as is, no aliases."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import yaml


class _Dumper(yaml.SafeDumper):
    """Writes Decimal amounts as plain YAML numbers, exactly as typed, and never an alias."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


_Dumper.add_representer(Decimal, lambda dumper, value: dumper.represent_scalar("tag:yaml.org,2002:float", f"{value:f}"))


def dump_yaml(data: Any) -> str:
    """`data` as YAML text, keys in their order, one line per value."""
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)
