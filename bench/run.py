#!/usr/bin/env python3
"""bench/run.py: run the benchmark kernels under Morph (interpreter and
`--engine auto`), under QEMU and natively, check that all agree on the
checksum, and print a table.

    bench/run.py [--build DIR] [--repeat N] [--interp-repeat N] [--guest G|all]
                 [--timeout S] [--long] [--markdown] [NAME...]

The guest and native binaries are built by meson (`ninja -C build bench`),
each in two sizes: the default runs every kernel once (tens of ms
natively, a fraction of a second under QEMU: start-up and the LLVM tier's
compile time weigh heavily), `--long` runs it 10 times (bench/meson.build's
bench_long), closer to the second-long runs of the embedded suites the
LLVM-tier issue cites.
Times are the best of N wall-clock runs (the interpreter column, whose
minutes dominate a --long run and which varies little, its own N with
--interp-repeat); memory is the largest peak RSS of
the child over those runs (os.wait4). Morph's instruction count and the LLVM
tier's compile time come from `morph run --stats`. Ratios: `auto/qemu` is
QEMU's time over Morph auto's (above 1: Morph is faster), `auto/native` is
Morph auto's time over native (the slowdown). The geometric means leave out
the start-up program, whose row gives each column's start-up cost in ms.
A column that did not run prints '-'; every column that ran must print the
same checksum, else the run is listed under "problems" and run.py exits 1."""
import argparse, math, os, re, shutil, subprocess, sys, tempfile, threading, time

NAMES = ["sha256", "qsort", "crc32", "matmul", "primes", "vm", "calls", "parse", "chase", "lz",
         "startup"]
STARTUP = "startup"
# QEMU system emulator and machine options per guest (the boards Morph follows).
# No NIC and no VGA: the boards have neither, and their ROMs (ipxe-qemu,
# seabios) are not installed by setup.sh.
NO_DEVICES = ["-nic", "none", "-vga", "none"]
QEMU = {
    "rv32": ["qemu-system-riscv32", "-M", "virt", "-bios", "none"],
    "rv64": ["qemu-system-riscv64", "-M", "virt", "-bios", "none"],
    "arm": ["qemu-system-arm", "-M", "virt", "-cpu", "cortex-a15", "-m", "128M", "-semihosting"],
    "mips": ["qemu-system-mips", "-M", "malta", "-m", "128M", "-semihosting"],
    "mipsel": ["qemu-system-mipsel", "-M", "malta", "-m", "128M", "-semihosting"],
}
COLUMNS = ["interp", "auto", "qemu", "native"]


class Run:
    """One column of one benchmark: best time, peak RSS, output, error."""

    def __init__(self, secs, out, err, status, rss_kb):
        self.secs, self.out, self.err, self.status, self.rss_kb = secs, out, err, status, rss_kb

    def checksum(self):
        m = re.search(r"checksum ([0-9a-f]+)", self.out)
        return m.group(1) if m else None

    def problem(self):
        """None if the run finished and printed a checksum, else why not."""
        if self.status == 0 and self.checksum():
            return None
        lines = [l for l in self.err.splitlines() if l.strip() and "stats:" not in l]
        why = "timed out" if self.status is None else f"exit status {self.status}"
        return why + (": " + lines[-1][:200] if lines else "")


def timed(cmd, timeout):
    """Run cmd once, output to files (no pipe to drain); return a Run."""
    with tempfile.TemporaryFile("w+") as fo, tempfile.TemporaryFile("w+") as fe:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=fo, stderr=fe)
        killed = []
        timer = threading.Timer(timeout, lambda: (killed.append(1), p.kill()))
        timer.start()
        _, status, ru = os.wait4(p.pid, 0)
        secs = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(status)  # reaped: Popen must not kill or wait
        timer.cancel()
        fo.seek(0), fe.seek(0)
        code = None if killed and p.returncode == -9 else p.returncode
        return Run(secs, fo.read(), fe.read(), code, ru.ru_maxrss)


def best(cmd, n, timeout):
    runs = [timed(cmd, timeout) for _ in range(n)]
    r = min(runs, key=lambda r: r.secs)
    r.rss_kb = max(x.rss_kb for x in runs)
    return r


def stat(run, pattern):
    m = run and re.search(pattern, run.err)
    return float(m.group(1)) if m else None


def size(a):
    """The file name suffix of the programs' form."""
    return "-long" if a.long else ""


def guest_elf(a, name, g):
    return os.path.join(a.build, "bench", f"{name}-{g}{size(a)}.elf")


def measure(a, morph, engines, g, name):
    """Run one benchmark on one guest in every column; return a row dict."""
    elf = guest_elf(a, name, g)
    native = os.path.join(a.build, "bench", f"{name}-native{size(a)}")
    runs = {}
    base = [morph, "run", "--stats"]
    runs["interp"] = best(base + (["--engine", "interp"] if engines else []) + [elf],
                          a.interp_repeat or a.repeat, a.timeout)
    if engines:
        runs["auto"] = best(base + ["--engine", "auto", elf], a.repeat, a.timeout)
    if shutil.which(QEMU[g][0]):
        runs["qemu"] = best(QEMU[g] + NO_DEVICES + ["-nographic", "-monitor", "none",
                                                    "-serial", "stdio", "-kernel", elf],
                            a.repeat, a.timeout)
    if os.path.exists(native):
        runs["native"] = best([native], a.repeat, a.timeout)
    row = {"name": name, "guest": g, "runs": runs, "problems": []}
    ref = runs["interp"].checksum()
    for col, r in runs.items():
        why = r.problem()
        if why is None and r.checksum() != ref:
            why = f"checksum {r.checksum()}, interp printed {ref}"
        if why:
            row["problems"].append(f"{name}-{g} {col}: {why}")
    row["insns"] = stat(runs["interp"], r"stats: ([0-9]+) instructions")
    compile_s = stat(runs.get("auto"), r"jit: .* compiled in ([0-9.]+) s")
    row["compile"] = compile_s / runs["auto"].secs if compile_s is not None else None
    return row


