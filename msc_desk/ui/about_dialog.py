"""Help → About MSC Desk: version, database schema, this laptop's id, the libraries' licences."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from msc_desk.models.database import SessionFactory
from msc_desk.services.installation import installation_facts
from msc_desk.ui.labels import fill
from msc_desk.version import app_version, bundled_libraries


class AboutDialog(QDialog):
    """Read-only facts a site administrator or the center asks for on the phone."""

    def __init__(self, factory: SessionFactory, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About MSC Desk"))
        facts = installation_facts(factory)
        intro = QLabel(
            self.tr(
                "Bedside data entry for the trial NCT01849237: mesenchymal stromal cells in "
                "septic shock with severe neutropenia."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.version_label = self._value(app_version())
        schema = facts.schema_revision
        if schema != facts.schema_head:
            schema = fill(self.tr("%1 (this version's newest: %2)"), schema, facts.schema_head)
        self.schema_label = self._value(schema)
        self.device_label = self._value(
            fill(self.tr("%1 (%2)"), facts.device_uid, facts.device_name)
        )
        form = QFormLayout()
        form.addRow(self.tr("Version:"), self.version_label)
        form.addRow(self.tr("Database schema:"), self.schema_label)
        form.addRow(self.tr("Device id:"), self.device_label)

        libraries = bundled_libraries()
        self.libraries = QTableWidget(len(libraries), 3, self)
        self.libraries.setHorizontalHeaderLabels(
            [self.tr("Library"), self.tr("Version"), self.tr("Licence")]
        )
        for row, library in enumerate(libraries):
            for column, text in enumerate((library.name, library.version, library.licence)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.libraries.setItem(row, column, item)
        self.libraries.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.libraries.verticalHeader().hide()
        header = self.libraries.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Libraries included:"), self))
        layout.addWidget(self.libraries, 1)
        layout.addWidget(buttons)
        self.resize(640, 520)

    def _value(self, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label
