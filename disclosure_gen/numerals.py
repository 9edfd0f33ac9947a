"""Chinese numerals for section, table and item numbering (一, 十一, 二十)."""

from __future__ import annotations

_CHINESE_NUMERALS = "一二三四五六七八九十"


def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 11 → 十一, 20 → 二十 (enough for section and table numbering)."""
    if n <= 10:
        return _CHINESE_NUMERALS[n - 1]
    tens, ones = divmod(n, 10)
    prefix = "" if tens == 1 else _CHINESE_NUMERALS[tens - 1]
    return prefix + "十" + (_CHINESE_NUMERALS[ones - 1] if ones else "")
