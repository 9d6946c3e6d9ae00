/* output: the display, text engine, renderer and speech (app/output.h). */
#include "app/output.h"

#include <string.h>

#include "app/resources.h"
#include "core/log.h"

/* Audio for Listen (app/output.h). */
static void open_speech(output *out, const kiosk_options *o)
{
    if ((o->audio_device && strcmp(o->audio_device, "none") == 0) ||
        (o->headless && !SDL_getenv("SDL_AUDIODRIVER")))
        return;
    char err[LOG_ERR_MAX];
    speech_config sc = {o->audio_device, o->volume, o->speech_rate, output_virtual_clock(o)};
    out->speech = speech_open(&sc, err, sizeof err);
    if (!out->speech)
        LOG_W("speech", "%s: the Listen buttons are hidden", err);
}

bool output_virtual_clock(const kiosk_options *o) { return o->headless && (o->frames > 0 || o->script); }

bool output_open(output *out, const kiosk_options *o, char *err, size_t errlen)
{
    display_config dc = {o->width, o->height, o->headless, o->fullscreen, o->rotate};
    out->disp = display_open(&dc, err, errlen);
    if (!out->disp || !app_open_text(&out->te, &out->at, err, errlen) ||
        !(out->rd = render_create(display_renderer(out->disp), out->at, err, errlen)))
        return false;
    out->vsync = display_has_vsync(out->disp);
    open_speech(out, o);
    return true;
}

void output_draw(output *out, ui_shell *sh, frameprof *prof)
{
    SDL_Rect dmg;
    bool partial = shell_damage(sh, &dmg.x, &dmg.y, &dmg.w, &dmg.h);
    const dl_list *l = shell_draw(sh);
    display_begin_frame(out->disp);
    render_begin(out->rd);
    render_drawlist_damage(out->rd, l, partial ? &dmg : NULL);
    frameprof_ours_done(prof);
    render_flush(out->rd);
    display_end_frame(out->disp);
}

void output_rotate(output *out, ui_shell *sh)
{
    char err[LOG_ERR_MAX];
    int r = (display_rotation(out->disp) + 90) % 360;
    if (!display_set_rotation(out->disp, r, err, sizeof err)) {
        LOG_E("app", "%s", err);
        return;
    }
    int w, h;
    display_picture_size(out->disp, &w, &h);
    shell_set_picture(sh, w, h, r);
}

void output_close(output *out)
{
    speech_close(out->speech);
    render_destroy(out->rd);
    atlas_close(out->at);
    text_close(out->te);
    display_close(out->disp);
    memset(out, 0, sizeof *out);
}
