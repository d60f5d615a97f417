/* hello_picolibc.c: an unchanged picolibc program linked with picolibc's
 * semihosting library (--oslib=semihost): printf, stderr and exit(3). */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
	printf("hello from picolibc: %d %s\n", 42, "semihosting");
	fprintf(stderr, "to stderr\n");
	exit(3);
}
