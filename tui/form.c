/* form: edit or create one record — text with wide characters and a cursor, dates, choices, yes/no,
 * multi-line text and lookups — checked field by field before anything is sent, saved with a version
 * check, and on a conflict a dialog that never throws away what was typed. */
#include "tui/view.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define LABEL_WIDTH 20
#define VALUE_WIDTH 36
#define LOOKUP_LIMIT 200

enum form_mode {
	FORM_EDITING,
	FORM_PICKING,          /* choosing a lookup field's row */
	FORM_CONFLICT,         /* someone saved first: yours and theirs side by side */
	FORM_CONFIRM_DISCARD,  /* Esc with changes: really throw them away? */
	FORM_CONFIRM_ARCHIVE,  /* opened to archive: really? */
};

enum form_pending {
	PENDING_NONE, PENDING_LOAD, PENDING_PRESET, PENDING_SAVE, PENDING_ARCHIVE, PENDING_THEIRS, PENDING_LOOKUP
};

struct form {
	enum db_record_kind kind;
	const struct db_record_def *def;
	struct db_record work;        /* what the user edits; id and version are those it was loaded with */
	struct db_record theirs;      /* the row as someone else saved it, during a conflict */
	int *cursor;                  /* per field, a byte offset into work.values[i] */
	char **errors;                /* per field, why its value is refused, or NULL */
	int focus, top;
	bool loaded, dirty;
	long long synced_ms;          /* when the record (or theirs) last came from the database */
	bool restored;                /* brought back from the drafts journal */
	struct db_request preset;     /* a new record filled in by the database first (a planned inspection) */
	bool has_preset;
	enum form_mode mode;
	enum form_pending pending;
	struct view_status status;
	int clearing;                 /* the linked field whose Backspace asked first: the next one clears it */
	/* lookup picking */
	struct db_choices choices;
	char pick_filter[128];
	int pick_sel;
	int cursor_y, cursor_x;
	bool show_cursor;
	/* keys typed before the record arrived, played back once it has: none is lost */
	struct view_input early[256];
	int nearly;
};

static void form_input(struct view *view, const struct view_input *in, struct intent *intent);

static const char *value_of(const struct form *f, int i)
{
	return f->work.values[i] ? f->work.values[i] : "";
}

static void set_value(struct form *f, int i, const char *value)
{
	free(f->work.values[i]);
	f->work.values[i] = xstrdup(value);
	f->cursor[i] = (int)strlen(value);
	FREE(&f->errors[i]);
	f->dirty = true;
}

static void query(struct form *f, enum form_pending what, struct intent *intent)
{
	f->pending = what;
	intent->flags |= INTENT_QUERY | INTENT_REDRAW;
}

static void form_open(struct view *view, struct intent *intent)
{
	struct form *f = view->data;
	if (f->has_preset) {
		intent->query = f->preset;
		f->has_preset = false;
		query(f, PENDING_PRESET, intent);
		return;
	}
	if (!f->work.id || f->loaded) {   /* new, or restored as it was typed */
		f->loaded = true;
		intent->flags |= INTENT_REDRAW;
		return;
	}
	db_record_load_request(f->kind, f->work.id, &intent->query);
	query(f, PENDING_LOAD, intent);
}

/* Date fields other than except typed as words (+2w, 下周) become the dates they mean, counted from the
 * database's day by the one parser (db/date.c), so the form shows the date before it is saved. True when
 * one changed. */
static bool resolve_dates(struct form *f, const char *today, int except)
{
	bool changed = false;
	for (int i = 0; i < f->def->nfields; i++) {
		char out[11], why[256];
		const char *value = value_of(f, i);
		if (i != except && f->def->fields[i].type == DB_FIELD_DATE && *value && !db_date_valid(value)
				&& db_date_shortcut(value, today, out, why, sizeof(why))) {
			set_value(f, i, out);
			changed = true;
		}
	}
	return changed;
}

/* Every field checked; the first bad one gets the focus. */
static bool validate(struct form *f)
{
	int first_bad = -1;
	for (int i = 0; i < f->def->nfields; i++) {
		char why[256];
		FREE(&f->errors[i]);
		if (!db_field_check(&f->def->fields[i], value_of(f, i), why, sizeof(why))) {
			f->errors[i] = xstrdup(why);
			if (first_bad < 0)
				first_bad = i;
		}
	}
	if (first_bad >= 0) {
		f->focus = first_bad;
		view_status_set(&f->status, true, "%s", _("fix the marked fields; nothing was saved"));
		return false;
	}
	return true;
}

