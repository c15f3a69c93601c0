"""PDF reports in Russian (reportlab, DejaVu Sans): drawn from plain data, no Qt, no database.

- `page`: the A4 page and its stamp (`PageStamp`, `ChainHead`, `RunningTitle`, `render_pdf`);
- `blocks`: styles, escaped paragraphs, section headings, tables that split with their header;
- `screening_log`: the screening log; `blank_forms`: the paper back-up visit forms;
- `casebook`: one patient's casebook; `summary`: the trial summary by arm;
- `figures`: the CONSORT flow and the Kaplan–Meier curves, drawn as vectors with real text;
- `progress`: the progress callable every builder takes (a step per section) and
  `ReportCancelled`, which it raises to cancel.

msc_desk.services.reports reads the data and the audit chain head and calls these builders.
"""
