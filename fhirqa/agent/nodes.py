"""The pipeline's nodes: fetch_record → classify_relevance → generate_answer, and the route between them."""

from __future__ import annotations

import re
import time
from dataclasses import replace

from langgraph.runtime import Runtime

from ..fields import code, day, ref
from ..lexicon import typo_fixed
from ..spanish import in_english
from ..spelling import american, spelled_by_ear
from ..models import Turn
from ..topics import NOT_CLINICAL, content_words, families_named
from . import search, select
from .dates import MONTH, day_first
from .keyvalue import spelled_out
from .rest import searched
from .state import Context, QAState
from .structure import LAST_WHEN, kind_asked, parse, plain
from .visit_words import KIND, VISIT

# Words that ask about a visit as a whole ("recap her last checkup", "what happened when he came in on 2019-03-02?").
VISIT_WORDS = {"visit", "appointment", "appt", "encounter", "checkup", "check-up", "check", "up", "physical",
               "admission", "hospitalization", "hospitalisation", "consultation", "consult", "hospital", "stay",
               "trip", "session", "follow-up", "er", "ed", "emergency", "room", "urgent", "care", "clinic", "office",
               "wellness", "well", "doctor", "doctors", "dr", "gp", "dentist", "dentists", "visits", "appointments",
               "admissions", "encounters", "stays", "hospitalizations", "inpatient", "outpatient", "ambulatory",
               "happen", "happened", "happening", "done",
               "find", "found", "recap", "summarize", "summarise", "summary", "details", "detail", "why", "come",
               "came", "seen", "went", "go", "going", "reason", "during", "whole", "everything", "overview"}

# A treatment or state that only says when: "WBC during chemo 2017 - nadir?".
DURING = (r"\b(?:during|while\s+(?:on|getting|having|receiving|pregnant)|throughout)\s+(?:the\s+|his\s+|her\s+|my\s+)?"
          r"(?:chemo\w*|radiation(?:\s+therapy)?|radiotherapy|pregnancy)\b"
          r"|\bduring\s+(?:the|his|her|my|their)\s+(?:(?:19|20)\d\d\s+)?(?:illness|sickness)\b"  # "during her 2021 illness"
          r"|\b(?:in\s+connection\s+with|in\s+relation\s+to|related\s+to|relating\s+to|arising\s+from|resulting\s+from)"
          r"\s+(?:the\s+|his\s+|her\s+|my\s+|that\s+)?(?:injury|injuries|accident|fall|incident|event|episode)(?=\s+(?:of|on)\s+\d)")
# "imaging in connection with the injury of 2025-05-06": the day names when, the injury only why

# Questions about a visit's dates rather than its contents.
ITSELF = (r"\b(how long|when|what (day|date)|which (day|date)|how many(?: (?:days|nights|times|weeks|hours))?|number of|count|how often|length of stay|"
          r"discharged?|dates?|list|provide|return|enumerate|(?:and|with|plus) (?:the )?reasons?)\b")  # "date and reason": fields

# "What did they do at the ER on 2008-10-30?": the procedures of that visit.
DID_DO = (r"\bwhat\s+(?:exactly\s+)?(?:did|do|does|would)\s+(?:they|he|she|the\s+doctors?|the\s+dentist|the\s+er|you|we|i)\s+"
          r"(?:actually\s+|even\s+|end up\s+|ever\s+)?do\b|\bwhat\s+(?:they|he|she)\s+did\b")
