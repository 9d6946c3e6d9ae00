/* Reach mode (ui/reach.h): every visitor control within a seated visitor's
 * reach. The zone is computed here from the trace's picture size and px/mm
 * and the configured height of the screen's bottom edge, independently of
 * the kiosk's own arithmetic; then a visit walks every scene (home, the
 * timeline, an event card, the reader with its Listen button) and every
 * traced visitor target must lie within the zone. Content (excerpts, timeline
 * markers) may stay above it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "support/flow.h"
#include "support/subproc.h"
#include "support/scratch.h"
#include "ui/reach.h"

static void test_zone_arithmetic(void **state)
{
    (void)state;
    float ppm = 1920.0f / 527.0f; /* a 23.8" panel, portrait */
    reach_zone z = reach_zone_for(1920, ppm, 800);
    /* The top edge is 800 + 527 = 1327 mm high: its top 107 mm are out of reach. */
    assert_float_equal(z.top, (1327.0f - 1220.0f) * ppm, 0.5f);
    assert_float_equal(z.bottom, 1920.0f, 0.01f);
    z = reach_zone_for(1080, ppm, 800); /* landscape: 296 mm high, all within reach */
    assert_float_equal(z.top, 0, 0.01f);
    z = reach_zone_for(1080, ppm, 100); /* a low screen: its bottom rows are too low */
    assert_float_equal(z.bottom, 1080.0f - (380.0f - 100.0f) * ppm, 0.5f);
    z = reach_zone_for(1080, ppm, 1500); /* all above reach: an empty zone */
    assert_true(z.bottom <= z.top);
    assert_true(reach_mode_on(REACH_AUTO, 1080, 1920));
    assert_false(reach_mode_on(REACH_AUTO, 1920, 1080));
    assert_true(reach_mode_on(REACH_ON, 1920, 1080));
    assert_false(reach_mode_on(REACH_OFF, 1080, 1920));
    assert_true(reach_contains((reach_zone){100, 500}, 100, 400));
    assert_false(reach_contains((reach_zone){100, 500}, 90, 50));
}

/* Visitor controls: everything a scene traces except content (excerpts and
 * timeline events, by their bundle ids) and the operator's PIN pad. */
static bool is_control(const char *id)
{
    return strncmp(id, "ex-", 3) != 0 && strncmp(id, "ev-", 3) != 0 && strncmp(id, "op:", 3) != 0 &&
           strncmp(id, "pin:", 4) != 0;
}

static const char *write_conf(const char *name, const char *text)
{
    static char path[600];
    snprintf(path, sizeof path, "%s/%s", subproc_test_dir(), name);
    assert_true(scratch_write_text(path, text));
    return path;
}

/* Opens the operator menu from the home screen (the corner hold and the
 * PIN, from time t) and taps its reach switch, then closes it; returns the
 * time after the last tap. */
static double switch_reach(flow_script *s, const char *size, const char *extra, double t)
{
    flow_add(s, "%.3f press 8 8", t);
    flow_add(s, "%.3f release 8 8", t + 5.5);
    const char *pin[] = {"pin:2", "pin:4", "pin:6", "pin:8"};
    for (int i = 0; i < 4; i++)
        flow_tap_target(s, flow_run, size, (long)((t + 6.0 + 0.5 * i) * 60), extra, "home", pin[i],
                        t + 6.0 + 0.5 * i);
    flow_tap_target(s, flow_run, size, (long)((t + 8.2) * 60), extra, "home", "op:reach", t + 8.5);
    flow_tap_target(s, flow_run, size, (long)((t + 8.7) * 60), extra, "home", "op:close", t + 9.0);
    return t + 9.5;
}

/* Walks home, timeline, an event card and the reader; returns how many
 * visitor targets lay outside the zone (and checks the walk reached every
 * scene). With `menu`, the operator menu switches reach mode first and
 * only the targets traced after the switch are checked. */
