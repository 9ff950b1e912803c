/* test_journal: the drafts journal keeps what was typed exactly — tabs, newlines, backslashes, Chinese,
 * NULLs — and refuses a file it does not understand rather than restoring garbage. */
#include "tests/tests.h"
#include "tui/view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
	ck_assert(journal_write(path, &journal));

	struct journal back;
	ck_assert(journal_read(path, &back));
	ck_assert_uint_eq(back.nforms, 1);
	ck_assert_uint_eq(back.ncaptures, 0);
	ck_assert_int_eq(back.forms[0].kind, DB_RECORD_SCHOOL);
	ck_assert_str_eq(back.forms[0].id, "21");
	ck_assert_str_eq(back.forms[0].version, "3");
	ck_assert_int_eq(back.forms[0].nvalues, def->nfields);
	ck_assert_str_eq(back.forms[0].values[0], "1");
	ck_assert_str_eq(back.forms[0].names[0], "怀柔区");
	ck_assert_str_eq(back.forms[0].values[2], form->values[2]);
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
	ck_assert(journal_write(path, &journal));

	struct journal back;
	ck_assert(journal_read(path, &back));
	ck_assert_uint_eq(back.nforms, 0);
	ck_assert_uint_eq(back.ncaptures, 1);
	const struct journal_capture *c = &back.captures[0];
	ck_assert_str_eq(c->meeting_id, "7");
	ck_assert_str_eq(c->title, capture->title);
	ck_assert_str_eq(c->today, "2026-11-24");
	ck_assert_uint_eq(c->count, 2);
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

	/* copies are deep, and taking moves */
	struct journal copy = { 0 }, taken = { 0 };
	journal_copy(&copy, &back);
	journal_done(&back);
	ck_assert_str_eq(copy.captures[0].lines[1].text, capture->lines[1].text);
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
	fputs("something else entirely\n", f);
	fclose(f);
	ck_assert(!journal_read(path, &back));
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
	suite_add_tcase(s, tc);
	return s;
}
