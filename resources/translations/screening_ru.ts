<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru" sourcelanguage="en">
<context>
    <name>AgePage</name>
    <message>
        <location filename="../../msc_desk/ui/screening/lab_pages.py" line="263"/>
        <source>Age: %1 completed years.</source>
        <translation>Возраст (полных лет): %1.</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/lab_pages.py" line="265"/>
        <source>%1 Criterion met.</source>
        <translation>%1 Критерий выполнен.</translation>
    </message>
    <message>
        <source>Enter the age or the date of birth.</source>
        <translation>Укажите возраст или дату рождения.</translation>
    </message>
    <message>
        <source>Choose the sex.</source>
        <translation>Укажите пол.</translation>
    </message>
</context>
<context>
    <name>AgePageView</name>
    <message>
        <location filename="../../msc_desk/ui/screening/lab_pages.py" line="179"/>
        <source>Age and sex</source>
        <translation>Возраст и пол</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/lab_pages.py" line="180"/>
        <source>Step 4 of 7. The age, or the date of birth.</source>
        <translation>Шаг 4 из 7. Возраст или дата рождения.</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/lab_pages.py" line="184"/>
        <source>Male</source>
        <translation>Мужской</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/lab_pages.py" line="184"/>
        <source>Female</source>
        <translation>Женский</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/lab_pages.py" line="189"/>
        <source>Age:</source>
        <translation>Возраст:</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/lab_pages.py" line="189"/>
        <source>years</source>
        <translation>лет</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/lab_pages.py" line="190"/>
        <source>or</source>
        <translation>или</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/lab_pages.py" line="191"/>
        <source>Date of birth:</source>
        <translation>Дата рождения:</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/lab_pages.py" line="193"/>
        <source>Sex:</source>
        <translation>Пол:</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/lab_pages.py" line="201"/>
        <source>Age in completed years on the screening date. The date of birth is kept in the identification log only; the study data keep the age.</source>
        <translation>Возраст — полных лет на дату скрининга. Дата рождения хранится только в журнале идентификации; в данные исследования попадает возраст.</translation>
    </message>
</context>
<context>
    <name>ConsentPage</name>
    <message>
        <location filename="../../msc_desk/ui/screening/consent_pages.py" line="186"/>
        <source>Choose who signed the consent.</source>
        <translation>Укажите, кто подписал согласие.</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/consent_pages.py" line="188"/>
        <source>Enter the legal representative&apos;s name.</source>
        <translation>Укажите ФИО законного представителя.</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/consent_pages.py" line="191"/>
        <source>Enter the date and time of signing.</source>
        <translation>Укажите дату и время подписания.</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/consent_pages.py" line="193"/>
        <source>The time of signing is later than now: check it.</source>
        <translation>Время подписания позже текущего — проверьте его.</translation>
    </message>
    <message>
        <source>Choose whether the consent is signed.</source>
        <translation>Укажите, подписано ли согласие.</translation>
    </message>
</context>
<context>
    <name>ConsentPageView</name>
    <message>
        <location filename="../../msc_desk/ui/screening/consent_pages.py" line="98"/>
        <source>Informed consent</source>
        <translation>Информированное согласие</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/consent_pages.py" line="99"/>
        <source>Step 6 of 7. Signed by the patient or a legal representative.</source>
        <translation>Шаг 6 из 7. Подписано пациентом или законным представителем.</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/consent_pages.py" line="100"/>
        <source>Yes</source>
        <translation>Да</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/consent_pages.py" line="100"/>
        <source>No</source>
        <translation>Нет</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/consent_pages.py" line="103"/>
        <source>The patient</source>
        <translation>Пациент</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/consent_pages.py" line="104"/>
        <source>Legal representative</source>
        <translation>Законный представитель</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/consent_pages.py" line="111"/>
        <source>Surname, first name, patronymic</source>
        <translation>Фамилия Имя Отчество</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/consent_pages.py" line="118"/>
        <source>Consent signed:</source>
        <translation>Согласие подписано:</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/consent_pages.py" line="119"/>
        <source>Signed by:</source>
        <translation>Кто подписал:</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/consent_pages.py" line="120"/>
        <source>Representative&apos;s name:</source>
        <translation>ФИО представителя:</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/consent_pages.py" line="121"/>
        <source>Signed on (date, time):</source>
        <translation>Дата и время подписания:</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/consent_pages.py" line="129"/>
        <source>The representative&apos;s name goes only to the separate identification log.</source>
        <translation>ФИО представителя сохраняется только в отдельном журнале идентификации.</translation>
    </message>
