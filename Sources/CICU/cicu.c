/* cicu.c - the only file in Precis that includes ICU's headers (see include/cicu.h). */
#include "cicu.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/ucal.h>
#include <unicode/udat.h>
#include <unicode/unum.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf16.h>
#include <unicode/ustring.h>
#include <unicode/unorm2.h>
#include <unicode/uversion.h>

void cicu_version(char *out, int32_t capacity) {
  UVersionInfo info;
  char text[U_MAX_VERSION_STRING_LENGTH];
  u_getVersion(info);
  u_versionToString(info, text);
  if (capacity <= 0) return;
  strncpy(out, text, (size_t)capacity - 1);
  out[capacity - 1] = '\0';
}

const char *cicu_error_name(int32_t error) { return u_errorName((UErrorCode)error); }

static const UNormalizer2 *normalizer_for(int32_t form, UErrorCode *status) {
  switch (form) {
    case CICU_FORM_NFKC: return unorm2_getNFKCInstance(status);
    case CICU_FORM_NFKC_CASEFOLD: return unorm2_getNFKCCasefoldInstance(status);
    case CICU_FORM_NFD: return unorm2_getNFDInstance(status);
    default: return unorm2_getNFCInstance(status);
  }
}

int32_t cicu_normalize(int32_t form, const uint16_t *source, int32_t length,
                       uint16_t *dest, int32_t capacity, int32_t *error) {
  UErrorCode status = U_ZERO_ERROR;
  const UNormalizer2 *normalizer = normalizer_for(form, &status);
  int32_t result = 0;
  if (U_SUCCESS(status)) {
    result = unorm2_normalize(normalizer, (const UChar *)source, length, (UChar *)dest, capacity,
                              &status);
  }
  /* A too-small buffer is reported through the returned length, not as an error. */
  if (status == U_BUFFER_OVERFLOW_ERROR || status == U_STRING_NOT_TERMINATED_WARNING) {
    status = U_ZERO_ERROR;
  }
  *error = (int32_t)status;
  return result;
}

int32_t cicu_is_normalized(int32_t form, const uint16_t *source, int32_t length, int32_t *error) {
  UErrorCode status = U_ZERO_ERROR;
  const UNormalizer2 *normalizer = normalizer_for(form, &status);
  UBool answer = 0;
  if (U_SUCCESS(status)) {
    answer = unorm2_isNormalized(normalizer, (const UChar *)source, length, &status);
  }
  *error = (int32_t)status;
  return answer ? 1 : 0;
}

int32_t cicu_detect_charset(const char *bytes, int32_t length, char *name, int32_t name_capacity,
                            int32_t *confidence, int32_t *error) {
  UErrorCode status = U_ZERO_ERROR;
  UCharsetDetector *detector = ucsdet_open(&status);
  int32_t found = 0;
  if (U_SUCCESS(status)) ucsdet_setText(detector, bytes, length, &status);
  const UCharsetMatch *match = U_SUCCESS(status) ? ucsdet_detect(detector, &status) : NULL;
  if (U_SUCCESS(status) && match != NULL) {
    const char *matched = ucsdet_getName(match, &status);
    int32_t score = ucsdet_getConfidence(match, &status);
    if (U_SUCCESS(status) && matched != NULL && name_capacity > 0) {
      strncpy(name, matched, (size_t)name_capacity - 1);
      name[name_capacity - 1] = '\0';
      *confidence = score;
      found = 1;
    }
  }
  if (detector != NULL) ucsdet_close(detector);
  *error = (int32_t)status;
  return found;
}

int32_t cicu_decode(const char *charset, const char *bytes, int32_t length,
                    uint16_t *dest, int32_t capacity, int32_t *error) {
  UErrorCode status = U_ZERO_ERROR;
  UConverter *converter = ucnv_open(charset, &status);
  int32_t result = 0;
  if (U_SUCCESS(status)) {
    ucnv_setToUCallBack(converter, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &status);
  }
  if (U_SUCCESS(status)) {
    result = ucnv_toUChars(converter, (UChar *)dest, capacity, bytes, length, &status);
  }
  if (status == U_BUFFER_OVERFLOW_ERROR || status == U_STRING_NOT_TERMINATED_WARNING) {
    status = U_ZERO_ERROR;
  }
  if (converter != NULL) ucnv_close(converter);
  *error = (int32_t)status;
  return result;
}

