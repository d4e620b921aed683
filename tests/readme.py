#!/usr/bin/env python3
"""readme.py BUILD: run every command of README.md's code blocks as a user pasting them would.

A command is a line of an indented (4 spaces) or fenced code block whose first word is a
jiazong tool (jz-*, jiazong), or printf/sha256sum feeding one; a line ending in a backslash
continues on the next; `$ ` in front is a prompt and dropped; text after two spaces and a
'#' is a comment. Lines holding ' ... ' or '...' as a placeholder for options are shown
forms, not commands, and are skipped, as are set-up commands (make, apt-get, export, cd:
the README states them once). Each command runs with sh from a scratch folder holding the
repository's samples/ and rubrics/ (so outputs such as midterm.csv land there and later
commands find them), build/bin first on PATH. A command passes when it exits 0 or 1 (1:
the data fails a check, as several examples show on purpose); 2 (usage), 3 (an input
missing or invalid), 4 and 127 (no such command) fail the test, naming the README line.
"""
import os, re, shutil, subprocess, sys, tempfile

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
build = sys.argv[1] if len(sys.argv) > 1 else "build"
lines = open(os.path.join(root, "README.md"), encoding="utf-8").read().split("\n")

cmds = []  # (line number, command)
fenced = False
prev_blank = True
in_block = False
pending, start = "", 0
for i, l in enumerate(lines, 1):
    if l.startswith("```"):
        fenced = not fenced
        continue
    code = fenced or (l.startswith("    ") and (in_block or prev_blank))
    in_block = code and not fenced and l.startswith("    ")
    prev_blank = l.strip() == ""
    if not code:
        pending = ""
        continue
    t = l.strip()
    if pending:
        t = pending + " " + t
    else:
        start = i
    if t.endswith("\\"):
        pending = t[:-1].rstrip()
        continue
    pending = ""
    t = re.sub(r"^\$ ", "", t)
    t = re.sub(r"\s{2,}#.*$", "", t).strip()
    if not t:
        continue
    first = t.split()[0]
    if first in ("printf", "sha256sum"):
        if "|" not in t:
            continue
    elif first in ("mkdir", "cp") or re.match(r"^[A-Z_]+=\S", first):
        pass  # the set-up a block makes for the commands after it
    elif not (first.startswith("jz-") or first == "jiazong"):
        continue
    if "..." in t or "…" in t:
        continue
    cmds.append((start, t))

def shq(c):
    return "'" + c.replace("'", "'\\''") + "'"


tmp = tempfile.mkdtemp()
failed = 0
try:
    for d in ("samples", "rubrics"):
        os.symlink(os.path.join(root, d), os.path.join(tmp, d))
    env = dict(os.environ, PATH=os.path.join(root, build, "bin") + os.pathsep + os.environ["PATH"])
    # one shell for the whole README, as one terminal: a variable a block sets holds in
    # the commands after it; each command's status is checked as it ends
    script = []
    for n, c in cmds:
        script.append(f"{{ {c}\n}} >/dev/null 2>\"$JZ_ERR\"; s=$?\n"
                      f"[ $s -le 1 ] || {{ echo \"README.md:{n}: exit $s: \"{shq(c)}; tail -n 1 \"$JZ_ERR\" | sed 's/^/    /'; }}")
    env["JZ_ERR"] = os.path.join(tmp, ".err")
    p = subprocess.run(["sh", "-c", "\n".join(script)], cwd=tmp, env=env, stdin=subprocess.DEVNULL,
                       stdout=subprocess.PIPE)
    out = p.stdout.decode("utf-8", "replace")
    sys.stdout.write(out)
    failed = out.count("README.md:")
finally:
    shutil.rmtree(tmp)
print(f"readme: {len(cmds)} commands, {failed} failed")
sys.exit(1 if failed else 0)
