"""Demo cases in bulk: each case is walked through the workflow table in memory, every date and clock
computed with the pure rules (working days, due dates, clock statuses), then written with COPY
(PostgreSQL) or bulk_create (SQLite). No services, no signals, no per-row queries.

Deterministic for a seed: cases are made in chunks, each with its own seeded generator, so the result
does not depend on how many processes made them.

This module runs the load (cases_generate): the chunks in order, in worker processes on PostgreSQL, each
chunk's certificates numbered in one place, then the documents, counters and planner statistics. The
parts live beside it: world.py (what every chunk shares, and the plan of chunks), walk.py and walk_*.py
(one case walked in memory and turned into rows), phrases.py, writer.py (COPY, and the indexes dropped and
rebuilt), progress.py.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
from collections.abc import Iterator
from typing import Any

from django.db import connection, connections, transaction

from senmediation.cases.models import Case, ReferenceCounter
from senmediation.cases.services.references import PREFIXES
from senmediation.core import clock as service_clock
from senmediation.documents.models import Certificate
from senmediation.documents.services.certificates import NUMBER_PREFIX

from . import writer
from .documents import OWN_DOCUMENTS_BELOW, own_documents_render, specimens_attach
from .progress import Progress
from .walk import chunk_rows
from .world import Chunk, World, _opened_on, _types, _world, chunks_plan

DEFER_CONSTRAINTS_FROM = 100_000


def _chunk_text(args: tuple[World, Chunk]) -> tuple[dict[Any, str], list[tuple[Any, ...]], int]:
    """In a worker process: one chunk as COPY text, certificates left as rows to be numbered in order."""
    world, chunk = args
    rows = chunk_rows(world, chunk)
    texts = {model: writer.copy_text(model, model_rows) for model, model_rows in rows.items()
             if model is not Certificate}
    return texts, rows[Certificate], chunk.size


def _certificates_number(rows: list[tuple[Any, ...]], counters: dict[int, int]) -> list[tuple[Any, ...]]:
    """Certificate numbers are gap-free per year of issue, so they are given out in one place, in order."""
    out = []
    for row in sorted(rows, key=lambda r: (r[13], r[0])):
        year = row[2]
        counters[year] = sequence = counters.get(year, 0) + 1
        out.append((row[0], f"{NUMBER_PREFIX}-{year}-{sequence:05d}", year, sequence, *row[4:]))
    return out


def _chunk_write(texts: dict[Any, str], certificate_rows: list[tuple[Any, ...]], cert_counters: dict[int, int],
                 done: int, progress: Progress | None) -> int:
    """Numbers the chunk's certificates, then COPYs the whole chunk in one transaction."""
    texts[Certificate] = writer.copy_text(Certificate, _certificates_number(certificate_rows, cert_counters))
    with transaction.atomic():
        writer.write(texts=texts)
    if progress:
        progress(done)
    return done

def _counters_save(references: dict[tuple[str, int], int]) -> None:
    for (prefix, year), last in references.items():
        ReferenceCounter.objects.update_or_create(prefix=prefix, year=year, defaults={"last_number": last})

def _chunks_write(world: World, plan: list[Chunk], cert_counters: dict[int, int], processes: int,
                  progress: Progress | None) -> int:
    """Makes and writes every chunk in order; returns how many cases were made."""
    done = 0
    postgres = connection.vendor == "postgresql"
    if postgres and processes > 1 and not connection.in_atomic_block:
        connections.close_all()  # never share a connection with forked workers
        context = multiprocessing.get_context("fork")
        with context.Pool(processes) as pool:
            results: Iterator[Any] = pool.imap(_chunk_text, [(world, chunk) for chunk in plan])
            for texts, certificate_rows, size in results:
                done = _chunk_write(texts, certificate_rows, cert_counters, done + size, progress)
    else:
        # One process (tests, small demos, or inside a caller's transaction): same rows, same writer.
        for chunk in plan:
            if postgres:
                texts, certificate_rows, size = _chunk_text((world, chunk))
                done = _chunk_write(texts, certificate_rows, cert_counters, done + size, progress)
                continue
            rows = chunk_rows(world, chunk)
            rows[Certificate] = _certificates_number(rows[Certificate], cert_counters)
            with transaction.atomic():
                writer.write(rows=rows)
            done += chunk.size
            if progress:
                progress(done)
    return done


def cases_generate(*, count: int, seed: int, today: dt.date | None = None, processes: int | None = None,
                   progress: Progress | None = None, defer_constraints: bool | None = None) -> int:
    """Makes `count` demo cases after any that exist; returns how many were made.

    A large load on PostgreSQL (DEFER_CONSTRAINTS_FROM cases or more, and at least as many as exist)
    drops the secondary indexes and foreign keys first and rebuilds them after (writer.constraints_deferred).
    """
    if count <= 0:
        return 0
    today = today or service_clock.today()
    world = _world(count=count, seed=seed, today=today)
    existing = {(c.prefix, c.year): c.last_number for c in ReferenceCounter.objects.all()}
    plan = chunks_plan(world, existing)
    references = dict(plan[-1].ref_start)
    for offset, case_type in enumerate(_types(seed, plan[-1].number, plan[-1].size)):
        key = (PREFIXES[case_type], _opened_on(world, plan[-1].start + offset).year)
        references[key] = references.get(key, 0) + 1
    cert_counters = {year: last for (prefix, year), last in existing.items() if prefix == NUMBER_PREFIX}
    postgres = connection.vendor == "postgresql"
    processes = processes or min(2, multiprocessing.cpu_count())
    if defer_constraints is None:
        defer_constraints = count >= DEFER_CONSTRAINTS_FROM and count >= Case.objects.count()
    if postgres and defer_constraints and not connection.in_atomic_block:
        with writer.constraints_deferred(on_restore=progress.stage if progress else None):
            done = _chunks_write(world, plan, cert_counters, processes, progress)
    else:
        done = _chunks_write(world, plan, cert_counters, processes, progress)
    if count < OWN_DOCUMENTS_BELOW:
        if progress:
            progress.stage("Rendering each case's own certificates, letters, agreements and complaint letters")
        own_documents_render(first_ids=world.first_ids, today=today,
                             report=progress.documents if progress else None)
    else:
        if progress:
            progress.stage("Attaching the shared specimen agreement and complaint letter PDFs")
        specimens_attach(first_ids=world.first_ids, today=today)
    with transaction.atomic():
        writer.sequences_reset()
        _counters_save({**references, **{(NUMBER_PREFIX, y): n for y, n in cert_counters.items()}})
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        if progress:
            progress.stage("Gathering planner statistics")
        # Planner statistics, and the visibility map that lets counts read only an index.
        with connection.cursor() as cursor:
            for model in writer.MODELS:
                cursor.execute(f"VACUUM (ANALYZE) {model._meta.db_table}")
    return done
