/* test_record: the editing layer (db/record.c, db_error_explain): every kind of record created, loaded,
 * edited and saved against the demo; stale versions refused as conflicts; values checked before they
 * leave the form; the database's refusals told as sentences, through the session too. */
#include "tests/tests.h"
#include "tests/testdb.h"
#include "config/config.h"
#include "db/db.h"
#include "db/private.h"

#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A migrated database holding the demo. */
static PGconn *demo_database(char **name_out)
{
	char *name = testdb_create_migrated();
	PGconn *conn = testdb_connect(name);
	if (name_out)
		*name_out = name;
	else
		free(name);
	testdb_load_demo(conn);
	return conn;
}

static PGresult *run(PGconn *conn, const struct db_request *req)
{
	return PQexecParams(conn, req->sql, req->nparams, NULL, (const char *const *)req->params, NULL, NULL, 0);
}

static const char *value_of(const struct db_record *rec, const char *column)
{
	return rec->values[testdb_field_index(rec->kind, column)];
}

static enum db_save_outcome archive(PGconn *conn, const struct db_record *rec, struct db_error *err)
{
	struct db_request req;
	db_record_archive_request(rec, &req);
	PGresult *res = run(conn, &req);
	char *id = NULL, *version = NULL;
	enum db_save_outcome outcome = db_record_save_outcome(res, NULL, &id, &version, err);
	free(id);
	free(version);
	PQclear(res);
	db_request_done(&req);
	return outcome;
}

/* The sentence a refused statement is explained with. */
static char *explained(PGconn *conn, const char *sql)
{
	PGresult *res = PQexec(conn, sql);
	ck_assert_msg(PQresultStatus(res) == PGRES_FATAL_ERROR, "%s was not refused", sql);
	struct db_error err = { 0 };
	db_error_explain(&err, res);
	PQclear(res);
	return xstrdup(err.message);
}

/* ---- the specs, and kinds that are none ---- */

/* Every kind's spec is whole (db/pane_*.c), and what each role saves is what 0012_roles.sql grants. */
START_TEST(test_record_definitions)
{
	for (int k = 0; k < DB_RECORD_COUNT; k++) {
		char why[256] = "";
		ck_assert_msg(db_record_check((enum db_record_kind)k, why, sizeof(why)), "%s", why);
		const char *table = db_record_def((enum db_record_kind)k)->table;
		ck_assert(!db_role_may_write(DB_ROLE_STAFF, (enum db_record_kind)k));
		/* a student's case and its parts (0029) are its district's case workers' alone; the rest, the
		 * administrators' too, never the case workers' */
		if (!strcmp(table, "iedesk.student_case") || !strncmp(table, "iedesk.case_", 12)
		    || !strncmp(table, "iedesk.iep", 10)) {
			ck_assert_msg(db_role_may_write(DB_ROLE_CASEWORKER, (enum db_record_kind)k), "case workers may not save"
				" %s", db_record_def((enum db_record_kind)k)->name);
			ck_assert(!db_role_may_write(DB_ROLE_ADMIN, (enum db_record_kind)k));
			continue;
		}
		ck_assert_msg(db_role_may_write(DB_ROLE_ADMIN, (enum db_record_kind)k), "admin may not save %s",
			db_record_def((enum db_record_kind)k)->name);
		ck_assert(!db_role_may_write(DB_ROLE_CASEWORKER, (enum db_record_kind)k));
	}
	/* each name is the journal's word for its kind: none twice */
	for (int a = 0; a < DB_RECORD_COUNT; a++)
		for (int b = a + 1; b < DB_RECORD_COUNT; b++)
			ck_assert_str_ne(db_record_def((enum db_record_kind)a)->name, db_record_def((enum db_record_kind)b)->name);
	/* the order is the numbers the tests and older code count on */
	ck_assert_int_eq(DB_RECORD_DISTRICT, 0);
	ck_assert_int_eq(DB_RECORD_PERSON, 5);
	ck_assert_int_eq(DB_RECORD_MEETING, 9);
	ck_assert_int_eq(DB_RECORD_FINDING, 15);
	ck_assert_int_eq(DB_RECORD_CASE, 16);   /* then the parts of a case (0029), added last */
}
END_TEST

/* A kind out of range is a bug: every function taking one aborts (it used to become a district). */
START_TEST(test_bad_record_kind_aborts)
{
	enum db_record_kind bad = (enum db_record_kind)(_i % 2 ? -1 : DB_RECORD_COUNT);
	struct db_request req;
	struct db_record rec = { .kind = bad };
	struct db_error err = { 0 };
	switch (_i / 2) {
	case 0: db_record_load_request(bad, "1", &req); break;
	case 1: db_record_save_request(&rec, &req); break;
	case 2: db_record_archive_request(&rec, &req); break;
	case 3: db_record_init(&rec, bad); break;
	case 4: db_record_parse(bad, NULL, &rec, &err); break;
	case 5: db_record_def(bad); break;
	default: db_role_may_write(DB_ROLE_ADMIN, bad); break;
	}
}
END_TEST

START_TEST(test_bad_lookup_kind_aborts)
{
	static const int bad[] = { DB_LOOKUP_NONE, DB_LOOKUP_COUNT, -1 };
	struct db_request req;
	db_lookup_request(bad[_i], "", 10, &req);
}
END_TEST

/* Every lookup kind has its query. */
START_TEST(test_lookup_kinds_have_queries)
{
	for (int k = DB_LOOKUP_NONE + 1; k < DB_LOOKUP_COUNT; k++) {
		struct db_request req;
		db_lookup_request(k, "", 10, &req);
		ck_assert_msg(req.sql && strstr(req.sql, "LIMIT $2::int"), "lookup %d", k);
		db_request_done(&req);
	}
}
END_TEST

/* ---- defaults, copies, the statements ---- */

START_TEST(test_init_defaults_and_copy)
{
	struct db_record rec;
	db_record_init(&rec, DB_RECORD_SCHOOL);
	ck_assert_ptr_null(rec.id);
	ck_assert_ptr_null(rec.version);
	ck_assert_str_eq(value_of(&rec, "sector"), "public");
	ck_assert_str_eq(value_of(&rec, "has_resource_classroom"), "f");
	ck_assert_str_eq(value_of(&rec, "is_resource_center"), "f");
	ck_assert_str_eq(value_of(&rec, "is_autism_base"), "f");
	ck_assert_ptr_null(value_of(&rec, "name"));
	ck_assert_ptr_null(value_of(&rec, "stage"));

	/* a new record's client key: a random UUID v4, another for every record */
	ck_assert_ptr_nonnull(rec.client_key);
	ck_assert_uint_eq(strlen(rec.client_key), 36);
	ck_assert_int_eq(rec.client_key[14], '4');
	ck_assert_ptr_nonnull(strchr("89ab", rec.client_key[19]));
	struct db_record other;
	db_record_init(&other, DB_RECORD_SCHOOL);
	ck_assert_str_ne(other.client_key, rec.client_key);
	db_record_done(&other);

	testdb_set_value(&rec, "name", "怀柔区第九小学");
	char *key = xstrdup(rec.client_key);
	rec.id = xstrdup("7");
	rec.version = xstrdup("3");
	rec.lookup_names[0] = xstrdup("怀柔区");
	struct db_record copy;
	db_record_copy(&copy, &rec);
	db_record_done(&rec);
	ck_assert_ptr_null(rec.values);
	ck_assert_ptr_null(rec.client_key);
	ck_assert_str_eq(copy.client_key, key);
	free(key);
	ck_assert_str_eq(copy.id, "7");
	ck_assert_str_eq(copy.version, "3");
	ck_assert_str_eq(value_of(&copy, "name"), "怀柔区第九小学");
	ck_assert_str_eq(copy.lookup_names[0], "怀柔区");
	ck_assert_ptr_null(copy.lookup_names[1]);
	db_record_done(&copy);

	db_record_init(&rec, DB_RECORD_CONSORTIUM_MEMBER);
	ck_assert_str_eq(value_of(&rec, "role"), "member");
	db_record_done(&rec);
	db_record_init(&rec, DB_RECORD_APPOINTMENT);
	ck_assert_str_eq(value_of(&rec, "workload"), "part");
	db_record_done(&rec);
}
END_TEST

