<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru" sourcelanguage="en">
<context>
    <name>FieldRow</name>
    <message>
        <source>tartrate (mg halved)</source>
        <translation>тартрат (мг делятся на 2)</translation>
    </message>
    <message>
        <source>Confirm the value</source>
        <translation>Подтверждаю значение</translation>
    </message>
    <message>
        <source>— reason missing —</source>
        <translation>— причина отсутствия —</translation>
    </message>
    <message>
        <source>Why (other)</source>
        <translation>Причина (другое)</translation>
    </message>
    <message>
        <source>drug, mg</source>
        <translation>препарат, мг</translation>
    </message>
    <message>
        <source>syringe, mL</source>
        <translation>шприц, мл</translation>
    </message>
    <message>
        <source>weight, kg</source>
        <translation>масса, кг</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Да</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Нет</translation>
    </message>
    <message>
        <source>Unit as the laboratory printed it; converted on entry</source>
        <translation>Единица, в которой дан результат; пересчитывается при вводе</translation>
    </message>
</context>
<context>
    <name>PatientView</name>
    <message>
        <source>Visits</source>
        <translation>Визиты</translation>
    </message>
    </context>
<context>
    <name>SofaPanel</name>
    <message>
        <source>Respiration</source>
        <translation>Дыхание</translation>
    </message>
    <message>
        <source>Coagulation</source>
        <translation>Коагуляция</translation>
    </message>
    <message>
        <source>Liver</source>
        <translation>Печень</translation>
    </message>
    <message>
        <source>Cardiovascular</source>
        <translation>Сердечно-сосудистая система</translation>
    </message>
    <message>
        <source>Central nervous system</source>
        <translation>ЦНС</translation>
    </message>
    <message>
        <source>Kidneys</source>
        <translation>Почки</translation>
    </message>
    <message>
        <source>Computed from the form; never typed.</source>
        <translation>Рассчитывается по данным формы, вручную не вводится.</translation>
    </message>
    <message>
        <source>SOFA: %1</source>
        <translation>SOFA: %1</translation>
    </message>
    <message>
        <source>SOFA: incomplete (%1 from the organs scored)</source>
        <translation>SOFA: неполная (%1 по оценённым системам)</translation>
    </message>
    <message>
        <source>points: %1</source>
        <translation>баллы: %1</translation>
    </message>
    <message>
        <source>missing: %1</source>
        <translation>нет данных: %1</translation>
    </message>
</context>
<context>
    <name>VisitFormDialog</name>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Reason for changing saved values</source>
        <translation>Причина изменения сохранённых данных</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Сохранить</translation>
    </message>
    <message>
        <source>Save as complete</source>
        <translation>Сохранить как завершённый</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <source>Computed, never typed</source>
        <translation>Рассчитывается, не вводится</translation>
    </message>
    <message>
        <source>Performed at</source>
        <translation>Время визита</translation>
    </message>
    <message>
        <source>Enter when the visit was performed.</source>
        <translation>Укажите время визита.</translation>
    </message>
    <message>
        <source>A saved value changed: give the reason for the change.</source>
        <translation>Изменено сохранённое значение: укажите причину изменения.</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Не сохранено: %1</translation>
    </message>
    <message>
        <source>Impossible values, not saved: %1</source>
        <translation>Недопустимые значения, форма не сохранена: %1</translation>
    </message>
    <message>
        <source>Confirm the unusual values: %1</source>
        <translation>Подтвердите необычные значения: %1</translation>
    </message>
    <message>
        <source>Give a reason for each empty field: %1</source>
        <translation>Укажите причину для каждого незаполненного поля: %1</translation>
    </message>
