/* schema: typed readers of the fields of a bundle file (content/schema.h). */
#include "content/schema.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content/check_text.h"
#include "content/date.h"
#include "core/log.h"
#include "core/utf8.h"

static const char *const lang_keys[] = {"zh", "en", NULL};

size_t schema_edit_distance(const char *a, const char *b)
{
    enum { MAXK = 64 };
    size_t la = strlen(a), lb = strlen(b);
    if (la > MAXK)
        la = MAXK;
    if (lb > MAXK)
        lb = MAXK;
    size_t prev[MAXK + 1], cur[MAXK + 1];
    for (size_t j = 0; j <= lb; j++)
        prev[j] = j;
    for (size_t i = 1; i <= la; i++) {
        cur[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t sub = prev[j - 1] + (a[i - 1] != b[j - 1]);
            size_t del = prev[j] + 1, ins = cur[j - 1] + 1;
            cur[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
        }
        memcpy(prev, cur, (lb + 1) * sizeof prev[0]);
    }
    return prev[lb];
}

const char *schema_closest(const char *key, const char *const *known)
{
    const char *best = NULL;
    size_t bestd = (size_t)-1;
    for (size_t i = 0; known[i]; i++) {
        size_t d = schema_edit_distance(key, known[i]);
        if (d < bestd) {
            bestd = d;
            best = known[i];
        }
    }
    size_t len = strlen(key), limit = len / 3 > 2 ? len / 3 : 2;
    return best && bestd <= limit && bestd < len ? best : NULL;
}

static bool ascii_alnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

char *schema_clean_text(const char *s, bool *joined_words)
{
    size_t n = strlen(s), o = 0;
    char *out = malloc(n + 1);
    if (!out)
        return NULL;
    bool have = false, par = false;
    const char *p = s;
    for (;;) {
        const char *eol = strchr(p, '\n');
        if (!eol)
            eol = p + strlen(p);
        const char *a = p, *z = eol;
        while (a < z && (*a == ' ' || *a == '\t' || *a == '\r'))
            a++;
        while (z > a && (z[-1] == ' ' || z[-1] == '\t' || z[-1] == '\r'))
            z--;
        if (a == z) {
            par = have;
        } else {
            if (have && par) {
                out[o++] = '\n';
                out[o++] = '\n';
            } else if (have && ascii_alnum(*a) && out[o - 1] > ' ' &&
                       (unsigned char)out[o - 1] < 0x7F) {
                *joined_words = true;
            }
            memcpy(out + o, a, (size_t)(z - a));
            o += (size_t)(z - a);
            have = true;
            par = false;
        }
        if (!*eol)
            break;
        p = eol + 1;
    }
    out[o] = '\0';
    return out;
}

bool schema_is_nothing(const ynode *n)
{
    return n->kind == YNODE_SCALAR && !n->quoted &&
           (n->len == 0 || strcmp(n->str, "~") == 0 || strcmp(n->str, "null") == 0);
}

const char *schema_kind_desc(const ynode *n)
{
    return schema_is_nothing(n) ? "nothing" : ynode_kind_name(n->kind);
}

void schema_dup_keys(loader *L, const ynode *map, const char *what)
{
    for (size_t i = 0; i < map->count; i++) {
        const ynode *k = map->keys[i];
        for (size_t j = 0; j < i; j++)
            if (strcmp(map->keys[j]->str, k->str) == 0) {
                loader_error(L, loader_at(k), "%s: duplicate key '%s' (first at line %d)", what,
                             k->str, map->keys[j]->line);
                break;
            }
    }
}

void schema_keys(loader *L, const ynode *map, const char *const *known, const char *what)
{
    schema_dup_keys(L, map, what);
    for (size_t i = 0; i < map->count; i++) {
        const ynode *k = map->keys[i];
        bool ok = false;
        for (size_t j = 0; known[j] && !ok; j++)
            ok = strcmp(known[j], k->str) == 0;
        if (ok)
            continue;
        const char *near = schema_closest(k->str, known);
        if (near)
            loader_warn(L, loader_at(k), "%s: unknown key '%s' (did you mean '%s'?)", what, k->str,
                        near);
        else
            loader_warn(L, loader_at(k), "%s: unknown key '%s' (it is ignored)", what, k->str);
    }
}

loader_pos schema_key_pos(const ynode *map, const char *key)
{
    for (size_t i = 0; i < map->count; i++)
        if (strcmp(map->keys[i]->str, key) == 0)
            return loader_at(map->keys[i]);
    return loader_at(map);
}

const ynode *schema_field(loader *L, const ynode *map, const char *key, bool required,
                          const char *what)
{
    const ynode *v = ymap_get(map, key);
    if (!v && required)
        loader_error(L, loader_at(map), "%s: missing required field '%s'", what, key);
    return v;
}

static const char *expect_desc(ynode_kind k)
{
    switch (k) {
    case YNODE_SCALAR: return "a string";
    case YNODE_MAP: return "a mapping";
    case YNODE_SEQ: return "a list";
    }
    return "?";
}

bool schema_want(loader *L, const ynode *v, ynode_kind kind, const char *key, const char *what,
                 const char *hint)
{
    if (v->kind == kind && !(kind == YNODE_SCALAR && schema_is_nothing(v)))
        return true;
    loader_error(L, loader_at(v), "%s: '%s': expected %s%s, got %s", what, key, expect_desc(kind),
                 hint ? hint : "", schema_kind_desc(v));
    return false;
}

char *schema_text(loader *L, const ynode *map, const char *key, bool required, const char *what,
                  schema_text_rule rule, loader_pos *at_out)
{
    const ynode *v = schema_field(L, map, key, required, what);
    if (!v || !schema_want(L, v, YNODE_SCALAR, key, what, NULL))
        return NULL;
    if (at_out)
        *at_out = loader_at(v);
    if (strlen(v->str) != v->len) { /* "\0" in a quoted YAML string */
        loader_error(L, loader_at(v), "%s: '%s' holds a NUL character (\\0)", what, key);
        return NULL;
    }
    for (size_t i = 0; i < v->len;) { /* e.g. "\e" or "\x85" in a quoted string */
        uint32_t cp = 0;
        size_t n = utf8_decode(v->str + i, v->len - i, &cp);
        if (n == 0)
            break; /* cannot happen: the file was checked to be UTF-8 */
        if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || (cp >= 0x7F && cp < 0xA0)) {
            loader_error(L, loader_at(v), "%s: '%s' holds the control character U+%04X", what, key,
                         (unsigned)cp);
            return NULL;
        }
        i += n;
    }
    bool glued = false;
    char *s = schema_clean_text(v->str, &glued);
    if (!s) {
        loader_error(L, loader_at(v), "out of memory");
        return NULL;
    }
    if (!*s) {
        loader_error(L, loader_at(v), "%s: '%s' is empty", what, key);
        free(s);
        return NULL;
    }
    if (glued && !rule.chinese)
        loader_warn(L, loader_at(v),
                    "%s: '%s': a line break inside the text joins two words without a space (lines "
                    "are joined without one): write this text on one line",
                    what, key);
    size_t chars = utf8_chars(s);
    if (rule.max_chars && chars > rule.max_chars)
        loader_error(L, loader_at(v), "%s: '%s' is %zu characters long, more than the limit of %zu",
                     what, key, chars, rule.max_chars);
    if (rule.chinese)
        check_text_cjk_space(L, loader_at(v), s, what, key);
    if (rule.shown)
        check_text_fonts(L, loader_at(v), s);
    return s;
}

