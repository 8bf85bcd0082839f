"""The people who matter to a young person: naming them, the coordinator's tracing of each
(named -> located -> contacted -> safety_checked -> agreed), who the young person may see
(found is not shown), and the circle picture.
"""
