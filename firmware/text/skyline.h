/* skyline: bottom-left skyline rectangle packer for atlas pages.
 *
 * The packed area is described by its "skyline": a list of horizontal
 * segments, each the top of the filled region over [x, x+w). A new rectangle
 * goes where its top edge ends lowest (ties: where it wastes the narrowest
 * segment), which keeps glyphs of similar height in rows and the used region
 * compact, so the dirty area uploaded per frame stays a thin band.
 * Rectangles are never freed individually; a page is reset as a whole.
 *
 * No SDL, no FreeType. skyline_pack() never allocates: the node array is
 * sized at init for the worst case (one node per column). */
#ifndef TEXT_SKYLINE_H
#define TEXT_SKYLINE_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
    int x, y, w; /* segment [x, x+w) whose filled region ends at row y */
} skyline_node;

typedef struct {
    int width, height;
    skyline_node *nodes; /* owned; capacity width + 1 */
    int count;
    long used_area;      /* sum of the areas of packed rectangles */
} skyline;

/* Prepares an empty width x height area (both > 0). Returns false when out of
 * memory. Release with skyline_free(). */
bool skyline_init(skyline *s, int width, int height);

/* Frees the node array; NULL or a zeroed skyline is a no-op. */
void skyline_free(skyline *s);

/* Forgets every packed rectangle. */
void skyline_reset(skyline *s);

/* Finds room for a w x h rectangle (w, h > 0), marks it used and stores its
 * top-left corner in *x, *y. Returns false, changing nothing, when it does
 * not fit (including when w or h exceeds the area). */
bool skyline_pack(skyline *s, int w, int h, int *x, int *y);

#endif
