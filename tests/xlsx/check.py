#!/usr/bin/python3
"""check.py [--lang en|zh] RESULT.json WORKBOOK.xlsx [EVIDENCE.csv...]: read back a workbook
written by jz_report_xlsx (jz-report -f xlsx [--evidence EVIDENCE.csv...]) from a jz-score
result and check it against the result, and its Evidence sheet against the evidence files:
with them the last sheet is Evidence, its heading indicator, centre, file, line, record id,
part, then every row of every file in order (as many rows as the files have), each field
as text (record ids included, whatever they look like) except line, a number; without them
there is no Evidence sheet.

The workbook is in the document language --lang (en by default): its sheet names,
headings, row labels, units and notes are the words WORDS below gives for that language,
written here by hand, never taken from the catalogue; the formulas are the same in both.

Reads the workbook twice with openpyxl: once for the formulas (data_only=False), once for
the cached values a viewer without recalculation shows (data_only=True). Every formula in
the workbook is evaluated here by a small evaluator that knows only what the writer may
write (cell and range references, + - * /, SUM, SUMIF, MIN, MAX, ROUND): a formula with
anything else (HYPERLINK, an input string) fails the check. Prints what it checked; exits
1 with the first failures on a mismatch, 2 on usage.
"""
import csv
import json
import re
import sys
from decimal import Decimal, ROUND_HALF_UP

import openpyxl
import openpyxl.reader.excel
from openpyxl.cell.text import Text
from openpyxl.xml.constants import SHEET_MAIN_NS
from openpyxl.xml.functions import iterparse

EVIDENCE_COLS = ["indicator", "centre", "file", "line", "record_id"]   # the evidence file's header

# The workbook's own words in each document language.
WORDS = {
    "en": {
        "fixed": ["contract", "centre", "district", "street", "operator", "as of", "total (points)", "grade", "place"],
        "ind_cols": ["id", "title", "section", "party", "value (in unit)", "target (in unit)", "ratio (%)",
                     "earned (points)", "possible (points)", "status", "derivation", "unit"],
        "hours_cols": ["contract", "centre", "check", "required (in unit)", "delivered (in unit)", "unit",
                       "ratio (%)", "status", "detail"],
        "evidence_cols": ["indicator", "centre", "file", "line", "record_id", "part"],
        "sheets": {"Summary": "Summary", "Sections": "Sections", "Hours": "Hours", "History": "History",
                   "Evidence": "Evidence", "Verification": "Verification", "Integrity": "Integrity"},
        "points": "%s (points)", "hours": "hours", "payment": "payment",
        "section": "section", "total": "total", "deductions": "deductions", "earned": "earned",
        "applicable": "applicable", "applied": "applied", "band": "band", "veto": "veto", "indicator": "indicator",
        "not scored": "not scored", "no grade": "no grade",
        "reweighted": "re-weighted:", "lowered": "lowered %s",
        "withheld": lambda g, s: s.startswith("%s (below " % g) and "withheld" in s,
        "units": {},
    },
    "zh": {
        "fixed": ["合同", "中心", "区", "街道", "承接机构", "截至", "总分（分）", "等级", "名次"],
        "ind_cols": ["编号", "名称", "部分", "评估方", "数值（按单位）", "目标（按单位）", "比率（%）",
                     "得分（分）", "可得分（分）", "状态", "计算过程", "单位"],
        "hours_cols": ["合同", "中心", "核查项", "要求（按单位）", "完成（按单位）", "单位", "比率（%）", "状态", "说明"],
        "evidence_cols": ["指标", "中心", "文件", "行", "记录编号", "部分"],
        "sheets": {"Summary": "汇总", "Sections": "各部分", "Hours": "时数", "History": "历史",
                   "Evidence": "证据", "Verification": "核验", "Integrity": "数据完整性"},
        "points": "%s（分）", "hours": "时数", "payment": "拨付",
        "section": "部分", "total": "总分", "deductions": "扣分合计", "earned": "得分",
        "applicable": "适用分值", "applied": "适用规则", "band": "等级档", "veto": "一票否决", "indicator": "指标",
        "not scored": "未评分", "no grade": "无等级",
        "reweighted": "按比例折算：", "lowered": "由 %s 降为",
        "withheld": lambda g, s: s.startswith("%s（低于" % g) and "暂缓拨付" in s,
        "units": {"points": "分", "of 5": "分（满分 5）", "clients": "名服务对象", "activities": "个活动",
                  "staff": "名员工", "records": "条记录", "attendances": "人次", "volunteers": "名志愿者",
                  "h": "小时", "hours": "小时", "minutes": "分钟", "days": "天", "people": "人"},
    },
}
W = WORDS["en"]


def sheet(name):
    """A sheet's name in the workbook's language."""
    return W["sheets"][name]


def unit_of(u):
    return W["units"].get(u, u)

FIRST_IND = 7          # first indicator row (1-based)
EARNED = "H"

failures = []
checked = {}


def fail(msg):
    failures.append(msg)


def count(what, n=1):
    checked[what] = checked.get(what, 0) + n


# ---- shared strings as Excel shows them ----

