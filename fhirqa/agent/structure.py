"""Reads the structure of a question once: time window, order (latest/first/count/all), status, visit.

Code is better than a 22M-parameter model at dates, so relevance applies this structure with exact
date and reference logic after the topic classifier has picked what the question is about.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS |= {m.lower(): i for i, m in enumerate(calendar.month_abbr) if m}
MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
         "nine": 9, "ten": 10, "a": 1, "an": 1, "last": 1, "past": 1}


@dataclass
class Structure:
    """What a question asks beyond its topic; dates are inclusive YYYY-MM-DD strings."""

    start: str | None = None
    end: str | None = None
    order: str = "all"            # latest | first | count | exists | all
    status: str | None = None     # active | inactive
    visit: str | None = None      # latest | first | YYYY-MM-DD (the visit the question is about)
    follow_up: str | None = None  # before | after | same (relative to the previous answer)
    notes: list[str] = field(default_factory=list)

    @property
    def window(self) -> tuple[str, str] | None:
        if self.start or self.end:
            return (self.start or "0000-01-01", self.end or "9999-12-31")
        return None

    def contains(self, day: str) -> bool:
        """Whether a YYYY-MM-DD day falls in the window (always true without one)."""
        if not self.window:
            return True
        if not day:
            return False
        lo, hi = self.window
        return lo <= day[:10] <= hi


def _month_end(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}-{calendar.monthrange(y, m)[1]:02d}"


def _shift_years(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def _window(q: str, birth: date | None, today: date) -> tuple[str | None, str | None]:
    y = r"(19\d\d|20\d\d)"
    iso = re.search(r"\b(\d{4})-(\d{2})-(\d{2})\b", q)
    if iso:
        d = iso.group(0)
        if re.search(r"\b(before|prior to|until)\s+" + re.escape(d), q):
            return None, (date.fromisoformat(d) - timedelta(days=1)).isoformat()
        if re.search(r"\b(after|since|from)\s+" + re.escape(d), q):
            return d, None
        return d, d
    m = re.search(rf"\bbetween\s+(?:({MONTH_RE})\w*\s+)?{y}?\s*(?:and|to|-)\s+(?:({MONTH_RE})\w*\s+)?{y}", q)
    if m and (m.group(2) or m.group(4)):
        m1, y1, m2, y2 = m.group(1), m.group(2) or m.group(4), m.group(3), m.group(4)
        start = f"{int(y1):04d}-{MONTHS[m1]:02d}-01" if m1 else f"{y1}-01-01"
        end = _month_end(int(y2), MONTHS[m2]) if m2 else f"{y2}-12-31"
        return start, end
    m = re.search(rf"\b(?:from|between)\s+({MONTH_RE})\w*\s+(?:to|and|until|-)\s+({MONTH_RE})\w*,?\s+{y}", q)
    if m:
        yr = int(m.group(3))
        return f"{yr}-{MONTHS[m.group(1)]:02d}-01", _month_end(yr, MONTHS[m.group(2)])
    m = re.search(rf"\b(before|prior to|until|after|since|from)\s+(?:({MONTH_RE})\w*\s+)?{y}", q)
    if m:
        word, mon, yr = m.group(1), m.group(2), int(m.group(3))
        if word in ("before", "prior to"):
            return None, (date(yr, MONTHS[mon], 1) - timedelta(days=1)).isoformat() if mon else f"{yr - 1}-12-31"
        if word == "until":
            return None, _month_end(yr, MONTHS[mon]) if mon else f"{yr}-12-31"
        return (f"{yr}-{MONTHS[mon]:02d}-01" if mon else f"{yr}-01-01"), None
    m = re.search(rf"\b({MONTH_RE})\w*,?\s+{y}", q)
    if m:
        yr, mo = int(m.group(2)), MONTHS[m.group(1)]
        return f"{yr}-{mo:02d}-01", _month_end(yr, mo)
    m = re.search(rf"\b{y}\b", q)
    if m and not re.search(r"\b(19|20)\d\d\s*(?:-|to|and)\s*(19|20)\d\d", q):
        return f"{m.group(1)}-01-01", f"{m.group(1)}-12-31"
    m = re.search(r"\b(?:in|during|over|within)\s+the\s+(?:last|past)\s+(\w+)\s+(year|month|week|day)s?\b", q) \
        or re.search(r"\b(?:in|during|over|within)\s+the\s+(?:last|past)\s+()(year|month|week|day)\b", q) \
        or re.search(r"\b()(?:last|past)\s+(year|month)\b(?!\s+(?:visit|appointment|checkup|encounter))", q) and None
    if m:
        n = int(m.group(1)) if m.group(1).isdigit() else WORDS.get(m.group(1) or "a", 1)
        days = {"year": 365, "month": 31, "week": 7, "day": 1}[m.group(2)] * n
        return (today - timedelta(days=days)).isoformat(), today.isoformat()
    if re.search(r"\blast year\b", q):
        return f"{today.year - 1}-01-01", f"{today.year - 1}-12-31"
    if re.search(r"\bthis year\b", q):
        return f"{today.year}-01-01", today.isoformat()
    if birth:
        m = re.search(r"\b(before|after|until|since)\s+(?:(?:his|her|their|the patient's|my)\s+)?(\d+)(?:st|nd|rd|th)\s+birthday", q)
        if m:
            at = _shift_years(birth, int(m.group(2)))
            if m.group(1) in ("before", "until"):
                return None, (at - timedelta(days=1)).isoformat()
            return at.isoformat(), None
        m = re.search(r"\b(?:when|while)\s+(?:he|she|they|i)\s+(?:was|were)\s+(\d+)\b|\bat (?:the )?age (\d+)\b", q)
        if m:
            n = int(m.group(1) or m.group(2))
            return _shift_years(birth, n).isoformat(), (_shift_years(birth, n + 1) - timedelta(days=1)).isoformat()
        if re.search(r"\bas an? (child|kid)\b|\bin (his|her|their|my) childhood\b", q):
            return birth.isoformat(), (_shift_years(birth, 18) - timedelta(days=1)).isoformat()
    return None, None


def _order(q: str) -> str:
    q = re.sub(r"\b(in|during|over|within) the (last|past) (\w+ )?(years?|months?|weeks?|days?)\b|\blast (year|month)\b", " ", q)
    if re.search(r"\bhow (many|often)\b|\bnumber of\b|\bcount\b|\bhow many times\b", q):
        return "count"
    if re.search(r"\b(first|earliest|initial|initially|original|started on|begin|began)\b", q):
        return "first"
    if re.search(r"\b(last|latest|most recent|recent|newest|current|currently|now|today)\b", q):
        return "latest"
    if re.search(r"^(is|are|was|were|has|have|had|does|did|do)\b|\bever\b|\bany\b", q):
        return "exists"
    return "all"


def _status(q: str) -> str | None:
    if re.search(r"\b(stopped|discontinued|no longer|used to|past|previous|former|old|resolved|"
                 r"cured|historical|inactive|went away|got over)\b", q):
        return "inactive"
    if re.search(r"\b(active|current|currently|ongoing|still|now|right now|presently|these days|is (he|she|they) on|"
                 r"taking|unresolved|open)\b|\b(is|are|am) (he|she|they|i|you) on\b", q):
        return "active"
    return None


def _visit(q: str) -> str | None:
    visit = r"(visit|appointment|encounter|checkup|check-up|admission|hospital stay|consultation|trip to the doctor)"
    iso = re.search(r"\b(\d{4}-\d{2}-\d{2})\b", q)
    if re.search(rf"\b(at|during|in|from)\s+(the|his|her|their|my|that|this)\s+(\w+\s+)?{visit}", q) or \
            re.search(rf"\bwhat (happened|was done)\b.*\b{visit}", q):
        if iso:
            return iso.group(1)
        if re.search(rf"\b(first|earliest)\s+(\w+\s+)?{visit}", q):
            return "first"
        if re.search(rf"\b(that|this)\s+{visit}", q):
            return "same"
        return "latest"
    return None


def _follow_up(q: str) -> str | None:
    if re.search(r"\b(before|prior to|earlier than) (that|then|this)\b|\bthe one before\b|\bprevious one\b", q):
        return "before"
    if re.search(r"\b(after|since|later than) (that|then|this)\b|\bthe (one|next one) after\b", q):
        return "after"
    if re.search(r"^(and|what about|how about|and what about|same for|also)\b", q) or re.search(r"\b(that|it|those|them)\s*\??$", q):
        return "same"
    return None


def parse(question: str, birth_date: str | None = None, today: str | None = None) -> Structure:
    """The structure of one question; `today` anchors relative windows ("in the last 2 years")."""
    q = " " + question.lower().strip() + " "
    q = re.sub(r"[?!,;]", " ", q)
    q = re.sub(r"\s+", " ", q).strip()
    birth = date.fromisoformat(birth_date[:10]) if birth_date else None
    now = date.fromisoformat(today[:10]) if today else date.today()
    start, end = _window(q, birth, now)
    visit = _visit(q)
    if visit and visit[:4].isdigit():
        start = end = None  # the date names the visit; its resources are the window
    return Structure(start=start, end=end, order=_order(q), status=_status(q), visit=visit,
                     follow_up=_follow_up(q))
