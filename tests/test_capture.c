/* test_capture: a meeting typed line by line — due-date shortcuts, what each kind of line means, and
 * lines saved, changed and deleted against the demo's draft meeting, with their version checks. */
#include "tests/tests.h"
#include "tests/testdb.h"
#include "config/config.h"
#include "db/db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DRAFT_MEETING "3"    /* the demo's committee meeting of 2026-11-20, still a draft */

/* ---- dates ---- */

struct shortcut_case {
	const char *typed, *today, *want;   /* want NULL: refused */
};

START_TEST(test_date_shortcuts)
{
	static const struct shortcut_case cases[] = {
		{ "2026-12-01", "2026-11-24", "2026-12-01" },
		{ " 2027-02-28 ", "2026-11-24", "2027-02-28" },
		{ "2027-02-29", "2026-11-24", NULL },
		{ "+30d", "2026-11-24", "2026-12-24" },
		{ "+30", "2026-11-24", "2026-12-24" },
		{ "+2w", "2026-12-25", "2027-01-08" },
		{ "+1m", "2027-01-31", "2027-02-28" },
		{ "+1m", "2028-01-31", "2028-02-29" },
		{ "+3m", "2026-11-24", "2027-02-24" },
		{ "+0d", "2026-11-24", "2026-11-24" },
		{ "today", "2026-11-24", "2026-11-24" },
		{ "Tomorrow", "2026-12-31", "2027-01-01" },
		{ "12-01", "2026-11-24", "2026-12-01" },
		{ "11-24", "2026-11-24", "2026-11-24" },
		{ "03-01", "2026-11-24", "2027-03-01" },
		{ "02-30", "2026-11-24", NULL },
		{ "end of month", "2026-11-24", "2026-11-30" },
		{ "eom", "2028-02-03", "2028-02-29" },
		{ "月底", "2026-12-05", "2026-12-31" },
		{ "end  of  term", "2026-11-24", "2027-01-31" },
		{ "eot", "2026-01-10", "2026-01-31" },
		{ "期末", "2027-03-01", "2027-07-31" },
		{ "eot", "2026-08-15", "2027-01-31" },
		{ "end of year", "2026-11-24", "2026-12-31" },
		{ "年底", "2026-01-02", "2026-12-31" },
		{ "+30x", "2026-11-24", NULL },
		{ "+d", "2026-11-24", NULL },
		{ "next week", "2026-11-24", "2026-11-30" },    /* a Tuesday: next week starts on Monday the 30th */
		{ "下周", "2026-11-29", "2026-11-30" },          /* a Sunday: tomorrow is next week */
		{ "下周", "2026-11-30", "2026-12-07" },
		{ "本周五", "2026-11-24", "2026-11-27" },
		{ "this friday", "2026-11-28", "2026-11-27" },  /* a Saturday: this week's Friday has passed */
		{ "下周五", "2026-11-24", "2026-12-04" },
		{ "next monday", "2026-11-24", "2026-11-30" },
		{ "本周日", "2026-11-24", "2026-11-29" },
		{ "下周天", "2026-11-24", "2026-12-06" },
		{ "下月", "2026-11-24", "2026-12-01" },
		{ "next month", "2026-12-31", "2027-01-01" },
		{ "下个月", "2026-01-31", "2026-02-01" },
		{ "本周八", "2026-11-24", NULL },
		{ "next fortnight", "2026-11-24", NULL },
		{ "", "2026-11-24", NULL },
		{ "+99999d", "2026-11-24", NULL },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char out[11], why[200] = "";
		bool ok = db_date_shortcut(cases[i].typed, cases[i].today, out, why, sizeof(why));
		if (cases[i].want) {
			ck_assert_msg(ok, "\"%s\" from %s: %s", cases[i].typed, cases[i].today, why);
			ck_assert_msg(strcmp(out, cases[i].want) == 0, "\"%s\" from %s gave %s, not %s", cases[i].typed,
				cases[i].today, out, cases[i].want);
		} else {
			ck_assert_msg(!ok, "\"%s\" was taken as %s", cases[i].typed, out);
			ck_assert_msg(strstr(why, "date") != NULL, "why names the problem: %s", why);
		}
	}
	char out[11], why[200];
	ck_assert(!db_date_shortcut("+30d", NULL, out, why, sizeof(why)));
	ck_assert(db_date_valid("2028-02-29"));
	ck_assert(!db_date_valid("2027-02-29"));
	ck_assert(!db_date_valid("2026-1-01"));
}
END_TEST

/* ---- reading lines ---- */

