#!/usr/bin/env python3
"""check_tutorial.py: TAP test that docs/adding-an-isa.md still tells the
truth. Every ```isa excerpt must stand, line for line, in desc/isa/mips/;
the ```meson and ```asm excerpts in the files they quote; the diagnostics
shown for an empty description must be what morphgen prints; every
repository path the tutorial names must exist.

    check_tutorial.py SOURCE_ROOT MORPHGEN"""
import os, re, subprocess, sys, tempfile

root, morphgen = sys.argv[1], os.path.abspath(sys.argv[2])
doc = open(os.path.join(root, "docs", "adding-an-isa.md")).read()
blocks = re.findall(r"```(\w+)\n(.*?)```", doc, re.S)


def norm(lines):
    return [" ".join(l.split()) for l in lines if l.strip()]


def contains(hay, needle):
    """Is needle a contiguous run of hay?"""
    n = len(needle)
    return any(hay[i:i + n] == needle for i in range(len(hay) - n + 1))


def lines_of(*paths):
    out = []
    for p in paths:
        out.append(norm(open(os.path.join(root, p)).read().splitlines()))
    return out


mips = sorted("desc/isa/mips/" + f for f in os.listdir(os.path.join(root, "desc/isa/mips"))
              if f.endswith(".isa"))
sources = {"isa": lines_of(*mips), "meson": lines_of("desc/meson.build"),
           "asm": lines_of("tests/guest/mips/mips_alu.S")}
checks = []
for kind, text in blocks:
    if kind in sources:
        want = norm(text.splitlines())
        checks.append((f"{kind} excerpt '{want[0][:50]}' is in the source",
                       any(contains(h, want) for h in sources[kind])))

# The diagnostics of step 1, from a real run on an empty file.
shown = [b for k, b in blocks if k == "text"][0]
with tempfile.TemporaryDirectory() as d:
    open(os.path.join(d, "mips_base.isa"), "w").close()
    p = subprocess.run([morphgen, "check", "mips_base.isa"], cwd=d, capture_output=True,
                       text=True)
got = [l for l in p.stderr.splitlines() if ": error: " in l]
checks.append(("empty description: morphgen prints the errors shown",
               p.returncode == 1 and got == norm(shown.splitlines())))

# Every repository path named in backticks exists.
for path in sorted(set(re.findall(r"`((?:desc|targets|tests|runtime|gen|docs)/[\w./-]*\w)`", doc))):
    checks.append((f"{path} exists", os.path.exists(os.path.join(root, path))))

print(f"1..{len(checks)}")
for i, (name, good) in enumerate(checks, 1):
    print(f"{'ok' if good else 'not ok'} {i} - {name}")
sys.exit(0 if all(g for _, g in checks) else 1)
