"""Every message Kith sends unasked: queued in the caller's transaction, claimed with a lease,
paced within Telegram's limits across processes, and what Telegram's answer means for the
row. `reachability` is the last check before anything leaves: /stop, /pause (which holds back
all but what the young person asked for), a blocked bot, withdrawn consent, quiet hours.
"""
