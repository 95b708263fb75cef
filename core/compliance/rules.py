"""Detectors: one per category, each a question asked of one normalised sentence.

A detector returns the rule it found broken (a short sentence for the user) or None.
Whole-message rules (length, repeated "#1") live in :mod:`core.compliance.checker`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from core.compliance.lexicon import (
    ASKING,
    ASSURED_PLACE,
    CONDITION,
    EVENT_SPOT,
    GUARANTEE,
    MY_RANKING,
    NOT_ASKING,
    POSITION,
    REQUESTS,
    SELF_MEASURE,
    SELF_PROMISE,
    STANDING,
    THEIR_RANKING,
    Pattern,
    PatternSet,
    asked_part,
    fast,
    rx,
)
from core.compliance.model import Category

Detector = Callable[[str], str | None]


@dataclass(frozen=True)
class Rule:
    """A detector, the words without which it cannot fire (a cheap first look), a rewrite."""

    category: Category
    detect: Detector
    suggestion: str
    trigger: Pattern


TRIGGERS = {
    Category.rank_inquiry: r"stand|rank|list|match|chance|odds|running|position|spot|place|shap"
    r"|compar|stack|competitive|cut|candidate|prospect|likel|far|sitting|view|perceiv|expect"
    r"|count on|hopeful|status|where i|how i|how my|rated|evaluat|consider|receiv|applica|candida"
    r"|file|get in|make it|like|impress|felt|feel|think|thought|decid|see|saw|rate|score|top"
    r"|upper|bottom|lower|reach|safe|backup|hope|good news|radar|right side|right track|am i|shot"
    r"|accept|select|chosen|taken|in consideration|contention|of your|look|anticipat|offering"
    r"|possibilit|join|realistic|needle|landed|worth|anything about me|something about me"
    r"|looking good|looking ok|looking strong|interested in me|keen on me|considering me",
    Category.conditional: r"if|provided|long as|assuming|exchange|return|condition|contingent"
    r"|depend|once|in case|should you|should the|as soon|whichever|subject|hinge|mirror|unless"
    r"|otherwise|in turn|only|whoever|come down|comes down|coming down|the moment|recipro|without"
    r"|signal|sign of|sign from|reflect|track|remember|washes|scratch|as you|knowing|should i"
    r"|make my|give you|give your|ready to|willing to|in the case|follow|holding|saving"
    r"|reserving|keeping|the one|or we'll|or i'll|or else"
    r"|both win|win-win"
    r"|tell|share|reveal|disclos|let you know|show"
    r"|mutual|two-way|likewise|quid|halfway|fair trade|deal|same",
    Category.commitment_request: r"guarant|promis|assur|commit|pledge|lock|secur|reserv|hold"
    r"|confirm|word|sure|ensure|count on|certain|definite|100|stone|safe|writ|sign|save|reassur"
    r"|'in'|\"in\"|let me know|tell me|inform me|swear|pinky|cross|vouch|yes|home|compromise"
    r"|for me|take me|mine|held|kept|saved|stating|be offered|land there|hear from|be one of"
    r"|pencil|slot me|put me down|understanding|among the|accepted|locked in|outside the match"
    r"|one of the people|be starting|set aside"
    r"|be there in|take us|take both|take the two|without|all in|committed|covered|got my back"
    r"|you're in'|we'll take",
    Category.over_signaling: r"again|once more|email|message|week|daily|every day|follow|remind"
    r"|previous|last|earlier|prior|times|heard|sorry|bump|resend|still waiting|another|inbox"
    r"|refresh|second|third|fourth|fifth|sixth|several|multiple|umpteenth|nth|\d(st|nd|rd|th)",
    Category.pressure: r"stop|drop|swing|pop|show|turn|come|head|walk|exception|deadline|ultimatum"
    r"|asap|by |before|within|until|no later|town|nearby|area|around|booked|flight|ticket"
    r"|anyway|regardless|even|although|though|despite|still|urgent|sensitive|as soon"
    r"|immediately|need to|have to|must|answer|decision|decide|offer|could i|can i|may i"
    r"|would i",
    Category.bad_question: r"score|step|usmle|comlex|cut|how many|accredit|how long|years|salary"
    r"|stipend|benefit|vacation|located|based|specialt|residency in|program in|board|exam"
    r"|threshold|minimum|average|median|lowest|level|filter|screen|situated|number of|seats"
    r"|accept|take|with an? \d\d\d|\d+ year|\d+ or|three or|four or|prelim|main|primary",
    Category.ranking_question: r"rank|list|first|#1|top|choice|favo|stand|where|prefer|number"
    r"|position|place|spot|lean|put|stack|fall|compar|intend|would it be|choose|pick|ahead"
    r"|above|higher|up there|high up|up top|way up|in the mix|in contention|regarded|ordering",
    Category.other_programs_question: r"else|other|which|what|list|name|interview|how many"
    r"|heard you|hear you|saw you|did they|were at|went to"
    r"|home|another",
    Category.commitment_solicitation: r"commit|promis|pledge|agree|guarant|assur|need|want|like"
    r"|require|expect|looking for|if|once|when|confirm|statement|letter|intent|tell us|let us"
    r"|should|whether|let me|tell me|inform|mean a lot|appreciat|hear|glad|grateful|hope|love"
    r"|update|send us|drop us",
}


# Anchored at the start of a word: the stems are word beginnings ("guarant", "promis").
TRIGGER_PATTERNS = {category: fast(rf"\b(?:{words})") for category, words in TRIGGERS.items()}


def _rule(category: Category, detect: Detector, suggestion: str) -> Rule:
    return Rule(category, detect, suggestion, TRIGGER_PATTERNS[category])


def _asks(sentence: str) -> bool:
    return ASKING.found(sentence) and not NOT_ASKING.found(sentence)


# A hypothetical match is not a question about one, nor a condition on being ranked: "if
# I'm lucky enough to match with you", "I'm committed to coming if I match there".
SUPPOSED_MATCH = re.compile(
    r"\b(if|when|once|should|in case|assuming) (i|we)('m| am| are)? ?(lucky |fortunate )?(enough )?"
    r"(to )?match(ed)?( there| with you| here| at [a-z]+)?"
)


# Chances that belong to someone else: "what are residents' chances of landing a fellowship".
# Chances of something else than matching: "my chances of getting the global surgery elective".
_OTHER_CHANCES = re.compile(
    r"\b(chances?|odds|likelihood) of (getting|landing|doing|being assigned|securing) (the|a|an|my)"
    r" [a-z -]{0,30}\b(elective|rotation|fellowship|research|track|schedule|vacation|call|month"
    r"|block|lottery)\b"
    r"|\b(a|any) chance to (meet|see|talk|speak|ask|visit|tour|attend|shadow|join|hear|sit|observe"
    r"|chat)\b"
    # Chances of doing something in training: "my chances of actually scrubbing a Norwood".
    r"|\b(chances?|odds|likelihood) of (actually |really )?(getting to )?(scrub|operat|perform|do"
    r"|see|rotat|work|present|publish|lead|run|teach|moonlight|travel)\w*\b(?! (here|there"
    r"|with you|at your))"
)
_OTHERS_CHANCES = re.compile(
    r"\b(residents|graduates|grads|fellows|interns|applicants|people|alumni|their|students)('s?)?"
    r" (chances?|odds|likelihood|prospects)\b"
)


# Standing on something that is not a list: "to clarify where I stand with the ECFMG
# certification", "where I stand on the research question you asked".
_STANDING_ON_OTHER_THINGS = re.compile(
    r"\bwhere (i|we) stand on (the|this|that|a|my) (question|issue|topic|matter|choice|decision"
    r"|track|pathway|research|debate|point)\b|"
    r"\bwhere (i|we) (stand|am|are) (with|on|regarding|in terms of|as far as) (the |my |our )?"
    r"(ecfmg|visa|h-?1b|j-?1|step|usmle|comlex|licen[cs]\w*|certif\w*|paperwork|credential\w*"
    r"|onboarding|background|document\w*|exam\w*|boards?\b|graduation|degree|diploma|forms?\b"
    r"|immunization\w*|vaccin\w*|requirements?\b|hours\b|prerequisite\w*|sponsorship)"
)


def without_other_chances(sentence: str) -> str:
    """The sentence without chances that are not the writer's of matching."""
    if any(word in sentence for word in ("chance", "odds", "likelihood", "prospects")):
        return _OTHER_CHANCES.sub("", _OTHERS_CHANCES.sub("", sentence))
    return sentence


