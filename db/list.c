/* list: the lists of db/pane_*.c as SQL, a window of rows at a time by keyset (never OFFSET, never the
 * whole table), and their results as rows of display-ready text. */
#include "db/private.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DB_LIST_SPEC(id, name) [DB_LIST_##id] = &db_list_##name,
static const struct db_list_spec *const specs[DB_LIST_COUNT] = { DB_LIST_INFO(DB_LIST_SPEC) };
#undef DB_LIST_SPEC

/* ---- building the SQL, once per list and window, from the constant fragments above ---- */


static bool window_has_key(enum db_window where)
{
	return where == DB_WINDOW_AFTER || where == DB_WINDOW_BEFORE || where == DB_WINDOW_FROM;
}

/* BEFORE and LAST walk the display order backwards; db_rows_parse turns them round. */
static bool window_reversed(enum db_window where)
{
	return where == DB_WINDOW_BEFORE || where == DB_WINDOW_LAST;
}

/* The inner query of a window: its rows in key order from where, up to the limit. */
static void window_rows_sql(struct sql_buffer *b, const struct db_list_query *q, int nkeys, enum db_window where,
		const char *from, const char *only_if)
{
	bool backwards = q->descending != window_reversed(where);
	const char *dir = backwards ? " DESC" : "";
	const char *op = "";
	if (where == DB_WINDOW_AFTER)
		op = q->descending ? "<" : ">";
	else if (where == DB_WINDOW_FROM)
		op = q->descending ? "<=" : ">=";
	else if (where == DB_WINDOW_BEFORE)
		op = q->descending ? ">" : "<";

	sql_add(b, "SELECT %s", q->columns);
	for (int k = 0; k < nkeys; k++)
		sql_add(b, ", %s AS k%d", q->key_expr[k], k);
	sql_add(b, " FROM %s WHERE ", from);
	if (q->where)
		sql_add(b, "%s AND ", q->where);
	sql_add(b, "($1::text = '' OR %s)", q->filter);
	if (only_if)
		sql_add(b, " AND (%s)", only_if);
	int param = q->has_parent ? 3 : 2;
	if (window_has_key(where)) {
		sql_add(b, " AND (");
		for (int k = 0; k < nkeys; k++)
			sql_add(b, "%s%s", k ? ", " : "", q->key_expr[k]);
		sql_add(b, ") %s (", op);
		for (int k = 0; k < nkeys; k++)
			sql_add(b, "%s$%d::%s", k ? ", " : "", param++, q->key_type[k]);
		sql_add(b, ")");
	}
	sql_add(b, " ORDER BY ");
	for (int k = 0; k < nkeys; k++)
		sql_add(b, "%sk%d%s", k ? ", " : "", k, dir);
	sql_add(b, " LIMIT $%d::bigint", param);
}

static char *list_sql_build(enum db_list_kind kind, enum db_window where)
{
	const struct db_list_query *q = db_list_spec(kind)->query;
	int nkeys = db_list_spec(kind)->nkeys;
	const char *dir = q->descending != window_reversed(where) ? " DESC" : "";

	struct sql_buffer b = { 0 };
	sql_add(&b, "SELECT %s", q->select);
	for (int k = 0; k < nkeys; k++) {
		if (!strcmp(q->key_type[k], "date"))
			sql_add(&b, ", to_char(w.k%d, 'YYYY-MM-DD')", k);
		else
			sql_add(&b, ", w.k%d::text", k);
	}
	sql_add(&b, " FROM (");
	if (q->narrow_from) {
		/* Two ways to the same rows, planned apart; the condition, evaluated once, runs one of them. */
		char *narrow = xasprintf("$1::text <> '' AND %s", q->narrow);
		char *wide = xasprintf("NOT (%s)", narrow);
		sql_add(&b, "(");
		window_rows_sql(&b, q, nkeys, where, q->from, wide);
		sql_add(&b, ") UNION ALL (");
		window_rows_sql(&b, q, nkeys, where, q->narrow_from, narrow);
		sql_add(&b, ")");
		free(wide);
		free(narrow);
	} else {
		window_rows_sql(&b, q, nkeys, where, q->from, NULL);
	}
	sql_add(&b, ") w%s ORDER BY ", q->joins);
	for (int k = 0; k < nkeys; k++)
		sql_add(&b, "%sw.k%d%s", k ? ", " : "", k, dir);
	return b.text;
}

/* Built at first use and kept for the life of the program: the same text every time, so each can
 * become a prepared statement. */
