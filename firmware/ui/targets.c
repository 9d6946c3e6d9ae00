#include "ui/targets.h"

#include <stdio.h>
#include <string.h>

void targets_init(target_list *l, float px_per_mm)
{
    l->count = 0;
    l->min_px = TARGETS_MIN_MM * px_per_mm;
}

void targets_clear(target_list *l) { l->count = 0; }

void targets_add(target_list *l, const char *id, float x, float y, float w, float h)
{
    if (l->count == TARGETS_MAX)
        return;
    if (w < l->min_px) {
        x -= (l->min_px - w) / 2;
        w = l->min_px;
    }
    if (h < l->min_px) {
        y -= (l->min_px - h) / 2;
        h = l->min_px;
    }
    target *t = &l->t[l->count++];
    snprintf(t->id, sizeof t->id, "%s", id);
    t->x = x;
    t->y = y;
    t->w = w;
    t->h = h;
}

const target *targets_hit(const target_list *l, float x, float y)
{
    for (int i = l->count - 1; i >= 0; i--) {
        const target *t = &l->t[i];
        if (x >= t->x && x < t->x + t->w && y >= t->y && y < t->y + t->h)
            return t;
    }
    return NULL;
}

const target *targets_find(const target_list *l, const char *id)
{
    for (int i = 0; i < l->count; i++)
        if (strcmp(l->t[i].id, id) == 0)
            return &l->t[i];
    return NULL;
}
