<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru" sourcelanguage="en">
<context>
    <name>AdverseEventDialog</name>
    <message>
        <source>Adverse event — %1</source>
        <translation>Нежелательное явление — %1</translation>
    </message>
    <message>
        <source>Correct adverse event — %1</source>
        <translation>Исправление нежелательного явления — %1</translation>
    </message>
    <message>
        <source>SERIOUS ADVERSE EVENT: report it within 24 hours to the sponsor and the ethics committee (expedited reporting).</source>
        <translation>СЕРЬЁЗНОЕ НЕЖЕЛАТЕЛЬНОЕ ЯВЛЕНИЕ: сообщите спонсору и в этический комитет в течение 24 часов (срочное сообщение).</translation>
    </message>
    <message>
        <source>Reason for the change:</source>
        <translation>Причина изменения:</translation>
    </message>
</context>
<context>
    <name>AdverseEventModel</name>
    <message>
        <source>Adverse event</source>
        <translation>Нежелательное явление</translation>
    </message>
    <message>
        <source>Onset</source>
        <translation>Начало</translation>
    </message>
    <message>
        <source>End</source>
        <translation>Окончание</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>Степень</translation>
    </message>
    <message>
        <source>Serious</source>
        <translation>Серьёзное</translation>
    </message>
    <message>
        <source>Relation to MSC</source>
        <translation>Связь с МСК</translation>
    </message>
    <message>
        <source>Action taken</source>
        <translation>Меры</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Исход</translation>
    </message>
    <message>
        <source>Queries</source>
        <translation>Запросы</translation>
    </message>
    <message>
        <source>no</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>SAE: %1</source>
        <translation>СНЯ: %1</translation>
    </message>
    <message>
        <source>hidden</source>
        <translation>скрыто</translation>
    </message>
    <message>
        <source>%1 open</source>
        <translation>%1 откр.</translation>
    </message>
    <message>
        <source>Serious adverse event: expedited report within 24 hours</source>
        <translation>Серьёзное нежелательное явление: срочное сообщение в течение 24 часов</translation>
    </message>
</context>
<context>
    <name>AdverseEventsTab</name>
    <message>
        <source>No adverse events recorded.</source>
        <translation>Нежелательные явления не зарегистрированы.</translation>
    </message>
    <message>
        <source>New adverse event…</source>
        <translation>Новое нежелательное явление…</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>Открыть…</translation>
    </message>
    <message>
        <source>Monitor queries…</source>
        <translation>Запросы монитора…</translation>
    </message>
    <message>
        <source>Serious adverse events: %1. Each is reported within 24 hours to the sponsor and the ethics committee (expedited reporting).</source>
        <translation>Серьёзных нежелательных явлений: %1. О каждом сообщают спонсору и в этический комитет в течение 24 часов (срочное сообщение).</translation>
    </message>
    <message>
        <source>Monitor queries (%1 open)…</source>
        <translation>Запросы монитора (открыто: %1)…</translation>
    </message>
</context>
<context>
    <name>AnswerQueryDialog</name>
    <message>
        <source>Answer a query</source>
        <translation>Ответ на запрос</translation>
    </message>
    <message>
        <source>the whole form</source>
        <translation>вся форма</translation>
    </message>
    <message>
        <source>Query (%1): %2</source>
        <translation>Запрос (%1): %2</translation>
    </message>
    <message>
        <source>Correct the value</source>
        <translation>Исправить значение</translation>
    </message>
    <message>
        <source>Answer:</source>
        <translation>Ответ:</translation>
    </message>
    <message>
        <source>New value:</source>
        <translation>Новое значение:</translation>
    </message>
    <message>
        <source>Reason for the change:</source>
        <translation>Причина изменения:</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Ответить</translation>
    </message>
</context>
<context>
    <name>FieldEditor</name>
    <message>
        <source>Yes</source>
        <translation>Да</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Нет</translation>
    </message>