DONE_TYPES = ("Procedure", "Encounter")
# "What did they give me for it?" at a visit: what was prescribed or given there.
GAVE = (r"\b(?:what|wat)\s+(?:did|do|does)\s+(?:they|he|she|the\s+doctors?|the\s+er|the\s+hospital|you)\s+"
        r"(?:\w+\s+)?(?:give|prescribe|put)\b(?:\s+(?:him|her|me|them|you)\b)?(?:\s+(?:for\s+)?(?:it|that|this)\b)?"
        r"|\b(?:what|wat)\s+(?:was|were|did)\s+(?:he|she|they|i|you)\s+(?:get\s+)?sent\s+home\s+w(?:ith|/|\b)"
        r"|\b(?:what|wat)\s+(?:was|were)\s+(?:he|she|they|i|you|the patient)\s+(?:given|prescribed)\b"  # "what was she given there?"
        r"|\bwhat\s+(?:medicines?|meds|medications?|drugs)\s+(?:did\s+)?(?:they|he|she|the\s+doctors?)\s+(?:\w+\s+)?(?:gave|give|prescribed)\b"
        r"|\bwhat\s+(?:medicines?|meds|medications?|drugs)\s+did\s+(?:he|she|i|you|the patient)\s+(?:actually\s+)?(?:get|receive)\b")
GAVE_TYPES = ("MedicationRequest", "MedicationAdministration", "Encounter")


def _done_at_visit(text: str) -> tuple[str, ...] | None:
    """The resource types a question asks for when it asks only what was done or given at a visit."""
    for t in re.split(r"(?<=[.?!;])\s+|\s+-+\s+", text.lower()):  # "... ended up in the ER. What did they do there?"
        for pattern, types in ((DID_DO, DONE_TYPES), (GAVE, GAVE_TYPES)):
            m = re.search(pattern, t)
            rest = re.sub(r"\b(?:procedures?|meds?|medications?|medicines?)\b", " ", t[:m.start()] + " " + t[m.end():]) if m else ""
            if m and not topical(rest):  # "what did they do ... (procedures)" asks the same
                return types
    return None


def _of_types(resources: list, *types: str) -> list[bool]:
    return [r.get("resourceType") in types for r in resources]


def _timed(state: QAState, key: str, started: float) -> dict[str, float]:
    return {**(state.get("timings") or {}), key: round(time.perf_counter() - started, 4)}


def fetch_record(state: QAState, runtime: Runtime[Context]) -> dict:
    """Reads the patient's record from the source, unless this session already holds it."""
    t0 = time.perf_counter()
    if state.get("fetched") == state["patient"] and state.get("resources"):
        return {"timings": {"fetch_s": 0.0}}
    record = runtime.context.source.fetch(state["patient"])
    return {"resources": record.resources, "fetched": state["patient"],
            "timings": {"fetch_s": round(time.perf_counter() - t0, 4)}}


def _anchor_day(resources) -> str:
    """'Today' for relative windows: the last clinical event (Provenance holds the later export date)."""
    skip = NOT_CLINICAL | {"Patient"}
    days = [d for d in (day(r) for r in resources if r.get("resourceType") not in skip) if d]
    return max(days) if days else time.strftime("%Y-%m-%d")


# Why a drug was given or is taken: "why did they give me oxycodone at the ER?", "why is there sumatriptan on my med list?".
WHY_GIVEN = (r"\bwhy\s+(?:was|were|is|are|did|does|do|am|has|have)\b[^.?!;]*?\b(?:given|give|gave|prescribed|prescribe|put\s+on|"
             r"taking|take|on\s+(?:it|this|that|them)|there|started|start)\b")
# What each was for, asked beside a list: "dates + indications?", "dates + dx each was sent for", "w/ indication".
FOR_WHAT = (r"\s*[,;+&]?\s*(?:and\s+|with\s+|w/\s*|plus\s+)?(?:the\s+|their\s+)?(?:indications?\b|(?:dx|diagnos[ie]s|reasons?)\s+"
            r"(?:each|it|they|that)\s+(?:one\s+)?(?:was|were)\s+(?:sent|done|ordered|given|prescribed|taken)\s+for\b|"
            r"what\s+(?:each|they)\s+(?:one\s+)?(?:was|were)\s+for\b)")
# Supplies asked as a kit: "what CPAP supplies has he been sent?" (the tubing and filters came in the same box).
KIT = r"\b(?:supplies|supply|equipment|resupply|resupplies|kits?)\b"


