/* Drawer: headless SDL (dummy video driver, software renderer on a surface),
 * pixels read back and checked. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include <SDL.h>

#include "platform/pngio.h"
#include "platform/render.h"
#include "support/golden.h"
#include "support/testfonts.h"
#include "text/atlas.h"
#include "ui/drawlist.h"

enum { W = 200, H = 80, SIZE = 32 };

typedef struct {
    SDL_Surface *surface;
    SDL_Renderer *sdl;
    atlas *atlas;
    render *r;
    int face;
    uint8_t px[W * H * 4];
} fixture;

static const render_colour WHITE = {255, 255, 255, 255};

static atlas *open_atlas(int face, const atlas_config *cfg)
{
    atlas_font f = {.path = TESTFONTS_CJK, .face_index = face};
    char err[256];
    atlas *a = atlas_open(&f, 1, cfg, err, sizeof err);
    if (!a)
        fail_msg("atlas_open: %s", err);
    return a;
}

static void start(fixture *f, const atlas_config *cfg)
{
    f->surface = SDL_CreateRGBSurfaceWithFormat(0, W, H, 32, SDL_PIXELFORMAT_ARGB8888);
    assert_non_null(f->surface);
    f->sdl = SDL_CreateSoftwareRenderer(f->surface);
    assert_non_null(f->sdl);
    f->face = testfonts_cjk_sc();
    f->atlas = open_atlas(f->face, cfg);
    char err[256];
    f->r = render_create(f->sdl, f->atlas, err, sizeof err);
    if (!f->r)
        fail_msg("render_create: %s", err);
}

static void stop(fixture *f)
{
    render_destroy(f->r);
    atlas_close(f->atlas);
    SDL_DestroyRenderer(f->sdl);
    SDL_FreeSurface(f->surface);
}

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    if (!f)
        return -1;
    start(f, NULL);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    stop(*state);
    free(*state);
    return 0;
}

static void clear(fixture *f, uint8_t r, uint8_t g, uint8_t b)
{
    SDL_SetRenderDrawColor(f->sdl, r, g, b, 255);
    SDL_RenderClear(f->sdl);
}

static void read_back(fixture *f)
{
    render_flush(f->r);
    assert_int_equal(SDL_RenderReadPixels(f->sdl, NULL, SDL_PIXELFORMAT_RGBA32, f->px, W * 4), 0);
}

static const uint8_t *at(const fixture *f, int x, int y) { return f->px + ((size_t)y * W + x) * 4; }

/* Bounding box of the pixels that differ from the background colour. */
static bool ink_box(const fixture *f, const uint8_t bg[3], int *x0, int *y0, int *x1, int *y1)
{
    *x0 = W, *y0 = H, *x1 = -1, *y1 = -1;
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++) {
            const uint8_t *p = at(f, x, y);
            if (p[0] != bg[0] || p[1] != bg[1] || p[2] != bg[2]) {
                *x0 = x < *x0 ? x : *x0;
                *y0 = y < *y0 ? y : *y0;
                *x1 = x > *x1 ? x : *x1;
                *y1 = y > *y1 ? y : *y1;
            }
        }
    return *x1 >= 0;
}

/* Glyphs for the code points, one em apart (ideographs are full-width). */
static size_t make_text(const fixture *f, const uint32_t *cps, size_t n, unsigned size,
                        text_glyph *out)
{
    uint32_t ids[16];
    testfonts_glyphs(TESTFONTS_CJK, f->face, cps, ids, (int)n);
    for (size_t i = 0; i < n; i++) {
        assert_int_not_equal(ids[i], 0);
        out[i] = (text_glyph){.font = 0, .size_px = (uint16_t)size, .glyph = ids[i],
                              .x = (float)(i * size), .y = 0, .cluster = (uint32_t)(i * 3)};
    }
    return n;
}

