"""Question bank, part 2: labs and vital signs."""

from __future__ import annotations

from .intents import intent

INTENTS = [
    # -- labs -------------------------------------------------------------------------------------------
    intent("lab_latest", "labs", "obs_latest", [
        "What was {his} most recent {x}?", "latest {x}?", "{x}?", "What's {his} current {x} level?",
        "Last {x} result", "How was {his} {x} the last time it was checked?", "most recent {x} value",
    ], kind="lab"),
    intent("lab_first", "labs", "obs_first", [
        "What was {his} first {x}?", "earliest {x} result?", "When was {his} {x} first measured, and what was it?",
        "initial {x}", "first recorded {x} value", "What did {his} very first {x} show?",
    ], kind="lab"),
    intent("lab_trend", "labs", "obs_trend", [
        "How has {his} {x} changed over time?", "{x} trend?", "Is {his} {x} going up or down?",
        "Show the history of {his} {x}.", "{x} over the years", "Has {his} {x} improved?",
    ], kind="lab"),
    intent("lab_on_date", "labs", "obs_on_date", [
        "What was {his} {x} on {date}?", "{x} on {date}?", "What did the {x} show on {date}?",
        "Result of the {date} {x}", "{date} {x} value", "{his} {x} from {date}?",
    ], kind="lab"),
    intent("lab_out_of_range", "labs", "obs_range", [
        "Has {his} {x} ever been abnormal?", "Any out-of-range {x} results?", "Was {his} {x} ever high or low?",
        "abnormal {x}?", "Is {his} {x} normal?", "Any bad {x} numbers?", "{x} ever flagged?",
    ], kind="lab"),
    intent("lab_highest", "labs", "obs_extreme", [
        "What was {his} highest {x}?", "max {x}?", "peak {x} value", "highest recorded {x}",
        "When was {his} {x} at its highest?", "worst (highest) {x} on record",
    ], kind="lab"),
    intent("lab_panel", "labs", "panel", [
        "What were {his} latest {x}?", "latest {x}?", "Show me {his} most recent {x}.",
        "How did {his} last {x} look?", "most recent {x}", "{x}: latest values?",
    ]),
    # -- vitals -----------------------------------------------------------------------------------------
    intent("vital_latest", "vitals", "obs_latest", [
        "What was {his} last {x}?", "latest {x}", "{x}?", "What was {his} {x} at the last check?",
        "current {x}", "most recent {x} reading", "What's {name}'s {x} now?",
    ], kind="vital"),
    intent("vital_first", "vitals", "obs_first", [
        "What was {his} first recorded {x}?", "earliest {x}?", "initial {x} reading",
        "What was {his} {x} at the first measurement?", "first {x} on file", "{x} when first measured",
    ], kind="vital"),
    intent("vital_trend", "vitals", "obs_trend", [
        "How has {his} {x} changed?", "{x} trend?", "Is {his} {x} going up?", "{x} over time",
        "Track {his} {x} across visits.", "Has {his} {x} gone down over the years?",
    ], kind="vital"),
    intent("vital_on_date", "vitals", "obs_on_date", [
        "What was {his} {x} on {date}?", "{x} on {date}?", "{x} reading from {date}",
        "How much was {his} {x} at the {date} visit?", "{date} {x}?", "What {x} was measured on {date}?",
    ], kind="vital"),
    intent("vital_out_of_range", "vitals", "obs_range", [
        "Has {his} {x} ever been out of range?", "Any abnormal {x} readings?", "Was {his} {x} ever too high or low?",
        "abnormal {x}?", "Is {his} {x} normal?", "{x} ever high?",
    ], kind="vital"),
    intent("vital_highest", "vitals", "obs_extreme", [
        "What was {his} highest {x}?", "max {x}?", "peak {x} reading", "highest {x} on record",
        "When was {his} {x} highest?", "top {x} value",
    ], kind="vital"),
    intent("smoking", "yesno", "smoking", [
        "{does} {he} smoke?", "smoker?", "Is {he} a smoker?", "tobacco use?", "What is {his} smoking status?",
        "{does} {name} use cigarettes?", "Is {he} a current smoker?",
    ]),
]
