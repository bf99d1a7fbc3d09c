"""Lexical topic matching, the lay/drug-class lexicon, and topics of drugs named by reference."""

from __future__ import annotations

from fhirqa.backends.topic_links import members, treatments
from fhirqa.backends.topic_match import (absent, combine, doubtful_families, hits, only_families, question_terms,
                                         whole_families, without_lacking)
from fhirqa.lexicon import class_words, one_typo
from fhirqa.topics import MEDICATION_TYPES, expand, families_named, group_topics, unique_texts

FLU = ("Immunization", "cvx|140", "")
VARICELLA = ("Immunization", "cvx|21", "")
A1C = ("Observation", "loinc|4548-4", "")
HGB = ("Observation", "loinc|718-7", "")
CREAT = ("Observation", "loinc|2160-0", "")
RATIO = ("Observation", "loinc|14959-1", "")
ENOX = ("MedicationAdministration", "rxnorm|854235", "")
LISINOPRIL = ("MedicationRequest", "rxnorm|314076", "")
BP = ("Observation", "loinc|85354-9", "")
SYS = ("Observation", "loinc|8480-6", "")
DIA = ("Observation", "loinc|8462-4", "")
TEXTS = {
    FLU: "vaccine immunization shot: Influenza, seasonal, injectable, preservative free",
    VARICELLA: "vaccine immunization shot: varicella",
    A1C: "lab test result: Hemoglobin A1c/Hemoglobin.total in Blood",
    HGB: "lab test result: Hemoglobin [Mass/volume] in Blood",
    CREAT: "lab test result: Creatinine [Mass/volume] in Serum or Plasma",
    RATIO: "lab test result: Microalbumin/Creatinine [Mass Ratio] in Urine",
    ENOX: "medication administered: 0.4 ML Enoxaparin sodium 100 MG/ML Prefilled Syringe",
    LISINOPRIL: "medication prescription: lisinopril 10 MG Oral Tablet",
    BP: "vital sign measurement: Blood pressure panel with all children optional",
}
KEYS = list(TEXTS)


def test_lay_words_replace_the_lay_word_and_structure_words_go():
    terms = question_terms("How many flu shots did she get?")
    assert "influenza" in terms
    assert not {"flu", "shots", "how", "many"} & set(terms)
    assert "emergency" in question_terms("how many ER visits did she have") and "er" not in question_terms("ER visits")


def test_drug_classes_expand_only_in_questions_about_medication():
    assert any("enoxaparin" in c for c in class_words("what blood thinner did he get in hospital"))
    assert any("lisinopril" in c for c in class_words("what was she taking for her blood pressure?"))
    assert class_words("what was her blood pressure last time?") == []


def test_a_word_names_its_topic_and_not_its_neighbours():
    assert hits("How many flu shots did she get?", KEYS, TEXTS) == {FLU}
    assert hits("last a1c?", KEYS, TEXTS) == {A1C}  # "hemoglobin" alone would also name HGB
    assert hits("what blood thinner did he get in hospital", KEYS, TEXTS) == {ENOX}
    assert hits("what was she taking for her blood pressure?", KEYS, TEXTS) == {LISINOPRIL}
    assert BP in hits("bp trend", KEYS, TEXTS)
    assert hits("which vaccines has he had?", KEYS, TEXTS) == set()  # no specific word: left to the classifier


def test_the_topic_named_most_plainly_wins_then_similarity_breaks_ties():
    assert hits("last creatinine", KEYS, TEXTS) == {CREAT}  # not the urine albumin/creatinine ratio
    pair = {SYS: "procedure: Examination of left ear", DIA: "procedure: Examination of right ear"}
    assert hits("ear checks", list(pair), pair) == {SYS, DIA}
    assert hits("ear checks", list(pair), pair, {SYS: 0.7, DIA: 0.5}) == {SYS}
    bp = {BP: "vital sign measurement: Blood pressure panel", SYS: "vital sign measurement: Systolic Blood Pressure",
          DIA: "vital sign measurement: Diastolic Blood Pressure", A1C: "diagnostic report: Lipid panel"}
    assert hits("latest bp", list(bp), bp) == {BP, SYS, DIA}  # "panel" helps the panel win, names no other


def test_combine_keeps_hits_and_needs_certainty_for_the_rest():
    scores = {FLU: 0.03, VARICELLA: 0.7, A1C: 0.95, HGB: 0.6}
    out = combine(scores, {FLU})
    assert out[FLU] >= 0.5 > out[VARICELLA]
    assert out[A1C] == 0.95 and out[HGB] == 0.49  # other families too: sure picks stay
    assert combine(scores, set()) == scores


def test_a_drug_class_names_the_medication_families():
    assert "MedicationRequest" in families_named("what blood thinner did he get in hospital")
    assert "MedicationRequest" not in families_named("what was her blood pressure?")


def test_the_classifier_reads_the_expansions_it_was_trained_with():
    assert expand("last a1c?") == "last a1c? (hemoglobin a1c)"
    assert expand("how tall is she") == "how tall is she"  # "tall" is matched lexically, not fed to the model


def _request(i: str, med: str) -> dict:
    return {"resourceType": "MedicationRequest", "id": i, "status": "active",
            "medicationReference": {"reference": f"Medication/{med}"}}


def _medication(i: str, cd: str, name: str) -> dict:
    return {"resourceType": "Medication", "id": i,
            "code": {"coding": [{"system": "http://www.nlm.nih.gov/research/umls/rxnorm", "code": cd,
                                 "display": name}]}}


def test_drugs_named_by_reference_are_topics_of_their_own():
    res = [_medication("m1", "854235", "Enoxaparin 100 MG/ML"),
           _medication("m2", "1659131", "piperacillin / tazobactam"),
           _request("r1", "m1"), _request("r2", "m2"), _request("r3", "m1")]
    groups = group_topics(res)
    texts = unique_texts(res, groups)
    requests = {k: idx for k, idx in groups.items() if k[0] == "MedicationRequest"}
    assert sorted(requests.values()) == [[2, 4], [3]]
    assert sorted(texts[k] for k in requests) == ["medication prescription: Enoxaparin 100 MG/ML",
                                                  "medication prescription: piperacillin / tazobactam"]


def test_a_family_question_naming_nothing_narrower_takes_the_whole_family():
    assert whole_families("which vaccines has he had?", KEYS) == {FLU, VARICELLA}
    assert whole_families("flu shots?", KEYS) == set()  # names the topic: matched lexically instead
    assert whole_families("what's his blood type", KEYS) == set()  # "blood" names every lab: too broad


def test_medication_history_takes_what_was_given_in_hospital_but_current_meds_do_not():
    keys = KEYS + [("MedicationRequest", "rxnorm|1", "")]
    assert {ENOX, LISINOPRIL} <= whole_families("full medication history", keys)
    assert ENOX not in whole_families("current meds", keys) and LISINOPRIL in whole_families("current meds", keys)


def test_a_word_outside_the_named_families_counts_when_they_are_only_context():
    texts = TEXTS | {("Observation", "loinc|9279-1", ""): "vital sign measurement: Respiratory rate"}
    keys = list(texts)
    assert hits("Track his RR across visits.", keys, texts) == {("Observation", "loinc|9279-1", "")}
    assert hits("HPV vaccine given?", keys, texts) == set()  # vaccines named: no HPV vaccine, no guess


def test_one_typo_in_a_long_word_is_forgiven():
    assert one_typo("alergic", "allergic") and one_typo("warfrin", "warfarin") and one_typo("admision", "admission")
    assert not one_typo("talking", "taking") and not one_typo("visits", "visit") and not one_typo("diabetes", "diabetic")
    assert "AllergyIntolerance" in families_named("what is my dad alergic to?")


def test_a_test_the_family_word_names_may_be_recorded_as_a_procedure():
    scan = ("Procedure", "sct|169230002", "")
    texts = {scan: "procedure: Ultrasound scan for fetal viability", **TEXTS}
    assert hits("how many pregnancy ultrasounds did she have", list(texts), texts) == {scan}


def test_a_drug_class_question_is_about_drugs_only():
    only = only_families("what was she taking for her blood pressure?")
    assert only and "Observation" not in only and "MedicationRequest" in only
    assert combine({BP: 0.95, LISINOPRIL: 0.8}, {LISINOPRIL}, only=only) == {BP: 0.49, LISINOPRIL: 0.8}
    assert only_families("latest blood pressure") is None


def test_a_panel_question_takes_the_results_the_report_lists():
    panel, ldl = ("DiagnosticReport", "loinc|57698-3", ""), ("Observation", "loinc|18262-6", "")
    resources = [{"resourceType": "DiagnosticReport", "id": "r", "result": [{"reference": "Observation/l"}]},
                 {"resourceType": "Observation", "id": "l"}]
    groups = {panel: [0], ldl: [1]}
    assert members("latest lipid panel results", {panel}, groups, resources) == {ldl}
    assert members("does he have metabolic syndrome?", {panel}, groups, resources) == set()


def test_visit_timing_and_whats_wrong_questions_name_families_not_topics():
    assert question_terms("When did he last come in?") == []
    assert families_named("whats wrong with her heart") == {"Condition"}


def test_a_kind_of_visit_named_excludes_the_other_kinds_however_sure_the_classifier_is():
    physical, er = ("Encounter", "sct|162673000", ""), ("Encounter", "sct|50849002", "")
    assert combine({physical: 0.6, er: 0.97}, {physical}) == {physical: 0.75, er: 0.49}


def test_a_thing_named_by_the_lexicon_that_no_topic_matches_is_absent_and_the_demographics_need_certainty():
    assert absent("HPV vaccine given?", list(TEXTS), TEXTS) and absent("last echo?", list(TEXTS), TEXTS)
    assert not absent("flu jab dates", list(TEXTS), TEXTS) and not absent("what is wrong", list(TEXTS), TEXTS)
    assert doubtful_families("flu jab dates", list(TEXTS), TEXTS) == {"Patient"}
    assert doubtful_families("how old is she", list(TEXTS), TEXTS) == set()  # names the demographics
    assert combine({FLU: 0.8, VARICELLA: 0.95}, set(), doubtful={"Immunization"}) == {FLU: 0.49, VARICELLA: 0.95}


def test_a_misspelt_family_word_is_still_a_family_word_and_relatives_are_not_topics():
    assert question_terms("what is my dad alergic to?") == []


def test_a_topic_named_by_a_common_word_alone_still_counts_and_a_longer_lay_phrase_wins():
    hgb = [("Observation", f"loinc|{i}", "") for i in range(8)]
    texts = {hgb[0]: "lab test result: Hemoglobin [Mass/volume] in Blood",
             **{k: f"lab test result: Hemoglobin variant {i} in Blood" for i, k in enumerate(hgb[1:])}}
    assert hits("show the history of her hgb", list(texts), texts) == {hgb[0]}
    assert question_terms("chest cold onset date?") == ["bronchitis"]  # the phrase's record words stand for it


