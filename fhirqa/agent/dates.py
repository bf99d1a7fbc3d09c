"""Time windows in questions: calendar dates and ranges, spans back from today, and the patient's age.

`find_window` gives inclusive [start, end] bounds (None is open-ended) and where the words that said so
sit in the question, so the rest can be read without them ("in the last 2 years" is not an order).
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from typing import Callable, NamedTuple

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS |= {m.lower(): i for i, m in enumerate(calendar.month_abbr) if m} | {"sept": 9}
MONTH = r"\b(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b\.?"
Y = r"(?:19|20)\d\d"
# A calendar point: a day, a month, a decade or a year; never a dose ("2000 mg").
POINT = (rf"(?:\b\d{{4}}-\d\d-\d\d\b|\b\d{{4}}-(?:0[1-9]|1[0-2])\b(?!-)|{MONTH}\s+(?:of\s+)?{Y}\b|\b(?:19|20)\d0s\b"
         rf"|\b{Y}\b(?!-\d\d-|\s*(?:mg|mcg|ml|units?|iu|g|kg|lbs?|mmol|mm)\b))")
P = f"({POINT})"
NUMBERS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve "
                                      "thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty".split())}
N = r"(\d{1,3}|" + "|".join(NUMBERS) + ")"
ORDINALS = {w: i for i, w in enumerate("zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh "
                                       "twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth "
                                       "nineteenth twentieth".split())}
# A birthday by number: "her 30th birthday", "his first birthday".
NTH = r"(?:(\d{1,3})(?:st|nd|rd|th)|(" + "|".join(w for w in ORDINALS if w != "zeroth") + r"))\s+birthday"
UNIT = r"(decade|year|month|week|day|yr|mo|wk)s?\b"  # "the last 5 yrs"
PRONOUN = r"(?:he|she|they|i|you|the patient)"
COMMENCING = r"(?:commencing|beginning|starting)(?:\s+on)?(?:\s+the)?"
POSS = r"(?:his|her|their|my|your|the patient's)"
DECADES = {"teens": 1, "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
           "eighties": 8, "nineties": 9}
# Stages of life as [from, to) ages; None is open-ended.
STAGES = {"baby": (0, 1), "infant": (0, 1), "infancy": (0, 1), "toddler": (1, 3), "child": (0, 18),
          "kid": (0, 18), "childhood": (0, 18), "youth": (0, 18), "teen": (13, 20), "teenager": (13, 20),
          "adolescent": (13, 20), "adolescence": (13, 20), "teens": (13, 20), "adult": (18, None),
          "adulthood": (18, None), "grown-up": (18, None), "grownup": (18, None)}

# Parts of a year as (first, last) months: "in summer 2017", "early 2019".
PARTS = {"spring": (3, 5), "summer": (6, 8), "fall": (9, 11), "autumn": (9, 11), "early": (1, 4), "mid": (5, 8),
         "middle": (5, 8), "late": (9, 12), "beginning": (1, 4), "end": (9, 12)}

STAGE = "|".join(STAGES)
PERIOD = "|".join(w for w in STAGES if w.endswith(("hood", "ncy", "ence")))  # "in childhood", no "her" needed

Bounds = tuple[date | None, date | None]


class Window(NamedTuple):
    """Inclusive YYYY-MM-DD bounds (None: open) and the (start, end) of the words that set them."""

    start: str | None
    end: str | None
    span: tuple[int, int]


def _num(text: str) -> int:
    return int(text) if text.isdigit() else NUMBERS[text] if text in NUMBERS else ORDINALS[text]


def shift(d: date, years: int = 0, months: int = 0) -> date:
    """The same day `years` and `months` later (earlier if negative), clamped to the month's end."""
    y, m = divmod(d.year * 12 + d.month - 1 + years * 12 + months, 12)
    return date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def _month(y: int, m: int) -> tuple[date, date]:
    return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])


