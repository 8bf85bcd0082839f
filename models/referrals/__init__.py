"""The journey: referrals coming in (self, social worker, coordinator), invites and deep links
that join a chat, finding a self-referring young person's council (or the placing council
when they don't know it), and the state machine every referral moves along — with the rules
of who may move it where (`moving.move_as`: triage and allocation are a manager's,
allocating names a coordinator, consent before the work), recorded with who, when and why.
"""
