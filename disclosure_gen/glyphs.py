"""Which characters no installed font can draw, asked of fontconfig, the library the PDF renderer asks."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from functools import cache
from typing import Any

import cffi

from .errors import DisclosureError
from .yamlsource import Path_, format_path

CJK_FONT = "Noto Sans CJK SC"  # what scripts/setup.sh installs (Debian package fonts-noto-cjk)
CJK_PACKAGE = "fonts-noto-cjk"

_ffi = cffi.FFI()
_ffi.cdef("""
    typedef int FcBool;
    typedef unsigned int FcChar32;
    typedef struct _FcConfig FcConfig;
    typedef struct _FcPattern FcPattern;
    typedef struct _FcObjectSet FcObjectSet;
    typedef struct _FcCharSet FcCharSet;
    typedef struct _FcFontSet { int nfont; int sfont; FcPattern **fonts; } FcFontSet;
    typedef enum { FcResultMatch, FcResultNoMatch, FcResultTypeMismatch, FcResultNoId, FcResultOutOfMemory } FcResult;
    FcPattern *FcPatternCreate(void);
    void FcPatternDestroy(FcPattern *p);
    FcBool FcPatternAddString(FcPattern *p, const char *object, const unsigned char *s);
    FcResult FcPatternGetCharSet(FcPattern *p, const char *object, int n, FcCharSet **c);
    FcObjectSet *FcObjectSetBuild(const char *first, ...);
    void FcObjectSetDestroy(FcObjectSet *os);
    FcFontSet *FcFontList(FcConfig *config, FcPattern *p, FcObjectSet *os);
    void FcFontSetDestroy(FcFontSet *s);
    FcCharSet *FcCharSetCreate(void);
    FcBool FcCharSetMerge(FcCharSet *a, const FcCharSet *b, FcBool *changed);
    FcBool FcCharSetHasChar(const FcCharSet *fcs, FcChar32 ucs4);
""")
_INVISIBLE = {"Cc", "Cf", "Zs", "Zl", "Zp"}  # controls, format marks and spaces: nothing to draw
_LIBRARY_NAMES = ("libfontconfig.so.1", "libfontconfig-1", "fontconfig-1", "fontconfig", "libfontconfig.1.dylib", "libfontconfig-1.dll")


@cache
def _fontconfig() -> Any:
    for name in _LIBRARY_NAMES:
        try:
            return _ffi.dlopen(name)
        except OSError:
            continue
    raise OSError("fontconfig")


def _fonts(family: str | None, element: bytes) -> Any:
    """The installed fonts (of `family`, or all), each with `element` only; the caller destroys the set."""
    fc = _fontconfig()
    pattern = fc.FcPatternCreate()
    if family is not None:
        fc.FcPatternAddString(pattern, b"family", family.encode())
    objects = fc.FcObjectSetBuild(element, _ffi.NULL)
    try:
        return _ffi.gc(fc.FcFontList(_ffi.NULL, pattern, objects), fc.FcFontSetDestroy)
    finally:
        fc.FcObjectSetDestroy(objects)
        fc.FcPatternDestroy(pattern)


@cache
def _covered() -> Any:
    """The union of every installed font's characters (built once per process, kept for its life)."""
    fc = _fontconfig()
    union = fc.FcCharSetCreate()
    fonts = _fonts(None, b"charset")
    charset = _ffi.new("FcCharSet **")
    for index in range(fonts.nfont):
        if fc.FcPatternGetCharSet(fonts.fonts[index], b"charset", 0, charset) == fc.FcResultMatch:
            fc.FcCharSetMerge(union, charset[0], _ffi.NULL)  # copies: the font set may go
    return union


def uncovered(text: str) -> str:
    """The characters of `text` (each once, in code point order) that no installed font has."""
    fc, union = _fontconfig(), _covered()
    drawn = (ch for ch in set(text) if ch > "\x7f" and unicodedata.category(ch) not in _INVISIBLE)
    return "".join(sorted(ch for ch in drawn if not fc.FcCharSetHasChar(union, ord(ch))))


def font_installed(family: str) -> bool:
    """True when fontconfig knows a font of this family."""
    return _fonts(family, b"family").nfont > 0


def shown(characters: str) -> str:
    """Characters for a message, each with its code point: 「𐀀」U+10000、「􏿽」U+10FFFD."""
    return "、".join(f"「{ch}」U+{ord(ch):04X}" for ch in characters)


def texts(value: Any, path: Path_ = ()) -> Iterator[tuple[Path_, str]]:
    """Every text in plain data (a model dumped by alias), with its field path; mapping keys count as text."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield path + (key,), str(key)
            yield from texts(item, path + (key,))
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from texts(item, path + (index,))
    elif isinstance(value, str):
        yield path, value


def fields_with(data: Any, characters: str) -> tuple[str, ...]:
    """The fields of plain data whose text holds any of `characters`, as the user writes them (a.b[2].c)."""
    wanted = set(characters)
    return tuple(dict.fromkeys(format_path(path) for path, text in texts(data) if wanted & set(text)))


class MissingGlyphsError(DisclosureError):
    """Characters no installed font has would be printed as boxes; says which, where, and what to do."""

    def __init__(self, characters: str, fields: tuple[str, ...] = ()):
        where = f"，在「{'」「'.join(fields)}」中" if fields else ""
        install = "" if font_installed(CJK_FONT) else f"，或安装中文字体（Debian：apt-get install {CJK_PACKAGE}）"
        super().__init__(
            f"PDF 中有 {len(characters)} 个字符本机没有任何字体含有，会印成方框：{shown(characters[:20])}{where}；"
            f"请改用常用字或删去这些字符{install}"
        )
        self.characters = characters
