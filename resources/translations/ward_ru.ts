<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru" sourcelanguage="en">
<context>
    <name>DeskController</name>
    <message>
        <source>MSC Desk — switch user</source>
        <translation>MSC Desk — смена пользователя</translation>
    </message>
    <message>
        <source>The screen is locked. Signed in: %1.</source>
        <translation>Экран заблокирован. В системе: %1.</translation>
    </message>
</context>
<context>
    <name>IdentificationDialog</name>
    <message>
        <source>Confidential: who each study id is. Every opening and search is recorded in the audit trail. Do not copy these data into forms or exports.</source>
        <translation>Конфиденциально: кому принадлежит каждый номер в исследовании. Каждое открытие журнала и каждый поиск фиксируются в журнале аудита. Не переносите эти данные в формы и выгрузки.</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Найти</translation>
    </message>
    <message>
        <source>Identification log</source>
        <translation>Журнал идентификации</translation>
    </message>
    <message>
        <source>Name, record number or study id</source>
        <translation>ФИО, номер истории болезни или номер в исследовании</translation>
    </message>
    <message>
        <source>Patients shown: %1</source>
        <translation>Показано пациентов: %1</translation>
    </message>
    <message>
        <source>Search:</source>
        <translation>Поиск:</translation>
    </message>
</context>
<context>
    <name>IdentificationModel</name>
    <message>
        <source>Date of birth</source>
        <translation>Дата рождения</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>ФИО</translation>
    </message>
    <message>
        <source>Medical record no.</source>
        <translation>№ истории болезни</translation>
    </message>
    <message>
        <source>Study ID</source>
        <translation>Номер</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;Identification log…</source>
        <translation>Журнал &amp;идентификации…</translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation>&amp;Заблокировать</translation>
    </message>
    <message>
        <source>S&amp;witch user…</source>
        <translation>Сменить &amp;пользователя…</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>Выйти из &amp;учётной записи</translation>
    </message>
    <message>
        <source>Site &amp;settings…</source>
        <translation>&amp;Настройки центра…</translation>
    </message>
</context>
<context>
    <name>RandomizeDialog</name>
    <message>
        <source>Patient %1 was found eligible at screening but has not been randomized. The inclusion criteria will be checked again now, at this moment; if they are met, the next slot of the randomization list is opened. A randomization cannot be undone.</source>
        <translation>Пациент %1 на скрининге подошёл по критериям, но не был рандомизирован. Критерии включения будут проверены заново — на текущий момент; если они выполнены, откроется следующая позиция рандомизационного списка. Отменить рандомизацию нельзя.</translation>
    </message>
    <message>
        <source>Randomization is no longer possible: more than 10 hours have passed since the onset of septic shock. The patient stays in the screening log as eligible but not randomized.</source>
        <translation>Рандомизация уже невозможна: от начала септического шока прошло более 10 часов. Пациент остаётся в журнале скрининга как подходящий, но не рандомизированный.</translation>
    </message>
    <message>
        <source>Randomization is no longer possible: the protocol allows it within 10 hours of the onset of septic shock (%1 MSK), and that window closed at %2 MSK. The patient stays in the screening log as eligible but not randomized.</source>
        <translation>Рандомизация уже невозможна: по протоколу она допускается в течение 10 часов от начала септического шока (%1 МСК), а это окно закрылось в %2 МСК. Пациент остаётся в журнале скрининга как подходящий, но не рандомизированный.</translation>
    </message>
    <message>
        <source>Randomize</source>
        <translation>Рандомизировать</translation>
    </message>
    <message>
        <source>Randomize patient %1</source>
        <translation>Рандомизация пациента %1</translation>
    </message>
    <message>
        <source>Randomized at %1 MSK. Arm: %2 (slot %3 of the list).</source>
        <translation>Рандомизация выполнена в %1 МСК. Группа: %2 (позиция списка %3).</translation>
    </message>
    <message>
        <source>The 10-hour window closed at %1 MSK.</source>
        <translation>10-часовое окно закрылось в %1 МСК.</translation>
    </message>
    <message>
        <source>The 10-hour window from shock onset closes at %1 MSK.</source>
        <translation>10-часовое окно от начала шока закрывается в %1 МСК.</translation>
    </message>
</context>
<context>
    <name>RecoveryCodeDialog</name>
    <message>
        <source>Copied. Paste it only where it is printed or written down, then copy something else so it does not stay on the clipboard.</source>
        <translation>Скопировано. Вставляйте код только туда, откуда его распечатаете или перепишете, а затем скопируйте что-нибудь другое, чтобы код не остался в буфере обмена.</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Копировать</translation>
    </message>
    <message>
        <source>I have written the code down or printed it</source>
        <translation>Код переписан или распечатан</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>Печать…</translation>
    </message>
