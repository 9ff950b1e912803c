/* tui: the interactive program — poll loop, views, widgets — on top of db/ and config/. */
#ifndef IEDESK_TUI_H
#define IEDESK_TUI_H

#include "config/config.h"
#include "db/db.h"

/* Exit codes of the program, as iedesk(1) documents them. */
enum iedesk_exit {
	IEDESK_EXIT_OK = 0,
	IEDESK_EXIT_FAILED = 1,
	IEDESK_EXIT_USAGE = 2,
	IEDESK_EXIT_CONFIG = 3,
	IEDESK_EXIT_CONNECT = 4,
};

/* Open the interactive program on the target database; returns an exit code. */
int tui_run(const struct config *cfg, const struct db_target *target);

#endif
