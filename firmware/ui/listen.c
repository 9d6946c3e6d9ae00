#include "ui/listen.h"

#include <stdio.h>
#include <string.h>

#include "ui/ui.h"
#include "ui/uitrace.h"

#define LISTEN_POLL_S 0.05 /* how often the loop wakes to follow the sentence */

bool listen_available(const ui_ctx *ctx) { return ctx->listen.be != NULL; }

static void trace_phase(ui_ctx *ctx, const char *phase, const char *reason)
{
    const listen_state *ls = &ctx->listen;
    uitrace_listen t = {phase, ls->owner, reason, -1, strcmp(phase, "start") == 0 ? (long)ls->n : -1, NULL};
    uitrace_listen_event(ctx->tr, ctx->now, &t);
}

void listen_stop(ui_ctx *ctx, const char *reason)
{
    listen_state *ls = &ctx->listen;
    if (ls->phase == LISTEN_IDLE)
        return;
    if (ls->be)
        ls->be->stop(ls->be->user, ctx->now);
    trace_phase(ctx, "stop", reason);
    ls->phase = LISTEN_IDLE;
    ls->owner[0] = '\0';
    ls->n = 0;
    ls->cur = -1;
    ctx->dirty = true;
}

void listen_toggle(ui_ctx *ctx, const char *owner, const char *const *texts, size_t ntexts, bundle_lang lang)
{
    listen_toggle_narrated(ctx, owner, texts, ntexts, lang, NULL);
}

void listen_toggle_narrated(ui_ctx *ctx, const char *owner, const char *const *texts, size_t ntexts,
                            bundle_lang lang, const bundle_audio *audio)
{
    listen_state *ls = &ctx->listen;
    if (!ls->be || !owner)
        return;
    if (ls->phase != LISTEN_IDLE && strcmp(ls->owner, owner) == 0) {
        bool pause = ls->phase == LISTEN_PLAYING;
        ls->be->pause(ls->be->user, pause, ctx->now);
        ls->phase = pause ? LISTEN_PAUSED : LISTEN_PLAYING;
        trace_phase(ctx, pause ? "pause" : "resume", NULL);
        ctx->dirty = true;
        return;
    }
    listen_stop(ctx, "replace");
    ls->n = reading_split_all(texts, ntexts, ls->sent, LISTEN_MAX_SENTENCES);
    if (ls->n == 0)
        return;
    snprintf(ls->owner, sizeof ls->owner, "%s", owner);
    ls->cur = -1;
    if (!ls->be->start(ls->be->user, ls->sent, ls->n, lang, audio && audio->file ? audio : NULL, ctx->now)) {
        ls->n = 0;
        ls->owner[0] = '\0';
        return;
    }
    ls->phase = LISTEN_PLAYING;
    trace_phase(ctx, "start", NULL);
    ctx->dirty = true;
    ui_wake_at(ctx, ctx->now + LISTEN_POLL_S);
}

void listen_update(ui_ctx *ctx)
{
    listen_state *ls = &ctx->listen;
    if (ls->phase == LISTEN_IDLE || !ls->be)
        return;
    int s = -1;
    bool done = false;
    ls->be->poll(ls->be->user, &s, &done);
    if (s >= (int)ls->n)
        s = (int)ls->n - 1;
    if (s != ls->cur && s >= 0) {
        ls->cur = s;
        const listen_sentence *h = &ls->sent[s];
        uitrace_listen t = {"sentence", ls->owner, NULL, s, -1, h};
        uitrace_listen_event(ctx->tr, ctx->now, &t);
        ctx->dirty = true;
    }
    if (done) {
        listen_stop(ctx, "end");
        return;
    }
    if (ls->phase == LISTEN_PLAYING) {
        /* A visitor listening is not idle: no countdown while it plays. */
        ctx->last_input = ctx->now;
        ui_wake_at(ctx, ctx->now + LISTEN_POLL_S);
    }
}

listen_phase listen_phase_of(const ui_ctx *ctx, const char *owner)
{
    const listen_state *ls = &ctx->listen;
    return owner && ls->phase != LISTEN_IDLE && strcmp(ls->owner, owner) == 0 ? ls->phase : LISTEN_IDLE;
}

bool listen_highlight(const ui_ctx *ctx, const char *text, uint32_t *start, uint32_t *end)
{
    const listen_state *ls = &ctx->listen;
    if (ls->phase == LISTEN_IDLE || ls->cur < 0 || !text || ls->sent[ls->cur].text != text)
        return false;
    *start = ls->sent[ls->cur].start;
    *end = ls->sent[ls->cur].end;
    return true;
}