</context>
<context>
    <name>VisitMessages</name>
    <message>
        <source>Impossible value: allowed %1–%2 %3</source>
        <translation>Недопустимое значение: допустимо %1–%2 %3</translation>
    </message>
    <message>
        <source>Unusual value (expected %1–%2 %3): confirm it</source>
        <translation>Необычное значение (ожидается %1–%2 %3): подтвердите</translation>
    </message>
    <message>
        <source>Enter a number</source>
        <translation>Введите число</translation>
    </message>
    <message>
        <source>Enter a whole number</source>
        <translation>Введите целое число</translation>
    </message>
    <message>
        <source>Choose from the list</source>
        <translation>Выберите из списка</translation>
    </message>
    <message>
        <source>Choose yes or no</source>
        <translation>Выберите «да» или «нет»</translation>
    </message>
    <message>
        <source>The text is too long</source>
        <translation>Слишком длинный текст</translation>
    </message>
    <message>
        <source>The text holds characters that cannot be saved</source>
        <translation>Текст содержит недопустимые символы</translation>
    </message>
    <message>
        <source>Enter a date</source>
        <translation>Введите дату</translation>
    </message>
    <message>
        <source>Enter the date and the time</source>
        <translation>Введите дату и время</translation>
    </message>
    <message>
        <source>The date is too early</source>
        <translation>Слишком ранняя дата</translation>
    </message>
    <message>
        <source>The date is in the future</source>
        <translation>Дата в будущем</translation>
    </message>
    <message>
        <source>Computed by the program, not typed</source>
        <translation>Рассчитывается программой, не вводится</translation>
    </message>
    <message>
        <source>Cannot convert: check %4</source>
        <translation>Не удаётся пересчитать: проверьте %4</translation>
    </message>
    <message>
        <source>Choose a reason from the list</source>
        <translation>Выберите причину из списка</translation>
    </message>
    <message>
        <source>Say why the value is missing</source>
        <translation>Укажите, почему нет значения</translation>
    </message>
    <message>
        <source>The reason holds characters that cannot be saved</source>
        <translation>Причина содержит недопустимые символы</translation>
    </message>
    <message>
        <source>This field is not on this visit</source>
        <translation>Этого поля нет в данном визите</translation>
    </message>
    <message>
        <source>the drug amount, mg</source>
        <translation>количество препарата, мг</translation>
    </message>
    <message>
        <source>the syringe volume, mL</source>
        <translation>объём шприца, мл</translation>
    </message>
    <message>
        <source>the body weight, kg</source>
        <translation>массу тела, кг</translation>
    </message>
    <message>
        <source>the value</source>
        <translation>значение</translation>
    </message>
    <message>
        <source>the tartrate mark</source>
        <translation>отметку о тартрате</translation>
    </message>
    <message>
        <source>the value (21–100 %)</source>
        <translation>значение (21–100 %)</translation>
    </message>
    <message>
        <source>the rate</source>
        <translation>скорость</translation>
    </message>
    <message>
        <source>The visit is outside its window: a protocol deviation.</source>
        <translation>Визит вне окна: отклонение от протокола.</translation>
    </message>
    <message>
        <source>The visit is dated after the recorded death.</source>
        <translation>Дата визита позже зарегистрированной смерти.</translation>
    </message>
    <message>
        <source>The recorded discharge precedes randomization.</source>
        <translation>Выписка зарегистрирована раньше рандомизации.</translation>
    </message>
    <message>
        <source>Vital status at day 28 is not established.</source>
        <translation>Жизненный статус на 28-й день не установлен.</translation>
    </message>
    <message>
        <source>On vasopressors, but no vasopressor dose is entered.</source>
        <translation>Отмечены вазопрессоры, но доза не указана.</translation>
    </message>
    <message>
        <source>The sex differs from the one recorded at screening.</source>
        <translation>Пол не совпадает с указанным при скрининге.</translation>
    </message>
    <message>
        <source>Empty: choose why the value is missing</source>
        <translation>Не заполнено: выберите причину отсутствия значения</translation>
    </message>
</context>
<context>
    <name>VisitsTab</name>
    <message>
        <source>Double-click a visit or press Enter to open its form.</source>
        <translation>Дважды щёлкните визит или нажмите Enter, чтобы открыть форму.</translation>
    </message>
    <message>
        <source>Visits are scheduled at randomization.</source>
        <translation>Визиты назначаются при рандомизации.</translation>
    </message>
</context>
</TS>
