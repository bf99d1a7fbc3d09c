"""Reads the structure of a question once: time window, order (latest/first/count/all), status, visit.

Code is better than a 22M-parameter model at dates, so relevance applies this structure with exact
date and reference logic after the topic classifier has picked what the question is about.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from . import clauses
from .asides import NOW_ASKED
from .clauses import ASKS
from .dates import MONTH, MONTHS, Y, find_window, iso_days, spoken_years
from .visit_words import CAME_IN, KIND, KINDS, VISIT

ISO = r"\b(\d{4}-\d\d-\d\d)\b"
# Visits in the plural, framing a question about what was measured or done at each ("weights at her checkups").
FRAMES = (r"\b(?:at|during|in|from|on|throughout)\s+(?:the|his|her|their|my|your|all|those|these)\s+(?:[\w&-]+\s+){0,3}?"
          r"(?:visits|appointments|appts|encounters|check-?ups|check ups|physicals|admissions|stays|consultations)\b")
# Visit words that say what kind of visit it was ("at her last physical": a general examination).
KIND_OF_VISIT = r"(?:physical|checkup|check-up|check up|exam|follow-up|followup|f/u)s?"
ORDINAL = (r"(?P<first>first|earliest|initial)|(?P<previous>previous|prior|penultimate|second[\s-]to[\s-]last)|"
           r"(?P<same>that|this)|last|latest|most recent|recent|newest|current")
# What was recorded at a visit, rather than when it was ("when was her last visit?").
VISIT_CONTENT = (r"\b(happen\w*|done|find|found|recap|summari[sz]e|summary|details?|discuss\w*|ordered|"
                 r"cost|bill\w*|going on|why)\b")
# Lab names that end in "count" are not a request to count.
LAB_COUNT = (r"\b(blood|cell|platelet|white|red|wbc|rbc|neutrophil|lymphocyte|monocyte|eosinophil|basophil|"
             r"reticulocyte|cd4|sperm|colony|pollen)\s+count\b")
STATUS_NOUNS = (r"\b(meds|medications|medicines|drugs|pills|prescriptions|conditions|diagnoses|problems|issues|"
                r"illnesses|diseases|allergies|plans)\b")
INACTIVE = (r"\b((?<!heart )(?<!breathing )stopped|discontinued|no longer|anymore|used to|"
            r"past(?! medical history)(?!\s+(?:few\s+|several\s+|couple\s+(?:of\s+)?|\d+\s+)?(?:years?|months?|weeks?|days?|decades?)\b)|previous|previously|"
            r"former|formerly|resolved|cured|healed|historical|inactive|went away|gone|got over|gotten over|"
            r"recovered|ended|cleared|quit|(?:status|marked)\s+(?:as\s+)?(?:completed?|finished)|completed\s+(?:care\s*)?plans)\b")
ACTIVE = (r"\b(active|actively|current|currently|ongoing|open (?:care ?plans?|plans|orders|problems|prescriptions|issues)|home (?:meds|medications|medicines)|still|now|presently|at present|at the moment|these days|today|"
          r"unresolved|med(?:ication)?s? (?:list|count)|at (?:the )?(?:time of )?(?:his |her |their )?death|"
          r"(?:when|at the time|by the time) (?:he|she|they) (?:died|passed(?: away)?))\b")
# A second ask whether any is still so: "how many antenatal care plans, and is any still open?" needs them all.
STILL_ANY = (r"\b(?:and|but)\s+(?:is|are)\s+(?:any|one|some)(?:\s+of\s+them)?\s+(?:still\s+)?(?:open|active|ongoing|going|current)\b"
             r"|\b(?:whether|if)\s+(?:any|one|some)(?:\s+[\w-]+){0,2}?\s+(?:is|are|remains?|stays?)\s+(?:still\s+)?"
             r"(?:open|active|ongoing|current)\b"  # "then indicate whether any care plan remains active"
             r"|\b(?:is|are)\s+(?:it|they|those|these|that|this)(?:\s+(?:plans?|problems?|conditions?|orders?|prescriptions?))?"
             r"\s+(?:all\s+)?(?:closed|resolved|finished|completed|over)\b")  # "are those plans closed now?": open or not
# A second ask whether the thing named is still so: "ca prostate - when dx'd, and is it still active?", "onset date?
# still an active problem?": the thing whatever its status, active if it is.
STILL_IT = (r"\b(?:is|are|was|were)\s+(?:it|they|that|this|those|these)\s+(?:still|currently)\b|"
            r"\bstill\s+an?\s+(?:active|open|ongoing|current)\b")
# Verbs in the present say "active" only of a list ("what pills does she take?"), not of one named drug.
TAKES = (r"\b(taking|being treated|(?:is|are|am) (?:he|she|they|i|you|the patient) on|"
         r"(?:does|do) (?:he|she|they|i|you|the patient) (?:take|have|use|need))\b")
ADJECTIVE = (r"\b(?:(active|current|ongoing|unresolved)|(past|previous|former|resolved|inactive|discontinued|stopped))"
             r"\s+(?!(?:or|and|now|by|in|on|at|yet|since|after|before|to|for|the|a|few|several|couple|years?|months?|"
             r"weeks?|days?|decades?)\b)[a-z]")  # "these past years" is a time
# A visit named by what it was for: "during the covid hospitalization", "in the ER for the cardiac arrest",
# "when he had covid". Its kind (inpatient, emergency) and the words that describe it.
DET = r"(?:the patient's|the pt's|the|his|her|their|my|your|that|this|a|an)"
UNTIL = (rf"(?=\s+(?:on|in|at|during|when|and|that|back|last|with|since|before|after|between|from|list|what|which|how|give|show|dates?|"
         rf"are|is|were|was|did|do|does|has|have|documented|recorded|\d{{4}})\b|\s+{MONTH}|\s*$)")
DESCRIBED = [rf"\b(?:at|during|in|from|for|on|throughout)\s+{DET}\s+(?P<w>(?:(?!(?:list|what|which|how|give|show|and|when|that|did|was|were|during|at|throughout)\b)\w[\w&-]*\s+){{1,5}}?)(?P<v>{VISIT}|(?:{KIND})\b)",
             rf"\b(?:at|during|on|from|for)\s+{DET}\s+(?P<w>)(?P<v>{VISIT})(?=\s+(?:where|when|at which)\b)",
             rf"\b(?:visits|encounters|appointments|appts|admissions|seen|treated)\s+(?:(?:he|she|they|you|i)\s+(?:has|have|had)\s+had\s+)?"
             rf"(?:(?:were|was|are|is)\s+)?(?:for|with|due to|because of)\s+"
             rf"(?:{DET}\s+)?(?!(?:{DET}\s+)?(?:dates?|times?|details?|reasons?|(?:patient|pt|member|person)(?!'))\b)(?P<w>\w[\w.-]*(?:\s+\w[\w.-]*){{0,4}}?){UNTIL}",
             rf"\b(?:{VISIT}|(?:{KIND})\b)\s+(?:for|with|due to|because of)\s+(?:{DET}\s+)?(?!(?:{DET}\s+)?(?:dates?|times?|details?|reasons?|(?:patient|pt|member|person)(?!'))\b)(?P<w>\w[\w-]*(?:\s+\w[\w-]*){{0,3}}?){UNTIL}",
             rf"\b(?:when|while) (?:he|she|they|i|you|the patient) (?:had|got|caught|broke|fractured|sprained|"
             rf"injured|hurt|burned|burnt|was (?:\w+ )?(?:with|for)|(?:came|went|was brought|was taken) in (?:with|for))\s+"
             rf"(?:{DET}\s+)?(?P<w>\w[\w-]*(?:\s+\w[\w-]*){{0,2}}?){UNTIL}",
             r"\b(?:when|while) (?:he|she|they|i|you|the patient) (?P<w>coded|arrested|collapsed|overdosed|delivered|gave birth)\b",
             # "the night her heart stopped", "the day he broke his wrist": a visit told by its day
             rf"\bthe (?:night|day|time|morning|evening|weekend) (?:that |when )?(?:(?:he|she|they|i|you|the patient) "
             rf"(?:had|got|broke|fractured|sprained|injured|hurt|burned|burnt)\s+|(?:his|her|their|my)\s+)"
             rf"(?:{DET}\s+)?(?P<w>[\w-]+(?:\s+[\w-]+){{0,2}}?){UNTIL}",
             # "the 2017-08-30 allergy visit", "6/19/18 cardiac arrest ED visit": a dated visit told by what it was for
             rf"\b(?:during|over|throughout)\s+(?P<w>(?:(?!(?:the|a|an|this|that|his|her|their|my)\b)[\w&-]+\s+){{1,2}}?)(?P<v>(?:{KIND})\b)",  # "during covid admit"
             rf"{MONTH}\s+(?:of\s+)?{Y}\s+(?P<w>(?:[\w&-]+\s+){{0,2}}?)(?P<v>{VISIT}|(?:{KIND})\b)",  # "aug 2018 physical"
             rf"{ISO}\s+(?P<w>(?:(?!(?:list|what|which|how|and|when|that|did|was|were)\b)[\w&-]+\s+){{1,3}}?)(?P<v>{VISIT}|(?:{KIND})\b)",
             # "how many addiction follow-up appointments": follow-ups told by what they follow
             r"(?<=how many )(?P<w>[a-z][\w&-]+\s+)(?P<v>(?:follow-?up|f/u)\s+(?:visits?|appointments?|appts?))\b"]
# How a visit is named by what happened there: "where", "the one when".
WHERE_AT = r"\s+(?:the (?:one|visit|time|day)\s+)?(?:where|when|at which)"
# What a visit named by its kind or date is known for: "at the feb 2021 physical where the alzheimers was diagnosed".
WHERE = (rf"{WHERE_AT}\s+(?:{DET}\s+)?(?P<x>[\w'-]+(?:\s+[\w'-]+){{0,2}}?)\s+(?:was|were|got)\s+"
         r"(?:first\s+)?(?:diagnosed|found|picked up|noted|started|prescribed|done|placed|removed)\b")
# ... or by what was done there: "at the visit where they diagnosed her anemia".
WHERE_DONE = (rf"{WHERE_AT}\s+(?:they|the doctor|doctors?|he|she|you|i)\s+(?:first\s+)?(?:diagnosed|found|"
              rf"picked up|noted|started|prescribed|placed|removed|gave)\s+(?:(?:him|her|them|me)\s+)?(?:with\s+)?(?:{DET}\s+)?"
              r"(?P<x>[\w'-]+(?:\s+[\w'-]+){0,2}?)(?=\s*$|\s+(?:and|what|which|how|when|on|in|at|was|were)\b)")
NOT_DESCRIPTIVE = re.compile(rf"^(?:{ORDINAL}|{KIND}|{DET}|{MONTH}|recent|most|prior|next|\d.*|same|one|other|or|and|of|to|with|routine|regular|"
                             r"doctor'?s?|dr|hospital|clinic|office|please|thanks|its|how|many|much|long|days?|weeks?|nights?|members?|period|commencing|ending|beginning|starting|records?|charts?|including|includes|dates?|reflected)$")
# A window that starts or ends at an event of the record: "since his hypertension diagnosis", "after they
# started the warfarin", "before she was diagnosed with diabetes", "since the heart attack in 2018".
EVENT = (r"\b(?P<dir>since|after|following|before|prior to)\s+(?:"
         r"(?:he|she|they|i|you|the patient)\s+(?:was|were|got|had been)\s+(?:diagnosed|dx'?d)\s+with\s+(?P<a>[\w' -]+?)"
         r"|(?:they|he|she|the doctor|doctors?)\s+(?:started|began|put)\s+(?:him|her|them|me)?\s*(?:on\s+)?(?:the\s+)?(?P<b>[\w' -]+?)"
         r"|(?:his|her|their|my|the)\s+(?P<c>[\w' -]+?)\s+(?:diagnosis|dx)"
         r"|(?:the|his|her|their|my)\s+(?P<d>[\w' -]+?)(?=\s+in\s+(?:[a-z]+\.?\s+)?(?:19|20)\d\d\b)"
         r"|(?:the|his|her|their|my)\s+(?P<e>(?:last|latest|most recent|previous)\s+(?:[\w-]+\s+){0,2}?"
         r"(?:physical|checkup|check-up|check up|exam|annual|wellness visit|well visit)s?)"
         r"|(?:the|his|her|their|my)\s+(?P<f>[\w' -]+?)\s+(?:went in|was put in|got put in|was placed|was implanted|was inserted)"
         r"|(?P<g>[\w'-]+(?:\s+(?!(?:was|were)\b)[\w'-]+)?)\s+(?:(?:was|were)\s+(?:started|begun|prescribed)|started|began)"
         r"|(?:starting|beginning|going\s+on)\s+(?:the\s+)?(?P<i>[\w'-]+(?:\s+[\w'-]+){0,2}?)"
         r"|(?:the|his|her|their|my)\s+(?:(?P<m2>[a-z]{3,9})\.?\s+)?(?P<y2>(?:19|20)\d\d)\s+(?P<j>[\w'-]+(?:\s+[\w'-]+){0,2}?)"  # "the Feb 2011 renal tx"
         r"|(?:his|her|their|my|(?<=since )the)\s+(?!(?:\w+\s+)?(?:birthday|bday|death|age|visit|appointment|start|beginning|end|record)\b)"
         r"(?P<h>[a-z'-]+(?:\s+[a-z'-]+)?)(?=\s*(?:[?.,;]|$)))"
         r"(?:\s+in\s+(?:[a-z]+\.?\s+)?(?P<y>(?:19|20)\d\d))?(?=\s*(?:[?.,;]|\s-+\s|$|\b(?:and|but|so|because|what|how)\b))")
# Asking for the rest of a family beside a named one: "penicillin? what else is she allergic to?".
ELSE = r"\b(?:what|wat|whats|what's|anything|something)\s+else\b|\bany\s+others\b"
# Kinds of allergy a question can ask for (AllergyIntolerance.category): "drug allergies", "allergic to any foods?".
ALLERGY_KINDS = {"medication": r"drugs?|meds?|medications?|medicines?|antibiotics?|penicillins?",
                 "food": r"foods?|food-related|dietary", "environment": r"environmental|seasonal|outdoor|airborne"}
POLAR = (r"^(?:(?:pt|patient|the patient)\s+)?(is|are|was|were|does|do|did|has|have|had|can|could|still|on)\b"
         r"|\bor (resolved|inactive|active|current|not)\b|\byes or no\b")


@dataclass
class Structure:
    """What a question asks beyond its topic; dates are inclusive YYYY-MM-DD strings."""

    start: str | None = None
    end: str | None = None
    order: str = "all"            # latest | first | count | exists | all
    status: str | None = None     # active | inactive | active-if-any ("is she still on X?": if not, all of X)
    visit: str | None = None      # latest | first | previous | same | any | YYYY-MM-DD (the visit the question is about)
    visit_for: tuple[str, ...] = ()  # words describing that visit ("covid" in "during the covid hospitalization")
    visit_kind: str | None = None    # IMP | EMER, when the question names one
    framing: bool = False            # the visits, in the plural, only frame it ("his pulse at the yearly physicals")
    topic: str | None = None         # the question less that description: what it asks about the visit
    follow_up: str | None = None  # before | after | same (relative to the previous answer)
    allergy: str | None = None    # medication | food | environment: the kind of allergy asked for
    excluded: str | None = None   # what the question sets aside ("social findings" in "excluding social findings")
    asked: str | None = None      # the question without that clause nor clauses telling context
    event: tuple[str, str, str | None] | None = None  # (after | before, words naming the event, its year)
    notes: list[str] = field(default_factory=list)

    @property
    def window(self) -> tuple[str, str] | None:
        if self.start or self.end:
            return (self.start or "0000-01-01", self.end or "9999-12-31")
        return None

    def contains(self, day: str) -> bool:
        """Whether a YYYY-MM-DD day falls in the window (always true without one)."""
        if not self.window:
            return True
        if not day:
            return False
        lo, hi = self.window
        return lo <= day[:10] <= hi


# The span of each item asked: "with start dates", "start and end dates", "when did each one start and end".
SPAN = (r"\bstart(?:ing)?(?:\s*(?:and|&|/|-)\s*(?:end|stop)(?:ing)?)?\s+dates?\b|"
        r"\bstart(?:ed)?\s*(?:and|&|/|-)\s*(?:end|ended|stop|stopped)\b")


# The order a list is asked in: "lipid panel results (most recent first)", "scores in date order".
SORTED = (r"\b(?:most recent|newest|latest|oldest|earliest|last)\s+(?:one\s+)?first\b|"
          r"\bin\s+(?:date|chronological|reverse[\s-]chronological|time)\s+order\b|\bsorted\s+by\s+date\b")


def _order(q: str, status: str | None) -> str:
    q = re.sub(LAB_COUNT, " ", q)
    q = re.sub(SPAN, " ", q)  # "with start dates", "when did each start and end": each one's span, not the first
    q = re.sub(SORTED, " ", q)  # "(most recent first)": the order of a list
    q = re.sub(r"\b(?:when|after|once)\s+(?:he|she|they|i|you|we)\s+first\b", " ", q)  # "..., when he first came in": a time
    if re.search(r"\bhow often (does|do|should|is|are) \w+( \w+)? (take|use|apply|inject)\b", q):
        return "latest"  # dosing instructions, not a count
    if re.search(r"\bhow (many|often)\b|\bnumber of\b|#\s*of\b|\bcount\b|\bin total\b|\btotal number\b|\btally\b", q):
        return "count"
    if re.search(r"\b(first|earliest|initial|initially|original|originally|onset|start|started|starting|begin|began|"
                 r"since when)\b|\bwhen (was|were) .*\bdiagnosed\b|\bdiagnosis date\b", q) or (
            re.search(r"\bhow long\b", q) and not re.search(r"\b(last|latest|most recent)\b", q)):  # "last admitted, for how long?"
        return "first"
    if re.search(r"\b(last|latest|most recent|recent|recently|newest|dose|doses|dosage|dosing|instructions|"
                 r"directions)\b|\bhow much \w+( \w+)? (does|do|is|are|should)\b", q):
        return "latest"  # a dose is read off the latest prescription
    if re.search(r"\b(current|currently|now|today|presently|at present|at the moment|these days|still)\b", q):
        # the present state of a list (meds, conditions) is all of its active items; of a value, the latest
        return "all" if status and re.search(STATUS_NOUNS, q) else "latest"
    if re.search(r"^(is|are|was|were|has|have|had|does|did|do|can|on|allergic)\b|\bever\b|\bany\b|\byes or no\b", q):
        return "exists"
    return "all"


# The status asked for as a field: "the prescription history with dates and current status".
STATUS_FIELD = (r"(?:\b(?:with|and|including|plus|dates?|onset)|[,/;]|\s-)\s+(?:(?:their|its|the|dates?|and)\s+)*(?:current\s+|clinical\s+){0,2}status(?:es)?\b"
                r"(?!\s*(?:=|:)|\s*(?:of\s+)?(?:active|inactive|completed?|resolved|stopped|discontinued|finished|on-hold|cancelled)\b)")


def _status(q: str, windowed: bool) -> str | None:
    told = re.search(r"\b(?:clinical\s*)?status\s+(?:is\s+|of\s+|=\s*)?(?:(active)|(inactive|completed?|resolved|stopped|discontinued))\b", q)
    if told:  # "MedicationRequest resources with status active authored between 2014 and 2015"
        return "active" if told.group(1) else "inactive"
    q = re.sub(rf"\b(?:previous|prior|past|last|first)\s+(?:\w+\s+)?{VISIT}|{STATUS_FIELD}", " ", q)
    if re.search(POLAR, q):
        # "any active allergies?" filters; "is she still on X?" needs the active X, or else all of X to say
        # when it stopped; "has X resolved?" needs X whatever its status
        m = re.search(ADJECTIVE, q)
        if m:
            return "active" if m.group(1) else "inactive"
        on = re.match(r"\s*(?:(?:pt|patient|the patient)\s+)?on\b", q)  # "on anticoag?": is she on it now
        # (a drug "still on X?", "currently on any birth control?" asks for the active orders only: none, nothing to read)
        drug = re.search(r"\b(?:still|currently|now)\s+(?:on|taking)\b", q) or re.search(ACTIVE, q) and re.search(
            r"\bany\s+(?:\w+\s+){0,2}(?:meds?|medications?|medicines?|prescriptions?|drugs|pills|scripts)\b", q)
        # "on any prescriptions right now?": none, if none
        return "active" if drug else "active-if-any" if re.search(ACTIVE, q) or re.search(TAKES, q) or on else None
    if re.search(INACTIVE, q):
        return "inactive"
    if windowed:  # "what was she taking in 2015" is not about today, unless still so ("still active at the end of 2027")
        return "active" if re.search(r"\bstill\s+(?:active|open|ongoing|current)\b", q) else None
    if re.search(ACTIVE, q) or re.search(TAKES, q) and re.search(STATUS_NOUNS, q):
        return "active"
    return None


def _status_asked(q: str, windowed: bool) -> str | None:
    """The status a question asks for, with a second ask whether any or it is still so."""
    return None if re.search(STILL_ANY, q) else "active-if-any" if re.search(STILL_IT, q) else _status(q, windowed)


def _visit(q: str) -> str | None:
    det = r"(?:the patient's|the pt's|the|his|her|their|my|your|that|this|a)"
    iso = re.search(ISO, q)
    framed = re.search(rf"\b(?:at|during|in|from|for|on)\s+{det}\s+((?:[\w-]+\s+){{0,3}}?){VISIT}", q)
    named = re.search(rf"\b({ORDINAL}|{ISO})\s+(?:[\w-]+\s+){{0,2}}?{VISIT}", q)
    dated = iso and (re.search(rf"{ISO}\s+(?:[\w-]+\s+)?{VISIT}|(?:{VISIT}|\b(?:{KIND}|dentists?|doctors?|dr|clinic|office))\s+(?:on|of|from|dated)\s+{ISO}"
                               rf"|^\W*(?:enc|encounter|visit)\s+{ISO}", q)  # "ENC 2023-04-04 -> immunizations administered?"
                     or re.search(CAME_IN, q))
    heading = named and re.match(rf"\W*(?:{ORDINAL})\s+(?:[\w-]+\s+){{0,2}}?{VISIT}(?<!s)\b", q)  # "last ED visit - what'd they give him?"
    if not (framed or dated or named and (re.search(VISIT_CONTENT, q) or heading)):
        # "aug 2018 physical - vaccines given that day?": the visits of that month
        return "any" if re.match(rf"(?:{DET}\s+)?{MONTH}\s+(?:of\s+)?{Y}\s+(?:[\w-]+\s+)?{VISIT}", q) else None
    if framed and not iso and not named and (
            re.search(FRAMES, q)  # "his oxygen at his physicals": visits that frame the question
            or re.match(r"\W*(?:at|during|in|from|for|on)\s+(?:a|any)\b", q[framed.start():])):  # "a fever at a visit?"
        return None  # not one visit
    if iso:
        return iso.group(1)
    m = re.search(rf"\b({ORDINAL})\s+(?:[\w-]+\s+){{0,2}}?{VISIT}", q)
    return next((k for k in ("first", "previous", "same") if m and m.group(k)), "latest")


def _described(q: str) -> tuple[tuple[str, ...], str | None, str | None]:
    """(describing words, visit kind, the question without the description) of a visit named by what it was for."""
    for pattern in DESCRIBED:
        m = re.search(pattern, q)
        if not m:
            continue
        found = tuple(w for w in m.group("w").split() if not re.fullmatch(NOT_DESCRIPTIVE, w))
        kind_word = m.groupdict().get("v")
        known = (re.match(WHERE, q[m.end():]) or re.match(WHERE_DONE, q[m.end():])) if kind_word else None
        end = m.end() + (known.end() if known else 0)
        if known:  # the visit is also named by what happened there
            found += tuple(w for w in known.group("x").split() if not re.fullmatch(NOT_DESCRIPTIVE, w))
        if kind_word and re.fullmatch(KIND_OF_VISIT, kind_word):  # "her last physical": a kind of visit
            found += (kind_word,)
        if found:
            kind = next((k for k, p in KINDS.items() if re.search(rf"\b(?:{p})s?\b", q[m.start():end])), None)
            return found, kind, (q[:m.start()] + " " + q[end:]).strip()
    return (), None, None


def _allergy(q: str) -> str | None:
    """The kind of allergy asked for: "any drug allergies?", "is she allergic to any foods?"."""
    if re.search(r"\bnkda\b|\bno known drug\b", q):
        return "medication"
    if re.search(ELSE, q):
        return None  # "allergic to penicillin? what else am i allergic to": any kind
    for kind, words in ALLERGY_KINDS.items():
        if re.search(rf"\b(?:{words})\s+(?:allerg\w*|intoleran\w*|reactions?)\b|\ballergi\w*\s+(?:to\s+)?(?:any\s+)?(?:{words})\b"
                     rf"|\bcategory\s+(?:of\s+)?['\"]?(?:{words})\b"
                     rf"|\ballergies\s+(?:to|of)\s+(?:any\s+)?(?:{words})\b", q):
            return kind
    return None


# Visits of a kind asked for as such: "has he been hospitalized?", "any ER visits?", "admissions in 2020".
WENT = r"(?:been|was|were|went|go|gone)(?: he| she| they| you| i)?(?: seen| actually| ever| really| last)? (?:to|in|into|at) (?:the )?"
KIND_ASKED = {"IMP": rf"hospitali[sz](?:ed|ations?)|(?:hospital |inpatient )?admissions?|admits?|admitted|inpatient(?: stays?)?|hospital stays?|{WENT}hospital|"
                     r"(?:skilled nursing|snf)(?: facility| facilities| stays?)?|class\s*=\s*'?imp|"
                     r"nursing homes?(?: type places?)?|rehab(?:ilitation)? (?:places?|facilit(?:y|ies)|centers?|stays?)|"
                     r"(?:in|at|to) (?:a |the )?rehab(?:ilitation)?\b(?! (?:therap|exercis|sessions?|programs?|visits?))|"
                     r"(?:stay|stayed|kept) (?:in|at) (?:the )?hospital(?: overnight)?",
              "EMER": rf"(?:{KINDS['EMER']}) (?:visits?|encounters?|trips?)|{WENT}(?:{KINDS['EMER']})|class\s*=\s*'?emer"}


def kind_asked(q: str) -> tuple[str, str] | None:
    """(kind, the question without the words that asked for it) when a question asks for visits of a kind, or of
    two kinds ("IMP|EMER")."""
    q = re.sub(rf"\bnot\s+(?:in\s+|at\s+)?(?:the\s+|an?\s+)?(?:{KIND})\b", " ", q.lower())  # "(not ER)"
    found = [(k, p) for k, p in KIND_ASKED.items() if re.search(rf"\b(?:{p})\b", q)]
    both = len(found) == 2 and any(re.search(rf"\b(?:{a[1]})\b\s*(?:,|and|or|&|/|\+)\s*(?:{b[1]})\b", q)
                                   for a, b in (found, found[::-1]))  # "ED visits and inpatient stays"
    if len(found) != 1 and not both:
        return None
    # "inpatient hospital admissions": every word that asks; a stay's discharge date is one of its fields
    rest = re.sub("|".join(rf"\b(?:{p})\b" for _, p in found), " ", q)
    if "IMP" in (k for k, _ in found):  # "with admit and discharge dates", "the dates of admission and discharge"
        rest = re.sub(r"\b(?:dates?\s+of\s+)?\s*(?:and|&|/)\s+discharge(?:\s+dates?)?\b", " dates ", rest)
    return "|".join(k for k, _ in found), rest


def _kind(q: str) -> str | None:
    """The kind of visit a question is framed by, with nothing else describing it: "during his
    hospitalization", "in the ER", "at her last ED visit"."""
    if re.search(r"\bhow (?:many|often)\b(?!\s+(?:days|nights|weeks|hours))|\bnumber of\b", q):  # "how many times has he been in the hospital": visits
        return None
    found = {k for m in re.finditer(rf"\b(?:at|during|in|from|on|throughout|while in|(?:went|taken|brought|sent|came) to)\s+{DET}\s+(?:(?:{ORDINAL})\s+)?"
                                    rf"(?P<k>{KIND})\b", q) for k, p in KINDS.items() if re.fullmatch(rf"(?:{p})", m.group("k"))}
    return found.pop() if len(found) == 1 else None


