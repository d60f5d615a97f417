/* ast.h: morphgen's syntax tree, the contract between the front end
 * (lexer.l, parser.y, ast.c, check.c) and the emitters (emit_*.c).
 *
 * The parser builds the tree with the gen_new_* builders in ast.c. The checker
 * (gen_check_isa) then elaborates it for one set of parameter values:
 * top-level `if`s are resolved, names are bound (gen_expr.sym), widths are
 * computed (gen_expr.width), encodings are compiled (mask/match), and the
 * declarations are flattened into the arrays of gen_isa. Emitters read only
 * checked trees and never report user errors.
 */
#ifndef GEN_AST_H
#define GEN_AST_H

#include <stdint.h>
#include <stdio.h>

typedef unsigned __int128 gen_u128;

/* A place in a description file. */
typedef struct gen_loc {
	const char *file; /* interned path, never freed */
	int line, col;    /* 1-based */
} gen_loc;

typedef struct gen_expr gen_expr;
typedef struct gen_stmt gen_stmt;
typedef struct gen_sym gen_sym;
typedef struct gen_decl gen_decl;

/* ---- expressions ---------------------------------------------------- */

typedef enum gen_expr_kind {
	GEN_E_NUM,    /* literal: num, sized (width) or unsized (width 0) */
	GEN_E_NAME,   /* identifier: name; checker sets sym */
	GEN_E_PC,     /* pc: address of the current insn */
	GEN_E_NPC,    /* npc: address of the next sequential insn */
	GEN_E_INSN,   /* insn: the instruction word (fields and `length` only) */
	GEN_E_UNARY,  /* op a */
	GEN_E_BINARY, /* a op b */
	GEN_E_COND,   /* a ? b : c */
	GEN_E_CONCAT, /* {args...}, args[0] most significant */
	GEN_E_INDEX,  /* a[b]: parser output; checker turns it into REG or SLICE */
	GEN_E_SLICE,  /* a[hi:lo] (hi, lo evaluated into .hi .lo by the checker);
	                 a[i] with i a loop variable: hi = lo = -1, hi_e = i */
	GEN_E_REG,    /* regfile[a]: sym = the regfile, a = index */
	GEN_E_MEM,    /* memN[a]: memwidth = N (8/16/32/64), a = address */
	GEN_E_CALL,   /* name(args): builtin, func or helper (sym / builtin) */
	GEN_E_COUNT
} gen_expr_kind;

typedef enum gen_op {
	GEN_OP_NONE,
	/* unary */
	GEN_OP_NEG,
	GEN_OP_NOT /* ~ */,
	GEN_OP_LNOT /* ! */,
	/* binary */
	GEN_OP_ADD,
	GEN_OP_SUB,
	GEN_OP_MUL,
	GEN_OP_AND,
	GEN_OP_OR,
	GEN_OP_XOR,
	GEN_OP_SHL,
	GEN_OP_SHR /* >> logical */,
	GEN_OP_SAR /* >>> */,
	GEN_OP_EQ,
	GEN_OP_NE,
	GEN_OP_LTU,
	GEN_OP_LEU,
	GEN_OP_GTU,
	GEN_OP_GEU,
	GEN_OP_LTS,
	GEN_OP_LES,
	GEN_OP_GTS,
	GEN_OP_GES,
	GEN_OP_LAND,
	GEN_OP_LOR,
	GEN_OP_COUNT
} gen_op;

typedef enum gen_builtin {
	GEN_B_NONE,
	GEN_B_SEXT,
	GEN_B_ZEXT,
	GEN_B_TRUNC,
	GEN_B_UDIV,
	GEN_B_SDIV,
	GEN_B_UREM,
	GEN_B_SREM,
	GEN_B_COUNT
} gen_builtin;

struct gen_expr {
	gen_expr_kind kind;
	gen_loc loc;
	gen_op op;
	gen_u128 num;     /* GEN_E_NUM value (two's complement in `width` bits if negative) */
	int num_neg;      /* constant whose unsized value was negative (for width 0,
	                      cval is that value in 128-bit two's complement) */
	const char *name; /* GEN_E_NAME, GEN_E_CALL: identifier */
	gen_expr *a, *b, *c;
	gen_expr **args; /* GEN_E_CONCAT, GEN_E_CALL */
	int nargs;
	int memwidth;          /* GEN_E_MEM */
	gen_expr *hi_e, *lo_e; /* GEN_E_SLICE bounds as written (lo_e NULL for e[i]) */
	int hi, lo;            /* GEN_E_SLICE bounds, evaluated by the checker */
	/* Set by the checker: */
	gen_sym *sym;        /* NAME, REG, CALL (func/helper) */
	gen_builtin builtin; /* CALL of a builtin */
	int width;           /* bits, 1..128; 0 = unsized constant (literal, loop var).
	                      After checking, 0 remains only on expressions used as
	                      numbers (widths of let/sext/zext/trunc, slice and loop
	                      bounds) and inside constant subtrees */
	int is_const;        /* value known at generation time: cval (emit cval and
	                      do not walk the children: they may be unsized) */
	gen_u128 cval;
	int depth; /* front end only: nesting depth of the subtree */
};

