/* app: the interactive program — one poll loop turning the terminal, the database socket, signal
 * flags and a timer into typed events; views answer with intents and only this file acts on them. */
#include "tui/view.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <sys/wait.h>
#include <unistd.h>

#define MIN_COLS 60
#define MIN_ROWS 12
#define SPINNER_AFTER_MS 150
#define MESSAGE_MS 5000
#define JOURNAL_MS 2000    /* typing reaches the drafts journal within this */
#define TICK_MS 1000       /* how often a view with a tick op (a capture saving as it goes) is called */
#define CHANGES_MS 250     /* live updates: a burst of changes is collected this long, then shown at once */
#define CHANGES_NAMED 512  /* rows named one by one in a burst; past that only their tables are */

enum event_kind { EVENT_NONE, EVENT_KEY, EVENT_RESIZE, EVENT_MOUSE, EVENT_DB, EVENT_TICK, EVENT_SIGNAL, EVENT_EXPORT };

struct event {
	enum event_kind kind;
	int key;                 /* EVENT_KEY: a config key code */
	MEVENT mouse;
	struct db_event db;
	int signal;
};

/* An export runs as a child `iedesk export … --progress`, so the screen never waits for it; its
 * progress lines arrive on a pipe the poll loop watches. */
struct export_job {
	pid_t pid;
	int fd;                 /* its stderr; -1 when no export runs */
	char file[512];
	long rows;
	char last_error[512];
	char buf[1024];
	size_t len;
};

struct app {
	const struct config *cfg;
	struct view_context ctx;               /* what views are given: the config and the session */
	struct export_job export;
	struct db_session *db;
	struct view *panes[VIEW_PANE_COUNT];   /* the top of each pane's stack; NULL until first shown */
	bool stale[VIEW_PANE_COUNT];           /* reconnected since the pane was last refreshed */
	bool starting[VIEW_PANE_COUNT];        /* its root is new: the pane's start hook runs on its first answer */
	int pane;
	unsigned next_tag;
	char message[1100];
	bool message_error;
	long long message_until;
	char connection[160];                  /* why the data may be old, shown on the right */
	bool ever_connected;
	char connect_error[1024];              /* why the start has not connected yet, shown whole */
	int spinner;
	bool redraw, quit;
	int quit_signal;                       /* the signal that ended the program, or 0 */
	struct journal_file journal;           /* this session's own drafts file (path NULL: none) */
	bool journal_live;                     /* a journal may exist: keep it current as forms close */
	long long journal_due;                 /* when to write it next (ms), 0 when nothing changed */
	struct journal offered;                /* the last session's unsaved work, offered back, not yet answered */
	struct journal kept;                   /* unsaved work of views closed without a connection */
	long long next_tick;
	struct view_change changes[CHANGES_NAMED + 64];   /* the burst being collected */
	size_t nchanges;
	long long changes_due;                 /* when to hand it to the views (ms), 0 when none */
	unsigned utf8_code;                    /* a UTF-8 character being read a byte at a time */
	unsigned utf8_min;                     /* the least code point its length may carry (no overlong forms) */
	int utf8_need;                         /* its continuation bytes still to come */
};

#define VIEW_PANE_ADDRESS(id, name) [VIEW_PANE_##id] = &view_pane_##name,
static const struct view_pane *const panes[VIEW_PANE_COUNT] = { VIEW_PANE_INFO(VIEW_PANE_ADDRESS) };
#undef VIEW_PANE_ADDRESS

static volatile sig_atomic_t signal_caught;
static struct termios saved_termios;
static bool have_termios;

static void on_signal(int sig)
{
	signal_caught = sig;
}

static const int crash_signals[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT };
static struct sigaction crash_previous[sizeof(crash_signals) / sizeof(crash_signals[0])];

/* A crash must not leave the user's terminal in raw mode on the alternate screen. Then whatever
 * handled the signal before (a sanitizer's report, or the default core dump) takes over. */
static void on_crash(int sig)
{
	static const char reset[] = "\033[?1049l\033[?25h\033[0m\r\n";
	if (write(STDOUT_FILENO, reset, sizeof(reset) - 1) < 0) {
		/* nothing more can be done from a crash handler */
	}
	if (have_termios)
		tcsetattr(STDIN_FILENO, TCSANOW, &saved_termios);
	for (size_t i = 0; i < sizeof(crash_signals) / sizeof(crash_signals[0]); i++)
		if (crash_signals[i] == sig)
			sigaction(sig, &crash_previous[i], NULL);
	raise(sig);
}

static void install_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	sa.sa_handler = on_crash;
	for (size_t i = 0; i < sizeof(crash_signals) / sizeof(crash_signals[0]); i++)
		sigaction(crash_signals[i], &sa, &crash_previous[i]);
}