START_TEST(test_line_parse)
{
	struct db_capture_fields f;
	char why[300];
	const char *today = "2026-11-24";

	ck_assert(db_capture_line_parse(DB_CAPTURE_ATTENDEES, " 王静 ", today, &f, why, sizeof(why)));
	ck_assert_str_eq(f.first, "王静");
	ck_assert_int_eq(f.count, 1);
	db_capture_fields_done(&f);
	static const char *const groups[] = {
		"区特殊教育中心 — 12", "区特殊教育中心 - 12", "区特殊教育中心 x12", "区特殊教育中心×12", "区特殊教育中心 *12",
		"区特殊教育中心 12人",
	};
	for (size_t i = 0; i < sizeof(groups) / sizeof(groups[0]); i++) {
		ck_assert_msg(db_capture_line_parse(DB_CAPTURE_ATTENDEES, groups[i], today, &f, why, sizeof(why)), "%s", groups[i]);
		ck_assert_str_eq(f.first, "区特殊教育中心");
		ck_assert_int_eq(f.count, 12);
		db_capture_fields_done(&f);
	}
	/* a number that is part of a name stays in it */
	ck_assert(db_capture_line_parse(DB_CAPTURE_ATTENDEES, "第2小学", today, &f, why, sizeof(why)));
	ck_assert_str_eq(f.first, "第2小学");
	ck_assert_int_eq(f.count, 1);
	db_capture_fields_done(&f);
	ck_assert(!db_capture_line_parse(DB_CAPTURE_ATTENDEES, "区教委 — 0", today, &f, why, sizeof(why)));
	ck_assert(!db_capture_line_parse(DB_CAPTURE_ATTENDEES, "   ", today, &f, why, sizeof(why)));

	ck_assert(db_capture_line_parse(DB_CAPTURE_AGENDA, "资源教室 | 王静汇报↵二、讨论 | 附件", today, &f, why, sizeof(why)));
	ck_assert_str_eq(f.first, "资源教室");
	ck_assert_str_eq(f.second, "王静汇报\n二、讨论 | 附件");
	db_capture_fields_done(&f);
	ck_assert(db_capture_line_parse(DB_CAPTURE_AGENDA, "经费预算 |  ", today, &f, why, sizeof(why)));
	ck_assert_ptr_null(f.second);
	db_capture_fields_done(&f);
	ck_assert(!db_capture_line_parse(DB_CAPTURE_AGENDA, " | notes only", today, &f, why, sizeof(why)));
	ck_assert_ptr_nonnull(strstr(why, "title | notes"));

	ck_assert(db_capture_line_parse(DB_CAPTURE_DECISIONS, "#2 增设资源教室", today, &f, why, sizeof(why)));
	ck_assert_int_eq(f.ref, 2);
	ck_assert_str_eq(f.first, "增设资源教室");
	db_capture_fields_done(&f);
	ck_assert(db_capture_line_parse(DB_CAPTURE_DECISIONS, "#2a 不是编号", today, &f, why, sizeof(why)));
	ck_assert_int_eq(f.ref, -1);
	ck_assert_str_eq(f.first, "#2a 不是编号");
	db_capture_fields_done(&f);

	ck_assert(db_capture_line_parse(DB_CAPTURE_ACTIONS, "落实 A|B 两处场地 | 怀柔区第一小学 | +30d", today, &f, why,
		sizeof(why)));
	ck_assert_str_eq(f.first, "落实 A|B 两处场地");
	ck_assert_str_eq(f.second, "怀柔区第一小学");
	ck_assert_str_eq(f.due, "2026-12-24");
	ck_assert_int_eq(f.ref, -1);
	db_capture_fields_done(&f);
	ck_assert(db_capture_line_parse(DB_CAPTURE_ACTIONS, "#1 督导 | 区教育督导室 | end of term", today, &f, why, sizeof(why)));
	ck_assert_int_eq(f.ref, 1);
	ck_assert_str_eq(f.due, "2027-01-31");
	db_capture_fields_done(&f);
	ck_assert(!db_capture_line_parse(DB_CAPTURE_ACTIONS, "督导 | 区教育督导室", today, &f, why, sizeof(why)));
	ck_assert_ptr_nonnull(strstr(why, "what | owner"));
	ck_assert(!db_capture_line_parse(DB_CAPTURE_ACTIONS, "督导 | 区教育督导室 | soon", today, &f, why, sizeof(why)));
	ck_assert_ptr_nonnull(strstr(why, "not a date"));
	ck_assert(!db_capture_line_parse(DB_CAPTURE_ACTIONS, "督导 |  | +3d", today, &f, why, sizeof(why)));
	ck_assert_ptr_nonnull(strstr(why, "owner"));
	ck_assert(!db_capture_line_parse(DB_CAPTURE_ACTIONS, " | 区教育督导室 | +3d", today, &f, why, sizeof(why)));
	ck_assert(!db_capture_line_parse(DB_CAPTURE_ACTIONS, "督导 | 区教育督导室 | ", today, &f, why, sizeof(why)));
	ck_assert_ptr_nonnull(strstr(why, "due date"));
}
END_TEST

