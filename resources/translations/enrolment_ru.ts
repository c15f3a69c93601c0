<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru" sourcelanguage="en">
    <context>
        <name>DeviceKeyDialog</name>
        <message>
            <source>Enrolment file for the coordinating center</source>
            <translation>Файл регистрации ноутбука в координационном центре</translation>
        </message>
        <message>
            <source>The coordinating center accepts this laptop's export batches only after it has enrolled the laptop from this file. Save it to a USB stick or attach it to an e-mail, and give the center the key fingerprint shown after saving on paper or by telephone: the center compares the two before enrolling.</source>
            <translation>Координационный центр принимает выгрузки с этого ноутбука только после того, как зарегистрирует его по этому файлу. Сохраните файл на флешку или приложите к письму, а отпечаток ключа, который появится после сохранения, передайте в центр на бумаге или продиктуйте по телефону: центр сверит их перед регистрацией.</translation>
        </message>
        <message>
            <source>Device key fingerprint (for the center):</source>
            <translation>Отпечаток ключа ноутбука (для центра):</translation>
        </message>
        <message>
            <source>Save the file…</source>
            <translation>Сохранить файл…</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Закрыть</translation>
        </message>
        <message>
            <source>Save the enrolment file</source>
            <translation>Сохранение файла регистрации</translation>
        </message>
        <message>
            <source>Enrolment files (*.json);;All files (*)</source>
            <translation>Файлы регистрации (*.json);;Все файлы (*)</translation>
        </message>
        <message>
            <source>A file with this name already exists: choose another name.</source>
            <translation>Файл с таким именем уже есть: выберите другое имя.</translation>
        </message>
        <message>
            <source>This laptop cannot be enrolled yet: it has no site record or no user keys. Finish the first set-up, then try again.</source>
            <translation>Этот ноутбук пока нельзя зарегистрировать: нет данных центра или ключей пользователей. Завершите первоначальную настройку и повторите.</translation>
        </message>
        <message>
            <source>The file could not be written: %1</source>
            <translation>Не удалось записать файл: %1</translation>
        </message>
        <message>
            <source>Laptop (device): %1</source>
            <translation>Ноутбук (устройство): %1</translation>
        </message>
        <message>
            <source>User key registry fingerprint: %1</source>
            <translation>Отпечаток реестра ключей пользователей: %1</translation>
        </message>
        <message>
            <source>Saved: %1</source>
            <translation>Сохранено: %1</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>Laptop &amp;enrolment file for the center…</source>
            <translation>Файл &amp;регистрации ноутбука для центра…</translation>
        </message>
    </context>
</TS>
