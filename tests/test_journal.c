/* test_journal: the drafts journal keeps what was typed exactly — tabs, newlines, backslashes, Chinese,
 * NULLs — and refuses a file it does not understand rather than restoring garbage. */
#include "tests/tests.h"
#include "tui/view.h"
#include "config/config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[] = "/tmp/iedesk-journal-XXXXXX";
static char *path;

static void setup(void)
{
	strcpy(dir, "/tmp/iedesk-journal-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	path = xasprintf("%s/drafts", dir);
}

static void teardown(void)
{
	unlink(path);
	rmdir(dir);
	FREE(&path);
}

START_TEST(round_trip)
{
	const struct db_record_def *def = db_record_def(DB_RECORD_SCHOOL);
	struct journal journal = { 0 };
	struct journal_form *form = journal_add_form(&journal);
	form->kind = DB_RECORD_SCHOOL;
	form->id = xstrdup("21");
	form->version = xstrdup("3");
	form->nvalues = def->nfields;
	form->values = xcalloc((size_t)def->nfields, sizeof(char *));
	form->names = xcalloc((size_t)def->nfields, sizeof(char *));
	form->values[0] = xstrdup("1");
	form->names[0] = xstrdup("怀柔区");
	form->values[2] = xstrdup("怀柔区第一小学\t(tab)\\n not a newline\nreal newline\\");
	form->values[10] = xstrdup("");
	/* a new person, not saved yet: its INSERT's client key goes with it */
	struct journal_form *person = journal_add_form(&journal);
	person->kind = DB_RECORD_PERSON;
	person->nvalues = db_record_def(DB_RECORD_PERSON)->nfields;
	person->values = xcalloc((size_t)person->nvalues, sizeof(char *));
	person->names = xcalloc((size_t)person->nvalues, sizeof(char *));
	person->values[0] = xstrdup("王老师");
	person->client_key = db_client_key_new();
	ck_assert(journal_write(path, &journal));

	struct journal back;
	ck_assert(journal_read(path, &back));
	ck_assert_uint_eq(back.nforms, 2);
	ck_assert_uint_eq(back.ncaptures, 0);
	ck_assert_ptr_null(back.forms[0].client_key);
	ck_assert_ptr_null(back.forms[1].id);
	ck_assert_str_eq(back.forms[1].values[0], "王老师");
	ck_assert_str_eq(back.forms[1].client_key, person->client_key);
	struct journal copied = { 0 };
	journal_copy(&copied, &back);
	ck_assert_str_eq(copied.forms[1].client_key, person->client_key);
	journal_done(&copied);
	ck_assert_int_eq(back.forms[0].kind, DB_RECORD_SCHOOL);
	ck_assert_str_eq(back.forms[0].id, "21");
	ck_assert_str_eq(back.forms[0].version, "3");
	ck_assert_int_eq(back.forms[0].nvalues, def->nfields);
	ck_assert_str_eq(back.forms[0].values[0], "1");
	ck_assert_str_eq(back.forms[0].names[0], "怀柔区");
	ck_assert_str_eq(back.forms[0].values[2], journal.forms[0].values[2]);   /* form moved with the second */
	ck_assert_ptr_null(back.forms[0].values[3]);
	ck_assert_str_eq(back.forms[0].values[10], "");
	journal_done(&back);

	/* nothing left to keep: the file goes */
	journal_done(&journal);
	ck_assert(journal_write(path, &journal));
	ck_assert_int_ne(access(path, F_OK), 0);
	ck_assert(journal_read(path, &back));
	ck_assert_uint_eq(journal_count(&back), 0);
}
END_TEST

/* A meeting being recorded comes back line for line: saved and unsaved, numbers and owners. */
START_TEST(capture_round_trip)
{
	struct journal journal = { 0 };
	struct journal_capture *capture = journal_add_capture(&journal);
	capture->meeting_id = xstrdup("7");
	capture->title = xstrdup("2026年秋季融合教育推进会\t");
	capture->today = xstrdup("2026-11-24");
	struct journal_line *l = journal_add_line(capture);
	l->section = DB_CAPTURE_AGENDA;
	l->id = xstrdup("40");
	l->version = xstrdup("2");
	l->saved = xstrdup("资源教室建设 | 各校汇报");
	l->text = xstrdup("资源教室建设 | 各校汇报 | 补充\\说明");
	l->position = 3;
	l = journal_add_line(capture);
	l->section = DB_CAPTURE_ACTIONS;
	l->text = xstrdup("完成资源教室 | 怀柔区第一小学 | +30d");
	l->parent = 2;
	l->key = db_client_key_new();   /* sent once, answer lost: the same key finds the row */
	/* who a name is, as the secretary said: a person of two of the name; an organisation */
	l = journal_add_line(capture);
	l->section = DB_CAPTURE_ATTENDEES;
	l->text = xstrdup("王静");
	l->choice_for = xstrdup("王静");
	l->choice = xstrdup("12");
	l = journal_add_line(capture);
	l->section = DB_CAPTURE_ATTENDEES;
	l->text = xstrdup("张三丰");
	l->choice_for = xstrdup("张三丰");
	ck_assert(journal_write(path, &journal));

	struct journal back;
	ck_assert(journal_read(path, &back));
	ck_assert_uint_eq(back.nforms, 0);
	ck_assert_uint_eq(back.ncaptures, 1);
	const struct journal_capture *c = &back.captures[0];
	ck_assert_str_eq(c->meeting_id, "7");
	ck_assert_str_eq(c->title, capture->title);
	ck_assert_str_eq(c->today, "2026-11-24");
	ck_assert_uint_eq(c->count, 4);
	ck_assert_ptr_null(c->lines[0].choice_for);
	ck_assert_str_eq(c->lines[2].choice_for, "王静");
	ck_assert_str_eq(c->lines[2].choice, "12");
	ck_assert_ptr_null(c->lines[2].key);
	ck_assert_str_eq(c->lines[3].choice_for, "张三丰");
	ck_assert_ptr_null(c->lines[3].choice);
	ck_assert_int_eq(c->lines[0].section, DB_CAPTURE_AGENDA);
	ck_assert_str_eq(c->lines[0].id, "40");
	ck_assert_str_eq(c->lines[0].version, "2");
	ck_assert_str_eq(c->lines[0].saved, capture->lines[0].saved);
	ck_assert_str_eq(c->lines[0].text, capture->lines[0].text);
	ck_assert_int_eq(c->lines[0].position, 3);
	ck_assert_int_eq(c->lines[1].section, DB_CAPTURE_ACTIONS);
	ck_assert_ptr_null(c->lines[1].id);
	ck_assert_ptr_null(c->lines[1].saved);
	ck_assert_str_eq(c->lines[1].text, capture->lines[1].text);
	ck_assert_int_eq(c->lines[1].parent, 2);
	ck_assert_ptr_null(c->lines[0].key);
	ck_assert_str_eq(c->lines[1].key, capture->lines[1].key);

	/* copies are deep, and taking moves */
	struct journal copy = { 0 }, taken = { 0 };
	journal_copy(&copy, &back);
	journal_done(&back);
	ck_assert_str_eq(copy.captures[0].lines[1].text, capture->lines[1].text);
	ck_assert_str_eq(copy.captures[0].lines[1].key, capture->lines[1].key);
	ck_assert_str_eq(copy.captures[0].lines[2].choice, "12");
	journal_take(&taken, &copy);
	ck_assert_uint_eq(journal_count(&copy), 0);
	ck_assert_uint_eq(journal_count(&taken), 1);
	journal_done(&taken);
	journal_done(&journal);
}
END_TEST

START_TEST(unreadable_refused)
{
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs("iedesk-drafts 1\nform\tschool\t\\N\t\\N\t2\nvalue\ta\t\\N\n", f);   /* a school has more fields */
	fclose(f);
	struct journal back;
	ck_assert(!journal_read(path, &back));
	ck_assert_uint_eq(journal_count(&back), 0);
	f = fopen(path, "w");
	fputs("iedesk-drafts 1\nline\t1\t\\N\t\\N\t0\t0\t\\N\ttext\n", f);   /* a line outside any capture */
	fclose(f);
	ck_assert(!journal_read(path, &back));
	f = fopen(path, "w");
	fputs("iedesk-drafts 1\ncapture\t7\tt\t\\N\t1\nline\t9\t\\N\t\\N\t0\t0\t\\N\ttext\n", f);   /* no section 9 */
	fclose(f);
	ck_assert(!journal_read(path, &back));
	f = fopen(path, "w");
	fputs("iedesk-drafts 1\ncapture\t7\tt\t\\N\t1\nline\t1\t\\N\t\\N\t0\t0\t\\N\ttext\tnot-a-key\n", f);
	fclose(f);
	ck_assert(!journal_read(path, &back));
	f = fopen(path, "w");
	fputs("something else entirely\n", f);
	fclose(f);
	ck_assert(!journal_read(path, &back));
}
END_TEST

/* A journal written before client keys (no key field on its form and line rows) still reads: the keys are
 * NULL, and a restored new record or line gets a fresh one. */
START_TEST(old_journal_reads)
{
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs("iedesk-drafts 1\n"
		"form\tperson\t\\N\t\\N\t4\n"
		"value\t王老师\t\\N\nvalue\t\\N\t\\N\nvalue\t\\N\t\\N\nvalue\t2\t怀柔区\n"
		"capture\t3\t委员会\t2026-11-24\t1\n"
		"line\t1\t\\N\t\\N\t1\t0\t\\N\t资源教室 | 备注\n", f);
	fclose(f);
	struct journal back;
	ck_assert(journal_read(path, &back));
	ck_assert_uint_eq(back.nforms, 1);
	ck_assert_uint_eq(back.ncaptures, 1);
	ck_assert_str_eq(back.forms[0].values[0], "王老师");
	ck_assert_str_eq(back.forms[0].names[3], "怀柔区");
	ck_assert_ptr_null(back.forms[0].client_key);
	ck_assert_uint_eq(back.captures[0].count, 1);
	ck_assert_str_eq(back.captures[0].lines[0].text, "资源教室 | 备注");
	ck_assert_ptr_null(back.captures[0].lines[0].key);
	journal_done(&back);
}
END_TEST

/* A new record's form keeps its client key through the journal: drafted, restored and drafted again it
 * carries the same key (so its INSERT, sent again, finds the row a lost first sending stored); a draft
 * from an old journal, without one, gets a fresh key. */
START_TEST(form_key_survives_restore)
{
	struct config cfg;
	config_init(&cfg);
	struct view_context ctx = { .cfg = &cfg };
	struct view *form = view_form_new(&ctx, DB_RECORD_PERSON, NULL, NULL);
	struct journal first = { 0 };
	ck_assert(!form->ops->draft(form, &first));   /* an untouched form has nothing to keep */
	view_free(form);
	struct journal_form *typed = journal_add_form(&first);
	typed->kind = DB_RECORD_PERSON;
	typed->nvalues = db_record_def(DB_RECORD_PERSON)->nfields;
	typed->values = xcalloc((size_t)typed->nvalues, sizeof(char *));
	typed->names = xcalloc((size_t)typed->nvalues, sizeof(char *));
	typed->values[0] = xstrdup("王老师");
	typed->client_key = db_client_key_new();

	form = view_form_from_draft(&ctx, &first.forms[0]);
	struct journal again = { 0 };
	ck_assert(form->ops->draft(form, &again));
	ck_assert_uint_eq(again.nforms, 1);
	ck_assert_str_eq(again.forms[0].values[0], "王老师");
	ck_assert_str_eq(again.forms[0].client_key, first.forms[0].client_key);
	view_free(form);
	journal_done(&again);

	FREE(&first.forms[0].client_key);   /* as read from an old journal */
	form = view_form_from_draft(&ctx, &first.forms[0]);
	ck_assert(form->ops->draft(form, &again));
	ck_assert_ptr_nonnull(again.forms[0].client_key);
	ck_assert_uint_eq(strlen(again.forms[0].client_key), 36);
	view_free(form);
	journal_done(&again);
	journal_done(&first);
	config_done(&cfg);
}
END_TEST

/* What was typed may be anyone's name and phone: the file is the user's alone, even where one was there. */
START_TEST(file_is_private)
{
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fclose(f);
	chmod(path, 0644);
	struct journal journal = { 0 };
	struct journal_capture *c = journal_add_capture(&journal);
	c->meeting_id = xstrdup("3");
	journal_add_line(c)->text = xstrdup("王静 13800000000");
	ck_assert(journal_write(path, &journal));
	struct stat st;
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0600);
	journal_done(&journal);
}
END_TEST

