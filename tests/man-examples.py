#!/usr/bin/env python3
"""man-examples.py BUILD [PAGE...]: run the EXAMPLES of the man pages and compare their output.

So that a manual cannot drift from what the tools print (issue 14). In each page's EXAMPLES
section, every literal block (.Bd -literal ... .Ed) holding a line that starts with "$ " is
a terminal session: "$ " lines are commands (a line ending in a backslash continues on the
next), the lines after a command up to the next one are what it printed. A line "..."
stands for lines left out (any number, none included). The commands of one page run in one
shell, in order, from a scratch copy of the repository's samples/, rubrics/, tests/rubrics/ and
tests/sample_reproduce.py (so files
a command writes land in the copy, and later commands find them); in the folder a
`.\\" examples-cwd: DIR` line in the section names (DIR relative to the repository's root:
samples, samples/records), else the copy's root. A command's output is matched against
its standard output, or its standard output and error together. A translated page,
man/LANG/PAGE (its EXAMPLES section may be named in that language: 示例), runs with
LANGUAGE=LANG, so it shows what the tools print in that language. Roff escapes are read as
man shows them (\\e is a backslash, \\& nothing, \\(aq a quote). A page may hold examples
that are shown, not run: put `.\\" examples-skip` before their block.
"""
import os, re, shutil, subprocess, sys, tempfile

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
build = sys.argv[1] if len(sys.argv) > 1 else "build"
# the English pages, then the translations in man/LANG/ (run in that language: LANGUAGE=LANG)
pages = sys.argv[2:] or sorted(os.path.relpath(os.path.join(d, f), root)
                               for d in [os.path.join(root, "man")] + sorted(
                                   e.path for e in os.scandir(os.path.join(root, "man")) if e.is_dir())
                               for f in os.listdir(d) if re.search(r"\.[157]$", f))
EXAMPLES = (".Sh EXAMPLES", ".Sh 示例")


def page_lang(path):
    """LANG of man/LANG/PAGE, or None for an English page."""
    parts = os.path.normpath(path).split(os.sep)
    return parts[-2] if len(parts) >= 3 and parts[-3] == "man" else None


def unroff(s):
    s = s.replace("\\e", "\x00").replace("\\&", "").replace("\\(aq", "'").replace("\\-", "-")
    s = s.replace("\\(>=", "≥").replace("\\(<=", "≤").replace("\\(dq", '"').replace("\\(ti", "~").replace("\\(ha", "^").replace("\\ ", " ")
    return s.replace("\x00", "\\")


def sessions(path):
    """(cwd, [(line, command, [expected lines])]) of a page's EXAMPLES."""
    text = open(os.path.join(root, path), encoding="utf-8").read().split("\n")
    cwd, out, inside, block, skip = "", [], False, None, False
    for n, l in enumerate(text, 1):
        if l.startswith(".Sh "):
            inside = l.strip() in EXAMPLES
            continue
        if not inside:
            continue
        m = re.match(r'^\.\\" examples-cwd: (\S+)', l)
        if m:
            if not out:
                cwd = m.group(1)
            else:  # a later block runs elsewhere: a cd, not a command of the page
                out.append([n, f'cd "$JZ_SCRATCH/{m.group(1)}"', [], "cd"])
        if l.startswith('.\\" examples-skip'):
            skip = True
        if l.startswith(".Bd -literal"):
            block = []
            continue
        if l.startswith(".Ed") and block is not None:
            if not skip:
                cmd = None
                for bn, bl in block:
                    if cmd is not None and cmd[1].endswith("\\") and cmd[2] == []:
                        cmd[1] = cmd[1] + "\n" + bl
                        continue
                    if bl.startswith("$ "):
                        cmd = [bn, bl[2:], []]
                        out.append(cmd)
                    elif cmd is not None:
                        cmd[2].append(bl)
            block, skip = None, False
            continue
        if block is not None:
            block.append((n, unroff(l)))
    return cwd, out


