/* list: a list of any db list kind, holding only a window of rows around the screen and fetching
 * the next window by keyset as the selection nears its edge, so a million rows cost what ten do. */
#include "tui/view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define LIST_MIN_CHUNK 40
#define LIST_MAX_MARKS 256        /* rows marked as changed by someone else, at most */
#define LIST_MARK "•"             /* drawn in the last cell of a row someone changed */

enum list_prompt {
	LIST_PROMPT_NONE,
	LIST_PROMPT_FILTER,         /* the filter is typed */
	LIST_PROMPT_EXPORT,         /* the export's file name is typed */
	LIST_PROMPT_CONFIRM,        /* "remove this?" waits for y */
	LIST_PROMPT_REPLACE,        /* the export's file exists: y replaces it */
};

/* A list has one query in flight at a time; its result is read as what it was sent for. */
enum list_waiting {
	LIST_WAITING_NONE,
	LIST_WAITING_WINDOW,        /* rows: list->fetch says which */
	LIST_WAITING_SUMMARY,       /* the counts line */
	LIST_WAITING_REMOVAL,       /* what D asked */
};

struct list {
	enum db_list_kind kind;
	const struct db_list_spec *def;
	char *parent;
	char *parent_code;          /* the district's code, for exports of a district's schools */
	char *parent_name;          /* what the parent is called, to prefill a new child's lookup */
	char export_file[512];
	enum list_prompt prompt;    /* what takes the keys now: the list, or one of its prompts */
	enum list_waiting waiting;  /* what the query in flight is for */
	struct db_rows rows;        /* the window, in display order */
	int top, sel;               /* first row shown, selected row: indices into rows */
	bool at_start, at_end;      /* the window holds the list's first / last row */
	bool loaded;                /* a first result has arrived */
	char filter[256];
	bool filter_selected;       /* the filter was there when / was pressed: typing replaces it */
	enum db_window fetch;       /* which window the window query in flight asks for */
	int fetch_limit;
	int target;                 /* where the selection goes once the fetch lands (window index) */
	bool has_target;
	char *reselect_id;          /* after a refresh: select this row again if it is still there */
	bool reselect_new;          /* reselect_id is a record just created: look for it from the start */
	int reselect_offset;        /* its distance from the top of the screen */
	int widths[32];             /* each column's cells as last drawn (0: not on screen), to read cut cells */
	bool drawn;                 /* widths holds a drawing's */
	char summary[1024];         /* the counts line above the columns (the backlog's), "" until it comes */
	char summary_filter[256];   /* the filter it counted: under another, the line waits for its own */
	char summary_asked[256];    /* the filter of the counts in flight */
	bool summary_wanted;        /* the counts are to be asked once the window query is answered */
	char error[1024];
	char **marks;               /* ids of rows changed meanwhile (live updates), until a key is pressed */
	size_t nmarks;
	bool refresh_wanted;        /* a change came while a prompt or a query was on: refresh after it */
};

/* Whether table is one of the space-separated words of tables. */
static bool table_in(const char *tables, const char *table)
{
	size_t len = strlen(table);
	for (const char *p = tables; tables && len && (p = strstr(p, table)); p += len)
		if ((p == tables || p[-1] == ' ') && (p[len] == ' ' || !p[len]))
			return true;
	return false;
}

/* What n, e and D do in a list that says nothing of it. */
static const struct db_list_editing no_editing = { .new_kind = -1, .edit_kind = -1 };

static const struct db_list_editing *editing_of(const struct list *list)
{
	return list->def->editing ? list->def->editing : &no_editing;
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
	return list->prompt != LIST_PROMPT_NONE || list->waiting == LIST_WAITING_WINDOW || list->waiting == LIST_WAITING_REMOVAL;
}

