// Equity and drawdown per symbol from the summary's "curves" (at most 2,000 points each), drawn with uPlot, which
// comes as a WebJar from the API's own server: no request leaves for the internet.
import { url } from "./api.js";

let loading = null;

function loadUPlot() {
  if (window.uPlot) return Promise.resolve(window.uPlot);
  if (!loading) {
    loading = new Promise((resolve, reject) => {
      const css = document.createElement("link");
      css.rel = "stylesheet";
      css.href = url("/webjars/uplot/dist/uPlot.min.css");
      document.head.appendChild(css);
      const script = document.createElement("script");
      script.src = url("/webjars/uplot/dist/uPlot.iife.min.js");
      script.onload = () => resolve(window.uPlot);
      script.onerror = () => { loading = null; reject(new Error("the chart library could not be loaded")); };
      document.head.appendChild(script);
    });
  }
  return loading;
}

function width(element) {
  return Math.max(280, Math.floor(element.getBoundingClientRect().width) - 16);
}

/**
 * Draws an equity and a drawdown chart for each symbol into the container.
 * @param {HTMLElement} container where the charts go
 * @param {Object<string, {t: number[], equity: number[], drawdown: number[]}>} curves the summary's curves
 */
export async function drawCurves(container, curves) {
  const uPlot = await loadUPlot();
  const plots = [];
  for (const [symbol, curve] of Object.entries(curves)) {
    const name = symbol === "" ? "the file" : symbol;
    for (const [key, label, color, format] of [
      ["equity", "Equity", "#0b5cad", (v) => v.toFixed(3)],
      ["drawdown", "Drawdown", "#b42318", (v) => (v * 100).toFixed(1) + " %"],
    ]) {
      const figure = document.createElement("figure");
      figure.className = "chart";
      figure.dataset.symbol = symbol;
      figure.dataset.series = key;
      const caption = document.createElement("figcaption");
      caption.textContent = `${label} of ${name} (${curve.t.length} points)`;
      figure.appendChild(caption);
      figure.setAttribute("role", "img");
      figure.setAttribute("aria-label", `${label} of ${name} over time`);
      container.appendChild(figure);
      const options = {
        width: width(figure),
        height: 220,
        series: [
          {},
          { label, stroke: color, width: 1.5, fill: key === "drawdown" ? "rgba(180,35,24,0.12)" : undefined,
            value: (u, v) => (v == null ? "" : format(v)) },
        ],
        axes: [{}, { values: (u, values) => values.map(format), size: 70 }],
        legend: { show: true },
      };
      plots.push(new uPlot(options, [curve.t, curve[key]], figure));
    }
  }
  const resize = () => plots.forEach((plot) => plot.setSize({ width: width(plot.root.parentElement), height: 220 }));
  window.addEventListener("resize", resize);
  return plots;
}
