"""The application's version and the licences of the libraries it runs on (package metadata)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import metadata

from msc_desk import __version__

DISTRIBUTION = "msc-desk"
_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")


@dataclass(frozen=True)
class Library:
    name: str
    version: str
    licence: str


def app_version() -> str:
    """The installed (or bundled) package's version; the source tree's when not installed."""
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return __version__


# Recognized licence texts, for packages whose metadata names none (only a License-File).
_LICENCE_TEXTS = (
    ("Permission is hereby granted, free of charge", "MIT"),
    ("provided 'as-is', without any express or implied warranty", "Zlib"),
    ("Apache License", "Apache-2.0"),
    ("Redistribution and use in source and binary forms", "BSD"),
)


def licence_of(distribution: metadata.Distribution) -> str:
    """The SPDX expression, short License field, classifiers, or the licence file recognized."""
    meta = distribution.metadata
    expression = meta["License-Expression"]
    if expression:
        return str(expression)
    field = str(meta["License"] or "").strip()
    if field and field.upper() != "UNKNOWN" and len(field) <= 60 and "\n" not in field:
        return field
    classifiers = [
        text.split("::")[-1].strip()
        for text in meta.get_all("Classifier") or []
        if text.startswith("License ::")
    ]
    if classifiers:
        return ", ".join(classifiers)
    for name in meta.get_all("License-File") or []:
        text = distribution.read_text(f"licenses/{name}") or distribution.read_text(name) or ""
        flat = " ".join(text.split())
        for phrase, licence in _LICENCE_TEXTS:
            if phrase in flat:
                return licence
    return field.splitlines()[0][:60] if field else "unknown"


def _requirement_name(text: str) -> str | None:
    """The distribution a requirement names, or None for one only an extra asks for."""
    if "extra ==" in text.replace('extra=="', 'extra == "'):
        return None
    match = _NAME.match(text)
    return match.group(1) if match else None


def bundled_libraries(root: str = DISTRIBUTION) -> list[Library]:
    """Every installed library `root` depends on, directly or not, sorted by name."""
    seen: dict[str, Library] = {}
    try:
        pending = list(metadata.requires(root) or [])
    except metadata.PackageNotFoundError:
        return []  # a source tree that was never installed: no metadata to read
    while pending:
        name = _requirement_name(pending.pop())
        if name is None or _key(name) in seen:
            continue
        try:
            distribution = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue  # a platform-only dependency (tzdata on Windows)
        seen[_key(name)] = Library(
            distribution.metadata["Name"], distribution.version, licence_of(distribution)
        )
        pending.extend(distribution.requires or [])
    return sorted(seen.values(), key=lambda library: library.name.lower())


def _key(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()
