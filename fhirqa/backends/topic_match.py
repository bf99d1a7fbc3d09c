"""Lexical topic matching: topics whose names share a specific word with the question.

A small classifier trained for one CPU epoch misses specific lay-to-code mappings ("flu jab" →
"Influenza, seasonal, injectable"; "blood thinner" → enoxaparin). Here the question's words, its
lay words and the drug classes it names (`lexicon`) are matched against the words of each topic's
name. A word that matches many topics ("blood", "count") says little and is ignored; among the
topics a word matches, those matching the most question words win ("a1c" + "hemoglobin" → HbA1c,
not hemoglobin).
"""

from __future__ import annotations

import re

from ..agent.dates import MONTH
from ..agent.structure import ELSE, parse
from ..lexicon import (INGREDIENTS, LAY, OTHER_SENSE, class_words, lay_phrases, lay_words, one_typo, panels_named, spelled,
                       without_class_names)
from ..topics import FAMILIES, MEDICATION_TYPES, NOT_CLINICAL, STOP, families_named
from . import topic_links

Key = tuple[str, str, str]
# Family words too general to name a topic; the clinically specific ones (weight, x-ray, pacemaker) stay.
SPECIFIC = {"weight", "height", "bmi", "pacemaker", "defibrillator", "implant", "implanted", "x-ray", "xray", "mri",
            "ct", "ultrasound", "infusion", "injection", "booster", "insurance", "panel", "smoking", "alcohol", "insertion",
            "insertions", "removal", "removals"}
GENERAL = {x for words in FAMILIES.values() for w in words for x in w.split()} - SPECIFIC
# Words that qualify rather than name a topic ("highest", "history", "acute"), and units.
VAGUE = set("""
history medical body past problem problems list every summary overview status new old high low higher lower highest
lowest max min peak normal abnormal elevated trend trends change changes across track show found first-time onset
acute chronic severe mild syndrome finding disorder disease number amount level
medicine medicines treated treating treat wrong going happened issue issues anything something thing things ok
up down out back side left right full whole single main other like care living dealing health
active inactive resolved ongoing stopped discontinued dates initial improved improving worse better yes no routine
gone over look looks looked nkda nka file marked listed flagged open closed point planned activities activity start end
positive negative detected complete completed finish finished series
see seen talk feel felt worried worry worries rating scale scales cause causes caused symptom symptoms score scores being moment doing saw go goes went need needs know concern concerns
blood count automated volume mass serum plasma fraction ratio
resource resources entry entries period periods category categories performed admissions due overdue order orders authored let say pre-visit previsit pre-op preop post-op postop pre-procedure vals trended covered
formulary manufacturedate manufacture manufactured expiration expirationdate udi lot serial identifier identifiers
written flag stale testing evidence exposure output as empty none exist exists existing diagnostic site sites criticality manifestation
managed manage manages manifestations then remain remains remaining explicitly state whose snomed loinc rxnorm cvx icd code codes coded coding
use uses used using bottle bottles dose doses reason reasons study studies modality modalities description descriptions checking checked checks formulation formulations strength strengths brand generic therapeutic subtherapeutic
""".split())
UNITS = {"mg", "ml", "mcg", "kg", "lb", "lbs", "cm", "mmhg", "tablet", "tablets", "capsule", "capsules", "oral"}
TYPE_WORDS = {f"{t.lower()}{s}" for t in FAMILIES for s in ("", "s")}  # "Return the MedicationRequest resources"
# Procedures that are imaging, recorded with or without an ImagingStudy.
IMAGING = r"x-ray|radiograph|tomography|\bct\b|\bmri\b|magnetic resonance|mammogra|fluoroscop|angiogra|densitometry"
NOT_TERMS = STOP | GENERAL | UNITS | VAGUE | TYPE_WORDS  # words that never name a topic
# Where a test or procedure a family word names may be recorded instead ("pregnancy ultrasounds" are
# procedures, "how many babies did she deliver" names childbirth procedures, not supply deliveries).
KIN = {"ImagingStudy": ("Procedure", "DiagnosticReport", "Observation"), "SupplyDelivery": ("Procedure",),
       "Procedure": ("ImagingStudy", "DiagnosticReport", "Observation"), "DiagnosticReport": ("Observation", "Procedure"),
       "Observation": ("DiagnosticReport", "Procedure"),
       "Immunization": ("MedicationAdministration", "MedicationRequest", "Procedure"),  # "depo-provera shots", a vaccine filed as a procedure
       "MedicationAdministration": ("MedicationRequest",)}  # "was he lysed? what was given": the alteplase ordered