_SCORE_WORDS = re.compile(r"\b(step|usmle|comlex|board|boards|score|scores|cut-?off|percentile)\b")


def rank_inquiry(sentence: str) -> str | None:
    part = asked_part(sentence)
    if not part or not ASKING.found(part) or SUPPOSED_MATCH.search(part):
        return None
    if "where" in part:
        part = _STANDING_ON_OTHER_THINGS.sub("", part)
    if about_others(part) and _SCORE_WORDS.search(part):
        return None  # "what Step 2 score do residents need to match here?": a score question
    part = without_other_chances(part)
    if STANDING.found(part) or SELF_MEASURE.found(part):
        return "Asks for ranking information: where you stand, or whether you will be ranked."
    return None


# Questions about how the program treats its residents, not about the writer.
_ABOUT_RESIDENTS = rx(
    r"\b(residents|interns|prelims|fellows|graduates|applicants|candidates|trainees|chiefs"
    r"|a resident|internal)\b"
)
_FIRST_PERSON = rx(r"\b(i|i'm|i'll|i'd|i've|me|my|mine|we|us|our)\b")


def about_others(sentence: str) -> bool:
    """The sentence is about residents or applicants in general, not about the writer."""
    return _ABOUT_RESIDENTS.found(sentence) and not _FIRST_PERSON.found(sentence)


# A guarantee the program gives its residents in general: "is a spot in the IR pathway
# guaranteed for residents who declare interest by PGY-2?" asks about policy, not for a promise.
_GUARANTEED_TO_ALL = rx(
    r"\b(guarantee|guaranteed|promised|assured|reserved)\b.{0,15}\b(for|to) (all |every |any |each"
    r" )?(residents?|interns?|trainees?|those|anyone|everyone|people|graduates|fellows|pgy)\b",
    # How the program is built: "is a preliminary year guaranteed through your affiliate?"
    r"\b(is|are) (a|an|the) ([a-z-]+ ){0,3}(year|prelim|preliminary|transitional|pgy-?1|internship"
    r"|intern year)s?\b.{0,15}\b(guaranteed|included|built in|provided)\b",
)


# "Would it be safe to say I'm in your top half?" asks where the writer stands, not for a
# promise.
_SAFE_TO_SAY = re.compile(r"\b(safe|fair) to (say|assume)\b")


def commitment_request(sentence: str) -> str | None:
    # Past a disclaimer, which may itself name a promise: "I'm not asking where I stand -
    # only whether you can promise I'll be ranked high enough to match."
    part = _SAFE_TO_SAY.sub("", asked_part(sentence))
    if not ASSURED_PLACE.found(part) and not (GUARANTEE.found(part) and POSITION.found(part)):
        return None
    if about_others(sentence) or _GUARANTEED_TO_ALL.found(sentence):
        return None
    if EVENT_SPOT.found(sentence) and not STANDING.found(sentence):
        return None
    if SELF_PROMISE.found(sentence) and not _asks_them_to_promise(sentence):
        return None
    if (
        _asks(sentence)
        or _wants(sentence)
        or (part != sentence and _asks(part))
        or (ASSURED_PLACE.found(part) and REQUESTS.found(part))
    ):
        return "Asks the program for a promise, guarantee or assurance of a position or rank."
    return None


