"""A young person's own record and rights: who they are, their consents, their controls
(/stop, /pause), what is held about them (/mydata), who may see them (caseload), their measures
and their timeline.
"""
