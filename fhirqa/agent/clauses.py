"""Which part of a message asks: the clauses that only tell (context, who asks, a worry, a case, a plan) set aside.

`asked(question)` returns what the question sets aside ("excluding social findings") and the clauses that ask.
"""

from __future__ import annotations

import re

from ..topics import content_words, families_named
from .asides import is_story, unletter, unstressed, without_asides
from .dates import MONTH
from .visit_words import CAME_IN, KIND, VISIT

# What a question sets aside: "resolved conditions, excluding social findings", "any meds other than vitamins?".
EXCLUDED = (r"(?:\b(?:excluding|except(?: for)?|other than|besides|apart from|aside from|not counting|not including|"
            r"leaving out|leave out|omit|omitting|exclude|but not|minus)|\(\s*not|(?:^|(?<=[?.;,]))\s*not\s+(?:an?|the))\s+(?P<x>(?!(?:that|this|those|the one|then|now|today)\b)[^.;?(]+?)"
            r"(?=\s*(?:[.;?(]|,|\bwith\b|\band (?:give|list|show|include|return|when)\b|$))")
# A clause that tells the asker's context rather than asks: "inr? on coumadin so should be getting checked",
# "she's prediabetic - is the a1c creeping up?", "any nut allergy? we're baking for him".
CONTEXT = (r"^(?:(?:he|she|they|i|we|you|pt|the patient|(?:my|his|her|their|the patient's) \w+)(?:'s|'re|'m| is| was| are| were| has| had| have|"
           r" takes| got| gets| needs| need| will| thinks| says| said| wants| want| feels| mentioned| know| think| heard| remember|"
           r" might| may| could| should| would| plans?| is going| was going)|on \w+(?: \w+)? (?:so|and|since|but)|(?:since|because|as) (?:he|she|they|i|we)\b"
           r"|(?:(?:was|were|am|i'?m|we'?re)\s+)?(?:planning|considering|thinking|deciding|prepping|preparing|scheduling|getting ready)\b"
           r"|(?:[\w/-]+\s+){0,3}(?:prep|preparation)$"
           r"|(?:hx|h/o|pmh|known)\b(?![^?]*\?)"  # "last egfr? hx diabetic kidney dz"
           r"|(?:doing|checking|double[- ]checking|reviewing|updating|verifying|completing|filling out|working on|closing out|"
           r"wrapping up|finali[sz]ing)\b(?![^?]*\?))\b")

# How a question (not a remark) starts.
QUESTION_START = (r"(?:what|whats|what's|which|when|where|who|why|how|is|are|was|were|do|does|did|has|have|had|can|could|"
                  r"any|list|return|give|show|tell|summari[sz]e|recap|generate|retrieve|enumerate|identify|extract|pull|"
                  r"find|get|fetch|confirm|verify|report|count|compile|provide|step \d+)\b")


def _statement(clause: str) -> bool:
    """Whether a clause tells rather than asks: "at his physical on 2021-02-09 a new diagnosis was made"."""
    return (not clause.rstrip().rstrip("'\"’”").endswith("?") and not re.match(QUESTION_START, clause)
            and not re.search(r"\b(?:what|which|when|where|who|why|how)\b", clause)
            and not re.search(r"\b(?:since|after|before|when|until|while|because|if|that|which|who)\b[^,]*\s(?:was|were|is|are|has|had|have)\s", clause)
            and re.search(r"\s(?:was|were|is|are|has|had|have|mentioned|said|says|told|thinks|thought|remembers|"
                          r"recalls|believes|heard|noticed|seem|seems|seemed)\s", clause) is not None)  # "mom mentioned bee stings"


# Who wants the answer is not what is asked: "the school nurse wants a list of everything she is allergic to".
REQUESTER = (r"^(?:(?:the|my|his|her|our|their)\s+)?(?:school\s+|new\s+|family\s+|home\s+|camp\s+)?(?:nurse|doctor|dr|"
             r"dentist|pharmacist|pharmacy|insurance(?:\s+company)?|insurer|surgeon|specialist|cardiologist|provider|pcp|"
             r"daycare|coach|employer|lawyer|attorney|case\s+manager|family|daughter|son|wife|husband|mum|mom|mother|dad|"
             r"father|sister|brother|relatives?|kids|children|grandson|granddaughter)\s+(?:wants|needs|asked|is\s+asking|asks|"
             r"requested|requires|(?:is\s+|are\s+)?asking|(?:is\s+|are\s+)?wondering)"
             r"(?:\s+(?:for|me|us|to\s+know|to\s+see|to\s+have|about))*(?:\s+|\s*$)")


