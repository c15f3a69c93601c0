<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru" sourcelanguage="en">
    <context>
        <name>PatientView</name>
        <message>
            <source>Loading…</source>
            <translation>Загрузка…</translation>
        </message>
        <message>
            <source>Could not read the patient's data: %1</source>
            <translation>Не удалось загрузить данные пациента: %1</translation>
        </message>
    </context>
</TS>
