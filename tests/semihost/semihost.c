/* semihost.c: a bare-metal guest that reaches the host only through
 * ARM-compatible semihosting (RISC-V: slli/ebreak/srai; ARM: svc 0x123456).
 *
 * Built in variants (-DEXIT_KIND=...) that differ only in how they end:
 *   0  SYS_EXIT, ADP_Stopped_ApplicationExit            -> status 0
 *   1  SYS_EXIT, ADP_Stopped_RunTimeErrorUnknown        -> status 1
 *   2  SYS_EXIT_EXTENDED, ApplicationExit, code 42      -> status 42
 *   3  SYS_EXIT {ApplicationExit, 7}: 64-bit guests pass a block and exit 7;
 *      32-bit guests pass the reason only and exit 0
 * -DMORPH_ONLY adds checks whose answers differ from QEMU's by design (host
 * files are refused, bad pointers fail cleanly).
 */
#include <stdint.h>

typedef uintptr_t word;

#define SYS_OPEN          0x01
#define SYS_CLOSE         0x02
#define SYS_WRITEC        0x03
#define SYS_WRITE0        0x04
#define SYS_WRITE         0x05
#define SYS_READ          0x06
#define SYS_READC         0x07
#define SYS_ISERROR       0x08
#define SYS_ISTTY         0x09
#define SYS_FLEN          0x0c
#define SYS_CLOCK         0x10
#define SYS_TIME          0x11
#define SYS_ERRNO         0x13
#define SYS_GET_CMDLINE   0x15
#define SYS_HEAPINFO      0x16
#define SYS_EXIT          0x18
#define SYS_EXIT_EXTENDED 0x20
#define SYS_ELAPSED       0x30
#define SYS_TICKFREQ      0x31

#define APP_EXIT      0x20026u
#define RUNTIME_ERROR 0x20023u

/* One semihosting call (crt0_<arch>.S: RISC-V slli/ebreak/srai, ARM svc
 * 0x123456): op in a0/r0, parameter in a1/r1, result in a0/r0. */
word sh(word op, word arg);

static word len(const char *s)
{
	word n = 0;
	while (s[n])
		n++;
	return n;
}

static void say(const char *s)
{
	sh(SYS_WRITE0, (word)s);
}

static void check(int cond, const char *what)
{
	say(what);
	say(cond ? ": ok\n" : ": FAILED\n");
}

