/* test_lists: the lists (db/list.c) and details (db/detail.c) against the demo data with "today" fixed
 * at 2026-11-24: first windows, keyset walks both ways, filters taken literally, flags, details,
 * and the window queries walking their indexes at a few thousand rows. */
#include "tests/tests.h"
#include "tests/testdb.h"
#include "config/config.h"
#include "db/db.h"

#include <stdio.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#define ALL 1000

/* Inspections not closed, by their due date: a planned one's plan, a visited one's oldest unresolved
 * finding's due date, else last. */
#define OPEN_INSPECTIONS(cond) "SELECT i.id FROM iedesk.inspection i JOIN iedesk.school s ON s.id = i.school_id" \
	" WHERE i.status <> 'closed' AND " cond " ORDER BY CASE WHEN i.status = 'planned' THEN i.planned_on" \
	" ELSE coalesce((SELECT min(f.due_on) FROM iedesk.finding f WHERE f.inspection_id = i.id" \
	" AND f.resolved_on IS NULL), '9999-12-31') END, i.id"

/* Every list in the order it must show, written independently of db/list.c. */
/* Worst first: the groups' open inspections (grouped by group), the most overdue on 2026-11-24 first, then
 * the furthest past due (or, for the report, the oldest planned), then the group's id. */
#define OPEN_DUE "CASE WHEN i.status = 'planned' THEN i.planned_on ELSE (SELECT min(f.due_on) FROM iedesk.finding f" \
	" WHERE f.inspection_id = i.id AND f.resolved_on IS NULL) END"
#define WORST_ORDER(id, oldest) " ORDER BY -count(i.id) FILTER (WHERE " OPEN_DUE " < '2026-11-24')," \
	" coalesce(min(" oldest "), '9999-12-31'), " id
#define WORST_GROUPS(id, from, join) "SELECT " id " AS id FROM " from " JOIN iedesk.inspection i ON " join \
	" AND i.status <> 'closed' GROUP BY " id WORST_ORDER(id, OPEN_DUE)
#define SEVERITY_OF_OPEN "CASE WHEN i.status = 'planned' THEN 'none' ELSE coalesce((SELECT f.severity" \
	" FROM iedesk.finding f WHERE f.inspection_id = i.id AND f.resolved_on IS NULL ORDER BY CASE f.severity" \
	" WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END LIMIT 1), 'none') END"

static const char *const expected_order[DB_LIST_COUNT] = {
	[DB_LIST_DISTRICTS] = "SELECT id FROM iedesk.district ORDER BY name, id",
	[DB_LIST_SCHOOLS] = "SELECT id FROM iedesk.school WHERE district_id = 1 ORDER BY name, id",
	[DB_LIST_MANAGERS] = "SELECT id FROM iedesk.school WHERE archived_at IS NULL ORDER BY name, id",
	[DB_LIST_MEETINGS] = "SELECT id FROM iedesk.meeting ORDER BY held_on DESC, id DESC",
	[DB_LIST_INSPECTIONS] = "SELECT id FROM iedesk.inspection ORDER BY CASE status WHEN 'planned' THEN 0"
		" WHEN 'done' THEN 1 ELSE 2 END, planned_on, id",
	[DB_LIST_MANAGER_GAPS] = "SELECT school_id AS id FROM iedesk.manager_gap_each"
		" ORDER BY school_rank, school_name, rank, school_id",
	[DB_LIST_CONSORTIA] = "SELECT id FROM iedesk.consortium WHERE district_id = 1 ORDER BY name, id",
	[DB_LIST_CONSORTIUM_MEMBERS] = "SELECT m.id FROM iedesk.consortium_member m"
		" JOIN iedesk.school s ON s.id = m.school_id WHERE m.consortium_id = 1 ORDER BY s.name, m.id",
	/* the descriptions here all differ within their first 200 characters, which the list keys on */
	[DB_LIST_SHARED_RESOURCES] = "SELECT id FROM iedesk.shared_resource WHERE consortium_id = 1"
		" ORDER BY description, id",
	[DB_LIST_TRAININGS] = "SELECT id FROM iedesk.training ORDER BY held_on DESC, id DESC",
	[DB_LIST_TRAINING_ATTENDEES] = "SELECT a.id FROM iedesk.training_attendance a"
		" JOIN iedesk.person p ON p.id = a.person_id WHERE a.training_id = 1 ORDER BY p.name, a.id",
	[DB_LIST_MEETING_ATTENDEES] = "SELECT a.id FROM iedesk.meeting_attendee a"
		" LEFT JOIN iedesk.person p ON p.id = a.person_id WHERE a.meeting_id = 1"
		" ORDER BY coalesce(p.name, a.organisation), a.id",
	[DB_LIST_AGENDA_ITEMS] = "SELECT id FROM iedesk.agenda_item WHERE meeting_id = 1 ORDER BY position, id",
	[DB_LIST_DECISIONS] = "SELECT id FROM iedesk.decision WHERE meeting_id = 1 ORDER BY position, id",
	[DB_LIST_ACTION_ITEMS] = "SELECT id FROM iedesk.action_item ORDER BY due_on, id",
	[DB_LIST_DECISION_ACTION_ITEMS] = "SELECT id FROM iedesk.action_item WHERE decision_id = 1 ORDER BY due_on, id",
	[DB_LIST_ACTION_ITEM_INSPECTIONS] = "SELECT id FROM iedesk.inspection WHERE action_item_id = 1 ORDER BY planned_on, id",
	[DB_LIST_FINDINGS] = "SELECT id FROM iedesk.finding WHERE inspection_id = 3"
		" ORDER BY resolved_on IS NULL DESC, due_on NULLS LAST, id",
	/* the backlog from the inspections and findings themselves, not from 0011's table */
	[DB_LIST_BACKLOG] = OPEN_INSPECTIONS("true"),
	[DB_LIST_BACKLOG_OF_DISTRICT] = OPEN_INSPECTIONS("s.district_id = 1"),
	[DB_LIST_BACKLOG_OF_SCHOOL] = OPEN_INSPECTIONS("i.school_id = 14"),
	[DB_LIST_BACKLOG_OF_INSPECTOR] = OPEN_INSPECTIONS("i.inspector_person_id = 7"),
	[DB_LIST_BACKLOG_OF_KIND] = OPEN_INSPECTIONS("i.kind = 'follow-up'"),
	[DB_LIST_BACKLOG_OF_SEVERITY] = OPEN_INSPECTIONS("(CASE WHEN i.status = 'planned' THEN 'none' ELSE"
		" coalesce((SELECT f.severity FROM iedesk.finding f WHERE f.inspection_id = i.id AND f.resolved_on IS NULL"
		" ORDER BY CASE f.severity WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END LIMIT 1), 'none') END)"
		" = 'none'"),
	[DB_LIST_BACKLOG_BY_DISTRICT] = "SELECT d.id FROM iedesk.district d WHERE EXISTS (SELECT 1 FROM"
		" iedesk.inspection i JOIN iedesk.school s ON s.id = i.school_id WHERE s.district_id = d.id AND"
		" i.status <> 'closed') ORDER BY d.name, d.id",
	[DB_LIST_BACKLOG_BY_SCHOOL] = "SELECT s.id FROM iedesk.school s WHERE EXISTS (SELECT 1 FROM"
		" iedesk.inspection i WHERE i.school_id = s.id AND i.status <> 'closed') ORDER BY s.name, s.id",
	[DB_LIST_BACKLOG_BY_INSPECTOR] = "SELECT p.id FROM iedesk.person p WHERE EXISTS (SELECT 1 FROM"
		" iedesk.inspection i WHERE i.inspector_person_id = p.id AND i.status <> 'closed') ORDER BY p.name, p.id",
	[DB_LIST_BACKLOG_BY_KIND] = "SELECT v AS id FROM (VALUES (0, 'itinerant-guidance'), (1, 'supervision'),"
		" (2, 'follow-up')) x(r, v) WHERE EXISTS (SELECT 1 FROM iedesk.inspection i WHERE i.kind = v AND"
		" i.status <> 'closed') ORDER BY r",
	[DB_LIST_BACKLOG_BY_SEVERITY] = "SELECT v AS id FROM (VALUES (0, 'high'), (1, 'medium'), (2, 'low'), (3, 'none'))"
		" x(r, v) WHERE EXISTS (SELECT 1 FROM iedesk.inspection i WHERE i.status <> 'closed' AND"
		" CASE WHEN i.status = 'planned' THEN 'none' ELSE coalesce((SELECT f.severity FROM iedesk.finding f"
		" WHERE f.inspection_id = i.id AND f.resolved_on IS NULL ORDER BY CASE f.severity WHEN 'high' THEN 0"
		" WHEN 'medium' THEN 1 ELSE 2 END LIMIT 1), 'none') END = v) ORDER BY r",
	[DB_LIST_BACKLOG_WORST_BY_DISTRICT] = WORST_GROUPS("s.district_id", "iedesk.school s", "i.school_id = s.id"),
	[DB_LIST_BACKLOG_WORST_BY_SCHOOL] = WORST_GROUPS("s.id", "iedesk.school s", "i.school_id = s.id"),
	[DB_LIST_BACKLOG_WORST_BY_INSPECTOR] = WORST_GROUPS("p.id", "iedesk.person p", "i.inspector_person_id = p.id"),
	[DB_LIST_BACKLOG_WORST_BY_KIND] = "SELECT i.kind AS id FROM iedesk.inspection i WHERE i.status <> 'closed'"
		" GROUP BY i.kind" WORST_ORDER("i.kind", OPEN_DUE),
	[DB_LIST_BACKLOG_WORST_BY_SEVERITY] = "SELECT " SEVERITY_OF_OPEN " AS id FROM iedesk.inspection i"
		" WHERE i.status <> 'closed' GROUP BY 1" WORST_ORDER("1", OPEN_DUE),
	[DB_LIST_REPORT_WORST_DISTRICTS] = "SELECT d.id FROM iedesk.district d LEFT JOIN iedesk.school s"
		" ON s.district_id = d.id LEFT JOIN iedesk.inspection i ON i.school_id = s.id AND i.status <> 'closed'"
		" WHERE d.archived_at IS NULL GROUP BY d.id" WORST_ORDER("d.id", "i.planned_on"),
	[DB_LIST_REPORT_WORST_SCHOOLS] = "SELECT s.id FROM iedesk.school s LEFT JOIN iedesk.inspection i"
		" ON i.school_id = s.id AND i.status <> 'closed' WHERE s.district_id = 1 AND EXISTS (SELECT 1"
		" FROM iedesk.inspection x WHERE x.school_id = s.id AND (x.status <> 'closed' OR x.closed_on >="
		" '2026-08-01')) GROUP BY s.id" WORST_ORDER("s.id", "i.planned_on"),
	[DB_LIST_UNVERIFIED] = "SELECT a.id FROM iedesk.action_item a WHERE a.status <> 'dropped'"
		" AND a.due_on < '2026-11-24' AND NOT EXISTS (SELECT 1 FROM iedesk.inspection i"
		" WHERE i.action_item_id = a.id) ORDER BY a.due_on, a.id",
	[DB_LIST_REPORT_DISTRICTS] = "SELECT id FROM iedesk.district WHERE archived_at IS NULL ORDER BY name, id",
	[DB_LIST_REPORT_SCHOOLS] = "SELECT s.id FROM iedesk.school s WHERE s.district_id = 1 AND EXISTS (SELECT 1"
		" FROM iedesk.inspection i WHERE i.school_id = s.id AND (i.status <> 'closed' OR i.closed_on >="
		" '2026-08-01')) ORDER BY s.name, s.id",
	/* the cases as the schema's owner reads them: every district's */
	[DB_LIST_CASE_COUNTS] = "SELECT s.id FROM iedesk.case_school_counts k JOIN iedesk.school s ON s.id = k.school_id"
		" ORDER BY s.name, s.id",
	[DB_LIST_CASES] = "SELECT id FROM iedesk.student_case ORDER BY code, id",
	/* a case's parts (the owner reads every case), and the dues and transfers of every district */
	[DB_LIST_CASE_ASSESSMENTS] = "SELECT id FROM iedesk.case_assessment WHERE case_id = 1 ORDER BY assessed_on, id",
	[DB_LIST_CASE_PLACEMENTS] = "SELECT id FROM iedesk.case_placement WHERE case_id = 1 ORDER BY started_on DESC, id DESC",
	[DB_LIST_CASE_TRANSFERS] = "SELECT id FROM iedesk.case_transfer WHERE case_id = 14 ORDER BY requested_on DESC, id DESC",
	[DB_LIST_TRANSFERS_INCOMING] = "SELECT id FROM iedesk.case_transfer WHERE status = 'requested' ORDER BY requested_on, id",
	[DB_LIST_CASE_DUE] = "SELECT case_id AS id FROM iedesk.case_due ORDER BY due_on, due, case_id",
	[DB_LIST_CASE_SESSIONS] = "SELECT id FROM iedesk.case_session WHERE case_id = 1 ORDER BY held_on DESC, id DESC",
	[DB_LIST_CASE_PROGRESS] = "SELECT id FROM iedesk.case_progress WHERE case_id = 1 ORDER BY noted_on DESC, id DESC",
	[DB_LIST_CASE_CONTACTS] = "SELECT id FROM iedesk.case_contact WHERE case_id = 1 ORDER BY contacted_on DESC, id DESC",
	[DB_LIST_CASE_REVIEWS] = "SELECT id FROM iedesk.case_review WHERE case_id = 3 ORDER BY held_on DESC, id DESC",
	/* case 3's IEPs (two versions), the parts of IEP 11 (the draft of case 8), goal 12's objectives */
	[DB_LIST_CASE_IEPS] = "SELECT id FROM iedesk.iep WHERE case_id = 3 ORDER BY number IS NOT NULL, number DESC, id DESC",
	[DB_LIST_IEP_MEMBERS] = "SELECT id FROM iedesk.iep_member WHERE iep_id = 11 ORDER BY CASE role"
		" WHEN 'case-worker' THEN 0 WHEN 'class-teacher' THEN 1 WHEN 'resource-teacher' THEN 2 WHEN 'parent' THEN 3"
		" WHEN 'therapist' THEN 4 WHEN 'itinerant-teacher' THEN 5 ELSE 6 END, id",
	[DB_LIST_IEP_GOALS] = "SELECT id FROM iedesk.iep_goal WHERE iep_id = 11 ORDER BY id",
	[DB_LIST_IEP_OBJECTIVES] = "SELECT id FROM iedesk.iep_objective WHERE goal_id = 12 ORDER BY id",
	[DB_LIST_IEP_ACCOMMODATIONS] = "SELECT id FROM iedesk.iep_accommodation WHERE iep_id = 11 ORDER BY id",
	[DB_LIST_IEP_SERVICES] = "SELECT id FROM iedesk.iep_service WHERE iep_id = 11 ORDER BY id",
	[DB_LIST_REGIONS] = "SELECT id FROM iedesk.region ORDER BY path::text COLLATE \"C\", id",
	[DB_LIST_REGION_DISTRICTS] = "SELECT d.id FROM iedesk.district d JOIN iedesk.region r ON r.id = d.region_id"
		" WHERE r.path OPERATOR(iedesk.<@) (SELECT path FROM iedesk.region WHERE id = 1) ORDER BY d.name, d.id",
	[DB_LIST_ALLIANCES] = "SELECT id FROM iedesk.consortium WHERE kind = 'alliance' ORDER BY name, id",
	[DB_LIST_PARTNERS] = "SELECT id FROM iedesk.partner ORDER BY name, id",
	[DB_LIST_ACTIVITIES] = "SELECT id FROM iedesk.activity WHERE held_on >= '2026-01-01' AND held_on < '2027-01-01'"
		" ORDER BY held_on DESC, id DESC",
	/* partner 3's partnerships, the latest started first; the parent committee of HR-HS01 (6) by name */
	[DB_LIST_PARTNERSHIPS] = "SELECT id FROM iedesk.partnership WHERE partner_id = 3"
		" ORDER BY coalesce(from_on, '0001-01-01') DESC, id DESC",
	[DB_LIST_COMMITTEE_MEMBERS] = "SELECT m.id FROM iedesk.committee_member m JOIN iedesk.person p ON p.id = m.person_id"
		" WHERE m.consortium_id = 6 ORDER BY p.name, m.id",
};

/* The district of the schools and consortia, the consortium of the members and resources, the training
 * of the attendees. */