static void test_text_lands_where_expected(void **state)
{
    fixture *f = *state;
    const uint32_t zhong = 0x4E2D;
    text_glyph g[1];
    make_text(f, &zhong, 1, SIZE, g);
    render_begin(f->r);
    clear(f, 255, 255, 255);
    /* Fractional origin: it must be snapped to a whole pixel. */
    render_glyphs(f->r, g, 1, 40.3f, 50.6f, (render_colour){0, 0, 0, 255});
    read_back(f);
    atlas_glyph ag = atlas_lookup(f->atlas, 0, g[0].glyph, SIZE);
    int x0, y0, x1, y1;
    const uint8_t bg[3] = {255, 255, 255};
    assert_true(ink_box(f, bg, &x0, &y0, &x1, &y1));
    /* Origin (40, 51) after rounding; bitmap edges may carry no ink. */
    assert_in_range(x0, 40 + ag.left, 40 + ag.left + 1);
    assert_in_range(y0, 51 - ag.top, 51 - ag.top + 1);
    assert_in_range(x1, 40 + ag.left + ag.w - 2, 40 + ag.left + ag.w - 1);
    assert_in_range(y1, 51 - ag.top + ag.h - 2, 51 - ag.top + ag.h - 1);
    /* Full-coverage pixels get exactly the text colour. */
    int black = 0;
    for (int y = y0; y <= y1; y++)
        for (int x = x0; x <= x1; x++)
            black += at(f, x, y)[0] == 0 && at(f, x, y)[1] == 0 && at(f, x, y)[2] == 0;
    assert_true(black > 20);
}

static void test_colours_and_alpha(void **state)
{
    fixture *f = *state;
    render_begin(f->r);
    clear(f, 255, 255, 255);
    render_rect(f->r, 10, 10, 20, 20, (render_colour){200, 30, 40, 255});
    render_rect(f->r, 40, 10, 20, 20, (render_colour){0, 0, 255, 128}); /* half blue */
    render_set_alpha(f->r, 0.5f);
    render_rect(f->r, 70, 10, 20, 20, (render_colour){0, 0, 0, 255}); /* faded black */
    render_set_alpha(f->r, 0.0f);
    render_rect(f->r, 100, 10, 20, 20, (render_colour){0, 0, 0, 255}); /* invisible */
    render_set_alpha(f->r, 1.0f);
    render_rounded_rect(f->r, 130, 10, 40, 40, 12, (render_colour){0, 128, 0, 255});
    read_back(f);
    const uint8_t *p = at(f, 20, 20);
    assert_int_equal(p[0], 200);
    assert_int_equal(p[1], 30);
    assert_int_equal(p[2], 40);
    assert_int_equal(at(f, 9, 20)[1], 255); /* nothing left of the rect */
    assert_int_equal(at(f, 30, 20)[1], 255); /* nor right of it: [10, 30) */
    p = at(f, 50, 20);
    assert_in_range(p[0], 125, 129);
    assert_in_range(p[2], 254, 255);
    p = at(f, 80, 20);
    assert_in_range(p[0], 125, 129);
    assert_in_range(p[1], 125, 129);
    p = at(f, 110, 20);
    assert_int_equal(p[0], 255);
    /* Rounded rect: filled centre and edge middles, corners cut. */
    assert_int_equal(at(f, 150, 30)[1], 128);
    assert_int_equal(at(f, 150, 11)[1], 128);
    assert_int_equal(at(f, 131, 30)[1], 128);
    assert_int_equal(at(f, 130, 10)[0], 255);
    assert_int_equal(at(f, 169, 49)[0], 255);
}

