/* The shipped default bundle, content/, checked against the source articles
 * (support/articles.h: $ARTICLES or ../shared/articles): `--check` passes,
 * the exhibit has the size it was commissioned with (and the size README.md
 * and content/README.md state), and — independently of the validator's own code — every excerpt text and
 * every timeline quote is the articles' own words. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <cmocka.h>

#include "support/articles.h"
#include "support/subproc.h"

#define CONTENT "content"
#define MIN_EXCERPTS 30
#define MIN_EVENTS 40
#define MIN_EXCERPTS_PER_ARTICLE 3
#define MAX_ARTICLES 16

static subproc_result check;
static cJSON *doc;

static int setup(void **state)
{
    (void)state;
    /* Without the articles the check still runs, its verbatim part skipped. */
    char *argv[] = {(char *)subproc_kiosk_bin(), "--check", CONTENT, "--export", "--sources",
                    (char *)articles_dir(), NULL};
    if (!articles_present())
        argv[4] = NULL;
    if (!subproc_run(argv, &check))
        return -1;
    doc = cJSON_Parse(check.out);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    cJSON_Delete(doc);
    subproc_free(&check);
    return 0;
}

static const char *str_of(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static void test_check_passes(void **state)
{
    (void)state;
    fputs(check.err, stderr);
    assert_int_equal(check.status, 0);
    assert_non_null(strstr(check.err, CONTENT ": ok ("));
    assert_non_null(doc);
}

/* The article files of the articles' directory (*.txt). */
static size_t list_articles(char names[][128])
{
    DIR *d = opendir(articles_dir());
    if (!d)
        return 0;
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < MAX_ARTICLES) {
        size_t len = strlen(e->d_name);
        if (len > 4 && strcmp(e->d_name + len - 4, ".txt") == 0)
            snprintf(names[n++], 128, "%s", e->d_name);
    }
    closedir(d);
    return n;
}

static void test_size(void **state)
{
    (void)state;
    assert_non_null(doc);
    const cJSON *exs = cJSON_GetObjectItemCaseSensitive(doc, "excerpts");
    const cJSON *evs = cJSON_GetObjectItemCaseSensitive(doc, "events");
    const cJSON *arts = cJSON_GetObjectItemCaseSensitive(doc, "articles");
    fprintf(stderr, "content: %d excerpts, %d events, %d articles\n", cJSON_GetArraySize(exs),
            cJSON_GetArraySize(evs), cJSON_GetArraySize(arts));
    assert_true(cJSON_GetArraySize(exs) >= MIN_EXCERPTS);
    assert_true(cJSON_GetArraySize(evs) >= MIN_EVENTS);

    articles_need("that every article file is in the bundle with its excerpts");
    char names[MAX_ARTICLES][128];
    size_t n = list_articles(names);
    /* Every file is one of the bundle's articles, and every article has its file. */
    assert_int_equal(n, (size_t)cJSON_GetArraySize(arts));
    for (size_t i = 0; i < n; i++) {
        bool listed = false;
        const cJSON *a;
        cJSON_ArrayForEach(a, arts) listed = listed || (str_of(a, "file") && strcmp(str_of(a, "file"), names[i]) == 0);
        if (!listed)
            fprintf(stderr, "article %s is not in the bundle\n", names[i]);
        assert_true(listed);
        int count = 0;
        const cJSON *e;
        cJSON_ArrayForEach(e, exs) count += str_of(e, "article") && strcmp(str_of(e, "article"), names[i]) == 0;
        if (count < MIN_EXCERPTS_PER_ARTICLE)
            fprintf(stderr, "article %s has %d excerpts\n", names[i], count);
        assert_true(count >= MIN_EXCERPTS_PER_ARTICLE);
    }
}