static const char *parent_of(enum db_list_kind kind)
{
	switch (kind) {
	case DB_LIST_SCHOOLS:
	case DB_LIST_CONSORTIA:
	case DB_LIST_CONSORTIUM_MEMBERS:
	case DB_LIST_SHARED_RESOURCES:
	case DB_LIST_TRAINING_ATTENDEES:
	case DB_LIST_MEETING_ATTENDEES:
	case DB_LIST_AGENDA_ITEMS:
	case DB_LIST_DECISIONS:
	case DB_LIST_DECISION_ACTION_ITEMS:
	case DB_LIST_ACTION_ITEM_INSPECTIONS:
	case DB_LIST_REGION_DISTRICTS:
		return "1";
	case DB_LIST_IEP_MEMBERS:
	case DB_LIST_IEP_GOALS:
	case DB_LIST_IEP_ACCOMMODATIONS:
	case DB_LIST_IEP_SERVICES:
		return "11";  /* a draft: the parts of a final IEP are fixed, so rows are added to this one */
	case DB_LIST_IEP_OBJECTIVES:
		return "12";  /* the draft's goal */
	case DB_LIST_CASE_IEPS:
		return "3";   /* two final versions */
	case DB_LIST_FINDINGS:
		return "3";   /* inspection 1 is closed and without findings; 3 is done, with one open */
	case DB_LIST_BACKLOG_OF_DISTRICT:
	case DB_LIST_REPORT_SCHOOLS:
	case DB_LIST_REPORT_WORST_SCHOOLS:
		return "1";
	case DB_LIST_BACKLOG_OF_SCHOOL:
		return "14";
	case DB_LIST_BACKLOG_OF_INSPECTOR:
		return "7";
	case DB_LIST_BACKLOG_OF_KIND:
		return "follow-up";
	case DB_LIST_BACKLOG_OF_SEVERITY:
		return "none";
	case DB_LIST_CASE_ASSESSMENTS:
	case DB_LIST_CASE_PLACEMENTS:
	case DB_LIST_CASE_SESSIONS:
	case DB_LIST_CASE_PROGRESS:
	case DB_LIST_CASE_CONTACTS:
		return "1";
	case DB_LIST_CASE_TRANSFERS:
		return "14";   /* the demo's transfer to 密云区 */
	case DB_LIST_CASE_REVIEWS:
	case DB_LIST_PARTNERSHIPS:
		return "3";
	case DB_LIST_COMMITTEE_MEMBERS:
		return "6";   /* HR-HS01, the home-school alliance */
	default:
		return NULL;
	}
}

/* Walk forward from FIRST with AFTER windows of size, then backward from LAST with BEFORE; both
 * must visit every row exactly once, in order. Returns the forward ids. */
static char *walk(PGconn *conn, enum db_list_kind kind, const char *filter, int size)
{
	const char *parent = parent_of(kind);
	char *forward = xstrdup("");
	struct db_rows rows;
	testdb_fetch(conn, kind, DB_WINDOW_FIRST, NULL, filter, parent, size, &rows);
	int windows = 0;
	while (rows.count) {
		ck_assert_uint_le(rows.count, (size_t)size);
		char *ids = testdb_ids(&rows);
		char *t = xasprintf("%s%s%s", forward, *forward ? "," : "", ids);
		free(forward);
		free(ids);
		forward = t;
		struct db_rows next;
		testdb_fetch(conn, kind, DB_WINDOW_AFTER, rows.rows[rows.count - 1].keys, filter, parent, size, &next);
		db_rows_done(&rows);
		rows = next;
		ck_assert_int_lt(++windows, 100000);
	}
	db_rows_done(&rows);

	/* Backward: each window is prepended, so the result reads forward again. */
	char *backward = xstrdup("");
	testdb_fetch(conn, kind, DB_WINDOW_LAST, NULL, filter, parent, size, &rows);
	while (rows.count) {
		char *ids = testdb_ids(&rows);
		char *t = xasprintf("%s%s%s", ids, *backward ? "," : "", backward);
		free(backward);
		free(ids);
		backward = t;
		struct db_rows prev;
		testdb_fetch(conn, kind, DB_WINDOW_BEFORE, rows.rows[0].keys, filter, parent, size, &prev);
		db_rows_done(&rows);
		rows = prev;
	}
	db_rows_done(&rows);
	ck_assert_msg(!strcmp(forward, backward), "%s: forward %s, backward %s", db_list_spec(kind)->name,
		forward, backward);
	free(backward);
	return forward;
}

/* No id twice in "1,2,3". Not asked of the manager gaps: a school's gaps are a row each (0025) carrying the
 * school's id (what n, e and D act on), so an id repeats; the walk matching the view's rows one for one
 * says no row came twice. */
static void ck_no_duplicates(enum db_list_kind kind, const char *ids)
{
	if (kind == DB_LIST_MANAGER_GAPS || kind == DB_LIST_CASE_DUE)   /* a row per gap, per thing due */
		return;
	char *copy = xasprintf(",%s,", ids);
	for (char *p = copy + 1; *p; ) {
		char *end = strchr(p, ',');
		if (!end)
			break;
		char *needle = xasprintf(",%.*s,", (int)(end - p), p);
		char *again = strstr(end, needle);
		ck_assert_msg(!again, "id %s appears twice", needle);
		free(needle);
		p = end + 1;
	}
	free(copy);
}

START_TEST(test_list_definitions)
{
	for (int k = 0; k < DB_LIST_COUNT; k++) {
		const struct db_list_spec *def = db_list_spec(k);
		ck_assert_ptr_nonnull(def);
		int flex = 0, used = 0;
		for (int c = 0; c < def->ncolumns; c++) {
			const struct db_column *col = &def->columns[c];
			ck_assert(col->title && *col->title);
			/* named, each name once: code reads cells by these names */
			ck_assert_msg(col->name && *col->name, "%s: column %d has no name", def->name, c);
			ck_assert_int_eq(db_list_column(def, col->name), c);
			if (col->width == 0)
				flex++;
			else
				ck_assert_int_le(col->min_width, col->width);
			used += (col->width ? col->width : col->min_width) + (c ? 1 : 0);
		}
		ck_assert_msg(flex == 1, "%s: %d flexible columns", def->name, flex);
		ck_assert_msg(used <= 80, "%s needs %d cells", def->name, used);
		ck_assert_int_ge(def->nkeys, 2);
		ck_assert(def->filter_hint && *def->filter_hint);
		/* rows of members, resources, attendees, agenda items and action items open nothing: the UI
		 * edits them in a form */
		const struct db_list_open *open = db_list_open_target(k);
		bool opens_nothing = k == DB_LIST_CONSORTIUM_MEMBERS || k == DB_LIST_SHARED_RESOURCES
			|| k == DB_LIST_TRAINING_ATTENDEES || k == DB_LIST_MEETING_ATTENDEES || k == DB_LIST_AGENDA_ITEMS
			|| k == DB_LIST_ACTION_ITEMS || k == DB_LIST_DECISION_ACTION_ITEMS || k == DB_LIST_FINDINGS
			|| k == DB_LIST_UNVERIFIED || k == DB_LIST_CASE_ASSESSMENTS || k == DB_LIST_CASE_PLACEMENTS
			|| k == DB_LIST_CASE_TRANSFERS || k == DB_LIST_TRANSFERS_INCOMING || k == DB_LIST_CASE_SESSIONS
			|| k == DB_LIST_CASE_PROGRESS || k == DB_LIST_CASE_CONTACTS || k == DB_LIST_CASE_REVIEWS
			|| k == DB_LIST_IEP_MEMBERS || k == DB_LIST_IEP_OBJECTIVES || k == DB_LIST_IEP_ACCOMMODATIONS
			|| k == DB_LIST_IEP_SERVICES || k == DB_LIST_ACTIVITIES || k == DB_LIST_PARTNERSHIPS
			|| k == DB_LIST_COMMITTEE_MEMBERS;
		ck_assert_msg(opens_nothing == !open, "%s", def->name);
		if (open)
			ck_assert_int_eq(open->id_key, def->nkeys - 1);
		if (open && open->is_list)
			ck_assert_int_lt(open->list, DB_LIST_COUNT);
		if (open && open->code_column)
			db_list_column(def, open->code_column);   /* aborts when the list has no such column */
		/* the whole query is there: a spec without one built "SELECT (null) FROM (null)" */
		char why[200];
		ck_assert_msg(db_list_check(k, why, sizeof(why)), "%s", why);
		const struct db_list_editing *e = def->editing;
		if (e) {
			ck_assert_int_lt(e->new_kind, DB_RECORD_COUNT);
			ck_assert_int_lt(e->edit_kind, DB_RECORD_COUNT);
			ck_assert_msg(e->new_kind >= 0 || e->edit_kind >= 0, "%s edits nothing: leave editing out", def->name);
			/* a removal that asks has its question and both answers */
			if (e->removal != DB_REMOVE_NONE && e->removal != DB_REMOVE_ARCHIVE)
				ck_assert(e->removal_question && e->removal_done && e->removal_none);
		}
		enum db_export_kind export;
		if (def->export && strcmp(def->export, "report"))
			ck_assert_msg(db_export_lookup(def->export, &export), "%s exports %s", def->name, def->export);
	}
	ck_assert(db_list_open_target(DB_LIST_DISTRICTS)->is_list);
	ck_assert_int_eq(db_list_open_target(DB_LIST_DISTRICTS)->list, DB_LIST_SCHOOLS);
	ck_assert(!db_list_open_target(DB_LIST_SCHOOLS)->is_list);
	ck_assert_int_eq(db_list_open_target(DB_LIST_SCHOOLS)->detail, DB_DETAIL_SCHOOL);
	ck_assert_int_eq(db_list_open_target(DB_LIST_MANAGERS)->detail, DB_DETAIL_SCHOOL);
	ck_assert_int_eq(db_list_open_target(DB_LIST_MEETINGS)->detail, DB_DETAIL_MEETING);
	ck_assert_int_eq(db_list_open_target(DB_LIST_INSPECTIONS)->detail, DB_DETAIL_INSPECTION);
	ck_assert(!db_list_open_target(DB_LIST_CONSORTIA)->is_list);
	ck_assert_int_eq(db_list_open_target(DB_LIST_CONSORTIA)->detail, DB_DETAIL_CONSORTIUM);
	ck_assert(db_list_open_target(DB_LIST_TRAININGS)->is_list);
	ck_assert_int_eq(db_list_open_target(DB_LIST_TRAININGS)->list, DB_LIST_TRAINING_ATTENDEES);

	/* The same text every time (so it can be prepared), and the user's text only ever a parameter. */
	char *key[] = { "x'; DROP TABLE iedesk.school; --", "1" };
	struct db_request a, b;
	db_list_request(DB_LIST_DISTRICTS, DB_WINDOW_AFTER, key, "evil' OR true --", NULL, 7, &a);
	db_list_request(DB_LIST_DISTRICTS, DB_WINDOW_AFTER, key, "other", NULL, 9, &b);
	ck_assert_ptr_eq(a.sql, b.sql);
	ck_assert(!strstr(a.sql, "evil") && !strstr(a.sql, "DROP"));
	ck_assert(!strstr(a.sql, "OFFSET"));
	ck_assert_int_eq(a.nparams, 4);
	ck_assert_str_eq(a.params[0], "evil' OR true --");
	ck_assert_str_eq(a.params[3], "7");
	db_request_done(&a);
	db_request_done(&b);
	ck_assert_int_eq(a.nparams, 0);
}
END_TEST

START_TEST(test_districts_first_window)
{
	PGconn *c = testdb_demo();
	struct db_rows rows;
	testdb_fetch(c, DB_LIST_DISTRICTS, DB_WINDOW_FIRST, NULL, "", NULL, 50, &rows);
	ck_assert_uint_eq(rows.count, 3);
	ck_assert_int_eq(rows.ncolumns, 10);
	char *got = testdb_ids(&rows), *want = testdb_ids_of_sql(c, expected_order[DB_LIST_DISTRICTS]);
	ck_assert_str_eq(got, want);
	free(got);
	free(want);
	const struct db_row *hr = testdb_find_row(&rows, "1");
	const char *hr_cells[] = { "HR", "怀柔区", "suburban", "30", "18", "7", "2", "4" };
	for (int i = 0; i < 8; i++)
		ck_assert_str_eq(hr->cells[i], hr_cells[i]);
	ck_assert_uint_eq(hr->flags, DB_ROW_ALERT);
	ck_assert_str_eq(hr->keys[0], "怀柔区");
	const struct db_row *my = testdb_find_row(&rows, "2");
	const char *my_cells[] = { "MY", "密云区", "rural", "5", "2", "2", "1", "1" };
	for (int i = 0; i < 8; i++)
		ck_assert_str_eq(my->cells[i], my_cells[i]);
	db_rows_done(&rows);
	ck_assert_uint_eq(rows.count, 0);

	/* Filling the last vacancy of 密云区 clears its alert. */
	testdb_exec(c, "INSERT INTO iedesk.manager_appointment (school_id, person_id, started_on) VALUES (105, 113, '2026-11-01')");
	testdb_exec(c, "UPDATE iedesk.manager_appointment SET ended_on = '2026-10-31' WHERE id = 36");
	testdb_exec(c, "INSERT INTO iedesk.manager_appointment (school_id, person_id, started_on) VALUES (104, 112, '2026-11-01')");
	testdb_fetch(c, DB_LIST_DISTRICTS, DB_WINDOW_FIRST, NULL, "MY", NULL, 50, &rows);
	ck_assert_uint_eq(rows.count, 1);
	ck_assert_str_eq(rows.rows[0].cells[7], "0");
	ck_assert_uint_eq(rows.rows[0].flags, 0);
	db_rows_done(&rows);
	PQfinish(c);
}
END_TEST

START_TEST(test_schools_of_one_district)
{
	PGconn *c = testdb_demo();
	struct db_rows rows;
	testdb_fetch(c, DB_LIST_SCHOOLS, DB_WINDOW_FIRST, NULL, "", "1", ALL, &rows);
	ck_assert_uint_eq(rows.count, 31);   /* 30 open and the archived one, dim at its place */
	char *got = testdb_ids(&rows), *want = testdb_ids_of_sql(c, expected_order[DB_LIST_SCHOOLS]);
	ck_assert_str_eq(got, want);
	free(got);
	free(want);
	const struct db_row *r = testdb_find_row(&rows, "8");
	ck_assert_str_eq(r->cells[0], "怀柔区特殊教育学校");
	ck_assert_str_eq(r->cells[1], "special");
	ck_assert_str_eq(r->cells[2], "public");
	ck_assert_str_eq(r->cells[3], "urban");
	ck_assert_str_eq(r->cells[4], "-CA");
	ck_assert_str_eq(r->cells[5], "董佳琪");
	ck_assert_uint_eq(r->flags, 0);
	ck_assert_str_eq(testdb_find_row(&rows, "1")->cells[4], "RC-");
	ck_assert_str_eq(testdb_find_row(&rows, "3")->cells[4], "R-A");
	ck_assert_str_eq(testdb_find_row(&rows, "12")->cells[2], "private");
	const char *vacant[] = { "14", "23", "27", "29" };
	for (int i = 0; i < 4; i++) {
		r = testdb_find_row(&rows, vacant[i]);
		ck_assert_str_eq(r->cells[5], "vacant");
		ck_assert_uint_eq(r->flags, DB_ROW_ALERT);
	}
	r = testdb_find_row(&rows, "31");
	ck_assert_str_eq(r->cells[5], "archived");
	ck_assert_uint_eq(r->flags, DB_ROW_DIM);
	long alerts = 0;
	for (size_t i = 0; i < rows.count; i++)
		alerts += rows.rows[i].flags == DB_ROW_ALERT;
	ck_assert_int_eq(alerts, 4);
	db_rows_done(&rows);

	testdb_fetch(c, DB_LIST_SCHOOLS, DB_WINDOW_FIRST, NULL, "", "2", ALL, &rows);
	ck_assert_uint_eq(rows.count, 5);
	for (size_t i = 0; i < rows.count; i++)
		ck_assert_int_ge(atoi(testdb_row_id(&rows, i)), 101);
	ck_assert_uint_eq(testdb_find_row(&rows, "105")->flags, DB_ROW_ALERT);
	db_rows_done(&rows);

	/* No parent, or a district that is gone: an empty list, not an error. */
	testdb_fetch(c, DB_LIST_SCHOOLS, DB_WINDOW_FIRST, NULL, "", NULL, ALL, &rows);
	ck_assert_uint_eq(rows.count, 0);
	db_rows_done(&rows);
	testdb_fetch(c, DB_LIST_SCHOOLS, DB_WINDOW_FIRST, NULL, "", "999", ALL, &rows);
	ck_assert_uint_eq(rows.count, 0);
	db_rows_done(&rows);
	PQfinish(c);
}
END_TEST

