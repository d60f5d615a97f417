/* parser.y: grammar of the Morph description language (docs/language.md).
 *
 * One grammar reads all three kinds of file; the first keyword selects the
 * kind (`device` -> .hw, `board` -> .board, anything else -> .isa). Every
 * action is one call to a builder in ast.c, named after its production.
 * Semantic values live in the front end's arena (front.h), so no %destructor
 * is needed: nothing dropped during error handling leaks or needs freeing.
 */
%code requires {
#include "front.h"
#ifndef GEN_YYSCAN_T
#define GEN_YYSCAN_T
typedef void *yyscan_t;
#endif
}

%code provides {
int gen_yylex(GEN_YYSTYPE *lval, GEN_YYLTYPE *lloc, yyscan_t scanner);
}

%code {
#include <stdio.h>
#include <string.h>

/* A gen_loc for a bison location. */
#define LOC(l) gen_mkloc(ctx, (l).first_line, (l).first_column)

static void gen_yyerror(GEN_YYLTYPE *loc, yyscan_t scanner, gen_pctx *ctx, const char *msg);
}

%define api.pure full
%define api.prefix {gen_yy}
%define api.token.prefix {GEN_YY_}
%define parse.error custom
%define parse.lac full
%locations
%expect 0
%param {yyscan_t scanner}
%parse-param {gen_pctx *ctx}

%union {
	gen_numtok num;
	const char *str;
	gen_expr *e;
	gen_stmt *s;
	gen_decl *d;
	gen_vec *v;
	gen_pair *pair;
	gen_hw_decl *hwd;
	gen_hw_attr *hwa;
	gen_hw_item *hwi;
	gen_board_item *bi;
	gen_board_boot *bb;
}

%token END 0 "end of file"
%token <str> IDENT "identifier"
%token <num> NUM "number"
%token <str> STRING "string"
%token <num> MEM "memory access (memN)"
%token ISA "isa" PARAM "param" GUEST "guest" ENDIAN "endian" ELF "elf"
%token WORD "word" PARCEL "parcel" LENGTH "length" REGFILE "regfile"
%token NAMES "names" HARDWIRE "hardwire" REG "reg" ALIAS "alias" ENUM "enum"
%token FIELD "field" INSN "insn" ILLEGAL "illegal" OVERLAP "overlap"
%token PREDICATED "predicated" FUNC "func" HELPER "helper" EXCEPTION "exception"
%token TRANSLATE "translate"
%token IF "if" ELSE "else" LET "let" DELAY "delay" FOR "for" RETURN "return"
%token RAISE "raise" PC "pc" NPC "npc" DEVICE "device" BOARD "board" IRQ "irq"
%token LPAREN "(" RPAREN ")" LBRACK "[" RBRACK "]" LBRACE "{" RBRACE "}"
%token SEMI ";" COMMA "," COLON ":" ASSIGN "=" AT "@" ARROW "->" DOTDOT ".."
%token QUEST "?" OROR "||" ANDAND "&&" OR "|" XOR "^" AND "&"
%token EQ "==" NE "!=" LT "<" LE "<=" GT ">" GE ">="
%token LTS "<s" LES "<=s" GTS ">s" GES ">=s"
%token SHL "<<" SHR ">>" SAR ">>>" PLUS "+" MINUS "-" STAR "*"
%token TILDE "~" BANG "!"

%right "?"
%left "||"
%left "&&"
%left "|"
%left "^"
%left "&"
%left "==" "!="
%left "<" "<=" ">" ">=" "<s" "<=s" ">s" ">=s"
%left "<<" ">>" ">>>"
%left "+" "-"
%left "*"
%precedence UNARY

%type <str> regname
%type <e> expr postfix primary call lvalue lname opt_ret
%type <v> exprs opt_exprs settings idents enum_entries fparams fparam_list
%type <v> top_else decls stmts hw_items hw_attrs hw_regitems board_items boot_items
%type <d> decl top_if
%type <s> stmt if_stmt block
%type <pair> setting enum_entry fparam
%type <hwd> hw_item
%type <hwa> hw_attr
%type <hwi> hw_regitem
%type <bi> board_item
%type <bb> boot_item

%start file

%%