</context>
<context>
    <name>FollowUpMessages</name>
    <message>
        <source>The form is signed and locked. To change it, an investigator first removes the signature with a reason (the signature is then void).</source>
        <translation>Форма подписана и заблокирована. Чтобы изменить её, исследователь сначала снимает подпись с указанием причины (подпись при этом аннулируется).</translation>
    </message>
    <message>
        <source>The record was not found.</source>
        <translation>Запись не найдена.</translation>
    </message>
    <message>
        <source>Follow-up starts at randomization: the patient is not randomized.</source>
        <translation>Наблюдение начинается с рандомизации, а пациент не рандомизирован.</translation>
    </message>
    <message>
        <source>The query is already closed.</source>
        <translation>Запрос уже закрыт.</translation>
    </message>
    <message>
        <source>The query is not answered yet: close it after the answer.</source>
        <translation>На запрос ещё не ответили: закрыть его можно после ответа.</translation>
    </message>
    <message>
        <source>%1: the date is before randomization. Check it.</source>
        <translation>%1: дата раньше рандомизации. Проверьте её.</translation>
    </message>
    <message>
        <source>%1: the end is before the onset. Check the dates.</source>
        <translation>%1: окончание раньше начала. Проверьте даты.</translation>
    </message>
    <message>
        <source>%1: the date is after the recorded death. Check it.</source>
        <translation>%1: дата позже зарегистрированной смерти. Проверьте её.</translation>
    </message>
    <message>
        <source>%1: the ICU discharge is after the hospital discharge.</source>
        <translation>%1: перевод из ОРИТ позже выписки из стационара.</translation>
    </message>
    <message>
        <source>%1: a serious event needs the criterion of seriousness.</source>
        <translation>%1: для серьёзного явления укажите критерий серьёзности.</translation>
    </message>
    <message>
        <source>%1: the event is not marked as serious: leave this empty.</source>
        <translation>%1: явление не отмечено как серьёзное — оставьте поле пустым.</translation>
    </message>
    <message>
        <source>%1: the patient is not marked as dead: leave this empty.</source>
        <translation>%1: смерть не отмечена — оставьте поле пустым.</translation>
    </message>
    <message>
        <source>%1: the patient is not marked as withdrawn: leave this empty.</source>
        <translation>%1: выбывание не отмечено — оставьте поле пустым.</translation>
    </message>
    <message>
        <source>%1: fill in this field.</source>
        <translation>%1: заполните поле.</translation>
    </message>
    <message>
        <source>%1: this value is not allowed.</source>
        <translation>%1: недопустимое значение.</translation>
    </message>
    <message>
        <source>%1: the value is outside the allowed range (limit: %2).</source>
        <translation>%1: значение вне допустимого диапазона (граница: %2).</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Ответ</translation>
    </message>
    <message>
        <source>Query text</source>
        <translation>Текст запроса</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Поле</translation>
    </message>
    <message>
        <source>Reason for the change</source>
        <translation>Причина изменения</translation>
    </message>
</context>
<context>
    <name>OutcomeTab</name>
    <message>
        <source>Reason for the change:</source>
        <translation>Причина изменения:</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Исход</translation>
    </message>
    <message>
        <source>Vital status at day 28</source>
        <translation>Жизненный статус на 28-е сутки</translation>
    </message>
    <message>
        <source>Save outcome</source>
        <translation>Сохранить исход</translation>
    </message>
    <message>
        <source>Monitor queries…</source>
        <translation>Запросы монитора…</translation>
    </message>
    <message>
        <source>Open monitor queries: %1</source>
        <translation>Открытых запросов монитора: %1</translation>
    </message>
    <message>
        <source>The casebook is signed: the outcome is locked. An investigator removes the signature, with a reason, before any change.</source>
        <translation>Карта пациента подписана, исход заблокирован. Для изменения исследователь снимает подпись с указанием причины.</translation>
    </message>
    <message>
        <source>Died by day 28 (day %1 after randomization).</source>
        <translation>Умер до 28-х суток (на %1 сут. после рандомизации).</translation>
    </message>
    <message>
        <source>Alive at day 28.</source>
        <translation>Жив на 28-е сутки.</translation>
    </message>
    <message>
        <source>Not established: censored at day %1 (last known alive).</source>
        <translation>Не установлен: цензурирован на %1 сут. (последний раз известен живым).</translation>
    </message>
    <message>
        <source>Patient status: %1</source>
        <translation>Статус пациента: %1</translation>
    </message>
    <message>
        <source>The death is dated before randomization.</source>
        <translation>Смерть датирована раньше рандомизации.</translation>
    </message>
    <message>
        <source>A discharge is dated before randomization.</source>
        <translation>Выписка или перевод датированы раньше рандомизации.</translation>
    </message>
    <message>
        <source>Vital status at day 28 not established (the day-28 window has closed): confirm it by phone, from medical records or in person.</source>
        <translation>Жизненный статус на 28-е сутки не установлен (окно визита 28-х суток закрыто): уточните его по телефону, по медицинской документации или при осмотре.</translation>
    </message>
    <message>
        <source>A visit is recorded after the date of death.</source>
        <translation>Визит зарегистрирован после даты смерти.</translation>
    </message>
    <message>
        <source>An adverse event ended in death, but no death is recorded.</source>
        <translation>Исход нежелательного явления — смерть, но смерть в исходе не зарегистрирована.</translation>
    </message>
    <message>
        <source>The outcome is saved.</source>
        <translation>Исход сохранён.</translation>
    </message>
    <message>
        <source>Monitor queries (%1 open)…</source>
        <translation>Запросы монитора (открыто: %1)…</translation>
    </message>
