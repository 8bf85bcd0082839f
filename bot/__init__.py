"""The Telegram bot (python-telegram-bot): young people's conversations, coordinators' nudges.

Imports `models` only — never `api`, `scheduler` or `kith`.
"""
