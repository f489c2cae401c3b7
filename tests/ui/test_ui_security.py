"""Issue 10, the UI: a browser session sees only its own runs (no listing, opening or downloading
another session's runs by id, by path or by URL), the Settings tab's backend URL cannot make the
server fetch internal addresses unseen, and an OIDC login of one session is never used by another.

Sessions are gradio_client clients (each its own Gradio session) against the real app over
HTTP; the OIDC login is the openeo client's real device flow against a fake provider."""

from __future__ import annotations

import sys
from pathlib import Path

import httpx
import pytest
from pydantic import SecretStr
from ui_app import serve_app
from ui_checks import file_path, map_src, run_id_of, text_of
from ui_fakes import FakeRunner

from ui import glyphs
from ui.network import PrivateBackends, check_backend_url

pytestmark = pytest.mark.ui  # not "security": that marker re-runs jail tests without bubblewrap, which these do not touch

URL_CHOICE = "Another openEO backend (URL)"


def listed(client) -> list[str]:
    """The run ids in the session's History list."""
    update = client.predict(api_name="/history")
    return [value for _, value in (update.get("choices") or [])] if isinstance(update, dict) else []


def test_a_session_cannot_list_open_or_download_another_sessions_runs(tmp_path):
    from gradio_client import Client

    runs = tmp_path / "runs"
    with serve_app(lambda s: FakeRunner(s.runs_dir), runs_dir=runs) as (url, _):
        a, b = Client(url, verbose=False), Client(url, verbose=False)
        out_a = a.predict("NDVI around Leuven", api_name="/chat")
        run_a = run_id_of(out_a[5])
        assert (runs / run_a / "code.py").is_file()
        assert listed(a) == [run_a]  # A's history has it

        # B: its history is empty, and A's run does not open by id, by path or by a path around it
        assert listed(b) == []
        for name in (run_a, str(runs / run_a), str(runs / "x" / ".." / run_a), f"../{runs.name}/{run_a}"):
            chat, code, *_ = b.predict(name, api_name="/open_run")
            assert chat == [] and code == "", name
        out_b = b.predict("Elevation of the Matterhorn area", api_name="/chat")
        run_b = run_id_of(out_b[5])
        assert listed(b) == [run_b] and listed(a) == [run_a]

        # the map: only by the URL made for A; not by id, not with a token made for another run
        src_a, src_b = map_src(out_a[5]), map_src(out_b[5])
        assert httpx.get(url + src_a).status_code == 200 and "fake map for NDVI" in httpx.get(url + src_a).text
        token_a, token_b = src_a.split("/")[1], src_b.split("/")[1]
        forged = token_a[:-1] + ("1" if token_a[-1] == "0" else "0")  # one hex digit off (never the token itself)
        for path in (f"runs/{run_a}/map.html", f"runs/{token_b}/{run_a}/map.html", f"runs/{forged}/{run_a}/map.html",
                     f"runs/{token_a}/{run_b}/map.html", f"runs/{token_a}/{run_a}/code.py", f"runs/{token_a}/{run_a}/.owner"):
            r = httpx.get(url + path)
            assert r.status_code == 404 and "fake map" not in r.text, path

        # downloads: never by path into runs/ or the staging folder, only Gradio's own copies
        for f in (runs / run_a / "code.py", runs / run_a / "review" / "notebook.ipynb", runs / ".ui-key"):
            r = httpx.get(url + f"gradio_api/file={f}")
            assert r.status_code in (403, 404) and "import openeo" not in r.text, f
        from ui.downloads import ZIP_DIR

        staged = [p for p in ZIP_DIR.rglob("*") if p.is_file()][-20:]
        assert staged, "A's downloads were staged"
        for p in [*staged, ZIP_DIR]:
            r = httpx.get(url + f"gradio_api/file={p}")
            assert r.status_code in (403, 404), p
        # what A was handed is served (Gradio's copy), and names nothing of runs/ or the staging folder
        handed = [file_path(f) for f in out_a[8]]
        assert handed and not any(str(runs) in h or str(ZIP_DIR) in h for h in handed)


