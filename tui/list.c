/* list: a list of any db list kind, holding only a window of rows around the screen and fetching
 * the next window by keyset as the selection nears its edge, so a million rows cost what ten do. */
#include "tui/view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LIST_MIN_CHUNK 40
#define LIST_MAX_MARKS 256        /* rows marked as changed by someone else, at most */
#define LIST_MARK "•"             /* drawn in the last cell of a row someone changed */

struct list {
	enum db_list_kind kind;
	const struct db_list_def *def;
	char *parent;
	char *parent_code;          /* the district's code, for exports of a district's schools */
	char *parent_name;          /* what the parent is called, to prefill a new child's lookup */
	bool exporting;             /* the export prompt takes the keys */
	char export_file[512];
	bool confirming;            /* "remove this?" waits for y */
	bool action_pending;        /* the query in flight is a removal, not a window */
	struct db_rows rows;        /* the window, in display order */
	int top, sel;               /* first row shown, selected row: indices into rows */
	bool at_start, at_end;      /* the window holds the list's first / last row */
	bool loaded;                /* a first result has arrived */
	char filter[256];
	bool editing;               /* the filter prompt takes the keys */
	bool fetching;              /* a window query is on its way */
	enum db_window fetch;       /* which */
	int fetch_limit;
	int target;                 /* where the selection goes once the fetch lands (window index) */
	bool has_target;
	char *reselect_id;          /* after a refresh: select this row again if it is still there */
	bool reselect_new;          /* reselect_id is a record just created: look for it from the start */
	int reselect_offset;        /* its distance from the top of the screen */
	char summary[1024];         /* the counts line above the columns (the backlog's), "" until it comes */
	char summary_filter[256];   /* the filter it counted: under another, the line waits for its own */
	char summary_asked[256];    /* the filter of the counts in flight */
	bool summary_wanted;        /* the counts are to be asked once the window query is answered */
	bool summary_pending;       /* the query in flight is the counts */
	char error[1024];
	char **marks;               /* ids of rows changed meanwhile (live updates), until a key is pressed */
	size_t nmarks;
	bool refresh_wanted;        /* a change came while a prompt or a query was on: refresh after it */
};

/* Which tables each list shows (0013_notify.sql's names), for live updates: a change to a row of
 * rows_of is a change to the list's row with that id (it gets the mark); one of any table in shows
 * may change what the list shows (its counts, names, order), so it refreshes. */
struct list_tables {
	const char *rows_of;
	const char *shows;
};

static const struct list_tables *tables_of(enum db_list_kind kind)
{
#define BACKLOG_TABLES { "backlog inspection", "school person district finding" }
#define GROUP_TABLES(rows) { rows, "backlog inspection finding school person district" }
	static const struct list_tables table[DB_LIST_COUNT] = {
		[DB_LIST_DISTRICTS] = { "district", "school manager_appointment" },
		[DB_LIST_SCHOOLS] = { "school", "district manager_appointment person" },
		[DB_LIST_MANAGERS] = { "school", "district manager_appointment person" },
		[DB_LIST_MEETINGS] = { "meeting", "district decision action_item" },
		[DB_LIST_INSPECTIONS] = { "inspection", "school person finding" },
		[DB_LIST_MANAGER_GAPS] = { "school", "manager_appointment person training training_attendance" },
		[DB_LIST_CONSORTIA] = { "consortium", "school consortium_member shared_resource" },
		[DB_LIST_CONSORTIUM_MEMBERS] = { "consortium_member", "school shared_resource" },
		[DB_LIST_SHARED_RESOURCES] = { "shared_resource", "school" },
		[DB_LIST_TRAININGS] = { "training", "training_attendance" },
		[DB_LIST_TRAINING_ATTENDEES] = { "training_attendance", "person district school manager_appointment" },
		[DB_LIST_MEETING_ATTENDEES] = { "meeting_attendee", "person" },
		[DB_LIST_AGENDA_ITEMS] = { "agenda_item", "" },
		[DB_LIST_DECISIONS] = { "decision", "agenda_item action_item" },
		[DB_LIST_ACTION_ITEMS] = { "action_item", "school decision meeting" },
		[DB_LIST_DECISION_ACTION_ITEMS] = { "action_item", "school decision meeting" },
		[DB_LIST_ACTION_ITEM_INSPECTIONS] = { "inspection", "school person" },
		[DB_LIST_FINDINGS] = { "finding", "" },
		[DB_LIST_BACKLOG] = BACKLOG_TABLES,
		[DB_LIST_BACKLOG_OF_DISTRICT] = BACKLOG_TABLES,
		[DB_LIST_BACKLOG_OF_SCHOOL] = BACKLOG_TABLES,
		[DB_LIST_BACKLOG_OF_INSPECTOR] = BACKLOG_TABLES,
		[DB_LIST_BACKLOG_OF_KIND] = BACKLOG_TABLES,
		[DB_LIST_BACKLOG_OF_SEVERITY] = BACKLOG_TABLES,
		[DB_LIST_BACKLOG_BY_DISTRICT] = GROUP_TABLES("district"),
		[DB_LIST_BACKLOG_BY_SCHOOL] = GROUP_TABLES("school"),
		[DB_LIST_BACKLOG_BY_INSPECTOR] = GROUP_TABLES("person"),
		[DB_LIST_BACKLOG_BY_KIND] = GROUP_TABLES(""),
		[DB_LIST_BACKLOG_BY_SEVERITY] = GROUP_TABLES(""),
		[DB_LIST_UNVERIFIED] = { "action_item", "inspection decision meeting school" },
		[DB_LIST_REPORT_DISTRICTS] = GROUP_TABLES("district"),
		[DB_LIST_REPORT_SCHOOLS] = GROUP_TABLES("school"),
	};
#undef BACKLOG_TABLES
#undef GROUP_TABLES
	static const struct list_tables none = { "", "" };
	return kind < DB_LIST_COUNT && table[kind].rows_of ? &table[kind] : &none;
}

/* Whether table is one of the space-separated words of tables. */
static bool table_in(const char *tables, const char *table)
{
	size_t len = strlen(table);
	for (const char *p = tables; len && (p = strstr(p, table)); p += len)
		if ((p == tables || p[-1] == ' ') && (p[len] == ' ' || !p[len]))
			return true;
	return false;
}

enum list_removal {
	REMOVE_NONE, REMOVE_ARCHIVE, REMOVE_END_APPOINTMENT, REMOVE_END_MEMBERSHIP,
	REMOVE_DELETE_RESOURCE, REMOVE_DELETE_ATTENDANCE, REMOVE_DELETE_ATTENDEE, REMOVE_DELETE_AGENDA_ITEM,
	REMOVE_DELETE_DECISION, REMOVE_DROP_ACTION_ITEM,
};

/* What n, e and D do in each list. */
struct list_editing {
	bool listed;                  /* false for a list the table does not mention */
	int new_kind;                 /* the record n creates (enum db_record_kind), -1 for none */
	const char *parent_column;    /* its field taken from the list's parent (a school's district) */
	const char *row_column;       /* its field taken from the selected row (an appointment's school) */
	const char *today_column;     /* its date field that starts as today */
	int edit_kind;                /* the record e edits: the selected row's id, -1 for none */
	enum list_removal removal;    /* what D does */
	const char *removal_question; /* asked with the selected row's name after it */
	const char *removal_done, *removal_none;
};

