"""One turn of a conversation through the LangChain agent graph: the `work` of an agent run.

    handle = run.stream(AgentTurn(settings, model_factory=..., tools_factory=..., backend=..., checkpointer=...))

In the run's worker thread it checks the request, makes the model, opens the backend, builds
the graph (`create_agent` with the monitor and the limits as middleware) and drives it; tool
events reach the run's queue as they happen. It returns the answer, or raises the error (a
`ToolError` that says who acts) that ends the run; the run writes the ending.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any, Callable

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, HumanMessage, ToolMessage
from langchain_core.tools import BaseTool
from langgraph.errors import GraphRecursionError

from agent import prompts
from agent.errors import ConfigurationError, LimitReached, RequestRejected, classify_model_error
from agent.monitor import RunMonitor
from agent.run import Ending, Run
from agent.settings import AgentSettings, Limits
from tools.client import BackendClient
from tools.context import ToolContext
from tools.errors import ToolError

ToolsFactory = Callable[[ToolContext], list[BaseTool]]
ModelFactory = Callable[[AgentSettings, date], BaseChatModel]

_LIMIT_PREFIXES = ("Model call limits exceeded", "Tool call limit reached", "Tool call limit exceeded")
_MODEL_ERRORS = {"APIError", "APIConnectionError", "HTTPError", "ValidationError"}
SIMULATED_CAVEAT = (
    "Note: this result comes from the embedded backend's simulated Earth, not from real satellite "
    "observations, so its values are plausible but not measurements."
)
# an answer that already says its data is simulated, in any of the languages the offline planner answers in
# ("simulated", "SIMULIERTE", "simulées", "gesimuleerde", "simulados", "simulati"): no second, English caveat
SAYS_SIMULATED = re.compile(r"simul(?:at|ad|ie|é|e)", re.I)


def check_request(request: str, limits: Limits) -> str:
    """The request text to send, or a RequestRejected that says how to ask."""
    text = (request or "").strip()
    if not text:
        raise RequestRejected("The request is empty. Say what you want to see, where and when, e.g. "
                              "'NDVI of the Bekaa Valley in May 2019'.")  # fmt: skip
    if len(text) > limits.max_request_chars:
        raise RequestRejected(f"The request is {len(text)} characters long; the limit is {limits.max_request_chars}. "
                              "Shorten it to what to compute, where and when.")  # fmt: skip
    return text


class AgentTurn:
    """The agent's work for one request (see the module docstring)."""

    def __init__(
        self,
        settings: AgentSettings,
        *,
        model_factory: ModelFactory,
        tools_factory: ToolsFactory,
        backend: Callable[[], BackendClient],
        checkpointer: Callable[[], Any],
    ) -> None:
        self.settings = settings
        self.model_factory = model_factory
        self.tools_factory = tools_factory
        self.backend = backend
        self.checkpointer = checkpointer

    def __call__(self, run: Run) -> Ending:
        limits = self.settings.limits
        request = check_request(run.request, limits)
        model = self.model_factory(self.settings, run.today)
        client = self.backend()
        run.start(client.url)
        ctx = run.context(client)
        monitor = RunMonitor(run, ctx, max_repair_attempts=limits.max_repair_attempts, endpoint=self._endpoint(),
                             compact_system_prompt=prompts.system_prompt(run.today, example=None))  # fmt: skip
        try:
            graph = self._graph(model, self.tools_factory(ctx), monitor, run.today)
        except ToolError:
            raise
        except Exception as exc:  # noqa: BLE001 - a missing part is the developer's to fix
            raise ConfigurationError(f"The agent could not be assembled ({type(exc).__name__}: {exc}).") from exc
        final_text = self._drive(graph, run, monitor, request)
        return Ending(answer=self._answer(final_text, ctx))

    def _endpoint(self) -> str:
        s = self.settings
        return s.openai_base_url or ("https://api.openai.com/v1" if not s.is_offline else "offline")

    def _graph(self, model: BaseChatModel, tools: list[BaseTool], monitor: RunMonitor, today: date) -> Any:
        from langchain.agents import create_agent
        from langchain.agents.middleware import ModelCallLimitMiddleware, ToolCallLimitMiddleware

        limits = self.settings.limits
        middleware: list[Any] = [
            monitor,
            ModelCallLimitMiddleware(run_limit=limits.max_model_calls, exit_behavior="end"),
            ToolCallLimitMiddleware(run_limit=limits.max_tool_calls, exit_behavior="end"),
        ]
        return create_agent(
            model,
            tools,
            system_prompt=prompts.system_prompt(today),
            middleware=middleware,
            checkpointer=self.checkpointer(),
        )

    # --- driving the graph ----------------------------------------------------------------------
    def _drive(self, graph: Any, run: Run, monitor: RunMonitor, request: str) -> str:
        limits = self.settings.limits
        # each model round is a few graph steps (middleware hooks, model, tools); the limits
        # middleware ends the run first, this only guards against a loop it cannot see
        config = {"configurable": {"thread_id": run.thread_id},
                  "recursion_limit": 6 * limits.max_model_calls + limits.max_tool_calls + 20}  # fmt: skip
        final_text = ""
        try:
            inputs = {"messages": [*_dangling_answers(graph, run.thread_id), HumanMessage(content=request)]}
            for chunk in graph.stream(inputs, config, stream_mode="updates"):
                for update in chunk.values() if isinstance(chunk, dict) else []:
                    messages = update.get("messages") if isinstance(update, dict) else None
                    for m in messages if isinstance(messages, list) else []:
                        if isinstance(m, AIMessage) and not m.tool_calls:
                            final_text = _text(m)
        except ToolError:
            raise
        except GraphRecursionError as exc:
            raise LimitReached(self._limit_message(monitor)) from exc
        except Exception as exc:
            if {c.__name__ for c in type(exc).__mro__} & _MODEL_ERRORS:
                raise classify_model_error(exc, monitor.endpoint) from exc
            raise
        if monitor.stop is not None:
            raise monitor.stop
        if final_text.startswith(_LIMIT_PREFIXES):
            raise LimitReached(self._limit_message(monitor))
        return final_text

    def _limit_message(self, monitor: RunMonitor) -> str:
        limits, usage = self.settings.limits, monitor.usage
        return (
            f"I stopped after {usage.model_calls} model calls and {usage.tool_calls} tool calls, "
            f"the limit for one request (at most {limits.max_model_calls} model calls and "
            f"{limits.max_tool_calls} tool calls), without finishing. Try a more specific request "
            "(a place, a period and what to compute)."
        )

    @staticmethod
    def _answer(final_text: str, ctx: ToolContext) -> str:
        text = final_text.strip()
        a = ctx.artifacts
        if not text:
            if a.result_path:
                text = f"The result is ready ({a.result_path}), but the model gave no explanation."
            else:
                text = "The model ended without an answer. Try rephrasing the request."
        if a.stats is not None and a.stats.simulated and not SAYS_SIMULATED.search(text):
            text = f"{text}\n\n{SIMULATED_CAVEAT}"
        return text


def _dangling_answers(graph: Any, thread_id: str) -> list[ToolMessage]:
    """A previous turn that crashed inside a tool leaves tool calls without answers; answer them
    so the thread stays a valid conversation for the model."""
    try:
        state = graph.get_state({"configurable": {"thread_id": thread_id}})
    except Exception:  # noqa: BLE001 - a fresh or unreadable thread simply has nothing dangling
        return []
    messages = (state.values or {}).get("messages", []) if state else []
    answered = {m.tool_call_id for m in messages if isinstance(m, ToolMessage)}
    dangling = []
    for m in messages:
        if isinstance(m, AIMessage):
            for call in m.tool_calls:
                if call.get("id") and call["id"] not in answered:
                    dangling.append(ToolMessage(content="[Interrupted] This step did not finish in an earlier turn.",
                                                tool_call_id=call["id"], name=call.get("name"), status="error"))  # fmt: skip
    return dangling


def _text(message: AIMessage) -> str:
    content = message.content
    if isinstance(content, str):
        return content
    return "".join(p.get("text", "") if isinstance(p, dict) else str(p) for p in content)
