"""Settings (environment, config file, secrets), model choice, and strict prompt rendering."""

from __future__ import annotations

from datetime import date

import pytest

from agent import prompts
from agent.errors import ConfigurationError, ModelNotConfigured
from agent.models import make_chat_model
from agent.settings import DEFAULT_OPENAI_MODEL, AgentSettings


@pytest.fixture(autouse=True)
def clean_env(monkeypatch, tmp_path):
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENEO_AGENT_MODEL", "OPENEO_AGENT_CONFIG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)  # no ./openeo-agent.toml from the developer's checkout
    monkeypatch.setenv("HOME", str(tmp_path))


def test_offline_is_the_default_without_an_endpoint():
    s = AgentSettings()
    assert s.resolved_model == "offline" and s.is_offline and s.backend_url is None


def test_openai_key_selects_the_default_model_and_stays_secret(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-secret-abc")
    s = AgentSettings()
    assert s.resolved_model == DEFAULT_OPENAI_MODEL
    assert "sk-secret-abc" not in repr(s) and "sk-secret-abc" not in str(s.public_view())
    assert s.public_view()["openai_api_key"] == "set"


def test_base_url_without_key_builds_chatopenai(monkeypatch):
    monkeypatch.setenv("OPENAI_BASE_URL", "http://localhost:11434/v1")
    monkeypatch.setenv("OPENEO_AGENT_MODEL", "llama3.1")
    s = AgentSettings()
    model = make_chat_model(s, date(2024, 1, 1))
    assert type(model).__name__ == "ChatOpenAI" and model.model_name == "llama3.1"


def test_named_model_without_endpoint_says_what_to_set():
    s = AgentSettings(model="gpt-4.1-mini")
    with pytest.raises(ModelNotConfigured) as info:
        make_chat_model(s, date(2024, 1, 1))
    assert "OPENAI_API_KEY" in info.value.message and "--model offline" in info.value.message


def test_config_file_and_nested_limits(tmp_path, monkeypatch):
    (tmp_path / "openeo-agent.toml").write_text(
        'model = "qwen2.5"\nopenai_base_url = "http://127.0.0.1:8080/v1"\nruns_dir = "myruns"\n'
        'today = "2020-02-02"\n[limits]\nmax_model_calls = 3\n'
    )
    monkeypatch.setenv("OPENEO_AGENT_LIMITS__MAX_TOOL_CALLS", "7")
    s = AgentSettings()
    assert s.resolved_model == "qwen2.5" and str(s.runs_dir) == "myruns" and s.today == date(2020, 2, 2)
    assert s.limits.max_model_calls == 3 and s.limits.max_tool_calls == 7


def test_environment_beats_config_file(tmp_path, monkeypatch):
    (tmp_path / "openeo-agent.toml").write_text('model = "from-file"\n')
    monkeypatch.setenv("OPENEO_AGENT_MODEL", "from-env")
    assert AgentSettings().model == "from-env"


def test_every_prompt_renders():
    text = prompts.system_prompt(date(2024, 7, 1))
    assert "2024-07-01" in text and "{{" not in text
    for name in prompts.example_names():
        assert "openeo.connect(\"https://openeo.dataspace.copernicus.eu\")" in prompts.load(f"examples/{name}")
        compile(prompts.load(f"examples/{name}"), name, "exec")
        assert prompts.placeholders(prompts.system_prompt(date(2024, 7, 1), example=name)) == set()


def test_rendering_is_strict():
    with pytest.raises(ConfigurationError):
        prompts.render("Today is {{ today }}")
    with pytest.raises(ConfigurationError):
        prompts.render("no variables", today="x")
    assert prompts.render("code {'a': 1} on {{ day }}", day="Monday") == "code {'a': 1} on Monday"


def test_system_prompt_is_small():
    """The prompt goes with every model call: keep it well under the per-request token budget."""
    assert len(prompts.system_prompt(date(2024, 7, 1))) / 4 < 600  # 525 now; 6k tokens per request in all
