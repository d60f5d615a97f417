/* clint.c: device server of desc/hw/clint.hw, one hart's CLINT.
 *
 * mtime = guest time at 10 MHz (100 ns per tick) plus an offset that writes
 * to mtime set. mtip follows mtime >= mtimecmp: it is re-evaluated on every
 * mtimecmp/mtime write and, through a device timer armed for the deadline,
 * when time catches up. */
#include <stdlib.h>

#include "dev_clint_regs.h"
#include "rt_board.h"

#define NS_PER_TICK 100u

typedef struct clint {
	uint64_t cmp;    /* mtimecmp */
	uint64_t offset; /* mtime - time_ns / 100 (mod 2^64) */
	uint32_t msip;
	int armed; /* mtimecmp was written since reset */
} clint;

static void update(rt_dev *dev);

/* Server state of d. */
static clint *C(dev_clint *d)
{
	return d->dev.priv;
}

/* mtime now. */
static uint64_t mtime(dev_clint *d)
{
	return rt_machine_time_ns(d->dev.m) / NS_PER_TICK + C(d)->offset;
}

/* Set mtip from mtime >= mtimecmp and arm a timer for the crossing. */
static void update(rt_dev *dev)
{
	dev_clint *d = (dev_clint *)dev;
	clint *c = C(d);
	if (!c->armed) {
		rt_dev_irq(dev, DEV_CLINT_IRQ_MTIP, 0);
		return;
	}
	uint64_t now = mtime(d);
	if (now >= c->cmp) {
		rt_dev_irq(dev, DEV_CLINT_IRQ_MTIP, 1);
		rt_dev_timer(dev, UINT64_MAX, NULL);
		return;
	}
	rt_dev_irq(dev, DEV_CLINT_IRQ_MTIP, 0);
	uint64_t ticks = c->cmp - now;
	uint64_t t = rt_machine_time_ns(d->dev.m);
	if (ticks > (UINT64_MAX - t) / NS_PER_TICK / 2) /* centuries away: never */
		rt_dev_timer(dev, UINT64_MAX, NULL);
	else
		rt_dev_timer(dev, t + ticks * NS_PER_TICK, update);
}

/* Start the server. */
int dev_clint_init(dev_clint *d)
{
	clint *c = calloc(1, sizeof *c);
	if (!c)
		return -1;
	d->dev.priv = c;
	return 0;
}

/* Stop the server. */
void dev_clint_fini(dev_clint *d)
{
	free(d->dev.priv);
	d->dev.priv = NULL;
}

/* msip: bit 0 is the software interrupt. */
uint64_t dev_clint_msip_read(dev_clint *d)
{
	return C(d)->msip;
}

/* msip bit 0 drives the software interrupt line. */
void dev_clint_msip_write(dev_clint *d, uint64_t val)
{
	C(d)->msip = (uint32_t)(val & 1);
	rt_dev_irq(&d->dev, DEV_CLINT_IRQ_MSIP, (int)(val & 1));
}

/* Replace 32 bits of a 64-bit value (hi = upper half). */
static uint64_t set_half(uint64_t v, int hi, uint64_t half)
{
	half &= 0xffffffffu;
	return hi ? (v & 0xffffffffu) | half << 32 : (v & ~(uint64_t)0xffffffffu) | half;
}

/* mtimecmp, low half. */
uint64_t dev_clint_mtimecmp_lo_read(dev_clint *d)
{
	return C(d)->cmp & 0xffffffffu;
}

/* mtimecmp, high half. */
uint64_t dev_clint_mtimecmp_hi_read(dev_clint *d)
{
	return C(d)->cmp >> 32;
}

/* Write mtimecmp's low half; re-evaluates mtip. */
void dev_clint_mtimecmp_lo_write(dev_clint *d, uint64_t val)
{
	C(d)->cmp = set_half(C(d)->cmp, 0, val);
	C(d)->armed = 1;
	update(&d->dev);
}

/* Write mtimecmp's high half; re-evaluates mtip. */
void dev_clint_mtimecmp_hi_write(dev_clint *d, uint64_t val)
{
	C(d)->cmp = set_half(C(d)->cmp, 1, val);
	C(d)->armed = 1;
	update(&d->dev);
}

/* mtime, low half. */
uint64_t dev_clint_mtime_lo_read(dev_clint *d)
{
	return mtime(d) & 0xffffffffu;
}

/* mtime, high half. */
uint64_t dev_clint_mtime_hi_read(dev_clint *d)
{
	return mtime(d) >> 32;
}

/* Set mtime's low half (by moving the offset); re-evaluates mtip. */
void dev_clint_mtime_lo_write(dev_clint *d, uint64_t val)
{
	uint64_t t = rt_machine_time_ns(d->dev.m) / NS_PER_TICK;
	C(d)->offset = set_half(t + C(d)->offset, 0, val) - t;
	update(&d->dev);
}

/* Set mtime's high half; re-evaluates mtip. */
void dev_clint_mtime_hi_write(dev_clint *d, uint64_t val)
{
	uint64_t t = rt_machine_time_ns(d->dev.m) / NS_PER_TICK;
	C(d)->offset = set_half(t + C(d)->offset, 1, val) - t;
	update(&d->dev);
}
