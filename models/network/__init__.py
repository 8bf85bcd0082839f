"""The people who matter to a young person: naming them, the coordinator's tracing of each
(named -> located -> contacted -> safety_checked -> agreed), the circle picture, and rule 1,
found is not shown (`people.visible_addressed_to`, the one rule for everything the young
person sees or is reminded of).
"""