def _follow_up(q: str) -> str | None:
    if re.search(r"\b(before|prior to|earlier than) (that|then|this)\b|\bthe one before\b|\bprevious one\b", q):
        return "before"
    if re.search(r"\b(after|since|later than) (that|then|this)\b|\bthe (one|next one) after\b", q):
        return "after"
    if re.search(r"^(and|what about|how about|and what about|same for|also)\b", q) or re.search(r"\b(that|it|those|them)\s*\??$", q):
        return "same"
    return None


def _event(question: str) -> tuple[tuple[str, str, str | None] | None, str]:
    """(the event a window starts or ends at, the question without it)."""
    m = re.search(EVENT, question, re.IGNORECASE)
    if not m:
        return None, question
    words = next(m.group(k) for k in "abcdefghij" if m.group(k))
    if not m.group("e") and re.fullmatch(r"(?:last|first|previous|next|latest|same)\b.*|.*\b(?:visit|appointment|checkup|one|time)s?", words.lower()):
        return None, question  # "since the last visit" is not an event of the record's clinical content
    side = "before" if m.group("dir").lower() in ("before", "prior to") else "after"
    rest = re.sub(r"\s+", " ", question[:m.start()] + " " + question[m.end():]).strip()
    month = MONTHS.get((m.group("m2") or "").lower())  # "the Feb 2011 renal tx": of that month
    return (side, words.strip(), m.group("y") or m.group("y2") and m.group("y2") + (f"-{month:02d}" if month else "")), rest