/* Appends `text` and a '\n' to the list at `dest` (as much as `capacity` holds; `length` counts all). */
static void append_line(uint16_t *dest, int32_t capacity, int32_t *length, const UChar *text, int32_t text_length) {
  for (int32_t k = 0; k < text_length; k++) {
    if (*length < capacity) dest[*length] = text[k];
    (*length)++;
  }
  if (*length < capacity) dest[*length] = '\n';
  (*length)++;
}

/* Writes the symbols of `types` for `locale`, each followed by '\n' (see cicu_month_names). */
static int32_t date_symbols(const char *locale, const UDateFormatSymbolType *types, size_t type_count, uint16_t *dest,
                            int32_t capacity, int32_t *error) {
  UErrorCode status = U_ZERO_ERROR;
  UDateFormat *format = udat_open(UDAT_DEFAULT, UDAT_DEFAULT, locale, NULL, 0, NULL, 0, &status);
  if (U_FAILURE(status)) {
    *error = (int32_t)status;
    return 0;
  }
  int32_t length = 0;
  UChar symbol[128];
  for (size_t t = 0; t < type_count; t++) {
    int32_t count = udat_countSymbols(format, types[t]);
    for (int32_t i = 0; i < count; i++) {
      UErrorCode symbolStatus = U_ZERO_ERROR;
      int32_t symbolLength = udat_getSymbols(format, types[t], i, symbol, 128, &symbolStatus);
      if (U_FAILURE(symbolStatus) || symbolLength <= 0 || symbolLength > 128) continue;
      append_line(dest, capacity, &length, symbol, symbolLength);
    }
  }
  udat_close(format);
  *error = 0;
  return length;
}

int32_t cicu_month_names(const char *locale, uint16_t *dest, int32_t capacity, int32_t *error) {
  const UDateFormatSymbolType types[] = {UDAT_MONTHS, UDAT_SHORT_MONTHS, UDAT_STANDALONE_MONTHS,
                                         UDAT_STANDALONE_SHORT_MONTHS};
  return date_symbols(locale, types, sizeof types / sizeof types[0], dest, capacity, error);
}

int32_t cicu_weekday_names(const char *locale, uint16_t *dest, int32_t capacity, int32_t *error) {
  const UDateFormatSymbolType types[] = {UDAT_WEEKDAYS, UDAT_SHORT_WEEKDAYS, UDAT_STANDALONE_WEEKDAYS,
                                         UDAT_STANDALONE_SHORT_WEEKDAYS};
  return date_symbols(locale, types, sizeof types / sizeof types[0], dest, capacity, error);
}

int32_t cicu_spelled_numbers(const char *locale, uint16_t *dest, int32_t capacity, int32_t *error) {
  UErrorCode status = U_ZERO_ERROR;
  UNumberFormat *format = unum_open(UNUM_SPELLOUT, NULL, 0, locale, NULL, &status);
  if (U_FAILURE(status)) {
    *error = (int32_t)status;
    return 0;
  }
  /* 0 to 100; the hundreds, the thousands and the ten thousands; 10^5 to 10^9 and 10^12. */
  int64_t numbers[160];
  int count = 0;
  for (int64_t n = 0; n <= 100; n++) numbers[count++] = n;
  for (int64_t n = 200; n <= 900; n += 100) numbers[count++] = n;
  for (int64_t n = 1000; n <= 9000; n += 1000) numbers[count++] = n;
  for (int64_t n = 10000; n <= 90000; n += 10000) numbers[count++] = n;
  for (int64_t n = 100000; n <= 1000000000LL; n *= 10) numbers[count++] = n;
  numbers[count++] = 1000000000000LL;
  int32_t length = 0;
  UChar spelled[256];
  for (int i = 0; i < count; i++) {
    UErrorCode numberStatus = U_ZERO_ERROR;
    int32_t spelledLength = unum_formatInt64(format, numbers[i], spelled, 256, NULL, &numberStatus);
    if (U_FAILURE(numberStatus) || spelledLength <= 0 || spelledLength > 256) continue;
    append_line(dest, capacity, &length, spelled, spelledLength);
  }
  unum_close(format);
  *error = 0;
  return length;
}

