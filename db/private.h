/* private: helpers shared by the files of db/, not part of its public interface. */
#ifndef IEDESK_DB_PRIVATE_H
#define IEDESK_DB_PRIVATE_H

#include "db/db.h"
#include "config/config.h"

/* The whole file, NUL-terminated; NULL with err filled when it cannot be read. */
char *db_read_file(const char *path, size_t *size, struct db_error *err);
/* Run a statement that returns no rows the caller needs; false with err filled on failure. */
bool db_exec_ok(PGconn *conn, const char *sql, struct db_error *err, const char *doing);

/* Wait until conn's result can be read without blocking, asking stop(ctx) (may be NULL) between waits;
 * false with a sentence about the what ("export", "report") when stop said so, the connection failed, or
 * the database sent nothing for seconds (0 or less: conn's connect_timeout). A stalled server keeps its
 * socket open (and a Unix socket has no keepalives), so only this deadline ends that wait. */
bool db_wait_result(PGconn *conn, int seconds, bool (*stop)(void *ctx), void *ctx, const char *what,
		struct db_error *err);

/* Read what is left of the query, so the connection is usable again. */
void db_query_drain(PGconn *conn);
/* Stop the query while it still runs or sends rows, then drain it. */
void db_query_abandon(PGconn *conn);

/* SQL text assembled once from constant fragments (never from user data), growing as needed. */
struct sql_buffer {
	char *text;
	size_t len, size;
};
void sql_add(struct sql_buffer *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* How an action item, an inspection and a finding read where one is picked or shown by name, over the
 * row aliased a (a string literal): record.c names a loaded record's lookups, lookup.c its candidates and
 * inspection.c a planned inspection's with the same expressions, so a name never changes on reload. */
#define DB_ONE_LINE_SQL(e) "translate(" e ", E'\\n\\r\\t', '   ')"
#define DB_ACTION_ITEM_NAME_SQL(a) DB_ONE_LINE_SQL(a ".text")
#define DB_INSPECTION_NAME_SQL(a) "(SELECT s.name FROM iedesk.school s WHERE s.id = " a ".school_id) || ' — ' ||" \
	" CASE " a ".kind WHEN 'itinerant-guidance' THEN 'itinerant guidance' ELSE " a ".kind END" \
	" || ', ' || to_char(" a ".planned_on, 'YYYY-MM-DD')"
#define DB_FINDING_NAME_SQL(a) a ".severity || ': ' || left(" DB_ONE_LINE_SQL(a ".text") ", 60)"

/* ---- the lists' specs (pane_*.c), built into SQL by list.c ---- */

#define DB_LIST_MAX_KEYS 3

/* How a list is queried. A window is an inner query that walks one index in key order and stops at the
 * limit:
 *   SELECT <columns>, <key> AS k0, ... FROM <from> WHERE <where> AND <filter> AND <keyset> ORDER BY k.. LIMIT n
 * and an outer one that formats only those rows; counts and the current manager come from lateral
 * subqueries over the window's rows alone (aggregates, LIMIT 1 or OFFSET 0 keep the planner from
 * flattening them into joins over whole tables).
 * Parameters: $1 the filter, $2 the parent (lists that have one), then the key values, then the limit. */
struct db_list_query {
	bool descending;          /* newest first: the key order is walked backwards */
	bool has_parent;
	const char *columns;      /* the inner query's columns, read by select as w.<name> */
	const char *from;
	const char *where;        /* fixed condition, or NULL */
	const char *filter;       /* what the filter matches, with iedesk.contains_pattern($1) */
	const char *key_expr[DB_LIST_MAX_KEYS];
	const char *key_type[DB_LIST_MAX_KEYS];
	const char *select;       /* the visible columns and the flags, from w */
	const char *joins;        /* the outer query's lateral joins, or "" */
	const char *summary;      /* a text expression over the list's rows (aggregates) for its summary line */
	const char *tally;        /* unfiltered, the summary is this expression over 0017's tally rows t */
	const char *tally_where;  /* which tally rows: a dimension and group */
	const char *narrow_from;  /* filtered, the rows the filter can match when it matches a few groups */
	const char *narrow;       /* when narrow_from is walked instead of from */
	const char *count_from;   /* filtered, the summary counts these rows (rather than from's) */
	const char *count_filter; /* that the filter matches */
};

#define DB_LIST_DECLARE(id, name) extern const struct db_list_spec db_list_##name;
DB_LIST_INFO(DB_LIST_DECLARE)
#undef DB_LIST_DECLARE

/* Shorthands of the specs. */
#define PATTERN "iedesk.contains_pattern($1)"
#define ONE_LINE(e) DB_ONE_LINE_SQL(e)
#define COLUMNS(a) .ncolumns = (int)(sizeof(a) / sizeof((a)[0])), .columns = a
#define OPEN(...) &(const struct db_list_open){ __VA_ARGS__ }
#define EDITING(...) &(const struct db_list_editing){ __VA_ARGS__ }

#endif
