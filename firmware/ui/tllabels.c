#include "ui/tllabels.h"

#include <math.h>

bool tllabels_overlap(ui_rect a, ui_rect b)
{
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

ui_rect tllabels_marker_box(const tllabels *p, size_t unit)
{
    const tllabels_unit *u = &p->unit[unit];
    const tllabels_item *it = &p->item[u->first];
    float tx = u->count == 1 ? it->tail_x : 0, ty = u->count == 1 ? it->tail_y : 0;
    return (ui_rect){u->x - u->r, u->y - u->r, u->r * 2 + tx, u->r * 2 + ty};
}

static ui_rect grow(ui_rect r, float g) { return (ui_rect){r.x - g, r.y - g, r.w + 2 * g, r.h + 2 * g}; }

/* Units from the items' groups, in the order of their first items. */
static void rebuild(tllabels *p)
{
    p->units = 0;
    for (size_t i = 0; i < p->n; i++) {
        tllabels_item *it = &p->item[i];
        if ((size_t)it->group == i) {
            p->unit[p->units] = (tllabels_unit){0, 0, 0, 0, (int)i, false, false, {0, 0, 0, 0}};
            it->unit = (int)p->units++;
        } else {
            it->unit = p->item[it->group].unit; /* a group's first item comes first */
        }
        tllabels_unit *u = &p->unit[it->unit];
        u->x += it->x;
        u->y += it->y;
        u->count++;
    }
    for (size_t k = 0; k < p->units; k++) {
        tllabels_unit *u = &p->unit[k];
        u->x /= (float)u->count;
        u->y /= (float)u->count;
        u->r = u->count > 1 ? p->cluster_r : p->r;
    }
}

static void merge(tllabels *p, int from_group, int into_group)
{
    int lo = from_group < into_group ? from_group : into_group;
    int hi = from_group < into_group ? into_group : from_group;
    for (size_t i = 0; i < p->n; i++)
        if (p->item[i].group == hi)
            p->item[i].group = lo;
}

/* Merges overlapping units until none overlap. */
static void gather(tllabels *p)
{
    for (;;) {
        rebuild(p);
        bool merged = false;
        for (size_t a = 0; a < p->units && !merged; a++) {
            ui_rect ba = grow(tllabels_marker_box(p, a), p->gap / 4);
            for (size_t b = a + 1; b < p->units && !merged; b++) {
                if (tllabels_overlap(ba, grow(tllabels_marker_box(p, b), p->gap / 4))) {
                    merge(p, p->unit[b].first, p->unit[a].first);
                    merged = true;
                }
            }
        }
        if (!merged)
            return;
    }
}

/* How wide a label may be that starts at x (dir > 0, growing right) or ends
 * at x (dir < 0, growing left) in the band y .. y + h: up to the first
 * obstacle (a marker, or a label placed so far), within the area. -1 when
 * the band leaves the area or an obstacle covers x itself. */
static float free_run(const tllabels *p, size_t self, float x, float y, float h, int dir)
{
    const ui_rect *a = &p->area;
    if (y < a->y || y + h > a->y + a->h || x < a->x || x > a->x + a->w)
        return -1;
    float lim = dir > 0 ? a->x + a->w - x : x - a->x;
    for (size_t k = 0; k < p->units; k++) {
        const tllabels_unit *un = &p->unit[k];
        for (int lab = 0; lab < 2; lab++) {
            ui_rect o;
            if (lab == 0) {
                if (k == self)
                    continue;
                o = grow(tllabels_marker_box(p, k), p->gap);
            } else if (un->labelled) {
                o = grow(un->label, p->gap);
            } else if (k > self && un->count == 1 && p->item[un->first].reserve.w > 0) {
                o = grow(p->item[un->first].reserve, p->gap); /* kept for a unit still to come */
            } else {
                continue;
            }
            if (o.y >= y + h || o.y + o.h <= y)
                continue;
            float near = dir > 0 ? o.x - x : x - (o.x + o.w), far = dir > 0 ? o.x + o.w - x : x - o.x;
            if (far <= 0)
                continue; /* behind x */
            if (near <= 0)
                return -1;
            lim = fminf(lim, near);
        }
    }
    return lim;
}

/* Labels every single unit it can; returns true when all are. */
static bool label_all(tllabels *p)
{
    bool all = true;
    float lh = p->label_h, g = p->gap;
    for (size_t k = 0; k < p->units; k++) {
        tllabels_unit *u = &p->unit[k];
        if (u->count != 1)
            continue;
        const tllabels_item *it = &p->item[u->first];
        /* Right, left, below, above: start (or end) and band top of each. */
        /* ... and last the room the caller reserved, left or right of it. */
        const ui_rect *rs = &it->reserve;
        bool rs_left = rs->x + rs->w <= u->x - u->r;
        const float sx[5] = {u->x + u->r + it->tail_x + g, u->x - u->r - g, u->x - u->r, u->x - u->r,
                             rs_left ? rs->x + rs->w : rs->x};
        const float sy[5] = {u->y - lh / 2, u->y - lh / 2, u->y + u->r + it->tail_y + g, u->y - u->r - g - lh, rs->y};
        const int dir[5] = {1, -1, 1, 1, rs_left ? -1 : 1};
        int best = -1;
        float best_w = 0;
        for (int c = 0; c < (rs->w > 0 ? 5 : 4); c++) {
            float w = free_run(p, k, sx[c], sy[c], lh, dir[c]);
            if (w >= it->full_w) {
                best = c;
                best_w = it->full_w;
                break;
            }
            if (w >= it->min_w && w > best_w) {
                best = c;
                best_w = w;
            }
        }
        if (best < 0) {
            all = false;
            continue;
        }
        float x = dir[best] > 0 ? sx[best] : sx[best] - best_w;
        u->labelled = true;
        u->cut = best_w < it->full_w;
        u->label = (ui_rect){x, sy[best], best_w, lh};
    }
    return all;
}

/* The unit nearest to unit k: of the same lane when there is one. */
static long nearest(const tllabels *p, size_t k)
{
    long best = -1;
    float best_d = 0;
    bool best_same = false;
    const tllabels_unit *u = &p->unit[k];
    int lane = p->item[u->first].lane;
    for (size_t j = 0; j < p->units; j++) {
        if (j == k)
            continue;
        const tllabels_unit *v = &p->unit[j];
        bool same = p->item[v->first].lane == lane;
        float d = hypotf(v->x - u->x, v->y - u->y);
        if (best < 0 || (same && !best_same) || (same == best_same && d < best_d)) {
            best = (long)j;
            best_d = d;
            best_same = same;
        }
    }
    return best;
}

void tllabels_place(tllabels *p)
{
    for (size_t i = 0; i < p->n; i++)
        p->item[i].group = (int)i;
    for (;;) {
        gather(p);
        if (label_all(p))
            return;
        /* Every single marker left without a label joins its nearest
         * neighbour; the clusters this makes are gathered again. */
        bool merged = false;
        for (size_t k = 0; k < p->units; k++) {
            if (p->unit[k].count != 1 || p->unit[k].labelled)
                continue;
            long j = nearest(p, k);
            if (j < 0)
                continue;
            merge(p, p->item[p->unit[k].first].group, p->item[p->unit[j].first].group);
            merged = true;
        }
        if (!merged)
            return;
    }
}
