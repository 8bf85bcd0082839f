"""Reminders a young person asked for, birthdays of their people, and meetings: when each is
next due in local time, and sending it.
"""
