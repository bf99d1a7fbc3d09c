import pytest

from fhirqa.agent.nodes import topical
from fhirqa.agent.structure import kind_asked, parse

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
    # calendar ranges and open ends
    ("Were any antibiotics prescribed from 2003 to 2006?", "2003-01-01", "2006-12-31"),
    ("imaging between 2010 and 2012", "2010-01-01", "2012-12-31"),
    ("ER visits 2015-2017", "2015-01-01", "2017-12-31"),
    ("cholesterol readings 2011 through 2013", "2011-01-01", "2013-12-31"),
    ("prescriptions from Nov 2016 to Feb 2017", "2016-11-01", "2017-02-28"),
    ("any x-rays in 2008 or 2009?", "2008-01-01", "2009-12-31"),
    ("her weight from 2016 onwards", "2016-01-01", None),
    ("surgeries after 2012", "2013-01-01", None),
    ("allergies recorded up to 2001", None, "2001-12-31"),
    ("labs from 2018 until now", "2018-01-01", None),
    ("tests done in the 1990s", "1990-01-01", "1999-12-31"),
    ("kidney function from 2014-02-10", "2014-02-10", "2014-02-10"),
    ("potassium on Jan 5th, 2017", "2017-01-05", "2017-01-05"),
    ("what was given on 7 August 2012", "2012-08-07", "2012-08-07"),
    ("hemoglobin on 11/23/2015", "2015-11-23", "2015-11-23"),
    # spans back from today
    ("How has his heart rate changed over the past 6 months?", "2019-12-31", "2020-06-30"),
    ("new diagnoses within the past year", "2019-07-01", "2020-06-30"),
    ("admissions in the final 3 years of the chart", "2017-07-01", "2020-06-30"),
    ("any flu shots over the last decade", "2010-07-01", "2020-06-30"),
    ("what did she receive last year", "2019-01-01", "2019-12-31"),
    # the patient's age
    ("hearing tests from age 50 on", "2019-10-19", None),
    ("Which problems started after she turned 40?", "2009-10-19", None),
    ("shots given since age 45", "2014-10-19", None),
    ("any fractures before age 10?", None, "1979-10-18"),
    ("conditions before she turned five", None, "1974-10-18"),
    ("infections during her 30s", "1999-10-19", "2009-10-18"),
    ("what was treated in her teens", "1982-10-19", "1989-10-18"),
    ("asthma as a teenager?", "1982-10-19", "1989-10-18"),
    ("procedures between ages 20 and 25", "1989-10-19", "1995-10-18"),
    ("her BMI at age 45", "2014-10-19", "2015-10-18"),
    ("which vaccines did he get in his first year of life", "1969-10-19", "1970-10-18"),
    ("checkups in her first 2 years", "1969-10-19", "1971-10-18"),
    # numbers that are not dates
    ("Was her a1c ever above 7.5?", None, None),
    ("Does she take 2 pills a day?", None, None),
    ("heparin 5000 units", None, None),
    ("o2 sat in the 90s?", None, None),
    ("how many times was she seen in total", None, None),
    ("when her glucose was 200", None, None),
])
def test_windows(question, start, end):
    s = parse(question, BIRTH, TODAY)
    assert (s.start, s.end) == (start, end)


def test_age_needs_a_birth_date():
    assert (parse("shots since age 45", None, TODAY).start, parse("before age 10", None, TODAY).end) == (None, None)


@pytest.mark.parametrize("question,order,status", [
    ("What was her last HbA1c?", "latest", None),
    ("when did she first get asthma", "first", None),
    ("how many flu shots has he had", "count", None),
    ("what meds is he on", "all", "active"),
    ("current medications", "all", "active"),  # the present state of a list is all of its active items
    ("what's his weight now", "latest", "active"),  # of a value, the latest (status only filters lists)
    ("which medications were stopped", "all", "inactive"),
    ("has she ever had a stroke", "exists", None),
    ("visits in the last 2 years", "all", None),
    # lists: present tense and explicit status words
    ("How many prescriptions is he on?", "count", "active"),
    ("how many drugs has he ever been given", "count", None),
    ("what pills does he take", "all", "active"),
    ("which diagnoses does he have", "all", "active"),
    ("what illnesses has he gotten over", "all", "inactive"),
    ("diagnoses that have cleared up", "all", "inactive"),
    ("problems he no longer has", "all", "inactive"),
    ("What is he being treated for right now?", "latest", "active"),
    ("how old is she", "all", None),
    ("any medications she used to take", "exists", "inactive"),
    ("what was she taking in 2012", "all", None),  # a past window is not about today
    ("meds in the past 3 years", "all", None),  # "past" in a window is no status
    # yes/no about the present: the active items if there are any, else all of them to say when they stopped
    ("Is he still on lisinopril?", "latest", "active"),
    ("still taking metformin?", "latest", "active"),
    ("Does he take any blood thinners?", "exists", "active-if-any"),
    ("on anticoag?", "exists", "active-if-any"),
    ("gout: active or resolved?", "all", "active-if-any"),
    ("Are any of his care plans active?", "exists", "active-if-any"),
    ("Has his eczema resolved?", "exists", None),  # needs the eczema whatever its status
    ("Has she ever been on steroids?", "exists", None),
    ("Does he have any active allergies?", "exists", "active"),  # "active" names a kind of allergy: a filter
    ("How much ibuprofen does he take?", "latest", None),
    # orders
    ("Platelet count from his most recent panel", "latest", None),
    ("what was his white blood cell count", "all", None),
    ("How often should he take the inhaler?", "latest", None),
    ("number of ER visits", "count", None),
    ("When did his gout start?", "first", None),
    ("since when has he had high blood pressure", "first", None),
    ("how long has he been taking statins", "first", None),  # the start needs the stopped refills too
    ("simvastatin dosage", "latest", None),
    ("pneumonia vaccine: yes or no", "exists", None),
])
def test_order_and_status(question, order, status):
    s = parse(question, BIRTH, TODAY)
    assert (s.order, s.status) == (order, status)


@pytest.mark.parametrize("question,visit", [
    ("what happened at her last visit?", "latest"),
    ("What was done during the first appointment", "first"),
    ("what was measured at the visit on 2019-03-02", "2019-03-02"),
    ("Give me a recap of his most recent encounter", "latest"),
    ("Summarize her newest visit.", "latest"),
    ("What did the nurse note at his last checkup?", "latest"),
    ("what did they find at the latest physical", "latest"),
    ("What went on during his hospital stay?", "any"),
    ("which labs were drawn at the previous appointment", "previous"),
    ("anything else from that visit?", "same"),
    ("the 2018-04-09 appointment: what was done?", "2018-04-09"),
    ("What was the reason he came in on 2017-01-30?", "2017-01-30"),
    ("Was she seen on March 4th 2016?", "2016-03-04"),
    ("What was billed for the encounter of 2011-05-20?", "2011-05-20"),
    # the day of the one last visit, as the fortieth and fifty-fourth writers read it (not every visit)
    ("When was his last visit?", "latest"),
    ("when was Ima's last appointment before she passed?", "latest"),
    # not a particular visit's content
    ("when was her last physical?", None),  # every physical: the latest is one of them
    ("How many appointments has she had?", None),
    ("vaccines given at checkups", None),
    ("date of her last sputum examination", None),
    ("her glucose on 2019-03-02", None),
])
def test_visit(question, visit):
    assert parse(question, BIRTH, TODAY).visit == visit


