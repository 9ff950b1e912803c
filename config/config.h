/* config: the user's settings, read from YAML with libyaml, validated, with defaults.
 * No curses and no libpq here: the UI and the database layer read the plain struct below. */
#ifndef IEDESK_CONFIG_H
#define IEDESK_CONFIG_H

#include <libintl.h>
#include <stdbool.h>
#include <stddef.h>

/* Messages go through gettext, as in db/db.h: _ to show one, N_ to keep one in a table. */
#ifndef _
#define _(text) gettext(text)
#define N_(text) (text)
#endif

/* The panes, once, in the order of the title bar: enum suffix, name (default-view, and the action
 * view-NAME that shows it), default key, help. The UI's pane list (tui/view.h) is made from it; its
 * callers pass a macro X that takes _ first. */
#define CONFIG_PANE_INFO(X, _) \
	X(_, DISTRICTS, districts, "1", N_("Districts pane")) \
	X(_, MANAGERS,  managers,  "2", N_("Managers pane")) \
	X(_, MEETINGS,  meetings,  "3", N_("Meetings pane")) \
	X(_, BACKLOG,   backlog,   "4", N_("Backlog pane: inspections not closed, most overdue first")) \
	X(_, CASES,     cases,     "5", N_("Cases pane: students' cases for their case workers, counts for everyone else")) \
	X(_, REGIONS,   regions,   "6", N_("Regions pane: provinces and cities with their districts' figures, alliances, partners"))
#define CONFIG_PANE_ACTION(_, id, name, keys, help) _(VIEW_##id, "view-" #name, keys, help)

/* Every action a key can be bound to: enum suffix, name used in the config file,
 * default keys (space separated, in the same syntax a user writes), help text (marked N_: shown through _). */
