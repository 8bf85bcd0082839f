"""The SQL pieces every section shares, written once for SQLite and PostgreSQL.

The database does the counting; where the two dialects differ (date arithmetic, months),
the difference is spelled out here and nowhere else.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Executable, Integer, Subquery, case, cast, func, select, text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from models.core.enums import ReferralStatus
from models.referrals.referral import Referral, ReferralTransition

S = ReferralStatus
SUSTAINING_EXITS = (S.closed, S.withdrawn, S.opted_out)


def days_between(earlier: Any, later: Any, *, postgres: bool) -> ColumnElement[Any]:
    """Fractional days from `earlier` to `later` (two timestamp columns)."""
    if postgres:
        return func.extract("epoch", later - earlier) / 86400.0
    return func.julianday(later) - func.julianday(earlier)


def whole_years(born: Any, at: Any, *, postgres: bool) -> ColumnElement[Any]:
    """Age in completed years on the day of `at`, for a date of birth `born`."""
    if postgres:
        return cast(func.date_part("year", func.age(func.date(at), born)), Integer)
    year_gap = cast(func.strftime("%Y", at), Integer) - cast(func.strftime("%Y", born), Integer)
    before_birthday = cast(func.strftime("%m-%d", at) < func.strftime("%m-%d", born), Integer)
    return year_gap - before_birthday


def month_of(moment: Any, *, postgres: bool) -> ColumnElement[Any]:
    """The calendar month (UTC) of a timestamp, to group by; `month_label` names it.

    PostgreSQL truncates (cheap) rather than formatting every row; SQLite formats.
    """
    if postgres:
        return func.date_trunc("month", func.timezone("UTC", moment))
    return func.strftime("%Y-%m", moment)


def month_label(month: Any) -> str:
    """'YYYY-MM' for what `month_of` gave."""
    return month.strftime("%Y-%m") if hasattr(month, "strftime") else str(month)


def first_reached(
    organisation_id: int, statuses: list[ReferralStatus], before: datetime
) -> Subquery:
    """When each referral first reached each of `statuses`, before `before`.

    A young person who opts out and comes back reaches a state twice; the journey counts
    the first time.
    """
    t = ReferralTransition
    return (
        select(
            t.referral_id.label("referral_id"),
            t.to_status.label("status"),
            func.min(t.at).label("first_at"),
        )
        .where(t.organisation_id == organisation_id, t.to_status.in_(statuses), t.at < before)
        .group_by(t.referral_id, t.to_status)
        .subquery("first_reached")
    )


def status_at(organisation_id: int, moment: datetime) -> Subquery:
    """Each referral's status just before `moment` (one row per referral received by then).

    A referral that has not moved since `moment` stands where it stands now; only those that
    moved later are traced back through their transitions (their last move before then).
    """
    r, t = Referral, ReferralTransition
    unchanged = select(r.id.label("referral_id"), r.status.label("status")).where(
        r.organisation_id == organisation_id,
        r.received_at < moment,
        r.status_changed_at < moment,
    )
    moved_since = (
        select(
            t.referral_id.label("referral_id"),
            t.to_status.label("status"),
            func.row_number()
            .over(partition_by=t.referral_id, order_by=(t.at.desc(), t.id.desc()))
            .label("rank"),
        )
        .join(r, (r.id == t.referral_id) & (r.organisation_id == organisation_id))
        .where(
            r.received_at < moment,
            r.status_changed_at >= moment,
            t.organisation_id == organisation_id,
            t.at < moment,
        )
        .subquery("moved_since")
    )
    traced = select(moved_since.c.referral_id, moved_since.c.status).where(moved_since.c.rank == 1)
    return unchanged.union_all(traced).subquery("status_at")


def supported(organisation_id: int, starts_at: datetime, ends_at: datetime) -> Subquery:
    """Young people supported after their conference at some time in the period.

    Their referral reached `sustaining` (the conference was held) before the period ended,
    and had not left it (closed, withdrawn, opted out) before the period began. One row per
    young person, with the moment of their (first) conference. One pass over the
    organisation's moves into and out of `sustaining`, no anti-join.
    """
    t = ReferralTransition
    conference_at = func.min(case((t.to_status == S.sustaining, t.at)))
    left_before_start = func.max(
        case(((t.from_status == S.sustaining) & (t.at < starts_at), 1), else_=0)
    )
    per_referral = (
        select(t.referral_id.label("referral_id"), conference_at.label("conference_at"))
        .where(
            t.organisation_id == organisation_id,
            t.to_status.in_((S.sustaining, *SUSTAINING_EXITS)),
            t.at < ends_at,
        )
        .group_by(t.referral_id)
        .having(conference_at.is_not(None), left_before_start == 0)
        .subquery("per_referral")
    )
    return (
        select(
            Referral.young_person_id.label("young_person_id"),
            func.min(per_referral.c.conference_at).label("conference_at"),
        )
        .join(
            Referral,
            (Referral.id == per_referral.c.referral_id)
            & (Referral.organisation_id == organisation_id),
        )
        .group_by(Referral.young_person_id)
        .subquery("supported")
    )


async def fetch(session: AsyncSession, statement: Executable) -> list[tuple[Any, ...]]:
    """The rows of `statement` as plain tuples (subquery columns carry no Python type)."""
    return [tuple(row) for row in (await session.execute(statement)).all()]


async def tally(session: AsyncSession, statement: Executable) -> dict[Any, int]:
    """A `SELECT key, count(*) ... GROUP BY key` as a dictionary."""
    return {key: int(count) for key, count in await fetch(session, statement)}


def day_of(moment: Any) -> ColumnElement[Any]:
    """The calendar date (UTC) of a timestamp column."""
    return func.date(moment)


def months_after(moment: Any, months: int, *, postgres: bool) -> ColumnElement[Any]:
    """The date `months` calendar months after a timestamp column's date."""
    if postgres:
        return func.date(moment + text(f"interval '{int(months)} months'"))
    return func.date(moment, f"+{int(months)} months")
