// The events on the map. supercluster (npm) builds a k-d tree hierarchy of clusters once per load
// (per band of zooms, when first needed; 100,000 events in well under a second) and only the
// clusters and markers in view are drawn, again after each move: leaflet.markercluster put every marker into a grid at every zoom level and kept
// 100,000 Leaflet layers alive, most of a 100k-event page load. Clusters show the mix of event types
// as a ring of their colours; events at (nearly) one spot stay together at any zoom and a click
// spreads them out around the spot (spiderfy), with a leg from each to the spot.
import { el } from "./dom.js";

const CLUSTER_PX = 40;   // clustering radius below the unclustered zoom
const SPOT_PX = 2;       // from it on: only events at (nearly) one spot (2 px at the deepest zoom) stay together
const SPLIT_ZOOM = 6;    // zooms below and from it have their own index, each built when first needed
const SLOTS = 8;         // event types counted apart in a cluster
const MARGIN = 0.25;     // drawn beyond the view on each side (of its size): a short pan needs no redraw to look whole

export function createEventLayer(map, { colourOf, radiusOf, onOpen, unclusteredZoom }) {
  const drawn = L.layerGroup().addTo(map);
  const spider = L.layerGroup().addTo(map);
  const markers = new Map();   // event id -> its marker, of those drawn now
  let clusters = [];           // [feature, index, marker] of the clusters drawn now
  let features = [], bands = [], slotOf = new Map(), slotLabels = [];
  let spread = null;           // the cluster marker spread out now
  let version = 0, drawnFor = "";   // what is drawn: the events' version and the view

  // Cluster properties: the count of contested events (c) and of each event type (t0..t7: ACLED
  // has six; a ninth and later share t7), in objects of one fixed shape, which V8 handles fastest.
  const mapProps = (ev) => {
    const o = { c: ev.status === "contested" ? 1 : 0, t0: 0, t1: 0, t2: 0, t3: 0, t4: 0, t5: 0, t6: 0, t7: 0 };
    o[slotOf.get(ev.event_type || "")] = 1;
    return o;
  };
  const reduce = (a, p) => {
    a.c += p.c; a.t0 += p.t0; a.t1 += p.t1; a.t2 += p.t2; a.t3 += p.t3; a.t4 += p.t4; a.t5 += p.t5; a.t6 += p.t6; a.t7 += p.t7;
  };
  // Three indexes, each built on first use: supercluster builds every level from its deepest up,
  // and the deep levels cost the most (100,000 events spread over the world: ~0.3 s for zooms 0-8,
  // ~0.15 s for 0-5). The one-spot index clusters at the deepest zoom only and serves every zoom
  // from the unclustered one on.
  const newBands = () => [
    { top: SPLIT_ZOOM - 1, radius: CLUSTER_PX, minZoom: 0, maxZoom: SPLIT_ZOOM - 1 },
    { top: unclusteredZoom - 1, radius: CLUSTER_PX, minZoom: SPLIT_ZOOM, maxZoom: unclusteredZoom - 1 },
    { top: Infinity, radius: SPOT_PX, minZoom: map.getMaxZoom(), maxZoom: map.getMaxZoom(), spot: true },
  ];
  const indexAt = (zoom) => {
    const band = bands.find((b) => zoom <= b.top);
    band.index = band.index || new Supercluster({ radius: band.radius, extent: 256, minZoom: band.minZoom,
      maxZoom: band.maxZoom, map: mapProps, reduce }).load(features);
    band.index.spot = Boolean(band.spot);
    return band.index;
  };

  function setEvents(events) {
    features = [];
    for (const ev of events) {
      const lat = ev.latitude, lon = ev.longitude;
      if (typeof lat !== "number" || typeof lon !== "number" || !Number.isFinite(lat) || !Number.isFinite(lon)) continue;
      features.push({ type: "Feature", properties: ev, geometry: { type: "Point", coordinates: [lon, lat] } });
    }
    const types = [...new Set(features.map((f) => f.properties.event_type || ""))];
    slotOf = new Map(types.map((t, i) => [t, `t${Math.min(i, SLOTS - 1)}`]));
    slotLabels = types.slice(0, SLOTS);
    if (types.length > SLOTS) slotLabels[SLOTS - 1] = "other";
    bands = newBands();
    version++;
    return features.length;
  }

  function draw() {
    const zoom = Math.round(map.getZoom());
    const b = map.getBounds().pad(MARGIN);
    const bbox = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()];
    const key = `${version} ${zoom} ${bbox.join(" ")}`;
    if (key === drawnFor) return;   // drawn for this view already (a fit's moveend, then the caller)
    drawnFor = key;
    unspread();
    drawn.clearLayers();
    markers.clear();
    clusters = [];
    if (!features.length) return;
    const idx = indexAt(zoom);
    const found = idx.getClusters(bbox, zoom);
    for (const f of found) {
      const [lon, lat] = f.geometry.coordinates;
      if (f.properties.cluster) {
        const m = L.marker([lat, lon], { icon: clusterIcon(f.properties), title: `${f.properties.point_count} events` });
        m.on("click", () => clusterClicked(f, idx, m));
        clusters.push([f, idx, m]);
        drawn.addLayer(m);
      } else {
        drawn.addLayer(eventMarker(f.properties, [lat, lon]));
      }
    }
  }

  function eventMarker(ev, latlng) {
    const Marker = markerClassFor(ev.event_type, ev.status, colourOf);
    const m = new Marker(latlng, { radius: radiusOf(ev.fatalities), wwEvent: ev });
    m.on("click", () => onOpen(ev.event_id));
    m.on("mouseover", () => {
      if (!m.getTooltip()) m.bindTooltip(el("span", {}, `${ev.location || "?"} · ${ev.event_date || "undated"} · ${ev.event_type || ""}`));
      m.openTooltip();
    });
    markers.set(ev.event_id, m);
    return m;
  }

  function clusterClicked(f, idx, marker) {
    const [lon, lat] = f.geometry.coordinates;
    const expansion = idx.getClusterExpansionZoom(f.properties.cluster_id);
    if (idx.spot && expansion > map.getMaxZoom()) {
      if (spread === marker) unspread(); else spreadOut(f, idx, marker);
      return;
    }
    map.setView([lat, lon], Math.max(Math.min(expansion, map.getMaxZoom()), map.getZoom() + 1), { animate: false });
  }

  function clusterIcon(p) {
    const n = p.point_count;
    const size = 26 + Math.min(24, Math.round(Math.sqrt(n) * 4));
    const counts = slotLabels.map((type, i) => [type, p[`t${i}`]]).filter(([, k]) => k > 0)
      .sort((a, b) => b[1] - a[1]);
    let at = 0;
    const stops = counts.map(([type, k]) => {
      const from = at; at += (k / n) * 360;
      return `${colourOf(type)} ${from.toFixed(1)}deg ${at.toFixed(1)}deg`;
    });
    const div = el("div", { class: `ww-cluster${p.c > 0 ? " has-contested" : ""}`,
      dataset: { count: String(n), types: counts.map(([t, k]) => `${t || "?"}:${k}`).join("|") } },
    el("span", {}, String(n)));
    div.style.background = `conic-gradient(${stops.join(", ")})`;
    div.style.width = div.style.height = `${size}px`;
    return L.divIcon({ html: div, className: "ww-cluster-icon", iconSize: [size, size] });
  }

  // Spread a one-spot cluster's events around it: a circle for a few, a spiral for more (the
  // layout leaflet.markercluster uses), each with a leg back to the spot.
  function spreadOut(f, idx, marker) {
    unspread();
    const [lon, lat] = f.geometry.coordinates;
    const leaves = idx.getLeaves(f.properties.cluster_id, Infinity);
    const centre = map.latLngToLayerPoint([lat, lon]);
    const offsets = leaves.length <= 8 ? circle(leaves.length) : spiral(leaves.length);
    leaves.forEach((leaf, i) => {
      const at = map.layerPointToLatLng(centre.add(offsets[i]));
      spider.addLayer(L.polyline([[lat, lon], at], { className: "ww-spider-leg", weight: 1.5, color: "#222",
        opacity: 0.6, interactive: false }));
      spider.addLayer(eventMarker(leaf.properties, at));
    });
    marker.setOpacity(0.3);
    spread = marker;
  }

  function unspread() {
    if (!spread) return;
    for (const layer of spider.getLayers()) {
      const ev = layer.options.wwEvent;
      if (ev && markers.get(ev.event_id) === layer) markers.delete(ev.event_id);
    }
    spider.clearLayers();
    spread.setOpacity(1);
    spread = null;
  }

  // Show one event's own marker: zoom in to where clustering stops, then spread out its spot.
  function reveal(ev, done = () => {}) {
    if (typeof ev.latitude !== "number" || typeof ev.longitude !== "number") return;
    map.once("moveend", () => {      // after draw(), which listens from the start
      if (!markers.has(ev.event_id)) {
        const hit = clusters.find(([f, idx]) => idx.getLeaves(f.properties.cluster_id, Infinity).some((l) => l.properties === ev));
        if (hit) spreadOut(...hit);
      }
      const m = markers.get(ev.event_id);
      done(m ? m.getElement() : null);
    });
    map.setView([ev.latitude, ev.longitude], Math.max(map.getZoom(), unclusteredZoom), { animate: false });
  }

  map.on("moveend", draw);
  map.on("zoomstart", unspread);
  map.on("click", unspread);
  return { setEvents, draw, reveal };
}

