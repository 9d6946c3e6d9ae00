/* End to end: build/kiosk run headless with a script, its trace, its
 * screenshots against a golden PNG, determinism, rotation, and the errors a
 * user sees on the command line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "platform/pngio.h"
#include "support/golden.h"
#include "support/subproc.h"
#include "support/scratch.h"

#define E2E_TOLERANCE GOLDEN_SHOT_TOLERANCE /* per channel, out of 255 */
#define E2E_MAX_DIFF_FRACTION GOLDEN_SHOT_MAX_FRACTION

/* Compares a screenshot file with tests/golden/<name>.png (golden.h). */
static void assert_png_matches(const char *actual, const char *name)
{
    char msg[512];
    if (!golden_check_png(actual, name, E2E_TOLERANCE, E2E_MAX_DIFF_FRACTION, msg, sizeof msg))
        fail_msg("%s: %s", actual, msg);
}

/* The PNG at path is a w x h picture. */
static void assert_png_size(const char *path, int w, int h)
{
    uint8_t *px;
    int pw, ph;
    char err[256];
    if (!pngio_read_rgba(path, &px, &pw, &ph, err, sizeof err))
        fail_msg("%s", err);
    free(px);
    if (pw != w || ph != h)
        fail_msg("%s: %dx%d, expected %dx%d", path, pw, ph, w, h);
}

static void test_scripted_run(void **state)
{
    (void)state;
    const char *d = subproc_test_dir();
    int rc = subproc_shell("SOURCE_DATE_EPOCH=1763800000 %s --headless --size 960x540 --frames 600 "
                       "--script tests/scripts/first.txt --shot-dir %s --trace %s/first.jsonl "
                       "--screenshot %s/last.png 2>%s/err.txt",
                       subproc_kiosk_bin(), d, d, d, d);
    assert_int_equal(rc, 0);
    char path[512];
    snprintf(path, sizeof path, "%s/first.jsonl", d);
    char *tr = subproc_read_file(path, NULL);
    assert_non_null(tr);
    assert_int_equal(subproc_count_lines(tr, "\"event\":\"start\"", "\"driver\":\"dummy\"",
                                     "\"w\":960", "\"h\":540", NULL), 1);
    assert_int_equal(subproc_count_lines(tr, "\"event\":\"bundle\"", "/../content\"",
                                     "\"result\":\"loaded\"", NULL), 1);
    assert_int_equal(subproc_count_lines(tr, "\"event\":\"scene\"", "\"name\":\"attract\"", NULL), 1);
    /* The tap at 0.5 s: finger down and up where the script put them. It
     * wakes the exhibit (home), and is not also a tap on home. */
    assert_int_equal(subproc_count_lines(tr, "\"t\":0.500", "\"phase\":\"down\"", "\"x\":480",
                                     "\"y\":270", NULL), 1);
    assert_int_equal(subproc_count_lines(tr, "\"t\":0.550", "\"phase\":\"up\"", NULL), 1);
    assert_int_equal(subproc_count_lines(tr, "\"event\":\"scene\"", "\"name\":\"home\"", NULL), 1);
    /* The drag: a pan that ends where it was told to, fast enough to swipe. */
    assert_int_equal(subproc_count_lines(tr, "\"t\":1.250", "\"phase\":\"up\"", "\"x\":150", NULL), 1);
    assert_int_equal(subproc_count_lines(tr, "\"type\":\"pan_end\"", "\"x\":150", NULL), 1);
    assert_int_equal(subproc_count_lines(tr, "\"type\":\"swipe\"", "\"dir\":\"left\"", NULL), 1);
    /* The pinch puts two fingers down 100 px apart around the centre. */
    assert_int_equal(subproc_count_lines(tr, "\"t\":1.500", "\"phase\":\"down\"", "\"x\":430", NULL), 1);
    assert_int_equal(subproc_count_lines(tr, "\"t\":1.500", "\"phase\":\"down\"", "\"x\":530", NULL), 1);
    assert_int_equal(subproc_count_lines(tr, "\"type\":\"pinch_begin\"", NULL), 1);
    /* The press and release at 2.0-2.5 s: held 0.5 s, under the long-press
     * time, so a tap. */
    assert_int_equal(subproc_count_lines(tr, "\"event\":\"tap\"", "\"x\":50", "\"y\":50", NULL), 1);
    assert_int_equal(subproc_count_lines(tr, "\"event\":\"key\"", "\"name\":\"space\"", NULL), 1);
    assert_int_equal(subproc_count_lines(tr, "\"event\":\"shot\"", "mid.png", NULL), 1);
    /* quit at 3.5 s is frame 210: 211 frames ran. */
    assert_int_equal(subproc_count_lines(tr, "\"event\":\"quit\"", "\"frames\":211", NULL), 1);
    free(tr);
    snprintf(path, sizeof path, "%s/mid.png", d);
    assert_png_matches(path, "home-960x540");
}

