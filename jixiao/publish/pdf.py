"""PDF of a disclosure, typeset by WeasyPrint from the HTML.

WeasyPrint embeds subsets of the fonts it uses, so the PDF shows Chinese on any machine. It finds fonts
through fontconfig: Debian's ``fonts-wqy-microhei`` (installed by ``scripts/setup``) or Noto CJK. A missing
CJK font would silently print empty boxes, so :func:`write` refuses to typeset without one.
"""

from __future__ import annotations

import shutil
import subprocess
from functools import cache

from jixiao.publish import html
from jixiao.publish.document import Publication

CJK_FAMILIES = ("WenQuanYi Micro Hei", "Noto Sans CJK SC", "Noto Serif CJK SC")


class MissingFontError(RuntimeError):
    """No CJK font is installed: the PDF would show boxes instead of Chinese."""


@cache
def cjk_font() -> str:
    """The first CJK family fontconfig knows, or raise :class:`MissingFontError`."""
    if shutil.which("fc-list"):
        listing = subprocess.run(
            ["fc-list", ":lang=zh", "family"], capture_output=True, text=True, check=False
        ).stdout
        for family in CJK_FAMILIES:
            if family in listing:
                return family
    raise MissingFontError(
        "未安装中文字体 (apt-get install fonts-wqy-microhei) / no CJK font: install fonts-wqy-microhei"
    )


def write(pub: Publication) -> bytes:
    import weasyprint

    cjk_font()
    return weasyprint.HTML(string=html.render(pub)).write_pdf()  # type: ignore[no-any-return]
