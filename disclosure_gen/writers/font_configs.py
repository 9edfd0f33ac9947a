"""One WeasyPrint font configuration per thread and template set, reused by every document rendered with it."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable

from weasyprint.text.fonts import FontConfiguration

# WeasyPrint makes a new FontConfiguration (a Pango font map) for each document unless it is given
# one, and about 0.2 MB of each stays allocated in C once the document is gone: a batch worker that
# had built 500 departments had grown by over 100 MB. Reused, a worker's memory stays flat (README,
# "Whole county"). One per thread, since two renders at once should not share a Pango font map; one
# per template set, since a set's @font-face rules are added to the configuration it renders with.
MAX_SETS = 8  # template sets a thread keeps a configuration for; the least recently used is dropped
_THREAD = threading.local()


def font_configuration(template_set: Hashable) -> FontConfiguration:
    """The calling thread's font configuration for documents of `template_set` (a key naming its files and stylesheet)."""
    kept: OrderedDict[Hashable, FontConfiguration] | None = getattr(_THREAD, "kept", None)
    if kept is None:
        kept = _THREAD.kept = OrderedDict()
    if template_set in kept:
        kept.move_to_end(template_set)
    else:
        kept[template_set] = FontConfiguration()
        if len(kept) > MAX_SETS:
            kept.popitem(last=False)
    return kept[template_set]
