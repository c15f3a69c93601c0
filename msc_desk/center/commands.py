"""`msc-desk center ...`: the coordinating center's root key and allocation lists, from a shell."""

from __future__ import annotations

import argparse
import csv
import io
from pathlib import Path

from msc_desk.center.allocation import (
    DEFAULT_STUDY_NUMBERS,
    PlannedSlot,
    generate_allocation_list,
    key_fingerprint,
    load_center_key,
    paper_fingerprint,
    public_key_bytes,
)
from msc_desk.center.center_keys import generate_center_keys
from msc_desk.center.exchange_commands import (
    EXCHANGE_COMMANDS,
    add_exchange_commands,
    run_exchange_command,
)
from msc_desk.protocol import STUDY
from msc_desk.security.files import atomic_write_bytes
from msc_desk.timekeeping import system_clock


def add_center_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the `center` commands under the main parser."""
    center = commands.add_parser(
        "center", help="coordinating center: keys, allocation lists, devices, batch import"
    )
    actions = center.add_subparsers(dest="center_command", required=True)
    keygen = actions.add_parser(
        "keygen", help="create the center's keys and recovery sheet (never overwritten)"
    )
    keygen.add_argument("--out", type=Path, required=True, help="root private key file to create")
    listing = actions.add_parser("allocation-list", help="sign an allocation list for one laptop")
    listing.add_argument("--key", type=Path, required=True, help="the center root key file")
    listing.add_argument("--device-uid", required=True, help="the laptop's device id")
    listing.add_argument(
        "--device-key",
        required=True,
        help="the laptop's randomization public key (shown beside its device id)",
    )
    listing.add_argument("--first-slot", type=int, required=True)
    listing.add_argument("--count", type=int, required=True, help="number of slots (e.g. 40)")
    listing.add_argument(
        "--first-study-number", type=int, default=1, help="the device's first study number"
    )
    listing.add_argument(
        "--study-numbers", type=int, default=DEFAULT_STUDY_NUMBERS, help="how many study numbers"
    )
    listing.add_argument("--stratum")
    listing.add_argument("--out", type=Path, required=True, help="the signed list to write")
    listing.add_argument("--db", help="central database URL: record the list as issued")
    report = actions.add_parser("report", help="what arrived, alerts, reconciliation, merged data")
    report.add_argument("--db", required=True, help="central database URL")
    report.add_argument("--out", type=Path, required=True, help="folder for the report files")
    add_exchange_commands(actions)


def run_center_command(args: argparse.Namespace) -> str:
    """Carry out a parsed `center` command; return what to print."""
    if args.center_command == "keygen":
        return generate_center_keys(args.out, study=STUDY, now=system_clock())
    if args.center_command in EXCHANGE_COMMANDS:
        return run_exchange_command(args)
    if args.center_command == "report":
        from msc_desk.center.report_command import run_report

        return run_report(args.db, args.out)
    if args.out.exists():
        raise FileExistsError(f"{args.out} exists; a signed list is never overwritten")
    if not args.out.parent.is_dir():
        raise FileNotFoundError(f"{args.out.parent} is not a folder")
    signing_key = load_center_key(args.key)
    generated = generate_allocation_list(
        signing_key,
        study=STUDY,
        device_uid=args.device_uid,
        device_key=args.device_key,
        first_slot=args.first_slot,
        slot_count=args.count,
        first_study_number=args.first_study_number,
        study_number_count=args.study_numbers,
        stratum=args.stratum,
    )
    if args.db:
        _record_issued(args, generated.list_uid)
    atomic_write_bytes(args.out, generated.signed_file, mode=0o644)
    plan_path = args.out.with_suffix(".plan.csv")
    atomic_write_bytes(plan_path, _plan_csv(generated.plan), mode=0o600)
    fingerprint = paper_fingerprint(key_fingerprint(public_key_bytes(signing_key)))
    return (
        f"Allocation list {generated.list_uid}: slots {args.first_slot}–"
        f"{args.first_slot + args.count - 1} for device {args.device_uid}\n"
        f"Study numbers {args.first_study_number}–"
        f"{args.first_study_number + args.study_numbers - 1}\n"
        f"Signed list for the laptop: {args.out} (sealed to the laptop's randomization key)\n"
        f"Sequence, the center's secret record: {plan_path}\n"
        f"Signed with the key whose fingerprint is {fingerprint}"
    )


def _record_issued(args: argparse.Namespace, list_uid: str) -> None:
    from msc_desk.center.central_db import open_central_database, record_issued_list

    engine = open_central_database(args.db)
    try:
        record_issued_list(
            engine,
            list_uid=list_uid,
            study=STUDY,
            device_id=args.device_uid,
            first_slot=args.first_slot,
            slot_count=args.count,
            first_study_number=args.first_study_number,
            study_number_count=args.study_numbers,
            issued_at=system_clock(),
        )
    finally:
        engine.dispose()


def _plan_csv(plan: tuple[PlannedSlot, ...]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["slot", "arm", "block", "block_size"])
    for slot in plan:
        writer.writerow([slot.slot, slot.arm, slot.block, slot.block_size])
    return buffer.getvalue().encode("utf-8")