def test_a_dated_visit_is_not_a_window():
    s = parse("What happened at the 2016-02-02 visit?", BIRTH, TODAY)
    assert (s.visit, s.start, s.end) == ("2016-02-02", None, None)


@pytest.mark.parametrize("question,about_a_topic", [
    ("Recap her latest encounter.", False),
    ("What did they find at his last checkup?", False),
    ("What happened when she came in on 2019-02-02?", False),
    ("Why did she come in on 2019-02-02, and what was done?", False),
    ("What was he admitted for on 2019-02-02?", True),  # only the reason
    ("2014-06-01 visit summary", False),
    ("What happened during the ER trip?", False),
    ("What was her weight at the last visit?", True),
    ("Which vaccines did he get at his first appointment?", True),
    ("How much did the 2016-03-03 visit cost?", True),
])
def test_topical(question, about_a_topic):
    assert topical(question) is about_a_topic


def test_visit_and_follow_up():
    assert parse("and before that?").follow_up == "before"
    assert parse("what about her cholesterol").follow_up == "same"
    assert parse("What is her latest cholesterol").follow_up is None


@pytest.mark.parametrize("question,start,end", [
    ("bp readings from her twenties", "1989-10-19", "1999-10-18"),
    ("hba1c values over the last 5 yrs of the chart", "2015-07-01", "2020-06-30"),
    ("labs from 3/2019", "2019-03-01", "2019-03-31"),
    ("anything since 2010-05?", "2010-05-01", None),
    ("labs in summer 2017", "2017-06-01", "2017-08-31"),
    ("visits in early 2019", "2019-01-01", "2019-04-30"),
    ("shots in childhood", "1969-10-19", "1987-10-18"),
])
def test_more_ways_to_say_a_window(question, start, end):
    s = parse(question, BIRTH, TODAY)
    assert (s.start, s.end) == (start, end)
    assert s.order == "all"  # "the last 5 yrs" is a window, not an order


@pytest.mark.parametrize("question,kind", [
    ("Any medication allergies?", "medication"), ("is she allergic to any foods?", "food"),
    ("seasonal allergies?", "environment"), ("NKDA?", "medication"), ("any nut allergy?", None), ("allergies", None),
])
def test_the_kind_of_allergy_asked_for(question, kind):
    assert parse(question).allergy == kind


def test_an_exclusion_and_clauses_that_tell_context_leave_the_question_asked():
    s = parse("List the patient's resolved conditions, excluding social and employment findings, with onset dates.")
    assert s.excluded == "social and employment findings"
    assert s.asked == "List the patient's resolved conditions, with onset dates."
    assert parse("inr? on coumadin so should be getting checked").asked == "inr?"
    assert parse("she's prediabetic - is the glycated hgb creeping up?").asked == "is the glycated hgb creeping up?"
    assert parse("strep throat - how many episodes so far?").asked == "strep throat - how many episodes so far?"
    assert parse("conditions other than that").excluded is None  # "that" is the previous answer, not a topic


def test_visits_named_by_an_event_or_by_a_month():
    s = parse("did he throw a PE while he was in with covid?")
    assert (s.visit, s.visit_for, s.topic) == ("any", ("covid",), "did he throw a pe")
    assert parse("which drugs were ordered when she coded in june 2018?").visit_for == ("coded",)
    s = parse("bp and weight at her march 2005 physical?")
    assert (s.visit, s.start, s.end) == ("any", "2005-03-01", "2005-03-31")
    assert parse("bp at her last physical in 2005").visit == "latest"


@pytest.mark.parametrize("question,event,asked", [
    ("Return all blood pressure readings recorded since his hypertension diagnosis.", ("after", "hypertension", None),
     "Return all blood pressure readings recorded ."),
    ("was her INR ever checked after they started the warfarin?", ("after", "warfarin", None), "was her INR ever checked ?"),
    ("how has her weight trended since the heart attack in 2018?", ("after", "heart attack", "2018"),
     "how has her weight trended ?"),
    ("a1c before she was diagnosed with diabetes", ("before", "diabetes", None), "a1c"),
    ("labs since the last visit", None, "labs since the last visit"),
    ("weight since 2019", None, "weight since 2019"),
])
def test_a_window_may_start_or_end_at_an_event_of_the_record(question, event, asked):
    s = parse(question, BIRTH, TODAY)
    assert (s.event, s.asked) == (event, asked)
    if event:
        assert (s.start, s.end) == (None, None)  # set from the record, not from "in 2018"
        assert s.order != "first"  # "after they started" is not a first-time question


def test_a_context_clause_that_the_question_refers_back_to_stays():
    q = "my dad gets terrible migraines. when was that diagnosed and is it still on his problem list?"
    assert parse(q).asked == q


@pytest.mark.parametrize("question,visit,kind", [
    ("highest resp rate during his hospitalization", "any", "IMP"),
    ("heart rate in the ER", "any", "EMER"),
    ("labs from his last ER visit", "latest", "EMER"),
    ("how many times has he been in the hospital or the ER?", None, None),  # the visits themselves
    ("weight at her last well child visit", "latest", None),
])
def test_a_visit_framed_by_its_kind(question, visit, kind):
    s = parse(question)
    assert (s.visit, s.visit_kind) == (visit, kind)


@pytest.mark.parametrize("question, start, end", [
    ("all vaccines given before her first birthday", None, "2001-05-04"),
    ("how many flu shots has he had since turning 18", "2018-05-05", None),
    ("heart rate readings from when he was a teenager", "2013-05-05", "2020-05-04"),
    ("weight before his 2nd birthday", None, "2002-05-04"),
])
def test_windows_by_birthday_ordinal_turning_and_stage(question, start, end):
    s = parse(question, "2000-05-05", "2024-01-01")
    assert (s.start, s.end) == (start, end)


def test_plural_visits_frame_and_a_trailing_context_sentence_is_not_asked():
    s = parse("He's been on digoxin for the afib - what has his pulse been at the yearly physicals?")
    assert s.framing and s.visit == "any" and s.topic == "what has his pulse been"
    assert not parse("what was his pulse at the last physical?").framing
    assert parse("whats her blood type? she might need surgery on her heart valve someday").asked == "whats her blood type?"
    s = parse("how often has she been seen for the aortic stenosis? list the visit dates")
    assert s.visit_for == ("aortic", "stenosis")
    assert parse("d-dimer trend during the covid admit?").visit_for == ("covid",)


def test_visits_in_the_plural_name_no_one_visit():
    s = parse("whats his oxygen level usually run at his physicals? most recent pulse ox?")
    assert s.visit is None and s.framing
    assert parse("his oxygen at his last physical?").visit == "latest"


def test_a_number_zero_in_words_is_an_age():
    s = parse("weight at age zero", "2000-05-05", "2024-01-01")
    assert (s.start, s.end) == ("2000-05-05", "2001-05-04")


