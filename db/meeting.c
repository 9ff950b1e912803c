/* meeting: what is done to a meeting's attendees, agenda, decisions and action items beyond the generic
 * record: removing them, dropping an action item (it stays on record, dropped), and finalising and amending
 * the minutes (the rules are iedesk.meeting_finalise and iedesk.meeting_amend, 0009_meeting_final.sql). */
#include "db/private.h"

#include <string.h>

static void request_with_id(const char *sql, const char *id, struct db_request *req)
{
	memset(req, 0, sizeof(*req));
	req->sql = sql;
	req->nparams = 1;
	req->params[0] = xstrdup(id && *id ? id : "0");
}

void db_attendee_delete_request(const char *id, struct db_request *req)
{
	request_with_id("DELETE FROM iedesk.meeting_attendee WHERE id = $1::bigint RETURNING id", id, req);
}

/* Its decisions stay: their foreign key sets agenda_item_id to NULL. */
void db_agenda_item_delete_request(const char *id, struct db_request *req)
{
	request_with_id("DELETE FROM iedesk.agenda_item WHERE id = $1::bigint RETURNING id", id, req);
}

/* Refused (action_item_decision_id_fkey, RESTRICT) while any action item refers to it. */
void db_decision_delete_request(const char *id, struct db_request *req)
{
	request_with_id("DELETE FROM iedesk.decision WHERE id = $1::bigint RETURNING id", id, req);
}

void db_action_item_drop_request(const char *id, struct db_request *req)
{
	request_with_id("UPDATE iedesk.action_item SET status = 'dropped'"
		" WHERE id = $1::bigint AND status IN ('open', 'in-progress') RETURNING id, version", id, req);
}

void db_meeting_finalise_request(const char *meeting_id, const char *version, struct db_request *req)
{
	request_with_id("SELECT id, version, status FROM iedesk.meeting_finalise($1::bigint, $2::int)", meeting_id, req);
	/* no version is no match: a conflict rather than a number the server cannot read */
	req->params[req->nparams++] = xstrdup(version && *version ? version : "0");
}

void db_meeting_amend_request(const char *meeting_id, const char *reason, struct db_request *req)
{
	request_with_id("SELECT id, opened_by, opened_at FROM iedesk.meeting_amend($1::bigint, $2)", meeting_id, req);
	req->params[req->nparams++] = xstrdup(reason ? reason : "");
}