START_TEST(test_managers_vacancies_flagged)
{
	PGconn *c = testdb_demo();
	struct db_rows rows;
	testdb_fetch(c, DB_LIST_MANAGERS, DB_WINDOW_FIRST, NULL, "", NULL, ALL, &rows);
	ck_assert_uint_eq(rows.count, 37);   /* every open school of the three districts, no archived one */
	char *got = testdb_ids(&rows), *want = testdb_ids_of_sql(c, expected_order[DB_LIST_MANAGERS]);
	ck_assert_str_eq(got, want);
	free(got);
	free(want);
	/* vacancies dated by the day after the last appointment ended, or never filled */
	struct { const char *id, *since; } vacant[] = {
		{ "14", "2026-07-16" }, { "23", "2026-03-01" }, { "27", "" }, { "29", "" }, { "105", "" },
	};
	for (int i = 0; i < 5; i++) {
		const struct db_row *r = testdb_find_row(&rows, vacant[i].id);
		ck_assert_str_eq(r->cells[2], "vacant");
		ck_assert_str_eq(r->cells[3], vacant[i].since);
		ck_assert_uint_eq(r->flags, DB_ROW_ALERT);
	}
	long alerts = 0;
	for (size_t i = 0; i < rows.count; i++)
		alerts += (rows.rows[i].flags & DB_ROW_ALERT) != 0;
	ck_assert_int_eq(alerts, 7);
	const struct db_row *r = testdb_find_row(&rows, "7");   /* the October turnover */
	ck_assert_str_eq(r->cells[0], "怀柔区第三中学");
	ck_assert_str_eq(r->cells[1], "HR");
	ck_assert_str_eq(r->cells[2], "于鹏");
	ck_assert_str_eq(r->cells[3], "2026-10-26");
	ck_assert_str_eq(r->cells[4], "");   /* the manager's phone, as the export's: 于鹏 has none (not the school's) */
	ck_assert_uint_eq(r->flags, 0);
	ck_assert_str_eq(testdb_find_row(&rows, "101")->cells[1], "MY");
	for (size_t i = 0; i < rows.count; i++)
		ck_assert_str_ne(testdb_row_id(&rows, i), "31");
	db_rows_done(&rows);
	PQfinish(c);
}
END_TEST

START_TEST(test_meetings_newest_first)
{
	PGconn *c = testdb_demo();
	struct db_rows rows;
	testdb_fetch(c, DB_LIST_MEETINGS, DB_WINDOW_FIRST, NULL, "", NULL, 3, &rows);
	char *got = testdb_ids(&rows);
	ck_assert_str_eq(got, "3,2,1");
	free(got);
	const struct db_row *r = &rows.rows[2];
	const char *cells[] = { "2026-09-17", "HR", "conference", "怀柔区融合教育工作推进会", "final", "6", "9" };
	for (int i = 0; i < 7; i++)
		ck_assert_str_eq(r->cells[i], cells[i]);
	ck_assert_uint_eq(r->flags, DB_ROW_ALERT);   /* five of its open action items are past due */
	ck_assert_str_eq(r->keys[0], "2026-09-17");
	r = &rows.rows[0];
	ck_assert_str_eq(r->cells[2], "committee");
	ck_assert_str_eq(r->cells[4], "draft");
	ck_assert_str_eq(r->cells[5], "1");
	ck_assert_str_eq(r->cells[6], "1");
	ck_assert_uint_eq(r->flags, 0);
	ck_assert_str_eq(rows.rows[1].cells[2], "rc group");
	db_rows_done(&rows);

	testdb_fetch(c, DB_LIST_MEETINGS, DB_WINDOW_LAST, NULL, "", NULL, 2, &rows);
	got = testdb_ids(&rows);
	ck_assert_str_eq(got, "1,4");
	free(got);
	ck_assert_str_eq(rows.rows[1].cells[1], "MY");
	ck_assert_str_eq(rows.rows[1].cells[5], "0");
	db_rows_done(&rows);

	/* The clock is injected: on 2026-10-01 nothing of the conference was due yet. */
	testdb_exec(c, "SET iedesk.today = '2026-10-01'");
	testdb_fetch(c, DB_LIST_MEETINGS, DB_WINDOW_FIRST, NULL, "", NULL, 3, &rows);
	ck_assert_uint_eq(rows.rows[2].flags, 0);
	db_rows_done(&rows);
	PQfinish(c);
}
END_TEST

START_TEST(test_inspections_overdue_first)
{
	PGconn *c = testdb_demo();
	struct db_rows rows;
	testdb_fetch(c, DB_LIST_INSPECTIONS, DB_WINDOW_FIRST, NULL, "", NULL, ALL, &rows);
	char *got = testdb_ids(&rows), *want = testdb_ids_of_sql(c, expected_order[DB_LIST_INSPECTIONS]);
	ck_assert_str_eq(got, want);
	free(got);
	free(want);
	/* planned and past their date, oldest first, days counted from the injected today */
	struct { const char *id, *days; } overdue[] = {
		{ "16", "21" }, { "8", "19" }, { "9", "18" }, { "17", "14" }, { "13", "12" }, { "25", "5" },
	};
	for (int i = 0; i < 6; i++) {
		const struct db_row *r = &rows.rows[i];
		ck_assert_str_eq(testdb_row_id(&rows, (size_t)i), overdue[i].id);
		ck_assert_str_eq(r->cells[5], "planned");
		ck_assert_str_eq(r->cells[6], overdue[i].days);
		ck_assert_uint_eq(r->flags, DB_ROW_ALERT);
	}
	const struct db_row *r = &rows.rows[0];
	ck_assert_str_eq(r->cells[0], "琉璃庙镇中心小学");
	ck_assert_str_eq(r->cells[1], "itinerant");
	ck_assert_str_eq(r->cells[2], "2026-11-03");
	ck_assert_str_eq(r->cells[3], "");
	ck_assert_str_eq(r->cells[4], "孙晓东");
	ck_assert_str_eq(r->keys[0], "0");
	ck_assert_str_eq(r->keys[1], "2026-11-03");
	/* planned but not yet due */
	r = &rows.rows[6];
	ck_assert_str_eq(testdb_row_id(&rows, 6), "10");
	ck_assert_str_eq(r->cells[6], "");
	ck_assert_uint_eq(r->flags, 0);
	/* done with an unresolved finding past its due date: days since the oldest such due date */
	ck_assert_str_eq(testdb_find_row(&rows, "3")->cells[6], "55");
	ck_assert_uint_eq(testdb_find_row(&rows, "3")->flags, DB_ROW_ALERT);
	ck_assert_str_eq(testdb_find_row(&rows, "14")->cells[6], "14");
	ck_assert_str_eq(testdb_find_row(&rows, "11")->cells[6], "4");
	ck_assert_str_eq(testdb_find_row(&rows, "7")->cells[6], "");   /* its finding is due in December */
	ck_assert_str_eq(testdb_find_row(&rows, "5")->cells[6], "");   /* its finding was resolved */
	ck_assert_str_eq(testdb_find_row(&rows, "3")->cells[3], "2026-05-21");
	/* closed: dim, and last */
	r = &rows.rows[rows.count - 1];
	ck_assert_str_eq(r->cells[5], "closed");
	ck_assert_uint_eq(r->flags, DB_ROW_DIM);
	ck_assert_str_eq(testdb_find_row(&rows, "2")->cells[6], "");
	db_rows_done(&rows);

	testdb_exec(c, "SET iedesk.today = '2026-12-01'");
	testdb_fetch(c, DB_LIST_INSPECTIONS, DB_WINDOW_FIRST, NULL, "", NULL, 1, &rows);
	ck_assert_str_eq(rows.rows[0].cells[6], "28");
	db_rows_done(&rows);
	PQfinish(c);
}
END_TEST

START_TEST(test_keyset_walks_every_row_once)
{
	PGconn *c = testdb_demo();
	for (int k = 0; k < DB_LIST_COUNT; k++) {
		char *ids = walk(c, k, "", 7);
		char *want = testdb_ids_of_sql(c, expected_order[k]);
		ck_assert_msg(!strcmp(ids, want), "%s: walked %s, want %s", db_list_spec(k)->name, ids, want);
		ck_no_duplicates(k, ids);
		free(want);
		free(ids);
	}
	PQfinish(c);
}
END_TEST

START_TEST(test_from_includes_its_key)
{
	PGconn *c = testdb_demo();
	/* enough rows in every list for a window on each side */
	testdb_exec(c, "INSERT INTO iedesk.district (code, name, locale_class) VALUES"
		" ('YQ', '延庆区', 'rural'), ('PG', '平谷区', 'rural'), ('CP', '昌平区', 'suburban');"
		"INSERT INTO iedesk.meeting (district_id, kind, title, held_on) VALUES"
		" (2, 'other', '例会', '2026-05-12'), (2, 'other', '例会', '2026-05-12'), (1, 'other', '例会', '2025-01-01');"
		"INSERT INTO iedesk.consortium (district_id, code, name, kind) VALUES"
		" (1, 'T-1', '家校共育联盟', 'home-school-alliance'), (1, 'T-2', '家校共育联盟', 'home-school-alliance');"
		"INSERT INTO iedesk.shared_resource (consortium_id, provider_school_id, kind, description) VALUES"
		" (1, 24, 'material', '绘本'), (1, 24, 'material', '绘本');"
		"INSERT INTO iedesk.training (title, held_on, hours) VALUES ('巡回指导', '2026-03-20', 2);"
		"SELECT iedesk.meeting_amend(1, '补充任务');"   /* the conference's minutes are final */
		"INSERT INTO iedesk.action_item (decision_id, text, owner_unit, due_on) VALUES"
		" (1, '补充任务', '区教委', '2026-10-31'), (1, '补充任务', '区教委', '2026-10-31');"
		"INSERT INTO iedesk.inspection (school_id, kind, action_item_id, planned_on) VALUES"
		" (14, 'follow-up', 1, '2026-11-05'), (14, 'follow-up', 1, '2026-11-05'), (14, 'follow-up', 1, '2026-12-01'),"
		" (14, 'follow-up', 1, '2026-10-01'), (14, 'follow-up', 1, '2026-11-30');"
		"INSERT INTO iedesk.finding (inspection_id, severity, text, due_on, resolved_on) VALUES"
		" (3, 'low', '补充', '2026-09-30', NULL), (3, 'low', '补充', NULL, NULL), (3, 'low', '补充', '2026-06-01', '2026-06-02'),"
		" (3, 'low', '补充', '2026-09-30', NULL);"
		/* open items in the new districts too, for the backlog's groups */
		"INSERT INTO iedesk.school (district_id, code, name, stage, sector, locale)"
		" SELECT d.id, 'T-' || d.code, d.name || '中学', 'junior', 'public', 'urban' FROM iedesk.district d"
		" WHERE d.code IN ('YQ', 'PG', 'CP');"
		"INSERT INTO iedesk.inspection (school_id, kind, planned_on)"
		" SELECT s.id, 'supervision', '2026-11-30' FROM iedesk.school s WHERE s.code LIKE 'T-%';"
		/* and the parts of a case: five of each, some on the same day */
		"INSERT INTO iedesk.case_assessment (case_id, kind, assessed_on, assessor)"
		" SELECT 1, 'academic', date '2026-04-15' + g % 2, '评估组' FROM generate_series(1, 3) g;"
		"INSERT INTO iedesk.case_placement (case_id, school_id, placement, started_on)"
		" SELECT 1, 1, 'resource-classroom', date '2026-03-02' + g % 2 FROM generate_series(1, 3) g;"
		"INSERT INTO iedesk.case_session (case_id, held_on, kind, provider, minutes)"
		" SELECT 1, '2026-11-11', 'other', '朱勇', 30 FROM generate_series(1, 2) g;"
		"INSERT INTO iedesk.case_progress (case_id, goal_id, noted_on, rating)"
		" SELECT 1, 1, '2026-11-20', 'on-track' FROM generate_series(1, 3) g;"
		"INSERT INTO iedesk.case_contact (case_id, contacted_on, with_whom, how)"
		" SELECT 1, '2026-11-20', '父亲', 'phone' FROM generate_series(1, 3) g;"
		"INSERT INTO iedesk.case_review (case_id, kind, held_on, outcome)"
		" SELECT 3, 'annual-review', date '2026-05-28' - g % 2, '保持' FROM generate_series(1, 4) g;"
		"INSERT INTO iedesk.case_transfer (case_id, to_school_id, requested_on, status, decided_on)"
		" SELECT 14, 101, date '2026-11-01' - g % 2, 'declined', '2026-11-05' FROM generate_series(1, 4) g;"
		"INSERT INTO iedesk.case_transfer (case_id, to_school_id, requested_on, note)"
		" SELECT c, 101, '2026-11-10', '迁居' FROM unnest(ARRAY[1, 2, 3, 5]) c;"
		/* IEPs: case 3's versions and a draft; the parts of case 8's draft */
		"INSERT INTO iedesk.iep (case_id, number, status, finalised_at) VALUES (3, 3, 'final', now()),"
		" (3, 4, 'final', now());"
		"INSERT INTO iedesk.iep (case_id) VALUES (3);"
		"INSERT INTO iedesk.iep_member (iep_id, role, name) VALUES (11, 'parent', '父亲'), (11, 'therapist', '康复师'),"
		" (11, 'case-worker', '黄琳');"
		"INSERT INTO iedesk.iep_goal (iep_id, area, goal) SELECT 11, 'motor', '目标' || n FROM generate_series(1, 4) n;"
		"INSERT INTO iedesk.iep_objective (goal_id, objective, measure) SELECT 12, '短期目标' || n, '做到'"
		" FROM generate_series(1, 4) n;"
		"INSERT INTO iedesk.iep_accommodation (iep_id, kind, detail) SELECT 11, 'exams', '延长时间' || n"
		" FROM generate_series(1, 4) n;"
		"INSERT INTO iedesk.iep_service (iep_id, kind, provider, sessions_per_week, minutes)"
		" SELECT 11, 'other', '教师' || n, 1, 30 FROM generate_series(1, 5) n;"
		"INSERT INTO iedesk.region (code, name, kind) SELECT 'T' || n, '测试省' || n, 'province' FROM generate_series(1, 3) n;"
		"INSERT INTO iedesk.district (code, name, locale_class, region_id) SELECT 'TD' || n, '测试区' || n, 'urban', 1"
		" FROM generate_series(1, 3) n;"
		"INSERT INTO iedesk.consortium (code, name, kind, lead_partner_id) SELECT 'TA' || n, '测试联盟' || n, 'alliance', 1"
		" FROM generate_series(1, 3) n;"
		/* partner 3 with more schools, one from a day it shares; more parents on HR-HS01's committee */
		"INSERT INTO iedesk.partnership (partner_id, school_id, from_on) SELECT 3, 2 + n,"
		" CASE WHEN n > 1 THEN date '2025-03-01' - n % 3 END FROM generate_series(1, 4) n;"
		"INSERT INTO iedesk.committee_member (consortium_id, person_id, joined_on) SELECT 6, n, '2026-09-01'"
		" FROM generate_series(1, 4) n");
	for (int k = 0; k < DB_LIST_COUNT; k++) {
		/* the backlog by kind and by severity: a handful of fixed values, fewer than a window here */
		if (k == DB_LIST_BACKLOG_BY_KIND || k == DB_LIST_BACKLOG_BY_SEVERITY || k == DB_LIST_BACKLOG_WORST_BY_KIND
				|| k == DB_LIST_BACKLOG_WORST_BY_SEVERITY)
			continue;
		const char *parent = parent_of(k);
		struct db_rows all, from;
		testdb_fetch(c, k, DB_WINDOW_FIRST, NULL, "", parent, ALL, &all);
		ck_assert_uint_ge(all.count, 5);
		size_t at = all.count / 2;
		testdb_fetch(c, k, DB_WINDOW_FROM, all.rows[at].keys, "", parent, 3, &from);
		ck_assert_uint_eq(from.count, 3);
		for (size_t i = 0; i < 3; i++)
			ck_assert_str_eq(testdb_row_id(&from, i), testdb_row_id(&all, at + i));
		db_rows_done(&from);
		/* BEFORE the same key stops just short of it, in display order */
		testdb_fetch(c, k, DB_WINDOW_BEFORE, all.rows[at].keys, "", parent, 2, &from);
		ck_assert_uint_eq(from.count, 2);
		ck_assert_str_eq(testdb_row_id(&from, 0), testdb_row_id(&all, at - 2));
		ck_assert_str_eq(testdb_row_id(&from, 1), testdb_row_id(&all, at - 1));
		db_rows_done(&from);
		/* a keyed window without a key starts at the top */
		testdb_fetch(c, k, DB_WINDOW_AFTER, NULL, "", parent, 1, &from);
		ck_assert_str_eq(testdb_row_id(&from, 0), testdb_row_id(&all, 0));
		db_rows_done(&from);
		db_rows_done(&all);
	}
	PQfinish(c);
}
END_TEST

