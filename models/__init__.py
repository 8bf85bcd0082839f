"""Kith's domain: entities and the rules that change them.

The only place rules live. Imports nothing from `bot`, `api`, `scheduler` or `kith`;
they import this package and call its keyword-only, session-first functions.
"""

from models.audit import AuditEvent
from models.base import Base
from models.botstate import ConversationState, ProcessedUpdate
from models.checkin import CheckIn, CheckInAnswer
from models.connection import Connection
from models.invite import InviteCode
from models.measure import Measure
from models.meeting import Commitment, Meeting
from models.nudge import Nudge
from models.organisation import Organisation
from models.outbox import OutboundMessage
from models.pace import SendPace
from models.referral import Referral, ReferralTransition
from models.reminder import Reminder
from models.rights import RightsRequest, TellMessage
from models.user import ApiToken, LoginAttempt, User
from models.young_person import Consent, YoungPerson

__all__ = [
    "ApiToken",
    "AuditEvent",
    "Base",
    "CheckIn",
    "CheckInAnswer",
    "Commitment",
    "Connection",
    "Consent",
    "ConversationState",
    "InviteCode",
    "LoginAttempt",
    "Measure",
    "Meeting",
    "Nudge",
    "Organisation",
    "OutboundMessage",
    "ProcessedUpdate",
    "Referral",
    "ReferralTransition",
    "Reminder",
    "RightsRequest",
    "SendPace",
    "TellMessage",
    "User",
    "YoungPerson",
]