def point(text: str) -> tuple[date, date]:
    """First and last day of a calendar point ("2019-03-02", "march 2019", "1990s", "2019")."""
    t = text.strip().rstrip(".")
    if re.fullmatch(r"\d{4}-\d\d-\d\d", t):
        d = date.fromisoformat(t)
        return d, d
    if t.endswith("s"):
        return date(int(t[:4]), 1, 1), date(int(t[:4]) + 9, 12, 31)
    if re.fullmatch(r"\d{4}-\d\d", t):
        return _month(int(t[:4]), int(t[5:]))
    m = re.fullmatch(r"([a-z]+)\.?\s+(?:of\s+)?(\d{4})", t)
    if m:
        return _month(int(m.group(2)), MONTHS[m.group(1)])
    return date(int(t), 1, 1), date(int(t), 12, 31)


def _span_days(m: re.Match, iso: Callable) -> str:
    first = iso(m.group(6), MONTHS[m.group(1).rstrip(".")], m.group(2))
    second = iso(m.group(6), MONTHS[(m.group(4) or m.group(1)).rstrip(".")], m.group(5))
    return f"{first}{m.group(3)}{second}" if first and second else m.group(0)


# Numbers said in words, for years: NUMBERS (zero to twenty) and the tens.
TENS = {w: 10 * i for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), 2)}
_U = "|".join(w for w, i in NUMBERS.items() if 1 <= i <= 9)
_T = "|".join(w for w, i in NUMBERS.items() if 10 <= i <= 19)
_X = "|".join(TENS)
_X30 = "|".join(w for w, i in TENS.items() if i >= 30)  # "back in ninety seven"; "in twenty" is no year
_TWO = rf"(?:(?:{_X})(?:[\s-](?:{_U}))?|{_T}|oh[\s-](?:{_U}))"  # "ninety seven", "sixteen", "oh five"


# What a number said before it counts, so it is no year: "in ninety days", "ninety over sixty".
_COUNTED = (r"(?:years?|yrs?|days?|months?|weeks?|hours?|hrs?|minutes?|mins?|seconds?|times?|percent|%|mg|mcg|kg|"
            r"lbs?|pounds?|units?|ml|cc|beats?|bpm|over)\b")


def _two(words: str) -> int:
    return sum((NUMBERS | TENS).get(w, 0) for w in re.split(r"[\s-]+", words))


def spoken_years(q: str) -> str:
    """The question with years said in words, as dictated, in digits: "twenty sixteen" 2016, "two thousand five"
    2005, "nineteen ninety seven" 1997, "back in ninety seven" 1997."""
    q = re.sub(rf"\b(nineteen|twenty)[\s-]({_TWO})\b",
               lambda m: str((19 if m.group(1) == "nineteen" else 20) * 100 + _two(m.group(2))), q)
    q = re.sub(rf"\btwo thousand(?:(?:\s+and)?\s+((?:{_X})(?:[\s-](?:{_U}))?|{_T}|{_U}))?\b",
               lambda m: str(2000 + (_two(m.group(1)) if m.group(1) else 0)), q)
    return re.sub(rf"\b(in|since|from|around|of|before|after|until)\s+'?((?:{_X30})"
                  rf"(?:[\s-](?:{_U}))?)\b(?!\s*{_COUNTED})", lambda m: f"{m.group(1)} {1900 + _two(m.group(2))}", q)


