/* test_schema: the constraints of 0001_schema.sql refuse bad rows, and versions move on every update.
 * Each test gets its own freshly migrated database. */
#include "tests/tests.h"
#include "tests/testdb.h"

#include <stdlib.h>
#include <string.h>

#define CHECK_VIOLATION "23514"
#define UNIQUE_VIOLATION "23505"
#define FK_VIOLATION "23503"
#define NOT_NULL_VIOLATION "23502"

/* A migrated database holding one district (1), two schools (1, 2), two persons (1, 2) and one
 * meeting (1) with one agenda item (1). */
static PGconn *fixture(void)
{
	char *name = testdb_create_migrated();
	PGconn *conn = testdb_connect(name);
	free(name);
	testdb_exec(conn,
		"INSERT INTO iedesk.district (id, code, name, locale_class) VALUES (1, 'HR', '怀柔区', 'suburban');"
		"INSERT INTO iedesk.school (id, district_id, code, name, stage, locale) VALUES"
		" (1, 1, 'HR-001', '怀柔区第一小学', 'primary', 'urban'),"
		" (2, 1, 'HR-002', '北房镇中学', 'junior', 'town');"
		"INSERT INTO iedesk.person (id, name) VALUES (1, '王静'), (2, '陈立新');"
		"INSERT INTO iedesk.meeting (id, district_id, kind, title, held_on) VALUES"
		" (1, 1, 'work-conference', '推进会', '2026-09-17');"
		"INSERT INTO iedesk.agenda_item (id, meeting_id, position, title) VALUES (1, 1, 1, '总结')");
	return conn;
}

static void ck_state(const char *got, const char *want, const char *what)
{
	ck_assert_msg(!strcmp(got, want), "%s: got SQLSTATE '%s', want '%s'", what, got, want);
}

START_TEST(test_bad_enums_refused)
{
	PGconn *c = fixture();
	ck_state(testdb_try(c, "INSERT INTO iedesk.district (code, name, locale_class) VALUES ('X', 'x', 'mountain')", NULL),
		CHECK_VIOLATION, "district locale_class");
	ck_state(testdb_try(c, "INSERT INTO iedesk.school (district_id, code, name, stage, locale)"
			" VALUES (1, 'X', 'x', 'college', 'urban')", NULL), CHECK_VIOLATION, "school stage");
	ck_state(testdb_try(c, "INSERT INTO iedesk.school (district_id, code, name, stage, sector, locale)"
			" VALUES (1, 'X', 'x', 'primary', 'charity', 'urban')", NULL), CHECK_VIOLATION, "school sector");
	ck_state(testdb_try(c, "INSERT INTO iedesk.meeting (district_id, kind, title, held_on)"
			" VALUES (1, 'party', 'x', '2026-01-01')", NULL), CHECK_VIOLATION, "meeting kind");
	ck_state(testdb_try(c, "INSERT INTO iedesk.inspection (school_id, kind, planned_on, status)"
			" VALUES (1, 'supervision', '2026-01-01', 'cancelled')", NULL), CHECK_VIOLATION, "inspection status");
	ck_state(testdb_try(c, "INSERT INTO iedesk.student_case (school_id, code, need_category)"
			" VALUES (1, 'HR-2026-0001', 'gifted')", NULL), CHECK_VIOLATION, "student need_category");
	ck_state(testdb_try(c, "INSERT INTO iedesk.manager_appointment (school_id, person_id, started_on, workload)"
			" VALUES (1, 1, '2026-01-01', 'half')", NULL), CHECK_VIOLATION, "appointment workload");
	/* a good row passes, so the refusals above were about the values */
	ck_state(testdb_try(c, "INSERT INTO iedesk.school (district_id, code, name, stage, sector, locale)"
			" VALUES (1, 'X', 'x', 'art', 'private', 'village')", NULL), "", "good school");
	PQfinish(c);
}
END_TEST