/* ---- statements ----------------------------------------------------- */

typedef enum gen_stmt_kind {
	GEN_S_LET,    /* let name [: width_e] = a; sym = the new local */
	GEN_S_ASSIGN, /* lhs = a; lhs is NAME (local/reg), REG, PC or MEM */
	GEN_S_DELAY,  /* delay pc = a; */
	GEN_S_IF,     /* if (a) body else els (els may be NULL or another IF) */
	GEN_S_FOR,    /* for name in lo_e .. hi_e body; sym = the loop variable */
	GEN_S_RAISE,  /* raise(a, b); */
	GEN_S_CALL,   /* a is a GEN_E_CALL evaluated for its effect */
	GEN_S_RETURN, /* return [a]; */
	GEN_S_BLOCK,  /* { body } */
	GEN_S_COUNT
} gen_stmt_kind;

struct gen_stmt {
	gen_stmt_kind kind;
	gen_loc loc;
	const char *name;      /* LET, FOR */
	gen_expr *width_e;     /* LET with a written width */
	gen_expr *lhs;         /* ASSIGN */
	gen_expr *a, *b;       /* value / condition / cause, tval */
	gen_expr *lo_e, *hi_e; /* FOR bounds */
	gen_stmt *body;        /* IF then, FOR body, BLOCK list (linked by next) */
	gen_stmt *els;         /* IF else */
	gen_stmt *next;        /* next statement in the same block */
	/* Set by the checker: */
	gen_sym *sym; /* LET local, FOR loop variable */
	int lo, hi;   /* FOR bounds, evaluated */
	int width;    /* LET: width of the local */
	int depth;    /* front end only: nesting depth */
};

/* ---- symbols -------------------------------------------------------- */

typedef enum gen_sym_kind {
	GEN_SYM_PARAM,
	GEN_SYM_REGFILE,
	GEN_SYM_REG,
	GEN_SYM_FIELD,
	GEN_SYM_ENUM,
	GEN_SYM_FUNC,
	GEN_SYM_HELPER,
	GEN_SYM_INSN,
	GEN_SYM_LOCAL,
	GEN_SYM_ARG,
	GEN_SYM_LOOPVAR,
	GEN_SYM_COUNT
} gen_sym_kind;

/* A named thing. Declarations own their symbol; the checker's scopes point
 * at them. */
struct gen_sym {
	gen_sym_kind kind;
	const char *name;
	gen_loc loc;
	int width;      /* bits of the value (regfile: of each register) */
	gen_decl *decl; /* the declaring decl (not for locals/args/loopvars) */
	int index;      /* ARG: position; LOCAL/LOOPVAR: unique number in its body;
	                       FIELD: position in gen_isa.fields */
	int slot;       /* REGFILE/REG: first uint64_t slot in rt_cpu.r */
	int value;      /* PARAM: its value */
	int lo, hi;     /* LOOPVAR: takes the values lo .. hi-1 */
};

/* ---- declarations --------------------------------------------------- */

typedef enum gen_decl_kind {
	GEN_D_ISA,        /* isa NAME; */
	GEN_D_PARAM,      /* param NAME : {values}; */
	GEN_D_GUEST,      /* guest NAME { p = v; ... } */
	GEN_D_ENDIAN,     /* endian little|big; */
	GEN_D_ELF,        /* elf N; */
	GEN_D_WORD,       /* word W; */
	GEN_D_PARCEL,     /* parcel N; */
	GEN_D_LENGTH,     /* length = expr; */
	GEN_D_REGFILE,    /* regfile NAME[count] : width; */
	GEN_D_NAMES,      /* names REGFILE { a, b, ... } */
	GEN_D_HARDWIRE,   /* hardwire REGFILE[index] = value; */
	GEN_D_REG,        /* reg NAME : width; */
	GEN_D_ALIAS,      /* alias REGFILE[index] = pc read expr; */
	GEN_D_ENUM,       /* enum NAME : width { value = "text", ... } */
	GEN_D_FIELD,      /* field NAME = expr; */
	GEN_D_INSN,       /* insn NAME "pattern" "template" { body } */
	GEN_D_ILLEGAL,    /* illegal "pattern"; */
	GEN_D_OVERLAP,    /* overlap { decls } */
	GEN_D_PREDICATED, /* predicated (expr) { decls } */
	GEN_D_FUNC,       /* func NAME(args) [: width] { body } */
	GEN_D_HELPER,     /* helper NAME(args) [: width]; */
	GEN_D_EXCEPTION,  /* exception KIND = value; */
	GEN_D_IF,         /* if (cond) { decls } else { decls } (top level) */
	GEN_D_TRANSLATE,  /* translate NAME; (address translation hook) */
	GEN_D_COUNT
} gen_decl_kind;

