"""Finnish-aware text analysis for the search index and for queries.

The linguistic work happens here, in Python, both when a document is indexed and when a query
is run; the database only sees plain lower-case terms. That keeps SQLite FTS5 and PostgreSQL on
one contract (see docs/search.md).

Finnish text (the measured choice, docs/search.md):
  1. tokens are runs of letters and digits, internal hyphens kept ("raja-aita");
  2. every Voikko base form (lemma) of the word, so "kehittäjien" → "kehittäjä";
  3. compound parts from Voikko's STRUCTURE: "tilavarausjärjestelmässä" → tila, varaus,
     järjestelmä and the sub-compounds tilavaraus, varausjärjestelmä. They go to separate,
     lower-weighted columns, so a whole-word match ranks above a part match;
  4. words Voikko does not know (names, new coinages, typos) get the Finnish Snowball stem.
Swedish and English text gets the Snowball stemmer of its language. Without the Voikko system
library everything falls back to Snowball (worse, but working) and a warning is logged once.
"""

from __future__ import annotations

import logging
import re
import threading
from functools import lru_cache

import snowballstemmer

from . import glossary
from .glossary import expansions

log = logging.getLogger(__name__)

# Bump when the analysis changes in a way that changes index terms: `tuuma search reindex`.
REVISION = 2  # 2: the pieces before a hyphen are indexed as written
MIN_PART_LEN = 3  # shorter compound parts ("yö", "uu") are noise more often than not
TOKEN_RE = re.compile(r"[^\W_]+(?:[-‐][^\W_]+)*")
HYPHENS = re.compile(r"[-‐]")
STEMMERS = {code: snowballstemmer.stemmer(name)
            for code, name in (("fi", "finnish"), ("sv", "swedish"), ("en", "english"))}
_stem_lock = threading.Lock()

# Words too common to find anything with; dropped from queries (not from the index) unless the
# query has nothing else. Keeps broad OR queries fast and rankings focused.
STOPWORDS = frozenset("""
ja tai sekä mutta että kun jos niin kuin on ovat oli olla ei en et emme ette eivät se ne sen
niiden tämä tämän nämä tuo joka jotka mikä mitkä kuka ketkä myös vain jo nyt sitten siis
kanssa ilman mukaan kautta välillä jälkeen ennen aikana olisi voi voida pitää hän he me te
minä sinä meidän teidän heidän sekä eli ym jne esim mm
och att det som en ett är av för med till den på de om inte har var ska kan så
the a an and or of to in on for with by is are was be as at from that this it not
""".split())


def tokenize(text: str) -> list[str]:
    return TOKEN_RE.findall(text or "")


@lru_cache(maxsize=200_000)
def stem(word: str, language: str) -> str:
    stemmer = STEMMERS.get(language, STEMMERS["fi"])
    with _stem_lock:  # Snowball stemmers keep state between calls
        return stemmer.stemWord(word.lower())


# ---------------------------------------------------------------------------- Voikko
class _Voikko:
    """One shared Voikko handle (the C library is not thread-safe, hence the lock)."""

    def __init__(self):
        self._lock = threading.Lock()
        self._handle = None
        self._loaded = False

    @property
    def handle(self):
        if not self._loaded:
            with self._lock:
                if not self._loaded:
                    self._handle = self._open()
                    self._loaded = True
        return self._handle

    @staticmethod
    def _open():
        try:
            import libvoikko

            return libvoikko.Voikko("fi")
        except Exception as error:  # the system library or the dictionary is missing
            log.warning("Voikko is not available (%s): Finnish search falls back to the "
                        "Snowball stemmer. Install libvoikko1 and voikko-fi, then run "
                        "`tuuma search reindex`.", error)
            return None

    def analyze(self, word: str) -> list[dict]:
        if self.handle is None:
            return []
        with self._lock:
            return self.handle.analyze(word)

    def suggest(self, word: str) -> list[str]:
        return list(self._suggest(word))

    @lru_cache(maxsize=20_000)  # noqa: B019 (one instance, for the life of the process)
    def _suggest(self, word: str) -> tuple[str, ...]:
        """Spelling suggestions take Voikko milliseconds: a misspelt query word is looked up
        once per process."""
        if self.handle is None:
            return ()
        with self._lock:
            return tuple(self.handle.suggest(word))


VOIKKO = _Voikko()


def available() -> bool:
    return VOIKKO.handle is not None


def version() -> str:
    """Stored with the index; a different value at run time means the index must be rebuilt."""
    return f"{'voikko' if available() else 'snowball'}-{REVISION}"


