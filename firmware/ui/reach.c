#include "ui/reach.h"

reach_zone reach_zone_for(int h, float px_per_mm, int bottom_mm)
{
    /* Row y is bottom_mm + (h - y) / px_per_mm above the floor. */
    float top = (float)h - (REACH_HIGH_MM - (float)bottom_mm) * px_per_mm;
    float bottom = (float)h - (REACH_LOW_MM - (float)bottom_mm) * px_per_mm;
    reach_zone z = {top < 0 ? 0 : top > h ? (float)h : top, bottom < 0 ? 0 : bottom > h ? (float)h : bottom};
    return z;
}

bool reach_mode_on(reach_setting s, int w, int h) { return s == REACH_ON || (s == REACH_AUTO && h > w); }

bool reach_contains(reach_zone z, float y, float h) { return y >= z.top - 0.5f && y + h <= z.bottom + 0.5f; }