/* Dateline patterns, most specific first; "VV" is a zone id such as Europe/Berlin. */
static const char *const kDatePatterns[] = {
    "MMM d, yyyy HH:mm VV", "MMM d, yyyy HH:mm z", "MMM d, yyyy h:mm a VV", "MMM d, yyyy h:mm a z",
    "MMM d, yyyy h:mm a", "MMM d, yyyy HH:mm", "MMMM d, yyyy HH:mm", "MMM d, yyyy", "MMMM d, yyyy",
    "EEEE, MMMM d, yyyy", "d MMMM yyyy HH:mm", "d MMMM yyyy", "d MMM yyyy", "EEEE d MMMM yyyy",
    "EEEE, d MMMM yyyy", "d. MMMM yyyy HH:mm", "d. MMMM yyyy", "EEEE, d. MMMM yyyy",
    "dd.MM.yyyy HH:mm", "dd.MM.yyyy", "yyyy-MM-dd'T'HH:mm:ssXXX", "yyyy-MM-dd HH:mm", "yyyy-MM-dd",
    "d/M/yyyy HH:mm", "d/M/yyyy", "d 'de' MMMM 'de' yyyy", "d 'de' MMMM 'de' yyyy HH:mm",
};
static const char *const kDateLocales[] = {"en", "de", "fr", "es", "it", "pt", "nl", "ru", "pl",
                                           "sv", "da"};
#define DATE_PATTERNS (sizeof kDatePatterns / sizeof kDatePatterns[0])
#define DATE_LOCALES (sizeof kDateLocales / sizeof kDateLocales[0])

/* Per-thread cache: one format per locale, switched between patterns with udat_applyPattern (a
 * format per pattern and locale would hold hundreds of formats, tens of MB, per thread). A failed
 * open is remembered as -1; tPattern is the pattern a format currently has. */
static _Thread_local UDateFormat *tFormats[DATE_LOCALES];
static _Thread_local int8_t tOpened[DATE_LOCALES];
static _Thread_local size_t tPattern[DATE_LOCALES];
static _Thread_local UCalendar *tCalendar;

static UDateFormat *date_format(size_t locale_slot, const char *locale, size_t pattern) {
  UChar buffer[64];
  u_uastrcpy(buffer, kDatePatterns[pattern]);
  if (tOpened[locale_slot] == 0) {
    UErrorCode status = U_ZERO_ERROR;
    UChar utc[] = {'U', 'T', 'C', 0};
    UDateFormat *format = udat_open(UDAT_PATTERN, UDAT_PATTERN, locale, utc, -1, buffer, -1, &status);
    if (U_SUCCESS(status)) {
      udat_setLenient(format, 0);
      tFormats[locale_slot] = format;
      tOpened[locale_slot] = 1;
      tPattern[locale_slot] = pattern;
    } else {
      if (format != NULL) udat_close(format);
      tOpened[locale_slot] = -1;
    }
  }
  if (tOpened[locale_slot] != 1) return NULL;
  if (tPattern[locale_slot] != pattern) {
    udat_applyPattern(tFormats[locale_slot], 0, buffer, -1);
    tPattern[locale_slot] = pattern;
  }
  return tFormats[locale_slot];
}

static int32_t try_parse(UDateFormat *format, size_t pattern, const uint16_t *text, int32_t length,
                         cicu_date *date) {
  UErrorCode status = U_ZERO_ERROR;
  if (tCalendar == NULL) {
    UChar utc[] = {'U', 'T', 'C', 0};
    tCalendar = ucal_open(utc, -1, "en_US_POSIX", UCAL_GREGORIAN, &status);
    if (U_FAILURE(status)) return 0;
  }
  UChar utc[] = {'U', 'T', 'C', 0};
  ucal_setTimeZone(tCalendar, utc, -1, &status);
  ucal_clear(tCalendar);
  int32_t position = 0;
  udat_parseCalendar(format, tCalendar, (const UChar *)text, length, &position, &status);
  if (U_FAILURE(status) || position != length) return 0;
  const char *source = kDatePatterns[pattern];
  date->has_time = strchr(source, 'H') != NULL || strchr(source, 'h') != NULL;
  date->has_zone = strstr(source, "VV") != NULL || strchr(source, 'z') != NULL || strchr(source, 'X') != NULL;
  date->year = ucal_get(tCalendar, UCAL_YEAR, &status);
  date->month = ucal_get(tCalendar, UCAL_MONTH, &status) + 1;
  date->day = ucal_get(tCalendar, UCAL_DATE, &status);
  date->hour = ucal_get(tCalendar, UCAL_HOUR_OF_DAY, &status);
  date->minute = ucal_get(tCalendar, UCAL_MINUTE, &status);
  date->second = ucal_get(tCalendar, UCAL_SECOND, &status);
  date->zone_offset_seconds =
      (ucal_get(tCalendar, UCAL_ZONE_OFFSET, &status) + ucal_get(tCalendar, UCAL_DST_OFFSET, &status)) / 1000;
  return U_SUCCESS(status) && date->year >= 1000 && date->year <= 9999;
}

