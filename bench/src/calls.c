/* calls.c: many small calls: naive recursive Fibonacci, Ackermann's function
 * and binary trees built in an arena and walked recursively (depth <= 16,
 * well inside the guests' 64 KiB stack). */
#include "bench.h"

/* Keep the compiler from turning the recursions into loops or inlining them. */
#define NOINLINE __attribute__((noinline))

NOINLINE static uint32_t fib(uint32_t n)
{
	return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

NOINLINE static uint32_t ack(uint32_t m, uint32_t n)
{
	if (m == 0)
		return n + 1;
	if (n == 0)
		return ack(m - 1, 1);
	return ack(m - 1, ack(m, n - 1));
}

struct node {
	struct node *left, *right;
	uint32_t val;
};

static struct node arena[1 << 17];
static size_t used;

NOINLINE static struct node *make(int depth, uint32_t val)
{
	struct node *t = &arena[used++];
	t->val = val;
	t->left = depth > 0 ? make(depth - 1, 2 * val) : NULL;
	t->right = depth > 0 ? make(depth - 1, 2 * val + 1) : NULL;
	return t;
}

NOINLINE static uint32_t check(const struct node *t)
{
	if (!t->left)
		return t->val;
	return t->val + check(t->left) - check(t->right);
}

uint64_t bench_main(void)
{
	uint64_t sum = fib(34);
	for (uint32_t i = 0; i < 20; i++)
		sum = sum * 31 + ack(2 + (i & 1), 4 + i % 3);
	for (int depth = 4; depth <= 16; depth += 2) {
		uint32_t c = 0;
		for (int k = 0; k < 1 << (16 - depth); k++) {
			used = 0;
			c += check(make(depth, (uint32_t)k));
		}
		sum = sum * 31 + c;
	}
	return sum;
}
