/* consortium: what is done to consortia, their members and shared resources, and training attendance
 * beyond the generic record: ending a membership (of a school, of a parent committee), deleting a resource or an
 * attendance. */
#include "db/private.h"

#include <string.h>

static void request_with_id(const char *sql, const char *id, struct db_request *req)
{
	memset(req, 0, sizeof(*req));
	req->sql = sql;
	req->nparams = 1;
	req->params[0] = xstrdup(id ? id : "0");
}

/* History stays: a member that leaves keeps its row, dated. */
void db_member_end_request(const char *member_id, struct db_request *req)
{
	request_with_id("UPDATE iedesk.consortium_member SET left_on = iedesk.today()"
		" WHERE id = $1::bigint AND left_on IS NULL RETURNING id, version", member_id, req);
}

void db_committee_member_end_request(const char *member_id, struct db_request *req)
{
	request_with_id("UPDATE iedesk.committee_member SET left_on = iedesk.today()"
		" WHERE id = $1::bigint AND left_on IS NULL RETURNING id, version", member_id, req);
}

void db_shared_resource_delete_request(const char *id, struct db_request *req)
{
	request_with_id("DELETE FROM iedesk.shared_resource WHERE id = $1::bigint RETURNING id", id, req);
}

void db_attendance_delete_request(const char *id, struct db_request *req)
{
	request_with_id("DELETE FROM iedesk.training_attendance WHERE id = $1::bigint RETURNING id", id, req);
}