def test_an_unnamed_topic_of_a_named_family_is_kept_as_no_word_can_match_it():
    device = ("Device", "", "")
    texts = {device: "medical device", **TEXTS}
    assert whole_families("is there a device like a pacemaker?", list(texts), texts) == {device}


def test_a_common_word_does_not_admit_a_topic_whose_own_name_it_does_not_cover():
    panels = [("DiagnosticReport", f"loinc|{i}", "") for i in range(8)]
    texts = {k: f"diagnostic report: {n} panel" for k, n in zip(panels, "cbc bmp cmp lipid hepatic urine thyroid iron".split())}
    assert hits("show me his most recent renal panel", list(texts), texts) == set()


def test_an_allergy_question_is_about_allergies_unless_it_names_a_drug_class():
    assert only_families("Is he allergic to any medications?") == {"AllergyIntolerance"}
    assert only_families("is she still taking the allergy pill?") == MEDICATION_TYPES


def test_pressors_tmax_and_cbc_name_what_the_record_calls_them():
    assert "norepinephrine" in " ".join(class_words("was she ever on pressors?"))
    assert "temperature" in question_terms("tmax during his covid stay?")
    assert "cbc" in question_terms("cbc results from 2021?")  # the report is named "CBC panel"


def test_a_care_plan_is_named_by_its_specific_category_and_the_conditions_it_addresses():
    plan = {"resourceType": "CarePlan", "id": "p", "addresses": [{"reference": "Condition/c"}],
            "category": [{"coding": [{"system": "http://hl7.org/fhir/us/core/CodeSystem/careplan-category",
                                      "code": "assess-plan"}]},
                         {"coding": [{"system": "http://snomed.info/sct", "code": "225351003",
                                      "display": "Skin condition care"}]}]}
    eczema = {"resourceType": "Condition", "id": "c", "code": {"coding": [{"code": "24079001", "display": "Atopic dermatitis"}]}}
    groups = group_topics([plan, eczema])
    texts = unique_texts([plan, eczema], groups)
    assert texts[("CarePlan", "http://snomed.info/sct|225351003", "")] == "care plan: Skin condition care for Atopic dermatitis"
    assert hits("what's the plan for her eczema?", list(texts), texts) == {("CarePlan", "http://snomed.info/sct|225351003", "")}


def test_drugs_given_for_a_named_condition_are_found_by_their_reason():
    uti, drug, other = ("Condition", "sct|68566005", ""), ("MedicationRequest", "rx|1", ""), ("MedicationRequest", "rx|2", "")
    resources = [{"resourceType": "Condition", "id": "u"},
                 {"resourceType": "MedicationRequest", "id": "m", "reasonReference": [{"reference": "Condition/u"}]},
                 {"resourceType": "MedicationRequest", "id": "n"}]
    groups = {uti: [0], drug: [1], other: [2]}
    assert treatments("what did they give her for the UTI in 2019", {uti}, groups, resources) == {drug}
    assert treatments("when was the UTI diagnosed", {uti}, groups, resources) == set()


def test_a_hit_rules_out_the_other_vaccines_and_allergies_however_sure():
    ipv, hpv = ("Immunization", "cvx|10", ""), ("Immunization", "cvx|62", "")
    assert combine({ipv: 0.99, hpv: 0.99}, {ipv}) == {ipv: 0.99, hpv: 0.49}
    assert combine({hpv: 0.99, A1C: 0.99}, {A1C}) == {hpv: 0.99, A1C: 0.99}  # only once a vaccine is named


def test_a_lay_phrase_stands_for_its_words_and_a_long_lay_word_may_be_misspelt():
    assert question_terms("heart stopping?") == ["cardiac", "arrest"]  # not the heart rate
    assert "measles" in question_terms("when did she get her measels shots")
    assert question_terms("any nut allergy?") == ["peanut", "tree", "nut"]
    assert question_terms("When did she last see a doctor?") == []


def test_visits_that_frame_a_question_about_something_else_are_not_its_topic():
    physical = ("Encounter", "sct|162673000", "")
    weight = ("Observation", "loinc|29463-7", "")
    texts = {physical: "visit encounter: General examination of patient", weight: "vital sign measurement: Body weight"}
    assert hits("what were his weights at the yearly checkups", list(texts), texts) == {weight}
    assert hits("how many checkups has he had", list(texts), texts) == {physical}


def test_the_pill_is_the_oral_contraceptives_not_the_implant():
    pack, implant = ("MedicationRequest", "rxnorm|1", ""), ("MedicationRequest", "rxnorm|2", "")
    texts = {pack: "medication prescription: Norinyl 1+50 28 Day Pack",
             implant: "medication prescription: Levonorgestrel 0.00354 MG/HR Drug Implant"}
    assert hits("was she ever on the pill?", list(texts), texts) == {pack}
    assert hits("any birth control?", list(texts), texts) == {pack, implant}  # every kind


def test_a_yes_no_question_naming_what_no_topic_holds_needs_certainty_everywhere():
    assert doubtful_families("any falls?", list(TEXTS), TEXTS) == {k[0] for k in TEXTS}
    assert doubtful_families("any falls?", list(TEXTS), TEXTS, found={FLU}) == {"Patient"}
    assert doubtful_families("apgar scores?", list(TEXTS), TEXTS) == {k[0] for k in TEXTS}  # nothing like "apgar"
    procal = {("Observation", "loinc|33959-8", ""): "lab test result: Procalcitonin [Mass/volume] in Serum or Plasma"}
    assert doubtful_families("procal values?", list(procal), procal) == {"Patient"}  # a word the record starts
    assert "findings" not in question_terms("ekg findings")


def test_a_long_word_misspelt_once_is_read_as_the_lexicon_word():
    from fhirqa.lexicon import spelled
    assert spelled("taking for her blood presure") == "taking for her blood pressure"
    assert "lisinopril" in class_words("what was she taking for her blood presure")[0]
    assert question_terms("what was her hemoglobin a1c") == ["a1c"]  # not any hemoglobin


def test_family_words_inside_other_phrasings():
    from fhirqa.topics import families_named
    assert "Procedure" in families_named("What has been done to him procedure-wise?")
    assert "Patient" in families_named("location of the patient")
    assert "Patient" not in families_named("how much did her baby weigh at birth")


def test_a_referral_is_not_the_study_and_a_purpose_is_not_the_topic():
    from fhirqa.backends.topic_links import purpose_dropped
    tte, ref_ = ("Procedure", "sct|433236007", ""), ("Procedure", "sct|390791001", "")
    texts = {tte: "procedure: Transthoracic echocardiography", ref_: "procedure: Referral for echocardiography"}
    assert hits("last echo?", list(texts), texts) == {tte}
    assert hits("was she referred for an echo?", list(texts), texts) == {ref_}
    stenosis = ("Condition", "sct|60573004", "")
    assert purpose_dropped("last echo for the aortic stenosis?", {tte, stenosis}) == {tte}
    assert purpose_dropped("what did they give her for the aortic stenosis?", {stenosis}) == {stenosis}


def test_her_babys_measurements_are_not_hers_and_a_named_family_must_hold_the_thing():
    from fhirqa.backends.topic_match import set_aside
    weight = ("Observation", "loinc|29463-7", "")
    texts = {weight: "vital sign measurement: Body weight"}
    assert set_aside("how much did her baby weigh", list(texts), texts) == {weight}
    assert set_aside("her newborn's apgar?", list(texts), texts) == {weight}
    assert set_aside("how much did my baby weigh", list(texts), texts) == set()
    assert set_aside("how many babies did she have", list(texts), texts) == set()
    covid = {("Condition", "sct|840539006", ""): "condition diagnosis: COVID-19",
             FLU: "vaccine immunization shot: Influenza, seasonal, injectable"}
    assert absent("is he vaccinated against covid?", list(covid), covid)  # the illness is no vaccine
    assert not absent("did he have covid?", list(covid), covid)


def test_screenings_are_no_surgeries():
    from fhirqa.backends.topic_match import set_aside
    screen, ablation = ("Procedure", "sct|1", ""), ("Procedure", "sct|2", "")
    texts = {screen: "procedure: Depression screening", ablation: "procedure: Catheter ablation of tissue of heart"}
    assert set_aside("any surgeries?", list(texts), texts) == {screen}
    assert set_aside("any procedures?", list(texts), texts) == set()


def test_labs_or_vitals_as_a_whole_are_every_topic_of_that_kind():
    na, wt = ("Observation", "loinc|2951-2", ""), ("Observation", "loinc|29463-7", "")
    texts = {na: "lab test result: Sodium", wt: "vital sign measurement: Body weight"}
    assert whole_families("recent bloodwork?", list(texts), texts) == {na}
    assert whole_families("vitals at the last visit", list(texts), texts) == {wt}
    assert whole_families("sodium labs", list(texts), texts) == set()  # a named lab is matched by its name


def test_having_an_illness_is_not_its_vaccine_nor_a_plan_named_for_it():
    covid = ("Immunization", "cvx|208", "")
    texts = {covid: "vaccine immunization shot: SARS-COV-2 (COVID-19) vaccine, mRNA",
             ("Immunization", "cvx|03", ""): "vaccine immunization shot: MMR"}
    assert hits("has she had covid?", list(texts), texts) == set()
    assert hits("has she had her covid shots?", list(texts), texts) == {covid}
    assert hits("has she had MMR", list(texts), texts) == {("Immunization", "cvx|03", "")}


def test_a_care_team_only_when_asked_for_and_a_screening_does_not_say_she_has_it():
    from fhirqa.backends.topic_match import set_aside
    team, dm, screen = ("CareTeam", "sct|44054006", ""), ("Condition", "sct|44054006", ""), ("Procedure", "sct|395123002", "")
    texts = {team: "care team: Diabetes", dm: "condition diagnosis: Diabetes mellitus type 2",
             screen: "procedure: Urine screening test for diabetes"}
    assert set_aside("any diabetes?", list(texts), texts) == {team}
    assert set_aside("who is on her care team?", list(texts), texts) == set()
    assert hits("did mom ever have diabetes?", list(texts), texts) == {dm}
    assert hits("ever had a diabetes screening test?", list(texts), texts) >= {screen}


def test_an_allergy_to_a_drug_class_is_an_allergy_and_a_misused_class_is_a_condition():
    assert only_families("pt septic, about to start pip-tazo. any antibiotic allergies?") == {"AllergyIntolerance"}
    assert only_families("still taking the allergy pill?") == MEDICATION_TYPES
    assert class_words("hx of opioid use d/o?") == [] and class_words("any opioids prescribed?")


