/* list: the panes' lists as SQL, a window of rows at a time by keyset (never OFFSET, never the whole
 * table), and their results as rows of display-ready text. */
#include "db/private.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_KEYS 3

/* ---- what each list shows ---- */

static const struct db_column district_columns[] = {
	{ "Code", 6, 4, DB_ALIGN_LEFT },
	{ "District", 0, 10, DB_ALIGN_LEFT },
	{ "Locale", 8, 5, DB_ALIGN_LEFT },
	{ "Schools", 7, 3, DB_ALIGN_RIGHT },
	{ "Classrooms", 10, 3, DB_ALIGN_RIGHT },
	{ "Centers", 7, 3, DB_ALIGN_RIGHT },
	{ "Autism", 6, 3, DB_ALIGN_RIGHT },
	{ "Vacant", 6, 3, DB_ALIGN_RIGHT },
};

static const struct db_column school_columns[] = {
	{ "School", 0, 12, DB_ALIGN_LEFT },
	{ "Stage", 10, 7, DB_ALIGN_LEFT },
	{ "Sector", 7, 4, DB_ALIGN_LEFT },
	{ "Locale", 7, 5, DB_ALIGN_LEFT },
	{ "Marks", 5, 3, DB_ALIGN_LEFT },
	{ "Manager", 10, 6, DB_ALIGN_LEFT },
};

static const struct db_column manager_columns[] = {
	{ "School", 0, 12, DB_ALIGN_LEFT },
	{ "Dist.", 5, 2, DB_ALIGN_LEFT },
	{ "Manager", 10, 6, DB_ALIGN_LEFT },
	{ "Since", 10, 10, DB_ALIGN_LEFT },
	{ "Phone", 13, 8, DB_ALIGN_LEFT },
};

static const struct db_column meeting_columns[] = {
	{ "Date", 10, 10, DB_ALIGN_LEFT },
	{ "Dist.", 5, 2, DB_ALIGN_LEFT },
	{ "Kind", 11, 6, DB_ALIGN_LEFT },
	{ "Title", 0, 12, DB_ALIGN_LEFT },
	{ "Status", 6, 5, DB_ALIGN_LEFT },
	{ "Dec.", 4, 2, DB_ALIGN_RIGHT },
	{ "Open", 4, 2, DB_ALIGN_RIGHT },
};

static const struct db_column inspection_columns[] = {
	{ "School", 0, 12, DB_ALIGN_LEFT },
	{ "Kind", 11, 6, DB_ALIGN_LEFT },
	{ "Planned", 10, 10, DB_ALIGN_LEFT },
	{ "Visited", 10, 5, DB_ALIGN_LEFT },
	{ "Inspector", 9, 6, DB_ALIGN_LEFT },
	{ "Status", 7, 4, DB_ALIGN_LEFT },
	{ "Overdue", 7, 3, DB_ALIGN_RIGHT },
};

static const struct db_column gap_columns[] = {
	{ "Gap", 11, 6, DB_ALIGN_LEFT },
	{ "School", 0, 12, DB_ALIGN_LEFT },
	{ "Dist.", 5, 2, DB_ALIGN_LEFT },
	{ "Manager", 10, 6, DB_ALIGN_LEFT },
	{ "Since", 10, 10, DB_ALIGN_LEFT },
	{ "Details", 20, 8, DB_ALIGN_LEFT },
};

/* Rural: current members in a town or village, the schools a consortium exists to support. */
static const struct db_column consortium_columns[] = {
	{ "Code", 8, 4, DB_ALIGN_LEFT },
	{ "Consortium", 0, 12, DB_ALIGN_LEFT },
	{ "Kind", 11, 5, DB_ALIGN_LEFT },
	{ "Lead school", 14, 6, DB_ALIGN_LEFT },
	{ "Members", 7, 3, DB_ALIGN_RIGHT },
	{ "Rural", 5, 3, DB_ALIGN_RIGHT },
	{ "Shares", 6, 3, DB_ALIGN_RIGHT },
};

static const struct db_column member_columns[] = {
	{ "School", 0, 12, DB_ALIGN_LEFT },
	{ "Role", 6, 4, DB_ALIGN_LEFT },
	{ "Locale", 7, 5, DB_ALIGN_LEFT },
	{ "Rural", 5, 3, DB_ALIGN_LEFT },
	{ "Joined", 10, 10, DB_ALIGN_LEFT },
	{ "Left", 10, 5, DB_ALIGN_LEFT },
	{ "Shares", 6, 3, DB_ALIGN_RIGHT },
};

static const struct db_column resource_columns[] = {
	{ "Kind", 9, 5, DB_ALIGN_LEFT },
	{ "Description", 0, 16, DB_ALIGN_LEFT },
	{ "Provider", 16, 6, DB_ALIGN_LEFT },
	{ "Capacity", 8, 3, DB_ALIGN_RIGHT },
};

static const struct db_column training_columns[] = {
	{ "Date", 10, 10, DB_ALIGN_LEFT },
	{ "Title", 0, 12, DB_ALIGN_LEFT },
	{ "Hours", 5, 3, DB_ALIGN_RIGHT },
	{ "Provider", 16, 6, DB_ALIGN_LEFT },
	{ "Attendees", 9, 3, DB_ALIGN_RIGHT },
};

static const struct db_column attendee_columns[] = {
	{ "Person", 0, 10, DB_ALIGN_LEFT },
	{ "Dist.", 5, 2, DB_ALIGN_LEFT },
	{ "Phone", 13, 8, DB_ALIGN_LEFT },
	{ "Manages", 24, 8, DB_ALIGN_LEFT },
};

static const struct db_column meeting_attendee_columns[] = {
	{ "Attendee", 0, 12, DB_ALIGN_LEFT },
	{ "Count", 5, 3, DB_ALIGN_RIGHT },
	{ "Phone", 13, 8, DB_ALIGN_LEFT },
};

static const struct db_column agenda_item_columns[] = {
	{ "No.", 4, 3, DB_ALIGN_RIGHT },
	{ "Title", 0, 12, DB_ALIGN_LEFT },
	{ "Notes", 30, 8, DB_ALIGN_LEFT },
};

static const struct db_column decision_columns[] = {
	{ "No.", 4, 3, DB_ALIGN_RIGHT },
	{ "Decision", 0, 16, DB_ALIGN_LEFT },
	{ "Agenda", 6, 3, DB_ALIGN_RIGHT },
	{ "Actions", 7, 3, DB_ALIGN_RIGHT },
	{ "Open", 4, 2, DB_ALIGN_RIGHT },
};

static const struct db_column action_item_columns[] = {
	{ "Due", 10, 10, DB_ALIGN_LEFT },
	{ "Action", 0, 14, DB_ALIGN_LEFT },
	{ "Owner", 14, 6, DB_ALIGN_LEFT },
	{ "Status", 11, 4, DB_ALIGN_LEFT },
	{ "Overdue", 7, 3, DB_ALIGN_RIGHT },
	{ "Meeting", 10, 5, DB_ALIGN_LEFT },
};

/* Overdue: an unresolved finding's days past due. */
static const struct db_column finding_columns[] = {
	{ "Severity", 8, 4, DB_ALIGN_LEFT },
	{ "Finding", 0, 14, DB_ALIGN_LEFT },
	{ "Due", 10, 10, DB_ALIGN_LEFT },
	{ "Resolved", 10, 5, DB_ALIGN_LEFT },
	{ "Overdue", 7, 3, DB_ALIGN_RIGHT },
};

/* The backlog: the days overdue come first, as a manager reads it. */
static const struct db_column backlog_columns[] = {
	{ "Overdue", 7, 3, DB_ALIGN_RIGHT },
	{ "Due", 10, 10, DB_ALIGN_LEFT },
	{ "School", 0, 12, DB_ALIGN_LEFT },
	{ "Dist.", 5, 2, DB_ALIGN_LEFT },
	{ "Kind", 11, 6, DB_ALIGN_LEFT },
	{ "Status", 8, 5, DB_ALIGN_LEFT },
	{ "Findings", 8, 4, DB_ALIGN_LEFT },
	{ "Inspector", 9, 6, DB_ALIGN_LEFT },
};

/* One group of the backlog: its open items, how many are overdue, the most overdue one's days, how many
 * have a high-severity finding open. */
#define GROUP_COLUMNS(name, what) \
	static const struct db_column name[] = { \
		{ what, 0, 12, DB_ALIGN_LEFT }, \
		{ "Dist.", 5, 2, DB_ALIGN_LEFT }, \
		{ "Open", 5, 3, DB_ALIGN_RIGHT }, \
		{ "Overdue", 7, 3, DB_ALIGN_RIGHT }, \
		{ "Most days", 9, 3, DB_ALIGN_RIGHT }, \
		{ "High", 4, 2, DB_ALIGN_RIGHT }, \
	}
