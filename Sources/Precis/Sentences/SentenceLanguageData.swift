/// Per-language facts the sentence rules use: abbreviations, titles, words that start sentences.
///
/// The lists are ours, written from general knowledge of each language's orthography (and checked
/// against the abbreviations in ICU's sentence-break suppression data for de, en, es, fr, it, pt
/// and ru). Entries are lowercase, without the final period; internal periods are kept
/// ("z.b", "s.r.o"). Month names are not listed here: they come from ICU's date symbols.
struct SentenceLanguageData: Sendable {
  /// Abbreviations that are usually followed by more of the same sentence.
  var abbreviations: [String] = []
  /// Titles and other abbreviations that precede a name: never the end of a sentence.
  var titles: [String] = []
  /// Abbreviations that precede a number ("p. 55", "Nr. 5").
  var numberAbbreviations: [String] = []
  /// Common sentence-initial words (lowercase): after an abbreviation, a capitalised word from
  /// this list means a new sentence; any other capitalised word continues the sentence.
  var starters: [String] = []
  /// Whether "12. Juni" style ordinals (number plus period) are written in the language.
  var ordinalPeriod = false
  /// Characters that end a sentence in this language besides the Unicode sentence terminators.
  var extraTerminators: [Character] = []
  /// Whether a period followed by a lowercase word still ends the sentence (Greek convention).
  var periodBeforeLowercaseBreaks = false
  /// Word endings that close a sentence even with no punctuation after them (Korean's final verb
  /// endings "-요", "-다" in chat and reviews): a space after such a word, then a letter, is a
  /// boundary. Checked on word ends only; `unpunctuatedEndingExceptions` are whole words that
  /// end so but are no sentence ends ("주요", main).
  var unpunctuatedEndings: [String] = []
  /// Words after which a colon introduces speech in the same sentence ("قال ثاقب: طلبنا"), for
  /// languages where a colon ends a sentence: one of them among the three words before the colon.
  var speechVerbs: [String] = []
  /// Whether ":" in `extraTerminators` stands for the full stop (Armenian "։"), not a colon.
  var colonIsFullStop = false
  var unpunctuatedEndingExceptions: [String] = []
  /// Words written with a "!" as part of their name ("Yahoo!"); names are the same in every language.
  var exclamationNames: [String] = ["yahoo", "jeopardy", "joomla", "wham"]

  /// Abbreviations that close an enumeration ("and so on"), checked in every language: a capital
  /// after them starts a sentence. Spaced forms are keyed without the space ("т. д" → "т.д").
  static let listEndingAbbreviations = [
    "etc", "usw", "u.s.w", "usf", "u.s.f", "osv", "o.s.v", "m.m", "enz", "ecc", "itd", "itp", "atd",
    "apod", "т.д", "т.п", "и.т.д", "и.т.п", "тощо", "і.т.д", "і.т.п", "и.др", "и.пр", "κ.λπ", "κλπ",
  ]

  static let latinTitles = ["mr", "mrs", "ms", "mx", "dr", "prof", "st", "mt", "ft", "sr", "jr", "gen", "col", "capt", "lt", "sgt", "rev", "hon", "gov", "sen", "rep", "pres", "supt", "messrs", "mme", "mlle", "mgr"]
  static let latinNumber = ["p", "pp", "no", "nos", "nr", "art", "vol", "fig", "figs", "ch", "sec", "n°", "nº", "№", "tel", "fax", "ed", "op", "cap"]

  /// The data for `language` (an ISO 639-1 code); unknown languages get language-neutral data.
  static func forLanguage(_ language: String) -> SentenceLanguageData {
    switch language {
    case "en": english
    case "de": german
    case "da": danishNorwegian
    case "nb", "nn", "no": norwegian
    case "sv": swedish
    case "nl": dutch
    case "fr": french
    case "es": spanish
    case "it": italian
    case "pt": portuguese
    case "ru", "uk", "be": russian
    case "bg": bulgarian
    case "kk": kazakh
    case "pl": polish
    case "cs", "sk": czechSlovak
    case "el": greek
    case "hy": armenian
    case "ar": arabic
    case "fa", "ur": persianUrdu
    case "ko": korean
    case "fi", "et", "hu", "tr", "sl", "hr", "sr", "bs", "lv", "lt", "is": ordinalLatin
    case "": neutral
    default: unlisted
    }
  }

