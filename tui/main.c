/* main: the command line — options, config, and the subcommands that need no screen; with no
 * subcommand it opens the interactive program. */
#include "tui/tui.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <libgen.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef IEDESK_VERSION
#define IEDESK_VERSION "0.1.0"
#endif
#ifndef IEDESK_LOCALEDIR
#define IEDESK_LOCALEDIR "/usr/local/share/locale"
#endif
#ifndef IEDESK_DATADIR
#define IEDESK_DATADIR "/usr/local/share/iedesk"
#endif

/* Every message to stderr: it may hold what came from outside (a config value, a database's message,
 * an argument), so nothing in it a terminal would obey gets through — it shows as '?', as on the screen. */
static void complain(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void complain(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int len = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	char *raw = xmalloc(len < 0 ? 1 : (size_t)len + 1);
	raw[0] = '\0';
	va_start(ap, fmt);
	if (len >= 0)
		vsnprintf(raw, (size_t)len + 1, fmt, ap);
	va_end(ap);
	char *clean = text_clean(raw, TEXT_KEEP_NONE);
	fprintf(stderr, "iedesk: %s\n", clean);
	free(clean);
	free(raw);
}

/* text, then blanks to width display cells and one more, as printf's "%-*s " would pad ASCII: a
 * column's header in Chinese (版本) lines up with the ASCII values under it. */
static void print_cells(FILE *out, int width, const char *text)
{
	int pad = width - text_width(text);
	fprintf(out, "%s%*s ", text, pad > 0 ? pad : 0, "");
}

static void usage(FILE *out)
{
	/* TRANSLATORS: keep the command, option and placeholder names (FILE, KIND, CODE ...) as they are */
	fputs(_("usage: iedesk [--config FILE] [--lang LANG] [--today DATE] [COMMAND]\n"
		"       iedesk [--config FILE] export KIND [--district CODE] [--region CODE] [--alliance CODE]\n"
		"                                          [--filter TEXT] [--overdue] [-o FILE] [--progress]\n"
		"                                          [--exact-csv] [--no-bom]\n"
		"       iedesk [--config FILE] minutes MEETING-ID [--format md|txt] [-o FILE]\n"
		"       iedesk [--config FILE] iep CASE-CODE [--number N] [--format md|txt] [-o FILE]\n"
		"       iedesk [--config FILE] report backlog [--district CODE | --region CODE]\n"
		"                                             [--format table|csv] [--today DATE] [-o FILE]\n"
		"                                             [--no-bom]\n"
		"       iedesk [--config FILE] admin create-account LOGIN --role ROLE\n"
		"                                  [--district CODE | --region CODE] [--person ID|NAME]\n"
		"       iedesk [--config FILE] admin disable-account|enable-account LOGIN\n"
		"       iedesk [--config FILE] admin assign-alliance|unassign-alliance LOGIN CODE\n"
		"       iedesk [--config FILE] admin list-accounts\n"
		"       iedesk [--config FILE] admin find-person TEXT\n"), out);
	fputs("\n", out);
	fputs(_("A terminal workspace for inclusive-education staff: districts, schools, managers,\n"
		"meetings and inspections, on a shared PostgreSQL database.\n"), out);
	fputs("\n", out);
	fputs(_("Commands:\n"
		"  (none)             open the interactive program\n"
		"  migrate            apply pending database migrations\n"
		"  migrate --status   list applied and pending migrations\n"
		"  demo-data          load the demo district into an empty, migrated database\n"
		"  export KIND        write a list as CSV: districts, schools, consortia, managers,\n"
		"                     manager-gaps, meetings, action-items, inspections, findings,\n"
		"                     backlog, cases and case-due (case workers only), regions,\n"
		"                     alliances, alliance-members, partners, partnerships, activities,\n"
		"                     or report (the summary report, as 'report backlog')\n"
		"  minutes ID         write the minutes of a meeting (Markdown, or plain text)\n"
		"  iep CODE           write a case's IEP for the parents' meeting (case workers only)\n"
		"  report backlog     the backlog's summary report: open, overdue and closed this term\n"
		"                     per district and school, as a table for a mail, or CSV\n"
		"  admin create-account LOGIN\n"
		"                     create a database login in a role's group, with its account\n"
		"  admin disable-account LOGIN\n"
		"                     stop a login from connecting; its account stays, dated\n"
		"  admin enable-account LOGIN\n"
		"                     let a disabled login connect again, in its account's role\n"
		"  admin assign-alliance LOGIN CODE\n"
		"                     let a coordinator account keep the alliance with this code\n"
		"  admin unassign-alliance LOGIN CODE\n"
		"                     take the alliance from the coordinator again\n"
		"  admin list-accounts\n"
		"                     every account: login, role, district, region, state, person id,\n"
		"                     person\n"
		"  admin find-person TEXT\n"
		"                     the persons whose names hold TEXT, with their ids and logins\n"), out);
	fputs("\n", out);
	fputs(_("Export options:\n"
		"  --district CODE    only the rows of the district with this code\n"
		"  --region CODE      only the rows of the districts of this region and those under it;\n"
		"                     regions: the region and those under it; alliances: those with a\n"
		"                     member there\n"
		"  --alliance CODE    alliances, alliance-members, partnerships, activities: only this\n"
		"                     alliance's\n"
		"  --filter TEXT      only the rows the list's filter would show for TEXT\n"
		"  -o, --output FILE  write to FILE (replaced only when the export succeeds)\n"
		"  --progress         report 'exported N rows' on standard error as rows go out\n"
		"  --overdue          action-items, inspections, findings, backlog: just the rows overdue\n"
		"  --exact-csv        text cells as stored, even those a spreadsheet would run as formulas\n"
		"  --no-bom           plain UTF-8 for scripts: no byte order mark (which Excel and WPS need)\n"
		"                     at the start; headers follow the language, codes stay codes in English\n"), out);
	fputs("\n", out);
	fputs(_("Minutes options:\n"
		"  --format md|txt    Markdown (the default) or plain text wrapped at 78 columns\n"
		"  -o, --output FILE  write to FILE (replaced only when the minutes are complete)\n"), out);
	fputs("\n", out);
	fputs(_("IEP options:\n"
		"  --number N         the case's final IEP version N, not its latest (or its draft)\n"
		"  --format md|txt    Markdown (the default) or plain text wrapped at 78 columns\n"
		"  -o, --output FILE  write to FILE (replaced only when the IEP is complete)\n"), out);
	fputs("\n", out);
	fputs(_("Report options:\n"
		"  --district CODE    only the district with this code, and its schools\n"
		"  --region CODE      the districts of this region and those under it, with its total\n"
		"  --format table|csv a table aligned for a mail (the default), or CSV as the exports\n"
		"  -o, --output FILE  write to FILE (replaced only when the report is complete)\n"
		"  --no-bom           CSV without the byte order mark, as the exports'\n"), out);
	fputs("\n", out);
	fputs(_("Account options (administrators only; iedesk never sets passwords):\n"
		"  --role ROLE        staff, secretary, manager, caseworker, coordinator or admin\n"
		"  --district CODE    the district the account works for (managers, case workers)\n"
		"  --region CODE      or the region (managers, secretaries): all its districts\n"
		"  --person ID|NAME   the person the login belongs to: an id, or a name only one has\n"), out);
	fputs("\n", out);
	fputs(_("Options:\n"
		"  -c, --config FILE  read this config file instead of the usual places\n"
		"  --today DATE       work as on DATE (YYYY-MM-DD): the program, exports, minutes, IEPs\n"
		"                     and reports count overdue, this term and prefill dates from it\n"
		"  --lang LANG        speak LANG (en or zh_CN) instead of what LANG, LC_MESSAGES or\n"
		"                     the config's ui: language say\n"
		"  -h, --help         show this help and exit\n"
		"  -V, --version      show the version and exit\n"), out);
	fputs("\n", out);
	fputs(_("The database is chosen by 'connection:' in the config, else by libpq's PG* variables\n"
		"and service files. Exit codes: 0 success, 1 the command failed, 2 usage error,\n"
		"3 configuration error, 4 could not connect. See iedesk(1).\n"), out);
}

static bool is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The first of these folders, beside the program, that has sub in it: where a build tree keeps what the
 * installed program finds under share/. NULL when none has. */
static char *beside_program(const char *const *folders, size_t count, const char *sub)
{
	char exe[PATH_MAX];
	ssize_t len = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	char *slash = len > 0 ? (exe[len] = '\0', strrchr(exe, '/')) : NULL;
	if (!slash)
		return NULL;
	*slash = '\0';
	for (size_t i = 0; i < count; i++) {
		char *dir = xasprintf("%s/%s", exe, folders[i]);
		char *inside = xasprintf("%s/%s", dir, sub);
		bool found = is_dir(inside);
		free(inside);
		if (found)
			return dir;
		free(dir);
	}
	return NULL;
}

/* Where migrations/ and demo/ are: $IEDESK_DATADIR, else db/ beside the program when run from its
 * build tree, else the installed share folder. */
static char *data_dir(void)
{
	const char *env = getenv("IEDESK_DATADIR");
	if (env && *env)
		return xstrdup(env);
	static const char *const folders[] = { "db" };
	char *dir = beside_program(folders, 1, "migrations");
	return dir ? dir : xstrdup(IEDESK_DATADIR);
}

/* Where the translations are, into dir: $IEDESK_LOCALEDIR, else the build's beside the program
 * (./iedesk has build/locale, build/asan/iedesk has locale), else the installed one. */
static void locale_dir(char *dir, size_t size)
{
	const char *env = getenv("IEDESK_LOCALEDIR");
	static const char *const folders[] = { "build/locale", "locale" };
	char *found = env && *env ? NULL : beside_program(folders, 2, "zh_CN");
	snprintf(dir, size, "%s", env && *env ? env : found ? found : IEDESK_LOCALEDIR);
	free(found);
}

static void print_progress(void *ctx, const char *what)
{
	(void)ctx;
	printf(_("applying %s"), what);
	putchar('\n');
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
			print_cells(stdout, 8, C_("migrations column", "VERSION"));
			print_cells(stdout, 40, C_("migrations column", "FILE"));
			print_cells(stdout, 10, C_("migrations column", "STATE"));
			printf("%s\n", C_("migrations column", "APPLIED AT"));
			for (size_t i = 0; i < list.count; i++) {
				const struct db_migration *m = &list.items[i];
				const char *state = !m->applied ? C_("migration state", "pending") : m->changed
					? C_("migration state", "CHANGED") : !m->path ? C_("migration state", "no-file")
					: C_("migration state", "applied");
				print_cells(stdout, 8, m->version);
				print_cells(stdout, 40, m->file);
				print_cells(stdout, 10, state);
				printf("%s\n", m->applied_at);
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
			printf(ngettext("%d migration applied\n", "%d migrations applied\n", applied), applied);
		else
			printf("%s\n", _("the database is up to date"));
	}
	if (rc != IEDESK_EXIT_OK && err.message[0])
		complain("%s", err.message);
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
		printf(_("demo data loaded into database \"%s\"\n"), PQdb(conn));
	} else {
		complain("%s", err.message);
		rc = IEDESK_EXIT_FAILED;
	}
	free(dir);
	free(file);
	return rc;
}

