"""The Qt half of the self-test: translations, icon, and the whole run with its exit code."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

import msc_desk.resources
from msc_desk.cli import main
from msc_desk.self_test import SelfTestFailure
from msc_desk.ui.self_test import check_translations, run_self_test

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def resources(tmp_path: Path, compiled_translations: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of resources/ as the bundle carries it: the translations compiled."""
    folder = tmp_path / "resources"
    shutil.copytree(ROOT / "resources", folder, ignore=shutil.ignore_patterns("*.qm", "*.ts"))
    for qm in compiled_translations.glob("*.qm"):
        shutil.copy(qm, folder / "translations" / qm.name)
    monkeypatch.setattr(msc_desk.resources, "resource_root", lambda: folder)
    return folder


@pytest.mark.usefixtures("resources")
def test_the_whole_self_test_passes(qapp: QApplication) -> None:
    out = io.StringIO()

    assert run_self_test(out) == 0
    lines = out.getvalue().splitlines()
    assert lines[-1] == "self-test passed"
    assert "ok    Russian translations (the application's and Qt's)" in lines
    assert not [line for line in lines if line.startswith("FAIL")]


@pytest.mark.usefixtures("resources")
def test_the_command_line_runs_it(qapp: QApplication, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--self-test"]) == 0
    assert capsys.readouterr().out.endswith("self-test passed\n")


def test_an_empty_resources_folder_fails_the_run_and_names_what_is_missing(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(msc_desk.resources, "resource_root", lambda: tmp_path)
    out = io.StringIO()

    assert run_self_test(out) == 1
    report = out.getvalue()
    assert "FAIL  resources: SelfTestFailure: missing resources/translations" in report
    assert "resources/fonts/DejaVuSans.ttf" in report
    assert "FAIL  application icon" in report
    assert report.splitlines()[-1].startswith("self-test FAILED: resources")


def test_a_missing_app_translation_is_named(
    qapp: QApplication, resources: Path, tmp_path: Path
) -> None:
    (resources / "translations" / "app_ru.qm").unlink()

    with pytest.raises(SelfTestFailure, match=r"missing translation app_ru\.qm"):
        check_translations(tmp_path)


def test_a_translation_that_leaves_the_text_in_english_is_refused(
    qapp: QApplication, resources: Path, tmp_path: Path
) -> None:
    # An app_ru.qm compiled from a catalogue without the probed string.
    shutil.copy(resources / "translations" / "ward_ru.qm", resources / "translations" / "app_ru.qm")

    with pytest.raises(SelfTestFailure, match=r"app_ru\.qm does not translate"):
        check_translations(tmp_path)


@pytest.mark.usefixtures("resources")
def test_without_standard_output_the_report_goes_to_a_file(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdout", None)
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))

    assert run_self_test() == 0
    report = (tmp_path / "msc-desk-self-test.txt").read_text(encoding="utf-8")
    assert report.endswith("self-test passed\n")
