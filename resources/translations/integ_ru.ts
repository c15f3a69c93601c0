<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru" sourcelanguage="en">
<context>
    <name>AddUserDialog</name>
    <message>
        <source>Randomization is delegated to a nurse by the investigator, once the account exists (File → Randomization delegation…).</source>
        <translation>Право рандомизации медицинской сестре делегирует исследователь после создания учётной записи (Файл → Делегирование рандомизации…).</translation>
    </message>
</context>
<context>
    <name>AdminMessages</name>
    <message>
        <source>The list was encrypted for another randomization key, not this laptop's. Send the coordinating center the key shown in this window and ask for a new list.</source>
        <translation>Список зашифрован для другого ключа рандомизации, не для ключа этого ноутбука. Отправьте в координационный центр ключ, показанный в этом окне, и запросите новый список.</translation>
    </message>
    <message>
        <source>This laptop has no randomization key yet: it is made at an investigator's first sign-in. Ask the investigator to sign in, send the key to the coordinating center, then import the list it issues.</source>
        <translation>На этом ноутбуке ещё нет ключа рандомизации: он создаётся при первом входе исследователя. Попросите исследователя войти в программу, отправьте ключ в координационный центр и затем импортируйте выданный им список.</translation>
    </message>
</context>
<context>
    <name>AllocationImportDialog</name>
    <message>
        <source>Copy the device ID and key</source>
        <translation>Копировать ID устройства и ключ</translation>
    </message>
    <message>
        <source>none yet: it is made at an investigator's first sign-in on this laptop. Ask the investigator to sign in, then open this window again.</source>
        <translation>пока нет: ключ создаётся при первом входе исследователя на этом ноутбуке. Попросите исследователя войти в программу, затем откройте это окно снова.</translation>
    </message>
    <message>
        <source>Send this device ID and the randomization key to the coordinating center: the list it signs is valid on this laptop only, and only this laptop's key opens it.</source>
        <translation>Отправьте ID устройства и ключ рандомизации в координационный центр: подписанный им список действителен только на этом ноутбуке и открывается только ключом этого ноутбука.</translation>
    </message>
    <message>
        <source>Randomization key:</source>
        <translation>Ключ рандомизации:</translation>
    </message>
    <message>
        <source>Device ID: %1
Randomization key: %2</source>
        <translation>ID устройства: %1
Ключ рандомизации: %2</translation>
    </message>
    <message>
        <source>Copied. Send it to the coordinating center.</source>
        <translation>Скопировано. Отправьте в координационный центр.</translation>
    </message>
</context>
<context>
    <name>ClockBanner</name>
    <message>
        <source>Confirm the time…</source>
        <translation>Подтвердить время…</translation>
    </message>
    <message>
        <source>Randomization is blocked until an investigator checks the time and confirms it.</source>
        <translation>Рандомизация заблокирована, пока исследователь не проверит и не подтвердит время.</translation>
    </message>
    <message>
        <source>Randomization is blocked until an investigator checks the time and confirms it (File → Confirm the time…). Tell the investigator.</source>
        <translation>Рандомизация заблокирована, пока исследователь не проверит и не подтвердит время (Файл → Подтвердить время…). Сообщите исследователю.</translation>
    </message>
</context>
<context>
    <name>ClockMessages</name>
    <message>
        <source>Only an investigator may confirm the time.</source>
        <translation>Подтвердить время может только исследователь.</translation>
    </message>
    <message>
        <source>First choose your own password: a password set by the administrator signs nothing.</source>
        <translation>Сначала задайте собственный пароль: пароль, назначенный администратором, ничего не подписывает.</translation>
    </message>
    <message>
        <source>Enter the reason (up to 500 characters): how the time was checked, e.g. against the ward clock or a phone.</source>
        <translation>Укажите основание (до 500 символов): как проверено время, например по часам в отделении или по телефону.</translation>
    </message>
    <message>
        <source>The laptop clock shows %1 MSK, %2 min earlier than the latest time already recorded (%3 MSK): it has been set back.</source>
        <translation>Часы ноутбука показывают %1 МСК — на %2 мин раньше последнего уже записанного времени (%3 МСК): часы переведены назад.</translation>
    </message>
    <message>
        <source>The laptop clock was set back, and the time has not been confirmed since.</source>
        <translation>Часы ноутбука переводились назад, и время с тех пор не подтверждено.</translation>
    </message>