GROUP_COLUMNS(by_district_columns, "District");
GROUP_COLUMNS(by_school_columns, "School");
GROUP_COLUMNS(by_inspector_columns, "Inspector");
GROUP_COLUMNS(by_kind_columns, "Kind");
GROUP_COLUMNS(by_severity_columns, "Worst open finding");

/* The summary report: closed this term, and the median days from the visit to closing of those. */
#define REPORT_COLUMNS(name, what, code) \
	static const struct db_column name[] = { \
		{ what, 0, 12, DB_ALIGN_LEFT }, \
		{ code, 5, 2, DB_ALIGN_LEFT }, \
		{ "Open", 5, 3, DB_ALIGN_RIGHT }, \
		{ "Overdue", 7, 3, DB_ALIGN_RIGHT }, \
		{ "Closed", 6, 3, DB_ALIGN_RIGHT }, \
		{ "Median days", 11, 3, DB_ALIGN_RIGHT }, \
		{ "Oldest open", 11, 10, DB_ALIGN_LEFT }, \
	}
REPORT_COLUMNS(report_district_columns, "District", "Code");
REPORT_COLUMNS(report_school_columns, "School", "Dist.");

#define COLUMNS(a) (int)(sizeof(a) / sizeof((a)[0])), a

static const struct db_list_def list_defs[DB_LIST_COUNT] = {
	[DB_LIST_DISTRICTS] = { "districts", "Districts", COLUMNS(district_columns), 2, "name or code" },
	[DB_LIST_SCHOOLS] = { "schools", "Schools", COLUMNS(school_columns), 2, "name, English name or code" },
	[DB_LIST_MANAGERS] = { "managers", "Managers", COLUMNS(manager_columns), 2, "school or manager name" },
	[DB_LIST_MEETINGS] = { "meetings", "Meetings", COLUMNS(meeting_columns), 2, "title" },
	[DB_LIST_INSPECTIONS] = { "inspections", "Inspections", COLUMNS(inspection_columns), 3,
		"school or inspector name" },
	[DB_LIST_MANAGER_GAPS] = { "manager-gaps", "Manager gaps", COLUMNS(gap_columns), 3, "school or manager name" },
	[DB_LIST_CONSORTIA] = { "consortia", "Consortia", COLUMNS(consortium_columns), 2, "name or code" },
	[DB_LIST_CONSORTIUM_MEMBERS] = { "consortium-members", "Members", COLUMNS(member_columns), 2, "school name" },
	[DB_LIST_SHARED_RESOURCES] = { "shared-resources", "Shared resources", COLUMNS(resource_columns), 2,
		"description or provider" },
	[DB_LIST_TRAININGS] = { "trainings", "Trainings", COLUMNS(training_columns), 2, "title or provider" },
	[DB_LIST_TRAINING_ATTENDEES] = { "training-attendees", "Attendees", COLUMNS(attendee_columns), 2,
		"person name" },
	[DB_LIST_MEETING_ATTENDEES] = { "meeting-attendees", "Attendees", COLUMNS(meeting_attendee_columns), 2,
		"person or organisation" },
	[DB_LIST_AGENDA_ITEMS] = { "agenda-items", "Agenda", COLUMNS(agenda_item_columns), 2, "title or notes" },
	[DB_LIST_DECISIONS] = { "decisions", "Decisions", COLUMNS(decision_columns), 2, "text" },
	[DB_LIST_ACTION_ITEMS] = { "action-items", "Action items", COLUMNS(action_item_columns), 2,
		"text or owner" },
	[DB_LIST_DECISION_ACTION_ITEMS] = { "decision-action-items", "Action items", COLUMNS(action_item_columns), 2,
		"text or owner" },
	[DB_LIST_ACTION_ITEM_INSPECTIONS] = { "action-item-inspections", "Inspections", COLUMNS(inspection_columns), 2,
		"school or inspector name" },
	[DB_LIST_FINDINGS] = { "findings", "Findings", COLUMNS(finding_columns), 3, "text" },
	[DB_LIST_BACKLOG] = { "backlog", "Backlog", COLUMNS(backlog_columns), 2, "school or inspector name" },
	[DB_LIST_BACKLOG_OF_DISTRICT] = { "backlog-of-district", "Backlog", COLUMNS(backlog_columns), 2,
		"school or inspector name" },
	[DB_LIST_BACKLOG_OF_SCHOOL] = { "backlog-of-school", "Backlog", COLUMNS(backlog_columns), 2,
		"school or inspector name" },
	[DB_LIST_BACKLOG_OF_INSPECTOR] = { "backlog-of-inspector", "Backlog", COLUMNS(backlog_columns), 2,
		"school or inspector name" },
	[DB_LIST_BACKLOG_OF_KIND] = { "backlog-of-kind", "Backlog", COLUMNS(backlog_columns), 2,
		"school or inspector name" },
	[DB_LIST_BACKLOG_OF_SEVERITY] = { "backlog-of-severity", "Backlog", COLUMNS(backlog_columns), 2,
		"school or inspector name" },
	[DB_LIST_BACKLOG_BY_DISTRICT] = { "backlog-by-district", "Backlog by district", COLUMNS(by_district_columns), 2,
		"name or code" },
	[DB_LIST_BACKLOG_BY_SCHOOL] = { "backlog-by-school", "Backlog by school", COLUMNS(by_school_columns), 2,
		"name or code" },
	[DB_LIST_BACKLOG_BY_INSPECTOR] = { "backlog-by-inspector", "Backlog by inspector",
		COLUMNS(by_inspector_columns), 2, "name" },
	[DB_LIST_BACKLOG_BY_KIND] = { "backlog-by-kind", "Backlog by kind", COLUMNS(by_kind_columns), 2, "kind" },
	[DB_LIST_BACKLOG_BY_SEVERITY] = { "backlog-by-severity", "Backlog by severity", COLUMNS(by_severity_columns), 2,
		"severity" },
	[DB_LIST_UNVERIFIED] = { "unverified", "Unverified decisions", COLUMNS(action_item_columns), 2,
		"text or owner" },
	[DB_LIST_REPORT_DISTRICTS] = { "report-districts", "Summary report", COLUMNS(report_district_columns), 2,
		"name or code" },
	[DB_LIST_REPORT_SCHOOLS] = { "report-schools", "Summary report", COLUMNS(report_school_columns), 2,
		"name or code" },
};

/* Lists left out open nothing (db_list_open_target answers NULL): the UI edits their rows in a form. */
#define OPEN(...) &(const struct db_list_open){ __VA_ARGS__ }
static const struct db_list_open *const list_open[DB_LIST_COUNT] = {
	[DB_LIST_DISTRICTS] = OPEN(.is_list = true, .list = DB_LIST_SCHOOLS, .id_key = 1),
	[DB_LIST_SCHOOLS] = OPEN(.detail = DB_DETAIL_SCHOOL, .id_key = 1),
	[DB_LIST_MANAGERS] = OPEN(.detail = DB_DETAIL_SCHOOL, .id_key = 1),
	[DB_LIST_MEETINGS] = OPEN(.detail = DB_DETAIL_MEETING, .id_key = 1),
	[DB_LIST_INSPECTIONS] = OPEN(.detail = DB_DETAIL_INSPECTION, .id_key = 2),
	[DB_LIST_MANAGER_GAPS] = OPEN(.detail = DB_DETAIL_SCHOOL, .id_key = 2),
	[DB_LIST_CONSORTIA] = OPEN(.detail = DB_DETAIL_CONSORTIUM, .id_key = 1),
	[DB_LIST_TRAININGS] = OPEN(.is_list = true, .list = DB_LIST_TRAINING_ATTENDEES, .id_key = 1),
	[DB_LIST_DECISIONS] = OPEN(.is_list = true, .list = DB_LIST_DECISION_ACTION_ITEMS, .id_key = 1),
	[DB_LIST_ACTION_ITEM_INSPECTIONS] = OPEN(.detail = DB_DETAIL_INSPECTION, .id_key = 1),
	[DB_LIST_BACKLOG] = OPEN(.detail = DB_DETAIL_INSPECTION, .id_key = 1),
	[DB_LIST_BACKLOG_OF_DISTRICT] = OPEN(.detail = DB_DETAIL_INSPECTION, .id_key = 1),
	[DB_LIST_BACKLOG_OF_SCHOOL] = OPEN(.detail = DB_DETAIL_INSPECTION, .id_key = 1),
	[DB_LIST_BACKLOG_OF_INSPECTOR] = OPEN(.detail = DB_DETAIL_INSPECTION, .id_key = 1),
	[DB_LIST_BACKLOG_OF_KIND] = OPEN(.detail = DB_DETAIL_INSPECTION, .id_key = 1),
	[DB_LIST_BACKLOG_OF_SEVERITY] = OPEN(.detail = DB_DETAIL_INSPECTION, .id_key = 1),
	[DB_LIST_BACKLOG_BY_DISTRICT] = OPEN(.is_list = true, .list = DB_LIST_BACKLOG_OF_DISTRICT, .id_key = 1),
	[DB_LIST_BACKLOG_BY_SCHOOL] = OPEN(.is_list = true, .list = DB_LIST_BACKLOG_OF_SCHOOL, .id_key = 1),
	[DB_LIST_BACKLOG_BY_INSPECTOR] = OPEN(.is_list = true, .list = DB_LIST_BACKLOG_OF_INSPECTOR, .id_key = 1),
	[DB_LIST_BACKLOG_BY_KIND] = OPEN(.is_list = true, .list = DB_LIST_BACKLOG_OF_KIND, .id_key = 1),
	[DB_LIST_BACKLOG_BY_SEVERITY] = OPEN(.is_list = true, .list = DB_LIST_BACKLOG_OF_SEVERITY, .id_key = 1),
	[DB_LIST_REPORT_DISTRICTS] = OPEN(.is_list = true, .list = DB_LIST_REPORT_SCHOOLS, .id_key = 1),
	[DB_LIST_REPORT_SCHOOLS] = OPEN(.is_list = true, .list = DB_LIST_BACKLOG_OF_SCHOOL, .id_key = 1),
};

