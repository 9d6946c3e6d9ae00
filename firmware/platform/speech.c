#include "platform/speech.h"

#include <SDL.h>
#include <espeak-ng/speak_lib.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"

#define SPEECH_RING 8192           /* samples mixed ahead in virtual time (the callback's buffer fits) */
#define SPEECH_DEVICE_SAMPLES 1024 /* the device's buffer: 46 ms at 22050 Hz */
#define SPEECH_WPM_EN 160          /* the normal rates, see speech.h */
#define SPEECH_WPM_CMN 300
#define SPEECH_WAIT_MS 2000
#define SPEECH_CLOSE_HOLD_MS 100        /* longest a virtual-time wait for the worker or the device */

struct speech {
    SDL_AudioDeviceID dev;
    int rate;
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
    bundle_lang job_lang;
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

/* espeak-ng's synthesis callback (worker thread): appends the chunk to the
 * utterance; 1 abandons the synthesis when a newer start or stop came. */
static int synth_callback(short *wav, int n, espeak_EVENT *ev)
{
    speech *sp = ev ? ev->user_data : NULL;
    if (!sp)
        return 0;
    SDL_LockMutex(sp->mu);
    int abort = sp->gen != sp->synth_gen || sp->quit;
    if (!abort && wav && n > 0) {
        if (sp->pcm_len + (size_t)n > sp->pcm_cap) {
            size_t cap = sp->pcm_cap ? sp->pcm_cap * 2 : (size_t)sp->rate * 8;
            while (cap < sp->pcm_len + (size_t)n)
                cap *= 2;
            int16_t *p = realloc(sp->pcm, cap * sizeof *p);
            if (!p) {
                abort = 1;
            } else {
                sp->pcm = p;
                sp->pcm_cap = cap;
            }
        }
        if (!abort) {
            memcpy(sp->pcm + sp->pcm_len, wav, (size_t)n * sizeof *wav);
            sp->pcm_len += (size_t)n;
            SDL_CondBroadcast(sp->cv);
        }
    }
    SDL_UnlockMutex(sp->mu);
    return abort;
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
        memcpy(sp->work_off, sp->job_off, n * sizeof *sp->work_off);
        size_t bytes = n ? sp->job_off[n - 1] + strlen(sp->job_text + sp->job_off[n - 1]) + 1 : 0;
        memcpy(sp->work_text, sp->job_text, bytes);
        SDL_UnlockMutex(sp->mu);

        if (lang != voice && espeak_SetVoiceByName(lang == BUNDLE_EN ? "en" : "cmn") == EE_OK) {
            voice = lang;
            espeak_SetParameter(espeakRATE, (lang == BUNDLE_EN ? SPEECH_WPM_EN : SPEECH_WPM_CMN) * sp->rate_pct / 100, 0);
        }
        for (size_t i = 0; i < n; i++) {
            SDL_LockMutex(sp->mu);
            bool current = sp->gen == gen && !sp->quit;
            if (current) {
                sp->sent_start[i] = sp->pcm_len;
                sp->sent_known = i + 1;
            }
            SDL_UnlockMutex(sp->mu);
            if (!current)
                break;
            const char *t = sp->work_text + sp->work_off[i];
            espeak_Synth(t, strlen(t) + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, NULL, sp);
        }
        SDL_LockMutex(sp->mu);
        if (sp->gen == gen)
            sp->pcm_done = true;
        SDL_CondBroadcast(sp->cv);
        SDL_UnlockMutex(sp->mu);
    }
    return 0;
}

/* ---- the backend (main loop) ---------------------------------------------- */

