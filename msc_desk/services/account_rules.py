"""The boundary of the user and workspace services: names, roles, site codes, passwords, reasons."""

from __future__ import annotations

import re

from msc_desk.models import Device, Role, Site, User
from msc_desk.security.policy import MAX_PASSWORD_LENGTH
from msc_desk.services import input_rules as rules
from msc_desk.services.study_ids import MAX_SITE_CODE_LENGTH

_SITE_CODE = re.compile(r"[A-Za-z0-9]+")
_MAX_REASON = 2000  # the audit keeps reasons as Text; a reason is a sentence or two
_MAX_USERNAME_TYPED = 256  # normalized and checked by check_username afterwards


def check_account_fields(username: object, full_name: object, password: object) -> str:
    """The full name (as given, or "" when blank) once the three fields pass the boundary.

    The login and password rules themselves stay in msc_desk.security.policy; this refuses
    what would break them or the database: absurd lengths, controls, lone surrogates.

    Raises:
        InvalidField: "username", "full_name" or "password" refused.
    """
    if not isinstance(username, str):
        raise rules.InvalidField("username", "not_allowed")
    rules.name("username", username, _MAX_USERNAME_TYPED, required=False)
    checked = rules.name(
        "full_name", full_name, rules.column_length(User, "full_name"), required=False
    )
    password_text(password)
    return checked or ""


def password_text(password: object) -> str:
    """A password as typed: encodable, no NUL, not absurdly long (the policy refuses > 256).

    Raises:
        InvalidField: "too_long" or "forbidden_character".
    """
    return rules.encodable("password", password, 4 * MAX_PASSWORD_LENGTH)


def could_be_a_password(password: object) -> bool:
    """Whether `password` could be anyone's password (one refused by `password_text` cannot)."""
    try:
        password_text(password)
    except rules.InvalidField:
        return False
    return True


def member_role(role: object) -> Role:
    """A role of the trial.

    Raises:
        InvalidField: "role" not one of Role.
    """
    checked = rules.member("role", role, Role, required=True)
    assert checked is not None  # noqa: S101 (required)
    return checked


def delegation_flag(value: object) -> bool:
    """Whether randomization is delegated: True or False, nothing else.

    Raises:
        InvalidField: "can_randomize" "not_a_flag".
    """
    flag = rules.flag("can_randomize", value)
    if flag is None:
        raise rules.InvalidField("can_randomize", "not_a_flag")
    return flag


def reason_text(reason: object) -> str:
    """A reason for the audit, free text (empty stays empty: the caller asks for one).

    Raises:
        InvalidField: "reason" too long or with a forbidden character.
    """
    return rules.free_text("reason", reason, _MAX_REASON) or ""


def site_code(value: object) -> str:
    """A site code short enough for study ids (MSC-<code>-<number>), letters and digits only.

    Raises:
        InvalidField: "site_code" "too_long" or "not_allowed" (not letters and
            digits, which every study id must be able to carry).
    """
    limit = min(MAX_SITE_CODE_LENGTH, rules.column_length(Site, "code") or MAX_SITE_CODE_LENGTH)
    code = rules.name("site_code", value, limit, required=False)
    if code is None:
        return ""  # the caller reports the missing field
    if not _SITE_CODE.fullmatch(code) or not code.isascii():
        raise rules.InvalidField("site_code", "not_allowed")
    return code


def site_fields(site_name: object, device_name: object) -> tuple[str, str]:
    """The site's and this laptop's names ("" when blank: the caller asks for them).

    Raises:
        InvalidField: "site_name" or "device_name" too long or with a forbidden character.
    """
    site = rules.name("site_name", site_name, rules.column_length(Site, "name"), required=False)
    device = rules.name(
        "device_name", device_name, rules.column_length(Device, "name"), required=False
    )
    return site or "", device or ""