bool schema_text2(loader *L, const ynode *map, const char *key, bool required, const char *what,
                  size_t max_zh, size_t max_en, bundle_text *out,
                  loader_pos at_out[BUNDLE_LANG_COUNT])
{
    const ynode *v = schema_field(L, map, key, required, what);
    if (!v || !schema_want(L, v, YNODE_MAP, key, what, " with zh and en"))
        return false;
    if (at_out)
        for (int l = 0; l < BUNDLE_LANG_COUNT; l++) {
            const ynode *t = ymap_get(v, bundle_lang_names[l]);
            at_out[l] = loader_at(t ? t : v);
        }
    char sub[160];
    snprintf(sub, sizeof sub, "%s: '%s'", what, key);
    schema_keys(L, v, lang_keys, sub);
    bool ok = true;
    for (int l = 0; l < BUNDLE_LANG_COUNT; l++) {
        schema_text_rule r = {l == BUNDLE_ZH ? max_zh : max_en, l == BUNDLE_ZH, true};
        out->s[l] = schema_text(L, v, bundle_lang_names[l], true, sub, r, NULL);
        /* A text over its limit has its error already: nothing more is
         * checked of it (laying out a megabyte-long word costs minutes). */
        ok = ok && out->s[l] && !(r.max_chars && utf8_chars(out->s[l]) > r.max_chars);
    }
    return ok;
}

