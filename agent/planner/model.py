"""The offline planner: a deterministic LangChain chat model that plays the agent's LLM.

It reads the conversation (the user's messages, its own earlier tool calls and the tools'
text results) and emits the next step an LLM would take:

    find_place(name) ... → run_openeo_code(code) → [one repair] → execute() → render_map() → answer

Every decision is a pure function of the messages and `today`, so the same conversation always
gives the same calls. Nothing here talks to the backend: the tools do.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any, Sequence

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage, ToolMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from pydantic import BaseModel, Field, PrivateAttr

from agent.planner import answers
from agent.planner.aoi import DEFAULT_SIZE, SIZES, _contains, _direction_of, build_aoi, choose_hits, whole_named_area, zones_extent
from agent.planner.codegen import Plan, build_code
from agent.planner.dates import NUMBER_WORDS, Period, after, date_text, find_periods, last_days, month_end, \
    previous_years, shift_before, straddle
from agent.planner.followups import Slots, resolve
from agent.planner.country_words import label_in, own_name
from agent.planner.i18n import answer_language, normalize, strip_accents
from agent.planner.places import (
    BBox,
    area_km2,
    PlaceHit,
    names_unit,
    parse_place_result,
    small_town_for_feature,
    without_compass,
    without_feature_word,
)
from agent.planner.parts import PartsAnswer, composed_parts, listed_parts, missing_note, parse_parts, parts_of_place, shared_unit_list, \
    unit_asked, without_unit, zones_code
from agent.planner.availability import on_landsat, record_choice
from agent.planner.intents import BEFORE_AFTER, Intent, series_asked
from agent.planner.scenes import scene_window
from tools.acquisitions import Acquisitions
from tools.models import Place
from agent.planner.namesakes import country_of, namesake_queries
from agent.planner.phrases import EN, Phrases, phrases
from agent.planner.repair import execution_repair, repair
from agent.planner.together import compared_places, km_between, span_box, span_ends

MAX_PLACE_LOOKUPS = 4


class ToolStep(BaseModel):
    name: str
    args: dict = Field(default_factory=dict)
    result: str | None = None
    artifact: Any = None  # the tool's typed outcome beside its text (ToolMessage.artifact), when kept


class Turn(BaseModel):
    request: str
    steps: list[ToolStep] = Field(default_factory=list)
    answer: str | None = None

    def results(self, name: str) -> list[ToolStep]:
        return [s for s in self.steps if s.name == name and s.result is not None]


def split_turns(messages: Sequence[BaseMessage]) -> list[Turn]:
    turns: list[Turn] = []
    by_id: dict[str, ToolStep] = {}
    for m in messages:
        if isinstance(m, HumanMessage):
            turns.append(Turn(request=_text(m.content)))
        elif not turns:
            continue
        elif isinstance(m, AIMessage):
            for call in m.tool_calls or []:
                step = ToolStep(name=call["name"], args=call.get("args") or {})
                turns[-1].steps.append(step)
                by_id[call.get("id") or ""] = step
            if not m.tool_calls and _text(m.content).strip():
                turns[-1].answer = _text(m.content)
        elif isinstance(m, ToolMessage):
            step = by_id.get(m.tool_call_id)
            if step is not None:
                step.result = _text(m.content)
                step.artifact = getattr(m, "artifact", None)
    return turns


def _no_data(result: str) -> bool:
    return "NoDataAvailable" in result


def _pos(turn: Turn, step: ToolStep) -> int:
    """Where a step is in its turn, by identity: two equal steps (the same call, the same answer)
    are still two steps."""
    return next(i for i, s in enumerate(turn.steps) if s is step)


def _text(content: Any) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "\n".join(c.get("text", "") if isinstance(c, dict) else str(c) for c in content)
    return str(content)


def _status(result: str) -> str:
    first = (result or "").strip().splitlines()[0] if (result or "").strip() else ""
    return first.split()[0].strip(":[]").upper() if first.split() else ""


class TurnPlan(BaseModel):
    """What the planner knows about a turn after reading it."""

    slots: Slots
    hits: list[PlaceHit] = Field(default_factory=list)
    bbox: BBox | None = None
    place: str = ""
    plan: Plan | None = None
    unit: str | None = None  # "per gemeente": statistics per part of the region (agent/planner/parts.py)
    parts: PartsAnswer | None = None
    listed: list[str] = Field(default_factory=list)  # the parts the request names itself ("(Friesland, Groningen)")
    regions: tuple[str, list[str]] | None = None  # regions under one unit word: ("canton", ["Geneva", "Vaud"])
    whole_region: bool = False  # no parts in the data: one row for the region as a whole, and the answer says so
    compared: list[str] = Field(default_factory=list)  # the places compared, one row each ("Milan and Madrid")
    notes: list[str] = Field(default_factory=list)  # what the answer must say about places left out
    question: str | None = None  # asked instead of drafting (places too far apart for one graph)
    lang: str = "en"  # the language to answer in (answer_language)
    answer_place: str = ""  # `place` in that language ("Lyon et Grenoble"); `place` names the code's header
    asked: dict[str, str] = Field(default_factory=dict)  # a hit's name -> the name the request called it by


class OfflinePlanner(BaseChatModel):
    """Deterministic planner with the chat-model interface; `bind_tools` returns itself."""

    today: date | None = None
    _tool_names: set[str] = PrivateAttr(default_factory=set)

    @property
    def _llm_type(self) -> str:
        return "openeo-offline-planner"

    def bind_tools(self, tools: Sequence[Any], **kwargs: Any) -> "OfflinePlanner":  # type: ignore[override]
        names = set()
        for t in tools:
            name = getattr(t, "name", None) or (t.get("name") if isinstance(t, dict) else None)
            if isinstance(t, dict) and "function" in t:
                name = t["function"].get("name")
            if name:
                names.add(name)
        self._tool_names = names
        return self

    def _generate(self, messages: list[BaseMessage], stop: list[str] | None = None,
                  run_manager: CallbackManagerForLLMRun | None = None, **kwargs: Any) -> ChatResult:
        message = self.next_message(messages)
        return ChatResult(generations=[ChatGeneration(message=message)])

    # --- the decision ------------------------------------------------------------------------
    def _today(self, messages: Sequence[BaseMessage]) -> date:
        if self.today:
            return self.today
        for m in messages:
            if isinstance(m, SystemMessage):
                found = re.search(r"(?:today|date)[^0-9]{0,40}(\d{4}-\d{2}-\d{2})", _text(m.content), re.I)
                if found:
                    return date.fromisoformat(found.group(1))
        return date.today()

    def next_message(self, messages: Sequence[BaseMessage]) -> AIMessage:
        today = self._today(messages)
        turns = split_turns(messages)
        if not turns:
            return AIMessage(content=answers.CAPABILITIES)
        previous: TurnPlan | None = None
        for t in turns[:-1]:
            previous = self.read_turn(t, today, previous) or previous
        turn = turns[-1]
        tp = self.read_turn(turn, today, previous)
        call_no = sum(len(t.steps) for t in turns)
        return self.decide(turn, tp, call_no)

    def read_turn(self, turn: Turn, today: date, previous: TurnPlan | None) -> TurnPlan | None:
        unit = unit_asked(turn.request)
        request = without_unit(turn.request) if unit else turn.request
        text = normalize(request)
        slots = resolve(request, text, today, previous.slots if previous else None,
                        previous.bbox if previous else None, previous.place if previous else "")
        tp = TurnPlan(slots=slots, unit=unit, regions=None if unit else shared_unit_list(turn.request),
                      lang=answer_language(turn.request, previous.lang if previous else "en"))
        if slots.intent.task == "unknown":
            return tp
        if unit and slots.intent.timeseries and slots.intent.task not in ("multisensor",) and not series_asked(text, slots.intent):
            # "mean NDVI per district in July, as CSV": one row per part over the period, not a series per part
            slots = slots.model_copy(update={"intent": slots.intent.model_copy(update={"timeseries": False})})
            tp.slots = slots
        latest: dict[str, PlaceHit] = {}
        qualified: set[str] = set()
        for step in turn.results("find_place"):
            hit = parse_place_result(step.result or "")
            if hit:  # a later, qualified look-up of the same name ("Orléans, France", "La Mancha, Spain") replaces
                # the first, also when the first found a namesake under another name (Manche for "La Mancha")
                query = str(step.args.get("name", ""))
                asked = query.split(",")[0].split(" (")[0].strip()
                key = strip_accents(asked or hit.name.split(",")[0]).lower()
                if key in qualified and "," not in query:
                    continue  # "Georgia, US" found the state: a later bare "Georgia" (the country) does not replace it
                if any(without_feature_word(c) == asked and small_town_for_feature(c, hit) for c in slots.candidates):
                    continue  # "Cerro Verde Valley" is not the village Cerro Verde: the feature stays not found
                if "," in query:
                    qualified.add(key)
                latest = {k: h for k, h in latest.items() if h.name != hit.name}
                latest[key] = hit
                tp.asked[hit.name] = asked
        tp.hits = list(latest.values())
        if unit:
            tp.listed = listed_parts(turn.request)
            if tp.listed:
                tp.parts = self._listed_parts(turn, tp, slots)
            else:
                tp.parts = next((a for a in (parts_of_place(s.artifact) if isinstance(s.artifact, Place)
                                             else parse_parts(s.result or "") for s in turn.results("find_place")) if a), None)
        bbox = build_aoi(slots.intent, turn.request, tp.hits, slots.coords, slots.inherited_bbox, slots.zoom)
        if bbox is None:
            return tp
        whole = whole_named_area(slots.intent, turn.request, tp.hits, slots.coords, slots.inherited_bbox, slots.zoom)
        if whole is not None:
            bbox = whole[0]
        tp.bbox = bbox
        tp.place = self._place_label(tp, slots)
        tp.answer_place = self._place_label(tp, slots, phrases(tp.lang), previous.answer_place if previous else "")
        named = clamped_from(slots, turn.request, tp.hits, bbox) if whole is None and not unit else None
        if named is not None:  # "Rondônia" loaded as 2,500 km² around its centre: said, not a silent replacement
            p = phrases(tp.lang)
            tp.notes.append(p.clamped_centre.format(place=tp.answer_place, area=p.number(area_km2(named.bbox)),
                                                    loaded=p.number(area_km2(bbox)), collection=slots.intent.collection))
        south = (bbox[1] + bbox[3]) / 2 < 0
        periods = find_periods(text, today, south=south) if not slots.followup else slots.periods
        polygons = slots.coords.polygons if slots.coords else None
        if slots.intent.task == "zonal_landcover" and not slots.coords:
            from agent.planner.aoi import choose_hits

            chosen = choose_hits(tp.hits, turn.request)
            polygons = next((h.polygons for h in chosen if h.polygons), None)
        read_resolution_m = whole[1] if whole is not None else None
        if unit and tp.parts is not None and not tp.parts.usable and not tp.listed and not slots.coords:
            # the data has no parts for the region: one row for the region as a whole (said in the answer)
            from agent.planner.aoi import choose_hits

            hit = choose_hits(tp.hits, turn.request)[0] if tp.hits else None
            if hit is not None:
                tp.parts = tp.parts.model_copy(update={"parts": composed_parts(tp.parts.region or hit.name, [
                    (hit.name.split(",")[0], _geometry(hit.polygons), hit.bbox)]).parts})
                tp.whole_region = True
        if tp.parts and tp.parts.usable and not slots.coords:
            # one row per part: the load covers every part (a region larger than the planner's usual
            # area is read coarser, never clamped to its centre, which left outer parts without values)
            bbox, read_resolution_m = zones_extent(tp.parts, bbox, slots.intent.collection)
            tp.bbox = bbox
        intent = slots.intent
        zones = zones_code(tp.parts) if tp.parts and tp.parts.usable else None
        if not slots.coords and slots.inherited_bbox is None and not unit:
            together = self._together(turn, tp, slots, periods)
            if together is not None:
                bbox, read_resolution_m, zones, intent = together
                tp.bbox = bbox
        tp.plan = Plan(intent=intent, bbox=bbox, polygon=slots.coords.polygon if slots.coords else None,
                       polygons=polygons,
                       periods=choose_periods(slots.model_copy(update={"intent": intent}), periods, today),
                       place=tp.place, zones=zones, read_resolution_m=read_resolution_m,
                       zones_official=bool(zones and tp.parts and tp.parts.boundaries))
        found = next((s.artifact for s in reversed(turn.results("find_acquisitions")) if isinstance(s.artifact, Acquisitions)),
                     None)
        if intent.scene and found is not None and tp.plan.periods:  # one acquisition: the latest or the clearest
            window, note = scene_window(found, intent.scene, tp.plan.periods[0], intent.collection, phrases(tp.lang))
            tp.plan = tp.plan.model_copy(update={"periods": [window]})
            tp.notes.append(note)
        record = record_choice(tp.plan.intent, tp.plan.periods)
        if record is not None:
            # a window before the collection's record: Landsat 8-9 for an optical product, else a question
            tp.plan = tp.plan.model_copy(update={"record": record, **(
                {"intent": on_landsat(tp.plan.intent)} if record.action == "swapped" else {})})
            if record.action == "ask":
                ask = phrases(tp.lang)
                tp.question = (ask.record_ask_offer if record.used else ask.record_ask_later).format(**record.model_dump())
        return tp

    @staticmethod
    def _together(turn: Turn, tp: TurnPlan, slots: Slots, periods: list[Period]
                  ) -> tuple[BBox, float | None, str | None, Intent] | None:
        """Several places in one request: a span covers both ends ("entre Lyon et Grenoble"), places
        compared get one row each ("compare NO2 over Milan and Madrid"); places left out are said."""
        from agent.planner.aoi import budget_extent, choose_hits, too_wide

        main = [c for c in slots.candidates if c not in slots.qualifiers]
        found = phrase_hits(turn, main)
        collection = slots.intent.collection
        p = phrases(tp.lang)

        def read_at(res: float | None) -> str:
            return p.read_at.format(res=p.number(res)) if res else ""
        if tp.regions:
            # "the provinces of Utrecht and Gelderland": the regions together, covered whole (read coarser when large)
            named = phrase_hits(turn, tp.regions[1])
            boxes = [named[n].bbox for n in tp.regions[1] if n in named]
            if len(boxes) >= 2:
                from agent.planner.places import union

                box, res = budget_extent(union(boxes), collection)
                names = [named[n].name.split(",")[0] for n in tp.regions[1] if n in named]
                tp.place, tp.answer_place = " and ".join(names), p.and_.join(names)
                missing = [n for n in tp.regions[1] if n not in named]
                if missing:
                    tp.notes.append(p.region_missing.format(names=", ".join(missing), unit=p.noun(tp.regions[0])))
                if too_wide(box, res, collection):
                    tp.question = p.regions_too_large.format(place=tp.answer_place, collection=collection,
                                                             read=read_at(res), example=tp.regions[1][0])
                return box, res, None, slots.intent
        span = span_ends(turn.request, main)
        if span and span[0] in found and span[1] in found:
            a, b = found[span[0]], found[span[1]]
            if _country(a) != _country(b) and km_between(a.bbox, b.bbox) > SPAN_MAX_ABROAD_KM:
                tp.notes.append(p.span_abroad.format(b=span[1], b_found=label_in(b.name, tp.lang), km=p.number(km_between(a.bbox, b.bbox)),
                                                     a_found=a.name, a=span[0]))
                return None
            box, res = budget_extent(span_box([a.bbox, b.bbox]), collection)
            ends = {"a": a.name.split(",")[0], "b": b.name.split(",")[0]}
            tp.place, tp.answer_place = EN.span.format(**ends), p.elide(p.span.format(**ends))
            if too_wide(box, res, collection):
                question = p.span_too_large.format(place=tp.answer_place, collection=collection, read=read_at(res),
                                                   a=span[0], b=span[1])
                tp.question = question[:1].upper() + question[1:]  # "Das Gebiet von ... ist zu groß"
            return box, res, None, slots.intent
        compared = [c for c in compared_places(turn.request, main)]
        if compared:
            hits = [(c, found[c]) for c in compared if c in found]
            missing = [c for c in compared if c not in found]
            if len(hits) < 2:
                if missing:
                    tp.notes.append(p.compare_missing.format(missing=p.and_.join(missing),
                                                             other=hits[0][0] if hits else ""))
                return None
            parts = composed_parts(" and ".join(c for c, _ in hits),
                                   [(c, _geometry(h.polygons), h.bbox) for c, h in hits])
            box, res = budget_extent(span_box([h.bbox for _, h in hits]), collection)
            names = [h.name.split(",")[0] for _, h in hits]
            tp.place, tp.answer_place = " and ".join(names), p.and_.join(names)
            tp.compared = [c for c, _ in hits]
            if missing:
                tp.notes.append(p.compare_missing_some.format(missing=", ".join(missing)))
            if too_wide(box, res, collection):
                far = max(km_between(hits[0][1].bbox, h.bbox) for _, h in hits[1:])
                tp.question = p.compared_too_far.format(
                    place=tp.answer_place, km=p.number(far), collection=collection, first=hits[0][0],
                    read=p.read_at_short.format(res=p.number(res)) if res else p.read_too_large)
            # places compared in one period: one value per place, not a change between periods
            intent = slots.intent.model_copy(update={"change": False}) if len(periods) <= 1 else slots.intent
            return box, res, zones_code(parts), intent
        # places named together that the AOI cannot hold: said, never dropped silently
        chosen = {h.name for h in choose_hits(tp.hits, turn.request)}
        for c in main:
            h = found.get(c)
            if h is not None and h.name not in chosen and not h.is_large and not any(
                    _contains(h.bbox, tp.hits[i].bbox) or _contains(tp.hits[i].bbox, h.bbox)  # the town on the lake
                    for i in range(len(tp.hits)) if tp.hits[i].name in chosen):
                tp.notes.append(p.far_namesake.format(name=c, found=label_in(h.name, tp.lang), place=tp.answer_place))
        # a place named but in no gazetteer, when the area comes from another place named with it ("Val d'Orcia
        # (Toscana)" is Tuscany's box): said, never a silent replacement
        looked_up = {str(s.args.get("name", "")).split(",")[0].strip() for s in turn.results("find_place")}
        # a capitalised first word with no sign of a place is looked up too ("Merapi eruption deposits, Central
        # Java"), but when not found it was no place ("Soil moisture change ... in Apulia"): not said
        unknown = [c for c in main if c not in found and c in looked_up and c not in slots.weak]
        if unknown and tp.hits:
            tp.notes.append(p.not_in_gazetteer.format(names=p.and_.join(unknown), place=tp.answer_place))
        named = unknown
        country = tp.hits[0] if len(tp.hits) == 1 and tp.hits[0].kind.split(",")[0].strip() == "country" else None
        limit = SIZES.get(slots.intent.collection, DEFAULT_SIZE)[1]
        if named and country is not None and area_km2(country.bbox) > limit and slots.coords is None:
            # "Ruang volcano, Indonesia": the place is not in the data and the country is far larger than a load
            # (its clamped centre would be somewhere else): asked, not guessed
            tp.question = p.unknown_in_large_country.format(names=p.and_.join(named), country=tp.answer_place,
                                                            area=p.number(area_km2(country.bbox)))
        return None

    def _place_label(self, tp: TurnPlan, slots: Slots, p: Phrases = EN, inherited: str = "") -> str:
        """The area's name (in English for the code's header; in the request's language for the answer, with
        `inherited` the previous turn's name in its answer)."""
        if slots.coords is not None:
            return p.coords_you_gave.format(kind=p.coord_kinds.get(slots.coords.kind, slots.coords.kind))
        if slots.inherited_bbox is not None:
            return (inherited or slots.inherited_place) + (p.zoom_part.format(direction=p.directions.get(slots.zoom, slots.zoom))
                                            if slots.zoom and slots.zoom != "centre" else "")
        from agent.planner.aoi import choose_hits

        names = [label_in(own_name(h, tp.asked.get(h.name, ""), slots.candidates, tp.lang), tp.lang)
                 for h in choose_hits(tp.hits, slots.text)]
        return p.and_.join(dict.fromkeys(names))

    def decide(self, turn: Turn, tp: TurnPlan | None, call_no: int) -> AIMessage:
        if tp is None or tp.slots.intent.task == "unknown":
            return AIMessage(content=answers.not_understood(turn.request, tp.lang if tp else answer_language(turn.request),
                                                            tp.slots.intent.missing if tp else None))
        slots = tp.slots
        p = phrases(tp.lang)
        # 1. where
        asked = {s.args.get("name", "") for s in turn.steps if s.name == "find_place"}
        requery = self._requery(turn, tp, asked)
        if requery:
            return self._calls(call_no, [("find_place", {"name": q, **({"polygon": True} if slots.intent.task ==
                                                                   "zonal_landcover" else {})}) for q in requery])
        if tp.plan is not None and tp.hits and all(h.is_large for h in tp.hits) and slots.coords is None \
                and slots.inherited_bbox is None:
            more = self._fallbacks(turn, slots)
            # a large natural feature found by its own name ("Lake Erie", "the Gobi Desert") is the place: its name
            # without the feature word is a namesake town, never a more specific place (Erie, Pennsylvania)
            features = [c for c, h in phrase_hits(turn, slots.candidates).items() if c == h.name.split(",")[0].strip()
                        and h.kind.split(",")[0].strip() not in ("country", "continent", "state", "admin1", "region")]
            more = [m for m in more if not any(m == without_feature_word(c) for c in features)]
            # a region found by a phrase with its administrative word ("la région de Diffa", "Marsabit County") is the
            # place the request names: no town of its name inside it, nor the phrase without the word
            units = [c for c, h in phrase_hits(turn, slots.candidates).items() if names_unit(c)
                     and h.kind.split(",")[0].strip() in ("region", "state", "admin1")]
            more = [m for m in more if not any(_plain(m) in _plain(c) for c in units)]
            if more:  # only a country or a large region so far: look for the specific place first
                return self._calls(call_no, [("find_place", {"name": c}) for c in more])
        if tp.plan is None:
            if not slots.candidates:
                return AIMessage(content=answers.no_place(turn.request, tp.lang))
            asked = [s.args.get("name", "") for s in turn.steps if s.name == "find_place"]
            pending = [s for s in turn.steps if s.name == "find_place" and s.result is None]
            if pending:
                return AIMessage(content="")  # should not happen: tools answer every call
            if not asked and tp.listed:  # each part named: its own outline
                return self._calls(call_no, [("find_place", {"name": f"{n} ({tp.unit})", "polygon": True})
                                             for n in tp.listed])
            if not asked and tp.regions:  # "the cantons of Geneva and Vaud": each the region, not the town of its name
                return self._calls(call_no, [("find_place", {"name": f"{n} ({tp.regions[0]})"})
                                             for n in tp.regions[1][:MAX_PLACE_LOOKUPS]])
            if not asked:
                wants_outline = slots.intent.task == "zonal_landcover"
                extra = {"parts": True} if tp.unit else {"polygon": True} if wants_outline else {}
                return self._calls(call_no, [("find_place", {"name": q, **extra}) for q in first_queries(slots)])
            fallbacks = self._fallbacks(turn, slots)
            if fallbacks:
                return self._calls(call_no, [("find_place", {"name": c}) for c in fallbacks[:MAX_PLACE_LOOKUPS]])
            return AIMessage(content=answers.place_not_found(slots.candidates[:MAX_PLACE_LOOKUPS], tp.lang))
        retry = [n for n in tp.listed if n not in asked and f"{n} ({tp.unit})" in asked and not any(
            p.name == n for p in (tp.parts.parts if tp.parts else []))]
        if tp.regions:
            found = phrase_hits(turn, tp.regions[1])
            retry += [n for n in tp.regions[1] if n not in found and n not in asked and f"{n} ({tp.regions[0]})" in asked]
        if retry:  # "Groningen (province)" unknown: the name alone
            return self._calls(call_no, [("find_place", {"name": n, "polygon": True}) for n in retry])
        # 2. draft, check, repair
        plan = tp.plan
        runs = turn.results("run_openeo_code")
        if plan.intent.scene and not runs and not any(s.name == "find_acquisitions" for s in turn.steps) and (
                not self._tool_names or "find_acquisitions" in self._tool_names):
            w, s_, e, n = plan.bbox  # which days the window has, with their cloud cover: one of them is loaded
            return self._calls(call_no, [("find_acquisitions", {
                "collection_id": plan.intent.collection, "west": w, "south": s_, "east": e, "north": n,
                "start": plan.periods[0].start.isoformat(), "end": plan.periods[0].end.isoformat()})])
        question = tp.question or ambiguity_question(turn, tp)
        if question and not runs:
            return AIMessage(content=question)
        if not runs:
            return self._calls(call_no, [("run_openeo_code", {"code": build_code(plan)})])
        last = runs[-1]
        status = _status(last.result or "")
        # an execution the backend refused and that was followed by a new draft: the plan of that
        # draft (coarser read, wider window), rebuilt the same way each turn
        adjusted = None
        refused = [s for s in turn.results("execute") if _status(s.result or "") != "OK"]
        empty = [s for s in runs if _status(s.result or "") != "VALID" and _no_data(s.result or "")]
        for step in sorted(refused + empty, key=lambda s: _pos(turn, s)):
            if any(_pos(turn, r) > _pos(turn, step) for r in runs):
                fix = execution_repair(plan, step.result or "", tp.lang)
                if fix:
                    plan, adjusted = fix
        repaired_note = None
        if len(runs) > 1 and adjusted is None:
            repaired_note = (runs[0].result or "").strip().splitlines()[0][:160]
        if status != "VALID":
            if status in ("INVALID", "ERROR") and len(runs) == 1:
                fixed = repair(last.args.get("code", ""), last.result or "", plan)
                if not fixed and _no_data(last.result or ""):  # validation found the window empty
                    fix = execution_repair(plan, last.result or "")
                    fixed = build_code(fix[0]) if fix else None
                if fixed and fixed != last.args.get("code"):
                    return self._calls(call_no, [("run_openeo_code", {"code": fixed})])
            return AIMessage(content=answers.failed(plan, "validation", last.result or "", tp.lang))
        # 3. execute, map, answer
        executed = [s for s in turn.results("execute") if _pos(turn, s) > _pos(turn, last)]
        can_map = not self._tool_names or "render_map" in self._tool_names
        if not executed:
            # execute and render_map share a round-trip: the tools run in order, and a failed
            # execute makes render_map say so
            return self._calls(call_no, [("execute", {})] + ([("render_map", {})] if can_map else []))
        exec_text = executed[-1].result or ""
        if _status(exec_text) != "OK":
            fix = execution_repair(plan, exec_text) if len(refused) == 1 and len(runs) <= 2 else None
            if fix and build_code(fix[0]) != last.args.get("code"):
                return self._calls(call_no, [("run_openeo_code", {"code": build_code(fix[0])})])
            return AIMessage(content=answers.failed(plan, "execution", exec_text, tp.lang))
        maps = turn.results("render_map")
        if not maps and can_map and not any(s.name == "render_map" for s in turn.steps):
            return self._calls(call_no, [("render_map", {})])
        final = answers.final_answer(plan, exec_text, maps[-1].result if maps else None, repaired_note,
                                     code=last.args.get("code", ""), adjusted=adjusted,
                                     outcome=answers.execute_outcome(executed[-1].artifact), lang=tp.lang,
                                     place=tp.answer_place or None)
        if tp.compared:
            final = p.compared_rows.format(places=", ".join(tp.compared)) + "\n\n" + final
        if tp.notes:
            final = "\n".join(tp.notes) + "\n\n" + final
        if tp.unit and (plan.zones is None or tp.whole_region):  # never drop "per gemeente" silently
            final = missing_note(tp.unit, tp.parts, tp.answer_place or plan.place, tp.lang) + "\n\n" + final
        elif tp.unit and tp.listed and tp.parts:
            missing = [n for n in tp.listed if not any(part.name == n for part in tp.parts.parts)]
            final = p.unit_rows_listed.format(
                unit=p.noun(tp.unit), parts=", ".join(part.name for part in tp.parts.parts),
                missing=p.unit_rows_missing.format(missing=", ".join(missing)) if missing else "") + "\n\n" + final
        elif tp.unit and tp.parts:
            rows = p.unit_rows_official if tp.parts.boundaries else p.unit_rows
            final = rows.format(unit=p.noun(tp.unit), rows=tp.parts.rows, region=label_in(tp.parts.region, tp.lang)) + "\n\n" + final
        return AIMessage(content=final)

    @staticmethod
    def _listed_parts(turn: Turn, tp: TurnPlan, slots: Slots) -> PartsAnswer:
        """The parts the request names, one look-up each ("Groningen (provincie)"), in the request's order."""
        found: dict[str, tuple[str, dict | None, BBox]] = {}
        for step in turn.results("find_place"):
            hit = parse_place_result(step.result or "")
            query = str(step.args.get("name", ""))
            name = next((n for n in tp.listed if query in (n, f"{n} ({tp.unit})")), None)
            if hit and name and name not in found:
                found[name] = (name, _geometry(hit.polygons), hit.bbox)
        region = next((c for c in slots.candidates if c not in tp.listed), "") or " and ".join(tp.listed)
        return composed_parts(region, [found[n] for n in tp.listed if n in found])

    @staticmethod
    def _requery(turn: Turn, tp: TurnPlan, asked: set[str]) -> list[str]:
        """Look-ups that the first answers call for: a town that lies outside the region named with it
        ("Mansoura in the Nile Delta" found Mansoura, Algeria), or a namesake abroad when the request's other
        places or its language point to a country an alternative is in ("Córdoba and Sevilla": the one in
        Spain; "Orléans" in French: the one in France)."""
        if tp.slots.coords is not None or not tp.hits:
            return []
        from agent.planner.aoi import _contains

        # "Maastricht en Venlo" is no one name: each place of a list that was not found as one, on its own (the
        # other places decide which namesake the request means, so they are looked up before anything else)
        failed = {str(s.args.get("name", "")) for s in turn.results("find_place")
                  if (s.result or "").lstrip().startswith("[PlaceNotFound]")}
        listed = [n for c in tp.slots.candidates if c in failed for n in listed_names(c) if n not in asked]
        if listed:
            return list(dict.fromkeys(listed))[:MAX_PLACE_LOOKUPS]

        towns = [h for h in tp.hits if h.kind.split(",")[0] in ("city", "town")]
        containers = [h for h in tp.hits if h.kind.split(",")[0] not in ("city", "town") and h.kind != "country"]
        out: list[str] = []
        asked_for = {}
        for step in turn.results("find_place"):
            hit = parse_place_result(step.result or "")
            if hit:
                asked_for[hit.name] = str(step.args.get("name", "")).split(",")[0].strip()
        for t in towns:
            base = asked_for.get(t.name) or t.name.split(",")[0]
            if containers and not any(_contains(c.bbox, t.bbox) for c in containers):
                # one of them is a namesake abroad: the town in the region, or, when the region was found under
                # another name (Manche for "La Mancha", its Spanish name), the region in the town's country
                out += [f"{base}, {c.name.split(',')[0]}" for c in containers[:1]]
                there = country_of(t)
                out += [f"{asked_for[c.name]}, {there}" for c in containers[:1] if there and country_of(c) != there
                        and c.name in asked_for and _plain(asked_for[c.name]) != _plain(c.name.split(",")[0])]
        pairs = [(h, str(st.args.get("name", "")).split(",")[0].strip()) for st in turn.results("find_place")
                 if (h := parse_place_result(st.result or ""))]
        out += around_town_queries(turn.request, pairs)
        countries = [h for h in tp.hits if h.kind.split(",")[0] == "country"]
        others = [h for h in tp.hits if h.kind.split(",")[0] != "country"]
        if len(countries) == 1 and 0 < len(others) <= 2:
            # "après le séisme en Équateur, près de Pedernales" found Pedernales in the Dominican Republic: a place
            # outside the one country the request names is a namesake, looked up in that country
            country = countries[0].name.split(",")[0]
            out += [f"{asked_for.get(h.name) or h.name.split(',')[0]}, {country}" for h in others
                    if not _contains(countries[0].bbox, h.bbox)]
        # the namesake in the country the request's other places (or its language) agree on
        preferred = LANGUAGE_COUNTRIES.get(answer_language(turn.request), ())
        out += namesake_queries(tp.hits, asked_for, preferred)
        main = [c for c in tp.slots.candidates if c not in tp.slots.qualifiers]
        span = span_ends(turn.request, main)
        found = phrase_hits(turn, main)
        if span and span[0] in found and span[1] in found and not tp.slots.qualifiers:
            a, b = found[span[0]], found[span[1]]
            if _country(a) != _country(b) and km_between(a.bbox, b.bbox) > SPAN_MAX_ABROAD_KM:
                # the ends of a span lie in one country: each looked up in the other's
                out += [f"{span[1]}, {_country(a)}", f"{span[0]}, {_country(b)}"]
        return [q for q in dict.fromkeys(out) if q not in asked][:2]

    @staticmethod
    def _fallbacks(turn: Turn, slots: Slots) -> list[str]:
        """Variants of the place phrases not looked up yet: without 'Valley', 'Forest', ...; without accents."""
        asked = {s.args.get("name", "") for s in turn.steps if s.name == "find_place"}
        out: list[str] = []
        main = [c for c in slots.candidates if c not in slots.qualifiers][:MAX_PLACE_LOOKUPS]
        for c in main:
            for alt in (c, without_feature_word(c), strip_accents(c), joined_as_qualifier(c), uninflected(c),
                        without_genitive_s(c, turn.request),
                        contracted_article(c, turn.request), with_adjective_after(c, turn.request), *listed_names(c),
                        without_compass(c)):
                if alt and alt not in asked and alt not in out:
                    out.append(alt)
        out += [q for q in slots.qualifiers if q not in asked and q not in out]
        return out[:MAX_PLACE_LOOKUPS]

    @staticmethod
    def _calls(call_no: int, calls: list[tuple[str, dict]]) -> AIMessage:
        tool_calls = [{"name": name, "args": args, "id": f"call_{call_no + i + 1}", "type": "tool_call"}
                      for i, (name, args) in enumerate(calls)]
        return AIMessage(content="", tool_calls=tool_calls)


