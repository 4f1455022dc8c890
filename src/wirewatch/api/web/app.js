// wirewatch web page: map + timeline + event panel + table + aggregate chart over the HTTP API,
// sharing one filter state kept in the URL. Every string that comes from the data is inserted
// with textContent (el() below), never as HTML.
import { api, banner, el, safeHref, setStatus } from "./dom.js";
import { createEventLayer } from "./eventmap.js";
import { addPlaceLayer } from "./places.js";
import { rangeLabel, renderTimeline } from "./timeline.js";
import { FILTER_KEYS, createTable, fillForm, readUrl, renderAggregate, updateDownloads, viewFilters, writeUrl } from "./workbench.js";

const TYPE_COLOURS = {
  "Battles": "#d62728",
  "Explosions/Remote violence": "#ff7f0e",
  "Violence against civilians": "#9467bd",
  "Protests": "#2ca02c",
  "Riots": "#8c564b",
  "Strategic developments": "#1f77b4",
};
const OTHER_COLOUR = "#7f7f7f";
const DAY = 86400000;
const UNCLUSTERED_ZOOM = 9;   // from this zoom on only events at (nearly) one spot stay clustered

const state = {
  config: null,
  events: [],        // summaries of every event matching the server-side filters
  range: null,       // [Date, Date) picked with the timeline brush, or null
  selected: null,    // event id shown in the panel
  filters: {},       // the form's filters, as in the URL
  sort: "",          // the table's sort, as the API takes it
  table: null,
};

const colourOf = (type) => TYPE_COLOURS[type] || OTHER_COLOUR;
const radiusOf = (fatalities) => 5 + 2.2 * Math.sqrt(Math.max(0, fatalities || 0));
const dayOf = (iso) => (iso ? new Date(`${String(iso).slice(0, 10)}T00:00:00Z`) : null);

// ---- map --------------------------------------------------------------------------------------

let map, eventLayer, countriesLayer;

async function initMap() {
  // No zoom animation: with many SVG markers it is slow, and a zoom cut short by a redraw can leave
  // Leaflet waiting for a transition that never ends.
  map = L.map("map", { worldCopyJump: true, preferCanvas: false, minZoom: 1, maxZoom: 12, zoomAnimation: false, fadeAnimation: false, markerZoomAnimation: false }).setView([30, 20], 2);
  map.attributionControl.setPrefix("Leaflet");
  map.createPane("countries").style.zIndex = 350;   // under markers (overlayPane is 400)
  if (state.config.tile_url) {
    L.tileLayer(state.config.tile_url, { maxZoom: 18, attribution: "map tiles: configured tile server" }).addTo(map);
  } else {
    try {
      const res = await fetch("/static/vendor/world-atlas/countries-110m.json");
      if (!res.ok) throw new Error(`countries-110m.json: HTTP ${res.status}`);
      const topo = await res.json();
      const geo = unwrapAntimeridian(topojson.feature(topo, topo.objects.countries));
      countriesLayer = L.geoJSON(geo, {
        pane: "countries",
        renderer: L.svg({ pane: "countries" }),
        interactive: false,
        style: { color: "#8a8f99", weight: 0.8, fillColor: "#f4f1ea", fillOpacity: 1 },
      }).addTo(map);
    } catch (e) {
      banner(`country borders could not be drawn: ${e.message}`);
    }
    addPlaceLayer(map, { onError: banner });   // names and province lines from the gazetteer
  }
  eventLayer = createEventLayer(map, { colourOf, radiusOf, onOpen: openEvent, unclusteredZoom: UNCLUSTERED_ZOOM });
  L.control.scale({ imperial: false, position: "bottomright" }).addTo(map);
  addLegend();
}

