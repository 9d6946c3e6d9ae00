/* bench_frames: drawing and whole-program figures, each with a baseline
 * measured in the same run. Run from the repository root (`make bench`).
 *
 *   draw-atlas   one reader screen (1920x1080, body 32 px, justified) drawn
 *                from cached layouts through the glyph atlas: batched quads
 *   draw-ttf     the same paragraphs drawn the SDL2_ttf way, rendering a
 *                surface per paragraph and uploading it as a texture, every
 *                frame (the path the text engine replaces)
 *   kiosk-start  build/kiosk --headless --frames 1: open fonts, load and
 *                check the bundle, lay out and draw the first frame, exit
 *   kiosk-exec   baseline: build/kiosk --help (process start alone)
 *   kiosk-fling  a scripted session on the timeline with repeated flings:
 *                wall time per frame drawn, software renderer, 1920x1080
 *   kiosk-still  baseline: the same number of frames on the still home
 *                screen, where nothing is drawn
 * Both draw cases use SDL's software renderer (headless), so absolute
 * figures are this CPU's; the ratios carry over to the Pi's GPU renderer. */
#include <SDL.h>
#include <SDL_ttf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/resources.h"
#include "platform/render.h"
#include "text/atlas.h"
#include "text/layout.h"

#define BF_W 1920
#define BF_H 1080
#define BF_SIZE 32
#define BF_COL 1280
#define BF_FRAMES 60
#define BF_REPS 5
#define BF_ARTICLE "../shared/articles/001_33cc48de60082764.txt"
#define BF_MAX_PARAS 8

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void die(const char *what, const char *why)
{
    fprintf(stderr, "bench_frames: %s: %s\n", what, why);
    exit(1);
}

/* The paragraphs of one screen: the first long paragraphs of article 001
 * until about a screen's height of text. */
static int load_paras(char *paras[BF_MAX_PARAS])
{
    FILE *f = fopen(BF_ARTICLE, "r");
    if (!f)
        die(BF_ARTICLE, "cannot open (run from the repository root, with ../shared beside it)");
    char line[65536];
    int n = 0;
    while (n < 4 && fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        if (strlen(line) > 300 && line[0] != '\xe3') /* body paragraphs, not 【...】 headers */
            paras[n++] = strdup(line);
    }
    fclose(f);
    return n;
}

static SDL_Renderer *sw_renderer(SDL_Surface **surf)
{
    *surf = SDL_CreateRGBSurfaceWithFormat(0, BF_W, BF_H, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *r = *surf ? SDL_CreateSoftwareRenderer(*surf) : NULL;
    if (!r)
        die("software renderer", SDL_GetError());
    SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_BLEND);
    return r;
}

static double draw_atlas(char **paras, int n, unsigned long *glyphs)
{
    char err[512];
    text_engine *te = text_open(app_fonts_dir(), err, sizeof err);
    if (!te)
        die("text_open", err);
    font_set *fs = text_fontset(te);
    atlas_font fonts[FONTSET_MAX_FONTS];
    int nf = fontset_count(fs);
    for (int i = 0; i < nf; i++)
        fonts[i].path = fontset_path(fs, i, &fonts[i].face_index);
    atlas *at = atlas_open(fonts, nf, NULL, err, sizeof err);
    if (!at)
        die("atlas_open", err);
    SDL_Surface *surf;
    SDL_Renderer *sr = sw_renderer(&surf);
    render *rd = render_create(sr, at, err, sizeof err);
    if (!rd)
        die("render_create", err);
    text_params p = {.style = STYLE_BODY, .size_px = BF_SIZE, .width_px = BF_COL, .justify = true};
    double best = 1e30;
    for (int rep = 0; rep < BF_REPS; rep++) {
        double t0 = 0;
        for (int f = -1; f < BF_FRAMES; f++) { /* frame -1 warms the atlas */
            if (f == 0)
                t0 = now_ms();
            render_begin(rd);
            SDL_SetRenderDrawColor(sr, 15, 18, 22, 255);
            SDL_RenderClear(sr);
            float y = 60;
            *glyphs = 0;
            for (int i = 0; i < n; i++) {
                const text_layout *l = text_lay_out(te, paras[i], strlen(paras[i]), &p);
                render_glyphs(rd, l->glyphs, l->glyph_count, 320, y, (render_colour){236, 232, 225, 255});
                y += l->height + 24;
                *glyphs += l->glyph_count;
            }
            render_flush(rd);
        }
        double ms = (now_ms() - t0) / BF_FRAMES;
        if (ms < best)
            best = ms;
    }
    render_destroy(rd);
    atlas_close(at);
    SDL_DestroyRenderer(sr);
    SDL_FreeSurface(surf);
    text_close(te);
    return best;
}

