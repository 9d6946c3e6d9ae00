/* The kiosk as an appliance: opening hours (black and no drawing while
 * closed, content again after opening, on the virtual clock), burn-in drift
 * (the offsets over time, the draw list shifted, the error screen drifting),
 * a site configuration with an error that takes down nothing else, and a
 * start as root that leaves no root-owned file in the state directory. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <grp.h>
#include <pwd.h>

#include "platform/pngio.h"
#include "support/subproc.h"
#include "support/testbundles.h"
#include "support/scratch.h"
#include "ui/burnin.h"
#include "ui/drawlist.h"

static void test_drift_offsets(void **state)
{
    (void)state;
    int dx, dy, px = 0, py = 0;
    burnin_offset(0, &dx, &dy);
    assert_int_equal(dx, 0);
    assert_int_equal(dy, 0);
    burnin_offset(BURNIN_STEP_S - 0.01, &dx, &dy);
    assert_int_equal(dx, 0);
    assert_int_equal(dy, 0);
    burnin_offset(BURNIN_STEP_S, &dx, &dy);
    assert_true(dx != 0 || dy != 0);
    /* Over a day: within +-3 px, never the same offset for more than one
     * step, neighbours at most 2 px apart, every offset of the ring used. */
    int seen[7][7] = {{0}};
    for (double t = 0; t < 86400; t += 30) {
        burnin_offset(t, &dx, &dy);
        assert_in_range(dx + BURNIN_MAX_PX, 0, 2 * BURNIN_MAX_PX);
        assert_in_range(dy + BURNIN_MAX_PX, 0, 2 * BURNIN_MAX_PX);
        seen[dx + 3][dy + 3] = 1;
        if (t > 0) {
            assert_true(abs(dx - px) <= 2 && abs(dy - py) <= 2);
        }
        double next = burnin_next_change(t);
        assert_true(next > t && next <= t + BURNIN_STEP_S);
        int nx, ny;
        burnin_offset(next, &nx, &ny);
        assert_true(nx != dx || ny != dy);
        px = dx;
        py = dy;
    }
    int distinct = 0;
    for (int i = 0; i < 7; i++)
        for (int j = 0; j < 7; j++)
            distinct += seen[i][j];
    assert_int_equal(distinct, BURNIN_STEPS);
}

static void test_drift_shifts_draw_list(void **state)
{
    (void)state;
    static dl_list l;
    dl_reset(&l);
    dl_colour c = {1, 2, 3, 255};
    dl_rect(&l, 0, 0, 800, 480, c);   /* background: stays */
    dl_rect(&l, 10, 20, 30, 40, c);   /* shifted */
    dl_clip_push(&l, 5, 5, 100, 100); /* shifted */
    dl_clip_pop(&l);                  /* no clip after it: stays "none" */
    burnin_shift(&l, 2, -1, 800, 480);
    assert_int_equal(l.count, 4);
    assert_true(l.cmd[0].x == 0 && l.cmd[0].y == 0);
    assert_true(l.cmd[1].x == 12 && l.cmd[1].y == 19);
    assert_true(l.cmd[2].x == 7 && l.cmd[2].y == 4);
    assert_true(l.cmd[3].none);
}

/* Fraction of pixels of a PNG that are black, and the file's size. */
static double black_fraction(const char *path, int *w, int *h)
{
    uint8_t *px;
    char err[256];
    if (!pngio_read_rgba(path, &px, w, h, err, sizeof err))
        fail_msg("%s: %s", path, err);
    long black = 0, n = (long)*w * *h;
    for (long i = 0; i < n; i++)
        black += px[i * 4] == 0 && px[i * 4 + 1] == 0 && px[i * 4 + 2] == 0;
    free(px);
    return (double)black / (double)n;
}

