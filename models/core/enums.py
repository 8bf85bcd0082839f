"""The field's vocabularies, as closed sets."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    coordinator = "coordinator"
    manager = "manager"
    admin = "admin"


class Cohort(StrEnum):
    in_care = "in_care"
    care_leaver = "care_leaver"
    former_care_leaver = "former_care_leaver"
    in_custody = "in_custody"
    uasc = "uasc"
    not_sure = "not_sure"


class ReferralSource(StrEnum):
    self = "self"
    social_worker = "social_worker"
    coordinator = "coordinator"


class Priority(StrEnum):
    urgent = "urgent"
    standard = "standard"


class ReferralStatus(StrEnum):
    received = "received"
    accepted = "accepted"
    allocated = "allocated"
    planning = "planning"
    searching = "searching"
    conference_planned = "conference_planned"
    sustaining = "sustaining"
    closed = "closed"
    declined = "declined"
    withdrawn = "withdrawn"
    opted_out = "opted_out"


class ActorKind(StrEnum):
    user = "user"
    young_person = "young_person"
    system = "system"


class ConsentKind(StrEnum):
    taking_part = "taking_part"
    tracing = "tracing"
    bot_messages = "bot_messages"


class ConsentGivenBy(StrEnum):
    young_person = "young_person"
    parental_responsibility = "parental_responsibility"


class ConnectionCategory(StrEnum):
    family = "family"
    friend = "friend"
    carer = "carer"
    professional = "professional"
    community = "community"


class NamedBy(StrEnum):
    young_person = "young_person"
    coordinator = "coordinator"
    family = "family"


class Closeness(StrEnum):
    inner = "inner"
    middle = "middle"
    outer = "outer"


class ConnectionStatus(StrEnum):
    named = "named"
    located = "located"
    contacted = "contacted"
    safety_checked = "safety_checked"
    agreed = "agreed"
    declined = "declined"
    unsafe = "unsafe"
    ended = "ended"


class MeetingKind(StrEnum):
    planning = "planning"
    conference = "conference"
    review = "review"


class CommitmentWho(StrEnum):
    connection = "connection"
    young_person = "young_person"
    coordinator = "coordinator"


class Frequency(StrEnum):
    once = "once"
    weekly = "weekly"
    fortnightly = "fortnightly"
    monthly = "monthly"
    quarterly = "quarterly"
    yearly = "yearly"


class CheckInState(StrEnum):
    scheduled = "scheduled"
    sent = "sent"
    answered = "answered"
    missed = "missed"
    cancelled = "cancelled"


class CommitmentAnswerValue(StrEnum):
    happened = "happened"
    partly = "partly"
    not_yet = "not_yet"


class ReminderKind(StrEnum):
    own = "own"
    birthday = "birthday"
    meeting = "meeting"


class Repeat(StrEnum):
    once = "once"
    weekly = "weekly"
    monthly = "monthly"
    yearly = "yearly"


class OutboxState(StrEnum):
    pending = "pending"
    sent = "sent"
    failed = "failed"
    cancelled = "cancelled"


class NudgeKind(StrEnum):
    new_self_referral = "new_self_referral"
    triage_waiting = "triage_waiting"
    concern = "concern"
    low_wellbeing = "low_wellbeing"
    checkin_missed = "checkin_missed"
    contact_asked = "contact_asked"
    told = "told"
    opted_out = "opted_out"
    unreachable = "unreachable"
    stopped = "stopped"
    review_due = "review_due"
    commitment_not_yet = "commitment_not_yet"
    delivery_failed = "delivery_failed"
    rights_request = "rights_request"
    worried_about_person = "worried_about_person"


class Urgency(StrEnum):
    urgent = "urgent"
    normal = "normal"


class NudgeState(StrEnum):
    open = "open"
    acknowledged = "acknowledged"
    resolved = "resolved"


class MeasureKind(StrEnum):
    network_size = "network_size"
    sdq_total = "sdq_total"
    placement_move = "placement_move"


class InviteKind(StrEnum):
    young_person = "young_person"
    coordinator = "coordinator"


class RightsKind(StrEnum):
    access = "access"
    deletion = "deletion"


class TellKind(StrEnum):
    good_news = "good_news"
    worry = "worry"
    get_in_touch = "get_in_touch"
    # A message the chat's step could not use, sent on when the young person said yes.
    passed_on = "passed_on"


class ContactChannel(StrEnum):
    """How a coordinator tried to reach someone in the network (the contact log)."""

    call = "call"
    text = "text"
    letter = "letter"
    email = "email"
    visit = "visit"
    social_media = "social_media"
    records_search = "records_search"


class ContactOutcome(StrEnum):
    reached = "reached"
    no_answer = "no_answer"
    left_message = "left_message"
    wrong_details = "wrong_details"
    details_found = "details_found"
    not_found = "not_found"
    declined = "declined"
