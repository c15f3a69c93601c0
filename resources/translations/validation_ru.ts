<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru" sourcelanguage="en">
    <context>
        <name>FieldRefusals</name>
        <message>
            <source>%1: fill in this field.</source>
            <translation>%1: заполните это поле.</translation>
        </message>
        <message>
            <source>%1: too long (at most %2 characters).</source>
            <translation>%1: слишком длинно (не более %2 символов).</translation>
        </message>
        <message>
            <source>%1: the text holds a control or invisible character (often pasted from another program). Type it again.</source>
            <translation>%1: в тексте есть управляющий или невидимый символ (обычно он попадает при вставке из другой программы). Наберите значение заново.</translation>
        </message>
        <message>
            <source>%1: this value is not allowed.</source>
            <translation>%1: недопустимое значение.</translation>
        </message>
        <message>
            <source>%1: answer yes, no or unknown.</source>
            <translation>%1: ответ — «да», «нет» или «неизвестно».</translation>
        </message>
        <message>
            <source>%1: enter a number.</source>
            <translation>%1: введите число.</translation>
        </message>
        <message>
            <source>%1: enter a finite number.</source>
            <translation>%1: введите конечное число.</translation>
        </message>
        <message>
            <source>%1: the value is outside the allowed range (limit: %2).</source>
            <translation>%1: значение вне допустимого диапазона (граница: %2).</translation>
        </message>
        <message>
            <source>%1: too many digits.</source>
            <translation>%1: слишком много цифр.</translation>
        </message>
        <message>
            <source>%1: enter a date and time.</source>
            <translation>%1: введите дату и время.</translation>
        </message>
        <message>
            <source>%1: the time has no time zone.</source>
            <translation>%1: время указано без часового пояса.</translation>
        </message>
        <message>
            <source>%1: implausible date (before 1900 or after tomorrow). Check it.</source>
            <translation>%1: неправдоподобная дата (раньше 1900 года или позже завтрашнего дня). Проверьте её.</translation>
        </message>
        <message>
            <source>The consent is marked as signed: state who signed it and when.</source>
            <translation>Согласие отмечено как подписанное: укажите, кто и когда его подписал.</translation>
        </message>
        <message>
            <source>The consent is not marked as signed, yet «%1» is filled in: clear it, or mark the consent as signed.</source>
            <translation>Согласие не отмечено как подписанное, но поле «%1» заполнено: очистите его или отметьте, что согласие подписано.</translation>
        </message>
        <message>
            <source>The consent is dated after the screening decision; it must be signed before. Check the time of signing.</source>
            <translation>Согласие датировано позже решения о включении, а подписано оно должно быть раньше. Проверьте время подписания.</translation>
        </message>
        <message>
            <source>The consent is dated more than %2 days before shock onset. Check the time of signing.</source>
            <translation>Согласие датировано более чем за %2 сут до начала шока. Проверьте время подписания.</translation>
        </message>
        <message>
            <source>Full name</source>
            <translation>ФИО</translation>
        </message>
        <message>
            <source>Medical record number</source>
            <translation>№ истории болезни</translation>
        </message>
        <message>
            <source>Representative&apos;s name</source>
            <translation>ФИО представителя</translation>
        </message>
        <message>
            <source>Consent signed</source>
            <translation>Согласие подписано</translation>
        </message>
        <message>
            <source>Signed by</source>
            <translation>Кто подписал согласие</translation>
        </message>
        <message>
            <source>Consent signed on</source>
            <translation>Дата и время подписания согласия</translation>
        </message>
        <message>
            <source>Shock onset</source>
            <translation>Начало шока</translation>
        </message>
        <message>
            <source>Shock defined by</source>
            <translation>Критерий начала шока</translation>
        </message>
        <message>
            <source>Absolute neutrophil count</source>
            <translation>Абсолютное число нейтрофилов (АЧН)</translation>
        </message>
        <message>
            <source>WBC</source>
            <translation>Лейкоциты</translation>
        </message>
        <message>
            <source>Segmented neutrophils</source>
            <translation>Сегментоядерные нейтрофилы</translation>
        </message>
        <message>
            <source>Band neutrophils</source>
            <translation>Палочкоядерные нейтрофилы</translation>
        </message>
        <message>
            <source>Age</source>
            <translation>Возраст</translation>
        </message>
        <message>
            <source>Date of birth</source>
            <translation>Дата рождения</translation>
        </message>
        <message>
            <source>Sex</source>
            <translation>Пол</translation>
        </message>
        <message>
            <source>Pregnancy</source>
            <translation>Беременность</translation>
        </message>
        <message>
            <source>Chemotherapy-resistant onco-haematological disease</source>
            <translation>Химиорезистентное онкогематологическое заболевание</translation>
        </message>
        <message>
            <source>Site code</source>
            <translation>Код центра</translation>
        </message>
        <message>
            <source>Site name</source>
            <translation>Название центра</translation>
        </message>
        <message>
            <source>Laptop name</source>
            <translation>Название ноутбука</translation>
        </message>
        <message>
            <source>Login</source>
            <translation>Логин</translation>
        </message>
        <message>
            <source>Password</source>
            <translation>Пароль</translation>
        </message>
        <message>
            <source>Role</source>
            <translation>Роль</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>Причина</translation>
        </message>
        <message>
            <source>Randomization delegated</source>
            <translation>Делегирование рандомизации</translation>
        </message>
        <message>
            <source>Meaning of the signature</source>
            <translation>Значение подписи</translation>
        </message>
        <message>
            <source>Site code: Latin letters and digits only, at most 10 (it is part of every study ID).</source>
            <translation>Код центра — только латинские буквы и цифры, не более 10 знаков (он входит в каждый номер в исследовании).</translation>
        </message>
    </context>
</TS>
