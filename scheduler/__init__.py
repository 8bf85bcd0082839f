"""APScheduler jobs that make time pass: the outbox, check-ins, reminders and nudges.

Imports `models` only — never `bot`, `api` or `kith`; the sender it drives is handed to it.
"""
