"""Topics: what a resource is about (type + code), the text a relevance model reads for it, and lay words.

A record of 500-4,000 resources holds only 90-160 distinct topics, and topics recur across patients,
so relevance is scored once per (question, topic) and cached by topic text.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Iterable, Sequence

from .fields import Resource, code, ref, references
from .lexicon import MODEL_LAY, VACCINES, lay_words, names_medication, one_typo

# How people name each resource family; used by the keyword baseline and to describe topics.
FAMILIES: dict[str, tuple[str, ...]] = {
    "Patient": ("age", "how old", "years old", "yrs old", "born", "birth", "birthday", "gender", "sex", "male", "female", "name", "live",
                "address", "dob", "birthdate", "language", "speak", "married", "marital", "race", "ethnicity", "died", "alive",
                "deceased", "dead", "death", "city", "demographics", "town", "hometown", "who is", "contact",
                "phone", "ethnic", "religion", "spouse", "location", "reside", "lives", "living", "passed away", "pass away"),
    "Condition": ("condition", "conditions", "diagnosis", "diagnosed", "diagnoses", "disease", "illness",
                  "problem", "problems", "disorder", "suffer", "dx", "dxs", "pmh", "medical history", "diagnose",
                  "illnesses", "wrong with", "issue with", "issues with", "trouble with", "health issues",
                  "health problems"),
    "MedicationRequest": ("medication", "medications", "meds", "med", "drug", "drugs", "prescribe", "prescribed",
                          "prescription", "prescriptions", "pill", "pills", "taking", "take", "dose", "dosage",
                          "medicine", "medicines", "rx", "rxs", "script", "scripts", "tablet", "tablets"),
    "MedicationAdministration": ("administered", "given", "infusion", "injection"),
    "Immunization": ("vaccine", "vaccines", "vaccination", "vaccinations", "vaccinated", "immunization",
                     "immunizations", "immunized", "shot", "shots", "jab", "jabs", "booster"),
    "AllergyIntolerance": ("allergy", "allergies", "allergys", "allergic", "intolerance", "intolerant", "reaction", "nkda", "nka"),
    "Procedure": ("procedure", "procedures", "surgery", "surgeries", "operation", "operations", "operated", "insertion",
                  "insertions", "removal", "removals"),
    "Observation": ("lab", "labs", "bloodwork", "blood work", "labwork", "lab work", "test", "tests", "result", "results", "level", "levels", "value",
                    "vital", "vitals", "measurement", "measurements", "reading", "readings", "score", "blood", "weight", "weights",
                    "height", "heights", "bmi"),
    "DiagnosticReport": ("report", "reports", "panel", "panels"),
    "Encounter": ("visit", "visits", "encounter", "encounters", "appointment", "appointments", "admitted",
                  "admission", "hospital", "seen", "checkup", "check-up", "checkups", "check-ups", "come in",
                  "came in", "clinic", "doctor", "doctors", "dr", "doc", "record start", "record begin", "records start", "records begin"),
    "CarePlan": ("care plan", "careplan", "careplans", "plan", "plans", "treatment plan"),
    "CareTeam": ("care team", "team"),
    "Device": ("device", "devices", "implant", "implanted", "pacemaker", "defibrillator", "dme", "durable medical equipment"),
    "ImagingStudy": ("imaging", "x-ray", "xray", "scan", "scans", "mri", "ct", "ultrasound", "radiology"),
    "DocumentReference": ("note", "notes", "document", "documents", "summary"),
    "Claim": ("claim", "claims", "billing", "billed", "bill", "cost", "paid", "insurance"),
    "ExplanationOfBenefit": ("claim", "claims", "billing", "billed", "bill", "cost", "paid", "insurance"),
    "Coverage": ("coverage", "insurance", "insured", "insurer", "payer", "payor", "health plan", "insurance plan"),
    "SupplyDelivery": ("supply", "supplies", "delivered", "delivery"),
}

TYPE_WORDS = {
    "Patient": "patient demographics (name, age, birth date, gender, address, language, marital status)",
    "Condition": "condition diagnosis", "MedicationRequest": "medication prescription",
    "MedicationAdministration": "medication administered", "Immunization": "vaccine immunization shot",
    "AllergyIntolerance": "allergy", "Procedure": "procedure", "Encounter": "visit encounter",
    "DiagnosticReport": "diagnostic report", "DocumentReference": "clinical note", "CarePlan": "care plan",
    "CareTeam": "care team", "Device": "medical device", "ImagingStudy": "imaging study",
    "Claim": "insurance claim billing", "ExplanationOfBenefit": "explanation of benefit billing",
    "SupplyDelivery": "supply delivery", "Coverage": "insurance coverage payer", "Medication": "medication product", "Provenance": "record provenance",
}

MEDICATION_TYPES = {"MedicationRequest", "MedicationAdministration", "Medication"}
NOT_CLINICAL = {"Claim", "ExplanationOfBenefit", "Provenance"}


def expand(question: str) -> str:
    """The question with the clinical words for any lay words appended."""
    extra = lay_words(question, MODEL_LAY, plural=False, longest=False)  # exactly as the adapter was trained
    return question if not extra else f"{question} ({'; '.join(extra)})"


def drug_of(r: Resource, meds: dict[str, Resource] | None) -> Resource:
    """The resource whose code says what `r` is about: the Medication a request or administration
    names by reference (real Synthea writes `medicationReference`), else `r` itself."""
    target = (r.get("medicationReference") or {}).get("reference", "") if meds else ""
    return meds.get(target, r) if target and not code(r)[1] else r


def medications(resources: Iterable[Resource]) -> dict[str, Resource]:
    """The record's Medication resources by reference."""
    return {ref(r): r for r in resources if r.get("resourceType") == "Medication"}