function unwrapAntimeridian(collection) {
  // Rings that cross the 180th meridian (eastern Russia, Fiji) would be drawn with a line right
  // across the map: move their western points one world east when that makes them compact.
  // Antarctica really spans every longitude and stays as it is.
  const span = (ring) => Math.max(...ring.map((p) => p[0])) - Math.min(...ring.map((p) => p[0]));
  const fixRing = (ring) => {
    if (!ring.some((p, i) => i > 0 && Math.abs(p[0] - ring[i - 1][0]) > 180)) return ring;
    const moved = ring.map(([x, y]) => [x < 0 ? x + 360 : x, y]);
    return span(moved) < 180 ? moved : ring;
  };
  for (const f of collection.features) {
    const g = f.geometry;
    if (!g) continue;
    if (g.type === "Polygon") g.coordinates = g.coordinates.map(fixRing);
    else if (g.type === "MultiPolygon") g.coordinates = g.coordinates.map((poly) => poly.map(fixRing));
  }
  return collection;
}

function addLegend() {
  const legend = L.control({ position: "bottomleft" });
  legend.onAdd = () => {
    const box = el("div", { class: "legend-control" });
    for (const [type, colour] of Object.entries(TYPE_COLOURS)) {
      const dot = el("i");
      dot.style.background = colour;
      box.append(el("div", {}, dot, type));
    }
    box.append(el("div", {}, "dashed red ring: contested"));
    return box;
  };
  legend.addTo(map);
}

function inRange(ev) {
  if (!state.range) return true;
  const d = dayOf(ev.event_date);
  if (!d) return false;
  // An event covers its whole day: keep it when that day overlaps the brushed period.
  return d < state.range[1] && d.getTime() + DAY > state.range[0].getTime();
}

function visibleEvents() {
  return state.events.filter(inRange);
}

function renderMap(fit = false) {
  // the shown events into the map's cluster index; only what is in view is drawn (eventmap.js)
  const shown = visibleEvents();
  const placed = eventLayer.setEvents(shown);
  const unplaced = shown.length - placed;
  let south = 90, north = -90, west = 180, east = -180;
  if (fit && placed) {
    for (const ev of shown) {
      const lat = ev.latitude, lon = ev.longitude;
      if (typeof lat !== "number" || typeof lon !== "number") continue;
      if (lat < south) south = lat;
      if (lat > north) north = lat;
      if (lon < west) west = lon;
      if (lon > east) east = lon;
    }
    map.fitBounds(L.latLngBounds([south, west], [north, east]).pad(0.3), { maxZoom: 8, animate: false });
  }
  eventLayer.draw();   // once: a fit has drawn already on its moveend
  document.body.dataset.visibleEvents = String(placed);
  setStatus(`${shown.length} of ${state.events.length} events shown` + (unplaced ? ` (${unplaced} without coordinates)` : ""));
  emptyState();
  renderList(shown);
}

function emptyState() {
  // an empty page says why and what to do
  const filtered = Object.keys(state.filters).length > 0 || state.range;
  const total = Number(document.body.dataset.apiTotal || 0);
  const hint = document.querySelector("#list .hint");
  if (!total && !filtered) {
    hint.textContent = "This database holds no events yet. Add some with `wirewatch ingest FEED_URL --db DB` " +
      "(feeds, pages, files, JSONL or WARC), then reload.";
  } else if (!visibleEvents().length) {
    hint.textContent = "No events match these filters: loosen them, clear the timeline brush (click it), or press Reset.";
  } else {
    hint.textContent = "Click a marker or a row. Drag on the timeline to pick a period.";
  }
  hint.dataset.empty = !visibleEvents().length ? (total || filtered ? "filtered" : "database") : "";
}

function renderList(shown) {
  const list = document.getElementById("event-list");
  const rows = shown.slice(0, 300).map((ev) =>
    el("li", { dataset: { eventId: ev.event_id }, onclick: () => showEvent(ev.event_id), tabindex: "0",
      onkeydown: (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); showEvent(ev.event_id); } } },
      `${ev.event_date || "undated"} · ${ev.location || "?"} · ${ev.event_type || "?"}`,
      ev.fatalities ? ` · ${ev.fatalities} killed` : "",
      ev.status && ev.status !== "reported" ? " " : "",
      ev.status && ev.status !== "reported" ? el("span", { class: `badge ${ev.status}` }, ev.status) : ""));
  list.replaceChildren(...rows);
  if (shown.length > rows.length) list.append(el("li", { class: "hint" }, `… and ${shown.length - rows.length} more`));
}

