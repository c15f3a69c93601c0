"""Rules for usernames and passwords, reported as stable error codes for the UI to translate."""

from __future__ import annotations

import re

from msc_desk.security.credentials import normalize_username

MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_LENGTH = 256
_USERNAME = re.compile(r"[^\W_][\w.\-]{1,63}")


class InputRefused(Exception):
    """A request refused for a stated reason; `code` is stable, for the UI to translate."""

    def __init__(self, code: str, message: str | None = None) -> None:
        super().__init__(message or code.replace("_", " "))
        self.code = code


class PolicyError(InputRefused, ValueError):
    """A username or password that the rules refuse.

    Attributes:
        code: "invalid_username", "password_too_short", "password_too_long", "password_blank",
            "password_is_username" or "password_unchanged".
    """


def check_username(username: str) -> str:
    """The normalized username: 2-64 letters, digits, '.', '-', '_', first a letter or digit.

    Raises:
        PolicyError: "invalid_username".
    """
    name = normalize_username(username)
    if not _USERNAME.fullmatch(name):
        raise PolicyError("invalid_username")
    return name


def check_password(password: str, username: str | None = None) -> None:
    """Refuse passwords shorter than 8 characters, blank ones, and the username itself.

    Raises:
        PolicyError: with the code of the first rule broken.
    """
    if not password.strip():
        raise PolicyError("password_blank")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise PolicyError("password_too_short")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise PolicyError("password_too_long")
    if username is not None and normalize_username(password) == normalize_username(username):
        raise PolicyError("password_is_username")
