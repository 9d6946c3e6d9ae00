/* The committed broken-bundle corpus, tests/broken/, is what its generator,
 * toolchain/gen-broken-bundles.sh, makes today: the generator runs into a
 * temporary directory and its output is compared with the corpus file by
 * file, names and bytes; the first difference is named. A change to the
 * minimal bundle or to a case that was not followed by a run of the
 * generator fails here, not later as a puzzling test of the wrong bundle.
 *
 * Only files are compared: git keeps no empty directory, and one case
 * (audio-missing) makes one. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <cmocka.h>

#include "support/subproc.h"
#include "support/testbundles.h"
#include "support/scratch.h"

#define GENERATOR "toolchain/gen-broken-bundles.sh"
#define MAX_FILES 4096

typedef struct {
    char *path[MAX_FILES]; /* relative to the tree's root, sorted */
    size_t n;
} file_list;

/* Appends the regular files below root/rel (rel "" for root itself). */
static void list_files(const char *root, const char *rel, file_list *l)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s%s%s", root, *rel ? "/" : "", rel);
    DIR *d = opendir(dir);
    if (!d)
        fail_msg("cannot open %s", dir);
    struct dirent *e;
    while ((e = readdir(d))) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char sub[4096], full[8192];
        snprintf(sub, sizeof sub, "%s%s%s", rel, *rel ? "/" : "", e->d_name);
        snprintf(full, sizeof full, "%s/%s", root, sub);
        struct stat st;
        if (lstat(full, &st) != 0)
            fail_msg("cannot stat %s", full);
        if (S_ISDIR(st.st_mode)) {
            list_files(root, sub, l);
        } else {
            if (!S_ISREG(st.st_mode))
                fail_msg("%s is not a regular file", full);
            if (l->n == MAX_FILES)
                fail_msg("more than %d files below %s", MAX_FILES, root);
            l->path[l->n++] = strdup(sub);
        }
    }
    closedir(d);
}

static int path_cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void list_tree(const char *root, file_list *l)
{
    l->n = 0;
    list_files(root, "", l);
    qsort(l->path, l->n, sizeof l->path[0], path_cmp);
}

static void free_list(file_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->path[i]);
    l->n = 0;
}

/* The first difference between the files made (in made/) and committed
 * (in TESTBUNDLES_BROKEN/), as a sentence in msg; false when there is none. */
static bool first_difference(const char *made, const file_list *a, const file_list *b, char *msg, size_t len)
{
    size_t i = 0, j = 0;
    while (i < a->n || j < b->n) {
        int c = i == a->n ? 1 : j == b->n ? -1 : strcmp(a->path[i], b->path[j]);
        if (c < 0) {
            snprintf(msg, len, "the generator makes %s, which " TESTBUNDLES_BROKEN "/ does not hold",
                     a->path[i]);
            return true;
        }
        if (c > 0) {
            snprintf(msg, len, TESTBUNDLES_BROKEN "/%s is not made by the generator", b->path[j]);
            return true;
        }
        char pa[8192], pb[8192];
        snprintf(pa, sizeof pa, "%s/%s", made, a->path[i]);
        snprintf(pb, sizeof pb, TESTBUNDLES_BROKEN "/%s", b->path[j]);
        size_t na, nb;
        char *da = subproc_read_file(pa, &na), *db = subproc_read_file(pb, &nb);
        if (!da || !db)
            fail_msg("cannot read %s", da ? pb : pa);
        size_t k = 0;
        while (k < na && k < nb && da[k] == db[k])
            k++;
        bool differ = k < na || k < nb;
        if (differ)
            snprintf(msg, len,
                     TESTBUNDLES_BROKEN "/%s differs from the generator's at byte %zu (%zu bytes made, "
                                        "%zu committed)",
                     b->path[j], k, na, nb);
        free(da);
        free(db);
        if (differ)
            return true;
        i++;
        j++;
    }
    return false;
}

static void test_corpus_is_generated(void **state)
{
    (void)state;
    char tmp[4096], made[4200];
    assert_true(subproc_tmpdir(tmp, sizeof tmp));
    snprintf(made, sizeof made, "%s/broken", tmp);
    int st = subproc_shell("sh " GENERATOR " %s >%s/gen.log 2>&1", made, tmp);
    if (st != 0) {
        char log[4300];
        snprintf(log, sizeof log, "%s/gen.log", tmp);
        char *text = subproc_read_file(log, NULL);
        fail_msg(GENERATOR " failed (exit %d):\n%s", st, text ? text : "");
    }
    static file_list a, b;
    list_tree(made, &a);
    list_tree(TESTBUNDLES_BROKEN, &b);
    char msg[9000];
    bool differ = first_difference(made, &a, &b, msg, sizeof msg);
    size_t files = a.n;
    free_list(&a);
    free_list(&b);
    scratch_rm_rf(tmp);
    if (differ)
        fail_msg("%s: the committed corpus is stale; run `sh " GENERATOR "` and commit tests/broken/", msg);
    assert_true(files > 0);
}

/* Every case is found by its name (tests/support/testbundles.h): NN-NAME
 * with a name no other case has. */
static void test_cases_found_by_name(void **state)
{
    (void)state;
    DIR *d = opendir(TESTBUNDLES_BROKEN);
    assert_non_null(d);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        const char *dash = strchr(e->d_name, '-');
        if (!dash)
            fail_msg(TESTBUNDLES_BROKEN "/%s is not NN-NAME", e->d_name);
        char want[600], got[600];
        snprintf(want, sizeof want, TESTBUNDLES_BROKEN "/%s", e->d_name);
        assert_string_equal(testbundles_broken(dash + 1, got, sizeof got), want);
        n++;
    }
    closedir(d);
    assert_true(n > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_corpus_is_generated),
        cmocka_unit_test(test_cases_found_by_name),
    };
    return cmocka_run_group_tests_name("corpus", tests, NULL, NULL);
}