static void test_rects_and_glyphs_batch(void **state)
{
    fixture *f = *state;
    const uint32_t cps[4] = {0x4E2D, 0x7F8E, 0x7F51, 0x7EDC}; /* 中美网络 */
    text_glyph g[4];
    make_text(f, cps, 4, 24, g);
    render_begin(f->r);
    render_flush(f->r); /* the fresh renderer uploads the whole first page */
    for (int frame = 0; frame < 3; frame++) {
        atlas_stats before = atlas_get_stats(f->atlas);
        render_begin(f->r);
        clear(f, 255, 255, 255);
        render_rect(f->r, 0, 0, W, 30, (render_colour){230, 230, 240, 255});
        render_glyphs(f->r, g, 4, 10, 24, (render_colour){20, 20, 20, 255});
        render_rect(f->r, 0, 30, W, 2, (render_colour){200, 0, 0, 255});
        render_glyphs(f->r, g, 4, 10, 60, (render_colour){20, 20, 200, 255});
        render_flush(f->r);
        render_stats s = render_get_stats(f->r);
        atlas_stats after = atlas_get_stats(f->atlas);
        assert_int_equal(s.draw_calls, 1); /* one page: one call for everything */
        assert_int_equal(s.quads, 2 + 8);
        assert_int_equal(s.vertices, 4 * s.quads);
        assert_int_equal(s.indices, 6 * s.quads);
        if (frame > 0) {
            /* Warm: nothing rasterised, nothing uploaded, only cache hits. */
            assert_int_equal(after.misses, before.misses);
            assert_int_equal(after.hits - before.hits, 8);
            assert_int_equal(s.uploads, 0);
            assert_int_equal(s.upload_bytes, 0);
        } else {
            assert_true(s.uploads > 0);
            /* Only the changed band is uploaded, not the 2048² page. */
            assert_true(s.upload_bytes < (long)ATLAS_PAGE_SIZE * ATLAS_PAGE_SIZE * 4 / 16);
        }
    }
}

static void test_golden_scene(void **state)
{
    fixture *f = *state;
    const uint32_t cps[5] = {0x4E2D, 0x7F8E, 0x7F51, 0x7EDC, 0x5BF9}; /* 中美网络对 */
    text_glyph big[5], small[5];
    make_text(f, cps, 5, SIZE, big);
    make_text(f, cps, 5, 16, small);
    render_begin(f->r);
    clear(f, 250, 248, 240);
    render_rounded_rect(f->r, 4, 4, W - 8, H - 8, 10, (render_colour){40, 60, 110, 255});
    render_glyphs(f->r, big, 5, 14, 42, (render_colour){255, 240, 200, 255});
    render_set_alpha(f->r, 0.5f); /* a half-faded rule and caption */
    render_rect(f->r, 14, 52, 172, 3, (render_colour){255, 200, 0, 255});
    render_glyphs(f->r, small, 5, 100, 70, WHITE);
    read_back(f);
    char msg[1024];
    /* Tolerance for FreeType/SDL differences across versions. */
    if (!golden_check("render_scene", f->px, W, H, W * 4, 8, 0.005, msg, sizeof msg))
        fail_msg("%s", msg);
}

/* Draws more distinct glyphs in one frame than a tiny atlas holds and
 * compares with the same frame drawn from a roomy atlas: the flushes forced
 * by evictions must keep every glyph right. */
static void eviction_mid_batch(int max_pages)
{
    enum { N = 24 };
    /* 网络空间安全困境秩序演进方案危机管理对话合作共识: all in the subset. */
    const uint32_t cps[N] = {0x7F51, 0x7EDC, 0x7A7A, 0x95F4, 0x5B89, 0x5168, 0x56F0, 0x5883, 0x79E9, 0x5E8F, 0x6F14, 0x8FDB, 0x65B9, 0x6848, 0x5371, 0x673A, 0x7BA1, 0x7406, 0x5BF9, 0x8BDD, 0x5408, 0x4F5C, 0x5171, 0x8BC6};
    fixture tiny = {0}, roomy = {0};
    /* A 96 px page holds 8 glyphs of 24 px next to the white patch. */
    atlas_config cfg = {.page_size = 96, .max_pages = max_pages};
    start(&tiny, &cfg);
    start(&roomy, NULL);
    text_glyph g[N];
    for (int k = 0; k < N; k += 8)
        make_text(&tiny, cps + k, 8, 24, g + k);
    for (int i = 0; i < N; i++) {
        g[i].x = (float)(i % 8) * 24;
        g[i].y = (float)(i / 8) * 26;
    }
    fixture *fs[2] = {&tiny, &roomy};
    for (int k = 0; k < 2; k++) {
        render_begin(fs[k]->r);
        clear(fs[k], 255, 255, 255);
        render_glyphs(fs[k]->r, g, N, 2, 22, (render_colour){0, 0, 0, 255});
        read_back(fs[k]);
    }
    assert_memory_equal(tiny.px, roomy.px, sizeof tiny.px);
    render_stats st = render_get_stats(tiny.r);
    assert_true(atlas_get_stats(tiny.atlas).evictions > 0);
    assert_true(st.evict_flushes > 0);
    assert_true(st.draw_calls > 1);
    assert_int_equal(render_get_stats(roomy.r).draw_calls, 1);
    stop(&tiny);
    stop(&roomy);
}