static const char *list_sql(enum db_list_kind kind, enum db_window where)
{
	static char *cache[DB_LIST_COUNT][DB_WINDOW_FROM + 1];
	if (!cache[kind][where])
		cache[kind][where] = list_sql_build(kind, where);
	return cache[kind][where];
}

/* ---- public ---- */

const struct db_list_spec *db_list_spec(enum db_list_kind kind)
{
	return specs[db_kind_check((int)kind, 0, DB_LIST_COUNT, "list")];
}

bool db_list_needs_parent(enum db_list_kind kind)
{
	return db_list_spec(kind)->query->has_parent;
}

const struct db_list_open *db_list_open_target(enum db_list_kind kind)
{
	return db_list_spec(kind)->open;
}

bool db_list_check(enum db_list_kind kind, char *why, size_t size)
{
	const struct db_list_spec *spec = db_list_spec(kind);
	const struct db_list_query *q = spec->query;
	if (!q || !q->columns || !q->from || !q->filter || !q->select || !q->joins) {
		snprintf(why, size, "the %s list's query lacks a part", spec->name);
		return false;
	}
	if (spec->nkeys < 1 || spec->nkeys > DB_LIST_MAX_KEYS) {
		snprintf(why, size, "the %s list has %d keys", spec->name, spec->nkeys);
		return false;
	}
	for (int k = 0; k < spec->nkeys; k++) {
		if (!q->key_expr[k] || !q->key_type[k]) {
			snprintf(why, size, "the %s list's key %d has no expression or type", spec->name, k);
			return false;
		}
	}
	if (q->tally_where && !q->tally) {
		snprintf(why, size, "the %s list's tally rows have no expression", spec->name);
		return false;
	}
	return true;
}

int db_list_column(const struct db_list_spec *spec, const char *name)
{
	for (int i = 0; i < spec->ncolumns; i++)
		if (!strcmp(spec->columns[i].name, name))
			return i;
	fprintf(stderr, "iedesk: bug: the %s list has no column named %s\n", spec->name, name);
	abort();
}

const char *db_row_cell(const struct db_list_spec *spec, const struct db_row *row, const char *name)
{
	return row->cells[db_list_column(spec, name)];
}

const char *db_row_name(const struct db_list_spec *spec, const struct db_row *row)
{
	for (int i = 0; i < spec->ncolumns; i++)
		if (spec->columns[i].width == 0)
			return row->cells[i];
	return "";
}

void db_removal_request(enum db_removal removal, const char *id, struct db_request *req)
{
	switch (removal) {
	case DB_REMOVE_END_APPOINTMENT: db_manager_end_request(id, req); return;
	case DB_REMOVE_END_MEMBERSHIP: db_member_end_request(id, req); return;
	case DB_REMOVE_DELETE_RESOURCE: db_shared_resource_delete_request(id, req); return;
	case DB_REMOVE_DELETE_ATTENDANCE: db_attendance_delete_request(id, req); return;
	case DB_REMOVE_DELETE_ATTENDEE: db_attendee_delete_request(id, req); return;
	case DB_REMOVE_DELETE_AGENDA_ITEM: db_agenda_item_delete_request(id, req); return;
	case DB_REMOVE_DELETE_DECISION: db_decision_delete_request(id, req); return;
	case DB_REMOVE_DROP_ACTION_ITEM: db_action_item_drop_request(id, req); return;
	case DB_REMOVE_NONE:
	case DB_REMOVE_ARCHIVE:
		break;
	}
	fprintf(stderr, "iedesk: bug: removal %d has no statement\n", (int)removal);
	abort();
}

void db_request_done(struct db_request *req)
{
	if (!req)
		return;
	for (int i = 0; i < req->nparams && i < DB_MAX_PARAMS; i++)
		FREE(&req->params[i]);
	req->nparams = 0;
	req->sql = NULL;
}

void db_list_request(enum db_list_kind kind, enum db_window where, char *const *key, const char *filter,
		const char *parent, int limit, struct db_request *req)
{
	memset(req, 0, sizeof(*req));
	/* A keyed window without a key has nowhere to start from: start from the top. */
	if (window_has_key(where) && !key)
		where = DB_WINDOW_FIRST;
	req->sql = list_sql(kind, where);
	req->params[req->nparams++] = xstrdup(filter ? filter : "");
	/* No district is 0: a schools list opened without one is empty rather than an error. */
	if (db_list_spec(kind)->query->has_parent)
		req->params[req->nparams++] = xstrdup(parent && *parent ? parent : "0");
	if (window_has_key(where))
		for (int k = 0; k < db_list_spec(kind)->nkeys; k++)
			req->params[req->nparams++] = xstrdup(key[k] ? key[k] : "");
	req->params[req->nparams++] = xasprintf("%d", limit > 0 ? limit : 1);
}