# Families whose other topics the classifier cannot tell apart from a hit: when a word hits (a kind of
# visit, "her last physical", or anything else), their unhit topics are dropped however sure it is.
STRICT = {"Encounter"}
# Families where a hit rules out the family's other topics ("count of IPV vaccinations": not HPV; "nut allergy?").
EXCLUSIVE = {"Immunization", "AllergyIntolerance"}
# Words that help a topic win ("blood pressure panel" over "systolic") but name none on their own.
BOOST = {"panel", "panels"}
MAX_HITS = 6  # a word naming more topics than this is not specific
GROUP = {"ige", "igg", "screening", "assessment"}  # words naming a group as a whole ("which IgE levels were high?")
GROUPED = "|".join(sorted(GROUP))
# Words after a topic word that ask for each thing it names ("what kidney problems").
KINDS_OF = r"(?:problems|conditions|issues|diagnoses|disorders|diseases|infections|injuries|surgeries)\b"
# A question whether the patient has (had) an illness: "has she had covid?", "does he have diabetes?", "any
# history of cancer?", "is she diabetic?" (not "has she had her mmr?"), which vaccines and care plans named for it do not answer.
HAS_DISEASE = (r"\b(?:(?:does|do|did|has|have|had)\s+(?:she|he|they|you|i|the patient|pt|(?:my\s+)?(?:mom|mum|mother|"
               r"dad|father|son|daughter|wife|husband|grandma|grandpa|grandmother|grandfather|kid|child))\s+(?:ever\s+|still\s+)?"
               r"(?:have|had|got|gotten|caught)|history of|hx of|diagnosed with|ever had|suffer(?:s|ed)? from)\s+"
               r"(?!(?:her|his|their|my|your|the|all|its|that|this|those|and|or|on|in|at|to|for|now|so|yet)\b)"
               r"|\b(?:is|was|are|were)\s+(?:she|he|they|you|i|the patient|pt)\s+(?:still\s+)?"  # "is she diabetic?"
               r"(?!(?:allergic|active|positive|negative|sensitive)\b)(?=[a-z]+(?:ic|ive)\b)")
# Whether an illness still stands on the record: "is that cleared now", "still on my chart".
STANDING = (r"\b(?:still\s+(?:have|has|got)|on\s+(?:my|his|her|their|the)\s+(?:chart|record|problem list)|cleared|"
            r"resolved|gone away|went away)\b")
# Tests for an illness, which do not say whether the patient has it ("urine screening test for diabetes").
SCREENING = r"\b(screening|screen|test|testing|assessment|evaluation)\b"
# A question whether a test was done for something ("did they check him for flu?", "was she screened for strep?").
TESTED_FOR = r"\b(?:check(?:ed)?|test(?:ed)?|screen(?:ed)?|swab(?:bed)?)\s+(?:(?:him|her|them|me|you|the patient)\s+)?for\b"
# Names that only vaccines have ("has she had MMR?").
VACCINE_NAMES = {"mmr", "dtap", "tdap", "ipv", "opv", "hib", "pcv", "pcv13", "pcv20", "ppsv23", "mcv4", "menacwy",
                 "shingrix", "zostavax", "prevnar", "pneumovax", "gardasil", "bcg"}
# Visits that frame a question about something else: "his weights at the yearly checkups".
FRAMING = (r"\b(?:at|during|from|in)\s+(?:the|his|her|their|my|your|those|these|all)\s+(?:[\w-]+\s+){0,2}?"
           r"(?:visits?|check-?ups?|check ups?|physicals?|appointments?|appts?|admissions?|admits?|stays?|"
           r"hospitali[sz]ations?|encounters?|consults?)\b")

# Visits asked for as such: "when were his blood pressure follow-up appointments?", "dates of the ER visits".
VISITS = r"(?:visits|appointments|appts|encounters|admissions?|follow-?ups|check-?ups)"
VISITS_ASKED = rf"\b(?:when were|dates? of|how many|list)\b[^?]*\b{VISITS}\b|\b{VISITS}\b[^?]*\b(?:dates?|when)\b"


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9][a-z0-9+\-]*", text.lower())


def same(a: str, b: str) -> bool:
    """One word, allowing inflection and one typo: 'diabetic' ~ 'diabetes', 'warfrin' ~ 'warfarin'; not two words
    of one prefix ('hypertension', 'hyperlipidemia'), nor a word and its adjective ('direct', 'directive',
    'supplement', 'supplementary')."""
    if a == b or one_typo(a, b):
        return True
    short, long = sorted((a, b), key=len)
    if long.startswith(short) and long[len(short):] in ("ive", "ives", "ary"):
        return False
    common = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    return min(len(a), len(b)) >= 5 and abs(len(a) - len(b)) <= 4 and common >= max(5, min(len(a), len(b)) - 2)


def in_name(term: str, name: list[str]) -> bool:
    """Whether a topic name holds the term; a hyphenated lexicon phrase ("prostate-specific" for "psa")
    only as a whole, not by one of its words ("Neoplasm of prostate"); a marker of a joined name ("CD3+CD4+")."""
    return (any(same(term, w) for w in name) or ("-" in term and all(any(same(p, w) for w in name)
                                                                      for p in term.split("-") if p))
            or "+" not in term and any(term == p for w in name if "+" in w for p in w.split("+")))  # "cd4": "CD3+CD4+"


