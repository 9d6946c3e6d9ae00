/* scene_reader: the articles' excerpts, one at a time.
 *
 *   top bar   back, language
 *   chips     one per article; the current excerpt's article is lit
 *   column    heading (and its translation), section, the passage: scrolls
 *             vertically with inertia and a rubber band at the ends
 *   footer    the source (authors, article, venue, date), always visible,
 *             and previous / "n / N" / next
 * In English the column holds, under the English heading (the Chinese one
 * below it), the excerpt's English summary first, labelled as the
 * exhibit's words and not a translation, then the Chinese original,
 * labelled as the article's words, with its section quoted; where the
 * picture has room for two columns (ui/geometry.h, reader.pair_w) the two
 * stand side by side, summary at the left. The Chinese page is heading,
 * section and passage.
 * Listen (ui/listen.h), beside the language toggle when the exhibit has
 * audio, reads the passage aloud (in EN mode the English heading and
 * summary); the sentence being heard is highlighted and scrolled into view.
 * A horizontal swipe moves to the next or previous excerpt: the page follows
 * the finger and slides on when released past READER_SWIPE_FRACTION of the
 * width or flicked; otherwise it springs back. Excerpts stay in Chinese in
 * both languages; the heading, the source (ui_cite) and the controls follow
 * the language. */
#ifndef UI_SCENE_READER_H
#define UI_SCENE_READER_H

#include <stdbool.h>
#include <stddef.h>

#include "ui/kinetic.h"
#include "ui/geometry.h"

#define READER_MAX_CHIPS 16

typedef struct ui_ctx ui_ctx;
typedef struct ui_scene ui_scene;

typedef enum { READER_AXIS_NONE, READER_AXIS_VERTICAL, READER_AXIS_HORIZONTAL } reader_axis;

typedef struct {
    size_t pending;       /* excerpt to open on enter... */
    long pending_article; /* ...or the first excerpt of this article (-1: none) */
    size_t cur;
    double since;     /* when cur was opened (reading time) */
    kinetic scroll;   /* pos = px scrolled down */
    reader_axis axis; /* of the pan in progress */
    float slide;      /* px the page is displaced horizontally */
    float rested_pos; /* scroll position last traced at rest */
    float content_h;  /* heading (unless in the band) + passage, px */
    bool head_in_band; /* reach mode: the heading stands in the band above the reachable
                          rows, which would otherwise stay empty */
    float head_h;      /* the heading block's height, px */
    ui_rect chip[READER_MAX_CHIPS];
    size_t chips;
    int heard;               /* the sentence last scrolled into view (ui/listen.h) */
    float hl_top, hl_bottom; /* the highlighted sentence, px from the content's top (<0: none) */
} reader_state;

extern const ui_scene scene_reader;

/* Entry points: open at an excerpt, or at the first excerpt of an article
 * (from the timeline's "read the article"). Call before switching. */
void scene_reader_open_excerpt(ui_ctx *ctx, size_t excerpt);
void scene_reader_open_article(ui_ctx *ctx, size_t article);

#endif
