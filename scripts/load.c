/* load: many headless iedesk sessions against one database, in one poll loop, each a person at the TUI
 * scrolling, filtering, opening and saving; it reports each kind of query's latency, errors and conflicts.
 * It sends only what the TUI sends: the same request builders (db/db.h) through the same asynchronous
 * session, connected the same way (config file, then libpq's PG* variables). */
#include "config/config.h"
#include "db/db.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

enum { LOAD_EXIT_OK, LOAD_EXIT_ERRORS, LOAD_EXIT_USAGE };

#define MAX_SESSIONS 1000
#define CHANGES_MS 250         /* as tui/app.c: a burst of changes is collected this long before a refresh */
#define LIST_MIN_CHUNK 40      /* as tui/list.c: a window is two screens of rows, at least this many */
#define DRAIN_MS 10000         /* after the run, how long queries still out may take to answer */
#define MAX_NOTES 8            /* distinct error sentences kept to show at the end */
#define LOAD_MARK "[load test "   /* then "session.save]" */

/* ---- what is measured ---- */

#define OP_INFO(_) \
	_(CONNECT, "connect") /* start to connected, once per session; failed attempts are its errors */ \
	_(WINDOW,  "window")  /* a window the user asked for: a first one, the next one, a filter keystroke */ \
	_(REFRESH, "refresh") /* a window refreshed in place (FROM): after a save, a live change, a stale pane */ \
	_(SUMMARY, "summary") /* a list's counts line, after its first or refreshed window */ \
	_(DETAIL,  "detail")  /* a record with its related records */ \
	_(LOAD,    "load")    /* a record loaded into a form */ \
	_(SAVE,    "save")    /* its version-checked save: a conflict is counted, not an error */

#define OP_ENUM(id, name) OP_##id,
enum op_kind { OP_INFO(OP_ENUM) OP_COUNT };
#undef OP_ENUM
#define OP_NAME(id, name) name,
static const char *const op_names[OP_COUNT] = { OP_INFO(OP_NAME) };
#undef OP_NAME

struct op_stats {
	double *ms;              /* latencies of the answered ones (conflicts included), owned */
	size_t count, cap;
	long errors, conflicts;
};

struct error_note {
	enum op_kind op;
	char message[256];
	long count;
};

/* ---- one simulated person ---- */

/* A list as a pane holds it: the window last fetched stands for what is on screen. */
struct load_list {
	enum db_list_kind kind;
	char *parent;            /* owned; NULL for a pane */
	char filter[64];
	struct db_rows rows;
	enum db_window fetch;    /* the window asked for last, and its limit */
	int limit;
	bool loaded, stale, at_end;
	bool typing;             /* a filter being typed: its counts wait for Enter, as tui/list.c's do */
};

enum pane { PANE_BACKLOG, PANE_DISTRICTS, PANE_MEETINGS, PANE_COUNT };
static const enum db_list_kind pane_lists[PANE_COUNT] = { DB_LIST_BACKLOG, DB_LIST_DISTRICTS, DB_LIST_MEETINGS };

/* What a person does, over and over; each step is one or more key presses, a think time before each. */
enum step_kind {
	STEP_PANE,          /* show a pane: its first window the first time, a refresh when stale, else nothing */
	STEP_SCROLL,        /* 1..arg windows forward, as far as the list goes */
	STEP_FILTER,        /* type 1..arg characters of a name on screen (a first window each), then Enter (counts) */
	STEP_FILTER_CLEAR,  /* clear the filter: the first window again */
	STEP_ENTER,         /* open the list a row leads to (a district's schools) */
	STEP_DETAIL,        /* open a row's detail */
	STEP_BACK,          /* Esc: from a detail to its list, from a child list to its pane */
	STEP_EDIT,          /* every --save-every'th time: load the row's record, think, change a note, save */
};

struct step {
	enum step_kind kind;
	int arg;
};

static const struct step script[] = {
	{ STEP_PANE, PANE_BACKLOG },
	{ STEP_SCROLL, 3 },
	{ STEP_FILTER, 3 },
	{ STEP_FILTER_CLEAR, 0 },
	{ STEP_DETAIL, 0 },
	{ STEP_BACK, 0 },
	{ STEP_EDIT, 0 },
	{ STEP_PANE, PANE_DISTRICTS },
	{ STEP_ENTER, 0 },
	{ STEP_SCROLL, 1 },
	{ STEP_DETAIL, 0 },
	{ STEP_BACK, 0 },
	{ STEP_EDIT, 0 },
	{ STEP_BACK, 0 },
	{ STEP_PANE, PANE_MEETINGS },
	{ STEP_SCROLL, 2 },
	{ STEP_DETAIL, 0 },
	{ STEP_BACK, 0 },
};
#define NSTEPS (int)(sizeof(script) / sizeof(script[0]))

/* The records a person edits from a list, and the harmless text field changed: it ends with a marker saying
 * which session's which save wrote it, put in place of the one there before. */
static const struct editable {
	enum db_list_kind list;
	enum db_record_kind record;
	const char *column;
} editables[] = {
	{ DB_LIST_BACKLOG, DB_RECORD_INSPECTION, "summary" },
	{ DB_LIST_SCHOOLS, DB_RECORD_SCHOOL, "address" },
};

/* The tables whose changes a list shows, as tui/list.c's tables_of() has them for these lists (that
 * table is private to tui/; keep the two alike): a change to one refreshes the list on screen. */