def _window_over_its_days(periods: list[Period], it: Intent) -> list[Period]:
    """A series or a count of days over a window is over the whole window: a day named inside it is the event's
    context ("days above 45 °C in August 2021 ... the record of 11 August", "daily LST from 20 June to 5 July (the
    record on 29 June)"), not a narrower statement of it."""
    counts = it.timeseries or it.reducer == "count" or (it.task == "lst" and it.threshold is not None)
    if not counts:
        return periods
    return [p for p in periods if not (p.days == 1 and any(q.days > 1 and q.start <= p.start and p.end <= q.end
                                                            for q in periods))]


def _explicit_over_vague(periods: list[Period]) -> list[Period]:
    """Two statements of one window, one with its day numbers ("dal 16 al 28 febbraio") and one in words ("fine
    febbraio", "late February"): the days written out are the window."""
    def explicit(p: Period) -> bool:
        return bool(re.search(r"(?<!\d)\d{1,2}(?!\d)\D{1,12}?(?<!\d)\d{1,2}(?!\d)", re.sub(r"\d{4}", "", p.text)))

    keep = []
    for p in periods:
        vague = p.kind == "days" and not re.search(r"(?<!\d)\d{1,2}(?!\d)", re.sub(r"\d{4}", "", p.text))
        rival = next((q for q in periods if q is not p and q.kind == "days" and explicit(q)
                      and min(p.end, q.end) > max(p.start, q.start)), None)
        if not (vague and rival):
            keep.append(p)
    return keep