  /// The data of every language listed here (all but `neutral`).
  static let every = [
    english, german, danishNorwegian, norwegian, swedish, dutch, french, spanish, italian, portuguese, russian, bulgarian,
    kazakh, polish, czechSlovak, greek, armenian, arabic, persianUrdu, korean, ordinalLatin,
  ]

  /// Every language's extra terminators as UTF-16 units (for ``UnitScan``'s one table).
  static let extraTerminatorUnits: Set<UInt16> = Set(every.flatMap(\.extraTerminators).flatMap(\.utf16))

  /// For text of unknown language: ordinals and sentence starters of every language listed here.
  static let neutral = SentenceLanguageData(
    titles: latinTitles, numberAbbreviations: latinNumber,
    starters: Array(Set([english, german, danishNorwegian, swedish, dutch, french, spanish, italian, portuguese, polish, czechSlovak].flatMap(\.starters))).sorted(),
    ordinalPeriod: true)

  /// For a named language with no data of its own ("id", "vi"): as for an unknown language, but
  /// a number's period ends the sentence (ordinals with a period belong to the languages listed).
  static let unlisted: SentenceLanguageData = {
    var data = neutral
    data.ordinalPeriod = false
    return data
  }()

  static let english = SentenceLanguageData(
    abbreviations: [
      "a.m", "p.m", "etc", "e.g", "i.e", "vs", "viz", "cf", "approx", "est", "inc", "ltd", "co", "corp", "bros",
      "dept", "univ", "assn", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
      "mon", "tue", "tues", "wed", "thu", "thurs", "fri", "sat", "sun", "ave", "blvd", "rd", "hwy", "mins", "hrs",
      "govt", "misc", "ph.d", "b.a", "m.a", "u.s", "u.k", "u.n", "e.u", "d.c", "a.d", "b.c", "al", "ibid",
      "dist", "div", "ref", "abbr", "mgmt", "intl", "natl", "min", "max", "avg", "ca", "esp",
    ],
    titles: latinTitles + ["adm", "brig", "cmdr", "cpl", "det", "insp", "maj", "pvt", "fr", "sr", "sra", "srta", "lic"],
    numberAbbreviations: latinNumber,
    starters: [
      "a", "an", "the", "this", "that", "these", "those", "there", "then", "thus", "here", "he", "she", "it", "they",
      "we", "i", "you", "his", "her", "its", "their", "our", "my", "your", "what", "when", "where", "who", "whom",
      "why", "how", "however", "but", "and", "so", "yet", "if", "in", "on", "at", "as", "after", "before", "since",
      "while", "although", "though", "because", "meanwhile", "also", "still", "being", "did", "do", "does", "for",
      "is", "are", "was", "were", "can", "could", "would", "should", "will", "many", "more", "most", "some", "millions",
      "no", "not", "one", "all", "both", "each", "every", "let", "let's", "please", "let’s", "hello",
    ])