static void set_message(struct app *app, bool error, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void set_message(struct app *app, bool error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(app->message, sizeof(app->message), fmt, ap);
	va_end(ap);
	app->message_error = error;
	app->message_until = view_now_ms() + MESSAGE_MS;
	app->redraw = true;
}

static struct view *current(struct app *app)
{
	return app->panes[app->pane];
}

static struct view *find_waiting(struct app *app, unsigned tag)
{
	for (int p = 0; p < VIEW_PANE_COUNT; p++)
		for (struct view *v = app->panes[p]; v; v = v->parent)
			if (v->waiting_tag == tag)
				return v;
	return NULL;
}

static void apply(struct app *app, struct view *view, struct intent *intent);
static void shown_again(struct app *app);

static void open_view(struct app *app, struct view *view)
{
	struct intent intent = { 0 };
	view->ops->open(view, &intent);
	apply(app, view, &intent);
}

/* Every unsaved form and capture, on every pane, with what is still offered or kept, into the journal
 * (or the journal removed when there is none). */
static void journal_gather(struct app *app, struct journal *all)
{
	journal_copy(all, &app->offered);
	journal_copy(all, &app->kept);
	for (int p = 0; p < VIEW_PANE_COUNT; p++)
		for (struct view *v = app->panes[p]; v; v = v->parent)
			if (v->ops->draft)
				v->ops->draft(v, all);
}

static void journal_save(struct app *app)
{
	app->journal_due = 0;
	if (!app->journal.path)
		return;
	struct journal all = { 0 };
	journal_gather(app, &all);
	size_t n = journal_count(&all);
	if (n || app->journal_live) {
		if (!journal_write(app->journal.path, &all))
			set_message(app, true, _("cannot write the drafts journal %s: %s"), app->journal.path, strerror(errno));
		app->journal_live = n > 0;
	}
	journal_done(&all);
}

static void close_view(struct app *app, struct view *view, bool reload, const struct intent *asked, bool keep)
{
	if (view != current(app) || !view->parent)
		return;
	if (keep && view->ops->draft && view->ops->draft(view, &app->kept))
		app->journal_live = true;
	app->panes[app->pane] = view->parent;
	view_free(view);
	app->redraw = true;
	if (app->journal_live)
		journal_save(app);   /* a form saved or discarded must not come back next time */
	struct view *shown = current(app);
	if (reload) {
		/* what the closed view saved may show in every view below, not only the next one */
		for (struct view *below = shown->parent; below; below = below->parent)
			below->stale = below->ops->reload && !below->ops->draft;
		if (shown->ops->reload) {
			if (shown->ops->saved)
				shown->ops->saved(shown, asked ? asked->select_id : NULL, asked ? asked->select_kind : -1);
			shown->stale = true;
		}
	}
	shown_again(app);
}

/* The view on screen now shows again: a reload if it is stale (which redoes whatever it had deferred),
 * else the query it asked for meanwhile. */
static void shown_again(struct app *app)
{
	struct view *shown = current(app);
	struct intent intent = { 0 };
	if (shown->stale && shown->ops->reload) {
		shown->stale = false;
		db_request_done(&shown->deferred);
		shown->ops->reload(shown, &intent);
		apply(app, shown, &intent);
	} else if (shown->deferred.sql) {
		intent.query = shown->deferred;
		intent.purpose = shown->deferred_purpose;
		memset(&shown->deferred, 0, sizeof(shown->deferred));
		intent.flags = INTENT_QUERY;
		apply(app, shown, &intent);
	}
}

static void start_export(struct app *app, const struct intent *intent);
static void restore(struct app *app);

static void show_pane(struct app *app, int pane)
{
	app->pane = pane;
	app->redraw = true;
	if (!app->panes[pane]) {
		app->panes[pane] = view_list_new(&app->ctx, panes[pane]->root, NULL, NULL);
		app->stale[pane] = false;
		app->starting[pane] = panes[pane]->start != NULL;
		open_view(app, app->panes[pane]);
	} else if (app->stale[pane] && current(app)->ops->reload) {
		struct view *view = current(app);
		app->stale[pane] = false;
		view->stale = false;   /* the reload below covers what changed while it was hidden too */
		db_request_done(&view->deferred);
		struct intent intent = { 0 };
		view->ops->reload(view, &intent);
		apply(app, view, &intent);
	} else {
		shown_again(app);
	}
}

/* A pane's number shows its root list (Tab keeps each pane's place): what it had opened is closed, and
 * unsaved work in it is kept in the journal, as Esc-with-keep keeps it, never lost. */
static void show_pane_root(struct app *app, int pane)
{
	struct view *view = app->panes[pane];
	bool kept = false;
	while (view && view->parent) {
		struct view *below = view->parent;
		if (view->ops->draft && view->ops->draft(view, &app->kept))
			kept = true;
		view_free(view);
		view = below;
	}
	app->panes[pane] = view;
	if (kept) {
		app->journal_live = true;
		journal_save(app);
		set_message(app, false, _("what was not saved is kept in the drafts journal."));
	}
	show_pane(app, pane);
}

/* The one place where what views ask for happens. */
static void apply(struct app *app, struct view *view, struct intent *intent)
{
	if (intent->flags & INTENT_QUERY && view != current(app)) {
		/* A view under another (or on another pane) answering a result: its next query waits until it
		 * is shown, or it would displace, in the session's one waiting place, the query of the view on
		 * screen. */
		db_request_done(&view->deferred);
		view->deferred = intent->query;
		view->deferred_purpose = intent->purpose;
		memset(&intent->query, 0, sizeof(intent->query));
	} else if (intent->flags & INTENT_QUERY) {
		view->waiting_tag = ++app->next_tag;
		view->waiting_purpose = intent->purpose;
		db_session_send(app->db, &intent->query, view->waiting_tag);
	}
	db_request_done(&intent->query);
	if (intent->flags & INTENT_MESSAGE)
		set_message(app, intent->message_is_error, "%s", intent->message);
	if (intent->flags & INTENT_CANCEL && db_session_cancel(app->db))
		set_message(app, false, "%s", _("cancelling the query…"));
	if (intent->flags & INTENT_REDRAW)
		app->redraw = true;
	if (intent->flags & INTENT_OPEN && intent->open) {
		if (intent->open->ops->adopt)
			intent->open->ops->adopt(intent->open, &app->kept);
		struct journal drafts = { 0 };
		journal_gather(app, &drafts);
		view_finalise_drafts(intent->open, &drafts);
		journal_done(&drafts);
		intent->open->parent = current(app);
		app->panes[app->pane] = intent->open;
		app->redraw = true;
		open_view(app, intent->open);
	}
	if (intent->flags & INTENT_EXPORT)
		start_export(app, intent);
	if (intent->flags & INTENT_BACK)
		close_view(app, view, intent->flags & INTENT_RELOAD, intent, intent->flags & INTENT_KEEP);
	if (intent->flags & INTENT_RESTORE)
		restore(app);
	if (intent->flags & INTENT_DISCARD) {
		journal_done(&app->offered);
		journal_save(app);
		set_message(app, false, "%s", _("the unsaved work of the last session was thrown away"));
	}
	if (intent->flags & INTENT_QUIT)
		app->quit = true;
}

/* ---- drawing ---- */

/* The title bar: the panes' tabs, then where the view is (its title, for a child list or a detail). When the
 * tabs named in full leave too little room for that, the other panes' tabs shrink to their numbers: where
 * one is matters more than the names of the panes one is not in. */
static void draw_title(struct app *app)
{
	attr_t title = theme_attr(CONFIG_COLOR_TITLE);
	wattrset(stdscr, title);
	mvhline(0, 0, ' ', COLS);
	int x = 0;
	text_draw(stdscr, 0, x, " iedesk ", 8, false);
	x += 9;
	struct view *view = current(app);
	char crumb[200] = "";
	if (view && view->parent)
		snprintf(crumb, sizeof(crumb), "%s ", view->title);
	int full = x;
	char tab[40];
	for (int p = 0; p < VIEW_PANE_COUNT; p++) {
		snprintf(tab, sizeof(tab), " %d %s ", p + 1, _(panes[p]->title));
		full += text_width(tab);
	}
	bool compact = crumb[0] && full + text_width(crumb) + 2 > COLS;
	for (int p = 0; p < VIEW_PANE_COUNT && x < COLS; p++) {
		if (compact && p != app->pane)
			snprintf(tab, sizeof(tab), " %d ", p + 1);
		else
			snprintf(tab, sizeof(tab), " %d %s ", p + 1, _(panes[p]->title));
		int w = text_width(tab);
		if (x + w > COLS)
			break;
		wattrset(stdscr, p == app->pane ? (title ^ A_REVERSE) | A_BOLD : title);
		text_draw(stdscr, 0, x, tab, w, false);
		x += w;
	}
	wattrset(stdscr, title);
	if (crumb[0] && x + 4 < COLS) {
		int w = text_width(crumb);
		int room = COLS - x - 2;
		text_draw_cut(stdscr, 0, COLS - (w < room ? w : room), crumb, w < room ? w : room, true);
	}
	wattrset(stdscr, A_NORMAL);
}

static void draw_status(struct app *app)
{
	int y = LINES - 2;
	wattrset(stdscr, theme_attr(CONFIG_COLOR_STATUS));
	wmove(stdscr, y, 0);
	wclrtoeol(stdscr);
	char right[200] = "";
	long busy = db_session_busy_ms(app->db);
	static const char spin[] = "|/-\\";
	const struct db_whoami *who = db_session_whoami(app->db);
	bool who_only = false;   /* the right side only says who is at work: a message may cover it */
	if (app->connection[0]) {
		snprintf(right, sizeof(right), "%s", app->connection);
	} else if (app->export.fd >= 0) {
		snprintf(right, sizeof(right), ngettext("%c exporting: %ld row", "%c exporting: %ld rows", (unsigned long)app->export.rows),
			spin[app->spinner % 4], app->export.rows);
	} else if (busy >= SPINNER_AFTER_MS) {
		snprintf(right, sizeof(right), _("%c working… (Esc cancels)"), spin[app->spinner % 4]);
	} else if (who && who->owner) {
		/* the schema's owner or a superuser: row-level security does not apply, and nothing says so
		 * anywhere else (see iedesk(1), SECURITY) */
		snprintf(right, sizeof(right), _("%s · owner: no row security"), who->login);
		who_only = true;
	} else if (who && who->has_role) {
		/* who is at work, as what: a manager sees at once which district (or region) they may change */
		const char *scope = who->district_code ? who->district_code : who->region_name;
		snprintf(right, sizeof(right), "%s · %s%s%s", who->login, text_word(db_role_name(who->role)),
			scope ? " " : "", scope ? scope : "");
		who_only = true;
	}
	int rw = text_width(right);
	if (rw > COLS / 2)
		rw = COLS / 2;
	char left[400] = "";
	bool error = false;
	struct view *view = current(app);
	bool editing = view && view_captures_keys(view);
	if (app->message[0] && !editing) {
		snprintf(left, sizeof(left), "%s", app->message);
		error = app->message_error;
	} else if (view && view->ops->describe) {
		view->ops->describe(view, left, sizeof(left));
	}
	/* what the program says comes before who is at work, which shows whole or not at all */
	if (who_only && rw > COLS - text_width(left) - 1)
		rw = 0;
	wattrset(stdscr, error ? theme_attr(CONFIG_COLOR_ERROR) : theme_attr(CONFIG_COLOR_STATUS));
	text_draw_cut(stdscr, y, 0, left, COLS - rw - 1, false);
	if (rw) {
		wattrset(stdscr, theme_attr(app->connection[0] ? CONFIG_COLOR_ERROR : CONFIG_COLOR_MARK));
		text_draw_cut(stdscr, y, COLS - rw, right, rw, true);
	}
	wattrset(stdscr, A_NORMAL);
}

/* htop's function bar: the key in the hint colour, what it does beside it. */
static void draw_hints(struct view *view)
{
	/* Most wanted first: a narrow screen shows what fits from the left. */
	static const struct view_hint usual[] = {
		{ CONFIG_ACTION_HELP, N_("Help") }, { CONFIG_ACTION_ENTER, NC_("hint", "Open") }, { CONFIG_ACTION_FILTER, N_("Filter") },
		{ CONFIG_ACTION_NEW, N_("New") }, { CONFIG_ACTION_EDIT, N_("Edit") }, { CONFIG_ACTION_EXPORT, N_("Export") },
		{ CONFIG_ACTION_BACK, N_("Back") }, { CONFIG_ACTION_QUIT, N_("Quit") }, { CONFIG_ACTION_NEXT_VIEW, N_("Pane") },
		{ CONFIG_ACTION_REFRESH, N_("Refresh") }, { CONFIG_ACTION_NONE, NULL },
	};
	const struct view_hint *hints = view && view->ops->hints ? view->ops->hints(view) : NULL;
	if (!hints)
		hints = usual;
	int y = LINES - 1, x = 0;
	wmove(stdscr, y, 0);
	wclrtoeol(stdscr);
	for (size_t i = 0; hints[i].action != CONFIG_ACTION_NONE; i++) {
		char key[32];
		keymap_first(hints[i].action, key, sizeof(key));
		if (!key[0])
			continue;
		const char *label = view_text(hints[i].label);
		int kw = text_width(key), lw = text_width(label);
		if (x + kw + lw + 2 > COLS)
			break;
		wattrset(stdscr, theme_attr(CONFIG_COLOR_KEY_HINT));
		text_draw(stdscr, y, x, key, kw, false);
		wattrset(stdscr, A_NORMAL);
		text_draw(stdscr, y, x + kw, " ", 1, false);
		text_draw(stdscr, y, x + kw + 1, label, lw, false);
		x += kw + lw + 3;
	}
	wattrset(stdscr, A_NORMAL);
}

/* Before the first connection there is nothing to show but why: the whole sentence, wrapped at
 * spaces over the panes' rows, since the status line would cut it. */
static void draw_connect_error(struct app *app)
{
	wattrset(stdscr, theme_attr(CONFIG_COLOR_ERROR));
	const char *rest = app->connect_error;
	for (int y = 2; *rest && y < LINES - 2; y++) {
		size_t fit = text_fit(rest, COLS);
		if (rest[fit]) {
			size_t space = fit;
			while (space > 0 && rest[space] != ' ')
				space--;
			if (space > 0)
				fit = space;
		}
		char line[1024];
		snprintf(line, sizeof(line), "%.*s", (int)fit, rest);
		text_draw(stdscr, y, 0, line, COLS, false);
		rest += fit;
		while (*rest == ' ')
			rest++;
	}
	wattrset(stdscr, A_NORMAL);
}

static void draw(struct app *app)
{
	app->redraw = false;
	if (COLS < MIN_COLS || LINES < MIN_ROWS) {
		erase();
		char message[80];
		snprintf(message, sizeof(message), _("terminal too small (need %dx%d)"), MIN_COLS, MIN_ROWS);
		mvaddnstr(0, 0, message, COLS);
		return;
	}
	draw_title(app);
	struct view *view = current(app);
	if (view)
		view->ops->draw(view, stdscr, 1, LINES - 3, COLS);
	if (!app->ever_connected && app->connect_error[0])
		draw_connect_error(app);
	draw_status(app);
	draw_hints(view);
	int y, x;
	if (view && view->ops->cursor && view->ops->cursor(view, &y, &x)) {
		curs_set(1);
		move(y, x);
	} else {
		curs_set(0);
	}
}

/* ---- events ---- */

static int poll_timeout(struct app *app)
{
	int timeout = -1;
	int db = db_session_timeout_ms(app->db);
	if (db >= 0)
		timeout = db;
	if (db_session_busy_ms(app->db) >= 0 || app->connection[0] || app->export.fd >= 0)
		timeout = timeout < 0 || timeout > 100 ? 100 : timeout;
	if (current(app) && current(app)->ops->tick)
		timeout = timeout < 0 || timeout > TICK_MS ? TICK_MS : timeout;
	if (app->journal_due) {
		long long left = app->journal_due - view_now_ms();
		int j = left < 0 ? 0 : (int)left;
		timeout = timeout < 0 || timeout > j ? j : timeout;
	}
	if (app->message[0]) {
		long long left = app->message_until - view_now_ms();
		int m = left < 0 ? 0 : (int)left;
		timeout = timeout < 0 || timeout > m ? m : timeout;
	}
	if (app->changes_due) {
		long long left = app->changes_due - view_now_ms();
		int c = left < 0 ? 0 : (int)left;
		timeout = timeout < 0 || timeout > c ? c : timeout;
	}
	return timeout;
}

/* Wait for the next thing that happened: a signal, database news, a key, or the timer. */
/* One key: a curses key code (KEY_CODE_YES) or a character (OK), else ERR when no whole one is there.
 * Characters are decoded from the bytes here rather than by wget_wch, which throws away the rest of a burst
 * of input after an invalid byte (a paste in another encoding would lose what follows it): an invalid or
 * cut-off sequence is dropped alone and the next byte read afresh. */
static int read_key(struct app *app, wint_t *out)
{
	for (;;) {
		int c = wgetch(stdscr);
		if (c == ERR)
			return ERR;   /* a sequence cut here goes on with the next bytes to arrive */
		if (c >= KEY_MIN) {
			app->utf8_need = 0;
			*out = (wint_t)c;
			return KEY_CODE_YES;
		}
		if (app->utf8_need > 0 && (c & 0xC0) == 0x80) {
			app->utf8_code = app->utf8_code << 6 | (unsigned)(c & 0x3F);
			if (--app->utf8_need > 0)
				continue;
			/* overlong forms, surrogates and code points past Unicode are not characters */
			unsigned code = app->utf8_code;
			if (code < app->utf8_min || (code >= 0xD800 && code <= 0xDFFF) || code > 0x10FFFF)
				continue;
			*out = (wint_t)code;
			return OK;
		}
		app->utf8_need = 0;   /* a sequence cut short is dropped; this byte starts afresh */
		if (c < 0x80) {
			*out = (wint_t)c;
			return OK;
		}
		if (c >= 0xC2 && c <= 0xDF) {
			app->utf8_code = (unsigned)(c & 0x1F);
			app->utf8_min = 0x80;
			app->utf8_need = 1;
		} else if (c >= 0xE0 && c <= 0xEF) {
			app->utf8_code = (unsigned)(c & 0x0F);
			app->utf8_min = 0x800;
			app->utf8_need = 2;
		} else if (c >= 0xF0 && c <= 0xF4) {
			app->utf8_code = (unsigned)(c & 0x07);
			app->utf8_min = 0x10000;
			app->utf8_need = 3;
		}
		/* any other byte cannot start a character: dropped */
	}
}

static void next_event(struct app *app, struct event *ev)
{
	memset(ev, 0, sizeof(*ev));
	for (;;) {
		if (signal_caught) {
			ev->kind = EVENT_SIGNAL;
			ev->signal = signal_caught;
			signal_caught = 0;
			return;
		}
		if (db_session_step(app->db, &ev->db)) {
			ev->kind = EVENT_DB;
			return;
		}
		wint_t ch;
		int got = read_key(app, &ch);
		if (got == KEY_CODE_YES && ch == KEY_RESIZE) {
			ev->kind = EVENT_RESIZE;
			return;
		}
		if (got == KEY_CODE_YES && ch == KEY_MOUSE) {
			if (getmouse(&ev->mouse) == OK) {
				ev->kind = EVENT_MOUSE;
				return;
			}
			continue;
		}
		if (got != ERR) {
			ev->key = keymap_code((int)ch, got == KEY_CODE_YES);
			if (!ev->key)
				continue;
			ev->kind = EVENT_KEY;
			return;
		}
		struct pollfd fds[3] = { { .fd = STDIN_FILENO, .events = POLLIN } };
		int nfds = 1;
		int sock = db_session_socket(app->db);
		if (sock >= 0) {
			fds[nfds].fd = sock;
			fds[nfds++].events = db_session_poll_events(app->db);
		}
		int export_slot = -1;
		if (app->export.fd >= 0) {
			export_slot = nfds;
			fds[nfds].fd = app->export.fd;
			fds[nfds++].events = POLLIN;
		}
		int timeout = poll_timeout(app);
		int n = poll(fds, (nfds_t)nfds, timeout);
		if (n == 0) {
			ev->kind = EVENT_TICK;
			return;
		}
		if (n < 0 && errno != EINTR) {
			ev->kind = EVENT_SIGNAL;
			ev->signal = SIGHUP;
			return;
		}
		if (export_slot >= 0 && fds[export_slot].revents) {
			ev->kind = EVENT_EXPORT;
			return;
		}
		if (fds[0].revents & (POLLHUP | POLLERR | POLLNVAL)) {
			/* The terminal is gone (a dropped SSH session): leave as on SIGHUP. */
			ev->kind = EVENT_SIGNAL;
			ev->signal = SIGHUP;
			return;
		}
	}
}

static void refresh_after_reconnect(struct app *app)
{
	for (int p = 0; p < VIEW_PANE_COUNT; p++)
		app->stale[p] = app->panes[p] != NULL;
	show_pane(app, app->pane);
}

/* A changed row joins the burst (once); past CHANGES_NAMED rows only its table is kept. */
static void collect_change(struct app *app, const struct db_event *ev)
{
	const char *id = app->nchanges >= CHANGES_NAMED ? "" : ev->id;
	for (size_t i = 0; i < app->nchanges; i++) {
		if (strcmp(app->changes[i].table, ev->table) == 0 &&
				(strcmp(app->changes[i].id, id) == 0 || !app->changes[i].id[0])) {
			app->changes[i].at_ms = view_now_ms();   /* what a form loaded before this has not seen it */
			app->changes[i].own = app->changes[i].own && ev->own;
			return;
		}
	}
	if (app->nchanges == sizeof(app->changes) / sizeof(app->changes[0]))
		return;   /* more tables than there are: cannot happen */
	struct view_change *c = &app->changes[app->nchanges++];
	snprintf(c->table, sizeof(c->table), "%s", ev->table);
	snprintf(c->id, sizeof(c->id), "%s", id);
	c->at_ms = view_now_ms();
	c->own = ev->own;
	if (!app->changes_due)
		app->changes_due = c->at_ms + CHANGES_MS;
}

/* The burst goes to every view: the one on screen refreshes in place, the others reload when they show
 * again. Nothing is asked while the view on screen takes the keys (a prompt): it refreshes after. */
static void deliver_changes(struct app *app)
{
	app->changes_due = 0;
	struct view *shown = current(app);
	struct intent shown_intent = { 0 };
	for (int p = 0; p < VIEW_PANE_COUNT; p++) {
		for (struct view *v = app->panes[p]; v; v = v->parent) {
			if (!v->ops->changed)
				continue;
			if (v == shown) {
				v->ops->changed(v, app->changes, app->nchanges, true, &shown_intent);
				continue;
			}
			struct intent ignored = { 0 };
			if (v->ops->changed(v, app->changes, app->nchanges, false, &ignored) && v->ops->reload)
				v->stale = true;
			db_request_done(&ignored.query);
		}
	}
	app->nchanges = 0;
	app->redraw = true;
	if (shown)
		apply(app, shown, &shown_intent);
}

/* A pane's root answered for the first time: where the pane starts for this login (a district's account in
 * its district), who is at work being known by then (the session asks before anything waiting). Once, and
 * only while the root is on screen, so nothing opens over what the user went to meanwhile. */
static void start_where_login_works(struct app *app, struct view *view)
{
	int p = 0;
	while (p < VIEW_PANE_COUNT && app->panes[p] != view)
		p++;
	if (p == VIEW_PANE_COUNT || view->parent || !app->starting[p])
		return;
	app->starting[p] = false;
	const struct db_whoami *who = db_session_whoami(app->db);
	if (!who || current(app) != view)
		return;
	struct intent intent = { 0 };
	panes[p]->start(view, who, &intent);
	apply(app, view, &intent);
}

static void on_db_event(struct app *app, struct db_event *ev)
{
	switch (ev->kind) {
	case DB_EVENT_CONNECTED:
		app->connection[0] = '\0';
		if (app->ever_connected) {
			set_message(app, false, "%s", _("connection lost — reconnected"));
			refresh_after_reconnect(app);
		}
		app->ever_connected = true;
		app->redraw = true;
		break;
	case DB_EVENT_CONNECT_FAILED: {
		int wait = (db_session_timeout_ms(app->db) + 999) / 1000;
		snprintf(app->connection, sizeof(app->connection), app->ever_connected
			? _("connection lost — retrying in %ds") : _("cannot connect — retrying in %ds"), wait);
		if (app->ever_connected)
			set_message(app, true, "%s", ev->error.message);
		else
			snprintf(app->connect_error, sizeof(app->connect_error), "%s", ev->error.message);
		app->redraw = true;
		break;
	}
	case DB_EVENT_LOST:
		snprintf(app->connection, sizeof(app->connection), "%s", _("connection lost — reconnecting…"));
		app->redraw = true;
		break;
	case DB_EVENT_RESULT:
	case DB_EVENT_FAILED:
	case DB_EVENT_CANCELLED: {
		struct view *view = find_waiting(app, ev->tag);
		if (ev->kind == DB_EVENT_CANCELLED)
			set_message(app, false, "%s", _("query cancelled"));
		if (view && view->ops->result) {
			view->waiting_tag = 0;
			/* a save may have made unsaved work saved: the journal follows */
			if (app->journal_live && view->ops->draft && !app->journal_due)
				app->journal_due = view_now_ms() + JOURNAL_MS;
			struct intent intent = { 0 };
			view->ops->result(view, view->waiting_purpose, ev->kind == DB_EVENT_RESULT ? ev->result : NULL, &ev->error,
				&intent);
			apply(app, view, &intent);
			start_where_login_works(app, view);
		}
		if (ev->kind == DB_EVENT_FAILED)
			set_message(app, true, "%s", ev->error.message);
		PQclear(ev->result);
		break;
	}
	case DB_EVENT_DROPPED: {
		/* never sent: the view is told; one that can reload asks again when it shows */
		struct view *view = find_waiting(app, ev->tag);
		if (view && view->ops->result) {
			view->waiting_tag = 0;
			view->stale = view->ops->reload && !view->ops->draft;
			db_error_set(&ev->error, "%s", _("not sent: a newer query took its place"));
			struct intent intent = { 0 };
			view->ops->result(view, view->waiting_purpose, NULL, &ev->error, &intent);
			apply(app, view, &intent);
		}
		break;
	}
	case DB_EVENT_CHANGED:
		collect_change(app, ev);
		break;
	case DB_EVENT_DAY:
		/* midnight, as the database counts it: overdue days and "this term" move on */
		set_message(app, false, _("it is now %s: the lists are counted to the new day"), view_today(&app->ctx));
		refresh_after_reconnect(app);
		break;
	default:
		break;
	}
}

/* What the app does with a key no view wanted. */
static void on_global_action(struct app *app, enum config_action action)
{
	struct view *view = current(app);
	switch (action) {
	case CONFIG_ACTION_QUIT:
		if (view->parent)
			close_view(app, view, false, NULL, false);
		else
			app->quit = true;
		break;
	case CONFIG_ACTION_BACK:
	case CONFIG_ACTION_MOVE_LEFT:
		if (view->parent)
			close_view(app, view, false, NULL, false);
		break;
	case CONFIG_ACTION_HELP: {
		struct intent intent = { .flags = INTENT_OPEN, .open = view_help_new(&app->ctx, view) };
		apply(app, view, &intent);
		break;
	}
	case CONFIG_ACTION_NEXT_VIEW: show_pane(app, (app->pane + 1) % VIEW_PANE_COUNT); break;
	case CONFIG_ACTION_PREV_VIEW: show_pane(app, (app->pane + VIEW_PANE_COUNT - 1) % VIEW_PANE_COUNT); break;
	case CONFIG_ACTION_CANCEL:
		if (db_session_cancel(app->db))
			set_message(app, false, "%s", _("cancelling the query…"));
		break;
	default:
		for (int p = 0; p < VIEW_PANE_COUNT; p++)
			if (panes[p]->show == action)
				show_pane_root(app, p);
		break;
	}
}

static void on_input(struct app *app, const struct view_input *in)
{
	struct view *view = current(app);
	if (app->message[0] && !app->message_error) {
		app->message[0] = '\0';
		app->redraw = true;
	}
	if (COLS < MIN_COLS || LINES < MIN_ROWS) {
		if (in->action == CONFIG_ACTION_QUIT)
			app->quit = true;
		return;
	}
	bool editing = view_captures_keys(view);
	/* A slow query is cancelled by Esc (Ctrl-C always): the screen is never stuck behind it. */
	if (!editing && ((in->action == CONFIG_ACTION_BACK && db_session_busy_ms(app->db) >= SPINNER_AFTER_MS) ||
			in->action == CONFIG_ACTION_CANCEL)) {
		if (db_session_cancel(app->db))
			set_message(app, false, "%s", _("cancelling the query…"));
		return;
	}
	struct intent intent = { 0 };
	view->ops->input(view, in, &intent);
	if (editing && !app->journal_due)
		app->journal_due = view_now_ms() + JOURNAL_MS;
	bool unhandled = intent.flags & INTENT_UNHANDLED;
	apply(app, view, &intent);
	if (unhandled && !editing)
		on_global_action(app, in->action);
}

static void on_mouse(struct app *app, const MEVENT *m)
{
	struct view_input in = { .action = CONFIG_ACTION_NONE, .mouse_row = -1 };
	if (m->bstate & BUTTON4_PRESSED)
		in.action = CONFIG_ACTION_MOVE_UP;
	else if (m->bstate & BUTTON5_PRESSED)
		in.action = CONFIG_ACTION_MOVE_DOWN;
	else if (m->bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED) && m->y >= 2 && m->y < LINES - 2)
		in.mouse_row = m->y - 2;
	else
		return;
	on_input(app, &in);
}