static int chunk_size(const struct view *view)
{
	int rows = view->ctx && view->ctx->cfg && view->ctx->cfg->page_size > 0 ? view->ctx->cfg->page_size : view->page_rows;
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
	if (list->waiting == LIST_WAITING_SUMMARY)
		list->summary_wanted = true;   /* this query takes the counts' place: ask for them again afterwards */
	if ((where == DB_WINDOW_FIRST || where == DB_WINDOW_FROM) && db_list_has_summary(list->kind))
		list->summary_wanted = true;
	list->fetch = where;
	list->fetch_limit = chunk_size(view);
	if (where == DB_WINDOW_FROM)
		list->fetch_limit += page_size(view);
	list->waiting = LIST_WAITING_WINDOW;
	intent->purpose = LIST_WAITING_WINDOW;
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
	if (list->waiting == LIST_WAITING_WINDOW || !list->rows.count)
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
		if (list->waiting != LIST_WAITING_WINDOW || list->fetch != DB_WINDOW_AFTER)
			request(view, DB_WINDOW_AFTER, intent);
		target = count - 1;
	} else if (target < 0 && !list->at_start) {
		list->target = target;
		list->has_target = true;
		if (list->waiting != LIST_WAITING_WINDOW || list->fetch != DB_WINDOW_BEFORE)
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
	if (!list->summary_wanted || list->prompt == LIST_PROMPT_FILTER || list->waiting != LIST_WAITING_NONE
			|| intent->flags & INTENT_QUERY)
		return;
	list->summary_wanted = false;
	list->waiting = LIST_WAITING_SUMMARY;
	intent->purpose = LIST_WAITING_SUMMARY;
	snprintf(list->summary_asked, sizeof(list->summary_asked), "%s", list->filter);
	db_list_summary_request(list->kind, list->filter, list->parent, &intent->query);
	intent->flags |= INTENT_QUERY;
}

static void window_result(struct view *view, const PGresult *res, const struct db_error *err,
		struct intent *intent);

/* Read as what it was asked for: the request's purpose comes back with its answer. */
static void list_result(struct view *view, unsigned purpose, const PGresult *res, const struct db_error *err,
		struct intent *intent)
{
	struct list *list = view->data;
	list->waiting = LIST_WAITING_NONE;
	intent->flags |= INTENT_REDRAW;
	switch ((enum list_waiting)purpose) {
	case LIST_WAITING_SUMMARY: {
		struct db_error perr;
		memcpy(list->summary_filter, list->summary_asked, sizeof(list->summary_filter));
		if (!res)
			snprintf(list->summary, sizeof(list->summary), "%s", err ? err->message : _("no counts"));
		else if (!db_list_summary_parse(res, list->summary, sizeof(list->summary), &perr))
			snprintf(list->summary, sizeof(list->summary), "%s", perr.message);
		break;
	}
	case LIST_WAITING_REMOVAL: {
		const struct db_list_editing *e = editing_of(list);
		intent->flags |= INTENT_MESSAGE;
		intent->message_is_error = !res || PQntuples(res) == 0;
		snprintf(intent->message, sizeof(intent->message), "%s",
			!res ? (err ? err->message : _("it failed")) : view_text(PQntuples(res) == 0 ? e->removal_none : e->removal_done));
		list_refresh(view, intent);
		break;
	}
	case LIST_WAITING_WINDOW:
	case LIST_WAITING_NONE:
		window_result(view, res, err, intent);
		break;
	}
	refresh_if_wanted(view, intent);
}

