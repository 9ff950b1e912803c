/* detail: one record and its related records, read-only, as labelled lines under section headings. Lines
 * the database links to a record (an inspection's school, its meeting, its history) can be selected with
 * j and k and opened with Enter. */
#include "tui/view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct detail {
	enum db_detail_kind kind;
	char *id;
	struct db_detail record;
	bool loaded;
	int top;
	int lines;          /* screen lines the record takes (headings included) */
	int sel;            /* the selected linked line (index into record.lines), -1 for none */
	int *line_y;        /* the first screen line of each record line, as walk last laid them out */
	char error[1024];
};

static void detail_request(struct view *view, struct intent *intent)
{
	struct detail *d = view->data;
	db_request_done(&intent->query);
	db_detail_request(d->kind, d->id, &intent->query);
	intent->flags |= INTENT_QUERY | INTENT_REDRAW;
}

static void detail_result(struct view *view, unsigned tag, const PGresult *res, const struct db_error *err,
		struct intent *intent)
{
	(void)tag;
	struct detail *d = view->data;
	intent->flags |= INTENT_REDRAW;
	if (!res) {
		snprintf(d->error, sizeof(d->error), "%s", err ? err->message : _("the query failed"));
		return;
	}
	struct db_detail record;
	struct db_error perr;
	if (!db_detail_parse(res, &record, &perr)) {
		snprintf(d->error, sizeof(d->error), "%s", perr.message);
		return;
	}
	db_detail_done(&d->record);
	d->record = record;
	d->loaded = true;
	free(d->line_y);
	d->line_y = record.count ? xcalloc(record.count, sizeof(*d->line_y)) : NULL;
	if (d->sel >= (int)record.count || (d->sel >= 0 && !record.lines[d->sel].link_id))
		d->sel = -1;
	for (size_t i = 0; d->sel < 0 && i < record.count; i++)
		if (record.lines[i].link_id)
			d->sel = (int)i;
	d->error[0] = '\0';
	if (record.title && *record.title)
		snprintf(view->title, sizeof(view->title), "%s", record.title);
}

/* Walk the record as screen lines: a heading before each new section, then its lines. Calls draw
 * for every screen line when win is given; returns the number of lines. */
static int walk(struct detail *d, WINDOW *win, int top, int rows, int cols)
{
	int line = 0, label_width = 0;
	for (size_t i = 0; i < d->record.count; i++) {
		int w = text_width(view_text(d->record.lines[i].label));
		if (w > label_width)
			label_width = w;
	}
	if (label_width > cols / 3)
		label_width = cols / 3;
	const char *section = NULL;
	bool labelled = false;    /* the section has labels: unlabelled lines line up with their values */
	for (size_t i = 0; i < d->record.count; i++) {
		const struct db_detail_line *l = &d->record.lines[i];
		if (!section || strcmp(section, l->section) != 0) {
			labelled = false;
			for (size_t j = i; j < d->record.count && strcmp(d->record.lines[j].section, l->section) == 0; j++)
				labelled = labelled || *d->record.lines[j].label;
			if (section)
				line++;
			int y = line - d->top;
			if (win && y >= 0 && y < rows) {
				wattrset(win, theme_attr(CONFIG_COLOR_HEADER));
				text_draw_cut(win, top + y, 0, view_text(l->section), cols, false);
				wattrset(win, A_NORMAL);
			}
			line++;
			section = l->section;
		}
		/* a long value wraps under itself, so nothing is cut off */
		int x = 2 + (labelled ? label_width + 2 : 0);
		if (d->line_y)
			d->line_y[i] = line;
		int width = cols - x > 8 ? cols - x : 8;
		const char *rest = l->value;
		bool first = true;
		do {
			size_t n = text_fit(rest, width);
			if (!n && *rest)
				n = 1;
			/* an English word is not split when the line has a space to break at */
			bool mid_word = n > 0 && rest[n] && (unsigned char)rest[n] < 0x80 && rest[n] != ' ' &&
				(unsigned char)rest[n - 1] < 0x80 && rest[n - 1] != ' ';
			if (mid_word) {
				size_t space = n;
				while (space > 0 && rest[space - 1] != ' ')
					space--;
				if (space > 0)
					n = space;
			}
			int y = line - d->top;
			if (win && y >= 0 && y < rows) {
				if (first && *l->label) {
					wattrset(win, theme_attr(CONFIG_COLOR_DIM));
					text_draw_cut(win, top + y, 2, view_text(l->label), label_width, false);
					wattrset(win, A_NORMAL);
				}
				if (first && l->link_id)
					text_draw_cut(win, top + y, 0, "›", 1, false);   /* Enter opens it */
				char *piece = xstrndup(rest, n);
				if ((int)i == d->sel)
					wattrset(win, theme_attr(CONFIG_COLOR_SELECTED));
				if (x < cols)
					text_draw_cut(win, top + y, x, piece, cols - x, false);
				wattrset(win, A_NORMAL);
				free(piece);
			}
			rest += n;
			while (*rest == ' ')
				rest++;
			first = false;
			line++;
		} while (*rest);
	}
	return line;
}