def test_visits_named_by_exam_date_kind_or_a_long_description():
    s = parse("At his 2021-02-09 annual exam, what prescriptions were written?")
    assert s.visit == "2021-02-09" and s.topic == "what prescriptions were written"
    s = parse("For the April 2019 urinary tract infection visit, list the medications that were prescribed.", None, "2022-01-01")
    assert s.visit_for == ("urinary", "tract", "infection") and s.start == "2019-04-01"
    s = parse("Dates of the visits she has had for the aortic stenosis, please.")
    assert s.visit_for == ("aortic", "stenosis")
    assert parse("antihypertensives at time of death?").status == "active"


def test_a_count_with_a_second_ask_whether_any_is_still_open_keeps_every_status():
    s = parse("antenatal care plans - how many were there, and is any still open?")
    assert s.order == "count" and s.status is None
    assert parse("how many active care plans does she have?").status == "active"
    assert parse("She went to the ER on 2021-02-19 after hurting her wrist - what medication was she sent home with?").visit == "2021-02-19"


def test_a_kind_of_visit_set_aside_and_how_long_the_last_one_was():
    from fhirqa.agent.structure import kind_asked
    q = "when was she last actually admitted to the hospital (not ER) and for how long?"
    assert kind_asked(q)[0] == "IMP" and parse(q).order == "latest"
    assert parse("how long has she had diabetes?").order == "first"


def test_an_event_window_before_a_dash():
    assert parse("bp f/u appts after the htn dx in 2015 - dates?").event == ("after", "htn", "2015")


def test_a_future_visit_is_after_the_record():
    s = parse("when is his next appointment?", "1950-01-01", "2021-05-25")
    assert s.start == "2021-05-26" and s.end is None
    assert parse("any upcoming visits scheduled?", None, "2021-05-25").start == "2021-05-26"
    assert parse("what happened at the next visit after that?", None, "2021-05-25").start is None


def test_the_last_time_at_a_kind_of_visit_is_the_latest():
    s = parse("what happened in the ER last time?")
    assert s.visit_kind == "EMER" and s.visit == "latest"
    assert parse("what happened in the ER?").visit == "any"


def test_a_visit_named_by_what_they_did_there():
    s = parse("what was her weight at the visit where they diagnosed her anemia?")
    assert s.visit_for == ("anemia",) and s.topic == "what was her weight"


def test_a_remark_before_the_question_is_not_what_it_asks():
    s = parse("At his annual physical on 2021-02-09 a new diagnosis was made - which medication orders were written at that visit?")
    assert s.asked == "which medication orders were written at that visit?" and s.visit == "2021-02-09"
    s = parse("school nurse asks how many polio (IPV) doses she has had - how many and when?")
    assert "polio" in s.asked  # a clause with a question word is no remark
    assert parse("last a1c - value and date?").asked == "last a1c - value and date?"


def test_start_dates_ask_for_each_span_not_the_first():
    assert parse("Active care plans for his chronic low back pain, with start dates.").order == "all"
    assert parse("prenatal care plans - when did each one start and end?").order == "all"
    assert parse("when did her asthma start?").order == "first"


def test_whether_a_named_thing_is_still_so_keeps_it_whatever_its_status():
    assert parse("ca prostate - when dx'd, and is it still on the problem list as active?").status == "active-if-any"
    assert parse("chronic LBP - onset date? still an active problem?").status == "active-if-any"
    assert parse("which care plans are still open/active for him right now").status == "active"


def test_that_visit_in_a_dated_question_is_the_visit_of_its_window_and_a_dentist_visit_by_date():
    s = parse("her feb 2001 physical - what immunizations did she get at that visit?")
    assert s.visit == "any" and (s.start, s.end) == ("2001-02-01", "2001-02-28")
    assert parse("what did they do at the dentist on 2025-11-07?").visit == "2025-11-07"


def test_windows_that_end_at_death_and_events_named_by_a_last_visit_or_an_implant():
    s = parse("what were her blood pressures in the 6 months before she died?", "1950-01-01", "2020-06-30")
    assert (s.start, s.end) == ("2019-12-31", "2020-06-30")
    s = parse("did she get a flu shot in the year before she died?", "1950-01-01", "2020-06-30")
    assert (s.start, s.end) == ("2019-07-01", "2020-06-30")
    assert parse("has he had any vaccines since his last annual physical?").event == ("after", "last annual physical", None)
    assert parse("pulse readings since the defibrillator went in?").event == ("after", "defibrillator", None)
    assert parse("anything new since the last visit?").event is None


def test_seen_in_the_emergency_room_asks_for_those_visits():
    from fhirqa.agent.structure import kind_asked
    assert kind_asked("has she ever been seen in the emergency room? when?")[0] == "EMER"


def test_events_named_by_a_started_drug_or_a_clause_final_thing_and_month_ranges():
    s = parse("bp readings since hctz was started in dec 2005 - has he ever been at goal?", "1950-01-01", "2022-01-01")
    assert s.event == ("after", "hctz", "2005") and s.asked.startswith("bp readings")
    assert parse("# of cardioversions since his ablation?").event == ("after", "ablation", None)
    assert parse("any new problems since her cardiac arrest in june 2018?").event == ("after", "cardiac arrest", "2018")
    assert parse("weights since her 30th birthday?", "1950-01-01", "2022-01-01").event is None
    s = parse("tmax w/ covid nov-dec 2020?", "1950-01-01", "2022-01-01")
    assert (s.start, s.end) == ("2020-11-01", "2020-12-31")
    s = parse("What prescriptions were written at his 2021-02-09 physical, the one where they diagnosed the Alzheimer's?")
    assert s.topic == "what prescriptions were written"


def test_who_wants_the_answer_and_a_told_worry_are_not_asked():
    s = parse("the school nurse wants a list of everything my daughter is allergic to, can you give me that")
    assert s.asked == "a list of everything my daughter is allergic to, can you give me that"
    assert parse("is my daughter allergic to peanuts? the school nurse needs it for the form").asked == "is my daughter allergic to peanuts?"
    assert parse("he's on dig + verapamil, pulse trend? worried about brady").asked == "pulse trend?"
    assert parse("she has the heart valve problem, when was her last heart ultrasound (echo)?").asked.startswith("when was")
    assert parse("she had a bladder infection a while back, when was that?").asked.startswith("she had")  # "that" refers back


def test_home_meds_admits_examinations_and_day_ranges():
    from fhirqa.agent.structure import kind_asked
    assert parse("home meds - what's he actively on").status == "active"
    assert kind_asked("any recent admits?")[0] == "IMP"
    assert parse("What procedures were performed during the patient's 2019-01-29 general examination?").visit == "2019-01-29"
    s = parse("what were his o2 sats from nov 21 to nov 23 2020, when he first came in with covid?", "1950-01-01", "2023-01-01")
    assert (s.start, s.end, s.visit, s.order) == ("2020-11-21", "2020-11-23", None, "all")
    s = parse("any renal labs since the start of 2020? creat / bun", "1950-01-01", "2023-01-01")
    assert (s.start, s.end) == ("2020-01-01", None)
    assert parse("what tests were done at her first prenatal visit in 2003 (2003-03-16)?").visit == "2003-03-16"


def test_events_started_without_was_the_thing_at_clause_end_and_visits_for_a_condition_before_a_verb():
    assert parse("cr since chemo started?").event == ("after", "chemo", None)
    assert parse("bp since hctz was started?").event == ("after", "hctz", None)
    assert parse("any labs since the start of 2020?", "1950-01-01", "2023-01-01").event is None
    s = parse("How many inpatient admissions for lung cancer are documented, and what are the first and last admission dates?")
    assert s.visit_for == ("lung", "cancer")


