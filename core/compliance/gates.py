"""When the model's reading may stand: the gates between its scores and a finding.

The model reads n-grams and mistakes some innocent sentences for breaches ("Matching at
Rush would be a dream" for a question about standing). A model finding is kept only when
its sentence has what a real case of its category cannot do without: its topic, and for a
question, an ask (in the sentence or next to it).
"""

from __future__ import annotations

import re

from core.compliance.lexicon import (
    ASKING,
    ASSURED_PLACE,
    CONDITION,
    EVENT_SPOT,
    GUARANTEE,
    NOT_ASKING,
    REQUESTS,
    SELF_PROMISE,
    STANDING,
    asked_part,
    fast,
)
from core.compliance.model import Category
from core.compliance.rules import (
    SUPPOSED_MATCH,
    TRIGGER_PATTERNS,
    about_others,
    wants_something,
    without_denied_conditions,
    without_other_chances,
)

# What a sentence must be about before the model may pin a finding of that kind on it.
# The model reads n-grams: "I would like to know whether the interview is recorded" looks
# like a question about standing, "you are my first choice, I will rank you #1" like a
# bargain. Each topic is the least a real case of the category cannot do without.
_MODEL_TOPICS = {
    Category.rank_inquiry: fast(
        r"\b(rank|list|stand|chance|odds|match|position|spot|place|fall|compet|consider"
        r"|impress|candida|applica|select|prospect|view|think of me|top|first|#1|likel|fit"
        r"|running|shot|cut|end up|radar|in range|difference|regard(s|ed)? me|see me|feel about me"
        r"|opinion|status|how i did|how i'm|how am i|reading|mutual|your plans|room for me|same)"
    ),
    Category.conditional: fast(
        r"\b(if|provided|as long|assuming|exchange|return|condition|contingent|depend|hinge"
        r"|unless|otherwise|once|whichever|only|deal|recipro|mutual|same|both|likewise|favou?r"
        r"|so long|long as|signal|sign from|hint|nod from|easy (decision|call|choice)|easier"
        r"|two-way"
        r"|take care|scratch|in kind|trade|swap|(rank|list|choose|pick)\w* each other|as well|too"
        r"|rank me|put me|list me)"
    ),
    Category.over_signaling: fast(
        r"\b((writ\w*|reach\w*|email\w*|follow\w* up|check\w* in|remind\w*|ask\w*|messag\w*|ping\w*"
        r"|bother\w*|contact\w*|call\w*) (you )?again|another (email|note|message|follow|reminder"
        r"|update|letter|time|one)|follow|email|message|note|letter|writ|wrote|reach|remind|week|daily"
        r"|every (day|week|morning|other|few)|everyday|times|second (email|note|message|time|follow"
        r"|letter)|third|fourth|fifth|last"
        r"|previous|earlier|update|check|bump|still"
        r"|heard|hear|respond|reply|sorry|inbox|twice|more than|one more|once more|resend|repeat"
        r"|keep|call|voicemail|text|nth|umpteenth|several|multiple|many|mail|persist|sixth"
        r"|seventh|(every|each) morning|pop|stop by|drop by|swing by|keep it (short|brief)|ramble"
        r"|rambl|gush|too long|so long)"
    ),
    Category.commitment_request: fast(
        r"\b(guarant|promis|assur|commit|pledge|lock|secur|reserv|hold|confirm|word|sure thing"
        r"|for sure|sure (that )?i|surety|ensure|count on|certain|definite|100|stone|safe|writ"
        r"|sign|save|reassur|bank on"
        r"|rely|expect|a yes|getting in|get in|'in'|\"in\"|take me|covered|got my back"
        r"|(have|get|be given|be offered) (a|the|my|one) (place|spot|position))"
    ),
}