def topic_key(r: Resource, meds: dict[str, Resource] | None = None) -> tuple[str, str, str]:
    """(type, code system|code, display): resources with one key are about one thing."""
    system, cd, display = code(drug_of(r, meds))
    return r.get("resourceType", ""), f"{system}|{cd}" if cd else "", display.lower() if not cd else ""


def topic_text(r: Resource, meds: dict[str, Resource] | None = None) -> str:
    """The text a relevance model reads for a topic: type words, then what it is about."""
    t = r.get("resourceType", "")
    _, _, display = code(drug_of(r, meds))
    words = TYPE_WORDS.get(t, t)
    if t == "Observation":
        cats = [c.get("code", "") for cat in r.get("category") or [] for c in cat.get("coding") or []]
        words = {"laboratory": "lab test result", "vital-signs": "vital sign measurement",
                 "survey": "questionnaire score", "social-history": "social history"}.get(cats[0] if cats else "", "observation")
    display = re.sub(r"\s*\((disorder|finding|procedure|situation|substance|regime/therapy|physical object|"
                     r"observable entity|qualifier value|person|event)\)", "", display)
    return f"{words}: {display}" if display else words


def group_topics(resources: Sequence[Resource]) -> dict[tuple[str, str, str], list[int]]:
    """Indices of the resources of each topic, in record order."""
    groups: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    meds = medications(resources)
    for i, r in enumerate(resources):
        groups[topic_key(r, meds)].append(i)
    return dict(groups)


# Words one letter from a family word that are words of their own ("still filling the lithium?" is no billing).
REAL_WORDS = {"filling", "filled", "willing"}

# Something taken out of the body: "his appendix out", "her gallbladder removed", "tonsils taken out".
REMOVED = r" (?:his|her|their|my|your|the) (?:[a-z-]+ )?[a-z-]+ (?:taken |pulled |cut )?(?:out|removed) "


# Families whose FHIR type name is a word no question uses otherwise ("AllergyIntolerance", not "Patient").
TYPE_NAMES = {t for t in FAMILIES if re.fullmatch(r"(?:[A-Z][a-z]+){2,}", t)}


