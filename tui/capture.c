/* capture: the secretary's one screen for a meeting as it runs — attendees, agenda, decisions and action
 * items, each a line of text. Enter adds the next line, Tab moves to the next section, and every line is
 * saved on its own as it settles (one query at a time), so a dropped link costs nothing: what is not saved
 * yet stays on screen and in the drafts journal, and goes out once the connection is back. A name the
 * line leaves open (two persons of it, or none; an owner no school of the district is) is never guessed:
 * the line waits, marked, until the secretary says who it is (F3), and the typing goes on meanwhile. */
#include "tui/view.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SAVE_IDLE_MS 1500     /* a line is saved once typing has paused this long… */
#define SAVE_LATEST_MS 5000   /* …or this long after the first unsaved change, typing or not */
#define STUCK_MS 3000         /* a save in flight this long: the connection is probably gone */
#define NOTE_WIDTH 30
#define EARLY_KEYS 512

struct line {
	char *text;            /* as typed; never NULL */
	int cursor;            /* byte offset into text */
	char *id, *version;    /* its row; NULL when not in the database */
	char *saved;           /* the text the database has; NULL when none */
	int position;          /* agenda items, decisions: their number */
	int parent;            /* the position of its owner in the section above, as when typed; 0 for none */
	char *note;            /* what the database made of it, or why it was refused */
	char *key;             /* its INSERT's client key, made at its first save and kept (journal too) until
	                        * the row is known: an INSERT sent again finds the row the first one stored */
	bool refused;          /* the last save was refused: not sent again until edited */
	bool conflict;         /* someone else changed the row: F2 on the line saves it over theirs */
	/* who the name is (an attendee typed without a head count, an action item's owner) */
	char *name_for;        /* the name settled below; NULL when not looked up since it was typed */
	enum line_name { NAME_OPEN, NAME_FOUND, NAME_CHOSEN } name_state;   /* the rule finds none or several;
	                        * it finds exactly one; the secretary said who */
	char *choice;          /* FOUND, CHOSEN: the person's or school's id; NULL: an organisation / a unit */
	long matches;          /* OPEN: how many the rule finds */
	bool name_changed;     /* a save was refused: the rule no longer found the one it had found */
	bool choice_unsaved;   /* chosen since the row was last saved */
	unsigned choice_serial;/* counts the choices, so an answer to an older save leaves a newer one unsaved */
	struct db_capture_names names;   /* the candidates last looked up, for the picker (names_for) */
	char *names_for;
};

struct section {
	struct line *lines;
	size_t count;
};

struct capture {
	const struct view_context *ctx;   /* the view's: the database's day */
	char *meeting_id, *title, *today, *status;
	bool loaded, editable, restored;
	struct section sections[DB_CAPTURE_SECTIONS];
	int focus;             /* the section */
	size_t at;             /* the line in it */
	int top;               /* first display row shown */
	/* one save at a time: which line, and the text sent */
	bool saving, forcing;
	enum { SENT_SAVE, SENT_NAMES } sent;   /* what the query in flight is */
	unsigned sending_serial;
	int saving_section;
	size_t saving_line;
	char *sending;
	long long saving_since, changed_at, dirty_since;
	bool save_now;         /* a section change or F2: save without waiting for a pause */
	bool closing;          /* Esc: close once everything is saved */
	bool confirm_leave;    /* Esc with lines that cannot be saved now: leave them in the journal? */
	char unsaved_why[400]; /* which of them has the focus now, and why it is not saved */
	/* the picker (F3): who the name on a line is */
	bool picking, pick_wanted;   /* shown; asked for while its candidates were not looked up yet */
	int pick_section;
	size_t pick_line, pick_at, pick_top;
	struct view_status message;
	int cursor_y, cursor_x;
	bool show_cursor;
	struct view_input early[EARLY_KEYS];   /* keys typed before the meeting arrived, played back after */
	int nearly;
};

static const char *const section_titles[DB_CAPTURE_SECTIONS] = {
	N_("Attendees"), N_("Agenda"), N_("Decisions"), N_("Action items"),
};

/* What a line of each section looks like, for the status line while it has the focus. */
static const char *const section_syntax[DB_CAPTURE_SECTIONS] = {
	N_("a person's name, or an organisation and its head count: 区特殊教育中心 — 12"),
	N_("title | notes"),
	N_("what was decided (#N first: under agenda item N, else the latest one)"),
	N_("what | owner school or unit | due: 2026-12-01, +30d, +2w, end of month, end of term"),
};

static bool blank(const char *s)
{
	for (; s && *s; s++)
		if (*s != ' ' && *s != '\t')
			return false;
	return true;
}

static bool line_dirty(const struct line *l)
{
	return (l->saved ? strcmp(l->saved, l->text) != 0 : !blank(l->text)) || (l->choice_unsaved && !blank(l->text));
}

/* ---- who a name is ---- */

enum name_need {
	NAME_NEEDS_NONE,       /* the line names no one to settle */
	NAME_NEEDS_LOOKUP,     /* not looked up since the name was typed */
	NAME_NEEDS_CHOICE,     /* the secretary must say who it is */
	NAME_SETTLED,
};

static enum name_need line_name_need(const struct line *l, const char *name)
{
	if (!name)
		return NAME_NEEDS_NONE;
	if (!l->name_for || strcmp(l->name_for, name) != 0)
		return NAME_NEEDS_LOOKUP;
	return l->name_state == NAME_OPEN ? NAME_NEEDS_CHOICE : NAME_SETTLED;
}

/* The line's name as it is typed now (allocated), or NULL when it names no one to settle or is not a
 * line yet. */
static char *line_name(const struct line *l, int section, const char *today)
{
	struct db_capture_fields fields;
	char why[300];
	if (blank(l->text) || !db_capture_line_parse((enum db_capture_section)section, l->text, today, &fields, why,
			sizeof(why)))
		return NULL;
	const char *name = db_capture_line_name((enum db_capture_section)section, &fields);
	char *copy = name ? xstrdup(name) : NULL;
	db_capture_fields_done(&fields);
	return copy;
}

static void settle_name(struct line *l, const char *name, enum line_name state, const char *choice)
{
	free(l->name_for);
	l->name_for = xstrdup(name);
	l->name_state = state;
	free(l->choice);
	l->choice = choice ? xstrdup(choice) : NULL;
}

static const char *count_words(long n)
{
	static const char *const words[] = { NC_("count", "no"), NC_("count", "one"), NC_("count", "two"),
		NC_("count", "three"), NC_("count", "four"), NC_("count", "five"), NC_("count", "six"),
		NC_("count", "seven"), NC_("count", "eight"), NC_("count", "nine"), NC_("count", "ten") };
	return n >= 0 && n <= 10 ? text_in_context(words[n]) : C_("count", "many");
}

