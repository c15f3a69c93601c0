"""Administration → Center encryption keys…: a signed key bundle, checked on paper, then kept."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from msc_desk.models.database import SessionFactory
from msc_desk.services.actor import Actor
from msc_desk.services.export_keys import (
    CenterKeysInfo,
    ExportKeyError,
    center_keys_info,
    import_center_bundle,
    preview_center_bundle,
)
from msc_desk.services.permissions import PermissionDenied
from msc_desk.timekeeping import Clock
from msc_desk.ui.admin.center_key_dialog import fingerprint_label, fingerprint_lines
from msc_desk.ui.checked_edit import show_result


class CenterBundleDialog(QDialog):
    """Shows the center's encryption keys; a loaded bundle is kept only once confirmed."""

    def __init__(
        self, factory: SessionFactory, actor: Actor, clock: Clock, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._factory, self._actor, self._clock = factory, actor, clock
        self._pending: bytes | None = None
        self.setWindowTitle(self.tr("Center encryption keys"))
        self.operational_label = fingerprint_label(self)
        self.recovery_label = fingerprint_label(self)
        self.state_label = QLabel(self)
        self.state_label.setWordWrap(True)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.load_button = QPushButton(self.tr("Load key bundle…"), self)
        self.confirm_button = QPushButton(self.tr("Fingerprints match — use these keys"), self)
        self.close_button = QPushButton(self.tr("Close"), self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.load_button)
        buttons.addWidget(self.confirm_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.state_label)
        layout.addWidget(QLabel(self.tr("Operational key (paper fingerprint):"), self))
        layout.addWidget(self.operational_label)
        layout.addWidget(QLabel(self.tr("Recovery key (paper fingerprint):"), self))
        layout.addWidget(self.recovery_label)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.setMinimumWidth(620)
        self.load_button.clicked.connect(self._on_load)
        self.confirm_button.clicked.connect(self.confirm)
        self.close_button.clicked.connect(self.accept)
        self._show(center_keys_info(factory), pending=False)

    def _show(self, info: CenterKeysInfo | None, *, pending: bool) -> None:
        if pending:
            self.state_label.setText(self.tr(
                "Loaded bundle, signed by the trusted center key. Compare both fingerprints "
                "with the paper copy from the coordinating center before using them."
            ))  # fmt: skip
        elif info is None:
            self.state_label.setText(
                self.tr("No center keys yet: load the bundle from the center.")
            )
        else:
            self.state_label.setText(self.tr("Keys in use for exports:"))
        none = self.tr("not set")
        self.operational_label.setText(
            fingerprint_lines(info.operational_fingerprint) if info else none
        )
        self.recovery_label.setText(fingerprint_lines(info.recovery_fingerprint) if info else none)
        self.confirm_button.setEnabled(pending)

    def _on_load(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Center key bundle"), "", self.tr("Key bundles (*.json);;All files (*)")
        )
        if path:
            self.load_file(Path(path))

    def load_file(self, path: Path) -> bool:
        try:
            info = preview_center_bundle(self._factory, path.read_bytes())
        except (ExportKeyError, OSError):
            self._pending = None
            show_result(self.message, self.tr(
                "The bundle is refused: it is not signed by the trusted center key, was altered, "
                "or no center key is trusted yet."
            ), ok=False)  # fmt: skip
            self._show(center_keys_info(self._factory), pending=False)
            return False
        self._pending = path.read_bytes()
        self.message.clear()
        self._show(info, pending=True)
        return True

    def confirm(self) -> bool:
        if self._pending is None:
            return False
        try:
            import_center_bundle(self._factory, self._actor, self._pending, self._clock)
        except (ExportKeyError, PermissionDenied):
            show_result(self.message, self.tr("The keys could not be kept."), ok=False)
            return False
        self._pending = None
        show_result(self.message, self.tr("Exports are now encrypted for these keys."), ok=True)
        self._show(center_keys_info(self._factory), pending=False)
        return True