/* The value of `key` (a number) in the first trace line holding every needle. */
static long trace_number(const char *tr, const char *needle, const char *key)
{
    const char *line = tr;
    while (line && *line) {
        const char *end = strchr(line, '\n');
        size_t n = end ? (size_t)(end - line) : strlen(line);
        char buf[2048];
        snprintf(buf, sizeof buf, "%.*s", (int)(n < sizeof buf ? n : sizeof buf - 1), line);
        if (strstr(buf, needle)) {
            const char *k = strstr(buf, key);
            assert_non_null(k);
            return strtol(k + strlen(key), NULL, 10);
        }
        line = end ? end + 1 : NULL;
    }
    fail_msg("no trace line with %s", needle);
    return -1;
}

/* SOURCE_DATE_EPOCH 1763800000 is Saturday 2025-11-22 08:26:40 UTC: the
 * exhibit closes at 08:27 (t = 20 s) and opens again at 08:28 (t = 80 s). */
static void test_opening_hours_run(void **state)
{
    (void)state;
    const char *d = subproc_test_dir();
    char path[512];
    snprintf(path, sizeof path, "%s/hours.conf", d);
    assert_true(scratch_write_text(path, "hours = sat 08:00-08:27 08:28-09:00\n"));
    snprintf(path, sizeof path, "%s/hours.txt", d);
    assert_true(scratch_write_text(
        path, "10 shot before\n25 shot closed\n70 shot still-closed\n85 shot open\n90 quit\n"));
    int rc = subproc_shell("TZ=UTC SOURCE_DATE_EPOCH=1763800000 %s --config %s/hours.conf --headless "
                           "--size 800x480 --script %s/hours.txt --shot-dir %s --trace %s/hours.jsonl "
                           "2>%s/hours.err",
                           subproc_kiosk_bin(), d, d, d, d, d);
    assert_int_equal(rc, 0);
    snprintf(path, sizeof path, "%s/hours.jsonl", d);
    char *tr = subproc_read_file(path, NULL);
    assert_non_null(tr);
    assert_int_equal(subproc_count_lines(tr, "\"t\":20.000", "\"event\":\"hours\"", "\"phase\":\"closed\"",
                                         "\"until\":\"2025-11-22 08:28\"", NULL), 1);
    assert_int_equal(subproc_count_lines(tr, "\"t\":80.000", "\"event\":\"hours\"", "\"phase\":\"open\"",
                                         "\"until\":\"2025-11-22 09:00\"", NULL), 1);
    /* Nothing drawn between closing and opening, drawing again after. */
    long r_closed = trace_number(tr, "closed.png", "\"renders\":");
    long r_still = trace_number(tr, "still-closed.png", "\"renders\":");
    long r_open = trace_number(tr, "open.png", "\"renders\":");
    assert_int_equal(r_closed, r_still);
    assert_true(r_open > r_still);
    /* The health event at 60 s (closed) counts what 25 s did. */
    assert_int_equal(trace_number(tr, "\"t\":60.000,\"event\":\"health\"", "\"renders\":"), r_closed);
    /* Back to the slideshow when it opens. */
    assert_int_equal(subproc_count_lines(tr, "\"event\":\"scene\"", "\"name\":\"attract\"", NULL), 2);
    free(tr);
    int w, h;
    snprintf(path, sizeof path, "%s/before.png", d);
    assert_true(black_fraction(path, &w, &h) < 0.5);
    snprintf(path, sizeof path, "%s/closed.png", d);
    assert_true(black_fraction(path, &w, &h) == 1.0);
    assert_int_equal(w, 800);
    snprintf(path, sizeof path, "%s/still-closed.png", d);
    assert_true(black_fraction(path, &w, &h) == 1.0);
    snprintf(path, sizeof path, "%s/open.png", d);
    assert_true(black_fraction(path, &w, &h) < 0.5);
}

/* The error screen drifts: a shot in the second burn-in step is the first
 * step's picture moved by the offset (the background stays). */
