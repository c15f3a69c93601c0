"""What the reports need travels with the app: the fonts in the bundle, poppler in the set-up."""

from __future__ import annotations

import re
from pathlib import Path

from msc_desk.reports.fonts import BOLD, BOLD_ITALIC, FAMILY, ITALIC
from msc_desk.resources import resource_path

ROOT = Path(__file__).resolve().parents[2]


def test_the_four_faces_and_their_licence_are_in_resources() -> None:
    for face in (FAMILY, BOLD, ITALIC, BOLD_ITALIC):
        assert resource_path("fonts", f"{face}.ttf").stat().st_size > 100_000
    assert "Bitstream Vera" in resource_path("fonts", "LICENSE_DEJAVU").read_text("utf-8")


def test_the_bundle_carries_the_fonts_folder() -> None:
    spec = (ROOT / "build_installer.spec").read_text("utf-8")
    # tests/test_bundle.py builds the bundle and its self-test finds every face.
    assert re.search(r'\(str\(resources / "fonts"\), "resources/fonts"\)', spec)


def test_the_system_set_up_installs_poppler() -> None:
    script = (ROOT / "scripts" / "install-system-deps.sh").read_text("utf-8")
    packages = re.search(r"^packages=\((.*?)\)$", script, re.MULTILINE | re.DOTALL)
    assert packages is not None and "poppler-utils" in packages[1].split()
