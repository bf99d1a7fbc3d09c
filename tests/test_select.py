from fhirqa.agent.select import apply
from fhirqa.agent.structure import parse


def _enc(id_, day):
    return {"resourceType": "Encounter", "id": id_, "period": {"start": f"{day}T09:00:00Z"}}


class _Everything:
    """A relevance model that would keep every resource: what is left out, the structure leaves out."""

    def score(self, question, resources):
        return [0.9] * len(resources)


def _at(rtype, id_, day, enc, **extra):
    return {"resourceType": rtype, "id": id_, "effectiveDateTime": day, "encounter": {"reference": f"Encounter/{enc}"},
            **extra}


RECORD = [
    _enc("e1", "2019-01-01"), _enc("e2", "2020-01-01"),
    _at("Condition", "flu", "2019-01-01", "e1", clinicalStatus={"coding": [{"code": "resolved"}]}),
    _at("Observation", "weight", "2020-01-01", "e2"),
    {"resourceType": "DocumentReference", "id": "note", "date": "2020-01-01",
     "context": {"encounter": [{"reference": "Encounter/e2"}]}},
    _at("MedicationRequest", "rx", "2020-01-01", "e2", status="active",
        medicationReference={"reference": "Medication/drug"},
        reasonReference=[{"reference": "Condition/flu"}]),  # names e1's diagnosis, but belongs to e2
    {"resourceType": "Medication", "id": "drug"},
    {"resourceType": "Claim", "id": "bill", "billablePeriod": {"start": "2020-01-01"},
     "item": [{"encounter": [{"reference": "Encounter/e2"}]}]},
    {"resourceType": "ExplanationOfBenefit", "id": "eob", "billablePeriod": {"start": "2020-01-01"},
     "claim": {"reference": "Claim/bill"}},
    _at("Observation", "old-weight", "2018-05-05", "e0"),
]


def _refs(question, kept_types=(), topical=True):
    kept = [r["resourceType"] in kept_types for r in RECORD]
    return set(apply(parse(question, "1970-01-01", "2020-06-30"), RECORD, kept, topical=topical))


def test_a_whole_visit_is_everything_pointing_at_its_encounter_and_the_medications_named():
    assert _refs("What happened at the last visit?", topical=False) == {
        "Encounter/e2", "Observation/weight", "DocumentReference/note", "MedicationRequest/rx", "Medication/drug"}
    assert _refs("What happened at the first visit?", topical=False) == {"Encounter/e1", "Condition/flu"}


def test_a_visit_bill_includes_the_benefit_that_points_at_the_claim():
    assert _refs("How much did the 2020-01-01 visit cost?", ("Claim", "ExplanationOfBenefit")) == {
        "Claim/bill", "ExplanationOfBenefit/eob", "Encounter/e2"}  # the visit named by its day, too


def test_a_topic_missing_at_the_visit_falls_back_to_the_whole_topic():
    assert _refs("her weight at the last visit", ("Observation",)) == {"Observation/weight"}
    assert _refs("her diagnosis at the last visit", ("Condition",)) == {"Condition/flu"}


def test_a_date_without_a_visit_reads_as_that_day():
    assert _refs("What was done on 2018-05-05?", ("Observation",), topical=False) == {"Observation/old-weight"}


def test_status_filters_lists_but_not_questions_about_one_thing():
    assert _refs("current diagnoses", ("Condition",)) == set()
    assert _refs("Has her flu resolved?", ("Condition",)) == {"Condition/flu"}


def test_a_question_about_the_present_gets_the_active_items_if_any_else_all():
    assert _refs("Does she still have the flu?", ("Condition",)) == {"Condition/flu"}  # none active: say when it ended
    assert _refs("is she still on it?", ("MedicationRequest",)) == {"MedicationRequest/rx", "Medication/drug"}
    both = ("Condition", "MedicationRequest")
    assert _refs("is she on anything right now?", both) == {"MedicationRequest/rx", "Medication/drug"}


def _visit(id_, day, cls, reason):
    return {"resourceType": "Encounter", "id": id_, "period": {"start": f"{day}T09:00:00Z"}, "class": {"code": cls},
            "reasonCode": [{"coding": [{"display": reason}]}]}