int32_t cicu_parse_date(const uint16_t *text, int32_t length, const char *preferred_locale,
                        cicu_date *date) {
  /* The preferred locale first when it is one of ours (formats stay cached per thread). */
  size_t first = DATE_LOCALES;
  for (size_t l = 0; preferred_locale != NULL && l < DATE_LOCALES; l++) {
    if (strcmp(kDateLocales[l], preferred_locale) == 0) first = l;
  }
  if (first < DATE_LOCALES) {
    for (size_t p = 0; p < DATE_PATTERNS; p++) {
      UDateFormat *format = date_format(first, kDateLocales[first], p);
      if (format != NULL && try_parse(format, p, text, length, date)) return 1;
    }
  }
  for (size_t l = 0; l < DATE_LOCALES; l++) {
    if (l == first) continue;
    for (size_t p = 0; p < DATE_PATTERNS; p++) {
      UDateFormat *format = date_format(l, kDateLocales[l], p);
      if (format != NULL && try_parse(format, p, text, length, date)) return 1;
    }
  }
  return 0;
}

int32_t cicu_utf8_to_utf16(const char *bytes, int32_t length, uint16_t *dest, int32_t capacity,
                           int32_t *error) {
  UErrorCode status = U_ZERO_ERROR;
  int32_t result = 0;
  u_strFromUTF8WithSub((UChar *)dest, capacity, &result, bytes, length, 0xFFFD, NULL, &status);
  if (status == U_BUFFER_OVERFLOW_ERROR || status == U_STRING_NOT_TERMINATED_WARNING) status = U_ZERO_ERROR;
  *error = (int32_t)status;
  return result;
}

void cicu_lowercase_table(uint16_t *dest) {
  for (int32_t unit = 0; unit < 0x10000; unit++) {
    UChar32 lower = (unit >= 0xD800 && unit <= 0xDFFF) ? unit : u_tolower(unit);
    dest[unit] = lower <= 0xFFFF ? (uint16_t)lower : (uint16_t)unit;
  }
}

void cicu_utf16_offsets_to_utf8(const uint16_t *units, int32_t length, const int32_t *offsets,
                                int32_t count, int32_t *utf8_offsets, int32_t *code_point_offsets) {
  int32_t unit = 0, bytes = 0, code_points = 0;
  for (int32_t k = 0; k < count; k++) {
    int32_t target = offsets[k] < length ? offsets[k] : length;
    while (unit < target) {
      uint16_t u = units[unit];
      if (u < 0x80) {
        bytes += 1;
      } else if (u < 0x800) {
        bytes += 2;
      } else if (u >= 0xD800 && u <= 0xDBFF && unit + 1 < length) {
        bytes += 4;
        unit++;
      } else {
        bytes += 3;
      }
      unit++;
      code_points++;
    }
    utf8_offsets[k] = bytes;
    code_point_offsets[k] = code_points;
  }
}