/* ---- how each list is queried ----
 * A window is an inner query that walks one index in key order and stops at the limit:
 *   SELECT <columns>, <key> AS k0, ... FROM <from> WHERE <where> AND <filter> AND <keyset> ORDER BY k.. LIMIT n
 * and an outer one that formats only those rows; counts and the current manager come from lateral
 * subqueries over the window's rows alone (aggregates, LIMIT 1 or OFFSET 0 keep the planner from
 * flattening them into joins over whole tables).
 * Parameters: $1 the filter, $2 the parent (lists that have one), then the key values, then the limit. */
struct list_query {
	bool descending;          /* newest first: the key order is walked backwards */
	bool has_parent;
	const char *columns;      /* the inner query's columns, read by select as w.<name> */
	const char *from;
	const char *where;        /* fixed condition, or NULL */
	const char *filter;       /* what the filter matches, with iedesk.contains_pattern($1) */
	const char *key_expr[MAX_KEYS];
	const char *key_type[MAX_KEYS];
	const char *select;       /* the visible columns and the flags, from w */
	const char *joins;        /* the outer query's lateral joins, or "" */
	const char *summary;      /* a text expression over the list's rows (aggregates) for its summary line */
	const char *tally;        /* unfiltered, the summary is this expression over 0017's tally rows t */
	const char *tally_where;  /* which tally rows: a dimension and group */
	const char *narrow_from;  /* filtered, the rows the filter can match when it matches a few groups */
	const char *narrow;       /* when narrow_from is walked instead of from */
	const char *count_from;   /* filtered, the summary counts these rows (rather than from's) */
	const char *count_filter; /* that the filter matches */
};

#define PATTERN "iedesk.contains_pattern($1)"
/* An inspection's kind in a narrow column. */
#define SHORT_KIND(e) "CASE " e " WHEN 'itinerant-guidance' THEN 'itinerant' ELSE " e " END"
/* The long kinds of consortium shortened to fit a column. */
#define CONSORTIUM_KIND(e) "CASE " e " WHEN 'education-association' THEN 'association'" \
	" WHEN 'home-school-alliance' THEN 'home-school' ELSE " e " END"
/* Multi-line text on one line of a list. */
#define ONE_LINE(e) "translate(" e ", E'\\n\\r\\t', '   ')"
/* An action item's row, with or without its decision as the parent: overdue counts the days past due of
 * one still open or in progress (from iedesk.today()); done and dropped ones are dim. The meeting is its
 * decision's. */
#define ACTION_ITEM_OVERDUE "CASE WHEN w.status IN ('open', 'in-progress') AND w.k0 < iedesk.today()" \
	" THEN iedesk.today() - w.k0 END"
#define ACTION_ITEM_QUERY(parent_where) \
		.columns = "a.id, a.decision_id, a.text, a.owner_unit, a.status, s.name AS owner_school", \
		.from = "iedesk.action_item a LEFT JOIN iedesk.school s ON s.id = a.owner_school_id", \
		.where = parent_where, \
		.filter = "a.text ILIKE " PATTERN " OR a.owner_unit ILIKE " PATTERN " OR s.name ILIKE " PATTERN, \
		.key_expr = { "a.due_on", "a.id" }, \
		.key_type = { "date", "bigint" }, \
		.select = "to_char(w.k0, 'YYYY-MM-DD'), " ONE_LINE("w.text") ", coalesce(w.owner_school, w.owner_unit, ''),"\
			" w.status, coalesce((" ACTION_ITEM_OVERDUE ")::text, ''), coalesce(to_char(m.held_on, 'YYYY-MM-DD'), ''),"\
			" CASE WHEN (" ACTION_ITEM_OVERDUE ") IS NOT NULL THEN 1 WHEN w.status IN ('done', 'dropped') THEN 2"\
			" ELSE 0 END", \
		.joins = " LEFT JOIN LATERAL (SELECT m.held_on FROM iedesk.decision d JOIN iedesk.meeting m" \
			" ON m.id = d.meeting_id WHERE d.id = w.decision_id LIMIT 1) m ON true"

/* An inspection's row, in the backlog or under the action item it checks: the days overdue are 0002's
 * (a planned one past its date, a done one with an unresolved finding past due); closed ones are dim. */
#define INSPECTION_ROW \
		.columns = "i.id, i.kind, i.planned_on, i.visited_on, i.status, s.name AS school_name," \
			" p.name AS inspector_name", \
		.from = "iedesk.inspection i JOIN iedesk.school s ON s.id = i.school_id" \
			" LEFT JOIN iedesk.person p ON p.id = i.inspector_person_id", \
		.filter = "s.name ILIKE " PATTERN " OR p.name ILIKE " PATTERN, \
		.select = "w.school_name," \
			" " SHORT_KIND("w.kind") "," \
			" to_char(w.planned_on, 'YYYY-MM-DD'), coalesce(to_char(w.visited_on, 'YYYY-MM-DD'), '')," \
			" coalesce(w.inspector_name, ''), w.status, coalesce(o.days::text, '')," \
			" CASE WHEN w.status = 'closed' THEN 2 WHEN o.days IS NOT NULL THEN 1 ELSE 0 END", \
		.joins = " CROSS JOIN LATERAL (SELECT iedesk.inspection_overdue_days(w.id, w.status, w.planned_on)" \
			" AS days OFFSET 0) o"

/* A backlog row: the key is the due date (0011), so the days overdue are today's distance past it; 9999-12-31
 * stands for "no date" and shows as nothing. A visited inspection with no finding left open is waiting to
 * be closed. The school's district is the backlog row's own (kept by 0011 when a school moves). */
#define BACKLOG_OVERDUE "CASE WHEN w.k0 < iedesk.today() THEN iedesk.today() - w.k0 END"
/* The backlog's summary line, over its rows or over 0017's tally: open, overdue (and the oldest), to visit,
 * with findings open, to close, high. */
#define BACKLOG_SUMMARY(open, overdue, due, planned, findings, to_close, high) \
		"concat(" open ", ' open · ', " overdue ", ' overdue', CASE WHEN min(" due ") < iedesk.today()" \
		" THEN ' (oldest ' || (iedesk.today() - min(" due ")) || ' days)' END, ' · ', " planned ", ' to visit · ', " \
		findings ", ' with findings open · ', " to_close ", ' to close · ', " high ", ' high')"
/* The backlog rows of schools or inspectors whose name the filter matches, found through their indexes. */
#define BACKLOG_MATCHES(b) \
		b ".school_id = ANY (ARRAY(SELECT x.id FROM iedesk.school x WHERE x.name ILIKE " PATTERN "))" \
		" OR " b ".inspector_person_id = ANY (ARRAY(SELECT x.id FROM iedesk.person x WHERE x.name ILIKE " PATTERN "))"
/* A filtered backlog walks its due-date index and keeps the rows of matching schools and inspectors, which
 * is quick while they are many; when the filter matches a few schools and inspectors (a name typed whole)
 * it reads their rows from their own indexes and sorts those instead, rather than walk every open item
 * for a few dozen. */
