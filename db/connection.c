/* connection: reach the database the libpq way (service, conninfo, PG* variables, service and
 * password files), always as application "iedesk"; and wait for a command's result, with a deadline. */
#include "db/private.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

void db_target_params(const struct db_target *target, const char *keywords[8], const char *values[8])
{
	int n = 0;
	if (target && target->conninfo && *target->conninfo) {
		keywords[n] = "dbname";
		values[n++] = target->conninfo;
	}
	if (target && target->service && *target->service) {
		keywords[n] = "service";
		values[n++] = target->service;
	}
	if (target && target->options) {
		keywords[n] = "options";
		values[n++] = target->options;
	}
	/* After dbname, so it wins over anything the conninfo string says. */
	keywords[n] = "application_name";
	values[n++] = "iedesk";
	keywords[n] = NULL;
	values[n] = NULL;
}

char *db_target_day_options(const struct db_target *target, const char *day)
{
	char *given = NULL;
	if (target && target->conninfo && *target->conninfo) {
		PQconninfoOption *parsed = PQconninfoParse(target->conninfo, NULL);
		for (PQconninfoOption *o = parsed; o && o->keyword; o++)
			if (strcmp(o->keyword, "options") == 0 && o->val)
				given = xstrdup(o->val);
		PQconninfoFree(parsed);
	}
	if (!given && getenv("PGOPTIONS"))
		given = xstrdup(getenv("PGOPTIONS"));
	char *options = xasprintf("%s%s-c iedesk.today=%s", given ? given : "", given && *given ? " " : "", day);
	free(given);
	return options;
}

/* How long a command-line command waits for the database when nothing says otherwise: the server
 * answering the connection, and then any answer at all while a query runs. */
#define DB_TIMEOUT_DEFAULT 30

/* The connection timeout the user set (connect_timeout in the conninfo, PGCONNECT_TIMEOUT), else "". */
static const char *timeout_given(const struct db_target *target)
{
	static char given[16];
	given[0] = '\0';
	if (getenv("PGCONNECT_TIMEOUT") && *getenv("PGCONNECT_TIMEOUT"))
		snprintf(given, sizeof(given), "%s", getenv("PGCONNECT_TIMEOUT"));
	if (target && target->conninfo && *target->conninfo) {
		PQconninfoOption *parsed = PQconninfoParse(target->conninfo, NULL);
		for (PQconninfoOption *o = parsed; o && o->keyword; o++)
			if (strcmp(o->keyword, "connect_timeout") == 0 && o->val && *o->val)
				snprintf(given, sizeof(given), "%s", o->val);
		PQconninfoFree(parsed);
	}
	return given;
}

PGconn *db_connect(const struct db_target *target, struct db_error *err)
{
	/* A command-line command runs unattended (cron, a pipe): a server that stops answering must end it
	 * with a sentence, never leave it waiting. Keepalives notice a dead peer over TCP and
	 * tcp_user_timeout unacknowledged data; all come first, so the conninfo's own win over them. */
	const char *given = timeout_given(target);
	long seconds = *given ? strtol(given, NULL, 10) : DB_TIMEOUT_DEFAULT;
	char timeout[24], user_timeout[24];
	snprintf(timeout, sizeof(timeout), "%ld", seconds > 0 ? seconds : DB_TIMEOUT_DEFAULT);
	snprintf(user_timeout, sizeof(user_timeout), "%ld", (seconds > 0 ? seconds : DB_TIMEOUT_DEFAULT) * 1000);
	const char *keywords[16] = { "connect_timeout", "keepalives", "keepalives_idle", "keepalives_interval",
		"keepalives_count", "tcp_user_timeout" };
	const char *values[16] = { timeout, "1", "10", "5", "3", user_timeout };
	int fixed = 6;
	db_target_params(target, keywords + fixed, values + fixed);
	PGconn *conn = PQconnectdbParams(keywords, values, 1);
	if (!conn) {
		db_error_set(err, "%s", _("could not connect to the database: out of memory"));
		return NULL;
	}
	if (PQstatus(conn) != CONNECTION_OK) {
		db_error_from_connection(err, conn);
		PQfinish(conn);
		return NULL;
	}
	return conn;
}

int db_connection_timeout(PGconn *conn)
{
	int seconds = 0;
	PQconninfoOption *options = conn ? PQconninfo(conn) : NULL;
	for (PQconninfoOption *o = options; o && o->keyword; o++)
		if (strcmp(o->keyword, "connect_timeout") == 0 && o->val)
			seconds = atoi(o->val);
	PQconninfoFree(options);
	return seconds;
}

static long long now_ms(void)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (long long)now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

/* The what of a wait ("export", "report") as the user reads it. */
static const char *task_shown(const char *what)
{
	static const char *const tasks[] = { NC_("task", "export"), NC_("task", "report") };
	for (size_t i = 0; what && i < sizeof(tasks) / sizeof(tasks[0]); i++)
		if (strcmp(strchr(tasks[i], '\004') + 1, what) == 0)
			return text_in_context(tasks[i]);
	return what ? what : "";
}

