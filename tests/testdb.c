/* testdb: per-test databases copied from one migrated template, and small query helpers. */
#include "tests/testdb.h"
#include "config/config.h"
#include "db/db.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define TEMPLATE_DB "iedesk_test_template"

const char *testdb_source_dir(void)
{
	const char *dir = getenv("IEDESK_SOURCE_DIR");
	if (!dir || !*dir) {
		fprintf(stderr, "tests: IEDESK_SOURCE_DIR is not set; run the tests with 'make check'\n");
		exit(2);
	}
	return dir;
}

char *testdb_source_path(const char *relative)
{
	return xasprintf("%s/%s", testdb_source_dir(), relative);
}

const char *testdb_program(void)
{
	const char *bin = getenv("IEDESK_BIN");
	ck_assert_msg(bin && *bin, "IEDESK_BIN is not set; run the tests with 'make check'");
	return bin;
}

PGconn *testdb_connect(const char *dbname)
{
	const char *keywords[] = { "dbname", NULL };
	const char *values[] = { dbname, NULL };
	PGconn *conn = PQconnectdbParams(keywords, values, 0);
	if (PQstatus(conn) != CONNECTION_OK) {
		fprintf(stderr, "tests: cannot connect to %s (is the run inside scripts/pgsandbox?): %s",
			dbname, PQerrorMessage(conn));
		PQfinish(conn);
		exit(2);
	}
	PQsetNoticeProcessor(conn, NULL, NULL);
	return conn;
}

void testdb_load_demo(PGconn *conn)
{
	char *migrations = testdb_source_path("db/migrations");
	char *demo = testdb_source_path("db/demo/demo.sql");
	struct db_error err = { 0 };
	bool ok = db_demo_load(conn, migrations, demo, &err);
	free(migrations);
	free(demo);
	ck_assert_msg(ok, "the demo did not load: %s", err.message);
}

PGconn *testdb_demo(void)
{
	char *name = testdb_create_migrated();
	PGconn *conn = testdb_connect(name);
	free(name);
	testdb_load_demo(conn);
	testdb_exec(conn, "SET iedesk.today = '2026-11-24'");
	return conn;
}

PGresult *testdb_run(PGconn *conn, const struct db_request *req)
{
	return PQexecParams(conn, req->sql, req->nparams, NULL, (const char *const *)req->params, NULL, NULL, 0);
}

void testdb_fetch(PGconn *conn, int kind, int where, char *const *key, const char *filter, const char *parent,
		int limit, struct db_rows *rows)
{
	struct db_request req;
	db_list_request((enum db_list_kind)kind, (enum db_window)where, key, filter, parent, limit, &req);
	PGresult *res = testdb_run(conn, &req);
	struct db_error err = { 0 };
	bool ok = db_rows_parse((enum db_list_kind)kind, (enum db_window)where, res, rows, &err);
	ck_assert_msg(ok, "%s window %d: %s", db_list_def((enum db_list_kind)kind)->name, where, err.message);
	PQclear(res);
	db_request_done(&req);
}

const char *testdb_row_id(const struct db_rows *rows, size_t i)
{
	return rows->rows[i].keys[rows->nkeys - 1];
}

const struct db_row *testdb_find_row(const struct db_rows *rows, const char *id)
{
	for (size_t i = 0; i < rows->count; i++)
		if (!strcmp(testdb_row_id(rows, i), id))
			return &rows->rows[i];
	ck_abort_msg("no row with id %s", id);
	return NULL;
}

char *testdb_ids(const struct db_rows *rows)
{
	char *s = xstrdup("");
	for (size_t i = 0; i < rows->count; i++) {
		char *t = xasprintf("%s%s%s", s, i ? "," : "", testdb_row_id(rows, i));
		free(s);
		s = t;
	}
	return s;
}