static const struct list_tables {
	enum db_list_kind list;
	const char *tables;
} list_tables[] = {
	{ DB_LIST_BACKLOG, "backlog inspection school person district finding" },
	{ DB_LIST_DISTRICTS, "district school manager_appointment" },
	{ DB_LIST_SCHOOLS, "school district manager_appointment person" },
	{ DB_LIST_MEETINGS, "meeting district decision action_item" },
};

struct load_session {
	struct db_session *db;
	uint64_t rng;
	bool connected, ever_connected;
	struct load_list panes[PANE_COUNT];
	enum pane pane;
	struct load_list child;        /* a list opened from a row of the pane, while child_open */
	bool child_open;
	bool in_detail;                /* a detail covers the list */
	int step, sub, todo;           /* the script's step, key presses done in it, and wanted */
	char typed[64];                /* what the filter step types, a character at a time */
	char *edit_id;                 /* the row last opened, which an edit step edits; owned */
	enum db_list_kind edit_list;
	long edit_chances, saves;
	int number;                    /* 1, 2, ...: which session, in what it writes */
	struct db_record rec;          /* the record loaded for editing, while has_rec */
	bool has_rec, loading_theirs;
	/* the query out: one at a time, as the TUI */
	bool inflight, user_action;
	enum op_kind op;
	unsigned tag;
	double sent_ms;
	struct load_list *target;      /* the list a window or summary is for */
	long long think_until_ms, refresh_due_ms;
	bool woken;                    /* its socket is ready */
};

struct load_options {
	int sessions, seconds, think_min, think_max, save_every, rows;
	unsigned long long seed;
	const char *config_path;
};

struct load {
	struct load_options opt;
	struct db_target target;
	int chunk, page;               /* a window's rows, and the screen's */
	struct load_session *sessions;
	struct op_stats stats[OP_COUNT];
	struct error_note notes[MAX_NOTES];
	size_t nnotes;
	long notifications, reconnects;
	long long start_ms, stopped_ms;
	double start_exact_ms;
	bool stopping;
};

static volatile sig_atomic_t stop_requested;

static void on_signal(int sig)
{
	(void)sig;
	stop_requested = stop_requested ? 2 : 1;   /* a second one leaves without waiting for answers */
}

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static double now_exact_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