def test_a_lexicon_phrase_is_matched_whole_and_a_lacking_thing_is_not_found_by_its_purpose():
    from fhirqa.backends.lexical import adjust
    ca, psa = ("Condition", "sct|126906006", ""), ("Observation", "loinc|2857-1", "")
    texts = {ca: "condition diagnosis: Neoplasm of prostate"}
    assert absent("whats his latest PSA?", list(texts), texts)  # "prostate" alone is not the test
    assert not absent("whats his latest PSA?", [ca, psa], {**texts, psa: "lab test result: Prostate specific Ag"})
    covid, pcr = ("Condition", "sct|840539006", ""), ("Observation", "loinc|94531-1", "")
    texts = {covid: "condition diagnosis: COVID-19", pcr: "lab test result: SARS-CoV-2 RNA Pnl Resp NAA+probe"}
    scores = adjust("was he ever put on a ventilator for the covid?", {covid: 0.6, pcr: 0.3}, texts,
                    {covid: [0], pcr: [1]}, [{}, {}], {covid: 0.5, pcr: 0.4})
    assert max(scores.values()) < 0.5
    scores = adjust("was he tested for the covid?", {covid: 0.6, pcr: 0.3}, texts, {covid: [0], pcr: [1]}, [{}, {}],
                    {covid: 0.5, pcr: 0.4})
    assert scores[pcr] >= 0.5


def test_lay_names_of_procedures_and_groups_of_tests():
    dccv, iud, rec = ("Procedure", "sct|180325003", ""), ("Procedure", "sct|65200003", ""), ("Procedure", "sct|430193006", "")
    im = ("Procedure", "sct|76601001", "")
    texts = {dccv: "procedure: Electrical cardioversion", iud: "procedure: Insertion of intrauterine contraceptive device",
             rec: "procedure: Medication Reconciliation (procedure)", im: "procedure: Intramuscular injection"}
    assert hits("last DCCV?", list(texts), texts) == {dccv}
    assert hits("when did i get my IUD put in?", list(texts), texts) == {iud}
    assert rec in hits("when was his last med rec?", list(texts), texts)
    ige = {("Observation", f"loinc|{i}", ""): f"lab test result: Allergen {i} IgE Ab [Units/volume] in Serum" for i in range(9)}
    assert hits("which IgE levels were high?", list(ige), ige) == set(ige)


def test_a_question_whether_something_was_tested_for_takes_the_test():
    shot, test = ("Immunization", "cvx|140", ""), ("Observation", "loinc|92141-1", "")
    texts = {shot: "vaccine immunization shot: Influenza, seasonal, injectable",
             test: "lab test result: Influenza virus A RNA [Presence] in Respiratory specimen"}
    assert hits("did they check him for flu?", list(texts), texts) == {test}
    assert hits("flu shots?", list(texts), texts) == {shot}


def test_a_birthday_that_bounds_a_window_names_no_demographics():
    assert families_named("weights before her first birthday") == {"Observation"}
    assert families_named("bp when he was 5 years old") == set()
    assert families_named("when is her birthday?") == {"Patient"}


def test_the_words_of_framing_visits_name_no_topic():
    hp, sat = ("Procedure", "sct|1", ""), ("Observation", "loinc|2708-6", "")
    texts = {hp: "procedure: History AND physical examination", sat: "vital sign measurement: Oxygen saturation in Arterial blood"}
    assert hits("his pulse ox at the yearly physicals?", list(texts), texts) == {sat}
    assert hits("when was his last physical examination?", list(texts), texts) == {hp}


def test_lay_names_of_births_scans_and_lipids():
    birth, cs = ("Procedure", "sct|66348005", ""), ("Procedure", "sct|11466000", "")
    viab, anat, ausc = ("Procedure", "sct|1", ""), ("Procedure", "sct|2", ""), ("Procedure", "sct|3", "")
    ldl, hdl = ("Observation", "loinc|18262-6", ""), ("Observation", "loinc|2085-9", "")
    xr, fx = ("Procedure", "sct|19490002", ""), ("Condition", "sct|16114001", "")
    texts = {birth: "procedure: Childbirth", cs: "procedure: Cesarean section", viab: "procedure: Ultrasound scan for fetal viability",
             anat: "procedure: Fetal anatomy study", ausc: "procedure: Auscultation of the fetal heart",
             ldl: "lab test result: Low Density Lipoprotein Cholesterol", hdl: "lab test result: High Density Lipoprotein Cholesterol",
             xr: "procedure: Ankle X-ray", fx: "condition diagnosis: Fracture of ankle"}
    keys = list(texts)
    assert hits("how many times did she give birth?", keys, texts) == {birth, cs}
    assert hits("how many pregnancy ultrasounds did she have?", keys, texts) == {viab, anat}
    assert hits("LDL?", keys, texts) == {ldl} and hits("hdl?", keys, texts) == {hdl}
    assert xr in hits("ankle xr - date?", keys, texts)


def test_a_lacking_thing_is_not_found_by_what_qualifies_it_or_when_it_was():
    from fhirqa.backends.lexical import adjust

    dep, hct = ("Procedure", "sct|171207006", ""), ("Observation", "loinc|4544-3", "")
    texts = {dep: "procedure: Depression screening", hct: "lab test result: Hematocrit [Volume Fraction] of Blood"}
    assert without_lacking("most recent screening mammogram?", list(texts), texts).split() == ["most", "recent", "mammogram?"]
    scores = adjust("most recent screening mammogram?", {dep: 0.6, hct: 0.1}, texts, {dep: [0], hct: [1]}, [{}, {}],
                    {dep: 0.5, hct: 0.1})
    assert max(scores.values()) < 0.5
    scores = adjust("echo after the 1987 cardiac arrest - what was her ejection fraction?", {dep: 0.1, hct: 0.6}, texts,
                    {dep: [0], hct: [1]}, [{}, {}], {dep: 0.1, hct: 0.5})
    assert max(scores.values()) < 0.5
    assert without_lacking("screening for depression?", list(texts), texts) == "screening for depression?"


def test_visits_asked_for_as_such_are_the_visits():
    fu, bp = ("Encounter", "sct|390906007", ""), ("Observation", "loinc|85354-9", "")
    texts = {fu: "visit encounter: Hypertension follow-up encounter", bp: "vital sign measurement: Blood Pressure"}
    assert hits("When were his blood pressure follow-up appointments?", list(texts), texts) == {fu}
    assert hits("his blood pressure at the follow-up visits?", list(texts), texts) == {bp}


def test_allergy_tests_are_not_set_aside_as_allergies_and_rate_control_is_a_class():
    assert only_families("Return the cow's milk and egg white IgE results from her allergy workup.") is None
    assert only_families("any food allergies?") == {"AllergyIntolerance"}
    assert "digoxin" in " ".join(class_words("which rate-control agents is he on?"))
    assert "fexofenadine" in " ".join(class_words("what does she take every day for her hay fever"))


def test_strep_throat_breastfeeding_and_cardiac_procedures():
    strep, viral = ("Condition", "sct|43878008", ""), ("Condition", "sct|195662009", "")
    echo, icd, abl = ("Procedure", "sct|40701008", ""), ("Procedure", "sct|447365002", ""), ("Procedure", "sct|18286008", "")
    birth = ("Procedure", "sct|66348005", "")
    texts = {strep: "condition diagnosis: Streptococcal sore throat", viral: "condition diagnosis: Acute viral pharyngitis",
             echo: "procedure: Echocardiography", icd: "procedure: Insertion of biventricular implantable cardioverter defibrillator",
             abl: "procedure: Catheter ablation of tissue of heart", birth: "procedure: Childbirth"}
    keys = list(texts)
    assert hits("has she ever had strep throat before?", keys, texts) == {strep}
    assert hits("What cardiac procedures has the patient had?", keys, texts) == {echo, icd, abl}
    assert absent("was she breastfeeding?", keys, texts)


def test_a_group_word_asked_alone_takes_the_whole_group():
    texts = {("Procedure", f"sct|{i}", ""): f"procedure: {n}" for i, n in enumerate([
        "Depression screening", "Depression screening using Patient Health Questionnaire Two-Item score",
        "Assessment of anxiety", "Assessment of substance use", "Assessment of health and social care needs",
        "Screening for drug abuse", "Rubella screening", "Urine screening for glucose"])}
    keys = list(texts)
    assert hits("what screenings were done?", keys, texts) == set(keys)
    assert hits("when was her last depression screening?", keys, texts) == {keys[0]}


def test_vaccines_of_one_antigen_brands_and_well_child_visits():
    adult, ped = ("Immunization", "cvx|43", ""), ("Immunization", "cvx|08", "")
    hpv, dtap = ("Immunization", "cvx|62", ""), ("Immunization", "cvx|20", "")
    gen, bp = ("Encounter", "sct|162673000", ""), ("Observation", "loinc|85354-9", "")
    texts = {adult: "vaccine immunization shot: Hep B, adult", ped: "vaccine immunization shot: Hep B, adolescent or pediatric",
             hpv: "vaccine immunization shot: HPV, quadrivalent", dtap: "vaccine immunization shot: DTaP",
             gen: "visit encounter: General examination of patient",
             bp: "vital sign measurement: Blood pressure panel with all children optional"}
    keys = list(texts)
    assert hits("did he complete the hep b series?", keys, texts) == {adult, ped}
    assert hits("did she get all 3 gardasil shots", keys, texts) == {hpv}
    assert hits("when was her last well child check up", keys, texts) == set()  # not the panel "with all children"
    assert not class_words("when did she get the birth controll implant put in her arm")


def test_words_of_one_prefix_are_not_the_same_word():
    from fhirqa.backends.topic_match import same
    assert same("diabetic", "diabetes") and same("vaccinated", "vaccine") and same("fracture", "fractured")
    assert not same("hypertension", "hyperlipidemia") and not same("hypothyroidism", "hypotension")
    assert not same("directive", "direct") and same("injection", "inject")  # "advance directive": no direct LDL
    htn, hld = ("Condition", "sct|59621000", ""), ("Condition", "sct|55822004", "")
    texts = {htn: "condition diagnosis: Essential hypertension", hld: "condition diagnosis: Hyperlipidemia"}
    assert hits("htn - when was it first dx'd?", list(texts), texts) == {htn}


def test_an_implant_put_in_is_its_insertion_and_an_x_ray_its_study():
    ins, dev = ("Procedure", "sct|169553002", ""), ("Device", "", "")
    xp, xi = ("Procedure", "sct|1", ""), ("ImagingStudy", "sct|1", "")
    texts = {ins: "procedure: Insertion of subcutaneous contraceptive", dev: "medical device",
             xp: "procedure: Plain X-ray of humerus", xi: "imaging study: Plain X-ray of humerus"}
    keys = list(texts)
    assert hits("when did she get the birth controll implant put in her arm", keys, texts) <= {ins}
    assert "Patient" not in families_named("any birth control?")
    assert hits("which bone was imaged on the x-ray?", keys, texts) == {xp, xi}


def test_month_names_are_not_terms():
    assert question_terms("what meds did they give him in the hospital in nov 2020") == []
    assert "potassium" in question_terms("potassium in march")