def question_terms(question: str) -> list[str]:
    """The words that say what the question is about: its own (less lay keys and structure words),
    then the record's words for its lay words and drug classes."""
    phrases = lay_phrases(question)
    said = {w for p in phrases for w in words(p)}  # "heart stopping", "er", "bp": their record words follow
    said |= {w for p in panels_named(question) for w in words(p)}  # "hgb on her cbc": nor the panel's own word
    plain = re.sub(r"\b(?:in total|all told|total (?:number|count)|in all|i mean|lengths? of stay|case management|"
                   r"utilization review|(?:real|actual|current|drug|medication)\s+therapy|"
                   r"(?:double[- ])?check(?=\s+(?:his|her|the|their|my|your|if|whether|that|this|all|on)\b))\b", " ", question.lower())
    plain = re.sub(r"\b(?:which|what)\s+(?:bones?|sides?|body\s+parts?|joints?|limbs?|organs?)\b"
                   r"|\bnursing\s+(?=(?:students?|school|diagnos[ie]s|assignments?|care\s+plans?)\b)", " ", plain)
    # a count, a filler, who asks, an instruction ("check his prescriptions", not a checkup); the part asked for
    # ("hx of fx? which bone": any fracture, the answer says the bone)
    if re.search(OTHER_SENSE["pressure"], plain):  # "what pressure is my CPAP set at": the machine, not a blood pressure
        plain = re.sub(r"\bpressures?\b", " ", plain)
    own = [w for w in words(plain) if w not in said]
    extra = [w for phrase in [LAY[p] for p in phrases] + class_words(question) for w in words(phrase)]
    return [w for w in dict.fromkeys(own + extra)
            if (w not in NOT_TERMS or len(w) == 1 and w in extra)  # "hep a": its "a" counts
            and (len(w) > 1 or w in extra) and not w.isdigit()
            and not re.fullmatch(rf"(19|20)\d\d|\d+(st|nd|rd|th)|\d{{4}}-\d\d(-\d\d)?|{MONTH}|\d{{1,3}}(?:f|m|yo|yof|yom)", w)
            and not (w.endswith("s") and w[:-1] in VAGUE)  # "findings"
            and not any(one_typo(w, g) and w != g + "s" for g in GENERAL)]  # "alergic" is a family word too


def twins(a: Key, b: Key, texts: dict[Key, str]) -> bool:
    """Whether two topics of one name are one thing recorded twice: an X-ray's procedure and imaging study, a
    lab test's result and report (not a vital sign's panel and its report)."""
    pair = {a[0], b[0]}
    lab = all(texts[k].startswith("lab test result") for k in (a, b) if k[0] == "Observation")
    return pair == {"Procedure", "ImagingStudy"} or pair == {"Observation", "DiagnosticReport"} and lab


def name_of(text: str) -> list[str]:
    """The words of a topic's name (its text after the type words)."""
    return words(text.split(": ", 1)[1]) if ": " in text else []


NAME_NOISE = {"panel", "children", "optional", "reported", "phq", "rating", "numeric", "0-10", "score", "admission"}


def core(name: list[str]) -> set[str]:
    """The words of a topic name that say what it is ("Leukocytes [#/volume] in Blood" → leukocytes)."""
    return {w for w in name if w not in STOP and w not in VAGUE and w not in UNITS and w not in NAME_NOISE
            and not w.isdigit() and not (w == "total" and "score" in name)}  # "GAD-7 total score": the GAD-7


