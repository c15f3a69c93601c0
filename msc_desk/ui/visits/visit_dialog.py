"""The visit form dialog, drawn from the catalogue: sections, fields, live SOFA and findings."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from msc_desk.catalogue import Field
from msc_desk.models.database import SessionFactory
from msc_desk.scoring import visits as schedule
from msc_desk.security.form_locks import FormLocked
from msc_desk.services.actor import Actor
from msc_desk.services.audit import ReasonRequired
from msc_desk.services.input_rules import InvalidField
from msc_desk.services.permissions import Action, PermissionDenied, is_allowed
from msc_desk.services.visit_drafts import save_draft
from msc_desk.services.visit_entries import Entry
from msc_desk.services.visit_forms import (
    VisitForm,
    VisitFormRefused,
    evaluate,
    open_visit,
    save_visit,
)
from msc_desk.timekeeping import Clock
from msc_desk.ui.audit.audit_text import language
from msc_desk.ui.follow_up.context import FollowUpContext
from msc_desk.ui.follow_up.messages import follow_up_message
from msc_desk.ui.labels import fill, visit_label
from msc_desk.ui.locale_input import DateTimeInput
from msc_desk.ui.visits.field_row import FieldRow
from msc_desk.ui.visits.form_page import FormPage
from msc_desk.ui.visits.form_queries import FormQueries
from msc_desk.ui.visits.form_reading import refusal_focus, refusal_text, show_reading
from msc_desk.ui.visits.form_signature import FormSignature
from msc_desk.ui.visits.messages import finding_text
from msc_desk.ui.visits.sofa_panel import SofaPanel

SIDE_WIDTH = 420
FIRST_SLICE_MS = 10
SLICE_MS = 25
"""How long a progressive form builds fields before it lets the next event in."""
DRAFT_DELAY_MS = 700
"""A draft is written this long after the last keystroke (and when the dialog closes)."""


class VisitFormDialog(QDialog):
    """One visit of one patient. Tab walks the fields in catalogue order; Enter moves on.

    With `progressive`, the dialog shows its first fields at once and adds the others between
    events (it never holds the screen for long); saving waits until every field is there.

    Signals:
        saved(int): the patient id, after a save (the patient view reloads).
        built(): every field is there and filled.
    """

    saved = Signal(int)
    built = Signal()

    def __init__(
        self,
        factory: SessionFactory,
        actor: Actor,
        clock: Clock,
        patient_id: int,
        study_id: str,
        study_day: int,
        parent: QWidget | None = None,
        *,
        progressive: bool = False,
        data_dir: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self._factory, self._actor, self._clock = factory, actor, clock
        context = None if data_dir is None else FollowUpContext(factory, actor, clock, data_dir)
        self._language = language()
        # Filling the fields fires their change signals: the form is read once, when built.
        self._building = True
        self.form: VisitForm = open_visit(factory, actor, patient_id, study_day, clock)
        self.editable = is_allowed(actor, Action.ENTER_DATA) and not self.form.locked
        self.setWindowTitle(fill(self.tr("%1 — %2"), study_id, visit_label(study_day)))
        self.rows: dict[str, FieldRow] = {}
        self.performed = DateTimeInput(self)
        self.performed.set_value(self.form.performed_at or self._default_time())
        self.performed.date_edit.textChanged.connect(self._schedule_update)
        self.performed.time_edit.textChanged.connect(self._schedule_update)
        self.findings = QLabel(self)
        self.findings.setWordWrap(True)
        self.findings.setFixedWidth(SIDE_WIDTH - 30)
        self.findings.setStyleSheet("QLabel { color: #8a3b00; }")
        self.sofa_panel = SofaPanel(self._language, self)
        self.reason = QLineEdit(self)
        self.reason.setPlaceholderText(self.tr("Reason for changing saved values"))
        self.reason.setMaxLength(500)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Save"), self)
        self.complete_button = QPushButton(self.tr("Save as complete"), self)
        self.close_button = QPushButton(self.tr("Close"), self)
        for button in (self.save_button, self.complete_button, self.close_button):
            button.setAutoDefault(False)
        self.save_button.clicked.connect(lambda: self.save(complete=False))
        self.complete_button.clicked.connect(lambda: self.save(complete=True))
        self.close_button.clicked.connect(self.reject)
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self.write_draft)
        self._dirty = False
        self.page = FormPage(study_day, self._language, self._new_row, self)
        self.rows = self.page.rows
        self.signature = FormSignature(context, patient_id, study_id, study_day, self)
        self.signature.changed.connect(self._on_signature_changed)
        self.queries = FormQueries(context, patient_id, study_id, self.rows, self)
        self.queries.changed.connect(self._on_queries_changed)
        self._layout(self.page)
        self._slice_timer = QTimer(self)
        self._slice_timer.setSingleShot(True)
        self._slice_timer.setInterval(0)
        self._slice_timer.timeout.connect(self._build_more)
        if progressive and not self.page.build(FIRST_SLICE_MS):
            # On screen at once, with SOFA as opened; the other fields come between events.
            self.sofa_panel.show_sofa(self.form.sofa)
            # Nothing is typed into fields not yet filled with the saved values, nor saved.
            for widget in (self.page, self.save_button, self.complete_button):
                widget.setEnabled(False)
            self._slice_timer.start()
        else:
            self.page.build()
            self._finish()
        self.performed.date_edit.setFocus()
        self.resize(1340, 690)

    def _build_more(self) -> None:
        if self.page.complete:
            self._finish()  # a turn of its own: filling and reading the form take a while
            return
        self.page.build(SLICE_MS)
        self._slice_timer.start()

    def _finish(self) -> None:
        """Every field is there: fill them, chain Tab, read the form; saving may start."""
        self._fill(self.form.entries)
        if not self.editable:
            for row in self.rows.values():
                row.set_read_only()
            for widget in (self.performed, self.reason, self.save_button, self.complete_button):
                widget.setEnabled(False)
        else:
            for button in (self.save_button, self.complete_button):
                button.setEnabled(True)
        self.page.setEnabled(True)
        self._chain_tab_order()
        self._building = False
        self.update_form()
        self._dirty = False
        self.edited = self.form.from_draft  # typed and not saved yet (a draft counts)
        self.signature.unsaved = lambda: self.edited
        self.queries.attach()
        self.signature.reload()
        self.queries.set_visit(self.signature.visit_id)
        self.built.emit()

    @property
    def is_built(self) -> bool:
        """Whether every field of the form is there (a progressive form builds between events)."""
        return not self._building

    def _default_time(self) -> datetime | None:
        """Now, for a new visit inside its window; else empty, for the user to say when."""
        now = self._clock()
        visit = schedule.visit_on_day(self.form.study_day)
        inside = schedule.in_window(visit, randomization=self.form.facts.randomized_at, at=now)
        return now if inside else None

    def _set_editable(self, editable: bool) -> None:
        """Open the form for entry, or make it read-only (signed, or a role that only reads)."""
        self.editable = editable
        for row in self.rows.values():
            if not row.item.computed:
                for widget in row.focus_widgets():
                    widget.setEnabled(editable)
        for widget in (self.performed, self.reason, self.save_button, self.complete_button):
            widget.setEnabled(editable)

    def _on_signature_changed(self, signed: bool) -> None:
        """Signed: read-only at once; unlocked: open again for whoever may enter data."""
        self._draft_timer.stop()
        self._set_editable(not signed and is_allowed(self._actor, Action.ENTER_DATA))
        self.saved.emit(self.form.patient_id)

    def _on_queries_changed(self) -> None:
        """An answer may have corrected a value: show the stored values unless some are typed."""
        if not self.edited:
            self.form = open_visit(
                self._factory, self._actor, self.form.patient_id, self.form.study_day, self._clock
            )
            self._fill(self.form.entries)
            self.update_form()
            self._dirty = self.edited = False
        self.saved.emit(self.form.patient_id)

    # -- building -----------------------------------------------------------------------------

    def _new_row(self, item: Field, page: QWidget) -> FieldRow:
        row = FieldRow(item, self._language, page)
        if item.computed:
            row.set_read_only()
            row.value_widget.setToolTip(self.tr("Computed, never typed"))
        else:
            row.changed.connect(self._on_changed)
        row.default_weight = _weight_text(self.form.baseline_weight)
        return row

    def _layout(self, page: QWidget) -> None:
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.StyledPanel)
        scroll.setWidget(page)
        self.scroll_area = scroll
        header = QHBoxLayout()
        title = QLabel(self.windowTitle(), self)
        title.setStyleSheet("QLabel { font-weight: bold; font-size: 14px; }")
        header.addWidget(title)
        header.addSpacing(24)
        header.addWidget(QLabel(self.tr("Performed at"), self))
        header.addWidget(self.performed)
        header.addStretch(1)
        notes = QVBoxLayout()
        notes.addWidget(self.signature.banner)
        notes.addWidget(self.queries.form_note)
        side = QVBoxLayout()
        side.addWidget(self.sofa_panel)
        side.addWidget(self.findings)
        side.addStretch(1)
        side_box = QWidget(self)
        side_box.setLayout(side)
        side_scroll = QScrollArea(self)
        side_scroll.setWidgetResizable(True)
        side_scroll.setFrameShape(QFrame.Shape.NoFrame)
        side_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        side_scroll.setWidget(side_box)
        side_scroll.setFixedWidth(SIDE_WIDTH)
        middle = QHBoxLayout()
        middle.addWidget(scroll, 1)
        middle.addWidget(side_scroll)
        buttons = QHBoxLayout()
        buttons.addWidget(self.queries.list_button)
        buttons.addWidget(self.queries.raise_button)
        buttons.addWidget(self.reason, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.complete_button)
        buttons.addWidget(self.signature.sign_button)
        buttons.addWidget(self.signature.unlock_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addLayout(notes)
        layout.addLayout(middle, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)

    def _chain_tab_order(self) -> None:
        order = self.focus_order
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)

    @property
    def focus_order(self) -> list[QWidget]:
        """The form's widgets in Tab order (a field's detail controls once they are built)."""
        order: list[QWidget] = [self.performed.date_edit, self.performed.time_edit]
        for row in self.rows.values():
            if not row.item.computed:
                order += row.focus_widgets()
        order += [self.reason, self.save_button, self.complete_button]
        order += [self.queries.list_button, self.queries.raise_button]
        return order + [self.signature.sign_button, self.signature.unlock_button, self.close_button]

    def _fill(self, entries: dict[str, Entry]) -> None:
        for name, entry in entries.items():
            row = self.rows.get(name)
            if row is not None:
                row.set_entry(entry)

    # -- reading the form ---------------------------------------------------------------------

    def entries(self) -> dict[str, Entry]:
        found = {}
        for name, row in self.rows.items():
            if row.item.computed:
                continue
            entry = row.entry()
            if not entry.empty or entry.missing_reason is not None:
                found[name] = entry
        return found

    def _on_changed(self) -> None:
        self._dirty = True
        self.edited = True
        self._schedule_update()
        if self.editable:
            self._draft_timer.start()

    def _schedule_update(self) -> None:
        if not self._building:
            self.update_form()

    def update_form(self) -> None:
        """Re-read every field through the catalogue: messages, SOFA and findings, live."""
        reading, sofa, findings = evaluate(
            self.form.study_day,
            self.entries(),
            self.performed.value(),
            self.form.facts,
            self._clock(),
        )
        show_reading(self.rows, reading, self._language)
        self.sofa_panel.show_sofa(sofa)
        text = "\n".join(finding_text(finding) for finding in findings)
        if self.findings.text() != text:
            self.findings.setText(text)
            self.findings.setMinimumHeight(max(0, self.findings.heightForWidth(SIDE_WIDTH - 30)))
        panel_layout = self.sofa_panel.layout()
        if panel_layout is not None:
            panel_layout.activate()
        self.reading = reading

    # -- saving -------------------------------------------------------------------------------

    def write_draft(self) -> None:
        if self.editable and self._dirty and not self._building:
            save_draft(
                self._factory,
                self._actor,
                self.form.patient_id,
                self.form.study_day,
                self.entries(),
                self._clock,
            )
            self._dirty = False

    def save(self, *, complete: bool) -> bool:
        self._draft_timer.stop()
        performed = self.performed.value()
        if performed is None:
            self.status.setText(self.tr("Enter when the visit was performed."))
            self.performed.setFocus()
            return False
        try:
            save_visit(
                self._factory,
                self._actor,
                self.form.patient_id,
                self.form.study_day,
                self.entries(),
                performed_at=performed,
                complete=complete,
                reason=self.reason.text() or None,
                clock=self._clock,
            )
        except VisitFormRefused as refused:
            self._show_refusal(refused)
            return False
        except ReasonRequired:
            self.status.setText(self.tr("A saved value changed: give the reason for the change."))
            self.reason.setFocus()
            return False
        except FormLocked as error:
            self.status.setText(follow_up_message(error))
            return False
        except (PermissionDenied, InvalidField) as error:
            self.status.setText(self.tr("Not saved: %1").replace("%1", str(error)))
            return False
        self._dirty = False
        self.saved.emit(self.form.patient_id)
        self.accept()
        return True

    def _show_refusal(self, refused: VisitFormRefused) -> None:
        for name in refused.missing:
            self.rows[name].want_reason(True)
        self.update_form()
        self.status.setText(refusal_text(refused, self._language))
        self.status.setStyleSheet("QLabel { color: #b71c1c; }")
        target = refusal_focus(self.rows, refused)
        if target is not None:
            self.scroll_area.ensureWidgetVisible(target)
            target.setFocus()

    # -- keyboard -----------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter confirms a field and moves to the next; on a button it presses it."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            focused = self.focused()
            if isinstance(focused, QAbstractButton) and not isinstance(focused, QCheckBox):
                focused.click()
            else:
                self.focusNextChild()
            return
        super().keyPressEvent(event)

    def focused(self) -> QWidget | None:
        """The form's widget holding the focus.

        Read from `hasFocus()`: PySide6 6.12 on CPython 3.11 drops a reference to None each
        time a Qt getter such as `focusWidget()` returns a null pointer, which ends in a crash.
        """
        return next((widget for widget in self.focus_order if widget.hasFocus()), None)

    def done(self, result: int) -> None:
        self._draft_timer.stop()
        self._slice_timer.stop()  # closed while being built: the rest is never needed
        if result != QDialog.DialogCode.Accepted:
            self.write_draft()  # closing keeps what was typed, as a draft
        super().done(result)


def _weight_text(value: object) -> str:
    return "" if value is None else str(value).replace(".", ",")