/* What the secretary must do about a name left open, in a sentence. */
static void name_question(const struct line *l, int section, const char *name, char *buf, size_t size)
{
	char key[32];
	keymap_first(CONFIG_ACTION_CHOOSE, key, sizeof(key));
	char changed[200] = "";
	if (l->name_changed)
		snprintf(changed, sizeof(changed), section == DB_CAPTURE_ACTIONS
			? _("not saved, the schools named %s changed meanwhile: ")
			: _("not saved, the persons named %s changed meanwhile: "), name);
	if (section == DB_CAPTURE_ACTIONS && l->matches == 0)
		snprintf(buf, size, _("%sno school of this district is named %s — press %s to choose a school or to record it"
			" as a unit"), changed, name, key);
	else if (section == DB_CAPTURE_ACTIONS)
		snprintf(buf, size, _("%s%s schools have the name or code %s — press %s to choose"), changed,
			count_words(l->matches), name, key);
	else if (l->matches == 0)
		snprintf(buf, size, _("%sno person is named %s — press %s to choose a person or to record it as an"
			" organisation"), changed, name, key);
	else
		snprintf(buf, size, ngettext("%s%s person is named %s — press %s to choose",
			"%s%s persons are named %s — press %s to choose", (unsigned long)l->matches), changed,
			count_words(l->matches), name, key);
}

static struct line *line_at(struct capture *c, int section, size_t i)
{
	return &c->sections[section].lines[i];
}

static struct line *focused(struct capture *c)
{
	return line_at(c, c->focus, c->at);
}

/* The number a new agenda item or decision gets: one past the highest. */
static int next_position(const struct section *s)
{
	int max = 0;
	for (size_t i = 0; i < s->count; i++)
		if (s->lines[i].position > max)
			max = s->lines[i].position;
	return max + 1;
}

/* What a line typed now belongs to: the latest agenda item (of a decision), decision (of an action item). */
static int latest_owner(const struct capture *c, int section)
{
	if (section != DB_CAPTURE_DECISIONS && section != DB_CAPTURE_ACTIONS)
		return 0;
	const struct section *above = &c->sections[section - 1];
	for (size_t i = above->count; i-- > 0;)
		if (!blank(above->lines[i].text))
			return above->lines[i].position;
	return 0;
}

static struct line *add_line(struct capture *c, int section)
{
	struct section *s = &c->sections[section];
	s->lines = xrealloc(s->lines, (s->count + 1) * sizeof(*s->lines));
	struct line *l = &s->lines[s->count++];
	memset(l, 0, sizeof(*l));
	l->text = xstrdup("");
	if (section == DB_CAPTURE_AGENDA || section == DB_CAPTURE_DECISIONS)
		l->position = next_position(s);
	return l;
}

/* Go to the end of section, on an empty line ready for typing (made when the last one holds text). */
static void go_to_end(struct capture *c, int section)
{
	struct section *s = &c->sections[section];
	if (!s->count || !blank(s->lines[s->count - 1].text) || s->lines[s->count - 1].id)
		add_line(c, section);
	c->focus = section;
	c->at = s->count - 1;
	focused(c)->cursor = (int)strlen(focused(c)->text);
}

static void free_line(struct line *l)
{
	free(l->text);
	free(l->id);
	free(l->version);
	free(l->saved);
	free(l->note);
	free(l->key);
	free(l->name_for);
	free(l->choice);
	free(l->names_for);
	db_capture_names_done(&l->names);
}

static void clear_lines(struct capture *c)
{
	for (int s = 0; s < DB_CAPTURE_SECTIONS; s++) {
		for (size_t i = 0; i < c->sections[s].count; i++)
			free_line(&c->sections[s].lines[i]);
		FREE(&c->sections[s].lines);
		c->sections[s].count = 0;
	}
}

/* ---- saving, a line at a time ---- */

/* The owner line (in the section above) a line refers to, by "#N" or as typed; NULL with why when none. */
static struct line *owner_of(struct capture *c, int section, const struct line *l,
	const struct db_capture_fields *fields, bool *none, char *why, size_t size)
{
	int ref = fields->ref >= 0 ? fields->ref : l->parent;
	*none = ref == 0;
	if (ref == 0) {
		if (section == DB_CAPTURE_ACTIONS)
			snprintf(why, size, "%s", _("an action item belongs to a decision: add one above, or start the line with #N"));
		return NULL;
	}
	struct section *above = &c->sections[section - 1];
	for (size_t i = 0; i < above->count; i++)
		if (above->lines[i].position == ref && !blank(above->lines[i].text))
			return &above->lines[i];
	*none = false;
	snprintf(why, size, section == DB_CAPTURE_ACTIONS ? _("there is no decision %d") : _("there is no agenda item %d"), ref);
	return NULL;
}

/* The day "+30d" and "tomorrow" count from: the database's, as the session knows it now (it moves on at
 * midnight), else the one the meeting was loaded with. */
static const char *capture_today(const struct capture *c)
{
	return view_today(c->ctx) ? view_today(c->ctx) : c->today;
}

enum send { SEND_NOTHING, SEND_SAVE, SEND_LOOKUP };

/* What line needs sent now, and the request for it: its save, or first the look-up of who its name is;
 * why says what is wrong when it can never be sent as it stands (nothing to say when it only waits for
 * the line above it to be saved). */
static enum send save_request(struct capture *c, int section, struct line *l, bool force, struct db_request *req,
	char *why, size_t size)
{
	why[0] = '\0';
	const char *version = force ? NULL : l->version;
	if (blank(l->text)) {
		if (!l->id)
			return SEND_NOTHING;
		db_capture_delete_request((enum db_capture_section)section, l->id, version, req);
		return SEND_SAVE;
	}
	struct db_capture_fields fields;
	if (!db_capture_line_parse((enum db_capture_section)section, l->text, capture_today(c), &fields, why, size))
		return SEND_NOTHING;
	const char *name = db_capture_line_name((enum db_capture_section)section, &fields);
	switch (line_name_need(l, name)) {
	case NAME_NEEDS_LOOKUP:
		db_capture_names_request((enum db_capture_section)section, c->meeting_id, name, req);
		db_capture_fields_done(&fields);
		return SEND_LOOKUP;
	case NAME_NEEDS_CHOICE:
		name_question(l, section, name, why, size);
		db_capture_fields_done(&fields);
		return SEND_NOTHING;
	case NAME_SETTLED:
		fields.choice = l->choice ? xstrdup(l->choice) : NULL;
		fields.automatic = l->name_state == NAME_FOUND;
		break;
	case NAME_NEEDS_NONE:
		break;
	}
	const char *parent_id = NULL;
	bool ready = true;
	if (section == DB_CAPTURE_DECISIONS || section == DB_CAPTURE_ACTIONS) {
		bool none;
		struct line *owner = owner_of(c, section, l, &fields, &none, why, size);
		if (owner)
			parent_id = owner->id;
		ready = none ? section == DB_CAPTURE_DECISIONS : owner && owner->id;
	}
	if (ready && !l->id && !l->key)
		l->key = db_client_key_new();
	if (ready)
		db_capture_save_request((enum db_capture_section)section, c->meeting_id, l->id, version,
			l->id ? NULL : l->key, l->position, &fields, parent_id, req);
	db_capture_fields_done(&fields);
	return ready ? SEND_SAVE : SEND_NOTHING;
}