static char program_path[4096];

static void start_export(struct app *app, const struct intent *intent)
{
	struct export_job *job = &app->export;
	if (job->fd >= 0) {
		set_message(app, true, "%s", _("an export is already running; wait for it to finish"));
		return;
	}
	int fds[2];
	if (!program_path[0] || pipe(fds) != 0) {
		set_message(app, true, _("cannot start the export: %s"), strerror(errno));
		return;
	}
	const char *argv[16];
	int n = 0;
	argv[n++] = program_path;
	if (app->cfg->path) {
		argv[n++] = "--config";
		argv[n++] = app->cfg->path;
	}
	argv[n++] = "export";
	argv[n++] = intent->export.kind;
	argv[n++] = "--progress";
	argv[n++] = "-o";
	argv[n++] = intent->export.file;
	if (intent->export.filter[0]) {
		argv[n++] = "--filter";
		argv[n++] = intent->export.filter;
	}
	if (intent->export.district[0]) {
		argv[n++] = "--district";
		argv[n++] = intent->export.district;
	}
	argv[n] = NULL;
	pid_t pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		set_message(app, true, _("cannot start the export: %s"), strerror(errno));
		return;
	}
	if (pid == 0) {
		int null = open("/dev/null", O_RDWR);
		dup2(null, STDIN_FILENO);
		dup2(null, STDOUT_FILENO);
		dup2(fds[1], STDERR_FILENO);
		close(fds[0]);
		execv(program_path, (char *const *)argv);
		_exit(127);
	}
	close(fds[1]);
	fcntl(fds[0], F_SETFL, fcntl(fds[0], F_GETFL) | O_NONBLOCK);
	job->pid = pid;
	job->fd = fds[0];
	job->rows = 0;
	job->len = 0;
	job->last_error[0] = '\0';
	snprintf(job->file, sizeof(job->file), "%s", intent->export.file);
	app->redraw = true;
}

