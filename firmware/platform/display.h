/* display: the SDL window (or headless surface), renderer and rotation.
 *
 * The UI always draws an upright "picture" of picture_w x picture_h pixels
 * into a render-target texture; display_end_frame() copies it to the panel
 * rotated by 0/90/180/270 degrees. So a portrait exhibit on a landscape
 * panel (or a panel mounted upside down) needs no change in any scene, and
 * screenshots are always of the upright picture.
 *
 * Output, in order of preference: headless (dummy video driver + software
 * renderer on a surface, deterministic pixels) when asked; otherwise SDL's
 * own choice of driver: a desktop window under X11/Wayland, or KMSDRM full
 * screen on a console (the Pi).
 *
 * Sizes. The configured size is the picture's, as the visitor sees it: a
 * portrait exhibit is 1080x1920 whatever the rotation. The panel is the
 * picture turned by the rotation (1920x1080 for that exhibit at 90 degrees:
 * a landscape panel mounted on its side). Full screen (and always on the
 * console) the panel is the screen's own pixels, and the picture is that
 * turned. A window is the panel; on a desktop smaller than the panel it is
 * scaled down to fit the screen it opens on (its usable area), and the
 * picture keeps its pixels: the scenes lay out, the screenshots read and the
 * touch maps the full-size picture, only what the window shows is smaller. */
#ifndef PLATFORM_DISPLAY_H
#define PLATFORM_DISPLAY_H

#include <SDL.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
    int width, height; /* the upright picture's size (full screen: the screen's decides) */
    bool headless;
    bool fullscreen;
    int rotate;        /* 0, 90, 180, 270: clockwise */
} display_config;

typedef struct display display;

/* Opens the output. On failure returns NULL with a one-line message in err
 * (for "no display at all" it suggests --headless). Caller closes with
 * display_close(); display_close(NULL) is a no-op. */
display *display_open(const display_config *cfg, char *err, size_t errlen);
void display_close(display *d);

SDL_Renderer *display_renderer(display *d);
const char *display_driver(const display *d); /* "dummy", "x11", "KMSDRM", ... */
/* SDL's name for the renderer in use ("software", "opengles2", "opengl"). */
const char *display_renderer_name(display *d);

/* Size of the upright picture the UI draws. */
void display_picture_size(const display *d, int *w, int *h);
int display_rotation(const display *d);
/* Changes the rotation (operator menu); the picture size may swap. */
bool display_set_rotation(display *d, int rotate, char *err, size_t errlen);

/* Pixels per millimetre of the panel, from SDL's DPI when it knows it and
 * the window shows the panel pixel for pixel, else the usual panel of that
 * resolution (platform/panel.h): a window scaled down to fit the desktop
 * previews that panel, so the exhibit is laid out as on it. */
float display_px_per_mm(const display *d);

/* True when presenting waits for the panel's vertical sync (so an
 * animation loop is paced by it); false for software rendering. */
bool display_has_vsync(const display *d);

/* Frame: begin targets the picture; end copies it, rotated, and presents. */
void display_begin_frame(display *d);
void display_end_frame(display *d);

/* Clears the picture to black and presents it: what the panel shows while
 * the exhibit is closed. SDL has no power-saving (DPMS) call, and on KMSDRM
 * the panel stays lit: a black picture is what it can do. The picture stays
 * black (a screenshot reads black) until the next frame is drawn. */
void display_blank(display *d);

/* Reads the upright picture as RGBA8 (4 bytes a pixel, row stride w*4) into
 * rgba, which must hold picture_w*picture_h*4 bytes. */
bool display_read_picture(display *d, uint8_t *rgba);

/* Saves the upright picture as PNG. */
bool display_save_png(display *d, const char *path, char *err, size_t errlen);

/* Panel coordinates normalised to 0..1 (SDL finger events) <-> picture pixels. */
void display_panel_to_picture(const display *d, float nx, float ny, float *x, float *y);
void display_picture_to_panel(const display *d, float x, float y, float *nx, float *ny);

#endif
