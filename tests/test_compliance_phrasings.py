"""Phrasings the fresh held-out rounds taught the checker, each rewritten in our own words.

Every case here is a message a user could write that an earlier checker got wrong. The
cases are grouped by what the user should see: a breach of the given category, or nothing.
"""

from __future__ import annotations

import pytest

from core.compliance import Category, Severity, check

# An applicant's message and the category it must be flagged with.
APPLICANT_BREACHES = [
    pytest.param(
        "I'm not asking where I stand - only whether you can promise I'll be ranked high"
        " enough to match.",
        "commitment_request",
        id="formal_chat_and_indirect_breaches",
    ),
    pytest.param(
        "any news on my standing?", "rank_inquiry", id="formal_chat_and_indirect_breaches"
    ),
    pytest.param(
        "Please let me know how the committee ranked me.",
        "rank_inquiry",
        id="formal_chat_and_indirect_breaches",
    ),
    pytest.param(
        "What are my chances of landing a spot with you?",
        "rank_inquiry",
        id="formal_chat_and_indirect_breaches",
    ),
    pytest.param(
        "Were the regard mutual, I would be delighted to place your programme first.",
        "conditional",
        id="formal_chat_and_indirect_breaches",
    ),
    pytest.param(
        "Tell me how you ranked me and I'll tell you where you are on my list.",
        "conditional",
        id="formal_chat_and_indirect_breaches",
    ),
    pytest.param(
        "Might we exchange our respective rank lists, in confidence?",
        "conditional",
        id="formal_chat_and_indirect_breaches",
    ),
    pytest.param(
        "Where I end up ranking you depends on where I fall on yours.",
        "conditional",
        id="formal_chat_and_indirect_breaches",
    ),
    pytest.param(
        "My intention to rank you first is contingent on a reciprocal sign that I am ranked well.",
        "conditional",
        id="formal_chat_and_indirect_breaches",
    ),
    pytest.param(
        "can u swear i'll be high enough on ur list to match",
        "commitment_request",
        id="formal_chat_and_indirect_breaches",
    ),
    pytest.param(
        "Could you promise that my partner and I would both be placed at your hospital?",
        "commitment_request",
        id="formal_chat_and_indirect_breaches",
    ),
    pytest.param(
        "If you could let me know now that I will get a position, I'd cancel my other interviews.",
        "commitment_request",
        id="formal_chat_and_indirect_breaches",
    ),
    pytest.param(
        "I would like kindly to know which city the hospital is situated in and the number"
        " of seats.",
        "bad_question",
        id="formal_chat_and_indirect_breaches",
    ),
    pytest.param(
        "I must know by Tuesday whether I'm ranked to match, since I don't want to lose"
        " the other offer.",
        "rank_inquiry",
        id="asks_before_a_disclaimer_and_offers_for_interest_shown",
    ),
    pytest.param(
        "any clue if im ranked to match at ur place??",
        "rank_inquiry",
        id="asks_before_a_disclaimer_and_offers_for_interest_shown",
    ),
    pytest.param(
        "Would I be competitive for a spot if I listed you first?",
        "rank_inquiry",
        id="asks_before_a_disclaimer_and_offers_for_interest_shown",
    ),
    pytest.param(
        "Should the committee signal a real interest in my application, I would gladly"
        " place the program first.",
        "conditional",
        id="asks_before_a_disclaimer_and_offers_for_interest_shown",
    ),
    pytest.param(
        "Where your program ends up on my list will depend mostly on whether I am among the"
        " candidates you favour.",
        "conditional",
        id="asks_before_a_disclaimer_and_offers_for_interest_shown",
    ),
    pytest.param(
        "is the residency 3 or 4 yrs?",
        "bad_question",
        id="asks_before_a_disclaimer_and_offers_for_interest_shown",
    ),
    pytest.param(
        "Does your program take DO applicants?",
        "bad_question",
        id="asks_before_a_disclaimer_and_offers_for_interest_shown",
    ),
    pytest.param(
        "Could you reassure me I won't go unmatched if I rank you first?",
        "commitment_request",
        id="asks_before_a_disclaimer_and_offers_for_interest_shown",
    ),
    pytest.param(
        "could you just lock me in? ur my #1",
        "commitment_request",
        id="assurance_asked_without_the_word_guarantee",
    ),
    pytest.param(
        "Please tell me I've got a spot so I can relax.",
        "commitment_request",
        id="assurance_asked_without_the_word_guarantee",
    ),
    pytest.param(
        "can u tell me i'm in??",
        "commitment_request",
        id="assurance_asked_without_the_word_guarantee",
    ),
    pytest.param(
        "May I have a firm yes before I certify my list?",
        "commitment_request",
        id="assurance_asked_without_the_word_guarantee",
    ),
    pytest.param(
        "Could you let me know I'll have a home with you next year?",
        "commitment_request",
        id="assurance_asked_without_the_word_guarantee",
    ),
    pytest.param(
        "Would it be smart to put your program first, or am I a safer bet elsewhere?",
        "rank_inquiry",
        id="assurance_asked_without_the_word_guarantee",
    ),
    pytest.param(
        "In case the program is placing me near the top, surely I will list it as number one.",
        "conditional",
        id="assurance_asked_without_the_word_guarantee",
    ),
    pytest.param(
        "I'd be grateful to hear whether you expect to offer me a position.",
        "rank_inquiry",
        id="standing_asked_sideways",
    ),
    pytest.param(
        "Is there any way you could tell me how I look on your end?",
        "rank_inquiry",
        id="standing_asked_sideways",
    ),
    pytest.param(
        "Would an applicant with a 228 be competitive for you?",
        "bad_question",
        id="standing_asked_sideways",
    ),
    pytest.param(
        "You are my first choice. Truly my first choice. First choice!",
        "over_signaling",
        id="asks_that_span_two_sentences_or_repeat",
    ),
    pytest.param(
        "I'm ready to make you #1 as soon as I know I'm on your radar.",
        "conditional",
        id="asks_that_span_two_sentences_or_repeat",
    ),
    pytest.param(
        "I'd be so grateful to know that a spot will be held for me.",
        "commitment_request",
        id="promises_and_bargains_in_plain_words",
    ),
    pytest.param(
        "I need to hear from you that the position will be there for me.",
        "commitment_request",
        id="promises_and_bargains_in_plain_words",
    ),
    pytest.param(
        "it'd really help my peace of mind to hear you'll take me",
        "commitment_request",
        id="promises_and_bargains_in_plain_words",
    ),
    pytest.param(
        "I am writing to ask what is my position in your rank list.",
        "rank_inquiry",
        id="promises_and_bargains_in_plain_words",
    ),
    pytest.param(
        "I'd welcome honest feedback on whether you see me as a serious contender.",
        "rank_inquiry",
        id="promises_and_bargains_in_plain_words",
    ),
    pytest.param(
        "whoever ranks me higher gets my #1",
        "conditional",
        id="promises_and_bargains_in_plain_words",
    ),
    pytest.param(
        "My decision between you and Westfield will come down to which one signals that it"
        " wants me.",
        "conditional",
        id="promises_and_bargains_in_plain_words",
    ),
    pytest.param(
        "I'd feel so much better hearing that there'll be a place for me in July.",
        "commitment_request",
        id="places_promised_and_standings_implied",
    ),
    pytest.param(
        "My lawyer needs a letter from the program stating that I will be offered a position;"
        " could you write one?",
        "commitment_request",
        id="places_promised_and_standings_implied",
    ),
    pytest.param(
        "Where I place the program will depend in large part on how highly I am regarded by"
        " the committee.",
        "conditional",
        id="places_promised_and_standings_implied",
    ),
    pytest.param(
        "Does that mean I'm in the range you usually match from?",
        "rank_inquiry",
        id="places_promised_and_standings_implied",
    ),
    pytest.param(
        "Would it be fair to hope to see you in July?",
        "rank_inquiry",
        id="places_promised_and_standings_implied",
    ),
    pytest.param(
        "Could you let me know that I'll be one of your interns next year?",
        "commitment_request",
        id="assurance_and_standing_in_everyday_words",
    ),
    pytest.param(
        "i just need to hear from someone that im gonna land there in march",
        "commitment_request",
        id="assurance_and_standing_in_everyday_words",
    ),
    pytest.param(
        "I'd need to hear from you that a spot in your surgery program will be there for me.",
        "commitment_request",
        id="assurance_and_standing_in_everyday_words",
    ),
    pytest.param(
        "Did the second look move the needle? I'd love to know where things landed.",
        "rank_inquiry",
        id="assurance_and_standing_in_everyday_words",
    ),
    pytest.param(
        "I am writing to kindly know about my position in your rank list.",
        "rank_inquiry",
        id="assurance_and_standing_in_everyday_words",
    ),
    pytest.param(
        "May I know whether there is a real possibility of my joining your family in July?",
        "rank_inquiry",
        id="assurance_and_standing_in_everyday_words",
    ),
    pytest.param(
        "Would it be realistic to start planning my move to Tucson?",
        "rank_inquiry",
        id="assurance_and_standing_in_everyday_words",
    ),
    pytest.param(
        "If your surgery program ranks my partner to match, we'll make your hospital our first"
        " pair.",
        "conditional",
        id="assurance_and_standing_in_everyday_words",
    ),
    pytest.param(
        "Another program told me I'm ranked to match. Could you tell me whether I'm in a"
        " similar position with you?",
        "rank_inquiry",
        id="standing_and_promises_phrased_around_the_rules",
    ),
    pytest.param(
        "I'd like an understanding with you that I'll be ranked to match.",
        "commitment_request",
        id="standing_and_promises_phrased_around_the_rules",
    ),
    pytest.param(
        "I need from your side confirmation that I will be accepted.",
        "commitment_request",
        id="standing_and_promises_phrased_around_the_rules",
    ),
    pytest.param(
        "any chance u could pencil me in for one of the spots?",
        "commitment_request",
        id="standing_and_promises_phrased_around_the_rules",
    ),
    pytest.param(
        "Could you tell me anything that would give me peace of mind, like that I'll be among"
        " the people you take?",
        "commitment_request",
        id="standing_and_promises_phrased_around_the_rules",
    ),
    pytest.param(
        "I'd put you at the top the moment I knew you'd be ranking me to match.",
        "conditional",
        id="standing_and_promises_phrased_around_the_rules",
    ),
    pytest.param(
        "Whether you end up at the top of my list comes down to whether I'm near the top of yours.",
        "conditional",
        id="standing_and_promises_phrased_around_the_rules",
    ),
    pytest.param(
        "Would it be wise for me to keep a few programs above yours as a safety net?",
        "rank_inquiry",
        id="standing_and_promises_phrased_around_the_rules",
    ),
    pytest.param(
        "Just trying to see if I'm in the ballpark for you all.",
        "rank_inquiry",
        id="bargains_and_asks_without_the_usual_words",
    ),
    pytest.param(
        "Could the program offer me a position outside the Match? I'd accept at once.",
        "commitment_request",
        id="bargains_and_asks_without_the_usual_words",
    ),
    pytest.param(
        "can the pd send a note saying im locked in?",
        "commitment_request",
        id="bargains_and_asks_without_the_usual_words",
    ),
    pytest.param(
        "Whether you end up #1 or #3 on my list comes down to whether you see me as a fit.",
        "conditional",
        id="bargains_and_asks_without_the_usual_words",
    ),
    pytest.param(
        "The top of my list is open, and a signal from your side would make it easy to put"
        " Granite first.",
        "conditional",
        id="bargains_and_asks_without_the_usual_words",
    ),
    pytest.param(
        "I will remember your program on my list as you remember me on yours.",
        "conditional",
        id="bargains_and_asks_without_the_usual_words",
    ),
    pytest.param(
        "Without it, I will have to move Lakeside further down my list.",
        "conditional",
        id="bargains_and_asks_without_the_usual_words",
    ),
    pytest.param(
        "Where I place Bayside will reflect the level of interest your program shows in me.",
        "conditional",
        id="bargains_and_asks_without_the_usual_words",
    ),
    pytest.param(
        "Would you be able to tell me I'll be one of the people you take?",
        "commitment_request",
        id="round_j_phrasings_in_our_words",
    ),
    pytest.param(
        "It would ease my mind to hear that I'll be starting at Baylor in July.",
        "commitment_request",
        id="round_j_phrasings_in_our_words",
    ),
    pytest.param(
        "Would the department set aside one of the categorical positions for me?",
        "commitment_request",
        id="round_j_phrasings_in_our_words",
    ),
    pytest.param(
        "Knowing I'd be high on your list would make it easy to put Duke at the top of mine.",
        "conditional",
        id="round_j_phrasings_in_our_words",
    ),
    pytest.param(
        "I am ready to give your program my first position, in case you can also give me a"
        " good position on your list.",
        "conditional",
        id="round_j_phrasings_in_our_words",
    ),
    pytest.param(
        "Should I hear that I'm within your matching range, I would move you to the top of my"
        " list.",
        "conditional",
        id="round_j_phrasings_in_our_words",
    ),
    pytest.param(
        "Could you give me any sense of how I measured up among them?",
        "rank_inquiry",
        id="round_j_phrasings_in_our_words",
    ),
    pytest.param(
        "To be open with you, my excitement about Dayton will track how highly your committee"
        " rates me when the list is made.",
        "conditional",
        id="round_k_phrasings_in_our_words",
    ),
    pytest.param(
        "I am keeping my first spot for whichever program that ranks me in its matching range.",
        "conditional",
        id="round_k_phrasings_in_our_words",
    ),
    pytest.param(
        "I'd gladly rank Mercy first in the case that your program sees me as a strong fit too.",
        "conditional",
        id="round_k_phrasings_in_our_words",
    ),
    pytest.param(
        "Is there something you could share so I can rank you #1 without the fear of going"
        " unmatched?",
        "commitment_request",
        id="round_k_phrasings_in_our_words",
    ),
    pytest.param(
        "we match as a couple, so could both programs promise to take us together?",
        "commitment_request",
        id="round_k_phrasings_in_our_words",
    ),
    pytest.param(
        "pls just tell me im safe haha", "commitment_request", id="round_k_phrasings_in_our_words"
    ),
    pytest.param(
        "Would you let us know whether both of us are ranked high enough to match together?",
        "rank_inquiry",
        id="round_k_phrasings_in_our_words",
    ),
    pytest.param(
        "My rank list is almost final and I need to hear from you this week about my status.",
        "rank_inquiry",
        id="round_k_phrasings_in_our_words",
    ),
    pytest.param(
        "could you cross your heart i'm getting one of the surgery spots lol",
        "commitment_request",
        id="round_l_phrasings_in_our_words",
    ),
    pytest.param(
        "All I'm hoping for is a simple yes from you that I'm in, then I can relax.",
        "commitment_request",
        id="round_l_phrasings_in_our_words",
    ),
    pytest.param(
        "any idea if i'm somewhere on the list where i'd actually match?",
        "rank_inquiry",
        id="round_l_phrasings_in_our_words",
    ),
    pytest.param(
        "My first spot is between you and one other program; the one that tells me I'm a"
        " priority will get it.",
        "conditional",
        id="round_l_phrasings_in_our_words",
    ),
    pytest.param(
        "Whoever lets me know I'm ranked to match wins my #1.",
        "conditional",
        id="round_l_phrasings_in_our_words",
    ),
    pytest.param(
        "I only need to hear from someone in the department that I'll get a spot there.",
        "commitment_request",
        id="round_m_phrasings_in_our_words",
    ),
    pytest.param(
        "I'm all in on Tufts. Any chance the program could be just as committed to me?",
        "commitment_request",
        id="round_m_phrasings_in_our_words",
    ),
    pytest.param(
        "plz just say ur gonna take me and i'll stop texting",
        "commitment_request",
        id="round_m_phrasings_in_our_words",
    ),
    pytest.param(
        "Would you let me know I'm covered before the deadline?",
        "commitment_request",
        id="round_m_phrasings_in_our_words",
    ),
    pytest.param(
        "I'm ready to list Maine Med first so long as I won't be near the bottom of your list.",
        "conditional",
        id="round_m_phrasings_in_our_words",
    ),
    pytest.param(
        "I'd happily make Harbor my first choice, and one little hint from your end would make it"
        " an easy call.",
        "conditional",
        id="round_m_phrasings_in_our_words",
    ),
    pytest.param(
        "My partner wonders if it's too early to start looking at houses in Ann Arbor. Would"
        " you say so?",
        "rank_inquiry",
        id="round_m_phrasings_in_our_words",
    ),
    pytest.param(
        "Would it be realistic for us to think of Tucson as our likely landing spot this summer?",
        "rank_inquiry",
        id="round_m_phrasings_in_our_words",
    ),
    pytest.param(
        "Between 'nice to have met you' and 'see you in June', where would you put me?",
        "rank_inquiry",
        id="round_m_phrasings_in_our_words",
    ),
    pytest.param(
        "Is it worth it for me to rank your program first, or should I keep my top place for one"
        " where I have a better chance?",
        "rank_inquiry",
        id="rounds_n_and_o_phrasings_in_our_words",
    ),
    pytest.param(
        "hey, did Dr. Ruiz say anything about me after the interview? am i looking good?",
        "rank_inquiry",
        id="rounds_n_and_o_phrasings_in_our_words",
    ),
    pytest.param(
        "Where Baylor lands on my list depends largely on whether I'd be a priority for you too.",
        "conditional",
        id="rounds_n_and_o_phrasings_in_our_words",
    ),
    pytest.param(
        "If your program could show it holds a real interest in me, I'd be glad to make it my"
        " first choice.",
        "conditional",
        id="rounds_n_and_o_phrasings_in_our_words",
    ),
    pytest.param(
        "You scratch my back on the rank list and I'll scratch yours.",
        "conditional",
        id="rounds_n_and_o_phrasings_in_our_words",
    ),
    pytest.param(
        "I'd love to put Emory first, but I need to know the feeling is mutual before I do.",
        "conditional",
        id="rounds_n_and_o_phrasings_in_our_words",
    ),
    pytest.param(
        "I was hopeing you could promiss me I'll match with you.",
        "commitment_request",
        id="rounds_n_and_o_phrasings_in_our_words",
    ),
    pytest.param(
        "haha can the program director pinky swear i'm ranked to match",
        "commitment_request",
        id="rounds_n_and_o_phrasings_in_our_words",
    ),
    pytest.param(
        "No pressure, but is my name anywhere close to the top of the stack this year?",
        "rank_inquiry",
        id="rounds_p_and_q_phrasings_in_our_words",
    ),
    pytest.param(
        "Could you tell me by Friday whether the committee is still interested in me?",
        "rank_inquiry",
        id="rounds_p_and_q_phrasings_in_our_words",
    ),
    pytest.param(
        "The committee met on Tuesday, I hear. Is it looking good for me?",
        "rank_inquiry",
        id="rounds_p_and_q_phrasings_in_our_words",
    ),
    pytest.param(
        "It would mean the world to hear that there will be places waiting for both of us.",
        "commitment_request",
        id="rounds_p_and_q_phrasings_in_our_words",
    ),
    pytest.param(
        "honestly all i need is a quick 'you're in' and i can sleep again",
        "commitment_request",
        id="rounds_p_and_q_phrasings_in_our_words",
    ),
    pytest.param(
        "Let us know by Monday whether you want us, or we'll move your program down our list.",
        "conditional",
        id="rounds_p_and_q_phrasings_in_our_words",
    ),
    pytest.param(
        "My final list will naturally reflect the signals I get, and a word of encouragement from"
        " you would settle it.",
        "conditional",
        id="rounds_p_and_q_phrasings_in_our_words",
    ),
    pytest.param(
        "tell the PD i'm all in on peds there, as long as she's all in on me too",
        "conditional",
        id="rounds_p_and_q_phrasings_in_our_words",
    ),
]

