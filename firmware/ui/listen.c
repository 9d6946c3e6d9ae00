#include "ui/listen.h"

#include <stdio.h>
#include <string.h>

#include "core/utf8.h"
#include "ui/ui.h"
#include "ui/uitrace.h"

#define LISTEN_POLL_S 0.05 /* how often the loop wakes to follow the sentence */

/* Marks that end a sentence wherever they stand. */
static bool is_stop(uint32_t c)
{
    return c == 0x3002 /* 。 */ || c == 0xFF01 /* ！ */ || c == 0xFF1F /* ？ */ || c == 0xFF1B /* ； */ ||
           c == '!' || c == '?';
}

/* Closing marks that stay with the sentence before them. */
static bool is_closing(uint32_t c)
{
    return c == 0x201D /* ” */ || c == 0x2019 /* ’ */ || c == 0x300D /* 」 */ || c == 0x300F /* 』 */ ||
           c == 0xFF09 /* ） */ || c == 0x3011 /* 】 */ || c == 0x300B /* 》 */ || c == ')' || c == '"' ||
           c == '\'';
}

static bool is_blank(uint32_t c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x3000; }

/* The code point at s[*i] (advancing *i); U+FFFD for a bad byte. */
static uint32_t next_cp(const char *s, size_t len, size_t *i)
{
    uint32_t c;
    size_t k = utf8_decode(s + *i, len - *i, &c);
    if (k == 0) {
        c = 0xFFFD;
        k = 1;
    }
    *i += k;
    return c;
}

size_t listen_split(const char *text, uint16_t part, listen_sentence *out, size_t max)
{
    size_t n = 0, len = text ? strlen(text) : 0, i = 0;
    while (i < len && n < max) {
        /* Skip the blanks before a sentence. */
        size_t start = i;
        while (start < len) {
            size_t k = start;
            if (!is_blank(next_cp(text, len, &k)))
                break;
            start = k;
        }
        if (start >= len)
            break;
        size_t end = start;
        i = start;
        while (i < len) {
            uint32_t c = next_cp(text, len, &i);
            end = i;
            bool stop = is_stop(c);
            if (c == '.' || c == ';') { /* Latin: before a blank, a closing mark or the end ("3.5" goes on) */
                size_t k = i;
                uint32_t d = i < len ? next_cp(text, len, &k) : ' ';
                stop = is_blank(d) || is_closing(d);
            }
            if (stop) {
                while (i < len) { /* a run of marks and the closing quotes stay with it */
                    size_t k = i;
                    uint32_t d = next_cp(text, len, &k);
                    if (!is_closing(d) && !is_stop(d))
                        break;
                    i = end = k;
                }
                break;
            }
        }
        /* Trailing blanks are not part of the sentence. */
        while (end > start && (text[end - 1] == ' ' || text[end - 1] == '\n'))
            end--;
        out[n++] = (listen_sentence){text, (uint32_t)start, (uint32_t)end, part};
    }
    return n;
}

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
    ls->n = 0;
    for (size_t t = 0; t < ntexts && t < LISTEN_MAX_PARTS; t++)
        if (texts[t])
            ls->n += listen_split(texts[t], (uint16_t)t, ls->sent + ls->n, LISTEN_MAX_SENTENCES - ls->n);
    if (ls->n == 0)
        return;
    snprintf(ls->owner, sizeof ls->owner, "%s", owner);
    ls->cur = -1;
    if (!ls->be->start(ls->be->user, ls->sent, ls->n, lang, ctx->now)) {
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
