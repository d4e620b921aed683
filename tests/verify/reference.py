#!/usr/bin/env python3
"""An independent implementation of jz-verify's estimates (jz-verify(1), ESTIMATES), in
standard-library Python, by other routes than the C code:

- Clopper-Pearson by bisection on the exact binomial tails (math.comb), not on the
  incomplete beta function;
- Student's t quantile by bisection on a numerically integrated density (Simpson's rule),
  not on the incomplete beta function;
- the normal quantile from statistics.NormalDist;
- the stratified ratio estimator written out from the textbook formula;
- the bootstrap-t quantiles re-drawn from jz-verify(1)'s description with the ChaCha20
  stream of tests/sample_reproduce.py (itself checked against RFC 8439).

Usage:
  reference.py check RESULT.json DRAW.csv VERIFICATION.csv...   compare jz-verify's json
  reference.py cp X N                                           print a Clopper-Pearson interval
  reference.py plan RATE PRECISION CONFIDENCE [N]               print plan's sample size
"""
import csv
import json
import math
import os
import statistics
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from sample_reproduce import Stream  # noqa: E402

RESULTS = {"verified": "verified", "属实": "verified", "differs": "differs", "不符": "differs",
           "not_found": "not_found", "查无": "not_found", "not_checked": "not_checked", "未核": "not_checked"}
COLS = {"centre": "centre", "中心编号": "centre", "item": "item", "抽查项": "item", "result": "result",
        "核查结果": "result", "recounted_participants": "rp", "核实人次": "rp", "recounted_hours": "rh",
        "核实工时": "rh"}


def binom_tail_ge(x, n, p):
    return sum(math.comb(n, k) * p ** k * (1 - p) ** (n - k) for k in range(x, n + 1))


def bisect(f, lo, hi, target, increasing=True, steps=200):
    for _ in range(steps):
        mid = (lo + hi) / 2
        if (f(mid) < target) == increasing:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def clopper_pearson(x, n, conf=0.95):
    a = 1 - conf
    lo = 0.0 if x == 0 else bisect(lambda p: binom_tail_ge(x, n, p), 0.0, 1.0, a / 2)
    # upper: P(X <= x; p) = a/2, i.e. P(X >= x+1; p) = 1 - a/2
    hi = 1.0 if x == n else bisect(lambda p: binom_tail_ge(x + 1, n, p), 0.0, 1.0, 1 - a / 2)
    return lo, hi


def t_cdf(t, df):
    """P(T <= t) by Simpson's rule on the density from 0 to |t|."""
    c = math.gamma((df + 1) / 2) / (math.sqrt(df * math.pi) * math.gamma(df / 2))
    pdf = lambda u: c * (1 + u * u / df) ** (-(df + 1) / 2)
    a, m = abs(t), 2000
    h = a / m
    s = pdf(0) + pdf(a) + sum((4 if k % 2 else 2) * pdf(k * h) for k in range(1, m))
    half = s * h / 3
    return 0.5 + half if t >= 0 else 0.5 - half


def t_quantile(p, df):
    return bisect(lambda t: t_cdf(t, df), -200.0, 200.0, p, steps=80)


def plan(rate, precision, conf, N=None):
    z = statistics.NormalDist().inv_cdf(1 - (1 - conf) / 2)
    n0 = z * z * rate * (1 - rate) / precision ** 2
    n = n0 / (1 + (n0 - 1) / N) if N else n0
    return z, n0, n, min(math.ceil(n - 1e-9), N) if N else math.ceil(n - 1e-9)


def minutes(h):
    return int(round(float(h) * 60)) if h not in ("", None) else None