START_TEST(test_filters)
{
	PGconn *c = testdb_demo();
	/* ASCII, case-insensitively, on the code */
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_DISTRICTS, "hr", NULL), 1);
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_DISTRICTS, "", NULL), 3);
	/* Chinese */
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_DISTRICTS, "怀柔", NULL), 1);
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_SCHOOLS, "中学", "1"),
		testdb_count(c, "SELECT count(*) FROM iedesk.school WHERE district_id = 1 AND strpos(name, '中学') > 0"));
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_SCHOOLS, "中学", "1"), 7);
	/* English names and codes */
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_SCHOOLS, "BEIFANG", "1"), 2);
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_SCHOOLS, "hr-00", "1"), 9);
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_SCHOOLS, "hr-00", "2"), 0);
	/* school or manager name */
	struct db_rows rows;
	testdb_fetch(c, DB_LIST_MANAGERS, DB_WINDOW_FIRST, NULL, "高雅琴", NULL, ALL, &rows);
	ck_assert_uint_eq(rows.count, 1);
	ck_assert_str_eq(testdb_row_id(&rows, 0), "1");
	db_rows_done(&rows);
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_MANAGERS, "密云区", NULL), 3);
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_MEETINGS, "推进", NULL), 2);
	/* school or inspector name */
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_INSPECTIONS, "李秀兰", NULL),
		testdb_count(c, "SELECT count(*) FROM iedesk.inspection WHERE inspector_person_id = 7"));
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_INSPECTIONS, "杨宋镇中学", NULL), 3);

	/* Pinyin (0026): the initials or the full pinyin of a school's, district's or person's name, in any
	 * case; a polyphone by either of its common readings (长哨营 zhang or chang). */
	const char *huairou = "SELECT count(*) FROM iedesk.school WHERE district_id = 1 AND name LIKE '怀柔区%'";
	ck_assert_int_eq(testdb_count(c, huairou), 11);
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_SCHOOLS, "hrq", "1"), testdb_count(c, huairou));
	testdb_fetch(c, DB_LIST_SCHOOLS, DB_WINDOW_FIRST, NULL, "hrq", "1", ALL, &rows);
	for (size_t i = 0; i < rows.count; i++)
		ck_assert_msg(!strncmp(rows.rows[i].cells[0], "怀柔区", strlen("怀柔区")), "hrq found %s", rows.rows[i].cells[0]);
	db_rows_done(&rows);
	/* huairou: the eleven, and the school whose English name says Huairou */
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_SCHOOLS, "huairou", "1"), testdb_count(c, "SELECT count(*)"
		" FROM iedesk.school WHERE district_id = 1 AND (name LIKE '怀柔区%' OR name ILIKE '%huairou%'"
		" OR name_en ILIKE '%huairou%')"));
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_SCHOOLS, "HuaiRouQuDiYi", "1"), 3);
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_DISTRICTS, "hrq", NULL), 1);
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_DISTRICTS, "miyun", NULL), 1);
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_SCHOOLS, "zhangshaoying", "1"), 1);
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_SCHOOLS, "changshaoying", "1"), 1);
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_SCHOOLS, "csy", "1"), 1);
	/* a person: 李秀兰 (li xiu lan) as an inspector, 高雅琴 (gao ya qin) as a manager */
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_INSPECTIONS, "lixiulan", NULL),
		testdb_count(c, "SELECT count(*) FROM iedesk.inspection WHERE inspector_person_id = 7"));
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_INSPECTIONS, "lxl", NULL),
		testdb_count(c, "SELECT count(*) FROM iedesk.inspection WHERE inspector_person_id = 7"));
	testdb_fetch(c, DB_LIST_MANAGERS, DB_WINDOW_FIRST, NULL, "gyq", NULL, ALL, &rows);
	ck_assert_uint_eq(rows.count, 1);
	ck_assert_str_eq(testdb_row_id(&rows, 0), "1");
	db_rows_done(&rows);
	/* the Backlog, whose filter finds its schools and inspectors by their own rows: one school's full
	 * pinyin, and the initials of eleven */
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_BACKLOG, "yangsongzhenzhongxue", NULL), testdb_count(c, "SELECT count(*)"
		" FROM iedesk.backlog b JOIN iedesk.school s ON s.id = b.school_id WHERE s.name = '杨宋镇中学'"));
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_BACKLOG, "hrq", NULL), testdb_count(c, "SELECT count(*)"
		" FROM iedesk.backlog b JOIN iedesk.school s ON s.id = b.school_id WHERE s.name LIKE '怀柔区%'"));
	/* a name's keys follow it */
	testdb_exec(c, "UPDATE iedesk.school SET name = '雁栖湖学校' WHERE id = 1");
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_SCHOOLS, "yanqihu", "1"), 1);
	testdb_exec(c, "UPDATE iedesk.school SET name = '怀柔区第一小学' WHERE id = 1");
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_SCHOOLS, "yanqihu", "1"), 0);

	/* The user's %, _ and \ are characters, not wildcards. */
	testdb_exec(c, "INSERT INTO iedesk.school (district_id, code, name, stage, locale) VALUES"
		" (2, 'T-1', '50% 随班就读', 'primary', 'town'), (2, 'T-2', '500 随班就读', 'primary', 'town'),"
		" (2, 'T-3', 'A_B school', 'primary', 'town'), (2, 'T-4', 'AXB school', 'primary', 'town'),"
		" (2, 'T-5', 'back\\slash', 'primary', 'town'), (2, 'T-6', 'backslash', 'primary', 'town')");
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_SCHOOLS, "50%", "2"), 1);
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_SCHOOLS, "%", "2"), 1);
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_SCHOOLS, "a_b", "2"), 1);
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_SCHOOLS, "_", "2"), 1);
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_SCHOOLS, "k\\s", "2"), 1);
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_SCHOOLS, "\\", "2"), 1);
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_SCHOOLS, "随班就读", "2"), 2);
	testdb_fetch(c, DB_LIST_SCHOOLS, DB_WINDOW_FIRST, NULL, "50%", "2", ALL, &rows);
	ck_assert_str_eq(rows.rows[0].cells[0], "50% 随班就读");
	db_rows_done(&rows);

	/* A filtered list walks by keyset like any other. */
	char *ids = walk(c, DB_LIST_MANAGERS, "中", 2);
	char *want = testdb_ids_of_sql(c, "SELECT s.id FROM iedesk.school s LEFT JOIN iedesk.school_current_manager m"
		" ON m.school_id = s.id WHERE s.archived_at IS NULL AND (strpos(s.name, '中') > 0"
		" OR strpos(m.person_name, '中') > 0) ORDER BY s.name, s.id");
	ck_assert_str_eq(ids, want);
	free(ids);
	free(want);
	PQfinish(c);
}
END_TEST

/* The sections in order of first appearance, "A|B|C"; each must come as one run. */
static char *sections_of(const struct db_detail *d)
{
	char *s = xstrdup("");
	const char *last = NULL;
	for (size_t i = 0; i < d->count; i++) {
		if (last && !strcmp(last, d->lines[i].section))
			continue;
		char *needle = xasprintf("|%s|", d->lines[i].section);
		char *bars = xasprintf("|%s|", s);
		ck_assert_msg(!strstr(bars, needle), "section %s comes twice", d->lines[i].section);
		free(needle);
		free(bars);
		char *t = xasprintf("%s%s%s", s, *s ? "|" : "", d->lines[i].section);
		free(s);
		s = t;
		last = d->lines[i].section;
	}
	return s;
}

START_TEST(test_details)
{
	PGconn *c = testdb_demo();
	struct db_detail d;

	testdb_detail(c, DB_DETAIL_SCHOOL, "1", &d);
	ck_assert_str_eq(d.title, "怀柔区第一小学");
	char *s = sections_of(&d);
	ck_assert_str_eq(s, "School|Manager|Trainings of the manager|Manager history|Consortia|Shared resources|"
		"Inspections|Students with special needs|Student cases (counts only)|Partnerships|Activities|History");
	free(s);
	ck_assert_str_eq(testdb_line_value(&d, "School", "English name", NULL), "Huairou No.1 Primary School");
	ck_assert_str_eq(testdb_line_value(&d, "School", "Resource center", NULL), "yes");
	ck_assert_str_eq(testdb_line_value(&d, "School", "Autism base", NULL), "no");
	ck_assert_str_eq(testdb_line_value(&d, "Manager", "Name", NULL), "高雅琴");
	ck_assert_str_eq(testdb_line_value(&d, "Manager", "Since", NULL), "2022-09-01");
	ck_assert_ptr_nonnull(testdb_line_value(&d, "Manager history", "段欣怡", "2017-09-01 – 2022-08-31"));
	ck_assert_ptr_nonnull(testdb_line_value(&d, "Consortia", "lead", "怀柔区第一小学教育集团"));
	ck_assert_ptr_nonnull(testdb_line_value(&d, "Shared resources", "provides", "teacher: "));
	ck_assert_ptr_nonnull(testdb_line_value(&d, "Shared resources", "receives", "course: "));
	/* its one case's need category is not shown: the count would single the child out (0023) */
	ck_assert_ptr_null(testdb_line_value(&d, "Students with special needs", "autism", NULL));
	ck_assert_str_eq(testdb_line_value(&d, "Students with special needs", "other needs (fewer than 3 each, not named)",
		NULL), "<3");
	ck_assert_ptr_null(testdb_line_value(&d, "School", "Archived", NULL));
	db_detail_done(&d);
	ck_assert_ptr_null(d.title);

	testdb_detail(c, DB_DETAIL_SCHOOL, "14", &d);
	ck_assert_str_eq(testdb_line_value(&d, "Manager", "", NULL), "vacant since 2026-07-16");
	ck_assert_ptr_nonnull(testdb_line_value(&d, "Inspections", "2026-11-05", "follow-up, planned"));
	ck_assert_msg(strstr(testdb_line_value(&d, "Inspections", "2026-11-05", NULL), "19 days overdue"), "no overdue days");
	db_detail_done(&d);

	testdb_detail(c, DB_DETAIL_SCHOOL, "31", &d);
	ck_assert_ptr_nonnull(testdb_line_value(&d, "School", "Archived", NULL));
	ck_assert_ptr_null(testdb_line_value(&d, "Manager", NULL, NULL));
	db_detail_done(&d);

	testdb_detail(c, DB_DETAIL_DISTRICT, "1", &d);
	ck_assert_str_eq(d.title, "怀柔区");
	s = sections_of(&d);
	ck_assert_str_eq(s, "District|Schools|Consortia|Meetings|Inspections|Students with special needs|History");
	free(s);
	ck_assert_str_eq(testdb_line_value(&d, "Schools", "Open", NULL), "30");
	ck_assert_str_eq(testdb_line_value(&d, "Schools", "Archived", NULL), "1");
	ck_assert_str_eq(testdb_line_value(&d, "Schools", "Without a manager", NULL), "4");
	ck_assert_str_eq(testdb_line_value(&d, "Meetings", "Overdue actions", NULL), "5");
	/* its schools' autism cases are one or two each: not named by category (0023) */
	ck_assert_ptr_null(testdb_line_value(&d, "Students with special needs", "autism", NULL));
	ck_assert_ptr_nonnull(testdb_line_value(&d, "Students with special needs",
		"other needs (fewer than 3 each, not named)", "(and <3 at "));
	db_detail_done(&d);

	testdb_detail(c, DB_DETAIL_MEETING, "1", &d);
	ck_assert_str_eq(d.title, "怀柔区融合教育工作推进会");
	s = sections_of(&d);
	ck_assert_str_eq(s, "Meeting|Attendees|Agenda|Decisions|Action items|History");
	free(s);
	ck_assert_str_eq(testdb_line_value(&d, "Meeting", "Chair", NULL), "刘建国");
	ck_assert_str_eq(testdb_line_value(&d, "Attendees", "Total", NULL), "103 people");
	ck_assert_ptr_nonnull(testdb_line_value(&d, "Attendees", "", "区特殊教育中心 — 12"));
	ck_assert_ptr_nonnull(testdb_line_value(&d, "Attendees", "", "王静"));
	ck_assert_ptr_nonnull(testdb_line_value(&d, "Agenda", "1.", "2025—2026学年融合教育工作总结"));
	ck_assert_ptr_nonnull(testdb_line_value(&d, "Agenda", "", "张海燕通报"));
	ck_assert_ptr_nonnull(testdb_line_value(&d, "Decisions", "6.", "区教师发展中心"));
	const char *item = testdb_line_value(&d, "Action items", "overdue", "确定本校融合教育管理人员");
	ck_assert_ptr_nonnull(item);
	ck_assert_msg(strstr(item, "北房镇中学") && strstr(item, "due 2026-10-31") && strstr(item, "24 days overdue"),
		"%s", item);
	ck_assert_ptr_nonnull(testdb_line_value(&d, "Action items", "dropped", "编印"));
	db_detail_done(&d);

	testdb_detail(c, DB_DETAIL_MEETING, "3", &d);   /* a draft without a summary */
	ck_assert_str_eq(testdb_line_value(&d, "Meeting", "Status", NULL), "draft");
	ck_assert_str_eq(testdb_line_value(&d, "Meeting", "Summary", NULL), "");
	db_detail_done(&d);

	testdb_detail(c, DB_DETAIL_INSPECTION, "7", &d);
	ck_assert_str_eq(d.title, "九渡河镇中心小学 — follow-up, 2026-11-16");
	s = sections_of(&d);
	ck_assert_str_eq(s, "Inspection|Checks|Findings|Earlier at this school|History");
	free(s);
	/* lines that name a record link to it, for Enter to open: the school, the meeting, earlier visits */
	char *school = testdb_value(c, "SELECT school_id FROM iedesk.inspection WHERE id = 7");
	char *meeting = testdb_value(c, "SELECT d.meeting_id FROM iedesk.inspection i JOIN iedesk.action_item a"
		" ON a.id = i.action_item_id JOIN iedesk.decision d ON d.id = a.decision_id WHERE i.id = 7");
	char *earlier = testdb_ids_of_sql(c, "SELECT id FROM iedesk.inspection WHERE school_id = (SELECT school_id"
		" FROM iedesk.inspection WHERE id = 7) AND id <> 7 AND planned_on <= '2026-11-16'"
		" ORDER BY planned_on DESC, id DESC");
	char *linked = xstrdup("");
	for (size_t i = 0; i < d.count; i++) {
		const struct db_detail_line *l = &d.lines[i];
		if (!strcmp(l->section, "Inspection") && !strcmp(l->label, "School")) {
			ck_assert_int_eq(l->link_kind, DB_DETAIL_SCHOOL);
			ck_assert_str_eq(l->link_id, school);
		} else if (!strcmp(l->section, "Checks")) {
			ck_assert_int_eq(l->link_kind, DB_DETAIL_MEETING);
			ck_assert_str_eq(l->link_id, meeting);
		} else if (!strcmp(l->section, "Earlier at this school")) {
			ck_assert_int_eq(l->link_kind, DB_DETAIL_INSPECTION);
			char *t = xasprintf("%s%s%s", linked, *linked ? "," : "", l->link_id);
			free(linked);
			linked = t;
		} else {
			ck_assert_ptr_null(l->link_id);
		}
	}
	ck_assert_str_eq(linked, earlier);
	ck_assert_str_ne(linked, "");
	free(linked);
	free(earlier);
	free(meeting);
	free(school);
	ck_assert_str_eq(testdb_line_value(&d, "Checks", "Action item", NULL), "公示资源教室课表，配备专职资源教师");
	ck_assert_ptr_nonnull(testdb_line_value(&d, "Checks", "Decision", "2. 资源教室按课表开放"));
	ck_assert_str_eq(testdb_line_value(&d, "Checks", "Meeting", NULL), "2026-09-17 怀柔区融合教育工作推进会");
	ck_assert_ptr_nonnull(testdb_line_value(&d, "Findings", "medium", "资源教师仍为兼职"));
	db_detail_done(&d);

	testdb_detail(c, DB_DETAIL_INSPECTION, "3", &d);   /* a finding followed up by inspection 11 */
	ck_assert_str_eq(testdb_line_value(&d, "Inspection", "Overdue", NULL), "55 days");
	ck_assert_msg(strstr(testdb_line_value(&d, "Findings", "high", NULL), "55 days overdue"), "finding not overdue");
	ck_assert_ptr_nonnull(testdb_line_value(&d, "Follow-ups", "2026-10-15", "follow-up, done"));
	db_detail_done(&d);

	testdb_detail(c, DB_DETAIL_INSPECTION, "11", &d);
	ck_assert_ptr_nonnull(testdb_line_value(&d, "Checks", "Finding", "high: 5名随班就读学生"));
	db_detail_done(&d);

	testdb_detail(c, DB_DETAIL_INSPECTION, "16", &d);   /* planned: no findings, no checks */
	s = sections_of(&d);
	ck_assert_str_eq(s, "Inspection|History");
	free(s);
	ck_assert_str_eq(testdb_line_value(&d, "Inspection", "Overdue", NULL), "21 days");
	ck_assert_ptr_null(testdb_line_value(&d, "Inspection", "Closed", NULL));
	db_detail_done(&d);
	PQfinish(c);
}
END_TEST

