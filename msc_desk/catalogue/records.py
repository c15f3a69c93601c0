"""Every column of the records kept today, labelled, so the audit viewer can name what changed."""

from __future__ import annotations

from msc_desk.catalogue.schema import (
    DIMENSIONLESS,
    Choice,
    Field,
    FieldType,
    Table,
    Unit,
)
from msc_desk.catalogue.visit_forms import GIGA_L, PERCENT

D = FieldType
YEARS = Unit("лет", "years")
MINUTES_OFFSET = Unit("мин", "min")
MILLION_PER_KG = Unit("млн/кг", "million/kg")
CELLS_PER_ML = Unit("клеток/мл", "cells/mL")
ML = Unit("мл", "mL")
KG = Unit("кг", "kg")

PATIENT_STATUS = (
    Choice("screening", "скрининг", "screening"),
    Choice("screen_failed", "не включён", "not enrolled"),
    Choice("randomized", "рандомизирован", "randomized"),
    Choice("completed", "завершил исследование", "completed the study"),
    Choice("died", "умер", "died"),
    Choice("withdrawn", "выбыл", "withdrawn"),
)
ARMS = (Choice("control", "контроль", "control"), Choice("msc", "МСК", "MSC"))
ROLES = (
    Choice("investigator", "исследователь", "investigator"),
    Choice("nurse", "медсестра", "nurse"),
    Choice("monitor", "монитор", "monitor"),
    Choice("admin", "администратор", "administrator"),
    Choice("blinded_reviewer", "заслеплённый эксперт", "blinded reviewer"),
)
SEX = (Choice("male", "мужской", "male"), Choice("female", "женский", "female"))
CONSENT_SIGNER = (
    Choice("patient", "пациент", "patient"),
    Choice("representative", "законный представитель", "legal representative"),
)
VISIT_STATUS = (
    Choice("scheduled", "запланирован", "scheduled"),
    Choice("done", "выполнен", "done"),
    Choice("missed", "пропущен", "missed"),
    Choice("not_applicable", "не применимо", "not applicable"),
)
MISSING_REASON = (
    Choice("not_done", "не выполнено", "not done"),
    Choice("not_available", "нет данных", "not available"),
    Choice("died", "пациент умер", "patient died"),
    Choice("transferred", "переведён", "transferred"),
    Choice("technical_failure", "технический сбой", "technical failure"),
    Choice("not_applicable", "не применимо", "not applicable"),
    Choice("other", "другое", "other"),
)


def col(name: str, ru: str, en: str, kind: FieldType = D.TEXT, **extra: object) -> Field:
    """A record column; record columns are not visit fields and carry no missing-data rule."""
    return Field(name, ru, en, kind, required=False, **extra)  # type: ignore[arg-type]


def ref(name: str, ru: str, en: str) -> Field:
    return col(name, ru, en, D.REFERENCE)


ID = ref("id", "Идентификатор записи", "Record id")
PATIENT = ref("patient_id", "Пациент", "Patient")
DELETED = col("deleted_at", "Удалено (время)", "Deleted at", D.INSTANT)