DESCRIBED = [
    _visit("check", "2020-11-01", "AMB", "Hypertension"), _visit("covid", "2020-11-21", "IMP", "COVID-19"),
    _visit("sepsis", "2021-03-01", "EMER", "Sepsis (disorder)"), _visit("later", "2021-06-01", "AMB", "Checkup"),
    _at("Procedure", "mask", "2020-11-21", "covid"), _at("Procedure", "bp-check", "2020-11-01", "check"),
    _at("Observation", "lactate", "2021-03-01", "sepsis"), _at("Observation", "lactate-later", "2021-06-01", "later"),
]


def _described(question, kept_types):
    kept = [r["resourceType"] in kept_types for r in DESCRIBED]
    return set(apply(parse(question, "1970-01-01", "2021-12-31"), DESCRIBED, kept))


def test_a_visit_named_by_what_it_was_for_is_that_visit_not_the_latest():
    s = parse("what procedures did he have during the covid hospitalization")
    assert (s.visit, s.visit_for, s.visit_kind, s.topic) == ("any", ("covid",), "IMP", "what procedures did he have")
    # the admission itself says which visit it was
    assert _described("what procedures did he have during the covid hospitalization", {"Procedure"}) == {
        "Procedure/mask", "Encounter/covid"}
    assert parse("what isolation precautions were used when he had covid").visit_for == ("covid",)
    assert parse("drugs given in the ER for the cardiac arrest on 2018-06-19").visit_for == ("cardiac", "arrest")


def test_the_kind_asked_is_preferred_but_a_described_visit_of_another_class_still_counts():
    # a "sepsis admission" recorded as an emergency visit
    assert _described("lactate during the sepsis admision?", {"Observation"}) == {"Observation/lactate", "Encounter/sepsis"}


def test_a_description_that_fits_no_visit_reads_as_no_visit():
    assert parse("how many times has he been in the hospital or the ER?").visit is None
    assert _described("lactate during the pneumonia admission", {"Observation"}) == {
        "Observation/lactate", "Observation/lactate-later"}


def test_a_topic_absent_at_a_dated_visit_and_that_day_reads_the_whole_visit():
    # "what tests were done at her visit on 2019-01-01?": nothing kept was recorded that day
    assert _refs("what tests were done at her visit on 2019-01-01?", {"Observation"}) == {"Encounter/e1", "Condition/flu"}


def test_a_visit_named_by_its_month_takes_that_month_s_visit_and_its_encounter():
    assert _refs("weight at her january 2020 visit?", {"Observation"}) == {"Observation/weight", "Encounter/e2"}


def test_allergies_of_the_kind_asked():
    record = [{"resourceType": "AllergyIntolerance", "id": i, "category": [c], "code": {"text": t}}
              for i, c, t in [("pcn", "medication", "Penicillin V"), ("nut", "environment", "Tree nut (substance)"),
                              ("peanut", "food", "Peanut (substance)"), ("pollen", "environment", "Grass pollen")]]
    kept = [True] * len(record)
    assert apply(parse("drug allergies?"), record, kept) == ["AllergyIntolerance/pcn"]
    assert apply(parse("food allergies?"), record, kept) == ["AllergyIntolerance/nut", "AllergyIntolerance/peanut"]
    assert apply(parse("seasonal allergies?"), record, kept) == ["AllergyIntolerance/pollen"]
    assert len(apply(parse("any allergies?"), record, kept)) == 4


def test_an_event_sets_the_window_from_its_first_record():
    from fhirqa.agent.select import event_window
    record = [{"resourceType": "Condition", "id": "htn", "onsetDateTime": "2015-03-02",
               "code": {"coding": [{"display": "Essential hypertension (disorder)"}]}},
              {"resourceType": "MedicationRequest", "id": "w1", "authoredOn": "2016-01-05",
               "medicationCodeableConcept": {"text": "Warfarin Sodium 5 MG Oral Tablet"}},
              {"resourceType": "MedicationRequest", "id": "w2", "authoredOn": "2017-01-05",
               "medicationCodeableConcept": {"text": "Warfarin Sodium 5 MG Oral Tablet"}}]
    s = event_window(parse("bp since his hypertension diagnosis"), record)
    assert (s.start, s.end) == ("2015-03-02", None)
    s = event_window(parse("inr before they started the coumadin?"), record)
    assert (s.start, s.end) == (None, "2016-01-04")
    s = event_window(parse("weight since the stroke"), record)
    assert (s.start, s.end) == (None, None)  # no such event: no window