def test_ages_the_patient_turned_b4_two_digit_years_and_around_an_age():
    s = parse("Count the influenza immunizations administered after the patient turned 75.", "1940-12-31", "2023-01-01")
    assert (s.start, s.end) == ("2015-12-31", None)
    assert parse("wat shots did i get b4 i turned 18", "1997-06-11", "2023-01-01").end == "2015-06-10"
    assert parse("6/19/18 cardiac arrest ED visit - procedures done?").visit == "2018-06-19"
    assert parse("he fell as a toddler, around age 3. was it a concussion?", "2004-10-02", "2023-01-01").start == "2007-10-02"


def test_months_before_the_last_visit_are_a_window_not_a_visit():
    s = parse("List all HbA1c values in the 24 months before the last encounter.", "1950-01-01", "2024-01-01")
    assert (s.start, s.end, s.visit, s.visit_for) == ("2022-01-02", "2024-01-01", None, ())
    s = parse("Was a depression screening performed within 12 months of the most recent encounter?", "1950-01-01", "2024-01-01")
    assert (s.start, s.end) == ("2023-01-02", "2024-01-01")


def test_visits_told_by_date_or_month_and_what_they_were_for():
    s = parse("8/30/17 allergy visit - what was rx'd?")
    assert (s.visit, s.visit_for) == ("2017-08-30", ("allergy",))
    s = parse("6/19/18 cardiac arrest ED visit - procedures done?")
    assert (s.visit_for, s.visit_kind) == (("cardiac", "arrest"), "EMER")
    s = parse("aug 2018 physical - vaccines given that day?", "1950-01-01", "2024-01-01")
    assert (s.start, s.end, s.visit, s.visit_for) == ("2018-08-01", "2018-08-31", "any", ("physical",))
    assert parse("bp at the march 2019 visit", "1950-01-01", "2024-01-01").visit == "any"
    s = parse("cxr during covid admit - any result documented?")
    assert (s.visit_for, s.visit_kind) == (("covid",), "IMP")


def test_plans_told_beside_the_question_and_a_visit_still_to_come_are_context():
    assert parse("any hx of DVT or PE? planning periprocedural anticoag").asked == "any hx of DVT or PE?"
    assert parse("planning surgery, is he on blood thinners?").asked == "is he on blood thinners?"
    s = parse("we have a dentist appt tmrw, shes allergic to latex right? what kind of reaction does she get")
    assert s.asked == "shes allergic to latex right? what kind of reaction does she get"


def test_completed_care_plans_and_events_named_with_the():
    assert parse("List the CarePlans with status completed, with their period start and end dates.").status == "inactive"
    assert parse("has she completed her hep b series").status is None
    assert parse("afib - # of cardioversions since the ablation?").event == ("after", "ablation", None)
    assert parse("any labs since the start of the record?").event is None


def test_a_plan_told_after_the_question_is_context_and_an_event_ends_at_but():
    assert parse("pt allergic to any bp meds? was thinking ace inhibitor").asked == "pt allergic to any bp meds?"
    assert parse("weight since they started him on insulin but honestly?").event == ("after", "insulin", None)


def test_a_clause_that_refers_back_keeps_its_context_and_visits_end_before_between():
    assert parse("she had so many ear infections when she was little, when were they?").asked.startswith("she had")
    s = parse("Provide all encounters for hyperlipidemia between 2019-01-01 and 2022-12-31.")
    assert s.visit_for == ("hyperlipidemia",)
    assert parse("List all hospital admissions for bipolar disorder with their admission dates.").visit_kind == "IMP"


def test_a_visit_being_prepared_and_what_someone_wants_to_do_are_context():
    assert parse("annual visit prep - ldl trend?").asked == "ldl trend?"
    assert parse("im allergic to eggs arent i? they want to give me the flu shot today").asked == "im allergic to eggs arent i?"


def test_shorthand_without_the_article_still_names_the_visit():
    s = parse("height and weight at last physical")
    assert (s.visit, s.visit_for) == ("latest", ("physical",))
    assert parse("labs during last admission").visit_kind == "IMP"


def test_years_said_in_words_as_dictated():
    from fhirqa.agent.dates import spoken_years
    assert spoken_years("in july twenty sixteen") == "in july 2016"
    assert spoken_years("october two thousand five") == "october 2005"
    assert spoken_years("back in ninety seven") == "back in 1997"
    assert spoken_years("twenty oh nine and nineteen ninety-seven") == "2009 and 1997"
    for kept in ("in the last twenty one days", "in ninety days", "twenty minutes", "in his sixties"):
        assert spoken_years(kept) == kept
    s = parse("what shots did she get at her checkup in july twenty sixteen")
    assert (s.start, s.end) == ("2016-07-01", "2016-07-31")


def test_most_recent_describes_no_visit_and_a_stopped_heart_is_no_status():
    s = parse("Enumerate procedures performed during the patient's most recent inpatient encounter.")
    assert (s.visit, s.visit_for, s.visit_kind) == ("latest", (), "IMP")
    s = parse("what did they do to her the night her heart stopped in june twenty eighteen")
    assert (s.status, s.visit, s.visit_for) == (None, "any", ("heart", "stopped"))
    assert parse("labs the time she had the stroke").visit_for == ("stroke",)


def test_a_year_in_a_remark_does_not_bound_the_question():
    assert parse("hgb values? she was anemic in 2022").start is None
    assert parse("a1c in 2019? she was diagnosed then").start == "2019-01-01"
    assert parse("he got sick with covid in nov 2020 - was he seen anywhere before they admitted him?").start == "2020-11-01"


def test_more_ways_to_name_windows_visits_and_allergy_kinds():
    s = parse("what did she weigh through her teen years (13 to 19)?", "2000-03-01", "2024-01-01")
    assert (s.start, s.end) == ("2013-03-01", "2020-02-29")
    s = parse("Which medications were administered during the February 2006 hospital admission for coronary artery bypass grafting?")
    assert s.visit_for == ("coronary", "artery", "bypass", "grafting")
    assert parse("Return all AllergyIntolerance resources with category medication").allergy == "medication"
    s = parse("when mom hit her head and went to the ER in april 2012, what did they diagnose?")
    assert (s.visit, s.visit_kind) == ("any", "EMER")


def test_how_many_days_in_the_hospital_is_still_the_stay():
    s = parse("was he on oxygen in the hospital? for how many days")
    assert (s.visit, s.visit_for, s.visit_kind) == ("any", (), "IMP")
    assert parse("how many times has he been in the hospital").visit_kind is None


