/* test_elf.c: the ELF loader (runtime/rt_elf.c) on a hand-made ELF64 of
 * the toy guest, and on every truncation, random corruptions, garbage,
 * missing files, directories and a host (x86-64) executable: bad input
 * gives an error code, never a crash. */
#include <elf.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rt_elf.h"
#include "rt_tap.h"
#include "toy_guest.h"

/* Layout of the hand-made image. */
enum {
	OFF_PH = sizeof(Elf64_Ehdr),
	NPH = 3,
	OFF_TEXT = 0x100,
	TEXT_SIZE = 16,
	OFF_SYMTAB = 0x120,
	NSYMS = 4,
	OFF_STRTAB = OFF_SYMTAB + NSYMS * sizeof(Elf64_Sym),
	OFF_SHSTR = OFF_STRTAB + 0x40,
	OFF_SH = OFF_SHSTR + 0x40,
	NSH = 5,
	IMG_SIZE = OFF_SH + NSH * sizeof(Elf64_Shdr),
};

static const char strtab[] = "\0_start\0tohost\0data_obj";
static const char shstr[] = "\0.text\0.symtab\0.strtab\0.shstrtab";

/* Build a valid ELF64 LE executable for machine 0x7777 into img. */
static void build(uint8_t *img, uint64_t text_addr)
{
	memset(img, 0, IMG_SIZE);
	Elf64_Ehdr *eh = (Elf64_Ehdr *)img;
	memcpy(eh->e_ident, ELFMAG, SELFMAG);
	eh->e_ident[EI_CLASS] = ELFCLASS64;
	eh->e_ident[EI_DATA] = ELFDATA2LSB;
	eh->e_ident[EI_VERSION] = EV_CURRENT;
	eh->e_type = ET_EXEC;
	eh->e_machine = 0x7777;
	eh->e_version = EV_CURRENT;
	eh->e_entry = text_addr;
	eh->e_phoff = OFF_PH;
	eh->e_shoff = OFF_SH;
	eh->e_ehsize = sizeof(Elf64_Ehdr);
	eh->e_phentsize = sizeof(Elf64_Phdr);
	eh->e_phnum = NPH;
	eh->e_shentsize = sizeof(Elf64_Shdr);
	eh->e_shnum = NSH;
	eh->e_shstrndx = 4;

	Elf64_Phdr *ph = (Elf64_Phdr *)(img + OFF_PH);
	ph[0] = (Elf64_Phdr){.p_type = PT_LOAD,
	                     .p_flags = PF_R | PF_X,
	                     .p_offset = OFF_TEXT,
	                     .p_vaddr = text_addr,
	                     .p_paddr = text_addr,
	                     .p_filesz = TEXT_SIZE,
	                     .p_memsz = TEXT_SIZE + 32,
	                     .p_align = 4};
	ph[1] = (Elf64_Phdr){
	        .p_type = PT_LOAD, .p_vaddr = 0x999999990, .p_paddr = 0x999999990}; /* empty */
	ph[2] = (Elf64_Phdr){.p_type = PT_NOTE, .p_offset = 0, .p_filesz = 8};

	uint32_t *text = (uint32_t *)(img + OFF_TEXT);
	text[0] = T(1, 1, 0, 3);
	text[1] = T(6, 1, 0, 0);
	text[2] = 0xff; /* undecodable */
	text[3] = T(2, 1, 1, 1);

	Elf64_Sym *sym = (Elf64_Sym *)(img + OFF_SYMTAB);
	sym[1] = (Elf64_Sym){.st_name = 1,
	                     .st_info = ELF64_ST_INFO(STB_GLOBAL, STT_FUNC),
	                     .st_shndx = 1,
	                     .st_value = text_addr};
	sym[2] = (Elf64_Sym){.st_name = 8,
	                     .st_info = ELF64_ST_INFO(STB_GLOBAL, STT_OBJECT),
	                     .st_shndx = 1,
	                     .st_value = text_addr + TEXT_SIZE};
	sym[3] = (Elf64_Sym){.st_name = 15,
	                     .st_info = ELF64_ST_INFO(STB_LOCAL, STT_OBJECT),
	                     .st_shndx = 1,
	                     .st_value = text_addr + 4};
	memcpy(img + OFF_STRTAB, strtab, sizeof strtab);
	memcpy(img + OFF_SHSTR, shstr, sizeof shstr);

	Elf64_Shdr *sh = (Elf64_Shdr *)(img + OFF_SH);
	sh[1] = (Elf64_Shdr){.sh_name = 1,
	                     .sh_type = SHT_PROGBITS,
	                     .sh_flags = SHF_ALLOC | SHF_EXECINSTR,
	                     .sh_addr = text_addr,
	                     .sh_offset = OFF_TEXT,
	                     .sh_size = TEXT_SIZE,
	                     .sh_addralign = 4};
	sh[2] = (Elf64_Shdr){.sh_name = 7,
	                     .sh_type = SHT_SYMTAB,
	                     .sh_offset = OFF_SYMTAB,
	                     .sh_size = NSYMS * sizeof(Elf64_Sym),
	                     .sh_link = 3,
	                     .sh_info = 3,
	                     .sh_entsize = sizeof(Elf64_Sym),
	                     .sh_addralign = 8};
	sh[3] = (Elf64_Shdr){.sh_name = 15,
	                     .sh_type = SHT_STRTAB,
	                     .sh_offset = OFF_STRTAB,
	                     .sh_size = sizeof strtab,
	                     .sh_addralign = 1};
	sh[4] = (Elf64_Shdr){.sh_name = 23,
	                     .sh_type = SHT_STRTAB,
	                     .sh_offset = OFF_SHSTR,
	                     .sh_size = sizeof shstr,
	                     .sh_addralign = 1};
}

