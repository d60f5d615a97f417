/* A tiny stack-based bytecode VM with two dispatchers (a switch and a
 * computed-goto table: both are indirect-jump heavy), running bytecode for
 * an iterative factorial, gcd, a prime count, an iterative Fibonacci and a
 * recursive Fibonacci with CALL/RET.  Both dispatchers must agree. */
#include "console.h"

enum op {
	PUSH,
	POP,
	DUP,
	SWAP,
	OVER,
	ADD,
	SUB,
	MUL,
	DIV,
	MOD,
	LT,
	EQ,
	NOT,
	JMP,
	JZ,
	JNZ,
	LOAD,
	STORE,
	CALL,
	RET,
	PRINT,
	HALT,
	NOPS
};

struct vm {
	int32_t stack[256];
	int sp;
	int32_t vars[16];
	int rstack[64];
	int rsp;
	unsigned long steps;
	int32_t out[16];
	int nout;
};

static int32_t run_switch(struct vm *m, const int32_t *code)
{
	int pc = 0;
	for (;;) {
		m->steps++;
		int32_t a, b;
		switch ((enum op)code[pc++]) {
		case PUSH: m->stack[m->sp++] = code[pc++]; break;
		case POP: m->sp--; break;
		case DUP:
			m->stack[m->sp] = m->stack[m->sp - 1];
			m->sp++;
			break;
		case SWAP:
			a = m->stack[m->sp - 1];
			m->stack[m->sp - 1] = m->stack[m->sp - 2];
			m->stack[m->sp - 2] = a;
			break;
		case OVER:
			m->stack[m->sp] = m->stack[m->sp - 2];
			m->sp++;
			break;
		case ADD:
			b = m->stack[--m->sp];
			a = m->stack[--m->sp];
			m->stack[m->sp++] = (int32_t)((uint32_t)a + (uint32_t)b);
			break;
		case SUB:
			b = m->stack[--m->sp];
			a = m->stack[--m->sp];
			m->stack[m->sp++] = (int32_t)((uint32_t)a - (uint32_t)b);
			break;
		case MUL:
			b = m->stack[--m->sp];
			a = m->stack[--m->sp];
			m->stack[m->sp++] = (int32_t)((uint32_t)a * (uint32_t)b);
			break;
		case DIV:
			b = m->stack[--m->sp];
			a = m->stack[--m->sp];
			m->stack[m->sp++] = a / b;
			break;
		case MOD:
			b = m->stack[--m->sp];
			a = m->stack[--m->sp];
			m->stack[m->sp++] = a % b;
			break;
		case LT:
			b = m->stack[--m->sp];
			a = m->stack[--m->sp];
			m->stack[m->sp++] = a < b;
			break;
		case EQ:
			b = m->stack[--m->sp];
			a = m->stack[--m->sp];
			m->stack[m->sp++] = a == b;
			break;
		case NOT: m->stack[m->sp - 1] = !m->stack[m->sp - 1]; break;
		case JMP: pc = code[pc]; break;
		case JZ:
			a = m->stack[--m->sp];
			pc = a == 0 ? code[pc] : pc + 1;
			break;
		case JNZ:
			a = m->stack[--m->sp];
			pc = a != 0 ? code[pc] : pc + 1;
			break;
		case LOAD: m->stack[m->sp++] = m->vars[code[pc++]]; break;
		case STORE: m->vars[code[pc++]] = m->stack[--m->sp]; break;
		case CALL:
			m->rstack[m->rsp++] = pc + 1;
			pc = code[pc];
			break;
		case RET: pc = m->rstack[--m->rsp]; break;
		case PRINT: m->out[m->nout++] = m->stack[--m->sp]; break;
		case HALT: return m->sp ? m->stack[m->sp - 1] : 0;
		default: return -1;
		}
	}
}

