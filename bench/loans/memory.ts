/**
 * The bench process's resident memory (the app under test runs in it) across the loans bench:
 * sampled every 50 ms, plus the kernel's own high-water mark (maxRSS) at the end. The load
 * generator is a process of its own and not counted.
 */
export class MemoryWatch {
  private peakBytes = process.memoryUsage().rss;
  private peakHeapBytes = process.memoryUsage().heapUsed;
  private readonly timer = setInterval(() => this.sample(), 50);
  private readonly startMaxRssKb = process.resourceUsage().maxRSS;
  /** The peak RSS within each phase, in MB, by the phase's name (see mark). */
  private readonly phases: Record<string, number> = {};
  private phase = 'start';
  private phasePeakBytes = 0;

  constructor() {
    this.timer.unref();
  }

  sample(): void {
    const { rss, heapUsed } = process.memoryUsage();
    if (rss > this.peakBytes) this.peakBytes = rss;
    if (rss > this.phasePeakBytes) this.phasePeakBytes = rss;
    if (heapUsed > this.peakHeapBytes) this.peakHeapBytes = heapUsed;
  }

  /** Closes the current phase (its peak is kept under its name) and starts the next. */
  mark(next: string): void {
    this.sample();
    this.phases[this.phase] = mb(this.phasePeakBytes);
    this.phase = next;
    this.phasePeakBytes = 0;
  }

  stop(): { peakRssMb: number; peakHeapMb: number; maxRssMb: number; maxRssBeforeMb: number; phasePeakRssMb: Record<string, number> } {
    clearInterval(this.timer);
    this.mark('end');
    return {
      phasePeakRssMb: this.phases,
      peakRssMb: mb(this.peakBytes),
      peakHeapMb: mb(this.peakHeapBytes),
      // The process's high-water mark since it started (so it covers the other scenarios too when they ran first).
      maxRssMb: mb(process.resourceUsage().maxRSS * 1024),
      maxRssBeforeMb: mb(this.startMaxRssKb * 1024),
    };
  }
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