/* Built once per kind from constant column names: the same text each time, never the user's. */
START_TEST(test_statements_are_static)
{
	const char *evil = "'); DROP TABLE iedesk.school; --";
	struct db_record rec;
	db_record_init(&rec, DB_RECORD_SCHOOL);
	testdb_set_value(&rec, "name", evil);
	struct db_request a, b;
	db_record_save_request(&rec, &a);
	db_record_save_request(&rec, &b);
	ck_assert_ptr_eq(a.sql, b.sql);
	ck_assert_ptr_null(strstr(a.sql, "DROP"));
	ck_assert_int_eq(a.nparams, 14);
	ck_assert_str_eq(a.params[13], rec.client_key);
	ck_assert_ptr_nonnull(strstr(a.sql, "ON CONFLICT (client_key) DO UPDATE"));
	ck_assert_str_eq(a.params[testdb_field_index(DB_RECORD_SCHOOL, "name")], evil);
	ck_assert_ptr_null(a.params[testdb_field_index(DB_RECORD_SCHOOL, "code")]);   /* empty is NULL */
	ck_assert_ptr_nonnull(strstr(a.sql, "INSERT INTO iedesk.school"));
	db_request_done(&a);
	db_request_done(&b);

	rec.id = xstrdup("5");
	rec.version = xstrdup("2");
	db_record_save_request(&rec, &a);
	ck_assert_int_eq(a.nparams, 15);
	ck_assert_str_eq(a.params[13], "5");
	ck_assert_str_eq(a.params[14], "2");
	ck_assert_ptr_nonnull(strstr(a.sql, "WHERE id = $14::bigint AND version = $15::int"));
	ck_assert_ptr_nonnull(strstr(a.sql, "$1::bigint"));
	ck_assert_ptr_nonnull(strstr(a.sql, "has_resource_classroom = $8::boolean"));
	db_request_done(&a);
	db_record_done(&rec);
}
END_TEST

/* Every field names a column of its table; required is NOT NULL; every choice is one the CHECK
 * allows: the schema is the truth. */
START_TEST(test_fields_match_schema)
{
	char *name = testdb_create_migrated();
	PGconn *c = testdb_connect(name);
	free(name);
	for (int k = 0; k < DB_RECORD_COUNT; k++) {
		const struct db_record_def *def = db_record_def((enum db_record_kind)k);
		const char *table = strchr(def->table, '.') + 1;
		for (int i = 0; i < def->nfields; i++) {
			const struct db_field *f = &def->fields[i];
			char *sql = xasprintf("SELECT is_nullable FROM information_schema.columns WHERE table_schema = 'iedesk'"
				" AND table_name = '%s' AND column_name = '%s'", table, f->column);
			char *nullable = testdb_value(c, sql);
			ck_assert_msg(!strcmp(nullable, f->required ? "NO" : "YES"), "%s.%s: required %d, nullable %s",
				table, f->column, f->required, nullable);
			free(nullable);
			free(sql);
			for (const char *const *choice = f->choices; choice && *choice; choice++) {
				sql = xasprintf("SELECT count(*) FROM pg_constraint WHERE conrelid = 'iedesk.%s'::regclass"
					" AND contype = 'c' AND pg_get_constraintdef(oid) LIKE '%%(%s %%' AND"
					" pg_get_constraintdef(oid) LIKE '%%''%s''%%'", table, f->column, *choice);
				ck_assert_msg(testdb_count(c, sql) >= 1, "%s.%s: %s is not a value the schema allows", table,
					f->column, *choice);
				free(sql);
			}
		}
		char *sql = xasprintf("SELECT count(*) FROM information_schema.columns WHERE table_schema = 'iedesk'"
			" AND table_name = '%s' AND column_name = 'archived_at'", table);
		ck_assert_int_eq(testdb_count(c, sql), def->archivable);
		free(sql);
	}
	PQfinish(c);
}
END_TEST

/* ---- create, load, edit, conflict: every kind ---- */


static const struct testdb_sample samples[] = {
	{ DB_RECORD_DISTRICT, { "TS", "测试区", "urban" }, "name", "测试区（新）", NULL, { NULL } },
	{ DB_RECORD_SCHOOL, { "1", "HR-901", "怀柔区测试学校", "", "primary", "private", "village", "t", "f", "t",
		"怀柔区测试路1号\n北门", "010-1234 5678", "李老师" }, "stage", "nine-year", NULL, { NULL } },
	{ DB_RECORD_CONSORTIUM, { "1", "HR-PT09", "测试伙伴", "partnership", "", "2024-02-29", "ngo", "" },
		"lead_school_id", "8", NULL, { NULL } },
	/* an alliance across districts, led by a partner (0031) */
	{ DB_RECORD_CONSORTIUM, { "", "JJ-AL09", "测试联盟", "alliance", "", "2025-09-01", "", "1" },
		"founded_on", "2025-09-02", NULL, { NULL } },
	{ DB_RECORD_PARTNER, { "P-T01", "测试社区中心", "community", "1", "张老师", "010-0000 0001", "t@example.cn",
		"怀柔区测试路2号", "志愿者\n每周三" }, "contact_name", "李老师", NULL, { NULL } },
	{ DB_RECORD_ACTIVITY, { "5", "202", "joint-training", "测试培训活动", "2026-10-10", "滦平县", "联盟", "0", "20", "0",
		"3", "" }, "teachers", "25", NULL, { NULL } },
	/* what a partner brings, a flag each (0031 lists them in brings); a parent on a home-school alliance's committee */
	{ DB_RECORD_PARTNERSHIP, { "3", "2", "", "t", "f", "f", "t", "f", "f", "f", "2026-01-01", "", "proposed",
		"社区志愿者\n每周五" }, "brings_research", "t", NULL, { "泉河街道社区服务中心", "怀柔区第二小学" } },
	{ DB_RECORD_COMMITTEE_MEMBER, { "6", "1", "vice-chair", "2026-09-01", "" }, "left_on", "2026-11-01",
		"SELECT count(*) FROM iedesk.committee_member WHERE consortium_id = 6 AND person_id = 1", { NULL } },
	{ DB_RECORD_CONSORTIUM_MEMBER, { "1", "14", "member", "2024-09-01", "" }, "left_on", "2025-06-30",
		"SELECT count(*) FROM iedesk.consortium_member WHERE consortium_id = 1 AND school_id = 14", { NULL } },
	{ DB_RECORD_SHARED_RESOURCE, { "2", "14", "course", "心理辅导课程\n每周一次", "25" }, "capacity", "0", NULL, { NULL } },
	{ DB_RECORD_PERSON, { "测试人", "", "ceshi@example.cn", "2" }, "phone", "010-0000 0000", NULL, { NULL } },
	{ DB_RECORD_APPOINTMENT, { "14", "60", "2010-01-01", "2012-06-30", "full" }, "workload", "part", NULL, { NULL } },
	{ DB_RECORD_TRAINING, { "测试培训", "2026-01-10", "4", "" }, "hours", "6", NULL, { NULL } },
	{ DB_RECORD_TRAINING_ATTENDANCE, { "4", "1" }, "person_id", "2",
		"SELECT count(*) FROM iedesk.training_attendance WHERE training_id = 4 AND person_id IN (1, 2)", { NULL } },
};

