"""Every text a young person or coordinator reads in the chat: the one catalog's message ids.

Written for a reading age of about 11: short, warm, never blaming. Each is an English msgid,
marked with N_ so Babel extracts it; `texts.catalog.t` translates it for the chat's language.
Placeholders in braces are filled after translation. No parse mode is used anywhere, so a
name like "<3 Nan" or "Sam_J." needs no escaping.
"""

from __future__ import annotations

from texts.catalog import N_

# --- Welcome and consent --------------------------------------------------------------
WELCOME = N_(
    "Hi! I'm Kith. I am here for young people in care, and for those who have left care. "
    "I help you stay close to the people who matter to you."
)
WELCOME_WHAT = N_(
    "Here is how it works. You tell me who matters to you. A worker from your council "
    "helps you find people and keep in touch. I can send you reminders and ask how you are."
)
WELCOME_STORED = N_(
    "What I keep: the name you like, your age, and the people you tell me about. "
    "Only the Kith team at your council can see it. You can ask to see it or delete it "
    "at any time."
)
WELCOME_NOT_WATCHED = N_(
    "I'm not watched all the time. A person reads messages in working hours. "
    "If you need help now, you can call Childline free on 0800 1111."
)
ASK_CONSENT = N_("Are you happy to go on?")
BTN_YES_GO_ON = N_("Yes, let's go")
BTN_NOT_NOW = N_("Not now")
BTN_TELL_ME_MORE = N_("Tell me more")
TELL_ME_MORE = N_(
    "Kith is part of Lifelong Links. It helps you build a group of people who care about "
    "you. Nothing happens without you. You choose who to add. You can stop at any time."
)
SAID_NO = N_(
    "That's fine. I have not saved anything about you. Send /start if you change your mind."
)
WELCOME_BACK = N_("Hi {name}, good to see you again! Send /help to see what I can do.")
MESSAGES_BACK_ON = N_("Welcome back, {name}! Your messages are on again.")

# --- Invite link ----------------------------------------------------------------------
INVITE_UNKNOWN = N_(
    "I don't know that link. Please ask your worker for a new one. Or send /start to "
    "join by yourself."
)
INVITE_USED = N_(
    "That link has been used already. Each link works once. Please ask your worker for a new one."
)
INVITE_EXPIRED = N_("That link is too old now. Please ask your worker for a new one.")
INVITE_LINKED = N_("Thanks, {name}! You are now linked to your Kith team. Send /help to start.")
CHAT_ALREADY_LINKED = N_("This chat is already linked. Send /help to see what I can do.")

# --- Self-referral --------------------------------------------------------------------
PRIVACY_NOTICE = N_("Only the Kith team at your council will see your answers.")
ASK_NAME = N_("What would you like me to call you?")
BAD_NAME = N_("Please send a short name, up to 40 letters.")
ASK_AGE = N_("How old are you? Send a number, like 14. Or tap Skip.")
BAD_AGE = N_("Please send your age as a number from 10 to 25. Or tap Skip.")
ASK_CARE = N_("Are you in care now, or have you left care?")
BTN_IN_CARE = N_("In care now")
BTN_LEFT_CARE = N_("I have left care")
BTN_NOT_SURE = N_("Not sure")
ASK_COUNCIL = N_("Which council looks after you, or used to?")
NO_COUNCILS = N_(
    "Sorry, no council can take new people here yet. Please ask your social worker about "
    "Lifelong Links."
)
ASK_COUNCIL_TYPED = N_(
    "Which council looks after you, or used to? Type its name, or your town. Or tap I don't know."
)
PICK_COUNCIL = N_("Is it one of these? Tap it. Or type it again.")
NO_COUNCIL_MATCH = N_("I could not find that one. Try typing it another way, or tap I don't know.")
NO_PLACING_COUNCIL = N_(
    "That's OK. Ask your carer or worker which council looks after you, then type it here."
)
BTN_DONT_KNOW = N_("I don't know")
ASK_WORKER = N_("Do you have a social worker or a personal adviser?")
BTN_YES = N_("Yes")
BTN_NO = N_("No")
BTN_SKIP = N_("Skip")
ASK_TIME = N_("When is the best time for me to message you?")
BTN_MORNING = N_("Morning")
BTN_AFTERNOON = N_("Afternoon")
BTN_AFTER_SCHOOL = N_("After school")
BTN_EVENING = N_("Evening")
REFERRED = N_(
    "Thank you, {name}! I have sent this to the Kith team at {council}. "
    "A person will read it by {when}. They will get in touch with you soon."
)
NEXT_STEPS = N_("While you wait, you can tell me about the people who matter to you. Send /help.")