def test_a_lab_test_and_its_report_are_twins_a_vital_panel_and_its_report_not():
    obs, rep = ("Observation", "loinc|94531-1", ""), ("DiagnosticReport", "loinc|94531-1", "")
    bp, bprep = ("Observation", "loinc|85354-9", ""), ("DiagnosticReport", "loinc|85354-9", "")
    texts = {obs: "lab test result: SARS-CoV-2 RNA Pnl Resp NAA+probe", rep: "diagnostic report: SARS-CoV-2 RNA Pnl Resp NAA+probe",
             bp: "vital sign measurement: Blood pressure panel with all children optional",
             bprep: "diagnostic report: Blood pressure panel with all children optional"}
    keys = list(texts)
    assert hits("did desmond ever test positive for covid?", keys, texts) == {obs, rep}
    assert bprep not in hits("what's her blood pressure been running?", keys, texts)


def test_a_relatives_illness_is_not_the_patients():
    from fhirqa.backends.topic_match import set_aside
    dm = ("Condition", "sct|44054006", "")
    texts = {dm: "condition diagnosis: Diabetes mellitus type 2"}
    assert set_aside("does his dad have diabetes?", [dm], texts) == {dm}
    assert set_aside("did mom ever have diabetes?", [dm], texts) == set()


def test_what_a_named_test_was_with_or_during_is_context_not_topic():
    from fhirqa.backends.lexical import adjust
    dd, covid, pcr = ("Observation", "loinc|48065-7", ""), ("Condition", "sct|840539006", ""), ("Observation", "loinc|94531-1", "")
    texts = {dd: "lab test result: Fibrin D-dimer FEU [Mass/volume] in Platelet poor plasma",
             covid: "condition diagnosis: COVID-19", pcr: "lab test result: SARS-CoV-2 RNA Pnl Resp NAA+probe"}
    keys, groups, sims = list(texts), {dd: [0], covid: [1], pcr: [2]}, {dd: 0.5, covid: 0.5, pcr: 0.5}
    for q in ("d-dimer trend over the covid stay?", "d-dimer with covid?"):
        scores = adjust(q, {dd: 0.6, covid: 0.97, pcr: 0.97}, texts, groups, [{}, {}, {}], sims)
        assert scores[dd] >= 0.5 and scores[covid] < 0.5 and scores[pcr] < 0.5, q
    conc, other = ("Condition", "sct|110030002", ""), ("Condition", "sct|62106007", "")
    texts = {conc: "condition diagnosis: Concussion with no loss of consciousness",
             other: "condition diagnosis: Concussion injury of brain"}
    scores = adjust("Is her concussion with no loss of consciousness still active?", {conc: 0.6, other: 0.2}, texts,
                    {conc: [0], other: [1]}, [{}, {}], {conc: 0.6, other: 0.5})
    assert scores[conc] >= 0.5  # one name, not a purpose


def test_a_childs_word_names_no_visit_and_nicknames_name_their_tests():
    wc = ("Encounter", "sct|410620009", "")
    tte, cs = ("Procedure", "sct|433236007", ""), ("Procedure", "sct|11466000", "")
    cxr, edd = ("Procedure", "sct|399208008", ""), ("Condition", "sct|314529007", "")
    texts = {wc: "visit encounter: Well child visit", tte: "procedure: Transthoracic echocardiography",
             cs: "procedure: Cesarean section", cxr: "procedure: Plain X-ray of chest",
             edd: "condition diagnosis: Medication review due"}
    keys = list(texts)
    assert hits("List the child's medications that have an active order", keys, texts) == set()
    assert hits("last TTE for her aortic stenosis", keys, texts) == {tte}
    assert hits("prior c/s? how many + dates", keys, texts) == {cs}
    assert hits("cxr dates?", keys, texts) == {cxr}
    assert absent("whats her estimated due date", keys, texts)  # not the medication review "due"


def test_is_she_diabetic_asks_whether_she_has_it():
    scr = ("Procedure", "sct|171183004", "")
    texts = {scr: "procedure: Urine screening test for diabetes"}
    assert hits("is she diabetic??", [scr], texts) == set()
    assert hits("was she screened for diabetes?", [scr], texts) == {scr}


def test_a_drug_told_as_context_is_not_what_is_asked():
    from fhirqa.backends.lexical import adjust
    k, lis, dig = ("Observation", "loinc|6298-4", ""), ("MedicationRequest", "rxnorm|314076", ""), ("MedicationRequest", "rxnorm|197604", "")
    texts = {k: "lab test result: Potassium", lis: "medication prescription: lisinopril 10 MG Oral Tablet",
             dig: "medication prescription: Digoxin 0.125 MG Oral Tablet"}
    groups, sims = {k: [0], lis: [1], dig: [2]}, {k: 0.5, lis: 0.5, dig: 0.5}
    scores = adjust("He's been on lisinopril for decades so I keep an eye on his potasium. What was the most recent one?",
                    {k: 0.6, lis: 0.97, dig: 0.1}, texts, groups, [{}, {}, {}], sims)
    assert scores[k] >= 0.5 and scores[lis] < 0.5
    scores = adjust("grandpa takes lisinopril for his heart. is he still on lanoxin too?", {k: 0.1, lis: 0.97, dig: 0.6},
                    texts, groups, [{}, {}, {}], sims)
    assert scores[dig] >= 0.5 and scores[lis] < 0.5
    assert adjust("is he on lisinopril?", {k: 0.1, lis: 0.6, dig: 0.1}, texts, groups, [{}, {}, {}], sims)[lis] >= 0.5


def test_shots_of_a_drug_are_its_doses_and_something_done_for_a_condition_is_its_procedures():
    depo = ("MedicationAdministration", "rxnorm|1000126", "")
    flu = ("Immunization", "cvx|140", "")
    texts = {depo: "medication administered: 1 ML medroxyprogesterone acetate 150 MG/ML Injectable Suspension",
             flu: "vaccine immunization shot: Influenza, seasonal, injectable, preservative free"}
    assert hits("how many depo-provera shots has she had so far?", list(texts), texts) == {depo}
    assert hits("flu shots?", list(texts), texts) == {flu}
    af = {"resourceType": "Condition", "id": "af", "code": {"coding": [{"system": "sct", "code": "49436004"}]}}
    abl = {"resourceType": "Procedure", "id": "abl", "reasonReference": [{"reference": "Condition/af"}]}
    ck, pk = ("Condition", "sct|49436004", ""), ("Procedure", "sct|18286008", "")
    assert treatments("they did something for the afib - what was it", {ck}, {ck: [0], pk: [1]}, [af, abl]) == {pk}


def test_a_drug_name_no_topic_holds_is_absent_and_a_range_is_no_topic():
    from fhirqa.backends.lexical import adjust
    oud = ("Condition", "sct|5602001", "")
    texts = {oud: "condition diagnosis: Opioid abuse"}
    assert absent("what dose of buprenorphine or methadone is he on?", [oud], texts)
    a1c, pre = ("Observation", "loinc|4548-4", ""), ("Condition", "sct|714628002", "")
    texts = {a1c: "lab test result: Hemoglobin A1c/Hemoglobin.total in Blood", pre: "condition diagnosis: Prediabetes"}
    scores = adjust("a1c trend - still in the prediabetic range?", {a1c: 0.6, pre: 0.97}, texts, {a1c: [0], pre: [1]},
                    [{}, {}], {a1c: 0.5, pre: 0.5})
    assert scores[a1c] >= 0.5 and scores[pre] < 0.5
    assert "start" not in question_terms("completed care plans with start and end dates")
    assert "ige" in question_terms("what did her allergy blood test show?")


def test_a_screening_of_a_kind_the_record_lacks_and_a_lay_word_that_names_a_condition_itself():
    dep = ("Procedure", "sct|171207006", "")
    texts = {dep: "procedure: Depression screening"}
    assert hits("did he pass the eye test at his school vision screening?", [dep], texts) == set()
    assert hits("when was his last depression screening?", [dep], texts) == {dep}
    ckd1, ckd2, dkd = ("Condition", "sct|431855005", ""), ("Condition", "sct|431856006", ""), ("Condition", "sct|127013003", "")
    texts = {ckd1: "condition diagnosis: Chronic kidney disease stage 1", ckd2: "condition diagnosis: Chronic kidney disease stage 2",
             dkd: "condition diagnosis: Disorder of kidney due to diabetes mellitus"}
    q = "what kidney problems are on her problem list and when were they added"
    assert not absent(q, list(texts), texts)  # no kidney labs, but kidney conditions
    assert hits(q, list(texts), texts) == {ckd1, ckd2, dkd}  # "kidney problems": each one the word names


def test_scores_are_the_results_and_body_is_no_topic():
    obs, rep = ("Observation", "loinc|70274-6", ""), ("DiagnosticReport", "loinc|69737-5", "")
    texts = {obs: "lab test result: Generalized anxiety disorder 7 item (GAD-7) total score [Reported.PHQ]",
             rep: "diagnostic report: Generalized anxiety disorder 7 item (GAD-7)"}
    assert hits("gad-7 scores over time?", list(texts), texts) == {obs}
    h, w = ("Observation", "loinc|8302-2", ""), ("Observation", "loinc|29463-7", "")
    texts = {h: "vital sign measurement: Body Height", w: "vital sign measurement: Body Weight"}
    assert hits("how high did his fever get?", list(texts), texts) == set()  # fever: body temperature, which is absent


def test_common_words_are_not_put_right_into_drug_names():
    from fhirqa.lexicon import spelled
    assert spelled("stating each one") == "stating each one"
    assert spelled("is she on warfrin") == "is she on warfarin"
    assert class_words("Return each care plan, stating its status") == []


def test_an_allergy_the_record_does_not_name_is_absent():
    sub, nut, pen = ("AllergyIntolerance", "a", ""), ("AllergyIntolerance", "b", ""), ("AllergyIntolerance", "c", "")
    texts = {sub: "allergy: Allergy to substance", nut: "allergy: Tree nut (substance)", pen: "allergy: Penicillin V"}
    assert absent("is my daughter allergic to peanuts? the school nurse needs it for the form", list(texts), texts)
    assert not absent("is she allergic to nuts?", list(texts), texts)
    assert not absent("allergic to pcn?", list(texts), texts)
    assert not absent("is he allergic to any meds?", list(texts), texts)


def test_a_thing_taken_out_names_the_operation_and_anxiety_drugs_are_a_class():
    assert "Procedure" in families_named("when did he have his appendix out")
    assert "Procedure" not in families_named("when did he find out about the diabetes")
    assert any("buspirone" in c for c in class_words("what is he currently taking for his anxiety?"))