def test_a_visit_framed_by_its_kind_is_every_visit_of_that_class():
    record = [dict(_enc("amb", "2019-01-01"), **{"class": {"code": "AMB"}}),
              dict(_enc("imp", "2019-06-01"), **{"class": {"code": "IMP"}}),
              _at("Observation", "temp-amb", "2019-01-01", "amb"), _at("Observation", "temp-imp", "2019-06-01", "imp")]
    kept = [r["resourceType"] == "Observation" for r in record]
    assert set(apply(parse("temps during the admission"), record, kept)) == {"Observation/temp-imp", "Encounter/imp"}


def test_visits_of_a_kind_asked_as_such_are_the_encounters_of_that_class():
    from fhirqa.agent.select import visits_of_kind
    from fhirqa.agent.structure import kind_asked
    record = [dict(_enc("amb", "2019-01-01"), **{"class": {"code": "AMB"}}),
              dict(_enc("imp", "2019-06-01"), **{"class": {"code": "IMP"}}),
              dict(_enc("er", "2020-02-01"), **{"class": {"code": "EMER"}})]
    assert kind_asked("has he been hospitalized?")[0] == "IMP"
    assert kind_asked("how many times was she in the ER?")[0] == "EMER"
    assert kind_asked("what meds was he given in the hospital") is None
    assert visits_of_kind(parse("any admissions?"), record, "IMP") == ["Encounter/imp"]
    assert visits_of_kind(parse("ER visits in 2019"), record, "EMER") == []


def test_visits_in_the_plural_frame_a_topic_recorded_anywhere():
    from fhirqa.agent.nodes import find_relevant

    class Weights:  # scores the weights as the topic
        def score(self, question, resources):
            return [0.9 if r.get("code", {}).get("text") == "weight" else 0.1 for r in resources]

    resources = [{"resourceType": "Patient", "id": "p"},
                 {"resourceType": "Encounter", "id": "e1", "type": [{"text": "General examination of patient"}],
                  "period": {"start": "2019-01-01"}},
                 {"resourceType": "Encounter", "id": "e2", "type": [{"text": "Urgent care clinic"}],
                  "period": {"start": "2020-01-01"}},
                 {"resourceType": "Observation", "id": "w1", "code": {"text": "weight"}, "encounter": {"reference": "Encounter/e1"},
                  "effectiveDateTime": "2019-01-01"},
                 {"resourceType": "Observation", "id": "w2", "code": {"text": "weight"}, "encounter": {"reference": "Encounter/e2"},
                  "effectiveDateTime": "2020-01-01"}]
    assert find_relevant("her weights at the yearly physicals?", resources, [], Weights(), 0.5) == [
        "Observation/w1", "Observation/w2"]
    assert find_relevant("her weight at the last physical?", resources, [], Weights(), 0.5) == [
        "Encounter/e1", "Observation/w1"]  # one visit named: its Encounter says which


def test_nothing_given_at_the_visit_asked_is_the_visit_and_a_kind_the_record_lacks_is_nothing():
    from fhirqa.agent.select import apply
    from fhirqa.agent.structure import parse

    old = {"resourceType": "Encounter", "id": "e1", "class": {"code": "AMB"}, "period": {"start": "2019-01-01"}}
    last = {"resourceType": "Encounter", "id": "e2", "class": {"code": "AMB"}, "period": {"start": "2020-01-01"}}
    rx = {"resourceType": "MedicationRequest", "id": "m1", "status": "active", "authoredOn": "2019-01-01",
          "encounter": {"reference": "Encounter/e1"}}
    resources = [old, last, rx]
    kept = [False, False, True]
    assert apply(parse("was anything prescribed at her last checkup?"), resources, kept) == ["Encounter/e2"]
    assert apply(parse("what meds was she given at her last hospital stay?"), resources, kept) == []