def excel_text(raw):
    """OOXML's "_xHHHH_" escapes decoded left to right, as Excel does ("_x005F_x0041_"
    shows as "_x0041_", "_x0041_" as "A")."""
    return re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), raw)


def read_string_table_as_excel(xml_source):
    """openpyxl 3.0's reader only drops "x005F_", so "_x0041_" would read back as typed
    although Excel shows "A": read the table ourselves and decode it as Excel does."""
    strings = []
    tag = "{%s}si" % SHEET_MAIN_NS
    for _, node in iterparse(xml_source):
        if node.tag == tag:
            strings.append(excel_text(Text.from_tree(node).content))
            node.clear()
    return strings


if not hasattr(openpyxl.reader.excel, "read_string_table"):
    sys.exit("check.py: this openpyxl reads shared strings differently: update check.py")
openpyxl.reader.excel.read_string_table = read_string_table_as_excel


# ---- the sheet names the writer must choose (Excel's rules, as in report_xlsx.c) ----

def ascii_fold(s):
    return "".join(ch.lower() if "A" <= ch <= "Z" else ch for ch in s)


def clean(name, units):
    out, used = [], 0
    for ch in name:
        u = 2 if ord(ch) > 0xFFFF else 1
        if used + u > units:
            break
        if ch in "[]:*?/\\" or ord(ch) < 0x20 or ord(ch) == 0x7F:
            ch = "_"
        out.append(ch)
        used += u
    s = "".join(out)
    if s.startswith("'"):
        s = "_" + s[1:]
    if s.endswith("'"):
        s = s[:-1] + "_"
    return s


def sheet_names(centres):
    taken = [ascii_fold(r) for r in W["sheets"].values()]
    names = []
    for c in centres:
        base = c["centre"] or W["fixed"][1]
        name, k = clean(base, 31), 2
        while ascii_fold(name) in taken:
            suffix = "~%d" % k
            name, k = clean(base, 31 - len(suffix)) + suffix, k + 1
        taken.append(ascii_fold(name))
        names.append(name)
    return names


# ---- a tiny formula evaluator for the formulas the writer writes ----

TOKEN = re.compile(r"""\s*(?:
    (?P<sheet>'(?:[^']|'')+'!|[A-Za-z_][A-Za-z0-9_.]*!)
  | (?P<cell>\$?[A-Z]{1,3}\$?[0-9]+)
  | (?P<num>[0-9]+(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?)
  | (?P<func>[A-Z][A-Z0-9.]*)\(
  | (?P<str>"(?:[^"]|"")*")
  | (?P<op>>=|<=|<>|[-+*/(),:=<>&])
)""", re.X)


class FormulaError(Exception):
    pass


def col_index(letters):
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def split_cell(ref):
    m = re.fullmatch(r"\$?([A-Z]{1,3})\$?([0-9]+)", ref)
    return col_index(m.group(1)), int(m.group(2))


