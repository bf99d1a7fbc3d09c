"""Lay names for common Synthea codes: how a patient or a busy clinician would call a condition, drug,
vaccine or procedure in a question, with a fallback to the record's display text.
"""

from __future__ import annotations

import re

# SNOMED condition code -> lay terms (the record's own display is always a candidate too).
CONDITIONS = {
    "44054006": ["type 2 diabetes", "diabetes", "sugar diabetes", "T2DM", "DM2"],
    "15777000": ["prediabetes", "borderline diabetes", "pre-diabetes"],
    "714628002": ["prediabetes", "borderline diabetes", "pre-diabetes"],
    "59621000": ["high blood pressure", "hypertension", "HTN", "high bp"],
    "38341003": ["high blood pressure", "hypertension", "HTN", "high bp"],
    "55822004": ["high cholesterol", "hyperlipidemia", "HLD"],
    "267432004": ["high cholesterol", "hypercholesterolemia"],
    "302870006": ["high triglycerides", "hypertriglyceridemia"],
    "162864005": ["obesity"],
    "408512008": ["severe obesity", "morbid obesity"],
    "271737000": ["anemia", "low blood count", "anaemia"],
    "195662009": ["sore throat", "viral pharyngitis", "pharyngitis"],
    "43878008": ["strep throat", "strep"],
    "444814009": ["sinus infection", "viral sinusitis"],
    "40055000": ["chronic sinusitis", "long-term sinus trouble"],
    "75498004": ["bacterial sinus infection", "bacterial sinusitis"],
    "10509002": ["bronchitis", "chest cold", "acute bronchitis"],
    "65363002": ["ear infection", "otitis media"],
    "233604007": ["pneumonia", "lung infection"],
    "49436004": ["afib", "atrial fibrillation", "AF", "irregular heartbeat"],
    "53741008": ["heart disease", "coronary artery disease", "CAD"],
    "22298006": ["heart attack", "MI"],
    "410429000": ["cardiac arrest", "heart stopping"],
    "230690007": ["stroke", "CVA"],
    "195967001": ["asthma"],
    "233678006": ["childhood asthma", "asthma"],
    "13645005": ["COPD", "chronic lung disease"],
    "26929004": ["Alzheimer's", "Alzheimer disease", "dementia"],
    "16114001": ["broken ankle", "ankle fracture"],
    "65966004": ["broken arm", "forearm fracture"],
    "58150001": ["broken collarbone", "clavicle fracture"],
    "44465007": ["sprained ankle", "ankle sprain"],
    "70704007": ["sprained wrist", "wrist sprain"],
    "72892002": ["pregnancy"],
    "5602001": ["opioid abuse", "opioid addiction"],
    "449868002": ["smoking", "daily smoking"],
    "73595000": ["stress"],
    "235595009": ["acid reflux", "GERD", "heartburn"],
    "24079001": ["eczema", "atopic dermatitis"],
    "64859006": ["osteoporosis", "brittle bones"],
    "68496003": ["colon polyp", "polyp in the colon"],
    "124171000119105": ["migraines", "chronic migraine"],
    "37796009": ["migraine", "migraines"],
    "68566005": ["urinary tract infection", "UTI", "bladder infection"],
    "301011002": ["E. coli UTI", "urinary tract infection", "UTI"],
    "307426000": ["cystitis", "bladder infection"],
    "840539006": ["COVID-19", "covid", "coronavirus infection"],
    "66383009": ["gingivitis", "gum inflammation"],
    "18718003": ["gum disease", "gingival disease"],
    "109570002": ["cavities", "tooth decay", "dental caries"],
    "446096008": ["hay fever", "allergic rhinitis", "year-round allergies"],
    "232353008": ["allergic rhinitis", "seasonal allergies"],
    "192127007": ["ADHD", "attention deficit disorder"],
    "82423001": ["chronic pain"],
    "278860009": ["low back pain", "chronic back pain"],
    "91302008": ["sepsis", "blood infection"],
    "706870000": ["pulmonary embolism", "blood clot in the lung", "PE"],
    "60573004": ["aortic stenosis", "narrowed heart valve"],
    "431855005": ["kidney disease", "CKD stage 1"],
    "433144002": ["chronic kidney disease stage 3", "CKD 3"],
    "431857002": ["chronic kidney disease stage 4", "CKD 4"],
    "46177005": ["kidney failure", "end-stage renal disease", "ESRD"],
    "127013003": ["diabetic kidney disease"],
    "92691004": ["prostate cancer", "carcinoma in situ of prostate"],
    "126906006": ["prostate tumor", "prostate neoplasm"],
    "235919008": ["gallstones", "gallbladder stones"],
    "237602007": ["metabolic syndrome"],
    "84757009": ["epilepsy", "seizures"],
}

