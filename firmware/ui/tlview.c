#include "ui/tlview.h"

#include <math.h>
#include <string.h>

void tlview_init(tlview *v, const bundle *b, time_t today, float viewport)
{
    memset(v, 0, sizeof *v);
    v->b = b;
    struct tm tmv;
    gmtime_r(&today, &tmv);
    bundle_date td = {tmv.tm_year + 1900, tmv.tm_mon + 1, tmv.tm_mday, BUNDLE_DAY};
    int last = td.year;
    if (b->event_count && b->events[b->event_count - 1].date_to.year > last)
        last = b->events[b->event_count - 1].date_to.year; /* a span's end */
    int first = TLVIEW_FIRST_YEAR;
    if (b->event_count && b->events[0].date.year < first)
        first = b->events[0].date.year;
    timescale_build(&v->ts, b, first, last);
    v->today_units = timescale_units(&v->ts, timescale_year_of(&td));
    for (size_t i = 0; i < b->event_count; i++)
        v->units[i] = timescale_units(&v->ts, timescale_event_year(&b->events[i]));
    for (int c = 0; c < BUNDLE_CAT_COUNT; c++)
        v->cat_on[c] = true;
    kinetic_init(&v->pan, 0, 0, viewport);
}

float tlview_screen_x(const tlview *v, double units)
{
    return v->x0 + (float)(units * v->scale) - v->pan.pos;
}

bool tlview_visible(const tlview *v, size_t i) { return v->cat_on[v->b->events[i].category]; }

bool tlview_all_shown(const tlview *v)
{
    bool all = true;
    for (int c = 0; c < BUNDLE_CAT_COUNT; c++)
        all &= v->cat_on[c];
    return all;
}

void tlview_restack(tlview *v)
{
    double last[BUNDLE_TRACK_COUNT][TLVIEW_STACK_LEVELS];
    for (int t = 0; t < BUNDLE_TRACK_COUNT; t++)
        for (int l = 0; l < TLVIEW_STACK_LEVELS; l++)
            last[t][l] = -1e9;
    double minsep = v->marker_r * 2.2 / v->scale;
    for (size_t i = 0; i < v->b->event_count; i++) {
        if (!tlview_visible(v, i))
            continue;
        int t = v->b->events[i].track, l = 0;
        while (l < TLVIEW_STACK_LEVELS - 1 && v->units[i] - last[t][l] < minsep)
            l++;
        v->level[i] = (unsigned char)l;
        last[t][l] = v->units[i];
    }
}

static void tlview_set_bounds(tlview *v)
{
    float max = (float)(timescale_total(&v->ts) * v->scale) - v->view_w;
    kinetic_set_bounds(&v->pan, 0, max > 0 ? max : 0);
}

void tlview_set_snaps(tlview *v)
{
    float pts[KINETIC_MAX_SNAPS];
    size_t n = 0;
    for (size_t i = 0; i < v->b->event_count && n < KINETIC_MAX_SNAPS; i++)
        if (tlview_visible(v, i))
            pts[n++] = (float)(v->units[i] * v->scale) - v->view_w / 2;
    kinetic_set_snaps(&v->pan, pts, n);
}

void tlview_zoom_about(tlview *v, float scale, float cx)
{
    if (scale < v->scale_min)
        scale = v->scale_min;
    if (scale > v->scale_max)
        scale = v->scale_max;
    double anchor = (cx - v->x0 + v->pan.pos) / v->scale;
    v->scale = scale;
    tlview_set_bounds(v);
    kinetic_jump(&v->pan, (float)(anchor * scale) - (cx - v->x0));
    tlview_restack(v);
}

void tlview_resize(tlview *v, float x0, float view_w, float marker_r)
{
    v->x0 = x0;
    v->view_w = view_w;
    v->marker_r = marker_r;
    v->pan.viewport = view_w;
    double total = timescale_total(&v->ts);
    float old_min = v->scale_min;
    v->scale_min = (float)(view_w / total);
    v->detail_fill =
        fmaxf(v->scale_min * 1.5f, (float)(view_w * TLVIEW_DETAIL_FILL / timescale_widest_year(&v->ts)));
    v->scale_max = fmaxf(v->detail_fill, fminf(v->detail_want, v->detail_fill * TLVIEW_DETAIL_MAX));
    if (v->scale <= 0 || v->scale <= old_min * 1.0001f)
        v->scale = v->scale_min; /* first layout, or still at the overview: fit */
    tlview_zoom_about(v, v->scale, v->x0);
    tlview_set_snaps(v);
}

void tlview_want_detail(tlview *v, float want)
{
    v->detail_want = want;
    v->scale_max = fmaxf(v->detail_fill, fminf(want, v->detail_fill * TLVIEW_DETAIL_MAX));
    if (v->scale > v->scale_max)
        tlview_zoom_about(v, v->scale_max, v->x0 + v->view_w / 2);
}

float tlview_zoom_level(const tlview *v)
{
    if (v->scale_max <= v->scale_min)
        return 0;
    return (float)(log(v->scale / v->scale_min) / log(v->scale_max / v->scale_min));
}

float tlview_zoom_goal(const tlview *v, float factor)
{
    float base = v->zoom_target > 0 ? v->zoom_target : v->scale;
    return fminf(fmaxf(base * factor, v->scale_min), v->scale_max);
}

void tlview_toggle(tlview *v, int c)
{
    if (c < 0 || c >= BUNDLE_CAT_COUNT) {
        for (int k = 0; k < BUNDLE_CAT_COUNT; k++)
            v->cat_on[k] = true;
    } else {
        v->cat_on[c] = !v->cat_on[c];
        bool any = false;
        for (int k = 0; k < BUNDLE_CAT_COUNT; k++)
            any |= v->cat_on[k];
        if (!any)
            for (int k = 0; k < BUNDLE_CAT_COUNT; k++)
                v->cat_on[k] = true;
    }
    tlview_restack(v);
    tlview_set_snaps(v);
}

bool tlview_step(tlview *v, double dt, bool reduced_motion, bool *zoom_done)
{
    *zoom_done = false;
    v->pan.reduced_motion = reduced_motion;
    bool moving = kinetic_step(&v->pan, dt);
    if (v->zoom_target > 0) {
        float f = 1.0f - (float)exp(-TLVIEW_ZOOM_ANIM_RATE * dt);
        float s = v->scale + (v->zoom_target - v->scale) * f;
        if (fabsf(s - v->zoom_target) < v->zoom_target * 0.002f) {
            s = v->zoom_target;
            v->zoom_target = 0;
        }
        tlview_zoom_about(v, s, v->zoom_cx);
        if (v->zoom_target == 0) {
            tlview_set_snaps(v);
            *zoom_done = true;
        }
        moving = true;
    }
    return moving;
}

double tlview_centre_year(const tlview *v)
{
    return timescale_year_at(&v->ts, (v->pan.pos + v->view_w / 2) / v->scale);
}

void tlview_jump_to(tlview *v, double f)
{
    double units = f * timescale_total(&v->ts);
    kinetic_release(&v->pan, 0);
    kinetic_jump(&v->pan, (float)(units * v->scale) - v->view_w / 2);
}

double tlview_px_per_year(const tlview *v) { return v->scale * timescale_widest_year(&v->ts); }
