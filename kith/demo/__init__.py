"""Fictional data, kept out of the domain: the playground's demo organisation and a realistic
fictional cohort for demos and the README's pictures (no real people).

Built only through `models/` rules (referrals, the journey, holding the conference), so the
demo exercises the same code as the service.
"""

from kith.demo.cohort import DemoSummary, build_demo_cohort

__all__ = ["DemoSummary", "build_demo_cohort"]
