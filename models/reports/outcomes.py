"""Outcomes a panel asks about: networks, agreed connections, check-ins, wellbeing, SDQ,
placement stability. See `models.reports.definitions` for each figure's exact meaning.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from models.checkin import CheckIn
from models.connection import Connection
from models.db import is_postgres
from models.enums import CheckInState, ConnectionStatus, MeasureKind, MeetingKind
from models.measure import Measure
from models.meeting import Meeting
from models.reports.figures import Figure, Unit, percent, rounded, summarise
from models.reports.period import ReportPeriod
from models.reports.sql import fetch, month_of, supported, tally

WENT_OUT = (CheckInState.sent, CheckInState.answered, CheckInState.missed)


async def support_figures(
    *, session: AsyncSession, organisation_id: int, period: ReportPeriod
) -> list[Figure]:
    """Young people supported after their conference, and how often they were in touch."""
    people = supported(organisation_id, period.starts_at, period.ends_at)
    count = int(await session.scalar(select(func.count()).select_from(people)) or 0)
    went_out = int(
        await session.scalar(
            select(func.count()).where(
                CheckIn.organisation_id == organisation_id,
                CheckIn.due_at >= period.starts_at,
                CheckIn.due_at < period.ends_at,
                CheckIn.state.in_(WENT_OUT),
            )
        )
        or 0
    )
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
    section = "time_taken"
    return [
        Figure(section, "supported_young_people", count, Unit.young_people, base=count),
        Figure(
            section,
            "check_ins_per_young_person",
            rounded(went_out / count if count else None, 2),
            Unit.per_young_person,
            base=count,
        ),
        Figure(
            section,
            "reviews_per_young_person",
            rounded(reviews / count if count else None, 2),
            Unit.per_young_person,
            base=count,
        ),
    ]


async def network_figures(
    *, session: AsyncSession, organisation_id: int, period: ReportPeriod
) -> list[Figure]:
    """Network size before and after the conference, and agreed connections, per young person."""
    people = supported(organisation_id, period.starts_at, period.ends_at)
    m = Measure
    ranked = (
        select(
            m.young_person_id,
            m.value,
            (m.recorded_on <= people.c.conference_at).label("before"),
            func.row_number()
            .over(
                partition_by=(m.young_person_id, m.recorded_on <= people.c.conference_at),
                order_by=(m.recorded_on.asc(), m.id.asc()),
            )
            .label("earliest"),
            func.row_number()
            .over(
                partition_by=(m.young_person_id, m.recorded_on <= people.c.conference_at),
                order_by=(m.recorded_on.desc(), m.id.desc()),
            )
            .label("latest"),
        )
        .join(people, people.c.young_person_id == m.young_person_id)
        .where(
            m.kind == MeasureKind.network_size,
            m.recorded_on < period.ends_on,
        )
        .subquery("ranked")
    )
    rows = await fetch(
        session,
        select(ranked.c.young_person_id, ranked.c.before, ranked.c.value).where(
            ((ranked.c.before.is_(True)) & (ranked.c.earliest == 1))
            | ((ranked.c.before.is_(False)) & (ranked.c.latest == 1))
        ),
    )
    at_referral: dict[int, int] = {}
    after: dict[int, int] = {}
    for person, before, value in rows:
        (at_referral if before else after)[int(person)] = int(value)
    paired = sorted(set(at_referral) & set(after))
    first = summarise(at_referral[p] for p in paired)
    later = summarise(after[p] for p in paired)

    agreed = (
        select(people.c.young_person_id, func.count(Connection.id).label("agreed"))
        .select_from(people)
        .outerjoin(
            Connection,
            (Connection.young_person_id == people.c.young_person_id)
            & (Connection.status == ConnectionStatus.agreed)
            & (Connection.status_changed_at < period.ends_at),
        )
        .group_by(people.c.young_person_id)
        .subquery("agreed")
    )
    histogram = await fetch(
        session, select(agreed.c.agreed, func.count()).group_by(agreed.c.agreed)
    )
    counts: list[float] = []
    for value, times in histogram:
        counts += [float(value)] * int(times)
    connections = summarise(counts)

    section = "outcomes"
    return [
        Figure(section, "network_size_young_people", first.n, Unit.young_people, base=first.n),
        Figure(
            section, "network_size_at_referral", rounded(first.mean), Unit.people, "mean", first.n
        ),
        Figure(
            section,
            "network_size_at_referral",
            rounded(first.median),
            Unit.people,
            "median",
            first.n,
        ),
        Figure(
            section,
            "network_size_after_conference",
            rounded(later.mean),
            Unit.people,
            "mean",
            later.n,
        ),
        Figure(
            section,
            "network_size_after_conference",
            rounded(later.median),
            Unit.people,
            "median",
            later.n,
        ),
        Figure(
            section,
            "agreed_connections_per_young_person",
            rounded(connections.mean, 2),
            Unit.connections,
            "mean",
            connections.n,
        ),
        Figure(
            section,
            "agreed_connections_per_young_person",
            rounded(connections.median),
            Unit.connections,
            "median",
            connections.n,
        ),
    ]


async def check_in_figures(
    *, session: AsyncSession, organisation_id: int, period: ReportPeriod
) -> list[Figure]:
    """How many check-ins were answered, and wellbeing month by month."""
    c = CheckIn
    states = await tally(
        session,
        select(c.state, func.count())
        .where(
            c.organisation_id == organisation_id,
            c.due_at >= period.starts_at,
            c.due_at < period.ends_at,
            c.state.in_(WENT_OUT),
        )
        .group_by(c.state),
    )
    went_out = sum(int(v) for v in states.values())
    answered = int(states.get(CheckInState.answered, 0))
    month = month_of(c.answered_at, postgres=is_postgres(session)).label("month")
    months = await fetch(
        session,
        select(month, func.count(), func.avg(c.wellbeing))
        .where(
            c.organisation_id == organisation_id,
            c.state == CheckInState.answered,
            c.wellbeing.is_not(None),
            c.answered_at >= period.starts_at,
            c.answered_at < period.ends_at,
        )
        .group_by(month)
        .order_by(month),
    )
    section = "outcomes"
    figures = [
        Figure(section, "check_ins_sent", went_out, Unit.check_ins, base=went_out),
        Figure(
            section,
            "check_ins_answered",
            answered,
            Unit.check_ins,
            base=went_out,
            percent=percent(answered, went_out),
        ),
        Figure(
            section,
            "check_in_response_rate",
            percent(answered, went_out),
            Unit.percent,
            base=went_out,
        ),
    ]
    for label, n, mean in months:
        figures.append(
            Figure(
                section,
                "wellbeing_mean",
                rounded(float(mean), 2),
                Unit.score,
                category=str(label),
                base=int(n),
            )
        )
    return figures


async def sdq_figures(
    *, session: AsyncSession, organisation_id: int, period: ReportPeriod
) -> list[Figure]:
    """SDQ total difficulties: first and latest score of supported young people with two."""
    people = supported(organisation_id, period.starts_at, period.ends_at)
    m = Measure
    ranked = (
        select(
            m.young_person_id,
            m.value,
            func.row_number()
            .over(partition_by=m.young_person_id, order_by=(m.recorded_on.asc(), m.id.asc()))
            .label("earliest"),
            func.row_number()
            .over(partition_by=m.young_person_id, order_by=(m.recorded_on.desc(), m.id.desc()))
            .label("latest"),
        )
        .join(people, people.c.young_person_id == m.young_person_id)
        .where(m.kind == MeasureKind.sdq_total, m.recorded_on < period.ends_on)
        .subquery("ranked")
    )
    rows = await fetch(
        session,
        select(ranked.c.young_person_id, ranked.c.earliest, ranked.c.value).where(
            (ranked.c.earliest == 1) | (ranked.c.latest == 1)
        ),
    )
    first: dict[int, int] = {}
    latest: dict[int, int] = {}
    for person, earliest, value in rows:
        if earliest == 1 and int(person) not in first:
            first[int(person)] = int(value)
        else:
            latest[int(person)] = int(value)
    twice = sorted(set(first) & set(latest))
    changes = [latest[p] - first[p] for p in twice]
    change = summarise(changes)
    section = "outcomes"
    improved = sum(1 for d in changes if d < 0)
    return [
        Figure(section, "sdq_young_people", change.n, Unit.young_people, base=change.n),
        Figure(
            section,
            "sdq_first",
            rounded(summarise(first[p] for p in twice).mean),
            Unit.score,
            "mean",
            change.n,
        ),
        Figure(
            section,
            "sdq_latest",
            rounded(summarise(latest[p] for p in twice).mean),
            Unit.score,
            "mean",
            change.n,
        ),
        Figure(section, "sdq_change", rounded(change.mean), Unit.score, "mean", change.n),
        Figure(section, "sdq_change", rounded(change.median), Unit.score, "median", change.n),
        Figure(
            section,
            "sdq_improved",
            improved,
            Unit.young_people,
            base=change.n,
            percent=percent(improved, change.n),
        ),
    ]