static const struct list_editing *editing_of(enum db_list_kind kind)
{
	static const struct list_editing none = { false, -1, NULL, NULL, NULL, -1, REMOVE_NONE, NULL, NULL, NULL };
	static const struct list_editing table[DB_LIST_COUNT] = {
		[DB_LIST_DISTRICTS] = { true, DB_RECORD_DISTRICT, NULL, NULL, NULL, DB_RECORD_DISTRICT, REMOVE_ARCHIVE,
			NULL, NULL, NULL },
		[DB_LIST_SCHOOLS] = { true, DB_RECORD_SCHOOL, "district_id", NULL, NULL, DB_RECORD_SCHOOL, REMOVE_ARCHIVE,
			NULL, NULL, NULL },
		[DB_LIST_MANAGERS] = { true, DB_RECORD_APPOINTMENT, NULL, "school_id", "started_on", DB_RECORD_SCHOOL,
			REMOVE_END_APPOINTMENT, "End today the current manager appointment of",
			"the appointment ended today; the school is vacant", "this school has no current manager" },
		[DB_LIST_MANAGER_GAPS] = { true, DB_RECORD_APPOINTMENT, NULL, "school_id", "started_on", DB_RECORD_SCHOOL,
			REMOVE_END_APPOINTMENT, "End today the current manager appointment of",
			"the appointment ended today; the school is vacant", "this school has no current manager" },
		[DB_LIST_MEETINGS] = { true, DB_RECORD_MEETING, NULL, NULL, "held_on", DB_RECORD_MEETING, REMOVE_NONE,
			NULL, NULL, "meetings stay on record" },
		[DB_LIST_MEETING_ATTENDEES] = { true, DB_RECORD_MEETING_ATTENDEE, "meeting_id", NULL, NULL,
			DB_RECORD_MEETING_ATTENDEE, REMOVE_DELETE_ATTENDEE, "Remove from the attendees:",
			"removed from the attendees", "already removed" },
		[DB_LIST_AGENDA_ITEMS] = { true, DB_RECORD_AGENDA_ITEM, "meeting_id", NULL, NULL, DB_RECORD_AGENDA_ITEM,
			REMOVE_DELETE_AGENDA_ITEM, "Remove the agenda item", "the agenda item is removed", "already removed" },
		[DB_LIST_DECISIONS] = { true, DB_RECORD_DECISION, "meeting_id", NULL, NULL, DB_RECORD_DECISION,
			REMOVE_DELETE_DECISION, "Remove the decision", "the decision is removed", "already removed" },
		[DB_LIST_ACTION_ITEMS] = { true, DB_RECORD_ACTION_ITEM, NULL, NULL, NULL, DB_RECORD_ACTION_ITEM,
			REMOVE_DROP_ACTION_ITEM, "Drop the action item", "the action item is dropped (it stays on record)",
			"it was already done or dropped" },
		[DB_LIST_DECISION_ACTION_ITEMS] = { true, DB_RECORD_ACTION_ITEM, "decision_id", NULL, NULL,
			DB_RECORD_ACTION_ITEM, REMOVE_DROP_ACTION_ITEM, "Drop the action item",
			"the action item is dropped (it stays on record)", "it was already done or dropped" },
		[DB_LIST_INSPECTIONS] = { true, DB_RECORD_INSPECTION, NULL, NULL, "planned_on", DB_RECORD_INSPECTION,
			REMOVE_NONE, NULL, NULL, "inspections stay on record: close them instead" },
		/* n plans one prefilled from the action item (see new_record) */
		[DB_LIST_ACTION_ITEM_INSPECTIONS] = { true, DB_RECORD_INSPECTION, "action_item_id", NULL, NULL,
			DB_RECORD_INSPECTION, REMOVE_NONE, NULL, NULL, "inspections stay on record: close them instead" },
		[DB_LIST_FINDINGS] = { true, DB_RECORD_FINDING, "inspection_id", NULL, NULL, DB_RECORD_FINDING, REMOVE_NONE,
			NULL, NULL, "findings stay on record: resolve them instead (C)" },
#define BACKLOG_EDITING { true, DB_RECORD_INSPECTION, NULL, NULL, "planned_on", DB_RECORD_INSPECTION, REMOVE_NONE, \
			NULL, NULL, "inspections stay on record: close them instead (C)" }
		[DB_LIST_BACKLOG] = BACKLOG_EDITING,
		[DB_LIST_BACKLOG_OF_DISTRICT] = BACKLOG_EDITING,
		[DB_LIST_BACKLOG_OF_SCHOOL] = BACKLOG_EDITING,
		[DB_LIST_BACKLOG_OF_INSPECTOR] = BACKLOG_EDITING,
		[DB_LIST_BACKLOG_OF_KIND] = BACKLOG_EDITING,
		[DB_LIST_BACKLOG_OF_SEVERITY] = BACKLOG_EDITING,
#undef BACKLOG_EDITING
		/* P plans the inspection that checks one (see plan_inspection) */
		[DB_LIST_UNVERIFIED] = { true, -1, NULL, NULL, NULL, DB_RECORD_ACTION_ITEM, REMOVE_DROP_ACTION_ITEM,
			"Drop the action item", "the action item is dropped (it stays on record)",
			"it was already done or dropped" },
		[DB_LIST_CONSORTIA] = { true, DB_RECORD_CONSORTIUM, "district_id", NULL, "founded_on", DB_RECORD_CONSORTIUM,
			REMOVE_ARCHIVE, NULL, NULL, NULL },
		[DB_LIST_CONSORTIUM_MEMBERS] = { true, DB_RECORD_CONSORTIUM_MEMBER, "consortium_id", NULL, "joined_on",
			DB_RECORD_CONSORTIUM_MEMBER, REMOVE_END_MEMBERSHIP, "End today the membership of",
			"the membership ended today", "that school had already left" },
		[DB_LIST_SHARED_RESOURCES] = { true, DB_RECORD_SHARED_RESOURCE, "consortium_id", NULL, NULL,
			DB_RECORD_SHARED_RESOURCE, REMOVE_DELETE_RESOURCE, "Remove the shared resource",
			"the shared resource is removed", "it was already removed" },
		[DB_LIST_TRAININGS] = { true, DB_RECORD_TRAINING, NULL, NULL, "held_on", DB_RECORD_TRAINING, REMOVE_NONE,
			NULL, NULL, "trainings stay on record" },
		[DB_LIST_TRAINING_ATTENDEES] = { true, DB_RECORD_TRAINING_ATTENDANCE, "training_id", NULL, NULL,
			DB_RECORD_TRAINING_ATTENDANCE, REMOVE_DELETE_ATTENDANCE, "Remove from this training:",
			"removed from the training", "that person was already removed" },
	};
	return kind < DB_LIST_COUNT && table[kind].listed ? &table[kind] : &none;
}

static bool is_marked(const struct list *list, const char *id)
{
	for (size_t i = 0; i < list->nmarks; i++)
		if (strcmp(list->marks[i], id) == 0)
			return true;
	return false;
}

static void clear_marks(struct list *list)
{
	for (size_t i = 0; i < list->nmarks; i++)
		free(list->marks[i]);
	FREE(&list->marks);
	list->nmarks = 0;
}

/* Nothing is asked while the user types in a prompt or while the list's own query is out (its answer
 * would be taken for the refresh's): the refresh waits for either to end. */
static bool list_busy(const struct list *list)
{
	return list->editing || list->exporting || list->confirming || list->fetching || list->action_pending;
}

static int chunk_size(const struct view *view)
{
	int rows = view->cfg && view->cfg->page_size > 0 ? view->cfg->page_size : view->page_rows;
	return rows * 2 > LIST_MIN_CHUNK ? rows * 2 : LIST_MIN_CHUNK;
}

static int page_size(const struct view *view)
{
	return view->page_rows > 1 ? view->page_rows : 1;
}

static char *const *row_key(const struct list *list, int index)
{
	return list->rows.rows[index].keys;
}

static const char *row_id(const struct list *list, int index)
{
	return list->rows.rows[index].keys[list->def->nkeys - 1];
}

