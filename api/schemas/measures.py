"""Measures: network size, SDQ total difficulties (0-40), placement moves."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, Field, model_validator

from api.schemas.common import Day, Read, example
from models.core.enums import MeasureKind


class MeasureCreate(BaseModel):
    model_config = example(kind="sdq_total", value=18, recorded_on="2026-03-01")

    kind: MeasureKind
    value: int = Field(ge=0, le=1000, strict=True)
    recorded_on: Day

    @model_validator(mode="after")
    def _sdq_range(self) -> MeasureCreate:
        if self.kind == MeasureKind.sdq_total and self.value > 40:
            raise ValueError("an SDQ total difficulties score is between 0 and 40")
        return self


class MeasureRead(Read):
    id: int
    young_person_id: int
    kind: MeasureKind
    value: int
    recorded_on: date
    recorded_by: int | None
    created_at: datetime


class MeasurePage(BaseModel):
    items: list[MeasureRead]
