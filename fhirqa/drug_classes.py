"""Drug classes a question may name ("statin", "blood thinner"), and the ingredients records use for their members."""

from __future__ import annotations

PPIS = "omeprazole pantoprazole esomeprazole lansoprazole rabeprazole dexlansoprazole"

# Drug classes: (names of the class, which mean medications by themselves; words that name the class
# only in a question about medications; the ingredients and words records use for its members).
CLASSES: dict[str, tuple[tuple[str, ...], tuple[str, ...], str]] = {
    "antihypertensive": (("antihypertensive", "antihypertensives", "blood pressure pill", "blood pressure pills",
                          "blood pressure meds", "blood pressure medication", "bp meds"),
                         ("blood pressure", "bp", "hypertension", "htn", "pressure"),
                         "lisinopril amlodipine hydrochlorothiazide losartan valsartan metoprolol atenolol "
                         "carvedilol chlorthalidone enalapril verapamil diltiazem furosemide spironolactone"),
    "anticoagulant": (("blood thinner", "blood thinners", "anticoagulant", "anticoagulants", "anticoag",
                       "anticoagulation", "anticoagulated", "antiplatelet", "antiplatelets"), (),
                      "warfarin heparin enoxaparin apixaban rivaroxaban dabigatran clopidogrel aspirin alteplase"),
    "antibiotic": (("antibiotic", "antibiotics", "abx"), ("infection", "uti", "pneumonia", "sepsis", "strep"),
                   "amoxicillin clavulanate penicillin ampicillin cefuroxime ceftriaxone cefazolin cephalexin "
                   "cefdinir azithromycin clarithromycin erythromycin doxycycline ciprofloxacin levofloxacin "
                   "nitrofurantoin trimethoprim sulfamethoxazole vancomycin piperacillin tazobactam meropenem "
                   "clindamycin metronidazole"),
    "vasopressor": (("pressor", "pressors", "vasopressor", "vasopressors", "inotrope", "inotropes"), (),
                    "norepinephrine epinephrine vasopressin phenylephrine dopamine dobutamine"),
    "stimulant": (("stimulant", "stimulants", "adhd meds", "adhd medication", "adhd medications"), (),
                  "methylphenidate dexmethylphenidate amphetamine dextroamphetamine lisdexamfetamine"),
    "statin": (("statin", "statins", "lipid lowering"), ("cholesterol", "lipids"),
               "atorvastatin simvastatin rosuvastatin pravastatin lovastatin"),
    "diabetes": (("diabetes meds", "diabetes medication", "insulin"), ("diabetes", "diabetic", "sugar", "glucose"),
                 "metformin insulin glipizide glyburide liraglutide semaglutide canagliflozin empagliflozin "
                 "sitagliptin"),
    "oral contraceptive": (("the pill", "oral contraceptive", "oral contraceptives", "birth control pill", "birth control pills", "ocp", "ocps"), (),
                           "norinyl jolivette camila errin natazia yaz seasonique trinessa loestrin sprintec tri-cyclen levora pack"),
    "contraceptive": (("birth control", "contraceptive", "contraceptives", "contraception", "bc", "bcp", "bcps"), (),
                      "norethindrone levonorgestrel ethinyl estradiol mestranol norethynodrel etonogestrel "
                      "medroxyprogesterone drospirenone norgestimate desogestrel dienogest jolivette camila errin "
                      "natazia yaz kyleena mirena liletta nuvaring nexplanon seasonique trinessa norinyl loestrin sprintec"),
    "opioid": (("opioid", "opioids", "narcotic", "narcotics", "opiate", "opiates"), (),
               "hydrocodone oxycodone tramadol fentanyl morphine meperidine codeine buprenorphine methadone "
               "hydromorphone tapentadol"),
    "painkiller": (("painkiller", "painkillers", "pain killer", "pain killers", "pain medicine", "pain meds",
                    "pain medication", "analgesic", "analgesics"),
                   ("pain",),
                   "acetaminophen ibuprofen naproxen hydrocodone oxycodone tramadol fentanyl morphine meperidine "
                   "codeine buprenorphine methadone"),
    "antihistamine": (("allergy pill", "allergy pills", "allergy medicine", "allergy meds", "antihistamine",
                       "antihistamines"), ("hay fever",),
                      "loratadine cetirizine levocetirizine desloratadine fexofenadine diphenhydramine chlorpheniramine astemizole "
                      "terfenadine hydroxyzine clemastine epinephrine"),
    "inhaler": (("inhaler", "inhalers", "puffer", "nebulizer"), ("asthma", "breathing", "copd"),
                "albuterol fluticasone salmeterol budesonide formoterol tiotropium ipratropium inhaler inhalation"),
    "anxiolytic": (("anxiety meds", "anxiety medication", "anxiety medicine", "anti-anxiety", "anxiolytic", "anxiolytics",
                    "benzo", "benzos", "benzodiazepine", "benzodiazepines", "nerve pills"), ("anxiety", "anxious", "panic", "nerves"),
                   "buspirone hydroxyzine alprazolam lorazepam clonazepam diazepam sertraline escitalopram fluoxetine "
                   "paroxetine citalopram venlafaxine duloxetine"),
    "antidepressant": (("antidepressant", "antidepressants", "ssri", "ssris"), ("depression", "anxiety", "mood"),
                       "sertraline fluoxetine citalopram escitalopram paroxetine bupropion venlafaxine duloxetine "
                       "trazodone"),
    "diuretic": (("water pill", "water pills", "diuretic", "diuretics"), (),
                 "hydrochlorothiazide furosemide chlorthalidone spironolactone"),
    "cardiac": ((), ("heart", "cardiac", "angina", "chest pain"),
                "nitroglycerin metoprolol atenolol carvedilol digoxin amiodarone clopidogrel"),
    "dementia": ((), ("dementia", "alzheimer", "alzheimers", "memory"), "donepezil memantine galantamine rivastigmine"),
    "chemotherapy": (("chemo", "chemotherapy"), ("cancer",),
                     "docetaxel paclitaxel cisplatin carboplatin cyclophosphamide doxorubicin tamoxifen anastrozole "
                     "letrozole exemestane leuprolide methotrexate fluorouracil oxaliplatin leucovorin capecitabine irinotecan "
                     "gemcitabine etoposide trastuzumab"),
    "checkpoint inhibitor": (("checkpoint inhibitor", "checkpoint inhibitors", "immune checkpoint"), (),
                      "pembrolizumab nivolumab atezolizumab durvalumab ipilimumab cemiplimab avelumab"),
    "ppi": (("ppi", "ppis", "proton pump inhibitor", "proton pump inhibitors"), (), PPIS),
    "h2 blocker": (("h2ra", "h2ras", "h2 blocker", "h2 blockers", "h2-blocker", "h2-blockers", "h2 antagonist",
                    "h2 antagonists", "h2 receptor antagonist", "h2 receptor antagonists"), (),
                   "famotidine ranitidine cimetidine nizatidine"),
    "bisphosphonate": (("bisphosphonate", "bisphosphonates", "osteoporosis meds", "osteoporosis medication",
                        "bone density meds"), ("osteoporosis", "osteopenia"),
                       "alendronic alendronate risedronate ibandronate zoledronic"),
    "acid reducer": (("acid reducer", "acid reducers", "heartburn meds", "heartburn medicine", "antacid", "antacids"),
                     ("reflux", "gerd", "heartburn"), f"{PPIS} famotidine ranitidine"),
    "immunosuppressant": (("immunosuppressant", "immunosuppressants", "immunosuppressive", "immunosuppression",
                           "anti rejection", "anti-rejection", "antirejection", "biologic", "biologics"), ("transplant",),
                          "azathioprine mycophenolate tacrolimus cyclosporine sirolimus everolimus methotrexate adalimumab "
                          "infliximab etanercept"),
    "antiretroviral": (("art", "haart", "antiretroviral", "antiretrovirals", "arv", "arvs", "hiv meds", "hiv medication",
                        "hiv medications", "hiv medicine"), ("hiv",),
                       "elvitegravir cobicistat emtricitabine tenofovir efavirenz dolutegravir bictegravir raltegravir "
                       "abacavir lamivudine zidovudine darunavir ritonavir atazanavir rilpivirine"),
    "anticonvulsant": (("anti-seizure", "antiseizure", "seizure meds", "seizure medication", "seizure medicine",
                        "anticonvulsant", "anticonvulsants", "antiepileptic", "antiepileptics", "aed", "aeds"),
                       ("seizure", "seizures", "epilepsy"),
                       "levetiracetam phenytoin carbamazepine valproate valproic lamotrigine topiramate oxcarbazepine "
                       "lacosamide clonazepam diazepam lorazepam gabapentin phenobarbital"),
    "steroid": (("steroid", "steroids", "corticosteroid", "corticosteroids"), (),
                "prednisone dexamethasone hydrocortisone methylprednisolone"),
    "thyroid": ((), ("thyroid",), "levothyroxine"),
    "rate control": (("rate control", "rate-control", "rate control agent", "rate-control agent", "rate control drug",
                      "rate control med", "rate ctrl"), (), "metoprolol atenolol carvedilol diltiazem verapamil digoxin esmolol"),
    "beta blocker": (("beta blocker", "beta blockers", "beta-blocker", "beta-blockers", "b-blocker", "b-blockers", "bb", "bbs"),
                     (), "metoprolol atenolol carvedilol propranolol labetalol bisoprolol nadolol esmolol nebivolol sotalol "
                         "pindolol acebutolol timolol"),
    "ace inhibitor": (("ace inhibitor", "ace inhibitors", "acei", "ace-i", "arb", "arbs"), (),
                      "lisinopril enalapril ramipril benazepril captopril quinapril losartan valsartan irbesartan olmesartan"),
    "calcium channel blocker": (("calcium channel blocker", "calcium channel blockers", "ccb", "ccbs"), (),
                                "amlodipine diltiazem verapamil nifedipine felodipine"),
}