</context>
<context>
    <name>ConfirmClockDialog</name>
    <message>
        <source>Confirm the time</source>
        <translation>Подтверждение времени</translation>
    </message>
    <message>
        <source>Check the time against another clock. If %1 MSK is right now, confirm it with a reason: the confirmation is signed with your key and recorded in the audit trail, and randomization is allowed again. If the clock is wrong, cancel, set the clock correctly and restart MSC Desk.</source>
        <translation>Сверьте время с другими часами. Если сейчас действительно %1 МСК, подтвердите это с указанием основания: подтверждение подписывается вашим ключом и записывается в журнал аудита, после чего рандомизация снова разрешена. Если часы неверны, нажмите «Отмена», установите правильное время и перезапустите MSC Desk.</translation>
    </message>
    <message>
        <source>e.g. checked against the ward clock</source>
        <translation>например: сверено с часами в отделении</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>Подтвердить</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>Основание:</translation>
    </message>
</context>
<context>
    <name>DelegationDialog</name>
    <message>
        <source>Randomization delegation</source>
        <translation>Делегирование рандомизации</translation>
    </message>
    <message>
        <source>Nurses of this laptop. A nurse to whom you delegate randomization may randomize from her next sign-in; the delegation is signed with your key and recorded as the principal investigator's delegation log.</source>
        <translation>Медицинские сёстры этого ноутбука. Сестра, которой вы делегируете рандомизацию, сможет рандомизировать со следующего входа; делегирование подписывается вашим ключом и ведётся как журнал делегирования полномочий главного исследователя.</translation>
    </message>
    <message>
        <source>e.g. trained in the protocol on 01.12</source>
        <translation>например: обучена по протоколу 01.12</translation>
    </message>
    <message>
        <source>Delegate randomization</source>
        <translation>Делегировать рандомизацию</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>Основание:</translation>
    </message>
    <message>
        <source>Withdraw the delegation</source>
        <translation>Отозвать делегирование</translation>
    </message>
    <message>
        <source>%1 may randomize from her next sign-in.</source>
        <translation>%1 сможет рандомизировать со следующего входа.</translation>
    </message>
    <message>
        <source>%1 may no longer randomize.</source>
        <translation>%1 больше не может рандомизировать.</translation>
    </message>
</context>
<context>
    <name>FindingsModel</name>
    <message>
        <source>What is wrong</source>
        <translation>Что не так</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Где</translation>
    </message>
