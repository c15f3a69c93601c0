"""Display words for the trial's vocabularies (status, arm, role, visit state, criteria)."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale

from msc_desk.models.enums import Arm, PatientStatus, Role, Sex
from msc_desk.scoring import eligibility as crit
from msc_desk.scoring.visits import VisitState
from msc_desk.timekeeping import to_moscow

DASH = "—"
_PLACEHOLDER = re.compile(r"%(\d+)")
_CONTEXT = "Vocabulary"

_STATUS = {
    PatientStatus.SCREENING: QT_TRANSLATE_NOOP("Vocabulary", "Screening"),
    PatientStatus.SCREEN_FAILED: QT_TRANSLATE_NOOP("Vocabulary", "Not enrolled"),
    PatientStatus.RANDOMIZED: QT_TRANSLATE_NOOP("Vocabulary", "Randomized"),
    PatientStatus.COMPLETED: QT_TRANSLATE_NOOP("Vocabulary", "Completed the study"),
    PatientStatus.DIED: QT_TRANSLATE_NOOP("Vocabulary", "Died"),
    PatientStatus.WITHDRAWN: QT_TRANSLATE_NOOP("Vocabulary", "Withdrawn"),
}
_ARM = {
    Arm.CONTROL: QT_TRANSLATE_NOOP("Vocabulary", "Control"),
    Arm.MSC: QT_TRANSLATE_NOOP("Vocabulary", "MSC"),
}
_ROLE = {
    Role.INVESTIGATOR: QT_TRANSLATE_NOOP("Vocabulary", "Investigator"),
    Role.NURSE: QT_TRANSLATE_NOOP("Vocabulary", "Nurse"),
    Role.MONITOR: QT_TRANSLATE_NOOP("Vocabulary", "Monitor"),
    Role.ADMIN: QT_TRANSLATE_NOOP("Vocabulary", "Administrator"),
    Role.BLINDED_REVIEWER: QT_TRANSLATE_NOOP("Vocabulary", "Blinded reviewer"),
}
_VISIT_STATE = {
    VisitState.UPCOMING: QT_TRANSLATE_NOOP("Vocabulary", "Scheduled"),
    VisitState.DUE: QT_TRANSLATE_NOOP("Vocabulary", "Window open"),
    VisitState.OVERDUE: QT_TRANSLATE_NOOP("Vocabulary", "Overdue"),
    VisitState.MISSED: QT_TRANSLATE_NOOP("Vocabulary", "Missed"),
    VisitState.DONE: QT_TRANSLATE_NOOP("Vocabulary", "Done"),
    VisitState.NOT_APPLICABLE: QT_TRANSLATE_NOOP("Vocabulary", "Not applicable"),
}
_CRITERION = {
    crit.SHOCK_ONSET_GT_10H: QT_TRANSLATE_NOOP("Vocabulary", "More than 10 h since shock onset"),
    crit.SCREENING_BEFORE_SHOCK_ONSET: QT_TRANSLATE_NOOP(
        "Vocabulary", "Screening time is before shock onset"
    ),
    crit.MISSING_SHOCK_ONSET: QT_TRANSLATE_NOOP("Vocabulary", "Shock onset time not recorded"),
    crit.ANC_GT_1_0: QT_TRANSLATE_NOOP("Vocabulary", "Neutrophils above 1.0 ×10⁹/L"),
    crit.MISSING_ANC: QT_TRANSLATE_NOOP("Vocabulary", "Neutrophil count not recorded"),
    crit.AGE_LT_17: QT_TRANSLATE_NOOP("Vocabulary", "Age under 17"),
    crit.AGE_GT_75: QT_TRANSLATE_NOOP("Vocabulary", "Age over 75"),
    crit.MISSING_AGE: QT_TRANSLATE_NOOP("Vocabulary", "Age not recorded"),
    crit.CONSENT_NOT_SIGNED: QT_TRANSLATE_NOOP("Vocabulary", "Informed consent not signed"),
    crit.PREGNANT: QT_TRANSLATE_NOOP("Vocabulary", "Pregnancy"),
    crit.MISSING_PREGNANCY_STATUS: QT_TRANSLATE_NOOP("Vocabulary", "Pregnancy status not recorded"),
    crit.CHEMO_RESISTANT_DISEASE: QT_TRANSLATE_NOOP(
        "Vocabulary", "Chemotherapy-resistant haematological malignancy"
    ),
    crit.MISSING_CHEMO_RESISTANCE_STATUS: QT_TRANSLATE_NOOP(
        "Vocabulary", "Chemoresistance status not recorded"
    ),
}


def fill(template: str, *values: object) -> str:
    """Put values into a translated text's %1, %2, … in one pass (like QString::arg)."""

    def value(match: re.Match[str]) -> str:
        number = int(match[1])
        return str(values[number - 1]) if 1 <= number <= len(values) else match[0]

    return _PLACEHOLDER.sub(value, template)


