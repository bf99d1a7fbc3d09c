"""Explicit time windows of questions ("in 2019", "before her 30th birthday") and their exact date bounds."""

from __future__ import annotations

import calendar
import random
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = list(calendar.month_name)[1:]


@dataclass(frozen=True)
class Window:
    """Inclusive [start, end] as YYYY-MM-DD; None is open-ended. `phrase` is how a question says it."""

    start: str | None
    end: str | None
    phrase: str

    def holds(self, day: str) -> bool:
        """True when the day (YYYY-MM-DD) falls inside the window."""
        if not day:
            return False
        return (self.start is None or day >= self.start) and (self.end is None or day <= self.end)

    def bounds(self) -> list[str | None]:
        return [self.start, self.end]


def _d(text: str) -> date:
    return date.fromisoformat(text[:10])


def _add_years(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def ordinal(n: int) -> str:
    """21 -> '21st'."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _year(d: date, rng: random.Random, p: dict) -> Window:
    form = rng.choice(["in {y}", "during {y}", "in the year {y}", "in {y}"])
    return Window(f"{d.year}-01-01", f"{d.year}-12-31", form.format(y=d.year))


def _month(d: date, rng: random.Random, p: dict) -> Window:
    last = calendar.monthrange(d.year, d.month)[1]
    return Window(f"{d.year}-{d.month:02d}-01", f"{d.year}-{d.month:02d}-{last:02d}",
                  f"in {MONTHS[d.month - 1]} {d.year}")


def _months(d: date, rng: random.Random, p: dict) -> Window:
    m1, m2 = rng.randint(max(1, d.month - 3), d.month), rng.randint(d.month, min(12, d.month + 3))
    if m1 == m2:
        m1, m2 = (m1, m2 + 1) if m2 < 12 else (m1 - 1, m2)
    last = calendar.monthrange(d.year, m2)[1]
    form = rng.choice(["between {a} and {b} {y}", "from {a} to {b} {y}", "between {a} and {b} of {y}"])
    return Window(f"{d.year}-{m1:02d}-01", f"{d.year}-{m2:02d}-{last:02d}",
                  form.format(a=MONTHS[m1 - 1], b=MONTHS[m2 - 1], y=d.year))


def _before_year(d: date, rng: random.Random, p: dict) -> Window:
    y = d.year + rng.randint(1, 3)
    return Window(None, f"{y - 1}-12-31", rng.choice(["before {y}", "prior to {y}", "before {y}"]).format(y=y))


def _since_year(d: date, rng: random.Random, p: dict) -> Window:
    y = d.year - rng.randint(0, 2)
    form = rng.choice(["since {y}", "from {y} on", "since {y}", "from {y} onwards"])
    return Window(f"{y}-01-01", None, form.format(y=y))


def _years(d: date, rng: random.Random, p: dict) -> Window:
    a, b = d.year - rng.randint(0, 2), d.year + rng.randint(1, 3)
    return Window(f"{a}-01-01", f"{b}-12-31", rng.choice(["between {a} and {b}", "from {a} to {b}"]).format(a=a, b=b))


def _last_years(d: date, rng: random.Random, p: dict) -> Window | None:
    end = _d(p["last_day"])
    n = max(1, end.year - d.year + rng.randint(0, 1))
    if n > 5:
        return None
    start = _add_years(end, -n) + timedelta(days=1)
    unit = "year" if n == 1 else f"{n} years"
    form = rng.choice(["in the last {u} of the record", "during the final {u} of the record",
                       "in the record's last {u}", "over the last {u} of the record"])
    return Window(start.isoformat(), end.isoformat(), form.format(u=unit))


def _before_age(d: date, rng: random.Random, p: dict) -> Window | None:
    if not p.get("birth"):
        return None
    born = _d(p["birth"])
    age = d.year - born.year - ((d.month, d.day) < (born.month, born.day))
    n = age + rng.randint(1, 3)
    end = _add_years(born, n) - timedelta(days=1)
    form = rng.choice(["before {his} {n} birthday", "before {he} turned {k}", "before age {k}"])
    return Window(None, end.isoformat(), form.format(his=p["his"], he=p["he"], n=ordinal(n), k=n))


def _after_age(d: date, rng: random.Random, p: dict) -> Window | None:
    if not p.get("birth"):
        return None
    born = _d(p["birth"])
    age = d.year - born.year - ((d.month, d.day) < (born.month, born.day))
    n = max(1, age - rng.randint(0, 3))
    start = _add_years(born, n)
    if start > d:
        return None
    form = rng.choice(["after {he} turned {k}", "since {his} {n} birthday", "from age {k} on"])
    return Window(start.isoformat(), None, form.format(his=p["his"], he=p["he"], n=ordinal(n), k=n))


KINDS = [_year, _month, _months, _before_year, _since_year, _years, _last_years, _before_age, _after_age]


def pick_window(days: list[str], rng: random.Random, p: dict, tries: int = 8) -> Window | None:
    """A window of a random kind that holds at least one of `days` (and, if possible, not all of them).

    `p` holds `last_day` (end of the record), `birth` and the pronoun slots `he`/`his`.
    """
    days = [x for x in days if x]
    if not days:
        return None
    fallback = None
    for _ in range(tries):
        anchor = _d(rng.choice(days))
        w = rng.choice(KINDS)(anchor, rng, p)
        if w is None or not any(w.holds(x) for x in days):
            continue
        if len(set(days)) < 2 or not all(w.holds(x) for x in days):
            return w
        fallback = fallback or w
    return fallback
