"""The `msc-desk` command: the application by default, subcommands for headless work."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from msc_desk.app_info import APP_NAME, default_data_dir
from msc_desk.cli_export import EXPORT_COMMANDS, add_export_commands


def _parser(argv: Sequence[str]) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="msc-desk", description=APP_NAME)
    parser.add_argument("--data-dir", type=Path, help="folder of the database (default: user data)")
    parser.add_argument("--lang", choices=("ru", "en"), help="interface language (default: ru)")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check the installation (database, translations, PDF, export) and exit",
    )
    commands = parser.add_subparsers(dest="command")
    demo = commands.add_parser("demo", help="create a demo trial with synthetic patients")
    demo.add_argument(
        "--data-dir",
        type=Path,
        dest="demo_data_dir",
        help="a new folder for the demo (default: the user data folder, if empty)",
    )
    demo.add_argument("--patients", default="36", help="patients screened, 1-10000 (default 36)")
    wanted = set(argv) & {"center", "report", *EXPORT_COMMANDS, "-h", "--help"}
    # The center's and the reports' tools load their own stacks: the start-up skips them.
    if wanted & {"center", "-h", "--help"}:
        from msc_desk.center.commands import add_center_commands

        add_center_commands(commands)
    if wanted & {"report", "-h", "--help"}:
        from msc_desk.report_commands import add_report_commands

        add_report_commands(commands)
    if wanted & {*EXPORT_COMMANDS, "-h", "--help"}:
        add_export_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `msc-desk` console script."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    args = _parser(arguments).parse_args(arguments)
    if args.self_test:
        return _self_test()
    if args.command == "demo":
        return _demo(args)
    if args.command in EXPORT_COMMANDS:
        from msc_desk.cli_export import run_export_command

        try:
            print(run_export_command(args))  # noqa: T201
        except (OSError, ValueError) as exc:
            print(f"msc-desk {args.command}: {one_line(exc)}", file=sys.stderr)  # noqa: T201
            return 2
        return 0
    if args.command == "center":
        from msc_desk.center.commands import run_center_command

        try:
            print(run_center_command(args))  # noqa: T201
        except (OSError, ValueError) as exc:
            print(f"msc-desk center: {one_line(exc)}", file=sys.stderr)  # noqa: T201
            return 2
        return 0
    if args.command == "report":
        return _report(args)
    try:
        data_dir = args.data_dir or default_data_dir()
    except OSError as exc:
        print(f"msc-desk: the user data folder: {one_line(exc)}", file=sys.stderr)  # noqa: T201
        return 2
    problem = data_dir_problem(data_dir)
    if problem is not None:
        print(f"msc-desk: {problem}", file=sys.stderr)  # noqa: T201
        return 2
    from msc_desk.ui.startup import run_application

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


def _self_test() -> int:
    # Headless where there is no display: a ward laptop's scheduler, a build server.
    headless = sys.platform != "win32" and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    )
    if headless:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        from msc_desk.ui.self_test import run_self_test
    except ImportError as exc:
        print(f"msc-desk --self-test FAILED: cannot load {exc.name or exc}", file=sys.stderr)  # noqa: T201
        return 1
    return run_self_test()


def _report(args: argparse.Namespace) -> int:
    from msc_desk.report_commands import run_report_command
    from msc_desk.security.credentials import SignInError
    from msc_desk.security.policy import InputRefused
    from msc_desk.services.patients import PatientNotFound
    from msc_desk.services.permissions import PermissionDenied
    from msc_desk.services.reports import ReportError

    refused = (
        InputRefused,
        SignInError,
        PermissionDenied,
        PatientNotFound,
        ReportError,
        OSError,
        ValueError,
    )
    try:
        print(run_report_command(args))  # noqa: T201
    except refused as exc:
        print(f"msc-desk report: {one_line(exc)}", file=sys.stderr)  # noqa: T201
        return 2
    return 0


def _demo(args: argparse.Namespace) -> int:
    from msc_desk.services.demo import (
        DemoExistsError,
        DemoSizeError,
        check_demo_size,
        create_demo_trial,
    )

    try:
        screened = check_demo_size(_whole_number(args.patients))
        data_dir = args.demo_data_dir or args.data_dir or default_data_dir()
        summary = create_demo_trial(data_dir, screened=screened)
    except (DemoExistsError, DemoSizeError, OSError) as exc:
        print(f"msc-desk demo: {exc}", file=sys.stderr)  # noqa: T201
        return 2
    print(summary.describe())  # noqa: T201
    return 0


def _whole_number(text: str) -> int | str:
    """`text` as an int when it is one (a refusal then names the original text)."""
    try:
        return int(text.strip())
    except ValueError:
        return text


if __name__ == "__main__":
    raise SystemExit(main())
