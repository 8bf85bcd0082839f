"""Young people: who they are, for reporting and for how the bot treats them."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AfterValidator, BaseModel, Field, computed_field

from api.schemas.common import ClockTime, Day, Flag, Id, Label, Moment, Name, Read, example
from models.core.enums import Cohort
from texts.languages import LANGUAGES


def _zone(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown timezone '{value}' (e.g. Europe/London)") from exc
    return value


Timezone = Annotated[Label, AfterValidator(_zone)]


def _language(value: str) -> str:
    if value not in LANGUAGES:
        raise ValueError(
            f"'{value}' is not a language Kith speaks (it speaks {', '.join(LANGUAGES)})"
        )
    return value


# A Kith language code (texts/languages.py): BCP 47, as Telegram reports it ("fa-AF" is Dari).
Language = Annotated[
    str,
    Field(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$", max_length=16),
    AfterValidator(_language),
]
SocialWorker = Annotated[str, Field(pattern=r"^(yes|no|not_sure)$")]


class _Fields(BaseModel):
    legal_name: Name | None = None
    date_of_birth: Day | None = None
    age_at_referral: int | None = Field(default=None, ge=5, le=30)
    not_going_home_or_adopted: Flag | None = None
    gender: Label | None = None
    ethnicity: Label | None = None
    disability: Flag | None = None
    quiet_start: ClockTime | None = None
    quiet_end: ClockTime | None = None
    has_social_worker: SocialWorker | None = None
    review_due_on: Day | None = None
    birthday_reminders: Flag | None = None
    paused_until: Moment | None = None


class YoungPersonCreate(_Fields):
    model_config = example(
        preferred_name="Sam",
        date_of_birth="2011-05-14",
        cohort="in_care",
        not_going_home_or_adopted=True,
        gender="girl",
        ethnicity="White British",
        language="en",
        preferred_hour=17,
    )

    preferred_name: Name
    cohort: Cohort
    language: Language = "en"
    timezone: Timezone = "Europe/London"
    preferred_hour: int = Field(default=17, ge=0, le=23, strict=True)
    coordinator_id: Id | None = Field(default=None, description="Managers only")


class YoungPersonUpdate(_Fields):
    model_config = example(preferred_name="Sammy", review_due_on="2026-04-01")

    preferred_name: Name | None = None
    cohort: Cohort | None = None
    language: Language | None = None
    timezone: Timezone | None = None
    preferred_hour: int | None = Field(default=None, ge=0, le=23, strict=True)
    coordinator_id: Id | None = Field(default=None, description="Managers only")


class YoungPersonRead(Read):
    id: int
    preferred_name: str
    legal_name: str | None
    date_of_birth: date | None
    age_at_referral: int | None
    cohort: Cohort
    not_going_home_or_adopted: bool | None
    gender: str | None
    ethnicity: str | None
    disability: bool | None
    language: str = Field(description="The language the young person chose (a Kith code)")
    timezone: str
    quiet_start: ClockTime | None
    quiet_end: ClockTime | None
    preferred_hour: int
    has_social_worker: str | None
    coordinator_id: int | None
    telegram_linked: bool
    birthday_reminders: bool
    messages_stopped_at: datetime | None
    paused_until: datetime | None
    unreachable_at: datetime | None
    review_due_on: date | None
    created_at: datetime

    @computed_field  # type: ignore[prop-decorator]
    @property
    def language_name(self) -> str:
        """The chosen language's English name, e.g. "Tigrinya"."""
        known = LANGUAGES.get(self.language)
        return known.english if known is not None else self.language


class YoungPersonPage(BaseModel):
    items: list[YoungPersonRead]
    next_cursor: str | None = Field(
        description="Pass as ?cursor= for the next page; null at the end"
    )


class InviteRead(BaseModel):
    link: str = Field(examples=["https://t.me/KithCompanionBot?start=Zm9vYmFy"])
    expires_at: datetime


class TimelineEntryRead(Read):
    at: datetime
    kind: str = Field(examples=["transition"])
    summary: str = Field(examples=["referral received → accepted"])
    entity: str
    entity_id: int
    text: str | None = Field(default=None, description="What the young person wrote with /tell")


class TimelineRead(BaseModel):
    young_person_id: int
    entries: list[TimelineEntryRead]