# A worry told beside the question: "pulse trend? worried about brady".
WORRY = r"(?:(?:i'?m|we'?re|i am|we are|am|kinda|a bit|bit|just)\s+)*(?:worried|concerned|afraid|scared|nervous)\s+(?:about|of|re)\b"


# What the answer is for, as a label: "For discharge planning: which care plans are active?".
LABEL = (r"^(?:for|re|regarding|context)\b[^:?]{0,40}:\s+|"
         r"^(?:->\s*)?(?:task|sub-?query|query|request|instruction)s?(?:\s*\d+\s*(?:/|of)\s*\d+)?(?:\s*\[[^\]]*\]|\s*\([^)]*\))?"
         r"(?:\s*(?::|\s-+)\s+|\s*$)|"  # an orchestrator's "Sub-query 2/3: ...", "Task: ...", "Sub-query 1/2 [ID history]: ..."
         r"^(?:peds|pediatrics|cardiology|cardio|endo|pulm|nephro|neuro|ortho|derm|onc|ob|gyn|psych|rheum|urology|surgery|"
         r"anesthesia|hospitalist|triage|primary care|pcp)\s+(?:clinical|clinic|consult|team|note|review|question)\s*:\s+|"
         # "Peds clinical: which immunizations ...?"
         r"^(?=[^:?=|]{0,60}(?<!\d):)[^:?=|]*\b(?:member|review|check|navigation|follow-up|management|referral|intake|pre-\w+|"
         r"audit|abstraction|screening|workup|board|reconciliation|registry|documentation)\b[^:?=|]*:\s+")  # "Member Greenfelder: date and reason for ...?"

# Context given as such, beside what is asked: "Context: MRI safety screen. Task: list Device resources ..." (not the
# user's question an orchestrator's sub-query serves: "User question: 'Has my son ever had an X-ray?' -> ...").
TOLD_LABEL = r"^(?:context|background)\s*:"

# Who asks, as a clause of its own: "Cardiology - ...", "Endo consult. ...", "Peds f/u here."
SERVICE = (r"^(?:cardiology|cardio|endo(?:crinology)?|pulm(?:onology)?|nephro(?:logy)?|neuro(?:logy)?|gi|ortho(?:pedics)?|"
           r"derm(?:atology)?|onc(?:ology)?|heme(?:/onc)?|peds|pediatrics|ob(?:/gyn)?|gyn|psych(?:iatry)?|rheum(?:atology)?|"
           r"urology|ent|surgery|anesthesia|hospitalist|er|ed|urgent care|triage|primary care|pcp)"
           r"(?:\s+(?:here|consult|f/u|follow[- ]up|clinic|note|review|team|question))*\s*[.:]?$")

# The work at hand, as a clause of its own: "Bereavement/case review.", "GOC visit today.", "Registry reconciliation."
WORK = (r"^(?!.*\b(?:last|latest|recent|first|previous|next|any|all|which|what|when)\b)(?:[\w/-]+\s+){0,4}"
        r"(?:review|audit|abstraction|reconciliation|documentation|prep|visit(?:\s+today)?|hand-?offs?|sign-?outs?|huddle|"
        r"rounds)\s*[.:]?$")

# Who asks, introducing themselves: "Hi, nursing student here working on my care plan for ...", "I'm a nurse at his school".
SELF = (r"^(?:(?:hi|hello|hey|good (?:morning|afternoon|evening))\b[,!.]?\s*)?(?:i'?m\s+|i am\s+|this is\s+)?(?:an?\s+|the\s+)?"
        r"(?:[\w-]+\s+){0,2}(?:student|nurse|doctor|physician|resident|intern|pharmacist|therapist|clinician|coordinator|"
        r"scribe|caregiver|paramedic|dietitian)\b(?:\s+here\b|\s+(?:at|from|with|for|on)\b)[^?]*$")