def same_dates_in_year(p: Period, other: Period) -> Period:
    """A bare year compared with a part of another year ("August 2016 vs 2024", "Juli 2018 gegen 2023"): the same
    dates in that year, not the whole year against a month; any other period as it is."""
    if p.kind != "year" or other.kind not in ("month", "months", "season", "days") or other.days > 183:
        return p
    delta = p.start.year - other.start.year
    try:
        start, end = other.start.replace(year=other.start.year + delta), other.end.replace(year=other.end.year + delta)
    except ValueError:  # 29 February
        return p
    return p.model_copy(update={"start": start, "end": end, "kind": other.kind})


def clamped_from(slots: Slots, request: str, hits: list[PlaceHit], bbox: BBox) -> PlaceHit | None:
    """The one place named whose box the load had to cut to the collection's largest area around its centre
    (less than half of it kept), or None."""
    if slots.coords is not None or slots.inherited_bbox is not None or slots.zoom or not hits:
        return None
    chosen = choose_hits(hits, request)
    if len(chosen) != 1 or _direction_of(request, chosen[0].name)[0] is not None:
        return None
    hit = chosen[0]
    inside = hit.bbox[0] <= bbox[0] and hit.bbox[1] <= bbox[1] and bbox[2] <= hit.bbox[2] and bbox[3] <= hit.bbox[3]
    return hit if inside and area_km2(bbox) < 0.5 * area_km2(hit.bbox) else None