</context>
<context>
    <name>IntegrityDialog</name>
    <message>
        <source>Integrity check</source>
        <translation>Проверка целостности</translation>
    </message>
    <message>
        <source>The check verifies the audit trail entry by entry, replays it against the data now in the database, follows the chain of randomization reveals, and verifies the users' keys and signatures.</source>
        <translation>Проверка сверяет журнал аудита запись за записью, воспроизводит его и сравнивает с данными в базе, проходит цепочку вскрытий рандомизации и проверяет ключи и подписи пользователей.</translation>
    </message>
    <message>
        <source>Current record version: %1</source>
        <translation>Текущая контрольная точка журнала: %1</translation>
    </message>
    <message>
        <source>e.g. 1234 · 9F3A 0C11 57D2 …</source>
        <translation>например: 1234 · 9F3A 0C11 57D2 …</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>Сравнить</translation>
    </message>
    <message>
        <source>Run the full check</source>
        <translation>Запустить полную проверку</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <source>Record version written down earlier:</source>
        <translation>Записанная ранее контрольная точка:</translation>
    </message>
    <message>
        <source>Type the number of entries, then the hash (at least 8 characters; spaces are allowed), as printed: «1234 · 9F3A 0C11».</source>
        <translation>Введите число записей, затем хеш (не менее 8 символов, пробелы допускаются), как напечатано: «1234 · 9F3A 0C11».</translation>
    </message>
    <message>
        <source>This version is the start of the audit trail now: nothing recorded up to it was changed or removed.</source>
        <translation>Эта контрольная точка — начало нынешнего журнала: ничего из записанного до неё не изменено и не удалено.</translation>
    </message>
    <message>
        <source>This version counts %1 entries, but the audit trail here holds only %2: the printout was made from a later state than this database holds (an older copy of the database, or a truncated trail), or the number was copied wrongly. Check it and tell the coordinating center.</source>
        <translation>В этой контрольной точке %1 записей, а в журнале этой базы только %2: распечатка сделана с более позднего состояния, чем хранит эта база (старая копия базы или усечённый журнал), либо число переписано с ошибкой. Проверьте его и сообщите в координационный центр.</translation>
    </message>
    <message>
        <source>This version is NOT the start of the audit trail now: the history up to it was rewritten or truncated, or the version was copied wrongly. Check it and tell the coordinating center.</source>
        <translation>Эта контрольная точка НЕ совпадает с началом нынешнего журнала: история до неё переписана или усечена, либо точка переписана с ошибкой. Проверьте её и сообщите в координационный центр.</translation>
    </message>
    <message>
        <source>Checking… The window may be used meanwhile.</source>
        <translation>Идёт проверка… Тем временем программой можно пользоваться.</translation>
    </message>
    <message>
        <source>The check could not be completed: %1</source>
        <translation>Проверку не удалось завершить: %1</translation>
    </message>
    <message>
        <source>Problems found: %1. Tell the coordinating center.</source>
        <translation>Найдено проблем: %1. Сообщите в координационный центр.</translation>
    </message>
    <message>
        <source>The quick check at sign-in found problems: %1.</source>
        <translation>Быстрая проверка при входе нашла проблемы: %1.</translation>
    </message>
    <message>
        <source>Nothing is wrong: the audit trail, the data, the randomization list and the signatures agree.</source>
        <translation>Нарушений нет: журнал аудита, данные, список рандомизации и подписи согласуются.</translation>
    </message>
