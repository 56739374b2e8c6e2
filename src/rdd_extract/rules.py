"""Declarative rules: load, validate and compile the TOML rule files of a report family.

A rules folder holds one shared file of named patterns (`macros.toml`) and one
folder per report family: `<family>/_family.toml` says how to recognise the
family's reports, and every other `<family>/<sheet>.toml` describes one action
sheet and the figures to name on it. Rule files are data from elsewhere: they are
parsed, never executed, and every regex runs under a time limit.
"""

from __future__ import annotations

import hashlib
import math
import tomllib
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import regex

from rdd_extract.errors import UserError
from rdd_extract.profile import GENERIC, LayoutProfile, profile_from
from rdd_extract.quantities import QUALIFIERS, UNITS

MACROS_FILE = "macros.toml"
FAMILY_FILE = "_family.toml"
BLOCKS = ("any", "key", "body", "perspectives")
KINDS = ("actual", "target", "context")
REGEX_TIMEOUT = 0.5  # seconds a single rule may search one page: a pathological pattern fails, not hangs

_SHEET_KEYS = {"id": str, "title": str, "pilier": int, "match": str}
_SHEET_REQUIRED = ("id", "title", "match")
_FIGURE_KEYS = {
    "id": str, "label": str, "pattern": str, "unit": str, "kind": str, "block": str,
    "scale": float, "qualifier": str, "occurrence": int, "all": bool,
}  # fmt: skip
_FIGURE_REQUIRED = ("id", "label", "pattern", "unit", "kind")
_FAMILY_KEYS = {"id": str, "name": str, "match": str}
# "{int:value}"; but "\p{L}", "\P{Lu}" and "\N{...}" are the regex's own syntax, not macros.
_MACRO_REF = regex.compile(r"(?<!\\[pPN])\{(?P<name>[A-Za-z_]\w*)(?::(?P<group>[A-Za-z_]\w*))?\}")
_ID = regex.compile(r"[a-z0-9][a-z0-9_\-]*")
_FLAGS = regex.IGNORECASE | regex.VERSION0


@dataclass(frozen=True)
class FigureRule:
    id: str
    label: str
    pattern: regex.Pattern[str]
    unit: str
    kind: str
    block: str = "any"
    scale: float = 1.0
    qualifier: str | None = None
    occurrence: int = 1
    repeat: bool = False  # `all = true`: every match is a figure
    line: int = 0  # line of the rule in its file, for messages
    source: str = ""  # the pattern as written, macros unexpanded


@dataclass(frozen=True)
class SheetRules:
    id: str
    title: str
    pilier: int | None
    match: regex.Pattern[str]
    figures: tuple[FigureRule, ...]
    path: str


@dataclass(frozen=True)
class RulePack:
    family: str
    name: str
    match: regex.Pattern[str]
    sheets: tuple[SheetRules, ...]
    digest: str  # sha256 over the rule files, recorded in the output metadata
    layout: LayoutProfile = GENERIC  # the family's layout conventions (its `[layout]` table)


@dataclass(frozen=True)
class _Family:
    id: str
    name: str
    match: regex.Pattern[str]
    layout: LayoutProfile


@dataclass(frozen=True)
class RuleProblem:
    path: str
    message: str
    line: int | None = None
    rule: str | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        about = f" {self.rule}:" if self.rule else ""
        return f"{where}:{about} {self.message}"


class RulesError(UserError):
    """Rule files with problems; `problems` holds one entry per problem."""

    def __init__(self, problems: list[RuleProblem]) -> None:
        self.problems = problems
        folder = Path(problems[0].path)
        folder = folder if folder.is_dir() else folder.parent
        more = f" (and {len(problems) - 1} more; run 'rdd rules check {folder}')" if len(problems) > 1 else ""
        super().__init__(f"bad rules: {problems[0]}{more}")


def bundled_rules_root() -> Path:
    """The rules shipped with the package (the repository's `rules/` folder)."""
    return Path(str(resources.files("rdd_extract.bundled_rules")))


def family_dirs(root: Path) -> list[Path]:
    """Family folders under a rules root, or the root itself when it is a family folder."""
    if not root.is_dir():
        raise UserError(f"rules folder {root} does not exist")
    if (root / FAMILY_FILE).is_file():
        return [root]
    return sorted(path for path in root.iterdir() if path.is_dir() and (path / FAMILY_FILE).is_file())


