/* tests: the Check suites of iedesk, one file an area, all run by tests/check_main.c. */
#ifndef IEDESK_TESTS_H
#define IEDESK_TESTS_H

#include <check.h>

Suite *config_suite(void);
Suite *migrate_suite(void);
Suite *schema_suite(void);
Suite *demo_suite(void);
Suite *screen_harness_suite(void);
Suite *screen_suite(void);
Suite *lists_suite(void);
Suite *text_suite(void);
Suite *panes_suite(void);
Suite *journal_suite(void);
Suite *record_suite(void);
Suite *export_suite(void);
Suite *consortia_suite(void);
Suite *meetings_suite(void);
Suite *minutes_suite(void);
Suite *iep_suite(void);
Suite *inspections_suite(void);
Suite *capture_suite(void);
Suite *report_suite(void);
Suite *policies_suite(void);
Suite *notify_suite(void);
Suite *drills_suite(void);
Suite *scale_suite(void);
Suite *load_suite(void);
Suite *chinese_suite(void);
Suite *cases_suite(void);
Suite *regions_suite(void);

#endif