</context>
<context>
    <name>DecisionPage</name>
    <message>
        <location filename="../../msc_desk/ui/screening/decision_page.py" line="183"/>
        <source>An entry is contradictory: correct it first</source>
        <translation>Введённые данные противоречат друг другу — исправьте их</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/decision_page.py" line="215"/>
        <source>To randomize, enter the full name and record number (step 1).</source>
        <translation>Для рандомизации укажите ФИО и номер истории болезни (шаг 1).</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/decision_page.py" line="219"/>
        <source>No unused randomization slots on this laptop: randomization will be refused. The patient can still be saved.</source>
        <translation>На этом ноутбуке нет свободных мест в списке рандомизации — рандомизация будет отклонена. Сохранить пациента можно.</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/decision_page.py" line="206"/>
        <source>10 hours have passed: randomization is impossible. Save the patient in the screening log as not enrolled.</source>
        <translation>10 часов истекли — рандомизация невозможна. Сохраните пациента в журнал скрининга как невключённого.</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/decision_page.py" line="232"/>
        <source>Save without randomizing</source>
        <translation>Сохранить без рандомизации</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/decision_page.py" line="234"/>
        <source>Save as not enrolled (screening log)</source>
        <translation>Сохранить как невключённого (журнал скрининга)</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/decision_page.py" line="236"/>
        <source>Retry randomization</source>
        <translation>Повторить рандомизацию</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/decision_page.py" line="238"/>
        <source>Randomize…</source>
        <translation>Рандомизировать…</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/decision_page.py" line="240"/>
        <source>Save and randomize…</source>
        <translation>Сохранить и рандомизировать…</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/decision_page.py" line="256"/>
        <source>Saved in the screening log as %1: eligible, not yet randomized.</source>
        <translation>Сохранён в журнале скрининга под номером %1: подходит, ещё не рандомизирован.</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/decision_page.py" line="291"/>
        <source>Not randomized. %1
The patient&apos;s data are saved. Once the cause is resolved, press &apos;Retry randomization&apos;.</source>
        <translation>Рандомизация не выполнена. %1
Данные пациента сохранены. Когда причина будет устранена, нажмите «Повторить рандомизацию».</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/decision_page.py" line="261"/>
        <source>Saved in the screening log as %1: not enrolled (%2).</source>
        <translation>Сохранён в журнале скрининга под номером %1: не включён (%2).</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/decision_page.py" line="279"/>
        <location filename="../../msc_desk/ui/screening/decision_page.py" line="310"/>
        <source>Randomize</source>
        <translation>Рандомизировать</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/decision_page.py" line="281"/>
        <source>Randomize this patient now? The allocation is final: it cannot be undone, repeated or skipped.</source>
        <translation>Рандомизировать пациента сейчас? Результат окончательный: его нельзя отменить, повторить или пропустить.</translation>
    </message>
    <message>
        <source>Saved in the screening log as %1: eligible, not yet randomized.</source>
        <comment>female patient</comment>
        <translation>Сохранена в журнале скрининга под номером %1: подходит, ещё не рандомизирована.</translation>
    </message>
    <message>
        <source>Saved in the screening log as %1: not enrolled (%2).</source>
        <comment>female patient</comment>
        <translation>Сохранена в журнале скрининга под номером %1: не включена (%2).</translation>
    </message>
</context>
<context>
    <name>DecisionPageView</name>
    <message>
        <location filename="../../msc_desk/ui/screening/decision_page.py" line="59"/>
        <source>Summary and decision</source>
        <translation>Итог и решение</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/decision_page.py" line="60"/>
        <source>Step 7 of 7. Every criterion, as the protocol decides it now.</source>
        <translation>Шаг 7 из 7. Оценка всех критериев на текущий момент.</translation>
    </message>