START_TEST(test_each_kind_round_trip)
{
	PGconn *c = demo_database(NULL);
	testdb_round_trip(c, samples, sizeof(samples) / sizeof(samples[0]));
	PQfinish(c);
}
END_TEST

/* A demo school loads with its facts, its district named, and its booleans as t/f. */
START_TEST(test_load_demo_school)
{
	PGconn *c = demo_database(NULL);
	struct db_record rec;
	struct db_error err = { 0 };
	ck_assert_msg(testdb_load(c, DB_RECORD_SCHOOL, "3", &rec, &err), "%s", err.message);
	ck_assert_str_eq(value_of(&rec, "district_id"), "1");
	ck_assert_str_eq(rec.lookup_names[testdb_field_index(DB_RECORD_SCHOOL, "district_id")], "怀柔区");
	ck_assert_str_eq(value_of(&rec, "code"), "HR-003");
	ck_assert_str_eq(value_of(&rec, "name"), "怀柔区第三小学");
	ck_assert_str_eq(value_of(&rec, "has_resource_classroom"), "t");
	ck_assert_str_eq(value_of(&rec, "is_resource_center"), "f");
	ck_assert_str_eq(value_of(&rec, "is_autism_base"), "t");
	ck_assert_str_eq(rec.version, "1");
	db_record_done(&rec);

	/* hours are numeric(5,1): 16.0 is edited as 16; a training is named with its date */
	ck_assert(testdb_load(c, DB_RECORD_TRAINING, "1", &rec, &err));
	ck_assert_str_eq(value_of(&rec, "hours"), "16");
	ck_assert_str_eq(value_of(&rec, "held_on"), "2025-04-18");
	db_record_done(&rec);
	ck_assert(testdb_load(c, DB_RECORD_TRAINING_ATTENDANCE, "1", &rec, &err));
	ck_assert_str_eq(rec.lookup_names[0], "融合教育管理人员专题培训（第一期） (2025-04-18)");
	db_record_done(&rec);

	/* dates stay ISO whatever the session's DateStyle */
	testdb_exec(c, "SET DateStyle = 'SQL, DMY'");
	ck_assert(testdb_load(c, DB_RECORD_CONSORTIUM, "1", &rec, &err));
	ck_assert_str_eq(value_of(&rec, "founded_on"), "2019-09-01");
	ck_assert_ptr_null(value_of(&rec, "partner_kind"));
	ck_assert_str_eq(rec.lookup_names[testdb_field_index(DB_RECORD_CONSORTIUM, "lead_school_id")], "怀柔区第一小学");
	db_record_done(&rec);

	ck_assert(!testdb_load(c, DB_RECORD_SCHOOL, "999999", &rec, &err));
	ck_assert_str_eq(err.message, "that record no longer exists; someone may have deleted it");
	PQfinish(c);
}
END_TEST

/* ---- checks before saving ---- */

static const struct db_field *field(enum db_record_kind kind, const char *column)
{
	return &db_record_def(kind)->fields[testdb_field_index(kind, column)];
}

static void refused(const struct db_field *f, const char *value, const char *want)
{
	char why[256] = "";
	ck_assert_msg(!db_field_check(f, value, why, sizeof(why)), "%s: \"%s\" was accepted", f->column, value);
	ck_assert_str_eq(why, want);
}

static void accepted(const struct db_field *f, const char *value)
{
	char why[256] = "";
	ck_assert_msg(db_field_check(f, value, why, sizeof(why)), "%s: \"%s\": %s", f->column, value, why);
}

START_TEST(test_check_dates)
{
	const struct db_field *started = field(DB_RECORD_APPOINTMENT, "started_on");
	const struct db_field *ended = field(DB_RECORD_APPOINTMENT, "ended_on");
	accepted(started, "2026-02-28");
	accepted(started, "2024-02-29");
	accepted(started, "2000-02-29");
	refused(started, "2026-02-30", "2026-02-30 is not a date; use YYYY-MM-DD, +2w, 下周 or another word of iedesk(1), DATES");
	refused(started, "2023-02-29", "2023-02-29 is not a date; use YYYY-MM-DD, +2w, 下周 or another word of iedesk(1), DATES");
	refused(started, "1900-02-29", "1900-02-29 is not a date; use YYYY-MM-DD, +2w, 下周 or another word of iedesk(1), DATES");
	refused(started, "2026-13-01", "2026-13-01 is not a date; use YYYY-MM-DD, +2w, 下周 or another word of iedesk(1), DATES");
	refused(started, "2026-04-31", "2026-04-31 is not a date; use YYYY-MM-DD, +2w, 下周 or another word of iedesk(1), DATES");
	refused(started, "2026-4-1", "2026-4-1 is not a date; use YYYY-MM-DD, +2w, 下周 or another word of iedesk(1), DATES");
	refused(started, "2026-04-01x", "2026-04-01x is not a date; use YYYY-MM-DD, +2w, 下周 or another word of iedesk(1), DATES");
	refused(started, "01/04/2026", "01/04/2026 is not a date; use YYYY-MM-DD, +2w, 下周 or another word of iedesk(1), DATES");
	refused(started, "0000-01-01", "0000-01-01 is not a date; use YYYY-MM-DD, +2w, 下周 or another word of iedesk(1), DATES");
	refused(started, "", "Started is required");
	refused(started, NULL, "Started is required");
	accepted(ended, "");
	accepted(ended, NULL);
}
END_TEST

START_TEST(test_check_numbers_choices_lookups)
{
	const struct db_field *capacity = field(DB_RECORD_SHARED_RESOURCE, "capacity");
	accepted(capacity, "0");
	accepted(capacity, "100000");
	accepted(capacity, "");
	refused(capacity, "-1", "Capacity must be between 0 and 100000");
	refused(capacity, "100001", "Capacity must be between 0 and 100000");
	refused(capacity, "99999999999999999999999", "99999999999999999999999 is not a whole number");
	refused(capacity, "12a", "12a is not a whole number");
	refused(capacity, "1.5", "1.5 is not a whole number");
	refused(capacity, "+3", "+3 is not a whole number");
	refused(capacity, "-", "- is not a whole number");
	const struct db_field *hours = field(DB_RECORD_TRAINING, "hours");
	refused(hours, "0", "Hours must be between 1 and 9999");

	const struct db_field *stage = field(DB_RECORD_SCHOOL, "stage");
	accepted(stage, "nine-year");
	refused(stage, "kindergarten",
		"Stage must be one of: preschool, primary, junior, senior, nine-year, vocational, special, art");
	refused(stage, "Primary",
		"Stage must be one of: preschool, primary, junior, senior, nine-year, vocational, special, art");
	const struct db_field *partner = field(DB_RECORD_CONSORTIUM, "partner_kind");
	accepted(partner, "");
	refused(partner, "school", "Partner kind must be one of: families, community, business, university, ngo");

	const struct db_field *flag = field(DB_RECORD_SCHOOL, "is_autism_base");
	accepted(flag, "t");
	accepted(flag, "f");
	refused(flag, "yes", "Autism base must be yes (t) or no (f)");
	refused(flag, "", "Autism base is required");

	const struct db_field *district = field(DB_RECORD_SCHOOL, "district_id");
	accepted(district, "12");
	refused(district, "0", "District must be picked from the list");
	refused(district, "-4", "District must be picked from the list");
	refused(district, "怀柔区", "District must be picked from the list");
	refused(district, "", "District is required");
	accepted(field(DB_RECORD_PERSON, "district_id"), "");
}
END_TEST

