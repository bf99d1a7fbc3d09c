import base64

from fhirqa.render import LINE_CHARS, NOTE_CHARS, render


def test_observation_with_value_and_unit():
    r = {"resourceType": "Observation", "id": "o1", "status": "final",
         "category": [{"coding": [{"code": "laboratory", "display": "laboratory"}]}],
         "code": {"coding": [{"system": "http://loinc.org", "code": "4548-4", "display": "Hemoglobin A1c"}]},
         "effectiveDateTime": "2019-03-02T10:00:00-05:00", "valueQuantity": {"value": 5.8, "unit": "%"}}
    assert render(r) == "Observation 2019-03-02 final | Hemoglobin A1c [LOINC 4548-4] | = 5.8 % | category laboratory"


def test_blood_pressure_components():
    comp = lambda code, disp, v: {"code": {"coding": [{"system": "http://loinc.org", "code": code, "display": disp}]},
                                  "valueQuantity": {"value": v, "unit": "mm[Hg]"}}
    r = {"resourceType": "Observation", "id": "bp", "status": "final", "effectiveDateTime": "2020-01-05",
         "code": {"coding": [{"system": "http://loinc.org", "code": "85354-9", "display": "Blood pressure panel"}]},
         "component": [comp("8480-6", "Systolic Blood Pressure", 120.0), comp("8462-4", "Diastolic Blood Pressure", 80)]}
    assert render(r) == ("Observation 2020-01-05 final | Blood pressure panel [LOINC 85354-9] | "
                         "= Systolic Blood Pressure 120 mm[Hg], Diastolic Blood Pressure 80 mm[Hg]")


def test_medication_with_dosage_and_condition_resolved():
    med = {"resourceType": "MedicationRequest", "id": "m", "status": "stopped", "authoredOn": "2010-04-01",
           "medicationCodeableConcept": {"coding": [{"system": "http://www.nlm.nih.gov/research/umls/rxnorm",
                                                     "code": "314076", "display": "lisinopril 10 MG Oral Tablet"}]},
           "dosageInstruction": [{"timing": {"repeat": {"frequency": 1, "period": 1, "periodUnit": "d"}},
                                  "doseAndRate": [{"doseQuantity": {"value": 1}}]}]}
    assert render(med) == ("MedicationRequest 2010-04-01 stopped | lisinopril 10 MG Oral Tablet [RxNorm 314076] | "
                           "dosage dose 1 1x per 1 d")
    cond = {"resourceType": "Condition", "id": "c", "onsetDateTime": "2001-02-03", "abatementDateTime": "2001-03-01",
            "clinicalStatus": {"coding": [{"code": "resolved"}]},
            "code": {"coding": [{"system": "http://snomed.info/sct", "code": "444814009", "display": "Viral sinusitis (disorder)"}]}}
    assert render(cond) == "Condition 2001-02-03 resolved 2001-03-01 resolved | Viral sinusitis (disorder) [SNOMED 444814009]"


def test_document_note_is_decoded_and_bounded():
    text = "Chief complaint:\n\n  cough " + "x" * 1000
    r = {"resourceType": "DocumentReference", "id": "d", "status": "current", "date": "2020-02-02",
         "content": [{"attachment": {"data": base64.b64encode(text.encode()).decode()}}]}
    line = render(r)
    note = line.split("note: ", 1)[1]
    assert note.startswith("Chief complaint: cough x") and len(note) == NOTE_CHARS and note.endswith("…")


def test_patient_demographics():
    p = {"resourceType": "Patient", "id": "p", "gender": "female", "birthDate": "1969-10-19",
         "name": [{"given": ["Maye"], "family": "Dickinson"}], "address": [{"city": "Woburn", "state": "MA"}]}
    assert render(p) == "Patient | name Maye Dickinson | female | born 1969-10-19 | lives in Woburn, MA"


def test_render_is_deterministic_on_real_record(allen_bundle):
    from fhirqa.records import FileSource

    rec = FileSource(allen_bundle).fetch("ad134528-56a5-35fd-c37f-466ff119c625")
    lines = [render(r) for r in rec.resources]
    assert lines == [render(r) for r in rec.resources]
    assert all(line and "\n" not in line and len(line) <= LINE_CHARS for line in lines)
