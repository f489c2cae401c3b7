"""The embedded openEO backend's HTTP server: the FastAPI app, `serve` and `start_in_thread`.

The API lives under `/openeo/1.2/`; `/.well-known/openeo` at the server root points clients
there, so `openeo.connect("http://127.0.0.1:8000")` and `openeo.connect(".../openeo/1.2")` both work.

    app = create_app(BackendSettings(data_dir="data/"))   # any ASGI server
    serve("127.0.0.1", 8000, "data/")                     # `openeo-agent backend --data data/`
    server = start_in_thread(settings); server.url; server.stop()   # in-process (agent, tests)

Stopping (SIGTERM, Ctrl-C, `stop()`) first stops every running computation, synchronous and
batch (`backend.control`), so the process ends within seconds even mid-computation; requests
still open after `GRACEFUL_SHUTDOWN_S` are cancelled.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import threading
import time

import uvicorn
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import RedirectResponse

from backend.api import auth, collections, discovery, jobs, process_graphs, processes, sync
from backend.api.common import API_PREFIX, install_error_handlers
from backend.api.limits import BodyLimit
from backend.api.paths import MergeSlashes
from backend.api.usercontext import UserContext
from backend.api.signed import SignedLinks
from backend.auth import TokenService
from backend.context import BackendContext
from backend.control import Computations
from backend.jobs import JobLimits, JobManager
from backend.settings import BackendSettings
from backend.signing import Signer

log = logging.getLogger(__name__)

EXPOSED_HEADERS = ["Location", "OpenEO-Identifier", "OpenEO-Costs", "OpenEO-Simulated", "OpenEO-Warnings", "Link",
                   "Content-Disposition"]
GRACEFUL_SHUTDOWN_S = 10


def job_limits(settings: BackendSettings) -> JobLimits:
    """The batch limits of a backend. Queued-or-running jobs are limited per user only when users
    are configured: a local single-user backend (all its clients one "anonymous", e.g. the chat
    UI's parallel sessions) lets extra jobs wait in the queue instead of refusing them."""
    return JobLimits(timeout_s=settings.job_timeout_s, values_budget=settings.batch_pixel_budget,
                     max_jobs=settings.max_jobs_per_user,
                     max_running=settings.max_running_jobs_per_user if settings.closed else None,
                     disk_quota_bytes=settings.job_disk_quota_bytes)


def create_app(settings: BackendSettings | None = None, ctx: BackendContext | None = None, warm_up: bool = True) -> FastAPI:
    """The ASGI app of one backend; `ctx` may be given (tests), else built from `settings`.
    `warm_up=False` leaves the process implementations unimported until a computation needs them
    (a short-lived backend that only validates, as `openeo-agent check` starts)."""
    settings = settings or (ctx.settings if ctx else BackendSettings())
    ctx = ctx or BackendContext.create(settings)
    if getattr(ctx, "user_processes", None) is None:
        ctx.user_processes = process_graphs.store_for(settings.jobs_dir)
    if ctx.jobs is None:
        ctx.jobs = JobManager(settings.jobs_dir, run_graph=lambda process, control: sync.run_batch(process, ctx, control),
                              limits=job_limits(settings))

    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI):
        if warm_up:
            threading.Thread(target=_warm_up, args=(ctx,), name="openeo-warm-up", daemon=True).start()
        yield
        ctx.jobs.shutdown()

    app = FastAPI(
        lifespan=lifespan,
        title=settings.backend_title,
        version=discovery.BACKEND_VERSION,
        description="openEO API 1.2 (embedded backend of openEO Agent).",
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url=f"{API_PREFIX}/docs",
        redoc_url=None,
    )
    signer = Signer.for_folder(settings.jobs_dir)
    app.state.ctx = ctx
    app.state.tokens = TokenService(settings, signer)
    app.state.links = SignedLinks(signer, settings.signed_url_lifetime_s)
    app.state.computations = Computations()
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(UserContext)
    app.add_middleware(MergeSlashes)
    if settings.cors_origins:  # only the listed browser origins; none by default
        app.add_middleware(CORSMiddleware, allow_origins=list(settings.cors_origins), allow_credentials=True,
                           allow_methods=["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"],
                           allow_headers=["Authorization", "Content-Type", "Range"], expose_headers=EXPOSED_HEADERS)
    install_error_handlers(app)

    app.include_router(discovery.well_known)
    for module in (discovery, collections, processes, process_graphs, sync, jobs, auth):
        app.include_router(module.router, prefix=API_PREFIX)
    app.include_router(discovery.well_known, prefix=API_PREFIX, include_in_schema=False)

    @app.get("/", include_in_schema=False)
    def root() -> RedirectResponse:
        return RedirectResponse(f"{API_PREFIX}/")

    return app


