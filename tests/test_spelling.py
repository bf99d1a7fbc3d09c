"""Clinical words spelled by ear, put right; English words and names left alone."""

from fhirqa.agent.nodes import unlabelled
from fhirqa.spelling import consonants, heard, spelled_by_ear


def test_a_word_spelled_by_ear_is_the_clinical_word_it_sounds_like():
    assert spelled_by_ear("is he still on them depreshun pills") == "is he still on them depression pills"
    assert spelled_by_ear("how long was he in the hospitle") == "how long was he in the hospital"
    assert heard("infecshun") == "infection" and heard("amoxasillin") == "amoxicillin" and heard("presher") == "pressure"
    assert consonants("tetnis") == consonants("tetanus")


def test_english_words_short_words_and_names_stay():
    for word in ("place", "rugged", "building", "stars", "Kessler", "Tremblay", "rist", "diabetes", "pills"):
        assert heard(word) is None, word


def test_a_birth_date_naming_the_patient_and_handoff_letters_ask_nothing():
    assert unlabelled("Re: Guy Kessler, DOB 2023-09-08. Please provide the throat culture") == (
        "Re: Guy Kessler. Please provide the throat culture")
    assert unlabelled("regarding Bret Tremblay (DOB 1998-02-09): please list") == "regarding Bret Tremblay: please list"
    assert unlabelled("is his DOB 1998-02-09?") == "is his DOB 1998-02-09?"
    assert unlabelled("S: COVID+ admitted 9/3/21. B: what meds did he get?") == "COVID+ admitted 9/3/21. what meds did he get?"


def test_a_capitalised_word_inside_a_sentence_is_a_name():
    assert spelled_by_ear("is Hospitle his surname? the hospitle stay") == "is Hospitle his surname? the hospital stay"
    assert spelled_by_ear("Depreshun pills?") == "depression pills?"  # a sentence's first word is no name