function showEvent(id) {
  // From the list: zoom in to the event's own marker (spreading out its spot), then open the panel.
  document.querySelectorAll(".ww-selected").forEach((node) => node.classList.remove("ww-selected"));
  const ev = state.events.find((e) => e.event_id === id);
  if (ev) eventLayer.reveal(ev, (node) => { if (node) node.classList.add("ww-selected"); });
  openEvent(id);
}

// ---- timeline (timeline.js) ---------------------------------------------------------------------

function drawTimeline() {
  const perDay = new Map();
  for (const e of state.events) {
    const key = e.event_date ? String(e.event_date).slice(0, 10) : null;
    if (key) perDay.set(key, (perDay.get(key) || 0) + 1);
  }
  const days = [...perDay].map(([key, n]) => ({ day: dayOf(key), n }));
  renderTimeline(document.getElementById("timeline"), days, state.range, (range, final) => {
    state.range = range;
    document.getElementById("range").textContent = rangeLabel(range);
    if (final) {        // redrawn once the brush is let go: 100,000 markers per mouse move would stall
      renderMap(false);
      drawTimeline();   // zoom into the picked period, in finer buckets (or back out to all dates)
      refreshViews();
    }
  });
  document.getElementById("range").textContent = rangeLabel(state.range);
}

// ---- event panel ------------------------------------------------------------------------------

function fact(dl, label, value) {
  if (value === null || value === undefined || value === "") return;
  dl.append(el("dt", {}, label), el("dd", {}, String(value)));
}

function range(best, low, high) {
  if (best === null || best === undefined) return null;
  return low !== null && high !== null && low !== undefined && high !== undefined && (low !== best || high !== best)
    ? `${best} (${low}–${high})` : String(best);
}

function sourceById(ev) {
  const byId = new Map();
  for (const s of ev.sources || []) byId.set(s.article_id, s);
  return byId;
}

function claimCard(claim, ev) {
  const who = [claim.claimant, claim.claimant_country ? `(${claim.claimant_country})` : null].filter(Boolean).join(" ");
  const speaker = [claim.speaker, claim.speaker_role].filter(Boolean).join(", ");
  const src = claim.article_id ? sourceById(ev).get(claim.article_id) : (ev.sources || [])[0];
  const card = el("div", { class: "claim", dataset: { stance: claim.stance || "" } },
    el("div", { class: "who" }, who || "unnamed party"),
    speaker ? el("div", { class: "speaker" }, `speaker: ${speaker}`) : null,
    claim.quote ? el("blockquote", {}, `“${claim.quote}”`) : null,
    src ? el("div", { class: "src" }, "source: ", sourceLabel(src, ev.sources || []), " ",
      el("button", { type: "button", onclick: () => openArticle(src.article_id, ev.event_id) }, "open article")) : null);
  return card;
}

function hostOf(url) {
  try { return new URL(url).hostname.replace(/^www\./, ""); } catch { return null; }
}

function sourceLabel(src, all = []) {
  let label = [src.publisher, src.wire_agency ? `via ${src.wire_agency}` : null].filter(Boolean).join(" ") || src.article_id;
  // two sources with the same name are told apart by their web site (or their article id)
  const twins = all.filter((o) => o !== src && o.publisher && o.publisher === src.publisher);
  if (twins.length) {
    const host = src.url ? hostOf(src.url) : null;
    label += twins.every((o) => (o.url ? hostOf(o.url) : null) !== host) && host ? ` (${host})` : ` (${src.article_id})`;
  }
  const href = src.url ? safeHref(src.url) : null;
  return href ? el("a", { href, target: "_blank", rel: "noopener noreferrer" }, label) : el("span", {}, label);
}

function shown(value) {
  if (value === null || value === undefined || value === "") return "–";
  return Array.isArray(value) ? value.map(shown).join(", ") : String(value);
}

function revisionItem(rev) {
  const changes = Object.entries(rev.changes || {});
  const created = changes.length && changes.every(([, v]) => Array.isArray(v) && (v[0] === null || v[0] === undefined));
  const what = created ? "first reported"
    : changes.map(([k, v]) => `${k}: ${shown(Array.isArray(v) ? v[0] : null)} → ${shown(Array.isArray(v) ? v[1] : v)}`).join("; ");
  return el("li", { dataset: { at: rev.at || "" } }, `${revisionTime(rev.at)} · ${rev.article_id || "?"} · ${what}`);
}