def _geometry(rings: list[list[tuple[float, float]]] | None) -> dict | None:
    """GeoJSON for a place's outline rings (a Polygon, or a MultiPolygon for islands and exclaves)."""
    if not rings:
        return None
    coords = [[[list(pt) for pt in ring]] for ring in rings]
    return {"type": "Polygon", "coordinates": coords[0]} if len(coords) == 1 else {"type": "MultiPolygon", "coordinates": coords}


SPAN_MAX_ABROAD_KM = 300.0  # the ends of a span found in two countries further apart: one is a namesake


def _country(hit: PlaceHit) -> str:
    return hit.name.split(",")[-1].strip()


def phrase_hits(turn: Turn, phrases: list[str]) -> dict[str, PlaceHit]:
    """{phrase: its place} from the turn's look-ups: the latest found for the phrase itself, with a
    qualifier ("Caithness, Scotland"), or a variant of it ("Kathmandu" for "Kathmandu Valley")."""
    out: dict[str, PlaceHit] = {}
    for step in turn.results("find_place"):
        hit = parse_place_result(step.result or "")
        if hit is None:
            continue
        query = str(step.args.get("name", "")).split(",")[0].split(" (")[0].strip()
        for p in phrases:
            if query in (p, without_feature_word(p), strip_accents(p), uninflected(p)):
                out[p] = hit
    return out