static void save(struct view *view, struct intent *intent)
{
	struct form *f = view->data;
	if (f->pending != PENDING_NONE)
		return;
	if (resolve_dates(f, view_today(view->ctx), -1)) {
		view_status_set(&f->status, false, "%s", _("the date typed is now the day it means: check it, and press F2 to save"));
		intent->flags |= INTENT_REDRAW;
		return;
	}
	if (!validate(f)) {
		intent->flags |= INTENT_REDRAW;
		return;
	}
	db_record_save_request(&f->work, &intent->query);
	view_status_set(&f->status, false, "%s", _("saving…"));
	query(f, PENDING_SAVE, intent);
}

/* Close the form; changed says the database changed, so the list below reloads. */
static void leave(struct intent *intent, const char *message, bool changed)
{
	intent->flags |= INTENT_BACK | (changed ? INTENT_RELOAD : 0);
	if (message) {
		intent->flags |= INTENT_MESSAGE;
		snprintf(intent->message, sizeof(intent->message), "%s", message);
	}
}

/* Keys typed while the form waited are played back in order; one that sends a query stops the
 * replay until its answer is in. */
static void replay_early(struct view *view, struct intent *intent)
{
	struct form *f = view->data;
	while (f->nearly && f->loaded && f->pending == PENDING_NONE && !(intent->flags & INTENT_BACK)) {
		struct view_input in = f->early[0];
		f->nearly--;
		memmove(f->early, f->early + 1, (size_t)f->nearly * sizeof(f->early[0]));
		form_input(view, &in, intent);
	}
}

/* The form shows rec (taken over) from now on, every cursor at its field's end; dirty when it is not what
 * the database holds (a plan filled in for a new record). */
static void take_record(struct form *f, struct db_record *rec, bool dirty)
{
	db_record_done(&f->work);
	f->work = *rec;
	for (int i = 0; i < f->def->nfields; i++)
		f->cursor[i] = (int)strlen(value_of(f, i));
	f->loaded = true;
	f->dirty = dirty;
}

static void form_result_now(struct view *view, const PGresult *res, const struct db_error *err,
		struct intent *intent);

static void form_result(struct view *view, unsigned tag, const PGresult *res, const struct db_error *err,
		struct intent *intent)
{
	(void)tag;
	form_result_now(view, res, err, intent);
	replay_early(view, intent);
}

static void form_result_now(struct view *view, const PGresult *res, const struct db_error *err,
		struct intent *intent)
{
	struct form *f = view->data;
	enum form_pending what = f->pending;
	f->pending = PENDING_NONE;
	intent->flags |= INTENT_REDRAW;
	struct db_error e = { 0 };
	switch (what) {
	case PENDING_LOAD: {
		struct db_record rec;
		if (!res || !db_record_parse(f->kind, res, &rec, &e)) {
			view_status_set(&f->status, true, "%s", res ? e.message : err->message);
			return;
		}
		take_record(f, &rec, false);
		f->synced_ms = view_now_ms();
		return;
	}
	case PENDING_PRESET: {
		struct db_record rec;
		if (!res || !db_inspection_plan_parse(res, &rec, &e)) {
			leave(intent, res ? e.message : err->message, false);
			intent->message_is_error = true;
			return;
		}
		take_record(f, &rec, true);
		return;
	}
	case PENDING_SAVE:
	case PENDING_ARCHIVE: {
		char *id = NULL, *version = NULL;
		enum db_save_outcome outcome = db_record_save_outcome(res, err, &id, &version, &e);
		if (outcome == DB_SAVE_OK) {
			char message[200];
			snprintf(message, sizeof(message), what == PENDING_ARCHIVE ? _("archived the %s") : _("saved the %s"),
				view_text(f->def->title));
			/* a new record becomes the selected row of the list below */
			if (!f->work.id && id) {
				snprintf(intent->select_id, sizeof(intent->select_id), "%s", id);
				intent->select_kind = f->kind;
			}
			free(id);
			free(version);
			leave(intent, message, true);
		} else if (outcome == DB_SAVE_CONFLICT) {
			view_status_set(&f->status, true, _("%s; loading their version…"), e.message);
			db_record_load_request(f->kind, f->work.id, &intent->query);
			query(f, PENDING_THEIRS, intent);
		} else {
			view_status_set(&f->status, true, "%s", e.message);
		}
		return;
	}
	case PENDING_THEIRS:
		db_record_done(&f->theirs);
		if (!res || !db_record_parse(f->kind, res, &f->theirs, &e)) {
			view_status_set(&f->status, true, _("%s. What you typed is still here; Esc leaves without saving."),
				res ? e.message : err->message);
			f->mode = FORM_EDITING;
			return;
		}
		f->mode = FORM_CONFLICT;
		f->synced_ms = view_now_ms();
		view_status_set(&f->status, true, _("someone else saved this %s first"), view_text(f->def->title));
		return;
	case PENDING_LOOKUP:
		db_choices_done(&f->choices);
		if (res && !db_lookup_parse(res, &f->choices, &e))
			view_status_set(&f->status, true, "%s", e.message);
		else if (!res)
			view_status_set(&f->status, true, "%s", err->message);
		if (f->pick_sel >= (int)f->choices.count)
			f->pick_sel = f->choices.count ? (int)f->choices.count - 1 : 0;
		return;
	default:
		return;
	}
}

