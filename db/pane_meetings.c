/* pane_meetings: the Meetings pane in specs: its lists (columns, query, what Enter opens, what it watches and
 * edits) — meetings, their attendees, agenda and decisions, and the action items decided (every one, one
 * decision's, or those past due that no inspection checks) — the records they edit and the meeting's detail. */
#include "db/private.h"

static const struct db_column meeting_columns[] = {
	{ "date", N_("Date"), 10, 10, DB_ALIGN_LEFT, DB_CELL_DATE },
	{ "dist", N_("Dist."), 5, 2, DB_ALIGN_LEFT, DB_CELL_TEXT },
	{ "kind", N_("Kind"), 11, 6, DB_ALIGN_LEFT, DB_CELL_WORD },
	{ "title", N_("Title"), 0, 12, DB_ALIGN_LEFT, DB_CELL_TEXT },
	{ "status", N_("Status"), 8, 5, DB_ALIGN_LEFT, DB_CELL_WORD },
	{ "dec", N_("Dec."), 4, 2, DB_ALIGN_RIGHT, DB_CELL_TEXT },
	{ "open", N_("Open"), 4, 2, DB_ALIGN_RIGHT, DB_CELL_TEXT },
};

static const struct db_column meeting_attendee_columns[] = {
	{ "attendee", N_("Attendee"), 0, 12, DB_ALIGN_LEFT, DB_CELL_TEXT },
	{ "count", N_("Count"), 5, 3, DB_ALIGN_RIGHT, DB_CELL_TEXT },
	{ "phone", N_("Phone"), 13, 8, DB_ALIGN_LEFT, DB_CELL_TEXT },
};

static const struct db_column agenda_item_columns[] = {
	{ "no", N_("No."), 4, 3, DB_ALIGN_RIGHT, DB_CELL_TEXT },
	{ "title", N_("Title"), 0, 12, DB_ALIGN_LEFT, DB_CELL_TEXT },
	{ "notes", N_("Notes"), 30, 8, DB_ALIGN_LEFT, DB_CELL_TEXT },
};

static const struct db_column decision_columns[] = {
	{ "no", N_("No."), 4, 3, DB_ALIGN_RIGHT, DB_CELL_TEXT },
	{ "decision", N_("Decision"), 0, 16, DB_ALIGN_LEFT, DB_CELL_TEXT },
	{ "agenda", N_("Agenda"), 6, 3, DB_ALIGN_RIGHT, DB_CELL_TEXT },
	{ "actions", N_("Actions"), 7, 3, DB_ALIGN_RIGHT, DB_CELL_TEXT },
	{ "open", N_("Open"), 4, 2, DB_ALIGN_RIGHT, DB_CELL_TEXT },
};

static const struct db_column action_item_columns[] = {
	{ "due", N_("Due"), 10, 10, DB_ALIGN_LEFT, DB_CELL_DATE },
	{ "action", N_("Action"), 0, 14, DB_ALIGN_LEFT, DB_CELL_TEXT },
	{ "owner", N_("Owner"), 14, 6, DB_ALIGN_LEFT, DB_CELL_TEXT },
	{ "status", N_("Status"), 11, 4, DB_ALIGN_LEFT, DB_CELL_WORD },
	{ "overdue", N_("Overdue"), 7, 3, DB_ALIGN_RIGHT, DB_CELL_TEXT },
	{ "meeting", N_("Meeting"), 10, 5, DB_ALIGN_LEFT, DB_CELL_DATE },
};

/* The unverified decisions are read away from their meeting: its title goes with its date. */
static const struct db_column unverified_columns[] = {
	{ "due", N_("Due"), 10, 10, DB_ALIGN_LEFT, DB_CELL_DATE },
	{ "action", N_("Action"), 0, 14, DB_ALIGN_LEFT, DB_CELL_TEXT },
	{ "owner", N_("Owner"), 14, 6, DB_ALIGN_LEFT, DB_CELL_TEXT },
	{ "status", N_("Status"), 11, 4, DB_ALIGN_LEFT, DB_CELL_WORD },
	{ "overdue", N_("Overdue"), 7, 3, DB_ALIGN_RIGHT, DB_CELL_TEXT },
	{ "meeting", N_("Meeting"), 19, 10, DB_ALIGN_LEFT, DB_CELL_TEXT },
};

