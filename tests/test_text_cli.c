/* build/kiosk --layout end to end: plain and JSON output, invalid UTF-8. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cJSON.h>

#include "support/subproc.h"
#include "support/texttest.h"
#include "support/scratch.h"

#define CLI_BUF 65536

/* Writes `in` (n bytes) to a file, runs the kiosk with `args` on it; stdout
 * into out, stderr into err (NUL-terminated). Returns the exit status. */
static int cli_run(const char *args, const char *in, size_t n, char *out, char *err)
{
    char inpath[512], outpath[512], errpath[512], cmd[2048];
    snprintf(inpath, sizeof inpath, "%s/cli-in.%d", subproc_test_dir(), (int)getpid());
    snprintf(outpath, sizeof outpath, "%s/cli-out.%d", subproc_test_dir(), (int)getpid());
    snprintf(errpath, sizeof errpath, "%s/cli-err.%d", subproc_test_dir(), (int)getpid());
    assert_true(scratch_write(inpath, in, n));
    snprintf(cmd, sizeof cmd, "%s %s <%s >%s 2>%s", subproc_kiosk_bin(), args, inpath, outpath, errpath);
    int st = system(cmd);
    size_t len = 0;
    char *o = subproc_read_file(outpath, &len);
    assert_non_null(o);
    snprintf(out, CLI_BUF, "%s", o);
    free(o);
    char *e = subproc_read_file(errpath, &len);
    assert_non_null(e);
    snprintf(err, CLI_BUF, "%s", e);
    free(e);
    remove(inpath);
    remove(outpath);
    remove(errpath);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void test_cli_plain(void **state)
{
    (void)state;
    static char out[CLI_BUF], err[CLI_BUF];
    const char *in = "一二三四五六七八九十，一二三\n\n中\n";
    int rc = cli_run("--layout 320 --font-size 32", in, strlen(in), out, err);
    assert_int_equal(rc, 0);
    assert_string_equal(out, "一二三四五六七八九\n十，一二三\n\n\n中\n\n");
}

static void test_cli_json(void **state)
{
    (void)state;
    static char out[CLI_BUF], err[CLI_BUF];
    const char *in = "一二三四五六七八九十一\n";
    int rc = cli_run("--layout 320 --font-size 32 --json", in, strlen(in), out, err);
    assert_int_equal(rc, 0);
    char *line = strtok(out, "\n");
    int n = 0;
    const char *want[] = {"一二三四五六七八九十", "一"};
    while (line) {
        cJSON *j = cJSON_Parse(line);
        assert_non_null(j);
        assert_true(n < 2);
        assert_string_equal(cJSON_GetObjectItem(j, "text")->valuestring, want[n]);
        double w = cJSON_GetObjectItem(j, "width")->valuedouble;
        assert_true(w > 0 && w <= 320.0);
        assert_int_equal(cJSON_GetObjectItem(j, "glyphs")->valueint, n == 0 ? 10 : 1);
        cJSON_Delete(j);
        n++;
        line = strtok(NULL, "\n");
    }
    assert_int_equal(n, 2);
}

static void test_cli_invalid_utf8(void **state)
{
    (void)state;
    static char out[CLI_BUF], err[CLI_BUF];
    const char in[] = "中文\n好\xff坏\n"; /* 0xFF at byte 10 of stdin */
    int rc = cli_run("--layout 320", in, sizeof in - 1, out, err);
    assert_int_equal(rc, 1);
    assert_non_null(strstr(err, "byte offset 10"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cli_plain),
        cmocka_unit_test(test_cli_json),
        cmocka_unit_test(test_cli_invalid_utf8),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
