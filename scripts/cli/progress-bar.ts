/**
 * A one-line progress bar on stderr (stdout stays for results): redrawn in place on a terminal,
 * a line per tenth otherwise (a CI log is not a terminal).
 */
export class ProgressBar {
  private lastTenth = -1;

  constructor(
    private readonly label: string,
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly width = 30,
  ) {}

  update(done: number, total: number): void {
    const ratio = total > 0 ? Math.min(1, done / total) : 1;
    const filled = Math.round(ratio * this.width);
    const line = `${this.label} [${'#'.repeat(filled)}${'-'.repeat(this.width - filled)}] ${(ratio * 100).toFixed(1).padStart(5)}% ${done}/${total}`;
    if (this.stream.isTTY) {
      this.stream.write(`\r${line}`);
      return;
    }
    const tenth = Math.floor(ratio * 10);
    if (tenth !== this.lastTenth) {
      this.lastTenth = tenth;
      this.stream.write(`${line}\n`);
    }
  }

  finish(): void {
    if (this.stream.isTTY) this.stream.write('\n');
  }
}
