/* front.h: morphgen front-end internals shared by lexer.l, parser.y, ast.c,
 * check*.c and main.c. Emitters use only ast.h.
 *
 * Memory: every node, string and list of the front end is allocated from one
 * arena (gen_alloc) that lives until the process exits; nothing is freed
 * piecemeal, so the grammar needs no %destructor for its semantic values.
 */
#ifndef GEN_FRONT_H
#define GEN_FRONT_H

#include <stddef.h>
#include <stdint.h>

#include "ast.h"

#define GEN_VERSION "0.1.0"

/* Deepest nesting of brackets, expressions and statements accepted; deeper
 * input is a located error, never a stack overflow. */
#define GEN_MAX_DEPTH 200

/* Largest value of an ISA parameter (-D name=value). */
#define GEN_MAX_PARAM (1u << 30)

/* ---- arena and strings (ast.c) -------------------------------------- */

/* Zeroed memory that lives until exit; exits(2) with a message on OOM. */
void *gen_alloc(size_t n);
/* Arena copy of s (of n bytes, NUL-terminated). */
char *gen_strndup(const char *s, size_t n);
char *gen_strdup(const char *s);
/* Arena printf. */
char *gen_fmt(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Interned copy of s: equal strings give the same pointer. */
const char *gen_intern(const char *s);
/* s with every '.' replaced by '_' (the C spelling of a name). */
const char *gen_mangle(const char *s);
/* Is s a C identifier ([A-Za-z_][A-Za-z0-9_]*)? */
int gen_is_c_ident(const char *s);
/* Parse a number of the command line strictly: decimal digits, or 0x and
 * hex digits; no sign, space or suffix; at most max. 0, or -1 if not. */
int gen_parse_uint(const char *s, uint64_t max, uint64_t *v);

/* A growable array of pointers in the arena. */
typedef struct gen_vec {
	void **v;
	int n, cap;
} gen_vec;
void gen_vec_push(gen_vec *vec, void *p);

/* A string -> pointer hash map (arena-backed, never shrinks). */
typedef struct gen_map {
	const char **keys;
	void **vals;
	int n, cap;
} gen_map;
void *gen_map_get(const gen_map *m, const char *key);
void gen_map_put(gen_map *m, const char *key, void *val);

/* ---- parsing (parser.y, lexer.l) -------------------------------------- */

/* Which kind of file the first keyword of a file selected. */
typedef enum gen_pkind { GEN_P_NONE, GEN_P_ISA, GEN_P_HW, GEN_P_BOARD } gen_pkind;

/* Integer token value: value and width (0 = unsized). */
typedef struct gen_numtok {
	gen_u128 v;
	int width;
} gen_numtok;

/* State of one parse (the lexer's extra data and the parser's parameter). */
typedef struct gen_pctx {
	const char *file;  /* interned path */
	int line, col;     /* lexer position (1-based) of the next char */
	int depth;         /* bracket nesting */
	int cline, ccol;   /* start of the open comment */
	const char *tok;   /* text of the last identifier/number token */
	int deep_reported; /* a nesting-depth error was reported */
	gen_pkind kind;    /* set by the first declaration */
	gen_decl *decls;   /* ISA declarations, in order */
	gen_decl **tail;
	gen_hw *hw;       /* device file result */
	gen_board *board; /* board file result */
	int errors;       /* errors reported while parsing this file */
} gen_pctx;

/* Parse path into ctx (any file kind). Returns 0 on success, -1 after
 * reporting errors, -2 when the file cannot be read (see gen_io_reason). */
int gen_parse(const char *path, gen_pctx *ctx);

/* Why the last gen_parse returned -2: strerror's text, or "not a regular
 * file (a FIFO or a device)". */
const char *gen_io_reason(void);

/* ---- builders (ast.c): one per grammar production family ------------- */

gen_loc gen_mkloc(gen_pctx *ctx, int line, int col);

gen_expr *gen_new_num(gen_pctx *ctx, gen_loc loc, gen_numtok n);
gen_expr *gen_new_name(gen_pctx *ctx, gen_loc loc, const char *name);
gen_expr *gen_new_leaf(gen_pctx *ctx, gen_loc loc, gen_expr_kind kind);
gen_expr *gen_new_unary(gen_pctx *ctx, gen_loc loc, gen_op op, gen_expr *a);
gen_expr *gen_new_binary(gen_pctx *ctx, gen_loc loc, gen_op op, gen_expr *a, gen_expr *b);
gen_expr *gen_new_cond(gen_pctx *ctx, gen_loc loc, gen_expr *c, gen_expr *a, gen_expr *b);
gen_expr *gen_new_concat(gen_pctx *ctx, gen_loc loc, gen_vec *args);
gen_expr *gen_new_index(gen_pctx *ctx, gen_loc loc, gen_expr *base, gen_expr *i);
gen_expr *gen_new_slice(gen_pctx *ctx, gen_loc loc, gen_expr *base, gen_expr *hi, gen_expr *lo);
gen_expr *gen_new_mem(gen_pctx *ctx, gen_loc loc, int width, gen_expr *addr);
gen_expr *gen_new_call(gen_pctx *ctx, gen_loc loc, const char *name, gen_vec *args);
gen_vec *gen_new_list(gen_vec *list, void *item);

gen_stmt *gen_new_let(gen_pctx *ctx, gen_loc loc, const char *name, gen_expr *width,
                      gen_expr *value);
gen_stmt *gen_new_assign(gen_pctx *ctx, gen_loc loc, gen_expr *lhs, gen_expr *value);
gen_stmt *gen_new_delay(gen_pctx *ctx, gen_loc loc, gen_expr *value);
gen_stmt *gen_new_if(gen_pctx *ctx, gen_loc loc, gen_expr *c, gen_stmt *then, gen_stmt *els);
gen_stmt *gen_new_for(gen_pctx *ctx, gen_loc loc, const char *var, const char *in, gen_loc inloc,
                      gen_expr *lo, gen_expr *hi, gen_stmt *body);
gen_stmt *gen_new_raise(gen_pctx *ctx, gen_loc loc, gen_expr *cause, gen_expr *tval);
gen_stmt *gen_new_callstmt(gen_pctx *ctx, gen_loc loc, gen_expr *call);
gen_stmt *gen_new_return(gen_pctx *ctx, gen_loc loc, gen_expr *value);
gen_stmt *gen_new_block(gen_pctx *ctx, gen_loc loc, gen_vec *stmts);

gen_decl *gen_new_decl(gen_pctx *ctx, gen_loc loc, gen_decl_kind kind, const char *name,
                       gen_expr *e, gen_expr *e2);
gen_decl *gen_new_endian(gen_pctx *ctx, gen_loc loc, const char *which, gen_loc wloc);
gen_decl *gen_new_param(gen_pctx *ctx, gen_loc loc, const char *name, gen_vec *values);
gen_decl *gen_new_guest(gen_pctx *ctx, gen_loc loc, const char *name, gen_vec *settings);
gen_decl *gen_new_names(gen_pctx *ctx, gen_loc loc, const char *regfile, gen_vec *idents);
gen_decl *gen_new_alias(gen_pctx *ctx, gen_loc loc, const char *regfile, gen_expr *index,
                        const char *read, gen_loc rloc, gen_expr *readexpr);
gen_decl *gen_new_enum(gen_pctx *ctx, gen_loc loc, const char *name, gen_expr *width,
                       gen_vec *entries);
gen_pair *gen_new_pair(gen_pctx *ctx, gen_loc loc, const char *name, gen_expr *value,
                       const char *text);
gen_decl *gen_new_insn(gen_pctx *ctx, gen_loc loc, const char *name, const char *pattern,
                       gen_loc ploc, const char *tmpl, gen_loc tloc, gen_stmt *body);
gen_decl *gen_new_illegal(gen_pctx *ctx, gen_loc loc, const char *pattern, gen_loc ploc);
gen_decl *gen_new_group(gen_pctx *ctx, gen_loc loc, gen_decl_kind kind, gen_expr *c, gen_vec *body,
                        gen_vec *els);
gen_decl *gen_new_func(gen_pctx *ctx, gen_loc loc, gen_decl_kind kind, const char *name,
                       gen_vec *args, gen_expr *ret, gen_stmt *body);
/* isa_file -> decls: records the ISA declarations of the file. */
void gen_isa_file(gen_pctx *ctx, gen_loc loc, gen_vec *decls);

/* Device files. */
typedef struct gen_hw_attr {
	const char *name;
	gen_loc loc;
	int has_num;
	gen_numtok num;
} gen_hw_attr;
typedef struct gen_hw_item {
	int is_field;     /* field NAME = [hi:lo] / side = handler */
	const char *name; /* field name / handler side */
	const char *handler;
	gen_loc loc;
	gen_numtok hi, lo;
} gen_hw_item;
gen_hw_attr *gen_new_hw_attr(gen_pctx *ctx, gen_loc loc, const char *name, const gen_numtok *num);
gen_hw_item *gen_new_hw_side(gen_pctx *ctx, gen_loc loc, const char *side, const char *handler);
gen_hw_item *gen_new_hw_field(gen_pctx *ctx, gen_loc loc, const char *name, gen_numtok hi,
                              const gen_numtok *lo);
/* A device item: a register or an irq output. */
typedef struct gen_hw_decl {
	gen_hw_reg *reg;
	const char *irq;
	gen_loc loc;
} gen_hw_decl;
gen_hw_decl *gen_new_hw_reg(gen_pctx *ctx, gen_loc loc, const char *name, gen_numtok off,
                            gen_numtok width, gen_vec *attrs, gen_vec *items);
gen_hw_decl *gen_new_hw_irq(gen_pctx *ctx, gen_loc loc, const char *name);
void gen_hw_file(gen_pctx *ctx, gen_loc loc, const char *name, gen_vec *items);

/* Board files: items are tagged unions built by these. */
typedef struct gen_board_item {
	int kind; /* GEN_BI_* */
	gen_loc loc;
	gen_loc loc2; /* second keyword (`size`) */
	const char *name, *type, *word;
	gen_numtok a, b;
	gen_vec *boot; /* GEN_BI_BOOT: gen_board_boot * */
} gen_board_item;
enum { GEN_BI_ISA, GEN_BI_RAM, GEN_BI_DEVICE, GEN_BI_IRQ, GEN_BI_CONSOLE, GEN_BI_BOOT };
gen_board_item *gen_new_board_isa(gen_pctx *ctx, gen_loc loc, const char *family);
gen_board_item *gen_new_board_ram(gen_pctx *ctx, gen_loc loc, const char *kw, gen_numtok base,
                                  const char *size_kw, gen_loc sloc, gen_numtok size);
gen_board_item *gen_new_board_dev(gen_pctx *ctx, gen_loc loc, const char *name, const char *type,
                                  gen_numtok base, const char *size_kw, gen_loc sloc,
                                  gen_numtok size);
gen_board_item *gen_new_board_irq(gen_pctx *ctx, gen_loc loc, const char *src, gen_numtok line);
gen_board_item *gen_new_board_word(gen_pctx *ctx, gen_loc loc, const char *kw, const char *name);
gen_board_item *gen_new_board_boot(gen_pctx *ctx, gen_loc loc, const char *kw, gen_vec *regs);
gen_board_boot *gen_new_boot_reg(gen_pctx *ctx, gen_loc loc, const char *reg,
                                 const gen_numtok *index, gen_numtok value);
void gen_board_file(gen_pctx *ctx, gen_loc loc, const char *name, gen_vec *items);

/* Report a nesting depth error once per file (depth > GEN_MAX_DEPTH). */
void gen_too_deep(gen_pctx *ctx, gen_loc loc, const char *what);

/* ---- checking (check*.c) ---------------------------------------------- */

/* Check a parsed device (gen_load_hw uses it). Returns 0 if it is valid. */
int gen_check_hw(gen_hw *hw);
/* Check a parsed board, loading device types from hwdirs. */
int gen_check_board(gen_board *b, const char *dir, const char **hwdirs, int nhwdirs);

/* Names of the rt_exc_kind values, in order (for `exception`). */
extern const char *const gen_exc_names[8];

#endif /* GEN_FRONT_H */