static int32_t run_goto(struct vm *m, const int32_t *code)
{
	static void *const labels[NOPS] = {
	        &&l_push, &&l_pop,   &&l_dup,  &&l_swap, &&l_over,  &&l_add,  &&l_sub, &&l_mul,
	        &&l_div,  &&l_mod,   &&l_lt,   &&l_eq,   &&l_not,   &&l_jmp,  &&l_jz,  &&l_jnz,
	        &&l_load, &&l_store, &&l_call, &&l_ret,  &&l_print, &&l_halt,
	};
	int pc = 0;
	int32_t a, b;
#define NEXT                                    \
	do {                                    \
		m->steps++;                     \
		if ((uint32_t)code[pc] >= NOPS) \
			return -1;              \
		goto *labels[code[pc++]];       \
	} while (0)
	NEXT;
l_push:
	m->stack[m->sp++] = code[pc++];
	NEXT;
l_pop:
	m->sp--;
	NEXT;
l_dup:
	m->stack[m->sp] = m->stack[m->sp - 1];
	m->sp++;
	NEXT;
l_swap:
	a = m->stack[m->sp - 1];
	m->stack[m->sp - 1] = m->stack[m->sp - 2];
	m->stack[m->sp - 2] = a;
	NEXT;
l_over:
	m->stack[m->sp] = m->stack[m->sp - 2];
	m->sp++;
	NEXT;
l_add:
	b = m->stack[--m->sp];
	a = m->stack[--m->sp];
	m->stack[m->sp++] = (int32_t)((uint32_t)a + (uint32_t)b);
	NEXT;
l_sub:
	b = m->stack[--m->sp];
	a = m->stack[--m->sp];
	m->stack[m->sp++] = (int32_t)((uint32_t)a - (uint32_t)b);
	NEXT;
l_mul:
	b = m->stack[--m->sp];
	a = m->stack[--m->sp];
	m->stack[m->sp++] = (int32_t)((uint32_t)a * (uint32_t)b);
	NEXT;
l_div:
	b = m->stack[--m->sp];
	a = m->stack[--m->sp];
	m->stack[m->sp++] = a / b;
	NEXT;
l_mod:
	b = m->stack[--m->sp];
	a = m->stack[--m->sp];
	m->stack[m->sp++] = a % b;
	NEXT;
l_lt:
	b = m->stack[--m->sp];
	a = m->stack[--m->sp];
	m->stack[m->sp++] = a < b;
	NEXT;
l_eq:
	b = m->stack[--m->sp];
	a = m->stack[--m->sp];
	m->stack[m->sp++] = a == b;
	NEXT;
l_not:
	m->stack[m->sp - 1] = !m->stack[m->sp - 1];
	NEXT;
l_jmp:
	pc = code[pc];
	NEXT;
l_jz:
	a = m->stack[--m->sp];
	pc = a == 0 ? code[pc] : pc + 1;
	NEXT;
l_jnz:
	a = m->stack[--m->sp];
	pc = a != 0 ? code[pc] : pc + 1;
	NEXT;
l_load:
	m->stack[m->sp++] = m->vars[code[pc++]];
	NEXT;
l_store:
	m->vars[code[pc++]] = m->stack[--m->sp];
	NEXT;
l_call:
	m->rstack[m->rsp++] = pc + 1;
	pc = code[pc];
	NEXT;
l_ret:
	pc = m->rstack[--m->rsp];
	NEXT;
l_print:
	m->out[m->nout++] = m->stack[--m->sp];
	NEXT;
l_halt:
	return m->sp ? m->stack[m->sp - 1] : 0;
#undef NEXT
}

/* ---- a tiny assembler with forward labels ---------------------------- */
static int32_t code[256];
static int ncode;
static int label_pos[16];
static int fix_at[32], fix_label[32], nfix;

static void emit(int32_t x)
{
	code[ncode++] = x;
}
static void op(enum op o)
{
	emit(o);
}
static void op1(enum op o, int32_t arg)
{
	emit(o);
	emit(arg);
}
static void jump(enum op o, int label)
{
	emit(o);
	fix_at[nfix] = ncode;
	fix_label[nfix++] = label;
	emit(0);
}
static void here(int label)
{
	label_pos[label] = ncode;
}
static void begin(void)
{
	ncode = 0;
	nfix = 0;
}
static void link(void)
{
	for (int i = 0; i < nfix; i++)
		code[fix_at[i]] = label_pos[fix_label[i]];
}

/* n! for n = 12: acc = 1; while (n) { acc *= n; n--; } */
static void prog_fact(void)
{
	enum { loop, done };
	op1(PUSH, 12);
	op1(STORE, 0);
	op1(PUSH, 1);
	op1(STORE, 1);
	here(loop);
	op1(LOAD, 0);
	jump(JZ, done);
	op1(LOAD, 1);
	op1(LOAD, 0);
	op(MUL);
	op1(STORE, 1);
	op1(LOAD, 0);
	op1(PUSH, 1);
	op(SUB);
	op1(STORE, 0);
	jump(JMP, loop);
	here(done);
	op1(LOAD, 1);
	op(HALT);
}

