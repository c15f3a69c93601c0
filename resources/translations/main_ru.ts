<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru" sourcelanguage="en">
<context>
    <name>DateEdit</name>
    <message>
        <source>Date as dd.mm.yyyy</source>
        <translation>Дата в формате ДД.ММ.ГГГГ</translation>
    </message>
    <message>
        <source>Enter the date as dd.mm.yyyy</source>
        <translation>Введите дату в формате ДД.ММ.ГГГГ</translation>
    </message>
    <message>
        <source>There is no such date</source>
        <translation>Такой даты не существует</translation>
    </message>
    <message>
        <source>The date must be from %1 to %2</source>
        <translation>Допустимые даты: %1 – %2</translation>
    </message>
</context>
<context>
    <name>DateTimeInput</name>
    <message>
        <source>MSK</source>
        <translation>МСК</translation>
    </message>
    <message>
        <source>Moscow time (UTC+3)</source>
        <translation>Московское время (UTC+3)</translation>
    </message>
    <message>
        <source>Enter the time as well</source>
        <translation>Укажите также время</translation>
    </message>
    <message>
        <source>Enter the date as well</source>
        <translation>Укажите также дату</translation>
    </message>
</context>
<context>
    <name>DecimalLineEdit</name>
    <message>
        <source>Usual range: %1–%2</source>
        <translation>Обычные значения: %1–%2</translation>
    </message>
    <message>
        <source>Enter a number, e.g. 36.6</source>
        <translation>Введите число, например 36,6</translation>
    </message>
    <message numerus="yes">
        <source>At most %n digit(s) after the decimal point</source>
        <translation>
            <numerusform>Не более %n знака после запятой</numerusform>
            <numerusform>Не более %n знаков после запятой</numerusform>
            <numerusform>Не более %n знаков после запятой</numerusform>
        </translation>
    </message>
    <message>
        <source>Unusual value (usually %1–%2): please check</source>
        <translation>Необычное значение (обычно %1–%2) — проверьте</translation>
    </message>
    <message>
        <source>Impossible value: must be from %1 to %2</source>
        <translation>Невозможное значение: допустимо от %1 до %2</translation>
    </message>
    <message>
        <source>Impossible value: must be at least %1</source>
        <translation>Невозможное значение: допустимо не меньше %1</translation>
    </message>
    <message>
        <source>Impossible value: must be at most %1</source>
        <translation>Невозможное значение: допустимо не больше %1</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Screening &amp;log…</source>
        <translation>&amp;Журнал скрининга…</translation>
    </message>
    <message>
        <source>MSC Desk — %1</source>
        <translation>MSC Desk — %1</translation>
    </message>
    <message>
        <source>%1 — DEMO DATA</source>
        <translation>%1 — ДЕМО-ДАННЫЕ</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <source>&amp;New screening…</source>
        <translation>&amp;Новый скрининг…</translation>
    </message>
    <message>
        <source>E&amp;xit</source>
        <translation>В&amp;ыход</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Вид</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Обновить</translation>
    </message>
    <message>
        <source>&amp;Find patient</source>
        <translation>&amp;Найти пациента</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Язык</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
    <message>
        <source>&amp;About MSC Desk</source>
        <translation>&amp;О программе</translation>
    </message>
    <message>
        <source>Your role (%1) has no access to clinical data.</source>
        <translation>Роль «%1» не даёт доступа к клиническим данным.</translation>
    </message>
    <message>
        <source>No patients yet. Start with File → New screening…</source>
        <translation>Пациентов пока нет. Начните со скрининга: Файл → Новый скрининг…</translation>
    </message>
    <message>
        <source>Interface language</source>
        <translation>Язык интерфейса</translation>
    </message>
    <message>
        <source>The new interface language will be used after MSC Desk is restarted.</source>
        <translation>Новый язык интерфейса будет применён после перезапуска MSC Desk.</translation>
    </message>
    <message>
        <source>&lt;b&gt;MSC Desk %1&lt;/b&gt;&lt;br&gt;Bedside data entry for the trial NCT01849237: mesenchymal stromal cells in septic shock with severe neutropenia.&lt;br&gt;&lt;br&gt;Site: %2&lt;br&gt;Database: %3</source>
        <translation>&lt;b&gt;MSC Desk %1&lt;/b&gt;&lt;br&gt;Ввод данных у постели больного в исследовании NCT01849237: мезенхимальные стромальные клетки при септическом шоке у больных с тяжёлой нейтропенией.&lt;br&gt;&lt;br&gt;Центр: %2&lt;br&gt;База данных: %3</translation>
    </message>
    <message>
        <source>About MSC Desk</source>
        <translation>О программе MSC Desk</translation>
    </message>
