/* rt_elf.c: guest ELF images through libelf (gelf), checked against the
 * file size before every use. */
#include <gelf.h>
#include <libelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mk.h"
#include "rt_elf.h"

/* A symbol kept for lookups. */
typedef struct elf_sym {
	const char *name;
	uint64_t value;
	int label; /* usable as a disassembly label */
} elf_sym;

struct rt_elf {
	char name[256]; /* path, for messages */
	uint8_t *data;  /* the whole file */
	size_t size;
	int mk_data; /* data came from mk_file_load (release with mk_file_free) */
	Elf *elf;
	GElf_Ehdr eh;
	elf_sym *syms; /* every named symbol */
	size_t nsyms;
	const elf_sym **labels; /* the label symbols sorted by value */
	size_t nlabels;
};

/* Does [off, off + len) lie inside a file of `size` bytes? */
static int in_file(uint64_t off, uint64_t len, size_t size)
{
	return off <= size && len <= size - off;
}

/* Check the identification bytes of the first `size` bytes d of the file
 * `name` (the whole ELF header when the file is that long). */
static rt_err check_ident(const char *name, const uint8_t *d, size_t size, char *err, size_t n)
{
	if (size == 0)
		return rt_error(err, n, RT_ERR_NOTELF, "%s: empty file, not an ELF executable",
		                name);
	if (size < 4 || memcmp(d, ELFMAG, SELFMAG) != 0)
		return rt_error(err, n, RT_ERR_NOTELF, "%s: not an ELF file (bad magic)", name);
	if (size < EI_NIDENT)
		return rt_error(err, n, RT_ERR_TRUNCATED,
		                "%s: truncated ELF file (no identification)", name);
	if (d[EI_CLASS] != ELFCLASS32 && d[EI_CLASS] != ELFCLASS64)
		return rt_error(err, n, RT_ERR_BADELF, "%s: malformed ELF file (bad class %u)",
		                name, d[EI_CLASS]);
	if (d[EI_DATA] != ELFDATA2LSB && d[EI_DATA] != ELFDATA2MSB)
		return rt_error(err, n, RT_ERR_BADELF, "%s: malformed ELF file (bad byte order %u)",
		                name, d[EI_DATA]);
	if (d[EI_VERSION] != EV_CURRENT)
		return rt_error(err, n, RT_ERR_BADELF, "%s: malformed ELF file (bad version %u)",
		                name, d[EI_VERSION]);
	size_t ehsz = d[EI_CLASS] == ELFCLASS32 ? sizeof(Elf32_Ehdr) : sizeof(Elf64_Ehdr);
	if (size < ehsz)
		return rt_error(err, n, RT_ERR_TRUNCATED, "%s: truncated ELF file (ELF header)",
		                name);
	return RT_OK;
}

/* Check the ELF header and the program headers. */
static rt_err check_phdrs(rt_elf *e, char *err, size_t n)
{
	int c64 = e->data[EI_CLASS] == ELFCLASS64;
	size_t phsz = c64 ? sizeof(Elf64_Phdr) : sizeof(Elf32_Phdr);
	GElf_Ehdr *h = &e->eh;
	if (h->e_type != ET_EXEC && h->e_type != ET_DYN)
		return rt_error(err, n, RT_ERR_BADELF, "%s: not an executable (ELF type %u)",
		                e->name, (unsigned)h->e_type);
	if (h->e_phnum == 0)
		return rt_error(err, n, RT_ERR_BADELF,
		                "%s: malformed ELF file (no program headers)", e->name);
	if (h->e_phentsize != phsz)
		return rt_error(err, n, RT_ERR_BADELF,
		                "%s: malformed ELF file (program header size %u)", e->name,
		                (unsigned)h->e_phentsize);
	if (!in_file(h->e_phoff, (uint64_t)h->e_phnum * phsz, e->size))
		return rt_error(err, n, RT_ERR_TRUNCATED,
		                "%s: truncated ELF file (program headers)", e->name);
	for (unsigned i = 0; i < h->e_phnum; i++) {
		GElf_Phdr ph;
		if (!gelf_getphdr(e->elf, (int)i, &ph))
			return rt_error(err, n, RT_ERR_BADELF,
			                "%s: malformed ELF file (program header %u: %s)", e->name,
			                i, elf_errmsg(-1));
		if (ph.p_type != PT_LOAD)
			continue;
		if (ph.p_filesz > ph.p_memsz)
			return rt_error(
			        err, n, RT_ERR_BADELF,
			        "%s: malformed ELF file (segment %u: file size > memory size)",
			        e->name, i);
		if (!in_file(ph.p_offset, ph.p_filesz, e->size))
			return rt_error(err, n, RT_ERR_TRUNCATED,
			                "%s: truncated ELF file (segment %u)", e->name, i);
	}
	return RT_OK;
}