/* ---- export, and the summary report ---- */

struct export_args {
	const char *kind;
	const char *district;
	const char *region;                  /* --region: a region's subtree (export, report) */
	const char *alliance;                /* --alliance: one alliance's rows (export) */
	const char *filter;
	const char *output;
	bool progress;
	bool overdue;
	bool exact;                          /* --exact-csv: no leading ' before formula-like text */
	bool no_bom;                         /* --no-bom: CSV without UTF-8's byte order mark, for scripts */
	bool report;                         /* the summary report (`report backlog`, `export report`) */
	enum db_report_format report_format;
	const char *today;
	int wait_timeout;                    /* the config's wait-timeout; 0: the connection's connect_timeout */
};

/* The export kinds, the summary report last: "districts, schools, …, backlog or report". */
static const char *export_kinds_text(void)
{
	static char text[512];
	if (!text[0]) {
		size_t len = 0;
		for (int k = 0; k < DB_EXPORT_COUNT && len < sizeof(text); k++)
			len += (size_t)snprintf(text + len, sizeof(text) - len, "%s, ", db_export_name((enum db_export_kind)k));
		if (len >= 2 && len < sizeof(text))
			snprintf(text + len - 2, sizeof(text) - (len - 2), "%s%s", C_("list of names", " or "), "report");
	}
	return text;
}

