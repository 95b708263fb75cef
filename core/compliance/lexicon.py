"""The phrases the checker reasons with, as compiled regular expressions.

Each is a building block ("the writer is asking", "the applicant's standing", "a
guarantee", "a condition"); detectors in :mod:`core.compliance.rules` combine them per
sentence. Text is normalised first (lower case, straight apostrophes, chat spellings),
so the patterns stay readable.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

import re2

CHAT_WORDS = {
    "u": "you",
    "ur": "your",
    "r": "are",
    "im": "i'm",
    "ive": "i've",
    "dont": "don't",
    "cant": "can't",
    "wont": "won't",
    "shan't": "won't",
    "shall not": "will not",
    "enuf": "enough",
    "pls": "please",
    "plz": "please",
    "wanna": "want to",
    "gonna": "going to",
    "cud": "could",
    "wud": "would",
    "thx": "thanks",
    "ppl": "people",
    "pgm": "program",
    "prog": "program",
    "1st": "first",
    "yr": "year",
    "yrs": "years",
    "msg": "message",
    "msgs": "messages",
    # Misspellings of the words the rules turn on.
    "promiss": "promise",
    "promis": "promise",
    "garuntee": "guarantee",
    "guarentee": "guarantee",
    "gaurantee": "guarantee",
    "garantee": "guarantee",
    "hopeing": "hoping",
    # British and Commonwealth spelling, common in international graduates' letters.
    "programme": "program",
    "programmes": "programs",
}
# "Number one" in any spelling ("#1", "no. 1", "number one") becomes one word, NUMBER_ONE:
# patterns write "#1" for readability and are compiled with this word in its place. A word,
# because "#" is no word character: "\b#1" could never match after a space.
NUMBER_ONE = "no1"
# One pass over the text: chat spellings, and the many ways of writing "number one".
_CHAT = re.compile(r"#1\b|\b(?:no\.? ?1|number one)\b|\b(" + "|".join(CHAT_WORDS) + r")\b")


def _respell(match: re.Match[str]) -> str:
    word = match.group(1)
    return CHAT_WORDS[word] if word else NUMBER_ONE


_RE2_OPTIONS = re2.Options()
_RE2_OPTIONS.log_errors = False


class Pattern:
    """A compiled pattern: RE2 when the pattern allows it, else ``re``.

    These patterns are long alternations; ``re`` tries every branch at every position,
    RE2 runs one automaton over the text, several times faster here (bench.compliance).
    RE2 has no lookarounds: such a pattern falls back to ``re``. Matching is the same on
    our normalised text (RE2's word boundary and word class are ASCII-only, as every keyword is).

    Most rules only ask whether a pattern occurs. :meth:`found` answers that through an
    RE2 set of this one pattern, which returns no match object and fills in none of the
    pattern's (many) groups: a fraction of the cost of :meth:`search` from Python.
    """

    __slots__ = ("_compiled", "_set", "source")

    def __init__(self, pattern: str, *, raw: bool = False) -> None:
        if not raw:  # a pattern over normalised text, where "#1" is spelled NUMBER_ONE
            pattern = pattern.replace("#1", NUMBER_ONE)
        self.source = f"(?m){pattern}"
        self._compiled: Any
        self._set: re2.Set | None
        try:
            self._compiled = re2.compile(self.source, _RE2_OPTIONS)
        except re2.error:
            self._compiled = re.compile(pattern, re.MULTILINE)
            self._set = None
        else:
            self._set = re2.Set.SearchSet(_RE2_OPTIONS)
            self._set.Add(self.source)
            self._set.Compile()

    @property
    def is_re2(self) -> bool:
        return self._set is not None

    def found(self, text: str) -> bool:
        """Whether the pattern occurs anywhere in ``text``: ``bool(self.search(text))``."""
        if self._set is None:
            return self._compiled.search(text) is not None
        return self._set.Match(text) is not None

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        return self._compiled.search(text, pos)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self._compiled.finditer(text)

    def findall(self, text: str) -> list[Any]:
        return self._compiled.findall(text)


class PatternSet:
    """Which of several patterns occur in a text, found in one pass over it (RE2's set).

    Only for a few small patterns, such as keyword lists: RE2 builds one automaton for the
    union, whose states multiply with each long pattern added (a set of every detector's
    patterns is slower on unseen text than asking them one by one).
    """

    __slots__ = ("_set",)

    def __init__(self, patterns: Sequence[Pattern]) -> None:
        self._set = re2.Set.SearchSet(_RE2_OPTIONS)
        for pattern in patterns:
            if not pattern.is_re2:
                raise ValueError(f"RE2 cannot take {pattern.source!r}")
            self._set.Add(pattern.source)
        self._set.Compile()

    def found(self, text: str) -> list[int]:
        """The positions (in the sequence given) of the patterns that occur in ``text``,
        in no particular order."""
        return self._set.Match(text) or []


def fast(pattern: str) -> Pattern:
    """Compile with RE2 when the pattern allows it, else with ``re``."""
    return Pattern(pattern)


def rx(*alternatives: str) -> Pattern:
    """One pattern of alternatives. MULTILINE, so ``^`` also works on sentences joined by
    newlines (the rules themselves look at one sentence at a time)."""
    return fast("|".join(f"(?:{a})" for a in alternatives))


# _CHAT again, through RE2: a cheap first look, as most sentences have no chat spelling
# and ``re`` would try its alternatives at every position to find that out. On ASCII text
# both engines find the same matches.
_CHAT_SEEN = Pattern(_CHAT.pattern, raw=True)


def normalise(text: str) -> str:
    """Lower case, straight quotes, chat spellings spelled out, single spaces."""
    text = text.lower().replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    if not text.isascii() or _CHAT_SEEN.found(text):
        text = _CHAT.sub(_respell, text)
    return " ".join(text.split())


# The writer asks for something (a question, a request, a wish to learn).
ASKING = rx(
    r"\?",
    r"\b(let me know|tell me|inform me|update me|advise me|share (with me|whether|if|how|where|any)"
    r"|clarify|confirm (whether|if|that)|indicate (whether|if|where)|give me (a|an|any) (sense|idea"
    r"|indication|update)|keep me (posted|updated|informed))\b",
    r"\b(wonder(s|ed|ing)?|curious|keen to (know|learn|understand)|eager to (know|learn))\b",
    r"\b(want(ed)?|would like|'d like|would love|'d love|hop(e|ing)|wish(ed)?) (kindly |humbly"
    r" |just |also |really )?to (know|ask|learn"
    r"|find out|hear|understand|check|clarify|confirm|get a sense|get an idea)\b",
    r"\b(grateful|appreciate|thankful)\b.{0,40}\b(know|learn|knowing|learning|hear|hearing|any"
    r" (information|insight|sense|indication|update|feedback)|if you could|whether|where)\b",
    r"\b(any|some|a|an|small|little|slight|rough|quick|honest|whatever) ([a-z]+ )?(sense|idea"
    r"|indication"
    r"|insight|hint"
    r"|word|update|feedback|information|clue|signal|sign|thumbs up|heads up)\b"
    r".{0,40}\b(where|whether|how|if|on my|about my|regarding my|of my|into my|on me|about me)\b",
    r"^(am|is|are|do|does|did|where|how|what|when|is there)\b",
    # A modal opens a question only with its subject: "Will rank highly", "Would love to" and
    # "Can't wait" are chat statements that dropped theirs.
    r"^(can|could|would|will|should|may|might) (i|you|we|my|the|your|it|there|that|this|they|he"
    r"|she|someone|anyone|a|an|our|me)\b",
    r"\b(whether|if) you (can|could|would|will|might) (promise|guarantee|assure|confirm|commit"
    r"|pledge|swear|tell|let)\b",
    r"\bmay i (kindly |humbly )?(know|ask|learn|request|enquire|inquire)\b",
    r"\b(trying|want|wanted|hoping) to (see|find out|figure out|gauge|get a sense of) (if|whether"
    r"|where|how)\b",
    r"\b(writing|wish|wanted|want|would like|'d like) to (kindly |humbly |respectfully )?(ask"
    r"|inquire|enquire|know|learn)\b",
    # A request without a question mark, as chat writes it: "can u promise me i'll match lol".
    r"\b(can|could|would|will) you (please |kindly |just |possibly )?(tell|let|promise|guarantee"
    r"|assure|confirm|swear|pinky|commit|give|share|say|hold|save|rank|put|place|keep|send|offer)"
    r"\b",
    r"\b(can|could|would|will) the (pd|program director|program|committee|team|faculty|chair)"
    r" (please |just )?(tell|let|promise|guarantee|assure|confirm|swear|pinky|commit|say|hold"
    r"|save)\b",
    r"\b(kindly|please) (let|tell|inform|share|advise|confirm|indicate|update|assure|guarantee"
    r"|promise|commit|consider|send|provide|give|put|write)\b",
    r"\b(find out|figure out|check|ask|learn) (whether|if|where|how)\b",
    r"\b(ask|asking)( [a-z.]+){0,3} (whether|if|where|how)\b",
    r"\b(to|so (we|i) can|and) (chat|talk|discuss|go over|hear|get a sense|get an idea|see)"
    r"( about| over| with \w+( \w+)? about)?\b.{0,12}\b(where|how|whether|if|my)\b",
    r"\bis there (any way|a way|anything)\b",
    r"\b(need|needed) to (know|hear)\b",
    r"\b(mean (a lot|so much|the world|everything)|help( me| us| our (committee|team|program"
    r"|faculty|planning))?( a lot| greatly"
    r"| immensely)?|be (great|helpful|nice|good|reassuring)|go a long way)"
    r" (to|if (i|we) could) (know|hear|learn|find out)\b",
    r"\b(would|could|might) (really |greatly |truly |so |also )?(mean a lot|help|go a long way|be"
    r" (great|helpful|nice|good))\b",
    r"\b(just )?(checking|check) (in )?(on|whether|if|to see)\b",
    r"\blmk\b|\bi need (an answer|your decision|to hear|some|a|to know)\b",
    r"\b(is it okay|would it be okay|may i ask|can i ask|could i ask) (if|whether|to ask)\b",
)

# The applicant's standing on the program's list, or their chance of matching there.
STANDING = rx(
    r"\bhow i (measured|measure|stack|stacked|compare|compared|fared|rate|rated) (up )?(among"
    r"|against|with|to|compared)\b|\bhow i (measured|stacked) up\b",
    r"\b(i'm|i am|i'd be|i would be|am i|i fall|i land)\b.{0,10}\b(in the ballpark|in range"
    r"|within range|in the mix|in the running)\b",
    r"\b(i'm|i am) in (a )?(similar|the same|comparable) (position|spot|place|situation)\b",
    r"\bwhere (things|it|i|my application|my file|my candidacy) (landed|stands|ended up|shook out"
    r"|came out)\b|\bmove(d)? the needle\b",
    r"\b(possibility|chance|likelihood|hope|prospect)s? (of|for) (my|me) (joining|being part of"
    r"|training|matching|coming|ending up)\b",
    r"\bjoin(ing)? your (family|team|program|residency|class) in (july|june)\b",
    r"\b(realistic|safe|wise|reasonable|smart|premature|worth|too early)\b.{0,30}\b(plan|planning"
    r"|start|begin"
    r"|look)\w*\b.{0,20}\b(move|moving|relocat\w*|housing|apartment|houses?|homes?|rentals?|leases?"
    r"|schools|daycare)\b",
    r"\bwhere (would|will|do|did|might|could) you (put|place|rank|slot|have|see) me\b",
    r"\b(my name|i|i'm|my application|my file)\b.{0,20}\b(near|at|toward|towards|close to) the top"
    r" of (the|your) (pile|list|stack|heap|rank list)\b",
    r"\bwhether (you|the program|the committee|your program|your team) (are|is) (still )?"
    r"(interested in|keen on|considering) me\b",
    r"\b(is it|are things|is everything|things are|is it all) looking (good|promising|positive|ok"
    r"|okay|bright|up) for (me|us)\b",
    r"\b(where|in which|at which) i (have|would have|'d have|stand) (a )?(more|better|higher"
    r"|greater|less|lower) (possibility|possibilities|chance|chances|odds|likelihood|prospects"
    r"|shot)\b",
    r"\bis it (worth|wise|smart|sensible)( it)? (for me )?(to )?(put|rank|list|place)\w* (you|your"
    r" program|it|[a-z]+ (medicine|program|surgery))\b.{0,30}\b(first|#1|number one|top)\b",
    r"\b(say|said|mention|mentioned|think|thought)\w* (anything|something) about me\b|\bam i"
    r" looking (good|ok|okay|strong)\b",
    r"\b(think of|count on|see|plan on|consider) [a-z' ]{1,30} as (our|my) (likely |probable"
    r" |future |eventual |new )?(landing spot|landing place|home|destination|match|future home"
    r"|next stop)\b",
    r"\bin the (range|group|pool|tier|bracket)\b.{0,20}\b(you|your program)\b.{0,15}\b(match|rank"
    r"|take|select|pick)",
    r"\b(see you|be with you|join you|be one of you|be there) (in|come) (july|june)\b",
    r"\b(see|sees|view|views|consider|considers|regard|regards|think of)\w* me as (a |an )?(serious"
    r" |strong |real |viable |competitive |top |good )?(contender|candidate|prospect|applicant|fit"
    r"|future resident|match)\b",
    r"\bhow (i|my application|my candidacy|my file|things|it|everything) (look|looks|stack|stacks"
    r"|compare|compares|measure|measures|landed)\b.{0,25}\b(on your end|to you|to the committee"
    r"|from your side|on your side|for me)\b",
    r"\b(you|the program|the committee|your program)\b.{0,10}\b(anticipate|expect|plan|intend"
    r"|are likely|will be able|foresee)\w*\b.{0,10}\b(offering|to offer|giving|to give|extending"
    r"|to extend) me (a|the|one) (position|spot|place|seat|slot|residency)\b",
    r"\bwhere (i|we) (stand|fall|sit|land|rank|am|are|place|fit) (on|in|with|among|within)?",
    r"\bwhere (i|we) (stand|fall|sit|land|rank)\b",
    r"\b(my|our) (current )?(standing|ranking|rank position|position|place|spot|status|chances?"
    r"|odds|prospects|likelihood)\b.{0,40}\b(list|rank|ranking|committee|match|matching|program"
    r"|with you|there|here)\b",
    # "my standing" as a place on a list, not "my standing clinic" or "standing order".
    r"\b(my|our) (standing|ranking)( *[?.!,;:)]| *$| (on|in|with|among|within|at|for|is|was|has"
    r"|now|currently|there|here|as|after|before|relative|compared|if|and|or|so|to|right|today"
    r"|looks?|seems?|might|may|would|will|could|changed?))",
    # "Status" is a place on the list when the list is in the same breath: "finalizing my rank
    # list and need to hear back from you by Friday about my status".
    r"\b(rank|ranking|rank order|final) list\b.{0,80}\b(my|our) (status|standing)\b",
    r"\b(my|our) (chances?|odds|prospects|likelihood)( (of|for|to|at) (match\w*|be(ing)? (ranked"
    r"|accepted|selected|taken)|get(ting)? (in|a spot|a position|a place|ranked|matched)|a spot"
    r"|a position|a place|land\w*|secur\w* a (spot|position|place)|your|the program|this"
    r" program)| *[?.!,;]| *$| (here|there|with you|are|look|will be))",
    r"\brank(ed|ing)? (me|us)?\s?(to match|high(ly)?|first|#1|at the top|favou?rably|well|above)",
    r"\b(be|get|being|been|am|was|i'm) ranked\b",
    r"\b(each|both|either|neither|one|all) of us (is|are|was|were|will be|would be|gets?|got)"
    r" ranked\b",
    r"\brank(ed|ing)? to match\b",
    r"\b(how|where) (you'll|you will|you plan to|you intend to|you are going to|you're going to"
    r"|the (committee|program|team) (will|plans to|is going to)) rank (me|my application|us)\b",
    r"\b(how|where) (you|you've|you have|the committee|the program|your (program|committee"
    r"|team)|they) (has |have |ultimately |finally )?(ranked|rated|scored|placed|listed|put) (me"
    r"|my application|us)\b",
    r"\b(how|where) (i|we) (was|were|got|have been|has been) (ranked|rated|scored|placed|listed)\b",
    r"\bhow (i'm|i am|my (application|candidacy|file) (is|was)) (being )?(ranked|viewed|rated"
    r"|looking|sitting|doing|shaping up|faring|perceived|received|evaluated|considered|placed)\b",
    r"\b(chances?|odds|likelihood|probability|possibility|prospects?)\b.{0,30}\b(match|matching"
    r"|be(ing)? ranked|get(ting)? in|securing|landing|spot|position|place)\b",
    r"\b(likely|going|set|on track|able|expected) to match\b",
    r"\bwhere (i'd|i would|i'll|i will) (realistically |actually |likely |probably )?match\b"
    r"|\b(i'm|i am) (somewhere|anywhere) (on|in) (the|your) (rank )?list\b",
    r"\bmatch(ing)? (with|at|into|to) (you|your|the program|the residency|this program)\b.{0,20}"
    r"\b(likely|possible|realistic|chance)",
    r"\bin the running\b",
    r"\b(high|higher|far|where|placed|sit|sitting|fall|falling|am i|i am|i'm)\b.{0,15}\b(on|in)"
    r" your (rank )?(order )?list\b",
    r"\b(on|in) your (rank |final |rank order )?list\b",
    r"\b(on|in) the (rank|final|rank order|match) list\b",
    r"\b(position|place|spot|rank) (on|in) (your|the) (rank|ranking|rank order|final)? ?list\b",
    r"\bhow things (are|stand) (shaping up|looking)\b",
    r"\b(how|where) (do|does|did|will|would) (i|my application) (compare|stack up|measure up"
    r"|rank|fare)\b",
    r"\b(competitive|strong) enough\b.{0,30}\b(match|rank|list)",
    r"\bmake (it onto|the cut|your list)\b",
    r"\bshould i (expect|count on|be hopeful)\b.{0,30}\b(match|rank|spot|position|good news)",
    r"\bam i (a|an) (strong|good|likely|serious|realistic) (candidate|fit|match)\b",
    r"\b(make|made|making) the cut\b",
    r"\b(safe bet|long shot|a reach)\b",
    r"\b(a|any|realistic|good|decent|fair|real) (shot|chance) (at|of) (matching|a spot|a position"
    r"|getting in|being ranked|a place|landing|match)\b",
    r"\b(plan|planning|intend|intending|going|gonna) (on |to )?(rank|ranking|list|listing) me\b",
    r"\b(will|would|do|does|are|is|did) (you|your (program|committee|team)|the (committee|program"
    r"|team)) (be )?(rank|ranking"
    r"|list|listing|consider|considering|want|wanting|keep|keeping) me\b",
    r"\b(rank|ranking|ranked|rate|rating|rated|see|seeing|view|viewing|consider|considering)"
    r" (me|my application|my candidacy)\b.{0,30}\b(favou?rably|highly|high|well|seriously"
    r"|strong|competitive|first|top)\b",
    r"\b(optimistic|hopeful|confident|worried|concerned)\b.{0,40}\b(match|matching|rank"
    r"|ranking|list|spot|position)\b",
    r"\b(good|any) news (on|for) match day\b",
    r"\bwhere i (am|'m) on\b",
    r"\bhow (competitive|strong|likely) (am i|i am|is my (application|candidacy))\b",
    r"\b(a|any) (place|spot|position|room) for me\b",
    r"\b(expect|count on|hope) to (match|be ranked|land|get (a|the) (spot|position))\b",
    r"\bmatch(ing)? (with|at|into) (you|your program|the program|[a-z]+ (medicine|program))\b",
    r"\b(feedback|thoughts|impression|sense|read|take)\b.{0,30}\b(on|about|of) (my|me)"
    r" (application|candidacy|chances|standing|interview|performance)\b",
    r"\bwhere (does|did) (my application|my file|my candidacy) (stand|land|fall|sit)\b",
    r"\b(my|our) (application|candidacy|file)\b.{0,25}\b(stands?|came up|fared|went|doing"
    r"|looks|looking|ended up)\b",
    r"\b(i'll|i will|i would|i'd|will i|would i) (get in|make it|be (accepted|selected|chosen"
    r"|taken|matched|safe))\b",
    r"\b(you|your program|the program|the committee) (can|could|would|will|might) (say|tell me"
    r"|feel) the same\b",
    # "Will I be in?", not "I'll be in Cleveland on the 21st".
    r"\b(will|would) i be in\b|\bi('ll| will| would|'d) be in( for sure)?( *[?!.]| *$)",
    r"\b(the )?(pd|program director|faculty|committee|interviewers?|you|everyone|team|they)"
    r" (liked|like|were impressed by|was impressed by|felt good about|think highly of) me\b",
    r"\b(feel|felt|think|thought|decided|decide|decision|impression)\b.{0,20}\b(about|on"
    r"|regarding|of) (me|my (application|candidacy|interview))\b",
    r"\b(see|saw|seeing|view|viewed|think of|thought of|consider|considered) me as\b",
    r"\b(rate|rated|evaluate|evaluated|score|scored|grade|graded) me\b",
    r"\bmy (interviewers?'?s?'? )?(evaluations?|scores?|ratings?|interview feedback)\b",
    r"\b(top|upper|bottom|lower) (half|third|quarter|tier|\d+|ten|twenty|few)\b",
    r"\bof your (rank )?(order )?list\b",
    r"\b(a|my|your) (reach|safety|safe bet|backup)( program| school| option)?( for me)?"
    r" ?(\?|,| or\b)",
    r"\bhow likely\b.{0,40}\b(match|ranked|get in)\b",
    r"\b(be hopeful|my hopes up|hopes high|good news)\b",
    r"\b(on match day|on your radar|right side of the line|on the right track)\b",
    r"\b(am i|i'm|i am|is my application)\b.{0,12}\b(competitive|strong|good|decent|safe)"
    r" (position|spot|place|shape|candidate)\b",
    r"\b(am i|i'm|i am|is my application) (still )?(being )?(considered|in consideration"
    r"|under consideration|in contention)\b",
    r"\b(do|would|will|did) i (have|stand) (a|any) (chance|shot|hope)\b",
    r"\bwhere my application stands\b",
    r"\bwhere (would|will|do|did|might|could|should) (i|we) (stand|fall|sit|land|rank|place|end"
    r" up)\b",
    r"\b(my|our) (selection|matching|match|admission) (chances?|odds|prospects)\b",
    r"\b(end|ending) up (with you|there|here|at your|in your|with your|as one of your)\b",
    r"\bin a (good |strong |decent |real )?position to match\b",
    r"\b(interested in|thinking of|considering) (rank|ranking|listing) me\b",
    r"\brank(ing)? me at all\b",
    r"\b(am i|i am|i'm|im) (still )?(in the mix|in the running|in range|within range)\b",
    r"\b(would|will|does|could|can|might) (ranking|putting|listing) (you|your program|the program"
    r"|[a-z]+) (first|#1|number one|at the top|highly|high|top)\b.{0,30}\b(difference|help|matter"
    r"|change|improve|count|affect)",
    r"\b(say|said|mention|mentioned) anything about me\b",
)

# The writer measured against the program's bar: "do I meet your cut-off", "am I above the
# line". A question about scores, and also about where the writer stands.
SELF_MEASURE = rx(
    r"\b(wise|smart|safe|sensible|advisable)\b.{0,40}\b(keep|put|rank|list|place)\w*\b.{0,40}\b(above"
    r"|ahead of|below|under) (you|yours|your program)\b",
    r"\b(wise|smart|safe|a good idea|sensible|advisable|a mistake|risky|too risky)\b.{0,20}"
    r"\b(rank|put|list|place)\w* (you|your program|the program|it|[a-z]+)\b.{0,15}\b(first|#1"
    r"|top|highly|high)\b",
    r"\b(safer|safe|better) bet\b",
    r"\b(do|would|will|did|can|does) (i|my (score|scores|application)) (meet|make|clear|pass"
    r"|reach|beat|fall (within|above|below|under))\b.{0,10}\b(your|the|that) (cut|bar|threshold"
    r"|minimum|line|range)",
    r"\b(am i|i am|i'm|im|if i'm|whether i'm) (above|over|below|under|past|within) (the|your"
    r"|that|this) (point|cut|bar|threshold|minimum|line|range|score|number)",
    r"\b(am i|i am|i'm|im) (still )?(in range|within range)\b",
    r"\b(would i|will i|could i|am i|i'd|i would|i'll|i will|i'm|i am) (be )?(still |even |really"
    r" |truly )?(competitive|a competitive (candidate|applicant)|in the running|in contention)\b",
)

# Ways of declining to ask, which turn a matching sentence into an innocent one.
NOT_ASKING = rx(
    r"\b(don't|do not|won't|will not|never|should not|shouldn't|need not|needn't|must not)"
    r" (expect|want|need|require|request|feel (any )?(need|obliged"
    r"|obligat\w*|pressure))\b",
    r"\b(no need|not (obligated|required|necessary|expected)|no obligation|not ask|won't ask"
    r"|will not ask|never ask|has no bearing|no bearing)\b",
    r"\b(not|never|no need to|don't need to|do not need to|won't|will not|wouldn't|wasn't"
    r"|weren't) (ask|asking"
    r"|expect(ing)?|request(ing)?|seek(ing)?|looking for|inquir(e|ing)|want(ing)? to know|need"
    r" to know|pry|prying|fishing)\b",
    r"\b(i know|i understand|i realize|i realise|i'm aware|i am aware|aware that)\b.{0,60}\b(can't"
    r"|cannot|can not|aren't able|are not able|unable|not allowed|not permitted|not share"
    r"|won't share|don't share|nothing you can|nothing you could)\b",
    r"\bwithout (asking|expecting|requesting)\b",
    r"\b(won't|will not|not) be (asking|requesting|inquiring|seeking)\b",
    r"\b(not|never) (supposed|allowed|permitted|meant) to (ask|inquire)\b",
    r"\b(no one|nobody|none of us)( [a-z]+){0,4} (will|would|is going to|should|may|can) (ever )?"
    r"(ask|inquire|request)\b",
    r"(\bnot|n't|\bnever) (be )?(appropriate|right|proper|fair|ok|okay|acceptable) (for me )?to"
    r" (ask|inquire)\b",
    r"\b(the )?temptation (is )?to ask\b|\btempted to ask\b",
    r"\b(doesn't|does not|won't|will not) (change|affect) (anything|how we rank|our (list"
    r"|ranking))\b",
    r"\brank (according to|based on|by) your (own |true |genuine )?(preferences|priorities"
    r"|wishes)\b",
    r"\b(we're|we are) (not able|unable|not allowed|not permitted) to share\b|\bwe (can't|cannot"
    r"|won't|will not|don't|do not|never) share\b",
    r"\b(don't|do not|needn't|need not|never|shouldn't|should not) feel (that |like )?(you )?(need"
    r"|have|must|should|obliged|obligated|pressured|any pressure)\b",
    r"\b(not|never|won't|will not|wouldn't) (going to|gonna|about to|here to|trying to|writing to"
    r"|looking to|planning to) (ask|pry|fish|request|inquire|find out|learn|know)\b",
    r"\b(ask|request|prefer|would rather|urge) (that )?(you|applicants|candidates) (not|never"
    r"|refrain)\b",
    r"\b(asks?|asking|request(s|ing)?) (nothing|no (questions|information)) (about|regarding|on"
    r"|of)\b",
)

_CONTRAST = fast(r"\b(but|just|only|simply|merely|however|though|rather)\b|[—–;:]| - ")


def asked_part(sentence: str) -> str:
    """The sentence without its disclaimer, or all of it when it has none.

    "I'm not asking for a promise, just wondering if I'm in your top 20" still asks; the
    disclaimer only covers what comes before "just". With no turn after the disclaimer,
    only what came before it is left: "I need to know whether I'm ranked to match, as I
    don't want to lose my other offer" asks before it disclaims.
    """
    if not NOT_ASKING.found(sentence):
        return sentence  # the common case, answered without a match object
    negation = NOT_ASKING.search(sentence)
    assert negation is not None
    contrast = _CONTRAST.search(sentence, negation.end())
    return sentence[: negation.start()] + (sentence[contrast.start() :] if contrast else "")


# A place assured, in words that carry both the promise and the position.
ASSURED_PLACE = rx(
    r"\block (me|my spot|my place|a spot|a place|it) in\b",
    r"\b(let me know|tell me|inform me|confirm|assure me|promise me|reassure me)\b.{0,15}"
    r"\b(i've got|i have got|i got|i have|i'll have|i will have|i'm getting|i'll get|i will get)"
    r" (a|the|my|one|your) (spot|place|position|seat|slot|home)\b",
    r"\b(let me know|tell me|inform me|confirm|assure me|promise me|reassure me)\b.{0,15}"
    r"\b(i'm|i am|i'll be|i will be) (in|safe|set|good|covered)\b( for sure| for july)?( lol| haha"
    r"| lmao| tho| pls| please| rn| right)?( *[?!.,]| *$)",
    r"\b(let me know|tell me|inform me|confirm|assure me|promise me|reassure me)\b.{0,15}"
    r"\b(i'm|i am|i'll be|i will be) covered\b",
    r"\b(you|the program|your program|the committee|the team)( could| would| will| might| can)? be"
    r" (all in|as committed|equally committed|just as committed|committed) (on|to|about) me\b",
    r"\b(have|get|find) a home (with you|there|here|in your program)\b",
    r"\b(firm|definite|solid|official) yes\b",
    # The words of the assurance, quoted: "all I'd need is a quick 'you're in' from you".
    r"['\"](yes,? )?(you're in|you are in|we'll take (you|u)|we will take you|you're set"
    r"|you've got a spot)\b",
    r"\b(a|an|your|one) (quick |simple |clear |little |small |honest )?yes\b.{0,20}\bthat (i'm|i am"
    r"|i'll be|i will be) (in|matching|getting (in|a spot))\b",
    r"\b(pencil|slot|put|count) me (in|down) for\b|\b(i'm|i am|i'll be) locked in\b",
    r"\boffer me a (position|spot|contract|place) (outside|before|ahead of) the match\b",
    r"\b(among|one of) the (people|applicants|candidates|residents|ones|interns) you (take|match"
    r"|rank|select|choose|pick)\b",
    r"\b(i'll|i will|i'm going to) be starting (at|with|there|in your program)\b",
    r"\b(set aside|hold|save|reserve|keep|earmark)\w* (one of )?(the |your )?([a-z-]+ )?(positions?"
    r"|spots?|places?|slots?) for me\b",
    r"\b(a|the|my) (spot|place|position|seat)\b.{0,40}\b(will be|is|would be|'ll be) (essentially"
    r" |basically |really |still )?(held|kept|saved|reserved|there|waiting|mine)\b",
    r"\b(you'll|you will|you'd|you would) (have|keep|hold|save) (a|the|my) (spot|place|position)"
    r" for me\b|\b(you'll|you will|you're (going to|gonna)|you are (going to|gonna)|your (going to"
    r"|gonna)) take me\b",
    r"\b(hear|know|tell me|confirm|assure me|promise me|reassure me)\w*\b.{0,40}\b(that )?(i'll|i"
    r" will|i'd|i would|i'm going to) (have|get|be given|be offered|receive) (a|the|my|one) (place"
    r"|spot|position|seat|slot|home)\b",
    r"\b(you've|you have|you've got|you) got my back\b.{0,20}\b(march|match|come|on match day)\b",
    r"\b(let me know|tell me|hear\w*|confirm|assure me|promise me|reassure me)\b.{0,25}\b(that )?"
    r"(i'll|i will|i'm going to|i am going to|i'd) (be one of your (interns|residents|class)|be"
    r" (there|with you|joining you|in your program) (in|this|next|come) (july|june|summer|year)"
    r"|land there|match (there|with you|here)|be ok and land)\b",
    r"\b(there'll|there will|there would|there's going to) be (a|one) (place|spot|position|home"
    r"|seat) for me\b",
    r"\b(there'll|there will|there would|there's going to) be (a |one )?(places?|spots?|positions?"
    r"|room) (waiting |held |saved |reserved )?for (me|us|both of us|the two of us)\b",
    # Reassurance by another name: "anything that would let me put you first without
    # worrying I'll end up unmatched".
    r"\b(tell|say|share|anything|something|reassure|assure)\b.{0,60}\bwithout (worrying|fear"
    r"|the fear|risk|the risk|being afraid|being scared)\b.{0,25}\b(unmatched|not match\w*"
    r"|go(ing)? unmatched|scrambl\w*|soap)\b",
    r"\b(letter|note|statement|document)\w*\b.{0,25}\b(stating|saying|confirming|that says|to say)"
    r" (that )?i (will|would|'ll|am going to) (be offered|have|get|receive|be given) (a|the)"
    r" (position|spot|place|contract)\b",
)

# A promise, guarantee or assurance being asked for.
GUARANTEE = rx(
    r"\ban understanding (with you )?that\b",
    r"\b(your )?compromise that\b",
    r"\b(your word|make sure|ensure|count on|certain(ty)?|definite(ly)?|for sure|100 ?%"
    r"|locked|set in stone|safe|sure thing|in writing|written|reassurance|sign something"
    r"|hold (a|one|the)|save (a|one|the|me))\b",
    r"\bconfirm(ing|ation)? (that )?(i('ll| will| am|'m)|my (selection|place|position|match|spot"
    r"|acceptance|rank))\b",
    r"\b(i'm|i am|i'll be) ['\"]in['\"]",
    r"\b(let me know|tell me|inform me)( now| today| in advance| ahead of time| early| beforehand"
    r"| already)? that (i|i'll|i will|i'd|i would|i'm|i am) (will |would |be )?(have|get|receive"
    r"|be given|be offered|given|offered|getting|having)\b",
    r"\b(swear|pinky|cross (your|my) heart|vouch|give me your word)\b",
    r"\b(tell|let me know|promise|assure|reassure|swear|confirm)\w*\b.{0,12}\b(i|i'll|i will|i'm"
    r"|i am) (won't|will not|am not going to|'m not going to|not) (go|be|end up) unmatched\b",
    r"\b(guarantee[ds]?|promise[ds]?|assurance|assure[ds]?|reassure|commit(ment|ted)?|pledge"
    r"|lock(ed)? in|secure[ds]?|reserve[ds]?|hold (a|my) (spot|place|position)|confirm(ation)?"
    r" (of )?(a|my) (spot|place|position))\b",
)
POSITION = rx(
    r"\b(spot|position|place|seat|slot|offer|match|matching|rank|ranking|ranked|list|residency"
    r" (spot|position)|intern(ship)? (year|spot|position)|get in|be accepted|acceptance)\b",
    r"\bi('ll| will)( definitely)? (match|be ranked|get (a|the) (spot|position))\b",
    r"\bthat i('ll| will)\b",
    r"\btake (me|us|both of us|the two of us)( together| both| as a couple)?( *[?!.,]| *$)",
    r"\b(me|my)\b.{0,25}\b(spot|position|place)\b",
    r"\b(getting|get|given|offered|have|land\w*) one of (the|your) ([a-z-]+ )?(spots|positions"
    r"|places|seats|slots)\b",
    r"\b(placed (there|here|together|with you)|matched together|match together|both (match|be"
    r" placed|be matched|end up))\b",
    r"\b(selection|selected|one of your (interns|residents)|part of (next year's|the|your)"
    r" (class|team|program)|a spot|a position|a place|matched|matching)\b",
    r"\b(i|i'm|i am|i'll be) (['\"]in['\"]|safe\b)",
    r"\bunmatched\b",
)
SELF_PROMISE = rx(
    r"\b(i|we) (promise|pledge|guarantee|assure you|commit)\b|\b(i|we) give you (my|our) word\b",
    r"\bmade (me|us) (promise|pledge|swear|vow)\b",
    r"\bi('ll| will) (commit|promise|guarantee)\b",
    r"\b(your|the|its|their|program's|programs') (commitment|promise|guarantee|pledge)\b",
    r"\bcommit(ment|ted) to (wellness|education|teaching|diversity|training|the community"
    r"|patient|excellence|resident|mentorship|service)\b",
)

# Ranking traded for ranking, or interest made conditional on being ranked.
CONDITION = rx(
    r"\bthe moment (i|you)\b|\bknowing (that )?(i|i'd|i'm|i'll|i would|i am|i will)\b",
    r"\bshould (i|we) (hear|learn|find out|know)\b",
    r"\b(a|some|any|one)( small| little| tiny| clear| slight| quick)? (signal|sign|indication|hint"
    r"|nod) (from|of)\b|\b(will|would) (reflect|track)\b",
    r"\b(as soon as|whichever|subject to|hinges? on|mirror|unless|otherwise|in turn"
    r"|only (rank|put|list|place)\w*|reciproca\w*|depends? on|whoever|come down to|comes down to"
    r"|coming down to)\b",
    r"\b(if|provided|as long as|so long as|only if|assuming|in exchange|in return|on condition"
    r"|on the condition|contingent|depend(s|ing)?( \w+ly| in (large|great|good|some)"
    r" (part|measure))? on|dependent on|conditional on|once (i"
    r" know|you confirm|i hear)|in (the )?case (that )?(you|your|the program)|should you"
    r"|should (your|the) (program|committee|team|department|faculty))\b",
)
MY_RANKING = rx(
    r"\b(i('ll| will| would|'d| can| could)|i am (willing|happy|prepared|ready) to|i'm (willing"
    r"|happy|prepared|ready) to) (definitely |gladly |happily |certainly |absolutely )?(rank|put"
    r"|place|list|keep|move|bump|make) (you|your program|the program|your (institution|hospital)"
    r"|it|[a-z]+ (medicine|program|hospital))?\b",
    r"\b(you('ll| will)|your program (will|would)) (be|go|move|stay) (at the top|#1|first|number"
    r" one|above|higher|top)\b",
    r"\bmy (#1|first|top|number one) (choice|pick|spot|rank|place)\b",
    r"\b(rank|put|place|list) (you|your program|the program)\b.{0,20}\b(first|#1|top|highly|high"
    r"|above)\b",
    r"\b(gets?|get|earns?|wins?|make you|making you|be) my (#1|first|top|number one)\b",
    r"\b(i'm|i am) all in (on|for|with)\b",
    r"\b(make|making) [a-z' ]{1,30} my (#1|first|top|number one) (choice|pick|program|spot)\b",
    r"\bi (rank|put|list|place) (you|your program)\b",
    r"\bmy (#1|first|top|number one|list)\b.{0,20}\b(is going|goes|will go|will be|will"
    r" mirror)\b",
    r"\b(ranking|rank|putting|put|listing) first\b",
    r"\b(where|how high|how highly) i (end up |ultimately |finally |eventually )?(rank|place|put"
    r"|list)\w*\b",
    r"\bmy (intention|plan|decision|willingness|inclination|readiness) to (rank|place|put|list)\b",
    r"\bmy (ranking|rank|placement|placing|ordering) of (you|your program|the program|it|[a-z]+)\b",
    r"\bmy (decision|choice|pick) between (you|your program|the program|[a-z]+)\b",
    r"\bmake my (decision|choice|ranking|list) (very |so |much |an )?(easy|easier|simple"
    r"|simpler)\b",
    r"\bgive (you|your program|it|the program) my (first|top|#1) (position|spot|place|choice)\b",
    r"\b(and i|we) (are|'re) (ready|willing|happy|prepared|going) to (rank|put|list|place)\b",
    r"\byou (end up|land|go|stay|are|will be) (at the top|first|#1|high\w*|#\d|number \w+)( or"
    r" [#\w]+)? (of|on) my (rank )?list\b",
    r"\b(remember|keep|hold) (you|your program|the program) (on|in) my (rank )?list\b",
    # "...an easy decision to put Granite State first"; not "if I rank Lakemont first, would I
    # match?", a question about chances.
    r"\b(to|and|'d|would|will|'ll) (put|rank|place|list|move)\w* [a-z]+( [a-z]+)? (first|#1|at the"
    r" top|number one)\b",
    r"\b(make|put|rank) (you|your [a-z]+|it|the [a-z]+) (our|my) (first|top|#1) (pair|choice"
    r"|pick)\b",
    r"\bthe (position|place|spot|rank) i (ultimately |finally |eventually )?(give|assign)\b",
    r"\bwhere (you|your program|the program|it|[a-z]+) (go|goes|land|lands|end up|ends up|fall"
    r"|falls) on mine\b",
)
THEIR_RANKING = rx(
    r"\b(hold|holds|have|has|feel|feels|share|shares) (a |an |any |some )?(similar |strong |real"
    r" |mutual |reciprocal |equal |clear |genuine |serious )?(interest|enthusiasm) in (me|my"
    r" candidacy|my application|having me)\b",
    # A sign of the program's interest, asked for as the price: "a small signal from your side".
    r"\b(signal|sign|hint|nod|indication|word of (encouragement|interest|reassurance))s? (from|on)"
    r" (you|your (side|end|part|program|team|committee)|the (program|committee))\b",
    r"\b(all in|as committed|as keen|as excited) (on|about|to) me\b",
    r"\b(i|i'll|i will)( won't| will not| don't| do not)? (end up|be|land|fall|sit) (at|near|toward"
    r"|towards) the (bottom|top|end) of your (rank )?list\b",
    r"\b(you|your program|the program|the committee|your committee|your team)\b.{0,30}\b(rank"
    r"|ranks|ranking|ranked|list|listing|place|placing|put|putting|consider|want|offer)s?"
    r" (me|my)\b",
    r"\b(rank|ranks|ranking|ranked|place|places|placed|list|lists|listed) (me|my application)\b",
    r"\b(signal|show|indicate|tell|let)\w* (me )?(that )?(it|they|you) (actually |really |truly )?"
    r"(want|wants|value|values) me\b",
    r"\bi('m| am) (ranked|on your list|high on|guaranteed|assured)\b",
    r"\b(i|me) (will |would |'ll )?(match|be matched|get (a|the) (spot|position))\b",
    r"\bmutual(ly)?\b",
    r"\b(i'm|i am) (high|ranked|highly ranked|near the top) (on|in)\b",
    r"\b(they're|they are|you're|you are|they'll|you'll|they will|you will) (ranking|rank)"
    r" (me|us)\b",
    r"\b(tells?|shows?|lets?) me (they|you)\b|\bwants? me (back|more)\b|\bhow (i'm|i am)"
    r" ranked\b",
    r"\bthe (same|feeling is mutual)\b",
    r"\bwhere i (stand|fall|sit|land|am|rank) (on|in|with) (yours|your (rank |rank order )?list)\b",
    # Interest shown back, as the price of the writer's: "should you indicate a strong
    # interest in my candidacy", "whether I am among the applicants you are keenest on".
    r"\b(indicat|signal|show|express|convey|demonstrat)\w* (a |an |any |their |your |its |some )?"
    r"(similar |strong |real |mutual |reciprocal |equal |clear |genuine )?(interest|enthusiasm)"
    r" in (me|my candidacy|my application|having me)\b",
    r"\b(you|your program|the program|the committee) (are|is|feel|feels) (equally |similarly |just"
    r" as |as |most |also )?(interested|enthusiastic|keen) (in|about|on) (me|my|having me)\b",
    r"\b(i'm|i am) (among|one of) (the )?(applicants|candidates)\b.{0,20}\b(you|your)\b",
    r"\bhow (highly|well|much) i('m| am) (regarded|rated|ranked|valued|thought of)\b",
    r"\b(i'm|i am) (near|at|close to|toward|towards) the top of yours\b|\bme on yours\b",
    r"\bi('d| would|'ll| will)? be (high|highly ranked|near the top|at the top) (on|of) your"
    r" (rank )?list\b|\b(within|in) your (matching|match) range\b",
    r"\b(give|offer)\w* me (a )?(good|high|top|strong) (position|spot|place|rank)\b",
    r"\b(departments?|programs?|you|the program) (both )?(plan|intend|are going|will|would)"
    r" (to )?rank us (highly|high|first|to match)\b",
    r"\byou (see|view|consider|regard) me as (a |an |one of your )?(good |strong |real |serious"
    r" |top )?(fit|match|candidate|candidates|contender|priority|priorities)\b",
    r"\b(signal|sign|indication) (from your side|from you|from the program|of (your|the"
    r" program's) interest)\b",
    r"\binterest (your program|you|the program|the committee) (shows?|has|have|expresses?) in"
    r" me\b|\blevel of interest (you|your program|the program)\b",
    r"\b(your|the) ([a-z]+ )?program (ranks|ranked|will rank|would rank) [a-z]+ (to match|highly"
    r"|high|first)\b",
    r"\b(i'm|i am|i'll be|i will be|i was) (\w+ )?(on your radar|in your plans|a priority for you"
    r"|in your top)\b",
)

# Volunteered interest: allowed, once. Used to notice "you are my #1" said twice.
FIRST_CHOICE = rx(
    r"\b(rank|ranking|put|putting|place|placing|list|listing) (you|your program|the program|"
    r"(?!me\b|us\b)[a-z' ]{1,40}?) (first|#1|at the top|number one)\b",
    r"\b(you are|you're|is|remains?) my (#1|first|top|number one) (choice|pick|program)\b",
)

# A "spot" that is a seat at an event, not a residency position.
EVENT_SPOT = rx(
    r"\b(spot|place|seat|slot|opening|space)s?\b.{0,40}\b(session|visit|tour|lunch|event"
    r"|webinar|open house|second[- ]look|dinner|social|meeting|call|zoom|shadow\w*|rounds"
    r"|conference|morning report)\b",
    r"\b(stipend|salary|housing|parking|funding|meal|vacation|leave|insurance|moonlighting"
    r"|education fund|book fund)\b",
)


# The many ways of asking without a question: "any hint on how things look would really
# help", "kindly revert with the status of my application", "hoping for an honest read".
REQUESTS = fast(
    r"\?|\b(please|kindly|pls|would (really |so |truly )?help|help me|appreciate|grateful|hoping"
    r" for|hope for|any (hint|word|sense|idea|insight|signal|indication|update|feedback|clue"
    r"|info|information|read|chance|thoughts)|let me know|tell me|share|wondering|wonder|curious"
    r"|whether|revert|update me|inform|advise|thumbs|heads.up|read on|give me|know if"
    r"|know how|know where|to know|to hear|to learn|to find out|to understand|request|asking"
    r"|inquir|enquir|need to|want to know|would love to know|would like to know|lmk|idk if"
    r"|status|a sense|an idea|a feel|any way|anything you can|am i|do i|did i|will i|would i"
    r"|is there|could you|would you|can you|will you|an answer|be (great|helpful|nice|appreciated)"
    r"|comfortable|obliged|able to|checking|asking|asked|indicate|see me|sees me|view me"
    r"|peace of mind|say the same|knowing that|at ease|feel (so |much |a lot )*better)"
)
