"""The package surface, its purity, and the shared number rules."""

import ast
import pickle
import sys
from decimal import Decimal, localcontext
from fractions import Fraction
from pathlib import Path

import pytest

import msc_desk.scoring as scoring
from msc_desk.scoring import InvalidInput, _numbers, sofa

PACKAGE = Path(scoring.__file__).parent


def test_public_names() -> None:
    from msc_desk.scoring import InvalidInput, dose, eligibility, outcomes, sofa, units, visits

    assert issubclass(InvalidInput, ValueError)
    assert callable(sofa.compute_sofa)
    assert callable(eligibility.check_eligibility)
    assert callable(dose.compute_dose)
    assert callable(units.vasoactive_mcg_kg_min_from_pump)
    assert callable(units.vasoactive_mcg_kg_min_from_mcg_min)
    assert callable(visits.next_visit_due)
    assert callable(outcomes.outcome_28d)


def test_invalid_input_carries_the_field() -> None:
    error = InvalidInput("gcs", "must be between 3 and 15")
    assert error.field == "gcs"
    assert error.message == "must be between 3 and 15"
    assert str(error) == "gcs: must be between 3 and 15"
    assert isinstance(error, ValueError)
    copy = pickle.loads(pickle.dumps(error))
    assert (type(copy), copy.field, copy.message) == (InvalidInput, "gcs", error.message)


def _imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", sorted(PACKAGE.glob("*.py")), ids=lambda p: p.name)
def test_imports_only_the_standard_library_and_itself(path: Path) -> None:
    for name in _imported_modules(path):
        top = name.split(".")[0]
        assert top in sys.stdlib_module_names or name.startswith("msc_desk.scoring"), name


@pytest.mark.parametrize("path", sorted(PACKAGE.glob("*.py")), ids=lambda p: p.name)
def test_every_module_starts_with_a_one_line_docstring(path: Path) -> None:
    docstring = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
    assert docstring
    assert docstring.splitlines()[0].endswith(".")


def test_a_changed_thread_context_changes_nothing() -> None:
    with localcontext() as context:
        context.prec = 5
        result = sofa.compute_sofa(pao2_mmhg=100, fio2_fraction=0.3)
    assert result.pf_ratio_mmhg == Decimal(100) / Decimal("0.3")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0.28, Fraction(28, 100)),
        (0.1, Fraction(1, 10)),
        (1e-05, Fraction(1, 100_000)),
        (5e-324, Fraction(5, 10**324)),
        (84, Fraction(84)),
        ("  7.5 ", Fraction(15, 2)),
        ("1e2", Fraction(100)),
        (Decimal("-0"), Fraction(0)),
        (-0.0, Fraction(0)),
        (Decimal("1E+399"), Fraction(10**399)),
        (10**399, Fraction(10**399)),
    ],
)
def test_number_reads_the_shortest_decimal_form(value: object, expected: Fraction) -> None:
    assert _numbers.number("x", value) == expected


@pytest.mark.parametrize(
    "value", [Decimal("1E+400"), Decimal("1E-401"), "1e999999999", 10**400, -(10**400)]
)
def test_absurd_magnitudes_are_refused(value: object) -> None:
    with pytest.raises(InvalidInput) as caught:
        _numbers.number("x", value)
    assert caught.value.field == "x"


def test_to_decimal_is_exact_or_one_28_digit_division() -> None:
    assert _numbers.to_decimal(Fraction(300)) == Decimal(300)
    assert str(_numbers.to_decimal(Fraction(300))) == "300"
    assert str(_numbers.to_decimal(Fraction(513, 10))) == "51.3"
    assert _numbers.to_decimal(Fraction(2, 3)) == Decimal(2) / Decimal(3)
    assert str(_numbers.to_decimal(Fraction(2, 3))) == "0.6666666666666666666666666667"


def test_whole_without_an_upper_bound() -> None:
    assert _numbers.whole("x", "40", 0) == 40
    with pytest.raises(InvalidInput, match="at least 0"):
        _numbers.whole("x", -1, 0)
