"""What a young person reads when something may be wrong, and when the bot cannot use a message.

The gentle question for possible danger, its three answers, the offer to pass a message on,
and the plain words outside working hours (DESIGN rule 4; docs/safeguarding.md). The helplines
themselves are texts.chat.HELPLINES, said first whenever there is clear danger.
"""

from __future__ import annotations

from texts.catalog import N_

# --- Possible danger: one gentle question, three answers ------------------------------
ARE_YOU_SAFE = N_("It sounds like something might be wrong. Are you safe right now?")
BTN_HELP_NOW = N_("I need help now")
BTN_TELL_WORKER = N_("Tell my worker")
BTN_IM_OK = N_("I'm OK")
SENT_TO_WORKER = N_(
    "Thank you for telling me. I have sent your message to your worker, so a person can help."
)
GLAD_OK = N_("OK. I'm here if you need me. Childline is free on 0800 1111, any time.")

# --- A message the current step cannot use: never dropped ------------------------------
ASK_PASS_ON = N_("Shall I send this to your worker?")
BTN_YES_SEND = N_("Yes, send it")
NOT_SENT = N_("OK, I have not sent it.")
HELD_GONE = N_(
    "Sorry, I don't have that message any more. Please send it again if you want me to pass it on."
)
# Not joined yet (no worker to pass it to): the step they were at, shown again.
STEP_AGAIN = N_("Here is where we were. Or send /cancel to stop.")

# --- Out of working hours: when a person will read it, and who to call now ------------
CONCERN_LATER = N_(
    "I have told your worker and their manager. No one is reading right now, "
    "so a person will read it by {when}."
)
READ_BY = N_("A person will read it by {when}.")
OUT_OF_HOURS_TEAM = N_(
    "To talk to someone from your council now, call their out-of-hours team on {phone}. "
    "If you are in danger, call 999."
)