bool db_wait_result(PGconn *conn, int seconds, bool (*stop)(void *ctx), void *ctx, const char *what,
		struct db_error *err)
{
	if (!PQisBusy(conn))
		return true;
	int timeout = seconds > 0 ? seconds : db_connection_timeout(conn);
	long long deadline = timeout > 0 ? now_ms() + timeout * 1000LL : -1;
	while (PQisBusy(conn)) {
		if (stop && stop(ctx)) {
			db_error_set(err, _("the %s was interrupted"), task_shown(what));
			return false;
		}
		long long left = deadline < 0 ? -1 : deadline - now_ms();
		if (deadline >= 0 && left <= 0) {
			db_error_set(err, ngettext("the database sent nothing for %d second, so the %s was stopped: the server "
				"may be stalled or overloaded. Try again later, or give wait-timeout in the config file (or "
				"connect_timeout in the conninfo, or PGCONNECT_TIMEOUT) a larger number of seconds to wait "
				"longer.", "the database sent nothing for %d seconds, so the %s was stopped: the server "
				"may be stalled or overloaded. Try again later, or give wait-timeout in the config file (or "
				"connect_timeout in the conninfo, or PGCONNECT_TIMEOUT) a larger number of seconds to wait "
				"longer.", (unsigned long)timeout), timeout, task_shown(what));
			/* Cancelling asks the stalled server too: shut the socket so nothing waits on it again. */
			shutdown(PQsocket(conn), SHUT_RDWR);
			return false;
		}
		int wait = stop ? 250 : -1;
		if (left >= 0 && (wait < 0 || left < wait))
			wait = (int)left;
		struct pollfd pfd = { .fd = PQsocket(conn), .events = POLLIN };
		/* A signal ends the wait early (EINTR); the timeout only bounds how late stop is asked. */
		int ready = poll(&pfd, 1, wait);
		if (ready < 0 && errno != EINTR) {
			db_error_set(err, _("waiting for the database: %s"), strerror(errno));
			return false;
		}
		if (!PQconsumeInput(conn)) {
			char *doing = xasprintf(_("reading the %s"), task_shown(what));
			db_error_from_result(err, conn, NULL, doing);
			free(doing);
			return false;
		}
		/* Anything from the server (a row, a notice) shows it is alive: the silence starts again. */
		if (ready > 0 && deadline >= 0)
			deadline = now_ms() + timeout * 1000LL;
	}
	return true;
}

void db_query_drain(PGconn *conn)
{
	PGresult *res;
	while ((res = PQgetResult(conn)))
		PQclear(res);
}

void db_query_abandon(PGconn *conn)
{
	PGcancel *cancel = PQgetCancel(conn);
	if (cancel) {
		char why[256];
		PQcancel(cancel, why, sizeof(why));
		PQfreeCancel(cancel);
	}
	db_query_drain(conn);
}

/* libpq says "connection to server on socket "/x/.s.PGSQL.5432" failed: FATAL:  database "y" does
 * not exist"; keep only what the server (or the socket) said. */
static const char *server_said(const char *message)
{
	const char *failed = strstr(message, "failed: ");
	const char *said = failed ? failed + strlen("failed: ") : message;
	if (strncmp(said, "FATAL:", 6) == 0)
		said += 6;
	while (*said == ' ')
		said++;
	return said;
}

void db_error_from_connection(struct db_error *err, PGconn *conn)
{
	if (!err)
		return;
	const char *host = conn ? PQhost(conn) : NULL;
	const char *port = conn ? PQport(conn) : NULL;
	const char *db = conn ? PQdb(conn) : NULL;
	const char *user = conn ? PQuser(conn) : NULL;
	char said[512];
	snprintf(said, sizeof(said), "%s", conn ? server_said(PQerrorMessage(conn)) : _("no memory"));
	said[strcspn(said, "\n")] = '\0';
	bool socket = host && host[0] == '/';
	/* NOLOGIN: the server is there and the settings are right; only an administrator can help. */
	bool disabled = strstr(said, "is not permitted to log in") != NULL;
	const char *at = host && *host ? host : _("(default)");
	bool has_port = port && *port;
	char where[512];
	if (socket)
		snprintf(where, sizeof(where), has_port ? _("socket %s port %s") : _("socket %s"), at, has_port ? port : "");
	else
		snprintf(where, sizeof(where), has_port ? _("host %s port %s") : _("host %s"), at, has_port ? port : "");
	const char *shown_db = db && *db ? db : "?", *shown_user = user && *user ? user : "?";
	if (disabled)
		db_error_set(err, _("could not connect to database \"%s\" as \"%s\" on %s: the account \"%s\" is "
			"disabled. Ask an administrator of iedesk to enable it again, or connect as another account."),
			shown_db, shown_user, where, shown_user);
	else
		db_error_set(err, _("could not connect to database \"%s\" as \"%s\" on %s: %s. "
			"Check that the server is running there and that the connection settings are right "
			"(connection: in the config file, PGSERVICE/PGHOST/PGDATABASE, ~/.pg_service.conf, ~/.pgpass)."),
			shown_db, shown_user, where, said);
	/* The conninfo, a host name or the server's words can hold any byte; none may reach a terminal as a
	 * control character (an ESC would start an escape sequence), so each shows as '?', as on the screen. */
	char *shown = text_clean(err->message, TEXT_KEEP_NONE);
	snprintf(err->message, sizeof(err->message), "%s", shown);
	free(shown);
}