# --- Menu and help --------------------------------------------------------------------
HELP = N_("What would you like to do?")
BTN_MY_PEOPLE = N_("My people")
BTN_MY_CIRCLE = N_("My circle picture")
BTN_REMINDERS = N_("Reminders")
BTN_TELL = N_("Message my worker")
BTN_PAUSE = N_("Pause messages")
BTN_MY_DATA = N_("What you know about me")
BTN_STOP = N_("Stop all messages")
BTN_LANGUAGE = N_("Language")
NOT_JOINED = N_("First, send /start so we can get to know each other.")
CANCELLED = N_("OK, we stopped there. Nothing was saved. Send /help to see what I can do.")

# --- My people ------------------------------------------------------------------------
NO_PEOPLE_YET = N_("You have not added anyone yet. Who matters to you?")
PEOPLE_LIST = N_("Your people:")
BTN_ADD_PERSON = N_("Add someone")
BTN_CHANGE = N_("Change {name}")
BTN_REMOVE = N_("Remove {name}")
ASK_PERSON_NAME = N_("What is their name or nickname?")
ASK_RELATIONSHIP = N_("Who are they to you?")
REL_MUM = N_("Mum")
REL_DAD = N_("Dad")
REL_BROTHER = N_("Brother")
REL_SISTER = N_("Sister")
REL_GRANDPARENT = N_("Nan or Grandad")
REL_AUNT_UNCLE = N_("Aunt or Uncle")
REL_COUSIN = N_("Cousin")
REL_FRIEND = N_("Friend")
REL_FOSTER_CARER = N_("Foster carer")
REL_TEACHER = N_("Teacher")
REL_SOCIAL_WORKER = N_("Social worker or PA")
REL_SOMEONE_ELSE = N_("Someone else")
ASK_IN_TOUCH = N_("Are you in touch with {name} now?")
ASK_WANTS_CONTACT = N_("Would you like to be in touch with {name}, or more in touch?")
ASK_CLOSENESS = N_("How close do you feel to {name}?")
BTN_INNER = N_("Very close")
BTN_MIDDLE = N_("Close")
BTN_OUTER = N_("A bit close")
ASK_BIRTHDAY = N_("When is {name}'s birthday? Send it like 25/12. Or tap Skip.")
BAD_BIRTHDAY = N_("I could not read that date. Send it like 25/12. Or tap Skip.")
WORRY_NOTICE = N_("Only your worker will see the next answer.")
ASK_WORRY = N_("Is anything about {name} worrying you? You don't have to say what.")
PERSON_ADDED = N_("I have added {name} to your circle.")
WORRY_NOTED = N_("Thank you for telling me. Your worker will know, and can talk it over with you.")
BTN_ADD_ANOTHER = N_("Add someone else")
BTN_DONE = N_("Done")
ASK_WHAT_TO_CHANGE = N_("What would you like to change about {name}?")
BTN_NAME = N_("Name")
BTN_CLOSENESS = N_("How close")
BTN_BIRTHDAY = N_("Birthday")
PERSON_CHANGED = N_("Done! I have changed that for {name}.")
ASK_REMOVE = N_("Take {name} out of your circle?")
BTN_YES_REMOVE = N_("Yes, take them out")
BTN_NO_KEEP = N_("No, keep them")
PERSON_REMOVED = N_("OK. {name} is not in your circle now.")
PERSON_KEPT = N_("OK. {name} stays in your circle.")
PERSON_GONE = N_("I can't find that person now. Here is your list.")