bool schema_parse_int(const char *s, long *v)
{
    if (!*s)
        return false;
    const char *p = s;
    if (*p == '-' || *p == '+')
        p++;
    if (!*p)
        return false;
    for (const char *q = p; *q; q++)
        if (*q < '0' || *q > '9')
            return false;
    errno = 0;
    *v = strtol(s, NULL, 10);
    return errno == 0;
}

bool schema_parse_number(const char *s, double *v)
{
    bool digit = false, dot = false;
    for (const char *p = s; *p; p++) {
        if (*p >= '0' && *p <= '9')
            digit = true;
        else if (*p == '.' && !dot)
            dot = true;
        else if (!(p == s && (*p == '-' || *p == '+')))
            return false;
    }
    if (!digit)
        return false;
    *v = strtod(s, NULL);
    return true;
}

void schema_int(loader *L, const ynode *map, const char *key, const char *what, long lo, long hi,
                int *out)
{
    const ynode *v = schema_field(L, map, key, false, what);
    if (!v || !schema_want(L, v, YNODE_SCALAR, key, what, " (a whole number)"))
        return;
    long x;
    if (!schema_parse_int(v->str, &x)) {
        loader_error(L, loader_at(v), "%s: '%s': expected a whole number, got '%s'", what, key,
                     v->str);
        return;
    }
    if (x < lo || x > hi) {
        loader_error(L, loader_at(v), "%s: '%s' is %ld, outside the range %ld..%ld", what, key, x,
                     lo, hi);
        return;
    }
    *out = (int)x;
}

void schema_number(loader *L, const ynode *map, const char *key, const char *what, double lo,
                   double hi, double *out)
{
    const ynode *v = schema_field(L, map, key, false, what);
    if (!v || !schema_want(L, v, YNODE_SCALAR, key, what, " (a number)"))
        return;
    double x;
    if (!schema_parse_number(v->str, &x)) {
        loader_error(L, loader_at(v), "%s: '%s': expected a number, got '%s'", what, key, v->str);
        return;
    }
    if (x < lo || x > hi) {
        loader_error(L, loader_at(v), "%s: '%s' is %g, outside the range %g..%g", what, key, x, lo,
                     hi);
        return;
    }
    *out = x;
}

void schema_bool(loader *L, const ynode *map, const char *key, const char *what, bool *out)
{
    const ynode *v = schema_field(L, map, key, false, what);
    if (!v || !schema_want(L, v, YNODE_SCALAR, key, what, " (true or false)"))
        return;
    if (strcmp(v->str, "true") == 0)
        *out = true;
    else if (strcmp(v->str, "false") == 0)
        *out = false;
    else
        loader_error(L, loader_at(v), "%s: '%s': expected a boolean (true or false), got '%s'",
                     what, key, v->str);
}

