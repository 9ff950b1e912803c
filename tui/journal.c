/* journal: what was typed into forms not yet saved, kept in a file under $XDG_STATE_HOME/iedesk so a
 * dropped SSH session or a killed terminal loses nothing; the next start offers it back. */
#include "tui/view.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define JOURNAL_MAGIC "iedesk-drafts 1"

static bool make_dirs(char *path)
{
	for (char *p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		bool ok = mkdir(path, 0700) == 0 || errno == EEXIST;
		*p = '/';
		if (!ok)
			return false;
	}
	return mkdir(path, 0700) == 0 || errno == EEXIST;
}

/* Which database the drafts belong to: the config's target and libpq's variables, hashed (FNV-1a),
 * so a draft typed against one database is never offered, nor saved, against another. */
static unsigned long long target_hash(const struct db_target *target)
{
	const char *parts[] = {
		target && target->service ? target->service : "", target && target->conninfo ? target->conninfo : "",
		getenv("PGSERVICE"), getenv("PGHOST"), getenv("PGHOSTADDR"), getenv("PGPORT"), getenv("PGDATABASE"),
		getenv("PGUSER"),
	};
	unsigned long long h = 1469598103934665603ULL;
	for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
		for (const char *p = parts[i] ? parts[i] : ""; *p; p++)
			h = (h ^ (unsigned char)*p) * 1099511628211ULL;
		h = (h ^ 0xff) * 1099511628211ULL;   /* a separator, so "ab"+"" differs from "a"+"b" */
	}
	return h;
}

char *journal_path(const struct db_target *target)
{
	const char *state = getenv("XDG_STATE_HOME");
	const char *home = getenv("HOME");
	char *dir;
	if (state && state[0] == '/')
		dir = xasprintf("%s/iedesk", state);
	else if (home && *home)
		dir = xasprintf("%s/.local/state/iedesk", home);
	else
		return NULL;
	char *path = NULL;
	if (make_dirs(dir))
		path = xasprintf("%s/drafts-%016llx", dir, target_hash(target));
	free(dir);
	return path;
}

/* Values may hold anything typed, tabs and newlines included: escape them; \N is SQL NULL. */
static void put_value(FILE *f, const char *v)
{
	if (!v) {
		fputs("\\N", f);
		return;
	}
	for (; *v; v++) {
		switch (*v) {
		case '\\': fputs("\\\\", f); break;
		case '\t': fputs("\\t", f); break;
		case '\n': fputs("\\n", f); break;
		case '\r': fputs("\\r", f); break;
		default: fputc(*v, f); break;
		}
	}
}

static char *get_value(const char *s, size_t len)
{
	if (len == 2 && s[0] == '\\' && s[1] == 'N')
		return NULL;
	char *out = xmalloc(len + 1), *o = out;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\\' && i + 1 < len) {
			i++;
			*o++ = s[i] == 't' ? '\t' : s[i] == 'n' ? '\n' : s[i] == 'r' ? '\r' : s[i];
		} else {
			*o++ = s[i];
		}
	}
	*o = '\0';
	return out;
}

bool journal_write(const char *path, const struct journal_form *forms, size_t count)
{
	if (!count)
		return unlink(path) == 0 || errno == ENOENT;
	char *tmp = xasprintf("%s.new", path);
	FILE *f = fopen(tmp, "w");
	if (!f) {
		free(tmp);
		return false;
	}
	fprintf(f, "%s\n", JOURNAL_MAGIC);
	for (size_t i = 0; i < count; i++) {
		const struct journal_form *j = &forms[i];
		fprintf(f, "form\t%s\t", db_record_def(j->kind)->name);
		put_value(f, j->id);
		fputc('\t', f);
		put_value(f, j->version);
		fprintf(f, "\t%d\n", j->nvalues);
		for (int v = 0; v < j->nvalues; v++) {
			fputs("value\t", f);
			put_value(f, j->values[v]);
			fputc('\t', f);
			put_value(f, j->names ? j->names[v] : NULL);
			fputc('\n', f);
		}
	}
	bool ok = fflush(f) == 0 && fsync(fileno(f)) == 0;
	ok = fclose(f) == 0 && ok;
	ok = ok && rename(tmp, path) == 0;
	if (!ok)
		unlink(tmp);
	free(tmp);
	return ok;
}