/* ---- against the database ---- */

static PGconn *conn;

static void setup(void)
{
	conn = testdb_demo();
}

static void teardown(void)
{
	PQfinish(conn);
	conn = NULL;
}

static void load(const char *meeting, struct db_capture *capture)
{
	struct db_request req;
	db_capture_load_request(meeting, &req);
	PGresult *res = testdb_run(conn, &req);
	db_request_done(&req);
	struct db_error err;
	ck_assert_msg(db_capture_parse(res, capture, &err), "%s", err.message);
	PQclear(res);
}

static const struct db_capture_line *find_line(const struct db_capture *capture, enum db_capture_section section,
	const char *text)
{
	for (size_t i = 0; i < capture->count; i++)
		if (capture->lines[i].section == section && strcmp(capture->lines[i].text, text) == 0)
			return &capture->lines[i];
	return NULL;
}

/* Save text as a line of section, its name settled as choice (a person's or school's id; NULL: an
 * organisation or a unit), found by the rule when automatic; id/version/note of the row out (may be NULL). */
static enum db_save_outcome save_as(enum db_capture_section section, const char *id, const char *version,
	int position, const char *text, const char *parent_id, const char *choice, bool automatic, char **id_out,
	char **version_out, char **note_out, struct db_error *err)
{
	struct db_capture_fields fields;
	char why[300];
	ck_assert_msg(db_capture_line_parse(section, text, "2026-11-24", &fields, why, sizeof(why)), "%s: %s", text, why);
	fields.choice = choice ? xstrdup(choice) : NULL;
	fields.automatic = automatic;
	struct db_request req;
	char *key = id ? NULL : db_client_key_new();   /* a new line's key, as tui/capture.c makes it */
	db_capture_save_request(section, DRAFT_MEETING, id, version, key, position, &fields, parent_id, &req);
	free(key);
	db_capture_fields_done(&fields);
	PGresult *res = testdb_run(conn, &req);
	db_request_done(&req);
	char *new_id, *new_version, *note;
	enum db_save_outcome outcome = db_capture_save_outcome(res, NULL, &new_id, &new_version, &note, err);
	PQclear(res);
	if (id_out)
		*id_out = new_id;
	else
		free(new_id);
	if (version_out)
		*version_out = new_version;
	else
		free(new_version);
	if (note_out)
		*note_out = note;
	else
		free(note);
	return outcome;
}

/* As the capture saves a line it settled as an organisation or a unit (or one that names no one). */
static enum db_save_outcome save(enum db_capture_section section, const char *id, const char *version,
	int position, const char *text, const char *parent_id, char **id_out, char **version_out, char **note_out,
	struct db_error *err)
{
	return save_as(section, id, version, position, text, parent_id, NULL, false, id_out, version_out, note_out, err);
}

/* Who a name may be, as the capture looks it up. */
static void names(enum db_capture_section section, const char *name, struct db_capture_names *out)
{
	struct db_request req;
	db_capture_names_request(section, DRAFT_MEETING, name, &req);
	PGresult *res = testdb_run(conn, &req);
	db_request_done(&req);
	struct db_error err;
	ck_assert_msg(db_capture_names_parse(res, out, &err), "%s", err.message);
	PQclear(res);
}

