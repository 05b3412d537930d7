import { SeededRandomSource, standardNormal } from './random-source';

describe('SeededRandomSource', () => {
  it('draws uniformly in [0, 1)', () => {
    const random = new SeededRandomSource(123);
    const buckets = new Array<number>(10).fill(0);

    for (let draw = 0; draw < 10_000; draw += 1) {
      const value = random.next();
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
      buckets[Math.floor(value * 10)] += 1;
    }

    // Each decile expects 1000 draws (sd 30): 900..1100 is over 3 sd.
    for (const count of buckets) {
      expect(count).toBeGreaterThan(900);
      expect(count).toBeLessThan(1100);
    }
  });

  it('gives standard normal draws mean 0 and sd 1', () => {
    const random = new SeededRandomSource(9);
    const draws = Array.from({ length: 10_000 }, () => standardNormal(random));

    const mean = draws.reduce((sum, value) => sum + value, 0) / draws.length;
    const sd = Math.sqrt(
      draws.reduce((sum, value) => sum + (value - mean) ** 2, 0) / draws.length,
    );

    expect(Math.abs(mean)).toBeLessThan(0.05);
    expect(Math.abs(sd - 1)).toBeLessThan(0.05);
  });
});
