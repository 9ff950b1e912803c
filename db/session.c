/* session: the UI's connection — connects, sends and reads without ever blocking, runs one query at
 * a time, notices a dropped connection at once and reconnects with a growing back-off; listens on the
 * channel iedesk so that every change anyone commits reaches the UI as an event; knows the database's day
 * and asks it again at the database's midnight, so a session open across midnight moves on with it. */
#include "db/private.h"

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum session_state {
	SESSION_DOWN,        /* no connection; the next attempt is due at retry_at */
	SESSION_CONNECTING,  /* PQconnectPoll in progress */
	SESSION_READY,       /* connected, nothing running */
	SESSION_BUSY,        /* a query is in flight */
};

/* The channel 0013_notify.sql's triggers notify, with "table:id". */
#define LISTEN_SQL "LISTEN iedesk"

/* The session's own queries, which nobody waits for: LISTEN and who-am-I after each connect, who-am-I
 * again (for the day) at the database's midnight. */
enum session_own {
	OWN_NONE,
	OWN_LISTEN,
	OWN_WHO,
};

/* Asked again at the database's midnight, and at least this often (a clock or time zone may move). */
#define DAY_CHECK_MAX_MS (10 * 60 * 1000)

struct db_session {
	char *service, *conninfo, *options;
	PGconn *conn;
	enum session_state state;
	PostgresPollingStatusType connect_poll;
	bool flushing;                 /* the query is not all written yet */
	enum session_own own;          /* the session's own query in flight, if any */
	struct db_whoami who;          /* who the login is, and the database's day, kept for the UI */
	bool knows_who;
	long long day_check_at_ms;     /* when to ask for the day again (0: not while unknown) */
	struct db_request running;     /* kept so it can be sent again after a reconnect */
	unsigned running_tag;
	bool has_running;
	bool cancelled;
	PGresult *first_result;        /* the first result of the running query */
	struct db_request waiting;
	unsigned waiting_tag;
	bool has_waiting;
	unsigned dropped[8];           /* tags of waiting queries another replaced, owed as DB_EVENT_DROPPED */
	int ndropped;
	long backoff_ms;
	long long retry_at_ms, busy_since_ms;
	bool lost_reported;            /* a DB_EVENT_LOST is owed to the caller */
};

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

struct db_session *db_session_new(const struct db_target *target)
{
	struct db_session *s = xcalloc(1, sizeof(*s));
	s->service = target && target->service ? xstrdup(target->service) : NULL;
	s->conninfo = target && target->conninfo ? xstrdup(target->conninfo) : NULL;
	s->options = target && target->options ? xstrdup(target->options) : NULL;
	s->state = SESSION_DOWN;
	s->retry_at_ms = now_ms();
	return s;
}

void db_session_free(struct db_session *s)
{
	if (!s)
		return;
	if (s->conn)
		PQfinish(s->conn);
	PQclear(s->first_result);
	db_request_done(&s->running);
	db_request_done(&s->waiting);
	db_whoami_done(&s->who);
	free(s->service);
	free(s->conninfo);
	free(s->options);
	free(s);
}

int db_session_socket(const struct db_session *s)
{
	return s->conn && s->state != SESSION_DOWN ? PQsocket(s->conn) : -1;
}

short db_session_poll_events(const struct db_session *s)
{
	if (s->state == SESSION_CONNECTING)
		return s->connect_poll == PGRES_POLLING_WRITING ? POLLOUT : POLLIN;
	/* Always read, even when idle: a server that goes away says so on the socket. */
	return POLLIN | (s->flushing ? POLLOUT : 0);
}

int db_session_timeout_ms(const struct db_session *s)
{
	long long at;
	if (s->ndropped)
		return 0;
	if (s->state == SESSION_DOWN)
		at = s->retry_at_ms;
	else if (s->state == SESSION_READY && s->day_check_at_ms)
		at = s->day_check_at_ms;
	else
		return -1;
	long long left = at - now_ms();
	return left < 0 ? 0 : (int)left;
}

bool db_session_connected(const struct db_session *s)
{
	return s->state == SESSION_READY || s->state == SESSION_BUSY;
}