START_TEST(test_empty_names_and_missing_values_refused)
{
	PGconn *c = fixture();
	ck_state(testdb_try(c, "INSERT INTO iedesk.school (district_id, code, name, stage, locale)"
			" VALUES (1, 'X', '   ', 'primary', 'urban')", NULL), CHECK_VIOLATION, "blank school name");
	ck_state(testdb_try(c, "INSERT INTO iedesk.person (name) VALUES ('')", NULL), CHECK_VIOLATION, "empty person name");
	ck_state(testdb_try(c, "INSERT INTO iedesk.school (code, name, stage, locale)"
			" VALUES ('X', 'x', 'primary', 'urban')", NULL), NOT_NULL_VIOLATION, "school without district");
	ck_state(testdb_try(c, "INSERT INTO iedesk.inspection (school_id, kind) VALUES (1, 'supervision')", NULL),
		NOT_NULL_VIOLATION, "inspection without planned_on");
	PQfinish(c);
}
END_TEST

START_TEST(test_end_before_start_refused)
{
	PGconn *c = fixture();
	ck_state(testdb_try(c, "INSERT INTO iedesk.manager_appointment (school_id, person_id, started_on, ended_on)"
			" VALUES (1, 1, '2026-05-01', '2026-04-30')", NULL), CHECK_VIOLATION, "appointment ends before start");
	ck_state(testdb_try(c, "INSERT INTO iedesk.manager_appointment (school_id, person_id, started_on, ended_on)"
			" VALUES (1, 1, '2026-05-01', '2026-05-01')", NULL), "", "one-day appointment");
	testdb_exec(c, "INSERT INTO iedesk.consortium (id, district_id, code, name, kind, lead_school_id)"
		" VALUES (1, 1, 'C1', '集团', 'education-association', 1)");
	ck_state(testdb_try(c, "INSERT INTO iedesk.consortium_member (consortium_id, school_id, joined_on, left_on)"
			" VALUES (1, 2, '2026-05-01', '2025-05-01')", NULL), CHECK_VIOLATION, "member leaves before joining");
	PQfinish(c);
}
END_TEST

START_TEST(test_duplicate_codes_refused)
{
	PGconn *c = fixture();
	ck_state(testdb_try(c, "INSERT INTO iedesk.district (code, name, locale_class) VALUES ('HR', '另一个', 'rural')", NULL),
		UNIQUE_VIOLATION, "district code");
	ck_state(testdb_try(c, "INSERT INTO iedesk.school (district_id, code, name, stage, locale)"
			" VALUES (1, 'HR-001', 'x', 'primary', 'urban')", NULL), UNIQUE_VIOLATION, "school code");
	testdb_exec(c, "INSERT INTO iedesk.student_case (school_id, code, need_category) VALUES (1, 'HR-2026-0001', 'autism')");
	ck_state(testdb_try(c, "INSERT INTO iedesk.student_case (school_id, code, need_category)"
			" VALUES (2, 'HR-2026-0001', 'hearing')", NULL), UNIQUE_VIOLATION, "student case code");
	testdb_exec(c, "UPDATE iedesk.person SET login_role = 'hr_wangjing' WHERE id = 1");
	ck_state(testdb_try(c, "UPDATE iedesk.person SET login_role = 'hr_wangjing' WHERE id = 2", NULL),
		UNIQUE_VIOLATION, "login role");
	PQfinish(c);
}
END_TEST

/* A district is archived only once it has no open school (0007). */
START_TEST(test_district_archive)
{
	PGconn *c = fixture();
	ck_state(testdb_try(c, "UPDATE iedesk.district SET archived_at = now() WHERE id = 1", NULL),
		CHECK_VIOLATION, "archiving a district with open schools");
	testdb_exec(c, "UPDATE iedesk.school SET archived_at = now() WHERE district_id = 1");
	ck_state(testdb_try(c, "UPDATE iedesk.district SET archived_at = now() WHERE id = 1", NULL), "",
		"archiving a district whose schools are archived");
	PQfinish(c);
}
END_TEST