def check_rules(root: Path) -> list[RuleProblem]:
    """Every problem of every family under `root` (an empty list when all is well)."""
    families = family_dirs(root)  # UserError for a folder that does not exist
    if not families:
        return [RuleProblem(str(root), f"no family folder (a folder with a {FAMILY_FILE}) found")]
    problems: list[RuleProblem] = []
    for folder in families:
        problems.extend(_load_family(folder)[1])
    return problems


def load_rulepack(folder: Path) -> RulePack:
    """The compiled rules of one family folder; `RulesError` if any file has a problem.

    Compiled once per process while the files are unchanged: a batch reads many reports.
    """
    stamp = tuple(
        (path.name, path.stat().st_mtime_ns, path.stat().st_size)
        for path in sorted([*folder.glob("*.toml"), *_macro_paths(folder)])
    )
    return _load_rulepack_cached(folder.resolve(), stamp)


@lru_cache(maxsize=8)
def _load_rulepack_cached(folder: Path, stamp: tuple[tuple[str, int, int], ...]) -> RulePack:
    pack, problems = _load_family(folder)
    if problems or pack is None:
        raise RulesError(problems or [RuleProblem(str(folder), "no rules")])
    return pack


def choose_rulepack(root: Path, text: str) -> RulePack | None:
    """The family under `root` whose `match` pattern finds the report `text`, if any.

    Two families that both match are an error: which one's rules apply must not depend on
    the order of folders. The user chooses with `--rules FAMILY_FOLDER`.
    """
    matching = []
    for folder in family_dirs(root):
        family = _read_family(folder)
        if family is not None and search(family.match, text):
            matching.append(folder)
    if len(matching) > 1:
        files = " and ".join(str(folder / FAMILY_FILE) for folder in matching[:2])
        raise UserError(f"two rule families match this report ({files}): choose one with --rules FOLDER")
    return load_rulepack(matching[0]) if matching else None


# --------------------------------------------------------------------------- loading


def _load_family(folder: Path) -> tuple[RulePack | None, list[RuleProblem]]:
    problems: list[RuleProblem] = []
    macros = _load_macros(folder, problems)
    family_path = folder / FAMILY_FILE
    family_data = _read_toml(family_path, problems)
    family = _family_from(family_path, family_data, problems) if family_data is not None else None
    sheets: list[SheetRules] = []
    seen: dict[str, str] = {}
    files = sorted(  # a family's own macros.toml is no sheet
        path for path in folder.glob("*.toml") if not path.name.startswith("_") and path.name != MACROS_FILE
    )
    for path in files:
        sheet = _load_sheet(path, macros, problems)
        if sheet is None:
            continue
        if sheet.id in seen:
            problems.append(RuleProblem(str(path), f"sheet id '{sheet.id}' is also used by {seen[sheet.id]}"))
            continue
        seen[sheet.id] = str(path)
        sheets.append(sheet)
    if problems or family is None:
        return None, problems
    digest = hashlib.sha256()
    for path in [family_path, *_macro_paths(folder), *files]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    pack = RulePack(family.id, family.name, family.match, tuple(sheets), digest.hexdigest(), family.layout)
    return pack, problems


def _macro_paths(folder: Path) -> list[Path]:
    """The bundled macros, then the rules root's, then the family's own: later ones override."""
    candidates = (bundled_rules_root() / MACROS_FILE, folder.parent / MACROS_FILE, folder / MACROS_FILE)
    unique = dict.fromkeys(path.resolve() for path in candidates if path.is_file())
    return list(unique)


def _load_macros(folder: Path, problems: list[RuleProblem]) -> dict[str, str]:
    """Shared macros (the bundled `macros.toml`, a rules root's), overridden by a family's own."""
    macros: dict[str, str] = {}
    for path in _macro_paths(folder):
        data = _read_toml(path, problems)
        if data is None:
            continue
        table = data.get("macros")
        if not isinstance(table, dict) or set(data) != {"macros"}:
            problems.append(
                RuleProblem(str(path), "a macros file holds one [macros] table of name = 'pattern'")
            )
            continue
        for name, pattern in table.items():
            if not isinstance(pattern, str) or not regex.fullmatch(r"[A-Za-z_]\w*", name):
                problems.append(RuleProblem(str(path), f"macro '{name}' must be a name = 'pattern' string"))
                continue
            macros[name] = pattern
    return macros


