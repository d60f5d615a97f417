#!/usr/bin/env python3
"""check_format.py: TAP test that every C file git tracks (except the
assembler macro headers under tests/guest/) is formatted with the project's
.clang-format. A missing clang-format or git fails, naming its package
(setup.sh installs both); only a tree that is not a git checkout skips."""
import shutil, subprocess, sys, os

root = sys.argv[1]
fmt = shutil.which("clang-format")
for prog, path in (("clang-format", fmt), ("git", shutil.which("git"))):
    if not path:
        print(f"1..1\nnot ok 1 - {prog} is missing (package {prog})")
        sys.exit(0)
if not os.path.isdir(os.path.join(root, ".git")):
    print("1..0 # SKIP not a git checkout")
    sys.exit(0)
files = subprocess.run(["git", "-C", root, "ls-files", "*.c", "*.h"], capture_output=True,
                       text=True, check=True).stdout.split()
files = [f for f in files if not f.startswith("tests/guest/")]
print(f"1..{len(files)}")
bad = 0
for i, f in enumerate(files, 1):
    p = subprocess.run([fmt, "--style=file", "--dry-run", "-Werror", os.path.join(root, f)],
                       capture_output=True, text=True)
    if p.returncode == 0:
        print(f"ok {i} - {f}")
    else:
        bad += 1
        print(f"not ok {i} - {f} is not clang-formatted (run clang-format -i {f})")
        for line in p.stderr.splitlines()[:6]:
            print(f"# {line}")
sys.exit(1 if bad else 0)