/* A template segment: literal text, or a placeholder {field:fmt}. */
typedef struct gen_tmpl_seg {
	const char *text; /* literal text (placeholder: NULL) */
	gen_sym *field;   /* placeholder field */
	const char *fmt;  /* "x", "d", "u", "pcrel", a regfile or enum name */
	gen_sym *fmt_sym; /* regfile or enum for those formats */
} gen_tmpl_seg;

/* One `name = value` (guest settings, enum entries, named args). */
typedef struct gen_pair {
	const char *name;
	gen_expr *value;
	gen_loc loc;
	const char *text; /* enum entry string */
} gen_pair;

struct gen_decl {
	gen_decl_kind kind;
	gen_loc loc;
	const char *name;
	gen_sym *sym;    /* declared symbol, if any */
	gen_decl *next;  /* next decl in the same list */
	gen_decl *body;  /* OVERLAP / PREDICATED / IF-then decls */
	gen_decl *els;   /* IF-else decls */
	gen_expr *e;     /* LENGTH/FIELD value, IF/PREDICATED condition,
	                           REGFILE/REG/ENUM width, ELF/PARCEL/WORD value,
	                           HARDWIRE/ALIAS index, EXCEPTION value */
	gen_expr *e2;    /* REGFILE count, HARDWIRE value, ALIAS read expr */
	gen_pair *pairs; /* GUEST settings, ENUM entries, PARAM values (value only) */
	int npairs;
	const char **idents; /* NAMES list (identifiers, pc, npc or strings) */
	int nidents;
	const char *pattern; /* INSN / ILLEGAL encoding string */
	gen_loc pattern_loc;
	const char *tmpl; /* INSN template string */
	gen_loc tmpl_loc;
	gen_stmt *stmts; /* INSN / FUNC body (NULL with has_body 0 = missing) */
	int has_body;
	gen_pair *args; /* FUNC/HELPER parameters: name, width expr */
	int nargs;
	gen_expr *ret_e; /* FUNC/HELPER result width (NULL: none) */
	int big_endian;  /* ENDIAN */
	/* Set by the checker: */
	int ret_width;        /* FUNC/HELPER, 0 = none */
	int *arg_widths;      /* FUNC/HELPER */
	int count;            /* REGFILE: number of registers */
	int len_bits;         /* INSN/ILLEGAL: encoding length */
	uint32_t mask, match; /* INSN/ILLEGAL: fixed bits */
	int overlap_group;    /* INSN/ILLEGAL: 0 = none, else group number */
	int order;            /* INSN/ILLEGAL: position in the description (priority) */
	gen_expr *pred;       /* INSN: predicate from an enclosing `predicated` */
	gen_tmpl_seg *segs;   /* INSN: parsed template */
	int nsegs;
	unsigned flags; /* INSN (and FUNC): RT_INSN_* bits (rt_guest.h), including
	                           those of the funcs it calls; `delay pc` sets only
	                           RT_INSN_DELAY */
	int id;         /* INSN: dense id, in description order; ILLEGAL: -1 */
	int nlocals;    /* INSN/FUNC: locals + loop variables numbered 0.. */
};

/* A parsed file set (one ISA, one hw device, or one board). */
typedef enum gen_file_kind { GEN_F_ISA, GEN_F_HW, GEN_F_BOARD } gen_file_kind;

/* ---- hardware and board files --------------------------------------- */

typedef struct gen_hw_field {
	const char *name;
	int hi, lo;
	gen_loc loc;
} gen_hw_field;

typedef struct gen_hw_reg {
	const char *name;
	gen_loc loc;
	uint64_t offset;
	int width;    /* 8, 16, 32, 64 */
	int storage;  /* rw: has a value in the regs struct */
	int readonly; /* ro */
	int fast;     /* fast: served in the vCPU's task, not through IPC */
	uint64_t reset;
	const char *read_fn; /* handler name or NULL */
	const char *write_fn;
	gen_hw_field *fields;
	int nfields;
} gen_hw_reg;

typedef struct gen_hw {
	const char *name; /* device type name */
	gen_loc loc;
	gen_hw_reg *regs;
	int nregs;
	const char **irqs; /* output names */
	int nirqs;
} gen_hw;