def ok_secs(row, col):
    r = row["runs"].get(col)
    return r.secs if r and r.problem() is None else None


def ratios(row):
    """(QEMU time / auto time, auto time / native time), None where not known."""
    auto, qemu, native = (ok_secs(row, c) for c in ("auto", "qemu", "native"))
    return (qemu / auto if auto and qemu else None, auto / native if auto and native else None)


def geomean(xs):
    xs = [x for x in xs if x]
    return math.exp(sum(map(math.log, xs)) / len(xs)) if xs else None


HEAD = ["benchmark", "Minsns", "interp s", "MIPS", "auto s", "qemu s", "native s",
        "auto/qemu", "auto/nat", "compile", "auto MB", "qemu MB", "ok"]
WIDTH = [17, 8, 8, 6, 8, 8, 8, 9, 8, 7, 7, 7, 3]


def fmt(v, spec):
    return "-" if v is None else format(v, spec)


def cells(row):
    """The table cells of one benchmark row (times in s; the start-up row: ms)."""
    ms = row["name"] == STARTUP
    t = lambda c: fmt(None if ok_secs(row, c) is None else ok_secs(row, c) * (1e3 if ms else 1),
                      ".1f" if ms else ".3f")
    mb = lambda c: fmt(row["runs"][c].rss_kb / 1024 if c in row["runs"] else None, ".0f")
    up, down = ratios(row)
    insns, it = row["insns"], ok_secs(row, "interp")
    return [f"{row['name']}-{row['guest']}" + (" ms" if ms else ""),
            fmt(insns / 1e6 if insns else None, ".4f" if ms else ".1f"), t("interp"),
            fmt(insns / it / 1e6 if insns and it and not ms else None, ".0f"), t("auto"),
            t("qemu"), t("native"), fmt(up, ".2f"), fmt(down, ".1f"),
            fmt(row["compile"] * 100 if row["compile"] is not None else None, ".0f") +
            ("%" if row["compile"] is not None else ""), mb("auto"), mb("qemu"),
            "no" if row["problems"] else "yes"]


def summary(label, rows):
    rs = [ratios(r) for r in rows if r["name"] != STARTUP]
    up, down = geomean(x[0] for x in rs), geomean(x[1] for x in rs)
    line = [""] * len(HEAD)
    line[0], line[7], line[8] = label, fmt(up, ".2f"), fmt(down, ".1f")
    return line


def render(table, markdown):
    """Print rows of cells fixed-width (None = a rule) or as a markdown table."""
    if markdown:
        print("| " + " | ".join(HEAD) + " |")
        print("|" + "|".join(" --- " if i == 0 else " ---: " for i in range(len(HEAD))) + "|")
        for line in table:
            if line is not None:
                print("| " + " | ".join(line) + " |")
        return
    out = lambda cs: print(" ".join(c.ljust(w) if i == 0 else c.rjust(w)
                                    for i, (c, w) in enumerate(zip(cs, WIDTH))).rstrip())
    out(HEAD)
    for line in table:
        if line is None:
            print("-" * (sum(WIDTH) + len(WIDTH) - 1))
        else:
            out(line)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build", default="build")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--interp-repeat", type=int, default=0,
                    help="runs of the interpreter column (default: --repeat)")
    ap.add_argument("--guest", default="all", choices=list(QEMU) + ["all"])
    ap.add_argument("--timeout", type=float, default=300, help="seconds per run (default 300)")
    ap.add_argument("--long", action="store_true",
                    help="the long form of each program (its kernel run 10 times)")
    ap.add_argument("--markdown", action="store_true", help="print a markdown table")
    ap.add_argument("names", nargs="*", default=NAMES)
    a = ap.parse_args()
    morph = next((p for p in (os.path.join(a.build, "morph"),
                              os.path.join(a.build, "runtime", "morph")) if os.path.exists(p)),
                 None)
    if not morph:
        sys.exit(f"run.py: no morph binary in {a.build}")
    helptext = subprocess.run([morph, "run", "--help"], capture_output=True, text=True)
    engines = "--engine" in helptext.stdout + helptext.stderr
    guests = list(QEMU) if a.guest == "all" else [a.guest]
    table, every, problems = [], [], []
    for g in guests:
        rows = []
        for name in a.names:
            elf = guest_elf(a, name, g)
            if not os.path.exists(elf) and a.guest == "all" and g not in ("rv32", "rv64"):
                continue
            if not os.path.exists(elf):
                sys.exit(f"run.py: {elf} missing; build with `ninja -C {a.build} bench`")
            row = measure(a, morph, engines, g, name)
            print(f"run.py: {name}-{g} done", file=sys.stderr, flush=True)
            rows.append(row)
            problems += row["problems"]
        if not rows:
            continue
        main_rows = [r for r in rows if r["name"] != STARTUP]
        table += [cells(r) for r in main_rows]
        table.append(summary(f"geomean {g}", rows))
        table += [cells(r) for r in rows if r["name"] == STARTUP]
        table.append(None)
        every += rows
    if len(guests) > 1 and every:
        table.append(summary("geomean all", every))
    render(table, a.markdown)
    if not engines:
        print("\nmorph has no --engine option: the auto columns are '-'")
    if problems:
        print("\nproblems:")
        for p in problems:
            print("  " + p)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