/* Open an image from memory; returns the error code (image closed). */
static rt_err try_open(const uint8_t *img, size_t size, char *err, size_t n)
{
	rt_elf *e;
	rt_err r = rt_elf_open_mem("img", img, size, &e, err, n);
	if (r == RT_OK)
		rt_elf_close(e);
	return r;
}

static int count_sections(void *arg, const char *name, uint64_t addr, const uint8_t *data,
                          uint64_t size)
{
	int *n = arg;
	if (strcmp(name, ".text") == 0 && addr == TOY_RAM + 0x100 && size == TEXT_SIZE &&
	    data[0] == (T(1, 1, 0, 3) & 0xff))
		(*n)++;
	return 0;
}

static void test_good(uint8_t *img)
{
	char err[256];
	rt_elf *e;
	const rt_guest *g = NULL;
	uint64_t v = 0;
	static uint8_t ram[TOY_RAM_SIZE];
	build(img, TOY_RAM + 0x100);
	TAP_OK(rt_elf_open_mem("img", img, IMG_SIZE, &e, err, sizeof err) == RT_OK,
	       "a good image opens (%s)", err);
	TAP_OK(rt_elf_machine(e) == 0x7777 && rt_elf_class(e) == 64 && !rt_elf_big_endian(e) &&
	               rt_elf_entry(e) == TOY_RAM + 0x100,
	       "header facts");
	TAP_OK(rt_elf_pick_guest(e, rt_all_guests, &g, err, sizeof err) == RT_OK && g == &toy_guest,
	       "picks the toy guest by machine, class and byte order");
	memset(ram, 0xaa, sizeof ram);
	TAP_OK(rt_elf_load(e, ram, TOY_RAM, TOY_RAM_SIZE, err, sizeof err) == RT_OK, "loads");
	uint32_t w;
	memcpy(&w, ram + 0x100, 4);
	int bss = 1;
	for (int i = 0; i < 32; i++)
		bss &= ram[0x100 + TEXT_SIZE + i] == 0;
	TAP_OK(w == T(1, 1, 0, 3) && bss && ram[0x100 + TEXT_SIZE + 32] == 0xaa &&
	               ram[0xff] == 0xaa,
	       "segment copied, bss zeroed, nothing else touched");
	TAP_OK(rt_elf_symbol(e, "tohost", &v) && v == TOY_RAM + 0x110, "symbol tohost");
	TAP_OK(!rt_elf_symbol(e, "fromhost", &v), "no symbol fromhost");
	TAP_OK(rt_elf_label_at(e, TOY_RAM + 0x100) &&
	               !strcmp(rt_elf_label_at(e, TOY_RAM + 0x100), "_start") &&
	               rt_elf_label_at(e, TOY_RAM + 0x104) == NULL,
	       "labels: functions, not data objects");
	int n = 0;
	rt_elf_exec_sections(e, count_sections, &n);
	TAP_OK(n == 1, "walks the executable section");
	TAP_OK(rt_elf_load(e, ram, TOY_RAM + 0x200, TOY_RAM_SIZE, err, sizeof err) ==
	                       RT_ERR_RANGE &&
	               strstr(err, "outside guest RAM"),
	       "segment below RAM: RANGE (%s)", err);
	TAP_OK(rt_elf_load(e, ram, TOY_RAM, 0x110, err, sizeof err) == RT_ERR_RANGE,
	       "segment past RAM end: RANGE");
	rt_elf_close(e);

	static const uint64_t entries[] = {UINT64_MAX, TOY_RAM + 0x100 + TEXT_SIZE + 32,
	                                   TOY_RAM + 0xfc, 0};
	for (unsigned i = 0; i < sizeof entries / sizeof entries[0]; i++) {
		build(img, TOY_RAM + 0x100);
		((Elf64_Ehdr *)img)->e_entry = entries[i];
		TAP_OK(rt_elf_open_mem("img", img, IMG_SIZE, &e, err, sizeof err) == RT_OK &&
		               rt_elf_load(e, ram, TOY_RAM, TOY_RAM_SIZE, err, sizeof err) ==
		                       RT_ERR_RANGE &&
		               strstr(err, "not in any loadable segment"),
		       "entry point 0x%llx outside every segment: RANGE (%s)",
		       (unsigned long long)entries[i], err);
		rt_elf_close(e);
	}

	build(img, 0xfffffffffffffff0ull);
	TAP_OK(rt_elf_open_mem("img", img, IMG_SIZE, &e, err, sizeof err) == RT_OK &&
	               rt_elf_load(e, ram, TOY_RAM, TOY_RAM_SIZE, err, sizeof err) == RT_ERR_RANGE,
	       "segment wrapping around the address space: RANGE");
	rt_elf_close(e);
}