/* ---- editing ---- */

static void cycle_choice(struct form *f, int i, int step)
{
	const struct db_field *field = &f->def->fields[i];
	int n = 0, current = -1;
	while (field->choices[n]) {
		if (strcmp(field->choices[n], value_of(f, i)) == 0)
			current = n;
		n++;
	}
	if (!n)
		return;
	/* An optional choice may be left empty: the empty value sits before the first choice. */
	int slots = field->required ? n : n + 1;
	int pos = field->required ? current : current + 1;
	if (pos < 0)
		pos = step > 0 ? -1 : 0;
	pos = ((pos + step) % slots + slots) % slots;
	int index = field->required ? pos : pos - 1;
	set_value(f, i, index < 0 ? "" : field->choices[index]);
}

static void pick_choice_by_letter(struct form *f, int i, int key)
{
	const struct db_field *field = &f->def->fields[i];
	for (int n = 0; field->choices[n]; n++) {
		if (field->choices[n][0] == key) {
			set_value(f, i, field->choices[n]);
			return;
		}
	}
}

static void start_picking(struct view *view, int i, struct intent *intent)
{
	struct form *f = view->data;
	f->mode = FORM_PICKING;
	f->pick_filter[0] = '\0';
	f->pick_sel = 0;
	db_lookup_request(f->def->fields[i].lookup, "", LOOKUP_LIMIT, &intent->query);
	query(f, PENDING_LOOKUP, intent);
}

static void picking_input(struct view *view, const struct view_input *in, struct intent *intent)
{
	struct form *f = view->data;
	int key = in->key;
	intent->flags |= INTENT_REDRAW;
	bool requery = false;
	if (key == 27) {
		f->mode = FORM_EDITING;
	} else if (key == '\n') {
		if (f->pick_sel < (int)f->choices.count) {
			const struct db_choice *c = &f->choices.items[f->pick_sel];
			set_value(f, f->focus, c->id);
			free(f->work.lookup_names[f->focus]);
			f->work.lookup_names[f->focus] = xstrdup(c->name);
		}
		f->mode = FORM_EDITING;
	} else if (key == CONFIG_KEY_UP) {
		if (f->pick_sel > 0)
			f->pick_sel--;
	} else if (key == CONFIG_KEY_DOWN) {
		if (f->pick_sel + 1 < (int)f->choices.count)
			f->pick_sel++;
	} else if (key == CONFIG_KEY_BACKSPACE) {
		text_delete_last(f->pick_filter);
		requery = true;
	} else if (key >= ' ' && key < CONFIG_KEY_SPECIAL && key != 127) {
		requery = text_append(f->pick_filter, sizeof(f->pick_filter), (wint_t)key);
	}
	if (requery) {
		f->pick_sel = 0;
		db_lookup_request(f->def->fields[f->focus].lookup, f->pick_filter, LOOKUP_LIMIT, &intent->query);
		query(f, PENDING_LOOKUP, intent);
	}
}

static void conflict_input(struct view *view, const struct view_input *in, struct intent *intent)
{
	struct form *f = view->data;
	intent->flags |= INTENT_REDRAW;
	switch (in->key) {
	case 'r':   /* take theirs: the user chose to drop what they typed */
		db_record_done(&f->work);
		db_record_copy(&f->work, &f->theirs);
		for (int i = 0; i < f->def->nfields; i++) {
			f->cursor[i] = (int)strlen(value_of(f, i));
			FREE(&f->errors[i]);
		}
		f->dirty = false;
		f->mode = FORM_EDITING;
		view_status_set(&f->status, false, "%s", _("reloaded their version"));
		break;
	case 'o':   /* keep yours over theirs: save again against their version */
		free(f->work.version);
		f->work.version = xstrdup(f->theirs.version ? f->theirs.version : "");
		f->mode = FORM_EDITING;
		save(view, intent);
		break;
	case 'k':
	case 27:
		f->mode = FORM_EDITING;
		view_status_set(&f->status, false, "%s", _("still editing your version; saving again will show their changes again"));
		break;
	default:
		break;
	}
}