static int32_t script_class(UScriptCode code) {
  switch (code) {
    case USCRIPT_LATIN: return CICU_SCRIPT_LATIN;
    case USCRIPT_CYRILLIC: return CICU_SCRIPT_CYRILLIC;
    case USCRIPT_GREEK: return CICU_SCRIPT_GREEK;
    case USCRIPT_HEBREW: return CICU_SCRIPT_HEBREW;
    case USCRIPT_ARABIC: return CICU_SCRIPT_ARABIC;
    case USCRIPT_DEVANAGARI: return CICU_SCRIPT_DEVANAGARI;
    case USCRIPT_BENGALI: return CICU_SCRIPT_BENGALI;
    case USCRIPT_TAMIL: return CICU_SCRIPT_TAMIL;
    case USCRIPT_HANGUL: return CICU_SCRIPT_HANGUL;
    case USCRIPT_HIRAGANA: case USCRIPT_KATAKANA: return CICU_SCRIPT_KANA;
    case USCRIPT_HAN: return CICU_SCRIPT_HAN;
    case USCRIPT_ARMENIAN: return CICU_SCRIPT_ARMENIAN;
    case USCRIPT_GEORGIAN: return CICU_SCRIPT_GEORGIAN;
    case USCRIPT_THAI: return CICU_SCRIPT_THAI;
    case USCRIPT_GUJARATI: return CICU_SCRIPT_GUJARATI;
    case USCRIPT_GURMUKHI: return CICU_SCRIPT_GURMUKHI;
    case USCRIPT_TELUGU: return CICU_SCRIPT_TELUGU;
    case USCRIPT_KANNADA: return CICU_SCRIPT_KANNADA;
    case USCRIPT_MALAYALAM: return CICU_SCRIPT_MALAYALAM;
    case USCRIPT_SINHALA: return CICU_SCRIPT_SINHALA;
    case USCRIPT_KHMER: return CICU_SCRIPT_KHMER;
    case USCRIPT_LAO: return CICU_SCRIPT_LAO;
    case USCRIPT_MYANMAR: return CICU_SCRIPT_MYANMAR;
    case USCRIPT_ETHIOPIC: return CICU_SCRIPT_ETHIOPIC;
    case USCRIPT_TIBETAN: return CICU_SCRIPT_TIBETAN;
    default: return CICU_SCRIPT_OTHER;
  }
}

int32_t cicu_script_counts(const uint16_t *text, int32_t length, int32_t limit, int32_t *counts) {
  int32_t letters = 0;
  for (int32_t i = 0; i < CICU_SCRIPT_COUNT; i++) counts[i] = 0;
  int32_t offset = 0;
  while (offset < length && letters < limit) {
    UChar32 c;
    U16_NEXT(text, offset, length, c);
    if (!u_isalpha(c)) continue;
    UErrorCode status = U_ZERO_ERROR;
    UScriptCode code = uscript_getScript(c, &status);
    if (U_FAILURE(status)) continue;
    counts[script_class(code)]++;
    letters++;
  }
  return letters;
}

struct cicu_breaker {
  UBreakIterator *iterator;
};

cicu_breaker *cicu_breaker_open(int32_t kind, const char *locale, int32_t *error) {
  UErrorCode status = U_ZERO_ERROR;
  UBreakIteratorType type = kind == CICU_BREAK_WORD ? UBRK_WORD : UBRK_SENTENCE;
  UBreakIterator *iterator = ubrk_open(type, locale, NULL, 0, &status);
  *error = (int32_t)status;
  if (U_FAILURE(status)) return NULL;
  cicu_breaker *breaker = (cicu_breaker *)malloc(sizeof *breaker);
  if (breaker == NULL) {
    ubrk_close(iterator);
    *error = (int32_t)U_MEMORY_ALLOCATION_ERROR;
    return NULL;
  }
  breaker->iterator = iterator;
  return breaker;
}

int32_t cicu_breaker_run(cicu_breaker *breaker, const uint16_t *text, int32_t length, int32_t *offsets,
                         int32_t *statuses, int32_t capacity, int32_t *error) {
  UErrorCode status = U_ZERO_ERROR;
  ubrk_setText(breaker->iterator, (const UChar *)text, length, &status);
  if (U_FAILURE(status)) {
    *error = (int32_t)status;
    return -1;
  }
  int32_t count = 0;
  for (int32_t boundary = ubrk_next(breaker->iterator); boundary != UBRK_DONE;
       boundary = ubrk_next(breaker->iterator)) {
    if (count >= capacity) {
      *error = (int32_t)U_BUFFER_OVERFLOW_ERROR;
      return -1;
    }
    offsets[count] = boundary;
    if (statuses != NULL) statuses[count] = ubrk_getRuleStatus(breaker->iterator);
    count++;
  }
  *error = 0;
  return count;
}

void cicu_breaker_close(cicu_breaker *breaker) {
  if (breaker == NULL) return;
  ubrk_close(breaker->iterator);
  free(breaker);
}