# An applicant's messages that ask for nothing a program may not give: no violation.
APPLICANT_OK = [
    pytest.param(
        "Dear Dr. Lee, I'm not asking where I stand, I understand the rules. I just want you"
        " to know Lakeside will be my first choice. Thank you, Sam",
        id="disclaimers_and_other_senses_stay_ok",
    ),
    pytest.param(
        "I'm not going to ask whether I'll be ranked to match - I know you can't say. Thank"
        " you for the day.",
        id="disclaimers_and_other_senses_stay_ok",
    ),
    pytest.param(
        "Does my standing clinic move to Thursdays during the ICU month?",
        id="disclaimers_and_other_senses_stay_ok",
    ),
    pytest.param(
        "What are graduates' chances of landing a cardiology fellowship from here?",
        id="disclaimers_and_other_senses_stay_ok",
    ),
    pytest.param(
        "Are changes expected to the number of positions after the merger?",
        id="disclaimers_and_other_senses_stay_ok",
    ),
    pytest.param(
        "I shan't ask where I stand; I only wanted to say how much I enjoyed the day.",
        id="policy_guarantees_and_british_disclaimers_stay_ok",
    ),
    pytest.param(
        "Is a research month guaranteed for residents who apply by PGY-2, or is it competitive?",
        id="policy_guarantees_and_british_disclaimers_stay_ok",
    ),
    pytest.param(
        "I don't want to take up your time, so just a thank-you for the tour.",
        id="policy_guarantees_and_british_disclaimers_stay_ok",
    ),
    pytest.param(
        "Does the program sponsor H-1B visas, or only J-1?",
        id="policy_guarantees_and_british_disclaimers_stay_ok",
    ),
    pytest.param("Will rank highly. Great day.", id="chat_statements_and_other_stances_stay_ok"),
    pytest.param(
        "Can't wait to start wherever I match!", id="chat_statements_and_other_stances_stay_ok"
    ),
    pytest.param(
        "Can't promise I'll be your fastest intern, but I will be the most prepared.",
        id="chat_statements_and_other_stances_stay_ok",
    ),
    pytest.param(
        "You asked me where I stand on private practice versus academics; academics, I think.",
        id="chat_statements_and_other_stances_stay_ok",
    ),
    pytest.param(
        "My chances of becoming a good endoscopist are best with your volume.",
        id="chat_statements_and_other_stances_stay_ok",
    ),
    pytest.param(
        "Your program is my first choice.", id="warm_statements_hopes_and_couples_plans_ask_nothing"
    ),
    pytest.param(
        "Matching at Rush would be a dream.",
        id="warm_statements_hopes_and_couples_plans_ask_nothing",
    ),
    pytest.param(
        "It would be a privilege to be ranked by your program.",
        id="warm_statements_hopes_and_couples_plans_ask_nothing",
    ),
    pytest.param(
        "I'm excited to see where I match.",
        id="warm_statements_hopes_and_couples_plans_ask_nothing",
    ),
    pytest.param(
        "I'd love to match with you.", id="warm_statements_hopes_and_couples_plans_ask_nothing"
    ),
    pytest.param(
        "I really hope to match at Rush, and I'd be thrilled to train there.",
        id="warm_statements_hopes_and_couples_plans_ask_nothing",
    ),
    pytest.param(
        "My final list depends on where my partner and I can both train.",
        id="warm_statements_hopes_and_couples_plans_ask_nothing",
    ),
    pytest.param(
        "I won't be asking where I stand; I just wanted you to hear you are my first choice.",
        id="not_being_about_to_ask_is_not_asking",
    ),
    pytest.param(
        "The second look left me even more certain that I'd be happy training there.",
        id="the_writer_s_own_certainty_asks_nothing",
    ),
    pytest.param(
        "I came away confident that I would be well supported in Denver.",
        id="the_writer_s_own_certainty_asks_nothing",
    ),
    pytest.param(
        "I'm not trying to find out where I'm ranked; may I sit in on Thursday's M&M?",
        id="not_trying_to_find_out_is_not_asking",
    ),
    pytest.param(
        "I know I'm not supposed to ask where I stand, and I won't. I hope to join you in July.",
        id="not_supposed_to_ask_and_not_asking_stays_ok",
    ),
    pytest.param(
        "Who should I contact about orientation for incoming interns, should I match with you?",
        id="a_logistics_question_should_i_match_stays_ok",
    ),
    pytest.param(
        "Thank you again for my interview. As I live abroad, another trip would mean new visa"
        " planning, so a second visit is not practical, but my interest is as strong as ever.",
        id="another_trip_or_a_second_visit_is_not_one_message_too_many",
    ),
    pytest.param(
        "Thank you for your kind note. The feeling is mutual. I will rank you very highly.",
        id="mutual_feelings_partners_and_electives_stay_ok",
    ),
    pytest.param(
        "I will rank Rochester EM highly, and my partner feels the same about your IM program.",
        id="mutual_feelings_partners_and_electives_stay_ok",
    ),
    pytest.param(
        "What are my chances of getting the global health elective in PGY-3?",
        id="mutual_feelings_partners_and_electives_stay_ok",
    ),
    pytest.param(
        "Just an update on where I stand with my USMLE Step 3: I passed, and the score is in ERAS.",
        id="round_k_standing_on_paperwork_and_questions_about_interns",
    ),
    pytest.param(
        "One more question: how are the best QI projects chosen for resident research day? I'd"
        " love to know whether interns can present.",
        id="round_k_standing_on_paperwork_and_questions_about_interns",
    ),
    pytest.param(
        "It wouldn't be right to ask where I stand, and I'm not asking. My husband and I simply"
        " remain excited about Tucson.",
        id="round_l_disclaimers_and_matches_supposed",
    ),
    pytest.param(
        "I'm set on coming to Denver if I match there, and you're at the top of my list.",
        id="round_l_disclaimers_and_matches_supposed",
    ),
    pytest.param(
        "Nothing about my list depends on a reply: Rush will be my first choice, and I wanted you"
        " to know.",
        id="rounds_n_and_o_conditions_denied_and_other_senses",
    ),
    pytest.param(
        "Thanks for your note, and the feeling is mutual - you'll be very high on my list.",
        id="rounds_n_and_o_conditions_denied_and_other_senses",
    ),
    pytest.param(
        "Question for the residents: what are my chances of actually operating on a Whipple as"
        " a PGY-2?",
        id="rounds_n_and_o_conditions_denied_and_other_senses",
    ),
    pytest.param(
        "Is a preliminary surgery year guaranteed through your partner hospital, or should I"
        " rank prelim programs separately?",
        id="rounds_n_and_o_conditions_denied_and_other_senses",
    ),
    pytest.param(
        "My husband made me promise this would be my only email after the interview, so: thank"
        " you.",
        id="rounds_n_and_o_conditions_denied_and_other_senses",
    ),
    pytest.param(
        "Will I have a chance to meet the transplant faculty at the second look, and where"
        " should we park?",
        id="rounds_p_and_q_other_chances_and_stances",
    ),
    pytest.param(
        "I wanted to clarify where I stand on the question you asked about research: I'd choose"
        " the physician-scientist track.",
        id="rounds_p_and_q_other_chances_and_stances",
    ),
    pytest.param(
        "I understand there is nothing you can tell me about my chances, and I'm not asking;"
        " thank you for the day.",
        id="rounds_p_and_q_other_chances_and_stances",
    ),
]