static void form_input(struct view *view, const struct view_input *in, struct intent *intent)
{
	struct form *f = view->data;
	if (!f->loaded || (f->nearly && f->pending != PENDING_NONE)) {
		if (in->key == 27 && !f->loaded) {
			leave(intent, NULL, false);
		} else if (f->nearly < (int)(sizeof(f->early) / sizeof(f->early[0]))) {
			f->early[f->nearly++] = *in;
		}
		return;
	}
	if (f->mode == FORM_PICKING) {
		picking_input(view, in, intent);
		return;
	}
	if (f->mode == FORM_CONFLICT) {
		conflict_input(view, in, intent);
		return;
	}
	if (f->mode == FORM_CONFIRM_DISCARD) {
		intent->flags |= INTENT_REDRAW;
		if (in->key == 'y')
			leave(intent, _("changes discarded"), false);
		else
			f->mode = FORM_EDITING;
		return;
	}
	if (f->mode == FORM_CONFIRM_ARCHIVE) {
		intent->flags |= INTENT_REDRAW;
		f->mode = FORM_EDITING;
		if (in->key == 'y' && f->pending == PENDING_NONE) {
			db_record_archive_request(&f->work, &intent->query);
			view_status_set(&f->status, false, "%s", _("archiving…"));
			query(f, PENDING_ARCHIVE, intent);
		} else {
			leave(intent, _("nothing archived"), false);
		}
		return;
	}
	if (in->action == CONFIG_ACTION_SAVE) {
		save(view, intent);
		return;
	}
	int i = f->focus;
	const struct db_field *field = &f->def->fields[i];
	const char *value = value_of(f, i);
	int key = in->key;
	int asked = f->clearing;   /* any key but a second Backspace there keeps the link */
	f->clearing = -1;
	intent->flags |= INTENT_REDRAW;
	switch (key) {
	case 27:
		if (f->dirty)
			f->mode = FORM_CONFIRM_DISCARD;
		else
			leave(intent, NULL, false);
		return;
	case '\t':
	case CONFIG_KEY_DOWN:
		f->focus = (i + 1) % f->def->nfields;
		return;
	case CONFIG_KEY_BACKTAB:
	case CONFIG_KEY_UP:
		f->focus = (i + f->def->nfields - 1) % f->def->nfields;
		return;
	default:
		break;
	}
	switch (field->type) {
	case DB_FIELD_CHOICE:
		if (key == ' ' || key == CONFIG_KEY_RIGHT || key == '\n')
			cycle_choice(f, i, 1);
		else if (key == CONFIG_KEY_LEFT)
			cycle_choice(f, i, -1);
		else if (key > ' ' && key < 128)
			pick_choice_by_letter(f, i, key);
		return;
	case DB_FIELD_BOOL:
		if (key == ' ' || key == '\n' || key == CONFIG_KEY_RIGHT || key == CONFIG_KEY_LEFT)
			set_value(f, i, strcmp(value, "t") == 0 ? "f" : "t");
		else if (key == 'y')
			set_value(f, i, "t");
		else if (key == 'n')
			set_value(f, i, "f");
		return;
	case DB_FIELD_LOOKUP:
		if (key == '\n' || key == ' ')
			start_picking(view, i, intent);
		else if ((key == CONFIG_KEY_DELETE || key == CONFIG_KEY_BACKSPACE) && *value && asked != i) {
			/* a link (one prefilled, as P's action item) is not lost to one stray key */
			f->clearing = i;
			const char *name = f->work.lookup_names && f->work.lookup_names[i] ? f->work.lookup_names[i] : value;
			view_status_set(&f->status, false, _("Backspace again clears %s; any other key keeps it."), name);
		} else if (key == CONFIG_KEY_DELETE || key == CONFIG_KEY_BACKSPACE) {
			set_value(f, i, "");
			FREE(&f->work.lookup_names[i]);
			view_status_set(&f->status, false, _("%s cleared."), view_text(field->label));
		}
		return;
	default:
		break;
	}
	/* text, multi-line text, dates and numbers: a line editor */
	if (key == '\n' && field->type != DB_FIELD_MULTILINE) {
		f->focus = (i + 1) % f->def->nfields;
		return;
	}
	enum text_edit edit = TEXT_EDIT_CHANGED;
	if (key == '\n')
		text_edit_insert(&f->work.values[i], &f->cursor[i], L'\n');
	else
		edit = text_edit_key(&f->work.values[i], &f->cursor[i], key);
	if (edit == TEXT_EDIT_CHANGED) {
		FREE(&f->errors[i]);
		f->dirty = true;
	} else if (edit == TEXT_EDIT_IGNORED) {
		intent->flags |= INTENT_UNHANDLED;
	}
}