/* Check the section headers and the contents of every section. */
static rt_err check_sections(rt_elf *e, char *err, size_t n)
{
	int c64 = e->data[EI_CLASS] == ELFCLASS64;
	size_t shsz = c64 ? sizeof(Elf64_Shdr) : sizeof(Elf32_Shdr);
	GElf_Ehdr *h = &e->eh;
	size_t shnum;
	if (h->e_shoff == 0)
		return RT_OK; /* no sections: nothing to check */
	if (h->e_shentsize != shsz)
		return rt_error(err, n, RT_ERR_BADELF,
		                "%s: malformed ELF file (section header size %u)", e->name,
		                (unsigned)h->e_shentsize);
	if (h->e_shnum == 0 || h->e_shstrndx == SHN_XINDEX)
		return rt_error(err, n, RT_ERR_BADELF,
		                "%s: malformed ELF file (extended section numbering)", e->name);
	if (!in_file(h->e_shoff, (uint64_t)h->e_shnum * shsz, e->size))
		return rt_error(err, n, RT_ERR_TRUNCATED,
		                "%s: truncated ELF file (section headers)", e->name);
	if (elf_getshdrnum(e->elf, &shnum) != 0 || shnum != h->e_shnum)
		return rt_error(err, n, RT_ERR_BADELF, "%s: malformed ELF file (sections: %s)",
		                e->name, elf_errmsg(-1));
	for (Elf_Scn *s = elf_nextscn(e->elf, NULL); s; s = elf_nextscn(e->elf, s)) {
		GElf_Shdr sh;
		if (!gelf_getshdr(s, &sh))
			return rt_error(err, n, RT_ERR_BADELF,
			                "%s: malformed ELF file (section header: %s)", e->name,
			                elf_errmsg(-1));
		if (sh.sh_type != SHT_NOBITS && sh.sh_type != SHT_NULL &&
		    !in_file(sh.sh_offset, sh.sh_size, e->size))
			return rt_error(err, n, RT_ERR_TRUNCATED,
			                "%s: truncated ELF file (section %zu)", e->name,
			                elf_ndxscn(s));
		if (sh.sh_link >= shnum)
			return rt_error(err, n, RT_ERR_BADELF,
			                "%s: malformed ELF file (section %zu links to %u)", e->name,
			                elf_ndxscn(s), (unsigned)sh.sh_link);
	}
	if (h->e_shstrndx >= shnum)
		return rt_error(err, n, RT_ERR_BADELF,
		                "%s: malformed ELF file (section name table %u)", e->name,
		                (unsigned)h->e_shstrndx);
	return RT_OK;
}

/* Collect the named symbols of every SHT_SYMTAB section (best effort:
 * entries that do not check out are skipped). */
static rt_err read_symbols(rt_elf *e)
{
	for (Elf_Scn *s = elf_nextscn(e->elf, NULL); s; s = elf_nextscn(e->elf, s)) {
		GElf_Shdr sh;
		if (!gelf_getshdr(s, &sh) || sh.sh_type != SHT_SYMTAB || sh.sh_entsize == 0)
			continue;
		Elf_Data *d = elf_getdata(s, NULL);
		if (!d || !d->d_buf)
			continue;
		size_t cnt = d->d_size / sh.sh_entsize;
		elf_sym *ns = realloc(e->syms, (e->nsyms + cnt + 1) * sizeof *ns);
		if (!ns)
			return RT_ERR_NOMEM;
		e->syms = ns;
		for (size_t i = 1; i < cnt; i++) {
			GElf_Sym sym;
			if (!gelf_getsym(d, (int)i, &sym) || sym.st_name == 0)
				continue;
			const char *nm = elf_strptr(e->elf, sh.sh_link, sym.st_name);
			if (!nm || !*nm)
				continue;
			unsigned t = GELF_ST_TYPE(sym.st_info);
			elf_sym *es = &e->syms[e->nsyms++];
			es->name = nm;
			es->value = sym.st_value;
			es->label = (t == STT_FUNC || t == STT_NOTYPE) &&
			            sym.st_shndx != SHN_UNDEF && sym.st_shndx != SHN_ABS &&
			            nm[0] != '$' && strncmp(nm, ".L", 2) != 0;
		}
	}
	return RT_OK;
}