static void test_error_screen_drifts(void **state)
{
    (void)state;
    const char *d = subproc_test_dir();
    char path[512], script[128];
    snprintf(path, sizeof path, "%s/drift.txt", d);
    snprintf(script, sizeof script, "60 shot drift0\n%.0f shot drift1\n%.0f quit\n", BURNIN_STEP_S + 10,
             BURNIN_STEP_S + 11);
    assert_true(scratch_write_text(path, script));
    char broken[300];
    testbundles_broken("yaml-unclosed-quote", broken, sizeof broken);
    int rc =
        subproc_shell("SOURCE_DATE_EPOCH=1763800000 %s --config none --headless --size 800x480 "
                      "--bundle %s --script %s/drift.txt --shot-dir %s --trace %s/drift.jsonl 2>/dev/null",
                      subproc_kiosk_bin(), broken, d, d, d);
    assert_int_equal(rc, 0);
    snprintf(path, sizeof path, "%s/drift.jsonl", d);
    char *tr = subproc_read_file(path, NULL);
    assert_non_null(tr);
    assert_int_equal(subproc_count_lines(tr, "\"event\":\"scene\"", "\"name\":\"error\"", NULL), 1);
    free(tr);
    uint8_t *a, *b;
    int w, h, w2, h2;
    char err[256];
    snprintf(path, sizeof path, "%s/drift0.png", d);
    assert_true(pngio_read_rgba(path, &a, &w, &h, err, sizeof err));
    snprintf(path, sizeof path, "%s/drift1.png", d);
    assert_true(pngio_read_rgba(path, &b, &w2, &h2, err, sizeof err));
    int dx, dy;
    burnin_offset(BURNIN_STEP_S + 10, &dx, &dy);
    long same = 0, moved = 0, total = 0;
    for (int y = 8; y < h - 8; y++) {
        for (int x = 8; x < w - 8; x++) {
            const uint8_t *p0 = a + ((size_t)y * w + x) * 4;
            const uint8_t *p1 = b + ((size_t)(y + dy) * w + x + dx) * 4;
            const uint8_t *p2 = b + ((size_t)y * w + x) * 4;
            total++;
            moved += memcmp(p0, p1, 3) == 0;
            same += memcmp(p0, p2, 3) == 0;
        }
    }
    free(a);
    free(b);
    /* Everything matches once moved; unmoved, the text does not. */
    assert_true(moved == total);
    assert_true(same < total);
}

/* The kiosk as an absolute path (the tests move away from the repository). */
static const char *kiosk_abs(void)
{
    static char path[4096];
    const char *bin = subproc_kiosk_bin();
    char cwd[2048];
    if (bin[0] == '/' || !getcwd(cwd, sizeof cwd))
        snprintf(path, sizeof path, "%s", bin);
    else
        snprintf(path, sizeof path, "%s/%s", cwd, bin);
    return path;
}

/* Started from another directory, without $KIOSK_FONTS_DIR: the fonts and
 * the default bundle come from beside the program (the source tree here),
 * not from the working directory, and not from the system's fallbacks. */
static void test_paths_from_other_dir(void **state)
{
    (void)state;
    const char *d = subproc_test_dir();
    int rc = subproc_shell("cd %s && env -u KIOSK_FONTS_DIR SOURCE_DATE_EPOCH=1763800000 %s --config none "
                           "--headless --size 800x480 --frames 3 --trace paths.jsonl 2>paths.err",
                           d, kiosk_abs());
    assert_int_equal(rc, 0);
    char path[512];
    snprintf(path, sizeof path, "%s/paths.jsonl", d);
    char *tr = subproc_read_file(path, NULL);
    assert_non_null(tr);
    assert_int_equal(subproc_count_lines(tr, "\"event\":\"start\"", "/../fonts\"", NULL), 1);
    assert_int_equal(subproc_count_lines(tr, "\"event\":\"bundle\"", "/../content\"", "\"result\":\"loaded\"",
                                         NULL), 1);
    free(tr);
    snprintf(path, sizeof path, "%s/paths.err", d);
    char *err = subproc_read_file(path, NULL);
    assert_non_null(err);
    assert_null(strstr(err, "fontset"));
    assert_non_null(strstr(err, "fonts from /"));
    free(err);
}