static void request(struct view *view, enum db_window where, struct intent *intent)
{
	struct list *list = view->data;
	char *const *key = NULL;
	if (where == DB_WINDOW_AFTER)
		key = row_key(list, (int)list->rows.count - 1);
	else if ((where == DB_WINDOW_BEFORE || where == DB_WINDOW_FROM) && list->rows.count)
		key = row_key(list, where == DB_WINDOW_FROM ? list->top : 0);
	if (where == DB_WINDOW_FROM && !key)
		where = DB_WINDOW_FIRST;
	if (list->summary_pending) {
		/* this query takes the counts' place: ask for them again afterwards */
		list->summary_pending = false;
		list->summary_wanted = true;
	}
	if ((where == DB_WINDOW_FIRST || where == DB_WINDOW_FROM) && db_list_has_summary(list->kind))
		list->summary_wanted = true;
	list->fetch = where;
	list->fetch_limit = chunk_size(view);
	if (where == DB_WINDOW_FROM)
		list->fetch_limit += page_size(view);
	list->fetching = true;
	db_request_done(&intent->query);
	db_list_request(list->kind, where, key, list->filter, list->parent, list->fetch_limit, &intent->query);
	intent->flags |= INTENT_QUERY | INTENT_REDRAW;
}

static void keep_visible(struct view *view)
{
	struct list *list = view->data;
	int page = page_size(view);
	int count = (int)list->rows.count;
	if (list->sel >= count)
		list->sel = count - 1;
	if (list->sel < 0)
		list->sel = 0;
	if (list->sel < list->top)
		list->top = list->sel;
	if (list->sel >= list->top + page)
		list->top = list->sel - page + 1;
	if (list->top > count - page && list->at_end)
		list->top = count - page;
	if (list->top < 0)
		list->top = 0;
}

/* Fetch ahead when the screen comes within a page of the window's edge. */
static void prefetch(struct view *view, struct intent *intent)
{
	struct list *list = view->data;
	if (list->fetching || !list->rows.count)
		return;
	int page = page_size(view);
	if (!list->at_end && (int)list->rows.count - (list->top + page) < page)
		request(view, DB_WINDOW_AFTER, intent);
	else if (!list->at_start && list->top < page)
		request(view, DB_WINDOW_BEFORE, intent);
}

static void move_to(struct view *view, int target, struct intent *intent)
{
	struct list *list = view->data;
	int count = (int)list->rows.count;
	intent->flags |= INTENT_REDRAW;
	if (!count)
		return;
	if (target >= count && !list->at_end) {
		list->target = target;
		list->has_target = true;
		if (!list->fetching || list->fetch != DB_WINDOW_AFTER)
			request(view, DB_WINDOW_AFTER, intent);
		target = count - 1;
	} else if (target < 0 && !list->at_start) {
		list->target = target;
		list->has_target = true;
		if (!list->fetching || list->fetch != DB_WINDOW_BEFORE)
			request(view, DB_WINDOW_BEFORE, intent);
		target = 0;
	} else {
		list->has_target = false;
	}
	/* A page move keeps the selection where it was on the screen; a step just keeps it visible. */
	int offset = list->sel - list->top;
	bool jump = abs(target - list->sel) > 1;
	list->sel = target;
	if (jump)
		list->top = target - offset;
	keep_visible(view);
	prefetch(view, intent);
}

/* Relative moves made while a fetch is on its way add up, so no key press is lost. */
static void move_by(struct view *view, int delta, struct intent *intent)
{
	struct list *list = view->data;
	move_to(view, (list->has_target ? list->target : list->sel) + delta, intent);
}

static void list_refresh(struct view *view, struct intent *intent);
static void refresh_if_wanted(struct view *view, struct intent *intent);

static void list_open(struct view *view, struct intent *intent)
{
	request(view, DB_WINDOW_FIRST, intent);
}

static void list_refresh(struct view *view, struct intent *intent)
{
	struct list *list = view->data;
	if (list->reselect_new) {
		/* a record just created: FROM the old place could start past it */
		list->reselect_new = false;
		request(view, DB_WINDOW_FIRST, intent);
		return;
	}
	FREE(&list->reselect_id);
	if (list->rows.count) {
		list->reselect_id = xstrdup(row_id(list, list->sel));
		list->reselect_offset = list->sel - list->top;
	}
	request(view, list->at_start || !list->rows.count ? DB_WINDOW_FIRST : DB_WINDOW_FROM, intent);
}

/* Put rows (taken over) into the window, as the fetch they answer says. */
static void merge(struct view *view, struct db_rows *got)
{
	struct list *list = view->data;
	int cap = chunk_size(view) * 3;
	int n = (int)got->count;
	bool short_answer = n < list->fetch_limit;
	struct db_rows *rows = &list->rows;

	if (list->fetch == DB_WINDOW_AFTER || list->fetch == DB_WINDOW_BEFORE) {
		bool after = list->fetch == DB_WINDOW_AFTER;
		size_t total = rows->count + got->count;
		struct db_row *merged = xmalloc(total * sizeof(*merged));
		struct db_rows *first = after ? rows : got, *second = after ? got : rows;
		memcpy(merged, first->rows, first->count * sizeof(*merged));
		memcpy(merged + first->count, second->rows, second->count * sizeof(*merged));
		free(rows->rows);
		free(got->rows);
		got->rows = NULL;
		got->count = 0;
		rows->rows = merged;
		rows->count = total;
		if (after) {
			list->at_end = short_answer;
		} else {
			list->at_start = short_answer;
			list->top += n;
			list->sel += n;
			list->target += n;
		}
		/* Drop rows from the far side so the window never grows past cap. */
		int extra = (int)rows->count - cap;
		if (extra > 0) {
			struct db_rows dropped = { .ncolumns = rows->ncolumns, .nkeys = rows->nkeys, .count = (size_t)extra };
			dropped.rows = xmalloc((size_t)extra * sizeof(*dropped.rows));
			if (after) {
				memcpy(dropped.rows, rows->rows, (size_t)extra * sizeof(*dropped.rows));
				memmove(rows->rows, rows->rows + extra, (rows->count - (size_t)extra) * sizeof(*rows->rows));
				list->top -= extra;
				list->sel -= extra;
				list->target -= extra;
				list->at_start = false;
			} else {
				memcpy(dropped.rows, rows->rows + rows->count - extra, (size_t)extra * sizeof(*dropped.rows));
				list->at_end = false;
			}
			rows->count -= (size_t)extra;
			db_rows_done(&dropped);
		}
		return;
	}

	db_rows_done(rows);
	*rows = *got;
	memset(got, 0, sizeof(*got));
	list->has_target = false;
	switch (list->fetch) {
	case DB_WINDOW_FIRST:
		list->at_start = true;
		list->at_end = short_answer;
		list->top = list->sel = 0;
		break;
	case DB_WINDOW_LAST:
		list->at_end = true;
		list->at_start = short_answer;
		list->sel = n - 1;
		list->top = n - page_size(view);
		break;
	default: /* FROM: the refresh of what was on screen */
		list->at_start = false;
		list->at_end = short_answer;
		list->top = list->sel = 0;
		break;
	}
	if (list->reselect_id) {
		for (int i = 0; i < n; i++) {
			if (strcmp(row_id(list, i), list->reselect_id) == 0) {
				list->sel = i;
				list->top = i - list->reselect_offset;
				break;
			}
		}
		FREE(&list->reselect_id);
	}
}

/* The counts go once the rows are in and nothing else waits to be fetched: one query at a time. */
static void ask_summary(struct view *view, struct intent *intent)
{
	struct list *list = view->data;
	/* not while a filter is typed: counts of every prefix would be wasted work, and a key typed meanwhile
	 * would wait behind them; Enter asks for the filter's */
	if (!list->summary_wanted || list->editing || list->fetching || list->summary_pending || list->action_pending
			|| intent->flags & INTENT_QUERY)
		return;
	list->summary_wanted = false;
	list->summary_pending = true;
	snprintf(list->summary_asked, sizeof(list->summary_asked), "%s", list->filter);
	db_list_summary_request(list->kind, list->filter, list->parent, &intent->query);
	intent->flags |= INTENT_QUERY;
}

static void list_result_now(struct view *view, const PGresult *res, const struct db_error *err,
		struct intent *intent);

static void list_result(struct view *view, unsigned tag, const PGresult *res, const struct db_error *err,
		struct intent *intent)
{
	(void)tag;
	list_result_now(view, res, err, intent);
	refresh_if_wanted(view, intent);
}

