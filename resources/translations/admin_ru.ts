<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru" sourcelanguage="en">
    <context>
        <name>AddUserDialog</name>
        <message>
            <source>New user</source>
            <translation>Новый пользователь</translation>
        </message>
        <message>
            <source>May randomize (delegated by the investigator)</source>
            <translation>Право рандомизации (делегировано исследователем)</translation>
        </message>
        <message>
            <source>Create</source>
            <translation>Создать</translation>
        </message>
        <message>
            <source>Login:</source>
            <translation>Логин:</translation>
        </message>
        <message>
            <source>Full name:</source>
            <translation>ФИО:</translation>
        </message>
        <message>
            <source>Role:</source>
            <translation>Роль:</translation>
        </message>
        <message>
            <source>Password:</source>
            <translation>Пароль:</translation>
        </message>
        <message>
            <source>Repeat password:</source>
            <translation>Повторите пароль:</translation>
        </message>
        <message>
            <source>The two passwords do not match.</source>
            <translation>Пароли не совпадают.</translation>
        </message>
    </context>
    <context>
        <name>AdminMessages</name>
        <message>
            <source>The login must be 2–64 letters, digits, dots, hyphens or underscores, starting with a letter or a digit.</source>
            <translation>Логин — от 2 до 64 букв, цифр, точек, дефисов или подчёркиваний; первым символом должна быть буква или цифра.</translation>
        </message>
        <message>
            <source>The password must be at least 8 characters long.</source>
            <translation>Пароль должен содержать не менее 8 символов.</translation>
        </message>
        <message>
            <source>The password is too long (at most 256 characters).</source>
            <translation>Пароль слишком длинный (не более 256 символов).</translation>
        </message>
        <message>
            <source>The password cannot be blank.</source>
            <translation>Пароль не может быть пустым.</translation>
        </message>
        <message>
            <source>The password must not be the same as the login.</source>
            <translation>Пароль не должен совпадать с логином.</translation>
        </message>
        <message>
            <source>The new password must differ from the old one.</source>
            <translation>Новый пароль должен отличаться от прежнего.</translation>
        </message>
        <message>
            <source>This login is already taken.</source>
            <translation>Такой логин уже существует.</translation>
        </message>
        <message>
            <source>No such user.</source>
            <translation>Пользователь не найден.</translation>
        </message>
        <message>
            <source>Enter the user's full name.</source>
            <translation>Укажите ФИО пользователя.</translation>
        </message>
        <message>
            <source>Enter the reason.</source>
            <translation>Укажите причину.</translation>
        </message>
        <message>
            <source>You cannot deactivate your own account.</source>
            <translation>Нельзя деактивировать собственную учётную запись.</translation>
        </message>
        <message>
            <source>This account is already deactivated.</source>
            <translation>Эта учётная запись уже деактивирована.</translation>
        </message>
        <message>
            <source>The last active administrator cannot be deactivated.</source>
            <translation>Нельзя деактивировать последнего активного администратора.</translation>
        </message>
        <message>
            <source>Randomization can be delegated to nurses only.</source>
            <translation>Рандомизацию можно делегировать только медицинским сёстрам.</translation>
        </message>
        <message>
            <source>Randomization is delegated by the investigator, once the account exists.</source>
            <translation>Рандомизацию делегирует исследователь — после того как учётная запись создана.</translation>
        </message>
        <message>
            <source>First choose your own password: a password set by the administrator signs nothing.</source>
            <translation>Сначала задайте собственный пароль: паролем, который назначил администратор, ничего подписать нельзя.</translation>
        </message>
        <message>
            <source>Wrong password. Nothing was signed; the attempt has been recorded.</source>
            <translation>Неверный пароль. Подпись не поставлена, попытка записана в журнал аудита.</translation>
        </message>
        <message>
            <source>Too many wrong passwords. Try again in %1 s.</source>
            <translation>Слишком много неверных паролей. Повторите через %1 с.</translation>
        </message>
        <message>
            <source>State the meaning of the signature.</source>
            <translation>Укажите, что означает подпись.</translation>
        </message>
        <message>
            <source>The patient or form was not found.</source>
            <translation>Пациент или форма не найдены.</translation>
        </message>
        <message>
            <source>The casebook cannot be signed while visits are still scheduled.</source>
            <translation>ИРК нельзя подписать, пока есть запланированные визиты.</translation>
        </message>
        <message>
            <source>It is already signed.</source>
            <translation>Уже подписано.</translation>
        </message>
        <message>
            <source>There is no signature to remove.</source>
            <translation>Действующей подписи нет — снимать нечего.</translation>
        </message>
        <message>
            <source>Only a named user can sign.</source>
            <translation>Подписать может только именной пользователь.</translation>
        </message>
        <message>
            <source>The file is not signed by the coordinating center.</source>
            <translation>Файл не подписан координационным центром.</translation>
        </message>
        <message>
            <source>The file has been altered or its signature is invalid.</source>
            <translation>Файл изменён или подпись неверна.</translation>
        </message>
        <message>
            <source>The file is not an allocation list, or it is damaged.</source>
            <translation>Файл не является списком рандомизации или повреждён.</translation>
        </message>
        <message>
            <source>The list was issued for another study.</source>
            <translation>Список выпущен для другого исследования.</translation>
        </message>
        <message>
            <source>The list was issued for another laptop (a different device ID).</source>
            <translation>Список выпущен для другого ноутбука (другой идентификатор устройства).</translation>
        </message>
        <message>
            <source>The list's slots overlap a list already imported or slots already used.</source>
            <translation>Номера слотов списка пересекаются с уже импортированным списком или с использованными слотами.</translation>
        </message>
        <message>
            <source>This list has already been imported.</source>
            <translation>Этот список уже импортирован.</translation>
        </message>
        <message>
            <source>The coordinating center key has not been set. Load it first: Administration → Coordinating center key…</source>
            <translation>Ключ координационного центра не задан. Сначала загрузите его: Администрирование → Ключ координационного центра…</translation>
        </message>
        <message>
            <source>The file does not hold an Ed25519 public key of the center.</source>
            <translation>Файл не содержит открытый ключ Ed25519 координационного центра.</translation>
        </message>
        <message>
            <source>Your role does not allow this action.</source>
            <translation>Ваша роль не позволяет выполнить это действие.</translation>
        </message>
        <message>
            <source>The file could not be read or written: %1</source>
            <translation>Не удалось прочитать или записать файл: %1</translation>
        </message>
        <message>
            <source>The request was refused (%1).</source>
            <translation>Запрос отклонён (%1).</translation>
        </message>
        <message>
            <source>This folder already holds a study database.</source>
            <translation>В этой папке уже есть база данных исследования.</translation>
        </message>
        <message>
            <source>Fill in every field.</source>
            <translation>Заполните все поля.</translation>
        </message>
    </context>
    <context>
        <name>AllocationImportDialog</name>
        <message>
            <source>Import allocation list</source>
            <translation>Импорт списка рандомизации</translation>
        </message>
        <message>
            <source>Send this device ID to the coordinating center: the list it signs is valid on this laptop only.</source>
            <translation>Сообщите этот идентификатор устройства координационному центру: подписанный им список действует только на этом ноутбуке.</translation>
        </message>
        <message>
            <source>Choose list file…</source>
            <translation>Выбрать файл списка…</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Закрыть</translation>
        </message>
        <message>
            <source>Device ID:</source>
            <translation>Идентификатор устройства:</translation>
        </message>
        <message>
            <source>Center key:</source>
            <translation>Ключ центра:</translation>
        </message>
        <message>
            <source>Slots remaining:</source>
            <translation>Осталось слотов:</translation>
        </message>
        <message>
            <source>not set</source>
            <translation>не задан</translation>
        </message>
        <message>
            <source>Signed allocation list</source>
            <translation>Подписанный список рандомизации</translation>
        </message>
        <message>
            <source>Allocation lists (*.json);;All files (*)</source>
            <translation>Списки рандомизации (*.json);;Все файлы (*)</translation>
        </message>
        <message>
            <source>The list was not imported. %1</source>
            <translation>Список не импортирован. %1</translation>
        </message>
        <message>
            <source>Imported %1 slots (numbers %2–%3). Slots remaining on this laptop: %4.</source>
            <translation>Импортировано слотов: %1 (номера %2–%3). Осталось слотов на этом ноутбуке: %4.</translation>
        </message>
    </context>
    <context>
        <name>AuditActions</name>
        <message>
            <source>Audit trail exported</source>
            <translation>Экспорт журнала аудита</translation>
        </message>
        <message>
            <source>Created</source>
            <translation>Создание</translation>
        </message>
        <message>
            <source>Changed</source>
            <translation>Изменение</translation>
        </message>
        <message>
            <source>Deleted</source>
            <translation>Удаление</translation>
        </message>
        <message>
            <source>Sign-in</source>
            <translation>Вход</translation>
        </message>
        <message>
            <source>Failed sign-in</source>
            <translation>Неудачный вход</translation>
        </message>
        <message>
            <source>Sign-out</source>
            <translation>Выход</translation>
        </message>
        <message>
            <source>Screen locked</source>
            <translation>Блокировка экрана</translation>
        </message>
        <message>
            <source>Unlocked</source>
            <translation>Разблокировка экрана</translation>
        </message>
        <message>
            <source>Randomization</source>
            <translation>Рандомизация</translation>
        </message>
        <message>
            <source>Signature</source>
            <translation>Подпись</translation>
        </message>
        <message>
            <source>Failed signature</source>
            <translation>Неудачная подпись</translation>
        </message>
        <message>
            <source>Access denied</source>
            <translation>Отказ в доступе</translation>
        </message>
        <message>
            <source>Password reset</source>
            <translation>Сброс пароля</translation>
        </message>
        <message>
            <source>Export</source>
            <translation>Экспорт</translation>
        </message>
        <message>
            <source>Screening</source>
            <translation>Скрининг</translation>
        </message>
        <message>
            <source>Allocation list imported</source>
            <translation>Импорт списка рандомизации</translation>
        </message>
        <message>
            <source>Allocation import refused</source>
            <translation>Отказ в импорте списка</translation>
        </message>
        <message>
            <source>Center key set</source>
            <translation>Задан ключ центра</translation>
        </message>
        <message>
            <source>Workspace created</source>
            <translation>Создание базы данных</translation>
        </message>
    </context>
    <context>
        <name>AuditDialog</name>
        <message>
            <source>Audit trail</source>
            <translation>Журнал аудита</translation>
        </message>
        <message>
            <source>All patients</source>
            <translation>Все пациенты</translation>
        </message>
        <message>
            <source>All users</source>
            <translation>Все пользователи</translation>
        </message>
        <message>
            <source>any field</source>
            <translation>любое поле</translation>
        </message>
        <message>
            <source>Apply</source>
            <translation>Применить</translation>
        </message>
        <message>
            <source>Verify integrity</source>
            <translation>Проверить целостность</translation>
        </message>
        <message>
            <source>Export CSV…</source>
            <translation>Экспорт CSV…</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Закрыть</translation>
        </message>
        <message>
            <source>Patient:</source>
            <translation>Пациент:</translation>
        </message>
        <message>
            <source>User:</source>
            <translation>Пользователь:</translation>
        </message>
        <message>
            <source>Field:</source>
            <translation>Поле:</translation>
        </message>
        <message>
            <source>From:</source>
            <translation>С:</translation>
        </message>
        <message>
            <source>To:</source>
            <translation>По:</translation>
        </message>
        <message>
            <source>Entries: %1</source>
            <translation>Записей: %1</translation>
        </message>
        <message>
            <source>The chain is intact.</source>
            <translation>Журнал не изменён: целостность подтверждена.</translation>
        </message>
        <message>
            <source>Integrity violation at entry No. %1.</source>
            <translation>Журнал изменён: нарушение целостности в записи №%1.</translation>
        </message>
        <message>
            <source>Export audit trail</source>
            <translation>Экспорт журнала аудита</translation>
        </message>
        <message>
            <source>CSV (*.csv)</source>
            <translation>CSV (*.csv)</translation>
        </message>
        <message>
            <source>%1 entries exported to %2</source>
            <translation>Записей экспортировано: %1, файл %2</translation>
        </message>
    </context>
    <context>
        <name>AuditModel</name>
        <message>
            <source>No.</source>
            <translation>№</translation>
        </message>
        <message>
            <source>Time (MSK)</source>
            <translation>Время (МСК)</translation>
        </message>
        <message>
            <source>User</source>
            <translation>Пользователь</translation>
        </message>
        <message>
            <source>Role</source>
            <translation>Роль</translation>
        </message>
        <message>
            <source>Action</source>
            <translation>Действие</translation>
        </message>
        <message>
            <source>Table</source>
            <translation>Таблица</translation>
        </message>
        <message>
            <source>Record</source>
            <translation>Запись</translation>
        </message>
        <message>
            <source>Field</source>
            <translation>Поле</translation>
        </message>
        <message>
            <source>Old → new</source>
            <translation>Было → стало</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>Причина</translation>
        </message>
    </context>
    <context>
        <name>CenterKeyDialog</name>
        <message>
            <source>Coordinating center key</source>
            <translation>Ключ координационного центра</translation>
        </message>
        <message>
            <source>Compare this fingerprint, character by character, with the paper copy received from the coordinating center. Confirm only if they are identical.</source>
            <translation>Сверьте этот отпечаток посимвольно с бумажной копией, полученной из координационного центра. Подтверждайте, только если они полностью совпадают.</translation>
        </message>
        <message>
            <source>Load key file…</source>
            <translation>Загрузить файл ключа…</translation>
        </message>
        <message>
            <source>Fingerprints match — trust this key</source>
            <translation>Отпечатки совпадают — принять ключ</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Закрыть</translation>
        </message>
        <message>
            <source>Trusted key (paper fingerprint):</source>
            <translation>Принятый ключ (отпечаток для сверки):</translation>
        </message>
        <message>
            <source>Loaded key, not yet trusted:</source>
            <translation>Загруженный ключ, ещё не принят:</translation>
        </message>
        <message>
            <source>not set</source>
            <translation>не задан</translation>
        </message>
        <message>
            <source>Center public key</source>
            <translation>Открытый ключ центра</translation>
        </message>
        <message>
            <source>Key files (*.pem *.pub *.txt);;All files (*)</source>
            <translation>Файлы ключей (*.pem *.pub *.txt);;Все файлы (*)</translation>
        </message>
        <message>
            <source>The center key is now trusted.</source>
            <translation>Ключ координационного центра принят.</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>&amp;Audit trail…</source>
            <translation>&amp;Журнал аудита…</translation>
        </message>
        <message>
            <source>&amp;Administration</source>
            <translation>&amp;Администрирование</translation>
        </message>
        <message>
            <source>&amp;Users…</source>
            <translation>&amp;Пользователи…</translation>
        </message>
        <message>
            <source>Coordinating &amp;center key…</source>
            <translation>&amp;Ключ координационного центра…</translation>
        </message>
        <message>
            <source>&amp;Import allocation list…</source>
            <translation>&amp;Импорт списка рандомизации…</translation>
        </message>
    </context>
    <context>
        <name>PasswordResetDialog</name>
        <message>
            <source>Reset password</source>
            <translation>Сброс пароля</translation>
        </message>
        <message>
            <source>A temporary password for %1. Give it to the user in person.</source>
            <translation>Временный пароль для %1. Передайте его пользователю лично.</translation>
        </message>
        <message>
            <source>New password:</source>
            <translation>Новый пароль:</translation>
        </message>
        <message>
            <source>Repeat password:</source>
            <translation>Повторите пароль:</translation>
        </message>
    </context>
    <context>
        <name>SignatureDialog</name>
        <message>
            <source>Sign casebook %1</source>
            <translation>Подписание ИРК %1</translation>
        </message>
        <message>
            <source>You are signing the whole casebook of patient %1 as %2. All visits will be locked: later changes will need the signature to be removed with a reason.</source>
            <translation>Вы подписываете всю ИРК пациента %1 как %2. Все визиты будут заблокированы: для последующих изменений подпись придётся снять с указанием причины.</translation>
        </message>
        <message>
            <source>I confirm that the data of the case report form are accurate and complete</source>
            <translation>Подтверждаю достоверность и полноту данных индивидуальной регистрационной карты</translation>
        </message>
        <message>
            <source>Sign</source>
            <translation>Подписать</translation>
        </message>
        <message>
            <source>Meaning of the signature:</source>
            <translation>Подпись означает:</translation>
        </message>
        <message>
            <source>Your password:</source>
            <translation>Ваш пароль:</translation>
        </message>
    </context>
    <context>
        <name>SummaryTab</name>
        <message>
            <source>Patient change log</source>
            <translation>Журнал изменений пациента</translation>
        </message>
        <message>
            <source>Sign casebook…</source>
            <translation>Подписать ИРК…</translation>
        </message>
        <message>
            <source>Remove signature…</source>
            <translation>Снять подпись…</translation>
        </message>
    </context>
    <context>
        <name>UnsignDialog</name>
        <message>
            <source>Remove signature of casebook %1</source>
            <translation>Снятие подписи ИРК %1</translation>
        </message>
        <message>
            <source>The casebook signature will be voided and its forms unlocked for correction. State why.</source>
            <translation>Подпись ИРК будет аннулирована, формы станут доступны для исправления. Укажите причину.</translation>
        </message>
        <message>
            <source>Remove signature</source>
            <translation>Снять подпись</translation>
        </message>
        <message>
            <source>Reason:</source>
            <translation>Причина:</translation>
        </message>
    </context>
    <context>
        <name>UsersDialog</name>
        <message>
            <source>Users</source>
            <translation>Пользователи</translation>
        </message>
        <message>
            <source>Add user…</source>
            <translation>Добавить…</translation>
        </message>
        <message>
            <source>Deactivate…</source>
            <translation>Деактивировать…</translation>
        </message>
        <message>
            <source>Delegate randomization…</source>
            <translation>Делегировать право рандомизации…</translation>
        </message>
        <message>
            <source>Reset password…</source>
            <translation>Сбросить пароль…</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Закрыть</translation>
        </message>
        <message>
            <source>Withdraw randomization…</source>
            <translation>Отозвать право рандомизации…</translation>
        </message>
        <message>
            <source>User %1 created.</source>
            <translation>Пользователь %1 создан.</translation>
        </message>
        <message>
            <source>Deactivate %1 (%2)? The account will no longer be able to sign in.</source>
            <translation>Деактивировать %1 (%2)? Войти под этой учётной записью будет нельзя.</translation>
        </message>
        <message>
            <source>Deactivate user</source>
            <translation>Деактивация пользователя</translation>
        </message>
        <message>
            <source>Reason:</source>
            <translation>Причина:</translation>
        </message>
        <message>
            <source>User %1 deactivated.</source>
            <translation>Пользователь %1 деактивирован.</translation>
        </message>
        <message>
            <source>Randomization delegation</source>
            <translation>Делегирование рандомизации</translation>
        </message>
        <message>
            <source>Reason (e.g. the investigator's order):</source>
            <translation>Причина (например, распоряжение исследователя):</translation>
        </message>
        <message>
            <source>%1 may randomize from the next sign-in.</source>
            <translation>%1 сможет рандомизировать после следующего входа.</translation>
        </message>
        <message>
            <source>%1 may no longer randomize (from the next sign-in).</source>
            <translation>%1 больше не может рандомизировать (со следующего входа).</translation>
        </message>
        <message>
            <source>The two passwords do not match.</source>
            <translation>Пароли не совпадают.</translation>
        </message>
        <message>
            <source>%1 has a new temporary password.</source>
            <translation>Пользователю %1 задан временный пароль.</translation>
        </message>
    </context>
    <context>
        <name>UsersModel</name>
        <message>
            <source>Login</source>
            <translation>Логин</translation>
        </message>
        <message>
            <source>Full name</source>
            <translation>ФИО</translation>
        </message>
        <message>
            <source>Role</source>
            <translation>Роль</translation>
        </message>
        <message>
            <source>Randomizes</source>
            <translation>Рандомизация</translation>
        </message>
        <message>
            <source>Account</source>
            <translation>Учётная запись</translation>
        </message>
        <message>
            <source>active</source>
            <translation>активна</translation>
        </message>
        <message>
            <source>deactivated</source>
            <translation>деактивирована</translation>
        </message>
        <message>
            <source>by role</source>
            <translation>по роли</translation>
        </message>
        <message>
            <source>delegated</source>
            <translation>делегирована</translation>
        </message>
        <message>
            <source>not delegated</source>
            <translation>не делегирована</translation>
        </message>
    </context>
</TS>