/* A bundled font missing is an error at start, not a quiet fallback. */
static void test_missing_font_fails(void **state)
{
    (void)state;
    const char *d = subproc_test_dir();
    int rc = subproc_shell("mkdir -p %s/nofonts && cp fonts/NotoSansSC-Regular.otf %s/nofonts/ && "
                           "KIOSK_FONTS_DIR=%s/nofonts %s --config none --headless --frames 1 2>%s/nofonts.err",
                           d, d, d, kiosk_abs(), d);
    assert_int_equal(rc, 1);
    char path[512];
    snprintf(path, sizeof path, "%s/nofonts.err", d);
    char *err = subproc_read_file(path, NULL);
    assert_non_null(err);
    assert_non_null(strstr(err, "bundled font "));
    assert_non_null(strstr(err, "/nofonts/NotoSansSC-Bold.otf missing"));
    free(err);
}

/* Every line of text has the kiosk's one log form,
 * "kiosk: [level] module: message"; returns how many lines there are. */
static int assert_log_form(const char *text)
{
    static const char *const levels[] = {"debug", "info", "warn", "error"};
    int lines = 0;
    for (const char *p = text; *p; lines++) {
        const char *end = strchr(p, '\n');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        bool ok = strncmp(p, "kiosk: [", 8) == 0;
        const char *q = p + 8;
        if (ok) {
            size_t k = 0;
            while (k < 4 && !(strncmp(q, levels[k], strlen(levels[k])) == 0 && q[strlen(levels[k])] == ']'))
                k++;
            ok = k < 4;
            q = ok ? q + strlen(levels[k]) + 1 : q;
        }
        ok = ok && *q++ == ' ' && *q >= 'a' && *q <= 'z';
        while (ok && ((*q >= 'a' && *q <= 'z') || *q == '_'))
            q++;
        ok = ok && q[0] == ':' && q[1] == ' ' && q + 2 <= p + len;
        if (!ok)
            fail_msg("line %d is not \"kiosk: [level] module: message\": %.*s", lines + 1, (int)len, p);
        p = end ? end + 1 : p + len;
    }
    return lines;
}

/* A window without any display: SDL's offscreen/dummy drivers are refused,
 * exit 1 with the hint, in one line of the log (libwayland's complaint about
 * a missing XDG_RUNTIME_DIR, which SDL's search for a display causes, is a
 * debug line of the log, not a line of its own). */
static void test_no_display_refused(void **state)
{
    (void)state;
    const char *d = subproc_test_dir();
    int rc = subproc_shell(
        "env -u DISPLAY -u WAYLAND_DISPLAY -u SDL_VIDEODRIVER -u XDG_RUNTIME_DIR %s --config none "
        "--frames 1 >/dev/null 2>%s/nodisplay.err",
        kiosk_abs(), d);
    assert_int_equal(rc, 1);
    char path[512];
    snprintf(path, sizeof path, "%s/nodisplay.err", d);
    char *err = subproc_read_file(path, NULL);
    assert_non_null(err);
    assert_non_null(strstr(err, "no display found"));
    assert_non_null(strstr(err, "run with --headless"));
    assert_int_equal(assert_log_form(err), 1);
    assert_non_null(strstr(err, "kiosk: [error] "));
    free(err);
}

/* The libraries' lines in the kiosk's log: SDL's own log (here its event
 * log, SDL_EVENT_LOGGING, for a scripted tap) and ALSA's errors (here its
 * configuration missing, which makes alsa-lib complain on any machine),
 * each in the log's form; ALSA's at the debug level, so only --verbose
 * shows them. */
