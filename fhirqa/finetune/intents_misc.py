"""Question bank, part 4: counts, yes/no, explicit time windows, and questions the record cannot answer."""

from __future__ import annotations

from .intents import intent

INTENTS = [
    # -- counts -----------------------------------------------------------------------------------------
    intent("count_visits", "counts", "count_visits", [
        "How many visits has {he} had?", "number of encounters?", "How many times has {he} been seen?",
        "visit count", "How many appointments are in {his} record?", "# of visits",
    ]),
    intent("count_lab", "counts", "obs_count", [
        "How many times has {his} {x} been checked?", "How many {x} results are there?",
        "number of {x} measurements?", "{x} count", "How often was {his} {x} measured?",
        "how many {x} readings on file",
    ]),
    intent("count_active_meds", "counts", "count_active_meds", [
        "How many medications {is} {he} on?", "number of current meds?", "How many active prescriptions?",
        "med count", "How many drugs {does} {he} take right now?", "how many meds now",
    ]),
    intent("count_vaccines", "counts", "count_vaccines", [
        "How many vaccines has {he} received in total?", "total shots?", "number of immunizations",
        "How many jabs in total?", "vaccine count", "How many immunizations {does} {name} have?",
    ]),
    intent("count_procedure", "counts", "procedure_count", [
        "How many times has {he} had {x}?", "number of {x}?", "{x} count", "How often has {he} had {x}?",
        "how many {x} procedures", "Count {his} {x}.",
    ]),
    intent("count_conditions", "counts", "count_conditions", [
        "How many active conditions {does} {he} have?", "number of active problems?", "active dx count",
        "How many ongoing diagnoses?", "How many conditions is {he} currently living with?",
    ]),
    # -- yes / no ---------------------------------------------------------------------------------------
    intent("has_condition", "yesno", "condition_yes_no", [
        "{does} {he} have {x}?", "Has {he} been diagnosed with {x}?", "{x}?", "Any {x}?",
        "Is there a diagnosis of {x}?", "{does} {name} suffer from {x}?", "any hx of {x}",
    ]),
    intent("on_med", "yesno", "med_yes_no", [
        "Is {he} taking {x}?", "on {x}?", "{does} {he} take {x}?", "Is {x} one of {his} meds?",
        "Has {he} been prescribed {x}?", "still on {x}?",
    ]),
    intent("allergic_to", "yesno", "allergy_yes_no", [
        "Is {he} allergic to {x}?", "{x} allergy?", "Any allergy to {x}?", "Can {he} have {x}, or is {he} allergic?",
        "{does} {he} react to {x}?", "allergic to {x}?",
    ]),
    intent("had_vaccine", "yesno", "vaccine_yes_no", [
        "Has {he} had the {x}?", "Did {he} get the {x}?", "{x} done?", "Has {he} received the {x}?",
        "Any {x} on record?", "{x}: yes or no?",
    ]),
    # -- explicit windows -------------------------------------------------------------------------------
    intent("window_records", "window", "window_list", [
        "Show me {his} {x} {window}.", "Which {x} are there {window}?", "List {his} {x} {window}.",
        "{x} {window}?", "What {x} did {he} have {window}?", "Any {x} {window}?",
    ]),
    intent("window_labs", "window", "obs_window", [
        "What were {his} {x} results {window}?", "{x} {window}?", "How was {his} {x} {window}?",
        "List {his} {x} values {window}.", "Show {x} readings {window}.", "What did {his} {x} look like {window}?",
    ]),
    # -- what the record cannot answer ------------------------------------------------------------------
    intent("missing_lab", "unanswerable", "absent_lab", [
        "What was {his} last {x}?", "{x}?", "latest {x} result", "What is {his} most recent {x}?",
        "Show me {his} latest {x}.", "current {x} level?",
    ]),
    intent("missing_condition", "unanswerable", "absent_condition", [
        "When was {he} diagnosed with {x}?", "When did {his} {x} start?", "Date of {x} diagnosis?",
        "Since when has {he} had {x}?", "{x} onset?", "When was the {x} first found?",
    ]),
    intent("missing_med", "unanswerable", "absent_med", [
        "What dose of {x} {is} {he} on?", "{x} dosage?", "How much {x} {does} {he} take?",
        "What's {his} current {x} prescription?", "latest {x} order?", "{x} instructions?",
    ]),
    intent("missing_test", "unanswerable", "absent_test", [
        "What did {his} last {x} show?", "When was {his} most recent {x}?", "{x} results?",
        "Latest {x}?", "Results of {his} most recent {x}?", "last {x}",
    ]),
    intent("missing_personal", "unanswerable", "absent_personal", [
        "What is {his} {x}?", "{x}?", "Does the record list {his} {x}?", "Tell me {his} {x}.",
        "Look up {his} {x}.", "What {x} is recorded for {name}?",
    ]),
]