START_TEST(test_check_text)
{
	const struct db_field *code = field(DB_RECORD_DISTRICT, "code");   /* at most 20 characters */
	const struct db_field *name = field(DB_RECORD_SCHOOL, "name");
	const struct db_field *address = field(DB_RECORD_SCHOOL, "address");
	/* 20 Chinese characters are 60 bytes but 20 characters: they fit; 21 do not */
	accepted(code, "怀柔怀柔怀柔怀柔怀柔怀柔怀柔怀柔怀柔怀柔");
	refused(code, "怀柔怀柔怀柔怀柔怀柔怀柔怀柔怀柔怀柔怀柔区", "Code is too long: 21 characters where at most 20 fit");
	accepted(code, "ABCDEFGHIJKLMNOPQRST");
	refused(code, "ABCDEFGHIJKLMNOPQRSTU", "Code is too long: 21 characters where at most 20 fit");
	refused(code, "   ", "Code is required");
	refused(name, "", "Name is required");
	/* not UTF-8: a stray byte, a cut character, an overlong '/', a surrogate */
	refused(name, "abc\xff", "Name contains bytes that are not valid UTF-8");
	refused(name, "怀\xe6\x80", "Name contains bytes that are not valid UTF-8");
	refused(name, "\xc0\xaf", "Name contains bytes that are not valid UTF-8");
	refused(name, "\xed\xa0\x80", "Name contains bytes that are not valid UTF-8");
	refused(name, "a\tb", "Name contains a control character (a tab or similar); type plain text");
	refused(name, "a\x1b[31mb", "Name contains a control character (a tab or similar); type plain text");
	refused(name, "a\x7f", "Name contains a control character (a tab or similar); type plain text");
	refused(name, "a\xc2\x85", "Name contains a control character (a tab or similar); type plain text");
	refused(name, "第一行\n第二行", "Name must be a single line");
	accepted(name, "怀柔区第一小学 😀");
	accepted(address, "怀柔区青春路18号\n北门");
	refused(address, "怀柔区\r\n", "Address contains a control character (a tab or similar); type plain text");
	accepted(address, "");
}
END_TEST

/* ---- the database's refusals, as sentences ---- */

