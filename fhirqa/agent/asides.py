"""What a question says beside what it asks: what it dwells on or gives as examples ("active care plans? esp anything
comfort care related", "current meds (inhalers, antihistamines etc.)"), a story's asides in brackets, and whether it
asks about the present (so a time the story told does not bound it).
"""

from __future__ import annotations

import re

from ..topics import families_named

# A message this long around its question is a story: its sentences without a question mark only tell.
STORY_WORDS = 25


def is_story(question: str) -> bool:
    """Whether the message is long enough to be a story told around its question."""
    return len(question.split()) >= STORY_WORDS


# A reason given before the request: "Given the pattern of repeated emergency visits with opioid prescriptions, please
# forward any urine toxicology ..."
GIVEN = r"^\s*(?:given|considering|in light of|in view of)\s+(?:the|that|this|his|her|their|these|those)\b[^,?]{8,},\s*(?=\w)"


# A letter's greeting and its closing with the signature: "Dear Doctor, ...", "... Yours faithfully, Mrs. E. Bins".
GREETING = r"^\s*(?:dear|hello|hi|good (?:morning|afternoon|evening))\s+(?:dr\.?|doctor|doc|sir|madam|sir or madam|nurse|team|[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,2})\s*[,:!]\s+"
CLOSING = (r"(?<=[.?!])\s+(?:i remain,?\s+)?(?:(?:yours\s+)?(?:sincerely|faithfully|truly|respectfully)(?:\s+yours)?|"
           r"(?:with\s+)?(?:my\s+)?(?:(?:many\s+)?thanks\s+and\s+)?(?:kind(?:est)?|warm|best)\s+(?:regards|wishes)|regards|"
           r"with (?:my |many )?thanks|many thanks|thank you(?: (?:kindly|so much|in advance))?|gratefully|cordially)\s*[,.!]?"
           r"(?-i:\s+(?:(?:Mr|Mrs|Ms|Miss|Dr|Prof)\.?\s+)?(?:[A-Z]\.\s*)*[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,2})?\.?\s*$")


def unletter(question: str) -> str:
    """A letter's question without its greeting and closing ("Dear Doctor, ... Yours sincerely, Miss D. Smitham")."""
    return re.sub(CLOSING, "", re.sub(GREETING, "", question, flags=re.IGNORECASE), flags=re.IGNORECASE)


def without_asides(question: str) -> str:
    """The question without the reason it gives first, and a story without its long asides in brackets ("(stubborn as
    a mule, and I say it with love - 31 years married)")."""
    question = re.sub(GIVEN, "", question, flags=re.IGNORECASE)
    if not is_story(question) or "?" not in question:  # "Return every injury (sprains and fractures) ...": no story
        return question
    return re.sub(r"\s*\(([^()?]{20,})\)", lambda m: m.group(0) if families_named(m.group(1)) - {"Patient"} else "",
                  question)


# What a question dwells on or gives as examples within what it asks: "active care plans? esp anything comfort care
# related" and "current meds, incl. her BP pill" ask every plan and every current drug.
STRESS = (r"\s*[,;(-]?\s*\b(?:esp|esp\.|especially|particularly|in particular|incl|incl\.|including|e\.g\.|eg|such as)\s+"
          r"(?:[^?.;)]|\.(?=\w))*\)?|\s*\([^()]*\betc\b\.?\s*\)"  # "current meds (inhalers, antihistamines etc.)"
          r"|,?\s*(?:and\s+)?(?:is|are|was|were)\s+[^?,.;]{1,40}?\s+(?:one|among|part)\s+of\s+them\b")
# ... "What care plans are active for him right now, and is CBT one of them?": every active plan


def unstressed(clause: str) -> str:
    """The clause without what it dwells on, when the rest still names a kind of record other than diagnoses ("any
    HTN dx, incl pregnancy-related (PIH / preeclampsia)?" asks for those too)."""
    rest = re.sub(r"\s+([.,;?!])", r"\1", re.sub(STRESS, " ", clause, flags=re.IGNORECASE)).strip()
    return rest if rest != clause and families_named(rest) - {"Condition"} else clause


# A question about the present, whose answer no time told before it bounds: "Stephen got diagnosed with glaucoma at
# the end of 2024 ... Which eye drops is he actually supposed to be using?"
NOW_ASKED = (r"\b(?:is|are|am)\s+(?:he|she|they|i|you|the patient|pt)\s+(?:\w+\s+)?(?:supposed|taking|using|on)\b|"
             r"\b(?:currently|right now|these days|nowadays)\b")
