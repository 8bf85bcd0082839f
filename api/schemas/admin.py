"""Admin: staff accounts and the organisation's programme settings."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, Field

from api.schemas.common import ClockTime, Flag, Id, Name, Password, Read, ShortText, example
from api.schemas.young_people import Language, Timezone
from models.checkins.cadence import CadenceError, parse_cadence
from models.core.enums import Cohort, Role
from models.staff.accounts import EMAIL
from models.staff.organisation import PHONE_PATTERN


def _cadence(value: str) -> str:
    try:
        parse_cadence(value)
    except CadenceError as exc:
        raise ValueError(str(exc)) from exc
    return value


Email = Annotated[str, Field(max_length=254, pattern=EMAIL.pattern)]


class UserCreate(BaseModel):
    model_config = example(
        email="jo.bloggs@northshire.example.gov.uk",
        display_name="Jo Bloggs",
        role="coordinator",
        password="a long temporary passphrase",  # noqa: S106
        manager_id=2,
    )

    email: Email
    display_name: Name
    role: Role
    password: Password
    manager_id: Id | None = None


class UserUpdate(BaseModel):
    model_config = example(disabled=True)

    display_name: Name | None = None
    role: Role | None = None
    manager_id: Id | None = None
    disabled: Flag | None = None
    on_duty: Flag | None = Field(
        default=None,
        description="Told at once, with the managers, of an urgent concern about a young "
        "person no coordinator holds yet",
    )


class UserReset(BaseModel):
    model_config = example(password="another long temporary passphrase")  # noqa: S106

    password: Password


class UserRead(Read):
    id: int
    email: str
    display_name: str
    role: Role
    manager_id: int | None
    totp_enrolled: bool
    telegram_linked: bool
    on_duty: bool
    disabled_at: datetime | None
    created_at: datetime


class UserPage(BaseModel):
    items: list[UserRead]


class OrganisationUpdate(BaseModel):
    model_config = example(checkin_cadence="14d,42d,3m,6m,9m,12m", eligible_max_age=25)

    name: ShortText | None = None
    timezone: Timezone | None = None
    quiet_start: ClockTime | None = None
    quiet_end: ClockTime | None = None
    working_start: ClockTime | None = None
    working_end: ClockTime | None = None
    checkin_cadence: Annotated[ShortText, AfterValidator(_cadence)] | None = None
    checkin_reminder_hours: int | None = Field(default=None, ge=1, le=336, strict=True)
    checkin_missed_days: int | None = Field(default=None, ge=1, le=60, strict=True)
    eligible_max_age: int | None = Field(default=None, ge=10, le=30, strict=True)
    eligible_cohorts: list[Cohort] | None = Field(default=None, min_length=1, max_length=10)
    accepts_self_referrals: Flag | None = None
    language: Language | None = Field(
        default=None, description="The language of coordinators' nudges and digests"
    )
    offered_languages: list[Language] | None = Field(
        default=None,
        max_length=20,
        description="The languages offered to young people; null offers every complete one",
    )
    concern_escalation_minutes: int | None = Field(
        default=None,
        ge=1,
        le=240,
        strict=True,
        description="Working minutes an urgent concern may wait unacknowledged before it is "
        "sent again to the coordinator and every manager",
    )
    out_of_hours_phone: str | None = Field(
        default=None,
        max_length=40,
        pattern=PHONE_PATTERN,
        description="The number a young person is given beside 999 when they write about "
        "danger out of working hours (e.g. the emergency duty team); null removes it",
        examples=["0300 123 4567"],
    )


class OrganisationRead(BaseModel):
    id: int
    name: str
    slug: str
    timezone: str
    quiet_start: ClockTime
    quiet_end: ClockTime
    working_start: ClockTime
    working_end: ClockTime
    checkin_cadence: str
    checkin_reminder_hours: int
    checkin_missed_days: int
    eligible_max_age: int
    eligible_cohorts: list[Cohort]
    accepts_self_referrals: bool
    language: str
    offered_languages: list[str] | None = Field(
        description="As set; null means every complete language (see offered_now)"
    )
    offered_now: list[str] = Field(description="The languages young people are offered today")
    concern_escalation_minutes: int
    out_of_hours_phone: str | None
