/* help: the keys that do something in the view it was opened from, then every action, each with the keys
 * bound to it now (the config's, not the defaults'). */
#include "tui/view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A line of the help: an action with its keys, or text (a heading when bold). */
struct help_line {
	enum config_action action;   /* CONFIG_ACTION_NONE for text */
	const char *text;
	bool bold;
};

struct help {
	int top;
	struct help_line *lines;
	int count;
	char *tail;                  /* the tail's paragraphs as shown, cut into lines in place */
};

/* After the bindings: what is typed where keys are not actions. A paragraph at a time, as a translator
 * reads it; each translation breaks its own lines ("\n"), and a line going on is indented by two. */
static const char *const tail[] = {
	"",
	N_("In a filter prompt: type to search, Backspace deletes, Enter keeps the filter (and counts it in the\n"
		"  Backlog), Ctrl-U or Esc clears it. / again shows the old filter [selected]: typing replaces it."),
	N_("In a form, Backspace on a linked field (a school, a person) asks first: a second one clears it."),
	N_("A cell cut to fit ends in …; the status line shows the selected row's cut cells whole."),
	N_("A pane's number goes to its root list (unsaved work kept in the drafts); Tab comes back where it was."),
	N_("A pane's key in a list where it does nothing says on the status line what it is for and where."),
	N_("In the export prompt: ~ is your home directory; an existing file is replaced only after y."),
	"",
	N_("The Backlog (4): every inspection not closed, most overdue first. One is due on its planned date until\n"
		"  visited (done), then on the due date of its oldest open finding; \"to close\": done, nothing left open.\n"
		"  b groups it (Enter lists a group's items), u: unverified decisions, S: the summary report.\n"
		"  Enter opens an inspection: j / k select a line marked ›, Enter opens its school, meeting or visit.\n"
		"  C closes an inspection; one that verifies an action item asks whether the item is done too (y)."),
	"",
	N_("A district's schools, Marks: R resource classroom, C resource centre, A autism base (- where not)."),
	"",
	N_("Final minutes are read-only (e says so); A opens an amendment, and the meeting is \"amending\" until F."),
	"",
	N_("Recording a meeting (R on a meeting): one line per attendee, agenda item, decision, action item.\n"
		"  Enter: the next line (a new one after the last)   Tab / Shift-Tab: the next / previous section\n"
		"  F2: save now (each line is saved by itself a moment after typing stops)   Esc: close once saved\n"
		"  Attendees:    王静  (a known person)   区特殊教育中心 — 12  (an organisation: also x12, ×12, 12人)\n"
		"  Agenda:       title | notes\n"
		"  Decisions:    text   — under the latest agenda item; #2 text puts it under item 2, #0 under none\n"
		"  Action items: what | owner school (name or code) or unit | due date   — #N: of decision N\n"
		"  A name is never guessed: one two persons have (or none), an owner no school of the district has,\n"
		"  waits marked ? and unsaved while typing goes on; F3 picks who it is, or an organisation or a unit.\n"
		"  Dates (here and in every form): 2026-12-01, 12-01, +30d, +2w, +3m, today,\n"
		"                tomorrow, next week (下周: its Monday), this friday (本周五),\n"
		"                next monday (下周一), next month (下月: its 1st), end of month (月底),\n"
		"                end of term (期末), end of year (年底): see man iedesk, DATES.\n"
		"  F2 (or Esc) with a line that cannot be saved names it, puts the cursor on it and says why.\n"
		"  An emptied line is deleted. What is not saved yet stays in the drafts journal and is sent once\n"
		"  the connection is back; after a dropped session the next start offers it back."),
	"",
	N_("Esc or q closes this help."),
};
#define TAIL_PARAGRAPHS ((int)(sizeof(tail) / sizeof(tail[0])))

static void help_open(struct view *view, struct intent *intent)
{
	(void)view;
	intent->flags |= INTENT_REDRAW;
}

