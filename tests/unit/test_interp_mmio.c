/* test_interp_mmio.c: TAP test of the MMIO dispatch morphgen generates for
 * a device (golden/toy_dev.hw): exact hits, narrower and wider accesses
 * composed little-endian from several registers, merges into storage
 * registers, handlers called once with the written bytes in place, read-only
 * and missing registers, and the field/irq macros. */
#include <stdio.h>

#include "dev_toydev_regs.h"
#include "rt_tap.h"

static uint64_t written[8];
static int nwrite, nread;

/* The handlers and hooks a device server would implement. */
uint64_t dev_toydev_data_rd(dev_toydev *d)
{
	(void)d;
	nread++;
	return 0xa1b2c3d4;
}

void dev_toydev_data_wr(dev_toydev *d, uint64_t v)
{
	(void)d;
	if (nwrite < 8)
		written[nwrite] = v;
	nwrite++;
}

int dev_toydev_init(dev_toydev *d)
{
	(void)d;
	return 0;
}

void dev_toydev_fini(dev_toydev *d)
{
	(void)d;
}

int main(void)
{
	dev_toydev t = {0};
	rt_dev *d = &t.dev;

	ok(dev_toydev_gen_init(d) == 0 && t.regs.ctl == 0x11223344 &&
	           t.regs.big == 0x0102030405060708ull,
	   "init resets the rw registers");
	ok(dev_toydev_mmio_read(d, 0, 4) == 0x11223344, "exact read of a rw register");
	ok(dev_toydev_mmio_read(d, 1, 1) == 0x33 && dev_toydev_mmio_read(d, 2, 2) == 0x1122,
	   "narrower reads take the register's bytes");
	dev_toydev_mmio_write(d, 1, 1, 0xff);
	ok(t.regs.ctl == 0x1122ff44, "a narrower write merges into storage");
	dev_toydev_mmio_write(d, 0, 8, 0x9988776655443322ull);
	ok(t.regs.ctl == 0x55443322 && nwrite == 1 && written[0] == 0x99887766,
	   "a wider write is split over two registers");
	nread = 0;
	ok(dev_toydev_mmio_read(d, 0, 8) == 0xa1b2c3d455443322ull && nread == 1,
	   "a wider read composes two registers, the handler runs once");
	nread = 0;
	ok(dev_toydev_mmio_read(d, 5, 2) == 0xb2c3 && nread == 1, "a narrower handler read");
	nwrite = 0;
	dev_toydev_mmio_write(d, 6, 1, 0x77);
	ok(nwrite == 1 && written[0] == 0x770000,
	   "a narrower handler write has its bytes in place");
	ok(dev_toydev_mmio_read(d, 8, 2) == 0xbeef && dev_toydev_mmio_read(d, 8, 4) == 0xbeef &&
	           dev_toydev_mmio_read(d, 9, 1) == 0xbe,
	   "ro reads give the reset value");
	dev_toydev_mmio_write(d, 8, 2, 0);
	ok(dev_toydev_mmio_read(d, 8, 2) == 0xbeef, "ro writes are ignored");
	ok(dev_toydev_mmio_read(d, 0x100, 4) == 0 &&
	           dev_toydev_mmio_read(d, UINT64_MAX - 2, 4) == 0,
	   "offsets without a register read 0");
	ok(dev_toydev_mmio_read(d, 0x14, 4) == 0x01020304 &&
	           dev_toydev_mmio_read(d, 0x10, 8) == 0x0102030405060708ull,
	   "64-bit register, both halves");
	dev_toydev_mmio_write(d, 0x14, 4, 0xdeadbeef);
	ok(t.regs.big == 0xdeadbeef05060708ull, "a half write merges into a 64-bit register");
	ok(dev_toydev_mmio_read(d, 0xc, 8) == 0x0506070800000000ull, "a read across a gap");
	ok(DEV_TOYDEV_CTL_MODE_MASK == 0xf0 && DEV_TOYDEV_CTL_MODE_SHIFT == 4 &&
	           DEV_TOYDEV_CTL_EN_MASK == 1 && DEV_TOYDEV_IRQ_B == 1 && DEV_TOYDEV_NIRQS == 2 &&
	           DEV_TOYDEV_DATA_OFFSET == 4,
	   "field, offset and irq macros");
	dev_toydev_gen_fini(d);
	return tap_done();
}
