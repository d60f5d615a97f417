/* String and memory functions: strlen/strcmp/strncmp/strcpy/strchr,
 * memcpy/memmove (overlapping both ways)/memset/memcmp at every alignment,
 * strtol/strtoul with bases 0, 2, 8, 10, 16 and 36, signs, prefixes, end
 * pointers and saturation, plus word reversal, a palindrome check and a
 * run-length encoder. */
#include "console.h"

static char buf[256], buf2[256];

static void reverse(char *s, size_t n)
{
	for (size_t i = 0; i < n / 2; i++) {
		char t = s[i];
		s[i] = s[n - 1 - i];
		s[n - 1 - i] = t;
	}
}

static void reverse_words(char *s)
{
	size_t n = strlen(s);
	reverse(s, n);
	size_t start = 0;
	for (size_t i = 0; i <= n; i++) {
		if (s[i] == ' ' || s[i] == '\0') {
			reverse(s + start, i - start);
			start = i + 1;
		}
	}
}

static int is_palindrome(const char *s)
{
	size_t i = 0, j = strlen(s);
	while (i < j) {
		char a = s[i], b = s[j - 1];
		if (a >= 'A' && a <= 'Z')
			a = (char)(a + 32);
		if (b >= 'A' && b <= 'Z')
			b = (char)(b + 32);
		if (!((a >= 'a' && a <= 'z'))) {
			i++;
			continue;
		}
		if (!((b >= 'a' && b <= 'z'))) {
			j--;
			continue;
		}
		if (a != b)
			return 0;
		i++;
		j--;
	}
	return 1;
}

static void rle(const char *s, char *out)
{
	while (*s) {
		char c = *s;
		int n = 0;
		while (*s == c) {
			s++;
			n++;
		}
		out += snprintf(out, 16, "%d%c", n, c);
	}
	*out = '\0';
}

static int sign(int v)
{
	return v < 0 ? -1 : v > 0;
}

int main(void)
{
	int fails = 0;

	printf("strlen: %d %d %d\n", (int)strlen(""), (int)strlen("a"),
	       (int)strlen("hello, world"));
	printf("strcmp: %d %d %d %d\n", sign(strcmp("abc", "abc")), sign(strcmp("abc", "abd")),
	       sign(strcmp("abd", "abc")), sign(strcmp("ab", "abc")));
	printf("strcmp high bytes: %d\n", sign(strcmp("\x80", "\x7f")));
	printf("strncmp: %d %d\n", sign(strncmp("abcdef", "abcxyz", 3)),
	       sign(strncmp("abcdef", "abcxyz", 4)));
	strcpy(buf, "copy me");
	printf("strcpy: [%s] strchr: [%s] [%s]\n", buf, strchr(buf, 'm'),
	       strchr(buf, 'z') ? "found" : "null");

	/* memcpy / memset / memcmp at all alignments and lengths */
	unsigned errors = 0;
	for (int src = 0; src < 8; src++)
		for (int dst = 0; dst < 8; dst++)
			for (int len = 0; len < 40; len++) {
				for (int i = 0; i < 64; i++) {
					buf[i] = (char)i;
					buf2[i] = (char)0xee;
				}
				memcpy(buf2 + dst, buf + src, (size_t)len);
				for (int i = 0; i < 64; i++) {
					char want = (i >= dst && i < dst + len)
					                    ? (char)(i - dst + src)
					                    : (char)0xee;
					if (buf2[i] != want)
						errors++;
				}
				if (memcmp(buf2 + dst, buf + src, (size_t)len) != 0)
					errors++;
			}
	printf("memcpy alignment sweep: %u errors\n", errors);
	fails += errors != 0;

	strcpy(buf, "0123456789abcdef");
	memmove(buf + 4, buf, 8);
	printf("memmove forward overlap: %s\n", buf);
	strcpy(buf, "0123456789abcdef");
	memmove(buf, buf + 4, 8);
	printf("memmove backward overlap: %s\n", buf);
	memset(buf, '*', 5);
	buf[5] = '\0';
	printf("memset: %s, memcmp: %d %d\n", buf, sign(memcmp("abc", "abd", 3)),
	       sign(memcmp("abc", "abd", 2)));

	/* strtol / strtoul */
	static const struct {
		const char *s;
		int base;
	} nums[] = {
	        {"12345", 10}, {"  -42xyz", 10},   {"+17", 10},         {"0x1F", 16},  {"1f", 16},
	        {"0x1F", 0},   {"0777", 0},        {"777", 8},          {"101101", 2}, {"zz", 36},
	        {"Morph", 36}, {"2147483647", 10}, {"-2147483648", 10}, {"", 10},      {"abc", 10},
	        {"0x", 16},    {"-0", 10},         {"09", 0},
	};
	for (unsigned i = 0; i < sizeof nums / sizeof nums[0]; i++) {
		char *end;
		long v = strtol(nums[i].s, &end, nums[i].base);
		printf("strtol(\"%s\", %d) = %ld, consumed %d\n", nums[i].s, nums[i].base, v,
		       (int)(end - nums[i].s));
	}
	long big = strtol("99999999999999999999999", NULL, 10);
	long small = strtol("-99999999999999999999999", NULL, 10);
	const long long_max = (long)(~0UL >> 1), long_min = -long_max - 1;
	printf("strtol saturates: %s %s\n", big == long_max ? "LONG_MAX" : "wrong",
	       small == long_min ? "LONG_MIN" : "wrong");
	fails += big != long_max || small != long_min;
	printf("strtoul(\"4294967295\") = %lu, strtoul(\"0xdeadbeef\", 0) = %lx\n",
	       strtoul("4294967295", NULL, 10), strtoul("0xdeadbeef", NULL, 0));
	printf("atoi: %d %d %d\n", atoi("123"), atoi("-99 bottles"), atoi("x"));

	strcpy(buf, "the quick brown fox jumps over the lazy dog");
	reverse_words(buf);
	printf("reversed words: %s\n", buf);
	static const char *pals[] = {"A man, a plan, a canal: Panama",
	                             "Was it a car or a cat I saw?", "Morph is not a palindrome",
	                             ""};
	for (int i = 0; i < 4; i++)
		printf("palindrome(\"%s\") = %s\n", pals[i], is_palindrome(pals[i]) ? "yes" : "no");
	rle("WWWWWWWWWWWWBWWWWWWWWWWWWBBBWWWWWWWWWWWWWWWWWWWWWWWWBWWWWWWWWWWWWWW", buf2);
	printf("rle: %s\n", buf2);
	return fails;
}