/* Progress lines ("exported N rows") move the counter; anything else is the error, if it fails. */
static void on_export_line(struct export_job *job, const char *line)
{
	long rows;
	if (sscanf(line, "exported %ld rows", &rows) == 1)
		job->rows = rows;
	else if (*line)
		snprintf(job->last_error, sizeof(job->last_error), "%.500s",
			strncmp(line, "iedesk: ", 8) == 0 ? line + 8 : line);
}

static void on_export_output(struct app *app)
{
	struct export_job *job = &app->export;
	ssize_t got;
	while ((got = read(job->fd, job->buf + job->len, sizeof(job->buf) - 1 - job->len)) > 0) {
		job->len += (size_t)got;
		job->buf[job->len] = '\0';
		char *nl;
		while ((nl = strchr(job->buf, '\n'))) {
			*nl = '\0';
			on_export_line(job, job->buf);
			job->len -= (size_t)(nl + 1 - job->buf);
			memmove(job->buf, nl + 1, job->len + 1);
		}
		if (job->len == sizeof(job->buf) - 1)
			job->len = 0;   /* a line longer than the buffer: drop it */
	}
	app->redraw = true;
	if (got < 0 && errno == EAGAIN)
		return;
	close(job->fd);
	job->fd = -1;
	int status = 0;
	waitpid(job->pid, &status, 0);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		set_message(app, false, ngettext("exported %ld row to %s", "exported %ld rows to %s", (unsigned long)job->rows),
			job->rows, job->file);
	else
		set_message(app, true, _("the export failed: %s"), job->last_error[0] ? job->last_error : _("it stopped"));
}