def test_remarks_labels_ellipses_and_events_of_starting_something():
    # an elliptical question leaves its topic to the clause before it
    assert parse("I'm not certain she has started the HPV series; has she, and on what dates?").asked.startswith("I'm not")
    # what others said is a remark; a label says what the answer is for
    assert parse("what's she allergic to? mom mentioned bee stings").asked == "what's she allergic to?"
    assert parse("For discharge planning: which of his care plans are still active?").asked == (
        "which of his care plans are still active?")
    assert parse("k trend since starting dialysis").event == ("after", "dialysis", None)
    assert parse("since starting school has she been sick").event is None
    s = parse("Provide the count of emergency department visits in the 24 months before the last recorded date.",
              BIRTH, TODAY)
    assert (s.start, s.end) == ("2018-07-01", "2020-06-30")
    s = parse("I had some hepatitis B injections as a grown-up, when?", BIRTH, TODAY)
    assert (s.start, s.end) == ("1987-10-19", None)
    # a status asked for as a field, or a span of time, filters nothing
    assert parse("Return the patient's complete prescription history with dates and current status.").status is None
    assert parse("Have I been given any prescriptions these past years, since 2016 let us say?").status is None
    assert parse("past meds?").status == "inactive"
    s = parse("when he broke his collarbone did they even xray it")
    assert (s.visit, s.visit_for) == ("any", ("collarbone",))
    assert parse("ALT/AST when he came in with the gallbladder in jan 2027?").visit_for == ("gallbladder",)
    assert parse("what did they do for her during the hospital stay at the end of april 2019? (procedures)").visit_for == ()
    assert not topical("what did they do for her during the hospital stay at the end of april 2019?")


def test_the_patient_s_own_names_name_no_topic():
    from fhirqa.agent.nodes import without_names
    patient = {"name": [{"given": ["Tuan438"], "family": "Kuhlman1"}]}
    assert "tuan" not in without_names("hi im tuans daughter, does dad have any drug allergies?", patient).lower()
    assert without_names("last a1c?", {}) == "last a1c?"


def test_a_change_asked_beside_a_visit_s_measurement_reads_its_whole_history():
    s = parse("wt at her last well visit, and is she gaining ok?")
    assert (s.visit, s.visit_for, s.topic) == (None, (), None)
    assert parse("how much did i weigh at my last physical?").visit == "latest"
    from fhirqa.lexicon import lay_words
    assert lay_words("spo2 at last physical?")[-1] == "general examination"  # Synthea's "Encounter for check up" is no physical


def test_a_status_told_outright_filters_within_a_window_and_back_references():
    s = parse("Return the MedicationRequest resources with status active authored between 2014-01-01 and 2015-12-31.")
    assert (s.status, s.start, s.end) == ("active", "2014-01-01", "2015-12-31")
    assert parse("I'm not sure she completed her MMR series - how many doses are recorded, and when?").asked.startswith("I'm")
    assert "emergency room" in parse("I cut my hand and was taken to the emergency room. What did they do for me there?").asked


def test_a_parenthesised_not_sets_apart_and_dates_describe_no_visit():
    s = parse("User wants a list of their child's sick visits (not the routine checkups), with dates.")
    assert s.excluded.startswith("the routine checkups") and s.visit_for == ()
    assert parse("visits for chest pain with dates").visit_for == ("chest", "pain")


def test_a_case_in_shorthand_who_asks_and_what_the_answer_is_for_are_not_asked():
    assert parse("17F w/ dysuria, thinking bactrim - any drug allergies?").asked == "any drug allergies?"
    assert parse("3yo boy here w/ fever, parent asking for something OTC. any documented drug allergies before I "
                 "suggest anything?").asked == "any documented drug allergies?"
    assert parse("Cardiology - thinking about an ACE inhibitor for his BP. Any drug allergies I should know about?"
                 ).asked == "Any drug allergies I should know about?"  # "BP." ends a sentence
    assert parse("Endo consult. Pt w/ longstanding HLD, LDL 146 most recent. Is she still on simvastatin?"
                 ).asked == "Is she still on simvastatin?"
    assert parse("Pull her LDL values from 2020 onward please, before I adjust lipid therapy").asked.endswith("please")
    assert parse("17F - any drug allergies?").asked == "17F - any drug allergies?"  # no case told: nothing set aside


def test_last_seen_is_the_last_visit():
    assert parse("when was she last seen here and what for").visit == "latest"
    assert parse("when was the last time he was seen for his asthma").visit == "latest"
    assert parse("when was she seen for her asthma").visit == "any"  # every such visit


def test_short_misspellings_and_misspelt_plurals_are_read():
    from fhirqa.lexicon import lay_words, spelled, typo_fixed
    assert typo_fixed("what pils am i supposed to be takeing") == "what pills am i supposed to be taking"
    assert "colonoscopy" in spelled("how many colonoskopies have i had")
    assert lay_words("which eye drops for the glaucoma?")[0] == "ophthalmic"
    assert "intraocular pressure" in lay_words("what was the pressure in my eyes")
    assert "a1c" in lay_words("what was his most recent hemoglobin a one c")


def test_follow_ups_that_lean_on_the_clause_before_keep_it():
    q = "Confirm whether any imaging studies are on file for this member. If yes, return modality/description and date."
    assert parse(q).asked == q  # "If yes, ..." asks about the clause before
    q = "Dad has been going back for blood pressure follow up visits. Are his numbers getting any better?? what was the most recent one"
    assert parse(q).asked == q  # "his numbers", "the most recent one"
    q = "Confirm whether the member has received a Td or Tdap vaccine. Return product and date for each."
    assert parse(q).asked == q


def test_what_the_answer_is_for_is_set_aside_clause_by_clause():
    q = "Need to double check before I send an antibiotic rx - is there any documented penicillin allergy for her? she got amoxicillin as a kid"
    assert "penicillin allergy" in parse(q).asked  # the purpose ends at the dash, not at the question mark
    assert parse("Is he currently on any stimulant for ADHD? Checking before adding a new agent.").asked == (
        "Is he currently on any stimulant for ADHD?")
    assert parse("Doing his med rec. Which prescriptions are currently active on his profile?").asked == (
        "Which prescriptions are currently active on his profile?")
    assert parse("last egfr? hx diabetic kidney dz").asked == "last egfr?"
    q = ("My father had colon cancer sometime in the 90s. I'm filling out my own family history form at my doctor's - "
         "when was Dad diagnosed and was it ever considered gone?")
    assert "form" not in parse(q).asked and "colon cancer" in parse(q).asked


def test_a_window_told_before_an_ever_question_does_not_narrow_it():
    s = parse("Dad had pneumonia in 2024 and someone asked me if he'd ever had the pneumonia vaccine. Did he?")
    assert s.start is None and s.end is None
    assert parse("did he have any labs in 2024?").start == "2024-01-01"


def test_leave_out_sets_aside():
    s = parse("List active problems (clinicalStatus=active) but leave out the 'Medication review due' entries.")
    assert s.excluded.startswith("the 'Medication review due'")


def test_labels_tasks_and_remarks_are_not_what_is_asked():
    assert parse("Member Greenfelder: date and reason for her most recent emergency department visit?").asked == (
        "date and reason for her most recent emergency department visit?")
    assert parse("Utilization review, member Anitra Monahan: how many inpatient admissions?").asked == (
        "how many inpatient admissions?")
    assert parse("eGFR: give the latest and the previous values").asked.startswith("eGFR")  # a label that names the topic stays
    assert parse("how tall is kirby now? he really shot up this past year").asked == "how tall is kirby now?"
    assert parse("how tall is kirby now? he really shot up this past year").start is None
    assert "date of birth" in parse("Closing out the case file - I need the member's date of birth and date of death.").asked
    s = parse("i cant read the small print on my pill bottles anymore. what medicines am i supposed to be taking right now")
    assert s.status == "active"  # "anymore" is the remark's
    s = parse("Medication reconciliation request for an outpatient visit. Generate the patient's current medication "
              "list (all MedicationRequests with status active).")
    assert s.asked.startswith("Generate") and s.visit is None and not s.visit_for
    s = parse("TASK=med_reconciliation | PT=Monahan, Anitra | RETURN every MedicationRequest still status=active")
    assert s.asked == "RETURN every MedicationRequest still status=active"
    assert parse("REQ: meds for otitis media dx 2025-10-31. FMT: drug | date | status").asked == "REQ: meds for otitis media dx 2025-10-31"
    assert parse("was tissue dx ever obtained on her? need biopsy type + date for the navigation note").asked.endswith("date")


