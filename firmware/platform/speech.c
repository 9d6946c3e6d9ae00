#include "platform/speech.h"

#include <SDL.h>
#include <espeak-ng/speak_lib.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content/narration.h"
#include "core/log.h"

#define SPEECH_RATE NARRATION_RATE  /* the device's rate: narration files play sample for sample */
#define SPEECH_RING 8192            /* samples mixed ahead in virtual time (the callback's buffer fits) */
#define SPEECH_DEVICE_SAMPLES 2048  /* the device's buffer: 43 ms */
#define SPEECH_CONV_SAMPLES 4096    /* the worker's buffer for resampled or decoded sound */
#define SPEECH_TONE_HZ 1000         /* the operator's test tone: 1 kHz, 1.5 s, at half scale */
#define SPEECH_TONE_S 1.5
#define SPEECH_WPM_EN 160          /* the normal rates, see speech.h */
#define SPEECH_WPM_CMN 300
#define SPEECH_WAIT_MS 2000
#define SPEECH_CLOSE_HOLD_MS 100        /* longest a virtual-time wait for the worker or the device */

typedef enum { JOB_SYNTH, JOB_NARRATION, JOB_TONE } job_kind;

struct speech {
    SDL_AudioDeviceID dev;
    int synth_rate;         /* espeak-ng's rate (22050 Hz), resampled to SPEECH_RATE */
    SDL_AudioStream *conv;  /* the worker's resampler */
    int16_t conv_buf[SPEECH_CONV_SAMPLES];
    uint64_t synth_in;      /* samples of the job given to the resampler */
    bool virtual_time;
    float gain;
    int rate_pct;
    SDL_mutex *mu;
    SDL_cond *cv; /* any change: a job, samples, ring space, quit */
    SDL_Thread *worker;
    bool quit;
    bool stalled; /* virtual time: the device stopped pulling (logged once; mixing goes on) */

    /* The job, from the main loop to the worker. */
    unsigned gen;     /* bumped by every start and stop: older work is dropped */
    bool job_pending;
    job_kind job_kind;
    bundle_lang job_lang;
    char job_path[4096];                        /* JOB_NARRATION: the file */
    size_t job_sent_start[LISTEN_MAX_SENTENCES]; /* JOB_NARRATION: where the sentences start */
    size_t job_n;
    uint32_t job_off[LISTEN_MAX_SENTENCES]; /* into job_text, NUL-terminated sentences */
    char job_text[SPEECH_JOB_MAX];
    char work_text[SPEECH_JOB_MAX]; /* the worker's copy */
    uint32_t work_off[LISTEN_MAX_SENTENCES];

    /* The utterance, from the worker to the player. */
    int16_t *pcm;
    size_t pcm_len, pcm_cap;
    bool pcm_done;
    size_t sent_start[LISTEN_MAX_SENTENCES];
    size_t sent_known;
    unsigned synth_gen; /* the job the worker is synthesising */

    /* The player. */
    bool playing, paused, finished;
    size_t pos;
    Uint64 start_ticks, first_ticks;

    /* Virtual time: the main loop mixes into the ring, the callback drains it. */
    int16_t ring[SPEECH_RING];
    uint64_t ring_r, ring_w;

    listen_backend be;
};

/* Mixes n samples of the player into out (mutex held). */
static void mix(speech *sp, int16_t *out, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        int16_t v = 0;
        if (sp->playing && !sp->paused) {
            if (sp->pos < sp->pcm_len) {
                float f = sp->pcm[sp->pos++] * sp->gain;
                v = (int16_t)(f > 32767 ? 32767 : f < -32768 ? -32768 : f);
                if (v != 0 && !sp->first_ticks)
                    sp->first_ticks = SDL_GetPerformanceCounter();
            } else if (sp->pcm_done) {
                sp->playing = false;
                sp->finished = true;
            }
        }
        out[i] = v;
    }
}

static void SDLCALL audio_callback(void *user, Uint8 *stream, int len)
{
    speech *sp = user;
    int16_t *out = (int16_t *)stream;
    size_t n = (size_t)len / sizeof(int16_t);
    SDL_LockMutex(sp->mu);
    if (!sp->virtual_time) {
        mix(sp, out, n);
    } else {
        /* Wait for the main loop to mix these samples (virtual time). */
        while (!sp->quit && sp->ring_w - sp->ring_r < n)
            SDL_CondWait(sp->cv, sp->mu);
        /* Closing, all played: hold the thread a moment, so that SDL (whose
         * disk driver would otherwise write silence as fast as it can)
         * sees its shutdown flag before the next buffer. */
        if (sp->quit && sp->ring_r >= sp->ring_w)
            SDL_CondWaitTimeout(sp->cv, sp->mu, SPEECH_CLOSE_HOLD_MS);
        for (size_t i = 0; i < n; i++)
            out[i] = sp->ring_r < sp->ring_w ? sp->ring[sp->ring_r++ % SPEECH_RING] : 0;
        SDL_CondBroadcast(sp->cv);
    }
    SDL_UnlockMutex(sp->mu);
}

