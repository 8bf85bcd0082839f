"""Who the fictional young people are: first names only, demographics in realistic shares.

The shares loosely follow England's children looked after statistics (most White British,
more boys than girls, about one in five with a disability recorded); they are illustrative.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from models.core.enums import Cohort, ReferralSource

T = TypeVar("T")

FIRST_NAMES = [
    "Alfie", "Amara", "Ava", "Bea", "Caleb", "Casey", "Dami", "Demi", "Eden", "Ellis",
    "Finn", "Freya", "Gabe", "Hana", "Harley", "Idris", "Imani", "Jay", "Jess", "Kai",
    "Kacey", "Leo", "Lexi", "Mason", "Maya", "Nico", "Nia", "Oli", "Orla", "Priya",
    "Quinn", "Reece", "Remi", "Riley", "Rosie", "Sam", "Sana", "Taylor", "Tia", "Tyler",
    "Umar", "Vinnie", "Willow", "Yas", "Zac", "Zara",
]  # fmt: skip
GENDERS = [("male", 50), ("female", 45), ("non-binary", 3), (None, 2)]
ETHNICITIES = [
    ("WBRI", 62), ("WOTH", 5), ("WIRT", 1), ("MWBC", 5), ("MWBA", 2), ("MOTH", 4),
    ("BAFR", 5), ("BCRB", 2), ("BOTH", 1), ("APKN", 2), ("ABAN", 1), ("AOTH", 3),
    ("OOTH", 4), ("REFU", 1), (None, 2),
]  # fmt: skip
COHORTS = [
    (Cohort.in_care, 52),
    (Cohort.care_leaver, 28),
    (Cohort.former_care_leaver, 9),
    (Cohort.uasc, 8),
    (Cohort.in_custody, 3),
]
AGES = {
    Cohort.in_care: (10, 17),
    Cohort.care_leaver: (18, 21),
    Cohort.former_care_leaver: (21, 25),
    Cohort.uasc: (15, 17),
    Cohort.in_custody: (15, 20),
}
SOURCES = [
    (ReferralSource.social_worker, 72),
    (ReferralSource.self, 18),
    (ReferralSource.coordinator, 10),
]


def pick(rng: random.Random, weighted: list[tuple[T, int]]) -> T:
    values = [value for value, _ in weighted]
    return rng.choices(values, weights=[weight for _, weight in weighted])[0]


@dataclass(frozen=True)
class FictionalPerson:
    name: str
    cohort: Cohort
    born: date
    gender: str | None
    ethnicity: str | None
    disability: bool | None
    source: ReferralSource


def fictional_person(rng: random.Random, referred_on: date) -> FictionalPerson:
    cohort = pick(rng, COHORTS)
    low, high = AGES[cohort]
    age_days = rng.randint(low * 365 + 10, high * 365 + 300)
    return FictionalPerson(
        name=rng.choice(FIRST_NAMES),
        cohort=cohort,
        born=date.fromordinal(referred_on.toordinal() - age_days),
        gender=pick(rng, GENDERS),
        ethnicity=pick(rng, ETHNICITIES),
        disability=pick(rng, [(True, 20), (False, 70), (None, 10)]),
        source=pick(rng, SOURCES),
    )
