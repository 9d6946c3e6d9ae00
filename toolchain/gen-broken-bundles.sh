#!/bin/sh
# Generates tests/broken/: one bundle per kind of mistake a curator can make.
# Each case copies tests/bundles/minimal/ (a valid bundle), applies ONE change
# with sed/printf, and writes expected.txt with the diagnostic the validator
# must give, as one line:
#
#   SEVERITY FILE LINE MESSAGE-SUBSTRING
#
# SEVERITY is error or warning (a warning-only bundle must still load), FILE
# the file name inside the bundle ("." for the bundle directory itself), LINE
# the line the message must name (0: the file as a whole).
#
# The output is committed, so tests read it without running this script. Run
# it again (from the repository root) after changing the minimal bundle or a
# case here:
#   sh toolchain/gen-broken-bundles.sh [OUT]
# OUT (default tests/broken) is removed and made anew. Cases are numbered in
# the order they are made (NN-NAME), so tests name a case, never its number
# (tests/support/testbundles.h), and tests/test_corpus.c checks that the
# committed corpus is this script's output.
set -eu
export LC_ALL=C
src=tests/bundles/minimal
out=${1:-tests/broken}
[ -f "$src/manifest.yaml" ] || { echo "run from the repository root" >&2; exit 1; }
rm -rf "$out"
mkdir -p "$out"
n=0
cur=""

# mk NAME: start a case as a copy of the minimal bundle.
mk() {
    n=$((n + 1))
    cur="$out/$(printf '%02d' "$n")-$1"
    cp -r "$src" "$cur"
}

# ln FILE TEXT: number of the first line of FILE (in the case) holding TEXT.
ln() {
    grep -nF -- "$2" "$cur/$1" | head -n 1 | cut -d: -f1
}

# ed FILE SED-SCRIPT: edit a file of the case in place.
ed() {
    sed -i -e "$2" "$cur/$1"
}

# expect SEVERITY FILE LINE SUBSTRING
expect() {
    [ -n "$3" ] || { echo "$cur: no line for the expectation" >&2; exit 1; }
    printf '%s %s %s %s\n' "$1" "$2" "$3" "$4" > "$cur/expected.txt"
}

# --- YAML syntax ------------------------------------------------------------
mk yaml-unclosed-quote
ed manifest.yaml 's/^  pin: "2468"$/  pin: "2468/'
# libyaml reaches the end of the file still inside the string; the message
# names the line where the string began.
expect error manifest.yaml "$(($(wc -l < "$cur/manifest.yaml") + 1))" "while scanning a quoted scalar (line $(ln manifest.yaml 'pin:'))"

mk yaml-bad-indent
l=$(ln excerpts.yaml 'article: a-norms')
ed excerpts.yaml "${l}s/^    article/      article/"
expect error excerpts.yaml "$l" "syntax error"

mk yaml-tab-indent
l=$(ln timeline.yaml 'track: government')
ed timeline.yaml "${l}s/^    track/\ttrack/"
expect error timeline.yaml "$l" "syntax error"

mk yaml-unclosed-flow
l=$(ln strings.yaml '  home:')
ed strings.yaml "${l}s/en: Home}/en: Home/"
expect error strings.yaml "$((l + 1))" "syntax error"

mk yaml-anchor
l=$(ln articles.yaml 'authors: {zh: 未署名')
ed articles.yaml "${l}s/authors: {/authors: \&who {/"
expect error articles.yaml "$l" "anchors (&name) are not supported"

mk yaml-two-documents
printf -- '---\nid: second-document\n' >> "$cur/manifest.yaml"
expect error manifest.yaml "$(ln manifest.yaml '---')" "more than one YAML document"

mk yaml-empty-file
: > "$cur/excerpts.yaml"
expect error excerpts.yaml 0 "the file is empty"

mk yaml-top-level-list
printf -- '- home\n- back\n' > "$cur/strings.yaml"
expect error strings.yaml 1 "expected a mapping (key: value lines) at the top of the file, got a list"