def test_a_dose_given_in_hospital_is_no_current_drug():
    given = _at("MedicationAdministration", "dose", "2020-01-01", "e2", status="completed")
    kept = [r["resourceType"] in ("MedicationRequest", "MedicationAdministration") for r in RECORD + [given]]
    still = set(apply(parse("is she still on it?", "1970-01-01", "2020-06-30"), RECORD + [given], kept))
    assert still == {"MedicationRequest/rx", "Medication/drug"}
    ever = set(apply(parse("what was she given?", "1970-01-01", "2020-06-30"), RECORD + [given], kept))
    assert "MedicationAdministration/dose" in ever


def test_since_the_last_physical_starts_the_day_after_it():
    from fhirqa.agent.select import event_window
    record = [_visit("p1", "2019-01-29", "AMB", "General examination of patient"),
              _visit("p2", "2021-02-09", "AMB", "General examination of patient"),
              _visit("er", "2021-06-01", "EMER", "Sprain of wrist")]
    for r in record:
        r["type"] = r.pop("reasonCode")
    s = event_window(parse("any vaccines since his last annual physical?", "1950-01-01", "2022-01-01"), record)
    assert (s.start, s.end) == ("2021-02-10", None)


def test_what_they_did_at_a_dated_visit_is_its_procedures():
    from fhirqa.agent.nodes import find_relevant

    resources = [{"resourceType": "Patient", "id": "p"},
                 {"resourceType": "Encounter", "id": "e1", "type": [{"text": "Emergency room admission"}],
                  "period": {"start": "2008-10-30T10:00:00Z"}},
                 _at("Procedure", "xray", "2008-10-30", "e1"), _at("Condition", "fx", "2008-10-30", "e1"),
                 _at("MedicationRequest", "ibu", "2008-10-30", "e1")]
    assert find_relevant("what did they do for her at the ER on 2008-10-30?", resources, [], _Everything(), 0.5) == [
        "Encounter/e1", "Procedure/xray"]


def test_visits_for_a_condition_are_all_that_name_it_not_only_the_one_naming_its_synonyms_too():
    from fhirqa.agent.select import described_visits

    def enc(i):
        return {"resourceType": "Encounter", "id": i, "period": {"start": "2008-04-25T10:00:00Z"},
                "type": [{"text": "Encounter for problem"}], "reasonCode": [{"text": "Lung Cancer Condition"}]}

    record = [enc("e0"), enc("e1"), enc("e2"),
              {"resourceType": "Condition", "id": "c", "code": {"text": "Non-small cell carcinoma of lung"},
               "encounter": {"reference": "Encounter/e0"}}]
    s = parse("How many inpatient admissions for lung cancer are documented?")
    assert [e["id"] for e in described_visits(s, record)] == ["e0", "e1", "e2"]


def test_what_they_gave_at_a_visit_named_by_what_it_was_for_is_what_was_prescribed_there():
    from fhirqa.agent.nodes import find_relevant

    stay = _visit("e1", "2012-09-01", "IMP", "Chronic intractable migraine without aura")
    resources = [{"resourceType": "Patient", "id": "p", "birthDate": "1950-01-01"}, stay,
                 _at("Procedure", "ct", "2012-09-01", "e1"), _at("MedicationRequest", "oxy", "2012-09-01", "e1"),
                 _visit("e2", "2012-10-01", "AMB", "Migraine")]
    q = "when i was in the hospital with that bad migrane back in sept 2012 wat did they give me for it"
    assert find_relevant(q, resources, [], _Everything(), 0.5) == ["Encounter/e1", "MedicationRequest/oxy"]


def test_a_hospital_admission_filed_as_an_emergency_is_still_an_admission():
    from fhirqa.agent.select import _of_kind
    stay = {"resourceType": "Encounter", "id": "e", "class": {"code": "EMER"}, "type": [{"text": "Hospital admission"}]}
    er = {"resourceType": "Encounter", "id": "f", "class": {"code": "EMER"}, "type": [{"text": "Emergency room admission"}]}
    assert _of_kind(stay, "IMP") and not _of_kind(er, "IMP") and _of_kind(er, "EMER")
    emergency = {"resourceType": "Encounter", "id": "g", "class": {"code": "EMER"},
                 "type": [{"text": "Emergency hospital admission (procedure)"}]}
    assert not _of_kind(emergency, "IMP")