LAST_VISIT = r"\b(?:most recent|last|latest|final)\s+(?:encounter|visit|appointment|appt)\b"
# The last visit asked without naming one: "when was she last seen here?", "the last time he was seen for his asthma".
# "when was her last appointment?": the day of that one visit.
LAST_WHEN = (r"^(?:and\s+)?when\s+(?:was|is)\s+(?:the patient's|the pt's|his|her|their|my|your|the|[a-z]+'s)\s+(?:most recent|last|latest|final)\s+"
             r"(?:visit|appointment|appt|encounter|time (?:he|she|they|i) (?:was|were) (?:seen|in))(?:\s+(?:here|before|with us|at the clinic)\b[^?]*)?\s*$")
LAST_SEEN = r"\blast\s+seen\b|\bseen\s+last\b|\blast\s+time\s+(?:he|she|they|i|you|we)\s+(?:was|were)\s+seen\b"


def plain(text: str) -> str:
    """Lower case, without punctuation (decimal points stay), single-spaced."""
    text = spoken_years(re.sub(r"\bb4\b", "before", text.lower()))  # "shots b4 i turned 18"
    # shorthand drops the article: "ht and wt at last physical" is "at the last physical"
    text = re.sub(r"\b(at|during|from|since|before|after)\s+(?=(?:last|latest|most recent|first|previous|prior)\s+\w)", r"\1 the ", text)
    return re.sub(r"\s+", " ", re.sub(r"[?!,;:()]|\.(?!\d)", " ", text)).strip()