static void list_result_now(struct view *view, const PGresult *res, const struct db_error *err,
		struct intent *intent)
{
	struct list *list = view->data;
	intent->flags |= INTENT_REDRAW;
	if (list->summary_pending) {
		struct db_error perr;
		list->summary_pending = false;
		memcpy(list->summary_filter, list->summary_asked, sizeof(list->summary_filter));
		if (!res)
			snprintf(list->summary, sizeof(list->summary), "%s", err ? err->message : "no counts");
		else if (!db_list_summary_parse(res, list->summary, sizeof(list->summary), &perr))
			snprintf(list->summary, sizeof(list->summary), "%s", perr.message);
		return;
	}
	if (list->action_pending) {
		const struct list_editing *e = editing_of(list->kind);
		list->action_pending = false;
		intent->flags |= INTENT_MESSAGE;
		intent->message_is_error = !res || PQntuples(res) == 0;
		snprintf(intent->message, sizeof(intent->message), "%s",
			!res ? (err ? err->message : "it failed") : PQntuples(res) == 0 ? e->removal_none : e->removal_done);
		list_refresh(view, intent);
		return;
	}
	list->fetching = false;
	if (!res) {
		snprintf(list->error, sizeof(list->error), "%s", err ? err->message : "the query failed");
		list->has_target = false;
		return;
	}
	struct db_rows got;
	struct db_error perr;
	if (!db_rows_parse(list->kind, list->fetch, res, &got, &perr)) {
		snprintf(list->error, sizeof(list->error), "%s", perr.message);
		return;
	}
	list->error[0] = '\0';
	list->loaded = true;
	if (list->fetch == DB_WINDOW_FROM && got.count == 0) {
		/* Everything from the old place on is gone: show the end instead. */
		db_rows_done(&got);
		request(view, DB_WINDOW_LAST, intent);
		return;
	}
	merge(view, &got);
	db_rows_done(&got);
	if (list->has_target) {
		/* Finish the move that waited for these rows; it fetches again if it still runs past them. */
		list->has_target = false;
		move_to(view, list->target, intent);
	} else {
		keep_visible(view);
		prefetch(view, intent);
	}
	ask_summary(view, intent);
}

/* Column widths for cols cells: fixed columns as wanted, the flexible one takes the rest; when
 * narrow, columns shrink to their minimum from the right, then the rightmost are dropped. */
static void layout(const struct db_list_def *def, int cols, int *widths)
{
	int flex = -1, used = 0;
	for (int i = 0; i < def->ncolumns; i++) {
		widths[i] = def->columns[i].width;
		if (!widths[i] && flex < 0)
			flex = i;
		used += widths[i] + (i ? 1 : 0);
	}
	int flex_min = flex >= 0 ? (def->columns[flex].min_width ? def->columns[flex].min_width : 10) : 0;
	for (int i = def->ncolumns - 1; i >= 0 && used + flex_min > cols; i--) {
		if (i == flex)
			continue;
		int shrink = widths[i] - def->columns[i].min_width;
		if (shrink > used + flex_min - cols)
			shrink = used + flex_min - cols;
		if (shrink > 0) {
			widths[i] -= shrink;
			used -= shrink;
		}
	}
	for (int i = def->ncolumns - 1; i >= 0 && used + flex_min > cols; i--) {
		if (i == flex || !widths[i])
			continue;
		used -= widths[i] + 1;
		widths[i] = 0;
	}
	if (flex >= 0)
		widths[flex] = cols - used > 0 ? cols - used : 0;
}

static void draw_row(WINDOW *win, int y, int cols, const struct db_list_def *def, const int *widths,
		char *const *cells, attr_t attr)
{
	wattrset(win, attr);
	int x = 0;
	for (int i = 0; i < def->ncolumns && x < cols; i++) {
		if (!widths[i])
			continue;
		int w = widths[i] < cols - x ? widths[i] : cols - x;
		text_draw(win, y, x, cells[i], w, def->columns[i].align == DB_ALIGN_RIGHT);
		x += w;
		if (x < cols) {
			mvwaddch(win, y, x, ' ');
			x++;
		}
	}
	for (; x < cols; x++)
		mvwaddch(win, y, x, ' ');
	wattrset(win, A_NORMAL);
}

static void list_draw(struct view *view, WINDOW *win, int top, int rows, int cols)
{
	struct list *list = view->data;
	const struct db_list_def *def = list->def;
	if (db_list_has_summary(list->kind) && rows > 2) {
		wattrset(win, theme_attr(CONFIG_COLOR_STATUS) | A_BOLD);
		/* counts of another filter than the rows' would be read as theirs */
		bool counted = list->summary[0] && !strcmp(list->summary_filter, list->filter);
		const char *line = counted ? list->summary : list->editing && list->filter[0]
			? "counts when the filter is done (Enter)" : "counting…";
		text_draw(win, top, 0, line, cols, false);
		wattrset(win, A_NORMAL);
		top++;
		rows--;
	}
	view->page_rows = rows - 1 > 1 ? rows - 1 : 1;
	keep_visible(view);
	/* the last cell is kept for the mark of a row someone changed */
	int row_cols = cols > 1 ? cols - 1 : cols;
	int widths[32] = { 0 };
	layout(def, row_cols, widths);
	char *titles[32] = { 0 };
	for (int i = 0; i < def->ncolumns; i++)
		titles[i] = (char *)def->columns[i].title;
	draw_row(win, top, cols, def, widths, titles, theme_attr(CONFIG_COLOR_HEADER));

	for (int r = 1; r < rows; r++) {
		int index = list->top + r - 1;
		int y = top + r;
		if (index >= (int)list->rows.count) {
			wmove(win, y, 0);
			wclrtoeol(win);
			continue;
		}
		const struct db_row *row = &list->rows.rows[index];
		attr_t attr = theme_attr(CONFIG_COLOR_NORMAL);
		if (index == list->sel)
			attr = theme_attr(CONFIG_COLOR_SELECTED);
		else if (row->flags & DB_ROW_ALERT)
			attr = theme_attr(CONFIG_COLOR_OVERDUE);
		else if (row->flags & DB_ROW_DIM)
			attr = theme_attr(CONFIG_COLOR_DIM);
		draw_row(win, y, cols, def, widths, row->cells, attr);
		if (row_cols < cols && list->nmarks && is_marked(list, row->keys[list->def->nkeys - 1])) {
			wattrset(win, attr | A_BOLD);
			mvwaddstr(win, y, row_cols, LIST_MARK);
			wattrset(win, A_NORMAL);
		}
	}
	const char *empty = NULL;
	char line[400];
	if (list->error[0] && !list->rows.count)
		empty = list->error;
	else if (!list->loaded)
		empty = "loading…";
	else if (!list->rows.count && list->filter[0]) {
		snprintf(line, sizeof(line), "no rows match \"%s\" (%s)", list->filter, def->filter_hint);
		empty = line;
	} else if (!list->rows.count)
		empty = "no rows";
	if (empty && rows > 1) {
		wattrset(win, theme_attr(CONFIG_COLOR_DIM));
		text_draw(win, top + 1, 1, empty, cols - 1, false);
		wattrset(win, A_NORMAL);
	}
}

static void open_selected(struct view *view, struct intent *intent)
{
	struct list *list = view->data;
	if (!list->rows.count)
		return;
	const struct db_list_open *target = db_list_open_target(list->kind);
	if (!target)
		return;
	const struct db_row *row = &list->rows.rows[list->sel];
	const char *id = row->keys[target->id_key];
	const char *name = "";
	for (int i = 0; i < list->def->ncolumns; i++)
		if (list->def->columns[i].width == 0)
			name = row->cells[i];
	if (target->is_list) {
		char title[160];
		snprintf(title, sizeof(title), "%s: %s", db_list_def(target->list)->title, name);
		intent->open = view_list_new(view->cfg, target->list, id, title);
		struct list *child = intent->open->data;
		child->parent_name = xstrdup(name);
		if (list->kind == DB_LIST_DISTRICTS)
			child->parent_code = xstrdup(row->cells[0]);
		else if (list->kind == DB_LIST_BACKLOG_BY_DISTRICT || list->kind == DB_LIST_REPORT_DISTRICTS)
			child->parent_code = xstrdup(row->cells[1]);
		else if (list->kind == DB_LIST_REPORT_SCHOOLS && list->parent_code)
			child->parent_code = xstrdup(list->parent_code);
	} else {
		intent->open = view_detail_new(view->cfg, target->detail, id, name);
	}
	intent->flags |= INTENT_OPEN;
}