START_TEST(test_load_meeting)
{
	struct db_capture capture;
	load(DRAFT_MEETING, &capture);
	ck_assert_str_eq(capture.meeting_id, DRAFT_MEETING);
	ck_assert_str_eq(capture.status, "draft");
	ck_assert(capture.editable);
	ck_assert_str_eq(capture.today, "2026-11-24");
	ck_assert_str_eq(capture.held_on, "2026-11-20");
	ck_assert_ptr_nonnull(strstr(capture.title, "2026年第四次会议"));
	const struct db_capture_line *l = find_line(&capture, DB_CAPTURE_ATTENDEES, "区教育督导室 — 2");
	ck_assert_ptr_nonnull(l);
	ck_assert_str_eq(l->note, "organisation");
	l = find_line(&capture, DB_CAPTURE_ATTENDEES, "王静");
	ck_assert_ptr_nonnull(l);
	ck_assert_str_eq(l->note, "person");
	/* screen order: attendees, then the agenda by number, decisions by number, action items */
	int last = -1, last_position = 0;
	for (size_t i = 0; i < capture.count; i++) {
		ck_assert_int_ge((int)capture.lines[i].section, last);
		if ((int)capture.lines[i].section != last)
			last_position = 0;
		last = (int)capture.lines[i].section;
		if (last == DB_CAPTURE_AGENDA || last == DB_CAPTURE_DECISIONS) {
			ck_assert_int_gt(capture.lines[i].position, last_position);
			last_position = capture.lines[i].position;
		}
	}
	/* a decision knows its agenda item by number, an action item its decision; notes show newlines as ↵ */
	char *want = testdb_value(conn, "SELECT d.text FROM iedesk.decision d WHERE d.meeting_id = 3 ORDER BY position LIMIT 1");
	l = find_line(&capture, DB_CAPTURE_DECISIONS, want);
	ck_assert_ptr_nonnull(l);
	ck_assert_int_eq(l->parent, 1);
	free(want);
	want = testdb_value(conn, "SELECT ai.text || ' | ' || ai.owner_unit || ' | ' || ai.due_on FROM iedesk.action_item ai"
		" JOIN iedesk.decision d ON d.id = ai.decision_id WHERE d.meeting_id = 3 ORDER BY ai.id LIMIT 1");
	l = find_line(&capture, DB_CAPTURE_ACTIONS, want);
	ck_assert_msg(l != NULL, "no action line %s", want);
	ck_assert_int_eq(l->parent, 1);
	ck_assert_str_eq(l->note, "unit");
	free(want);
	db_capture_done(&capture);

	testdb_exec(conn, "UPDATE iedesk.agenda_item SET notes = E'一、汇报\\n二、讨论' WHERE meeting_id = 3 AND position = 2");
	load(DRAFT_MEETING, &capture);
	want = testdb_value(conn, "SELECT title || ' | 一、汇报↵二、讨论' FROM iedesk.agenda_item WHERE meeting_id = 3 AND position = 2");
	ck_assert_ptr_nonnull(find_line(&capture, DB_CAPTURE_AGENDA, want));
	free(want);
	db_capture_done(&capture);

	/* final minutes are read-only until an amendment is opened */
	load("1", &capture);
	ck_assert_str_eq(capture.status, "final");
	ck_assert(!capture.editable);
	db_capture_done(&capture);
	testdb_exec(conn, "SELECT iedesk.meeting_amend(1, '补记一名参会人员')");
	load("1", &capture);
	ck_assert_str_eq(capture.status, "amending");
	ck_assert(capture.editable);
	db_capture_done(&capture);

	struct db_request req;
	db_capture_load_request("999", &req);
	PGresult *res = testdb_run(conn, &req);
	db_request_done(&req);
	struct db_error err;
	ck_assert(!db_capture_parse(res, &capture, &err));
	ck_assert_ptr_nonnull(strstr(err.message, "gone"));
	PQclear(res);
}
END_TEST

