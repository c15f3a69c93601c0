<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru" sourcelanguage="en">
  <context>
    <name>ChronologyTab</name>
    <message>
      <source>First night</source>
      <translation>Первая ночь</translation>
    </message>
    <message>
      <source>Full course</source>
      <translation>Весь курс</translation>
    </message>
  </context>
  <context>
    <name>EnrollmentChart</name>
    <message>
      <source>Randomized: %1 of %2</source>
      <translation>Рандомизировано: %1 из %2</translation>
    </message>
    <message>
      <source>target %1</source>
      <translation>цель %1</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <source>Trial &amp;dashboard…</source>
      <translation>&amp;Панель исследования…</translation>
    </message>
    <message>
      <source>Trial &amp;outcome…</source>
      <translation>&amp;Исход исследования…</translation>
    </message>
  </context>
  <context>
    <name>PatientView</name>
    <message>
      <source>Chronology</source>
      <translation>Хронология</translation>
    </message>
  </context>
  <context>
    <name>TrialDashboardWindow</name>
    <message>
      <source>Trial dashboard</source>
      <translation>Панель исследования</translation>
    </message>
    <message>
      <source>CONSORT flow</source>
      <translation>Схема CONSORT</translation>
    </message>
    <message>
      <source>Patients</source>
      <translation>Пациенты</translation>
    </message>
    <message>
      <source>Patient</source>
      <translation>Пациент</translation>
    </message>
    <message>
      <source>Visit</source>
      <translation>Визит</translation>
    </message>
    <message>
      <source>Target date</source>
      <translation>Целевая дата</translation>
    </message>
    <message>
      <source>Window closes</source>
      <translation>Окно закрывается</translation>
    </message>
    <message>
      <source>State</source>
      <translation>Состояние</translation>
    </message>
    <message>
      <source>Adverse event</source>
      <translation>Нежелательное явление</translation>
    </message>
    <message>
      <source>Onset</source>
      <translation>Начало</translation>
    </message>
    <message>
      <source>Serious</source>
      <translation>Серьёзное</translation>
    </message>
    <message>
      <source>Open queries</source>
      <translation>Открытые запросы</translation>
    </message>
    <message>
      <source>Form</source>
      <translation>Форма</translation>
    </message>
    <message>
      <source>Answered</source>
      <translation>Заполнено</translation>
    </message>
    <message>
      <source>Expected</source>
      <translation>Ожидается</translation>
    </message>
    <message>
      <source>Complete</source>
      <translation>Полнота</translation>
    </message>
    <message>
      <source>Reading…</source>
      <translation>Чтение данных…</translation>
    </message>
    <message>
      <source>Refresh</source>
      <translation>Обновить</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>Закрыть</translation>
    </message>
    <message>
      <source>Visits due (%1)</source>
      <translation>Визиты к выполнению (%1)</translation>
    </message>
    <message>
      <source>Open adverse events (%1)</source>
      <translation>Открытые НЯ (%1)</translation>
    </message>
    <message>
      <source>Open queries (%1)</source>
      <translation>Открытые запросы (%1)</translation>
    </message>
    <message>
      <source>Data completeness</source>
      <translation>Полнота данных</translation>
    </message>
    <message>
      <source>Could not read the dashboard: %1</source>
      <translation>Не удалось прочитать данные панели: %1</translation>
    </message>
    <message>
      <source>As of %1</source>
      <translation>По состоянию на %1</translation>
    </message>
    <message>
      <source>overdue</source>
      <translation>просрочен</translation>
    </message>
    <message>
      <source>due</source>
      <translation>к выполнению</translation>
    </message>
    <message>
      <source>serious</source>
      <translation>серьёзное</translation>
    </message>
    <message>
      <source>Total</source>
      <translation>Всего</translation>
    </message>
    <message>
      <source>Screened</source>
      <translation>Прошли скрининг</translation>
    </message>
    <message>
      <source>Excluded</source>
      <translation>Исключены</translation>
    </message>
    <message>
      <source>Eligible, not randomized</source>
      <translation>Подходят, не рандомизированы</translation>
    </message>
    <message>
      <source>Randomized</source>
      <translation>Рандомизированы</translation>
    </message>
    <message>
      <source>Infused</source>
      <translation>Получили инфузию</translation>
    </message>
    <message>
      <source>Alive at day 28</source>
      <translation>Живы на 28-й день</translation>
    </message>
    <message>
      <source>Died by day 28</source>
      <translation>Умерли к 28-му дню</translation>
    </message>
    <message>
      <source>Lost to follow-up</source>
      <translation>Выбыли из наблюдения</translation>
    </message>
    <message>
      <source>Still in follow-up</source>
      <translation>Ещё под наблюдением</translation>
    </message>
  </context>
  <context>
    <name>TrialOutcomeWindow</name>
    <message>
      <source>Trial outcome</source>
      <translation>Исход исследования</translation>
    </message>
    <message>
      <source>Reading…</source>
      <translation>Чтение данных…</translation>
    </message>
    <message>
      <source>Refresh</source>
      <translation>Обновить</translation>
    </message>
    <message>
      <source>Save PNG…</source>
      <translation>Сохранить PNG…</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>Закрыть</translation>
    </message>
    <message>
      <source>Randomized patients: %1</source>
      <translation>Рандомизировано пациентов: %1</translation>
    </message>
    <message>
      <source>Could not read the outcome: %1</source>
      <translation>Не удалось прочитать исходы: %1</translation>
    </message>
    <message>
      <source>Save PNG</source>
      <translation>Сохранить PNG</translation>
    </message>
    <message>
      <source>PNG image (*.png)</source>
      <translation>Изображение PNG (*.png)</translation>
    </message>
    <message>
      <source>Could not write %1</source>
      <translation>Не удалось записать %1</translation>
    </message>
  </context>
  <context>
    <name>PatientListPanel</name>
    <message>
      <source>Loading…</source>
      <translation>Загрузка…</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <source>Could not read the patient list: %1</source>
      <translation>Не удалось прочитать список пациентов: %1</translation>
    </message>
  </context>
  <context>
    <name>TrialDashboardWindow</name>
    <message>
      <source>Data completeness (counting…)</source>
      <translation>Полнота данных (подсчёт…)</translation>
    </message>
  </context>
</TS>