"""Putting an email in the email outbox, and the nudge emails themselves.

A nudge email says what kind of thing needs the coordinator and links to the workspace; it
never carries a young person's words or name (an inbox is read on shared screens and phones,
and forwarded): the detail is behind the workspace's sign-in.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from models.core.db import add_now
from models.email.message import OutboundEmail
from models.nudges.nudge import Nudge
from models.staff.user import User
from texts.catalog import t
from texts.staff import NUDGE_TITLES
from texts.workspace import EMAIL


async def enqueue_email(
    *,
    session: AsyncSession,
    now: datetime,
    user: User,
    kind: str,
    subject: str,
    body: str,
    dedupe_key: str,
) -> OutboundEmail:
    """One email to `user`'s own address; the same cause (dedupe_key) yields the same row."""
    existing = await session.scalar(
        select(OutboundEmail).where(OutboundEmail.dedupe_key == dedupe_key)
    )
    if existing is not None:
        return existing
    email = OutboundEmail(
        organisation_id=user.organisation_id,
        user_id=user.id,
        to_address=user.email,
        kind=kind,
        subject=subject[:200],
        body=body,
        dedupe_key=dedupe_key,
        due_at=now,
        created_at=now,
    )
    return await add_now(session, email)


# Stored in the email as written; the sender puts the workspace's address in its place, so
# the domain need not know where the workspace is served.
WORKSPACE = "{workspace}"


def nudge_link(nudge: Nudge, workspace_url: str = WORKSPACE) -> str:
    base = workspace_url.rstrip("/")
    if nudge.young_person_id is not None:
        return f"{base}/young-people/{nudge.young_person_id}#nudge-{nudge.id}"
    return f"{base}/#nudge-{nudge.id}"


def _body(*paragraphs: str) -> str:
    """Every email: its paragraphs, then the one footer."""
    return "\n\n".join([*paragraphs, t(None, EMAIL["footer"])])


async def email_urgent_nudge(
    *,
    session: AsyncSession,
    now: datetime,
    nudge: Nudge,
    user: User,
    escalated_after: int | None = None,
) -> OutboundEmail:
    """An urgent nudge by email; `escalated_after` minutes when sent again unacknowledged."""
    title = t(None, NUDGE_TITLES[nudge.kind])
    if escalated_after is None:
        intro = t(None, EMAIL["urgent_intro"])
        subject = t(None, EMAIL["urgent_subject"], title=title)
        key = f"nudge:{nudge.id}:{nudge.occurrences}:email:{user.id}"
    else:
        intro = t(None, EMAIL["escalated_intro"], minutes=escalated_after)
        subject = t(None, EMAIL["escalated_subject"], title=title)
        key = f"nudge:{nudge.id}:escalated:email:{user.id}"
    return await enqueue_email(
        session=session,
        now=now,
        user=user,
        kind="nudge",
        subject=subject,
        body=_body(intro, title, t(None, EMAIL["open_link"], link=nudge_link(nudge))),
        dedupe_key=key,
    )


async def email_digest(
    *,
    session: AsyncSession,
    now: datetime,
    user: User,
    nudges: Sequence[Nudge],
    day: str,
) -> OutboundEmail:
    one = "_one" if len(nudges) == 1 else ""
    lines = [f"• {t(None, NUDGE_TITLES[n.kind])}: {nudge_link(n)}" for n in nudges]
    body = _body(
        t(None, EMAIL["digest_intro" + one], count=len(nudges)),
        "\n".join(lines),
        t(None, EMAIL["open_today"], link=WORKSPACE + "/"),
    )
    return await enqueue_email(
        session=session,
        now=now,
        user=user,
        kind="digest",
        subject=t(None, EMAIL["digest_subject" + one], count=len(nudges)),
        body=body,
        dedupe_key=f"digest:{user.id}:{day}:email:{nudges[0].id}",
    )
