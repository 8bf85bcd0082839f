"""What the coordinator's workspace says from code (the pages' own texts are in its templates).

Each text is marked with N_ for `pybabel extract`; the workspace translates it with `t()`.
Short, plain, never blaming: a busy coordinator reads these between calls.
"""

from __future__ import annotations

from texts.catalog import N_

SIGN_IN = {
    "idle": N_(
        "You were signed out because nothing happened for a while. "
        "Sign in again to go back to where you were."
    ),
    "ended": N_("Your session has ended. Sign in again to go on."),
    "signed_out": N_("You have signed out."),
    "stale": N_("This sign-in page was open for too long. Please try again."),
    "email_missing": N_("Type your email address."),
    "password_missing": N_("Type your password."),
    "wrong": N_("The email, password or code is wrong. Please try again."),
    "throttled": N_(
        "Too many sign-ins went wrong for this account. Wait 15 minutes, then try again."
    ),
    "enrol_expired": N_("Setting up the app took too long. Sign in again to start over."),
    "enrol_code_wrong": N_(
        "That code did not match. Type the 6 digits the app shows now (they change every 30 seconds)."
    ),
    "demo_gone": N_("This demo link has already been used or has expired."),
}

PAGE_ERRORS = {
    "not_yours_title": N_("This page is not for your role"),
    "not_yours": N_("Your account cannot open this page. Ask your manager if you need it."),
    "stale_form_title": N_("This form was open for too long"),
    "stale_form": N_(
        "Nothing was saved, because the form came from an older session. "
        "Go back, reload the page and send it again."
    ),
    "not_found_title": N_("Not found"),
    "not_found": N_("There is nothing here, or it is not in your caseload."),
    "bad_address_title": N_("That address does not work"),
    "bad_address": N_("Check the link, or go to the start page."),
}
