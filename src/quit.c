#define _POSIX_C_SOURCE 200809L
#include <string.h>

#include "quit.h"

volatile sig_atomic_t quit_signal;

static void
on_signal(int sig)
{
	quit_signal = sig;
}

void
quit_catch_signals(void)
{
	static const int sigs[] = {SIGTERM, SIGHUP, SIGINT, SIGQUIT};
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		sigaction(sigs[i], &sa, NULL);
}
