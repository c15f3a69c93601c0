"""Fills the screening wizard's pages directly (fast), for the tests and the screenshots."""

from __future__ import annotations

from datetime import datetime, timedelta

from msc_desk.models import ConsentSigner, Sex
from msc_desk.ui.screening.fields import NO, YES, ScreeningPage
from msc_desk.ui.screening.wizard import PageId, ScreeningWizard

NAME = "Иванов Иван Иванович"
RECORD = "И-2026-0042"


def fill(
    wizard: ScreeningWizard,
    onset: datetime | None,
    *,
    name: str = NAME,
    record: str = RECORD,
    anc: str = "0,4",
    wbc: str = "",
    segmented: str = "",
    band: str = "",
    age: str = "45",
    born: str = "",
    sex: Sex | None = Sex.MALE,
    pregnant: str | None = None,
    chemo: str | None = NO,
    consent: str | None = YES,
    signer: ConsentSigner | None = ConsentSigner.PATIENT,
    representative: str = "",
    consent_after: timedelta = timedelta(minutes=40),
    consent_at: datetime | None = None,
) -> None:
    """Enter a patient, eligible unless told otherwise (an eligible man, ANC 0,4, 45 years)."""
    wizard.patient_page.full_name_edit.setText(name)
    wizard.patient_page.record_edit.setText(record)
    wizard.onset_page.onset_input.set_value(onset)
    page = wizard.neutrophils_page
    for edit, text in (
        (page.anc_edit, anc),
        (page.wbc_edit, wbc),
        (page.segmented_edit, segmented),
        (page.band_edit, band),
    ):
        edit.setText(text)
    wizard.age_page.age_edit.setText(age)
    wizard.age_page.birth_edit.setText(born)
    wizard.age_page.sex_group.set_value(sex)
    wizard.exclusions_page.pregnancy_group.set_value(pregnant)
    wizard.exclusions_page.chemo_group.set_value(chemo)
    consent_page = wizard.consent_page
    consent_page.signed_group.set_value(consent)
    consent_page.signer_group.set_value(signer)
    consent_page.representative_edit.setText(representative)
    if consent_at is None and onset is not None:
        consent_at = onset + consent_after
    signed_at = consent_at if consent == YES else None
    consent_page.signed_at_input.set_value(signed_at)
    wizard.tick()


def go_to(wizard: ScreeningWizard, target: PageId) -> None:
    """Press Next until the target page (fails when a page refuses).

    A page with a required answer left empty stops the first Next and says so under the
    field; like the user, this presses Next again to go on without it.
    """
    while wizard.currentId() < target:
        before = wizard.currentId()
        wizard.next()
        page = wizard.currentPage()
        if wizard.currentId() == before and isinstance(page, ScreeningPage) and page.missing():
            wizard.next()
        assert wizard.currentId() != before, f"page {PageId(before).name} refused Next"