def test_an_event_named_by_an_organ_and_a_visit_told_only_by_family_words():
    from fhirqa.agent.select import described_visits, event_window
    record = [_at("Procedure", "tx", "2023-12-01", "e9"), _at("Condition", "ckd", "2019-05-13", "e8")]
    record[0]["code"] = {"text": "Kidney transplant"}
    record[1]["code"] = {"text": "Chronic kidney disease stage 4"}
    s = event_window(parse("creatinine since the kidney transplant?", "1960-01-01", "2026-01-01"), record)
    assert s.start == "2023-12-01"
    er = _visit("er", "1969-04-10", "EMER", "Acute allergic reaction")
    s = parse("what did they give him in the ER for the allergic reaction in april 1969?", "1950-01-01", "2026-01-01")
    assert [e["id"] for e in described_visits(s, [er])] == ["er"]


def test_what_they_did_during_a_stay_of_a_month_is_its_procedures_and_sent_home_with_is_what_was_given():
    from fhirqa.agent.nodes import _done_at_visit, find_relevant

    stay = _visit("e1", "2004-05-19", "IMP", "Hospital admission")
    resources = [{"resourceType": "Patient", "id": "p", "birthDate": "1960-01-01"}, stay,
                 _at("Procedure", "hp", "2004-05-19", "e1"), _at("Condition", "x", "2004-05-19", "e1")]
    out = find_relevant("what did they do for me during the may 2004 hospital stay", resources, [], _Everything(), 0.5)
    assert out == ["Encounter/e1", "Procedure/hp"]
    assert _done_at_visit("what was she sent home with from the july 2026 visit?") == (
        "MedicationRequest", "MedicationAdministration", "Encounter")



def test_a_stay_named_by_month_and_kind_is_that_stay_though_its_name_says_no_reason():
    record = [{"resourceType": "Encounter", "id": "er", "class": {"code": "EMER"}, "period": {"start": "2027-01-09T09:00:00Z"},
               "type": [{"coding": [{"display": "Emergency room admission"}]}], "reasonCode": [{"text": "Acute_Cholecystitis"}]},
              {"resourceType": "Encounter", "id": "knee", "class": {"code": "IMP"}, "period": {"start": "1984-01-17T09:00:00Z"},
               "type": [{"coding": [{"display": "Non-urgent orthopedic admission"}]}]},
              _at("Procedure", "chole", "2027-01-09", "er"), _at("Procedure", "manip", "1984-01-17", "knee")]
    kept = [r["resourceType"] == "Procedure" for r in record]
    # Synthea's reason texts join words by underscores; the stay of that month is the emergency visit
    assert set(apply(parse("what did they do when i was in the hospital with my gallbladder in january 2027?"),
                     record, kept)) == {"Encounter/er", "Procedure/chole"}
    # no "knee" anywhere in the stay's name or reason: the stay of that month and kind
    assert set(apply(parse("wasnt he in the hospital for his knee back in jan 1984? what did they do"),
                     record, kept)) == {"Encounter/knee", "Procedure/manip"}


def test_a_remark_that_alone_names_the_topic_stays_with_the_question():
    from fhirqa.agent.nodes import find_relevant

    class Named:  # keeps what the question's words name
        def score(self, question, resources):
            return [0.9 if r.get("code", {}).get("text", "~") in question.lower() else 0.1 for r in resources]

    resources = [{"resourceType": "Patient", "id": "p", "name": [{"given": ["Tuan438"], "family": "Kuhlman"}]},
                 {"resourceType": "Procedure", "id": "cabg", "code": {"text": "bypass"}, "performedDateTime": "2010-11-19"},
                 {"resourceType": "AllergyIntolerance", "id": "tuan", "code": {"text": "tuan"}}]
    assert find_relevant("I believe he had bypass surgery around 2010 \u2014 can you confirm what exactly was done?",
                         resources, [], Named(), 0.5) == ["Procedure/cabg"]
    # the patient's own name names no topic
    assert find_relevant("hi im tuans daughter, any bypass?", resources, [], Named(), 0.5) == ["Procedure/cabg"]


