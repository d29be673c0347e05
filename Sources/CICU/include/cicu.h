/*
 * cicu.h - Precis's narrow C API over the system ICU library.
 *
 * Only <stdint.h> types cross this boundary: ICU's own headers stay inside cicu.c, because they
 * clash with the ICU that Foundation bundles on Linux when a Swift file sees both.
 * Text is passed as UTF-16 code units (ICU's native form). Every function that can fail takes
 * an `error` out-parameter that receives ICU's error code (0 = success, > 0 = failure, < 0 = a
 * warning); `cicu_error_name` turns it into ICU's name for it.
 */
#ifndef PRECIS_CICU_H
#define PRECIS_CICU_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Normalization forms accepted by cicu_normalize. */
enum {
  CICU_FORM_NFC = 0,
  CICU_FORM_NFKC = 1,
  CICU_FORM_NFKC_CASEFOLD = 2,
  CICU_FORM_NFD = 3
};

/* Break iterator kinds accepted by cicu_breaker_open. */
enum {
  CICU_BREAK_SENTENCE = 0,
  CICU_BREAK_WORD = 1
};

/* Writes ICU's version ("72.1") into `out` (NUL-terminated, truncated to `capacity`). */
void cicu_version(char *out, int32_t capacity);

/* The symbolic name of an ICU error code, e.g. "U_ILLEGAL_CHAR_FOUND". Static storage. */
const char *cicu_error_name(int32_t error);

/*
 * Normalizes `source` into `dest` with the given form.
 * Returns the length of the result in code units. When it exceeds `capacity`, nothing useful is
 * written and the caller retries with a buffer of the returned size.
 */
int32_t cicu_normalize(int32_t form, const uint16_t *source, int32_t length,
                       uint16_t *dest, int32_t capacity, int32_t *error);

/* 1 when `source` is already in the given form (a quick check; no copy), else 0. */
int32_t cicu_is_normalized(int32_t form, const uint16_t *source, int32_t length, int32_t *error);

/* A break iterator kept open across texts (opening one costs more than iterating a sentence). */
typedef struct cicu_breaker cicu_breaker;

/* Opens a reusable break iterator of `kind` for `locale`; NULL with `error` set on failure. */
cicu_breaker *cicu_breaker_open(int32_t kind, const char *locale, int32_t *error);

/*
 * Walks all boundaries of `text` with `breaker` and writes every boundary after 0, in order, into
 * `offsets` (UTF-16 offsets; the last one is `length`). When `statuses` is not NULL it receives the
 * rule status of each boundary (for words: 0 = none/punctuation, 100.. = number, 200.. = letter,
 * 300.. = kana, 400.. = ideograph). `capacity` must be at least length + 1, which always suffices.
 * Returns the number of boundaries written, or -1 on error.
 */
int32_t cicu_breaker_run(cicu_breaker *breaker, const uint16_t *text, int32_t length, int32_t *offsets,
                         int32_t *statuses, int32_t capacity, int32_t *error);

/* Closes a breaker from cicu_breaker_open. */
void cicu_breaker_close(cicu_breaker *breaker);

/*
 * Guesses the charset of `bytes` with ICU's detector. Writes its name (e.g. "ISO-8859-1") into
 * `name` and its confidence (0-100) into `confidence`. Returns 1 when a charset was found, else 0.
 */
int32_t cicu_detect_charset(const char *bytes, int32_t length, char *name, int32_t name_capacity,
                            int32_t *confidence, int32_t *error);

/*
 * Decodes `bytes` in `charset` to UTF-16, stopping with an error (no substitution) at the first
 * byte sequence that is illegal in that charset. Returns the length of the result in code units;
 * when it exceeds `capacity` the caller retries with a buffer of the returned size.
 */
int32_t cicu_decode(const char *charset, const char *bytes, int32_t length,
                    uint16_t *dest, int32_t capacity, int32_t *error);

/*
 * Writes the month names ICU knows for `locale` (format and stand-alone forms, wide and abbreviated,
 * e.g. "Juni", "Jun." for "de") into `dest` as UTF-16, separated by '\n'. Returns the length in
 * code units; when it exceeds `capacity` the caller retries with a buffer of the returned size.
 */
int32_t cicu_month_names(const char *locale, uint16_t *dest, int32_t capacity, int32_t *error);

