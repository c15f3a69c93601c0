"""Clinical rules: SOFA, eligibility, MSC dose, units; pure and Qt-free."""

from msc_desk.scoring import dose, eligibility, outcomes, sofa, units, visits
from msc_desk.scoring._numbers import InvalidInput

__all__ = ["InvalidInput", "dose", "eligibility", "outcomes", "sofa", "units", "visits"]