_WANTS = rx(
    r"\b(need|needs|want|wants)\b.{0,25}['\"](yes|you're in|you are in|we'll take|we will take)",
    r"\b(need|needs|needed|want|would like|'d like|would love|'d love|hoping for|hope for|looking"
    r" for|seeking|request|requesting|ask(ing)? for|appreciate|grateful for|value|feel|give me"
    r"|provide|get|seek|seeking)\b.{0,40}\b(guarantee|promise|assurance|commitment|confirmation|pledge|word"
    r"|reassurance|certainty|in writing|written|compromise|understanding|yes)\b",
    r"\b(need|want) (to hear|you to (confirm|tell|say|promise|guarantee))\b",
    r"\b(please|kindly)\b.{0,30}\bconfirm\w*",
    r"\b(guarantee|promise|assurance|pledge|confirmation|word|reassurance|commitment)\b.{0,60}"
    r"\b(would (give|mean|help|put|ease)|peace of mind|at ease|sleep)\b",
    r"\b(please|kindly)\b.{0,30}\b(guarantee|promise|assure|commit|confirm)\b",
    r"\b(assure|promise|guarantee) me\b",
)
_THEY_PROMISE = rx(
    r"\b(you|your program|the program|the committee)\b.{0,20}\b(guarantee|promise|assure|commit"
    r"|pledge|confirm)\b",
    r"\b(guarantee|promise|assure|commit)\w* (me|that i)\b",
)


def _wants(sentence: str) -> bool:
    return _WANTS.found(sentence) and not NOT_ASKING.found(sentence)


def _asks_them_to_promise(sentence: str) -> bool:
    return _THEY_PROMISE.found(sentence)


_RECIPROCITY = rx(
    r"\b(reciproc\w*|mutual(ly)?|two-way street|in return|return the favou?r|same in return"
    r"|likewise|quid pro quo|meet (me|us) halfway|fair trade|deal)\b",
    r"\b(you|your program|the program|the committee|they|program) (also )?(feel|feels|felt) the"
    r" same\b|^(if|should) .{0,30}\b(feel|feels|felt) the same\b",
    r"\bas you (remember|rank|place|put|treat|consider|list) me\b|\bone hand washes the other\b"
    r"|\bscratch (my|your) back\b",
    r"\b(we both win|win-win|both win)\b",
)
_I_RANK_YOU = rx(
    r"\b(i|i'll|i will|i would|i'd|i can|i could|i'm|i am)\b.{0,40}\b(rank|put|place|list"
    r"|keep|move|bump|make)\w*\b.{0,30}\b(you|your program|the program|it|them|[a-z]+"
    r" (medicine|program|hospital))\b",
    r"\b(you|your program|the program)('ll| will| would)? (be|stay|go|move|remain) (at the"
    r" top|#1|first|top|above|higher|high)\b",
    r"\bmy (#1|first|top) (choice|pick|spot|rank|place)\b",
    r"\b(top|first|#1|highest) (of|on) my (rank )?(order )?list\b",
)


# Offering to tell them where they are on the writer's list: half of a trade of rank
# information ("tell me how you ranked me and I'll tell you where you are on mine").
_I_TELL_MY_RANKING = rx(
    r"\b(i'll|i will|i would|i'd|i can|i could|happy to|glad to|willing to|in return)\b.{0,30}"
    r"\b(tell|share|reveal|disclose|let you know|show)\b.{0,40}\b(my (rank |rank order"
    r" |final )?list|my ranking|where (you|your program|the program|you guys) (are|is|stand"
    r"|fall|sit|land)"
    r"|how i('ll| will| plan to)? rank)\b",
)


# Proposing to swap intentions or lists: "might we exchange our respective intentions".
_SWAP_LISTS = rx(
    r"\bscratch my back\b.{0,40}\b(scratch|do the same)\b|\bi('ll)? scratch yours\b",
    r"\b(exchange|swap|trade|share|compare)\w*\b.{0,40}\b(our|each other's|respective|mutual"
    r"|both) (\w+ )?(intentions|plans|lists|rankings|rank lists|preferences|rank order)\b",
)


# Being ranked is not ranking: "any idea if I'm ranked to match at your program".
_I_AM_RANKED = re.compile(
    r"\b(i'm|i am|i was|i'll be|i will be|i'd be|i would be|i get|i got) (being )?(ranked|placed"
    r"|listed|put)\b"
)


# A threat over the list: "Without it, I will be forced to move you further down my list."
_OR_ELSE = rx(
    r"\b(or|otherwise|or else)\b.{0,5}\b(we'll|i'll|we will|i will)\b.{0,10}\b(move|drop|put|push"
    r"|rank|place)\w*\b.{0,30}\b(down|lower|further down|below|off)\b.{0,15}\b(my|our) (rank )?"
    r"list\b",
    r"\bwithout (it|that|this|one|a (sign|signal|word|reply|response))\b.{0,40}\b(move|drop|put"
    r"|rank|place|push)\w*\b.{0,40}\b(down|lower|further down|below|off)\b.{0,15}\bmy (rank )?"
    r"list\b",
)


# Interest that follows the program's view of the writer: "my enthusiasm will follow how
# strongly the committee sees me", "I'm holding my top spot for a program that has me in
# its matching range".
_FOLLOWS_THEIRS = rx(
    r"\bmy (final )?(ordering|order|list|ranking|rank list|decision)\b.{0,20}\b(will|would)"
    r" (naturally |largely |simply )?(reflect|follow|track|mirror|depend on)\b.{0,20}\b(the )?"
    r"(signals?|signs?|interest|encouragement|feedback|word)\b",
    # "Where Vanderbilt ends up depends a lot on whether I'd be a priority for you as well."
    r"\bwhere [a-z' ]{1,30} (ends up|lands|falls|goes|sits)\b.{0,30}\b(depends?|hinges?|rests?)\b"
    r".{0,30}\b(whether|if|on) (i'd|i would|i'll|i am|i'm|i will) be\b.{0,20}\b(priority|high"
    r"|ranked|top|favou?red|wanted)",
    r"\bmy (enthusiasm|interest|excitement|ranking|rank list|list|final list|decision|top spot"
    r"|first choice)\b.{0,40}\b(follow|track|mirror|reflect|match|depend|be shaped|be guided"
    r"|be determined)\w*\b.{0,20}\bhow (strongly|highly|high|well|much|favou?rably)\b.{0,30}"
    r"\b(you|your|the committee|the program|the faculty|they)\b",
    r"\b(holding|saving|reserving|keeping)\b.{0,5}\bmy (top|first|#1|number one)( spot| place"
    r"| position| choice| slot)? for (a|the|whichever|whatever|any) program (that|which|who)\b"
    r".{0,30}\b(has|ranks|puts|places|wants|sees|keeps|lists|holds) (me|us)\b",
    # "Whichever program lets me know I'm a priority will get it."
    r"\b(whichever|whoever|the one that|the one who|the program that|the program which|the first"
    r" (one|program) (that|to))\b.{0,25}\b(tells?|lets? me know|shows?|signals?|confirms?|says?"
    r"|assures?|reassures?)( me)?( that)? (i'm|i am|i'll be|i will be|i'd be|they('re| are))\b"
    r".{0,40}\b(will get|gets|get|wins|will win|will have|takes|will take|earns|will earn)\b",
)


