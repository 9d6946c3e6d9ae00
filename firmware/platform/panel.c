#include "platform/panel.h"

typedef struct {
    int long_side, short_side;
    float width_mm; /* of the long side */
} panel_kind;

static const panel_kind panel_kinds[] = {
    {800, 480, 154.2f},   /* Raspberry Pi Touch Display 7" */
    {1024, 600, 154.2f},  /* 7" panels */
    {1280, 800, 216.9f},  /* 10.1" touch panels */
    {1920, 1080, 527.0f}, /* 23.8" monitors */
    {2560, 1440, 596.7f}, /* 27" */
    {3840, 2160, 1209.6f},/* 55" 4K screens, the usual exhibit wall */
};

float panel_assumed_px_per_mm(int w, int h)
{
    int l = w > h ? w : h, s = w > h ? h : w;
    for (unsigned i = 0; i < sizeof panel_kinds / sizeof panel_kinds[0]; i++)
        if (panel_kinds[i].long_side == l && panel_kinds[i].short_side == s)
            return (float)l / panel_kinds[i].width_mm;
    /* Unknown: a 23.8" monitor's pixel density, the common case. */
    return 1920.0f / 527.0f;
}
