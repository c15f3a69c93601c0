<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About MSC Desk</source>
        <translation>О программе MSC Desk</translation>
    </message>
    <message>
        <source>Bedside data entry for the trial NCT01849237: mesenchymal stromal cells in septic shock with severe neutropenia.</source>
        <translation>Ввод данных у постели больного в исследовании NCT01849237: мезенхимальные стромальные клетки при септическом шоке на фоне тяжёлой нейтропении.</translation>
    </message>
    <message>
        <source>%1 (this version&apos;s newest: %2)</source>
        <translation>%1 (последняя для этой версии: %2)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Version:</source>
        <translation>Версия:</translation>
    </message>
    <message>
        <source>Database schema:</source>
        <translation>Схема базы данных:</translation>
    </message>
    <message>
        <source>Device id:</source>
        <translation>Идентификатор устройства:</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>Библиотека</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Версия</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>Лицензия</translation>
    </message>
    <message>
        <source>Libraries included:</source>
        <translation>Входящие в состав библиотеки:</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>MSC Desk %1 — %2</source>
        <translation>MSC Desk %1 — %2</translation>
    </message>
</context>
<context>
    <name>SignIn</name>
    <message>
        <source>This database was saved by a newer version of MSC Desk (schema %1), and this version (%2) cannot open it. Nothing has been changed. Install the newer version of MSC Desk on this laptop.</source>
        <translation>База данных сохранена более новой версией MSC Desk (схема %1), эта версия (%2) открыть её не может. Данные не изменены. Установите на этот ноутбук новую версию MSC Desk.</translation>
    </message>
    <message>
        <source>The database cannot be opened: %1. Nothing has been changed; tell the site administrator.</source>
        <translation>Не удаётся открыть базу данных: %1. Данные не изменены; сообщите администратору центра.</translation>
    </message>
</context>
</TS>