/* qsort order of labels: by value, then by position in the table. */
static int by_value(const void *a, const void *b)
{
	const elf_sym *x = *(const elf_sym *const *)a, *y = *(const elf_sym *const *)b;
	if (x->value != y->value)
		return x->value < y->value ? -1 : 1;
	return x < y ? -1 : x > y;
}

/* Index the label symbols by address. */
static rt_err sort_labels(rt_elf *e)
{
	e->labels = malloc((e->nsyms + 1) * sizeof *e->labels);
	if (!e->labels)
		return RT_ERR_NOMEM;
	for (size_t i = 0; i < e->nsyms; i++)
		if (e->syms[i].label)
			e->labels[e->nlabels++] = &e->syms[i];
	qsort(e->labels, e->nlabels, sizeof *e->labels, by_value);
	return RT_OK;
}

/* Validate the image now in e->data. */
static rt_err parse(rt_elf *e, char *err, size_t n)
{
	rt_err r = check_ident(e->name, e->data, e->size, err, n);
	if (r)
		return r;
	if (elf_version(EV_CURRENT) == EV_NONE)
		return rt_error(err, n, RT_ERR_BADELF, "%s: libelf is unusable", e->name);
	e->elf = elf_memory((char *)e->data, e->size);
	if (!e->elf || elf_kind(e->elf) != ELF_K_ELF || !gelf_getehdr(e->elf, &e->eh))
		return rt_error(err, n, RT_ERR_BADELF, "%s: malformed ELF file (%s)", e->name,
		                elf_errmsg(-1));
	if ((r = check_phdrs(e, err, n)) || (r = check_sections(e, err, n)))
		return r;
	if ((e->eh.e_shoff && read_symbols(e) != RT_OK) || sort_labels(e) != RT_OK)
		return rt_error(err, n, RT_ERR_NOMEM, "%s: out of memory", e->name);
	return RT_OK;
}

/* Wrap an image (taken over: released by rt_elf_close, or here on error)
 * and validate it. */
static rt_err adopt(const char *name, uint8_t *data, size_t size, int mk_data, rt_elf **out,
                    char *err, size_t n)
{
	rt_elf *e = calloc(1, sizeof *e);
	if (!e) {
		if (mk_data)
			mk_file_free(data, size);
		else
			free(data);
		return rt_error(err, n, RT_ERR_NOMEM, "%s: out of memory", name);
	}
	snprintf(e->name, sizeof e->name, "%s", name);
	e->data = data;
	e->size = size;
	e->mk_data = mk_data;
	rt_err r = parse(e, err, n);
	if (r) {
		rt_elf_close(e);
		return r;
	}
	*out = e;
	return RT_OK;
}

/* Open from memory (copied). */
rt_err rt_elf_open_mem(const char *name, const void *data, size_t size, rt_elf **out, char *err,
                       size_t n)
{
	uint8_t *copy = malloc(size + 1);
	if (!copy)
		return rt_error(err, n, RT_ERR_NOMEM, "%s: out of memory", name);
	if (size)
		memcpy(copy, data, size);
	return adopt(name, copy, size, 0, out, err, n);
}

/* The message of a host file error. */
static rt_err file_error(const char *path, mk_err me, char *err, size_t n)
{
	switch (me) {
	case MK_ERR_NOENT: return rt_error(err, n, RT_ERR_NOFILE, "%s: no such file", path);
	case MK_ERR_ISDIR:
		return rt_error(err, n, RT_ERR_ISDIR, "%s: is a directory, not an ELF file", path);
	case MK_ERR_NOMEM: return rt_error(err, n, RT_ERR_NOMEM, "%s: out of memory", path);
	case MK_ERR_TOOBIG: return rt_error(err, n, RT_ERR_IO, "%s: larger than 1 GiB", path);
	case MK_ERR_LOOP:
		return rt_error(err, n, RT_ERR_IO, "%s: too many levels of symbolic links", path);
	case MK_ERR_NOTREG:
		return rt_error(err, n, RT_ERR_IO, "%s: not a regular file (a FIFO or a device)",
		                path);
	default: return rt_error(err, n, RT_ERR_IO, "%s: cannot read: %s", path, mk_strerror(me));
	}
}

