<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru" sourcelanguage="en">
    <context>
        <name>CenterBundleDialog</name>
        <message>
            <source>Center encryption keys</source>
            <translation>Ключи шифрования координационного центра</translation>
        </message>
        <message>
            <source>Load key bundle…</source>
            <translation>Загрузить набор ключей…</translation>
        </message>
        <message>
            <source>Fingerprints match — use these keys</source>
            <translation>Отпечатки совпадают — использовать эти ключи</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Закрыть</translation>
        </message>
        <message>
            <source>Operational key (paper fingerprint):</source>
            <translation>Рабочий ключ (отпечаток для сверки с бумажной копией):</translation>
        </message>
        <message>
            <source>Recovery key (paper fingerprint):</source>
            <translation>Резервный ключ (отпечаток для сверки с бумажной копией):</translation>
        </message>
        <message>
            <source>Loaded bundle, signed by the trusted center key. Compare both fingerprints with the paper copy from the coordinating center before using them.</source>
            <translation>Загружен набор ключей, подписанный доверенным ключом координационного центра. Прежде чем использовать его, сверьте оба отпечатка с бумажной копией, полученной из координационного центра.</translation>
        </message>
        <message>
            <source>No center keys yet: load the bundle from the center.</source>
            <translation>Ключей координационного центра пока нет: загрузите набор ключей, присланный центром.</translation>
        </message>
        <message>
            <source>Keys in use for exports:</source>
            <translation>Ключи, которыми шифруется экспорт:</translation>
        </message>
        <message>
            <source>not set</source>
            <translation>не заданы</translation>
        </message>
        <message>
            <source>Center key bundle</source>
            <translation>Набор ключей координационного центра</translation>
        </message>
        <message>
            <source>Key bundles (*.json);;All files (*)</source>
            <translation>Наборы ключей (*.json);;Все файлы (*)</translation>
        </message>
        <message>
            <source>The bundle is refused: it is not signed by the trusted center key, was altered, or no center key is trusted yet.</source>
            <translation>Набор ключей отклонён: он не подписан доверенным ключом координационного центра, был изменён, либо ключ центра ещё не задан.</translation>
        </message>
        <message>
            <source>The keys could not be kept.</source>
            <translation>Не удалось сохранить ключи.</translation>
        </message>
        <message>
            <source>Exports are now encrypted for these keys.</source>
            <translation>Теперь экспорт шифруется этими ключами.</translation>
        </message>
    </context>
    <context>
        <name>ExportDialog</name>
        <message>
            <source>Export for the coordinating center</source>
            <translation>Экспорт для координационного центра</translation>
        </message>
        <message>
            <source>Export to a folder…</source>
            <translation>Экспортировать в папку…</translation>
        </message>
        <message>
            <source>Cancel export</source>
            <translation>Отменить экспорт</translation>
        </message>
        <message>
            <source>Import receipt…</source>
            <translation>Импорт квитанции…</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Закрыть</translation>
        </message>
        <message>
            <source>Batches not yet acknowledged by the center:</source>
            <translation>Пакеты, получение которых центр ещё не подтвердил:</translation>
        </message>
        <message>
            <source>No center keys have been imported: ask the site administrator.</source>
            <translation>Ключи координационного центра не загружены: обратитесь к администратору.</translation>
        </message>
        <message>
            <source>Encrypted for the center key %1</source>
            <translation>Шифруется ключом координационного центра %1</translation>
        </message>
        <message>
            <source>Batch %1 of %2: %3</source>
            <translation>Пакет %1 от %2: %3</translation>
        </message>
        <message>
            <source>Folder for the batch</source>
            <translation>Папка для пакета</translation>
        </message>
        <message>
            <source>Exported: batch %1, %2</source>
            <translation>Экспортировано: пакет %1, %2</translation>
        </message>
        <message>
            <source>The export was cancelled; nothing was written.</source>
            <translation>Экспорт отменён, ничего не записано.</translation>
        </message>
        <message>
            <source>Export refused: free text identifies a patient. Correct it here:
%1</source>
            <translation>Экспорт невозможен: в свободном тексте есть данные, по которым можно узнать пациента. Исправьте:
%1</translation>
        </message>
        <message>
            <source>Export refused: the center keys are missing or do not verify.</source>
            <translation>Экспорт невозможен: ключи координационного центра не загружены или не прошли проверку.</translation>
        </message>
        <message>
            <source>Your role does not allow exporting.</source>
            <translation>Ваша роль не даёт права на экспорт.</translation>
        </message>
        <message>
            <source>The batch could not be written: %1</source>
            <translation>Не удалось записать пакет: %1</translation>
        </message>
        <message>
            <source>The export failed: %1</source>
            <translation>Экспорт не выполнен: %1</translation>
        </message>
        <message>
            <source>a patient's name</source>
            <translation>ФИО пациента</translation>
        </message>
        <message>
            <source>a medical record number</source>
            <translation>номер истории болезни</translation>
        </message>
        <message>
            <source>a phone number</source>
            <translation>номер телефона</translation>
        </message>
        <message>
            <source>something like a record number</source>
            <translation>похоже на номер истории болезни</translation>
        </message>
        <message>
            <source>%1, record %2, field %3: %4</source>
            <translation>%1, запись %2, поле %3: %4</translation>
        </message>
        <message>
            <source>Receipt from the center</source>
            <translation>Квитанция координационного центра</translation>
        </message>
        <message>
            <source>Receipts (*.json);;All files (*)</source>
            <translation>Квитанции (*.json);;Все файлы (*)</translation>
        </message>
        <message>
            <source>The receipt was refused: it does not verify or is not for a batch of this laptop.</source>
            <translation>Квитанция отклонена: подпись не прошла проверку или квитанция не относится к пакету этого ноутбука.</translation>
        </message>
        <message>
            <source>The center acknowledged batch %1.</source>
            <translation>Центр подтвердил получение пакета %1.</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>&amp;Export for the coordinating center…</source>
            <translation>&amp;Экспорт для координационного центра…</translation>
        </message>
        <message>
            <source>Center &amp;encryption keys…</source>
            <translation>Ключи &amp;шифрования координационного центра…</translation>
        </message>
    </context>
</TS>
