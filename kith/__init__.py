"""Kith's wiring: settings, start-up and the `kith` command line.

May import `models`, `bot`, `api` and `scheduler` (it is the one place that joins them);
none of them import `kith`.
"""