/* Appends n samples to the utterance of job `gen` (mutex held); false when
 * the job is no longer current (a newer start or stop, or closing) or
 * memory ran out: the worker drops it. */
static bool append(speech *sp, unsigned gen, const int16_t *p, size_t n)
{
    if (sp->gen != gen || sp->quit)
        return false;
    if (n == 0)
        return true;
    if (sp->pcm_len + n > sp->pcm_cap) {
        size_t cap = sp->pcm_cap ? sp->pcm_cap * 2 : (size_t)SPEECH_RATE * 8;
        while (cap < sp->pcm_len + n)
            cap *= 2;
        int16_t *q = realloc(sp->pcm, cap * sizeof *q);
        if (!q)
            return false;
        sp->pcm = q;
        sp->pcm_cap = cap;
    }
    memcpy(sp->pcm + sp->pcm_len, p, n * sizeof *p);
    sp->pcm_len += n;
    SDL_CondBroadcast(sp->cv);
    return true;
}

/* Moves what the resampler has ready into the utterance (worker thread);
 * false: the job is dropped. */
static bool drain_conv(speech *sp, unsigned gen)
{
    int got;
    while ((got = SDL_AudioStreamGet(sp->conv, sp->conv_buf, sizeof sp->conv_buf)) > 0) {
        SDL_LockMutex(sp->mu);
        bool ok = append(sp, gen, sp->conv_buf, (size_t)got / sizeof(int16_t));
        SDL_UnlockMutex(sp->mu);
        if (!ok)
            return false;
    }
    return got == 0;
}

/* espeak-ng's synthesis callback (worker thread): resamples the chunk into
 * the utterance; 1 abandons the synthesis when a newer start or stop came. */
static int synth_callback(short *wav, int n, espeak_EVENT *ev)
{
    speech *sp = ev ? ev->user_data : NULL;
    if (!sp)
        return 0;
    unsigned gen = sp->synth_gen; /* the worker's own field */
    if (wav && n > 0) {
        sp->synth_in += (uint64_t)n;
        if (SDL_AudioStreamPut(sp->conv, wav, n * (int)sizeof *wav) != 0 || !drain_conv(sp, gen))
            return 1;
    }
    SDL_LockMutex(sp->mu);
    int abort = sp->gen != gen || sp->quit;
    SDL_UnlockMutex(sp->mu);
    return abort;
}

/* Reads the sentences with espeak-ng, resampled to the device's rate; each
 * sentence starts where its first input sample lands. */
static void run_synth(speech *sp, unsigned gen, size_t n, bundle_lang lang, bundle_lang *voice)
{
    if (lang != *voice && espeak_SetVoiceByName(lang == BUNDLE_EN ? "en" : "cmn") == EE_OK) {
        *voice = lang;
        espeak_SetParameter(espeakRATE, (lang == BUNDLE_EN ? SPEECH_WPM_EN : SPEECH_WPM_CMN) * sp->rate_pct / 100, 0);
    }
    SDL_AudioStreamClear(sp->conv);
    sp->synth_in = 0;
    for (size_t i = 0; i < n; i++) {
        SDL_LockMutex(sp->mu);
        bool current = sp->gen == gen && !sp->quit;
        if (current) {
            sp->sent_start[i] = (size_t)(sp->synth_in * SPEECH_RATE / (uint64_t)sp->synth_rate);
            sp->sent_known = i + 1;
        }
        SDL_UnlockMutex(sp->mu);
        if (!current)
            return;
        const char *t = sp->work_text + sp->work_off[i];
        espeak_Synth(t, strlen(t) + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, NULL, sp);
    }
    SDL_AudioStreamFlush(sp->conv);
    drain_conv(sp, gen);
}

/* Decodes the narration file into the utterance, chunk by chunk, so it is
 * heard from its first chunk. A file that fails (it was checked when the
 * bundle loaded, so only a damaged disk) ends the reading where it fails. */
