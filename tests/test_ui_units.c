/* The UI's pure parts, one at a time: the timeline's view model (time
 * scale, stacking, zoom about a point, snapping, filters) and the order of
 * the places tried for a label, touch targets,
 * the draw list's bookkeeping and the screens' metrics. No text engine, no
 * SDL: a bundle is built in memory. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content/load.h"
#include "content/model.h"
#include "content/timescale.h"
#include "ui/drawlist.h"
#include "ui/geometry.h"
#include "ui/targets.h"
#include "ui/tl_private.h"
#include "ui/tlview.h"
#include "ui/uistrings.h"

#define TODAY 1763800000 /* 2025-11-22 */

/* A bundle with events in the years given (day precision, mid-month), all
 * on the government track unless `track` says otherwise. */
typedef struct {
    bundle b;
    bundle_event ev[16];
} mini;

static void mini_init(mini *m, const int *years, const int *months, const int *tracks, size_t n)
{
    memset(m, 0, sizeof *m);
    for (size_t i = 0; i < n; i++) {
        bundle_event *e = &m->ev[i];
        e->date = (bundle_date){years[i], months ? months[i] : 6, 15, BUNDLE_DAY};
        e->track = tracks ? (bundle_track)tracks[i] : BUNDLE_TRACK_GOVERNMENT;
        e->category = (bundle_category)(i % BUNDLE_CAT_COUNT);
    }
    m->b.events = m->ev;
    m->b.event_count = n;
}

/* ---- time scale -------------------------------------------------------- */

static void test_timescale_compresses_empty_years(void **state)
{
    (void)state;
    static const int years[] = {1980, 2015, 2015, 2015, 2016};
    mini m;
    mini_init(&m, years, NULL, NULL, 5);
    timescale ts;
    timescale_build(&ts, &m.b, 1972, 2025);
    double empty = timescale_year_start(&ts, 1991) - timescale_year_start(&ts, 1990);
    double busy = timescale_year_start(&ts, 2016) - timescale_year_start(&ts, 2015);
    assert_true(fabs(empty - TIMESCALE_EMPTY_YEAR) < 1e-9);
    assert_true(fabs(busy - (TIMESCALE_EMPTY_YEAR + 3 * TIMESCALE_PER_EVENT)) < 1e-9);
    assert_true(fabs(timescale_widest_year(&ts) - busy) < 1e-9);
    /* Positions round-trip and keep date order inside a year. */
    double u = timescale_units(&ts, 2015.25);
    assert_true(fabs(timescale_year_at(&ts, u) - 2015.25) < 1e-9);
    bundle_date a = {2015, 3, 1, BUNDLE_DAY}, b = {2015, 9, 25, BUNDLE_DAY};
    assert_true(timescale_units(&ts, timescale_year_of(&a)) < timescale_units(&ts, timescale_year_of(&b)));
    /* A year-precision date sits at mid-year. */
    bundle_date y = {2015, 0, 0, BUNDLE_YEAR};
    assert_true(fabs(timescale_year_of(&y) - 2015.5) < 1e-9);
    /* A bound: half a month past its last day. A span: at its middle. */
    bundle_event after = {.when = BUNDLE_WHEN_AFTER, .date = {2017, 10, 4, BUNDLE_DAY}};
    after.date_to = after.date;
    double at = timescale_event_year(&after);
    assert_true(at > timescale_date_end(&after.date) && at < 2017 + 10.0 / 12);
    bundle_event span = {.when = BUNDLE_WHEN_SPAN, .date = {2016, 0, 0, BUNDLE_YEAR},
                         .date_to = {2017, 0, 0, BUNDLE_YEAR}};
    assert_true(fabs(timescale_event_year(&span) - 2017.0) < 1e-9);
    assert_true(fabs(timescale_date_start(&span.date) - 2016.0) < 1e-9);
    assert_true(fabs(timescale_date_end(&span.date_to) - 2018.0) < 1e-9);
    bundle_event on = {.when = BUNDLE_WHEN_ON, .date = y, .date_to = y};
    assert_true(fabs(timescale_event_year(&on) - 2015.5) < 1e-9);
}

/* ---- the timeline's view ------------------------------------------------- */

