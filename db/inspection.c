/* inspection: an inspection planned from what it checks (an action item, a finding), as a new record for
 * the form to edit, and the steps of its life that are not a form: recording the visit, resolving a
 * finding, closing. */
#include "db/private.h"

#include <stdlib.h>
#include <string.h>

/* A plan is one row even when nothing has the id: missing then names the kind of row asked for and
 * wanted the id asked. Every other column is named after a field of DB_RECORD_INSPECTION (its value) or
 * after one with _name added (the name its lookup shows); fields left out keep their defaults. */
static const char plan_from_action_item_sql[] =
	"SELECT CASE WHEN x.id IS NULL THEN 'action item' END AS missing, q.wanted::text AS wanted,"
	" x.owner_school_id::text AS school_id, s.name AS school_id_name, 'follow-up' AS kind,"
	" x.id::text AS action_item_id, " DB_ACTION_ITEM_NAME_SQL("x") " AS action_item_id_name,"
	" to_char(greatest(x.due_on, iedesk.today()), 'YYYY-MM-DD') AS planned_on, 'planned' AS status"
	" FROM (SELECT $1::bigint AS wanted) q LEFT JOIN iedesk.action_item x ON x.id = q.wanted"
	" LEFT JOIN iedesk.school s ON s.id = x.owner_school_id";

/* greatest() passes over NULL: a finding without a due date is followed up from today. */
static const char plan_from_finding_sql[] =
	"SELECT CASE WHEN x.id IS NULL THEN 'finding' END AS missing, q.wanted::text AS wanted,"
	" i.school_id::text AS school_id, s.name AS school_id_name, 'follow-up' AS kind,"
	" x.id::text AS finding_id, " DB_FINDING_NAME_SQL("x") " AS finding_id_name,"
	" to_char(greatest(x.due_on, iedesk.today()), 'YYYY-MM-DD') AS planned_on, 'planned' AS status"
	" FROM (SELECT $1::bigint AS wanted) q LEFT JOIN iedesk.finding x ON x.id = q.wanted"
	" LEFT JOIN iedesk.inspection i ON i.id = x.inspection_id"
	" LEFT JOIN iedesk.school s ON s.id = i.school_id";

/* Named as a record's save answers (record.c's add_returning), so db_record_save_outcome reads them. The
 * state in the WHERE keeps a second press from moving the date: resolved once, closed once. A finding is
 * resolved on the day given (empty: today; 0025 refuses one after today, 0010 one before the visit), with
 * what was done as its note (blanks: none). */
static const char resolve_sql[] =
	"UPDATE iedesk.finding SET resolved_on = coalesce(nullif($3::text, '')::date, iedesk.today()),"
	" resolution_note = nullif(btrim($4::text, E' \\t\\r\\n'), '')"
	" WHERE id = $1::bigint AND version = $2::int AND resolved_on IS NULL"
	" RETURNING id::text AS finding_id, version::text AS version";

/* Closing the inspection that verifies an action item may record the item done in the same statement ($3),
 * so the meeting's open count and the unverified decisions follow; only when the close itself went through
 * (its version held), and only an item still open or in progress (a done or dropped one keeps its state). */
static const char close_sql[] =
	"WITH c AS (UPDATE iedesk.inspection SET status = 'closed', closed_on = iedesk.today()"
	" WHERE id = $1::bigint AND version = $2::int AND status <> 'closed'"
	" RETURNING id, version, action_item_id),"
	" a AS (UPDATE iedesk.action_item x SET status = 'done', done_on = iedesk.today() FROM c"
	" WHERE $3::boolean AND x.id = c.action_item_id AND x.status IN ('open', 'in-progress') RETURNING x.id)"
	" SELECT c.id::text AS inspection_id, c.version::text AS version,"
	" (SELECT count(*) FROM a)::text AS action_item_done FROM c";

/* The visit: only a planned inspection is visited (a done one has its visit; changing it is the form's
 * job), so a second press, or someone else's visit first, finds no row. An empty date is today; a summary
 * of blanks is none. */
static const char visit_sql[] =
	"UPDATE iedesk.inspection SET status = 'done',"
	" visited_on = coalesce(nullif($3::text, '')::date, iedesk.today()),"
	" summary = nullif(btrim($4::text, E' \\t\\r\\n'), '')"
	" WHERE id = $1::bigint AND version = $2::int AND status = 'planned'"
	" RETURNING id::text AS inspection_id, version::text AS version";

