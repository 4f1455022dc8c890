// The timeline (d3): events per day, week, month or year, whichever gives bars wide enough to see.
// Brushing picks a period; when the brush is let go the timeline zooms into that period and re-bins
// it into finer buckets (a few stray years no longer squash the months that matter into two bars).
// Brushing again narrows further; a click without dragging goes back to all dates.

const DAY = 86400000;
const intervals = () => [["day", d3.utcDay], ["week", d3.utcWeek], ["month", d3.utcMonth], ["year", d3.utcYear]];
const MIN_BAR_PX = 6;

const isoDay = (d) => d.toISOString().slice(0, 10);
export const rangeLabel = (range) => (range ? `${isoDay(range[0])} – ${isoDay(new Date(range[1] - DAY))}` : "all dates");

// the finest interval whose buckets over [start, end) are at least MIN_BAR_PX wide
export function pickInterval(start, end, width) {
  const all = intervals();
  for (const [name, interval] of all) {
    const buckets = interval.range(interval.floor(start), interval.ceil(end)).length || 1;
    if (width / buckets >= MIN_BAR_PX) return [name, interval];
  }
  return all[all.length - 1];
}

// days: [{day: Date at 00:00 UTC, n: events that day}] (one entry a day, not one per event:
// 100,000 events fall on a few thousand days); range: [Date, Date) the view is zoomed into, or null;
// onRange(range, final): the brush moved (final: let go, or cleared by a click)
export function renderTimeline(box, days, range, onRange) {
  box.replaceChildren();
  const width = box.clientWidth || 800, height = box.clientHeight || 150;
  const margin = { top: 22, right: 16, bottom: 22, left: 32 };
  const svg = d3.select(box).append("svg").attr("width", width).attr("height", height);
  const dated = range ? days.filter((d) => d.day >= range[0] && d.day < range[1]) : days;
  box.dataset.zoomed = range ? "true" : "false";
  if (!dated.length && !range) {
    svg.append("text").attr("x", margin.left).attr("y", height / 2).text("no dated events");
    box.dataset.interval = ""; box.dataset.bins = "0";
    return;
  }
  // all dates: one spare day either side so the first and last days can be brushed in and out
  const [lo, hi] = range ? [range[0], new Date(range[1] - DAY)] : d3.extent(dated, (d) => d.day);
  const start = range ? range[0] : new Date(lo.getTime() - DAY), end = range ? range[1] : new Date(hi.getTime() + 2 * DAY);
  const [name, interval] = pickInterval(start, end, width - margin.left - margin.right);
  const domain = range ? [start, end] : [interval.floor(start), interval.ceil(end)];
  const x = d3.scaleUtc().domain(domain).range([margin.left, width - margin.right]);
  const thresholds = interval.range(interval.ceil(domain[0]), domain[1]);
  const bins = d3.bin().value((d) => d.day).domain(domain).thresholds(thresholds)(dated);
  for (const b of bins) b.count = d3.sum(b, (d) => d.n);
  box.dataset.interval = name;
  box.dataset.bins = String(bins.length);
  box.dataset.domain = `${isoDay(domain[0])}/${isoDay(domain[1])}`;
  const y = d3.scaleLinear().domain([0, d3.max(bins, (b) => b.count) || 1]).nice().range([height - margin.bottom, margin.top]);
  svg.append("g").attr("class", "bars").selectAll("rect").data(bins).join("rect")
    .attr("class", "bar")
    .attr("data-count", (b) => b.count)
    .attr("x", (b) => x(b.x0) + 1)
    .attr("width", (b) => Math.max(1, x(b.x1) - x(b.x0) - 2))
    .attr("y", (b) => y(b.count))
    .attr("height", (b) => y(0) - y(b.count))
    .append("title").text((b) => `${isoDay(b.x0)} (${name}): ${b.count}`);
  svg.append("g").attr("transform", `translate(0,${height - margin.bottom})`).call(d3.axisBottom(x).ticks(Math.max(2, width / 110)));
  svg.append("g").attr("transform", `translate(${margin.left},0)`).call(d3.axisLeft(y).ticks(Math.min(3, y.domain()[1])).tickFormat(d3.format("d")));
  svg.append("text").attr("class", "interval").attr("x", margin.left).attr("y", 14)
    .text(`events per ${name}${range ? " (zoomed: click for all dates)" : ""}`);
  const brush = d3.brushX()
    .extent([[margin.left, margin.top - 6], [width - margin.right, height - margin.bottom]])
    .on("brush end", (event) => {
      if (!event.sourceEvent && event.type !== "end") return;
      const final = event.type === "end";
      if (!event.selection) {           // a click: back to all dates
        if (final) onRange(null, true);
        return;
      }
      // snap to whole days (an event is dated by day), inside the period shown
      let picked = event.selection.map(x.invert);
      picked = [d3.utcDay.floor(picked[0]), d3.utcDay.ceil(picked[1])];
      if (picked[1] <= picked[0]) picked[1] = new Date(picked[0].getTime() + DAY);
      if (range) picked = [new Date(Math.max(picked[0], range[0])), new Date(Math.min(picked[1], range[1]))];
      svg.selectAll(".bar").classed("out", (b) => b.x1 <= picked[0] || b.x0 >= picked[1]);
      onRange(picked, final);
    });
  svg.append("g").attr("class", "brush").call(brush);
}
