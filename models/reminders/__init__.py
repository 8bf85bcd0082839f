"""Reminders: a young person's own ("message Nan on Sunday at 5pm"), their people's
birthdays (if they turn them on), and the eve of their planning meeting or conference.

One engine: `recurrence` says when each is next due on the young person's local calendar;
`own`, `birthdays` and `meeting_eve` set them; `due` sends what has fallen due, once,
through the outbox, and moves each to its next moment. Only people the young person may
see (rule 1, models.network.people) are ever reminded of.
"""