static void test_library_lines_in_log_form(void **state)
{
    (void)state;
    const char *d = subproc_test_dir();
    char path[512];
    snprintf(path, sizeof path, "%s/tap.txt", d);
    assert_true(scratch_write_text(path, "0.5 tap 100 100\n1.0 quit\n"));
    for (int verbose = 0; verbose < 2; verbose++) {
        int rc = subproc_shell(
            "SDL_EVENT_LOGGING=1 SDL_AUDIODRIVER=alsa ALSA_CONFIG_PATH=%s/no-alsa.conf %s --config "
            "none --headless --size 800x480 --script %s %s >/dev/null 2>%s/libs.err",
            d, kiosk_abs(), path, verbose ? "--verbose" : "", d);
        assert_int_equal(rc, 0);
        char errpath[600];
        snprintf(errpath, sizeof errpath, "%s/libs.err", d);
        char *err = subproc_read_file(errpath, NULL);
        assert_non_null(err);
        assert_log_form(err);
        assert_true(subproc_count_lines(err, "kiosk: [info] sdl: SDL EVENT: SDL_FINGERDOWN", NULL) >= 1);
        assert_int_equal(subproc_count_lines(err, "kiosk: [debug] alsa: ", "no-alsa.conf", NULL) > 0,
                         verbose);
        assert_null(strstr(err, "ALSA lib"));
        free(err);
    }
}

/* Headless without --frames or a script, the kiosk runs on the real clock
 * and sleeps while nothing changes, as in a window: on a still screen (the
 * error screen) stopped by SIGTERM two seconds after its first frame, it
 * went round its loop a few times and drew once. (On the virtual clock it
 * would have simulated minutes in those seconds: thousands of frames.) With
 * --frames it keeps the virtual clock: 600 frames are 10 s of program time. */
static void test_headless_idles_on_real_clock(void **state)
{
    (void)state;
    const char *d = subproc_test_dir();
    char broken[300];
    testbundles_broken("yaml-unclosed-quote", broken, sizeof broken);
    int rc =
        subproc_shell("rm -f %s/idle.jsonl; %s --config none --headless --size 800x480 --bundle %s "
                      "--trace %s/idle.jsonl 2>/dev/null & p=$!; "
                      "for i in $(seq 400); do grep -q '\"first_frame\"' %s/idle.jsonl 2>/dev/null && break; "
                      "sleep 0.05; done; sleep 2; kill -TERM $p; wait $p",
                      d, kiosk_abs(), broken, d, d);
    assert_int_equal(rc, 0);
    char path[512];
    snprintf(path, sizeof path, "%s/idle.jsonl", d);
    char *tr = subproc_read_file(path, NULL);
    assert_non_null(tr);
    assert_int_equal(subproc_count_lines(tr, "\"event\":\"scene\"", "\"name\":\"error\"", NULL), 1);
    long frames = trace_number(tr, "\"event\":\"quit\"", "\"frames\":");
    long renders = trace_number(tr, "\"event\":\"quit\"", "\"renders\":");
    free(tr);
    if (frames > 30 || renders > 2)
        fail_msg("a still screen for 2 s: %ld frames, %ld drawn (expected a few, and 1)", frames, renders);
    rc = subproc_shell(
        "%s --config none --headless --size 800x480 --bundle %s --frames 600 --trace %s/idle.jsonl "
        "2>/dev/null",
        kiosk_abs(), broken, d);
    assert_int_equal(rc, 0);
    tr = subproc_read_file(path, NULL);
    assert_non_null(tr);
    assert_int_equal(subproc_count_lines(tr, "{\"t\":9.983,\"event\":\"quit\",\"frames\":600,", NULL), 1);
    free(tr);
}

/* A bundle without its source articles beside it (the default bundle, as
 * installed): the kiosk says so once, as information, since the bundle was
 * checked with them before it came here; --check still warns. */
static void test_no_sources_is_info_once(void **state)
{
    (void)state;
    const char *d = subproc_test_dir();
    int rc = subproc_shell("%s --config none --headless --size 800x480 --frames 3 2>%s/sources.err",
                           kiosk_abs(), d);
    assert_int_equal(rc, 0);
    char path[512];
    snprintf(path, sizeof path, "%s/sources.err", d);
    char *err = subproc_read_file(path, NULL);
    assert_non_null(err);
    assert_int_equal(subproc_count_lines(err, "no source articles", NULL), 1);
    assert_int_equal(subproc_count_lines(err, "kiosk: [info] bundle: no source articles", NULL), 1);
    assert_null(strstr(err, "[warn]"));
    free(err);
    rc = subproc_shell("%s --check content 2>%s/sources.err", kiosk_abs(), d);
    assert_int_equal(rc, 0);
    err = subproc_read_file(path, NULL);
    assert_non_null(err);
    assert_int_equal(subproc_count_lines(err, "warning: no source articles", NULL), 1);
    free(err);
}

