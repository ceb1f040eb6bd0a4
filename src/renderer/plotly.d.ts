// The few Plotly functions the charts use; the package ships no types of its own.
declare module 'plotly.js-dist-min' {
  type Datum = string | number | null;
  interface PlotlyStatic {
    newPlot: (el: HTMLElement, data: object[], layout?: object, config?: object) => Promise<HTMLElement>;
    react: (el: HTMLElement, data: object[], layout?: object, config?: object) => Promise<HTMLElement>;
    extendTraces: (el: HTMLElement, update: { x: Datum[][]; y: Datum[][] }, indices: number[], maxPoints?: number) => Promise<HTMLElement>;
    relayout: (el: HTMLElement, update: object) => Promise<HTMLElement>;
    purge: (el: HTMLElement) => void;
    Plots: { resize: (el: HTMLElement) => Promise<void> };
  }
  const Plotly: PlotlyStatic;
  export default Plotly;
}
