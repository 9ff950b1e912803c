/* visit: an inspection's steps that are not a form, on one screen each — record its visit (V: a date and a
 * summary), close it (C), resolve a finding (C on a finding: a date and what was done) — each one
 * version-checked statement. */
#include "tui/view.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum visit_state {
	STATE_LOADING,          /* reading the record for its version (and, for a visit, its values) */
	STATE_EDITING,          /* the fields of a visit or a resolution */
	STATE_ASKING,           /* close: y or not */
	STATE_ASKING_ACTION,    /* closing the check of an action item: is the item done too? */
	STATE_SENDING,          /* the statement is on its way */
	STATE_CONFIRM_DISCARD,  /* Esc with text typed: really throw it away? */
};

/* A visit's date and summary, or a resolution's date and what was done. */
enum visit_field { FIELD_DATE, FIELD_SUMMARY, FIELD_COUNT };

struct visit {
	const struct view_context *ctx;
	enum visit_step step;
	char *id, *title;
	struct db_record loaded;   /* the record as read (values NULL until it is) */
	enum visit_state state;
	/* the visit as typed */
	char *text[FIELD_COUNT];
	int cursor[FIELD_COUNT];
	int focus;
	bool dirty;                /* typed and not saved */
	bool save_when_loaded;     /* F2 came before the record (or its reload) did */
	bool stale;                /* a conflict: the version is read again before the next try */
	bool action_item_done;     /* closing: the action item it checks is recorded done with it */
	struct view_status status;
	int cursor_y, cursor_x;
	bool show_cursor;
};

static enum db_record_kind record_kind(const struct visit *v)
{
	return v->step == VISIT_RESOLVE ? DB_RECORD_FINDING : DB_RECORD_INSPECTION;
}

/* The steps with fields: a visit and a resolution. */
static bool has_fields(const struct visit *v)
{
	return v->step != VISIT_CLOSE;
}

/* The record's columns the two fields are. */
static const char *field_column(const struct visit *v, int field)
{
	if (v->step == VISIT_RESOLVE)
		return field == FIELD_DATE ? "resolved_on" : "resolution_note";
	return field == FIELD_DATE ? "visited_on" : "summary";
}

/* The loaded value of column ("" when NULL or not loaded). */
static const char *loaded_value(const struct visit *v, const char *column)
{
	const struct db_record_def *def = db_record_def(record_kind(v));
	for (int i = 0; v->loaded.values && i < def->nfields; i++)
		if (strcmp(def->fields[i].column, column) == 0)
			return v->loaded.values[i] ? v->loaded.values[i] : "";
	return "";
}

/* The name the loaded record's lookup column shows (its id when it has none). */
static const char *loaded_name(const struct visit *v, const char *column)
{
	const struct db_record_def *def = db_record_def(record_kind(v));
	for (int i = 0; v->loaded.lookup_names && i < def->nfields; i++)
		if (strcmp(def->fields[i].column, column) == 0 && v->loaded.lookup_names[i])
			return v->loaded.lookup_names[i];
	return loaded_value(v, column);
}

