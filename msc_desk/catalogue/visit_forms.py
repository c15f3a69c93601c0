"""The visit form (baseline and days 2–28), section by section, as visit-fields.md sets it."""

from __future__ import annotations

from msc_desk.catalogue import conversions as conv
from msc_desk.catalogue.schema import (
    ALL_VISITS,
    DIMENSIONLESS,
    Choice,
    Condition,
    Field,
    FieldType,
    Form,
    Section,
    Unit,
    span,
)

UMOL_L = Unit("мкмоль/л", "µmol/L")
MMOL_L = Unit("ммоль/л", "mmol/L")
U_L = Unit("Ед/л", "U/L")
PERCENT = Unit("%", "%")
ML_DAY = Unit("мл/сут", "mL/day")
MMHG = Unit("мм рт. ст.", "mmHg")
FRACTION = Unit("доля (0,21–1,0)", "fraction (0.21–1.0)")
MCG_KG_MIN = Unit("мкг/кг/мин", "µg/kg/min")
SVRI_UNIT = Unit("дин·с·см⁻⁵·м²", "dyn·s·cm⁻⁵·m²")
L_MIN = Unit("л/мин", "L/min")
PG_ML = Unit("пг/мл", "pg/mL")
NG_ML = Unit("нг/мл", "ng/mL")
MG_L = Unit("мг/л", "mg/L")
G_L = Unit("г/л", "g/L")
MINUTES = Unit("мин", "min")
GIGA_L = Unit("×10⁹/л", "×10⁹/L")
POINTS = Unit("баллы", "points")

NO_YES = (Choice("no", "Нет", "No"), Choice("yes", "Да", "Yes"))


def lab(
    name: str,
    ru: str,
    en: str,
    unit: Unit,
    plausible: tuple[str, str],
    possible: tuple[str, str],
    *alternatives: conv.AlternativeUnit,
    integer: bool = False,
) -> Field:
    """A numeric visit field."""
    return Field(
        name,
        ru,
        en,
        FieldType.INTEGER if integer else FieldType.DECIMAL,
        unit=unit,
        alternatives=alternatives,
        plausible=span(*plausible),
        possible=span(*possible),
        visits=ALL_VISITS,
    )


def choice(name: str, ru: str, en: str, *choices: Choice) -> Field:
    return Field(name, ru, en, FieldType.CHOICE, choices=choices, visits=ALL_VISITS)


LIVER_PANCREAS = Section(
    "liver_pancreas",
    "Печень и поджелудочная железа",
    "Liver and pancreas",
    (
        lab("bilirubin_total", "Билирубин общий", "Total bilirubin", UMOL_L, ("2", "500"),
            ("0", "1500"), conv.BILIRUBIN_MG_DL),
        lab("alt", "АЛТ", "ALT", U_L, ("3", "2000"), ("0", "20000")),
        lab("ast", "АСТ", "AST", U_L, ("3", "3000"), ("0", "30000")),
        lab("ldh", "ЛДГ", "LDH", U_L, ("100", "5000"), ("0", "50000")),
        lab("prothrombin_quick", "Протромбин по Квику", "Prothrombin (Quick)", PERCENT,
            ("20", "130"), ("1", "200")),
        lab("inr", "МНО", "INR", DIMENSIONLESS, ("0.8", "6"), ("0.5", "20")),
        lab("amylase", "Амилаза", "Amylase", U_L, ("10", "1000"), ("0", "20000")),
    ),
)  # fmt: skip