static void detail_draw(struct view *view, WINDOW *win, int top, int rows, int cols)
{
	struct detail *d = view->data;
	view->page_rows = rows;
	for (int r = 0; r < rows; r++) {
		wmove(win, top + r, 0);
		wclrtoeol(win);
	}
	const char *message = d->error[0] ? d->error : !d->loaded ? _("loading…") : NULL;
	if (message) {
		wattrset(win, theme_attr(d->error[0] ? CONFIG_COLOR_ERROR : CONFIG_COLOR_DIM));
		text_draw_cut(win, top, 1, message, cols - 1, false);
		wattrset(win, A_NORMAL);
		return;
	}
	d->lines = walk(d, NULL, 0, 0, cols);
	if (d->top > d->lines - rows)
		d->top = d->lines - rows;
	if (d->top < 0)
		d->top = 0;
	walk(d, win, top, rows, cols);
}

/* The next linked line from sel in direction step (+1 or -1), or -1. */
static int next_link(const struct detail *d, int step)
{
	for (int i = d->sel + step; i >= 0 && i < (int)d->record.count; i += step)
		if (d->record.lines[i].link_id)
			return i;
	return -1;
}

/* j and k: to the next linked line when there is one within a page, else a line of scrolling. */
static void move_line(struct view *view, int step)
{
	struct detail *d = view->data;
	int page = view->page_rows > 1 ? view->page_rows : 1;
	int next = d->line_y && d->sel >= 0 ? next_link(d, step) : -1;
	if (next >= 0 && abs(d->line_y[next] - d->line_y[d->sel]) <= page) {
		d->sel = next;
		if (d->line_y[next] < d->top)
			d->top = d->line_y[next];
		else if (d->line_y[next] >= d->top + page)
			d->top = d->line_y[next] - page + 1;
	} else {
		d->top += step;
	}
}

static void open_link(struct view *view, struct intent *intent)
{
	struct detail *d = view->data;
	if (d->sel < 0 || !d->loaded)
		return;
	const struct db_detail_line *l = &d->record.lines[d->sel];
	intent->open = view_detail_new(view->ctx, l->link_kind, l->link_id, l->value);
	intent->flags |= INTENT_OPEN;
}

static void detail_input(struct view *view, const struct view_input *in, struct intent *intent)
{
	struct detail *d = view->data;
	int page = view->page_rows > 1 ? view->page_rows - 1 : 1;
	switch (in->action) {
	case CONFIG_ACTION_MOVE_UP: move_line(view, -1); break;
	case CONFIG_ACTION_MOVE_DOWN: move_line(view, 1); break;
	case CONFIG_ACTION_ENTER:
	case CONFIG_ACTION_MOVE_RIGHT: open_link(view, intent); return;
	case CONFIG_ACTION_PAGE_UP: d->top -= page; break;
	case CONFIG_ACTION_PAGE_DOWN: d->top += page; break;
	case CONFIG_ACTION_FIRST: d->top = 0; break;
	case CONFIG_ACTION_LAST: d->top = d->lines; break;
	case CONFIG_ACTION_REFRESH: detail_request(view, intent); return;
	default: intent->flags |= INTENT_UNHANDLED; return;
	}
	if (d->top < 0)
		d->top = 0;
	intent->flags |= INTENT_REDRAW;
}

/* The tables each detail reads (0013_notify.sql's names), space-separated: a change to any of them
 * reloads the detail, which has no input to lose. */
static bool detail_changed(struct view *view, const struct view_change *changes, size_t count, bool shown,
		struct intent *intent)
{
	struct detail *d = view->data;
	char tables[512];
	snprintf(tables, sizeof(tables), " %s ", db_detail_spec(d->kind)->shows);
	bool affected = false;
	for (size_t i = 0; i < count && !affected; i++) {
		char word[80];
		snprintf(word, sizeof(word), " %s ", changes[i].table);
		affected = strstr(tables, word) != NULL;
	}
	/* a load still on its way brings what it brings; the next change reloads again */
	if (affected && shown && d->loaded && !view->waiting_tag)
		detail_request(view, intent);
	return affected;
}

static void detail_describe(struct view *view, char *buf, size_t size)
{
	struct detail *d = view->data;
	snprintf(buf, size, "%s", !d->loaded ? "" : d->sel >= 0 ? _("read-only; j/k select a › line, Enter opens it, Esc goes back")
		: _("read-only; Esc goes back"));
}

static void detail_done(struct view *view)
{
	struct detail *d = view->data;
	db_detail_done(&d->record);
	free(d->line_y);
	free(d->id);
	free(d);
}

static const struct view_ops detail_ops = {
	.name = "detail",
	.open = detail_request,
	.draw = detail_draw,
	.input = detail_input,
	.result = detail_result,
	.reload = detail_request,
	.changed = detail_changed,
	.describe = detail_describe,
	.done = detail_done,
};

struct view *view_detail_new(const struct view_context *ctx, enum db_detail_kind kind, const char *id, const char *title)
{
	struct detail *d = xcalloc(1, sizeof(*d));
	d->kind = kind;
	d->id = xstrdup(id);
	d->sel = -1;
	return view_new(&detail_ops, d, ctx, title);
}