long db_session_busy_ms(const struct db_session *s)
{
	return s->has_running && s->state == SESSION_BUSY && !s->own ? (long)(now_ms() - s->busy_since_ms) : -1;
}

static void go_down(struct db_session *s)
{
	if (s->conn)
		PQfinish(s->conn);
	s->conn = NULL;
	PQclear(s->first_result);
	s->first_result = NULL;
	s->flushing = false;
	s->own = OWN_NONE;
	s->day_check_at_ms = 0;
	s->state = SESSION_DOWN;
	s->backoff_ms = s->backoff_ms ? s->backoff_ms * 2 : 250;
	if (s->backoff_ms > 8000)
		s->backoff_ms = 8000;
	s->retry_at_ms = now_ms() + s->backoff_ms;
}

/* libpq prints notices (and a dying server's FATAL) on stderr, right over the screen. */
static void ignore_notice(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

static void start_connect(struct db_session *s)
{
	const char *keywords[8], *values[8];
	struct db_target target = { .service = s->service, .conninfo = s->conninfo, .options = s->options };
	db_target_params(&target, keywords, values);
	s->conn = PQconnectStartParams(keywords, values, 1);
	if (s->conn)
		PQsetNoticeProcessor(s->conn, ignore_notice, NULL);
	s->state = SESSION_CONNECTING;
	s->connect_poll = PGRES_POLLING_WRITING;
}

/* Put the running query on the wire; the rest is written as the socket allows. */
static bool send_running(struct db_session *s, struct db_event *ev)
{
	const char *params[DB_MAX_PARAMS];
	for (int i = 0; i < s->running.nparams; i++)
		params[i] = s->running.params[i];
	s->cancelled = false;
	s->busy_since_ms = now_ms();
	if (!PQsendQueryParams(s->conn, s->running.sql, s->running.nparams, NULL, params, NULL, NULL, 0)) {
		if (PQstatus(s->conn) == CONNECTION_BAD)
			return false;
		ev->kind = DB_EVENT_FAILED;
		ev->tag = s->running_tag;
		db_error_from_result(&ev->error, s->conn, NULL, "");
		db_request_done(&s->running);
		s->has_running = false;
		return true;
	}
	s->state = SESSION_BUSY;
	s->flushing = PQflush(s->conn) == 1;
	return true;
}

void db_session_send(struct db_session *s, struct db_request *req, unsigned tag)
{
	/* the one waiting place is taken: whoever asked for what waited there is told */
	if (s->has_waiting && s->waiting_tag != tag) {
		if (s->ndropped == (int)(sizeof(s->dropped) / sizeof(s->dropped[0])))
			memmove(s->dropped, s->dropped + 1, sizeof(s->dropped) - sizeof(s->dropped[0]));
		else
			s->ndropped++;
		s->dropped[s->ndropped - 1] = s->waiting_tag;
	}
	db_request_done(&s->waiting);
	s->waiting = *req;
	s->waiting_tag = tag;
	s->has_waiting = true;
	memset(req, 0, sizeof(*req));
}

bool db_session_cancel(struct db_session *s)
{
	db_request_done(&s->waiting);
	s->has_waiting = false;
	if (!s->has_running)
		return false;
	if (s->state != SESSION_BUSY || s->own) {
		/* Not on the wire (the connection is down, or the session's own query goes first): forget it. */
		db_request_done(&s->running);
		s->has_running = false;
		return true;
	}
	PGcancel *cancel = PQgetCancel(s->conn);
	char buf[256];
	if (cancel) {
		PQcancel(cancel, buf, sizeof(buf));
		PQfreeCancel(cancel);
	}
	s->cancelled = true;
	return true;
}

static bool step_connecting(struct db_session *s, struct db_event *ev)
{
	s->connect_poll = PQconnectPoll(s->conn);
	if (s->connect_poll == PGRES_POLLING_FAILED) {
		ev->kind = DB_EVENT_CONNECT_FAILED;
		db_error_from_connection(&ev->error, s->conn);
		go_down(s);
		return true;
	}
	if (s->connect_poll != PGRES_POLLING_OK)
		return false;
	PQsetnonblocking(s->conn, 1);
	s->state = SESSION_READY;
	s->backoff_ms = 0;
	s->lost_reported = false;
	/* LISTEN before anything waiting, on every new connection: a reconnect must not go deaf. */
	if (!PQsendQuery(s->conn, LISTEN_SQL)) {
		ev->kind = DB_EVENT_LOST;
		ev->tag = s->has_running ? s->running_tag : 0;
		db_error_from_connection(&ev->error, s->conn);
		go_down(s);
		return true;
	}
	s->own = OWN_LISTEN;
	s->state = SESSION_BUSY;
	s->flushing = PQflush(s->conn) == 1;
	ev->kind = DB_EVENT_CONNECTED;
	return true;
}

/* A notification as an event: the payload is "table:id". */
static bool take_notification(struct db_session *s, struct db_event *ev)
{
	PGnotify *n = PQnotifies(s->conn);
	if (!n)
		return false;
	ev->kind = DB_EVENT_CHANGED;
	const char *payload = n->extra ? n->extra : "";
	const char *colon = strchr(payload, ':');
	size_t table_len = colon ? (size_t)(colon - payload) : strlen(payload);
	if (table_len >= sizeof(ev->table))
		table_len = sizeof(ev->table) - 1;
	memcpy(ev->table, payload, table_len);
	ev->table[table_len] = '\0';
	snprintf(ev->id, sizeof(ev->id), "%s", colon ? colon + 1 : "");
	/* the server names the backend whose transaction sent it: ours means a save made here */
	ev->own = n->be_pid == PQbackendPID(s->conn);
	PQfreemem(n);
	return true;
}

static bool send_who(struct db_session *s)
{
	struct db_request who;
	db_whoami_request(&who);
	bool sent = PQsendQueryParams(s->conn, who.sql, 0, NULL, NULL, NULL, NULL, 0);
	db_request_done(&who);
	if (!sent)
		return false;
	s->own = OWN_WHO;
	s->state = SESSION_BUSY;
	s->flushing = PQflush(s->conn) == 1;
	return true;
}

/* Who-am-I answered. A database older than accounts (or a failure) leaves the login unknown: the UI then
 * offers every action and the database decides. A day other than the one known is reported. */
static bool take_who(struct db_session *s, PGresult *res, struct db_event *ev)
{
	struct db_whoami who;
	struct db_error ignored;
	bool moved = false;
	if (db_whoami_parse(res, &who, &ignored)) {
		moved = s->knows_who && strcmp(s->who.today, who.today) != 0;
		db_whoami_done(&s->who);
		s->who = who;
		s->knows_who = true;
		long long wait = who.midnight_s < 0 ? DAY_CHECK_MAX_MS : who.midnight_s * 1000 + 200;
		s->day_check_at_ms = now_ms() + (wait < 200 ? 200 : wait > DAY_CHECK_MAX_MS ? DAY_CHECK_MAX_MS : wait);
	}
	PQclear(res);
	s->own = OWN_NONE;
	s->state = SESSION_READY;
	if (moved)
		ev->kind = DB_EVENT_DAY;
	return moved;
}

/* Read what the server sent; report the finished query, or a lost connection. */
static bool step_reading(struct db_session *s, struct db_event *ev)
{
	if (s->flushing) {
		int flushed = PQflush(s->conn);
		if (flushed < 0)
			goto lost;
		s->flushing = flushed == 1;
	}
	if (!PQconsumeInput(s->conn) || PQstatus(s->conn) == CONNECTION_BAD)
		goto lost;
	if (take_notification(s, ev))
		return true;
	if (s->state != SESSION_BUSY) {
		/* Idle, yet the server spoke: a notice, or it is going away. */
		PGresult *stray;
		while (!PQisBusy(s->conn) && (stray = PQgetResult(s->conn)))
			PQclear(stray);
		if (PQstatus(s->conn) == CONNECTION_BAD)
			goto lost;
		return false;
	}
	while (!PQisBusy(s->conn)) {
		PGresult *res = PQgetResult(s->conn);
		if (!res)
			break;
		if (!s->first_result)
			s->first_result = res;
		else
			PQclear(res);
	}
	if (PQisBusy(s->conn))
		return false;
	/* The query is finished: all its results are read. */
	PGresult *res = s->first_result;
	s->first_result = NULL;
	if (PQstatus(s->conn) == CONNECTION_BAD) {
		PQclear(res);
		goto lost;
	}
	if (s->own == OWN_LISTEN) {
		/* Should LISTEN fail, the data still comes, only not live; the next reconnect tries again.
		 * Then: who is this login. */
		PQclear(res);
		if (!send_who(s))
			goto lost;
		return false;
	}
	if (s->own == OWN_WHO)
		return take_who(s, res, ev);
	ev->tag = s->running_tag;
	ExecStatusType status = PQresultStatus(res);
	if (status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK) {
		ev->kind = DB_EVENT_RESULT;
		ev->result = res;
	} else {
		const char *state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
		ev->kind = s->cancelled && state && strcmp(state, "57014") == 0 ? DB_EVENT_CANCELLED : DB_EVENT_FAILED;
		db_error_explain(&ev->error, res);
		PQclear(res);
	}
	db_request_done(&s->running);
	s->has_running = false;
	s->state = SESSION_READY;
	return true;
lost:
	ev->kind = DB_EVENT_LOST;
	ev->tag = s->has_running ? s->running_tag : 0;
	db_error_from_connection(&ev->error, s->conn);
	go_down(s);
	return true;
}

bool db_session_step(struct db_session *s, struct db_event *ev)
{
	memset(ev, 0, sizeof(*ev));
	if (s->ndropped) {
		ev->kind = DB_EVENT_DROPPED;
		ev->tag = s->dropped[0];
		memmove(s->dropped, s->dropped + 1, (size_t)(--s->ndropped) * sizeof(s->dropped[0]));
		return true;
	}
	switch (s->state) {
	case SESSION_DOWN:
		if (now_ms() < s->retry_at_ms)
			return false;
		start_connect(s);
		if (!s->conn || PQstatus(s->conn) == CONNECTION_BAD) {
			ev->kind = DB_EVENT_CONNECT_FAILED;
			db_error_from_connection(&ev->error, s->conn);
			go_down(s);
			return true;
		}
		return false;  /* PQconnectPoll only once the socket is writable */
	case SESSION_CONNECTING:
		return step_connecting(s, ev);
	case SESSION_BUSY:
		if (step_reading(s, ev))
			return true;
		if (s->state != SESSION_READY)
			return false;
		/* LISTEN is answered: what waited for it goes now */
		/* fall through */
	case SESSION_READY:
		if (step_reading(s, ev))
			return true;
		if (s->state != SESSION_READY)
			return false;
		/* The day is asked for when nothing else is to be sent. */
		if (!s->has_running && !s->has_waiting && s->day_check_at_ms && now_ms() >= s->day_check_at_ms) {
			if (!send_who(s)) {
				ev->kind = DB_EVENT_LOST;
				db_error_from_connection(&ev->error, s->conn);
				go_down(s);
				return true;
			}
			return false;
		}
		/* A query lost with the connection goes first, then the newest waiting one. */
		if (!s->has_running && s->has_waiting) {
			s->running = s->waiting;
			s->running_tag = s->waiting_tag;
			s->has_running = true;
			memset(&s->waiting, 0, sizeof(s->waiting));
			s->has_waiting = false;
		}
		if (s->has_running && !send_running(s, ev)) {
			ev->kind = DB_EVENT_LOST;
			ev->tag = s->running_tag;
			db_error_from_connection(&ev->error, s->conn);
			go_down(s);
			return true;
		}
		return ev->kind != DB_EVENT_NONE;
	}
	return false;
}

const struct db_whoami *db_session_whoami(const struct db_session *s)
{
	return s->knows_who ? &s->who : NULL;
}

const char *db_session_today(const struct db_session *s)
{
	return s->knows_who ? s->who.today : NULL;
}
