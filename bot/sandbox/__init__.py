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
"""
