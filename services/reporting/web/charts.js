// SVG charts drawn by our own code: horizontal bars and a line over time. Each chart is an image
// with a text alternative; the tables next to them carry the same numbers for screen readers.
// Every chart records the sum of what it plots in data-total, which the browser test compares
// with the API's totals.
"use strict";
const SVG = "http://www.w3.org/2000/svg";

function svgNode(name, attributes, text) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes || {})) node.setAttribute(key, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

function chartFrame(container, label, width, height) {
  container.replaceChildren();
  const svg = svgNode("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": label });
  svg.append(svgNode("title", {}, label));
  container.append(svg);
  return svg;
}

function niceMax(value) {
  if (value <= 0) return 1;
  const power = Math.pow(10, Math.floor(Math.log10(value)));
  for (const step of [1, 2, 2.5, 5, 10]) if (value <= step * power) return step * power;
  return 10 * power;
}

// items: [{label, value, title}]; one bar each, labels on the left, values at the bar's end.
function barChart(container, items, label, format) {
  const row = 26, left = 220, right = 70, width = 900;
  const height = Math.max(row * items.length + 30, 60);
  const svg = chartFrame(container, label, width, height);
  const max = niceMax(Math.max(0, ...items.map((i) => i.value)));
  const scale = (width - left - right) / max;
  for (let tick = 0; tick <= 4; tick++) {
    const x = left + (tick * max * scale) / 4;
    svg.append(svgNode("line", { class: "grid", x1: x, x2: x, y1: 0, y2: height - 20 }));
    svg.append(svgNode("text", { x, y: height - 5, "text-anchor": "middle" }, format((tick * max) / 4)));
  }
  items.forEach((item, index) => {
    const y = index * row + 4;
    svg.append(svgNode("text", { x: left - 8, y: y + 15, "text-anchor": "end" },
                       item.label.length > 32 ? item.label.slice(0, 31) + "…" : item.label));
    const bar = svgNode("rect", { class: index % 2 ? "bar2" : "bar", x: left, y, height: row - 8,
                                  width: Math.max(item.value * scale, item.value > 0 ? 1 : 0) });
    bar.append(svgNode("title", {}, `${item.label}: ${format(item.value)}`));
    svg.append(bar);
    svg.append(svgNode("text", { x: left + item.value * scale + 6, y: y + 15 }, format(item.value)));
  });
  container.dataset.total = String(items.reduce((sum, i) => sum + i.value, 0));
}

// points: [{date (YYYY-MM-DD), value, title}] in time order; x by date, y by value.
function lineChart(container, points, label) {
  const width = 900, height = 260, left = 50, bottom = 40, top = 10, right = 20;
  const svg = chartFrame(container, label, width, height);
  container.dataset.total = String(points.reduce((sum, p) => sum + p.value, 0));
  if (points.length === 0) return;
  const times = points.map((p) => Date.parse(p.date));
  const first = Math.min(...times), span = Math.max(Math.max(...times) - first, 1);
  const max = niceMax(Math.max(...points.map((p) => p.value)));
  const x = (time) => left + ((time - first) / span) * (width - left - right);
  const y = (value) => height - bottom - (value / max) * (height - bottom - top);
  for (let tick = 0; tick <= 4; tick++) {
    const value = (tick * max) / 4;
    svg.append(svgNode("line", { class: "grid", x1: left, x2: width - right, y1: y(value), y2: y(value) }));
    svg.append(svgNode("text", { x: left - 6, y: y(value) + 4, "text-anchor": "end" }, String(Math.round(value))));
  }
  svg.append(svgNode("line", { class: "axis", x1: left, x2: width - right, y1: height - bottom, y2: height - bottom }));
  const path = points.map((p, i) => `${i ? "L" : "M"}${x(times[i]).toFixed(1)},${y(p.value).toFixed(1)}`).join(" ");
  svg.append(svgNode("path", { class: "line", d: path }));
  points.forEach((p, i) => {
    const dot = svgNode("circle", { class: "dot", cx: x(times[i]), cy: y(p.value), r: 4 });
    dot.append(svgNode("title", {}, p.title));
    svg.append(dot);
  });
  const labelled = new Set();
  points.forEach((p, i) => {
    const month = p.date.slice(0, 7);
    if (labelled.has(month)) return;
    labelled.add(month);
    svg.append(svgNode("text", { x: x(times[i]), y: height - bottom + 18, "text-anchor": "middle" }, month));
  });
}