/* The weekday names ICU knows for `locale` ("Montag", "Mo." for "de"), as cicu_month_names writes them. */
int32_t cicu_weekday_names(const char *locale, uint16_t *dest, int32_t capacity, int32_t *error);

/*
 * Numbers as ICU's spell-out rules for `locale` write them ("sixty", "dwanaście", "三千"): 0 to 100,
 * the hundreds, thousands and ten thousands, 10^5 to 10^9 and 10^12, as cicu_month_names writes
 * its names.
 */
int32_t cicu_spelled_numbers(const char *locale, uint16_t *dest, int32_t capacity, int32_t *error);

/*
 * Converts UTF-8 `bytes` to UTF-16 (ill-formed sequences become U+FFFD). Returns the length in
 * code units; when it exceeds `capacity` the caller retries with a buffer of the returned size.
 */
int32_t cicu_utf8_to_utf16(const char *bytes, int32_t length, uint16_t *dest, int32_t capacity,
                           int32_t *error);

/*
 * For ascending UTF-16 `offsets` into `units`, writes the matching UTF-8 byte offsets and
 * code-point offsets (one pass over the text).
 */
void cicu_utf16_offsets_to_utf8(const uint16_t *units, int32_t length, const int32_t *offsets,
                                int32_t count, int32_t *utf8_offsets, int32_t *code_point_offsets);

/* Script classes counted by cicu_script_counts (ours, not ICU's UScriptCode numbers). */
enum {
  CICU_SCRIPT_OTHER = 0, CICU_SCRIPT_LATIN, CICU_SCRIPT_CYRILLIC, CICU_SCRIPT_GREEK,
  CICU_SCRIPT_HEBREW, CICU_SCRIPT_ARABIC, CICU_SCRIPT_DEVANAGARI, CICU_SCRIPT_BENGALI,
  CICU_SCRIPT_TAMIL, CICU_SCRIPT_HANGUL, CICU_SCRIPT_KANA, CICU_SCRIPT_HAN, CICU_SCRIPT_ARMENIAN,
  CICU_SCRIPT_GEORGIAN, CICU_SCRIPT_THAI, CICU_SCRIPT_GUJARATI, CICU_SCRIPT_GURMUKHI,
  CICU_SCRIPT_TELUGU, CICU_SCRIPT_KANNADA, CICU_SCRIPT_MALAYALAM, CICU_SCRIPT_SINHALA,
  CICU_SCRIPT_KHMER, CICU_SCRIPT_LAO, CICU_SCRIPT_MYANMAR, CICU_SCRIPT_ETHIOPIC, CICU_SCRIPT_TIBETAN,
  CICU_SCRIPT_COUNT
};

/*
 * Counts the letters of `text` (UTF-16) per script class with ICU's uscript_getScript, looking at
 * no more than `limit` letters. `counts` has CICU_SCRIPT_COUNT entries. Returns the letters seen.
 */
int32_t cicu_script_counts(const uint16_t *text, int32_t length, int32_t limit, int32_t *counts);

/* Fills `dest` (65,536 entries) with ICU's simple lowercase mapping of every BMP code unit. */
void cicu_lowercase_table(uint16_t *dest);

/* A calendar date and time read from text by cicu_parse_date. */
typedef struct {
  int32_t year, month, day, hour, minute, second;
  /* 1 when the text held a time of day, and 1 when it held a time zone. */
  int32_t has_time, has_zone;
  /* The zone's offset from UTC at that moment (standard plus daylight time), in seconds. */
  int32_t zone_offset_seconds;
} cicu_date;

/*
 * Reads the whole of `text` as a date with one of Precis's dateline patterns ("MMM d, yyyy HH:mm
 * VV", "d. MMMM yyyy", "yyyy-MM-dd", ...) in a fixed list of 11 locales (en de fr es it pt nl ru
 * pl sv da), trying `preferred_locale` first when it is one of them (may be NULL or ""). Returns 1 and fills `date` when a pattern matches the whole text,
 * else 0. Opened date formats are cached per thread.
 */
int32_t cicu_parse_date(const uint16_t *text, int32_t length, const char *preferred_locale,
                        cicu_date *date);

#ifdef __cplusplus
}
#endif

#endif /* PRECIS_CICU_H */
