/* telemetry: the figures the kiosk reports about itself (app/telemetry.h). */
#include "app/telemetry.h"

#include "app/health.h"
#include "app/promfile.h"
#include "core/log.h"
#include "core/proctime.h"
#include "ui/scene_reader.h"
#include "ui/scene_timeline.h"
#include "ui/uitrace.h"

void telemetry_init(telemetry *t, const telemetry_sources *src) { *t = (telemetry){.src = *src}; }

/* One "health" event: memory, descriptors, caches, the bundle shown. */
static void trace_health(const telemetry *t, double now)
{
    const telemetry_sources *s = &t->src;
    jsonw *j = trace_begin(s->tr, now, "health");
    if (!j)
        return;
    health_sample h = health_read();
    atlas_stats as = atlas_get_stats(s->at);
    text_cache_stats ts = text_stats(s->te);
    jsonw_key(j, "rss_kb");
    jsonw_int(j, h.rss_kb);
    jsonw_key(j, "fds");
    jsonw_int(j, h.fds);
    jsonw_key(j, "atlas_pages");
    jsonw_int(j, as.pages);
    jsonw_key(j, "atlas_glyphs");
    jsonw_int(j, (long long)as.glyphs);
    jsonw_key(j, "layout_misses");
    jsonw_int(j, (long long)ts.misses);
    jsonw_key(j, "renders");
    jsonw_int(j, (long long)s->shell->renders);
    jsonw_key(j, "version");
    jsonw_str(j, s->shown->b ? s->shown->b->manifest.version : "");
    jsonw_key(j, "updating");
    jsonw_bool(j, trial_installing(s->trial));
    trace_end(s->tr);
}

/* The metrics file, with the figures of the health event. */
static void write_metrics(telemetry *t, double now, bool open)
{
    const telemetry_sources *s = &t->src;
    if (!s->metrics_dir)
        return;
    health_sample h = health_read();
    time_t wall = ui_wall(&s->shell->ui);
    unsigned long errors;
    log_last_error(&errors);
    const bundle *b = s->shown->b;
    promfile_sample m = {
        .bundle_id = b ? b->manifest.id : "",
        .bundle_version = b ? b->manifest.version : "",
        .uptime_s = now,
        .frames_drawn = s->shell->renders,
        .last_frame_unix = t->last_draw_wall,
        .rss_bytes = h.rss_kb >= 0 ? h.rss_kb * 1024 : -1,
        .last_error_module = log_last_error_module(),
        .errors = errors,
        .sessions_today = stats_today(s->st, STATS_TOTAL, STATS_TOTAL_SESSIONS, wall),
        .touches_today = stats_today(s->st, STATS_TOTAL, STATS_TOTAL_TOUCHES, wall),
        .reader_today = stats_today(s->st, STATS_SCENE, scene_reader.name, wall),
        .timeline_today = stats_today(s->st, STATS_SCENE, scene_timeline.name, wall),
        .open = open,
        .config_errors = s->config_errors,
        .updates_installed = s->trial->have_updater ? s->trial->upd.installs : 0,
        .updates_refused = s->trial->have_updater ? s->trial->upd.refusals : 0,
    };
    char err[LOG_ERR_MAX];
    if (!promfile_write(s->metrics_dir, &m, err, sizeof err)) {
        /* Once per failure streak: the log must not fill with it. */
        if (!t->failing)
            LOG_E("metrics", "%s", err);
        t->failing = true;
    } else {
        t->failing = false;
    }
}

void telemetry_report(telemetry *t, double now, bool open)
{
    trace_health(t, now);
    write_metrics(t, now, open);
    t->next_at = now + HEALTH_PERIOD_S;
}

void telemetry_first_frame(const telemetry *t, double now, frameprof *prof)
{
    double ms = proctime_since_exec_ms(), main_ms = proctime_since_main_ms();
    uitrace_first_frame(t->src.tr, now, ms, main_ms);
    frameprof_first_frame(prof);
    LOG_I("app", "first frame %.0f ms after the process started (%.0f ms after main)", ms, main_ms);
}

bool telemetry_quit(const telemetry *t, double now, unsigned long frames, frameprof *prof, char *err,
                    size_t errlen)
{
    const telemetry_sources *s = &t->src;
    atlas_stats as = atlas_get_stats(s->at);
    uitrace_counts counts = {frames,   s->shell->renders, text_stats(s->te).misses,
                             as.pages, as.glyphs,         as.evictions};
    uitrace_quit(s->tr, now, &counts);
    int side = atlas_page_size(s->at);
    size_t at_bytes = as.bytes + (size_t)as.pages * (size_t)side * (size_t)side * 4;
    return frameprof_close(prof, at_bytes, as.glyphs, err, errlen);
}
