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
        "That code did not match. Type the 6 digits the app shows now "
        "(they change every 30 seconds)."
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

TODAY = {
    "note_needed": N_("Say what was done: a concern is closed only with a note."),
    "already_resolved": N_("Someone has already resolved this nudge."),
}

FIELDS = {
    "required": N_("Fill this in."),
    "too_long": N_("Keep this under {limit} characters."),
    "choose": N_("Choose one of the options."),
    "date_needed": N_("Give a date."),
    "date_bad": N_("Give a real date, for example 2026-03-14."),
    "number_bad": N_("Give a whole number from {low} to {high}."),
}

CONTACTS = {
    "moved_meanwhile": N_(
        "Someone moved this person to '{status}' while this page was open. Nothing was "
        "changed: check their move, then choose again."
    ),
    "cannot_move": N_(
        "A person cannot move from '{current}' to '{target}'. From '{current}' they may move "
        "to: {allowed}."
    ),
}

REFERRALS = {
    "moved_meanwhile": N_(
        "This referral moved to '{status}' while this page was open. Nothing was changed: "
        "check the journey below, then choose again."
    ),
    "not_yours": N_("Only a team manager can move this to '{status}'."),
    "choose_coordinator": N_("Choose who will work with this young person."),
    "reason_needed": N_("Give a reason: moving a referral to '{status}' needs one."),
}

ADMIN = {
    "password_needed": N_("Give a temporary password."),
    "email_bad": N_("Type an email address, like sam@mail.uk."),
    "email_taken": N_("There is already an account with this email address."),
    "added": N_("{name} can now sign in and set up their authenticator app."),
    "disabled": N_("{name}'s account is disabled and signed out everywhere."),
    "reset": N_("{name} will set up their authenticator app again at their next sign-in."),
    "not_yourself": N_("You cannot disable your own account."),
    "phone_bad": N_("Type a phone number, like 0300 123 4567."),
    "safeguarding_saved": N_("Saved. Young people and urgent concerns now follow these settings."),
    "on_duty": N_(
        "{name} is on duty now. They hear at once of an urgent concern "
        "about a young person with no worker yet."
    ),
    "off_duty": N_("{name} is no longer on duty."),
}

SETTINGS = {
    "saved": N_("Saved. Nudges now reach you by {channel}."),
    "no_telegram": N_(
        "Your Telegram is not linked yet, so nudges by Telegram cannot reach you. Choose email "
        "or both, or link Telegram with the invite your manager gives you."
    ),
}

# Emails carry no young person's words or name: what kind of thing, and a link.
EMAIL = {
    "urgent_subject": N_("Kith: {title}"),
    "urgent_intro": N_("Something urgent needs you in Kith:"),
    "escalated_subject": N_("Kith: NOT ACKNOWLEDGED: {title}"),
    "escalated_intro": N_(
        "Nobody has acknowledged this after {minutes} minutes. "
        "Please act now, or find someone who can:"
    ),
    "open_link": N_("Open it in the workspace (you will be asked to sign in): {link}"),
    "digest_subject": N_("Kith: {count} things need you today"),
    "digest_subject_one": N_("Kith: one thing needs you today"),
    "digest_intro": N_("Good morning. {count} things need you today:"),
    "digest_intro_one": N_("Good morning. One thing needs you today:"),
    "open_today": N_("See it all on your Today page: {link}"),
    "footer": N_(
        "You get these emails because you chose email for your nudges in Kith (My settings)."
    ),
}

CONTACT_LOG = {
    "future": N_("A contact cannot be logged for a day that has not come yet."),
    "step_before": N_("The next step cannot be due before the contact it follows."),
    "step_needs_text": N_("Say what the next step is, or clear its date."),
}

# Read by the young person, in their chat: their coordinator's message and its button.
REPLY = {
    "from_coordinator": N_("A message from {name}, your coordinator:"),
    "button": N_("Reply"),
}

REPLY_REFUSALS = {
    "empty": N_("Write a message first."),
    "too_long": N_("This message is too long: keep it under {limit} characters."),
    "stopped": N_("{name} used /stop, so Kith sends them no messages. Nothing was sent."),
    "paused": N_("{name} paused messages until {until}. Nothing was sent."),
    "unreachable": N_("{name} blocked the bot, so the message cannot reach them."),
    "not_linked": N_("{name} has not joined the bot on Telegram yet, so there is no chat."),
    "no_consent": N_("{name}'s consent to messages was withdrawn. Nothing was sent."),
}