/* ---- editing from a list: what n, e and D mean depends on the list ---- */

static const char *selected_id(const struct list *list)
{
	return list->rows.count ? row_id(list, list->sel) : NULL;
}

static const char *selected_name(const struct list *list)
{
	const char *name = "";
	if (!list->rows.count)
		return name;
	for (int i = 0; i < list->def->ncolumns; i++)
		if (list->def->columns[i].width == 0)
			name = list->rows.rows[list->sel].cells[i];
	return name;
}

/* Preset one field of a new record (a lookup's id with the name it shows). */
static void preset(struct db_record *rec, const char *column, const char *value, const char *name)
{
	const struct db_record_def *def = db_record_def(rec->kind);
	for (int i = 0; i < def->nfields; i++) {
		if (strcmp(def->fields[i].column, column) != 0)
			continue;
		free(rec->values[i]);
		rec->values[i] = xstrdup(value);
		if (name && rec->lookup_names) {
			free(rec->lookup_names[i]);
			rec->lookup_names[i] = xstrdup(name);
		}
	}
}

static void refuse(struct intent *intent, const char *message)
{
	intent->flags |= INTENT_MESSAGE;
	intent->message_is_error = true;
	snprintf(intent->message, sizeof(intent->message), "%s", message);
}

/* False, with the reason said, when the login's role may not save records of kind (enum db_record_kind). */
static bool allowed(int kind, struct intent *intent)
{
	char why[300];
	if (kind < 0 || view_may_write(kind, why, sizeof(why)))
		return true;
	refuse(intent, why);
	return false;
}

static void new_record(struct view *view, struct intent *intent)
{
	struct list *list = view->data;
	const struct list_editing *e = editing_of(list->kind);
	if (e->new_kind < 0) {
		refuse(intent, "records are not added from this list yet");
		return;
	}
	if (e->row_column && !selected_id(list)) {
		refuse(intent, "select a row first");
		return;
	}
	if (!allowed(e->new_kind, intent))
		return;
	if (list->kind == DB_LIST_ACTION_ITEM_INSPECTIONS && list->parent) {
		struct db_request plan;
		db_inspection_plan_request(list->parent, &plan);
		intent->open = view_form_planned(view->cfg, &plan);
		intent->flags |= INTENT_OPEN;
		return;
	}
	struct db_record rec;
	db_record_init(&rec, (enum db_record_kind)e->new_kind);
	if (e->parent_column && list->parent)
		preset(&rec, e->parent_column, list->parent, list->parent_name);
	if (e->row_column)
		preset(&rec, e->row_column, selected_id(list), selected_name(list));
	if (e->today_column && view_today())
		preset(&rec, e->today_column, view_today(), NULL);
	intent->open = view_form_new(view->cfg, (enum db_record_kind)e->new_kind, NULL, &rec);
	intent->flags |= INTENT_OPEN;
	db_record_done(&rec);
}

/* The id of the record e edits: the row itself, or (Managers pane) its school. */
static void edit_record(struct view *view, struct intent *intent)
{
	struct list *list = view->data;
	const struct list_editing *e = editing_of(list->kind);
	if (e->edit_kind < 0) {
		refuse(intent, "records are not edited from this list yet");
		return;
	}
	if (!selected_id(list) || !allowed(e->edit_kind, intent))
		return;
	intent->open = view_form_new(view->cfg, (enum db_record_kind)e->edit_kind, selected_id(list), NULL);
	intent->flags |= INTENT_OPEN;
}

static void remove_record(struct view *view, struct intent *intent)
{
	struct list *list = view->data;
	const struct list_editing *e = editing_of(list->kind);
	if (!e->removal) {
		refuse(intent, e->removal_none ? e->removal_none : "nothing is removed from this list");
		return;
	}
	if (!selected_id(list) || !allowed(e->new_kind >= 0 ? e->new_kind : e->edit_kind, intent))
		return;
	if (e->removal == REMOVE_ARCHIVE) {
		intent->open = view_form_new(view->cfg, (enum db_record_kind)e->edit_kind, selected_id(list), NULL);
		view_form_ask_archive(intent->open);
		intent->flags |= INTENT_OPEN;
		return;
	}
	list->confirming = true;
	intent->flags |= INTENT_REDRAW;
}

static void removal_request(enum list_removal removal, const char *id, struct db_request *req)
{
	switch (removal) {
	case REMOVE_END_APPOINTMENT: db_manager_end_request(id, req); break;
	case REMOVE_END_MEMBERSHIP: db_member_end_request(id, req); break;
	case REMOVE_DELETE_RESOURCE: db_shared_resource_delete_request(id, req); break;
	case REMOVE_DELETE_ATTENDANCE: db_attendance_delete_request(id, req); break;
	case REMOVE_DELETE_ATTENDEE: db_attendee_delete_request(id, req); break;
	case REMOVE_DELETE_AGENDA_ITEM: db_agenda_item_delete_request(id, req); break;
	case REMOVE_DELETE_DECISION: db_decision_delete_request(id, req); break;
	case REMOVE_DROP_ACTION_ITEM: db_action_item_drop_request(id, req); break;
	default: break;
	}
}

/* The backlog, whole or of one group, and its groups: the lists b cycles through, in order. */
static const enum db_list_kind backlog_groups[] = {
	DB_LIST_BACKLOG, DB_LIST_BACKLOG_BY_DISTRICT, DB_LIST_BACKLOG_BY_SCHOOL, DB_LIST_BACKLOG_BY_INSPECTOR,
	DB_LIST_BACKLOG_BY_KIND, DB_LIST_BACKLOG_BY_SEVERITY,
};
#define NGROUPS (int)(sizeof(backlog_groups) / sizeof(backlog_groups[0]))

static int group_index(enum db_list_kind kind)
{
	for (int i = 0; i < NGROUPS; i++)
		if (backlog_groups[i] == kind)
			return i;
	return -1;
}

static bool backlog_rows(enum db_list_kind kind)
{
	return kind >= DB_LIST_BACKLOG && kind <= DB_LIST_BACKLOG_OF_SEVERITY;
}

/* Lists where u and S apply: the backlog in any of its shapes. */
static bool in_backlog(enum db_list_kind kind)
{
	return backlog_rows(kind) || group_index(kind) >= 0;
}

/* Lists whose rows are inspections (the row's id is the inspection's). */
static bool lists_inspections(enum db_list_kind kind)
{
	return kind == DB_LIST_INSPECTIONS || kind == DB_LIST_ACTION_ITEM_INSPECTIONS || backlog_rows(kind);
}

/* b: the Backlog pane grouped by the next dimension, in place, so Esc still leaves the pane's root; after
 * the last grouping, ungrouped again. */
static void next_grouping(struct view *view, struct intent *intent)
{
	struct list *list = view->data;
	int at = group_index(list->kind);
	if (at < 0) {
		intent->flags |= INTENT_UNHANDLED;
		return;
	}
	list->kind = backlog_groups[(at + 1) % NGROUPS];
	list->def = db_list_def(list->kind);
	snprintf(view->title, sizeof(view->title), "%s", list->def->title);
	db_rows_done(&list->rows);
	list->top = list->sel = 0;
	list->loaded = false;
	list->filter[0] = '\0';
	list->summary[0] = '\0';
	FREE(&list->reselect_id);
	request(view, DB_WINDOW_FIRST, intent);
	intent->flags |= INTENT_MESSAGE;
	intent->message_is_error = false;
	snprintf(intent->message, sizeof(intent->message), "%s", list->kind == DB_LIST_BACKLOG
		? "the backlog, most overdue first (b groups it)"
		: "grouped: Enter lists a group's items, b groups by the next");
}

