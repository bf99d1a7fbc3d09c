"""Curated lab and vital-sign concepts: the LOINC codes behind a name a question uses, its lay words and
a usual adult reference range for "out of range" questions (ranges are stated in the gold answer).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ObsConcept:
    """One lab or vital a question can ask about."""

    key: str
    kind: str                      # "lab" | "vital"
    codes: tuple[str, ...]
    name: str                      # as the gold answer names it
    lay: tuple[str, ...]           # as questions may name it
    low: float | None = None       # usual range, in the record's usual unit
    high: float | None = None


def _c(key, kind, codes, name, lay, low=None, high=None) -> ObsConcept:
    return ObsConcept(key, kind, tuple(codes.split()), name, tuple(lay), low, high)


OBS = [
    _c("hba1c", "lab", "4548-4 17856-6", "HbA1c",
       ["HbA1c", "a1c", "A1C", "hemoglobin A1c", "sugar test", "three-month sugar test", "glycated hemoglobin"],
       None, 5.7),
    _c("glucose", "lab", "2339-0 2345-7 41653-7", "glucose",
       ["glucose", "blood sugar", "sugar level", "blood glucose", "sugar"], 70, 99),
    _c("chol", "lab", "2093-3", "total cholesterol",
       ["cholesterol", "total cholesterol", "chol", "cholesterol level"], None, 200),
    _c("ldl", "lab", "18262-6 13457-7 2089-1", "LDL cholesterol", ["LDL", "bad cholesterol", "LDL-C"], None, 130),
    _c("hdl", "lab", "2085-9", "HDL cholesterol", ["HDL", "good cholesterol", "HDL-C"], 40, None),
    _c("trig", "lab", "2571-8", "triglycerides", ["triglycerides", "trigs", "TG", "blood fats"], None, 150),
    _c("creat", "lab", "38483-4 2160-0", "creatinine", ["creatinine", "creat", "Cr", "kidney number"], 0.6, 1.3),
    _c("egfr", "lab", "33914-3 62238-1 69405-9 98979-8 48643-1 48642-3 77147-7", "eGFR",
       ["eGFR", "GFR", "kidney function", "filtration rate"], 60, None),
    _c("bun", "lab", "6299-2 3094-0", "urea nitrogen (BUN)", ["BUN", "urea nitrogen", "urea"], 7, 20),
    _c("potassium", "lab", "6298-4 2823-3", "potassium", ["potassium", "K level", "potassium level"], 3.5, 5.1),
    _c("sodium", "lab", "2947-0 2951-2", "sodium", ["sodium", "Na", "sodium level"], 135, 145),
    _c("calcium", "lab", "49765-1 17861-6", "calcium", ["calcium", "Ca", "calcium level"], 8.5, 10.2),
    _c("chloride", "lab", "2069-3 2075-0", "chloride", ["chloride", "Cl"], 98, 107),
    _c("co2", "lab", "20565-8 2028-9", "carbon dioxide (bicarbonate)", ["CO2", "bicarb", "bicarbonate"], 22, 29),
    _c("hgb", "lab", "718-7", "hemoglobin", ["hemoglobin", "Hgb", "Hb", "haemoglobin"], 12, 17.5),
    _c("hct", "lab", "4544-3 20570-8", "hematocrit", ["hematocrit", "Hct", "crit"], 36, 50),
    _c("wbc", "lab", "6690-2", "white blood cell count", ["white blood cell count", "WBC", "white count"], 4.5, 11),
    _c("rbc", "lab", "789-8", "red blood cell count", ["red blood cell count", "RBC", "red count"], 4.2, 5.9),
    _c("plt", "lab", "777-3", "platelet count", ["platelets", "platelet count", "PLT"], 150, 450),
    _c("mcv", "lab", "787-2", "MCV", ["MCV", "mean corpuscular volume", "red cell size"], 80, 100),
    _c("alt", "lab", "1742-6", "ALT", ["ALT", "liver enzyme ALT", "SGPT"], None, 40),
    _c("ast", "lab", "1920-8", "AST", ["AST", "liver enzyme AST", "SGOT"], None, 40),
    _c("alb", "lab", "1751-7", "albumin", ["albumin", "blood albumin"], 3.5, 5.0),
    _c("bili", "lab", "1975-2", "total bilirubin", ["bilirubin", "bili"], None, 1.2),
    _c("alp", "lab", "6768-6", "alkaline phosphatase", ["alkaline phosphatase", "alk phos", "ALP"], 44, 147),
    _c("protein", "lab", "2885-2", "total protein", ["total protein", "protein level"], 6.0, 8.3),
    _c("ferritin", "lab", "2276-4", "ferritin", ["ferritin", "iron stores"], 12, 300),
    _c("crp", "lab", "1988-5", "C-reactive protein", ["CRP", "C-reactive protein", "inflammation marker"], None, 10),
    _c("inr", "lab", "6301-6", "INR", ["INR", "clotting test", "blood thinning test"], 0.8, 1.2),
    _c("pt", "lab", "5902-2", "prothrombin time", ["PT", "prothrombin time"], 11, 13.5),
    _c("troponin", "lab", "89579-7 6598-7 10839-9", "troponin", ["troponin", "heart enzyme"], None, 14),
    _c("ddimer", "lab", "48065-7", "D-dimer", ["D-dimer", "clot test"], None, 0.5),
    _c("microalb", "lab", "14959-1", "urine albumin/creatinine ratio", ["microalbumin", "urine albumin", "UACR"],
       None, 30),
    _c("bp", "vital", "85354-9 8480-6 8462-4", "blood pressure",
       ["blood pressure", "bp", "BP", "blood pressure reading", "pressure"], None, None),
    _c("hr", "vital", "8867-4", "heart rate", ["heart rate", "pulse", "HR", "pulse rate"], 60, 100),
    _c("rr", "vital", "9279-1", "respiratory rate", ["respiratory rate", "breathing rate", "resp rate", "RR"], 12, 20),
    _c("temp", "vital", "8310-5 8331-1", "body temperature", ["temperature", "temp", "body temperature"], 36.1, 37.8),
    _c("weight", "vital", "29463-7", "weight", ["weight", "body weight", "wt"]),
    _c("height", "vital", "8302-2", "height", ["height", "body height", "ht"]),
    _c("bmi", "vital", "39156-5", "BMI", ["BMI", "bmi", "body mass index"], 18.5, 25),
    _c("pain", "vital", "72514-3", "pain score", ["pain score", "pain level", "pain rating"]),
    _c("spo2", "vital", "2708-6 2713-6 59408-5", "oxygen saturation",
       ["oxygen saturation", "oxygen level", "O2 sat", "SpO2", "pulse ox"], 95, None),
    _c("head", "vital", "9843-4", "head circumference", ["head circumference", "head size"]),
]

# Lab panels a question may ask about as a whole ("her cholesterol numbers").
PANELS = {
    "lipids": (("chol", "ldl", "hdl", "trig"), "57698-3",
               ["cholesterol numbers", "lipid panel", "lipids", "lipid results", "cholesterol panel"]),
    "kidney": (("creat", "egfr", "bun"), "",
               ["kidney labs", "kidney function tests", "renal panel", "kidney numbers"]),
    "electrolytes": (("sodium", "potassium", "chloride", "co2"), "",
                     ["electrolytes", "lytes", "salts and electrolytes"]),
    "cbc": (("hgb", "hct", "wbc", "rbc", "plt"), "58410-2",
            ["blood count", "CBC", "complete blood count", "blood counts"]),
    "liver": (("alt", "ast", "alb", "bili", "alp"), "",
              ["liver tests", "liver function tests", "LFTs", "liver enzymes"]),
}

BP_SYSTOLIC, BP_DIASTOLIC, BP_PANEL = "8480-6", "8462-4", "85354-9"
SMOKING = "72166-2"

# Labs a question may ask about that Synthea rarely records: sources of "the record has no ..." questions.
ABSENT_LABS = [
    ("2857-1", "PSA", ["PSA", "prostate test", "PSA level"]),
    ("3016-3", "TSH", ["TSH", "thyroid test", "thyroid level"]),
    ("1989-3", "vitamin D", ["vitamin D", "vit D level"]),
    ("882-1", "blood type", ["blood type", "blood group"]),
    ("2132-9", "vitamin B12", ["B12", "vitamin B12 level"]),
    ("2498-4", "iron", ["iron level", "serum iron"]),
    ("3024-7", "free T4", ["free T4", "thyroxine"]),
    ("14647-2", "urine drug screen", ["urine tox screen", "drug screen"]),
    ("2276-4", "ferritin", ["ferritin", "iron stores"]),
    ("6301-6", "INR", ["INR", "clotting time"]),
    ("1988-5", "CRP", ["CRP", "C-reactive protein"]),
    ("4548-4", "HbA1c", ["HbA1c", "a1c", "sugar test"]),
    ("2093-3", "total cholesterol", ["cholesterol", "cholesterol numbers"]),
]

