"""WordNet 3.0 for METEOR, offline: found under FHIRQA_HOME/nltk_data or prepared from Debian's /usr/share/wordnet.

nltk refuses symlinks out of its data folder and Debian lacks the `lexnames` file, so the regular
files are copied and `lexnames` is written here (the same steps as scripts/setup_wordnet.sh).
"""

from __future__ import annotations

import filecmp
import shutil
import warnings
from functools import lru_cache
from pathlib import Path

from ..config import Settings
from ..errors import ModelNotAvailable

DEBIAN_WORDNET = Path("/usr/share/wordnet")
FIX = ("run `sudo scripts/setup_wordnet.sh` (or `apt-get install -y wordnet-base wordnet-sense-index`), "
       "which installs WordNet 3.0 into /usr/share/wordnet")
# The files nltk's WordNetCorpusReader opens; a folder holding all of them is ready.
REQUIRED = tuple(f"{kind}.{pos}" for kind in ("index", "data") for pos in ("noun", "verb", "adj", "adv")) + (
    "lexnames", "adj.exc", "adv.exc", "noun.exc", "verb.exc")

# Lexicographer files in WordNet 3.0's order: (name, syntactic category number).
LEXNAMES: tuple[tuple[str, int], ...] = (
    ("adj.all", 3), ("adj.pert", 3), ("adv.all", 4),
    *((f"noun.{n}", 1) for n in (
        "Tops", "act", "animal", "artifact", "attribute", "body", "cognition", "communication", "event",
        "feeling", "food", "group", "location", "motive", "object", "person", "phenomenon", "plant",
        "possession", "process", "quantity", "relation", "shape", "state", "substance", "time")),
    *((f"verb.{n}", 2) for n in (
        "body", "change", "cognition", "communication", "competition", "consumption", "contact",
        "creation", "emotion", "motion", "perception", "possession", "social", "stative", "weather")),
    ("adj.ppl", 3),
)


def lexnames_text() -> str:
    """The `lexnames` file Debian does not ship: `NN<TAB>name<TAB>pos` per line, numbered from 00."""
    return "".join(f"{i:02d}\t{name}\t{pos}\n" for i, (name, pos) in enumerate(LEXNAMES))


def nltk_data_dir(settings: Settings | None = None) -> Path:
    """FHIRQA_HOME/nltk_data: the NLTK_DATA folder fhirqa prepares."""
    return (settings or Settings()).home / "nltk_data"


def wordnet_dir(nltk_data: Path) -> Path:
    return nltk_data / "corpora" / "wordnet"


def is_ready(folder: Path) -> bool:
    """Whether `folder` holds every file the WordNet reader opens."""
    return all((folder / name).is_file() for name in REQUIRED)


def prepare(nltk_data: Path | None = None, source: Path = DEBIAN_WORDNET) -> Path:
    """The ready WordNet folder under `nltk_data`, copying it from `source` first if needed.

    Idempotent: files already copied and unchanged are left alone.
    """
    target = wordnet_dir(nltk_data or nltk_data_dir())
    if not source.is_dir():
        if is_ready(target):
            return target
        raise ModelNotAvailable("wordnet", f"WordNet 3.0 is missing ({source} does not exist); {FIX}")
    target.mkdir(parents=True, exist_ok=True)
    for f in sorted(source.iterdir()):
        if f.is_file() and not f.is_symlink():
            dest = target / f.name
            if not dest.is_file() or not filecmp.cmp(f, dest, shallow=True):
                shutil.copyfile(f, dest)
    lexnames = target / "lexnames"
    if not lexnames.is_file() or lexnames.read_text() != lexnames_text():
        lexnames.write_text(lexnames_text())
    if not is_ready(target):
        missing = [n for n in REQUIRED if not (target / n).is_file()]
        raise ModelNotAvailable("wordnet", f"{source} lacks {', '.join(missing)}; {FIX}")
    return target


@lru_cache(maxsize=4)
def _reader(folder: str):
    import nltk.data
    from nltk.corpus.reader.wordnet import WordNetCorpusReader

    # nltk only opens files under a folder on its data path.
    root = str(Path(folder).parents[1])
    if root not in nltk.data.path:
        nltk.data.path.append(root)
    with warnings.catch_warnings():  # "multilingual functions are not available": no OMW, not needed
        warnings.simplefilter("ignore", UserWarning)
        return WordNetCorpusReader(folder, None)


def load(nltk_data: Path | None = None, source: Path = DEBIAN_WORDNET):
    """A WordNetCorpusReader (about 5 s the first time in a process), or ModelNotAvailable with the fix."""
    folder = prepare(nltk_data, source)
    try:
        return _reader(str(folder))
    except (OSError, LookupError) as e:  # a half-copied or corrupt folder
        raise ModelNotAvailable("wordnet", f"cannot read {folder}: {e}; delete it and {FIX}") from None