</context>
<context>
    <name>ExclusionsPageView</name>
    <message>
        <location filename="../../msc_desk/ui/screening/consent_pages.py" line="34"/>
        <source>Exclusion criteria</source>
        <translation>Критерии исключения</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/consent_pages.py" line="35"/>
        <source>Step 5 of 7. Either answer &apos;yes&apos; excludes.</source>
        <translation>Шаг 5 из 7. Ответ «Да» на любой вопрос исключает пациента.</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/consent_pages.py" line="37"/>
        <source>Pregnancy:</source>
        <translation>Беременность:</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/consent_pages.py" line="38"/>
        <source>Not asked: the patient is male.</source>
        <translation>Не спрашивается: пациент мужского пола.</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/consent_pages.py" line="45"/>
        <source>Chemotherapy-resistant
onco-haematological disease:</source>
        <translation>Химиорезистентное
онкогематологическое заболевание:</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/consent_pages.py" line="53"/>
        <source>&apos;Unknown&apos; is recorded as missing data: the patient cannot be randomized until the answer is known. Chemotherapy-resistant: primary refractory or relapsed disease not responding to chemotherapy, in the haematologist&apos;s opinion.</source>
        <translation>«Неизвестно» записывается как отсутствие данных: пока ответ не известен, рандомизация невозможна. Химиорезистентное — первично-рефрактерное или рецидивирующее заболевание, не отвечающее на химиотерапию, по заключению гематолога.</translation>
    </message>
</context>
<context>
    <name>NeutrophilsPage</name>
    <message>
        <location filename="../../msc_desk/ui/screening/lab_pages.py" line="152"/>
        <source>Enter the WBC as well.</source>
        <translation>Укажите также число лейкоцитов.</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/lab_pages.py" line="153"/>
        <source>WBC above 1.0 ×10⁹/L: enter both segmented and band percentages.</source>
        <translation>Лейкоциты выше 1,0 ×10⁹/л — укажите сегментоядерные и палочкоядерные (%).</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/lab_pages.py" line="156"/>
        <source>WBC %1 ×10⁹/L ≤ 1.0: neutrophils are at most 1.0. Criterion met.</source>
        <translation>Лейкоциты %1 ×10⁹/л ≤ 1,0 — нейтрофилов заведомо не больше 1,0. Критерий выполнен.</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/lab_pages.py" line="169"/>
        <source>ANC = %1 ×10⁹/L. Criterion met.</source>
        <translation>АЧН = %1 ×10⁹/л. Критерий выполнен.</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/lab_pages.py" line="171"/>
        <source>ANC = %1 ×10⁹/L: %2.</source>
        <translation>АЧН = %1 ×10⁹/л: %2.</translation>
    </message>
    <message>
        <source>Enter the ANC, or the WBC with the differential below.</source>
        <translation>Укажите АЧН или ниже — лейкоциты с лейкоформулой.</translation>
    </message>
    <message>
        <source>WBC above 1.0: enter the segmented neutrophils.</source>
        <translation>Лейкоциты выше 1,0 — укажите сегментоядерные.</translation>
    </message>
    <message>
        <source>WBC above 1.0: enter the band neutrophils.</source>
        <translation>Лейкоциты выше 1,0 — укажите палочкоядерные.</translation>
    </message>
</context>
<context>
    <name>NeutrophilsPageView</name>
    <message>
        <location filename="../../msc_desk/ui/screening/lab_pages.py" line="57"/>
        <source>Neutrophils</source>
        <translation>Нейтрофилы</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/lab_pages.py" line="59"/>
        <source>Step 3 of 7. The absolute count, or the WBC with the differential.</source>
        <translation>Шаг 3 из 7. Абсолютное число нейтрофилов или лейкоциты с лейкоформулой.</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/lab_pages.py" line="61"/>
        <source>×10⁹/L</source>
        <translation>×10⁹/л</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/lab_pages.py" line="73"/>
        <source>Absolute neutrophil count:</source>
        <translation>Абсолютное число нейтрофилов (АЧН):</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/lab_pages.py" line="74"/>
        <source>or, from the complete blood count:</source>
        <translation>или по общему анализу крови:</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/lab_pages.py" line="75"/>
        <source>WBC:</source>
        <translation>Лейкоциты:</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/lab_pages.py" line="76"/>
        <source>Segmented neutrophils:</source>
        <translation>Сегментоядерные:</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/lab_pages.py" line="77"/>
        <source>Band neutrophils:</source>
        <translation>Палочкоядерные:</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/lab_pages.py" line="86"/>
        <source>ANC = WBC × (segmented % + band %) / 100. Bands count: leaving them out underestimates the ANC. A decimal comma or point may be typed.</source>
        <translation>АЧН = лейкоциты × (сегментоядерные % + палочкоядерные %) / 100. Палочкоядерные учитываются: без них АЧН занижается. Можно вводить десятичную запятую или точку.</translation>
    </message>