static void test_same_script_same_pixels(void **state)
{
    (void)state;
    const char *d = subproc_test_dir();
    for (int i = 0; i < 2; i++)
        assert_int_equal(subproc_shell("SOURCE_DATE_EPOCH=1763800000 %s --headless --size 960x540 "
                                   "--script tests/scripts/first.txt "
                                   "--shot-dir %s --screenshot %s/run%d.png 2>/dev/null",
                                   subproc_kiosk_bin(), d, d, i), 0);
    assert_int_equal(subproc_shell("cmp -s %s/run0.png %s/run1.png", d, d), 0);
}

static void test_rotation_maps_touch_back(void **state)
{
    (void)state;
    const char *d = subproc_test_dir();
    static const int rotations[] = {90, 180, 270};
    for (int i = 0; i < 3; i++) {
        int r = rotations[i];
        /* --size is the picture's, whatever the rotation (the panel is the
         * picture turned). */
        assert_int_equal(subproc_shell("%s --headless --size 1080x1920 --rotate %d --script "
                                       "tests/scripts/rotated-tap.txt --trace %s/rot.jsonl "
                                       "--screenshot %s/rot.png 2>/dev/null",
                                       subproc_kiosk_bin(), r, d, d),
                         0);
        char path[512];
        snprintf(path, sizeof path, "%s/rot.jsonl", d);
        char *tr = subproc_read_file(path, NULL);
        assert_non_null(tr);
        assert_int_equal(subproc_count_lines(tr, "\"event\":\"start\"", "\"w\":1080", "\"h\":1920", NULL), 1);
        if (subproc_count_lines(tr, "\"phase\":\"down\"", "\"x\":100", "\"y\":200", NULL) != 1 ||
            subproc_count_lines(tr, "\"event\":\"tap\"", "\"x\":1000", "\"y\":1800", NULL) != 1)
            fail_msg("rotate %d: touches not at their picture coordinates:\n%s", r, tr);
        free(tr);
        snprintf(path, sizeof path, "%s/rot.png", d);
        assert_png_size(path, 1080, 1920); /* screenshots are of the upright picture */
    }
}

static void test_bad_script_exits_2_with_line(void **state)
{
    (void)state;
    const char *d = subproc_test_dir();
    char path[512];
    snprintf(path, sizeof path, "%s/bad.txt", d);
    assert_true(scratch_write_text(path, "# ok\n1.0 tap 10 10\n2.0 swipe 1 2\n"));
    assert_int_equal(subproc_shell("%s --headless --script %s 2>%s/err.txt", subproc_kiosk_bin(), path, d), 2);
    snprintf(path, sizeof path, "%s/err.txt", d);
    char *err = subproc_read_file(path, NULL);
    assert_non_null(strstr(err, "bad.txt:3: unknown event 'swipe'"));
    free(err);
    /* Coordinates are checked against the picture's larger side (either
     * orientation: the operator may rotate the picture during a run). */
    snprintf(path, sizeof path, "%s/off.txt", d);
    assert_true(scratch_write_text(path, "1.0 tap 1000 10\n"));
    assert_int_equal(subproc_shell("%s --headless --size 800x480 --script %s 2>%s/err.txt",
                               subproc_kiosk_bin(), path, d), 2);
    snprintf(path, sizeof path, "%s/err.txt", d);
    err = subproc_read_file(path, NULL);
    assert_non_null(strstr(err, "off.txt:1: x is outside the screen (0..800)"));
    free(err);
}

static void test_command_line_errors(void **state)
{
    (void)state;
    const char *d = subproc_test_dir();
    assert_int_equal(subproc_shell("%s --nope 2>%s/err.txt", subproc_kiosk_bin(), d), 2);
    char path[512];
    snprintf(path, sizeof path, "%s/err.txt", d);
    char *err = subproc_read_file(path, NULL);
    assert_non_null(strstr(err, "unknown option '--nope'"));
    free(err);
    assert_int_equal(subproc_shell("%s --rotate 45 2>/dev/null", subproc_kiosk_bin()), 2);
    assert_int_equal(subproc_shell("%s --help >%s/help.txt", subproc_kiosk_bin(), d), 0);
    snprintf(path, sizeof path, "%s/help.txt", d);
    char *help = subproc_read_file(path, NULL);
    assert_non_null(strstr(help, "--headless"));
    free(help);
}