/* ---- drawing ---- */

/* What a field shows: choices and yes/no as words, lookups by name (text_draw shows newlines as ↵). */
static char *display_value(const struct form *f, const struct db_record *rec, int i)
{
	const struct db_field *field = &f->def->fields[i];
	const char *v = rec->values[i] ? rec->values[i] : "";
	if (field->type == DB_FIELD_BOOL)
		return xstrdup(strcmp(v, "t") == 0 ? _("[x] yes") : _("[ ] no"));
	if (field->type == DB_FIELD_CHOICE)   /* a choice is a stored code, shown as its word */
		return xasprintf("‹ %s ›", *v ? (text_word(v) != v ? text_word(v) : view_text(v)) : _("(none)"));
	if (field->type == DB_FIELD_LOOKUP) {
		const char *name = rec->lookup_names && rec->lookup_names[i] ? rec->lookup_names[i] : "";
		return *v ? xasprintf(_("%s  [Enter: change]"), *name ? name : v) : xstrdup(_("(none)  [Enter: pick]"));
	}
	return xstrdup(v);
}

/* Draw a text field so the cursor stays visible; remember where the cursor goes. */
static void draw_text_field(struct form *f, WINDOW *win, int y, int x, int width, int i, attr_t attr)
{
	wattrset(win, attr);
	f->cursor_x = text_edit_draw(win, y, x, width, value_of(f, i), f->cursor[i]);
	wattrset(win, A_NORMAL);
	f->cursor_y = y;
	f->show_cursor = true;
}

static void draw_conflict(struct form *f, WINDOW *win, int top, int rows, int cols)
{
	int y = top;
	wattrset(win, theme_attr(CONFIG_COLOR_ERROR));
	text_draw(win, y++, 0, _("Someone else saved this record while you were editing it. Nothing of yours is lost."), cols, false);
	wattrset(win, theme_attr(CONFIG_COLOR_HEADER));
	int half = (cols - LABEL_WIDTH - 2) / 2;
	text_draw(win, y, 0, _("Field"), LABEL_WIDTH, false);
	text_draw(win, y, LABEL_WIDTH + 1, _("Yours"), half, false);
	text_draw(win, y++, LABEL_WIDTH + 2 + half, _("Theirs"), cols - LABEL_WIDTH - 2 - half, false);
	wattrset(win, A_NORMAL);
	int differ = 0;
	for (int i = 0; i < f->def->nfields && y < top + rows - 2; i++) {
		char *mine = display_value(f, &f->work, i), *theirs = display_value(f, &f->theirs, i);
		bool same = strcmp(mine, theirs) == 0;
		if (!same) {
			differ++;
			text_draw(win, y, 0, view_text(f->def->fields[i].label), LABEL_WIDTH, false);
			wattrset(win, theme_attr(CONFIG_COLOR_MARK));
			text_draw(win, y, LABEL_WIDTH + 1, mine, half, false);
			wattrset(win, theme_attr(CONFIG_COLOR_OVERDUE));
			text_draw(win, y, LABEL_WIDTH + 2 + half, theirs, cols - LABEL_WIDTH - 2 - half, false);
			wattrset(win, A_NORMAL);
			y++;
		}
		free(mine);
		free(theirs);
	}
	if (!differ)
		text_draw(win, y++, 2, _("(they saved the same values you have)"), cols - 2, false);
	y++;
	if (y < top + rows)
		text_draw(win, y, 0, _("r reload theirs (drops yours)   o overwrite with yours   k keep editing"), cols, false);
}