def _read_family(folder: Path) -> _Family | None:
    problems: list[RuleProblem] = []
    data = _read_toml(folder / FAMILY_FILE, problems)
    return _family_from(folder / FAMILY_FILE, data, problems) if data is not None else None


def _family_from(path: Path, data: Mapping[str, Any], problems: list[RuleProblem]) -> _Family | None:
    table = data.get("family")
    layout_table = data.get("layout", {})
    if (
        not isinstance(table, dict)
        or not set(data) <= {"family", "layout"}
        or not isinstance(layout_table, dict)
    ):
        problems.append(
            RuleProblem(
                str(path), "a family file holds a [family] table (id, name, match) and a [layout] table"
            )
        )
        return None
    if not _check_keys(path, table, _FAMILY_KEYS, ("id", "name", "match"), "family", None, problems):
        return None
    if not _ID.fullmatch(table["id"]):
        problems.append(
            RuleProblem(
                str(path), f"family id '{table['id']}' must be a slug: lowercase letters, digits, - or _"
            )
        )
        return None
    layout, layout_problems = profile_from(layout_table)
    problems.extend(RuleProblem(str(path), f"[layout]: {problem}") for problem in layout_problems)
    match = _compile(path, None, table["match"], {}, problems, need_value=False)
    if match is None or layout_problems:
        return None
    return _Family(table["id"], table["name"], match, layout)


def _load_sheet(path: Path, macros: Mapping[str, str], problems: list[RuleProblem]) -> SheetRules | None:
    data = _read_toml(path, problems)
    if data is None:
        return None
    source = path.read_text(encoding="utf-8", errors="replace")
    unknown = sorted(set(data) - {"sheet", "figure"})
    if unknown:
        problems.append(
            RuleProblem(str(path), f"unknown key {unknown[0]!r} (expected [sheet] and [[figure]])")
        )
    header = data.get("sheet")
    if not isinstance(header, dict):
        problems.append(RuleProblem(str(path), "missing [sheet] table"))
        return None
    count = len(problems)
    if not _check_keys(path, header, _SHEET_KEYS, _SHEET_REQUIRED, "sheet", None, problems):
        return None
    if not _ID.fullmatch(header["id"]):
        problems.append(
            RuleProblem(str(path), f"sheet id '{header['id']}' must be lowercase letters, digits, - or _")
        )
    if not 1 <= header.get("pilier", 1) <= 9:
        problems.append(RuleProblem(str(path), f"pilier {header['pilier']} is not a pilier number (1 to 9)"))
    match = _compile(
        path, None, header["match"], macros, problems, need_value=False, line=_line_of(source, "match")
    )
    figures_data = data.get("figure", [])
    if not isinstance(figures_data, list):
        problems.append(RuleProblem(str(path), "figures are [[figure]] tables"))
        return None
    figures: list[FigureRule] = []
    seen: Counter[str] = Counter()
    for entry in figures_data:
        rule_id = str(entry.get("id", "?")) if isinstance(entry, dict) else "?"
        seen[rule_id] += 1  # a second rule of an id is told at its own line, not the first one's
        figure = _load_figure(path, source, entry, macros, problems, seen[rule_id])
        if figure is None:
            continue
        if seen[rule_id] > 1:
            first = _line_of(source, "id", rule_id)
            problems.append(
                RuleProblem(str(path), f"duplicate figure id (first at line {first})", figure.line, figure.id)
            )
        figures.append(figure)
    if len(problems) > count or match is None:
        return None
    pilier = header.get("pilier")
    return SheetRules(header["id"], header["title"], pilier, match, tuple(figures), str(path))