def iso_days(q: str) -> str:
    """The question with written-out days ("march 3rd 2019", "3 march 2019", "3/3/2019") as YYYY-MM-DD."""
    def iso(y: str, m: int | str, d: str) -> str | None:
        try:
            return date(int(y), int(m), int(d)).isoformat()
        except ValueError:
            return None

    # "nov 21 to nov 23 2020", "march 3-5 2019": the first day takes the year of the second
    q = re.sub(rf"({MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?(\s*(?:-|–|to|through|thru|until|till|and)\s*)"
               rf"(?:({MONTH})\s+)?(\d{{1,2}})(?:st|nd|rd|th)?,?\s+({Y})\b",
               lambda m: _span_days(m, iso), q)
    q = re.sub(r"(?<![/\d])(\d{1,2}/\d{1,2})(\s*(?:-|–|to|through|thru|until|till|and)\s*)(\d{1,2}/\d{1,2})/(\d\d(?:\d\d)?)\b(?!/)",
               r"\1/\4\2\3/\4", q)  # "between 9/3 and 9/11/21", "6/20-6/26/2012": the first day takes the year too
    rules = [(rf"({MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+({Y})\b",
              lambda m: iso(m.group(3), MONTHS[m.group(1).rstrip(".")], m.group(2))),
             (rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({MONTH}),?\s+({Y})\b",
              lambda m: iso(m.group(3), MONTHS[m.group(2).rstrip(".")], m.group(1))),
             (rf"\b({Y})/(\d{{1,2}})/(\d{{1,2}})\b", lambda m: iso(m.group(1), m.group(2), m.group(3))),
             (rf"\b(\d{{1,2}})/(\d{{1,2}})/({Y})\b",  # month first, unless it cannot be a month
              lambda m: iso(m.group(3), m.group(1), m.group(2)) or iso(m.group(3), m.group(2), m.group(1))),
             (r"\b(\d{1,2})/(\d{1,2})/(\d\d)\b(?!/)",  # "6/19/18": a two-digit year is this century's up to '49
              lambda m: iso(_century(m.group(3)), m.group(1), m.group(2)))]
    for pattern, fix in rules:
        q = re.sub(pattern, lambda m: fix(m) or m.group(0), q)
    q = re.sub(r"(?<![\w'])'(\d\d)\b(?!')", lambda m: _century(m.group(1)), q)  # "ankle sprain '93"
    return re.sub(rf"\b(0?[1-9]|1[0-2])/({Y})\b", lambda m: f"{m.group(2)}-{int(m.group(1)):02d}", q)  # "3/2019"


def day_first(question: str, days: set[str]) -> str:
    """The question with an ambiguous "03/06/2027" read day first ("3 June") when only that day is in the record:
    writers outside the US put the day first."""
    def read(m: re.Match) -> str:
        a, b, y = (int(g) for g in m.groups())
        try:
            us, other = date(y, a, b).isoformat(), date(y, b, a).isoformat()
        except ValueError:
            return m.group(0)
        return f"{b}/{a}/{y}" if us not in days and other in days else m.group(0)

    return re.sub(r"(?<![/\d])(\d{1,2})/(\d{1,2})/((?:19|20)\d\d)\b", read, question)


def _century(yy: str) -> str:
    return f"{20 if int(yy) < 50 else 19}{yy}"


