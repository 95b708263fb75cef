"""Help: an overview, and a page per command or topic, all in our own words."""

from __future__ import annotations

from core.replies import Reply, Section

OVERVIEW = (
    ("score <program> [u i t]", "weigh a program: I ask what I need, then give a verdict"),
    ("add <program>", "start tracking a program without scoring it yet"),
    ("plan", "all your programs with verdicts, prioritized first, and your visit budget"),
    ("show <program>", "everything stored about one program, with its reasons"),
    ("set <program> <field> <value>", "change one thing, e.g. set Mayo travel 2"),
    ("status <program> <status>", "requested, scheduled, visited, declined, skipped"),
    ("remove <program>", "stop tracking a program and delete what is stored about it"),
    ("check <message>", "read a message to a program against the Match rules before you send it"),
    ("check --from-program <message>", "read what a program wrote to you"),
    ("sent <program> <kind> [date]", "log a message you sent; replied <program> when they answer"),
    ("template <kind> <program>", "an email drafted from what I know: request, thank_you..."),
    ("questions <program>", "5-8 questions to bring to the visit, and what to watch for"),
    ("dates <program>", "2-3 weekday dates to propose, holidays and your arrival skipped"),
    ("debrief <program>", "after a visit: what it answered and how it moved on your list"),
    ("profile", "your applicant profile (IMG, visa, visit budget, interviews)"),
    ("share", "post your visits to this channel and join its study group: never scores or order"),
    ("group", "the plans shared in this channel, trips that overlap, policies members heard"),
    ("unshare", "stop sharing with this channel's group (in a DM: with every group)"),
    ("policy <program> <policy> [source]", "tell the group what a program said about visits"),
    ("plan chart", "the plan with two pictures: priority matrix and visit timeline"),
    ("trips", "your visits grouped into trips, with dates, an order and a cost"),
    ("calendar", "a calendar file: visits, thank-yous due, the Match dates"),
    ("export", "your data as JSON and CSV files"),
    ("forget me", "delete everything stored about you, after a confirmation"),
    ("help <topic>", "more on a command, or: verdicts, scores, match, privacy"),
)

