import { exceedsThreshold, packetLossPercent } from './packet-loss';

describe('packetLossPercent', () => {
  it.each([
    [20, 20, 0],
    [20, 15, 25],
    [20, 0, 100],
    [3, 2, 33.3],
    [20, 25, 0],
    [0, 0, 100],
  ])('%i sent, %i received: %d%% lost', (sent, received, expected) => {
    expect(packetLossPercent({ sent, received })).toBe(expected);
  });
});

describe('exceedsThreshold', () => {
  it('counts only loss strictly above the threshold as a fault', () => {
    expect(exceedsThreshold(25, 25)).toBe(false);
    expect(exceedsThreshold(30, 25)).toBe(true);
    expect(exceedsThreshold(0, 0)).toBe(false);
    expect(exceedsThreshold(5, 0)).toBe(true);
  });
});