/* D on an action item: dropped, never deleted. */
#define DROPS_ACTION_ITEM .removal = DB_REMOVE_DROP_ACTION_ITEM, .removal_question = N_("Drop the action item"), \
	.removal_done = N_("the action item is dropped (it stays on record)"), .removal_none = N_("it was already done or dropped")

/* An action item's row, with or without its decision as the parent: overdue counts the days past due of
 * one still open or in progress (from iedesk.today()); done and dropped ones are dim. The meeting is its
 * decision's. */
#define ACTION_ITEM_OVERDUE "CASE WHEN w.status IN ('open', 'in-progress') AND w.k0 < iedesk.today()" \
	" THEN iedesk.today() - w.k0 END"

#define ACTION_ITEM_QUERY(parent_where) ACTION_ITEM_QUERY_SHOWING(parent_where, "to_char(m.held_on, 'YYYY-MM-DD')")
#define ACTION_ITEM_QUERY_SHOWING(parent_where, meeting) \
		.columns = "a.id, a.decision_id, a.text, a.owner_unit, a.status, s.name AS owner_school", \
		.from = "iedesk.action_item a LEFT JOIN iedesk.school s ON s.id = a.owner_school_id", \
		.where = parent_where, \
		.filter = "a.text ILIKE " PATTERN " OR a.owner_unit ILIKE " PATTERN " OR " NAME_MATCHES("s"), \
		.key_expr = { "a.due_on", "a.id" }, \
		.key_type = { "date", "bigint" }, \
		.select = "to_char(w.k0, 'YYYY-MM-DD'), " ONE_LINE("w.text") ", coalesce(w.owner_school, w.owner_unit, ''),"\
			" w.status, coalesce((" ACTION_ITEM_OVERDUE ")::text, ''), coalesce(" meeting ", ''),"\
			" CASE WHEN (" ACTION_ITEM_OVERDUE ") IS NOT NULL THEN 1 WHEN w.status IN ('done', 'dropped') THEN 2"\
			" ELSE 0 END", \
		.joins = " LEFT JOIN LATERAL (SELECT m.held_on, m.title FROM iedesk.decision d JOIN iedesk.meeting m" \
			" ON m.id = d.meeting_id WHERE d.id = w.decision_id LIMIT 1) m ON true"

const struct db_list_spec db_list_meetings = {
	.name = "meetings", .title = N_("Meetings"), .filter_hint = N_("title"),
	COLUMNS(meeting_columns), .nkeys = 2,
	.open = OPEN(.detail = DB_DETAIL_MEETING, .id_key = 1),
	.rows_of = "meeting", .shows = "district decision action_item meeting_amendment",
	.editing = EDITING(.new_kind = DB_RECORD_MEETING, .today_column = "held_on", .edit_kind = DB_RECORD_MEETING,
		.removal_none = N_("meetings stay on record")),
	.export = "meetings",
	.query = &(const struct db_list_query){
		.descending = true,
		.columns = "m.id, m.district_id, m.kind, m.title, m.held_on, m.status",
		.from = "iedesk.meeting m",
		.filter = "m.title ILIKE " PATTERN,
		.key_expr = { "m.held_on", "m.id" },
		.key_type = { "date", "bigint" },
		.select = "to_char(w.held_on, 'YYYY-MM-DD'), coalesce(d.code, ''),"
			" CASE w.kind WHEN 'work-conference' THEN 'conference' WHEN 'resource-center-group'"
			" THEN 'rc group' ELSE w.kind END,"
			/* final minutes with an amendment open are being changed: say so, as the detail does */
			" w.title, CASE WHEN w.status = 'final' AND EXISTS (SELECT 1 FROM iedesk.meeting_amendment a"
			" WHERE a.meeting_id = w.id AND a.closed_at IS NULL) THEN 'amending' ELSE w.status END,"
			" c.decisions::text, c.open::text,"
			" CASE WHEN c.overdue > 0 THEN 1 ELSE 0 END",
		.joins = " LEFT JOIN LATERAL (SELECT d.code FROM iedesk.district d WHERE d.id = w.district_id"
			" LIMIT 1) d ON true"
			" CROSS JOIN LATERAL (SELECT (SELECT count(*) FROM iedesk.decision x WHERE x.meeting_id = w.id)"
			" AS decisions, count(*) AS open, count(*) FILTER (WHERE ai.due_on < iedesk.today()) AS overdue"
			" FROM iedesk.decision dd JOIN iedesk.action_item ai ON ai.decision_id = dd.id"
			" WHERE dd.meeting_id = w.id AND ai.status IN ('open', 'in-progress')) c",
	},
};

