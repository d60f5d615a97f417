#!/usr/bin/env python3
"""TAP tests of console input: interrupt-driven UART input (echo.elf sleeps
in wfi and echoes what each receive interrupt brings), Ctrl-A escapes, and
raw terminal mode on a pseudo-terminal, restored on every way out.

usage: test_console.py MORPH CLI_GUEST_DIR
"""
import os
import pty
import signal
import subprocess
import sys
import termios
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'tools'))
from tap import done, ok  # noqa: E402

MORPH, GDIR = sys.argv[1], sys.argv[2]
ECHO, LOOP, HELLO = (os.path.join(GDIR, g + '.elf') for g in ('echo', 'loop', 'hello'))


def piped(data, guest=ECHO):
    """Run guest with data on a pipe: (status, stdout bytes, stderr)."""
    p = subprocess.run([MORPH, 'run', guest], input=data, capture_output=True, timeout=60)
    return p.returncode, p.stdout, p.stderr.decode(errors='replace')


def raw(attrs):
    """Is a termios attribute list raw (no echo, no canonical mode, no signals)?"""
    lflag = attrs[3]
    return not (lflag & (termios.ECHO | termios.ICANON | termios.ISIG))


def on_pty(guest, action):
    """Run guest with a pseudo-terminal as stdin; action(master, proc) drives
    it. Returns (status, terminal attributes before, during, after)."""
    master, slave = pty.openpty()
    before = termios.tcgetattr(slave)
    p = subprocess.Popen([MORPH, 'run', guest], stdin=slave, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE)
    during = before
    for _ in range(500):  # wait until morph took the terminal
        during = termios.tcgetattr(slave)
        if raw(during) or p.poll() is not None:
            break
        time.sleep(0.01)
    action(master, p)
    try:
        p.wait(timeout=30)
    except subprocess.TimeoutExpired:
        p.kill()
        p.wait()
    after = termios.tcgetattr(slave)
    os.close(master)
    os.close(slave)
    return p.returncode, before, during, after


def main():
    if not os.path.exists(ECHO):
        print('1..0 # SKIP guests not built')
        return 0
    st, out, err = piped(b'hello, world\nq')
    ok(st == 0 and out == b'hello, world\n', 'receive interrupts bring the input; q exits 0 '
       '(%r, %s)' % (out[:40], st))
    st, out, err = piped(b'abc')
    ok(st == 5 and out == b'abc' and 'never come' in err,
       'end of input with the guest in wfi: nothing can wake it, exit 5')
    big = bytes((i % 16) + 97 for i in range(20000))  # a..p: no q
    st, out, err = piped(big + b'q')
    ok(st == 0 and out == big, '20000 bytes of input, none lost (%d echoed)' % len(out))
    st, out, err = piped(b'xyz\x01xmore')
    ok(st == 0 and out == b'xyz' and 'terminated by Ctrl-A x' in err,
       'Ctrl-A x quits (exit 0, a message), after the input before it')
    st, out, err = piped(b'a\x01\x01b\x01h\x01x')
    ok(out == b'a\x01b' and 'C-a x' in err, 'Ctrl-A Ctrl-A sends one Ctrl-A; Ctrl-A h lists the '
       'escapes')

    def send(master, p):
        os.write(master, b'hi\r\x01x')
    st, before, during, after = on_pty(ECHO, send)
    ok(raw(during), 'on a terminal: raw mode while the guest runs')
    ok(st == 0 and after == before, 'Ctrl-A x: terminal restored (status %s)' % st)

    def term(master, p):
        time.sleep(0.2)
        p.send_signal(signal.SIGTERM)
    st, before, during, after = on_pty(LOOP, term)
    ok(raw(during) and st == -signal.SIGTERM and after == before,
       'killed by SIGTERM: terminal restored (status %s)' % st)

    st, before, during, after = on_pty(HELLO, lambda m, p: None)
    ok(st == 0 and after == before, 'a guest that exits by itself: terminal restored')
    done()


sys.exit(main())