# Drug classes a question may name instead of a drug; matched on the (lower-cased) drug display.
MED_CLASSES = {
    "blood thinner": ["warfarin", "apixaban", "rivaroxaban", "dabigatran", "clopidogrel", "heparin",
                      "enoxaparin", "edoxaban", "alteplase"],
    "water pill": ["hydrochlorothiazide", "furosemide", "chlorthalidone", "spironolactone", "triamterene",
                   "bumetanide", "torsemide"],
    "blood pressure medicine": ["lisinopril", "amlodipine", "hydrochlorothiazide", "losartan", "metoprolol",
                                "atenolol", "valsartan", "carvedilol", "verapamil", "propranolol"],
    "statin": ["simvastatin", "atorvastatin", "rosuvastatin", "pravastatin", "lovastatin"],
    "diabetes medicine": ["metformin", "insulin", "glipizide", "glyburide", "liraglutide", "sitagliptin",
                          "canagliflozin", "semaglutide", "dapagliflozin", "empagliflozin"],
    "antibiotic": ["amoxicillin", "penicillin", "doxycycline", "cefuroxime", "azithromycin", "nitrofurantoin",
                   "cephalexin", "ciprofloxacin", "clindamycin", "cefaclor", "ampicillin", "piperacillin",
                   "vancomycin", "sulfamethoxazole", "ceftriaxone", "meropenem"],
    "painkiller": ["acetaminophen", "ibuprofen", "naproxen", "oxycodone", "hydrocodone", "tramadol",
                   "fentanyl", "morphine", "meperidine"],
    "opioid": ["oxycodone", "hydrocodone", "fentanyl", "morphine", "tramadol", "meperidine", "buprenorphine"],
    "birth control": ["jolivette", "camila", "errin", "norinyl", "ortho tri-cyclen", "estrostep",
                      "levonorgestrel", "norelgestromin", "medroxyprogesterone", "liletta", "mirena", "kyleena",
                      "nuvaring", "etonogestrel", "yaz", "mestranol", "trinessa", "natazia", "seasonique"],
    "inhaler": ["albuterol", "fluticasone", "budesonide", "inhal", "salmeterol", "tiotropium"],
    "allergy medicine": ["fexofenadine", "loratadine", "cetirizine", "chlorpheniramine", "diphenhydramine"],
    "antidepressant": ["sertraline", "fluoxetine", "citalopram", "escitalopram", "bupropion", "trazodone",
                       "venlafaxine", "duloxetine", "paroxetine"],
}
CLASS_FORMS = {  # how the class reads in a question (singular; "any {x}" / "a {x}")
    "blood thinner": ["blood thinner", "anticoagulant", "blood-thinning medicine"],
    "water pill": ["water pill", "diuretic"],
    "blood pressure medicine": ["blood pressure medicine", "bp med", "blood pressure pill"],
    "statin": ["statin", "cholesterol pill", "cholesterol medicine"],
    "diabetes medicine": ["diabetes medicine", "sugar pill", "diabetes med"],
    "antibiotic": ["antibiotic", "antibiotics", "abx"],
    "painkiller": ["painkiller", "pain medicine", "pain med"],
    "opioid": ["opioid", "narcotic", "opiate painkiller"],
    "birth control": ["birth control", "contraceptive", "birth control pills"],
    "inhaler": ["inhaler", "puffer"],
    "allergy medicine": ["allergy medicine", "antihistamine", "allergy pill"],
    "antidepressant": ["antidepressant", "depression medicine"],
}
BRANDS = {
    "acetaminophen": ["Tylenol", "paracetamol"], "ibuprofen": ["Advil", "Motrin"], "naproxen": ["Aleve"],
    "warfarin": ["Coumadin", "blood thinner"], "hydrochlorothiazide": ["HCTZ", "water pill"],
    "fexofenadine": ["Allegra"], "epinephrine": ["EpiPen", "epi pen"], "simvastatin": ["Zocor"],
    "atorvastatin": ["Lipitor"], "clopidogrel": ["Plavix"], "amlodipine": ["Norvasc"], "metformin": ["Glucophage"],
    "albuterol": ["rescue inhaler"], "lisinopril": ["Zestril"], "nitroglycerin": ["nitro"],
    "amoxicillin": ["amoxil"], "oxycodone": ["OxyContin"], "sumatriptan": ["Imitrex"], "digoxin": ["Lanoxin"],
}