/* The boot figure: start names the renderer; first_frame gives real
 * milliseconds from the process start to the first frame presented. */
static void test_first_frame_time(void **state)
{
    (void)state;
    const char *d = subproc_test_dir();
    int rc = subproc_shell("SOURCE_DATE_EPOCH=1763800000 %s --config none --headless --size 800x480 --frames 3 "
                           "--trace %s/boot.jsonl 2>/dev/null",
                           kiosk_abs(), d);
    assert_int_equal(rc, 0);
    char path[512];
    snprintf(path, sizeof path, "%s/boot.jsonl", d);
    char *tr = subproc_read_file(path, NULL);
    assert_non_null(tr);
    assert_int_equal(subproc_count_lines(tr, "\"event\":\"start\"", "\"renderer\":\"software\"", NULL), 1);
    assert_int_equal(subproc_count_lines(tr, "\"event\":\"first_frame\"", NULL), 1);
    const char *ff = strstr(tr, "\"event\":\"first_frame\"");
    double ms = strtod(strstr(ff, "\"ms\":") + 5, NULL);
    double main_ms = strtod(strstr(ff, "\"main_ms\":") + 10, NULL);
    print_message("time to first frame: %.1f ms from exec, %.1f ms from main\n", ms, main_ms);
    assert_true(main_ms > 0 && main_ms < 60000);
    assert_true(ms >= main_ms - 20 && ms < 60000); /* exec is before main (10 ms ticks) */
    free(tr);
}

/* content/ as version v, packed unsigned into DIR/NAME. */
static void pack_version(const char *dir, const char *v, const char *name)
{
    int rc =
        subproc_shell("rm -rf %s/v%s && cp -r content %s/v%s && sed -i 's/^version: .*/version: \"%s\"/' "
                      "%s/v%s/manifest.yaml && %s pack %s/v%s -o %s/%s >/dev/null 2>&1",
                      dir, v, dir, v, v, dir, v, subproc_bundle_tool_bin(), dir, v, dir, name);
    assert_int_equal(rc, 0);
}

/* A file of the run, read whole (the test fails when it is missing). */
static char *read_in(const char *dir, const char *name)
{
    char path[700];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    char *text = subproc_read_file(path, NULL);
    if (!text)
        fail_msg("%s: missing", path);
    return text;
}

/* One bad line in the site configuration takes down nothing it does not
 * touch: the state directory is used (the bundle installed there is shown,
 * the touch is counted), the metrics are written and count the error, the
 * other settings apply; the log names the line. */
