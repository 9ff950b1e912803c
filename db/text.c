/* text: UTF-8 decoded, measured by display width and cut with "…", the one rule the screen, the summary
 * report and the minutes share, so that 怀柔区 takes six cells everywhere and nothing a terminal would obey
 * (escape sequences, carriage returns, bidi overrides) reaches one. No curses here. */
#include "db/db.h"
#include "config/config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wchar.h>

#define TEXT_NEWLINE_SHOWN 0x21B5   /* ↵: a newline of multi-line text on one line */

size_t text_decode(const char *s, uint32_t *code)
{
	const unsigned char *u = (const unsigned char *)s;
	if (u[0] < 0x80) {
		*code = u[0];
		return 1;
	}
	size_t n = (u[0] & 0xE0) == 0xC0 ? 2 : (u[0] & 0xF0) == 0xE0 ? 3 : (u[0] & 0xF8) == 0xF0 ? 4 : 0;
	uint32_t c = n ? u[0] & (0x7Fu >> n) : 0;
	for (size_t i = 1; i < n; i++) {
		if ((u[i] & 0xC0) != 0x80) {
			n = 0;
			break;
		}
		c = c << 6 | (u[i] & 0x3F);
	}
	/* overlong forms, surrogates and what lies past Unicode are not UTF-8 either */
	static const uint32_t least[] = { 0, 0, 0x80, 0x800, 0x10000 };
	if (n == 0 || c < least[n] || (c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF) {
		*code = TEXT_INVALID;
		return 1;
	}
	*code = c;
	return n;
}

bool text_is_control(uint32_t c)
{
	return c < 0x20 || (c >= 0x7F && c <= 0x9F) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)
		|| c == 0x2028 || c == 0x2029 || c == TEXT_INVALID;
}

/* wcwidth in a UTF-8 locale, whatever $LANG says: the database sends UTF-8, and the terminal's curses
 * measures with the same table. Made once; C.UTF-8 is built into the C library. */
static locale_t utf8_locale(void)
{
	static locale_t loc;
	static bool tried;
	if (!tried) {
		static const char *const names[] = { "C.UTF-8", "C.utf8", "en_US.UTF-8" };
		for (size_t i = 0; i < sizeof(names) / sizeof(names[0]) && !loc; i++)
			loc = newlocale(LC_CTYPE_MASK, names[i], (locale_t)0);
		tried = true;
	}
	return loc;
}

int text_char_width(uint32_t c)
{
	if (c < 0x7F)
		return 1;        /* ASCII, and a control character shown as '?' */
	if (text_is_control(c))
		return 1;
	locale_t loc = utf8_locale();
	locale_t old = loc ? uselocale(loc) : (locale_t)0;
	int w = wcwidth((wchar_t)c);
	if (loc)
		uselocale(old);
	return w < 0 ? 1 : w;
}

size_t text_next(const char *s, unsigned keep, uint32_t *shown, int *width)
{
	uint32_t c;
	size_t n = text_decode(s, &c);
	if ((c == '\n' && (keep & TEXT_KEEP_NEWLINE)) || (c == '\t' && (keep & TEXT_KEEP_TAB))) {
		*shown = c;
		*width = c == '\t' ? 1 : 0;
		return n;
	}
	if (c == '\r' && s[1] == '\n') {    /* a CRLF line end is one newline */
		n = text_next(s + 1, keep, shown, width);
		return n + 1;
	}
	*shown = c == '\n' ? TEXT_NEWLINE_SHOWN : text_is_control(c) ? '?' : c;
	*width = text_char_width(*shown);
	return n;
}

int text_width(const char *s)
{
	int total = 0;
	while (*s) {
		uint32_t c;
		int w;
		s += text_next(s, TEXT_KEEP_NONE, &c, &w);
		total += w;
	}
	return total;
}

size_t text_fit(const char *s, int width)
{
	const char *start = s;
	int cells = 0;
	while (*s) {
		uint32_t c;
		int w;
		size_t n = text_next(s, TEXT_KEEP_NONE, &c, &w);
		if (cells + w > width)
			break;
		cells += w;
		s += n;
	}
	return (size_t)(s - start);
}