# A program's message and the category it must be flagged with.
PROGRAM_BREACHES = [
    pytest.param(
        "Before our rank meeting it would help to know whether you interviewed at the other"
        " programs in the region.",
        Category.other_programs_question,
        id="programs_asking_in_passing",
    ),
    pytest.param(
        "We'd be glad to hear roughly where Lakeview falls on your list.",
        Category.ranking_question,
        id="programs_asking_in_passing",
    ),
    pytest.param(
        "if we're ur top pick just drop us a line before the deadline",
        Category.commitment_solicitation,
        id="programs_asking_in_passing",
    ),
    pytest.param(
        "If Lakeview is where your heart is, a short note saying so would help us.",
        Category.commitment_solicitation,
        id="programs_asking_in_passing",
    ),
    pytest.param(
        "Thinking of the other programs you saw, how will you order them?",
        Category.other_programs_question,
        id="programs_asking_plainly_in_other_words",
    ),
    pytest.param(
        "It would help to know which other surgery programs remain on your list.",
        Category.other_programs_question,
        id="programs_asking_plainly_in_other_words",
    ),
    pytest.param(
        "Honestly, in what position are you putting our program?",
        Category.ranking_question,
        id="programs_asking_plainly_in_other_words",
    ),
    pytest.param(
        "Do send us an update on your level of interest before lists close.",
        Category.commitment_solicitation,
        id="programs_asking_plainly_in_other_words",
    ),
    pytest.param(
        "so are we in ur top 5 or nah",
        Category.ranking_question,
        id="programs_fishing_casually_or_in_bulk",
    ),
    pytest.param(
        "It would help to hear, before the meeting, from those who intend to place us at the"
        " top of their lists.",
        Category.commitment_solicitation,
        id="programs_fishing_casually_or_in_bulk",
    ),
    pytest.param(
        "how's the rest of your trail going, any other places out west?",
        Category.other_programs_question,
        id="programs_asking_about_the_trail_and_the_order",
    ),
    pytest.param(
        "Which of the programs you saw do you see as ahead of us?",
        Category.ranking_question,
        id="programs_asking_about_the_trail_and_the_order",
    ),
    pytest.param(
        "If Denver is where you see yourself, it would help to hear that from you.",
        Category.commitment_solicitation,
        id="programs_asking_about_the_trail_and_the_order",
    ),
    pytest.param(
        "Please fill in the survey indicating how you anticipate placing our program on your list.",
        Category.ranking_question,
        id="programs_asking_by_survey_or_note",
    ),
    pytest.param(
        "Drop me a line once you certify, letting me know we're at the top.",
        Category.commitment_solicitation,
        id="programs_asking_by_survey_or_note",
    ),
    pytest.param(
        "If you can tell me Riverside will be at the top of your list, I can advocate for you.",
        Category.commitment_solicitation,
        id="programs_trading_advocacy_or_asking_the_order",
    ),
    pytest.param(
        "How do you plan to rank the big university programs compared with programs like ours?",
        Category.ranking_question,
        id="programs_trading_advocacy_or_asking_the_order",
    ),
    pytest.param(
        "Will you be ranking us first?",
        Category.ranking_question,
        id="programs_trading_advocacy_or_asking_the_order",
    ),
    pytest.param(
        "heard you were at Iowa last week, how'd it go? did they seem into you?",
        Category.other_programs_question,
        id="programs_fishing_in_chat",
    ),
    pytest.param(
        "sooo are we making ur top 3 or what",
        Category.ranking_question,
        id="programs_fishing_in_chat",
    ),
    pytest.param(
        "It would greatly help our committee to know roughly where we fall on your list.",
        Category.ranking_question,
        id="round_k_a_program_asking_for_its_committee",
    ),
    pytest.param(
        "It would help our team to know the place our program will have on your rank list.",
        Category.ranking_question,
        id="round_k_a_program_asking_for_its_committee",
    ),
    pytest.param(
        "heads up, we mostly rank to match people who tell us we're their first choice",
        Category.commitment_solicitation,
        id="round_l_programs_in_chat",
    ),
    pytest.param(
        "so is our program up there for you? -dr. k",
        Category.ranking_question,
        id="round_l_programs_in_chat",
    ),
    pytest.param(
        "To help us plan, it would be useful to know which other pathology programs are still in"
        " the running for you.",
        Category.other_programs_question,
        id="rounds_n_and_o_programs",
    ),
    pytest.param(
        "If you're serious about joining us, a short email confirming it would help with the"
        " committee.",
        Category.commitment_solicitation,
        id="rounds_n_and_o_programs",
    ),
    pytest.param(
        "It would help me argue for you with the committee if I could tell them you're coming"
        " here.",
        Category.commitment_solicitation,
        id="rounds_p_and_q_programs",
    ),
    pytest.param(
        "Dr. Hale says he'd feel better ranking you highly if he heard that we're at the top of"
        " your list.",
        Category.commitment_solicitation,
        id="rounds_p_and_q_programs",
    ),
    pytest.param(
        "To coordinate with medicine, it would help to know which other institutions are on your"
        " couples list.",
        Category.other_programs_question,
        id="rounds_p_and_q_programs",
    ),
    pytest.param(
        "We would be interested to learn how highly our program is regarded in your final"
        " ordering.",
        Category.ranking_question,
        id="rounds_p_and_q_programs",
    ),
]