static void run_narration(speech *sp, unsigned gen, const char *path)
{
    char err[LOG_ERR_MAX];
    narration *nr = narration_open(path, NULL, err, sizeof err);
    if (!nr) {
        LOG_W("speech", "%s: %s", path, err);
        return;
    }
    for (;;) {
        long k = narration_read(nr, sp->conv_buf, SPEECH_CONV_SAMPLES, err, sizeof err);
        if (k < 0)
            LOG_W("speech", "%s: %s", path, err);
        if (k <= 0)
            break;
        SDL_LockMutex(sp->mu);
        bool ok = append(sp, gen, sp->conv_buf, (size_t)k);
        SDL_UnlockMutex(sp->mu);
        if (!ok)
            break;
    }
    narration_close(nr);
}

/* The operator's test tone: a sine, faded in and out over 10 ms. */
static void run_tone(speech *sp, unsigned gen)
{
    size_t total = (size_t)(SPEECH_TONE_S * SPEECH_RATE), fade = SPEECH_RATE / 100;
    for (size_t at = 0; at < total;) {
        size_t k = total - at < SPEECH_CONV_SAMPLES ? total - at : SPEECH_CONV_SAMPLES;
        for (size_t i = 0; i < k; i++) {
            size_t j = at + i, edge = j < total - 1 - j ? j : total - 1 - j;
            double env = edge < fade ? (double)edge / (double)fade : 1.0;
            sp->conv_buf[i] = (int16_t)(16383.0 * env * sin(2.0 * 3.14159265358979323846 * SPEECH_TONE_HZ * (double)j / SPEECH_RATE));
        }
        SDL_LockMutex(sp->mu);
        bool ok = append(sp, gen, sp->conv_buf, k);
        SDL_UnlockMutex(sp->mu);
        if (!ok)
            return;
        at += k;
    }
}

static int worker_main(void *user)
{
    speech *sp = user;
    bundle_lang voice = BUNDLE_LANG_COUNT;
    for (;;) {
        SDL_LockMutex(sp->mu);
        while (!sp->quit && !sp->job_pending)
            SDL_CondWait(sp->cv, sp->mu);
        if (sp->quit) {
            SDL_UnlockMutex(sp->mu);
            break;
        }
        sp->job_pending = false;
        unsigned gen = sp->gen;
        sp->synth_gen = gen;
        size_t n = sp->job_n;
        bundle_lang lang = sp->job_lang;
        job_kind kind = sp->job_kind;
        if (kind == JOB_SYNTH && n > 0) { /* the text is the synthesiser's only */
            memcpy(sp->work_off, sp->job_off, n * sizeof *sp->work_off);
            size_t bytes = sp->job_off[n - 1] + strlen(sp->job_text + sp->job_off[n - 1]) + 1;
            memcpy(sp->work_text, sp->job_text, bytes);
        }
        char path[sizeof sp->job_path];
        memcpy(path, sp->job_path, sizeof path);
        SDL_UnlockMutex(sp->mu);

        if (kind == JOB_SYNTH)
            run_synth(sp, gen, n, lang, &voice);
        else if (kind == JOB_NARRATION)
            run_narration(sp, gen, path);
        else
            run_tone(sp, gen);
        SDL_LockMutex(sp->mu);
        if (sp->gen == gen)
            sp->pcm_done = true;
        SDL_CondBroadcast(sp->cv);
        SDL_UnlockMutex(sp->mu);
    }
    return 0;
}

/* ---- the backend (main loop) ---------------------------------------------- */

/* Hands the job set in sp->job_* to the worker and starts the player on it
 * (mutex held). In virtual time, waits for the whole utterance before the
 * first sample is mixed, so the sound and the sentences do not depend on
 * the worker's speed. */
static void begin_job(speech *sp, job_kind kind, bool pending)
{
    sp->gen++;
    sp->job_kind = kind;
    sp->job_pending = pending;
    sp->pcm_len = 0;
    sp->pcm_done = !pending;
    sp->sent_known = 0;
    sp->pos = 0;
    sp->playing = true;
    sp->paused = false;
    sp->finished = false;
    sp->start_ticks = SDL_GetPerformanceCounter();
    sp->first_ticks = 0;
    SDL_CondBroadcast(sp->cv);
    if (sp->virtual_time) {
        unsigned gen = sp->gen;
        Uint64 t0 = SDL_GetTicks64();
        while (sp->gen == gen && !sp->pcm_done && SDL_GetTicks64() - t0 < SPEECH_WAIT_MS * 5)
            SDL_CondWaitTimeout(sp->cv, sp->mu, SPEECH_WAIT_MS);
    }
}