_NO_CONDITION = re.compile(
    r"\b(nothing|none|not|n't|never|no part)\b[a-z' ]{0,25}\b(depends?|depending|hinges?|contingent"
    r"|conditional)\b( on| upon)?"
)
# Said as an answer, opening its clause; not wanted ("I need to know the feeling is mutual").
_MUTUAL_REPLY = re.compile(
    r"(^|[,;:-] |\band )(the|that|this) feeling is (very |entirely |completely )?mutual\b"
)


def without_denied_conditions(sentence: str) -> str:
    """The sentence without conditions that set none: a match supposed ("coming if I
    match there"), a condition denied ("nothing depends on hearing back"), a kind note
    answered ("the feeling is mutual")."""
    terms = SUPPOSED_MATCH.sub("", sentence) if "match" in sentence else sentence
    return _NO_CONDITION.sub("", _MUTUAL_REPLY.sub("", terms))


def conditional(sentence: str) -> str | None:
    if _OR_ELSE.found(sentence):
        return "Makes your ranking depend on a sign from the program."
    if _FOLLOWS_THEIRS.found(sentence):
        return "Makes your interest depend on how the program ranks you."
    if _SWAP_LISTS.found(sentence):
        return "Offers your ranking in exchange for theirs."
    if _I_TELL_MY_RANKING.found(sentence) and (
        THEIR_RANKING.found(sentence) or STANDING.found(sentence)
    ):
        return "Offers your ranking in exchange for theirs."
    active = _I_AM_RANKED.sub("", sentence)
    mine = _I_RANK_YOU.found(active) or MY_RANKING.found(active)
    if not mine:
        return None
    # A match supposed is no condition on being ranked: "I'm committed to coming if I match
    # there, and you're at the top of my list." Nor is a condition denied ("nothing about
    # my decision depends on hearing back"), or a kind note answered ("the feeling is mutual").
    terms = without_denied_conditions(sentence)
    theirs = THEIR_RANKING.found(terms)
    if CONDITION.found(terms) and theirs:
        return "Trades your ranking for theirs, or makes your interest depend on being ranked."
    if _RECIPROCITY.found(terms) and (theirs or "rank" in terms):
        return "Trades your ranking for theirs, or makes your interest depend on being ranked."
    return None


_REPEATS = rx(
    r"\b(my|this is my|this is the) (second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth"
    r"|\d+(st|nd|rd|th)|several|many|multiple|umpteenth|nth) (email|message|note|letter|follow"
    r"[- ]?up|attempt|time (writing|reaching|emailing))",
    r"\b(following|follow) up (again|once more|yet again|one more time)\b",
    r"\b(again|once more|yet again)\b.{0,40}\b(follow(ing)? up|checking in|reaching out)\b",
    r"\b(follow(ing)? up|checking in|reaching out)\b.{0,40}\b(again|once more|yet again)\b",
    r"\b(my|the) (previous|last|earlier|prior) (\w+ )?(emails|messages|notes|letters"
    r"|follow-?ups)\b",
    r"\b(haven't|have not|did not|didn't) (heard|hear|received|gotten|get) (back|a (reply"
    r"|response)).{0,40}\b(emails|messages|several|multiple|times|weeks)\b",
    r"\b(every|each|once a) (week|weekly|few days|day|monday|friday)\b.{0,60}\b(email|write"
    r"|update|check in|reach out|send|remind)",
    r"\b(email|write|update|check in|reach out|send|remind)\w*\b.{0,60}\b(every|each|once a)"
    r" (week|few days|day|monday|friday)\b",
    r"\bweekly (update|email|reminder|check-?in|note|message)s?\b",
    r"\b(emailed|written|written to you|reached out|messaged|contacted) (you )?(several|multiple"
    r"|many|a few|three|four|five|\d+) times\b",
    r"\b(remind(ing)? you again|another reminder|one more reminder|just another)\b",
    r"\bsorry (for|to be) (the )?(many|multiple|repeated|all the|so many) (emails|messages)\b",
    r"\b(bump(ing)?|resend(ing)?|re-?sending|sending (this|it) again|still waiting|in case my"
    r" (last|previous|earlier) (email|message|note)|circling back again|another (email|note"
    r"|message|follow-?up|update)|yet another)\b",
    r"\b(check(ing)? (my )?(inbox|email)|refresh(ing)?)\b.{0,30}\b(every|daily|constantly"
    r"|hourly|all the time)\b",
    r"\b(i've|i have) (written|emailed|messaged|reached out|sent)\b.{0,30}\b(a few|several"
    r"|multiple|many|three|four|five|few) (times|emails|notes|messages)\b",
    r"\b(daily|every day|each day|twice a week|every other day)\b",
)


def over_signaling(sentence: str) -> str | None:
    if _REPEATS.found(sentence):
        return "Too many messages: one thank-you and at most one follow-up is the norm."
    return None


