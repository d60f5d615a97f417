#!/usr/bin/env python3
"""TAP tests of several VMs at once (`morph run --vm A --vm B`, --config):
guests of different ISAs run concurrently, each with its own output
(prefixed lines, or a file) and status; one that fails, spins forever or
cannot load stops alone; morph exits with the first failing status.

usage: test_vms.py MORPH PROGS_BUILD_DIR PROGS_SOURCE_DIR CLI_GUEST_DIR SEMIHOST_DIR
"""
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'tools'))
from tap import done, ok  # noqa: E402

MORPH, PROGS, SRC, CLI, SEMI = sys.argv[1:6]


def morph(*args, timeout=120):
    """(status, stdout, stderr, seconds) of one morph run."""
    t = time.time()
    p = subprocess.run([MORPH, 'run'] + list(args), stdin=subprocess.DEVNULL,
                       capture_output=True, timeout=timeout)
    return (p.returncode, p.stdout.decode(errors='replace'),
            p.stderr.decode(errors='replace'), time.time() - t)


def prog(name, isa):
    return os.path.join(PROGS, '%s-%s.elf' % (name, isa))


def golden(name):
    with open(os.path.join(SRC, name + '.out')) as f:
        return f.read()


def lines_of(out, vm):
    """The output lines of one VM, prefix removed, in order."""
    pre = '[%s] ' % vm
    return ''.join(l[len(pre):] + '\n' for l in out.splitlines() if l.startswith(pre))


def check_vms(out, vms, what):
    """Each (vm name, program) printed exactly its program's golden output."""
    for vm, name in vms:
        ok(lines_of(out, vm) == golden(name), '%s: %s printed %s.out' % (what, vm, name))
    known = tuple('[%s] ' % vm for vm, _ in vms)
    ok(all(l.startswith(known) for l in out.splitlines()),
       '%s: every output line carries its VM\'s prefix' % what)


def main():
    if not os.path.exists(prog('demo', 'rv32')):
        print('1..0 # SKIP guest programs not built')
        return 0
    # two VMs of different ISAs
    st, out, err, _ = morph('--vm', prog('demo', 'rv32'), '--vm', prog('crc32', 'arm'))
    ok(st == 0, 'two VMs (rv32, arm): status 0 (%s)' % err.strip()[:200])
    check_vms(out, [('demo-rv32', 'demo'), ('crc32-arm', 'crc32')], 'two VMs')

    # four VMs of four ISAs, plus three that fail on purpose
    bad = os.path.join(tempfile.mkdtemp(), 'notelf.elf')
    with open(bad, 'w') as f:
        f.write('not an ELF file\n')
    good = [('p64', 'printf', 'rv64'), ('i32', 'int64', 'arm'),
            ('rmips', 'recursion', 'mips'), ('mel', 'matmul', 'mipsel')]
    args = []
    for vm, name, isa in good[:2]:
        args += ['--vm', '%s,name=%s' % (prog(name, isa), vm)]
    args += ['--vm', os.path.join(CLI, 'exitcode.elf') + ',name=fail3',
             '--vm', os.path.join(CLI, 'loop.elf') + ',name=spin,timeout=1.5',
             '--vm', bad + ',name=junk',
             '--vm', os.path.join(CLI, 'unmapped.elf') + ',name=wild']
    for vm, name, isa in good[2:]:
        args += ['--vm', '%s,name=%s' % (prog(name, isa), vm)]
    st, out, err, secs = morph(*args)
    ok(st == 3, 'four good VMs and four bad ones: the first failure\'s status (3) (got %s)' % st)
    check_vms(out, [(vm, name) for vm, name, _ in good], 'eight VMs')
    ok('[spin] stopped after its timeout' in err, 'the spinning VM is stopped at its timeout')
    ok('[junk]' in err and 'ELF' in err, 'the VM that cannot load says why: %s' %
       ' | '.join(l for l in err.splitlines() if '[junk]' in l)[:160])
    ok('[wild] error: guest is stuck in a trap loop' in err, 'the wild VM stops alone')
    ok(secs < 30, 'all done in %.1f s (the others did not wait for the spinner)' % secs)

    # the statuses, in order: timeout 6 when it is first
    st, out, err, _ = morph('--vm', os.path.join(CLI, 'loop.elf') + ',timeout=0.5',
                            '--vm', os.path.join(CLI, 'exitcode.elf'),
                            '--vm', prog('sort', 'rv64'))
    ok(st == 6, 'a timed-out first VM gives status 6 (got %s)' % st)
    ok(lines_of(out, 'sort-rv64') == golden('sort'), 'the VM after it still ran to the end')

    # console=FILE, config file
    d = tempfile.mkdtemp()
    con = os.path.join(d, 'arm.txt')
    cfg = os.path.join(d, 'vms.conf')
    with open(cfg, 'w') as f:
        f.write('# two guests\n\nvm %s name=a   # comment\nvm %s console=%s engine=interp\n'
                % (prog('strings', 'rv32'), prog('sieve', 'arm'), con))
    st, out, err, _ = morph('--config', cfg)
    ok(st == 0, '--config: status 0 (%s)' % err.strip()[:200])
    ok(lines_of(out, 'a') == golden('strings'), '--config: VM a printed strings.out')
    with open(con) as f:
        ok(f.read() == golden('sieve'), 'console=FILE: the file holds the VM\'s output, no prefix')
    ok(all(l.startswith('[a] ') for l in out.splitlines()), 'console=FILE: nothing on stdout')

    # the guests' semihosting stderr: on morph's stderr, prefixed per VM,
    # even for a VM whose console goes to a file
    sh = [os.path.join(SEMI, 'semihost-%s-morph_only.elf' % isa) for isa in ('rv64', 'arm')]
    if all(os.path.exists(f) for f in sh):
        st, out, err, _ = morph('--semihosting', '--vm', sh[0] + ',name=x',
                                '--vm', sh[1] + ',name=y,console=' + con)
        ok(st == 0 and '[x] to stderr\n' in err and '[y] to stderr\n' in err,
           'semihosting stderr: prefixed per VM on stderr (%s)' % err.strip()[:200])
        bare = [l for l in err.splitlines() if not l.startswith(('[x] ', '[y] '))]
        ok(not any('stderr' in l for l in bare),
           'semihosting stderr: no line without its VM\'s prefix')
        with open(con) as f:
            ok('to stderr' not in f.read() and '[x] to stderr' not in out,
               'semihosting stderr: neither in the console file nor on stdout')
    else:
        ok(False, 'semihost morph_only guests missing: %s' % ', '.join(sh))

    # usage errors: exit 2, one line
    with open(cfg, 'w') as f:
        f.write('vm %s\nvmm x.elf\n' % prog('sort', 'rv32'))
    st, _, err, _ = morph('--config', cfg)
    ok(st == 2 and (cfg + ':2: ') in err, 'bad config line: status 2, file:line (%s)' %
       err.strip()[:160])
    st, _, err, _ = morph('--vm', prog('sort', 'rv32') + ',colour=red')
    ok(st == 2 and 'colour=red' in err, 'unknown --vm key: status 2')
    st, _, err, _ = morph('--vm', prog('sort', 'rv32'), prog('sort', 'rv64'))
    ok(st == 2 and 'do not mix' in err, 'a guest file beside --vm: status 2')
    st, _, err, _ = morph('--config', os.path.join(d, 'missing.conf'))
    ok(st == 2 and 'missing.conf' in err, 'missing config file: status 2')
    done()


sys.exit(main())