#define BACKLOG_QUERY(parent, parent_where, tally_group) \
		.has_parent = parent, \
		.columns = "b.inspection_id, b.kind, b.status, b.severity, b.open_findings, b.district_id," \
			" s.name AS school_name, p.name AS inspector_name", \
		.from = "iedesk.backlog b JOIN iedesk.school s ON s.id = b.school_id" \
			" LEFT JOIN iedesk.person p ON p.id = b.inspector_person_id", \
		.where = parent_where, \
		.filter = "s.name ILIKE " PATTERN " OR p.name ILIKE " PATTERN, \
		.narrow_from = "(SELECT x.* FROM iedesk.backlog x WHERE " BACKLOG_MATCHES("x") " OFFSET 0) b" \
			" JOIN iedesk.school s ON s.id = b.school_id LEFT JOIN iedesk.person p ON p.id = b.inspector_person_id", \
		.narrow = "(SELECT count(*) FROM (SELECT FROM iedesk.school x WHERE x.name ILIKE " PATTERN " LIMIT 41) x)" \
			" <= 40 AND (SELECT count(*) FROM (SELECT FROM iedesk.person x WHERE x.name ILIKE " PATTERN \
			" LIMIT 3) x) <= 2", \
		.count_from = "iedesk.backlog b", \
		.count_filter = BACKLOG_MATCHES("b"), \
		.key_expr = { "b.due_on", "b.inspection_id" }, \
		.key_type = { "date", "bigint" }, \
		.select = "coalesce((" BACKLOG_OVERDUE ")::text, '')," \
			" CASE WHEN w.k0 < '9999-12-31' THEN to_char(w.k0, 'YYYY-MM-DD') ELSE '' END," \
			" w.school_name, coalesce(d.code, ''), " SHORT_KIND("w.kind") "," \
			" CASE WHEN w.status = 'planned' THEN 'planned' WHEN w.open_findings = 0 THEN 'to close'" \
			" ELSE 'visited' END," \
			" CASE WHEN w.open_findings > 0 THEN w.open_findings || ' ' || w.severity ELSE '' END," \
			" coalesce(w.inspector_name, ''), CASE WHEN (" BACKLOG_OVERDUE ") IS NOT NULL THEN 1 ELSE 0 END", \
		.joins = " LEFT JOIN LATERAL (SELECT d.code FROM iedesk.district d WHERE d.id = w.district_id" \
			" LIMIT 1) d ON true", \
		.summary = BACKLOG_SUMMARY("count(*)", "count(*) FILTER (WHERE b.due_on < iedesk.today())", "b.due_on", \
			"count(*) FILTER (WHERE b.status = 'planned')", \
			"count(*) FILTER (WHERE b.status = 'done' AND b.open_findings > 0)", \
			"count(*) FILTER (WHERE b.status = 'done' AND b.open_findings = 0)", \
			"count(*) FILTER (WHERE b.severity = 'high')"), \
		.tally = BACKLOG_SUMMARY("coalesce(sum(t.n), 0)", \
			"coalesce(sum(t.n) FILTER (WHERE t.due_on < iedesk.today()), 0)", "t.due_on", \
			"coalesce(sum(t.planned), 0)", "coalesce(sum(t.findings), 0)", "coalesce(sum(t.to_close), 0)", \
			"coalesce(sum(t.high), 0)"), \
		.tally_where = tally_group

/* One group's counts, over the backlog index of its dimension (0011): a school's, a few dozen rows. */
#define GROUP_COUNTS(cond) \
		" CROSS JOIN LATERAL (SELECT count(*) AS open, count(*) FILTER (WHERE b.due_on < iedesk.today())" \
		" AS overdue, iedesk.today() - min(b.due_on) AS most, count(*) FILTER (WHERE b.severity = 'high')" \
		" AS high FROM iedesk.backlog b WHERE " cond ") c"
#define GROUP_SELECT(name, code) \
		name ", " code ", c.open::text, c.overdue::text, CASE WHEN c.most > 0 THEN c.most::text ELSE '' END," \
		" c.high::text, CASE WHEN c.overdue > 0 THEN 1 ELSE 0 END"
/* The same from 0017's tally rows of one group: a few hundred rows at most, however many items are open. */
#define TALLY_COUNTS(cond) \
		" CROSS JOIN LATERAL (SELECT coalesce(sum(t.n), 0) AS open, coalesce(sum(t.n) FILTER (WHERE t.due_on <" \
		" iedesk.today()), 0) AS overdue, iedesk.today() - min(t.due_on) AS most, coalesce(sum(t.high), 0) AS high" \
		" FROM iedesk.backlog_tally t WHERE " cond ") c"
/* The groups' line: how many there are, and the backlog's totals (from the tally). */
#define GROUP_SUMMARY(what) \
		"concat(count(*), ' " what " · ', (SELECT coalesce(sum(t.n), 0) FROM iedesk.backlog_tally t" \
		" WHERE t.dimension = 'all'), ' open in all · ', (SELECT coalesce(sum(t.n), 0) FROM iedesk.backlog_tally t" \
		" WHERE t.dimension = 'all' AND t.due_on < iedesk.today()), ' overdue')"
/* A group of fixed values (kinds, severities): a handful of rows, in their own order. */
#define VALUE_GROUP(values, column, label) \
		.columns = "g.value", \
		.from = "(VALUES " values ") g(rank, value)", \
		.where = "EXISTS (SELECT 1 FROM iedesk.backlog x WHERE x." column " = g.value)", \
		.filter = "g.value ILIKE " PATTERN, \
		.key_expr = { "g.rank", "g.value" }, \
		.key_type = { "integer", "text" }, \
		.select = GROUP_SELECT(label, "''"), \
		.joins = TALLY_COUNTS("t.dimension = '" column "' AND t.grp = w.value")

/* The summary report's figures of the rows' closings this term (from iedesk.term_start) and of their open
 * items: how many, the median days from visit to closing (an actual one: percentile_disc), the plan date
 * of the oldest open item. cond ties the inspections and the backlog rows to the report's row. */
#define REPORT_FIGURES(closed_from, closed_cond, open_cond) \
		" CROSS JOIN LATERAL (SELECT count(*) AS closed," \
		" percentile_disc(0.5) WITHIN GROUP (ORDER BY i.closed_on - i.visited_on) AS median" \
		" FROM " closed_from " WHERE " closed_cond " AND i.status = 'closed'" \
		" AND i.closed_on >= iedesk.term_start(iedesk.today())) k" \
		" CROSS JOIN LATERAL (SELECT count(*) AS open, count(*) FILTER (WHERE b.due_on < iedesk.today()) AS overdue," \
		" min(b.planned_on) AS oldest FROM iedesk.backlog b WHERE " open_cond ") o"
#define REPORT_SELECT(name, code) \
		name ", " code ", o.open::text, o.overdue::text, k.closed::text, coalesce(k.median::text, '')," \
		" coalesce(to_char(o.oldest, 'YYYY-MM-DD'), ''), CASE WHEN o.overdue > 0 THEN 1 ELSE 0 END"
#define REPORT_SUMMARY \
		"concat('This term: from ', to_char(iedesk.term_start(iedesk.today()), 'YYYY-MM-DD'), ' to ', " \
		" to_char(iedesk.today(), 'YYYY-MM-DD'), ' · ', count(*), ' rows · median days: from the visit to closing')"

#define FINDING_OVERDUE "CASE WHEN w.resolved_on IS NULL AND w.due_on < iedesk.today()" \
	" THEN iedesk.today() - w.due_on END"

