"""Staff passwords: the one rule for a good one (every way an account is made or reset calls
it), and hashing with argon2id; a hash is never compared by hand.

The rule is NCSC's and NIST SP 800-63B's: long enough, not one of the passwords people use
most (a list shipped as data), and not built on the person's own name; no rules about
symbols or capitals, which make passwords harder to remember and no harder to guess. The
list, `data/common-passwords.txt`, is the 19,640 most common passwords in public breach
corpora, lower-cased, as Django ships it (BSD licence; compiled by Royce Williams).
"""

from __future__ import annotations

import re
from functools import cache
from importlib.resources import files

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters
MIN_LENGTH = 12
MAX_LENGTH = 200
# Digits and signs people put around a common word to pass a length rule: "password1234".
_PADDING = re.compile(r"^[\d\W_]+|[\d\W_]+$")
_NAME_PARTS = re.compile(r"[^a-z]+")


class WeakPasswordError(ValueError):
    pass


@cache
def common_passwords() -> frozenset[str]:
    text = files("models.staff.data").joinpath("common-passwords.txt").read_text("utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip())


def _name_parts(email: str | None) -> list[str]:
    """ "jo.bloggs1@x" → ["jobloggs", "bloggs"]: the name parts long enough to mean something."""
    if not email:
        return []
    local = email.strip().lower().split("@", 1)[0]
    parts = [part for part in _NAME_PARTS.split(local) if len(part) >= 3]
    whole = "".join(_NAME_PARTS.split(local))
    return list(dict.fromkeys([whole, *parts])) if len(whole) >= 3 else parts


def _repeats(text: str) -> bool:
    """ "abcabcabcabc", "aaaaaaaaaaaa": one short piece over and over."""
    return any(
        len(text) % size == 0 and text == text[:size] * (len(text) // size)
        for size in range(1, len(text) // 2 + 1)
    )


def password_problem(password: str, *, email: str | None = None) -> str | None:
    """Why this password will not do, in words the person can act on; None if it will."""
    if len(password) < MIN_LENGTH:
        return f"a password needs at least {MIN_LENGTH} characters"
    if len(password) > MAX_LENGTH:
        return f"a password can have at most {MAX_LENGTH} characters"
    folded = password.lower()
    squeezed = "".join(folded.split())
    core = _PADDING.sub("", squeezed)
    common = common_passwords()
    if folded in common or squeezed in common or not core or core in common or _repeats(core):
        return (
            "this password is one of the most common ones, or one with numbers added: "
            "choose another (three or four random words work well)"
        )
    for part in _name_parts(email):
        if part in squeezed:
            return "a password must not contain the name in your email address"
    return None


def check_password_rule(password: str, *, email: str | None = None) -> None:
    problem = password_problem(password, email=email)
    if problem is not None:
        raise WeakPasswordError(problem)


def hash_password(password: str, *, email: str | None = None) -> str:
    """The hash of a password that keeps the rule (WeakPasswordError otherwise)."""
    check_password_rule(password, email=email)
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


# A real hash to verify against when the account does not exist, so timing reveals nothing.
DUMMY_HASH = _hasher.hash("kith-no-such-account-placeholder")