def _calendar(today: date) -> list[tuple[str, Callable[[re.Match], Bounds]]]:
    lo = lambda m, i=1: point(m.group(i))[0]  # noqa: E731 - small readers of one match group
    hi = lambda m, i=1: point(m.group(i))[1]  # noqa: E731
    months = lambda m: (_month(int(m.group(3)), MONTHS[m.group(1).rstrip(".")])[0],  # noqa: E731 - "march to may 2019"
                        _month(int(m.group(3)), MONTHS[m.group(2).rstrip(".")])[1])
    onward = r"(?:on|onwards?|forwards?|and (?:later|after|since)|or later|to (?:now|date|(?:the )?present)|until now)"
    return [
        # "his next appointment", "any upcoming visits?": after the record's last day, where it holds nothing
        (r"\b(?:next|upcoming|future|scheduled|planned)\s+(?:\w+\s+)?(?:visits?|appointments?|appts?|check-?ups?|"
         r"physicals?|follow-?ups?)\b(?!.*\b(?:after|following)\b)|\b(?:visits?|appointments?|appts?)\s+(?:coming up|"
         r"scheduled|planned|booked)\b",
         lambda m: (today + timedelta(1), None)),
        (rf"\b(?:between|from)\s+({MONTH})\s+(?:and|to|through|thru|until|till|-)\s+({MONTH})\s+(?:of\s+)?({Y})\b", months),
        (rf"({MONTH})\s*(?:-|–|to|through|thru)\s*({MONTH})\s+(?:of\s+)?({Y})\b", months),  # "nov-dec 2020"
        (rf"\b(?:between|from)\s+(?:the\s+)?{P}\s+(?:and|to|until|till|-)\s+(?:now|today|(?:the\s+)?present)\b",
         lambda m: (lo(m), None)),
        (rf"\bbetween\s+(?:the\s+)?{P}\s+and\s+(?:the\s+)?{P}", lambda m: (lo(m), hi(m, 2))),
        # a legal request: "for the period commencing 2000-01-01 and ending on the date of the decedent's death"
        (rf"\b{COMMENCING}\s+{P}\s+(?:and\s+)?(?:ending|through|until|to)\s+(?:on\s+)?(?:the\s+)?{P}",
         lambda m: (lo(m), hi(m, 2))),
        (rf"\b(?:{COMMENCING}|from)\s+{P}\s+(?:and\s+)?(?:ending|through|until|to)\s+(?:on\s+)?(?:the\s+)?(?:date\s+of\s+)?"
         rf"(?:the\s+)?(?:decedent's\s+|{POSS}\s+)?(?:death|present|today|now|date)\b", lambda m: (lo(m), None)),
        (rf"\b(?:in|during)\s+(?:the\s+)?{P}\s+(?:and|or|&)\s+(?:in\s+)?{P}", lambda m: (lo(m), hi(m, 2))),
        (rf"{P}\s*(?:-|–|—|\bto\b|\bthrough\b|\bthru\b|\buntil\b|\btill\b)\s*{P}", lambda m: (lo(m), hi(m, 2))),
        (rf"\b(?:before|prior to|earlier than|preceding)\s+(?:the\s+)?{P}", lambda m: (None, lo(m) - timedelta(1))),
        # a FHIR search's date prefixes: "Observation?code=LDL&date=ge2024-01-01"
        (r"\b(?:date|authoredon|onset-date|period)\s*=\s*(ge|gt|sa|le|lt|eb)(\d{4}(?:-\d\d){0,2})\b",
         lambda m: {"ge": (lo(m, 2), None), "sa": (hi(m, 2) + timedelta(1), None), "gt": (hi(m, 2) + timedelta(1), None),
                    "le": (None, hi(m, 2)), "eb": (None, lo(m, 2) - timedelta(1)), "lt": (None, lo(m, 2) - timedelta(1))}[m.group(1)]),
        # "as of 2027-12-01" (a registry's word): the record up to that day
        (rf"\b(?:until|till|up to|up until|through|thru|by(?: the end of)?|as of|on or before|no later than|"
         rf"(?:(?<=active )|(?<=current )|(?<=open ))(?:at|by)\s+the\s+end\s+of(?:\s+(?:the\s+)?measurement\s+(?:year|period))?)"
         rf"\s+(?:the\s+)?{P}",
         lambda m: (None, hi(m))),
        (rf"\b(?<!on or )(?:after|later than|following)\s+(?:the\s+)?{P}", lambda m: (hi(m) + timedelta(1), None)),
        (rf"\b(?:since|starting(?:\s+in|\s+from)?|beginning(?:\s+in)?|commencing(?:\s+on)?|on or after)\s+(?:the\s+)?(?:(?:start|beginning)\s+of\s+)?{P}",
         lambda m: (lo(m), None)),
        (rf"\bfrom\s+(?:the\s+)?{P}\s+{onward}\b", lambda m: (lo(m), None)),
        (rf"{P}\s+(?:onwards?|forwards?|and (?:later|after|since)|or later)\b", lambda m: (lo(m), None)),
        (rf"\b(?:in|during|over|within|for|from)\s+(?:the\s+)?(?:record's\s+|chart's\s+)?"
         rf"(?:last|past|final|previous|preceding|most recent)\s+(?:{N}\s+)?{UNIT}",
         lambda m: _back(today, m)),
        # "in the 6 months before she died", "the year before his death", "the last 2 years of her life": the record's end
        (rf"\b(?:{N}\s+)?{UNIT}\s+(?:before|prior to|leading up to)\s+(?:{PRONOUN}\s+(?:died|passed)|{POSS}\s+death)\b"
         rf"|\b(?:last|final)\s+(?:{N}\s+)?{UNIT}\s+of\s+{POSS}\s+life\b", lambda m: _back(today, m)),
        # "within 12 months of the most recent encounter", "in the 24 months before the last recorded date": the
        # record's last day stands for its last visit
        (rf"\b(?:within|in|during)\s+(?:the\s+)?{N}\s+{UNIT}\s+(?:of|before|prior to|preceding|leading up to)\s+"
         rf"(?:the\s+|{POSS}\s+)?(?:most recent|last|latest|final)\s+(?:encounter|visit|appointment|appt|"
         rf"(?:recorded\s+|documented\s+)?(?:date|entry)(?:\s+(?:in|on)\s+(?:the|{POSS})\s+(?:record|chart))?)\b",
         lambda m: _back(today, m)),
        (rf"\b(?:the\s+)?(?:last|past|previous)\s+{N}\s+{UNIT}"
         rf"|\bpast\s+()(decade|year|month|week)\b", lambda m: _back(today, m)),
        (r"\blast year\b", lambda m: (date(today.year - 1, 1, 1), date(today.year - 1, 12, 31))),
        (r"\bthis year\b", lambda m: (date(today.year, 1, 1), today)),
        (r"\blast month\b", lambda m: _month(shift(today, months=-1).year, shift(today, months=-1).month)),
        (r"\bthis month\b", lambda m: (today.replace(day=1), today)),
        (rf"\b({'|'.join(PARTS)})[\s-]+(?:of\s+)?({Y})\b", lambda m: _part(int(m.group(2)), m.group(1))),
        (P, lambda m: point(m.group(1))),
        # "at the colonoscopy appointment back in may", "labs from last june": the latest such month
        (rf"\b(?:back\s+in|in|during|last|this\s+past|from)\s+({MONTH})\b(?!\s*[-/]?\s*\d)(?!\s+be\b)",
         lambda m: _latest_month(today, MONTHS[m.group(1).rstrip(".")])),
    ]


