"""The repeating adverse-event form and the outcome form (death, discharge, day-28 status)."""

from __future__ import annotations

from msc_desk.catalogue.schema import (
    DIMENSIONLESS,
    Choice,
    Condition,
    Field,
    FieldType,
    Form,
    Section,
    span,
)

MISSING_DATA_REASONS = (
    Choice("not_done", "не выполнено", "not done"),
    Choice("not_available", "нет данных", "not available"),
    Choice("patient_died", "пациент умер", "patient died"),
    Choice("technical_failure", "технический сбой", "technical failure"),
    Choice("other", "другое (текст)", "other (text)"),
)
"""Why a required field is empty; a form is complete only when each empty one has a reason."""


def _item(name: str, ru: str, en: str, kind: FieldType, **extra: object) -> Field:
    return Field(name, ru, en, kind, **extra)  # type: ignore[arg-type]


SERIOUS_REASONS = (
    Choice("death", "смерть", "death"),
    Choice("life_threatening", "угроза жизни", "life-threatening"),
    Choice("hospitalization", "госпитализация или её продление",
           "hospitalization or its prolongation"),
    Choice("disability", "стойкая нетрудоспособность", "persistent disability"),
    Choice("other_important", "другое важное медицинское событие",
           "other important medical event"),
)  # fmt: skip
RELATIONS = (
    Choice("not_related", "не связано", "not related"),
    Choice("unlikely", "маловероятна", "unlikely"),
    Choice("possible", "возможна", "possible"),
    Choice("probable", "вероятна", "probable"),
    Choice("definite", "определённая", "definite"),
)
AE_ACTIONS = (
    Choice("none", "не требовались", "none"),
    Choice("infusion_interrupted", "инфузия приостановлена", "infusion interrupted"),
    Choice("infusion_stopped", "инфузия прекращена", "infusion stopped"),
    Choice("treatment", "назначено лечение", "treatment given"),
    Choice("other", "другое", "other"),
)
AE_OUTCOMES = (
    Choice("recovered", "разрешилось", "recovered"),
    Choice("recovering", "разрешается", "recovering"),
    Choice("not_recovered", "не разрешилось", "not recovered"),
    Choice("sequelae", "разрешилось с последствиями", "recovered with sequelae"),
    Choice("fatal", "смерть", "fatal"),
    Choice("unknown", "неизвестно", "unknown"),
)
VITAL_STATUS_SOURCES = (
    Choice("phone", "телефонный контакт", "telephone contact"),
    Choice("records", "медицинская документация", "medical records"),
    Choice("in_person", "осмотр пациента", "seen in person"),
    Choice("other", "другое", "other"),
)
WITHDRAWAL_REASONS = (
    Choice("consent_withdrawn", "отзыв согласия", "consent withdrawn"),
    Choice("lost_to_follow_up", "потерян для наблюдения", "lost to follow-up"),
    Choice("investigator_decision", "решение исследователя", "investigator's decision"),
    Choice("other", "другое", "other"),
)
VITAL_STATUS_DAY28 = (
    Choice("alive", "жив", "alive"),
    Choice("died", "умер", "died"),
    Choice("censored", "не установлен (цензурирован)", "not established (censored)"),
)
"""Codes of scoring.outcomes.VitalStatus: computed from death and last contact, never typed."""

_SERIOUS = Condition("ae_serious", True)

