"""Site settings (text values kept in the database): reading, and the administrator's editor."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from sqlalchemy import select

from msc_desk.models import Setting
from msc_desk.models.database import SessionFactory
from msc_desk.security.policy import InputRefused
from msc_desk.services.actor import Actor
from msc_desk.services.permissions import Action, authorize
from msc_desk.services.session import read_session, unit_of_work
from msc_desk.timekeeping import Clock, system_clock

IDLE_LOCK_MINUTES = "idle_lock_minutes"
CELL_PREPARATION_HOURS = "cell_preparation_hours"
VIABILITY_RELEASE_PERCENT = "viability_release_threshold_percent"


@dataclass(frozen=True)
class SettingSpec:
    """One editable site setting: its default and the range the service accepts."""

    key: str
    default: Decimal
    minimum: Decimal
    maximum: Decimal
    integer: bool


SITE_SETTINGS: dict[str, SettingSpec] = {
    spec.key: spec
    for spec in (
        SettingSpec(IDLE_LOCK_MINUTES, Decimal(5), Decimal(1), Decimal(60), integer=True),
        SettingSpec(CELL_PREPARATION_HOURS, Decimal(2), Decimal(0), Decimal(9), integer=False),
        # The cell product is released for infusion only at or above this viability.
        SettingSpec(
            VIABILITY_RELEASE_PERCENT, Decimal(70), Decimal(50), Decimal(100), integer=True
        ),
    )
}


class SettingError(InputRefused):
    """A refused settings change.

    Attributes:
        code: "unknown_setting", "not_a_number", "not_whole" or "out_of_range".
        key: the setting concerned.
    """

    def __init__(self, code: str, key: str) -> None:
        super().__init__(code)
        self.key = key


def setting_value(factory: SessionFactory, key: str) -> str | None:
    """The site setting `key`, or None when it was never set."""
    with read_session(factory) as session:
        return session.scalar(select(Setting.value).where(Setting.key == key))


def site_settings(factory: SessionFactory) -> dict[str, Decimal]:
    """Every editable setting's value: the stored one when valid, else its default.

    Not clinical data: the idle lock and the wizard read it for any signed-in role.
    """
    with read_session(factory) as session:
        stored = {key: value for key, value in session.execute(select(Setting.key, Setting.value))}
    values = {}
    for key, spec in SITE_SETTINGS.items():
        try:
            values[key] = _checked(spec, stored.get(key, ""))
        except SettingError:
            values[key] = spec.default
    return values


def update_site_settings(
    factory: SessionFactory,
    actor: Actor,
    changes: dict[str, str | int | Decimal],
    clock: Clock = system_clock,
) -> dict[str, Decimal]:
    """Validate and store the changed settings in one audited transaction; returns them all.

    Raises:
        PermissionDenied: only a site administrator manages settings (the denial is audited).
        SettingError: an unknown key or a value out of its range; nothing is stored.
    """
    authorize(factory, actor, Action.MANAGE_SETTINGS, clock)
    checked = {}
    for key, value in changes.items():
        spec = SITE_SETTINGS.get(key)
        if spec is None:
            raise SettingError("unknown_setting", key)
        checked[key] = _checked(spec, str(value))
    current = site_settings(factory)
    with unit_of_work(factory, actor, reason="site settings", clock=clock) as session:
        for key, value in checked.items():
            if value == current[key] and session.get(Setting, key) is not None:
                continue
            text = str(value)
            row = session.get(Setting, key)
            if row is None:
                session.add(Setting(key=key, value=text))
            else:
                row.value = text
    return site_settings(factory)


def _checked(spec: SettingSpec, text: str) -> Decimal:
    try:
        value = Decimal(text.strip().replace(",", "."))
    except InvalidOperation as exc:
        raise SettingError("not_a_number", spec.key) from exc
    if not value.is_finite():
        raise SettingError("not_a_number", spec.key)
    if spec.integer and value != value.to_integral_value():
        raise SettingError("not_whole", spec.key)
    if not spec.minimum <= value <= spec.maximum:
        raise SettingError("out_of_range", spec.key)
    return Decimal(int(value)) if spec.integer else value.normalize()