function revisionTime(at) {
  // the time as written, with its UTC offset (two reports of one hour in different zones differ)
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(at || "");
  if (!m) return at || "?";
  return `${m[1]} ${m[2]}${m[3] ? (m[3] === "Z" ? " UTC" : ` UTC${m[3]}`) : " (no offset)"}`;
}

function byTime(a, b) {
  // by the instant, not the text: "10:00+03:00" comes before "08:00Z"
  const t = (r) => { const v = Date.parse(r.at || ""); return Number.isNaN(v) ? Infinity : v; };
  return t(a) - t(b);
}

async function openEvent(id) {
  state.selected = id;
  syncUrl();
  const box = document.getElementById("event");
  box.hidden = false;
  box.replaceChildren(el("p", { class: "hint" }, "loading…"));
  let ev;
  try { ev = await api(`/api/events/${encodeURIComponent(id)}`); }
  catch (e) { box.replaceChildren(el("p", { class: "banner" }, e.message)); return; }
  if (state.selected !== id) return;
  const title = el("h2", {}, [ev.sub_event_type || ev.event_type || "Event", ev.location ? ` in ${ev.location}` : ""].join(""), " ",
    el("span", { class: `badge ${ev.status || ""}`, dataset: { status: ev.status || "" } }, ev.status || "reported"));
  const dl = el("dl", { class: "facts" });
  const precision = { 2: " (that week, approximately)", 3: " (that month or vaguer)" }[ev.time_precision] || "";
  fact(dl, "date", ev.event_date ? `${ev.event_date}${precision}` : null);
  fact(dl, "type", [ev.event_type, ev.sub_event_type].filter(Boolean).join(" / "));
  fact(dl, "place", [ev.location, ev.admin1, ev.country].filter(Boolean).join(", "));
  fact(dl, "actor 1", ev.actor1);
  fact(dl, "actor 2", ev.actor2);
  fact(dl, "killed", range(ev.fatalities, ev.fatalities_low, ev.fatalities_high));
  fact(dl, "injured", range(ev.injuries, ev.injuries_low, ev.injuries_high));
  fact(dl, "weapon", ev.weapon);
  fact(dl, "independent sources", ev.independent_sources);
  const claims = ev.claims || [];
  const column = (stance, heading) => el("div", { class: stance, dataset: { stance } },
    el("h3", {}, heading),
    ...(claims.filter((c) => (c.stance === "denies") === (stance === "denies")).map((c) => claimCard(c, ev))));
  const claimsBox = claims.length
    ? el("div", { class: "claims" }, column("asserts", "Asserts"), column("denies", "Denies"))
    : el("p", { class: "hint" }, "no attributed claims");
  const sources = el("ul", { class: "sources" }, ...(ev.sources || []).map((s) =>
    el("li", { dataset: { articleId: s.article_id } }, sourceLabel(s, ev.sources || []), " ",
      el("button", { type: "button", class: "open-article", onclick: () => openArticle(s.article_id, ev.event_id) }, "open article"))));
  const history = (ev.history || []).length
    ? el("details", { class: "history" }, el("summary", {}, `revision history (${ev.history.length})`),
      el("ul", {}, ...[...ev.history].sort(byTime).map(revisionItem)))
    : null;
  // Why these reports are one event (and which were kept apart): fusion's own evidence and verdicts.
  const decisions = ev.fusion || [];
  const fusion = decisions.length
    ? el("details", { class: "fusion" }, el("summary", {}, `fusion decisions (${decisions.length})`),
      el("ul", {}, ...decisions.map((d) => el("li", { dataset: { verdict: d.verdict || "" } },
        el("strong", {}, d.verdict || "?"), ` ${d.mention_id || ""} vs ${d.compared_with || ""}: ${d.reason || ""}`,
        d.evidence && typeof d.evidence === "object"
          ? el("span", { class: "hint" }, " (", Object.entries(d.evidence)
            .map(([k, v]) => `${k}: ${typeof v === "object" ? JSON.stringify(v) : v}`).join("; "), ")")
          : null))))
    : null;
  // Events on the very same spot hide each other's markers: offer them here.
  const samePlace = state.events.filter((o) => o.event_id !== ev.event_id && o.latitude === ev.latitude
    && o.longitude === ev.longitude && ev.latitude !== null && ev.latitude !== undefined);
  const also = samePlace.length
    ? el("p", { class: "also" }, "Also at this place: ", ...samePlace.flatMap((o, i) => [i ? ", " : "",
      el("a", { href: "#", onclick: (e) => { e.preventDefault(); openEvent(o.event_id); } },
        `${o.event_date || "undated"} ${o.sub_event_type || o.event_type || ""}`)]))
    : null;
  box.replaceChildren(...[title, dl, also, ev.notes ? el("p", { class: "notes" }, ev.notes) : null,
    el("h3", {}, "Who says what"), claimsBox, el("h3", {}, "Sources"), sources, fusion, history].filter(Boolean));
  box.scrollIntoView({ block: "start" });
}