static void putdec(unsigned long v)
{
	char buf[24];
	int i = sizeof buf - 1;
	buf[i] = 0;
	do {
		buf[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	say(buf + i);
}

static word sh_open(const char *name, word mode)
{
	volatile word blk[3] = {(word)name, mode, len(name)};
	return sh(SYS_OPEN, (word)blk);
}

static word sh_write(word h, const char *p, word n)
{
	volatile word blk[3] = {h, (word)p, n};
	return sh(SYS_WRITE, (word)blk);
}

static volatile unsigned long sink;

int main(void)
{
	char c = 'H';
	sh(SYS_WRITEC, (word)&c);
	c = 'i';
	sh(SYS_WRITEC, (word)&c);
	c = '\n';
	sh(SYS_WRITEC, (word)&c);
	say("write0: hello through semihosting\n");

	word tt = sh_open(":tt", 4);
	check(tt != (word)-1, "open :tt for writing");
	const char *msg = "write: twenty-six bytes.\n";
	check(sh_write(tt, msg, len(msg)) == 0, "write to :tt");
	volatile word hb[1] = {tt};
	word it = sh(SYS_ISTTY, (word)hb);
	check(it == 0 || it == 1, "istty answers"); /* QEMU 7.2 says 0, Morph 1 */
	volatile word eb[1] = {(word)-5};
	check(sh(SYS_ISERROR, (word)eb) != 0, "iserror(-5)");
	eb[0] = 5;
	check(sh(SYS_ISERROR, (word)eb) == 0, "iserror(5)");

	word c0 = sh(SYS_CLOCK, 0);
	for (unsigned long i = 0; i < 200000; i++)
		sink += i;
	word c1 = sh(SYS_CLOCK, 0);
	check(c0 != (word)-1 && c1 >= c0 && c1 < 100 * 60, "clock (centiseconds) plausible");
	word t = sh(SYS_TIME, 0);
	check(t > 1600000000u, "time after 2020");
	word f = sh(SYS_TICKFREQ, 0);
	check(f != 0 && f != (word)-1, "tickfreq");
	volatile uint32_t el[2] = {0, 0};
	check(sh(SYS_ELAPSED, (word)el) == 0 && (el[0] | el[1]) != 0, "elapsed");
	volatile word hi[4] = {0, 0, 0, 0};
	volatile word hp[1] = {(word)hi};
	check(sh(SYS_HEAPINFO, (word)hp) == 0 && hi[0] <= hi[1] && hi[0] != 0, "heapinfo");
	char cmd[256];
	volatile word cb[2] = {(word)cmd, sizeof cmd};
	check(sh(SYS_GET_CMDLINE, (word)cb) == 0 && cb[1] < sizeof cmd, "get_cmdline");
	check(sh(SYS_CLOSE, (word)hb) == 0, "close");

	word ff = sh_open(":semihosting-features", 0);
	volatile word fb[3] = {ff, 0, 0};
	check(ff != (word)-1 && sh(SYS_FLEN, (word)fb) == 5, "feature file has 5 bytes");
	unsigned char feat[8] = {0};
	fb[1] = (word)feat;
	fb[2] = 8;
	check(sh(SYS_READ, (word)fb) == 3 && feat[0] == 'S' && feat[1] == 'H' && feat[2] == 'F' &&
	              feat[3] == 'B',
	      "feature file reads SHFB");
	say((feat[4] & 1) ? "feature: exit extended\n" : "feature: no exit extended\n");
	say((feat[4] & 2) ? "feature: stdout/stderr\n" : "feature: no stdout/stderr\n");
	fb[0] = ff;
	sh(SYS_CLOSE, (word)fb);

#ifdef MORPH_ONLY
	check(sh_open("/etc/passwd", 0) == (word)-1, "host files are refused");
	check(sh(SYS_ERRNO, 0) != 0, "errno set");
	check(sh(SYS_WRITE0, 0x10) == (word)-1, "write0 of a bad pointer fails");
	check(sh(SYS_WRITE, 0x10) == (word)-1, "write with a bad block fails");
	check(sh_write(99, "x", 1) == (word)-1, "write to a bad handle fails");
	check(sh(0x77, 0) == (word)-1, "unknown operation fails");
	check(sh(SYS_READC, 0) == (word)-1, "readc at the end of input");
	word in = sh_open(":tt", 0);
	char ib[4];
	volatile word rb[3] = {in, (word)ib, sizeof ib};
	check(sh(SYS_READ, (word)rb) == sizeof ib, "read at the end of input reads nothing");
	check(sh_open(":semihosting-features", 4) == (word)-1, "feature file is read-only");
	word e = sh_open(":tt", 8);
	check(sh_write(e, "to stderr\n", 10) == 0, "write to :tt for appending (stderr)");
#endif

	say("exiting: ");
	putdec(EXIT_KIND);
	say("\n");
#if EXIT_KIND == 0
	if (sizeof(word) == 8) {
		volatile word b[2] = {APP_EXIT, 0};
		sh(SYS_EXIT, (word)b);
	} else {
		sh(SYS_EXIT, APP_EXIT);
	}
#elif EXIT_KIND == 1
	if (sizeof(word) == 8) {
		volatile word b[2] = {RUNTIME_ERROR, 0};
		sh(SYS_EXIT, (word)b);
	} else {
		sh(SYS_EXIT, RUNTIME_ERROR);
	}
#elif EXIT_KIND == 2
	volatile word b[2] = {APP_EXIT, 42};
	sh(SYS_EXIT_EXTENDED, (word)b);
#else
	if (sizeof(word) == 8) {
		volatile word b[2] = {APP_EXIT, 7};
		sh(SYS_EXIT, (word)b);
	} else {
		sh(SYS_EXIT, APP_EXIT);
	}
#endif
	say("still running after exit\n");
	return 99;
}