#define CONFIG_ACTION_INFO(_) \
	_(MOVE_UP,        "move-up",        "Up k",             N_("move up one row")) \
	_(MOVE_DOWN,      "move-down",      "Down j",           N_("move down one row")) \
	_(MOVE_LEFT,      "move-left",      "Left h",           N_("back (like Esc) / previous field")) \
	_(MOVE_RIGHT,     "move-right",     "Right l",          N_("open the selected row (like Enter) / next field")) \
	_(PAGE_UP,        "page-up",        "PageUp Ctrl-B",    N_("previous page")) \
	_(PAGE_DOWN,      "page-down",      "PageDown Ctrl-F Space", N_("next page")) \
	_(FIRST,          "first",          "Home g",           N_("first row")) \
	_(LAST,           "last",           "End G",            N_("last row")) \
	_(ENTER,          "enter",          "Enter",            N_("open the selected row")) \
	_(BACK,           "back",           "Esc",              N_("back / cancel a running query")) \
	_(QUIT,           "quit",           "q",                N_("back, or quit from a pane")) \
	_(NEXT_VIEW,      "next-view",      "Tab",              N_("next pane")) \
	_(PREV_VIEW,      "prev-view",      "BackTab",          N_("previous pane")) \
	CONFIG_PANE_INFO(CONFIG_PANE_ACTION, _) \
	_(FILTER,         "filter",         "/",                N_("filter the list (search as you type)")) \
	_(HELP,           "help",           "? F1",             N_("this help")) \
	_(REFRESH,        "refresh",        "r Ctrl-L",         N_("reload from the database")) \
	_(CANCEL,         "cancel",         "Ctrl-C",           N_("cancel the running query")) \
	_(NEW,            "new",            "n",                N_("add a record here (a district, a school, an appointment)")) \
	_(EDIT,           "edit",           "e",                N_("edit the selected record")) \
	_(ARCHIVE,        "archive",        "D",                N_("archive the selected record / end an appointment")) \
	_(SAVE,           "save",           "F2 Ctrl-S",        N_("save the form")) \
	_(CHOOSE,         "choose",         "F3 Ctrl-O",        N_("recording a meeting: say who a name is that the line leaves open (a person, a school, an organisation or a unit)")) \
	_(EXPORT,         "export",         "x",                N_("export the list, as filtered, to a CSV file")) \
	_(GAPS,           "gaps",           "v",                N_("Managers pane: show the manager gaps")) \
	_(CONSORTIA,      "consortia",      "c",                N_("the consortia of the selected district")) \
	_(MEMBERS,        "members",        "m",                N_("the member schools of the selected consortium; Regions pane, on a partner: its partnerships")) \
	_(RESOURCES,      "resources",      "s",                N_("the shared resources of the selected consortium")) \
	_(TRAININGS,      "trainings",      "t",                N_("Managers pane: trainings and who attended")) \
	_(ATTENDEES,      "attendees",      "a",                N_("Meetings pane: the attendees of the selected meeting")) \
	_(AGENDA,         "agenda",         "o",                N_("Meetings pane: the agenda of the selected meeting")) \
	_(DECISIONS,      "decisions",      "d",                N_("Meetings pane: the decisions of the selected meeting")) \
	_(ACTIONS,        "actions",        "w",                N_("Meetings pane: action items across meetings, by due date")) \
	_(RECORD,         "record",         "R",                N_("Meetings pane: record the selected meeting as it runs, on one screen")) \
	_(FINALISE,       "finalise",       "F",                N_("Meetings pane: mark the minutes final (or end an amendment); Cases pane: finalise a draft IEP")) \
	_(AMEND,          "amend",          "A",                N_("Meetings pane: amend final minutes, saying why (who and when are kept); Cases pane: revise a final IEP into a new draft")) \
	_(INSPECTIONS,    "inspections",    "i",                N_("action items: the inspections that check the selected one")) \
	_(PLAN,           "plan",           "P",                N_("action items: plan a follow-up inspection of the selected one")) \
	_(FINDINGS,       "findings",       "f",                N_("inspections: the findings of the selected one")) \
	_(GROUP,          "group",          "b",                N_("Backlog: group by district, school, inspector, kind, severity, none")) \
	_(UNVERIFIED,     "unverified",     "u",                N_("Backlog: action items past due that no inspection checks")) \
	_(REPORT,         "report",         "S",                N_("Backlog: the summary report per district and school")) \
	_(ORDER,          "order",          "O",                N_("Backlog: groups and the summary report worst first, or by name")) \
	_(VISIT,          "visit",          "V",                N_("inspections: record the visit of the selected one")) \
	_(IEPS,           "ieps",           "p",                N_("Cases pane: the IEPs of the selected case, newest first")) \
	_(IEP_TEAM,       "iep-team",       "M",                N_("Cases pane: the team of the selected IEP; Districts pane: the parent committee of the selected home-school alliance")) \
	_(IEP_GOALS,      "iep-goals",      "y",                N_("Cases pane: the goals of the selected IEP (Enter: a goal's objectives)")) \
	_(ACCOMMODATIONS, "accommodations", "J",                N_("Cases pane: the accommodations of the selected IEP")) \
	_(SERVICES,       "services",       "B",                N_("Cases pane: the services of the selected IEP")) \
	_(CLOSE,          "close",          "C",                N_("inspections: close the selected one; findings: resolve it")) \
	_(IDENTIFY,       "identify",       "I",                N_("Cases pane: the decision (identification) of the selected case")) \
	_(ASSESSMENTS,    "assessments",    "E",                N_("Cases pane: the assessments of the selected case")) \
	_(PLACEMENTS,     "placements",     "L",                N_("Cases pane: the placements of the selected case, the latest first")) \
	_(TRANSFERS,      "transfers",      "T",                N_("Cases pane: the transfers of the selected case to another district")) \
	_(SESSIONS,       "sessions",       "N",                N_("Cases pane: the sessions given to the selected case")) \
	_(PROGRESS,       "progress",       "W",                N_("Cases pane: the progress notes on the selected case's goals")) \
	_(CONTACTS,       "contacts",       "H",                N_("Cases pane: the home-school contacts of the selected case")) \
	_(REVIEWS,        "reviews",        "K",                N_("Cases pane: the reviews held of the selected case")) \
	_(DUE,            "due",            "U",                N_("Cases pane: the reviews and steps due in your district, most overdue first")) \
	_(INCOMING,       "incoming",       "Y",                N_("Cases pane: transfers into your district; on one, accept or decline it")) \
	_(PARTNERS,       "partners",       "Z",                N_("Regions pane: the partners that are not schools (Enter: a partner's partnerships and activities)")) \
	_(ACTIVITIES,     "activities",     "z",                N_("Meetings and Regions panes: this year's activities of alliances and partnerships"))

#define CONFIG_ACTION_ENUM(id, name, keys, help) CONFIG_ACTION_##id,
enum config_action { CONFIG_ACTION_NONE = 0, CONFIG_ACTION_INFO(CONFIG_ACTION_ENUM) CONFIG_ACTION_COUNT };
#undef CONFIG_ACTION_ENUM

/* Colour elements of the screen: enum suffix, name in the config file, default "fg bg [attrs]". */
#define CONFIG_COLOR_INFO(_) \
	_(NORMAL,   "normal",   "default default") \
	_(TITLE,    "title",    "white blue bold") \
	_(HEADER,   "header",   "black cyan") \
	_(SELECTED, "selected", "black yellow") \
	_(STATUS,   "status",   "default default") \
	_(KEY_HINT, "key-hint", "black cyan") \
	_(ERROR,    "error",    "red default bold") \
	_(MARK,     "mark",     "green default bold") \
	_(OVERDUE,  "overdue",  "red default bold") \
	_(DIM,      "dim",      "default default dim")

#define CONFIG_COLOR_ENUM(id, name, spec) CONFIG_COLOR_##id,
enum config_color_element { CONFIG_COLOR_INFO(CONFIG_COLOR_ENUM) CONFIG_COLOR_COUNT };
#undef CONFIG_COLOR_ENUM