KIDNEY = Section(
    "kidney",
    "Почки",
    "Kidney",
    (
        choice("rrt", "Заместительная почечная терапия", "Renal replacement therapy",
               Choice("none", "нет", "none"),
               Choice("hemodialysis", "гемодиализ", "haemodialysis"),
               Choice("hemodiafiltration", "гемодиафильтрация", "haemodiafiltration"),
               Choice("hemofiltration", "гемофильтрация", "haemofiltration")),
        lab("rrt_sessions", "Число сеансов ЗПТ с прошлого визита",
            "RRT sessions since the last visit", DIMENSIONLESS, ("0", "14"), ("0", "60"),
            integer=True),
        lab("urea", "Мочевина", "Urea", MMOL_L, ("1", "50"), ("0", "150"),
            conv.times("bun_mg_dl", Unit("мг/дл (АМК)", "mg/dL (BUN)"), "0.357", "0,357")),
        lab("creatinine", "Креатинин", "Creatinine", UMOL_L, ("20", "800"), ("5", "3000"),
            conv.CREATININE_MG_DL),
        lab("urine_output", "Диурез за сутки", "Urine output per day", ML_DAY, ("0", "6000"),
            ("0", "20000")),
    ),
)  # fmt: skip

LUNGS = Section(
    "lungs",
    "Лёгкие",
    "Lungs",
    (
        choice("respiratory_support", "Респираторная поддержка", "Respiratory support",
               Choice("none", "нет", "none"),
               Choice("oxygen", "кислород", "oxygen"),
               Choice("niv", "НИВЛ", "non-invasive ventilation"),
               Choice("invasive", "ИВЛ", "invasive ventilation")),
        lab("pao2", "PaO₂", "PaO₂", MMHG, ("40", "500"), ("10", "700"), conv.PAO2_KPA),
        lab("fio2", "FiO₂", "FiO₂", FRACTION, ("0.21", "1.0"), ("0.21", "1.0"),
            conv.FIO2_PERCENT),
        Field("pf_ratio", "PaO₂/FiO₂", "PaO₂/FiO₂", FieldType.DECIMAL, unit=MMHG,
              visits=ALL_VISITS, computed=True),
    ),
)  # fmt: skip

_THERMODILUTION = Condition("thermodilution", True)

HEART = Section(
    "heart",
    "Сердце и кровообращение",
    "Heart and circulation",
    (
        lab("map", "Среднее АД", "Mean arterial pressure", MMHG, ("40", "130"), ("10", "250")),
        lab("norepinephrine", "Норадреналин", "Norepinephrine", MCG_KG_MIN, ("0", "2"),
            ("0", "10"), *conv.VASOACTIVE_ALTERNATIVES),
        lab("epinephrine", "Адреналин", "Epinephrine", MCG_KG_MIN, ("0", "1"), ("0", "5"),
            *conv.VASOACTIVE_ALTERNATIVES),
        lab("dopamine", "Дофамин", "Dopamine", MCG_KG_MIN, ("0", "20"), ("0", "50"),
            *conv.VASOACTIVE_ALTERNATIVES),
        lab("dobutamine", "Добутамин", "Dobutamine", MCG_KG_MIN, ("0", "20"), ("0", "40"),
            *conv.VASOACTIVE_ALTERNATIVES),
        Field("thermodilution", "Транспульмональная термодилюция установлена",
              "Transpulmonary thermodilution in place", FieldType.BOOLEAN, visits=ALL_VISITS),
        Field("svri", "ИОПСС (SVRI)", "SVRI", FieldType.DECIMAL, unit=SVRI_UNIT,
              plausible=span("500", "4000"), possible=span("100", "10000"),
              required_if=_THERMODILUTION, visits=ALL_VISITS),
        Field("cardiac_output", "Сердечный выброс", "Cardiac output", FieldType.DECIMAL,
              unit=L_MIN, plausible=span("2", "15"), possible=span("0.5", "30"),
              required_if=_THERMODILUTION, visits=ALL_VISITS),
        choice("ecg", "ЭКГ", "ECG",
               Choice("sinus", "синусовый ритм", "sinus rhythm"),
               Choice("atrial_fibrillation", "фибрилляция предсердий", "atrial fibrillation"),
               Choice("other_arrhythmia", "другая аритмия", "other arrhythmia"),
               Choice("ischemia", "ишемия", "ischaemia"),
               Choice("other", "другое (текст)", "other (text)")),
        Field("ecg_other", "ЭКГ: другое", "ECG: other", FieldType.TEXT,
              required_if=Condition("ecg", "other"), visits=ALL_VISITS, max_length=200),
    ),
)  # fmt: skip

