"""Sending the email outbox by SMTP: claim due emails, send each, mark it.

Python's own smtplib, run in a worker thread (it blocks). TLS is "starttls" (port 587),
"ssl" (port 465) or "none" (a relay on the same machine, or the tests' server).
"""

from __future__ import annotations

import asyncio
import logging
import smtplib
import ssl
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from email.utils import make_msgid

from sqlalchemy.ext.asyncio import AsyncSession

from models.email.claiming import ClaimedEmail, claim_due_emails, record_email_outcome
from models.email.sending import WORKSPACE

log = logging.getLogger("kith.email")


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int = 587
    tls: str = "starttls"  # starttls, ssl or none
    sender: str = "kith@localhost"
    # Where staff open the workspace: put in place of the links' {workspace}.
    workspace_url: str = "http://127.0.0.1:8000/workspace"
    username: str | None = None
    password: str | None = None
    timeout: float = 20.0


class SmtpMailer:
    def __init__(self, settings: SmtpSettings) -> None:
        self.settings = settings

    def _send_now(self, email: ClaimedEmail) -> None:
        s = self.settings
        message = EmailMessage()
        message["From"] = s.sender
        message["To"] = email.to_address
        message["Subject"] = email.subject
        message["Message-ID"] = make_msgid(domain=s.sender.rpartition("@")[2] or None)
        message.set_content(email.body.replace(WORKSPACE, s.workspace_url.rstrip("/")))
        context = ssl.create_default_context()
        if s.tls == "ssl":
            client: smtplib.SMTP = smtplib.SMTP_SSL(
                s.host, s.port, timeout=s.timeout, context=context
            )
        else:
            client = smtplib.SMTP(s.host, s.port, timeout=s.timeout)
        with client:
            if s.tls == "starttls":
                client.starttls(context=context)
            if s.username and s.password:
                client.login(s.username, s.password)
            client.send_message(message)

    async def send(self, email: ClaimedEmail) -> str | None:
        """None when sent, else what went wrong (the email is tried again later)."""
        try:
            await asyncio.to_thread(self._send_now, email)
        except (OSError, smtplib.SMTPException) as exc:
            log.warning("email %s not sent: %s", email.id, exc)
            return f"{type(exc).__name__}: {exc}"
        return None


async def send_due_emails(
    *, session: AsyncSession, now: datetime, mailer: SmtpMailer, worker: str
) -> Mapping[str, int]:
    """One round: claim (and commit the leases), send outside the transaction, record."""
    claimed = await claim_due_emails(session=session, now=now, worker=worker)
    await session.commit()
    counts = {"sent": 0, "failed": 0}
    for email in claimed:
        error = await mailer.send(email)
        await record_email_outcome(
            session=session,
            now=now,
            email_id=email.id,
            worker=worker,
            error=error,
        )
        await session.commit()
        counts["sent" if error is None else "failed"] += 1
    return counts
