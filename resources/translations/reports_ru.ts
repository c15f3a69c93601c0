<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru" sourcelanguage="en">
    <context>
        <name>MainWindow</name>
        <message>
            <source>&amp;Reports</source>
            <translation>&amp;Отчёты</translation>
        </message>
        <message>
            <source>Screening log (PDF)…</source>
            <translation>Журнал скрининга (PDF)…</translation>
        </message>
        <message>
            <source>Trial summary (PDF)…</source>
            <translation>Сводка исследования (PDF)…</translation>
        </message>
        <message>
            <source>Blank paper forms (PDF)…</source>
            <translation>Бумажные формы визитов (PDF)…</translation>
        </message>
        <message>
            <source>Screening log</source>
            <translation>Журнал скрининга</translation>
        </message>
        <message>
            <source>Trial summary</source>
            <translation>Сводка исследования</translation>
        </message>
        <message>
            <source>Blank paper forms</source>
            <translation>Бумажные формы визитов</translation>
        </message>
        <message>
            <source>Casebook of %1</source>
            <translation>ИРК пациента %1</translation>
        </message>
        <message>
            <source>Check a printout against the audit…</source>
            <translation>Сверить распечатку с журналом аудита…</translation>
        </message>
    </context>
    <context>
        <name>SummaryTab</name>
        <message>
            <source>Print casebook…</source>
            <translation>Печать ИРК…</translation>
        </message>
    </context>
    <context>
        <name>ReportDialog</name>
        <message>
            <source>Preparing the report…</source>
            <translation>Отчёт формируется…</translation>
        </message>
        <message>
            <source>Preview</source>
            <translation>Просмотр</translation>
        </message>
        <message>
            <source>Save as…</source>
            <translation>Сохранить как…</translation>
        </message>
        <message>
            <source>The report is ready (%1 KB).</source>
            <translation>Отчёт готов (%1 КБ).</translation>
        </message>
        <message>
            <source>Your role may not print this report.</source>
            <translation>Вашей роли печать этого отчёта недоступна.</translation>
        </message>
        <message>
            <source>The patient is no longer in the database.</source>
            <translation>Пациента больше нет в базе данных.</translation>
        </message>
        <message>
            <source>The record kept changing while the report was read. Print it again.</source>
            <translation>Данные менялись во время чтения отчёта. Повторите печать.</translation>
        </message>
        <message>
            <source>The report could not be printed.</source>
            <translation>Не удалось сформировать отчёт.</translation>
        </message>
        <message>
            <source>Save report</source>
            <translation>Сохранить отчёт</translation>
        </message>
        <message>
            <source>PDF documents (*.pdf)</source>
            <translation>Документы PDF (*.pdf)</translation>
        </message>
        <message>
            <source>Could not write %1.</source>
            <translation>Не удалось записать %1.</translation>
        </message>
        <message>
            <source>Saved to %1.</source>
            <translation>Сохранено: %1.</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Отмена</translation>
        </message>
        <message>
            <source>Cancelling…</source>
            <translation>Формирование отчёта прерывается…</translation>
        </message>
        <message>
            <source>%1… (step %2 of %3)</source>
            <translation>%1… (шаг %2 из %3)</translation>
        </message>
        <message>
            <source>The report was cancelled; nothing was saved.</source>
            <translation>Формирование отчёта отменено, ничего не сохранено.</translation>
        </message>
    </context>
</TS>