@lru_cache(maxsize=300_000)
def _analyses(word: str) -> tuple[tuple[str, str], ...]:
    """(base form, structure) pairs of a surface word; () when Voikko does not know it."""
    found = []
    for a in VOIKKO.analyze(word):
        if a.get("BASEFORM"):
            found.append((a["BASEFORM"], a.get("STRUCTURE", "")))
    return tuple(dict.fromkeys(found))


def known(word: str) -> bool:
    return bool(_analyses(word))


def _split_surface(word: str, structure: str) -> list[str]:
    """Split a surface word at the '=' part boundaries of a Voikko STRUCTURE string."""
    parts, current, i = [], [], 0
    for ch in structure:
        if ch == "=":
            if current:
                parts.append("".join(current))
                current = []
            continue
        if i < len(word):
            current.append(word[i])
        i += 1
    if current:
        parts.append("".join(current))
    return [p.strip("-‐") for p in parts if p.strip("-‐")]


@lru_cache(maxsize=100_000)
def _first_lemma(word: str) -> str:
    found = _analyses(word)
    return found[0][0].lower() if found else word.lower()


def _compound_parts(word: str, base: str, structure: str) -> list[str]:
    surface = _split_surface(word.lower(), structure)
    if len(surface) < 2:
        return []
    prefix = "".join(surface[:-1])
    flat = base.replace("-", "")
    # The last part takes its base form from the whole word's (the earlier parts are uninflected).
    if flat.startswith(prefix) and len(flat) > len(prefix):
        last = flat[len(prefix):]
    else:
        last = _first_lemma(surface[-1])
    seq = surface[:-1] + [last]
    parts = [_first_lemma(p) for p in seq[:-1]] + [last]
    for n in range(2, len(seq)):  # contiguous sub-compounds, not the whole word itself
        parts += ["".join(seq[i:i + n]) for i in range(len(seq) - n + 1)]
    if HYPHENS.search(word):
        # A piece written before a hyphen is a word as written, often a name or a term Voikko
        # mistakes for an inflected form ("Lean-toteutus": "lean", not the name "Lea").
        parts += [p for p in HYPHENS.split(word.lower())[:-1] if p]
    return parts