</context>
<context>
    <name>OnsetPage</name>
    <message>
        <location filename="../../msc_desk/ui/screening/patient_pages.py" line="174"/>
        <source>10 hours have passed since the onset entered (%1 MSK) while the wizard was open. The onset is locked: this patient cannot be randomized.</source>
        <translation>Пока мастер был открыт, истекли 10 часов от введённого начала шока (%1 МСК). Время начала шока зафиксировано: этого пациента рандомизировать нельзя.</translation>
    </message>
    <message>
        <source>Enter the date and time of shock onset: the 10 hours count from it.</source>
        <translation>Укажите дату и время начала шока — от них отсчитываются 10 часов.</translation>
    </message>
</context>
<context>
    <name>OnsetPageView</name>
    <message>
        <location filename="../../msc_desk/ui/screening/patient_pages.py" line="109"/>
        <source>Septic shock onset</source>
        <translation>Начало септического шока</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/patient_pages.py" line="110"/>
        <source>Step 2 of 7. The protocol clock counts 10 hours from it.</source>
        <translation>Шаг 2 из 7. От этого момента отсчитываются 10 часов.</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/patient_pages.py" line="122"/>
        <source>Shock onset is the moment the chosen definition was first met, e.g. the start of vasopressors after adequate fluid resuscitation. Date as dd.mm.yyyy, time as HH:mm, Moscow time.</source>
        <translation>Начало шока — момент, когда впервые выполнено выбранное определение, например начало введения вазопрессоров после адекватной инфузионной нагрузки. Дата — ДД.ММ.ГГГГ, время — ЧЧ:ММ, московское.</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/patient_pages.py" line="130"/>
        <source>Onset (date, time):</source>
        <translation>Начало (дата, время):</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/patient_pages.py" line="132"/>
        <source>Defined by:</source>
        <translation>Критерий начала:</translation>
    </message>
</context>
<context>
    <name>PatientPage</name>
    <message>
        <location filename="../../msc_desk/ui/screening/patient_pages.py" line="87"/>
        <source>Issued when the patient was saved.</source>
        <translation>Присвоен при сохранении пациента.</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/patient_pages.py" line="89"/>
        <source>Will be issued when the patient is saved.</source>
        <translation>Будет присвоен при сохранении пациента.</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/patient_pages.py" line="91"/>
        <source>Issued by the application when the patient is saved.</source>
        <translation>Присваивается программой при сохранении пациента.</translation>
    </message>
    <message>
        <source>Enter the full name: randomization needs it.</source>
        <translation>Укажите ФИО — без него рандомизация невозможна.</translation>
    </message>
    <message>
        <source>Enter the medical record number: randomization needs it.</source>
        <translation>Укажите номер истории болезни — без него рандомизация невозможна.</translation>
    </message>
</context>
<context>
    <name>PatientPageView</name>
    <message>
        <location filename="../../msc_desk/ui/screening/patient_pages.py" line="35"/>
        <source>Patient</source>
        <translation>Пациент</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/patient_pages.py" line="36"/>
        <source>Step 1 of 7. Who is being screened.</source>
        <translation>Шаг 1 из 7. Данные пациента.</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/patient_pages.py" line="47"/>
        <source>Surname, first name, patronymic</source>
        <translation>Фамилия Имя Отчество</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/patient_pages.py" line="53"/>
        <source>The full name and the record number go only to the separate identification log on this laptop. They never appear in the study data, the screening log or the exports, and they are not kept for a patient who is not enrolled.</source>
        <translation>ФИО и номер истории болезни записываются только в отдельный журнал идентификации на этом ноутбуке. В данные исследования, журнал скрининга и экспорт они не попадают; для невключённых пациентов не сохраняются.</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/patient_pages.py" line="60"/>
        <source>Study ID:</source>
        <translation>Номер в исследовании:</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/patient_pages.py" line="62"/>
        <source>Full name:</source>
        <translation>ФИО:</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/patient_pages.py" line="63"/>
        <source>Medical record number:</source>
        <translation>№ истории болезни:</translation>
    </message>