static void draw_picker(struct form *f, WINDOW *win, int top, int rows, int cols)
{
	char line[300];
	snprintf(line, sizeof(line), _("Pick %s — type to search: %s_"), view_text(f->def->fields[f->focus].label),
		f->pick_filter);
	wattrset(win, theme_attr(CONFIG_COLOR_HEADER));
	text_draw(win, top, 0, line, cols, false);
	wattrset(win, A_NORMAL);
	int shown = rows - 1;
	int first = f->pick_sel >= shown ? f->pick_sel - shown + 1 : 0;
	for (int r = 0; r < shown; r++) {
		int index = first + r;
		int y = top + 1 + r;
		wmove(win, y, 0);
		wclrtoeol(win);
		if (index >= (int)f->choices.count) {
			if (r == 0 && f->pending == PENDING_NONE)
				text_draw(win, y, 2, _("nothing matches"), cols - 2, false);
			continue;
		}
		const struct db_choice *c = &f->choices.items[index];
		attr_t attr = index == f->pick_sel ? theme_attr(CONFIG_COLOR_SELECTED) : A_NORMAL;
		wattrset(win, attr);
		int nw = cols * 3 / 5;
		text_draw(win, y, 0, c->name, nw, false);
		text_draw(win, y, nw, " ", 1, false);
		text_draw(win, y, nw + 1, c->detail, cols - nw - 1, false);
		wattrset(win, A_NORMAL);
	}
}

static void form_draw(struct view *view, WINDOW *win, int top, int rows, int cols)
{
	struct form *f = view->data;
	view->page_rows = rows;
	f->show_cursor = false;
	for (int r = 0; r < rows; r++) {
		wmove(win, top + r, 0);
		wclrtoeol(win);
	}
	if (f->mode == FORM_PICKING) {
		draw_picker(f, win, top, rows, cols);
		return;
	}
	if (f->mode == FORM_CONFLICT) {
		draw_conflict(f, win, top, rows, cols);
		return;
	}
	if (f->mode == FORM_EDITING && f->loaded)   /* the field just left shows the day its word means */
		resolve_dates(f, view_today(view->ctx), f->focus);
	char heading[300];
	snprintf(heading, sizeof(heading), !f->loaded ? (f->work.id ? _("Edit %s (loading…)") : _("New %s (loading…)"))
		: f->restored ? (f->work.id ? _("Edit %s (restored)") : _("New %s (restored)"))
		: f->work.id ? _("Edit %s") : _("New %s"), view_text(f->def->title));
	wattrset(win, theme_attr(CONFIG_COLOR_HEADER));
	text_draw(win, top, 0, heading, cols, false);
	wattrset(win, A_NORMAL);
	int shown = rows - 2;
	if (f->focus < f->top)
		f->top = f->focus;
	if (f->focus >= f->top + shown)
		f->top = f->focus - shown + 1;
	int label_width = cols >= 80 ? LABEL_WIDTH : 14;
	int value_width = cols - label_width - 2 > VALUE_WIDTH ? VALUE_WIDTH : cols - label_width - 2;
	for (int r = 0; r < shown && f->top + r < f->def->nfields; r++) {
		int i = f->top + r;
		int y = top + 1 + r;
		const struct db_field *field = &f->def->fields[i];
		char label[80];
		snprintf(label, sizeof(label), "%s%s", view_text(field->label), field->required ? " *" : "");
		wattrset(win, theme_attr(i == f->focus ? CONFIG_COLOR_MARK : CONFIG_COLOR_DIM));
		text_draw(win, y, 0, label, label_width, true);
		wattrset(win, A_NORMAL);
		int x = label_width + 2;
		attr_t attr = i == f->focus ? theme_attr(CONFIG_COLOR_SELECTED) : A_UNDERLINE;
		bool text = field->type != DB_FIELD_CHOICE && field->type != DB_FIELD_BOOL && field->type != DB_FIELD_LOOKUP;
		if (text && i == f->focus && f->mode == FORM_EDITING) {
			draw_text_field(f, win, y, x, value_width, i, attr);
		} else {
			char *shown_value = display_value(f, &f->work, i);
			wattrset(win, attr);
			text_draw(win, y, x, shown_value, value_width, false);
			wattrset(win, A_NORMAL);
			free(shown_value);
		}
		int note_x = x + value_width + 2;
		if (note_x < cols) {
			const char *note = f->errors[i] ? f->errors[i] : (i == f->focus && field->hint ? view_text(field->hint) : "");
			wattrset(win, theme_attr(f->errors[i] ? CONFIG_COLOR_ERROR : CONFIG_COLOR_DIM));
			text_draw(win, y, note_x, note, cols - note_x, false);
			wattrset(win, A_NORMAL);
		}
	}
	if (f->mode == FORM_CONFIRM_ARCHIVE) {
		char line[300];
		snprintf(line, sizeof(line), _("Archive this %s? It stays in the history.  y archives it,  any other key does not"),
			view_text(f->def->title));
		wattrset(win, theme_attr(CONFIG_COLOR_ERROR));
		text_draw(win, top + rows - 1, 0, line, cols, false);
		wattrset(win, A_NORMAL);
	} else if (f->mode == FORM_CONFIRM_DISCARD) {
		wattrset(win, theme_attr(CONFIG_COLOR_ERROR));
		text_draw(win, top + rows - 1, 0, _("Discard your changes?  y discards them,  any other key goes back to the form"),
			cols, false);
		wattrset(win, A_NORMAL);
	} else if (f->errors[f->focus] &&
			text_width(f->errors[f->focus]) > cols - (label_width + 2 + value_width + 2)) {
		/* no room for the whole reason beside the field: it goes on the last line too */
		wattrset(win, theme_attr(CONFIG_COLOR_ERROR));
		text_draw(win, top + rows - 1, 0, f->errors[f->focus], cols, false);
		wattrset(win, A_NORMAL);
	}
}

