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
#include "support/scratch.h"

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
    scratch_rm_rf(dir);

    /* The UI drawing straight with SDL, and text reaching into the UI. */
    broken_copy(dir, sizeof dir, "ui/widgets.c", "#include <SDL.h>");
    st = check(dir, &out);
    assert_int_not_equal(st, 0);
    assert_non_null(strstr(out, "ui includes <SDL.h>, a library it may not use"));
    free(out);
    scratch_rm_rf(dir);

    broken_copy(dir, sizeof dir, "text/style.h", "#include \"ui/ui.h\"");
    st = check(dir, &out);
    assert_int_not_equal(st, 0);
    assert_non_null(strstr(out, "ui is above text"));
    free(out);
    scratch_rm_rf(dir);
}

/* The layer map as `make layer-map` prints it (caller frees). */
static char *layer_map(void)
{
    char log[4096];
    snprintf(log, sizeof log, "%s/map.txt", subproc_test_dir());
    assert_int_equal(subproc_shell("env -u MAKEFLAGS -u MAKELEVEL make -s --no-print-directory layer-map >%s", log), 0);
    char *map = subproc_read_file(log, NULL);
    assert_non_null(map);
    return map;
}

/* Every library of the map (the layers' and the tests' and tools'), each
 * included in a core file: core may use none, so each must be reported with
 * its library's name. The header planted is the library's first pattern
 * without a wildcard. */
static void test_every_library_is_checked(void **state)
{
    (void)state;
    char dir[4096];
    assert_true(subproc_tmpdir(dir, sizeof dir));
    char fw[4200];
    snprintf(fw, sizeof fw, "%s/firmware", dir);
    assert_true(subproc_copy_tree("firmware", fw));

    char pkgs[32][64], hdrs[32][128];
    int n = 0;
    char *map = layer_map();
    for (char *line = map; line && *line;) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        char pkg[64], first[128];
        if (sscanf(line, "headers %63s", pkg) == 1) {
            first[0] = '\0';
            const char *p = line + strlen("headers ") + strlen(pkg);
            while (*p == ' ')
                p++;
            while (*p) {
                size_t k = strcspn(p, " ");
                if (k < sizeof first && !memchr(p, '%', k)) {
                    memcpy(first, p, k);
                    first[k] = '\0';
                    break;
                }
                p += k;
                while (*p == ' ')
                    p++;
            }
            if (!first[0])
                fail_msg("library %s has no header name without a wildcard to plant", pkg);
            assert_true(n < 32);
            snprintf(pkgs[n], sizeof pkgs[n], "%s", pkg);
            snprintf(hdrs[n], sizeof hdrs[n], "%s", first);
            n++;
        }
        line = nl ? nl + 1 : NULL;
    }
    free(map);
    /* At least the libraries the firmware is known to link, and the tests'. */
    assert_true(n >= 12);
    for (int i = 0; i < n; i++)
        assert_int_equal(subproc_shell("printf '#include <%s>\\n' >>%s/core/log.c", hdrs[i], fw), 0);

    char *out;
    int st = check(fw, &out);
    assert_int_not_equal(st, 0);
    for (int i = 0; i < n; i++) {
        char want[512];
        snprintf(want, sizeof want, "core includes <%.127s>, a library it may not use (%.63s;", hdrs[i], pkgs[i]);
        if (!strstr(out, want))
            fail_msg("planted <%s> (%s) in core/log.c, not reported:\n%s", hdrs[i], pkgs[i], out);
    }
    free(out);
    scratch_rm_rf(dir);
}

/* A layer below may still be out of bounds: the UI never reaches into the
 * update layer (packages, slots), and content never into the outputs. */
static void test_sideways_include_fails(void **state)
{
    (void)state;
    char dir[4096], *out;
    broken_copy(dir, sizeof dir, "ui/widgets.c", "#include \"update/slots.h\"");
    int st = check(dir, &out);
    assert_int_not_equal(st, 0);
    if (!strstr(out, "ui/widgets.c:") || !strstr(out, "ui may not use update"))
        fail_msg("expected the file and reason, got:\n%s", out);
    free(out);
    scratch_rm_rf(dir);

    broken_copy(dir, sizeof dir, "content/load.c", "#include \"export/review.h\"");
    st = check(dir, &out);
    assert_int_not_equal(st, 0);
    assert_non_null(strstr(out, "export is above content"));
    free(out);
    scratch_rm_rf(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tree_passes),
        cmocka_unit_test(test_upward_include_fails),
        cmocka_unit_test(test_every_library_is_checked),
        cmocka_unit_test(test_sideways_include_fails),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
