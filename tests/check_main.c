/* check_main: runs every suite against the run's throwaway PostgreSQL and prints Check's summary. */
#include "tests/tests.h"
#include "tests/testdb.h"

#include <stdlib.h>

int main(void)
{
	testdb_prepare_template();
	SRunner *runner = srunner_create(config_suite());
	srunner_add_suite(runner, migrate_suite());
	srunner_add_suite(runner, schema_suite());
	srunner_add_suite(runner, demo_suite());
	srunner_add_suite(runner, screen_harness_suite());
	srunner_add_suite(runner, screen_suite());
	srunner_add_suite(runner, lists_suite());
	srunner_add_suite(runner, text_suite());
	srunner_add_suite(runner, journal_suite());
	srunner_add_suite(runner, record_suite());
	srunner_add_suite(runner, export_suite());
	srunner_add_suite(runner, consortia_suite());
	srunner_add_suite(runner, meetings_suite());
	srunner_add_suite(runner, minutes_suite());
	srunner_add_suite(runner, inspections_suite());
	srunner_add_suite(runner, capture_suite());
	srunner_add_suite(runner, report_suite());
	srunner_add_suite(runner, policies_suite());
	srunner_add_suite(runner, notify_suite());
	srunner_add_suite(runner, drills_suite());
	srunner_add_suite(runner, scale_suite());
	srunner_add_suite(runner, load_suite());
	srunner_run_all(runner, CK_ENV);
	int failed = srunner_ntests_failed(runner);
	srunner_free(runner);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
