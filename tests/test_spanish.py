"""Spanish mixed into English questions is read as English."""

from __future__ import annotations

from fhirqa.agent.structure import parse
from fhirqa.spanish import in_english, is_mixed


def test_a_code_switched_question_reads_as_english():
    assert in_english("que medicina le recetaron para la infección de oído en octubre del 2024? the pharmacy lost it") == \
        "what medicine was prescribed for the ear infection in october 2024? the pharmacy lost it"
    assert in_english("cuándo fue la última vez que le checaron el azúcar a mi papá, the A1c?") == \
        "when was the last time that checked the blood sugar my dad, the A1c?"
    assert in_english("mi mamá todavía está tomando algo para el colesterol?") == \
        "my mom still is taking something for the cholesterol?"


def test_spanish_dates_become_dates_the_parser_reads():
    q = in_english("hola, mi bebé tuvo cita el 22 de noviembre 2024, what shots did they give him that day?")
    assert "on noviembre" not in q and "november 22, 2024" in q
    assert parse(q).visit == "2024-11-22"


def test_english_with_a_spanish_looking_word_is_left_alone():
    for q in ("Is there an MI in her history?", "Any visits in Los Angeles?", "last visit para?", "peds pt, confirm DOB"):
        assert not is_mixed(q) and in_english(q) == q


def test_diagnoses_scans_and_dates_after_del():
    assert in_english("cuando le diagnosticaron la diabetes a mi abuela? what year was it") == \
        "when was diagnosed with the diabetes my grandmother? what year was it"
    assert in_english("que salio en la densitometria de hueso? osteoporosis?") == \
        "what was the result of the bone density scan? osteoporosis?"
    assert in_english("para que fue la cita del 12 de septiembre 2023? algo de la garganta creo") == \
        "what was the appointment on september 12, 2023? something of the throat i think"
