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

#endif
