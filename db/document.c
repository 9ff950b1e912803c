/* document: writing a document to print or circulate — plain text wrapped at 78 columns by display width
 * (a Chinese character takes two), Markdown escaped so that stored text cannot open a block — shared by
 * the minutes and the IEP. */
#include "db/private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- plain text ---- */

#define TEXT_WIDTH DOC_TEXT_WIDTH

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

/* Chinese punctuation that must not start a line (，。) or end one (（《), as typesetters keep it. */
static bool is_closing(uint32_t c)
{
	static const uint32_t closing[] = { 0xFF0C, 0x3002, 0x3001, 0xFF1B, 0xFF1A, 0xFF1F, 0xFF01, 0xFF09,
		0x300B, 0x300D, 0x300F, 0x3011, 0x3009, 0x2026 };
	for (size_t i = 0; i < sizeof(closing) / sizeof(closing[0]); i++)
		if (c == closing[i])
			return true;
	return false;
}

static bool is_opening(uint32_t c)
{
	return c == 0xFF08 || c == 0x300A || c == 0x300C || c == 0x300E || c == 0x3010 || c == 0x3008;
}

/* Write s[0..len), cleaned already, with its tabs as spaces. */
static void write_clean(FILE *out, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		fputc(s[i] == '\t' ? ' ' : s[i], out);
}

/* One line of text (no newline in it), wrapped to TEXT_WIDTH cells: the first line after first, the
 * others after rest (both ASCII). Breaks at a space when one fits, else beside a wide character,
 * else between any two characters; the spaces at a break are dropped, nothing else. */
static void wrap_line(FILE *out, const char *s, size_t len, const char *first, const char *rest)
{
	const char *indent = first;
	const char *end = s + len;
	while (s < end && is_blank(*s))
		s++;
	if (s == end) {
		fputc('\n', out);
		return;
	}
	while (s < end) {
		int avail = TEXT_WIDTH - (int)strlen(indent);
		if (avail < 20)
			avail = 20;
		const char *p = s, *cut = NULL, *next = NULL;
		int cells = 0, prev_width = 0;
		uint32_t prev = 0;
		while (p < end) {
			uint32_t c;
			int w;
			size_t n = text_next(p, TEXT_KEEP_TAB, &c, &w);
			if (cells + w > avail)
				break;
			if (is_blank(*p)) {
				cut = p;
				next = p + 1;
			} else if (p > s && (w == 2 || prev_width == 2) && !is_blank(p[-1]) && !is_closing(c)
					&& !is_opening(prev)) {
				cut = p;
				next = p;
			}
			prev = c;
			prev_width = w;
			cells += w;
			p += n;
		}
		if (p == end) {
			cut = end;
			next = end;
		} else if (is_blank(*p)) {
			cut = p;
			next = p + 1;
		} else if (!cut) {
			if (p == s) {   /* not even one character fits: take it anyway */
				uint32_t c;
				p += text_decode(p, &c);
			}
			cut = next = p;
		}
		while (cut > s && is_blank(cut[-1]))
			cut--;
		fputs(indent, out);
		write_clean(out, s, (size_t)(cut - s));
		fputc('\n', out);
		s = next;
		while (s < end && is_blank(*s))
			s++;
		indent = rest;
	}
}

/* Text that may hold newlines: each of its lines wrapped on its own, with what a terminal would obey
 * in it shown as '?'. */
void doc_wrap_text(FILE *out, const char *raw, const char *first, const char *rest)
{
	char *clean = text_clean(raw, TEXT_KEEP_NEWLINE | TEXT_KEEP_TAB);
	const char *text = clean;
	const char *indent = first;
	for (;;) {
		const char *nl = strchr(text, '\n');
		size_t len = nl ? (size_t)(nl - text) : strlen(text);
		wrap_line(out, text, len, indent, rest);
		if (!nl)
			break;
		text = nl + 1;
		indent = rest;
	}
	free(clean);
}