/* n as the READMEs write a small number in prose ("five eras"). */
static const char *number_word(int n, char *buf, size_t len)
{
    static const char *const words[] = {"no",  "one",   "two",   "three", "four", "five",
                                        "six", "seven", "eight", "nine",  "ten"};
    if (n >= 0 && n <= 10)
        return words[n];
    snprintf(buf, len, "%d", n);
    return buf;
}

/* The text of file `path` with every run of white space (line breaks too)
 * folded into one space, so a sentence is found wherever its lines wrap. */
static char *folded(const char *path)
{
    char *s = subproc_read_file(path, NULL);
    if (!s)
        fail_msg("cannot read %s", path);
    size_t o = 0;
    for (size_t i = 0; s[i]; i++) {
        bool space = s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r';
        if (!space)
            s[o++] = s[i];
        else if (o > 0 && s[o - 1] != ' ')
            s[o++] = ' ';
    }
    s[o] = '\0';
    return s;
}

/* Fails unless the folded text of `path` holds `phrase`. */
static void assert_states(const char *path, const char *phrase)
{
    char *text = folded(path);
    bool found = strstr(text, phrase) != NULL;
    free(text);
    if (!found)
        fail_msg("%s does not say \"%s\", the size of " CONTENT "/ as it is: correct the numbers there", path,
                 phrase);
}

/* The sizes the READMEs give for the exhibit are the bundle's. */
static void test_readmes_state_the_size(void **state)
{
    (void)state;
    assert_non_null(doc);
    int articles = cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(doc, "articles"));
    int excerpts = cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(doc, "excerpts"));
    const cJSON *evs = cJSON_GetObjectItemCaseSensitive(doc, "events");
    int events = cJSON_GetArraySize(evs);
    int eras = cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(doc, "eras"));
    const char *first = str_of(cJSON_GetArrayItem(evs, 0), "date");
    const char *last = str_of(cJSON_GetArrayItem(evs, events - 1), "date");
    assert_true(first && last && strlen(first) >= 4 && strlen(last) >= 4);
    char phrase[300], w1[16], w2[16];
    snprintf(phrase, sizeof phrase,
             "itself: %d articles, %d verbatim excerpts, a %d-event timeline from %.4s to %.4s in %s eras,",
             articles, excerpts, events, first, last, number_word(eras, w1, sizeof w1));
    assert_states("README.md", phrase);
    const char *n_articles = number_word(articles, w2, sizeof w2);
    snprintf(phrase, sizeof phrase, "| `articles.yaml` | the %s source articles:", n_articles);
    assert_states(CONTENT "/README.md", phrase);
    snprintf(phrase, sizeof phrase, "The exhibit says only what its %s articles say.", n_articles);
    assert_states(CONTENT "/README.md", phrase);
    snprintf(phrase, sizeof phrase, "so all %d excerpts and %d events in both languages", excerpts, events);
    assert_states(CONTENT "/README.md", phrase);
}

/* ---- the normalisation of content/README.md "Text", written again in the
 * plainest way (byte patterns), so a bug in content/verbatim.c cannot hide a
 * misquotation here. ---- */

static bool page_number_line(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!(c >= '0' && c <= '9') && c != ' ' && c != '\t' && c != '\r')
            return false;
    }
    return true;
}