class Evaluator:
    """Evaluates formula cells of a workbook loaded with data_only=False."""

    def __init__(self, wb):
        self.wb = wb
        self.memo = {}
        self.busy = set()

    def cell_value(self, sheet, row, col):
        key = (sheet, row, col)
        if key in self.memo:
            return self.memo[key]
        if key in self.busy:
            raise FormulaError("circular reference at %s!R%dC%d" % key)
        if sheet not in self.wb.sheetnames:
            raise FormulaError("reference to a missing sheet %r" % sheet)
        c = self.wb[sheet].cell(row=row, column=col)
        if c.data_type == "f":
            self.busy.add(key)
            v = self.formula(sheet, c.value)
            self.busy.discard(key)
        else:
            v = c.value
        self.memo[key] = v
        return v

    def formula(self, sheet, text):
        if not isinstance(text, str) or not text.startswith("="):
            raise FormulaError("not a formula: %r" % (text,))
        saved = (getattr(self, "toks", None), getattr(self, "pos", 0), getattr(self, "sheet", None))
        self.toks, self.pos, self.sheet = self.tokenize(text[1:]), 0, sheet
        try:
            v = self.expr()
            if self.pos != len(self.toks):
                raise FormulaError("unexpected %r in %s" % (self.toks[self.pos], text))
            return v
        finally:
            self.toks, self.pos, self.sheet = saved

    @staticmethod
    def tokenize(s):
        toks, i = [], 0
        while i < len(s):
            if s[i].isspace():
                i += 1
                continue
            m = TOKEN.match(s, i)
            if not m or m.end() == i:
                raise FormulaError("cannot read %r" % s[i:])
            kind = m.lastgroup
            toks.append((kind, m.group(kind)))
            i = m.end()
        return toks

    def peek(self, kind=None, value=None):
        if self.pos >= len(self.toks):
            return False
        k, v = self.toks[self.pos]
        return (kind is None or k == kind) and (value is None or v == value)

    def take(self, kind=None, value=None):
        if not self.peek(kind, value):
            got = self.toks[self.pos] if self.pos < len(self.toks) else "the end"
            raise FormulaError("expected %s %s, got %r" % (kind or "", value or "", got))
        self.pos += 1
        return self.toks[self.pos - 1][1]

    def expr(self):
        """Excel's precedence: comparison below &, & below + and -."""
        v = self.concat()
        while self.peek("op") and self.toks[self.pos][1] in ("=", "<>", "<", ">", "<=", ">="):
            op = self.take()
            w = self.concat()
            v = compare(op, v, w)
        return v

    def concat(self):
        v = self.sum()
        while self.peek("op", "&"):
            self.take()
            w = self.sum()
            v = text(v) + text(w)
        return v

    def sum(self):
        v = self.term()
        while self.peek("op", "+") or self.peek("op", "-"):
            op = self.take()
            w = self.term()
            v = num(v) + num(w) if op == "+" else num(v) - num(w)
        return v

    def term(self):
        v = self.unary()
        while self.peek("op", "*") or self.peek("op", "/"):
            op = self.take()
            w = self.unary()
            v = num(v) * num(w) if op == "*" else num(v) / num(w)
        return v

    def unary(self):
        if self.peek("op", "-"):
            self.take()
            return -num(self.unary())
        return self.primary()

    def primary(self):
        if self.peek("func", "IF"):  # only the branch taken is evaluated, as in Excel
            self.take()
            cond = self.expr()
            self.take("op", ",")
            if not isinstance(cond, bool):
                raise FormulaError("IF on %r" % (cond,))
            a = self.skip_or_eval(cond)
            self.take("op", ",")
            b = self.skip_or_eval(not cond)
            self.take("op", ")")
            return a if cond else b
        if self.peek("num"):
            return float(self.take())
        if self.peek("str"):
            return self.take()[1:-1].replace('""', '"')
        if self.peek("op", "("):
            self.take()
            v = self.expr()
            self.take("op", ")")
            return v
        if self.peek("func"):
            name = self.take()
            args = []
            while not self.peek("op", ")"):
                args.append(self.expr())
                if not self.peek("op", ")"):
                    self.take("op", ",")
            self.take("op", ")")
            return call(name, args)
        sheet = self.sheet
        if self.peek("sheet"):
            s = self.take()[:-1]
            sheet = s[1:-1].replace("''", "'") if s.startswith("'") else s
        first = self.take("cell")
        if self.peek("op", ":"):
            self.take()
            last = self.take("cell")
            (c1, r1), (c2, r2) = split_cell(first), split_cell(last)
            return Range([[self.cell_value(sheet, r, c) for c in range(c1, c2 + 1)] for r in range(r1, r2 + 1)])
        c, r = split_cell(first)
        return self.cell_value(sheet, r, c)


    def skip_or_eval(self, wanted):
        if wanted:
            return self.expr()
        depth = 0
        while self.pos < len(self.toks):
            k, v = self.toks[self.pos]
            if k == "func" or (k == "op" and v == "("):
                depth += 1
            elif k == "op" and v == ")":
                if depth == 0:
                    return None
                depth -= 1
            elif k == "op" and v == "," and depth == 0:
                return None
            self.pos += 1
        raise FormulaError("IF without its closing parenthesis")


def text(v):
    if isinstance(v, bool) or isinstance(v, Range):
        raise FormulaError("& on %r" % (v,))
    if v is None:
        return ""
    if isinstance(v, float):
        return repr(v).rstrip("0").rstrip(".") if "." in repr(v) else repr(v)
    return str(v)


def compare(op, a, b):
    if isinstance(a, str) != isinstance(b, str):
        raise FormulaError("comparing %r with %r" % (a, b))
    if isinstance(a, str):
        a, b = a.lower(), b.lower()  # Excel compares text ignoring case
    else:
        a, b = num(a), num(b)
    return {"=": a == b, "<>": a != b, "<": a < b, ">": a > b, "<=": a <= b, ">=": a >= b}[op]


class Range:
    def __init__(self, rows):
        self.rows = rows

    def flat(self):
        return [v for row in self.rows for v in row]


def num(v):
    if v is None:
        return 0.0
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        raise FormulaError("arithmetic on %r" % (v,))
    return float(v)


def numbers(args):
    out = []
    for a in args:
        if isinstance(a, Range):
            out += [float(v) for v in a.flat() if isinstance(v, (int, float)) and not isinstance(v, bool)]
        else:
            out.append(num(a))
    return out


def call(name, args):
    if name == "SUM":
        return sum(numbers(args))
    if name == "MIN":
        return min(numbers(args))
    if name == "MAX":
        return max(numbers(args))
    if name == "ROUND":
        x, d = num(args[0]), int(num(args[1]))
        q = Decimal(1).scaleb(-d)
        return float(Decimal(repr(x)).quantize(q, rounding=ROUND_HALF_UP))
    if name == "OR":
        if not args or not all(isinstance(a, bool) for a in args):
            raise FormulaError("OR of %r" % (args,))
        return any(args)
    if name == "RANK":
        x, rng = num(args[0]), args[1]
        if not isinstance(rng, Range) or len(args) != 2:
            raise FormulaError("RANK needs a number and a range")
        return float(1 + sum(1 for v in numbers([rng]) if v > x))
    if name == "SUMIF":
        crit_range, crit, sum_range = args
        if not isinstance(crit_range, Range) or not isinstance(sum_range, Range):
            raise FormulaError("SUMIF needs ranges")
        if isinstance(crit, str) and (re.search(r"[*?~]", crit) or crit[:1] in "=<>"):
            raise FormulaError("SUMIF criterion %r would match as a pattern in Excel" % crit)
        total = 0.0
        for k, v in zip(crit_range.flat(), sum_range.flat()):
            same = (isinstance(v, (int, float)) and isinstance(k, str) and isinstance(crit, str)
                    and k.lower() == crit.lower())
            if same:
                total += float(v)
        return total
    raise FormulaError("function %s is not one the writer may write" % name)


