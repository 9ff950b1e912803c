/* manager: what is special about manager appointments beyond the generic record (see 0005). */
#include "db/private.h"

#include <string.h>

void db_manager_end_request(const char *school_id, struct db_request *req)
{
	memset(req, 0, sizeof(*req));
	req->sql = "SELECT id, version FROM iedesk.manager_appointment_end($1::bigint, iedesk.today())";
	req->nparams = 1;
	req->params[0] = xstrdup(school_id);
}
