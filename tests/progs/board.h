/* The per-board back end of the C guest programs (arch/<family>/board.c):
 * one console output character and the exit path.  Everything else
 * (console.c, the programs) is shared by every guest ISA. */
#ifndef MORPH_PROGS_BOARD_H
#define MORPH_PROGS_BOARD_H

/* Writes one byte to the board's console UART, waiting while it is busy. */
void board_putc(int c);

/* Ends the program with exit status `status` (0 = success) the way the
 * board's emulators report it to the host: it never returns. */
_Noreturn void board_exit(int status);

#endif
