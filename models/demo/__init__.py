"""A realistic fictional cohort for demos and the README's pictures (no real people).

Built only through `models/` rules (referrals, the journey, holding the conference), so the
demo exercises the same code as the service.
"""

from models.demo.cohort import DemoSummary, build_demo_cohort
from models.demo.playground import (
    DEMO_COORDINATOR_EMAIL,
    DEMO_COORDINATOR_NAME,
    DEMO_MANAGER_EMAIL,
    DEMO_MANAGER_NAME,
    DEMO_NAME,
    DEMO_SLUG,
    seed_demo,
)

__all__ = [
    "DEMO_COORDINATOR_EMAIL",
    "DEMO_COORDINATOR_NAME",
    "DEMO_MANAGER_EMAIL",
    "DEMO_MANAGER_NAME",
    "DEMO_NAME",
    "DEMO_SLUG",
    "DemoSummary",
    "build_demo_cohort",
    "seed_demo",
]