def stop_computations(app: FastAPI) -> None:
    """Stop every synchronous and batch computation of an app (signal-handler safe: sets flags only)."""
    app.state.computations.cancel_all()
    if app.state.ctx.jobs is not None:
        app.state.ctx.jobs.stop_all()


class _Server(uvicorn.Server):
    """uvicorn, but a stop request (signal or `should_exit`) first stops the computations, which
    would otherwise keep the worker threads, and so the process, alive until they finish."""

    def __init__(self, config: uvicorn.Config, app: FastAPI) -> None:
        super().__init__(config)
        self._app = app

    def handle_exit(self, sig: int, frame: object) -> None:
        stop_computations(self._app)
        super().handle_exit(sig, frame)


def _warm_up(ctx: BackendContext) -> None:
    """Build the process registry before the first computation needs it (imports take seconds)."""
    try:
        ready(ctx)
    except Exception:  # the request that needs it will report the same problem as an openEO error
        log.exception("building the process registry failed")


def ready(ctx: BackendContext) -> None:
    """Block until the backend can compute: its process registry built (implementations
    imported) and its deferred data sources (the simulated Earth) built."""
    from backend.datasources.setup import prepare
    from backend.processes.index import LazyRegistry

    processes = ctx.processes
    if isinstance(processes, LazyRegistry):
        processes.full()
    if ctx.sources is not None:
        prepare(ctx.sources, ctx.catalog)


def _free_socket(host: str = "127.0.0.1") -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, 0))
    return sock


class EmbeddedServer:
    """A backend served by uvicorn in a daemon thread on a free loopback port."""

    def __init__(self, settings: BackendSettings, host: str = "127.0.0.1", port: int = 0, warm_up: bool = True) -> None:
        self.app = create_app(settings, warm_up=warm_up)
        self._socket = _free_socket(host) if port == 0 else None
        self.port = self._socket.getsockname()[1] if self._socket else port
        self.host = host
        config = uvicorn.Config(self.app, host=host, port=self.port, log_level="warning", lifespan="on",
                                timeout_graceful_shutdown=GRACEFUL_SHUTDOWN_S)
        self._server = _Server(config, self.app)
        self._thread = threading.Thread(target=self._run, name=f"openeo-backend-{self.port}", daemon=True)

    @property
    def root_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def url(self) -> str:
        """The openEO API root, for `openeo.connect(url)`."""
        return f"{self.root_url}{API_PREFIX}"

    @property
    def ctx(self) -> BackendContext:
        return self.app.state.ctx

    def _run(self) -> None:
        self._server.run(sockets=[self._socket] if self._socket else None)

    def start(self, timeout: float = 30.0) -> EmbeddedServer:
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"The embedded openEO backend did not start on port {self.port}.")
            time.sleep(0.02)
        return self

    def stop(self, timeout: float = 10.0) -> None:
        stop_computations(self.app)
        self._server.should_exit = True
        self._thread.join(timeout)
        if self._thread.is_alive():  # connections that will not close: stop anyway
            self._server.force_exit = True
            self._thread.join(5.0)
        if self._socket:
            self._socket.close()

    def __enter__(self) -> EmbeddedServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def start_in_thread(settings: BackendSettings | None = None, warm_up: bool = True) -> EmbeddedServer:
    """Start a backend in this process on a free loopback port; returns it started (its process
    implementations importing in the background unless `warm_up=False`: see `create_app`)."""
    return EmbeddedServer(settings or BackendSettings(), warm_up=warm_up).start()


def serve(host: str = "127.0.0.1", port: int = 8000, data_dir: str | None = None) -> None:
    """Run the backend in the foreground (`openeo-agent backend`)."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("rasterio._env").setLevel(logging.ERROR)  # GDAL chatter about TIFF tags
    settings = BackendSettings() if data_dir is None else BackendSettings(data_dir=data_dir)
    try:
        app = create_app(settings)
    except FileNotFoundError as exc:
        raise SystemExit(f"openeo-agent backend: {exc}") from None
    print(f"openEO backend: http://{host}:{port}{API_PREFIX}  (openeo.connect(\"http://{host}:{port}\"))", flush=True)
    config = uvicorn.Config(app, host=host, port=port, log_level="info", timeout_graceful_shutdown=GRACEFUL_SHUTDOWN_S)
    _Server(config, app).run()