def test_a_panel_s_values_not_its_report_and_abbreviations_of_this_round():
    obs, rep = ("Observation", "loinc|85354-9", ""), ("DiagnosticReport", "loinc|85354-9", "")
    texts = {obs: "vital sign measurement: Blood pressure panel with all children optional",
             rep: "diagnostic report: Blood pressure panel with all children optional"}
    assert hits("i keep getting told my pressure is high, what was it the last few times", list(texts), texts, {obs: 0.3, rep: 0.6}) == {obs}
    assert "diabetes" in question_terms("dm2 - dx date, any complications?")
    assert "opioid" in question_terms("OUD hx - when was it first dx'd?")
    assert any("norethindrone" in c for c in class_words("how many bc scripts total?"))
    assert question_terms("what am i allergic to? a full list") == []
    sub = ("AllergyIntolerance", "a", "")
    assert not absent("what all is my daughter allergic to? filling out camp forms", [sub], {sub: "allergy: Latex"})


def test_a_kind_of_procedure_asked_takes_each_kind_unless_one_is_named_exactly():
    texts = {("Procedure", f"sct|{i}", ""): f"procedure: {n}" for i, n in enumerate([
        "Platelet transfusion", "Transfusion of packed red blood cells", "Transfusion of fresh frozen plasma",
        "Depression screening", "Depression screening using Patient Health Questionnaire Two-Item score"])}
    keys = list(texts)
    assert hits("transfusions since the cabg?", keys, texts) == set(keys[:3])
    assert hits("when was her last depression screening?", keys, texts) == {keys[3]}
    preg = {("Condition", "sct|72892002", ""): "condition diagnosis: Normal pregnancy",
            ("Procedure", "sct|167271000", ""): "procedure: Standard pregnancy test"}
    assert hits("how many times was she pregnant?", list(preg), preg) == {("Condition", "sct|72892002", "")}
    assert "occupational" in question_terms("pt/ot during the feb 2020 snf stay?")
    assert "physical" in question_terms("is the physical therapy plan finished?")


def test_family_history_is_not_in_the_record_and_ppis_are_a_class():
    from fhirqa.backends.topic_match import set_aside
    cad = ("Condition", "sct|53741008", "")
    texts = {cad: "condition diagnosis: Coronary Heart Disease"}
    assert set_aside("fam hx of CAD?", list(texts), texts) == {cad}
    assert set_aside("hx of CAD?", list(texts), texts) == set()
    assert any("omeprazole" in c for c in class_words("on a PPI?"))
    assert "non-small" in question_terms("nsclc - date of dx and stage?")


def test_labels_resource_words_and_one_word_careplans_name_no_topic():
    assert question_terms("pre-visit: active problem list?") == []
    assert question_terms("Return the CarePlan resources with status active.") == []
    assert "CarePlan" in families_named("List all CarePlans with status active")
    plans = {("CarePlan", f"sct|{i}", ""): f"care plan: {n}" for i, n in enumerate(["Diet education", "Stress management"])}
    assert whole_families("active careplans?", list(plans), plans) == set(plans)


def test_a_lettered_name_said_as_in_the_record_keeps_its_synonyms_out():
    texts = {("Immunization", "cvx|52", ""): "vaccine immunization shot: Hep A, adult",
             ("Procedure", "sct|1", ""): "procedure: Hepatitis B surface antigen measurement",
             ("Procedure", "sct|2", ""): "procedure: Hepatitis C antibody, confirmatory test"}
    keys = list(texts)
    assert hits("is she covered for hep a?", keys, texts) == {keys[0]}
    assert hits("hepatitis tests?", keys, texts) == set(keys[1:])


def test_a_drug_class_limits_to_drugs_unless_another_question_beside_it_asks_more():
    assert only_families("what was she taking for her blood pressure?") == MEDICATION_TYPES
    assert only_families("lipids off statin? last lipid panel vals, and how they've trended") is None
    assert only_families("on a statin? any changes?") == MEDICATION_TYPES
    assert "ige" in question_terms("food sIgE from the 2017 allergy w/u")
    assert "x-ray" in question_terms("dental films - dates?")


def test_the_rest_of_a_family_beside_a_named_one_and_classes_of_this_round():
    pen, nut = ("AllergyIntolerance", "a", ""), ("AllergyIntolerance", "b", "")
    texts = {pen: "allergy: Penicillin V", nut: "allergy: Peanut"}
    assert whole_families("allergic to penicillin? wat else am i alergic to", list(texts), texts) == {pen, nut}
    assert whole_families("allergic to penicillin?", list(texts), texts) == set()
    assert whole_families("allergic to penicillin or any other antibiotic?", list(texts), texts) == set()
    assert any("digoxin" in c for c in class_words("current anticoag + rate ctrl agents?"))
    assert any("metoprolol" in c for c in class_words("on a beta blocker?"))
    assert any("lisinopril" in c for c in class_words("any ace inhibitor?"))
    assert "childbirth" in question_terms("OB hx: c/s? prior SVDs? dates")


def test_a_common_word_beside_another_term_keeps_what_both_name_and_a_standing_illness_is_its_condition():
    dental = {("Procedure", f"sct|{i}", ""): f"procedure: {n}" for i, n in enumerate([
        "Dental care", "Dental plain X-ray bitewing", "Dental consultation and report", "Dental surgical procedure",
        "Dental fluoride application", "Dental prophylaxis", "Dental examination"])}
    keys = list(dental)
    assert hits("dental films - dates?", keys, dental) == {keys[1]}
    covid = {("Condition", "sct|840539006", ""): "condition diagnosis: COVID-19",
             ("Observation", "loinc|94531-1", ""): "lab test result: SARS-CoV-2 RNA Pnl Resp NAA+probe"}
    keys = list(covid)
    assert hits("do i still have the covid on my chart or is that cleared now", keys, covid) == {keys[0]}
    assert hits("covid test results?", keys, covid) == {keys[1]}


def test_pressure_drugs_refills_and_a_drug_screen_panel():
    assert any("amlodipine" in c for c in class_words("what's she on for her pressure, and what dose?"))
    assert class_words("whats his pressure been?") == []
    assert "Claim" not in families_named("still filling the lithium? what strength is she on")
    doa = {("Observation", "loinc|1", ""): "questionnaire score: Abuse Status [OMAHA]",
           ("Observation", "loinc|2", ""): "lab test result: Drugs of abuse 5 panel - Urine by Screen method"}
    assert hits("uds?", list(doa), doa) == {("Observation", "loinc|2", "")}
    scr = {("Procedure", f"sct|{i}", ""): f"procedure: {n}" for i, n in enumerate(
        ["Colonoscopy", "Rubella screening test", "Urine screening for glucose", "Screening for drug abuse"])}
    assert hits("Confirm whether the patient has a documented screening colonoscopy", list(scr), scr) == {("Procedure", "sct|0", "")}
    cabg = {("Procedure", "sct|1", ""): "procedure: Coronary artery bypass grafting",
            ("Observation", "loinc|8867-4", ""): "vital sign measurement: Heart rate"}
    assert hits("when did my dad have his heart bypass surgery?", list(cabg), cabg) == {("Procedure", "sct|1", "")}


def test_a_drug_told_as_context_does_not_stand_in_for_a_level_the_record_lacks():
    from fhirqa.backends.lexical import adjust
    li, co2 = ("MedicationRequest", "rxnorm|197890", ""), ("Observation", "loinc|20565-8", "")
    texts = {li: "medication prescription: lithium carbonate 300 MG Oral Tablet",
             co2: "lab test result: Carbon dioxide, total [Moles/volume] in Blood"}
    scores = adjust("last lithium level? pt on lithium carbonate, looks toxic", {li: 0.3, co2: 0.3}, texts,
                    {li: [0], co2: [1]}, [{}, {}], {li: 0.4, co2: 0.4})
    assert max(scores.values()) < 0.5


def test_lipids_are_the_panel_and_a_statin_beside_them_does_not_hide_them():
    texts = {("Observation", "loinc|18262-6", ""): "lab test result: Low Density Lipoprotein Cholesterol",
             ("Observation", "loinc|2093-3", ""): "lab test result: Cholesterol [Mass/volume] in Serum or Plasma",
             ("Observation", "loinc|2085-9", ""): "lab test result: Cholesterol in HDL [Mass/volume] in Serum or Plasma",
             ("Observation", "loinc|2571-8", ""): "lab test result: Triglycerides"}
    keys = list(texts)
    assert hits("lipids? is he on a statin", keys, texts) >= {keys[1], keys[3]}
    assert only_families("lipids? is he on a statin") is None
    assert class_words("urine drug screens from the pain mgmt years") == []
    assert any("tacrolimus" in c for c in class_words("is she on any immunosuppressants?"))
    assert "valve" in question_terms("any heart valve problems?") and "heart" not in question_terms("any heart valve problems?")
    assert "x-ray" in question_terms("how many times have they xrayed my knee?")
    assert only_families("pt on anticoagulation? had a PE last yr") == MEDICATION_TYPES


def test_lettered_names_need_their_letter_scores_take_a_panel_s_values_and_plural_kinds_of_a_condition():
    texts = {("Immunization", "cvx|43", ""): "vaccine immunization shot: Hep B, adult",
             ("Immunization", "cvx|52", ""): "vaccine immunization shot: Hep A, adult"}
    assert hits("hep c ab? hx IVDU risk", list(texts), texts) == set()
    fx = {("Condition", f"sct|{i}", ""): f"condition diagnosis: {n}" for i, n in enumerate(
        ["Fracture of bone", "Fracture of forearm", "Fracture subluxation of wrist"])} | {
        ("CarePlan", "sct|9", ""): "care plan: Fracture care"}
    assert hits("any falls or fractures on record? seeing her for wrist strengthening", list(fx), fx) >= {
        ("Condition", "sct|0", ""), ("Condition", "sct|1", ""), ("Condition", "sct|2", "")}
    a1c = {("Observation", "loinc|4548-4", ""): "lab test result: Hemoglobin A1c/Hemoglobin.total in Blood",
           ("Condition", "sct|44054006", ""): "condition diagnosis: Diabetes mellitus type 2"}
    assert ("Observation", "loinc|4548-4", "") in hits("a1c trend? newly dx'd T2DM", list(a1c), a1c)
    assert any("oxycodone" in c and "naproxen" not in c for c in class_words("opioid rx history?"))
    assert any("carbamazepine" in c for c in class_words("which anti-seizure meds has she been prescribed"))
    assert "fundoscopy" in question_terms("retinal imaging from the diabetic eye exam?")
    assert "Encounter" in families_named("when was i last at the dr")
    assert hits("was the 2004 delivery a c section?", [("Procedure", "sct|11466000", "")],
                {("Procedure", "sct|11466000", ""): "procedure: Cesarean section"}) == {("Procedure", "sct|11466000", "")}


def test_request_verbs_resource_type_names_and_births_name_the_right_families():
    assert "DiagnosticReport" not in families_named("Report the patient's date of birth, sex and marital status.")
    assert "DiagnosticReport" in families_named("any reports from the echo?")
    assert "AllergyIntolerance" in families_named("Return all AllergyIntolerance resources with category medication")
    assert "Patient" not in families_named("Confirm whether the patient has a documented screening colonoscopy")
    assert "Patient" not in families_named("were the babies born natural or by c section")
    assert "Condition" in families_named("what did they diagnose?")