static double draw_ttf(char **paras, int n)
{
    if (TTF_Init() != 0)
        die("TTF_Init", TTF_GetError());
    char path[512];
    snprintf(path, sizeof path, "%s/NotoSansSC-Regular.otf", app_fonts_dir());
    TTF_Font *font = TTF_OpenFont(path, BF_SIZE);
    if (!font)
        die(path, TTF_GetError());
    SDL_Surface *surf;
    SDL_Renderer *sr = sw_renderer(&surf);
    SDL_Color c = {236, 232, 225, 255};
    double best = 1e30;
    for (int rep = 0; rep < BF_REPS; rep++) {
        double t0 = now_ms();
        for (int f = 0; f < BF_FRAMES; f++) {
            SDL_SetRenderDrawColor(sr, 15, 18, 22, 255);
            SDL_RenderClear(sr);
            int y = 60;
            for (int i = 0; i < n; i++) {
                SDL_Surface *s = TTF_RenderUTF8_Blended_Wrapped(font, paras[i], c, BF_COL);
                SDL_Texture *t = SDL_CreateTextureFromSurface(sr, s);
                SDL_Rect dst = {320, y, s->w, s->h};
                SDL_RenderCopy(sr, t, NULL, &dst);
                y += s->h + 24;
                SDL_DestroyTexture(t);
                SDL_FreeSurface(s);
            }
        }
        double ms = (now_ms() - t0) / BF_FRAMES;
        if (ms < best)
            best = ms;
    }
    TTF_CloseFont(font);
    TTF_Quit();
    SDL_DestroyRenderer(sr);
    SDL_FreeSurface(surf);
    return best;
}

/* Best wall time of a shell command over BF_REPS runs, in ms. */
static double run_ms(const char *cmd)
{
    double best = 1e30;
    for (int i = 0; i < BF_REPS; i++) {
        double t0 = now_ms();
        if (system(cmd) != 0)
            die(cmd, "failed");
        double ms = now_ms() - t0;
        if (ms < best)
            best = ms;
    }
    return best;
}

/* Frames drawn, from the "quit" line of a trace. */
static long trace_renders(const char *path)
{
    FILE *f = fopen(path, "r");
    char line[65536];
    long renders = -1;
    while (f && fgets(line, sizeof line, f)) {
        const char *q = strstr(line, "\"event\":\"quit\"");
        const char *r = q ? strstr(line, "\"renders\":") : NULL;
        if (r)
            renders = strtol(r + 10, NULL, 10);
    }
    if (f)
        fclose(f);
    return renders;
}

int main(void)
{
    SDL_SetHint(SDL_HINT_VIDEODRIVER, "dummy");
    if (SDL_Init(SDL_INIT_VIDEO) != 0)
        die("SDL_Init", SDL_GetError());
    char *paras[BF_MAX_PARAS];
    int n = load_paras(paras);
    unsigned long glyphs = 0;
    double atlas_ms = draw_atlas(paras, n, &glyphs);
    double ttf_ms = draw_ttf(paras, n);
    printf("bench_frames: one reader screen, %d paragraphs, %lu glyphs, %dx%d software renderer, best of %d x %d "
           "frames\n", n, glyphs, BF_W, BF_H, BF_REPS, BF_FRAMES);
    printf("  draw-atlas   %8.3f ms/frame  (%6.0f frames/s)  cached layouts, atlas quads, one batch\n", atlas_ms,
           1e3 / atlas_ms);
    printf("  draw-ttf     %8.3f ms/frame  (%6.0f frames/s)  SDL2_ttf surface + texture per paragraph per frame\n",
           ttf_ms, 1e3 / ttf_ms);
    printf("  ratio draw-atlas / draw-ttf: %.3f\n", atlas_ms / ttf_ms);

    double start_ms = run_ms("build/kiosk --headless --frames 1 --quiet >/dev/null 2>&1");
    double exec_ms = run_ms("build/kiosk --help >/dev/null 2>&1");
    printf("  kiosk-start  %8.1f ms  start, load and check the bundle, first frame, exit\n", start_ms);
    printf("  kiosk-exec   %8.1f ms  baseline: process start (--help)\n", exec_ms);

    const char *script = "/tmp/kiosk-bench-fling.txt", *trace = "/tmp/kiosk-bench-fling.jsonl";
    FILE *f = fopen(script, "w");
    if (!f)
        die(script, "cannot write");
    /* Wake, open the timeline (its button is the right half of home at
     * 1920x1080), zoom in, then fling back and forth. */
    fputs("0.5 tap 960 540\n1.0 tap 1400 700\n2.0 pinch 960 600 200 700 0.5\n", f);
    for (int i = 0; i < 20; i++)
        fprintf(f, "%.2f drag %d 600 %d 600 0.12\n", 3.0 + i * 0.6, i % 2 ? 600 : 1300, i % 2 ? 1300 : 600);
    fclose(f);
    char cmd[1024];
    snprintf(cmd, sizeof cmd,
             "SOURCE_DATE_EPOCH=1763800000 build/kiosk --headless --frames 900 --quiet --script %s --trace %s "
             ">/dev/null 2>&1", script, trace);
    double fling_ms = run_ms(cmd);
    long renders = trace_renders(trace);
    f = fopen("/tmp/kiosk-bench-still.txt", "w");
    fputs("0.5 tap 960 540\n", f);
    fclose(f);
    snprintf(cmd, sizeof cmd,
             "build/kiosk --headless --frames 900 --quiet --script /tmp/kiosk-bench-still.txt >/dev/null 2>&1");
    double still_ms = run_ms(cmd);
    printf("  kiosk-fling  %8.1f ms for 900 frames, %ld drawn: %.2f ms per drawn frame (%.0f frames/s)\n", fling_ms,
           renders, (fling_ms - still_ms) / (renders > 0 ? renders : 1),
           1e3 * (renders > 0 ? renders : 1) / (fling_ms - still_ms));
    printf("  kiosk-still  %8.1f ms for 900 frames on the still home screen (baseline: not drawn)\n", still_ms);
    printf("  ratio kiosk-start / kiosk-exec: %.1f\n", start_ms / exec_ms);
    for (int i = 0; i < n; i++)
        free(paras[i]);
    SDL_Quit();
    return 0;
}