</context>
<context>
    <name>IntegrityWords</name>
    <message>
        <source>An audit trail entry was changed after it was written</source>
        <translation>Запись журнала аудита изменена после внесения</translation>
    </message>
    <message>
        <source>An audit trail entry does not follow the one before it</source>
        <translation>Запись журнала аудита не продолжает предыдущую</translation>
    </message>
    <message>
        <source>Audit trail entries are missing (expected entry %1)</source>
        <translation>В журнале аудита недостаёт записей (ожидалась запись %1)</translation>
    </message>
    <message>
        <source>An audit trail entry verified earlier was changed or deleted</source>
        <translation>Проверенная ранее запись журнала аудита изменена или удалена</translation>
    </message>
    <message>
        <source>The database file is damaged: restore it from the latest backup copy and call the coordinating center</source>
        <translation>Файл базы данных повреждён: восстановите его из последней резервной копии и сообщите в координационный центр</translation>
    </message>
    <message>
        <source>The record version written down earlier (%1 · %2) is not the start of the audit trail now: the history was rewritten or truncated</source>
        <translation>Записанная ранее контрольная точка (%1 · %2) не совпадает с началом нынешнего журнала: история переписана или усечена</translation>
    </message>
    <message>
        <source>A value differs from what the audit trail says was entered</source>
        <translation>Значение отличается от внесённого по журналу аудита</translation>
    </message>
    <message>
        <source>A record exists that was added past the audit trail</source>
        <translation>Есть запись, добавленная в обход журнала аудита</translation>
    </message>
    <message>
        <source>A record the audit trail created has been deleted</source>
        <translation>Запись, созданная по журналу аудита, удалена</translation>
    </message>
    <message>
        <source>A randomization slot was used while slot %1 stays unused</source>
        <translation>Использована позиция списка рандомизации, хотя позиция %1 осталась неиспользованной</translation>
    </message>
    <message>
        <source>A randomization record does not match the chain of reveals</source>
        <translation>Запись о рандомизации не согласуется с цепочкой вскрытий</translation>
    </message>
    <message>
        <source>The user key registry has entries missing or out of order</source>
        <translation>В реестре ключей пользователей недостаёт записей или нарушен их порядок</translation>
    </message>
    <message>
        <source>A key registry entry is not signed by the user's own key</source>
        <translation>Запись реестра ключей не подписана собственным ключом пользователя</translation>
    </message>
    <message>
        <source>A key registry entry has no countersignature of an administrator</source>
        <translation>У записи реестра ключей нет заверяющей подписи администратора</translation>
    </message>
    <message>
        <source>A key registry entry is countersigned with a key already replaced</source>
        <translation>Запись реестра ключей заверена ключом, который уже заменён</translation>
    </message>
    <message>
        <source>The countersignature of a key registry entry is invalid</source>
        <translation>Заверяющая подпись записи реестра ключей недействительна</translation>
    </message>
    <message>
        <source>A key registry entry is countersigned by a user without that right</source>
        <translation>Запись реестра ключей заверена пользователем без такого права</translation>
    </message>
    <message>
        <source>A user account has no entry in the key registry</source>
        <translation>У учётной записи нет записи в реестре ключей</translation>
    </message>
    <message>
        <source>A user account (role, delegation or status) differs from the key registry</source>
        <translation>Учётная запись (роль, делегирование или статус) расходится с реестром ключей</translation>
    </message>
    <message>
        <source>The recovery key differs from the one recorded at set-up</source>
        <translation>Ключ восстановления отличается от записанного при установке</translation>
    </message>
    <message>
        <source>A signed audit trail position is not in the audit trail</source>
        <translation>Подписанной точки журнала аудита нет в журнале</translation>
    </message>
    <message>
        <source>The signature of an audit trail position is invalid</source>
        <translation>Подпись точки журнала аудита недействительна</translation>
    </message>
    <message>
        <source>An audit trail position is signed with a key already replaced</source>
        <translation>Точка журнала аудита подписана ключом, который уже заменён</translation>
    </message>
    <message>
        <source>Audit trail entries are not covered by any user's signature</source>
        <translation>Записи журнала аудита не заверены подписью ни одного пользователя</translation>
    </message>
    <message>
        <source>Audit trail entries name a user other than the one who signed them</source>
        <translation>В записях журнала аудита указан не тот пользователь, который их подписал</translation>
    </message>
    <message>
        <source>An electronic signature is invalid</source>
        <translation>Электронная подпись недействительна</translation>
    </message>
    <message>
        <source>An electronic signature was made with a key already replaced</source>
        <translation>Электронная подпись поставлена ключом, который уже заменён</translation>
    </message>
    <message>
        <source>The key-slot file opens the database for someone who is not an active user</source>
        <translation>Файл ключей открывает базу тому, кто не является активным пользователем</translation>
    </message>
    <message>
        <source>The key-slot file holds a recovery key other than the recorded one</source>
        <translation>В файле ключей другой ключ восстановления, не записанный при установке</translation>
    </message>
    <message>
        <source>The key-slot file cannot be read</source>
        <translation>Файл ключей не читается</translation>
    </message>
    <message>
        <source>Problem of an unknown kind (%1)</source>
        <translation>Проблема неизвестного вида (%1)</translation>
    </message>
    <message>
        <source>Key-slot file</source>
        <translation>Файл ключей</translation>
    </message>
    <message>
        <source>Audit trail</source>
        <translation>Журнал аудита</translation>
    </message>
    <message>
        <source>Randomization list</source>
        <translation>Список рандомизации</translation>
    </message>
    <message>
        <source>User key registry</source>
        <translation>Реестр ключей пользователей</translation>
    </message>
    <message>
        <source>field «%1»</source>
        <translation>поле «%1»</translation>
    </message>
    <message>
        <source>record %1</source>
        <translation>запись %1</translation>
    </message>
    <message>
        <source>entry %1</source>
        <translation>запись журнала %1</translation>
    </message>
    <message>
        <source>slot %1</source>
        <translation>позиция %1</translation>
    </message>
