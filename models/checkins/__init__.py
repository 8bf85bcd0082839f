"""Check-ins after the conference: the cadence, sending when due, one gentle reminder, missed
and nudged, the coordinator's hand on the schedule, and the young person's answers.
"""
