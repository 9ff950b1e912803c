/* date: calendar dates as YYYY-MM-DD text, and the shortcuts a secretary types for a due date
 * ("+30d", "下周", "end of term") resolved against the database's today — pure arithmetic, no time zones. */
#include "db/private.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool is_leap(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static int days_in_month(int year, int month)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	return days[month - 1] + (month == 2 && is_leap(year));
}

/* Days since 1970-01-01 of a civil date, and back (Howard Hinnant's algorithms). */
static long days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

/* Strictly YYYY-MM-DD (years 1-9999), and a day the calendar has. */
static bool parse_iso(const char *s, int *year, int *month, int *day)
{
	for (int i = 0; i < 10; i++) {
		if (i == 4 || i == 7) {
			if (s[i] != '-')
				return false;
		} else if (!isdigit((unsigned char)s[i])) {
			return false;
		}
	}
	if (s[10])
		return false;
	*year = atoi(s);
	*month = atoi(s + 5);
	*day = atoi(s + 8);
	return *year >= 1 && *month >= 1 && *month <= 12 && *day >= 1 && *day <= days_in_month(*year, *month);
}

bool db_date_valid(const char *text)
{
	int y, m, d;
	return text && parse_iso(text, &y, &m, &d);
}

static void format_date(char out[11], int y, int m, int d)
{
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u, (unsigned)d % 100u);
}

/* The same day n months on, or the month's last day when it is shorter (01-31 +1m = 02-28). */
static void add_months(int *y, int *m, int *d, long n)
{
	long months = (long)*y * 12 + (*m - 1) + n;
	*y = (int)(months / 12);
	*m = (int)(months % 12) + 1;
	if (*d > days_in_month(*y, *m))
		*d = days_in_month(*y, *m);
}

/* The last day of the school term holding (y, m): the autumn term runs September to January, the
 * spring term February to July; August, between terms, belongs to the autumn term ahead. */
static void end_of_term(int *y, int *m, int *d)
{
	if (*m >= 2 && *m <= 7) {
		*m = 7;
	} else {
		if (*m >= 8)
			(*y)++;
		*m = 1;
	}
	*d = days_in_month(*y, *m);
}

/* A weekday named in a week word: "this friday", "本周五", "下周一"; *next says the week after this one.
 * Weeks run Monday to Sunday. -1 when the word names none. */
static int week_day(const char *word, bool *next)
{
	static const char *const english[7] = { "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
		"sunday" };
	static const char *const chinese[8] = { "一", "二", "三", "四", "五", "六", "日", "天" };
	const char *rest = NULL;
	*next = false;
	if (strncmp(word, "this ", 5) == 0) {
		rest = word + 5;
	} else if (strncmp(word, "next ", 5) == 0) {
		rest = word + 5;
		*next = true;
	}
	for (int i = 0; rest && i < 7; i++)
		if (strcmp(rest, english[i]) == 0)
			return i;
	if (strncmp(word, "本周", strlen("本周")) == 0 || strncmp(word, "这周", strlen("这周")) == 0) {
		rest = word + strlen("本周");
	} else if (strncmp(word, "下周", strlen("下周")) == 0) {
		rest = word + strlen("下周");
		*next = true;
	} else {
		return -1;
	}
	for (int i = 0; i < 8; i++)
		if (strcmp(rest, chinese[i]) == 0)
			return i < 7 ? i : 6;
	return -1;
}

/* Lower-cased, spaces squeezed, into buf: "End  of Term" -> "end of term". */
static void normalise(const char *text, char *buf, size_t size)
{
	size_t n = 0;
	bool space = false;
	while (*text == ' ')
		text++;
	for (; *text && n + 1 < size; text++) {
		if (*text == ' ' || *text == '\t') {
			space = true;
			continue;
		}
		if (space && n + 2 < size)
			buf[n++] = ' ';
		space = false;
		buf[n++] = (char)tolower((unsigned char)*text);
	}
	buf[n] = '\0';
}

