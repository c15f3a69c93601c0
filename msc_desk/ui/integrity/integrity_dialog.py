"""View → Integrity check…: every check on demand, off the GUI thread, and a recorded head."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from msc_desk.models.database import SessionFactory
from msc_desk.services.chain_head import (
    HeadOnChain,
    audit_chain_head,
    check_printed_head,
    format_head,
    parse_head,
    printed_head_text,
)
from msc_desk.services.integrity import Finding, full_check
from msc_desk.services.integrity_identities import register_identity_checks, slot_file_findings
from msc_desk.services.session import read_session
from msc_desk.ui.checked_edit import show_result
from msc_desk.ui.integrity.background import BackgroundTask
from msc_desk.ui.integrity.findings_model import FindingsModel
from msc_desk.ui.labels import fill


def run_full_check(
    factory: SessionFactory, heads: tuple[tuple[int, str], ...] = ()
) -> list[Finding]:
    """The full check with the identity checks and the slot file (runs in the thread pool)."""
    register_identity_checks()
    return full_check(factory, recorded_heads=heads) + slot_file_findings(factory)


class IntegrityDialog(QDialog):
    """Runs the full check in the background and lists the findings in words.

    Signals:
        check_finished(list): the findings of a full check (empty: nothing wrong).
    """

    check_finished = Signal(list)

    def __init__(
        self,
        factory: SessionFactory,
        parent: QWidget | None = None,
        *,
        quick_findings: Sequence[Finding] = (),
    ) -> None:
        super().__init__(parent)
        self._factory = factory
        self._task: BackgroundTask | None = None
        self.setWindowTitle(self.tr("Integrity check"))
        intro = QLabel(
            self.tr(
                "The check verifies the audit trail entry by entry, replays it against the data"
                " now in the database, follows the chain of randomization reveals, and verifies"
                " the users' keys and signatures."
            ),
            self,
        )
        intro.setWordWrap(True)
        with read_session(factory) as session:
            count, hash_hex = audit_chain_head(session)
        self.head_label = QLabel(
            fill(self.tr("Current record version: %1"), format_head(count, hash_hex)), self
        )
        self.head_label.setWordWrap(True)
        self.head_edit = QLineEdit(self)
        self.head_edit.setPlaceholderText(self.tr("e.g. 1234 · 9F3A 0C11 57D2 …"))
        self.head_button = QPushButton(self.tr("Compare"), self)
        self.head_result = QLabel(self)
        self.head_result.setWordWrap(True)
        self.run_button = QPushButton(self.tr("Run the full check"), self)
        self.close_button = QPushButton(self.tr("Close"), self)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)  # busy: the streamed check has no total known in advance
        self.progress.hide()
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.model = FindingsModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        # Rows as tall as their wrapped words, measured at the width they are shown at.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)

        head_row = QHBoxLayout()
        head_row.addWidget(QLabel(self.tr("Record version written down earlier:"), self))
        head_row.addWidget(self.head_edit, 1)
        head_row.addWidget(self.head_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.run_button)
        buttons.addWidget(self.progress, 1)
        buttons.addStretch(0)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.head_label)
        layout.addLayout(head_row)
        layout.addWidget(self.head_result)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.resize(980, 560)

        self.head_button.clicked.connect(self.compare_head)
        self.head_edit.returnPressed.connect(self.compare_head)
        self.run_button.clicked.connect(self.start_check)
        self.close_button.clicked.connect(self.accept)
        if quick_findings:
            self._show_findings(list(quick_findings), quick=True)

    def compare_head(self) -> bool | None:
        """Say whether the head typed or pasted in starts the chain now; None if unreadable.

        A footer line pasted whole from a printed report is read as its «Журнал аудита:» part.
        """
        with read_session(self._factory) as session:
            check = check_printed_head(session, self.head_edit.text())
        if check is None:
            text = self.tr(
                "Type the number of entries, then the hash (at least 8 characters; spaces are"
                " allowed), as printed: «1234 · 9F3A 0C11»."
            )
            show_result(self.head_result, text, ok=False)
            return None
        if check.result is HeadOnChain.PREFIX:
            text = self.tr(
                "This version is the start of the audit trail now: nothing recorded up to it was"
                " changed or removed."
            )
        elif check.result is HeadOnChain.BEYOND:
            text = fill(
                self.tr(
                    "This version counts %1 entries, but the audit trail here holds only %2: the"
                    " printout was made from a later state than this database holds (an older"
                    " copy of the database, or a truncated trail), or the number was copied"
                    " wrongly. Check it and tell the coordinating center."
                ),
                str(check.count),
                str(check.current_count),
            )
        else:
            text = self.tr(
                "This version is NOT the start of the audit trail now: the history up to it was"
                " rewritten or truncated, or the version was copied wrongly. Check it and tell"
                " the coordinating center."
            )
        ok = check.result is HeadOnChain.PREFIX
        show_result(self.head_result, text, ok=ok)
        return ok

    def start_check(self) -> BackgroundTask:
        """Run the full check in the thread pool; the dialog stays responsive meanwhile."""
        parsed = parse_head(printed_head_text(self.head_edit.text()))
        heads = () if parsed is None else (parsed,)
        factory = self._factory
        task = BackgroundTask(lambda: run_full_check(factory, heads))
        task.relay.done.connect(self._on_done)
        task.relay.failed.connect(self._on_failed)
        self._task = task
        self.run_button.setEnabled(False)
        self.progress.show()
        self.status.setText(self.tr("Checking… The window may be used meanwhile."))
        task.start()
        return task

    def _on_done(self, findings: list[Finding]) -> None:
        self._finish()
        self._show_findings(findings, quick=False)
        self.check_finished.emit(findings)

    def _on_failed(self, text: str) -> None:
        self._finish()
        text = fill(self.tr("The check could not be completed: %1"), text)
        show_result(self.status, text, ok=False)

    def _finish(self) -> None:
        self._task = None
        self.progress.hide()
        self.run_button.setEnabled(True)

    def _show_findings(self, findings: list[Finding], *, quick: bool) -> None:
        self.model.set_findings(findings)
        if findings:
            text = self.tr("Problems found: %1. Tell the coordinating center.")
            if quick:
                text = self.tr("The quick check at sign-in found problems: %1.")
            show_result(self.status, fill(text, len(findings)), ok=False)
        else:
            text = self.tr(
                "Nothing is wrong: the audit trail, the data, the randomization list and the"
                " signatures agree."
            )
            show_result(self.status, text, ok=True)

    def done(self, result: int) -> None:
        # A check still running hands its result to a closed dialog: disconnect it.
        if self._task is not None:
            self._task.relay.done.disconnect(self._on_done)
            self._task.relay.failed.disconnect(self._on_failed)
        super().done(result)
