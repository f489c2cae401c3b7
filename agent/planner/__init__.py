"""The offline planner: a deterministic chat model that drives the agent with no LLM configured.

    from agent.planner import OfflinePlanner
    model = OfflinePlanner(today=date(2019, 6, 10))

Modules: i18n (normalisation, multilingual keywords), intents (what is asked), dates (when),
places (where: coordinates, place phrases, gazetteer results), aoi (one tight extent),
followups (multi-turn slots), codegen (openeo client code), repair (one fix from an error),
answers (final text), model (the chat model reading the conversation).
"""

from agent.planner.model import OfflinePlanner

__all__ = ["OfflinePlanner"]