static void start_save(struct capture *c, int section, size_t i, struct db_request *req, enum send send, bool force,
	struct intent *intent)
{
	struct line *l = line_at(c, section, i);
	intent->query = *req;
	intent->flags |= INTENT_QUERY | INTENT_REDRAW;
	c->saving = true;
	c->sent = send == SEND_LOOKUP ? SENT_NAMES : SENT_SAVE;
	c->forcing = force;
	c->saving_section = section;
	c->saving_line = i;
	c->saving_since = view_now_ms();
	c->sending_serial = l->choice_serial;
	free(c->sending);
	/* a look-up is for the name as sent, which its answer is checked against */
	c->sending = send == SEND_LOOKUP ? xstrdup(req->params[1] ? req->params[1] : "") : xstrdup(l->text);
}

/* The picker's line wants its candidates looked up (F3 before they were): send that now. */
static bool look_up_for_picker(struct capture *c, struct intent *intent)
{
	if (!c->pick_wanted || c->saving)
		return false;
	struct line *l = line_at(c, c->pick_section, c->pick_line);
	char *name = line_name(l, c->pick_section, capture_today(c));
	if (!name) {
		c->pick_wanted = false;
		return false;
	}
	struct db_request req;
	db_capture_names_request((enum db_capture_section)c->pick_section, c->meeting_id, name, &req);
	free(name);
	start_save(c, c->pick_section, c->pick_line, &req, SEND_LOOKUP, false, intent);
	return true;
}

/* Send the first line that needs saving and can be; false when none can. */
static bool save_next(struct capture *c, struct intent *intent)
{
	if (c->saving || !c->loaded || !c->editable)
		return c->saving;
	if (look_up_for_picker(c, intent))
		return true;
	for (int s = 0; s < DB_CAPTURE_SECTIONS; s++) {
		for (size_t i = 0; i < c->sections[s].count; i++) {
			struct line *l = line_at(c, s, i);
			if (!line_dirty(l) || l->refused || l->conflict)
				continue;
			struct db_request req;
			char why[300];
			enum send send = save_request(c, s, l, false, &req, why, sizeof(why));
			if (send != SEND_NOTHING) {
				start_save(c, s, i, &req, send, false, intent);
				return true;
			}
		}
	}
	return false;
}

static size_t count_unsaved(struct capture *c)
{
	size_t n = 0;
	for (int s = 0; s < DB_CAPTURE_SECTIONS; s++)
		for (size_t i = 0; i < c->sections[s].count; i++)
			n += line_dirty(line_at(c, s, i)) || line_at(c, s, i)->conflict;
	return n;
}

/* Whether the line waits for the secretary to say who its name is. */
static bool line_asks(const struct capture *c, int section, const struct line *l)
{
	if (!line_dirty(l))
		return false;
	char *name = line_name(l, section, capture_today(c));
	bool asks = line_name_need(l, name) == NAME_NEEDS_CHOICE;
	free(name);
	return asks;
}

static size_t count_asking(struct capture *c)
{
	size_t n = 0;
	for (int s = 0; s < DB_CAPTURE_SECTIONS; s++)
		for (size_t i = 0; i < c->sections[s].count; i++)
			n += line_asks(c, s, line_at(c, s, i));
	return n;
}

/* ", 2 of them waiting for a choice (F3 on each)", or "" when none waits. */
static void asking_clause(struct capture *c, char *buf, size_t size)
{
	size_t asking = count_asking(c);
	char key[32];
	keymap_first(CONFIG_ACTION_CHOOSE, key, sizeof(key));
	buf[0] = '\0';
	if (asking)
		snprintf(buf, size, ngettext(", %zu of them waiting for you to say who a name is (%s on each)",
			", %zu of them waiting for you to say who a name is (%s on each)", asking), asking, key);
}

static void leave(struct capture *c, struct intent *intent, bool keep)
{
	intent->flags |= INTENT_BACK | INTENT_RELOAD | (keep ? INTENT_KEEP : 0);
	if (keep) {
		char asking[160];
		asking_clause(c, asking, sizeof(asking));
		intent->flags |= INTENT_MESSAGE;
		snprintf(intent->message, sizeof(intent->message),
			ngettext("%zu unsaved line of %s kept in the drafts journal%s: offered again at the next start",
			"%zu unsaved lines of %s kept in the drafts journal%s: offered again at the next start", count_unsaved(c)),
			count_unsaved(c), c->title, asking);
	}
}

static void after_answer(struct capture *c, struct intent *intent);

static void line_note(struct capture *c, int section, size_t i, char *buf, size_t size, bool *error);
static void move_to(struct capture *c, int section, size_t i);

/* The first line count_unsaved counts gets the focus, and buf says which it is and why it is not saved:
 * its note, else why it is not sent, so a count never points at a line without a reason. */
static bool unsaved_show_first(struct capture *c, char *buf, size_t size)
{
	for (int s = 0; s < DB_CAPTURE_SECTIONS; s++) {
		for (size_t i = 0; i < c->sections[s].count; i++) {
			struct line *l = line_at(c, s, i);
			if (!line_dirty(l) && !l->conflict)
				continue;
			char why[300];
			bool error;
			line_note(c, s, i, why, sizeof(why), &error);
			if (!error) {
				struct db_request req = { 0 };
				if (save_request(c, s, l, false, &req, why, sizeof(why)) != SEND_NOTHING) {
					db_request_done(&req);
					snprintf(why, sizeof(why), "%s", _("it is sent after the line being saved"));
				} else if (!why[0]) {
					snprintf(why, sizeof(why), "%s", _("it waits to be sent"));
				}
			}
			char *start = text_cut(l->text, 24);
			snprintf(buf, size, _("%s, line %zu \"%s\" (the cursor is on it): %s"), _(section_titles[s]), i + 1, start,
				why);
			free(start);
			move_to(c, s, i);
			return true;
		}
	}
	buf[0] = '\0';
	return false;
}

/* Esc, or a save answered while closing: go once everything is saved; ask when something cannot be. */
static void try_close(struct capture *c, struct intent *intent)
{
	intent->flags |= INTENT_REDRAW;
	if (!count_unsaved(c) && !c->saving) {
		leave(c, intent, false);
		return;
	}
	bool stuck = c->saving && view_now_ms() - c->saving_since >= STUCK_MS;
	if (!stuck && (c->saving || save_next(c, intent))) {
		c->closing = true;
		view_status_set(&c->message, false, "%s", _("saving before closing…"));
		return;
	}
	c->closing = false;
	c->confirm_leave = true;
	unsaved_show_first(c, c->unsaved_why, sizeof(c->unsaved_why));
}

/* A query answered: the next line goes out, or the capture closes once nothing is left to send. */
static void after_answer(struct capture *c, struct intent *intent)
{
	if (c->closing && !save_next(c, intent))
		try_close(c, intent);
	else if (!c->closing && (c->save_now || c->pick_wanted || view_now_ms() - c->changed_at >= SAVE_IDLE_MS))
		save_next(c, intent);
}

static void capture_tick(struct view *view, struct intent *intent)
{
	struct capture *c = view->data;
	if (!c->loaded || !c->editable || c->saving || !c->dirty_since)
		return;
	long long now = view_now_ms();
	if (c->save_now || now - c->changed_at >= SAVE_IDLE_MS || now - c->dirty_since >= SAVE_LATEST_MS) {
		if (!save_next(c, intent)) {
			c->save_now = false;
			if (!count_unsaved(c))
				c->dirty_since = 0;
		}
	}
}