long testdb_count_rows(PGconn *conn, int kind, const char *filter, const char *parent)
{
	struct db_rows rows;
	testdb_fetch(conn, kind, DB_WINDOW_FIRST, NULL, filter, parent, 1000, &rows);
	long n = (long)rows.count;
	db_rows_done(&rows);
	return n;
}

void testdb_detail(PGconn *conn, int kind, const char *id, struct db_detail *detail)
{
	struct db_request req;
	db_detail_request((enum db_detail_kind)kind, id, &req);
	PGresult *res = testdb_run(conn, &req);
	struct db_error err = { 0 };
	ck_assert_msg(db_detail_parse(res, detail, &err), "detail %d of %s: %s", kind, id, err.message);
	PQclear(res);
	db_request_done(&req);
}

const char *testdb_line_value(const struct db_detail *detail, const char *section, const char *label,
		const char *prefix)
{
	for (size_t i = 0; i < detail->count; i++)
		if (!strcmp(detail->lines[i].section, section) && (!label || !strcmp(detail->lines[i].label, label))
				&& (!prefix || !strncmp(detail->lines[i].value, prefix, strlen(prefix))))
			return detail->lines[i].value;
	return NULL;
}

char *testdb_ids_of_sql(PGconn *conn, const char *order_query)
{
	char *sql = xasprintf("SELECT coalesce(string_agg(id::text, ',' ORDER BY n), '') FROM"
		" (SELECT id, row_number() OVER () AS n FROM (%s) q) r", order_query);
	char *ids = testdb_value(conn, sql);
	free(sql);
	return ids;
}

void testdb_check_cells(const struct db_row *row, const char *const *want, int n)
{
	for (int i = 0; i < n; i++)
		ck_assert_msg(!strcmp(row->cells[i], want[i]), "cell %d: %s, want %s", i, row->cells[i], want[i]);
}

void testdb_check_order(PGconn *conn, int kind, const char *filter, const char *parent, const char *order_query)
{
	struct db_rows rows;
	testdb_fetch(conn, kind, DB_WINDOW_FIRST, NULL, filter, parent, 1000, &rows);
	char *got = testdb_ids(&rows), *want = testdb_ids_of_sql(conn, order_query);
	const char *name = db_list_def((enum db_list_kind)kind)->name;
	ck_assert_msg(*want, "%s: nothing expected", name);
	ck_assert_msg(!strcmp(got, want), "%s: %s, want %s", name, got, want);
	free(got);
	free(want);
	db_rows_done(&rows);
}

static PGconn *connect_quiet(const char *dbname)
{
	PGconn *conn = testdb_connect(dbname);
	PGresult *res = PQexec(conn, "SET client_min_messages = warning");
	PQclear(res);
	return conn;
}

void testdb_exec(PGconn *conn, const char *sql)
{
	PGresult *res = PQexec(conn, sql);
	ExecStatusType status = PQresultStatus(res);
	ck_assert_msg(status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK, "%s failed: %s", sql,
		PQresultErrorMessage(res));
	PQclear(res);
}

const char *testdb_try(PGconn *conn, const char *sql, ...)
{
	static char state[6];
	const char *params[16];
	int n = 0;
	va_list ap;
	va_start(ap, sql);
	const char *p;
	while (n < 16 && (p = va_arg(ap, const char *)))
		params[n++] = p;
	va_end(ap);
	PGresult *res = PQexecParams(conn, sql, n, NULL, params, NULL, NULL, 0);
	ExecStatusType status = PQresultStatus(res);
	if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK)
		state[0] = '\0';
	else
		snprintf(state, sizeof(state), "%s", PQresultErrorField(res, PG_DIAG_SQLSTATE) ?
			PQresultErrorField(res, PG_DIAG_SQLSTATE) : "?????");
	PQclear(res);
	return state;
}

