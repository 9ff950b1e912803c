/* view: what the files of tui/ share — the view ops every pane implements, the intents handlers
 * return, and the small helpers (text width, theme, keymap) the views draw with. */
#ifndef IEDESK_TUI_VIEW_H
#define IEDESK_TUI_VIEW_H

#include "tui/tui.h"

#include <curses.h>
#include <stdbool.h>
#include <stdint.h>

/* ---- text (text.c): UTF-8 drawn and edited by display width, never by bytes; measured by db/text.c ---- */

/* Draw s at (y, x) in exactly width cells: cut at a character boundary, padded with spaces; a
 * wide character that would straddle the edge becomes a space. Right-aligned when right. */
void text_draw(WINDOW *win, int y, int x, const char *s, int width, bool right);
/* Remove the last UTF-8 character of s in place. */
void text_delete_last(char *s);
/* Append one character (a wide code point) to s of capacity size; false when full. */
bool text_append(char *s, size_t size, wint_t ch);
/* The byte offset of the character before / after the one at byte offset at. */
int text_prev_char(const char *s, int at);
int text_next_char(const char *s, int at);

/* A one-line editor over an allocated string (*text may be NULL for "") and a byte-offset cursor:
 * Left/Right, Home/End (Ctrl-A/E) move; Backspace, Delete (Ctrl-D), Ctrl-K (to the end), Ctrl-U (all)
 * delete; a printable character is inserted. Enter and Tab are the caller's. */
enum text_edit { TEXT_EDIT_IGNORED, TEXT_EDIT_MOVED, TEXT_EDIT_CHANGED };
enum text_edit text_edit_key(char **text, int *cursor, int key);
void text_edit_insert(char **text, int *cursor, wint_t ch);
/* Draw text in width cells at (y, x), scrolled so the cursor shows; the cursor's column. Newlines
 * show as ↵. */
int text_edit_draw(WINDOW *win, int y, int x, int width, const char *text, int cursor);

/* ---- theme (theme.c) ---- */

void theme_init(const struct config *cfg);
attr_t theme_attr(enum config_color_element element);

/* ---- keymap (keymap.c) ---- */

/* A key as curses delivers it (wide character or KEY_* code) in the config's key code space. */
int keymap_code(int curses_key, bool is_function_key);
void keymap_init(const struct config *cfg);
enum config_action keymap_action(int code);
/* The keys bound to action, as the user would write them ("j, Down"); "" when unbound. */
void keymap_describe(enum config_action action, char *buf, size_t size);
/* The first key bound to action ("q"), for the hints line. */
void keymap_first(enum config_action action, char *buf, size_t size);

/* ---- journal (journal.c): unsaved work kept on disk across a dropped session ---- */

struct journal_form {
	int kind;              /* enum db_record_kind */
	char *id, *version;    /* NULL for a record not yet saved */
	int nvalues;
	char **values;         /* as the form holds them; NULL is SQL NULL */
	char **names;          /* what lookup fields show */
	char *client_key;      /* a record not yet saved: the key its INSERT carries; else NULL */
};

/* One line of a meeting being recorded (capture.c). */
struct journal_line {
	int section;           /* enum db_capture_section */
	char *id, *version;    /* its row; NULL when never saved */
	char *saved;           /* the text as the database has it; NULL when never saved */
	char *text;            /* as typed */
	int position, parent;
	char *key;             /* the client key its INSERT carries (db_client_key_new); NULL when none */
	char *choice_for;      /* the name the secretary said who it is (capture.c's picker); NULL when not said */
	char *choice;          /* with choice_for: the person's or school's id; NULL: an organisation / a unit */
	bool asks;             /* waits for the secretary to say who its name is (known while the session runs) */
};

struct journal_capture {
	char *meeting_id, *title, *today;
	size_t count;
	struct journal_line *lines;
};