/* V records the visit of the selected inspection; C closes it, or resolves the selected finding. */
static void inspection_step(struct view *view, enum config_action action, struct intent *intent)
{
	struct list *list = view->data;
	enum visit_step step;
	if (list->kind == DB_LIST_FINDINGS && action == CONFIG_ACTION_CLOSE)
		step = VISIT_RESOLVE;
	else if (lists_inspections(list->kind))
		step = action == CONFIG_ACTION_VISIT ? VISIT_RECORD : VISIT_CLOSE;
	else {
		intent->flags |= INTENT_UNHANDLED;
		return;
	}
	if (!selected_id(list) || !allowed(step == VISIT_RESOLVE ? DB_RECORD_FINDING : DB_RECORD_INSPECTION, intent))
		return;
	char title[300];
	if (step == VISIT_RESOLVE)
		snprintf(title, sizeof(title), "%s", list->rows.rows[list->sel].cells[1]);
	else if (backlog_rows(list->kind))
		snprintf(title, sizeof(title), "%s, %s", selected_name(list), list->rows.rows[list->sel].cells[4]);
	else
		snprintf(title, sizeof(title), "%s, %s", list->rows.rows[list->sel].cells[0],
			list->rows.rows[list->sel].cells[2]);
	intent->open = view_visit_new(view->cfg, step, selected_id(list), title);
	intent->flags |= INTENT_OPEN;
}

/* c, m, s and t: the lists that hang off the selected row (or the list's own parent). */
static void open_related(struct view *view, enum config_action action, struct intent *intent)
{
	struct list *list = view->data;
	enum db_list_kind child = DB_LIST_COUNT;
	const char *parent = NULL, *name = NULL;
	if (action == CONFIG_ACTION_CONSORTIA && list->kind == DB_LIST_DISTRICTS) {
		child = DB_LIST_CONSORTIA;
		parent = selected_id(list);
		name = selected_name(list);
	} else if (action == CONFIG_ACTION_CONSORTIA && list->kind == DB_LIST_SCHOOLS) {
		child = DB_LIST_CONSORTIA;
		parent = list->parent;
		name = list->parent_name;
	} else if ((action == CONFIG_ACTION_MEMBERS || action == CONFIG_ACTION_RESOURCES) &&
			list->kind == DB_LIST_CONSORTIA) {
		child = action == CONFIG_ACTION_MEMBERS ? DB_LIST_CONSORTIUM_MEMBERS : DB_LIST_SHARED_RESOURCES;
		parent = selected_id(list);
		name = selected_name(list);
	} else if (action == CONFIG_ACTION_TRAININGS &&
			(list->kind == DB_LIST_MANAGERS || list->kind == DB_LIST_MANAGER_GAPS)) {
		child = DB_LIST_TRAININGS;
	} else if (action == CONFIG_ACTION_GAPS && list->kind == DB_LIST_MANAGERS) {
		child = DB_LIST_MANAGER_GAPS;
	} else if (list->kind == DB_LIST_MEETINGS && (action == CONFIG_ACTION_ATTENDEES ||
			action == CONFIG_ACTION_AGENDA || action == CONFIG_ACTION_DECISIONS)) {
		child = action == CONFIG_ACTION_ATTENDEES ? DB_LIST_MEETING_ATTENDEES :
			action == CONFIG_ACTION_AGENDA ? DB_LIST_AGENDA_ITEMS : DB_LIST_DECISIONS;
		parent = selected_id(list);
		name = selected_name(list);
	} else if (list->kind == DB_LIST_MEETINGS && action == CONFIG_ACTION_ACTIONS) {
		child = DB_LIST_ACTION_ITEMS;
	} else if (action == CONFIG_ACTION_UNVERIFIED && in_backlog(list->kind)) {
		child = DB_LIST_UNVERIFIED;
	} else if (action == CONFIG_ACTION_REPORT && in_backlog(list->kind)) {
		child = DB_LIST_REPORT_DISTRICTS;
	} else if (action == CONFIG_ACTION_INSPECTIONS &&
			(list->kind == DB_LIST_ACTION_ITEMS || list->kind == DB_LIST_DECISION_ACTION_ITEMS ||
			list->kind == DB_LIST_UNVERIFIED)) {
		child = DB_LIST_ACTION_ITEM_INSPECTIONS;
		parent = selected_id(list);
		name = selected_name(list);
	} else if (action == CONFIG_ACTION_FINDINGS && lists_inspections(list->kind)) {
		child = DB_LIST_FINDINGS;
		parent = selected_id(list);
		name = selected_name(list);
	}
	if (child == DB_LIST_COUNT) {
		intent->flags |= INTENT_UNHANDLED;
		return;
	}
	if (!parent && db_list_needs_parent(child))
		return;
	char title[200];
	if (name)
		snprintf(title, sizeof(title), "%s: %s", db_list_def(child)->title, name);
	else
		snprintf(title, sizeof(title), "%s", db_list_def(child)->title);
	intent->open = view_list_new(view->cfg, child, parent, title);
	struct list *opened = intent->open->data;
	if (name)
		opened->parent_name = xstrdup(name);
	/* a district's code goes along, for exports of its consortia */
	if (list->kind == DB_LIST_DISTRICTS && child == DB_LIST_CONSORTIA)
		opened->parent_code = xstrdup(list->rows.rows[list->sel].cells[0]);
	else if (list->kind == DB_LIST_SCHOOLS && list->parent_code)
		opened->parent_code = xstrdup(list->parent_code);
	intent->flags |= INTENT_OPEN;
}

/* R, F and A on a meeting: its one-screen record for the secretary in the room; its minutes made
 * final; an amendment of final minutes. */
static void meeting_action(struct view *view, enum config_action action, struct intent *intent)
{
	struct list *list = view->data;
	if (list->kind != DB_LIST_MEETINGS) {
		intent->flags |= INTENT_UNHANDLED;
		return;
	}
	if (!selected_id(list) || !allowed(DB_RECORD_MEETING, intent))
		return;
	if (action == CONFIG_ACTION_RECORD)
		intent->open = view_capture_new(view->cfg, selected_id(list), selected_name(list));
	else
		intent->open = view_finalise_new(view->cfg, selected_id(list), selected_name(list),
			action == CONFIG_ACTION_AMEND);
	intent->flags |= INTENT_OPEN;
}

/* P on an action item: plan a follow-up inspection of it, filled in by the database (its owner school,
 * a planned date); on a finding, a follow-up of the finding. */
static void plan_inspection(struct view *view, struct intent *intent)
{
	struct list *list = view->data;
	struct db_request plan;
	bool plans = list->kind == DB_LIST_ACTION_ITEMS || list->kind == DB_LIST_DECISION_ACTION_ITEMS ||
		list->kind == DB_LIST_UNVERIFIED || list->kind == DB_LIST_FINDINGS ||
		list->kind == DB_LIST_ACTION_ITEM_INSPECTIONS;
	if (plans && !allowed(DB_RECORD_INSPECTION, intent))
		return;
	if (list->kind == DB_LIST_ACTION_ITEMS || list->kind == DB_LIST_DECISION_ACTION_ITEMS ||
			list->kind == DB_LIST_UNVERIFIED) {
		if (!selected_id(list))
			return;
		db_inspection_plan_request(selected_id(list), &plan);
	} else if (list->kind == DB_LIST_FINDINGS) {
		if (!selected_id(list))
			return;
		db_inspection_follow_up_request(selected_id(list), &plan);
	} else if (list->kind == DB_LIST_ACTION_ITEM_INSPECTIONS && list->parent) {
		db_inspection_plan_request(list->parent, &plan);
	} else {
		intent->flags |= INTENT_UNHANDLED;
		return;
	}
	intent->open = view_form_planned(view->cfg, &plan);
	intent->flags |= INTENT_OPEN;
}

