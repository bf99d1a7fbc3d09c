from fhirqa.backends.beside import FactsBeside, grounded
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
    assert a.text.startswith("Her last A1c was 6.2% on 2020-02-04. The latest Hemoglobin A1c was 6.2 % on 2020-02-04.")
    assert a.citations[0] == "Observation/o2"
    b = FactsBeside(Says("Her last A1c was 5.9% on 2021-01-01.")).generate("last a1c?", rs)
    assert b.text.startswith("The latest Hemoglobin A1c was 6.2 % on 2020-02-04.")
    assert FactsBeside(Says("anything")).generate("last a1c?", []).text == "No matching records."