typedef struct gen_board_dev {
	const char *name; /* instance */
	const char *type; /* device type (a .hw file's device) */
	gen_loc loc;
	uint64_t base, size;
	const gen_hw *hw; /* resolved by the checker */
} gen_board_dev;

typedef struct gen_board_irq {
	const char *dev, *out; /* dev.out */
	int line;              /* CPU interrupt line */
	gen_loc loc;
} gen_board_irq;

typedef struct gen_board_boot {
	int regfile_index;
	const char *regfile;
	uint64_t value;
	gen_loc loc;
} gen_board_boot;

typedef struct gen_board {
	const char *name;
	gen_loc loc;
	const char *isa; /* family */
	uint64_t ram_base, ram_size;
	gen_loc ram_loc; /* where `ram` is declared */
	gen_board_dev *devs;
	int ndevs;
	gen_board_irq *irqs;
	int nirqs;
	const char *console; /* device instance name or NULL */
	gen_board_boot *boot;
	int nboot;
} gen_board;

/* ---- the checked ISA: what emitters consume ----------------------- */

typedef struct gen_isa {
	const char *family; /* isa NAME */
	const char *guest;  /* -g NAME (C prefix) */
	const char **files; /* description files, for generated headers */
	int nfiles;
	int big_endian;
	int elf_machine;
	int word_bits;
	int parcel_bits;
	gen_expr *length; /* checked `length` expression over insn */
	int max_len_bits;
	gen_decl **params;
	int nparams;
	gen_decl **regfiles;
	int nregfiles; /* with names/hardwire/alias folded in: */
	gen_decl **regs;
	int nregs;
	gen_decl **enums;
	int nenums;
	gen_decl **fields;
	int nfields;
	gen_decl **funcs;
	int nfuncs;
	gen_decl **helpers;
	int nhelpers;
	gen_decl **insns;
	int ninsns;            /* GEN_D_INSN and GEN_D_ILLEGAL, description order */
	int nslots;            /* total uint64_t register slots */
	uint64_t exc[8];       /* rt_exc_kind order (rt_guest.h) */
	const char *translate; /* `translate NAME;`: hook <family>_NAME, or NULL */
	/* per regfile (same index as regfiles): */
	const char ***regnames; /* NULL or count names */
	int *hardwired;         /* index of hard-wired reg or -1 */
	uint64_t *hardwired_value;
	int *alias_index;      /* pc alias index or -1 */
	gen_expr **alias_read; /* checked read expression or NULL */
} gen_isa;

/* ---- diagnostics (diag.c) ------------------------------------------ */

/* Print `file:line:col: error: msg`, the source line and a caret; counts the
 * error. Never exits. */
void gen_error(gen_loc loc, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Number of errors reported so far. */
int gen_error_count(void);

/* ---- front end -------------------------------------------------------- */

/* Parse one ISA file, appending its declarations to *list. Returns 0 on
 * success, -1 after reporting errors through gen_error (also when the file
 * is a device or board description), -2 when the file cannot be read (errno
 * tells why; nothing is reported). */
int gen_parse_file(const char *path, gen_decl **list);

/* Check and elaborate an ISA for the given parameter values (-D name=value,
 * or guest NAME's settings). Returns NULL after reporting errors. */
gen_isa *gen_check_isa(gen_decl *decls, const char *guest, const char **defs, int ndefs);

/* Parse and check a .hw file / a .board file (device types looked up as
 * <type>.hw in the given directories, then the board's own directory and
 * its ../hw). NULL after reporting errors, or with nothing reported when the
 * file cannot be read. A checked board's devs are sorted by base. */
gen_hw *gen_load_hw(const char *path);
gen_board *gen_load_board(const char *path, const char **hwdirs, int nhwdirs);

/* ---- emitters (emit_*.c); each returns 0 or -1 on an I/O error ------ */

int gen_emit_guest_h(const gen_isa *isa, FILE *out); /* <guest>_guest.h: slots, prototypes */
int gen_emit_decode(const gen_isa *isa, FILE *out);  /* <guest>_decode.c */
int gen_emit_interp(const gen_isa *isa, FILE *out);  /* <guest>_interp.c (+ the rt_guest) */
int gen_emit_disasm(const gen_isa *isa, FILE *out);  /* <guest>_disasm.c */
int gen_emit_jit(const gen_isa *isa, FILE *out);     /* <guest>_emit.c: LLVM-IR emitters */
int gen_emit_hw(const gen_hw *hw, FILE *h, FILE *c); /* dev_<name>_regs.h/.c */
int gen_emit_board(const gen_board *b, FILE *out);   /* <board>_hw.c */

#endif /* GEN_AST_H */