static void on_saved(struct view *view, const PGresult *res, const struct db_error *err, struct intent *intent)
{
	struct capture *c = view->data;
	c->saving = false;
	intent->flags |= INTENT_REDRAW;
	struct line *l = line_at(c, c->saving_section, c->saving_line);
	char *id, *version, *note;
	struct db_error why = { 0 };
	enum db_save_outcome outcome = db_capture_save_outcome(res, err, &id, &version, &note, &why);
	bool deleted = blank(c->sending);
	FREE(&l->note);
	if (outcome == DB_SAVE_OK) {
		free(l->id);
		free(l->version);
		free(l->saved);
		l->id = deleted ? NULL : id;
		l->version = deleted ? NULL : version;
		l->saved = deleted ? NULL : xstrdup(c->sending);
		l->note = note;
		FREE(&l->key);   /* the row is known (or gone): a later INSERT is a new row, with a new key */
		if (deleted) {
			free(id);
			free(version);
			FREE(&l->note);
		}
		l->refused = l->conflict = false;
		if (l->choice_serial == c->sending_serial)
			l->choice_unsaved = false;
		if (c->message.error)
			c->message.text[0] = '\0';
	} else if (outcome == DB_SAVE_NAME_CHANGED) {
		/* found by the rule when typed, the rule finds otherwise now: looked up again, then asked */
		l->name_changed = true;
		FREE(&l->name_for);
		FREE(&l->names_for);   /* the candidates shown must be today's */
		view_status_set(&c->message, true, "%s", _("a line was not saved: who its name is changed meanwhile; see its note"));
	} else if (outcome == DB_SAVE_CONFLICT && !c->forcing) {
		l->conflict = true;
		l->note = xstrdup(_("changed by someone else: F2 here saves yours over it"));
		view_status_set(&c->message, true, "%s",
			_("someone else changed a line you edited; yours is kept: F2 on it saves it over theirs"));
	} else {
		l->refused = true;
		l->note = xstrdup(why.message);
		view_status_set(&c->message, true, _("not saved: %s"), why.message);
	}
	after_answer(c, intent);
}

static void open_picker(struct capture *c, int section, size_t i)
{
	c->picking = true;
	c->pick_wanted = false;
	c->pick_section = section;
	c->pick_line = i;
	c->pick_at = c->pick_top = 0;
}

/* Who a line's name is, looked up: settled when the rule finds exactly one (and the line did not just
 * find it changed), else left for the secretary; the candidates are kept for the picker. */
static void on_names(struct view *view, const PGresult *res, const struct db_error *err, struct intent *intent)
{
	struct capture *c = view->data;
	c->saving = false;
	intent->flags |= INTENT_REDRAW;
	struct line *l = line_at(c, c->saving_section, c->saving_line);
	struct db_capture_names names;
	struct db_error why = { 0 };
	if (!res || !db_capture_names_parse(res, &names, &why)) {
		FREE(&l->note);
		l->refused = true;
		l->note = xstrdup(res ? why.message : err ? err->message : _("the names could not be read"));
		view_status_set(&c->message, true, _("not saved: %s"), l->note);
		c->pick_wanted = false;
		after_answer(c, intent);
		return;
	}
	char *name = line_name(l, c->saving_section, capture_today(c));
	if (name && strcmp(name, c->sending) == 0) {
		db_capture_names_done(&l->names);
		l->names = names;
		free(l->names_for);
		l->names_for = xstrdup(name);
		if (line_name_need(l, name) == NAME_NEEDS_LOOKUP) {
			const char *found = l->name_changed ? NULL : db_capture_names_found(&names);
			settle_name(l, name, found ? NAME_FOUND : NAME_OPEN, found);
			l->matches = names.matches;
		}
		if (c->pick_wanted && c->pick_section == c->saving_section && c->pick_line == c->saving_line)
			open_picker(c, c->saving_section, c->saving_line);
		else if (c->picking && c->pick_section == c->saving_section && c->pick_line == c->saving_line)
			c->pick_at = c->pick_top = 0;   /* new candidates under the picker: start again at the top */
	} else {
		db_capture_names_done(&names);
	}
	free(name);
	after_answer(c, intent);
}

/* ---- loading ---- */

static void take_loaded(struct capture *c, const struct db_capture *loaded)
{
	free(c->status);
	c->status = xstrdup(loaded->status);
	free(c->today);
	c->today = xstrdup(loaded->today);
	free(c->title);
	c->title = xstrdup(loaded->title);
	c->editable = loaded->editable;
	if (c->restored)   /* the journal's lines are the secretary's: keep them as typed */
		return;
	clear_lines(c);
	for (size_t i = 0; i < loaded->count; i++) {
		const struct db_capture_line *from = &loaded->lines[i];
		struct line *l = add_line(c, from->section);
		free(l->text);
		l->text = xstrdup(from->text);
		l->cursor = (int)strlen(l->text);
		l->id = xstrdup(from->id);
		l->version = xstrdup(from->version);
		l->saved = xstrdup(from->text);
		l->position = from->position;
		l->parent = from->parent;
		l->note = from->note ? xstrdup(from->note) : NULL;
		/* who a stored line is, the database says: kept while its name is not retyped */
		char *name = line_name(l, from->section, loaded->today);
		if (name)
			settle_name(l, name, NAME_CHOSEN, from->choice);
		free(name);
	}
}

static void capture_input(struct view *view, const struct view_input *in, struct intent *intent);

static void on_loaded(struct view *view, const PGresult *res, const struct db_error *err, struct intent *intent)
{
	struct capture *c = view->data;
	struct db_capture loaded;
	struct db_error why;
	intent->flags |= INTENT_REDRAW;
	if (!res) {
		view_status_set(&c->message, true, "%s", err ? err->message : _("the meeting could not be read"));
		return;
	}
	if (!db_capture_parse(res, &loaded, &why)) {
		view_status_set(&c->message, true, "%s", why.message);
		return;
	}
	take_loaded(c, &loaded);
	db_capture_done(&loaded);
	c->loaded = true;
	/* start where the secretary is most likely to go on: the end of the first section still empty */
	int start = DB_CAPTURE_ATTENDEES;
	for (int s = 0; s < DB_CAPTURE_SECTIONS; s++)
		if (c->sections[s].count)
			start = s;
	if (c->restored && c->sections[start].count)   /* where the typing stopped */
		move_to(c, start, c->sections[start].count - 1);
	else
		go_to_end(c, start);
	if (!c->editable)
		view_status_set(&c->message, false, "%s",
			_("these minutes are final: read-only (amend them from the Meetings list to change them)"));
	else if (c->restored)
		view_status_set(&c->message, false, "%s", _("restored as it was typed; the lines not saved yet are being saved"));
	if (c->restored && c->editable) {
		c->dirty_since = c->changed_at = 1;
		c->save_now = true;
	}
	for (int i = 0; i < c->nearly; i++)
		capture_input(view, &c->early[i], intent);
	c->nearly = 0;
	if (c->restored && c->editable)
		save_next(c, intent);
}

static void capture_open(struct view *view, struct intent *intent)
{
	struct capture *c = view->data;
	db_capture_load_request(c->meeting_id, &intent->query);
	intent->flags |= INTENT_QUERY | INTENT_REDRAW;
}