static bool form_cursor(struct view *view, int *y, int *x)
{
	struct form *f = view->data;
	*y = f->cursor_y;
	*x = f->cursor_x;
	return f->show_cursor && f->mode == FORM_EDITING;
}

static const struct view_hint *form_hints(struct view *view)
{
	static const struct view_hint editing[] = {
		{ CONFIG_ACTION_SAVE, N_("Save") }, { CONFIG_ACTION_BACK, N_("Cancel") }, { CONFIG_ACTION_HELP, N_("Help") },
		{ CONFIG_ACTION_NONE, NULL },
	};
	static const struct view_hint none[] = { { CONFIG_ACTION_NONE, NULL } };
	struct form *f = view->data;
	return f->mode == FORM_EDITING ? editing : none;
}

static void form_describe(struct view *view, char *buf, size_t size)
{
	struct form *f = view->data;
	if (f->status.text[0])
		snprintf(buf, size, "%s", f->status.text);
	else if (f->mode == FORM_PICKING)
		snprintf(buf, size, "%s", _("Up/Down choose, Enter picks, Esc leaves it as it was"));
	else if (f->loaded)
		snprintf(buf, size, "%s", _("Tab/Up/Down move between fields; Space or Left/Right change a choice; * is required"));
	else
		buf[0] = '\0';
}

static void form_done(struct view *view)
{
	struct form *f = view->data;
	for (int i = 0; i < f->def->nfields; i++)
		free(f->errors[i]);
	free(f->errors);
	free(f->cursor);
	db_record_done(&f->work);
	db_record_done(&f->theirs);
	db_choices_done(&f->choices);
	if (f->has_preset)
		db_request_done(&f->preset);
	free(f);
}

/* Live updates: a form is never reloaded under the user's hands (the save is version-checked anyway);
 * it only says that its record changed since it was loaded. */
static bool form_changed(struct view *view, const struct view_change *changes, size_t count, bool shown,
		struct intent *intent)
{
	(void)shown;
	struct form *f = view->data;
	/* a save on its way, or the conflict dialog, shows both already */
	if (!f->work.id || !f->loaded || f->mode == FORM_CONFLICT || f->pending == PENDING_SAVE ||
			f->pending == PENDING_ARCHIVE || f->pending == PENDING_THEIRS)
		return false;
	const char *table = strchr(f->def->table, '.') ? strchr(f->def->table, '.') + 1 : f->def->table;
	for (size_t i = 0; i < count; i++) {
		if (strcmp(changes[i].table, table) != 0 || (changes[i].id[0] && strcmp(changes[i].id, f->work.id) != 0))
			continue;
		if (changes[i].at_ms < f->synced_ms)
			continue;   /* it was loaded after that change: it has it */
		view_status_set(&f->status, true, "%s", _("changed by someone else meanwhile: F2 will show both"));
		intent->flags |= INTENT_REDRAW;
		break;
	}
	return false;
}

static bool form_editing(const struct view *view)
{
	(void)view;
	return true;
}

