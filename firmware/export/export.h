/* bundle_export: a loaded bundle as one normalised JSON document, the output
 * of `--check DIR --export`. Tools and tests read this instead of parsing the
 * YAML themselves, so they see the bundle exactly as the kiosk does:
 *
 *   {"bundle":   {"id","version","title":{"zh","en"},"default_language",
 *                 "idle_timeout","idle_countdown","attract":{...,"order":[...]},
 *                 "theme":{...},"accessibility":{...}},
 *    "articles": [{"id","file","title":{..},"authors":{..},"venue":{..},"date"}],
 *    "excerpts": [{"id","article","heading":{"zh","en"},"section","notes",
 *                  "summary":{"en"},"text","audio"}],
 *    "eras":     [{"id","from","to","title":{..}}],
 *    "events":   [{"id","date","precision","title":{..},"summary":{..},"category",
 *                  "track","highlight","sources":[{"article","quote"}],"audio"}],
 *    "strings":  {"key":{"zh","en"},...}}
 *
 * `article` in excerpts and sources is the source FILE NAME (what a reader of
 * the export needs to find the text); an excerpt's paragraphs are joined with
 * "\n\n". "audio" is {"zh","en"}, each null or {"file","seconds","marks"}
 * (marks null when not given). Absent optional fields are null. The operator PIN is left out: the
 * export may be shared more widely than the bundle. */
#ifndef EXPORT_EXPORT_H
#define EXPORT_EXPORT_H

#include "content/model.h"
#include "core/jsonw.h"

void bundle_export_json(const bundle *b, jsonw *w);

#endif
