/* peer_sdl2ttf: the program a museum would otherwise write with SDL2_ttf,
 * showing the same reader screen as the kiosk, for `make bench`'s
 * comparison (toolchain/bench.c). Not part of the exhibit.
 *
 *   peer_sdl2ttf naive|cached SCREEN_FILE FONTS_DIR FRAMES PROFILE
 *
 * SCREEN_FILE (written by the bench from the bundle): the first line is
 * "W H COL_X COL_W VIEW_Y VIEW_H TITLE_PX BODY_PX SCROLL_MAX", the second
 * the heading, then one paragraph a line. The window is SDL's dummy driver
 * with a software renderer drawing into a W x H surface, as the kiosk's
 * headless mode; same fonts (the bundled Noto subsets), same sizes, same
 * column. FRAMES frames scroll the passage up and down over SCROLL_MAX
 * (a fling's ease in and out), each drawn and presented:
 *   naive   every frame, each visible paragraph is wrapped and rendered with
 *           TTF_RenderUTF8_Blended_Wrapped and uploaded as a texture
 *   cached  paragraphs are rendered to textures once, at the first frame,
 *           and only blitted
 * PROFILE gets the kiosk's --profile format (core/frameprof.h): a P line
 * when the first frame is presented, F lines (the whole frame's CPU time
 * as sdl_us, ours_us 0) and a Q line with the peak RSS. */
#include <SDL.h>
#include <SDL_ttf.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#define PEER_MAX_PARAS 32

static long long ns_of(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void die(const char *what, const char *why)
{
    fprintf(stderr, "peer_sdl2ttf: %s: %s\n", what, why);
    exit(1);
}

typedef struct {
    int w, h, col_x, col_w, view_y, view_h, title_px, body_px, scroll_max;
    char *heading;
    char *paras[PEER_MAX_PARAS];
    int n;
} screen;

static void read_screen(const char *path, screen *s)
{
    FILE *f = fopen(path, "r");
    if (!f)
        die(path, "cannot open");
    static char line[1 << 16];
    if (!fgets(line, sizeof line, f) ||
        sscanf(line, "%d %d %d %d %d %d %d %d %d", &s->w, &s->h, &s->col_x, &s->col_w, &s->view_y, &s->view_h,
               &s->title_px, &s->body_px, &s->scroll_max) != 9)
        die(path, "bad first line");
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        if (!s->heading)
            s->heading = strdup(line);
        else if (s->n < PEER_MAX_PARAS)
            s->paras[s->n++] = strdup(line);
    }
    fclose(f);
}

typedef struct {
    SDL_Texture *tex;
    int w, h;
} block;

static block render_block(SDL_Renderer *r, TTF_Font *font, const char *text, int width)
{
    SDL_Color c = {236, 232, 225, 255};
    SDL_Surface *s = TTF_RenderUTF8_Blended_Wrapped(font, text, c, (Uint32)width);
    if (!s)
        die("TTF_RenderUTF8_Blended_Wrapped", TTF_GetError());
    block b = {SDL_CreateTextureFromSurface(r, s), s->w, s->h};
    SDL_FreeSurface(s);
    return b;
}

int main(int argc, char **argv)
{
    if (argc != 6)
        die("usage", "peer_sdl2ttf naive|cached SCREEN_FILE FONTS_DIR FRAMES PROFILE");
    int naive = strcmp(argv[1], "naive") == 0;
    int frames = atoi(argv[4]);
    FILE *prof = fopen(argv[5], "w");
    if (!prof)
        die(argv[5], "cannot write");
    screen s = {0};
    read_screen(argv[2], &s);

    SDL_SetHint(SDL_HINT_VIDEODRIVER, "dummy");
    if (SDL_Init(SDL_INIT_VIDEO) != 0 || TTF_Init() != 0)
        die("SDL_Init/TTF_Init", SDL_GetError());
    SDL_Surface *out = SDL_CreateRGBSurfaceWithFormat(0, s.w, s.h, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *r = out ? SDL_CreateSoftwareRenderer(out) : NULL;
    if (!r)
        die("software renderer", SDL_GetError());
    char path[1024];
    snprintf(path, sizeof path, "%s/NotoSerifSC-Bold.otf", argv[3]);
    TTF_Font *title = TTF_OpenFont(path, s.title_px);
    snprintf(path, sizeof path, "%s/NotoSansSC-Regular.otf", argv[3]);
    TTF_Font *body = TTF_OpenFont(path, s.body_px);
    if (!title || !body)
        die(path, TTF_GetError());

    block head = {0}, cached[PEER_MAX_PARAS];
    int gap = s.body_px; /* a line's gap between paragraphs, as the reader */
    for (int f = 0; f < frames; f++) {
        long long t0 = ns_of(CLOCK_PROCESS_CPUTIME_ID);
        /* A fling's path: ease down to the end and back up, 90 frames each way. */
        double ph = (f % 180) / 90.0;
        double k = ph < 1 ? ph : 2 - ph;
        int scroll = (int)lround(s.scroll_max * (0.5 - 0.5 * cos(k * 3.14159265358979)));
        SDL_SetRenderDrawColor(r, 15, 18, 22, 255);
        SDL_RenderClear(r);
        SDL_Rect view = {0, s.view_y, s.w, s.view_h};
        SDL_RenderSetClipRect(r, &view);
        int y = s.view_y - scroll;
        for (int i = -1; i < s.n; i++) {
            const char *text = i < 0 ? s.heading : s.paras[i];
            TTF_Font *font = i < 0 ? title : body;
            block *keep = i < 0 ? &head : &cached[i];
            block b;
            if (naive || f == 0) {
                b = render_block(r, font, text, s.col_w);
                if (!naive)
                    *keep = b;
            } else {
                b = *keep;
            }
            if (y + b.h > s.view_y && y < s.view_y + s.view_h) { /* visible */
                SDL_Rect dst = {s.col_x, y, b.w, b.h};
                SDL_RenderCopy(r, b.tex, NULL, &dst);
            }
            y += b.h + gap;
            if (naive)
                SDL_DestroyTexture(b.tex);
        }
        SDL_RenderSetClipRect(r, NULL);
        SDL_RenderPresent(r);
        if (f == 0)
            fprintf(prof, "P %lld\n", ns_of(CLOCK_MONOTONIC));
        long long us = (ns_of(CLOCK_PROCESS_CPUTIME_ID) - t0) / 1000;
        fprintf(prof, "F %d %.4f reader 1 0 %lld -1 -1\n", f, f / 60.0, us);
    }
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    fprintf(prof, "Q %ld 0 0\n", ru.ru_maxrss);
    if (fclose(prof) != 0)
        die(argv[5], "cannot write");
    TTF_CloseFont(title);
    TTF_CloseFont(body);
    TTF_Quit();
    SDL_DestroyRenderer(r);
    SDL_FreeSurface(out);
    SDL_Quit();
    return 0;
}