def find_relevant(question: str, resources: list, history: list, relevance, threshold: float) -> list[str]:
    """Refs of the resources needed to answer `question`, given the conversation so far."""
    searched_for = search.run(question, resources)  # "Encounter?class=EMER": what a server would return
    if searched_for is not None:
        return searched_for
    for_what = re.sub(FOR_WHAT, " ", question, flags=re.IGNORECASE)  # "Augmentin courses - dates + indications?"
    found = _relevant(for_what.strip() or question, resources, history, relevance, threshold)
    said = in_english(question)  # "por que le dieron amoxicilina?"
    if re.search(WHY_GIVEN, said, re.IGNORECASE) or for_what != question:  # "why was my son given amoxicillin?": what it was for
        found += [x for x in select.reasons_given(found, resources) if x not in found]
    if re.search(KIT, said, re.IGNORECASE):
        found += [x for x in select.delivered_with(found, resources) if x not in found]
    return found


def _relevant(question: str, resources: list, history: list, relevance, threshold: float) -> list[str]:
    """`find_relevant` before the reasons of the drugs asked why and the rest of a kit's shipment."""
    question = re.sub(r"\s*[\u2013\u2014]\s*", " - ", typo_fixed(spelled_by_ear(american(in_english(question)))))  # an em or en dash sets a clause apart as " - " does
    question = day_first(question, {day(r) for r in resources})  # "A&E on 03/06/2027": the 3rd of June, if so recorded
    patient = next((r for r in resources if r.get("resourceType") == "Patient"), {})
    told = as_patient(unlabelled(question), patient)
    question = searched(told)  # "Procedure?patient=...&code=...": in words
    question = spelled_out(question) if question == told else question  # "metric=heart_rate; return=latest"
    s = select.event_window(parse(question, patient.get("birthDate"), _anchor_day(resources)), resources)
    by_ref = {ref(r): r for r in resources}
    previous = [by_ref[c] for c in (history[-1]["citations"] if history else []) if c in by_ref]
    topic_q = question
    if history and (s.follow_up or not content_words(question) and not families_named(question)):
        topic_q = f"{history[-1]['question']} {question}"
        s = select.follow_up_window(s, previous)
    if s.topic is not None and (select.described_visits(s, resources) or select.dated_stays(s, resources)):
        return _at_described_visit(s, resources, relevance, threshold, previous)
    if s.visit == "latest" and re.search(LAST_WHEN, plain(s.asked or question)) and not topical(s.asked or question):
        return sorted(select.visit_of(s, resources, previous))  # "when was her last appointment?": that visit's day
    # the kind asked, less the remarks ("she spent a long time in a facility as a kid. When was she admitted?")
    asked, done = kind_asked(s.asked if topic_q == question and s.asked else topic_q), _done_at_visit(question)
    if asked and not s.visit_for and not topical(re.sub(ITSELF, " ", asked[1])) and not done:
        # "has he been hospitalized?" (not "what did they do during the may 2004 hospital stay?")
        return select.visits_of_kind(s, resources, asked[0])
    if topic_q == question and s.asked and (topical(s.asked) or not topical(question)):  # less "excluding social
        topic_q = s.asked  # findings" and "she's prediabetic - ", unless only the remark names the topic ("I believe he
        # had bypass surgery around 2010 - can you confirm what exactly was done?")
    if s.topic is not None and s.visit and s.visit[:4].isdigit() and topical(s.topic):
        topic_q = s.topic  # "8/30/17 allergy visit - what was rx'd?": the day names the visit, "allergy" only tells it
    if s.visit:  # "procedures at the emergency encounter on 2025-05-25": the kind says which visit, not what was done
        topic_q = re.sub(rf"\b(?:{KIND})\s+(?={VISIT})", " ", topic_q, flags=re.IGNORECASE)
    framed = re.sub(DURING, " ", topic_q, flags=re.IGNORECASE)
    topic_q = framed if framed != topic_q and topical(framed) else topic_q  # "WBC during chemo 2017": the WBC
    topic_q = without_names(topic_q, patient)
    on_topic = topical(question)
    if s.visit and done:
        kept, on_topic = _of_types(resources, *done), True
    else:
        kept = [x >= threshold for x in relevance.score(topic_q, resources)]
    if s.excluded:
        kept = [k and x < threshold for k, x in zip(kept, relevance.score(s.excluded, resources))]
        tags = re.findall(r"\b(finding|situation|disorder|procedure)s?\b", s.excluded.lower())
        kept = [k and not code(r)[2].lower().endswith(tuple(f"({t})" for t in tags)) for k, r in zip(kept, resources)]
        # "(exclude findings and situations)": SNOMED's semantic tags, "Stress (finding)"
    return select.apply(s, resources, kept, previous, topical=on_topic)