# A case told in shorthand before the question: "17F w/ dysuria, thinking bactrim", "3yo boy here w/ fever",
# "Pt w/ longstanding HLD, LDL 146 most recent".
CASE = (r"^(?:\d+\s*(?:yo|y/o|y\.o\.|yr|yrs|year[- ]old|[mf])\b(?:\s+(?:boy|girl|man|woman|male|female|m|f))?|pt|patient)"
        r"\s+(?:here\s+)?(?:w/|with|p/w|s/p|h/o|presenting|here|in\b)"
        r"|^\d0s\s*(?:[mf]|male|female|man|woman)\b[^?]*$"  # "50s M, T2DM + HTN."
        r"|^on\s+[\w/+ -]+(?:,\s*\w+ing\b[\w ]*)?\.?$")  # "on amlodipine/lisinopril." (a drug list told, not asked)


def _unrequested(clause: str) -> str:
    """The clause without who wants the answer; nothing if it only says so ("the school nurse needs it for the form")."""
    rest = re.sub(LABEL, "", re.sub(REQUESTER, "", clause, flags=re.IGNORECASE), flags=re.IGNORECASE)
    return "" if rest != clause and re.match(r"(?:it|that|this|them|those|these)\b", rest, re.IGNORECASE) else rest


def _heading(said: list[str], question: str) -> bool:
    """Whether the first clause is a case heading before a dash ("ankle fx 2015 - any DME issued?") and the next one
    asks and names something of its own ("- what was the PT plan", not "- how many, highest?")."""
    if not (len(said) > 1 and re.match(rf"{re.escape(said[0])}\s+-+\s", question) is not None
            and re.match(HEADING, said[0].lower()) is not None
            and re.match(rf"[^?]*\?|(?:{ASKS}|all\b)", said[1].lower()) is not None):
        return False
    own = set(content_words(said[1])) - UNNAMING
    if re.fullmatch(r"(?:[^ ]+\s+){0,3}hx", said[0].lower()):  # "CBC hx - latest WBC?", not "NSAID hx - agents + dates?"
        from ..backends.everyday import clinical_words  # (imported here: the backends read this module)

        return bool(own & clinical_words())
    return bool(own or re.match(QUESTION_START, said[1].lower()) and families_named(said[1]))


def _past_context(clause: str) -> str:
    """A question after context in one clause: "he's on dig + verapamil, pulse trend?" asks "pulse trend?"."""
    head, comma, tail = clause.partition(", ")
    when = (re.search(rf"\d|{MONTH}|{VISIT}|\b(?:{KIND})\b|{CAME_IN}", head.lower())  # "he was admitted in sept 2012 with X, ..."
            and not re.search(r"\b(?:tmrw|tomorrow|tonight|next|upcoming|coming up|soon)\b", head.lower()))  # not "a dentist appt tmrw"
    refers = re.search(r"\b(?:it|they|them|that|those|these)\b", tail.lower())  # "she had ear infections, when were they?"
    if comma and clause.rstrip().endswith("?") and re.search(CONTEXT, head.lower()) and not re.search(CONTEXT, tail.lower()) and not when and not refers:
        return tail
    return clause