# ---- the checks ----

def near(a, b, tol):
    """Numbers within tol; text (tol None) equal."""
    if tol is None or isinstance(a, str) or isinstance(b, str):
        return a == b
    return a is not None and b is not None and abs(float(a) - float(b)) <= tol


def check_text(ws, ref, want, what):
    c = ws[ref]
    want = want if want != "" else None
    if c.value != want:
        fail("%s!%s (%s): %r, expected %r" % (ws.title, ref, what, c.value, want))
    elif want is not None and c.data_type != "s":
        fail("%s!%s (%s): stored as type %r, not as text" % (ws.title, ref, what, c.data_type))
    else:
        count("text cells (ids, codes, dates) stored as strings")


def check_formula(ev, cached_wb, ws, ref, want, tol, what):
    c = ws[ref]
    if c.data_type != "f":
        fail("%s!%s (%s) is not a formula: %r" % (ws.title, ref, what, c.value))
        return
    try:
        got = ev.cell_value(ws.title, c.row, c.column)
    except FormulaError as e:
        fail("%s!%s (%s): %s" % (ws.title, ref, what, e))
        return
    if not near(got, want, tol):
        fail("%s!%s (%s): formula %s evaluates to %r, the result says %r" % (ws.title, ref, what, c.value, got, want))
    cached = cached_wb[ws.title][ref].value
    if not near(cached, want, None if tol is None else 0.00005):
        fail("%s!%s (%s): cached value %r, the result says %r" % (ws.title, ref, what, cached, want))
    count("%s (formula evaluated and cached value)" % what)


def find_row(ws, col, value, start=1):
    for r in range(start, ws.max_row + 1):
        if ws["%s%d" % (col, r)].value == value:
            return r
    return None


def check_summary(ev, cached, wb, res, names):
    ws = wb[sheet("Summary")]
    centres = res["centres"]
    tops = []
    for c in centres:
        for s in c["sections"]:
            if s["depth"] == 1 and s["id"] not in tops:
                tops.append(s["id"])
    header = [ws.cell(row=1, column=k + 1).value for k in range(ws.max_column)]
    want = W["fixed"] + [W["points"] % t for t in tops] + [W["hours"]]
    if header[:len(want)] != want or header[len(want):] not in ([], [W["payment"]]):
        fail("Summary header %r, expected %r (+ payment)" % (header, want))
    count("header rows")
    for i, c in enumerate(centres):
        r = i + 2
        for k, key in enumerate(["contract", "centre", "district", "street", "operator", "as_of"]):
            check_text(ws, "%s%d" % ("ABCDEF"[k], r), c[key], key)
        total = ws["G%d" % r]
        quoted = "'" + names[i].replace("'", "''") + "'!"
        if total.data_type == "f" and not total.value.startswith("=" + quoted):
            fail("Summary!G%d points at %s, not at the centre's sheet %s" % (r, total.value, quoted))
        graded = c.get("scored") is not False and bool(c["grade"])
        if c.get("scored") is False:  # no records in the run: no total, not a 0
            check_text(ws, "G%d" % r, W["not scored"], "Summary total of a centre not scored")
        elif not graded:  # no grade: its re-weighted figure is no score, and has no place
            if total.value is not None or ws["I%d" % r].value is not None:
                fail("Summary!G%d/I%d: a centre without a grade shows total %r, place %r" %
                     (r, r, total.value, ws["I%d" % r].value))
            count("centres without a grade shown without a total or place")
        else:
            check_formula(ev, cached, ws, "G%d" % r, c["total"], 0.05, "Summary totals")
            place = 1 + sum(1 for o in centres if o.get("scored") is not False and o["grade"] and o["total"] > c["total"])
            check_formula(ev, cached, ws, "I%d" % r, place, 0, "Summary places (graded centres only)")
        want_grade = c["grade"] or (W["not scored"] if c.get("scored") is False else W["no grade"])
        check_formula(ev, cached, ws, "H%d" % r, want_grade, None, "Summary grades")
        if c.get("facts") and c.get("scored") is not False and c["facts"]["grade_of_total"]:
            ranges = [str(cf.sqref) for cf in ws.conditional_formatting]
            if "H%d" % r not in ranges:
                fail("Summary!H%d: a grade formula without its colour rules" % r)
            else:
                count("grade formulas coloured by a rule per band (the colour moves with the grade)")
        pay = ws.cell(row=r, column=len(want) + 1)
        if header[len(want):] == [W["payment"]] and pay.data_type == "f":
            check_formula(ev, cached, ws, pay.coordinate, cached[ws.title][pay.coordinate].value, None,
                          "payment sentences (formula of the grade, as jz-report words them)")
        fill = ws["H%d" % r].fill.fgColor.rgb if ws["H%d" % r].fill else None
        if not fill or fill in ("00000000", "FFFFFFFF"):
            fail("Summary!H%d: the grade has no colour" % r)
        else:
            count("grade cells coloured")
        for j, sid in enumerate(tops):
            sec = [s for s in c["sections"] if s["depth"] == 1 and s["id"] == sid]
            ref = "%s%d" % (openpyxl.utils.get_column_letter(len(W["fixed"]) + 1 + j), r)
            if sec:
                check_formula(ev, cached, ws, ref, sec[0]["earned"], 0.005, "Summary section cells")
    after = [ws.cell(row=len(centres) + 2, column=k + 1).value for k in range(len(W["fixed"]))]
    if any(v is not None for v in after):
        fail("Summary: a row after the %d centres: %r" % (len(centres), after))
    if ws.freeze_panes is None:
        fail("Summary: no frozen header row")
    if not ws.auto_filter.ref:
        fail("Summary: no autofilter")


