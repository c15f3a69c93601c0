"""`msc-desk export` and `msc-desk import-receipt`: the export for the center, from a terminal."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from msc_desk.services.workspace import OpenWorkspace

EXPORT_COMMANDS = ("export", "import-receipt")


def add_export_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    export = commands.add_parser("export", help="write the next batch for the coordinating center")
    export.add_argument("--data-dir", type=Path, dest="export_data_dir", required=True)
    export.add_argument("--user", required=True, help="the exporting user's name")
    target = export.add_mutually_exclusive_group(required=True)
    target.add_argument("--out", type=Path, help="folder that receives the batch")
    target.add_argument(
        "--device-key",
        type=Path,
        metavar="FILE",
        help="write this laptop's signed enrolment file for the center instead of a batch",
    )
    receipt = commands.add_parser("import-receipt", help="take the center's receipt of a batch")
    receipt.add_argument("--data-dir", type=Path, dest="export_data_dir", required=True)
    receipt.add_argument("--user", required=True)
    receipt.add_argument("receipt", type=Path, help="the receipt file from the center")


def read_password(prompt: str = "Password: ") -> str:
    """Asked at a terminal; read from standard input (one line) when that is not a terminal."""
    if sys.stdin.isatty():
        return getpass.getpass(prompt)
    return sys.stdin.readline().rstrip("\r\n")


def run_export_command(args: argparse.Namespace) -> str:
    """Carry out `export` or `import-receipt`; return what to print.

    Raises:
        ValueError: any refusal, with its message on one line (the caller exits 2).
    """
    from msc_desk.cli import data_dir_problem

    problem = data_dir_problem(args.export_data_dir)
    if problem is None and not args.export_data_dir.is_dir():
        problem = f"--data-dir {args.export_data_dir}: no such folder"
    if problem is not None:
        raise ValueError(problem)
    if args.command == "export" and args.device_key is not None:
        if args.device_key.exists():
            raise ValueError(f"--device-key {args.device_key}: the file exists")
    elif args.command == "export":
        if not args.out.is_dir():
            raise ValueError(f"--out {args.out}: no such folder")
    elif not args.receipt.is_file():
        raise ValueError(f"{args.receipt}: no such file")
    workspace = _sign_in(args.export_data_dir, args.user, read_password())
    try:
        if args.command == "export" and args.device_key is not None:
            return _device_key(workspace, args.device_key)
        if args.command == "export":
            return _export(workspace, args.out)
        return _receipt(workspace, args.receipt)
    finally:
        workspace.close()


def _sign_in(data_dir: Path, user: str, password: str) -> OpenWorkspace:
    from msc_desk.security.credentials import SignInError
    from msc_desk.services.workspace import WorkspaceError, sign_in

    try:
        return sign_in(data_dir, user, password)
    except SignInError as exc:
        raise ValueError(f"sign-in refused: {exc.code}") from exc
    except WorkspaceError as exc:
        raise ValueError(f"the workspace cannot be opened: {exc}") from exc


def _export(workspace: OpenWorkspace, out: Path) -> str:
    from msc_desk.exchange import BatchFileError
    from msc_desk.services.export import export_batch
    from msc_desk.services.export_identifiers import IdentifiersFound
    from msc_desk.services.export_keys import ExportKeyError
    from msc_desk.services.permissions import PermissionDenied

    try:
        result = export_batch(workspace.factory, workspace.actor, out)
    except IdentifiersFound as exc:
        places = "; ".join(finding.describe() for finding in exc.findings)
        raise ValueError(f"export refused, identifying text to fix: {places}") from exc
    except ExportKeyError as exc:
        raise ValueError(f"export refused: {exc.message}") from exc
    except PermissionDenied as exc:
        raise ValueError(f"export refused: {workspace.actor.username} may not export") from exc
    except (BatchFileError, FileExistsError) as exc:
        raise ValueError(f"the batch could not be written: {exc}") from exc
    return (
        f"Exported batch {result.sequence}: {result.path} ({result.rows} rows, "
        f"{result.audit_rows} audit entries); envelope SHA-256 {result.envelope_sha256}"
    )


def _device_key(workspace: OpenWorkspace, out: Path) -> str:
    from msc_desk.services.device_enrolment import EnrolmentRefused, export_device_key
    from msc_desk.services.permissions import PermissionDenied

    try:
        done = export_device_key(workspace.factory, workspace.actor, out)
    except EnrolmentRefused as exc:
        raise ValueError(f"device key not exported: {exc}") from exc
    except PermissionDenied as exc:
        raise ValueError(
            f"device key not exported: {workspace.actor.username} may not export"
        ) from exc
    return (
        f"Enrolment file of device {done.device_id}: {done.path}\n"
        f"Device key fingerprint (give it to the center on paper): {done.key_fingerprint}\n"
        f"Key registry fingerprint: {done.registry_fingerprint}"
    )


def _receipt(workspace: OpenWorkspace, path: Path) -> str:
    from msc_desk.services.export_keys import ExportKeyError
    from msc_desk.services.export_receipts import ReceiptRefused, import_receipt
    from msc_desk.services.permissions import PermissionDenied

    try:
        done = import_receipt(workspace.factory, workspace.actor, path.read_bytes())
    except (ReceiptRefused, ExportKeyError) as exc:
        raise ValueError(f"receipt refused: {exc.message}") from exc
    except PermissionDenied as exc:
        raise ValueError("receipt refused: this user may not export") from exc
    state = "was acknowledged already" if done.already else "is acknowledged"
    return f"Batch {done.sequence} {state}"