START_TEST(test_refusals_explained)
{
	PGconn *c = demo_database(NULL);
	struct db_error err = { 0 };
	char *id = NULL, *version = NULL;

	/* a duplicate school code */
	struct db_record rec;
	ck_assert(testdb_load(c, DB_RECORD_SCHOOL, "2", &rec, &err));
	testdb_set_value(&rec, "code", "HR-001");
	ck_assert_int_eq(testdb_save(c, &rec, &id, &version, &err), DB_SAVE_REFUSED);
	ck_assert_str_eq(err.message, "the code HR-001 is already used by another school");
	ck_assert_str_eq(err.sqlstate, "23505");
	db_record_done(&rec);

	/* reopening an ended appointment of a school that has a current manager */
	char *ended = testdb_value(c, "SELECT id FROM iedesk.manager_appointment a WHERE ended_on IS NOT NULL AND"
		" EXISTS (SELECT 1 FROM iedesk.manager_appointment b WHERE b.school_id = a.school_id AND b.ended_on IS NULL)"
		" ORDER BY id LIMIT 1");
	ck_assert(testdb_load(c, DB_RECORD_APPOINTMENT, ended, &rec, &err));
	testdb_set_value(&rec, "ended_on", "");
	ck_assert_int_eq(testdb_save(c, &rec, &id, &version, &err), DB_SAVE_REFUSED);
	ck_assert_str_eq(err.message, "this school already has a current manager; end that appointment first");

	/* ended before it started */
	testdb_set_value(&rec, "ended_on", "2000-01-01");
	ck_assert_int_eq(testdb_save(c, &rec, &id, &version, &err), DB_SAVE_REFUSED);
	ck_assert_str_eq(err.message, "an appointment cannot end before it starts (nor can a new manager start before"
		" the current one did)");
	ck_assert_str_eq(err.sqlstate, "23514");
	db_record_done(&rec);
	free(ended);

	/* a member leaving before it joined; joining twice */
	ck_assert(testdb_load(c, DB_RECORD_CONSORTIUM_MEMBER, "2", &rec, &err));
	testdb_set_value(&rec, "left_on", "2010-01-01");
	ck_assert_int_eq(testdb_save(c, &rec, &id, &version, &err), DB_SAVE_REFUSED);
	ck_assert_str_eq(err.message, "a school cannot leave a consortium before it joined");
	FREE(&rec.id);
	testdb_set_value(&rec, "left_on", "");
	ck_assert_int_eq(testdb_save(c, &rec, &id, &version, &err), DB_SAVE_REFUSED);
	ck_assert_str_eq(err.message, "that school is already a member of this consortium");
	db_record_done(&rec);

	/* an association without a lead school; a partner kind outside a partnership */
	ck_assert(testdb_load(c, DB_RECORD_CONSORTIUM, "1", &rec, &err));
	testdb_set_value(&rec, "lead_school_id", "");
	ck_assert_int_eq(testdb_save(c, &rec, &id, &version, &err), DB_SAVE_REFUSED);
	ck_assert_str_eq(err.message, "an education association or an alliance needs a lead school");
	testdb_set_value(&rec, "lead_school_id", "1");
	testdb_set_value(&rec, "partner_kind", "ngo");
	ck_assert_int_eq(testdb_save(c, &rec, &id, &version, &err), DB_SAVE_REFUSED);
	ck_assert_str_eq(err.message, "only a partnership has a partner kind: clear it, or make the kind partnership");
	db_record_done(&rec);

	/* an email without an @; someone at the same training twice */
	ck_assert(testdb_load(c, DB_RECORD_PERSON, "1", &rec, &err));
	testdb_set_value(&rec, "email", "liujianguo");
	ck_assert_int_eq(testdb_save(c, &rec, &id, &version, &err), DB_SAVE_REFUSED);
	ck_assert_str_eq(err.message, "an email address needs a name, an @ and a domain, like wang@example.cn");
	db_record_done(&rec);
	ck_assert(testdb_load(c, DB_RECORD_TRAINING_ATTENDANCE, "1", &rec, &err));
	FREE(&rec.id);
	ck_assert_int_eq(testdb_save(c, &rec, &id, &version, &err), DB_SAVE_REFUSED);
	ck_assert_str_eq(err.message, "that person is already recorded at this training");
	db_record_done(&rec);

	/* what the form would have caught, had it been bypassed: required, choices, missing references */
	db_record_init(&rec, DB_RECORD_SCHOOL);
	testdb_set_value(&rec, "code", "HR-902");
	testdb_set_value(&rec, "name", "测试");
	testdb_set_value(&rec, "stage", "primary");
	testdb_set_value(&rec, "locale", "town");
	ck_assert_int_eq(testdb_save(c, &rec, &id, &version, &err), DB_SAVE_REFUSED);
	ck_assert_str_eq(err.message, "District is required");
	ck_assert_str_eq(err.sqlstate, "23502");
	testdb_set_value(&rec, "district_id", "999999");
	ck_assert_int_eq(testdb_save(c, &rec, &id, &version, &err), DB_SAVE_REFUSED);
	ck_assert_str_eq(err.message, "the district it refers to does not exist; someone may have deleted it");
	ck_assert_str_eq(err.sqlstate, "23503");
	testdb_set_value(&rec, "district_id", "1");
	testdb_set_value(&rec, "stage", "kindergarten");
	ck_assert_int_eq(testdb_save(c, &rec, &id, &version, &err), DB_SAVE_REFUSED);
	ck_assert_str_eq(err.message,
		"Stage must be one of: preschool, primary, junior, senior, nine-year, vocational, special, art");
	testdb_set_value(&rec, "stage", "primary");
	testdb_set_value(&rec, "name", "   ");   /* blank is empty */
	ck_assert_int_eq(testdb_save(c, &rec, &id, &version, &err), DB_SAVE_REFUSED);
	ck_assert_str_eq(err.message, "Name is required");
	db_record_done(&rec);
	ck_assert_ptr_null(id);
	ck_assert_ptr_null(version);

	/* a training of no hours */
	ck_assert(testdb_load(c, DB_RECORD_TRAINING, "1", &rec, &err));
	testdb_set_value(&rec, "hours", "0");
	ck_assert_int_eq(testdb_save(c, &rec, &id, &version, &err), DB_SAVE_REFUSED);
	ck_assert_str_eq(err.message, "a training lasts more than 0 hours");
	db_record_done(&rec);

	/* the same, written straight as SQL */
	struct { const char *sql, *sentence; } cases[] = {
		{ "INSERT INTO iedesk.district (code, name, locale_class) VALUES ('ZZ', '', 'urban')", "Name cannot be blank" },
		{ "INSERT INTO iedesk.district (code, name, locale_class) VALUES ('HR', 'x', 'urban')",
			"the code HR is already used by another district" },
		{ "DELETE FROM iedesk.person WHERE id = 90", "it is still referred to by other records (manager appointment)" },
		{ "SELECT '2026-02-30'::date", "2026-02-30 is not a date; use YYYY-MM-DD" },
		{ "SELECT 'soon'::date", "soon is not a date; use YYYY-MM-DD" },
		{ "SELECT 'many'::int", "\"many\" is not a whole number" },
		{ "SELECT 'perhaps'::boolean", "\"perhaps\" is not yes or no" },
		{ "SELECT 99999999999::int", "a number is out of the range its field allows" },
		{ "DO $$BEGIN RAISE EXCEPTION 'x' USING ERRCODE = '40001'; END$$",
			"the database stopped this because of a conflicting change; try again" },
		{ "DO $$BEGIN RAISE EXCEPTION 'x' USING ERRCODE = '40P01'; END$$",
			"the database stopped this because of a conflicting change; try again" },
		{ "DO $$BEGIN RAISE EXCEPTION 'x' USING ERRCODE = '08006'; END$$", "the connection was lost" },
		{ "DO $$BEGIN RAISE EXCEPTION 'x' USING ERRCODE = '23514', CONSTRAINT = 'made_up'; END$$",
			"a value is not allowed (made_up)" },
		{ "DO $$BEGIN RAISE EXCEPTION 'the meeting is final; it can no longer be changed'; END$$",
			"the meeting is final; it can no longer be changed" },
		{ "SELECT nothing FROM iedesk.school",
			"the database is older than this iedesk (column \"nothing\" does not exist); run iedesk migrate" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *got = explained(c, cases[i].sql);
		ck_assert_msg(!strcmp(got, cases[i].sentence), "%s: \"%s\", not \"%s\"", cases[i].sql, got, cases[i].sentence);
		free(got);
	}

	/* a statement timed out (not cancelled by anyone); a role without the rights */
	testdb_exec(c, "SET statement_timeout = 50");
	char *got = explained(c, "SELECT pg_sleep(5)");
	ck_assert_str_eq(got, "the database took too long (someone may be holding this record); nothing was changed: "
		"try again");
	free(got);
	testdb_exec(c, "RESET statement_timeout");
	/* roles belong to the cluster: one of this test's own */
	char *role = xasprintf("iedesk_test_nobody_%d", (int)getpid());
	char *sql = xasprintf("CREATE ROLE %s", role);
	testdb_exec(c, sql);
	free(sql);
	sql = xasprintf("SET ROLE %s", role);
	testdb_exec(c, sql);
	free(sql);
	got = explained(c, "UPDATE iedesk.school SET name = 'x' WHERE id = 1");
	ck_assert_str_eq(got, "you are not allowed to do this (your database role lacks the permission)");
	free(got);
	testdb_exec(c, "RESET ROLE");
	sql = xasprintf("DROP ROLE %s", role);
	testdb_exec(c, sql);
	free(sql);
	free(role);

	/* no answer at all */
	db_error_explain(&err, NULL);
	ck_assert_str_eq(err.message, "the connection was lost");
	PQfinish(c);
}
END_TEST

/* Text shaped like SQL is only text: stored and read back verbatim, the table untouched. */
/* Refusals raised as the server raises them, one SQLSTATE (or class) after another, through db_error_explain:
 * each says what it says in one sentence, and keeps its SQLSTATE. */
START_TEST(test_sqlstates_explained)
{
	static const struct {
		const char *raise;   /* what follows RAISE EXCEPTION */
		const char *state, *sentence;
	} cases[] = {
		{ "'duplicate key' USING ERRCODE = '23505', CONSTRAINT = 'school_code_key', TABLE = 'school',"
			" DETAIL = 'Key (code)=(HR-001) already exists.'", "23505",
			"the code HR-001 is already used by another school" },
		{ "'duplicate key' USING ERRCODE = '23505', CONSTRAINT = 'school_code_key', TABLE = 'school'", "23505",
			"that code is already used by another school" },
		{ "'no such district' USING ERRCODE = '23503', CONSTRAINT = 'school_district_id_fkey', TABLE = 'school',"
			" DETAIL = 'Key (district_id)=(9) is not present in table \"district\".'", "23503",
			"the district it refers to does not exist; someone may have deleted it" },
		{ "'bad stage' USING ERRCODE = '23514', CONSTRAINT = 'school_stage_check', TABLE = 'school'", "23514",
			"Stage must be one of: preschool, primary, junior, senior, nine-year, vocational, special, art" },
		{ "'too early' USING ERRCODE = '23514', CONSTRAINT = 'finding_due_after_visit', DETAIL = '2026-11-02'",
			"23514", "a finding cannot be due before the visit (2026-11-02)" },
		{ "'null' USING ERRCODE = '23502', TABLE = 'school', COLUMN = 'district_id'", "23502",
			"District is required" },
		{ "'overlap' USING ERRCODE = '23P01', CONSTRAINT = 'term_excl'", "23P01",
			"it overlaps with another record (term_excl)" },
		{ "'invalid byte sequence' USING ERRCODE = '22021'", "22021",
			"the text holds bytes that are not UTF-8 (pasted from another encoding?); nothing was saved" },
		{ "'division by zero' USING ERRCODE = '22012'", "22012", "division by zero" },
		{ "'invalid input syntax for type date: \"2026-13-01\"' USING ERRCODE = '22007'", "22007",
			"2026-13-01 is not a date; use YYYY-MM-DD" },
		{ "'invalid input syntax for type integer: \"abc\"' USING ERRCODE = '22P02'", "22P02",
			"\"abc\" is not a whole number" },
		{ "'value too long for type character varying(20)' USING ERRCODE = '22001'", "22001",
			"a text is too long for its field" },
		{ "'permission denied for table inspection' USING ERRCODE = '42501'", "42501",
			"your account's role may not change an inspection; ask an administrator if it should" },
		{ "'could not serialize access' USING ERRCODE = '40001'", "40001",
			"the database stopped this because of a conflicting change; try again" },
		{ "'deadlock detected' USING ERRCODE = '40P01'", "40P01",
			"the database stopped this because of a conflicting change; try again" },
		{ "'could not obtain lock' USING ERRCODE = '55P03'", "55P03",
			"someone else is changing this record right now; try again" },
		{ "'canceling statement due to statement timeout' USING ERRCODE = '57014'", "57014",
			"the database took too long (someone may be holding this record); nothing was changed: try again" },
		{ "'canceling statement due to user request' USING ERRCODE = '57014'", "57014", "the query was cancelled" },
		{ "'cannot execute UPDATE in a read-only transaction' USING ERRCODE = '25006'", "25006",
			"the database only reads right now (a standby?); nothing was changed" },
		{ "'unexpected message type' USING ERRCODE = '08P01'", "08P01", "unexpected message type" },
		{ "'connection failure' USING ERRCODE = '08006'", "08006", "the connection was lost" },
		{ "'terminating connection due to administrator command' USING ERRCODE = '57P01'", "57P01",
			"the connection was lost" },
		{ "'relation \"iedesk.region\" does not exist' USING ERRCODE = '42P01'", "42P01",
			"the database is older than this iedesk (relation \"iedesk.region\" does not exist); run iedesk migrate" },
		{ "'the login wang is taken' USING ERRCODE = 'P0001', CONSTRAINT = 'account_login_taken'", "P0001",
			"the login wang is taken" },
		{ "'something unforeseen' USING ERRCODE = 'XX000'", "XX000", "something unforeseen" },
	};
	char *name = testdb_create_empty();
	PGconn *c = testdb_connect(name);
	free(name);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *sql = xasprintf("DO $$BEGIN RAISE EXCEPTION %s; END$$", cases[i].raise);
		PGresult *res = PQexec(c, sql);
		ck_assert_msg(PQresultStatus(res) == PGRES_FATAL_ERROR, "%s was not refused", sql);
		struct db_error err = { 0 };
		db_error_explain(&err, res);
		PQclear(res);
		ck_assert_msg(strcmp(err.message, cases[i].sentence) == 0, "%s: \"%s\" where \"%s\" was wanted",
			cases[i].state, err.message, cases[i].sentence);
		ck_assert_str_eq(err.sqlstate, cases[i].state);
		free(sql);
	}
	PQfinish(c);
}
END_TEST

