<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru" sourcelanguage="en">
<context>
    <name>AdministrationDialog</name>
    <message>
        <source>MSC administration: %1</source>
        <translation>Введение МСК: %1</translation>
    </message>
    <message>
        <source>ended</source>
        <translation>завершена</translation>
    </message>
    <message>
        <source>Vital signs</source>
        <translation>Показатели</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>До инфузии</translation>
    </message>
    <message>
        <source>After</source>
        <translation>После инфузии</translation>
    </message>
    <message>
        <source>Temperature, °C</source>
        <translation>Температура, °C</translation>
    </message>
    <message>
        <source>Heart rate, /min</source>
        <translation>ЧСС, уд/мин</translation>
    </message>
    <message>
        <source>MAP, mmHg</source>
        <translation>Среднее АД, мм рт. ст.</translation>
    </message>
    <message>
        <source>SpO₂, %</source>
        <translation>SpO₂, %</translation>
    </message>
    <message>
        <source>Infusion reactions</source>
        <translation>Инфузионные реакции</translation>
    </message>
    <message>
        <source>none</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>fever</source>
        <translation>лихорадка</translation>
    </message>
    <message>
        <source>chills</source>
        <translation>озноб</translation>
    </message>
    <message>
        <source>hypotension</source>
        <translation>гипотензия</translation>
    </message>
    <message>
        <source>allergic reaction</source>
        <translation>аллергическая реакция</translation>
    </message>
    <message>
        <source>other</source>
        <translation>другое</translation>
    </message>
    <message>
        <source>Describe the other reaction</source>
        <translation>Опишите другую реакцию</translation>
    </message>
    <message>
        <source>Only if the first infusion starts after 10 h</source>
        <translation>Только если первая инфузия начата позже 10 ч</translation>
    </message>
    <message>
        <source>Only if the achieved dose is outside 1–2 million/kg</source>
        <translation>Только если фактическая доза вне 1–2 млн/кг</translation>
    </message>
    <message>
        <source>Save record</source>
        <translation>Сохранить запись</translation>
    </message>
    <message>
        <source>Start (MSK):</source>
        <translation>Начало (МСК):</translation>
    </message>
    <message>
        <source>End (MSK):</source>
        <translation>Окончание (МСК):</translation>
    </message>
    <message>
        <source>Volume actually infused, mL:</source>
        <translation>Фактически введено, мл:</translation>
    </message>
    <message>
        <source>Rate, mL/h:</source>
        <translation>Скорость, мл/ч:</translation>
    </message>
    <message>
        <source>Premedication:</source>
        <translation>Премедикация:</translation>
    </message>
    <message>
        <source>Reason for a start after 10 h:</source>
        <translation>Причина начала позже 10 ч:</translation>
    </message>
    <message>
        <source>Reason for the achieved dose:</source>
        <translation>Причина отклонения дозы:</translation>
    </message>
