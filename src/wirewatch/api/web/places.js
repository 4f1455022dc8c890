// The map's offline detail (without a tile server): town and province names and approximate
// province (admin-1) boundaries, all from /api/places, i.e. the built-in GeoNames gazetteer.
// No offline package of admin-1 outlines exists for us, so the boundaries are derived: the towns'
// Voronoi cells (d3-delaunay), and an edge drawn wherever two neighbouring towns of one country lie
// in different provinces. Names go in as text (divIcon from a DOM node), never as HTML.
import { api } from "./dom.js";

const MIN_ZOOM = 3;   // below it the world view keeps country borders only

export function addPlaceLayer(map, { onError = () => {} } = {}) {
  map.createPane("provinces").style.zIndex = 360;     // above the country fill, under the markers
  map.createPane("placeNames").style.zIndex = 380;
  map.getPane("placeNames").style.pointerEvents = "none";
  const lines = L.layerGroup().addTo(map);
  const labels = L.layerGroup().addTo(map);
  const renderer = L.svg({ pane: "provinces" });
  const box = map.getContainer();
  let seq = 0;
  let timer = null;

  async function update() {
    const zoom = map.getZoom();
    const my = ++seq;
    if (zoom < MIN_ZOOM) {
      lines.clearLayers(); labels.clearLayers();
      box.dataset.provinceLines = "0"; box.dataset.placeNames = "0";
      return;
    }
    const b = map.getBounds();
    const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));
    const bbox = [clamp(b.getWest(), -180, 180), clamp(b.getSouth(), -90, 90), clamp(b.getEast(), -180, 180), clamp(b.getNorth(), -90, 90)];
    if (bbox[0] >= bbox[2]) return;   // a view entirely beyond the antimeridian: nothing to name
    let body;
    try {
      body = await api("/api/places", { bbox: bbox.map((v) => v.toFixed(4)).join(","), zoom });
    } catch (e) {
      onError(`place names could not be loaded: ${e.message}`);
      return;
    }
    if (my !== seq) return;   // the map moved on while this was loading
    if (body.message) onError(body.message);
    lines.clearLayers();
    labels.clearLayers();
    const segments = provinceEdges(body.provinces);
    if (segments.length) {
      L.polyline(segments, { pane: "provinces", renderer, interactive: false, className: "ww-province",
        color: "#8c7b6b", weight: 1, opacity: 0.8, dashArray: "4 3" }).addTo(lines);
    }
    for (const p of body.places) {
      const node = document.createElement("span");
      node.className = `ww-place ww-place-${p.kind}`;
      node.textContent = p.name;
      labels.addLayer(L.marker([p.latitude, p.longitude], { pane: "placeNames", interactive: false, keyboard: false,
        icon: L.divIcon({ html: node, className: "ww-place-icon", iconSize: null }) }));
    }
    box.dataset.provinceLines = String(segments.length);
    box.dataset.placeNames = String(body.places.length);
  }

  map.on("moveend", () => { clearTimeout(timer); timer = setTimeout(update, 120); });
  update();
  return { update };
}

// The Voronoi edges between towns of different provinces of one country, as [[lat, lon], [lat, lon]]
// segments. Computed on longitudes scaled by cos(latitude), so cells are not stretched east-west.
export function provinceEdges(provinces) {
  const sites = (provinces && provinces.sites) || [];
  if (sites.length < 3) return [];
  const country = (k) => provinces.keys[k].split("/")[0];
  const meanLat = sites.reduce((n, s) => n + s[0], 0) / sites.length;
  const k = Math.cos((meanLat * Math.PI) / 180);
  const delaunay = d3.Delaunay.from(sites, (s) => s[1] * k, (s) => s[0]);
  const { triangles, halfedges } = delaunay;
  const centres = delaunay.voronoi().circumcenters;
  const out = [];
  for (let e = 0; e < halfedges.length; e++) {
    const o = halfedges[e];
    if (o < e) continue;   // each inner edge once; hull edges (-1) have no Voronoi edge between cells
    const i = triangles[e], j = triangles[e % 3 === 2 ? e - 2 : e + 1];
    const [a, b] = [sites[i], sites[j]];
    if (a[2] === b[2] || country(a[2]) !== country(b[2])) continue;
    const t1 = Math.floor(e / 3), t2 = Math.floor(o / 3);
    const p = [centres[2 * t1], centres[2 * t1 + 1]], q = [centres[2 * t2], centres[2 * t2 + 1]];
    // across wide empty land or sea a cell edge is a guess: cut it to the stretch near its two towns
    const mid = [(a[1] * k + b[1] * k) / 2, (a[0] + b[0]) / 2];
    const reach = Math.hypot((a[1] - b[1]) * k, a[0] - b[0]);
    const near = (r) => {
      const d = Math.hypot(r[0] - mid[0], r[1] - mid[1]);
      return d <= reach ? r : [mid[0] + ((r[0] - mid[0]) * reach) / d, mid[1] + ((r[1] - mid[1]) * reach) / d];
    };
    const [u, v] = [near(p), near(q)];
    if (u[0] === v[0] && u[1] === v[1]) continue;
    out.push([[u[1], u[0] / k], [v[1], v[0] / k]]);
  }
  return out;
}