static bool named(const char *word, const char *const *names)
{
	for (; *names; names++)
		if (strcmp(word, *names) == 0)
			return true;
	return false;
}

bool db_date_shortcut(const char *text, const char *today, char out[11], char *why, size_t size)
{
	static const char *const today_names[] = { "today", "今天", NULL };
	static const char *const tomorrow_names[] = { "tomorrow", "明天", NULL };
	static const char *const month_names[] = { "end of month", "eom", "月底", NULL };
	static const char *const term_names[] = { "end of term", "eot", "期末", "学期末", NULL };
	static const char *const year_names[] = { "end of year", "eoy", "年底", NULL };
	static const char *const next_week_names[] = { "next week", "下周", NULL };
	static const char *const next_month_names[] = { "next month", "下月", "下个月", NULL };
	int y, m, d;
	char word[64];
	out[0] = '\0';
	normalise(text ? text : "", word, sizeof(word));
	if (!today || !parse_iso(today, &y, &m, &d)) {
		snprintf(why, size, "%s", _("today's date is not known yet"));
		return false;
	}
	int ty, tm, td;
	if (parse_iso(word, &ty, &tm, &td)) {
		format_date(out, ty, tm, td);
		return true;
	}
	long n, days = days_from_civil(y, m, d);
	int weekday = (int)(((days + 3) % 7 + 7) % 7);   /* 1970-01-01 was a Thursday; Monday is 0 */
	bool next_week;
	int named_day = week_day(word, &next_week);
	char unit = 'd', *end;
	if (word[0] == '+' && isdigit((unsigned char)word[1])) {
		n = strtol(word + 1, &end, 10);
		if (*end == ' ')
			end++;
		if (*end && !end[1])
			unit = *end;
		else if (*end)
			unit = '?';
		if (n > 3650 || !strchr("dwm", unit)) {
			snprintf(why, size, _("not a date: \"%s\" (use +30d, +2w or +3m)"), word);
			return false;
		}
		if (unit == 'm')
			add_months(&y, &m, &d, n);
		else
			civil_from_days(days + (unit == 'w' ? 7 * n : n), &y, &m, &d);
	} else if (isdigit((unsigned char)word[0]) && strlen(word) == 5 && word[2] == '-' &&
			isdigit((unsigned char)word[1]) && isdigit((unsigned char)word[3]) && isdigit((unsigned char)word[4])) {
		/* MM-DD: the next such day, today included */
		int month = atoi(word), day = atoi(word + 3);
		int year = y + (month < m || (month == m && day < d));
		if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month)) {
			snprintf(why, size, _("not a date: \"%s\""), word);
			return false;
		}
		y = year;
		m = month;
		d = day;
	} else if (named_day >= 0) {
		civil_from_days(days - weekday + (next_week ? 7 : 0) + named_day, &y, &m, &d);
	} else if (named(word, next_week_names)) {
		civil_from_days(days - weekday + 7, &y, &m, &d);
	} else if (named(word, next_month_names)) {
		d = 1;
		add_months(&y, &m, &d, 1);
	} else if (named(word, today_names)) {
		/* today as it is */
	} else if (named(word, tomorrow_names)) {
		civil_from_days(days + 1, &y, &m, &d);
	} else if (named(word, month_names)) {
		d = days_in_month(y, m);
	} else if (named(word, term_names)) {
		end_of_term(&y, &m, &d);
	} else if (named(word, year_names)) {
		m = 12;
		d = 31;
	} else {
		/* TRANSLATORS: the words listed are those the parser reads; its Chinese ones (今天, 下周, 本周五, 下月,
		 * 月底, 期末, 年底) may be named instead */
		snprintf(why, size, _("not a date: \"%s\" (YYYY-MM-DD, MM-DD, +30d, +2w, +3m, today, next week, "
			"this friday, next month, end of month, end of term or end of year; see iedesk(1), DATES)"), word);
		return false;
	}
	format_date(out, y, m, d);
	return true;
}