/* Every change is in the audit log (0015) with the login and the whole row before and after; a record's
 * detail shows its latest changes, newest first, naming the columns an update changed. */
START_TEST(test_audit_and_history)
{
	PGconn *c = testdb_demo();
	testdb_exec(c, "UPDATE iedesk.school SET phone = '010-1234 5678', headteacher = '新校长' WHERE id = 1");
	testdb_exec(c, "DELETE FROM iedesk.finding WHERE id = (SELECT min(id) FROM iedesk.finding)");
	ck_assert_int_eq(testdb_count(c, "SELECT count(*) FROM iedesk.audit_log WHERE table_name = 'school'"
		" AND row_id = 1 AND action = 'update' AND login = current_user AND old ->> 'phone' <> '010-1234 5678'"
		" AND new ->> 'phone' = '010-1234 5678' AND new ->> 'headteacher' = '新校长'"), 1);
	ck_assert_int_eq(testdb_count(c, "SELECT count(*) FROM iedesk.audit_log WHERE table_name = 'finding'"
		" AND action = 'delete' AND new IS NULL AND old ->> 'text' <> ''"), 1);
	/* every audited table logged the demo's inserts */
	ck_assert_int_eq(testdb_count(c, "SELECT count(*) FROM iedesk.audit_log WHERE action = 'insert'"
		" AND table_name = 'inspection'"), testdb_count(c, "SELECT count(*) FROM iedesk.inspection"));
	struct db_detail d;
	testdb_detail(c, DB_DETAIL_SCHOOL, "1", &d);
	const char *latest = NULL;
	for (size_t i = 0; i < d.count && !latest; i++)
		if (!strcmp(d.lines[i].section, "History"))
			latest = d.lines[i].value;
	ck_assert_ptr_nonnull(latest);
	ck_assert_msg(strstr(latest, "changed headteacher, phone"), "the newest change first: %s", latest);
	ck_assert_ptr_nonnull(testdb_line_value(&d, "History", NULL, NULL));
	db_detail_done(&d);
	/* a case worker's read of the student cases table is logged as a read, once per case and transaction
	 * however often the case is read in it (0029) */
	char *login = xasprintf("audit_cw_%s", PQdb(c));
	ck_assert_str_eq(testdb_try(c, "SELECT iedesk.account_create($1, 'caseworker', 'HR')", login, NULL), "");
	long school = testdb_count(c, "SELECT school_id FROM iedesk.student_case ORDER BY id LIMIT 1");
	char *sql = xasprintf("SELECT count(*) FROM iedesk.student_case WHERE school_id = %ld", school);
	long cases = testdb_count(c, sql);
	ck_assert_int_gt(cases, 0);
	testdb_exec(c, "BEGIN");
	ck_assert_str_eq(testdb_try(c, "SELECT set_config('role', $1, true)", login, NULL), "");
	ck_assert_int_eq(testdb_count(c, sql), cases);
	ck_assert_int_eq(testdb_count(c, sql), cases);
	testdb_exec(c, "COMMIT");
	ck_assert_int_eq(testdb_count(c, "SELECT count(*) FROM iedesk.audit_log WHERE action = 'read'"
		" AND table_name = 'student_case'"), cases);
	free(sql);
	free(login);
	PQfinish(c);
}
END_TEST

/* Everyone reads the students' cases as counts (0029), under 3 shown "<3": the district list's open cases and
 * reviews overdue, the school's detail by placement, the backlog by school's reviews overdue. */
START_TEST(test_case_counts_shown)
{
	PGconn *c = testdb_demo();
	const struct db_list_spec *spec = db_list_spec(DB_LIST_DISTRICTS);
	struct db_rows rows;
	testdb_fetch(c, DB_LIST_DISTRICTS, DB_WINDOW_FIRST, NULL, "", NULL, 50, &rows);
	const struct db_row *hr = testdb_find_row(&rows, "1"), *my = testdb_find_row(&rows, "2");
	ck_assert_str_eq(db_row_cell(spec, hr, "cases"), "14");
	ck_assert_str_eq(db_row_cell(spec, hr, "reviews_overdue"), "<3");   /* case 5's IEP review */
	ck_assert_str_eq(db_row_cell(spec, my, "cases"), "<3");
	ck_assert_str_eq(db_row_cell(spec, my, "reviews_overdue"), "0");
	db_rows_done(&rows);

	/* school 13 holds case 5 alone, overdue: every count of it "<3", its placement not named */
	struct db_detail d;
	testdb_detail(c, DB_DETAIL_SCHOOL, "13", &d);
	ck_assert_str_eq(testdb_line_value(&d, "Student cases (counts only)", "Open cases", NULL), "<3");
	ck_assert_str_eq(testdb_line_value(&d, "Student cases (counts only)", "Reviews overdue", NULL), "<3");
	ck_assert_str_eq(testdb_line_value(&d, "Student cases (counts only)",
		"other settings (fewer than 3 each, not named)", NULL), "<3");
	ck_assert_ptr_null(testdb_line_value(&d, "Student cases (counts only)", "resource classroom", NULL));
	db_detail_done(&d);
	/* a school without cases has no such section */
	testdb_detail(c, DB_DETAIL_SCHOOL, "2", &d);
	ck_assert_ptr_null(testdb_line_value(&d, "Student cases (counts only)", NULL, NULL));
	db_detail_done(&d);
	/* three in a resource classroom at school 1 are named, in words; its one in a regular class is not */
	testdb_exec(c, "INSERT INTO iedesk.student_case (school_id, code, need_category, placement) VALUES"
		" (1, 'HR-TEST-1', 'autism', 'resource-classroom'), (1, 'HR-TEST-2', 'learning', 'resource-classroom')");
	testdb_detail(c, DB_DETAIL_SCHOOL, "1", &d);
	ck_assert_str_eq(testdb_line_value(&d, "Student cases (counts only)", "Open cases", NULL), "4");
	ck_assert_str_eq(testdb_line_value(&d, "Student cases (counts only)", "resource classroom", NULL), "3");
	ck_assert_str_eq(testdb_line_value(&d, "Student cases (counts only)",
		"other settings (fewer than 3 each, not named)", NULL), "<3");
	ck_assert_str_eq(testdb_line_value(&d, "Student cases (counts only)", "Reviews overdue", NULL), "0");
	db_detail_done(&d);
	testdb_fetch(c, DB_LIST_DISTRICTS, DB_WINDOW_FIRST, NULL, "HR", NULL, 50, &rows);
	ck_assert_str_eq(db_row_cell(spec, testdb_find_row(&rows, "1"), "cases"), "16");
	db_rows_done(&rows);

	/* the backlog by school, by name and worst first: school 13's reviews overdue "<3", none elsewhere */
	const int by_school[] = { DB_LIST_BACKLOG_BY_SCHOOL, DB_LIST_BACKLOG_WORST_BY_SCHOOL };
	for (size_t k = 0; k < sizeof(by_school) / sizeof(by_school[0]); k++) {
		spec = db_list_spec(by_school[k]);
		testdb_fetch(c, by_school[k], DB_WINDOW_FIRST, NULL, "", NULL, 100, &rows);
		ck_assert_uint_gt(rows.count, 1);
		for (size_t i = 0; i < rows.count; i++)
			ck_assert_str_eq(db_row_cell(spec, &rows.rows[i], "reviews_overdue"),
				!strcmp(testdb_row_id(&rows, i), "13") ? "<3" : "");
		ck_assert_ptr_nonnull(testdb_find_row(&rows, "13"));
		db_rows_done(&rows);
	}
	PQfinish(c);
}
END_TEST

START_TEST(test_detail_of_missing_record)
{
	PGconn *c = testdb_demo();
	for (int k = 0; k < DB_DETAIL_COUNT; k++) {
		struct db_request req;
		db_detail_request(k, "999999", &req);
		PGresult *res = testdb_run(c, &req);
		struct db_detail d;
		struct db_error err = { 0 };
		ck_assert(!db_detail_parse(res, &d, &err));
		ck_assert_msg(strstr(err.message, "no longer exists"), "%s", err.message);
		ck_assert_uint_eq(d.count, 0);
		db_detail_done(&d);
		PQclear(res);
		db_request_done(&req);
	}
	/* a result of the wrong shape is an error too, not a crash */
	PGresult *res = PQexec(c, "SELECT 1");
	struct db_rows rows;
	struct db_error err = { 0 };
	ck_assert(!db_rows_parse(DB_LIST_SCHOOLS, DB_WINDOW_FIRST, res, &rows, &err));
	ck_assert_msg(strstr(err.message, "columns"), "%s", err.message);
	PQclear(res);
	PQfinish(c);
}
END_TEST

/* A few thousand rows, names and dates shared by many (so the id decides), in every list. */
static void add_bulk(PGconn *c)
{
	testdb_exec(c,
		"INSERT INTO iedesk.school (district_id, code, name, stage, locale, archived_at)"
		" SELECT 1 + g % 2, 'BULK-' || g, '批量学校' || (g % 500), 'primary', 'village',"
		"  CASE WHEN g % 97 = 0 THEN now() END FROM generate_series(1, 2000) g;"
		"INSERT INTO iedesk.meeting (district_id, kind, title, held_on)"
		" SELECT 1, 'other', '例会' || g, date '2025-01-01' + g % 300 FROM generate_series(1, 2000) g;"
		"INSERT INTO iedesk.inspection (school_id, kind, planned_on, visited_on, status, closed_on)"
		" SELECT 1 + g % 30, 'supervision', date '2026-01-01' + g % 400,"
		"  CASE WHEN g % 3 > 0 THEN date '2026-01-01' + g % 400 END,"
		"  (ARRAY['planned', 'done', 'closed'])[1 + g % 3],"
		"  CASE WHEN g % 3 = 2 THEN date '2026-01-01' + g % 400 END FROM generate_series(1, 2000) g;"
		"INSERT INTO iedesk.district (code, name, locale_class)"
		" SELECT 'BULK' || g, '批量区' || (g % 50), 'rural' FROM generate_series(1, 300) g;"
		"INSERT INTO iedesk.consortium (district_id, code, name, kind, archived_at)"
		" SELECT 1 + g % 2, 'BULK-C' || g, '批量集团' || (g % 300), 'home-school-alliance',"
		"  CASE WHEN g % 89 = 0 THEN now() END FROM generate_series(1, 2000) g;"
		/* a consortium has a few members, a training some attendees: the first ones get a few dozen */
		"INSERT INTO iedesk.consortium_member (consortium_id, school_id, joined_on, left_on)"
		" SELECT CASE WHEN s.id % 40 = 0 THEN 1 ELSE c.id END, s.id, '2020-09-01',"
		"  CASE WHEN s.id % 7 = 0 THEN date '2025-07-01' END"
		" FROM iedesk.school s JOIN iedesk.consortium c ON c.code = 'BULK-C' || (1 + s.id % 700)"
		" WHERE s.code LIKE 'BULK-%';"
		"INSERT INTO iedesk.shared_resource (consortium_id, provider_school_id, kind, description)"
		" SELECT 1 + g % 3, 1 + g % 30, 'course', '批量课程' || (g % 400) FROM generate_series(1, 3000) g;"
		"INSERT INTO iedesk.training (title, held_on, hours)"
		" SELECT '批量培训' || g, date '2024-01-01' + g % 500, 4 FROM generate_series(1, 2000) g;"
		"INSERT INTO iedesk.person (name) SELECT '批量人员' || (g % 300) FROM generate_series(1, 2000) g;"
		"INSERT INTO iedesk.training_attendance (training_id, person_id)"
		" SELECT CASE WHEN p.id % 40 = 0 THEN 1 ELSE t.id END, p.id FROM iedesk.person p"
		" JOIN iedesk.training t ON t.title = '批量培训' || (1 + p.id % 2000) WHERE p.name LIKE '批量人员%';"
		/* meeting 1 gets some of the people and organisations named like them (ties fall to the id), a
		 * long agenda and many decisions; action items share due dates, most under the demo's decisions */
		"SELECT iedesk.meeting_amend(1, '批量数据');"   /* its minutes are final */
		"INSERT INTO iedesk.meeting_attendee (meeting_id, person_id)"
		" SELECT CASE WHEN p.id % 40 = 0 THEN 1 ELSE m.id END, p.id FROM iedesk.person p"
		" JOIN iedesk.meeting m ON m.title = '例会' || (1 + p.id % 2000) WHERE p.name LIKE '批量人员%';"
		"INSERT INTO iedesk.meeting_attendee (meeting_id, organisation, head_count)"
		" SELECT 1, '批量人员' || g, 2 FROM generate_series(1, 60) g;"
		"INSERT INTO iedesk.agenda_item (meeting_id, position, title)"
		" SELECT 1, g, '批量议题' || (g % 50) FROM generate_series(6, 1500) g;"
		"INSERT INTO iedesk.agenda_item (meeting_id, position, title)"
		" SELECT m.id, 1, '批量议题' FROM iedesk.meeting m WHERE m.title LIKE '例会%';"
		"INSERT INTO iedesk.decision (meeting_id, position, text)"
		" SELECT 1, g, '批量决定' || (g % 50) FROM generate_series(7, 1500) g;"
		"INSERT INTO iedesk.decision (meeting_id, position, text)"
		" SELECT m.id, 1, '批量决定' FROM iedesk.meeting m WHERE m.title LIKE '例会%';"
		"INSERT INTO iedesk.action_item (decision_id, text, owner_unit, due_on, status, done_on)"
		" SELECT CASE WHEN g % 10 < 6 THEN 1 + g % 6 ELSE 9 + g % 3000 END, '批量任务' || (g % 100), '批量单位',"
		"  date '2026-01-01' + g % 400, (ARRAY['open', 'in-progress', 'done', 'dropped'])[1 + g % 4],"
		"  CASE WHEN g % 4 = 2 THEN date '2026-01-01' + g % 400 END FROM generate_series(1, 5000) g;"
		/* follow-ups of the action items, a few dozen of the first; findings of the done inspection 3 */
		"INSERT INTO iedesk.inspection (school_id, kind, action_item_id, planned_on)"
		" SELECT 1 + g % 30, 'follow-up', CASE WHEN g % 40 = 0 THEN 1 ELSE 1 + g % 17 END,"
		"  date '2026-06-01' + g % 100 FROM generate_series(1, 2000) g;"
		"INSERT INTO iedesk.finding (inspection_id, severity, text, due_on, resolved_on)"
		" SELECT CASE WHEN g % 40 = 0 THEN 3 ELSE 14 END, 'low', '批量发现' || (g % 50),"
		"  CASE WHEN g % 7 > 0 THEN date '2026-11-01' + g % 60 END,"
		"  CASE WHEN g % 3 = 0 THEN date '2026-11-20' END FROM generate_series(1, 2000) g;"
		/* partnerships of the bulk schools, some of no start date, partner 3 with a few dozen; the bulk
		 * people on the committees of the bulk home-school alliances, HR-HS01's a few dozen */
		"INSERT INTO iedesk.partnership (partner_id, school_id, brings_volunteers, from_on, status)"
		" SELECT CASE WHEN s.id % 40 = 0 THEN 3 ELSE 2 + s.id % 5 END, s.id, s.id % 2 = 0,"
		"  CASE WHEN s.id % 11 > 0 THEN date '2020-01-01' + (s.id % 900)::int END, 'active'"
		" FROM iedesk.school s WHERE s.code LIKE 'BULK-%';"
		"INSERT INTO iedesk.committee_member (consortium_id, person_id, joined_on, left_on)"
		" SELECT CASE WHEN p.id % 40 = 0 THEN 6 ELSE c.id END, p.id, '2024-09-01',"
		"  CASE WHEN p.id % 7 = 0 THEN date '2025-07-01' END"
		" FROM iedesk.person p JOIN iedesk.consortium c ON c.code = 'BULK-C' || (1 + p.id % 2000)"
		" WHERE p.name LIKE '批量人员%';"
		"ANALYZE");
}

START_TEST(test_keyset_walk_at_scale)
{
	PGconn *c = testdb_demo();
	add_bulk(c);
	for (int k = 0; k < DB_LIST_COUNT; k++) {
		char *ids = walk(c, k, "", 7);
		char *want = testdb_ids_of_sql(c, expected_order[k]);
		ck_assert_msg(!strcmp(ids, want), "%s: the walk differs from the list", db_list_spec(k)->name);
		ck_no_duplicates(k, ids);
		free(want);
		free(ids);
	}
	PQfinish(c);
}
END_TEST

