"""Renders the Kaplan–Meier view, the timeline and the trends in Russian to PNG files.

Usage: QT_QPA_PLATFORM=offscreen .venv/bin/python tests/ui/charts/chart_screenshots.py [OUT_DIR]
(default OUT_DIR: /tmp/chart_shots). Not a test: look at the pictures.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSize  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from msc_desk.analysis.survival import SurvivalRecord, analyse_survival  # noqa: E402
from msc_desk.analysis.timeline import (  # noqa: E402
    PatientTimeline,
    SupportKind,
    SupportPeriod,
    TimelineAdverseEvent,
    TimelineInfusion,
    TimelineVisit,
    study_day_start,
)
from msc_desk.analysis.trends import (  # noqa: E402
    VISIT_DAYS,
    PatientTrends,
    TrendMeasure,
    TrendPoint,
    TrendSeries,
)
from msc_desk.scoring.visits import SCHEDULE, VisitState  # noqa: E402
from msc_desk.ui.charts.km_view import KaplanMeierView  # noqa: E402
from msc_desk.ui.charts.timeline import PatientTimelineView  # noqa: E402
from msc_desk.ui.charts.trends import TrendsView  # noqa: E402
from msc_desk.ui.i18n import install_translators  # noqa: E402
from msc_desk.ui.locale_input import apply_locale  # noqa: E402
from msc_desk.ui.resources import resource_path  # noqa: E402

ONSET = datetime(2026, 11, 1, 19, 40, tzinfo=UTC)  # 22:40 in Moscow
SIZES = (QSize(1366, 768), QSize(1300, 600))


def survival_records() -> list[SurvivalRecord]:
    """30 patients, 15 a side, about the published 28-day survival (9/15 and 3/15)."""
    rng = random.Random(7)
    records = []
    for arm, deaths in (("A", 6), ("B", 12)):
        for index in range(15):
            if index < deaths:
                records.append(SurvivalRecord(arm, round(rng.uniform(0.3, 26), 1), True))
            elif index == deaths:
                records.append(SurvivalRecord(arm, round(rng.uniform(8, 20), 1), False))
            else:
                records.append(SurvivalRecord(arm, 28.0, False))
    return records


def timeline() -> PatientTimeline:
    def at(hours: float) -> datetime:
        return ONSET + timedelta(hours=hours)

    randomization = at(5 + 25 / 60)
    states = [VisitState.DONE] * 4 + [VisitState.OVERDUE] + [VisitState.UPCOMING] * 2
    visits = tuple(
        TimelineVisit(
            index + 1,
            visit.day,
            visit.first_day,
            visit.last_day,
            state,
            study_day_start(randomization, visit.day) + timedelta(hours=10)
            if state is VisitState.DONE
            else None,
        )
        for index, (visit, state) in enumerate(zip(SCHEDULE, states, strict=True))
    )
    return PatientTimeline(
        shock_onset=ONSET,
        screening=at(3 + 10 / 60),
        randomization=randomization,
        infusions=(TimelineInfusion(at(7), at(7.75)),),
        visits=visits,
        adverse_events=(
            TimelineAdverseEvent("Фебрильная нейтропения", at(8), at(30), False),
            TimelineAdverseEvent("Острое почечное повреждение", at(26), at(200), True),
            TimelineAdverseEvent("Гипокалиемия", at(50), at(70), False),
            TimelineAdverseEvent("Тромбоцитопения", at(300), None, False),
        ),
        support=(
            SupportPeriod(SupportKind.VENTILATION, at(2), at(150)),
            SupportPeriod(SupportKind.VASOPRESSOR, at(0), at(96)),
            SupportPeriod(SupportKind.RENAL_REPLACEMENT, at(40), at(180)),
        ),
        now=at(15 * 24 + 5),
    )


def trends() -> PatientTrends:
    def series(measure: TrendMeasure, unit: str, values: list[object]) -> TrendSeries:
        return TrendSeries(
            measure,
            unit,
            tuple(
                TrendPoint(day, None if value is None else Decimal(str(value)))
                for day, value in zip(VISIT_DAYS, values, strict=True)
            ),
        )

    gap = None
    return PatientTrends(
        (
            series(TrendMeasure.SOFA_TOTAL, "", [16, 15, 13, 10, gap, 6, 4]),
            series(TrendMeasure.SOFA_RESPIRATION, "", [3, 3, 2, 2, gap, 1, 1]),
            series(TrendMeasure.SOFA_COAGULATION, "", [4, 4, 4, 3, gap, 2, 1]),
            series(TrendMeasure.SOFA_LIVER, "", [1, 1, 1, 1, gap, 0, 0]),
            series(TrendMeasure.SOFA_CARDIOVASCULAR, "", [4, 4, 3, 1, gap, 0, 0]),
            series(TrendMeasure.SOFA_CNS, "", [2, 1, 1, 1, gap, 1, 1]),
            series(TrendMeasure.SOFA_RENAL, "", [2, 2, 2, 2, gap, 2, 1]),
            series(TrendMeasure.IL6, "пг/мл", [1250, 830, gap, 120, 45.5, gap, 12]),
            series(TrendMeasure.IL10, "пг/мл", [85, 60, 41, 20, gap, gap, gap]),
            series(TrendMeasure.PROCALCITONIN, "нг/мл", [12.4, 9.1, 5.2, 1.1, 0.4, 0.2, 0.1]),
            series(TrendMeasure.CRP, "мг/л", [280, 250, 190, 90, 40, 20, 8]),
            series(TrendMeasure.LACTATE, "ммоль/л", [4.8, 3.1, 2.2, 1.4, 1.1, gap, 0.9]),
            series(TrendMeasure.NEUTROPHILS, "×10⁹/л", [0.2, 0.3, 0.4, 1.2, 2.8, 3.5, 4.1]),
            series(TrendMeasure.PLATELETS, "×10⁹/л", [18, 22, 15, 40, 95, 160, 210]),
        )
    )


def main(out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv)
    apply_locale()
    with tempfile.TemporaryDirectory() as tmp:
        lrelease = Path(sys.executable).with_name("pyside6-lrelease")
        for ts in sorted(resource_path("translations").glob("*_ru.ts")):
            qm = Path(tmp) / ts.with_suffix(".qm").name
            subprocess.run([str(lrelease), "-silent", str(ts), "-qm", str(qm)], check=True)
        install_translators(app, "ru", Path(tmp))
        km = KaplanMeierView()
        km.show_analysis(analyse_survival(survival_records(), ["A", "B"]))
        course = PatientTimelineView()
        course.show_timeline(timeline())
        panels = TrendsView()
        panels.show_trends(trends())
        for size in SIZES:
            suffix = f"{size.width()}x{size.height()}"
            for widget in (km, course, panels):
                widget.resize(size)
            km.save_png(out_dir / f"km_{suffix}.png")
            panels.save_png(out_dir / f"trends_{suffix}.png")
            course.show_all()
            course.save_png(out_dir / f"timeline_full_{suffix}.png")
            course.show_range(ONSET, ONSET + timedelta(hours=12))
            course.save_png(out_dir / f"timeline_night_{suffix}.png")
            course.show_range(ONSET + timedelta(hours=2), ONSET + timedelta(hours=4))
            course.save_png(out_dir / f"timeline_2h_{suffix}.png")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp/chart_shots"))