</context>
<context>
    <name>OwnPasswordDialog</name>
    <message>
        <source>Choose your own password</source>
        <translation>Задайте собственный пароль</translation>
    </message>
    <message>
        <source>Login: %1</source>
        <translation>Логин: %1</translation>
    </message>
    <message>
        <source>Save the new password</source>
        <translation>Сохранить новый пароль</translation>
    </message>
    <message>
        <source>Exit MSC Desk</source>
        <translation>Выйти из MSC Desk</translation>
    </message>
    <message>
        <source>Temporary password:</source>
        <translation>Временный пароль:</translation>
    </message>
    <message>
        <source>New password:</source>
        <translation>Новый пароль:</translation>
    </message>
    <message>
        <source>Repeat the new password:</source>
        <translation>Повторите новый пароль:</translation>
    </message>
    <message>
        <source>The two new passwords do not match.</source>
        <translation>Новые пароли не совпадают.</translation>
    </message>
</context>
<context>
    <name>PasswordResetDialog</name>
    <message>
        <source>A temporary password for %1. Give it to the user in person: at the next sign-in the user must choose their own password, and a new signing key is made. The temporary password signs nothing.</source>
        <translation>Временный пароль для %1. Передайте его пользователю лично: при следующем входе пользователь обязан задать собственный пароль, и для него будет создан новый ключ подписи. Временный пароль ничего не подписывает.</translation>
    </message>
</context>
<context>
    <name>RecoveryCodeDialog</name>
    <message>
        <source>Recovery key fingerprint (printed on the sheet, to compare): %1</source>
        <translation>Отпечаток ключа восстановления (печатается на листе для сверки): %1</translation>
    </message>
</context>
<context>
    <name>RecoverySheet</name>
    <message>
        <source>Recovery key fingerprint:</source>
        <translation>Отпечаток ключа восстановления:</translation>
    </message>
</context>
<context>
    <name>ScreeningMessages</name>
    <message>
        <source>Randomization is blocked: the laptop clock was set back. An investigator must check the time and confirm it (File → Confirm the time…, or the button in the red banner of the main window). No slot was used.</source>
        <translation>Рандомизация заблокирована: часы ноутбука переведены назад. Исследователь должен проверить и подтвердить время (Файл → Подтвердить время… или кнопка на красной плашке главного окна). Позиция списка не использована.</translation>
    </message>
    <message>
        <source>Your keys are not unlocked: first choose your own password (a password set by the administrator cannot randomize). No slot was used.</source>
        <translation>Ваши ключи не разблокированы: сначала задайте собственный пароль (с паролем, назначенным администратором, рандомизировать нельзя). Позиция списка не использована.</translation>
    </message>
    <message>
        <source>This laptop has no randomization key yet: it is made at an investigator's first sign-in. No slot was used.</source>
        <translation>На этом ноутбуке ещё нет ключа рандомизации: он создаётся при первом входе исследователя. Позиция списка не использована.</translation>
    </message>
    <message>
        <source>The randomization key has not yet been handed to you. It is handed over when an investigator (or another user who randomizes) signs in on this laptop; ask one of them to sign in, then sign in again. No slot was used.</source>
        <translation>Ключ рандомизации вам ещё не передан. Он передаётся, когда на этом ноутбуке входит исследователь (или другой пользователь с правом рандомизации): попросите его войти, затем войдите снова. Позиция списка не использована.</translation>
    </message>
    <message>
        <source>The randomization key sealed to you does not open (damaged or replaced). No slot was used; run View → Integrity check… and call the coordinating center.</source>
        <translation>Ваш ключ рандомизации не открывается (повреждён или подменён). Позиция списка не использована; запустите Вид → Проверка целостности… и позвоните в координационный центр.</translation>
    </message>
    <message>
        <source>The key registry does not let you randomize: the investigator delegates randomization (File → Randomization delegation…), effective from your next sign-in.</source>
        <translation>По реестру ключей у вас нет права рандомизации: его делегирует исследователь (Файл → Делегирование рандомизации…), право действует со следующего входа.</translation>
    </message>
    <message>
        <source>The randomization list was encrypted for another laptop's key. No slot was used; call the coordinating center.</source>
        <translation>Список рандомизации зашифрован для ключа другого ноутбука. Позиция списка не использована; позвоните в координационный центр.</translation>
    </message>
