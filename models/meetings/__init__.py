"""Meetings along the journey (planning, the family group conference, reviews) and the
conference plan's commitments; holding the conference starts the check-in schedule.
"""
