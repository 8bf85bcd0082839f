"""Every message Kith sends unasked: queued in the caller's transaction, claimed with a lease,
paced within Telegram's limits across processes, checked for reachability at the last moment,
and what Telegram's answer means for the row.
"""
