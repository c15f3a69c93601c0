"""The payload ZIP: manifest.json, one CSV per table, the audit JSON Lines and given files."""

# Names inside the ZIP: manifest.json, tables/<table>.csv, audit_log.jsonl, and each extra file
# under its own plain name. The manifest repeats the envelope's shared fields and, per file, its
# SHA-256, size and row count (null for files that are not tables or the audit log).

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from msc_desk.exchange.canonical import (
    GENESIS_HASH,
    canonical_json,
    is_sha256_hex,
    sha256_hex,
    strict_json_object,
)
from msc_desk.exchange.envelope import SHARED_FIELDS, Envelope, check_shared_fields
from msc_desk.exchange.tables import read_table_csv, table_csv

MANIFEST = "manifest.json"
AUDIT_FILE = "audit_log.jsonl"
TABLE_FOLDER = "tables/"
MANIFEST_FORMAT = "msc-desk-batch-manifest/1"
MAX_MANIFEST_BYTES = 4 * 1024 * 1024
MAX_PAYLOAD_FILES = 1000
MAX_UNZIPPED_BYTES = 2 * 1024 * 1024 * 1024
_TABLE_NAME = re.compile(r"[a-z][a-z0-9_]{0,62}")
_FILE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
# Deflate's fastest level: about a third larger than the default level, seven times faster on
# the table CSVs (the payload is read by any unzip tool all the same).
_DEFLATE_LEVEL = 1


class PayloadError(ValueError):
    """A payload that does not match its manifest or envelope; the message says where."""


@dataclass(frozen=True)
class AuditHead:
    rows: int
    head: str


@dataclass(frozen=True)
class Payload:
    """A checked payload: its manifest and every file's bytes, by name inside the ZIP."""

    manifest: dict[str, Any]
    files: dict[str, bytes]
    manifest_bytes: bytes
    tables: dict[str, tuple[list[str], list[list[str]]]] = field(repr=False)
    audit_hashes: list[str] = field(default_factory=list, repr=False)
    """The `entry_hash` of each audit line, in order (read once, when the payload is opened)."""
    _columns: dict[str, list[tuple[str, ...]]] = field(
        default_factory=dict, repr=False, compare=False
    )

    def audit_head(self) -> AuditHead:
        hashes = self.audit_hashes
        return AuditHead(len(hashes), hashes[-1] if hashes else GENESIS_HASH)

    def table_names(self) -> list[str]:
        return sorted(self.tables)

    def table(self, name: str) -> tuple[list[str], list[list[str]]]:
        """Header and rows of a table, cells as written in the CSV (see `restore_cell`)."""
        return self.tables[name]

    def columns(self, name: str) -> list[tuple[str, ...]]:
        """The cells of a table a column at a time, in header order (worked out once)."""
        known = self._columns.get(name)
        if known is None:
            header, rows = self.tables[name]
            known = list(zip(*rows, strict=True)) if rows else [() for _ in header]
            self._columns[name] = known
        return known

    @property
    def audit_jsonl(self) -> bytes:
        return self.files[AUDIT_FILE]


def audit_entry_hashes(audit_jsonl: bytes) -> list[str]:
    """The `entry_hash` of each line of an audit JSON Lines file, in order.

    Raises:
        ValueError: a line that is not a JSON object with a SHA-256 hex `entry_hash`.
    """
    hashes: list[str] = []
    lines = audit_jsonl.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    for number, line in enumerate(lines, start=1):
        try:
            entry = json.loads(line)
        except ValueError as exc:
            raise ValueError(f"audit line {number} is not JSON") from exc
        value = entry.get("entry_hash") if isinstance(entry, dict) else None
        if not isinstance(value, str) or not is_sha256_hex(value):
            raise ValueError(f"audit line {number} has no entry_hash")
        hashes.append(value)
    return hashes


def _audit_hashes(audit_jsonl: bytes, known: tuple[bytes, list[str]] | None) -> list[str]:
    """`audit_entry_hashes`, reading only what follows a known log of whole lines."""
    if known is None or not known[0].endswith(b"\n") or not audit_jsonl.startswith(known[0]):
        return audit_entry_hashes(audit_jsonl)
    try:
        return known[1] + audit_entry_hashes(audit_jsonl[len(known[0]) :])
    except ValueError:  # the line numbers of the message count from the log's start
        return audit_entry_hashes(audit_jsonl)


def audit_head(audit_jsonl: bytes) -> AuditHead:
    """Row count and last entry hash of the audit log (the genesis hash when it is empty)."""
    hashes = audit_entry_hashes(audit_jsonl)
    return AuditHead(len(hashes), hashes[-1] if hashes else GENESIS_HASH)