def families_named(question: str) -> set[str]:
    """Resource types the question names by family word ("vaccines" → Immunization)."""
    q = re.sub(r"(^|[;:.?!]\s*)(?:please\s+)?report\b", r"\1", question.lower())  # "...; report the latest": a request
    q = " " + re.sub(r"[^a-z0-9\- ]", " ", q) + " "
    q = re.sub(r" (?:at|since|from) (?:the )?(?:date of )?birth | (?:give|gives|gave|given|giving) birth | birth control\w* | (?:babies|baby|twins) (?:were |was )?born ",
               " ", q)  # "gave birth", "were the babies born by c section"
    q = re.sub(r" (?:before|after|since|until|till|by|on|from|around) (?:her|his|their|my|your|the) (?:[a-z]+ s )?(?:[a-z0-9]+ )?birthday "
               r"| \d+ (?:years?|months?|weeks?|days?|yrs?|mos?) old ", " ", q)  # nor is "weights before her first birthday"
    q = re.sub(r"-wise | (?:one|ones|it|which|that) (?:is|are) live | billed (?:or )?(?=recorded |documented |done |performed )",
               " ", q)  # "procedure-wise", "which one is live", "sessions billed/recorded"
    q = re.sub(r" (?:doctors?|dr|clinic) (?:said|saying|says|told|tells|mentioned|thinks|thought|wants|wanted|asked) ",
               " ", q)  # "i remember a doctor saying ...": who said it, not a visit asked for
    q = re.sub(r" (?:allergy|depo|depo-provera|depo provera) (?:shots?|injections?|jabs?) ", " ", q)  # immunotherapy, a procedure; a drug
    q = re.sub(r" allergy (?=(?:blood ?work|blood tests?|labs?|panels?) )", " ", q)  # a test, not an allergy
    q = re.sub(r" (?:for|in|into|to) my (?:own )?(?:\w+ )?notes? ", " ", q)  # "for my wound notes": the asker's, not the record's
    q = re.sub(r" (?:written|recorded|noted|documented|put|mentioned|entered) (?:down )?(?:in|on|into) (?:his|her|their|my|your|the) "
               r"(?:notes?|chart|file|records?) ", " recorded ", q)  # "first written in his notes that ...": recorded
    q = re.sub(r" (?:given|gave|give|gives) (?:his|her|their|my|your|our)? ?(?:permission|consent|ok|okay|blessing) ", " ", q)
    q = re.sub(r" (?:on|from|via|by|over) (?:my|the|his|her|a|our) (?:phone|cell|mobile|cellphone) ", " ", q)  # how one writes
    q = re.sub(r" drugs? (?:screens?|tests?|testing|panels?) ", " lab ", q)  # "urine drug screen": a lab, not a drug
    if re.search(r" (?:pictures?|photos?|images?|scans?|x-?rays?|films?|imaging) ", q):
        q = re.sub(r" (?:take|took|taken|taking) ", " ", q)  # "what scans did they take": imaging, not a drug taken
    q = re.sub(r" tissue (?:dx|diagnosis) ", " biopsy ", q)  # a biopsy, not a problem
    q = re.sub(r" (?:record|chart|file|notes?|anything|anyone|they|you|it) (?:document|documents) ", " ", q)  # "does her
    # record document a miscarriage?": a verb, not a clinical note
    q = re.sub(r" birth (?=(?:wt|weight|length|height) )", " ", q)  # "birth wt": a weight
    q = re.sub(r" contraceptive implants? ", " contraceptive ", q)  # an insertion and a drug, not a medical device
    q = re.sub(r" (?:condition|drug|medication|device|product|vaccine|procedure|test|plan|allergen|brand|generic) names? ",
               " ", q)  # "with the condition name": a field, not the patient's name
    q = re.sub(r" names? of (?!(?:the |this |that )?(?:patient|pt|person|member|child|kid|baby|daughter|son|mother|father) )",
               " ", q)  # "wants the name of the medicine she was given"
    q = re.sub(r" (?:at|by) the time of (?:his |her |their )?death | (?:when|before) (?:he|she|they) (?:died|passed(?: away)?) "
               r"| (?:ending|ended|through|until|as of|to) (?:on )?(?:the )?date of (?:the )?(?:decedent s |his |her |their )?death ",
               " ", q)  # "meds still active at the time of death": a time, not the death
    q = re.sub(rf" ({'|'.join(VACCINES)}) injections? ", r" \1 shot ", q)  # "my tetanus injection": a vaccine
    q = re.sub(rf" ({'|'.join(VACCINES)}) (?:given|administered) ", r" \1 shot ", q)  # "tdap given": a vaccine
    named = {t for t, words in FAMILIES.items() if any(f" {w} " in q for w in words)
             or t in TYPE_NAMES and re.search(rf" {t.lower()}s? ", q)}  # "AllergyIntolerance resources"
    if re.search(r" allergic reactions? | injur(?:y|ies) ", q):  # "any acute allergic reactions since 2016?": the reaction,
        named.add("Condition")  # a diagnosis, beside the allergies; "his burn injuries" (the word still names them)
    if re.search(r"\bactive patient\s*(?:here|with us|of (?:ours|the practice|this practice)|at [a-z ]+)?\s*(?:[?.!]|$)", question.lower()):
        named.add("Patient")  # "is she still an active patient?": her record's status (alive, deceased)
    if re.search(REMOVED, q):  # "when did he have his appendix out": the operation, not the appendicitis
        named.add("Procedure")
    typos = {t for t, words in FAMILIES.items() for w in words for x in q.split() if one_typo(x, w) and x not in REAL_WORDS}
    return named | typos | (MEDICATION_TYPES if names_medication(question) else set())