# --- fields and types -----------------------------------------------------
mk missing-field
l=$(ln excerpts.yaml 'heading: {zh: 合作与分歧')
ed excerpts.yaml "${l}d"
expect error excerpts.yaml "$(ln excerpts.yaml 'id: ex-common')" "excerpt 'ex-common': missing required field 'heading'"

mk mistyped-list-for-mapping
l=$(ln articles.yaml 'title: {zh: 网络空间规则的演进')
ed articles.yaml "${l}s/title: {zh: 网络空间规则的演进, en: The evolution of cyberspace rules}/title: [网络空间规则的演进, The evolution of cyberspace rules]/"
expect error articles.yaml "$l" "'title': expected a mapping with zh and en, got a list"

mk mistyped-number
ed manifest.yaml 's/^idle_timeout: 60$/idle_timeout: sixty/'
expect error manifest.yaml "$(ln manifest.yaml 'idle_timeout:')" "'idle_timeout': expected a whole number, got 'sixty'"

mk mistyped-boolean
ed timeline.yaml 's/^    highlight: true$/    highlight: yes/'
expect error timeline.yaml "$(ln timeline.yaml 'highlight:')" "'highlight': expected a boolean (true or false), got 'yes'"

mk number-out-of-range
ed manifest.yaml 's/^idle_timeout: 60$/idle_timeout: 5/'
expect error manifest.yaml "$(ln manifest.yaml 'idle_timeout:')" "'idle_timeout' is 5, outside the range 10..3600"

mk unknown-key-warning
l=$(ln timeline.yaml 'title: {zh: 对话机制')
ed timeline.yaml "${l}a\\    titel: 多余的键"
expect warning timeline.yaml "$((l + 1))" "unknown key 'titel' (did you mean 'title'?)"

mk duplicate-key
printf 'idle_timeout: 30\n' >> "$cur/manifest.yaml"
expect error manifest.yaml "$(wc -l < "$cur/manifest.yaml")" "duplicate key 'idle_timeout'"

mk string-field-empty
ed timeline.yaml 's/^      zh: 双方同意定期会面。$/      zh:/'
# the emptied line is the zh summary of ev-2015-mechanism, 3 lines below its zh title
expect error timeline.yaml "$(($(ln timeline.yaml 'zh: 两国建立网络安全对话机制') + 3))" "'zh': expected a string, got nothing"

# --- dates and order ------------------------------------------------------
mk date-month-13
ed timeline.yaml 's/^    date: 2015-12-01$/    date: 2015-13-01/'
expect error timeline.yaml "$(ln timeline.yaml 'date: 2015-13-01')" "month 13 is not 1..12"

mk date-february-30
ed timeline.yaml 's/^    date: 2015-12-01$/    date: 2015-02-30/'
expect error timeline.yaml "$(ln timeline.yaml 'date: 2015-02-30')" "day 30 does not exist (February 2015 has 28 days)"

mk date-not-a-date
ed timeline.yaml 's/^    date: 2015$/    date: mid-2015/'
expect error timeline.yaml "$(ln timeline.yaml 'date: mid-2015')" "'mid-2015' is not a date"

mk date-year-range
ed timeline.yaml 's/^    date: 2013$/    date: 1850/'
expect error timeline.yaml "$(ln timeline.yaml 'date: 1850')" "year 1850 is outside 1900..2100"

mk events-out-of-order
ed timeline.yaml 's/^    date: 2015-12-01$/    date: 2014-06/'
expect error timeline.yaml "$(ln timeline.yaml 'date: 2014-06')" "is dated before the event above it, 'ev-2015-mechanism'"

mk era-overlap
ed timeline.yaml 's/^    from: 2015$/    from: 2014/'
expect error timeline.yaml "$(ln timeline.yaml 'from: 2014')" "overlaps era 'era-norms'"

mk era-reversed
ed timeline.yaml 's/^    to: 2017$/    to: 2012/'
expect error timeline.yaml "$(ln timeline.yaml 'to: 2012')" "ends (2012) before it begins (2015)"