/* A heading, wrapped, underlined with c as wide as its widest line. */
void doc_heading(FILE *out, const char *title, char c)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *mem = open_memstream(&buf, &size);
	if (!mem)
		abort();
	doc_wrap_text(mem, title, "", "");
	fclose(mem);
	int widest = 0;
	for (char *line = buf, *nl; *line; line = nl + 1) {
		nl = strchr(line, '\n');
		*nl = '\0';
		int cells = text_width(line);
		widest = cells > widest ? cells : widest;
		fprintf(out, "%s\n", line);
	}
	for (int i = 0; i < widest; i++)
		fputc(c, out);
	fputc('\n', out);
	free(buf);
}

/* ---- Markdown ---- */

/* At the start of a line of s (its blanks already skipped), what would open a block there — a list
 * ("1." "1)" "-" "+"), a rule or setext underline ("---" "==="): written escaped; the bytes of s it
 * wrote. The other block openers (# * _ ` ~ > | <) md_text escapes wherever they are. */
static size_t md_line_start(FILE *out, const char *s)
{
	size_t digits = strspn(s, "0123456789");
	if (digits > 0 && digits < 10 && (s[digits] == '.' || s[digits] == ')')) {
		fprintf(out, "%.*s\\%c", (int)digits, s, s[digits]);
		return digits + 1;
	}
	if (*s && strchr("-+=", *s)) {
		fprintf(out, "\\%c", *s);
		return 1;
	}
	return 0;
}

/* s with Markdown's punctuation escaped and what a terminal would obey shown as '?', so names and notes
 * print as written and cannot open a block that swallows the sections after them. */
void doc_md_text(FILE *out, const char *raw, enum doc_md_place place)
{
	char *clean = text_clean(raw, TEXT_KEEP_NEWLINE | TEXT_KEEP_TAB);
	const char *s = clean;
	bool line_start = place == DOC_MD_ITEM || place == DOC_MD_PARAGRAPH;
	for (; *s; s++) {
		if (*s == '\n' && place != DOC_MD_FIELD) {
			fputc(' ', out);
			continue;
		}
		if (*s == '\n') {
			/* blank lines would end the list item: one break for a run of them; leading blanks would
			 * indent code */
			while (s[1] == '\n' || is_blank(s[1]))
				s++;
			if (s[1])
				fputs("\\\n  ", out);
			line_start = true;
			continue;
		}
		if (line_start && is_blank(*s))
			continue;
		if (line_start) {
			line_start = false;
			size_t wrote = md_line_start(out, s);
			if (wrote) {
				s += wrote - 1;
				continue;
			}
		}
		if (*s == '\t') {
			fputc(' ', out);
			continue;
		}
		if (strchr("\\`*_[]<>|#~", *s))
			fputc('\\', out);
		fputc(*s, out);
	}
	free(clean);
}

/* Paragraphs of text: each line of it one paragraph. */
void doc_md_paragraphs(FILE *out, const char *text, const char *indent)
{
	for (;;) {
		const char *nl = strchr(text, '\n');
		char *line = nl ? xasprintf("%.*s", (int)(nl - text), text) : xstrdup(text);
		const char *p = line;
		while (is_blank(*p))
			p++;
		if (*p) {
			fputs(indent, out);
			doc_md_text(out, p, DOC_MD_PARAGRAPH);
			fputs("\n\n", out);
		}
		free(line);
		if (!nl)
			break;
		text = nl + 1;
	}
}


/* ---- the Chinese layouts ---- */

char *doc_zh_date(const char *iso)
{
	int y, m, d;
	if (!iso || sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) != 3)
		return xstrdup(iso ? iso : "");
	/* TRANSLATORS: a date in the minutes' 会议纪要 layout and the IEP's: year, month, day (zh_CN: %1$d年%2$d月%3$d日) */
	return xasprintf(_("%1$d-%2$02d-%3$02d"), y, m, d);
}

char *doc_zh_numeral(int n)
{
	static const char *const digit[] = { "", "一", "二", "三", "四", "五", "六", "七", "八", "九" };
	if (n < 1 || n > 99)
		return xasprintf("%d", n);
	if (n < 10)
		return xstrdup(digit[n]);
	return xasprintf("%s十%s", n >= 20 ? digit[n / 10] : "", digit[n % 10]);
}