def hits(question: str, keys: list[Key], texts: dict[Key, str], sims: dict[Key, float] | None = None,
         margin: float = 0.1) -> set[Key]:
    """Topics the question names by a specific word. Of the topics a word names, those matching the
    most question words win, then those whose names hold the least else ("creatinine": the serum
    test, not the urine albumin/creatinine ratio); with similarities, those within `margin` of the
    most similar one."""
    named = families_named(_asking(question))  # "a1c trend? newly dx'd T2DM": no family told after it
    if class_words(question):  # "taking for her blood pressure": the drugs, not the readings; but "lipids? is he
        lifted = only_families(question) is None  # on a statin" asks for both
        named = set() if lifted else (named - {"Observation"}) | MEDICATION_TYPES
    context = named == {"Encounter"} or (named <= MEDICATION_TYPES and not class_words(question))
    kin = {f for n in named for f in KIN.get(n, ())}
    clinical = [k for k in keys if k[0] not in NOT_CLINICAL and (k[0] != "CareTeam" or k[0] in named)]  # see set_aside
    allowed = {k for k in clinical if k[0] in named} if named else set(clinical)
    terms = question_terms(question)
    frame = re.search(FRAMING, question.lower())
    unframed = question_terms(question.lower()[:frame.start()] + " " + question.lower()[frame.end():]) if frame else []
    if unframed:  # "pulse at his physicals": not the physical examination
        terms = unframed
    names = {k: [w for w in name_of(texts[k]) if w not in ("children", "optional")] for k in clinical}  # BP "panel with all children"
    terms = _lettered(question, terms, [names[k] for k in allowed])
    lettered = _letters(question)
    out = _named(question, terms, clinical, names, allowed, kin, context, sims, margin)
    if not out:  # "kidney problems" with no kidney labs: its own word
        own = [w for w in own_words(question) if w not in terms]
        out = _named(question, terms + own, clinical, names, allowed, kin, context, sims, margin) if own else out
    if not out and "Device" in named:  # "Devices/implants: is her nexplanon in?": its insertion, the implanted drug
        out = {k for k in _named(question, terms, clinical, names, allowed, kin | {"Procedure", "MedicationAdministration"},
                                 context, sims, margin)
               if k[0] == "MedicationAdministration" or re.search(PUT_IN, texts[k].lower())}
    out |= {k for k in clinical for h in out if names[k] == names[h] and twins(k, h, texts)}  # the X-ray's study
    out = {k for k in out if names[k][-1:] != ["rate"] or "rate" in terms}  # "in the hospital for his heart": no pulse
    quoted = [words(x) for x in re.findall(r"['\"\u2018\u201c]([^'\"\u2019\u201d]{4,80})['\"\u2019\u201d]", question)]
    exact = {k for k in out if name_of(texts[k]) in quoted}  # "Encounters of type 'Emergency hospital admission'"
    exact_families = {k[0] for k in exact}
    out = {k for k in out if k in exact or k[0] not in exact_families}
    for k in list(out):  # "hep c": not the hep A and B shots its "hep" names; "hep a and hep b": both
        letters = [letter for letter, said in lettered if any(in_name(w, names[k]) for w in said)]
        if letters and not any(in_name(letter, names[k]) for letter in letters):
            out.discard(k)
    if frame and any(k[0] != "Encounter" for k in out):
        out = {k for k in out if k[0] != "Encounter"}
    elif (re.search(VISITS_ASKED, question.lower()) and any(k[0] == "Encounter" for k in out)
          and parse(question).visit is None):
        out = {k for k in out if k[0] == "Encounter"}  # "when were his blood pressure follow-ups?": the visits
    if not re.search(r"\brefer", question.lower()):  # "echocardiogram": the study, not the referral for one
        out = {k for k in out if not re.search(r"\brefer", texts[k].lower())}
    if (re.search(HAS_DISEASE, question.lower()) and not named & {"Immunization", "CarePlan", "CareTeam"}
            and not VACCINE_NAMES & set(words(question))):
        out = {k for k in out if k[0] not in ("Immunization", "CarePlan", "CareTeam")}  # not the covid vaccine
        if not re.search(rf"{SCREENING}|\b(checked|screened|tested)\b", question.lower()):
            out = {k for k in out if not (k[0] in KIN["Observation"] + ("Observation",)
                                          and re.search(SCREENING, texts[k].lower()))}
    if (re.search(HAS_DISEASE, question.lower()) and any(k[0] == "Condition" for k in out)
            and "Encounter" not in families_named(question)):  # "any history of asthma?": not the asthma follow-ups
        out = {k for k in out if k[0] != "Encounter"}
    if any(k[0] == "Condition" for k in out) and re.search(STANDING, question.lower()):
        out = {k for k in out if k[0] == "Condition"}  # "do i still have the covid on my chart?": not its tests
    if re.search(r"\bscores?\b", question.lower()) and any(k[0] == "Observation" for k in out):  # "gad-7 scores"
        out = {k for k in out if k[0] != "DiagnosticReport"}
    if "CarePlan" in named and "Condition" not in named and any(k[0] == "CarePlan" for k in out):  # "his blood pressure lifestyle plan"
        out = {k for k in out if k[0] == "CarePlan"}
    elif "CarePlan" in named and out and re.search(PLAN_ASKED, question.lower()):  # "a care plan for the substance use
        out = {k for k in clinical if k[0] == "CarePlan"}  # disorder?" whose plans name no disorder: the plans, not it
    return out


# Procedures that put a device in or take it out.
PUT_IN = r"\b(?:insertion|removal|implantation|replacement|placement|fitting)\b"


# A plan asked for by what it is for: "care plan for her allergies", "plan from his allergy doctor", "treatment plan
# for the arthritis in her hands".
# (`lexicon.PLAN_FOR` is another rule: a plan for a measure, "plan for his blood pressure", names its condition.)
PLAN_ASKED = r"\b(?:care|treatment|management|action)?\s*plans?\s+(?:in place\s+)?(?:for|from|about|to manage)\b"


def _lettered(question: str, terms: list[str], names: list[list[str]]) -> list[str]:
    """Terms less the synonyms of a lettered name the record holds as said: "hep a" names "Hep A, adult",
    so its "hepatitis" does not name the hepatitis B and C tests."""
    spare: set[str] = set()
    for p in lay_phrases(question):
        said = words(p)
        if any(len(w) == 1 for w in said) and any(all(in_name(w, n) for w in said) for n in names):
            spare |= set(words(LAY[p])) - set(said)
    return [t for t in terms if t not in spare]


def _letters(question: str) -> list[tuple[str, set[str]]]:
    """(letter, the other words) of each lettered name the question says ("hep c": c, {hep, hepatitis})."""
    out = []
    for p in lay_phrases(question):
        letters = [w for w in words(p) if len(w) == 1]
        if letters and any(len(w) > 2 for w in words(p)) and letters[0] in words(LAY[p]):  # "hep c", not "c/s", "c section"
            out.append((letters[0], (set(words(p)) | set(words(LAY[p]))) - set(letters)))
    return out


def own_words(question: str) -> list[str]:
    """The lay words that are record words too, one word each ("kidney", not the "hemoglobin" of "hemoglobin a1c")."""
    return [p for p in lay_phrases(question) if re.fullmatch(r"[a-z]{4,}", p) and p not in NOT_TERMS]