static const struct list_query list_queries[DB_LIST_COUNT] = {
	[DB_LIST_DISTRICTS] = {
		.columns = "d.id, d.code, d.name, d.locale_class, d.archived_at",
		.from = "iedesk.district d",
		.filter = "d.name ILIKE " PATTERN " OR d.code ILIKE " PATTERN,
		.key_expr = { "d.name", "d.id" },
		.key_type = { "text", "bigint" },
		.select = "w.code, w.name, w.locale_class, c.schools::text, c.classrooms::text, c.centers::text,"
			" c.autism::text, c.vacant::text,"
			" CASE WHEN w.archived_at IS NOT NULL THEN 2 WHEN c.vacant > 0 THEN 1 ELSE 0 END",
		.joins = " CROSS JOIN LATERAL (SELECT count(*) AS schools,"
			" count(*) FILTER (WHERE s.has_resource_classroom) AS classrooms,"
			" count(*) FILTER (WHERE s.is_resource_center) AS centers,"
			" count(*) FILTER (WHERE s.is_autism_base) AS autism,"
			" count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM iedesk.manager_appointment a"
			" WHERE a.school_id = s.id AND a.ended_on IS NULL)) AS vacant"
			" FROM iedesk.school s WHERE s.district_id = w.id AND s.archived_at IS NULL) c",
	},
	/* Archived schools stay at their place, dim, so a district's history reads whole. */
	[DB_LIST_SCHOOLS] = {
		.has_parent = true,
		.columns = "s.id, s.name, s.stage, s.sector, s.locale, s.has_resource_classroom,"
			" s.is_resource_center, s.is_autism_base, s.archived_at",
		.from = "iedesk.school s",
		.where = "s.district_id = $2::bigint",
		.filter = "s.name ILIKE " PATTERN " OR s.name_en ILIKE " PATTERN " OR s.code ILIKE " PATTERN,
		.key_expr = { "s.name", "s.id" },
		.key_type = { "text", "bigint" },
		.select = "w.name, w.stage, w.sector, w.locale,"
			" CASE WHEN w.has_resource_classroom THEN 'R' ELSE '-' END"
			" || CASE WHEN w.is_resource_center THEN 'C' ELSE '-' END"
			" || CASE WHEN w.is_autism_base THEN 'A' ELSE '-' END,"
			" CASE WHEN w.archived_at IS NOT NULL THEN 'archived' ELSE coalesce(m.name, 'vacant') END,"
			" CASE WHEN w.archived_at IS NOT NULL THEN 2 WHEN m.name IS NULL THEN 1 ELSE 0 END",
		.joins = " LEFT JOIN LATERAL (SELECT p.name FROM iedesk.manager_appointment a"
			" JOIN iedesk.person p ON p.id = a.person_id"
			" WHERE a.school_id = w.id AND a.ended_on IS NULL LIMIT 1) m ON true",
	},
	/* Open schools with their current manager; a vacancy is dated by the day after the last
	 * appointment ended. Without a phone of their own, the manager is reached through the school's. */
	[DB_LIST_MANAGERS] = {
		.columns = "s.id, s.name, s.district_id, s.phone, m.appointment_id, m.started_on, m.person_name,"
			" m.person_phone",
		.from = "iedesk.school s LEFT JOIN LATERAL (SELECT a.id AS appointment_id, a.started_on,"
			" p.name AS person_name, p.phone AS person_phone FROM iedesk.manager_appointment a"
			" JOIN iedesk.person p ON p.id = a.person_id"
			" WHERE a.school_id = s.id AND a.ended_on IS NULL LIMIT 1) m ON true",
		.where = "s.archived_at IS NULL",
		.filter = "s.name ILIKE " PATTERN " OR m.person_name ILIKE " PATTERN,
		.key_expr = { "s.name", "s.id" },
		.key_type = { "text", "bigint" },
		.select = "w.name, coalesce(d.code, ''),"
			" CASE WHEN w.appointment_id IS NULL THEN 'vacant' ELSE w.person_name END,"
			" coalesce(to_char(coalesce(w.started_on, v.since), 'YYYY-MM-DD'), ''),"
			" coalesce(w.person_phone, w.phone, ''),"
			" CASE WHEN w.appointment_id IS NULL THEN 1 ELSE 0 END",
		.joins = " LEFT JOIN LATERAL (SELECT d.code FROM iedesk.district d WHERE d.id = w.district_id"
			" LIMIT 1) d ON true"
			" CROSS JOIN LATERAL (SELECT max(a.ended_on) + 1 AS since FROM iedesk.manager_appointment a"
			" WHERE w.appointment_id IS NULL AND a.school_id = w.id) v",
	},
	[DB_LIST_MEETINGS] = {
		.descending = true,
		.columns = "m.id, m.district_id, m.kind, m.title, m.held_on, m.status",
		.from = "iedesk.meeting m",
		.filter = "m.title ILIKE " PATTERN,
		.key_expr = { "m.held_on", "m.id" },
		.key_type = { "date", "bigint" },
		.select = "to_char(w.held_on, 'YYYY-MM-DD'), coalesce(d.code, ''),"
			" CASE w.kind WHEN 'work-conference' THEN 'conference' WHEN 'resource-center-group'"
			" THEN 'rc group' ELSE w.kind END,"
			" w.title, w.status, c.decisions::text, c.open::text,"
			" CASE WHEN c.overdue > 0 THEN 1 ELSE 0 END",
		.joins = " LEFT JOIN LATERAL (SELECT d.code FROM iedesk.district d WHERE d.id = w.district_id"
			" LIMIT 1) d ON true"
			" CROSS JOIN LATERAL (SELECT (SELECT count(*) FROM iedesk.decision x WHERE x.meeting_id = w.id)"
			" AS decisions, count(*) AS open, count(*) FILTER (WHERE ai.due_on < iedesk.today()) AS overdue"
			" FROM iedesk.decision dd JOIN iedesk.action_item ai ON ai.decision_id = dd.id"
			" WHERE dd.meeting_id = w.id AND ai.status IN ('open', 'in-progress')) c",
	},
	[DB_LIST_INSPECTIONS] = {
		INSPECTION_ROW,
		.key_expr = { "iedesk.inspection_rank(i.status)", "i.planned_on", "i.id" },
		.key_type = { "integer", "date", "bigint" },
	},
	/* The view of 0004 holds a row per school at most, so sorting it whole is bounded by the schools;
	 * the row's id is its school's, which Enter opens. */
	[DB_LIST_MANAGER_GAPS] = {
		.columns = "g.school_name, g.district_code, g.gap, g.person_name, g.since, g.details",
		.from = "iedesk.manager_gap g",
		.filter = "g.school_name ILIKE " PATTERN " OR g.person_name ILIKE " PATTERN,
		.key_expr = { "g.rank", "g.school_name", "g.school_id" },
		.key_type = { "integer", "text", "bigint" },
		.select = "w.gap, w.school_name, w.district_code, coalesce(w.person_name, ''),"
			" coalesce(to_char(w.since, 'YYYY-MM-DD'), ''), w.details,"
			" CASE WHEN w.k0 = 1 THEN 1 ELSE 0 END",
		.joins = "",
	},
	/* Archived consortia stay at their place, dim. Rural counts the current members in a town or a
	 * village: the weaker schools the consortium is there to support. */
	[DB_LIST_CONSORTIA] = {
		.has_parent = true,
		.columns = "c.id, c.code, c.name, c.kind, c.lead_school_id, c.archived_at",
		.from = "iedesk.consortium c",
		.where = "c.district_id = $2::bigint",
		.filter = "c.name ILIKE " PATTERN " OR c.code ILIKE " PATTERN,
		.key_expr = { "c.name", "c.id" },
		.key_type = { "text", "bigint" },
		.select = "w.code, w.name, " CONSORTIUM_KIND("w.kind") ", coalesce(l.name, ''),"
			" m.members::text, m.rural::text, r.shares::text,"
			" CASE WHEN w.archived_at IS NOT NULL THEN 2 ELSE 0 END",
		.joins = " LEFT JOIN LATERAL (SELECT s.name FROM iedesk.school s WHERE s.id = w.lead_school_id"
			" LIMIT 1) l ON true"
			" CROSS JOIN LATERAL (SELECT count(*) AS members,"
			" count(*) FILTER (WHERE s.locale IN ('town', 'village')) AS rural"
			" FROM iedesk.consortium_member cm JOIN iedesk.school s ON s.id = cm.school_id"
			" WHERE cm.consortium_id = w.id AND cm.left_on IS NULL) m"
			" CROSS JOIN LATERAL (SELECT count(*) AS shares FROM iedesk.shared_resource r"
			" WHERE r.consortium_id = w.id) r",
	},
	/* Sorted by the school's name, which lives in another table: no index orders the members that way,
	 * so the window sorts the consortium's members, found by the unique (consortium_id, school_id)
	 * index. A consortium has a handful of members, so that sort stays small whatever the tables hold.
	 * Former members stay, dim. */
	[DB_LIST_CONSORTIUM_MEMBERS] = {
		.has_parent = true,
		.columns = "m.id, m.consortium_id, m.school_id, m.role, m.joined_on, m.left_on,"
			" s.name AS school_name, s.locale",
		.from = "iedesk.consortium_member m JOIN iedesk.school s ON s.id = m.school_id",
		.where = "m.consortium_id = $2::bigint",
		.filter = "s.name ILIKE " PATTERN,
		.key_expr = { "s.name", "m.id" },
		.key_type = { "text", "bigint" },
		.select = "w.school_name, w.role, w.locale,"
			" CASE WHEN w.locale IN ('town', 'village') THEN 'yes' ELSE '' END,"
			" to_char(w.joined_on, 'YYYY-MM-DD'), coalesce(to_char(w.left_on, 'YYYY-MM-DD'), ''),"
			" r.shares::text, CASE WHEN w.left_on IS NOT NULL THEN 2 ELSE 0 END",
		.joins = " CROSS JOIN LATERAL (SELECT count(*) AS shares FROM iedesk.shared_resource r"
			" WHERE r.consortium_id = w.consortium_id AND r.provider_school_id = w.school_id) r",
	},
	/* Keyed by the first 200 characters of the description, as the index of 0006 is: a whole one (up to
	 * 1000 characters) can outgrow a btree entry. Ties past them fall to the id. */
	[DB_LIST_SHARED_RESOURCES] = {
		.has_parent = true,
		.columns = "r.id, r.kind, r.description, r.capacity, s.name AS provider_name",
		.from = "iedesk.shared_resource r JOIN iedesk.school s ON s.id = r.provider_school_id",
		.where = "r.consortium_id = $2::bigint",
		.filter = "r.description ILIKE " PATTERN " OR s.name ILIKE " PATTERN,
		.key_expr = { "left(r.description, 200)", "r.id" },
		.key_type = { "text", "bigint" },
		.select = "w.kind, " ONE_LINE("w.description") ", w.provider_name, coalesce(w.capacity::text, ''), 0",
		.joins = "",
	},
	[DB_LIST_TRAININGS] = {
		.descending = true,
		.columns = "t.id, t.title, t.held_on, t.hours, t.provider",
		.from = "iedesk.training t",
		.filter = "t.title ILIKE " PATTERN " OR t.provider ILIKE " PATTERN,
		.key_expr = { "t.held_on", "t.id" },
		.key_type = { "date", "bigint" },
		.select = "to_char(w.held_on, 'YYYY-MM-DD'), w.title, trim_scale(w.hours)::text,"
			" coalesce(w.provider, ''), a.attendees::text, 0",
		.joins = " CROSS JOIN LATERAL (SELECT count(*) AS attendees FROM iedesk.training_attendance ta"
			" WHERE ta.training_id = w.id) a",
	},
	/* Sorted by the person's name after the join, like the members: the unique (training_id, person_id)
	 * index finds a training's attendees, tens of them, a few hundred at most. Manages names the open
	 * schools the person is the current manager of. */
	[DB_LIST_TRAINING_ATTENDEES] = {
		.has_parent = true,
		.columns = "ta.id, p.id AS person_id, p.name AS person_name, p.phone, p.district_id",
		.from = "iedesk.training_attendance ta JOIN iedesk.person p ON p.id = ta.person_id",
		.where = "ta.training_id = $2::bigint",
		.filter = "p.name ILIKE " PATTERN,
		.key_expr = { "p.name", "ta.id" },
		.key_type = { "text", "bigint" },
		.select = "w.person_name, coalesce(d.code, ''), coalesce(w.phone, ''), coalesce(m.schools, ''), 0",
		.joins = " LEFT JOIN LATERAL (SELECT d.code FROM iedesk.district d WHERE d.id = w.district_id"
			" LIMIT 1) d ON true"
			" CROSS JOIN LATERAL (SELECT string_agg(s.name, ', ' ORDER BY s.name, s.id) AS schools"
			" FROM iedesk.manager_appointment a JOIN iedesk.school s ON s.id = a.school_id"
			" WHERE a.person_id = w.person_id AND a.ended_on IS NULL AND s.archived_at IS NULL) m",
	},
	/* Sorted by the person's name or the organisation, after the join: like the training's attendees, a
	 * meeting's (a hundred or so) are found by the unique (meeting_id, person_id) index and sorted. */
	[DB_LIST_MEETING_ATTENDEES] = {
		.has_parent = true,
		.columns = "ma.id, ma.head_count, p.phone",
		.from = "iedesk.meeting_attendee ma LEFT JOIN iedesk.person p ON p.id = ma.person_id",
		.where = "ma.meeting_id = $2::bigint",
		.filter = "p.name ILIKE " PATTERN " OR ma.organisation ILIKE " PATTERN,
		.key_expr = { "coalesce(p.name, ma.organisation)", "ma.id" },
		.key_type = { "text", "bigint" },
		.select = "w.k0, w.head_count::text, coalesce(w.phone, ''), 0",
		.joins = "",
	},
	/* The agenda and the decisions walk the (meeting_id, position, id) indexes of 0008. */
	[DB_LIST_AGENDA_ITEMS] = {
		.has_parent = true,
		.columns = "a.id, a.title, a.notes",
		.from = "iedesk.agenda_item a",
		.where = "a.meeting_id = $2::bigint",
		.filter = "a.title ILIKE " PATTERN " OR a.notes ILIKE " PATTERN,
		.key_expr = { "a.position", "a.id" },
		.key_type = { "integer", "bigint" },
		.select = "w.k0::text, w.title, coalesce(" ONE_LINE("split_part(w.notes, E'\\n', 1)") ", ''), 0",
		.joins = "",
	},
	/* Agenda is the number of the agenda item it was decided under; a decision with overdue action items
	 * is flagged. */
	[DB_LIST_DECISIONS] = {
		.has_parent = true,
		.columns = "x.id, x.text, x.agenda_item_id",
		.from = "iedesk.decision x",
		.where = "x.meeting_id = $2::bigint",
		.filter = "x.text ILIKE " PATTERN,
		.key_expr = { "x.position", "x.id" },
		.key_type = { "integer", "bigint" },
		.select = "w.k0::text, " ONE_LINE("w.text") ", coalesce(ag.position::text, ''), c.actions::text,"
			" c.open::text, CASE WHEN c.overdue > 0 THEN 1 ELSE 0 END",
		.joins = " LEFT JOIN LATERAL (SELECT ag.position FROM iedesk.agenda_item ag WHERE ag.id = w.agenda_item_id"
			" LIMIT 1) ag ON true"
			" CROSS JOIN LATERAL (SELECT count(*) AS actions,"
			" count(*) FILTER (WHERE ai.status IN ('open', 'in-progress')) AS open,"
			" count(*) FILTER (WHERE ai.status IN ('open', 'in-progress') AND ai.due_on < iedesk.today())"
			" AS overdue FROM iedesk.action_item ai WHERE ai.decision_id = w.id) c",
	},
	/* Every action item, by due date: walks the full (due_on, id) index of 0008. */
	[DB_LIST_ACTION_ITEMS] = {
		ACTION_ITEM_QUERY(NULL),
	},
	/* One decision's: walks (decision_id, due_on, id) of 0008. */
	[DB_LIST_DECISION_ACTION_ITEMS] = {
		.has_parent = true,
		ACTION_ITEM_QUERY("a.decision_id = $2::bigint"),
	},
	/* One action item's, by plan: walks (action_item_id, planned_on, id) of 0010. */
	[DB_LIST_ACTION_ITEM_INSPECTIONS] = {
		.has_parent = true,
		INSPECTION_ROW,
		.where = "i.action_item_id = $2::bigint",
		.key_expr = { "i.planned_on", "i.id" },
		.key_type = { "date", "bigint" },
	},
	/* One inspection's: unresolved first, then by due date, those without one last (a far date stands in
	 * for theirs, so the key is never NULL and the row comparison never unknown). Walks the expression
	 * index of 0010 built on the same keys. Overdue counts from iedesk.today() for an unresolved one;
	 * resolved ones are dim. */
	[DB_LIST_FINDINGS] = {
		.has_parent = true,
		.columns = "f.id, f.severity, f.text, f.due_on, f.resolved_on",
		.from = "iedesk.finding f",
		.where = "f.inspection_id = $2::bigint",
		.filter = "f.text ILIKE " PATTERN,
		.key_expr = { "(f.resolved_on IS NOT NULL)", "coalesce(f.due_on, '9999-12-31'::date)", "f.id" },
		.key_type = { "boolean", "date", "bigint" },
		.select = "w.severity, " ONE_LINE("w.text") ", coalesce(to_char(w.due_on, 'YYYY-MM-DD'), ''),"
			" coalesce(to_char(w.resolved_on, 'YYYY-MM-DD'), ''), coalesce((" FINDING_OVERDUE ")::text, ''),"
			" CASE WHEN w.resolved_on IS NOT NULL THEN 2 WHEN (" FINDING_OVERDUE ") IS NOT NULL THEN 1 ELSE 0 END",
		.joins = "",
	},
	/* The backlog, whole and by group: each walks its (group, due_on, inspection_id) index of 0011. */
	[DB_LIST_BACKLOG] = { BACKLOG_QUERY(false, NULL, "t.dimension = 'all' AND t.grp = ''") },
	[DB_LIST_BACKLOG_OF_DISTRICT] = { BACKLOG_QUERY(true, "b.district_id = $2::bigint",
		"t.dimension = 'district' AND t.grp = $2::text") },
	/* one school's few dozen rows are counted as they are */
	[DB_LIST_BACKLOG_OF_SCHOOL] = { BACKLOG_QUERY(true, "b.school_id = $2::bigint", NULL) },
	[DB_LIST_BACKLOG_OF_INSPECTOR] = { BACKLOG_QUERY(true, "b.inspector_person_id = $2::bigint",
		"t.dimension = 'inspector' AND t.grp = $2::text") },
	[DB_LIST_BACKLOG_OF_KIND] = { BACKLOG_QUERY(true, "b.kind = $2::text", "t.dimension = 'kind' AND t.grp = $2::text") },
	[DB_LIST_BACKLOG_OF_SEVERITY] = { BACKLOG_QUERY(true, "b.severity = $2::text",
		"t.dimension = 'severity' AND t.grp = $2::text") },
	/* Groups with something open, by name: they walk the name indexes of 0001 and probe the backlog's
	 * index of their dimension, for the existence and then the counts of their own rows only. */
	[DB_LIST_BACKLOG_BY_DISTRICT] = {
		.columns = "d.id, d.name, d.code",
		.from = "iedesk.district d",
		.where = "EXISTS (SELECT 1 FROM iedesk.backlog x WHERE x.district_id = d.id)",
		.filter = "d.name ILIKE " PATTERN " OR d.code ILIKE " PATTERN,
		.key_expr = { "d.name", "d.id" },
		.key_type = { "text", "bigint" },
		.select = GROUP_SELECT("w.name", "w.code"),
		.joins = TALLY_COUNTS("t.dimension = 'district' AND t.grp = w.id::text"),
		.summary = GROUP_SUMMARY("districts with open items"),
	},
	[DB_LIST_BACKLOG_BY_SCHOOL] = {
		.columns = "s.id, s.name, s.district_id",
		.from = "iedesk.school s",
		.where = "EXISTS (SELECT 1 FROM iedesk.backlog x WHERE x.school_id = s.id)",
		.filter = "s.name ILIKE " PATTERN " OR s.code ILIKE " PATTERN,
		.key_expr = { "s.name", "s.id" },
		.key_type = { "text", "bigint" },
		.select = GROUP_SELECT("w.name", "coalesce(d.code, '')"),
		.joins = " LEFT JOIN LATERAL (SELECT d.code FROM iedesk.district d WHERE d.id = w.district_id LIMIT 1) d"
			" ON true" GROUP_COUNTS("b.school_id = w.id"),
		.summary = GROUP_SUMMARY("schools with open items"),
	},
	[DB_LIST_BACKLOG_BY_INSPECTOR] = {
		.columns = "p.id, p.name, p.district_id",
		.from = "iedesk.person p",
		.where = "EXISTS (SELECT 1 FROM iedesk.backlog x WHERE x.inspector_person_id = p.id)",
		.filter = "p.name ILIKE " PATTERN,
		.key_expr = { "p.name", "p.id" },
		.key_type = { "text", "bigint" },
		.select = GROUP_SELECT("w.name", "coalesce(d.code, '')"),
		.joins = " LEFT JOIN LATERAL (SELECT d.code FROM iedesk.district d WHERE d.id = w.district_id LIMIT 1) d"
			" ON true" TALLY_COUNTS("t.dimension = 'inspector' AND t.grp = w.id::text"),
		.summary = "concat(count(*), ' inspectors with open items · ', (SELECT coalesce(sum(t.n), 0)"
			" FROM iedesk.backlog_tally t WHERE t.dimension = 'inspector' AND t.grp = ''),"
			" ' open items have no inspector')",
	},
	[DB_LIST_BACKLOG_BY_KIND] = {
		VALUE_GROUP("(0, 'itinerant-guidance'), (1, 'supervision'), (2, 'follow-up')", "kind",
			"CASE w.value WHEN 'itinerant-guidance' THEN 'itinerant guidance' ELSE w.value END"),
		.summary = GROUP_SUMMARY("kinds with open items"),
	},
	[DB_LIST_BACKLOG_BY_SEVERITY] = {
		VALUE_GROUP("(0, 'high'), (1, 'medium'), (2, 'low'), (3, 'none')", "severity",
			"CASE w.value WHEN 'none' THEN 'none (planned, or nothing open)' ELSE w.value END"),
		.summary = GROUP_SUMMARY("severities with open items"),
	},
	/* Past due and never checked: walks the (due_on, id) index of 0008 up to today, probing 0010's
	 * (action_item_id, planned_on, id) for an inspection of each. */
	[DB_LIST_UNVERIFIED] = {
		ACTION_ITEM_QUERY("a.status <> 'dropped' AND a.due_on < iedesk.today()"
			" AND NOT EXISTS (SELECT 1 FROM iedesk.inspection x WHERE x.action_item_id = a.id)"),
		.summary = "concat(count(*), ' action items past due that no inspection checks: P plans one')",
	},
	/* Every open district, and one district's schools with something open or closed this term. */
	[DB_LIST_REPORT_DISTRICTS] = {
		.columns = "d.id, d.name, d.code",
		.from = "iedesk.district d",
		.where = "d.archived_at IS NULL",
		.filter = "d.name ILIKE " PATTERN " OR d.code ILIKE " PATTERN,
		.key_expr = { "d.name", "d.id" },
		.key_type = { "text", "bigint" },
		.select = REPORT_SELECT("w.name", "w.code"),
		.joins = REPORT_FIGURES("iedesk.school s JOIN iedesk.inspection i ON i.school_id = s.id",
			"s.district_id = w.id", "b.district_id = w.id"),
		.summary = REPORT_SUMMARY,
	},
	[DB_LIST_REPORT_SCHOOLS] = {
		.has_parent = true,
		.columns = "s.id, s.name, s.district_id",
		.from = "iedesk.school s",
		.where = "s.district_id = $2::bigint AND (EXISTS (SELECT 1 FROM iedesk.backlog x WHERE x.school_id = s.id)"
			" OR EXISTS (SELECT 1 FROM iedesk.inspection x WHERE x.school_id = s.id AND x.status = 'closed'"
			" AND x.closed_on >= iedesk.term_start(iedesk.today())))",
		.filter = "s.name ILIKE " PATTERN " OR s.code ILIKE " PATTERN,
		.key_expr = { "s.name", "s.id" },
		.key_type = { "text", "bigint" },
		.select = REPORT_SELECT("w.name", "coalesce(d.code, '')"),
		.joins = " LEFT JOIN LATERAL (SELECT d.code FROM iedesk.district d WHERE d.id = w.district_id LIMIT 1) d"
			" ON true" REPORT_FIGURES("iedesk.inspection i", "i.school_id = w.id", "b.school_id = w.id"),
		.summary = REPORT_SUMMARY,
	},
};