/* Everything unsaved: forms and meetings being recorded. Owns its contents. */
struct journal {
	struct journal_form *forms;
	size_t nforms;
	struct journal_capture *captures;
	size_t ncaptures;
};

/* This session's drafts: $XDG_STATE_HOME/iedesk/drafts-HASH-ID (else under ~/.local/state/iedesk), HASH
 * naming the database the target and PG* variables name, with lock-HASH-ID held locked (flock) until
 * journal_close; path is written only by this session. */
struct journal_file {
	char *path, *lock_path, *dir, *hash;
	int lock;
};
/* False (file empty, path NULL) without a home or when no lock can be made. */
bool journal_open(const struct db_target *target, struct journal_file *file);
/* Releases the lock (and removes it when no drafts are left). */
void journal_close(struct journal_file *file);
/* The drafts of this database's sessions that have ended, checked by their locks, never those of one
 * still running: moved into own's file and into into, their files removed. False when one of them
 * cannot be read (it is left as it is) or own's file cannot be written (nothing is moved). */
bool journal_claim_ended(const struct journal_file *own, struct journal *into);
/* Replace the journal file with journal, atomically (fsync, then rename), mode 0600; an empty one
 * removes it. */
bool journal_write(const char *path, const struct journal *journal);
/* What the file holds (nothing when there is no file); false, with journal empty, when it cannot be
 * read or is not a journal. */
bool journal_read(const char *path, struct journal *journal);
size_t journal_count(const struct journal *journal);
/* New zeroed entries at the end, for the caller to fill (with allocated strings). */
struct journal_form *journal_add_form(struct journal *journal);
struct journal_capture *journal_add_capture(struct journal *journal);
struct journal_line *journal_add_line(struct journal_capture *capture);
/* Move everything of from to the end of into (from is left empty); copy without moving. */
void journal_take(struct journal *into, struct journal *from);
void journal_copy(struct journal *into, const struct journal *from);
void journal_done(struct journal *journal);

/* ---- views ---- */

enum intent_flag {
	INTENT_NONE = 0,
	INTENT_REDRAW = 1 << 0,   /* the view changed what it shows */
	INTENT_QUERY = 1 << 1,    /* send intent.query for this view */
	INTENT_OPEN = 1 << 2,     /* push intent.open on this pane */
	INTENT_BACK = 1 << 3,     /* close this view */
	INTENT_QUIT = 1 << 4,     /* leave the program */
	INTENT_MESSAGE = 1 << 5,  /* show intent.message in the status line */
	INTENT_CANCEL = 1 << 6,   /* cancel the running query */
	INTENT_UNHANDLED = 1 << 7,/* the view did not want the key; the app may */
	INTENT_RELOAD = 1 << 8,   /* with INTENT_BACK: the view shown next reloads (a save changed it) */
	INTENT_EXPORT = 1 << 9,   /* run intent.export in the background */
	INTENT_RESTORE = 1 << 10, /* reopen the unsaved work the last session left (the restore offer) */
	INTENT_DISCARD = 1 << 11, /* throw that work away */
	INTENT_KEEP = 1 << 12,    /* with INTENT_BACK: keep the view's unsaved work in the journal */
};

struct view;

/* What every view may ask of the running program, given to it when it is made: the config, the session
 * (who is logged in, the database's day; NULL where no program runs, as in unit tests) and the panes. */
struct view_context {
	const struct config *cfg;
	const struct db_session *session;
	const struct view_pane *const *panes;   /* every pane, by enum view_pane_id (NULL: no pane's keys) */
};

struct view_hint {
	enum config_action action;
	const char *label;
};

/* What a handler asks the main loop to do; only the main loop acts. */
struct intent {
	unsigned flags;
	struct db_request query;
	unsigned purpose;         /* with INTENT_QUERY: what it is for, given back to the result op */
	struct view *open;
	char select_id[32];       /* with INTENT_RELOAD: the row the view shown next should select */
	int select_kind;          /* the kind of record (enum db_record_kind) select_id is */
	char message[1100];
	bool message_is_error;
	struct {
		char kind[32];        /* as `iedesk export` names it */
		char filter[256];
		char district[64];    /* a district code, or "" */
		char file[512];
	} export;
};

