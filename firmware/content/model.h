/* model: the exhibit's content in memory, as content/load.h reads it from a
 * bundle directory (format: content/README.md): the limits and screen figures
 * the loader checks against, the types, the names of enum values as the files
 * write them, the UI strings every bundle defines, and lookups in a loaded
 * bundle (model.c). Dates are content/date.h.
 *
 * No SDL. The model is immutable after loading; every string is owned by the
 * bundle and lives until bundle_free(). */
#ifndef CONTENT_MODEL_H
#define CONTENT_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- Limits (README "Files"; any larger bundle is refused) ---- */
#define BUNDLE_MAX_FILE_BYTES (1024 * 1024)        /* each YAML file */
#define BUNDLE_MAX_SOURCE_BYTES (8 * 1024 * 1024)  /* each source article */
#define BUNDLE_MAX_ARTICLES 50
#define BUNDLE_MAX_EXCERPTS 500
#define BUNDLE_MAX_EVENTS 1000
#define BUNDLE_MAX_ERAS 50
#define BUNDLE_MAX_STRINGS 500
#define BUNDLE_MAX_ATTRACT 500
#define BUNDLE_MAX_SOURCES_PER_EVENT 10
#define BUNDLE_MAX_NOTES 50
#define BUNDLE_MAX_ID_LEN 64
#define BUNDLE_PIN_MIN 4
#define BUNDLE_PIN_MAX 8
/* Text lengths, in characters (code points). */
#define BUNDLE_MAX_EXCERPT_CHARS 1500
#define BUNDLE_MAX_HEADING_ZH 24
#define BUNDLE_MAX_HEADING_EN 80
#define BUNDLE_MAX_TITLE_ZH 40
#define BUNDLE_MAX_TITLE_EN 120
#define BUNDLE_MAX_SUMMARY_ZH 200
#define BUNDLE_MAX_SUMMARY_EN 600
#define BUNDLE_MAX_EXCERPT_SUMMARY_EN 600 /* an excerpt's English summary */
#define BUNDLE_MAX_QUOTE_CHARS 1500
#define BUNDLE_MAX_STRING_CHARS 200   /* one UI string */
#define BUNDLE_MAX_FIELD_CHARS 400    /* other free text: authors, venue, section */
/* Numeric ranges of the manifest. */
#define BUNDLE_IDLE_TIMEOUT_MIN 10
#define BUNDLE_IDLE_TIMEOUT_MAX 3600
#define BUNDLE_IDLE_COUNTDOWN_MIN 3
#define BUNDLE_IDLE_COUNTDOWN_MAX 60
#define BUNDLE_DWELL_MIN_MIN 2
#define BUNDLE_DWELL_MIN_MAX 120
#define BUNDLE_DWELL_PER_CHAR_MAX 1.0
#define BUNDLE_DWELL_MAX_MAX 300
#define BUNDLE_YEAR_MIN 1900
#define BUNDLE_YEAR_MAX 2100

/* ---- Model ---- */
typedef enum { BUNDLE_ZH, BUNDLE_EN, BUNDLE_LANG_COUNT } bundle_lang;

/* A text in both languages; both present (the loader refuses one missing). */
typedef struct {
    char *s[BUNDLE_LANG_COUNT];
} bundle_text;

typedef enum { BUNDLE_YEAR, BUNDLE_MONTH, BUNDLE_DAY } bundle_precision;

typedef struct {
    int year, month, day;       /* month and day 0 when not given */
    bundle_precision precision;
} bundle_date;

/* How much an event's date says (content/README.md, "Dates"):
 *   BUNDLE_WHEN_ON     on `date`, at its precision (`date: 2015-09-25`);
 *   BUNDLE_WHEN_AFTER  some time after `date`, which the article gives as a
 *                      bound and no more (`date: {after: 2017-10-04}`);
 *   BUNDLE_WHEN_SPAN   over `date`..`to` (`date: {from: 2016, to: 2017}`),
 *                      e.g. a body that sat over two years. */
typedef enum { BUNDLE_WHEN_ON, BUNDLE_WHEN_AFTER, BUNDLE_WHEN_SPAN } bundle_when_kind;

typedef enum {
    BUNDLE_CAT_DIALOGUE,
    BUNDLE_CAT_INCIDENT,
    BUNDLE_CAT_POLICY,
    BUNDLE_CAT_MULTILATERAL,
    BUNDLE_CAT_COUNT
} bundle_category;

typedef enum {
    BUNDLE_TRACK_GOVERNMENT,
    BUNDLE_TRACK_TRACK2,
    BUNDLE_TRACK_MULTILATERAL,
    BUNDLE_TRACK_COUNT
} bundle_track;

typedef struct {
    uint8_t r, g, b;
} bundle_rgb;

typedef struct {
    bundle_rgb background, surface, text, muted, accent;
    bundle_rgb categories[BUNDLE_CAT_COUNT];
} bundle_theme;

typedef enum { BUNDLE_ATTRACT_EXCERPT, BUNDLE_ATTRACT_EVENT } bundle_attract_kind;

typedef struct {
    bundle_attract_kind kind;
    size_t index; /* into bundle.excerpts or bundle.events */
} bundle_attract_item;

