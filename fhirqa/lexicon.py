"""The words people use and the words records use: lay terms, abbreviations and drug classes.

`LAY` maps what clinicians, patients and agents say ("a1c", "flu jab", "water pill", "how tall",
"ER") to the words a FHIR record spells (LOINC, SNOMED, CVX and RxNorm display names). `CLASSES`
maps a drug class ("blood thinner", "statin", "birth control") to the ingredients that belong to
it; a class is expanded only when the question is about medications, so "blood pressure" alone
stays the vital sign. Both are general clinical vocabulary (lay terms, clinician shorthand, brand
names, classes); some entries were added after reading errors on the first hand-written set and
on generated validation questions, none from the second hand-written set or any test split.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .drug_classes import CLASSES

LAY: dict[str, str] = {
    # labs
    "sugar": "glucose a1c diabetes", "blood sugar": "glucose", "a1c": "a1c", "hemoglobin a1c": "a1c",
    "hba1c": "a1c", "glycated": "a1c", "glycated hemoglobin": "a1c", "glycated hgb": "a1c",
    "cholesterol numbers": "cholesterol ldl hdl triglycerides",
    "lipids": "cholesterol triglycerides lipid panel", "lipid panel": "cholesterol triglycerides lipid panel",
    "ldl": "low-density lipoprotein cholesterol", "bad cholesterol": "low-density lipoprotein cholesterol",
    "good cholesterol": "hdl high-density lipoprotein cholesterol", "hdl": "hdl high-density lipoprotein cholesterol", "trigs": "triglycerides", "tg": "triglycerides", "tgs": "triglycerides",
    **dict.fromkeys(("ankle-brachial index", "ankle brachial index", "ankle-brachial pressure index", "abi"),
                    "brachial"),  # not a body mass index, nor an ankle sprain
    "fibroscan": "elastography", "liver stiffness": "elastography",
    "kidney": "creatinine glomerular filtration",
    "kidney numbers": "creatinine glomerular filtration urea nitrogen",
    "kidney function": "creatinine glomerular filtration", "renal function": "creatinine glomerular filtration",
    "egfr": "glomerular filtration", "gfr": "glomerular filtration", "cr": "creatinine", "creat": "creatinine",
    "bun": "urea nitrogen", "k+": "potassium", "hyperkalemia": "potassium", "hypokalemia": "potassium",
    "hyponatremia": "sodium", "hypernatremia": "sodium", "blood type": "abo group rh type",
    "blood group": "abo group rh type", "flu test": "influenza virus rna", "flu swab": "influenza virus rna",
    "tested for flu": "influenza virus rna", "test for flu": "influenza virus rna", "potassium": "potassium", "sodium": "sodium",
    "co2": "carbon dioxide", "bicarb": "carbon dioxide",
    "wbc": "leukocytes", "white count": "leukocytes", "white cells": "leukocytes", "white blood": "leukocytes",
    "rbc": "erythrocytes", "red cells": "erythrocytes", "hgb": "hemoglobin", "hb": "hemoglobin",
    "hct": "hematocrit", "crit": "hematocrit", "plt": "platelets", "plts": "platelets", "mcv": "mcv",
    "rdw": "erythrocyte distribution width",
    "cbc": "cbc complete blood count hemogram hemoglobin hematocrit leukocytes platelets erythrocytes",
    "blood count": "cbc complete blood count hemogram hemoglobin hematocrit leukocytes platelets erythrocytes",
    "bmp": "basic metabolic panel", "cmp": "comprehensive metabolic panel", "chem": "metabolic panel",
    "liver": "alanine aminotransferase aspartate aminotransferase bilirubin albumin alkaline phosphatase",
    "lfts": "alanine aminotransferase aspartate aminotransferase bilirubin alkaline phosphatase",  # the enzymes and bilirubin
    "na": "sodium", "k": "potassium", "k+": "potassium", "vitamin k": "vitamin k phytonadione", "electrolytes": "sodium potassium chloride carbon dioxide",
    "lytes": "sodium potassium chloride carbon dioxide", "salts": "sodium potassium chloride",
    "alt": "alanine aminotransferase alt",
    "ast": "aspartate aminotransferase ast", "tsh": "thyrotropin", "thyroid": "thyrotropin thyroxine thyroid",
    "psa": "prostate-specific", "inr": "inr coagulation", "pt/inr": "prothrombin inr coagulation",
    "pt and inr": "prothrombin inr coagulation", "pt inr": "prothrombin inr coagulation", "pt/ptt": "prothrombin thromboplastin",
    "protime": "prothrombin", "d-dimer": "fibrin d-dimer", "ddimer": "fibrin d-dimer",
    "crp": "c reactive protein", "trop": "troponin", "troponin": "troponin", "bnp": "natriuretic peptide",
    "ferritin": "ferritin", "iron": "iron ferritin", "urine": "urine urinalysis", "ua": "urinalysis urine",
    "covid test": "sars-cov-2", "pcr": "sars-cov-2 rna", "strep test": "streptococcus", "gbs": "group b streptococcus",
    "group b strep": "group b streptococcus",
    "culture": "culture", "pap": "cytology cervical papanicolaou", "pap smear": "cytology cervical papanicolaou",
    # vitals
    "bp": "blood pressure panel systolic diastolic", "blood pressure": "blood pressure panel systolic diastolic",
    "pressure": "blood pressure panel systolic diastolic", "systolic": "systolic blood pressure",
    **{f"{m} {b}": f"{m} blood pressure" for m in ("systolic", "diastolic") for b in ("blood pressure", "bp", "pressure")},
    "diastolic": "diastolic blood pressure", "heart rate": "heart rate", "hr": "heart rate", "pulse": "heart rate",
    "temp": "body temperature", "temperature": "body temperature", "fever": "body temperature",
    "tmax": "body temperature", "t max": "body temperature", "max temp": "body temperature",
    "weight": "body weight", "weigh": "body weight", "weighed": "body weight", "heavy": "body weight",
    "height": "body height", "tall": "body height", "length": "body height", "bmi": "body mass index",
    "breathing rate": "respiratory rate", "rr": "respiratory rate", "resp rate": "respiratory rate",
    "oxygen": "oxygen saturation", "o2": "oxygen saturation", "spo2": "oxygen saturation",
    "on oxygen": "oxygen therapy", "on o2": "oxygen therapy", "home oxygen": "oxygen therapy",
    "sats": "oxygen saturation", "pulse ox": "oxygen saturation", "pulse oximetry": "oxygen saturation",
    "pulse-ox": "oxygen saturation",
    "sat": "oxygen saturation", "pain score": "pain severity", "pain level": "pain severity", "pain rating": "pain severity",
    "pain scale": "pain severity",
    "head size": "head occipital-frontal circumference",
    "head circumference": "head occipital-frontal circumference",
    # conditions
    "high blood pressure": "hypertension", "htn": "hypertension", "heart attack": "myocardial infarction",
    "mi": "myocardial infarction", "stemi": "myocardial infarction", "chf": "heart failure",
    "afib": "atrial fibrillation",
    "a-fib": "atrial fibrillation", "a fib": "atrial fibrillation", "irregular heartbeat": "atrial fibrillation arrhythmia",
    "irregular heart beat": "atrial fibrillation arrhythmia", "irregular heart rhythm": "atrial fibrillation arrhythmia", "cad": "coronary ischemic", "stroke": "cerebrovascular accident stroke",
    "cva": "cerebrovascular accident stroke", "tia": "transient ischemic", "copd": "chronic obstructive",
    "emphysema": "pulmonary emphysema", "ckd": "chronic kidney disease", "diabetic": "diabetes", "dm": "diabetes",
    "t2dm": "diabetes", "dm2": "diabetes", "dmii": "diabetes", "dm ii": "diabetes", "niddm": "diabetes",
    "iddm": "diabetes", "t1dm": "diabetes", "dm1": "diabetes", "oud": "opioid abuse dependence",
    "aud": "alcoholism alcohol abuse", "etoh": "alcoholism alcohol", "etoh use": "alcoholism alcohol abuse",
    "substance use": "substance dependent dependence misuse", "substance abuse": "drug abuse misuse", "substance misuse": "drug abuse misuse",
    "radiographic": "x-ray radiography radiograph", "radiographs": "x-ray radiography radiograph",
    "radiograph": "x-ray radiography radiograph",
    "retinal photography": "fundoscopy", "retinal photos": "fundoscopy retinal", "fundus photography": "fundoscopy",
    "fundus photos": "fundoscopy", "fundus": "fundoscopy", "crafft": "car relax alone forget friends trouble", "phq-a": "patient health questionnaire-9 modified teen",
    "phq-9 teen": "questionnaire-9 modified teen", "phq-9 modified": "questionnaire-9 modified teen",
    "prediabetic": "prediabetes", "borderline diabetes": "prediabetes",
    "hld": "hyperlipidemia", "high cholesterol": "hyperlipidemia",
    "gerd": "reflux", "heartburn": "reflux", "uti": "urinary tract infection",
    "bladder infection": "cystitis urinary",
    "uri": "upper respiratory", "cold": "viral upper respiratory", "strep throat": "streptococcal strep",
    "sore throat": "pharyngitis sore throat", "cut": "laceration", "cuts": "laceration", "gash": "laceration", "ear infection": "otitis media", "pink eye": "conjunctivitis",
    "sinus infection": "sinusitis", "bronchitis": "bronchitis", "pneumonia": "pneumonia", "flu": "influenza",
    "covid": "sars-cov-2 covid-19", "covid-19": "sars-cov-2 covid-19", "corona": "sars-cov-2 covid-19",
    "broken": "fracture", "broke": "fracture", "sprained": "sprain", "cancer": "neoplasm carcinoma cancer malignant",
    **{f"{o} ca": f"{o} neoplasm carcinoma cancer malignant" for o in ("prostate", "breast", "lung", "colon", "colorectal",
                                                                      "bladder", "skin", "ovarian", "cervical")},
    "bx": "biopsy", "tissue dx": "biopsy", "tissue diagnosis": "biopsy", "tissue sample": "biopsy", "lysed": "alteplase thrombolysis", "thrombolysed": "alteplase thrombolysis",
    "tumor": "neoplasm", "obese": "obesity body mass index", "overweight": "body mass index obesity",
    "anxious": "anxiety", "depressed": "depression", "sad": "depression", "dementia": "alzheimer dementia",
    "alzheimers": "alzheimer", "seizures": "seizure epilepsy", "fits": "seizure epilepsy",
    "seizure": "seizure epilepsy", "epilepsy": "epilepsy seizure", "sz": "seizure epilepsy", "osa": "sleep apnea",
    "ihd": "ischemic heart disease", "eeg": "electroencephalogram", "brain wave test": "electroencephalogram",
    "brain wave tests": "electroencephalogram", "pen vk": "penicillin v", "asprin": "aspirin", "asthmatic": "asthma",
    "addiction": "dependence abuse", "opioid": "opioid", "opioid use disorder": "opioid abuse", "opioid use": "opioid abuse",
    "d/o": "disorder", "blood pressure plan": "hypertension", "bp plan": "hypertension",
    "blood pressure care plan": "hypertension", "bp care plan": "hypertension",
    "tb": "tuberculosis tuberculin", "ppd": "tuberculin tuberculosis", "quantiferon": "tuberculosis interferon gamma",
    "ectopic": "ectopic tubal pregnancy", "ectopic pregnancy": "ectopic tubal pregnancy",
    "sugar plan": "diabetes", "blood sugar plan": "diabetes", "cholesterol plan": "hyperlipidemia", "drug use": "drug abuse misuse", "tooth": "dental",
    "teeth": "dental tooth gingivitis", "gums": "gingivitis", "cavities": "dental caries",
    "cavity": "dental caries",
    "pregnant": "pregnancy", "pregnancies": "pregnancy", "babies": "childbirth cesarean delivery",
    "miscarriage": "miscarriage abortion", "gave birth": "childbirth delivery",
    "delivered": "childbirth cesarean delivery", "give birth": "childbirth cesarean delivery",
    "giving birth": "childbirth cesarean delivery", "delivery": "childbirth cesarean delivery", "deliver": "childbirth cesarean", "c-section": "cesarean", "sepsis": "sepsis septic",
    "blood clot": "embolism thrombosis", "heart stopping": "cardiac arrest", "heart stopped": "cardiac arrest",
    "coded": "cardiac arrest", "code blue": "cardiac arrest", "pe": "pulmonary embolism",
    "dvt": "venous thrombosis", "smoke": "tobacco smoking", "smoker": "tobacco smoking",
    "smoking": "tobacco smoking", "drink": "alcohol", "drinking": "alcohol", "alcohol": "alcohol",
    **dict.fromkeys(("heavy drinking", "heavy drinker", "unhealthy drinking", "problem drinking", "binge drinking"),
                    "alcohol drinking audit-c"),
    "tummy": "abdominal", "belly": "abdominal", "stomach": "abdominal gastric", "back pain": "back pain",
    "nsclc": "non-small cell lung carcinoma cancer", "sclc": "small cell lung carcinoma cancer",
    "physical therapy": "physical therapy", "pt/ot": "physical occupational therapy", "ot": "occupational therapy",
    "physio": "physical therapy", "physiotherapy": "physical therapy", "pcn": "penicillin", "tetnus": "td tdap tetanus",
    "arm": "arm humerus forearm radius ulna", "upper arm": "humerus", "forearm": "forearm radius ulna",
    "appendix out": "appendectomy excision appendix", "appendix removed": "appendectomy excision appendix",
    "tonsils out": "tonsillectomy", "gallbladder out": "cholecystectomy", "gallbladder removed": "cholecystectomy",
    "gallbladder": "gallbladder cholecystitis cholelithiasis gallstone", "gallstones": "cholelithiasis gallstone",
    "blood cx": "blood culture", "cx": "culture", "cultures": "culture",
    "headache": "headache migraine", "migraines": "migraine", "concussion": "concussion brain injury",
    "whiplash": "whiplash sprain neck", "allergy to": "allergy", "hay fever": "allergic rhinitis",
    # allergens
    "nut": "peanut tree nut", "seafood": "fish shellfish", "bee sting": "bee venom", "bees": "bee venom",
    "dust": "house dust mite", "pets": "animal dander", "cats": "animal dander", "dogs": "animal dander",
    "dairy": "cow's milk", "sulfa": "sulfamethoxazole sulfonamide",
    "anemic": "anemia", "anaemia": "anemia", "osteo": "osteoarthritis osteoporosis", "arthritis": "arthritis",
    # immunizations
    "shots": "vaccine immunization", "shot": "vaccine immunization", "jab": "vaccine immunization",
    "jabs": "vaccine immunization", "tetanus": "td tdap dtap tetanus", "whooping cough": "pertussis dtap tdap",
    "whooping cough booster": "tdap", "pertussis booster": "tdap", "tetanus booster": "td tdap",
    "dtap": "dtap", "tdap": "tdap bordetella pertussis", "mmr": "mmr measles mumps rubella", "measles": "mmr measles",
    "chickenpox": "varicella", "chicken pox": "varicella", "polio": "ipv polio", "hep b": "hep b hepatitis b", "hepatitis b": "hep b hepatitis b",
    "hepatitis a": "hep a hepatitis a",
    "hep a": "hep a hepatitis a", "hep c": "hep c hepatitis c", "hepatitis c": "hep c hepatitis c", "pneumonia shot": "pneumococcal", "pneumonia vaccine": "pneumococcal",
    "pneumonia vax": "pneumococcal", "pneumonia jab": "pneumococcal", "pneumovax": "pneumococcal polysaccharide",
    "prevnar": "pneumococcal conjugate", "pcv13": "pneumococcal conjugate", "pcv-13": "pneumococcal conjugate",
    "anti-hbs": "hepatitis b surface antibody", "hbsab": "hepatitis b surface antibody",
    "hbsag": "hepatitis b surface antigen", "pcv": "pneumococcal conjugate", "hepb": "hep b hepatitis b", "hep-b": "hep b hepatitis b", "shingles": "zoster", "shingrix": "zoster", "meningitis": "meningococcal",
    "hib": "hib", "rotavirus": "rotavirus", "hpv": "hpv", "gardasil": "hpv", "varivax": "varicella",
    "rotateq": "rotavirus", "rotarix": "rotavirus", "menactra": "meningococcal", "menveo": "meningococcal", "fluzone": "influenza",
    "flumist": "influenza", "pediarix": "dtap hep b ipv", "pentacel": "dtap ipv hib", "havrix": "hep a", "engerix": "hep b", "baby shots": "vaccine immunization",
    # procedures, imaging, visits
    "x-ray": "x-ray radiography radiograph", "xray": "x-ray radiography radiograph", "xr": "x-ray radiography radiograph",
    "ct": "computed tomography",
    "cat scan": "computed tomography", "mri": "magnetic resonance", "echo": "echocardiography",
    "echos": "echocardiography", "ekg": "electrocardiogram electrocardiographic",
    "ecg": "electrocardiogram electrocardiographic",
    "ultrasounds": "ultrasonography ultrasound", "sono": "ultrasonography", "mammogram": "mammography",
    "colonoscopy": "colonoscopy", "scope": "endoscopy colonoscopy", "dialysis": "dialysis",
    "cath": "catheterization", "dccv": "electrical cardioversion", "cardioversion": "cardioversion",
    "cardioverted": "cardioversion", "heart echo": "echocardiography", "heart ultrasound": "echocardiography",
    "echocardiogram": "echocardiography", "med rec": "medication reconciliation",
    "med reconciliation": "medication reconciliation", "reconcile": "reconciliation", "put in": "insertion",
    "oxygen administration": "oxygen administration", "oxygen by mask": "oxygen administration mask",
    "oxygen mask": "oxygen administration mask", "supplemental oxygen": "oxygen administration",
    **dict.fromkeys(("cardiac procedure", "heart procedure"),
                    "echocardiography cardioversion cardioverter pacemaker ablation angioplasty coronary catheterization"),
    "stent": "stent angioplasty", "bypass": "bypass graft", "transfusion": "transfusion", "transfused": "transfusion",
    "shocked": "cardioversion defibrillation",
    "pregnancy ultrasound": "ultrasound fetal anatomy", "obstetric ultrasound": "ultrasound fetal anatomy",
    "ob ultrasound": "ultrasound fetal anatomy", "gad": "generalized anxiety", "baby ultrasound": "ultrasound fetal anatomy",
    "screenings": "screening assessment",
    "ventilator": "ventilation",
    "intubated": "intubation endotracheal ventilation", "intubation": "intubation endotracheal ventilation",
    "hd": "hemodialysis dialysis", "hemodialysis": "hemodialysis dialysis", "hd access": "arteriovenous fistula graft",
    "dialysis access": "arteriovenous fistula graft", "av fistula": "arteriovenous fistula", "transplant list": "awaiting transplantation",
    "kidney transplant list": "awaiting transplantation kidney", "kidney transplant": "transplant kidney",
    "kidney-transplant": "transplant kidney", "renal transplant": "transplant kidney", "renal tx": "transplant kidney",
    "kidney tx": "transplant kidney", "liver tx": "transplant liver",
    "memory test": "mmse", "memory tests": "mmse", "memory test scores": "mmse", "falls risk": "fall risk", "risk of falls": "fall risk", "risk of falling": "fall risk", "transplant waiting list": "awaiting transplantation",
    "jaw": "jaw mandible", "collarbone": "clavicle", "collar bone": "clavicle", "kneecap": "patella",
    "shinbone": "tibia", "thigh bone": "femur", "thighbone": "femur", "proned": "prone position", "prone": "prone position",
    "physical": "general examination", "checkup": "check up general examination",
    "check-up": "check up general examination", "annual": "general examination check up",
    "wellness": "general examination check up", "sick visit": "encounter for symptom", "sick visits": "encounter for symptom",
    "well child": "well child", "er": "emergency", "ed": "emergency", "a&e": "emergency",
    "emergency room": "emergency",
    "urgent care": "urgent care", "hospitalized": "inpatient admission", "hospitalization": "inpatient admission",
    "inpatient": "inpatient", "icu": "intensive care", "telehealth": "telemedicine virtual",
    "video visit": "telemedicine virtual",
    "prenatal": "prenatal", "postpartum": "postnatal", "dental": "dental", "dentist": "dental",
    "f/u": "follow-up", "followup": "follow-up", "cbt": "cognitive behavioral therapy",
    "allergy shot": "immunotherapy", "allergy injection": "immunotherapy",
    "wisdom teeth": "wisdom tooth extraction", "wisdom tooth": "wisdom tooth extraction",
    "teeth cleaning": "removal supragingival plaque calculus dental", "dental cleaning": "removal supragingival plaque calculus dental",
    "stitches": "suture", "stitched": "suture", "fx": "fracture", "fxs": "fracture", "lac": "laceration suture",
    "lacs": "laceration suture", "lac repair": "suture", "lac repairs": "suture", "pci": "percutaneous coronary intervention",
    "cabg": "coronary artery bypass", "knee replacement": "knee arthroplasty replacement",
    "hip replacement": "hip replacement arthroplasty", "bone density": "bone densitometry dxa", "dexa": "bone densitometry dxa",
    "dxa": "bone densitometry dxa", "sleep study": "polysomnography", "spinal tap": "lumbar puncture", "mammo": "mammography",
    "fobt": "occult blood stool immunoassay", "stool test": "occult blood stool immunoassay",
    **dict.fromkeys(("fit test", "fit result", "fit results", "fit kit", "fecal immunochemical", "fit-dna"),
                    "occult blood stool immunoassay"), "tubes tied": "tubal ligation sterilization",
    "birth control implant": "subcutaneous contraceptive implant", "contraceptive implant": "subcutaneous contraceptive implant",
    "placement": "insertion", "placements": "insertion", "nexplanon": "etonogestrel subcutaneous contraceptive implant",
    "breathing treatment": "respiratory therapy", "breathing exercise": "respiratory therapy",
    "breathing-exercise": "respiratory therapy", "spirometry": "respiratory function spirometry",
    "breathing test": "respiratory function spirometry", "lung function": "respiratory function spirometry",
    "pft": "respiratory function spirometry", "tox screen": "drugs of abuse panel", "drug screen": "drugs of abuse panel",
    "drug test": "drugs of abuse panel", "uds": "drugs of abuse panel",
    "tte": "transthoracic echocardiography", "tee": "transesophageal echocardiography",
    "c/s": "cesarean", "c section": "cesarean", "babies born": "childbirth cesarean",
    **{f"{v} {d} baby": "childbirth obstetric delivery" for v in ("have", "had", "having", "deliver", "delivered")
       for d in ("my", "her", "the", "their", "your")}, "baby born": "childbirth cesarean",
    "heart stopped": "cardiac arrest", "heart stop": "cardiac arrest",
    **{f"{v} {d} head": "concussion head injury" for v in ("hit", "hurt", "bumped", "banged", "injured")
       for d in ("my", "her", "his", "their", "your")}, "csection": "cesarean", "mening": "meningococcal",
    "lanoxin": "digoxin", "went in": "insertion", "go in": "insertion",
    "pna": "pneumonia", "cxr": "chest x-ray", "lbp": "low back pain", "adhd": "attention deficit",
    "tooth pulled": "extraction tooth", "teeth pulled": "extraction tooth", "gum surgery": "gingivectomy gingivoplasty",
    "prenatal care": "prenatal antenatal", "due date": "confinement",
    "counseling": "counseling", "therapy": "therapy", "rehab": "rehabilitation", "detox": "detoxification", "physio": "physical therapy",
    # clinician shorthand
    "ht": "body height", "wt": "body weight", "hx": "history", "sx": "symptom", "dx": "diagnosis",
    "sige": "ige", "films": "x-ray radiography", "film": "x-ray radiography", "svd": "childbirth", "svds": "childbirth",
    "vaginal delivery": "childbirth", "vaginal deliveries": "childbirth",
    "heart bypass": "coronary artery bypass", "bypass surgery": "coronary artery bypass",
    "wieght": "body weight", "weigth": "body weight", "heart valve": "valve", "heart valves": "valve",
    "joint replacement": "arthroplasty replacement", "joint replacements": "arthroplasty replacement",
    "retinal imaging": "fundoscopy retinal", "eye photos": "fundoscopy",
    "eye drops": "ophthalmic", "eye drop": "ophthalmic", "eye pressure": "intraocular pressure",
    **{f"pressure in {p} eyes": "intraocular pressure" for p in ("my", "his", "her", "the", "their", "your")},
    "a one c": "a1c", "hemoglobin a one c": "a1c",
    "pt sessions": "physical therapy", "pt session": "physical therapy", "pt visits": "physical therapy",
    "xrayed": "x-ray radiography", "x-rayed": "x-ray radiography",
    "nerve damage": "neuropathy", "nerve pain": "neuropathy", "pins and needles": "neuropathy",
    "chest cold": "acute bronchitis", "eczema": "eczema atopic dermatitis", "b12": "vitamin b12 cobalamin",
    # brand names → ingredients
    "norvasc": "amlodipine", "zestril": "lisinopril", "prinivil": "lisinopril", "lipitor": "atorvastatin",
    "zocor": "simvastatin", "crestor": "rosuvastatin", "glucophage": "metformin", "coumadin": "warfarin",
    "jantoven": "warfarin", "plavix": "clopidogrel", "lasix": "furosemide", "tylenol": "acetaminophen",
    "advil": "ibuprofen", "motrin": "ibuprofen", "aleve": "naproxen", "ventolin": "albuterol",
    "proair": "albuterol",
    "flovent": "fluticasone", "advair": "fluticasone salmeterol", "zoloft": "sertraline", "prozac": "fluoxetine",
    "prilosec": "omeprazole", "nexium": "esomeprazole", "protonix": "pantoprazole", "pepcid": "famotidine",
    "imitrex": "sumatriptan", "topamax": "topiramate", "buspar": "buspirone", "xanax": "alprazolam",
    "ativan": "lorazepam", "ambien": "zolpidem", "flexeril": "cyclobenzaprine", "oxycontin": "oxycodone",
    "flonase": "fluticasone", "diflucan": "fluconazole", "valtrex": "valacyclovir", "tamiflu": "oseltamivir",
    "depakote": "valproate valproic", "lamictal": "lamotrigine", "keppra": "levetiracetam", "dilantin": "phenytoin",
    "seroquel": "quetiapine", "abilify": "aripiprazole", "risperdal": "risperidone", "paxil": "paroxetine",
    "effexor": "venlafaxine", "cymbalta": "duloxetine", "neurontin": "gabapentin", "lyrica": "pregabalin",
    "od": "overdose", "ods": "overdose",
    "allergy blood test": "ige", "allergy test": "ige", "allergy testing": "ige", "allergy blood work": "ige", "allergy bloodwork": "ige", "allergy labs": "ige",
    "scit": "subcutaneous immunotherapy", "soy": "soy glycine max", "echocardiographic": "echocardiography",
    "sugar diabetes": "diabetes mellitus",
    **{f"iron {n}": "ferrous sulfate iron" for n in ("tablet", "tablets", "pill", "pills", "supplement", "supplements")},
    **{p: "fundoscopy retina optical coherence tomography" for n in ("pictures", "scans", "photos", "images", "imaging")
       for p in (f"eye {n}", *(f"{n} of {w} eyes" for w in ("her", "his", "my", "their", "the", "both")))},
    **{f"of {w} eyes": "eye retina retinal fundoscopy optical coherence tomography" for w in ("her", "his", "my", "their")},
    "laser": "laser photocoagulation", "amnio": "amniotic",
    "amniocentesis": "amniotic",
    "celexa": "citalopram", "lexapro": "escitalopram", "wellbutrin": "bupropion", "synthroid": "levothyroxine",
    "lovenox": "enoxaparin", "augmentin": "amoxicillin clavulanate", "amoxil": "amoxicillin",
    "keflex": "cephalexin",
    "cipro": "ciprofloxacin", "zithromax": "azithromycin", "z-pak": "azithromycin", "zpack": "azithromycin",
    "bactrim": "sulfamethoxazole trimethoprim", "macrobid": "nitrofurantoin", "epipen": "epinephrine auto-injector", "epi pen": "epinephrine auto-injector",
    "epi-pen": "epinephrine auto-injector",
    "claritin": "loratadine", "zyrtec": "cetirizine", "allegra": "fexofenadine", "benadryl": "diphenhydramine",
    "aricept": "donepezil", "namenda": "memantine", "percocet": "oxycodone acetaminophen",
    "vicodin": "hydrocodone acetaminophen", "norco": "hydrocodone acetaminophen", "ultram": "tramadol",
    "humulin": "insulin", "novolin": "insulin", "lantus": "insulin glargine", "victoza": "liraglutide",
    "invokana": "canagliflozin", "toprol": "metoprolol", "lopressor": "metoprolol", "tenormin": "atenolol",
    "cozaar": "losartan", "diovan": "valsartan", "microzide": "hydrochlorothiazide", "hctz": "hydrochlorothiazide",
    "nitrostat": "nitroglycerin", "nitro": "nitroglycerin", "xarelto": "rivaroxaban", "eliquis": "apixaban",
    "deltasone": "prednisone", "decadron": "dexamethasone", "singulair": "montelukast", "narcan": "naloxone",
    "suboxone": "buprenorphine naloxone", "depo-provera": "medroxyprogesterone", "depo": "medroxyprogesterone",
    # Synthea files each contraceptive shot as an "Intramuscular injection" procedure beside the drug
    **{f"{d} {s}": "medroxyprogesterone intramuscular injection" for d in ("depo-provera", "depo", "depo provera")
       for s in ("shot", "shots", "injection", "injections", "jab", "jabs")},
    # an eye injection is the intravitreal procedure and the drug given in it
    **{phrase: "intravitreal bevacizumab ranibizumab aflibercept" for s in ("shot", "shots", "injection", "injections")
       for phrase in [f"eye {s}", *(f"{s} {to} {whose} eye" for to in ("in", "into", "for")
                                    for whose in ("the", "his", "her", "my", "their", "both"))]},
    "tpa": "alteplase", "asa": "aspirin", "apap": "acetaminophen", "nsaid": "ibuprofen naproxen",
    # medications and devices
    "meds": "medications", "med": "medication", "water pill": "hydrochlorothiazide diuretic",
    "puffer": "inhaler", "inhaler": "inhaler albuterol", "burned": "burn", "burnt": "burn", "pacemaker": "pacemaker", "ppm": "pacemaker", "icd": "defibrillator", "aicd": "defibrillator",
    "glucose monitor": "glucose monitor",
    "cpap": "continuous positive airway", "walker": "walker", "wheelchair": "wheelchair",
    "hearing aid": "hearing aid",
    **dict.fromkeys(("breastfeed", "breastfeeding", "breastfed", "breast feeding", "breast fed"), "breastfeeding lactation"),
    **dict.fromkeys(("mini-pill", "minipill", "mini pill"), "norethindrone jolivette camila errin"), "iud": "intrauterine contraceptive device", "implant": "implant implantable",
}
# A vaccine's injection is its shot ("my tetanus injection"), not a drug given by injection.
VACCINES = ("tetanus", "flu", "influenza", "hep b", "hepatitis b", "hep a", "hepatitis a", "hpv", "mmr", "measles",
            "polio", "shingles", "pneumonia", "whooping cough", "chickenpox", "chicken pox")
LAY |= {f"{v} {s}": f"{LAY.get(f'{v} shot', LAY.get(v, v))} vaccine immunization" for v in VACCINES for s in ("injection", "injections")}
LAY |= {f"{s} {to} {v}": f"{LAY.get(f'{v} shot', LAY.get(v, v))} vaccine immunization" for v in VACCINES
        for s in ("shot", "shots", "vaccine", "vaccines", "jab", "jabs", "vax") for to in ("for", "against")}  # "the shots for pneumonia"
LAY |= dict.fromkeys(("colectomy", "hemicolectomy"), "colectomy resection of colon")
# A pregnancy visit is its kind, not a general check-up ("postpartum check-ups": the postnatal visits).
LAY |= {f"{when} {visit}": kind for when, kind in (("prenatal", "prenatal"), ("postpartum", "postnatal"))
        for visit in ("check-up", "checkup", "visit", "appointment")}

# The expansions the relevance classifier reads (`topics.expand`), in training and at inference:
# the shipped adapter was trained with these, so they change only with a retrained adapter.
MODEL_LAY: dict[str, str] = {
    "sugar": "glucose hemoglobin a1c diabetes", "a1c": "hemoglobin a1c", "hba1c": "hemoglobin a1c",
    "bp": "blood pressure", "shots": "vaccine immunization", "shot": "vaccine immunization",
    "jab": "vaccine immunization", "jabs": "vaccine immunization", "flu": "influenza",
    "water pill": "hydrochlorothiazide diuretic", "blood thinner": "warfarin clopidogrel anticoagulant",
    "meds": "medications", "med": "medication", "cholesterol numbers": "cholesterol ldl hdl triglycerides",
    "heart rate": "heart rate pulse", "pulse": "heart rate", "temp": "body temperature",
    "weight": "body weight", "height": "body height", "bmi": "body mass index",
    "kidney": "creatinine glomerular filtration renal", "kidney function": "creatinine egfr glomerular filtration",
    "egfr": "glomerular filtration rate", "ldl": "low density lipoprotein cholesterol",
    "hdl": "high density lipoprotein cholesterol", "heart attack": "myocardial infarction",
    "high blood pressure": "hypertension", "sugar disease": "diabetes", "diabetic": "diabetes",
    "stroke": "cerebrovascular accident stroke", "puffer": "inhaler", "inhaler": "inhaler albuterol",
    "pain killer": "analgesic acetaminophen ibuprofen", "painkiller": "analgesic acetaminophen ibuprofen",
    "x-ray": "x-ray radiography", "xray": "x-ray radiography", "checkup": "check up general examination",
    "physical": "general examination", "tetanus": "td tdap tetanus", "covid": "sars-cov-2 covid-19",
    "hep b": "hepatitis b", "pneumonia shot": "pneumococcal", "shingles": "zoster",
    "smoke": "tobacco smoking status", "smoking": "tobacco smoking status", "drink": "alcohol",
    "breathing rate": "respiratory rate", "oxygen": "oxygen saturation", "period": "menstrual",
    "anxious": "anxiety", "depressed": "depression", "sad": "depression", "tummy": "abdominal",
}

MEDICATION_WORDS = ("med", "meds", "medication", "medications", "medicine", "medicines", "drug", "drugs", "pill", "tablet", "tablets",
                    "pills", "prescribe", "prescribed", "prescription", "prescriptions", "take", "taking", "takes", "took", "treated",
                    "treatment", "rx", "dose", "doses", "dosage", "dosing", "on for", "refill", "refills", "filling")


def one_typo(a: str, b: str, least: int = 7) -> bool:
    """Whether two words of `least`+ letters differ by one letter dropped, added or changed, or two neighbours
    swapped ("alergic", "measels")."""
    if min(len(a), len(b)) < least or abs(len(a) - len(b)) > 1 or a == b:
        return False
    i = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    swapped = len(a) == len(b) and a[i:i + 2] == b[i:i + 2][::-1] and a[i + 2:] == b[i + 2:]
    return a[i + 1:] == b[i + 1:] or a[i:] == b[i + 1:] or a[i + 1:] == b[i:] or swapped


@lru_cache(maxsize=None)
def _words(phrase: str, plural: bool) -> re.Pattern:
    """The pattern of a phrase as whole words, compiled once: the lexicon holds more phrases than `re`'s
    own cache, which then compiled every phrase again for every question."""
    end = "(?:s|es)?" if plural else ""
    return re.compile(rf"(?<![a-z0-9]){re.escape(phrase)}{end}(?![a-z0-9])")


def _has(q: str, phrase: str, plural: bool = True) -> bool:
    """Whether `q` holds the phrase as words, also in the plural ("check-ups", "echos")."""
    return phrase in q and _words(phrase, plural).search(q) is not None


@lru_cache(maxsize=4096)
def spelled(question: str) -> str:
    """The lower-case question with each long word misspelt once against the lexicon's words put right
    ("blood presure", "measels")."""
    def fix(m: re.Match) -> str:
        w = m.group(0)
        suffix = next((x for x in ("ing", "ed", "ly") if w.endswith(x)), "")  # "stating" is a word, not "statins"
        if w in VOCABULARY:
            return w
        found = next((v for v in LONG_WORDS if one_typo(w, v) and v.endswith(suffix)), None)
        singular = re.sub(r"ies$", "y", w) if w.endswith("ies") else w[:-1] if w.endswith("s") else None
        if found is None and singular:  # "colonoskopies" is colonoscopy
            found = next((v for v in LONG_WORDS if one_typo(singular, v)), None)
        return found or w
    return re.sub(r"[a-z]{7,}", fix, question.lower())


# Short words misspelt often enough to know ("what pils am i takeing"): too short for `one_typo`.
SHORT_TYPOS = {"pils": "pills", "pill's": "pills", "takeing": "taking", "takin": "taking", "medz": "meds", "meds's": "meds",
               "alergy": "allergy", "alergies": "allergies", "shotz": "shots",
               "checkd": "checked", "what'd": "what did", "whatd": "what did", "probs": "problems", "dz": "disease", "dx's": "diagnoses", "procs": "procedures", "d/c": "discharge",
               "hi blud": "high blood", "blud": "blood", "wen": "when", "wich": "which", "rite now": "right now",
               "suposed": "supposed", "askin": "asking", "new monya": "pneumonia", "new monia": "pneumonia",
               "noomonia": "pneumonia", "asma": "asthma", "azma": "asthma"}  # spelled by ear, too short for `spelling`


def typo_fixed(question: str) -> str:
    """The question with the short misspellings of `SHORT_TYPOS` put right and a long lexicon word split in two by
    dictation joined ("sim vastatin", "hydro chlorothiazide"), once, where `find_relevant` takes it."""
    fixed = re.sub(rf"\b(?:{'|'.join(map(re.escape, SHORT_TYPOS))})\b", lambda m: SHORT_TYPOS.get(m.group(0).lower(), m.group(0)),
                   question, flags=re.IGNORECASE)
    return re.sub(r"\b([A-Za-z]{2,})(\s+)(?=([A-Za-z]{3,})\b)", _joined, fixed)


def _joined(m: re.Match) -> str:
    """The first word without the space after it when it and the next spell one lexicon word, else unchanged."""
    a, b = m.group(1), m.group(3)
    whole = (a + b).lower()
    return a if len(whole) >= 8 and whole in VOCABULARY and not {a.lower(), b.lower()} & VOCABULARY else m.group(0)


# A plan for a measure names the plan for its condition ("some kind of plan for dad's blood pressure").
PLAN_FOR = (r"\b(?:care\s+|treatment\s+)?plans?(?:\s+thing)?\s+for\s+(?:(?:his|her|my|their|the|your|[a-z]+'s)\s+)?"
            r"(blood pressure|bp|blood sugar|sugar|cholesterol)\b")


# Abbreviations with another sense in some company: EGFR beside ALK and PD-L1 is the tumour gene, not kidney function.
OTHER_SENSE = {"egfr": r"\b(?:molecular|mutation\w*|tumou?rs?|genomic|genes?|alk|pd-?l1|kras|biomarkers?|ngs)\b",
               "therapy": r"\b(?:real|actual|current|drug|medication)\s+therapy\b",  # drugs taken, not a therapy given
               "pressure": r"\b(?:c-?pap|bi-?pap|apap|ventilator|vent|tires?)\b",  # a machine's setting, not blood pressure
               **dict.fromkeys(("delivered", "delivery", "deliver"), r"\b(?:suppl(?:y|ies)|strips?|lancets?|equipment|"
                               r"shipped|masks?|tubing|filters?|needles|syringes|sensors?|c-?pap|bi-?pap|kits?|boxe?s?)\b"),
               # "when were his lancets delivered?": a shipment, not a birth
               "heavy": r"\bheavy\s+(?:\w+\s+){0,2}(?:drink\w*|alcohol|smok\w*|periods?|bleeding|menstrua\w*)\b"}  # not a weight


def lay_phrases(question: str, lexicon: dict[str, str] = LAY, plural: bool = True, longest: bool = True) -> list[str]:
    """The lay words and abbreviations of `lexicon` in the question; with `longest`, a phrase inside a
    longer one found ("cold" in "chest cold") is not read on its own."""
    q = re.sub(r"\bperiods?\s+(?:start|end|dates?)\b", " ", spelled(question))  # a FHIR period, not menstrual
    q = re.sub(PLAN_FOR, r"\1 plan", q)  # "any care plan for his blood pressure?": the hypertension plan
    found = [k for k in lexicon if _has(q, k, plural) and not (k in OTHER_SENSE and re.search(OTHER_SENSE[k], q))]
    if longest:
        found = [k for k in found if not any(k != x and _has(x, k, plural) for x in found)]
        found = [k for k in found if not _member_named(q, k, found, lexicon)]
    return found


# Panels a question may name only to say where a member was measured ("hgb on her cbc?").
PANELS = {"cbc", "blood count", "bmp", "cmp", "chem", "lfts", "liver", "electrolytes", "lytes", "salts", "lipids",
          "lipid panel", "cholesterol numbers"}


def panels_named(question: str) -> list[str]:
    """The panels the question names, whether or not a member named beside them is what it asks."""
    q = spelled(question)
    return [p for p in PANELS if _has(q, p)]


def _member_named(q: str, key: str, found: list[str], lexicon: dict[str, str]) -> bool:
    """Whether the question names a panel and, beside it, one of its members ("hgb on her cbc?", "what my blood
    count showed, the haemoglobin in particular"): then the member is asked."""
    if key not in PANELS:
        return False
    members = set(re.findall(r"[a-z]{4,}", lexicon[key])) - {"blood", "count", "complete", "panel", "metabolic",
                                                               "cholesterol"}  # "lipid panel results? cholesterol etc"
    rest = re.sub(rf"(?<![a-z0-9]){re.escape(key)}(?:s|es)?(?![a-z0-9])", " ", q)
    others = [k for k in found if k != key and k not in PANELS]
    said = set(re.findall(r"[a-z]+", rest)) & members
    return len(others) + len(said - {w for k in others for w in re.findall(r"[a-z]+", lexicon[k])}) == 1 and not re.search(
        r"\betc\b", q)  # one member: "hgb on her cbc?"; several ("lipid panel - ldl, hdl, trigs"): the panel


def lay_words(question: str, lexicon: dict[str, str] = LAY, plural: bool = True, longest: bool = True) -> list[str]:
    """The record's words for the lay words and abbreviations in the question."""
    return [lexicon[k] for k in lay_phrases(question, lexicon, plural, longest)]


# A class named as a problem of its use ("opioid use disorder", "narcotic abuse") names a condition, not drugs.
MISUSE = r"(?:s|es)?\s+(?:use|abuse|misuse|dependence|addiction|disorder|d/o|overdose|withdrawal)\b"
# ... nor as what holds it ("the pill box").
CONTAINER = r"\s*(?:box|boxes|organi[sz]ers?|cases?|bottles?)\b"


# The longer lay phrases and class names holding each class name: "birth control implant", "birth control pills".
_CLASS_NAMES = [n for names, _, _ in CLASSES.values() for n in names]
_LONGER = {n: tuple(k for k in [*LAY, *_CLASS_NAMES] if n in k and k != n) for n in _CLASS_NAMES}


def _names_class(q: str, name: str) -> bool:
    """Whether `q` names the class (one of `CLASSES`' names), not as a problem of its use nor inside a longer lay
    phrase or class name."""
    return (_has(q, name) and not re.search(rf"(?<![a-z0-9]){re.escape(name)}(?:{MISUSE}|{CONTAINER})", q)
            and not any(_has(q, k) for k in _LONGER[name]))


def names_medication(question: str) -> bool:
    """Whether the question names a drug class by itself ("blood thinner", "statin", "antibiotics")."""
    q = spelled(question)
    return any(_names_class(q, n) for names, _, _ in CLASSES.values() for n in names)


def without_class_names(question: str) -> str:
    """The (spelled) question less the drug-class names in it ("allergy pill" in "still on the allergy pill?")."""
    q = spelled(question)
    for names, _, _ in CLASSES.values():
        for n in sorted(names, key=len, reverse=True):
            q = re.sub(rf"(?<![a-z0-9]){re.escape(n)}(?:s|es)?(?![a-z0-9])", " ", q)
    return q


def class_words(question: str) -> list[str]:
    """Ingredients of the drug classes the question names, or hints at in a question about medications."""
    q = spelled(question)
    tests = re.sub(r"\bdrugs?\s+(?:screens?|tests?|testing|abuse|use|panels?)\b", " ", q)  # "urine drug screens": a lab
    about_meds = any(_has(tests, w) for w in MEDICATION_WORDS)
    return [members for names, context, members in CLASSES.values()
            if any(_names_class(q, n) for n in names) or (about_meds and any(_has(q, c) for c in context))]


# Drug names the classes list ("buprenorphine", "methadone"): a question naming one names a drug.
INGREDIENTS = {w for _, _, members in CLASSES.values() for w in members.split() if len(w) >= 6}
VOCABULARY = {w for k, v in LAY.items() for w in re.findall(r"[a-z]+", f"{k} {v}")} | {
    w for names, context, members in CLASSES.values() for w in re.findall(r"[a-z]+", " ".join(names + context) + " " + members)}
LONG_WORDS = sorted(w for w in VOCABULARY if len(w) >= 7)