/* One unsaved school form, as a session would leave it in its file. */
static void write_form_draft(const char *to, const char *name)
{
	struct journal journal = { 0 };
	struct journal_form *form = journal_add_form(&journal);
	form->kind = DB_RECORD_PERSON;
	form->nvalues = db_record_def(DB_RECORD_PERSON)->nfields;
	form->values = xcalloc((size_t)form->nvalues, sizeof(char *));
	form->names = xcalloc((size_t)form->nvalues, sizeof(char *));
	form->values[0] = xstrdup(name);
	ck_assert(journal_write(to, &journal));
	journal_done(&journal);
}

/* Issue 15: A left a form unsaved, B (running) typed a line; a start took B's running work for ended and
 * lost A's. Each session has its own file; a start takes only the files of sessions that have ended. */
START_TEST(sessions_keep_their_own)
{
	setenv("XDG_STATE_HOME", dir, 1);
	struct journal_file a, b, c;
	ck_assert(journal_open(NULL, &a));
	ck_assert(journal_open(NULL, &b));
	ck_assert_str_ne(a.path, b.path);
	write_form_draft(a.path, "甲的表单");
	write_form_draft(b.path, "乙的一行");

	/* A still runs: B takes nothing of it */
	struct journal got;
	ck_assert(journal_claim_ended(&b, &got));
	ck_assert_uint_eq(journal_count(&got), 0);
	ck_assert_int_eq(access(a.path, F_OK), 0);

	/* A ends (a hang-up closes its files, so the lock is free): C gets A's form and only A's */
	char *a_path = xstrdup(a.path);
	journal_close(&a);
	ck_assert_int_eq(access(a_path, F_OK), 0);   /* its drafts stay for the next start */
	ck_assert(journal_open(NULL, &c));
	ck_assert(journal_claim_ended(&c, &got));
	ck_assert_uint_eq(got.nforms, 1);
	ck_assert_str_eq(got.forms[0].values[0], "甲的表单");
	journal_done(&got);
	/* moved: into C's file, out of A's, so no other start is offered it again */
	ck_assert_int_ne(access(a_path, F_OK), 0);
	struct journal held;
	ck_assert(journal_read(c.path, &held));
	ck_assert_uint_eq(held.nforms, 1);
	journal_done(&held);
	ck_assert(journal_read(b.path, &held));
	ck_assert_str_eq(held.forms[0].values[0], "乙的一行");
	journal_done(&held);

	/* B ends with nothing left: its lock goes too; C ends with A's form kept for the next start */
	unlink(b.path);
	journal_close(&b);
	char *c_path = xstrdup(c.path);
	journal_close(&c);
	struct journal_file d;
	ck_assert(journal_open(NULL, &d));
	ck_assert(journal_claim_ended(&d, &got));
	ck_assert_uint_eq(got.nforms, 1);
	ck_assert_str_eq(got.forms[0].values[0], "甲的表单");
	journal_done(&got);
	ck_assert_int_ne(access(c_path, F_OK), 0);
	unlink(d.path);
	journal_close(&d);
	free(a_path);
	free(c_path);
	char *cmd = xasprintf("rm -rf '%s/iedesk'", dir);
	ck_assert_int_eq(system(cmd), 0);
	free(cmd);
	unsetenv("XDG_STATE_HOME");
}
END_TEST

