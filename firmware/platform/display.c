#include "platform/display.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "platform/panel.h"
#include "platform/pngio.h"


struct display {
    display_config cfg;
    SDL_Window *window;     /* NULL when headless */
    SDL_Surface *surface;   /* headless output */
    SDL_Renderer *renderer;
    SDL_Texture *picture;   /* upright picture, render target */
    int panel_w, panel_h;   /* the picture turned by the rotation (platform/display.h) */
    int out_w, out_h;       /* the renderer's output in pixels: the panel's, or a window's */
    bool fitted;            /* the window is smaller than the panel, to fit the screen */
    int pic_w, pic_h;
    float px_per_mm;
    char driver[32];
};

/* w x h turned by the rotation: swapped by a quarter turn. */
static void turn(int rotate, int w, int h, int *tw, int *th)
{
    bool swap = rotate == 90 || rotate == 270;
    *tw = swap ? h : w;
    *th = swap ? w : h;
}

/* The picture is drawn into a texture that is then copied, rotated, to the
 * panel; except headless and upright, where the output surface itself keeps
 * the picture between frames: no second full-screen buffer (8 MB at 1080p)
 * and no full-screen copy a frame. A window's back buffer is undefined
 * after a present, so a window always has the texture. */
static bool make_picture(display *d, char *err, size_t errlen)
{
    turn(d->cfg.rotate, d->panel_w, d->panel_h, &d->pic_w, &d->pic_h);
    if (d->picture)
        SDL_DestroyTexture(d->picture);
    d->picture = NULL;
    if (d->cfg.headless && d->cfg.rotate == 0)
        return true;
    d->picture = SDL_CreateTexture(d->renderer, SDL_PIXELFORMAT_ARGB8888,
                                   SDL_TEXTUREACCESS_TARGET, d->pic_w, d->pic_h);
    if (d->picture) {
        /* Copied 1:1 (turned by quarter turns) over the whole panel: no
         * filtering and no blending to pay for at every present. Into a
         * window of another size (fitted to the screen, or a HiDPI one),
         * filtered, so that text stays legible when scaled down. */
        bool scaled = d->out_w != d->panel_w || d->out_h != d->panel_h;
        SDL_SetTextureScaleMode(d->picture, scaled ? SDL_ScaleModeLinear : SDL_ScaleModeNearest);
        SDL_SetTextureBlendMode(d->picture, SDL_BLENDMODE_NONE);
    }
    if (!d->picture) {
        log_format_err(err, errlen, "cannot create a %dx%d picture texture: %s", d->pic_w, d->pic_h,
                 SDL_GetError());
        return false;
    }
    return true;
}

static bool open_headless(display *d, char *err, size_t errlen)
{
    SDL_SetHint(SDL_HINT_VIDEODRIVER, "dummy");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
        log_format_err(err, errlen, "cannot start SDL (dummy driver): %s", SDL_GetError());
        return false;
    }
    turn(d->cfg.rotate, d->cfg.width, d->cfg.height, &d->panel_w, &d->panel_h);
    d->out_w = d->panel_w;
    d->out_h = d->panel_h;
    d->surface = SDL_CreateRGBSurfaceWithFormat(0, d->panel_w, d->panel_h, 32,
                                                SDL_PIXELFORMAT_ARGB8888);
    if (!d->surface) {
        log_format_err(err, errlen, "cannot create a %dx%d surface: %s", d->panel_w, d->panel_h,
                 SDL_GetError());
        return false;
    }
    d->renderer = SDL_CreateSoftwareRenderer(d->surface);
    if (!d->renderer) {
        log_format_err(err, errlen, "cannot create the software renderer: %s", SDL_GetError());
        return false;
    }
    snprintf(d->driver, sizeof d->driver, "dummy");
    return true;
}

/* A window for a w x h panel no larger than the usable area (the desktop
 * less its panels and docks) of the screen it opens on, SDL_WINDOWPOS_CENTERED's
 * display 0: the panel scaled down, its proportions kept. Unchanged when it
 * fits, or when SDL cannot say. */
static void fit_screen(int *w, int *h)
{
    SDL_Rect r;
    if (SDL_GetDisplayUsableBounds(0, &r) != 0 || r.w <= 0 || r.h <= 0 || (*w <= r.w && *h <= r.h))
        return;
    double s = fmin((double)r.w / *w, (double)r.h / *h);
    *w = (int)fmax(1.0, floor(*w * s));
    *h = (int)fmax(1.0, floor(*h * s));
}