static void test_bad_headers(uint8_t *img)
{
	char err[256];
	rt_elf *e;
	const rt_guest *g;
	build(img, TOY_RAM);
	((Elf64_Ehdr *)img)->e_machine = 62;
	TAP_OK(rt_elf_open_mem("img", img, IMG_SIZE, &e, err, sizeof err) == RT_OK &&
	               rt_elf_pick_guest(e, rt_all_guests, &g, err, sizeof err) == RT_ERR_ARCH &&
	               strstr(err, "toy"),
	       "foreign machine: ARCH (%s)", err);
	rt_elf_close(e);
	build(img, TOY_RAM);
	((Elf64_Ehdr *)img)->e_type = ET_REL;
	TAP_OK(try_open(img, IMG_SIZE, err, sizeof err) == RT_ERR_BADELF,
	       "relocatable object: BADELF (%s)", err);
	build(img, TOY_RAM);
	img[EI_CLASS] = 7;
	TAP_OK(try_open(img, IMG_SIZE, err, sizeof err) == RT_ERR_BADELF, "bad class: BADELF");
	build(img, TOY_RAM);
	((Elf64_Ehdr *)img)->e_phoff = 0xffffffffffffff00ull;
	TAP_OK(try_open(img, IMG_SIZE, err, sizeof err) == RT_ERR_TRUNCATED,
	       "program headers past the end");
	build(img, TOY_RAM);
	((Elf64_Phdr *)(img + OFF_PH))[0].p_offset = 0xfffffffffffffff8ull;
	TAP_OK(try_open(img, IMG_SIZE, err, sizeof err) == RT_ERR_TRUNCATED,
	       "segment offset overflowing");
	build(img, TOY_RAM);
	((Elf64_Phdr *)(img + OFF_PH))[0].p_filesz = 0x1000;
	((Elf64_Phdr *)(img + OFF_PH))[0].p_memsz = 0x10;
	TAP_OK(try_open(img, IMG_SIZE, err, sizeof err) == RT_ERR_BADELF,
	       "file size > memory size");
	build(img, TOY_RAM);
	((Elf64_Shdr *)(img + OFF_SH))[2].sh_size = 0x100000;
	TAP_OK(try_open(img, IMG_SIZE, err, sizeof err) == RT_ERR_TRUNCATED,
	       "section past the end");
	build(img, TOY_RAM);
	((Elf64_Shdr *)(img + OFF_SH))[2].sh_link = 99;
	TAP_OK(try_open(img, IMG_SIZE, err, sizeof err) == RT_ERR_BADELF, "bad section link");
	build(img, TOY_RAM);
	((Elf64_Ehdr *)img)->e_phnum = 0;
	TAP_OK(try_open(img, IMG_SIZE, err, sizeof err) == RT_ERR_BADELF, "no program headers");
	TAP_OK(try_open((const uint8_t *)"", 0, err, sizeof err) == RT_ERR_NOTELF &&
	               strstr(err, "empty"),
	       "empty image: NOTELF (%s)", err);
	TAP_OK(try_open((const uint8_t *)"#!/bin/sh\n", 10, err, sizeof err) == RT_ERR_NOTELF,
	       "a script: NOTELF");
}

