/* shown: the bundle on the screen (app/shown.h). */
#include "app/shown.h"

#include <malloc.h>
#include <stdio.h>

#include "app/resources.h"
#include "content/load.h"
#include "ui/uitrace.h"

void shown_init(shown_state *s, const kiosk_options *o, trace *tr, ui_shell *shell, text_engine *te)
{
    *s = (shown_state){.o = o, .tr = tr, .shell = shell, .te = te};
}

/* The site's settings (config file) over the bundle's manifest. */
static void site_overrides(const kiosk_options *o, bundle *b)
{
    if (o->idle_timeout > 0)
        b->manifest.idle_timeout = o->idle_timeout;
    if (o->pin)
        snprintf(b->manifest.pin, sizeof b->manifest.pin, "%s", o->pin);
    if (o->reduced_motion)
        b->manifest.reduced_motion = true;
    if (o->high_contrast)
        b->manifest.high_contrast = true;
}

void shown_bundle(shown_state *s, bundle *b, const char *dir)
{
    if (dir != s->dir)
        snprintf(s->dir, sizeof s->dir, "%s", dir);
    site_overrides(s->o, b);
    bundle *old = s->b;
    s->b = b;
    shell_show_bundle(s->shell, b);
    if (old) {
        bundle_free(old);
        malloc_trim(0);
    }
}

void shown_error(shown_state *s, const char *dir, const diag_list *diags)
{
    if (dir != s->dir)
        snprintf(s->dir, sizeof s->dir, "%s", dir);
    shell_show_error(s->shell, s->dir, diags);
}

void shown_reload(shown_state *s)
{
    diag_list diags;
    bundle *b = app_load_bundle(s->o, s->dir, s->te, &diags);
    if (b) {
        uitrace_bundle(s->tr, s->shell->ui.now, s->o->bundle, "reloaded", b, NULL);
        shell_set_message(s->shell, "reloaded");
        shown_bundle(s, b, s->dir);
    } else {
        /* The exhibit keeps showing the last good content. */
        uitrace_bundle(s->tr, s->shell->ui.now, s->o->bundle, "refused", NULL, &diags);
        shell_set_message(s->shell, "reload refused: the bundle has errors (see the log)");
    }
    diag_free(&diags);
}

void shown_free(shown_state *s)
{
    bundle_free(s->b);
    s->b = NULL;
}