def same_figure(cell, text):
    """A value text in Chinese ("15,274 人次") has the figure of the English ("15274
    attendances") and no English word left."""
    if not text or not cell:
        return (cell or "") == (text or "")
    fig = re.compile(r"-?[0-9][0-9,]*(?:\.[0-9]+)?")
    a, b = fig.match(cell), fig.match(text)
    if (a is None) != (b is None) or (a and a.group().replace(",", "") != b.group()):
        return False
    return not re.search(r"[A-Za-z]{2,}", cell)


def check_centre(ev, cached, ws, c, raw):
    check_text(ws, "B1", c["centre"], "centre")
    check_text(ws, "B2", c["contract"], "contract")
    check_text(ws, "B4", c["as_of"], "as of")
    header = [ws.cell(row=FIRST_IND - 1, column=k + 1).value for k in range(len(W["ind_cols"]))]
    if header != W["ind_cols"]:
        fail("%s: indicator header %r" % (ws.title, header))
    count("header rows")
    for k, ind in enumerate(c["indicators"]):
        r = FIRST_IND + k
        check_text(ws, "A%d" % r, ind["id"], "indicator id")
        check_text(ws, "C%d" % r, ind["section"], "indicator section")
        val, unit = ws["E%d" % r], ws["L%d" % r].value
        if "facts" in c:  # a number, its unit in column L (jiazong-score/3)
            ok = (val.value is None and ind["value"] is None) or (
                ind["value"] is not None and val.data_type == "n" and near(val.value, ind["value"], 0.00005))
            if not ok or (unit or "") != ("" if ind["status"] == "n/a" else unit_of(ind["unit"])):
                fail("%s!E%d/L%d: value %r %r, the result says %r %r" % (ws.title, r, r, val.value, unit,
                                                                         ind["value"], ind["unit"]))
            elif ind["unit"] == "%" and ind["value"] is not None and "%" not in val.number_format:
                fail("%s!E%d: a fraction not shown as a percentage (%r)" % (ws.title, r, val.number_format))
            else:
                count("indicator values as numbers with their unit")
        elif W is WORDS["en"] and val.value != ind["value_text"]:
            fail("%s!E%d: value %r, the result says %r" % (ws.title, r, val.value, ind["value_text"]))
        elif W is WORDS["zh"] and not same_figure(val.value, ind["value_text"]):  # in Chinese words
            fail("%s!E%d: value %r, the result says %r" % (ws.title, r, val.value, ind["value_text"]))
        got = ws["%s%d" % (EARNED, r)].value
        if ind["earned"] is None:
            if got is not None:
                fail("%s!H%d: n/a indicator %s has earned %r" % (ws.title, r, ind["id"], got))
        elif not near(got, ind["earned"], 0.00005) or isinstance(got, str):
            fail("%s!H%d: earned %r, the result says %r" % (ws.title, r, got, ind["earned"]))
        count("indicator rows")
    sec0 = find_row(ws, "A", W["section"], FIRST_IND + len(c["indicators"]))
    if sec0 is None:
        fail("%s: no section block" % ws.title)
    else:
        for k, s in enumerate(c["sections"]):
            r = sec0 + 1 + k
            check_text(ws, "A%d" % r, s["id"], "section id")
            check_formula(ev, cached, ws, "H%d" % r, s["earned"], 0.005, "section subtotals")
    t = find_row(ws, "A", W["total"], sec0 or 1)
    d = find_row(ws, "A", W["deductions"], sec0 or 1)
    if t is None or d is None:
        fail("%s: no total or deductions row" % ws.title)
        return
    if c.get("scored") is False:
        check_text(ws, "H%d" % t, W["not scored"], "total of a centre not scored")
    elif "facts" not in c:  # an older result: the total as written
        if not near(ws["H%d" % t].value, c["total"], 0.00005):
            fail("%s!H%d: total %r, the result says %r" % (ws.title, t, ws["H%d" % t].value, c["total"]))
    else:
        check_formula(ev, cached, ws, "H%d" % t, c["total"], 0.05, "centre totals")
    if ws["H%d" % d].data_type == "f":
        check_formula(ev, cached, ws, "H%d" % d, c["deductions"], 0.005, "deduction sums")
    want_grade = c["grade"] or (W["not scored"] if c.get("scored") is False else W["no grade"])
    g = ws["I%d" % t]
    f = c.get("facts")
    if f and c.get("scored") is not False and f["grade_of_total"]:
        check_formula(ev, cached, ws, "I%d" % t, want_grade, None, "grades (a formula of the total)")
        check_what_if(ev, ws, c, t)
    elif g.value != want_grade:
        fail("%s!I%d: grade %r, the result says %r" % (ws.title, t, g.value, want_grade))
    check_formula(ev, cached, ws, "B3", want_grade, None, "grades in the centre header (the total row's)")
    if not ws["K%d" % t].value:
        fail("%s!K%d: no note on the rule the total follows" % (ws.title, t))
    if c.get("scored") is not False:
        check_total_facts(ws, c, raw, t)
    e = find_row(ws, "A", W["earned"], sec0 or 1)
    if e is not None and ws["H%d" % e].data_type == "f":
        check_formula(ev, cached, ws, "H%d" % e, c["earned"], 0.005, "earned points (within section caps)")
    check_comments(ws, c, t)