static void capture_result(struct view *view, unsigned tag, const PGresult *res, const struct db_error *err,
	struct intent *intent)
{
	(void)tag;
	struct capture *c = view->data;
	if (!c->loaded)
		on_loaded(view, res, err, intent);
	else if (c->saving && c->sent == SENT_NAMES)
		on_names(view, res, err, intent);
	else if (c->saving)
		on_saved(view, res, err, intent);
}

/* Reconnected: what was in flight is sent again by the session; anything else waiting goes now. */
static void capture_reload(struct view *view, struct intent *intent)
{
	struct capture *c = view->data;
	if (!c->loaded && !view->waiting_tag) {
		capture_open(view, intent);
		return;
	}
	if (c->loaded && !c->saving)
		save_next(c, intent);
	intent->flags |= INTENT_REDRAW;
}

/* ---- keys ---- */

static void move_to(struct capture *c, int section, size_t i)
{
	c->focus = section;
	c->at = i;
	struct line *l = focused(c);
	if (l->cursor > (int)strlen(l->text))
		l->cursor = (int)strlen(l->text);
}

static void move_line(struct capture *c, int step)
{
	int s = c->focus;
	long i = (long)c->at + step;
	while (i < 0 && s > 0) {
		s--;
		i += (long)c->sections[s].count;
	}
	while (s < DB_CAPTURE_SECTIONS - 1 && i >= (long)c->sections[s].count) {
		i -= (long)c->sections[s].count;
		s++;
	}
	if (i < 0)
		i = 0;
	if (i >= (long)c->sections[s].count)
		i = (long)c->sections[s].count - 1;
	if (i >= 0)
		move_to(c, s, (size_t)i);
}

/* Enter: the next line, or a new one after the last (when the last holds something). */
static void next_line(struct capture *c)
{
	struct section *s = &c->sections[c->focus];
	if (c->at + 1 < s->count)
		move_to(c, c->focus, c->at + 1);
	else if (!blank(focused(c)->text))
		go_to_end(c, c->focus);
}

static void edited(struct capture *c, struct line *l, bool was_blank)
{
	long long now = view_now_ms();
	c->changed_at = now;
	if (!c->dirty_since)
		c->dirty_since = now;
	l->refused = false;
	if (was_blank && !l->id)
		l->parent = latest_owner(c, c->focus);
}

static bool printable(int key)
{
	return key >= ' ' && key < CONFIG_KEY_SPECIAL && key != 127;
}

/* F3: the picker for the focused line's name, at once when its candidates are known, else once looked up. */
static void choose(struct capture *c, struct intent *intent)
{
	struct line *l = focused(c);
	char *name = c->editable ? line_name(l, c->focus, capture_today(c)) : NULL;
	if (!c->editable)
		view_status_set(&c->message, true, "%s", _("these minutes are final: amend them from the Meetings list (A) to change them"));
	else if (!name)
		view_status_set(&c->message, true, "%s", _("this line names no one to choose: an attendee without a head count, or an action"
			" item's owner, can be chosen"));
	else if (l->names_for && strcmp(l->names_for, name) == 0 && line_name_need(l, name) != NAME_NEEDS_LOOKUP)
		open_picker(c, c->focus, c->at);
	else {
		c->pick_wanted = true;
		c->pick_section = c->focus;
		c->pick_line = c->at;
		view_status_set(&c->message, false, _("looking up who %s may be…"), name);
		look_up_for_picker(c, intent);
	}
	free(name);
}

/* The picker's options: the candidates, then an organisation (not a person) / a unit (not a school). */
static size_t picker_options(const struct capture *c)
{
	return c->sections[c->pick_section].lines[c->pick_line].names.count + 1;
}

static void picker_input(struct capture *c, const struct view_input *in, struct intent *intent)
{
	struct line *l = line_at(c, c->pick_section, c->pick_line);
	size_t n = picker_options(c);
	if (in->key == 27 || in->action == CONFIG_ACTION_BACK) {
		c->picking = false;
		view_status_set(&c->message, false, "%s", _("nothing chosen: the line stays as it is, waiting"));
		return;
	}
	if (in->key == CONFIG_KEY_UP || (in->action == CONFIG_ACTION_MOVE_UP && !printable(in->key))) {
		c->pick_at = c->pick_at ? c->pick_at - 1 : n - 1;
		return;
	}
	if (in->key == CONFIG_KEY_DOWN || (in->action == CONFIG_ACTION_MOVE_DOWN && !printable(in->key))) {
		c->pick_at = c->pick_at + 1 < n ? c->pick_at + 1 : 0;
		return;
	}
	if (in->key != '\n')
		return;
	c->picking = false;
	char *name = line_name(l, c->pick_section, capture_today(c));
	if (!name || !l->names_for || strcmp(name, l->names_for) != 0) {   /* retyped meanwhile (a journal adopt) */
		free(name);
		view_status_set(&c->message, true, "%s", _("the line changed meanwhile: nothing was chosen"));
		return;
	}
	const struct db_capture_candidate *picked = c->pick_at < l->names.count ? &l->names.candidates[c->pick_at] : NULL;
	settle_name(l, name, NAME_CHOSEN, picked ? picked->id : NULL);
	l->name_changed = false;
	l->refused = false;
	l->choice_unsaved = true;
	l->choice_serial++;
	if (picked)
		view_status_set(&c->message, false, _("%s is %s (%s)"), name, picked->name, picked->detail);
	else
		view_status_set(&c->message, false, c->pick_section == DB_CAPTURE_ACTIONS
			? _("%s is recorded as a unit, not a school") : _("%s is recorded as an organisation, not a person"), name);
	free(name);
	long long now = view_now_ms();
	c->changed_at = now;
	if (!c->dirty_since)
		c->dirty_since = now;
	c->save_now = true;
	save_next(c, intent);
}