# What the asker will do with the answer: "..., before I adjust lipid therapy", "... before i glove up".
PURPOSE = (r"\s*,?\s*\bbefore\s+(?:i|we)\s+(?:adjust|start|change|suggest|prescribe|order|give|decide|refill|switch|increase|"
           r"decrease|stop|sign|glove|book|schedule|send|write|recommend|clear|discharge|premedicate|treat|operate|proceed|"
           r"dose|administer|infuse|sedate|induce)\b(?:(?!\s-+\s)[^?.;])*"
           r"|(?:\s*,\s*(?:(?:she|he|they|i|we)\s+)?|\s+(?:she|he|they|i|we)\s+)(?:needs?|wants?)\s+(?:it|this|them|that)\s+"
           r"for\s+(?:the|my|a|her|his|our|this|their)\s+(?:[\w-]+\s+){0,2}forms?(?=\s*[.?!]?\s*$)"  # ", needs it for a daycare form"
           r"|\s*,?\s*\bfor\s+(?:the|my|a|her|his|our|this|their)\s+(?:[\w-]+\s+){0,2}(?:note|referral|board|paperwork|packet|"
           r"file|letter|form)(?=\s*[.?!]?\s*$)"  # "... for the care management referral."
           r"|\s*,?\s*\bso\s+(?:that\s+)?(?:i|we)\s+can\s+(?:let|tell|inform|update|give|send|pass|plan|arrange|set|"
           r"coordinate|help|fill|book)\b[^?.;]*"  # "... on file so I can let them know?"
           r"|\b(?:as\s+part\s+of|in\s+preparation\s+for|to\s+help\s+with)\s+(?:the\s+|his\s+|her\s+|their\s+|our\s+)?"
           r"(?:[\w-]+\s+){0,3}(?:planning|work-?up|review|evaluation|assessment|preparation)\b\s*(?:for\s+(?:the patient|[A-Z][\w.]*"
           r"(?:\s+[A-Z]\w*)?)\s*)?,?"  # "as part of anticoagulation planning for Mr. Towne, .."
           r"|\s*\b(?:i'?m\s+|just\s+)?trying\s+to\s+(?:figure\s+out|work\s+out|decide|plan)\s+(?:what|how|whether|if)\s+"
           r"(?:i|we)\s+(?:should|need|can|could|have)\b[^?.;]*")  # "trying to figure out what I should be reinforcing"


# How a question (rather than a remark) begins.
ASKS = (r"(?:what|when|which|how|who|where|why|did|does|do|has|have|had|is|are|was|were|can|could|any|list|show|give|"
        r"tell|return|provide|count|pull|get|find)\b")
# A shorthand heading before a dash, naming the case rather than asking: "ankle fx 2015", "ER 2024-05-16 (clavicle)"
# (not the topic: "Varicella documentation for Rosalia - is the vaccine on record?").
HEADING = (rf"^(?!{QUESTION_START})(?![^-]*\b(?:was|were|is|are|has|had|have|did|does|do|got|get|gets|needs?|wants?|{VISIT})\b)"
           r"(?=.*(?:\d{4}|'\d\d\b|\b\d\d?/\d|\b(?:s/p|fx|hx)\b))(?:[\w/'&.+()-]+\s+){0,4}[\w/'&.+()-]+$")  # a case: a time or history
UNNAMING = {"highest", "lowest", "max", "min", "peak", "nadir", "trend", "w", "episode", "episodes", "occurrences",
            "instances", "far", "ago", "long", "often", "happened", "diagnosed", "dx", "onset", "started", "start"}
# Who the answer is for, said in a clause of its own: "I'm filling out my own family history form at my doctor's".
FORM = r"^(?:(?:i'?m|i am|we'?re|we are|just|currently)\s+)?(?:filling out|filling in|completing|doing|working on)\b.*\bforms?\b"
# ... and what it needs: "I'm filling out the daycare health form and need her active problem list" asks for the list.
FORM_NEEDS = FORM + r"[^.?]*?\b(?:and|so)\s+(?:i\s+|we\s+)?(?:need|want|would like)\s+(?=\S)"


# A question that leaves its topic to the clause before it: "has she, and on what dates?".
ELLIPSIS = r"^(?:has|have|had|did|does|do|is|was|were)\s+(?:she|he|they|i|you|we)\s*(?:[,?]|$)"


# A remark in the first person or about someone, asking nothing: "he really shot up this past year", "i cant read the
# small print on my pill bottles anymore" (not a request: "i need her date of birth").
REMARK = (r"^(?:(?:i|he|she|they|we)\s+|(?:my|his|her) \w+ (?=(?:says|said|told|thinks|keeps|always|never|really)\b))"
          r"(?!(?:need|needs|want|wants|would|'d|am looking|was wondering|"
          r"wonder|wondered)\b)(?![^?]*\b(?:what|which|when|where|who|why|how)\b)[^?]*$")


# A clause that names the task, not what it needs: "Medication reconciliation request for an outpatient visit.",
# "Retrospective chart review, patient deceased."
TASK = (r"^(?:[\w-]+\s+){0,3}(?:request|review|referral|consult|consultation|handoff|hand-off|intake|audit|check)\b"
        r"(?:\s+(?:for|of|on)\s+[^?]*|,[^?]*)?[.:]?$")