static void test_view_fits_and_zooms_about_a_point(void **state)
{
    (void)state;
    static const int years[] = {1998, 2009, 2013, 2015, 2015, 2017};
    mini m;
    mini_init(&m, years, NULL, NULL, 6);
    static tlview v;
    tlview_init(&v, &m.b, TODAY, 1000);
    tlview_resize(&v, 50, 1000, 10);
    /* The overview shows the whole axis. */
    assert_true(fabsf(v.scale - v.scale_min) < 1e-6f);
    assert_true(fabsf(tlview_screen_x(&v, 0) - 50) < 0.01f);
    assert_true(fabsf(tlview_screen_x(&v, timescale_total(&v.ts)) - 1050) < 0.01f);
    assert_true(fabsf(tlview_zoom_level(&v)) < 1e-6f);
    /* Zooming about a point keeps the axis under it in place. */
    float cx = 420;
    double anchor = (cx - v.x0 + v.pan.pos) / v.scale;
    tlview_zoom_about(&v, v.scale * 3, cx);
    assert_true(fabsf(tlview_screen_x(&v, anchor) - cx) < 0.05f);
    assert_true(tlview_zoom_level(&v) > 0);
    /* Beyond the range it clamps: year detail at most. */
    tlview_zoom_about(&v, v.scale * 1000, cx);
    assert_true(fabsf(v.scale - v.scale_max) < 1e-6f);
    assert_true(fabsf(tlview_zoom_level(&v) - 1) < 1e-5f);
    assert_true(fabs(tlview_px_per_year(&v) - 1000 * TLVIEW_DETAIL_FILL) < 0.5);
    /* A zoom goal steps from the zoom under way, clamped. */
    v.zoom_target = 0;
    assert_true(fabsf(tlview_zoom_goal(&v, 2) - v.scale_max) < 1e-6f);
    assert_true(fabsf(tlview_zoom_goal(&v, 0.5f) - v.scale_max * 0.5f) < 1e-3f);
}

/* Markers of a lane closer than about two radii stack on separate rows;
 * zoomed in far enough they share the lane's centre row again. */
static void test_view_stacks_close_markers(void **state)
{
    (void)state;
    static const int years[] = {2015, 2015, 2015, 2015};
    static const int months[] = {9, 9, 10, 9};
    static const int tracks[] = {0, 0, 0, 1};
    mini m;
    mini_init(&m, years, months, tracks, 4);
    static tlview v;
    tlview_init(&v, &m.b, TODAY, 800);
    tlview_resize(&v, 0, 800, 12);
    assert_int_equal(v.level[0], 0);
    assert_int_equal(v.level[1], 1); /* same day, same lane */
    assert_true(v.level[2] >= 1);    /* a month later: still within two radii at the overview */
    assert_int_equal(v.level[3], 0); /* another lane */
    tlview_zoom_about(&v, v.scale_max, 400);
    assert_int_equal(v.level[2], 0); /* apart at year detail */
    assert_int_equal(v.level[1], 1); /* the same day never separates */
}

/* A fling comes to rest with an event at the centre of the view. */
static void test_view_snaps_an_event_to_the_centre(void **state)
{
    (void)state;
    static const int years[] = {2001, 2009, 2011, 2013, 2015, 2017, 2019, 2021};
    mini m;
    mini_init(&m, years, NULL, NULL, 8);
    static tlview v;
    tlview_init(&v, &m.b, TODAY, 600);
    tlview_resize(&v, 20, 600, 8);
    tlview_zoom_about(&v, v.scale_max, 320);
    tlview_set_snaps(&v);
    kinetic_grab(&v.pan);
    kinetic_drag(&v.pan, 37);
    kinetic_release(&v.pan, 900);
    bool zoomed;
    for (int i = 0; i < 600 && tlview_step(&v, 1.0 / 60, false, &zoomed); i++)
        ;
    assert_int_equal(v.pan.phase, KINETIC_IDLE);
    float centre = v.x0 + v.view_w / 2, best = 1e9f;
    for (size_t i = 0; i < m.b.event_count; i++)
        best = fminf(best, fabsf(tlview_screen_x(&v, v.units[i]) - centre));
    assert_true(best < 0.5f);
    double year = tlview_centre_year(&v);
    assert_true(year > 2001 && year < 2022);
}

