"""«Панель исследования»: enrollment, CONSORT, visits due, open events and queries, completeness."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from msc_desk.models.database import SessionFactory
from msc_desk.services.actor import Actor
from msc_desk.services.dashboard import (
    ConsortFlow,
    TrialDashboard,
    form_completeness,
    trial_dashboard,
)
from msc_desk.services.data_completeness import FormCompleteness
from msc_desk.timekeeping import Clock, to_moscow
from msc_desk.ui.i18n import interface_language
from msc_desk.ui.labels import (
    DASH,
    arm_label,
    criterion_label,
    fill,
    format_date,
    format_moscow,
    visit_label,
)
from msc_desk.ui.trial.background import BackgroundRead
from msc_desk.ui.trial.enrollment_chart import EnrollmentChart
from msc_desk.ui.trial.text_table import TextRows, TextTable


def _table(parent: QWidget, headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _fill_rows(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            item = QTableWidgetItem(value)
            if c > 0 and value.replace(" ", "").rstrip("%").isdigit():
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(r, c, item)


class TrialDashboardWindow(QDialog):
    """The whole trial at a glance, read off the GUI thread and again on `refresh()`."""

    def __init__(
        self,
        factory: SessionFactory,
        actor: Actor,
        clock: Clock,
        parent: QWidget | None = None,
        *,
        include_demo: bool = False,
    ) -> None:
        super().__init__(parent)
        self._factory, self._actor, self._clock = factory, actor, clock
        self._include_demo = include_demo
        self.dashboard: TrialDashboard | None = None
        self.completeness_forms: tuple[FormCompleteness, ...] | None = None
        self.setWindowTitle(self.tr("Trial dashboard"))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.resize(1280, 660)

        self.enrollment = EnrollmentChart(self)
        self.consort = _table(self, [self.tr("CONSORT flow"), self.tr("Patients")])
        top = QHBoxLayout()
        top.addWidget(self.enrollment, 1)
        top.addWidget(self.consort, 1)

        self.tabs = QTabWidget(self)
        # Thousands of rows at 10,000 patients: texts prepared on the thread pool, no items.
        self.visits = TextTable([self.tr("Patient"), self.tr("Visit"), self.tr("Target date"),
                                 self.tr("Window closes"), self.tr("State")], self)  # fmt: skip
        self.events = TextTable([self.tr("Patient"), self.tr("Adverse event"),
                                 self.tr("Onset"), self.tr("Serious")], self)  # fmt: skip
        self.queries = TextTable([self.tr("Patient"), self.tr("Open queries")], self)
        self.completeness = _table(self, [self.tr("Form"), self.tr("Answered"),
                                          self.tr("Expected"), self.tr("Complete")])  # fmt: skip
        self.completeness.horizontalHeader().setStretchLastSection(False)
        for page in (self.visits, self.events, self.queries, self.completeness):
            self.tabs.addTab(page, "")

        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(220)
        self.progress.setFormat(self.tr("Reading…"))
        self.progress.setTextVisible(True)
        self.status = QLabel(self)
        refresh = QPushButton(self.tr("Refresh"), self)
        close = QPushButton(self.tr("Close"), self)
        bottom = QHBoxLayout()
        bottom.addWidget(self.progress)
        bottom.addWidget(self.status, 1)
        bottom.addWidget(refresh)
        bottom.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addLayout(top, 5)
        layout.addWidget(self.tabs, 4)
        layout.addLayout(bottom)

        self.reader = BackgroundRead(self)
        self.reader.started.connect(lambda: self.progress.setVisible(True))
        self.reader.finished.connect(self._on_read)
        self.reader.failed.connect(self._on_failed)
        # Completeness reads every observation: it follows on its own, the rest is not held up.
        self.completeness_reader = BackgroundRead(self)
        self.completeness_reader.finished.connect(self._on_completeness)
        self.completeness_reader.failed.connect(self._on_failed)
        self._name_tabs(None)
        refresh.clicked.connect(self.refresh)
        close.clicked.connect(self.close)
        self.refresh()

    def refresh(self) -> None:
        """Read the dashboard again (after a change to the data)."""
        factory, actor, clock = self._factory, self._actor, self._clock
        include_demo, now = self._include_demo, clock()
        words = _Words(self.tr("overdue"), self.tr("due"), self.tr("serious"))
        self.reader.run(
            lambda: _prepared(
                trial_dashboard(
                    factory, actor, now, include_demo=include_demo, arm_name=arm_label,
                    clock=clock, with_completeness=False,
                ),
                words,
            )
        )  # fmt: skip
        self.completeness_reader.cancel()
        self.tabs.setTabText(3, self.tr("Data completeness (counting…)"))

    def _count_completeness(self) -> None:
        # After the main read, not beside it: the two would share one interpreter lock.
        factory, actor, clock = self._factory, self._actor, self._clock
        include_demo = self._include_demo
        self.completeness_reader.run(
            lambda: form_completeness(factory, actor, include_demo=include_demo, clock=clock)
        )

    def _name_tabs(self, dashboard: TrialDashboard | None) -> None:
        counts = (
            (len(dashboard.visits_due), len(dashboard.open_adverse_events),
             sum(q.open_queries for q in dashboard.open_queries))
            if dashboard is not None else (0, 0, 0)
        )  # fmt: skip
        self.tabs.setTabText(0, fill(self.tr("Visits due (%1)"), counts[0]))
        self.tabs.setTabText(1, fill(self.tr("Open adverse events (%1)"), counts[1]))
        self.tabs.setTabText(2, fill(self.tr("Open queries (%1)"), counts[2]))
        if self.completeness_forms is not None and not self.completeness_reader.busy:
            self.tabs.setTabText(3, self.tr("Data completeness"))
        else:
            self.tabs.setTabText(3, self.tr("Data completeness (counting…)"))

    def _on_completeness(self, forms: object) -> None:
        assert isinstance(forms, tuple)
        self.completeness_forms = forms
        _fill_rows(
            self.completeness,
            [
                [form.title_ru if interface_language() == "ru" else form.title_en,
                 str(form.answered), str(form.expected),
                 DASH if form.share is None else f"{form.share * 100:.0f}%"]
                for form in forms
            ],
        )  # fmt: skip
        self.tabs.setTabText(3, self.tr("Data completeness"))
        self.progress.setVisible(self.reader.busy)

    def _on_failed(self, message: str) -> None:
        self.progress.setVisible(False)
        self.status.setText(fill(self.tr("Could not read the dashboard: %1"), message))

    def _on_read(self, prepared: object) -> None:
        assert isinstance(prepared, _PreparedDashboard)
        dashboard = prepared.dashboard
        self.dashboard = dashboard
        self.status.setText(fill(self.tr("As of %1"), format_moscow(dashboard.now)))
        today = to_moscow(dashboard.now).date()
        self.enrollment.show_enrollment(dashboard.enrollment, dashboard.target, today)
        self._show_consort(dashboard.consort)
        self.visits.set_rows(prepared.visits)
        self.events.set_rows(prepared.events)
        self.queries.set_rows(prepared.queries)
        self._name_tabs(dashboard)
        self._count_completeness()

    def _show_consort(self, consort: ConsortFlow) -> None:
        arms = [flow.arm for flow in consort.arms]
        self.consort.setColumnCount(2 + len(arms))
        self.consort.setHorizontalHeaderLabels([self.tr("CONSORT flow"), *arms, self.tr("Total")])
        rows: list[list[str]] = [
            [self.tr("Screened"), *[""] * len(arms), str(consort.screened)],
            [self.tr("Excluded"), *[""] * len(arms), str(consort.excluded)],
        ]
        for code, count in sorted(consort.excluded_by_reason.items(), key=lambda kv: -kv[1]):
            rows.append(["    " + criterion_label(code), *[""] * len(arms), str(count)])
        rows.append(
            [self.tr("Eligible, not randomized"), *[""] * len(arms),
             str(consort.eligible_not_randomized)]
        )  # fmt: skip
        stages: list[tuple[str, list[int | None]]] = [
            (self.tr("Randomized"), [flow.randomized for flow in consort.arms]),
            (self.tr("Infused"), [flow.infused for flow in consort.arms]),
            (self.tr("Alive at day 28"), [flow.completed_day28 for flow in consort.arms]),
            (self.tr("Died by day 28"), [flow.died for flow in consort.arms]),
            (self.tr("Lost to follow-up"), [flow.lost for flow in consort.arms]),
            (self.tr("Still in follow-up"), [flow.in_follow_up for flow in consort.arms]),
        ]
        for title, counts in stages:
            if any(count is None for count in counts):
                continue  # what would reveal an arm to a blinded reader is not shown at all
            values = [count or 0 for count in counts]
            rows.append([title, *[str(v) for v in values], str(sum(values))])
        _fill_rows(self.consort, rows)


@dataclass(frozen=True)
class _Words:
    overdue: str
    due: str
    serious: str


@dataclass(frozen=True)
class _PreparedDashboard:
    dashboard: TrialDashboard
    visits: TextRows
    events: TextRows
    queries: TextRows


def _prepared(dashboard: TrialDashboard, words: _Words) -> _PreparedDashboard:
    """The long tables' texts, worked out on the thread pool with the dashboard."""
    visits = [
        (due.study_id, visit_label(due.study_day), format_date(due.target),
         format_date(due.window_last), words.overdue if due.overdue else words.due)
        for due in dashboard.visits_due
    ]  # fmt: skip
    events = [
        (event.study_id, event.term, format_moscow(event.onset_at),
         words.serious if event.serious else "")
        for event in dashboard.open_adverse_events
    ]  # fmt: skip
    queries = [(count.study_id, str(count.open_queries)) for count in dashboard.open_queries]
    return _PreparedDashboard(
        dashboard, TextRows.of(visits, 5), TextRows.of(events, 4), TextRows.of(queries, 2)
    )