def _named(question: str, terms: list[str], clinical: list[Key], names: dict[Key, list[str]], allowed: set[Key],
           kin: set[str], context: bool, sims: dict[Key, float] | None, margin: float) -> set[Key]:
    """The topics the question's terms name, the best fitting of each term's."""
    tested = re.search(TESTED_FOR, question.lower())
    classes = [set(words(m)) for m in class_words(question)]
    matched = {k: {t for t in terms if in_name(t, names[k])} for k in clinical}
    out: set[Key] = set()
    whole_group = set(terms) <= GROUP  # "what screenings were done?": all of them
    for t in terms:
        if t in BOOST or t in GROUP and (_kind_lacking(question, t, names) or _qualifies(question, t, terms, matched)):
            continue
        found = [k for k in clinical if t in matched[k] and k in allowed]
        if not found:  # "his RR across visits", "drug abuse": the family words are context
            found = [k for k in clinical if t in matched[k] and (context or k[0] in kin)]
        kind = _kind_said(question, t, terms) if t in GROUP else ""
        if kind:  # "substance use screening": not the depression screenings
            found = [k for k in found if kind in matched[k]]
        if tested:  # "did they check him for flu?": the test, not the shot
            found = [k for k in found if k[0] in ("Observation", "DiagnosticReport", "Procedure")] or found
        conditions = [k for k in found if k[0] == "Condition"]
        if (t.endswith("s") and len(t) > 4 and len(conditions) <= MAX_HITS and any(t[:-1] in names[k] for k in conditions)
                and not any(t in names[k] for k in found)):  # "any fractures?": every kind of fracture
            out |= set(conditions)
            continue
        if whole_group or re.search(rf"\b{re.escape(t)}\w*\s+{KINDS_OF}", question.lower()) and len(found) <= MAX_HITS:
            out |= set(found)  # "what screenings", "what kidney problems": every one the word names
            continue
        # most question words, then the least else in the name; vaccines of one antigen all count ("hep b series")
        fit = {k: (len(matched[k]), 1 if k[0] == "Immunization" else round(len(matched[k]) / max(len(core(names[k])), 1), 2))
               for k in found}
        multi = [k for k in found if len(matched[k]) > 1]  # "dental films": the dental x-rays, of all things dental
        if len(found) > MAX_HITS and t not in GROUP and multi:
            found = multi
        elif len(found) > MAX_HITS and t not in GROUP:  # too common a word, unless a topic is named by it alone ("hgb")
            found = [k for k in found if core(names[k]) and all(any(same(x, w) for x in terms) for w in core(names[k]))]
            found = found if len(found) <= 2 else []
        if found:
            best = max(fit[k] for k in found)  # most question words, then the least else in the name
            every = t in GROUP and best[0] == 1  # "the IgE tests", no one named: all of them
            winners = [k for k in found if fit[k] == best or every]
            if all(k[0] in MEDICATION_TYPES for k in found):  # "oxycodone": every product that holds it
                drugs = {k: _drug_fit(matched[k], classes) for k in found}
                winners = [k for k in found if drugs[k] == max(drugs.values())]
            elif best[0] > 1 and all(k[0] == "Condition" for k in winners):  # "lung cancer": the suspected one and
                winners = [k for k in found if k[0] == "Condition" and fit[k][0] == best[0]]  # the non-small cell one
            if all(k[0] == "CarePlan" for k in winners):  # "burned as a kid": the burns, not only their care plan
                winners = [k for k in found if k[0] == "Condition"] or winners
            if all(k[0] in ("Procedure", "ImagingStudy") for k in winners) and not any(
                    core(names[k]) <= {w for w in core(names[k]) for x in terms if same(x, w)} for k in winners):
                # "chest cts": every kind of chest CT, unless one is named exactly ("depression screening")
                winners = [k for k in found if k[0] in ("Procedure", "ImagingStudy") and fit[k][0] == best[0]]
            found = winners
            values = {tuple(names[k]) for k in found if k[0] == "Observation"}  # a panel's values, not its report
            found = [k for k in found if not (k[0] == "DiagnosticReport" and tuple(names[k]) in values)]
            if sims and not every:
                top = max(sims[k] for k in found)
                found = [k for k in found if sims[k] >= top - margin]
            out |= set(found)
    return out


def _drug_fit(matched: set[str], classes: list[set[str]]) -> int:
    """How many things the question says a product matches, a drug class counting once however many of its
    members the product holds ("opioid analgesics": oxycodone alone fits as well as acetaminophen/oxycodone)."""
    members = set().union(*classes) if classes else set()
    return len(matched - members) + sum(1 for c in classes if matched & c)


def _qualifies(question: str, group: str, terms: list[str], matched: dict[Key, set[str]]) -> bool:
    """Whether a group word only qualifies the thing named after it: "screening colonoscopy"."""
    m = re.search(rf"\b{group}\s+([a-z][a-z-]+)", question.lower())
    return bool(m) and m.group(1) in terms and any(m.group(1) in found for found in matched.values())