static void test_no_display_suggests_headless(void **state)
{
    (void)state;
    const char *d = subproc_test_dir();
    /* x11 without a server is what a fresh console-less machine offers. */
    int rc = subproc_shell("env -u DISPLAY -u WAYLAND_DISPLAY SDL_VIDEODRIVER=x11 %s --frames 1 "
                       "2>%s/err.txt", subproc_kiosk_bin(), d);
    assert_int_equal(rc, 1);
    char path[512];
    snprintf(path, sizeof path, "%s/err.txt", d);
    char *err = subproc_read_file(path, NULL);
    assert_non_null(strstr(err, "--headless"));
    assert_non_null(strstr(err, "no display found"));
    free(err);
}

static void test_window_under_xvfb(void **state)
{
    (void)state;
    const char *d = subproc_test_dir();
    if (subproc_shell("command -v xvfb-run >/dev/null") != 0)
        fail_msg("xvfb-run is missing: toolchain/install-deps.sh installs it");
    /* The X11/GL stack (libdbus, Mesa) leaks a little at exit: not ours, so
     * leak checking is off for this one run of a sanitizer build. */
    int rc = subproc_shell("ASAN_OPTIONS=detect_leaks=0 xvfb-run -a -s '-screen 0 1280x800x24' "
                           "%s --size 1280x800 --frames 30 "
                           "--trace %s/win.jsonl 2>%s/win.err",
                           subproc_kiosk_bin(), d, d);
    assert_int_equal(rc, 0);
    char path[512];
    /* It fits the screen: shown pixel for pixel, not scaled. */
    snprintf(path, sizeof path, "%s/win.err", d);
    char *err = subproc_read_file(path, NULL);
    assert_non_null(err);
    assert_null(strstr(err, "scaled down"));
    free(err);
    snprintf(path, sizeof path, "%s/win.jsonl", d);
    char *tr = subproc_read_file(path, NULL);
    assert_non_null(tr);
    assert_int_equal(subproc_count_lines(tr, "\"event\":\"start\"", "\"driver\":\"x11\"",
                                     "\"headless\":false", NULL), 1);
    assert_int_equal(subproc_count_lines(tr, "\"event\":\"quit\"", NULL), 1);
    free(tr);
}

/* A window fits the screen it opens on, and the picture keeps its pixels:
 * on a 1280x800 desktop, the portrait 1080x1920 picture upright (its panel
 * 1080x1920) and turned by --rotate 90 (a landscape 1920x1080 panel on its
 * side) are each shown in a window scaled down to the screen, while the
 * scenes, the trace and the screenshot have the whole 1080x1920 picture. */
static void test_window_fits_screen(void **state)
{
    (void)state;
    const char *d = subproc_test_dir();
    static const struct {
        const char *args, *window;
    } cases[] = {
        {"--size 1080x1920", "the 1080x1920 panel shown in a 450x800 window"},
        {"--size 1080x1920 --rotate 90", "the 1920x1080 panel shown in a 1280x720 window"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int rc = subproc_shell("ASAN_OPTIONS=detect_leaks=0 xvfb-run -a -s '-screen 0 1280x800x24' "
                               "%s --config none %s --frames 30 --trace %s/fit.jsonl --screenshot %s/fit.png "
                               "2>%s/fit.err",
                               subproc_kiosk_bin(), cases[i].args, d, d, d);
        assert_int_equal(rc, 0);
        char path[512];
        snprintf(path, sizeof path, "%s/fit.err", d);
        char *err = subproc_read_file(path, NULL);
        assert_non_null(err);
        if (!strstr(err, cases[i].window))
            fail_msg("%s: expected \"%s\" in:\n%s", cases[i].args, cases[i].window, err);
        free(err);
        snprintf(path, sizeof path, "%s/fit.jsonl", d);
        char *tr = subproc_read_file(path, NULL);
        assert_non_null(tr);
        assert_int_equal(subproc_count_lines(tr, "\"event\":\"start\"", "\"driver\":\"x11\"", "\"w\":1080",
                                             "\"h\":1920", NULL),
                         1);
        free(tr);
        snprintf(path, sizeof path, "%s/fit.png", d);
        assert_png_size(path, 1080, 1920);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_scripted_run),
        cmocka_unit_test(test_same_script_same_pixels),
        cmocka_unit_test(test_rotation_maps_touch_back),
        cmocka_unit_test(test_bad_script_exits_2_with_line),
        cmocka_unit_test(test_command_line_errors),
        cmocka_unit_test(test_no_display_suggests_headless),
        cmocka_unit_test(test_window_under_xvfb),
        cmocka_unit_test(test_window_fits_screen),
    };
    return cmocka_run_group_tests_name("e2e", tests, NULL, NULL);
}