# A bargain is over the writer's list or interest: "I'd be grateful if you can tell me
# whether residents rotate in the clinic" has a condition's words and nothing to trade.
_STAKE = fast(
    r"#1|\b(rank|list|first|top|choice|pick|place|put|spot|position|mutual|same|likewise"
    r"|recipro|deal|in kind|(rank|list|choose|pick)\w* each other|favou?r|radar|interest|prefer"
    r"|commit|match|high|above"
    r"|order|intention|plan|choose|chose|two-way|yours|urs)"
)


# A program's question needs asking; a solicitation need not ("we tend to rank highly those
# who tell us we are their first choice").
# A program thanking the applicant for what they chose to say asks nothing of them.
_THANKS_FOR_TELLING = fast(
    r"(^|, )(thanks|thank you|we appreciate|we're grateful|we are grateful)( so much| very much)?"
    r" (for )?(letting us know|telling us|sharing|hearing|your (note|email|message|letter|update"
    r"|kind words))"
)
# Standing in other senses: a view on a subject ("where I stand on hemepath versus
# cytopath"), the odds of becoming something ("my chances of becoming a strong surgeon").
_STANCE = re.compile(
    r"\b(where|how) i stand on (?!(your|the|my) (rank |rank order )?list)"
    r"|\bmy (chances|odds) of (becoming|being|growing|developing|learning|getting better)\b"
)
# A list that depends on a partner, not on being ranked: "my final list depends on where
# my partner and I can both train" (the couples match) trades nothing by itself.
_COUPLES = fast(
    r"\b(where|whether|if) (my (partner|spouse|husband|wife|fiance|fiancee|family)|we)( and i)?"
    r" (can|could|both|will|would)\b|\bmy (partner|spouse|husband|wife|fiance|fiancee)\b.{0,20}"
    r"\b(feels|felt|feel) the same\b"
)
# Interest volunteered, which the model can mistake for a question about matching: "I'd
# love to match with you" asks nothing.
_HOPE_TO_MATCH = fast(
    r"\b(i'd|i would|i'll|i will|i|i'm|i am|i really|i truly)( really| truly| so| very)? (love|like"
    r"|be (thrilled|honou?red|happy|delighted|glad|excited|lucky|proud)|hope|want|wish|hoping"
    r"|excited|eager|looking forward) (to )?(match|train|join|be|end up|spend|matching|training"
    r"|joining|becoming)\b"
)
# Looking forward to Match Day: "I'm excited to see where I match".
_WONDER_WHERE = fast(
    r"\b(excited|eager|can't wait|looking forward|nervous|curious|anxious) to (see|find out|learn"
    r"|hear|know) where (i|i'll|we|we'll) (match|end up|land)\b"
)
# The writer's own certainty: "I came away certain that I'd be well trained there".
_I_AM_CERTAIN = fast(
    r"\b(made me|left me|i came away|i left|i am|i'm|i feel|i felt|i was|i've become)( even)?( more"
    r"| so| very| quite| completely| absolutely)? (certain|sure|confident|convinced) (that )?(i"
    r"|i'd|i would|i will|i'll|i could|this|it|[a-z]+ is)\b"
)
# A receipt to confirm, not a place: "can you confirm that you received my updated CV?"
_RECEIPT = fast(
    r"\bconfirm\w*\b.{0,20}\b(received|got|have|recei?ved|uploaded|the program received"
    r"|arrived)\b.{0,30}\b(cv|letter|score|transcript|update|email|message|form|document|file"
    r"|application|abstract|publication|paper|lor|mspe)s?\b"
)
# An answer, not a bargain: "The feeling is mutual." replying to a program's kind note.
_FEELING_MUTUAL = fast(r"^(and )?(the|that|this) feeling is (very |entirely |completely )?mutual\b")
# Feelings returned with nothing traded: "I feel the same way about your program."
_I_FEEL_THE_SAME = fast(r"\bi (also |truly |really )?feel the same( way)?\b")
# The writer's own promise, declined: "can't guarantee I'll be the best intern you've had".
_CANT_PROMISE = fast(r"^(i )?(can't|cannot|can not|couldn't) (guarantee|promise)\b")
# A program asking how it is ranked names itself or the list: "whichever program it is"
# wishes the applicant well.
_OUR_RANK = fast(
    r"#1|\b(us|our|rank|list|first|top|choice|prefer|position|place|number|stack|compar|fall"
    r"|stand|lean|favou?r|pick|choos|order|where we|how we|we're|we are|happiest|here\b|match)"
)
# What a solicitation is about: "return your reimbursement forms by the 15th" is not one.
_SOLICIT_TOPIC = fast(
    r"#1|\b(rank|list|first|top|choice|commit(ment|ted|ting)?\b|promis|pledge|intent|interest|heart"
    r"|see yourself"
    r"|update on|sign|assur|guarant|confirm\w* (your (interest|intent|commitment|choice)|that"
    r" you('ll| will)? (rank|join|come|commit|are (committed|coming))|as much|it)|pick us|top pick"
    r"|first pick|favou?r|prefer"
    r"|where you|count on|all in|choose us|choosing us|join us|with us|coming here|come here"
    r"|locked in|100|for sure)"
)
# Soliciting addresses the applicant: "rank lists are due March 4" only informs.
_TO_THE_APPLICANT = fast(
    r"\b(you|your|yours|applicants?|candidates?|interviewees|those who|anyone|everyone|letters? of"
    r" intent|statements? of intent)\b"
)
_PROGRAM_QUESTIONS = {Category.ranking_question, Category.other_programs_question}


