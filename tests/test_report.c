#include "testutil.h"
#include <stdlib.h>

START_TEST(test_report_placeholder)
{
	ck_abort_msg("not written yet");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("report");
	TCase *tc = tcase_create("placeholder");

	tcase_add_test(tc, test_report_placeholder);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