# "that bone density scan": a thing named, not one told before.
NAMING = (r"\b(?:that|this|those|these)\s+(?!(?:was|were|is|are|has|had|have|did|does|do|one|ones|still|again|first|last|the|an?|"
          r"his|her|my|their|your|for|in|on|at|to|from|with|and|or|"
          r"time|day|visit|\w+ed|\w+ing|happen\w*|get|gets|got|go|goes|went|come|came|show|shows|say|says|mean|means|"
          r"start|starts|stop|stops|begin|began|appear|appears|"
          r"(?:diagnos[ie]s|condition|problem|issue|illness|disease|surgery|operation|procedure|medication|medicine|drug|"
          r"prescription|shot|vaccine|test|lab|result|scan|allergy|reaction|injury|infection)s?)\b)(?!(?:[\w-]+\s+){0,2}" + VISIT + r")(?=[a-z]{3,}\s+[a-z]{3,})")
# ("that anemia visit" is the visit told before; "that diagnosis" names only the family of what was told)


# What the asker will go on to do, told in a sentence of its own: "I want to line up home supports that match."
# (not a request: "I need to know her last a1c", "we want to see the allergy list").
PLAN_TOLD = (r"^(?:if (?:so|yes|not),?\s+)?(?:i|we)(?:'d|'ll)?\s*(?:want|need|have|plan|hope|like|am trying|'m trying|would like|'d like|am going|'m going)\s+to\s+"
             r"(?!(?:know|see|find|check|confirm|verify|review|look|make sure|double[- ]check|understand|get|pull|have|list|"
             r"hear|ask|learn)\b)[^?]*$")


# Where a visiting carer is, as a clause of its own: "at lois's.", "at mr solanos".
AT_HOME = r"^(?:i'?m\s+|we'?re\s+)?(?:at|@)\s+(?:mr\.?\s+|mrs\.?\s+|ms\.?\s+|miss\s+)?[a-z]+(?:'s|s)(?:\s+(?:place|house|home|now))?\s*[.!]?$"

# Thanks given ahead for an answer: "(I should) be most grateful", "(I would) be much obliged".
GRATEFUL = r"be\s+(?:most\s+|very\s+|so\s+|much\s+)?(?:grateful|obliged)"

# A request in the first person: "i need ...", "I would be most grateful if you could tell me ...".
ASKING = (r"(?:i|we)\s+(?:need|want|would (?:dearly |really )?like|'d like|should (?:dearly |really )?like|would love|"
          r"(?:would|should|'d) be (?:most |very |so |much )?(?:grateful|obliged))\b")


def _only_tells(clause: str) -> bool:
    """Whether a (lower-case) clause only tells: context, a remark, a worry, who asks, or the case in shorthand."""
    if re.match(r"(?:filters?|criteria|where)\s*:", clause):  # an extraction spec's "Filter: status = active"
        return False
    asks_after = re.search(rf",\s*(?:and\s+|so\s+)?{QUESTION_START}[^,]*\?\s*$", clause)  # "she says she has a coil in, when ...?"
    return bool(re.match(TASK, clause) or re.search(CONTEXT, clause) and not re.match(ASKING, clause) and not asks_after
                or _statement(clause) or re.match(AT_HOME, clause)
                or re.match(REMARK, clause) or re.match(PLAN_TOLD, clause) or re.match(WORRY, clause) or re.match(SERVICE, clause) or re.match(WORK, clause) or re.match(SELF, clause)
                or re.match(CASE, clause) and not clause.rstrip().endswith("?")
                or re.fullmatch(r"\([^()?]*\)[.!]?", clause.strip()) is not None and not re.search(EXCLUDED, clause))
    # "on a bisphosphonate? (pill esophagitis risk)": an aside in brackets