  static let german = SentenceLanguageData(
    abbreviations: [
      "z.b", "z", "bzw", "usw", "ca", "vgl", "evtl", "ggf", "ggfs", "inkl", "exkl", "zzgl", "abzgl", "sog", "bspw",
      "d.h", "u.a", "o.ä", "u.ä", "u.u", "v.a", "z.t", "z.zt", "i.d.r", "u.v.m", "etc", "allg", "bzgl", "gem",
      "jh", "jhd", "jahrh", "mio", "mrd", "tsd", "std", "min", "sek", "max", "mind", "ehem", "geb", "gest", "verh",
      "hrsg", "verf", "aufl", "bd", "bde", "abs", "abschn", "anm", "anh", "str", "pl", "tel", "co",
      "e.v", "inc", "ltd", "jan", "feb", "febr", "mär", "apr", "jun", "jul", "aug", "sep", "sept", "okt",
      "nov", "dez", "Mo", "Di", "Mi", "Do", "Sa", "So", "n.chr", "v.chr", "chr", "dipl", "ing", "dipl.-ing",
      "röm", "kath", "ev", "evang", "engl", "franz", "frz", "ital", "lat", "griech", "russ", "dt", "amerik", "österr",
      "schweiz", "näml", "insb", "insbes", "zz", "zzt", "tägl", "jährl", "mtl", "wg", "betr", "bes",
      "beisp", "hl", "orig", "urspr", "gegr", "lt", "lfd", "zit", "zt", "med", "phil", "jur", "rer",
      "nat", "habil", "theol", "oec", "dent", "vet",
    ],
    titles: ["hr", "hrn", "fr", "frl", "dr", "prof", "st", "sr", "mr", "mrs", "ms", "rev", "pfr", "bgm"],
    numberAbbreviations: ["nr", "s", "bd", "abs", "art", "kap", "ziff", "tel", "fax", "hausnr", "pkt", "no", "nº", "n°", "p", "pp"],
    starters: [
      "der", "die", "das", "den", "dem", "des", "ein", "eine", "einer", "eines", "einem", "einen", "er", "sie",
      "es", "wir", "ich", "ihr", "man", "dies", "diese", "dieser", "dieses", "da", "dann", "danach", "doch", "aber",
      "und", "auch", "so", "nun", "jetzt", "heute", "gestern", "morgen", "im", "in", "am", "an", "auf", "aus", "bei",
      "mit", "nach", "seit", "von", "vor", "zu", "zum", "zur", "für", "um", "wie", "was", "wer", "wo", "warum",
      "wann", "wenn", "als", "ob", "weil", "obwohl", "deshalb", "daher", "trotzdem", "jedoch", "zudem", "außerdem",
      "sein", "seine", "ihre", "unser", "unsere", "mein", "meine", "kein", "keine", "alle", "viele", "mehr", "es",
      "hier", "dort", "bereits", "schon", "noch", "laut", "nach", "damit", "dabei", "dazu",
    ],
    ordinalPeriod: true)

  /// Norwegian writes a capital after a colon when a whole sentence follows ("Viktigst: Skal
  /// direktøren ..."), and the colon then ends a sentence (Språkrådet's rule; a lowercase word or
  /// a number after the colon goes on).
  static let norwegian: SentenceLanguageData = {
    var data = danishNorwegian
    data.extraTerminators = [":"]
    return data
  }()

  static let danishNorwegian = SentenceLanguageData(
    abbreviations: [
      "ca", "bl.a", "f.eks", "fx", "dvs", "osv", "mht", "jf", "jvf", "evt", "inkl", "ekskl", "mv", "m.m", "mfl",
      "m.fl", "pga", "vha", "iflg", "hhv", "ggr", "kr", "mio", "mia", "mill", "nr", "tlf", "co",
      "a/s", "aps", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "okt", "nov", "dec", "des",
      "etc", "e.g", "i.e", "vs", "u.s", "u.s.a", "e.u", "inc", "ltd", "a.m", "p.m", "f.kr", "e.kr", "årh", "pkt",
      "stk", "t", "kl", "adm", "dir", "cand", "mag", "ph.d",
    ],
    titles: latinTitles + ["hr", "fru", "frk", "dr", "prof", "sr", "sra", "srta", "lic"],
    numberAbbreviations: latinNumber + ["s", "kl", "stk"],
    starters: [
      "den", "det", "de", "der", "en", "et", "han", "hun", "jeg", "vi", "du", "dere", "i", "man", "hvad", "hva",
      "hvor", "hvorfor", "hvordan", "hvem", "hvis", "når", "men", "og", "så", "da", "nu", "nå", "her", "dette",
      "disse", "efter", "etter", "for", "fra", "med", "om", "på", "til", "ved", "også", "selv", "mens", "fordi",
      "lad", "la", "the", "it", "he", "she", "they", "we", "how", "what", "is", "that",
    ],
    ordinalPeriod: true)

  static let swedish = SentenceLanguageData(
    abbreviations: ["bl.a", "t.ex", "d.v.s", "dvs", "osv", "m.m", "m.fl", "ca", "jfr", "resp", "s.k", "f.d", "inkl", "exkl", "kr", "milj", "mdr", "nr", "tel", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "okt", "nov", "dec", "e.kr", "f.kr", "fr.o.m", "t.o.m", "etc"],
    titles: latinTitles + ["hr", "fru", "fröken", "dr", "prof"],
    numberAbbreviations: latinNumber + ["s", "kl"],
    starters: ["den", "det", "de", "en", "ett", "han", "hon", "jag", "vi", "du", "ni", "man", "vad", "var", "varför", "hur", "vem", "om", "när", "men", "och", "så", "då", "nu", "här", "detta", "dessa", "efter", "för", "från", "med", "på", "till", "vid", "också", "eftersom", "i"])