/* A row someone changed, as 0013_notify.sql's triggers tell every listening iedesk (live updates). */
struct view_change {
	char table[64];           /* "school", "backlog" */
	char id[32];              /* the row's id; "" when too many rows changed at once to name each */
	long long at_ms;          /* when it arrived (CLOCK_MONOTONIC, ms) */
	bool own;                 /* only this program's own saves changed it: shown, not marked as news */
};

/* The input a view may receive. */
struct view_input {
	enum config_action action;   /* CONFIG_ACTION_NONE when the key is bound to nothing */
	int key;                     /* the key, in config key codes */
	int mouse_row;               /* with a mouse click: the screen row, else -1 */
};

struct view_ops {
	const char *name;
	/* Start: fill intent (usually a query). */
	void (*open)(struct view *view, struct intent *intent);
	/* Draw into rows x cols at top of win; the first row is the view's header. */
	void (*draw)(struct view *view, WINDOW *win, int top, int rows, int cols);
	void (*input)(struct view *view, const struct view_input *in, struct intent *intent);
	/* The result of this view's query sent for purpose (intent.purpose); res is NULL and err set on failure
	 * or when it was never sent (another took its place). */
	void (*result)(struct view *view, unsigned purpose, const PGresult *res, const struct db_error *err,
		struct intent *intent);
	/* The data may be stale (reconnected, asked to refresh): query again, keeping the place. */
	void (*reload)(struct view *view, struct intent *intent);
	/* Where the terminal cursor belongs (a form's text field); false hides it. May be NULL. */
	bool (*cursor)(struct view *view, int *y, int *x);
	/* The key hints for the bottom line, ended by CONFIG_ACTION_NONE; NULL (or answering NULL) for the usual. */
	const struct view_hint *(*hints)(struct view *view);
	/* A one-line description for the status bar ("12 rows", "filter: 怀柔"), may be NULL. */
	void (*describe)(struct view *view, char *buf, size_t size);
	/* Whether the view takes every key itself now (a prompt, a form): no global key applies. May be NULL. */
	bool (*editing)(const struct view *view);
	/* Add what the user typed and is not saved yet to journal; false when there is none. May be NULL. */
	bool (*draft)(const struct view *view, struct journal *journal);
	/* Rows changed in the database (a burst, coalesced). When shown (on screen) the view may ask for a
	 * query that refreshes it in place; else it only notes what changed. Answers whether what it shows
	 * may have changed: a view not on screen then reloads when it shows again. May be NULL (ignored). */
	bool (*changed)(struct view *view, const struct view_change *changes, size_t count, bool shown,
		struct intent *intent);
	/* About once a second while the view is shown (a capture saves as it goes). May be NULL. */
	void (*tick)(struct view *view, struct intent *intent);
	/* Whether action does something in it now, for this login (its help lists those first). May be NULL. */
	bool (*does)(struct view *view, enum config_action action);
	/* A view above it saved a record of kind with id (enum db_record_kind), and it shows again: a list of
	 * such records selects it once reloaded. May be NULL. */
	void (*saved)(struct view *view, const char *id, int kind);
	/* It is opened while the journal keeps unsaved work of what it shows (a meeting's lines kept when its
	 * capture closed without a connection): it takes that work back from kept. May be NULL. */
	void (*adopt)(struct view *view, struct journal *kept);
	void (*done)(struct view *view);
};

struct view {
	const struct view_ops *ops;
	char title[160];
	void *data;               /* the view's own state */
	struct view *parent;      /* the view below on the same pane's stack */
	unsigned waiting_tag;     /* tag of the query it waits for, 0 when none */
	unsigned waiting_purpose; /* what that query is for */
	struct db_request deferred; /* a query it asked for while not on screen, sent when it is shown again */
	unsigned deferred_purpose;
	bool stale;               /* a change made above it may show: reload it when it is shown again */
	int page_rows;            /* rows it showed last time it was drawn */
	const struct view_context *ctx;
};