_UNINVITED = rx(
    r"\b(stop|drop|swing|come|pop|show|turn) (by|in|up|over|around)\b.{0,60}\b(anyway|regardless"
    r"|even (if|though)|unannounced|uninvited|whether or not|either way|without|in person|on"
    r" (monday|tuesday|wednesday|thursday|friday|saturday|sunday)|next week|this week|tomorrow"
    r"|the \d)",
    r"\b(i'll|i will|i am going to|i'm going to|i plan to|planning to|i intend to) (be|stop|drop"
    r"|swing|come|pop|show|visit|head|walk|turn)\b.{0,60}\b(anyway|regardless|even (if|though)"
    r"|unannounced|uninvited|whether or not|either way|without (an )?(invitation|invite|appointment"
    r"|confirmation))",
    r"\b(even though|although|though|despite|i know|i understand|i realize|i realise|i saw|i read"
    r"|i see)\b.{0,80}\b(not offer|no (second|2nd) look|not (accepting|allowing|hosting|doing)"
    r"|not (be )?(able|possible)|aren't offer|are not offer|don't offer|do not offer"
    r"|discourage|won't be considered|not be considered|don't (do|host|allow))\b.{0,120}\b(but"
    r"|still|anyway|however|could|would|can|exception|make an exception|squeeze|any chance"
    r"|any way)\b",
    r"\b(make|making) an exception\b",
    r"\b(booked|bought|purchased|reserved) (a |my )?(flight|ticket|hotel|train)\b.{0,80}"
    r"\b(come|visit|stop|drop|be there|see you|campus|hospital)\b",
    r"\b(i'll|i will|i'm going to|i am going to|i plan to) (just )?(show up|turn up|come|stop"
    r" by|drop by|swing by|pop in|pop by|walk in|head over)\b.{0,60}\b(morning report|rounds"
    r"|noon conference|clinic|office|hospital|campus|department|conference)\b",
    r"\b(even|still)\b.{0,30}\b(though|if|after|when)\b.{0,60}\b(not offer|no second look"
    r"|said no|declined|not possible|discourag|not allowed|not hosting|aren't hosting)\b",
    r"\b(could|can|would|may) i (still|at least|nevertheless|anyway)\b.{0,60}\b(come|visit"
    r"|stop|drop|shadow|tour|see)\b",
    r"\b(i'll|i will|i'm|i am) (be )?(in (town|the area|the city|the building)|nearby|around)\b"
    r".{0,80}\b(stop by|drop by|swing by|pop in|come by|say hi|visit|meet)\b",
)
_DEADLINE = rx(
    r"\b(by|before|no later than|until|within) (the end of (the|this|next) (week|day|month)"
    r"|(this |next )?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)|tomorrow"
    r"|tonight|eod|end of day|\d+ (days|hours)|(january|february|march|jan|feb|mar) \d+"
    r"|\d+/\d+|the \d+(st|nd|rd|th)?)\b.{0,60}\b(let me know|reply|respond|answer|decide|hear"
    r"|confirm|know|tell|get back)",
    r"\b(let me know|reply|respond|answer|decide|hear back|confirm|tell me|get back to me"
    r"|need (an|your) (answer|response|reply|decision))\b.{0,60}\b(by|before|no later than"
    r"|within) (the end of|(this |next )?(monday|tuesday|wednesday|thursday|friday|saturday"
    r"|sunday)|tomorrow|tonight|eod|end of day|\d+ (days|hours)|(january|february|march|jan"
    r"|feb|mar) \d+|\d+/\d+|the \d+(st|nd|rd|th)?|friday|[a-z]+day)\b",
    r"\b(i need to know|i have to know|i must know|need an answer|need a decision)\b.{0,60}\b(by"
    r"|before|soon|asap|quickly|urgently|deadline)\b",
    r"\b(other|another) (program|offer|place)s?\b.{0,60}\b(waiting|deadline|decide|decision|need"
    r" to know)\b",
    r"\b(deadline|ultimatum)\b.{0,40}\b(for you|your (program|team|answer|response))\b",
    r"\basap\b.{0,40}\b(let me know|reply|respond|answer|decision)\b",
    r"\b(another|other) (offer|program|deadline)\b.{0,80}\b(soon|quickly|asap|decide|answer"
    r"|respond|let me know|hear)\b",
    r"\b(i need|i have|i must) to (decide|make a decision|know)\b.{0,40}\b(soon|by|before"
    r"|quickly|this week|asap)\b",
    r"\b(time-?sensitive|urgent(ly)?|as soon as possible|immediately)\b.{0,60}\b(reply"
    r"|respond|answer|let me know|decision|hear)\b",
    r"\b(reply|respond|answer|let me know|decision|hear back)\b.{0,60}\b(time-?sensitive"
    r"|urgent(ly)?|as soon as possible|immediately|asap)\b",
)


def pressure(sentence: str) -> str | None:
    if _UNINVITED.found(sentence):
        return "Pushes for contact the program has not offered, or arrives uninvited."
    if _DEADLINE.found(sentence):
        return "Puts a deadline or pressure on the program."
    return None


_SCORES = rx(
    r"\b(someone|an applicant|a candidate|people|anyone|applicants|candidates|i) with (a|an)?"
    r" ?(2[0-9]{2}|1[5-9][0-9])\b.{0,40}\b(competitive|chance|shot|interview|rank|considered"
    r"|match)",
    r"\b(step|usmle|comlex|level|board|ck|cs|exam|test|mcat)\b.{0,40}\b(cut-?off|cutoff|minimum"
    r"|threshold|filter|screen|requirement|average|mean|median|score do you|scores do you|score"
    r" you (rank|look|take|require|accept|need)|lowest)\b",
    r"\b(cut-?off|cutoff|minimum|threshold|lowest|average|median)\b.{0,40}\b(score|scores|step"
    r"|usmle|comlex|board)\b",
    r"\bwhat (score|scores|step score|board score)s?\b.{0,40}\b(rank|need|take|accept|require"
    r"|match|interview|look for|want)\b",
    r"\b(do|does|would|will) (you|your program|the program|the committee)\b.{0,30}\b(rank|filter"
    r"|screen|look at|consider|care about|weigh)\b.{0,30}\b(step|usmle|comlex|score|scores)\b",
    r"\b(is|are) my (step|usmle|comlex|board|exam)\b.{0,15}\b(score|scores)?\b.{0,30}\b(high"
    r"|good|enough|competitive|a problem|too low|ok)\b",
)
_WEBSITE = rx(
    r"\bhow many (residents|interns|positions|spots|slots|categorical|prelim)\b.{0,40}\b(do you"
    r"|does (the|your) program|are there|will you)\b.{0,20}\b(take|have|accept|offer|hire"
    r"|match|fill)\b",
    r"\b(is|are) (the|your) program (accredited|acgme|dually accredited)\b",
    r"\bhow (long|many years) is (the|your) (program|residency|training)\b",
    r"\bwhat (is|are) (the|your) (salary|salaries|pgy-?1 salary|stipend|benefits|vacation"
    r" days)\b",
    r"\bwhere is (the|your) (program|hospital) (located|based)\b",
    r"\b(which|what) (city|town|state)\b.{0,40}\b(located|situated|based)\b",
    r"\b(know|what is|what's|tell me|share|ask)\b.{0,80}\b(number|count) of (seats|positions"
    r"|spots|slots|residents|interns)\b",
    r"\bhow many (seats|positions|spots|slots)\b",
    r"\bwhat specialt(y|ies) (is|does) (the|your) program\b",
    r"\bdo you (have|offer) (a )?(residency|program) in\b",
    r"\b(is|are) (the|your|this) (program|residency|training)\b.{0,10}\b(\d|three|four|five|six"
    r"|seven)(-| )?(or (\d|three|four|five|six|seven)(-| )?)?(years?|yrs?)\b",
    r"\b(include|includes|including) (a |the )?(prelim|preliminary|intern|transitional) year\b",
    r"\b(which|what) (hospital|site|campus) is (the|your) (main|primary|home|base)\b",
    r"\bwhere is (the|your) (main|primary|home) (site|hospital|campus)\b",
    r"\b(do|does|will|would) (you|your program|the program|it)\b.{0,20}\b(accept|take|consider"
    r"|interview|rank)\b.{0,20}\b(do (applicants|students|graduates|candidates)|dos|osteopathic)\b",
)


