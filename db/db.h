/* db: everything iedesk says to PostgreSQL. SQL lives only here, always with $n parameters.
 * No curses here: the UI reads plain structs and human sentences. */
#ifndef IEDESK_DB_H
#define IEDESK_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <libpq-fe.h>
#include <libintl.h>

/* Messages go through gettext: _ where a sentence is shown, N_ where a table keeps one to be shown later
 * through _; ngettext for a count. config/config.h has the same two. */
#ifndef _
#define _(text) gettext(text)
#define N_(text) (text)
#endif
/* A word that reads differently by where it is shown ("Open" the count, "open" the status): C_("column",
 * "Open") is translated apart from other Opens; NC_ marks one for a table, shown with text_in_context. */
#define C_(context, text) text_in_context(context "\004" text)
#define NC_(context, text) (context "\004" text)
/* The translation of a C_/NC_ key, else its text after the context. */
const char *text_in_context(const char *key);
/* The gettext domain of every message of the program, its library and its tests. */
#define TEXT_DOMAIN "iedesk"

struct db_request;

/* A failure as the user should read it: one sentence, plus the SQLSTATE for code that must tell
 * kinds of failure apart (a conflict from a refusal, say). */
struct db_error {
	char message[1024];
	char sqlstate[6];
};

void db_error_set(struct db_error *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Take the message of a failed result (or of the connection when res is NULL) into err,
 * prefixed by what was being done ("applying 0002_x.sql"). */
void db_error_from_result(struct db_error *err, PGconn *conn, const PGresult *res, const char *doing);

/* ---- text (text.c): UTF-8 measured by display width and cut with "…" — one rule for the screen, the
 * summary report and the minutes, whatever $LANG says ---- */

/* What text_next and text_clean leave as they are; every other character a terminal would obey (C0, DEL,
 * C1, line and paragraph separators, bidi overrides and isolates) shows as '?', a newline as ↵. */
enum text_keep { TEXT_KEEP_NONE = 0, TEXT_KEEP_NEWLINE = 1, TEXT_KEEP_TAB = 2 };
/* The code text_decode gives a byte that does not start a UTF-8 character (shown as one '?'). */
#define TEXT_INVALID 0x110000u

/* One character of s (not at its end): its code point (TEXT_INVALID for a bad byte) and its length. */
size_t text_decode(const char *s, uint32_t *code);
/* Whether c moves a terminal's cursor, changes its state or reorders the text around it. */
bool text_is_control(uint32_t c);
/* Display cells of c as shown: 2 for a Chinese character, 0 for a combining mark, 1 for a control. */
int text_char_width(uint32_t c);
/* One character of s as it is shown, with its cells; its length in s (a CRLF is one newline). */
size_t text_next(const char *s, unsigned keep, uint32_t *shown, int *width);
/* Display cells of s as shown on one line. */
int text_width(const char *s);
/* Bytes of the longest start of s that fits in width cells (whole characters only). */
size_t text_fit(const char *s, int width);
/* s as shown, allocated: valid UTF-8 with nothing a terminal obeys but what keep leaves. */
char *text_clean(const char *s, unsigned keep);
/* s as shown on one line, allocated, in at most width cells: cut with "…" when longer. */
char *text_cut(const char *s, int width);
/* The language of messages, from the environment the usual way (LC_ALL, LC_MESSAGES, LANG, as SSH forwards
 * them) or, when language is not NULL, that one ("en", "zh_CN") over it; translations are read from
 * localedir. A locale the machine lacks still gets its messages, in UTF-8. */
void text_language(const char *language, const char *localedir);
/* The word shown, in the chosen language, for a code the database stores or a query derives (a status,
 * a kind, a role, a stage: "in-progress", "itinerant-guidance"); code itself when it is not one. */
const char *text_word(const char *code);
/* The strftime(3) format of the dates the program shows (the config's ui: date-format); NULL or "" is
 * the default, "%Y-%m-%d". Forms keep what is typed (YYYY-MM-DD), exports ISO 8601. */
void text_date_format(const char *format);
/* A date, YYYY-MM-DD, as the format shows it, allocated; anything that is no such date as it is. */
char *text_date(const char *iso);
/* The most display cells a date takes in the format (over a year's days: every month and weekday name). */
int text_date_width(void);

/* ---- connection (connection.c) ---- */

/* Where to connect: a service name or a conninfo string from the config; both NULL means
 * libpq's own defaults (PG* variables, ~/.pg_service.conf via PGSERVICE). */
struct db_target {
	const char *service;
	const char *conninfo;
	const char *options;   /* libpq's options, replacing the conninfo's and PGOPTIONS; NULL leaves them */
};

/* Options that fix the database's day (iedesk.today) at day, YYYY-MM-DD, kept with those the conninfo
 * string gives, else PGOPTIONS (--today; a service file's options give way). Allocated. */
char *db_target_day_options(const struct db_target *target, const char *day);

/* The keywords/values for PQconnect*Params, application_name included; the arrays are
 * NULL-terminated and point into target (and static strings). */
void db_target_params(const struct db_target *target, const char *keywords[8], const char *values[8]);
/* Connect and wait (command-line subcommands only; the UI uses db_async), at most connect_timeout
 * seconds (the conninfo's, PGCONNECT_TIMEOUT, else 30), with TCP keepalives. */
PGconn *db_connect(const struct db_target *target, struct db_error *err);
/* The seconds conn may stay silent while a command waits for it (its connect_timeout; 0: no limit). */
int db_connection_timeout(PGconn *conn);
/* One sentence about a failed connection: where it tried, what the server said, what to check. */
void db_error_from_connection(struct db_error *err, PGconn *conn);

/* ---- asynchronous session (session.c): what the UI talks through; never blocks ---- */

enum db_event_kind {
	DB_EVENT_NONE,
	DB_EVENT_CONNECTED,       /* connected (again): views should refresh what they show */
	DB_EVENT_CONNECT_FAILED,  /* an attempt failed; error says why; another follows after a back-off */
	DB_EVENT_LOST,            /* the connection dropped; a query in flight is sent again once back */
	DB_EVENT_RESULT,          /* result (owned by the receiver: PQclear it) for tag */
	DB_EVENT_FAILED,          /* the query for tag failed; error says why */
	DB_EVENT_CANCELLED,       /* the query for tag was cancelled */
	DB_EVENT_DROPPED,         /* the query for tag waited and another sent after it took its place: not sent */
	DB_EVENT_CHANGED,         /* someone (this session too) changed row id of table: a NOTIFY on iedesk */
	DB_EVENT_DAY,             /* the database's day moved on (midnight): what depends on today is stale */
};

struct db_event {
	enum db_event_kind kind;
	unsigned tag;
	PGresult *result;
	struct db_error error;
	char table[64];           /* DB_EVENT_CHANGED: the table's name ("school"), without the schema */
	char id[32];              /* DB_EVENT_CHANGED: the row's id ("" when the payload had none) */
	bool own;                 /* DB_EVENT_CHANGED: committed by this session itself (its own save) */
};

struct db_session;

struct db_session *db_session_new(const struct db_target *target);
void db_session_free(struct db_session *session);
/* The socket to poll and the events to wait for (-1 when there is no connection). */
int db_session_socket(const struct db_session *session);
short db_session_poll_events(const struct db_session *session);
/* Milliseconds until the session wants db_session_step called without socket activity (the next
 * reconnect attempt), or -1. */
int db_session_timeout_ms(const struct db_session *session);
bool db_session_connected(const struct db_session *session);
/* How long the running query has been in flight, in ms; -1 when none runs. */
long db_session_busy_ms(const struct db_session *session);
/* Send req (taken over: the session frees it) tagged with tag. One query runs at a time: one sent
 * while another runs waits, and replaces any other waiting one (which is dropped silently). */
void db_session_send(struct db_session *session, struct db_request *req, unsigned tag);
/* Cancel the running query (and drop the waiting one); false when nothing was running. */
bool db_session_cancel(struct db_session *session);
/* Do what is due (read the socket, advance a connect, start a waiting query, reconnect); fills ev
 * and returns true when something happened. Call until it returns false. */
bool db_session_step(struct db_session *session, struct db_event *ev);

/* ---- migrations (migrate.c) ---- */

struct db_migration {
	char version[16];        /* "0001" */
	char *file;              /* "0001_schema.sql" */
	char *path;              /* full path of the file, NULL when the file is missing */
	char checksum[65];       /* sha-256 of the file, hex; empty when the file is missing */
	bool applied;
	bool changed;            /* applied, but the file's checksum differs from the recorded one */
	char applied_at[40];     /* when applied, as the server wrote it */
};

struct db_migration_list {
	struct db_migration *items;   /* owned */
	size_t count;
};

typedef void (*db_progress_fn)(void *ctx, const char *what);

/* Apply every pending migration in dir, one transaction per file, under an advisory lock so two
 * runners never collide. Refuses, with nothing applied, when an applied file has changed.
 * *applied gets the number of files applied (0 when up to date). */
bool db_migrate(PGconn *conn, const char *dir, db_progress_fn progress, void *ctx,
		int *applied, struct db_error *err);
/* What is applied and what is pending, files and database together, in version order. */
bool db_migrate_status(PGconn *conn, const char *dir, struct db_migration_list *list,
		struct db_error *err);
void db_migration_list_done(struct db_migration_list *list);

/* ---- demo data (demo.c) ---- */

/* Load the demo SQL file in one transaction; refuses an unmigrated database or one that already
 * holds data. */
bool db_demo_load(PGconn *conn, const char *migrations_dir, const char *demo_file, struct db_error *err);

/* ---- lists (list.c): the panes' rows, fetched a window at a time by keyset ---- */

/* The lists, each registered once here and defined by one spec in its pane's file (db/pane_*.c):
 * its name here is the spec's, db_list_<name>; a list left without a spec does not link. */
#define DB_LIST_INFO(_) \
	_(DISTRICTS, districts) \
	_(SCHOOLS, schools) \
	_(MANAGERS, managers) \
	_(MEETINGS, meetings) \
	_(INSPECTIONS, inspections) \
	_(MANAGER_GAPS, manager_gaps) \
	_(CONSORTIA, consortia) \
	_(CONSORTIUM_MEMBERS, consortium_members) \
	_(SHARED_RESOURCES, shared_resources) \
	_(TRAININGS, trainings) \
	_(TRAINING_ATTENDEES, training_attendees) \
	_(MEETING_ATTENDEES, meeting_attendees) \
	_(AGENDA_ITEMS, agenda_items) \
	_(DECISIONS, decisions) \
	_(ACTION_ITEMS, action_items) \
	_(DECISION_ACTION_ITEMS, decision_action_items) \
	_(ACTION_ITEM_INSPECTIONS, action_item_inspections) \
	_(FINDINGS, findings) \
	_(BACKLOG, backlog) \
	_(BACKLOG_OF_DISTRICT, backlog_of_district) \
	_(BACKLOG_OF_SCHOOL, backlog_of_school) \
	_(BACKLOG_OF_INSPECTOR, backlog_of_inspector) \
	_(BACKLOG_OF_KIND, backlog_of_kind) \
	_(BACKLOG_OF_SEVERITY, backlog_of_severity) \
	_(BACKLOG_BY_DISTRICT, backlog_by_district) \
	_(BACKLOG_BY_SCHOOL, backlog_by_school) \
	_(BACKLOG_BY_INSPECTOR, backlog_by_inspector) \
	_(BACKLOG_BY_KIND, backlog_by_kind) \
	_(BACKLOG_BY_SEVERITY, backlog_by_severity) \
	_(BACKLOG_WORST_BY_DISTRICT, backlog_worst_by_district) \
	_(BACKLOG_WORST_BY_SCHOOL, backlog_worst_by_school) \
	_(BACKLOG_WORST_BY_INSPECTOR, backlog_worst_by_inspector) \
	_(BACKLOG_WORST_BY_KIND, backlog_worst_by_kind) \
	_(BACKLOG_WORST_BY_SEVERITY, backlog_worst_by_severity) \
	_(UNVERIFIED, unverified) \
	_(CASE_COUNTS, case_counts) \
	_(CASES, cases) \
	_(CASE_ASSESSMENTS, case_assessments) \
	_(CASE_PLACEMENTS, case_placements) \
	_(CASE_TRANSFERS, case_transfers) \
	_(TRANSFERS_INCOMING, transfers_incoming) \
	_(CASE_DUE, case_due) \
	_(CASE_SESSIONS, case_sessions) \
	_(CASE_PROGRESS, case_progress) \
	_(CASE_CONTACTS, case_contacts) \
	_(CASE_REVIEWS, case_reviews) \
	_(REPORT_DISTRICTS, report_districts) \
	_(REPORT_SCHOOLS, report_schools) \
	_(REPORT_WORST_DISTRICTS, report_worst_districts) \
	_(REPORT_WORST_SCHOOLS, report_worst_schools) \
	_(CASE_IEPS, case_ieps) \
	_(IEP_MEMBERS, iep_members) \
	_(IEP_GOALS, iep_goals) \
	_(IEP_OBJECTIVES, iep_objectives) \
	_(IEP_ACCOMMODATIONS, iep_accommodations) \
	_(IEP_SERVICES, iep_services) \
	_(REGIONS, regions) \
	_(REGION_DISTRICTS, region_districts) \
	_(ALLIANCES, alliances) \
	_(PARTNERS, partners) \
	_(ACTIVITIES, activities) \
	_(PARTNERSHIPS, partnerships) \
	_(COMMITTEE_MEMBERS, committee_members)

#define DB_LIST_ENUM(id, name) DB_LIST_##id,
enum db_list_kind { DB_LIST_INFO(DB_LIST_ENUM) DB_LIST_COUNT };
#undef DB_LIST_ENUM

enum db_align { DB_ALIGN_LEFT, DB_ALIGN_RIGHT };

/* What a column's cells hold as the query gives them, and so how they are shown: text as it is, a stored
 * or derived code as its word (text_word: "in-progress" shown "in progress"), a date (YYYY-MM-DD) in the
 * date format (text_date). */
enum db_cell { DB_CELL_TEXT, DB_CELL_WORD, DB_CELL_DATE };

struct db_column {
	const char *name;     /* what code reads it by ("code"), never its position */
	const char *title;    /* N_(): shown through _() */
	int width;            /* display cells it wants; 0 = takes what is left (one per list) */
	int min_width;        /* cells it keeps when the screen is narrow */
	enum db_align align;
	enum db_cell cell;
};

/* The details Enter opens, each registered once here and defined by one spec in its pane's file, its query
 * there db_detail_<name>; "<name>:ID" is how a detail's line links to one (db_detail_parse). */
#define DB_DETAIL_INFO(_) \
	_(DISTRICT, district) \
	_(SCHOOL, school) \
	_(MEETING, meeting) \
	_(INSPECTION, inspection) \
	_(CONSORTIUM, consortium) \
	_(CASE, case) \
	_(IEP, iep) \
	_(PARTNER, partner)

#define DB_DETAIL_ENUM(id, name) DB_DETAIL_##id,
enum db_detail_kind { DB_DETAIL_INFO(DB_DETAIL_ENUM) DB_DETAIL_COUNT };
#undef DB_DETAIL_ENUM

/* A detail: its query, and the tables (as 0013_notify.sql names them, space-separated) whose changes may
 * change what it shows, so it reloads. */
struct db_detail_spec {
	const char *sql;
	const char *shows;
};
/* The spec of kind; a kind out of range is a bug (it aborts). */
const struct db_detail_spec *db_detail_spec(enum db_detail_kind kind);

/* What Enter opens from a row: a child list (districts -> schools) or a detail. */
struct db_list_open {
	bool is_list;
	enum db_list_kind list;       /* when is_list */
	enum db_detail_kind detail;   /* otherwise */
	int id_key;                   /* which key of the row is the id to open (usually nkeys-1) */
	const char *code_column;      /* the row's column whose district code the opened list's exports carry */
	bool keeps_code;              /* the opened list's exports carry this list's district code */
};

/* How a list's D removes its row, after asking (ARCHIVE opens the record's form asking instead). */
enum db_removal {
	DB_REMOVE_NONE, DB_REMOVE_ARCHIVE, DB_REMOVE_END_APPOINTMENT, DB_REMOVE_END_MEMBERSHIP,
	DB_REMOVE_DELETE_RESOURCE, DB_REMOVE_DELETE_ATTENDANCE, DB_REMOVE_DELETE_ATTENDEE, DB_REMOVE_DELETE_AGENDA_ITEM,
	DB_REMOVE_DELETE_DECISION, DB_REMOVE_DROP_ACTION_ITEM,
	/* a draft IEP and its parts (a final one's are refused by the database) */
	DB_REMOVE_DELETE_IEP, DB_REMOVE_DELETE_IEP_MEMBER, DB_REMOVE_DELETE_IEP_GOAL, DB_REMOVE_DELETE_IEP_OBJECTIVE,
	DB_REMOVE_DELETE_IEP_ACCOMMODATION, DB_REMOVE_DELETE_IEP_SERVICE,
	DB_REMOVE_END_COMMITTEE_MEMBERSHIP,   /* a parent leaves a home-school alliance's committee today */
};

/* What n, e and D do in a list. */
struct db_list_editing {
	int new_kind;                 /* the record n creates (enum db_record_kind), -1 for none */
	const char *parent_column;    /* its field taken from the list's parent (a school's district) */
	const char *row_column;       /* its field taken from the selected row (an appointment's school) */
	const char *today_column;     /* its date field that starts as today */
	int edit_kind;                /* the record e edits: the selected row's id, -1 for none */
	enum db_removal removal;      /* what D does */
	const char *removal_question; /* asked with the selected row's name after it */
	const char *removal_done, *removal_none;
};

struct db_list_query;             /* how it is queried (db/private.h) */

/* Everything a list is, in one place. */
struct db_list_spec {
	const char *name;             /* "districts" */
	const char *title;            /* "Districts" */
	const char *filter_hint;      /* what the filter matches: "name or code" */
	int ncolumns;
	const struct db_column *columns;
	int nkeys;                    /* key values after the visible columns and the flags; the last is the id */
	const struct db_list_open *open;       /* what Enter opens; NULL: its rows are edited in a form */
	/* For live updates, as 0013_notify.sql names tables: a change to a row of rows_of is a change to the
	 * list's row with that id (it gets the mark); one of any table in shows may change what the list
	 * shows (its counts, names, order), so it refreshes. Space-separated. */
	const char *rows_of, *shows;
	const struct db_list_editing *editing; /* NULL: nothing is added, edited or removed here */
	const char *export;           /* the `iedesk export` kind that writes what it shows, or NULL */
	const char *legend;           /* what a column's one-letter marks mean, for the status line, or NULL */
	const struct db_list_query *query;
};

enum db_window {
	DB_WINDOW_FIRST,    /* from the start */
	DB_WINDOW_LAST,     /* the last rows */
	DB_WINDOW_AFTER,    /* rows after key */
	DB_WINDOW_BEFORE,   /* rows before key */
	DB_WINDOW_FROM,     /* rows from key on, key included (a refresh that keeps its place) */
};

enum db_row_flag {
	DB_ROW_ALERT = 1 << 0,     /* overdue, vacant: drawn in the alert colour */
	DB_ROW_DIM = 1 << 1,       /* closed, archived: drawn dim */
};

/* A row's cells are shown as they are: words and dates of the chosen language and format. What code reads
 * back (a status it compares, a code it passes on) it reads with db_row_cell, which gives the cell as the
 * database stored it. */
struct db_row {
	char **cells;         /* ncolumns strings as shown, UTF-8, never NULL ("" for NULL) */
	char **keys;          /* nkeys strings: the row's keyset position; keys[nkeys-1] is its id */
	unsigned flags;       /* enum db_row_flag */
};

struct db_rows {
	struct db_row *rows;  /* owned, in display order */
	size_t count;
	int ncolumns, nkeys;
};

/* Enough for the widest record: a school's UPDATE is 13 fields, then its id and version. */
#define DB_MAX_PARAMS 16

/* A query ready for PQsendQueryParams: sql is static text, params are owned copies. */
struct db_request {
	const char *sql;
	int nparams;
	char *params[DB_MAX_PARAMS];
};
void db_request_done(struct db_request *req);

/* The spec of kind; a kind out of range is a bug (it aborts). */
const struct db_list_spec *db_list_spec(enum db_list_kind kind);
/* Whether kind's spec is whole (every part of its query there); why not in a sentence. */
bool db_list_check(enum db_list_kind kind, char *why, size_t size);
/* The index of the column named name; a name the list lacks is a bug (it aborts). */
int db_list_column(const struct db_list_spec *spec, const char *name);
/* A row's cell by its column's name, as stored (the code, the date as YYYY-MM-DD), not as shown; its name
 * (the column that takes the width left). */
const char *db_row_cell(const struct db_list_spec *spec, const struct db_row *row, const char *name);
const char *db_row_name(const struct db_list_spec *spec, const struct db_row *row);
/* The statement that removes (ends, drops) the row with id as removal says (not NONE or ARCHIVE). */
void db_removal_request(enum db_removal removal, const char *id, struct db_request *req);
/* Whether the list shows the rows of one parent (a district's schools) and so needs its id. */
bool db_list_needs_parent(enum db_list_kind kind);
/* The query for a window of kind: key is nkeys strings (NULL for FIRST/LAST), filter the user's
 * text ("" for none; matched as a substring, case-insensitively, wildcards taken literally),
 * parent the owning row's id (the district of DB_LIST_SCHOOLS and DB_LIST_CONSORTIA, the consortium
 * of DB_LIST_CONSORTIUM_MEMBERS and DB_LIST_SHARED_RESOURCES, the training of
 * DB_LIST_TRAINING_ATTENDEES, the meeting of DB_LIST_MEETING_ATTENDEES, DB_LIST_AGENDA_ITEMS and
 * DB_LIST_DECISIONS, the decision of DB_LIST_DECISION_ACTION_ITEMS, the action item of
 * DB_LIST_ACTION_ITEM_INSPECTIONS, the inspection of DB_LIST_FINDINGS, the case of DB_LIST_CASE_IEPS, the IEP
 * of DB_LIST_IEP_MEMBERS, DB_LIST_IEP_GOALS, DB_LIST_IEP_ACCOMMODATIONS and DB_LIST_IEP_SERVICES, the goal of
 * DB_LIST_IEP_OBJECTIVES, the partner of DB_LIST_PARTNERSHIPS, the consortium of DB_LIST_COMMITTEE_MEMBERS;
 * NULL otherwise). */
void db_list_request(enum db_list_kind kind, enum db_window where, char *const *key, const char *filter,
		const char *parent, int limit, struct db_request *req);
/* Rows of a result of that request, in display order (BEFORE and LAST come back reversed). */
bool db_rows_parse(enum db_list_kind kind, enum db_window where, const PGresult *res, struct db_rows *rows,
		struct db_error *err);
void db_rows_done(struct db_rows *rows);
/* Whether a list has a summary line (the backlog's counts); the query for it, honouring the filter and the
 * parent as the list does: one row of one text column. */
bool db_list_has_summary(enum db_list_kind kind);
void db_list_summary_request(enum db_list_kind kind, const char *filter, const char *parent,
		struct db_request *req);
bool db_list_summary_parse(const PGresult *res, char *buf, size_t size, struct db_error *err);

/* ---- details (detail.c): one record with its related records, as lines ---- */

const struct db_list_open *db_list_open_target(enum db_list_kind kind);

struct db_detail_line {
	char *section;        /* "Manager history" */
	char *label;          /* "Since" or "" */
	char *value;
	char *link_id;        /* the record the line is about, which Enter opens; NULL for none */
	enum db_detail_kind link_kind;
};
struct db_detail {
	char *title;                    /* the record's name */
	struct db_detail_line *lines;   /* owned, in display order */
	size_t count;
};
/* The detail of the record with id; a kind out of range is a bug (it aborts). */
void db_detail_request(enum db_detail_kind kind, const char *id, struct db_request *req);
bool db_detail_parse(const PGresult *res, struct db_detail *detail, struct db_error *err);
void db_detail_done(struct db_detail *detail);

/* ---- lookups (lookup.c): "pick a school" — rows of another table matching what the user typed ---- */

struct db_choice {
	char *id;
	char *name;
	char *detail;         /* what tells two of the same name apart: a code, a district, a phone */
};
struct db_choices {
	struct db_choice *items;   /* owned */
	size_t count;
};
/* At most limit rows of kind whose name (or code) contains filter, by name; DB_LOOKUP_NONE or a kind out of
 * range is a bug (it aborts). */
void db_lookup_request(int kind /* enum db_lookup_kind */, const char *filter, int limit, struct db_request *req);
bool db_lookup_parse(const PGresult *res, struct db_choices *choices, struct db_error *err);
void db_choices_done(struct db_choices *choices);

/* ---- managers (manager.c) ---- */

/* End the current manager appointment of a school today; a result of no rows means it had none.
 * (Appointing a new manager is saving a new DB_RECORD_APPOINTMENT: it replaces the current one.) */
void db_manager_end_request(const char *school_id, struct db_request *req);

/* ---- consortia (consortium.c) ---- */

/* A member school leaves its consortium today (left_on = iedesk.today()); the result is its id and new
 * version, or no rows when it had already left (or is gone). */
void db_member_end_request(const char *member_id, struct db_request *req);
/* So a parent leaves a home-school alliance's committee today (a committee_member id). */
void db_committee_member_end_request(const char *member_id, struct db_request *req);
/* Delete a shared resource; the result is its id, or no rows when it was already gone. */
void db_shared_resource_delete_request(const char *id, struct db_request *req);
/* Delete one person's attendance of a training (a training_attendance id); the result is its id, or no
 * rows when it was already gone. */
void db_attendance_delete_request(const char *id, struct db_request *req);

/* ---- meetings (meeting.c) ---- */

/* Delete one attendee of a meeting (a meeting_attendee id); the result is its id, or no rows when it was
 * already gone. */
void db_attendee_delete_request(const char *id, struct db_request *req);
/* Delete an agenda item; its decisions stay, no longer under an item. The result is its id, or no rows. */
void db_agenda_item_delete_request(const char *id, struct db_request *req);
/* Delete a decision; the result is its id, or no rows. A decision with action items (dropped ones too)
 * is refused: db_error_explain says so. */
void db_decision_delete_request(const char *id, struct db_request *req);
/* Drop an action item that is open or in progress; the result is its id and new version, or no rows when
 * it was already done or dropped (or is gone). */
void db_action_item_drop_request(const char *id, struct db_request *req);
/* Finalise a meeting's minutes as read at version: a draft becomes final (the server records when and
 * which login); final minutes with an amendment open get it closed, and the meeting's version moves. The
 * result is one row (id, version, status: "final"), or no rows when the meeting changed since version (or
 * is gone): a conflict. Final minutes without an amendment open are refused: db_error_explain says so. */
void db_meeting_finalise_request(const char *meeting_id, const char *version, struct db_request *req);
/* Open an amendment of final minutes, saying why: until they are finalised again they can be edited, as a
 * draft is. The result is one row (id of the amendment, opened_by: the login, opened_at: a timestamptz).
 * A draft, a blank reason and a second open amendment are refused: db_error_explain says so. */
void db_meeting_amend_request(const char *meeting_id, const char *reason, struct db_request *req);

/* ---- cases (pane_cases.c) ---- */

/* Accept (or decline) a transfer of a case into the caller's district (iedesk.case_transfer_decide): accepted,
 * the case moves to the school asked for and is the caller's district's. The result is one row; one decided
 * meanwhile, or not the caller's district's to decide, is refused: db_error_explain says so. */
void db_case_transfer_decide_request(const char *transfer_id, bool accept, struct db_request *req);
/* ---- IEPs (iep.c): a case's individualised education plans, finalised and revised ---- */
/* Delete a draft IEP, or one part of a draft (a team member, goal, objective, accommodation, service);
 * the result is its id, or no rows when it was already gone. A final IEP's are refused: db_error_explain
 * says so ("that IEP is final: revise it to make the next version"). */
void db_iep_delete_request(const char *id, struct db_request *req);
void db_iep_member_delete_request(const char *id, struct db_request *req);
void db_iep_goal_delete_request(const char *id, struct db_request *req);
void db_iep_objective_delete_request(const char *id, struct db_request *req);
void db_iep_accommodation_delete_request(const char *id, struct db_request *req);
void db_iep_service_delete_request(const char *id, struct db_request *req);
/* An IEP as F and A ask about it: its case's code, status, number (NULL for a draft), version, and the
 * number finalising it would give. */
struct db_iep_state {
	char *code, *status, *number, *version, *next_number;
};
void db_iep_state_request(const char *iep_id, struct db_request *req);
/* False with err "that IEP is not there…" when no row came (gone, or not the caller's to read). */
bool db_iep_state_parse(const PGresult *res, struct db_iep_state *state, struct db_error *err);
void db_iep_state_done(struct db_iep_state *state);
/* Finalise a draft IEP as read at version (iedesk.iep_finalise): one row, its number. An incomplete draft
 * (dates, team, goals each with an objective), a final one and a changed version are refused in a sentence
 * (db_error_explain). */
void db_iep_finalise_request(const char *iep_id, const char *version, struct db_request *req);
/* Revise a final IEP into the case's next draft, its parts copied (iedesk.iep_revise): one row, the
 * draft's id. A draft, and a case with a draft already, are refused in a sentence. */
void db_iep_revise_request(const char *iep_id, struct db_request *req);

/* ---- records (record.c): one editable row, its fields described once, saved with a version check ---- */

enum db_field_type {
	DB_FIELD_TEXT,        /* one line */
	DB_FIELD_MULTILINE,   /* several lines (newlines kept) */
	DB_FIELD_DATE,        /* YYYY-MM-DD */
	DB_FIELD_CHOICE,      /* one of choices[] */
	DB_FIELD_BOOL,        /* "t" / "f" */
	DB_FIELD_INT,         /* a whole number in [min, max] */
	DB_FIELD_LOOKUP,      /* the id of a row of another table, picked by name */
};

enum db_lookup_kind {
	DB_LOOKUP_NONE, DB_LOOKUP_DISTRICT, DB_LOOKUP_SCHOOL, DB_LOOKUP_PERSON, DB_LOOKUP_CONSORTIUM, DB_LOOKUP_TRAINING,
	DB_LOOKUP_MEETING, DB_LOOKUP_AGENDA_ITEM, DB_LOOKUP_DECISION,
	DB_LOOKUP_ACTION_ITEM, DB_LOOKUP_INSPECTION, DB_LOOKUP_FINDING,
	DB_LOOKUP_CASE, DB_LOOKUP_GOAL,   /* a case worker's cases by code; their IEP goals by code and goal */
	DB_LOOKUP_IEP, DB_LOOKUP_IEP_GOAL,   /* the drafts of their IEPs; the goals of those drafts */
	DB_LOOKUP_PARTNER,                   /* a partner that is not a school (0031) */
	DB_LOOKUP_COUNT
};

struct db_field {
	const char *column;            /* the table's column */
	const char *label;             /* what the form calls it: "English name" */
	enum db_field_type type;
	bool required;
	int max_length;                /* in characters, for text; 0 = no limit */
	long min, max;                 /* for DB_FIELD_INT */
	const char *const *choices;    /* DB_FIELD_CHOICE: NULL-terminated values as stored */
	enum db_lookup_kind lookup;    /* DB_FIELD_LOOKUP */
	const char *hint;              /* shown beside the field: "YYYY-MM-DD", "lead or member" */
};

/* The kinds of record, each registered once here and defined by one spec in its pane's file (db/pane_*.c),
 * db_record_<name>; a kind left without a spec does not link. The third column says which roles save it
 * (what 0012_roles.sql grants, said once more for the UI, which hides what a role may not do; the database
 * decides all the same): every kind must say, as ROLE(MANAGER) | ROLE(ADMIN), or NOBODY. A kind's number
 * is its place here (the journal stores its name, but tests count on the order): add new kinds last. */
#define DB_RECORD_INFO(_) \
	_(DISTRICT, district, ROLE(ADMIN)) \
	_(SCHOOL, school, ROLE(MANAGER) | ROLE(ADMIN)) \
	_(CONSORTIUM, consortium, ROLE(MANAGER) | ROLE(ADMIN) | ROLE(COORDINATOR)) \
	_(CONSORTIUM_MEMBER, consortium_member, ROLE(MANAGER) | ROLE(ADMIN) | ROLE(COORDINATOR)) \
	_(SHARED_RESOURCE, shared_resource, ROLE(MANAGER) | ROLE(ADMIN) | ROLE(COORDINATOR)) \
	_(PERSON, person, ROLE(SECRETARY) | ROLE(MANAGER) | ROLE(ADMIN)) \
	_(APPOINTMENT, appointment, ROLE(MANAGER) | ROLE(ADMIN)) \
	_(TRAINING, training, ROLE(MANAGER) | ROLE(ADMIN)) \
	_(TRAINING_ATTENDANCE, training_attendance, ROLE(MANAGER) | ROLE(ADMIN)) \
	_(MEETING, meeting, ROLE(SECRETARY) | ROLE(ADMIN)) \
	_(MEETING_ATTENDEE, meeting_attendee, ROLE(SECRETARY) | ROLE(ADMIN)) \
	_(AGENDA_ITEM, agenda_item, ROLE(SECRETARY) | ROLE(ADMIN)) \
	_(DECISION, decision, ROLE(SECRETARY) | ROLE(ADMIN)) \
	_(ACTION_ITEM, action_item, ROLE(SECRETARY) | ROLE(ADMIN)) \
	_(INSPECTION, inspection, ROLE(MANAGER) | ROLE(ADMIN)) \
	_(FINDING, finding, ROLE(MANAGER) | ROLE(ADMIN)) \
	_(CASE, case, ROLE(CASEWORKER)) \
	_(CASE_DECISION, case_decision, ROLE(CASEWORKER)) \
	_(CASE_ASSESSMENT, case_assessment, ROLE(CASEWORKER)) \
	_(CASE_PLACEMENT, case_placement, ROLE(CASEWORKER)) \
	_(CASE_TRANSFER, case_transfer, ROLE(CASEWORKER)) \
	_(CASE_SESSION, case_session, ROLE(CASEWORKER)) \
	_(CASE_PROGRESS, case_progress, ROLE(CASEWORKER)) \
	_(CASE_CONTACT, case_contact, ROLE(CASEWORKER)) \
	_(CASE_REVIEW, case_review, ROLE(CASEWORKER)) \
	_(IEP, iep, ROLE(CASEWORKER)) \
	_(IEP_CONSENT, iep_consent, ROLE(CASEWORKER)) \
	_(IEP_MEMBER, iep_member, ROLE(CASEWORKER)) \
	_(IEP_GOAL, iep_goal, ROLE(CASEWORKER)) \
	_(IEP_OBJECTIVE, iep_objective, ROLE(CASEWORKER)) \
	_(IEP_ACCOMMODATION, iep_accommodation, ROLE(CASEWORKER)) \
	_(IEP_SERVICE, iep_service, ROLE(CASEWORKER)) \
	_(PARTNER, partner, ROLE(MANAGER) | ROLE(ADMIN) | ROLE(COORDINATOR)) \
	_(ACTIVITY, activity, ROLE(MANAGER) | ROLE(ADMIN) | ROLE(COORDINATOR)) \
	_(PARTNERSHIP, partnership, ROLE(MANAGER) | ROLE(ADMIN) | ROLE(COORDINATOR)) \
	_(COMMITTEE_MEMBER, committee_member, ROLE(MANAGER) | ROLE(ADMIN) | ROLE(COORDINATOR))

#define DB_RECORD_ENUM(id, name, writers) DB_RECORD_##id,
enum db_record_kind { DB_RECORD_INFO(DB_RECORD_ENUM) DB_RECORD_COUNT };
#undef DB_RECORD_ENUM

/* What a new record's column starts as: the schema's default ("public"). */
struct db_field_default {
	const char *column, *value;
};

struct db_record_def {
	const char *name;              /* "school" */
	const char *title;             /* "School" */
	const char *table;             /* "iedesk.school" */
	int nfields;
	const struct db_field *fields;
	bool archivable;               /* has archived_at: archived, never deleted */
	const struct db_field_default *defaults;   /* ended by a NULL column; NULL for none */
};

/* A row being edited: values[i] for fields[i] as text, NULL for SQL NULL; id and version NULL for a
 * new row. lookup_names[i] holds the name shown for a lookup field's id. All owned. */
struct db_record {
	enum db_record_kind kind;
	char *id;
	char *version;
	char **values;
	char **lookup_names;
	char *client_key;       /* a new record's key (a UUID the client chose): its INSERT sent again finds the
	                         * row the first one stored; NULL for a loaded record */
};

/* The spec of kind; a kind out of range is a bug (it aborts), as it is for every function taking a kind. */
const struct db_record_def *db_record_def(enum db_record_kind kind);
/* Whether kind's spec is whole (fields, a table, defaults of fields it has); why not in a sentence. */
bool db_record_check(enum db_record_kind kind, char *why, size_t size);
/* A new, empty record with each field's default ("public", "f", …) and a fresh client_key. */
void db_record_init(struct db_record *rec, enum db_record_kind kind);
/* A fresh random UUID (version 4) as text, for a new row's client key. */
char *db_client_key_new(void);
void db_record_copy(struct db_record *dst, const struct db_record *src);
void db_record_done(struct db_record *rec);
/* Is value acceptable for field? When not, why gets a sentence ("not a date: use YYYY-MM-DD"). */
bool db_field_check(const struct db_field *field, const char *value, char *why, size_t size);

/* Load one row (with its version and the names of its lookups) for editing. */
void db_record_load_request(enum db_record_kind kind, const char *id, struct db_request *req);
bool db_record_parse(enum db_record_kind kind, const PGresult *res, struct db_record *rec, struct db_error *err);

/* Save: an INSERT for a new record, else an UPDATE that only applies when the row still has
 * rec->version. Either is one statement, so one transaction. */
void db_record_save_request(const struct db_record *rec, struct db_request *req);
/* Archive (archivable kinds) with the same version check. */
void db_record_archive_request(const struct db_record *rec, struct db_request *req);

enum db_save_outcome {
	DB_SAVE_OK,          /* saved: id and version say what it is now */
	DB_SAVE_CONFLICT,    /* someone changed (or deleted) the row since it was loaded: nothing saved */
	DB_SAVE_REFUSED,     /* the database refused: err holds a sentence */
	DB_SAVE_NAME_CHANGED,/* a capture line's name no longer finds the one it was found to be: nothing saved */
};
/* What a save (or archive) answered: res is its result, or NULL with failure set when it failed. */
enum db_save_outcome db_record_save_outcome(const PGresult *res, const struct db_error *failure,
	char **id, char **version, struct db_error *err);

/* A database refusal as a sentence a person understands (constraint names and SQLSTATEs turned into
 * words: "the code HR-001 is already used by another school"). */
void db_error_explain(struct db_error *err, const PGresult *res);

/* ---- dates (date.c) ---- */

/* Strictly YYYY-MM-DD, a day the calendar has. */
bool db_date_valid(const char *text);
/* A date as a secretary types it, into out as YYYY-MM-DD, counted from today (YYYY-MM-DD, the
 * database's iedesk.today()): YYYY-MM-DD; MM-DD (the next such day); +30d, +2w, +3m; today, tomorrow;
 * next week (下周: next Monday); this/next WEEKDAY (本周五, 下周一: weeks run Monday to Sunday, so on a
 * Saturday this friday is past); next month (下月: its 1st); end of month (eom, 月底); end of term (eot, 期末: the autumn term ends on 31 January, the spring term on
 * 31 July; August belongs to the autumn term ahead); end of year (eoy, 年底). False with why when it is
 * none of these. */
bool db_date_shortcut(const char *text, const char *today, char out[11], char *why, size_t size);

/* ---- capture (capture.c): a meeting typed line by line as it runs ---- */

enum db_capture_section {
	DB_CAPTURE_ATTENDEES,   /* "张明" (a known person) or "区特殊教育中心 — 12" (an organisation and its head count) */
	DB_CAPTURE_AGENDA,      /* "title | notes" */
	DB_CAPTURE_DECISIONS,   /* "[#N] text": under agenda item N */
	DB_CAPTURE_ACTIONS,     /* "[#N] what | owner school or unit | due date": of decision N */
	DB_CAPTURE_SECTIONS
};

/* A line of a meeting as loaded: its row, and its text as it would be typed. */
struct db_capture_line {
	enum db_capture_section section;
	char *id, *version;
	int position;           /* agenda items and decisions: their number; 0 for the others */
	int parent;             /* the position of the line above owning it (a decision's agenda item, an action
	                         * item's decision); 0 for none */
	char *text;
	char *note;             /* what the database made of it: "person", "organisation", "school", "unit" */
	char *choice;           /* attendees: the person's id, action items: the owner school's id; NULL for an
	                         * organisation, a unit and the other sections */
};

struct db_capture {
	char *meeting_id, *version, *title, *held_on;
	char *status;           /* draft, final, or amending (final minutes with an amendment open) */
	char *today;            /* the database's today, which due-date shortcuts count from */
	bool editable;          /* a draft or being amended: final minutes are read-only */
	struct db_capture_line *lines;   /* owned, section by section in screen order */
	size_t count;
};

void db_capture_load_request(const char *meeting_id, struct db_request *req);
bool db_capture_parse(const PGresult *res, struct db_capture *capture, struct db_error *err);
void db_capture_done(struct db_capture *capture);

/* A typed line split into what its row stores. */
struct db_capture_fields {
	char *first;            /* attendee: name; agenda item: title; decision, action item: text */
	char *second;           /* agenda item: notes (NULL when none); action item: owner */
	int count;              /* attendee: head count */
	int ref;                /* the "#N" the line began with; -1 when none (the owner is the one it was typed under) */
	char due[11];           /* action item: due date, YYYY-MM-DD */
	bool counted;           /* attendee: a head count was typed ("— 12"), so an organisation, never a person */
	/* Who the name is, as the capture settled it (db_capture_names_request); the save never guesses. */
	char *choice;           /* attendee: the person's id; action item: the owner school's id; NULL: an
	                         * organisation / a unit */
	bool automatic;         /* choice was found by the name rule, not picked: the save refuses, storing nothing,
	                         * when the rule no longer finds exactly it (a second person of the name was added) */
};
/* Read text as a line of section; false with why (a sentence saying what the line should look like). */
bool db_capture_line_parse(enum db_capture_section section, const char *text, const char *today,
	struct db_capture_fields *fields, char *why, size_t size);
void db_capture_fields_done(struct db_capture_fields *fields);

/* Whether a parsed line of section names someone the capture must settle before saving it: an attendee
 * typed without a head count (a person, or an organisation), an action item's owner (a school, or a unit).
 * The name is fields->first or fields->second; NULL when the line needs no choice. */
const char *db_capture_line_name(enum db_capture_section section, const struct db_capture_fields *fields);

/* The candidates for a name: persons (attendees) or schools (action items' owners), those the rule finds
 * first. The rule: a person is the one person of exactly that name; a school is the one open school of
 * that code, or of that name in the meeting's district. Near names (one holds the other) and, for owners,
 * the meeting's district's schools follow, for the secretary to pick from. */
void db_capture_names_request(enum db_capture_section section, const char *meeting_id, const char *name,
	struct db_request *req);
struct db_capture_candidate {
	char *id, *name;
	char *detail;           /* what tells it from the others: district, school, code, id */
	bool rule;              /* the rule finds it */
};
struct db_capture_names {
	struct db_capture_candidate *candidates;   /* owned, those the rule finds first */
	size_t count;
	long matches;           /* how many the rule finds (all, not only those listed) */
};
bool db_capture_names_parse(const PGresult *res, struct db_capture_names *names, struct db_error *err);
/* The one the rule finds, when it finds exactly one; else NULL. */
const char *db_capture_names_found(const struct db_capture_names *names);
void db_capture_names_done(struct db_capture_names *names);

/* Save one line as its row: an INSERT when id is NULL, else an UPDATE that applies only while the row has
 * version (NULL version: overwrite, once the user chose to). key is the line's client key
 * (db_client_key_new), which makes an INSERT sent again answer with the row the first one stored.
 * position numbers agenda items and decisions; parent_id is a decision's agenda item (NULL for none) or an
 * action item's decision. */
void db_capture_save_request(enum db_capture_section section, const char *meeting_id, const char *id,
	const char *version, const char *key, int position, const struct db_capture_fields *fields,
	const char *parent_id, struct db_request *req);
/* Delete a line's row (an emptied line), with the same version check. */
void db_capture_delete_request(enum db_capture_section section, const char *id, const char *version,
	struct db_request *req);
/* As db_record_save_outcome, and note gets what the database made of the line (or NULL);
 * DB_SAVE_NAME_CHANGED when fields->automatic and the rule now finds otherwise. */
enum db_save_outcome db_capture_save_outcome(const PGresult *res, const struct db_error *failure, char **id,
	char **version, char **note, struct db_error *err);

/* ---- exports (export.c): whole lists as CSV (RFC 4180, UTF-8, CRLF), streamed a row at a time ---- */

enum db_export_kind {
	DB_EXPORT_DISTRICTS,      /* every district with its counts of open schools */
	DB_EXPORT_SCHOOLS,        /* every school, archived ones too (with the date) */
	DB_EXPORT_CONSORTIA,      /* every consortium, archived ones too (with the date) */
	DB_EXPORT_MANAGERS,       /* every open school with its current manager, vacancies with none */
	DB_EXPORT_MANAGER_GAPS,   /* the rows of DB_LIST_MANAGER_GAPS */
	DB_EXPORT_MEETINGS,       /* every meeting, newest first, with head count and open action items */
	DB_EXPORT_ACTION_ITEMS,   /* every action item with its meeting, decision and days overdue */
	DB_EXPORT_INSPECTIONS,    /* every inspection, open ones first, with days overdue */
	DB_EXPORT_FINDINGS,       /* every finding with its inspection, school and days overdue */
	DB_EXPORT_BACKLOG,        /* every inspection not closed, as the Backlog pane lists them */
	DB_EXPORT_CASES,          /* a case worker's cases with what is due next (case workers only, each read logged) */
	DB_EXPORT_CASE_DUE,       /* a case worker's review backlog, most overdue first (case workers only) */
	DB_EXPORT_REGIONS,        /* every region with its subtree's districts, schools, open and overdue items */
	DB_EXPORT_ALLIANCES,      /* every alliance, across districts too, with its lead, members and coordinators */
	DB_EXPORT_ALLIANCE_MEMBERS, /* every member school of an alliance, those that left too */
	DB_EXPORT_PARTNERS,       /* every partner that is not a school, with its number of partnerships */
	DB_EXPORT_PARTNERSHIPS,   /* every partnership of a partner with a school or a consortium */
	DB_EXPORT_ACTIVITIES,     /* every activity of an alliance or a partnership, newest first */
	DB_EXPORT_COUNT
};

/* How often db_export_run reports its progress, in rows. */
#define DB_EXPORT_PROGRESS_EVERY 1000

/* The kind's name on the command line ("manager-gaps"); NULL out of range. */
const char *db_export_name(enum db_export_kind kind);
bool db_export_lookup(const char *name, enum db_export_kind *kind);
/* Every kind's name, for messages: "districts, schools, …, inspections or findings". */
const char *db_export_kinds_text(void);
/* The export that writes what a list shows (false for lists without one). */
bool db_export_for_list(enum db_list_kind list, enum db_export_kind *kind);

struct db_export_options {
	const char *district_code;   /* only this district's rows; NULL or "" for every district */
	/* only the rows of this region's subtree (its districts', the regions under it, the alliances with a
	 * member in it); NULL or "" for every region */
	const char *region_code;
	/* only this alliance's rows (DB_EXPORT_ALLIANCES, _ALLIANCE_MEMBERS, _PARTNERSHIPS, _ACTIVITIES); NULL or
	 * "" for every one */
	const char *alliance_code;
	const char *filter;          /* matched as the pane's filter matches; NULL or "" for none */
	bool overdue;                /* only the rows with days overdue (DB_EXPORT_ACTION_ITEMS,
	                              * DB_EXPORT_INSPECTIONS and DB_EXPORT_FINDINGS only) */
	/* Called every DB_EXPORT_PROGRESS_EVERY rows and once at the end with a count not yet reported;
	 * may be NULL. */
	void (*progress)(void *ctx, long rows);
	/* Asked while waiting for rows; true cancels the export (a signal arrived). May be NULL. */
	bool (*stop)(void *ctx);
	void *ctx;
	bool exact;                  /* text cells as stored, even those a spreadsheet runs as formulas */
	bool bom;                    /* start with UTF-8's byte order mark, which Excel and WPS need to read UTF-8 */
	/* Seconds the export waits while the database sends nothing (the config's wait-timeout); 0: the
	 * connection's connect_timeout. */
	int wait_timeout;
};

/* The language the messages are in, as its translation names it: "en" (the program's own), "zh_CN". */
const char *db_messages_language(void);

/* Write the header (in the messages' language) and every matching row of kind to out, each row as it
 * arrives (single-row mode: never the whole result in memory). False with err filled, nothing written, when
 * the district, region or alliance code is unknown ("no region has the code 99") or the kind takes no
 * alliance; false too when the query fails, writing fails or stop said so; out then holds a partial export the
 * caller discards. *rows gets the number of rows written. */
bool db_export_run(PGconn *conn, enum db_export_kind kind, const struct db_export_options *options, FILE *out,
		long *rows, struct db_error *err);

/* One CSV field, preceded by a comma unless first: quoted when it holds a comma, a quote, CR or LF
 * (quotes doubled); an empty string is written "" and NULL as nothing, as PostgreSQL's COPY does. */
void db_csv_write_field(FILE *out, const char *value, bool first);
/* A text cell: unless exact, one starting with =, +, -, @, TAB or CR gets a leading '. */
void db_csv_write_text(FILE *out, const char *value, bool first, bool exact);
/* The end of a record: CRLF. */
void db_csv_end_row(FILE *out);
/* UTF-8's byte order mark (EF BB BF), before a CSV's first byte: Excel and WPS read the file as UTF-8 only
 * with it. Written apart from any cell, so a first cell's formula guard is unchanged by it. */
void db_csv_write_bom(FILE *out);

/* ---- minutes (minutes.c): one meeting written out to circulate ---- */

enum db_minutes_format {
	DB_MINUTES_MARKDOWN,   /* "md": headings, lists, a table of action items per decision */
	DB_MINUTES_TEXT,       /* "txt": plain text wrapped at 78 display columns, underlined headings */
};

/* The format named on the command line ("md", "txt"); false for any other name. */
bool db_minutes_format_lookup(const char *name, enum db_minutes_format *format);
/* Write the minutes of the meeting with that id (decimal text) to out: its particulars (a draft says
 * "DRAFT — not final" first), attendees with the head count, the agenda in order with its notes, each
 * decision under its agenda item with its action items. UTF-8, LF line ends, one final newline; read
 * in one snapshot. False with err filled when the id is not a number, no meeting has it ("no meeting
 * has the id 42"), a query fails or writing fails. */
/* Final minutes say since when they are final and end with their amendments (when, by whom, why); while
 * one is open they say "AMENDMENT OPEN — not final" first, as a draft says it is one. */
bool db_minutes_write(PGconn *conn, const char *meeting_id, enum db_minutes_format format, FILE *out,
		struct db_error *err);

/* ---- IEPs (iep.c): a case's individualised education plan printed for the parents' meeting ---- */

/* Write the IEP of the case with that code to out, in format (as the minutes': Markdown or plain text at 78
 * columns; Chinese layout and dates when the messages are Chinese): the case's particulars (its code, no
 * name), present levels, team, goals with their objectives, accommodations, services, the parents' consent
 * and the reviews due. number 0: the case's latest final IEP, or its draft when it has none yet (headed
 * "DRAFT — not final"); N: its final version N. Read in one REPEATABLE READ transaction that may write, as
 * every read of a case is logged (one audit row a print). False with err filled when the caller may not
 * read cases (the database's refusal, explained), no case they may read has the code, it has no such IEP,
 * a query fails or writing fails. */
bool db_iep_write(PGconn *conn, const char *case_code, int number, enum db_minutes_format format, FILE *out,
		struct db_error *err);

/* ---- inspections (inspection.c): planning one from what it checks, resolving, closing ---- */

/* A new DB_RECORD_INSPECTION (no id) prefilled to check the action item with that id: its owner school
 * (named in lookup_names; empty when the owner is only a unit), kind follow-up, the action item (named by
 * its text), planned on its due date or today if that has passed, status planned. */
void db_inspection_plan_request(const char *action_item_id, struct db_request *req);
/* The same for following up the finding with that id: its inspection's school, kind follow-up, the
 * finding, planned on its due date or today if that has passed (today when it has none). */
void db_inspection_follow_up_request(const char *finding_id, struct db_request *req);
/* The record either request answered; false with err "no action item has the id 42" (or "no finding …")
 * when there is none, or why the query failed. */
bool db_inspection_plan_parse(const PGresult *res, struct db_record *rec, struct db_error *err);

/* Resolve a finding today (iedesk.today()) while it still has version and is unresolved; close an
 * inspection today while it still has version and is not closed. Either answers as a record's save does
 * (db_record_save_outcome): its id and new version, no rows (a conflict) when the row moved on, or a
 * refusal db_error_explain words (closing with unresolved findings, closing before the visit). Closing with
 * action_item_done also records the action item it checks done (if open or in progress), in the same
 * statement: its column action_item_done says "1" when it did. A finding is resolved on resolved_on
 * (YYYY-MM-DD; "" for today) with note, what was done ("" or blanks for none). */
void db_finding_resolve_request(const char *finding_id, const char *version, const char *resolved_on,
	const char *note, struct db_request *req);
void db_inspection_close_request(const char *id, const char *version, bool action_item_done, struct db_request *req);
/* Record the visit of a planned inspection while it still has version: status done, visited on visited_on
 * (YYYY-MM-DD; empty or NULL for iedesk.today()), summary trimmed (none when blank). It answers as the
 * close does: no rows when the row moved on or is no longer planned, a refusal db_error_explain words (a
 * visit after a finding of it is due). */
void db_inspection_visit_request(const char *id, const char *version, const char *visited_on, const char *summary,
	struct db_request *req);

/* ---- the summary report (report.c) ---- */

enum db_report_format {
	DB_REPORT_TABLE,   /* "table": aligned by display width, for a mail or a terminal */
	DB_REPORT_CSV,     /* "csv": as the exports (RFC 4180, CRLF) */
};

/* The format named on the command line ("table", "csv"); false for any other name. */
bool db_report_format_lookup(const char *name, enum db_report_format *format);

struct db_report_options {
	const char *district_code;   /* only this district and its schools; NULL or "" for every district */
	/* only the districts of this region and the regions under it (0031), with the region's total; NULL or ""
	 * for none. Not with district_code. */
	const char *region_code;
	enum db_report_format format;
	const char *today;           /* YYYY-MM-DD set as iedesk.today for the session; NULL leaves it alone */
	/* Called once at the end with the rows written (districts and schools); may be NULL. */
	void (*progress)(void *ctx, long rows);
	/* Asked while waiting for each query; true abandons the report (a signal arrived). May be NULL. */
	bool (*stop)(void *ctx);
	void *ctx;
	bool exact;                  /* CSV names as stored, even those a spreadsheet runs as formulas */
	bool bom;                    /* CSV: start with UTF-8's byte order mark, as db_export_options' */
	int wait_timeout;            /* as db_export_options' */
};

/* Write the summary report of the backlog to out: per district (every one not archived, by name) its open items,
 * overdue ones, inspections closed this term, median days from the visit to closing, the plan date of
 * the oldest open item; under each, the same for its schools with something open or closed this term.
 * The figures are the rows of DB_LIST_REPORT_DISTRICTS and DB_LIST_REPORT_SCHOOLS, walked in one
 * snapshot, so the report says what the screen says. A table has a title line with the term, the
 * schools indented under their district and a total line; CSV has a header and a row per district
 * ("district") followed by its schools' ("school"); a region's report ends with the region's row ("region",
 * the figures of all its districts) and its table's total line names the region. Built whole before anything
 * is written: false with err filled, and nothing written, when today is no date, no district or region has
 * the code ("no district has the code XX", "no region has the code 99"), both are given, a query fails, stop
 * said so or writing fails. */
bool db_report_backlog(PGconn *conn, const struct db_report_options *options, FILE *out, struct db_error *err);

/* ---- accounts (account.c) ---- */

/* The groups a login is in (0012_roles.sql), as iedesk.account.role names them. Every one reads what staff
 * read; what each adds it writes. */
enum db_role {
	DB_ROLE_STAFF,        /* reads everything but student cases */
	DB_ROLE_SECRETARY,    /* + meetings: attendees, agenda, decisions, action items, finalising, amending */
	DB_ROLE_MANAGER,      /* + schools, managers, consortia, inspections, findings of their own district */
	DB_ROLE_CASEWORKER,   /* + the student cases of their own district (nobody else sees those rows) */
	DB_ROLE_COORDINATOR,  /* + the alliances across districts they are assigned to, partners, activities (0031) */
	DB_ROLE_ADMIN,        /* + everything but student cases, in every district; accounts */
	DB_ROLE_COUNT
};

/* "manager"; NULL out of range. */
const char *db_role_name(enum db_role role);
/* "manager" or "iedesk_manager"; false for any other name. */
bool db_role_lookup(const char *name, enum db_role *role);
/* Every role's name, for messages: "staff, secretary, manager, caseworker, coordinator or admin". */
const char *db_roles_text(void);
/* Whether the role may save (insert or update) records of kind at all, so the UI can hide what it may not
 * do; the database still decides, row by row (a manager only in their own district). */
bool db_role_may_write(enum db_role role, enum db_record_kind kind);

/* An account as iedesk admin lists it; the strings are owned, NULL when empty. */
struct db_account {
	char *login;
	char *role;            /* "manager" */
	char *district_code;
	char *district_name;
	char *person_name;
	char *created_at;      /* YYYY-MM-DD HH:MM */
	char *created_by;
	char *disabled_at;     /* YYYY-MM-DD HH:MM, NULL while it is active */
	char *person_id;
	char *region_code;     /* the region it works for (0031), NULL for a district's or none */
	char *region_name;
};
struct db_accounts {
	struct db_account *items;   /* owned, by login */
	size_t count;
};

/* Create a login (LOGIN, no password) in the group of role, with its account: district_code may be NULL
 * or "" for staff, secretaries and administrators; person_id (decimal text) NULL for none, else the
 * person's login becomes this one. Only administrators may; the database refuses an existing login, an
 * unknown role, district or person in a sentence (db_error_explain). The result is the new account, as
 * the list's rows. */
void db_account_create_request(const char *login, const char *role, const char *district_code,
	const char *person_id, struct db_request *req);
/* The same for an account that may work for a region instead (0031): region_code NULL or "" for none; the
 * database refuses both a district and a region, an unknown region, and a case worker of a region. */
void db_account_create_scoped_request(const char *login, const char *role, const char *district_code,
	const char *region_code, const char *person_id, struct db_request *req);
/* Disable an account: its login may no longer connect; the account stays, dated. The result is the
 * account, as the list's rows. */
void db_account_disable_request(const char *login, struct db_request *req);
/* Enable a disabled account again: its login connects, in its role's group (0025). */
void db_account_enable_request(const char *login, struct db_request *req);
/* Every account, by login (administrators only). */
void db_account_list_request(struct db_request *req);
/* The rows any of the three answered. */
bool db_accounts_parse(const PGresult *res, struct db_accounts *accounts, struct db_error *err);
void db_accounts_done(struct db_accounts *accounts);
/* Run one of the three and parse its rows, waiting (the command line only); false with err in a
 * sentence. The request is done either way. */
bool db_accounts_run(PGconn *conn, struct db_request *req, struct db_accounts *accounts, struct db_error *err);

/* Assign the coordinator account login to the alliance with that code (assign), or take it off, waiting (the
 * command line only): *changed false when it was so already. False with err in a sentence: no coordinator
 * account has the login, no alliance the code, a consortium of one district (its managers keep it), or the
 * caller is no administrator. */
bool db_alliance_coordinator_run(PGconn *conn, const char *login, const char *alliance_code, bool assign,
	bool *changed, struct db_error *err);

/* A person as admin find-person and --person NAME see them; strings owned, NULL when empty. */
struct db_person_found {
	char *id, *name, *login, *phone;
};
struct db_persons {
	struct db_person_found *items;   /* owned, by name */
	size_t count;
};
/* Persons named text exactly, or (contains) whose names hold it; run with db_persons_run (blocking, for
 * the command line like db_accounts_run). */
void db_person_find_request(const char *text, bool contains, struct db_request *req);
bool db_persons_run(PGconn *conn, struct db_request *req, struct db_persons *persons, struct db_error *err);
void db_persons_done(struct db_persons *persons);

/* Who the program is connected as, and what that login may do. */
struct db_whoami {
	char *login;
	bool has_account;      /* an active account in this database */
	bool has_role;         /* role is known: from the account, else from the groups the login is in */
	enum db_role role;
	char *district_id;     /* the account's district, NULL when none (owned, as the strings below) */
	char *district_code;
	char *district_name;
	char *region_id;       /* the account's region (a province's or a city's officer), NULL when none */
	char *region_code;
	char *region_name;
	char *person_name;
	bool owner;            /* a superuser or the owner of schema iedesk: row-level security does not
	                        * apply to it (migrations, tests); people should not work as the owner */
	char today[11];        /* the database's day, iedesk.today(): the only "today" the program knows */
	long midnight_s;       /* seconds until the database's day ends (its midnight); -1: it is fixed */
};
void db_whoami_request(struct db_request *req);
/* Who the UI's session is connected as, asked after each connect (after its LISTEN); NULL until known, or
 * when the database cannot say (older than accounts). */
const struct db_whoami *db_session_whoami(const struct db_session *session);
/* The database's day as the session last asked it (YYYY-MM-DD), NULL until known. */
const char *db_session_today(const struct db_session *session);
bool db_whoami_parse(const PGresult *res, struct db_whoami *who, struct db_error *err);
void db_whoami_done(struct db_whoami *who);

#endif