/* Open a file: its header is checked before the rest is read, and the
 * whole file is read once, into the buffer the image keeps. */
rt_err rt_elf_open(const char *path, rt_elf **out, char *err, size_t n)
{
	mk_file *f;
	uint64_t size;
	uint8_t head[sizeof(Elf64_Ehdr)];
	size_t got = 0, len = 0;
	void *data = NULL;
	mk_err me = mk_file_open(path, &f, &size);
	if (me != MK_OK)
		return file_error(path, me, err, n);
	me = mk_file_read_at(f, 0, head, sizeof head, &got);
	if (me == MK_OK) {
		rt_err r = check_ident(path, head, got, err, n);
		if (r) {
			mk_file_close(f);
			return r;
		}
		me = mk_file_load(f, RT_ELF_MAX_SIZE, &data, &len);
	}
	mk_file_close(f);
	if (me != MK_OK)
		return file_error(path, me, err, n);
	return adopt(path, data, len, 1, out, err, n);
}

/* Release. */
void rt_elf_close(rt_elf *e)
{
	if (!e)
		return;
	if (e->elf)
		elf_end(e->elf);
	free(e->syms);
	free(e->labels);
	if (e->mk_data)
		mk_file_free(e->data, e->size);
	else
		free(e->data);
	free(e);
}

unsigned rt_elf_machine(const rt_elf *e)
{
	return e->eh.e_machine;
}
unsigned rt_elf_class(const rt_elf *e)
{
	return e->data[EI_CLASS] == ELFCLASS64 ? 64 : 32;
}
int rt_elf_big_endian(const rt_elf *e)
{
	return e->data[EI_DATA] == ELFDATA2MSB;
}
uint64_t rt_elf_entry(const rt_elf *e)
{
	return e->eh.e_entry;
}

/* Choose the guest for this image. */
rt_err rt_elf_pick_guest(const rt_elf *e, const rt_guest *const *guests, const rt_guest **out,
                         char *err, size_t n)
{
	char list[128] = "";
	size_t len = 0;
	for (int i = 0; guests[i]; i++) {
		const rt_guest *g = guests[i];
		if (g->elf_machine == rt_elf_machine(e) && g->elf_class == rt_elf_class(e) &&
		    !!g->big_endian == rt_elf_big_endian(e)) {
			*out = g;
			return RT_OK;
		}
		if (len < sizeof list)
			len += (size_t)snprintf(list + len, sizeof list - len, "%s%s",
			                        i ? ", " : "", g->name);
	}
	return rt_error(
	        err, n, RT_ERR_ARCH,
	        "%s: no guest for this ELF (machine %u, %u-bit, %s-endian); this morph runs: %s",
	        e->name, rt_elf_machine(e), rt_elf_class(e),
	        rt_elf_big_endian(e) ? "big" : "little", len ? list : "nothing");
}

/* Load the PT_LOAD segments. */
rt_err rt_elf_load(const rt_elf *e, uint8_t *ram, uint64_t ram_base, uint64_t ram_size, char *err,
                   size_t n)
{
	return rt_elf_load_guest(e, NULL, ram, ram_base, ram_size, err, n);
}

/* Is the entry point inside the guest's address width (g may be NULL) and
 * inside a non-empty PT_LOAD segment (by virtual address)? */
static rt_err check_entry(const rt_elf *e, const rt_guest *g, char *err, size_t n)
{
	uint64_t entry = e->eh.e_entry;
	unsigned bits = g && g->word_bits < 64 ? g->word_bits : 64;
	if (bits < 64 && entry >> bits)
		return rt_error(err, n, RT_ERR_RANGE,
		                "%s: entry point 0x%llx is outside the %u-bit address space of "
		                "guest %s",
		                e->name, (unsigned long long)entry, bits, g->name);
	for (unsigned i = 0; i < e->eh.e_phnum; i++) {
		GElf_Phdr ph;
		if (gelf_getphdr(e->elf, (int)i, &ph) && ph.p_type == PT_LOAD &&
		    entry - ph.p_vaddr < ph.p_memsz)
			return RT_OK;
	}
	return rt_error(err, n, RT_ERR_RANGE,
	                "%s: entry point 0x%llx is not in any loadable segment", e->name,
	                (unsigned long long)entry);
}