def _load_figure(
    path: Path,
    source: str,
    entry: object,
    macros: Mapping[str, str],
    problems: list[RuleProblem],
    nth: int = 1,
) -> FigureRule | None:
    """One [[figure]] rule; every problem it has is told (an unknown key does not hide the others)."""
    if not isinstance(entry, dict):
        problems.append(RuleProblem(str(path), "each [[figure]] must be a table"))
        return None
    rule_id = str(entry.get("id", "?"))
    line = _line_of(source, "id", rule_id, nth)
    keys_ok = _check_keys(path, entry, _FIGURE_KEYS, _FIGURE_REQUIRED, "figure", line, problems, rule_id)
    typed = {key for key, kind in _FIGURE_KEYS.items() if isinstance(entry.get(key), kind)}
    if not {"unit", "kind", "pattern"} <= typed:
        return None  # told by the key check: nothing more to check without them
    checks = (
        (_ID.fullmatch(rule_id), f"id must be lowercase letters, digits, - or _, not '{rule_id}'"),
        (entry["unit"] in UNITS, f"unknown unit '{entry['unit']}' (one of {', '.join(UNITS)})"),
        (entry["kind"] in KINDS, f"unknown kind '{entry['kind']}' (one of {', '.join(KINDS)})"),
        (
            entry.get("block", "any") in BLOCKS,
            f"unknown block '{entry.get('block')}' (one of {', '.join(BLOCKS)})",
        ),
        (
            entry.get("qualifier") in (None, *QUALIFIERS),
            f"unknown qualifier '{entry.get('qualifier')}' (one of {', '.join(QUALIFIERS)})",
        ),
        ("occurrence" not in typed or entry["occurrence"] >= 1, "occurrence counts from 1"),
        (_is_scale(entry.get("scale", 1.0)), "scale must be a finite number above 0"),
    )
    bad = [message for ok, message in checks if not ok]
    problems.extend(RuleProblem(str(path), message, line, rule_id) for message in bad)
    pattern = _compile(path, rule_id, entry["pattern"], macros, problems, need_value=True, line=line)
    if not keys_ok or bad or pattern is None:
        return None
    return FigureRule(
        id=rule_id,
        label=entry["label"],
        pattern=pattern,
        unit=entry["unit"],
        kind=entry["kind"],
        block=entry.get("block", "any"),
        scale=float(entry.get("scale", 1.0)),
        qualifier=entry.get("qualifier"),
        occurrence=entry.get("occurrence", 1),
        repeat=entry.get("all", False),
        line=line,
        source=entry["pattern"],
    )


def _is_scale(scale: object) -> bool:
    return isinstance(scale, int | float) and math.isfinite(scale) and scale > 0


def _check_keys(
    path: Path,
    table: Mapping[str, Any],
    allowed: Mapping[str, type],
    required: Iterable[str],
    what: str,
    line: int | None,
    problems: list[RuleProblem],
    rule: str | None = None,
) -> bool:
    count = len(problems)
    for key in table:
        if key not in allowed:
            expected = ", ".join(allowed)
            problems.append(
                RuleProblem(str(path), f"unknown key '{key}' in {what} (expected {expected})", line, rule)
            )
    for key in required:
        if key not in table:
            problems.append(RuleProblem(str(path), f"missing field '{key}' in {what}", line, rule))
    for key, kind in allowed.items():
        value = table.get(key)
        if value is None:
            continue
        ok = isinstance(value, kind) or (
            kind is float and isinstance(value, int) and not isinstance(value, bool)
        )
        if not ok or (kind is int and isinstance(value, bool)):
            problems.append(RuleProblem(str(path), f"'{key}' must be a {kind.__name__}", line, rule))
    return len(problems) == count


def _read_toml(path: Path, problems: list[RuleProblem]) -> dict[str, Any] | None:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        found = regex.search(r"line (\d+)", str(exc))
        problems.append(RuleProblem(str(path), f"invalid TOML: {exc}", int(found[1]) if found else None))
    except UnicodeDecodeError:
        problems.append(RuleProblem(str(path), "is not UTF-8 text (a TOML file is UTF-8)"))
    except OSError as exc:
        problems.append(RuleProblem(str(path), f"cannot read: {exc.strerror or exc}"))
    return None


def _line_of(source: str, key: str, value: str | None = None, nth: int = 1) -> int:
    """Line of the `nth` `key = ...` (or `key = "value"`) in a rule file, for messages; 0 when not found."""
    seen = 0
    for number, line in enumerate(source.split("\n"), start=1):
        name, equals, rest = line.partition("=")
        if equals and name.strip() == key and (value is None or rest.strip().strip("'\"") == value):
            seen += 1
            if seen == nth:
                return number
    return 0


# --------------------------------------------------------------------------- patterns


