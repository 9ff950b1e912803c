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
	testdb_exec(conn, "SET iedesk.today = '" TESTDB_TODAY "'");
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
	ck_assert_msg(ok, "%s window %d: %s", db_list_spec((enum db_list_kind)kind)->name, where, err.message);
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
	const char *name = db_list_spec((enum db_list_kind)kind)->name;
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

/* Runs the words of before (NULL-ended, may be NULL), then program, then ap's arguments. */
static int run_program(const char *const *before, const char *program, const char *dbname, const char *datadir,
		char **output, va_list ap)
{
	const char *argv[24];
	int argc = 0;
	for (; before && *before && argc < 8; before++)
		argv[argc++] = *before;
	argv[argc++] = program;
	const char *a;
	while (argc < 23 && (a = va_arg(ap, const char *)))
		argv[argc++] = a;
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

int testdb_run_program(const char *dbname, const char *datadir, char **output, ...)
{
	va_list ap;
	va_start(ap, output);
	int status = run_program(NULL, testdb_program(), dbname, datadir, output, ap);
	va_end(ap);
	return status;
}

/*
 * The program's own peak, through GNU time: a child forked from this process starts with this process's pages
 * resident, and exec keeps that peak in the child's rusage, so a large test runner would be counted as the
 * program's memory. time forks the program from its own small process instead.
 */
int testdb_run_measured(const char *dbname, long *maxrss_kb, char **output, ...)
{
	char path[] = "/tmp/iedesk-maxrss-XXXXXX";
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	close(fd);
	const char *before[] = { "/usr/bin/time", "-f", "%M", "-o", path, NULL };
	va_list ap;
	va_start(ap, output);
	int status = run_program(before, testdb_program(), dbname, NULL, output, ap);
	va_end(ap);
	char *text = testdb_read_file(path);
	unlink(path);
	ck_assert_msg(sscanf(text, "%ld", maxrss_kb) == 1, "time said: %s", text);
	free(text);
	return status;
}

const char *testdb_load_program(void)
{
	const char *bin = getenv("IEDESK_LOAD_BIN");
	ck_assert_msg(bin && *bin, "IEDESK_LOAD_BIN is not set; run the tests with 'make check'");
	return bin;
}

int testdb_run_load(const char *dbname, char **output, ...)
{
	va_list ap;
	va_start(ap, output);
	int status = run_program(NULL, testdb_load_program(), dbname, NULL, output, ap);
	va_end(ap);
	return status;
}

const char *testdb_control_in(const char *text)
{
	for (const unsigned char *u = (const unsigned char *)text; *u; u++)
		if ((*u < 0x20 && *u != '\n') || *u == 0x7F || (u[0] == 0xC2 && u[1] >= 0x80 && u[1] <= 0x9F)
				|| (u[0] == 0xE2 && u[1] == 0x80 && u[2] >= 0xAA && u[2] <= 0xAE)
				|| (u[0] == 0xE2 && u[1] == 0x81 && u[2] >= 0xA6 && u[2] <= 0xA9))
			return (const char *)u;
	return NULL;
}

/* ---- records ---- */

int testdb_field_index(int kind, const char *column)
{
	const struct db_record_def *def = db_record_def((enum db_record_kind)kind);
	for (int i = 0; i < def->nfields; i++)
		if (!strcmp(def->fields[i].column, column))
			return i;
	ck_abort_msg("%s has no field %s", def->name, column);
	return -1;
}

void testdb_set_value(struct db_record *rec, const char *column, const char *value)
{
	int i = testdb_field_index(rec->kind, column);
	free(rec->values[i]);
	rec->values[i] = value ? xstrdup(value) : NULL;
}

int testdb_save(PGconn *conn, const struct db_record *rec, char **id, char **version, struct db_error *err)
{
	struct db_request req;
	db_record_save_request(rec, &req);
	PGresult *res = testdb_run(conn, &req);
	struct db_error failure = { 0 };
	bool failed = PQresultStatus(res) != PGRES_TUPLES_OK;
	if (failed)
		db_error_explain(&failure, res);
	enum db_save_outcome outcome = db_record_save_outcome(failed ? NULL : res, &failure, id, version, err);
	PQclear(res);
	db_request_done(&req);
	return outcome;
}

bool testdb_load(PGconn *conn, int kind, const char *id, struct db_record *rec, struct db_error *err)
{
	struct db_request req;
	db_record_load_request((enum db_record_kind)kind, id, &req);
	PGresult *res = testdb_run(conn, &req);
	bool ok = db_record_parse((enum db_record_kind)kind, res, rec, err);
	PQclear(res);
	db_request_done(&req);
	return ok;
}

void testdb_check_same_values(const struct db_record *got, const struct db_record *want)
{
	const struct db_record_def *def = db_record_def(want->kind);
	for (int i = 0; i < def->nfields; i++) {
		const char *w = want->values[i] && *want->values[i] ? want->values[i] : NULL;
		if (!w)
			ck_assert_msg(!got->values[i], "%s.%s: NULL expected, got %s", def->name, def->fields[i].column,
				got->values[i]);
		else
			ck_assert_msg(got->values[i] && !strcmp(got->values[i], w), "%s.%s: %s expected, got %s", def->name,
				def->fields[i].column, w, got->values[i] ? got->values[i] : "NULL");
	}
}

/* Its lookups are named as the sample says, or (a sample naming none) every one set has a name. */
static void check_names(const struct testdb_sample *sample, const struct db_record *loaded)
{
	const struct db_record_def *def = db_record_def(loaded->kind);
	bool named = false;
	for (int i = 0; i < def->nfields; i++)
		named = named || sample->names[i];
	for (int i = 0; i < def->nfields; i++) {
		const char *got = loaded->lookup_names[i];
		if (named && sample->names[i])
			ck_assert_msg(got && !strcmp(got, sample->names[i]), "%s.%s named %s, want %s", def->name,
				def->fields[i].column, got ? got : "NULL", sample->names[i]);
		else if (!named && def->fields[i].type == DB_FIELD_LOOKUP && loaded->values[i])
			ck_assert_msg(got && *got, "%s.%s has no name", def->name, def->fields[i].column);
		else
			ck_assert_ptr_null(got);
	}
}

void testdb_round_trip(PGconn *c, const struct testdb_sample *samples, size_t count)
{
	for (size_t s = 0; s < count; s++) {
		const struct testdb_sample *sample = &samples[s];
		const struct db_record_def *def = db_record_def((enum db_record_kind)sample->kind);
		if (sample->prerequisite)
			ck_assert_int_eq(testdb_count(c, sample->prerequisite), 0);
		struct db_record rec;
		db_record_init(&rec, (enum db_record_kind)sample->kind);
		for (int i = 0; i < def->nfields; i++) {
			free(rec.values[i]);
			rec.values[i] = xstrdup(sample->values[i]);
			char why[256];
			ck_assert_msg(db_field_check(&def->fields[i], rec.values[i], why, sizeof(why)), "%s.%s: %s",
				def->name, def->fields[i].column, why);
		}

		/* created: version 1, and the row is there */
		char *id = NULL, *version = NULL;
		struct db_error err = { 0 };
		ck_assert_msg(testdb_save(c, &rec, &id, &version, &err) == DB_SAVE_OK, "%s %zu: %s", def->name, s,
			err.message);
		ck_assert_str_eq(version, "1");
		char *sql = xasprintf("SELECT count(*) FROM %s WHERE id = %s AND version = 1", def->table, id);
		ck_assert_int_eq(testdb_count(c, sql), 1);
		free(sql);

		/* loaded back: the same values, empty optional fields as NULL, lookups named */
		struct db_record loaded;
		ck_assert_msg(testdb_load(c, sample->kind, id, &loaded, &err), "%s: %s", def->name, err.message);
		ck_assert_str_eq(loaded.id, id);
		ck_assert_str_eq(loaded.version, "1");
		testdb_check_same_values(&loaded, &rec);
		check_names(sample, &loaded);

		/* edited and saved: version 2 */
		struct db_record edited;
		db_record_copy(&edited, &loaded);
		testdb_set_value(&edited, sample->edit_column, sample->edit_value);
		char *id2 = NULL, *version2 = NULL;
		ck_assert_msg(testdb_save(c, &edited, &id2, &version2, &err) == DB_SAVE_OK, "%s: %s", def->name,
			err.message);
		ck_assert_str_eq(id2, id);
		ck_assert_str_eq(version2, "2");
		struct db_record reloaded;
		ck_assert(testdb_load(c, sample->kind, id, &reloaded, &err));
		ck_assert_str_eq(reloaded.version, "2");
		testdb_check_same_values(&reloaded, &edited);

		/* saved again from the stale copy (version 1): a conflict worded after the kind; the edit stays */
		testdb_set_value(&loaded, sample->edit_column,
			sample->values[testdb_field_index(sample->kind, sample->edit_column)]);
		char *id3 = NULL, *version3 = NULL;
		ck_assert_int_eq(testdb_save(c, &loaded, &id3, &version3, &err), DB_SAVE_CONFLICT);
		ck_assert_ptr_null(id3);
		ck_assert_ptr_null(version3);
		char want[200], noun[64];
		snprintf(noun, sizeof(noun), "%s", def->title);
		noun[0] = (char)(noun[0] - 'A' + 'a');
		snprintf(want, sizeof(want), "someone else changed this %s since you opened it", noun);
		ck_assert_str_eq(err.message, want);
		struct db_record after;
		ck_assert(testdb_load(c, sample->kind, id, &after, &err));
		ck_assert_str_eq(after.version, "2");
		testdb_check_same_values(&after, &edited);

		db_record_done(&after);
		db_record_done(&reloaded);
		db_record_done(&edited);
		db_record_done(&loaded);
		db_record_done(&rec);
		free(id);
		free(version);
		free(id2);
		free(version2);
	}
}
