/* meeting: what is done to a meeting's attendees, agenda, decisions and action items beyond the generic
 * record: removing them, and dropping an action item (it stays on record, dropped). */
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