static const char *export_kind(enum db_list_kind kind)
{
	enum db_export_kind export;
	if (kind == DB_LIST_REPORT_DISTRICTS || kind == DB_LIST_REPORT_SCHOOLS)
		return "report";   /* `iedesk export report`: the summary report as CSV */
	return db_export_for_list(kind, &export) ? db_export_name(export) : NULL;
}

static void export_input(struct view *view, const struct view_input *in, struct intent *intent)
{
	struct list *list = view->data;
	intent->flags |= INTENT_REDRAW;
	if (in->key == 27) {
		list->exporting = false;
	} else if (in->key == '\n') {
		list->exporting = false;
		if (!list->export_file[0])
			return;
		intent->flags |= INTENT_EXPORT;
		snprintf(intent->export.kind, sizeof(intent->export.kind), "%s", export_kind(list->kind));
		/* the report has no filter: it holds every district (or the list's one) whatever is shown */
		snprintf(intent->export.filter, sizeof(intent->export.filter), "%s",
			strcmp(export_kind(list->kind), "report") ? list->filter : "");
		snprintf(intent->export.district, sizeof(intent->export.district), "%s",
			list->parent_code ? list->parent_code : "");
		snprintf(intent->export.file, sizeof(intent->export.file), "%s", list->export_file);
	} else if (in->key == CONFIG_KEY_BACKSPACE) {
		text_delete_last(list->export_file);
	} else if (in->key == 21) {   /* Ctrl-U: start the name afresh */
		list->export_file[0] = '\0';
	} else if (in->key >= ' ' && in->key < CONFIG_KEY_SPECIAL && in->key != 127) {
		text_append(list->export_file, sizeof(list->export_file), (wint_t)in->key);
	}
}

static void start_export(struct view *view, struct intent *intent)
{
	struct list *list = view->data;
	const char *kind = export_kind(list->kind);
	if (!kind) {
		refuse(intent, "this list has no export yet");
		return;
	}
	/* named after the database's day, as YYYYMMDD */
	char day[9] = "";
	const char *today = view_today();
	if (today && strlen(today) == 10)
		snprintf(day, sizeof(day), "%.4s%.2s%.2s", today, today + 5, today + 8);
	snprintf(list->export_file, sizeof(list->export_file), "%s%s%s%s%s.csv", kind,
		list->parent_code ? "-" : "", list->parent_code ? list->parent_code : "", *day ? "-" : "", day);
	list->exporting = true;
	intent->flags |= INTENT_REDRAW;
}

static void filter_changed(struct view *view, struct intent *intent)
{
	struct list *list = view->data;
	FREE(&list->reselect_id);
	request(view, DB_WINDOW_FIRST, intent);
}

static void filter_input(struct view *view, const struct view_input *in, struct intent *intent)
{
	struct list *list = view->data;
	intent->flags |= INTENT_REDRAW;
	if (in->key == '\n') {
		list->editing = false;
		ask_summary(view, intent);
	} else if (in->key == 27) {
		list->editing = false;
		if (list->filter[0]) {
			list->filter[0] = '\0';
			filter_changed(view, intent);
		} else {
			ask_summary(view, intent);   /* what typing left wanted */
		}
	} else if (in->key == CONFIG_KEY_BACKSPACE) {
		if (list->filter[0]) {
			text_delete_last(list->filter);
			filter_changed(view, intent);
		}
	} else if (in->key >= ' ' && in->key < CONFIG_KEY_SPECIAL && in->key != 127) {
		if (text_append(list->filter, sizeof(list->filter), (wint_t)in->key))
			filter_changed(view, intent);
	}
}

static void list_input_now(struct view *view, const struct view_input *in, struct intent *intent);

/* A key on the list: the marks of rows changed meanwhile have been seen. */
static void list_input(struct view *view, const struct view_input *in, struct intent *intent)
{
	struct list *list = view->data;
	if (list->nmarks) {
		clear_marks(list);
		intent->flags |= INTENT_REDRAW;
	}
	list_input_now(view, in, intent);
	refresh_if_wanted(view, intent);
}

static void list_input_now(struct view *view, const struct view_input *in, struct intent *intent)
{
	struct list *list = view->data;
	if (list->editing) {
		filter_input(view, in, intent);
		return;
	}
	if (list->exporting) {
		export_input(view, in, intent);
		return;
	}
	if (list->confirming) {
		list->confirming = false;
		intent->flags |= INTENT_REDRAW;
		if (in->key == 'y' && selected_id(list)) {
			if (list->summary_pending) {
				list->summary_pending = false;
				list->summary_wanted = true;
			}
			list->action_pending = true;
			removal_request(editing_of(list->kind)->removal, selected_id(list), &intent->query);
			intent->flags |= INTENT_QUERY;
		}
		return;
	}
	int page = page_size(view);
	if (in->mouse_row >= 0) {
		/* the counts line, when there is one, sits above the columns */
		int target = list->top + in->mouse_row - (db_list_has_summary(list->kind) ? 1 : 0);
		if (target >= list->top && target < (int)list->rows.count)
			move_to(view, target, intent);
		return;
	}
	switch (in->action) {
	case CONFIG_ACTION_MOVE_UP: move_by(view, -1, intent); break;
	case CONFIG_ACTION_MOVE_DOWN: move_by(view, 1, intent); break;
	case CONFIG_ACTION_PAGE_UP: move_by(view, -page, intent); break;
	case CONFIG_ACTION_PAGE_DOWN: move_by(view, page, intent); break;
	case CONFIG_ACTION_FIRST:
		if (list->at_start)
			move_to(view, 0, intent);
		else
			request(view, DB_WINDOW_FIRST, intent);
		break;
	case CONFIG_ACTION_LAST:
		if (list->at_end)
			move_to(view, (int)list->rows.count - 1, intent);
		else
			request(view, DB_WINDOW_LAST, intent);
		break;
	case CONFIG_ACTION_ENTER:
	case CONFIG_ACTION_MOVE_RIGHT:
		if (db_list_open_target(list->kind))
			open_selected(view, intent);
		else
			edit_record(view, intent);
		break;
	case CONFIG_ACTION_FILTER:
		list->editing = true;
		intent->flags |= INTENT_REDRAW;
		break;
	case CONFIG_ACTION_REFRESH: list_refresh(view, intent); break;
	case CONFIG_ACTION_NEW: new_record(view, intent); break;
	case CONFIG_ACTION_EDIT: edit_record(view, intent); break;
	case CONFIG_ACTION_ARCHIVE: remove_record(view, intent); break;
	case CONFIG_ACTION_EXPORT: start_export(view, intent); break;
	case CONFIG_ACTION_GAPS:
	case CONFIG_ACTION_CONSORTIA:
	case CONFIG_ACTION_MEMBERS:
	case CONFIG_ACTION_RESOURCES:
	case CONFIG_ACTION_TRAININGS:
	case CONFIG_ACTION_ATTENDEES:
	case CONFIG_ACTION_AGENDA:
	case CONFIG_ACTION_DECISIONS:
	case CONFIG_ACTION_ACTIONS: open_related(view, in->action, intent); break;
	case CONFIG_ACTION_INSPECTIONS:
	case CONFIG_ACTION_FINDINGS:
	case CONFIG_ACTION_UNVERIFIED:
	case CONFIG_ACTION_REPORT: open_related(view, in->action, intent); break;
	case CONFIG_ACTION_GROUP: next_grouping(view, intent); break;
	case CONFIG_ACTION_VISIT:
	case CONFIG_ACTION_CLOSE: inspection_step(view, in->action, intent); break;
	case CONFIG_ACTION_RECORD:
	case CONFIG_ACTION_FINALISE:
	case CONFIG_ACTION_AMEND: meeting_action(view, in->action, intent); break;
	case CONFIG_ACTION_PLAN: plan_inspection(view, intent); break;
	case CONFIG_ACTION_BACK:
		if (list->filter[0]) {
			list->filter[0] = '\0';
			filter_changed(view, intent);
		} else {
			intent->flags |= INTENT_UNHANDLED;
		}
		break;
	default:
		intent->flags |= INTENT_UNHANDLED;
		break;
	}
}