bool db_list_has_summary(enum db_list_kind kind)
{
	return db_list_spec(kind)->query->summary != NULL;
}

/* Unfiltered, a list with a tally counts its rows there; filtered, the rows the filter matches, with no
 * join when it can tell them by their own columns. */
static char *summary_sql_build(enum db_list_kind kind, bool filtered)
{
	const struct db_list_query *q = db_list_spec(kind)->query;
	struct sql_buffer b = { 0 };
	if (!filtered && q->tally_where) {
		sql_add(&b, "SELECT %s FROM iedesk.backlog_tally t WHERE %s AND $1::text = ''", q->tally, q->tally_where);
		return b.text;
	}
	sql_add(&b, "SELECT %s FROM %s WHERE ", q->summary, q->count_from ? q->count_from : q->from);
	if (q->where)
		sql_add(&b, "%s AND ", q->where);
	sql_add(&b, "($1::text = '' OR %s)", q->count_filter ? q->count_filter : q->filter);
	return b.text;
}

void db_list_summary_request(enum db_list_kind kind, const char *filter, const char *parent,
		struct db_request *req)
{
	static char *cache[DB_LIST_COUNT][2];
	memset(req, 0, sizeof(*req));
	if (!db_list_has_summary(kind))
		return;
	bool filtered = filter && *filter;
	if (!cache[kind][filtered])
		cache[kind][filtered] = summary_sql_build(kind, filtered);
	req->sql = cache[kind][filtered];
	req->params[req->nparams++] = xstrdup(filter ? filter : "");
	if (db_list_spec(kind)->query->has_parent)
		req->params[req->nparams++] = xstrdup(parent && *parent ? parent : "0");
}

bool db_list_summary_parse(const PGresult *res, char *buf, size_t size, struct db_error *err)
{
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		db_error_from_result(err, NULL, res, "counting the list");
		return false;
	}
	if (PQntuples(res) != 1 || PQnfields(res) != 1) {
		db_error_set(err, "the list's counts came back in an unexpected shape");
		return false;
	}
	snprintf(buf, size, "%s", PQgetvalue(res, 0, 0));
	return true;
}

bool db_rows_parse(enum db_list_kind kind, enum db_window where, const PGresult *res, struct db_rows *rows,
		struct db_error *err)
{
	memset(rows, 0, sizeof(*rows));
	const struct db_list_spec *def = db_list_spec(kind);
	rows->ncolumns = def->ncolumns;
	rows->nkeys = def->nkeys;
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		char doing[64];
		snprintf(doing, sizeof(doing), "reading the %s", def->name);
		db_error_from_result(err, NULL, res, doing);
		return false;
	}
	int width = def->ncolumns + 1 + def->nkeys;
	if (PQnfields(res) != width) {
		db_error_set(err, "%s: the database answered with %d columns where %d were expected",
			def->name, PQnfields(res), width);
		return false;
	}
	int n = PQntuples(res);
	rows->rows = n ? xcalloc((size_t)n, sizeof(*rows->rows)) : NULL;
	rows->count = (size_t)n;
	bool reverse = window_reversed(where);
	for (int r = 0; r < n; r++) {
		struct db_row *row = &rows->rows[reverse ? n - 1 - r : r];
		row->cells = xcalloc((size_t)def->ncolumns, sizeof(*row->cells));
		row->keys = xcalloc((size_t)def->nkeys, sizeof(*row->keys));
		for (int c = 0; c < def->ncolumns; c++)
			row->cells[c] = xstrdup(PQgetvalue(res, r, c));
		row->flags = (unsigned)strtoul(PQgetvalue(res, r, def->ncolumns), NULL, 10);
		for (int k = 0; k < def->nkeys; k++)
			row->keys[k] = xstrdup(PQgetvalue(res, r, def->ncolumns + 1 + k));
	}
	return true;
}

void db_rows_done(struct db_rows *rows)
{
	if (!rows)
		return;
	for (size_t r = 0; r < rows->count; r++) {
		for (int c = 0; c < rows->ncolumns; c++)
			free(rows->rows[r].cells[c]);
		for (int k = 0; k < rows->nkeys; k++)
			free(rows->rows[r].keys[k]);
		free(rows->rows[r].cells);
		free(rows->rows[r].keys);
	}
	FREE(&rows->rows);
	rows->count = 0;
}