START_TEST(test_injection_stored_verbatim)
{
	PGconn *c = demo_database(NULL);
	const char *evil = "'); DROP TABLE iedesk.school; --";
	long schools = testdb_count(c, "SELECT count(*) FROM iedesk.school");
	struct db_record rec;
	db_record_init(&rec, DB_RECORD_SCHOOL);
	testdb_set_value(&rec, "district_id", "1");
	testdb_set_value(&rec, "code", "HR-'; --");
	testdb_set_value(&rec, "name", evil);
	testdb_set_value(&rec, "stage", "primary");
	testdb_set_value(&rec, "locale", "town");
	testdb_set_value(&rec, "address", "$1 $$ \\x00 %s\n' OR '1'='1");
	char *id = NULL, *version = NULL;
	struct db_error err = { 0 };
	ck_assert_msg(testdb_save(c, &rec, &id, &version, &err) == DB_SAVE_OK, "%s", err.message);
	ck_assert_int_eq(testdb_count(c, "SELECT count(*) FROM iedesk.school"), schools + 1);
	struct db_record loaded;
	ck_assert(testdb_load(c, DB_RECORD_SCHOOL, id, &loaded, &err));
	ck_assert_str_eq(value_of(&loaded, "name"), evil);
	ck_assert_str_eq(value_of(&loaded, "code"), "HR-'; --");
	ck_assert_str_eq(value_of(&loaded, "address"), "$1 $$ \\x00 %s\n' OR '1'='1");
	db_record_done(&loaded);
	db_record_done(&rec);
	free(id);
	free(version);
	PQfinish(c);
}
END_TEST

/* Archived, never deleted; archiving twice, or from a stale copy, is a conflict. */
START_TEST(test_archive)
{
	PGconn *c = demo_database(NULL);
	struct db_record rec;
	struct db_error err = { 0 };
	ck_assert(testdb_load(c, DB_RECORD_SCHOOL, "21", &rec, &err));
	ck_assert_int_eq(archive(c, &rec, &err), DB_SAVE_OK);
	ck_assert_int_eq(testdb_count(c, "SELECT count(*) FROM iedesk.school WHERE id = 21 AND archived_at IS NOT NULL"
		" AND version = 2 AND name = '怀北镇中心小学'"), 1);
	/* the stale copy (version 1) */
	ck_assert_int_eq(archive(c, &rec, &err), DB_SAVE_CONFLICT);
	ck_assert_str_eq(err.message, "someone else changed this school since you opened it");
	/* the current version, already archived */
	free(rec.version);
	rec.version = xstrdup("2");
	ck_assert_int_eq(archive(c, &rec, &err), DB_SAVE_CONFLICT);
	ck_assert_int_eq(testdb_count(c, "SELECT version FROM iedesk.school WHERE id = 21"), 2);
	db_record_done(&rec);

	ck_assert(testdb_load(c, DB_RECORD_CONSORTIUM, "3", &rec, &err));
	ck_assert_int_eq(archive(c, &rec, &err), DB_SAVE_OK);
	db_record_done(&rec);

	/* a district with open schools is not archived: refused, in words (0007) */
	ck_assert(testdb_load(c, DB_RECORD_DISTRICT, "2", &rec, &err));
	ck_assert_int_eq(archive(c, &rec, &err), DB_SAVE_REFUSED);
	ck_assert_str_eq(err.message, "this district still has open schools; archive them first");
	ck_assert_int_eq(testdb_count(c, "SELECT count(*) FROM iedesk.district WHERE archived_at IS NOT NULL"), 0);
	/* once its schools are archived, it is; the row stays */
	testdb_exec(c, "UPDATE iedesk.school SET archived_at = now() WHERE district_id = 2");
	ck_assert_int_eq(archive(c, &rec, &err), DB_SAVE_OK);
	db_record_done(&rec);
	ck_assert_int_eq(testdb_count(c, "SELECT count(*) FROM iedesk.district"), 3);
	ck_assert_int_eq(testdb_count(c, "SELECT count(*) FROM iedesk.district WHERE archived_at IS NOT NULL"), 1);

	/* a failure handed in by the session is passed on as it is */
	struct db_error failure = { 0 };
	db_error_set(&failure, "the connection was lost");
	char *id = (char *)"x", *version = (char *)"y";
	ck_assert_int_eq(db_record_save_outcome(NULL, &failure, &id, &version, &err), DB_SAVE_REFUSED);
	ck_assert_str_eq(err.message, "the connection was lost");
	ck_assert_ptr_null(id);
	ck_assert_ptr_null(version);
	PQfinish(c);
}
END_TEST

/* The same INSERT request run twice (as the session re-sends one whose answer was lost) stores one row and
 * answers with its id both times: the second finds it by the record's client key (0016). A record loaded
 * from the database has no key; another new record gets another key and is another row. */