</context>
<context>
    <name>RecoverySheet</name>
    <message>
        <source>%1 MSK</source>
        <translation>%1 МСК</translation>
    </message>
    <message>
        <source>Created:</source>
        <translation>Создан:</translation>
    </message>
    <message>
        <source>Do not photograph the code, and do not keep it in a file or in a message.</source>
        <translation>Не фотографируйте код и не храните его в файлах и сообщениях.</translation>
    </message>
    <message>
        <source>Give the envelope to the principal investigator, who keeps it in a locked place, away from the laptop.</source>
        <translation>Передайте конверт главному исследователю: он хранит его под замком, отдельно от ноутбука.</translation>
    </message>
    <message>
        <source>MSC Desk: database recovery code</source>
        <translation>MSC Desk: код восстановления базы данных</translation>
    </message>
    <message>
        <source>Print the recovery code</source>
        <translation>Печать кода восстановления</translation>
    </message>
    <message>
        <source>Seal this sheet in an envelope, sign across the flap and write the date on it.</source>
        <translation>Запечатайте этот лист в конверт, распишитесь поперёк клапана и поставьте дату.</translation>
    </message>
    <message>
        <source>Site:</source>
        <translation>Центр:</translation>
    </message>
    <message>
        <source>The code is used only when every administrator's password is forgotten; after it is used, a new code is issued and this sheet is destroyed.</source>
        <translation>Код нужен, только если забыты пароли всех администраторов; после его использования выдаётся новый код, а этот лист уничтожается.</translation>
    </message>
    <message>
        <source>This code opens the encrypted study database of this site if every password is forgotten. Whoever holds it can read all the data: keep it as you keep the identification log.</source>
        <translation>Этот код открывает зашифрованную базу данных исследования в этом центре, если забыты все пароли. Тот, у кого есть этот код, может прочитать все данные. Храните его так же, как журнал идентификации.</translation>
    </message>
    <message>
        <source>Trial:</source>
        <translation>Исследование:</translation>
    </message>
    <message>
        <source>Where to keep it</source>
        <translation>Где хранить</translation>
    </message>
</context>
<context>
    <name>ScreeningLogDialogView</name>
    <message>
        <source>Randomize the chosen patient, found eligible but not randomized</source>
        <translation>Рандомизировать выбранного пациента: подошёл по критериям, но не рандомизирован</translation>
    </message>
    <message>
        <source>Randomize…</source>
        <translation>Рандомизировать…</translation>
    </message>
</context>
<context>
    <name>SignatureDialog</name>
    <message>
        <source>The casebook cannot be signed yet: %1 visit(s) are still scheduled. Every visit must be done, missed or marked not applicable first.</source>
        <translation>Подписать ИРК пока нельзя: остались запланированные визиты (%1). Сначала каждый визит должен быть проведён либо отмечен как пропущенный или неприменимый.</translation>
    </message>
    <message>
        <source>The casebook cannot be signed yet: the patient has not been randomized, so there are no visits to sign.</source>
        <translation>Подписать ИРК пока нельзя: пациент не рандомизирован, подписывать ещё нечего.</translation>
    </message>
    <message>
        <source>The casebook is signed by %1, %2 MSK.</source>
        <translation>ИРК подписана: %1, %2 МСК.</translation>
    </message>
</context>
<context>
    <name>SiteSettingsDialog</name>
    <message>
        <source> h</source>
        <translation> ч</translation>
    </message>
    <message>
        <source> min</source>
        <translation> мин</translation>
    </message>
    <message>
        <source>%1: enter a number.</source>
        <translation>%1: введите число.</translation>
    </message>
    <message>
        <source>%1: enter a whole number.</source>
        <translation>%1: введите целое число.</translation>
    </message>
    <message>
        <source>%1: no such setting.</source>
        <translation>%1: такой настройки нет.</translation>
    </message>
    <message>
        <source>%1: the value must be from %2 to %3.</source>
        <translation>%1: значение должно быть от %2 до %3.</translation>
    </message>
    <message>
        <source>A product below this viability is not infused.</source>
        <translation>Препарат с меньшей жизнеспособностью не вводится.</translation>
    </message>
    <message>
        <source>Cell preparation time</source>
        <translation>Время подготовки клеток</translation>
    </message>
    <message>
        <source>From the order to the cells at the bedside; the screening wizard warns when less than this is left of the 10-hour window.</source>
        <translation>От заявки до доставки клеток к постели больного; мастер скрининга предупредит, если от 10-часового окна останется меньше.</translation>
    </message>
    <message>
        <source>Lock the screen after inactivity</source>
        <translation>Блокировка экрана при бездействии</translation>
    </message>
    <message>
        <source>Minimum cell viability for release</source>
        <translation>Минимальная жизнеспособность клеток для выдачи</translation>
    </message>
    <message>
        <source>Settings saved.</source>
        <translation>Настройки сохранены.</translation>
    </message>
    <message>
        <source>Site settings</source>
        <translation>Настройки центра</translation>
    </message>
    <message>
        <source>Without keyboard or mouse input, every window is closed and the password is asked for.</source>
        <translation>Если столько времени не трогать клавиатуру и мышь, все окна закроются и программа запросит пароль.</translation>
    </message>
</context>
<context>
    <name>SummaryTab</name>
    <message>
        <source>Casebook signature:</source>
        <translation>Подпись ИРК:</translation>
    </message>
    <message>
        <source>Found eligible at screening, but not randomized.</source>
        <translation>На скрининге подошёл по критериям, но не рандомизирован.</translation>
    </message>
    <message>
        <source>Not signed</source>
        <translation>Не подписана</translation>
    </message>
    <message>
        <source>Not signed (visits still scheduled: %1)</source>
        <translation>Не подписана (запланированных визитов: %1)</translation>
    </message>
    <message>
        <source>Randomize…</source>
        <translation>Рандомизировать…</translation>
    </message>
    <message>
        <source>Signed by %1, %2 MSK</source>
        <translation>Подписана: %1, %2 МСК</translation>
    </message>
    <message>
        <source>The 10-hour window from shock onset closes at %1 MSK.</source>
        <translation>10-часовое окно от начала шока закрывается в %1 МСК.</translation>
    </message>
</context>
<context>
    <name>UnsignDialog</name>
    <message>
        <source>The casebook is not signed.</source>
        <translation>ИРК не подписана.</translation>
    </message>
    <message>
        <source>The signature has been removed; the forms are open for correction.</source>
        <translation>Подпись снята, формы открыты для исправления.</translation>
    </message>
</context>
<context>
    <name>Vocabulary</name>
    <message>
        <source>Eligible, not randomized</source>
        <translation>Подходит, не рандомизирован</translation>
    </message>
</context>
</TS>