static void capture_input(struct view *view, const struct view_input *in, struct intent *intent)
{
	struct capture *c = view->data;
	if (!c->loaded) {
		if (in->key == 27)
			intent->flags |= INTENT_BACK;
		else if (c->nearly < EARLY_KEYS)
			c->early[c->nearly++] = *in;
		return;
	}
	intent->flags |= INTENT_REDRAW;
	if (c->confirm_leave) {
		c->confirm_leave = false;
		if (in->key == 'y')
			leave(c, intent, true);
		return;
	}
	if (c->picking) {
		picker_input(c, in, intent);
		return;
	}
	if (!c->message.error || in->key == 27)
		c->message.text[0] = '\0';
	int key = in->key;
	if (in->action == CONFIG_ACTION_CHOOSE && !printable(key)) {
		choose(c, intent);
		return;
	}
	if (in->action == CONFIG_ACTION_HELP && !printable(key)) {
		intent->flags |= INTENT_OPEN;
		intent->open = view_help_new(view->ctx, NULL);
		return;
	}
	if (in->action == CONFIG_ACTION_SAVE && !printable(key)) {
		struct line *l = focused(c);
		struct db_request req;
		char why[300];
		enum send send = l->conflict && !c->saving ? save_request(c, c->focus, l, true, &req, why, sizeof(why))
			: SEND_NOTHING;
		if (send != SEND_NOTHING) {
			start_save(c, c->focus, c->at, &req, send, send == SEND_SAVE, intent);
			return;
		}
		c->save_now = true;
		char which[400];
		if (save_next(c, intent) || c->saving)
			return;
		if (unsaved_show_first(c, which, sizeof(which)))
			view_status_set(&c->message, true, _("not saved: %s"), which);
		else
			view_status_set(&c->message, false, "%s", _("everything is saved"));
		return;
	}
	switch (key) {
	case 27: try_close(c, intent); return;
	case '\t':
	case CONFIG_KEY_BACKTAB: {
		int step = key == '\t' ? 1 : DB_CAPTURE_SECTIONS - 1;
		go_to_end(c, (c->focus + step) % DB_CAPTURE_SECTIONS);
		c->save_now = true;   /* a section change saves what was typed in the last one */
		save_next(c, intent);
		return;
	}
	case '\n': next_line(c); return;
	case CONFIG_KEY_UP: move_line(c, -1); return;
	case CONFIG_KEY_DOWN: move_line(c, 1); return;
	case CONFIG_KEY_PAGE_UP: move_line(c, -(view->page_rows > 2 ? view->page_rows - 2 : 1)); return;
	case CONFIG_KEY_PAGE_DOWN: move_line(c, view->page_rows > 2 ? view->page_rows - 2 : 1); return;
	default: break;
	}
	struct line *l = focused(c);
	if (!c->editable && (printable(key) || key == CONFIG_KEY_BACKSPACE || key == CONFIG_KEY_DELETE)) {
		view_status_set(&c->message, true, "%s", _("these minutes are final: amend them from the Meetings list (A) to change them"));
		return;
	}
	bool was_blank = blank(l->text);
	enum text_edit edit = text_edit_key(&l->text, &l->cursor, key);
	if (edit == TEXT_EDIT_CHANGED)
		edited(c, l, was_blank);
	else if (edit == TEXT_EDIT_IGNORED)
		intent->flags &= ~(unsigned)INTENT_REDRAW;
}

/* ---- drawing ---- */

/* One label per kind of attendee, the same typed, saved and loaded: a head count is an organisation (so the
 * database stores it), a name is the person it was found or chosen to be, or an organisation. */
static const char *attendee_kind(const struct line *l, const char *made)
{
	if (l->name_state == NAME_OPEN)
		return made;
	return l->choice ? C_("capture note", "person") : C_("capture note", "organisation");
}

/* What the database made of a saved line, as its note says it in codes ("person", "school · in-progress"), in
 * the words the typed line shows, so a label is the same typed, saved and loaded again. */
static void made_shown(const char *made, char *buf, size_t size)
{
	static const char *const words[] = { NC_("capture note", "person"), NC_("capture note", "organisation"),
		NC_("capture note", "school"), NC_("capture note", "unit") };
	const char *dot = strstr(made, " · ");
	size_t len = dot ? (size_t)(dot - made) : strlen(made);
	const char *word = NULL;
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		const char *code = strchr(words[i], '\004') + 1;
		if (strlen(code) == len && strncmp(made, code, len) == 0)
			word = text_in_context(words[i]);
	}
	if (!word) {
		snprintf(buf, size, "%s", made);
		return;
	}
	if (dot)
		snprintf(buf, size, "%s · %s", word, text_word(dot + strlen(" · ")));
	else
		snprintf(buf, size, "%s", word);
}

/* The note at the right of a line: what it became, what it waits for, or what is wrong with it. */
static void line_note(struct capture *c, int section, size_t i, char *buf, size_t size, bool *error)
{
	struct line *l = line_at(c, section, i);
	*error = false;
	buf[0] = '\0';
	if (l->refused || l->conflict) {
		snprintf(buf, size, "%s", l->note ? l->note : _("not saved"));
		*error = true;
		return;
	}
	if (blank(l->text))
		return;
	/* a line restored from the journal into minutes made final since: it can never be saved here, and
	 * "unsaved" alone would never change */
	if (c->loaded && !c->editable && line_dirty(l)) {
		snprintf(buf, size, "%s", _("not saved: the minutes are final"));
		*error = true;
		return;
	}
	struct db_capture_fields fields;
	char why[300];
	if (!db_capture_line_parse((enum db_capture_section)section, l->text, capture_today(c), &fields, why, sizeof(why))) {
		if (section != c->focus || i != c->at) {   /* the line being typed is not wrong yet */
			snprintf(buf, size, "%s", why);
			*error = true;
		}
		return;
	}
	char owner[40] = "";
	bool none;
	if (section == DB_CAPTURE_DECISIONS || section == DB_CAPTURE_ACTIONS) {
		struct line *o = owner_of(c, section, l, &fields, &none, why, sizeof(why));
		if (o && !o->id && (o->refused || o->conflict)) {
			/* it waits for a line that cannot be saved as it is: say so, or it waits without a word */
			snprintf(buf, size, section == DB_CAPTURE_ACTIONS ? _("waits for decision %d, which is not saved")
				: _("waits for agenda item %d, which is not saved"), o->position);
			*error = true;
			db_capture_fields_done(&fields);
			return;
		}
		if (o)
			snprintf(owner, sizeof(owner), section == DB_CAPTURE_ACTIONS ? _("decision %d") : _("agenda %d"), o->position);
		else if (!none || section == DB_CAPTURE_ACTIONS) {
			snprintf(buf, size, "%s", why);
			*error = true;
			db_capture_fields_done(&fields);
			return;
		}
	}
	const char *name = db_capture_line_name((enum db_capture_section)section, &fields);
	if (line_dirty(l) && line_name_need(l, name) == NAME_NEEDS_CHOICE) {
		name_question(l, section, name, buf, size);
		*error = true;
		db_capture_fields_done(&fields);
		return;
	}
	char made[200];
	made_shown(l->note && !line_dirty(l) ? l->note : "", made, sizeof(made));
	const char *state = line_dirty(l) ? _("unsaved") : "";
	switch (section) {
	case DB_CAPTURE_ATTENDEES:
		if (fields.count > 1)
			snprintf(buf, size, _("organisation ×%d %s"), fields.count, state);
		else
			snprintf(buf, size, "%s %s", attendee_kind(l, made), state);
		break;
	case DB_CAPTURE_ACTIONS:
		snprintf(buf, size, "%s · %s%s%s %s", owner, made, *made ? " · " : "", fields.due, state);
		break;
	default:
		snprintf(buf, size, "%s %s", owner, state);
		break;
	}
	db_capture_fields_done(&fields);
}

static int count_people(struct capture *c)
{
	int people = 0;
	struct section *s = &c->sections[DB_CAPTURE_ATTENDEES];
	for (size_t i = 0; i < s->count; i++) {
		struct db_capture_fields fields;
		char why[200];
		if (db_capture_line_parse(DB_CAPTURE_ATTENDEES, s->lines[i].text, capture_today(c), &fields, why, sizeof(why))) {
			people += fields.count;
			db_capture_fields_done(&fields);
		}
	}
	return people;
}