</context>
<context>
    <name>ProtocolClock</name>
    <message>
        <location filename="../../msc_desk/ui/screening/protocol_clock.py" line="206"/>
        <source>Limit: %1 MSK</source>
        <translation>Крайний срок: %1 МСК</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/protocol_clock.py" line="213"/>
        <source>Left for the MSC infusion (10 h)</source>
        <translation>Осталось до конца окна инфузии МСК (10 ч)</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/protocol_clock.py" line="214"/>
        <source>Left to 10 h: randomization and MSC infusion</source>
        <translation>Осталось до 10 ч (рандомизация и инфузия МСК)</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/protocol_clock.py" line="221"/>
        <source>Randomized to the control arm.</source>
        <translation>Рандомизирован в контрольную группу.</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/protocol_clock.py" line="223"/>
        <source>Shock onset not entered yet: the clock starts once it is.</source>
        <translation>Начало шока ещё не введено — отсчёт начнётся после ввода.</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/protocol_clock.py" line="225"/>
        <source>Shock onset is later than now: check its date and time.</source>
        <translation>Начало шока позже текущего времени — проверьте дату и время.</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/protocol_clock.py" line="228"/>
        <source>10 hours have passed: the MSC infusion is outside the protocol.</source>
        <translation>10 часов истекли — инфузия МСК вне протокола.</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/protocol_clock.py" line="229"/>
        <source>10 hours have passed: randomization is impossible.</source>
        <translation>10 часов истекли — рандомизация невозможна.</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/protocol_clock.py" line="232"/>
        <source>Less time left than the cells need to be prepared (%1 h).</source>
        <translation>Осталось меньше времени, чем нужно на подготовку клеток (%1 ч).</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/protocol_clock.py" line="236"/>
        <source>Less than 2 hours left.</source>
        <translation>Осталось меньше 2 часов.</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/protocol_clock.py" line="246"/>
        <source>Cell preparation takes %1 h: randomize by %2 MSK.</source>
        <translation>Подготовка клеток занимает %1 ч — рандомизируйте до %2 МСК.</translation>
    </message>
    <message>
        <source>Randomized to the control arm.</source>
        <comment>female patient</comment>
        <translation>Рандомизирована в контрольную группу.</translation>
    </message>
</context>
<context>
    <name>ProtocolClockView</name>
    <message>
        <location filename="../../msc_desk/ui/screening/protocol_clock.py" line="101"/>
        <source>Protocol clock</source>
        <translation>Отсчёт 10 часов</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/protocol_clock.py" line="102"/>
        <source>Since shock onset</source>
        <translation>С начала шока</translation>
    </message>
</context>
<context>
    <name>ResultPage</name>
    <message>
        <location filename="../../msc_desk/ui/screening/result_page.py" line="99"/>
        <source>MSC arm</source>
        <translation>Группа МСК</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/result_page.py" line="99"/>
        <source>Control arm</source>
        <translation>Контрольная группа</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/result_page.py" line="109"/>
        <source>%1 MSK</source>
        <translation>%1 МСК</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/result_page.py" line="114"/>
        <source>None: standard therapy only.</source>
        <translation>Не проводится: только стандартная терапия.</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/result_page.py" line="117"/>
        <source>Within 10 h of shock onset.</source>
        <translation>В пределах 10 ч от начала шока.</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/result_page.py" line="122"/>
        <source>The 10-hour limit (%1 MSK) has passed.</source>
        <translation>10 часов истекли (%1 МСК).</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/result_page.py" line="123"/>
        <source>By %1 MSK: %2 left.</source>
        <translation>До %1 МСК, осталось %2.</translation>
    </message>
</context>
<context>
    <name>ResultPageView</name>
    <message>
        <location filename="../../msc_desk/ui/screening/result_page.py" line="37"/>
        <source>Randomization result</source>
        <translation>Результат рандомизации</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/result_page.py" line="38"/>
        <source>The allocation is final and has been recorded.</source>
        <translation>Результат рандомизации окончательный и сохранён.</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/result_page.py" line="58"/>
        <source>Study ID:</source>
        <translation>Номер в исследовании:</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/result_page.py" line="59"/>
        <source>Randomization slot:</source>
        <translation>Номер в списке рандомизации:</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/result_page.py" line="60"/>
        <source>Randomized at:</source>
        <translation>Время рандомизации:</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/result_page.py" line="61"/>
        <source>MSC infusion:</source>
        <translation>Инфузия МСК:</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/result_page.py" line="69"/>
        <source>Visits are scheduled: baseline (day 0) and days 2, 3, 7, 14, 21 and 28.</source>
        <translation>Запланированы визиты: исходный (сутки 0) и сутки 2, 3, 7, 14, 21 и 28.</translation>
    </message>