/* What sessions that have ended left unsaved is offered back before anything else; the work of a
 * session still running is its own. */
static void offer_drafts(struct app *app)
{
	if (!app->journal.path)
		return;
	if (!journal_claim_ended(&app->journal, &app->offered))
		set_message(app, true, _("a drafts file in %s cannot be read or moved; it was left as it is"), app->journal.dir);
	if (!journal_count(&app->offered))
		return;
	app->journal_live = true;
	struct intent intent = { .flags = INTENT_OPEN, .open = view_restore_new(&app->ctx, &app->offered) };
	apply(app, current(app), &intent);
}

/* The offer was taken: the forms and captures come back as they were typed. */
static void restore(struct app *app)
{
	struct journal offered = app->offered;
	memset(&app->offered, 0, sizeof(app->offered));
	for (size_t i = 0; i < offered.nforms; i++) {
		struct intent intent = { .flags = INTENT_OPEN, .open = view_form_from_draft(&app->ctx, &offered.forms[i]) };
		apply(app, current(app), &intent);
	}
	for (size_t i = 0; i < offered.ncaptures; i++) {
		struct intent intent = { .flags = INTENT_OPEN,
			.open = view_capture_from_draft(&app->ctx, &offered.captures[i]) };
		apply(app, current(app), &intent);
	}
	size_t n = journal_count(&offered);
	set_message(app, false, ngettext("restored %zu unsaved piece of work from the last session",
		"restored %zu unsaved pieces of work from the last session", n), n);
	journal_done(&offered);
	journal_save(app);
}