START_TEST(test_one_open_appointment_per_school)
{
	PGconn *c = fixture();
	testdb_exec(c, "INSERT INTO iedesk.manager_appointment (school_id, person_id, started_on)"
		" VALUES (1, 1, '2024-09-01')");
	/* a new appointment replaces the current one, which ends the day before (0005) */
	ck_state(testdb_try(c, "INSERT INTO iedesk.manager_appointment (school_id, person_id, started_on)"
			" VALUES (1, 2, '2026-10-26')", NULL), "", "a successor replaces the current manager");
	char *ended = testdb_value(c, "SELECT ended_on FROM iedesk.manager_appointment WHERE person_id = 1");
	ck_assert_str_eq(ended, "2026-10-25");
	free(ended);
	ck_assert_int_eq(testdb_count(c, "SELECT count(*) FROM iedesk.manager_appointment WHERE school_id = 1"), 2);
	/* still never two open at once */
	ck_state(testdb_try(c, "UPDATE iedesk.manager_appointment SET ended_on = NULL WHERE person_id = 1", NULL),
		UNIQUE_VIOLATION, "second open appointment");
	/* a successor starting before the current one began is refused, not back-dated */
	ck_state(testdb_try(c, "INSERT INTO iedesk.manager_appointment (school_id, person_id, started_on)"
			" VALUES (1, 1, '2020-01-01')", NULL), CHECK_VIOLATION, "successor before the current start");
	/* another school may have its own */
	ck_state(testdb_try(c, "INSERT INTO iedesk.manager_appointment (school_id, person_id, started_on)"
			" VALUES (2, 2, '2026-10-26')", NULL), "", "open appointment at another school");
	char *who = testdb_value(c, "SELECT person_name FROM iedesk.school_current_manager WHERE school_id = 1");
	ck_assert_str_eq(who, "陈立新");
	free(who);
	/* ending it through the Managers pane's function leaves the school vacant */
	ck_assert_int_eq(testdb_count(c, "SELECT count(*) FROM iedesk.manager_appointment_end(1, '2026-11-24')"), 1);
	ck_assert_int_eq(testdb_count(c, "SELECT count(*) FROM iedesk.school_current_manager WHERE school_id = 1"), 0);
	ck_assert_int_eq(testdb_count(c, "SELECT count(*) FROM iedesk.manager_appointment_end(1, '2026-11-24')"), 0);
	PQfinish(c);
}
END_TEST

START_TEST(test_attendee_is_person_or_organisation)
{
	PGconn *c = fixture();
	ck_state(testdb_try(c, "INSERT INTO iedesk.meeting_attendee (meeting_id, person_id, organisation)"
			" VALUES (1, 1, '区特殊教育中心')", NULL), CHECK_VIOLATION, "both person and organisation");
	ck_state(testdb_try(c, "INSERT INTO iedesk.meeting_attendee (meeting_id) VALUES (1)", NULL),
		CHECK_VIOLATION, "neither person nor organisation");
	ck_state(testdb_try(c, "INSERT INTO iedesk.meeting_attendee (meeting_id, organisation, head_count)"
			" VALUES (1, '区特殊教育中心', 0)", NULL), CHECK_VIOLATION, "head count 0");
	ck_state(testdb_try(c, "INSERT INTO iedesk.meeting_attendee (meeting_id, person_id, head_count)"
			" VALUES (1, 1, 3)", NULL), CHECK_VIOLATION, "a person counting three");
	ck_state(testdb_try(c, "INSERT INTO iedesk.meeting_attendee (meeting_id, organisation, head_count)"
			" VALUES (1, '区特殊教育中心', 12)", NULL), "", "organisation of 12");
	ck_state(testdb_try(c, "INSERT INTO iedesk.meeting_attendee (meeting_id, person_id) VALUES (1, 1)", NULL),
		"", "a person");
	ck_state(testdb_try(c, "INSERT INTO iedesk.meeting_attendee (meeting_id, person_id) VALUES (1, 1)", NULL),
		UNIQUE_VIOLATION, "the same person twice");
	PQfinish(c);
}
END_TEST