/* gcd(1071, 462) by Euclid: (a b) -> (b a%b) until b == 0 */
static void prog_gcd(void)
{
	enum { loop, done };
	op1(PUSH, 1071);
	op1(PUSH, 462);
	here(loop);
	op(DUP);
	jump(JZ, done);
	op(SWAP);
	op(OVER);
	op(MOD);
	jump(JMP, loop);
	here(done);
	op(POP);
	op(HALT);
}

/* count primes below 2000 by trial division; also PRINT the last three */
static void prog_primes(void)
{
	enum { outer, inner, prime, next, done };
	op1(PUSH, 0);
	op1(STORE, 2); /* count = 0 */
	op1(PUSH, 2);
	op1(STORE, 0); /* n = 2 */
	here(outer);
	op1(LOAD, 0);
	op1(PUSH, 2000);
	op(LT);
	jump(JZ, done);
	op1(PUSH, 2);
	op1(STORE, 1); /* d = 2 */
	here(inner);
	op1(LOAD, 0);
	op1(LOAD, 1);
	op1(LOAD, 1);
	op(MUL); /* n < d*d -> prime */
	op(LT);
	jump(JNZ, prime);
	op1(LOAD, 0);
	op1(LOAD, 1);
	op(MOD);
	jump(JZ, next);
	op1(LOAD, 1);
	op1(PUSH, 1);
	op(ADD);
	op1(STORE, 1);
	jump(JMP, inner);
	here(prime);
	op1(LOAD, 2);
	op1(PUSH, 1);
	op(ADD);
	op1(STORE, 2);
	op1(LOAD, 0);
	op1(PUSH, 1990);
	op(LT);
	jump(JNZ, next);
	op1(LOAD, 0);
	op(PRINT);
	here(next);
	op1(LOAD, 0);
	op1(PUSH, 1);
	op(ADD);
	op1(STORE, 0);
	jump(JMP, outer);
	here(done);
	op1(LOAD, 2);
	op(HALT);
}

/* iterative fib(40) (fits in int32) */
static void prog_fib_iter(void)
{
	enum { loop, done };
	op1(PUSH, 0);
	op1(STORE, 0);
	op1(PUSH, 1);
	op1(STORE, 1);
	op1(PUSH, 40);
	op1(STORE, 2);
	here(loop);
	op1(LOAD, 2);
	jump(JZ, done);
	op1(LOAD, 0);
	op1(LOAD, 1);
	op(ADD);
	op1(LOAD, 1);
	op1(STORE, 0);
	op1(STORE, 1);
	op1(LOAD, 2);
	op1(PUSH, 1);
	op(SUB);
	op1(STORE, 2);
	jump(JMP, loop);
	here(done);
	op1(LOAD, 0);
	op(HALT);
}

/* recursive fib(20) with CALL/RET; argument and result on the data stack */
static void prog_fib_rec(void)
{
	enum { fib, base };
	op1(PUSH, 20);
	jump(CALL, fib);
	op(HALT);
	here(fib);
	op(DUP);
	op1(PUSH, 2);
	op(LT);
	jump(JNZ, base);
	op(DUP);
	op1(PUSH, 1);
	op(SUB);
	jump(CALL, fib);
	op(SWAP);
	op1(PUSH, 2);
	op(SUB);
	jump(CALL, fib);
	op(ADD);
	here(base);
	op(RET);
}

struct prog {
	const char *name;
	void (*build)(void);
};

int main(void)
{
	static const struct prog progs[] = {
	        {"factorial(12)", prog_fact},        {"gcd(1071, 462)", prog_gcd},
	        {"primes below 2000", prog_primes},  {"fib(40) iterative", prog_fib_iter},
	        {"fib(20) recursive", prog_fib_rec},
	};
	int fails = 0;
	unsigned long total_steps = 0;
	for (unsigned i = 0; i < sizeof progs / sizeof progs[0]; i++) {
		begin();
		progs[i].build();
		link();
		struct vm m1, m2;
		memset(&m1, 0, sizeof m1);
		memset(&m2, 0, sizeof m2);
		int32_t r1 = run_switch(&m1, code);
		int32_t r2 = run_goto(&m2, code);
		printf("%-20s = %d (%d words, %lu steps)", progs[i].name, r1, ncode, m1.steps);
		for (int k = 0; k < m1.nout; k++)
			printf(" out=%d", m1.out[k]);
		int agree = r1 == r2 && m1.steps == m2.steps && m1.nout == m2.nout &&
		            memcmp(m1.out, m2.out, sizeof m1.out) == 0;
		printf("%s\n", agree ? "" : "  DISPATCHERS DISAGREE");
		fails += !agree;
		total_steps += m1.steps;
	}
	printf("total steps: %lu\n", total_steps);
	return fails;
}
