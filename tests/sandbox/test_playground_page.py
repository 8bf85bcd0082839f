"""The playground page's small API: a visitor picks a name, talks, taps; bad input is a 4xx."""

from __future__ import annotations

import httpx

from bot.sandbox.app import Sandbox
from bot.sandbox.playground import playground_routes


async def test_a_visitor_talks_and_taps_and_bad_input_is_refused() -> None:
    sandbox = Sandbox()
    world = sandbox.new_bot()
    coordinator = world.create_user("Alex", opened=True)
    app = sandbox.app(playground_routes(world, coordinator))
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://playground") as client:
        page = await client.get("/")
        state = (await client.get("/playground/state")).json()
        nameless = await client.post("/playground/people", json={"name": "  "})
        sam = (await client.post("/playground/people", json={"name": "Sam"})).json()
        said = await client.post(
            f"/playground/chats/{sam['chat_id']}/messages", json={"text": "hi"}
        )
        nobody = await client.post("/playground/chats/1/messages", json={"text": "hi"})
        no_button = await client.post(
            f"/playground/chats/{sam['chat_id']}/taps", json={"message_id": 99, "data": "x"}
        )
        chat = (await client.get(f"/playground/chats/{sam['chat_id']}?since=-1")).json()
    await sandbox.close()
    assert page.status_code == 200 and "Kith playground" in page.text
    assert state["coordinator"]["chat_id"] == coordinator.id
    assert nameless.status_code == 400
    assert said.status_code == 200
    assert (nobody.status_code, no_button.status_code) == (400, 400)
    assert [m["text"] for m in chat["messages"]] == ["hi"]
    assert world.updates.pending[-1]["message"]["text"] == "hi"


async def test_a_visitor_picks_the_language_their_telegram_app_reports() -> None:
    sandbox = Sandbox()
    world = sandbox.new_bot()
    app = sandbox.app(playground_routes(world, world.create_user("Alex", opened=True)))
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://playground") as client:
        page = await client.get("/")
        amira = await client.post(
            "/playground/people", json={"name": "أميرة", "language_code": "ar-SA"}
        )
        plain = (await client.post("/playground/people", json={"name": "Sam"})).json()
        odd = await client.post(
            "/playground/people", json={"name": "Sam", "language_code": "<script>"}
        )
    await sandbox.close()
    assert 'value="ti-ER"' in page.text and 'value="fa-AF"' in page.text
    assert amira.status_code == 200 and amira.json()["language_code"] == "ar-SA"
    assert world.users[amira.json()["chat_id"]].language_code == "ar-SA"
    assert world.users[plain["chat_id"]].language_code == "en"
    assert odd.status_code == 400