/* The one file of the versions before sessions had their own is offered once, then moved. */
START_TEST(old_single_file_claimed)
{
	setenv("XDG_STATE_HOME", dir, 1);
	struct journal_file own;
	ck_assert(journal_open(NULL, &own));
	char *old = xasprintf("%s/drafts-%s", own.dir, own.hash);
	write_form_draft(old, "旧版本的表单");
	struct journal got;
	ck_assert(journal_claim_ended(&own, &got));
	ck_assert_uint_eq(got.nforms, 1);
	ck_assert_str_eq(got.forms[0].values[0], "旧版本的表单");
	journal_done(&got);
	ck_assert_int_ne(access(old, F_OK), 0);
	unlink(own.path);
	journal_close(&own);
	free(old);
	char *cmd = xasprintf("rm -rf '%s/iedesk'", dir);
	ck_assert_int_eq(system(cmd), 0);
	free(cmd);
	unsetenv("XDG_STATE_HOME");
}
END_TEST

Suite *journal_suite(void)
{
	Suite *s = suite_create("journal");
	TCase *tc = tcase_create("file");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, round_trip);
	tcase_add_test(tc, capture_round_trip);
	tcase_add_test(tc, unreadable_refused);
	tcase_add_test(tc, old_journal_reads);
	tcase_add_test(tc, form_key_survives_restore);
	tcase_add_test(tc, file_is_private);
	tcase_add_test(tc, sessions_keep_their_own);
	tcase_add_test(tc, old_single_file_claimed);
	suite_add_tcase(s, tc);
	return s;
}
