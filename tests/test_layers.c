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

/* A fresh copy of firmware/: tmp gets its temporary directory (the caller
 * removes it), fw the copy in it. */
static void firmware_copy(char *tmp, size_t tmplen, char *fw, size_t fwlen)
{
    assert_true(subproc_tmpdir(tmp, tmplen));
    snprintf(fw, fwlen, "%s/firmware", tmp);
    assert_true(subproc_copy_tree("firmware", fw));
}

/* `make layers` on a copy of firmware/ with `line` appended to `file`
 * (relative) fails, naming the file and saying `reason`. */
static void assert_refused(const char *file, const char *line, const char *reason)
{
    char tmp[4096], fw[4200], named[300], *out;
    firmware_copy(tmp, sizeof tmp, fw, sizeof fw);
    assert_int_equal(subproc_shell("printf '%%s\\n' '%s' >>%s/%s", line, fw, file), 0);
    int st = check(fw, &out);
    snprintf(named, sizeof named, "%s:", file);
    if (st == 0 || !strstr(out, named) || !strstr(out, reason))
        fail_msg("planted '%s' in %s: wanted a failure naming the file and saying '%s', got (exit %d):\n%s",
                 line, file, reason, st, out);
    free(out);
    scratch_rm_rf(tmp);
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
    assert_refused("core/log.c", "#include \"app/app.h\"", "app is above core");
    /* The UI drawing straight with SDL, and text reaching into the UI. */
    assert_refused("ui/widgets.c", "#include <SDL.h>", "ui includes <SDL.h>, a library it may not use");
    assert_refused("text/style.h", "#include \"ui/ui.h\"", "ui is above text");
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
    char dir[4096], fw[4200];
    firmware_copy(dir, sizeof dir, fw, sizeof fw);

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
    assert_refused("ui/widgets.c", "#include \"update/slots.h\"", "ui may not use update");
    assert_refused("content/load.c", "#include \"export/review.h\"", "export is above content");
}

/* README.md describes the layers and points to the map for the rules: its
 * "`firmware/` is N layers" and its table name exactly the map's layers. */
static void test_readme_names_the_map_layers(void **state)
{
    (void)state;
    static const char *const words[] = {"zero", "one", "two", "three", "four", "five", "six", "seven",
                                        "eight", "nine", "ten", "eleven", "twelve"};
    char *map = layer_map();
    char *readme = subproc_read_file("README.md", NULL);
    assert_non_null(readme);
    int n = 0;
    for (char *line = map; line && *line;) {
        char name[64], row[96];
        if (sscanf(line, "layer %63s", name) == 1) {
            snprintf(row, sizeof row, "| `%s/` |", name);
            if (!strstr(readme, row))
                fail_msg("README.md's layer table has no row %s for the map's layer %s", row, name);
            n++;
        }
        line = strchr(line, '\n');
        line = line ? line + 1 : NULL;
    }
    assert_true(n > 0 && n < (int)(sizeof words / sizeof words[0]));
    char says[64];
    snprintf(says, sizeof says, "`firmware/` is %s layers", words[n]);
    if (!strstr(readme, says))
        fail_msg("README.md should say \"%s\" (the Makefile's layer map has %d)", says, n);
    free(readme);
    free(map);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tree_passes),
        cmocka_unit_test(test_upward_include_fails),
        cmocka_unit_test(test_every_library_is_checked),
        cmocka_unit_test(test_sideways_include_fails),
        cmocka_unit_test(test_readme_names_the_map_layers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