/* Load the PT_LOAD segments, translated by g's loader view. */
rt_err rt_elf_load_guest(const rt_elf *e, const rt_guest *g, uint8_t *ram, uint64_t ram_base,
                         uint64_t ram_size, char *err, size_t n)
{
	for (unsigned i = 0; i < e->eh.e_phnum; i++) {
		GElf_Phdr ph;
		if (!gelf_getphdr(e->elf, (int)i, &ph))
			return rt_error(err, n, RT_ERR_BADELF,
			                "%s: malformed ELF file (program header %u)", e->name, i);
		if (ph.p_type != PT_LOAD || ph.p_memsz == 0)
			continue;
		if (g && g->translate &&
		    g->translate(NULL, ph.p_paddr, RT_ACCESS_LOAD, &ph.p_paddr))
			return rt_error(err, n, RT_ERR_RANGE,
			                "%s: segment %u at 0x%llx has no physical address", e->name,
			                i, (unsigned long long)ph.p_paddr);
		uint64_t off = ph.p_paddr - ram_base;
		if (ph.p_paddr < ram_base || off >= ram_size || ph.p_memsz > ram_size - off)
			return rt_error(err, n, RT_ERR_RANGE,
			                "%s: segment %u [0x%llx, +0x%llx) lies outside guest RAM "
			                "[0x%llx, 0x%llx)",
			                e->name, i, (unsigned long long)ph.p_paddr,
			                (unsigned long long)ph.p_memsz,
			                (unsigned long long)ram_base,
			                (unsigned long long)(ram_base + ram_size));
		memcpy(ram + off, e->data + ph.p_offset, (size_t)ph.p_filesz);
		memset(ram + off + ph.p_filesz, 0, (size_t)(ph.p_memsz - ph.p_filesz));
	}
	return check_entry(e, g, err, n);
}

/* Symbol by name. */
int rt_elf_symbol(const rt_elf *e, const char *name, uint64_t *value)
{
	for (size_t i = 0; i < e->nsyms; i++) {
		if (strcmp(e->syms[i].name, name) == 0) {
			*value = e->syms[i].value;
			return 1;
		}
	}
	return 0;
}

/* Index of the last label with value <= addr, or -1. */
static long last_label_le(const rt_elf *e, uint64_t addr)
{
	long lo = 0, hi = (long)e->nlabels - 1, best = -1;
	while (lo <= hi) {
		long mid = lo + (hi - lo) / 2;
		if (e->labels[mid]->value <= addr) {
			best = mid;
			lo = mid + 1;
		} else {
			hi = mid - 1;
		}
	}
	return best;
}

/* Label at an address (the first in the symbol table of those there). */
const char *rt_elf_label_at(const rt_elf *e, uint64_t addr)
{
	long i = last_label_le(e, addr);
	if (i < 0 || e->labels[i]->value != addr)
		return NULL;
	while (i > 0 && e->labels[i - 1]->value == addr)
		i--;
	return e->labels[i]->name;
}

/* The label at or before addr, and addr's offset from it. */
const char *rt_elf_label_before(const rt_elf *e, uint64_t addr, uint64_t *off)
{
	long i = last_label_le(e, addr);
	if (i < 0)
		return NULL;
	while (i > 0 && e->labels[i - 1]->value == e->labels[i]->value)
		i--;
	*off = addr - e->labels[i]->value;
	return e->labels[i]->name;
}

/* Walk executable sections. */
int rt_elf_exec_sections(const rt_elf *e, rt_elf_section_fn fn, void *arg)
{
	size_t shstrndx = e->eh.e_shstrndx;
	if (!e->eh.e_shoff)
		return 0;
	for (Elf_Scn *s = elf_nextscn(e->elf, NULL); s; s = elf_nextscn(e->elf, s)) {
		GElf_Shdr sh;
		if (!gelf_getshdr(s, &sh) || sh.sh_type != SHT_PROGBITS ||
		    !(sh.sh_flags & SHF_EXECINSTR))
			continue;
		const char *nm = elf_strptr(e->elf, shstrndx, sh.sh_name);
		int r = fn(arg, nm ? nm : "?", sh.sh_addr, e->data + sh.sh_offset, sh.sh_size);
		if (r)
			return r;
	}
	return 0;
}
