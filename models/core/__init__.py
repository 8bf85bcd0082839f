"""The ground every rule stands on: the declarative base, the engine and sessions, column types,
the field's vocabularies, the one clock, encryption at rest, organisation scoping, and England's
working days, working hours and quiet hours.
"""
