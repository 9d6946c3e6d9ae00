/* testbundles: the committed bundles tests load: the minimal valid bundle,
 * copied where a test may change it, and the broken-bundle corpus, whose
 * cases are found by name.
 *
 * toolchain/gen-broken-bundles.sh numbers the cases of tests/broken/ in the
 * order it makes them (NN-NAME), so a case inserted in the middle renumbers
 * those after it: tests name a case ("date-month-13"), never its number. */
#ifndef TESTS_SUPPORT_TESTBUNDLES_H
#define TESTS_SUPPORT_TESTBUNDLES_H

#include <stddef.h>

#define TESTBUNDLES_MINIMAL "tests/bundles/minimal"
#define TESTBUNDLES_BROKEN "tests/broken"

/* A copy of TESTBUNDLES_MINIMAL in a fresh temporary directory: tmp gets the
 * directory (the caller removes it with scratch_rm_rf), dir the bundle in
 * it (TMP/bundle), so files beside the bundle can go in TMP. Fails the test
 * when either cannot be made. */
void testbundles_minimal_copy(char *tmp, size_t tmplen, char *dir, size_t dirlen);

/* The case `name` of the broken corpus: its directory TESTBUNDLES_BROKEN/NN-NAME
 * in buf (a relative path, as the tests have always named it), returned.
 * Fails the test, saying why, when no case or more than one has that name. */
const char *testbundles_broken(const char *name, char *buf, size_t len);

#endif
