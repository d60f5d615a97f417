"""tap.py: the TAP output of the Python test programs: numbered results
as they happen, the plan at the end, an exit status that says whether any
failed."""
import sys

_n = 0
_failed = 0


def ok(cond, what):
    """One result: `ok N - what`, or `not ok N - what`."""
    global _n, _failed
    _n += 1
    if not cond:
        _failed += 1
    what = ' '.join(str(what).splitlines())  # one line, whatever it quotes
    print(('ok' if cond else 'not ok') + ' %d - %s' % (_n, what), flush=True)


def skip(what):
    """One skipped result."""
    global _n
    _n += 1
    print('ok %d - # SKIP %s' % (_n, what), flush=True)


def done():
    """Print the plan and exit: 1 if any result failed."""
    print('1..%d' % _n)
    sys.exit(1 if _failed else 0)