static void window_result(struct view *view, const PGresult *res, const struct db_error *err,
		struct intent *intent)
{
	struct list *list = view->data;
	if (!res) {
		snprintf(list->error, sizeof(list->error), "%s", err ? err->message : _("the query failed"));
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
static void layout(const struct db_list_spec *def, int cols, int *widths)
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

/* Text that does not fit is cut with "…", never silently: the status line then shows it whole. */
static void draw_cut(WINDOW *win, int y, int x, const char *s, int width, bool right)
{
	if (width <= 0)
		return;
	char *cut = text_cut(s, width);
	text_draw(win, y, x, cut, width, right);
	free(cut);
}

static void draw_row(WINDOW *win, int y, int cols, const struct db_list_spec *def, const int *widths,
		char *const *cells, attr_t attr)
{
	wattrset(win, attr);
	int x = 0;
	for (int i = 0; i < def->ncolumns && x < cols; i++) {
		if (!widths[i])
			continue;
		int w = widths[i] < cols - x ? widths[i] : cols - x;
		draw_cut(win, y, x, cells[i], w, def->columns[i].align == DB_ALIGN_RIGHT);
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
	const struct db_list_spec *def = list->def;
	if (db_list_has_summary(list->kind) && rows > 2) {
		wattrset(win, theme_attr(CONFIG_COLOR_STATUS) | A_BOLD);
		/* counts of another filter than the rows' would be read as theirs */
		bool counted = list->summary[0] && !strcmp(list->summary_filter, list->filter);
		const char *line = counted ? list->summary : list->prompt == LIST_PROMPT_FILTER && list->filter[0]
			? _("counts when the filter is done (Enter)") : _("counting…");
		draw_cut(win, top, 0, line, cols, false);
		wattrset(win, A_NORMAL);
		top++;
		rows--;
	}
	view->page_rows = rows - 1 > 1 ? rows - 1 : 1;
	keep_visible(view);
	/* the last cell is kept for the mark of a row someone changed */
	int row_cols = cols > 1 ? cols - 1 : cols;
	int *widths = list->widths;
	memset(list->widths, 0, sizeof(list->widths));
	layout(def, row_cols, widths);
	list->drawn = true;
	char *titles[32] = { 0 };
	for (int i = 0; i < def->ncolumns; i++)
		titles[i] = (char *)view_text(def->columns[i].title);
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
		empty = _("loading…");
	else if (!list->rows.count && list->filter[0]) {
		snprintf(line, sizeof(line), _("no rows match \"%s\" (%s)"), list->filter, view_text(def->filter_hint));
		empty = line;
	} else if (!list->rows.count)
		empty = _("no rows");
	if (empty && rows > 1) {
		wattrset(win, theme_attr(CONFIG_COLOR_DIM));
		draw_cut(win, top + 1, 1, empty, cols - 1, false);
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
	const char *name = db_row_name(list->def, row);
	if (target->is_list) {
		char title[160];
		snprintf(title, sizeof(title), _("%s: %s"), view_text(db_list_spec(target->list)->title), name);
		intent->open = view_list_new(view->ctx, target->list, id, title);
		struct list *child = intent->open->data;
		child->parent_name = xstrdup(name);
		if (target->code_column)
			child->parent_code = xstrdup(db_row_cell(list->def, row, target->code_column));
		else if (target->keeps_code && list->parent_code)
			child->parent_code = xstrdup(list->parent_code);
	} else {
		intent->open = view_detail_new(view->ctx, target->detail, id, name);
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
	return list->rows.count ? db_row_name(list->def, &list->rows.rows[list->sel]) : "";
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

void view_refuse(struct intent *intent, const char *message)
{
	intent->flags |= INTENT_MESSAGE;
	intent->message_is_error = true;
	snprintf(intent->message, sizeof(intent->message), "%s", message);
}

bool view_allowed(const struct view *view, int kind, struct intent *intent)
{
	char why[300];
	if (kind < 0 || view_may_write(view->ctx, kind, why, sizeof(why)))
		return true;
	view_refuse(intent, why);
	return false;
}

static void new_record(struct view *view, struct intent *intent)
{
	struct list *list = view->data;
	const struct db_list_editing *e = editing_of(list);
	if (e->new_kind < 0) {
		view_refuse(intent, _("records are not added from this list yet"));
		return;
	}
	if (e->row_column && !selected_id(list)) {
		view_refuse(intent, _("select a row first"));
		return;
	}
	if (!view_allowed(view, e->new_kind, intent))
		return;
	struct db_record rec;
	db_record_init(&rec, (enum db_record_kind)e->new_kind);
	if (e->parent_column && list->parent)
		preset(&rec, e->parent_column, list->parent, list->parent_name);
	if (e->row_column)
		preset(&rec, e->row_column, selected_id(list), selected_name(list));
	if (e->today_column && view_today(view->ctx))
		preset(&rec, e->today_column, view_today(view->ctx), NULL);
	intent->open = view_form_new(view->ctx, (enum db_record_kind)e->new_kind, NULL, &rec);
	intent->flags |= INTENT_OPEN;
	db_record_done(&rec);
}

/* The id of the record e edits: the row itself, or (Managers pane) its school. */
static void edit_record(struct view *view, struct intent *intent)
{
	struct list *list = view->data;
	const struct db_list_editing *e = editing_of(list);
	if (e->edit_kind < 0) {
		view_refuse(intent, _("records are not edited from this list yet"));
		return;
	}
	if (!selected_id(list) || !view_allowed(view, e->edit_kind, intent))
		return;
	intent->open = view_form_new(view->ctx, (enum db_record_kind)e->edit_kind, selected_id(list), NULL);
	intent->flags |= INTENT_OPEN;
}

static void remove_record(struct view *view, struct intent *intent)
{
	struct list *list = view->data;
	const struct db_list_editing *e = editing_of(list);
	if (!e->removal) {
		view_refuse(intent, e->removal_none ? view_text(e->removal_none) : _("nothing is removed from this list"));
		return;
	}
	if (!selected_id(list) || !view_allowed(view, e->new_kind >= 0 ? e->new_kind : e->edit_kind, intent))
		return;
	if (e->removal == DB_REMOVE_ARCHIVE) {
		intent->open = view_form_new(view->ctx, (enum db_record_kind)e->edit_kind, selected_id(list), NULL);
		view_form_ask_archive(intent->open);
		intent->flags |= INTENT_OPEN;
		return;
	}
	list->prompt = LIST_PROMPT_CONFIRM;
	intent->flags |= INTENT_REDRAW;
}

/* ---- what the pane files ask of the list ---- */

enum db_list_kind view_list_kind(const struct view *view)
{
	return ((const struct list *)view->data)->kind;
}

const char *view_list_selected_id(const struct view *view)
{
	return selected_id(view->data);
}

const char *view_list_selected_name(const struct view *view)
{
	return selected_name(view->data);
}

const char *view_list_selected_cell(const struct view *view, const char *column)
{
	const struct list *list = view->data;
	return list->rows.count ? db_row_cell(list->def, &list->rows.rows[list->sel], column) : "";
}

const char *view_list_parent(const struct view *view)
{
	return ((const struct list *)view->data)->parent;
}

const char *view_list_parent_name(const struct view *view)
{
	return ((const struct list *)view->data)->parent_name;
}

const char *view_list_parent_code(const struct view *view)
{
	return ((const struct list *)view->data)->parent_code;
}

void view_list_open(struct view *view, enum db_list_kind child, const char *parent, const char *name,
		const char *code, struct intent *intent)
{
	if (!parent && db_list_needs_parent(child))
		return;
	char title[200];
	if (name)
		snprintf(title, sizeof(title), _("%s: %s"), view_text(db_list_spec(child)->title), name);
	else
		snprintf(title, sizeof(title), "%s", view_text(db_list_spec(child)->title));
	intent->open = view_list_new(view->ctx, child, parent, title);
	struct list *opened = intent->open->data;
	if (name)
		opened->parent_name = xstrdup(name);
	if (code)
		opened->parent_code = xstrdup(code);
	intent->flags |= INTENT_OPEN;
}

void view_list_become(struct view *view, enum db_list_kind kind, struct intent *intent)
{
	struct list *list = view->data;
	list->kind = kind;
	list->def = db_list_spec(kind);
	snprintf(view->title, sizeof(view->title), "%s", view_text(list->def->title));
	db_rows_done(&list->rows);
	list->top = list->sel = 0;
	list->loaded = false;
	list->filter[0] = '\0';
	list->summary[0] = '\0';
	FREE(&list->reselect_id);
	request(view, DB_WINDOW_FIRST, intent);
}

/* The pane action that handles action in this list, if any. */
static const struct list_action *pane_action(const struct view_context *ctx, const struct list *list,
		enum config_action action)
{
	for (int p = 0; ctx && ctx->panes && p < VIEW_PANE_COUNT; p++)
		for (const struct list_action *a = ctx->panes[p]->actions; a->action != CONFIG_ACTION_NONE; a++)
			if (a->action == action && a->lists & LIST_BIT(list->kind))
				return a;
	return NULL;
}

/* The export runs with the name as typed, ~ being the home directory as a shell would have it. */
static void export_run(struct view *view, struct intent *intent)
{
	struct list *list = view->data;
	list->prompt = LIST_PROMPT_NONE;
	intent->flags |= INTENT_EXPORT;
	snprintf(intent->export.kind, sizeof(intent->export.kind), "%s", list->def->export);
	/* the report has no filter: it holds every district (or the list's one) whatever is shown */
	snprintf(intent->export.filter, sizeof(intent->export.filter), "%s",
		strcmp(list->def->export, "report") ? list->filter : "");
	snprintf(intent->export.district, sizeof(intent->export.district), "%s",
		list->parent_code ? list->parent_code : "");
	snprintf(intent->export.file, sizeof(intent->export.file), "%s", list->export_file);
}

/* "~" or "~/..." at the start of the name is the home directory; the name is shown expanded. */
static void expand_home(char *file, size_t size)
{
	const char *home = getenv("HOME");
	if (file[0] != '~' || (file[1] && file[1] != '/') || !home || !*home)
		return;
	char expanded[sizeof(((struct list *)0)->export_file)];
	int n = snprintf(expanded, sizeof(expanded), "%s%s", home, file + 1);
	if (n > 0 && (size_t)n < size && (size_t)n < sizeof(expanded))
		snprintf(file, size, "%s", expanded);
}

/* A pane's key pressed in a list where it does nothing: the status line says what it is for, rather
 * than nothing happening. False when no pane has the action (a generic key, left to the app). */
static bool refuse_elsewhere(const struct view *view, const struct view_input *in, struct intent *intent)
{
	const struct view_context *ctx = view->ctx;
	for (int p = 0; ctx && ctx->panes && p < VIEW_PANE_COUNT; p++)
		for (const struct list_action *a = ctx->panes[p]->actions; a->action != CONFIG_ACTION_NONE; a++) {
			if (a->action != in->action)
				continue;
			char key[32] = "";
			config_key_name(in->key, key, sizeof(key));
			char message[512];
			snprintf(message, sizeof(message), _("%1$s does nothing in this list. %2$s is for: %3$s."), key, key,
				_(config_action_help(in->action)));
			view_refuse(intent, message);
			return true;
		}
	return false;
}

static void export_input(struct view *view, const struct view_input *in, struct intent *intent)
{
	struct list *list = view->data;
	intent->flags |= INTENT_REDRAW;
	if (in->key == 27) {
		list->prompt = LIST_PROMPT_NONE;
	} else if (in->key == '\n') {
		if (!list->export_file[0]) {
			list->prompt = LIST_PROMPT_NONE;
			return;
		}
		expand_home(list->export_file, sizeof(list->export_file));
		struct stat st;
		if (stat(list->export_file, &st) == 0)
			list->prompt = LIST_PROMPT_REPLACE;   /* never overwrite a file unasked */
		else
			export_run(view, intent);
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
	const char *kind = list->def->export;
	if (!kind) {
		view_refuse(intent, _("this list has no export yet"));
		return;
	}
	/* named after the database's day, as YYYYMMDD */
	char day[9] = "";
	const char *today = view_today(view->ctx);
	if (today && strlen(today) == 10)
		snprintf(day, sizeof(day), "%.4s%.2s%.2s", today, today + 5, today + 8);
	snprintf(list->export_file, sizeof(list->export_file), "%s%s%s%s%s.csv", kind,
		list->parent_code ? "-" : "", list->parent_code ? list->parent_code : "", *day ? "-" : "", day);
	list->prompt = LIST_PROMPT_EXPORT;
	intent->flags |= INTENT_REDRAW;
}

static void filter_changed(struct view *view, struct intent *intent)
{
	struct list *list = view->data;
	FREE(&list->reselect_id);
	request(view, DB_WINDOW_FIRST, intent);
}

/* Ctrl-U clears the filter; after / on a list already filtered the old text is selected, so the first
 * key typed replaces it and Backspace clears it. */
static void filter_input(struct view *view, const struct view_input *in, struct intent *intent)
{
	struct list *list = view->data;
	bool selected = list->filter_selected;
	list->filter_selected = false;
	intent->flags |= INTENT_REDRAW;
	if (in->key == '\n') {
		list->prompt = LIST_PROMPT_NONE;
		ask_summary(view, intent);
	} else if (in->key == 27) {
		list->prompt = LIST_PROMPT_NONE;
		if (list->filter[0]) {
			list->filter[0] = '\0';
			filter_changed(view, intent);
		} else {
			ask_summary(view, intent);   /* what typing left wanted */
		}
	} else if (in->key == 21 || (in->key == CONFIG_KEY_BACKSPACE && selected)) {
		if (list->filter[0]) {
			list->filter[0] = '\0';
			filter_changed(view, intent);
		}
	} else if (in->key == CONFIG_KEY_BACKSPACE) {
		if (list->filter[0]) {
			text_delete_last(list->filter);
			filter_changed(view, intent);
		}
	} else if (in->key >= ' ' && in->key < CONFIG_KEY_SPECIAL && in->key != 127) {
		if (selected)
			list->filter[0] = '\0';
		if (text_append(list->filter, sizeof(list->filter), (wint_t)in->key) || selected)
			filter_changed(view, intent);
	} else {
		list->filter_selected = selected;   /* a key that does nothing here leaves the selection */
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
	switch (list->prompt) {
	case LIST_PROMPT_FILTER:
		filter_input(view, in, intent);
		return;
	case LIST_PROMPT_EXPORT:
		export_input(view, in, intent);
		return;
	case LIST_PROMPT_REPLACE:
		intent->flags |= INTENT_REDRAW;
		if (in->key == 'y')
			export_run(view, intent);
		else
			list->prompt = LIST_PROMPT_EXPORT;   /* back to the name, to change it */
		return;
	case LIST_PROMPT_CONFIRM:
		list->prompt = LIST_PROMPT_NONE;
		intent->flags |= INTENT_REDRAW;
		if (in->key == 'y' && selected_id(list)) {
			if (list->waiting == LIST_WAITING_SUMMARY)
				list->summary_wanted = true;
			list->waiting = LIST_WAITING_REMOVAL;
			intent->purpose = LIST_WAITING_REMOVAL;
			db_removal_request(editing_of(list)->removal, selected_id(list), &intent->query);
			intent->flags |= INTENT_QUERY;
		}
		return;
	case LIST_PROMPT_NONE:
		break;
	}
	int page = page_size(view);
	if (in->mouse_row >= 0) {
		/* the counts line, when there is one, sits above the columns */
		int target = list->top + in->mouse_row - (db_list_has_summary(list->kind) ? 1 : 0);
		if (target >= list->top && target < (int)list->rows.count)
			move_to(view, target, intent);
		return;
	}
	const struct list_action *mine = pane_action(view->ctx, list, in->action);
	if (mine) {
		if (view_allowed(view, mine->record, intent))
			mine->run(view, in->action, intent);
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
		list->prompt = LIST_PROMPT_FILTER;
		list->filter_selected = list->filter[0] != '\0';
		intent->flags |= INTENT_REDRAW;
		break;
	case CONFIG_ACTION_REFRESH: list_refresh(view, intent); break;
	case CONFIG_ACTION_NEW: new_record(view, intent); break;
	case CONFIG_ACTION_EDIT: edit_record(view, intent); break;
	case CONFIG_ACTION_ARCHIVE: remove_record(view, intent); break;
	case CONFIG_ACTION_EXPORT: start_export(view, intent); break;
	case CONFIG_ACTION_BACK:
		if (list->filter[0]) {
			list->filter[0] = '\0';
			filter_changed(view, intent);
		} else {
			intent->flags |= INTENT_UNHANDLED;
		}
		break;
	default:
		if (!refuse_elsewhere(view, in, intent))
			intent->flags |= INTENT_UNHANDLED;
		break;
	}
}

static void list_describe(struct view *view, char *buf, size_t size)
{
	struct list *list = view->data;
	if (list->prompt == LIST_PROMPT_FILTER && list->filter_selected) {
		snprintf(buf, size, _("Filter: [%s]_   (typing replaces it, Enter keeps it, Ctrl-U or Esc clears it)"),
			list->filter);
	} else if (list->prompt == LIST_PROMPT_FILTER) {
		snprintf(buf, size, _("Filter: %s_   (Enter keeps it, Ctrl-U or Esc clears it; matches %s)"), list->filter,
			view_text(list->def->filter_hint));
	} else if (list->prompt == LIST_PROMPT_REPLACE) {
		snprintf(buf, size, _("%s exists: y replaces it, any other key returns to the name."), list->export_file);
	} else if (list->prompt == LIST_PROMPT_EXPORT) {
		snprintf(buf, size, _("Export to file: %s_   (Enter exports, Ctrl-U clears, Esc cancels)"), list->export_file);
	} else if (list->prompt == LIST_PROMPT_CONFIRM) {
		snprintf(buf, size, _("%s %s?  y does it, any other key does not"), view_text(editing_of(list)->removal_question),
			selected_name(list));
	} else if (list->error[0]) {
		snprintf(buf, size, "%s", list->error);
	} else {
		char count[64] = "";
		if (list->rows.count && list->at_start && list->at_end)
			snprintf(count, sizeof(count), _("%d of %zu"), list->sel + 1, list->rows.count);
		const char *legend = list->def->legend ? view_text(list->def->legend) : NULL;
		int n = list->filter[0] ? snprintf(buf, size, _("%s   filter: %s"), count, list->filter)
			: snprintf(buf, size, "%s", count);
		/* the selected row's cells cut on screen (or left off it), in full */
		for (int i = 0; list->drawn && list->rows.count && i < list->def->ncolumns && n >= 0 && (size_t)n < size; i++) {
			const char *cell = list->rows.rows[list->sel].cells[i];
			if (*cell && text_width(cell) > list->widths[i])
				n += snprintf(buf + n, size - (size_t)n, _("   %s: %s"), view_text(list->def->columns[i].title), cell);
		}
		if (legend && n >= 0 && (size_t)n < size)
			snprintf(buf + n, size - (size_t)n, "   %s", legend);
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

	bool affected = false;
	for (size_t i = 0; i < count; i++) {
		bool row = table_in(list->def->rows_of, changes[i].table);
		if (!row && !table_in(list->def->shows, changes[i].table))
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
	return list->prompt != LIST_PROMPT_NONE;
}

/* Whether action does something in this list for this login: only such keys are offered. */
static bool list_does(const struct view_context *ctx, const struct list *list, enum config_action action)
{
	const struct db_list_editing *e = editing_of(list);
	const struct list_action *mine = pane_action(ctx, list, action);
	char why[8];
	int record = -1;
	if (mine) {
		record = mine->record;
	} else {
		switch (action) {
		case CONFIG_ACTION_ENTER:
			if (list->def->open)
				return true;
			record = e->edit_kind;
			if (record < 0)
				return false;
			break;
		case CONFIG_ACTION_NEW:
			if ((record = e->new_kind) < 0)
				return false;
			break;
		case CONFIG_ACTION_EDIT:
			if ((record = e->edit_kind) < 0)
				return false;
			break;
		case CONFIG_ACTION_ARCHIVE:
			if (e->removal == DB_REMOVE_NONE)
				return false;
			record = e->new_kind >= 0 ? e->new_kind : e->edit_kind;
			break;
		case CONFIG_ACTION_EXPORT:
			return list->def->export != NULL;
		case CONFIG_ACTION_MOVE_UP:
		case CONFIG_ACTION_MOVE_DOWN:
		case CONFIG_ACTION_PAGE_UP:
		case CONFIG_ACTION_PAGE_DOWN:
		case CONFIG_ACTION_FIRST:
		case CONFIG_ACTION_LAST:
		case CONFIG_ACTION_HELP:
		case CONFIG_ACTION_FILTER:
		case CONFIG_ACTION_BACK:
		case CONFIG_ACTION_QUIT:
		case CONFIG_ACTION_NEXT_VIEW:
		case CONFIG_ACTION_PREV_VIEW:
		case CONFIG_ACTION_REFRESH:
			return true;
		default:
			return false;
		}
	}
	return record < 0 || view_may_write(ctx, record, why, sizeof(why));
}

static bool list_does_op(struct view *view, enum config_action action)
{
	return list_does(view->ctx, view->data, action);
}

/* The hints its pane gives for this list, or the usual ones; either way only the keys that do something
 * here for this login (pressed anyway, the others do nothing or are refused with a sentence). */
static const struct view_hint *list_hints(struct view *view)
{
	static const struct view_hint usual[] = {
		{ CONFIG_ACTION_HELP, N_("Help") }, { CONFIG_ACTION_ENTER, NC_("hint", "Open") }, { CONFIG_ACTION_FILTER, N_("Filter") },
		{ CONFIG_ACTION_NEW, N_("New") }, { CONFIG_ACTION_EDIT, N_("Edit") }, { CONFIG_ACTION_EXPORT, N_("Export") },
		{ CONFIG_ACTION_BACK, N_("Back") }, { CONFIG_ACTION_QUIT, N_("Quit") }, { CONFIG_ACTION_NEXT_VIEW, N_("Pane") },
		{ CONFIG_ACTION_REFRESH, N_("Refresh") }, { CONFIG_ACTION_NONE, NULL },
	};
	static struct view_hint shown[16];
	const struct list *list = view->data;
	const struct view_hint *from = usual;
	for (int p = 0; view->ctx && view->ctx->panes && p < VIEW_PANE_COUNT; p++)
		for (const struct list_hints *h = view->ctx->panes[p]->hints; h && h->lists; h++)
			if (h->lists & LIST_BIT(list->kind))
				from = h->hints;
	size_t n = 0;
	for (size_t i = 0; from[i].action != CONFIG_ACTION_NONE && n + 1 < sizeof(shown) / sizeof(shown[0]); i++)
		if (list_does(view->ctx, list, from[i].action))
			shown[n++] = from[i];
	shown[n] = (struct view_hint){ CONFIG_ACTION_NONE, NULL };
	return shown;
}

static void list_saved(struct view *view, const char *id, int kind);

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
	.saved = list_saved,
	.does = list_does_op,
};

struct view *view_list_new(const struct view_context *ctx, enum db_list_kind kind, const char *parent_id,
		const char *title)
{
	struct list *list = xcalloc(1, sizeof(*list));
	list->kind = kind;
	list->def = db_list_spec(kind);
	list->parent = parent_id ? xstrdup(parent_id) : NULL;
	return view_new(&list_ops, list, ctx, title ? title : view_text(list->def->title));
}

static void list_saved(struct view *view, const char *id, int kind)
{
	if (!id || !*id)
		return;
	struct list *list = view->data;
	if (editing_of(list)->new_kind != kind)   /* an inspection planned from an action item */
		return;
	free(list->reselect_id);
	list->reselect_id = xstrdup(id);
	list->reselect_offset = list->sel - list->top;
	list->reselect_new = true;
}
