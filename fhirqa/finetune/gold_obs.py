"""Gold rules for labs and vital signs: latest, first, trend, value on a date, out of range, panels, smoking."""

from __future__ import annotations

import random

from ..fields import Resource, day
from . import lay_obs
from .gold import Case, Concept, Facts, gold, listing, plural, structure


def _on(readings: list[tuple[str, str, Resource]], d: str) -> str:
    """Every value measured on day d, e.g. '5.8 %' or 'systolic 120 mmHg and diastolic 80 mmHg'."""
    return " and ".join(dict.fromkeys(v for x, v, _ in readings if x == d))


def _pick(f: Facts, kind: str, rng: random.Random, pred=None) -> Concept | None:
    return f.concept(kind, rng, lambda c: bool(f.readings(c)) and (pred is None or pred(c)))


def _st(c: Concept, order: str, window=None) -> dict:
    return structure(c.types, c.codes, window=window, order=order)


@gold("obs_latest")
def obs_latest(f: Facts, rng: random.Random, kind: str) -> Case | None:
    c = _pick(f, kind, rng)
    if not c:
        return None
    rd = f.readings(c)
    d = rd[-1][0]
    text = f.say("{His} most recent {x} was {v} on {d}.", x=c.name, v=_on(rd, d), d=d)
    return Case(f.cite(c.resources), text, _st(c, "latest"), {"x": rng.choice(c.lay)})


@gold("obs_first")
def obs_first(f: Facts, rng: random.Random, kind: str) -> Case | None:
    c = _pick(f, kind, rng)
    if not c:
        return None
    rd = f.readings(c)
    d = rd[0][0]
    text = f.say("{His} first recorded {x} was {v} on {d}.", x=c.name, v=_on(rd, d), d=d)
    return Case(f.cite(c.resources), text, _st(c, "first"), {"x": rng.choice(c.lay)})


def _numbers(f: Facts, rd) -> list[tuple[float, str, str]]:
    return [(n, d, v) for d, v, r in rd if (n := f.number(r)) is not None and not v.startswith("diastolic")]


@gold("obs_trend")
def obs_trend(f: Facts, rng: random.Random, kind: str) -> Case | None:
    c = _pick(f, kind, rng, lambda c: len({d for d, _, _ in f.readings(c)}) >= 2)
    if not c:
        return None
    rd = f.readings(c)
    first, last = rd[0][0], rd[-1][0]
    nums = _numbers(f, rd)
    text = f.say("{His} {x} went from {a} on {d1} to {b} on {d2} over {n}", x=c.name, a=_on(rd, first), d1=first,
                 b=_on(rd, last), d2=last, n=plural(len({d for d, _, _ in rd}), "measurement day"))
    if len(nums) >= 2:
        lo, hi = min(nums), max(nums)
        change = (nums[-1][0] - nums[0][0]) / (abs(nums[0][0]) or 1)
        trend = "rising" if change > 0.05 else "falling" if change < -0.05 else "roughly stable"
        text += f" ({trend}; lowest {lo[2]} on {lo[1]}, highest {hi[2]} on {hi[1]})"
    return Case(f.cite(c.resources), text + ".", _st(c, "all"), {"x": rng.choice(c.lay)})


@gold("obs_on_date")
def obs_on_date(f: Facts, rng: random.Random, kind: str) -> Case | None:
    c = _pick(f, kind, rng)
    if not c:
        return None
    rd = f.readings(c)
    d = rng.choice(rd)[0]
    rs = [r for r in c.resources if day(r) == d]
    text = f.say("{His} {x} on {d} was {v}.", x=c.name, d=d, v=_on(rd, d))
    return Case(f.cite(rs), text, _st(c, "all", [d, d]), {"x": rng.choice(c.lay), "date": d})


def _unit(v: str) -> str:
    return v.split(" ", 1)[1] if " " in v else ""


def _outside(f: Facts, c: Concept, r: Resource) -> str:
    """'high'/'low'/'' for one measurement against the concept's usual range."""
    oc = c.obs
    if oc.key == "bp":
        comps = {x: (comp.get("valueQuantity") or {}).get("value") for comp in r.get("component") or []
                 for x in [f.coding({"resourceType": "x", "code": comp.get("code")})[1]]}
        s = comps.get(lay_obs.BP_SYSTOLIC) or (f.number(r) if f.coding(r)[1] == lay_obs.BP_SYSTOLIC else None)
        d = comps.get(lay_obs.BP_DIASTOLIC) or (f.number(r) if f.coding(r)[1] == lay_obs.BP_DIASTOLIC else None)
        return "high" if (s or 0) >= 130 or (d or 0) >= 80 else ""
    n = f.number(r)
    if n is None:
        return ""
    if oc.high is not None and n > oc.high:
        return "high"
    if oc.low is not None and n < oc.low:
        return "low"
    return ""


def _range_text(c: Concept, unit: str) -> str:
    oc = c.obs
    if oc.key == "bp":
        return "below 130/80 mmHg"
    u = f" {unit}" if unit else ""
    if oc.low is not None and oc.high is not None:
        return f"{oc.low:g}-{oc.high:g}{u}"
    return f"below {oc.high:g}{u}" if oc.high is not None else f"at least {oc.low:g}{u}"


