"""The lexical step after the classifier: what the question's words name, link to or rule out.

Order matters: the topics words name (`topic_match.hits`), then those linked to them by reference
(a panel's results, the drugs or procedures for a condition), then the classifier's other picks kept
only where it is sure, and last the topics the question's words rule out.
"""

from __future__ import annotations

import re

from ..lexicon import names_medication
from ..topics import MEDICATION_TYPES, families_named
from . import topic_links, topic_match

Key = tuple[str, str, str]
# What a thing was for, with or when it was: "for the covid", "after the 1987 cardiac arrest", "when he had covid",
# "with covid", "over the covid stay", "from her cbcs", "while he was on opioids".
PURPOSE = (r"\b(?:(?:for|after|since|following|during|over|from|around|near)\s+(?:the|his|her|their|my|your|a|an)|"
           r"(?<!still )(?<!is )(?<!was )(?<!been )(?<!he )(?<!she )(?<!they )(?<!i )(?<!you )(?<!pt )on\s+the|with|w/|"
           r"while\s+(?:he|she|they|i|you)\s+(?:was|were)(?:\s+(?:on|in|at|taking))?|"
           r"when\s+(?:he|she|they|i|you)\s+(?:had|got|was))\s+[\w\s-]+?(?=\s*(?:[?.,;]|\s-+\s|$))")
# ... and without an article, to tell a lacking drug from its purpose only: "a trial of methadone for opioid use disorder".
FOR = r"\bfor(?!\s+(?:decades|years|months|weeks|days|ages|life|a while|long|now)\b)\s+\w+\s+[\w\s-]+?(?=\s*(?:[?.,;]|\s-+\s|$))"

# A drug the patient is on, told as context: "he's been on lisinopril for decades so I keep an eye on his potassium",
# "grandpa takes coumadin and verapamil for his afib. is he still on lanoxin too?"
ON_DRUG = (r"\b(?:(?:he|she|they|i|you)(?:'s|\s+is|\s+was|\s+has|\s+had|\s+have)\s+(?:been\s+)?on|takes|took)\s+"
           r"[\w\s-]+?(?=\s*(?:[?.,;]|\s-+\s|$)|\s+(?:so|but|because|since|and\s+(?:i|we|he|she|they))\b)")

# ... or in a clinician's note, before more is said: "last lithium level? pt on lithium carbonate, looks toxic"
# ("pt on anticoagulation?" asks).
ON_PT = r"\b(?:pt|patient)\s+(?:is\s+)?on\s+[\w\s-]+?(?=\s*[.,;])"

# The range a value is judged by: "a1c trend - still in the prediabetic range?" asks for the a1c.
RANGE = r"\bin\s+(?:the\s+|a\s+)?(?:[\w-]+\s+){0,2}range\b"


def adjust(question: str, scores: dict[Key, float], texts: dict[Key, str], groups: dict[Key, list[int]],
           resources: list, sims: dict[Key, float]) -> dict[Key, float]:
    """The classifier's topic scores with the lexical evidence of `question` applied."""
    keys = list(texts)
    # what a thing the record lacks was for does not stand in for it ("on a ventilator for the covid?")
    bare = question
    for told in (PURPOSE, ON_DRUG, ON_PT, RANGE):
        bare = re.sub(told, " ", bare, flags=re.IGNORECASE)
    lacking = bare != question and topic_match.absent(bare, keys, texts)
    without_for = re.sub(FOR, " ", bare, flags=re.IGNORECASE)
    if not lacking and without_for != bare and topic_match.absent(without_for, keys, texts):
        bare, lacking = without_for, True
    nothing = lacking or topic_match.absent(question, keys, texts)  # "last echo?" with no echo: only what a word names
    asked = bare if lacking else question
    if nothing:  # "screening mammogram" with no mammogram: nor what it qualifies
        asked = topic_match.without_lacking(asked, keys, texts)
    found = topic_match.hits(asked, keys, texts, sims)
    context, said = set(), question
    if bare != question and not lacking:  # "d-dimer trend over the covid stay": the d-dimers, not the covid tests
        narrow = topic_match.hits(bare, keys, texts, sims)
        context = {k for k in found - narrow if k[0] != "Encounter"}
        rivals = {k for k in context if k[0] in {n[0] for n in narrow}}  # "concussion with no loss of consciousness"
        if narrow and context and topic_match.named_nowhere(topic_match.question_terms(bare), list(rivals), texts):
            found, asked, said = narrow, bare, bare
        elif (not narrow and re.search(f"{ON_DRUG}|{ON_PT}", question, re.IGNORECASE) and topic_match.question_terms(bare)
              and families_named(bare) - MEDICATION_TYPES - {"Patient"}):
            # "last lithium level? pt on lithium carbonate": no level, and the drug does not stand in for one
            found, context = set(), set()
        else:  # one name, or a phrase naming nothing ("with dates")
            context = set()
    linked = topic_links.members(asked, found, groups, resources)
    found |= linked
    if linked and re.search(r"\bscores?\b", asked.lower()):  # "morse fall scale scores": the scores, not the panel
        found = {k for k in found if k[0] != "DiagnosticReport"}
    if re.search(r"\bscores\b", asked.lower()) and any(k[0] == "Observation" for k in found):
        found = {k for k in found if k[0] != "Procedure"}  # "PHQ-2 depression screening scores": not the screenings
    found = topic_links.purpose_dropped(asked, found)
    if topic_links.asks_which_drug(asked):  # "what medicine for the ear infection?": the infection too
        found |= {k for m in re.finditer(PURPOSE, asked, re.IGNORECASE)
                  for k in topic_match.hits(m.group(0), keys, texts, sims) if k[0] == "Condition"}
    found |= topic_links.treatments(asked, found, groups, resources)
    terms = topic_match.question_terms(asked)  # "last echo?" names all it asks: the classifier adds nothing
    covered = bool(found) and bool(terms) and all(
        any(topic_match.in_name(t, topic_match.name_of(texts[k])) for k in found) for t in terms
    ) and families_named(asked) - {"Patient"} <= {k[0] for k in found}  # "meds at the ER": the ER names no drug
    only = topic_match.only_families(said)
    if covered and only is None:  # "last echo?": the classifier may add to what the words found, nothing else
        only = {k[0] for k in found} | {"Medication"}
    scores = topic_match.combine(scores, found | topic_match.whole_families(said, keys, texts),
                                 sure=1.01 if nothing or covered else 0.95, only=only,
                                 doubtful={k[0] for k in keys} if nothing
                                 else topic_match.doubtful_families(said, keys, texts, found),
                                 exclusive=MEDICATION_TYPES if names_medication(asked) else frozenset())
    # "what antihistamine was she on?": the class's members, not the acetaminophen the classifier is sure of
    aside = topic_match.set_aside(question, keys, texts) | context  # "her baby's weight", screenings for "surgeries"
    return {k: min(v, 0.49) if k in aside else v for k, v in scores.items()}
