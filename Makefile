# fhirqa: the first two targets set everything up on a fresh machine.
VENV ?= .venv
PY := $(VENV)/bin/python
export FHIRQA_HOME ?= $(CURDIR)/.fhirqa-home
QUESTION ?= Which vaccines has this patient received?

.PHONY: demo test install wordnet clean

demo: install  ## set up, then answer a sample question about the generated sample patient
	$(VENV)/bin/fhirqa ask "$(QUESTION)"
	$(VENV)/bin/fhirqa ask --json "What was the most recent blood pressure?"

test: install wordnet  ## set up, then run the whole test suite
	$(PY) -m pytest -q

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q torch==2.13.0
	$(PY) -m pip install -q -e '.[dev]'
	touch $@

install: $(VENV)/.installed

wordnet:  ## WordNet for METEOR, from Debian's packages (see OFFLINE-NOTES)
	bash scripts/setup_wordnet.sh

clean:
	rm -rf $(VENV) .fhirqa-home
