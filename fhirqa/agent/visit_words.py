"""How questions name visits: the visit words, the kinds of visit (inpatient, emergency), coming in."""

VISIT = (r"(?:visit|appointment|appt|encounter|enc|checkup|check-up|check up|check|physical|exam(?:ination)?|admis?sion|"
         r"hospitali[sz]ation|stay|consultation|consult|trip|session|follow-up|followup|f/u|admit)s?(?![\w-])")
# Coming in, or something happening there: "when did she come in", "what was done".
CAME_IN = r"\b(happen\w*|done|come in|came in|seen|go in|went in|went to|go to|taken to|brought to|admitted)\b"
# The kinds of visit a question names by their words: inpatient ("the covid hospitalization"), emergency ("in the ER").
KINDS = {"IMP": r"hospital|hospitali[sz](?:ation|ed)|admis?sion|admits?|admitted|inpatient|stay|icu", "EMER": r"er|ed|a&e|emergency(?: room| department)?"}
KIND = "|".join(KINDS.values())
