"""Kith's domain: entities and the rules that change them.

The only place rules live. Imports nothing from `bot`, `api`, `scheduler` or `kith`;
they import this package and call its keyword-only, session-first functions. One
subpackage per part of the field, each holding its tables and the rules that change them:

    core/          base, db, types, enums, clock, crypto, scoping, working days and hours
    staff/         organisations, accounts, passwords, tokens, TOTP, sign-in throttling
    young_people/  the young person, consent, controls, rights, caseload, measures, timeline
    referrals/     intake, invites and deep links, joining from the chat, the journey
    network/       connections, the young person's own people, tracing, the circle
    meetings/      meetings, the conference and its plan
    checkins/      cadence, rounds, the coordinator's schedule, answers
    reminders/     reminders, birthdays and meeting reminders
    nudges/        raising nudges, timed rules, the digest, today
    outbox/        queueing, claiming, pace, reachability, delivery
    email/         the email outbox: nudges by email, claimed and sent by the scheduler
    safeguarding/  danger recognition and concerns
    reports/       the programme report
    audit.py       who saw or changed a child's record
    chat_state.py  what only the bot holds about a chat
"""

from models.audit import AuditEvent
from models.chat_state import ConversationState, ProcessedUpdate
from models.checkins.checkin import CheckIn, CheckInAnswer
from models.core.base import Base
from models.email.message import OutboundEmail
from models.meetings.meeting import Commitment, Meeting
from models.network.connection import Connection
from models.network.contact_log import ContactLogEntry
from models.network.history import ConnectionStatusChange
from models.nudges.channels import NudgePreference
from models.nudges.nudge import Nudge
from models.outbox.message import OutboundMessage
from models.outbox.pace import SendPace, SendSlot
from models.referrals.invites import InviteCode
from models.referrals.referral import Referral, ReferralTransition
from models.reminders.reminder import Reminder
from models.staff.organisation import Organisation
from models.staff.throttling import LoginAttempt, SignInCounter
from models.staff.tokens import ApiToken
from models.staff.user import User
from models.staff.web_sessions import WebSession
from models.young_people.consent import Consent
from models.young_people.measures import Measure
from models.young_people.replies import CoordinatorReply
from models.young_people.rights import RightsRequest, TellMessage
from models.young_people.young_person import YoungPerson

__all__ = [
    "ApiToken",
    "AuditEvent",
    "Base",
    "CheckIn",
    "CheckInAnswer",
    "Commitment",
    "Connection",
    "ConnectionStatusChange",
    "Consent",
    "ContactLogEntry",
    "ConversationState",
    "CoordinatorReply",
    "InviteCode",
    "LoginAttempt",
    "Measure",
    "Meeting",
    "Nudge",
    "NudgePreference",
    "Organisation",
    "OutboundEmail",
    "OutboundMessage",
    "ProcessedUpdate",
    "Referral",
    "ReferralTransition",
    "Reminder",
    "RightsRequest",
    "SendPace",
    "SendSlot",
    "SignInCounter",
    "TellMessage",
    "User",
    "WebSession",
    "YoungPerson",
]