/* The signal that ended an export early (0: none); its handler only sets this. */
static volatile sig_atomic_t export_signal;

static void export_on_signal(int sig)
{
	export_signal = sig;
}

static bool export_stop(void *ctx)
{
	(void)ctx;
	return export_signal != 0;
}

/* One line a caller can parse: to a pipe or a file (the interactive program reads them from its child,
 * a script its log) always "exported N rows" as written here; to a terminal, a person's, in their
 * language. */
static void export_progress(void *ctx, long rows)
{
	(void)ctx;
	if (isatty(STDERR_FILENO))
		fprintf(stderr, ngettext("exported %ld row\n", "exported %ld rows\n", rows), rows);
	else
		fprintf(stderr, "exported %ld row%s\n", rows, rows == 1 ? "" : "s");
}

/* Where -o writes. A regular file (or a new one) is replaced whole by renaming a temporary file over
 * it, with the mode (and owner where we may) it had; a new file gets no access for others, since
 * exports hold children's and staff data. A device or FIFO is written into directly (-o /dev/null
 * must never become a regular file). A symbolic link, a file with other hard links (the rename would
 * split them), a read-only file and anything else are refused. *temp is NULL when writing directly. */
static FILE *export_open_temp(const char *path, char **temp, struct db_error *err)
{
	*temp = NULL;
	struct stat st;
	bool exists = lstat(path, &st) == 0;
	if (!exists && errno != ENOENT) {
		db_error_set(err, _("cannot write %s: %s"), path, strerror(errno));
		return NULL;
	}
	if (exists && (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode))) {
		int fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
		FILE *out = fd < 0 ? NULL : fdopen(fd, "w");
		if (!out) {
			db_error_set(err, _("cannot write %s: %s"), path, strerror(errno));
			if (fd >= 0)
				close(fd);
		}
		return out;
	}
	if (exists && S_ISLNK(st.st_mode)) {
		db_error_set(err, _("%s is a symbolic link; give the file it points to."), path);
		return NULL;
	}
	if (exists && !S_ISREG(st.st_mode)) {
		db_error_set(err, _("%s is neither a regular file, a device nor a FIFO."), path);
		return NULL;
	}
	if (exists && st.st_nlink > 1) {
		db_error_set(err, _("%s has other hard links, which replacing it would split."), path);
		return NULL;
	}
	if (exists && !(st.st_mode & 0222)) {
		db_error_set(err, _("%s is read-only."), path);
		return NULL;
	}
	char *copy = xstrdup(path);
	char *base_copy = xstrdup(path);
	*temp = xasprintf("%s/.%s.XXXXXX", dirname(copy), basename(base_copy));
	free(copy);
	free(base_copy);
	int fd = mkstemp(*temp);
	if (fd < 0) {
		db_error_set(err, _("cannot write %s: %s"), path, strerror(errno));
		FREE(temp);
		return NULL;
	}
	mode_t mask = umask(0);
	umask(mask);
	mode_t mode = exists ? st.st_mode & 07777 : 0666 & ~mask & ~(mode_t)0007;
	if (exists && (st.st_uid != geteuid() || st.st_gid != getegid()))
		(void)!fchown(fd, st.st_uid, st.st_gid);   /* may fail when not root: the mode is kept */
	FILE *out = NULL;
	if (fchmod(fd, mode) != 0 || !(out = fdopen(fd, "w"))) {
		db_error_set(err, _("cannot write %s: %s"), path, strerror(errno));
		close(fd);
		unlink(*temp);
		FREE(temp);
	}
	return out;
}

/* Close the output and, for a temporary file, put it in place; false (the temporary file removed)
 * when anything fails. */
static bool export_commit(FILE *out, const char *temp, const char *path, bool ok, struct db_error *err)
{
	if (ok && fflush(out) != 0) {
		db_error_set(err, _("cannot write %s: %s"), path, strerror(errno));
		ok = false;
	}
	if (ok && temp && fsync(fileno(out)) != 0) {
		db_error_set(err, _("cannot write %s: %s"), path, strerror(errno));
		ok = false;
	}
	if (fclose(out) != 0 && ok) {
		db_error_set(err, _("cannot write %s: %s"), path, strerror(errno));
		ok = false;
	}
	if (!temp)
		return ok;
	if (ok && rename(temp, path) != 0) {
		db_error_set(err, _("cannot replace %s: %s"), path, strerror(errno));
		ok = false;
	}
	if (!ok)
		unlink(temp);
	return ok;
}