def spread(topic_scores: dict[tuple[str, str, str], float], groups: dict[tuple[str, str, str], list[int]],
           n: int) -> list[float]:
    """Per-resource scores from per-topic scores."""
    out = [0.0] * n
    for key, idx in groups.items():
        for i in idx:
            out[i] = topic_scores.get(key, 0.0)
    return out


def unique_texts(resources: Iterable[Resource], groups) -> dict[tuple[str, str, str], str]:
    """Each topic's text; a care plan's also names the conditions it addresses ("for eczema"), or else those
    diagnosed at the visit that made it (python Synthea's plans name none)."""
    res = list(resources)
    meds = medications(res)
    names = {ref(r): code(r)[2] for r in res if r.get("resourceType") == "Condition"}
    found_at: dict[str, list[str]] = {}  # a plan that names no condition is for those diagnosed at its visit
    for r in res:
        for visit in references(r.get("encounter", {})) if r.get("resourceType") == "Condition" else []:
            found_at.setdefault(visit, []).append(ref(r))
    out = {}
    for key, idx in groups.items():
        text = topic_text(res[idx[0]], meds)
        if key[0] == "CarePlan":
            why = dict.fromkeys(names[x] for i in idx
                                for x in references(res[i].get("addresses", []))
                                or [y for v in references(res[i].get("encounter", {})) for y in found_at.get(v, [])]
                                if x in names)
            text += f" for {', '.join(why)}" if why else ""
        out[key] = text
    return out


# Words that carry no topic: question words, time, order, pronouns, filler.
STOP = set("""
a an the of in on at to for from by with and or is are was were be been has have had do does did
what whats which when where who whom how many much any ever all list show tell me my his her their he she they
him them i you your our us patient patients last latest most recent first earliest current currently active actively
now still date dates day year years month months time times value values result results level levels
received receive get got given give taking take done recorded record records did ever been so far
before after since between during until prior that this those these it its there some about number
count often please can could would should will was kind type types name names again also just
include includes including each provide return enumerate specify indicate along state stating cite citing
documented noted charted mentioned actually s t d ll re ve m w
getting gets told telling keep keeps kept forever few one ones lately better worse full complete entire am im
if hi hello hey asking asks wondering wonder pharmacy pharmacist believe more than once twice taken want wants wanted confirm pt
wasnt wasn isnt isn didnt didn doesnt doesn hasnt hasn werent weren arent aren havent haven into onto exactly user users
enc extract retrieve pull generate identify compile fetch group duplicate duplicates per potentially likely rather real step we
whether only nobody anybody someone somebody member members subject subjects enrollee beneficiary claimant claimants
through thru initiated supposed periop perioperative intraop intraoperative hpi psh pmh
numerator numerators denominator abstraction abstractor calendar evidence filter filters caller callers help class field fields
administration administrations pls plz today looking targets goc inclusive deprescribing deprescribe enrollment enrolled
dad mom mum mother father son daughter wife husband grandma grandpa grandmother grandfather child kid kids teen teens teenager toddler
baby babies remember paperwork peds know um uh umm think roughly actual reflected imp emer amb daily
as set obtained together grateful kindly send forward within onward onwards two three four five six seven eight nine ten eleven twelve dear regarding resting student students assignment homework pertinent section sorry everything colleague colleagues department departments sincerely thanks thank greetings applicant applicants insured client clients session sessions forum nana measured
chart charts agree agrees correct accurate true file files
""".split())
FAMILY_WORDS = {w for words in FAMILIES.values() for w in words}


def content_words(question: str) -> list[str]:
    """Words that say what the question is about, beyond family and structure words."""
    words = re.findall(r"[a-z0-9][a-z0-9\-]*", question.lower())
    return [w for w in words if w not in STOP and w not in FAMILY_WORDS and not w.isdigit()
            and not re.fullmatch(r"(19|20)\d\d|\d+(st|nd|rd|th)", w)]