/* file -> isa_file | hw_file | board_file */
file:
	isa_file
|	hw_file
|	board_file
;

/* isa_file -> decls */
isa_file:
	decls                { gen_isa_file(ctx, LOC(@$), $1); }
;

/* decls -> decl* (a gen_vec of gen_decl, linked by the group builders) */
decls:
	%empty               { $$ = NULL; }
|	decls decl           { $$ = gen_new_list($1, $2); }
;

/* decl -> one ISA declaration */
decl:
	"isa" IDENT ";"                     { $$ = gen_new_decl(ctx, LOC(@1), GEN_D_ISA, $2, NULL, NULL); }
|	"param" IDENT ":" "{" exprs "}" ";" { $$ = gen_new_param(ctx, LOC(@1), $2, $5); }
|	"guest" IDENT "{" settings "}"      { $$ = gen_new_guest(ctx, LOC(@1), $2, $4); }
|	"endian" IDENT ";"                  { $$ = gen_new_endian(ctx, LOC(@1), $2, LOC(@2)); }
|	"elf" expr ";"                      { $$ = gen_new_decl(ctx, LOC(@1), GEN_D_ELF, NULL, $2, NULL); }
|	"translate" IDENT ";"               { $$ = gen_new_decl(ctx, LOC(@1), GEN_D_TRANSLATE, $2, NULL, NULL); }
|	"word" expr ";"                     { $$ = gen_new_decl(ctx, LOC(@1), GEN_D_WORD, NULL, $2, NULL); }
|	"parcel" expr ";"                   { $$ = gen_new_decl(ctx, LOC(@1), GEN_D_PARCEL, NULL, $2, NULL); }
|	"length" "=" expr ";"               { $$ = gen_new_decl(ctx, LOC(@1), GEN_D_LENGTH, NULL, $3, NULL); }
|	"regfile" IDENT "[" expr "]" ":" expr ";"
	                                    { $$ = gen_new_decl(ctx, LOC(@1), GEN_D_REGFILE, $2, $7, $4); }
|	"names" IDENT "{" idents "}"        { $$ = gen_new_names(ctx, LOC(@1), $2, $4); }
|	"hardwire" IDENT "[" expr "]" "=" expr ";"
	                                    { $$ = gen_new_decl(ctx, LOC(@1), GEN_D_HARDWIRE, $2, $4, $7); }
|	"reg" IDENT ":" expr ";"            { $$ = gen_new_decl(ctx, LOC(@1), GEN_D_REG, $2, $4, NULL); }
|	"alias" IDENT "[" expr "]" "=" "pc" ";"
	                                    { $$ = gen_new_alias(ctx, LOC(@1), $2, $4, NULL, LOC(@7), NULL); }
|	"alias" IDENT "[" expr "]" "=" "pc" IDENT expr ";"
	                                    { $$ = gen_new_alias(ctx, LOC(@1), $2, $4, $8, LOC(@8), $9); }
|	"enum" IDENT ":" expr "{" enum_entries "}"
	                                    { $$ = gen_new_enum(ctx, LOC(@1), $2, $4, $6); }
|	"field" IDENT "=" expr ";"          { $$ = gen_new_decl(ctx, LOC(@1), GEN_D_FIELD, $2, $4, NULL); }
|	"insn" IDENT STRING STRING block    { $$ = gen_new_insn(ctx, LOC(@2), $2, $3, LOC(@3), $4, LOC(@4), $5); }
|	"insn" IDENT STRING STRING ";"      { $$ = gen_new_insn(ctx, LOC(@2), $2, $3, LOC(@3), $4, LOC(@4), NULL); }
|	"insn" IDENT STRING block           { $$ = gen_new_insn(ctx, LOC(@2), $2, $3, LOC(@3), NULL, LOC(@3), $4); }
|	"insn" IDENT STRING ";"             { $$ = gen_new_insn(ctx, LOC(@2), $2, $3, LOC(@3), NULL, LOC(@3), NULL); }
|	"illegal" STRING ";"                { $$ = gen_new_illegal(ctx, LOC(@1), $2, LOC(@2)); }
|	"overlap" "{" decls "}"             { $$ = gen_new_group(ctx, LOC(@1), GEN_D_OVERLAP, NULL, $3, NULL); }
|	"predicated" "(" expr ")" "{" decls "}"
	                                    { $$ = gen_new_group(ctx, LOC(@1), GEN_D_PREDICATED, $3, $6, NULL); }
