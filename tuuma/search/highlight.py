"""Snippets: the passage of a text with the most query matches, every matched word in <mark>,
everything else escaped."""

from __future__ import annotations

from functools import lru_cache
from html import escape  # what django.utils.html.escape does, without its lazy wrapper

from django.utils.safestring import SafeString, mark_safe

from . import analysis


@lru_cache(maxsize=200_000)
def _word_terms(word: str) -> frozenset[str]:
    """Terms a word of unknown language may have been indexed under."""
    lemmas, parts = analysis.analyze_word(word)
    found = set(lemmas) | set(parts)
    if not analysis.known(word):
        found |= {analysis.stem(word, "sv"), analysis.stem(word, "en"), word.lower()}
    return frozenset(found)


def _matches(word: str, terms: set[str]) -> bool:
    return not terms.isdisjoint(_word_terms(word))


def highlight(text: str, terms: set[str], *, words: int | None = None) -> SafeString:
    """TEXT escaped, matched words marked. With WORDS, only the best window of that many
    words, with an ellipsis where text was cut."""
    tokens = list(analysis.TOKEN_RE.finditer(text or ""))
    surface = [m.group() for m in tokens]
    matching = {w for w in set(surface) if _matches(w, terms)}
    hits = [w in matching for w in surface]
    start_tok, end_tok = 0, len(tokens)
    if words and len(tokens) > words:
        best, best_at, window = -1, 0, sum(hits[:words])
        for i in range(len(tokens) - words + 1):
            if i:
                window += hits[i + words - 1] - hits[i - 1]
            if window > best:
                best, best_at = window, i
        # Start a couple of words before the first hit, for context.
        start_tok = max(0, best_at - 2) if best > 0 else 0
        end_tok = min(len(tokens), start_tok + words)
    if not tokens:
        return mark_safe(escape((text or "")[:300]))
    begin = tokens[start_tok].start() if start_tok else 0
    finish = tokens[end_tok - 1].end() if end_tok < len(tokens) else len(text)
    out, pos = [], begin
    if begin:
        out.append("… ")
    for i in range(start_tok, end_tok):
        if hits[i]:  # the text up to a match escaped in one piece
            m = tokens[i]
            out.append(escape(text[pos:m.start()]))
            out.append(f"<mark>{escape(m.group())}</mark>")
            pos = m.end()
    out.append(escape(text[pos:finish]))
    if finish < len(text):
        out.append(" …")
    return mark_safe("".join(out).replace("\n\n", " · ").replace("\n", " "))
