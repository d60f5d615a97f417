/* rt_num.h: the one strict parser of unsigned numbers on command lines,
 * shared by morph's options and morphgen's -D values (header-only: the
 * build tool and the runtime link no code in common). */
#ifndef RT_NUM_H
#define RT_NUM_H

#include <stdint.h>

/* Parse s as decimal digits, or 0x and hex digits (leading zeros stay
 * decimal); no sign, space or suffix; at most max. 0 with *v, or -1. */
static inline int rt_parse_uint(const char *s, uint64_t max, uint64_t *v)
{
	unsigned base = 10;
	uint64_t x = 0;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	if (!*s)
		return -1;
	for (; *s; s++) {
		char c = *s;
		unsigned d = c >= '0' && c <= '9' ? (unsigned)(c - '0')
		             : (c | 0x20) >= 'a' && (c | 0x20) <= 'f'
		                     ? (unsigned)((c | 0x20) - 'a' + 10)
		                     : 16;
		if (d >= base || d > max || x > (max - d) / base)
			return -1;
		x = x * base + d;
	}
	*v = x;
	return 0;
}

#endif /* RT_NUM_H */