INFLAMMATION_BLOOD = Section(
    "inflammation_blood",
    "Воспаление, коагуляция, общий анализ крови",
    "Inflammation, coagulation, blood count",
    (
        lab("il6", "ИЛ-6", "IL-6", PG_ML, ("0", "50000"), ("0", "1000000")),
        lab("il10", "ИЛ-10", "IL-10", PG_ML, ("0", "5000"), ("0", "100000")),
        lab("pct", "Прокальцитонин", "Procalcitonin", NG_ML, ("0", "200"), ("0", "2000"),
            conv.times("ug_l", conv.UG_PER_L, "1", "1")),
        lab("crp", "С-реактивный белок", "C-reactive protein", MG_L, ("0", "400"),
            ("0", "1000"), conv.times("mg_dl", conv.MG_PER_DL, "10", "10")),
        lab("fibrinogen", "Фибриноген", "Fibrinogen", G_L, ("0.5", "10"), ("0", "20"),
            conv.times("mg_dl", conv.MG_PER_DL, "0.01", "0,01")),
        lab("lactate", "Лактат", "Lactate", MMOL_L, ("0.3", "20"), ("0", "40"),
            conv.LACTATE_MG_DL),
        lab("xiia_fibrinolysis", "XIIa-зависимый фибринолиз",
            "Factor XIIa-dependent fibrinolysis", MINUTES, ("4", "120"), ("1", "600")),
        lab("wbc", "Лейкоциты", "White blood cells", GIGA_L, ("0", "50"), ("0", "500"),
            conv.divided("per_ul", conv.PER_UL, "1000", "1000")),
        lab("neutrophils", "Нейтрофилы (абс.)", "Neutrophils (absolute)", GIGA_L, ("0", "30"),
            ("0", "300"), conv.divided("per_ul", conv.PER_UL, "1000", "1000")),
        lab("lymphocytes", "Лимфоциты (абс.)", "Lymphocytes (absolute)", GIGA_L, ("0", "10"),
            ("0", "400"), conv.divided("per_ul", conv.PER_UL, "1000", "1000")),
        lab("hemoglobin", "Гемоглобин", "Haemoglobin", G_L, ("50", "170"), ("20", "250"),
            conv.times("g_dl", conv.G_PER_DL, "10", "10")),
        lab("platelets", "Тромбоциты", "Platelets", GIGA_L, ("1", "600"), ("0", "3000"),
            conv.times("thousands_per_ul", conv.THOUSANDS_PER_UL, "1", "1")),
    ),
)  # fmt: skip

NEUROLOGY = Section(
    "neurology",
    "Неврология",
    "Neurology",
    (
        lab("gcs", "Шкала комы Глазго", "Glasgow Coma Scale", POINTS, ("3", "15"), ("3", "15"),
            integer=True),
        Field("sedated", "Седация", "Sedated", FieldType.BOOLEAN, visits=ALL_VISITS),
        Field("gcs_presedation", "ШКГ до седации (предполагаемая)",
              "GCS before sedation (presumed)", FieldType.INTEGER, unit=POINTS,
              plausible=span("3", "15"), possible=span("3", "15"),
              required_if=Condition("sedated", True), visits=ALL_VISITS),
    ),
)  # fmt: skip

VISIT_SECTIONS = (LIVER_PANCREAS, KIDNEY, LUNGS, HEART, INFLAMMATION_BLOOD, NEUROLOGY)
VISIT_FORM = Form("visit", "Визит", "Visit", VISIT_SECTIONS)
