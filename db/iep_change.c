/* iep_change: what is done to a case's IEPs beyond the generic record: removing a draft or a part of one, and
 * finalising and revising (the rules are iedesk.iep_finalise, iedesk.iep_revise and the final-IEP guard of
 * 0029_cases.sql, which refuses any change to a final IEP but its consent). */
#include "db/private.h"

#include <stdlib.h>
#include <string.h>

static void request_with_id(const char *sql, const char *id, struct db_request *req)
{
	memset(req, 0, sizeof(*req));
	req->sql = sql;
	req->nparams = 1;
	req->params[0] = xstrdup(id && *id ? id : "0");
}

void db_iep_delete_request(const char *id, struct db_request *req)
{
	request_with_id("DELETE FROM iedesk.iep WHERE id = $1::bigint RETURNING id", id, req);
}

void db_iep_member_delete_request(const char *id, struct db_request *req)
{
	request_with_id("DELETE FROM iedesk.iep_member WHERE id = $1::bigint RETURNING id", id, req);
}

/* Its objectives go with it, and its progress notes; sessions on it stay, on no goal. */
void db_iep_goal_delete_request(const char *id, struct db_request *req)
{
	request_with_id("DELETE FROM iedesk.iep_goal WHERE id = $1::bigint RETURNING id", id, req);
}

void db_iep_objective_delete_request(const char *id, struct db_request *req)
{
	request_with_id("DELETE FROM iedesk.iep_objective WHERE id = $1::bigint RETURNING id", id, req);
}

void db_iep_accommodation_delete_request(const char *id, struct db_request *req)
{
	request_with_id("DELETE FROM iedesk.iep_accommodation WHERE id = $1::bigint RETURNING id", id, req);
}

void db_iep_service_delete_request(const char *id, struct db_request *req)
{
	request_with_id("DELETE FROM iedesk.iep_service WHERE id = $1::bigint RETURNING id", id, req);
}

void db_iep_state_request(const char *iep_id, struct db_request *req)
{
	request_with_id("SELECT c.code, i.status, i.number::text, i.version::text,"
		" (SELECT coalesce(max(x.number), 0) + 1 FROM iedesk.iep x WHERE x.case_id = i.case_id)::text"
		" FROM iedesk.iep i JOIN iedesk.student_case c ON c.id = i.case_id WHERE i.id = $1::bigint", iep_id, req);
}

static char *cell_or_null(const PGresult *res, int column)
{
	return PQgetisnull(res, 0, column) ? NULL : xstrdup(PQgetvalue(res, 0, column));
}

bool db_iep_state_parse(const PGresult *res, struct db_iep_state *state, struct db_error *err)
{
	memset(state, 0, sizeof(*state));
	if (PQresultStatus(res) != PGRES_TUPLES_OK || PQnfields(res) != 5) {
		db_error_set(err, "%s", _("the IEP came back in an unexpected shape"));
		return false;
	}
	if (PQntuples(res) == 0) {
		db_error_set(err, "%s", _("that IEP is not there (or not yours to read)"));
		return false;
	}
	state->code = cell_or_null(res, 0);
	state->status = cell_or_null(res, 1);
	state->number = cell_or_null(res, 2);
	state->version = cell_or_null(res, 3);
	state->next_number = cell_or_null(res, 4);
	return true;
}

void db_iep_state_done(struct db_iep_state *state)
{
	FREE(&state->code);
	FREE(&state->status);
	FREE(&state->number);
	FREE(&state->version);
	FREE(&state->next_number);
}

void db_iep_finalise_request(const char *iep_id, const char *version, struct db_request *req)
{
	request_with_id("SELECT iedesk.iep_finalise($1::bigint, $2::int)::text AS number", iep_id, req);
	/* no version is no match: a conflict rather than a number the server cannot read */
	req->params[req->nparams++] = xstrdup(version && *version ? version : "0");
}

void db_iep_revise_request(const char *iep_id, struct db_request *req)
{
	request_with_id("SELECT iedesk.iep_revise($1::bigint)::text AS id", iep_id, req);
}