def read_draw(path):
    strata, items = {}, {}
    with open(path, encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            unit = row.get("client") or row.get("activity")
            key = (row["centre"], row["stratum"])
            strata[key] = {"N": int(row["stratum_available"]), "X": minutes(row["stratum_reported_hours"]),
                           "items": []}
            items[(row["centre"], unit)] = {"stratum": key, "x_p": int(row["reported_participants"]),
                                            "x_h": minutes(row["reported_hours"]), "result": "not_checked",
                                            "rank": int(row["rank"])}
    for (c, u), it in items.items():
        strata[it["stratum"]]["items"].append(it)
    for s in strata.values():
        s["items"].sort(key=lambda i: i["rank"])
    return strata, items


def read_findings(paths, items):
    for path in paths:
        with open(path, encoding="utf-8-sig", newline="") as f:
            r = csv.reader(f)
            head = [COLS.get(h.strip(), h.strip()) for h in next(r)]
            for row in r:
                d = dict(zip(head, row))
                it = items[(d["centre"], d["item"])]
                it["result"] = RESULTS[d["result"]]
                if it["result"] == "not_found":
                    it["y_p"], it["y_h"] = 0, 0
                else:
                    it["y_p"] = int(d["rp"]) if d.get("rp") else it["x_p"]
                    it["y_h"] = minutes(d["rh"]) if d.get("rh") else it["x_h"]


def estimate(groups, Ns, fig, fpc):
    """R and its variance over groups of checked items (one list per stratum)."""
    Y = X = 0.0
    for g, N in zip(groups, Ns):
        if g:
            Y += N / len(g) * sum(i["y_" + fig] for i in g)
            X += N / len(g) * sum(i["x_" + fig] for i in g)
    if X <= 0:
        return None
    R = Y / X
    var, df, ok = 0.0, 0, True
    for g, N in zip(groups, Ns):
        m = len(g)
        if m == 0 or m >= N:
            continue
        if m < 2:
            ok = False
            continue
        e = [i["y_" + fig] - R * i["x_" + fig] for i in g]
        var += N * N * ((1 - m / N) if fpc else 1) * statistics.variance(e) / m
        df += m - 1
    return R, math.sqrt(var) / X, df, ok


def resamples(groups, Ns, seed, B):
    """The bootstrap's resampled groups, as jz-verify(1) describes them (same for both figures)."""
    st = Stream("jz-verify bootstrap " + seed)
    out = []
    for _ in range(B):
        out.append([[g[st.uniform(len(g))] for _ in g] if 2 <= len(g) < N else g for g, N in zip(groups, Ns)])
    return out


def order_stat(t, p):
    k = min(max(int(math.floor(p * (len(t) + 1) + 1e-9)), 1), len(t))
    return t[k - 1]


def ratio(strata, fig, conf, bound, boot=None):
    """Returns (R, lo, hi, se, df, upper): linearised interval, each end widened to bootstrap-t's."""
    groups = [[i for i in s["items"] if i["result"] != "not_checked"] for s in strata]
    Ns = [s["N"] for s in strata]
    r = estimate(groups, Ns, fig, True)
    if r is None:
        return None
    R, se, df, ok = r
    if not ok:
        return R, None, None, se, df, None
    t = t_quantile(1 - (1 - conf) / 2, df) if df else 0
    tb = t_quantile(bound, df) if df else 0
    lo, hi, up = R - t * se, R + t * se, R + tb * se
    if boot:
        ts = []
        for bg in boot:
            rb = estimate(bg, Ns, fig, False)
            if rb is not None and rb[1] > 0:
                ts.append((rb[0] - R) / rb[1])
        if ts:
            ts.sort()
            a = 1 - conf
            lo = min(lo, R - order_stat(ts, 1 - a / 2) * se)
            hi = max(hi, R - order_stat(ts, a / 2) * se)
            up = max(up, R - order_stat(ts, 1 - bound) * se)
    return R, max(lo, 0.0), hi, se, df, up


def check(result_path, draw, findings):
    res = json.load(open(result_path, encoding="utf-8"))
    conf = res["rules"]["confidence"]
    bound = res["rules"]["overstatement_bound"]
    strata, items = read_draw(draw)
    read_findings(findings, items)
    bad = 0

    def close(what, a, b, tol):
        nonlocal bad
        if a is None or b is None:
            if a is not b:
                print(f"{what}: jz-verify {a}, reference {b}")
                bad += 1
            return
        if abs(a - b) > tol:
            print(f"{what}: jz-verify {a}, reference {b:.6f}")
            bad += 1

    for e in res["estimates"]:
        keys = [k for k in sorted(strata) if (e["centre"] is None or k[0] == e["centre"]) and
                (e["stratum"] is None or k[1] == e["stratum"])]
        sel = [strata[k] for k in keys]
        its = [i for s in sel for i in s["items"]]
        checked = [i for i in its if i["result"] != "not_checked"]
        errors = sum(i["result"] in ("differs", "not_found") for i in checked)
        name = f"{e['centre']}/{e['stratum']}"
        if e["checked"] != len(checked) or e["differs"] + e["not_found"] != errors:
            print(f"{name}: counts differ")
            bad += 1
        if checked:
            lo, hi = clopper_pearson(errors, len(checked), conf)
            close(name + " error_rate.low", e["error_rate"]["low"], lo, 6e-5)
            close(name + " error_rate.high", e["error_rate"]["high"], hi, 6e-5)
        B = res["rules"].get("bootstrap_resamples", 0)
        boot = None
        if B:
            groups = [[i for i in s["items"] if i["result"] != "not_checked"] for s in sel]
            if all(len(g) != 1 or len(g) >= s["N"] for g, s in zip(groups, sel)):
                boot = resamples(groups, [s["N"] for s in sel], res["draw"]["seed_sha256"], B)
        for fig, key in (("p", "participants"), ("h", "hours")):
            r = ratio(sel, fig, conf, bound, boot)
            got = e[key]
            if r is None:
                close(name + " " + key, got["factor"], None, 0)
                continue
            close(name + f" {key}.factor", got["factor"], r[0], 6e-5)
            close(name + f" {key}.low", got["low"], r[1], 6e-5)
            close(name + f" {key}.high", got["high"], r[2], 6e-5)
            if r[1] is not None:
                close(name + f" {key}.conservative", got["conservative"], min(1.0, r[5]), 6e-5)
            if fig == "h":
                X = sum(s["X"] for s in sel if any(i["result"] != "not_checked" for i in s["items"])) / 60
                close(name + " reported_hours", e["reported_hours"], X, 0.006)
                close(name + " overstated_hours", e["overstated_hours"], X * (1 - r[0]), 0.006)
                if r[1] is not None:
                    close(name + " lower bound", e["overstated_hours_lower_bound"], X * (1 - r[5]),
                          0.006 + 1e-6 * X)
    if bad:
        return 1
    print(f"reference agrees: {len(res['estimates'])} estimates of {draw}")
    return 0


def main(argv):
    if argv[1] == "check":
        return check(argv[2], argv[3], argv[4:])
    if argv[1] == "cp":
        lo, hi = clopper_pearson(int(argv[2]), int(argv[3]))
        print(f"{lo:.10f} {hi:.10f}")
        return 0
    if argv[1] == "plan":
        z, n0, n, draw = plan(float(argv[2]), float(argv[3]), float(argv[4]), int(argv[5]) if len(argv) > 5 else None)
        print(f"z {z:.4f} n0 {n0:.4f} n {n:.4f} draw {draw}")
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