/* ---- building the SQL, once per list and window, from the constant fragments above ---- */

static int key_count(enum db_list_kind kind)
{
	return list_defs[kind].nkeys;
}

static bool window_has_key(enum db_window where)
{
	return where == DB_WINDOW_AFTER || where == DB_WINDOW_BEFORE || where == DB_WINDOW_FROM;
}

/* BEFORE and LAST walk the display order backwards; db_rows_parse turns them round. */
static bool window_reversed(enum db_window where)
{
	return where == DB_WINDOW_BEFORE || where == DB_WINDOW_LAST;
}

/* The inner query of a window: its rows in key order from where, up to the limit. */
static void window_rows_sql(struct sql_buffer *b, const struct list_query *q, int nkeys, enum db_window where,
		const char *from, const char *only_if)
{
	bool backwards = q->descending != window_reversed(where);
	const char *dir = backwards ? " DESC" : "";
	const char *op = "";
	if (where == DB_WINDOW_AFTER)
		op = q->descending ? "<" : ">";
	else if (where == DB_WINDOW_FROM)
		op = q->descending ? "<=" : ">=";
	else if (where == DB_WINDOW_BEFORE)
		op = q->descending ? ">" : "<";

	sql_add(b, "SELECT %s", q->columns);
	for (int k = 0; k < nkeys; k++)
		sql_add(b, ", %s AS k%d", q->key_expr[k], k);
	sql_add(b, " FROM %s WHERE ", from);
	if (q->where)
		sql_add(b, "%s AND ", q->where);
	sql_add(b, "($1::text = '' OR %s)", q->filter);
	if (only_if)
		sql_add(b, " AND (%s)", only_if);
	int param = q->has_parent ? 3 : 2;
	if (window_has_key(where)) {
		sql_add(b, " AND (");
		for (int k = 0; k < nkeys; k++)
			sql_add(b, "%s%s", k ? ", " : "", q->key_expr[k]);
		sql_add(b, ") %s (", op);
		for (int k = 0; k < nkeys; k++)
			sql_add(b, "%s$%d::%s", k ? ", " : "", param++, q->key_type[k]);
		sql_add(b, ")");
	}
	sql_add(b, " ORDER BY ");
	for (int k = 0; k < nkeys; k++)
		sql_add(b, "%sk%d%s", k ? ", " : "", k, dir);
	sql_add(b, " LIMIT $%d::bigint", param);
}