/* An export or the report: to standard output, or replacing args->output only once it is complete. */
static int command_export(PGconn *conn, const struct export_args *args)
{
	enum db_export_kind kind = DB_EXPORT_COUNT;
	if (!args->report)
		db_export_lookup(args->kind, &kind);   /* checked by main before connecting */
	struct db_error err = { 0 };
	char *temp = NULL;
	FILE *out = stdout;
	if (args->output && !(out = export_open_temp(args->output, &temp, &err))) {
		complain("%s", err.message);
		return IEDESK_EXIT_FAILED;
	}

	/* Interrupted, the export ends cleanly (no temporary file left) and then dies of the signal;
	 * a signal ignored when we started (nohup) stays ignored. */
	static const int signals[] = { SIGINT, SIGTERM, SIGHUP };
	struct sigaction sa = { .sa_handler = export_on_signal }, old[3];
	sigemptyset(&sa.sa_mask);
	for (int i = 0; i < 3; i++) {
		sigaction(signals[i], NULL, &old[i]);
		if (old[i].sa_handler != SIG_IGN)
			sigaction(signals[i], &sa, NULL);
	}

	bool ok;
	if (args->report) {
		struct db_report_options options = {
			.district_code = args->district,
			.region_code = args->region,
			.format = args->report_format,
			.progress = args->progress ? export_progress : NULL,
			.stop = export_stop,
			.exact = args->exact,
			.bom = !args->no_bom,
			.wait_timeout = args->wait_timeout,
		};
		ok = db_report_backlog(conn, &options, out, &err);
	} else {
		struct db_export_options options = {
			.district_code = args->district,
			.region_code = args->region,
			.alliance_code = args->alliance,
			.filter = args->filter,
			.overdue = args->overdue,
			.progress = args->progress ? export_progress : NULL,
			.stop = export_stop,
			.exact = args->exact,
			.bom = !args->no_bom,
			.wait_timeout = args->wait_timeout,
		};
		long rows = 0;
		ok = db_export_run(conn, kind, &options, out, &rows, &err);
	}
	/* a signal after the last query: the output is whole, but what was asked for is to stop */
	if (export_signal)
		ok = false;
	if (out != stdout)
		ok = export_commit(out, temp, args->output, ok, &err);
	else if (ok && fflush(stdout) != 0) {
		db_error_set(&err, _("cannot write the export: %s"), strerror(errno));
		ok = false;
	}
	free(temp);

	for (int i = 0; i < 3; i++)
		sigaction(signals[i], &old[i], NULL);
	if (export_signal) {
		raise(export_signal);
		return 128 + export_signal;
	}
	if (!ok) {
		complain("%s", err.message);
		return IEDESK_EXIT_FAILED;
	}
	return IEDESK_EXIT_OK;
}

/* ---- minutes ---- */

static int command_minutes(PGconn *conn, const char *meeting_id, enum db_minutes_format format, const char *output)
{
	struct db_error err = { 0 };
	char *temp = NULL;
	FILE *out = stdout;
	if (output && !(out = export_open_temp(output, &temp, &err))) {
		complain("%s", err.message);
		return IEDESK_EXIT_FAILED;
	}
	bool ok = db_minutes_write(conn, meeting_id, format, out, &err);
	if (out != stdout)
		ok = export_commit(out, temp, output, ok, &err);
	free(temp);
	if (!ok) {
		complain("%s", err.message);
		return IEDESK_EXIT_FAILED;
	}
	return IEDESK_EXIT_OK;
}

/* ---- IEPs ---- */

/* As the minutes: to standard output, or replacing output only once the IEP is whole. */
static int command_iep(PGconn *conn, const char *code, int number, enum db_minutes_format format, const char *output)
{
	struct db_error err = { 0 };
	char *temp = NULL;
	FILE *out = stdout;
	if (output && !(out = export_open_temp(output, &temp, &err))) {
		complain("%s", err.message);
		return IEDESK_EXIT_FAILED;
	}
	bool ok = db_iep_write(conn, code, number, format, out, &err);
	if (out != stdout)
		ok = export_commit(out, temp, output, ok, &err);
	free(temp);
	if (!ok) {
		complain("%s", err.message);
		return IEDESK_EXIT_FAILED;
	}
	return IEDESK_EXIT_OK;
}

/* ---- accounts ---- */

enum admin_action {
	ADMIN_NONE, ADMIN_CREATE, ADMIN_DISABLE, ADMIN_ENABLE, ADMIN_LIST, ADMIN_FIND, ADMIN_ASSIGN, ADMIN_UNASSIGN
};

struct admin_args {
	enum admin_action action;
	const char *login;
	const char *role;
	const char *district;
	const char *region;
	const char *person;
	const char *alliance;   /* assign-alliance, unassign-alliance: its code */
};

static const char *account_district(const struct db_account *a)
{
	return a->district_code ? a->district_code : "-";
}

/* admin assign-alliance / unassign-alliance LOGIN CODE. */
static int command_assign_alliance(PGconn *conn, const struct admin_args *args)
{
	struct db_error err = { 0 };
	bool assign = args->action == ADMIN_ASSIGN, changed = false;
	if (!db_alliance_coordinator_run(conn, args->login, args->alliance, assign, &changed, &err)) {
		complain("%s", err.message);
		return IEDESK_EXIT_FAILED;
	}
	if (assign)
		printf(changed ? _("%s now coordinates the alliance %s\n") : _("%s coordinates the alliance %s already\n"),
			args->login, args->alliance);
	else
		printf(changed ? _("%s no longer coordinates the alliance %s\n")
			: _("%s did not coordinate the alliance %s\n"), args->login, args->alliance);
	return IEDESK_EXIT_OK;
}

