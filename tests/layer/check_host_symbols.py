#!/usr/bin/env python3
"""check_host_symbols.py: TAP test that the VMM reaches the host only
through the microkernel layer (microkernel/mk.h).

For every object file of the runtime core library, of `morph` (device
servers, target helpers, generated guests and boards; not the command line,
rt_cli.c and main.c, which talks to the user through stdio) and of the JIT
module (runtime/jit/ and the generated emitters), `nm` lists the undefined
symbols; each must be defined by another checked object or allowed by
host_symbols.allow (pure C library, libelf, LLVM in the module, mk_*, the
sanitizers). Anything else -- fopen, stderr, getenv, time, pthread_create,
mmap... -- fails, naming the object and the symbol.

Also checked: `morph` exports every symbol the JIT module takes from it (an
archive member it does not use itself would be left out, and the module
would fail to load), and the checker itself flags a host call, on a
synthetic `nm` listing and on an object compiled on the fly.

usage: check_host_symbols.py --build DIR --allow FILE --core LIB --exe EXE
                             --module SO --cc CC...
"""
import argparse
import fnmatch
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile

# Sources of `morph` left out: none (the command line reaches the host
# through mk.h as well; kept for a front end that may not).
CLI_SOURCES = ()
SCOPES = ('runtime', 'jit')

results = []


def tap(ok, text, notes=()):
    """Record one TAP result with optional diagnostic lines."""
    results.append((ok, text, list(notes)))


def parse_allow(path):
    """The allow-list as [(pattern, scopes, deny)]; raises ValueError on a
    line without a reason or with an unknown scope."""
    rules = []
    with open(path, encoding='utf-8') as f:
        for no, line in enumerate(f, 1):
            body, sep, why = line.partition('#')
            words = body.split()
            if not words:
                continue
            if not sep or not why.strip():
                raise ValueError(f'{path}:{no}: no `# reason` for {words[0]}')
            scopes = set(words[1:]) or set(SCOPES)
            if not scopes <= set(SCOPES):
                raise ValueError(f'{path}:{no}: unknown scope in {" ".join(words[1:])}')
            pat = words[0]
            rules.append((pat.lstrip('!'), scopes, pat.startswith('!')))
    return rules


def allowed(sym, scope, rules):
    """Is sym allowed in an object of scope by the rules (deny lines win)?"""
    hit = False
    for pat, scopes, deny in rules:
        if scope in scopes and fnmatch.fnmatchcase(sym, pat):
            if deny:
                return False
            hit = True
    return hit


def parse_nm(text):
    """(undefined, defined globals) from `nm -P` output."""
    undef, defined = set(), set()
    for line in text.splitlines():
        parts = line.split()
        if len(parts) < 2 or line.endswith(':'):
            continue
        name, kind = parts[0], parts[1]
        if kind in ('U', 'w', 'v'):
            undef.add(name)
        elif kind.isupper():
            defined.add(name)
    return undef, defined


def nm(tool, path, *flags):
    """Run nm -P on path; its output text (raises on failure)."""
    return subprocess.run([tool, '-P', *flags, path], capture_output=True, text=True,
                          check=True).stdout


def strays(undef, scope, defined, rules):
    """The symbols of undef that are neither defined in the set nor allowed."""
    return sorted(s for s in undef if s not in defined and not allowed(s, scope, rules))


def objects_of(build, target):
    """[(object path, source)] of a target, from compile_commands.json (the
    targets as configured now, no stale objects), else by globbing."""
    priv = os.path.relpath(target, build) + '.p' + os.sep
    db = os.path.join(build, 'compile_commands.json')
    if os.path.exists(db):
        with open(db, encoding='utf-8') as f:
            entries = json.load(f)
        out = []
        for e in entries:
            if e['output'].startswith(priv):
                src = os.path.normpath(os.path.join(e['directory'], e['file']))
                out.append((os.path.join(build, e['output']), src))
        return sorted(set(out))
    return [(o, '') for o in sorted(glob.glob(os.path.join(build, priv, '*.o')))]


def is_cli(obj, src):
    """Is this object compiled from one of CLI_SOURCES?"""
    return any(src.endswith(os.sep + c) or
               os.path.basename(obj) == c.replace('/', '_') + '.o' for c in CLI_SOURCES)


def self_check_synthetic(rules):
    """The checker flags host calls in a made-up nm listing."""
    text = ('fopen U\nmemcpy U\nmk_env U\nrt_nowhere U\nstderr U\nelf_begin U\n'
            'elf_memory U\nLLVMBuildAdd U\nrt_here U\nrt_mine T 0 0\n')
    undef, defined = parse_nm(text)
    got = strays(undef, 'runtime', defined | {'rt_here'}, rules)
    want = ['LLVMBuildAdd', 'elf_begin', 'fopen', 'rt_nowhere', 'stderr']
    tap(got == want, 'self-check: a synthetic nm listing flags ' + ', '.join(want),
        [f'flagged: {got}'] if got != want else [])
    got = strays(undef, 'jit', defined | {'rt_here'}, rules)
    want = ['elf_begin', 'elf_memory', 'fopen', 'rt_nowhere', 'stderr']
    tap(got == want, 'self-check: ... and in the JIT module, libelf but not LLVM',
        [f'flagged: {got}'] if got != want else [])


