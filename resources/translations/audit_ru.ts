<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru" sourcelanguage="en">
<context>
    <name>AuditText</name>
    <message>
        <source>slot %1: %2</source>
        <translation>номер %1: %2</translation>
    </message>
    <message>
        <source>list %1: slots %2–%3</source>
        <translation>список %1: номера %2–%3</translation>
    </message>
    <message>
        <source>wrong password</source>
        <translation>неверный пароль</translation>
    </message>
    <message>
        <source>en</source>
        <translation>ru</translation>
    </message>
    <message>
        <source>MSK</source>
        <translation>МСК</translation>
    </message>
</context>
<context>
    <name>AuditDetail</name>
    <message>
        <source>Action</source>
        <translation>Действие</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Ноутбук</translation>
    </message>
    <message>
        <source>Entry No.</source>
        <translation>Запись №</translation>
    </message>
    <message>
        <source>Entry hash</source>
        <translation>Хеш записи</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Поле</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>Форма</translation>
    </message>
    <message>
        <source>New value</source>
        <translation>Новое значение</translation>
    </message>
    <message>
        <source>Old value</source>
        <translation>Прежнее значение</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>Пациент</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Причина изменения</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Запись (ид.)</translation>
    </message>
    <message>
        <source>Select an entry to see it in full.</source>
        <translation>Выберите запись, чтобы увидеть её полностью.</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Время</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Пользователь</translation>
    </message>
    <message>
        <source>technical: %1</source>
        <translation>техн.: %1</translation>
    </message>
</context>
<context>
    <name>AuditDialog</name>
    <message>
        <source>Identification trail…</source>
        <translation>Журнал идентификации…</translation>
    </message>
    <message>
        <source>All fields</source>
        <translation>Все поля</translation>
    </message>
    <message>
        <source>All forms</source>
        <translation>Все формы</translation>
    </message>
    <message>
        <source>Chain head to write down: %1 entries, hash %2</source>
        <translation>Контрольная точка журнала (запишите): записей %1, хеш %2</translation>
    </message>
    <message>
        <source>Form:</source>
        <translation>Форма:</translation>
    </message>
</context>
<context>
    <name>AuditModel</name>
    <message>
        <source>Form</source>
        <translation>Форма</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>Пациент</translation>
    </message>
</context>
<context>
    <name>AuditRights</name>
    <message>
        <source>answering a query</source>
        <translation>ответ на запрос</translation>
    </message>
    <message>
        <source>changing settings</source>
        <translation>изменение настроек</translation>
    </message>
    <message>
        <source>entering data</source>
        <translation>ввод данных</translation>
    </message>
    <message>
        <source>export</source>
        <translation>экспорт</translation>
    </message>
    <message>
        <source>importing an allocation list</source>
        <translation>импорт списка рандомизации</translation>
    </message>
    <message>
        <source>managing keys</source>
        <translation>управление ключами</translation>
    </message>
    <message>
        <source>managing users</source>
        <translation>управление пользователями</translation>
    </message>
    <message>
        <source>raising a query</source>
        <translation>запрос монитора</translation>
    </message>
    <message>
        <source>randomization</source>
        <translation>рандомизация</translation>
    </message>
    <message>
        <source>screening</source>
        <translation>скрининг</translation>
    </message>
    <message>
        <source>signing</source>
        <translation>подпись</translation>
    </message>
    <message>
        <source>unlocking a signed form</source>
        <translation>снятие блокировки подписанной формы</translation>
    </message>
    <message>
        <source>viewing clinical data</source>
        <translation>просмотр клинических данных</translation>
    </message>
    <message>
        <source>viewing patient identifiers</source>
        <translation>просмотр идентификационных данных пациента</translation>
    </message>
    <message>
        <source>viewing the allocation</source>
        <translation>просмотр группы рандомизации</translation>
    </message>
    <message>
        <source>viewing the audit trail</source>
        <translation>просмотр журнала аудита</translation>
    </message>
</context>
<context>
    <name>Vocabulary</name>
    <message>
        <source>Blinded reviewer</source>
        <translation>Заслеплённый эксперт</translation>
    </message>
</context>
<context>
    <name>IdentificationModel</name>
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
        <source>Patient</source>
        <translation>Пациент</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Поле</translation>
    </message>
    <message>
        <source>Old value</source>
        <translation>Прежнее значение</translation>
    </message>
    <message>
        <source>New value</source>
        <translation>Новое значение</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Причина изменения</translation>
    </message>
</context>
<context>
    <name>IdentificationTrailDialog</name>
    <message>
        <source>Identification trail</source>
        <translation>Журнал изменений идентификационных данных</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <source>Changes: %1</source>
        <translation>Изменений: %1</translation>
    </message>
</context>
</TS>