</context>
<context>
    <name>PatientListModel</name>
    <message>
        <source>Queries</source>
        <translation>Запросы</translation>
    </message>
    <message>
        <source>%1 open</source>
        <translation>%1 откр.</translation>
    </message>
    <message>
        <source>Monitor queries awaiting an answer or closing</source>
        <translation>Запросы монитора, ожидающие ответа или закрытия</translation>
    </message>
</context>
<context>
    <name>PatientView</name>
    <message>
        <source>Adverse events</source>
        <translation>Нежелательные явления</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Исход</translation>
    </message>
</context>
<context>
    <name>QueriesDialog</name>
    <message>
        <source>Monitor queries — %1</source>
        <translation>Запросы монитора — %1</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>Форма</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Поле</translation>
    </message>
    <message>
        <source>Query</source>
        <translation>Запрос</translation>
    </message>
    <message>
        <source>Raised</source>
        <translation>Задан</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Ответ</translation>
    </message>
    <message>
        <source>Raise query…</source>
        <translation>Задать запрос…</translation>
    </message>
    <message>
        <source>Answer…</source>
        <translation>Ответить…</translation>
    </message>
    <message>
        <source>Close query</source>
        <translation>Закрыть запрос</translation>
    </message>
    <message>
        <source>the whole form</source>
        <translation>вся форма</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>No queries.</source>
        <translation>Запросов нет.</translation>
    </message>
    <message>
        <source>open</source>
        <translation>открыт</translation>
    </message>
    <message>
        <source>answered, awaiting the monitor</source>
        <translation>есть ответ, ждёт монитора</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>закрыт</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>Визит</translation>
    </message>
    <message>
        <source>Adverse event</source>
        <translation>Нежелательное явление</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Исход</translation>
    </message>
    <message>
        <source>Choose a query in the list.</source>
        <translation>Выберите запрос в списке.</translation>
    </message>
    <message>
        <source>The query is closed.</source>
        <translation>Запрос закрыт.</translation>
    </message>
</context>
<context>
    <name>RaiseQueryDialog</name>
    <message>
        <source>New query — %1</source>
        <translation>Новый запрос — %1</translation>
    </message>
    <message>
        <source>Adverse event: %1</source>
        <translation>Нежелательное явление: %1</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Исход</translation>
    </message>
    <message>
        <source>Form:</source>
        <translation>Форма:</translation>
    </message>
    <message>
        <source>Field:</source>
        <translation>Поле:</translation>
    </message>
    <message>
        <source>Query:</source>
        <translation>Запрос:</translation>
    </message>
    <message>
        <source>Raise query</source>
        <translation>Задать запрос</translation>
    </message>
    <message>
        <source>(the whole form)</source>
        <translation>(вся форма)</translation>
    </message>
</context>
<context>
    <name>VisitScheduleModel</name>
    <message>
        <source>%1 — queries: %2</source>
        <translation>%1 — запросов: %2</translation>
    </message>
    <message>
        <source>Open monitor queries on this visit</source>
        <translation>Открытые запросы монитора по этому визиту</translation>
    </message>
</context>
<context>
    <name>VisitSignDialog</name>
    <message>
        <source>Sign %1 — %2</source>
        <translation>Подпись: %1 — %2</translation>
    </message>
    <message>
        <source>You sign the form «%1» of patient %2 as %3. The form will be locked: a later change needs the signature removed with a reason.</source>
        <translation>Вы подписываете форму «%1» пациента %2 как %3. Форма будет заблокирована: для последующего изменения подпись снимают с указанием причины.</translation>
    </message>
    <message>
        <source>I confirm that the data of this visit are accurate and complete</source>
        <translation>Подтверждаю, что данные визита достоверны и полны</translation>
    </message>
    <message>
        <source>Sign</source>
        <translation>Подписать</translation>
    </message>
    <message>
        <source>The signature means:</source>
        <translation>Подпись означает:</translation>
    </message>
    <message>
        <source>Your password:</source>
        <translation>Ваш пароль:</translation>
    </message>
    <message>
        <source>The visit is not done yet: only a completed form is signed.</source>
        <translation>Визит ещё не выполнен: подписывают только заполненную форму.</translation>
    </message>
</context>
<context>
    <name>VisitUnlockDialog</name>
    <message>
        <source>Remove signature of %1 — %2</source>
        <translation>Снятие подписи: %1 — %2</translation>
    </message>
    <message>
        <source>The signature of this form (and of the casebook, if signed) becomes void and the form opens for correction. State why.</source>
        <translation>Подпись формы (и карты пациента, если она подписана) будет аннулирована, форма откроется для исправления. Укажите причину.</translation>
    </message>
    <message>
        <source>Remove signature</source>
        <translation>Снять подпись</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>Причина:</translation>
    </message>
</context>
</TS>