/* splitmix64: each session its own reproducible sequence from --seed. */
static uint64_t rng_next(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static int rng_below(uint64_t *state, int n)
{
	return n > 0 ? (int)(rng_next(state) % (uint64_t)n) : 0;
}

static int think_ms(const struct load *load, struct load_session *s)
{
	return load->opt.think_min + rng_below(&s->rng, load->opt.think_max - load->opt.think_min + 1);
}

/* ---- counting ---- */

static void stats_add(struct load *load, enum op_kind op, double ms)
{
	struct op_stats *st = &load->stats[op];
	if (st->count == st->cap) {
		st->cap = st->cap ? st->cap * 2 : 256;
		st->ms = xrealloc(st->ms, st->cap * sizeof(*st->ms));
	}
	st->ms[st->count++] = ms;
}

static void count_error(struct load *load, enum op_kind op, const char *message)
{
	load->stats[op].errors++;
	for (size_t i = 0; i < load->nnotes; i++) {
		if (load->notes[i].op == op && strcmp(load->notes[i].message, message) == 0) {
			load->notes[i].count++;
			return;
		}
	}
	if (load->nnotes < MAX_NOTES) {
		struct error_note *n = &load->notes[load->nnotes++];
		n->op = op;
		snprintf(n->message, sizeof(n->message), "%s", message);
		n->count = 1;
	}
}

/* ---- lists ---- */

static void list_reset(struct load_list *list, enum db_list_kind kind, const char *parent)
{
	db_rows_done(&list->rows);
	free(list->parent);
	memset(list, 0, sizeof(*list));
	list->kind = kind;
	list->parent = parent ? xstrdup(parent) : NULL;
}

static void list_done(struct load_list *list)
{
	db_rows_done(&list->rows);
	FREE(&list->parent);
}

static bool list_shows(enum db_list_kind kind, const char *table)
{
	size_t len = strlen(table);
	for (size_t i = 0; i < sizeof(list_tables) / sizeof(list_tables[0]); i++) {
		if (list_tables[i].list != kind)
			continue;
		for (const char *p = list_tables[i].tables; len && (p = strstr(p, table)); p += len)
			if ((p == list_tables[i].tables || p[-1] == ' ') && (p[len] == ' ' || !p[len]))
				return true;
	}
	return false;
}

static struct load_list *current_list(struct load_session *s)
{
	return s->child_open ? &s->child : &s->panes[s->pane];
}

static const struct db_row *random_row(struct load_session *s, const struct load_list *list)
{
	if (!list->rows.count)
		return NULL;
	return &list->rows.rows[rng_below(&s->rng, (int)list->rows.count)];
}

/* ---- sending ---- */

static void send_request(struct load_session *s, enum op_kind op, struct db_request *req)
{
	s->tag++;
	db_session_send(s->db, req, s->tag);
	s->inflight = true;
	s->op = op;
	s->sent_ms = now_exact_ms();
}

/* A window as tui/list.c asks for it: the next one after the last row, a refresh from the top row with a
 * screen more, or the first one. */
static void send_window(struct load *load, struct load_session *s, struct load_list *list, enum db_window where,
		enum op_kind op)
{
	char *const *key = NULL;
	if (where == DB_WINDOW_AFTER && list->rows.count)
		key = list->rows.rows[list->rows.count - 1].keys;
	else if (where == DB_WINDOW_FROM && list->rows.count)
		key = list->rows.rows[0].keys;
	if (!key)
		where = DB_WINDOW_FIRST;
	list->fetch = where;
	list->limit = load->chunk + (where == DB_WINDOW_FROM ? load->page : 0);
	struct db_request req;
	db_list_request(list->kind, where, key, list->filter, list->parent, list->limit, &req);
	s->target = list;
	send_request(s, op, &req);
}

static void send_summary(struct load_session *s, struct load_list *list)
{
	struct db_request req;
	db_list_summary_request(list->kind, list->filter, list->parent, &req);
	s->target = list;
	send_request(s, OP_SUMMARY, &req);
}

/* ---- answers ---- */

static void window_done(struct load *load, struct load_session *s, const PGresult *res, double ms)
{
	struct load_list *list = s->target;
	struct db_rows got;
	struct db_error err = { 0 };
	if (!db_rows_parse(list->kind, list->fetch, res, &got, &err)) {
		count_error(load, s->op, err.message);
		return;
	}
	stats_add(load, s->op, ms);
	list->at_end = (int)got.count < list->limit;
	if (got.count || list->fetch != DB_WINDOW_AFTER) {
		db_rows_done(&list->rows);
		list->rows = got;
	} else {
		db_rows_done(&got);   /* nothing after the end: the screen keeps its rows */
	}
	bool whole = list->fetch != DB_WINDOW_AFTER;
	if (whole) {
		list->loaded = true;
		list->stale = false;
	}
	/* the counts follow the rows, as ask_summary() sends them (not while a filter is typed) */
	if (whole && !list->typing && db_list_has_summary(list->kind) && !load->stopping)
		send_summary(s, list);
}

static void summary_done(struct load *load, const PGresult *res, double ms)
{
	char line[512];
	struct db_error err = { 0 };
	if (!db_list_summary_parse(res, line, sizeof(line), &err))
		count_error(load, OP_SUMMARY, err.message);
	else
		stats_add(load, OP_SUMMARY, ms);
}

static void detail_done(struct load *load, const PGresult *res, double ms)
{
	struct db_detail detail;
	struct db_error err = { 0 };
	if (!db_detail_parse(res, &detail, &err))
		count_error(load, OP_DETAIL, err.message);
	else
		stats_add(load, OP_DETAIL, ms);
	db_detail_done(&detail);
}

static const struct editable *editable_of(enum db_list_kind list)
{
	for (size_t i = 0; i < sizeof(editables) / sizeof(editables[0]); i++)
		if (editables[i].list == list)
			return &editables[i];
	return NULL;
}

static void load_done(struct load *load, struct load_session *s, const PGresult *res, double ms)
{
	const struct editable *e = editable_of(s->edit_list);
	struct db_record rec;
	struct db_error err = { 0 };
	if (!e || !db_record_parse(e->record, res, &rec, &err)) {
		count_error(load, OP_LOAD, e ? err.message : "a record of an unknown kind");
		return;
	}
	stats_add(load, OP_LOAD, ms);
	if (s->loading_theirs) {
		/* their version, shown beside ours after a conflict: the person then leaves the form */
		s->loading_theirs = false;
		db_record_done(&rec);
		return;
	}
	if (s->has_rec)
		db_record_done(&s->rec);
	s->rec = rec;
	s->has_rec = true;
}

static void save_done(struct load *load, struct load_session *s, const PGresult *res,
		const struct db_error *failure, double ms)
{
	char *id = NULL, *version = NULL;
	struct db_error err = { 0 };
	enum db_save_outcome outcome = db_record_save_outcome(res, failure, &id, &version, &err);
	free(id);
	free(version);
	if (outcome == DB_SAVE_REFUSED) {
		count_error(load, OP_SAVE, err.message);
	} else if (outcome == DB_SAVE_CONFLICT) {
		stats_add(load, OP_SAVE, ms);
		load->stats[OP_SAVE].conflicts++;
		/* as the form does: load their version to show beside ours */
		if (!load->stopping) {
			struct db_request req;
			db_record_load_request(s->rec.kind, s->rec.id, &req);
			s->loading_theirs = true;
			send_request(s, OP_LOAD, &req);
		}
	} else {
		stats_add(load, OP_SAVE, ms);
		/* the form closes and the list below reloads (INTENT_RELOAD) */
		struct load_list *list = current_list(s);
		if (list->loaded && !load->stopping)
			send_window(load, s, list, DB_WINDOW_FROM, OP_REFRESH);
	}
	db_record_done(&s->rec);
	s->has_rec = false;
}

/* The answer (res) or failure of the query out; the next query of the same key press may follow. */
static void query_done(struct load *load, struct load_session *s, const PGresult *res, const struct db_error *failure)
{
	double ms = now_exact_ms() - s->sent_ms;
	enum op_kind op = s->op;
	s->inflight = false;
	if (!res && op != OP_SAVE) {
		count_error(load, op, failure && failure->message[0] ? failure->message : "the query failed");
		s->loading_theirs = false;
	} else {
		switch (op) {
		case OP_WINDOW:
		case OP_REFRESH: window_done(load, s, res, ms); break;
		case OP_SUMMARY: summary_done(load, res, ms); break;
		case OP_DETAIL: detail_done(load, res, ms); break;
		case OP_LOAD: load_done(load, s, res, ms); break;
		case OP_SAVE: save_done(load, s, res, failure, ms); break;
		default: break;
		}
	}
	if (!s->inflight && s->user_action)
		s->think_until_ms = now_ms() + think_ms(load, s);
}

/* ---- the script ---- */

enum act { ACT_SENT, ACT_NEXT };

/* A list coming back into view reloads in place when something it shows changed meanwhile. */
static enum act show_list(struct load *load, struct load_session *s, struct load_list *list)
{
	if (!list->loaded)
		return ACT_NEXT;
	if (!list->stale)
		return ACT_NEXT;
	send_window(load, s, list, DB_WINDOW_FROM, OP_REFRESH);
	return ACT_SENT;
}

static enum act step_pane(struct load *load, struct load_session *s, int arg)
{
	if (s->sub > 0)
		return ACT_NEXT;
	if (s->child_open)
		list_done(&s->child);
	s->child_open = false;
	s->in_detail = false;
	s->pane = (enum pane)arg;
	struct load_list *list = &s->panes[s->pane];
	if (!list->loaded) {
		send_window(load, s, list, DB_WINDOW_FIRST, OP_WINDOW);
		return ACT_SENT;
	}
	return show_list(load, s, list);
}

static enum act step_scroll(struct load *load, struct load_session *s, int arg)
{
	struct load_list *list = current_list(s);
	if (s->sub == 0)
		s->todo = 1 + rng_below(&s->rng, arg);
	if (s->sub >= s->todo || !list->loaded || list->at_end || !list->rows.count)
		return ACT_NEXT;
	send_window(load, s, list, DB_WINDOW_AFTER, OP_WINDOW);
	return ACT_SENT;
}

/* The first n characters (UTF-8) of text into out. */
static void copy_chars(char *out, size_t size, const char *text, int n)
{
	size_t len = 0;
	int chars = 0;
	while (text[len] && len + 1 < size) {
		if (((unsigned char)text[len] & 0xC0) != 0x80 && chars++ == n)
			break;
		len++;
	}
	while (len && len < strlen(text) && ((unsigned char)text[len] & 0xC0) == 0x80)
		len--;   /* never half a character: out was too small */
	memcpy(out, text, len);
	out[len] = '\0';
}

static int count_chars(const char *text)
{
	int n = 0;
	for (; *text; text++)
		n += ((unsigned char)*text & 0xC0) != 0x80;
	return n;
}

static enum act step_filter(struct load *load, struct load_session *s, int arg)
{
	struct load_list *list = current_list(s);
	if (s->sub == 0) {
		/* a name the person sees: the list's flexible column, as open_selected() names a row */
		const struct db_row *row = random_row(s, list);
		const struct db_list_spec *def = db_list_spec(list->kind);
		const char *name = "";
		for (int i = 0; row && i < def->ncolumns; i++)
			if (def->columns[i].width == 0)
				name = row->cells[i];
		copy_chars(s->typed, sizeof(s->typed), name, 1 + rng_below(&s->rng, arg));
		s->todo = count_chars(s->typed);
	}
	if (s->sub < s->todo) {
		list->typing = true;
		copy_chars(list->filter, sizeof(list->filter), s->typed, s->sub + 1);
		send_window(load, s, list, DB_WINDOW_FIRST, OP_WINDOW);
		return ACT_SENT;
	}
	bool was_typing = list->typing;
	list->typing = false;
	if (s->sub == s->todo && was_typing && db_list_has_summary(list->kind)) {
		send_summary(s, list);   /* Enter: the filter is done, its counts are asked */
		return ACT_SENT;
	}
	return ACT_NEXT;
}

static enum act step_filter_clear(struct load *load, struct load_session *s, int arg)
{
	(void)arg;
	struct load_list *list = current_list(s);
	if (s->sub > 0 || !list->filter[0])
		return ACT_NEXT;
	list->filter[0] = '\0';
	send_window(load, s, list, DB_WINDOW_FIRST, OP_WINDOW);
	return ACT_SENT;
}

static enum act step_enter(struct load *load, struct load_session *s, int arg)
{
	(void)arg;
	struct load_list *list = current_list(s);
	const struct db_list_open *target = db_list_open_target(list->kind);
	const struct db_row *row = random_row(s, list);
	if (s->sub > 0 || s->child_open || s->in_detail || !target || !target->is_list || !row)
		return ACT_NEXT;
	list_reset(&s->child, target->list, row->keys[target->id_key]);
	s->child_open = true;
	send_window(load, s, &s->child, DB_WINDOW_FIRST, OP_WINDOW);
	return ACT_SENT;
}

static enum act step_detail(struct load *load, struct load_session *s, int arg)
{
	(void)load;
	(void)arg;
	struct load_list *list = current_list(s);
	const struct db_list_open *target = db_list_open_target(list->kind);
	const struct db_row *row = random_row(s, list);
	if (s->sub > 0 || s->in_detail || !target || target->is_list || !row)
		return ACT_NEXT;
	free(s->edit_id);
	s->edit_id = xstrdup(row->keys[list->rows.nkeys - 1]);
	s->edit_list = list->kind;
	s->in_detail = true;
	struct db_request req;
	db_detail_request(target->detail, row->keys[target->id_key], &req);
	send_request(s, OP_DETAIL, &req);
	return ACT_SENT;
}

static enum act step_back(struct load *load, struct load_session *s, int arg)
{
	(void)arg;
	if (s->sub > 0)
		return ACT_NEXT;
	if (s->in_detail) {
		s->in_detail = false;
	} else if (s->child_open) {
		list_done(&s->child);
		s->child_open = false;
	} else {
		return ACT_NEXT;
	}
	return show_list(load, s, current_list(s));
}

/* value with this save's marker in place of any marker it ended with. Every save writes something no
 * other wrote: two sessions saving one row from the same version must conflict, whereas the same values
 * would be taken for a save sent again after a dropped connection (record.c's UPDATE), and pass. */
static char *mark_value(const struct load_session *s, const char *value)
{
	size_t len = value ? strlen(value) : 0;
	const char *old = value ? strstr(value, LOAD_MARK) : NULL;
	if (old && value[len - 1] == ']')
		len = (size_t)(old - value);
	while (len && value[len - 1] == ' ')
		len--;
	return xasprintf("%.*s%s" LOAD_MARK "%d.%ld]", (int)len, len ? value : "", len ? " " : "", s->number, s->saves);
}

/* The form: load the record of the row last opened, the person types (think time), then save. */
static enum act step_edit(struct load *load, struct load_session *s, int arg)
{
	(void)arg;
	const struct editable *e = editable_of(s->edit_list);
	if (!e || !s->edit_id || s->in_detail || current_list(s)->kind != s->edit_list)
		return ACT_NEXT;
	if (s->sub == 0) {
		if (load->opt.save_every <= 0 || ++s->edit_chances % load->opt.save_every != 0)
			return ACT_NEXT;
		struct db_request req;
		db_record_load_request(e->record, s->edit_id, &req);
		send_request(s, OP_LOAD, &req);
		return ACT_SENT;
	}
	if (s->sub > 1 || !s->has_rec)
		return ACT_NEXT;
	const struct db_record_def *def = db_record_def(s->rec.kind);
	for (int i = 0; i < def->nfields; i++) {
		if (strcmp(def->fields[i].column, e->column) != 0)
			continue;
		s->saves++;
		char *value = mark_value(s, s->rec.values[i]);
		char why[256];
		if (!db_field_check(&def->fields[i], value ? value : "", why, sizeof(why))) {
			free(value);   /* it would not fit: the person gives up, as the form would refuse it */
			break;
		}
		free(s->rec.values[i]);
		s->rec.values[i] = value;
		struct db_request req;
		db_record_save_request(&s->rec, &req);
		send_request(s, OP_SAVE, &req);
		return ACT_SENT;
	}
	db_record_done(&s->rec);
	s->has_rec = false;
	return ACT_NEXT;
}

typedef enum act (*step_fn)(struct load *load, struct load_session *s, int arg);
static const step_fn step_fns[] = {
	[STEP_PANE] = step_pane,
	[STEP_SCROLL] = step_scroll,
	[STEP_FILTER] = step_filter,
	[STEP_FILTER_CLEAR] = step_filter_clear,
	[STEP_ENTER] = step_enter,
	[STEP_DETAIL] = step_detail,
	[STEP_BACK] = step_back,
	[STEP_EDIT] = step_edit,
};

/* Send what is due: a live refresh of the list on screen, else the next key press once thought over.
 * True when a query went out. */
static bool session_act(struct load *load, struct load_session *s)
{
	if (s->inflight || !s->connected || load->stopping)
		return false;
	long long now = now_ms();
	if (s->refresh_due_ms && now >= s->refresh_due_ms) {
		s->refresh_due_ms = 0;
		struct load_list *list = current_list(s);
		if (s->in_detail) {
			list->stale = true;
		} else if (list->loaded) {
			s->user_action = false;
			send_window(load, s, list, DB_WINDOW_FROM, OP_REFRESH);
			return true;
		}
	}
	if (now < s->think_until_ms)
		return false;
	s->user_action = true;
	for (int tries = 0; tries < NSTEPS; tries++) {
		const struct step *st = &script[s->step];
		if (step_fns[st->kind](load, s, st->arg) == ACT_SENT) {
			s->sub++;
			return true;
		}
		s->step = (s->step + 1) % NSTEPS;
		s->sub = 0;
	}
	/* A whole round with nothing to ask (an empty database): look again later. */
	s->think_until_ms = now + (load->opt.think_max > 100 ? load->opt.think_max : 100);
	return false;
}

/* Someone (this session too) changed a row of table: the list on screen refreshes after the burst, the
 * others when they show again. */
static void session_changed(struct load_session *s, const char *table)
{
	for (int p = 0; p <= PANE_COUNT; p++) {
		struct load_list *list = p < PANE_COUNT ? &s->panes[p] : s->child_open ? &s->child : NULL;
		if (!list || !list->loaded || !list_shows(list->kind, table))
			continue;
		if (list == current_list(s) && !s->in_detail) {
			if (!s->refresh_due_ms)
				s->refresh_due_ms = now_ms() + CHANGES_MS;
		} else {
			list->stale = true;
		}
	}
}

static void session_event(struct load *load, struct load_session *s, struct db_event *ev)
{
	bool ours = s->inflight && ev->tag == s->tag;
	switch (ev->kind) {
	case DB_EVENT_CONNECTED:
		if (!s->ever_connected) {
			stats_add(load, OP_CONNECT, now_exact_ms() - load->start_exact_ms);
			s->ever_connected = true;
			s->think_until_ms = now_ms() + think_ms(load, s);
		} else {
			load->reconnects++;
		}
		s->connected = true;
		break;
	case DB_EVENT_CONNECT_FAILED:
		count_error(load, OP_CONNECT, ev->error.message);
		break;
	case DB_EVENT_LOST: {
		/* the session sends the query out again once back; its answer still counts */
		char message[1100];
		snprintf(message, sizeof(message), "connection lost: %s", ev->error.message);
		count_error(load, s->inflight ? s->op : OP_CONNECT, message);
		s->connected = false;
		break;
	}
	case DB_EVENT_RESULT:
		if (ours)
			query_done(load, s, ev->result, NULL);
		PQclear(ev->result);
		break;
	case DB_EVENT_FAILED:
	case DB_EVENT_CANCELLED:
		if (ours)
			query_done(load, s, NULL, &ev->error);
		break;
	case DB_EVENT_CHANGED:
		load->notifications++;
		session_changed(s, ev->table);
		break;
	default:
		break;
	}
}

/* Everything the session has to say, and whatever it has to send, until both are done. */
static void session_run(struct load *load, struct load_session *s)
{
	for (;;) {
		struct db_event ev;
		if (db_session_step(s->db, &ev)) {
			session_event(load, s, &ev);
			continue;
		}
		if (!session_act(load, s))
			break;
	}
}

static void session_free(struct load_session *s)
{
	db_session_free(s->db);
	for (int p = 0; p < PANE_COUNT; p++)
		list_done(&s->panes[p]);
	if (s->child_open)
		list_done(&s->child);
	if (s->has_rec)
		db_record_done(&s->rec);
	free(s->edit_id);
}

/* ---- the run ---- */

static bool session_due(const struct load *load, const struct load_session *s, long long now)
{
	if (s->woken || db_session_timeout_ms(s->db) == 0)
		return true;
	if (s->inflight || !s->connected || load->stopping)
		return false;
	return now >= s->think_until_ms || (s->refresh_due_ms && now >= s->refresh_due_ms);
}

static long long session_wake_ms(const struct load *load, const struct load_session *s, long long now)
{
	long long wake = LLONG_MAX;
	int t = db_session_timeout_ms(s->db);
	if (t >= 0)
		wake = now + t;
	if (!s->inflight && s->connected && !load->stopping) {
		if (s->think_until_ms < wake)
			wake = s->think_until_ms;
		if (s->refresh_due_ms && s->refresh_due_ms < wake)
			wake = s->refresh_due_ms;
	}
	return wake;
}

static long total_answered(const struct load *load)
{
	long n = 0;
	for (int op = OP_WINDOW; op < OP_COUNT; op++)
		n += (long)load->stats[op].count;
	return n;
}

static long total_errors(const struct load *load)
{
	long n = 0;
	for (int op = 0; op < OP_COUNT; op++)
		n += load->stats[op].errors;
	return n;
}

static void show_progress(const struct load *load, long long now)
{
	int connected = 0;
	for (int i = 0; i < load->opt.sessions; i++)
		connected += load->sessions[i].connected;
	fprintf(stderr, "\riedesk-load: %lld/%d s, %ld queries, %ld errors, %d/%d sessions connected ",
		(now - load->start_ms) / 1000, load->opt.seconds, total_answered(load), total_errors(load), connected,
		load->opt.sessions);
	fflush(stderr);
}

static bool any_inflight(const struct load *load)
{
	for (int i = 0; i < load->opt.sessions; i++)
		if (load->sessions[i].inflight)
			return true;
	return false;
}

static void run(struct load *load)
{
	int n = load->opt.sessions;
	struct pollfd *fds = xcalloc((size_t)n, sizeof(*fds));
	int *owner = xcalloc((size_t)n, sizeof(*owner));
	bool progress = isatty(STDERR_FILENO);
	long long deadline = load->start_ms + (long long)load->opt.seconds * 1000, drain_until = 0;
	long long next_progress = load->start_ms + 1000;
	for (;;) {
		long long now = now_ms();
		if (!load->stopping && (now >= deadline || stop_requested)) {
			load->stopping = true;
			load->stopped_ms = now;
			drain_until = now + DRAIN_MS;
		}
		if (load->stopping && (!any_inflight(load) || now >= drain_until || stop_requested > 1))
			break;
		long long wake = load->stopping ? drain_until : deadline;
		if (progress && next_progress < wake)
			wake = next_progress;
		int nfds = 0;
		for (int i = 0; i < n; i++) {
			struct load_session *s = &load->sessions[i];
			int sock = db_session_socket(s->db);
			if (sock >= 0) {
				fds[nfds] = (struct pollfd){ .fd = sock, .events = db_session_poll_events(s->db) };
				owner[nfds++] = i;
			}
			long long w = session_wake_ms(load, s, now);
			if (w < wake)
				wake = w;
		}
		int timeout = wake > now ? (int)(wake - now) : 0;
		if (poll(fds, (nfds_t)nfds, timeout) < 0 && errno != EINTR) {
			perror("iedesk-load: poll");
			break;
		}
		for (int k = 0; k < nfds; k++)
			if (fds[k].revents)
				load->sessions[owner[k]].woken = true;
		now = now_ms();
		for (int i = 0; i < n; i++) {
			struct load_session *s = &load->sessions[i];
			if (session_due(load, s, now))
				session_run(load, s);
			s->woken = false;
		}
		if (progress && now >= next_progress) {
			show_progress(load, now);
			next_progress = now + 1000;
		}
	}
	if (progress)
		fputc('\n', stderr);
	for (int i = 0; i < n; i++) {
		if (load->sessions[i].inflight)
			count_error(load, load->sessions[i].op, "still unanswered when the run ended");
	}
	free(fds);
	free(owner);
}

/* ---- the report ---- */

static int compare_ms(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* The nearest-rank percentile of sorted values. */
static double percentile(const double *sorted, size_t count, double p)
{
	size_t rank = (size_t)(p / 100.0 * (double)count + 0.999999);
	if (rank < 1)
		rank = 1;
	return sorted[rank > count ? count - 1 : rank - 1];
}

static void print_row(const char *name, struct op_stats *st)
{
	if (!st->count) {
		printf("%-8s %8zu %9s %9s %9s %7ld %9ld\n", name, st->count, "-", "-", "-", st->errors, st->conflicts);
		return;
	}
	qsort(st->ms, st->count, sizeof(*st->ms), compare_ms);
	printf("%-8s %8zu %9.1f %9.1f %9.1f %7ld %9ld\n", name, st->count, percentile(st->ms, st->count, 50),
		percentile(st->ms, st->count, 99), st->ms[st->count - 1], st->errors, st->conflicts);
}

static int never_connected(const struct load *load)
{
	int n = 0;
	for (int i = 0; i < load->opt.sessions; i++)
		n += !load->sessions[i].ever_connected;
	return n;
}

static void report(struct load *load, double seconds)
{
	const struct load_options *o = &load->opt;
	printf("iedesk-load: %d sessions for %.1f s, think %d-%d ms, ", o->sessions, seconds, o->think_min, o->think_max);
	if (o->save_every > 0)
		printf("a save every %d edit chance%s, ", o->save_every, o->save_every == 1 ? "" : "s");
	else
		printf("no saves, ");
	printf("windows of %d rows, seed %llu\n", load->chunk, o->seed);
	printf("%-8s %8s %9s %9s %9s %7s %9s\n", "kind", "count", "p50 ms", "p99 ms", "max ms", "errors", "conflicts");
	for (int op = 0; op < OP_COUNT; op++)
		print_row(op_names[op], &load->stats[op]);
	long conflicts = 0;
	for (int op = 0; op < OP_COUNT; op++)
		conflicts += load->stats[op].conflicts;
	printf("%-8s %8ld %9s %9s %9s %7ld %9ld\n", "total", total_answered(load), "", "", "", total_errors(load),
		conflicts);
	printf("queries answered per second: %.1f\n", seconds > 0 ? (double)total_answered(load) / seconds : 0.0);
	printf("sessions that failed to connect: %d\n", never_connected(load));
	printf("reconnects: %ld, live-change notifications received: %ld\n", load->reconnects, load->notifications);
	for (size_t i = 0; i < load->nnotes; i++)
		fprintf(stderr, "iedesk-load: %s error (%ld time%s): %s\n", op_names[load->notes[i].op], load->notes[i].count,
			load->notes[i].count == 1 ? "" : "s", load->notes[i].message);
}

/* ---- the command line ---- */

static void usage(FILE *out)
{
	fprintf(out,
		"usage: iedesk-load [--sessions N] [--seconds S] [--think-ms MIN-MAX] [--save-every K] [--seed N]\n"
		"                   [--rows N] [--config FILE]\n"
		"Runs N headless iedesk sessions against one database for S seconds, each scrolling the Backlog,\n"
		"filtering it a keystroke at a time (Enter: the counts), opening details, switching panes and\n"
		"now and then saving a record (version-checked), with the TUI's own queries; then prints each\n"
		"kind of query's count, p50, p99 and max latency, errors and conflicts. It connects as iedesk\n"
		"does: the config file's connection, else libpq's PG* variables.\n"
		"  --sessions N       sessions at once (default 50, at most %d)\n"
		"  --seconds S        how long to run (default 30)\n"
		"  --think-ms MIN-MAX a person's pause before each key press, drawn at random (default 100-300;\n"
		"                     0 for none)\n"
		"  --save-every K     edit and save every K-th record a session could edit (default 2; 0 never)\n"
		"  --seed N           the random choices' seed (default 1), so runs can be repeated\n"
		"  --rows N           list rows on the screen; a window is twice that, at least %d (default 36)\n"
		"  -c, --config FILE  read this config file instead of the usual places\n"
		"Exit codes: 0 no errors, 1 errors (conflicts are not errors), 2 usage error.\n",
		MAX_SESSIONS, LIST_MIN_CHUNK);
}

static bool parse_number(const char *text, long min, long max, long *out)
{
	char *end;
	errno = 0;
	long v = strtol(text, &end, 10);
	if (errno || end == text || *end || v < min || v > max)
		return false;
	*out = v;
	return true;
}

/* "MIN-MAX" or one number for both. */
static bool parse_range(const char *text, int *min, int *max)
{
	char buf[64];
	snprintf(buf, sizeof(buf), "%s", text);
	char *dash = strchr(buf, '-');
	long lo, hi;
	if (dash)
		*dash = '\0';
	if (!parse_number(buf, 0, 600000, &lo))
		return false;
	hi = lo;
	if (dash && !parse_number(dash + 1, lo, 600000, &hi))
		return false;
	*min = (int)lo;
	*max = (int)hi;
	return true;
}

/* 0 when parsed, else the exit code to leave with (a usage error, or 0 after --help). */
static int parse_options(int argc, char **argv, struct load_options *o, bool *help)
{
	static const struct option longs[] = {
		{ "sessions", required_argument, NULL, 'n' },
		{ "seconds", required_argument, NULL, 's' },
		{ "think-ms", required_argument, NULL, 't' },
		{ "save-every", required_argument, NULL, 'k' },
		{ "seed", required_argument, NULL, 'r' },
		{ "rows", required_argument, NULL, 'w' },
		{ "config", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	*o = (struct load_options){ .sessions = 50, .seconds = 30, .think_min = 100, .think_max = 300,
		.save_every = 2, .rows = 36, .seed = 1 };
	*help = false;
	opterr = 0;
	int c;
	long v;
	while ((c = getopt_long(argc, argv, ":c:h", longs, NULL)) != -1) {
		const char *bad = NULL;
		switch (c) {
		case 'n': if (parse_number(optarg, 1, MAX_SESSIONS, &v)) o->sessions = (int)v; else bad = "--sessions"; break;
		case 's': if (parse_number(optarg, 1, 86400, &v)) o->seconds = (int)v; else bad = "--seconds"; break;
		case 't': if (!parse_range(optarg, &o->think_min, &o->think_max)) bad = "--think-ms"; break;
		case 'k': if (parse_number(optarg, 0, 1000000, &v)) o->save_every = (int)v; else bad = "--save-every"; break;
		case 'r': if (parse_number(optarg, 0, LONG_MAX, &v)) o->seed = (unsigned long long)v; else bad = "--seed"; break;
		case 'w': if (parse_number(optarg, 1, 1000, &v)) o->rows = (int)v; else bad = "--rows"; break;
		case 'c': o->config_path = optarg; break;
		case 'h': *help = true; return 0;
		case ':':
			fprintf(stderr, "iedesk-load: %s needs a value\n", argv[optind - 1]);
			return LOAD_EXIT_USAGE;
		default:
			fprintf(stderr, "iedesk-load: unknown option '%s'\n", argv[optind - 1]);
			usage(stderr);
			return LOAD_EXIT_USAGE;
		}
		if (bad) {
			fprintf(stderr, "iedesk-load: %s does not take '%s' (see --help)\n", bad, optarg);
			return LOAD_EXIT_USAGE;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "iedesk-load: unexpected argument '%s'\n", argv[optind]);
		usage(stderr);
		return LOAD_EXIT_USAGE;
	}
	return 0;
}

static void load_start(struct load *load)
{
	int n = load->opt.sessions;
	load->sessions = xcalloc((size_t)n, sizeof(*load->sessions));
	load->start_ms = now_ms();
	load->start_exact_ms = now_exact_ms();
	for (int i = 0; i < n; i++) {
		struct load_session *s = &load->sessions[i];
		s->rng = (uint64_t)load->opt.seed * 1000003u + (uint64_t)i;
		s->number = i + 1;
		for (int p = 0; p < PANE_COUNT; p++)
			list_reset(&s->panes[p], pane_lists[p], NULL);
		s->db = db_session_new(&load->target);
	}
}

static void load_done_all(struct load *load)
{
	for (int i = 0; i < load->opt.sessions; i++)
		session_free(&load->sessions[i]);
	free(load->sessions);
	for (int op = 0; op < OP_COUNT; op++)
		free(load->stats[op].ms);
}

int main(int argc, char **argv)
{
	struct load load = { 0 };
	bool help;
	int rc = parse_options(argc, argv, &load.opt, &help);
	if (rc || help) {
		if (help)
			usage(stdout);
		return rc;
	}
	struct config cfg;
	struct config_error cerr;
	config_init(&cfg);
	if (!config_load(&cfg, load.opt.config_path, &cerr)) {
		char message[1200];
		config_error_format(&cerr, message, sizeof(message));
		fprintf(stderr, "iedesk-load: %s\n", message);
		config_done(&cfg);
		return LOAD_EXIT_USAGE;
	}
	load.target = (struct db_target){ .service = cfg.service, .conninfo = cfg.conninfo };
	/* as tui/list.c's chunk_size(): the config's page size, else the screen's rows */
	int rows = cfg.page_size > 0 ? cfg.page_size : load.opt.rows;
	load.page = rows;
	load.chunk = rows * 2 > LIST_MIN_CHUNK ? rows * 2 : LIST_MIN_CHUNK;

	struct sigaction sa = { .sa_handler = on_signal };
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);

	load_start(&load);
	run(&load);
	report(&load, (double)(load.stopped_ms - load.start_ms) / 1000.0);
	rc = total_errors(&load) || never_connected(&load) ? LOAD_EXIT_ERRORS : LOAD_EXIT_OK;
	load_done_all(&load);
	config_done(&cfg);
	return rc;
}