static int walk_opt(const char *size, const char *conf, int bottom_mm, const char *tag, bool menu)
{
    char extra[700];
    snprintf(extra, sizeof extra, "--config %s", conf);
    int w, h;
    assert_int_equal(sscanf(size, "%dx%d", &w, &h), 2);
    setenv("SDL_AUDIODRIVER", "disk", 1); /* so the reader has its Listen button */
    char audio[600];
    snprintf(audio, sizeof audio, "%s/audio-%s.raw", subproc_test_dir(), tag);
    setenv("SDL_DISKAUDIOFILE", audio, 1);
    setenv("SDL_DISKAUDIODELAY", "1", 1);
    flow_script s = {0};
    flow_add(&s, "1.0 tap %d %d", w / 2, h / 2);
    double o = menu ? switch_reach(&s, size, extra, 1.5) - 1.5 : 0; /* later steps shift by o */
    flow_tap_target(&s, flow_run, size, (long)((o + 2.5) * 60), extra, "home", "timeline", o + 2.5);
    /* The event may sit in a cluster at the overview: its tap zooms in. */
    double d = flow_tap_event(&s, size, o + 4.5, "ev-2015-09-consensus", extra, NULL) - 4.5;
    flow_add(&s, "%.3f shot card-%s", d + 5.5, tag);
    flow_tap_target(&s, flow_run, size, (long)((d + 5.7) * 60), extra, "timeline", "read-article", d + 6.0);
    flow_add(&s, "%.3f shot reader-%s", d + 7.0, tag);
    flow_tap_target(&s, flow_run, size, (long)((d + 7.5) * 60), extra, "reader", "a11y",
                    d + 7.5); /* the accessibility panel */
    flow_trace t;
    flow_run(&t, size, (long)((d + 8.3) * 60), extra, &s);
    unsetenv("SDL_AUDIODRIVER");
    assert_int_equal(t.status, 0);

    const cJSON *start = flow_first(&t, "start", NULL, NULL);
    assert_non_null(start);
    double from = 0;
    if (menu) {
        const cJSON *on = flow_first(&t, "reach", "mode", "on");
        assert_non_null(on);
        from = flow_num(on, "t");
    }
    reach_zone z;
    float ppm = (float)flow_num(start, "px_per_mm");
    z.top = (float)h - (1220.0f - (float)bottom_mm) * ppm;
    z.bottom = (float)h - (380.0f - (float)bottom_mm) * ppm;
    if (z.top < 0)
        z.top = 0;
    if (z.bottom > (float)h)
        z.bottom = (float)h;
    int outside = 0, checked = 0;
    bool seen_listen = false, seen_close = false, seen_filter = false, seen_home = false, seen_access = false,
         seen_panel = false;
    for (size_t i = 0; i < t.n; i++) {
        const cJSON *ev = t.ev[i];
        if (strcmp(flow_str(ev, "event"), "targets") != 0 || flow_num(ev, "t") < from)
            continue;
        const cJSON *list = cJSON_GetObjectItemCaseSensitive(ev, "targets");
        const cJSON *tg;
        cJSON_ArrayForEach(tg, list)
        {
            const char *id = flow_str(tg, "id");
            if (!is_control(id) || flow_num(tg, "h") >= h)
                continue; /* content, or the whole picture (the attract loop's "touch anywhere") */
            checked++;
            seen_listen |= strcmp(id, "listen") == 0;
            seen_close |= strcmp(id, "close") == 0;
            seen_filter |= strncmp(id, "filter:", 7) == 0;
            seen_home |= strcmp(id, "articles") == 0;
            seen_access |= strcmp(id, "a11y") == 0;
            seen_panel |= strcmp(id, "a11y:large-text") == 0;
            float y = (float)flow_num(tg, "y"), th = (float)flow_num(tg, "h");
            if (!reach_contains(z, y, th)) {
                if (outside++ < 3)
                    print_message("%s: %s %s at y %.0f..%.0f, reach %.0f..%.0f\n", size, flow_str(ev, "scene"),
                                  id, y, y + th, z.top, z.bottom);
            }
        }
    }
    assert_true(checked > 20);
    assert_true(seen_listen && seen_close && seen_filter && seen_home && seen_access && seen_panel);
    flow_free(&t);
    return outside;
}