|	"func" IDENT "(" fparams ")" opt_ret block
	                                    { $$ = gen_new_func(ctx, LOC(@2), GEN_D_FUNC, $2, $4, $6, $7); }
|	"helper" IDENT "(" fparams ")" opt_ret ";"
	                                    { $$ = gen_new_func(ctx, LOC(@2), GEN_D_HELPER, $2, $4, $6, NULL); }
|	"exception" IDENT "=" expr ";"      { $$ = gen_new_decl(ctx, LOC(@2), GEN_D_EXCEPTION, $2, $4, NULL); }
|	top_if                              { $$ = $1; }
;

/* top_if -> "if" "(" expr ")" "{" decls "}" top_else */
top_if:
	"if" "(" expr ")" "{" decls "}" top_else
	                     { $$ = gen_new_group(ctx, LOC(@1), GEN_D_IF, $3, $6, $8); }
;

/* top_else -> [ "else" ( "{" decls "}" | top_if ) ] */
top_else:
	%empty               { $$ = NULL; }
|	"else" "{" decls "}" { $$ = $3; }
|	"else" top_if        { $$ = gen_new_list(NULL, $2); }
;

/* settings -> setting* */
settings:
	%empty               { $$ = NULL; }
|	settings setting     { $$ = gen_new_list($1, $2); }
;

/* setting -> IDENT "=" expr ";" */
setting:
	IDENT "=" expr ";"   { $$ = gen_new_pair(ctx, LOC(@1), $1, $3, NULL); }
;

/* idents -> regname ("," regname)* [","] */
idents:
	regname              { $$ = gen_new_list(NULL, (void *)$1); }
|	idents "," regname   { $$ = gen_new_list($1, (void *)$3); }
|	idents ","           { $$ = $1; }
;

/* regname -> IDENT | "pc" | "npc" | STRING (a register's display name) */
regname:
	IDENT                { $$ = $1; }
|	"pc"                 { $$ = "pc"; }
|	"npc"                { $$ = "npc"; }
|	STRING               { $$ = $1; }
;

/* enum_entries -> enum_entry ("," enum_entry)* [","] */
enum_entries:
	enum_entry                    { $$ = gen_new_list(NULL, $1); }
|	enum_entries "," enum_entry   { $$ = gen_new_list($1, $3); }
|	enum_entries ","              { $$ = $1; }
;

/* enum_entry -> expr "=" STRING */
enum_entry:
	expr "=" STRING      { $$ = gen_new_pair(ctx, LOC(@1), NULL, $1, $3); }
;

/* fparams -> [fparam ("," fparam)*] */
fparams:
	%empty               { $$ = NULL; }
|	fparam_list          { $$ = $1; }
;

fparam_list:
	fparam                   { $$ = gen_new_list(NULL, $1); }
|	fparam_list "," fparam   { $$ = gen_new_list($1, $3); }
;

/* fparam -> IDENT ":" expr */
fparam:
	IDENT ":" expr       { $$ = gen_new_pair(ctx, LOC(@1), $1, $3, NULL); }
;

/* opt_ret -> [":" expr] */
opt_ret:
	%empty               { $$ = NULL; }
|	":" expr             { $$ = $2; }
;

/* ---- statements ---- */

/* block -> "{" stmt* "}" */
block:
	"{" stmts "}"        { $$ = gen_new_block(ctx, LOC(@1), $2); }
;

/* stmts -> stmt* (a gen_vec, linked by gen_new_block) */
stmts:
	%empty               { $$ = NULL; }
|	stmts stmt           { $$ = gen_new_list($1, $2); }
;

/* stmt -> one statement */
stmt:
	"let" IDENT "=" expr ";"             { $$ = gen_new_let(ctx, LOC(@1), $2, NULL, $4); }
