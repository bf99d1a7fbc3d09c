from fhirqa.backends.beside import FactsBeside, counts, grounded
from fhirqa.backends.local_llm import whole
from fhirqa.models import Answer


def _obs(i, when, v):
    return {"resourceType": "Observation", "id": f"o{i}", "status": "final", "effectiveDateTime": when,
            "code": {"coding": [{"system": "http://loinc.org", "code": "4548-4", "display": "Hemoglobin A1c"}]},
            "valueQuantity": {"value": v, "unit": "%"}}


class Says:
    def __init__(self, text):
        self.text = text

    def generate(self, question, resources, history=()):
        return Answer(self.text, ["Observation/o2"])


def test_grounded_numbers_and_dates_must_be_in_the_sources():
    assert grounded("Her last A1c was 6.2% on 2020-02-04.", "6.2 % on 2020-02-04")
    assert not grounded("She has had 22 flu shots.", "12 in all from 2014-01-02 to 2020-02-04")
    assert not grounded("It was 6.2%.", "16.2 %")  # a number inside another is not the number
    assert grounded("No numbers in an A1c or B12.", "")


def test_the_sentence_comes_first_then_the_facts_and_an_ungrounded_sentence_is_dropped():
    rs = [_obs(1, "2013-12-31", 7.1), _obs(2, "2020-02-04", 6.2)]
    a = FactsBeside(Says("Her last A1c was 6.2% on 2020-02-04.")).generate("last a1c?", rs)
    assert a.text.startswith("Her last A1c was 6.2% on 2020-02-04. The latest Hemoglobin A1c (HbA1c) was 6.2 % on 2020-02-04.")
    assert a.citations[0] == "Observation/o2"
    b = FactsBeside(Says("Her last A1c was 5.9% on 2021-01-01.")).generate("last a1c?", rs)
    assert b.text.startswith("The latest Hemoglobin A1c (HbA1c) was 6.2 % on 2020-02-04.")
    assert FactsBeside(Says("anything")).generate("last a1c?", []).text == "No matching records."


def _plan(i, status, display):
    return {"resourceType": "CarePlan", "id": f"c{i}", "status": status, "period": {"start": f"201{i}-01-01"},
            "category": [{"coding": [{"system": "http://snomed.info/sct", "code": "1", "display": display}]}]}


def test_a_count_the_records_give_is_grounded_and_a_wrong_count_is_not():
    rs = [_plan(1, "active", "Diabetes self management plan"), _plan(2, "active", "Asthma self management"),
          _plan(3, "completed", "Wound care")]
    assert counts(rs) >= {3, 2, 1}
    kept = FactsBeside(Says("She has 2 active care plans.")).generate("active care plans?", rs)
    assert kept.text.startswith("She has 2 active care plans. ")
    dropped = FactsBeside(Says("She has 7 active care plans.")).generate("active care plans?", rs)
    assert not dropped.text.startswith("She has 7")


def test_yes_is_said_once():
    rs = [_obs(1, "2013-12-31", 7.1)]
    a = FactsBeside(Says("Yes, she had an A1c on 2013-12-31.")).generate("any a1c done?", rs)
    assert a.text.count("Yes") == 1 and a.text.startswith("Yes, she had an A1c on 2013-12-31. Hemoglobin A1c"), a.text


def test_a_reply_cut_off_by_the_token_limit_ends_at_its_last_whole_item():
    assert whole("He has 2 devices: a pump (2019-01-02, active), a lead (2019-") == "He has 2 devices: a pump (2019-01-02, active)."
    assert whole("Her BMI was 36.3 kg/m2. It rose fr") == "Her BMI was 36.3 kg/m2."
    assert whole("Her BMI was 36.3 kg/m2 on 2020-01-02.") == "Her BMI was 36.3 kg/m2 on 2020-01-02."
    assert whole("His last shot was on 2019-11-16 (7 doses in all, the first on 1") == "His last shot was on 2019-11-16."
    assert whole("His LDL went from 65.9 mg/dL to 1") == "His LDL went from 65.9 mg/dL to 1"  # nothing whole: dropped later
    assert whole("unbroken words with no stop") == "unbroken words with no stop"


def test_a_value_said_with_the_wrong_day_drops_the_sentence():
    rs = [_obs(1, "2013-12-31", 7.1), _obs(2, "2020-02-04", 6.2)]
    wrong = FactsBeside(Says("Her most recent A1c was 7.1% on 2020-02-04.")).generate("last a1c?", rs)
    assert wrong.text.startswith("The latest Hemoglobin A1c (HbA1c) was 6.2 %"), wrong.text
    right = FactsBeside(Says("It was 7.1% on 2013-12-31 and 6.2 % on 2020-02-04.")).generate("a1c trend?", rs)
    assert right.text.startswith("It was 7.1% on 2013-12-31"), right.text
    stale = FactsBeside(Says("Her most recent A1c was 7.1% on 2013-12-31.")).generate("last a1c?", rs)
    assert stale.text.startswith("The latest Hemoglobin A1c (HbA1c) was 6.2 %"), stale.text
    first = FactsBeside(Says("Her first A1c was 7.1% on 2013-12-31.")).generate("first a1c?", rs)
    assert first.text.startswith("Her first A1c was 7.1%"), first.text


