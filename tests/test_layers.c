/* `make layers`: the firmware as it is passes, and a copy of it with an
 * include that crosses a layer the wrong way (or a library a layer may not
 * use) fails, naming the file and line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support/subproc.h"

/* `make layers` on FIRMWARE (NULL: the real tree); returns the exit status
 * and the output in *out (caller frees). MAKEFLAGS of an enclosing make are
 * dropped so that the check runs alone. */
static int check(const char *firmware, char **out)
{
    char log[4096];
    snprintf(log, sizeof log, "%s/layers.log", subproc_test_dir());
    int st = subproc_shell("env -u MAKEFLAGS -u MAKELEVEL make -s --no-print-directory layers %s%s >%s 2>&1",
                           firmware ? "FIRMWARE=" : "", firmware ? firmware : "", log);
    *out = subproc_read_file(log, NULL);
    assert_non_null(*out);
    return st;
}

/* A fresh copy of firmware/ with `line` appended to `file` (relative). */
static void broken_copy(char *dir, size_t len, const char *file, const char *line)
{
    assert_true(subproc_tmpdir(dir, len));
    char path[4096];
    snprintf(path, sizeof path, "%s/firmware", dir);
    assert_true(subproc_copy_tree("firmware", path));
    assert_int_equal(subproc_shell("printf '%%s\\n' '%s' >>%s/%s", line, path, file), 0);
    strncat(dir, "/firmware", len - strlen(dir) - 1);
}

static void test_tree_passes(void **state)
{
    (void)state;
    char *out;
    int st = check(NULL, &out);
    if (st != 0)
        fail_msg("make layers failed on the tree:\n%s", out);
    free(out);
}

static void test_upward_include_fails(void **state)
{
    (void)state;
    char dir[4096], *out;
    broken_copy(dir, sizeof dir, "core/log.c", "#include \"app/app.h\"");
    int st = check(dir, &out);
    assert_int_not_equal(st, 0);
    if (!strstr(out, "core/log.c:") || !strstr(out, "app is above core"))
        fail_msg("expected the file, line and reason, got:\n%s", out);
    free(out);
    subproc_rm_rf(dir);

    /* The UI drawing straight with SDL, and text reaching into the UI. */
    broken_copy(dir, sizeof dir, "ui/widgets.c", "#include <SDL.h>");
    st = check(dir, &out);
    assert_int_not_equal(st, 0);
    assert_non_null(strstr(out, "ui includes <SDL.h>, a library it may not use"));
    free(out);
    subproc_rm_rf(dir);

    broken_copy(dir, sizeof dir, "text/style.h", "#include \"ui/ui.h\"");
    st = check(dir, &out);
    assert_int_not_equal(st, 0);
    assert_non_null(strstr(out, "ui is above text"));
    free(out);
    subproc_rm_rf(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tree_passes),
        cmocka_unit_test(test_upward_include_fails),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
