#!/usr/bin/env python3
"""TAP: a deterministic mutation fuzz smoke test of morphgen.

Takes valid descriptions (seeds), makes RUNS mutations in total (byte flips,
deletions, duplicated and dropped lines, token swaps and replacements,
truncations, very deep nesting), runs `morphgen check` on each and asserts
that morphgen never crashes or hangs: the exit status is 0 or 1 (never a
signal), a failure prints `file:line:col: error: ...` first, every error line
has that form, and no sanitizer reports anything. One TAP line per seed;
failing inputs are saved in OUTDIR.

usage: fuzz.py MORPHGEN OUTDIR RUNS [-I HWDIR]... [--join DIR]... [--each DIR]... SEED...
  --join DIR  one seed made of DIR/*.isa read together (a multi-file ISA)
  --each DIR  every .isa, .hw and .board file of DIR as a seed (if DIR exists)
"""
import os
import random
import re
import subprocess
import sys

SEED = 20240607
ERROR_LINE = re.compile(r'^[^\n:]+:\d+:\d+: error: \S')
SANITIZER = re.compile(r'AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|runtime error:')
TOKEN = re.compile(rb'[A-Za-z_][\w.]*|\d[\w\']*|"[^"\n]*"|//[^\n]*|\.\.|[<>=!]=s?|<<|>>>?|&&|\|\||->|\S')
VOCAB = [b'insn', b'field', b'func', b'helper', b'if', b'else', b'for', b'in', b'let', b'return',
         b'raise', b'pc', b'npc', b'mem32', b'reg', b'regfile', b'overlap', b'predicated', b'device',
         b'board', b'irq', b'{', b'}', b'(', b')', b'[', b']', b';', b',', b':', b'=', b'..', b'?',
         b'<<', b'>>>', b'<s', b'+', b'-', b'~', b'!', b'0', b'1', b'0x', b"8'hff", b"200'd1",
         b'99999999999999999999999999999999999999999999', b'"', b'"..--01"', b'"{x"', b'sext',
         b'trunc', b'udiv', b'xlen', b'X', b'@', b'->', b'/*', b'*/', b'\x00', b'\xff']


