#include "text/style.h"

#include <math.h>

typedef struct {
    const char *name;
    fontset_family family;
    float size_div;     /* display_h / size_div */
    float line_height;  /* em */
    float para_spacing; /* em */
} text_style_def;

static const text_style_def text_styles[STYLE_COUNT] = {
    [STYLE_BODY] = {"body", FONTSET_SANS, 34.0f, 1.7f, 0.8f},
    [STYLE_TITLE] = {"title", FONTSET_SERIF_BOLD, 20.0f, 1.3f, 0.4f},
    [STYLE_CAPTION] = {"caption", FONTSET_SANS, 45.0f, 1.5f, 0.5f},
    [STYLE_QUOTE] = {"quote", FONTSET_SERIF, 30.0f, 1.8f, 0.8f},
};

static const text_style_def *text_style(text_style_id s)
{
    return (unsigned)s < STYLE_COUNT ? &text_styles[s] : &text_styles[STYLE_BODY];
}

int text_style_size(text_style_id style, int display_h, bool large_text)
{
    float px = (float)display_h / text_style(style)->size_div;
    if (large_text)
        px *= TEXT_LARGE_FACTOR;
    int n = (int)lroundf(px);
    return n < TEXT_MIN_SIZE_PX ? TEXT_MIN_SIZE_PX : n > TEXT_MAX_SIZE_PX ? TEXT_MAX_SIZE_PX : n;
}

fontset_family text_style_family(text_style_id style) { return text_style(style)->family; }
float text_style_line_height(text_style_id style) { return text_style(style)->line_height; }
float text_style_para_spacing(text_style_id style) { return text_style(style)->para_spacing; }

const char *text_style_name(text_style_id style)
{
    return (unsigned)style < STYLE_COUNT ? text_styles[style].name : "?";
}