static bool be_start(void *user, const listen_sentence *s, size_t n, bundle_lang lang, double now)
{
    (void)now;
    speech *sp = user;
    SDL_LockMutex(sp->mu);
    size_t off = 0, k = 0;
    for (; k < n && k < LISTEN_MAX_SENTENCES; k++) {
        size_t len = s[k].end - s[k].start;
        if (off + len + 1 > sizeof sp->job_text)
            break; /* the rest is not read: SPEECH_JOB_MAX is far above any excerpt */
        memcpy(sp->job_text + off, s[k].text + s[k].start, len);
        sp->job_text[off + len] = '\0';
        sp->job_off[k] = (uint32_t)off;
        off += len + 1;
    }
    sp->gen++;
    sp->job_n = k;
    sp->job_lang = lang;
    sp->job_pending = k > 0;
    sp->pcm_len = 0;
    sp->pcm_done = k == 0;
    sp->sent_known = 0;
    sp->pos = 0;
    sp->playing = true;
    sp->paused = false;
    sp->finished = false;
    sp->start_ticks = SDL_GetPerformanceCounter();
    sp->first_ticks = 0;
    SDL_CondBroadcast(sp->cv);
    if (sp->virtual_time) {
        /* The whole utterance before the first sample is mixed, so the sound
         * and the sentences do not depend on the worker's speed. */
        unsigned gen = sp->gen;
        Uint64 t0 = SDL_GetTicks64();
        while (sp->gen == gen && !sp->pcm_done && SDL_GetTicks64() - t0 < SPEECH_WAIT_MS * 5)
            SDL_CondWaitTimeout(sp->cv, sp->mu, SPEECH_WAIT_MS);
    }
    SDL_UnlockMutex(sp->mu);
    return true;
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
        snprintf(err, errlen, "no audio: %s", SDL_GetError());
        return NULL;
    }
    speech *sp = calloc(1, sizeof *sp);
    if (!sp) {
        snprintf(err, errlen, "out of memory");
        SDL_QuitSubSystem(SDL_INIT_AUDIO);
        return NULL;
    }
    int rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 100, NULL, 0);
    if (rate <= 0) {
        snprintf(err, errlen, "no speech: espeak-ng found no voice data");
        free(sp);
        SDL_QuitSubSystem(SDL_INIT_AUDIO);
        return NULL;
    }
    espeak_SetSynthCallback(synth_callback);
    sp->rate = rate;
    sp->virtual_time = c->virtual_time;
    sp->rate_pct = c->rate_pct >= 50 && c->rate_pct <= 200 ? c->rate_pct : 100;
    sp->gain = (float)(c->volume < 0 ? 0 : c->volume > 100 ? 100 : c->volume) / 100.0f;
    sp->mu = SDL_CreateMutex();
    sp->cv = SDL_CreateCond();
    SDL_AudioSpec want = {.freq = rate, .format = AUDIO_S16SYS, .channels = 1,
                          .samples = SPEECH_DEVICE_SAMPLES, .callback = audio_callback, .userdata = sp};
    SDL_AudioSpec have;
    if (sp->mu && sp->cv)
        sp->dev = SDL_OpenAudioDevice(c->device, 0, &want, &have, 0);
    if (!sp->dev) {
        snprintf(err, errlen, "no audio device%s%s: %s", c->device ? " " : "", c->device ? c->device : "",
                 SDL_GetError());
        goto fail;
    }
    /* At once: a paused device plays silence (with SDL's disk driver and no
     * delay, as fast as it can write), which would shift the file. */
    SDL_PauseAudioDevice(sp->dev, 0);
    sp->worker = SDL_CreateThread(worker_main, "speech", sp);
    if (!sp->worker) {
        snprintf(err, errlen, "no speech worker: %s", SDL_GetError());
        goto fail;
    }
    sp->be = (listen_backend){sp, be_start, be_pause, be_stop, be_poll};
    LOG_I("speech", "audio on %s, %d Hz, espeak-ng at %d Hz", SDL_GetCurrentAudioDriver(), have.freq, rate);
    return sp;
fail:
    if (sp->dev)
        SDL_CloseAudioDevice(sp->dev);
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
    SDL_DestroyCond(sp->cv);
    SDL_DestroyMutex(sp->mu);
    free(sp->pcm);
    free(sp);
    SDL_QuitSubSystem(SDL_INIT_AUDIO);
}

const listen_backend *speech_backend(speech *sp) { return sp ? &sp->be : NULL; }

int speech_rate(const speech *sp) { return sp->rate; }

void speech_advance(speech *sp, double now)
{
    if (!sp || !sp->virtual_time)
        return;
    uint64_t target = (uint64_t)floor(now * sp->rate + 1e-6);
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
