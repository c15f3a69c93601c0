"""The center never issues lists that could give one study id twice, or one laptop a slot twice."""

from __future__ import annotations

from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy import func, select

from msc_desk.center.central_db import issued_lists, open_central_database
from msc_desk.cli import main
from msc_desk.security.identity import encode_public


def _issue(
    tmp_path: Path, db: str, device: str, slots: tuple[int, int], numbers: tuple[int, int]
) -> int:
    out = tmp_path / f"list-{device}-{slots[0]}-{numbers[0]}.json"
    device_key = encode_public(X25519PrivateKey.generate().public_key())
    args = ["center", "allocation-list", "--key", str(tmp_path / "center.key")]
    args += ["--device-uid", device, "--device-key", device_key]
    args += ["--first-slot", str(slots[0]), "--count", str(slots[1])]
    args += ["--first-study-number", str(numbers[0]), "--study-numbers", str(numbers[1])]
    return main([*args, "--out", str(out), "--db", db])


@pytest.mark.parametrize(
    ("device", "slots", "numbers", "refused"),
    [
        ("laptop-2", (1, 40), (200, 100), None),  # its own slots and numbers: issued
        ("laptop-2", (1, 40), (150, 100), "study numbers 150–249 overlap"),
        ("laptop-2", (1, 40), (1, 1), "study numbers 1–1 overlap"),
        ("laptop-2", (1, 40), (199, 1), "study numbers 199–199 overlap"),
        ("laptop-1", (40, 10), (500, 10), "slots 40–49 overlap"),  # the same laptop's slot 40
        ("laptop-1", (41, 10), (500, 10), None),  # the same laptop's next slots
    ],
)
def test_an_overlapping_range_is_refused_and_nothing_is_written(
    tmp_path: Path,
    sqlite_url: str,
    capsys: pytest.CaptureFixture[str],
    device: str,
    slots: tuple[int, int],
    numbers: tuple[int, int],
    refused: str | None,
) -> None:
    main(["center", "keygen", "--out", str(tmp_path / "center.key")])
    assert _issue(tmp_path, sqlite_url, "laptop-1", (1, 40), (1, 199)) == 0
    capsys.readouterr()
    written = set(tmp_path.iterdir())

    code = _issue(tmp_path, sqlite_url, device, slots, numbers)

    engine = open_central_database(sqlite_url)
    with engine.connect() as connection:
        issued = connection.scalar(select(func.count()).select_from(issued_lists))
    engine.dispose()
    if refused is None:
        assert code == 0 and issued == 2
        return
    assert code == 2 and issued == 1
    assert refused in capsys.readouterr().err
    assert set(tmp_path.iterdir()) == written  # neither the signed list nor its plan
