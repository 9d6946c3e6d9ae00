/* uistrings: bundle strings with defaults for the optional keys (ui/uistrings.h). */
#include "ui/uistrings.h"

#include <string.h>

/* The optional keys the screens use, with the default bundle's wording. */
static const struct {
    const char *key, *zh, *en;
} defaults[] = {
    {"accessibility", "无障碍", "Access"},
    {"event_count", "%d 个事件", "%d events"},
    {"excerpt_count", "%d 段摘录", "%d excerpts"},
    {"listen", "朗读", "Listen"},
    {"not_dated", "未注明", "not dated"},
    {"operator_pin", "请输入管理员密码", "Enter operator PIN"},
    {"operator_reach", "坐姿可及模式", "Reach mode"},
    {"operator_test_sound", "测试声音", "Test sound"},
    {"original", "原文", "Original (Chinese)"},
    {"original_note", "文章原话，一字未改", "The article's own words, verbatim"},
    {"pause", "暂停", "Pause"},
    {"scroll_hint", "上下滑动，继续阅读", "Scroll to keep reading"},
    {"section", "章节", "Section"},
    {"summary", "摘要说明", "Summary"},
    {"summary_note", "展方撰写，并非译文", "In the exhibit's words, not a translation"},
    {"today", "今天", "Today"},
};

const char *uistrings_default(const char *key, bundle_lang lang)
{
    for (size_t i = 0; key && i < sizeof defaults / sizeof defaults[0]; i++)
        if (strcmp(defaults[i].key, key) == 0)
            return lang == BUNDLE_EN ? defaults[i].en : defaults[i].zh;
    return NULL;
}

const char *uistrings_get(const bundle *b, const char *key, bundle_lang lang)
{
    const char *s = bundle_string(b, key, lang);
    if (key && s == key) { /* not in the bundle */
        const char *d = uistrings_default(key, lang);
        if (d)
            return d;
    }
    return s;
}
