"""Referrals and moves along the journey."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from api.schemas.common import Id, Label, LongText, Name, Read, ShortText, example
from models.core.enums import ActorKind, Priority, ReferralSource, ReferralStatus


class ReferralCreate(BaseModel):
    model_config = example(
        young_person_id=1,
        source="social_worker",
        priority="standard",
        referrer_name="Alex Patel (social worker)",
        referrer_contact="alex.patel@northshire.example.gov.uk",
    )

    young_person_id: Id
    source: Literal["social_worker", "coordinator"] = Field(
        description="Self-referrals come through the bot"
    )
    priority: Priority = Priority.standard
    referrer_name: Name | None = None
    referrer_contact: ShortText | None = None


Move = Literal[
    "accepted",
    "declined",
    "allocated",
    "planning",
    "searching",
    "conference_planned",
    "opted_out",
    "withdrawn",
    "closed",
    "received",
]


class ReferralMoveCreate(BaseModel):
    model_config = example(to="accepted", reason="meets the council's rule")

    to: Move = Field(
        description="Where to move; a young person who opted out comes back to where they left"
    )
    reason: LongText | None = Field(default=None, description="Required for declined, withdrawn")
    reason_code: Label | None = None
    coordinator_id: Id | None = Field(default=None, description="Required for allocated")


class TransitionRead(Read):
    id: int
    from_status: ReferralStatus | None
    to_status: ReferralStatus
    at: datetime
    by_kind: ActorKind
    by_user_id: int | None
    reason: str | None
    reason_code: str | None


class ReferralRead(Read):
    id: int
    young_person_id: int
    source: ReferralSource
    priority: Priority
    status: ReferralStatus
    referrer_name: str | None
    referrer_contact: str | None
    eligible: bool | None
    eligibility_notes: str | None
    received_at: datetime
    status_changed_at: datetime
    allowed_moves: list[ReferralStatus]


class ReferralDetailRead(ReferralRead):
    transitions: list[TransitionRead]


class ReferralPage(BaseModel):
    items: list[ReferralRead]
    next_cursor: str | None