static bool open_window(display *d, char *err, size_t errlen)
{
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
        log_format_err(err, errlen,
                 "no display found (no X11/Wayland session and no KMSDRM console: %s); "
                 "run with --headless to render without a screen",
                 SDL_GetError());
        return false;
    }
    const char *drv = SDL_GetCurrentVideoDriver();
    snprintf(d->driver, sizeof d->driver, "%s", drv ? drv : "?");
    /* SDL falls back to drivers that show nothing: a window there would
     * run the exhibit for no one. */
    if (drv && (strcmp(drv, "offscreen") == 0 || strcmp(drv, "dummy") == 0)) {
        log_format_err(err, errlen,
                 "no display found (no X11/Wayland session and no KMSDRM console; SDL offered only "
                 "its '%s' driver, which shows nothing); run with --headless to render without a screen",
                 drv);
        return false;
    }
    bool console = drv && (strcmp(drv, "KMSDRM") == 0 || strcmp(drv, "kmsdrm") == 0);
    bool full = d->cfg.fullscreen || console;
    Uint32 flags = SDL_WINDOW_SHOWN | SDL_WINDOW_ALLOW_HIGHDPI;
    if (full)
        flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
    turn(d->cfg.rotate, d->cfg.width, d->cfg.height, &d->panel_w, &d->panel_h);
    int ww = d->panel_w, wh = d->panel_h;
    if (!full)
        fit_screen(&ww, &wh);
    d->window = SDL_CreateWindow("Exhibit", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, ww, wh, flags);
    if (!d->window) {
        log_format_err(err, errlen, "cannot open a window on %s: %s; run with --headless to render "
                 "without a screen", d->driver, SDL_GetError());
        return false;
    }
    /* On the console (KMSDRM: the Pi) the picture goes through the GPU with
     * SDL's OpenGL ES 2 renderer, which SDL tries first with this hint (and
     * then its others); SDL_RENDER_DRIVER in the environment still wins.
     * A desktop gets SDL's own first choice. */
    if (console && !getenv("SDL_RENDER_DRIVER"))
        SDL_SetHint(SDL_HINT_RENDER_DRIVER, "opengles2");
    d->renderer = SDL_CreateRenderer(d->window, -1,
                                     SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC |
                                         SDL_RENDERER_TARGETTEXTURE);
    if (!d->renderer) {
        LOG_W("display", "no accelerated renderer (%s); using software, every frame drawn by the CPU",
              SDL_GetError());
        d->renderer = SDL_CreateRenderer(d->window, -1, SDL_RENDERER_SOFTWARE);
    }
    if (!d->renderer) {
        log_format_err(err, errlen, "cannot create a renderer: %s", SDL_GetError());
        return false;
    }
    SDL_RendererInfo ri;
    if (SDL_GetRendererInfo(d->renderer, &ri) == 0 && ri.name) {
        if (console && strcmp(ri.name, "opengles2") != 0)
            LOG_W("display", "%s renderer on the console, not opengles2: the GPU is not used", ri.name);
        else
            LOG_I("display", "%s renderer on %s", ri.name, d->driver);
    }
    SDL_GetRendererOutputSize(d->renderer, &d->out_w, &d->out_h);
    if (full) { /* the screen's own pixels */
        d->panel_w = d->out_w;
        d->panel_h = d->out_h;
    } else {
        SDL_GetWindowSize(d->window, &ww, &wh);
        d->fitted = ww < d->panel_w || wh < d->panel_h;
    }
    if (console)
        SDL_ShowCursor(SDL_DISABLE);
    return true;
}

display *display_open(const display_config *cfg, char *err, size_t errlen)
{
    display *d = calloc(1, sizeof *d);
    if (!d) {
        log_format_err(err, errlen, "out of memory");
        return NULL;
    }
    d->cfg = *cfg;
    /* Touch and mouse arrive separately; the input layer merges them. SDL's
     * synthetic mouse-from-touch events would count every touch twice. */
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");
    SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
    SDL_SetHint(SDL_HINT_RENDER_SCALE_QUALITY, "linear");
    bool ok = cfg->headless ? open_headless(d, err, errlen) : open_window(d, err, errlen);
    if (ok)
        ok = make_picture(d, err, errlen);
    if (!ok) {
        display_close(d);
        return NULL;
    }
    SDL_SetRenderDrawBlendMode(d->renderer, SDL_BLENDMODE_BLEND);

    float hdpi = 0;
    if (!cfg->headless && !d->fitted && SDL_GetDisplayDPI(0, NULL, &hdpi, NULL) == 0 && hdpi > 20 &&
        hdpi < 1000)
        d->px_per_mm = hdpi / 25.4f;
    else /* SDL does not know (dummy driver, many HDMI panels), or a preview: platform/panel.h */
        d->px_per_mm = panel_assumed_px_per_mm(d->panel_w, d->panel_h);
    LOG_I("display", "%s %dx%d, picture %dx%d (rotate %d), %.2f px/mm", d->driver, d->panel_w,
          d->panel_h, d->pic_w, d->pic_h, d->cfg.rotate, (double)d->px_per_mm);
    if (d->fitted) {
        int ww, wh;
        SDL_GetWindowSize(d->window, &ww, &wh);
        LOG_I("display", "the %dx%d panel shown in a %dx%d window, scaled down to fit the screen", d->panel_w,
              d->panel_h, ww, wh);
    }
    return d;
}