def _names(patient: dict) -> set[str]:
    """The patient's given and family names, lower case, of 3 letters or more ("Tuan438" → "tuan")."""
    return {w.lower() for n in patient.get("name", []) for part in n.get("given", []) + [n.get("family", "")]
            for w in re.findall(r"[A-Za-z]{3,}", part)}


def without_names(question: str, patient: dict) -> str:
    """The question without the patient's own names ("hi im tuans daughter, does dad have drug allergies?")."""
    names = _names(patient)
    if not names:
        return question
    return re.sub(rf"\b(?:{'|'.join(sorted(names))})(?:'?s)?\b", " ", question, flags=re.IGNORECASE)


# A birth date that says who the patient is: "Re: Guy Kessler, DOB 2023-09-08.", "regarding Bret Tremblay (DOB 1998-02-09):".
BIRTH_LABEL = (r"(?<=[A-Za-z.])\s*(?:,\s*|\(\s*|\s+-\s+)(?:dob|d\.o\.b\.?|date of birth|born)\s*:?\s*"
         rf"(?:\d{{4}}-\d\d-\d\d|\d{{1,2}}/\d{{1,2}}/\d{{2,4}}|{MONTH}\s*\d{{1,2}},?\s*\d{{4}})\s*\)?")


def unlabelled(question: str) -> str:
    """The question without a birth date naming the patient beside their name: it asks nothing, and its date is no
    window ("Re: Guy Kessler, DOB 2023-09-08. Please provide the throat culture obtained at the 2024-02-08 sick visit")."""
    question = re.sub(r"(?:^|(?<=[.?!;)]\s))[SBAR](?:/[SBAR])?\s*:\s*", "", question)  # an SBAR handoff's "S:", "B/A:"
    question = re.sub(r"\s*\(\s*(?:born|b\.|dob|d\.o\.b\.?)\s*:?\s*(?:in\s+|on\s+)?[^()?]{3,25}\)", "", question,
                      flags=re.IGNORECASE)  # "Sacha is 6 (born June 2021).": who she is, not a window
    return re.sub(BIRTH_LABEL, "", question, flags=re.IGNORECASE)


def as_patient(question: str, patient: dict) -> str:
    """The question with the patient's names as "the patient": "Vilma's mom wants the pharmacy to cover everything"
    tells, as "her mom wants ..." does; "Ms. Dietrich's problem list" is the patient's."""
    names = _names(patient)
    if not names:
        return question
    name = rf"(?:{'|'.join(sorted(names))})"
    said = rf"\b(?:(?:mr|mrs|ms|miss|mx|dr)\.?\s+)?{name}(?:\s+{name})*(?P<s>'s\b|s'|'|s\b)?(?![\w'])"
    return re.sub(said, lambda m: "the patient" + ("'s" if m.group("s") else ""), question, flags=re.IGNORECASE)


def _at_described_visit(s, resources: list, relevance, threshold: float, previous: list) -> list[str]:
    """"Lactate during the sepsis admission": lactate, at that admission; "how long was he in the
    hospital with covid?": the admission itself."""
    on_topic = topical(re.sub(ITSELF, " ", s.topic))
    done = _done_at_visit(s.topic) or _done_at_visit(s.asked or "")  # "stuck in the hospital ... what meds they gave her"
    if done:  # "what did they do at the ER for the fracture?", "what did they give me for it?"
        kept, on_topic = _of_types(resources, *done), True
    elif not on_topic and re.search(ITSELF, s.topic):
        kept, on_topic = _of_types(resources, "Encounter"), True
    else:
        kept = [x >= threshold for x in relevance.score(s.topic, resources)]
    if s.framing and not s.visit_kind and on_topic:  # "weights at her checkups": her weights, wherever recorded
        s = replace(s, visit=None, visit_for=())
    return select.apply(s, resources, kept, previous, topical=on_topic)