  static let dutch = SentenceLanguageData(
    abbreviations: ["bijv", "bv", "bijvoorbeeld", "d.w.z", "dwz", "enz", "etc", "m.a.w", "o.a", "i.p.v", "ivm", "i.v.m", "resp", "ca", "incl", "excl", "aanw", "vnw", "zn", "ww", "bn", "bw", "vz", "lw", "tel", "nr", "blz", "jan", "feb", "mrt", "apr", "jun", "jul", "aug", "sep", "sept", "okt", "nov", "dec", "n.chr", "v.chr", "mln", "mld", "mrd", "b.v", "n.v", "st", "gem", "prov"],
    titles: latinTitles + ["dhr", "mevr", "mw", "mej", "drs", "ir", "ing", "mr", "prof", "dr"],
    numberAbbreviations: latinNumber + ["blz", "art"],
    starters: ["de", "het", "een", "dit", "dat", "deze", "die", "hij", "zij", "ze", "het", "wij", "we", "ik", "jij", "je", "u", "men", "er", "daar", "hier", "toen", "dan", "nu", "maar", "en", "ook", "want", "omdat", "als", "wat", "wie", "waar", "waarom", "hoe", "wanneer", "in", "op", "bij", "na", "voor", "volgens", "tijdens", "sinds", "door", "met", "zo"],
    ordinalPeriod: false)

  static let french = SentenceLanguageData(
    abbreviations: ["etc", "cf", "env", "p.ex", "ex", "av", "apr", "j.-c", "janv", "févr", "fév", "avr", "juil", "sept", "oct", "nov", "déc", "lun", "mar", "mer", "jeu", "ven", "sam", "dim", "bd", "boul", "chap", "coll", "éd", "éds", "fig", "hab", "min", "max", "mm", "qqn", "qqch", "cie", "inc", "ltd", "s.a", "sté", "dépt", "ann", "anc", "dir", "gouv", "vol", "réf", "adr", "tél", "hôp", "syst", "u.s", "u.s.a", "ll.aa.ii.rr", "s.m", "ll.mm"],
    titles: ["m", "mm", "mme", "mmes", "mlle", "mlles", "me", "mgr", "dr", "pr", "prof", "st", "ste", "gén", "col", "cdt", "lt", "capt", "sr", "jr", "mr", "mrs", "ms"],
    numberAbbreviations: latinNumber + ["n°", "no", "nº", "p", "pp", "art", "chap", "t"],
    starters: ["le", "la", "les", "l’", "un", "une", "des", "ce", "cet", "cette", "ces", "il", "elle", "ils", "elles", "on", "nous", "vous", "je", "j’", "c’est", "mais", "et", "ou", "donc", "or", "puis", "ensuite", "alors", "selon", "en", "dans", "à", "au", "aux", "pour", "par", "sur", "avec", "après", "avant", "depuis", "pendant", "quand", "si", "comme", "que", "qui", "quoi", "où", "pourquoi", "comment", "cependant", "pourtant", "toutefois", "aussi", "même", "son", "sa", "ses", "leur", "leurs", "mon", "ma", "notre", "tout", "tous", "il", "lors", "ainsi"])