/* ---- panes (view_*.c): each pane's lists and the keys of its own ---- */

/* A key that does something in some lists of a pane: in the lists whose bits are set (LIST_BIT), it runs
 * run; the generic list (list.c) handles every other key, and keys of no pane do nothing. record is what
 * it saves (enum db_record_kind, -1 for nothing): a role that may not save one is neither offered the key
 * nor let through. */
struct list_action {
	enum config_action action;
	uint64_t lists;
	int record;
	void (*run)(struct view *list, enum config_action action, struct intent *intent);
};
#define LIST_BIT(kind) (UINT64_C(1) << (kind))
_Static_assert(DB_LIST_COUNT <= 64, "a list_action has a bit per list kind: widen lists");

/* The hints line of some lists (the lists whose bits are set) in the order given; only the keys that do
 * something there are shown. Lists of none have the usual line. */
struct list_hints {
	uint64_t lists;
	const struct view_hint *hints;     /* ended by CONFIG_ACTION_NONE */
};

struct view_pane {
	const char *title;                 /* "Districts", in the title bar */
	const char *name;                  /* "districts", as the config's default_view names it */
	enum db_list_kind root;            /* the list the pane opens with */
	enum config_action show;           /* the key that shows it (CONFIG_ACTION_VIEW_...) */
	const struct list_action *actions; /* ended by CONFIG_ACTION_NONE */
	const struct list_hints *hints;    /* ended by lists == 0; may be NULL */
	/* Where the pane starts for this login, once its root is open and who is at work is known: it may
	 * open a list over the root (Esc gives the root back). NULL: on the root. */
	void (*start)(struct view *root, const struct db_whoami *who, struct intent *intent);
};

/* The panes, as config.h lists them once: view_pane_<name> of view_<name>.c. */
#define VIEW_PANE_ENTRY(_, id, name, keys, help) _(id, name)
#define VIEW_PANE_INFO(_) CONFIG_PANE_INFO(VIEW_PANE_ENTRY, _)

#define VIEW_PANE_ENUM(id, name) VIEW_PANE_##id,
enum view_pane_id { VIEW_PANE_INFO(VIEW_PANE_ENUM) VIEW_PANE_COUNT };
#undef VIEW_PANE_ENUM

#define VIEW_PANE_DECLARE(id, name) extern const struct view_pane view_pane_##name;
VIEW_PANE_INFO(VIEW_PANE_DECLARE)
#undef VIEW_PANE_DECLARE

/* list.c: a keyset-paged list of a db list kind, used by the panes and their child lists. */
struct view *view_list_new(const struct view_context *ctx, enum db_list_kind kind, const char *parent_id,
	const char *title);
/* What the pane files' handlers ask of the list they serve. The selected row's id, name (the column that
 * takes the width left) and cell by column name: NULL, "" and "" when the list is empty. */
enum db_list_kind view_list_kind(const struct view *view);
const char *view_list_selected_id(const struct view *view);
const char *view_list_selected_name(const struct view *view);
const char *view_list_selected_cell(const struct view *view, const char *column);
/* The row the list hangs off (NULL for none), what it is called, and its district's code (NULL for none). */
const char *view_list_parent(const struct view *view);
const char *view_list_parent_name(const struct view *view);
const char *view_list_parent_code(const struct view *view);
/* Open child over parent (NULL when it has none; nothing opens when it needs one), titled after name when
 * given; code is the district code its exports carry (NULL for none). */
void view_list_open(struct view *view, enum db_list_kind child, const char *parent, const char *name,
	const char *code, struct intent *intent);
