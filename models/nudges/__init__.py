"""What a coordinator should act on: raising a nudge (urgent ones at once), the rules that
raise them as time passes, the 09:00 digest, and what needs them today.
"""