</context>
<context>
    <name>PatientListModel</name>
    <message>
        <source>Study day: Moscow calendar days since randomization (day 0)</source>
        <translation>Сутки исследования: календарные дни (по Москве) от даты рандомизации — сутки 0</translation>
    </message>
    <message>
        <source>Study ID</source>
        <translation>Номер</translation>
    </message>
    <message>
        <source>Arm</source>
        <translation>Группа</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Сут.</translation>
    </message>
    <message>
        <source>Next visit</source>
        <translation>Следующий визит</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Demo</source>
        <translation>Демо</translation>
    </message>
    <message>
        <source>%1 (day %2)</source>
        <translation>%1 (сут. %2)</translation>
    </message>
    <message>
        <source>demo</source>
        <translation>демо</translation>
    </message>
    <message>
        <source>Overdue: the day %1 visit was due on %2</source>
        <translation>Просрочен визит %1-х суток (срок — %2)</translation>
    </message>
    <message>
        <source>Synthetic demo patient, not real trial data</source>
        <translation>Вымышленный демонстрационный пациент, не данные исследования</translation>
    </message>
</context>
<context>
    <name>PatientListPanel</name>
    <message>
        <source>Search: study ID or status (Ctrl+F)</source>
        <translation>Поиск по номеру или статусу (Ctrl+F)</translation>
    </message>
    <message>
        <source>Patients: %1</source>
        <translation>Пациентов: %1</translation>
    </message>
    <message>
        <source>Shown %1 of %2</source>
        <translation>Показано %1 из %2</translation>
    </message>
</context>
<context>
    <name>PatientView</name>
    <message>
        <source>Summary</source>
        <translation>Сводка</translation>
    </message>
    <message>
        <source>Choose a patient in the list.</source>
        <translation>Выберите пациента в списке.</translation>
    </message>
</context>
<context>
    <name>SummaryTab</name>
    <message>
        <source>DEMO DATA</source>
        <translation>ДЕМО-ДАННЫЕ</translation>
    </message>
    <message>
        <source>Arm:</source>
        <translation>Группа:</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Статус:</translation>
    </message>
    <message>
        <source>Study day:</source>
        <translation>Сутки исследования:</translation>
    </message>
    <message>
        <source>ANC at screening:</source>
        <translation>АЧН при скрининге:</translation>
    </message>
    <message>
        <source>Randomized:</source>
        <translation>Рандомизация:</translation>
    </message>
    <message>
        <source>Shock onset:</source>
        <translation>Начало шока:</translation>
    </message>
    <message>
        <source>Screening:</source>
        <translation>Скрининг:</translation>
    </message>
    <message>
        <source>Eligibility:</source>
        <translation>Критерии включения:</translation>
    </message>
    <message>
        <source>Outcome:</source>
        <translation>Исход:</translation>
    </message>
    <message>
        <source>Visit schedule</source>
        <translation>График визитов</translation>
    </message>
    <message>
        <source>Visits are scheduled at randomization.</source>
        <translation>Визиты назначаются после рандомизации.</translation>
    </message>
    <message>
        <source>%1 MSK</source>
        <translation>%1 МСК</translation>
    </message>
    <message>
        <source>%1 ×10⁹/L</source>
        <translation>%1 ×10⁹/л</translation>
    </message>
    <message>
        <source>Met</source>
        <translation>Соответствует</translation>
    </message>
    <message>
        <source>Not met:</source>
        <translation>Не соответствует:</translation>
    </message>
    <message>
        <source>Died %1</source>
        <translation>Смерть %1</translation>
    </message>
    <message>
        <source>Discharged %1</source>
        <translation>Выписка %1</translation>
    </message>
    <message>
        <source>Alive on %1</source>
        <translation>Жив(а) на %1</translation>
    </message>
    <message>
        <source>Died %1</source>
        <comment>male patient</comment>
        <translation>Умер %1</translation>
    </message>
    <message>
        <source>Died %1</source>
        <comment>female patient</comment>
        <translation>Умерла %1</translation>
    </message>
    <message>
        <source>Discharged %1</source>
        <comment>male patient</comment>
        <translation>Выписан %1</translation>
    </message>
    <message>
        <source>Discharged %1</source>
        <comment>female patient</comment>
        <translation>Выписана %1</translation>
    </message>
    <message>
        <source>Alive on %1</source>
        <comment>male patient</comment>
        <translation>Жив на %1</translation>
    </message>
    <message>
        <source>Alive on %1</source>
        <comment>female patient</comment>
        <translation>Жива на %1</translation>
    </message>
    <message>
        <source>≤ 1.0 ×10⁹/L (WBC ≤ 1.0, no differential)</source>
        <translation>≤ 1,0 ×10⁹/л (лейкоциты ≤ 1,0, без формулы)</translation>
    </message>
    <message>
        <source>%1 ×10⁹/L (computed: WBC × (segmented + band)/100)</source>
        <translation>%1 ×10⁹/л (рассчитано: лейкоциты × (с/я + п/я)/100)</translation>
    </message>
</context>
<context>
    <name>TimeEdit</name>
    <message>
        <source>Time as HH:mm, 24-hour</source>
        <translation>Время в формате ЧЧ:ММ (24 часа)</translation>
    </message>
    <message>
        <source>Enter the time as HH:mm, from 00:00 to 23:59</source>
        <translation>Введите время в формате ЧЧ:ММ, от 00:00 до 23:59</translation>
    </message>