def test_a_class_of_visit_is_not_a_thing_the_record_lacks():
    texts = {("Procedure", "sct|1", ""): "procedure: Oxygen administration by mask",
             ("Encounter", "sct|2", ""): "visit encounter: Hospital admission for isolation"}
    assert not absent("Enumerate procedures performed during the patient's most recent inpatient encounter.",
                      list(texts), texts)


def test_a_group_word_qualified_by_allergen_takes_every_test_of_the_group():
    texts = {("Observation", f"loinc|{i}", ""): f"lab test result: {n} IgE Ab [Units/volume] in Serum"
             for i, n in enumerate(["Peanut", "Cat dander", "Egg white", "Latex", "Honey bee", "Codfish", "Walnut", "Wheat"])}
    assert hits("results of the allergen-specific IgE testing", list(texts), texts) == set(texts)
    assert hits("peanut ige?", list(texts), texts) == {("Observation", "loinc|0", "")}


def test_a_pill_box_is_no_birth_control_and_lay_names_of_events():
    assert class_words("what meds should he have in the pill box this week?") == []
    assert class_words("is she still on the pill?") != []
    from fhirqa.lexicon import lay_words
    assert "atrial fibrillation" in lay_words("when did they first tell him he had the irregular heartbeat thing the a fib")
    assert any("concussion" in w for w in lay_words("when mom hit her head and went to the ER"))
    assert any("childbirth" in w for w in lay_words("when was i admitted to have my baby?"))
    assert "cardiac arrest" in lay_words("the night her heart stopped")


def test_a_question_its_hits_name_whole_takes_no_other_topic_however_sure():
    from fhirqa.backends.lexical import adjust
    echo, refugee = ("Procedure", "sct|40701008", ""), ("Condition", "sct|446654005", "")
    texts = {echo: "procedure: Echocardiography", refugee: "condition diagnosis: Refugee"}
    scores = adjust("last echo?", {echo: 0.75, refugee: 0.98}, texts, {echo: [0], refugee: [1]}, [{}, {}],
                    {echo: 0.5, refugee: 0.2})
    assert scores[echo] >= 0.5 > scores[refugee]


def test_a_burn_is_the_condition_before_its_care_plan_and_an_icd_is_a_defibrillator():
    texts = {("CarePlan", "sct|1", ""): "care plan: Burn care", ("Condition", "sct|2", ""): "condition diagnosis: Full thickness burn",
             ("Device", "sct|3", ""): "medical device: Implantable defibrillator, device"}
    assert hits("i got badly burned as a little kid", list(texts), texts) == {("Condition", "sct|2", "")}
    assert hits("icd - when was it placed?", list(texts), texts) == {("Device", "sct|3", "")}


def test_a_fhir_period_is_no_menstrual_period_and_a_drug_the_record_lacks_is_not_found_by_its_purpose():
    from fhirqa.backends.lexical import adjust
    from fhirqa.lexicon import MODEL_LAY, lay_words
    assert lay_words("List the CarePlans with status completed, with their period start and end dates.", MODEL_LAY) == []
    assert lay_words("when was her last period?", MODEL_LAY) == ["menstrual"]
    oud = ("Condition", "sct|1", "")
    texts = {oud: "condition diagnosis: Dependent drug abuse"}
    scores = adjust("Confirm whether the patient has a documented trial of buprenorphine or methadone for opioid use disorder.",
                    {oud: 0.6}, texts, {oud: [0]}, [{}], {oud: 0.5})
    assert scores[oud] < 0.5


def test_a_drug_named_takes_every_product_that_holds_it():
    texts = {("MedicationRequest", "rxnorm|1", ""): "medication prescription: Acetaminophen 325 MG / Oxycodone Hydrochloride 5 MG Oral Tablet",
             ("MedicationRequest", "rxnorm|2", ""): "medication prescription: Abuse-Deterrent 12 HR Oxycodone Hydrochloride 15 MG Extended Release Oral Tablet",
             ("MedicationRequest", "rxnorm|3", ""): "medication prescription: Acetaminophen 325 MG Oral Tablet"}
    assert hits("oxycodone?", list(texts), texts) == {("MedicationRequest", "rxnorm|1", ""), ("MedicationRequest", "rxnorm|2", "")}


def test_fillers_and_counts_name_no_topic():
    assert "mean" not in question_terms("the irregular heartbeat thing the a fib i mean")
    assert "total" not in question_terms("How many Depo-Provera injections did she receive in total?")
    assert "total" in question_terms("total cholesterol trend")
    assert "admissions" not in question_terms("List all inpatient drug rehabilitation and detoxification admissions")
    texts = {("Procedure", "sct|1", ""): "procedure: Nursing care/supplementary surveillance",
             ("Encounter", "sct|2", ""): "visit encounter: Hospital admission"}
    assert ("Procedure", "sct|1", "") in whole_families(
        "Which procedures were performed during the patient's inpatient hospital admission of 2015-02-21?", list(texts), texts)


def test_a_plan_for_a_measure_is_the_plan_for_its_condition_and_a_vaccine_injection_is_a_shot():
    from fhirqa.lexicon import lay_words
    assert lay_words("is there some kind of plan for dad's blood pressure like diet or exercise?") == ["hypertension"]
    assert lay_words("any care plan for his blood pressure?") == ["hypertension"]
    assert families_named("when I last had my tetanus injection?") == {"Immunization"}
    assert "injection" not in question_terms("when I last had my tetanus injection?")
    assert families_named("insulin injection") >= {"MedicationAdministration"}


def test_a_member_named_beside_its_panel_is_asked_and_panel_words_name_no_topic():
    from fhirqa.lexicon import lay_words
    assert lay_words("hgb on her cbc?") == ["hemoglobin"]
    assert lay_words("what my blood count showed, the haemoglobin in particular?") == []
    assert "cbc" not in question_terms("hgb on her cbc?")
    assert lay_words("last cbc?")[0].startswith("cbc")
    assert lay_words("ldl on her lipid panel?") == ["low-density lipoprotein cholesterol"]
    # several members, or "etc", ask for the panel
    assert "cholesterol triglycerides lipid panel" in lay_words("last lipid panel? need tc/ldl/hdl/tg")
    assert lay_words("can you pull up my lipid panel results? cholesterol etc") == ["cholesterol triglycerides lipid panel"]


def test_what_names_no_topic_greetings_names_of_rates_and_quoted_names():
    for w in ("hi", "if", "pharmacy", "believe", "more", "wasnt", "due", "worried", "orders", "into"):
        assert w not in question_terms(f"hi if pharmacy believe more wasnt due worried orders into {w} potassium")
    texts = {("Observation", "loinc|8867-4", ""): "vital sign measurement: Heart rate",
             ("Condition", "sct|1", ""): "condition diagnosis: Ischemic heart disease"}
    assert hits("has he ever been in the hospital for his heart?", list(texts), texts) == {("Condition", "sct|1", "")}
    assert hits("heart rate trend", list(texts), texts) == {("Observation", "loinc|8867-4", "")}
    texts = {("Encounter", "sct|1", ""): "visit encounter: Emergency hospital admission",
             ("Encounter", "sct|2", ""): "visit encounter: Emergency room admission"}
    assert hits("Count the Encounters of type 'Emergency hospital admission' in 2012", list(texts), texts) == {
        ("Encounter", "sct|1", "")}


def test_an_absent_item_on_the_allergy_list_and_a_user_s_daughter():
    texts = {("AllergyIntolerance", "sct|1", ""): "allergy: Bee venom"}
    assert absent("peanut on her allergy list?", list(texts), texts)
    assert not absent("bee venom on her allergy list?", list(texts), texts)
    from fhirqa.backends.topic_match import set_aside
    strep = ("Condition", "sct|2", "")
    texts = {strep: "condition diagnosis: Streptococcal sore throat"}
    assert set_aside("User asks: when was their daughter diagnosed with strep throat?", [strep], texts) == set()
    assert set_aside("did her mother ever have strep throat?", [strep], texts) == {strep}


def test_fhir_type_names_name_no_topic():
    assert question_terms("Return the MedicationRequest resources authored between 2014-01-01 and 2015-12-31.") == []


def test_request_verbs_name_no_topic():
    from fhirqa.topics import content_words
    assert "DiagnosticReport" not in families_named("Extract BP series for subject; report most recent systolic/diastolic.")
    assert "DiagnosticReport" in families_named("any lab reports from 2019?")
    assert "extract" not in content_words("Extract all inpatient admissions (class IMP) with dates.")


def test_insurance_and_form_words_name_no_topic():
    assert "member" not in question_terms("Return the member's most recent body mass index with date.")
    for q in ("Return active care plans only.", "Most recent hospital admission: date and reason.",
              "Confirm whether any imaging studies are on file. If yes, return modality/description and date.",
              "Is she still on metformin, and which formulation?", "Has she had any fluoride treatments? Checking."):
        assert not set(question_terms(q)) & {"only", "reason", "whether", "studies", "modality", "description",
                                              "formulation", "checking"}, q
    assert "Patient" not in families_named("old fx? which bone, when")
    assert "Patient" in families_named("how old is she?")
    assert "Patient" not in families_named("I see a few carbamazepine entries and want to know which one is live.")
    assert "Claim" not in families_named("Return the total count of movement therapy sessions billed/recorded.")


def test_imaging_on_file_takes_the_x_ray_recorded_only_as_a_procedure():
    study, xray = ("ImagingStudy", "snomed|241046008", ""), ("Procedure", "snomed|713026007", "")
    bitewing, suture = ("Procedure", "snomed|241046008", ""), ("Procedure", "snomed|288086009", "")
    texts = {study: "ImagingStudy: Dental plain X-ray bitewing", xray: "Procedure: Plain X-ray of humerus",
             bitewing: "Procedure: Dental plain X-ray bitewing", suture: "Procedure: Suture open wound"}
    assert whole_families("imaging on file?", list(texts), texts) == {study, xray, bitewing}


def test_a_longer_class_name_wins_and_new_classes():
    assert any("levora" in c for c in class_words("wat birth control pills have i been on?"))
    assert not any("etonogestrel" in c for c in class_words("wat birth control pills have i been on?"))
    assert any("methylphenidate" in c for c in class_words("is he on any stimulant?"))


