#!/usr/bin/env python3
"""help-man.py BUILD: every tool's --help and its man page name the same options (issue 14),
and the two or three examples each --help ends with are commands of the page's EXAMPLES
(as written there, or with a pipe the page adds after them), where tests/man-examples.py
runs them and checks what they print.

The long options a tool's --help lists (with those of its subcommands' help: jiazong
evaluate, jz-score diff, jz-verify plan) must each appear in its man page's SYNOPSIS,
DESCRIPTION or OPTIONS sections, and each long option those sections give with Fl must
appear in one of the helps; the Chinese --help (LANGUAGE=zh_CN) lists the same options as
the English one. A translated page man/LANG/PAGE has the sections, subsections, options and
example commands of man/PAGE. A mismatch names the tool, the option and where it is missing.
"""
import os, re, subprocess, sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
build = sys.argv[1] if len(sys.argv) > 1 else "build"
SUB = {"jiazong": [["evaluate", "--help"]], "jz-score": [["diff", "--help"]], "jz-verify": [["plan", "--help"]]}
SECTIONS = ("SYNOPSIS", "DESCRIPTION", "OPTIONS", "描述", "选项")
EXAMPLES = ("EXAMPLES", "示例")


def help_options(tool, language=""):
    text = ""
    for args in [["--help"]] + SUB.get(tool, []):
        p = subprocess.run([os.path.join(root, build, "bin", tool)] + args, capture_output=True, text=True,
                           env=dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE=language))
        text += p.stdout
    # an option is listed where a line starts with it (after the short form), not where the
    # text merely mentions one
    opts = set()
    for line in text.split("\n"):
        m = re.match(r"^\s+(?:-\w, )?--([a-z][a-z0-9-]+)", line)
        while m:
            opts.add(m.group(1))
            rest = line[m.end():]
            m = re.match(r"^(?:[= ][A-Z|a-z]+)?, --([a-z][a-z0-9-]+)", rest)
            line = rest
    return opts


def man_options(tool, page=None):
    opts, keep = set(), False
    for line in open(page or os.path.join(root, "man", tool + ".1"), encoding="utf-8"):
        if line.startswith(".Sh "):
            keep = line[4:].strip() in SECTIONS
            continue
        # the option lists (.It Fl) and the synopsis (.Op Fl); a .Fl in running text may
        # name another tool's option
        if not keep or not (line.startswith(".It Fl") or line.startswith(".Op Fl")):
            continue
        for m in re.finditer(r"(?:Fl|,) -([a-z][a-z0-9-]+)", line):
            opts.add(m.group(1))
    return opts


def norm(c):
    return " ".join(c.replace("\\\n", " ").split())


def help_examples(tool):
    p = subprocess.run([os.path.join(root, build, "bin", tool), "--help"], capture_output=True, text=True,
                       env=dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE=""))
    out, on, cur = [], False, ""
    for line in p.stdout.split("\n"):
        if line.startswith("Examples"):
            on = True
            continue
        if on and line.startswith("  "):
            cur += line.strip()
            if cur.endswith("\\"):
                cur = cur[:-1] + " "
                continue
            out.append(norm(cur))
            cur = ""
        elif on:
            on = False
    return out


def man_example_commands(tool, page=None):
    cmds, inside, cur = [], False, None
    for line in open(page or os.path.join(root, "man", tool + ".1"), encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith(".Sh "):
            inside = line[4:].strip() in EXAMPLES
            continue
        if not inside:
            continue
        line = line.replace("\\e", "\\").replace("\\&", "")
        if cur is not None:
            cur += " " + line
        elif line.startswith("$ "):
            cur = line[2:]
        else:
            continue
        if cur.endswith("\\"):
            cur = cur[:-1]
            continue
        cmds.append(norm(cur))
        cur = None
    return cmds


bad = 0
tools = sorted(t for t in os.listdir(os.path.join(root, build, "bin")) if not t.endswith(".exe"))
for tool in tools:
    if not os.path.exists(os.path.join(root, "man", tool + ".1")):
        print(f"{tool}: no man page man/{tool}.1")
        bad += 1
        continue
    h, m = help_options(tool), man_options(tool)
    for o in sorted(h - m):
        print(f"{tool}: --{o} is in --help but not in man/{tool}.1 (SYNOPSIS, DESCRIPTION or OPTIONS)")
        bad += 1
    for o in sorted(m - h):
        print(f"{tool}: --{o} is in man/{tool}.1 but not in --help")
        bad += 1
    z = help_options(tool, "zh_CN")
    for o in sorted(h ^ z):
        print(f"{tool}: --{o} is in the {'English' if o in h else 'Chinese'} --help only (po/zh_CN.po)")
        bad += 1
    ex, shown = help_examples(tool), man_example_commands(tool)
    if not 2 <= len(ex) <= 3:
        print(f"{tool}: --help ends with {len(ex)} examples, not two or three")
        bad += 1
    for e in ex:
        if not any(c == e or c.startswith(e + " | ") for c in shown):
            print(f"{tool}: the --help example '{e}' is not a command of man/{tool}.1 EXAMPLES")
            bad += 1


def all_options(page):
    """Every long option a page names with Fl, anywhere."""
    text = open(page, encoding="utf-8").read()
    return set(re.findall(r"(?:Fl|,) -([a-z][a-z0-9-]+)", text))


def outline(page):
    """The count of sections and subsections, and of the list items naming an option."""
    text = open(page, encoding="utf-8").read().split("\n")
    return (sum(l.startswith(".Sh ") for l in text), sum(l.startswith(".Ss ") for l in text),
            sum(l.startswith(".It Fl") for l in text))


# A translated page, man/LANG/PAGE, is a full translation of man/PAGE: the same sections and
# subsections, the same options (in SYNOPSIS, DESCRIPTION and OPTIONS, and anywhere) and the
# same example commands.
pages = 0
for d in sorted(e.path for e in os.scandir(os.path.join(root, "man")) if e.is_dir()):
    for f in sorted(os.listdir(d)):
        if not re.search(r"\.[157]$", f):
            continue
        pages += 1
        tr, en, name = os.path.join(d, f), os.path.join(root, "man", f), os.path.relpath(os.path.join(d, f), root)
        if not os.path.exists(en):
            print(f"{name}: no English page man/{f}")
            bad += 1
            continue
        tool = f.rsplit(".", 1)[0]
        for what, a, b in (("option (SYNOPSIS, DESCRIPTION, OPTIONS)", man_options(tool, en), man_options(tool, tr)),
                           ("option", all_options(en), all_options(tr))):
            for o in sorted(a - b):
                print(f"{name}: --{o} is missing: man/{f} has it ({what})")
                bad += 1
            for o in sorted(b - a):
                print(f"{name}: --{o} is not in man/{f} ({what})")
                bad += 1
        if outline(en) != outline(tr):
            print(f"{name}: sections, subsections, option items {outline(tr)}; man/{f} has {outline(en)}")
            bad += 1
        if man_example_commands(tool, en) != man_example_commands(tool, tr):
            print(f"{name}: the EXAMPLES commands differ from man/{f}'s")
            bad += 1
print(f"help-man: {len(tools)} tools, {pages} translated pages, {bad} mismatches")
sys.exit(1 if bad else 0)
