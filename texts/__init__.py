"""The one text catalog: every word a young person or a coordinator reads from Kith.

`catalog` holds the gettext machinery (Babel); `chat` the conversations, `unasked` what the
scheduler sends unasked (check-ins, reminders), `staff` nudges and the digest. Imports nothing
of Kith, so the bot, the API, the scheduler and the domain may all use it.
"""
