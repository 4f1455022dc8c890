// The analyst's half of the page: the filter state kept in the URL, the events table (Tabulator,
// paged and sorted by the server), downloads of the current view, and the aggregate chart
// (Chart.js over /api/aggregate). Strings from the data go in as text (Tabulator's plaintext
// formatter, Chart.js labels drawn on a canvas), never as HTML.
import { api, query } from "./dom.js";

// Filters the page keeps in the URL's query string (the API's names), plus the page's own keys.
export const FILTER_KEYS = ["country", "event_type", "sub_event_type", "status", "actor", "admin1", "admin2",
  "interaction", "source", "geo_precision", "since", "until", "min_fatalities", "q"];
const PAGE_KEYS = ["event", "range", "sort", "agg"];
const PAGE_SIZE = 50;

export function readUrl() {
  const params = new URLSearchParams(window.location.search);
  const filters = {};
  for (const k of FILTER_KEYS) if (params.get(k)) filters[k] = params.get(k);
  const page = {};
  for (const k of PAGE_KEYS) if (params.get(k)) page[k] = params.get(k);
  return { filters, page };
}

export function writeUrl(filters, page) {
  const params = new URLSearchParams();
  for (const k of FILTER_KEYS) if (filters[k]) params.set(k, filters[k]);
  for (const k of PAGE_KEYS) if (page[k]) params.set(k, page[k]);
  const query = params.toString();
  const url = `${window.location.pathname}${query ? `?${query}` : ""}`;
  if (url !== `${window.location.pathname}${window.location.search}`) window.history.replaceState(null, "", url);
}

export function fillForm(form, filters) {
  for (const k of FILTER_KEYS) {
    const input = form.elements.namedItem(k);
    if (!input) continue;
    if (input.tagName === "SELECT" && filters[k] && ![...input.options].some((o) => o.value === filters[k])) {
      input.append(new Option(filters[k], filters[k]));   // a value from the URL the list does not hold yet
    }
    input.value = filters[k] || "";
  }
}

// the filters of the view: the form's, narrowed to the brushed days when the timeline is brushed
export function viewFilters(filters, range) {
  if (!range) return { ...filters };
  const day = (d) => d.toISOString().slice(0, 10);
  const out = { ...filters, since: day(range[0]), until: day(new Date(range[1].getTime() - 86400000)) };
  if (filters.since && filters.since > out.since) out.since = filters.since;
  if (filters.until && filters.until < out.until) out.until = filters.until;
  return out;
}

export function updateDownloads(filters, sort) {
  const base = sort ? { ...filters, sort } : filters;
  document.getElementById("dl-csv").href = query("/api/export", { ...base, format: "csv" });
  document.getElementById("dl-geojson").href = query("/api/export", { ...base, format: "geojson" });
  document.getElementById("dl-parquet").href = query("/api/export", { ...base, format: "parquet" });
  document.getElementById("dl-claims").href = query("/api/export/claims", { ...filters, format: "csv" });
}

// ---- the table ----------------------------------------------------------------------------------

const text = (v) => (v === null || v === undefined ? "" : String(v));
const COLUMNS = [
  { title: "date", field: "event_date", width: 104 },
  { title: "type", field: "event_type" },
  { title: "sub-event type", field: "sub_event_type" },
  { title: "actor 1", field: "actor1" },
  { title: "actor 2", field: "actor2" },
  { title: "country", field: "country" },
  { title: "admin 1", field: "admin1" },
  { title: "admin 2", field: "admin2" },
  { title: "location", field: "location" },
  { title: "deaths", field: "fatalities", hozAlign: "right", formatter: (c) => (c.getValue() === null ? "?" : text(c.getValue())) },
  { title: "status", field: "status" },
  { title: "sources", field: "independent_sources", hozAlign: "right" },
  { title: "claims", field: "claims_count", hozAlign: "right" },
  { title: "geo prec.", field: "geo_precision", hozAlign: "right" },
];

