"""`msc-desk report ...`: print a report to a PDF file from a shell, after signing in."""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from msc_desk.security.files import atomic_write_bytes
from msc_desk.security.layout import workspace_exists

if TYPE_CHECKING:
    from msc_desk.services.workspace import OpenWorkspace


class ReportCommandError(ValueError):
    """A report command refused before anything is read (a bad argument)."""


def _no_arguments(parser: argparse.ArgumentParser) -> None:
    del parser


@dataclass(frozen=True)
class ReportKind:
    """One `report` subcommand: its name, how it builds the PDF, and any arguments of its own.

    `build` gets the signed-in workspace and the parsed arguments (e.g. `--patient`).
    """

    name: str
    help: str
    build: Callable[[OpenWorkspace, argparse.Namespace], bytes]
    add_arguments: Callable[[argparse.ArgumentParser], None] = _no_arguments


def _screening_log(workspace: OpenWorkspace, args: argparse.Namespace) -> bytes:
    from msc_desk.services.reports import print_screening_log

    return print_screening_log(workspace.factory, workspace.actor, include_demo=workspace.is_demo)


def _blank_forms(workspace: OpenWorkspace, args: argparse.Namespace) -> bytes:
    from msc_desk.services.reports import print_blank_forms

    return print_blank_forms()


def _casebook(workspace: OpenWorkspace, args: argparse.Namespace) -> bytes:
    from msc_desk.services.casebook import print_casebook

    return print_casebook(workspace.factory, workspace.actor, args.patient)


def _casebook_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--patient", required=True, metavar="STUDY_ID", help="the study id")


def _summary(workspace: OpenWorkspace, args: argparse.Namespace) -> bytes:
    from msc_desk.services.trial_summary import print_summary

    return print_summary(workspace.factory, workspace.actor, include_demo=workspace.is_demo)


KINDS = (
    ReportKind(
        "screening-log",
        "CONSORT counts and every screened patient (no identifiers)",
        _screening_log,
    ),
    ReportKind("blank-forms", "blank paper back-up forms of every protocol visit", _blank_forms),
    ReportKind(
        "casebook",
        "one patient's casebook: every form, queries, signatures, audit summary",
        _casebook,
        _casebook_arguments,
    ),
    ReportKind(
        "summary",
        "the trial summary by arm (arms A/B for a blinded reviewer)",
        _summary,
    ),
)
"""Every `report` subcommand."""


def add_report_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `report <kind> --data-dir DIR --user NAME --out FILE` under the main parser."""
    report = commands.add_parser("report", help="print a report to a PDF file")
    kinds = report.add_subparsers(dest="report_kind", required=True)
    for kind in KINDS:
        parser = kinds.add_parser(kind.name, help=kind.help)
        parser.add_argument("--data-dir", type=Path, dest="report_data_dir", required=True)
        parser.add_argument("--user", required=True, help="the user who prints (password asked)")
        parser.add_argument("--out", type=Path, required=True, help="the PDF file to write")
        kind.add_arguments(parser)


def read_password(prompt: str = "Password: ") -> str:
    """From the terminal without echo, or the first line of standard input when piped."""
    if sys.stdin is not None and sys.stdin.isatty():
        return getpass.getpass(prompt)
    line = sys.stdin.readline() if sys.stdin is not None else ""
    return line.rstrip("\r\n")


def check_out_path(out: Path) -> None:
    """Refuse an output that is not a .pdf file in an existing folder.

    The suffix rule keeps a typo from replacing the database or its key slots.
    """
    if out.suffix.lower() != ".pdf":
        raise ReportCommandError(f"--out {out}: the file name must end in .pdf")
    if out.is_dir():
        raise ReportCommandError(f"--out {out} is a folder")
    if not out.parent.is_dir():
        raise ReportCommandError(f"--out {out}: the folder {out.parent} does not exist")


def run_report_command(
    args: argparse.Namespace, password: Callable[[], str] = read_password
) -> str:
    """Sign in, build the report, write it; return what to print.

    Raises:
        ReportCommandError: a bad --out.
        SignInError, WorkspaceError: the sign-in was refused or there is no workspace.
        PermissionDenied: the user's role may not read what the report shows.
        OSError: the file cannot be written.
    """
    from msc_desk.services.workspace import sign_in

    kind = next(item for item in KINDS if item.name == args.report_kind)
    out: Path = args.out
    check_out_path(out)
    data_dir: Path = args.report_data_dir
    if not workspace_exists(data_dir):
        raise ReportCommandError(f"--data-dir {data_dir} holds no MSC Desk workspace")
    workspace = sign_in(data_dir, args.user, password())
    try:
        pdf = kind.build(workspace, args)
    finally:
        workspace.close()
    atomic_write_bytes(out, pdf, mode=0o600)
    return f"{kind.name}: {out} ({len(pdf) // 1024 + 1} KB)"