def test_what_was_done_or_given_at_a_visit_told_in_an_earlier_sentence():
    from fhirqa.agent.nodes import _done_at_visit
    assert _done_at_visit("Dad broke his wrist as a kid and ended up in the ER. What did they actually do for him at "
                          "that ER visit?") == ("Procedure", "Encounter")
    assert _done_at_visit("Mom was in the hospital with covid. Nobody told me what medicines they actually gave her in "
                          "there, can you tell me?")[0] == "MedicationRequest"
    assert _done_at_visit("ankle sprain ER visit 7/16/26 -- what did she get sent home w/")[0] == "MedicationRequest"


def test_a_visit_known_by_a_procedure_done_there_and_a_visit_kind_names_no_topic():
    from fhirqa.agent.nodes import find_relevant
    from fhirqa.agent.select import described_visits

    def enc(i, when, kind):
        return {"resourceType": "Encounter", "id": i, "period": {"start": f"{when}T10:00:00Z"}, "type": [{"text": kind}]}

    def proc(i, when, name, e):
        return {"resourceType": "Procedure", "id": i, "status": "completed", "performedPeriod": {"start": f"{when}T10:00:00Z"},
                "code": {"coding": [{"system": "http://snomed.info/sct", "code": i, "display": name}]},
                "encounter": {"reference": f"Encounter/{e}"}}

    record = [enc("e1", "2027-05-13", "Encounter for check up"), enc("e2", "2022-05-05", "Encounter for check up"),
              proc("p1", "2027-05-13", "Colonoscopy", "e1"), proc("p2", "2027-05-13", "Rectal polypectomy", "e1"),
              proc("p3", "2022-05-05", "Colonoscopy", "e2")]
    s = parse("what all did they do to me at the colonoscopy appointment back in may", today="2027-09-01")
    assert [e["id"] for e in described_visits(s, record)] == ["e1"]
    asked = []

    class Heard(_Everything):
        def score(self, question, resources):
            asked.append(question)
            return super().score(question, resources)

    er = [enc("e3", "2025-05-25", "Emergency room admission"), proc("p4", "2025-05-25", "Suture open wound", "e3")]
    assert "Procedure/p4" in find_relevant("For the emergency encounter on 2025-05-25, enumerate all procedures performed.",
                                          er, [], Heard(), 0.5)
    assert asked and "emergency" not in asked[0].lower()  # the kind says which visit, not what was done there


def test_a_treatment_that_only_says_when_is_not_what_is_asked():
    from fhirqa.agent.nodes import find_relevant

    class Asked:  # records the question the topic scorer is given
        def score(self, question, resources):
            self.question = question
            return [0.1 for _ in resources]

    seen = Asked()
    find_relevant("WBC during chemo 2017 - nadir?", [{"resourceType": "Patient", "id": "p"}], [], seen, 0.5)
    assert "chemo" not in seen.question and "WBC" in seen.question
    find_relevant("what chemo did he get?", [{"resourceType": "Patient", "id": "p"}], [], seen, 0.5)
    assert "chemo" in seen.question


def test_excluded_findings_are_the_conditions_tagged_so():
    from fhirqa.agent.nodes import find_relevant

    class Conditions:  # every condition is the topic; the excluded words name none
        def score(self, question, resources):
            return [0.9 if r["resourceType"] == "Condition" and "problem" in question else 0.1 for r in resources]

    def condition(i, name):
        return {"resourceType": "Condition", "id": i, "code": {"coding": [{"display": name}]},
                "clinicalStatus": {"coding": [{"code": "active"}]}, "onsetDateTime": "2020-01-01"}

    resources = [{"resourceType": "Patient", "id": "p"}, condition("a", "Asthma (disorder)"),
                 condition("s", "Stress (finding)"), condition("m", "Medication review due (situation)")]
    assert find_relevant("Extract: problem list (exclude findings and situations).", resources, [], Conditions(), 0.5) == [
        "Condition/a"]
    assert len(find_relevant("Extract: problem list.", resources, [], Conditions(), 0.5)) == 3