/* No row has id 0 (nor version 0): a missing value finds nothing rather than failing on the cast. */
static void request_set(struct db_request *req, const char *sql, const char *id, const char *version,
		int nparams)
{
	memset(req, 0, sizeof(*req));
	req->sql = sql;
	req->params[req->nparams++] = xstrdup(id && *id ? id : "0");
	if (nparams > 1)
		req->params[req->nparams++] = xstrdup(version && *version ? version : "0");
}

void db_inspection_plan_request(const char *action_item_id, struct db_request *req)
{
	request_set(req, plan_from_action_item_sql, action_item_id, NULL, 1);
}

void db_inspection_follow_up_request(const char *finding_id, struct db_request *req)
{
	request_set(req, plan_from_finding_sql, finding_id, NULL, 1);
}

void db_finding_resolve_request(const char *finding_id, const char *version, const char *resolved_on,
		const char *note, struct db_request *req)
{
	request_set(req, resolve_sql, finding_id, version, 2);
	req->params[req->nparams++] = xstrdup(resolved_on ? resolved_on : "");
	req->params[req->nparams++] = xstrdup(note ? note : "");
}

void db_inspection_close_request(const char *id, const char *version, bool action_item_done, struct db_request *req)
{
	request_set(req, close_sql, id, version, 2);
	req->params[req->nparams++] = xstrdup(action_item_done ? "true" : "false");
}

void db_inspection_visit_request(const char *id, const char *version, const char *visited_on, const char *summary,
		struct db_request *req)
{
	request_set(req, visit_sql, id, version, 2);
	req->params[req->nparams++] = xstrdup(visited_on ? visited_on : "");
	req->params[req->nparams++] = xstrdup(summary ? summary : "");
}

/* The field of def whose column is name, or the one whose column followed by "_name" it is (*is_name
 * then true); -1 for neither. */
static int field_of_column(const struct db_record_def *def, const char *name, bool *is_name)
{
	size_t len = strlen(name);
	for (int i = 0; i < def->nfields; i++) {
		size_t clen = strlen(def->fields[i].column);
		*is_name = len == clen + 5 && strncmp(name, def->fields[i].column, clen) == 0
			&& strcmp(name + clen, "_name") == 0;
		if (*is_name || strcmp(name, def->fields[i].column) == 0)
			return i;
	}
	return -1;
}

bool db_inspection_plan_parse(const PGresult *res, struct db_record *rec, struct db_error *err)
{
	memset(rec, 0, sizeof(*rec));
	rec->kind = DB_RECORD_INSPECTION;
	if (!res || PQresultStatus(res) != PGRES_TUPLES_OK) {
		db_error_explain(err, res);
		return false;
	}
	int missing = PQfnumber(res, "missing"), wanted = PQfnumber(res, "wanted");
	if (missing < 0 || wanted < 0 || PQntuples(res) != 1) {
		db_error_set(err, "%s", _("the plan came back in an unexpected shape"));
		return false;
	}
	if (!PQgetisnull(res, 0, missing)) {
		const char *kind = PQgetvalue(res, 0, missing), *id = PQgetvalue(res, 0, wanted);
		if (strcmp(kind, "finding") == 0)
			db_error_set(err, _("no finding has the id %s"), id);
		else
			db_error_set(err, _("no action item has the id %s"), id);
		return false;
	}
	const struct db_record_def *def = db_record_def(DB_RECORD_INSPECTION);
	db_record_init(rec, DB_RECORD_INSPECTION);
	for (int c = 0; c < PQnfields(res); c++) {
		if (c == missing || c == wanted)
			continue;
		bool is_name;
		int i = field_of_column(def, PQfname(res, c), &is_name);
		if (i < 0) {
			db_error_set(err, _("the plan names %s, which an inspection does not have"), PQfname(res, c));
			db_record_done(rec);
			return false;
		}
		char **slot = is_name ? &rec->lookup_names[i] : &rec->values[i];
		FREE(slot);
		if (!PQgetisnull(res, 0, c))
			*slot = xstrdup(PQgetvalue(res, 0, c));
	}
	return true;
}