async function openArticle(articleId, eventId) {
  const dialog = document.getElementById("article-view");
  const text = document.getElementById("article-text");
  text.replaceChildren(el("p", { class: "hint" }, "loading…"));
  if (!dialog.open) dialog.showModal();
  let data;
  try { data = await api(`/api/articles/${encodeURIComponent(articleId)}`, { event: eventId }); }
  catch (e) { text.replaceChildren(el("p", { class: "banner" }, e.message)); return; }
  const a = data.article;
  document.getElementById("article-title").textContent = a.title || a.article_id;
  const meta = document.getElementById("article-meta");
  meta.replaceChildren([a.publisher, a.wire_agency ? `via ${a.wire_agency}` : null, a.published].filter(Boolean).join(" · "));
  if (!a.published) {
    meta.append(" ", el("span", { class: "badge undated" }, "undated: no publication date, so its relative dates ('on Friday') were read against the day it was ingested"));
  } else if ((a.provenance || {}).published_year === "guessed") {
    meta.append(" ", el("span", { class: "badge undated" }, "undated: only a day and month in its dateline, so the year was guessed from the day it was ingested"));
  }
  const href = a.url ? safeHref(a.url) : null;
  if (href) meta.append(" · ", el("a", { href, target: "_blank", rel: "noopener noreferrer" }, "original"));
  text.replaceChildren(...data.segments.map((s) =>
    s.marks.length ? el("mark", { class: s.marks.join(" "), dataset: { start: String(s.start), end: String(s.end) } }, s.text)
      : document.createTextNode(s.text)));
  const first = text.querySelector("mark");
  if (first) first.scrollIntoView({ block: "center" });
}

// ---- filters and loading ----------------------------------------------------------------------

function currentFilters() {
  const form = new FormData(document.getElementById("filters"));
  const out = {};
  for (const [k, v] of form.entries()) if (FILTER_KEYS.includes(k) && String(v).trim()) out[k] = String(v).trim();
  return out;
}

function syncUrl() {
  writeUrl(state.filters, { event: state.selected, sort: state.sort });
}

function refreshViews() {
  // the table, the downloads and the chart show the view: the filters and the brushed days
  const view = viewFilters(state.filters, state.range);
  updateDownloads(view, state.sort);
  if (state.table) state.table.reload();
  if (typeof Chart !== "undefined") renderAggregate(view, colourOf);
}

async function loadEvents(filters) {
  // every matching event in one answer, one array per field (/api/map): 100,000 events in a few MB
  const body = await api("/api/map", filters);
  const columns = Object.entries(body.columns).map(([name, col]) => [name, Array.isArray(col) ? col
    : col.codes.map((c) => (c < 0 ? null : col.values[c]))]);
  const events = new Array(body.total);
  for (let i = 0; i < body.total; i++) {
    const ev = {};
    for (const [name, values] of columns) ev[name] = values[i];
    events[i] = ev;
  }
  document.body.dataset.apiTotal = String(body.total);
  return events;
}

function fillOptions(select, values, labelOf = (v) => v) {
  const keep = select.value;
  select.replaceChildren(el("option", { value: "" }, "all"), ...values.map((v) => el("option", { value: v }, labelOf(v))));
  select.value = values.includes(keep) ? keep : "";
}