ADVERSE_EVENT = Section(
    "adverse_event",
    "Нежелательное явление",
    "Adverse event",
    (
        _item("ae_term", "Нежелательное явление (термин)", "Adverse event term", FieldType.TEXT,
              max_length=200),
        _item("ae_onset_at", "Начало", "Onset", FieldType.INSTANT),
        _item("ae_end_at", "Окончание", "End", FieldType.INSTANT, required=False),
        _item("ae_grade", "Степень тяжести (CTCAE)", "Severity grade (CTCAE)", FieldType.INTEGER,
              unit=DIMENSIONLESS, plausible=span("1", "5"), possible=span("1", "5")),
        _item("ae_serious", "Серьёзное нежелательное явление", "Serious adverse event",
              FieldType.BOOLEAN),
        _item("ae_serious_reason", "Критерий серьёзности", "Why serious", FieldType.CHOICE,
              required_if=_SERIOUS, choices=SERIOUS_REASONS),
        _item("ae_relation_to_msc", "Связь с МСК", "Relation to MSC", FieldType.CHOICE,
              choices=RELATIONS),
        _item("ae_action", "Предпринятые меры", "Action taken", FieldType.CHOICE,
              choices=AE_ACTIONS),
        _item("ae_outcome", "Исход явления", "Outcome of the event", FieldType.CHOICE,
              choices=AE_OUTCOMES),
        _item("ae_description", "Описание", "Description", FieldType.TEXT, required=False,
              max_length=2000),
    ),
)  # fmt: skip
ADVERSE_EVENT_FORM = Form(
    "adverse_event", "Нежелательное явление", "Adverse event", (ADVERSE_EVENT,)
)
AE_COLUMNS = {
    "ae_term": "term",
    "ae_onset_at": "onset_at",
    "ae_end_at": "resolved_at",
    "ae_grade": "grade",
    "ae_serious": "serious",
    "ae_serious_reason": "serious_reason",
    "ae_relation_to_msc": "related_to_msc",
    "ae_action": "action_taken",
    "ae_outcome": "outcome",
    "ae_description": "description",
}
"""Adverse-event form field -> adverse_event column."""

_DIED = Condition("died", True)
_WITHDRAWN = Condition("withdrawn", True)

OUTCOME = Section(
    "outcome",
    "Исход",
    "Outcome",
    (
        _item("died", "Смерть", "Died", FieldType.BOOLEAN),
        _item("died_at", "Дата и время смерти", "Date and time of death", FieldType.INSTANT,
              required_if=_DIED),
        _item("cause_of_death", "Причина смерти", "Cause of death", FieldType.TEXT,
              required_if=_DIED, max_length=500),
        _item("icu_discharged_at", "Перевод из ОРИТ", "ICU discharge", FieldType.INSTANT,
              required=False),
        _item("hospital_discharged_at", "Выписка из стационара", "Hospital discharge",
              FieldType.INSTANT, required=False),
        _item("last_known_alive_at", "Последний раз известен живым", "Last known alive",
              FieldType.INSTANT, required=False),
        _item("vital_status_source", "Как подтверждён статус", "How the status was confirmed",
              FieldType.CHOICE, required=False, choices=VITAL_STATUS_SOURCES),
        _item("vital_status_day28", "Жизненный статус на 28-й день", "Vital status at day 28",
              FieldType.CHOICE, computed=True, choices=VITAL_STATUS_DAY28),
        _item("withdrawn", "Выбыл из исследования", "Withdrawn from the study", FieldType.BOOLEAN),
        _item("withdrawal_reason", "Причина выбывания", "Reason for withdrawal", FieldType.CHOICE,
              required_if=_WITHDRAWN, choices=WITHDRAWAL_REASONS),
        _item("withdrawn_at", "Дата выбывания", "Withdrawn on", FieldType.INSTANT,
              required_if=_WITHDRAWN),
    ),
)  # fmt: skip
OUTCOME_FORM = Form("outcome", "Исход", "Outcome", (OUTCOME,))
OUTCOME_COLUMNS = {
    "died_at": "died_at",
    "cause_of_death": "cause_of_death",
    "icu_discharged_at": "icu_discharged_at",
    "hospital_discharged_at": "discharged_at",
    "last_known_alive_at": "last_known_alive_at",
    "vital_status_source": "vital_status_source",
    "withdrawal_reason": "withdrawal_reason",
    "withdrawn_at": "withdrawn_at",
}
"""Outcome form field -> outcome column (died and withdrawn follow from their instants)."""