</context>
<context>
    <name>DoseCalculatorDialog</name>
    <message>
        <source>MSC dose: patient %1</source>
        <translation>Доза МСК: пациент %1</translation>
    </message>
    <message>
        <source>measured</source>
        <translation>измерена</translation>
    </message>
    <message>
        <source>estimated</source>
        <translation>оценена</translation>
    </message>
    <message>
        <source>from the chart</source>
        <translation>из документации</translation>
    </message>
    <message>
        <source>Use the baseline weight (%1 kg)</source>
        <translation>Взять массу исходного визита (%1 кг)</translation>
    </message>
    <message>
        <source> million/kg</source>
        <translation> млн/кг</translation>
    </message>
    <message>
        <source>cells/mL, e.g. 2000000</source>
        <translation>клеток/мл, например 2000000</translation>
    </message>
    <message>
        <source>I confirm the weight outside 30–200 kg</source>
        <translation>Подтверждаю массу тела вне 30–200 кг</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Обоснование</translation>
    </message>
    <message>
        <source>I confirm a viability under the release threshold (%1 %)</source>
        <translation>Подтверждаю жизнеспособность ниже порога выпуска (%1 %)</translation>
    </message>
    <message>
        <source>Save prescription</source>
        <translation>Сохранить назначение</translation>
    </message>
    <message>
        <source>Inputs</source>
        <translation>Исходные данные</translation>
    </message>
    <message>
        <source>Infusion day:</source>
        <translation>День инфузии:</translation>
    </message>
    <message>
        <source>Weight today, kg:</source>
        <translation>Масса тела сегодня, кг:</translation>
    </message>
    <message>
        <source>Target dose:</source>
        <translation>Целевая доза:</translation>
    </message>
    <message>
        <source>Product lot:</source>
        <translation>Серия препарата:</translation>
    </message>
    <message>
        <source>Cell concentration (certificate), cells/mL:</source>
        <translation>Концентрация клеток (сертификат), клеток/мл:</translation>
    </message>
    <message>
        <source>Cell viability (certificate), %:</source>
        <translation>Жизнеспособность (сертификат), %:</translation>
    </message>
    <message>
        <source>Volume of one bag or syringe, mL:</source>
        <translation>Объём одного пакета или шприца, мл:</translation>
    </message>
    <message>
        <source>Reason for the weight:</source>
        <translation>Обоснование массы тела:</translation>
    </message>
    <message>
        <source>Reason for the viability:</source>
        <translation>Обоснование жизнеспособности:</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Расчёт</translation>
    </message>
    <message>
        <source>Viable cells needed:</source>
        <translation>Требуется жизнеспособных клеток:</translation>
    </message>
    <message>
        <source>Total cells:</source>
        <translation>Всего клеток:</translation>
    </message>
    <message>
        <source>Volume to infuse:</source>
        <translation>Объём к введению:</translation>
    </message>
    <message>
        <source>Bags or syringes:</source>
        <translation>Пакетов или шприцев:</translation>
    </message>
    <message>
        <source>%1 mL</source>
        <translation>%1 мл</translation>
    </message>
    <message>
        <source>%1: check the value.</source>
        <translation>%1: проверьте значение.</translation>
    </message>
    <message>
        <source>Tick the weight confirmation and give a reason.</source>
        <translation>Отметьте подтверждение массы тела и укажите обоснование.</translation>
    </message>
    <message>
        <source>Tick the viability confirmation and give a reason.</source>
        <translation>Отметьте подтверждение жизнеспособности и укажите обоснование.</translation>
    </message>
</context>
<context>
    <name>InfusionDeadline</name>
    <message>
        <source>10 hours since shock onset have passed: the infusion is a protocol deviation.</source>
        <translation>Прошло 10 часов от начала шока: инфузия будет отклонением от протокола.</translation>
    </message>
    <message>
        <source>Shock onset unknown: no infusion deadline.</source>
        <translation>Время начала шока неизвестно: срок инфузии не рассчитан.</translation>
    </message>
    <message>
        <source>MSC infusion: %1 left (limit %2 MSK).</source>
        <translation>Инфузия МСК: осталось %1 (срок %2 МСК).</translation>
    </message>
    <message>
        <source>Less time left than the cells need to be prepared (%1 h).</source>
        <translation>Осталось меньше, чем нужно на подготовку клеток (%1 ч).</translation>
    </message>
    <message>
        <source>Less than 2 hours left.</source>
        <translation>Осталось меньше 2 часов.</translation>
    </message>