char *testdb_value(PGconn *conn, const char *sql)
{
	PGresult *res = PQexec(conn, sql);
	ck_assert_msg(PQresultStatus(res) == PGRES_TUPLES_OK, "%s failed: %s", sql, PQresultErrorMessage(res));
	ck_assert_msg(PQntuples(res) >= 1, "%s returned no row", sql);
	char *value = xstrdup(PQgetvalue(res, 0, 0));
	PQclear(res);
	return value;
}

long testdb_count(PGconn *conn, const char *sql)
{
	char *value = testdb_value(conn, sql);
	long n = strtol(value, NULL, 10);
	free(value);
	return n;
}

static char *new_database(const char *template_name)
{
	static int counter;
	char *name = xasprintf("t_%ld_%d", (long)getpid(), ++counter);
	PGconn *admin = connect_quiet("postgres");
	char *sql = xasprintf("CREATE DATABASE %s TEMPLATE %s", name, template_name);
	testdb_exec(admin, sql);
	free(sql);
	PQfinish(admin);
	return name;
}

void testdb_prepare_template(void)
{
	PGconn *admin = connect_quiet("postgres");
	PGresult *res = PQexec(admin, "DROP DATABASE IF EXISTS " TEMPLATE_DB);
	PQclear(res);
	res = PQexec(admin, "CREATE DATABASE " TEMPLATE_DB " TEMPLATE template0");
	if (PQresultStatus(res) != PGRES_COMMAND_OK) {
		fprintf(stderr, "tests: cannot create the template database: %s", PQresultErrorMessage(res));
		exit(2);
	}
	PQclear(res);
	PQfinish(admin);

	PGconn *conn = connect_quiet(TEMPLATE_DB);
	char *dir = testdb_source_path("db/migrations");
	struct db_error err = { 0 };
	int applied;
	if (!db_migrate(conn, dir, NULL, NULL, &applied, &err)) {
		fprintf(stderr, "tests: cannot migrate the template database: %s\n", err.message);
		exit(2);
	}
	free(dir);
	PQfinish(conn);
}

char *testdb_create_migrated(void)
{
	return new_database(TEMPLATE_DB);
}

char *testdb_create_empty(void)
{
	return new_database("template0");
}

char *testdb_read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	ck_assert_msg(f != NULL, "cannot open %s", path);
	fseek(f, 0, SEEK_END);
	long size = ftell(f);
	rewind(f);
	char *text = xmalloc((size_t)size + 1);
	ck_assert_uint_eq(fread(text, 1, (size_t)size, f), (size_t)size);
	text[size] = '\0';
	fclose(f);
	return text;
}

int testdb_run_program(const char *dbname, const char *datadir, char **output, ...)
{
	const char *argv[16];
	int argc = 0;
	argv[argc++] = testdb_program();
	va_list ap;
	va_start(ap, output);
	const char *a;
	while (argc < 15 && (a = va_arg(ap, const char *)))
		argv[argc++] = a;
	va_end(ap);
	argv[argc] = NULL;

	int fds[2];
	ck_assert_int_eq(pipe(fds), 0);
	pid_t pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		dup2(fds[1], 1);
		dup2(fds[1], 2);
		close(fds[0]);
		close(fds[1]);
		setenv("PGDATABASE", dbname, 1);
		if (datadir)
			setenv("IEDESK_DATADIR", datadir, 1);
		/* No user's config may leak into a test. */
		setenv("XDG_CONFIG_HOME", "/nonexistent", 1);
		execv(argv[0], (char *const *)argv);
		_exit(127);
	}
	close(fds[1]);
	size_t cap = 4096, len = 0;
	char *buf = xmalloc(cap);
	ssize_t n;
	while ((n = read(fds[0], buf + len, cap - len - 1)) > 0) {
		len += (size_t)n;
		if (len + 1 == cap)
			buf = xrealloc(buf, cap *= 2);
	}
	buf[len] = '\0';
	close(fds[0]);
	int status;
	waitpid(pid, &status, 0);
	*output = buf;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
