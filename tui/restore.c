/* restore: the offer made at start when the last session left unsaved work in the drafts journal (a
 * dropped SSH session, a closed terminal): bring it back, throw it away (asked twice), or decide later. */
#include "tui/view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct restore {
	char **lines;          /* one per piece of work: what it is */
	size_t count;
	bool confirming;       /* d pressed: y throws it away */
};

static void restore_open(struct view *view, struct intent *intent)
{
	(void)view;
	intent->flags |= INTENT_REDRAW;
}

/* "New School: 怀柔区第一小学", the first value typed being what names it best. */
static char *describe_form(const struct journal_form *form)
{
	const struct db_record_def *def = db_record_def((enum db_record_kind)form->kind);
	const char *name = "";
	for (int i = 0; i < form->nvalues && !*name; i++)
		if (def->fields[i].type == DB_FIELD_TEXT && form->values[i])
			name = form->values[i];
	if (*name)
		return xasprintf(form->id ? _("Edit %s: %s") : _("New %s: %s"), view_text(def->title), name);
	return xasprintf(form->id ? _("Edit %s") : _("New %s"), view_text(def->title));
}

static char *describe_capture(const struct journal_capture *capture)
{
	size_t unsaved = 0;
	for (size_t i = 0; i < capture->count; i++) {
		const struct journal_line *l = &capture->lines[i];
		unsaved += l->saved ? strcmp(l->saved, l->text) != 0 : *l->text != '\0';
	}
	return xasprintf(ngettext("Recording the meeting %s: %zu line not saved yet",
		"Recording the meeting %s: %zu lines not saved yet", unsaved), capture->title ? capture->title : "", unsaved);
}

static void restore_draw(struct view *view, WINDOW *win, int top, int rows, int cols)
{
	struct restore *r = view->data;
	for (int y = top; y < top + rows; y++) {
		wmove(win, y, 0);
		wclrtoeol(win);
	}
	wattrset(win, theme_attr(CONFIG_COLOR_HEADER));
	text_draw_cut(win, top, 0, _("Unsaved work from the last session"), cols, false);
	wattrset(win, A_NORMAL);
	int y = top + 2;
	text_draw_cut(win, y++, 2, _("The last session ended before this was saved; it was kept in the drafts journal:"),
		cols - 2, false);
	y++;
	for (size_t i = 0; i < r->count && y < top + rows - 4; i++) {
		text_draw_cut(win, y, 4, "•", 2, false);
		text_draw_cut(win, y++, 6, r->lines[i], cols - 6, false);
	}
	y++;
	if (r->confirming) {
		wattrset(win, theme_attr(CONFIG_COLOR_ERROR));
		text_draw_cut(win, y, 2, _("Throw all of it away for good? y: yes, throw it away   any other key: no"), cols - 2,
			false);
	} else {
		wattrset(win, theme_attr(CONFIG_COLOR_MARK));
		text_draw_cut(win, y, 2, _("r or Enter: restore it   d: throw it away   Esc: decide later (offered again next time)"),
			cols - 2, false);
	}
	wattrset(win, A_NORMAL);
}

static void restore_input(struct view *view, const struct view_input *in, struct intent *intent)
{
	struct restore *r = view->data;
	intent->flags |= INTENT_REDRAW;
	if (r->confirming) {
		r->confirming = false;
		if (in->key == 'y')
			intent->flags |= INTENT_BACK | INTENT_DISCARD;
		return;
	}
	if (in->key == 'r' || in->key == '\n')
		intent->flags |= INTENT_BACK | INTENT_RESTORE;
	else if (in->key == 'd')
		r->confirming = true;
	else if (in->key == 27)
		intent->flags |= INTENT_BACK;
}

static void restore_done(struct view *view)
{
	struct restore *r = view->data;
	for (size_t i = 0; i < r->count; i++)
		free(r->lines[i]);
	free(r->lines);
	free(r);
}

static const struct view_ops restore_ops = {
	.name = "restore",
	.open = restore_open,
	.draw = restore_draw,
	.input = restore_input,
	.hints = view_no_hints,
	.editing = view_takes_keys,
	.done = restore_done,
};

struct view *view_restore_new(const struct view_context *ctx, const struct journal *journal)
{
	struct restore *r = xcalloc(1, sizeof(*r));
	r->lines = xcalloc(journal_count(journal) + 1, sizeof(char *));
	for (size_t i = 0; i < journal->nforms; i++)
		r->lines[r->count++] = describe_form(&journal->forms[i]);
	for (size_t i = 0; i < journal->ncaptures; i++)
		r->lines[r->count++] = describe_capture(&journal->captures[i]);
	return view_new(&restore_ops, r, ctx, _("Restore"));
}