/* Every kind of line saved, then changed, then deleted, as the capture screen does it. */
START_TEST(test_save_lines)
{
	struct db_error err;
	char *id, *version, *note;
	/* a name settled as an organisation is one; a name one person has, found by the rule, is that person */
	ck_assert_int_eq(save(DB_CAPTURE_ATTENDEES, NULL, NULL, 0, "李明", NULL, &id, &version, &note, &err), DB_SAVE_OK);
	ck_assert_str_eq(note, "organisation");
	free(note);
	free(id);
	free(version);
	char *zhao = testdb_value(conn, "INSERT INTO iedesk.person (name) VALUES ('赵一鸣') RETURNING id");
	ck_assert_int_eq(save_as(DB_CAPTURE_ATTENDEES, NULL, NULL, 0, "赵一鸣", NULL, zhao, true, &id, &version, &note, &err),
		DB_SAVE_OK);
	free(zhao);
	ck_assert_str_eq(note, "person");
	ck_assert_int_eq(testdb_count(conn, "SELECT count(*) FROM iedesk.meeting_attendee a JOIN iedesk.person p"
		" ON p.id = a.person_id WHERE a.meeting_id = 3 AND p.name = '赵一鸣' AND a.organisation IS NULL"), 1);
	free(note);
	/* the same person twice is refused in a sentence */
	char *same = testdb_value(conn, "SELECT id FROM iedesk.person WHERE name = '赵一鸣'");
	ck_assert_int_eq(save_as(DB_CAPTURE_ATTENDEES, NULL, NULL, 0, "赵一鸣", NULL, same, false, NULL, NULL, NULL, &err),
		DB_SAVE_REFUSED);
	free(same);
	ck_assert_ptr_null(strstr(err.message, "meeting_attendee"));
	/* a second person of that name; a head count makes the line an organisation, with no question */
	testdb_exec(conn, "INSERT INTO iedesk.person (name) VALUES ('赵一鸣')");
	ck_assert_int_eq(save(DB_CAPTURE_ATTENDEES, id, version, 0, "赵一鸣 — 3", NULL, NULL, NULL, &note, &err), DB_SAVE_OK);
	ck_assert_str_eq(note, "organisation");
	ck_assert_int_eq(testdb_count(conn, "SELECT count(*) FROM iedesk.meeting_attendee WHERE id = "
		"(SELECT max(id) FROM iedesk.meeting_attendee) AND organisation = '赵一鸣' AND head_count = 3"), 1);
	free(note);
	/* with the old version: someone else's change is not overwritten */
	ck_assert_int_eq(save(DB_CAPTURE_ATTENDEES, id, version, 0, "赵一鸣 — 4", NULL, NULL, NULL, NULL, &err),
		DB_SAVE_CONFLICT);
	/* unless the user says so */
	ck_assert_int_eq(save(DB_CAPTURE_ATTENDEES, id, NULL, 0, "赵一鸣 — 4", NULL, NULL, NULL, NULL, &err), DB_SAVE_OK);
	free(version);

	/* an agenda item, a decision under it, an action item of that decision owned by a school by code */
	char *item, *item_version, *decision, *decision_version, *action, *action_version;
	ck_assert_int_eq(save(DB_CAPTURE_AGENDA, NULL, NULL, 4, "经费 | 一、预算↵二、审议", NULL, &item, &item_version, NULL, &err),
		DB_SAVE_OK);
	ck_assert_int_eq(testdb_count(conn, "SELECT count(*) FROM iedesk.agenda_item WHERE meeting_id = 3 AND position = 4"
		" AND title = '经费' AND notes = E'一、预算\\n二、审议'"), 1);
	ck_assert_int_eq(save(DB_CAPTURE_DECISIONS, NULL, NULL, 2, "增设资源教室", item, &decision, &decision_version, NULL,
		&err), DB_SAVE_OK);
	ck_assert_int_eq(save_as(DB_CAPTURE_ACTIONS, NULL, NULL, 0, "落实场地 | HR-002 | +30d", decision, "2", true, &action,
		&action_version, &note, &err), DB_SAVE_OK);
	ck_assert_str_eq(note, "school");
	free(note);
	char *sql = xasprintf("SELECT count(*) FROM iedesk.action_item ai JOIN iedesk.school s ON s.id = ai.owner_school_id"
		" WHERE ai.id = %s AND s.code = 'HR-002' AND ai.owner_unit IS NULL AND ai.due_on = '2026-12-24'"
		" AND ai.decision_id = %s AND ai.status = 'open'", action, decision);
	ck_assert_int_eq(testdb_count(conn, sql), 1);
	free(sql);
	/* a unit instead */
	ck_assert_int_eq(save(DB_CAPTURE_ACTIONS, action, action_version, 0, "落实场地 | 区教委 | 12-01", decision, NULL,
		NULL, &note, &err), DB_SAVE_OK);
	ck_assert_str_eq(note, "unit");
	free(note);
	sql = xasprintf("SELECT count(*) FROM iedesk.action_item WHERE id = %s AND owner_school_id IS NULL"
		" AND owner_unit = '区教委' AND due_on = '2026-12-01'", action);
	ck_assert_int_eq(testdb_count(conn, sql), 1);
	free(sql);
	/* a decision with an action item is not deleted; emptied lines are deleted bottom-up */
	struct db_request req;
	db_capture_delete_request(DB_CAPTURE_DECISIONS, decision, decision_version, &req);
	PGresult *res = testdb_run(conn, &req);
	db_request_done(&req);
	char *gone_id = NULL, *gone_version = NULL;
	ck_assert_int_eq(db_capture_save_outcome(res, NULL, &gone_id, &gone_version, &note, &err), DB_SAVE_REFUSED);
	ck_assert_ptr_null(strstr(err.message, "fkey"));
	PQclear(res);
	db_capture_delete_request(DB_CAPTURE_ACTIONS, action, NULL, &req);
	res = testdb_run(conn, &req);
	db_request_done(&req);
	ck_assert_int_eq(db_capture_save_outcome(res, NULL, &gone_id, &gone_version, &note, &err), DB_SAVE_OK);
	free(gone_id);
	free(gone_version);
	free(note);
	PQclear(res);
	db_capture_delete_request(DB_CAPTURE_DECISIONS, decision, decision_version, &req);
	res = testdb_run(conn, &req);
	db_request_done(&req);
	ck_assert_int_eq(db_capture_save_outcome(res, NULL, &gone_id, &gone_version, &note, &err), DB_SAVE_OK);
	free(gone_id);
	free(gone_version);
	free(note);
	PQclear(res);
	sql = xasprintf("SELECT count(*) FROM iedesk.decision WHERE id = %s", decision);
	ck_assert_int_eq(testdb_count(conn, sql), 0);
	free(sql);
	/* a decision may stand under no agenda item */
	ck_assert_int_eq(save(DB_CAPTURE_DECISIONS, NULL, NULL, 3, "另行通知", NULL, NULL, NULL, NULL, &err), DB_SAVE_OK);
	ck_assert_int_eq(testdb_count(conn, "SELECT count(*) FROM iedesk.decision WHERE meeting_id = 3 AND position = 3"
		" AND agenda_item_id IS NULL"), 1);
	/* an agenda number already taken (someone added one meanwhile) is refused in a sentence */
	ck_assert_int_eq(save(DB_CAPTURE_AGENDA, NULL, NULL, 4, "重复", NULL, NULL, NULL, NULL, &err), DB_SAVE_REFUSED);
	ck_assert_ptr_null(strstr(err.message, "agenda_item_position_key"));
	free(item);
	free(item_version);
	free(decision);
	free(decision_version);
	free(action);
	free(action_version);
	free(id);
}
END_TEST

