/* schema: typed readers of the fields of a bundle file's YAML tree, shared by
 * the file loaders (load_*.c). Private to content/.
 *
 * Every scalar of yamltree is a string; a reader decides its type and reports
 * anything wrong with it through the loader (content/load_private.h), at the
 * position of the node concerned, in the curator's terms ("what" names the
 * item, e.g. "excerpt 'ex-a'", and key the field). A reader that fails leaves
 * its output untouched (or returns NULL / -1 / false) and has reported why,
 * so callers only decide what happens next.
 *
 * Also here: unknown keys (a warning naming the closest known key by edit
 * distance), duplicate keys (an error: YAML would silently keep the last),
 * and text cleaning (how line breaks in a YAML value become the text the
 * screens show).
 *
 * Ownership: strings returned are new, owned by the caller (they usually go
 * into the bundle). Nodes returned belong to the document. */
#ifndef CONTENT_SCHEMA_H
#define CONTENT_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>

#include "content/load_private.h"
#include "content/model.h"
#include "content/yamltree.h"

/* ---- keys ---- */

/* Levenshtein distance between two ASCII keys (the first 64 bytes of each). */
size_t schema_edit_distance(const char *a, const char *b);

/* The key of the NULL-terminated list `known` closest to `key`, or NULL when
 * none is close enough to be a plausible typo. */
const char *schema_closest(const char *key, const char *const *known);

/* Refuses duplicate keys of `map`: an error at the second, naming the first's
 * line. */
void schema_dup_keys(loader *L, const ynode *map, const char *what);

/* schema_dup_keys, then a warning for every key not in `known` (NULL-
 * terminated), with the closest known key when there is one. */
void schema_keys(loader *L, const ynode *map, const char *const *known, const char *what);

/* Position of `key` itself in map (better than its value's for messages about
 * the value), or the map's when it is absent. */
loader_pos schema_key_pos(const ynode *map, const char *key);

/* ---- values ---- */

/* YAML's null: an empty value (`key:` with nothing), `~` or `null` unquoted. */
bool schema_is_nothing(const ynode *n);

/* "nothing", "a string", "a mapping", "a list": what a node is, for messages. */
const char *schema_kind_desc(const ynode *n);

/* The value of `key` in map when present; a missing required one is an error
 * at the map. */
const ynode *schema_field(loader *L, const ynode *map, const char *key, bool required,
                          const char *what);

/* True when v is of `kind` (a scalar must not be nothing); an error at v
 * otherwise, "expected a list<hint>, got a string". */
bool schema_want(loader *L, const ynode *v, ynode_kind kind, const char *key, const char *what,
                 const char *hint);

/* Item `index` of a list of `kind` mappings: its name in buf ("article
 * 'a-x'" by its id when it has a plain one, else "article #3", index + 1),
 * and true when it is a mapping, whose keys are then checked against
 * `known`; false (reported) when it is not. */
bool schema_list_item(loader *L, const ynode *item, size_t index, const char *kind,
                      const char *const *known, char *buf, size_t len);

/* The list under `key` of a file's root with at most `max` entries, or NULL
 * (reported, except for an absent optional list or `key:` with nothing, which
 * is an empty optional list). */
const ynode *schema_root_list(loader *L, const ynode *root, const char *key, bool required,
                              size_t max, const char *what);

/* ---- text ---- */

/* Text as the screens show it: lines trimmed of ASCII blanks at both ends,
 * runs of blank lines become one paragraph break "\n\n", single line breaks
 * are joined WITHOUT a space (README "Text": Chinese has no spaces between
 * words). *joined_words is set when such a join glued two ASCII words. New
 * string, NULL when out of memory. */
char *schema_clean_text(const char *s, bool *joined_words);

typedef struct {
    size_t max_chars; /* 0: no limit */
    bool chinese;     /* zh text: check for spaces between characters */
    bool shown;       /* on screen: check font coverage */
} schema_text_rule;

/* A text value: cleaned, not empty, at most rule.max_chars characters, and
 * checked by content/check_text.h as the rule asks. Returns a new string or
 * NULL (reported). *at_out (when given) is set to the value's position once
 * the value is found to be a string. */
char *schema_text(loader *L, const ynode *map, const char *key, bool required, const char *what,
                  schema_text_rule rule, loader_pos *at_out);

/* A {zh, en} pair of texts, both required when the pair is present; the zh
 * one is Chinese text, both are shown. at_out[l] (when given) is set to the
 * position of each language's value (or of the pair when it lacks one).
 * Returns true when both are read and within their length limits: a text
 * over its limit is reported here and the caller checks no further of it
 * (in particular does not lay it out to check its fit). */
bool schema_text2(loader *L, const ynode *map, const char *key, bool required, const char *what,
                  size_t max_zh, size_t max_en, bundle_text *out,
                  loader_pos at_out[BUNDLE_LANG_COUNT]);

/* ---- numbers, flags, names ---- */

/* "[+-]digits" into *v; false for anything else or out of range. */
bool schema_parse_int(const char *s, long *v);

/* "[+-]digits[.digits]" into *v; false for anything else. */
bool schema_parse_number(const char *s, double *v);

/* Optional whole number / number / boolean in lo..hi: *out is set only when
 * the value is present and valid. */
void schema_int(loader *L, const ynode *map, const char *key, const char *what, long lo, long hi,
                int *out);
void schema_number(loader *L, const ynode *map, const char *key, const char *what, double lo,
                   double hi, double *out);
void schema_bool(loader *L, const ynode *map, const char *key, const char *what, bool *out);

/* A required value that is one of `names` (count of them): its index, or -1
 * (reported, with the closest name when there is one). */
int schema_enum(loader *L, const ynode *map, const char *key, const char *what,
                const char *const *names, int count);

/* An optional colour "#rrggbb": *out is set only when present and valid. */
void schema_colour(loader *L, const ynode *map, const char *key, const char *what,
                   bundle_rgb *out);

/* A required date (content/date.h); *at_out (when given) is set to the
 * value's position once it is a string. */
bool schema_date(loader *L, const ynode *map, const char *key, const char *what,
                 bundle_date *out, loader_pos *at_out);

#endif