def test_open_plans_still_active_questions_and_whether_any_remains():
    assert parse("Open care plans for this member?").status == "active"
    assert parse("Enumerate all care plans. Then indicate whether any care plan remains active.").status is None
    assert parse("retrieve all active allergies. State explicitly whether any of them is a drug allergy.").allergy is None
    assert parse("any drug allergies?").allergy == "medication"


def test_a_bare_month_is_the_latest_such_month_and_not_a_checkup_is_set_aside():
    s = parse("what did they do at the colonoscopy appointment back in may", today="2027-09-01")
    assert (s.start, s.end) == ("2027-05-01", "2027-05-31")
    assert parse("any labs in october?", today="2027-09-01").start == "2026-10-01"
    assert parse("she may need a refill", today="2027-09-01").start is None
    assert parse("when was my last sick visit? not a checkup, like when i was actually sick").excluded == "checkup"
    assert parse("Inpatient detox admissions for this member - dates and length of stay?").visit_for == ()


def test_a_noun_phrase_is_no_remark_and_that_visit_still_refers_back():
    q = "her blood pressure readings at the doctor - the top number always seems high for a little kid, what have they been?"
    assert parse(q).asked == q
    q = ("on 1997-05-04 she had a separate visit for the anemia, same day as her first prenatal appt. which procedures "
         "were done at that anemia visit?")
    assert parse(q).asked == q
    assert parse("did i ever have that bone density scan, the one for thin bones. my friend says everybody my age gets one"
                 ).asked == "did i ever have that bone density scan, the one for thin bones"


def test_a_check_label_is_told_and_check_up_still_names_the_visit():
    assert parse("Formulary check for Willis Klocko - what drug allergies are documented?").asked == (
        "what drug allergies are documented?")


def test_a_shorthand_heading_before_a_dash_tells_the_case_and_the_rest_asks():
    s = parse("L/R ankle fx 04/2015 - xrays obtained?")
    assert s.asked == "xrays obtained?" and (s.start, s.end) == ("2015-04-01", "2015-04-30")
    assert parse("ankle fx 2015 - any DME issued? boot/crutches").asked == "any DME issued? boot/crutches"
    assert parse("OCP hx - which pills has she been on and when").asked.startswith("OCP")  # the history is the topic
    assert parse("current meds - dose, status").status == "active"  # the rest names nothing: the heading asks
    assert parse("DAST-10 scores on file - how many, highest?").asked.startswith("DAST-10")
    assert parse("Onc hx: colon CA - dx date, current status").status is None  # a field asked, not a filter


def test_a_claims_clerks_period_is_a_window_and_status_as_a_field_does_not_filter():
    s = parse("For the period from 2025-07-01 through 2025-09-30, please confirm whether the claimant was admitted "
              "to any inpatient or skilled nursing facility and provide the admission and discharge dates.")
    assert (s.start, s.end, s.visit) == ("2025-07-01", "2025-09-30", None)
    s = parse("Please confirm the onset date and current clinical status of each chronic pain diagnosis recorded.")
    assert s.status is None
    assert parse("meds with status of active").status == "active"


def test_two_kinds_of_visit_asked_together():
    assert kind_asked("ED visits and inpatient stays, list w dates")[0] == "IMP|EMER"
    assert kind_asked("was there a SNF stay before that?")[0] == "IMP"
    assert kind_asked("was she admitted from the ER?")[0] == "IMP"


def test_a_heading_is_a_case_with_a_time_or_history_and_a_two_digit_year_is_a_year():
    s = parse("ankle sprain '93 - what was the PT plan")
    assert s.asked == "what was the PT plan" and (s.start, s.end) == ("1993-01-01", "1993-12-31")
    assert parse("Varicella documentation for Rosalia - is the vaccine on record?").asked.startswith("Varicella")
    assert parse("ankle sprain ER visit 7/16/26 -- what did she get sent home w/").asked.startswith("ankle")  # a visit


def test_a_registrys_as_of_and_on_or_before_end_a_window():
    assert (parse("how many DTaP doses have been administered as of 2027-12-01?").start,
            parse("how many DTaP doses have been administered as of 2027-12-01?").end) == (None, "2027-12-01")
    s = parse("count the DTaP doses documented on or before the child's 2nd birthday", birth_date="2025-08-06",
              today="2027-12-01")
    assert (s.start, s.end) == (None, "2027-08-05")
    s = parse("which care plans are still active at the end of measurement year 2027?")
    assert (s.start, s.end, s.status) == (None, "2027-12-31", "active")
    assert (parse("meds on or after 2019-05-01").start, parse("meds on or after 2019-05-01").end) == ("2019-05-01", None)


def test_an_extraction_specs_fields_and_fallback_are_not_asked_but_its_filter_is():
    s = parse("Extract: care plans. Filter: status = active. Fields: plan, start date, planned activities.")
    assert (s.asked, s.status) == ("Extract: care plans. Filter: status = active", "active")
    assert parse("Extract: urine ACR results. Fields: value, date. If none, say none.").asked == "Extract: urine ACR results"
    assert parse("Extract: problem list. Filter: clinicalStatus = active AND term is a disorder.").status == "active"
    assert kind_asked("Extract: inpatient encounters (class = IMP).")[0] == "IMP"


def test_the_work_at_hand_and_a_registry_label_are_told_not_asked():
    assert parse("Bereavement/case review. Hospice enrollment dates?").asked == "Hospice enrollment dates?"
    assert parse("GOC visit today. Pls pull current med list.").asked == "Pls pull current med list."
    assert parse("Registry reconciliation: list influenza doses given in 2024.").asked == "list influenza doses given in 2024."
    assert parse("last visit. what was her weight").asked != "what was her weight"  # a terse ask, not the work at hand
    assert parse("mom says she was seen for an ear infection, needs it for a daycare form").asked.endswith("infection")


def test_the_patient_s_names_read_as_the_patient_so_a_remark_about_them_tells():
    from fhirqa.agent.nodes import as_patient
    patient = {"name": [{"given": ["Vilma"], "family": "Kub"}]}
    said = as_patient("Vilma's mom wants the pharmacy home delivery set up. What prescriptions does Vilma Kub have?", patient)
    assert said == "the patient's mom wants the pharmacy home delivery set up. What prescriptions does the patient have?"
    assert parse(said).asked == "What prescriptions does the patient have?"
    assert as_patient("Is abuse on Ms. Kub's problem list?", patient) == "Is abuse on the patient's problem list?"
    assert as_patient("last a1c?", {}) == "last a1c?"