START_TEST(test_insert_twice_stores_once)
{
	PGconn *c = demo_database(NULL);
	struct db_record rec;
	db_record_init(&rec, DB_RECORD_SCHOOL);
	testdb_set_value(&rec, "district_id", "1");
	testdb_set_value(&rec, "code", "HR-977");
	testdb_set_value(&rec, "name", "两次发送的学校");
	testdb_set_value(&rec, "stage", "primary");
	testdb_set_value(&rec, "locale", "town");
	struct db_request req;
	db_record_save_request(&rec, &req);
	char *ids[2], *versions[2];
	for (int i = 0; i < 2; i++) {
		struct db_error err = { 0 };
		PGresult *res = run(c, &req);
		ck_assert_msg(db_record_save_outcome(res, NULL, &ids[i], &versions[i], &err) == DB_SAVE_OK,
			"sending %d: %s", i + 1, err.message);
		PQclear(res);
	}
	db_request_done(&req);
	ck_assert_str_eq(ids[0], ids[1]);
	ck_assert_str_eq(versions[0], "1");
	ck_assert_str_eq(versions[1], "1");
	ck_assert_int_eq(testdb_count(c, "SELECT count(*) FROM iedesk.school WHERE code = 'HR-977'"), 1);
	char *sql = xasprintf("SELECT id FROM iedesk.school WHERE client_key = '%s'", rec.client_key);
	char *stored = testdb_value(c, sql);
	ck_assert_str_eq(stored, ids[0]);
	free(stored);
	free(sql);
	/* sent again with newer values (a form restored from the journal after the first sending committed
	 * unanswered): one row still, holding the newer values */
	testdb_set_value(&rec, "name", "两次发送的学校（改）");
	db_record_save_request(&rec, &req);
	struct db_error err = { 0 };
	char *id3 = NULL, *version3 = NULL;
	PGresult *res3 = run(c, &req);
	ck_assert_msg(db_record_save_outcome(res3, NULL, &id3, &version3, &err) == DB_SAVE_OK, "%s", err.message);
	PQclear(res3);
	db_request_done(&req);
	ck_assert_str_eq(id3, ids[0]);
	ck_assert_str_eq(version3, "2");
	ck_assert_int_eq(testdb_count(c, "SELECT count(*) FROM iedesk.school WHERE code = 'HR-977'"
		" AND name = '两次发送的学校（改）'"), 1);
	free(id3);
	free(version3);

	/* a person has no unique column: only the key tells a re-sent INSERT from a second person */
	struct db_record person;
	db_record_init(&person, DB_RECORD_PERSON);
	testdb_set_value(&person, "name", "两次发送的人");
	db_record_save_request(&person, &req);
	for (int i = 0; i < 2; i++) {
		PGresult *res = run(c, &req);
		ck_assert_int_eq(PQresultStatus(res), PGRES_TUPLES_OK);
		ck_assert_int_eq(PQntuples(res), 1);
		PQclear(res);
	}
	db_request_done(&req);
	ck_assert_int_eq(testdb_count(c, "SELECT count(*) FROM iedesk.person WHERE name = '两次发送的人'"), 1);
	/* the same values typed into another new record: another key, another person */
	struct db_record again;
	db_record_init(&again, DB_RECORD_PERSON);
	testdb_set_value(&again, "name", "两次发送的人");
	db_record_save_request(&again, &req);
	PQclear(run(c, &req));
	db_request_done(&req);
	ck_assert_int_eq(testdb_count(c, "SELECT count(*) FROM iedesk.person WHERE name = '两次发送的人'"), 2);

	struct db_record loaded;
	ck_assert(testdb_load(c, DB_RECORD_SCHOOL, ids[0], &loaded, &err));
	ck_assert_ptr_null(loaded.client_key);
	db_record_done(&loaded);
	for (int i = 0; i < 2; i++) {
		free(ids[i]);
		free(versions[i]);
	}
	db_record_done(&again);
	db_record_done(&person);
	db_record_done(&rec);
	PQfinish(c);
}
END_TEST

/* The UI's session explains refusals the same way. */
START_TEST(test_session_explains)
{
	char *name = NULL;
	PGconn *c = demo_database(&name);
	PQfinish(c);
	char *conninfo = xasprintf("dbname=%s", name);
	struct db_target target = { .conninfo = conninfo };
	struct db_session *s = db_session_new(&target);
	struct db_record rec;
	db_record_init(&rec, DB_RECORD_DISTRICT);
	testdb_set_value(&rec, "code", "HR");
	testdb_set_value(&rec, "name", "重复");
	testdb_set_value(&rec, "locale_class", "urban");
	struct db_request req;
	db_record_save_request(&rec, &req);
	db_session_send(s, &req, 7);
	struct db_event ev = { 0 };
	bool failed = false;
	for (int rounds = 0; rounds < 1000 && !failed; rounds++) {
		struct pollfd p = { .fd = db_session_socket(s), .events = db_session_poll_events(s) };
		int timeout = db_session_timeout_ms(s);
		poll(&p, p.fd >= 0 ? 1 : 0, timeout < 0 || timeout > 50 ? 50 : timeout);
		while (db_session_step(s, &ev)) {
			ck_assert_msg(ev.kind != DB_EVENT_CONNECT_FAILED && ev.kind != DB_EVENT_RESULT, "event %d: %s",
				(int)ev.kind, ev.error.message);
			if (ev.kind == DB_EVENT_FAILED) {
				failed = true;
				break;
			}
		}
	}
	ck_assert(failed);
	ck_assert_uint_eq(ev.tag, 7);
	ck_assert_str_eq(ev.error.message, "the code HR is already used by another district");
	ck_assert_str_eq(ev.error.sqlstate, "23505");
	db_record_done(&rec);
	db_session_free(s);
	free(conninfo);
	free(name);
}
END_TEST

/* ---- in Chinese (issue 18) ---- */

/* The build's translations, in-process, as `--lang zh_CN` would choose them; en undoes it. */
static void speak(const char *language)
{
	text_language(language, getenv("IEDESK_LOCALEDIR"));
	if (strcmp(language, "en") == 0)
		unsetenv("LANGUAGE");
}

static bool has_wide(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return true;
	return false;
}

/* Every sentence db/error.c keeps in its tables has a Chinese translation: a guard against one forgotten. */
START_TEST(test_error_sentences_translated)
{
	size_t n = 0;
	speak("zh_CN");
	for (const char *s; (s = db_error_sentence(n)); n++)
		ck_assert_msg(strcmp(_(s), s) != 0 && has_wide(_(s)), "not translated: \"%s\"", s);
	ck_assert_uint_gt(n, 60);
	speak("en");
	for (size_t i = 0; i < n; i++)
		ck_assert_str_eq(_(db_error_sentence(i)), db_error_sentence(i));
}
END_TEST

/* A date the form refuses, in Chinese; the parser still reads 下周 and today's words whatever the language. */
START_TEST(test_field_check_in_chinese)
{
	const struct db_field *started = field(DB_RECORD_APPOINTMENT, "started_on");
	speak("zh_CN");
	refused(started, "2026-02-30", "2026-02-30 不是日期：请用 YYYY-MM-DD、+2w、下周或 iedesk(1) 的 DATES 一节中的其他写法");
	char due[11], why[256] = "";
	ck_assert(db_date_shortcut("下周", "2026-11-24", due, why, sizeof(why)));
	ck_assert_str_eq(due, "2026-11-30");
	ck_assert(db_date_shortcut("next week", "2026-11-24", due, why, sizeof(why)));
	ck_assert_str_eq(due, "2026-11-30");
	ck_assert(db_date_shortcut("今天", "2026-11-24", due, why, sizeof(why)));
	ck_assert_str_eq(due, "2026-11-24");
	ck_assert(db_date_shortcut("本周五", "2026-11-24", due, why, sizeof(why)));
	ck_assert_str_eq(due, "2026-11-27");
	ck_assert(!db_date_shortcut("soon", "2026-11-24", due, why, sizeof(why)));
	ck_assert_msg(strncmp(why, "不是日期：“soon”（", strlen("不是日期：“soon”（")) == 0, "%s", why);
	speak("en");
	refused(started, "2026-02-30", "2026-02-30 is not a date; use YYYY-MM-DD, +2w, 下周 or another word of iedesk(1), DATES");
	ck_assert(!db_date_shortcut("soon", "2026-11-24", due, why, sizeof(why)));
	ck_assert_msg(strncmp(why, "not a date: \"soon\" (", 20) == 0, "%s", why);
}
END_TEST

