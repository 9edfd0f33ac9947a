"""Characters no installed font has: the PDF would print them as boxes, so check says where they are."""

from __future__ import annotations

from collections.abc import Iterator

from ..glyphs import shown, texts, uncovered
from ..problems import Level, Problem
from .base import CheckContext
from .registry import check


@check("missing-glyph", Level.WARNING, "文字中有本机任何字体都没有的字符，PDF 中会印成方框（生成 PDF 时报错；DOCX 照常生成）")
def missing_glyph(ctx: CheckContext) -> Iterator[Problem]:
    """Each field whose text has characters fontconfig finds in no installed font, the way the renderer looks."""
    for path, text in texts(ctx.data.model_dump(by_alias=True)):
        missing = uncovered(text)
        if missing:
            yield ctx.problem(
                missing_glyph, path,
                f"本机已安装的字体都没有这些字符：{shown(missing)}；PDF 中会印成方框，生成 PDF 时会报错。请改用常用字或删去",
            )