static bool is_number(const char *s)
{
	return *s && strspn(s, "0123456789") == strlen(s) && strlen(s) <= 18;
}

/* The persons found, one a line: id, login, name (the name, typed by anyone, shown and not obeyed). */
static void persons_print(FILE *out, const struct db_persons *persons)
{
	for (size_t i = 0; i < persons->count; i++) {
		const struct db_person_found *p = &persons->items[i];
		char *line = xasprintf("%-8s %-20s %s%s%s", p->id, p->login ? p->login : "-", p->name,
			p->phone ? "  " : "", p->phone ? p->phone : "");
		char *shown = text_clean(line, TEXT_KEEP_NONE);
		fprintf(out, "  %s\n", shown);
		free(shown);
		free(line);
	}
}

/* admin find-person TEXT: who has which id, for --person. */
static int command_find_person(PGconn *conn, const char *text)
{
	struct db_request req;
	struct db_persons persons;
	struct db_error err = { 0 };
	db_person_find_request(text, true, &req);
	if (!db_persons_run(conn, &req, &persons, &err)) {
		complain("%s", err.message);
		return IEDESK_EXIT_FAILED;
	}
	if (persons.count == 0)
		complain(_("no person's name holds '%s'"), text);
	else
	{
		fputs("  ", stdout);
		print_cells(stdout, 8, C_("persons column", "ID"));
		print_cells(stdout, 20, C_("persons column", "LOGIN"));
		printf("%s\n", C_("persons column", "NAME"));
	}
	persons_print(stdout, &persons);
	int rc = persons.count ? IEDESK_EXIT_OK : IEDESK_EXIT_FAILED;
	db_persons_done(&persons);
	return rc;
}

/* --person NAME as an id: exactly one person has that name, else a sentence naming the candidates. */
static char *person_resolve(PGconn *conn, const char *name)
{
	struct db_request req;
	struct db_persons persons;
	struct db_error err = { 0 };
	db_person_find_request(name, false, &req);
	if (!db_persons_run(conn, &req, &persons, &err)) {
		complain("%s", err.message);
		return NULL;
	}
	char *id = NULL;
	if (persons.count == 1) {
		id = xstrdup(persons.items[0].id);
	} else if (persons.count == 0) {
		complain(_("no person is named '%s'; 'iedesk admin find-person TEXT' lists names and their ids"), name);
	} else {
		complain(_("%zu persons are named '%s'; give --person one of their ids:"), persons.count, name);
		persons_print(stderr, &persons);
	}
	db_persons_done(&persons);
	return id;
}

static int command_admin(PGconn *conn, const struct admin_args *args)
{
	struct db_request req;
	struct db_accounts accounts;
	struct db_error err = { 0 };
	char *person = NULL;
	switch (args->action) {
	case ADMIN_FIND:
		return command_find_person(conn, args->login);
	case ADMIN_ASSIGN:
	case ADMIN_UNASSIGN:
		return command_assign_alliance(conn, args);
	case ADMIN_CREATE:
		if (args->person && !is_number(args->person) && !(person = person_resolve(conn, args->person)))
			return IEDESK_EXIT_FAILED;
		db_account_create_scoped_request(args->login, args->role, args->district, args->region,
			person ? person : args->person, &req);
		free(person);
		break;
	case ADMIN_DISABLE:
		db_account_disable_request(args->login, &req);
		break;
	case ADMIN_ENABLE:
		db_account_enable_request(args->login, &req);
		break;
	default:
		db_account_list_request(&req);
		break;
	}
	if (!db_accounts_run(conn, &req, &accounts, &err)) {
		complain("%s", err.message);
		return IEDESK_EXIT_FAILED;
	}
	if (args->action == ADMIN_LIST) {
		/* every column but the last is ASCII (logins, roles, codes, dates), so printf's widths line them
		 * up; the person's name, in any script, comes last */
		static const int widths[] = { 20, 11, 8, 8, 25, 9 };
		const char *const titles[] = { C_("accounts column", "LOGIN"), C_("accounts column", "ROLE"),
			C_("accounts column", "DISTRICT"), C_("accounts column", "REGION"), C_("accounts column", "STATE"),
			C_("accounts column", "PERSON-ID") };
		for (int c = 0; c < 6; c++)
			print_cells(stdout, widths[c], titles[c]);
		printf("%s\n", C_("accounts column", "PERSON"));
		for (size_t i = 0; i < accounts.count; i++) {
			const struct db_account *a = &accounts.items[i];
			char state[160];
			if (a->disabled_at)
				snprintf(state, sizeof(state), _("disabled %s"), a->disabled_at);
			else
				snprintf(state, sizeof(state), "%s", C_("account state", "active"));
			/* a name anyone who edits people typed: shown, not obeyed, on the administrator's terminal */
			char *name = text_clean(a->person_name ? a->person_name : "-", TEXT_KEEP_NONE);
			const char *const cells[] = { a->login, a->role, account_district(a),
				a->region_code ? a->region_code : "-", state, a->person_id ? a->person_id : "-" };
			for (int c = 0; c < 6; c++)
				print_cells(stdout, widths[c], cells[c]);
			printf("%s\n", name);
			free(name);
		}
	} else if (accounts.count == 1) {
		const struct db_account *a = &accounts.items[0];
		if (args->action == ADMIN_CREATE) {
			/* what it works for: its district, or its region (0031) */
			const char *scope = a->district_name ? a->district_name : a->region_name;
			const char *scope_code = a->district_name ? account_district(a) : a->region_code;
			char *line = scope && a->person_name
				? xasprintf(_("account %1$s created: %2$s of %3$s (%4$s), for %5$s"), a->login, a->role,
					scope, scope_code, a->person_name)
				: scope ? xasprintf(_("account %1$s created: %2$s of %3$s (%4$s)"), a->login, a->role,
					scope, scope_code)
				: a->person_name ? xasprintf(_("account %1$s created: %2$s, for %3$s"), a->login, a->role,
					a->person_name)
				: xasprintf(_("account %1$s created: %2$s"), a->login, a->role);
			char *shown = text_clean(line, TEXT_KEEP_NONE);
			printf("%s\n", shown);
			free(shown);
			free(line);
			printf(_("iedesk sets no password. Either give %s one, as an administrator in psql:\n"
				"    \\password %s\n"
				"and the person keeps it in ~/.pgpass (mode 0600; one line host:port:database:%s:password),\n"
				"never in iedesk's config; or let the server authenticate the login by peer (same name\n"
				"on the server's machine) or certificate (sslmode=verify-full) in pg_hba.conf.\n"),
				a->login, a->login, a->login);
		} else if (args->action == ADMIN_ENABLE) {
			printf(_("account %s enabled: the login connects again, as %s\n"), a->login, a->role);
		} else {
			printf(_("account %s disabled: the login can no longer connect, and a session still open may do"
				" nothing more\n"), a->login);
		}
	}
	db_accounts_done(&accounts);
	return IEDESK_EXIT_OK;
}

