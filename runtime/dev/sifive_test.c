/* sifive_test.c: device server of desc/hw/sifive_test.hw, the SiFive test
 * finisher: the guest powers the machine off with a pass or fail code. */
#include <stdio.h>

#include "dev_sifive_test_regs.h"
#include "rt_board.h"
#include "rt_machine.h"

enum { FINISHER_FAIL = 0x3333, FINISHER_PASS = 0x5555, FINISHER_RESET = 0x7777 };

/* Start the server (no state). */
int dev_sifive_test_init(dev_sifive_test *d)
{
	return 0;
}

/* Stop the server. */
void dev_sifive_test_fini(dev_sifive_test *d)
{
}

/* A fail with code 0 exits 1 (with a line saying why), where QEMU exits
 * 0: a guest whose stores are 16 bits wide can only write 0x3333, and a
 * failure must never read as a pass. */
static void fail_zero(rt_machine *m)
{
	rt_machine_exit(m, 1);
	if (m->cpu && m->cpu->exit_code == 1)
		snprintf(m->cpu->msg, sizeof m->cpu->msg,
		         "guest reported failure through the finisher with code 0; exit status 1");
}

/* A write at offset 0: pass, fail with code value >> 16 (1 for code 0),
 * or reset. Other values are ignored, as QEMU does. */
void dev_sifive_test_finish(dev_sifive_test *d, uint64_t val)
{
	rt_machine *m = d->dev.m;
	uint16_t code = (uint16_t)(val >> 16);
	switch (val & 0xffff) {
	case FINISHER_PASS: rt_machine_exit(m, 0); break;
	case FINISHER_FAIL:
		if (code)
			rt_machine_exit(m, code);
		else
			fail_zero(m);
		break;
	case FINISHER_RESET:
		rt_machine_exit(m, 0);
		if (m->cpu)
			snprintf(m->cpu->msg, sizeof m->cpu->msg,
			         "guest asked the finisher for a reset; treated as exit 0");
		break;
	default: break;
	}
}