def bad_question(sentence: str) -> str | None:
    if not _asks(sentence):
        return None
    if _SCORES.found(sentence):
        return "Asks about score cut-offs: not a breach, but it reads as a red flag."
    if _WEBSITE.found(sentence):
        return "Asks something the program's website answers: it suggests you did not look."
    return None


_THEIR_RANK_OF_US = rx(
    r"\bhow you (expect|plan|intend|are going) to rank\b.{0,60}\b(relative to|compared to|against"
    r"|versus|vs) (us|our own|ours|our program)\b",
    r"\bhow (highly|high|well|favou?rably) (our|this) program (is|will be) (regarded|ranked|placed"
    r"|rated|viewed)\b.{0,30}\b(your|the) (final )?(ordering|list|ranking|rank list|order)\b",
    r"\b(are|is) (we|our program|this program|the program)\b.{0,10}\b(up there|near the top|high"
    r" up|up top|on top|way up|in the mix|in contention|in your top)\b",
    r"\b(how|where) (will|would|do|are|will you|would you|do you)\b.{0,30}\brank(ing)? (us|our"
    r" program|this program|the program|[a-z]+ (medicine|program|hospital))\b",
    r"\b(where|how high) (do|does|did|will|would) (we|our program|this program|the program)"
    r" (stand|fall|sit|rank|land|place|fit)\b",
    r"\b(are|is) (we|our program|this program|the program)\b.{0,20}\b(your|you're|you are)?.{0,10}"
    r"\b(first|#1|top|number one|favou?rite) (choice|pick|program|option|spot)\b",
    r"\b(where|how high) (are|is) (we|our program|this program)\b.{0,20}\b(on|in) your"
    r" (rank )?(order )?list\b",
    r"\b(let us know|tell us|share|inform us|indicate)\b.{0,40}\b(where (we|our program)|how"
    r" (you|you'll|you will|you plan to) rank|your (rank|ranking|rank order|list|first choice"
    r"|top choice|top (three|3|five|5)|preferences?))\b",
    r"\bhow (our program|we|this program|[a-z]+) (compares?|stacks? up|measures? up|ranks?)\b"
    r".{0,20}\b(with|to|against|among) (the )?(others|other programs|rest)\b",
    r"\b(how|where) (do|will|would) you (plan to |intend to |expect to )?(rank|place|order|list)\b"
    r".{0,80}\b(ours|us|our program)\b",
    r"\bhow you (anticipate|expect|plan|intend|are likely)( to)? (placing|ranking|listing|putting"
    r"|place|rank|list|put) (us|our program|this program)\b",
    r"\b(how|where) (you|you'll|you will|you plan to|you intend to|you are going to) (rank|list"
    r"|place|put) (us|our program|this program)\b",
    r"\byour (rank|ranking|rank order|preference)s? (of|for) (us|our program|programs)\b",
    r"\bwhich (one|program|institution|place|hospital)s? (is|are|was|would be) your (first|top"
    r"|number one|#1|favou?rite) (preference|choice|pick|option)\b",
    r"\b(what|how) (does|do|will|would) your (rank |rank order |final )?list look\b",
    r"\bwhat (number|position|place|spot) (will|would) (we|you put us|you rank us|our program)\b",
    r"\b(leaning|lean|leans) (toward|towards)\b",
    r"\bwould it be (us|our program)\b|\b(choose|pick|prefer) (between )?(us|our program) or\b",
    r"\b(would|will|do|could) you (rank|place|put|list) (us|our program|this program)\b",
    r"\b(will|would|are|do) you (be )?(ranking|planning to rank|going to rank|putting|placing)"
    r" (us|our program|this program)\b",
    r"\bwhere would you (place|put|rank|list) us\b",
    r"\b(are|is) (we|our program|this program)\b.{0,10}\b(in|on|among|making|cracking) your (top"
    r"|first|short ?list"
    r"|list)\b",
    r"\b(are|is) (we|our program|this program)\b.{0,25}\b(#1|first|top|number one)\b.{0,15}"
    r"\b(for you|on your)",
    r"\b(how|where) (are|is|'re) (we|our program|this program)\b.{0,15}\b(stacking|falling"
    r"|comparing|doing|sitting|landing|ranking)\b",
    r"\bhow we're (stacking|falling|comparing|doing)\b",
    r"\b(intend|plan|going) to rank (our|this) program\b",
    r"\b(position|place|spot|standing|where)\b.{0,50}\b(occup\w*|holds?|has|sits?|falls?|lands?"
    r"|stands?|is)\b.{0,15}\b(among|within) your (preferences|choices|options|programs|list)\b",
    r"\b(which|what|who)\b.{0,40}\b(ahead of|above|higher than) (us|our program)\b",
    r"\b(which|what) (position|place|spot|rank|number)\b.{0,25}\b(you|you're|you are)\b.{0,15}"
    r"\b(putting|placing|ranking|listing|put|place|rank|list) (us|our program|this program)\b",
    r"\bwhere [a-z.']+( [a-z.']+)? (falls?|lands?|sits?|stands?|ranks?|is|will be) (on|in) your"
    r" (rank |rank order |final )?list\b",
)
_OTHER_PROGRAMS = rx(
    r"\b(where|which|what) (else|other (programs|places|hospitals|institutions|residencies"
    r"|interviews))\b.{0,40}\b(appl|interview|consider|rank|look|offer|visit|go)\w*\b",
    r"\b(which|what|how many) (other )?(programs|places|hospitals|institutions|residencies)"
    r"\b.{0,40}\b(you|you've|you have|you are|you're)\b.{0,30}\b(appl|interview|consider|rank"
    r"|look|visit|choos)\w*\b",
    r"\brank the other ([a-z-]+ ){0,3}(programs|places|hospitals|institutions)\b",
    r"\b(which|what) other ([a-z-]+ ){0,3}(programs|places|hospitals|institutions|residencies)\b"
    r".{0,40}\b(running|contention|consider|list|mix|appl|interview|rank|look)\w*\b",
    r"\b(list|names?|tell us|let us know|share)\b.{0,40}\b(other|the) (programs|places"
    r"|interviews|institutions)\b.{0,40}\b(appl|interview|consider|rank)\w*\b",
    r"\bother (interviews|offers|programs)\b.{0,40}\b(you|you've|you have)\b",
    r"\bwho else\b",
    r"\b(places|programs|options|schools)\b.{0,10}\b(you're|you are|you)\b.{0,10}\b(still )?"
    r"(weighing|considering|looking at|deciding between)\b",
    r"\bhow many (interview|interviews|invitations|invites|offers)\b",
    r"\b(other|another|any other|home) program\b.{0,30}\b(interview|reach|reached|contact"
    r"|contacted|offer)\w*",
    r"\bwhich (ones|one|interviews|programs)\b.{0,20}\b(went|go|best|favou?rite|liked)\b",
    r"\b(heard|hear|saw|see|noticed) (that )?you (were|went|interviewed|visited) (at|to|with)"
    r" [a-z]+|\bdid they seem (into|interested in|keen on) you\b",
    r"\b(which|what) (other )?([a-z-]+ )?(programs|places|hospitals|institutions|residencies)\b"
    r".{0,30}\b(on|in) your (rank |rank order )?list\b",
    r"\bhow (are you|will you|do you|you're|you are|would you)\b.{0,25}\b(order|rank|list|arrange"
    r"|sort)\w* (them|those|the others|other programs|the other programs)\b",
    r"\b(your|the rest of your) (interview )?trail\b|\bany other (places|programs|interviews)\b",
    r"\b(compare|compares|stack|stacks)\w*\b.{0,15}\b(with|to|against) the others you (interviewed"
    r"|applied|visited|saw|considered)",
    r"\b(whether|if|where) you (also |have also |also have |have )?(applied|interviewed|interview)"
    r" (at|to|with|elsewhere)\b",
)
_SOLICIT = rx(
    r"\b(tell|assure|promise|let know|inform) (them|the committee|the pd|him|her)\b.{0,10}\b(you're"
    r"|you are|you'll|you will) (coming|joining us|ranking us|rank us|be here)\b",
    r"\b(rank|ranking|list|listing)\w* you (highly|high|to match|first)\b.{0,30}\b(if|once|when)"
    r" (he|she|they|we|the committee|the pd) (heard|hear|knew|know|learned|were told)\b.{0,30}"
    r"\b(we're|we are|our program is|[a-z]+ is) (at the top|on top|first|#1|your (first|top|#1))",
    r"\b(if|should) you('re| are) (really |truly )?(serious|sincere|committed|interested)"
    r" (about|in) (us|our program|joining us|coming here)\b.{0,60}\b(email|note|message|letter"
    r"|word|confirm\w*|tell us|let us know)\b",
    # A ranking policy that rewards a pledge: "we only rank to match folks who tell us we're #1".
    r"\b(rank|take|match|list|prioriti[sz]e|favou?r)\w*( to match| highly| high| first)?\b.{0,15}"
    r"\b(those|folks|people|applicants|candidates|anyone|students|the ones)\b.{0,10}\b(who|that)\b"
    r".{0,15}\b(tell|let us know|show|say|signal|commit|promise|pledge|confirm)\w*\b.{0,25}\b(#1"
    r"|first|top|number one|rank us|ranking us)\b",
    r"\b(commit|promise|pledge|agree|guarantee|assure us)\b.{0,40}\b(rank(ing)?|list(ing)?|put"
    r"|place|choose|come|match)\w*\b.{0,30}\b(us|our program|first|#1|top|highly)\b",
    r"\b(need|want|would like|ask for|require|expect|looking for)\w*\b.{0,30}\b(your|a)"
    r" (commitment|promise|pledge|assurance|guarantee|confirmation)\b",
    r"\b(if|once|when) you (rank|list|put|place|commit to) us\b.{0,40}\b(we|we'll|we will"
    r"|you'll|you will)\b",
    r"\b(let us know|tell us|confirm|inform us)\b.{0,40}\b(if|whether|that) (you'll|you will"
    r"|you plan to|you intend to|you are going to|we are|we're|you're going to) (rank|list|put"
    r"|place)?.{0,20}\b(us|our program)?.{0,20}\b(first|#1|top|number one|highly)\b",
    r"\b(tell|let) us (that )?(we are|we're) your (first|#1|top|number one)\b",
    r"\b(if|should|whether) (we are|we're|our program is|this program is|[a-z.']+( [a-z.']+)? is)"
    r" (truly |indeed |really )?(your (first|#1|top|number one)|where your heart is|where you see"
    r" yourself|where you want to be)\b.{0,60}\b(let"
    r" (us|me) know|tell (us|me)|inform (us|me)|email (us|me)|write to (us|me)|reach out|say so"
    r"|(shoot|drop|send|give) (us|me)|(a|quick|short|brief) (note|message|line|email|word)"
    r"|confirm\w*|to hear (that|it|so))\b",
    r"\b(let me know|tell me|inform me)\b.{0,20}\b(if|whether|that) ([a-z.']+( [a-z.']+)? is"
    r"|we are|we're) (truly |indeed |really )?your (first|#1|top|number one)\b",
    r"\b(send|submit|need|want|expect|require|ask for|would like|write)\w*\b.{0,30}"
    r"\b(statement|letter|email|note) of (intent|commitment)\b",
    r"\b(fully |truly )?committed to (us|our program|coming|the program|joining)\b",
    r"\bknow (that )?you('re| are) (fully |truly )?committed\b",
    r"\b(confirm|confirming)\b.{0,50}\b(first choice|#1|top choice|ranking intentions"
    r"|rank us|their first)\b",
    r"\bpledge to\b",
    r"\b(if|once) you (can )?(tell|let) (me|us) (know )?(that )?[a-z]+( [a-z]+)? (will be|is)"
    r" (at the top|first|#1|your (first|top|#1|number one))\b",
    r"(\b(drop|send|shoot|write|email)\b.{0,50}\b(letting|telling)|\b(let|tell)) (me|us) know"
    r" (that )?(we're|we are|[a-z]+ is) (at the top|on top|first|#1|your (first|top|#1|number"
    r" one))\b",
    r"\b(send|give|share with|email|drop|write)\b.{0,10}\b(us|me)\b.{0,30}\b(update|note|word|line"
    r"|email)\b.{0,20}\b(on|about|regarding|of) your (level of )?(interest|enthusiasm|intentions"
    r"|plans|ranking)\b",
    r"\bupdate (us|me) on your (level of )?(interest|intentions|plans|ranking)\b",
    r"\b(helpful|help|appreciate|like|love|glad|good) to hear\b.{0,60}\b(intend|plan|going|want)\w*"
    r" to (place|rank|put|list)\b.{0,40}\b(top|first|#1|number one)\b",
    r"\b(mean a lot|help|appreciate|love|like|hope|glad|grateful|good|nice)\b.{0,40}\b(hear"
    r"|know|learn|read)\b.{0,20}\bthat\b.{0,50}\b(at the top|top of your|your (first|#1|top"
    r"|number one)|first on your|#1 on your)\b",
)