|	"let" IDENT ":" expr "=" expr ";"    { $$ = gen_new_let(ctx, LOC(@1), $2, $4, $6); }
|	lvalue "=" expr ";"                  { $$ = gen_new_assign(ctx, LOC(@2), $1, $3); }
|	"delay" "pc" "=" expr ";"            { $$ = gen_new_delay(ctx, LOC(@1), $4); }
|	if_stmt                              { $$ = $1; }
|	"for" IDENT IDENT expr ".." expr block
	                                     { $$ = gen_new_for(ctx, LOC(@1), $2, $3, LOC(@3), $4, $6, $7); }
|	"raise" "(" expr "," expr ")" ";"    { $$ = gen_new_raise(ctx, LOC(@1), $3, $5); }
|	call ";"                             { $$ = gen_new_callstmt(ctx, LOC(@1), $1); }
|	"return" ";"                         { $$ = gen_new_return(ctx, LOC(@1), NULL); }
|	"return" expr ";"                    { $$ = gen_new_return(ctx, LOC(@1), $2); }
|	block                                { $$ = $1; }
;

/* if_stmt -> "if" "(" expr ")" block [ "else" ( block | if_stmt ) ] */
if_stmt:
	"if" "(" expr ")" block                  { $$ = gen_new_if(ctx, LOC(@1), $3, $5, NULL); }
|	"if" "(" expr ")" block "else" block     { $$ = gen_new_if(ctx, LOC(@1), $3, $5, $7); }
|	"if" "(" expr ")" block "else" if_stmt   { $$ = gen_new_if(ctx, LOC(@1), $3, $5, $7); }
;

/* lvalue -> lname | lname "[" expr "]" | "pc" | "npc" | MEM "[" expr "]" */
lvalue:
	lname                { $$ = $1; }
|	lname "[" expr "]"   { $$ = gen_new_index(ctx, LOC(@2), $1, $3); }
|	"pc"                 { $$ = gen_new_leaf(ctx, LOC(@1), GEN_E_PC); }
|	"npc"                { $$ = gen_new_leaf(ctx, LOC(@1), GEN_E_NPC); }
|	MEM "[" expr "]"     { $$ = gen_new_mem(ctx, LOC(@1), $1.width, $3); }
;

/* lname -> IDENT (a name being assigned) */
lname:
	IDENT                { $$ = gen_new_name(ctx, LOC(@1), $1); }
;

/* ---- expressions ---- */

/* expr -> expr binop expr | unop expr | expr "?" expr ":" expr | postfix */
expr:
	expr "?" expr ":" expr %prec "?"  { $$ = gen_new_cond(ctx, LOC(@2), $1, $3, $5); }
|	expr "||" expr       { $$ = gen_new_binary(ctx, LOC(@2), GEN_OP_LOR, $1, $3); }
|	expr "&&" expr       { $$ = gen_new_binary(ctx, LOC(@2), GEN_OP_LAND, $1, $3); }
|	expr "|" expr        { $$ = gen_new_binary(ctx, LOC(@2), GEN_OP_OR, $1, $3); }
|	expr "^" expr        { $$ = gen_new_binary(ctx, LOC(@2), GEN_OP_XOR, $1, $3); }
|	expr "&" expr        { $$ = gen_new_binary(ctx, LOC(@2), GEN_OP_AND, $1, $3); }
|	expr "==" expr       { $$ = gen_new_binary(ctx, LOC(@2), GEN_OP_EQ, $1, $3); }
|	expr "!=" expr       { $$ = gen_new_binary(ctx, LOC(@2), GEN_OP_NE, $1, $3); }
|	expr "<" expr        { $$ = gen_new_binary(ctx, LOC(@2), GEN_OP_LTU, $1, $3); }
|	expr "<=" expr       { $$ = gen_new_binary(ctx, LOC(@2), GEN_OP_LEU, $1, $3); }
|	expr ">" expr        { $$ = gen_new_binary(ctx, LOC(@2), GEN_OP_GTU, $1, $3); }
|	expr ">=" expr       { $$ = gen_new_binary(ctx, LOC(@2), GEN_OP_GEU, $1, $3); }
|	expr "<s" expr       { $$ = gen_new_binary(ctx, LOC(@2), GEN_OP_LTS, $1, $3); }
|	expr "<=s" expr      { $$ = gen_new_binary(ctx, LOC(@2), GEN_OP_LES, $1, $3); }
|	expr ">s" expr       { $$ = gen_new_binary(ctx, LOC(@2), GEN_OP_GTS, $1, $3); }
|	expr ">=s" expr      { $$ = gen_new_binary(ctx, LOC(@2), GEN_OP_GES, $1, $3); }
|	expr "<<" expr       { $$ = gen_new_binary(ctx, LOC(@2), GEN_OP_SHL, $1, $3); }
|	expr ">>" expr       { $$ = gen_new_binary(ctx, LOC(@2), GEN_OP_SHR, $1, $3); }
|	expr ">>>" expr      { $$ = gen_new_binary(ctx, LOC(@2), GEN_OP_SAR, $1, $3); }
|	expr "+" expr        { $$ = gen_new_binary(ctx, LOC(@2), GEN_OP_ADD, $1, $3); }
|	expr "-" expr        { $$ = gen_new_binary(ctx, LOC(@2), GEN_OP_SUB, $1, $3); }
|	expr "*" expr        { $$ = gen_new_binary(ctx, LOC(@2), GEN_OP_MUL, $1, $3); }
|	"-" expr %prec UNARY { $$ = gen_new_unary(ctx, LOC(@1), GEN_OP_NEG, $2); }
|	"~" expr %prec UNARY { $$ = gen_new_unary(ctx, LOC(@1), GEN_OP_NOT, $2); }
|	"!" expr %prec UNARY { $$ = gen_new_unary(ctx, LOC(@1), GEN_OP_LNOT, $2); }
|	postfix              { $$ = $1; }
;

