/**
 * Where the antagonist's randomness comes from. Injected, so that tests and
 * experiments can replay the same sequence of attacks from a seed.
 */
export interface RandomSource {
  /** A uniform draw in [0, 1). */
  next(): number;
}

export const RANDOM_SOURCE = Symbol('RANDOM_SOURCE');

/**
 * Mulberry32: a 32-bit generator, small and fast, with statistics good enough
 * for choosing attacks. Not for anything that needs to be unpredictable.
 */
export class SeededRandomSource implements RandomSource {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let mixed = this.state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);

    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  }
}

export class MathRandomSource implements RandomSource {
  next(): number {
    return Math.random();
  }
}

/** A standard normal draw (mean 0, sd 1) by the Box-Muller transform. */
export function standardNormal(random: RandomSource): number {
  // 1 - u keeps the logarithm's argument in (0, 1], never log(0).
  const radius = Math.sqrt(-2 * Math.log(1 - random.next()));

  return radius * Math.cos(2 * Math.PI * random.next());
}
