"""The `msc-desk` command: the application by default, subcommands for headless work."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from msc_desk.center.commands import add_center_commands, run_center_command
from msc_desk.cli_export import EXPORT_COMMANDS, add_export_commands, run_export_command

APP_NAME = "MSC Desk"
ORGANIZATION = "NMIC Hematology"


def default_data_dir() -> Path:
    """The user's data folder (QStandardPaths.AppDataLocation), created if missing."""
    from PySide6.QtCore import QCoreApplication, QStandardPaths

    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APP_NAME)
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    path = Path(location)
    path.mkdir(parents=True, exist_ok=True)
    return path


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="msc-desk", description=APP_NAME)
    parser.add_argument("--data-dir", type=Path, help="folder of the database (default: user data)")
    parser.add_argument("--lang", choices=("ru", "en"), help="interface language (default: ru)")
    commands = parser.add_subparsers(dest="command")
    demo = commands.add_parser("demo", help="create a demo trial with synthetic patients")
    demo.add_argument("--data-dir", type=Path, dest="demo_data_dir")
    demo.add_argument("--patients", type=int, default=36, help="patients screened (default 36)")
    add_center_commands(commands)
    add_export_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `msc-desk` console script."""
    args = _parser().parse_args(argv)
    if args.command == "demo":
        return _demo(args)
    if args.command in EXPORT_COMMANDS:
        try:
            print(run_export_command(args))  # noqa: T201
        except (OSError, ValueError) as exc:
            print(f"msc-desk {args.command}: {one_line(exc)}", file=sys.stderr)  # noqa: T201
            return 2
        return 0
    if args.command == "center":
        try:
            print(run_center_command(args))  # noqa: T201
        except (OSError, ValueError) as exc:
            print(f"msc-desk center: {one_line(exc)}", file=sys.stderr)  # noqa: T201
            return 2
        return 0
    try:
        data_dir = args.data_dir or default_data_dir()
    except OSError as exc:
        print(f"msc-desk: the user data folder: {one_line(exc)}", file=sys.stderr)  # noqa: T201
        return 2
    problem = data_dir_problem(data_dir)
    if problem is not None:
        print(f"msc-desk: {problem}", file=sys.stderr)  # noqa: T201
        return 2
    from msc_desk.ui.app import run_application

    return run_application(data_dir, language=args.lang)


def one_line(error: Exception) -> str:
    """An error's message on one line (library messages may span several)."""
    return " ".join(str(error).split()) or type(error).__name__


def data_dir_problem(data_dir: Path) -> str | None:
    """Why `data_dir` cannot hold the database (one line), or None when it can (or can be made)."""
    try:
        if data_dir.exists() and not data_dir.is_dir():
            return f"--data-dir {data_dir} is a file, not a folder"
        existing = next((p for p in (data_dir, *data_dir.parents) if p.exists()), None)
    except OSError as exc:
        return f"--data-dir {data_dir}: {exc.strerror or exc}"
    if existing is None or not existing.is_dir():
        return f"--data-dir {data_dir}: no such folder can be made there"
    if not os.access(existing, os.R_OK | os.W_OK | os.X_OK):
        return f"--data-dir {data_dir}: {existing} cannot be read or written"
    return None


def _demo(args: argparse.Namespace) -> int:
    from msc_desk.services.demo import DemoExistsError, create_demo_trial

    data_dir = args.demo_data_dir or args.data_dir or default_data_dir()
    try:
        summary = create_demo_trial(data_dir, screened=args.patients)
    except DemoExistsError as exc:
        print(f"msc-desk demo: {exc}", file=sys.stderr)  # noqa: T201
        return 2
    print(summary.describe())  # noqa: T201
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
