/* main.c: the morph executable. */
#include "rt_cli.h"

/* Everything happens in rt_cli_main. */
int main(int argc, char **argv)
{
	return rt_cli_main(argc, argv);
}
