"""The scheduler: APScheduler ticking Kith's jobs on the running event loop.

Due work lives in our tables and is claimed row by row, so APScheduler keeps only the
ticks, in memory (its job stores cannot be shared between processes): any number of
schedulers can run against one PostgreSQL. Every job has an explicit id,
`replace_existing`, `coalesce` (a backlog of ticks runs once) and a misfire grace time.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from models.checkins.rounds import follow_up_checkins, send_due_checkins
from models.core.clock import Clock
from models.nudges.digest import DIGEST_GRACE, digest_owed, send_digests
from models.nudges.timed import nudge_reviews_due, nudge_waiting_referrals
from models.outbox.pace import forget_old_chats
from models.reminders.due import send_due_reminders
from models.safeguarding.escalation import escalate_unacknowledged_concerns
from scheduler.dispatcher import Dispatcher, OutboxSettings, worker_name
from scheduler.jobs import Work, run_job
from scheduler.mailer import SmtpMailer, send_due_emails
from scheduler.sender import Sender


@dataclass(frozen=True)
class SchedulerSettings:
    timezone: str = "Europe/London"
    outbox: OutboxSettings = field(default_factory=OutboxSettings)
    checkin_grace: timedelta = timedelta(hours=24)
    reminder_grace: timedelta = timedelta(hours=6)
    digest_hour: int = 9
    # How long `stop` lets jobs finish (the outbox's sends in flight) before cutting them off:
    # with the process's own teardown, SIGTERM to exit stays under 5 s.
    stop_within: float = 3.5


log = logging.getLogger("kith.scheduler")


class _SkippedTickFilter(logging.Filter):
    """A long outbox drain makes APScheduler skip the next ticks: expected, not a warning."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "maximum number of running instances reached" not in record.getMessage()


