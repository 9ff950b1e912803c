/* main: the command line — options, config, and the subcommands that need no screen; with no
 * subcommand it opens the interactive program. */
#include "tui/tui.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef IEDESK_VERSION
#define IEDESK_VERSION "0.1.0"
#endif
#ifndef IEDESK_DATADIR
#define IEDESK_DATADIR "/usr/local/share/iedesk"
#endif

static void usage(FILE *out)
{
	fprintf(out,
		"usage: iedesk [--config FILE] [COMMAND]\n"
		"\n"
		"A terminal workspace for inclusive-education staff: districts, schools, managers,\n"
		"meetings and inspections, on a shared PostgreSQL database.\n"
		"\n"
		"Commands:\n"
		"  (none)             open the interactive program\n"
		"  migrate            apply pending database migrations\n"
		"  migrate --status   list applied and pending migrations\n"
		"  demo-data          load the demo district into an empty, migrated database\n"
		"\n"
		"Options:\n"
		"  -c, --config FILE  read this config file instead of the usual places\n"
		"  -h, --help         show this help and exit\n"
		"  -V, --version      show the version and exit\n"
		"\n"
		"The database is chosen by 'connection:' in the config, else by libpq's PG* variables\n"
		"and service files. Exit codes: 0 success, 1 the command failed, 2 usage error,\n"
		"3 configuration error, 4 could not connect. See iedesk(1).\n");
}

static bool is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Where migrations/ and demo/ are: $IEDESK_DATADIR, else db/ beside the program when run from its
 * build tree, else the installed share folder. */
static char *data_dir(void)
{
	const char *env = getenv("IEDESK_DATADIR");
	if (env && *env)
		return xstrdup(env);
	char exe[PATH_MAX];
	ssize_t len = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (len > 0) {
		exe[len] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			char *dir = xasprintf("%s/db", exe);
			char *migrations = xasprintf("%s/migrations", dir);
			bool found = is_dir(migrations);
			free(migrations);
			if (found)
				return dir;
			free(dir);
		}
	}
	return xstrdup(IEDESK_DATADIR);
}

static void print_progress(void *ctx, const char *what)
{
	(void)ctx;
	printf("applying %s\n", what);
	fflush(stdout);
}

static int command_migrate(PGconn *conn, const char *datadir, bool status)
{
	struct db_error err = { 0 };
	char *dir = xasprintf("%s/migrations", datadir);
	int rc = IEDESK_EXIT_OK;
	if (status) {
		struct db_migration_list list;
		if (db_migrate_status(conn, dir, &list, &err)) {
			printf("%-8s %-40s %-10s %s\n", "VERSION", "FILE", "STATE", "APPLIED AT");
			for (size_t i = 0; i < list.count; i++) {
				const struct db_migration *m = &list.items[i];
				const char *state = !m->applied ? "pending" : m->changed ? "CHANGED" :
					!m->path ? "no-file" : "applied";
				printf("%-8s %-40s %-10s %s\n", m->version, m->file, state, m->applied_at);
				if (m->changed)
					rc = IEDESK_EXIT_FAILED;
			}
			db_migration_list_done(&list);
		} else {
			rc = IEDESK_EXIT_FAILED;
		}
	} else {
		int applied = 0;
		if (!db_migrate(conn, dir, print_progress, NULL, &applied, &err))
			rc = IEDESK_EXIT_FAILED;
		else if (applied)
			printf("%d migration%s applied\n", applied, applied == 1 ? "" : "s");
		else
			printf("the database is up to date\n");
	}
	if (rc != IEDESK_EXIT_OK && err.message[0])
		fprintf(stderr, "iedesk: %s\n", err.message);
	free(dir);
	return rc;
}

static int command_demo_data(PGconn *conn, const char *datadir)
{
	struct db_error err = { 0 };
	char *dir = xasprintf("%s/migrations", datadir);
	char *file = xasprintf("%s/demo/demo.sql", datadir);
	int rc = IEDESK_EXIT_OK;
	if (db_demo_load(conn, dir, file, &err)) {
		printf("demo data loaded into database \"%s\"\n", PQdb(conn));
	} else {
		fprintf(stderr, "iedesk: %s\n", err.message);
		rc = IEDESK_EXIT_FAILED;
	}
	free(dir);
	free(file);
	return rc;
}

int main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ "status", no_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 },
	};
	const char *config_path = NULL;
	bool status = false;
	int opt;
	while ((opt = getopt_long(argc, argv, "c:hV", options, NULL)) != -1) {
		switch (opt) {
		case 'c': config_path = optarg; break;
		case 'h': usage(stdout); return IEDESK_EXIT_OK;
		case 'V': printf("iedesk %s\n", IEDESK_VERSION); return IEDESK_EXIT_OK;
		case 's': status = true; break;
		default: usage(stderr); return IEDESK_EXIT_USAGE;
		}
	}
	const char *command = optind < argc ? argv[optind++] : NULL;
	if (optind < argc) {
		fprintf(stderr, "iedesk: unexpected argument '%s'\n", argv[optind]);
		usage(stderr);
		return IEDESK_EXIT_USAGE;
	}
	bool is_migrate = command && strcmp(command, "migrate") == 0;
	if (command && !is_migrate && strcmp(command, "demo-data") != 0) {
		fprintf(stderr, "iedesk: unknown command '%s'\n", command);
		usage(stderr);
		return IEDESK_EXIT_USAGE;
	}
	if (status && !is_migrate) {
		fprintf(stderr, "iedesk: --status goes with 'migrate'\n");
		return IEDESK_EXIT_USAGE;
	}

	struct config cfg;
	struct config_error cerr;
	config_init(&cfg);
	if (!config_load(&cfg, config_path, &cerr)) {
		char message[1200];
		config_error_format(&cerr, message, sizeof(message));
		fprintf(stderr, "iedesk: %s\n", message);
		config_done(&cfg);
		return IEDESK_EXIT_CONFIG;
	}
	struct db_target target = { .service = cfg.service, .conninfo = cfg.conninfo };
	char *datadir = data_dir();
	int rc;
	if (!command) {
		rc = tui_run(&cfg, &target);
	} else {
		struct db_error err = { 0 };
		PGconn *conn = db_connect(&target, &err);
		if (!conn) {
			fprintf(stderr, "iedesk: %s\n", err.message);
			rc = IEDESK_EXIT_CONNECT;
		} else {
			rc = is_migrate ? command_migrate(conn, datadir, status) : command_demo_data(conn, datadir);
			PQfinish(conn);
		}
	}
	free(datadir);
	config_done(&cfg);
	return rc;
}