# CVX vaccine groups: one question concept may span several codes (pediatric/adult, dose sizes).
VACCINES = [
    ({"140", "141", "150", "155", "158", "161", "185", "186", "197", "205", "88", "135", "144", "149", "153",
      "166", "168", "171", "111"}, "influenza vaccine", ["flu shot", "flu vaccine", "flu jab", "influenza shot"]),
    ({"207", "208", "210", "211", "212", "213", "217", "218", "219", "221", "228", "229", "230", "300", "301",
      "302", "309", "310", "311", "312", "313"}, "COVID-19 vaccine",
     ["covid shot", "covid vaccine", "COVID-19 jab", "coronavirus vaccine", "covid jab"]),
    ({"113", "09", "138", "139"}, "Td (tetanus-diphtheria) vaccine", ["tetanus shot", "Td booster", "tetanus booster"]),
    ({"115"}, "Tdap vaccine", ["Tdap", "Tdap booster", "whooping cough booster"]),
    ({"08", "43", "44", "45"}, "hepatitis B vaccine", ["hep B shot", "hepatitis B vaccine", "hep B jab"]),
    ({"83", "52", "84", "85"}, "hepatitis A vaccine", ["hep A shot", "hepatitis A vaccine"]),
    ({"20", "106", "107", "110"}, "DTaP vaccine", ["DTaP", "DTaP shot", "diphtheria-tetanus-pertussis shot"]),
    ({"10", "89"}, "polio vaccine (IPV)", ["polio vaccine", "polio shot", "IPV"]),
    ({"03", "94"}, "MMR vaccine", ["MMR", "measles shot", "measles-mumps-rubella vaccine"]),
    ({"21"}, "varicella vaccine", ["chickenpox vaccine", "chicken pox shot", "varicella shot"]),
    ({"49", "17", "48", "46", "47", "148"}, "Hib vaccine", ["Hib vaccine", "Hib shot"]),
    ({"119", "116", "122"}, "rotavirus vaccine", ["rotavirus vaccine", "rotavirus drops"]),
    ({"133", "152", "33", "109", "215", "216", "100"}, "pneumococcal vaccine",
     ["pneumonia shot", "pneumococcal vaccine", "pneumonia vaccine"]),
    ({"114", "136", "147", "32", "108", "203"}, "meningococcal vaccine", ["meningitis vaccine", "meningococcal shot"]),
    ({"62", "165", "118", "137"}, "HPV vaccine", ["HPV vaccine", "HPV shot", "Gardasil"]),
    ({"121", "187", "188"}, "zoster (shingles) vaccine", ["shingles shot", "shingles vaccine", "zoster vaccine"]),
]