def ranking_question(sentence: str) -> str | None:
    if _THEIR_RANK_OF_US.found(sentence) and not NOT_ASKING.found(sentence):
        return "A program may not ask how you will rank it or whether it is your first choice."
    return None


def other_programs_question(sentence: str) -> str | None:
    if _OTHER_PROGRAMS.found(sentence) and not NOT_ASKING.found(sentence):
        return "A program may not ask where else you applied or interviewed."
    return None


def commitment_solicitation(sentence: str) -> str | None:
    if _SOLICIT.found(sentence) and not NOT_ASKING.found(sentence):
        return "A program may not ask you to commit to ranking it, or for a promise of any kind."
    return None


APPLICANT_RULES: tuple[Rule, ...] = (
    _rule(
        Category.rank_inquiry,
        rank_inquiry,
        'Say what you feel instead of asking what they think, e.g. "I remain very interested'
        ' in your program and would be glad to train there." Programs may not share where'
        " you stand.",
    ),
    _rule(
        Category.conditional,
        conditional,
        'State your interest with no condition attached, e.g. "I plan to rank your program'
        ' highly." Never tie your list to theirs.',
    ),
    _rule(
        Category.commitment_request,
        commitment_request,
        'Drop the request for an assurance and say what you will do, e.g. "I intend to rank'
        ' your program highly."',
    ),
    _rule(
        Category.over_signaling,
        over_signaling,
        "Send nothing more: one short thank-you and at most one follow-up is enough. If you"
        " write, keep it to three sentences and one concrete detail.",
    ),
    _rule(
        Category.pressure,
        pressure,
        'Ask whether something is possible and accept the answer, e.g. "If a visit is ever'
        ' possible I would welcome it; if not, I completely understand." No deadlines, no'
        " unannounced visits.",
    ),
    _rule(
        Category.bad_question,
        bad_question,
        'Ask about training or culture instead, e.g. "How do residents build autonomy over'
        ' the three years?" Score cut-offs and website facts read as poor preparation.',
    ),
)