/* admin ACTION [LOGIN]: the action and its login from argv; false with the usage error printed. */
static bool admin_parse(int argc, char **argv, struct admin_args *args)
{
	const char *action = optind < argc ? argv[optind++] : NULL;
	if (!action) {
		complain(_("admin what? The actions are create-account, disable-account, enable-account, list-accounts,"
			" find-person, assign-alliance and unassign-alliance"));
		return false;
	}
	if (strcmp(action, "create-account") == 0)
		args->action = ADMIN_CREATE;
	else if (strcmp(action, "disable-account") == 0)
		args->action = ADMIN_DISABLE;
	else if (strcmp(action, "enable-account") == 0)
		args->action = ADMIN_ENABLE;
	else if (strcmp(action, "list-accounts") == 0)
		args->action = ADMIN_LIST;
	else if (strcmp(action, "find-person") == 0)
		args->action = ADMIN_FIND;
	else if (strcmp(action, "assign-alliance") == 0)
		args->action = ADMIN_ASSIGN;
	else if (strcmp(action, "unassign-alliance") == 0)
		args->action = ADMIN_UNASSIGN;
	else {
		complain(_("unknown admin action '%s': the actions are create-account, disable-account,"
			" enable-account, list-accounts, find-person, assign-alliance and unassign-alliance"), action);
		return false;
	}
	if (args->action != ADMIN_LIST) {
		args->login = optind < argc ? argv[optind++] : NULL;
		if (!args->login || !*args->login) {
			if (args->action == ADMIN_FIND)
				complain(_("admin %s needs a name, or part of one"), action);
			else
				complain(_("admin %s needs a login"), action);
			return false;
		}
	}
	if (args->action == ADMIN_ASSIGN || args->action == ADMIN_UNASSIGN) {
		args->alliance = optind < argc ? argv[optind++] : NULL;
		if (!args->alliance || !*args->alliance) {
			complain(_("admin %s needs a login and the code of an alliance"), action);
			return false;
		}
	}
	if (args->action == ADMIN_CREATE) {
		enum db_role role;
		if (!args->role) {
			complain(_("admin create-account needs --role: %s"), db_roles_text());
			return false;
		}
		if (!db_role_lookup(args->role, &role)) {
			complain(_("unknown role '%s': the roles are %s"), args->role, db_roles_text());
			return false;
		}
		args->role = db_role_name(role);
		if (args->person && !*args->person) {
			complain(_("--person needs a person's id or name"));
			return false;
		}
		if (args->district && args->region) {
			complain(_("an account works for a district or for a region: give --district or --region, not both"));
			return false;
		}
	} else if (args->role || args->person || args->district || args->region) {
		complain(_("%s goes with 'admin create-account'"),
			args->role ? "--role" : args->person ? "--person" : args->district ? "--district" : "--region");
		return false;
	}
	return true;
}

