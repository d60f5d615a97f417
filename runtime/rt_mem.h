/* rt_mem.h: guest memory access with an inline RAM fast path.
 *
 * Generated interpreters call rt_ld()/rt_st(). An access that lies wholly in
 * RAM is a range check plus a host load/store at cpu->ram + offset (guest
 * byte order, any alignment); anything else goes to rt_load()/rt_store()
 * (MMIO dispatch through the board, or a guest access fault). A store into a
 * line of RAM whose code is cached (cpu->code_map) invalidates that code.
 */
#ifndef RT_MEM_H
#define RT_MEM_H

#include <stdint.h>
#include <string.h>

#include "rt_guest.h"

/* Granule of the code map: stores are checked against 64-byte lines. */
#define RT_CODE_LINE_SHIFT 6

/* Drop cached code overlapping RAM offsets [off, off + bytes) (rt_cpu.c). */
void rt_code_written(rt_cpu *cpu, uint64_t off, unsigned bytes);

/* Byte-swap the low `bytes` bytes of v. */
static inline uint64_t rt_bswap(uint64_t v, unsigned bytes)
{
	switch (bytes) {
	case 2: return __builtin_bswap16((uint16_t)v);
	case 4: return __builtin_bswap32((uint32_t)v);
	case 8: return __builtin_bswap64(v);
	default: return v & 0xff;
	}
}

/* Host value of `bytes` bytes at p (host order, unaligned OK). */
static inline uint64_t rt_host_get(const uint8_t *p, unsigned bytes)
{
	switch (bytes) {
	case 1: return *p;
	case 2: {
		uint16_t v;
		memcpy(&v, p, 2);
		return v;
	}
	case 4: {
		uint32_t v;
		memcpy(&v, p, 4);
		return v;
	}
	default: {
		uint64_t v;
		memcpy(&v, p, 8);
		return v;
	}
	}
}

/* Store the low `bytes` bytes of v at p (host order, unaligned OK). */
static inline void rt_host_put(uint8_t *p, unsigned bytes, uint64_t v)
{
	switch (bytes) {
	case 1: *p = (uint8_t)v; break;
	case 2: {
		uint16_t x = (uint16_t)v;
		memcpy(p, &x, 2);
		break;
	}
	case 4: {
		uint32_t x = (uint32_t)v;
		memcpy(p, &x, 4);
		break;
	}
	default: memcpy(p, &v, 8); break;
	}
}

/* The parcel (pb bytes, guest byte order) at RAM offset off. */
static inline uint32_t rt_parcel(const rt_cpu *cpu, uint64_t off, unsigned pb)
{
	uint64_t v = rt_host_get(cpu->ram + off, pb);
	return (uint32_t)(cpu->swap ? rt_bswap(v, pb) : v);
}

/* The len-byte instruction word at RAM offset off (wholly in RAM): its
 * parcels joined in the guest's order (the first most significant on a
 * big-endian guest). */
static inline uint32_t rt_insn_word(const rt_cpu *cpu, uint64_t off, unsigned len)
{
	unsigned pb = cpu->g->parcel_bytes;
	uint32_t w = rt_parcel(cpu, off, pb);
	for (unsigned i = pb; i < len; i += pb) {
		uint32_t p = rt_parcel(cpu, off + i, pb);
		w = cpu->g->big_endian ? (w << (8 * pb)) | p : w | (p << (8 * i));
	}
	return w;
}

/* Offset of [addr, addr + bytes) in RAM, or UINT64_MAX if not wholly in RAM.
 * Written so that addr + bytes never overflows. */
static inline uint64_t rt_ram_off(const rt_cpu *cpu, uint64_t addr, unsigned bytes)
{
	uint64_t off = addr - cpu->ram_base;
	if (rt_likely(off < cpu->ram_size && bytes <= cpu->ram_size - off))
		return off;
	return UINT64_MAX;
}

/* Load `bytes` (1/2/4/8) at guest address addr into *val (zero-extended).
 * Returns 0, or 1 after raising the load fault. */
static inline int rt_ld(rt_cpu *cpu, uint64_t addr, unsigned bytes, uint64_t *val)
{
	uint64_t off = rt_ram_off(cpu, addr, bytes);
	if (rt_likely(off != UINT64_MAX)) {
		uint64_t v = rt_host_get(cpu->ram + off, bytes);
		*val = rt_unlikely(cpu->swap) ? rt_bswap(v, bytes) : v;
		return 0;
	}
	return rt_load(cpu, addr, bytes, val);
}

/* Store the low `bytes` (1/2/4/8) of val at guest address addr.
 * Returns 0, or 1 after raising the store fault. */
static inline int rt_st(rt_cpu *cpu, uint64_t addr, unsigned bytes, uint64_t val)
{
	uint64_t off = rt_ram_off(cpu, addr, bytes);
	if (rt_likely(off != UINT64_MAX)) {
		const uint8_t *cm = cpu->code_map;
		if (rt_unlikely(cm[off >> RT_CODE_LINE_SHIFT] |
		                cm[(off + bytes - 1) >> RT_CODE_LINE_SHIFT]))
			rt_code_written(cpu, off, bytes);
		rt_host_put(cpu->ram + off, bytes,
		            rt_unlikely(cpu->swap) ? rt_bswap(val, bytes) : val);
		return 0;
	}
	return rt_store(cpu, addr, bytes, val);
}

#endif /* RT_MEM_H */