def total_formula_of_facts(ws, c, raw, rows):
    """The total's formula text the result's facts describe (jiazong-score/3), composed
    here from the facts alone and the rows found by their labels: the earned points,
    x scale / applicable when re-weighted, minus the deductions, rounded with the decimals
    the total was written with, never below 0, within each veto cap (the cap cell of the
    veto's row, found by its title, in the applied block)."""
    f = c["facts"]
    dec = max(0, -raw["total"].as_tuple().exponent)
    body = "$H$%d" % rows["earned"]
    if f["reweighted"]:
        body += "*%s/$H$%d" % (raw["facts"]["scale"], rows["applicable"])
    text = "MAX(0,ROUND(%s-$H$%d,%d))" % (body, rows["deductions"], dec)
    caps = []
    for k in f["caps"]:
        if k["what"] == "veto":
            r = [i for i in range(rows["applied"], rows["earned"])
                 if ws["A%d" % i].value == W["veto"] and ws["B%d" % i].value == k["title"]]
            if len(r) != 1:
                fail("%s: veto %r: %d rows in the applied block" % (ws.title, k["title"], len(r)))
                continue
            caps.append("$I$%d" % r[0])
    if caps:
        text = "MIN(%s,%s)" % (text, ",".join(caps))
    return "=" + text


def check_total_facts(ws, c, raw, t):
    """The total as the facts say: the formula they describe, and a note that states them."""
    f = c.get("facts")
    cell = ws["H%d" % t]
    note = ws["K%d" % t].value or ""
    if f is None:  # an older result: the figure jz-score wrote, not a formula
        if cell.data_type == "f":
            fail("%s!H%d: a formula %r from a result without facts" % (ws.title, t, cell.value))
        count("totals of results without facts written as figures")
        return
    rows = {k: find_row(ws, "A", W[k], FIRST_IND + len(c["indicators"]))
            for k in ("applied", "earned", "applicable", "deductions")}
    want = total_formula_of_facts(ws, c, raw, rows)
    if cell.value != want:
        fail("%s!H%d: total formula %r, the facts describe %r" % (ws.title, t, cell.value, want))
    else:
        count("total formulas exactly as the facts describe them")
    if f["reweighted"] != note.startswith(W["reweighted"]) or any(i not in note for i in f["reweighted_from"]):
        fail("%s!K%d: note %r does not say re-weighted from %r" % (ws.title, t, note, f["reweighted_from"]))
    for k in f["caps"]:
        if k["what"] == "veto" and k["title"] not in note:
            fail("%s!K%d: note %r does not name the veto %r" % (ws.title, t, note, k["title"]))
        if k["what"] == "veto" and k["lowered"] and (W["lowered"] % fmt_like(raw, k)) not in note:
            fail("%s!K%d: note %r does not say the veto lowered the total" % (ws.title, t, note))
    count("total notes stating the facts")


def fmt_like(raw, k):
    """A cap's 'before' as the result wrote it (its decimals)."""
    for rk in raw["facts"]["caps"]:
        if rk["what"] == k["what"] and rk["id"] == k["id"]:
            return str(rk["before"])
    return str(k["before"])


def check_what_if(ev, ws, c, t):
    """A corrected score moves the grade: with every indicator's earned points set to 0
    the total is 0 (never below), and the grade is the last band, as the rubric's bands
    say (a veto's forced grade cannot be above it)."""
    bands = []
    r = find_row(ws, "A", W["band"], t)
    while r and ws["A%d" % r].value == W["band"]:
        bands.append((ws["B%d" % r].value, ws["H%d" % r].value))
        r += 1
    if not bands:
        fail("%s: no grade bands below the total" % ws.title)
        return
    saved, ev.memo = ev.memo, {}  # every formula evaluated again from the corrected cells
    for k, ind in enumerate(c["indicators"]):
        ev.memo[(ws.title, FIRST_IND + k, 8)] = 0.0 if ind["earned"] is not None else None
    try:
        total = ev.cell_value(ws.title, t, 8)
        grade = ev.cell_value(ws.title, t, 9)
    except FormulaError as e:
        fail("%s: what-if: %s" % (ws.title, e))
        return
    finally:
        ev.memo = saved
    if total != 0.0 or grade != bands[-1][0]:
        fail("%s: with every earned point 0 the total is %r and the grade %r, expected 0 and %r" %
             (ws.title, total, grade, bands[-1][0]))
    else:
        count("grades that move with a corrected score (every earned point 0: the last band)")