  static let spanish = SentenceLanguageData(
    abbreviations: ["etc", "p.ej", "ej", "aprox", "pág", "págs", "cap", "vol", "núm", "tel", "teléf", "admón", "adm", "avda", "av", "c/", "cía", "s.a", "s.l", "ltda", "inc", "ltd", "corp", "dpto", "depto", "ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "sept", "set", "oct", "nov", "dic", "lun", "mié", "jue", "vie", "sáb", "dom", "a.c", "d.c", "a. c", "d. c", "ee.uu", "ud", "uds", "vd", "vds", "hs", "hrs", "min", "seg", "máx", "mín", "fig", "vid", "cf", "cfr", "v.gr", "ib", "íd", "op", "cit", "prov", "dcha", "izq", "izqda", "nro", "n°",
      "apdo", "art", "atte", "bco", "c.p", "cta", "cte", "esq", "gral", "hnos", "mtro", "pza", "sig",
      "doc", "km", "kg", "mill", "col", "dir", "ed", "edic", "ibíd", "lib"],
    titles: ["sr", "sra", "srta", "sres", "sras", "srs", "dr", "dra", "drs", "dras", "lic", "licda", "licdo", "ing", "arq", "prof", "profa", "mtro", "mtra", "d", "dña", "dª", "excmo", "excma", "ilmo", "ilma", "rvdo", "mons", "fr", "sto", "sta", "st", "mt", "gral", "cnel", "tte", "cap", "mr", "mrs"],
    numberAbbreviations: latinNumber + ["núm", "nro", "no", "n°", "nº", "pág", "págs", "art", "tel", "cap"],
    starters: ["el", "la", "los", "las", "lo", "un", "una", "unos", "unas", "este", "esta", "estos", "estas", "ese", "esa", "eso", "esto", "aquel", "él", "ella", "ellos", "ellas", "yo", "tú", "usted", "nosotros", "se", "su", "sus", "mi", "pero", "y", "o", "así", "también", "además", "luego", "después", "entonces", "en", "con", "para", "por", "desde", "durante", "según", "sin", "sobre", "tras", "cuando", "si", "como", "qué", "quién", "dónde", "cómo", "cuál", "cuándo", "porque", "aunque", "hoy", "ayer", "mañana", "no", "ya", "hay", "es", "fue", "gracias"])

  static let italian = SentenceLanguageData(
    abbreviations: ["ecc", "etc", "es", "ad es", "cfr", "vol", "pag", "pagg", "cap", "fig", "tab", "tav", "art", "artt", "tel", "n", "nr", "num", "ca", "sec", "secc", "gen", "feb", "mar", "apr", "mag", "giu", "lug", "ago", "set", "sett", "ott", "nov", "dic", "lun", "mer", "gio", "ven", "sab", "dom", "s.p.a", "s.r.l", "spa", "srl", "soc", "coop", "ass", "ist", "univ", "dip", "dipart", "reg", "prov", "com", "min", "max", "ms", "mss", "psicol", "meteor", "idraul", "econ", "az", "st", "d", "amm", "amministr", "geogr", "stor", "lett", "filos", "giur", "med", "chim", "fis", "mat", "ing", "elettr", "mecc", "tecn", "agr", "sig.ra", "sig.na", "v.cte", "f.p", "a.c", "d.c", "n.d.r", "n.b", "p.s", "ivi", "ibid", "op", "cit", "sgg", "segg",
      "dott.ssa", "prof.ssa", "avv", "geom", "rag", "arch", "spett", "egr", "gent", "preg", "ill", "c.a",
      "cell", "fax", "pp", "ss", "vd", "mln", "mld", "mrd", "km", "kg", "hl", "sez",
      "p.es", "n.d.a", "n.d.t", "s.n.c", "s.a.s", "c.so", "p.za", "v.le", "loc", "fraz"],
    titles: ["sig", "sigg", "sig.ra", "sig.ra", "sig.na", "dott", "dott.ssa", "dr", "prof", "prof.ssa", "avv", "ing", "arch", "geom", "rag", "on", "sen", "gen", "col", "cav", "comm", "mons", "don", "p", "s", "ss", "sant", "st", "mr", "mrs", "v.cte"],
    numberAbbreviations: latinNumber + ["n", "nr", "num", "pag", "pagg", "art", "tel", "cap", "vol"],
    starters: ["il", "lo", "la", "i", "gli", "le", "l’", "un", "uno", "una", "questo", "questa", "questi", "queste", "quel", "quella", "egli", "ella", "lui", "lei", "loro", "noi", "voi", "io", "tu", "si", "ci", "ma", "e", "o", "poi", "quindi", "allora", "anche", "inoltre", "però", "tuttavia", "in", "con", "per", "da", "di", "su", "dopo", "prima", "durante", "secondo", "se", "come", "quando", "dove", "perché", "cosa", "chi", "quale", "oggi", "ieri", "domani", "non", "già", "c’è", "è", "grazie", "arrivederci", "mi", "ti", "vi"])