async function refresh({ fit = false, options = false, loading = null } = {}) {
  document.body.dataset.ready = "false";
  setStatus("loading…");
  state.filters = currentFilters();
  syncUrl();
  // where a load's time goes (ms per phase), for scripts/bench_map.py and the console
  // (boot: from navigation to this first refresh: scripts, the country outlines, the first requests)
  const times = {}, lap = (name, t0) => { times[name] = Math.round(performance.now() - t0); return performance.now(); };
  if (!document.body.dataset.timings) times.boot = Math.round(performance.now());
  let t = performance.now();
  try {
    state.events = await (loading || loadEvents(state.filters));
  } catch (e) {
    banner(e.message);
    state.events = [];
  }
  t = lap("events", t);
  if (options) {
    const uniq = (f) => [...new Set(state.events.map(f).filter(Boolean))].sort();
    const names = new Map(state.events.filter((e) => e.iso3 && e.country).map((e) => [e.iso3, e.country]));
    fillOptions(document.getElementById("f-country"), uniq((e) => e.iso3 || e.country),
      (code) => (names.has(code) && names.get(code) !== code ? `${names.get(code)} (${code})` : code));
    fillOptions(document.getElementById("f-type"), uniq((e) => e.event_type));
    fillOptions(document.getElementById("f-subtype"), uniq((e) => e.sub_event_type));
    const datalist = (id, values) => document.getElementById(id).replaceChildren(...values.map((v) => el("option", { value: v })));
    datalist("actors", [...new Set([...uniq((e) => e.actor1), ...uniq((e) => e.actor2), ...uniq((e) => e.iso3)])].sort());
    datalist("admin1s", uniq((e) => e.admin1));
  }
  t = lap("options", t);
  state.range = null;
  drawTimeline();
  t = lap("timeline", t);
  renderMap(fit);
  lap("map", t);
  refreshViews();
  document.body.dataset.timings = JSON.stringify(times);
  document.body.dataset.ready = "true";
}

async function main() {
  const form = document.getElementById("filters");
  const fromUrl = readUrl();
  fillForm(form, fromUrl.filters);
  // the events are asked for first, so the server reads them while the page sets up its map
  const early = loadEvents(currentFilters());
  early.catch(() => {});   // reported by refresh()
  try { state.config = await api("/api/config"); }
  catch (e) { banner(e.message); return; }
  if (state.config.assets_message || typeof L === "undefined" || typeof Supercluster === "undefined" || typeof d3 === "undefined" || typeof topojson === "undefined") {
    banner(state.config.assets_message || "front-end libraries did not load; run `npm ci` in the repository root");
    return;
  }
  await initMap();
  state.sort = fromUrl.page.sort || "";
  state.filters = currentFilters();
  if (typeof Tabulator !== "undefined") {
    state.table = createTable(document.getElementById("table"), {
      getFilters: () => viewFilters(state.filters, state.range),
      onSort: (sort) => { state.sort = sort; syncUrl(); updateDownloads(viewFilters(state.filters, state.range), sort); },
      onRowClick: (id) => showEvent(id),
      initialSort: state.sort,
    });
  }
  for (const id of ["agg-period", "agg-split", "agg-measure"]) {
    document.getElementById(id).addEventListener("change", () => renderAggregate(viewFilters(state.filters, state.range), colourOf));
  }
  form.addEventListener("submit", (e) => { e.preventDefault(); refresh({ fit: true }); });
  form.addEventListener("change", (e) => { if (e.target.tagName === "SELECT") refresh({ fit: true }); });
  form.addEventListener("reset", () => setTimeout(() => refresh({ fit: true }), 0));
  window.addEventListener("resize", () => { drawTimeline(); map.invalidateSize(); });
  await refresh({ fit: true, options: true, loading: early });
  if (fromUrl.page.event) openEvent(fromUrl.page.event);
}

// A hook for tests and the console: what the page holds, without reaching into closures.
window.wirewatch = { state, openEvent, openArticle, refresh, showEvent, map: () => map, table: () => state.table && state.table.table };

main();
