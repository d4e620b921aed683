#!/usr/bin/env python3
"""A second, independent implementation of the jz-sample draw (methods jz-sample-1 and, with
--weights, jz-sample-pps-1), written from the man page (jz-sample(1), ALGORITHM) with the
Python standard library only.

    python3 tests/sample_reproduce.py clients --seed TEXT (-n N | --per N) [--by KEY]
        [--kind K,...] [--mode M] [--from DATE] [--to DATE] [--exclude FILE] [--centre ID] RECORDS...

Prints the seed's SHA-256 on the first line, then one line per drawn unit in output order:
centre,stratum,rank,id -- the same fields as columns 3-6 of `jz-sample --format csv`; with
--weights AUDIT.json also inclusion_probability,measure (its columns 17 and 22).
Inputs: valid records files, UTF-8 (with or without BOM) with the canonical English
header names and enumeration values, as in samples/records/ (dates ISO, Y/M/D or Excel
serial numbers). It checks nothing: run jz-validate first.
"""
import argparse
import csv
import datetime
import hashlib
import json
import struct
import sys

MASK = 0xFFFFFFFF
KINDS = ["case", "group", "community", "visit", "consult", "training", "supervision", "admin"]
DEFAULT_KINDS = {"clients": set(KINDS), "activities": {"case", "group", "community"}}
NONE = "(none)"


# ---- ChaCha20 (RFC 8439 section 2.3) and the stream ----

def _rotl(v, n):
    return ((v << n) & MASK) | (v >> (32 - n))


def _quarter(x, a, b, c, d):
    x[a] = (x[a] + x[b]) & MASK; x[d] = _rotl(x[d] ^ x[a], 16)
    x[c] = (x[c] + x[d]) & MASK; x[b] = _rotl(x[b] ^ x[c], 12)
    x[a] = (x[a] + x[b]) & MASK; x[d] = _rotl(x[d] ^ x[a], 8)
    x[c] = (x[c] + x[d]) & MASK; x[b] = _rotl(x[b] ^ x[c], 7)


def chacha20_block(key, counter, nonce=bytes(12)):
    state = [0x61707865, 0x3320646E, 0x79622D32, 0x6B206574]
    state += list(struct.unpack("<8I", key)) + [counter] + list(struct.unpack("<3I", nonce))
    x = state[:]
    for _ in range(10):
        _quarter(x, 0, 4, 8, 12); _quarter(x, 1, 5, 9, 13)
        _quarter(x, 2, 6, 10, 14); _quarter(x, 3, 7, 11, 15)
        _quarter(x, 0, 5, 10, 15); _quarter(x, 1, 6, 11, 12)
        _quarter(x, 2, 7, 8, 13); _quarter(x, 3, 4, 9, 14)
    return struct.pack("<16I", *[(a + b) & MASK for a, b in zip(x, state)])


class Stream:
    """Key = SHA-256(seed), nonce 0, counter 0, 1, ...; 64-bit little-endian words."""

    def __init__(self, seed):
        self.key = hashlib.sha256(seed.encode("utf-8")).digest()
        self.counter = 0
        self.words = []

    def next(self):
        if not self.words:
            block = chacha20_block(self.key, self.counter)
            self.counter += 1
            self.words = list(struct.unpack("<8Q", block))
        return self.words.pop(0)

    def uniform(self, n):
        lim = 2**64 - (2**64 % n)
        while True:
            w = self.next()
            if w < lim:
                return w % n


# ---- records ----

def parse_date(s):
    s = s.strip()
    if s.isdigit():
        return datetime.date(1899, 12, 30) + datetime.timedelta(days=int(s))
    for sep in "-/.":
        if sep in s:
            y, m, d = (int(p) for p in s.split(sep))
            return datetime.date(y, m, d)
    raise ValueError("date %r" % s)


def read_units(args):
    """(centre, id) -> [first key, last key, stratum value of the first record, records,
    highest risk x 10 of its records (with --weights)]."""
    units = {}
    risk = load_risk(args.weights) if args.weights else None
    id_col = "client" if args.what == "clients" else "activity"
    kinds = set(k for arg in args.kind for k in arg.split(",")) if args.kind else DEFAULT_KINDS[args.what]
    for fileno, path in enumerate(args.records):
        with open(path, encoding="utf-8-sig", newline="") as f:
            for lineno, row in enumerate(csv.DictReader(f)):
                if row["kind"].strip().lower() not in kinds:
                    continue
                if args.mode and row["mode"].strip().lower() != args.mode:
                    continue
                day = parse_date(row["date"])
                if (args.date_from and day < args.date_from) or (args.date_to and day > args.date_to):
                    continue
                centre, uid = row["centre"].strip(), row.get(id_col, "").strip()
                if not uid or (args.centre and centre not in args.centre):
                    continue
                value = row.get(args.by, "").strip()
                value = value.lower() if args.by in ("kind", "target", "place", "mode") else value
                key = (day, fileno, lineno)
                u = units.setdefault((centre, uid), [key, key, value or NONE, 0, 0])
                u[3] += 1
                if risk is not None:
                    r = risk[0].get((centre, row.get("staff", "").strip()), risk[1].get(centre, 0))
                    u[4] = max(u[4], r)
                if key < u[0]:
                    u[0], u[2] = key, value or NONE
                u[1] = max(u[1], key)
    return units


def load_risk(path):
    """jz-audit's json: (centre, staff) -> risk x 10 and centre -> risk x 10, rounded half up."""
    a = json.load(open(path, encoding="utf-8"))
    x10 = lambda r: int(r * 10 + 0.5)
    return ({(s["centre"], s["staff"]): x10(s["risk"]) for s in a["staff"]},
            {c["centre"]: x10(c["risk"]) for c in a["centres"]})