  static let portuguese = SentenceLanguageData(
    abbreviations: ["etc", "ex", "p.ex", "pág", "págs", "cap", "vol", "núm", "tel", "av", "ltda", "s.a", "cia", "inc", "ltd", "jan", "fev", "mar", "abr", "mai", "jun", "jul", "ago", "set", "out", "nov", "dez", "seg", "ter", "qua", "qui", "sex", "sáb", "dom", "a.c", "d.c", "aprox", "obs", "ref", "fig", "min", "máx", "mín", "hrs", "adm", "dept", "depto", "univ", "prof", "profa", "psicol", "séc", "apt", "tb", "tbm"],
    titles: ["sr", "sra", "srta", "srs", "sras", "dr", "dra", "drs", "dras", "prof", "profa", "eng", "arq", "exmo", "exma", "ilmo", "ilma", "d", "dom", "pe", "fr", "sto", "sta", "st", "mr", "mrs", "gal", "cel", "ten", "cap", "sgt"],
    numberAbbreviations: latinNumber + ["n", "nº", "n°", "pág", "págs", "art", "tel"],
    starters: ["o", "a", "os", "as", "um", "uma", "uns", "umas", "este", "esta", "estes", "estas", "esse", "essa", "isso", "isto", "ele", "ela", "eles", "elas", "eu", "tu", "você", "nós", "vocês", "se", "seu", "sua", "mas", "e", "ou", "então", "também", "além", "depois", "antes", "assim", "em", "no", "na", "nos", "nas", "com", "para", "por", "desde", "durante", "segundo", "sem", "sobre", "quando", "se", "como", "que", "quem", "onde", "porque", "embora", "hoje", "ontem", "amanhã", "não", "já", "há", "é", "foi"])

  static let russian = SentenceLanguageData(
    abbreviations: ["т.е", "т.к", "т.н", "т.д", "т.п", "и.т.д", "др", "пр", "см", "ср", "напр", "прим", "гг", "г", "вв", "в", "руб", "коп", "тыс", "млн", "млрд", "долл", "ул", "пер", "пр-т", "просп", "пл", "д", "кв", "корп", "стр", "обл", "р-н", "пгт", "пос", "с", "дер", "им", "янв", "февр", "фев", "мар", "апр", "авг", "сент", "сен", "окт", "нояб", "ноя", "дек", "н.э", "до н.э", "мин", "сек", "ч", "км", "м", "см", "мм", "кг", "гр", "л", "куб", "изд", "т", "тт", "гл", "рис", "табл", "ст", "чл", "п", "пп", "акад", "доц", "проф", "зав", "зам", "ген", "полк", "лейт", "кап", "гос", "англ", "нем", "франц", "лат", "рус", "укр",
      "т.о", "т.ч", "и.о", "вкл", "искл", "ред", "сокр", "г-н", "г-жа", "трлн",
      "мес", "нед", "сут", "экз", "эт", "шт", "кл", "ок", "и т.д", "и т.п", "ж.д", "род", "ум"],
    titles: ["г", "гг", "гр", "ул", "пер", "пл", "пгт", "пос", "с", "дер", "им", "акад", "проф", "доц", "ген", "полк", "св", "о", "тов", "г-н", "г-жа", "д-р"],
    numberAbbreviations: ["№", "стр", "с", "т", "тт", "гл", "рис", "табл", "ст", "п", "пп", "кв", "д", "корп", "тел", "ч"],
    starters: ["в", "во", "на", "по", "с", "со", "к", "о", "об", "от", "для", "из", "за", "у", "при", "после", "до", "он", "она", "оно", "они", "мы", "вы", "я", "ты", "это", "этот", "эта", "эти", "тот", "та", "те", "но", "и", "а", "однако", "также", "тогда", "потом", "затем", "когда", "если", "как", "что", "кто", "где", "почему", "зачем", "сегодня", "вчера", "завтра", "не", "уже", "его", "ее", "её", "их", "наш", "мой", "все", "всё", "по", "так", "там", "здесь", "вот"])