def _latest_month(today: date, month: int) -> Bounds:
    """The last such month up to `today`: "back in may" said in September 2027 is May 2027."""
    return _month(today.year if month <= today.month else today.year - 1, month)


def _part(year: int, part: str) -> Bounds:
    """"summer 2017", "early 2019": those months of the year."""
    a, b = PARTS[part]
    return _month(year, a)[0], _month(year, b)[1]


def _back(today: date, m: re.Match) -> Bounds:
    """The last n years/months/weeks/days up to `today`."""
    groups = [g for g in m.groups() if g is not None]
    n, unit = (_num(groups[0]) if len(groups) > 1 and groups[0] else 1), groups[-1]
    unit = {"yr": "year", "mo": "month", "wk": "week"}.get(unit, unit)
    if unit in ("year", "decade"):
        return shift(today, years=-n * (10 if unit == "decade" else 1)) + timedelta(1), today
    if unit == "month":
        return shift(today, months=-n) + timedelta(1), today
    return today - timedelta(days=(7 if unit == "week" else 1) * n - 1), today


def _age(birth: date) -> list[tuple[str, Callable[[re.Match], Bounds]]]:
    at = lambda m, i=1, extra=0: shift(birth, years=_num(m.group(i)) + extra)  # noqa: E731 - birthday N
    last = lambda m: max(i for i, g in enumerate(m.groups(), 1) if g is not None)  # noqa: E731 - the number said
    turned = rf"(?:{PRONOUN}\s+(?:was|were|became|got to)|(?:the\s+)?\w+\s+(?:turned|turns|reached|hit)|turning)\s+{N}"
    return [
        (rf"\b(?:between\s+(?:the\s+)?ages?|from\s+(?:the\s+)?ages?|ages)\s+(?:of\s+)?{N}\s+"
         rf"(?:and|to|-|through)\s+{N}\b",
         lambda m: (at(m), at(m, 2, 1) - timedelta(1))),
        (rf"\b(?:before|prior to|under|until|till|up to|by)\s+(?:the\s+)?age\s+(?:of\s+)?{N}\b"
         rf"|\b(?:before|until|till)\s+(?:{POSS}\s+|the\s+(?:\w+'s\s+)?)?{NTH}"
         rf"|\b(?:before|until|till)\s+{turned}\b", lambda m: (None, at(m, last(m)) - timedelta(1))),
        (rf"\b(?:after|since|from|over|past|older than)\s+(?:the\s+)?age\s+(?:of\s+)?{N}\b"
         rf"|\bage\s+{N}\s+(?:and|or)\s+(?:up|older|over|above|later)\b"
         rf"|\b(?:after|since|from|on)\s+(?:{POSS}\s+)?{NTH}"
         rf"|\b(?:after|since|once)\s+{turned}\b", lambda m: (at(m, last(m)), None)),
        (rf"\b(?:at|around|about|circa)\s+(?:the\s+)?age\s+(?:of\s+)?{N}\b|\baged\s+{N}\b|\bat\s+{N}\s+years?\s+(?:old|of age)\b"
         rf"|\b(?:when|while)\s+{PRONOUN}\s+(?:was|were)\s+{N}\b",
         lambda m: (at(m, m.lastindex), at(m, m.lastindex, 1) - timedelta(1))),
        (rf"\b(?:in|during|from|throughout|over|through)\s+{POSS}\s+(?:(?:early|late|mid)[\s-]?)?(?:([1-9])0s|({'|'.join(DECADES)}))",
         lambda m: _decade(birth, int(m.group(1)) if m.group(1) else DECADES[m.group(2)])),
        (rf"\b(?:in|during)\s+(?:{POSS}|the)\s+first\s+(?:{N}\s+)?years?\b(?:\s+of\s+life)?",
         lambda m: (birth, shift(birth, years=_num(m.group(1)) if m.group(1) else 1) - timedelta(1))),
        (rf"\bas an?\s+(?:little\s+|small\s+|young\s+)?({STAGE})\b|\b(?:in|during|from|throughout|through|over)\s+(?:{POSS}\s+({STAGE})|({PERIOD}))\b"
         rf"|\b(?:when|while)\s+{PRONOUN}\s+(?:was|were)\s+(?:an?\s+|little\s+|small\s+)?({STAGE})\b",
         lambda m: _stage(birth, next(g for g in m.groups() if g))),
    ]


def _decade(birth: date, tens: int) -> Bounds:
    """"in her 30s": from the 30th to the day before the 40th birthday; "teens" are 13 to 19."""
    start = 13 if tens == 1 else tens * 10
    return shift(birth, years=start), shift(birth, years=tens * 10 + 10) - timedelta(1)


def _stage(birth: date, word: str) -> Bounds:
    a, b = STAGES[word]
    return shift(birth, years=a), (shift(birth, years=b) - timedelta(1) if b else None)


def find_window(q: str, birth: date | None, today: date) -> Window | None:
    """The first time window the (lower-case) question states, age-based ones only when `birth` is known."""
    rules = (_age(birth) if birth else []) + _calendar(today)
    for pattern, bounds in rules:
        m = re.search(pattern, q)
        if not m:
            continue
        try:
            lo, hi = bounds(m)
        except (ValueError, OverflowError):  # "2019-13-45", age 300
            continue
        return Window(lo.isoformat() if lo else None, hi.isoformat() if hi else None, m.span())
    return None