int schema_enum(loader *L, const ynode *map, const char *key, const char *what,
                const char *const *names, int count)
{
    const ynode *v = schema_field(L, map, key, true, what);
    if (!v || !schema_want(L, v, YNODE_SCALAR, key, what, NULL))
        return -1;
    for (int i = 0; i < count; i++)
        if (strcmp(v->str, names[i]) == 0)
            return i;
    char list[160] = "";
    const char *known[8] = {0};
    for (int i = 0; i < count && i < 7; i++) {
        known[i] = names[i];
        size_t len = strlen(list);
        snprintf(list + len, sizeof list - len, "%s%s", i ? ", " : "", names[i]);
    }
    const char *near = schema_closest(v->str, known);
    if (near)
        loader_error(L, loader_at(v), "%s: '%s': '%s' is not one of %s (did you mean '%s'?)", what,
                     key, v->str, list, near);
    else
        loader_error(L, loader_at(v), "%s: '%s': '%s' is not one of %s", what, key, v->str, list);
    return -1;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

void schema_colour(loader *L, const ynode *map, const char *key, const char *what, bundle_rgb *out)
{
    const ynode *v = ymap_get(map, key);
    if (!v)
        return;
    if (schema_is_nothing(v)) {
        loader_error(L, loader_at(v),
                     "%s: '%s': expected a colour \"#rrggbb\", got nothing (an unquoted '#' "
                     "starts a comment in YAML: put the colour in quotes)",
                     what, key);
        return;
    }
    if (!schema_want(L, v, YNODE_SCALAR, key, what, " (a colour \"#rrggbb\")"))
        return;
    int h[6];
    bool ok = v->len == 7 && v->str[0] == '#';
    for (int i = 0; ok && i < 6; i++)
        ok = (h[i] = hexval(v->str[1 + i])) >= 0;
    if (!ok) {
        loader_error(L, loader_at(v),
                     "%s: '%s': '%s' is not a colour: write \"#rrggbb\" (6 hex digits)", what, key,
                     v->str);
        return;
    }
    out->r = (uint8_t)(h[0] * 16 + h[1]);
    out->g = (uint8_t)(h[2] * 16 + h[3]);
    out->b = (uint8_t)(h[4] * 16 + h[5]);
}

bool schema_date(loader *L, const ynode *map, const char *key, const char *what, bundle_date *out,
                 loader_pos *at_out)
{
    const ynode *v = schema_field(L, map, key, true, what);
    if (!v || !schema_want(L, v, YNODE_SCALAR, key, what, " (a date)"))
        return false;
    if (at_out)
        *at_out = loader_at(v);
    char why[LOG_ERR_MAX];
    if (!date_parse(v->str, out, why, sizeof why)) {
        loader_error(L, loader_at(v), "%s: '%s': %s", what, key, why);
        return false;
    }
    return true;
}

const ynode *schema_root_list(loader *L, const ynode *root, const char *key, bool required,
                              size_t max, const char *what)
{
    const ynode *v = schema_field(L, root, key, required, L->file);
    if (!v)
        return NULL;
    if (v->kind == YNODE_SCALAR && schema_is_nothing(v)) {
        /* `eras:` with nothing: an empty list, fine when optional. */
        if (required)
            loader_error(L, loader_at(v), "the list of %s is empty", key);
        return NULL;
    }
    if (!schema_want(L, v, YNODE_SEQ, key, what, NULL))
        return NULL;
    if (v->count > max) {
        loader_error(L, loader_at(v), "%zu %s, more than the limit of %zu", v->count, key, max);
        return NULL;
    }
    return v;
}

static void schema_item_name(char *buf, size_t len, const char *kind, const ynode *item, size_t index)
{
    const ynode *id = ymap_get(item, "id");
    if (id && id->kind == YNODE_SCALAR && id->len > 0 && id->len < 80)
        snprintf(buf, len, "%s '%s'", kind, id->str);
    else
        snprintf(buf, len, "%s #%zu", kind, index + 1);
}

bool schema_list_item(loader *L, const ynode *item, size_t index, const char *kind,
                      const char *const *known, char *buf, size_t len)
{
    schema_item_name(buf, len, kind, item, index);
    if (item->kind != YNODE_MAP) {
        loader_error(L, loader_at(item), "%s: expected a mapping, got %s", buf, schema_kind_desc(item));
        return false;
    }
    schema_keys(L, item, known, buf);
    return true;
}
