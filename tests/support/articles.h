/* articles: where the tests find the source articles the exhibit quotes.
 *
 * They are the publishers' texts and stay outside the repository: the
 * directory is $ARTICLES when set, else ../shared/articles (beside a clone,
 * as the project's machines have it). A test that needs them calls
 * articles_need() first: without the directory the test is skipped, and
 * says what it did not check (cmocka reports it as skipped and
 * toolchain/run-tests.sh names it in the suite's last line), unless
 * $ARTICLES_REQUIRED is set (CI's .ci/run sets it), where a missing
 * directory fails the test instead, so that CI never skips them. */
#ifndef TESTS_SUPPORT_ARTICLES_H
#define TESTS_SUPPORT_ARTICLES_H

#include <stdbool.h>

#define ARTICLES_DEFAULT_DIR "../shared/articles"

/* The articles' directory ($ARTICLES or ARTICLES_DEFAULT_DIR). */
const char *articles_dir(void);

/* True when articles_dir() is a directory. */
bool articles_present(void);

/* Returns when the articles are present; otherwise skips the calling test
 * (what: what it would have checked, for the message) or, with
 * $ARTICLES_REQUIRED set, fails it. Call from a test function only. */
void articles_need(const char *what);

#endif