# A field an answer is asked to give: "(name + dose)".
SPEC_WORD = r"(?:name|names|dose|doses|dosage|date|dates|value|values|units?|strength|frequency|route|status|sig)"
# An agent's fields that say who and how, not what: "TASK=med_reconciliation | PT=Monahan, Anitra | ...", "FMT: drug | date".
FIELDS = (r"\b(?:task|pt|patient|member|id|mrn|ctx|context)\s*=\s*[^|;=]*?(?:\s*[|;]\s*|$)"
          r"|[.;]?\s*\b(?:fmt|format|output|output format|return format)\s*:.*$"
          r"|[.;]?\s*\b(?:fields?|columns?)\s*:[^.]*(?:\.|$)"  # an extraction spec's "Fields: value, date."
          r"|[.;]?\s*\bif\s+(?:none|nothing|not found|absent|missing|(?:\w+\s+)?is\s+missing)\b[^.]*?\b(?:say|write|return|state|answer|"
          r"reply|output)\b[^.]*(?:\.|$)"  # "If none, say none."
          rf"|\s*\({SPEC_WORD}(?:\s*(?:[+,/&]|and)\s*{SPEC_WORD})*\)"  # "current meds (name + dose)"
          r"|,?\s*\b(?:specifying|stating|indicating|noting|giving|listing|with)\s+(?:the\s+|each\s+|its\s+|their\s+)?"
          r"(?:body\s+(?:parts?|sites?|regions?)|modalit(?:y|ies))\b[^.?;]*")  # "..., specifying the body part examined and the date"


def asked(question: str) -> tuple[str | None, str]:
    """(what the question sets aside, the question without it and without clauses that only tell context)."""
    question = re.sub(FIELDS, " ", question, flags=re.IGNORECASE).strip() or question
    letter = unletter(question) != question  # "Dear Doctor, ... Yours sincerely, ..."
    question = without_asides(unstressed(unletter(question)))
    split = re.split(r"(?<=[?;!])\s+|(?<=[?!]['\"’”])\s+|\s+-+\s+|(?:(?<=[a-z])|(?<=[A-Z]{2})|(?<=\))|(?<=\b(?:19|20)\d\d)|(?<=\w['\"’”]))\.\s+",
                     question)  # "... she just says 'it's fine'. What did they find?"
    needs = [re.sub(FORM_NEEDS, "", c, flags=re.IGNORECASE) for c in split]  # "... form and need her problem list"
    said = [re.sub(PURPOSE, "", c, flags=re.IGNORECASE).strip() for c in needs]  # "check before I send an rx - is there ...?"
    forms = [c for c in said if re.match(FORM, c.lower())] if len(said) > 1 else []
    told = [c for c in said if re.match(TOLD_LABEL, c.lower())] if len(said) > 1 else []
    aside = forms + told + (said[:1] if _heading(said, question) else [])  # "ankle fx 2015 - any DME issued?"
    said = [c for c in said if c and c not in aside]
    clauses = [_unrequested(c) for c in said]
    requested = clauses != said or needs != split
    clauses = [c for c in clauses if c]
    told = [_past_context(c) for c in clauses]
    changed, clauses = told != clauses, told
    asked = [c for c in clauses if not _only_tells(c.lower())]
    story = is_story(question)
    if (len(clauses) >= 3 and story and any(c.rstrip().endswith("?") for c in asked)
            or len(clauses) >= 2 and story and any(re.match(ASKING, c.lower()) for c in asked)):  # a letter's request
        asked = [c for c in asked if c.rstrip().endswith("?") or re.match(REQUEST, c.lower()) or len(c.split()) < 5]
        # a story around a question: its sentences without "?" only tell ("Hep A - series complete? dates pls" is none)
    refers = any(re.search(rf"\b(?:that(?!\s+(?:are|is|were|was|have|has)\b)|it|this|those|them)\b(?!\s+{VISIT}|\s+{WHEN_WORD})|{ELLIPSIS}|\bthere\s*(?:[,?.]|$)|"
                           r"\bhow many doses\b|#\s*(?:of\s+)?doses\b|^if (?:yes|so)\b|\b(?:his|her|my|their|the) numbers\b|"
                           r"\b(?:recent|last|latest|first) one\b|\bfor each(?: one)?\s*[.?]?$|\b(?:diagnosed|dx'?d)\s*(?:[?.,]|$|and\b)",
                           re.sub(NAMING, " ", _first_part(c.lower())))
                 for c in asked)  # "when was that diagnosed", "... the HPV series; has she, and on what dates?",
    # "... taken to the emergency room. What did they do for me there?", "... her MMR series - how many doses?"
    last = max((i for i, c in enumerate(clauses) if c in asked), default=-1)
    letter_asks = _letter_asks(clauses) if letter and story else ""
    q = (letter_asks if letter_asks
         else " ".join(asked) if asked and ((len(asked) < len(clauses) or changed) and not refers or requested)
         else " ".join(clauses[:last + 1]) if refers and 0 <= last < len(clauses) - 1 and story  # "... that pneumonia? My
         else " ".join(clauses) if requested or aside else question)  # husband insists one was penicillin": an afterthought
    q = re.sub(PURPOSE, "", q, flags=re.IGNORECASE).strip()  # a question kept whole
    q = re.sub(POLITE, "", q, flags=re.IGNORECASE).strip() or q  # "Would you be so kind as to tell me ..."
    m = re.search(EXCLUDED, q, re.IGNORECASE)
    if not m:
        return None, q
    rest = re.sub(r"\s+([,.?;])", r"\1", re.sub(r"\s+", " ", q[:m.start()] + " " + q[m.end():]))
    return m.group("x").strip(), re.sub(r",+", ",", rest).strip(" ,")