def test_the_backend_url_setting_shows_where_the_server_connects_and_refuses_internal_addresses(tmp_path):
    from gradio_client import Client

    seen = []

    def factory(settings):
        seen.append(settings.backend_url)
        return FakeRunner(settings.runs_dir)

    with serve_app(factory, runs_dir=tmp_path / "runs") as (url, _):
        c = Client(url, verbose=False)
        save = lambda u: c.predict(URL_CHOICE, u, "None", "", "", "", "", "", api_name="/save_settings")[0]  # noqa: E731
        for internal, words in (("http://127.0.0.1:8000/openeo/1.2", "loopback"),
                                ("http://localhost:5000", "loopback"),
                                ("http://169.254.169.254/latest/meta-data", "link-local"),
                                ("http://10.1.2.3/openeo", "private"),
                                ("http://[::1]:8080/", "loopback"),
                                ("http://[::ffff:127.0.0.1]:80/", "loopback")):  # fmt: skip
            status = save(internal)
            assert status.startswith(glyphs.FAILED) and words in status and "OPENEO_AGENT_UI_ALLOW_PRIVATE_BACKENDS" in status, status
        status = save("http://93.184.216.34/openeo/1.2")  # a public address: accepted, and said where it leads
        assert status.startswith(glyphs.OK) and "resolves to 93.184.216.34" in status
        out = c.predict("NDVI", api_name="/chat")
        assert "Here is the result" in text_of(out[1][-1]) and seen[-1] == "http://93.184.216.34/openeo/1.2"
        assert not any(u and ("127.0.0.1" in u or "169.254" in u or "10.1.2.3" in u) for u in seen)


def test_a_url_that_turns_internal_after_saving_is_refused_when_the_run_starts(tmp_path):
    """A name that resolved to a public address when saved and to an internal one later (DNS
    rebinding) is checked again before every run."""
    from ui.layout import App, Refused
    from ui.runners import RunnerPool
    from ui.session import Session
    from ui.settings import SessionSettings

    made = []
    app = App(RunnerPool(lambda s: made.append(s) or FakeRunner(s.runs_dir)), tmp_path / "runs",
              private_backends=PrivateBackends())  # fmt: skip
    sess = Session(settings=SessionSettings(backend="url", backend_url="http://127.0.0.1:9/openeo/1.2"))
    with pytest.raises(Refused) as refused:
        app.runner_for(sess)
    assert "127.0.0.1" in refused.value.message and not any(s.backend_url for s in made)
    allowed = App(RunnerPool(lambda s: FakeRunner(s.runs_dir)), tmp_path / "runs2",
                  private_backends=PrivateBackends(entries=["127.0.0.1:9"]))  # fmt: skip
    assert allowed.runner_for(sess) is not None
    own = check_backend_url("http://127.0.0.1:4567/openeo/1.2", PrivateBackends(), embedded_url="http://127.0.0.1:4567")
    assert own.ok and "embedded backend" in own.message


@pytest.mark.slow
def test_an_oidc_login_belongs_to_the_session_that_signed_in(tmp_path, backend_url, monkeypatch):
    from gradio_client import Client

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "integration"))
    from servers import FakeOIDCProvider, Proxy

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))  # where the openeo client would store tokens
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    used = []

    def factory(settings):
        used.append((settings.backend_auth, settings.backend_token))
        return FakeRunner(settings.runs_dir)

    root = backend_url.removesuffix("/openeo/1.2")
    with FakeOIDCProvider() as provider, Proxy(
        root, strip_auth=True, routes={("GET", "/openeo/1.2/credentials/oidc"): provider.credentials_oidc}
    ) as proxy, serve_app(factory, runs_dir=tmp_path / "runs",
                          private_backends=PrivateBackends(entries=["127.0.0.1"])) as (url, _):  # fmt: skip
        a, b = Client(url, verbose=False), Client(url, verbose=False)
        for c in (a, b):
            status = c.predict(URL_CHOICE, proxy.url, "OIDC device login (CDSE)", "", "", "", "", "", api_name="/save_settings")[0]
            assert status.startswith(glyphs.OK) and "Sign in" in status
        signed = a.predict(URL_CHOICE, proxy.url, api_name="/sign_in")
        assert text_of({"content": signed}).startswith(glyphs.OK) and "access-1" not in str(signed)
        assert provider.device_logins == 1

        out_a = a.predict("NDVI around Leuven", api_name="/chat")
        assert "Here is the result" in text_of(out_a[1][-1])
        assert used == [("bearer", used[0][1])] and used[0][1].get_secret_value() == "oidc/fake/access-1"

        out_b = b.predict("NDVI around Leuven", api_name="/chat")  # B never signed in: refused, A's login unused
        assert "not signed in" in text_of(out_b[1][-1]) and len(used) == 1

        b.predict(URL_CHOICE, proxy.url, api_name="/sign_in")  # B signs in: its own token, its own runner
        b.predict("NDVI around Leuven", api_name="/chat")
        assert [u[1].get_secret_value() for u in used] == ["oidc/fake/access-1", "oidc/fake/access-2"]
        a.predict("and in July", api_name="/chat")
        assert len(used) == 2  # A's runner (with A's token) is reused for A, B's was made for B
    stores = [p for p in (tmp_path / "xdg-data").rglob("*") if p.is_file()]
    assert not stores, f"the login reached the openeo client's shared token store: {stores}"
    assert all(isinstance(t, SecretStr) for _, t in used)