def test_the_default_answers_lead_sentence_is_capped_and_the_model_runs_in_the_type_asked(monkeypatch):
    import pytest
    import torch

    from fhirqa.backends import local_llm, smollm
    from fhirqa.config import Settings
    from fhirqa.errors import InputError

    seen = []
    monkeypatch.setattr(local_llm, "answer_adapter", lambda: "adapter")
    monkeypatch.setattr(local_llm, "_finetuned", lambda s: seen.append(s.max_new_tokens) or FactsBeside(None))
    local_llm._default(Settings(max_new_tokens=48))
    local_llm._default(Settings(max_new_tokens=16))
    assert seen == [local_llm.LEAD_TOKENS, 16]

    layer = torch.nn.Linear(2, 2)
    assert smollm.for_inference(layer, "float32").weight.dtype == torch.float32
    monkeypatch.setattr(smollm, "native_bf16", lambda: False)
    assert smollm.for_inference(layer, "auto").weight.dtype == torch.float32
    monkeypatch.setattr(smollm, "native_bf16", lambda: True)
    assert smollm.for_inference(layer, "auto").weight.dtype == torch.bfloat16
    with pytest.raises(InputError):
        smollm.for_inference(layer, "int3")


def test_the_answer_model_reads_at_most_the_lines_set():
    import pytest

    from fhirqa.backends.local_llm import LocalLLMGenerator, chat_messages
    from fhirqa.errors import InputError

    rs = [{"resourceType": "Observation", "id": f"o{i}", "status": "final", "effectiveDateTime": f"201{i}-01-01",
           "code": {"text": "Hemoglobin A1c"}, "valueQuantity": {"value": 6 + i / 10, "unit": "%"}} for i in range(5)]
    text = chat_messages("last a1c?", rs, lines=2)[1]["content"]
    assert "[2]" in text and "[3]" not in text and "2014-01-01" in text and "2012-01-01" not in text.split("Facts:")[0]
    assert "[5]" in chat_messages("last a1c?", rs)[1]["content"]  # the default: all five (up to 12)
    with pytest.raises(InputError):
        LocalLLMGenerator(None, None, lines=0)


def test_a_lead_with_a_wrong_total_or_cut_off_is_dropped():
    rs = [{"resourceType": "Immunization", "id": f"i{i}", "status": "completed", "occurrenceDateTime": f"201{i}-01-01",
           "vaccineCode": {"text": "Influenza" if i % 2 else "Tdap"}} for i in range(6)]
    facts = FactsBeside(Says("x")).facts.generate("which vaccines?", rs).text
    assert FactsBeside(Says("5 immunizations are recorded.")).generate("which vaccines?", rs).text == facts
    assert FactsBeside(Says("6 immunizations are recorded.")).generate("which vaccines?", rs).text != facts
    assert FactsBeside(Says("2 vaccines are recorded.")).generate("which vaccines?", rs).text != facts  # two kinds
    assert FactsBeside(Says("Her last shot was on 2015")).generate("which vaccines?", rs).text == facts  # cut off


def test_a_lead_that_says_no_where_the_records_say_yes_is_dropped():
    orders = [{"resourceType": "MedicationRequest", "id": f"m{i}", "status": "active", "authoredOn": f"202{i}-01-01",
               "medicationCodeableConcept": {"text": "adalimumab 40 MG"}} for i in range(3)]
    still = "is the member still on adalimumab?"
    facts = FactsBeside(Says("x")).facts.generate(still, orders).text
    assert FactsBeside(Says("No, her latest renewal is 2022-01-01.")).generate(still, orders).text == facts
    assert FactsBeside(Says("Yes, renewed on 2022-01-01.")).generate(still, orders).text != facts
    shot = [{"resourceType": "Immunization", "id": "i1", "status": "completed", "occurrenceDateTime": "2026-11-11",
             "vaccineCode": {"text": "HPV, quadrivalent"}}]
    ever = "did she get the hpv shot yet?"
    assert FactsBeside(Says("No.")).generate(ever, shot).text == FactsBeside(Says("x")).facts.generate(ever, shot).text
    stopped = [dict(orders[0], status="stopped")]  # "No" may be right when an order was stopped
    assert FactsBeside(Says("No, it was stopped.")).generate(still, stopped).text.startswith("No, it was stopped.")