def test_what_the_asker_will_do_next_is_not_asked():
    assert parse("Which of his care plans are still active? I want to line up home supports that match.").asked == \
        "Which of his care plans are still active?"
    assert parse("Which food allergies does he have on file so I can let them know?").asked == \
        "Which food allergies does he have on file?"
    assert parse("I need to know her last a1c. Was it high?").asked != "Was it high?"  # a request, not a plan


def test_a_planned_trip_s_month_is_no_window_and_the_patient_is_no_visit():
    s = parse("Her family is flying to Guatemala in March. Has she had her hep A shots? how many and when", BIRTH, TODAY)
    assert (s.start, s.end) == (None, None)
    assert parse("She was admitted in March 2020. What meds was she given?", BIRTH, TODAY).start == "2020-03-01"
    assert parse("Pull all emergency department encounters for this patient, with dates.").visit_for == ()
    assert parse("visits for the patient's asthma").visit_for == ("asthma",)


def test_still_on_a_drug_asks_for_its_active_orders_only():
    assert parse("is she currently on any birth control?").status == "active"
    assert parse("Does she still have the flu?").status == "active-if-any"  # none active: say when it ended


def test_a_fhir_search_s_date_prefix_is_a_window():
    assert parse("Observation?code=LDL&date=ge2024-01-01 -> value, date", BIRTH, TODAY).start == "2024-01-01"
    assert parse("Observation?code=LDL&date=lt2020", BIRTH, TODAY).end == "2019-12-31"
    from fhirqa.topics import families_named
    assert not families_named("Does her record document a miscarriage?")  # a verb, not a clinical note
    assert families_named("any documents from the ER?") == {"DocumentReference"}


def test_a_fhir_search_is_read_as_words():
    from fhirqa.agent.rest import searched
    assert searched("GET Observation heart-rate patient=the patient latest") == "Observation heart rate latest"
    assert searched("Observation?patient=the patient&code=LDL&date=ge2024-01-01 -> value, date") == \
        "Observation LDL date=ge2024-01-01 - value, date"
    assert searched("Observation?code=http://loinc.org|4548-4&_sort=-date") == "Observation 4548 4 latest"
    assert searched("Procedure history?") == "Procedure history?"  # a question, not a search
    assert searched("Procedures done at the ER?") == "Procedures done at the ER?"


def test_what_a_form_needs_is_asked():
    s = parse("I'm filling out the daycare health form for her and need her active problem list. What's open on her record?")
    assert s.asked == "her active problem list What's open on her record?" and s.status == "active"
    assert parse("I'm filling out my own family history form at my doctor's. Did my mom have diabetes?").asked == \
        "Did my mom have diabetes?"


def test_a_legal_period_commencing_on_a_date_and_ending_at_death_is_a_window():
    from fhirqa.topics import families_named
    q = "Identify each emergency department encounter for the period commencing January 1, 2000 and ending on the date of the decedent's death."
    s = parse(q)
    assert (s.start, s.end, s.visit, s.visit_for) == ("2000-01-01", None, None, ())
    assert families_named(q) == {"Encounter"}  # the death bounds the period; it is not asked
    s = parse("records for the period commencing March 3, 2015 and ending December 31, 2016")
    assert (s.start, s.end) == ("2015-03-03", "2016-12-31")


def test_a_visit_named_first_as_a_heading_is_that_visit():
    assert parse("last ED visit - what did they give him?").visit == "latest"
    assert parse("first appointment - who did she see").visit == "first"
    assert parse("what did they give him?").visit is None


def test_a_year_written_once_ends_both_numeric_days_of_a_span():
    s = parse("sats between 9/3 and 9/11/21? lowest and last", None, "2028-01-01")
    assert (s.start, s.end) == ("2021-09-03", "2021-09-11")
    s = parse("inpatient 6/20-6/26/2012 for CHF - what IV diuretic?", None, "2028-01-01")
    assert (s.start, s.end) == ("2012-06-20", "2012-06-26")


def test_any_drugs_right_now_asks_for_the_active_ones_only():
    assert parse("is he on any prescriptions right now?").status == "active"
    assert parse("is she on warfarin right now?").status == "active-if-any"
    assert parse("Were any contraceptive medications prescribed between 2025 and 2028?").status is None


def test_that_before_a_verb_refers_back():
    s = parse("My son's chart says he's allergic to animal dander and mold. When did that get added?")
    assert "dander" in s.asked


def test_who_asks_introducing_themselves_or_their_service_asks_nothing():
    s = parse("Hi, nursing student here working on my care plan for the patient. For the pertinent history section I "
              "need his active diagnoses, everything on the problem list that is still active.")
    assert "care plan" not in s.asked and s.status == "active"
    assert parse("Peds clinical: which immunizations were given at the 2023-12-29 well child visit?").topic.strip() == (
        "which immunizations were given")


def test_from_a_day_through_the_date_of_death_runs_to_the_end():
    s = parse("all opioid prescriptions issued from 2012-01-01 through the date of death (2015-05-28)", None, "2028-01-01")
    assert (s.start, s.end) == ("2012-01-01", None)


def test_whether_they_are_closed_asks_for_all_of_them():
    assert parse("when were his burns, and was a care plan set up each time? Are those plans closed now?").status is None


def test_a_sentence_ending_in_a_year_is_a_clause_of_its_own_and_what_the_request_is_part_of_asks_nothing():
    s = parse("Pt says he got 'shocked' back into rhythm in Jan 2026. What procedures were done at his 2026-01-18 visit?")
    assert s.asked == "What procedures were done at his 2026-01-18 visit?"
    s = parse("Dear colleagues, as part of anticoagulation planning for the patient we would be grateful if you could send "
              "the coagulation studies (PT and INR) drawn in May 2011.")
    assert "anticoagulation" not in s.asked


def test_what_else_she_is_allergic_to_is_of_any_kind():
    assert parse("im allergic to penicillin is that on my chart and what else am i allergic to").allergy is None
    assert parse("is she allergic to penicillin?").allergy == "medication"


def test_a_handoff_s_case_and_drug_list_only_tell():
    from fhirqa.agent.nodes import unlabelled
    s = parse(unlabelled("SBAR for eye clinic handoff. S: 50s M, T2DM + HTN. B: on amlodipine/lisinopril. A: need renal "
                         "function - most recent creatinine?"))
    assert "amlodipine" not in s.asked and "eye" not in s.asked and "creatinine" in s.asked


def test_what_a_question_dwells_on_does_not_narrow_it():
    assert parse("active care plans for him? esp anything comfort/terminal care related, need to line up my visits"
                 ).asked == "active care plans for him?"
    assert "especially" not in parse("any allergies, especially to penicillin?").asked
    assert parse("anything especially about his heart?").asked == "anything especially about his heart?"  # nothing left
    assert parse("latest ALT/AST? on SSRIs + chemo, watching liver").asked == "latest ALT/AST?"


