/* vm.c: a bytecode interpreter: a small stack machine (switch dispatch)
 * assembled at run time, running Collatz step counts for 1..8000 and
 * hashing them: many short, unpredictable-to-a-translator indirect jumps. */
#include "bench.h"

enum op { PUSH, LOAD, STORE, ADD, MUL, AND, SHR, XOR, LT, EQ, JZ, JNZ, JMP, HALT };

static int32_t code[256];
static int pc_end;

/* Append an instruction (with an operand if the opcode takes one). */
static int emit(int32_t op, int32_t arg)
{
	int at = pc_end;
	code[pc_end++] = op;
	if (op == PUSH || op == LOAD || op == STORE || op == JZ || op == JNZ || op == JMP)
		code[pc_end++] = arg;
	return at;
}

/* Point the jump at `at` to the current end of the code. */
static void patch(int at)
{
	code[at + 1] = pc_end;
}

/* The program: locals 0 = i, 1 = n, 2 = steps, 3 = hash; result: hash. */
static void assemble(int32_t limit)
{
	emit(PUSH, 1), emit(STORE, 0);
	emit(PUSH, (int32_t)2166136261u), emit(STORE, 3);
	int loop_i = emit(LOAD, 0);
	emit(PUSH, limit), emit(LT, 0);
	int exit_i = emit(JZ, 0);
	emit(LOAD, 0), emit(STORE, 1), emit(PUSH, 0), emit(STORE, 2);
	int loop_n = emit(LOAD, 1);
	emit(PUSH, 1), emit(EQ, 0);
	int done_n = emit(JNZ, 0);
	emit(LOAD, 1), emit(PUSH, 1), emit(AND, 0);
	int even = emit(JZ, 0);
	emit(LOAD, 1), emit(PUSH, 3), emit(MUL, 0), emit(PUSH, 1), emit(ADD, 0);
	int join = emit(JMP, 0);
	patch(even);
	emit(LOAD, 1), emit(PUSH, 1), emit(SHR, 0);
	patch(join);
	emit(STORE, 1);
	emit(LOAD, 2), emit(PUSH, 1), emit(ADD, 0), emit(STORE, 2);
	emit(JMP, loop_n);
	patch(done_n);
	emit(LOAD, 3), emit(LOAD, 2), emit(XOR, 0), emit(PUSH, 16777619), emit(MUL, 0);
	emit(STORE, 3);
	emit(LOAD, 0), emit(PUSH, 1), emit(ADD, 0), emit(STORE, 0);
	emit(JMP, loop_i);
	patch(exit_i);
	emit(LOAD, 3), emit(HALT, 0);
}

/* Run the program; return the value on top of the stack at HALT. */
static uint32_t run(uint64_t *ops)
{
	uint32_t stack[64], local[8] = {0};
	int sp = 0, pc = 0;
	uint64_t n = 0;
	for (;;) {
		int32_t op = code[pc++];
		n++;
		switch (op) {
		case PUSH: stack[sp++] = (uint32_t)code[pc++]; break;
		case LOAD: stack[sp++] = local[code[pc++]]; break;
		case STORE: local[code[pc++]] = stack[--sp]; break;
		case ADD: sp--, stack[sp - 1] += stack[sp]; break;
		case MUL: sp--, stack[sp - 1] *= stack[sp]; break;
		case AND: sp--, stack[sp - 1] &= stack[sp]; break;
		case SHR: sp--, stack[sp - 1] >>= stack[sp]; break;
		case XOR: sp--, stack[sp - 1] ^= stack[sp]; break;
		case LT: sp--, stack[sp - 1] = stack[sp - 1] < stack[sp]; break;
		case EQ: sp--, stack[sp - 1] = stack[sp - 1] == stack[sp]; break;
		case JZ: pc = stack[--sp] ? pc + 1 : code[pc]; break;
		case JNZ: pc = stack[--sp] ? code[pc] : pc + 1; break;
		case JMP: pc = code[pc]; break;
		case HALT: *ops = n; return stack[sp - 1];
		default: *ops = n; return 0xbad;
		}
	}
}

uint64_t bench_main(void)
{
	uint64_t ops = 0;
	assemble(8000);
	uint32_t h = run(&ops);
	return (uint64_t)h << 32 ^ ops;
}