def check_payment_what_if(ev, wb, res, names):
    """The payment moves with the score: with every earned point of a centre 0, its
    Summary payment sentence is that of the last band (below the pass grade: withheld)."""
    ws = wb[sheet("Summary")]
    header = [ws.cell(row=1, column=k + 1).value for k in range(ws.max_column)]
    if W["payment"] not in header:
        return
    col = header.index(W["payment"]) + 1
    for i, (c, name) in enumerate(zip(res["centres"], names)):
        pay = ws.cell(row=i + 2, column=col)
        f = c.get("facts")
        if pay.data_type != "f" or not f or not f["grade_of_total"]:
            continue
        cs = wb[name]
        t = find_row(cs, "A", W["total"], FIRST_IND + len(c["indicators"]))
        r = find_row(cs, "A", W["band"], t)
        last = None
        while r and cs["A%d" % r].value == W["band"]:
            last, r = cs["B%d" % r].value, r + 1
        saved, ev.memo = ev.memo, {}
        for k, ind in enumerate(c["indicators"]):
            ev.memo[(name, FIRST_IND + k, 8)] = 0.0 if ind["earned"] is not None else None
        try:
            got = ev.cell_value(ws.title, i + 2, col)
        except FormulaError as e:
            fail("Summary!%s: what-if: %s" % (pay.coordinate, e))
            continue
        finally:
            ev.memo = saved
        # the sentence is in the workbook's language
        withheld = isinstance(got, str) and W["withheld"](last, got)
        if not withheld:
            fail("%s!%s: with every earned point of %s 0 the payment says %r, expected %s's withheld" %
                 (ws.title, pay.coordinate, name, got, last))
        else:
            count("payment sentences that move with a corrected score (every earned point 0: withheld)")


def check_comments(ws, c, after):
    r0 = find_row(ws, "A", W["indicator"], after)
    scores = [(ind["id"], s) for ind in c["indicators"] for s in ind.get("scores") or []]
    if not scores:
        return
    if r0 is None:
        fail("%s: no evaluator scores block" % ws.title)
        return
    for k, (iid, s) in enumerate(scores):
        r = r0 + 1 + k
        check_text(ws, "A%d" % r, iid, "score's indicator")
        check_text(ws, "B%d" % r, s["evaluator"], "evaluator")
        com = ws["K%d" % r]
        if (com.value or "") != (s["comment"] or ""):
            fail("%s!K%d: comment %r, expected %r" % (ws.title, r, com.value, s["comment"]))
        if s["comment"]:
            if com.data_type != "s":
                fail("%s!K%d: comment %r stored as type %r, not as text" % (ws.title, r, s["comment"], com.data_type))
            elif s["comment"].startswith("="):
                count("comments starting with '=' stored as text")
            if "_x" in s["comment"] or any(ord(ch) < 0x20 for ch in s["comment"]):
                count("comments with '_xHHHH_' or control characters shown as typed")
            count("comments")


def check_hours(wb, res):
    ws = wb[sheet("Hours")]
    header = [ws.cell(row=1, column=k + 1).value for k in range(len(W["hours_cols"]))]
    if header != W["hours_cols"]:
        fail("Hours header %r" % header)
    count("header rows")
    r = 2
    for c in res["centres"]:
        for h in c["hours"]:
            check_text(ws, "A%d" % r, c["contract"], "contract")
            check_text(ws, "B%d" % r, c["centre"], "centre")
            check_text(ws, "C%d" % r, h["check"], "check")
            scale = 60.0 if h["unit"] == "minutes" else 1.0
            for col, key in (("D", "required"), ("E", "delivered")):
                got, want = ws["%s%d" % (col, r)].value, h[key]
                if want is None or want < 0:
                    ok = got is None
                else:
                    ok = near(got, want / scale, 0.000001)
                if not ok:
                    fail("Hours!%s%d (%s %s): %r, expected %r" % (col, r, h["check"], key, got,
                                                                   None if want is None else want / scale))
            if h["unit"] == "minutes" and (h["required"] or -1) >= 0 and ws["D%d" % r].number_format != "#,##0.00":
                fail("Hours!D%d: hours not shown with 2 decimals (%r)" % (r, ws["D%d" % r].number_format))
            count("hours rows")
            r += 1
    if any(ws.cell(row=r, column=k).value is not None for k in range(1, 10)):
        fail("Hours: more rows than the result's %d checks" % (r - 2))