int main(int argc, char **argv)
{
	/* A closed 0, 1 or 2 would be the next file opened (the libpq socket, an export), so that our
	 * messages went into it; /dev/null takes their place before anything else is opened. */
	for (int fd = 0; fd <= 2; fd++)
		if (fcntl(fd, F_GETFD) < 0 && open("/dev/null", O_RDWR) != fd)
			return IEDESK_EXIT_FAILED;
	static const struct option options[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ "status", no_argument, NULL, 's' },
		{ "district", required_argument, NULL, 'd' },
		{ "filter", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "progress", no_argument, NULL, 'p' },
		{ "overdue", no_argument, NULL, 'O' },
		{ "format", required_argument, NULL, 'F' },
		{ "today", required_argument, NULL, 'T' },
		{ "role", required_argument, NULL, 'R' },
		{ "person", required_argument, NULL, 'P' },
		{ "exact-csv", no_argument, NULL, 'X' },
		{ "no-bom", no_argument, NULL, 'B' },
		{ "lang", required_argument, NULL, 'L' },
		{ "number", required_argument, NULL, 'N' },
		{ "region", required_argument, NULL, 'G' },
		{ "alliance", required_argument, NULL, 'A' },
		{ NULL, 0, NULL, 0 },
	};
	char localedir[PATH_MAX];
	locale_dir(localedir, sizeof(localedir));
	text_language(NULL, localedir);
	const char *config_path = NULL;
	const char *language = NULL;
	bool status = false;
	struct export_args export = { 0 };
	const char *export_option = NULL;   /* the first export-only option given, for the usage error */
	const char *format_name = NULL;
	const char *number_text = NULL;
	struct admin_args admin = { 0 };
	int opt;
	opterr = 0;   /* one line of ours says what is wrong, not getopt's and then the whole usage */
	while ((opt = getopt_long(argc, argv, ":c:hVo:", options, NULL)) != -1) {
		switch (opt) {
		case 'c': config_path = optarg; break;
		case 'h': usage(stdout); return IEDESK_EXIT_OK;
		case 'V': printf("iedesk %s\n", IEDESK_VERSION); return IEDESK_EXIT_OK;
		case 's': status = true; break;
		case 'd': export.district = optarg; break;
		case 'f': export.filter = optarg; export_option = export_option ? export_option : "--filter"; break;
		case 'o': export.output = optarg; break;
		case 'p': export.progress = true; export_option = export_option ? export_option : "--progress"; break;
		case 'O': export.overdue = true; export_option = export_option ? export_option : "--overdue"; break;
		case 'F': format_name = optarg; break;
		case 'T': export.today = optarg; break;
		case 'R': admin.role = optarg; break;
		case 'P': admin.person = optarg; break;
		case 'X': export.exact = true; break;
		case 'B': export.no_bom = true; break;
		case 'N': number_text = optarg; break;
		case 'G': export.region = optarg; break;
		case 'A': export.alliance = optarg; export_option = export_option ? export_option : "--alliance"; break;
		case 'L':
			/* at once, so that what is wrong with the options after it is said in it */
			language = optarg;
			if (!config_language_known(language)) {
				complain(_("unknown language '%s' for --lang: iedesk speaks %s"), language,
				         config_languages());
				return IEDESK_EXIT_USAGE;
			}
			text_language(language, localedir);
			break;
		case ':':
			complain(_("%s needs a value; see iedesk --help"), argv[optind - 1]);
			return IEDESK_EXIT_USAGE;
		default:
			if (optopt)
				complain(_("unknown option -%c; see iedesk --help"), optopt);
			else
				complain(_("unknown option %s; see iedesk --help"), argv[optind - 1]);
			return IEDESK_EXIT_USAGE;
		}
	}
	const char *command = optind < argc ? argv[optind++] : NULL;
	bool is_export = command && strcmp(command, "export") == 0;
	bool is_report = command && strcmp(command, "report") == 0;
	bool is_admin = command && strcmp(command, "admin") == 0;
	if (is_admin) {
		admin.district = export.district;
		admin.region = export.region;
		export.district = NULL;
		export.region = NULL;
		if (!admin_parse(argc, argv, &admin))
			return IEDESK_EXIT_USAGE;
	} else if (admin.role || admin.person) {
		complain(_("%s goes with 'admin create-account'"), admin.role ? "--role" : "--person");
		return IEDESK_EXIT_USAGE;
	}
	if (is_export) {
		enum db_export_kind kind = DB_EXPORT_COUNT;
		export.kind = optind < argc ? argv[optind++] : NULL;
		if (!export.kind) {
			complain(_("export what? The kinds are %s"), export_kinds_text());
			return IEDESK_EXIT_USAGE;
		}
		/* `export report` is the summary report as CSV: what the summary report's x runs */
		export.report = strcmp(export.kind, "report") == 0;
		export.report_format = DB_REPORT_CSV;
		if (!export.report && !db_export_lookup(export.kind, &kind)) {
			complain(_("unknown export '%s': the kinds are %s"), export.kind, export_kinds_text());
			return IEDESK_EXIT_USAGE;
		}
		if (export.overdue && (export.report || (kind != DB_EXPORT_ACTION_ITEMS && kind != DB_EXPORT_INSPECTIONS
				&& kind != DB_EXPORT_FINDINGS && kind != DB_EXPORT_BACKLOG))) {
			complain(_("--overdue goes with 'export action-items', 'inspections', 'findings'"
				" or 'backlog'"));
			return IEDESK_EXIT_USAGE;
		}
		if (export.report && export.filter) {
			complain(_("--filter goes with the exports of lists, not 'export report': it reports"
				" every district, or one with --district"));
			return IEDESK_EXIT_USAGE;
		}
		if (export.alliance && (export.report || (kind != DB_EXPORT_ALLIANCES && kind != DB_EXPORT_ALLIANCE_MEMBERS
				&& kind != DB_EXPORT_PARTNERSHIPS && kind != DB_EXPORT_ACTIVITIES))) {
			complain(_("only the alliances, alliance-members, partnerships and activities exports take an"
				" alliance"));
			return IEDESK_EXIT_USAGE;
		}
	} else if (is_report) {
		const char *name = optind < argc ? argv[optind++] : NULL;
		if (!name) {
			complain(_("report what? The report is backlog"));
			return IEDESK_EXIT_USAGE;
		}
		if (strcmp(name, "backlog") != 0) {
			complain(_("unknown report '%s': the report is backlog"), name);
			return IEDESK_EXIT_USAGE;
		}
		export.report = true;
		export.report_format = DB_REPORT_TABLE;
		if (format_name && !db_report_format_lookup(format_name, &export.report_format)) {
			complain(_("unknown format '%s': use table or csv"), format_name);
			return IEDESK_EXIT_USAGE;
		}
		if (export_option) {
			complain(_("%s goes with 'export'"), export_option);
			return IEDESK_EXIT_USAGE;
		}
	} else if (export_option) {
		complain(_("%s goes with 'export'"), export_option);
		return IEDESK_EXIT_USAGE;
	} else if (export.district) {
		complain(_("--district goes with 'export' or 'report'"));
		return IEDESK_EXIT_USAGE;
	} else if (export.region) {
		complain(_("--region goes with 'export', 'report' or 'admin create-account'"));
		return IEDESK_EXIT_USAGE;
	}
	if (export.today && !db_date_valid(export.today)) {
		complain(_("--today takes a date as YYYY-MM-DD, not '%s'"), export.today);
		return IEDESK_EXIT_USAGE;
	}
	bool is_minutes = command && strcmp(command, "minutes") == 0;
	bool is_iep = command && strcmp(command, "iep") == 0;
	const char *meeting_id = NULL;
	const char *case_code = NULL;
	int iep_number = 0;
	enum db_minutes_format format = DB_MINUTES_MARKDOWN;
	if (is_iep) {
		case_code = optind < argc ? argv[optind++] : NULL;
		if (!case_code || !*case_code) {
			complain(_("the IEP of which case? Give its code"));
			return IEDESK_EXIT_USAGE;
		}
		if (number_text) {
			char *end;
			errno = 0;
			long n = strtol(number_text, &end, 10);
			if (!*number_text || *end || errno || n < 1 || n > 9999) {
				complain(_("--number takes an IEP's version, a number from 1, not '%s'"), number_text);
				return IEDESK_EXIT_USAGE;
			}
			iep_number = (int)n;
		}
		if (format_name && !db_minutes_format_lookup(format_name, &format)) {
			complain(_("unknown format '%s': use md or txt"), format_name);
			return IEDESK_EXIT_USAGE;
		}
	} else if (number_text) {
		complain(_("--number goes with 'iep'"));
		return IEDESK_EXIT_USAGE;
	}
	if (is_minutes) {
		meeting_id = optind < argc ? argv[optind++] : NULL;
		if (!meeting_id) {
			complain(_("minutes of which meeting? Give its id"));
			return IEDESK_EXIT_USAGE;
		}
		if (!*meeting_id || strspn(meeting_id, "0123456789") != strlen(meeting_id) || strlen(meeting_id) > 18) {
			complain(_("a meeting id is a number, not '%s'"), meeting_id);
			return IEDESK_EXIT_USAGE;
		}
		if (format_name && !db_minutes_format_lookup(format_name, &format)) {
			complain(_("unknown format '%s': use md or txt"), format_name);
			return IEDESK_EXIT_USAGE;
		}
	} else if (format_name && !is_report && !is_iep) {
		complain(_("--format goes with 'minutes', 'iep' or 'report'"));
		return IEDESK_EXIT_USAGE;
	}
	if (export.output && !is_export && !is_minutes && !is_iep && !is_report) {
		complain(_("--output goes with 'export', 'minutes', 'iep' or 'report'"));
		return IEDESK_EXIT_USAGE;
	}
	if (export.output && !*export.output) {
		complain(_("--output needs a file name"));
		return IEDESK_EXIT_USAGE;
	}
	if (optind < argc) {
		complain(_("unexpected argument '%s'; see iedesk --help"), argv[optind]);
		return IEDESK_EXIT_USAGE;
	}
	bool is_migrate = command && strcmp(command, "migrate") == 0;
	if (command && !is_migrate && !is_export && !is_report && !is_minutes && !is_iep && !is_admin
			&& strcmp(command, "demo-data") != 0) {
		complain(_("unknown command '%s'; see iedesk --help"), command);
		return IEDESK_EXIT_USAGE;
	}
	if (export.today && (is_migrate || is_admin || (command && strcmp(command, "demo-data") == 0))) {
		complain(_("--today goes with the program itself, 'export', 'report', 'minutes' and 'iep'"));
		return IEDESK_EXIT_USAGE;
	}
	if (status && !is_migrate) {
		complain(_("--status goes with 'migrate'"));
		return IEDESK_EXIT_USAGE;
	}
	if (export.no_bom && !is_export && !(is_report && export.report_format == DB_REPORT_CSV)) {
		complain(_("--no-bom goes with 'export' and 'report --format csv'"));
		return IEDESK_EXIT_USAGE;
	}

	struct config cfg;
	struct config_error cerr;
	config_init(&cfg);
	if (!config_load(&cfg, config_path, &cerr)) {
		char message[1200];
		config_error_format(&cerr, message, sizeof(message));
		complain("%s", message);
		config_done(&cfg);
		return IEDESK_EXIT_CONFIG;
	}
	if (!language && cfg.language)
		text_language(cfg.language, localedir);
	text_date_format(cfg.date_format);
	export.wait_timeout = cfg.wait_timeout;
	struct db_target target = { .service = cfg.service, .conninfo = cfg.conninfo };
	/* Every "today" the program knows is the database's: --today fixes it for the whole connection. */
	char *day_options = export.today ? db_target_day_options(&target, export.today) : NULL;
	target.options = day_options;
	char *datadir = data_dir();
	int rc;
	if (!command) {
		rc = tui_run(&cfg, &target);
	} else {
		struct db_error err = { 0 };
		PGconn *conn = db_connect(&target, &err);
		if (!conn) {
			complain("%s", err.message);
			rc = IEDESK_EXIT_CONNECT;
		} else {
			rc = is_migrate ? command_migrate(conn, datadir, status) :
				is_export || is_report ? command_export(conn, &export) :
				is_minutes ? command_minutes(conn, meeting_id, format, export.output) :
				is_iep ? command_iep(conn, case_code, iep_number, format, export.output) :
				is_admin ? command_admin(conn, &admin) :
				command_demo_data(conn, datadir);
			PQfinish(conn);
		}
	}
	free(datadir);
	free(day_options);
	config_done(&cfg);
	return rc;
}