# --- ids and references ---------------------------------------------------
mk duplicate-id
ed excerpts.yaml 's/^  - id: ex-common$/  - id: ex-origin/'
expect error excerpts.yaml "$(grep -nF 'id: ex-origin' "$cur/excerpts.yaml" | sed -n 2p | cut -d: -f1)" "duplicate id 'ex-origin'"

mk duplicate-id-across-files
ed timeline.yaml 's/^  - id: era-norms$/  - id: ex-norms/'
expect error timeline.yaml "$(ln timeline.yaml 'id: ex-norms')" "duplicate id 'ex-norms' (already used at"

mk invalid-id-form
ed excerpts.yaml 's/^  - id: ex-common$/  - id: Ex_common/'
expect error excerpts.yaml "$(ln excerpts.yaml 'id: Ex_common')" "character 'E' (U+0045) is not allowed"

mk dangling-excerpt-article
ed excerpts.yaml 's/^    article: a-norms$/    article: a-norm/'
expect error excerpts.yaml "$(ln excerpts.yaml 'article: a-norm')" "article 'a-norm' does not exist in articles.yaml (did you mean 'a-norms'?)"

mk dangling-source-article
l=$(ln timeline.yaml '- article: a-norms')
ed timeline.yaml "${l}s/a-norms/a-rules/"
expect error timeline.yaml "$l" "article 'a-rules' does not exist"

mk dangling-attract-excerpt
ed manifest.yaml 's/^    - excerpt: ex-norms$/    - excerpt: ex-rules/'
expect error manifest.yaml "$(ln manifest.yaml 'excerpt: ex-rules')" "excerpt 'ex-rules' does not exist in excerpts.yaml"

mk dangling-attract-event
ed manifest.yaml 's/^    - event: ev-2013-gge$/    - event: ev-2013/'
expect error manifest.yaml "$(ln manifest.yaml 'event: ev-2013')" "event 'ev-2013' does not exist in timeline.yaml"

# --- text -----------------------------------------------------------------
mk invalid-utf8
l=$(ln excerpts.yaml 'text: 专家认为')
before=$(head -n $((l - 1)) "$cur/excerpts.yaml" | wc -c)
ed excerpts.yaml "${l}s/^    text: /    text: \xff/"
expect error excerpts.yaml "$l" "invalid UTF-8 at byte offset $((before + 10))"

mk quote-not-in-article
ed timeline.yaml 's/^        quote: 两国政府于2015年建立了网络安全对话机制。$/        quote: 两国政府于2015年建立了网络对话机制。/'
expect error timeline.yaml "$(ln timeline.yaml 'quote: 两国政府于2015年')" "quote not found in 001_minimal_dialogue.txt; the first 15 characters match, then '对' (U+5BF9) differs (the article has '安' (U+5B89))"

mk excerpt-text-not-in-article
ed excerpts.yaml 's/^    text: 专家认为，合作与分歧并存是这一领域的常态。$/    text: 专家认为，合作与竞争并存是这一领域的常态。/'
expect error excerpts.yaml "$(ln excerpts.yaml 'text: 专家认为')" "text not found in 001_minimal_dialogue.txt; the first 8 characters match, then '竞' (U+7ADE) differs"

mk char-not-in-fonts
ed excerpts.yaml 's/^      zh: 对话的起点$/      zh: 对话的起点𠀀/'
expect error excerpts.yaml "$(ln excerpts.yaml 'zh: 对话的起点')" "character '𠀀' (U+20000) is not in the fonts"

mk private-use-char
ed strings.yaml "s/^  back: {zh: 返回, en: Back}$/  back: {zh: 返回$(printf '\356\200\200'), en: Back}/"
expect error strings.yaml "$(ln strings.yaml '  back:')" "(U+E000) is not in the fonts"