def test_visits_named_by_a_word_the_lexicon_replaces_are_those_its_own_word_names_when_that_names_more():
    from fhirqa.agent.select import described_visits

    def enc(i, when, reason, kind="Encounter for problem"):
        return {"resourceType": "Encounter", "id": i, "period": {"start": when}, "type": [{"text": kind}],
                "reasonCode": [{"text": reason}]}

    record = [enc("e0", "2026-01-26", "opioid_drug_addiction"), enc("e1", "2026-03-04", "opioid_drug_addiction"),
              enc("e2", "2026-05-12", "Laceration_Injury", "Emergency room admission"),
              {"resourceType": "Condition", "id": "c", "code": {"text": "Dependent drug abuse (disorder)"},
               "encounter": {"reference": "Encounter/e0"}}]
    s = parse("How many addiction follow-up appointments has he had since January 2026?")
    assert s.visit_for == ("addiction",)
    assert [e["id"] for e in described_visits(s, record)] == ["e0", "e1"]
    cabg = [enc("s", "2017-09-03", "cardiac_surgery_reason"), enc("w", "2017-09-27", "cabg_history"),
            {"resourceType": "Procedure", "id": "p", "code": {"text": "Coronary artery bypass grafting"},
             "encounter": {"reference": "Encounter/s"}}]
    assert [e["id"] for e in described_visits(parse("meds during the CABG admission in 9/2017?"), cabg)] == ["s"]


def test_a_visit_named_by_its_day_keeps_its_encounter():
    assert _refs("weight at her 1/1/2020 visit?", {"Observation"}) == {"Observation/weight", "Encounter/e2"}
    assert _refs("weight on 2020-01-01?", {"Observation"}) == {"Observation/weight"}  # a day, no visit named


def test_why_a_drug_was_given_is_the_condition_it_was_for():
    from fhirqa.agent.select import reasons_given
    record = [_enc("e1", "2019-01-01"),
              _at("Condition", "sinus", "2019-01-01", "e1"), _at("Condition", "cut", "2019-01-01", "e9"),
              _at("MedicationRequest", "amox", "2019-01-01", "e1", reasonReference=[{"reference": "Condition/sinus"}]),
              _at("MedicationRequest", "oxy", "2019-01-01", "e1")]
    assert reasons_given(["MedicationRequest/amox"], record) == ["Condition/sinus"]
    assert reasons_given(["MedicationRequest/oxy"], record) == ["Condition/sinus"]  # no reason told: its visit's
    assert reasons_given(["Condition/cut"], record) == []


def test_a_visit_naming_every_word_said_wins_over_one_naming_a_synonym():
    from fhirqa.agent.select import described_visits
    record = [{**_enc("early", "2026-09-21"), "reasonCode": [{"text": "Dependent drug abuse"}]},
              {**_enc("later", "2026-11-02"), "reasonCode": [{"text": "opioid_drug_addiction"}]}]
    s = parse("when was the last time he was seen for his opioid addiction", "1970-01-01", "2027-01-01")
    assert [r["id"] for r in described_visits(s, record)][-1:] == ["later"]


def test_supplies_asked_as_a_kit_are_every_item_of_the_same_shipment():
    from fhirqa.agent.select import delivered_with
    def box(id_, when):
        return {"resourceType": "SupplyDelivery", "id": id_, "occurrenceDateTime": when}
    record = [box("mask", "2020-01-01T10:00:00Z"), box("tubing", "2020-01-01T10:00:00Z"),
              box("floss", "2020-01-05T10:00:00Z"), box("mask2", "2021-01-01T10:00:00Z")]
    assert delivered_with(["SupplyDelivery/mask", "SupplyDelivery/mask2"], record) == [
        "SupplyDelivery/mask", "SupplyDelivery/tubing", "SupplyDelivery/mask2"]
    assert delivered_with(["Condition/x"], record) == []


