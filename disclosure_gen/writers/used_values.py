"""WeasyPrint's `resolve_percentages` replaced by an exact equivalent that costs about half as much."""

from __future__ import annotations

import hashlib
import sys
from functools import cache
from math import inf
from pathlib import Path
from typing import Any

from weasyprint.css.functions import check_math
from weasyprint.css.properties import Dimension
from weasyprint.formatting_structure.boxes import Box, PageBox
from weasyprint.layout import percent

# sha256 of the weasyprint/layout/percent.py the replacement mirrors (WeasyPrint 70.0).
MIRRORED_SOURCE = "bac190e240dce17b4342feb99423e8232433d3727c0833897f50fed88cb163a2"
ORIGINAL = percent.resolve_percentages
_BORDER_WIDTHS = ("border_top_width", "border_right_width", "border_bottom_width", "border_left_width")


@cache
def weasyprint_source_is_mirrored() -> bool:
    """Whether the installed WeasyPrint has exactly the `percent.py` this module was written against."""
    return hashlib.sha256(Path(percent.__file__).read_bytes()).hexdigest() == MIRRORED_SOURCE


def resolve_percentages_faster(enabled: bool = True) -> bool:
    """Puts the replacement (or, not enabled, WeasyPrint's own) in every WeasyPrint module that uses it.

    WeasyPrint calls `resolve_percentages` for every box it lays out (8,000 times for one of our
    documents, each resolving 13 lengths through two function calls and a `getattr`): 8–10% of the
    PDF's time. The replacement answers plain lengths and percentages inline, with WeasyPrint's own
    arithmetic, and hands everything else (`calc()`, `auto`, `none`) to WeasyPrint's `percentage`,
    so the boxes get the same used values. It is installed only over the exact source it mirrors; another WeasyPrint keeps its
    own. Returns whether the replacement is now in use. tests/test_used_values.py proves the bytes
    unchanged and fails when WeasyPrint's source moves on.
    """
    wanted = resolve_percentages if enabled and weasyprint_source_is_mirrored() else ORIGINAL
    for name, module in list(sys.modules.items()):
        if name.startswith("weasyprint.") and getattr(module, "resolve_percentages", None) in (ORIGINAL, resolve_percentages):
            module.resolve_percentages = wanted
    return wanted is resolve_percentages


def resolve_percentages(box: Any, containing_block: Any) -> None:
    """Sets the box's used margins, paddings, sizes and border widths, as WeasyPrint's own does."""
    if isinstance(containing_block, Box):
        cb_width, cb_height = containing_block.width, containing_block.height
    else:
        cb_width, cb_height = containing_block
    maybe_height = cb_height if isinstance(box, PageBox) else cb_width
    style = box.style
    box.margin_left = _used(style["margin_left"], style, cb_width)
    box.margin_right = _used(style["margin_right"], style, cb_width)
    box.margin_top = _used(style["margin_top"], style, maybe_height)
    box.margin_bottom = _used(style["margin_bottom"], style, maybe_height)
    box.padding_left = _used(style["padding_left"], style, cb_width)
    box.padding_right = _used(style["padding_right"], style, cb_width)
    box.padding_top = _used(style["padding_top"], style, maybe_height)
    box.padding_bottom = _used(style["padding_bottom"], style, maybe_height)
    box.width = _used(style["width"], style, cb_width)
    box.min_width = _used_minimum(style["min_width"], style, cb_width)
    box.max_width = _used(style["max_width"], style, cb_width)
    if cb_height == "auto":
        box.height = _height_in_auto_block(style["height"])
        box.min_height = _used_minimum(style["min_height"], style, 0)
        box.max_height = _used(style["max_height"], style, inf)
    else:
        box.height = _used(style["height"], style, cb_height)
        box.min_height = _used_minimum(style["min_height"], style, cb_height)
        box.max_height = _used(style["max_height"], style, cb_height)
    collapse = style["border_collapse"] == "collapse"
    for name in _BORDER_WIDTHS:
        if not (collapse and hasattr(box, name)):  # collapsed widths were set by border conflict resolution
            setattr(box, name, style[name])
    percent.adjust_box_sizing(box, "width")
    percent.adjust_box_sizing(box, "height")


def _used(value: Any, style: Any, refer_to: Any) -> Any:
    """WeasyPrint's `percentage`, with plain lengths and percentages answered without a call."""
    if value.__class__ is Dimension:
        unit = value.unit
        if unit == "%":
            return refer_to * value.value / 100
        if unit is not None:
            return value.value
    return percent.percentage(value, style, refer_to)


def _used_minimum(value: Any, style: Any, refer_to: Any) -> Any:
    used = _used(value, style, refer_to)
    return 0 if used == "auto" else used


def _height_in_auto_block(height: Any) -> Any:
    """A height inside a block whose own height depends on its content: percentages become auto."""
    if height == "auto" or check_math(height) or height.unit == "%":
        return "auto"
    assert height.unit.lower() == "px"
    return height.value
