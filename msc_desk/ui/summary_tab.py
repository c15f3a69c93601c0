"""The patient view's summary: study data, screening decision, outcome and visit schedule."""

from __future__ import annotations

from datetime import datetime
from decimal import ROUND_UP, Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from msc_desk.models.enums import Sex
from msc_desk.scoring.eligibility import MAX_ONSET_TO_SCREENING, AncSource
from msc_desk.services.patients import OutcomeSummary, PatientSummary, ScreeningDecision
from msc_desk.services.signatures import CasebookSignature
from msc_desk.ui.labels import (
    DASH,
    arm_label,
    criterion_label,
    fill,
    format_decimal,
    format_moscow,
    status_label,
)
from msc_desk.ui.visit_schedule_model import VisitScheduleModel

DEMO_BADGE_STYLE = (
    "QLabel { background: #e65100; color: white; font-weight: bold; padding: 2px 8px;"
    " border-radius: 3px; }"
)


def _trimmed(value: Decimal) -> Decimal:
    """0.500 → 0.5: a computed value shows no padding zeros."""
    text = format(value, "f")
    return Decimal(text.rstrip("0").rstrip(".")) if "." in text else value


class SummaryTab(QWidget):
    """Shows one `PatientSummary`; `clear()` empties every field and the visit table.

    Signals:
        audit_requested(int): the patient's audit trail was asked for (patient id).
        sign_requested(int, str): «Sign casebook…» (patient id, study id).
        unsign_requested(int, str): «Remove signature…» (patient id, study id).
        randomize_requested(int): «Randomize…» for a patient saved eligible, not randomized.
        print_requested(str): «Print casebook…» (study id).
    """

    audit_requested = Signal(int)
    sign_requested = Signal(int, str)
    unsign_requested = Signal(int, str)
    randomize_requested = Signal(int)
    print_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._shown: PatientSummary | None = None
        self._may = (False, False, False)  # view audit, sign, unlock
        self._may_randomize = False
        self.audit_button = QPushButton(self.tr("Patient change log"), self)
        self.sign_button = QPushButton(self.tr("Sign casebook…"), self)
        self.unsign_button = QPushButton(self.tr("Remove signature…"), self)
        self.randomize_button = QPushButton(self.tr("Randomize…"), self)
        self.print_button = QPushButton(self.tr("Print casebook…"), self)
        self.randomize_note = QLabel(self)
        self.randomize_note.setWordWrap(True)
        self.randomize_note.setStyleSheet(
            "QLabel { background: #fff3cd; padding: 6px; border-radius: 3px; }"
        )
        self.study_id_label = QLabel(self)
        font = self.study_id_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.study_id_label.setFont(font)
        self.study_id_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.demo_badge = QLabel(self.tr("DEMO DATA"), self)
        self.demo_badge.setStyleSheet(DEMO_BADGE_STYLE)
        self.demo_badge.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

        self.fields: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        for key, title in (
            ("arm", self.tr("Arm:")),
            ("status", self.tr("Status:")),
            ("day", self.tr("Study day:")),
            ("randomized", self.tr("Randomized:")),
            ("onset", self.tr("Shock onset:")),
            ("screening", self.tr("Screening:")),
            ("anc", self.tr("ANC at screening:")),
            ("eligibility", self.tr("Eligibility:")),
            ("outcome", self.tr("Outcome:")),
            ("signature", self.tr("Casebook signature:")),
        ):
            value = QLabel(self)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(title, value)
            self.fields[key] = value

        self.schedule_title = QLabel(self.tr("Visit schedule"), self)
        title_font = self.schedule_title.font()
        title_font.setBold(True)
        self.schedule_title.setFont(title_font)
        self.schedule_note = QLabel(self.tr("Visits are scheduled at randomization."), self)
        self.visit_model = VisitScheduleModel(self)
        self.visit_table = QTableView(self)
        self.visit_table.setModel(self.visit_model)
        self.visit_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.visit_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.visit_table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.visit_table.setWordWrap(False)
        self.visit_table.verticalHeader().hide()
        row_height = self.fontMetrics().height() + 8
        self.visit_table.verticalHeader().setDefaultSectionSize(row_height)
        self.visit_table.setAlternatingRowColors(True)
        header = self.visit_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)

        heading = QHBoxLayout()
        heading.addWidget(self.study_id_label)
        heading.addSpacing(8)
        heading.addWidget(self.demo_badge)
        heading.addStretch(1)
        # The actions sit on their own row: beside the study id they would widen the pane.
        actions = QHBoxLayout()
        for button in self._buttons():
            actions.addWidget(button)
        actions.addStretch(1)
        self.randomize_button.clicked.connect(self._on_randomize)
        self.audit_button.clicked.connect(self._on_audit)
        self.sign_button.clicked.connect(self._on_sign)
        self.unsign_button.clicked.connect(self._on_unsign)
        self.print_button.clicked.connect(self._on_print)
        top = QVBoxLayout(self)
        top.addLayout(heading)
        top.addLayout(actions)
        top.addWidget(self.randomize_note)
        top.addLayout(form)
        top.addSpacing(10)
        top.addWidget(self.schedule_title)
        top.addWidget(self.schedule_note)
        top.addWidget(self.visit_table)
        top.addStretch(1)
        self.clear()

    def _buttons(self) -> tuple[QPushButton, ...]:
        return (
            self.randomize_button,
            self.audit_button,
            self.print_button,
            self.sign_button,
            self.unsign_button,
        )

    def set_permissions(
        self, *, view_audit: bool, sign: bool, unlock: bool, randomize: bool = False
    ) -> None:
        """Which of the audit, signature and randomization buttons the signed-in role may see."""
        self._may = (view_audit, sign, unlock)
        self._may_randomize = randomize

    def show_summary(
        self, summary: PatientSummary, signature: CasebookSignature | None = None
    ) -> None:
        """Show a patient; `signature` is the casebook's signature state (None: not read)."""
        self._shown = summary
        view_audit, sign, unlock = self._may
        randomized = bool(summary.visits)  # the schedule is made at randomization
        signed = signature is not None and signature.signed
        self.audit_button.setVisible(view_audit)
        self.print_button.setVisible(True)  # whoever sees the patient may print the casebook
        # Only the action that applies: sign an unsigned casebook, or remove a signature.
        self.sign_button.setVisible(sign and randomized and signature is not None and not signed)
        self.unsign_button.setVisible(unlock and signed)
        stranded = summary.eligible_not_randomized
        self.randomize_button.setVisible(stranded and self._may_randomize)
        self.randomize_note.setText(self._stranded_text(summary) if stranded else "")
        self.randomize_note.setVisible(stranded)
        self.study_id_label.setText(summary.study_id)
        self.demo_badge.setVisible(summary.is_demo)
        texts = {
            "signature": self._signature_text(signature, randomized),
            "arm": arm_label(summary.arm),
            "status": status_label(
                summary.status,
                summary.sex,
                eligible_not_randomized=summary.eligible_not_randomized,
            ),
            "day": DASH if summary.study_day is None else str(summary.study_day),
            "randomized": self._moscow_text(summary.randomized_at),
            "onset": self._moscow_text(summary.shock_onset_at),
            "screening": self._moscow_text(
                summary.screening.screened_at if summary.screening else None
            ),
            "anc": self._anc_text(summary.screening),
            "eligibility": self._eligibility_text(summary.screening),
            "outcome": self._outcome_text(summary.outcome, summary.sex),
        }
        for key, text in texts.items():
            self.fields[key].setText(text)
        self.visit_model.set_lines(summary.visits)
        randomized = bool(summary.visits)
        self.visit_table.setVisible(randomized)
        self.schedule_note.setVisible(not randomized)
        self._fit_table_height()

    def clear(self) -> None:
        self._shown = None
        for button in self._buttons():
            button.hide()
        self.randomize_note.clear()
        self.randomize_note.hide()
        self.study_id_label.clear()
        self.demo_badge.hide()
        for label in self.fields.values():
            label.clear()
        self.visit_model.clear()
        self.schedule_note.hide()
        self.visit_table.hide()

    def _on_randomize(self) -> None:
        if self._shown is not None:
            self.randomize_requested.emit(self._shown.patient_id)

    def _stranded_text(self, summary: PatientSummary) -> str:
        text = self.tr("Found eligible at screening, but not randomized.")
        onset = summary.shock_onset_at
        if onset is None:
            return text
        closes = format_moscow(onset + MAX_ONSET_TO_SCREENING)
        return " ".join(
            (text, fill(self.tr("The 10-hour window from shock onset closes at %1 MSK."), closes))
        )

    def _signature_text(self, signature: CasebookSignature | None, randomized: bool) -> str:
        if signature is None or not randomized:
            return DASH
        if signature.signed:
            return fill(
                self.tr("Signed by %1, %2 MSK"),
                signature.signed_by or DASH,
                format_moscow(signature.signed_at),
            )
        if signature.blocker == "not_complete":
            return fill(
                self.tr("Not signed (visits still scheduled: %1)"), signature.pending_visits
            )
        return self.tr("Not signed")

    def _on_audit(self) -> None:
        if self._shown is not None:
            self.audit_requested.emit(self._shown.patient_id)

    def _on_print(self) -> None:
        if self._shown is not None:
            self.print_requested.emit(self._shown.study_id)

    def _on_sign(self) -> None:
        if self._shown is not None:
            self.sign_requested.emit(self._shown.patient_id, self._shown.study_id)

    def _on_unsign(self) -> None:
        if self._shown is not None:
            self.unsign_requested.emit(self._shown.patient_id, self._shown.study_id)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_table_height()

    def _fit_table_height(self) -> None:
        # The schedule is short: show it whole instead of a tall, mostly empty table.
        table = self.visit_table
        rows = sum(table.rowHeight(row) for row in range(self.visit_model.rowCount()))
        height = table.horizontalHeader().sizeHint().height() + rows + 2 * table.frameWidth()
        if table.horizontalHeader().length() > table.viewport().width():
            height += table.horizontalScrollBar().sizeHint().height()
        table.setMaximumHeight(height)

    def _moscow_text(self, instant: datetime | None) -> str:
        if instant is None:
            return DASH
        return fill(self.tr("%1 MSK"), format_moscow(instant))

    def _anc_text(self, screening: ScreeningDecision | None) -> str:
        if screening is None:
            return DASH
        if screening.anc_source is AncSource.WBC_BOUND:
            return self.tr("≤ 1.0 ×10⁹/L (WBC ≤ 1.0, no differential)")
        if screening.anc_10e9_per_l is None:
            return DASH
        if screening.anc_source is AncSource.DIFFERENTIAL:
            # Rounded away from zero: a computed ANC above 1.0 never reads as 1.0.
            shown = screening.anc_10e9_per_l.quantize(Decimal("0.001"), rounding=ROUND_UP)
            return fill(
                self.tr("%1 ×10⁹/L (computed: WBC × (segmented + band)/100)"),
                format_decimal(_trimmed(shown)),
            )
        return fill(self.tr("%1 ×10⁹/L"), format_decimal(screening.anc_10e9_per_l))

    def _eligibility_text(self, screening: ScreeningDecision | None) -> str:
        if screening is None:
            return DASH
        if screening.eligible:
            return self.tr("Met")
        reasons = "".join("\n• " + criterion_label(code) for code in screening.failed_criteria)
        return self.tr("Not met:") + reasons

    def _outcome_text(self, outcome: OutcomeSummary | None, sex: Sex | None) -> str:
        if outcome is None:
            return DASH
        # Russian agrees with the patient's sex: «Умер/Умерла», «Выписан/Выписана», «Жив/Жива».
        if sex is Sex.FEMALE:
            died = self.tr("Died %1", "female patient")
            discharged = self.tr("Discharged %1", "female patient")
            alive = self.tr("Alive on %1", "female patient")
        elif sex is Sex.MALE:
            died = self.tr("Died %1", "male patient")
            discharged = self.tr("Discharged %1", "male patient")
            alive = self.tr("Alive on %1", "male patient")
        else:
            died, discharged = self.tr("Died %1"), self.tr("Discharged %1")
            alive = self.tr("Alive on %1")
        parts = []
        if outcome.died_at is not None:
            parts.append(fill(died, format_moscow(outcome.died_at)))
        if outcome.discharged_at is not None:
            parts.append(fill(discharged, format_moscow(outcome.discharged_at)))
        if outcome.last_known_alive_at is not None:
            parts.append(fill(alive, format_moscow(outcome.last_known_alive_at)))
        return "; ".join(parts) or DASH