/* What 0011's triggers keep row by row, iedesk.backlog_rebuild (0014) makes in one statement. */
START_TEST(test_backlog_rebuild_matches_triggers)
{
	PGconn *c = testdb_demo();
	add_bulk(c);
	const char *rows = "SELECT coalesce(string_agg(format('%s|%s|%s|%s|%s|%s|%s|%s|%s|%s', inspection_id, school_id,"
		" district_id, inspector_person_id, kind, status, planned_on, due_on, severity, open_findings), ','"
		" ORDER BY inspection_id), '') FROM iedesk.backlog";
	char *kept = testdb_value(c, rows);
	ck_assert_int_gt(testdb_count(c, "SELECT count(*) FROM iedesk.backlog"), 2000);
	ck_assert_int_eq(testdb_count(c, "SELECT iedesk.backlog_rebuild()"),
		testdb_count(c, "SELECT count(*) FROM iedesk.inspection WHERE status <> 'closed'"));
	char *rebuilt = testdb_value(c, rows);
	ck_assert_msg(!strcmp(kept, rebuilt), "the rebuilt backlog differs from the one the triggers kept");
	free(rebuilt);
	free(kept);
	PQfinish(c);
}
END_TEST

/* 0017's tally against a count of the backlog as it stands: the rows that differ, none when it is right. */
#define TALLY_MISMATCHES \
	"WITH r AS (SELECT g.dimension, g.grp, b.due_on, count(*) AS n," \
	" count(*) FILTER (WHERE b.status = 'planned') AS planned," \
	" count(*) FILTER (WHERE b.status = 'done' AND b.open_findings > 0) AS findings," \
	" count(*) FILTER (WHERE b.status = 'done' AND b.open_findings = 0) AS to_close," \
	" count(*) FILTER (WHERE b.severity = 'high') AS high FROM iedesk.backlog b" \
	" CROSS JOIN LATERAL (SELECT * FROM (VALUES ('all', ''), ('district', b.district_id::text)," \
	" ('inspector', coalesce(b.inspector_person_id::text, '')), ('kind', b.kind), ('severity', b.severity))" \
	" v(dimension, grp) UNION ALL SELECT 'region', up.id::text FROM iedesk.district rd" \
	" JOIN iedesk.region own ON own.id = rd.region_id JOIN iedesk.region up ON up.path OPERATOR(iedesk.@>) own.path" \
	" WHERE rd.id = b.district_id) g(dimension, grp) GROUP BY 1, 2, 3)" \
	" SELECT count(*) FROM r FULL JOIN iedesk.backlog_tally t USING (dimension, grp, due_on)" \
	" WHERE (r.n, r.planned, r.findings, r.to_close, r.high) IS DISTINCT FROM (t.n, t.planned, t.findings," \
	" t.to_close, t.high)"

/* Every kind of change to inspections, findings and schools, by one row and by many, leaves the tally
 * equal to a count of the backlog. */
START_TEST(test_backlog_tally_follows_changes)
{
	static const char *const changes[] = {
		/* new inspections, one and many */
		"INSERT INTO iedesk.inspection (school_id, kind, planned_on) VALUES (2, 'supervision', '2026-12-01')",
		"INSERT INTO iedesk.inspection (school_id, kind, planned_on, inspector_person_id)"
		" SELECT 1 + g % 20, 'itinerant-guidance', date '2026-10-01' + g % 90, 7 FROM generate_series(1, 300) g",
		/* another inspector, another date */
		"UPDATE iedesk.inspection SET inspector_person_id = 8 WHERE id IN (SELECT id FROM iedesk.inspection"
		" WHERE status = 'planned' ORDER BY id LIMIT 100)",
		"UPDATE iedesk.inspection SET planned_on = planned_on + 3 WHERE id IN (SELECT id FROM iedesk.inspection"
		" WHERE status = 'planned' ORDER BY id DESC LIMIT 50)",
		/* findings made worse, resolved */
		"UPDATE iedesk.finding SET severity = 'high' WHERE id IN (SELECT id FROM iedesk.finding"
		" WHERE resolved_on IS NULL ORDER BY id LIMIT 40)",
		"UPDATE iedesk.finding SET resolved_on = iedesk.today() WHERE id IN (SELECT id FROM iedesk.finding"
		" WHERE resolved_on IS NULL ORDER BY id DESC LIMIT 500)",
		/* closed: leaves the backlog */
		"UPDATE iedesk.inspection i SET status = 'closed', closed_on = greatest(i.visited_on, iedesk.today())"
		" WHERE i.status = 'done'"
		" AND NOT EXISTS (SELECT 1 FROM iedesk.finding f WHERE f.inspection_id = i.id AND f.resolved_on IS NULL)",
		/* a school moves district with its open items */
		"UPDATE iedesk.school SET district_id = 2 WHERE id = 1",
		/* a district moves region, a city province (0031's tally by region) */
		"UPDATE iedesk.district SET region_id = 3 WHERE id = 2",
		"UPDATE iedesk.region SET parent_id = 1 WHERE id = 3",
		/* deleted */
		"DELETE FROM iedesk.inspection WHERE id IN (SELECT i.id FROM iedesk.inspection i WHERE i.status = 'planned'"
		" AND NOT EXISTS (SELECT 1 FROM iedesk.finding f WHERE f.inspection_id = i.id) ORDER BY i.id LIMIT 30)",
		/* several statements in one transaction */
		"BEGIN; UPDATE iedesk.inspection SET planned_on = planned_on - 1 WHERE id IN (SELECT id FROM"
		" iedesk.inspection WHERE status = 'planned' ORDER BY id LIMIT 10);"
		" UPDATE iedesk.inspection SET inspector_person_id = NULL WHERE id IN (SELECT id FROM iedesk.inspection"
		" WHERE status = 'planned' ORDER BY id LIMIT 5); COMMIT",
		/* rebuilt whole: the same */
		"SELECT iedesk.backlog_rebuild()",
	};
	PGconn *c = testdb_demo();
	add_bulk(c);
	ck_assert_int_gt(testdb_count(c, "SELECT count(*) FROM iedesk.backlog_tally"), 10);
	ck_assert_int_eq(testdb_count(c, TALLY_MISMATCHES), 0);
	for (size_t i = 0; i < sizeof(changes) / sizeof(changes[0]); i++) {
		PGresult *res = PQexec(c, changes[i]);
		ck_assert_msg(PQresultStatus(res) == PGRES_COMMAND_OK || PQresultStatus(res) == PGRES_TUPLES_OK,
			"%s: %s", changes[i], PQresultErrorMessage(res));
		PQclear(res);
		ck_assert_msg(testdb_count(c, TALLY_MISMATCHES) == 0, "the tally is wrong after %s", changes[i]);
	}
	/* nothing left at zero */
	ck_assert_int_eq(testdb_count(c, "SELECT count(*) FROM iedesk.backlog_tally WHERE n = 0"), 0);
	PQfinish(c);
}
END_TEST

/* A list's counts line as the program asks for it; its SQL is checked by want_in_sql, when given. */
static void summary_of(PGconn *c, enum db_list_kind kind, const char *filter, const char *parent,
		const char *want_in_sql, char *got, size_t size)
{
	struct db_request req;
	db_list_summary_request(kind, filter, parent, &req);
	ck_assert_msg(!want_in_sql || strstr(req.sql, want_in_sql), "%s: no %s in its counts",
		db_list_spec(kind)->name, want_in_sql);
	PGresult *res = testdb_run(c, &req);
	struct db_error err;
	ck_assert_msg(db_list_summary_parse(res, got, size, &err), "%s", err.message);
	PQclear(res);
	db_request_done(&req);
}

/* The counts line, from the tally when there is no filter, says what counting the rows says. */
START_TEST(test_backlog_summaries_from_the_tally)
{
	static const struct {
		enum db_list_kind kind;
		const char *parent;
		const char *rows;    /* the rows it counts */
	} lists[] = {
		{ DB_LIST_BACKLOG, NULL, "true" },
		{ DB_LIST_BACKLOG_OF_DISTRICT, "1", "b.district_id = 1" },
		{ DB_LIST_BACKLOG_OF_SCHOOL, "14", "b.school_id = 14" },
		{ DB_LIST_BACKLOG_OF_INSPECTOR, "7", "b.inspector_person_id = 7" },
		{ DB_LIST_BACKLOG_OF_KIND, "follow-up", "b.kind = 'follow-up'" },
		{ DB_LIST_BACKLOG_OF_SEVERITY, "none", "b.severity = 'none'" },
	};
	PGconn *c = testdb_demo();
	add_bulk(c);
	testdb_exec(c, "UPDATE iedesk.finding SET severity = 'high' WHERE id IN (SELECT id FROM iedesk.finding"
		" WHERE resolved_on IS NULL ORDER BY id LIMIT 40)");
	for (size_t i = 0; i < sizeof(lists) / sizeof(lists[0]); i++) {
		char got[1024];
		summary_of(c, lists[i].kind, "", lists[i].parent,
			lists[i].kind == DB_LIST_BACKLOG_OF_SCHOOL ? NULL : "backlog_tally", got, sizeof(got));
		char *sql = xasprintf("SELECT concat(count(*), ' open · ', count(*) FILTER (WHERE b.due_on < iedesk.today()),"
			" ' overdue', CASE WHEN min(b.due_on) < iedesk.today() THEN ' (oldest ' || (iedesk.today() -"
			" min(b.due_on)) || ' days)' END, ' · ', count(*) FILTER (WHERE b.status = 'planned'), ' to visit · ',"
			" count(*) FILTER (WHERE b.status = 'done' AND b.open_findings > 0), ' with findings open · ',"
			" count(*) FILTER (WHERE b.status = 'done' AND b.open_findings = 0), ' to close · ',"
			" count(*) FILTER (WHERE b.severity = 'high'), ' high') FROM iedesk.backlog b WHERE %s", lists[i].rows);
		char *want = testdb_value(c, sql);
		ck_assert_msg(strstr(want, " 0 open") == NULL && strncmp(want, "0 open", 6), "%s: nothing to count",
			db_list_spec(lists[i].kind)->name);
		ck_assert_msg(!strcmp(got, want), "%s: %s, counted %s", db_list_spec(lists[i].kind)->name, got, want);
		free(want);
		free(sql);
	}
	/* filtered: the rows the filter matches, by school or inspector name */
	char got[1024];
	summary_of(c, DB_LIST_BACKLOG, "中学", NULL, NULL, got, sizeof(got));
	long open = testdb_count(c, "SELECT count(*) FROM iedesk.backlog b JOIN iedesk.school s ON s.id = b.school_id"
		" LEFT JOIN iedesk.person p ON p.id = b.inspector_person_id WHERE s.name LIKE '%中学%' OR p.name LIKE '%中学%'");
	ck_assert_int_gt(open, 0);
	ck_assert_int_eq(atol(got), open);
	PQfinish(c);
}
END_TEST

/* Whether a plan sorts rows: a Sort over a Result whose one-time filter is false sorts nothing (the narrow
 * way of a filtered backlog, planned but not run when there is no filter). */
static bool sorts_rows(const char *plan)
{
	static const char sort[] = "\"Node Type\": \"Sort\"", result[] = "\"Node Type\": \"Result\"";
	for (const char *p = strstr(plan, sort); p; p = strstr(p + 1, sort)) {
		const char *next = strstr(p + 1, "\"Node Type\"");
		if (next && !strncmp(next, result, sizeof(result) - 1)) {
			const char *never = strstr(next, "\"One-Time Filter\": \"false\"");
			const char *after = strstr(next + 1, "\"Node Type\"");
			if (never && (!after || never < after))
				continue;
		}
		return true;
	}
	return false;
}

START_TEST(test_windows_walk_an_index)
{
	static const char *const index_of[DB_LIST_COUNT] = {
		[DB_LIST_DISTRICTS] = "district_name_idx",
		[DB_LIST_SCHOOLS] = "school_district_name_idx",
		[DB_LIST_MANAGERS] = "school_name_idx",
		[DB_LIST_MEETINGS] = "meeting_held_on_idx",
		[DB_LIST_INSPECTIONS] = "inspection_rank_planned_idx",
		[DB_LIST_CONSORTIA] = "consortium_district_name_idx",
		[DB_LIST_SHARED_RESOURCES] = "shared_resource_consortium_description_idx",
		[DB_LIST_TRAININGS] = "training_held_on_idx",
		/* an alliance's thousands of members, by the school's name kept on the member row (0031) */
		[DB_LIST_CONSORTIUM_MEMBERS] = "consortium_member_name_idx",
		/* sorted by a joined name, so only their parent's rows are sorted: they must be found by
		 * the parent's index, never by scanning the table */
		[DB_LIST_TRAINING_ATTENDEES] = "training_attendance_training_id_person_id_key",
		[DB_LIST_MEETING_ATTENDEES] = "meeting_attendee_meeting_id_person_id_key",
		[DB_LIST_AGENDA_ITEMS] = "agenda_item_meeting_position_idx",
		[DB_LIST_DECISIONS] = "decision_meeting_position_idx",
		[DB_LIST_ACTION_ITEMS] = "action_item_due_on_idx",
		[DB_LIST_DECISION_ACTION_ITEMS] = "action_item_decision_due_idx",
		[DB_LIST_ACTION_ITEM_INSPECTIONS] = "inspection_action_item_planned_idx",
		[DB_LIST_FINDINGS] = "finding_inspection_order_idx",
		[DB_LIST_BACKLOG] = "backlog_due_idx",
		[DB_LIST_BACKLOG_OF_DISTRICT] = "backlog_district_idx",
		[DB_LIST_BACKLOG_OF_SCHOOL] = "backlog_school_idx",
		[DB_LIST_BACKLOG_OF_INSPECTOR] = "backlog_inspector_idx",
		[DB_LIST_BACKLOG_OF_KIND] = "backlog_kind_idx",
		[DB_LIST_BACKLOG_OF_SEVERITY] = "backlog_severity_idx",
		[DB_LIST_BACKLOG_BY_DISTRICT] = "district_name_idx",
		[DB_LIST_BACKLOG_BY_SCHOOL] = "school_name_idx",
		[DB_LIST_BACKLOG_BY_INSPECTOR] = "person_name_idx",
		[DB_LIST_UNVERIFIED] = "action_item_due_on_idx",
		[DB_LIST_REPORT_DISTRICTS] = "district_name_idx",
		[DB_LIST_REPORT_SCHOOLS] = "school_district_name_idx",
		[DB_LIST_REGIONS] = "region_path_text_idx",
		[DB_LIST_ALLIANCES] = "consortium_alliance_name_idx",
		[DB_LIST_PARTNERS] = "partner_name_idx",
		[DB_LIST_ACTIVITIES] = "activity_held_idx",
		[DB_LIST_PARTNERSHIPS] = "partnership_partner_idx",
		[DB_LIST_COMMITTEE_MEMBERS] = "committee_member_consortium_id_person_id_key",
		/* a region's districts: its subtree's (a province's few hundred at most), sorted by name */
	};
	/* the lists allowed a Sort of their parent's rows */
	static const bool sorts_parent_rows[DB_LIST_COUNT] = {
		[DB_LIST_TRAINING_ATTENDEES] = true,
		[DB_LIST_MEETING_ATTENDEES] = true,
		[DB_LIST_COMMITTEE_MEMBERS] = true,
	};
	PGconn *c = testdb_demo();
	add_bulk(c);
	/* With the alternatives priced out, a plan without a Sort that scans the index proves the index
	 * serves the window's condition and order, so it stays a range scan whatever the table's size. */
	testdb_exec(c, "SET enable_seqscan = off; SET enable_bitmapscan = off");
	for (int k = 0; k < DB_LIST_COUNT; k++) {
		if (!index_of[k])
			continue;   /* manager gaps: a view sorted whole, bounded by the schools (test_export.c); the
			             * backlog by kind and by severity: a handful of fixed values */
		testdb_exec(c, sorts_parent_rows[k] ? "SET enable_sort = on" : "SET enable_sort = off");
		struct db_rows rows;
		testdb_fetch(c, k, DB_WINDOW_FIRST, NULL, "", parent_of(k), 20, &rows);
		ck_assert_msg(rows.count >= 2, "%s: too few rows for a keyed window", db_list_spec(k)->name);
		for (int w = DB_WINDOW_AFTER; w <= DB_WINDOW_FROM; w++) {
			struct db_request req;
			db_list_request(k, w, rows.rows[rows.count > 10 ? 10 : rows.count / 2].keys, "", parent_of(k), 20,
				&req);
			char *sql = xasprintf("EXPLAIN (FORMAT JSON) %s", req.sql);
			PGresult *res = PQexecParams(c, sql, req.nparams, NULL, (const char *const *)req.params,
				NULL, NULL, 0);
			ck_assert_msg(PQresultStatus(res) == PGRES_TUPLES_OK, "%s", PQresultErrorMessage(res));
			const char *plan = PQgetvalue(res, 0, 0);
			char *want = xasprintf("\"Index Name\": \"%s\"", index_of[k]);
			bool walks = strstr(plan, want), sorts = sorts_rows(plan);
			if (!walks || (sorts && !sorts_parent_rows[k]))
				fprintf(stderr, "%s\n", plan);
			ck_assert_msg(walks, "%s window %d does not walk %s", db_list_spec(k)->name, w, index_of[k]);
			/* the order comes from the index: nothing sorts the table */
			ck_assert_msg(!sorts || sorts_parent_rows[k], "%s window %d sorts", db_list_spec(k)->name, w);
			free(want);
			free(sql);
			PQclear(res);
			db_request_done(&req);
		}
		db_rows_done(&rows);
	}
	PQfinish(c);
}
END_TEST

