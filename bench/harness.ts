// Shape every benchmark in bench/ returns; bench/run.ts collects them into docs/benchmarks.md.
export interface BenchFigure {
  /** what was measured, e.g. "due-date computations per second" */
  metric: string;
  value: number;
  unit: string;
  /** the target from the issue, as text, e.g. ">= 200000" */
  target?: string;
  /** whether the target was met (undefined when there is no target) */
  met?: boolean;
}

export interface BenchResult {
  name: string;
  figures: BenchFigure[];
  /** a baseline measured in the same run, when the benchmark has one */
  baseline?: BenchFigure[];
  notes?: string;
}

export type Bench = () => Promise<BenchResult>;