function circle(n) {
  const radius = (25 * (2 + n)) / (2 * Math.PI);
  return Array.from({ length: n }, (_, i) => L.point(radius * Math.cos((2 * Math.PI * i) / n), radius * Math.sin((2 * Math.PI * i) / n)));
}

function spiral(n) {
  const out = [];
  let leg = 11, angle = 0;
  for (let i = 0; i < n; i++) {
    angle += 28 / leg + i * 0.0005;
    out.push(L.point(leg * Math.cos(angle), leg * Math.sin(angle)));
    leg += (5 * 2 * Math.PI) / angle;
  }
  return out;
}

// A circle marker whose SVG path names its event (data-event-id, -type, -status) once drawn.
// One subclass per look (event type x status) holds the shared style in its prototype's options.
const markerClasses = new Map();
function markerClassFor(type, status, colourOf) {
  const key = `${type || ""}\u0000${status || ""}`;
  let cls = markerClasses.get(key);
  if (!cls) {
    const contested = status === "contested";
    cls = L.CircleMarker.extend({
      options: {
        color: contested ? "#b3261e" : "#333",
        weight: contested ? 3 : 1,
        dashArray: contested ? "4 3" : null,
        fillColor: colourOf(type),
        fillOpacity: 0.75,
        className: `ww-marker ww-${status || "reported"}`,
        bubblingMouseEvents: false,   // a click on a marker is not a click on the map (which folds a spread spot)
        wwStatus: status,
        wwType: type,
      },
      onAdd(m) {
        L.CircleMarker.prototype.onAdd.call(this, m);
        const ev = this.options.wwEvent, path = this.getElement();
        if (!ev || !path) return;
        path.setAttribute("data-event-id", ev.event_id);
        path.setAttribute("data-event-type", ev.event_type || "");
        path.setAttribute("data-status", ev.status || "");
      },
    });
    markerClasses.set(key, cls);
  }
  return cls;
}
