from fhirqa.agent.keyvalue import spelled_out


def test_fields_are_read_as_words_and_the_how_is_dropped():
    assert spelled_out("metric=heart_rate | window=2025-01-01..2025-12-31 | return=latest") == \
        "heart rate from 2025-01-01 to 2025-12-31 latest"
    assert spelled_out("metric=heart_rate; window=2024-01-01..2024-12-31; aggregate=list_all; units=bpm") == \
        "heart rate from 2024-01-01 to 2024-12-31 all"
    assert spelled_out("metric=vo2_max; source=clinical_record; return=latest_value") == "vo2 max latest"
    assert spelled_out("check: active_meds where drug_class == beta_blocker; purpose: hr_zone_calibration") == \
        "active meds drug class beta blocker"
    assert spelled_out("pre_activity_screen: imaging_studies where body_site=knee; return=dates,modality") == \
        "imaging studies body site knee"  # a field's own name says nothing unless it qualifies ("body_site")
    assert spelled_out("query=Observation;code=body-weight;patient=Vilma Kub;sort=-date;limit=1;unit=kg") == \
        "Observation body-weight latest"


def test_a_json_request_and_the_last_visit_asked_as_a_field():
    assert spelled_out('{"query": "count_encounters", "encounter_type": "well-child", '
                       '"window": {"start": "2022-01-01", "end": "2022-12-31"}, "return": ["count", "dates"]}') == \
        "count encounters encounter type well-child from 2022-01-01 to 2022-12-31 how many"
    assert spelled_out("query=last_encounter; return=date,type") == "when was the last encounter"
    assert spelled_out('{"not": "closed"') == '{"not": "closed"'  # not JSON: as it was


def test_sentences_with_labels_or_one_field_are_left_alone():
    for q in ["List all care plans with status=active for this patient, with start dates.",
              "check condition=asthma for patient Vilma Kub; return bool",
              "S: 70 M post-op. B: hx CHF; A: stable",
              "what is her BP? Note: she is anxious; plan: recheck"]:
        assert spelled_out(q) == q