/* c as UTF-8 into buf (at least 4 bytes); its length. */
static size_t encode(uint32_t c, char *buf)
{
	if (c < 0x80) {
		buf[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		buf[0] = (char)(0xC0 | c >> 6);
		buf[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000) {
		buf[0] = (char)(0xE0 | c >> 12);
		buf[1] = (char)(0x80 | (c >> 6 & 0x3F));
		buf[2] = (char)(0x80 | (c & 0x3F));
		return 3;
	}
	buf[0] = (char)(0xF0 | c >> 18);
	buf[1] = (char)(0x80 | (c >> 12 & 0x3F));
	buf[2] = (char)(0x80 | (c >> 6 & 0x3F));
	buf[3] = (char)(0x80 | (c & 0x3F));
	return 4;
}

/* s as shown, at most width cells of it (width < 0: all), with "…" in the last cell when it was cut. */
static char *shown(const char *s, unsigned keep, int width)
{
	size_t size = strlen(s) * 3 + 4;   /* a byte grows at most to ↵, '?' or "…" */
	char *out = xmalloc(size), *o = out;
	int limit = width < 0 || text_width(s) <= width ? -1 : width - 1;
	int cells = 0;
	while (*s) {
		uint32_t c;
		int w;
		size_t n = text_next(s, keep, &c, &w);
		if (limit >= 0 && cells + w > limit)
			break;
		o += encode(c, o);
		cells += w;
		s += n;
	}
	if (limit >= 0)
		o += encode(0x2026, o);
	*o = '\0';
	return out;
}

char *text_clean(const char *s, unsigned keep)
{
	return shown(s ? s : "", keep, -1);
}

char *text_cut(const char *s, int width)
{
	return shown(s ? s : "", TEXT_KEEP_NONE, width < 1 ? 1 : width);
}

/* The language the environment asks for, as gettext names it: "zh_CN" of LC_ALL=zh_CN.UTF-8 (the first
 * set of the three, as setlocale reads them for messages); "" for none. */
static void language_wanted(char *name, size_t size)
{
	static const char *const variables[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	*name = '\0';
	for (size_t i = 0; i < sizeof(variables) / sizeof(variables[0]); i++) {
		const char *value = getenv(variables[i]);
		if (value && *value) {
			snprintf(name, size, "%.*s", (int)strcspn(value, ".@"), value);
			return;
		}
	}
}

void text_language(const char *language, const char *localedir)
{
	char wanted[64] = "";
	if (!setlocale(LC_ALL, "")) {
		/* LANG=zh_CN.UTF-8 forwarded by SSH from a machine whose locale this one has not generated: the
		 * characters are UTF-8 all the same, and the language's messages come through LANGUAGE. */
		language_wanted(wanted, sizeof(wanted));
		setlocale(LC_ALL, "C.UTF-8");
		if (!language && *wanted && strcmp(wanted, "C") != 0 && strcmp(wanted, "POSIX") != 0)
			language = wanted;
	}
	if (language) {
		setenv("LANGUAGE", language, 1);
		/* gettext ignores LANGUAGE in the C locale, where messages are the program's own by definition */
		const char *messages = setlocale(LC_MESSAGES, NULL);
		if (messages && (strcmp(messages, "C") == 0 || strcmp(messages, "POSIX") == 0))
			setlocale(LC_MESSAGES, "C.UTF-8");
	}
	bindtextdomain(TEXT_DOMAIN, localedir);
	bind_textdomain_codeset(TEXT_DOMAIN, "UTF-8");
	textdomain(TEXT_DOMAIN);
}

/* Every code a column keeps from a fixed set (the CHECKs of the migrations) or a query derives, with its
 * English; sorted by code for bsearch. Codes stay in the database and in what scripts read; these are
 * what people read. */
static const struct word {
	const char *code, *shown;
} words[] = {
	{ "academic", N_("academic") },
	{ "accepted", N_("accepted") },
	{ "achieved", N_("achieved") },
	{ "active", N_("active") },
	{ "admin", N_("administrator") },
	{ "agreed", N_("agreed") },
	{ "alliance", N_("alliance") },
	{ "amending", N_("amending") },
	{ "annual-review", N_("annual review") },
	{ "archived", N_("archived") },
	{ "art", N_("art") },
	{ "asked", N_("asked") },
	{ "assessed", N_("assessed") },
	{ "assessment", N_("assessment") },
	{ "assistive-device", N_("assistive device") },
	{ "association", N_("association") },
	{ "autism", N_("autism") },
	{ "behaviour", N_("behaviour") },
	{ "behavioural", N_("behavioural") },
	{ "business", N_("business") },
	{ "case-worker", N_("case worker") },
	{ "caseworker", N_("case worker") },
	{ "chair", N_("chair") },
	{ "city", N_("city") },
	{ "class-teacher", N_("class teacher") },
	{ "closed", N_("closed") },
	{ "committee", N_("committee") },
	{ "communication", N_("communication") },
	{ "community", N_("community") },
	{ "concern", N_("concern") },
	{ "conference", N_("conference") },
	{ "confirmed", N_("confirmed") },
	{ "coordinator", N_("coordinator") },
	{ "counselling", N_("counselling") },
	{ "course", N_("course") },
	{ "decision", N_("decision") },
	{ "declined", N_("declined") },
	{ "doctor", N_("doctor") },
	{ "done", N_("done") },
	{ "draft", N_("draft") },
	{ "dropped", N_("dropped") },
	{ "education-association", N_("education association") },
	{ "emotional", N_("emotional") },
	{ "ended", N_("ended") },
	{ "equipment", N_("equipment") },
	{ "exams", N_("exams") },
	{ "exchange-visit", N_("exchange visit") },
	{ "families", N_("families") },
	{ "final", N_("final") },
	{ "first-iep", N_("first IEP") },
	{ "follow-up", N_("follow-up") },
	{ "full", N_("full time") },
	{ "funding", N_("funding") },
	{ "given", N_("given") },
	{ "government", N_("government body") },
	{ "hearing", N_("hearing") },
	{ "hearing-test", N_("hearing test") },
	{ "high", N_("high") },
	{ "home-based", N_("home teaching") },
	{ "home-school", N_("home-school") },
	{ "home-school-alliance", N_("home-school alliance") },
	{ "home-visit", N_("home visit") },
	{ "iep-consent", N_("consent to the IEP") },
	{ "iep-review", N_("IEP review") },
	{ "in-progress", N_("in progress") },
	{ "intellectual", N_("intellectual") },
	{ "internships", N_("internships") },
	{ "itinerant", N_("itinerant") },
	{ "itinerant-guidance", N_("itinerant guidance") },
	{ "itinerant-teacher", N_("itinerant teacher") },
	{ "joint-training", N_("joint training") },
	{ "junior", N_("junior") },
	{ "lead", N_("lead") },
	{ "learning", N_("learning") },
	{ "low", N_("low") },
	{ "manager", N_("manager") },
	{ "material", N_("material") },
	{ "materials", N_("materials") },
	{ "medical", N_("medical") },
	{ "medium", N_("medium") },
	{ "meeting", N_("meeting") },
	{ "member", N_("member") },
	{ "mentoring", N_("mentoring") },
	{ "message", N_("message") },
	{ "motor", N_("motor") },
	{ "multiple", N_("multiple") },
	{ "ngo", N_("non-profit") },
	{ "nine-year", N_("nine-year") },
	{ "no", N_("no") },
	{ "no training", N_("no training") },
	{ "none", N_("none") },
	{ "not-asked", N_("not asked") },
	{ "not-eligible", N_("not eligible") },
	{ "on-track", N_("on track") },
	{ "open", N_("open") },
	{ "open-day", N_("open day") },
	{ "other", N_("other") },
	{ "overdue", N_("overdue") },
	{ "parent", N_("parent") },
	{ "parent-committee", N_("parent committee") },
	{ "parents-answer", N_("parents' answer") },
	{ "parents-meeting", N_("parents' meeting") },
	{ "part", N_("part time") },
	{ "partnership", N_("partnership") },
	{ "pending", N_("waiting") },
	{ "phone", N_("phone") },
	{ "physical", N_("physical") },
	{ "physiotherapy", N_("physiotherapy") },
	{ "planned", N_("planned") },
	{ "preschool", N_("preschool") },
	{ "primary", N_("primary") },
	{ "private", N_("private") },
	{ "proposed", N_("proposed") },
	{ "province", N_("province") },
	{ "psychological", N_("psychological") },
	{ "public", N_("public") },
	{ "rc group", N_("rc group") },
	{ "reassessment", N_("re-assessment") },
	{ "refused", N_("refused") },
	{ "regular-class", N_("regular class") },
	{ "requested", N_("requested") },
	{ "research", N_("research") },
	{ "resource-center-group", N_("resource-center group") },
	{ "resource-classroom", N_("resource classroom") },
	{ "resource-teacher", N_("resource teacher") },
	{ "rural", N_("rural") },
	{ "school", N_("school") },
	{ "screening", N_("screening") },
	{ "seating", N_("seating") },
	{ "secretary", N_("secretary") },
	{ "self-care", N_("self-care") },
	{ "senior", N_("senior") },
	{ "social", N_("social") },
	{ "special", N_("special") },
	{ "special-class", N_("special class") },
	{ "special-school", N_("special school") },
	{ "speech", N_("speech") },
	{ "speech-language", N_("speech and language") },
	{ "speech-therapy", N_("speech therapy") },
	{ "staff", N_("staff") },
	{ "suburban", N_("suburban") },
	{ "supervision", N_("supervision") },
	{ "suspected", N_("suspected") },
	{ "teacher", N_("teacher") },
	{ "therapist", N_("therapist") },
	{ "to close", N_("to close") },
	{ "today", N_("today") },
	{ "town", N_("town") },
	{ "training", N_("training") },
	{ "turnover", N_("turnover") },
	{ "university", N_("university") },
	{ "urban", N_("urban") },
	{ "vacant", N_("vacant") },
	{ "vice-chair", N_("vice-chair") },
	{ "village", N_("village") },
	{ "vision", N_("vision") },
	{ "visual", N_("visual") },
	{ "vocational", N_("vocational") },
	{ "volunteer", N_("volunteer") },
	{ "volunteering", N_("volunteer activity") },
	{ "volunteers", N_("volunteers") },
	{ "work-conference", N_("work conference") },
	{ "yes", N_("yes") },
};

static int word_compare(const void *key, const void *entry)
{
	return strcmp(key, ((const struct word *)entry)->code);
}

const char *text_word(const char *code)
{
	if (!code)
		return "";
	const struct word *w = bsearch(code, words, sizeof(words) / sizeof(words[0]), sizeof(words[0]), word_compare);
	return w ? _(w->shown) : code;
}

const char *text_in_context(const char *key)
{
	const char *translated = gettext(key);
	if (translated != key)
		return translated;
	const char *text = strchr(key, '\004');
	return text ? text + 1 : key;
}

/* ---- dates as shown: the config's ui: date-format, set once at start ---- */

static char *date_format;   /* NULL: the default, the date as stored */
static int date_width;      /* its widest date, once measured; 0 until then */

void text_date_format(const char *format)
{
	FREE(&date_format);
	date_width = 0;
	if (format && *format && strcmp(format, "%Y-%m-%d") != 0)
		date_format = xstrdup(format);
}

/* The broken-down day of a valid YYYY-MM-DD, with its weekday and day of the year (for %a, %A, %j, %u). */
static struct tm date_tm(int year, int month, int day)
{
	static const int before[] = { 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334 };
	bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
	struct tm tm = { .tm_year = year - 1900, .tm_mon = month - 1, .tm_mday = day, .tm_isdst = -1 };
	tm.tm_yday = before[month - 1] + day - 1 + (leap && month > 2);
	/* Sakamoto's weekday, 0 on Sunday as struct tm counts */
	static const int shift[] = { 0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4 };
	int y = month < 3 ? year - 1 : year;
	tm.tm_wday = (y + y / 4 - y / 100 + y / 400 + shift[month - 1] + day) % 7;
	return tm;
}

static char *date_shown(int year, int month, int day)
{
	struct tm tm = date_tm(year, month, day);
	char buf[256];
	/* the user's own format, checked by config.c when it was read */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	size_t n = strftime(buf, sizeof(buf), date_format, &tm);
#pragma GCC diagnostic pop
	if (n == 0)   /* nothing to show, or more than fits: the date as stored */
		snprintf(buf, sizeof(buf), "%04d-%02d-%02d", year, month, day);
	return text_clean(buf, TEXT_KEEP_NONE);
}

char *text_date(const char *iso)
{
	if (!iso)
		return xstrdup("");
	if (!date_format || !db_date_valid(iso))
		return xstrdup(iso);
	return date_shown(atoi(iso), atoi(iso + 5), atoi(iso + 8));
}

int text_date_width(void)
{
	if (!date_format)
		return 10;
	if (date_width)
		return date_width;
	int widest = 1;
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	for (int m = 1; m <= 12; m++) {
		for (int d = 1; d <= days[m - 1]; d++) {
			char *shown_date = date_shown(2026, m, d);
			int w = text_width(shown_date);
			free(shown_date);
			if (w > widest)
				widest = w;
		}
	}
	date_width = widest;
	return widest;
}