def build_payload(
    shared_fields: Mapping[str, Any],
    tables: Mapping[str, Sequence[Mapping[str, Any]]],
    extra_files: Mapping[str, bytes],
    audit_jsonl: bytes,
    columns: Mapping[str, Sequence[str]] | None = None,
    audit_rows: int | None = None,
) -> bytes:
    """The payload ZIP bytes (deterministic for the same input).

    `audit_rows` is the number of entries of `audit_jsonl` when the caller has counted them.

    Raises:
        ValueError: a bad table or file name, or a table that cannot be written as CSV.
    """
    files: dict[str, tuple[bytes, int | None]] = {}
    for name, rows in tables.items():
        if not _TABLE_NAME.fullmatch(name):
            raise ValueError(f"table name {name!r}: lower-case letters, digits and _")
        wanted = (columns or {}).get(name)
        files[f"{TABLE_FOLDER}{name}.csv"] = (table_csv(rows, wanted), len(rows))
    if audit_rows is None:
        audit_rows = len(audit_entry_hashes(audit_jsonl))
    files[AUDIT_FILE] = (audit_jsonl, audit_rows)
    for name, data in extra_files.items():
        if not _FILE_NAME.fullmatch(name) or name in (MANIFEST, AUDIT_FILE):
            raise ValueError(f"file name {name!r} is not allowed in a batch")
        files[name] = (bytes(data), None)
    manifest = dict(shared_fields) | {
        "manifest_format": MANIFEST_FORMAT,
        "files": {
            name: {"sha256": sha256_hex(data), "bytes": len(data), "rows": rows}
            for name, (data, rows) in files.items()
        },
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        _add(archive, MANIFEST, canonical_json(manifest) + b"\n")
        for name in sorted(files):
            _add(archive, name, files[name][0])
    return buffer.getvalue()


def _add(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    archive.writestr(info, data, compresslevel=_DEFLATE_LEVEL)


def open_payload(
    zip_bytes: bytes, envelope: Envelope, known_audit: tuple[bytes, list[str]] | None = None
) -> Payload:
    """Unpack a decrypted payload and check it against its manifest and the envelope.

    `known_audit` may give an audit log read before (its bytes, whole lines, and the entry hash
    of each line): a log that starts with it has only its further lines read.

    Raises:
        PayloadError: not a ZIP, a manifest that differs from the envelope, a file missing,
            extra or with another hash, a row count that differs, an unreadable table.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(zip_bytes))
    except zipfile.BadZipFile as exc:
        raise PayloadError("the decrypted payload is not a ZIP archive") from exc
    with archive:
        infos = archive.infolist()
        names = [info.filename for info in infos]
        if len(names) > MAX_PAYLOAD_FILES or len(set(names)) != len(names):
            raise PayloadError("the payload has too many or repeated file names")
        if sum(info.file_size for info in infos) > MAX_UNZIPPED_BYTES:
            raise PayloadError("the payload unpacks to more than the allowed size")
        if MANIFEST not in names:
            raise PayloadError("the payload has no manifest.json")
        try:
            files = {name: archive.read(name) for name in names}
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise PayloadError(f"the payload ZIP is damaged ({exc})") from exc
    manifest_bytes = files.pop(MANIFEST)
    manifest = _manifest(manifest_bytes, envelope)
    listed: dict[str, Any] = manifest["files"]
    if set(listed) != set(files):
        missing, extra = sorted(set(listed) - set(files)), sorted(set(files) - set(listed))
        raise PayloadError(
            f"payload files differ from the manifest: missing {missing}, unlisted {extra}"
        )
    tables: dict[str, tuple[list[str], list[list[str]]]] = {}
    audit_hashes: list[str] = []
    for name, data in files.items():
        entry = listed[name]
        if sha256_hex(data) != entry["sha256"] or len(data) != entry["bytes"]:
            raise PayloadError(f"{name}: its SHA-256 differs from the manifest")
        if _is_table(name):
            try:
                tables[name[len(TABLE_FOLDER) : -4]] = read_table_csv(data)
            except ValueError as exc:
                raise PayloadError(f"{name}: {exc}") from exc
        if name == AUDIT_FILE:
            try:
                audit_hashes = _audit_hashes(data, known_audit)
            except ValueError as exc:
                raise PayloadError(f"{name}: {exc}") from exc
        _check_rows(name, len(audit_hashes), entry["rows"], tables)
    return Payload(manifest, files, manifest_bytes, tables, audit_hashes)


def _manifest(data: bytes, envelope: Envelope) -> dict[str, Any]:
    try:
        manifest = strict_json_object(data, limit=MAX_MANIFEST_BYTES, what="manifest.json")
    except ValueError as exc:
        raise PayloadError(str(exc)) from exc
    if manifest.get("manifest_format") != MANIFEST_FORMAT:
        raise PayloadError("manifest.json: unknown manifest format")
    expected = set(SHARED_FIELDS) | {"manifest_format", "files"}
    if set(manifest) != expected:
        raise PayloadError("manifest.json: fields differ from the format")
    check_shared_fields(manifest, PayloadError)
    shared = envelope.shared_fields()
    differing = sorted(name for name in SHARED_FIELDS if manifest[name] != shared[name])
    if differing:
        raise PayloadError(f"manifest.json differs from the envelope in: {', '.join(differing)}")
    listed = manifest["files"]
    if not isinstance(listed, dict) or AUDIT_FILE not in listed:
        raise PayloadError("manifest.json: the file list is missing or has no audit log")
    for name, entry in listed.items():
        ok = (
            isinstance(entry, dict)
            and set(entry) == {"sha256", "bytes", "rows"}
            and is_sha256_hex(entry["sha256"])
            and isinstance(entry["bytes"], int)
            and (entry["rows"] is None or isinstance(entry["rows"], int))
        )
        if not ok:
            raise PayloadError(f"manifest.json: the entry of {name} is malformed")
    return manifest


def _check_rows(
    name: str,
    audit_rows: int,
    rows: int | None,
    tables: dict[str, tuple[list[str], list[list[str]]]],
) -> None:
    counted: int | None
    if name == AUDIT_FILE:
        counted = audit_rows
    elif _is_table(name):
        counted = len(tables[name[len(TABLE_FOLDER) : -4]][1])
    else:
        counted = None
    if counted != rows:
        raise PayloadError(f"{name}: {counted} rows, the manifest says {rows}")


def _is_table(name: str) -> bool:
    return (
        name.startswith(TABLE_FOLDER)
        and name.endswith(".csv")
        and _TABLE_NAME.fullmatch(name[len(TABLE_FOLDER) : -4]) is not None
    )