LEAK_C = r'''
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
const char *mk_env(const char *name);
void leak(char *d, const char *s, size_t n)
{
	memcpy(d, s, n);
	FILE *f = fopen(s, "r");
	if (f)
		fclose(f);
	fprintf(stderr, "%s %s\n", getenv(s), mk_env(s));
}
'''


def self_check_compiled(tool, cc, rules):
    """The checker flags fopen, getenv and stderr in a real object."""
    with tempfile.TemporaryDirectory() as tmp:
        src, obj = os.path.join(tmp, 'leak.c'), os.path.join(tmp, 'leak.o')
        with open(src, 'w', encoding='utf-8') as f:
            f.write(LEAK_C)
        p = subprocess.run(cc + ['-O0', '-c', src, '-o', obj], capture_output=True, text=True)
        if p.returncode != 0:
            tap(False, f'self-check: cannot compile a test object with {" ".join(cc)}',
                p.stderr.splitlines()[:6])
            return
        undef, defined = parse_nm(nm(tool, obj))
    got = strays(undef, 'runtime', defined, rules)
    need = {'fopen', 'fclose', 'getenv', 'stderr'}
    ok = need <= set(got) and not {'memcpy', 'mk_env'} & set(got)
    tap(ok, 'self-check: an object compiled with fopen, getenv and stderr is flagged',
        [f'flagged: {got}'] if not ok else [])


def check_sets(tool, build, args, rules):
    """Check every object of the three sets; then morph's exports."""
    sets = [('runtime', 'core', args.core), ('runtime', 'morph', args.exe),
            ('jit', 'JIT module', args.module)]
    objs = []  # (scope, object, source, undefined)
    defined = {'runtime': set(), 'jit': set()}
    for scope, label, target in sets:
        found = [(o, s) for o, s in objects_of(build, target) if not is_cli(o, s)]
        tap(len(found) > 0, f'{label}: {len(found)} objects to check in '
            f'{os.path.relpath(target, build)}.p')
        for o, src in found:
            if not os.path.exists(o):
                tap(False, f'{label}: {os.path.relpath(o, build)} is missing (build first)')
                continue
            undef, defs = parse_nm(nm(tool, o))
            defined[scope] |= defs
            objs.append((scope, o, src, undef))
    everywhere = defined['runtime'] | defined['jit']
    for scope, o, src, undef in objs:
        bad = strays(undef, scope, everywhere, rules)
        name = os.path.relpath(o, build) + (f' ({os.path.basename(src)})' if src else '')
        tap(not bad, f'{name}: ' + ('only the layer and pure library calls' if not bad else
                                    'reaches the host: ' + ', '.join(bad)),
            [f'{name}: undefined {s} is not in host_symbols.allow' for s in bad])
    # what the module takes from morph: mk_* and what morph's objects define
    exports = parse_nm(nm(tool, args.exe, '-D', '--defined-only'))[1]
    wanted = set()
    for scope, _, _, undef in objs:
        if scope == 'jit':
            wanted |= {s for s in undef if s not in defined['jit'] and
                       (s.startswith('mk_') or s in defined['runtime'])}
    missing = sorted(wanted - exports)
    tap(not missing, f'morph exports the {len(wanted)} symbols the JIT module takes from it',
        [f'morph does not export {s}' for s in missing])


def main():
    ap = argparse.ArgumentParser()
    for opt in ('--build', '--allow', '--core', '--exe', '--module'):
        ap.add_argument(opt, required=True)
    ap.add_argument('--cc', nargs='+', required=True)
    args = ap.parse_args()
    tool = shutil.which('nm')
    if not tool:
        print('1..1\nnot ok 1 - nm is missing (package binutils)')
        return 1
    try:
        rules = parse_allow(args.allow)
    except ValueError as e:
        print(f'1..1\nnot ok 1 - {e}')
        return 1
    self_check_synthetic(rules)
    self_check_compiled(tool, args.cc, rules)
    check_sets(tool, os.path.abspath(args.build), args, rules)
    print(f'1..{len(results)}')
    for i, (ok, text, notes) in enumerate(results, 1):
        print(f'{"" if ok else "not "}ok {i} - {text}')
        for n in notes:
            print(f'# {n}')
    return 0 if all(r[0] for r in results) else 1


if __name__ == '__main__':
    sys.exit(main())
