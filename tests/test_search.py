from fhirqa.agent.search import run


def cc(code, display="", system="http://snomed.info/sct"):
    return {"coding": [{"system": system, "code": code, "display": display}], "text": display}


RECORD = [
    {"resourceType": "Patient", "id": "p1", "birthDate": "1952-06-11"},
    {"resourceType": "Condition", "id": "ckd1", "code": cc("433144002", "Chronic kidney disease stage 3"),
     "clinicalStatus": cc("active", system="http://terminology.hl7.org/CodeSystem/condition-clinical"),
     "onsetDateTime": "2001-01-17T10:00:00Z"},
    {"resourceType": "Condition", "id": "ckd2", "code": cc("433144002", "Chronic kidney disease stage 3"),
     "clinicalStatus": cc("resolved", system="http://terminology.hl7.org/CodeSystem/condition-clinical"),
     "onsetDateTime": "2005-01-12T10:00:00Z"},
    {"resourceType": "Condition", "id": "htn", "code": cc("59621000", "Essential hypertension"),
     "clinicalStatus": cc("active"), "onsetDateTime": "1999-03-01"},
    {"resourceType": "Observation", "id": "g1", "code": cc("2339-0", "Glucose", "http://loinc.org"),
     "effectiveDateTime": "2010-12-30T08:00:00Z"},
    {"resourceType": "Observation", "id": "g2", "code": cc("2339-0", "Glucose", "http://loinc.org"),
     "effectiveDateTime": "2011-01-12T08:00:00Z"},
    {"resourceType": "Observation", "id": "g3", "code": cc("2339-0", "Glucose", "http://loinc.org"),
     "effectiveDateTime": "2012-01-01T08:00:00Z"},
    {"resourceType": "Encounter", "id": "e1", "class": {"code": "EMER"}, "type": [cc("50849002", "Emergency room admission")],
     "period": {"start": "2011-07-11T10:00:00Z"}},
    {"resourceType": "Encounter", "id": "e2", "class": {"code": "AMB"}, "type": [cc("162673000", "General examination")],
     "period": {"start": "2017-06-29T10:00:00Z"}},
    {"resourceType": "Medication", "id": "m1", "code": cc("1234", "tacrolimus 1 MG", "http://www.nlm.nih.gov/research/umls/rxnorm")},
    {"resourceType": "MedicationRequest", "id": "mr1", "status": "active", "medicationReference": {"reference": "Medication/m1"},
     "authoredOn": "2011-03-01"},
    {"resourceType": "MedicationRequest", "id": "mr2", "status": "stopped",
     "medicationCodeableConcept": cc("5678", "lisinopril 10 MG", "http://www.nlm.nih.gov/research/umls/rxnorm"),
     "authoredOn": "2009-03-01"},
    {"resourceType": "CarePlan", "id": "cp1", "status": "active", "category": [cc("698360004", "Diabetes self management plan")],
     "period": {"start": "2024-10-20"}},
    {"resourceType": "CarePlan", "id": "cp2", "status": "completed", "category": [cc("734163000", "Care plan")]},
]


def test_a_search_with_a_code_and_a_date_window_selects_what_a_server_would():
    q = "Observation?patient=p1&code=http://loinc.org|2339-0&date=ge2011-01-01&date=lt2012-01-01"
    assert run(q, RECORD) == ["Observation/g2"]
    assert run("Condition?patient=p1&code=http://snomed.info/sct|433144002", RECORD) == ["Condition/ckd1", "Condition/ckd2"]
    assert run("Condition?code=433144002&clinical-status=active", RECORD) == ["Condition/ckd1"]
    assert run("Condition?code=44054006", RECORD) == []  # a code the record does not hold: nothing


def test_paging_and_output_parameters_select_nothing_so_a_latest_search_keeps_the_history():
    q = "GET Observation?code=2339-0&_sort=-date&_count=1&_summary=count"
    assert run(q, RECORD) == ["Observation/g1", "Observation/g2", "Observation/g3"]


def test_class_type_status_and_ids():
    assert run("Encounter?patient=p1&class=EMER", RECORD) == ["Encounter/e1"]
    assert run("Encounter?type=http://snomed.info/sct|162673000&_count=50", RECORD) == ["Encounter/e2"]
    assert run("Encounter?date=ge2017-01-01 | goal: visits in her last year", RECORD) == ["Encounter/e2"]
    assert run("CarePlan?status=active", RECORD) == ["CarePlan/cp1"]
    assert run("Patient?_id=p1&_elements=gender,birthDate", RECORD) == ["Patient/p1"]
    assert run("Patient/p1?_elements=birthDate,deceased | compute age at death", RECORD) == ["Patient/p1"]


def test_an_order_naming_its_drug_by_reference_matches_through_the_medication_and_brings_it():
    assert run("MedicationRequest?code=1234", RECORD) == ["MedicationRequest/mr1", "Medication/m1"]
    assert run("MedicationRequest?status=active", RECORD) == ["MedicationRequest/mr1", "Medication/m1"]


def test_fhirpath_filters():
    assert run("CarePlan.where(status='active').select(category.coding.display | period.start)", RECORD) == ["CarePlan/cp1"]
    assert run("MedicationRequest.where(status = 'stopped').medicationCodeableConcept.coding.display", RECORD) == \
        ["MedicationRequest/mr2"]
    assert run("Condition.where(clinicalStatus.coding.code = 'active' and onsetDateTime >= @2000-01-01)", RECORD) == \
        ["Condition/ckd1"]


def test_what_is_not_a_search_it_can_run_is_left_to_the_words():
    assert run("Procedure history?", RECORD) is None  # a question
    assert run("Observation heart-rate latest", RECORD) is None
    assert run("Observation?code=heart-rate", RECORD) is None  # a code written as words
    assert run("Observation?code=LDL&date=ge2024-01-01", RECORD) is None
    assert run("Procedure?patient=Arline Haag&code=insertion-of-iud", RECORD) is None  # a name with a space
    assert run("Observation?value-quantity=gt100", RECORD) is None  # a parameter this module does not read
    assert run("Condition.where(code.coding.exists())", RECORD) is None
