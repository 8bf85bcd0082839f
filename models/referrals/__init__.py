"""The journey: referrals coming in (self, social worker, coordinator), invites and deep links
that join a chat, and the state machine every referral moves along, with who, when and why.
"""
