"""`msc-desk center enroll-device, revoke-device, key-bundle, import`: batches from laptops."""

from __future__ import annotations

import argparse
from pathlib import Path

from sqlalchemy import Engine

from msc_desk.center.center_keys import device_key_id, key_bundle, load_import_keys
from msc_desk.center.central_db import enroll_device, open_central_database, revoke_device
from msc_desk.center.importer import BatchRejected, import_batches
from msc_desk.exchange import BatchFileError, EnvelopeError, read_batch
from msc_desk.exchange.batch import batch_folder_name
from msc_desk.exchange.canonical import is_sha256_hex, paper_fingerprint
from msc_desk.exchange.enrolment import read_enrolment
from msc_desk.protocol import STUDY
from msc_desk.security.files import atomic_write_bytes
from msc_desk.timekeeping import system_clock

EXCHANGE_COMMANDS = ("enroll-device", "revoke-device", "key-bundle", "import")


class ImportIncomplete(ValueError):
    """Some batches were not imported; the message is the whole report."""


def add_exchange_commands(actions: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the device, key bundle and import commands under `center`."""
    enroll = actions.add_parser("enroll-device", help="allow a laptop to send batches")
    enroll.add_argument("--db", required=True, help="central database URL")
    enroll.add_argument(
        "--from",
        dest="enrolment_file",
        type=Path,
        help="the laptop's enrolment file (msc-desk export --device-key); needs --fingerprint",
    )
    enroll.add_argument(
        "--fingerprint", help="the device key fingerprint as read on paper from the laptop"
    )
    enroll.add_argument("--device-id", help="without --from: the device id")
    enroll.add_argument("--public-key", help="without --from: its Ed25519 public key, 64 hex")
    enroll.add_argument(
        "--registry-fingerprint", help="without --from: SHA-256 of its first key registry entry"
    )
    enroll.add_argument("--site")
    revoke = actions.add_parser("revoke-device", help="refuse every further batch of a laptop")
    revoke.add_argument("--db", required=True, help="central database URL")
    revoke.add_argument("--device-id", required=True)
    revoke.add_argument("--reason", required=True)
    bundle = actions.add_parser("key-bundle", help="sign the center's public keys for laptops")
    bundle.add_argument("--key", type=Path, required=True, help="the center root key file")
    bundle.add_argument("--out", type=Path, required=True, help="the bundle file to write")
    batches = actions.add_parser("import", help="check and import batches into the central DB")
    batches.add_argument("batches", type=Path, nargs="+", metavar="BATCH")
    batches.add_argument("--db", required=True, help="central database URL")
    batches.add_argument(
        "--identity", type=Path, action="append", required=True, help="age identity file"
    )
    batches.add_argument("--receipt-key", type=Path, required=True, help="receipt signing key")
    batches.add_argument("--receipts", type=Path, required=True, help="folder for the receipts")


def run_exchange_command(args: argparse.Namespace) -> str:
    """Carry out one of `EXCHANGE_COMMANDS`; return what to print.

    Raises:
        ValueError: a refusal (ImportIncomplete when any batch was not imported).
    """
    if args.center_command == "key-bundle":
        if args.out.exists():
            raise FileExistsError(f"{args.out} exists; a key bundle is never overwritten")
        atomic_write_bytes(args.out, key_bundle(args.key, now=system_clock()), mode=0o644)
        return f"Key bundle for the laptops: {args.out}"
    engine = open_central_database(args.db)
    try:
        if args.center_command == "enroll-device":
            return _enroll(engine, args)
        if args.center_command == "revoke-device":
            revoke_device(engine, args.device_id, args.reason, system_clock())
            return f"Device {args.device_id} revoked: its batches are refused from now on"
        return _import(engine, args)
    finally:
        engine.dispose()


def _enroll(engine: Engine, args: argparse.Namespace) -> str:
    if args.enrolment_file is not None:
        return _enroll_from_file(engine, args)
    if args.device_id is None or args.public_key is None or args.registry_fingerprint is None:
        raise ValueError(
            "give --from FILE --fingerprint TEXT, or --device-id, --public-key and "
            "--registry-fingerprint"
        )
    try:
        public_key = bytes.fromhex(args.public_key)
        key_id = device_key_id(public_key)
    except ValueError as exc:
        raise ValueError("--public-key: not a 64-hex Ed25519 public key") from exc
    if not is_sha256_hex(args.registry_fingerprint):
        raise ValueError("--registry-fingerprint: 64 lower-case hex digits")
    enroll_device(
        engine,
        device_id=args.device_id,
        signing_public_key=public_key,
        key_id=key_id,
        registry_fingerprint=args.registry_fingerprint,
        site=args.site,
        enrolled_at=system_clock(),
    )
    return f"Device {args.device_id} enrolled; its key fingerprint is {paper_fingerprint(key_id)}"


def _enroll_from_file(engine: Engine, args: argparse.Namespace) -> str:
    if not args.fingerprint:
        raise ValueError("--fingerprint: the device key fingerprint read on paper is required")
    if not args.enrolment_file.is_file():
        raise ValueError(f"--from {args.enrolment_file}: no such file")
    enrolment = read_enrolment(args.enrolment_file.read_bytes(), args.fingerprint)
    if enrolment.study != STUDY:
        raise ValueError(f"the enrolment file is for study {enrolment.study}, not {STUDY}")
    if args.site is not None and args.site != enrolment.site:
        raise ValueError(f"the laptop says site {enrolment.site}, not {args.site}")
    enroll_device(
        engine,
        device_id=enrolment.device_id,
        signing_public_key=enrolment.signing_public_key,
        key_id=enrolment.key_fingerprint,
        registry_fingerprint=enrolment.registry_fingerprint,
        site=enrolment.site,
        enrolled_at=system_clock(),
    )
    return (
        f"Device {enrolment.device_id} of site {enrolment.site} enrolled; its key fingerprint "
        f"{paper_fingerprint(enrolment.key_fingerprint)} matches the one read on paper"
    )


def _import(engine: Engine, args: argparse.Namespace) -> str:
    keys = load_import_keys(args.identity, args.receipt_key)
    args.receipts.mkdir(parents=True, exist_ok=True)
    lines, failed = [], False
    paths = sorted(args.batches, key=_ledger_order)
    try:
        results = import_batches(engine, paths, keys, study=STUDY)
    except BatchRejected as exc:  # the whole call rolled back
        raise ImportIncomplete(f"REJECTED every batch given, nothing imported: {exc}") from exc
    for path, result in zip(paths, results, strict=True):
        if isinstance(result, BatchRejected):
            failed = True
            lines.append(f"REJECTED {path}: {result}")
            continue
        envelope_name = batch_folder_name(
            read_batch(path).envelope.study, result.device_id, result.sequence
        )
        receipt_path = args.receipts / f"receipt-{envelope_name}.json"
        atomic_write_bytes(receipt_path, result.receipt, mode=0o644)
        what = (
            "already imported, nothing changed"
            if result.already_imported
            else (f"imported, {result.rows} rows")
        )
        lines.append(
            f"{path}: device {result.device_id} batch {result.sequence} {what}; "
            f"receipt {receipt_path}"
        )
    report = "\n".join(lines)
    if failed:
        raise ImportIncomplete(report)
    return report


def _ledger_order(path: Path) -> tuple[str, int]:
    """Batches of each device in sequence order, whatever order they were given in."""
    try:
        envelope = read_batch(path).envelope
    except (BatchFileError, EnvelopeError, OSError):
        return ("", 0)
    return (envelope.device_id, envelope.sequence)
