"""The one password rule, as NCSC and NIST SP 800-63B advise: long enough, not a common one
(or a common one with numbers around it), not the person's own name; nothing about symbols."""

from __future__ import annotations

import pytest

from models.staff.passwords import common_passwords, password_problem

EMAIL = "jo.bloggs@northshire.example.gov.uk"


@pytest.mark.parametrize(
    "password",
    [
        "password1234",
        "Password1234!",
        "qwertyuiop123",
        "123456789012",
        "1qaz2wsx3edc",
        "  sunshine2026  ",
        "football!!!!",
        "aaaaaaaaaaaa",
        "abcabcabcabc",
        "iloveyou iloveyou",
    ],
)
def test_common_passwords_and_common_ones_padded_are_refused(password):
    assert "most common" in (password_problem(password, email=EMAIL) or "")


@pytest.mark.parametrize("password", ["bloggs-family-2026", "JoBloggs rules ok", "my jo bloggs pw"])
def test_a_password_holding_the_emails_name_is_refused(password):
    assert password_problem(password, email=EMAIL) == (
        "a password must not contain the name in your email address"
    )


@pytest.mark.parametrize(
    "password", ["correct horse battery staple", "a long temporary passphrase", "tea-kettle-rain-7"]
)
def test_long_uncommon_passphrases_are_fine(password):
    assert password_problem(password, email=EMAIL) is None


def test_length_is_still_the_first_rule():
    assert password_problem("short", email=EMAIL) == "a password needs at least 12 characters"


def test_the_list_is_shipped_as_data_and_large():
    listed = common_passwords()
    assert len(listed) > 19_000
    assert {"password", "123456", "qwerty", "iloveyou"} <= listed