/* One page: the batch always refers to the page being cleared. */
static void test_eviction_mid_batch_one_page(void **state)
{
    (void)state;
    eviction_mid_batch(1);
}

static void test_eviction_mid_batch_two_pages(void **state)
{
    (void)state;
    eviction_mid_batch(2);
}

/* A draw list walked by the drawer: clips nest and restore, alpha fades what
 * follows, an image lands scaled where asked, and nothing leaks into the
 * next frame (no clip, full alpha). */
static void test_drawlist_walk(void **state)
{
    fixture *f = *state;
    static dl_list l;
    /* A 2x1 image: red, blue. */
    static const uint8_t px[8] = {255, 0, 0, 255, 0, 0, 255, 255};
    dl_image img = {px, 2, 1, 8, 1};
    dl_reset(&l);
    dl_clip_push(&l, 0, 0, 100, 80);
    dl_clip_push(&l, 50, 10, 100, 20); /* intersected: 50..100 x 10..30 */
    dl_rect(&l, 0, 0, W, H, (dl_colour){0, 255, 0, 255});
    dl_clip_pop(&l);
    dl_rect(&l, 0, 40, W, 10, (dl_colour){0, 0, 255, 255}); /* clipped to x < 100 */
    dl_clip_pop(&l);
    dl_alpha(&l, 0.5f);
    dl_rect(&l, 150, 60, 20, 10, (dl_colour){255, 255, 255, 255});
    dl_alpha(&l, 1);
    dl_image_draw(&l, &img, 120, 0, 40, 20);
    dl_clip_push(&l, 0, 0, 1, 1); /* left open: the drawer must not keep it */
    assert_false(dl_balanced(&l));

    clear(f, 0, 0, 0);
    render_begin(f->r);
    render_drawlist(f->r, &l);
    read_back(f);
    assert_int_equal(at(f, 60, 20)[1], 255);  /* inside both clips */
    assert_int_equal(at(f, 40, 20)[1], 0);    /* outside the inner clip */
    assert_int_equal(at(f, 60, 35)[1], 0);
    assert_int_equal(at(f, 90, 45)[2], 255);  /* inside the outer clip only */
    assert_int_equal(at(f, 110, 45)[2], 0);
    const uint8_t *half = at(f, 160, 65);     /* white at half alpha over black */
    assert_true(half[0] > 110 && half[0] < 145);
    assert_true(at(f, 125, 10)[0] > 200 && at(f, 125, 10)[2] < 50); /* the image's left half: red */
    assert_true(at(f, 155, 10)[2] > 200 && at(f, 155, 10)[0] < 50); /* its right half: blue */

    /* The next frame draws unclipped at full alpha. */
    render_begin(f->r);
    render_rect(f->r, 180, 70, 10, 10, WHITE);
    read_back(f);
    assert_int_equal(at(f, 185, 75)[0], 255);
}

/* Frame B of a scene: background, a card, a band that moved, and a
 * clipped panel whose content moved (as a scrolled passage). */
static void scene_frame(dl_list *l, float band_x, float scroll)
{
    dl_reset(l);
    dl_rect(l, 0, 0, W, H, (dl_colour){20, 24, 28, 255});
    dl_round(l, 10, 10, 180, 60, 12, (dl_colour){40, 50, 60, 255});
    dl_rect(l, band_x, 20, 30, 10, (dl_colour){230, 180, 90, 200});
    dl_clip_push(l, 20, 40, 160, 25);
    dl_rect(l, 20, 40 - scroll, 160, 80, (dl_colour){90, 20, 20, 255});
    dl_rect(l, 40, 50 - scroll, 40, 10, (dl_colour){250, 250, 250, 255});
    dl_clip_pop(l);
}

/* A frame drawn only into its damage equals the frame drawn whole, when
 * the damage covers what changed; and nothing outside it is touched. */
