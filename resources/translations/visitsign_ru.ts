<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU" sourcelanguage="en">
<context>
    <name>FormSignature</name>
    <message>
        <source>Sign form…</source>
        <translation>Подписать форму…</translation>
    </message>
    <message>
        <source>Remove signature…</source>
        <translation>Снять подпись…</translation>
    </message>
    <message>
        <source>Save the form as complete first: only a recorded visit is signed.</source>
        <translation>Сначала сохраните форму как завершённую: подписывается только внесённый визит.</translation>
    </message>
    <message>
        <source>The form is locked.</source>
        <translation>Форма заблокирована.</translation>
    </message>
    <message>
        <source>Signed as part of the casebook by %1, %2 MSK. The form is locked: a change needs the signature removed with a reason.</source>
        <translation>Подписано в составе ИРК: %1, %2 МСК. Форма заблокирована: для исправления снимите подпись с указанием причины.</translation>
    </message>
    <message>
        <source>Signed by %1, %2 MSK. The form is locked: a change needs the signature removed with a reason.</source>
        <translation>Подписано: %1, %2 МСК. Форма заблокирована: для исправления снимите подпись с указанием причины.</translation>
    </message>
    <message>
        <source>The signature means: «%1»</source>
        <translation>Подпись означает: «%1»</translation>
    </message>
    <message>
        <source>The form has unsaved changes: save them before signing.</source>
        <translation>В форме есть несохранённые изменения: сохраните их перед подписью.</translation>
    </message>
</context>
<context>
    <name>FormQueries</name>
    <message>
        <source>Queries…</source>
        <translation>Запросы…</translation>
    </message>
    <message>
        <source>Query on the form…</source>
        <translation>Запрос по форме…</translation>
    </message>
    <message>
        <source>Queries (%1 open)…</source>
        <translation>Запросы (открыто: %1)…</translation>
    </message>
    <message>
        <source>Open query on the whole form:</source>
        <translation>Открытый запрос монитора по всей форме:</translation>
    </message>
    <message>
        <source>%1 · query</source>
        <translation>%1 · запрос</translation>
    </message>
    <message>
        <source>Query from %1: %2</source>
        <translation>Запрос (%1): %2</translation>
    </message>
    <message>
        <source>Query from %1: %2 — answered: %3 (awaiting the monitor)</source>
        <translation>Запрос (%1): %2 — ответ: %3 (ждёт монитора)</translation>
    </message>
    <message>
        <source>Raise a query on «%1»…</source>
        <translation>Задать запрос по полю «%1»…</translation>
    </message>
    <message>
        <source>Answer the query «%1»…</source>
        <translation>Ответить на запрос «%1»…</translation>
    </message>
    <message>
        <source>Close the query «%1»</source>
        <translation>Закрыть запрос «%1»</translation>
    </message>
    <message>
        <source>Queries are raised on a saved form</source>
        <translation>Запрос можно задать только по сохранённой форме</translation>
    </message>
    <message>
        <source>Right-click the field name to answer or close the query.</source>
        <translation>Ответить на запрос или закрыть его — правый щелчок по названию поля.</translation>
    </message>
</context>
<context>
    <name>AdverseEventsTab</name>
    <message>
        <source>The casebook is signed: adverse events are locked. An investigator removes the signature, with a reason, before any change.</source>
        <translation>ИРК подписана: нежелательные явления заблокированы. Перед любым исправлением исследователь снимает подпись с указанием причины.</translation>
    </message>
</context>
<context>
    <name>VisitScheduleModel</name>
    <message>
        <source>%1, signed</source>
        <translation>%1, подписан</translation>
    </message>
</context>
</TS>
