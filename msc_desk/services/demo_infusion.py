"""Demo MSC infusion: prescribed and signed, checked and signed by a second person, given."""

from __future__ import annotations

import base64
import random
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import inspect

from msc_desk.models import Infusion
from msc_desk.scoring import dose
from msc_desk.services.actor import Actor
from msc_desk.services.demo_bulk import BulkWriter
from msc_desk.services.infusion import PURPOSE_CHECKED, PURPOSE_PREPARED, check_payload
from msc_desk.services.infusion_record import achieved_dose
from msc_desk.services.registry import sign_for_actor
from msc_desk.timekeeping import offset_minutes, to_moscow

_TARGET_DOSE = Decimal("1.0")
_CONCENTRATION = Decimal("2500000")
_CONTAINER_ML = Decimal(50)


def write_demo_infusion(
    writer: BulkWriter,
    patient_id: int,
    randomized_at: datetime,
    weight_kg: Decimal,
    rng: random.Random,
    *,
    now: datetime,
    preparer: Actor,
    checker: Actor,
) -> None:
    """Queue the day-1 infusion as the three steps of the ward write it, each signature real.

    A patient randomized so recently that the cells would still be in preparation at `now`
    gets none yet: the patient view counts down to the deadline.
    """
    viability = Decimal(rng.randint(90, 98))
    result = dose.compute_dose(
        weight_kg=weight_kg,
        target_dose_million_cells_per_kg=_TARGET_DOSE,
        product_concentration_cells_per_ml=_CONCENTRATION,
        viability_percent=viability,
    )
    volume = result.volume_ml
    assert volume is not None  # every input above is given
    started = to_moscow(randomized_at + timedelta(hours=rng.uniform(1.5, 3.5)))
    if started + timedelta(minutes=45) > now:
        return
    prescription: dict[str, Any] = {
        "patient_id": patient_id,
        "infusion_day": 1,
        "weight_kg": weight_kg,
        "weight_source": "measured",
        "target_dose_million_cells_per_kg": _TARGET_DOSE,
        "product_lot": f"МСК-{rng.randint(100, 999)}",
        "product_concentration_cells_per_ml": _CONCENTRATION,
        "viability_percent": viability,
        "volume_ml": volume,
        "container_volume_ml": _CONTAINER_ML,
        "prescribed_at": started - timedelta(minutes=rng.randint(40, 70)),
        "prepared_by_id": preparer.user_id,
    }
    infusion_id = writer.insert(Infusion, prescription, patient_id=patient_id)
    infusion = Infusion(id=infusion_id, **prescription)
    payload = check_payload(infusion)
    prepared_entry, prepared = sign_for_actor(preparer, payload, purpose=PURPOSE_PREPARED)
    checked_entry, checked = sign_for_actor(checker, payload, purpose=PURPOSE_CHECKED)
    minutes = rng.randint(30, 45)
    ended = started + timedelta(minutes=minutes)
    steps: tuple[dict[str, Any], ...] = (
        {
            "prepared_key_entry_id": prepared_entry,
            "prepared_signature": base64.b64encode(prepared).decode("ascii"),
        },
        {
            "checked_by_id": checker.user_id,
            "checked_at": started - timedelta(minutes=rng.randint(5, 15)),
            "checked_key_entry_id": checked_entry,
            "checked_signature": base64.b64encode(checked).decode("ascii"),
        },
        {
            "started_at": started,
            "started_at_offset_min": offset_minutes(started),
            "ended_at": ended,
            "ended_at_offset_min": offset_minutes(ended),
            "volume_infused_ml": volume,
            "rate_ml_per_hour": (volume * 60 / minutes).quantize(Decimal(1)),
            "premedication": "Дексаметазон 4 мг в/в" if rng.random() < 0.3 else None,
            "temperature_before": Decimal(str(round(rng.uniform(37.6, 38.9), 1))),
            "heart_rate_before": rng.randint(98, 124),
            "map_before": rng.randint(62, 74),
            "spo2_before": Decimal(rng.randint(92, 98)),
            "temperature_after": Decimal(str(round(rng.uniform(37.4, 38.8), 1))),
            "heart_rate_after": rng.randint(94, 120),
            "map_after": rng.randint(63, 76),
            "spo2_after": Decimal(rng.randint(92, 98)),
            "administered_by_id": checker.user_id,
            "reactions": "none",
            "achieved_dose_million_cells_per_kg": achieved_dose(infusion, volume),
        },
    )
    current = {attr.key: None for attr in inspect(Infusion).column_attrs}
    for step in steps:
        writer.update(Infusion, infusion_id, current, step, patient_id=patient_id)
