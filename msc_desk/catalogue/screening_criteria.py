"""The screening failure codes in words, Russian and English: the wizard, the log and reports."""

from __future__ import annotations

from dataclasses import dataclass

from msc_desk.scoring import eligibility as crit


@dataclass(frozen=True)
class Wording:
    ru: str
    en: str

    def text(self, language: str) -> str:
        return self.ru if language == "ru" else self.en


FAILURES: dict[str, Wording] = {
    crit.SHOCK_ONSET_GT_10H: Wording(
        "Более 10 ч от начала септического шока", "More than 10 h since the onset of septic shock"
    ),
    crit.SCREENING_BEFORE_SHOCK_ONSET: Wording(
        "Начало шока позже текущего времени — проверьте дату и время",
        "Shock onset is later than now: check its date and time",
    ),
    crit.MISSING_SHOCK_ONSET: Wording("Не указано начало шока", "Shock onset not entered"),
    crit.ANC_GT_1_0: Wording("Нейтрофилы > 1,0 ×10⁹/л", "Neutrophils > 1.0 ×10⁹/L"),
    crit.MISSING_ANC: Wording("Нет данных о нейтрофилах", "No neutrophil data"),
    crit.AGE_LT_17: Wording("Возраст < 17 лет", "Age < 17 years"),
    crit.AGE_GT_75: Wording("Возраст > 75 лет", "Age > 75 years"),
    crit.MISSING_AGE: Wording(
        "Не указаны возраст или дата рождения", "Age or date of birth not entered"
    ),
    crit.CONSENT_NOT_SIGNED: Wording(
        "Информированное согласие не подписано", "Informed consent not signed"
    ),
    crit.PREGNANT: Wording("Беременность", "Pregnancy"),
    crit.MISSING_PREGNANCY_STATUS: Wording("Беременность не исключена", "Pregnancy not ruled out"),
    crit.CHEMO_RESISTANT_DISEASE: Wording(
        "Химиорезистентное онкогематологическое заболевание",
        "Chemotherapy-resistant onco-haematological disease",
    ),
    crit.MISSING_CHEMO_RESISTANCE_STATUS: Wording(
        "Нет данных о химиорезистентности заболевания",
        "Unknown whether the disease is chemotherapy-resistant",
    ),
}
"""Every failure code of the eligibility rules, in the order the wizard asks about them."""


def failure_wording(code: str, language: str) -> str:
    """Why a criterion fails or is missing, in words; an unknown code is shown as it is."""
    wording = FAILURES.get(code)
    return code if wording is None else wording.text(language)