static char *list_sql_build(enum db_list_kind kind, enum db_window where)
{
	const struct list_query *q = &list_queries[kind];
	int nkeys = key_count(kind);
	const char *dir = q->descending != window_reversed(where) ? " DESC" : "";

	struct sql_buffer b = { 0 };
	sql_add(&b, "SELECT %s", q->select);
	for (int k = 0; k < nkeys; k++) {
		if (!strcmp(q->key_type[k], "date"))
			sql_add(&b, ", to_char(w.k%d, 'YYYY-MM-DD')", k);
		else
			sql_add(&b, ", w.k%d::text", k);
	}
	sql_add(&b, " FROM (");
	if (q->narrow_from) {
		/* Two ways to the same rows, planned apart; the condition, evaluated once, runs one of them. */
		char *narrow = xasprintf("$1::text <> '' AND %s", q->narrow);
		char *wide = xasprintf("NOT (%s)", narrow);
		sql_add(&b, "(");
		window_rows_sql(&b, q, nkeys, where, q->from, wide);
		sql_add(&b, ") UNION ALL (");
		window_rows_sql(&b, q, nkeys, where, q->narrow_from, narrow);
		sql_add(&b, ")");
		free(wide);
		free(narrow);
	} else {
		window_rows_sql(&b, q, nkeys, where, q->from, NULL);
	}
	sql_add(&b, ") w%s ORDER BY ", q->joins);
	for (int k = 0; k < nkeys; k++)
		sql_add(&b, "%sw.k%d%s", k ? ", " : "", k, dir);
	return b.text;
}