/* Back to the view below, with a message; changed reloads it, keeping the record selected. */
static void finish(struct visit *v, struct intent *intent, bool changed, bool error, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
static void finish(struct visit *v, struct intent *intent, bool changed, bool error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(intent->message, sizeof(intent->message), fmt, ap);
	va_end(ap);
	intent->flags |= INTENT_BACK | INTENT_MESSAGE | INTENT_REDRAW | (changed ? INTENT_RELOAD : 0);
	intent->message_is_error = error;
	if (changed) {
		snprintf(intent->select_id, sizeof(intent->select_id), "%s", v->id);
		intent->select_kind = record_kind(v);
	}
}

static void load(struct visit *v, struct intent *intent)
{
	db_record_load_request(record_kind(v), v->id, &intent->query);
	v->state = STATE_LOADING;
	intent->flags |= INTENT_QUERY | INTENT_REDRAW;
}

static void visit_open(struct view *view, struct intent *intent)
{
	load(view->data, intent);
}

/* text without the blanks around it, allocated. */
static char *trimmed(const char *text)
{
	const char *s = text ? text : "";
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	char *out = xstrdup(s);
	out[n] = '\0';
	return out;
}

/* The date word becomes its date by the one parser (db/date.c), shown in the field, so a malformed date
 * never reaches the server; a resolution is not dated after today (the database refuses it too, 0025),
 * nor before the visit (the database says so, 0010). Then sent (after reading the version again when
 * someone else saved first). */
static void save(struct visit *v, struct intent *intent)
{
	intent->flags |= INTENT_REDRAW;
	if (v->state == STATE_LOADING) {
		v->save_when_loaded = true;
		return;
	}
	if (v->state != STATE_EDITING)
		return;
	char *date = trimmed(v->text[FIELD_DATE]);
	const char *today = view_today(v->ctx);
	if (*date) {
		char day[11], why[400];
		if (!db_date_shortcut(date, today, day, why, sizeof(why))) {
			v->focus = FIELD_DATE;
			view_status_set(&v->status, true, "%s; empty is today; nothing was saved", why);
			free(date);
			return;
		}
		if (strcmp(day, date) != 0) {   /* the word typed becomes its date, in sight */
			free(v->text[FIELD_DATE]);
			v->text[FIELD_DATE] = xstrdup(day);
			v->cursor[FIELD_DATE] = (int)strlen(day);
			free(date);
			date = xstrdup(day);
		}
		if (v->step == VISIT_RESOLVE && today && strcmp(date, today) > 0) {
			v->focus = FIELD_DATE;
			view_status_set(&v->status, true, "%s is after today (%s): a finding is resolved on a day that has come;"
				" nothing was saved", date, today);
			free(date);
			return;
		}
	}
	const struct db_record_def *def = db_record_def(record_kind(v));
	for (int i = 0; i < def->nfields; i++) {
		char why[256];
		if (strcmp(def->fields[i].column, field_column(v, FIELD_SUMMARY)) == 0
				&& !db_field_check(&def->fields[i], v->text[FIELD_SUMMARY] ? v->text[FIELD_SUMMARY] : "", why,
					sizeof(why))) {
			v->focus = FIELD_SUMMARY;
			view_status_set(&v->status, true, "%s; nothing was saved", why);
			free(date);
			return;
		}
	}
	if (v->stale) {
		v->save_when_loaded = true;
		view_status_set(&v->status, false, "reading the inspection again…");
		load(v, intent);
	} else {
		if (v->step == VISIT_RESOLVE)
			db_finding_resolve_request(v->id, v->loaded.version, date, v->text[FIELD_SUMMARY], &intent->query);
		else
			db_inspection_visit_request(v->id, v->loaded.version, date, v->text[FIELD_SUMMARY], &intent->query);
		v->state = STATE_SENDING;
		view_status_set(&v->status, false, v->step == VISIT_RESOLVE ? "resolving the finding…" : "recording the visit…");
		intent->flags |= INTENT_QUERY;
	}
	free(date);
}

static void loaded(struct visit *v, const PGresult *res, const struct db_error *err, struct intent *intent)
{
	struct db_record rec;
	struct db_error why = { 0 };
	if (!res || !db_record_parse(record_kind(v), res, &rec, &why)) {
		const char *message = res ? why.message : err->message;
		if (v->dirty) {   /* what was typed stays; the next try reads the record first */
			v->state = STATE_EDITING;
			v->save_when_loaded = false;
			v->stale = true;
			view_status_set(&v->status, true, "%s; F2 tries again, Esc leaves", message);
			intent->flags |= INTENT_REDRAW;
		} else {
			finish(v, intent, false, true, "%s", message);
		}
		return;
	}
	db_record_done(&v->loaded);
	v->loaded = rec;
	v->stale = false;
	intent->flags |= INTENT_REDRAW;
	if (v->step == VISIT_RECORD) {
		const char *status = loaded_value(v, "status");
		if (strcmp(status, "planned") != 0) {
			if (!v->dirty) {
				finish(v, intent, false, true, "this inspection is %s: its visit is already recorded (e edits it)",
					status);
				return;
			}
			/* someone else recorded it first: the text stays on screen (and in the drafts) until Esc */
			v->state = STATE_EDITING;
			v->save_when_loaded = false;
			view_status_set(&v->status, true, "someone else recorded this visit meanwhile (it is %s): nothing was saved; Esc"
				" leaves", status);
			return;
		}
		v->state = STATE_EDITING;
		if (v->save_when_loaded) {
			v->save_when_loaded = false;
			save(v, intent);
		} else if (!v->status.error) {
			v->status.text[0] = '\0';
		}
		return;
	}
	if (v->step == VISIT_CLOSE && strcmp(loaded_value(v, "status"), "closed") == 0) {
		finish(v, intent, false, false, "this inspection was already closed on %s: nothing was done",
			loaded_value(v, "closed_on"));
		return;
	}
	/* the database would refuse it too, in words about the rule rather than about what to do */
	if (v->step == VISIT_CLOSE && !*loaded_value(v, "visited_on")) {
		finish(v, intent, false, true, "this inspection has not been visited yet: record the visit first (V)");
		return;
	}
	if (v->step == VISIT_RESOLVE && *loaded_value(v, "resolved_on")) {
		if (!v->dirty) {
			finish(v, intent, false, false, "this finding was already resolved on %s: nothing was done",
				loaded_value(v, "resolved_on"));
			return;
		}
		v->state = STATE_EDITING;
		v->save_when_loaded = false;
		view_status_set(&v->status, true, "someone else resolved this finding meanwhile (on %s): nothing was saved;"
			" Esc leaves", loaded_value(v, "resolved_on"));
		return;
	}
	if (v->step == VISIT_RESOLVE) {
		v->state = STATE_EDITING;
		if (v->save_when_loaded) {
			v->save_when_loaded = false;
			save(v, intent);
		} else if (!v->status.error) {
			v->status.text[0] = '\0';
		}
		return;
	}
	v->state = STATE_ASKING;
}

static void visit_result(struct view *view, unsigned tag, const PGresult *res, const struct db_error *err,
	struct intent *intent)
{
	(void)tag;
	struct visit *v = view->data;
	if (v->state == STATE_LOADING) {
		loaded(v, res, err, intent);
		return;
	}
	if (v->state != STATE_SENDING)
		return;
	struct db_error why = { 0 };
	char *id = NULL, *version = NULL;
	enum db_save_outcome outcome = db_record_save_outcome(res, err, &id, &version, &why);
	free(id);
	free(version);
	intent->flags |= INTENT_REDRAW;
	if (has_fields(v)) {
		if (outcome == DB_SAVE_OK) {
			v->dirty = false;
			if (v->step == VISIT_RESOLVE)
				finish(v, intent, true, false, "finding resolved on %s: %s",
					v->text[FIELD_DATE] && *v->text[FIELD_DATE] ? v->text[FIELD_DATE] : "today", v->title);
			else
				finish(v, intent, true, false, "visit recorded: add its findings with f");
			return;
		}
		v->state = STATE_EDITING;
		if (outcome == DB_SAVE_CONFLICT) {
			v->stale = true;
			view_status_set(&v->status, true, "someone else changed this %s meanwhile: nothing was saved; F2 reads it"
				" again and tries once more, Esc leaves", v->step == VISIT_RESOLVE ? "finding" : "inspection");
		} else {
			view_status_set(&v->status, true, "%s", why.message);
		}
		return;
	}
	int done = res && outcome == DB_SAVE_OK ? PQfnumber(res, "action_item_done") : -1;
	if (done >= 0 && strcmp(PQgetvalue(res, 0, done), "1") == 0)
		finish(v, intent, true, false, "inspection closed, and the action item it checks is done: %s", v->title);
	else if (v->action_item_done && outcome == DB_SAVE_OK)
		finish(v, intent, true, false, "inspection closed: %s; its action item was already done or dropped", v->title);
	else if (outcome == DB_SAVE_OK)
		finish(v, intent, true, false, "inspection closed: %s", v->title);
	else if (outcome == DB_SAVE_CONFLICT)
		finish(v, intent, false, true, "already closed, or changed meanwhile: nothing was done");
	else
		finish(v, intent, false, true, "%s", why.message);
}

static void editing_input(struct visit *v, const struct view_input *in, struct intent *intent)
{
	if (in->action == CONFIG_ACTION_SAVE) {
		save(v, intent);
		return;
	}
	switch (in->key) {
	case 27:
		if (v->dirty)
			v->state = STATE_CONFIRM_DISCARD;
		else
			finish(v, intent, false, false, "%s",
				v->step == VISIT_RESOLVE ? "the finding was left unresolved" : "no visit recorded");
		return;
	case '\t':
	case CONFIG_KEY_DOWN:
		v->focus = (v->focus + 1) % FIELD_COUNT;
		return;
	case CONFIG_KEY_BACKTAB:
	case CONFIG_KEY_UP:
		v->focus = (v->focus + FIELD_COUNT - 1) % FIELD_COUNT;
		return;
	case '\n':
		if (v->focus == FIELD_COUNT - 1)
			save(v, intent);
		else
			v->focus++;
		return;
	default:
		break;
	}
	if (text_edit_key(&v->text[v->focus], &v->cursor[v->focus], in->key) == TEXT_EDIT_CHANGED) {
		v->dirty = true;
		if (v->status.error && !v->stale)
			v->status.text[0] = '\0';
	}
}

static void visit_input(struct view *view, const struct view_input *in, struct intent *intent)
{
	struct visit *v = view->data;
	intent->flags |= INTENT_REDRAW;
	if (!has_fields(v)) {
		const char *left = "the inspection was left open";
		if (in->key == 27) {
			finish(v, intent, false, false, "%s", left);
		} else if (v->state == STATE_ASKING || v->state == STATE_ASKING_ACTION) {
			if (in->key != 'y' && v->state == STATE_ASKING) {
				finish(v, intent, false, false, "%s", left);
				return;
			}
			/* the inspection checks an action item: ask about it before closing (no keeps it open) */
			if (v->state == STATE_ASKING && *loaded_value(v, "action_item_id")) {
				v->state = STATE_ASKING_ACTION;
				return;
			}
			v->action_item_done = v->state == STATE_ASKING_ACTION && in->key == 'y';
			db_inspection_close_request(v->id, v->loaded.version, v->action_item_done, &intent->query);
			v->state = STATE_SENDING;
			intent->flags |= INTENT_QUERY;
		}
		return;
	}
	switch (v->state) {
	case STATE_CONFIRM_DISCARD:
		if (in->key == 'y') {
			v->dirty = false;
			finish(v, intent, false, false, "what was typed was discarded: %s",
				v->step == VISIT_RESOLVE ? "the finding was left unresolved" : "no visit recorded");
		} else {
			v->state = STATE_EDITING;
		}
		return;
	case STATE_SENDING:
		/* the statement may already be done; cancelling keeps the text if it was not */
		if (in->key == 27) {
			intent->flags |= INTENT_CANCEL;
			view_status_set(&v->status, false, "cancelling…");
		}
		return;
	default:   /* editing, or loading: the fields are ours, only saving waits for the version */
		editing_input(v, in, intent);
		return;
	}
}

/* ---- drawing ---- */

static void draw_line(WINDOW *win, int y, int x, const char *text, int width, enum config_color_element color)
{
	if (width <= 0)
		return;
	wattrset(win, theme_attr(color));
	text_draw(win, y, x, text, width, false);
	wattrset(win, A_NORMAL);
}

/* text over at most lines rows of width, broken at a space when one is in the second half of a row (else
 * wherever the row is full: Chinese has no spaces); the rows it used. */
static int draw_wrapped(WINDOW *win, int y, int x, const char *text, int width, int lines,
	enum config_color_element color)
{
	int used = 0;
	while (*text && used < lines && width > 0) {
		size_t n = strlen(text);
		if (text_width(text) > width && used + 1 < lines) {
			n = text_fit(text, width);
			size_t space = n;
			while (space > 0 && text[space] != ' ')
				space--;
			if (space > n / 2)
				n = space;
		}
		char *part = xstrdup(text);
		part[n] = '\0';
		draw_line(win, y + used++, x, part, width, color);
		free(part);
		text += n;
		while (*text == ' ')
			text++;
	}
	return used;
}

static void draw_record(struct visit *v, WINDOW *win, int top, int rows, int cols)
{
	int y = top + 2;
	bool resolve = v->step == VISIT_RESOLVE;
	if (resolve) {
		draw_line(win, y++, 2, "It is marked resolved on the date: from the day of the visit to today. Once no",
			cols - 2, CONFIG_COLOR_NORMAL);
		draw_line(win, y++, 2, "finding of its inspection is open, the inspection can be closed (C).", cols - 2,
			CONFIG_COLOR_NORMAL);
	} else {
		draw_line(win, y++, 2, "It becomes done, visited on the date; then its findings can be added (f).",
			cols - 2, CONFIG_COLOR_NORMAL);
	}
	y++;
	static const char *const labels[FIELD_COUNT] = { "Date:", "Summary:" };
	static const char *const resolve_labels[FIELD_COUNT] = { "Date:", "Done:" };
	static const char *const hints[FIELD_COUNT] = { "empty: today; 下周, +2w… (DATES)", "may be empty" };
	static const char *const resolve_hints[FIELD_COUNT] = { "empty: today; not after today",
		"what was done (optional, but say it)" };
	int x = 12;
	v->show_cursor = false;
	for (int i = 0; i < FIELD_COUNT && y < top + rows; i++, y++) {
		draw_line(win, y, 2, (resolve ? resolve_labels : labels)[i], x - 3,
			i == v->focus ? CONFIG_COLOR_MARK : CONFIG_COLOR_DIM);
		int width = i == FIELD_DATE ? 14 : cols - x - 16;
		if (width > 60)
			width = 60;
		if (width < 4)
			continue;
		bool focused = i == v->focus && v->state != STATE_CONFIRM_DISCARD;
		wattrset(win, focused ? theme_attr(CONFIG_COLOR_SELECTED) : A_UNDERLINE);
		int cx = text_edit_draw(win, y, x, width, v->text[i], focused ? v->cursor[i] : 0);
		wattrset(win, A_NORMAL);
		if (focused) {
			v->cursor_y = y;
			v->cursor_x = cx;
			v->show_cursor = v->state == STATE_EDITING || v->state == STATE_LOADING;
		}
		if (i == v->focus)
			draw_line(win, y, x + width + 2, (resolve ? resolve_hints : hints)[i], cols - x - width - 2,
				CONFIG_COLOR_DIM);
	}
	y++;
	if (y >= top + rows)
		return;
	if (v->state == STATE_CONFIRM_DISCARD) {
		draw_line(win, y, 2, "Discard what you typed?  y discards it,  any other key goes back", cols - 2,
			CONFIG_COLOR_ERROR);
		return;
	}
	const char *status = v->status.text;
	if (!*status && v->state == STATE_LOADING)
		status = resolve ? "reading the finding…" : "reading the inspection…";
	if (*status)
		y += draw_wrapped(win, y, 2, status, cols - 2, top + rows - y - 2 < 3 ? 1 : 3,
			v->status.error ? CONFIG_COLOR_ERROR : CONFIG_COLOR_NORMAL);
	if (y + 1 < top + rows)
		draw_line(win, y + 1, 2, resolve ? "Tab/Up/Down: field   F2, Ctrl-S or Enter on the note: save   Esc: cancel"
			: "Tab/Up/Down: field   F2, Ctrl-S or Enter on the summary: save   Esc: cancel",
			cols - 2, CONFIG_COLOR_DIM);
}

static void draw_question(struct visit *v, WINDOW *win, int top, int cols)
{
	int y = top + 2;
	static const char keys[] = "y: yes, any other key: no";
	if (v->state == STATE_ASKING_ACTION) {
		draw_line(win, y++, 2, "This inspection verifies an action item. If the work is done, the action item is",
			cols - 2, CONFIG_COLOR_NORMAL);
		draw_line(win, y++, 2, "recorded done today with the close; if not, it stays open (and overdue if past due).",
			cols - 2, CONFIG_COLOR_NORMAL);
		y++;
		char line[600];
		snprintf(line, sizeof(line), "Is the action item done: %s? %s", loaded_name(v, "action_item_id"), keys);
		y += draw_wrapped(win, y, 2, line, cols - 2, 3, CONFIG_COLOR_MARK);
		return;
	}
	if (v->state != STATE_ASKING) {
		draw_line(win, y, 2, v->state == STATE_LOADING ? "reading the inspection…"
			: "asking the database…", cols - 2, CONFIG_COLOR_NORMAL);
		return;
	}
	draw_line(win, y++, 2, "A closed inspection leaves the backlog. It cannot be closed while a finding of",
		cols - 2, CONFIG_COLOR_NORMAL);
	draw_line(win, y++, 2, "it is unresolved: resolve those first (C on each in its findings, f).", cols - 2,
		CONFIG_COLOR_NORMAL);
	y++;
	char line[600];
	snprintf(line, sizeof(line), "Close the inspection %s today? %s", v->title, keys);
	if (text_width(line) <= cols - 2) {
		draw_line(win, y, 2, line, cols - 2, CONFIG_COLOR_MARK);
		return;
	}
	/* a long title: the question over two rows, the answers on their own */
	line[strlen(line) - strlen(keys) - 1] = '\0';
	y += draw_wrapped(win, y, 2, line, cols - 2, 2, CONFIG_COLOR_MARK);
	draw_line(win, y, 2, keys, cols - 2, CONFIG_COLOR_MARK);
}

static void visit_draw(struct view *view, WINDOW *win, int top, int rows, int cols)
{
	struct visit *v = view->data;
	view->page_rows = rows;
	for (int y = top; y < top + rows; y++) {
		wmove(win, y, 0);
		wclrtoeol(win);
	}
	static const char *const headings[] = {
		[VISIT_RECORD] = "Record the visit", [VISIT_CLOSE] = "Close the inspection",
		[VISIT_RESOLVE] = "Resolve the finding",
	};
	char line[600];
	snprintf(line, sizeof(line), "%s: %s", headings[v->step], v->title);
	draw_line(win, top, 0, line, cols, CONFIG_COLOR_HEADER);
	if (has_fields(v))
		draw_record(v, win, top, rows, cols);
	else
		draw_question(v, win, top, cols);
}

static bool visit_cursor(struct view *view, int *y, int *x)
{
	struct visit *v = view->data;
	*y = v->cursor_y;
	*x = v->cursor_x;
	return has_fields(v) && v->show_cursor
		&& (v->state == STATE_EDITING || v->state == STATE_LOADING);
}

/* The visit as a journalled edit of the inspection: restored, it opens as the inspection's form holding the
 * record as loaded, now done, with the date and summary typed (a resolution: the finding's form, with its
 * date and what was done). An empty date is written as the database's
 * day (the form has no "today" of its own, and a done inspection needs one): the visit was typed on the day
 * it was made. Nothing is written before the record is read: a form needs its other values. */
static bool visit_draft(const struct view *view, struct journal *journal)
{
	const struct visit *v = view->data;
	if (!has_fields(v) || !v->dirty || !v->loaded.values)
		return false;
	const struct db_record_def *def = db_record_def(record_kind(v));
	struct journal_form *draft = journal_add_form(journal);
	draft->kind = record_kind(v);
	draft->id = xstrdup(v->id);
	draft->version = v->loaded.version ? xstrdup(v->loaded.version) : NULL;
	draft->nvalues = def->nfields;
	draft->values = xcalloc((size_t)def->nfields, sizeof(char *));
	draft->names = xcalloc((size_t)def->nfields, sizeof(char *));
	char *date = trimmed(v->text[FIELD_DATE]);
	if (!*date && view_today(view->ctx)) {
		free(date);
		date = xstrdup(view_today(view->ctx));
	}
	for (int i = 0; i < def->nfields; i++) {
		const char *column = def->fields[i].column;
		const char *value = v->loaded.values[i];
		if (v->step == VISIT_RECORD && strcmp(column, "status") == 0)
			value = "done";
		else if (strcmp(column, field_column(v, FIELD_DATE)) == 0)
			value = date;
		else if (strcmp(column, field_column(v, FIELD_SUMMARY)) == 0)
			value = v->text[FIELD_SUMMARY] && *v->text[FIELD_SUMMARY] ? v->text[FIELD_SUMMARY] : NULL;
		draft->values[i] = value ? xstrdup(value) : NULL;
		const char *name = v->loaded.lookup_names ? v->loaded.lookup_names[i] : NULL;
		draft->names[i] = name ? xstrdup(name) : NULL;
	}
	free(date);
	return true;
}

static void visit_done(struct view *view)
{
	struct visit *v = view->data;
	free(v->id);
	free(v->title);
	for (int i = 0; i < FIELD_COUNT; i++)
		free(v->text[i]);
	db_record_done(&v->loaded);
	free(v);
}

static const struct view_ops visit_ops = {
	.name = "visit",
	.open = visit_open,
	.draw = visit_draw,
	.input = visit_input,
	.result = visit_result,
	.cursor = visit_cursor,
	.hints = view_no_hints,
	.editing = view_takes_keys,
	.draft = visit_draft,
	.done = visit_done,
};

struct view *view_visit_new(const struct view_context *ctx, enum visit_step step, const char *id, const char *title)
{
	struct visit *v = xcalloc(1, sizeof(*v));
	v->ctx = ctx;
	v->step = step;
	v->id = xstrdup(id ? id : "");
	v->title = xstrdup(title ? title : "");
	v->loaded.kind = record_kind(v);
	static const char *const names[] = { [VISIT_RECORD] = "Visit", [VISIT_CLOSE] = "Close", [VISIT_RESOLVE] = "Resolve" };
	return view_new(&visit_ops, v, ctx, names[step]);
}
