/* detail: one record with its related records, as (section, label, value) lines from one query: the queries
 * of db/pane_*.c sent and their rows read, their words, dates and sentences as shown (db_text_shown). */
#include "db/private.h"

#include <stdlib.h>
#include <string.h>

/* The details of db/pane_*.c, and the prefix of a link to one ("school:"). */
#define DB_DETAIL_SPEC(id, name) [DB_DETAIL_##id] = { &db_detail_##name, #name ":" },
static const struct {
	const struct db_detail_spec *spec;
	const char *link;
} details[DB_DETAIL_COUNT] = { DB_DETAIL_INFO(DB_DETAIL_SPEC) };
#undef DB_DETAIL_SPEC

const struct db_detail_spec *db_detail_spec(enum db_detail_kind kind)
{
	return details[db_kind_check((int)kind, 0, DB_DETAIL_COUNT, "detail")].spec;
}

void db_detail_request(enum db_detail_kind kind, const char *id, struct db_request *req)
{
	memset(req, 0, sizeof(*req));
	req->sql = db_detail_spec(kind)->sql;
	req->params[req->nparams++] = xstrdup(id ? id : "0");
}

/* "school:12" into the line's link; anything else links nothing. */
static void link_parse(const char *link, struct db_detail_line *line)
{
	for (int k = 0; k < DB_DETAIL_COUNT; k++) {
		size_t len = strlen(details[k].link);
		if (strncmp(link, details[k].link, len) == 0 && link[len]) {
			line->link_kind = (enum db_detail_kind)k;
			line->link_id = xstrdup(link + len);
			return;
		}
	}
}

bool db_detail_parse(const PGresult *res, struct db_detail *detail, struct db_error *err)
{
	memset(detail, 0, sizeof(*detail));
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		db_error_from_result(err, NULL, res, _("reading the record"));
		return false;
	}
	bool linked = PQnfields(res) == 4;
	if (PQnfields(res) != 3 && !linked) {
		db_error_set(err, _("reading the record: the database answered with %d columns where 3 were expected"),
			PQnfields(res));
		return false;
	}
	int n = PQntuples(res);
	if (n == 0) {
		db_error_set(err, "%s", _("that record no longer exists; someone may have deleted it"));
		return false;
	}
	detail->title = db_text_shown(PQgetvalue(res, 0, 2));
	detail->count = (size_t)(n - 1);
	detail->lines = detail->count ? xcalloc(detail->count, sizeof(*detail->lines)) : NULL;
	for (int r = 1; r < n; r++) {
		struct db_detail_line *line = &detail->lines[r - 1];
		line->section = db_text_shown(PQgetvalue(res, r, 0));
		line->label = db_text_shown(PQgetvalue(res, r, 1));
		line->value = db_text_shown(PQgetvalue(res, r, 2));
		if (linked && !PQgetisnull(res, r, 3))
			link_parse(PQgetvalue(res, r, 3), line);
	}
	return true;
}

void db_detail_done(struct db_detail *detail)
{
	if (!detail)
		return;
	for (size_t i = 0; i < detail->count; i++) {
		free(detail->lines[i].section);
		free(detail->lines[i].label);
		free(detail->lines[i].value);
		free(detail->lines[i].link_id);
	}
	FREE(&detail->lines);
	FREE(&detail->title);
	detail->count = 0;
}