</context>
<context>
    <name>SessionGuard</name>
    <message>
        <source>&amp;Integrity check…</source>
        <translation>Проверка &amp;целостности…</translation>
    </message>
    <message>
        <source>Confirm the &amp;time…</source>
        <translation>Подтвердить &amp;время…</translation>
    </message>
    <message>
        <source>Randomization &amp;delegation…</source>
        <translation>&amp;Делегирование рандомизации…</translation>
    </message>
    <message>
        <source>Clock set back: randomization blocked</source>
        <translation>Часы переведены назад: рандомизация заблокирована</translation>
    </message>
    <message>
        <source>Integrity: problems found (%1)</source>
        <translation>Целостность: найдены проблемы (%1)</translation>
    </message>
    <message>
        <source>Open the integrity check</source>
        <translation>Открыть проверку целостности</translation>
    </message>
    <message>
        <source>Integrity check failed: %1</source>
        <translation>Проверка целостности не выполнена: %1</translation>
    </message>
    <message>
        <source>The time is confirmed.</source>
        <translation>Время подтверждено.</translation>
    </message>
    <message>
        <source>MSC Desk</source>
        <translation>MSC Desk</translation>
    </message>
</context>
<context>
    <name>SignInNotices</name>
    <message>
        <source>This is your first sign-in. The password you were given was chosen by the administrator; choose your own now. Your signature, randomizations and records will carry the key made with it.</source>
        <translation>Это ваш первый вход. Выданный вам пароль назначил администратор; задайте сейчас собственный. Ваши подписи, рандомизации и записи будут заверяться ключом, созданным с этим паролем.</translation>
    </message>
    <message>
        <source>The administrator has reset your password. Choose your own now: the temporary password signs nothing, and your new password makes you a new signing key. If you did not ask for a reset, tell the principal investigator.</source>
        <translation>Администратор сбросил ваш пароль. Задайте сейчас собственный: временный пароль ничего не подписывает, а с новым паролем будет создан ваш новый ключ подписи. Если вы не просили о сбросе, сообщите главному исследователю.</translation>
    </message>
    <message>
        <source>The recovery code has been used for your account. If it was not you, tell the principal investigator and the coordinating center.</source>
        <translation>Для вашей учётной записи использован код восстановления. Если это были не вы, сообщите главному исследователю и в координационный центр.</translation>
    </message>
</context>
<context>
    <name>UsersDialog</name>
    <message>
        <source>Only the investigator grants randomization (File → Randomization delegation…).</source>
        <translation>Право рандомизации предоставляет только исследователь (Файл → Делегирование рандомизации…).</translation>
    </message>
    <message>
        <source>%1 has a new temporary password. At the next sign-in %1 will choose their own password.</source>
        <translation>У %1 новый временный пароль. При следующем входе %1 задаст собственный пароль.</translation>
    </message>
</context>
</TS>
