"""Signing in: tokens, the second factor, and the coordinator's Telegram link."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field


class TokenRead(BaseModel):
    access_token: str = Field(examples=["kith_3q2v…"])
    token_type: Literal["bearer"] = "bearer"  # noqa: S105
    expires_at: datetime


class TotpEnrolmentRead(BaseModel):
    secret: str = Field(description="Type into an authenticator app, or use the URI as a QR code")
    otpauth_uri: str = Field(examples=["otpauth://totp/Kith:jo%40example.org?secret=…&issuer=Kith"])


class TelegramLinkRead(BaseModel):
    link: str = Field(examples=["https://t.me/KithCompanionBot?start=Zm9vYmFy"])
    expires_at: datetime
