// uPlot and its stylesheet, imported only here so that the page loads them as a chunk of their
// own (results-trend.ts says why uPlot).
import 'uplot/dist/uPlot.min.css';
export { default as uPlot } from 'uplot';
