"""Crash-safe file writes (temp file, fsync, rename, fsync folder) and best-effort shredding."""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

_CHUNK = 1 << 20


def fsync_dir(directory: Path) -> None:
    """Make a rename or unlink in `directory` durable (a no-op where folders cannot be opened)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:  # Windows cannot open a folder; NTFS journals the rename itself
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def atomic_write_bytes(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Replace `path` with `data` so that a crash leaves either the old or the new file, whole."""
    temp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), mode)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    fsync_dir(path.parent)


def replace_durably(source: Path, target: Path) -> None:
    """Rename `source` over `target` and make the rename durable."""
    os.replace(source, target)
    fsync_dir(target.parent)


def secure_delete(path: Path) -> None:
    """Overwrite a file with random bytes, fsync, then unlink it (missing files are ignored).

    Best effort only: SSD wear levelling, copy-on-write file systems, journals and snapshots may
    keep older copies of the blocks, which only full-disk encryption protects.
    """
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return
    with path.open("r+b") as handle:
        remaining = size
        while remaining > 0:
            chunk = min(remaining, _CHUNK)
            handle.write(secrets.token_bytes(chunk))
            remaining -= chunk
        handle.flush()
        os.fsync(handle.fileno())
        handle.truncate(0)
        handle.flush()
        os.fsync(handle.fileno())
    path.unlink()
    fsync_dir(path.parent)
