"""The printable recovery sheet: the code, the site, the date, and where the envelope is kept."""

from __future__ import annotations

from datetime import datetime
from html import escape
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

from msc_desk.ui.labels import fill, format_moscow


def recovery_sheet_html(
    code: str, site_name: str, created_at: datetime, fingerprint: str = ""
) -> str:
    """The sheet as HTML (for QTextDocument): what the code is, and how to keep it.

    `fingerprint` is the recovery key's fingerprint pinned in the database: compared on paper
    with the one the integrity check reports, it shows the recovery key was not replaced.
    """
    rows: tuple[tuple[str, str], ...] = (
        (QCoreApplication.translate("RecoverySheet", "Site:"), site_name),
        (
            QCoreApplication.translate("RecoverySheet", "Created:"),
            fill(QCoreApplication.translate("RecoverySheet", "%1 MSK"), format_moscow(created_at)),
        ),
        (QCoreApplication.translate("RecoverySheet", "Trial:"), "NCT01849237"),
    )
    if fingerprint:
        rows += (
            (
                QCoreApplication.translate("RecoverySheet", "Recovery key fingerprint:"),
                fingerprint_groups(fingerprint),
            ),
        )
    table = "".join(
        f"<tr><td style='padding-right:12px'><b>{escape(k)}</b></td><td>{escape(v)}</td></tr>"
        for k, v in rows
    )
    steps = (
        QCoreApplication.translate(
            "RecoverySheet",
            "Seal this sheet in an envelope, sign across the flap and write the date on it.",
        ),
        QCoreApplication.translate(
            "RecoverySheet",
            "Give the envelope to the principal investigator, who keeps it in a locked place,"
            " away from the laptop.",
        ),
        QCoreApplication.translate(
            "RecoverySheet",
            "Do not photograph the code, and do not keep it in a file or in a message.",
        ),
        QCoreApplication.translate(
            "RecoverySheet",
            "The code is used only when every administrator's password is forgotten; after it"
            " is used, a new code is issued and this sheet is destroyed.",
        ),
    )
    items = "".join(f"<li>{escape(step)}</li>" for step in steps)
    title = escape(QCoreApplication.translate("RecoverySheet", "MSC Desk: database recovery code"))
    warning = escape(
        QCoreApplication.translate(
            "RecoverySheet",
            "This code opens the encrypted study database of this site if every password is"
            " forgotten. Whoever holds it can read all the data: keep it as you keep the"
            " identification log.",
        )
    )
    where = escape(QCoreApplication.translate("RecoverySheet", "Where to keep it"))
    return (
        f"<h2>{title}</h2><table>{table}</table><p>{warning}</p>"
        f"<p style='font-family:monospace; font-size:20pt; font-weight:bold;"
        f" text-align:center; border:1px solid black; padding:12px'>{escape(code)}</p>"
        f"<h3>{where}</h3><ol>{items}</ol>"
    )


def fingerprint_groups(fingerprint: str) -> str:
    """The fingerprint in groups of 4 characters, easier to compare by eye."""
    text = fingerprint.replace(" ", "").upper()
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def recovery_sheet(
    code: str, site_name: str, created_at: datetime, fingerprint: str = ""
) -> QTextDocument:
    """The sheet as a document, ready to print or to write as PDF."""
    document = QTextDocument()
    document.setHtml(recovery_sheet_html(code, site_name, created_at, fingerprint))
    return document


def write_pdf(document: QTextDocument, path: Path) -> None:
    """Write the sheet as an A4 PDF file."""
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(20, 20, 20, 20), QPageLayout.Unit.Millimeter)
    writer.setTitle(QCoreApplication.translate("RecoverySheet", "MSC Desk: database recovery code"))
    document.print_(writer)


def print_sheet(document: QTextDocument, parent: QWidget | None = None) -> bool:
    """Ask for a printer (or «print to PDF» file) and print the sheet; False if cancelled."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(QCoreApplication.translate("RecoverySheet", "Print the recovery code"))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    document.print_(printer)
    return True