def _plain(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", strip_accents(name).lower()).strip()


def with_adjective_after(phrase: str, request: str) -> str | None:
    """ "el Chaco paraguayo": the name with the country adjective written after it, which may be a name of its own
    (the Paraguayan Chaco is no province; the gazetteer's "Chaco" is Argentina's)."""
    from tools.places import DEMONYMS
    from tools.regions import fold

    m = re.search(r"(?<!\w)" + re.escape(phrase) + r"\s+([a-zà-ÿ]{4,})(?![\w-])", request)
    return f"{phrase} {m.group(1)}" if m and fold(m.group(1)) in DEMONYMS else None


def contracted_article(phrase: str, request: str) -> str | None:
    """ "près du Cap", "au Caire": French contracts "de le" and "à le", so a name whose article is "Le" lost it
    ("Le Cap" is Cape Town, "Cap" alone Cap-Haïtien)."""
    if re.search(r"(?<!\w)(?:du|au)\s+" + re.escape(phrase) + r"(?![\w-])", request) and not phrase.lower().startswith("le "):
        return f"Le {phrase}"
    return None


def joined_as_qualifier(phrase: str) -> str | None:
    """'Friedrichshafen am Bodensee' -> 'Friedrichshafen, Bodensee': the lake, river or region a town lies
    on, written into its name ("am", "an der", "sur", "upon", "aan de", "sul"), tried as a qualifier; Dutch "op"
    puts a place on its island ("Cumbre Vieja op La Palma")."""
    m = re.match(r"(.+?)\s+(?:am|an der|an den|bei|ob der|sur|sur-|upon|on|aan de|aan het|aan|op|sul|sulla|in|en|im)\s+(.+)$",
                 phrase)
    return f"{m.group(1)}, {m.group(2)}" if m else None


def without_genitive_s(phrase: str, request: str) -> str | None:
    """'des Edersees' -> 'Edersee', 'des Bodensees' -> 'Bodensee': a German name in the genitive after "des" or
    "eines" takes an -s the gazetteer's nominative lacks."""
    if len(phrase) > 4 and phrase.endswith("s") and not phrase.endswith("ss") and " " not in phrase and re.search(
            r"(?<!\w)(?:des|eines)\s+" + re.escape(phrase) + r"(?!\w)", request):
        return phrase[:-1]
    return None


def uninflected(phrase: str) -> str | None:
    """'Hohen Tauern' -> 'Hohe Tauern', 'Schwäbischen Alb' -> 'Schwäbische Alb': a German adjective in a
    place name takes its case ending after 'in den', 'der', ...; the gazetteer has the nominative."""
    out = re.sub(r"\b(\w{3,})(?:en|er|es)\b(?=\s+[A-ZÄÖÜ])", r"\1e", phrase)
    return out if out != phrase else None


def listed_names(phrase: str) -> list[str]:
    """'Orihuela y Almoradí' -> ['Orihuela', 'Almoradí']: two places joined by 'and' in any language,
    read as one name when the gazetteer might have it ('Castilla y León'), else each on its own."""
    parts = re.split(r"\s+(?:y|et|und|and|en|e|ed|&)\s+", phrase)
    return parts if len(parts) > 1 and all(p[:1].isupper() for p in parts) else []


def _pop(text: str) -> float:
    m = re.search(r"pop\. ([\d.]+)([kM]?)", text)
    return float(m.group(1)) * {"k": 1e3, "M": 1e6, "": 1.0}[m.group(2)] if m else 0.0


def ambiguity_question(turn: Turn, tp: TurnPlan) -> str | None:
    """One short question when the only place named has a namesake of similar size in another country and
    nothing in the request (a country, a region, the language) says which: never a silent guess."""
    slots = tp.slots
    if slots.coords is not None or slots.inherited_bbox is not None or len(slots.candidates) != 1 or slots.qualifiers:
        return None
    if len(tp.hits) != 1 or not tp.hits[0].alternatives:
        return None
    hit = tp.hits[0]
    if country_of(hit) in LANGUAGE_COUNTRIES.get(answer_language(turn.request), ()):
        return None  # "su Siracusa" in Italian: the language says which namesake
    step = next((s for s in turn.results("find_place")), None)
    best_pop = _pop(step.result.splitlines()[0]) if step and step.result else 0.0
    close = [a for a in hit.alternatives if best_pop and _pop(a) >= 0.5 * best_pop]
    if not close:
        return None
    options = [label_in(o, tp.lang) for o in [hit.name] + [a.split(" (")[0] for a in close]]  # countries in its language
    p = phrases(tp.lang)
    return p.which_namesake.format(name=slots.candidates[0], options=p.or_.join(options),
                                   example=f"{slots.candidates[0]}, {options[-1].split(', ')[-1]}")


LANGUAGE_COUNTRIES = {"de": ("Germany", "Austria", "Switzerland"), "fr": ("France", "Belgium", "Switzerland"),
                      "nl": ("The Netherlands", "Netherlands", "Belgium"), "es": ("Spain",), "it": ("Italy",)}


def around_town_queries(request: str, found: list[tuple[PlaceHit, str]]) -> list[str]:
    """ "Orpaillage autour de Kédougou", "farmland near Matam": a place the request is around or near is a town; a
    region that the bare name found instead (the town is small, the region named after it) is asked for again as the
    town ("Kédougou town"). `found` holds each answer with the phrase it was asked by."""
    from agent.planner.aoi import _AROUND
    from agent.planner.i18n import strip_accents

    if any(h.kind.split(",")[0] in ("city", "town") for h, _ in found):
        return []
    low = strip_accents(request).lower()
    out = []
    for h, asked in found:
        if h.kind.split(",")[0] != "region" or not asked or names_unit(asked):
            continue
        if re.search(_AROUND + r"\s*(?:the\s+|la\s+|le\s+|l')?" + re.escape(strip_accents(asked).lower()) + r"(?![a-z])", low):
            out.append(f"{asked} town")
    return out


def first_queries(slots: Slots) -> list[str]:
    """The first look-ups: each place phrase with the country or region that qualifies it
    ("Zahlé, Lebanon"); the qualifiers alone only later, if nothing more specific is found."""
    out: list[str] = []
    cands = slots.candidates
    if any(c not in slots.weak for c in cands):  # the phrases that look like places; the others only if they fail
        cands = [c for c in cands if c not in slots.weak]
    for i, c in enumerate(cands):
        if c in slots.qualifiers:
            continue
        chain = []
        for q in cands[i + 1:]:
            if q not in slots.qualifiers:
                break
            chain.append(q)
        if chain and chain[-1] in slots.shared:
            # "Filadelfia, Chaco paraguayo": the qualifier's country adjective says which Chaco ("Filadelfia, Chaco,
            # Paraguay" is the town in the Paraguayan Chaco, not a namesake in Argentina's Chaco province)
            out.append(f"{c}, {chain[-1]}, {slots.shared[chain[-1]]}")
            continue
        out.append(f"{c}, {chain[-1]}" if chain else f"{c}, {slots.shared[c]}" if c in slots.shared else c)
    return (out or cands)[:MAX_PLACE_LOOKUPS]


def choose_periods(slots: Slots, periods: list[Period], today: date) -> list[Period]:
    """One period for a product, or [before, after] for a change or a flood map."""
    it = slots.intent
    if it.change and (pair := _reference_and_window(periods)):
        return pair
    if it.change and (pair := _window_against_previous_years(periods, date_text(slots.text))):
        return pair
    # a narrower period inside a wider one is the more precise statement of the same time
    periods = _explicit_over_vague(_window_over_its_days(periods, it))
    narrow = [p for p in periods if not any(q is not p and q.start >= p.start and q.end <= p.end and q.days < p.days
                                             for q in periods)]
    # "the 2022 wheat season, October 2021 to June 2022", "campagne 2023 (octobre 2022 - juin 2023)": a year beside
    # an explicit range of months or days that runs across its start or end names that range; the range is the window
    narrow = [p for p in narrow if not (p.kind == "year" and any(
        q.kind in ("months", "days") and q.days <= 366 and q.start < p.end and q.end > p.start
        and (q.start < p.start or q.end > p.end) for q in narrow))]
    if it.change or it.task == "flood":
        before = [p for p in narrow if p.role == "before"]
        after_ = [p for p in narrow if p.role == "after"]
        if before:  # "... with the passes since Monday": what follows the reference window is the event's
            after_ += [p for p in narrow if p.role == "any" and p.start >= before[0].end - timedelta(days=1)
                       and p not in after_]
        if before and after_:
            # "after the 14th ... until the 25th": the after window runs from the first to the last of them
            span = Period(start=min(p.start for p in after_), end=max(p.end for p in after_), role="after",
                          kind="relative", text="after")
            if span.days > 60:
                span = after_[-1]
            return [before[0], span]
        if len(narrow) == 1 and narrow[0].kind == "years" and it.task != "flood":
            # "NDVI-Differenz zwischen 2018 und 2023", "change from 2000 to 2020": the two years are compared, not
            # the span between them against the span before it
            first, last = narrow[0].start.year, narrow[0].end.year - 1
            return [Period(start=date(first, 1, 1), end=date(first + 1, 1, 1), text=str(first), kind="year", role="before"),
                    Period(start=date(last, 1, 1), end=date(last + 1, 1, 1), text=str(last), kind="year", role="after")]
        if len(narrow) == 1 and narrow[0].kind == "days" and it.task != "flood" and it.index != "NBR" and not it.hazard and \
                7 <= narrow[0].days <= 92 and \
                re.search(r"(?<![a-z])(?:and|to|until|-)(?![a-z])", narrow[0].text):
            # "soil moisture change between 1 and 13 May", "NDVI-Änderung zwischen dem 3. und 15. Juni": the two days
            # are compared, each with the week around it (a radar or optical pass may miss the day itself)
            first, last = narrow[0].start, narrow[0].end - timedelta(days=1)
            return [Period(start=first - timedelta(days=3), end=first + timedelta(days=4), text=str(first), kind="days",
                           role="before"),
                    Period(start=last - timedelta(days=3), end=last + timedelta(days=4), text=str(last), kind="days",
                           role="after")]
        since = re.fullmatch(r"since (?:the )?(?:year )?(\d{4})", narrow[0].text) if len(narrow) == 1 else None
        if since and it.task != "flood":
            # "NDVI change since 2019": that year against the last 30 days (the span since it is the window of a
            # product, "NDVI since 2019", not the earlier side of a change)
            y = int(since.group(1))
            return [Period(start=date(y, 1, 1), end=date(y + 1, 1, 1), text=since.group(1), pos=narrow[0].pos, kind="year",
                           role="before"), last_days(today, 30)]
        last = narrow[0].end - timedelta(days=1) if len(narrow) == 1 else None
        if last and narrow[0].kind == "months" and it.task != "flood" and it.index != "NBR" and \
                (last.year, last.month) > (narrow[0].start.year, narrow[0].start.month) and \
                re.search(r"(?<![a-z])(?:between|from|to|until|and)(?![a-z])|-", narrow[0].text):
            # "VH change between March and May 2025", "NDVI-Änderung zwischen Mai und August", "change from July 2022 to
            # July 2023": the first month is compared with the last (as two years are), not the months between them
            # against the last 30 days
            first = narrow[0].start
            return [Period(start=first, end=month_end(first.year, first.month), text=narrow[0].text, pos=narrow[0].pos,
                           kind="month", role="before"),
                    Period(start=date(last.year, last.month, 1), end=narrow[0].end, text=narrow[0].text,
                           pos=narrow[0].pos + len(narrow[0].text), kind="month", role="after")]
        if len(narrow) >= 2:
            # "storm Vaia (29 October 2018): summer 2018 against summer 2019": the day dates the event, the two
            # windows are the ones compared
            windows = [p for p in narrow if p.days > 1]
            ordered = sorted((windows if len(windows) >= 2 else narrow)[:2], key=lambda p: p.start)
            return [same_dates_in_year(ordered[0], ordered[-1]), same_dates_in_year(ordered[-1], ordered[0])]
        # a fire's, a landslide's or a lava flow's date or month is the event its change straddles, never "then
        # against now"
        burn = it.index == "NBR" or it.hazard in ("landslide", "lava")
        # a day long ago dates an event, and so does a month said with "before/after" ("the GLOF of October 2023,
        # before/after NDWI"): split around it, not compared with now
        long_ago_event = bool(narrow) and (narrow[0].days == 1 or narrow[0].days <= 31 and bool(BEFORE_AFTER.search(
            slots.text))) and not re.search(r"\b(?:since|ago)\b", narrow[0].text)
        if narrow and it.task != "flood" and not burn and narrow[0].end <= today - timedelta(days=45) and not long_ago_event:
            # "more vegetation than a year ago", "change since 2019": that period against the last 30 days (a day
            # long ago dates an event: "before and after the earthquake of 8 September 2023" is split around it)
            return [narrow[0], last_days(today, 30)]
        if narrow:
            event = narrow[0]
            back = re.search(r"(\d+|few|" + "|".join(NUMBER_WORDS) + r")\s+(days?|weeks?|months?)\s+(?:before|earlier|prior)",
                             date_text(slots.text))
            unit = {"d": 1, "w": 7, "m": 30}[back.group(2)[0]] if back else 7
            count = (int(back.group(1)) if back.group(1).isdigit() else NUMBER_WORDS.get(back.group(1), 4)) if back else 4
            days = count * unit
            if burn and event.days > 1 and event.end <= today:
                # "the fires of August 2021", "Brände vom 3. bis 12. Juli": what burned then lies between a window
                # before the fire and one after it, the fire itself left out (an after window holding pre-fire days
                # would hide the burn); a month's fire is compared month before against month after
                return list(straddle(event, today))
            if event.days > 20 and it.task != "flood":
                # "before and after images of the dam breach, June 2023" asked on 20 June: the month before against
                # the month so far (nothing is acquired after today)
                now = event.model_copy(update={"end": max(min(event.end, today + timedelta(days=1)),
                                                          event.start + timedelta(days=1))})
                return [shift_before(event, event.days), now]
            if event.role == "after" and event.kind == "relative":
                # "flood extent in the 10 days after 29 october": that window is the after one, as written; the
                # reference is the span before the event's day
                return [shift_before(event, days), event]
            return [shift_before(event, days), after(event, max(event.days, 12), today)]
        # "where is the water now": the latest passes (a 12-day repeat cycle), else the last 24 days
        recent = last_days(today, 12 if re.search(r"(?<![a-z])today(?![a-z])", date_text(slots.text)) else 24)
        return [shift_before(recent, 30), recent]
    if narrow:
        # "after the collision of 7 October ..., from 8 to 15 October": the day of the event that comes before
        # the window is its context; the window is what to load
        windows = [p for p in narrow if p.days > 1]
        days = [p for p in narrow if p.days == 1]
        if len(windows) == 1 and days and len(days) + 1 == len(narrow) and all(
                d.end <= windows[0].start and d.role in ("any", "after") for d in days):
            return windows
        chosen = joined_months(narrow)
        if chosen.kind in ("day", "event"):
            # a day named before a window ("after the collision of 7 October ... from 8 to 15 October"): the
            # day dates the event, the window is the one to analyse; a day after it is the image asked for
            chosen = next((p for p in narrow if p.kind in ("days", "month", "months") and p.days <= 92
                           and p.start >= chosen.end), chosen)
        return [around_day(chosen, it.collection, today) if it.workflow in EVENT_WORKFLOWS else chosen]
    return [last_days(today, 30)]


def _window_against_previous_years(periods: list[Period], text: str) -> list[Period] | None:
    """A window against the same dates of the years before it ("August 2018 against the August mean of the three
    previous years"): [the reference, one window per year (Period.each_year), the window]."""
    n = previous_years(text)
    # one window, perhaps named twice ("June 2021 against the June mean of ..."), and no longer span beside it
    if not n or not periods or any(p.days > 92 or (p.start, p.end) != (periods[0].start, periods[0].end) for p in periods):
        return None
    w = periods[0]

    def back(d: date, years: int) -> date:
        try:
            return d.replace(year=d.year - years)
        except ValueError:  # 29 February
            return d.replace(year=d.year - years, day=28)

    ref = Period(start=back(w.start, n), end=back(w.end, 1), text=f"{n} previous years", pos=w.pos, kind="years",
                 role="before", each_year=n)
    return [ref, w.model_copy(update={"role": "after"})]


def _reference_and_window(periods: list[Period]) -> list[Period] | None:
    """A change against a reference several years long that holds the window ("February 2020 against the min and max of 2017
    to 2020", "NDVI im Juli 2022 gegenüber dem Mittel 2015-2022"): [reference, window]; the window is not a more
    precise statement of the span around it (that is "summer 2021 (June to August)": about as long)."""
    if len(periods) != 2:
        return None
    short, long_ = sorted(periods, key=lambda p: p.days)
    # several years ("2017 to 2020"): a single year beside a window dates it ("Köln 2021: between 12 May and 18 June")
    if long_.days > 366 and short.days <= 92 and long_.start <= short.start and short.end <= long_.end:
        # the reference ends with the window: "2017 to 2020" before "February 2020" is not also the rest of 2020
        return [long_.model_copy(update={"role": "before", "end": short.end}), short.model_copy(update={"role": "after"})]
    return None


def joined_months(periods: list[Period]) -> Period:
    """The first period, joined with the months (or seasons) listed right after it that continue it: "in July and
    August", "im Juni und Juli", "en juillet et août", "spring and summer 2022", "primavera y verano" are one window
    of a product (a change compares them instead)."""
    first = periods[0]
    joinable = ("month", "months", "season")
    if first.kind not in joinable:
        return first
    out, written_end = first, first.pos + len(first.text)
    for q in periods[1:]:
        if q.kind not in joinable or q.start != out.end or not 0 <= q.pos - written_end <= 6:
            break
        out = out.model_copy(update={"end": q.end, "text": f"{out.text} and {q.text}", "kind": "months"})
        written_end = q.pos + len(q.text)
    return out


# days either side of a single day for the missions that do not pass every day: an expert loads a few days
# around "the slick seen on 14 March" so that the nearest overpass is in the window (S1 repeats in 6-12 days);
# the image of a day ("NDVI of Leuven on 14 May") is that day, widened only when it turns out empty
EVENT_WORKFLOWS = {"oil_slick"}
DAY_PAD = {"SENTINEL2_L2A": 3, "SENTINEL2_L1C": 3, "LANDSAT8_L2": 4, "SENTINEL1_GRD": 5}


def around_day(p: Period, collection: str, today: date) -> Period:
    """A single day as a short window centred on it (clamped to today), for the missions in DAY_PAD."""
    pad = DAY_PAD.get(collection)
    if pad is None or p.days != 1:
        return p
    return p.model_copy(update={"start": p.start - timedelta(days=pad),
                                "end": min(p.end + timedelta(days=pad), max(today + timedelta(days=1), p.end)),
                                "kind": "days"})
