/* error: turn libpq's failures into one sentence the user can act on. */
#include "db/db.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void db_error_set(struct db_error *err, const char *fmt, ...)
{
	if (!err)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof(err->message), fmt, ap);
	va_end(ap);
	err->sqlstate[0] = '\0';
}

/* libpq messages end in a newline and may carry DETAIL/HINT lines; keep the first line. */
static void first_line(char *dst, size_t size, const char *src)
{
	if (!src)
		src = "";
	while (*src == ' ' || *src == '\n')
		src++;
	if (strncmp(src, "ERROR:", 6) == 0 || strncmp(src, "FATAL:", 6) == 0)
		src += 6;
	while (*src == ' ')
		src++;
	size_t len = strcspn(src, "\n");
	if (len >= size)
		len = size - 1;
	memcpy(dst, src, len);
	dst[len] = '\0';
}

void db_error_from_result(struct db_error *err, PGconn *conn, const PGresult *res, const char *doing)
{
	if (!err)
		return;
	char line[768];
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	if (res && PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY)) {
		first_line(line, sizeof(line), PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY));
	} else if (res && *PQresultErrorMessage(res)) {
		first_line(line, sizeof(line), PQresultErrorMessage(res));
	} else if (conn) {
		first_line(line, sizeof(line), PQerrorMessage(conn));
	} else {
		snprintf(line, sizeof(line), "no answer from the database");
	}
	if (doing && *doing)
		snprintf(err->message, sizeof(err->message), "%s: %s", doing, line);
	else
		snprintf(err->message, sizeof(err->message), "%s", line);
	snprintf(err->sqlstate, sizeof(err->sqlstate), "%s", state ? state : "");
}