static void draw_section_title(struct capture *c, WINDOW *win, int y, int section, int cols)
{
	char title[120];
	size_t n = 0;
	for (size_t i = 0; i < c->sections[section].count; i++)
		n += !blank(c->sections[section].lines[i].text);
	if (section == DB_CAPTURE_ATTENDEES)
		snprintf(title, sizeof(title), _("%s — %zu lines, %d people"), _(section_titles[section]), n, count_people(c));
	else
		snprintf(title, sizeof(title), "%s — %zu", _(section_titles[section]), n);
	wattrset(win, theme_attr(CONFIG_COLOR_MARK) | (section == c->focus ? A_UNDERLINE : 0));
	text_draw_cut(win, y, 1, title, cols - 1, false);
	wattrset(win, A_NORMAL);
}

static void draw_line(struct capture *c, WINDOW *win, int y, int section, size_t i, int cols)
{
	struct line *l = line_at(c, section, i);
	bool is_focus = section == c->focus && i == c->at;
	char number[16] = "•";
	if (section == DB_CAPTURE_AGENDA || section == DB_CAPTURE_DECISIONS)
		snprintf(number, sizeof(number), "%d.", l->position);
	char note[400];
	bool error;
	line_note(c, section, i, note, sizeof(note), &error);
	if (line_asks(c, section, l) && !(c->loaded && !c->editable)) {   /* a line waiting for a choice is marked where the eye runs down the lines */
		snprintf(number, sizeof(number), "?");
		wattrset(win, theme_attr(CONFIG_COLOR_ERROR));
	}
	text_draw_cut(win, y, 1, number, 4, true);
	wattrset(win, A_NORMAL);
	int note_width = cols >= 100 ? NOTE_WIDTH + 10 : cols >= 80 ? NOTE_WIDTH : 20;
	int text_width_cells = cols - 7 - note_width - 1;
	if (is_focus) {
		wattrset(win, theme_attr(CONFIG_COLOR_SELECTED));
		c->cursor_x = text_edit_draw(win, y, 6, text_width_cells, l->text, l->cursor);
		c->cursor_y = y;
		c->show_cursor = c->editable;
	} else {
		text_draw_cut(win, y, 6, l->text, text_width_cells, false);
	}
	wattrset(win, A_NORMAL);
	wattrset(win, theme_attr(error ? CONFIG_COLOR_ERROR : CONFIG_COLOR_DIM));
	text_draw_cut(win, y, cols - note_width, note, note_width, false);
	wattrset(win, A_NORMAL);
}

/* The picker, over the lower part of the lines: a title, then one option a row, the chosen one marked. */
static void draw_picker(struct capture *c, WINDOW *win, int top, int rows, int cols)
{
	const struct line *l = line_at(c, c->pick_section, c->pick_line);
	size_t n = picker_options(c);
	int shown = (int)n < rows - 1 ? (int)n : rows - 1;
	if (shown < 1)
		return;
	if (c->pick_at < c->pick_top)
		c->pick_top = c->pick_at;
	if (c->pick_at >= c->pick_top + (size_t)shown)
		c->pick_top = c->pick_at - (size_t)shown + 1;
	int y = top + rows - shown - 1;
	char title[400];
	snprintf(title, sizeof(title), ngettext(" Who is %s? %zu candidate; Enter chooses, Esc leaves the line waiting",
		" Who is %s? %zu candidates; Enter chooses, Esc leaves the line waiting", n - 1), l->names_for ? l->names_for : "", n - 1);
	wattrset(win, theme_attr(CONFIG_COLOR_HEADER));
	text_draw_cut(win, y++, 0, title, cols, false);
	for (int k = 0; k < shown; k++) {
		size_t option = c->pick_top + (size_t)k;
		char text[600];
		if (option < l->names.count)
			snprintf(text, sizeof(text), "  %s · %s", l->names.candidates[option].name,
				l->names.candidates[option].detail);
		else
			snprintf(text, sizeof(text), "  %s", c->pick_section == DB_CAPTURE_ACTIONS ? _("a unit (not a school)")
				: _("an organisation (not a person)"));
		wattrset(win, option == c->pick_at ? theme_attr(CONFIG_COLOR_SELECTED) : A_NORMAL);
		text_draw_cut(win, y++, 0, text, cols, false);
	}
	wattrset(win, A_NORMAL);
}

static void capture_draw(struct view *view, WINDOW *win, int top, int rows, int cols)
{
	struct capture *c = view->data;
	view->page_rows = rows - 1;
	for (int y = top; y < top + rows; y++) {
		wmove(win, y, 0);
		wclrtoeol(win);
	}
	char header[400];
	size_t unsaved = c->loaded ? count_unsaved(c) : 0;
	if (c->status)
		snprintf(header, sizeof(header), _(" Recording: %s · %s"), c->title ? c->title : "", text_word(c->status));
	else
		snprintf(header, sizeof(header), _(" Recording: %s"), c->title ? c->title : "");
	char right[80];
	if (!c->loaded)
		snprintf(right, sizeof(right), "%s ", _("loading…"));
	else if (unsaved && count_asking(c))
		snprintf(right, sizeof(right), _("%s%zu unsaved, %zu to choose "), c->saving ? _("saving… ") : "", unsaved,
			count_asking(c));
	else if (unsaved)
		snprintf(right, sizeof(right), _("%s%zu unsaved "), c->saving ? _("saving… ") : "", unsaved);
	else
		snprintf(right, sizeof(right), "%s", _("all saved "));
	wattrset(win, theme_attr(CONFIG_COLOR_HEADER));
	int rw = text_width(right);
	text_draw_cut(win, top, 0, header, cols - rw, false);
	text_draw_cut(win, top, cols - rw, right, rw, true);
	wattrset(win, A_NORMAL);
	c->show_cursor = false;
	if (!c->loaded)
		return;
	/* display rows: a title per section, then its lines; keep the focused line in sight */
	int focus_row = 0, total = 0;
	for (int s = 0; s < DB_CAPTURE_SECTIONS; s++) {
		total++;
		if (s == c->focus)
			focus_row = total + (int)c->at;
		total += (int)c->sections[s].count;
	}
	int room = rows - 1;
	if (focus_row < c->top + 1)
		c->top = focus_row > 0 ? focus_row - 1 : 0;
	if (focus_row >= c->top + room)
		c->top = focus_row - room + 1;
	/* the focused section's title stays at the top once its lines scroll it away: which section one types
	 * in is never out of sight */
	int title_row = focus_row - (int)c->at - 1;
	bool sticky = title_row < c->top && rows > 3;
	if (sticky && focus_row >= c->top + room - 1)
		c->top = focus_row - (room - 1) + 1;
	int row = 0, y = top + 1;
	if (sticky)
		draw_section_title(c, win, y++, c->focus, cols);
	for (int s = 0; s < DB_CAPTURE_SECTIONS && y < top + rows; s++) {
		if (row++ >= c->top)
			draw_section_title(c, win, y++, s, cols);
		for (size_t i = 0; i < c->sections[s].count && y < top + rows; i++)
			if (row++ >= c->top)
				draw_line(c, win, y++, s, i, cols);
	}
	if (c->picking)
		draw_picker(c, win, top + 1, rows - 1, cols);
}