/* The database's refusals, worded in Chinese: a bad date, a conflict, another district's record refused by
 * its policies (a manager of 怀柔区 saving in 密云区); the same in English, unchanged. */
START_TEST(test_refusals_in_chinese)
{
	char *name;
	PGconn *c = demo_database(&name);
	struct db_error err = { 0 };
	char *id = NULL, *version = NULL;

	/* a date the server cannot read */
	struct db_record rec;
	ck_assert(testdb_load(c, DB_RECORD_INSPECTION, "3", &rec, &err));
	testdb_set_value(&rec, "planned_on", "2026-02-30");
	speak("zh_CN");
	ck_assert_int_eq(testdb_save(c, &rec, &id, &version, &err), DB_SAVE_REFUSED);
	ck_assert_str_eq(err.message, "2026-02-30 不是日期：请用 YYYY-MM-DD");
	speak("en");
	ck_assert_int_eq(testdb_save(c, &rec, &id, &version, &err), DB_SAVE_REFUSED);
	ck_assert_str_eq(err.message, "2026-02-30 is not a date; use YYYY-MM-DD");
	db_record_done(&rec);

	/* a conflict: the copy opened before someone else's save */
	struct db_record mine, theirs;
	ck_assert(testdb_load(c, DB_RECORD_INSPECTION, "3", &mine, &err));
	ck_assert(testdb_load(c, DB_RECORD_INSPECTION, "3", &theirs, &err));
	testdb_set_value(&theirs, "summary", "他人先改");
	ck_assert_int_eq(testdb_save(c, &theirs, &id, &version, &err), DB_SAVE_OK);
	free(id);
	free(version);
	testdb_set_value(&mine, "summary", "我后改");
	speak("zh_CN");
	ck_assert_int_eq(testdb_save(c, &mine, &id, &version, &err), DB_SAVE_CONFLICT);
	char noun[64];
	snprintf(noun, sizeof(noun), "%s", _(db_record_def(DB_RECORD_INSPECTION)->title));
	if (noun[0] >= 'A' && noun[0] <= 'Z')
		noun[0] = (char)(noun[0] - 'A' + 'a');
	char *want = xasprintf("此%s在您打开后已被他人修改", noun);
	ck_assert_str_eq(err.message, want);
	free(want);
	speak("en");
	ck_assert_int_eq(testdb_save(c, &mine, &id, &version, &err), DB_SAVE_CONFLICT);
	ck_assert_str_eq(err.message, "someone else changed this inspection since you opened it");
	db_record_done(&mine);
	db_record_done(&theirs);

	/* a manager of 怀柔区 (HR) puts an inspection at a school of 密云区 */
	char *login = xasprintf("mgr_zh_%s", name);
	ck_assert_str_eq(testdb_try(c, "SELECT iedesk.account_create($1, 'manager', 'HR')", login, NULL), "");
	const char *keywords[] = { "dbname", "user", NULL };
	const char *values[] = { name, login, NULL };
	PGconn *manager = PQconnectdbParams(keywords, values, 0);
	ck_assert_msg(PQstatus(manager) == CONNECTION_OK, "%s", PQerrorMessage(manager));
	PQsetNoticeProcessor(manager, NULL, NULL);
	testdb_exec(manager, "SET iedesk.today = '" TESTDB_TODAY "'");
	db_record_init(&rec, DB_RECORD_INSPECTION);
	testdb_set_value(&rec, "school_id", "101");
	testdb_set_value(&rec, "kind", "supervision");
	testdb_set_value(&rec, "planned_on", "2026-12-01");
	testdb_set_value(&rec, "status", "planned");
	speak("zh_CN");
	ck_assert_int_eq(testdb_save(manager, &rec, &id, &version, &err), DB_SAVE_REFUSED);
	ck_assert_str_eq(err.message, "此记录属于密云区 (MY)，您的账号无权修改此区县的数据，只能修改怀柔区 (HR)的数据");
	ck_assert_str_eq(err.sqlstate, "42501");
	speak("en");
	ck_assert_int_eq(testdb_save(manager, &rec, &id, &version, &err), DB_SAVE_REFUSED);
	ck_assert_str_eq(err.message,
		"this record belongs to 密云区 (MY), and your account may change only those of 怀柔区 (HR)");
	db_record_done(&rec);
	PQfinish(manager);
	free(login);
	free(name);
	PQfinish(c);
}
END_TEST

/* Each line of db/error.c's SQLSTATE table, raised as the server raises it: its sentence differs in Chinese
 * (the lines that pass on the server's own words excepted). */
START_TEST(test_sqlstate_sentences_in_chinese)
{
	char *name = testdb_create_empty();
	PGconn *c = testdb_connect(name);
	free(name);
	bool as_said;
	size_t n = 0;
	for (const char *state; (state = db_error_sqlstate(n, &as_said)); n++) {
		if (as_said)
			continue;
		char code[6];
		snprintf(code, sizeof(code), strlen(state) == 2 ? "%s000" : "%s", state);
		char *sql = xasprintf("DO $$BEGIN RAISE EXCEPTION 'x' USING ERRCODE = '%s'; END$$", code);
		PGresult *res = PQexec(c, sql);
		ck_assert_msg(PQresultStatus(res) == PGRES_FATAL_ERROR, "%s was not refused", sql);
		struct db_error english = { 0 }, chinese = { 0 };
		speak("en");
		db_error_explain(&english, res);
		speak("zh_CN");
		db_error_explain(&chinese, res);
		speak("en");
		PQclear(res);
		ck_assert_msg(strcmp(english.message, chinese.message) != 0 && has_wide(chinese.message),
			"%s: \"%s\" is not translated", code, english.message);
		free(sql);
	}
	ck_assert_uint_gt(n, 15);
	PQfinish(c);
}
END_TEST

Suite *record_suite(void)
{
	Suite *s = suite_create("record");
	TCase *unit = tcase_create("checks");
	tcase_add_test(unit, test_init_defaults_and_copy);
	tcase_add_test(unit, test_statements_are_static);
	tcase_add_test(unit, test_check_dates);
	tcase_add_test(unit, test_check_numbers_choices_lookups);
	tcase_add_test(unit, test_check_text);
	tcase_add_test(unit, test_record_definitions);
	tcase_add_loop_test_raise_signal(unit, test_bad_record_kind_aborts, SIGABRT, 0, 14);
	tcase_add_loop_test_raise_signal(unit, test_bad_lookup_kind_aborts, SIGABRT, 0, 3);
	tcase_add_test(unit, test_lookup_kinds_have_queries);
	tcase_add_test(unit, test_error_sentences_translated);
	tcase_add_test(unit, test_field_check_in_chinese);
	suite_add_tcase(s, unit);
	TCase *db = tcase_create("database");
	tcase_set_timeout(db, 60);
	tcase_add_test(db, test_fields_match_schema);
	tcase_add_test(db, test_each_kind_round_trip);
	tcase_add_test(db, test_load_demo_school);
	tcase_add_test(db, test_refusals_explained);
	tcase_add_test(db, test_sqlstates_explained);
	tcase_add_test(db, test_injection_stored_verbatim);
	tcase_add_test(db, test_archive);
	tcase_add_test(db, test_insert_twice_stores_once);
	tcase_add_test(db, test_session_explains);
	tcase_add_test(db, test_refusals_in_chinese);
	tcase_add_test(db, test_sqlstate_sentences_in_chinese);
	suite_add_tcase(s, db);
	return s;
}
