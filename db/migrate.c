/* migrate: apply db/migrations/NNNN_name.sql in order, once each, recorded with a checksum in
 * iedesk.schema_migrations; one transaction per file and an advisory lock around the whole run. */
#include "db/private.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Any constant will do, as long as every runner uses the same one: "iedeskmg" in ASCII. */
#define MIGRATE_LOCK_KEY "7585086990100637543"

static bool is_migration_name(const char *name)
{
	size_t len = strlen(name);
	if (len < 10 || strcmp(name + len - 4, ".sql") != 0 || name[4] != '_')
		return false;
	for (int i = 0; i < 4; i++)
		if (!isdigit((unsigned char)name[i]))
			return false;
	return true;
}

static int compare_migrations(const void *a, const void *b)
{
	return strcmp(((const struct db_migration *)a)->file, ((const struct db_migration *)b)->file);
}

static void list_add(struct db_migration_list *list, size_t *capacity, const char *file, const char *path)
{
	if (list->count == *capacity) {
		*capacity = *capacity ? *capacity * 2 : 16;
		list->items = xrealloc(list->items, *capacity * sizeof(*list->items));
	}
	struct db_migration *m = &list->items[list->count++];
	memset(m, 0, sizeof(*m));
	snprintf(m->version, sizeof(m->version), "%.4s", file);
	m->file = xstrdup(file);
	m->path = path ? xstrdup(path) : NULL;
}

void db_migration_list_done(struct db_migration_list *list)
{
	for (size_t i = 0; i < list->count; i++) {
		free(list->items[i].file);
		free(list->items[i].path);
	}
	FREE(&list->items);
	list->count = 0;
}

char *db_read_file(const char *path, size_t *size, struct db_error *err)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		db_error_set(err, _("cannot read %s: %s"), path, strerror(errno));
		return NULL;
	}
	size_t cap = 8192, len = 0;
	char *buf = xmalloc(cap);
	size_t n;
	while ((n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
		len += n;
		if (cap - len - 1 == 0)
			buf = xrealloc(buf, cap *= 2);
	}
	bool failed = ferror(f);
	fclose(f);
	if (failed) {
		db_error_set(err, _("cannot read %s"), path);
		free(buf);
		return NULL;
	}
	buf[len] = '\0';
	*size = len;
	return buf;
}

/* The server computes the checksum, so every runner agrees on it without a hash of our own. */
static bool file_checksum(PGconn *conn, const char *sql, size_t size, char out[65], struct db_error *err)
{
	const char *values[1] = { sql };
	const int lengths[1] = { (int)size };
	const int formats[1] = { 1 };
	const Oid types[1] = { 17 /* bytea */ };
	PGresult *res = PQexecParams(conn, "SELECT encode(sha256($1::bytea), 'hex')", 1, types, values,
		lengths, formats, 0);
	bool ok = PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1;
	if (ok)
		snprintf(out, 65, "%s", PQgetvalue(res, 0, 0));
	else
		db_error_from_result(err, conn, res, _("computing a migration checksum"));
	PQclear(res);
	return ok;
}

bool db_exec_ok(PGconn *conn, const char *sql, struct db_error *err, const char *doing)
{
	PGresult *res = PQexec(conn, sql);
	ExecStatusType status = PQresultStatus(res);
	bool ok = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
	if (!ok)
		db_error_from_result(err, conn, res, doing);
	PQclear(res);
	return ok;
}

/* Files in dir, with their checksums, merged with what the database says is applied. */
static bool collect(PGconn *conn, const char *dir, struct db_migration_list *list, struct db_error *err)
{
	memset(list, 0, sizeof(*list));
	size_t capacity = 0;
	DIR *d = opendir(dir);
	if (!d) {
		db_error_set(err, _("cannot open the migrations folder %s: %s"), dir, strerror(errno));
		return false;
	}
	struct dirent *e;
	while ((e = readdir(d))) {
		if (!is_migration_name(e->d_name))
			continue;
		char *path = xasprintf("%s/%s", dir, e->d_name);
		list_add(list, &capacity, e->d_name, path);
		free(path);
	}
	closedir(d);

	for (size_t i = 0; i < list->count; i++) {
		size_t size;
		char *sql = db_read_file(list->items[i].path, &size, err);
		bool ok = sql && file_checksum(conn, sql, size, list->items[i].checksum, err);
		free(sql);
		if (!ok)
			goto fail;
	}

	PGresult *res = PQexec(conn, "SELECT to_regclass('iedesk.schema_migrations') IS NOT NULL");
	bool have_table = PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1 &&
		strcmp(PQgetvalue(res, 0, 0), "t") == 0;
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		db_error_from_result(err, conn, res, _("reading the applied migrations"));
		PQclear(res);
		goto fail;
	}
	PQclear(res);
	if (have_table) {
		res = PQexec(conn, "SELECT file, checksum, to_char(applied_at, 'YYYY-MM-DD HH24:MI:SS') "
			"FROM iedesk.schema_migrations ORDER BY version");
		if (PQresultStatus(res) != PGRES_TUPLES_OK) {
			db_error_from_result(err, conn, res, _("reading the applied migrations"));
			PQclear(res);
			goto fail;
		}
		for (int r = 0; r < PQntuples(res); r++) {
			const char *file = PQgetvalue(res, r, 0);
			struct db_migration *m = NULL;
			for (size_t i = 0; i < list->count && !m; i++)
				if (strcmp(list->items[i].file, file) == 0)
					m = &list->items[i];
			if (!m) {
				list_add(list, &capacity, file, NULL);
				m = &list->items[list->count - 1];
			}
			m->applied = true;
			m->changed = m->path && strcmp(m->checksum, PQgetvalue(res, r, 1)) != 0;
			snprintf(m->applied_at, sizeof(m->applied_at), "%s", PQgetvalue(res, r, 2));
		}
		PQclear(res);
	}
	qsort(list->items, list->count, sizeof(*list->items), compare_migrations);
	return true;
