#include "ui/scene_first.h"

#include <SDL_ttf.h>
#include <stdio.h>
#include <string.h>

#include "core/log.h"
#include "ui/tap.h"

#define FIRST_TEXT_MAX 4096

static struct {
    char title[256], heading[256], text[FIRST_TEXT_MAX];
    SDL_Texture *tex[3];
    SDL_Rect dst[3];
    tap_state taps;
} first;

void scene_first_set_content(const char *title, const char *heading, const char *text)
{
    snprintf(first.title, sizeof first.title, "%s", title);
    snprintf(first.heading, sizeof first.heading, "%s", heading);
    snprintf(first.text, sizeof first.text, "%s", text);
}

static TTF_Font *open_font(int px)
{
    static const struct { const char *path; long index; } candidates[] = {
        {"fonts/NotoSansSC-Regular.otf", 0},
        {"/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2},
    };
    for (size_t i = 0; i < sizeof candidates / sizeof candidates[0]; i++) {
        TTF_Font *f = TTF_OpenFontIndex(candidates[i].path, px, candidates[i].index);
        if (f)
            return f;
    }
    LOG_E("first", "no CJK font found: %s", TTF_GetError());
    return NULL;
}

static SDL_Texture *render(ui_ctx *ctx, const char *s, int px, SDL_Color c, int wrap, SDL_Rect *dst)
{
    TTF_Font *f = open_font(px);
    if (!f || !*s)
        return NULL;
    SDL_Surface *surf = TTF_RenderUTF8_Blended_Wrapped(f, s, c, (Uint32)wrap);
    TTF_CloseFont(f);
    if (!surf)
        return NULL;
    SDL_Texture *t = SDL_CreateTextureFromSurface(ctx->renderer, surf);
    dst->w = surf->w;
    dst->h = surf->h;
    SDL_FreeSurface(surf);
    return t;
}

static void first_enter(ui_ctx *ctx)
{
    if (!TTF_WasInit() && TTF_Init() != 0)
        LOG_E("first", "SDL_ttf: %s", TTF_GetError());
    tap_init(&first.taps, ctx->px_per_mm);
    int margin = ctx->w / 10;
    int wrap = ctx->w - 2 * margin;
    SDL_Color title_c = {236, 232, 225, 255}, head_c = {217, 164, 65, 255}, body_c = {200, 196, 190, 255};
    first.tex[0] = render(ctx, first.title, ctx->h / 14, title_c, wrap, &first.dst[0]);
    first.tex[1] = render(ctx, first.heading, ctx->h / 24, head_c, wrap, &first.dst[1]);
    first.tex[2] = render(ctx, first.text, ctx->h / 32, body_c, wrap, &first.dst[2]);
    int y = ctx->h / 8;
    for (int i = 0; i < 3; i++) {
        first.dst[i].x = margin;
        first.dst[i].y = y;
        y += first.dst[i].h + ctx->h / 24;
    }
}

static void first_input(ui_ctx *ctx, const input_event *ev)
{
    if (ev->type == INPUT_KEY && strcmp(ev->key, "escape") == 0)
        ctx->quit = true;
    if (tap_feed(&first.taps, ev)) {
        jsonw *w = trace_begin(ctx->tr, ctx->now, "tap");
        if (w) {
            jsonw_key(w, "x");
            jsonw_int(w, (long long)ev->x);
            jsonw_key(w, "y");
            jsonw_int(w, (long long)ev->y);
            trace_end(ctx->tr);
        }
    }
}

static void first_draw(ui_ctx *ctx)
{
    SDL_SetRenderDrawColor(ctx->renderer, 15, 18, 22, 255);
    SDL_RenderClear(ctx->renderer);
    SDL_SetRenderDrawColor(ctx->renderer, 217, 164, 65, 255);
    SDL_Rect rule = {ctx->w / 10, ctx->h / 8 - ctx->h / 60, ctx->w / 12, ctx->h / 270 + 1};
    SDL_RenderFillRect(ctx->renderer, &rule);
    for (int i = 0; i < 3; i++)
        if (first.tex[i])
            SDL_RenderCopy(ctx->renderer, first.tex[i], NULL, &first.dst[i]);
}

static void first_leave(ui_ctx *ctx)
{
    (void)ctx;
    for (int i = 0; i < 3; i++) {
        if (first.tex[i])
            SDL_DestroyTexture(first.tex[i]);
        first.tex[i] = NULL;
    }
}

const ui_scene scene_first = {"first", first_enter, first_input, NULL, first_draw, first_leave};
