"""A realistic fictional cohort for demos and the README's pictures (no real people).

Built only through `models/` rules (referrals, the journey, holding the conference), so the
demo exercises the same code as the service.
"""

from models.fictional.cohort import DemoSummary, build_demo_cohort

__all__ = ["DemoSummary", "build_demo_cohort"]