def _kind_said(question: str, group: str, terms: list[str]) -> str:
    """The term a group word is said of across a filler word: "substance use screening" (not "depression screening",
    whose topics name both words)."""
    m = re.search(rf"\b([a-z][a-z-]+)\s+([a-z][a-z-]+)\s+{group}\b", question.lower())
    return m.group(1) if m and m.group(2) in NOT_TERMS and m.group(1) in terms else ""


def _kind_lacking(question: str, group: str, names: dict[Key, list[str]]) -> bool:
    """Whether the word before a group word names a kind no topic holds: "his school vision screening" with
    no vision test is not the depression screenings."""
    m = re.search(rf"\b([a-z][a-z-]+)\s+{group}\b", question.lower())
    kind = m.group(1) if m else ""
    return (len(kind) > 2 and kind not in NOT_TERMS and not re.fullmatch(r"(?:[a-z]+-)?specific|allergens?", kind)
            and not any(in_name(kind, name) for name in names.values()))  # "allergen-specific IgE": all of them


# Kinds of Observation a question can ask for as a whole (the topic text starts with the kind).
OBSERVATION_KINDS = {"lab test result": r"\b(labs?|lab ?work|blood ?work|blood tests?|lab results?|lab tests?)\b",
                     "vital sign measurement": r"\b(vitals|vital signs?)\b"}
# Procedures that are not operations, for questions about surgeries ("any surgeries?").
NOT_SURGERY = (r"\b(assessment|screening|reconciliation|education|counsel\w*|referral|evaluation|examination|"
               r"consultation|therapy|vaccination|administration|interview|review|monitoring|measurement|test\w*|"
               r"care|plan\w*|management|history|documentation|notification|report|imaging|x-ray|radiography|"
               r"ultrasonography|electrocardiogram|screen|scan|immunization|injection)\b")
SURGERY = r"\b(surger(?:y|ies)|surgical|operations?|operated|ops)\b"


# Words saying a kind of allergy, not an allergen ("food allergies": every allergy, of which the foods are kept later).
ALLERGY_KIND = r"foods?|food-related|dietary|environmental|seasonal|outdoor|airborne|drugs?|meds?|medications?|medicines?"


def whole_families(question: str, keys: list[Key], texts: dict[Key, str] | None = None) -> set[Key]:
    """Every topic of the families a question names when it names nothing narrower ("any operations
    on record?", "current meds", "vaccines in 2019": the window or status narrows later); when it does,
    their topics without a name, which no word can match (a device recorded with no type)."""
    named = families_named(question) - NOT_CLINICAL - {"Observation"}  # "blood", "score": too broad
    if "AllergyIntolerance" in named:  # "allergic to any medications?": the allergies, not the drugs
        named = {"AllergyIntolerance"}
    terms = [t for t in question_terms(question) if t not in VISIT_CLASSES]  # "procedures during the inpatient stay"
    kinds = [kind for kind, said in OBSERVATION_KINDS.items() if re.search(said, question.lower())]
    if kinds and not terms and texts is not None:  # "labs in 2019", "vitals at the last visit"
        return {k for k in keys if k[0] == "Observation" and texts[k].startswith(tuple(kinds))}
    if named and terms and re.search(ELSE, question.lower()):  # "allergic to penicillin? what else am i allergic to"
        return {k for k in keys if k[0] in named}
    if (named == {"AllergyIntolerance"} and terms and texts is not None and not re.search(ALLERGEN_NAMED, question.lower())
            and not re.search(ALLERGY_TESTS, question.lower())
            and re.search(r"\ballerg(?:ies|y\s+(?:list|history|records?))\b|\ballergic\s+to\s+any", question.lower())
            and named_nowhere(terms, keys, texts, named)
            and not any(re.search(rf"\b{t}\w*\s+allerg", question.lower()) for t in terms
                        if not re.fullmatch(ALLERGY_KIND, t))):  # not "a peanut allergy?", but "food allergies?"
        return {k for k in keys if k[0] in named}  # "any drug allergies before I hand out anything for headache?"
    if named and texts is not None and terms:
        return {k for k in keys if k[0] in named and not name_of(texts[k])}
    if not named or terms:
        return set()
    if named & MEDICATION_TYPES and parse(question).status is None:  # "medication history": in hospital too
        named |= MEDICATION_TYPES
    found = {k for k in keys if k[0] in named}
    if "ImagingStudy" in named and texts is not None:  # "imaging on file?": the X-ray recorded only as a procedure too
        studied = {tuple(name_of(texts[k])) for k in keys if k[0] == "ImagingStudy"}
        found |= {k for k in keys if k[0] == "Procedure"
                  and (re.search(IMAGING, texts[k].lower()) or tuple(name_of(texts[k])) in studied)}
    return found


def combine(scores: dict[Key, float], found: set[Key], sure: float = 0.95, only: set[str] | None = None,
            doubtful: set[str] = frozenset(), exclusive: set[str] = frozenset()) -> dict[Key, float]:
    """Scores with the lexical hits kept and, when there are hits (or in the `doubtful` families), the
    other topics kept only if the classifier is sure of them (a question naming "influenza" is not
    about varicella, "her last echo" not about her visits); with `only`, other families are dropped, and in
    the `exclusive` families (and `EXCLUSIVE`) a hit rules out the family's other topics."""
    families = ({k[0] for k in scores} if found else set()) | set(doubtful)
    exclusive = {k[0] for k in found} & (EXCLUSIVE | set(exclusive))
    out = {}
    for k, s in scores.items():
        if only is not None and k[0] not in only:
            out[k] = min(s, 0.49)
        elif k in found:
            out[k] = max(s, 0.75)
        elif k[0] in families and (0.5 <= s < sure or k[0] in STRICT | exclusive):
            out[k] = 0.49
        else:
            out[k] = s
    return out


