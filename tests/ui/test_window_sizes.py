"""Every window and dialog of the app opens at most 1366×700 inside: a 1366×768 screen less its
title bar and taskbar (728 px usable) holds it whole."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QWidget
from pytestqt.qtbot import QtBot
from trial_builder import NOW, _slot

import msc_desk.ui
from msc_desk.models import Arm
from msc_desk.services.clock_guard import ClockStatus
from msc_desk.services.infusion_sheet import InfusionLine
from msc_desk.services.patients import list_patients
from msc_desk.services.queries import QueryRow
from msc_desk.services.session import unit_of_work
from msc_desk.services.workspace import OpenWorkspace, sign_in
from msc_desk.ui.about_dialog import AboutDialog
from msc_desk.ui.admin.allocation_dialog import AllocationImportDialog
from msc_desk.ui.admin.center_bundle_dialog import CenterBundleDialog
from msc_desk.ui.admin.center_key_dialog import CenterKeyDialog
from msc_desk.ui.admin.settings_dialog import SiteSettingsDialog
from msc_desk.ui.admin.users_dialog import AddUserDialog, PasswordResetDialog, UsersDialog
from msc_desk.ui.audit.audit_dialog import AuditDialog
from msc_desk.ui.audit.identification_dialog import IdentificationTrailDialog
from msc_desk.ui.clock_banner import ConfirmClockDialog
from msc_desk.ui.delegation_dialog import DelegationDialog
from msc_desk.ui.device_key_dialog import DeviceKeyDialog
from msc_desk.ui.export_dialog import ExportDialog
from msc_desk.ui.first_run import FirstRunDialog, RecoveryCodeDialog
from msc_desk.ui.follow_up.adverse_event_dialog import AdverseEventDialog
from msc_desk.ui.follow_up.context import FollowUpContext
from msc_desk.ui.follow_up.queries_dialog import QueriesDialog
from msc_desk.ui.follow_up.query_dialogs import AnswerQueryDialog, RaiseQueryDialog
from msc_desk.ui.follow_up.visit_signature_dialogs import VisitSignDialog, VisitUnlockDialog
from msc_desk.ui.identification_dialog import IdentificationDialog
from msc_desk.ui.infusion.calculator_dialog import DoseCalculatorDialog
from msc_desk.ui.infusion.check_dialog import SecondCheckDialog
from msc_desk.ui.infusion.record_dialog import AdministrationDialog
from msc_desk.ui.integrity.integrity_dialog import IntegrityDialog
from msc_desk.ui.main_window import MainWindow, WindowContext
from msc_desk.ui.own_password_dialog import OwnPasswordDialog
from msc_desk.ui.report_dialog import ReportDialog
from msc_desk.ui.screening import ScreeningContext, ScreeningLogDialog, ScreeningWizard
from msc_desk.ui.screening.randomize_dialog import RandomizeDialog
from msc_desk.ui.sign_in import LockDialog, RecoveryDialog, SignInDialog
from msc_desk.ui.signature_dialog import SignatureDialog, UnsignDialog
from msc_desk.ui.trial.dashboard_window import TrialDashboardWindow
from msc_desk.ui.trial.outcome_window import TrialOutcomeWindow
from msc_desk.ui.visits.visit_dialog import VisitFormDialog

MAX_WIDTH, MAX_HEIGHT = 1366, 700

Builder = Callable[[OpenWorkspace, Path], QWidget]


def _clock() -> object:
    return NOW + timedelta(hours=1)


def _patient(ws: OpenWorkspace) -> tuple[int, str]:
    row = list_patients(ws.factory, ws.actor, NOW)[0]
    return row.patient_id, row.study_id


def _main_window(ws: OpenWorkspace, folder: Path) -> QWidget:
    context = WindowContext(folder / "msc-desk.db", "ОРИТ №2", "Ноутбук-1", False)
    settings = QSettings(str(folder / "window.ini"), QSettings.Format.IniFormat)
    window = MainWindow(ws.factory, ws.actor, context, _clock, settings=settings)
    assert window.patient_list.wait_loaded()
    return window


def _confirm_clock(ws: OpenWorkspace, folder: Path) -> QWidget:
    status = ClockStatus(NOW, NOW + timedelta(hours=1), backward=True, unconfirmed=True)
    return ConfirmClockDialog(ws.factory, ws.actor, status, folder, _clock)


def _visit_form(ws: OpenWorkspace, folder: Path) -> QWidget:
    """The baseline form (the longest) of the screened patient, randomized an hour ago."""
    patient_id, study_id = _patient(ws)
    with unit_of_work(ws.factory, ws.actor, clock=_clock) as session:  # type: ignore[arg-type]
        session.add(_slot(session, patient_id, Arm.MSC, NOW - timedelta(hours=1)))
    args = (ws.factory, ws.actor, _clock, patient_id, study_id, 0)
    return VisitFormDialog(*args, data_dir=folder)  # type: ignore[arg-type]


def _follow_up(ws: OpenWorkspace, folder: Path) -> FollowUpContext:
    return FollowUpContext(ws.factory, ws.actor, _clock, folder)


def _query() -> QueryRow:
    return QueryRow(
        query_id=1, patient_id=1, form="visit", visit_id=1, study_day=0, record_id=None,
        field="lactate", text="Лактат 3,4 не совпадает с бланком лаборатории (2,4)",
        raised_by="Монитор", raised_at=NOW, answer=None, answered_by=None, answered_at=None,
        closed_by=None, closed_at=None,
    )  # fmt: skip


_INFUSION_LINE = InfusionLine(
    1, 1, "MSC-2026-017", Decimal("1.0"), Decimal("38.0"), False, None, None, False, False
)


BUILDERS: dict[type[QWidget], Builder] = {
    MainWindow: _main_window,
    ScreeningWizard: lambda ws, _d: ScreeningWizard(ScreeningContext(ws.factory, ws.actor, _clock)),
    ScreeningLogDialog: lambda ws, _d: ScreeningLogDialog(ws.factory, ws.actor),
    AuditDialog: lambda ws, _d: AuditDialog(ws.factory, ws.actor, _clock),
    UsersDialog: lambda ws, d: UsersDialog(ws.factory, ws.actor, d, _clock),
    AddUserDialog: lambda ws, d: AddUserDialog(ws.factory, ws.actor, d, _clock),
    PasswordResetDialog: lambda _ws, _d: PasswordResetDialog("nurse"),
    CenterKeyDialog: lambda ws, _d: CenterKeyDialog(ws.factory, ws.actor, _clock),
    CenterBundleDialog: lambda ws, _d: CenterBundleDialog(ws.factory, ws.actor, _clock),
    ExportDialog: lambda ws, _d: ExportDialog(ws.factory, ws.actor, _clock),
    DeviceKeyDialog: lambda ws, _d: DeviceKeyDialog(ws.factory, ws.actor, _clock),
    AllocationImportDialog: lambda ws, d: AllocationImportDialog(ws.factory, ws.actor, d, _clock),
    SignInDialog: lambda _ws, d: SignInDialog(d, _clock, demo_accounts="a / b\n" * 6),
    RecoveryDialog: lambda _ws, d: RecoveryDialog(d, _clock),
    LockDialog: lambda _ws, d: LockDialog(d, "doctor", "Иванова Анна Сергеевна", _clock),
    FirstRunDialog: lambda _ws, d: FirstRunDialog(d / "new", _clock),
    RecoveryCodeDialog: lambda _ws, _d: RecoveryCodeDialog("ABCDE-" * 5 + "ABCDE"),
    SignatureDialog: lambda ws, d: SignatureDialog(ws.factory, ws.actor, d, _clock, *_patient(ws)),
    UnsignDialog: lambda ws, _d: UnsignDialog(ws.factory, ws.actor, _clock, *_patient(ws)),
    IdentificationDialog: lambda ws, _d: IdentificationDialog(ws.factory, ws.actor, _clock),
    IdentificationTrailDialog: lambda ws, _d: IdentificationTrailDialog(
        ws.factory, ws.actor, _clock, dict([_patient(ws)])
    ),
    SiteSettingsDialog: lambda ws, _d: SiteSettingsDialog(ws.factory, ws.actor, _clock),
    VisitFormDialog: _visit_form,
    AboutDialog: lambda ws, _d: AboutDialog(ws.factory),
    RandomizeDialog: lambda ws, _d: RandomizeDialog(
        ws.factory, ws.actor, _clock, *_patient(ws), NOW - timedelta(hours=3)
    ),
    IntegrityDialog: lambda ws, _d: IntegrityDialog(ws.factory),
    ConfirmClockDialog: _confirm_clock,
    OwnPasswordDialog: lambda ws, _d: OwnPasswordDialog(
        replace(ws, notices=("password_reset",)), _clock
    ),
    DelegationDialog: lambda ws, _d: DelegationDialog(ws.factory, ws.actor, _clock),
    AdverseEventDialog: lambda ws, d: AdverseEventDialog(_follow_up(ws, d), *_patient(ws)),
    QueriesDialog: lambda ws, d: QueriesDialog(_follow_up(ws, d), *_patient(ws)),
    RaiseQueryDialog: lambda ws, d: RaiseQueryDialog(_follow_up(ws, d), *_patient(ws)),
    AnswerQueryDialog: lambda ws, d: AnswerQueryDialog(_follow_up(ws, d), _query()),
    VisitSignDialog: lambda ws, d: VisitSignDialog(_follow_up(ws, d), 1, "MSC-MOW01-001", 7),
    VisitUnlockDialog: lambda ws, d: VisitUnlockDialog(_follow_up(ws, d), 1, "MSC-MOW01-001", 7),
    ReportDialog: lambda _ws, _d: ReportDialog("Сводка исследования", lambda _p: b"%PDF", "s.pdf"),
    TrialDashboardWindow: lambda ws, _d: TrialDashboardWindow(ws.factory, ws.actor, _clock),
    TrialOutcomeWindow: lambda ws, _d: TrialOutcomeWindow(ws.factory, ws.actor, _clock),
    DoseCalculatorDialog: lambda ws, _d: DoseCalculatorDialog(
        ws.factory, ws.actor, _clock, *_patient(ws)
    ),
    SecondCheckDialog: lambda ws, d: SecondCheckDialog(
        ws.factory, d, _clock, _patient(ws)[1], _INFUSION_LINE
    ),
    AdministrationDialog: lambda ws, _d: AdministrationDialog(
        ws.factory, ws.actor, _clock, 1, _patient(ws)[1]
    ),
}


def _top_level_classes() -> set[type[QWidget]]:
    """Every dialog, wizard and main window class defined in msc_desk.ui."""
    for module in pkgutil.walk_packages(msc_desk.ui.__path__, "msc_desk.ui."):
        importlib.import_module(module.name)
    found: set[type[QWidget]] = set()
    pending: list[type[QWidget]] = [QDialog, QMainWindow]
    while pending:
        for subclass in pending.pop().__subclasses__():
            pending.append(subclass)
            if subclass.__module__.startswith("msc_desk.ui."):
                found.add(subclass)
    return found


def test_every_window_of_the_app_is_measured() -> None:
    views = {cls for cls in _top_level_classes() if any(issubclass(b, cls) for b in BUILDERS)}
    missing = sorted(cls.__qualname__ for cls in _top_level_classes() - set(BUILDERS) - views)
    assert missing == [], "add these windows to BUILDERS: " + ", ".join(missing)


@pytest.fixture
def workspace(screened_ward: tuple[Path, str]) -> Iterator[OpenWorkspace]:
    opened = sign_in(screened_ward[0], "doctor", "doctor-pass-1", clock=lambda: NOW)
    yield opened
    opened.close()


@pytest.mark.usefixtures("russian")
@pytest.mark.parametrize("window_class", list(BUILDERS), ids=lambda cls: cls.__name__)
def test_the_window_fits_a_1366x768_screen(
    qtbot: QtBot,
    workspace: OpenWorkspace,
    screened_ward: tuple[Path, str],
    window_class: type[QWidget],
) -> None:
    window = BUILDERS[window_class](workspace, screened_ward[0])
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    QApplication.processEvents()
    size = window.size()
    assert size.width() <= MAX_WIDTH and size.height() <= MAX_HEIGHT, (
        f"{window_class.__name__} opens at {size.width()}×{size.height()}"
    )
    minimum = window.minimumSizeHint().expandedTo(window.minimumSize())
    assert minimum.width() <= MAX_WIDTH and minimum.height() <= MAX_HEIGHT
    window.close()