export function createTable(holder, { getFilters, onSort, onRowClick, initialSort }) {
  let lastTotal = 0;
  // the API sorts by the claims count as "claims"
  const apiName = (field) => (field === "claims_count" ? "claims" : field);
  const sorter = (sort) => (sort || []).map((s) => `${s.dir === "desc" ? "-" : ""}${apiName(s.field)}`).join(",");
  const initial = (initialSort || "").split(",").filter(Boolean).map((s) => {
    const name = s.replace(/^[-+]/, "");
    return { column: name === "claims" ? "claims_count" : name, dir: s.startsWith("-") ? "desc" : "asc" };
  });
  const table = new Tabulator(holder, {
    columns: COLUMNS.map((c) => ({ formatter: "plaintext", headerSortStartingDir: "desc", ...c })),
    layout: "fitDataStretch",
    height: "460px",
    placeholder: "No events match these filters",
    pagination: true,
    paginationMode: "remote",
    paginationSize: PAGE_SIZE,
    paginationCounter: "rows",
    sortMode: "remote",
    initialSort: initial,
    ajaxURL: "/api/events",
    ajaxRequestFunc: async (url, config, params) => {
      const sort = sorter(params.sort);
      onSort(sort);
      const filters = getFilters();
      const body = await api(url, { ...filters, view: "summary", sort, limit: params.size,
        offset: (params.page - 1) * params.size });
      lastTotal = body.total;
      holder.dataset.total = String(body.total);
      holder.dataset.page = String(params.page);
      holder.dataset.sort = sort;
      return { last_page: Math.max(1, Math.ceil(body.total / params.size)), last_row: body.total, data: body.events };
    },
  });
  table.on("rowClick", (e, row) => onRowClick(row.getData().event_id));
  table.on("dataProcessed", () => { holder.dataset.loaded = String(Date.now()); });
  // before it is built the table cannot reload (and need not: building loads the current view)
  let built = false;
  table.on("tableBuilt", () => { built = true; });
  return { table, total: () => lastTotal, reload: () => (built ? table.setData() : undefined) };
}

// ---- the aggregate chart --------------------------------------------------------------------------

const MAX_SERIES = 8;
let chart = null;

export async function renderAggregate(filters, colourOf) {
  const period = document.getElementById("agg-period").value;
  const split = document.getElementById("agg-split").value;
  const measure = document.getElementById("agg-measure").value;
  const by = [period, split].filter(Boolean).join(",");
  const canvas = document.getElementById("agg-chart");
  const note = document.getElementById("agg-note");
  document.getElementById("dl-agg").href = query("/api/aggregate", { ...filters, by, format: "csv" });
  canvas.dataset.ready = "false";
  let body;
  try {
    body = await api("/api/aggregate", { ...filters, by });
  } catch (e) {
    note.textContent = `aggregates could not be loaded: ${e.message}`;
    return;
  }
  const periods = [...new Set(body.rows.map((r) => r[period]).filter(Boolean))].sort();
  // the largest series by the measure, the rest summed as "other"
  const totals = new Map();
  for (const r of body.rows) totals.set(r[split] ?? "", (totals.get(r[split] ?? "") || 0) + (r[measure] || 0));
  const top = [...totals.entries()].sort((a, b) => b[1] - a[1]).slice(0, MAX_SERIES).map(([k]) => k);
  const series = new Map(top.map((k) => [k, new Array(periods.length).fill(0)]));
  const index = new Map(periods.map((p, i) => [p, i]));
  for (const r of body.rows) {
    if (!index.has(r[period])) continue;
    const key = split && !top.includes(r[split] ?? "") ? "other" : (split ? (r[split] ?? "") : "");
    if (!series.has(key)) series.set(key, new Array(periods.length).fill(0));
    series.get(key)[index.get(r[period])] += r[measure] || 0;
  }
  const palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22"];
  const datasets = [...series.entries()].map(([key, data], i) => ({
    label: split ? (key || "unknown") : measure,
    data,
    backgroundColor: split === "event_type" && key ? colourOf(key) : palette[i % palette.length],
  }));
  const unknown = body.rows.reduce((n, r) => n + (r.fatalities_unknown || 0), 0);
  note.textContent = measure === "fatalities"
    ? `sum of the reported tolls; ${unknown} event(s) without a reported toll are not counted as 0`
    : `${body.rows.reduce((n, r) => n + r.events, 0)} events${split === "actor" ? " (an event counts under each of its actors)" : ""}`;
  if (chart) chart.destroy();
  chart = new Chart(canvas, {
    type: "bar",
    data: { labels: periods, datasets },
    options: {
      animation: false, responsive: true, maintainAspectRatio: false,
      scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } },
      plugins: { legend: { position: "bottom", labels: { boxWidth: 12 } } },
    },
  });
  canvas.dataset.periods = String(periods.length);
  canvas.dataset.total = String(datasets.reduce((n, d) => n + d.data.reduce((a, b) => a + b, 0), 0));
  canvas.dataset.series = String(datasets.length);
  canvas.dataset.ready = "true";
}
