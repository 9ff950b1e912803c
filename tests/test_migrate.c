/* test_migrate: the migration runner — fresh apply, no-op re-run, tampered and failing files,
 * two runners at once, and the command line around it. */
#include "tests/tests.h"
#include "tests/testdb.h"
#include "config/config.h"
#include "db/db.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static char *tmp_dir;       /* a copy of db/ the test may change */
static char *migrations;    /* tmp_dir/migrations */

static void write_file(const char *path, const char *text, const char *mode)
{
	FILE *f = fopen(path, mode);
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

static size_t count_files(const char *dir)
{
	size_t n = 0;
	DIR *d = opendir(dir);
	ck_assert_ptr_nonnull(d);
	struct dirent *e;
	while ((e = readdir(d)))
		n += strlen(e->d_name) > 4 && strcmp(e->d_name + strlen(e->d_name) - 4, ".sql") == 0;
	closedir(d);
	return n;
}

static void setup(void)
{
	char template[] = "/tmp/iedesk-migrate-XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(template));
	tmp_dir = xstrdup(template);
	migrations = xasprintf("%s/migrations", tmp_dir);
	char *source = testdb_source_path("db/migrations");
	char *cmd = xasprintf("cp -r '%s' '%s'", source, migrations);
	ck_assert_int_eq(system(cmd), 0);
	free(cmd);
	free(source);
}

static void teardown(void)
{
	char *cmd = xasprintf("rm -rf '%s'", tmp_dir);
	ck_assert_int_eq(system(cmd), 0);
	free(cmd);
	FREE(&tmp_dir);
	FREE(&migrations);
}

START_TEST(fresh_apply_then_noop)
{
	char *db = testdb_create_empty();
	PGconn *conn = testdb_connect(db);
	struct db_error err = { 0 };
	int applied = -1;
	ck_assert_msg(db_migrate(conn, migrations, NULL, NULL, &applied, &err), "%s", err.message);
	ck_assert_int_eq(applied, (int)count_files(migrations));
	ck_assert_int_eq(testdb_count(conn, "SELECT count(*) FROM iedesk.schema_migrations"), applied);
	ck_assert_int_eq(testdb_count(conn, "SELECT count(*) FROM pg_tables WHERE schemaname = 'iedesk' "
		"AND tablename IN ('district', 'school', 'meeting', 'inspection', 'audit_log')"), 5);

	ck_assert_msg(db_migrate(conn, migrations, NULL, NULL, &applied, &err), "%s", err.message);
	ck_assert_int_eq(applied, 0);

	struct db_migration_list list;
	ck_assert(db_migrate_status(conn, migrations, &list, &err));
	ck_assert_uint_eq(list.count, count_files(migrations));
	for (size_t i = 0; i < list.count; i++) {
		ck_assert(list.items[i].applied);
		ck_assert(!list.items[i].changed);
		ck_assert_uint_eq(strlen(list.items[i].checksum), 64);
	}
	db_migration_list_done(&list);
	PQfinish(conn);
	free(db);
}
END_TEST

START_TEST(tampered_file_refused)
{
	char *db = testdb_create_empty();
	PGconn *conn = testdb_connect(db);
	struct db_error err = { 0 };
	int applied;
	ck_assert(db_migrate(conn, migrations, NULL, NULL, &applied, &err));

	char *first = xasprintf("%s/0001_schema.sql", migrations);
	write_file(first, "\n-- an edit after the fact\n", "a");
	char *later = xasprintf("%s/0999_later.sql", migrations);
	write_file(later, "CREATE TABLE iedesk.later_marker (id int);\n", "w");

	ck_assert(!db_migrate(conn, migrations, NULL, NULL, &applied, &err));
	ck_assert_int_eq(applied, 0);
	ck_assert_msg(strstr(err.message, "0001_schema.sql was changed after it was applied"), "%s", err.message);
	ck_assert_int_eq(testdb_count(conn, "SELECT count(*) FROM pg_tables WHERE tablename = 'later_marker'"), 0);

	struct db_migration_list list;
	ck_assert(db_migrate_status(conn, migrations, &list, &err));
	ck_assert(list.items[0].changed);
	db_migration_list_done(&list);

	char *output = NULL;
	int rc = testdb_run_program(db, tmp_dir, &output, "migrate", NULL);
	ck_assert_int_eq(rc, 1);
	ck_assert_msg(strstr(output, "was changed after it was applied"), "%s", output);
	free(output);
	rc = testdb_run_program(db, tmp_dir, &output, "migrate", "--status", NULL);
	ck_assert_int_eq(rc, 1);
	ck_assert_msg(strstr(output, "CHANGED") && strstr(output, "pending"), "%s", output);
	free(output);

	free(first);
	free(later);
	PQfinish(conn);
	free(db);
}
END_TEST

START_TEST(failing_file_rolls_back)
{
	char *db = testdb_create_empty();
	PGconn *conn = testdb_connect(db);
	char *bad = xasprintf("%s/0998_bad.sql", migrations);
	write_file(bad, "CREATE TABLE iedesk.half_done (id int);\n\nSELECT no_such_function();\n", "w");
	struct db_error err = { 0 };
	int applied;
	ck_assert(!db_migrate(conn, migrations, NULL, NULL, &applied, &err));
	ck_assert_int_eq(applied, (int)count_files(migrations) - 1);
	ck_assert_msg(strstr(err.message, "applying 0998_bad.sql (line 3)") && strstr(err.message, "no_such_function"),
		"%s", err.message);
	ck_assert_int_eq(testdb_count(conn, "SELECT count(*) FROM pg_tables WHERE tablename = 'half_done'"), 0);
	ck_assert_int_eq(testdb_count(conn, "SELECT count(*) FROM iedesk.schema_migrations WHERE file = '0998_bad.sql'"), 0);
	free(bad);
	PQfinish(conn);
	free(db);
}
END_TEST

/* Without the advisory lock both runners would apply the slow file and the second would fail on
 * its CREATE TABLE or on the schema_migrations key. */
START_TEST(two_runners_never_collide)
{
	char *db = testdb_create_empty();
	char *slow = xasprintf("%s/0997_slow.sql", migrations);
	write_file(slow, "SELECT pg_sleep(0.4);\nCREATE TABLE iedesk.slow_marker (id int);\n", "w");
	pid_t pids[2];
	for (int i = 0; i < 2; i++) {
		pids[i] = fork();
		ck_assert_int_ge(pids[i], 0);
		if (pids[i] == 0) {
			PGconn *conn = testdb_connect(db);
			struct db_error err = { 0 };
			int applied = 0;
			bool ok = db_migrate(conn, migrations, NULL, NULL, &applied, &err);
			if (!ok)
				fprintf(stderr, "runner %d: %s\n", i, err.message);
			PQfinish(conn);
			_exit(ok ? applied : 255);
		}
	}
	int total = 0;
	for (int i = 0; i < 2; i++) {
		int status;
		ck_assert_int_eq(waitpid(pids[i], &status, 0), pids[i]);
		ck_assert(WIFEXITED(status));
		ck_assert_int_ne(WEXITSTATUS(status), 255);
		total += WEXITSTATUS(status);
	}
	ck_assert_int_eq(total, (int)count_files(migrations));
	PGconn *conn = testdb_connect(db);
	ck_assert_int_eq(testdb_count(conn, "SELECT count(*) FROM iedesk.schema_migrations"), total);
	PQfinish(conn);
	free(slow);
	free(db);
}
END_TEST

START_TEST(command_line_status)
{
	char *db = testdb_create_empty();
	char *output = NULL;
	int rc = testdb_run_program(db, tmp_dir, &output, "migrate", "--status", NULL);
	ck_assert_int_eq(rc, 0);
	ck_assert_msg(strstr(output, "0001_schema.sql") && strstr(output, "pending"), "%s", output);
	free(output);

	rc = testdb_run_program(db, tmp_dir, &output, "migrate", NULL);
	ck_assert_msg(rc == 0, "%s", output);
	ck_assert_msg(strstr(output, "applying 0001_schema.sql"), "%s", output);
	free(output);

	rc = testdb_run_program(db, tmp_dir, &output, "migrate", NULL);
	ck_assert_int_eq(rc, 0);
	ck_assert_msg(strstr(output, "up to date"), "%s", output);
	free(output);

	rc = testdb_run_program(db, tmp_dir, &output, "migrate", "--status", NULL);
	ck_assert_int_eq(rc, 0);
	ck_assert_msg(strstr(output, "0001_schema.sql") && strstr(output, "applied") && !strstr(output, "pending"),
		"%s", output);
	free(output);
	free(db);
}
END_TEST

START_TEST(command_line_errors)
{
	char *output = NULL;
	ck_assert_int_eq(testdb_run_program("postgres", NULL, &output, "--help", NULL), 0);
	ck_assert_msg(strstr(output, "usage: iedesk") && strstr(output, "demo-data"), "%s", output);
	free(output);
	ck_assert_int_eq(testdb_run_program("postgres", NULL, &output, "--version", NULL), 0);
	ck_assert_msg(strncmp(output, "iedesk ", 7) == 0, "%s", output);
	free(output);
	ck_assert_int_eq(testdb_run_program("postgres", NULL, &output, "frobnicate", NULL), 2);
	ck_assert_msg(strstr(output, "unknown command 'frobnicate'"), "%s", output);
	free(output);
	ck_assert_int_eq(testdb_run_program("postgres", NULL, &output, "--config", "/nonexistent/iedesk.yaml",
		"migrate", NULL), 3);
	ck_assert_msg(strstr(output, "/nonexistent/iedesk.yaml"), "%s", output);
	free(output);
	ck_assert_int_eq(testdb_run_program("no_such_database", NULL, &output, "migrate", NULL), 4);
	ck_assert_msg(strstr(output, "could not connect to database \"no_such_database\"") &&
		strstr(output, "does not exist"), "%s", output);
	free(output);
}
END_TEST

/* The runner's own words in Chinese (issue 18) around what the server said, which stays as it said it;
 * in English as before. */
START_TEST(messages_in_chinese)
{
	char *db = testdb_create_empty();
	PGconn *conn = testdb_connect(db);
	char *bad = xasprintf("%s/0998_bad.sql", migrations);
	write_file(bad, "CREATE TABLE iedesk.half_done (id int);\n\nSELECT no_such_function();\n", "w");
	struct db_error err = { 0 };
	int applied;
	text_language("zh_CN", getenv("IEDESK_LOCALEDIR"));
	ck_assert(!db_migrate(conn, migrations, NULL, NULL, &applied, &err));
	ck_assert_msg(strncmp(err.message, "执行 0998_bad.sql（第 3 行）时：", strlen("执行 0998_bad.sql（第 3 行）时：")) == 0
		&& strstr(err.message, "no_such_function"), "%s", err.message);
	/* an applied file edited afterwards */
	write_file(bad, "SELECT 1;\n", "w");
	ck_assert(db_migrate(conn, migrations, NULL, NULL, &applied, &err));
	write_file(bad, "SELECT 2;\n", "w");
	ck_assert(!db_migrate(conn, migrations, NULL, NULL, &applied, &err));
	char *want = xasprintf("%s/0998_bad.sql 在执行后被改动过", migrations);
	ck_assert_msg(strncmp(err.message, want, strlen(want)) == 0, "%s", err.message);
	free(want);
	text_language("en", getenv("IEDESK_LOCALEDIR"));
	unsetenv("LANGUAGE");
	ck_assert(!db_migrate(conn, migrations, NULL, NULL, &applied, &err));
	ck_assert_msg(strstr(err.message, "0998_bad.sql was changed after it was applied"), "%s", err.message);
	free(bad);
	PQfinish(conn);
	free(db);
}
END_TEST

Suite *migrate_suite(void)
{
	Suite *s = suite_create("migrate");
	TCase *tc = tcase_create("runner");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, fresh_apply_then_noop);
	tcase_add_test(tc, tampered_file_refused);
	tcase_add_test(tc, failing_file_rolls_back);
	tcase_add_test(tc, two_runners_never_collide);
	tcase_add_test(tc, command_line_status);
	tcase_add_test(tc, command_line_errors);
	tcase_add_test(tc, messages_in_chinese);
	suite_add_tcase(s, tc);
	return s;
}
