"""Keeping a young person safe: recognising danger in what they write, and the concern
raised at once, closed only by a person.
"""