def test_a_story_around_a_question_tells_and_an_afterthought_is_no_referent():
    story = ("Me again. Back in January 2024 little Sacha came down with pneumonia and was poorly for weeks. "
             "My daughter says they sent her home with two antibiotics. Which medicines did the doctor prescribe for "
             "that pneumonia? My husband insists one was penicillin but he mixes everything up, bless him.")
    assert "penicillin" not in parse(story).asked and "January 2024" in parse(story).asked
    s = parse("My late wife passed in November 2010, just 41. There's a hole in it: that last stay in hospital. "
              "What was she actually in the hospital for that November? Thank you all for being so kind.",
              "1969-01-01", "2028-01-01")
    assert s.asked == "What was she actually in the hospital for that November?" and s.start == "2010-11-01"
    assert parse("She was once diagnosed with panic-level anxiety. When was that diagnosis recorded?").asked.startswith(
        "She was once")  # "that diagnosis" names only the family: the story says which


def test_asides_examples_and_output_specs_ask_nothing():
    assert parse("on a bisphosphonate? (pill esophagitis risk)").asked == "on a bisphosphonate?"
    assert parse("Current med list pls (inhalers, antihistamines etc.)").asked == "Current med list pls"
    assert "form" not in parse("Current meds for the form (name + dose), incl. her BP pill").asked
    assert parse("Please identify all radiographs taken of him, specifying the body part examined and the date of "
                 "each study.").asked.rstrip(" .") == "Please identify all radiographs taken of him"


def test_a_present_question_takes_no_window_from_the_story_and_a_story_s_instructions_ask():
    story = ("Stephen got diagnosed with glaucoma at the end of 2024 and now our bathroom counter is covered in little "
             "eye-drop bottles. He squints at the labels and guesses, which drives me up the wall. Which eye drops is "
             "he actually supposed to be using for the glaucoma? I will make him a chart.")
    assert parse(story, "1967-01-01", "2028-01-01").start is None
    told = ("User says: my baby might have a peanut allergy and grandma wants to give him something with peanut butter "
            "in it, is that safe? - check his allergy records and answer yes or no.")
    assert "check his allergy records" in parse(told).asked
    assert parse("Hep A - series complete? dates pls").asked == "Hep A - series complete? dates pls"  # no story


def test_visits_asked_as_admissions_a_reason_given_first_and_a_quote_ending_a_sentence():
    from fhirqa.agent.structure import kind_asked
    assert kind_asked("Did he have any ER visits or hospital admissions between 2019 and 2021?")[0] == "IMP|EMER"
    assert parse("Given the pattern of repeated emergency visits with opioid prescriptions, please forward any urine "
                 "toxicology on file.").asked == "please forward any urine toxicology on file."
    story = ("My wife finally had her colonoscopy in September 2025 after two years of me nagging (stubborn as a mule, "
             "and I say it with love - 31 years married). I was in the waiting room and she just says 'it's fine'. "
             "What did they actually find?")
    assert parse(story).asked == "What did they actually find?"


def test_a_purpose_of_figuring_out_and_a_topic_in_brackets_of_an_instruction_stay_apart():
    assert parse("which care plans are still active? trying to figure out what I should be reinforcing at home "
                 "(COPD, sleep apnea, BP etc)").asked == "which care plans are still active?"
    task = ("Task: injury history extraction. Return every documented musculoskeletal injury (sprains and fractures) "
            "for this patient with the condition name, onset date and abatement date, in chronological order.")
    assert "(sprains and fractures)" in parse(task).asked  # no question in it: no story's aside


def test_an_exclamation_ends_a_sentence_and_one_of_them_does_not_narrow_a_list():
    story = ("Bit of a ramble, sorry. I babysat the older ones while my daughter took her to her checkup on 2025-09-09, "
             "and she came home with bandaids on both legs. Her mum says it was just the flu shot but I counted more "
             "bandaids than that! Which vaccines did she actually get at that visit? I just want to know.")
    assert "Which vaccines did she actually get at that visit?" in parse(story).asked
    assert "Her mum says" not in parse(story).asked
    assert parse("What care plans are active for him right now, and is CBT one of them?").asked == \
        "What care plans are active for him right now?"


def test_a_letters_greeting_and_closing_are_set_aside_and_its_request_is_what_is_asked():
    s = parse("Dear Doctor, I should be most grateful for a note of my blood pressure readings since the beginning of "
              "2020, as my daughter keeps asking me whether they are coming down. Yours faithfully, G. Montes")
    assert s.asked.startswith("a note of my blood pressure readings") and s.start == "2020-01-01"
    s = parse("Dear Doctor, Our family has a history of the sugar diabetes and I am trying to learn what I can. Would you "
              "kindly tell me whether my late sister's sugar readings, the A1c test, rose over the years, and what the "
              "last one was? Yours sincerely, Miss D. Smitham")
    assert s.asked.startswith("whether my late sister's sugar readings") and "family" not in s.asked
    # a request naming nothing of its own, or referring back, keeps the letter before it
    s = parse("Dear Doctor, Some time ago I was sent for a bone scan. I should be grateful to know when I had it and "
              "what it showed, as I have since been given a new tablet for my bones. Yours sincerely, Gustavo Montes")
    assert "bone scan" in s.asked
    assert parse("Hi, is she still on metformin?").asked == "Hi, is she still on metformin?"  # no letter


def test_an_orchestrators_context_and_labels_are_told_and_its_sub_query_asked():
    assert parse("Context: MRI safety screen. Task: list Device resources with status=active.").asked == (
        "list Device resources with status=active.")
    s = parse("Task: count MedicationRequests with status=active whose drug is an SSRI (sertraline, escitalopram, "
              "fluoxetine). Return count by drug.")
    assert s.asked.startswith("count MedicationRequests") and (s.status, s.order) == ("active", "count")
    assert parse("User question: 'Has my son ever had an X-ray?' -> Sub-query 1/1: retrieve ImagingStudy and radiology "
                 "Procedure resources.").asked.endswith("X-ray?' retrieve ImagingStudy and radiology Procedure resources.")
    # the user's question an orchestrator's sub-query serves still says what it is about
    assert parse("Sub-query 1/4 (patient header): age, sex, marital status.").asked == "age, sex, marital status."
    assert parse("retrieve lipid panel results (most recent first).").order == "all"  # a list's order, not the first


def test_who_in_the_family_asks_is_not_what_is_asked():
    assert parse("family asking what his last ER trip was for, before he passed").asked == (
        "what his last ER trip was for, before he passed")
    assert parse("did she ever have pneumonia? daughter asking").asked == "did she ever have pneumonia?"


def test_a_history_heading_tells_when_the_rest_names_its_own_topic():
    assert parse("CBC hx - latest WBC & trend?").asked == "latest WBC & trend?"


def test_an_event_named_by_its_month_and_year():
    s = parse("eGFR: first value, nadir, and last value before the Feb 2011 renal tx.")
    assert s.event == ("before", "renal tx", "2011-02") and "renal" not in s.asked
    assert parse("weight since the 2019 knee surgery?").event == ("after", "knee surgery", "2019")


def test_an_ambiguous_date_is_read_day_first_only_when_the_record_has_that_day():
    from fhirqa.agent.dates import day_first
    q = "He went to A&E on 03/06/2027 after he fell."
    assert day_first(q, {"2027-06-03"}) == "He went to A&E on 6/3/2027 after he fell."
    assert day_first(q, {"2027-03-06", "2027-06-03"}) == q  # both recorded: month first, as before
    assert day_first(q, set()) == q
    assert day_first("born 29/05/2022", {"2022-05-29"}) == "born 29/05/2022"  # not ambiguous
