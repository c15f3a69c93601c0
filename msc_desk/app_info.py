"""The application's name, its organization and its data folder, shared by the CLI and the UI."""

from __future__ import annotations

from pathlib import Path

APP_NAME = "MSC Desk"
ORGANIZATION = "NMIC Hematology"


def default_data_dir() -> Path:
    """The user's data folder (QStandardPaths.AppDataLocation), created if missing."""
    from PySide6.QtCore import QCoreApplication, QStandardPaths

    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APP_NAME)
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    path = Path(location)
    path.mkdir(parents=True, exist_ok=True)
    return path
