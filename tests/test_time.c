#include "testutil.h"
#include <stdlib.h>

START_TEST(test_time_placeholder)
{
	ck_abort_msg("not written yet");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("time");
	TCase *tc = tcase_create("placeholder");

	tcase_add_test(tc, test_time_placeholder);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