def test_without_reasons_the_drugs_for_a_condition_are_those_ordered_at_its_sick_visit():
    sick = {"resourceType": "Encounter", "id": "e1", "type": [{"coding": [{"display": "Encounter for symptom"}]}]}
    exam = {"resourceType": "Encounter", "id": "e2", "type": [{"coding": [{"display": "General examination of patient"}]}]}
    om = {"resourceType": "Condition", "id": "c", "encounter": {"reference": "Encounter/e1"},
          "onsetDateTime": "2025-10-31", "abatementDateTime": "2025-11-20"}
    amox = {"resourceType": "MedicationRequest", "id": "m", "encounter": {"reference": "Encounter/e1"}, "authoredOn": "2025-10-31"}
    statin = {"resourceType": "MedicationRequest", "id": "s", "encounter": {"reference": "Encounter/e2"}, "authoredOn": "2025-10-31"}
    ck, ak, sk = ("Condition", "sct|65363002", ""), ("MedicationRequest", "rx|1", ""), ("MedicationRequest", "rx|2", "")
    groups = {ck: [2], ak: [3], sk: [4]}
    assert treatments("what meds were prescribed for the otitis media?", {ck}, groups, [sick, exam, om, amox, statin]) == {ak}
    del om["abatementDateTime"]  # a standing illness (a cancer): not everything ordered the day it was found
    assert treatments("what meds were prescribed for the otitis media?", {ck}, groups, [sick, exam, om, amox, statin]) == set()
    om["abatementDateTime"] = "2025-11-20"
    om["encounter"] = {"reference": "Encounter/e2"}  # found at a check-up: what was renewed there is not for it
    assert treatments("what meds were prescribed for the otitis media?", {ck}, groups, [sick, exam, om, amox, statin]) == set()


def test_agent_request_words_name_no_topic():
    for q in ("Retrieve all diagnostic imaging performed (modality, body site, date). Output as a list; return an empty list if none exists.",
              "Enumerate all care plans with category, status and planned activities. Then indicate whether any remains active.",
              "Generate the patient's current medication list; group duplicate orders per drug",
              "For the encounter on 2025-05-25, enumerate all procedures performed, with their SNOMED codes.",
              "RETURN every MedicationRequest (drug, date written); flag stale orders",
              "flag any that are likely stale orders rather than real current therapy",
              "hx ectopic? how was it managed?", "Inpatient detox admissions - dates and length of stay?"):
        assert not set(question_terms(q)) & {"diagnostic", "empty", "none", "exists", "then", "remains", "generate",
                                              "group", "duplicate", "snomed", "codes", "written", "flag", "stale",
                                              "therapy", "managed", "length"}, (q, question_terms(q))


def test_words_with_another_sense_and_new_families():
    assert "glomerular" not in question_terms("Was any molecular testing done on her tumor - EGFR, ALK, or PD-L1?")
    assert "glomerular" in question_terms("last egfr?")
    assert "Coverage" in families_named("Is there an active insurance coverage on file? If yes, payer and plan.")
    assert "Procedure" in families_named("contraceptive implant hx - all insertion/removal dates?")
    assert "Condition" not in families_named("was tissue dx ever obtained on her?")
    assert "Patient" not in families_named("which MedicationRequests were still active at the time of death")
    assert "biopsy" in question_terms("was tissue dx ever obtained on her?")
    assert "tuberculosis" in question_terms("TB screening on file?")


def test_a_vaccine_named_with_a_verb_of_doses_is_no_disease_and_a_hospice_admission_is_hospice():
    hepb = ("Immunization", "cvx|43", "")
    texts = {hepb: "vaccine immunization shot: Hep B, adult"}
    assert hits("hep B series - how many doses does he have and on what dates?", list(texts), texts) == {hepb}
    care, stay = ("Procedure", "sct|385763009", ""), ("Encounter", "sct|305336008", "")
    texts = {care: "procedure: Hospice care", stay: "visit encounter: Admission to hospice"}
    assert hits("When did the member elect hospice?", list(texts), texts) == {care, stay}


def test_a_lacking_test_rules_out_the_group_it_names():
    dep = ("Procedure", "sct|171207006", "")
    texts = {dep: "procedure: Depression screening"}
    assert absent("Is there a TB screening result on file (PPD or QuantiFERON)?", list(texts), texts)
    assert "screening" not in without_lacking("Is there a TB screening result on file?", list(texts), texts)


def test_a_checkup_question_is_not_absent_when_the_record_has_check_ups():
    texts = {("Encounter", "sct|185349003", ""): "visit encounter: Encounter for check up",
             ("Immunization", "cvx|03", ""): "vaccine immunization shot: MMR"}
    assert not absent("what shots did she get at her checkup in july twenty sixteen", list(texts), texts)


def test_an_allergy_question_whose_other_words_name_no_allergy_takes_every_allergy():
    aspirin, mold = ("AllergyIntolerance", "rx|1191", ""), ("AllergyIntolerance", "sct|84489001", "")
    texts = {aspirin: "allergy intolerance: Aspirin", mold: "allergy intolerance: Mold (organism)", **TEXTS}
    keys = list(texts)
    q = "any drug allergies before I hand out anything for headache?"
    assert whole_families(q, keys, texts) == {aspirin, mold}  # the kind is filtered later
    assert whole_families("does he have a peanut allergy in his chart?", keys, texts) == set()  # an allergen named
    assert whole_families("am i alergic to penicilin? i cant remember", keys, texts) == set()  # one thing asked
    assert whole_families("peanut IgE level from the allergy workup?", keys, texts) == set()  # tests


def test_conditions_naming_every_asked_word_all_count_however_much_else_they_say():
    suspected, nsclc = ("Condition", "sct|162573006", ""), ("Condition", "sct|254637007", "")
    staged = ("Condition", "sct|424132000", "")
    texts = {suspected: "condition diagnosis: Suspected lung cancer", nsclc: "condition diagnosis: Non-small cell lung cancer",
             staged: "condition diagnosis: Non-small cell carcinoma of lung, TNM stage 1",
             ("Procedure", "sct|432231006", ""): "procedure: Fine needle aspiration biopsy of lung", **TEXTS}
    q = "What lung cancer diagnosis is documented - histology, stage, and the date it was confirmed?"
    assert hits(q, list(texts), texts) == {suspected, nsclc, staged}


def test_an_instruction_to_check_is_not_a_checkup_and_a_claimant_is_not_a_topic():
    assert question_terms("is he still on the omeprazole? check his prescriptions and tell me") == ["omeprazole"]
    assert question_terms("when was her last check up?") == ["check"]
    assert question_terms("any care plans initiated for the claimant from 2013-01-01 through 2014-12-31?") == []


def test_the_colon_cancer_regimen_is_chemotherapy():
    assert any("oxaliplatin" in c and "leucovorin" in c for c in class_words("what chemotherapy did he receive?"))


def test_more_shorthand_a_clinician_or_parent_uses():
    from fhirqa.backends.topic_match import in_name, set_aside
    assert in_name("cd4", ["cd3+cd4+", "t4", "helper", "cells"]) and not in_name("cd8", ["cd3+cd4+"])
    assert question_terms("The shots for pneumonia, she got which ones and when?") == ["pneumococcal"]
    assert "resection" in question_terms("colectomy date?")
    assert "Device" in families_named("any DME issued? boot/crutches")
    assert any("elvitegravir" in c for c in class_words("ART - current regimen?"))
    weight = ("Observation", "loinc|29463-7", "")
    q = 'User says: "what did my baby weigh when I had the c-section?"'
    assert weight in set_aside(q, [weight], {weight: "vital sign measurement: Body Weight"})
    assert weight not in set_aside("what did my baby weigh at her last checkup?", [weight], {weight: "vital sign measurement: Body Weight"})


def test_a_plan_naming_no_condition_is_for_those_diagnosed_at_its_visit():
    resources = [{"resourceType": "Condition", "id": "c", "encounter": {"reference": "Encounter/e"},
                  "code": {"coding": [{"system": "http://snomed.info/sct", "code": "24079001", "display": "Atopic dermatitis"}]}},
                 {"resourceType": "CarePlan", "id": "p", "encounter": {"reference": "Encounter/e"},
                  "category": [{"coding": [{"system": "http://snomed.info/sct", "code": "711282006",
                                            "display": "Skin condition care"}]}]}]
    texts = unique_texts(resources, group_topics(resources))
    assert [t for k, t in texts.items() if k[0] == "CarePlan"] == ["care plan: Skin condition care for Atopic dermatitis"]


def test_a_birthday_as_a_time_and_the_name_of_a_thing_are_no_demographics():
    assert "Patient" not in families_named("count the DTaP doses on or before the child's 2nd birthday (2027-08-06)")
    assert "Patient" not in families_named("she wants the name of the medicine she was given")
    assert "Patient" in families_named("what is the name of the patient?")
    assert question_terms("numerator evidence of Tdap doses") == ["tdap", "bordetella", "pertussis"]


def test_eye_shots_are_the_intravitreal_injections_not_the_eye_exams():
    exam, shot = ("Procedure", "sct|722161008", ""), ("Procedure", "sct|1004045004", "")
    drug, ratio = ("MedicationAdministration", "rx|1657066", ""), ("Observation", "loinc|39156-5", "")
    texts = {exam: "procedure: Diabetic retinal eye exam (procedure)",
             shot: "procedure: Intravitreal injection of anti-vascular endothelial growth factor (procedure)",
             drug: "medication given: 4 ML bevacizumab 25 MG/ML Injection",
             ratio: "lab test result vital sign: Body mass index (BMI) [Ratio]"}
    assert hits("how many eye shots did dad get in 2022? the injections for his eyes", list(texts), texts) == {shot, drug}
    assert not hits("urine albumin-to-creatinine ratio results", list(texts), texts)  # a scale, not a name


def test_two_lettered_names_keep_both():
    a, b = ("Immunization", "cvx|83", ""), ("Immunization", "cvx|43", "")
    texts = {a: "vaccine immunization shot: Hep A, ped/adol, 2 dose", b: "vaccine immunization shot: Hep B, adult"}
    assert hits("hep a and hep b status?", list(texts), texts) == {a, b}
    assert hits("hep b?", list(texts), texts) == {b} and not hits("hep c?", list(texts), texts)


def test_everyday_words_go_clinical_words_stay():
    from fhirqa.backends.everyday import without_everyday
    texts = {("CarePlan", "sct|1", ""): "care plan: Asthma self management"}
    assert without_everyday("Any active care plans I should coordinate with?", texts) == "Any active care plans I should with?"
    assert without_everyday("any care plans for dialysis?", texts) == "any care plans for dialysis?"  # a thing she lacks
    assert without_everyday("when was his last tetnus shot?", texts) == "when was his last tetnus shot?"  # a typo
    assert without_everyday("is a legal guardian documented?", texts) == "is a legal guardian documented?"  # names nothing else


def test_a_drug_name_split_by_dictation_is_joined():
    from fhirqa.lexicon import typo_fixed
    assert typo_fixed("is dad still takin sim vastatin for his cholestrol?") == \
        "is dad still taking simvastatin for his cholestrol?"
    assert typo_fixed("what is her blood pressure") == "what is her blood pressure"  # two words of the lexicon


