<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru" sourcelanguage="en">
    <context>
        <name>KaplanMeierView</name>
        <message>
            <source>Survival to day 28 (Kaplan–Meier)</source>
            <translation>Выживаемость до 28-х суток (Каплан–Майер)</translation>
        </message>
        <message>
            <source>No randomized patients</source>
            <translation>Нет рандомизированных пациентов</translation>
        </message>
        <message>
            <source>Days since randomization</source>
            <translation>Сутки после рандомизации</translation>
        </message>
        <message>
            <source>Survival, %</source>
            <translation>Выживаемость, %</translation>
        </message>
        <message>
            <source>Number at risk</source>
            <translation>Число пациентов под наблюдением</translation>
        </message>
        <message>
            <source>%1 (n = %2)</source>
            <translation>%1 (n = %2)</translation>
        </message>
        <message>
            <source>Log-rank test:</source>
            <translation>Лог-ранговый критерий:</translation>
        </message>
        <message>
            <source>Fisher's exact test, day 28:</source>
            <translation>Точный критерий Фишера, 28-е сутки:</translation>
        </message>
        <message>
            <source>Shading: 95% CI (log-log)</source>
            <translation>Заливка: 95% ДИ (log-log)</translation>
        </message>
        <message>
            <source>Vertical tick: censored</source>
            <translation>Вертикальный штрих: цензурирование</translation>
        </message>
        <message>
            <source>Died by day 28: %1 of %2 (%3%)</source>
            <translation>Умерли к 28-м суткам: %1 из %2 (%3%)</translation>
        </message>
        <message>
            <source>Died by day 28: no patient with a known outcome</source>
            <translation>Умерли к 28-м суткам: исход не известен ни у одного пациента</translation>
        </message>
        <message>
            <source>Censored before day 28 (status not yet known): %1</source>
            <translation>Цензурированы до 28-х суток (статус пока неизвестен): %1</translation>
        </message>
        <message>
            <source>not computed</source>
            <translation>не рассчитывается</translation>
        </message>
        <message>
            <source>p &lt; %1</source>
            <translation>p &lt; %1</translation>
        </message>
        <message>
            <source>p = %1</source>
            <translation>p = %1</translation>
        </message>
        <message>
            <source>Day %1</source>
            <translation>Сутки %1</translation>
        </message>
        <message>
            <source>%1: survival %2% (95% CI %3–%4%), at risk %5</source>
            <translation>%1: выживаемость %2% (95% ДИ %3–%4%), под наблюдением: %5</translation>
        </message>
        <message>
            <source>%1: survival %2%, at risk %3</source>
            <translation>%1: выживаемость %2%, под наблюдением: %3</translation>
        </message>
    </context>
    <context>
        <name>TimelinePainting</name>
        <message>
            <source>No patient chosen</source>
            <translation>Пациент не выбран</translation>
        </message>
        <message>
            <source>Shown: %1 – %2</source>
            <translation>Показано: %1 – %2</translation>
        </message>
        <message>
            <source>+/− zoom, ←/→ move, Home: whole course</source>
            <translation>+/− масштаб, ←/→ сдвиг, Home — весь период</translation>
        </message>
        <message>
            <source>serious adverse event</source>
            <translation>серьёзное нежелательное явление</translation>
        </message>
        <message>
            <source>Events</source>
            <translation>События</translation>
        </message>
        <message>
            <source>Visits</source>
            <translation>Визиты</translation>
        </message>
        <message>
            <source>Adverse events</source>
            <translation>Нежелательные явления</translation>
        </message>
        <message>
            <source>Ventilation</source>
            <translation>ИВЛ</translation>
        </message>
        <message>
            <source>Vasopressors</source>
            <translation>Вазопрессоры</translation>
        </message>
        <message>
            <source>Renal replacement</source>
            <translation>Заместительная почечная терапия</translation>
        </message>
        <message>
            <source>10 h from shock onset</source>
            <translation>10 ч от начала шока</translation>
        </message>
        <message>
            <source>10 hours from shock onset: until %1</source>
            <translation>10 часов от начала шока: до %1</translation>
        </message>
        <message>
            <source>day %1</source>
            <translation>сут. %1</translation>
        </message>
        <message>
            <source>from %1, ongoing</source>
            <translation>с %1, продолжается</translation>
        </message>
        <message>
            <source>Serious adverse event</source>
            <translation>Серьёзное нежелательное явление</translation>
        </message>
        <message>
            <source>Window: %1</source>
            <translation>Окно визита: %1</translation>
        </message>
        <message>
            <source>Recorded: %1</source>
            <translation>Внесён: %1</translation>
        </message>
        <message>
            <source>Click to open the form</source>
            <translation>Щёлкните, чтобы открыть форму</translation>
        </message>
        <message>
            <source>Shock onset</source>
            <translation>Начало шока</translation>
        </message>
        <message>
            <source>Screening</source>
            <translation>Скрининг</translation>
        </message>
        <message>
            <source>Randomization</source>
            <translation>Рандомизация</translation>
        </message>
        <message>
            <source>MSC infusion</source>
            <translation>Введение МСК</translation>
        </message>
        <message>
            <source>MSC infusion: %1</source>
            <translation>Введение МСК: %1</translation>
        </message>
        <message>
            <source>Death</source>
            <translation>Смерть</translation>
        </message>
        <message>
            <source>Discharge</source>
            <translation>Выписка</translation>
        </message>
        <message>
            <source>Now</source>
            <translation>Сейчас</translation>
        </message>
    </context>
    <context>
        <name>TrendsView</name>
        <message>
            <source>SOFA total</source>
            <translation>SOFA, сумма</translation>
        </message>
        <message>
            <source>SOFA: respiration</source>
            <translation>SOFA: дыхание</translation>
        </message>
        <message>
            <source>SOFA: coagulation</source>
            <translation>SOFA: коагуляция</translation>
        </message>
        <message>
            <source>SOFA: liver</source>
            <translation>SOFA: печень</translation>
        </message>
        <message>
            <source>SOFA: cardiovascular</source>
            <translation>SOFA: кровообращение</translation>
        </message>
        <message>
            <source>SOFA: CNS</source>
            <translation>SOFA: ЦНС</translation>
        </message>
        <message>
            <source>SOFA: renal</source>
            <translation>SOFA: почки</translation>
        </message>
        <message>
            <source>IL-6</source>
            <translation>ИЛ-6</translation>
        </message>
        <message>
            <source>IL-10</source>
            <translation>ИЛ-10</translation>
        </message>
        <message>
            <source>Procalcitonin</source>
            <translation>Прокальцитонин</translation>
        </message>
        <message>
            <source>CRP</source>
            <translation>СРБ</translation>
        </message>
        <message>
            <source>Lactate</source>
            <translation>Лактат</translation>
        </message>
        <message>
            <source>Neutrophils</source>
            <translation>Нейтрофилы</translation>
        </message>
        <message>
            <source>Platelets</source>
            <translation>Тромбоциты</translation>
        </message>
        <message>
            <source>points</source>
            <translation>баллы</translation>
        </message>
        <message>
            <source>%1, %2</source>
            <translation>%1, %2</translation>
        </message>
        <message>
            <source>No visit data yet</source>
            <translation>Данных визитов пока нет</translation>
        </message>
        <message>
            <source>not measured</source>
            <translation>не измерялось</translation>
        </message>
        <message>
            <source>%1
Day %2: not measured</source>
            <translation>%1
Сутки %2: не измерялось</translation>
        </message>
        <message>
            <source>%1
Day %2: %3</source>
            <translation>%1
Сутки %2: %3</translation>
        </message>
    </context>
</TS>