PROCEDURES = {
    "73761001": ["colonoscopy", "colon scope"], "430193006": ["medication review", "med reconciliation"],
    "171207006": ["depression screening", "mood screening"], "180325003": ["cardioversion", "heart shock procedure"],
    "18286008": ["ablation", "heart ablation"], "274474001": ["cast or splint", "bone immobilization"],
    "312681000": ["DEXA scan", "bone density test"], "24623002": ["mammogram", "screening mammogram"],
    "71651007": ["mammogram"], "90226004": ["pap smear", "cervical smear"],
    "117015009": ["throat swab", "strep test", "throat culture"], "232717009": ["bypass surgery", "CABG"],
    "415070008": ["stent placement", "angioplasty"], "80146002": ["appendectomy", "appendix removal"],
    "65200003": ["IUD insertion", "coil fitting"], "11466000": ["C-section", "cesarean"],
    "33195004": ["radiation therapy", "radiotherapy"], "367336001": ["chemo", "chemotherapy"],
    "265764009": ["dialysis", "kidney dialysis"], "68071007": ["fluoride treatment", "fluoride varnish"],
    "241046008": ["dental X-rays", "bitewing X-rays", "bitewings"], "19490002": ["ankle X-ray", "x-ray of the ankle"],
    "399208008": ["chest X-ray", "CXR", "chest film"], "433236007": ["echocardiogram", "echo", "heart ultrasound"],
    "40701008": ["echocardiogram", "echo"], "23426006": ["lung function test", "spirometry", "breathing test"],
    "288086009": ["stitches", "wound suturing"], "76601001": ["injection", "shot in the muscle"],
    "70536003": ["kidney transplant", "renal transplant"], "66348005": ["childbirth", "delivery"],
    "28163009": ["TB skin test", "tuberculosis test"], "44608003": ["blood typing", "blood group test"],
    "252160004": ["pregnancy test"], "169230002": ["pregnancy ultrasound", "early scan"],
    "173291009": ["tooth extraction", "tooth pulled"], "274031008": ["polyp removal", "polypectomy"],
    "104435004": ["stool blood test", "FOBT"], "447365002": ["defibrillator implant", "ICD insertion"],
}

# Encounter kinds by class code or SNOMED type code.
ENCOUNTER_KINDS = {
    "emergency": ({"EMER"}, {"50849002", "4525004"}, "emergency visit",
                  ["ER visits", "emergency room visits", "A&E visits", "emergency visits", "ED visits"]),
    "inpatient": ({"IMP", "ACUTE"}, {"183452005", "32485007", "305408004"}, "hospital admission",
                  ["hospital stays", "hospital admissions", "inpatient stays", "admissions"]),
    "checkup": (set(), {"162673000", "185349003", "410620009", "185345009"}, "check-up",
                ["check-ups", "wellness visits", "physicals", "routine check-ups"]),
    "urgent": ({"UCC"}, {"702927004", "371883000"}, "urgent care or outpatient procedure visit",
               ["urgent care visits", "outpatient procedure visits"]),
}

TAG_RE = re.compile(r"\s*\((disorder|finding|procedure|situation|substance|organism|regime/therapy|"
                    r"physical object|person|morphologic abnormality|event|observable entity|qualifier value|"
                    r"social concept|product|record artifact)\)?\s*$", re.I)
ACRONYM_RE = re.compile(r"^[A-Z0-9][A-Z0-9\-]+\b")
SALT_WORDS = {"hydrochloride", "sodium", "potassium", "hyclate", "maleate", "acetate", "sulfate", "bitartrate",
              "succinate", "hydrobromide", "hydrocholoride", "calcium", "magnesium", "citrate", "besylate",
              "tartrate", "fumarate", "mesylate", "bromide", "phosphate", "disodium"}


