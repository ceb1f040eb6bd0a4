import Plotly from 'plotly.js-dist-min';
import type { HistoryResponse } from '../../shared/contract';
import { toZonedWallClock } from '../../shared/local-time';
import { type Range, toChartSeries } from '../view-range';

// How the history chart draws with Plotly (the live chart is an SVG path of its
// own). Plotly is given wall-clock strings in the household's zone (see toZonedWallClock).

const LINE = { color: '#4fc3f7', width: 2 };
const HOVER_KW = '%{y:.2f} kW<extra></extra>';

const layout = (xaxis: object): object => ({
  paper_bgcolor: 'rgba(0,0,0,0)',
  plot_bgcolor: 'rgba(0,0,0,0)',
  font: { color: '#c9d4e0', size: 14 },
  margin: { l: 48, r: 12, t: 8, b: 32 },
  xaxis: { type: 'date', gridcolor: '#223', fixedrange: true, ...xaxis },
  yaxis: { title: { text: 'kW' }, rangemode: 'tozero', gridcolor: '#223', fixedrange: true },
  showlegend: false,
});

/** A range of history: the mean over the min/max band (rollups only); gaps break both. */
export function drawHistory(node: HTMLElement, data: HistoryResponse | null, range: Range, timeZone: string): void {
  const series = data ? toChartSeries(data, timeZone) : { x: [], mean: [], min: [], max: [], gaps: 0 };
  const band = data !== null && data.level !== 'raw';
  const edge = { color: 'rgba(79,195,247,0.35)', width: 0 };
  void Plotly.react(
    node,
    [
      { type: 'scatter', mode: 'lines', x: series.x, y: band ? series.min : [], line: edge, hoverinfo: 'skip', connectgaps: false },
      {
        type: 'scatter',
        mode: 'lines',
        x: series.x,
        y: band ? series.max : [],
        line: edge,
        fill: 'tonexty',
        fillcolor: 'rgba(79,195,247,0.25)',
        hoverinfo: 'skip',
        connectgaps: false,
      },
      { type: 'scatter', mode: 'lines', x: series.x, y: series.mean, line: LINE, connectgaps: false, hovertemplate: HOVER_KW },
    ],
    layout({ range: [toZonedWallClock(range.from, timeZone), toZonedWallClock(range.to, timeZone)] }),
    { displayModeBar: false, responsive: true },
  );
}
