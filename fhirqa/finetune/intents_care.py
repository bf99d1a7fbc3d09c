"""Question bank, part 3: immunizations, procedures, imaging, encounters, care plans, devices, billing."""

from __future__ import annotations

from .intents import intent

INTENTS = [
    # -- immunizations ----------------------------------------------------------------------------------
    intent("vaccines_all", "immunizations", "vaccines", [
        "What vaccines has {he} had?", "List {his} immunizations.", "shots?", "Which jabs has {he} received?",
        "vaccination history", "What shots {has} {name} gotten?", "immunization record",
    ]),
    intent("flu_last", "immunizations", "flu_last", [
        "When was {his} last flu shot?", "last flu jab?", "Has {he} had a flu vaccine recently? When?",
        "most recent influenza vaccination", "date of {his} latest flu shot", "flu shot, when?",
    ]),
    intent("vaccine_count", "immunizations", "vaccine_count", [
        "How many {x} doses has {he} had?", "number of {x} doses?", "Count of {x} vaccinations",
        "How many times was {he} given the {x}?", "{x} doses so far?", "how many doses of the {x}",
    ]),
    intent("vaccine_when", "immunizations", "vaccine_when", [
        "When did {he} get the {x}?", "Date of {his} {x}?", "When was {his} last {x}?", "{x}: when?",
        "When was the most recent {x} given?", "last {x} date",
    ]),
    # -- procedures -------------------------------------------------------------------------------------
    intent("procedures_all", "procedures", "procedures", [
        "What procedures has {he} had?", "List {his} procedures.", "surgeries or procedures?", "procedure history",
        "Any operations or procedures on record?", "What has been done to {him} procedure-wise?",
    ]),
    intent("procedure_when", "procedures", "procedure_when", [
        "When did {he} have {x}?", "Date of {his} last {x}?", "When was {his} most recent {x}?", "{x}: when?",
        "Has {he} had {x}, and when?", "last {x}?",
    ]),
    # -- imaging ----------------------------------------------------------------------------------------
    intent("imaging_all", "imaging", "imaging", [
        "What imaging has {he} had?", "Any x-rays or scans?", "imaging studies?", "Has {he} had any scans?",
        "List {his} radiology studies.", "imaging history",
    ]),
    intent("imaging_latest", "imaging", "imaging", [
        "When was {his} last imaging study?", "most recent x-ray?", "latest scan?", "last imaging?",
        "What was the most recent scan of {name}?", "newest imaging result",
    ], order="latest"),
    # -- encounters -------------------------------------------------------------------------------------
    intent("last_visit", "encounters", "encounter_edge", [
        "When was {his} last visit?", "last appointment?", "When did {he} last see a doctor?",
        "most recent encounter", "When did {he} last come in?", "last visit date",
    ], order="latest"),
    intent("first_visit", "encounters", "encounter_edge", [
        "When was {his} first visit?", "first encounter in the record?", "When did {he} first come to the clinic?",
        "earliest visit", "first appointment date", "When does {his} record start?",
    ], order="first"),
    intent("visit_on_date", "encounters", "visit_on_date", [
        "What happened at {his} visit on {date}?", "What was done on {date}?", "Summarize the {date} encounter.",
        "{date} visit?", "Why did {he} come in on {date}, and what was done?",
        "What did the doctor do at the {date} appointment?",
    ]),
    intent("last_visit_details", "encounters", "visit_last", [
        "What happened at {his} last visit?", "What was done at the most recent appointment?", "last visit summary",
        "What did they find at {his} last check?", "Recap {his} latest encounter.", "latest visit: what happened?",
    ]),
    intent("visit_kind", "encounters", "encounter_kind", [
        "Has {he} had any {x}?", "List {his} {x}.", "{x}?", "When were {his} {x}?", "Any {x} in the record?",
        "How many {x} has {name} had?",
    ]),
    # -- care plans and devices -------------------------------------------------------------------------
    intent("careplans_active", "careplans", "careplans", [
        "What care plans {is} {he} on?", "active care plans?", "What is {his} current plan of care?",
        "Any ongoing care plans?", "What treatment plans are active?", "current care plan",
    ], state="active"),
    intent("careplans_all", "careplans", "careplans", [
        "List all of {his} care plans.", "care plan history", "What care plans has {he} had?", "all care plans?",
        "Which plans of care appear in {his} record?", "every care plan on file",
    ]),
    intent("devices", "devices", "devices", [
        "{does} {he} have any medical devices?", "implants?", "What devices are recorded?",
        "Any implanted devices?", "devices?", "Is there a device like a pacemaker or defibrillator?",
    ]),
    # -- billing ----------------------------------------------------------------------------------------
    intent("visit_cost", "billing", "billing", [
        "How much did the {date} visit cost?", "What was billed for {his} visit on {date}?",
        "cost of the {date} encounter?", "What was the claim total for {date}?", "{date} bill?",
    ]),
]
