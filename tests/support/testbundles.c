#include "support/testbundles.h"

#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "support/subproc.h"

void testbundles_minimal_copy(char *tmp, size_t tmplen, char *dir, size_t dirlen)
{
    if (!subproc_tmpdir(tmp, tmplen))
        fail_msg("no temporary directory for a copy of %s", TESTBUNDLES_MINIMAL);
    snprintf(dir, dirlen, "%s/bundle", tmp);
    if (!subproc_copy_tree(TESTBUNDLES_MINIMAL, dir))
        fail_msg("cannot copy %s to %s", TESTBUNDLES_MINIMAL, dir);
}

/* True when entry is NN-name: two or more digits, a dash, then name. */
static bool is_case(const char *entry, const char *name)
{
    size_t digits = strspn(entry, "0123456789");
    return digits >= 2 && entry[digits] == '-' && strcmp(entry + digits + 1, name) == 0;
}

const char *testbundles_broken(const char *name, char *buf, size_t len)
{
    DIR *d = opendir(TESTBUNDLES_BROKEN);
    if (!d)
        fail_msg("cannot open %s (tests run from the repository root)", TESTBUNDLES_BROKEN);
    char found[2][256] = {"", ""};
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        if (is_case(e->d_name, name) && n++ < 2)
            snprintf(found[n - 1], sizeof found[0], "%s", e->d_name);
    closedir(d);
    if (n == 0)
        fail_msg("no broken bundle named '%s' in %s (toolchain/gen-broken-bundles.sh makes them)", name,
                 TESTBUNDLES_BROKEN);
    if (n > 1)
        fail_msg("%d broken bundles are named '%s' in %s: %s, %s...", n, name, TESTBUNDLES_BROKEN, found[0],
                 found[1]);
    snprintf(buf, len, "%s/%s", TESTBUNDLES_BROKEN, found[0]);
    return buf;
}