class KithScheduler:
    def __init__(
        self,
        *,
        sessionmaker: async_sessionmaker[AsyncSession],
        sender: Sender,
        clock: Clock,
        settings: SchedulerSettings,
        worker: str | None = None,
        mailer: SmtpMailer | None = None,
    ) -> None:
        self._sessionmaker = sessionmaker
        self._mailer = mailer
        self._clock = clock
        self.settings = settings
        self.dispatcher = Dispatcher(
            sessionmaker=sessionmaker,
            sender=sender,
            clock=clock,
            worker=worker or worker_name(),
            settings=settings.outbox,
        )
        self._apscheduler: AsyncIOScheduler | None = None
        # Held while the outbox drains: one drain at a time in a process.
        self._running = asyncio.Lock()
        # Every job running now, so `stop` can let them finish instead of cutting them off.
        self._jobs_running: set[asyncio.Task[object]] = set()
        self._stopping = False

    # The jobs: each a `(session, now) -> counts` function run through `run_job`.

    async def _outbox(self, session: AsyncSession, now: datetime) -> Mapping[str, int]:
        return await self.dispatcher.drain(session=session, now=now)

    async def _checkins(self, session: AsyncSession, now: datetime) -> Mapping[str, int]:
        due = await send_due_checkins(session=session, now=now, grace=self.settings.checkin_grace)
        later = await follow_up_checkins(session=session, now=now)
        return {
            "sent": due.sent,
            "missed": due.missed + later.missed,
            "cancelled": due.cancelled,
            "reminded": later.reminded,
        }

    async def _reminders(self, session: AsyncSession, now: datetime) -> Mapping[str, int]:
        counts = await send_due_reminders(
            session=session, now=now, grace=self.settings.reminder_grace
        )
        return {"sent": counts.sent, "skipped": counts.skipped}

    async def _nudges(self, session: AsyncSession, now: datetime) -> Mapping[str, int]:
        tz = self.settings.timezone
        return {
            "triage_waiting": await nudge_waiting_referrals(session=session, now=now, tz=tz),
            "review_due": await nudge_reviews_due(session=session, now=now, tz=tz),
        }

    async def _escalations(self, session: AsyncSession, now: datetime) -> Mapping[str, int]:
        """Urgent concerns nobody acknowledged in time, sent again to every manager."""
        return {"escalated": await escalate_unacknowledged_concerns(session=session, now=now)}

    async def _digest(self, session: AsyncSession, now: datetime) -> Mapping[str, int]:
        queued = await send_digests(session=session, now=now, tz=self.settings.timezone)
        return {"digests": queued}

    async def _digest_catch_up(self, session: AsyncSession, now: datetime) -> Mapping[str, int]:
        """At start: the digest Kith missed while it was down this morning."""
        owed = await digest_owed(
            session=session, now=now, tz=self.settings.timezone, hour=self.settings.digest_hour
        )
        return await self._digest(session, now) if owed else {"digests": 0}

    async def _email(self, session: AsyncSession, now: datetime) -> Mapping[str, int]:
        """The email outbox (nudges for staff who chose email); none without SMTP settings."""
        if self._mailer is None:
            return {"sent": 0, "failed": 0}
        return await send_due_emails(
            session=session, now=now, mailer=self._mailer, worker=self.dispatcher.worker
        )

    async def _housekeeping(self, session: AsyncSession, now: datetime) -> Mapping[str, int]:
        # The send pace runs on real time (models/outbox/pace.py), not the injected clock.
        wall = time.time()
        return {"paces_forgotten": await forget_old_chats(session=session, now=wall)}

    def jobs(self) -> dict[str, Work]:
        return {
            "outbox": self._outbox,
            "email": self._email,
            "checkins": self._checkins,
            "reminders": self._reminders,
            "nudges": self._nudges,
            "escalations": self._escalations,
            "digest": self._digest,
            "digest_catch_up": self._digest_catch_up,
            "housekeeping": self._housekeeping,
        }

    async def run(self, name: str) -> Mapping[str, int] | None:
        """Run one job now, through the same wrapper as the ticks (tests and `kith` use this)."""
        if self._stopping:
            return None  # a tick that fired as `stop` began
        task = asyncio.current_task()
        if task is not None:
            self._jobs_running.add(task)
        try:
            async with self._running if name == "outbox" else contextlib.nullcontext():
                return await run_job(
                    name, self.jobs()[name], sessionmaker=self._sessionmaker, clock=self._clock
                )
        except asyncio.CancelledError:
            if not self._stopping:
                raise
            # `stop` ran out of grace and cut this job off: said once, not as a traceback.
            log.warning(json.dumps({"event": "job_cut_off_at_stop", "job": name}))
            return None
        finally:
            if task is not None:
                self._jobs_running.discard(task)

    async def tick(self) -> None:
        """Everything that makes time pass, once, in order: what a test does after moving time."""
        for name in ("nudges", "escalations", "checkins", "reminders", "outbox", "email"):
            await self.run(name)

    def start(self) -> None:
        """Start ticking on the running event loop (inside `kith run` or `kith scheduler`)."""
        logging.getLogger("apscheduler.scheduler").addFilter(_SkippedTickFilter())
        scheduler = AsyncIOScheduler(
            event_loop=asyncio.get_running_loop(), timezone=self.settings.timezone
        )
        every = {
            "outbox": IntervalTrigger(seconds=1),
            "email": IntervalTrigger(seconds=5),
            "checkins": IntervalTrigger(minutes=1),
            "reminders": IntervalTrigger(minutes=1),
            "nudges": IntervalTrigger(minutes=30),
            "escalations": IntervalTrigger(minutes=1),
            "housekeeping": IntervalTrigger(hours=1),
            "digest": CronTrigger(day_of_week="mon-fri", hour=self.settings.digest_hour, minute=0),
        }
        started = datetime.now(UTC)
        for name, trigger in every.items():
            # Interval jobs run once at start too: what fell due while Kith was down goes now.
            first_run = None if name == "digest" else started
            scheduler.add_job(
                self.run,
                trigger,
                args=[name],
                id=f"kith:{name}",
                name=name,
                replace_existing=True,
                coalesce=True,
                max_instances=1,
                misfire_grace_time=int(DIGEST_GRACE.total_seconds()) if name == "digest" else 60,
                **({"next_run_time": first_run} if first_run else {}),
            )
        # Once, at start: a digest missed while Kith was down this morning goes now.
        scheduler.add_job(
            self.run,
            "date",
            run_date=started,
            args=["digest_catch_up"],
            id="kith:digest_catch_up",
            name="digest_catch_up",
            replace_existing=True,
            misfire_grace_time=60,
        )
        scheduler.start()
        self._apscheduler = scheduler

    async def stop(self) -> None:
        """Stop ticking and claiming at once; let the jobs running (the sends in flight)
        finish for a moment, then give every unsent row back. Within `stop_within`."""
        self._stopping = True
        started = time.monotonic()
        self.dispatcher.stop_claiming()
        if self._apscheduler is not None:
            # Paused, not shut down: APScheduler's shutdown cancels the jobs still running.
            self._apscheduler.pause()
        others = {t for t in self._jobs_running if t is not asyncio.current_task()}
        grace = self.settings.stop_within
        if others:
            await asyncio.wait(others, timeout=grace * 0.7)
        if any(not t.done() for t in others):
            # Telegram has not answered: stop waiting (those sends are counted as uncertain).
            self.dispatcher.abandon_sends()
            await asyncio.wait(others, timeout=grace * 0.2)
        cut_off = [task for task in others if not task.done()]
        if self._apscheduler is not None:
            self._apscheduler.shutdown(wait=False)  # cancels what is left (said in one line)
            self._apscheduler = None
        for task in cut_off:
            task.cancel()
        if cut_off:
            await asyncio.wait(cut_off, timeout=0.2)
        released = await self.dispatcher.give_back_everything()
        seconds = round(time.monotonic() - started, 2)
        line = {"seconds": seconds, "jobs_cut_off": len(cut_off), "released": released}
        log.info(json.dumps({"event": "scheduler_stopped", **line}))