def matches(expected, actual):
    exp = [e.rstrip() for e in expected]
    act = [a.rstrip() for a in actual]
    while exp and exp[-1] == "":
        exp.pop()
    while act and act[-1] == "":
        act.pop()
    segs, cur = [], []
    for e in exp:
        if e.strip() == "...":
            segs.append(cur)
            cur = None if False else []
            segs.append(None)
        else:
            cur.append(e)
    segs.append(cur)
    pos = 0
    for k, seg in enumerate(segs):
        if seg is None or seg == []:
            continue
        anchored = k == 0 or segs[k - 1] is not None
        last = k == len(segs) - 1
        found = -1
        for p in range(pos, len(act) - len(seg) + 1):
            if act[p:p + len(seg)] == seg:
                found = p
                break
            if anchored:
                break
        if found < 0:
            return False
        pos = found + len(seg)
        if last and pos != len(act):
            return False
    if segs and segs[-1] == [] and len(segs) == 1:
        return act == []
    return True


def roff(line):
    line = line.replace("\\", "\\e").replace("≥", "\\(>=").replace("≤", "\\(<=")
    return "\\&" + line if line[:1] in (".", "'") else line


update = os.environ.get("UPDATE")  # rewrite the outputs of blocks without "..." (review the diff)
edits = {}  # page -> [(first line, count, new lines)]
failed = 0
total = 0
tmp = tempfile.mkdtemp()
try:
    for page in pages:
        cwd, cmds = sessions(page)
        if not cmds:
            continue
        scratch = os.path.join(tmp, page.replace(os.sep, "_"))
        os.mkdir(scratch)
        for d in ("samples", "rubrics", "tests/rubrics", "tests/sample_reproduce.py"):
            src, dst = os.path.join(root, d), os.path.join(scratch, d)
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            if os.path.isdir(src):
                shutil.copytree(src, dst, symlinks=True)
            else:
                shutil.copy(src, dst)
        env = dict(os.environ, PATH=os.path.join(root, build, "bin") + os.pathsep + os.environ["PATH"],
                   LC_ALL="C.UTF-8", TZ="UTC")
        env.pop("LANGUAGE", None)
        if page_lang(page):
            env["LANGUAGE"] = page_lang(page)
        env["JZ_SCRATCH"] = scratch
        env.pop("CI", None)
        sh = subprocess.Popen(["sh"], cwd=os.path.join(scratch, cwd), env=env, stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        script = []
        for k, (n, c, *_) in enumerate(cmds):
            # each command's stdout, then stderr, between markers
            script.append(f"{{ {c}\n}} >.o 2>.e </dev/null; s=$?; echo \"@@{k} $s\"; cat .o; echo @@; cat .e; "
                          f"echo @@end; (exit $s)")
        res, _ = sh.communicate("\n".join(script) + "\n")
        parts = re.split(r"^@@(\d+) (\d+)\n", res, flags=re.M)
        got = {}
        for i in range(1, len(parts) - 2, 3):
            body = parts[i + 2]
            o, _, rest = body.partition("@@\n")
            e = rest.rsplit("@@end", 1)[0]
            got[int(parts[i])] = (o.split("\n")[:-1], e.split("\n")[:-1])
        for k, (n, c, exp, *rest) in enumerate(cmds):
            if rest:
                continue
            total += 1
            o, e = got.get(k, ([], ["(not run)"]))
            if not exp and not (o or e):
                continue
            if matches(exp, o) or matches(exp, o + e) or matches(exp, e + o) or (not exp and not o):
                continue
            failed += 1
            if update and not any(x.strip() == "..." for x in exp):
                new = (e + o) if set(exp) & set(e) else o
                edits.setdefault(page, []).append((n + c.count("\n") + 1, len(exp), [roff(x) for x in new]))
            print(f"{page}:{n}: $ {c}")
            print("  the page shows:\n" + "".join(f"    |{x}\n" for x in exp[:12]) +
                  "  the tool printed:\n" + "".join(f"    |{x}\n" for x in (o + e)[:12]))
finally:
    shutil.rmtree(tmp)
for page, ed in edits.items():
    lines = open(os.path.join(root, page), encoding="utf-8").read().split("\n")
    for first, count, new in sorted(ed, reverse=True):
        lines[first - 1:first - 1 + count] = new
    open(os.path.join(root, page), "w", encoding="utf-8").write("\n".join(lines))
    print(f"{page}: {len(ed)} outputs rewritten")
print(f"man examples: {total} commands, {failed} differ")
sys.exit(1 if failed else 0)