def _in_lexicon(category: Category, sentence: str) -> bool:
    """The rules' own lexicon of the category's topic: wider than the model's topic words."""
    if category is Category.rank_inquiry:
        return STANDING.found(sentence)
    if category is Category.conditional:
        return CONDITION.found(sentence)
    if category is Category.commitment_request:
        return GUARANTEE.found(sentence) or ASSURED_PLACE.found(sentence)
    return False


# A day's arrangements: the model is sure of generic asks ("please let me know if I should
# bring anything") that are about logistics, not standing or a place.
_LOGISTICS = fast(
    r"\b(bring|park|parking|attend|attending|record|recorded|train|flight|hotel|lodging|tour|dress"
    r"|wear|directions|address|zoom|link|badge|lunch|dinner|agenda|itinerary|schedule|open house"
    r"|social|session|second look|second-look|orientation packet|verification|paperwork|shadow"
    r"|shadowing|visit|visits|visiting|sit in|stop by|drop by|come by|observe|rotation)\b"
)
# The writer accepting the program's answer, with no turn after it: "I understand you aren't
# offering second looks this year, and I completely respect that" presses for nothing.
_ACCEPTS = fast(
    r"\b(i|we) (completely |fully |totally |absolutely |entirely )?(understand|respect|accept)\b"
)
_TURN = fast(r"\b(but|however|still|anyway|regardless|even so|though|although|that said)\b|\?")