def topical(question: str) -> bool:
    """Whether a question names a topic ("her weight at the last visit") beyond a visit as a whole.

    "What was she admitted for?" asks only for the reason, unless it also asks what was done.
    """
    q = question.lower()
    reason = (r"\b(why|reasons?)\b|\b(admitted|hospitali[sz]ed|seen|come in|came in)\s+for\b(?!\s+(a|an|the)\b)"
              rf"|\bwhat\s+(?:was|were)\s+(?:the patient's|the|his|her|their|my|your|that|this|[a-z]+'s)\s+{VISIT}[^?]*\b(?:for|about)\s*[?.]?\s*$")
    # "what was Alberto's appointment on 10/8/2024 for?": its reason
    if re.search(reason, q) and not re.search(r"\b(happen\w*|done|recap|summar\w*|find|found|details?|overview)\b", q):
        return True
    q = re.sub(rf"{MONTH}|\b(?:her|his|their|my|your|the)\s+(?:medical\s+)?history\b|\bback\s+(?=in|when|then)\b|\b(?:end|beginning|start|middle)\s+of\b|\bthe\s+(?:time\s+)?period\b"
               r"|\b(?:on|to|onto)\s+the\s+(?:floor|wards?)\b", " ", q)  # "back in sept
    # 2012", "at the end of april 2019" date, name nothing
    words = re.findall(r"[a-z0-9][a-z0-9\-]*", q)
    rest = " ".join(w for w in words if w not in VISIT_WORDS and not re.fullmatch(r"[\d\-]+", w))  # nor dates
    return bool(content_words(rest)) or bool(families_named(rest) - {"Encounter"})


def classify_relevance(state: QAState, runtime: Runtime[Context]) -> dict:
    """Task 1: score every resource, keep those above the threshold that fit the question's structure."""
    t0 = time.perf_counter()
    relevant = find_relevant(state["question"], state["resources"], state.get("history") or [],
                             runtime.context.relevance, runtime.context.settings.threshold)
    return {"relevant": relevant, "timings": _timed(state, "relevance_s", t0)}


def route_after_relevance(state: QAState) -> str:
    """Nothing relevant: answer without a model; otherwise generate."""
    return "generate_answer" if state.get("relevant") else "no_information"


def _subject(question: str) -> str:
    words = content_words(question) or [w for w in re.findall(r"[a-z]+", question.lower()) if len(w) > 3][-2:]
    return " ".join(words) or "this"


def no_information(state: QAState, runtime: Runtime[Context]) -> dict:
    """The record holds nothing relevant: say so, never guess."""
    text = f"The record holds no information about {_subject(state['question'])}."
    turn = {"question": state["question"], "answer": text, "citations": []}
    return {"answer": text, "citations": [], "history": [turn], "timings": _timed(state, "generate_s", time.perf_counter())}


def grounded_citations(cited: list[str], chosen: list) -> list[str]:
    """The cited refs that were among the resources given; all of them when none were."""
    given = [ref(r) for r in chosen]
    return [c for c in cited if c in set(given)] or given


def generate_answer(state: QAState, runtime: Runtime[Context]) -> dict:
    """Task 2: an answer from the relevant resources only, with the `Type/id` of each one used."""
    t0 = time.perf_counter()
    by_ref = {ref(r): r for r in state["resources"]}
    chosen = [by_ref[x] for x in state["relevant"] if x in by_ref]
    history = [Turn(h["question"], h["answer"], h.get("citations", [])) for h in state.get("history") or []]
    answer = runtime.context.generator.generate(in_english(state["question"]), chosen, history)  # the models read English
    citations = grounded_citations(answer.citations, chosen)
    turn = {"question": state["question"], "answer": answer.text, "citations": citations}
    return {"answer": answer.text, "citations": citations, "history": [turn], "timings": _timed(state, "generate_s", t0)}