static bool form_draft(const struct view *view, struct journal *journal)
{
	const struct form *f = view->data;
	if (!f->dirty)
		return false;
	struct journal_form *draft = journal_add_form(journal);
	draft->kind = f->kind;
	draft->id = f->work.id ? xstrdup(f->work.id) : NULL;
	draft->version = f->work.version ? xstrdup(f->work.version) : NULL;
	/* restored after a lost answer, the INSERT carries the same key: the row it may have stored is found */
	draft->client_key = !f->work.id && f->work.client_key ? xstrdup(f->work.client_key) : NULL;
	draft->nvalues = f->def->nfields;
	draft->values = xcalloc((size_t)draft->nvalues, sizeof(char *));
	draft->names = xcalloc((size_t)draft->nvalues, sizeof(char *));
	for (int i = 0; i < draft->nvalues; i++) {
		draft->values[i] = f->work.values[i] ? xstrdup(f->work.values[i]) : NULL;
		const char *name = f->work.lookup_names ? f->work.lookup_names[i] : NULL;
		draft->names[i] = name ? xstrdup(name) : NULL;
	}
	return true;
}

static const struct view_ops form_ops = {
	.name = "form",
	.open = form_open,
	.draw = form_draw,
	.input = form_input,
	.result = form_result,
	.cursor = form_cursor,
	.hints = form_hints,
	.describe = form_describe,
	.editing = form_editing,
	.changed = form_changed,
	.draft = form_draft,
	.done = form_done,
};

struct view *view_form_new(const struct view_context *ctx, enum db_record_kind kind, const char *id,
		const struct db_record *preset)
{
	struct form *f = xcalloc(1, sizeof(*f));
	f->clearing = -1;
	f->kind = kind;
	f->def = db_record_def(kind);
	if (preset) {
		db_record_copy(&f->work, preset);
		/* a preset may start many forms: each new record needs a key of its own */
		free(f->work.client_key);
		f->work.client_key = db_client_key_new();
	} else {
		db_record_init(&f->work, kind);
	}
	if (id) {
		free(f->work.id);
		f->work.id = xstrdup(id);
	}
	f->theirs.kind = kind;
	f->cursor = xcalloc((size_t)f->def->nfields, sizeof(*f->cursor));
	f->errors = xcalloc((size_t)f->def->nfields, sizeof(*f->errors));
	for (int i = 0; i < f->def->nfields; i++)
		f->cursor[i] = (int)strlen(value_of(f, i));
	char title[160];
	snprintf(title, sizeof(title), id ? _("Edit %s") : _("New %s"), view_text(f->def->title));
	return view_new(&form_ops, f, ctx, title);
}

struct view *view_form_from_draft(const struct view_context *ctx, const struct journal_form *draft)
{
	struct view *view = view_form_new(ctx, (enum db_record_kind)draft->kind, NULL, NULL);
	struct form *f = view->data;
	for (int i = 0; i < draft->nvalues && i < f->def->nfields; i++) {
		free(f->work.values[i]);
		f->work.values[i] = draft->values[i] ? xstrdup(draft->values[i]) : NULL;
		if (f->work.lookup_names) {
			free(f->work.lookup_names[i]);
			f->work.lookup_names[i] = draft->names[i] ? xstrdup(draft->names[i]) : NULL;
		}
		f->cursor[i] = (int)strlen(value_of(f, i));
	}
	/* the version it was loaded with: a save still notices anyone who saved since */
	f->work.id = draft->id ? xstrdup(draft->id) : NULL;
	f->work.version = draft->version ? xstrdup(draft->version) : NULL;
	if (draft->client_key) {   /* journals written before 0016 have none: the fresh key stays */
		free(f->work.client_key);
		f->work.client_key = xstrdup(draft->client_key);
	}
	f->loaded = true;
	f->dirty = true;
	f->restored = true;
	view_status_set(&f->status, false, "%s", _("restored from the last session, as it was typed: F2 saves it, Esc discards it"));
	snprintf(view->title, sizeof(view->title), draft->id ? _("Edit %s (restored)") : _("New %s (restored)"),
		view_text(f->def->title));
	return view;
}

void view_form_ask_archive(struct view *view)
{
	struct form *f = view->data;
	f->mode = FORM_CONFIRM_ARCHIVE;
}

struct view *view_form_planned(const struct view_context *ctx, struct db_request *preset)
{
	struct view *view = view_form_new(ctx, DB_RECORD_INSPECTION, NULL, NULL);
	struct form *f = view->data;
	f->preset = *preset;
	f->has_preset = true;
	memset(preset, 0, sizeof(*preset));
	snprintf(view->title, sizeof(view->title), "%s", _("Plan an inspection"));
	return view;
}
