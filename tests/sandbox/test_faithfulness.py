"""The sandbox against the Telegram Bot API 10.0 specification: every method it serves, every
parameter it reads or demands, and every object it answers with or sends as an update."""

from __future__ import annotations

import io
import json
from typing import Any

import httpx
import pytest
from PIL import Image

from bot.sandbox import people
from bot.sandbox.methods import ALL
from bot.sandbox.world import BotWorld
from tests.chat.fixtures import SandboxServer
from tests.sandbox.spec import problems, spec


@pytest.mark.parametrize("method", ALL, ids=lambda m: m.name)
def test_each_method_and_parameter_is_in_the_specification(method: Any) -> None:
    declared = spec()["methods"].get(method.name)
    assert declared is not None, f"{method.name} is not a Bot API method"
    fields = {f["name"]: f for f in declared.get("fields", [])}
    for param in method.params:
        assert param.name in fields, f"{method.name}({param.name}) is not in the specification"
        assert sorted(param.types) == sorted(fields[param.name]["types"]), (
            f"{method.name}({param.name}) types {param.types} differ from the specification"
        )
        assert param.required == fields[param.name]["required"], (
            f"{method.name}({param.name}) required={param.required} differs"
        )
    modelled = {p.name for p in method.params}
    missing = [n for n, f in fields.items() if f["required"] and n not in modelled]
    assert not missing, f"{method.name} does not demand {missing}"
    assert sorted(method.returns) == sorted(declared["returns"])


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 6), "teal").save(buffer, "PNG")
    return buffer.getvalue()


async def test_every_answer_and_update_matches_the_specification(
    sandbox_server: SandboxServer, bot_world: BotWorld
) -> None:
    """One conversation that calls every method; each result and update is type-checked."""
    answers: list[tuple[str, Any]] = []
    base = f"{sandbox_server.url}/bot{bot_world.token}"
    bot_world.limiter.limits = bot_world.limiter.limits.__class__(enabled=False)
    sam = bot_world.create_user("Sam", username="sam_j")
    nan = bot_world.create_user("Nan")
    keyboard = {"inline_keyboard": [[{"text": "Yes", "callback_data": "yes"}]]}

    async with httpx.AsyncClient() as client:

        async def call(method: str, files: dict[str, Any] | None = None, **params: Any) -> Any:
            form = {k: v if isinstance(v, str) else json.dumps(v) for k, v in params.items()}
            answer = await client.post(f"{base}/{method}", data=form, files=files)
            body = answer.json()
            assert body["ok"], body
            answers.append((method, body["result"]))
            return body["result"]

        await call("getMe")
        await call("setMyCommands", commands=[{"command": "start", "description": "Begin"}])
        await call("getMyCommands")
        await call("deleteMyCommands")
        people.says(bot_world, sam, "/start")
        sent = await call(
            "sendMessage",
            chat_id=sam.id,
            text="Hi <b>Sam</b>",
            parse_mode="HTML",
            reply_markup=keyboard,
        )
        await call("sendChatAction", chat_id=sam.id, action="typing")
        people.taps(bot_world, sam, sent, "yes")
        updates = await call("getUpdates", timeout=0)
        callback = next(u for u in updates if "callback_query" in u)["callback_query"]
        await call("answerCallbackQuery", callback_query_id=callback["id"], text="Thanks")
        await call("editMessageText", chat_id=sam.id, message_id=sent["message_id"], text="Hi")
        await call(
            "editMessageReplyMarkup",
            chat_id=sam.id,
            message_id=sent["message_id"],
            reply_markup=keyboard,
        )
        photo = await call(
            "sendPhoto",
            chat_id=sam.id,
            caption="A picture",
            files={"photo": ("p.png", png(), "image/png")},
        )
        await call(
            "sendDocument",
            chat_id=sam.id,
            files={"document": ("plan.txt", b"the plan", "text/plain")},
        )
        await call("getFile", file_id=photo["photo"][0]["file_id"])
        await call(
            "sendMessage",
            chat_id=sam.id,
            text="Pick one",
            reply_markup={"keyboard": [[{"text": "A"}, {"text": "B"}]]},
        )
        await call("deleteMessage", chat_id=sam.id, message_id=sent["message_id"])

        said = people.says(bot_world, sam, "hello")
        people.edits(bot_world, sam, said, "hello again")
        people.replies(bot_world, sam, photo, "nice")
        people.sends_photo(bot_world, sam, png(), caption="me")
        people.sends_document(bot_world, sam, b"%PDF", "a.pdf", "application/pdf")
        people.sends_sticker(bot_world, sam)
        people.sends_voice(bot_world, sam)
        people.sends_video(bot_world, sam)
        people.sends_location(bot_world, sam, 51.5, -0.1)
        people.sends_contact(bot_world, sam, "+44 7700 900000", "Nan")
        people.blocks(bot_world, sam)
        people.unblocks(bot_world, sam)
        group = bot_world.create_group("Family", [sam, nan])
        people.adds_bot_to_group(bot_world, nan, group)
        people.says(bot_world, nan, "hi all", chat=group)
        await call("getUpdates", offset=updates[-1]["update_id"] + 1, timeout=0)
        await call("leaveChat", chat_id=group.id)
        await call("setWebhook", url="http://127.0.0.1:9/never", secret_token="s3cret")
        await call("getWebhookInfo")
        await call("deleteWebhook")

    exercised = {method for method, _ in answers}
    assert exercised == {m.name for m in ALL}, "every served method is exercised here"
    methods = spec()["methods"]
    wrong = [
        problem
        for method, result in answers
        for problem in problems(result, methods[method]["returns"], method)
    ]
    assert not wrong, "\n".join(wrong)
    polled = [update for method, result in answers if method == "getUpdates" for update in result]
    kinds = {key for update in polled for key in update if key != "update_id"}
    assert {"message", "edited_message", "callback_query", "my_chat_member"} <= kinds