void display_close(display *d)
{
    if (!d)
        return;
    if (d->picture)
        SDL_DestroyTexture(d->picture);
    if (d->renderer)
        SDL_DestroyRenderer(d->renderer);
    if (d->surface)
        SDL_FreeSurface(d->surface);
    if (d->window)
        SDL_DestroyWindow(d->window);
    SDL_Quit();
    free(d);
}

SDL_Renderer *display_renderer(display *d) { return d->renderer; }
const char *display_driver(const display *d) { return d->driver; }

const char *display_renderer_name(display *d)
{
    SDL_RendererInfo info;
    if (SDL_GetRendererInfo(d->renderer, &info) != 0 || !info.name)
        return "?";
    return info.name;
}

void display_picture_size(const display *d, int *w, int *h)
{
    *w = d->pic_w;
    *h = d->pic_h;
}

int display_rotation(const display *d) { return d->cfg.rotate; }

bool display_set_rotation(display *d, int rotate, char *err, size_t errlen)
{
    d->cfg.rotate = rotate;
    return make_picture(d, err, errlen);
}

float display_px_per_mm(const display *d) { return d->px_per_mm; }

bool display_has_vsync(const display *d)
{
    SDL_RendererInfo info;
    if (d->cfg.headless || SDL_GetRendererInfo(d->renderer, &info) != 0)
        return false;
    return (info.flags & SDL_RENDERER_PRESENTVSYNC) != 0;
}

void display_begin_frame(display *d) { SDL_SetRenderTarget(d->renderer, d->picture); }

void display_end_frame(display *d)
{
    if (!d->picture) { /* drawn in place */
        SDL_RenderPresent(d->renderer);
        return;
    }
    SDL_SetRenderTarget(d->renderer, NULL);
    /* Rotate about the centre: the destination is the output turned back to
     * the picture's orientation (the picture's own size when the output is
     * the panel) centred on it, which after rotation covers the output
     * exactly; copied without blending (make_picture), so nothing needs
     * clearing. */
    int w, h;
    turn(d->cfg.rotate, d->out_w, d->out_h, &w, &h);
    SDL_Rect dst = {(d->out_w - w) / 2, (d->out_h - h) / 2, w, h};
    if (d->cfg.rotate == 0) /* a plain copy: the software renderer's rotating path is a slow general one */
        SDL_RenderCopy(d->renderer, d->picture, NULL, &dst);
    else
        SDL_RenderCopyEx(d->renderer, d->picture, NULL, &dst, d->cfg.rotate, NULL, SDL_FLIP_NONE);
    SDL_RenderPresent(d->renderer);
}

void display_blank(display *d)
{
    SDL_SetRenderTarget(d->renderer, d->picture);
    SDL_SetRenderDrawColor(d->renderer, 0, 0, 0, 255);
    SDL_RenderClear(d->renderer);
    display_end_frame(d);
}

bool display_read_picture(display *d, uint8_t *rgba)
{
    SDL_Texture *prev = SDL_GetRenderTarget(d->renderer);
    SDL_SetRenderTarget(d->renderer, d->picture);
    int rc = SDL_RenderReadPixels(d->renderer, NULL, SDL_PIXELFORMAT_RGBA32, rgba, d->pic_w * 4);
    SDL_SetRenderTarget(d->renderer, prev);
    return rc == 0;
}

bool display_save_png(display *d, const char *path, char *err, size_t errlen)
{
    size_t n = (size_t)d->pic_w * (size_t)d->pic_h * 4;
    uint8_t *buf = malloc(n);
    if (!buf) {
        log_format_err(err, errlen, "%s: out of memory for a screenshot", path);
        return false;
    }
    bool ok = display_read_picture(d, buf);
    if (!ok)
        log_format_err(err, errlen, "%s: cannot read the picture: %s", path, SDL_GetError());
    else
        ok = pngio_write_rgba(path, buf, d->pic_w, d->pic_h, d->pic_w * 4, err, errlen);
    free(buf);
    return ok;
}

/* Rotation maps, derived for clockwise rotation of the picture about the
 * panel's centre (P = panel size, x/y = picture pixels):
 *     0: px = x,        py = y
 *    90: px = PW - y,   py = x
 *   180: px = PW - x,   py = PH - y
 *   270: px = y,        py = PH - x                                        */
void display_panel_to_picture(const display *d, float nx, float ny, float *x, float *y)
{
    float pw = (float)d->panel_w, ph = (float)d->panel_h;
    float px = nx * pw, py = ny * ph;
    switch (d->cfg.rotate) {
    case 90: *x = py; *y = pw - px; break;
    case 180: *x = pw - px; *y = ph - py; break;
    case 270: *x = ph - py; *y = px; break;
    default: *x = px; *y = py; break;
    }
}

void display_picture_to_panel(const display *d, float x, float y, float *nx, float *ny)
{
    float pw = (float)d->panel_w, ph = (float)d->panel_h;
    float px, py;
    switch (d->cfg.rotate) {
    case 90: px = pw - y; py = x; break;
    case 180: px = pw - x; py = ph - y; break;
    case 270: px = y; py = ph - x; break;
    default: px = x; py = y; break;
    }
    *nx = px / pw;
    *ny = py / ph;
}
