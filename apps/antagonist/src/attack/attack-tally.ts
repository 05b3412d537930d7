import { AttackDto, AttackKind } from '@hms/contracts';

/** Counts what one campaign did, for the line logged when it ends. */
export class AttackTally {
  skipped = 0;
  private readonly startedAt = Date.now();
  private stops = 0;
  private losses = 0;

  count(attack: AttackDto): void {
    if (attack.attack === AttackKind.Stop) {
      this.stops += 1;
    } else {
      this.losses += 1;
    }
  }

  summary(): string {
    const seconds = ((Date.now() - this.startedAt) / 1000).toFixed(1);
    const attacks = this.stops + this.losses;

    return (
      `${attacks} attacks (${this.stops} stops, ${this.losses} packet loss) in ${seconds} s, ` +
      `${this.skipped} ticks skipped (too many attacks under way)`
    );
  }
}