typedef struct {
    char *id;
    char *version;
    bundle_text title;
    bundle_lang default_language;
    int idle_timeout;    /* seconds without a touch before the countdown */
    int idle_countdown;  /* seconds of visible countdown */
    double dwell_min, dwell_per_char, dwell_max; /* attract card time, seconds */
    bundle_attract_item *attract;
    size_t attract_count;
    bundle_theme theme;
    bool large_text, reduced_motion, high_contrast; /* accessibility defaults */
    bool listen_on_home; /* a Listen button on the home screen reads its title (default false) */
    bool attract_sound;  /* the attract loop reads each card aloud (default false: silent) */
    char pin[BUNDLE_PIN_MAX + 1];                   /* operator PIN, digits */
    bool published;      /* `status: published` (default draft) */
    char *reviewed;      /* who reviewed the bundle against its articles and when (free
                            text), or NULL; required when published */
} bundle_manifest;

typedef struct {
    char *id;
    char *file;          /* source file name, e.g. "003_def2204c30b16a62.txt" */
    bundle_text title;
    bundle_text authors; /* NULL strings when not given */
    bundle_text venue;   /* NULL strings when not given */
    char *date;          /* free text as the article gives it, or NULL */
} bundle_article;

/* A narration file read instead of the synthesised voice (`audio:` of an
 * excerpt or event, per language; content/README.md "Narration"). */
typedef struct {
    char *file;          /* as the bundle writes it, relative to the bundle; NULL: none */
    char *path;          /* the bundle's directory joined with file */
    double *marks;       /* seconds at which each sentence starts (mark_count of them,
                            one per sentence Listen reads, content/reading.h), or NULL:
                            the highlight moves in proportion to the sentences' lengths */
    size_t mark_count;
    double seconds;      /* how long it lasts */
} bundle_audio;

typedef struct {
    char *id;
    int line;            /* line of the excerpt in excerpts.yaml */
    size_t article;      /* index into bundle.articles */
    char *section;       /* or NULL */
    int *notes;          /* note numbers, `note_count` of them (NULL when none) */
    size_t note_count;
    bundle_text heading;
    char *summary_en;    /* `summary: {en: ...}`: ours, 1-3 sentences from the passage */
    char **paragraphs;   /* `paragraph_count` >= 1 paragraphs, no line breaks inside */
    size_t paragraph_count;
    size_t chars;        /* code points of all paragraphs */
    bundle_audio audio[BUNDLE_LANG_COUNT]; /* zh: the passage; en: heading and summary */
} bundle_excerpt;

typedef struct {
    char *id;
    bundle_date from, to;
    bundle_text title;
} bundle_era;

typedef struct {
    size_t article;      /* index into bundle.articles */
    char *quote;
    char *date_quote;    /* or NULL: the article's words (sentence, footnote) that give the
                            event's date when the quote does not */
    char *date_note;     /* or NULL: for curators, how the date was read from the text */
} bundle_source;

typedef struct {
    char *id;
    int line;            /* line of the event in timeline.yaml (diagnostics are matched by it) */
    bundle_when_kind when;
    bundle_date date;    /* the date (ON), the bound (AFTER), the first date (SPAN): what the
                            timeline orders by */
    bundle_date date_to; /* SPAN: the last date; otherwise equal to `date` */
    bundle_text title;
    bundle_text summary;
    bundle_category category;
    bundle_track track;
    bool highlight;
    bundle_source *sources;
    size_t source_count; /* >= 1 */
    bundle_audio audio[BUNDLE_LANG_COUNT]; /* date, title and summary in that language */
} bundle_event;

typedef struct {
    char *key;
    bundle_text text;
} bundle_string_entry;

typedef struct bundle {
    char *dir;                   /* the directory it was loaded from */
    bool verbatim_checked;       /* its excerpts and quotes were found in the source articles */
    bundle_manifest manifest;
    bundle_article *articles;
    size_t article_count;
    bundle_excerpt *excerpts;
    size_t excerpt_count;
    bundle_era *eras;
    size_t era_count;
    bundle_event *events;        /* in date order */
    size_t event_count;
    bundle_string_entry *strings; /* sorted by key (bundle_string searches them) */
    size_t string_count;
} bundle;

/* The UI strings every bundle must define (strings.yaml); extra keys are allowed. */
extern const char *const bundle_required_strings[];
extern const size_t bundle_required_string_count;

/* Names of the values as the bundle files write them, indexed by the enums:
 * "zh", "en"; "dialogue", ...; "government", .... */
extern const char *const bundle_lang_names[BUNDLE_LANG_COUNT];
extern const char *const bundle_category_names[BUNDLE_CAT_COUNT];
extern const char *const bundle_track_names[BUNDLE_TRACK_COUNT];

/* Frees the bundle and every string in it. NULL is a no-op. */
void bundle_free(bundle *b);

/* The UI string `key` in `lang`. Never NULL: a missing key (or a NULL
 * bundle) returns `key` itself so the screen shows what is missing; a NULL
 * key returns "". The pointer lives as long as the bundle (or key). */
const char *bundle_string(const bundle *b, const char *key, bundle_lang lang);

/* Index of the article / excerpt / event with this id, or -1 (also for a
 * NULL bundle or id). */
long bundle_find_article(const bundle *b, const char *id);
long bundle_find_excerpt(const bundle *b, const char *id);
long bundle_find_event(const bundle *b, const char *id);

/* The names above for one value ("?" when out of range), and "year",
 * "month", "day" for a precision. */
const char *bundle_lang_name(bundle_lang l);
const char *bundle_category_name(bundle_category c);
const char *bundle_track_name(bundle_track t);
const char *bundle_precision_name(bundle_precision p);

#endif
