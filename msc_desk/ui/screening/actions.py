"""The wizard's calls into the services: preview the study id, save, randomize (once each)."""

from __future__ import annotations

from sqlalchemy.exc import SQLAlchemyError

from msc_desk.services import allocation
from msc_desk.services.allocation import RandomizationResult
from msc_desk.services.permissions import Action, is_allowed
from msc_desk.services.screening import (
    SavedScreening,
    ScreeningInput,
    preview_study_id,
    save_screening,
)
from msc_desk.ui.screening.context import ScreeningContext


class ScreeningActions:
    """Holds what has been saved and revealed, so that nothing is saved or revealed twice.

    Attributes:
        saved: the saved screening, once saved.
        randomized: the revealed allocation, once randomized.
    """

    def __init__(self, context: ScreeningContext) -> None:
        self._context = context
        self.saved: SavedScreening | None = None
        self.randomized: RandomizationResult | None = None

    def may_randomize(self) -> bool:
        """Whether the signed-in user may randomize (investigator or delegated nurse)."""
        return is_allowed(self._context.actor, Action.RANDOMIZE)

    def preview_study_id(self) -> str | None:
        """The study id the next saved patient should get (None when the site is unknown).

        Only a preview: the id is issued inside the transaction that saves the patient.
        """
        try:
            return preview_study_id(self._context.factory, self._context.actor)
        except (SQLAlchemyError, ValueError):
            return None

    def save(self, screening_input: ScreeningInput) -> SavedScreening:
        """Save the screening with the decision taken now; a second call returns the first save.

        Raises:
            PermissionDenied, InvalidInput, ScreeningError, SQLAlchemyError: from the service.
        """
        if self.saved is None:
            context = self._context
            self.saved = save_screening(
                context.factory, context.actor, screening_input, context.clock
            )
        return self.saved

    def randomize(self) -> RandomizationResult:
        """Reveal the next slot for the saved patient (the service re-checks eligibility now).

        Raises:
            RuntimeError: nothing saved yet.
            PermissionDenied, RandomizationError, SQLAlchemyError: from the service; the saved
                patient stays saved and a retry is possible.
        """
        if self.saved is None:
            raise RuntimeError("save the screening before randomizing")
        if self.randomized is None:
            context = self._context
            self.randomized = allocation.randomize(
                context.factory,
                context.actor,
                self.saved.patient_id,
                clock=context.clock,
            )
        return self.randomized

    def remaining_slots(self) -> int | None:
        """How many allocation slots are left on this laptop (None when it cannot be read)."""
        try:
            return allocation.remaining_slots(self._context.factory)
        except SQLAlchemyError:
            return None
