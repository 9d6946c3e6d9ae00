/* Glyph atlas: skyline packer, glyph cache, eviction, coverage bitmaps. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "support/testfonts.h"
#include "text/atlas.h"
#include "text/skyline.h"

/* ---- packer --------------------------------------------------------------- */

typedef struct { int x, y, w, h; } rect;

static bool overlap(rect a, rect b)
{
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

static void test_skyline_random_no_overlap(void **state)
{
    (void)state;
    enum { SIDE = 256, TRIES = 2000 };
    skyline s;
    assert_true(skyline_init(&s, SIDE, SIDE));
    static rect placed[TRIES];
    int n = 0, refused = 0;
    long area = 0;
    srand(12345);
    for (int t = 0; t < TRIES; t++) {
        int w = 1 + rand() % 24, h = 1 + rand() % 24, x, y;
        if (!skyline_pack(&s, w, h, &x, &y)) {
            refused++;
            continue;
        }
        rect r = {x, y, w, h};
        assert_true(x >= 0 && y >= 0 && x + w <= SIDE && y + h <= SIDE);
        for (int i = 0; i < n; i++)
            if (overlap(r, placed[i]))
                fail_msg("rect %d (%d,%d %dx%d) overlaps rect %d (%d,%d %dx%d)", n, x, y, w, h, i,
                         placed[i].x, placed[i].y, placed[i].w, placed[i].h);
        placed[n++] = r;
        area += (long)w * h;
    }
    assert_true(refused > 0); /* the page really filled up */
    assert_int_equal(s.used_area, area);
    /* Skyline packing of mixed small rects wastes little: the page must be
     * mostly used once it starts refusing. */
    assert_true(area * 10 > (long)SIDE * SIDE * 7);
    skyline_free(&s);
}

static void test_skyline_fills_exactly(void **state)
{
    (void)state;
    skyline s;
    assert_true(skyline_init(&s, 64, 64));
    int x, y;
    for (int i = 0; i < 64; i++)
        assert_true(skyline_pack(&s, 8, 8, &x, &y));
    assert_int_equal(s.used_area, 64 * 64);
    assert_false(skyline_pack(&s, 1, 1, &x, &y));
    skyline_reset(&s);
    assert_true(skyline_pack(&s, 1, 1, &x, &y));
    assert_int_equal(x, 0);
    assert_int_equal(y, 0);
    skyline_free(&s);
}

static void test_skyline_refuses_too_large(void **state)
{
    (void)state;
    skyline s;
    assert_true(skyline_init(&s, 100, 50));
    int x = -7, y = -7;
    assert_false(skyline_pack(&s, 101, 1, &x, &y));
    assert_false(skyline_pack(&s, 1, 51, &x, &y));
    assert_false(skyline_pack(&s, 0, 5, &x, &y));
    assert_int_equal(x, -7); /* unchanged on refusal */
    assert_true(skyline_pack(&s, 100, 50, &x, &y));
    assert_false(skyline_pack(&s, 1, 1, &x, &y));
    skyline_free(&s);
}

/* ---- cache ---------------------------------------------------------------- */

static atlas *open_cjk(const atlas_config *cfg, int copies)
{
    int face = testfonts_cjk_sc();
    atlas_font fonts[2] = {{.path = TESTFONTS_CJK, .face_index = face}, {.path = TESTFONTS_CJK, .face_index = face}};
    char err[256] = "";
    atlas *a = atlas_open(fonts, copies, cfg, err, sizeof err);
    if (!a)
        fail_msg("atlas_open: %s", err);
    return a;
}

static bool same_glyph(atlas_glyph a, atlas_glyph b)
{
    return a.page == b.page && a.u == b.u && a.v == b.v && a.w == b.w && a.h == b.h &&
           a.left == b.left && a.top == b.top && a.flags == b.flags;
}

static bool rects_overlap(atlas_glyph a, atlas_glyph b)
{
    return a.page == b.page && overlap((rect){a.u, a.v, a.w, a.h}, (rect){b.u, b.v, b.w, b.h});
}

static void test_hit_after_miss(void **state)
{
    (void)state;
    atlas *a = open_cjk(NULL, 1);
    uint32_t zhong = testfonts_glyph(TESTFONTS_CJK, testfonts_cjk_sc(), 0x4E2D);
    assert_int_not_equal(zhong, 0);
    atlas_glyph g1 = atlas_lookup(a, 0, zhong, 32);
    atlas_stats s = atlas_get_stats(a);
    assert_int_equal(s.misses, 1);
    assert_int_equal(s.hits, 0);
    assert_int_equal(s.glyphs, 1);
    assert_int_equal(g1.flags, 0);
    atlas_glyph g2 = atlas_lookup(a, 0, zhong, 32);
    s = atlas_get_stats(a);
    assert_int_equal(s.misses, 1);
    assert_int_equal(s.hits, 1);
    assert_true(same_glyph(g1, g2));
    /* The white patch is not handed out to glyphs. */
    atlas_rect w = atlas_white(a, g1.page);
    assert_false(overlap((rect){w.x, w.y, w.w, w.h}, (rect){g1.u, g1.v, g1.w, g1.h}));
    atlas_close(a);
}

static void test_space_is_cached_as_empty(void **state)
{
    (void)state;
    atlas *a = open_cjk(NULL, 1);
    uint32_t space = testfonts_glyph(TESTFONTS_CJK, testfonts_cjk_sc(), ' ');
    assert_int_not_equal(space, 0);
    atlas_glyph g = atlas_lookup(a, 0, space, 32);
    assert_true(g.flags & ATLAS_GLYPH_EMPTY);
    assert_false(g.flags & ATLAS_GLYPH_FAILED);
    assert_int_equal(g.page, -1);
    g = atlas_lookup(a, 0, space, 32);
    atlas_stats s = atlas_get_stats(a);
    assert_int_equal(s.misses, 1);
    assert_int_equal(s.hits, 1);
    assert_int_equal(s.empty, 1);
    assert_int_equal(s.glyphs, 0);
    /* An out-of-range font is a cached failure, not a crash. */
    g = atlas_lookup(a, 5, space, 32);
    assert_true(g.flags & ATLAS_GLYPH_FAILED);
    atlas_close(a);
}

static void test_key_distinguishes_size_and_font(void **state)
{
    (void)state;
    atlas *a = open_cjk(NULL, 2);
    uint32_t zhong = testfonts_glyph(TESTFONTS_CJK, testfonts_cjk_sc(), 0x4E2D);
    atlas_glyph g32 = atlas_lookup(a, 0, zhong, 32);
    atlas_glyph g33 = atlas_lookup(a, 0, zhong, 33);
    atlas_glyph f1 = atlas_lookup(a, 1, zhong, 32);
    atlas_stats s = atlas_get_stats(a);
    assert_int_equal(s.misses, 3);
    assert_int_equal(s.glyphs, 3);
    assert_false(rects_overlap(g32, g33));
    assert_false(rects_overlap(g32, f1));
    assert_true(g33.w >= g32.w && g33.h >= g32.h);
    /* Same face, same size: same bitmap, at a different place. */
    assert_int_equal(f1.w, g32.w);
    assert_int_equal(f1.h, g32.h);
    atlas_close(a);
}

static void test_distinct_fonts(void **state)
{
    (void)state;
    int serif = testfonts_face_index(TESTFONTS_SERIF, TESTFONTS_SERIF_FAMILY);
    assert_true(serif >= 0);
    atlas_font fonts[2] = {{.path = TESTFONTS_CJK, .face_index = testfonts_cjk_sc()},
                           {.path = TESTFONTS_SERIF, .face_index = serif}};
    char err[256];
    atlas *a = atlas_open(fonts, 2, NULL, err, sizeof err);
    assert_non_null(a);
    /* The same glyph id in two fonts is two cache entries with different
     * bitmaps: 'A' of the sans and of the serif at 40 px. */
    uint32_t gs = testfonts_glyph(TESTFONTS_CJK, testfonts_cjk_sc(), 'A');
    uint32_t gr = testfonts_glyph(TESTFONTS_SERIF, serif, 'A');
    atlas_glyph s = atlas_lookup(a, 0, gs, 40);
    atlas_glyph d = atlas_lookup(a, 1, gr, 40);
    assert_int_equal(d.flags, 0);
    /* A capital at 40 px: about 0.73 em tall, sitting on the baseline. */
    assert_in_range(d.h, 25, 32);
    assert_in_range(d.top, 25, 32);
    assert_false(s.page == d.page && s.u == d.u && s.v == d.v);
    atlas_close(a);
}

static void test_bad_font_path(void **state)
{
    (void)state;
    atlas_font f = {.path = "no/such/font.otf", .face_index = 0};
    char err[256] = "";
    assert_null(atlas_open(&f, 1, NULL, err, sizeof err));
    assert_non_null(strstr(err, "no/such/font.otf"));
}

/* A lazy face is opened at its first glyph: one that cannot open does not
 * stop the atlas (its glyphs are empty, failed); one that opens draws the
 * same glyph as the face opened at once. */
static void test_lazy_faces(void **state)
{
    (void)state;
    int face = testfonts_cjk_sc();
    atlas_font f[3] = {{.path = TESTFONTS_CJK, .face_index = face},
                       {.path = "no/such/fallback.ttc", .face_index = 2, .lazy = true},
                       {.path = TESTFONTS_CJK, .face_index = face, .lazy = true}};
    char err[256] = "";
    atlas *a = atlas_open(f, 3, NULL, err, sizeof err);
    assert_non_null(a);
    uint32_t cp = 0x7F51, gid; /* 网 */
    testfonts_glyphs(TESTFONTS_CJK, face, &cp, &gid, 1);
    atlas_glyph bad = atlas_lookup(a, 1, gid, 32);
    assert_true(bad.flags & ATLAS_GLYPH_FAILED);
    atlas_glyph eager = atlas_lookup(a, 0, gid, 32), lazy = atlas_lookup(a, 2, gid, 32);
    assert_false(lazy.flags & ATLAS_GLYPH_EMPTY);
    assert_int_equal(lazy.w, eager.w);
    assert_int_equal(lazy.h, eager.h);
    assert_int_equal(lazy.top, eager.top);
    atlas_close(a);
}

/* Whether the process maps a file whose path ends with `tail`. */
static bool mapped(const char *tail)
{
    FILE *f = fopen("/proc/self/maps", "r");
    assert_non_null(f);
    char line[1024];
    bool found = false;
    while (!found && fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        size_t n = strlen(line), t = strlen(tail);
        found = n >= t && strcmp(line + n - t, tail) == 0;
    }
    fclose(f);
    return found;
}

/* Fonts are read, not mapped (text/ftstream.h): after glyphs are drawn the
 * font file is not in the process's address space, so its pages are not
 * counted in the kiosk's resident memory. */
static void test_font_files_not_mapped(void **state)
{
    (void)state;
    atlas *a = open_cjk(NULL, 1);
    uint32_t cps[4] = {0x7F51, 0x7EDC, 0x7A7A, 0x95F4}, gids[4]; /* 网络空间 */
    testfonts_glyphs(TESTFONTS_CJK, testfonts_cjk_sc(), cps, gids, 4);
    for (int i = 0; i < 4; i++)
        assert_false(atlas_lookup(a, 0, gids[i], 40).flags & ATLAS_GLYPH_EMPTY);
    const char *base = strrchr(TESTFONTS_CJK, '/');
    assert_false(mapped(base ? base : TESTFONTS_CJK));
    atlas_close(a);
}

/* ---- coverage ------------------------------------------------------------- */

static uint8_t px(const atlas *a, atlas_glyph g, int x, int y)
{
    int stride;
    const uint8_t *p = atlas_page_pixels(a, g.page, &stride);
    return p[(size_t)(g.v + y) * (size_t)stride + g.u + x];
}

static void test_zhong_coverage(void **state)
{
    (void)state;
    atlas *a = open_cjk(NULL, 1);
    uint32_t zhong = testfonts_glyph(TESTFONTS_CJK, testfonts_cjk_sc(), 0x4E2D);
    atlas_glyph g = atlas_lookup(a, 0, zhong, 32);
    /* An ideograph fills most of its 32 px em box and stands on the baseline,
     * its top near the ascent. */
    assert_in_range(g.w, 20, 32);
    assert_in_range(g.h, 24, 34);
    assert_in_range(g.left, 0, 8);
    assert_in_range(g.top, 22, 32);
    int ink = 0, full = 0;
    for (int y = 0; y < g.h; y++)
        for (int x = 0; x < g.w; x++) {
            uint8_t c = px(a, g, x, y);
            ink += c > 0;
            full += c == 255;
        }
    assert_true(full > 0);
    assert_true(ink > g.w * g.h / 8);
    assert_true(ink < g.w * g.h); /* not a filled box */
    /* 中 has a vertical stroke down its middle: the middle columns carry ink
     * on nearly every row. */
    int rows = 0;
    for (int y = 0; y < g.h; y++) {
        int best = 0;
        for (int x = g.w / 2 - 2; x <= g.w / 2 + 2; x++)
            if (px(a, g, x, y) > best)
                best = px(a, g, x, y);
        rows += best > 128;
    }
    assert_true(rows * 10 >= g.h * 9);
    /* The padding around the bitmap stays empty. */
    int stride;
    const uint8_t *page = atlas_page_pixels(a, g.page, &stride);
    for (int x = -1; x <= g.w; x++) {
        assert_int_equal(page[(size_t)(g.v - 1) * stride + g.u + x], 0);
        assert_int_equal(page[(size_t)(g.v + g.h) * stride + g.u + x], 0);
    }
    atlas_close(a);
}

static void test_white_patch_and_dirty(void **state)
{
    (void)state;
    atlas *a = open_cjk(NULL, 1);
    atlas_rect r, w = atlas_white(a, 0);
    int stride;
    const uint8_t *page = atlas_page_pixels(a, 0, &stride);
    for (int y = 0; y < w.h; y++)
        for (int x = 0; x < w.w; x++)
            assert_int_equal(page[(size_t)(w.y + y) * stride + w.x + x], 255);
    /* A new page: only the white patch (with padding) needs uploading. */
    assert_true(atlas_take_dirty(a, &r));
    assert_true(r.x <= w.x - ATLAS_PAD && r.y <= w.y - ATLAS_PAD);
    assert_true(r.x + r.w >= w.x + w.w + ATLAS_PAD && r.y + r.h >= w.y + w.h + ATLAS_PAD);
    assert_true(r.w < atlas_page_size(a) / 4);
    assert_false(atlas_take_dirty(a, &r));
    uint32_t zhong = testfonts_glyph(TESTFONTS_CJK, testfonts_cjk_sc(), 0x4E2D);
    atlas_glyph g = atlas_lookup(a, 0, zhong, 48);
    assert_true(atlas_take_dirty(a, &r));
    assert_int_equal(r.page, g.page);
    assert_true(r.x <= g.u - ATLAS_PAD && r.y <= g.v - ATLAS_PAD);
    assert_true(r.x + r.w >= g.u + g.w + ATLAS_PAD && r.y + r.h >= g.v + g.h + ATLAS_PAD);
    assert_false(atlas_take_dirty(a, &r));
    atlas_lookup(a, 0, zhong, 48); /* a hit changes nothing */
    assert_false(atlas_take_dirty(a, &r));
    atlas_close(a);
}

/* ---- eviction ------------------------------------------------------------- */

enum { NCHARS = 300 };
static uint32_t g_ids[NCHARS];

static void load_ids(void)
{
    /* The first NCHARS ideographs from U+4E00 up that the subset has. */
    enum { SCAN = 4000 };
    static uint32_t cps[SCAN], ids[SCAN];
    for (int i = 0; i < SCAN; i++)
        cps[i] = 0x4E00 + (uint32_t)i;
    testfonts_glyphs(TESTFONTS_CJK, testfonts_cjk_sc(), cps, ids, SCAN);
    int n = 0;
    for (int i = 0; i < SCAN && n < NCHARS; i++)
        if (ids[i] != 0)
            g_ids[n++] = ids[i];
    assert_int_equal(n, NCHARS);
}

static int hook_calls, hook_last_page;
static void count_hook(void *user, int page)
{
    (void)user;
    hook_calls++;
    hook_last_page = page;
}

/* The glyph's bitmap in `a` equals the one a roomy reference atlas makes. */
static void assert_same_bitmap(atlas *a, atlas_glyph g, atlas *ref, atlas_glyph rg)
{
    assert_int_equal(g.w, rg.w);
    assert_int_equal(g.h, rg.h);
    assert_int_equal(g.left, rg.left);
    assert_int_equal(g.top, rg.top);
    for (int y = 0; y < g.h; y++)
        for (int x = 0; x < g.w; x++)
            assert_int_equal(px(a, g, x, y), px(ref, rg, x, y));
}

static void test_eviction_bounded_and_correct(void **state)
{
    (void)state;
    load_ids();
    /* Two 128 px pages hold about 20 glyphs of 32 px: 300 force evictions. */
    atlas_config cfg = {.page_size = 128, .max_pages = 2};
    atlas *a = open_cjk(&cfg, 1);
    atlas *ref = open_cjk(NULL, 1);
    atlas_set_evict_hook(a, count_hook, NULL);
    hook_calls = 0;
    uint64_t gen0 = atlas_generation(a);
    enum { RECENT = 6 };
    atlas_glyph recent[RECENT];
    uint64_t recent_gen[RECENT];
    for (int i = 0; i < NCHARS; i++) {
        atlas_begin_frame(a);
        atlas_glyph g = atlas_lookup(a, 0, g_ids[i], 32);
        assert_int_equal(g.flags, 0);
        recent[i % RECENT] = g;
        recent_gen[i % RECENT] = atlas_generation(a);
        atlas_stats s = atlas_get_stats(a);
        assert_true(s.pages <= 2);
        assert_true(s.glyphs <= 2 * (128 / 30) * (128 / 30));
        /* The glyphs of the last few frames: unchanged while no page was
         * cleared since, and always the right bitmap. */
        for (int k = 0; k < RECENT && k <= i; k++) {
            int j = i - k;
            uint64_t gen = atlas_generation(a);
            atlas_glyph again = atlas_lookup(a, 0, g_ids[j], 32);
            if (gen == recent_gen[j % RECENT])
                assert_true(same_glyph(again, recent[j % RECENT]));
            if (atlas_generation(a) == gen) /* this lookup cleared no page */
                assert_same_bitmap(a, again, ref, atlas_lookup(ref, 0, g_ids[j], 32));
        }
    }
    atlas_stats s = atlas_get_stats(a);
    assert_true(s.evictions > 0);
    assert_int_equal(hook_calls, (int)s.evictions);
    assert_true(hook_last_page >= 0);
    assert_int_equal(atlas_generation(a) - gen0, s.evictions);
    /* Lookups after eviction are right: same bitmaps as a roomy atlas, both
     * for glyphs still cached and for evicted ones rasterised again. */
    atlas_glyph last[4];
    for (int k = 0; k < 4; k++) {
        last[k] = atlas_lookup(a, 0, g_ids[NCHARS - 1 - k], 32);
        assert_same_bitmap(a, last[k], ref, atlas_lookup(ref, 0, g_ids[NCHARS - 1 - k], 32));
        for (int m = 0; m < k; m++)
            assert_false(rects_overlap(last[k], last[m]));
    }
    atlas_begin_frame(a);
    atlas_glyph g0 = atlas_lookup(a, 0, g_ids[0], 32); /* long evicted */
    assert_same_bitmap(a, g0, ref, atlas_lookup(ref, 0, g_ids[0], 32));
    atlas_close(ref);
    atlas_close(a);
}

static void test_lru_page_is_evicted(void **state)
{
    (void)state;
    load_ids();
    atlas_config cfg = {.page_size = 128, .max_pages = 2};
    atlas *a = open_cjk(&cfg, 1);
    atlas_set_evict_hook(a, count_hook, NULL);
    hook_calls = 0;
    /* Fill both pages, one glyph per frame. */
    int i = 0;
    while (atlas_get_stats(a).pages < 2) {
        atlas_begin_frame(a);
        atlas_lookup(a, 0, g_ids[i++], 32);
    }
    atlas_glyph on1 = atlas_lookup(a, 0, g_ids[i - 1], 32);
    assert_int_equal(on1.page, 1);
    while (hook_calls == 0) {
        atlas_begin_frame(a);
        atlas_lookup(a, 0, g_ids[0], 32); /* keeps page 0 recent */
        atlas_lookup(a, 0, g_ids[i++], 32);
    }
    /* Page 1 was the least recently used one. */
    assert_int_equal(hook_last_page, 1);
    assert_int_equal(atlas_lookup(a, 0, g_ids[0], 32).page, 0);
    atlas_close(a);
}

static void test_table_full_clears(void **state)
{
    (void)state;
    load_ids();
    atlas_config cfg = {.cache_max = 16};
    atlas *a = open_cjk(&cfg, 1);
    for (int i = 0; i < 100; i++) {
        atlas_lookup(a, 0, g_ids[i], 24);
        atlas_stats s = atlas_get_stats(a);
        assert_int_equal(s.table_slots, 16);
        assert_true(s.glyphs + s.empty <= 12);
    }
    atlas_stats s = atlas_get_stats(a);
    assert_true(s.evictions > 0);
    assert_int_equal(s.misses, 100);
    /* Still answers correctly: a recent glyph hits and matches. */
    atlas_glyph g = atlas_lookup(a, 0, g_ids[99], 24);
    assert_int_equal(atlas_get_stats(a).hits, 1);
    atlas *ref = open_cjk(NULL, 1);
    assert_same_bitmap(a, g, ref, atlas_lookup(ref, 0, g_ids[99], 24));
    atlas_close(ref);
    atlas_close(a);
}

static void test_table_grows(void **state)
{
    (void)state;
    load_ids();
    atlas *a = open_cjk(NULL, 1);
    size_t slots0 = atlas_get_stats(a).table_slots;
    /* Enough distinct keys (sizes x glyphs) to pass 75 % of the first table. */
    int n = 0;
    for (unsigned size = 12; n * 4 <= (int)slots0 * 3; size++)
        for (int i = 0; i < 100; i++, n++)
            atlas_lookup(a, 0, g_ids[i], size);
    atlas_stats s = atlas_get_stats(a);
    assert_true(s.table_slots > slots0);
    assert_int_equal(s.evictions, 0);
    assert_int_equal(s.glyphs + s.empty, (size_t)n);
    /* Every key still found after rehashing. */
    n = 0;
    for (unsigned size = 12; n * 4 <= (int)slots0 * 3; size++)
        for (int i = 0; i < 100; i++, n++)
            atlas_lookup(a, 0, g_ids[i], size);
    assert_int_equal(atlas_get_stats(a).misses, (uint64_t)n);
    assert_int_equal(atlas_get_stats(a).hits, (uint64_t)n);
    atlas_close(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_skyline_random_no_overlap),
        cmocka_unit_test(test_skyline_fills_exactly),
        cmocka_unit_test(test_skyline_refuses_too_large),
        cmocka_unit_test(test_hit_after_miss),
        cmocka_unit_test(test_space_is_cached_as_empty),
        cmocka_unit_test(test_key_distinguishes_size_and_font),
        cmocka_unit_test(test_distinct_fonts),
        cmocka_unit_test(test_bad_font_path),
        cmocka_unit_test(test_lazy_faces),
        cmocka_unit_test(test_font_files_not_mapped),
        cmocka_unit_test(test_zhong_coverage),
        cmocka_unit_test(test_white_patch_and_dirty),
        cmocka_unit_test(test_eviction_bounded_and_correct),
        cmocka_unit_test(test_lru_page_is_evicted),
        cmocka_unit_test(test_table_full_clears),
        cmocka_unit_test(test_table_grows),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