/* Built at first use and kept for the life of the program: the same text every time, so each can
 * become a prepared statement. */
static const char *list_sql(enum db_list_kind kind, enum db_window where)
{
	static char *cache[DB_LIST_COUNT][DB_WINDOW_FROM + 1];
	if (!cache[kind][where])
		cache[kind][where] = list_sql_build(kind, where);
	return cache[kind][where];
}

/* ---- public ---- */

const struct db_list_def *db_list_def(enum db_list_kind kind)
{
	return (unsigned)kind < DB_LIST_COUNT ? &list_defs[kind] : NULL;
}

bool db_list_needs_parent(enum db_list_kind kind)
{
	return (unsigned)kind < DB_LIST_COUNT && list_queries[kind].has_parent;
}

const struct db_list_open *db_list_open_target(enum db_list_kind kind)
{
	return (unsigned)kind < DB_LIST_COUNT ? list_open[kind] : NULL;
}

void db_request_done(struct db_request *req)
{
	if (!req)
		return;
	for (int i = 0; i < req->nparams && i < DB_MAX_PARAMS; i++)
		FREE(&req->params[i]);
	req->nparams = 0;
	req->sql = NULL;
}

void db_list_request(enum db_list_kind kind, enum db_window where, char *const *key, const char *filter,
		const char *parent, int limit, struct db_request *req)
{
	memset(req, 0, sizeof(*req));
	/* A keyed window without a key has nowhere to start from: start from the top. */
	if (window_has_key(where) && !key)
		where = DB_WINDOW_FIRST;
	req->sql = list_sql(kind, where);
	req->params[req->nparams++] = xstrdup(filter ? filter : "");
	/* No district is 0: a schools list opened without one is empty rather than an error. */
	if (list_queries[kind].has_parent)
		req->params[req->nparams++] = xstrdup(parent && *parent ? parent : "0");
	if (window_has_key(where))
		for (int k = 0; k < key_count(kind); k++)
			req->params[req->nparams++] = xstrdup(key[k] ? key[k] : "");
	req->params[req->nparams++] = xasprintf("%d", limit > 0 ? limit : 1);
}

bool db_list_has_summary(enum db_list_kind kind)
{
	return (unsigned)kind < DB_LIST_COUNT && list_queries[kind].summary;
}

/* Unfiltered, a list with a tally counts its rows there; filtered, the rows the filter matches, with no
 * join when it can tell them by their own columns. */
static char *summary_sql_build(enum db_list_kind kind, bool filtered)
{
	const struct list_query *q = &list_queries[kind];
	struct sql_buffer b = { 0 };
	if (!filtered && q->tally_where) {
		sql_add(&b, "SELECT %s FROM iedesk.backlog_tally t WHERE %s AND $1::text = ''", q->tally, q->tally_where);
		return b.text;
	}
	sql_add(&b, "SELECT %s FROM %s WHERE ", q->summary, q->count_from ? q->count_from : q->from);
	if (q->where)
		sql_add(&b, "%s AND ", q->where);
	sql_add(&b, "($1::text = '' OR %s)", q->count_filter ? q->count_filter : q->filter);
	return b.text;
}

void db_list_summary_request(enum db_list_kind kind, const char *filter, const char *parent,
		struct db_request *req)
{
	static char *cache[DB_LIST_COUNT][2];
	memset(req, 0, sizeof(*req));
	if (!db_list_has_summary(kind))
		return;
	bool filtered = filter && *filter;
	if (!cache[kind][filtered])
		cache[kind][filtered] = summary_sql_build(kind, filtered);
	req->sql = cache[kind][filtered];
	req->params[req->nparams++] = xstrdup(filter ? filter : "");
	if (list_queries[kind].has_parent)
		req->params[req->nparams++] = xstrdup(parent && *parent ? parent : "0");
}

bool db_list_summary_parse(const PGresult *res, char *buf, size_t size, struct db_error *err)
{
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		db_error_from_result(err, NULL, res, "counting the list");
		return false;
	}
	if (PQntuples(res) != 1 || PQnfields(res) != 1) {
		db_error_set(err, "the list's counts came back in an unexpected shape");
		return false;
	}
	snprintf(buf, size, "%s", PQgetvalue(res, 0, 0));
	return true;
}

bool db_rows_parse(enum db_list_kind kind, enum db_window where, const PGresult *res, struct db_rows *rows,
		struct db_error *err)
{
	memset(rows, 0, sizeof(*rows));
	const struct db_list_def *def = db_list_def(kind);
	rows->ncolumns = def->ncolumns;
	rows->nkeys = def->nkeys;
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		char doing[64];
		snprintf(doing, sizeof(doing), "reading the %s", def->name);
		db_error_from_result(err, NULL, res, doing);
		return false;
	}
	int width = def->ncolumns + 1 + def->nkeys;
	if (PQnfields(res) != width) {
		db_error_set(err, "%s: the database answered with %d columns where %d were expected",
			def->name, PQnfields(res), width);
		return false;
	}
	int n = PQntuples(res);
	rows->rows = n ? xcalloc((size_t)n, sizeof(*rows->rows)) : NULL;
	rows->count = (size_t)n;
	bool reverse = window_reversed(where);
	for (int r = 0; r < n; r++) {
		struct db_row *row = &rows->rows[reverse ? n - 1 - r : r];
		row->cells = xcalloc((size_t)def->ncolumns, sizeof(*row->cells));
		row->keys = xcalloc((size_t)def->nkeys, sizeof(*row->keys));
		for (int c = 0; c < def->ncolumns; c++)
			row->cells[c] = xstrdup(PQgetvalue(res, r, c));
		row->flags = (unsigned)strtoul(PQgetvalue(res, r, def->ncolumns), NULL, 10);
		for (int k = 0; k < def->nkeys; k++)
			row->keys[k] = xstrdup(PQgetvalue(res, r, def->ncolumns + 1 + k));
	}
	return true;
}

void db_rows_done(struct db_rows *rows)
{
	if (!rows)
		return;
	for (size_t r = 0; r < rows->count; r++) {
		for (int c = 0; c < rows->ncolumns; c++)
			free(rows->rows[r].cells[c]);
		for (int k = 0; k < rows->nkeys; k++)
			free(rows->rows[r].keys[k]);
		free(rows->rows[r].cells);
		free(rows->rows[r].keys);
	}
	FREE(&rows->rows);
	rows->count = 0;
}