# A program's messages that solicit and ask nothing.
PROGRAM_OK = [
    pytest.param(
        "We ask that you not tell us how you will rank us.",
        id="programs_declining_to_ask_are_not_breaches",
    ),
    pytest.param(
        "Our survey asks nothing about other programs you applied to.",
        id="programs_declining_to_ask_are_not_breaches",
    ),
    pytest.param(
        "You should not feel any obligation to tell us how you'll rank programs.",
        id="programs_declining_to_ask_are_not_breaches",
    ),
    pytest.param(
        "Please don't feel you need to tell us where else you interviewed.",
        id="programs_wishing_well_ask_nothing",
    ),
    pytest.param(
        "We hope you find the program that feels like home, whichever it is.",
        id="programs_wishing_well_ask_nothing",
    ),
    pytest.param(
        "We're not able to share any ranking information, and we ask that applicants not tell"
        " us how they plan to rank our program.",
        id="a_program_declining_to_share_and_to_be_told_asks_nothing",
    ),
    pytest.param(
        "Please return your reimbursement forms by February 15 so we can process them.",
        id="a_program_s_paperwork_deadline_solicits_nothing",
    ),
    pytest.param(
        "Dear Dr. Ito, thank you for letting us know you'll rank us highly - that's kind of you.",
        id="programs_acknowledging_or_scheduling_solicit_nothing",
    ),
    pytest.param(
        "It changes nothing on our end: please rank according to your true preferences.",
        id="programs_acknowledging_or_scheduling_solicit_nothing",
    ),
    pytest.param(
        "A spot opened on January 10. Please let us know by Friday if you would like it.",
        id="programs_acknowledging_or_scheduling_solicit_nothing",
    ),
    pytest.param(
        "Friendly reminder that certified rank lists are due to the NRMP on March 4.",
        id="program_reminders_and_logistics_solicit_nothing",
    ),
    pytest.param(
        "Your interview has moved to January 22. Please confirm that you can attend.",
        id="program_reminders_and_logistics_solicit_nothing",
    ),
    pytest.param(
        "We've added your publication to your file and shared it with the selection committee.",
        id="program_reminders_and_logistics_solicit_nothing",
    ),
    pytest.param(
        "Under NRMP rules, nobody on our faculty will ask where else you interviewed or how you"
        " will rank us.",
        id="rounds_n_and_o_programs_promising_not_to_ask",
    ),
]


@pytest.mark.parametrize(("text", "category"), APPLICANT_BREACHES)
def test_applicant_breaches_are_flagged(text: str, category: str) -> None:
    assert category in {c.value for c in check(text).categories}


@pytest.mark.parametrize("text", APPLICANT_OK)
def test_applicant_messages_that_ask_nothing_pass(text: str) -> None:
    assert check(text).verdict is Severity.ok


@pytest.mark.parametrize(("text", "category"), PROGRAM_BREACHES)
def test_program_breaches_are_flagged(text: str, category: Category) -> None:
    assert category in check(text, "program").categories


@pytest.mark.parametrize("text", PROGRAM_OK)
def test_program_messages_that_ask_nothing_pass(text: str) -> None:
    assert check(text, "program").verdict is Severity.ok
