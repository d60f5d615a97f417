/* Recursion: Ackermann, naive Fibonacci, Towers of Hanoi, N-queens,
 * permutations, mutual recursion and a recursive-descent expression
 * evaluator.  Deep call chains exercise calls, returns and the stack. */
#include "console.h"

static unsigned ackermann(unsigned m, unsigned n)
{
	if (m == 0)
		return n + 1;
	if (n == 0)
		return ackermann(m - 1, 1);
	return ackermann(m - 1, ackermann(m, n - 1));
}

static unsigned fib(unsigned n)
{
	return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

static unsigned hanoi_moves;
static void hanoi(int n, char from, char to, char via)
{
	if (n == 0)
		return;
	hanoi(n - 1, from, via, to);
	if (hanoi_moves < 7)
		printf("  move disk %d %c -> %c\n", n, from, to);
	hanoi_moves++;
	hanoi(n - 1, via, to, from);
}

static int queens_cols[12];
static int queens(int row, int n)
{
	if (row == n)
		return 1;
	int count = 0;
	for (int c = 0; c < n; c++) {
		int ok = 1;
		for (int r = 0; r < row; r++) {
			int d = queens_cols[r] - c;
			if (d == 0 || d == row - r || d == r - row) {
				ok = 0;
				break;
			}
		}
		if (ok) {
			queens_cols[row] = c;
			count += queens(row + 1, n);
		}
	}
	return count;
}

static char perm_buf[8];
static unsigned perm_count, perm_hash;
static void permute(int k, int n)
{
	if (k == n) {
		perm_count++;
		for (int i = 0; i < n; i++)
			perm_hash = perm_hash * 31 + (unsigned)perm_buf[i];
		return;
	}
	for (int i = k; i < n; i++) {
		char t = perm_buf[k];
		perm_buf[k] = perm_buf[i];
		perm_buf[i] = t;
		permute(k + 1, n);
		t = perm_buf[k];
		perm_buf[k] = perm_buf[i];
		perm_buf[i] = t;
	}
}

static int is_odd(unsigned n);
static int is_even(unsigned n)
{
	return n == 0 ? 1 : is_odd(n - 1);
}
static int is_odd(unsigned n)
{
	return n == 0 ? 0 : is_even(n - 1);
}

/* expr := term (('+'|'-') term)* ; term := factor (('*'|'/'|'%') factor)* ;
 * factor := number | '-' factor | '(' expr ')' */
static const char *ep;
static long expr(void);
static long factor(void)
{
	while (*ep == ' ')
		ep++;
	if (*ep == '-') {
		ep++;
		return -factor();
	}
	if (*ep == '(') {
		ep++;
		long v = expr();
		while (*ep == ' ')
			ep++;
		if (*ep == ')')
			ep++;
		return v;
	}
	long v = 0;
	while (*ep >= '0' && *ep <= '9')
		v = v * 10 + (*ep++ - '0');
	return v;
}
static long term(void)
{
	long v = factor();
	for (;;) {
		while (*ep == ' ')
			ep++;
		char op = *ep;
		if (op != '*' && op != '/' && op != '%')
			return v;
		ep++;
		long r = factor();
		v = op == '*' ? v * r : op == '/' ? v / r : v % r;
	}
}
static long expr(void)
{
	long v = term();
	for (;;) {
		while (*ep == ' ')
			ep++;
		char op = *ep;
		if (op != '+' && op != '-')
			return v;
		ep++;
		long r = term();
		v = op == '+' ? v + r : v - r;
	}
}
static long eval(const char *s)
{
	ep = s;
	return expr();
}

int main(void)
{
	printf("ackermann(2, 3) = %u\n", ackermann(2, 3));
	printf("ackermann(3, 3) = %u\n", ackermann(3, 3));
	printf("ackermann(3, 5) = %u\n", ackermann(3, 5));
	for (unsigned n = 0; n <= 24; n += 6)
		printf("fib(%u) = %u\n", n, fib(n));
	printf("hanoi(12):\n");
	hanoi(12, 'A', 'C', 'B');
	printf("  ... %u moves\n", hanoi_moves);
	for (int n = 4; n <= 8; n++)
		printf("%d-queens: %d solutions\n", n, queens(0, n));
	for (int i = 0; i < 7; i++)
		perm_buf[i] = (char)('a' + i);
	permute(0, 7);
	printf("permutations of 7: %u (hash %08x)\n", perm_count, perm_hash);
	printf("is_even(10001) = %d, is_odd(10001) = %d\n", is_even(10001), is_odd(10001));
	static const char *exprs[] = {
	        "1 + 2 * 3",        "(1 + 2) * 3",
	        "100 / 7 % 5 - -3", "2 * (3 + 4 * (5 - 6 * (7 + 8))) - 9",
	        "-(-(-(12)))",
	};
	for (int i = 0; i < 5; i++)
		printf("%-40s = %ld\n", exprs[i], eval(exprs[i]));
	return 0;
}
