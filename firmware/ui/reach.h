/* reach: the part of the picture a seated visitor can reach.
 *
 * The usual seated reach range (wheelchair users; the Smithsonian's
 * Guidelines for Accessible Exhibition Design and the ADA's forward reach
 * give 15 to 48 inches) is REACH_LOW_MM to REACH_HIGH_MM above the floor.
 * With the height of the screen's bottom edge above the floor (site
 * configuration, REACH_DEFAULT_BOTTOM_MM) and the picture's physical size
 * (px/mm), that range is a band of picture rows. In reach mode every visitor
 * control is laid out inside it (ui/geometry.h moves the top bar and the chip
 * row down to the band's top, and puts the event card's close button beside
 * its other button); content may stay above it. On a landscape 1920x1080
 * 23.8" screen at 800 mm the whole picture is within reach; on the same
 * screen in portrait its top 107 mm are not. Pure arithmetic. */
#ifndef UI_REACH_H
#define UI_REACH_H

#include <stdbool.h>

#define REACH_LOW_MM 380.0f
#define REACH_HIGH_MM 1220.0f
#define REACH_DEFAULT_BOTTOM_MM 800
#define REACH_BOTTOM_MIN_MM 0
#define REACH_BOTTOM_MAX_MM 2000

typedef enum { REACH_AUTO, REACH_ON, REACH_OFF } reach_setting;

typedef struct {
    float top, bottom; /* picture rows within reach: [top, bottom), px */
} reach_zone;

/* The rows of an h-px picture within seated reach when its bottom edge is
 * bottom_mm above the floor (clamped to the picture; empty when none is). */
reach_zone reach_zone_for(int h, float px_per_mm, int bottom_mm);

/* Whether reach mode is on: the setting, or for REACH_AUTO a picture taller
 * than wide. */
bool reach_mode_on(reach_setting s, int w, int h);

/* The rectangle (x, y, w, h) lies within the zone. */
bool reach_contains(reach_zone z, float y, float h);

#endif
