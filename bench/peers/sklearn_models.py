#!/usr/bin/env python3
"""scikit-learn peer of bench/suites/models.ts: the same data files, the same lambda grids.

    /usr/bin/python3 bench/peers/sklearn_models.py DATA_DIR GRIDS_JSON OUT_JSON [REPS] [--saga]

GRIDS_JSON holds the lambda grids shrinkage used ({"spam-l1-path": [...], "dense-l1-path": [...]});
sklearn has no lambda_max rule of glmnet's kind, so it is given the same values. Rows (median of
REPS runs, seconds):
  dense-l1-path  lasso_path on the standardized design (StandardScaler inside the timing; Gram
                 precomputed as sklearn's 'auto' does for n > d), alphas = lambdas (same objective)
  spam-l1-path   LogisticRegression(penalty='l1', solver='liblinear'), warm-started over C = 1/(n*lambda);
                 liblinear penalizes the intercept, so its objective differs slightly (time only)
  spam-l1-path-saga  the same with solver='saga' (unpenalized intercept), only with --saga: it is slow
  spam-l1-cv     LogisticRegressionCV(Cs = the same C grid, cv=5, penalty='l1', solver='liblinear')
  spam-l2-path   LogisticRegression(penalty='l2', solver='lbfgs'), warm-started over C = 1/(n*lambda)
                 (sklearn's C·Σloss + ½‖w‖² is glmnet's mean loss + (λ/2)‖w‖²; unpenalized intercept,
                 so the same objective as shrinkage's), its default tol, max_iter 10000
"""
import json
import statistics
import sys
import time
import warnings

import numpy as np
import sklearn
from sklearn.datasets import load_svmlight_file
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression, LogisticRegressionCV, lasso_path
from sklearn.preprocessing import StandardScaler

warnings.filterwarnings("ignore", category=ConvergenceWarning)
args = [a for a in sys.argv[1:] if not a.startswith("--")]
data_dir, grids_file, out_file = args[0], args[1], args[2]
reps = int(args[3]) if len(args) > 3 else 3
saga = "--saga" in sys.argv
grids = json.load(open(grids_file))
meta = json.load(open(f"{data_dir}/datasets.json"))


def timeit(f, n=reps):
    ts, res = [], None
    for _ in range(n):
        t0 = time.perf_counter()
        res = f()
        ts.append(time.perf_counter() - t0)
    return res, statistics.median(ts), ts


def fits_of(lambdas, intercepts, coefs):
    out = []
    for lam, b, w in zip(lambdas, intercepts, coefs):
        nz = np.flatnonzero(w)
        out.append({"lambda": float(lam), "intercept": float(b), "idx": nz.tolist(), "coef": w[nz].tolist()})
    return out


rows = []
Xs, ys = load_svmlight_file(f"{data_dir}/spam.svm", n_features=meta["spam"]["cols"])
Xs = Xs.tocsr()
n = Xs.shape[0]
d = meta["dense"]
Xd = np.fromfile(f"{data_dir}/dense.X.f64", dtype="<f8").reshape(d["rows"], d["cols"])
yd = np.fromfile(f"{data_dir}/dense.y.f64", dtype="<f8")

lam_d = np.array(grids["dense-l1-path"])


def dense_path():
    sc = StandardScaler().fit(Xd)
    Z = sc.transform(Xd)
    ym = yd.mean()
    _, coefs, _ = lasso_path(Z, yd - ym, alphas=lam_d, precompute="auto")
    coefs = coefs.T / sc.scale_
    return coefs, ym - coefs @ sc.mean_


(coefs, b), med, ts = timeit(dense_path)
rows.append({"op": "dense-l1-path", "impl": "sklearn", "median_s": med, "times_s": ts, "fits": fits_of(lam_d, b, coefs)})

lam_s = np.array(grids["spam-l1-path"])
Cs = 1.0 / (n * lam_s)


def spam_path(solver):
    def run():
        m = LogisticRegression(penalty="l1", solver=solver, warm_start=True, max_iter=10000, tol=1e-4)
        out = []
        for C in Cs:
            m.set_params(C=C)
            m.fit(Xs, ys)
            out.append((m.intercept_[0], m.coef_[0].copy()))
        return out
    return run


res, med, ts = timeit(spam_path("liblinear"))
rows.append({"op": "spam-l1-path", "impl": "sklearn-liblinear", "median_s": med, "times_s": ts,
             "fits": fits_of(lam_s, [r[0] for r in res], [r[1] for r in res]), "note": "liblinear penalizes the intercept"})
if saga:
    res, med, ts = timeit(spam_path("saga"), 1)
    rows.append({"op": "spam-l1-path", "impl": "sklearn-saga", "median_s": med, "times_s": ts,
                 "fits": fits_of(lam_s, [r[0] for r in res], [r[1] for r in res])})

_, med, ts = timeit(lambda: LogisticRegressionCV(Cs=Cs, cv=5, penalty="l1", solver="liblinear", max_iter=10000).fit(Xs, ys))
rows.append({"op": "spam-l1-cv", "impl": "sklearn-liblinear", "median_s": med, "times_s": ts, "note": "liblinear penalizes the intercept"})

if "spam-l2-path" in grids:
    lam_r = np.array(grids["spam-l2-path"])

    def ridge_path():
        m = LogisticRegression(penalty="l2", solver="lbfgs", warm_start=True, max_iter=10000)
        out = []
        for C in 1.0 / (n * lam_r):
            m.set_params(C=C)
            m.fit(Xs, ys)
            out.append((m.intercept_[0], m.coef_[0].copy()))
        return out

    res, med, ts = timeit(ridge_path)
    rows.append({"op": "spam-l2-path", "impl": "sklearn", "median_s": med, "times_s": ts,
                 "fits": fits_of(lam_r, [r[0] for r in res], [r[1] for r in res])})

json.dump({"sklearn": sklearn.__version__, "numpy": np.__version__, "rows": rows}, open(out_file, "w"))