</context>
<context>
    <name>InfusionMessages</name>
    <message>
        <source>Weight</source>
        <translation>Масса тела</translation>
    </message>
    <message>
        <source>Source of the weight</source>
        <translation>Источник массы тела</translation>
    </message>
    <message>
        <source>Target dose</source>
        <translation>Доза</translation>
    </message>
    <message>
        <source>Product lot</source>
        <translation>Серия препарата</translation>
    </message>
    <message>
        <source>Cell concentration</source>
        <translation>Концентрация клеток</translation>
    </message>
    <message>
        <source>Cell viability</source>
        <translation>Жизнеспособность клеток</translation>
    </message>
    <message>
        <source>Volume of one container</source>
        <translation>Объём одного контейнера</translation>
    </message>
    <message>
        <source>Infusion day</source>
        <translation>День инфузии</translation>
    </message>
    <message>
        <source>Reason for the weight</source>
        <translation>Обоснование массы тела</translation>
    </message>
    <message>
        <source>Reason for the viability</source>
        <translation>Обоснование жизнеспособности</translation>
    </message>
    <message>
        <source>Volume actually infused</source>
        <translation>Фактически введённый объём</translation>
    </message>
    <message>
        <source>Infusion rate</source>
        <translation>Скорость введения</translation>
    </message>
    <message>
        <source>Infusion start</source>
        <translation>Начало инфузии</translation>
    </message>
    <message>
        <source>Infusion end</source>
        <translation>Окончание инфузии</translation>
    </message>
    <message>
        <source>Reason for starting after 10 h</source>
        <translation>Причина начала позже 10 ч</translation>
    </message>
    <message>
        <source>Reason for the achieved dose</source>
        <translation>Причина отклонения дозы</translation>
    </message>
    <message>
        <source>Other reaction</source>
        <translation>Другая реакция</translation>
    </message>
    <message>
        <source>Reactions</source>
        <translation>Реакции</translation>
    </message>
    <message>
        <source>Premedication</source>
        <translation>Премедикация</translation>
    </message>
    <message>
        <source>Second person</source>
        <translation>Второй сотрудник</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Пароль</translation>
    </message>
    <message>
        <source>before</source>
        <translation>до инфузии</translation>
    </message>
    <message>
        <source>after</source>
        <translation>после инфузии</translation>
    </message>
    <message>
        <source>Temperature %1</source>
        <translation>Температура %1</translation>
    </message>
    <message>
        <source>Heart rate %1</source>
        <translation>ЧСС %1</translation>
    </message>
    <message>
        <source>MAP %1</source>
        <translation>Среднее АД %1</translation>
    </message>
    <message>
        <source>SpO₂ %1</source>
        <translation>SpO₂ %1</translation>
    </message>
    <message>
        <source>required</source>
        <translation>обязательное поле</translation>
    </message>
    <message>
        <source>outside the allowed range</source>
        <translation>вне допустимого диапазона</translation>
    </message>
    <message>
        <source>not a number</source>
        <translation>не число</translation>
    </message>
    <message>
        <source>not an allowed value</source>
        <translation>недопустимое значение</translation>
    </message>
    <message>
        <source>too long</source>
        <translation>слишком длинный текст</translation>
    </message>
    <message>
        <source>contains a forbidden character</source>
        <translation>недопустимый символ</translation>
    </message>
    <message>
        <source>too many decimal places</source>
        <translation>слишком много знаков после запятой</translation>
    </message>
    <message>
        <source>not a plausible time</source>
        <translation>неправдоподобное время</translation>
    </message>
    <message>
        <source>%1: %2.</source>
        <translation>%1: %2.</translation>
    </message>
    <message>
        <source>This patient is not in the MSC arm: there is no infusion.</source>
        <translation>Пациент не в группе МСК: инфузия не проводится.</translation>
    </message>
    <message>
        <source>The infusion record no longer exists.</source>
        <translation>Запись об инфузии больше не существует.</translation>
    </message>
    <message>
        <source>The weight is outside 30–200 kg: confirm it and give a reason.</source>
        <translation>Масса тела вне 30–200 кг: подтвердите её и укажите обоснование.</translation>
    </message>
    <message>
        <source>The viability is under the release threshold: confirm it and give a reason.</source>
        <translation>Жизнеспособность ниже порога выпуска: подтвердите и укажите обоснование.</translation>
    </message>
    <message>
        <source>This infusion day already has a prescription (at most 2.0 million/kg a day).</source>
        <translation>На этот день инфузии уже есть назначение (не более 2,0 млн/кг в сутки).</translation>
    </message>
    <message>
        <source>Target dose: from 1.0 to 2.0 million cells/kg.</source>
        <translation>Доза: от 1,0 до 2,0 млн клеток/кг.</translation>
    </message>
    <message>
        <source>Weight: a positive number of kilograms.</source>
        <translation>Масса тела: положительное число килограммов.</translation>
    </message>
    <message>
        <source>Cell concentration: a positive number of cells/mL.</source>
        <translation>Концентрация клеток: положительное число клеток/мл.</translation>
    </message>
    <message>
        <source>Cell viability: more than 0 and at most 100 %.</source>
        <translation>Жизнеспособность клеток: больше 0 и не более 100 %.</translation>
    </message>
    <message>
        <source>This account holds no signing key yet: choose your own password first.</source>
        <translation>У этой учётной записи ещё нет ключа подписи: сначала задайте собственный пароль.</translation>
    </message>
    <message>
        <source>The second person has not confirmed the infusion yet.</source>
        <translation>Второй сотрудник ещё не подтвердил инфузию.</translation>
    </message>
    <message>
        <source>This infusion is already recorded as started.</source>
        <translation>Начало этой инфузии уже записано.</translation>
    </message>
    <message>
        <source>This infusion is already confirmed by a second person.</source>
        <translation>Эта инфузия уже подтверждена вторым сотрудником.</translation>
    </message>
    <message>
        <source>The second check must be done by another person.</source>
        <translation>Вторую проверку выполняет другой сотрудник.</translation>
    </message>
    <message>
        <source>This user may not verify an infusion.</source>
        <translation>Этот пользователь не может подтверждать инфузию.</translation>
    </message>
    <message>
        <source>Wrong user name or password.</source>
        <translation>Неверный логин или пароль.</translation>
    </message>
    <message>
        <source>Too many wrong passwords: wait and try again.</source>
        <translation>Слишком много неверных паролей: подождите и повторите.</translation>
    </message>
    <message>
        <source>The first infusion starts more than 10 h after shock onset: give the reason for this protocol deviation.</source>
        <translation>Первая инфузия начата позже 10 ч от начала шока: укажите причину отклонения от протокола.</translation>
    </message>
    <message>
        <source>The achieved dose is outside 1–2 million/kg: give the reason for this deviation.</source>
        <translation>Фактическая доза вне 1–2 млн/кг: укажите причину отклонения.</translation>
    </message>
    <message>
        <source>Refused: %1</source>
        <translation>Отказ: %1</translation>
    </message>