def model_may_flag(
    category: Category, sentence: str, nearby: str = "", *, need_topic: bool = True
) -> bool:
    """Whether the model's finding of ``category`` may rest on this normalised sentence.

    A violation is about the writer (not what residents in general are promised) and has
    its category's topic; a bad question needs one of the rule's topics (a question on
    fellowship match rates is a good question, however it is phrased). Without
    ``need_topic`` (a reading the model is sure of) the topic may be missing, unless the
    sentence or its neighbours are about a day's arrangements.
    """
    if category is Category.bad_question:
        # A question, on one of the rule's topics: "my Step 2 score came back" only informs.
        return TRIGGER_PATTERNS[category].found(sentence) and wants_something(sentence)
    if category is Category.ranking_question and not _OUR_RANK.found(sentence):
        return False
    if category in _PROGRAM_QUESTIONS:
        return wants_something(sentence) and not _THANKS_FOR_TELLING.found(sentence)
    if category is Category.commitment_solicitation:
        return (
            _SOLICIT_TOPIC.found(sentence)
            and _TO_THE_APPLICANT.found(sentence)
            and not _THANKS_FOR_TELLING.found(sentence)
            and not declines(sentence)
        )
    if category is Category.pressure:
        return not (_ACCEPTS.found(sentence) and not _TURN.found(sentence))
    topic = _MODEL_TOPICS.get(category)
    if topic is None:
        return True
    if declines(sentence):
        return False
    if NOT_ASKING.found(sentence):
        # The model may have read the disclaimer itself ("I'm not trying to find out where I'm
        # ranked; may I sit in on M&M?"): what is asked must carry the topic on its own. A
        # disclaimer that opens the sentence with no turn after it ("Without asking for
        # specifics, could you...") leaves nothing outside it, so the whole sentence counts.
        rest = asked_part(sentence)
        if rest.count(" ") >= 2:
            sentence = rest
    if category is Category.conditional:
        # "I'm set on coming if I match there", "nothing depends on hearing back".
        sentence = without_denied_conditions(sentence)
    if category is Category.conditional and (
        not _STAKE.found(sentence)
        or _COUPLES.found(sentence)
        or _FEELING_MUTUAL.found(sentence)
        or (_I_FEEL_THE_SAME.found(sentence) and not CONDITION.found(sentence))
    ):
        return False
    if category is Category.commitment_request and (
        _CANT_PROMISE.found(sentence)
        or _RECEIPT.found(sentence)
        or (_I_AM_CERTAIN.found(sentence) and not wants_something(sentence))
        or (SELF_PROMISE.found(sentence) and not wants_something(sentence))
    ):
        return False
    if category is Category.rank_inquiry:
        if EVENT_SPOT.found(sentence) and not STANDING.found(sentence):
            return False  # "happy to confirm my place at the second-look session"
        # A warm statement ("matching at Rush would be a dream") asks nothing; the asking
        # may be in the next sentence ("...I'm ranked to match there. Can you say the same?").
        if not (wants_something(sentence) or REQUESTS.found(f"{sentence} {nearby}")):
            return False
        if "?" not in sentence and (
            _WONDER_WHERE.found(sentence)
            or (_HOPE_TO_MATCH.found(sentence) and not ASKING.found(sentence))
        ):
            return False
        # A match supposed is not asked about: "who do I contact about orientation, should I
        # match?"
        sentence = without_other_chances(SUPPOSED_MATCH.sub("", _STANCE.sub("", sentence)))
    on_topic = topic.found(sentence) or _in_lexicon(category, sentence)
    # A sure reading may do without the topic words, but not on a day's arrangements.
    if not on_topic and (need_topic or _LOGISTICS.found(f"{sentence} {nearby}")):
        return False
    return not about_others(sentence)


# A question whose subject is the sentence before it: "I'm hoping to match at your program.
# Do you think that will happen?"
_REFERS_BACK = fast(
    r"\b(that|this|it) (will|would|could|might|is going to|'s going to) (really |actually )?(happen"
    r"|be (possible|the case|realistic|likely|in the cards))|\b(is|was) (that|this|it)"
    r" (possible|realistic|likely|in the cards|on the table)\b|\bwill (that|it) happen\b|\bany"
    r" chance( of that)?\?"
)


def refers_back(sentence: str) -> bool:
    """A question about what the sentence before it said."""
    return "?" in sentence and _REFERS_BACK.found(sentence)


def declines(sentence: str) -> bool:
    """The sentence says what the writer is not asking, and asks nothing past that: "I'm
    not asking where I stand, I know the rules". Not so if a question, or the writer's
    standing or a promise, comes after the disclaimer ("not asking where I stand - just
    whether you can pledge that I'll be ranked")."""
    if "?" in sentence or not NOT_ASKING.found(sentence) or wants_something(sentence):
        return False
    rest = asked_part(sentence)
    return not (STANDING.found(rest) or GUARANTEE.found(rest))
