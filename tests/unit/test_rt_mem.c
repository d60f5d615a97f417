/* test_rt_mem.c: guest memory access (runtime/rt_mem.h, rt_load/rt_store):
 * range checks at RAM edges and address-space wrap, byte order, misaligned
 * accesses, MMIO dispatch by address and device window edges. */
#include <inttypes.h>

#include "rt_tap.h"
#include "toy_guest.h"

/* A load's outcome: 0 ok, 1 faulted (with the fault's cause in *cause). */
static int ld(rt_cpu *c, uint64_t a, unsigned n, uint64_t *v)
{
	c->trapped = 0;
	c->r[T_CAUSE] = 99;
	return rt_ld(c, a, n, v);
}

static void test_ram(const rt_guest *g)
{
	rt_cpu *c = toy_new(g, NULL, 0);
	uint64_t v = 0;
	const uint64_t end = TOY_RAM + TOY_RAM_SIZE;
	int be = g->big_endian;
	TAP_OK(rt_st(c, TOY_RAM, 8, 0x1122334455667788ull) == 0, "%s: store 8 at RAM start",
	       g->name);
	TAP_OK(c->ram[0] == (be ? 0x11 : 0x88) && c->ram[7] == (be ? 0x88 : 0x11),
	       "%s: guest byte order in RAM", g->name);
	TAP_OK(ld(c, TOY_RAM + 1, 4, &v) == 0 && v == (be ? 0x22334455u : 0x44556677u),
	       "%s: misaligned 4-byte load (0x%" PRIx64 ")", g->name, v);
	TAP_OK(ld(c, TOY_RAM + 6, 2, &v) == 0 && v == (be ? 0x7788u : 0x1122u), "%s: 2-byte load",
	       g->name);
	TAP_OK(ld(c, TOY_RAM + 7, 1, &v) == 0 && v == (be ? 0x88u : 0x11u), "%s: 1-byte load",
	       g->name);
	TAP_OK(rt_st(c, end - 8, 8, 42) == 0 && ld(c, end - 8, 8, &v) == 0 && v == 42,
	       "%s: last 8 bytes of RAM", g->name);
	TAP_OK(ld(c, end - 4, 8, &v) == 1 && c->r[T_CAUSE] == 5 && c->r[T_TVAL] == end - 4,
	       "%s: load straddling RAM end faults", g->name);
	TAP_OK(rt_st(c, end - 1, 2, 0) == 1 && c->r[T_CAUSE] == 7,
	       "%s: store straddling RAM end faults", g->name);
	TAP_OK(ld(c, TOY_RAM - 1, 1, &v) == 1, "%s: byte below RAM faults", g->name);
	TAP_OK(ld(c, UINT64_MAX - 3, 8, &v) == 1 && rt_st(c, UINT64_MAX, 1, 0) == 1,
	       "%s: accesses at the top of the address space fault (no wrap)", g->name);
	TAP_OK(rt_load(c, TOY_RAM, 8, &v) == 0 && v == 0x1122334455667788ull,
	       "%s: rt_load slow path on RAM", g->name);
	TAP_OK(rt_store(c, TOY_RAM + 8, 4, 0xdeadbeef) == 0 && ld(c, TOY_RAM + 8, 4, &v) == 0 &&
	               v == 0xdeadbeef,
	       "%s: rt_store slow path on RAM", g->name);
	toy_free(c);
}

static void test_mmio(void)
{
	rt_cpu *c = toy_new(&toy_guest, NULL, 0);
	uint64_t v = 0;
	TAP_OK(ld(c, 0x1000, 4, &v) == 0 && v == 0x1234, "MMIO read of the first device");
	TAP_OK(ld(c, 0x20fc, 4, &v) == 0 && v == 0x1234 + 0xfc, "MMIO read at the end of a window");
	TAP_OK(ld(c, 0x30ff, 1, &v) == 0 && v == ((0x1234 + 0xff) & 0xff),
	       "MMIO byte read is truncated to a byte");
	TAP_OK(ld(c, 0x20fe, 4, &v) == 1 && c->r[T_CAUSE] == 5,
	       "MMIO read straddling a window end faults");
	TAP_OK(ld(c, 0x2100, 4, &v) == 1, "between windows faults");
	TAP_OK(ld(c, 0xfff, 1, &v) == 1 && ld(c, 0x3100, 1, &v) == 1,
	       "just outside the first and last windows");
	TAP_OK(rt_st(c, 0x3008, 2, 0x12345) == 0 && tdev_last_off == 8 && tdev_last_val == 0x2345,
	       "MMIO store: offset in the window, value truncated to the width");
	TAP_OK(c->m->mmio_accesses >= 4, "MMIO accesses counted");
	TAP_OK(rt_machine_find_dev(c->m, 0x2000, 1) &&
	               !strcmp(rt_machine_find_dev(c->m, 0x2000, 1)->desc->name, "dev_b"),
	       "dispatch finds devices in an unsorted board description");
	toy_free(c);
}

int main(void)
{
	test_ram(&toy_guest);
	test_ram(&toy_be_guest);
	test_mmio();
	return tap_done();
}