/* Issue 15: 王静 when two persons have the name, and 张三丰 when no person has it, were stored as
 * organisations; an owner no school has became a unit. Now the capture looks the name up, the save takes
 * the person, school, organisation or unit it was told, and one found by the rule is refused, with nothing
 * stored, once the rule finds otherwise. */
START_TEST(test_names_never_guessed)
{
	testdb_exec(conn, "DELETE FROM iedesk.meeting_attendee WHERE meeting_id = 3 AND person_id = 2");
	struct db_capture_names found;
	names(DB_CAPTURE_ATTENDEES, "王静", &found);
	ck_assert_int_eq(found.matches, 1);
	ck_assert_str_eq(db_capture_names_found(&found), "2");
	db_capture_names_done(&found);

	/* found by the rule; a second 王静 is added before the save: refused, nothing stored */
	char *second = testdb_value(conn, "INSERT INTO iedesk.person (name, email) VALUES ('王静', 'wj2@example.org')"
		" RETURNING id");
	struct db_error err;
	char *id = NULL, *version = NULL, *note = NULL;
	ck_assert_int_eq(save_as(DB_CAPTURE_ATTENDEES, NULL, NULL, 0, "王静", NULL, "2", true, &id, &version, &note, &err),
		DB_SAVE_NAME_CHANGED);
	ck_assert_ptr_null(id);
	ck_assert_int_eq(testdb_count(conn, "SELECT count(*) FROM iedesk.meeting_attendee WHERE meeting_id = 3"
		" AND (person_id IN (SELECT id FROM iedesk.person WHERE name = '王静') OR organisation = '王静')"), 0);
	names(DB_CAPTURE_ATTENDEES, "王静", &found);
	ck_assert_int_eq(found.matches, 2);
	ck_assert_ptr_null(db_capture_names_found(&found));
	ck_assert_uint_ge(found.count, 2);
	ck_assert_str_eq(found.candidates[0].id, "2");   /* the meeting's district's first */
	ck_assert_str_eq(found.candidates[1].id, second);
	ck_assert(found.candidates[1].rule);
	ck_assert_ptr_nonnull(strstr(found.candidates[1].detail, second));
	db_capture_names_done(&found);
	/* the second one, chosen: stored as that person */
	ck_assert_int_eq(save_as(DB_CAPTURE_ATTENDEES, NULL, NULL, 0, "王静", NULL, second, false, &id, &version, &note,
		&err), DB_SAVE_OK);
	ck_assert_str_eq(note, "person");
	char *sql = xasprintf("SELECT count(*) FROM iedesk.meeting_attendee WHERE id = %s AND person_id = %s"
		" AND organisation IS NULL", id, second);
	ck_assert_int_eq(testdb_count(conn, sql), 1);
	free(sql);
	/* an update found by the rule is checked the same way */
	ck_assert_int_eq(save_as(DB_CAPTURE_ATTENDEES, id, version, 0, "王静", NULL, "2", true, NULL, NULL, NULL, &err),
		DB_SAVE_NAME_CHANGED);
	free(id);
	free(version);
	free(note);

	/* no person is 张三丰: nothing found; confirmed as an organisation it is one */
	names(DB_CAPTURE_ATTENDEES, "张三丰", &found);
	ck_assert_int_eq(found.matches, 0);
	ck_assert_ptr_null(db_capture_names_found(&found));
	db_capture_names_done(&found);
	ck_assert_int_eq(save(DB_CAPTURE_ATTENDEES, NULL, NULL, 0, "张三丰", NULL, NULL, NULL, &note, &err), DB_SAVE_OK);
	ck_assert_str_eq(note, "organisation");
	free(note);
	/* a head count needs no question */
	struct db_capture_fields fields;
	char why[200];
	ck_assert(db_capture_line_parse(DB_CAPTURE_ATTENDEES, "区特殊教育中心 — 12", "2026-11-24", &fields, why, sizeof(why)));
	ck_assert_ptr_null(db_capture_line_name(DB_CAPTURE_ATTENDEES, &fields));
	db_capture_fields_done(&fields);
	ck_assert(db_capture_line_parse(DB_CAPTURE_ATTENDEES, "张三丰", "2026-11-24", &fields, why, sizeof(why)));
	ck_assert_str_eq(db_capture_line_name(DB_CAPTURE_ATTENDEES, &fields), "张三丰");
	db_capture_fields_done(&fields);

	/* owners: a school of the meeting's district by name, any school by its code */
	names(DB_CAPTURE_ACTIONS, "怀柔区第一小学", &found);
	ck_assert_str_eq(db_capture_names_found(&found), "1");
	db_capture_names_done(&found);
	names(DB_CAPTURE_ACTIONS, "HR-002", &found);
	ck_assert_str_eq(db_capture_names_found(&found), "2");
	db_capture_names_done(&found);
	/* another district's school of the name is offered, never taken unasked */
	char *other = testdb_value(conn, "SELECT name FROM iedesk.school WHERE district_id <> 1 AND archived_at IS NULL"
		" ORDER BY id LIMIT 1");
	names(DB_CAPTURE_ACTIONS, other, &found);
	ck_assert_int_eq(found.matches, 0);
	ck_assert_ptr_null(db_capture_names_found(&found));
	ck_assert_uint_ge(found.count, 1);
	ck_assert_str_eq(found.candidates[0].name, other);
	db_capture_names_done(&found);
	free(other);
	/* no school is named 不存在的学校: the district's schools are offered; a unit when confirmed */
	names(DB_CAPTURE_ACTIONS, "不存在的学校", &found);
	ck_assert_int_eq(found.matches, 0);
	ck_assert_uint_ge(found.count, 10);
	db_capture_names_done(&found);
	char *decision = testdb_value(conn, "SELECT min(id) FROM iedesk.decision WHERE meeting_id = 3");
	ck_assert_int_eq(save(DB_CAPTURE_ACTIONS, NULL, NULL, 0, "落实 | 不存在的学校 | +7d", decision, NULL, NULL, &note, &err),
		DB_SAVE_OK);
	ck_assert_str_eq(note, "unit");
	free(note);
	ck_assert_int_eq(testdb_count(conn, "SELECT count(*) FROM iedesk.action_item WHERE text = '落实'"
		" AND owner_unit = '不存在的学校' AND owner_school_id IS NULL"), 1);
	/* found by the rule, then a second school of the name opens in the district: refused */
	testdb_exec(conn, "INSERT INTO iedesk.school (district_id, code, name, stage, locale)"
		" VALUES (1, 'HR-901', '怀柔区第三小学', 'primary', 'urban')");
	ck_assert_int_eq(save_as(DB_CAPTURE_ACTIONS, NULL, NULL, 0, "督导 | 怀柔区第三小学 | +7d", decision, "3", true, NULL,
		NULL, NULL, &err), DB_SAVE_NAME_CHANGED);
	ck_assert_int_eq(testdb_count(conn, "SELECT count(*) FROM iedesk.action_item WHERE text = '督导'"), 0);
	/* picked: stored as that school */
	ck_assert_int_eq(save_as(DB_CAPTURE_ACTIONS, NULL, NULL, 0, "督导 | 怀柔区第三小学 | +7d", decision, "3", false, NULL,
		NULL, &note, &err), DB_SAVE_OK);
	ck_assert_str_eq(note, "school");
	free(note);
	ck_assert_int_eq(testdb_count(conn, "SELECT count(*) FROM iedesk.action_item WHERE text = '督导'"
		" AND owner_school_id = 3 AND owner_unit IS NULL"), 1);
	free(decision);
	free(second);
}
END_TEST