def expand(pattern: str, macros: Mapping[str, str], depth: int = 0) -> str:
    """Macros in, regex out: '{int:value} dossiers' -> '(?P<value>...)\\s+dossiers'.

    `{name}` inserts a macro as a group, `{name:group}` as a named group. A space
    (outside a [character class]) matches any run of whitespace, line breaks
    included, so a rule reads like the sentence it matches; " ?" makes it optional.
    """
    if depth > 10:
        raise ValueError("macros nest too deep (a macro refers to itself?)")

    def substitute(match: regex.Match[str]) -> str:
        name, group = match["name"], match["group"]
        if name not in macros:
            raise KeyError(name)
        inner = expand(macros[name], macros, depth + 1)
        return f"(?P<{group}>{inner})" if group else f"(?:{inner})"

    return _MACRO_REF.sub(substitute, _spaces_to_whitespace(pattern))


def _spaces_to_whitespace(pattern: str) -> str:
    out: list[str] = []
    in_class = escaped = False
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if escaped:
            out.append(char)
            escaped = False
        elif char == "\\":
            out.append(char)
            escaped = True
        elif char == "[" and not in_class:
            in_class = True
            out.append(char)
        elif char == "]" and in_class:
            in_class = False
            out.append(char)
        elif char == " " and not in_class:
            while i + 1 < len(pattern) and pattern[i + 1] == " ":
                i += 1
            following = pattern[i + 1 : i + 2]
            if following in ("?", "*"):  # " ?" and " *": optional whitespace
                i += 1
                out.append(r"\s*")
            else:
                out.append(r"\s+" if following != "+" else r"\s")
        else:
            out.append(char)
        i += 1
    return "".join(out)


def _compile(
    path: Path,
    rule: str | None,
    pattern: str,
    macros: Mapping[str, str],
    problems: list[RuleProblem],
    need_value: bool,
    line: int | None = None,
) -> regex.Pattern[str] | None:
    try:
        compiled = regex.compile(expand(pattern, macros), _FLAGS)
    except KeyError as exc:
        problems.append(RuleProblem(str(path), f"unknown macro {{{exc.args[0]}}}", line, rule))
        return None
    except ValueError as exc:
        problems.append(RuleProblem(str(path), str(exc), line, rule))
        return None
    except regex.error as exc:
        problems.append(
            RuleProblem(str(path), f"regex does not compile: {_written_error(pattern, exc)}", line, rule)
        )
        return None
    if need_value and "value" not in compiled.groupindex:
        problems.append(
            RuleProblem(str(path), "pattern has no value group ({int:value}, (?P<value>...))", line, rule)
        )
        return None
    return compiled


def _written_error(pattern: str, error: regex.error) -> str:
    """A regex error placed in the pattern as written (macros and spaces expand it: the position
    regex gives is in the expansion), else as regex words it."""
    as_written = _MACRO_REF.sub(lambda macro: "X" * len(macro.group()), pattern)
    try:
        regex.compile(as_written, _FLAGS)
    except regex.error as written:
        position: int | None = getattr(written, "pos", None)  # the stubs do not know regex's fields
        if position is not None:
            message = getattr(written, "msg", str(written))
            return f"{message} at character {position + 1} of the pattern: {pattern[: position + 1]!r}"
    return str(error)


def family_id_ok(family: str) -> bool:
    """Whether a family id is a slug: it names a folder of the output, so it must never be a path."""
    return _ID.fullmatch(family) is not None


def require_slug(what: str, value: str | None) -> None:
    """Refuse a family or report id that is no slug, naming `what` ('report id', 'family id')."""
    if value is not None and not family_id_ok(value):
        raise UserError(f"{what} '{value}' must be a slug: lowercase letters, digits, - or _")


def compile_rule_pattern(pattern: str) -> regex.Pattern[str]:
    """A figure pattern compiled as a rule file's would be, with the bundled macros (for drafts)."""
    return regex.compile(expand(pattern, _bundled_macros()), _FLAGS)


@lru_cache(maxsize=1)
def _bundled_macros() -> dict[str, str]:
    return _load_macros(bundled_rules_root(), [])


def search(pattern: regex.Pattern[str], text: str) -> regex.Match[str] | None:
    """`pattern.search` under the rules' time limit: a pattern that runs too long finds nothing."""
    try:
        return pattern.search(text, timeout=REGEX_TIMEOUT)
    except TimeoutError:
        return None