def read_excludes(paths, what):
    """A set of ids (every centre) and a set of (centre, id) pairs."""
    any_centre, pairs = set(), set()
    col = "client" if what == "clients" else "activity"
    for path in paths:
        with open(path, encoding="utf-8-sig", newline="") as f:
            rows = [r for r in csv.reader(f) if r]
        header = [h.strip().lower() for h in rows[0]] if rows else []
        if col in header:
            i, c = header.index(col), header.index("centre") if "centre" in header else None
            for r in rows[1:]:
                if r[i].strip():
                    (pairs.add((r[c].strip(), r[i].strip())) if c is not None and r[c].strip()
                     else any_centre.add(r[i].strip()))
        else:
            any_centre.update(r[0].strip() for r in rows if r[0].strip() and not r[0].strip().startswith("#"))
    return any_centre, pairs


# ---- allocation and the draw ----

def hamilton(n, pops, open_):
    P = sum(p for p, o in zip(pops, open_) if o)
    g = [n * p // P if o else 0 for p, o in zip(pops, open_)]
    rem = sorted((-(n * p % P), i) for i, (p, o) in enumerate(zip(pops, open_)) if o)
    for _, i in rem[:n - sum(g)]:
        g[i] += 1
    return g


def apportion(n, pops, avail):
    """share = the first apportionment; alloc = after giving the excess of full strata away."""
    open_ = [p > 0 for p in pops]
    alloc, share, left, first = [0] * len(pops), [0] * len(pops), n, True
    while left > 0 and any(open_):
        g = hamilton(left, pops, open_)
        if first:
            share, first = g[:], False
        over = [i for i in range(len(pops)) if open_[i] and g[i] > avail[i]]
        for i in over:
            alloc[i], open_[i] = avail[i], False
            left -= avail[i]
        if not over:
            for i in range(len(pops)):
                if open_[i]:
                    alloc[i] += g[i]
            break
    return share, alloc


def apportion_each(n, pops, avail):
    """jz-sample -n: one from each stratum with one available, the rest of n by apportion."""
    m = sum(1 for a in avail if a > 0)
    share, alloc = apportion(max(n - m, 0), pops, [a - 1 if a > 0 else 0 for a in avail])
    one = [1 if a > 0 else 0 for a in avail]
    return [s + o for s, o in zip(share, one)], [x + o for x, o in zip(alloc, one)]


def draw(args):
    units = read_units(args)
    any_centre, pairs = read_excludes(args.exclude, args.what)
    strata = {}
    for (centre, uid), u in units.items():
        strata.setdefault((centre.encode(), u[2].encode()), []).append(uid)
    names = sorted(strata)  # byte order of centre, then value
    pops = [len(strata[s]) for s in names]
    cands = [sorted((uid for uid in strata[s] if uid not in any_centre and (s[0].decode(), uid) not in pairs),
                    key=lambda x: x.encode()) for s in names]
    if args.per is not None:
        alloc = [min(args.per, len(c)) for c in cands]
    else:
        alloc = apportion_each(args.n, pops, [len(c) for c in cands])[1]
    stream = Stream(args.seed)
    print("seed-sha256", hashlib.sha256(args.seed.encode("utf-8")).hexdigest())
    for s, c, k in zip(names, cands, alloc):
        if args.weights:
            pps(stream, s, c, k, [10 + units[(s[0].decode(), uid)][4] for uid in c])
            continue
        for i in range(k):  # partial Fisher-Yates
            j = i + stream.uniform(len(c) - i)
            c[i], c[j] = c[j], c[i]
            print("%s,%s,%d,%s" % (s[0].decode(), s[1].decode(), i + 1, c[i]))


def pps(stream, s, c, k, m):
    """Randomized systematic PPS with certainties (jz-sample(1), ALGORITHM, --weights)."""
    if k == 0:
        return
    order = list(range(len(c)))
    for i in range(len(c)):  # a full Fisher-Yates permutation
        j = i + stream.uniform(len(c) - i)
        order[i], order[j] = order[j], order[i]
    sure, left, M, rank = set(), k, sum(m), 0
    out = lambda i, p: print("%s,%s,%d,%s,%.9f,%d" % (s[0].decode(), s[1].decode(), rank, c[i], p, m[i]))
    again = True
    while again and left > 0:
        again, k0, M0 = False, left, M
        for i in order:
            if i not in sure and k0 * m[i] >= M0:
                sure.add(i)
                again, left, M, rank = True, left - 1, M - m[i], rank + 1
                out(i, 1.0)
    if left > 0:
        point, kk, cum = stream.uniform(M), left, 0
        for i in order:
            if left == 0:
                break
            if i in sure:
                continue
            cum += kk * m[i]
            if point < cum:
                rank, left, point = rank + 1, left - 1, point + M
                out(i, kk * m[i] / M)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("what", choices=["clients", "activities"])
    ap.add_argument("--seed", required=True)
    size = ap.add_mutually_exclusive_group(required=True)
    size.add_argument("-n", type=int)
    size.add_argument("--per", type=int)
    ap.add_argument("--by", default="kind", choices=["kind", "target", "place", "mode", "centre", "staff"])
    ap.add_argument("--kind", action="append", default=[])
    ap.add_argument("--mode", choices=["direct", "indirect"])
    ap.add_argument("--from", dest="date_from", type=parse_date)
    ap.add_argument("--to", dest="date_to", type=parse_date)
    ap.add_argument("--exclude", action="append", default=[])
    ap.add_argument("--centre", action="append", default=[])
    ap.add_argument("--weights")
    ap.add_argument("records", nargs="+")
    draw(ap.parse_args())


if __name__ == "__main__":
    sys.exit(main())