START_TEST(test_meeting_decision_action_rules)
{
	PGconn *c = fixture();
	ck_state(testdb_try(c, "UPDATE iedesk.meeting SET status = 'final' WHERE id = 1", NULL),
		CHECK_VIOLATION, "final without finalised_at");
	testdb_exec(c, "INSERT INTO iedesk.meeting (id, district_id, kind, title, held_on)"
		" VALUES (2, 1, 'committee', '委员会', '2026-11-20')");
	ck_state(testdb_try(c, "INSERT INTO iedesk.decision (meeting_id, agenda_item_id, position, text)"
			" VALUES (2, 1, 1, 'x')", NULL), FK_VIOLATION, "decision under another meeting's agenda item");
	testdb_exec(c, "INSERT INTO iedesk.decision (id, meeting_id, agenda_item_id, position, text)"
		" VALUES (1, 1, 1, 1, '配齐管理人员')");
	ck_state(testdb_try(c, "INSERT INTO iedesk.agenda_item (meeting_id, position, title) VALUES (1, 1, 'dup')", NULL),
		UNIQUE_VIOLATION, "two agenda items at one position");
	ck_state(testdb_try(c, "INSERT INTO iedesk.action_item (decision_id, text, due_on) VALUES (1, 'x', '2026-10-31')", NULL),
		CHECK_VIOLATION, "action item without owner");
	ck_state(testdb_try(c, "INSERT INTO iedesk.action_item (decision_id, text, owner_unit, due_on, status)"
			" VALUES (1, 'x', '区教委人事科', '2026-10-31', 'done')", NULL), CHECK_VIOLATION, "done without done_on");
	ck_state(testdb_try(c, "INSERT INTO iedesk.action_item (decision_id, text, owner_school_id, due_on)"
			" VALUES (1, 'x', 2, '2026-10-31')", NULL), "", "good action item");
	/* decisions are what inspections trace back to: the meeting stays */
	ck_state(testdb_try(c, "DELETE FROM iedesk.meeting WHERE id = 1", NULL), FK_VIOLATION, "delete decided meeting");
	/* deleting the agenda item only unlinks the decision */
	testdb_exec(c, "DELETE FROM iedesk.agenda_item WHERE id = 1");
	ck_assert_int_eq(testdb_count(c, "SELECT count(*) FROM iedesk.decision WHERE id = 1 AND agenda_item_id IS NULL"), 1);
	PQfinish(c);
}
END_TEST

START_TEST(test_inspection_rules)
{
	PGconn *c = fixture();
	ck_state(testdb_try(c, "INSERT INTO iedesk.inspection (school_id, kind, planned_on, status)"
			" VALUES (1, 'supervision', '2026-11-01', 'done')", NULL), CHECK_VIOLATION, "done without a visit");
	ck_state(testdb_try(c, "INSERT INTO iedesk.inspection (school_id, kind, planned_on, visited_on, status)"
			" VALUES (1, 'supervision', '2026-11-01', '2026-11-02', 'closed')", NULL),
		CHECK_VIOLATION, "closed without closed_on");
	/* visiting before the planned date is real life, not an error */
	testdb_exec(c, "INSERT INTO iedesk.inspection (id, school_id, kind, planned_on, visited_on, status)"
		" VALUES (1, 1, 'supervision', '2026-11-05', '2026-11-02', 'done')");
	testdb_exec(c, "INSERT INTO iedesk.finding (id, inspection_id, severity, text) VALUES (1, 1, 'high', '未建档')");
	ck_state(testdb_try(c, "INSERT INTO iedesk.finding (inspection_id, severity, text) VALUES (1, 'urgent', 'x')", NULL),
		CHECK_VIOLATION, "finding severity");
	ck_state(testdb_try(c, "INSERT INTO iedesk.inspection (school_id, kind, finding_id, planned_on)"
			" VALUES (1, 'supervision', 1, '2026-12-01')", NULL), CHECK_VIOLATION, "finding on a non-follow-up");
	ck_state(testdb_try(c, "INSERT INTO iedesk.inspection (school_id, kind, finding_id, planned_on)"
			" VALUES (1, 'follow-up', 1, '2026-12-01')", NULL), "", "follow-up of a finding");
	ck_state(testdb_try(c, "INSERT INTO iedesk.inspection (school_id, kind, finding_id, planned_on)"
			" VALUES (1, 'follow-up', 99, '2026-12-01')", NULL), FK_VIOLATION, "follow-up of no finding");
	PQfinish(c);
}
END_TEST

START_TEST(test_restrict_and_cascade)
{
	PGconn *c = fixture();
	testdb_exec(c, "INSERT INTO iedesk.manager_appointment (school_id, person_id, started_on) VALUES (1, 1, '2024-09-01')");
	ck_state(testdb_try(c, "DELETE FROM iedesk.school WHERE id = 1", NULL), FK_VIOLATION, "delete a school with history");
	ck_state(testdb_try(c, "DELETE FROM iedesk.person WHERE id = 1", NULL), FK_VIOLATION, "delete an appointed person");
	/* a meeting without decisions takes its attendees and agenda with it */
	testdb_exec(c, "INSERT INTO iedesk.meeting_attendee (meeting_id, person_id) VALUES (1, 2)");
	testdb_exec(c, "DELETE FROM iedesk.meeting WHERE id = 1");
	ck_assert_int_eq(testdb_count(c, "SELECT (SELECT count(*) FROM iedesk.meeting_attendee)"
		" + (SELECT count(*) FROM iedesk.agenda_item)"), 0);
	PQfinish(c);
}
END_TEST