fail:
	db_migration_list_done(list);
	return false;
}

bool db_migrate_status(PGconn *conn, const char *dir, struct db_migration_list *list, struct db_error *err)
{
	return collect(conn, dir, list, err);
}

/* The server reports a failing statement's position in characters; say the line instead. */
static int error_line(const char *sql, const PGresult *res)
{
	const char *pos = PQresultErrorField(res, PG_DIAG_STATEMENT_POSITION);
	if (!pos)
		return 0;
	long chars = strtol(pos, NULL, 10);
	int line = 1;
	for (const unsigned char *p = (const unsigned char *)sql; *p && chars > 1; p++) {
		if ((*p & 0xC0) != 0x80)
			chars--;
		if (*p == '\n')
			line++;
	}
	return line;
}

static bool apply_one(PGconn *conn, const struct db_migration *m, struct db_error *err)
{
	size_t size;
	char *sql = db_read_file(m->path, &size, err);
	if (!sql)
		return false;
	char doing[300];
	snprintf(doing, sizeof(doing), _("applying %s"), m->file);
	if (!db_exec_ok(conn, "BEGIN", err, doing)) {
		free(sql);
		return false;
	}
	PGresult *res = PQexec(conn, sql);
	ExecStatusType status = PQresultStatus(res);
	bool ok = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
	if (!ok) {
		int line = error_line(sql, res);
		if (line)
			snprintf(doing, sizeof(doing), _("applying %s (line %d)"), m->file, line);
		db_error_from_result(err, conn, res, doing);
	}
	PQclear(res);
	free(sql);
	if (ok) {
		const char *values[3] = { m->version, m->file, m->checksum };
		res = PQexecParams(conn, "INSERT INTO iedesk.schema_migrations (version, file, checksum) "
			"VALUES ($1, $2, $3)", 3, NULL, values, NULL, NULL, 0);
		ok = PQresultStatus(res) == PGRES_COMMAND_OK;
		if (!ok)
			db_error_from_result(err, conn, res, doing);
		PQclear(res);
	}
	if (ok)
		return db_exec_ok(conn, "COMMIT", err, doing);
	struct db_error ignored;
	db_exec_ok(conn, "ROLLBACK", &ignored, doing);
	return false;
}

bool db_migrate(PGconn *conn, const char *dir, db_progress_fn progress, void *ctx, int *applied,
		struct db_error *err)
{
	*applied = 0;
	struct db_error ignored;
	/* "already exists, skipping" notices are noise to whoever runs this. */
	if (!db_exec_ok(conn, "SET client_min_messages = warning", err, _("preparing to migrate")))
		return false;
	/* Taken before anything is read, so a second runner waits, then finds nothing to do. */
	if (!db_exec_ok(conn, "SELECT pg_advisory_lock(" MIGRATE_LOCK_KEY ")", err,
			_("waiting for other migration runners")))
		return false;
	bool ok = db_exec_ok(conn,
		"CREATE SCHEMA IF NOT EXISTS iedesk;"
		"CREATE TABLE IF NOT EXISTS iedesk.schema_migrations ("
		" version text PRIMARY KEY,"
		" file text NOT NULL,"
		" checksum text NOT NULL,"
		" applied_at timestamptz NOT NULL DEFAULT now(),"
		" applied_by text NOT NULL DEFAULT session_user)", err, _("creating iedesk.schema_migrations"));

	struct db_migration_list list = { 0 };
	if (ok)
		ok = collect(conn, dir, &list, err);
	for (size_t i = 0; ok && i < list.count; i++) {
		const struct db_migration *m = &list.items[i];
		if (m->changed) {
			db_error_set(err, _("%s/%s was changed after it was applied (the database recorded a different "
				"checksum); nothing was applied. Restore the file as it was and put the change in a new "
				"migration."), dir, m->file);
			ok = false;
		} else if (m->applied && !m->path) {
			db_error_set(err, _("the database has migration %s applied, but %s has no such file; nothing was "
				"applied. Is this iedesk older than the database?"), m->file, dir);
			ok = false;
		}
	}
	for (size_t i = 0; ok && i < list.count; i++) {
		const struct db_migration *m = &list.items[i];
		if (m->applied)
			continue;
		if (progress)
			progress(ctx, m->file);
		ok = apply_one(conn, m, err);
		if (ok)
			(*applied)++;
	}
	db_migration_list_done(&list);
	db_exec_ok(conn, "SELECT pg_advisory_unlock(" MIGRATE_LOCK_KEY ")", &ignored, "");
	return ok;
}