PROGRAM_RULES: tuple[Rule, ...] = (
    _rule(
        Category.ranking_question,
        ranking_question,
        'You need not answer. A calm reply that shares no ranking plans is safe, e.g. "Thank'
        ' you, I enjoyed meeting the team and remain very interested."',
    ),
    _rule(
        Category.other_programs_question,
        other_programs_question,
        'You need not say where else you applied or interviewed, e.g. "I prefer to keep my'
        ' application process private, but I am very interested in your program."',
    ),
    _rule(
        Category.commitment_solicitation,
        commitment_solicitation,
        'You need not commit to anything. Reply with interest only, e.g. "I am very'
        ' interested in your program and will submit my list thoughtfully."',
    ),
)


# Every trigger of a side in one pass over a sentence: they are keyword lists, cheap together.
APPLICANT_TRIGGERS = PatternSet([rule.trigger for rule in APPLICANT_RULES])
PROGRAM_TRIGGERS = PatternSet([rule.trigger for rule in PROGRAM_RULES])

_RULES_BY_CATEGORY = {rule.category: rule for rule in (*APPLICANT_RULES, *PROGRAM_RULES)}
SUGGESTIONS: dict[Category, str] = {c: rule.suggestion for c, rule in _RULES_BY_CATEGORY.items()}


def wants_something(sentence: str) -> bool:
    """The sentence asks, sets a condition, or wants something, past any disclaimer."""
    sentence = asked_part(sentence)
    if not sentence:
        return False
    return (
        ASKING.found(sentence)
        or CONDITION.found(sentence)
        or _WANTS.found(sentence)
        or _RECIPROCITY.found(sentence)
    )