/* Sorted by the person's name or the organisation, after the join: like the training's attendees, a
 * meeting's (a hundred or so) are found by the unique (meeting_id, person_id) index and sorted. */
const struct db_list_spec db_list_meeting_attendees = {
	.name = "meeting-attendees", .title = N_("Attendees"), .filter_hint = N_("person or organisation"),
	COLUMNS(meeting_attendee_columns), .nkeys = 2,
	.rows_of = "meeting_attendee", .shows = "person",
	.editing = EDITING(.new_kind = DB_RECORD_MEETING_ATTENDEE, .parent_column = "meeting_id",
		.edit_kind = DB_RECORD_MEETING_ATTENDEE, .removal = DB_REMOVE_DELETE_ATTENDEE,
		.removal_question = N_("Remove from the attendees:"), .removal_done = N_("removed from the attendees"),
		.removal_none = N_("already removed")),
	.query = &(const struct db_list_query){
		.has_parent = true,
		.columns = "ma.id, ma.head_count, p.phone",
		.from = "iedesk.meeting_attendee ma LEFT JOIN iedesk.person p ON p.id = ma.person_id",
		.where = "ma.meeting_id = $2::bigint",
		.filter = NAME_MATCHES("p") " OR ma.organisation ILIKE " PATTERN,
		.key_expr = { "coalesce(p.name, ma.organisation)", "ma.id" },
		.key_type = { "text", "bigint" },
		.select = "w.k0, w.head_count::text, coalesce(w.phone, ''), 0",
		.joins = "",
	},
};