/* ---- in Chinese (issue 18) ---- */

static void speak(const char *language)
{
	text_language(language, getenv("IEDESK_LOCALEDIR"));
	if (strcmp(language, "en") == 0)
		unsetenv("LANGUAGE");
}

/* What the capture says of a line it cannot read, in Chinese; the notes it stores stay codes (the screen
 * words them), and the words of a due date are read whatever the language. */
START_TEST(test_lines_in_chinese)
{
	struct db_capture_fields f;
	char why[300];
	const char *today = "2026-11-24";
	speak("zh_CN");
	ck_assert(!db_capture_line_parse(DB_CAPTURE_ACTIONS, "督导 区教育督导室", today, &f, why, sizeof(why)));
	ck_assert_str_eq(why, "工作任务的写法是：任务内容 | 责任学校或责任单位 | 完成时限");
	ck_assert(!db_capture_line_parse(DB_CAPTURE_ACTIONS, "督导 |  | +3d", today, &f, why, sizeof(why)));
	ck_assert_str_eq(why, "工作任务需要责任单位：一所学校或一个单位");
	ck_assert(!db_capture_line_parse(DB_CAPTURE_ACTIONS, "督导 | 区教育督导室 | 不久", today, &f, why, sizeof(why)));
	ck_assert_msg(strncmp(why, "不是日期：“不久”（", strlen("不是日期：“不久”（")) == 0, "%s", why);
	ck_assert(!db_capture_line_parse(DB_CAPTURE_AGENDA, " | 只有说明", today, &f, why, sizeof(why)));
	ck_assert_str_eq(why, "议程的写法是：标题 | 说明");
	ck_assert(db_capture_line_parse(DB_CAPTURE_ACTIONS, "督导 | 区教育督导室 | 下周", today, &f, why, sizeof(why)));
	ck_assert_str_eq(f.due, "2026-11-30");
	db_capture_fields_done(&f);
	speak("en");
	ck_assert(!db_capture_line_parse(DB_CAPTURE_ACTIONS, "督导 区教育督导室", today, &f, why, sizeof(why)));
	ck_assert_str_eq(why, "an action item is: what | owner school or unit | due date");
}
END_TEST