# A courteous request's wrapper: "Would you be so kind as to tell me", "I should be most grateful to know".
POLITE = (rf"(?:^|(?<=[.?!]\s))(?:(?:i|we)\s+(?:would|should|'d)\s+{GRATEFUL}\s+"
          r"(?:if\s+you\s+(?:could|would|might)\s+|to\s+|for\s+)|(?:would|could|might|can|will)\s+you\s+(?:please\s+|kindly\s+|"
          r"be\s+so\s+(?:kind|good)\s+as\s+to\s+)?)(?:please\s+|kindly\s+)?(?:(?:tell|let|remind|inform|advise)\s+(?:me|us)"
          r"(?:\s+know)?|know|confirm)?\s*")


# What a letter's request says beside what it asks for: "Would you be so good as to let me know?"
COURTESY = {"good", "kind", "kindly", "let", "know", "remind", "tell", "written", "file", "notes", "records", "record",
            "grateful", "obliged", "please", "answer", "inform", "advise"}


def _letter_asks(clauses: list[str]) -> str:
    """A letter's requests (its questions, "I should be most grateful to know ..."); one naming nothing of its own ("Would
    you be so good as to let me know?") or referring back ("when I had it") with the letter before it."""
    kept: list[str] = []
    for i, c in enumerate(clauses):
        if c.rstrip().endswith("?") or re.search(r"\b(?:grateful|obliged|could you|would you|might you|please)\b", c.lower()):
            bare = not set(content_words(c)) - COURTESY or re.search(r"\b(?:it|them|that|those|these)\b", c.lower())
            kept = clauses[:i + 1] if bare else kept + [c]  # "... sent for a bone scan. ... when I had it?"
    return " ".join(c if c.rstrip()[-1:] in ".?!" else c + "." for c in kept)


# A sentence that asks without a question mark: "Please list ...", "Could you pull ...", "I'd like to know ...".
REQUEST = (rf"(?:(?:please|pls|kindly|and|also|so)\s+)*(?:{ASKS}|(?:can|could|would|will)\s+(?:you|u)\b|"
           rf"i(?:'d| would)\s+(?:like|love|appreciate)\b|(?:i|we)\s+(?:should|would|'d)\s+{GRATEFUL}\b|(?:i|we)\s+(?:need|want|wonder|wondered|was wondering)\b|"
           r"(?:check|confirm|verify|look\s+up|review|identify|state|summari[sz]e|include|report|answer|note|flag|"
           r"let\s+me\s+know|tell\s+me)\b)")


# A time a remark told, named again: "that November", "that year" (the remark's window still holds; see window_asked).
WHEN_WORD = rf"(?:{MONTH}|year|month|week|day|summer|winter|spring|fall|autumn)\b"


def _first_part(clause: str) -> str:
    """A question before its ", and ..." part, whose "it" means the thing just asked: "what was his most recent serum
    albumin, and how had it been running?" (its "it" refers to nothing told before)."""
    m = re.match(r"((?:what|which|when|how|is|was|does|did|has)\b[^,?]*\w[^,?]*),\s*and\s+[^?]*\?*\s*$", clause)
    return m.group(1) if m else clause
