#!/bin/sh
# tests/html/check.sh [BUILD] — the HTML report (jz-report -f html) in a real browser.
#
# Scores the sample district with BUILD/bin/jz-score (or takes the result in $JZ_RESULT),
# renders it with BUILD/bin/jz-report -f html, then opens the page in headless Chromium
# (Debian's chromium) and checks:
#   - the page is self-contained (no script, no external link, font or image) and the same
#     result renders to the same bytes twice;
#   - a PNG screenshot (1240 x 1754, A4 at 150 dpi) and a PDF print (A4) are written and
#     are not trivial;
#   - the page text, as the browser parsed it (--dump-dom), holds each centre's grade and
#     total exactly as jz-score wrote them in the json, inside that centre's section;
#   - strings from the input are shown as text: a result with "<script>", "=SUM(", quotes
#     and "&" in its strings gives no script element and shows them literally.
# The artefacts stay in BUILD/tests/html/ (report.html, report.png, report.pdf) to look at.
#
# Without chromium it prints SKIP and exits 0, unless JZ_REQUIRE_CHROMIUM is set (then it
# fails). Needs python3 (json, html.parser) and a Chinese font (fonts-noto-cjk).
BUILD=${1:-${BUILD:-build}}
ROOT=$(pwd)
case "$BUILD" in
/*) OUT="$BUILD/tests/html" ;;
*) OUT="$ROOT/$BUILD/tests/html" ;;
esac
export LC_ALL=C.UTF-8 TZ=UTC

die() { echo "html check: FAIL: $*" >&2; exit 1; }

CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$CHROMIUM" ]; then
    if [ -n "$JZ_REQUIRE_CHROMIUM" ]; then
        die "chromium is not installed and JZ_REQUIRE_CHROMIUM is set (apt-get install chromium fonts-noto-cjk)"
    fi
    echo "html check: SKIP: chromium is not installed (apt-get install chromium fonts-noto-cjk)"
    exit 0
fi
command -v python3 >/dev/null 2>&1 || die "python3 is needed"
[ -x "$BUILD/bin/jz-report" ] || die "$BUILD/bin/jz-report not built (make BUILD=$BUILD all)"
[ -x "$BUILD/bin/jz-score" ] || die "$BUILD/bin/jz-score not built (make BUILD=$BUILD all)"
if command -v fc-list >/dev/null 2>&1 && [ -z "$(fc-list :lang=zh family 2>/dev/null)" ]; then
    die "no Chinese font installed: the page would show boxes (apt-get install fonts-noto-cjk)"
fi

tmp=$(mktemp -d) || die "mktemp failed"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$OUT" || die "cannot create $OUT"

# Every run gets a fresh profile; nothing reaches the network (the page needs none).
browse() { # browse ARGS... FILE
    timeout 180 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --hide-scrollbars --user-data-dir="$(mktemp -d "$tmp/profile.XXXXXX")" "$@" 2>>"$tmp/chromium.log"
}

# 1. the result
if [ -n "$JZ_RESULT" ]; then
    cp "$JZ_RESULT" "$tmp/res.json" || die "cannot read JZ_RESULT=$JZ_RESULT"
else
    "$BUILD/bin/jz-score" -r rubrics/guangzhou-unified.yaml --contracts samples/contracts.csv \
        --roster samples/roster.csv --scores samples/scores.csv --survey samples/survey.csv \
        --findings samples/findings.csv --as-of 2024-06-30 -f json -o "$tmp/res.json" \
        samples/records/HZ-*.csv 2>"$tmp/score.err"
    st=$?
    # 0 is expected (PY-SQ, whose export is not given, is not scored); 1 would be a centre below the pass grade
    [ $st -le 1 ] || { cat "$tmp/score.err" >&2; die "jz-score exited $st"; }
fi

# 2. the page, twice
render() { # render RESULT HTML
    "$BUILD/bin/jz-report" -f html --rules rubrics/rules/guangzhou-hours.yaml -o "$2" "$1" 2>"$tmp/report.err"
    st=$?
    [ $st -eq 0 ] || { cat "$tmp/report.err" >&2; die "jz-report -f html exited $st on $1"; }
}
render "$tmp/res.json" "$OUT/report.html"
render "$tmp/res.json" "$tmp/again.html"
cmp -s "$OUT/report.html" "$tmp/again.html" || die "two renderings of the same result differ"

# 3. the browser: screenshot, PDF, parsed DOM
rm -f "$OUT/report.png" "$OUT/report.pdf"
URL="file://$OUT/report.html"
browse --screenshot="$OUT/report.png" --window-size=1240,1754 "$URL" >/dev/null ||
    die "chromium --screenshot failed (see $tmp/chromium.log)"
browse --no-pdf-header-footer --print-to-pdf="$OUT/report.pdf" "$URL" >/dev/null ||
    die "chromium --print-to-pdf failed"
browse --dump-dom "$URL" >"$tmp/dom.html" || die "chromium --dump-dom failed"

# 4. the hostile result: every string an attack
python3 - "$tmp/res.json" "$tmp/evil.json" <<'EOF' || die "cannot make the hostile result"
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"), parse_float=str, parse_int=str)
EVIL = "<script>alert(1)</script> =SUM(A1) \"q\" 'a' & <b>x</b>"
c = d["centres"][0]
c["operator"] = EVIL
c["street"] = "<img src=x onerror=alert(2)>" + c["street"]
c["indicators"][0]["title"] = EVIL
c["indicators"][0]["derivation"] = EVIL
c["indicators"][0]["disagreement"] = "true"
c["indicators"][0]["scores"] = [{"evaluator": "<i>E1</i>", "score": "1.00", "comment": EVIL}]
c["hours"][0]["detail"] = EVIL
c["applied"] = [{"what": "deduction", "id": "<x>", "points": "1.00", "detail": EVIL}]
d["inputs"][0]["file"] = "</td><script>alert(3)</script>.csv"
def dump(v):  # numbers back as the text jz-score wrote (parse_float=str kept them)
    if isinstance(v, dict):
        return "{" + ",".join(json.dumps(k) + ":" + dump(x) for k, x in v.items()) + "}"
    if isinstance(v, list):
        return "[" + ",".join(dump(x) for x in v) + "]"
    if isinstance(v, str) and (v in ("true", "false") or v.replace(".", "", 1).lstrip("-").isdigit()):
        return v
    return json.dumps(v, ensure_ascii=False)
open(sys.argv[2], "w", encoding="utf-8").write(dump(d))
EOF
render "$tmp/evil.json" "$tmp/evil.html"
if grep -n -e '<script' -e '<img' -e '<i>' -e '<x>' "$tmp/evil.html" >"$tmp/markup"; then
    head -5 "$tmp/markup" >&2
    die "strings from the input became markup (the lines above): they must be escaped"
fi
browse --dump-dom "file://$tmp/evil.html" >"$tmp/evil-dom.html" || die "chromium --dump-dom failed on the hostile page"

# 4b. beside a previous result: the same result with every total 10 lower (an independent
#     route to the change: Decimal arithmetic on the text jz-score wrote)
python3 - "$tmp/res.json" "$tmp/prev.json" <<'EOF' || die "cannot make the previous result"
import json, sys
from decimal import Decimal
d = json.load(open(sys.argv[1], encoding="utf-8"), parse_float=Decimal)
for c in d["centres"]:
    if c["total"] is not None:
        c["total"] = c["total"] - Decimal("10")
def dump(v):
    if isinstance(v, dict):
        return "{" + ",".join(json.dumps(k) + ":" + dump(x) for k, x in v.items()) + "}"
    if isinstance(v, list):
        return "[" + ",".join(dump(x) for x in v) + "]"
    if isinstance(v, Decimal):
        return str(v)
    return json.dumps(v, ensure_ascii=False)
open(sys.argv[2], "w", encoding="utf-8").write(dump(d))
EOF
"$BUILD/bin/jz-report" -f html --rules rubrics/rules/guangzhou-hours.yaml --previous "$tmp/prev.json" \
    -o "$tmp/previous.html" "$tmp/res.json" 2>"$tmp/report.err" ||
    { cat "$tmp/report.err" >&2; die "jz-report --previous failed"; }
browse --dump-dom "file://$tmp/previous.html" >"$tmp/prev-dom.html" || die "chromium --dump-dom failed on the --previous page"

# 5. the checks
python3 - "$tmp/res.json" "$OUT/report.html" "$tmp/dom.html" "$OUT/report.png" "$OUT/report.pdf" \
    "$tmp/evil.html" "$tmp/evil-dom.html" "$tmp/prev.json" "$tmp/prev-dom.html" <<'EOF'
import json, re, struct, sys
from html.parser import HTMLParser

res_path, html_path, dom_path, png_path, pdf_path, evil_html, evil_dom, prev_path, prev_dom = sys.argv[1:10]
failures = []

def fail(msg):
    failures.append(msg)

class Sections(HTMLParser):
    """Text of the whole page and of each <section class="centre ...">; the elements seen."""
    VOID = {"br", "meta", "img", "input", "link", "hr", "rect", "path", "line", "circle"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text, self.sections, self.tags = [], [], []
        self.stack = []          # (tag, is_centre_section)
        self.skip = 0            # inside <style> or <title>

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in self.VOID:
            return
        cls = (dict(attrs).get("class") or "").split()
        centre = tag == "section" and "centre" in cls
        if centre:
            self.sections.append([])
        self.stack.append((tag, centre))
        if tag in ("style", "title", "script"):
            self.skip += 1

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        while self.stack:
            t, _ = self.stack.pop()
            if t in ("style", "title", "script"):
                self.skip -= 1
            if t == tag:
                break

    def in_centre(self):
        return any(c for _, c in self.stack)

    def handle_data(self, data):
        if self.skip:
            return
        self.text.append(data)
        if self.in_centre():
            self.sections[-1].append(data)

def parse(path):
    p = Sections()
    p.feed(open(path, encoding="utf-8").read())
    p.close()
    norm = lambda parts: re.sub(r"\s+", " ", "".join(parts))
    return norm(p.text), [norm(s) for s in p.sections], p.tags

res = json.load(open(res_path, encoding="utf-8"), parse_float=str, parse_int=str)
centres = res["centres"]
if not centres:
    fail("the result has no centres")

# self-contained: no script, no external resource, no network address but the SVG namespace
raw = open(html_path, encoding="utf-8").read()
if not raw.startswith("<!DOCTYPE html>") or '<html lang="zh-CN">' not in raw:
    fail("the page does not start with <!DOCTYPE html> and <html lang=\"zh-CN\">")
for bad in ("<script", "<link", "<img", "<iframe", "@import", "url(", "@font-face"):
    if bad in raw.lower():
        fail(f"the page is not self-contained: it contains {bad!r}")
for addr in re.findall(r"(?:https?|ftp)://[^\s\"'<>)]+", raw):
    if addr != "http://www.w3.org/2000/svg":
        fail(f"the page refers to {addr}")
for stamp in re.findall(r"20\d\d-\d\d-\d\d[T ]\d\d:\d\d", raw):
    fail(f"the page holds a time stamp {stamp!r}: output must be deterministic")
if "Noto Sans CJK SC" not in raw or "@page" not in raw:
    fail("the style lacks the Chinese font stack or the @page rule")

# PNG: the signature, the size asked for, and more than a blank page
png = open(png_path, "rb").read()
if png[:8] != b"\x89PNG\r\n\x1a\n":
    fail(f"{png_path} is not a PNG")
else:
    w, h = struct.unpack(">II", png[16:24])
    if (w, h) != (1240, 1754):
        fail(f"the screenshot is {w} x {h}, not 1240 x 1754")
if len(png) < 30000:
    fail(f"the screenshot is only {len(png)} bytes: a blank or broken page?")

# PDF: a PDF, A4, a page per centre at least (each centre starts a page)
pdf = open(pdf_path, "rb").read()
pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
if pdf[:5] != b"%PDF-":
    fail(f"{pdf_path} is not a PDF")
if len(pdf) < 30000:
    fail(f"the PDF is only {len(pdf)} bytes")
if pages < len(centres) + (len(centres) > 1):
    fail(f"the PDF has {pages} pages for {len(centres)} centres (each centre starts a page)")
boxes = set(re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", pdf))
for bw, bh in boxes:
    if abs(float(bw) - 595.3) > 2 or abs(float(bh) - 841.9) > 2:
        fail(f"a PDF page is {float(bw):.0f} x {float(bh):.0f} pt, not A4")

# the parsed page: each centre's grade and total, as written, in its own section
text, sections, tags = parse(dom_path)
if len(sections) != len(centres):
    fail(f"the page has {len(sections)} centre sections for {len(centres)} centres")
for i, c in enumerate(centres):
    sec = sections[i] if i < len(sections) else ""
    if c.get("scored") is False:  # no records in the run: not scored, no total, no grade
        # the page is in Chinese: the note jz-score wrote ("no records of centre X were in this
        # run") in the words of po/zh_CN.po
        note = c["grade_note"]
        m = re.fullmatch(r"no records of centre (.+) were in this run", note)
        if m:
            note = f"本次运行中没有中心 {m.group(1)} 的记录"
        for val in ("未评分", note):
            if val not in sec:
                fail(f"centre {c['centre']} (not scored): its section does not show {val!r}")
        continue
    grade = c.get("grade") or "无等级"
    # a centre with no grade shows no total: its re-weighted figure is not a score
    total = c["total"] if c.get("grade") else "—"
    for what, val in (("centre", c["centre"]), ("grade", grade), ("total", total)):
        if val not in sec:
            fail(f"centre {c['centre']}: its section does not show the {what} {val!r}")
    m = re.search(re.escape(grade) + r"\s*" + re.escape(total) + r"\s*/", sec)
    if not m:
        fail(f"centre {c['centre']}: grade {grade!r} and total {total!r} not shown together as '{grade} {total} / ...'")
    if total not in text or grade not in text:
        fail(f"centre {c['centre']}: the page text lacks {grade!r} or {total!r}")
