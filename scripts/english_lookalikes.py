"""Write fhirqa/data/english_lookalikes.txt: the English words (WordNet 3.0's lemmas and their regular inflections)
that `fhirqa.spelling` would otherwise read as a clinical word spelled by ear ("place" sounds like "pulse").

    .venv/bin/python scripts/english_lookalikes.py [/usr/share/wordnet]
"""

import sys
from pathlib import Path

from fhirqa import spelling
from fhirqa.backends.everyday import clinical_words
from fhirqa.topics import STOP

OUT = Path(spelling.__file__).resolve().parent / "data" / "english_lookalikes.txt"


def inflections(w: str) -> set[str]:
    out = {w, w + "s", w + "es", w + "ed", w + "d", w + "ing", w + "er", w + "ly"}
    if w.endswith("e"):
        out.add(w[:-1] + "ing")
    if w.endswith("y"):
        out |= {w[:-1] + "ies", w[:-1] + "ied"}
    if len(w) > 2 and w[-1] not in "aeiouwxy" and w[-2] in "aeiou" and w[-3] not in "aeiou":
        out |= {w + w[-1] + "ed", w + w[-1] + "ing"}
    return out


def main() -> None:
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/wordnet")
    lemmas = {line.split()[0] for pos in ("noun", "verb", "adj", "adv")
              for line in (folder / f"index.{pos}").read_text().splitlines() if line and not line.startswith(" ")}
    lemmas |= {line.split()[0] for pos in ("noun", "verb", "adj", "adv")
               for line in (folder / f"{pos}.exc").read_text().splitlines() if line}  # "went", "children"
    forms = {f for w in lemmas if w.isalpha() for f in inflections(w.lower())}
    vocabulary = clinical_words()
    found = sorted(f for f in forms if len(f) >= spelling.SHORTEST and f not in vocabulary and f not in STOP
                   and spelling.nearest(f))
    OUT.write_text("\n".join(found) + "\n")
    print(f"{len(found)} words -> {OUT}")


if __name__ == "__main__":
    main()
