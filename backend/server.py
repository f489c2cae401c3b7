"""The embedded openEO backend's HTTP server: the FastAPI app, `serve` and `start_in_thread`.

The API lives under `/openeo/1.2/`; `/.well-known/openeo` at the server root points clients
there, so `openeo.connect("http://127.0.0.1:8000")` and `openeo.connect(".../openeo/1.2")` both work.

    app = create_app(BackendSettings(data_dir="data/"))   # any ASGI server
    serve("127.0.0.1", 8000, "data/")                     # `openeo-agent backend --data data/`
    server = start_in_thread(settings); server.url; server.stop()   # in-process (agent, tests)
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
from backend.auth import ANONYMOUS, TokenService
from backend.errors import OpenEOApiError
from backend.processes.udp import CURRENT_USER
from backend.context import BackendContext
from backend.jobs import JobManager
from backend.settings import BackendSettings

log = logging.getLogger(__name__)

EXPOSED_HEADERS = ["Location", "OpenEO-Identifier", "OpenEO-Costs", "OpenEO-Simulated", "Link"]


def create_app(settings: BackendSettings | None = None, ctx: BackendContext | None = None) -> FastAPI:
    """The ASGI app of one backend; `ctx` may be given (tests), else built from `settings`."""
    settings = settings or (ctx.settings if ctx else BackendSettings())
    ctx = ctx or BackendContext.create(settings)
    if getattr(ctx, "user_processes", None) is None:
        ctx.user_processes = process_graphs.store_for(settings.jobs_dir)
    if ctx.jobs is None:
        ctx.jobs = JobManager(settings.jobs_dir, run_graph=lambda process: sync.run_batch(process, ctx))

    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI):
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
    app.state.ctx = ctx
    app.state.tokens = TokenService(settings)
    app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["*"], allow_headers=["*"],
                       expose_headers=EXPOSED_HEADERS)
    install_error_handlers(app)

    @app.middleware("http")
    async def user_context(request, call_next):
        """The request's user for the processes it runs (user-defined processes are per user)."""
        try:
            user = app.state.tokens.user(request.headers.get("authorization"))
        except OpenEOApiError:
            user = ANONYMOUS  # the route itself reports the bad token
        token = CURRENT_USER.set(user)
        try:
            return await call_next(request)
        finally:
            CURRENT_USER.reset(token)

    app.include_router(discovery.well_known)
    for module in (discovery, collections, processes, process_graphs, sync, jobs, auth):
        app.include_router(module.router, prefix=API_PREFIX)
    app.include_router(discovery.well_known, prefix=API_PREFIX, include_in_schema=False)

    @app.get("/", include_in_schema=False)
    def root() -> RedirectResponse:
        return RedirectResponse(f"{API_PREFIX}/")

    return app


def _warm_up(ctx: BackendContext) -> None:
    """Build the process registry before the first request needs it (imports take seconds)."""
    try:
        ctx.processes
    except Exception:  # the request that needs it will report the same problem as an openEO error
        log.exception("building the process registry failed")


def _free_socket(host: str = "127.0.0.1") -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, 0))
    return sock


class EmbeddedServer:
    """A backend served by uvicorn in a daemon thread on a free loopback port."""

    def __init__(self, settings: BackendSettings, host: str = "127.0.0.1", port: int = 0) -> None:
        self.app = create_app(settings)
        self._socket = _free_socket(host) if port == 0 else None
        self.port = self._socket.getsockname()[1] if self._socket else port
        self.host = host
        config = uvicorn.Config(self.app, host=host, port=self.port, log_level="warning", lifespan="on")
        self._server = uvicorn.Server(config)
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


def start_in_thread(settings: BackendSettings | None = None) -> EmbeddedServer:
    """Start a backend in this process on a free loopback port; returns it started."""
    return EmbeddedServer(settings or BackendSettings()).start()


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
    uvicorn.run(app, host=host, port=port, log_level="info")