mk heading-too-long
ed excerpts.yaml 's/^      zh: 国际法适用于网络空间$/      zh: 国际法适用于网络空间这一原则在联合国政府专家组报告中得到确认/'
expect error excerpts.yaml "$(ln excerpts.yaml 'zh: 国际法适用于网络空间这')" "is 30 characters long, more than the limit of 24"

mk english-title-glued
l=$(ln timeline.yaml 'en: The two countries set up a cybersecurity dialogue')
ed timeline.yaml "${l}s/en: .*/en: |-/"
ed timeline.yaml "${l}a\\        The two countries set up\\n        a cybersecurity dialogue"
expect warning timeline.yaml "$l" "joins two words without a space"

# --- files ----------------------------------------------------------------
mk oversized-file
i=0
while [ "$(wc -c < "$cur/strings.yaml")" -le $((1024 * 1024)) ]; do
    yes '# padding: this comment makes the file larger than the limit of one mebibyte' |
        head -n 2000 >> "$cur/strings.yaml"
    i=$((i + 1))
done
expect error strings.yaml 0 "larger than the limit of 1048576 bytes"

mk empty-bundle
rm -rf "$cur"/*
expect error . 0 "not a bundle: none of manifest.yaml"

mk missing-manifest
rm "$cur/manifest.yaml"
expect error manifest.yaml 0 "missing manifest.yaml"

mk missing-timeline
rm "$cur/timeline.yaml"
expect error timeline.yaml 0 "missing file: a bundle needs timeline.yaml"

mk missing-source-file
ed articles.yaml 's/^    file: 002_minimal_norms.txt$/    file: 009_missing.txt/'
expect error articles.yaml "$(ln articles.yaml 'file: 009_missing.txt')" "source file '009_missing.txt' not found"

mk missing-required-string
ed strings.yaml '/^  idle_title:/d'
expect error strings.yaml 1 "missing required string 'idle_title'"

# --- values ---------------------------------------------------------------
mk bad-colour
ed manifest.yaml 's/^  accent: "#d9a441"$/  accent: "#d9a44"/'
expect error manifest.yaml "$(ln manifest.yaml 'accent:')" "'#d9a44' is not a colour"

mk colour-unquoted
ed manifest.yaml 's/^    policy: "#8cc068"$/    policy: #8cc068/'
expect error manifest.yaml "$(ln manifest.yaml 'policy:')" "put the colour in quotes"

mk bad-category
ed timeline.yaml 's/^    category: multilateral$/    category: multilaterel/'
expect error timeline.yaml "$(ln timeline.yaml 'category: multilaterel')" "'multilaterel' is not one of dialogue, incident, policy, multilateral (did you mean 'multilateral'?)"

mk bad-track
l=$(ln timeline.yaml 'track: government')
ed timeline.yaml "${l}s/government/track3/"
expect error timeline.yaml "$l" "'track3' is not one of government, track2, multilateral"

mk bad-language
ed manifest.yaml 's/^default_language: zh$/default_language: fr/'
expect error manifest.yaml "$(ln manifest.yaml 'default_language:')" "'fr' is not one of zh, en"

mk bad-pin
ed manifest.yaml 's/^  pin: "2468"$/  pin: "24a8"/'
expect error manifest.yaml "$(ln manifest.yaml 'pin:')" "'pin' must be 4 to 8 digits, got '24a8'"

mk event-without-sources
l=$(ln timeline.yaml 'quote: 两国政府于2015年')
ed timeline.yaml "$((l - 1)),${l}d"
ed timeline.yaml "$((l - 2))s/^    sources:$/    sources: []/"
expect error timeline.yaml "$((l - 2))" "'sources' is empty"

# --- dates the articles do not state ------------------------------------------
mk date-not-in-quote
# 2012 is a valid date in order, but neither the quote nor the date_quote says it.
l=$(ln timeline.yaml 'date: 2013')
ed timeline.yaml "${l}s/2013/2012/"
expect error timeline.yaml "$l" "date 2012 is not in the quote or date_quote of ev-2013-gge"

mk date-wrong-month
# Day precision: the date_quote says 2015年12月1日, the event says November.
l=$(ln timeline.yaml 'date: 2015-12-01')
ed timeline.yaml "${l}s/2015-12-01/2015-11-01/"
expect error timeline.yaml "$l" "date 2015-11-01 is not in the quote or date_quote of ev-2015-12-meeting (the year 2015 is there, month 11 is not)"

mk date-quote-not-in-article
ed timeline.yaml 's/^        date_quote: 2015年12月1日，双方举行首次会面。$/        date_quote: 2015年12月1日，双方举行第二次会面。/'
expect error timeline.yaml "$(ln timeline.yaml 'date_quote: 2015年12月1日')" "date_quote not found in 001_minimal_dialogue.txt; the first 15 characters match, then '第' (U+7B2C) differs (the article has '首' (U+9996))"

# --- hostile characters (tests/test_hostile.c has the whole table) ----------
mk flag-in-heading
l=$(ln excerpts.yaml 'en: Where the dialogue began')
ed excerpts.yaml "${l}s/began/began \xF0\x9F\x87\xA8\xF0\x9F\x87\xB3/"
expect error excerpts.yaml "$l" "(U+1F1E8) is not in the fonts"

mk noncharacter-escape
l=$(ln excerpts.yaml 'en: Where the dialogue began')
ed excerpts.yaml "${l}s/en: Where the dialogue began/en: \"Where \\\\uFFFF began\"/"
expect error excerpts.yaml "$l" "(U+FFFF) is not in the fonts"

mk control-character-escape
l=$(ln excerpts.yaml 'en: Where the dialogue began')
ed excerpts.yaml "${l}s/en: Where the dialogue began/en: \"Where \\\\e[31m began\"/"
expect error excerpts.yaml "$l" "holds the control character U+001B"

# --- fields every excerpt needs ---------------------------------------------
mk excerpt-without-summary
l=$(ln excerpts.yaml 'text: 专家认为')
ed excerpts.yaml "$((l + 1))d"
expect error excerpts.yaml "$(ln excerpts.yaml 'id: ex-common')" "excerpt 'ex-common': missing required field 'summary'"

# --- narration files (content/load_audio.h) ---------------------------------
narr=tests/data/narration

# audio YAML [FILE]: inserts YAML (sed's escapes) as ex-origin's audio, after
# its summary (the first excerpt's last line), sets l to the summary's line,
# and puts FILE (when given) in the case's audio/ as ex-origin.zh.opus.
audio() {
    l=$(ln excerpts.yaml 'summary: {en: "A passage of the test bundle, summarised."}')
    ed excerpts.yaml "${l}a\\$1"
    mkdir -p "$cur/audio"
    [ -z "${2:-}" ] || cp "$2" "$cur/audio/ex-origin.zh.opus"
}

mk audio-missing
audio '    audio: {zh: audio/ex-origin.zh.opus}'
expect error excerpts.yaml "$((l + 1))" "excerpt 'ex-origin': 'audio' zh: audio/ex-origin.zh.opus: No such file or directory"

mk audio-not-opus
audio '    audio: {zh: audio/ex-origin.zh.opus}'
printf 'RIFF, but not a recording\n' > "$cur/audio/ex-origin.zh.opus"
expect error excerpts.yaml "$((l + 1))" "excerpt 'ex-origin': 'audio' zh: audio/ex-origin.zh.opus: not an Ogg Opus file"

mk audio-too-short
audio '    audio: {zh: audio/ex-origin.zh.opus}' "$narr/tone-1s.opus"
expect error excerpts.yaml "$((l + 1))" "audio/ex-origin.zh.opus lasts 1.0 s, far too short for its text (59 characters"

mk audio-marks-count
audio '    audio:\n      zh: {file: audio/ex-origin.zh.opus, marks: [0, 4.47]}' "$narr/ex-origin.zh.opus"
expect error excerpts.yaml "$((l + 2))" "excerpt 'ex-origin': 'audio' zh: 2 marks for 3 sentences"

echo "gen-broken-bundles: $n bundles in $out"
