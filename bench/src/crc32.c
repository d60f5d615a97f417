/* crc32.c: table-driven CRC-32 over 1 MiB, 8 times. */
#include "bench.h"

static uint32_t table[256];
static uint8_t buf[1 << 20];

uint64_t bench_main(void)
{
	for (uint32_t i = 0; i < 256; i++) {
		uint32_t c = i;
		for (int k = 0; k < 8; k++)
			c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
		table[i] = c;
	}
	for (size_t i = 0; i < sizeof buf; i++)
		buf[i] = (uint8_t)(i * 7 + (i >> 9));
	uint64_t sum = 0;
	for (int round = 0; round < 8; round++) {
		uint32_t crc = 0xffffffffu;
		buf[round] ^= 1;
		for (size_t i = 0; i < sizeof buf; i++)
			crc = table[(crc ^ buf[i]) & 0xff] ^ (crc >> 8);
		sum = sum * 31 + (crc ^ 0xffffffffu);
	}
	return sum;
}