ALLERGY_TESTS = r"\b(?:s?ige|igg|results?|levels?|tests?|testing|tested|workup|work-up|panel|skin prick)\b"


def only_families(question: str) -> set[str] | None:
    """The families an allergy question ("allergic to any meds?": allergies, not prescriptions) or a
    question about a drug class ("what was she taking for her blood pressure?": prescriptions, not
    readings) can be about, else None; None too when another question beside it names something else
    ("lipids off statin? last lipid panel vals?")."""
    asks = _clauses(question)
    each = [_only_families(c) for c in asks]
    if len(asks) > 1 and any(o is None and _asks(c) and (families_named(c) - NOT_CLINICAL - MEDICATION_TYPES
                                                        - {"Patient", "AllergyIntolerance"} or lay_words(c))
                             for o, c in zip(each, asks)):
        return None
    return _only_families(question)


def _clauses(question: str) -> list[str]:
    """The question's parts, each ending at a question mark: "lipids? is he on a statin"."""
    return [c for c in re.split(r"(?<=\?)\s+", question) if c.strip()]


def _asking(question: str) -> str:
    """The clauses of a question that ask, when some of them only tell; else the whole question."""
    asks = _clauses(question)
    asking = [c for c in asks if _asks(c)]
    return " ".join(asking) if len(asks) > 1 and asking else question


def _asks(clause: str) -> bool:
    """Whether a clause asks rather than tells: "last lipid panel vals?", not "had a PE last yr"."""
    return clause.rstrip().endswith("?") or bool(re.search(r"\b(?:what|which|when|how|any|list|trend\w*)\b", clause.lower()))


# A pharmacy asked for is an organization, which no drug order names: "what pharmacy does mom use?", "his preferred pharmacy".
PHARMACY_ASKED = r"\b(?:which|what|preferred|usual|regular|default|local|her|his|their|my)\s+(?:\w+\s+)?pharmacy\b(?!\s+(?:benefits?|claims?))"


def _only_families(question: str) -> set[str] | None:
    if re.search(PHARMACY_ASKED, question.lower()):
        return {"Organization"}
    if re.search(PLAN_ASKED, question.lower()) and "CarePlan" in families_named(question):
        return {"CarePlan"}  # "a care plan for her allergies": the plans, not the allergies
    if ("AllergyIntolerance" in families_named(without_class_names(question))  # "antibiotic allergies?": allergies
            and not re.search(ALLERGY_TESTS, question.lower())):  # "the egg IgE from her allergy workup": tests
        return {"AllergyIntolerance"} | ({"Condition"} if re.search(r"\ballergic\s+reactions?\b", question.lower()) else set())
        # "any acute allergic reactions?": the reactions diagnosed too
    if not class_words(question):
        return None
    # "still taking the allergy pill?": drugs; "what medicine for her pneumonia?": the pneumonia too (judgement call 8)
    diagnosis = re.search(r"\b(?:dx|diagnos[ie]s|diagnosed|onset)\b", question.lower())  # "HTN - dx date + antihypertensives?"
    return MEDICATION_TYPES | ({"Condition"} if topic_links.asks_which_drug(question) or diagnosis else set())


# Words for a class of visit, which the Encounter's class may record rather than its name ("inpatient encounter").
VISIT_CLASSES = {"inpatient", "outpatient", "ambulatory"}


# "allergic to peanuts?", "peanut on her allergy list?": an allergen is named
ALLERGEN_NAMED = (r"\ballergic\s+to\b([^?.;,-]*)|^\s*(?:is\s+|are\s+|any\s+)?((?:[\w-]+\s+){1,3}?)(?:on|in)\s+"
                  r"(?:her|his|my|their|your|the)\s+allerg(?:y|ies)(?:\s+list)?\b"
                  r"|\b(?:any|an?)\s+"
                  rf"(?!(?:{ALLERGY_KIND}|known|severe|other|new|reported|documented|listed)\s)([\w-]+)\s+allerg(?:y|ies)\b")
# ... "any egg allergy we should know about?" (not "any drug allergies?")


