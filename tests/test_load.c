/* test_load: the load driver (scripts/load.c, build/iedesk-load) run for a few seconds against the demo:
 * every kind of query is sent and answered without an error, the saves it counts are the updates the
 * audit log holds, and its command line refuses what it does not know. */
#include "tests/tests.h"
#include "tests/testdb.h"
#include "config/config.h"
#include "db/db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The kinds the driver reports, one line each: name, count, p50, p99, max, errors, conflicts. */
static const char *const kinds[] = { "connect", "window", "refresh", "summary", "detail", "load", "save" };

struct kind_line {
	long count, errors, conflicts;
};

/* The report's line for kind; the test fails when there is none. */
static struct kind_line kind_line(const char *out, const char *kind)
{
	size_t len = strlen(kind);
	for (const char *line = out; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
		if (strncmp(line, kind, len) != 0 || line[len] != ' ')
			continue;
		struct kind_line k;
		char p50[32], p99[32], max[32];
		ck_assert_msg(sscanf(line + len, "%ld %31s %31s %31s %ld %ld", &k.count, p50, p99, max, &k.errors,
			&k.conflicts) == 6, "the %s line does not read as a row of the table:\n%s", kind, out);
		return k;
	}
	ck_abort_msg("no %s line in the report:\n%s", kind, out);
	return (struct kind_line){ 0 };
}

START_TEST(test_sessions_run_every_kind)
{
	PGconn *conn = testdb_demo();
	char *db = xstrdup(PQdb(conn));
	long audited_before = testdb_count(conn, "SELECT count(*) FROM iedesk.audit_log WHERE action = 'update'"
		" AND table_name IN ('inspection', 'school')");
	setenv("PGOPTIONS", TESTDB_DAY_OPTIONS, 1);
	char *out;
	int rc = testdb_run_load(db, &out, "--sessions", "4", "--seconds", "3", "--think-ms", "0-20", "--save-every",
		"1", "--seed", "7", NULL);
	unsetenv("PGOPTIONS");
	ck_assert_msg(rc == 0, "iedesk-load exited %d:\n%s", rc, out);
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		struct kind_line k = kind_line(out, kinds[i]);
		ck_assert_msg(k.count > 0, "no %s query was answered:\n%s", kinds[i], out);
		ck_assert_msg(k.errors == 0, "%ld %s errors:\n%s", k.errors, kinds[i], out);
	}
	ck_assert_int_eq(kind_line(out, "connect").count, 4);
	ck_assert_msg(strstr(out, "sessions that failed to connect: 0\n"), "%s", out);
	/* every save it counts as saved (not a conflict) is one UPDATE the audit log recorded */
	struct kind_line save = kind_line(out, "save");
	long audited = testdb_count(conn, "SELECT count(*) FROM iedesk.audit_log WHERE action = 'update'"
		" AND table_name IN ('inspection', 'school')") - audited_before;
	ck_assert_msg(audited == save.count - save.conflicts, "%ld updates audited for %ld saves, %ld conflicts:\n%s",
		audited, save.count, save.conflicts, out);
	free(out);
	free(db);
	PQfinish(conn);
}
END_TEST

START_TEST(test_bad_options)
{
	static const struct {
		const char *option, *value, *says;
	} bad[] = {
		{ "--bogus", NULL, "unknown option '--bogus'" },
		{ "--sessions", "0", "--sessions does not take '0'" },
		{ "--think-ms", "300-100", "--think-ms does not take '300-100'" },
		{ "--seconds", "soon", "--seconds does not take 'soon'" },
		{ "extra", NULL, "unexpected argument 'extra'" },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char *out;
		int rc = testdb_run_load("postgres", &out, bad[i].option, bad[i].value, NULL);
		ck_assert_msg(rc == 2, "%s %s exited %d:\n%s", bad[i].option, bad[i].value ? bad[i].value : "", rc, out);
		ck_assert_msg(strstr(out, bad[i].says), "%s: expected \"%s\" in:\n%s", bad[i].option, bad[i].says, out);
		free(out);
	}
	char *out;
	ck_assert_int_eq(testdb_run_load("postgres", &out, "--help", NULL), 0);
	ck_assert_ptr_nonnull(strstr(out, "usage: iedesk-load"));
	free(out);
}
END_TEST

Suite *load_suite(void)
{
	Suite *s = suite_create("load");
	TCase *tc = tcase_create("driver");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_sessions_run_every_kind);
	tcase_add_test(tc, test_bad_options);
	suite_add_tcase(s, tc);
	return s;
}