@lru_cache(maxsize=300_000)
def analyze_word(word: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(lemmas, compound parts) of one Finnish surface token."""
    found = _analyses(word)
    if not found and HYPHENS.search(word):
        # "Timmi-järjestelmän": the pieces count as whole words.
        lemmas, parts = [], []
        for piece in HYPHENS.split(word):
            if piece:
                piece_lemmas, piece_parts = analyze_word(piece)
                lemmas += piece_lemmas
                parts += piece_parts
        return tuple(dict.fromkeys(lemmas)), tuple(dict.fromkeys(parts))
    if not found:
        return (stem(word, "fi"),), ()
    lemmas, parts = [], []
    for base, structure in found:
        lemmas.append(base.lower())
        parts += _compound_parts(word, base.lower(), structure)
    lemmas = list(dict.fromkeys(lemmas))
    parts = [p for p in dict.fromkeys(parts) if len(p) >= MIN_PART_LEN and p not in lemmas]
    return tuple(lemmas), tuple(parts)


def word_terms(word: str, language: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(whole-word terms, part terms) of one token in a document of LANGUAGE."""
    if language == "fi":
        return analyze_word(word)
    return tuple(stem(p, language) for p in HYPHENS.split(word) if p), ()


def analyze_fields(text: str, language: str = "fi") -> tuple[list[str], list[str]]:
    """Index-time analysis: (whole-word terms, compound-part terms), repeats kept for BM25."""
    full, parts = [], []
    for token in tokenize(text):
        word_full, word_parts = word_terms(token, language)
        full += word_full
        parts += word_parts
    return full, parts


# ---------------------------------------------------------------------------- queries
class Vocabulary:
    """What the query analysis needs to know about the index (see index.IndexVocabulary)."""

    def known(self, terms) -> set[str]:
        return set()

    def neighbours(self, term: str) -> list[str]:
        return []


def max_edits(length: int) -> int:
    """Typo budget: none for short words, one edit for 5–8 letters, two for longer."""
    return 0 if length < 5 else (1 if length < 9 else 2)


def damerau(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment distance, giving up above LIMIT."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before, prev = None, list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], before[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        before, prev = prev, cur
    return prev[-1]


def _query_word_terms(token: str) -> list[str]:
    """A query word's terms. The query's language is unknown, so a word Voikko does not know
    also gets its Swedish and English stems (Swedish and English documents are stemmed)."""
    lemmas, parts = analyze_word(token)
    terms = list(lemmas) + list(parts)
    if not known(token):
        terms += [stem(token, "sv"), stem(token, "en"), token.lower()]
    return list(dict.fromkeys(terms))


def _typo_terms(token: str, terms: list[str], present: set[str], vocabulary) -> list[str]:
    """Extra terms for a probably misspelt word: fires only when its whole-word term is not in
    the index (a matching compound part does not stop "tilavarasjärjestelmä" being fixed).
    The corrections' own glossary concepts come along (varhaiskasvatsu → varhaiskasvatus →
    päiväkoti, daghem, …)."""
    if terms[0] in present:
        return []
    extra: list[str] = []
    if not known(token) and not present.intersection(terms):
        words = []
        for suggestion in VOIKKO.suggest(token)[:3]:
            lemmas, parts = analyze_word(suggestion)
            words += lemmas
            extra += list(lemmas) + list(parts)
        extra = [t for t in extra if t in vocabulary.known(extra)]
        if extra:
            words = [t for t in words if t in extra]
            return list(dict.fromkeys(extra + glossary.lemma_expansions(words)))
    for term in dict.fromkeys([terms[0], token.lower()]):
        extra += vocabulary.neighbours(term)
    if extra and not known(token):
        extra += glossary.lemma_expansions(extra)
    return list(dict.fromkeys(extra))


def _part_synonyms(token: str) -> list[str]:
    """A glossary synonym swapped into one part of a compound: esihenkilötyö → esimiestyö,
    lähiesihenkilötyö; vanhustenhoito → …hoiva. Only Finnish one-word synonyms, and only at a
    boundary Voikko marks (the modifier by its base form, the head as the whole word's)."""
    synonyms = glossary.finnish_synonyms()
    found: list[str] = []
    analyses = _analyses(token)
    for base, structure in analyses:
        surface = _split_surface(token.lower(), structure)
        if len(surface) < 2:
            continue
        prefix = "".join(surface[:-1])
        flat = base.lower().replace("-", "")
        last = flat[len(prefix):] if flat.startswith(prefix) and len(flat) > len(prefix) \
            else _first_lemma(surface[-1])
        seq = surface[:-1] + [last]
        for k in range(1, len(seq)):
            modifier, head = "".join(seq[:k]), "".join(seq[k:])
            found += [s + head for s in synonyms.get(_first_lemma(modifier), ())]
            found += [modifier + s for s in synonyms.get(head, ())]
    lemmas = {base.lower() for base, _structure in analyses}
    return [t for t in dict.fromkeys(found) if t not in lemmas]


class Query:
    """An analysed query: the terms to OR together, and per query word the terms that
    highlight it."""

    def __init__(self, text: str, words: list[tuple[str, list[str]]]):
        self.text = text
        self.words = words

    @property
    def terms(self) -> list[str]:
        return list(dict.fromkeys(t for _, terms in self.words for t in terms))

    def __bool__(self):
        return bool(self.words)


def analyze_query(text: str, vocabulary: Vocabulary | None = None, *, fuzzy: bool = True,
                  max_words: int = 32) -> Query:
    tokens = list(dict.fromkeys(t for t in tokenize(text[:2000]) if len(t) > 1 or t.isdigit()))
    content = [t for t in tokens if t.lower() not in STOPWORDS]
    tokens = (content or tokens)[:max_words]
    vocabulary = vocabulary or Vocabulary()
    words: list[tuple[str, list[str]]] = []
    per_word = [(token, _query_word_terms(token)) for token in tokens]
    present = vocabulary.known({t for _, terms in per_word for t in terms}) if fuzzy else set()
    phrases = glossary.phrase_expansions(tokens)
    for i, (token, terms) in enumerate(per_word):
        lemmas = list(analyze_word(token)[0])
        extra = expansions(token, lemmas) + phrases.get(i, []) + _part_synonyms(token)
        terms = terms + [t for t in extra if t not in terms]
        if fuzzy:
            terms += _typo_terms(token, terms, present, vocabulary)
        words.append((token, list(dict.fromkeys(terms))))
    return Query(text, words)


def document_terms(text: str, language: str) -> set[str]:
    """Every term a text is indexed under (for highlighting)."""
    full, parts = analyze_fields(text, language)
    return set(full) | set(parts)
