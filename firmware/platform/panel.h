/* panel: what the kiosk assumes about a panel it cannot measure.
 *
 * Touch thresholds and the smallest text are in millimetres, so the kiosk
 * needs pixels per millimetre. SDL reports a DPI for some displays; for the
 * others (HDMI panels that lie, the headless renderer) the resolution names
 * the usual panel: 800x480 is the official Raspberry Pi 7" display, 1280x800
 * a 10.1" touch panel, 1920x1080 a 23.8" monitor, 3840x2160 a 55" screen.
 * Orientation does not matter (a portrait 1080x1920 is the same monitor). */
#ifndef PLATFORM_PANEL_H
#define PLATFORM_PANEL_H

/* Pixels per millimetre of the panel usually sold at w x h. */
float panel_assumed_px_per_mm(int w, int h);

#endif
