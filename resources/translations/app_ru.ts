<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru" sourcelanguage="en">
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>MSC Desk — first start</source>
        <translation>MSC Desk — первый запуск</translation>
    </message>
    <message>
        <source>Create database</source>
        <translation>Создать базу данных</translation>
    </message>
    <message>
        <source>No study database on this laptop yet. Enter the site and the first administrator; the database will be encrypted and opened only with a password.</source>
        <translation>На этом ноутбуке ещё нет базы данных исследования. Укажите центр и первого администратора: база будет зашифрована и откроется только по паролю.</translation>
    </message>
    <message>
        <source>Site code:</source>
        <translation>Код центра:</translation>
    </message>
    <message>
        <source>Site (department):</source>
        <translation>Центр (отделение):</translation>
    </message>
    <message>
        <source>This laptop&apos;s name:</source>
        <translation>Название ноутбука:</translation>
    </message>
    <message>
        <source>Administrator login:</source>
        <translation>Логин администратора:</translation>
    </message>
    <message>
        <source>Administrator full name:</source>
        <translation>ФИО администратора:</translation>
    </message>
    <message>
        <source>Password (8+ characters):</source>
        <translation>Пароль (не менее 8 символов):</translation>
    </message>
    <message>
        <source>Password again:</source>
        <translation>Пароль ещё раз:</translation>
    </message>
    <message>
        <source>Fill in every field.</source>
        <translation>Заполните все поля.</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>Пароли не совпадают.</translation>
    </message>
</context>
<context>
    <name>LockDialog</name>
    <message>
        <source>MSC Desk — locked</source>
        <translation>MSC Desk — экран заблокирован</translation>
    </message>
    <message>
        <source>The screen was locked after inactivity. Signed in: %1.</source>
        <translation>Экран заблокирован из-за бездействия. В системе: %1.</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Разблокировать</translation>
    </message>
    <message>
        <source>Another user…</source>
        <translation>Другой пользователь…</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Пароль:</translation>
    </message>
    <message>
        <source>Wrong password.</source>
        <translation>Неверный пароль.</translation>
    </message>
</context>
<context>
    <name>RecoveryCodeDialog</name>
    <message>
        <source>Recovery code</source>
        <translation>Код восстановления</translation>
    </message>
    <message>
        <source>Write this code down or print it, seal it in an envelope and give it to the principal investigator. It opens the database if every password is forgotten. It is shown only now.</source>
        <translation>Перепишите или распечатайте этот код, запечатайте в конверт и передайте главному исследователю. Он откроет базу, если все пароли забыты. Код показывается только сейчас.</translation>
    </message>
    <message>
        <source>I have written the code down</source>
        <translation>Код записан</translation>
    </message>
</context>
<context>
    <name>RecoveryDialog</name>
    <message>
        <source>Set a new password with the recovery code</source>
        <translation>Новый пароль по коду восстановления</translation>
    </message>
    <message>
        <source>Set password and sign in</source>
        <translation>Сменить пароль и войти</translation>
    </message>
    <message>
        <source>User name:</source>
        <translation>Логин:</translation>
    </message>
    <message>
        <source>Recovery code:</source>
        <translation>Код восстановления:</translation>
    </message>
    <message>
        <source>New password:</source>
        <translation>Новый пароль:</translation>
    </message>
    <message>
        <source>New password again:</source>
        <translation>Новый пароль ещё раз:</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>Пароли не совпадают.</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>The data folder %1 holds an unencrypted database of an early version of MSC Desk. It cannot be opened or converted. Move it out of the folder (or choose another folder with --data-dir) and create a new database.</source>
        <translation>В папке данных %1 находится незашифрованная база данных ранней версии MSC Desk. Открыть или преобразовать её нельзя. Перенесите её из этой папки (или укажите другую папку параметром --data-dir) и создайте новую базу данных.</translation>
    </message>
    <message>
        <source>The data folder %1 holds a database without its key file (keyslots.json), so it cannot be opened. Restore the key file beside it, or choose another folder with --data-dir.</source>
        <translation>В папке данных %1 находится база данных без файла ключей (keyslots.json), поэтому открыть её нельзя. Верните файл ключей на место рядом с базой или укажите другую папку параметром --data-dir.</translation>
    </message>
</context>
<context>
    <name>SignIn</name>
    <message>
        <source>Too many failed attempts. Try again in %1 s.</source>
        <translation>Слишком много неудачных попыток. Повторите через %1 с.</translation>
    </message>
    <message>
        <source>This account&apos;s keys do not match the key registry. The attempt has been recorded; tell the site administrator.</source>
        <translation>Ключи этой учётной записи не совпадают с реестром ключей. Попытка записана в журнал аудита; сообщите администратору центра.</translation>
    </message>
    <message>
        <source>This account is disabled. Ask the site administrator.</source>
        <translation>Учётная запись отключена. Обратитесь к администратору центра.</translation>
    </message>
    <message>
        <source>Wrong user name or recovery code.</source>
        <translation>Неверный логин или код восстановления.</translation>
    </message>
    <message>
        <source>Wrong user name or password.</source>
        <translation>Неверный логин или пароль.</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>MSC Desk — sign in</source>
        <translation>MSC Desk — вход</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Войти</translation>
    </message>
    <message>
        <source>Forgot password…</source>
        <translation>Забыли пароль?</translation>
    </message>
    <message>
        <source>User name:</source>
        <translation>Логин:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Пароль:</translation>
    </message>
    <message>
        <source>Trial NCT01849237: MSC in septic shock with neutropenia</source>
        <translation>Исследование NCT01849237: МСК при септическом шоке у больных с нейтропенией</translation>
    </message>
</context>
</TS>
