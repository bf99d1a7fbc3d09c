"""Question bank, part 1: demographics, conditions, medications and allergies."""

from __future__ import annotations

from .intents import intent

INTENTS = [
    # -- demographics -----------------------------------------------------------------------------------
    intent("age", "demographics", "demographics", [
        "How old {is} {he}?", "What is {his} age?", "age?", "How old is {name}?", "{name}'s age",
        "What age {is} the patient?", "how old {is} {he} now", "Patient age?",
    ], field="age"),
    intent("birth_date", "demographics", "demographics", [
        "When was {he} born?", "What is {his} date of birth?", "DOB?", "When is {name}'s birthday?",
        "What's the patient's birth date?", "birth date", "dob of pt",
    ], field="birth"),
    intent("gender", "demographics", "demographics", [
        "What is the patient's gender?", "Is the patient male or female?", "sex?",
        "What sex is {name} recorded as?", "gender of the patient", "Recorded gender?",
    ], field="gender"),
    intent("name", "demographics", "demographics", [
        "What is the patient's full name?", "Who is this patient?", "name?", "full name of the pt",
        "What name is on this record?", "Whose record is this?",
    ], field="name"),
    intent("language", "demographics", "demographics", [
        "What language {does} {he} speak?", "preferred language?", "What is {his} primary language?",
        "Which language {is} {he} most comfortable in?", "language", "Does {he} need an interpreter, what language?",
    ], field="language"),
    intent("marital_status", "demographics", "demographics", [
        "Is {he} married?", "What is {his} marital status?", "marital status?", "Is {name} single or married?",
        "Does {he} have a spouse?", "married?",
    ], field="marital"),
    intent("residence", "demographics", "demographics", [
        "Where {does} {he} live?", "What city {is} {he} from?", "home town?", "Where is {name} living?",
        "What town and state {does} {he} live in?", "location of the patient",
    ], field="residence"),
    intent("deceased", "demographics", "demographics", [
        "Is {he} still alive?", "Has {he} died?", "deceased?", "Is {name} living?", "When did {he} die?",
        "date of death?", "Is the patient deceased?",
    ], field="deceased"),
    intent("race_ethnicity", "demographics", "demographics", [
        "What is {his} race?", "ethnicity?", "What race and ethnicity {is} {he} recorded as?",
        "Is {he} Hispanic?", "race/ethnicity of {name}", "Recorded ethnic background?",
    ], field="race"),
    # -- conditions -------------------------------------------------------------------------------------
    intent("active_conditions", "conditions", "conditions", [
        "What conditions {does} {he} currently have?", "What are {his} active problems?", "active dx?",
        "What health problems {is} {he} dealing with right now?", "current diagnoses", "active problem list",
        "What is {he} being treated for at the moment?", "Which of {his} conditions are still ongoing?",
    ], state="active"),
    intent("resolved_conditions", "conditions", "conditions", [
        "What conditions has {he} recovered from?", "Which of {his} problems are resolved?", "resolved conditions?",
        "What past illnesses cleared up?", "What health issues did {he} have that are now gone?",
        "Which diagnoses are no longer active?", "resolved dx",
    ], state="resolved"),
    intent("all_conditions", "conditions", "conditions", [
        "List all of {his} diagnoses.", "What conditions has {he} ever had?", "full problem list",
        "medical history?", "What illnesses are in {his} record?", "all dx", "Give me {his} whole problem list.",
    ]),
    intent("condition_onset", "conditions", "condition_onset", [
        "When was {he} diagnosed with {x}?", "When did {his} {x} start?", "{x} onset date?",
        "Since when {has} {he} had {x}?", "date of {x} diagnosis", "When was {x} first noted?",
        "when did the {x} begin",
    ]),
    intent("condition_ever", "conditions", "condition_ever", [
        "Has {he} ever had {x}?", "Any history of {x}?", "hx of {x}?", "Did {name} ever have {x}?",
        "{x} in the past?", "Was {he} ever diagnosed with {x}?",
    ]),
    intent("condition_status", "conditions", "condition_status", [
        "Is {his} {x} still active?", "Has {his} {x} resolved?", "{x}: current or resolved?",
        "{does} {he} still have {x}?", "Is the {x} cleared up now?", "status of {his} {x}?",
    ]),
    # -- medications ------------------------------------------------------------------------------------
    intent("active_meds", "medications", "medications", [
        "What medications {is} {he} on?", "What meds {is} {he} taking now?", "current meds?",
        "active prescriptions", "What pills {does} {he} take?", "List {his} current medications.", "med list",
        "What drugs {is} {name} currently prescribed?",
    ], state="active"),
    intent("stopped_meds", "medications", "medications", [
        "What medications has {he} stopped?", "Which meds were discontinued?", "stopped meds?",
        "What did {he} used to take?", "past medications that are no longer active", "Which prescriptions have ended?",
        "discontinued drugs",
    ], state="stopped"),
    intent("all_meds", "medications", "medications", [
        "What medications has {he} ever been prescribed?", "full medication history", "all meds ever",
        "Which drugs appear in {his} record?", "List every medicine {he} has had.", "med history?",
    ]),
    intent("med_start", "medications", "med_start", [
        "When did {he} start {x}?", "When was {x} first prescribed?", "start date for {x}?",
        "How long has {he} been on {x}?", "first {x} prescription?", "since when {is} {he} taking {x}",
    ]),
    intent("med_dosage", "medications", "med_dosage", [
        "What dose of {x} {is} {he} on?", "{x} dosage?", "How much {x} {does} {he} take?",
        "How often {does} {he} take {x}?", "What are the instructions for {his} {x}?", "{x} dose",
    ]),
    intent("med_class", "medications", "med_class", [
        "Is {he} on any {x}?", "{does} {he} take any {x}?", "{x}?", "Any {x} prescribed?",
        "Has {he} ever been given any {x}?", "Is {name} taking any {x}?", "on {x}?",
    ]),
    # -- allergies --------------------------------------------------------------------------------------
    intent("allergy_list", "allergies", "allergies", [
        "What is {he} allergic to?", "Any allergies?", "allergies?", "List {his} allergies.",
        "{does} {he} have any drug or food allergies?", "allergy list", "What allergies does {name} have?",
    ]),
    intent("allergy_reaction", "allergies", "allergy_reaction", [
        "What reaction {does} {he} have to {x}?", "How bad is {his} {x} allergy?", "{x} allergy reaction?",
        "What symptoms {does} {x} cause {him}?", "How severe is the {x} allergy?", "what happens if {he} gets {x}",
    ]),
    intent("drug_allergies", "allergies", "allergies", [
        "Is {he} allergic to any medications?", "drug allergies?", "Any medicine allergies?",
        "Are there drugs {he} can't take because of allergy?", "med allergies", "NKDA?",
    ], allergy_type="medication"),
]