if len(centres) > 1 and "区域汇总" not in text:
    fail("several centres but no district roll-up")
tool = res.get("tool", "")
rubric = res.get("rubric", {})
for what, val in (("tool", tool), ("rubric sha256", rubric.get("sha256", "")),
                  ("rubric version", rubric.get("version", ""))):
    if val and val not in text:
        fail(f"the footer lacks the {what} {val!r}")
for inp in res.get("inputs", []):
    shown = inp["file"][:-len(" (bundled)")] + "（随附）" if inp["file"].endswith(" (bundled)") else inp["file"]
    if shown not in text or (inp.get("sha256") and inp["sha256"] not in text):
        fail(f"the footer lacks input {inp['file']} or its sha256")
if not any(t == "svg" for t, _ in tags):
    fail("no inline SVG chart")

# the hostile page: nothing became markup, everything shows as text
etext, _, etags = parse(evil_dom)
for t, a in etags:
    if t in ("script", "img", "i", "x"):
        fail(f"an input string became a <{t}> element")
    for k in a:
        if k.startswith("on"):
            fail(f"an input string became an event attribute {k}")
for lit in ("<script>alert(1)</script>", "=SUM(A1)", "\"q\"", "'a'", "& <b>x</b>", "<img src=x onerror=alert(2)>",
            "<i>E1</i>", "</td><script>alert(3)</script>.csv"):
    if lit not in etext:
        fail(f"the hostile string {lit!r} is not shown literally")