/* postfix -> primary | postfix "[" expr "]" | postfix "[" expr ":" expr "]" */
postfix:
	primary                          { $$ = $1; }
|	postfix "[" expr "]"             { $$ = gen_new_index(ctx, LOC(@2), $1, $3); }
|	postfix "[" expr ":" expr "]"    { $$ = gen_new_slice(ctx, LOC(@2), $1, $3, $5); }
;

/* primary -> NUM | IDENT | "pc" | "npc" | "insn" | "(" expr ")" | "{" exprs "}" | MEM "[" expr "]" | call */
primary:
	NUM                  { $$ = gen_new_num(ctx, LOC(@1), $1); }
|	IDENT                { $$ = gen_new_name(ctx, LOC(@1), $1); }
|	"pc"                 { $$ = gen_new_leaf(ctx, LOC(@1), GEN_E_PC); }
|	"npc"                { $$ = gen_new_leaf(ctx, LOC(@1), GEN_E_NPC); }
|	"insn"               { $$ = gen_new_leaf(ctx, LOC(@1), GEN_E_INSN); }
|	"(" expr ")"         { $$ = $2; }
|	"{" exprs "}"        { $$ = gen_new_concat(ctx, LOC(@1), $2); }
|	MEM "[" expr "]"     { $$ = gen_new_mem(ctx, LOC(@1), $1.width, $3); }
|	call                 { $$ = $1; }
;

/* call -> IDENT "(" [expr ("," expr)*] ")" */
call:
	IDENT "(" opt_exprs ")"   { $$ = gen_new_call(ctx, LOC(@1), $1, $3); }
;

opt_exprs:
	%empty               { $$ = NULL; }
|	exprs                { $$ = $1; }
;

/* exprs -> expr ("," expr)* */
exprs:
	expr                 { $$ = gen_new_list(NULL, $1); }
|	exprs "," expr       { $$ = gen_new_list($1, $3); }
;

/* ---- device files ---- */

/* hw_file -> "device" IDENT "{" hw_item* "}" */
hw_file:
	"device" IDENT "{" hw_items "}"   { gen_hw_file(ctx, LOC(@1), $2, $4); }
;

hw_items:
	%empty               { $$ = NULL; }
|	hw_items hw_item     { $$ = gen_new_list($1, $2); }
;

/* hw_item -> "reg" IDENT "@" NUM ":" NUM hw_attr* (";" | "{" hw_regitem* "}") | "irq" IDENT ";" */
hw_item:
	"reg" IDENT "@" NUM ":" NUM hw_attrs ";"
	                     { $$ = gen_new_hw_reg(ctx, LOC(@2), $2, $4, $6, $7, NULL); }