/* A kind no list has is a bug, never quietly another list. */
/* ---- a case worker's IEPs (0029): read through row-level security, final ones fixed, versions numbered ---- */

/* Connected as a new case worker of 怀柔区, on the tests' day. */
static PGconn *caseworker_of(PGconn *owner, const char *prefix)
{
	char *login = xasprintf("%s_%s", prefix, PQdb(owner));
	ck_assert_str_eq(testdb_try(owner, "SELECT iedesk.account_create($1, 'caseworker', 'HR')", login, NULL), "");
	const char *keywords[] = { "dbname", "user", NULL };
	const char *values[] = { PQdb(owner), login, NULL };
	PGconn *conn = PQconnectdbParams(keywords, values, 0);
	ck_assert_msg(PQstatus(conn) == CONNECTION_OK, "%s", PQerrorMessage(conn));
	PQsetNoticeProcessor(conn, NULL, NULL);
	testdb_exec(conn, "SET iedesk.today = '" TESTDB_TODAY "'");
	free(login);
	return conn;
}

/* What the request answered: "" when it succeeded, else the sentence db_error_explain makes of it. */
static char *refusal_of(PGconn *conn, struct db_request *req)
{
	PGresult *res = testdb_run(conn, req);
	db_request_done(req);
	char *said = xstrdup("");
	if (PQresultStatus(res) != PGRES_TUPLES_OK && PQresultStatus(res) != PGRES_COMMAND_OK) {
		struct db_error err = { 0 };
		db_error_explain(&err, res);
		free(said);
		said = xstrdup(err.message);
	}
	PQclear(res);
	return said;
}

static void ck_refused(PGconn *conn, struct db_request *req, const char *sentence)
{
	char *said = refusal_of(conn, req);
	ck_assert_msg(!strcmp(said, sentence), "said \"%s\", want \"%s\"", said, sentence);
	free(said);
}

/* The first cell of a request's one row. */
static char *answer_of(PGconn *conn, struct db_request *req)
{
	PGresult *res = testdb_run(conn, req);
	db_request_done(req);
	ck_assert_msg(PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1, "%s", PQresultErrorMessage(res));
	char *value = xstrdup(PQgetvalue(res, 0, 0));
	PQclear(res);
	return value;
}

/* A record of kind with its fields set from values (NULL-terminated pairs of column and value), saved. */
static void record_set(struct db_record *rec, const char *column, const char *value)
{
	const struct db_record_def *def = db_record_def(rec->kind);
	for (int i = 0; i < def->nfields; i++)
		if (!strcmp(def->fields[i].column, column)) {
			free(rec->values[i]);
			rec->values[i] = value ? xstrdup(value) : NULL;
			return;
		}
	ck_abort_msg("the %s record has no field %s", def->name, column);
}

START_TEST(test_ieps_of_a_case_worker)
{
	PGconn *owner = testdb_demo();
	PGconn *c = caseworker_of(owner, "ciep");
	struct db_rows rows;
	struct db_request req;
	struct db_record rec;

	/* a case's IEPs newest first: the draft, then the versions by number; a replaced version is dim */
	testdb_fetch(c, DB_LIST_CASE_IEPS, DB_WINDOW_FIRST, NULL, "", "3", 20, &rows);
	char *ids = testdb_ids(&rows);
	ck_assert_str_eq(ids, "3,2");
	free(ids);
	testdb_check_cells(&rows.rows[0], (const char *const[]){ "IEP 2", "final", "2026-09-01", "2027-07-15",
		"2026-11-30", "given" }, 6);
	ck_assert_uint_eq(rows.rows[0].flags, 0);
	ck_assert_uint_eq(rows.rows[1].flags, DB_ROW_DIM);
	db_rows_done(&rows);
	testdb_fetch(c, DB_LIST_CASE_IEPS, DB_WINDOW_FIRST, NULL, "", "8", 20, &rows);
	ck_assert_uint_eq(rows.count, 1);
	testdb_check_cells(&rows.rows[0], (const char *const[]){ "draft", "draft", "2026-12-01", "2027-07-15",
		"2027-03-15", "not asked" }, 6);
	db_rows_done(&rows);
	/* IEP 5 of case 5: its review (2026-11-15) is past */
	testdb_fetch(c, DB_LIST_CASE_IEPS, DB_WINDOW_FIRST, NULL, "", "5", 20, &rows);
	ck_assert_uint_eq(testdb_find_row(&rows, "5")->flags, DB_ROW_ALERT);
	db_rows_done(&rows);

	/* IEP 1's parts, dim: it is final */
	testdb_fetch(c, DB_LIST_IEP_MEMBERS, DB_WINDOW_FIRST, NULL, "", "1", 20, &rows);
	ck_assert_uint_eq(rows.count, 5);
	testdb_check_cells(&rows.rows[0], (const char *const[]){ "case worker", "张海燕" }, 2);
	testdb_check_cells(&rows.rows[4], (const char *const[]){ "itinerant teacher", "区特殊教育中心巡回指导教师" }, 2);
	ck_assert_uint_eq(rows.rows[0].flags, DB_ROW_DIM);
	db_rows_done(&rows);
	testdb_fetch(c, DB_LIST_IEP_GOALS, DB_WINDOW_FIRST, NULL, "", "1", 20, &rows);
	testdb_check_cells(&rows.rows[0], (const char *const[]){ "communication", "能在课堂上用完整句子向老师提出请求", "2" }, 3);
	testdb_check_cells(&rows.rows[1], (const char *const[]){ "social", "能与同伴轮流进行游戏", "1" }, 3);
	db_rows_done(&rows);
	testdb_fetch(c, DB_LIST_IEP_OBJECTIVES, DB_WINDOW_FIRST, NULL, "", "1", 20, &rows);
	testdb_check_cells(&rows.rows[0], (const char *const[]){ "用“我想要……”句式提出请求", "连续两周每天至少3次，无需提示",
		"2026-12-31" }, 3);
	ck_assert_uint_eq(rows.rows[0].flags, DB_ROW_DIM);
	db_rows_done(&rows);
	testdb_fetch(c, DB_LIST_IEP_ACCOMMODATIONS, DB_WINDOW_FIRST, NULL, "", "1", 20, &rows);
	testdb_check_cells(&rows.rows[1], (const char *const[]){ "exams", "单独考场，延长时间20分钟" }, 2);
	db_rows_done(&rows);
	testdb_fetch(c, DB_LIST_IEP_SERVICES, DB_WINDOW_FIRST, NULL, "", "1", 20, &rows);
	ck_assert_uint_eq(rows.count, 3);
	testdb_check_cells(&rows.rows[0], (const char *const[]){ "resource classroom", "朱勇", "4", "40" }, 4);
	db_rows_done(&rows);
	/* the draft's are not */
	testdb_fetch(c, DB_LIST_IEP_GOALS, DB_WINDOW_FIRST, NULL, "", "11", 20, &rows);
	ck_assert_uint_eq(rows.count, 1);
	ck_assert_uint_eq(rows.rows[0].flags, 0);
	db_rows_done(&rows);
	/* every read of them is the case's, in the audit log */
	ck_assert_int_ge(testdb_count(owner, "SELECT count(*) FROM iedesk.audit_log WHERE action = 'read'"
		" AND table_name = 'student_case' AND row_id = 1"), 1);

	/* a final IEP's parts are not changed, added or removed; nor is the IEP, but for its consent */
	const char *final_part = "that IEP is final: revise it to make the next version";
	char *member_id = testdb_value(owner, "SELECT min(id) FROM iedesk.iep_member WHERE iep_id = 1");
	db_removal_request(DB_REMOVE_DELETE_IEP_MEMBER, member_id, &req);
	ck_refused(c, &req, final_part);
	free(member_id);
	char *goal = testdb_value(owner, "SELECT min(id) FROM iedesk.iep_goal WHERE iep_id = 1");
	db_removal_request(DB_REMOVE_DELETE_IEP_GOAL, goal, &req);
	ck_refused(c, &req, final_part);
	char *objective = testdb_value(owner, "SELECT min(id) FROM iedesk.iep_objective WHERE goal_id = 1");
	db_removal_request(DB_REMOVE_DELETE_IEP_OBJECTIVE, objective, &req);
	ck_refused(c, &req, final_part);
	db_record_init(&rec, DB_RECORD_IEP_SERVICE);
	record_set(&rec, "iep_id", "1");
	record_set(&rec, "provider", "朱勇");
	db_record_save_request(&rec, &req);
	db_record_done(&rec);
	ck_refused(c, &req, final_part);
	char *version = testdb_value(owner, "SELECT version FROM iedesk.iep WHERE id = 1");
	db_record_load_request(DB_RECORD_IEP, "1", &req);
	PGresult *res = testdb_run(c, &req);
	db_request_done(&req);
	struct db_error err = { 0 };
	ck_assert_msg(db_record_parse(DB_RECORD_IEP, res, &rec, &err), "%s", err.message);
	PQclear(res);
	ck_assert_str_eq(rec.lookup_names[0], "HR-2026-0001");
	record_set(&rec, "review_on", "2027-02-01");
	db_record_save_request(&rec, &req);
	db_record_done(&rec);
	ck_refused(c, &req, "IEP 1 is final: revise it to make the next version");
	db_record_load_request(DB_RECORD_IEP_CONSENT, "1", &req);
	res = testdb_run(c, &req);
	db_request_done(&req);
	ck_assert(db_record_parse(DB_RECORD_IEP_CONSENT, res, &rec, &err));
	PQclear(res);
	ck_assert_str_eq(rec.version, version);
	record_set(&rec, "consent", "refused");
	record_set(&rec, "consent_on", NULL);
	db_record_save_request(&rec, &req);
	ck_refused(c, &req, "consent given or refused needs the date it was given or refused");
	record_set(&rec, "consent_on", "2026-11-20");
	db_record_save_request(&rec, &req);
	db_record_done(&rec);
	ck_refused(c, &req, "");
	ck_assert_int_eq(testdb_count(owner, "SELECT count(*) FROM iedesk.iep WHERE id = 1 AND consent = 'refused'"
		" AND consent_on = '2026-11-20' AND review_on = '2027-01-15'"), 1);
	db_removal_request(DB_REMOVE_DELETE_IEP, "1", &req);
	ck_refused(c, &req, "IEP 1 is final: it stays on record");

	/* finalising numbers the versions: case 8's draft becomes its version 1 */
	db_iep_state_request("11", &req);
	res = testdb_run(c, &req);
	db_request_done(&req);
	struct db_iep_state state;
	ck_assert(db_iep_state_parse(res, &state, &err));
	PQclear(res);
	ck_assert_str_eq(state.code, "HR-2026-0008");
	ck_assert_str_eq(state.status, "draft");
	ck_assert_ptr_null(state.number);
	ck_assert_str_eq(state.next_number, "1");
	db_iep_finalise_request("11", "999", &req);
	ck_refused(c, &req, "the IEP was changed by someone else since you opened it");
	db_iep_finalise_request("11", state.version, &req);
	char *number = answer_of(c, &req);
	ck_assert_str_eq(number, "1");
	free(number);
	db_iep_state_done(&state);
	db_iep_finalise_request("11", "1", &req);
	ck_refused(c, &req, "IEP 1 is already final");
	ck_assert_int_eq(testdb_count(owner, "SELECT count(*) FROM iedesk.student_case WHERE id = 8"
		" AND iep_review_due = '2027-03-15'"), 1);
	/* revised, it is the case's draft, a copy of it; a second draft is refused */
	db_iep_revise_request("11", &req);
	char *draft = answer_of(c, &req);
	ck_assert_int_eq(testdb_count(owner, "SELECT count(*) FROM iedesk.iep_goal g JOIN iedesk.iep_objective o"
		" ON o.goal_id = g.id WHERE g.iep_id = (SELECT max(id) FROM iedesk.iep WHERE case_id = 8)"), 1);
	db_iep_revise_request("11", &req);
	ck_refused(c, &req, "this case already has a draft IEP: finish that one");
	db_record_init(&rec, DB_RECORD_IEP);
	record_set(&rec, "case_id", "8");
	db_record_save_request(&rec, &req);
	db_record_done(&rec);
	ck_refused(c, &req, "this case already has a draft IEP: finish that one");
	db_iep_revise_request(draft, &req);
	ck_refused(c, &req, "only a final IEP is revised: this draft is still open to change");
	db_iep_finalise_request(draft, "1", &req);
	number = answer_of(c, &req);
	ck_assert_str_eq(number, "2");
	free(number);
	testdb_fetch(c, DB_LIST_CASE_IEPS, DB_WINDOW_FIRST, NULL, "", "8", 20, &rows);
	ids = testdb_ids(&rows);
	char *want = xasprintf("%s,11", draft);
	ck_assert_str_eq(ids, want);
	free(want);
	free(ids);
	ck_assert_str_eq(rows.rows[0].cells[0], "IEP 2");
	ck_assert_uint_eq(rows.rows[1].flags, DB_ROW_DIM);
	db_rows_done(&rows);

	/* an incomplete draft is refused, each time with what it lacks, and nothing changes */
	db_record_init(&rec, DB_RECORD_IEP);
	record_set(&rec, "case_id", "1");
	db_record_save_request(&rec, &req);
	db_record_done(&rec);
	char *blank = answer_of(c, &req);
	db_iep_finalise_request(blank, "1", &req);
	ck_refused(c, &req, "an IEP needs its start, end and review dates before it is final");
	char *dated = xasprintf("UPDATE iedesk.iep SET starts_on = '2027-01-01', ends_on = '2027-07-15',"
		" review_on = '2027-04-01' WHERE id = %s", blank);
	testdb_exec(c, dated);
	free(dated);
	db_iep_finalise_request(blank, "2", &req);
	ck_refused(c, &req, "an IEP needs its team before it is final");
	char *member = xasprintf("INSERT INTO iedesk.iep_member (iep_id, role, name) VALUES (%s, 'parent', '家长')", blank);
	testdb_exec(c, member);
	free(member);
	db_iep_finalise_request(blank, "2", &req);
	ck_refused(c, &req, "an IEP needs goals, each with a short-term objective, before it is final");
	char *status = xasprintf("SELECT count(*) FROM iedesk.iep WHERE id = %s AND status = 'draft' AND number IS NULL", blank);
	ck_assert_int_eq(testdb_count(owner, status), 1);
	free(status);
	db_removal_request(DB_REMOVE_DELETE_IEP, blank, &req);
	ck_refused(c, &req, "");

	/* another district's case worker sees none of them, nor their parts; staff may not ask */
	char *other = xasprintf("ciepmy_%s", PQdb(owner));
	ck_assert_str_eq(testdb_try(owner, "SELECT iedesk.account_create($1, 'caseworker', 'MY')", other, NULL), "");
	const char *keywords[] = { "dbname", "user", NULL };
	const char *values[] = { PQdb(owner), other, NULL };
	PGconn *my = PQconnectdbParams(keywords, values, 0);
	ck_assert_int_eq(PQstatus(my), CONNECTION_OK);
	testdb_fetch(my, DB_LIST_CASE_IEPS, DB_WINDOW_FIRST, NULL, "", "3", 20, &rows);
	ck_assert_uint_eq(rows.count, 0);
	db_rows_done(&rows);
	testdb_fetch(my, DB_LIST_IEP_GOALS, DB_WINDOW_FIRST, NULL, "", "1", 20, &rows);
	ck_assert_uint_eq(rows.count, 0);
	db_rows_done(&rows);
	PQfinish(my);
	free(other);
	char *reader = xasprintf("ciepstaff_%s", PQdb(owner));
	ck_assert_str_eq(testdb_try(owner, "SELECT iedesk.account_create($1, 'staff', NULL)", reader, NULL), "");
	values[1] = reader;
	PGconn *staff = PQconnectdbParams(keywords, values, 0);
	ck_assert_int_eq(PQstatus(staff), CONNECTION_OK);
	PQsetNoticeProcessor(staff, NULL, NULL);
	db_list_request(DB_LIST_CASE_IEPS, DB_WINDOW_FIRST, NULL, "", "3", 20, &req);
	res = testdb_run(staff, &req);
	db_request_done(&req);
	ck_assert_int_ne(PQresultStatus(res), PGRES_TUPLES_OK);
	PQclear(res);
	PQfinish(staff);
	free(reader);

	free(blank);
	free(draft);
	free(version);
	free(objective);
	free(goal);
	PQfinish(c);
	PQfinish(owner);
}
END_TEST