/* Show kind in this list's place, from its start and unfiltered (the backlog's groupings). */
void view_list_become(struct view *view, enum db_list_kind kind, struct intent *intent);
/* Say message as an error in the status line. */
void view_refuse(struct intent *intent, const char *message);
/* False, with the reason said, when the login's role may not save records of kind (-1: nothing). */
bool view_allowed(const struct view *view, int kind, struct intent *intent);

/* detail.c: one record with its related records, read-only. */
struct view *view_detail_new(const struct view_context *ctx, enum db_detail_kind kind, const char *id,
	const char *title);
/* form.c: edit (id given) or create (id NULL) a record of kind; preset fills fields of a new one
 * (e.g. the district of a new school) and may be NULL. */
struct view *view_form_new(const struct view_context *ctx, enum db_record_kind kind, const char *id,
	const struct db_record *preset);
/* Whether a view takes every key itself (a filter prompt, a form): then no global key applies. */
bool view_captures_keys(const struct view *view);
/* A form holding a journalled draft, as it was typed. */
struct view *view_form_from_draft(const struct view_context *ctx, const struct journal_form *draft);
/* capture.c: record a meeting as it runs, one line per attendee, agenda item, decision, action item. */
struct view *view_capture_new(const struct view_context *ctx, const char *meeting_id, const char *title);
/* A capture holding a journalled one, as it was typed; its unsaved lines are saved once it is open. */
struct view *view_capture_from_draft(const struct view_context *ctx, const struct journal_capture *draft);
/* A finalise view just opened learns which lines of its meeting are unsaved (drafts: every view's and the
 * journal's), to say so before the minutes are made final; other views ignore it. */
void view_finalise_drafts(struct view *view, const struct journal *drafts);
/* restore.c: what the last session left unsaved, offered back (r) or thrown away (d, asked twice). */
struct view *view_restore_new(const struct view_context *ctx, const struct journal *journal);
/* A new inspection filled in by the database first: preset is db_inspection_plan_request or
 * db_inspection_follow_up_request (taken over). */
struct view *view_form_planned(const struct view_context *ctx, struct db_request *preset);
/* finalise.c: make a meeting's minutes final (amend false), or open an amendment with its reason. */
struct view *view_finalise_new(const struct view_context *ctx, const char *meeting_id, const char *title, bool amend);
/* visit.c: an inspection's steps on one screen — record its visit (date, summary), close it, or resolve a
 * finding (id is the finding's) — each one version-checked statement; title names the record. */
enum visit_step { VISIT_RECORD, VISIT_CLOSE, VISIT_RESOLVE };
struct view *view_visit_new(const struct view_context *ctx, enum visit_step step, const char *id, const char *title);
/* Open the form asking at once whether to archive the record. */
void view_form_ask_archive(struct view *form);
/* help.c: the key bindings in force, those that do something in below (NULL: none) first. */
struct view *view_help_new(const struct view_context *ctx, struct view *below);

/* Whether the login may save records of kind (enum db_record_kind) at all, as its role says; when not, why
 * in a sentence. True while the role is unknown: the database decides anyway, row by row. */
bool view_may_write(const struct view_context *ctx, int kind, char *why, size_t size);
/* The database's day, YYYY-MM-DD: the only "today" views prefill, parse or show; NULL until the session
 * knows it. It moves on at the database's midnight. */
const char *view_today(const struct view_context *ctx);

/* A view's own status line: a sentence, and whether it tells of an error. */
struct view_status {
	char text[1100];
	bool error;
};
void view_status_set(struct view_status *status, bool error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Ops of a view that takes every key itself and offers none in the hints line (a dialog). */
const struct view_hint *view_no_hints(struct view *view);
bool view_takes_keys(const struct view *view);
/* Milliseconds on the monotonic clock: for timers, never for the date. */
long long view_now_ms(void);

/* A view with ops over data (which its done op frees). */
struct view *view_new(const struct view_ops *ops, void *data, const struct view_context *ctx, const char *title);
void view_free(struct view *view);

#endif