def lab_name(display: str) -> str:
    """A LOINC display without method and specimen: 'Walnut IgE Ab [Units/volume] in Serum' -> 'Walnut IgE Ab'."""
    text = re.sub(r"\s*\[.*?\]", "", display or "")
    specimen = r"\s+(in|by|of)\s+(Serum|Plasma|Blood|Urine|Platelet|Automated|Arterial|Respiratory).*$"
    text = re.sub(specimen, "", text, flags=re.I)
    return clean(text).strip() or display


def clean(display: str) -> str:
    """The display without its SNOMED semantic tag, e.g. 'Viral sinusitis (disorder)' -> 'Viral sinusitis'."""
    return TAG_RE.sub("", display or "").strip()


def lower_first(text: str) -> str:
    """'Viral sinusitis' -> 'viral sinusitis', keeping acronyms and brand capitals ('COPD', 'Alzheimer's')."""
    if not text or ACRONYM_RE.match(text) or (len(text) > 1 and text[1].isupper()):
        return text
    word = text.split(" ", 1)[0]
    if word.endswith("'s") or word in {"Alzheimer", "Escherichia"}:
        return text
    return text[0].lower() + text[1:]


def ingredient(display: str) -> str:
    """The drug's ingredient words, e.g. 'Warfarin Sodium 5 MG Oral Tablet' -> 'warfarin'."""
    text = re.sub(r"\[.*?\]", "", display or "")
    parts = []
    for part in text.split(" / "):
        words, kept = part.replace(",", " ,").split(), []
        while words and (re.match(r"^[\d.]+$", words[0]) or words[0].upper() in {"ML", "HR", "MG", "ACTUAT"}
                         or words[0].startswith("NDA") or words[0].lower() == "abuse-deterrent"):
            words.pop(0)
        for w in words:
            if re.match(r"^[\d.]", w) or w == ",":
                break
            kept.append(w)
        kept = [w for w in kept if w.lower() not in SALT_WORDS]
        if kept:
            name = " ".join(kept).lower()
            if name not in parts:
                parts.append(name)
    return " and ".join(parts[:3]) or clean(display).lower()


def brand(display: str) -> str:
    """The bracketed brand of an RxNorm display ('[Humalog]'), or ''."""
    m = re.search(r"\[(\w[\w\s\-]*)\]", display or "")
    return m.group(1) if m else ""


def med_classes(display: str) -> list[str]:
    """The drug classes (keys of MED_CLASSES) a drug display belongs to."""
    low = (display or "").lower()
    return [cls for cls, words in MED_CLASSES.items() if any(w in low for w in words)]


def med_lay(display: str) -> list[str]:
    """How a question may name this drug: its ingredient, brand and well-known nicknames."""
    ing = ingredient(display)
    names = [ing]
    if brand(display):
        names.append(brand(display))
    for key, extra in BRANDS.items():
        if ing.startswith(key):
            names += extra
    return list(dict.fromkeys(names))


def vaccine_group(code: str) -> tuple[str, list[str]] | None:
    """(name, lay terms) of the vaccine group of a CVX code, if curated."""
    for codes, name, lay in VACCINES:
        if code in codes:
            return name, lay
    return None


def condition_lay(code: str, display: str) -> list[str]:
    """How a question may name this condition."""
    return list(dict.fromkeys([lower_first(clean(display)), *CONDITIONS.get(code, [])]))


def procedure_lay(code: str, display: str) -> list[str]:
    """How a question may name this procedure."""
    return list(dict.fromkeys([lower_first(clean(display)), *PROCEDURES.get(code, [])]))


def is_social(display: str) -> bool:
    """True for Synthea's social-history 'findings' (employment, stress...) that are not diseases."""
    return bool(re.search(r"\((finding|situation|person|social concept)\)?\s*$", display or "", re.I))
