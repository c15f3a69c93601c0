"""`msc-desk --self-test`: every check passes here, and a missing resource is named."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import msc_desk.resources
from msc_desk.models.migrate import MIGRATIONS_DIR
from msc_desk.self_test import (
    DOMAIN_CHECKS,
    Check,
    SelfTestFailure,
    check_pdf,
    check_resources,
    run_checks,
)

ROOT = Path(__file__).resolve().parents[1]


def test_the_database_pdf_and_export_checks_pass(tmp_path: Path) -> None:
    checks = [check for check in DOMAIN_CHECKS if check.run is not check_resources]
    outcomes = run_checks(checks, tmp_path)

    assert [outcome.line() for outcome in outcomes] == [
        "ok    encrypted database and migrations",
        "ok    PDF with Cyrillic text",
        "ok    export batch",
    ]


def test_an_empty_resources_folder_is_named_file_by_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(msc_desk.resources, "resource_root", lambda: tmp_path)

    with pytest.raises(SelfTestFailure) as refused:
        check_resources(tmp_path)

    message = str(refused.value)
    for missing in (
        "resources/translations",
        "resources/fonts/DejaVuSans.ttf",
        "resources/fonts/DejaVuSans-BoldOblique.ttf",
        "resources/icons/msc-desk.png",
        "resources/icons/msc-desk.ico",
    ):
        assert missing in message


def test_one_missing_font_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    resources = tmp_path / "resources"
    shutil.copytree(ROOT / "resources", resources)
    (resources / "translations" / "app_ru.qm").write_bytes(b"")  # any *_ru.qm will do here
    (resources / "fonts" / "DejaVuSans-Oblique.ttf").unlink()
    monkeypatch.setattr(msc_desk.resources, "resource_root", lambda: resources)

    with pytest.raises(SelfTestFailure, match=r"^missing resources/fonts/DejaVuSans-Oblique\.ttf$"):
        check_resources(tmp_path)


def test_translations_without_compiled_files_are_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    resources = tmp_path / "resources"
    shutil.copytree(ROOT / "resources", resources, ignore=shutil.ignore_patterns("*.qm"))
    monkeypatch.setattr(msc_desk.resources, "resource_root", lambda: resources)

    with pytest.raises(SelfTestFailure, match=r"resources/translations/\*_ru\.qm"):
        check_resources(tmp_path)


def test_migrations_without_their_environment_are_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    resources = tmp_path / "resources"
    shutil.copytree(ROOT / "resources", resources)
    (resources / "translations" / "app_ru.qm").write_bytes(b"")
    monkeypatch.setattr(msc_desk.resources, "resource_root", lambda: resources)
    migrations = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, migrations, ignore=shutil.ignore_patterns("env.py"))
    monkeypatch.setattr("msc_desk.models.migrate.MIGRATIONS_DIR", migrations)

    with pytest.raises(SelfTestFailure, match=r"^missing migrations/env\.py$"):
        check_resources(tmp_path)


def test_the_pdf_check_fails_when_the_font_is_not_embedded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import msc_desk.reports.page as page

    real = page.render_pdf
    monkeypatch.setattr(
        page, "render_pdf", lambda *a, **k: real(*a, **k).replace(b"DejaVuSans", b"Helvetica!")
    )

    with pytest.raises(SelfTestFailure, match="DejaVu Sans"):
        check_pdf(tmp_path)


def test_a_failing_check_does_not_hide_the_next(tmp_path: Path) -> None:
    def broken(_: Path) -> None:
        raise FileNotFoundError("no resource fonts/DejaVuSans.ttf under /x")

    outcomes = run_checks((Check("fonts", broken), Check("fine", lambda _: None)), tmp_path)

    assert [outcome.line() for outcome in outcomes] == [
        "FAIL  fonts: FileNotFoundError: no resource fonts/DejaVuSans.ttf under /x",
        "ok    fine",
    ]