def absent(question: str, keys: list[Key], texts: dict[Key, str]) -> bool:
    """Whether the question names something by a lexicon word or drug name ("HPV vaccine", "statin", "methadone")
    whose record words no topic shares: the record likely has no such thing."""
    to = re.search(ALLERGEN_NAMED, question.lower())
    if to and only_families(question) == {"AllergyIntolerance"}:
        terms = question_terms(next(g for g in to.groups() if g is not None))  # "is my daughter allergic to peanuts?", "peanut on
        # her allergy list?" with no peanut allergy: no
        terms += [t[:-1] for t in terms if t.endswith("s")]
        if terms and named_nowhere(terms, keys, texts, {"AllergyIntolerance"}):
            return True
    said = [w for w in own_words(question) if w not in VISIT_CLASSES]  # "kidney" itself
    named = [w for phrase in lay_words(question) + class_words(question) for w in words(phrase)
             if w not in NOT_TERMS | VISIT_CLASSES] + [w for w in words(spelled(question)) if w in INGREDIENTS]
    families = families_named(question) - {"Patient"}  # "vaccinated against covid?": a covid vaccine, not the illness
    families |= {f for n in families for f in KIN.get(n, ())} | ({"Encounter"} if families else set())  # "at the ER"
    if said and not named_nowhere(said, keys, texts, families):  # "kidney problems" with CKD but no kidney labs
        return False
    return bool(named) and named_nowhere(named, keys, texts, families)


def named_nowhere(terms: list[str], keys: list[Key], texts: dict[Key, str], families: set[str] = frozenset()) -> bool:
    """Whether no clinical topic's name (of `families`, if any) holds any of the terms."""
    return not any(in_name(t, name_of(texts[k])) for k in keys if k[0] not in NOT_CLINICAL
                   and (not families or k[0] in families) for t in terms)


def without_lacking(question: str, keys: list[Key], texts: dict[Key, str]) -> str:
    """The (spelled) question without the word before each lexicon phrase whose record words no topic shares
    ("screening mammogram" with no mammogram: not the depression screenings), and only the clause naming it
    among the question's remarks."""
    q = spelled(question)
    for p in lay_phrases(question):
        said = [w for w in words(LAY[p]) if w not in NOT_TERMS]
        if said and named_nowhere(said, keys, texts):
            # "TB screening" with no TB test: not the depression screenings either
            phrase = rf"(?:[\w'-]+\s+)?((?<![a-z0-9]){re.escape(p)}(?:s|es)?(?![a-z0-9]))(?:\s+(?:{GROUPED})s?\b)?"
            # its clause and the other questions, not a remark ("last PSA? with his prostate history it should be trended")
            clauses = re.split(r"(?<=\?)\s+|\s+-+\s+", q)
            q = " ".join(c for c in clauses if re.search(phrase, c) or c.rstrip().endswith("?"))
            q = re.sub(phrase, r" \1", q)  # the phrase itself names no topic, but may name a family
    return q


# Another person's measurements: "how much did her baby weigh", "her newborn's apgar".
NOT_THEIRS = (r"(?:\b(?:her|his|their)\s+|^\W*)(?:baby|babies|baby's|babys|newborns?|newborn's|infants?|twins)\b"
              r"|\bmy\s+(?:baby|newborn)\b(?=.*\bwhen\s+i\s+(?:had|gave|delivered)\b)")  # "... when I had the c-section"

# Another person's illness: "does his dad have diabetes?", "did her mother ever have breast cancer?".
# ("User asks: when was their daughter diagnosed?": the user's child is the patient)
RELATIVE_HAS = (r"\b(?:does|did|has|had|is|was)\s+(?:(?:his|her|their|the patient's|pt's)\s+(?:mom|mum|mother|dad|father|"
                r"brother|sister|siblings?|parents?|grandma|grandpa|grandmother|grandfather|aunt|uncle|cousin)|"
                r"(?:his|her|the patient's|pt's)\s+(?:son|daughter))\s+(?:ever\s+)?(?:have|had|got|get|suffer|diagnosed)\b")


def set_aside(question: str, keys: list[Key], texts: dict[Key, str]) -> set[Key]:
    """Topics the question's words rule out whatever else names them: someone else's measurements ("how much
    did her baby weigh": not her weights), procedures that are no operation ("any surgeries?")."""
    q = question.lower()
    out = {k for k in keys if k[0] == "Observation"} if re.search(NOT_THEIRS, q) else set()
    if re.search(RELATIVE_HAS, q) or re.search(r"\b(?:fam(?:ily)?\.?\s+(?:hx|history)|fhx)\b", q):
        # "does his dad have diabetes?", "fam hx of CAD?": family history, which the record does not hold
        out |= set(keys)
    if "CareTeam" not in families_named(question):  # a team is listed for every condition: asked for, or not at all
        out |= {k for k in keys if k[0] == "CareTeam"}
    if re.search(SURGERY, q) and not re.search(r"\bprocedures?\b", q):  # "operations or procedures": all
        out |= {k for k in keys if k[0] == "Procedure" and re.search(NOT_SURGERY, texts[k].lower())}
    return out


def doubtful_families(question: str, keys: list[Key], texts: dict[Key, str], found: set[Key] = frozenset()) -> set[str]:
    """Families whose topics the classifier must be sure of: all of them when a yes/no question names
    something by words no topic shares and no family ("any falls?"); else the demographics, unless named."""
    named = families_named(question)
    terms = question_terms(question)
    s = parse(question)
    if not found and not named and terms and s.visit is None and (s.order == "exists" or not any(
            t[:4] == w[:4] for t in terms if len(t) >= 4 for k in keys for w in name_of(texts[k]))):
        return {k[0] for k in keys}  # "apgar scores?": no topic starts like any of its words
    return {"Patient"} - named
