/* check_main: runs every suite (or those named on the command line) against the run's throwaway PostgreSQL
 * and prints Check's summary. */
#include "tests/tests.h"
#include "tests/testdb.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
	const char *name;   /* as its suite_create() names it */
	Suite *(*make)(void);
} suites[] = {
	{ "config", config_suite },
	{ "migrate", migrate_suite },
	{ "schema", schema_suite },
	{ "demo", demo_suite },
	{ "screen-harness", screen_harness_suite },
	{ "screen", screen_suite },
	{ "lists", lists_suite },
	{ "text", text_suite },
	{ "panes", panes_suite },
	{ "journal", journal_suite },
	{ "record", record_suite },
	{ "export", export_suite },
	{ "consortia", consortia_suite },
	{ "meetings", meetings_suite },
	{ "minutes", minutes_suite },
	{ "iep", iep_suite },
	{ "inspections", inspections_suite },
	{ "capture", capture_suite },
	{ "report", report_suite },
	{ "policies", policies_suite },
	{ "notify", notify_suite },
	{ "drills", drills_suite },
	{ "scale", scale_suite },
	{ "load", load_suite },
	{ "chinese", chinese_suite },
	{ "cases", cases_suite },
	{ "regions", regions_suite },
};
#define SUITE_COUNT (sizeof(suites) / sizeof(suites[0]))

static bool wanted(const char *name, int argc, char **argv)
{
	if (argc < 2)
		return true;
	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], name) == 0)
			return true;
	return false;
}

int main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		size_t s = 0;
		while (s < SUITE_COUNT && strcmp(suites[s].name, argv[i]) != 0)
			s++;
		if (s == SUITE_COUNT) {
			fprintf(stderr, "check_iedesk: no suite '%s'; the suites are:", argv[i]);
			for (s = 0; s < SUITE_COUNT; s++)
				fprintf(stderr, " %s", suites[s].name);
			fprintf(stderr, "\n");
			return 2;
		}
	}
	/* The day every test works on, for its own connections and the programs it starts alike; a test
	 * about another day sets its own. */
	setenv("PGOPTIONS", TESTDB_DAY_OPTIONS, 1);
	/* English, whatever the machine's environment says; a test of another language sets its own. */
	setenv("LC_ALL", "C.UTF-8", 1);
	unsetenv("LANGUAGE");
	unsetenv("LC_MESSAGES");
	testdb_prepare_template();
	SRunner *runner = NULL;
	for (size_t s = 0; s < SUITE_COUNT; s++) {
		if (!wanted(suites[s].name, argc, argv))
			continue;
		if (!runner)
			runner = srunner_create(suites[s].make());
		else
			srunner_add_suite(runner, suites[s].make());
	}
	srunner_run_all(runner, CK_ENV);
	int failed = srunner_ntests_failed(runner);
	srunner_free(runner);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