void journal_forms_free(struct journal_form *forms, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		for (int v = 0; v < forms[i].nvalues; v++) {
			free(forms[i].values[v]);
			free(forms[i].names[v]);
		}
		free(forms[i].values);
		free(forms[i].names);
		free(forms[i].id);
		free(forms[i].version);
	}
	free(forms);
}

/* Split a line at tabs into at most max fields (pointers into line, lengths in len). */
static int split(char *line, char **field, size_t *len, int max)
{
	int n = 0;
	char *p = line;
	while (n < max) {
		char *tab = strchr(p, '\t');
		field[n] = p;
		len[n] = tab ? (size_t)(tab - p) : strlen(p);
		n++;
		if (!tab)
			break;
		p = tab + 1;
	}
	return n;
}

static int kind_named(const char *name, size_t len)
{
	for (int k = 0; k < DB_RECORD_COUNT; k++) {
		const char *known = db_record_def((enum db_record_kind)k)->name;
		if (strlen(known) == len && strncmp(known, name, len) == 0)
			return k;
	}
	return -1;
}

bool journal_read(const char *path, struct journal_form **forms, size_t *count)
{
	*forms = NULL;
	*count = 0;
	FILE *f = fopen(path, "r");
	if (!f)
		return errno == ENOENT;
	char *line = NULL;
	size_t cap = 0;
	ssize_t got = getline(&line, &cap, f);
	bool ok = got > 0 && strncmp(line, JOURNAL_MAGIC, strlen(JOURNAL_MAGIC)) == 0;
	size_t allocated = 0;
	struct journal_form *current = NULL;
	while (ok && (got = getline(&line, &cap, f)) > 0) {
		if (line[got - 1] == '\n')
			line[--got] = '\0';
		char *field[5];
		size_t len[5];
		int n = split(line, field, len, 5);
		if (n == 5 && len[0] == 4 && strncmp(field[0], "form", 4) == 0) {
			int kind = kind_named(field[1], len[1]);
			int nvalues = atoi(field[4]);
			if (kind < 0 || nvalues != db_record_def((enum db_record_kind)kind)->nfields) {
				ok = false;
				break;
			}
			if (*count == allocated) {
				allocated = allocated ? allocated * 2 : 4;
				*forms = xrealloc(*forms, allocated * sizeof(**forms));
			}
			current = &(*forms)[(*count)++];
			memset(current, 0, sizeof(*current));
			current->kind = kind;
			current->id = get_value(field[2], len[2]);
			current->version = get_value(field[3], len[3]);
			current->values = xcalloc((size_t)nvalues, sizeof(char *));
			current->names = xcalloc((size_t)nvalues, sizeof(char *));
		} else if (n == 3 && len[0] == 5 && strncmp(field[0], "value", 5) == 0 && current &&
				current->nvalues < db_record_def((enum db_record_kind)current->kind)->nfields) {
			current->values[current->nvalues] = get_value(field[1], len[1]);
			current->names[current->nvalues] = get_value(field[2], len[2]);
			current->nvalues++;
		} else {
			ok = false;
		}
	}
	free(line);
	fclose(f);
	/* a form cut short (a crash mid-write cannot happen: the file is renamed into place) is dropped */
	for (size_t i = 0; ok && i < *count; i++)
		ok = (*forms)[i].nvalues == db_record_def((enum db_record_kind)(*forms)[i].kind)->nfields;
	if (!ok) {
		journal_forms_free(*forms, *count);
		*forms = NULL;
		*count = 0;
	}
	return ok;
}