eraw = open(evil_html, encoding="utf-8").read()
if "<script" in eraw or "<img" in eraw or "<i>" in eraw:
    fail("the hostile page holds raw markup from the input")

# beside the previous result: each centre shows the previous total and the change, +10
prev = json.load(open(prev_path, encoding="utf-8"), parse_float=str, parse_int=str)["centres"]
ptext, _, _ = parse(prev_dom)
heads = [ptext.find(f"{c['centre']} {c['street']} 家庭综合服务中心评估结果") for c in centres]
for i, c in enumerate(centres):
    # the page text from this centre's heading to the next one's
    sec = ptext[heads[i]:heads[i + 1] if i + 1 < len(heads) else len(ptext)] if heads[i] >= 0 else ""
    if c["total"] is None:
        continue
    decimals = len(c["total"].split(".")[1]) if "." in c["total"] else 0
    change = "+10" + ("." + "0" * decimals if decimals else "")
    for lit in ("与上次结果比较", f"上次 {prev[i]['total']} 分", f"变化 {change}"):
        if lit not in sec:
            fail(f"centre {c['centre']} beside its previous result: {lit!r} not shown")

if failures:
    for f in failures:
        print("html check: FAIL:", f, file=sys.stderr)
    sys.exit(1)
print(f"html check: ok: {len(centres)} centres, grade and total of each shown; PNG {len(png)} bytes, "
      f"PDF {pages} pages ({len(pdf)} bytes); hostile strings shown as text; the previous result beside; "
      f"output deterministic")
EOF
st=$?
[ $st -eq 0 ] || die "see the messages above; the page is $OUT/report.html"
echo "html check: artefacts in $OUT (report.html, report.png, report.pdf)"
