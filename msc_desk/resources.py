"""The one accessor for files under resources/, in the source tree and in a PyInstaller bundle."""

from __future__ import annotations

import sys
from pathlib import Path


def resource_root() -> Path:
    """The resources folder: beside the package in the source tree, or in the bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle is not None:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[1] / "resources"


def resource_path(*parts: str) -> Path:
    """The path of a resource file or folder, e.g. ``resource_path("translations")``.

    Raises:
        FileNotFoundError: no such resource (or a part tries to leave the resources folder).
    """
    root = resource_root()
    if not parts or any(part in ("", ".", "..") or "/" in part or "\\" in part for part in parts):
        raise FileNotFoundError(f"not a resource name: {parts!r}")
    path = root.joinpath(*parts)
    if not path.exists():
        raise FileNotFoundError(f"no resource {'/'.join(parts)} under {root}")
    return path