static int walk(const char *size, const char *conf, int bottom_mm, const char *tag)
{
    return walk_opt(size, conf, bottom_mm, tag, false);
}

static void test_portrait_controls_within_reach(void **state)
{
    (void)state;
    /* Reach mode is on by default in portrait. */
    assert_int_equal(walk("1080x1920", write_conf("p.conf", "screen_bottom_mm = 800\n"), 800, "p"), 0);
}

static void test_landscape_controls_within_reach(void **state)
{
    (void)state;
    /* A landscape screen mounted high (its top edge at 1296 mm), reach mode on. */
    const char *c = write_conf("l.conf", "reach_mode = yes\nscreen_bottom_mm = 1000\n");
    assert_int_equal(walk("1920x1080", c, 1000, "l"), 0);
}

/* The check can fail: without reach mode the top bar of a portrait screen
 * is out of reach. */
static void test_without_reach_mode_controls_are_out_of_reach(void **state)
{
    (void)state;
    assert_true(walk("1080x1920", write_conf("off.conf", "reach_mode = no\n"), 800, "off") > 0);
}

/* The operator menu switches reach mode at run time: with reach_mode = no
 * in portrait, its switch lays every screen out again with the visitor's
 * controls in the zone. */
static void test_operator_switches_reach_on(void **state)
{
    (void)state;
    assert_int_equal(walk_opt("1080x1920", write_conf("menu.conf", "reach_mode = no\n"), 800, "menu", true),
                     0);
}

/* The visitor's accessibility panel: no PIN, its choices apply at once and
 * are forgotten at the idle return. */
static void test_access_panel_resets_at_idle(void **state)
{
    (void)state;
    const char *conf = write_conf("idle.conf", "idle_timeout = 10\n");
    char extra[700];
    snprintf(extra, sizeof extra, "--config %s", conf);
    flow_script s = {0};
    flow_add(&s, "1.0 tap 960 540");
    flow_tap_target(&s, flow_run, "1920x1080", 100, extra, "home", "a11y", 2.0);
    flow_tap_target(&s, flow_run, "1920x1080", 150, extra, "home", "a11y:large-text", 3.0);
    flow_tap_target(&s, flow_run, "1920x1080", 200, extra, "home", "a11y:contrast", 3.5);
    flow_tap_target(&s, flow_run, "1920x1080", 250, extra, "home", "a11y:close", 4.0);
    flow_trace t;
    flow_run(&t, "1920x1080", 60 * 30, extra, &s);
    assert_int_equal(t.status, 0);
    assert_non_null(flow_first(&t, "access", "toggle", "large_text"));
    assert_non_null(flow_first(&t, "access", "toggle", "high_contrast"));
    assert_non_null(flow_first(&t, "access", "phase", "close"));
    const cJSON *ret = flow_first(&t, "idle", "phase", "return");
    const cJSON *reset = flow_first(&t, "access", "phase", "reset");
    assert_non_null(ret);
    assert_non_null(reset);
    assert_true(flow_num(reset, "t") >= flow_num(ret, "t"));
    assert_int_equal(flow_count(&t, "operator", NULL, NULL), 0); /* no PIN, no operator menu */
    flow_free(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_zone_arithmetic),
        cmocka_unit_test(test_portrait_controls_within_reach),
        cmocka_unit_test(test_landscape_controls_within_reach),
        cmocka_unit_test(test_without_reach_mode_controls_are_out_of_reach),
        cmocka_unit_test(test_operator_switches_reach_on),
        cmocka_unit_test(test_access_panel_resets_at_idle),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
