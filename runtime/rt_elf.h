/* rt_elf.h: guest ELF images (libelf/gelf): validation, guest selection,
 * loading PT_LOAD segments into guest RAM, symbols, executable sections.
 *
 * Every header, segment and section is range-checked against the file
 * before use: malformed, truncated or foreign files give an error code and
 * a one-line message, never a crash. */
#ifndef RT_ELF_H
#define RT_ELF_H

#include <stddef.h>
#include <stdint.h>

#include "rt_err.h"
#include "rt_guest.h"

typedef struct rt_elf rt_elf;

/* Largest guest file accepted. */
#define RT_ELF_MAX_SIZE ((size_t)1 << 30)

/* Read and validate an ELF file: the ELF header is checked before the rest
 * is read, the file is read once (at most RT_ELF_MAX_SIZE bytes), and a
 * FIFO or a device is refused without waiting on it. Errors: RT_ERR_NOFILE,
 * RT_ERR_ISDIR, RT_ERR_IO (not a regular file, too large, symlink loop,
 * read error), RT_ERR_NOTELF, RT_ERR_TRUNCATED, RT_ERR_BADELF,
 * RT_ERR_NOMEM; the message (prefixed with the path) is in err. */
rt_err rt_elf_open(const char *path, rt_elf **out, char *err, size_t n);

/* The same from a memory image (copied). `name` prefixes messages. */
rt_err rt_elf_open_mem(const char *name, const void *data, size_t size, rt_elf **out, char *err,
                       size_t n);

/* Release an image. NULL is a no-op. */
void rt_elf_close(rt_elf *e);

/* Header facts: e_machine, class (32/64), 1 if big-endian, entry point. */
unsigned rt_elf_machine(const rt_elf *e);
unsigned rt_elf_class(const rt_elf *e);
int rt_elf_big_endian(const rt_elf *e);
uint64_t rt_elf_entry(const rt_elf *e);

/* The first guest of the NULL-terminated list that runs this ELF (machine,
 * class and byte order agree). Errors: RT_ERR_ARCH (message lists the
 * guests of the list). */
rt_err rt_elf_pick_guest(const rt_elf *e, const rt_guest *const *guests, const rt_guest **out,
                         char *err, size_t n);

/* Copy every non-empty PT_LOAD segment (at its physical address) into RAM
 * and zero its bss part, then check the entry point lies in one of them
 * (by virtual address). Errors: RT_ERR_RANGE (a segment outside
 * [ram_base, ram_base + ram_size), or the entry point outside every
 * segment). */
rt_err rt_elf_load(const rt_elf *e, uint8_t *ram, uint64_t ram_base, uint64_t ram_size, char *err,
                   size_t n);

/* The same for guest g: a guest with an address translation hook
 * (rt_guest.translate) has each segment's address translated by the
 * hook's loader view first (MIPS: kseg0/kseg1 to physical), and the entry
 * point must fit g's address width (word_bits). g may be NULL. */
rt_err rt_elf_load_guest(const rt_elf *e, const rt_guest *g, uint8_t *ram, uint64_t ram_base,
                         uint64_t ram_size, char *err, size_t n);

/* Value of the symbol `name`; 1 if found, 0 if not. */
int rt_elf_symbol(const rt_elf *e, const char *name, uint64_t *value);

/* Name of a function or untyped global/local symbol whose value is addr
 * (NULL if none); for disassembly labels. */
const char *rt_elf_label_at(const rt_elf *e, uint64_t addr);

/* The nearest such symbol at or below addr (NULL if none) and addr's
 * offset from it: `<sym+0x10>` annotations of branch targets. */
const char *rt_elf_label_before(const rt_elf *e, uint64_t addr, uint64_t *off);

/* Call fn for each executable (SHF_EXECINSTR, with contents) section in
 * file order; stops early and returns fn's nonzero result. */
typedef int (*rt_elf_section_fn)(void *arg, const char *name, uint64_t addr, const uint8_t *data,
                                 uint64_t size);
int rt_elf_exec_sections(const rt_elf *e, rt_elf_section_fn fn, void *arg);

#endif /* RT_ELF_H */
