/* private: helpers shared by the files of db/, not part of its public interface. */
#ifndef IEDESK_DB_PRIVATE_H
#define IEDESK_DB_PRIVATE_H

#include "db/db.h"
#include "config/config.h"

/* The whole file, NUL-terminated; NULL with err filled when it cannot be read. */
char *db_read_file(const char *path, size_t *size, struct db_error *err);
/* Run a statement that returns no rows the caller needs; false with err filled on failure. */
bool db_exec_ok(PGconn *conn, const char *sql, struct db_error *err, const char *doing);

/* SQL text assembled once from constant fragments (never from user data), growing as needed. */
struct sql_buffer {
	char *text;
	size_t len, size;
};
void sql_add(struct sql_buffer *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