# A plan told before the question, whose time is not the record's: "flying to Guatemala in March. Has she had her hep A shots?"
PLANNED = (r"\b(?:flying|fly|travel(?:l?ing)?|trip|vacation|holiday|going to|heading|leaving|moving|will be|plans? to|"
           r"planning|next (?:week|month|year)|upcoming)\b")


def window_asked(asked: str, question: str, birth: date | None, now: date) -> bool:
    """Whether the window of `question` is in the part that asks, or in a remark before it that sets the scene
    ("he got sick with covid in nov 2020 - was he seen before they admitted him?"), not only in a remark after
    it ("hgb values? she was anemic in 2022")."""
    return (asked == question or find_window(iso_days(plain(asked)), birth, now) is not None
            or not plain(question).startswith(plain(asked)[:12]) and not re.search(PLANNED, question.lower())
            and not re.search(NOW_ASKED, asked.lower()))


# A change asked about beside a visit's measurement: the measurement's whole history answers it.
GROWTH = (r"\b(?:gaining|gained|losing weight|lost weight|growing|grew|grown|bulk(?:ing)? up|going (?:up|down)|"
          r"creeping up|where (?:i|he|she|they) started)\b")


def parse(question: str, birth_date: str | None = None, today: str | None = None) -> Structure:
    """The structure of one question; `today` anchors relative windows ("in the last 2 years")."""
    q = iso_days(plain(question))
    birth = date.fromisoformat(birth_date[:10]) if birth_date else None
    now = date.fromisoformat(today[:10]) if today else date.today()
    w = find_window(q, birth, now)
    if w and re.search(r"\b(?:and|but|so)\b.*\bever\b", q[w.span[1]:]) and not re.match(ASKS, q):
        w = None  # "dad had pneumonia in 2024 and someone asked if he'd ever had the pneumonia vaccine": told, not asked
    start, end = (w.start, w.end) if w else (None, None)
    rest = q[:w.span[0]] + " " + q[w.span[1]:] if w else q
    seen = rest if w and re.search(LAST_VISIT, q[w.span[0]:w.span[1]]) else q  # "in the 24 months before the last visit"
    visit = _visit(seen) or ("latest" if re.search(LAST_SEEN, q) or re.search(LAST_WHEN, q) else None)
    if visit == "same" and (start or end):
        visit = "any"  # "her feb 2001 physical - what shots did she get at that visit?": the visit of that window
    if visit and visit[:4].isdigit() and w and w.start != w.end and len(set(re.findall(ISO, q))) > 1 and (
            not re.search(VISIT, q) or re.search(rf"\b(?:from|between)\s+{ISO}\s+(?:through|thru|to|until|and)\s+{ISO}", q)):
        visit = None  # "from nov 21 to nov 23 2020, when he came in", "from 2025-07-01 through 2025-09-30 ... admitted": a window
    if visit and visit[:4].isdigit():
        start = end = None  # the date names the visit; its resources are the window
    status = _status_asked(rest, bool(start or end))
    visit_for, kind, topic = _described(seen)
    unordered = not re.search(r"\b(last|latest|most recent|recent|newest)\b", q)
    kind = kind or _kind(q)
    if kind and not visit and not unordered and re.search(r"\b(?:last|latest|most recent)\s+(?:time|one)\b", q):
        visit = "latest"  # "what happened in the ER last time?"
    if (visit_for or kind) and (not visit or visit == "latest" and unordered) or visit == "latest" and unordered and (start or end):
        visit = "any"  # every visit so described, of that kind or of that time ("at her march 2005 physical")
    if visit and re.search(GROWTH, q):  # "weight at her last well visit, and is she gaining ok?": all her weights
        visit, visit_for, kind, topic = None, (), None, None
    excluded, told_less = clauses.asked(question)
    if w and not window_asked(told_less, question, birth, now):
        start = end = None  # "hgb values? she was anemic in 2022": the year is the context's, not the question's
    told = plain(told_less) if told_less != question else None  # what is asked, when context was set aside
    if told is not None and (asked_status := _status_asked(told, bool(start or end))) != status:
        status = asked_status  # "i cant read my pill bottles anymore. what am i supposed to be taking now": active
    event, asked = _event(told_less)  # an event told as context does not bound the question ("since they started insulin he ...")
    if topic is not None and told_less != question:  # "he's on digoxin - his pulse at the physicals?": not the context
        still = _described(plain(asked))
        topic = still[2] or plain(asked)
        if not still[0] and visit == "any" and not (start or end):  # "... request for an outpatient visit. Generate the
            visit, visit_for, kind = None, (), None  # current medication list": the visit was the context's
    if event:  # the event sets the window, not the year that names it
        start, end, rest = None, None, re.sub(EVENT, " ", q)
        status = _status(rest, False)
    return Structure(excluded=excluded, asked=asked, event=event, start=start, end=end, order=_order(rest, status), status=status, visit=visit,
                     framing=bool(re.search(FRAMES, q)),
                     visit_for=visit_for, visit_kind=kind, topic=topic, follow_up=_follow_up(q),
                     allergy=_allergy(q if told is None else told))  # not "... whether any is a drug allergy"