/* The agenda and the decisions walk the (meeting_id, position, id) indexes of 0008. */
const struct db_list_spec db_list_agenda_items = {
	.name = "agenda-items", .title = N_("Agenda"), .filter_hint = N_("title or notes"),
	COLUMNS(agenda_item_columns), .nkeys = 2,
	.rows_of = "agenda_item", .shows = "",
	.editing = EDITING(.new_kind = DB_RECORD_AGENDA_ITEM, .parent_column = "meeting_id",
		.edit_kind = DB_RECORD_AGENDA_ITEM, .removal = DB_REMOVE_DELETE_AGENDA_ITEM,
		.removal_question = N_("Remove the agenda item"), .removal_done = N_("the agenda item is removed"),
		.removal_none = N_("already removed")),
	.query = &(const struct db_list_query){
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
};

/* Agenda is the number of the agenda item it was decided under; a decision with overdue action items
 * is flagged. */
const struct db_list_spec db_list_decisions = {
	.name = "decisions", .title = N_("Decisions"), .filter_hint = N_("text"),
	COLUMNS(decision_columns), .nkeys = 2,
	.open = OPEN(.is_list = true, .list = DB_LIST_DECISION_ACTION_ITEMS, .id_key = 1),
	.rows_of = "decision", .shows = "agenda_item action_item",
	.editing = EDITING(.new_kind = DB_RECORD_DECISION, .parent_column = "meeting_id",
		.edit_kind = DB_RECORD_DECISION, .removal = DB_REMOVE_DELETE_DECISION,
		.removal_question = N_("Remove the decision"), .removal_done = N_("the decision is removed"),
		.removal_none = N_("already removed")),
	.query = &(const struct db_list_query){
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
};

/* Every action item, by due date: walks the full (due_on, id) index of 0008. */
const struct db_list_spec db_list_action_items = {
	.name = "action-items", .title = N_("Action items"), .filter_hint = N_("text or owner"),
	COLUMNS(action_item_columns), .nkeys = 2,
	.rows_of = "action_item", .shows = "school decision meeting",
	.editing = EDITING(.new_kind = DB_RECORD_ACTION_ITEM, .edit_kind = DB_RECORD_ACTION_ITEM,
		DROPS_ACTION_ITEM),
	.export = "action-items",
	.query = &(const struct db_list_query){
		ACTION_ITEM_QUERY(NULL),
	},
};

/* One decision's: walks (decision_id, due_on, id) of 0008. */
const struct db_list_spec db_list_decision_action_items = {
	.name = "decision-action-items", .title = N_("Action items"), .filter_hint = N_("text or owner"),
	COLUMNS(action_item_columns), .nkeys = 2,
	.rows_of = "action_item", .shows = "school decision meeting",
	.editing = EDITING(.new_kind = DB_RECORD_ACTION_ITEM, .parent_column = "decision_id",
		.edit_kind = DB_RECORD_ACTION_ITEM, DROPS_ACTION_ITEM),
	.query = &(const struct db_list_query){
		.has_parent = true,
		ACTION_ITEM_QUERY("a.decision_id = $2::bigint"),
	},
};

/* Past due and never checked: walks the (due_on, id) index of 0008 up to today, probing 0010's
 * (action_item_id, planned_on, id) for an inspection of each. */
const struct db_list_spec db_list_unverified = {
	.name = "unverified", .title = N_("Unverified decisions"), .filter_hint = N_("text or owner"),
	COLUMNS(unverified_columns), .nkeys = 2,
	.rows_of = "action_item", .shows = "inspection decision meeting school",
	.editing = EDITING(.new_kind = -1, .edit_kind = DB_RECORD_ACTION_ITEM, DROPS_ACTION_ITEM),
	.query = &(const struct db_list_query){
		ACTION_ITEM_QUERY_SHOWING("a.status <> 'dropped' AND a.due_on < iedesk.today()"
			" AND NOT EXISTS (SELECT 1 FROM iedesk.inspection x WHERE x.action_item_id = a.id)",
			"concat_ws(' ', " DATE("m.held_on") ", m.title)"),
		.summary = MESSAGE("summary-unverified", "count(*)"),
	},
};

/* ---- the records edited here: each one's form, described once (the schema of 0001 is the truth) ---- */

static const char *const meeting_kind_choices[] = {
	"work-conference", "committee", "resource-center-group", "home-school", "other", NULL
};
static const char *const action_status_choices[] = { "open", "in-progress", "done", "dropped", NULL };

/* status (draft/final) is no form field: a new meeting is a draft by the schema's default, and finalising
 * is its own step (finalised_at goes with it). */
static const struct db_field meeting_fields[] = {
	LOOKUP_FIELD("district_id", N_("District"), true, DB_LOOKUP_DISTRICT),
	CHOICE_FIELD("kind", N_("Kind"), true, meeting_kind_choices, NULL),
	TEXT_FIELD("title", N_("Title"), true, 200, NULL),
	DATE_FIELD("held_on", N_("Held on"), true),
	TEXT_FIELD("location", N_("Location"), false, 200, NULL),
	LOOKUP_FIELD("chair_person_id", N_("Chair"), false, DB_LOOKUP_PERSON),
	LOOKUP_FIELD("secretary_person_id", N_("Secretary"), false, DB_LOOKUP_PERSON),
	MULTILINE_FIELD("summary", N_("Summary"), false, 4000),
};

const struct db_record_def db_record_meeting = {
	.name = "meeting", .title = N_("Meeting"), .table = "iedesk.meeting",
	FIELDS(meeting_fields),
};

/* A person, or an organisation sending head_count people (the schema wants exactly one of the two). */
static const struct db_field meeting_attendee_fields[] = {
	LOOKUP_FIELD("meeting_id", N_("Meeting"), true, DB_LOOKUP_MEETING),
	LOOKUP_FIELD("person_id", N_("Person"), false, DB_LOOKUP_PERSON),
	TEXT_FIELD("organisation", N_("Organisation"), false, 200, N_("instead of a person")),
	INT_FIELD("head_count", N_("Head count"), true, 1, 100000, N_("people it sent; a person is 1")),
};

const struct db_record_def db_record_meeting_attendee = {
	.name = "meeting-attendee", .title = N_("Meeting attendee"), .table = "iedesk.meeting_attendee",
	FIELDS(meeting_attendee_fields),
	.defaults = DEFAULTS({ "head_count", "1" }),
};

static const struct db_field agenda_item_fields[] = {
	LOOKUP_FIELD("meeting_id", N_("Meeting"), true, DB_LOOKUP_MEETING),
	INT_FIELD("position", N_("No."), true, 1, 999, N_("place on the agenda")),
	TEXT_FIELD("title", N_("Title"), true, 200, NULL),
	MULTILINE_FIELD("notes", N_("Notes"), false, 4000),
};

const struct db_record_def db_record_agenda_item = {
	.name = "agenda-item", .title = N_("Agenda item"), .table = "iedesk.agenda_item",
	FIELDS(agenda_item_fields),
};

static const struct db_field decision_fields[] = {
	LOOKUP_FIELD("meeting_id", N_("Meeting"), true, DB_LOOKUP_MEETING),
	LOOKUP_FIELD("agenda_item_id", N_("Agenda item"), false, DB_LOOKUP_AGENDA_ITEM),
	INT_FIELD("position", N_("No."), true, 1, 999, N_("decision number")),
	MULTILINE_FIELD("text", N_("Decision"), true, 2000),
};

const struct db_record_def db_record_decision = {
	.name = "decision", .title = N_("Decision"), .table = "iedesk.decision",
	FIELDS(decision_fields),
};

static const struct db_field action_item_fields[] = {
	LOOKUP_FIELD("decision_id", N_("Decision"), true, DB_LOOKUP_DECISION),
	MULTILINE_FIELD("text", N_("Action"), true, 2000),
	LOOKUP_FIELD("owner_school_id", N_("Owner school"), false, DB_LOOKUP_SCHOOL),
	TEXT_FIELD("owner_unit", N_("Owner unit"), false, 100, N_("a school, a unit or both")),
	DATE_FIELD("due_on", N_("Due"), true),
	CHOICE_FIELD("status", N_("Status"), true, action_status_choices, N_("open, in-progress, done or dropped")),
	DATE_FIELD("done_on", N_("Done on"), false),
};

const struct db_record_def db_record_action_item = {
	.name = "action-item", .title = N_("Action item"), .table = "iedesk.action_item",
	FIELDS(action_item_fields),
	.defaults = DEFAULTS({ "status", "open" }),
};

/* ---- the details Enter opens here ---- */

/* Final minutes say since when and by whom; while an amendment is open, that too. */
#define FINAL_SINCE "CASE WHEN m.finalised_by IS NULL THEN " MESSAGE("final-since", DATE_TIME("m.finalised_at")) \
	" ELSE " MESSAGE("final-since-by", DATE_TIME("m.finalised_at"), SQL_LOGIN("m.finalised_by")) " END"
#define OVERDUE_ITEM "ai.status IN ('open', 'in-progress') AND ai.due_on < iedesk.today()"

static const char meeting_sql[] = DETAIL_HEAD
	"SELECT 0 AS part, 0::bigint AS pos, '' AS section, '' AS label, m.title AS value"
	" FROM iedesk.meeting m WHERE m.id = $1::bigint"
	" UNION ALL"
	" SELECT 1, v.pos, " LABEL("meeting") ", v.label, coalesce(v.value, '')"
	" FROM iedesk.meeting m JOIN iedesk.district d ON d.id = m.district_id"
	" LEFT JOIN iedesk.person chair ON chair.id = m.chair_person_id"
	" LEFT JOIN iedesk.person secretary ON secretary.id = m.secretary_person_id"
	" LEFT JOIN iedesk.meeting_amendment oa ON oa.meeting_id = m.id AND oa.closed_at IS NULL,"
	" LATERAL (VALUES (1, " LABEL("title") ", m.title), (2, " LABEL("date") ", " DATE("m.held_on") "),"
	"  (3, " LABEL("district") ", " MESSAGE("name-code", "d.name", "d.code") "), (4, " LABEL("kind") ", " WORD("m.kind") "),"
	"  (5, " LABEL("location") ", m.location), (6, " LABEL("chair") ", chair.name),"
	"  (7, " LABEL("secretary") ", secretary.name),"
	"  (8, " LABEL("status") ", CASE WHEN m.status = 'final' THEN coalesce(" PHRASE("final-amending", FINAL_SINCE,
		DATE_TIME("oa.opened_at"), SQL_LOGIN("oa.opened_by")) ", " FINAL_SINCE ")"
	"   ELSE " WORD("m.status") " END),"
	"  (9, " LABEL("summary") ", m.summary),"
	"  (10, " LABEL("minutes") ", 'iedesk minutes ' || m.id || ' --format md')) v(pos, label, value)"
	" WHERE m.id = $1::bigint"
	" UNION ALL"
	" SELECT 2, 0, " LABEL("attendees") ", " LABEL("total") ", " MESSAGE("people", "sum(a.head_count)")
	" FROM iedesk.meeting_attendee a WHERE a.meeting_id = $1::bigint HAVING count(*) > 0"
	" UNION ALL"
	" SELECT 2, row_number() OVER (ORDER BY a.id), " LABEL("attendees") ", '',"
	" coalesce(p.name, " PHRASE("organisation-count", "a.organisation", "a.head_count") ")"
	" FROM iedesk.meeting_attendee a LEFT JOIN iedesk.person p ON p.id = a.person_id"
	" WHERE a.meeting_id = $1::bigint"
	" UNION ALL"
	" SELECT 3, ai.position * 2 + v.sub, " LABEL("agenda") ", v.label, v.value"
	" FROM iedesk.agenda_item ai,"
	" LATERAL (VALUES (0, ai.position || '.', ai.title), (1, '', ai.notes)) v(sub, label, value)"
	" WHERE ai.meeting_id = $1::bigint AND v.value IS NOT NULL"
	" UNION ALL"
	" SELECT 4, dd.position, " LABEL("decisions") ", dd.position || '.', dd.text"
	" FROM iedesk.decision dd WHERE dd.meeting_id = $1::bigint"
	" UNION ALL"
	" SELECT 5, row_number() OVER (ORDER BY dd.position, ai.due_on, ai.id), " LABEL("action-items") ","
	" CASE WHEN " OVERDUE_ITEM " THEN " WORD("'overdue'") " ELSE " WORD("ai.status") " END,"
	" " MESSAGE("action-line", "ai.text", "concat_ws(' / ', s.name, ai.owner_unit)",
		MESSAGE("list", PHRASE("due-on", DATE("ai.due_on")), PHRASE("done-on", DATE("ai.done_on")),
			"CASE WHEN " OVERDUE_ITEM " THEN " PHRASE("days-overdue", "iedesk.today() - ai.due_on") " END"),
		"dd.position")
	" FROM iedesk.decision dd JOIN iedesk.action_item ai ON ai.decision_id = dd.id"
	" LEFT JOIN iedesk.school s ON s.id = ai.owner_school_id"
	" WHERE dd.meeting_id = $1::bigint"
	" UNION ALL"
	/* the amendments of final minutes, under the day they were opened */
	" SELECT 6, row_number() OVER (ORDER BY a.opened_at, a.id), " LABEL("amendments") ", " DATE_TIME("a.opened_at") ","
	" " MESSAGE("amendment", SQL_LOGIN("a.opened_by"), "a.reason",
		"coalesce(" PHRASE("final-again", DATE_TIME("a.closed_at"), SQL_LOGIN("a.closed_by")) ", " WORD("'open'") ")")
	" FROM iedesk.meeting_amendment a WHERE a.meeting_id = $1::bigint"
	DETAIL_HISTORY("meeting", "")
	DETAIL_TAIL;

const struct db_detail_spec db_detail_meeting = {
	.sql = meeting_sql,
	.shows = "meeting meeting_attendee agenda_item decision action_item person meeting_amendment "
		"inspection school district",
};