</context>
<context>
    <name>ScreeningCriteria</name>
    <message>
        <location filename="../../msc_desk/ui/screening/criteria_text.py" line="40"/>
        <source>No more than 10 h since shock onset</source>
        <translation>Не более 10 ч от начала шока</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/criteria_text.py" line="43"/>
        <source>Neutrophils ≤ 1.0 ×10⁹/L</source>
        <translation>Нейтрофилы ≤ 1,0 ×10⁹/л</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/criteria_text.py" line="44"/>
        <source>Age 17–75 years</source>
        <translation>Возраст 17–75 лет</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/criteria_text.py" line="45"/>
        <source>Informed consent signed</source>
        <translation>Информированное согласие подписано</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/criteria_text.py" line="46"/>
        <source>Not pregnant</source>
        <translation>Нет беременности</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/criteria_text.py" line="47"/>
        <source>No chemotherapy-resistant onco-haematological disease</source>
        <translation>Нет химиорезистентного онкогематологического заболевания</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/criteria_text.py" line="70"/>
        <source>Met</source>
        <translation>Выполнен</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/criteria_text.py" line="71"/>
        <source>Not met</source>
        <translation>Не выполнен</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/criteria_text.py" line="72"/>
        <source>No data</source>
        <translation>Нет данных</translation>
    </message>
</context>
<context>
    <name>ScreeningDecision</name>
    <message>
        <location filename="../../msc_desk/ui/screening/decision_text.py" line="20"/>
        <source>%1 h %2 min</source>
        <translation>%1 ч %2 мин</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/decision_text.py" line="43"/>
        <source>ANC %1 ×10⁹/L</source>
        <translation>АЧН %1 ×10⁹/л</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/decision_text.py" line="48"/>
        <source>WBC %1 ×10⁹/L, no differential</source>
        <translation>лейкоциты %1 ×10⁹/л, без лейкоформулы</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/decision_text.py" line="53"/>
        <source>%1 completed years</source>
        <translation>полных лет: %1</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/decision_text.py" line="61"/>
        <source>by a legal representative</source>
        <translation>законным представителем</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/decision_text.py" line="63"/>
        <source>by the patient</source>
        <translation>пациентом</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/decision_text.py" line="66"/>
        <source>Signed %1, %2 MSK</source>
        <translation>Подписано %1, %2 МСК</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/decision_text.py" line="72"/>
        <source>Not applicable: male</source>
        <translation>Не применимо: пациент мужского пола</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/decision_text.py" line="74"/>
        <location filename="../../msc_desk/ui/screening/decision_text.py" line="77"/>
        <source>No</source>
        <translation>Нет</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/decision_text.py" line="88"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/decision_text.py" line="97"/>
        <source>All criteria are met: the patient is eligible</source>
        <translation>Все критерии выполнены — пациент подходит для включения</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/decision_text.py" line="101"/>
        <source>Not eligible: the patient cannot be enrolled</source>
        <translation>Не соответствует критериям — пациент не может быть включён</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/decision_text.py" line="106"/>
        <source>Missing data for %1 criteria: the patient cannot be randomized</source>
        <translation>Не хватает данных (критериев без данных: %1) — рандомизация невозможна</translation>
    </message>
</context>
<context>
    <name>ScreeningFields</name>
    <message>
        <location filename="../../msc_desk/ui/screening/fields.py" line="35"/>
        <source>Yes</source>
        <translation>Да</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/fields.py" line="36"/>
        <source>No</source>
        <translation>Нет</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/fields.py" line="37"/>
        <source>Unknown</source>
        <translation>Неизвестно</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/fields.py" line="157"/>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <source>Press Next again to go on without it.</source>
        <translation>Чтобы продолжить без этого, нажмите «Далее» ещё раз.</translation>
    </message>
