#!/usr/bin/env bash
# Install WordNet 3.0 for METEOR offline: Debian's wordnet files copied into $FHIRQA_HOME/nltk_data.
#
#   sudo scripts/setup_wordnet.sh        # idempotent; FHIRQA_HOME defaults to ~/.cache/fhirqa
#
# nltk refuses symlinks out of its data folder, so regular files are copied; Debian lacks `lexnames`,
# which is written here (same content as fhirqa.eval.wordnet.lexnames_text()).
set -euo pipefail

SRC=/usr/share/wordnet
HOME_DIR="${FHIRQA_HOME:-$HOME/.cache/fhirqa}"
DEST="$HOME_DIR/nltk_data/corpora/wordnet"

if [ ! -d "$SRC" ]; then
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get install -y --no-install-recommends wordnet-base wordnet-sense-index \
        || { $SUDO apt-get update && $SUDO apt-get install -y --no-install-recommends wordnet-base wordnet-sense-index; }
fi

mkdir -p "$DEST"
find "$SRC" -maxdepth 1 -type f -exec cp -u {} "$DEST"/ \;

i=0
{
    for f in adj.all adj.pert; do printf '%02d\t%s\t3\n' $((i++)) "$f"; done
    printf '%02d\t%s\t4\n' $((i++)) adv.all
    for f in Tops act animal artifact attribute body cognition communication event feeling food group \
             location motive object person phenomenon plant possession process quantity relation shape \
             state substance time; do
        printf '%02d\tnoun.%s\t1\n' $((i++)) "$f"
    done
    for f in body change cognition communication competition consumption contact creation emotion motion \
             perception possession social stative weather; do
        printf '%02d\tverb.%s\t2\n' $((i++)) "$f"
    done
    printf '%02d\t%s\t3\n' $((i++)) adj.ppl
} > "$DEST/lexnames.tmp"
mv "$DEST/lexnames.tmp" "$DEST/lexnames"

echo "WordNet ready in $DEST ($(wc -l < "$DEST/lexnames") lexicographer files)"