static void test_config_error_touches_nothing_else(void **state)
{
    (void)state;
    char d[512];
    assert_true(subproc_tmpdir(d, sizeof d));
    pack_version(d, "9.0.0", "v9.kbundle");
    assert_int_equal(
        subproc_shell("mkdir %s/state %s/metrics && %s --install %s/v9.kbundle --state-dir %s/state "
                      "--allow-unsigned >/dev/null 2>&1",
                      d, d, kiosk_abs(), d, d),
        0);
    char path[600];
    snprintf(path, sizeof path, "%s/kiosk.conf", d);
    assert_true(
        scratch_write_text(path, "state_dir = state\nvolum = 50\nmetrics_dir = metrics\nrotation = 90\n"));
    snprintf(path, sizeof path, "%s/tap.txt", d);
    assert_true(scratch_write_text(path, "1.0 tap 240 400\n"));
    int rc = subproc_shell("SOURCE_DATE_EPOCH=1763800000 %s --config %s/kiosk.conf --headless --size 800x480 "
                           "--frames 120 --script %s/tap.txt --trace %s/run.jsonl 2>%s/err.txt",
                           kiosk_abs(), d, d, d, d);
    assert_int_equal(rc, 0);
    char *err = read_in(d, "err.txt");
    assert_non_null(strstr(err, "/kiosk.conf:2: unknown key 'volum' (did you mean 'volume'?)\n"));
    assert_non_null(strstr(err, "/kiosk.conf: 1 error: that line ignored, every other line applied\n"));
    free(err);
    char *tr = read_in(d, "run.jsonl");
    assert_int_equal(subproc_count_lines(tr, "\"event\":\"start\"", "\"rotate\":90", NULL), 1);
    assert_int_equal(
        subproc_count_lines(tr, "\"event\":\"bundle\"", "/state/slots/", "\"version\":\"9.0.0\"", NULL), 1);
    free(tr);
    char *prom = read_in(d, "metrics/kiosk.prom");
    assert_non_null(strstr(prom, "kiosk_config_errors 1\n"));
    assert_non_null(strstr(prom, ",version=\"9.0.0\"} 1\n"));
    free(prom);
    char *log = read_in(d, "state/interactions.csv");
    assert_non_null(strstr(log, ",total,touches,1,"));
    free(log);
    scratch_rm_rf(d);
}

/* For the root starts below: false (the test is then skipped, saying why)
 * unless the tests run as root; else a uid (and gid) no user or group has,
 * which can run the kiosk of this tree. */
static bool root_and_free_uid(unsigned *uid)
{
    if (geteuid() != 0) {
        print_message("not run as root: a root start cannot be tested\n");
        return false;
    }
    for (*uid = 4242; getpwuid(*uid) || getgrgid(*uid); (*uid)++)
        ;
    char tree[2048];
    assert_non_null(getcwd(tree, sizeof tree));
    if (subproc_shell("setpriv --reuid=%u --regid=%u --clear-groups sh -c 'test -x %s && test -r "
                      "%s/fonts/NotoSansSC-Regular.otf && test -r %s/content/manifest.yaml'",
                      *uid, *uid, kiosk_abs(), tree, tree) != 0) {
        print_message("uid %u cannot run the kiosk of %s (a directory on the way is closed to others)\n",
                      *uid, tree);
        return false;
    }
    return true;
}

/* Started as root on a state directory that another user owns (a uid
 * without a name here; the service's `kiosk` on a kiosk), the kiosk runs as
 * that user: the update it installs from the inbox (the install child's
 * files), the slots, the interaction log, the fit cache, the metrics, the
 * trace all belong to the owner, none to root, and the owner can still
 * install the next update into the directory. */
static void test_root_start_leaves_no_root_file(void **state)
{
    (void)state;
    unsigned uid;
    if (!root_and_free_uid(&uid))
        skip();
    char d[512];
    assert_true(subproc_tmpdir(d, sizeof d));
    assert_int_equal(chmod(d, 0755), 0);
    pack_version(d, "9.0.0", "v9.kbundle");
    pack_version(d, "9.1.0", "v91.kbundle");
    assert_int_equal(subproc_shell("mkdir -p %s/state/inbox %s/metrics %s/out && chmod 1777 %s/out && "
                                   "cp %s/v9.kbundle %s/state/inbox/ && chown -R %u:%u %s/state %s/metrics",
                                   d, d, d, d, d, d, uid, uid, d, d),
                     0);
    char path[600];
    snprintf(path, sizeof path, "%s/kiosk.conf", d);
    assert_true(scratch_write_text(path, "state_dir = state\nmetrics_dir = metrics\ninbox = state/inbox\n"));
    int rc =
        subproc_shell("SOURCE_DATE_EPOCH=1763800000 %s --config %s/kiosk.conf --headless --size 320x240 "
                      "--frames 400 --healthy-after 5 --allow-unsigned --trace %s/out/run.jsonl 2>%s/err.txt",
                      kiosk_abs(), d, d, d);
    assert_int_equal(rc, 0);
    /* Every file the run made (and the directories) belongs to the owner. */
    assert_int_equal(
        subproc_shell("cd %s && find state metrics out/run.jsonl ! -uid %u -o ! -gid %u "
                      "> others.txt && test -s state/slots/state && test -s state/interactions.csv "
                      "&& test -s state/fit-cache && test -s metrics/kiosk.prom",
                      d, uid, uid),
        0);
    char *others = read_in(d, "others.txt");
    if (others[0])
        fail_msg("files not owned by uid %u:\n%s", uid, others);
    free(others);
    char *err = read_in(d, "err.txt");
    char want[128];
    snprintf(want, sizeof want,
             "started as root: running as uid %u (gid %u), the owner of the state directory", uid, uid);
    if (!strstr(err, want))
        fail_msg("no '%s' in the log:\n%s", want, err);
    free(err);
    char *tr = read_in(d, "out/run.jsonl");
    assert_int_equal(subproc_count_lines(tr, "\"event\":\"update\"", "version 9.0.0 installed", NULL), 1);
    assert_int_equal(subproc_count_lines(tr, "\"event\":\"update\"", "\"confirmed\":\"a\"", NULL), 1);
    free(tr);
    /* What the root start broke before: the service's next install. */
    rc = subproc_shell(
        "setpriv --reuid=%u --regid=%u --clear-groups %s --install %s/v91.kbundle --state-dir %s/state "
        "--allow-unsigned >/dev/null 2>&1",
        uid, uid, kiosk_abs(), d, d);
    assert_int_equal(rc, 0);
    scratch_rm_rf(d);
}