def deep(rng):
    """A declaration nested very deeply, in one of several ways."""
    k = rng.choice([50, 150, 199, 200, 201, 260, 1000, 5000, 30000])
    kind = rng.randrange(7)
    if kind == 0:
        return b'field deep_p = ' + b'(' * k + b'insn[3:0]' + b')' * k + b';\n'
    if kind == 1:
        return b'func deep_u(a : 8) : 8 { return ' + b'- ~' * (k // 2) + b'a; }\n'
    if kind == 2:
        body = b''.join(b'if (a == %d) { return a; } else ' % i for i in range(k))
        return b'func deep_e(a : 16) : 16 { ' + body + b'{ return a; } }\n'
    if kind == 3:
        return b'func deep_b(a : 8) { ' + b'{ ' * k + b'let t = a; ' + b'} ' * k + b'}\n'
    if kind == 4:
        return b'func deep_s(a : 8) : 8 { return a' + b' + a' * k + b'; }\n'
    if kind == 5:
        return b'field deep_c = ' + b'{' * k + b"1'b1" + b'}' * k + b';\n'
    return b'func deep_q(a : 1) : 1 { return ' + b'a ? a : ' * k + b'a; }\n'


def mutate(rng, data):
    """One random mutation of data."""
    n = len(data)
    kind = rng.randrange(10)
    if kind == 0 and n:                       # byte flips
        b = bytearray(data)
        for _ in range(rng.randint(1, 4)):
            b[rng.randrange(n)] = rng.randrange(256) if rng.random() < 0.3 else rng.randrange(32, 127)
        return bytes(b)
    if kind == 1 and n:                       # delete a span
        i = rng.randrange(n)
        return data[:i] + data[i + rng.randint(1, 40):]
    lines = data.split(b'\n')
    if kind == 2:                             # duplicate a line
        i = rng.randrange(len(lines))
        return b'\n'.join(lines[:i + 1] + [lines[i]] + lines[i + 1:])
    if kind == 3 and len(lines) > 1:          # drop a line
        i = rng.randrange(len(lines))
        return b'\n'.join(lines[:i] + lines[i + 1:])
    if kind == 4:                             # truncate
        return data[:rng.randrange(n + 1)]
    if kind == 5:                             # deep nesting, at the end or a line start
        d = deep(rng)
        if rng.random() < 0.5:
            return data + b'\n' + d
        i = rng.randrange(len(lines))
        return b'\n'.join(lines[:i] + [d] + lines[i:])
    toks = [m.span() for m in TOKEN.finditer(data)]
    if len(toks) < 2:
        return data + rng.choice(VOCAB)
    if kind == 6:                             # swap two tokens
        (a0, a1), (b0, b1) = sorted(rng.sample(toks, 2))
        return data[:a0] + data[b0:b1] + data[a1:b0] + data[a0:a1] + data[b1:]
    if kind == 7:                             # replace a token (by one of the file's own)
        a0, a1 = rng.choice(toks)
        b0, b1 = rng.choice(toks)
        new = rng.choice(VOCAB) if rng.random() < 0.4 else data[b0:b1]
        return data[:a0] + new + data[a1:]
    if kind == 8:                             # delete a token
        a0, a1 = rng.choice(toks)
        return data[:a0] + data[a1:]
    a0, a1 = rng.choice(toks)                 # insert a token
    return data[:a0] + rng.choice(VOCAB) + b' ' + data[a0:]


def verdict(r):
    """None if a run behaved, else what went wrong."""
    if r.returncode not in (0, 1):
        return 'exit status %d' % r.returncode
    err = r.stderr
    if SANITIZER.search(err):
        return 'sanitizer report'
    lines = err.splitlines()
    if r.returncode == 1 and (not lines or not ERROR_LINE.match(lines[0])):
        return 'first line is not file:line:col: error: (%r)' % (lines[0] if lines else '')
    if r.returncode == 0 and err:
        return 'exit 0 with output on stderr'
    for l in lines:
        if ' error: ' in l and not ERROR_LINE.match(l) and not l.startswith('morphgen:'):
            return 'malformed error line %r' % l
    return None


def main():
    morphgen, outdir, runs = os.path.abspath(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    runs = int(os.environ.get('MORPH_FUZZ_RUNS', runs))
    incs, seeds, args = [], [], sys.argv[4:]
    while args:
        a = args.pop(0)
        if a == '-I':
            incs += ['-I', os.path.abspath(args.pop(0))]
        elif a == '--join':
            d = args.pop(0)
            if os.path.isdir(d):
                parts = sorted(f for f in os.listdir(d) if f.endswith('.isa'))
                if parts:
                    data = b''.join(open(os.path.join(d, f), 'rb').read() + b'\n' for f in parts)
                    seeds.append((os.path.basename(d.rstrip('/')) + '.isa', data))
        elif a == '--each':
            d = args.pop(0)
            if os.path.isdir(d):
                for f in sorted(os.listdir(d)):
                    if f.endswith(('.isa', '.hw', '.board')):
                        seeds.append((f, open(os.path.join(d, f), 'rb').read()))
        else:
            seeds.append((os.path.basename(a), open(a, 'rb').read()))
    os.makedirs(outdir, exist_ok=True)
    rng = random.Random(SEED)
    print('1..%d' % len(seeds))
    total = generated = 0
    for i, (name, data) in enumerate(seeds, 1):
        ext = os.path.splitext(name)[1]
        path = os.path.join(outdir, 'fuzz' + ext)
        count = runs // len(seeds) + (1 if i <= runs % len(seeds) else 0)
        bad = []
        for j in range(count):
            m = data
            for _ in range(rng.choice([1, 1, 1, 2, 3])):
                m = mutate(rng, m)
            with open(path, 'wb') as f:
                f.write(m)
            cmd = [morphgen, 'check'] + (incs if ext == '.board' else []) + [path]
            try:
                r = subprocess.run(cmd, capture_output=True, text=True, errors='replace', timeout=30)
                why = verdict(r)
                if not why and r.returncode == 0 and ext == '.isa':
                    # It checks: it must also generate (exit 0 or 1, never a crash).
                    g = re.findall(rb'^guest\s+(\w+)', m, re.M)
                    gen = [morphgen, 'isa', path, '-o', os.path.join(outdir, 'gen')]
                    gen += ['-g', g[0].decode()] if g else []
                    r = subprocess.run(gen, capture_output=True, text=True, errors='replace', timeout=30)
                    why = verdict(r)
                    why = why and 'generating: ' + why
                    generated += r.returncode == 0
            except subprocess.TimeoutExpired:
                why, r = 'timed out', None
            total += 1
            if why:
                keep = os.path.join(outdir, 'crash-%s-%d%s' % (name, j, ext))
                with open(keep, 'wb') as f:
                    f.write(m)
                bad.append('%s: %s%s' % (keep, why, '\n' + r.stderr[:2000] if r else ''))
        if bad:
            print('not ok %d - %s: %d of %d mutations misbehaved' % (i, name, len(bad), count))
            for b in bad[:5]:
                for l in b.splitlines()[:12]:
                    print('# ' + l)
        else:
            print('ok %d - %s: %d mutations, no crash' % (i, name, count))
    print('# %d runs, %d mutated ISAs checked and generated' % (total, generated))
    return 0


if __name__ == '__main__':
    sys.exit(main())