static bool capture_cursor(struct view *view, int *y, int *x)
{
	struct capture *c = view->data;
	*y = c->cursor_y;
	*x = c->cursor_x;
	return c->show_cursor && !c->confirm_leave && !c->picking;
}

static const struct view_hint *capture_hints(struct view *view)
{
	(void)view;
	static const struct view_hint hints[] = {
		{ CONFIG_ACTION_HELP, N_("Help") }, { CONFIG_ACTION_ENTER, N_("Next line") }, { CONFIG_ACTION_NEXT_VIEW, N_("Section") },
		{ CONFIG_ACTION_SAVE, N_("Save now") }, { CONFIG_ACTION_CHOOSE, N_("Who is it") }, { CONFIG_ACTION_BACK, N_("Close") },
		{ CONFIG_ACTION_NONE, NULL },
	};
	return hints;
}

static void capture_describe(struct view *view, char *buf, size_t size)
{
	struct capture *c = view->data;
	char asking[160];
	if (c->confirm_leave)
		asking_clause(c, asking, sizeof(asking));
	char question[400] = "";
	if (c->loaded && c->editable && !c->confirm_leave && !c->picking && !c->message.text[0]
			&& line_asks(c, c->focus, focused(c))) {
		char *name = line_name(focused(c), c->focus, capture_today(c));
		name_question(focused(c), c->focus, name, question, sizeof(question));
		free(name);
	}
	if (c->confirm_leave)
		snprintf(buf, size, ngettext("%zu line cannot be saved now%s. Leave anyway, keeping them in the drafts journal? y/n"
			" — %s", "%zu lines cannot be saved now%s. Leave anyway, keeping them in the drafts journal? y/n — %s",
			count_unsaved(c)), count_unsaved(c), asking, c->unsaved_why);
	else if (c->picking)
		snprintf(buf, size, "%s", _("Up and Down move, Enter chooses, Esc leaves the line waiting for a choice"));
	else if (c->message.text[0])
		snprintf(buf, size, "%s", c->message.text);
	else if (question[0])   /* the whole question, which the note column cuts */
		snprintf(buf, size, "%s", question);
	else if (c->loaded)
		snprintf(buf, size, _("%s: %s"), _(section_titles[c->focus]), _(section_syntax[c->focus]));
	else
		buf[0] = '\0';
}

static bool capture_editing(const struct view *view)
{
	(void)view;
	return true;
}

static bool capture_draft(const struct view *view, struct journal *journal)
{
	struct capture *c = view->data;
	if (!c->loaded || !count_unsaved(c))
		return false;
	struct journal_capture *draft = journal_add_capture(journal);
	draft->meeting_id = xstrdup(c->meeting_id);
	draft->title = xstrdup(c->title ? c->title : "");
	draft->today = c->today ? xstrdup(c->today) : NULL;
	for (int s = 0; s < DB_CAPTURE_SECTIONS; s++) {
		for (size_t i = 0; i < c->sections[s].count; i++) {
			const struct line *l = line_at(c, s, i);
			struct journal_line *j = journal_add_line(draft);
			j->section = s;
			j->id = l->id ? xstrdup(l->id) : NULL;
			j->version = l->version ? xstrdup(l->version) : NULL;
			j->saved = l->saved ? xstrdup(l->saved) : NULL;
			j->text = xstrdup(l->text);
			j->position = l->position;
			j->parent = l->parent;
			j->key = l->key ? xstrdup(l->key) : NULL;
			j->asks = line_asks(c, s, l);
			if (l->name_for && l->name_state == NAME_CHOSEN && line_dirty(l)) {   /* a choice not saved yet */
				j->choice_for = xstrdup(l->name_for);
				j->choice = l->choice ? xstrdup(l->choice) : NULL;
			}
		}
	}
	return true;
}

static void capture_done(struct view *view)
{
	struct capture *c = view->data;
	clear_lines(c);
	free(c->meeting_id);
	free(c->title);
	free(c->today);
	free(c->status);
	free(c->sending);
	free(c);
}

static void capture_adopt(struct view *view, struct journal *kept);

static const struct view_ops capture_ops = {
	.name = "capture",
	.open = capture_open,
	.draw = capture_draw,
	.input = capture_input,
	.result = capture_result,
	.reload = capture_reload,
	.cursor = capture_cursor,
	.hints = capture_hints,
	.describe = capture_describe,
	.editing = capture_editing,
	.draft = capture_draft,
	.tick = capture_tick,
	.done = capture_done,
	.adopt = capture_adopt,
};

struct view *view_capture_new(const struct view_context *ctx, const char *meeting_id, const char *title)
{
	struct capture *c = xcalloc(1, sizeof(*c));
	c->ctx = ctx;
	c->meeting_id = xstrdup(meeting_id);
	c->title = xstrdup(title ? title : "");
	char name[160];
	snprintf(name, sizeof(name), _("Recording %s"), c->title);
	return view_new(&capture_ops, c, ctx, name);
}

/* The journal's lines replace what the database would give: they are what the secretary typed. */
static void take_draft(struct capture *c, const struct journal_capture *draft)
{
	clear_lines(c);
	for (size_t i = 0; i < draft->count; i++) {
		const struct journal_line *j = &draft->lines[i];
		if (j->section < 0 || j->section >= DB_CAPTURE_SECTIONS)
			continue;
		struct line *l = add_line(c, j->section);
		free(l->text);
		l->text = xstrdup(j->text ? j->text : "");
		l->cursor = (int)strlen(l->text);
		l->id = j->id ? xstrdup(j->id) : NULL;
		l->version = j->version ? xstrdup(j->version) : NULL;
		l->saved = j->saved ? xstrdup(j->saved) : NULL;
		l->position = j->position;
		l->parent = j->parent;
		l->key = j->key ? xstrdup(j->key) : NULL;
		if (j->choice_for) {   /* said before the session dropped: it stands, and is saved */
			settle_name(l, j->choice_for, NAME_CHOSEN, j->choice);
			l->choice_unsaved = true;
		}
	}
	c->restored = true;
	free(c->today);
	c->today = draft->today ? xstrdup(draft->today) : NULL;
}

struct view *view_capture_from_draft(const struct view_context *ctx, const struct journal_capture *draft)
{
	struct view *view = view_capture_new(ctx, draft->meeting_id, draft->title);
	take_draft(view->data, draft);
	snprintf(view->title, sizeof(view->title), _("Recording %s (restored)"), draft->title ? draft->title : "");
	return view;
}

/* A meeting's lines kept in the journal when its capture closed without a connection are taken back. */
static void capture_adopt(struct view *view, struct journal *kept)
{
	struct capture *c = view->data;
	for (size_t i = 0; i < kept->ncaptures; i++) {
		if (strcmp(kept->captures[i].meeting_id, c->meeting_id) != 0)
			continue;
		take_draft(c, &kept->captures[i]);
		/* on screen again: from now on the journal takes it from the view */
		struct journal gone = { .captures = xmalloc(sizeof(*gone.captures)), .ncaptures = 1 };
		gone.captures[0] = kept->captures[i];
		memmove(&kept->captures[i], &kept->captures[i + 1], (kept->ncaptures - i - 1) * sizeof(*kept->captures));
		kept->ncaptures--;
		journal_done(&gone);
		return;
	}
}