  static let bulgarian = SentenceLanguageData(
    abbreviations: ["т.е", "т.н", "напр", "др", "пр", "вж", "ср", "г", "гр", "ул", "бул", "пл", "с", "обл", "лв", "ст", "хил", "млн", "млрд", "ян", "фев", "мар", "апр", "юни", "юли", "авг", "сеп", "окт", "ноем", "дек", "мин", "сек", "ч", "км", "м", "кг", "стр", "гл", "проф", "доц", "акад", "инж", "д-р", "т.нар", "и т.н", "в", "сп", "изд"],
    titles: ["г", "гр", "ул", "бул", "пл", "с", "проф", "доц", "акад", "инж", "д-р", "г-н", "г-жа", "св"],
    numberAbbreviations: ["№", "стр", "с", "т", "гл", "ал", "чл", "ч", "ст"],
    starters: ["в", "на", "по", "с", "за", "от", "до", "при", "след", "той", "тя", "то", "те", "ние", "вие", "аз", "ти", "това", "този", "тази", "тези", "но", "и", "а", "обаче", "също", "тогава", "когато", "ако", "как", "какво", "кой", "къде", "защо", "днес", "вчера", "утре", "не", "вече", "възможността"])

  static let kazakh = SentenceLanguageData(
    abbreviations: ["т.б", "т.с.с", "б.з.б", "б.з", "ж", "жж", "ғ", "ғғ", "млн", "млрд", "мың", "км", "м", "см", "кг", "т", "га", "ц", "б", "с", "қ", "обл", "ауд", "көш", "проф", "акад", "доц", "т.с", "мыс"],
    titles: ["проф", "акад", "доц", "көш", "ауд"],
    numberAbbreviations: ["№", "б", "бет", "т"],
    starters: ["бұл", "ол", "олар", "біз", "сіз", "мен", "сен", "бірақ", "және", "сондықтан", "егер", "қашан", "неге", "қалай", "кім", "не", "бүгін", "кеше", "ертең", "осы", "сол", "онда", "мұнда", "содан", "кейін", "алайда"])

  static let polish = SentenceLanguageData(
    abbreviations: ["np", "tzn", "tj", "itd", "itp", "m.in", "ok", "ul", "al", "pl", "os", "nr", "tel", "godz", "min", "sek", "tys", "mln", "mld", "zł", "gr", "r", "w", "ww", "wg", "zob", "por", "tzw", "dot", "dn", "sp", "z o.o", "s.a", "sa", "kol", "poz", "str", "s", "t", "rozdz", "art", "ust", "pkt", "sty", "lut", "mar", "kwi", "cze", "lip", "sie", "wrz", "paź", "lis", "gru", "pon", "wt", "śr", "czw", "pt", "sob", "niedz", "woj", "pow", "gm", "m.st", "ok"],
    titles: ["p", "pan", "pani", "dr", "prof", "mgr", "inż", "hab", "ks", "św", "gen", "płk", "mjr", "kpt", "por", "ppor", "sierż", "szer", "red", "dyr", "prez", "min", "bp", "abp", "ul", "al", "pl", "os"],
    numberAbbreviations: ["nr", "s", "str", "t", "poz", "art", "ust", "pkt", "tel", "godz", "rozdz", "r", "no"],
    starters: ["w", "we", "na", "z", "ze", "do", "od", "po", "o", "u", "dla", "przez", "przy", "jak", "co", "kto", "gdzie", "dlaczego", "kiedy", "jeśli", "jeżeli", "gdy", "ale", "i", "a", "lecz", "jednak", "też", "także", "również", "potem", "następnie", "on", "ona", "ono", "oni", "one", "my", "wy", "ja", "ty", "to", "ten", "ta", "te", "tego", "nie", "już", "dziś", "dzisiaj", "wczoraj", "jutro", "według", "mieszkańcy"],
    ordinalPeriod: true)