/* A view that saves as it goes is called about once a second while it is shown. */
static void tick(struct app *app)
{
	struct view *view = current(app);
	if (!view || !view->ops->tick) {
		app->next_tick = 0;
		return;
	}
	long long now = view_now_ms();
	if (app->next_tick && now < app->next_tick)
		return;
	app->next_tick = now + TICK_MS;
	struct intent intent = { 0 };
	view->ops->tick(view, &intent);
	apply(app, view, &intent);
}

static void run(struct app *app)
{
	show_pane(app, app->pane);
	offer_drafts(app);
	while (!app->quit) {
		tick(app);
		if (app->journal_due && view_now_ms() >= app->journal_due)
			journal_save(app);
		if (app->changes_due && view_now_ms() >= app->changes_due)
			deliver_changes(app);
		if (app->message[0] && view_now_ms() >= app->message_until) {
			app->message[0] = '\0';
			app->redraw = true;
		}
		if (app->redraw)
			draw(app);
		refresh();
		struct event ev;
		next_event(app, &ev);
		switch (ev.kind) {
		case EVENT_KEY: {
			struct view_input in = { .action = keymap_action(ev.key), .key = ev.key, .mouse_row = -1 };
			on_input(app, &in);
			break;
		}
		case EVENT_MOUSE: on_mouse(app, &ev.mouse); break;
		case EVENT_RESIZE: app->redraw = true; break;
		case EVENT_DB: on_db_event(app, &ev.db); break;
		case EVENT_EXPORT: on_export_output(app); break;
		case EVENT_TICK:
			if (db_session_busy_ms(app->db) >= SPINNER_AFTER_MS || app->export.fd >= 0) {
				app->spinner++;
				app->redraw = true;
			}
			if (app->connection[0]) {
				int wait = (db_session_timeout_ms(app->db) + 999) / 1000;
				if (wait > 0)
					snprintf(app->connection, sizeof(app->connection), app->ever_connected
						? _("connection lost — retrying in %ds") : _("cannot connect — retrying in %ds"), wait);
				app->redraw = true;
			}
			break;
		case EVENT_SIGNAL:
			app->quit = true;
			app->quit_signal = ev.signal;
			break;
		default: break;
		}
	}
}