static void test_damage_redraws_only_the_rectangle(void **state)
{
    fixture *f = *state;
    static dl_list a, b;
    static uint8_t whole[W * H * 4];
    scene_frame(&a, 20, 0);
    scene_frame(&b, 60, 6);
    /* What changed: the band (20..50 and 60..90 at y 20..30) and the panel
     * (20..180 x 40..65). */
    SDL_Rect dmg = {20, 20, 160, 45};

    clear(f, 0, 0, 0);
    render_begin(f->r);
    render_drawlist(f->r, &b);
    read_back(f);
    memcpy(whole, f->px, sizeof whole);

    clear(f, 0, 0, 0);
    render_begin(f->r);
    render_drawlist(f->r, &a);
    render_flush(f->r);
    render_begin(f->r);
    render_drawlist_damage(f->r, &b, &dmg);
    read_back(f);
    int differ = 0;
    for (size_t i = 0; i < sizeof whole; i++)
        differ += abs((int)whole[i] - (int)f->px[i]) > 2;
    assert_int_equal(differ, 0);

    /* Outside the damage the old frame stays: drawing b into a rectangle
     * that leaves out the band keeps a's band. */
    clear(f, 0, 0, 0);
    render_begin(f->r);
    render_drawlist(f->r, &a);
    render_flush(f->r);
    render_begin(f->r);
    SDL_Rect panel = {20, 40, 160, 25};
    render_drawlist_damage(f->r, &b, &panel);
    read_back(f);
    assert_true(at(f, 25, 25)[0] > 150);  /* a's band, not redrawn */
    assert_true(at(f, 85, 25)[0] < 100);  /* where b's band would be: still the card */
    assert_int_equal(at(f, 45, 46)[0], 250); /* the panel scrolled: b's white, where a had red */

    /* The next frame is whole again: no clip is left behind. */
    render_begin(f->r);
    render_rect(f->r, 190, 70, 10, 10, WHITE);
    read_back(f);
    assert_int_equal(at(f, 195, 75)[0], 255);
}

static void test_pngio_round_trip(void **state)
{
    (void)state;
    enum { PW = 5, PH = 3, STRIDE = PW * 4 + 8 };
    uint8_t img[PH * STRIDE];
    for (int i = 0; i < PH * STRIDE; i++)
        img[i] = (uint8_t)(i * 37);
    char path[512], err[600];
    const char *tmp = getenv("TMPDIR");
    snprintf(path, sizeof path, "%s/kiosk-pngio-%d.png", tmp && *tmp ? tmp : "/tmp", (int)getpid());
    assert_true(pngio_write_rgba(path, img, PW, PH, STRIDE, err, sizeof err));
    uint8_t *back;
    int w, h;
    assert_true(pngio_read_rgba(path, &back, &w, &h, err, sizeof err));
    assert_int_equal(w, PW);
    assert_int_equal(h, PH);
    for (int y = 0; y < PH; y++)
        assert_memory_equal(back + y * PW * 4, img + y * STRIDE, PW * 4);
    free(back);
    remove(path);
    assert_false(pngio_read_rgba(path, &back, &w, &h, err, sizeof err));
    assert_null(back);
    assert_non_null(strstr(err, path));
}

int main(void)
{
    SDL_SetHint(SDL_HINT_VIDEODRIVER, "dummy");
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        fprintf(stderr, "SDL_Init: %s\n", SDL_GetError());
        return 1;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_text_lands_where_expected, setup, teardown),
        cmocka_unit_test_setup_teardown(test_colours_and_alpha, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rects_and_glyphs_batch, setup, teardown),
        cmocka_unit_test_setup_teardown(test_golden_scene, setup, teardown),
        cmocka_unit_test(test_eviction_mid_batch_one_page),
        cmocka_unit_test(test_eviction_mid_batch_two_pages),
        cmocka_unit_test_setup_teardown(test_drawlist_walk, setup, teardown),
        cmocka_unit_test_setup_teardown(test_damage_redraws_only_the_rectangle, setup, teardown),
        cmocka_unit_test(test_pngio_round_trip),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    SDL_Quit();
    return rc;
}