TOPICS: dict[str, str] = {
    "score": (
        "score <program> asks for what I don't know yet: location, program type, the"
        " program's policy on second looks, what a visit should answer, then three scores"
        " from 0 to 3: uncertainty (0 = fit very clear, 3 = very uncertain), importance"
        " (0 = low, 3 = dream program) and travel (0 = very easy, 3 = very hard or"
        " expensive). Give all three at once for an instant verdict: score Mayo 2 3 1."
        ' Quote names that end in a number: score "Area 51" 2 2 1.'
    ),
    "add": "add <program> tracks a program with nothing scored yet; score it later.",
    "plan": (
        "plan lists every program with its verdict: prioritize, consider, virtual, skip or"
        " do not request. Prioritized visits are capped by your budget (1-3, set in profile)."
        " plan chart adds two pictures: uncertainty against importance (size: travel,"
        " colour: verdict) and your visit dates against the deadline."
    ),
    "show": "show <program> prints everything stored about it and the reasons for its verdict.",
    "set": (
        "set <program> <field> <value> changes one field. Fields: name, specialty, city,"
        " state, type, policy, declined, interest, uncertainty, importance, travel, goals,"
        " status, interview, visit, notes, contact, role (coordinator, director, resident),"
        " offered (dates the program offered), detail (from the visit), concerns, debrief,"
        " moved. Examples: set Mayo policy discouraged; set Mayo goals rank_order, training;"
        ' set Mayo visit 2027-02-04; set Mayo contact "Dr. Lee"; set Mayo concerns call'
        " schedule, visa sponsorship."
    ),
    "status": (
        "status <program> <status> records where you are: considering, requested, scheduled,"
        " visited, declined (the program said no) or skipped."
    ),
    "remove": "remove <program> deletes that program and everything stored about it.",
    "profile": (
        "profile shows your applicant profile; profile edit walks through it. IMG status,"
        " being abroad and your visa change how much a visit is worth and how hard travel is."
    ),
    "share": (
        "share posts the programs you plan to visit or have visited, with city and date, to the"
        " channel for everyone in it, and adds your plan to the channel's study group until you"
        " run unshare there. Scores, reasons and your rank order are never shown."
        " Everything else I say stays visible only to you."
    ),
    "group": (
        "group, in a channel, shows the plans its members shared (visits, cities, dates), the"
        " trips that overlap (the same metro area within three days: share a ride or a room)"
        " and what programs told members about second looks. Only members who ran share in"
        " this channel appear; another channel or workspace sees none of it."
    ),
    "unshare": (
        "unshare withdraws your plan from this channel's group; in a DM, from every group."
        " Messages already posted stay in the channel: delete them there if you wish."
    ),
    "policy": (
        "policy <program> <welcome|neutral|discouraged|not_offered> [source] records what a"
        " program said about second looks, for the group with your name and the date, and"
        " for your own program of that name. Members who left a program's policy at neutral"
        " get the group's report in their verdict; their own answer always wins. Example:"
        " policy Mayo not_offered coordinator email, 12 Jan."
    ),
    "trips": (
        "trips groups the visits you asked for or set, and programs whose verdict is prioritize"
        " or consider, into trips by place (cities within 150 km), orders each trip nearest"
        " first from home, proposes workdays (no weekends or federal holidays) ending a week"
        " before the certification deadline, keeps dates you set, and estimates the cost from"
        " config/trips.toml; where a trip costs more or less than your travel score says, it"
        " suggests a new one. Set your home in profile edit for travel costs."
    ),
    "calendar": (
        "calendar sends secondlook.ics: each visit date you set, a thank-you due the day after"
        " (until you log it with sent), and the rank list opening, certification deadline and"
        " Match Day. No scores or notes are in it. Importing it again updates the same events."
    ),
    "export": "export sends your data as two files: JSON (everything) and CSV (one row a program).",
    "forget": (
        "forget me deletes your profile, programs and open conversations on this platform,"
        " after you confirm. It cannot be undone."
    ),
    "check": (
        "check <message> reads a message you mean to send to a program and names what breaks"
        " the Match communication rules: the words, the rule, how serious, and a safer way to"
        " say it. check to <program>: <message> also compares it with what you have already"
        " sent (first choice told to two programs, a second unanswered follow-up, a late"
        " thank-you) and offers to log it. check --from-program <message> reads what a"
        " program wrote to you. Your message is read, never stored."
    ),
    "sent": (
        "sent <program> <kind> [YYYY-MM-DD] [first-choice] logs a message you sent (today if no"
        " date). Kinds: request, confirm, thank_you (thanks), decline_reply, interest,"
        " virtual_request, resident_note, follow_up. Add first-choice if it told them they are"
        " your first choice. Only the kind and date are kept, never the text."
    ),
    "replied": "replied <program> marks everything you sent that program as answered.",
    "template": (
        "template <kind> <program> drafts an email from what I know about the program and"
        " you: request, confirm, thank_you, decline_reply (they don't offer visits),"
        " interest (no visit, interest stays), virtual_request, resident_note. template"
        " <program> lists the kinds that fit its policy: no request goes to a program that"
        " does not offer visits. What I don't know is left [in brackets] and named, so you"
        ' can fill it in or set it (set Mayo contact "Dr. Lee"). Every draft passes check.'
    ),
    "questions": (
        "questions <program> picks 5-8 questions for the visit from your goals and the"
        " concerns you set (set Mayo concerns call schedule, visa), by theme, each with why"
        " it was picked, plus what to watch for on the day and what not to ask."
    ),
    "dates": (
        "dates <program> proposes 2-3 weekdays in the second-look window (from the season"
        " calendar, source named), skipping US federal holidays, dates before you arrive if"
        " you are abroad (profile edit), and the program's offered dates first if you set"
        " them (set Mayo offered 2027-02-03, 2027-02-10)."
    ),
    "debrief": (
        "debrief <program> (asked by itself after status <program> visited) records what"
        " the visit answered, whether the program moved up, stayed or moved down on your own"
        " list, and one detail for the thank-you. plan shows it."
    ),
    "match": (
        "You may say you will rank a program highly, or (once, and only if true) that you"
        " plan to rank it first. You may not ask where you stand or whether you will be"
        " ranked to match, bargain with your list, or ask for a promise. A program may not"
        " ask how you will rank it, where else you applied, or for a commitment; you may"
        " report that to the NRMP policy office. Type check <message> to read one."
    ),
    "verdicts": (
        "Rules, first match wins: a program that does not offer visits, or said no, gets"
        " do not request. No goal for the visit, importance 0-1, or uncertainty 0-1 means"
        " skip (a clear fit with open city questions is worth considering). A program that"
        " discourages visits gets virtual at most. High uncertainty and importance with"
        " manageable travel is prioritized, up to your budget; with very hard travel, only"
        " if the visit could change your rank order. A second look breaks ties and screens"
        " for red flags; it does not lift you from the middle of a list to the top."
    ),
    "scores": (
        "uncertainty: 0 very clear, 1 mostly clear, 2 somewhat uncertain, 3 very uncertain."
        " importance: 0 low, 1 moderate, 2 high, 3 dream / top choice."
        " travel: 0 very easy, 1 manageable, 2 hard, 3 very hard or expensive (visa,"
        " international flight)."
    ),
    "privacy": (
        "Only you see your programs and scores. Answers in channels are visible to you alone"
        " unless you choose to share. A message you check is read, never stored; the message"
        " log keeps only kind, date and whether you said first choice. forget me deletes"
        " everything; export shows what is stored."
    ),
    "dialog": (
        "While I'm asking questions you can type back, skip (keeps what is stored, or leaves"
        " it blank) or cancel (nothing is saved). Pick a choice by its number or its words."
    ),
}
ALIASES = {
    "rules": "verdicts",
    "match rules": "match",
    "nrmp": "match",
    "communication": "match",
    "verdict": "verdicts",
    "framework": "verdicts",
    "score scale": "scores",
    "scale": "scores",
    "delete": "remove",
    "forget me": "forget",
    "back": "dialog",
    "skip": "dialog",
    "cancel": "dialog",
    "commands": "",
}


def help_reply(topic: str | None) -> Reply:
    key = ALIASES.get(topic, topic) if topic else None
    if key:
        if key in TOPICS:
            return Reply(text=TOPICS[key])
        known = ", ".join(sorted(TOPICS))
        return Reply(text=f"No help on '{topic}'. Topics: {known}.")
    lines = "\n".join(f"{usage} — {what}" for usage, what in OVERVIEW)
    return Reply(
        text="SecondLook helps you decide which programs deserve a second look, and how to"
        " ask. Commands:",
        sections=[
            Section(text=lines),
            Section(
                text="Start with: score <program name>. More: help <command>,"
                " help verdicts, help match, help privacy."
            ),
        ],
    )
