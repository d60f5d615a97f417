/* encoding.h: the RISC-V privileged-architecture constants the "p"
 * environment and its tests use (values from the privileged spec). */
#ifndef MORPH_PENV_ENCODING_H
#define MORPH_PENV_ENCODING_H

#define MSTATUS_MIE  0x00000008
#define MSTATUS_MPIE 0x00000080
#define MSTATUS_MPP  0x00001800
#define MNSTATUS_NMIE 0x8
#define CSR_MNSTATUS 0x744

#define PMP_R     0x01
#define PMP_W     0x02
#define PMP_X     0x04
#define PMP_NAPOT 0x18

#define CAUSE_MISALIGNED_FETCH  0x0
#define CAUSE_ILLEGAL_INSTRUCTION 0x2
#define CAUSE_BREAKPOINT        0x3
#define CAUSE_USER_ECALL        0x8
#define CAUSE_SUPERVISOR_ECALL  0x9
#define CAUSE_MACHINE_ECALL     0xb

#endif