# --- Circle picture -------------------------------------------------------------------
CIRCLE_CAPTION = N_("Your circle. The people closest to you are near the middle.")
CIRCLE_EMPTY = N_("Your circle is empty so far. Add someone first.")
LEGEND_FAMILY = N_("Family")
LEGEND_FRIEND = N_("Friends")
LEGEND_CARER = N_("Carers")
LEGEND_PROFESSIONAL = N_("Workers")
LEGEND_COMMUNITY = N_("Others")

# --- Reminders ------------------------------------------------------------------------
NO_REMINDERS = N_("You have no reminders yet.")
REMINDERS_LIST = N_("Your reminders:")
REMINDER_LINE = N_("{what}, {when}")
BTN_NEW_REMINDER = N_("New reminder")
BTN_CANCEL_REMINDER = N_("Cancel: {what}")
BTN_BIRTHDAYS_ON = N_("Birthday reminders: turn on")
BTN_BIRTHDAYS_OFF = N_("Birthday reminders: turn off")
BIRTHDAYS_ON = N_("Birthday reminders are on. I will remind you 3 days before, and on the day.")
BIRTHDAYS_OFF = N_("Birthday reminders are off.")
ASK_REMINDER_WHO = N_("Who is the reminder about?")
BTN_JUST_ME = N_("Just me")
ASK_REMINDER_WHAT = N_("What should I remind you to do?")
WHAT_MESSAGE = N_("Message {name}")
WHAT_CALL = N_("Call {name}")
WHAT_VISIT = N_("Visit {name}")
WHAT_CARD = N_("Send {name} a card")
WHAT_OWN = N_("Something else")
ASK_REMINDER_TEXT = N_("Type what I should remind you about.")
ASK_REMINDER_DAY = N_("Which day?")
BTN_TODAY = N_("Today")
BTN_TOMORROW = N_("Tomorrow")
ASK_REMINDER_TIME = N_("What time?")
ASK_REMINDER_REPEAT = N_("How often?")
BTN_ONCE = N_("Just once")
BTN_WEEKLY = N_("Every week")
BTN_MONTHLY = N_("Every month")
REMINDER_SET = N_("Done! I will remind you: {what}, {when}.")
REMINDER_PAST = N_("That time has gone already. Please pick another day or time.")
REMINDER_CANCELLED = N_("That reminder is cancelled.")
REMINDER_GONE = N_("That reminder has gone already.")

# --- Check-ins ------------------------------------------------------------------------
CHECKIN_THANKS_FACE = N_("Thank you for telling me.")
ASK_COMMITMENT = N_("Did this happen? {what}")
BTN_HAPPENED = N_("Yes")
BTN_PARTLY = N_("A bit")
BTN_NOT_YET = N_("Not yet")
ASK_CHECKIN_MORE = N_(
    "Is there anything you want your worker to know? Type it here. Or tap a button."
)
BTN_GET_IN_TOUCH = N_("Please get in touch")
CHECKIN_DONE = N_("Thank you! That's all for now.")
CHECKIN_CLOSED = N_("That check-in has finished. Thank you!")

# --- /tell ----------------------------------------------------------------------------
ASK_TELL_KIND = N_("What would you like to tell your worker?")
BTN_GOOD_NEWS = N_("Good news")
BTN_WORRY = N_("A worry")
ASK_TELL_TEXT = N_("Type your message. Only your worker and their team will read it.")
TOLD = N_("Sent! Your worker will read it.")
TOLD_LATER = N_("Sent! A person will read it by {when}.")