static void help_draw(struct view *view, WINDOW *win, int top, int rows, int cols)
{
	struct help *h = view->data;
	view->page_rows = rows;
	if (h->top > h->count - rows)
		h->top = h->count - rows;
	if (h->top < 0)
		h->top = 0;
	for (int r = 0; r < rows; r++) {
		int y = top + r;
		wmove(win, y, 0);
		wclrtoeol(win);
		if (h->top + r >= h->count)
			continue;
		const struct help_line *line = &h->lines[h->top + r];
		if (line->action == CONFIG_ACTION_NONE) {
			if (line->bold)
				wattrset(win, theme_attr(CONFIG_COLOR_HEADER));
			text_draw_cut(win, y, line->bold ? 0 : 2, line->text, line->bold ? cols : cols - 2, false);
			wattrset(win, A_NORMAL);
			continue;
		}
		char keys[96], name[40];
		keymap_describe(line->action, keys, sizeof(keys));
		snprintf(name, sizeof(name), "%s", config_action_name(line->action));
		int kw = cols >= 80 ? 26 : 16, nw = 17;
		wattrset(win, theme_attr(CONFIG_COLOR_MARK));
		text_draw_cut(win, y, 2, keys[0] ? keys : _("(unbound)"), kw, false);
		wattrset(win, A_NORMAL);
		text_draw_cut(win, y, 2 + kw + 1, name, nw, false);
		if (cols > 2 + kw + 1 + nw + 1)
			text_draw_cut(win, y, 2 + kw + nw + 2, _(config_action_help(line->action)), cols - (2 + kw + nw + 2),
				false);
	}
}

static void help_input(struct view *view, const struct view_input *in, struct intent *intent)
{
	struct help *h = view->data;
	switch (in->action) {
	case CONFIG_ACTION_MOVE_UP: h->top--; break;
	case CONFIG_ACTION_MOVE_DOWN: h->top++; break;
	case CONFIG_ACTION_PAGE_UP: h->top -= view->page_rows; break;
	case CONFIG_ACTION_PAGE_DOWN: h->top += view->page_rows; break;
	case CONFIG_ACTION_FIRST: h->top = 0; break;
	case CONFIG_ACTION_LAST: h->top = h->count; break;
	case CONFIG_ACTION_HELP:
	case CONFIG_ACTION_QUIT:
	case CONFIG_ACTION_BACK: intent->flags |= INTENT_BACK; return;
	default: intent->flags |= INTENT_UNHANDLED; return;
	}
	if (h->top < 0)
		h->top = 0;
	intent->flags |= INTENT_REDRAW;
}

static void help_done(struct view *view)
{
	struct help *h = view->data;
	free(h->lines);
	free(h->tail);
	free(h);
}

static const struct view_ops help_ops = {
	.name = "help",
	.open = help_open,
	.draw = help_draw,
	.input = help_input,
	.done = help_done,
};

static void add_line(struct help *h, enum config_action action, const char *text, bool bold)
{
	h->lines[h->count++] = (struct help_line){ action, text, bold };
}

struct view *view_help_new(const struct view_context *ctx, struct view *below)
{
	struct help *h = xcalloc(1, sizeof(*h));
	/* the tail as shown, paragraphs joined by newlines: one line of the help per line of it */
	size_t len = 0, tail_lines = 0;
	for (int t = 0; t < TAIL_PARAGRAPHS; t++)
		len += strlen(*tail[t] ? _(tail[t]) : "") + 1;
	h->tail = xmalloc(len + 1);
	char *at = h->tail;
	for (int t = 0; t < TAIL_PARAGRAPHS; t++) {
		const char *p = *tail[t] ? _(tail[t]) : "";
		size_t n = strlen(p);
		memcpy(at, p, n);
		at[n] = '\n';
		at += n + 1;
	}
	*at = '\0';
	for (const char *c = h->tail; *c; c++)
		tail_lines += *c == '\n';
	h->lines = xcalloc((size_t)(2 * CONFIG_ACTION_COUNT + 4) + tail_lines, sizeof(*h->lines));
	add_line(h, CONFIG_ACTION_NONE, _("Help: keys in force (change them under keys: in the config file)"), true);
	bool here[CONFIG_ACTION_COUNT] = { false };
	int nhere = 0;
	for (int a = CONFIG_ACTION_NONE + 1; below && below->ops->does && a < CONFIG_ACTION_COUNT; a++)
		nhere += here[a] = below->ops->does(below, (enum config_action)a);
	if (nhere) {
		add_line(h, CONFIG_ACTION_NONE, _("Here, in this list:"), false);
		for (int a = CONFIG_ACTION_NONE + 1; a < CONFIG_ACTION_COUNT; a++)
			if (here[a])
				add_line(h, (enum config_action)a, NULL, false);
		add_line(h, CONFIG_ACTION_NONE, _("Every key:"), false);
	}
	for (int a = CONFIG_ACTION_NONE + 1; a < CONFIG_ACTION_COUNT; a++)
		add_line(h, (enum config_action)a, NULL, false);
	for (char *line = h->tail, *nl; *line && (nl = strchr(line, '\n')); line = nl + 1) {
		*nl = '\0';
		add_line(h, CONFIG_ACTION_NONE, line, false);
	}
	return view_new(&help_ops, h, ctx, _("Help"));
}