static int start_pane(const struct config *cfg)
{
	for (int p = 0; p < VIEW_PANE_COUNT; p++)
		if (cfg->default_view && strcmp(cfg->default_view, panes[p]->name) == 0)
			return p;
	return 0;
}

int tui_run(const struct config *cfg, const struct db_target *target)
{
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "%s", _("iedesk: the interactive program needs a terminal; see 'iedesk --help' for commands\n"));
		return IEDESK_EXIT_USAGE;
	}
	have_termios = tcgetattr(STDIN_FILENO, &saved_termios) == 0;
	install_signals();
	if (!initscr()) {
		char *term = text_clean(getenv("TERM"), TEXT_KEEP_NONE);   /* from outside: shown, not obeyed */
		fprintf(stderr, _("iedesk: cannot set up the terminal (TERM=%s)\n"), term);
		free(term);
		return IEDESK_EXIT_FAILED;
	}
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	theme_init(cfg);
	keymap_init(cfg);
	if (cfg->mouse)
		mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);

	struct app app = { .cfg = cfg, .ctx = { .cfg = cfg, .panes = panes }, .redraw = true, .export = { .fd = -1 } };
	ssize_t len = readlink("/proc/self/exe", program_path, sizeof(program_path) - 1);
	program_path[len > 0 ? len : 0] = '\0';
	app.db = db_session_new(target);
	app.ctx.session = app.db;
	journal_open(target, &app.journal);
	app.pane = start_pane(cfg);
	snprintf(app.connection, sizeof(app.connection), "%s", _("connecting…"));
	run(&app);

	journal_save(&app);
	journal_close(&app.journal);
	journal_done(&app.offered);
	journal_done(&app.kept);
	for (int p = 0; p < VIEW_PANE_COUNT; p++) {
		while (app.panes[p]) {
			struct view *parent = app.panes[p]->parent;
			view_free(app.panes[p]);
			app.panes[p] = parent;
		}
	}
	if (app.export.fd >= 0) {
		kill(app.export.pid, SIGTERM);
		close(app.export.fd);
		waitpid(app.export.pid, NULL, 0);
	}
	db_session_free(app.db);
	endwin();
	/* Quitting before the database was ever reached is the failure to connect the README promises. */
	return app.quit_signal ? 128 + app.quit_signal : app.ever_connected ? IEDESK_EXIT_OK : IEDESK_EXIT_CONNECT;
}