TABLES: tuple[Table, ...] = (
    Table("patient", "Пациент", "Patient", (
        ID,
        col("study_id", "Номер в исследовании", "Study id"),
        ref("site_id", "Центр", "Site"),
        col("status", "Статус", "Status", D.CHOICE, choices=PATIENT_STATUS),
        col("is_demo", "Демонстрационный", "Demo", D.BOOLEAN),
        col("created_at", "Создан", "Created at", D.INSTANT),
        ref("created_by_id", "Создал", "Created by"),
        DELETED,
    )),
    Table("patient_identification", "Идентификация пациента", "Patient identification", (
        ID, PATIENT,
        col("full_name", "ФИО", "Full name"),
        col("medical_record_number", "Номер истории болезни", "Medical record number"),
        col("date_of_birth", "Дата рождения", "Date of birth", D.DATE),
        col("consent_representative_name", "ФИО законного представителя",
            "Legal representative's name"),
    )),
    Table("screening", "Скрининг", "Screening", (
        ID, PATIENT,
        col("screened_at", "Время скрининга", "Screened at", D.INSTANT),
        col("screened_at_offset_min", "Смещение часового пояса при скрининге",
            "Time zone offset at screening", D.INTEGER, unit=MINUTES_OFFSET),
        ref("screened_by_id", "Провёл скрининг", "Screened by"),
        col("shock_onset_at", "Начало септического шока", "Septic shock onset", D.INSTANT),
        col("shock_onset_offset_min", "Смещение часового пояса начала шока",
            "Time zone offset at shock onset", D.INTEGER, unit=MINUTES_OFFSET),
        col("shock_definition", "Критерий шока", "Shock definition"),
        col("anc_10e9_per_l", "Абсолютное число нейтрофилов", "Absolute neutrophil count",
            D.DECIMAL, unit=GIGA_L),
        col("wbc_10e9_per_l", "Лейкоциты", "White blood cells", D.DECIMAL, unit=GIGA_L),
        col("neutrophils_segmented_percent", "Сегментоядерные нейтрофилы",
            "Segmented neutrophils", D.DECIMAL, unit=PERCENT),
        col("neutrophils_band_percent", "Палочкоядерные нейтрофилы", "Band neutrophils",
            D.DECIMAL, unit=PERCENT),
        col("age_years", "Возраст", "Age", D.INTEGER, unit=YEARS),
        col("sex", "Пол", "Sex", D.CHOICE, choices=SEX),
        col("pregnant", "Беременность", "Pregnant", D.BOOLEAN),
        col("chemo_resistant_oncohematologic", "Химиорезистентное онкогематологическое заболевание",
            "Chemotherapy-resistant haematological malignancy", D.BOOLEAN),
        col("consent_signed", "Информированное согласие подписано", "Informed consent signed",
            D.BOOLEAN),
        col("consent_signer", "Кто подписал согласие", "Consent signed by", D.CHOICE,
            choices=CONSENT_SIGNER),
        col("consent_at", "Время подписания согласия", "Consent signed at", D.INSTANT),
        col("consent_at_offset_min", "Часовой пояс согласия (мин к UTC)",
            "Consent time zone (min from UTC)", D.INTEGER, unit=MINUTES_OFFSET),
        col("eligible", "Соответствует критериям", "Eligible", D.BOOLEAN),
        col("failed_criteria", "Невыполненные критерии", "Criteria not met"),
        col("notes", "Примечания", "Notes"),
    )),
    Table("allocation_list", "Список рандомизации", "Allocation list", (
        ID,
        col("list_uid", "Идентификатор списка", "List id"),
        col("study", "Исследование", "Study"),
        col("device_uid", "Идентификатор ноутбука", "Device id"),
        col("stratum", "Страта", "Stratum"),
        col("first_slot", "Первый номер", "First slot", D.INTEGER, unit=DIMENSIONLESS),
        col("slot_count", "Число номеров", "Slot count", D.INTEGER, unit=DIMENSIONLESS),
        col("signer_fingerprint", "Отпечаток ключа центра", "Center key fingerprint"),
        col("signed_document", "Подписанный документ", "Signed document", D.SECRET),
        col("imported_at", "Импортирован", "Imported at", D.INSTANT),
        ref("imported_by_id", "Импортировал", "Imported by"),
        col("sealed_list_key", "Запечатанный ключ списка", "Sealed list key", D.SECRET),
        col("first_study_number", "Первый номер пациента", "First study number", D.INTEGER,
            unit=DIMENSIONLESS),
        col("study_number_count", "Число номеров пациентов", "Study numbers", D.INTEGER,
            unit=DIMENSIONLESS),
    )),
    Table("allocation_slot", "Рандомизационный номер", "Allocation slot", (
        ID,
        ref("list_id", "Список рандомизации", "Allocation list"),
        col("slot_number", "Номер", "Slot number", D.INTEGER, unit=DIMENSIONLESS),
        col("sealed_arm", "Запечатанная группа", "Sealed arm", D.SECRET),
        col("commitment", "Обязательство (хеш)", "Commitment (hash)", D.SECRET),
        col("arm", "Группа", "Arm", D.CHOICE, choices=ARMS),
        PATIENT,
        col("revealed_at", "Вскрыт", "Revealed at", D.INSTANT),
        ref("revealed_by_id", "Вскрыл", "Revealed by"),
        col("reveal_hash", "Звено цепочки вскрытий", "Reveal chain link", D.SECRET),
        col("eligibility_sha256", "Хеш решения о соответствии", "Eligibility result hash",
            D.SECRET),
    )),
    Table("user_account", "Пользователь", "User", (
        ID,
        col("username", "Имя входа", "Username"),
        col("full_name", "ФИО пользователя", "User's full name"),
        col("role", "Роль", "Role", D.CHOICE, choices=ROLES),
        col("can_randomize", "Право рандомизации", "May randomize", D.BOOLEAN),
        col("active", "Активен", "Active", D.BOOLEAN),
        col("created_at", "Создан", "Created at", D.INSTANT),
    )),
    Table("setting", "Настройка", "Setting", (
        col("key", "Параметр", "Setting"),
        col("value", "Значение", "Value"),
    )),
    Table("site", "Центр", "Site", (
        ID,
        col("code", "Код центра", "Site code"),
        col("name", "Название центра", "Site name"),
        col("created_at", "Создан", "Created at", D.INSTANT),
    )),
    Table("device", "Ноутбук", "Device", (
        ID,
        ref("site_id", "Центр", "Site"),
        col("name", "Название ноутбука", "Device name"),
        col("device_uid", "Идентификатор ноутбука", "Device id"),
        col("signing_public_key", "Открытый ключ подписи", "Signing public key"),
        col("created_at", "Создан", "Created at", D.INSTANT),
    )),
    Table("signature", "Подпись", "Signature", (
        ID, PATIENT,
        ref("visit_id", "Визит", "Visit"),
        ref("signed_by_id", "Подписал", "Signed by"),
        col("signed_at", "Время подписи", "Signed at", D.INSTANT),
        col("meaning", "Значение подписи", "Meaning of the signature"),
        col("voided_at", "Подпись отозвана", "Voided at", D.INSTANT),
        col("void_reason", "Причина отзыва подписи", "Reason for voiding"),
        ref("key_entry_id", "Ключ подписавшего (реестр)", "Signer's key (registry entry)"),
        col("signer_signature", "Электронная подпись ключом", "Signer's key signature", D.SECRET),
    )),
    Table("data_query", "Запрос монитора", "Data query", (
        ID, PATIENT,
        ref("visit_id", "Визит", "Visit"),
        col("field", "Поле", "Field"),
        col("text", "Текст запроса", "Query text"),
        ref("raised_by_id", "Задал", "Raised by"),
        col("raised_at", "Задан", "Raised at", D.INSTANT),
        col("answer", "Ответ", "Answer"),
        ref("answered_by_id", "Ответил", "Answered by"),
        col("answered_at", "Время ответа", "Answered at", D.INSTANT),
        col("closed_at", "Закрыт", "Closed at", D.INSTANT),
    )),
    Table("visit", "Визит", "Visit", (
        ID, PATIENT,
        col("study_day", "День исследования", "Study day", D.INTEGER, unit=DIMENSIONLESS),
        col("status", "Статус визита", "Visit status", D.CHOICE, choices=VISIT_STATUS),
        col("performed_at", "Время визита", "Performed at", D.INSTANT),
        col("missing_reason", "Причина отсутствия данных", "Reason data are missing", D.CHOICE,
            choices=MISSING_REASON),
        col("locked", "Заблокирован подписью", "Locked by a signature", D.BOOLEAN),
    )),
    Table("observation", "Показатель визита", "Visit value", (
        ID,
        ref("visit_id", "Визит", "Visit"),
        col("code", "Показатель", "Variable"),
        col("value", "Значение", "Value", D.DECIMAL, unit=DIMENSIONLESS),
        col("value_text", "Значение (текст)", "Value (text)"),
        col("unit", "Единица измерения", "Unit"),
        col("measured_at", "Время измерения", "Measured at", D.INSTANT),
        col("missing_reason", "Причина отсутствия значения", "Reason the value is missing",
            D.CHOICE, choices=MISSING_REASON),
        DELETED,
    )),
    Table("infusion", "Инфузия МСК", "MSC infusion", (
        ID, PATIENT,
        col("weight_kg", "Масса тела", "Body weight", D.DECIMAL, unit=KG),
        col("target_dose_million_cells_per_kg", "Назначенная доза", "Prescribed dose",
            D.DECIMAL, unit=MILLION_PER_KG),
        col("product_lot", "Серия препарата", "Product lot"),
        col("product_concentration_cells_per_ml", "Концентрация клеток", "Cell concentration",
            D.DECIMAL, unit=CELLS_PER_ML),
        col("viability_percent", "Жизнеспособность клеток", "Cell viability", D.DECIMAL,
            unit=PERCENT),
        col("volume_ml", "Объём", "Volume", D.DECIMAL, unit=ML),
        col("started_at", "Начало инфузии", "Infusion started", D.INSTANT),
        col("started_at_offset_min", "Смещение часового пояса начала инфузии",
            "Time zone offset at infusion start", D.INTEGER, unit=MINUTES_OFFSET),
        col("ended_at", "Окончание инфузии", "Infusion ended", D.INSTANT),
        ref("prepared_by_id", "Подготовил", "Prepared by"),
        ref("checked_by_id", "Проверил", "Checked by"),
        ref("administered_by_id", "Ввёл", "Administered by"),
        col("reactions", "Реакции", "Reactions"),
        DELETED,
    )),
    Table("adverse_event", "Нежелательное явление", "Adverse event", (
        ID, PATIENT,
        col("term", "Нежелательное явление", "Term"),
        col("onset_at", "Начало", "Onset", D.INSTANT),
        col("grade", "Степень тяжести (CTCAE)", "Grade (CTCAE)", D.INTEGER, unit=DIMENSIONLESS),
        col("serious", "Серьёзное", "Serious", D.BOOLEAN),
        col("related_to_msc", "Связь с МСК", "Relation to MSC"),
        col("outcome", "Исход явления", "Outcome of the event"),
        col("resolved_at", "Разрешилось", "Resolved at", D.INSTANT),
        col("description", "Описание", "Description"),
        DELETED,
    )),
    Table("outcome", "Исход", "Outcome", (
        ID, PATIENT,
        col("died_at", "Время смерти", "Died at", D.INSTANT),
        col("cause_of_death", "Причина смерти", "Cause of death"),
        col("discharged_at", "Выписка", "Discharged at", D.INSTANT),
        col("last_known_alive_at", "Последний раз известен живым", "Last known alive", D.INSTANT),
        col("alive_confirmed_by_contact", "Статус подтверждён контактом",
            "Vital status confirmed by contact", D.BOOLEAN),
    )),
    Table("user_key_registry", "Реестр ключей пользователей", "User key registry", (
        ID,
        ref("user_id", "Пользователь", "User"),
        col("sequence", "Порядковый номер", "Sequence", D.INTEGER, unit=DIMENSIONLESS),
        col("username", "Имя пользователя", "Username"),
        col("role", "Роль", "Role", D.CHOICE, choices=ROLES),
        col("can_randomize", "Право рандомизации", "May randomize", D.BOOLEAN),
        col("active", "Активен", "Active", D.BOOLEAN),
        col("temporary", "Временный пароль", "Temporary password", D.BOOLEAN),
        col("action", "Действие", "Action"),
        col("encryption_public", "Открытый ключ шифрования", "Encryption public key", D.SECRET),
        col("signing_public", "Открытый ключ подписи", "Signing public key", D.SECRET),
        col("created_at", "Создана", "Created at", D.INSTANT),
        ref("authority_entry_id", "Заверено записью", "Countersigned by entry"),
        col("self_signature", "Подпись владельца", "Owner's signature", D.SECRET),
        col("authority_signature", "Подпись заверившего", "Countersignature", D.SECRET),
    )),
    Table("audit_head_signature", "Подпись журнала аудита", "Audit head signature", (
        ID,
        col("audit_id", "Запись аудита", "Audit entry", D.INTEGER, unit=DIMENSIONLESS),
        col("audit_count", "Число записей", "Entry count", D.INTEGER, unit=DIMENSIONLESS),
        col("entry_hash", "Хеш записи", "Entry hash", D.SECRET),
        ref("user_id", "Пользователь", "User"),
        ref("key_entry_id", "Запись реестра ключей", "Key registry entry"),
        col("signature", "Подпись", "Signature", D.SECRET),
    )),
    Table("audit_key", "Ключ журнала аудита", "Audit key", (
        ID, col("key", "Ключ", "Key", D.SECRET),
    )),
    Table("integrity_mark", "Отметка проверки целостности", "Integrity mark", (
        ID,
        col("verified_audit_id", "Проверено до записи", "Verified up to entry", D.INTEGER,
            unit=DIMENSIONLESS),
        col("verified_hash", "Хеш проверенной записи", "Hash of the verified entry", D.SECRET),
    )),
    Table("clock_confirmation", "Подтверждение времени", "Clock confirmation", (
        ID,
        col("confirmed_at", "Время подтверждено", "Confirmed at", D.INSTANT),
        ref("confirmed_by_id", "Подтвердил", "Confirmed by"),
        col("reason", "Причина", "Reason"),
        col("last_audit_id", "Последняя запись аудита", "Last audit entry", D.INTEGER,
            unit=DIMENSIONLESS),
        col("payload", "Подписанные данные", "Signed payload", D.SECRET),
        col("signer_public_key", "Открытый ключ подписавшего", "Signer's public key", D.SECRET),
        col("signature", "Подпись", "Signature", D.SECRET),
    )),
    Table("device_signing_key", "Ключ подписи ноутбука", "Device signing key", (
        ID,
        col("public_key", "Открытый ключ", "Public key", D.SECRET),
        col("private_key", "Закрытый ключ", "Private key", D.SECRET),
        col("created_at", "Создан", "Created at", D.INSTANT),
    )),
    Table("center_key_bundle", "Ключи координационного центра", "Center key bundle", (
        ID,
        col("bundle", "Подписанный набор ключей", "Signed key bundle", D.SECRET),
        col("operational_fingerprint", "Отпечаток рабочего ключа", "Operational key fingerprint"),
        col("recovery_fingerprint", "Отпечаток резервного ключа", "Recovery key fingerprint"),
        col("imported_at", "Импортирован", "Imported at", D.INSTANT),
        ref("imported_by_id", "Импортировал", "Imported by"),
    )),
    Table("export_outbox", "Исходящие пакеты", "Export outbox", (
        ID,
        col("sequence", "Номер пакета", "Batch number", D.INTEGER, unit=DIMENSIONLESS),
        col("envelope_sha256", "Хеш конверта", "Envelope hash", D.SECRET),
        col("previous_envelope_sha256", "Хеш предыдущего конверта", "Previous envelope hash",
            D.SECRET),
        col("folder_name", "Папка пакета", "Batch folder"),
        col("audit_rows", "Записей аудита", "Audit entries", D.INTEGER, unit=DIMENSIONLESS),
        col("created_at", "Создан", "Created at", D.INSTANT),
        ref("created_by_id", "Создал", "Created by"),
        col("acknowledged_at", "Подтверждён центром", "Acknowledged at", D.INSTANT),
    )),
    Table("randomization_key", "Ключ рандомизации ноутбука", "Laptop randomization key", (
        ID,
        col("public_key", "Открытый ключ", "Public key", D.SECRET),
        col("created_at", "Создан", "Created at", D.INSTANT),
        ref("created_by_id", "Создал", "Created by"),
    )),
    Table("randomization_key_seal", "Доступ к ключу рандомизации",
          "Randomization key holder", (
        ID,
        ref("key_id", "Ключ рандомизации", "Randomization key"),
        ref("user_id", "Пользователь", "User"),
        col("user_public_key", "Открытый ключ пользователя", "User's public key", D.SECRET),
        col("sealed_private_key", "Запечатанный закрытый ключ", "Sealed private key", D.SECRET),
        col("granted_at", "Выдан", "Granted at", D.INSTANT),
        ref("granted_by_id", "Выдал", "Granted by"),
    )),
)  # fmt: skip