/* Filters: snap points follow the shown categories; turning the last one
 * off shows all again. */
static void test_view_filters(void **state)
{
    (void)state;
    static const int years[] = {2001, 2009, 2011, 2013};
    mini m;
    mini_init(&m, years, NULL, NULL, 4); /* one event per category */
    static tlview v;
    tlview_init(&v, &m.b, TODAY, 600);
    tlview_resize(&v, 0, 600, 8);
    assert_true(tlview_all_shown(&v));
    assert_int_equal(v.pan.nsnaps, 4);
    for (int c = 0; c < BUNDLE_CAT_COUNT - 1; c++)
        tlview_toggle(&v, c);
    assert_false(tlview_all_shown(&v));
    assert_int_equal(v.pan.nsnaps, 1);
    assert_true(tlview_visible(&v, 3));
    assert_false(tlview_visible(&v, 0));
    tlview_toggle(&v, BUNDLE_CAT_COUNT - 1); /* the last one off: all on */
    assert_true(tlview_all_shown(&v));
    assert_int_equal(v.pan.nsnaps, 4);
    tlview_toggle(&v, 0);
    tlview_toggle(&v, -1); /* "all" */
    assert_true(tlview_all_shown(&v));
}

/* A button zoom eases in over a few frames and reports when it lands. */
static void test_view_button_zoom_eases(void **state)
{
    (void)state;
    static const int years[] = {2009, 2015};
    mini m;
    mini_init(&m, years, NULL, NULL, 2);
    static tlview v;
    tlview_init(&v, &m.b, TODAY, 500);
    tlview_resize(&v, 0, 500, 8);
    v.zoom_target = tlview_zoom_goal(&v, 1.8f);
    v.zoom_cx = 250;
    bool zoomed = false;
    int frames = 0;
    while (!zoomed && frames < 120) {
        assert_true(tlview_step(&v, 1.0 / 60, false, &zoomed));
        frames++;
    }
    assert_true(zoomed);
    assert_true(frames > 5);
    assert_true(v.zoom_target == 0);
}

/* The order in which the timeline tries the places beside a marker for its
 * shortest label (tl_label_sides, stated as a rule) is the table it
 * replaced, in every case, each case picking the table's row as the
 * placement did. The table's numbers are the places as tl_side numbers them
 * (0 below, 1 right, 2 left, 3 above); -1 ends a row. */
static void test_timeline_label_sides(void **state)
{
    (void)state;
    static const int table[4][4] = {{1, 2, -1}, {1, 2, 0, -1}, {0, 1, 2, -1}, {3, 0, 1, 2}};
    assert_true(TL_BELOW == 0 && TL_RIGHT == 1 && TL_LEFT == 2 && TL_ABOVE == 3 && TL_SIDES == 4);
    for (int c = 0; c < 8; c++) {
        bool portrait = c & 1, level = c & 2, up = c & 4;
        int pick = !portrait ? 0 : !level ? 1 : up ? 3 : 2;
        tl_side sides[TL_SIDES];
        int n = tl_label_sides(portrait, level, up, sides), k = 0;
        for (; k < 4 && table[pick][k] >= 0; k++) {
            assert_true(k < n);
            assert_int_equal(sides[k], table[pick][k]);
        }
        assert_int_equal(n, k);
    }
}

/* ---- targets -------------------------------------------------------------- */

static void test_targets(void **state)
{
    (void)state;
    static target_list l;
    targets_init(&l, 4.0f); /* 9 mm = 36 px */
    targets_add(&l, "small", 100, 100, 10, 50);
    const target *t = targets_find(&l, "small");
    assert_non_null(t);
    assert_true(fabsf(t->w - 36) < 1e-4f && fabsf(t->x - 87) < 1e-4f); /* grown about its centre */
    assert_true(fabsf(t->h - 50) < 1e-4f);
    targets_add(&l, "over", 90, 90, 100, 100);
    assert_string_equal(targets_hit(&l, 105, 120)->id, "over"); /* the last added is on top */
    assert_null(targets_hit(&l, 5, 5));
    assert_null(targets_find(&l, "none"));
    for (int i = 0; i < TARGETS_MAX + 10; i++)
        targets_add(&l, "many", 0, 0, 40, 40);
    assert_int_equal(l.count, TARGETS_MAX);
    targets_clear(&l);
    assert_null(targets_hit(&l, 105, 120));
}

