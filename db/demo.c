/* demo: load the demo district into an empty, fully migrated database. */
#include "db/private.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool query_one(PGconn *conn, const char *sql, char *out, size_t size, struct db_error *err, const char *doing)
{
	PGresult *res = PQexec(conn, sql);
	bool ok = PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1;
	if (ok)
		snprintf(out, size, "%s", PQgetvalue(res, 0, 0));
	else
		db_error_from_result(err, conn, res, doing);
	PQclear(res);
	return ok;
}

bool db_demo_load(PGconn *conn, const char *migrations_dir, const char *demo_file, struct db_error *err)
{
	struct db_migration_list list;
	if (!db_migrate_status(conn, migrations_dir, &list, err))
		return false;
	size_t pending = 0;
	for (size_t i = 0; i < list.count; i++)
		pending += !list.items[i].applied || list.items[i].changed;
	db_migration_list_done(&list);
	if (pending) {
		db_error_set(err, ngettext("the database is not fully migrated (%zu migration pending); run "
			"'iedesk migrate' first", "the database is not fully migrated (%zu migrations pending); run "
			"'iedesk migrate' first", (unsigned long)pending), pending);
		return false;
	}

	char rows[64];
	if (!query_one(conn,
			"SELECT (SELECT count(*) FROM iedesk.district) + (SELECT count(*) FROM iedesk.school)"
			" + (SELECT count(*) FROM iedesk.person) + (SELECT count(*) FROM iedesk.meeting)"
			" + (SELECT count(*) FROM iedesk.inspection)",
			rows, sizeof(rows), err, _("checking that the database is empty")))
		return false;
	if (strcmp(rows, "0") != 0) {
		db_error_set(err, _("the database already holds data (%s rows of districts, schools, persons, "
			"meetings and inspections); demo data is loaded only into an empty database"), rows);
		return false;
	}

	size_t size;
	char *sql = db_read_file(demo_file, &size, err);
	if (!sql)
		return false;
	if (!db_exec_ok(conn, "BEGIN", err, _("loading the demo data"))) {
		free(sql);
		return false;
	}
	PGresult *res = PQexec(conn, sql);
	bool ok = PQresultStatus(res) == PGRES_COMMAND_OK || PQresultStatus(res) == PGRES_TUPLES_OK;
	if (!ok)
		db_error_from_result(err, conn, res, _("loading the demo data"));
	PQclear(res);
	free(sql);
	res = PQexec(conn, ok ? "COMMIT" : "ROLLBACK");
	if (ok && PQresultStatus(res) != PGRES_COMMAND_OK) {
		db_error_from_result(err, conn, res, _("loading the demo data"));
		ok = false;
	}
	PQclear(res);
	return ok;
}
