<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru" sourcelanguage="en">
<context>
    <name>AdministrationDialog</name>
    <message>
        <source>Each reaction opens an adverse event: after saving, its form opens filled in, to be completed with the grade, seriousness, action taken and outcome.</source>
        <translation>Каждая реакция открывает нежелательное явление: после сохранения откроется его форма, уже заполненная; укажите степень тяжести, серьёзность, предпринятые меры и исход.</translation>
    </message>
    <message>
        <source>Only if the achieved dose is outside 1–2 million/kg or the day exceeds 2.0</source>
        <translation>Только если фактическая доза вне 1–2 млн/кг или за день больше 2,0</translation>
    </message>
</context>
<context>
    <name>AdverseEventDialog</name>
    <message>
        <source>Complete the adverse event — %1</source>
        <translation>Заполнение нежелательного явления — %1</translation>
    </message>
    <message>
        <source>Opened with the term, onset and relation filled in. Fill in the grade, seriousness, action taken and outcome, then save; until then the event is marked «to be completed».</source>
        <translation>Термин, начало и связь с МСК уже заполнены. Укажите степень тяжести, серьёзность, предпринятые меры и исход и сохраните; до этого явление отмечено как «требует заполнения».</translation>
    </message>
</context>
<context>
    <name>AdverseEventModel</name>
    <message>
        <source>%1 — to be completed</source>
        <translation>%1 — требует заполнения</translation>
    </message>
    <message>
        <source>To be completed: open it and fill in the grade, seriousness, action taken and outcome</source>
        <translation>Требует заполнения: откройте и укажите степень тяжести, серьёзность, предпринятые меры и исход</translation>
    </message>
</context>
<context>
    <name>AdverseEventsTab</name>
    <message>
        <source>Adverse events to be completed: %1. Open each and fill in the grade, seriousness, action taken and outcome.</source>
        <translation>Нежелательные явления, требующие заполнения: %1. Откройте каждое и укажите степень тяжести, серьёзность, предпринятые меры и исход.</translation>
    </message>
</context>
<context>
    <name>FollowUpMessages</name>
    <message>
        <source>The event is already completed: correct it with a reason.</source>
        <translation>Явление уже заполнено: исправьте его с указанием причины.</translation>
    </message>
</context>
<context>
    <name>InfusionTab</name>
    <message>
        <source>%1 adverse event(s) opened from the infusion reactions are still to be completed: open them in the adverse events tab.</source>
        <translation>Нежелательные явления по инфузионным реакциям, ещё требующие заполнения: %1. Откройте их на вкладке «Нежелательные явления».</translation>
    </message>
    <message>
        <source>The adverse events of the infusion reactions are completed.</source>
        <translation>Нежелательные явления по инфузионным реакциям заполнены.</translation>
    </message>
</context>
<context>
    <name>InfusionMessages</name>
    <message>
        <source>With this prescription the day's total would exceed 2.0 million/kg: lower the dose or choose another infusion day.</source>
        <translation>С этим назначением суммарная доза за день превысит 2,0 млн/кг: уменьшите дозу или выберите другой день инфузии.</translation>
    </message>
    <message>
        <source>The achieved dose is outside 1–2 million/kg, or the day's total exceeds 2.0 million/kg: give the reason for this deviation.</source>
        <translation>Фактическая доза вне диапазона 1–2 млн/кг или суммарная доза за день больше 2,0 млн/кг: укажите причину этого отклонения.</translation>
    </message>
    <message>
        <source>Your keys were replaced after you signed in (password changed or reset): sign in again to sign.</source>
        <translation>Ваши ключи заменены после входа (пароль изменён или сброшен): войдите заново, чтобы подписать.</translation>
    </message>
    <message>
        <source>The patient's casebook is signed: an investigator removes the signature with a reason before an infusion reaction can open its adverse event.</source>
        <translation>ИРК пациента подписана: чтобы инфузионная реакция открыла нежелательное явление, исследователь сначала снимает подпись с указанием причины.</translation>
    </message>
</context>
<context>
    <name>SecondCheckDialog</name>
    <message>
        <source>Weight:</source>
        <translation>Масса тела:</translation>
    </message>
    <message>
        <source>%1 kg</source>
        <translation>%1 кг</translation>
    </message>
    <message>
        <source>Certificate:</source>
        <translation>Сертификат:</translation>
    </message>
    <message>
        <source>%1 × 10⁶ cells/mL, viability %2 %</source>
        <translation>%1 × 10⁶ клеток/мл, жизнеспособность %2 %</translation>
    </message>
</context>
<context>
    <name>IntegrityWords</name>
    <message>
        <source>An MSC infusion confirmation does not verify: the dose, lot or volume was changed after signing, or it was signed with a key other than the person's registered one</source>
        <translation>Подтверждение инфузии МСК не проходит проверку: доза, серия или объём изменены после подписи либо подпись сделана не зарегистрированным ключом этого сотрудника</translation>
    </message>
    <message>
        <source>An MSC infusion confirmation has no signature</source>
        <translation>Подтверждение инфузии МСК не подписано</translation>
    </message>
    <message>
        <source>An MSC infusion confirmation was signed with a key already replaced</source>
        <translation>Подтверждение инфузии МСК подписано ключом, который к тому времени был заменён</translation>
    </message>
    <message>
        <source>An MSC infusion is recorded as started without the second check</source>
        <translation>Инфузия МСК отмечена начатой без второй проверки</translation>
    </message>
    <message>
        <source>An adverse event is to be completed (grade, seriousness, action taken, outcome)</source>
        <translation>Нежелательное явление требует заполнения (степень тяжести, серьёзность, меры, исход)</translation>
    </message>
    <message>
        <source>One person both prepared and checked an MSC infusion</source>
        <translation>Инфузию МСК подготовил и проверил один и тот же сотрудник</translation>
    </message>
</context>
</TS>
