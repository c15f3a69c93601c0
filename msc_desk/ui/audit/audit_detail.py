"""The whole of one audit entry: reason, old and new value, and the technical ids."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QTextBrowser, QWidget

from msc_desk.services.audit_review import AuditRow
from msc_desk.ui.audit.audit_model import new_text, old_text
from msc_desk.ui.audit.audit_text import (
    action_label,
    field_title,
    moscow_stamp,
    role_text,
    table_title,
)


class AuditDetail(QTextBrowser):
    """Read-only, selectable text of the selected entry; empty when nothing is selected."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setPlaceholderText(self.tr("Select an entry to see it in full."))

    def show_row(self, row: AuditRow | None, study_id: str = "") -> None:
        if row is None:
            self.clear()
            return
        technical = self.tr("technical: %1")

        def with_code(words: str, code: str | None) -> str:
            if not code or words == code:
                return escape(words)
            note = technical.replace("%1", code)
            return f"{escape(words)} <span style='color:gray'>({escape(note)})</span>"

        lines = [
            (self.tr("Entry No."), escape(str(row.id))),
            (self.tr("Time"), escape(f"{moscow_stamp(row.at)}  ·  UTC {row.at.isoformat()}")),
            (self.tr("User"), escape(f"{row.username or ''} ({role_text(row.role)})")),
            (self.tr("Action"), with_code(action_label(row.action), row.action)),
            (self.tr("Form"), with_code(table_title(row.table_name), row.table_name)),
            (self.tr("Patient"), escape(study_id)),
            (self.tr("Field"), with_code(field_title(row.table_name, row.field), row.field)),
            (self.tr("Old value"), with_code(old_text(row), row.old_value)),
            (self.tr("New value"), with_code(new_text(row), row.new_value)),
            (self.tr("Reason"), escape(row.reason or "")),
            (self.tr("Record"), escape(row.record_id or "")),
            (self.tr("Device"), escape(row.device or "")),
            (self.tr("Entry hash"), f"<code>{escape(row.entry_hash)}</code>"),
        ]
        cells = "".join(
            f"<tr><td style='padding-right:12px'><b>{escape(title)}</b></td><td>{value}</td></tr>"
            for title, value in lines
        )
        self.setHtml(f"<table>{cells}</table>")