def test_a_pharmacy_asked_for_is_no_drug_order():
    from fhirqa.backends.topic_match import only_families
    assert only_families("what pharmacy dose mom use? need to transfer her scrips") == {"Organization"}
    assert only_families("do i have any allergys on file?? the pharmacy asked me") == {"AllergyIntolerance"}


def test_an_abbreviation_in_capitals_is_never_an_everyday_word():
    from fhirqa.backends.everyday import without_everyday
    texts = {("Observation", "loinc|1", ""): "lab test result: Hemoglobin A1c"}
    assert "BRCA" in without_everyday("did my moms BRCA test come back positive", texts)
    assert "rsv" not in without_everyday("did her rsv test come back positive", texts)  # lower case: no telling


def test_which_drug_for_a_condition_keeps_the_condition_but_a_current_one_does_not():
    from fhirqa.backends.topic_links import asks_which_drug, purpose_dropped
    otitis = ("Condition", "snomed|65363002", "")
    amox = ("MedicationRequest", "rxnorm|308192", "")
    q = "what medicine was prescribed for the ear infection in october 2024?"
    assert asks_which_drug(q) and purpose_dropped(q, {otitis, amox}) == {otitis, amox}
    assert "Condition" in only_families(q)
    current = "what meds is she currently taking for her headaches?"
    assert not asks_which_drug(current) and purpose_dropped(current, {otitis, amox}) == {amox}
    named = "what antibiotics were given for the sepsis"  # a class named: the drugs only
    assert not asks_which_drug(named) and purpose_dropped(named, {otitis, amox}) == {amox}


def test_age_and_sex_shorthand_and_the_asker_s_words_name_nothing():
    assert question_terms("pt 20F - current meds?") == []
    assert not {"baby", "remember"} & set(question_terms("my baby had an appointment, I do not remember"))
    assert families_named("peds pt, confirm DOB") == {"Patient"}
    assert families_named("The paperwork says he had allergy blood work done. What did it show?") == {"Observation"}
    assert "AllergyIntolerance" in families_named("any allergy to penicillin?")


def test_a_drug_class_counts_once_and_its_members_rule_out_the_drugs_the_classifier_adds():
    from fhirqa.backends.lexical import adjust
    combo, alone, apap = (("MedicationRequest", f"rxnorm|{i}", "") for i in (1, 2, 3))
    texts = {combo: "medication prescription: Acetaminophen 325 MG / Oxycodone Hydrochloride 5 MG Oral Tablet",
             alone: "medication prescription: Abuse-Deterrent 12 HR Oxycodone Hydrochloride 15 MG Extended Release Oral Tablet",
             apap: "medication prescription: Acetaminophen 325 MG Oral Tablet"}
    assert hits("number of prescriptions for opioid analgesics", list(texts), texts) == {combo, alone}
    assert hits("percocet?", list(texts), texts) == {combo}  # a brand holding two drugs: both
    astemizole = ("MedicationRequest", "rxnorm|4", "")
    texts[astemizole] = "medication prescription: Astemizole 10 MG Oral Tablet"
    groups = {k: [i] for i, k in enumerate(texts)}
    sims = {k: 0.5 for k in texts}
    scores = adjust("what antihistamine was she on?", {combo: 0.1, alone: 0.1, apap: 0.98, astemizole: 0.9},
                    texts, groups, [{}] * 4, sims)
    assert scores[astemizole] >= 0.5 and scores[apap] < 0.5


def test_a_drug_screen_is_a_lab_and_a_word_is_not_its_adjective():
    assert families_named("What did his last urine drug screen show?") == {"Observation"}
    from fhirqa.backends.topic_match import same
    assert not same("supplement", "supplementary") and same("supplement", "supplements")
    assert "daily" not in question_terms("what daily calorie targets?")


def test_an_active_patient_is_the_patient_and_letter_words_name_nothing():
    assert families_named("Is she still an active patient?") == {"Patient"}
    assert question_terms("Dear Records Department, regarding the applicant: please list all encounters") == []
    assert question_terms("hx of fx? which bone") == ["fracture"]


def test_food_allergies_take_every_allergy_for_the_kind_to_sort():
    egg, nut = ("AllergyIntolerance", "sct|1", ""), ("AllergyIntolerance", "sct|2", "")
    texts = {egg: "allergy intolerance: Eggs (edible)", nut: "allergy intolerance: Tree nut"}
    assert whole_families("Does she have any food allergies I need to work around for her meal plan?",
                          list(texts), texts) == {egg, nut}


def test_a_history_of_a_disease_is_not_its_follow_up_visits():
    asthma, visits = ("Condition", "sct|1", ""), ("Encounter", "sct|2", "")
    texts = {asthma: "condition diagnosis: Childhood asthma", visits: "visit encounter: Asthma follow-up"}
    assert hits("Any history of asthma?", list(texts), texts) == {asthma}
    assert hits("how many asthma follow-up visits?", list(texts), texts) == {visits}


def test_allergic_reactions_are_diagnoses_and_an_implant_asked_as_a_device_is_its_insertion():
    assert only_families("Any severe or acute allergic reactions since 2016?") == {"AllergyIntolerance", "Condition"}
    assert "epinephrine" in question_terms("active epi-pen order?") and "auto-injector" in question_terms("epipen?")
    put, rod = ("Procedure", "sct|1", ""), ("Device", "sct|2", "")
    texts = {put: "procedure: Insertion of subcutaneous contraceptive", rod: "medical device: Wheelchair"}
    assert hits("Devices/implants: is her nexplanon in right now?", list(texts), texts) == {put}


def test_the_asker_s_notes_are_no_record_and_injuries_and_their_plans_are_both_asked():
    assert families_named("Burn history for my wound notes - when were his burn injuries, and was a burn care plan "
                          "set up?") == {"Condition", "CarePlan"}
    burn, plan = ("Condition", "sct|1", ""), ("CarePlan", "sct|2", "")
    texts = {burn: "condition diagnosis: Burn injury", plan: "care plan: Burn care"}
    assert hits("when were his burn injuries, and was a burn care plan set up?", list(texts), texts) == {burn, plan}


def test_pt_beside_inr_is_the_prothrombin_time():
    assert "prothrombin" in question_terms("send the coagulation studies (PT and INR) drawn in May 2011")
    assert "prothrombin" not in question_terms("pt on warfarin, last inr?")


def test_a_machine_s_pressure_a_shipment_and_a_screening_said_of_a_kind():
    assert "pressure" not in question_terms("what pressure is my CPAP supposed to be set at?")
    assert "systolic" in question_terms("what was her pressure at the last visit?")
    assert "childbirth" not in question_terms("when did he last get lancets delivered?")
    assert "childbirth" in question_terms("when was her baby delivered?")
    assert "car" in question_terms("CRAFFT done?")
    sub, dep = ("Procedure", "sct|1", ""), ("Procedure", "sct|2", "")
    texts = {sub: "procedure: Assessment of substance use screening", dep: "procedure: Depression screening"}
    assert hits("substance use screening done?", list(texts), texts) == {sub}
    assert hits("depression screening done?", list(texts), texts) == {dep}


def test_an_allergen_said_before_allergy_and_drug_classes_of_the_gut_and_bone():
    aspirin = ("AllergyIntolerance", "rx|1191", "")
    texts = {aspirin: "allergy intolerance: Aspirin"}
    assert absent("any egg allergy we should know about?", list(texts), texts)
    assert not absent("any aspirin allergy we should know about?", list(texts), texts)
    assert not absent("any drug allergies?", list(texts), texts)
    assert "famotidine" in question_terms("current acid suppression (PPI / H2RA)?")
    assert "alendronic" in question_terms("on a bisphosphonate?")
    assert "triglycerides" in question_terms("last TG?") and "elastography" in question_terms("any FibroScan?")


def test_a_diagnosis_asked_beside_a_drug_class_and_the_liver_tests():
    assert "Condition" in only_families("F, HTN - dx date + antihypertensives?")
    assert "Condition" not in only_families("which antihypertensives is she on?")
    assert "albumin" not in question_terms("most recent LFTs") and "bilirubin" in question_terms("most recent LFTs")
    assert "stool" in question_terms("FIT result?") and "stool" not in question_terms("fit for surgery?")
    assert "occult" in question_terms("FIT result?")
    pollen = ("AllergyIntolerance", "sct|1", "")
    texts = {pollen: "allergy intolerance: Tree pollen"}
    assert absent('User says: "does my baby have a peanut allergy in his chart??"', list(texts), texts)


def test_an_ankle_brachial_index_is_no_bmi_and_measured_names_nothing():
    terms = question_terms("was an ankle-brachial index ever measured, and what was it?")
    assert "brachial" in terms and "index" not in terms and "ankle" not in terms and "measured" not in terms


def test_screening_scores_are_the_score_observations_not_the_screenings():
    from fhirqa.backends.lexical import adjust
    proc, score = ("Procedure", "sct|171207006", ""), ("Observation", "loinc|55758-7", "")
    texts = {proc: "procedure: Depression screening", score: "lab test result: Patient Health Questionnaire 2 item (PHQ-2) total score"}
    record = [{"resourceType": "Procedure", "id": "p"}, {"resourceType": "Observation", "id": "o"}]
    scores = adjust("What have her PHQ-2 depression screening scores been?", {proc: 0.2, score: 0.2}, texts,
                    {proc: [0], score: [1]}, record, {proc: 0.4, score: 0.5})
    assert scores[score] >= 0.5 and scores[proc] < 0.5
    scores = adjust("when was her depression screening?", {proc: 0.2, score: 0.2}, texts, {proc: [0], score: [1]},
                    record, {proc: 0.4, score: 0.5})
    assert scores[proc] >= 0.5


def test_phq9_teen_names_the_teen_form_and_a_longer_phrase_hides_its_plural_part():
    from fhirqa.lexicon import lay_phrases
    assert question_terms("PHQ-9 teen scores")[:2] == ["questionnaire-9", "modified"]
    assert question_terms("PHQ-9 scores") == ["phq-9"]  # the adult form: its name says "PHQ-9"
    assert lay_phrases("Anti-HBs on file?") == ["anti-hbs"]  # not "hb" (hemoglobin) for its "HBs"


def test_british_spellings_and_words_read_as_the_codes_are_written():
    from fhirqa.spelling import american
    assert american("what was his haemoglobin? a bit anaemic") == "what was his hemoglobin? a bit anemic"
    assert american("paediatric immunisations, oedema, leukaemia, tumours") == (
        "pediatric immunizations, edema, leukemia, tumors")
    assert american("does she have shoes or toes? our doctor") == "does she have shoes or toes? our doctor"
    assert "simvastatin" in " ".join(class_words("was she ever put on cholesterol tablets?"))  # tablets are pills
    assert question_terms("how did her memory test scores go?") == ["mmse"]


def test_how_the_asker_writes_names_no_patient_field():
    assert families_named("im filling out the daycare form on my phone, MMR shot dates?") == {"Immunization"}
    assert "Patient" in families_named("what phone number is on file?")