/* The IEP read whole, and the case's detail listing its versions. */
START_TEST(test_iep_details)
{
	PGconn *owner = testdb_demo();
	PGconn *c = caseworker_of(owner, "diep");
	struct db_detail d;
	testdb_detail(c, DB_DETAIL_IEP, "1", &d);
	ck_assert_str_eq(d.title, "HR-2026-0001 — IEP 1");
	char *s = sections_of(&d);
	/* no History: the audit log's rows of a case are the schema owner's alone (0029) */
	ck_assert_str_eq(s, "IEP|Present levels|Team|Goals|Accommodations|Services");
	free(s);
	ck_assert_str_eq(testdb_line_value(&d, "IEP", "Status", NULL), "version 1, final since 2026-09-05 02:00 by 张海燕");
	ck_assert_str_eq(testdb_line_value(&d, "IEP", "Review", NULL), "2027-01-15");
	ck_assert_str_eq(testdb_line_value(&d, "IEP", "Consent", NULL), "given on 2026-09-08");
	ck_assert_str_eq(testdb_line_value(&d, "Team", "case worker", NULL), "张海燕");
	ck_assert_str_eq(testdb_line_value(&d, "Goals", "1. communication", NULL), "能在课堂上用完整句子向老师提出请求");
	ck_assert_ptr_nonnull(testdb_line_value(&d, "Goals", "", "• 用“我想要……”句式提出请求 (连续两周每天至少3次，无需提示, by 2026-12-31)"));
	ck_assert_str_eq(testdb_line_value(&d, "Services", "resource classroom", NULL), "朱勇, 4 a week, 40 minutes each");
	ck_assert_str_eq(testdb_line_value(&d, "Accommodations", "seating", NULL), "座位靠近讲台，远离门窗");
	db_detail_done(&d);

	testdb_detail(c, DB_DETAIL_IEP, "11", &d);
	ck_assert_str_eq(d.title, "HR-2026-0008 — IEP draft");
	ck_assert_str_eq(testdb_line_value(&d, "IEP", "Status", NULL), "draft");
	db_detail_done(&d);

	testdb_detail(c, DB_DETAIL_CASE, "3", &d);
	ck_assert_str_eq(testdb_line_value(&d, "IEPs", "IEP 2", NULL), "final, 2026-09-01 – 2027-07-15, consent given");
	ck_assert_ptr_nonnull(testdb_line_value(&d, "IEPs", "IEP 1", NULL));
	ck_assert_str_eq(testdb_line_value(&d, "Current IEP", "Review", NULL), "2026-11-30");
	for (size_t i = 0; i < d.count; i++)
		if (!strcmp(d.lines[i].section, "IEPs") && !strcmp(d.lines[i].label, "IEP 2")) {
			ck_assert_int_eq(d.lines[i].link_kind, DB_DETAIL_IEP);
			ck_assert_str_eq(d.lines[i].link_id, "3");
		}
	db_detail_done(&d);
	testdb_detail(c, DB_DETAIL_CASE, "5", &d);
	ck_assert_str_eq(testdb_line_value(&d, "Current IEP", "Review", NULL), "2026-11-15 (9 days overdue)");
	db_detail_done(&d);
	testdb_detail(c, DB_DETAIL_CASE, "8", &d);
	ck_assert_str_eq(testdb_line_value(&d, "IEPs", "draft", NULL), "draft, 2026-12-01 – 2027-07-15, consent not asked");
	ck_assert_ptr_null(testdb_line_value(&d, "Current IEP", NULL, NULL));
	db_detail_done(&d);
	PQfinish(c);
	PQfinish(owner);
}
END_TEST

/* ---- what lists and details show: in the chosen language, dates in the chosen format ---- */

static void language(const char *name)
{
	text_language(name, getenv("IEDESK_LOCALEDIR"));
}

/* English again, as the other tests expect, and the default date format. */
static void language_done(void)
{
	language("en");
	unsetenv("LANGUAGE");
	text_date_format(NULL);
}

static const char *column_title(enum db_list_kind kind, const char *name)
{
	const struct db_list_spec *spec = db_list_spec(kind);
	return _(spec->columns[db_list_column(spec, name)].title);
}

/* Column titles and code cells come in Chinese under zh_CN, in English otherwise, while what code reads back
 * (db_row_cell, the keys) stays as stored. */
START_TEST(test_lists_speak_chinese)
{
	PGconn *c = testdb_demo();
	const struct db_list_spec *meetings = db_list_spec(DB_LIST_MEETINGS);
	struct db_rows rows;
	language("zh_CN");
	ck_assert_str_eq(column_title(DB_LIST_MEETINGS, "status"), "状态");
	ck_assert_str_eq(column_title(DB_LIST_MEETINGS, "date"), "日期");
	ck_assert_str_eq(_(meetings->title), "会议");
	testdb_fetch(c, DB_LIST_MEETINGS, DB_WINDOW_FIRST, NULL, "", NULL, 3, &rows);
	const struct db_row *r = &rows.rows[2];
	ck_assert_str_eq(r->cells[2], "工作会议");
	ck_assert_str_eq(r->cells[4], "定稿");
	ck_assert_str_eq(db_row_cell(meetings, r, "status"), "final");
	ck_assert_str_eq(db_row_cell(meetings, r, "kind"), "conference");
	ck_assert_str_eq(r->cells[3], "怀柔区融合教育工作推进会");   /* data as it is */
	ck_assert_str_eq(rows.rows[0].cells[4], "草稿");
	db_rows_done(&rows);

	/* a status of an action item, the words of a vacancy and a backlog summary */
	testdb_fetch(c, DB_LIST_ACTION_ITEMS, DB_WINDOW_FIRST, NULL, "", NULL, ALL, &rows);
	bool in_progress = false;
	for (size_t i = 0; i < rows.count; i++)
		if (!strcmp(db_row_cell(db_list_spec(DB_LIST_ACTION_ITEMS), &rows.rows[i], "status"), "in-progress")) {
			ck_assert_str_eq(rows.rows[i].cells[3], "进行中");
			in_progress = true;
		}
	ck_assert(in_progress);
	db_rows_done(&rows);
	testdb_fetch(c, DB_LIST_MANAGERS, DB_WINDOW_FIRST, NULL, "", NULL, ALL, &rows);
	bool vacant = false;
	for (size_t i = 0; i < rows.count; i++)
		if (rows.rows[i].flags & DB_ROW_ALERT) {
			ck_assert_str_eq(rows.rows[i].cells[2], "空缺");
			vacant = true;
		}
	ck_assert(vacant);
	db_rows_done(&rows);
	struct db_request req;
	db_list_summary_request(DB_LIST_UNVERIFIED, "", NULL, &req);
	PGresult *res = testdb_run(c, &req);
	char summary[512];
	struct db_error err = { 0 };
	ck_assert_msg(db_list_summary_parse(res, summary, sizeof(summary), &err), "%s", err.message);
	ck_assert_msg(strstr(summary, "项工作任务已过完成时限") && !strchr(summary, '\037'), "%s", summary);
	PQclear(res);
	db_request_done(&req);

	language("en");
	ck_assert_str_eq(column_title(DB_LIST_MEETINGS, "status"), "Status");
	testdb_fetch(c, DB_LIST_MEETINGS, DB_WINDOW_FIRST, NULL, "", NULL, 3, &rows);
	ck_assert_str_eq(rows.rows[2].cells[2], "conference");
	ck_assert_str_eq(rows.rows[2].cells[4], "final");
	db_rows_done(&rows);
	language_done();
	PQfinish(c);
}
END_TEST

/* A detail's sections, labels, words and sentences in Chinese; none of the marks that carry them is left. */
START_TEST(test_details_speak_chinese)
{
	PGconn *c = testdb_demo();
	struct db_detail d;
	language("zh_CN");
	testdb_detail(c, DB_DETAIL_SCHOOL, "1", &d);
	char *s = sections_of(&d);
	ck_assert_str_eq(s, "学校|管理人员|管理人员参加的培训|管理人员任职记录|教育联合体|共享资源|检查|特殊需要学生|学生个案（仅计数）|合作关系|活动|修改记录");
	free(s);
	ck_assert_str_eq(testdb_line_value(&d, "学校", "资源中心", NULL), "是");
	ck_assert_str_eq(testdb_line_value(&d, "学校", "孤独症教育基地", NULL), "否");
	ck_assert_ptr_nonnull(testdb_line_value(&d, "管理人员任职记录", "段欣怡", "2017-09-01 至 2022-08-31，"));
	ck_assert_ptr_nonnull(testdb_line_value(&d, "共享资源", "提供", "师资："));
	db_detail_done(&d);
	for (int k = 0; k < DB_DETAIL_COUNT; k++) {
		testdb_detail(c, k, "1", &d);
		for (size_t i = 0; i < d.count; i++) {
			const struct db_detail_line *l = &d.lines[i];
			ck_assert_msg(!testdb_control_in(l->section) && !testdb_control_in(l->label)
				&& !testdb_control_in(l->value), "detail %d: a mark is left in %s / %s / %s", k, l->section,
				l->label, l->value);
			bool chinese = false;
			for (const char *t = l->section; *t; t++)
				chinese |= (unsigned char)*t >= 0x80;
			ck_assert_msg(chinese, "detail %d: the section %s is not translated", k, l->section);
		}
		db_detail_done(&d);
	}
	testdb_detail(c, DB_DETAIL_MEETING, "1", &d);
	ck_assert_ptr_nonnull(testdb_line_value(&d, "会议", "状态", NULL));
	ck_assert_ptr_nonnull(testdb_line_value(&d, "出席人员", "合计", NULL));
	db_detail_done(&d);
	language_done();
	PQfinish(c);
}
END_TEST

/* ui: date-format governs every date a list or a detail shows; keys and what code reads stay ISO. */
START_TEST(test_date_format_shown)
{
	PGconn *c = testdb_demo();
	const struct db_list_spec *meetings = db_list_spec(DB_LIST_MEETINGS);
	text_date_format("%d.%m.%Y");
	struct db_rows rows;
	testdb_fetch(c, DB_LIST_MEETINGS, DB_WINDOW_FIRST, NULL, "", NULL, 3, &rows);
	ck_assert_str_eq(rows.rows[2].cells[0], "17.09.2026");
	ck_assert_str_eq(db_row_cell(meetings, &rows.rows[2], "date"), "2026-09-17");
	ck_assert_str_eq(rows.rows[2].keys[0], "2026-09-17");
	db_rows_done(&rows);
	testdb_fetch(c, DB_LIST_UNVERIFIED, DB_WINDOW_FIRST, NULL, "", NULL, 1, &rows);
	ck_assert_uint_eq(rows.count, 1);
	ck_assert_msg(strstr(rows.rows[0].cells[5], ".2026 "), "%s", rows.rows[0].cells[5]);   /* date and title */
	db_rows_done(&rows);

	struct db_detail d;
	testdb_detail(c, DB_DETAIL_SCHOOL, "1", &d);
	ck_assert_str_eq(testdb_line_value(&d, "Manager", "Since", NULL), "01.09.2022");
	ck_assert_ptr_nonnull(testdb_line_value(&d, "Manager history", "段欣怡", "01.09.2017 – 31.08.2022"));
	db_detail_done(&d);
	testdb_detail(c, DB_DETAIL_SCHOOL, "14", &d);
	ck_assert_str_eq(testdb_line_value(&d, "Manager", "", NULL), "vacant since 16.07.2026");
	db_detail_done(&d);

	/* a longer format widens the date columns, so they still line up */
	text_date_format("%e %B %Y");
	ck_assert_int_eq(text_date_width(), 17);   /* 30 September 2026 */
	meetings = db_list_spec(DB_LIST_MEETINGS);
	ck_assert_int_eq(meetings->columns[db_list_column(meetings, "date")].width, 17);
	testdb_fetch(c, DB_LIST_MEETINGS, DB_WINDOW_FIRST, NULL, "", NULL, 3, &rows);
	ck_assert_str_eq(rows.rows[2].cells[0], "17 September 2026");
	db_rows_done(&rows);
	language_done();
	ck_assert_int_eq(db_list_spec(DB_LIST_MEETINGS)->columns[0].width, 10);
	PQfinish(c);
}
END_TEST

static void ck_translated(const char *what, const char *text)
{
	if (!text || !*text)
		return;
	ck_assert_msg(strcmp(_(text), text) != 0, "%s \"%s\" is not in the catalogue", what, text);
}

/* Every display string of every list and record spec has its Chinese, and every choice its word: a string
 * left unmarked, or marked and not translated, fails here. */
START_TEST(test_specs_all_translated)
{
	language("zh_CN");
	for (int k = 0; k < DB_LIST_COUNT; k++) {
		const struct db_list_spec *spec = db_list_spec(k);
		ck_translated("a list's title", spec->title);
		ck_translated("a filter hint", spec->filter_hint);
		ck_translated("a legend", spec->legend);
		for (int i = 0; i < spec->ncolumns; i++)
			ck_translated("a column title", spec->columns[i].title);
		if (spec->editing) {
			ck_translated("a removal question", spec->editing->removal_question);
			ck_translated("a removal's answer", spec->editing->removal_done);
			ck_translated("a removal's answer", spec->editing->removal_none);
		}
	}
	for (int k = 0; k < DB_RECORD_COUNT; k++) {
		const struct db_record_def *def = db_record_def(k);
		ck_translated("a record's title", def->title);
		for (int i = 0; i < def->nfields; i++) {
			const struct db_field *f = &def->fields[i];
			ck_translated("a field's label", f->label);
			if (f->hint && strcmp(f->hint, "YYYY-MM-DD") != 0 && !strchr(f->hint, '@'))
				ck_translated("a field's hint", f->hint);
			for (const char *const *choice = f->choices; choice && *choice; choice++)
				ck_assert_msg(strcmp(text_word(*choice), *choice) != 0, "the choice %s has no word", *choice);
		}
	}
	language_done();
}
END_TEST

START_TEST(test_bad_list_kind_aborts)
{
	db_list_spec((enum db_list_kind)(_i ? -1 : DB_LIST_COUNT));
}
END_TEST

/* A detail kind out of range aborts too (it used to open a school's detail). */
START_TEST(test_bad_detail_kind_aborts)
{
	struct db_request req;
	db_detail_request((enum db_detail_kind)(_i ? -1 : DB_DETAIL_COUNT), "1", &req);
}
END_TEST

START_TEST(test_missing_column_aborts)
{
	db_list_column(db_list_spec(DB_LIST_DISTRICTS), "no such column");
}
END_TEST

Suite *lists_suite(void)
{
	Suite *s = suite_create("lists");
	TCase *tc = tcase_create("lists");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_list_definitions);
	tcase_add_loop_test_raise_signal(tc, test_bad_list_kind_aborts, SIGABRT, 0, 2);
	tcase_add_loop_test_raise_signal(tc, test_bad_detail_kind_aborts, SIGABRT, 0, 2);
	tcase_add_test_raise_signal(tc, test_missing_column_aborts, SIGABRT);
	tcase_add_test(tc, test_districts_first_window);
	tcase_add_test(tc, test_schools_of_one_district);
	tcase_add_test(tc, test_managers_vacancies_flagged);
	tcase_add_test(tc, test_meetings_newest_first);
	tcase_add_test(tc, test_inspections_overdue_first);
	tcase_add_test(tc, test_keyset_walks_every_row_once);
	tcase_add_test(tc, test_from_includes_its_key);
	tcase_add_test(tc, test_filters);
	tcase_add_test(tc, test_details);
	tcase_add_test(tc, test_detail_of_missing_record);
	tcase_add_test(tc, test_case_counts_shown);
	tcase_add_test(tc, test_audit_and_history);
	tcase_add_test(tc, test_ieps_of_a_case_worker);
	tcase_add_test(tc, test_iep_details);
	tcase_add_test(tc, test_lists_speak_chinese);
	tcase_add_test(tc, test_details_speak_chinese);
	tcase_add_test(tc, test_date_format_shown);
	tcase_add_test(tc, test_specs_all_translated);
	suite_add_tcase(s, tc);
	TCase *scale = tcase_create("scale");
	tcase_set_timeout(scale, 300);
	tcase_set_tags(scale, "scale");   /* the database's work at volume: not run again on a moved clock */
	tcase_add_test(scale, test_keyset_walk_at_scale);
	tcase_add_test(scale, test_windows_walk_an_index);
	tcase_add_test(scale, test_backlog_rebuild_matches_triggers);
	tcase_add_test(scale, test_backlog_tally_follows_changes);
	tcase_add_test(scale, test_backlog_summaries_from_the_tally);
	suite_add_tcase(s, scale);
	return s;
}
