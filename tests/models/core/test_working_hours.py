"""Out of hours, Kith says when a person will read a message: after weekends and bank holidays."""

from __future__ import annotations

from datetime import UTC, datetime, time

from models import Organisation
from models.core.working_hours import next_reading


def test_out_of_hours_says_when_a_person_reads_it() -> None:
    org = Organisation(
        name="N", slug="n", timezone="Europe/London", working_start=time(9), working_end=time(17)
    )
    friday_night = datetime(2026, 4, 3, 20, 0, tzinfo=UTC)  # Good Friday, a bank holiday
    assert next_reading(friday_night, org) == datetime(2026, 4, 7, 8, 0, tzinfo=UTC)
    assert next_reading(datetime(2026, 3, 2, 10, 0, tzinfo=UTC), org) is None
