"""DejaVu Sans from resources/fonts, registered once as a family (base fonts lack Cyrillic)."""

from __future__ import annotations

import threading

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from msc_desk.resources import resource_path

FAMILY = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"
BOLD_ITALIC = "DejaVuSans-BoldOblique"
_FACES = (FAMILY, BOLD, ITALIC, BOLD_ITALIC)
_lock = threading.Lock()
_registered = False


def register_fonts() -> str:
    """Register the four faces and their family (once per process); return the family name.

    Raises:
        FileNotFoundError: a font file is missing from resources/fonts.
    """
    global _registered
    with _lock:
        if not _registered:
            for face in _FACES:
                pdfmetrics.registerFont(TTFont(face, str(resource_path("fonts", f"{face}.ttf"))))
            pdfmetrics.registerFontFamily(
                FAMILY, normal=FAMILY, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC
            )
            _registered = True
    return FAMILY
