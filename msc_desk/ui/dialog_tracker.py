"""The dialogs a window has open: the lock closes them all and gives some back to the same user."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QApplication, QDialog, QWidget

Reopen = Callable[[], QDialog]


class DialogTracker(QObject):
    """Opens a window's dialogs (deleted on close) and closes every one of them for the lock.

    A child of the window, holding no reference to it (the window is deleted with its children).
    """

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._reopeners: dict[QDialog, Reopen] = {}

    def show(self, dialog: QDialog, reopen: Reopen | None = None) -> QDialog:
        """Open `dialog` window-modal; `reopen` opens it again, read afresh, after an unlock."""
        if reopen is not None:
            self._reopeners[dialog] = reopen
            dialog.destroyed.connect(lambda: self._reopeners.pop(dialog, None))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def close_all(self) -> list[Reopen]:
        """Close every visible dialog and message box of the window, and any open popup menu.

        Returns:
            how to open again those the same user gets back after unlocking.
        """
        reopen = []
        popup = QApplication.activePopupWidget()
        if popup is not None:
            popup.close()
        # Children before parents, so that each dialog's own exec() loop ends first.
        window = self.parent()
        assert window is not None
        for dialog in reversed(window.findChildren(QDialog)):
            if not dialog.isVisible():
                continue
            if dialog in self._reopeners:
                reopen.append(self._reopeners.pop(dialog))
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.done(QDialog.DialogCode.Rejected)
            dialog.close()
        return reopen