/* A name found by the rule that another person of the name made ambiguous before the save: refused in
 * Chinese, and in English as before; a conflict on a line in Chinese too. */
START_TEST(test_refusals_in_chinese)
{
	testdb_exec(conn, "DELETE FROM iedesk.meeting_attendee WHERE meeting_id = 3 AND person_id = 2");
	testdb_exec(conn, "INSERT INTO iedesk.person (name, email) VALUES ('王静', 'wj2@example.org')");
	struct db_error err;
	char *id = NULL, *version = NULL, *note = NULL;
	speak("zh_CN");
	ck_assert_int_eq(save_as(DB_CAPTURE_ATTENDEES, NULL, NULL, 0, "王静", NULL, "2", true, &id, &version, &note, &err),
		DB_SAVE_NAME_CHANGED);
	ck_assert_str_eq(err.message, "这个名字现在对应的已不是原先找到的那一个：未保存");
	speak("en");
	ck_assert_int_eq(save_as(DB_CAPTURE_ATTENDEES, NULL, NULL, 0, "王静", NULL, "2", true, &id, &version, &note, &err),
		DB_SAVE_NAME_CHANGED);
	ck_assert_str_eq(err.message, "the name no longer finds the one it was found to be: nothing was saved");

	/* a decision changed by someone else since it was loaded */
	ck_assert_int_eq(save(DB_CAPTURE_DECISIONS, NULL, NULL, 90, "按期完成整改", NULL, &id, &version, NULL, &err),
		DB_SAVE_OK);
	char *stale = xstrdup(version);
	free(version);
	ck_assert_int_eq(save(DB_CAPTURE_DECISIONS, id, stale, 90, "按期完成整改。", NULL, NULL, &version, NULL, &err),
		DB_SAVE_OK);
	free(version);
	speak("zh_CN");
	ck_assert_int_eq(save(DB_CAPTURE_DECISIONS, id, stale, 90, "如期完成整改", NULL, NULL, NULL, NULL, &err),
		DB_SAVE_CONFLICT);
	ck_assert_msg(strstr(err.message, "在您打开后已被他人修改"), "%s", err.message);
	speak("en");
	ck_assert_int_eq(save(DB_CAPTURE_DECISIONS, id, stale, 90, "如期完成整改", NULL, NULL, NULL, NULL, &err),
		DB_SAVE_CONFLICT);
	ck_assert_msg(strstr(err.message, "since you opened it"), "%s", err.message);
	free(stale);
	free(id);
}
END_TEST

Suite *capture_suite(void)
{
	Suite *s = suite_create("capture");
	TCase *lines = tcase_create("lines");
	tcase_add_test(lines, test_date_shortcuts);
	tcase_add_test(lines, test_line_parse);
	tcase_add_test(lines, test_lines_in_chinese);
	suite_add_tcase(s, lines);
	TCase *tc = tcase_create("database");
	tcase_set_timeout(tc, 30);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_load_meeting);
	tcase_add_test(tc, test_save_lines);
	tcase_add_test(tc, test_names_never_guessed);
	tcase_add_test(tc, test_refusals_in_chinese);
	suite_add_tcase(s, tc);
	return s;
}
