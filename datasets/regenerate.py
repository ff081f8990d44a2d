#!/usr/bin/python3
"""Re-creates datasets/*.csv from Debian's python3-sklearn 1.2.1 package (see README.md).

Values are copied as the package stores them; only a header row of column names is added
(digits, stored gzipped as floats, is written as integers; diabetes, stored gzipped as two
space-separated files, is joined into one, its float targets written as integers). Run with
Debian's python3.
"""
import gzip
import hashlib
import os

from sklearn import datasets

SRC = "/usr/lib/python3/dist-packages/sklearn/datasets/data/"
OUT = os.path.dirname(os.path.abspath(__file__))


def lines(name, skip_count_line):
    opener = gzip.open if name.endswith(".gz") else open
    with opener(SRC + name, "rt") as fh:
        rows = fh.read().splitlines()
    return rows[1:] if skip_count_line else rows


def write(name, header, rows):
    with open(os.path.join(OUT, name), "w") as fh:
        fh.write(",".join(header) + "\n")
        fh.write("\n".join(rows) + "\n")
    print(name, hashlib.sha256(open(os.path.join(OUT, name), "rb").read()).hexdigest())


bc = datasets.load_breast_cancer()
write("breast_cancer.csv", [n.replace(" ", "_") for n in bc.feature_names] + ["target"],
      lines("breast_cancer.csv", True))
write("iris.csv", ["sepal_length_cm", "sepal_width_cm", "petal_length_cm", "petal_width_cm", "target"],
      lines("iris.csv", True))
write("digits.csv", [f"pixel_{r}_{c}" for r in range(8) for c in range(8)] + ["target"],
      [",".join(str(int(float(v))) for v in row.split(",")) for row in lines("digits.csv.gz", False)])
# Diabetes: raw features (load_diabetes(scaled=False)) and the integer-valued targets 25-346.
diabetes = datasets.load_diabetes()
targets = [str(int(float(v))) for v in lines("diabetes_target.csv.gz", False)]
assert all(float(t) == float(v) for t, v in zip(targets, lines("diabetes_target.csv.gz", False)))
write("diabetes.csv", list(diabetes.feature_names) + ["target"],
      [",".join(row.split()) + "," + t for row, t in zip(lines("diabetes_data_raw.csv.gz", False), targets)])
