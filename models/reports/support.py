"""After the conference: who was supported, their agreed connections, their check-ins and
wellbeing month by month. Two queries: one over the supported young people, one over the
check-ins due in the period.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from models.checkins.checkin import CheckIn
from models.core.db import is_postgres
from models.core.enums import CheckInState, ConnectionStatus, MeetingKind
from models.meetings.meeting import Meeting
from models.network.connection import Connection
from models.reports.figures import Figure, Unit, percent, rounded, summarise
from models.reports.period import ReportPeriod
from models.reports.sql import fetch, month_label, month_of, supported

WENT_OUT = (CheckInState.sent, CheckInState.answered, CheckInState.missed)


async def _agreed_per_person(
    session: AsyncSession, organisation_id: int, period: ReportPeriod
) -> list[float]:
    """Agreed connections of each supported young person (the list's length is how many)."""
    people = supported(organisation_id, period.starts_at, period.ends_at)
    # One index look-up per young person, not a scan of every connection in the country.
    agreed = (
        select(func.count())
        .where(
            Connection.young_person_id == people.c.young_person_id,
            Connection.status == ConnectionStatus.agreed,
            Connection.status_changed_at < period.ends_at,
        )
        .correlate(people)
        .scalar_subquery()
        .label("agreed")
    )
    per_person = select(agreed).select_from(people).subquery("per_person")
    histogram = await fetch(
        session, select(per_person.c.agreed, func.count()).group_by(per_person.c.agreed)
    )
    counts: list[float] = []
    for value, times in histogram:
        counts += [float(value)] * int(times)
    return counts


async def support_figures(
    *, session: AsyncSession, organisation_id: int, period: ReportPeriod
) -> list[Figure]:
    """Supported young people, contact per person, agreed connections, check-ins, wellbeing."""
    connections = summarise(await _agreed_per_person(session, organisation_id, period))
    count = connections.n
    c = CheckIn
    month = month_of(c.due_at, postgres=is_postgres(session)).label("month")
    rows = await fetch(
        session,
        select(c.state, month, func.count(), func.count(c.wellbeing), func.avg(c.wellbeing))
        .where(
            c.organisation_id == organisation_id,
            c.due_at >= period.starts_at,
            c.due_at < period.ends_at,
            c.state.in_(WENT_OUT),
        )
        .group_by(c.state, month),
    )
    went_out = sum(int(n) for _, _, n, _, _ in rows)
    answered = sum(int(n) for state, _, n, _, _ in rows if state == CheckInState.answered)
    wellbeing: dict[str, tuple[int, float]] = {}
    for state, label, _, rated, mean in rows:
        if state == CheckInState.answered and rated:
            wellbeing[month_label(label)] = (int(rated), float(mean))
    reviews = int(
        await session.scalar(
            select(func.count()).where(
                Meeting.organisation_id == organisation_id,
                Meeting.kind == MeetingKind.review,
                Meeting.held_at >= period.starts_at,
                Meeting.held_at < period.ends_at,
            )
        )
        or 0
    )
    return [
        Figure("time_taken", "supported_young_people", count, Unit.young_people, base=count),
        _per_young_person("check_ins_per_young_person", went_out, count),
        _per_young_person("reviews_per_young_person", reviews, count),
        Figure(
            "outcomes",
            "agreed_connections_per_young_person",
            rounded(connections.mean, 2),
            Unit.connections,
            "mean",
            count,
        ),
        Figure(
            "outcomes",
            "agreed_connections_per_young_person",
            rounded(connections.median),
            Unit.connections,
            "median",
            count,
        ),
        Figure("outcomes", "check_ins_sent", went_out, Unit.check_ins, base=went_out),
        Figure(
            "outcomes",
            "check_ins_answered",
            answered,
            Unit.check_ins,
            base=went_out,
            percent=percent(answered, went_out),
        ),
        Figure(
            "outcomes",
            "check_in_response_rate",
            percent(answered, went_out),
            Unit.percent,
            base=went_out,
        ),
        *[
            Figure("outcomes", "wellbeing_mean", rounded(mean, 2), Unit.score, label, rated)
            for label, (rated, mean) in sorted(wellbeing.items())
        ],
    ]


def _per_young_person(figure: str, total: int, count: int) -> Figure:
    """How many for each young person supported, to two places (none when nobody was)."""
    share = rounded(total / count if count else None, 2)
    return Figure("time_taken", figure, share, Unit.per_young_person, base=count)
