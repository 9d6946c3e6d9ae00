/* narration: Ogg Opus narration files through libopusfile (content/narration.h). */
#define _POSIX_C_SOURCE 200809L /* fseeko, ftello */
#include "content/narration.h"

#include <opus/opusfile.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "core/fileio.h"
#include "core/log.h"
#include "core/utf8.h"

#define NARRATION_CHUNK 5760 /* samples a channel: 120 ms, Opus's longest packet */

struct narration {
    OggOpusFile *of;
    int16_t buf[NARRATION_CHUNK * 2]; /* a stereo chunk before the mixdown */
    int16_t *pend;                    /* decoded and not yet handed out */
    size_t pend_n;
    int holes;                        /* pages found missing or damaged (skipped) */
};

/* ---- libopusfile over a FILE of file_open_regular -------------------------- */

static int cb_read(void *s, unsigned char *p, int n)
{
    size_t k = fread(p, 1, (size_t)n, s);
    return k == 0 && ferror((FILE *)s) ? -1 : (int)k;
}

static int cb_seek(void *s, opus_int64 off, int whence) { return fseeko(s, (off_t)off, whence); }
static opus_int64 cb_tell(void *s) { return (opus_int64)ftello(s); }
static int cb_close(void *s) { return fclose(s); }

static const char *op_error_text(int e)
{
    switch (e) {
    case OP_EREAD: return "a read error";
    case OP_EFAULT: return "out of memory";
    case OP_ENOTFORMAT: return "not an Ogg Opus file";
    case OP_EBADHEADER: return "its Opus header is damaged";
    case OP_EVERSION: return "an Opus version this decoder does not read";
    case OP_EIMPL: return "a channel mapping this decoder does not read";
    case OP_EBADLINK:
    case OP_EBADTIMESTAMP: return "its length cannot be read (the file is cut short or damaged)";
    case OP_HOLE: return "a page is missing or damaged";
    case OP_EBADPACKET: return "an Opus packet does not decode";
    default: return "it does not decode";
    }
}

narration *narration_open(const char *path, double *seconds, char *err, size_t errlen)
{
    FILE *f = file_open_regular(path, err, errlen);
    if (!f)
        return NULL;
    narration *n = calloc(1, sizeof *n);
    if (!n) {
        fclose(f);
        log_format_err(err, errlen, "out of memory");
        return NULL;
    }
    static const OpusFileCallbacks cb = {cb_read, cb_seek, cb_tell, cb_close};
    int e = 0;
    n->of = op_open_callbacks(f, &cb, NULL, 0, &e);
    if (!n->of) {
        fclose(f); /* not closed by a failed open */
        free(n);
        log_format_err(err, errlen, "%s", op_error_text(e));
        return NULL;
    }
    for (int li = 0; li < op_link_count(n->of); li++) {
        int ch = op_head(n->of, li)->channel_count;
        if (ch > 2) {
            log_format_err(err, errlen, "%d channels (mono or stereo only)", ch);
            narration_close(n);
            return NULL;
        }
    }
    ogg_int64_t total = op_pcm_total(n->of, -1);
    if (total <= 0) {
        log_format_err(err, errlen, "%s", total == 0 ? "it holds no sound" : op_error_text((int)total));
        narration_close(n);
        return NULL;
    }
    if ((double)total > NARRATION_MAX_SECONDS * NARRATION_RATE) {
        log_format_err(err, errlen, "it lasts %.0f s, longer than the limit of %.0f s", (double)total / NARRATION_RATE,
                 NARRATION_MAX_SECONDS);
        narration_close(n);
        return NULL;
    }
    if (seconds)
        *seconds = (double)total / NARRATION_RATE;
    return n;
}