static char *normalise(const char *s, bool article)
{
    size_t n = strlen(s);
    char *out = malloc(n + 1);
    assert_non_null(out);
    size_t o = 0;
    const char *line = s;
    while (line < s + n) {
        const char *eol = strchr(line, '\n');
        if (!eol)
            eol = s + n;
        if (!(article && page_number_line(line, (size_t)(eol - line)))) {
            for (const unsigned char *p = (const unsigned char *)line; p < (const unsigned char *)eol;) {
                if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\v' || *p == '\f') {
                    p++;
                } else if (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80) { /* U+3000 */
                    p += 3;
                } else if (p[0] == 0xC2 && p[1] == 0xA0) { /* U+00A0 */
                    p += 2;
                } else if (p[0] == 0xEE || (p[0] == 0xEF && p[1] >= 0x80 && p[1] <= 0xA3)) {
                    p += 3; /* private use, U+E000-F8FF */
                } else if (p[0] == 0xEF && p[1] == 0xBC && p[2] >= 0x90 && p[2] <= 0x99) {
                    out[o++] = (char)('0' + (p[2] - 0x90)); /* U+FF10-FF19 */
                    p += 3;
                } else if (p[0] == 0xEF && p[1] == 0xBC && p[2] >= 0xA1 && p[2] <= 0xBA) {
                    out[o++] = (char)('A' + (p[2] - 0xA1)); /* U+FF21-FF3A */
                    p += 3;
                } else if (p[0] == 0xEF && p[1] == 0xBD && p[2] >= 0x81 && p[2] <= 0x9A) {
                    out[o++] = (char)('a' + (p[2] - 0x81)); /* U+FF41-FF5A */
                    p += 3;
                } else {
                    out[o++] = (char)*p++;
                }
            }
        }
        line = eol + 1;
    }
    out[o] = '\0';
    return out;
}

typedef struct {
    char name[128];
    char *norm;
} source_text;

static const char *find_source(source_text *src, size_t n, const char *file)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(src[i].name, file) == 0)
            return src[i].norm;
    return NULL;
}

static int verify(source_text *src, size_t n, const char *file, const char *text,
                  const char *what, const char *id)
{
    const char *article = file ? find_source(src, n, file) : NULL;
    if (!article || !text) {
        fprintf(stderr, "%s %s: article %s not found\n", what, id, file ? file : "(none)");
        return 1;
    }
    char *q = normalise(text, false);
    int bad = strstr(article, q) == NULL;
    if (bad)
        fprintf(stderr, "%s %s: not verbatim in %s: %s\n", what, id, file, text);
    free(q);
    return bad;
}

static void test_verbatim(void **state)
{
    (void)state;
    assert_non_null(doc);
    articles_need("every excerpt and quote of the bundle, verbatim in its article");
    char names[MAX_ARTICLES][128];
    size_t n = list_articles(names);
    assert_true(n > 0);
    source_text src[MAX_ARTICLES];
    for (size_t i = 0; i < n; i++) {
        char path[4096];
        int k = snprintf(path, sizeof path, "%s/%s", articles_dir(), names[i]);
        assert_true(k > 0 && (size_t)k < sizeof path);
        char *raw = subproc_read_file(path, NULL);
        assert_non_null(raw);
        k = snprintf(src[i].name, sizeof src[i].name, "%s", names[i]);
        assert_true(k > 0 && (size_t)k < sizeof src[i].name);
        src[i].norm = normalise(raw, true);
        free(raw);
    }
    int bad = 0, checked = 0;
    const cJSON *e;
    cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(doc, "excerpts")) {
        bad += verify(src, n, str_of(e, "article"), str_of(e, "text"), "excerpt", str_of(e, "id"));
        checked++;
    }
    const cJSON *ev;
    cJSON_ArrayForEach(ev, cJSON_GetObjectItemCaseSensitive(doc, "events")) {
        const cJSON *s;
        cJSON_ArrayForEach(s, cJSON_GetObjectItemCaseSensitive(ev, "sources")) {
            bad += verify(src, n, str_of(s, "article"), str_of(s, "quote"), "event", str_of(ev, "id"));
            checked++;
        }
    }
    fprintf(stderr, "content: %d texts and quotes checked verbatim, %d not found\n", checked, bad);
    for (size_t i = 0; i < n; i++)
        free(src[i].norm);
    assert_true(checked >= MIN_EXCERPTS + MIN_EVENTS);
    assert_int_equal(bad, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_check_passes),
        cmocka_unit_test(test_size),
        cmocka_unit_test(test_readmes_state_the_size),
        cmocka_unit_test(test_verbatim),
    };
    return cmocka_run_group_tests_name("content", tests, setup, teardown);
}