|	"reg" IDENT "@" NUM ":" NUM hw_attrs "{" hw_regitems "}"
	                     { $$ = gen_new_hw_reg(ctx, LOC(@2), $2, $4, $6, $7, $9); }
|	"irq" IDENT ";"      { $$ = gen_new_hw_irq(ctx, LOC(@2), $2); }
;

hw_attrs:
	%empty               { $$ = NULL; }
|	hw_attrs hw_attr     { $$ = gen_new_list($1, $2); }
;

/* hw_attr -> "rw" | "ro" | "reset" NUM */
hw_attr:
	IDENT                { $$ = gen_new_hw_attr(ctx, LOC(@1), $1, NULL); }
|	IDENT NUM            { $$ = gen_new_hw_attr(ctx, LOC(@1), $1, &$2); }
;

hw_regitems:
	%empty                   { $$ = NULL; }
|	hw_regitems hw_regitem   { $$ = gen_new_list($1, $2); }
;

/* hw_regitem -> IDENT "=" IDENT ";" | "field" IDENT "=" "[" NUM [":" NUM] "]" ";" */
hw_regitem:
	IDENT "=" IDENT ";"                       { $$ = gen_new_hw_side(ctx, LOC(@1), $1, $3); }
|	"field" IDENT "=" "[" NUM "]" ";"         { $$ = gen_new_hw_field(ctx, LOC(@2), $2, $5, NULL); }
|	"field" IDENT "=" "[" NUM ":" NUM "]" ";" { $$ = gen_new_hw_field(ctx, LOC(@2), $2, $5, &$7); }
;

/* ---- board files ---- */

/* board_file -> "board" IDENT "{" board_item* "}" */
board_file:
	"board" IDENT "{" board_items "}"   { gen_board_file(ctx, LOC(@1), $2, $4); }
;

board_items:
	%empty                   { $$ = NULL; }
|	board_items board_item   { $$ = gen_new_list($1, $2); }
;

/* board_item -> isa / ram / device / irq / console / boot */
board_item:
	"isa" IDENT ";"                  { $$ = gen_new_board_isa(ctx, LOC(@2), $2); }
|	IDENT NUM IDENT NUM ";"          { $$ = gen_new_board_ram(ctx, LOC(@1), $1, $2, $3, LOC(@3), $4); }
|	"device" IDENT ":" IDENT "@" NUM IDENT NUM ";"
	                                 { $$ = gen_new_board_dev(ctx, LOC(@2), $2, $4, $6, $7, LOC(@7), $8); }
|	"irq" IDENT "->" NUM ";"         { $$ = gen_new_board_irq(ctx, LOC(@2), $2, $4); }
|	IDENT IDENT ";"                  { $$ = gen_new_board_word(ctx, LOC(@1), $1, $2); }
|	IDENT "{" boot_items "}"         { $$ = gen_new_board_boot(ctx, LOC(@1), $1, $3); }
;

boot_items:
	%empty                   { $$ = NULL; }
|	boot_items boot_item     { $$ = gen_new_list($1, $2); }
;

/* boot_item -> IDENT "[" NUM "]" "=" NUM ";" | IDENT "=" NUM ";" */
boot_item:
	IDENT "[" NUM "]" "=" NUM ";"    { $$ = gen_new_boot_reg(ctx, LOC(@1), $1, &$3, $6); }
|	IDENT "=" NUM ";"                { $$ = gen_new_boot_reg(ctx, LOC(@1), $1, NULL, $3); }
;

%%

/* Is this token one that merely continues an expression (an operator)? */
static int continues_expr(yysymbol_kind_t k)
{
	switch (k) {
	case YYSYMBOL_QUEST: case YYSYMBOL_OROR: case YYSYMBOL_ANDAND:
	case YYSYMBOL_OR: case YYSYMBOL_XOR: case YYSYMBOL_AND:
	case YYSYMBOL_EQ: case YYSYMBOL_NE: case YYSYMBOL_LT: case YYSYMBOL_LE:
	case YYSYMBOL_GT: case YYSYMBOL_GE: case YYSYMBOL_LTS: case YYSYMBOL_LES:
	case YYSYMBOL_GTS: case YYSYMBOL_GES: case YYSYMBOL_SHL: case YYSYMBOL_SHR:
	case YYSYMBOL_SAR: case YYSYMBOL_PLUS: case YYSYMBOL_MINUS: case YYSYMBOL_STAR:
	case YYSYMBOL_LBRACK: case YYSYMBOL_LPAREN:
		return 1;
	default:
		return 0;
	}
}