</context>
<context>
    <name>TrialStatusBar</name>
    <message>
        <source>DEMO DATA</source>
        <translation>ДЕМО-ДАННЫЕ</translation>
    </message>
    <message>
        <source>Synthetic patients for training; not trial data</source>
        <translation>Вымышленные пациенты для обучения, не данные исследования</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>База: %1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Device: %1</source>
        <translation>Устройство: %1</translation>
    </message>
</context>
<context>
    <name>VisitScheduleModel</name>
    <message>
        <source>outside the window (deviation)</source>
        <translation>вне окна (отклонение от протокола)</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>Визит</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>Срок</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>Окно</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Performed</source>
        <translation>Проведён</translation>
    </message>
    <message>
        <source>Moscow time</source>
        <translation>Московское время</translation>
    </message>
    <message>
        <source>Dates on which the visit counts as done per protocol</source>
        <translation>Даты, в которые визит засчитывается по протоколу</translation>
    </message>
</context>
<context>
    <name>Vocabulary</name>
    <message>
        <source>Eligible, not randomized</source>
        <translation>Подходит, не рандомизирован</translation>
    </message>
    <message>
        <source>Eligible, not randomized</source>
        <comment>female patient</comment>
        <translation>Подходит, не рандомизирована</translation>
    </message>
    <message>
        <source>Screening</source>
        <translation>Скрининг</translation>
    </message>
    <message>
        <source>Not enrolled</source>
        <translation>Не включён</translation>
    </message>
    <message>
        <source>Randomized</source>
        <translation>Рандомизирован</translation>
    </message>
    <message>
        <source>Completed the study</source>
        <translation>Завершил исследование</translation>
    </message>
    <message>
        <source>Died</source>
        <translation>Умер</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>Выбыл</translation>
    </message>
    <message>
        <source>Control</source>
        <translation>Контроль</translation>
    </message>
    <message>
        <source>MSC</source>
        <translation>МСК</translation>
    </message>
    <message>
        <source>Investigator</source>
        <translation>Исследователь</translation>
    </message>
    <message>
        <source>Nurse</source>
        <translation>Медсестра</translation>
    </message>
    <message>
        <source>Monitor</source>
        <translation>Монитор</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>Администратор</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>Запланирован</translation>
    </message>
    <message>
        <source>Window open</source>
        <translation>Окно открыто</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Просрочен</translation>
    </message>
    <message>
        <source>Missed</source>
        <translation>Пропущен</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Проведён</translation>
    </message>
    <message>
        <source>Not applicable</source>
        <translation>Не проводится</translation>
    </message>
    <message>
        <source>More than 10 h since shock onset</source>
        <translation>Прошло более 10 ч от начала шока</translation>
    </message>
    <message>
        <source>Screening time is before shock onset</source>
        <translation>Время скрининга раньше начала шока</translation>
    </message>
    <message>
        <source>Shock onset time not recorded</source>
        <translation>Не указано время начала шока</translation>
    </message>
    <message>
        <source>Neutrophils above 1.0 ×10⁹/L</source>
        <translation>Нейтрофилы выше 1,0 ×10⁹/л</translation>
    </message>
    <message>
        <source>Neutrophil count not recorded</source>
        <translation>Нет данных о числе нейтрофилов</translation>
    </message>
    <message>
        <source>Age under 17</source>
        <translation>Возраст менее 17 лет</translation>
    </message>
    <message>
        <source>Age over 75</source>
        <translation>Возраст более 75 лет</translation>
    </message>
    <message>
        <source>Age not recorded</source>
        <translation>Не указан возраст</translation>
    </message>
    <message>
        <source>Informed consent not signed</source>
        <translation>Не подписано информированное согласие</translation>
    </message>
    <message>
        <source>Pregnancy</source>
        <translation>Беременность</translation>
    </message>
    <message>
        <source>Pregnancy status not recorded</source>
        <translation>Нет данных о беременности</translation>
    </message>
    <message>
        <source>Chemotherapy-resistant haematological malignancy</source>
        <translation>Химиорезистентное онкогематологическое заболевание</translation>
    </message>
    <message>
        <source>Chemoresistance status not recorded</source>
        <translation>Нет данных о химиорезистентности</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>Исходный</translation>
    </message>
    <message>
        <source>Day %1</source>
        <translation>Сутки %1</translation>
    </message>
    <message>
        <source>Screening</source>
        <comment>female patient</comment>
        <translation>Скрининг</translation>
    </message>
    <message>
        <source>Not enrolled</source>
        <comment>female patient</comment>
        <translation>Не включена</translation>
    </message>
    <message>
        <source>Randomized</source>
        <comment>female patient</comment>
        <translation>Рандомизирована</translation>
    </message>
    <message>
        <source>Completed the study</source>
        <comment>female patient</comment>
        <translation>Завершила исследование</translation>
    </message>
    <message>
        <source>Died</source>
        <comment>female patient</comment>
        <translation>Умерла</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <comment>female patient</comment>
        <translation>Выбыла</translation>
    </message>
</context>
</TS>