def _t(source: object) -> str:
    # QT_TRANSLATE_NOOP is typed as returning object; it returns the source text.
    return QCoreApplication.translate(_CONTEXT, str(source))


def status_label(
    status: PatientStatus, sex: Sex | None = None, *, eligible_not_randomized: bool = False
) -> str:
    """The status in words, agreeing with the patient's sex when it is known.

    A patient saved eligible but never randomized says so, as the screening log does.
    """
    if eligible_not_randomized and status is PatientStatus.SCREENING:
        return eligible_not_randomized_label(sex)
    if sex is Sex.FEMALE:
        return _female_status(status)
    return _t(_STATUS[status])


def eligible_not_randomized_label(sex: Sex | None = None) -> str:
    """The status of a patient saved eligible but not randomized (list missing, or refused)."""
    if sex is Sex.FEMALE:
        return QCoreApplication.translate(
            "Vocabulary", "Eligible, not randomized", "female patient"
        )
    return QCoreApplication.translate("Vocabulary", "Eligible, not randomized")


def _female_status(status: PatientStatus) -> str:
    # The same English words with another translation: Russian verbs and participles agree.
    translate = QCoreApplication.translate
    return {
        PatientStatus.SCREENING: translate("Vocabulary", "Screening", "female patient"),
        PatientStatus.SCREEN_FAILED: translate("Vocabulary", "Not enrolled", "female patient"),
        PatientStatus.RANDOMIZED: translate("Vocabulary", "Randomized", "female patient"),
        PatientStatus.COMPLETED: translate("Vocabulary", "Completed the study", "female patient"),
        PatientStatus.DIED: translate("Vocabulary", "Died", "female patient"),
        PatientStatus.WITHDRAWN: translate("Vocabulary", "Withdrawn", "female patient"),
    }[status]


def all_status_labels() -> list[str]:
    """Every status as it can be shown (both grammatical genders), e.g. to size a column."""
    sexes = (None, Sex.FEMALE)
    statuses = [status_label(status, sex) for status in PatientStatus for sex in sexes]
    return statuses + [eligible_not_randomized_label(sex) for sex in sexes]


def arm_label(arm: Arm | None) -> str:
    """The arm's name, or a dash before randomization (the allocation stays concealed)."""
    return DASH if arm is None else _t(_ARM[arm])


def role_label(role: Role) -> str:
    return _t(_ROLE[role])


def visit_state_label(state: VisitState) -> str:
    return _t(_VISIT_STATE[state])


def visit_label(study_day: int) -> str:
    """The visit's name as the ward says it: baseline (day 0), or the study day."""
    if study_day == 0:
        return QCoreApplication.translate("Vocabulary", "Baseline")
    return fill(QCoreApplication.translate("Vocabulary", "Day %1"), study_day)


def criterion_label(code: str) -> str:
    """A screening failure code in words; an unknown code is shown as it is."""
    source = _CRITERION.get(code)
    return code if source is None else _t(source)


def format_date(value: date | None) -> str:
    """dd.MM.yyyy, or a dash."""
    # Not strftime: it imports a module at every call, which PySide6's import hook slows down
    # (thousands of dates in a dashboard table).
    return DASH if value is None else f"{value.day:02d}.{value.month:02d}.{value.year:04d}"


def format_moscow(instant: datetime | None) -> str:
    """An instant on the Moscow wall clock, dd.MM.yyyy HH:mm, or a dash."""
    if instant is None:
        return DASH
    local = to_moscow(instant)
    return f"{format_date(local)} {local.hour:02d}:{local.minute:02d}"


def format_decimal(value: Decimal | None) -> str:
    """A decimal as the default locale writes it (decimal comma in Russian), or a dash."""
    if value is None:
        return DASH
    return format(value, "f").replace(".", QLocale().decimalPoint())