/* Append a token's display name: "x" for punctuation and keywords; the
 * text of the lookahead identifier or number when tok is given. */
static void add_name(char *buf, size_t n, yysymbol_kind_t k, const char *tok)
{
	size_t l = strlen(buf);
	if (l >= n)
		return;
	switch (k) {
	case YYSYMBOL_YYEOF: case YYSYMBOL_YYerror: case YYSYMBOL_YYUNDEF:
	case YYSYMBOL_STRING: case YYSYMBOL_MEM:
		snprintf(buf + l, n - l, "%s", yysymbol_name(k));
		break;
	case YYSYMBOL_IDENT: case YYSYMBOL_NUM:
		if (tok)
			snprintf(buf + l, n - l, "%s '%.60s'", yysymbol_name(k), tok);
		else
			snprintf(buf + l, n - l, "%s", yysymbol_name(k));
		break;
	default:
		snprintf(buf + l, n - l, "\"%s\"", yysymbol_name(k));
		break;
	}
}

/* Can this token start an expression? */
static int starts_expr(yysymbol_kind_t k)
{
	switch (k) {
	case YYSYMBOL_IDENT: case YYSYMBOL_NUM: case YYSYMBOL_PC: case YYSYMBOL_NPC:
	case YYSYMBOL_INSN: case YYSYMBOL_LPAREN: case YYSYMBOL_LBRACE: case YYSYMBOL_MEM:
	case YYSYMBOL_MINUS: case YYSYMBOL_TILDE: case YYSYMBOL_BANG:
		return 1;
	default:
		return 0;
	}
}

/* Report `unexpected X, expecting A or B` at the lookahead. Operators are
 * left out of the expected list when something else is also possible (so
 * `x = a + b }` says `expecting ";"`), and the tokens that start an
 * expression read as "an expression". */
static int yyreport_syntax_error(const yypcontext_t *yctx, yyscan_t scanner, gen_pctx *ctx)
{
	enum { MAX = YYNTOKENS };
	yysymbol_kind_t exp[MAX], keep[MAX];
	int n = yypcontext_expected_tokens(yctx, exp, MAX), nk = 0, ops = 0, expr = 0;
	char buf[512] = "unexpected ";
	(void)scanner;
	add_name(buf, sizeof buf, yypcontext_token(yctx), ctx->tok);
	for (int i = 0; i < n; i++)
		expr += exp[i] == YYSYMBOL_NUM || exp[i] == YYSYMBOL_TILDE;
	expr = expr == 2;
	for (int i = 0; i < n; i++) {
		if (continues_expr(exp[i]))
			ops++;
		else if (!expr || !starts_expr(exp[i]))
			keep[nk++] = exp[i];
	}
	if (nk == 0 && !expr && ops > 0 && ops <= 4) {
		for (int i = 0; i < n; i++)
			keep[nk++] = exp[i];
	}
	if (n > 0 && nk + expr > 0 && nk + expr <= 5) {
		strcat(buf, ", expecting ");
		for (int i = 0; i < nk; i++) {
			if (i)
				strcat(buf, " or ");
			add_name(buf, sizeof buf, keep[i], NULL);
		}
		if (expr)
			strcat(buf, nk ? " or an expression" : "an expression");
	}
	const GEN_YYLTYPE *l = yypcontext_location(yctx);
	gen_error(LOC(*l), "%s", buf);
	ctx->errors++;
	return 0;
}

/* Report other parser failures (stack exhaustion on absurd nesting). */
static void gen_yyerror(GEN_YYLTYPE *loc, yyscan_t scanner, gen_pctx *ctx, const char *msg)
{
	(void)scanner;
	if (strstr(msg, "exhausted"))
		gen_error(LOC(*loc), "nesting too deep for the parser (%s)", msg);
	else
		gen_error(LOC(*loc), "%s", msg);
	ctx->errors++;
}
