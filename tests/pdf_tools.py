"""Reading a PDF back as text and pictures with poppler (pdftotext, pdftoppm), for report tests."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path


def poppler(tool: str) -> str:
    found = shutil.which(tool)
    assert found, f"{tool} is missing: `make system-deps` installs poppler-utils"
    return found


def pdf_pages(pdf: bytes, folder: Path, *, layout: bool = False) -> list[str]:
    """The text of each page, whitespace collapsed (a wrapped cell reads as one line)."""
    source = folder / "report.pdf"
    source.write_bytes(pdf)
    mode = "-layout" if layout else "-raw"
    done = subprocess.run(
        [poppler("pdftotext"), mode, "-enc", "UTF-8", str(source), "-"],
        capture_output=True,
        check=True,
        timeout=120,
    )
    pages = done.stdout.decode("utf-8").split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return pages if layout else [" ".join(page.split()) for page in pages]


def pdf_text(pdf: bytes, folder: Path) -> str:
    """The whole document's text, whitespace collapsed."""
    return " ".join(pdf_pages(pdf, folder))


def render_pages(pdf: bytes, folder: Path, resolution: int = 60) -> list[Path]:
    """Each page as a PNG (to look at), in page order."""
    source = folder / "render.pdf"
    source.write_bytes(pdf)
    subprocess.run(
        [poppler("pdftoppm"), "-r", str(resolution), "-png", str(source), str(folder / "page")],
        check=True,
        timeout=300,
    )
    return sorted(folder.glob("page-*.png"))
