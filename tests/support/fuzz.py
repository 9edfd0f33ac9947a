"""Fuzzing: valid and mutated department files through check and build; a crash is a traceback."""

from __future__ import annotations

import random
import tempfile
import traceback
from dataclasses import dataclass, field
from pathlib import Path


from disclosure_gen.build import BuildOptions, render
from disclosure_gen.pipeline import prepare
from disclosure_gen.yamlwriter import dump_yaml

from .synthetic import department

_JUNK = ("", "-", "0", "-1", "1e9", "0.001", "nan", "[]", "{}", "'", "\x07", "\ufeff", "１２", "1,2", "2023-02-30",
         "*a", "&a x", "<<: {}", "\t", "null", "yes", "十二", "x" * 300, "2010501", "99999")


@dataclass
class FuzzReport:
    """How many inputs ran, how many built, and the tracebacks of any crash."""

    runs: int = 0
    built: int = 0
    refused: int = 0
    crashes: list[str] = field(default_factory=list)


def mutate(text: str, rng: random.Random) -> str:
    """One random edit of a YAML text: drop, repeat or swap lines, replace a value, truncate, or inject junk."""
    lines = text.splitlines()
    if len(lines) < 2:
        return text + rng.choice(_JUNK) + "\n"
    i = rng.randrange(len(lines))
    kind = rng.randrange(6)
    if kind == 0:
        del lines[i]
    elif kind == 1:
        lines.insert(i, lines[i])
    elif kind == 2:
        j = rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
    elif kind == 3 and ":" in lines[i]:
        key = lines[i].split(":", 1)[0]
        lines[i] = f"{key}: {rng.choice(_JUNK)}"
    elif kind == 4:
        lines = lines[: rng.randrange(1, len(lines))]
    else:
        position = rng.randrange(len(lines[i]) + 1)
        lines[i] = lines[i][:position] + rng.choice(_JUNK) + lines[i][position:]
    return "\n".join(lines) + "\n"


def run(count: int, seed: int = 0, build_every: int = 1) -> FuzzReport:
    """Runs `count` inputs (one valid in ten, the rest mutated); builds a DOCX of each valid one."""
    rng = random.Random(seed)
    report = FuzzReport()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.yaml"
        for n in range(count):
            text = "单位: 万元\n" + dump_yaml(department(rng, n % 50, 2023))
            if n % 10:
                for _ in range(rng.randint(1, 3)):
                    text = mutate(text, rng)
            path.write_text(text, encoding="utf-8", errors="surrogatepass")
            report.runs += 1
            try:
                prepared = prepare(path)
                if prepared.ok and n % build_every == 0:
                    render(prepared, BuildOptions(("docx",)))
                    report.built += 1
                elif not prepared.ok:
                    report.refused += 1
            except Exception:  # noqa: BLE001 - any exception escaping is exactly what fuzzing looks for
                report.crashes.append(f"input {n}:\n{traceback.format_exc()}")
    return report
