"""A local stand-in for the Telegram Bot API, so the real python-telegram-bot code runs over
real HTTP in tests, benchmarks and the playground (Telegram cannot be reached from here).

    sandbox = Sandbox()                         # every bot it knows, by token
    world = sandbox.new_bot(clock=clock)        # one bot: its people, chats and updates
    async with serving(sandbox.app(), bind()) as served:
        base_url = f"{served.url}/bot"          # give this to ApplicationBuilder().base_url
        sam = world.create_user("Sam")
        people.says(world, sam, "/start")       # the bot receives a message with a command
        world.bot_messages(world.private_chat(sam))

Parts: `world.py` (the state), `people.py` (what people do: the control API), `methods/`
(the Bot API methods, declared with the specification's parameter names and types),
`limits.py` (429 past Telegram's rates), `faults.py` (5xx, slow answers, dropped
connections), `updates.py` (getUpdates long poll, webhook delivery with retries),
`playground.py` (the web chat page).

Where the sandbox knowingly differs from Telegram (each for running on loopback, offline):
- setWebhook takes any http(s) URL (Telegram demands HTTPS on ports 443/80/88/8443), and
  delivers one update at a time, in order (Telegram may use up to 40 connections).
- A photo keeps one size (Telegram sends several); files given by URL are recorded, not
  fetched; file_ids are the sandbox's own.
- Parameters it does not model are ignored (Telegram would honour them); the faithfulness test
  checks that every parameter it does model is the specification's.
- The per-chat limit is a token bucket (1 a second, bursts of 3, configurable), a stand-in for
  Telegram's unpublished exact rule.
"""