static void list_describe(struct view *view, char *buf, size_t size)
{
	struct list *list = view->data;
	if (list->editing) {
		snprintf(buf, size, "Filter: %s_   (Enter keeps it, Esc clears it; matches %s)", list->filter,
			list->def->filter_hint);
	} else if (list->exporting) {
		snprintf(buf, size, "Export to file: %s_   (Enter exports, Ctrl-U clears, Esc cancels)", list->export_file);
	} else if (list->confirming) {
		snprintf(buf, size, "%s %s?  y does it, any other key does not", editing_of(list->kind)->removal_question,
			selected_name(list));
	} else if (list->error[0]) {
		snprintf(buf, size, "%s", list->error);
	} else {
		char count[64] = "";
		if (list->rows.count && list->at_start && list->at_end)
			snprintf(count, sizeof(count), "%d of %zu", list->sel + 1, list->rows.count);
		snprintf(buf, size, "%s%s%s", count, list->filter[0] ? "   filter: " : "", list->filter);
	}
}

static void refresh_if_wanted(struct view *view, struct intent *intent)
{
	struct list *list = view->data;
	if (!list->refresh_wanted || list_busy(list) || intent->flags & (INTENT_QUERY | INTENT_OPEN | INTENT_BACK))
		return;
	list->refresh_wanted = false;
	list_refresh(view, intent);
}

static bool list_changed(struct view *view, const struct view_change *changes, size_t count, bool shown,
		struct intent *intent)
{
	struct list *list = view->data;
	const struct list_tables *t = tables_of(list->kind);
	bool affected = false;
	for (size_t i = 0; i < count; i++) {
		bool row = table_in(t->rows_of, changes[i].table);
		if (!row && !table_in(t->shows, changes[i].table))
			continue;
		affected = true;
		/* what the user saved here is no news to them: it shows, unmarked */
		if (row && !changes[i].own && changes[i].id[0] && list->nmarks < LIST_MAX_MARKS
				&& !is_marked(list, changes[i].id)) {
			list->marks = xrealloc(list->marks, (list->nmarks + 1) * sizeof(*list->marks));
			list->marks[list->nmarks++] = xstrdup(changes[i].id);
		}
	}
	if (!affected || !shown || !list->loaded)
		return affected;
	list->refresh_wanted = true;
	refresh_if_wanted(view, intent);
	intent->flags |= INTENT_REDRAW;
	return affected;
}

static void list_done(struct view *view)
{
	struct list *list = view->data;
	clear_marks(list);
	db_rows_done(&list->rows);
	free(list->parent);
	free(list->parent_code);
	free(list->parent_name);
	free(list->reselect_id);
	free(list);
}

static bool list_editing(const struct view *view)
{
	const struct list *list = view->data;
	return list->editing || list->exporting || list->confirming;
}

/* The record an action's key would save in this list, for hiding the keys the login's role may not use;
 * -1 when it saves nothing. */
static int record_of_action(const struct list *list, enum config_action action)
{
	switch (action) {
	case CONFIG_ACTION_NEW: return editing_of(list->kind)->new_kind;
	case CONFIG_ACTION_EDIT: return editing_of(list->kind)->edit_kind;
	case CONFIG_ACTION_VISIT: return DB_RECORD_INSPECTION;
	case CONFIG_ACTION_CLOSE: return list->kind == DB_LIST_FINDINGS ? DB_RECORD_FINDING : DB_RECORD_INSPECTION;
	default: return -1;
	}
}

/* The backlog's own keys in place of new, edit and export; elsewhere the usual ones. Either way without
 * the keys the login's role may not use (pressed anyway, they are refused with a sentence). */
static const struct view_hint *list_hints(struct view *view)
{
	static const struct view_hint backlog[] = {
		{ CONFIG_ACTION_HELP, "Help" }, { CONFIG_ACTION_ENTER, "Open" }, { CONFIG_ACTION_GROUP, "Group" },
		{ CONFIG_ACTION_VISIT, "Visit" }, { CONFIG_ACTION_FINDINGS, "Findings" }, { CONFIG_ACTION_CLOSE, "Close" },
		{ CONFIG_ACTION_UNVERIFIED, "Unverified" }, { CONFIG_ACTION_REPORT, "Report" },
		{ CONFIG_ACTION_FILTER, "Filter" }, { CONFIG_ACTION_BACK, "Back" }, { CONFIG_ACTION_NONE, NULL },
	};
	static const struct view_hint groups[] = {
		{ CONFIG_ACTION_HELP, "Help" }, { CONFIG_ACTION_ENTER, "Items" }, { CONFIG_ACTION_GROUP, "Next grouping" },
		{ CONFIG_ACTION_UNVERIFIED, "Unverified" }, { CONFIG_ACTION_REPORT, "Report" },
		{ CONFIG_ACTION_FILTER, "Filter" }, { CONFIG_ACTION_BACK, "Back" }, { CONFIG_ACTION_NONE, NULL },
	};
	static const struct view_hint usual[] = {
		{ CONFIG_ACTION_HELP, "Help" }, { CONFIG_ACTION_ENTER, "Open" }, { CONFIG_ACTION_FILTER, "Filter" },
		{ CONFIG_ACTION_NEW, "New" }, { CONFIG_ACTION_EDIT, "Edit" }, { CONFIG_ACTION_EXPORT, "Export" },
		{ CONFIG_ACTION_BACK, "Back" }, { CONFIG_ACTION_QUIT, "Quit" }, { CONFIG_ACTION_NEXT_VIEW, "Pane" },
		{ CONFIG_ACTION_REFRESH, "Refresh" }, { CONFIG_ACTION_NONE, NULL },
	};
	static struct view_hint shown[16];
	const struct list *list = view->data;
	const struct view_hint *from = backlog_rows(list->kind) ? backlog : group_index(list->kind) >= 0 ? groups : usual;
	size_t n = 0;
	char why[8];
	for (size_t i = 0; from[i].action != CONFIG_ACTION_NONE && n + 1 < sizeof(shown) / sizeof(shown[0]); i++) {
		int record = record_of_action(list, from[i].action);
		if (record < 0 || view_may_write(record, why, sizeof(why)))
			shown[n++] = from[i];
	}
	shown[n] = (struct view_hint){ CONFIG_ACTION_NONE, NULL };
	return shown;
}

static const struct view_ops list_ops = {
	.name = "list",
	.open = list_open,
	.draw = list_draw,
	.input = list_input,
	.result = list_result,
	.reload = list_refresh,
	.describe = list_describe,
	.hints = list_hints,
	.editing = list_editing,
	.changed = list_changed,
	.done = list_done,
};

struct view *view_list_new(const struct config *cfg, enum db_list_kind kind, const char *parent_id,
		const char *title)
{
	struct list *list = xcalloc(1, sizeof(*list));
	list->kind = kind;
	list->def = db_list_def(kind);
	list->parent = parent_id ? xstrdup(parent_id) : NULL;
	return view_new(&list_ops, list, cfg, title ? title : list->def->title);
}

void view_list_reselect(struct view *view, const char *id, int kind)
{
	if (view->ops != &list_ops || !id || !*id)
		return;
	struct list *list = view->data;
	if (editing_of(list->kind)->new_kind != kind)   /* an inspection planned from an action item */
		return;
	free(list->reselect_id);
	list->reselect_id = xstrdup(id);
	list->reselect_offset = list->sel - list->top;
	list->reselect_new = true;
}

bool view_captures_keys(const struct view *view)
{
	return view->ops->editing && view->ops->editing(view);
}

struct view *view_new(const struct view_ops *ops, void *data, const struct config *cfg, const char *title)
{
	struct view *view = xcalloc(1, sizeof(*view));
	view->ops = ops;
	view->data = data;
	view->cfg = cfg;
	view->page_rows = 20;
	snprintf(view->title, sizeof(view->title), "%s", title);
	return view;
}

void view_free(struct view *view)
{
	if (!view)
		return;
	view->ops->done(view);
	db_request_done(&view->deferred);
	free(view);
}