static void test_truncations(uint8_t *img)
{
	char err[256];
	build(img, TOY_RAM);
	int all = 1, first_bad = -1;
	for (size_t n = 0; n < IMG_SIZE; n++) {
		if (try_open(img, n, err, sizeof err) == RT_OK) {
			all = 0;
			if (first_bad < 0)
				first_bad = (int)n;
		}
	}
	TAP_OK(all, "every truncation of the image is an error (first accepted: %d)", first_bad);
}

/* xorshift64 for reproducible corruption. */
static uint64_t rnd_state = 0x9e3779b97f4a7c15ull;
static uint64_t rnd(void)
{
	rnd_state ^= rnd_state << 13;
	rnd_state ^= rnd_state >> 7;
	rnd_state ^= rnd_state << 17;
	return rnd_state;
}

/* Open, pick, load and walk whatever the bytes are; must not crash. */
static void exercise(const uint8_t *img, size_t size)
{
	char err[256];
	static uint8_t ram[TOY_RAM_SIZE];
	rt_elf *e;
	const rt_guest *g;
	uint64_t v;
	int n = 0;
	if (rt_elf_open_mem("img", img, size, &e, err, sizeof err) != RT_OK)
		return;
	rt_elf_pick_guest(e, rt_all_guests, &g, err, sizeof err);
	rt_elf_load(e, ram, TOY_RAM, TOY_RAM_SIZE, err, sizeof err);
	rt_elf_symbol(e, "tohost", &v);
	rt_elf_label_at(e, TOY_RAM);
	rt_elf_exec_sections(e, count_sections, &n);
	rt_elf_close(e);
}

static void test_fuzz(uint8_t *img)
{
	static uint8_t buf[IMG_SIZE];
	for (int it = 0; it < 3000; it++) {
		build(img, TOY_RAM);
		memcpy(buf, img, IMG_SIZE);
		int flips = 1 + (int)(rnd() % 8);
		for (int k = 0; k < flips; k++) {
			size_t at = rnd() % IMG_SIZE;
			buf[at] = it & 1 ? (uint8_t)rnd() : buf[at] ^ (uint8_t)(1u << (rnd() % 8));
		}
		exercise(buf, IMG_SIZE - (it % 5 == 0 ? rnd() % IMG_SIZE : 0));
	}
	TAP_OK(1, "3000 randomly corrupted images: no crash");
	for (int it = 0; it < 500; it++) {
		for (size_t i = 0; i < IMG_SIZE; i++)
			buf[i] = (uint8_t)rnd();
		memcpy(buf, ELFMAG, SELFMAG);
		buf[EI_CLASS] = 1 + (it & 1);
		buf[EI_DATA] = 1 + ((it >> 1) & 1);
		buf[EI_VERSION] = 1;
		exercise(buf, IMG_SIZE);
	}
	TAP_OK(1, "500 random images with an ELF identification: no crash");
}

static void test_files(void)
{
	char err[512];
	rt_elf *e;
	const rt_guest *g;
	TAP_OK(rt_elf_open("/nonexistent/guest.elf", &e, err, sizeof err) == RT_ERR_NOFILE &&
	               strstr(err, "no such file"),
	       "missing file: NOFILE (%s)", err);
	TAP_OK(rt_elf_open("/tmp", &e, err, sizeof err) == RT_ERR_ISDIR, "directory: ISDIR (%s)",
	       err);
	TAP_OK(rt_elf_open("/dev/null", &e, err, sizeof err) == RT_ERR_IO,
	       "device file: error (%s)", err);
	if (access("/bin/true", R_OK) == 0) {
		int ok = rt_elf_open("/bin/true", &e, err, sizeof err) == RT_OK;
		TAP_OK(ok && rt_elf_pick_guest(e, rt_all_guests, &g, err, sizeof err) ==
		                       RT_ERR_ARCH,
		       "host executable /bin/true: ARCH (%s)", err);
		if (ok)
			rt_elf_close(e);
	} else {
		TAP_OK(1, "# SKIP no /bin/true");
	}
}

int main(void)
{
	static uint8_t img[IMG_SIZE];
	test_good(img);
	test_bad_headers(img);
	test_truncations(img);
	test_fuzz(img);
	test_files();
	TAP_OK(rt_strerror(RT_ERR_COUNT) &&
	               strcmp(rt_strerror(RT_ERR_RANGE), "segment outside guest RAM") == 0,
	       "rt_strerror");
	return tap_done();
}