long narration_read(narration *n, int16_t *out, size_t max, char *err, size_t errlen)
{
    while (n->pend_n == 0) {
        int li = 0;
        int got = op_read(n->of, n->buf, (int)(sizeof n->buf / sizeof n->buf[0]), &li);
        if (got == OP_HOLE) {
            n->holes++; /* a gap in the data: decoding goes on after it */
            continue;
        }
        if (got < 0) {
            log_format_err(err, errlen, "%s", op_error_text(got));
            return -1;
        }
        if (got == 0)
            return 0;
        if (op_head(n->of, li)->channel_count == 2)
            for (int i = 0; i < got; i++)
                n->buf[i] = (int16_t)(((int)n->buf[2 * i] + n->buf[2 * i + 1]) / 2);
        n->pend = n->buf;
        n->pend_n = (size_t)got;
    }
    size_t k = n->pend_n < max ? n->pend_n : max;
    memcpy(out, n->pend, k * sizeof *out);
    n->pend += k;
    n->pend_n -= k;
    return (long)k;
}

void narration_close(narration *n)
{
    if (!n)
        return;
    op_free(n->of); /* closes the FILE */
    free(n);
}

bool narration_decodes(narration *n, double seconds, char *err, size_t errlen)
{
    size_t want = seconds > 0 ? (size_t)(seconds * NARRATION_RATE) : (size_t)-1, done = 0;
    int16_t chunk[1024];
    while (done < want) {
        char why[LOG_ERR_MAX];
        long k = narration_read(n, chunk, sizeof chunk / sizeof chunk[0], why, sizeof why);
        if (k < 0) {
            log_format_err(err, errlen, "%s at %.1f s", why, (double)done / NARRATION_RATE);
            return false;
        }
        if (k == 0)
            break;
        if (n->holes) {
            log_format_err(err, errlen, "%s at %.1f s", op_error_text(OP_HOLE), (double)done / NARRATION_RATE);
            return false;
        }
        done += (size_t)k;
    }
    return true;
}

/* ---- lengths ------------------------------------------------------------------ */

static bool is_word_char(uint32_t c)
{
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c >= 0x00C0;
}

/* Is c read as a syllable of its own (a CJK character)? */
static bool is_cjk(uint32_t c)
{
    return (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3FFFF);
}

double narration_expected_seconds(const reading_sentence *s, size_t n, bundle_lang lang, size_t *units)
{
    size_t u = 0;
    for (size_t k = 0; k < n; k++) {
        const char *t = s[k].text;
        size_t i = s[k].start;
        bool in_word = false;
        while (i < s[k].end) {
            uint32_t c;
            size_t len = utf8_decode(t + i, s[k].end - i, &c);
            i += len ? len : 1;
            if (lang == BUNDLE_ZH) {
                u += is_cjk(c) || (c < 0x80 && is_word_char(c)); /* "2015": four syllables and more */
            } else {
                bool w = is_word_char(c) && !is_cjk(c);
                u += w && !in_word;
                in_word = w;
            }
        }
    }
    if (units)
        *units = u;
    return (double)u / (lang == BUNDLE_ZH ? 4.5 : 2.5);
}

void narration_sane_range(double expected, double *lo, double *hi)
{
    /* A third to three times the pace, with a margin for a short text's
     * pauses around it: a slow reader is about half the pace, a brisk one
     * one and a half times it. */
    *lo = expected / 3.0;
    *hi = expected * 3.0 + 5.0;
}

/* Code points in s[0..len) (continuation bytes are not counted). */
static size_t chars_in(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

size_t narration_sentence_start(const bundle_audio *audio, const reading_sentence *s, size_t n, size_t i,
                                size_t samples)
{
    if (i == 0)
        return 0;
    if (audio && audio->marks && i < audio->mark_count) {
        double at = audio->marks[i] * NARRATION_RATE;
        return at < (double)samples ? (size_t)at : samples;
    }
    size_t before = 0, all = 0;
    for (size_t k = 0; k < n; k++) {
        size_t c = chars_in(s[k].text + s[k].start, s[k].end - s[k].start);
        all += c;
        if (k < i)
            before += c;
    }
    return all ? (size_t)((double)samples * (double)before / (double)all) : 0;
}