</context>
<context>
    <name>ScreeningLogDialog</name>
    <message>
        <location filename="../../msc_desk/ui/screening/log_dialog.py" line="82"/>
        <source>Screened: %1 · not enrolled: %2 · eligible, not randomized: %3 · randomized: %4 (MSC arm %5, control arm %6)</source>
        <translation>Прошли скрининг: %1 · не включены: %2 · подходят, но не рандомизированы: %3 · рандомизированы: %4 (группа МСК %5, контрольная группа %6)</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/log_dialog.py" line="99"/>
        <source>Reasons for not enrolling: none so far.</source>
        <translation>Причины невключения: пока нет.</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/log_dialog.py" line="102"/>
        <source>Reasons for not enrolling (a patient counts under each of them):</source>
        <translation>Причины невключения (пациент учитывается по каждой из своих причин):</translation>
    </message>
</context>
<context>
    <name>ScreeningLogDialogView</name>
    <message>
        <location filename="../../msc_desk/ui/screening/log_dialog.py" line="29"/>
        <source>Screening log</source>
        <translation>Журнал скрининга</translation>
    </message>
</context>
<context>
    <name>ScreeningLogModel</name>
    <message>
        <location filename="../../msc_desk/ui/screening/log_model.py" line="56"/>
        <source>Study ID</source>
        <translation>Номер</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/log_model.py" line="57"/>
        <source>Screened (MSK)</source>
        <translation>Скрининг (МСК)</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/log_model.py" line="58"/>
        <source>Decision</source>
        <translation>Решение</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/log_model.py" line="59"/>
        <source>Criteria not met</source>
        <translation>Невыполненные критерии</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/log_model.py" line="84"/>
        <source>Randomized: MSC arm</source>
        <translation>Рандомизирован: группа МСК</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/log_model.py" line="86"/>
        <source>Randomized: control arm</source>
        <translation>Рандомизирован: контрольная группа</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/log_model.py" line="88"/>
        <source>Eligible, not randomized</source>
        <translation>Подходит, не рандомизирован</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/log_model.py" line="89"/>
        <source>Not enrolled</source>
        <translation>Не включён</translation>
    </message>
    <message>
        <source>Randomized: MSC arm</source>
        <comment>female patient</comment>
        <translation>Рандомизирована: группа МСК</translation>
    </message>
    <message>
        <source>Randomized: control arm</source>
        <comment>female patient</comment>
        <translation>Рандомизирована: контрольная группа</translation>
    </message>
    <message>
        <source>Eligible, not randomized</source>
        <comment>female patient</comment>
        <translation>Подходит, не рандомизирована</translation>
    </message>
    <message>
        <source>Not enrolled</source>
        <comment>female patient</comment>
        <translation>Не включена</translation>
    </message>