def check_all_formulas(ev, wb):
    """Every formula anywhere must be one the evaluator can read (no input text inside)."""
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.data_type == "f":
                    try:
                        ev.cell_value(ws.title, c.row, c.column)
                        count("formulas in the workbook, all readable")
                    except FormulaError as e:
                        fail("%s!%s: %s: %s" % (ws.title, c.coordinate, c.value, e))


def read_evidence(paths):
    """The data rows of the evidence files, in order, as Python's csv module reads them."""
    rows = []
    for path in paths:
        with open(path, encoding="utf-8-sig", newline="") as fp:
            r = list(csv.reader(fp))
        if not r or r[0] not in (EVIDENCE_COLS, EVIDENCE_COLS + ["part"]):  # part: jz-score of this release
            sys.exit("check.py: %s: not an evidence file (header %r)" % (path, r[0] if r else None))
        rows += [row for row in r[1:] if row]
    return rows


def check_evidence(ws, rows):
    header = [ws.cell(row=1, column=k + 1).value for k in range(len(EVIDENCE_COLS) + 1)]
    if header != W["evidence_cols"]:
        fail("Evidence header %r, expected %r" % (header, W["evidence_cols"]))
    count("header rows")
    if ws.max_row - 1 != len(rows):
        fail("Evidence: %d rows, the evidence files have %d" % (ws.max_row - 1, len(rows)))
    bad = 0
    for r, (want, cells) in enumerate(zip(rows, ws.iter_rows(min_row=2, max_col=len(EVIDENCE_COLS) + 1)), 2):
        for k, (field, c) in enumerate(zip(want, cells)):
            if k == 3:
                ok = c.data_type == "n" and isinstance(c.value, int) and c.value == int(field)
                what = "line numbers stored as numbers"
            elif field == "":
                ok = c.value is None
                what = "empty evidence fields left empty"
            else:
                ok = c.value == field and c.data_type == "s"
                what = "record ids stored as strings" if k == 4 else "evidence text cells stored as strings"
            if ok:
                count(what)
            elif bad < 20:
                bad += 1
                fail("Evidence!%s: %r (type %r), the file says %r" % (c.coordinate, c.value, c.data_type, field))
        if len(want) not in (len(EVIDENCE_COLS), len(EVIDENCE_COLS) + 1):
            fail("Evidence: row %d of the files has %d fields" % (r - 1, len(want)))
    count("evidence rows", min(len(rows), ws.max_row - 1))
    if ws.freeze_panes is None:
        fail("Evidence: no frozen header row")
    want_filter = "A1:F%d" % (len(rows) + 1)
    if ws.auto_filter.ref != want_filter:
        fail("Evidence: autofilter %r, expected %r" % (ws.auto_filter.ref, want_filter))


def main(argv):
    global W
    if len(argv) > 2 and argv[1] == "--lang":
        if argv[2] not in WORDS:
            print("check.py: --lang en or zh", file=sys.stderr)
            return 2
        W = WORDS[argv[2]]
        argv = argv[:1] + argv[3:]
    if len(argv) < 3:
        print("usage: check.py [--lang en|zh] RESULT.json WORKBOOK.xlsx [EVIDENCE.csv...]", file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as fp:
        res = json.load(fp)
    with open(argv[1], encoding="utf-8") as fp:  # the numbers as written (their decimals)
        raw = json.load(fp, parse_float=Decimal)
    try:
        wb = openpyxl.load_workbook(argv[2], data_only=False)
        cached = openpyxl.load_workbook(argv[2], data_only=True)
    except Exception as e:  # openpyxl raises many kinds on a broken file
        print("FAIL: %s: openpyxl cannot read it: %s: %s" % (argv[2], type(e).__name__, e), file=sys.stderr)
        return 1
    ev = Evaluator(wb)
    names = sheet_names(res["centres"])
    want = [sheet("Summary"), sheet("Sections"), sheet("Hours")] + names + ([sheet("Evidence")] if len(argv) > 3 else [])
    if wb.sheetnames != want:
        fail("sheets %r, expected %r" % (wb.sheetnames, want))
    else:
        count("sheet names (Summary, Sections, Hours, one per centre, Evidence)", len(want))
        check_summary(ev, cached, wb, res, names)
        for c, rc, name in zip(res["centres"], raw["centres"], names):
            check_centre(ev, cached, wb[name], c, rc)
        check_hours(wb, res)
        check_payment_what_if(ev, wb, res, names)
        check_all_formulas(ev, wb)
        if len(argv) > 3:
            check_evidence(wb[sheet("Evidence")], read_evidence(argv[3:]))
    if "comments starting with '=' stored as text" not in checked:
        print("note: no evaluator comment in %s starts with '='" % argv[1])
    for what, n in checked.items():
        print("  ok %6d  %s" % (n, what))
    if failures:
        for f in failures[:40]:
            print("FAIL: " + f, file=sys.stderr)
        if len(failures) > 40:
            print("FAIL: ... and %d more" % (len(failures) - 40), file=sys.stderr)
        print("check.py: %s: %d failure(s)" % (argv[2], len(failures)), file=sys.stderr)
        return 1
    print("check.py: %s: %d centres%s, all checks passed" % (argv[2], len(res["centres"]),
                                                           ", evidence" if len(argv) > 3 else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