/* Colour numbers as curses numbers them; -1 is the terminal's default. */
enum config_color_value {
	CONFIG_COLOR_DEFAULT = -1, CONFIG_COLOR_BLACK, CONFIG_COLOR_RED, CONFIG_COLOR_GREEN,
	CONFIG_COLOR_YELLOW, CONFIG_COLOR_BLUE, CONFIG_COLOR_MAGENTA, CONFIG_COLOR_CYAN, CONFIG_COLOR_WHITE
};

enum config_attr {
	CONFIG_ATTR_BOLD = 1 << 0, CONFIG_ATTR_DIM = 1 << 1, CONFIG_ATTR_REVERSE = 1 << 2,
	CONFIG_ATTR_UNDERLINE = 1 << 3
};

struct config_color {
	int fg, bg;          /* enum config_color_value */
	unsigned attrs;      /* enum config_attr bits */
};

/* Key codes: a printable key is its Unicode code point, Ctrl-A..Ctrl-Z are 1..26, Esc 27,
 * Enter 10, Tab 9; keys with no character get a code above Unicode's range. */
enum config_key {
	CONFIG_KEY_SPECIAL = 0x110000,
	CONFIG_KEY_UP, CONFIG_KEY_DOWN, CONFIG_KEY_LEFT, CONFIG_KEY_RIGHT,
	CONFIG_KEY_PAGE_UP, CONFIG_KEY_PAGE_DOWN, CONFIG_KEY_HOME, CONFIG_KEY_END,
	CONFIG_KEY_INSERT, CONFIG_KEY_DELETE, CONFIG_KEY_BACKSPACE, CONFIG_KEY_BACKTAB,
	CONFIG_KEY_F1, /* F1..F12 follow in order */
	CONFIG_KEY_F12 = CONFIG_KEY_F1 + 11,
};

#define CONFIG_KEYS_PER_ACTION 4

enum config_theme { CONFIG_THEME_DEFAULT, CONFIG_THEME_MONO };

struct config {
	char *path;                 /* the file read, or NULL when only defaults apply */
	char *service;              /* connection.service, or NULL */
	char *conninfo;             /* connection.conninfo, or NULL */
	int wait_timeout;           /* connection.wait-timeout: seconds an export or report waits while the
	                             * database sends nothing; 0: connect_timeout's (conninfo, PGCONNECT_TIMEOUT) */
	enum config_theme theme;
	int page_size;              /* rows fetched per window; 0 means "the screen's height" */
	char *date_format;          /* strftime format, default "%Y-%m-%d" */
	char *default_view;         /* "districts", "managers", "meetings" or "backlog" */
	char *language;             /* ui.language: "en" or "zh_CN" over the environment's; NULL: the environment's */
	bool mouse;
	/* keys[action] holds up to CONFIG_KEYS_PER_ACTION codes, 0-terminated */
	int keys[CONFIG_ACTION_COUNT][CONFIG_KEYS_PER_ACTION + 1];
	struct config_color colors[CONFIG_COLOR_COUNT];
};

struct config_error {
	char file[512];
	int line, column;           /* 1-based; 0 when the error is not about a place in a file */
	char message[512];          /* a sentence: what was found and what was expected */
};

/* Fill cfg with the built-in defaults. */
void config_init(struct config *cfg);
/* Load the configuration: explicit_path if given (it must exist), else
 * $XDG_CONFIG_HOME/iedesk/config.yaml (or ~/.config/...), else /etc/iedesk/config.yaml,
 * else the defaults alone. On failure cfg keeps defaults and err says where and why. */
bool config_load(struct config *cfg, const char *explicit_path, struct config_error *err);
/* Parse one YAML file over the values already in cfg. */
bool config_load_file(struct config *cfg, const char *path, struct config_error *err);
void config_done(struct config *cfg);
/* Whether iedesk speaks language ("en", "zh_CN"), for ui.language and --lang; the ones it speaks, joined. */
bool config_language_known(const char *language);
const char *config_languages(void);
/* "file:line:column: message" (or just the message) into buf. */
void config_error_format(const struct config_error *err, char *buf, size_t size);

/* Key names as written in the config file: "q", "Enter", "Ctrl-C", "PageDown", "F1", "怀"… */
bool config_key_parse(const char *name, int *code);
void config_key_name(int code, char *buf, size_t size);
/* The i-th pane's name as default-view takes it ("districts"); NULL past the last. */
const char *config_view_name(size_t i);
const char *config_action_name(enum config_action action);
const char *config_action_help(enum config_action action);
enum config_action config_action_lookup(const char *name);
const char *config_color_name(enum config_color_element element);
/* A colour spec as written in the config file: "fg bg [bold] [dim] [reverse] [underline]". */
bool config_color_parse(const char *spec, struct config_color *color);

/* ---- memory (memory.c): allocation that aborts on failure, shared by every layer ---- */
void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *ptr, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Free *pp and set it to NULL. */
#define FREE(pp) do { free(*(pp)); *(pp) = NULL; } while (0)

#endif
