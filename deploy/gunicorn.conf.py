"""gunicorn for the service: `gunicorn -c deploy/gunicorn.conf.py config.wsgi` (deploy/systemd/).

Values come from the environment, so one file serves every server; see docs/deployment.md.
"""

import os
import shutil
import tempfile

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers: each request holds one database connection; two per core suits this service.
workers = int(os.environ.get("GUNICORN_WORKERS", str(2 * (os.cpu_count() or 1) + 1)))
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so no slow leak grows; the jitter stops them restarting together.
max_requests = 2000
max_requests_jitter = 200
# Only nginx on this host may say the request came over HTTPS (X-Forwarded-Proto).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# Django writes one JSON access line per request (senmediation.access); gunicorn's would repeat it.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108

# Prometheus counters from every worker process are summed through files in this directory. It must
# be set before any worker imports prometheus_client, hence here, in the master.
metrics_dir = os.environ.setdefault(
    "PROMETHEUS_MULTIPROC_DIR", tempfile.mkdtemp(prefix="senmediation-metrics-")
)


def on_starting(server):  # type: ignore[no-untyped-def]
    # Counts left by a previous run of this server would be added to this one's.
    shutil.rmtree(metrics_dir, ignore_errors=True)
    os.makedirs(metrics_dir, exist_ok=True)


def child_exit(server, worker):  # type: ignore[no-untyped-def]
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)
