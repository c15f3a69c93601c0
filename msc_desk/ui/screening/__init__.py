"""The screening wizard, its protocol clock and the screening log."""

from msc_desk.ui.screening.context import ScreeningContext
from msc_desk.ui.screening.log_dialog import ScreeningLogDialog
from msc_desk.ui.screening.wizard import ScreeningWizard

__all__ = ["ScreeningContext", "ScreeningLogDialog", "ScreeningWizard"]
