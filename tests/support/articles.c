/* articles: the source articles' directory for the tests (support/articles.h). */
#include "support/articles.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

const char *articles_dir(void)
{
    const char *d = getenv("ARTICLES");
    return d && *d ? d : ARTICLES_DEFAULT_DIR;
}

bool articles_present(void)
{
    struct stat st;
    return stat(articles_dir(), &st) == 0 && S_ISDIR(st.st_mode);
}

void articles_need(const char *what)
{
    if (articles_present())
        return;
    const char *req = getenv("ARTICLES_REQUIRED");
    if (req && *req)
        fail_msg("no source articles in %s (set ARTICLES), and ARTICLES_REQUIRED is set, so this is not "
                 "skipped: %s",
                 articles_dir(), what);
    print_message("SKIPPED (no source articles in %s; set ARTICLES to their directory): not checked: %s\n",
                  articles_dir(), what);
    skip();
}
