#include "text/skyline.h"

#include <stdlib.h>
#include <string.h>

bool skyline_init(skyline *s, int width, int height)
{
    memset(s, 0, sizeof *s);
    if (width <= 0 || height <= 0)
        return false;
    /* Every node starts on a distinct column, so width nodes is the most the
     * list can ever hold; +1 leaves room for the transient split in pack. */
    s->nodes = malloc(((size_t)width + 1) * sizeof *s->nodes);
    if (!s->nodes)
        return false;
    s->width = width;
    s->height = height;
    skyline_reset(s);
    return true;
}

void skyline_free(skyline *s)
{
    if (!s)
        return;
    free(s->nodes);
    s->nodes = NULL;
    s->count = 0;
}

void skyline_reset(skyline *s)
{
    s->nodes[0] = (skyline_node){0, 0, s->width};
    s->count = 1;
    s->used_area = 0;
}

/* Top row a w-wide rectangle would sit on if its left edge were at node i,
 * or -1 when it would cross the right edge or the bottom. */
static int fit_at(const skyline *s, int i, int w, int h)
{
    int x = s->nodes[i].x;
    if (x + w > s->width)
        return -1;
    int y = 0;
    for (int left = w; left > 0; i++) {
        if (s->nodes[i].y > y)
            y = s->nodes[i].y;
        if (y + h > s->height)
            return -1;
        left -= s->nodes[i].w;
    }
    return y;
}

bool skyline_pack(skyline *s, int w, int h, int *x, int *y)
{
    if (w <= 0 || h <= 0 || w > s->width || h > s->height)
        return false;
    int best = -1, best_y = 0, best_w = 0;
    for (int i = 0; i < s->count; i++) {
        int fy = fit_at(s, i, w, h);
        if (fy < 0)
            continue;
        if (best < 0 || fy < best_y || (fy == best_y && s->nodes[i].w < best_w)) {
            best = i;
            best_y = fy;
            best_w = s->nodes[i].w;
        }
    }
    if (best < 0)
        return false;

    int rx = s->nodes[best].x;
    /* Insert the new segment at `best`, then trim or drop the segments it
     * now covers. */
    memmove(&s->nodes[best + 1], &s->nodes[best], (size_t)(s->count - best) * sizeof *s->nodes);
    s->nodes[best] = (skyline_node){rx, best_y + h, w};
    s->count++;
    int i = best + 1;
    while (i < s->count) {
        skyline_node *n = &s->nodes[i];
        int end = rx + w;
        if (n->x >= end)
            break;
        int shrink = end - n->x;
        if (shrink >= n->w) {
            memmove(n, n + 1, (size_t)(s->count - i - 1) * sizeof *s->nodes);
            s->count--;
            continue;
        }
        n->x += shrink;
        n->w -= shrink;
        break;
    }
    /* Merge neighbours of equal height so the list stays short. */
    for (i = 0; i + 1 < s->count;) {
        if (s->nodes[i].y == s->nodes[i + 1].y) {
            s->nodes[i].w += s->nodes[i + 1].w;
            memmove(&s->nodes[i + 1], &s->nodes[i + 2], (size_t)(s->count - i - 2) * sizeof *s->nodes);
            s->count--;
        } else {
            i++;
        }
    }
    s->used_area += (long)w * h;
    *x = rx;
    *y = best_y;
    return true;
}
