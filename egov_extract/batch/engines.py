"""Where the per-file work runs: a local process pool, or a Dask cluster.

Both take (key, args) tasks and yield (key, result) as tasks finish, with at most 2 x workers
in flight, so memory stays flat however many files the archive holds. Worker processes are
started with 'spawn' (no state inherited from the parent) and run one file at a time.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any

Task = tuple[Any, tuple]


def _limit_threads() -> None:
    os.environ["OMP_THREAD_LIMIT"] = "1"


def run_local(fn: Callable, tasks: Iterable[Task], workers: int, crashed: Callable[[tuple], Any] | None = None) -> Iterator[tuple[Any, Any]]:
    """Run fn(*args) for every task in `workers` processes; yield (key, result) as they finish.

    A worker that dies (a segfault in a native library, the out-of-memory killer) breaks the
    pool and every task in flight with it: those tasks are run again one at a time in a fresh
    process, so the one that kills its worker is found, reported as `crashed(args)`, and the
    batch goes on."""
    tasks = iter(tasks)
    context = multiprocessing.get_context("spawn")
    while True:
        suspects: list[Task] = []
        with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_limit_threads) as pool:
            pending: dict = {}

            def top_up() -> None:
                for key, args in tasks:
                    pending[pool.submit(fn, *args)] = (key, args)
                    if len(pending) >= 2 * workers:
                        break

            try:
                top_up()
            except BrokenProcessPool:
                pass
            while pending:
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    key, args = pending.pop(future)
                    try:
                        result = future.result()
                    except BrokenProcessPool:
                        suspects.append((key, args))
                        continue
                    yield key, result
                if suspects:
                    suspects += list(pending.values())
                    pending.clear()
                    break
                top_up()
        if not suspects:
            return
        for key, args in suspects:
            yield key, _alone(fn, args, context, crashed)


def _alone(fn: Callable, args: tuple, context, crashed: Callable[[tuple], Any] | None) -> Any:
    """One task in a fresh single process: its result, or `crashed(args)` if the process dies."""
    with ProcessPoolExecutor(max_workers=1, mp_context=context, initializer=_limit_threads) as pool:
        try:
            return pool.submit(fn, *args).result()
        except BrokenProcessPool:
            if crashed is None:
                raise
            return crashed(args)


def run_dask(
    fn: Callable, tasks: Iterable[Task], workers: int, scheduler: str | None = None, crashed: Callable[[tuple], Any] | None = None
) -> Iterator[tuple[Any, Any]]:
    """The same on dask.distributed: a cluster at `scheduler`, or a LocalCluster of `workers`
    single-threaded worker processes. A task whose workers keep dying (KilledWorker) is
    reported as `crashed(args)`."""
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise RuntimeError("the dask engine needs dask.distributed: pip install 'egov_extract[dask]'") from exc

    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    try:
        client.run(_limit_threads)
        tasks = iter(tasks)
        keys: dict = {}
        queue = as_completed()
        for key, args in tasks:
            future = client.submit(fn, *args, pure=False)
            keys[future.key] = (key, args)
            queue.add(future)
            if queue.count() >= 2 * workers:
                break
        for future in queue:
            key, args = keys.pop(future.key)
            try:
                result = future.result()
            except Exception:
                if crashed is None:
                    raise
                result = crashed(args)
            yield key, result
            future.release()
            for next_key, next_args in tasks:
                nxt = client.submit(fn, *next_args, pure=False)
                keys[nxt.key] = (next_key, next_args)
                queue.add(nxt)
                break
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


ENGINES = {"local": run_local, "dask": run_dask}

__all__ = ["ENGINES", "run_dask", "run_local"]
