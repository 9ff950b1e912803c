/* connection: reach the database the libpq way (service, conninfo, PG* variables, service and
 * password files), always as application "iedesk". */
#include "db/db.h"
#include "config/config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

PGconn *db_connect(const struct db_target *target, struct db_error *err)
{
	const char *keywords[8], *values[8];
	db_target_params(target, keywords, values);
	PGconn *conn = PQconnectdbParams(keywords, values, 1);
	if (!conn) {
		db_error_set(err, "could not connect to the database: out of memory");
		return NULL;
	}
	if (PQstatus(conn) != CONNECTION_OK) {
		db_error_from_connection(err, conn);
		PQfinish(conn);
		return NULL;
	}
	return conn;
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
	snprintf(said, sizeof(said), "%s", conn ? server_said(PQerrorMessage(conn)) : "no memory");
	said[strcspn(said, "\n")] = '\0';
	bool socket = host && host[0] == '/';
	db_error_set(err,
		"could not connect to database \"%s\" as \"%s\" on %s %s%s%s: %s. "
		"Check that the server is running there and that the connection settings are right "
		"(connection: in the config file, PGSERVICE/PGHOST/PGDATABASE, ~/.pg_service.conf, ~/.pgpass).",
		db && *db ? db : "?", user && *user ? user : "?",
		socket ? "socket" : "host", host && *host ? host : "(default)",
		port && *port ? " port " : "", port && *port ? port : "", said);
}