@gold("obs_range")
def obs_range(f: Facts, rng: random.Random, kind: str) -> Case | None:
    def ranged(c: Concept) -> bool:
        return c.obs is not None and (c.obs.low is not None or c.obs.high is not None or c.obs.key == "bp")
    c = _pick(f, kind, rng, ranged)
    if not c:
        return None
    rd = [x for x in f.readings(c) if not x[1].startswith("diastolic")]
    unit = _unit(rd[-1][1])
    flagged = [(d, v, _outside(f, c, r)) for d, v, r in rd if _outside(f, c, r)]
    usual = _range_text(c, unit)
    if flagged:
        shown = listing([f"{v} on {d} ({flag})" for d, v, flag in flagged[-4:]], 4)
        text = f.say("{n} of {m} {x} results were outside the usual range ({u}), most recently {s}.",
                     n=len(flagged), m=len(rd), x=c.name, u=usual, s=shown)
    else:
        text = f.say("All {m} {x} results were within the usual range ({u}); the latest was {v} on {d}.",
                     m=len(rd), x=c.name, u=usual, v=rd[-1][1], d=rd[-1][0])
    return Case(f.cite(c.resources), text, _st(c, "all"), {"x": rng.choice(c.lay)})


@gold("obs_extreme")
def obs_extreme(f: Facts, rng: random.Random, kind: str) -> Case | None:
    c = _pick(f, kind, rng, lambda c: len(_numbers(f, f.readings(c))) >= 1)
    if not c:
        return None
    nums = _numbers(f, f.readings(c))
    top = max(nums, key=lambda x: (x[0], x[1]))
    text = f.say("{His} highest {x} was {v} on {d} (of {n}).", x=c.name, v=top[2], d=top[1],
                 n=plural(len(nums), "result"))
    return Case(f.cite(c.resources), text, _st(c, "all"), {"x": rng.choice(c.lay)})


@gold("obs_count")
def obs_count(f: Facts, rng: random.Random, kind: str | None = None) -> Case | None:
    c = _pick(f, kind or rng.choice(["lab", "vital"]), rng)
    if not c:
        return None
    days = sorted({d for d, _, _ in f.readings(c)})
    text = f.say("{His} {x} was measured on {n}, from {a} to {b}.", x=c.name, n=plural(len(days), "day"),
                 a=days[0], b=days[-1])
    return Case(f.cite(c.resources), text, _st(c, "count"), {"x": rng.choice(c.lay)})


@gold("panel")
def panel(f: Facts, rng: random.Random) -> Case | None:
    have = {c.obs.key: c for c in f.concepts["lab"] if c.obs}
    options = [(k, [have[x] for x in keys if x in have], words)
               for k, (keys, _, words) in lay_obs.PANELS.items() if sum(x in have for x in keys) >= 2]
    if not options:
        return None
    _, concepts, words = rng.choice(options)
    last = max(d for c in concepts for d, _, _ in f.readings(c))
    values = [f"{c.name} {_on(f.readings(c), last)}" for c in concepts if _on(f.readings(c), last)]
    text = f.say("{His} latest results, from {d}: {v}.", d=last, v=listing(values, 8))
    rs = [r for c in concepts for r in c.resources]
    codes = [cd for c in concepts for cd in c.codes]
    return Case(f.cite(rs), text, structure(["Observation"], codes, order="latest"), {"x": rng.choice(words)})


@gold("obs_window")
def obs_window(f: Facts, rng: random.Random) -> Case | None:
    from .windows import pick_window

    c = _pick(f, rng.choice(["lab", "vital"]), rng, lambda c: len({d for d, _, _ in f.readings(c)}) >= 2)
    if not c:
        return None
    rd = f.readings(c)
    w = pick_window([d for d, _, _ in rd], rng, window_context(f))
    if not w:
        return None
    inside = [(d, v) for d, v, _ in rd if w.holds(d)]
    shown = listing([f"{v} on {d}" for d, v in inside], 6)
    text = f.say("{His} {x} results {w}: {s}.", x=c.name, w=w.phrase, s=shown)
    rs = [r for r in c.resources if w.holds(day(r))]
    return Case(f.cite(rs), text, _st(c, "all", w.bounds()), {"x": rng.choice(c.lay), "window": w.phrase})


def window_context(f: Facts) -> dict:
    """What window phrases need: the record's last day, birth date and pronouns."""
    return {"last_day": f.last_day, "birth": f.birth, **f.p}


@gold("smoking")
def smoking(f: Facts, rng: random.Random) -> Case | None:
    rs = [r for r in f.of_type("Observation") if f.coding(r)[1] == lay_obs.SMOKING and f.value(r)]
    if not rs:
        return None
    last = rs[-1]
    v = f.value(last)
    low = v.lower()
    yes = "every day" in low or "some day" in low or "current" in low or ("smoker" in low and "never" not in low
                                                                           and "former" not in low)
    text = f.say("{a} {His} latest smoking status ({d}) is: {v}.", a="Yes." if yes else "No.", d=day(last), v=v)
    return Case(f.cite(rs), text, structure(["Observation"], [lay_obs.SMOKING], order="latest"))