/* ---- the draw list ---------------------------------------------------------- */

static void test_drawlist_bookkeeping(void **state)
{
    (void)state;
    static dl_list l;
    dl_reset(&l);
    dl_clip_push(&l, 0, 0, 100, 100);
    dl_clip_push(&l, 50, -20, 100, 100);
    assert_true(fabsf(l.cmd[1].x - 50) < 1e-6f && fabsf(l.cmd[1].y) < 1e-6f);
    assert_true(fabsf(l.cmd[1].w - 50) < 1e-6f && fabsf(l.cmd[1].h - 80) < 1e-6f);
    dl_clip_pop(&l);
    assert_false(l.cmd[2].none); /* restores the outer clip */
    assert_true(fabsf(l.cmd[2].w - 100) < 1e-6f);
    dl_clip_pop(&l);
    assert_true(l.cmd[3].none);
    assert_true(dl_balanced(&l));
    dl_clip_pop(&l);
    assert_false(dl_balanced(&l)); /* a pop without a push */

    /* Filled to capacity inside clips: the pops still fit, later commands
     * are counted as dropped, the clip stack stays balanced. */
    dl_reset(&l);
    for (int d = 0; d < DL_MAX_CLIP_DEPTH + 2; d++)
        dl_clip_push(&l, 0, 0, 10, 10);
    for (int i = 0; i < DL_MAX_CMDS; i++)
        dl_rect(&l, 0, 0, 1, 1, (dl_colour){1, 2, 3, 255});
    assert_true(l.dropped > 0);
    for (int d = 0; d < DL_MAX_CLIP_DEPTH + 2; d++)
        dl_clip_pop(&l);
    assert_true(dl_balanced(&l));
    assert_int_equal(l.count, DL_MAX_CMDS);
    assert_int_equal(l.cmd[l.count - 1].kind, DL_CLIP_POP);
    /* Empty shapes and layouts add nothing; alpha is recorded only when it changes. */
    dl_reset(&l);
    dl_rect(&l, 0, 0, 0, 5, (dl_colour){0});
    dl_glyphs(&l, NULL, 0, 0, (dl_colour){0});
    dl_alpha(&l, 1);
    assert_int_equal(l.count, 0);
    dl_alpha(&l, 2); /* clamped to 1: no change */
    dl_alpha(&l, 0.25f);
    assert_int_equal(l.count, 1);
}

/* ---- metrics --------------------------------------------------------------- */

static bool rect_inside(ui_rect r, int w, int h)
{
    return r.x >= -0.01f && r.y >= -0.01f && r.x + r.w <= w + 0.01f && r.y + r.h <= h + 0.01f && r.w > 0 && r.h > 0;
}

/* Every area of every supported picture lies inside it, text never gets
 * below its floor in millimetres, and the areas do not overlap where they
 * share the screen. */
