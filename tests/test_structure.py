import pytest

from fhirqa.agent.structure import parse

BIRTH, TODAY = "1969-10-19", "2020-06-30"


@pytest.mark.parametrize("question,start,end", [
    ("Which vaccines did she get in 2019?", "2019-01-01", "2019-12-31"),
    ("labs between March and June 2014", "2014-03-01", "2014-06-30"),
    ("meds from March to June 2014", "2014-03-01", "2014-06-30"),
    ("conditions before 2010", None, "2009-12-31"),
    ("any shots since 2015?", "2015-01-01", None),
    ("what was diagnosed before her 30th birthday", None, "1999-10-18"),
    ("what happened when she was 12", "1981-10-19", "1982-10-18"),
    ("blood pressure on 2019-03-02", "2019-03-02", "2019-03-02"),
    ("visits in the last 2 years", "2018-07-01", "2020-06-30"),
    ("glucose in May 2018", "2018-05-01", "2018-05-31"),
    ("What was her last HbA1c?", None, None),
])
def test_windows(question, start, end):
    s = parse(question, BIRTH, TODAY)
    assert (s.start, s.end) == (start, end)


@pytest.mark.parametrize("question,order,status", [
    ("What was her last HbA1c?", "latest", None),
    ("when did she first get asthma", "first", None),
    ("how many flu shots has he had", "count", None),
    ("what meds is he on", "all", "active"),
    ("current medications", "latest", "active"),
    ("which medications were stopped", "all", "inactive"),
    ("has she ever had a stroke", "exists", None),
    ("visits in the last 2 years", "all", None),
])
def test_order_and_status(question, order, status):
    s = parse(question, BIRTH, TODAY)
    assert (s.order, s.status) == (order, status)


def test_visit_and_follow_up():
    assert parse("what happened at her last visit?").visit == "latest"
    assert parse("What was done during the first appointment").visit == "first"
    assert parse("what was measured at the visit on 2019-03-02").visit == "2019-03-02"
    assert parse("and before that?").follow_up == "before"
    assert parse("what about her cholesterol").follow_up == "same"
    assert parse("What is her latest cholesterol").follow_up is None
