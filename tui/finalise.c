/* finalise: a meeting's minutes made final (F), or final minutes opened for an amendment with its reason
 * (A) — a question on one screen, then one statement; the database records who and when. */
#include "tui/view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum finalise_step { STEP_LOADING, STEP_ASKING, STEP_SENDING };

struct finalise {
	bool amend;                /* A: open an amendment; else F: make final */
	char *meeting_id, *title;
	char *version;             /* the meeting's, as loaded (finalising is version-checked) */
	char *reason;              /* what the amendment is for, as typed */
	int cursor;
	enum finalise_step step;
	size_t unsaved, asking;    /* lines of the meeting not saved yet (drafts), and those waiting for a choice */
	int cursor_y, cursor_x;
};

static void finalise_open(struct view *view, struct intent *intent)
{
	struct finalise *f = view->data;
	intent->flags |= INTENT_REDRAW;
	if (f->amend) {
		f->step = STEP_ASKING;
		return;
	}
	db_record_load_request(DB_RECORD_MEETING, f->meeting_id, &intent->query);
	intent->flags |= INTENT_QUERY;
}

static void finish(struct intent *intent, bool changed, bool error, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void finish(struct intent *intent, bool changed, bool error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(intent->message, sizeof(intent->message), fmt, ap);
	va_end(ap);
	intent->flags |= INTENT_BACK | INTENT_MESSAGE | INTENT_REDRAW | (changed ? INTENT_RELOAD : 0);
	intent->message_is_error = error;
}

static void finalise_result(struct view *view, unsigned tag, const PGresult *res, const struct db_error *err,
	struct intent *intent)
{
	(void)tag;
	struct finalise *f = view->data;
	struct db_error why = { 0 };
	if (f->step == STEP_LOADING) {
		struct db_record rec;
		if (!res || !db_record_parse(DB_RECORD_MEETING, res, &rec, &why)) {
			finish(intent, false, true, "%s", res ? why.message : err->message);
			return;
		}
		f->version = rec.version ? xstrdup(rec.version) : NULL;
		db_record_done(&rec);
		f->step = STEP_ASKING;
		intent->flags |= INTENT_REDRAW;
		return;
	}
	if (!res || PQresultStatus(res) != PGRES_TUPLES_OK) {
		if (res)
			db_error_explain(&why, res);
		finish(intent, false, true, "%s", res ? why.message : err->message);
	} else if (PQntuples(res) == 0) {
		finish(intent, false, true, "%s", _("someone else changed this meeting meanwhile: nothing was done; try again"));
	} else if (f->amend) {
		finish(intent, true, false, _("amendment opened by %s: the minutes of %s can be changed until F ends it"),
			PQgetvalue(res, 0, 1), f->title);
	} else {
		finish(intent, true, false, _("the minutes of %s are final"), f->title);
	}
}

static void send(struct finalise *f, struct intent *intent)
{
	if (f->amend)
		db_meeting_amend_request(f->meeting_id, f->reason, &intent->query);
	else
		db_meeting_finalise_request(f->meeting_id, f->version, &intent->query);
	f->step = STEP_SENDING;
	intent->flags |= INTENT_QUERY | INTENT_REDRAW;
}

static void finalise_input(struct view *view, const struct view_input *in, struct intent *intent)
{
	struct finalise *f = view->data;
	intent->flags |= INTENT_REDRAW;
	if (in->key == 27) {
		finish(intent, false, false, "%s", f->amend ? _("no amendment opened") : _("the minutes were left as they are"));
		return;
	}
	if (f->step != STEP_ASKING)
		return;
	if (!f->amend) {
		if (in->key == 'y')
			send(f, intent);
		else
			finish(intent, false, false, "%s", _("the minutes were left as they are"));
		return;
	}
	if (in->key == '\n') {
		const char *p = f->reason ? f->reason : "";
		while (*p == ' ')
			p++;
		if (*p)
			send(f, intent);
		return;
	}
	text_edit_key(&f->reason, &f->cursor, in->key);
}

/* A paragraph as its language breaks it ("\n"), a line of the screen each, from y; the row after it. */
static int draw_lines(WINDOW *win, int y, int cols, const char *text)
{
	while (*text) {
		const char *nl = strchr(text, '\n');
		char *line = nl ? xstrndup(text, (size_t)(nl - text)) : xstrdup(text);
		text_draw_cut(win, y++, 2, line, cols - 2, false);
		free(line);
		text = nl ? nl + 1 : text + strlen(text);
	}
	return y;
}

static void finalise_draw(struct view *view, WINDOW *win, int top, int rows, int cols)
{
	struct finalise *f = view->data;
	for (int y = top; y < top + rows; y++) {
		wmove(win, y, 0);
		wclrtoeol(win);
	}
	char line[600];
	snprintf(line, sizeof(line), f->amend ? _("Amend the minutes: %s") : _("Finalise the minutes: %s"), f->title);
	wattrset(win, theme_attr(CONFIG_COLOR_HEADER));
	text_draw_cut(win, top, 0, line, cols, false);
	wattrset(win, A_NORMAL);
	int y = top + 2;
	if (f->step == STEP_LOADING || f->step == STEP_SENDING) {
		text_draw_cut(win, y, 2, f->step == STEP_LOADING ? _("reading the meeting…") : _("asking the database…"), cols - 2, false);
		return;
	}
	if (!f->amend) {
		y = draw_lines(win, y, cols, _("Final minutes are read-only: changing them later takes an amendment (A), which\n"
			"records who amended them, when and why."));
		y++;
		if (f->unsaved) {
			char key[32], asking[200] = "";
			keymap_first(CONFIG_ACTION_CHOOSE, key, sizeof(key));
			if (f->asking)
				snprintf(asking, sizeof(asking), ngettext(", %zu of them waiting for you to say who a name is (%s on each"
					" while recording)", ", %zu of them waiting for you to say who a name is (%s on each while recording)",
					f->asking), f->asking, key);
			snprintf(line, sizeof(line), ngettext("%zu line of this meeting is not saved yet%s: final minutes leave it out.",
				"%zu lines of this meeting are not saved yet%s: final minutes leave them out.", f->unsaved),
				f->unsaved, asking);
			wattrset(win, theme_attr(CONFIG_COLOR_ERROR));
			text_draw_cut(win, y++, 2, line, cols - 2, false);
			wattrset(win, A_NORMAL);
			y++;
		}
		wattrset(win, theme_attr(CONFIG_COLOR_MARK));
		text_draw_cut(win, y, 2, _("Mark them final? y: yes   any other key: no"), cols - 2, false);
		wattrset(win, A_NORMAL);
		return;
	}
	y = draw_lines(win, y, cols, _("The minutes can be changed until F ends the amendment; your login, the time and\n"
		"the reason are recorded, and the minutes list them."));
	y++;
	const char *why = _("Why:");
	int ww = text_width(why);
	text_draw_cut(win, y, 2, why, ww + 1, false);
	wattrset(win, theme_attr(CONFIG_COLOR_SELECTED));
	f->cursor_x = text_edit_draw(win, y, 2 + ww + 1, cols - (2 + ww + 3), f->reason, f->cursor);
	f->cursor_y = y;
	wattrset(win, A_NORMAL);
	y += 2;
	text_draw_cut(win, y, 2, _("Enter: open the amendment   Esc: cancel"), cols - 2, false);
}

static bool finalise_cursor(struct view *view, int *y, int *x)
{
	struct finalise *f = view->data;
	*y = f->cursor_y;
	*x = f->cursor_x;
	return f->amend && f->step == STEP_ASKING;
}

static void finalise_done(struct view *view)
{
	struct finalise *f = view->data;
	free(f->meeting_id);
	free(f->title);
	free(f->version);
	free(f->reason);
	free(f);
}

static const struct view_ops finalise_ops = {
	.name = "finalise",
	.open = finalise_open,
	.draw = finalise_draw,
	.input = finalise_input,
	.result = finalise_result,
	.cursor = finalise_cursor,
	.hints = view_no_hints,
	.editing = view_takes_keys,
	.done = finalise_done,
};

void view_finalise_drafts(struct view *view, const struct journal *drafts)
{
	if (view->ops != &finalise_ops)
		return;
	struct finalise *f = view->data;
	f->unsaved = f->asking = 0;
	for (size_t i = 0; i < drafts->ncaptures; i++) {
		const struct journal_capture *c = &drafts->captures[i];
		if (!c->meeting_id || strcmp(c->meeting_id, f->meeting_id) != 0)
			continue;
		for (size_t k = 0; k < c->count; k++) {
			const struct journal_line *l = &c->lines[k];
			const char *text = l->text ? l->text : "";
			bool typed = strspn(text, " \t") < strlen(text);
			bool unsaved = l->saved ? strcmp(l->saved, text) != 0 : typed;
			f->unsaved += unsaved || (l->choice_for && typed);
			f->asking += l->asks;
		}
	}
}

struct view *view_finalise_new(const struct view_context *ctx, const char *meeting_id, const char *title, bool amend)
{
	struct finalise *f = xcalloc(1, sizeof(*f));
	f->amend = amend;
	f->meeting_id = xstrdup(meeting_id);
	f->title = xstrdup(title ? title : "");
	return view_new(&finalise_ops, f, ctx, amend ? _("Amend") : _("Finalise"));
}
