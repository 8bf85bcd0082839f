"""My settings: how nudges reach me (Telegram, email or both)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, Response

from models.nudges.channels import NudgeChannel, by_telegram, channel_of, choose_channel
from texts.catalog import t
from texts.workspace import SETTINGS
from workspace.desk import AnyDesk
from workspace.forms import Form, form_of
from workspace.rendering import render

router = APIRouter()


async def _page(
    desk: AnyDesk, *, form: Form | None = None, notice: str | None = None, status_code: int = 200
) -> Response:
    channel = await channel_of(session=desk.session, user_id=desk.user.id)
    warning = None
    if by_telegram(channel) and desk.user.telegram_chat_id is None:
        warning = t(None, SETTINGS["no_telegram"])
    return render(
        desk.request,
        "settings.html",
        status_code=status_code,
        nav="settings",
        form=form or Form({"channel": channel.value}),
        channels=list(NudgeChannel),
        notice=notice,
        problem=warning,
    )


@router.get("/settings", name="settings_page", response_class=HTMLResponse)
async def settings_page(desk: AnyDesk) -> Response:
    return await _page(desk)


@router.post("/settings", name="save_settings")
async def save(desk: AnyDesk) -> Response:
    form = await form_of(desk.request)
    channel = form.choice("channel", NudgeChannel)
    if channel is None:
        return await _page(desk, form=form, status_code=422)
    await choose_channel(session=desk.session, now=desk.now, user=desk.user, channel=channel)
    desk.audit("update", "user", desk.user.id)
    await desk.session.commit()
    return await _page(desk, notice=t(None, SETTINGS["saved"], channel=channel.value))