# --- Controls -------------------------------------------------------------------------
ASK_PAUSE = N_("How long should I pause check-ins?")
BTN_ONE_WEEK = N_("1 week")
BTN_TWO_WEEKS = N_("2 weeks")
BTN_FOUR_WEEKS = N_("4 weeks")
BTN_DONT_PAUSE = N_("Don't pause")
PAUSED = N_("OK. No check-ins until {when}. Reminders you set still come.")
NOTHING_CHANGED = N_("OK. Nothing has changed.")
STOPPED = N_(
    "Done. I will not send you any more messages. Your worker has been told. "
    "Your council still keeps your case record, because the law says it must. "
    "Send /start if you want messages again."
)
MY_DATA_INTRO = N_("Here is what Kith keeps about you:")
MY_DATA_NAME = N_("The name you like: {name}")
MY_DATA_COUNCIL = N_("Your council: {council}")
MY_DATA_WORKER = N_("Your worker: {worker}")
MY_DATA_AGE = N_("Your age: {age}")
MY_DATA_PEOPLE = N_("People in your circle: {count}")
MY_DATA_REMINDERS = N_("Reminders: {count}")
MY_DATA_CHECKINS = N_("Check-ins you answered: {count}")
MY_DATA_TOLD = N_("Messages to your worker: {count}")
MY_DATA_LOGGED = N_(
    "Your worker also keeps a case record. You can ask to see all of it. I have asked the "
    "team to send you a full copy. They will do it within a month."
)
ASK_DELETE = N_(
    "This deletes what only this chat keeps: your reminders, our chat steps and the link "
    "to this chat. Your council keeps your case record, because the law says it must. "
    "Go ahead?"
)
BTN_YES_DELETE = N_("Yes, delete")
BTN_NO_KEEP_IT = N_("No, keep it")
DELETED = N_(
    "Done. I have deleted what this chat kept. The team will check the rest within a month. "
    "Send /start if you ever want to come back."
)
NOT_DELETED = N_("OK. Nothing was deleted.")
ASK_LANGUAGE = N_("Which language would you like?")
LANGUAGE_SET = N_("OK! I will use this language from now on.")

# --- Safety and out of hours ----------------------------------------------------------
HELPLINES = N_(
    "It sounds like things might be hard right now. You are not alone. You can get help now:\n"
    "Childline: call 0800 1111 (free, any time)\n"
    "Samaritans: call 116 123\n"
    "Text SHOUT to 85258\n"
    "Runaway Helpline: call or text 116 000\n"
    "NHS: call 111 and pick option 2\n"
    "If you are in danger now, call 999."
)
CONCERN_RAISED = N_("I have told your worker and their manager, so a person can help.")
OUT_OF_HOURS = N_(
    "I'm a bot, and no one is reading right now. A person will read your messages by {when}. "
    "If you need help now, call Childline on 0800 1111."
)

# --- Bad input ------------------------------------------------------------------------
NOT_UNDERSTOOD = N_("Sorry, I didn't get that. Send /help to see what I can do.")
ONLY_WORDS = N_("I can only read words and buttons. Please type your answer, or send /help.")
STILL_WAITING = N_("I'm still waiting for your answer above. Or send /cancel to stop.")
NO_LOCATIONS = N_(
    "Please don't send me where you are. I don't keep places, and I have not saved this."
)
EDITED = N_("I only read new messages. Please send it again as a new message.")
UNKNOWN_COMMAND = N_("I don't know that command. Send /help to see what I can do.")
TOO_LONG = N_("That is a lot to read! Please send a shorter message, up to 1000 letters.")
OLD_BUTTON = N_("That button is old. Send /help to see what I can do now.")
SOMETHING_WRONG = N_("Sorry, something went wrong on my side. Please try again.")
PRIVATE_ONLY = N_("I only work in a private chat with one person. Bye for now!")

# --- Coordinators ---------------------------------------------------------------------
COORDINATOR_LINKED = N_("Thanks, {name}. Nudges for you will now arrive in this chat.")
COORDINATOR_CHAT = N_("This chat is for your nudges. Please use Kith for everything else.")
NUDGE_ACKNOWLEDGED = N_("Acknowledged. Thank you.")
NUDGE_GONE = N_("I can't find that nudge for you.")

# A button that shows data (a council's or a person's name) and no words of ours.
DATA_LABEL = N_("{label}")
PERSON_LINE = N_("{name}: {relationship}")
NO_CONTACTS = N_("Thanks, but I don't keep phone contacts, and I have not saved this one.")
