"""The ward-laptop bundle: built by `make bundle` from its own venv, it passes its self-test.

Slow (the first build installs the bundle venv; later builds reuse it and PyInstaller's cache).
"""

from __future__ import annotations

import os
import subprocess
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def _make(*targets: str, timeout: float) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["make", "--no-print-directory", *targets],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def _self_test(bundle: Path, home: Path) -> subprocess.CompletedProcess[str]:
    # Nothing of the build machine's environment: no venv, no PYTHONPATH, no display.
    environment = {"HOME": str(home), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
    return subprocess.run(
        [str(bundle / "msc-desk"), "--self-test"],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
    )


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundle built by `make bundle` into a temporary folder."""
    venv = _make(".venv-bundle/.installed", timeout=1200)
    if venv.returncode != 0:
        pytest.skip(f"PyInstaller cannot be installed here: {venv.stderr.strip()[-400:]}")
    dist = tmp_path_factory.mktemp("dist")
    built = _make("bundle", f"BUNDLE_DIST={dist}", timeout=900)
    assert built.returncode == 0, built.stdout[-2000:] + built.stderr[-4000:]
    return dist / f"msc-desk-{VERSION}"


@pytest.mark.slow
def test_the_bundle_passes_its_self_test_with_nothing_of_the_build_environment(
    bundle: Path, tmp_path: Path
) -> None:
    result = _self_test(bundle, tmp_path)

    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith(f"MSC Desk {VERSION} self-test\n")
    assert result.stdout.endswith("self-test passed\n")


@pytest.mark.slow
def test_the_bundle_carries_its_data_and_no_test_tools(bundle: Path) -> None:
    internal = bundle / "_internal"

    assert (internal / "PySide6" / "Qt" / "translations" / "qtbase_ru.qm").is_file()
    assert (internal / "resources" / "translations" / "app_ru.qm").is_file()
    assert (internal / "msc_desk" / "models" / "migrations" / "env.py").is_file()
    assert list((internal / "msc_desk" / "models" / "migrations" / "versions").glob("0002_*.py"))
    assert (internal / f"msc_desk-{VERSION}.dist-info").is_dir()
    assert not [
        path.name
        for path in internal.iterdir()
        if path.name.startswith(("pytest", "_pytest", "hypothesis", "mypy", "ruff", "PyInstaller"))
    ]


@pytest.mark.slow
def test_a_bundle_missing_a_font_fails_its_self_test_naming_the_file(
    bundle: Path, tmp_path: Path
) -> None:
    damaged = tmp_path / "damaged"
    subprocess.run(["cp", "-a", str(bundle), str(damaged)], check=True)
    os.remove(damaged / "_internal" / "resources" / "fonts" / "DejaVuSans-Bold.ttf")

    result = _self_test(damaged, tmp_path)

    assert result.returncode == 1
    assert "FAIL  resources: SelfTestFailure: missing resources/fonts/DejaVuSans-Bold.ttf" in (
        result.stdout
    )
    assert result.stdout.splitlines()[-1].startswith("self-test FAILED: resources")