</context>
<context>
    <name>ScreeningMessages</name>
    <message>
        <location filename="../../msc_desk/ui/screening/messages.py" line="26"/>
        <source>This patient is not in the database (was the record deleted?).</source>
        <translation>Этого пациента нет в базе данных (запись удалена?).</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/messages.py" line="29"/>
        <source>This patient has already been randomized. A randomization cannot be repeated.</source>
        <translation>Пациент уже рандомизирован. Повторная рандомизация невозможна.</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/messages.py" line="33"/>
        <source>At the moment of randomization the patient is not eligible: %1.</source>
        <translation>На момент рандомизации пациент не соответствует критериям: %1.</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/messages.py" line="36"/>
        <source>No randomization list has been imported on this laptop: ask the site administrator to import it.</source>
        <translation>На этом ноутбуке не загружен список рандомизации — попросите администратора центра загрузить его.</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/messages.py" line="41"/>
        <source>The randomization list of this laptop is used up: ask the coordinating center for a new list.</source>
        <translation>Список рандомизации этого ноутбука исчерпан — запросите новый список в координационном центре.</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/messages.py" line="46"/>
        <source>The randomization list does not open on this laptop (wrong key). No slot was used; call the coordinating center.</source>
        <translation>Список рандомизации не открывается на этом ноутбуке (неверный ключ). Место в списке не использовано; свяжитесь с координационным центром.</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/messages.py" line="51"/>
        <source>The next slot does not match the signed randomization list. No slot was used; call the coordinating center.</source>
        <translation>Следующее место не совпадает с подписанным списком рандомизации. Место не использовано; свяжитесь с координационным центром.</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/messages.py" line="59"/>
        <source>Neutrophils: enter either the absolute count or the WBC with segmented and band percentages (together at most 100 %).</source>
        <translation>Нейтрофилы: укажите либо АЧН, либо лейкоциты с сегментоядерными и палочкоядерными (в сумме не более 100 %).</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/messages.py" line="64"/>
        <source>Age: enter either the age or the date of birth, not both.</source>
        <translation>Возраст: укажите либо возраст, либо дату рождения, но не то и другое.</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/messages.py" line="67"/>
        <source>The date of birth is after today: check it.</source>
        <translation>Дата рождения позже сегодняшней — проверьте её.</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/messages.py" line="70"/>
        <source>Pregnancy is marked for a male patient: check the sex.</source>
        <translation>Беременность отмечена у пациента мужского пола — проверьте пол.</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/messages.py" line="86"/>
        <source>Impossible value (%1): check what was entered.</source>
        <translation>Недопустимое значение (%1) — проверьте введённые данные.</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/messages.py" line="98"/>
        <source>Randomization was refused (%1): %2</source>
        <translation>Рандомизация отклонена (%1): %2</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/messages.py" line="113"/>
        <source>Only investigators and nurses may screen patients.</source>
        <translation>Проводить скрининг могут только врачи-исследователи и медсёстры.</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/messages.py" line="117"/>
        <source>You may not do this (%1).</source>
        <translation>У вас нет права на это действие (%1).</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/messages.py" line="123"/>
        <source>Only an investigator, or a nurse to whom randomization has been delegated, may randomize. Save the patient and ask one of them to sign in.</source>
        <translation>Рандомизировать может врач-исследователь или медсестра с делегированным правом рандомизации. Сохраните пациента и попросите одного из них войти в систему.</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/messages.py" line="139"/>
        <source>This laptop is not registered to a site, so no study id can be issued. Ask the site administrator.</source>
        <translation>Ноутбук не привязан к центру, поэтому номер в исследовании присвоить нельзя. Обратитесь к администратору центра.</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/messages.py" line="146"/>
        <source>The database could not be written (%1); this step was not saved. Try again.</source>
        <translation>Не удалось записать в базу данных (%1); этот шаг не сохранён. Повторите попытку.</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/messages.py" line="152"/>
        <source>Unexpected error: %1</source>
        <translation>Непредвиденная ошибка: %1</translation>
    </message>
</context>
<context>
    <name>ScreeningWizard</name>
    <message>
        <location filename="../../msc_desk/ui/screening/wizard.py" line="172"/>
        <source>Discard the screening?</source>
        <translation>Прервать скрининг?</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/wizard.py" line="173"/>
        <source>Nothing has been saved yet. Close the wizard and discard what was entered?</source>
        <translation>Ничего ещё не сохранено. Закрыть мастер и удалить введённые данные?</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/wizard.py" line="174"/>
        <source>Discard</source>
        <translation>Удалить и закрыть</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/wizard.py" line="197"/>
        <source>Saved as not enrolled.</source>
        <translation>Сохранён как невключённый.</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/wizard.py" line="199"/>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <source>Saved as not enrolled.</source>
        <comment>female patient</comment>
        <translation>Сохранена как невключённая.</translation>
    </message>
</context>
<context>
    <name>ScreeningWizardView</name>
    <message>
        <location filename="../../msc_desk/ui/screening/wizard.py" line="46"/>
        <source>New screening</source>
        <translation>Новый скрининг</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/wizard.py" line="50"/>
        <source>&lt; &amp;Back</source>
        <translation>&lt; &amp;Назад</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/wizard.py" line="51"/>
        <source>&amp;Next &gt;</source>
        <translation>&amp;Далее &gt;</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/wizard.py" line="52"/>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <location filename="../../msc_desk/ui/screening/wizard.py" line="53"/>
        <source>&amp;Done</source>
        <translation>&amp;Готово</translation>
    </message>
</context>
<context>
    <name>ExclusionsPage</name>
    <message>
        <source>Choose an answer («Unknown» if it is not known).</source>
        <translation>Выберите ответ («Неизвестно», если нет данных).</translation>
    </message>
</context>
</TS>
