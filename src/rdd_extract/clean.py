"""Repair the artifacts of a PDF text layer before anything is matched.

Each repair is a small named function so that a test can show it alone; `clean_text`
applies them in an order where each one sees the output of the previous one.
Line structure is kept (a line may only be joined to the next one when a number
was cut in two), and so is the leading space that starts many pages of a text
export: page inference reads it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

import regex

_SPACES = regex.compile("[\u00a0\u202f\u2007\u2009\t]")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "\u00ad": None})
# U+FFFD stands for a lost ligature: "di� cultés", "e�  cacité" were "ffi" (French has no "ffc"),
# "o� re", "a� luents" were "ff".
_LOST_FFI = regex.compile("\ufffd *(?=c)")
_LOST_FF = regex.compile("\ufffd *")
# "fi nancement", "modifi cations", "fl ore": a ligature glyph followed by a stray space.
_BROKEN_LIGATURE = regex.compile(r"(?<=\p{L}|\b)(f[il]) (?=\p{Ll})")
_REAL_WORDS_ENDING_FI = regex.compile(r"(?i:\b(?:défi|wifi|hi-fi|sci-fi))$")
_LETTER_TOKEN = regex.compile(r"[\p{Lu}\d'&\-.:,()«»\"]{1,3}")
_DIGITS_THEN_WORD = regex.compile(r"(?<=\d)(?=(?!(?:ères?|ers?|èmes?|emes?)\b)\p{Ll}{3,})")
_WORD_THEN_DIGITS = regex.compile(r"(?<=\b\p{Ll}{4,})(?=\d)")
# A number cut by a line break: "depuis 125 \n\n000 ans", "autosurveillance : 62\n188 €" (the second
# part carries the unit), or "1 600\n000" (no number starts with 0, so a group "0dd" continues one).
_CUT_NUMBER = regex.compile(
    r"(?<=[^\d\s][ (:]*\d{1,3}(?: \d{3})*) *\n\s*"
    r"(?=\d{3}(?: \d{3})*(?!\d) *(?:€|k€|M€|%|euros?\b|ans\b|années\b|km\b|m3|ha\b|tonnes\b|kg\b|heures\b))"
    r"|(?<=(?<!\d)\d{1,3}(?: \d{3})*) *\n\s*(?=0\d\d(?![\d,.]))"
)


def clean_text(text: str) -> str:
    """Repaired text with the same lines (save for rejoined numbers)."""
    text = normalized(text.replace("\r\n", "\n").replace("\r", "\n"))
    text = repair_lost_ligatures(text)
    text = repair_broken_ligatures(text)
    text = "\n".join(collapse_letter_spacing(line) for line in text.split("\n"))
    text = separate_glued_numbers(text)
    return rejoin_cut_numbers(text)


def normalized(text: str) -> str:
    """Composed accents, plain spaces and quotes, no soft hyphens: enough to match a name, cheaply."""
    return normalize_spaces(unicodedata.normalize("NFC", text))


def normalize_spaces(text: str) -> str:
    """No-break, narrow no-break and thin spaces become plain spaces; quotes become '."""
    text = _SPACES.sub(" ", text.translate(_QUOTES))
    return "\n".join(line.rstrip() for line in text.split("\n"))


def repair_lost_ligatures(text: str) -> str:
    """'réchau\ufffd ement' -> 'réchauffement', 'di\ufffd  cultés' -> 'difficultés'."""
    return _LOST_FF.sub("ff", _LOST_FFI.sub("ffi", text))


def repair_broken_ligatures(text: str) -> str:
    """'fi nancement' -> 'financement', but 'défi famille' stays two words."""

    def join(match: regex.Match[str]) -> str:
        word_start = max(text.rfind(" ", 0, match.start()), text.rfind("\n", 0, match.start())) + 1
        word = text[word_start : match.end(1)]
        following = regex.match(r"\p{Ll}+", text, pos=match.end())
        if _REAL_WORDS_ENDING_FI.search(word) and following and _is_word(text, following):
            return match.group()  # "le défi de demain", "défi fi nancier"
        return match.group(1)

    return _BROKEN_LIGATURE.sub(join, text)


_SHORT_WORDS = frozenset(
    (
        "a", "à", "au", "aux", "ce", "de", "des", "du", "en", "est", "et", "il", "la", "le", "les", "ma",
        "ne", "on", "ou", "où", "par", "qui", "que", "sa", "se", "si", "son", "sur", "un", "une", "y",
    )
)  # fmt: skip


def _is_word(text: str, fragment: regex.Match[str]) -> bool:
    """Whether the lowercase run after a 'fi ' is a word of its own rather than the rest of a word."""
    if regex.match(r" f[il] \p{Ll}", text, pos=fragment.end()) or regex.match(
        r"f[il] ", text, pos=fragment.start()
    ):
        return True  # the next word holds a broken ligature itself
    word = fragment.group()
    return len(word) >= 4 or word in _SHORT_WORDS


_SOFT_HYPHEN_BREAK = regex.compile(r"(\p{L}+)\ufffe\s*(\p{L}*)")


def mend_line_end_hyphens(texts: Sequence[str]) -> list[str]:
    """Words a PDF hyphenated at a line end (PDFium marks the break U+FFFE), across all pages.

    'inon-|dations' becomes 'inondations' when the report writes that word elsewhere
    or when neither half is a word of the report; 'rendez-|vous' keeps its hyphen
    (and the line break, as in a text export) since 'vous' is a word.
    """
    if not any("\ufffe" in text for text in texts):
        return list(texts)
    words = {
        word.casefold()
        for text in texts
        for word in regex.findall(r"\p{L}+", _SOFT_HYPHEN_BREAK.sub(" ", text))
    }

    def mend(match: regex.Match[str]) -> str:
        left, right = match.group(1), match.group(2)
        known_halves = left.casefold() in words or right.casefold() in words
        if right and ((left + right).casefold() in words or not known_halves):
            return left + right
        return f"{left}-\n{right}"

    return [_SOFT_HYPHEN_BREAK.sub(mend, text).replace("\ufffe", "-\n") for text in texts]


def collapse_letter_spacing(line: str) -> str:
    """'L E  F O N D S' -> 'LE FONDS': single spaces join letters, double spaces part words.

    Leading spaces are kept: they mark where a page of a text export starts.
    """
    body = line.lstrip(" ")
    tokens = body.split()
    if len(tokens) < 5:
        return line
    short = sum(1 for token in tokens if _LETTER_TOKEN.fullmatch(token))
    single_letters = sum(1 for token in tokens if len(token) == 1 and token.isalpha())
    if short / len(tokens) < 0.8 or single_letters / len(tokens) < 0.4:
        return line  # ordinary text, or a phone number such as 03 21 61 50 00
    words = ["".join(group.split()) for group in regex.split(r" {2,}", body.strip())]
    return line[: len(line) - len(body)] + " ".join(word for word in words if word)


def separate_glued_numbers(text: str) -> str:
    """'75communes' -> '75 communes', 'au total190' -> 'au total 190' (ordinals stay)."""
    return _WORD_THEN_DIGITS.sub(" ", _DIGITS_THEN_WORD.sub(" ", text))


def rejoin_cut_numbers(text: str) -> str:
    """'depuis 125 \\n\\n000 ans' -> 'depuis 125 000 ans'."""
    return _CUT_NUMBER.sub(" ", text)