START_TEST(test_version_bumps_on_update)
{
	PGconn *c = fixture();
	ck_assert_int_eq(testdb_count(c, "SELECT version FROM iedesk.school WHERE id = 1"), 1);
	testdb_exec(c, "UPDATE iedesk.school SET phone = '010-6964 1007' WHERE id = 1");
	ck_assert_int_eq(testdb_count(c, "SELECT version FROM iedesk.school WHERE id = 1"), 2);
	/* whatever the client writes, the version moves by one and updated_at is the server's */
	testdb_exec(c, "UPDATE iedesk.school SET version = 99, updated_at = '2000-01-01' WHERE id = 1");
	ck_assert_int_eq(testdb_count(c, "SELECT version FROM iedesk.school WHERE id = 1"), 3);
	ck_assert_int_eq(testdb_count(c, "SELECT count(*) FROM iedesk.school WHERE id = 1 AND updated_at > '2001-01-01'"), 1);
	/* the optimistic check: an update against a stale version touches nothing */
	ck_assert_int_eq(testdb_count(c, "WITH u AS (UPDATE iedesk.school SET name = 'x' WHERE id = 1 AND version = 2"
		" RETURNING 1) SELECT count(*) FROM u"), 0);
	/* every table with an integer version column has the trigger (schema_migrations' version is text) */
	ck_assert_int_eq(testdb_count(c,
		"SELECT count(*) FROM information_schema.columns col WHERE col.table_schema = 'iedesk'"
		" AND col.column_name = 'version' AND col.data_type = 'integer' AND NOT EXISTS (SELECT 1 FROM pg_trigger t"
		" WHERE t.tgrelid = format('iedesk.%I', col.table_name)::regclass"
		" AND t.tgfoid = 'iedesk.bump_version()'::regprocedure)"
		" AND col.table_name NOT IN (SELECT table_name FROM information_schema.views WHERE table_schema = 'iedesk')"), 0);
	PQfinish(c);
}
END_TEST

START_TEST(test_student_case_counts_view)
{
	PGconn *c = fixture();
	testdb_exec(c, "INSERT INTO iedesk.student_case (school_id, code, need_category) VALUES"
		" (1, 'A1', 'autism'), (1, 'A2', 'autism'), (1, 'A3', 'hearing'), (2, 'B1', 'autism')");
	/* fewer than 3 of a category at a school is not named (0023): school 1's three cases, school 2's one */
	ck_assert_int_eq(testdb_count(c, "SELECT count(*) FROM iedesk.student_case_counts"
		" WHERE need_category IS NOT NULL"), 0);
	ck_assert_int_eq(testdb_count(c, "SELECT count FROM iedesk.student_case_counts WHERE school_id = 1"), 3);
	char *shown = testdb_value(c, "SELECT shown FROM iedesk.student_case_counts WHERE school_id = 2");
	ck_assert_str_eq(shown, "<3");
	free(shown);
	ck_assert_int_eq(testdb_count(c, "SELECT count(*) FROM iedesk.student_case_counts"), 2);
	PQfinish(c);
}
END_TEST

Suite *schema_suite(void)
{
	Suite *s = suite_create("schema");
	TCase *tc = tcase_create("constraints");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_bad_enums_refused);
	tcase_add_test(tc, test_empty_names_and_missing_values_refused);
	tcase_add_test(tc, test_end_before_start_refused);
	tcase_add_test(tc, test_duplicate_codes_refused);
	tcase_add_test(tc, test_one_open_appointment_per_school);
	tcase_add_test(tc, test_district_archive);
	tcase_add_test(tc, test_attendee_is_person_or_organisation);
	tcase_add_test(tc, test_meeting_decision_action_rules);
	tcase_add_test(tc, test_inspection_rules);
	tcase_add_test(tc, test_restrict_and_cascade);
	tcase_add_test(tc, test_version_bumps_on_update);
	tcase_add_test(tc, test_student_case_counts_view);
	suite_add_tcase(s, tc);
	return s;
}
