/* The text engine end to end: a paragraph full of the cases Chinese
 * typesetting is judged by (consecutive punctuation, quotes in quotes, book
 * titles, dates, Latin words, a URL, —— and ……) laid out and drawn headless
 * in the body style (justified) and the title style, compared with golden
 * PNGs. Look at tests/golden/text-*.png when they change. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "platform/render.h"
#include "support/golden.h"
#include "support/texttest.h"
#include "text/atlas.h"
#include "text/layout.h"

#define TG_W 960
#define TG_TOLERANCE 16
#define TG_FRACTION 0.002

static const char *const body =
    "2015年9月25日，中美双方就网络安全问题达成重要共识：“双方同意，各自国家政府均不得从事或者在知情情况下支持"
    "网络窃取知识产权……”。《中美网络空间危机管理》指出，危机管理的核心是“管控分歧——而非消除分歧”。"
    "William Dixon 认为，打击跨国网络犯罪（如“杀猪盘”诈骗）或许是又一个契机，详见 https://www.weforum.org/。";
static const char *const title = "网络空间的安全困境、秩序演进与中国方案";

typedef struct {
    text_engine *te;
    atlas *at;
    SDL_Surface *surf;
    SDL_Renderer *sr;
    render *rd;
} tg_fixture;

static int tg_setup(void **state)
{
    static tg_fixture f;
    char err[512];
    SDL_SetHint(SDL_HINT_VIDEODRIVER, "dummy");
    if (SDL_Init(SDL_INIT_VIDEO) != 0)
        return -1;
    f.te = text_open(texttest_fonts_dir(), err, sizeof err);
    if (!f.te)
        return -1;
    font_set *fs = text_fontset(f.te);
    atlas_font fonts[FONTSET_MAX_FONTS] = {{0}};
    int n = fontset_count(fs);
    for (int i = 0; i < n; i++) { /* as the kiosk opens its atlas (app/resources.c) */
        fonts[i].path = fontset_path(fs, i, &fonts[i].face_index);
        fonts[i].lazy = !fontset_is_bundled(fs, i);
        fonts[i].family = fontset_family_name(fs, i);
    }
    f.at = atlas_open(fonts, n, NULL, err, sizeof err);
    if (!f.at)
        return -1;
    *state = &f;
    return 0;
}

static int tg_teardown(void **state)
{
    tg_fixture *f = *state;
    atlas_close(f->at);
    text_close(f->te);
    SDL_Quit();
    return 0;
}

/* Draws the layout on a dark card with a guide line at both column edges,
 * reads it back and compares it with tests/golden/<name>.png. */
static void draw_and_compare(tg_fixture *f, const text_layout *l, int width, const char *name)
{
    int h = (int)l->height + 80;
    char err[256];
    f->surf = SDL_CreateRGBSurfaceWithFormat(0, TG_W, h, 32, SDL_PIXELFORMAT_RGBA32);
    f->sr = SDL_CreateSoftwareRenderer(f->surf);
    f->rd = render_create(f->sr, f->at, err, sizeof err);
    assert_non_null(f->rd);
    render_begin(f->rd);
    render_rect(f->rd, 0, 0, TG_W, (float)h, (render_colour){15, 18, 22, 255});
    float x0 = (TG_W - width) / 2.0f;
    render_rect(f->rd, x0 - 1, 20, 1, (float)h - 40, (render_colour){90, 60, 60, 255});
    render_rect(f->rd, x0 + width, 20, 1, (float)h - 40, (render_colour){90, 60, 60, 255});
    render_glyphs(f->rd, l->glyphs, l->glyph_count, x0, 40, (render_colour){236, 232, 225, 255});
    render_flush(f->rd);
    char msg[600];
    bool ok = golden_check(name, f->surf->pixels, TG_W, h, f->surf->pitch, TG_TOLERANCE, TG_FRACTION, msg,
                           sizeof msg);
    render_destroy(f->rd);
    SDL_DestroyRenderer(f->sr);
    SDL_FreeSurface(f->surf);
    if (!ok)
        fail_msg("%s", msg);
}

static void test_body_justified(void **state)
{
    tg_fixture *f = *state;
    text_params p = {.style = STYLE_BODY, .size_px = 32, .width_px = 800, .justify = true};
    const text_layout *l = text_lay_out(f->te, body, strlen(body), &p);
    assert_non_null(l);
    assert_true(l->line_count >= 5);
    /* Every line but the last reaches the right edge. */
    for (uint32_t i = 0; i + 1 < l->line_count; i++)
        assert_true(l->lines[i].x + l->lines[i].width > 800 - 1.0f);
    draw_and_compare(f, l, 800, "text-body");
}

static void test_title(void **state)
{
    tg_fixture *f = *state;
    text_params p = {.style = STYLE_TITLE, .size_px = 54, .width_px = 800, .align = TEXT_ALIGN_START};
    const text_layout *l = text_lay_out(f->te, title, strlen(title), &p);
    assert_non_null(l);
    assert_int_equal(l->line_count, 2);
    draw_and_compare(f, l, 800, "text-title");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_body_justified),
        cmocka_unit_test(test_title),
    };
    return cmocka_run_group_tests_name("text_golden", tests, tg_setup, tg_teardown);
}
