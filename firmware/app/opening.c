/* opening: opening hours in the running kiosk (app/opening.h). */
#include "app/opening.h"

#include "core/log.h"
#include "ui/listen.h"
#include "ui/uitrace.h"

void opening_init(opening *h, const hours_schedule *hours, time_t wall_start, trace *tr, ui_shell *shell,
                  display *disp)
{
    *h = (opening){.hours = hours, .tr = tr, .shell = shell, .disp = disp, .wall_start = wall_start};
}

bool opening_check(opening *h, double now)
{
    time_t wall = h->wall_start + (time_t)now;
    bool open = hours_open_at(h->hours, wall);
    if (open == !h->closed)
        return open;
    h->closed = !open;
    time_t next = hours_next_change(h->hours, wall);
    char when[32] = "never";
    struct tm tm;
    if (next != HOURS_NEVER && localtime_r(&next, &tm))
        strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
    uitrace_hours(h->tr, now, open, when);
    if (open) {
        LOG_I("app", "opening hours: open until %s", when);
        shell_reopen(h->shell);
    } else {
        LOG_I("app", "opening hours: closed until %s; the panel is black", when);
        listen_stop(&h->shell->ui, "closed"); /* no frames run while closed: silence it now */
        display_blank(h->disp);
    }
    return open;
}