  static let czechSlovak = SentenceLanguageData(
    abbreviations: ["napr", "tzv", "resp", "atď", "atd", "apod", "a pod", "t.j", "tj", "t. j", "s.r.o", "a.s", "spol", "s r.o", "r.o", "č", "čís", "str", "tel", "ul", "nám", "mil", "mld", "tis", "kč", "sk", "hod", "min", "sek", "cca", "mj", "min", "pozn", "odd", "odst", "písm", "zb", "sb", "kap", "obr", "tab", "max", "vz", "viď", "pozri", "porov", "príp", "popr", "st", "stor", "r", "roč", "jan", "feb", "mar", "apr", "máj", "jún", "júl", "aug", "sep", "okt", "nov", "dec", "led", "úno", "bře", "dub", "kvě", "čvn", "čvc", "srp", "zář", "říj", "lis"],
    titles: ["p", "pán", "pani", "pí", "sl", "dr", "mudr", "judr", "phdr", "rndr", "ing", "mgr", "bc", "doc", "prof", "akad", "arch", "ph.d", "csc", "drsc", "gen", "plk", "mjr", "kpt", "npor", "por", "sv", "ul", "nám"],
    numberAbbreviations: ["č", "čís", "str", "s", "odst", "písm", "zb", "sb", "kap", "obr", "tab", "tel", "r", "no"],
    starters: ["v", "vo", "na", "s", "so", "z", "zo", "do", "od", "po", "o", "u", "k", "ku", "pre", "pri", "podľa", "podle", "pro", "ako", "jak", "čo", "co", "kto", "kdo", "kde", "prečo", "proč", "keď", "když", "ak", "ale", "a", "však", "tiež", "také", "potom", "on", "ona", "ono", "oni", "ony", "my", "vy", "ja", "já", "ty", "to", "ten", "táto", "tato", "toto", "tento", "nie", "ne", "už", "dnes", "včera", "zajtra", "zítra", "spoločnosť"],
    ordinalPeriod: true)

  static let greek = SentenceLanguageData(
    abbreviations: ["κ", "κα", "δρ", "π.χ", "κ.λπ", "κλπ", "κ.ά", "κ.α", "βλ", "σελ", "αρ", "π.χ", "μ.χ", "π.μ", "μ.μ", "χλμ", "εκατ", "δισ", "ιαν", "φεβ", "μαρ", "απρ", "ιουν", "ιουλ", "αυγ", "σεπ", "οκτ", "νοε", "δεκ", "τηλ", "οδ", "λεωφ"],
    titles: ["κ", "κα", "δρ", "καθ", "άγ", "αγ"],
    numberAbbreviations: ["αρ", "σελ", "τηλ", "№"],
    extraTerminators: [";"],
    periodBeforeLowercaseBreaks: true)

  static let armenian = SentenceLanguageData(
    abbreviations: ["թ", "թթ", "դ", "պ", "տ", "կ", "մ", "ս", "ք", "փ", "նկ", "էջ", "հմմտ", "օր", "այսինքն"],
    extraTerminators: [":", "։"],
    colonIsFullStop: true)

  static let arabic = SentenceLanguageData(
    abbreviations: ["د", "م", "ه", "هـ", "ص", "ق.م", "ج", "ت", "ش", "ع", "أ", "ا"],
    titles: ["د", "أ", "م"],
    // "،" as pySBD's Arabic rules have it (a comma before a clause of several words); see
    // `SentenceBoundaries.decideStrong`.
    extraTerminators: [":", "،"],
    speechVerbs: [
      "قال", "وقال", "قالت", "وقالت", "يقول", "ويقول", "تقول", "وتقول", "أضاف", "وأضاف", "أضافت", "وأضافت",
      "أكد", "وأكد", "أكدت", "وأكدت", "أوضح", "وأوضح", "أوضحت", "وأوضحت", "تابع", "وتابع", "صرح", "وصرح",
      "أعلن", "وأعلن", "كتب", "وكتب", "ذكر", "وذكر", "أشار", "وأشار", "قائلا", "قائلاً", "بقوله", "سأل", "وسأل",
    ])

  /// Korean: the polite "-요" and request "-줘/-봐" endings, and "-다" after a tense, a copula or a
  /// declarative marker (not the particles "보다", "마다").
  static let korean = SentenceLanguageData(
    unpunctuatedEndings: ["요", "줘", "봐", "니다", "했다", "었다", "았다", "였다", "겠다", "한다", "된다", "는다", "있다", "없다", "이다", "냐"],
    unpunctuatedEndingExceptions: ["주요", "필요", "중요", "필요요"])

  static let persianUrdu = SentenceLanguageData(
    abbreviations: ["ه.ش", "ه.ق", "م", "ق.م", "ص", "ج", "د"])

  static let ordinalLatin = SentenceLanguageData(
    titles: latinTitles + ["dr", "prof", "ing", "mgr"], numberAbbreviations: latinNumber, ordinalPeriod: true)
}