static void test_metrics_at_every_size(void **state)
{
    (void)state;
    static const int sizes[][2] = {{1920, 1080}, {1080, 1920}, {1280, 800}, {800, 480}, {3840, 2160}};
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        int w = sizes[k][0], h = sizes[k][1];
        for (int large = 0; large < 2; large++) {
            ui_geometry m;
            float ppm = 4.0f;
            ui_geometry_compute(&m, w, h, ppm, large);
            const ui_rect all[] = {m.back, m.lang, m.chip_row, m.home.title, m.home.articles, m.home.timeline,
                                   m.reader.view, m.reader.footer, m.reader.prev, m.reader.next, m.attract.card,
                                   m.attract.text, m.attract.prompt, m.timeline.minimap, m.timeline.axis,
                                   m.timeline.lanes, m.timeline.card, m.timeline.card_text, m.timeline.card_read,
                                   m.idle};
            for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
                if (!rect_inside(all[i], w, h))
                    fail_msg("%dx%d large=%d: area %zu is outside the picture", w, h, large, i);
            assert_true(m.text_px[STYLE_BODY] >= (int)(3.0f * ppm * (large ? TEXT_LARGE_FACTOR : 1)));
            assert_true(m.text_px[STYLE_CAPTION] >= (int)(2.4f * ppm * (large ? TEXT_LARGE_FACTOR : 1)));
            assert_true(m.reader.view.y + m.reader.view.h <= m.reader.footer.y + 0.01f);
            assert_true(m.reader.col_x >= m.margin - 0.01f);
            if (m.timeline.vertical) { /* eras, axis, lanes, minimap side by side */
                assert_true(w < h);
                assert_true(m.timeline.eras.x + m.timeline.eras.w <= m.timeline.axis.x + 0.01f);
                assert_true(m.timeline.axis.x + m.timeline.axis.w <= m.timeline.lanes.x + 0.01f);
                assert_true(m.timeline.lanes.x + m.timeline.lanes.w <= m.timeline.minimap.x + 0.01f);
                assert_true(m.timeline.lane_heads.y + m.timeline.lane_heads.h <= m.timeline.lanes.y + 0.01f);
                assert_true(m.timeline.lanes.y + m.timeline.lanes.h <= m.timeline.zoom_in.y + 0.01f);
            } else {
                assert_true(w >= h);
                assert_true(m.timeline.lanes.y + m.timeline.lanes.h <= m.timeline.axis.y + 0.01f);
            }
            assert_true(m.timeline.card_read.y + m.timeline.card_read.h <= m.timeline.card.y + m.timeline.card.h);
            assert_true(m.timeline.summary_max_h > 0);
            ui_rect first = ui_geometry_chip(&m, 5, 0), last = ui_geometry_chip(&m, 5, 4);
            assert_true(fabsf(first.x - m.chip_row.x) < 0.01f);
            assert_true(fabsf(last.x + last.w - (m.chip_row.x + m.chip_row.w)) < 0.01f);
        }
    }
}

/* A bundle's string wins; an optional key it leaves out gets the
 * firmware's text (not the bare key); an unknown key shows as itself. The
 * defaults are the default bundle's own wording. */
static void test_uistrings_defaults(void **state)
{
    (void)state;
    bundle_string_entry e = {"listen", {{"听", "Hear"}}};
    bundle b = {.strings = &e, .string_count = 1};
    assert_string_equal(uistrings_get(&b, "listen", BUNDLE_EN), "Hear");
    assert_string_equal(uistrings_get(&b, "operator_reach", BUNDLE_EN), "Reach mode");
    assert_string_equal(uistrings_get(&b, "operator_test_sound", BUNDLE_ZH), "测试声音");
    assert_string_equal(uistrings_get(&b, "no_such_key", BUNDLE_ZH), "no_such_key");
    diag_list d;
    diag_init(&d);
    bundle *c = bundle_load("content", NULL, &d);
    assert_non_null(c);
    const char *keys[] = {"accessibility", "event_count",   "excerpt_count",  "listen",
                          "not_dated",     "operator_pin",  "operator_reach", "operator_test_sound",
                          "original",      "original_note", "pause",          "scroll_hint",
                          "section",       "summary",       "summary_note",   "today"};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        for (int l = 0; l < BUNDLE_LANG_COUNT; l++) {
            const char *want = uistrings_default(keys[i], (bundle_lang)l);
            assert_non_null(want);
            assert_string_equal(bundle_string(c, keys[i], (bundle_lang)l), want);
        }
    bundle_free(c);
    diag_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_uistrings_defaults),
        cmocka_unit_test(test_timescale_compresses_empty_years),
        cmocka_unit_test(test_view_fits_and_zooms_about_a_point),
        cmocka_unit_test(test_view_stacks_close_markers),
        cmocka_unit_test(test_view_snaps_an_event_to_the_centre),
        cmocka_unit_test(test_view_filters),
        cmocka_unit_test(test_view_button_zoom_eases),
        cmocka_unit_test(test_timeline_label_sides),
        cmocka_unit_test(test_targets),
        cmocka_unit_test(test_drawlist_bookkeeping),
        cmocka_unit_test(test_metrics_at_every_size),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