def test_when_the_last_appointment_was_is_that_one_encounter_and_a_kit_takes_its_whole_shipment():
    from fhirqa.agent.nodes import find_relevant
    resources = [{"resourceType": "Patient", "id": "p"}, _enc("e1", "2019-01-01"), _enc("e2", "2020-01-01"),
                 _at("Observation", "bp", "2020-01-01", "e2", code={"text": "Blood pressure"}),
                 {"resourceType": "SupplyDelivery", "id": "mask", "occurrenceDateTime": "2020-01-01T10:00:00Z",
                  "suppliedItem": {"itemCodeableConcept": {"text": "CPAP mask"}}},
                 {"resourceType": "SupplyDelivery", "id": "tube", "occurrenceDateTime": "2020-01-01T10:00:00Z",
                  "suppliedItem": {"itemCodeableConcept": {"text": "Medical air tubing"}}}]

    class Masks:
        def score(self, question, resources):
            return [0.9 if "mask" in str(r) and "CPAP" in question else 0.1 for r in resources]

    assert find_relevant("when was her last appointment?", resources, [], _Everything(), 0.5) == ["Encounter/e2"]
    assert find_relevant("query=last_encounter; return=date,type", resources, [], _Everything(), 0.5) == ["Encounter/e2"]
    assert find_relevant("what CPAP supplies has he been sent?", resources, [], Masks(), 0.5) == [
        "SupplyDelivery/mask", "SupplyDelivery/tube"]
    assert find_relevant("when was his CPAP mask sent?", resources, [], Masks(), 0.5) == ["SupplyDelivery/mask"]


def test_a_hospital_stay_of_a_month_asked_may_be_recorded_as_an_emergency_visit():
    from fhirqa.agent.select import visits_of_kind
    er = {"resourceType": "Encounter", "id": "er", "class": {"code": "EMER"}, "period": {"start": "2010-11-05"}}
    old = {"resourceType": "Encounter", "id": "old", "class": {"code": "EMER"}, "period": {"start": "2009-01-05"}}
    assert visits_of_kind(parse("in the hospital in November 2010?", None, "2028-01-01"), [er, old], "IMP") == [
        "Encounter/er"]
    assert visits_of_kind(parse("ever in the hospital?"), [er, old], "IMP") == []  # no month named: no stay


def test_a_birth_date_in_brackets_is_who_not_when():
    from fhirqa.agent.nodes import unlabelled
    assert unlabelled("Sacha is 6 (born June 2021). Has she had both MMR shots?") == \
        "Sacha is 6. Has she had both MMR shots?"


class Picks:
    """A classifier that picks one resource, by id, when the question says its word."""

    def __init__(self, rid: str, word: str) -> None:
        self.rid, self.word = rid, word

    def score(self, question, resources):
        return [0.9 if r.get("id") == self.rid and self.word in question.lower() else 0.1 for r in resources]


def test_why_a_drug_was_given_asked_in_spanish_takes_its_reason_too():
    from fhirqa.agent.nodes import find_relevant
    resources = [{"resourceType": "Patient", "id": "p"}, _enc("e1", "2020-01-01"),
                 _at("Condition", "sinus", "2020-01-01", "e1", code={"text": "Sinusitis"}),
                 _at("MedicationRequest", "amox", "2020-01-01", "e1", medicationCodeableConcept={"text": "Amoxicillin"},
                     reasonReference=[{"reference": "Condition/sinus"}])]

    assert find_relevant("por que le dieron amoxicilina a mi hijo?", resources, [], Picks("amox", "amoxicillin"), 0.5) == [
        "MedicationRequest/amox", "Condition/sinus"]


def test_what_each_was_for_asked_beside_a_list_takes_the_reasons_and_does_not_narrow_to_diagnoses():
    from fhirqa.agent.nodes import find_relevant
    resources = [{"resourceType": "Patient", "id": "p"}, _enc("e1", "2002-11-14"),
                 _at("Condition", "pna", "2002-11-14", "e1", code={"text": "Pneumonia"}),
                 _at("Procedure", "cx", "2002-11-14", "e1", code={"text": "Microbial culture of sputum"},
                     reasonReference=[{"reference": "Condition/pna"}])]

    sputum = Picks("cx", "sputum")
    for q in ("How many sputum cultures on file - dates + dx each was sent for?", "sputum cultures w/ indication"):
        assert find_relevant(q, resources, [], sputum, 0.5) == ["Procedure/cx", "Condition/pna"]
    assert find_relevant("How many sputum cultures on file?", resources, [], sputum, 0.5) == ["Procedure/cx"]