/* When it cannot become the owner (no CAP_SETUID and CAP_SETGID), a root
 * start refuses in one line that says how to run it, and writes nothing. */
static void test_root_start_refused_when_it_cannot_drop(void **state)
{
    (void)state;
    unsigned uid;
    if (!root_and_free_uid(&uid))
        skip();
    if (subproc_shell("setpriv --bounding-set=-setuid,-setgid true 2>/dev/null") != 0) {
        print_message("setpriv cannot drop capabilities here\n");
        skip();
    }
    char d[512];
    assert_true(subproc_tmpdir(d, sizeof d));
    assert_int_equal(subproc_shell("mkdir %s/state && chown %u:%u %s/state", d, uid, uid, d), 0);
    int rc = subproc_shell("setpriv --bounding-set=-setuid,-setgid %s --config none --headless --frames 3 "
                           "--state-dir %s/state 2>%s/err.txt",
                           kiosk_abs(), d, d);
    assert_int_equal(rc, 1);
    char *err = read_in(d, "err.txt");
    char want[2048];
    snprintf(
        want, sizeof want,
        "kiosk: [error] privdrop: the state directory %s/state belongs to uid %u and the kiosk, started as "
        "root, cannot become that user (setgroups: Operation not permitted): run it as that user: sudo -u "
        "'#%u' kiosk --config none --headless --frames 3 --state-dir %s/state\n",
        d, uid, uid, d);
    if (!strstr(err, want) || strchr(err, '\n') != err + strlen(err) - 1)
        fail_msg("not the one line '%s':\n%s", want, err);
    free(err);
    assert_int_equal(subproc_shell("test -z \"$(ls -A %s/state)\"", d), 0);
    scratch_rm_rf(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_drift_offsets),
        cmocka_unit_test(test_drift_shifts_draw_list),
        cmocka_unit_test(test_opening_hours_run),
        cmocka_unit_test(test_error_screen_drifts),
        cmocka_unit_test(test_paths_from_other_dir),
        cmocka_unit_test(test_missing_font_fails),
        cmocka_unit_test(test_no_display_refused),
        cmocka_unit_test(test_library_lines_in_log_form),
        cmocka_unit_test(test_headless_idles_on_real_clock),
        cmocka_unit_test(test_no_sources_is_info_once),
        cmocka_unit_test(test_first_frame_time),
        cmocka_unit_test(test_config_error_touches_nothing_else),
        cmocka_unit_test(test_root_start_leaves_no_root_file),
        cmocka_unit_test(test_root_start_refused_when_it_cannot_drop),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