static bool be_start(void *user, const listen_sentence *s, size_t n, bundle_lang lang, const bundle_audio *audio,
                     double now)
{
    (void)now;
    speech *sp = user;
    if (n > LISTEN_MAX_SENTENCES)
        n = LISTEN_MAX_SENTENCES;
    SDL_LockMutex(sp->mu);
    if (audio && audio->path && strlen(audio->path) < sizeof sp->job_path) {
        /* A narration file: its sentences start at its marks (or in
         * proportion to their lengths), all known before it plays. */
        size_t samples = (size_t)(audio->seconds * SPEECH_RATE);
        for (size_t i = 0; i < n; i++)
            sp->job_sent_start[i] = narration_sentence_start(audio, s, n, i, samples);
        memcpy(sp->job_path, audio->path, strlen(audio->path) + 1);
        sp->job_n = n;
        begin_job(sp, JOB_NARRATION, n > 0);
        memcpy(sp->sent_start, sp->job_sent_start, n * sizeof *sp->sent_start);
        sp->sent_known = n;
        SDL_UnlockMutex(sp->mu);
        return true;
    }
    size_t off = 0, k = 0;
    for (; k < n; k++) {
        size_t len = s[k].end - s[k].start;
        if (off + len + 1 > sizeof sp->job_text)
            break; /* the rest is not read: SPEECH_JOB_MAX is far above any excerpt */
        memcpy(sp->job_text + off, s[k].text + s[k].start, len);
        sp->job_text[off + len] = '\0';
        sp->job_off[k] = (uint32_t)off;
        off += len + 1;
    }
    sp->job_n = k;
    sp->job_lang = lang;
    begin_job(sp, JOB_SYNTH, k > 0);
    SDL_UnlockMutex(sp->mu);
    return true;
}

static void be_tone(void *user, double now)
{
    (void)now;
    speech *sp = user;
    SDL_LockMutex(sp->mu);
    sp->job_n = 0;
    begin_job(sp, JOB_TONE, true);
    SDL_UnlockMutex(sp->mu);
}

static void be_pause(void *user, bool paused, double now)
{
    (void)now;
    speech *sp = user;
    SDL_LockMutex(sp->mu);
    sp->paused = paused;
    SDL_UnlockMutex(sp->mu);
}

static void be_stop(void *user, double now)
{
    (void)now;
    speech *sp = user;
    SDL_LockMutex(sp->mu);
    sp->gen++; /* the worker drops the job at its next chunk */
    sp->job_pending = false;
    sp->playing = false;
    sp->paused = false;
    sp->pcm_len = 0;
    sp->sent_known = 0;
    SDL_UnlockMutex(sp->mu);
}

static void be_poll(void *user, int *sentence, bool *done)
{
    speech *sp = user;
    SDL_LockMutex(sp->mu);
    int s = -1;
    if (sp->pos > 0)
        for (size_t i = 0; i < sp->sent_known; i++)
            if (sp->sent_start[i] < sp->pos)
                s = (int)i;
    *sentence = s;
    *done = sp->finished;
    SDL_UnlockMutex(sp->mu);
}

/* ---- open, close ------------------------------------------------------------ */

speech *speech_open(const speech_config *c, char *err, size_t errlen)
{
    if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
        log_format_err(err, errlen, "no audio: %s", SDL_GetError());
        return NULL;
    }
    speech *sp = calloc(1, sizeof *sp);
    if (!sp) {
        log_format_err(err, errlen, "out of memory");
        SDL_QuitSubSystem(SDL_INIT_AUDIO);
        return NULL;
    }
    int rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 100, NULL, 0);
    if (rate <= 0) {
        log_format_err(err, errlen, "no speech: espeak-ng found no voice data");
        free(sp);
        SDL_QuitSubSystem(SDL_INIT_AUDIO);
        return NULL;
    }
    espeak_SetSynthCallback(synth_callback);
    sp->synth_rate = rate;
    sp->conv = SDL_NewAudioStream(AUDIO_S16SYS, 1, rate, AUDIO_S16SYS, 1, SPEECH_RATE);
    sp->virtual_time = c->virtual_time;
    sp->rate_pct = c->rate_pct >= 50 && c->rate_pct <= 200 ? c->rate_pct : 100;
    sp->gain = (float)(c->volume < 0 ? 0 : c->volume > 100 ? 100 : c->volume) / 100.0f;
    sp->mu = SDL_CreateMutex();
    sp->cv = SDL_CreateCond();
    SDL_AudioSpec want = {.freq = SPEECH_RATE, .format = AUDIO_S16SYS, .channels = 1,
                          .samples = SPEECH_DEVICE_SAMPLES, .callback = audio_callback, .userdata = sp};
    SDL_AudioSpec have;
    if (sp->mu && sp->cv && sp->conv)
        sp->dev = SDL_OpenAudioDevice(c->device, 0, &want, &have, 0);
    if (!sp->dev) {
        log_format_err(err, errlen, "no audio device%s%s: %s", c->device ? " " : "", c->device ? c->device : "",
                 SDL_GetError());
        goto fail;
    }
    /* At once: a paused device plays silence (with SDL's disk driver and no
     * delay, as fast as it can write), which would shift the file. */
    SDL_PauseAudioDevice(sp->dev, 0);
    sp->worker = SDL_CreateThread(worker_main, "speech", sp);
    if (!sp->worker) {
        log_format_err(err, errlen, "no speech worker: %s", SDL_GetError());
        goto fail;
    }
    sp->be = (listen_backend){sp, be_start, be_pause, be_stop, be_poll, be_tone};
    LOG_I("speech", "audio on %s, %d Hz (the device's %d Hz), espeak-ng at %d Hz", SDL_GetCurrentAudioDriver(),
          SPEECH_RATE, have.freq, rate);
    return sp;
