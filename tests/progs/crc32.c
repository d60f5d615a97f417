/* CRC-32 (IEEE 802.3, reflected, poly 0xEDB88320) computed bit by bit and
 * with a 256-entry table, plus Adler-32, over standard check strings and a
 * 64 KiB pseudo-random buffer. */
#include "console.h"

static uint32_t table[256];
static uint8_t buf[65536];

static void make_table(void)
{
	for (uint32_t i = 0; i < 256; i++) {
		uint32_t c = i;
		for (int k = 0; k < 8; k++)
			c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
		table[i] = c;
	}
}

static uint32_t crc32_bitwise(const uint8_t *p, size_t n)
{
	uint32_t crc = 0xffffffffu;
	while (n--) {
		crc ^= *p++;
		for (int k = 0; k < 8; k++)
			crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1)));
	}
	return ~crc;
}

static uint32_t crc32_table(uint32_t crc, const uint8_t *p, size_t n)
{
	crc = ~crc;
	while (n--)
		crc = table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
	return ~crc;
}

static uint32_t adler32(const uint8_t *p, size_t n)
{
	uint32_t a = 1, b = 0;
	while (n--) {
		a = (a + *p++) % 65521u;
		b = (b + a) % 65521u;
	}
	return (b << 16) | a;
}

static void show(const char *s)
{
	size_t n = strlen(s);
	char quoted[64];
	snprintf(quoted, sizeof quoted, "\"%s\"", s);
	printf("%-47s crc32=%08x adler32=%08x\n", quoted, crc32_table(0, (const uint8_t *)s, n),
	       adler32((const uint8_t *)s, n));
}

int main(void)
{
	make_table();
	printf("table[1]=%08x table[128]=%08x table[255]=%08x\n", table[1], table[128], table[255]);
	show("");
	show("a");
	show("abc");
	show("123456789");
	show("The quick brown fox jumps over the lazy dog");

	srand32(0xC0FFEE);
	for (size_t i = 0; i < sizeof buf; i++)
		buf[i] = (uint8_t)(rand32() >> 11);
	uint32_t t = crc32_table(0, buf, sizeof buf);
	uint32_t b = crc32_bitwise(buf, sizeof buf);
	/* incremental: in 1000-byte pieces */
	uint32_t inc = 0;
	for (size_t off = 0; off < sizeof buf; off += 1000) {
		size_t len = sizeof buf - off < 1000 ? sizeof buf - off : 1000;
		inc = crc32_table(inc, buf + off, len);
	}
	printf("64 KiB buffer: crc32 table=%08x bitwise=%08x incremental=%08x adler32=%08x\n", t, b,
	       inc, adler32(buf, sizeof buf));
	int ok = t == b && t == inc &&
	         crc32_table(0, (const uint8_t *)"123456789", 9) == 0xCBF43926u;
	printf("%s\n", ok ? "crc32 ok" : "crc32 MISMATCH");
	return ok ? 0 : 1;
}