</context>
<context>
    <name>InfusionTab</name>
    <message>
        <source>Day</source>
        <translation>День</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>Серия</translation>
    </message>
    <message>
        <source>Dose, million/kg</source>
        <translation>Доза, млн/кг</translation>
    </message>
    <message>
        <source>Volume, mL</source>
        <translation>Объём, мл</translation>
    </message>
    <message>
        <source>Second check</source>
        <translation>Вторая проверка</translation>
    </message>
    <message>
        <source>Started (MSK)</source>
        <translation>Начало (МСК)</translation>
    </message>
    <message>
        <source>Dose calculator…</source>
        <translation>Расчёт дозы…</translation>
    </message>
    <message>
        <source>Second check…</source>
        <translation>Вторая проверка…</translation>
    </message>
    <message>
        <source>Record administration…</source>
        <translation>Запись о введении…</translation>
    </message>
    <message>
        <source>Bedside sheet (PDF)</source>
        <translation>Лист инфузии (PDF)</translation>
    </message>
    <message>
        <source>done</source>
        <translation>выполнена</translation>
    </message>
    <message>
        <source>%1, day %2</source>
        <translation>%1, день %2</translation>
    </message>
    <message>
        <source>%1 adverse event(s) opened from the infusion reactions: complete them in the adverse events.</source>
        <translation>По инфузионным реакциям открыто нежелательных явлений: %1. Заполните их в разделе нежелательных явлений.</translation>
    </message>
</context>
<context>
    <name>PatientView</name>
    <message>
        <source>Infusion</source>
        <translation>Инфузия</translation>
    </message>
</context>
<context>
    <name>SecondCheckDialog</name>
    <message>
        <source>Second check before the infusion</source>
        <translation>Вторая проверка перед инфузией</translation>
    </message>
    <message>
        <source>A second nurse or investigator compares the product with the sheet and confirms with their own user name and password. The person who prepared the infusion cannot confirm it.</source>
        <translation>Вторая медсестра или исследователь сверяет препарат с листом инфузии и подтверждает своим логином и паролем. Подготовивший инфузию подтвердить её не может.</translation>
    </message>
    <message>
        <source>Patient:</source>
        <translation>Пациент:</translation>
    </message>
    <message>
        <source>Infusion day:</source>
        <translation>День инфузии:</translation>
    </message>
    <message>
        <source>Product lot:</source>
        <translation>Серия препарата:</translation>
    </message>
    <message>
        <source>Dose:</source>
        <translation>Доза:</translation>
    </message>
    <message>
        <source>%1 million viable cells/kg</source>
        <translation>%1 млн жизнеспособных клеток/кг</translation>
    </message>
    <message>
        <source>Volume:</source>
        <translation>Объём:</translation>
    </message>
    <message>
        <source>%1 mL</source>
        <translation>%1 мл</translation>
    </message>
    <message>
        <source>Second person's user name:</source>
        <translation>Логин второго сотрудника:</translation>
    </message>
    <message>
        <source>Their password:</source>
        <translation>Пароль второго сотрудника:</translation>
    </message>
    <message>
        <source>Confirm and sign</source>
        <translation>Подтвердить и подписать</translation>
    </message>
</context>
</TS>