fail:
    if (sp->dev)
        SDL_CloseAudioDevice(sp->dev);
    if (sp->conv)
        SDL_FreeAudioStream(sp->conv);
    if (sp->cv)
        SDL_DestroyCond(sp->cv);
    if (sp->mu)
        SDL_DestroyMutex(sp->mu);
    espeak_Terminate();
    free(sp);
    SDL_QuitSubSystem(SDL_INIT_AUDIO);
    return NULL;
}

void speech_close(speech *sp)
{
    if (!sp)
        return;
    SDL_LockMutex(sp->mu);
    sp->quit = true;
    sp->gen++;
    SDL_CondBroadcast(sp->cv);
    /* Virtual time: the callback, woken by quit, plays what was mixed (then
     * silence); the file ends with the run's last frame. */
    Uint64 t0 = SDL_GetTicks64();
    while (sp->virtual_time && sp->ring_r < sp->ring_w && SDL_GetTicks64() - t0 < SPEECH_WAIT_MS)
        SDL_CondWaitTimeout(sp->cv, sp->mu, 50);
    SDL_UnlockMutex(sp->mu);
    SDL_WaitThread(sp->worker, NULL);
    SDL_CloseAudioDevice(sp->dev); /* the callback, woken by quit, returns */
    espeak_Terminate();
    SDL_FreeAudioStream(sp->conv);
    SDL_DestroyCond(sp->cv);
    SDL_DestroyMutex(sp->mu);
    free(sp->pcm);
    free(sp);
    SDL_QuitSubSystem(SDL_INIT_AUDIO);
}

const listen_backend *speech_backend(speech *sp) { return sp ? &sp->be : NULL; }

int speech_rate(const speech *sp)
{
    (void)sp;
    return SPEECH_RATE;
}

void speech_advance(speech *sp, double now)
{
    if (!sp || !sp->virtual_time)
        return;
    uint64_t target = (uint64_t)floor(now * SPEECH_RATE + 1e-6);
    SDL_LockMutex(sp->mu);
    while (sp->ring_w < target) {
        uint64_t room = SPEECH_RING - (sp->ring_w - sp->ring_r);
        if (room == 0) {
            if (sp->stalled || SDL_CondWaitTimeout(sp->cv, sp->mu, SPEECH_WAIT_MS) == SDL_MUTEX_TIMEDOUT) {
                if (!sp->stalled)
                    LOG_W("speech", "the audio device stopped taking samples; the sound is dropped");
                sp->stalled = true;
                sp->ring_r = sp->ring_w; /* drop what waits: never hang the loop */
            }
            continue;
        }
        size_t k = (size_t)(target - sp->ring_w < room ? target - sp->ring_w : room);
        size_t at = (size_t)(sp->ring_w % SPEECH_RING);
        if (k > SPEECH_RING - at)
            k = SPEECH_RING - at;
        mix(sp, sp->ring + at, k);
        sp->ring_w += k;
        SDL_CondBroadcast(sp->cv);
    }
    SDL_UnlockMutex(sp->mu);
}

double speech_first_sound_ms(speech *sp)
{
    SDL_LockMutex(sp->mu);
    double ms = sp->first_ticks ? (double)(sp->first_ticks - sp->start_ticks) * 1000.0 /
                                      (double)SDL_GetPerformanceFrequency()
                                : -1;
    SDL_UnlockMutex(sp->mu);
    return ms;
}
